// `leakgraph entities CASE [--type T] [--json]`: every entity with its type,
// name, aliases in every script and number of mentions.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/util.h"
#include "store/store.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister("entities", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("entities", "List the people, organisations and places of a case");
  struct Args {
    std::string dir, type;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The investigation folder")->required();
  cmd->add_option("--type", args->type, "PERSON, ORG or LOCATION")
      ->transform(CLI::IsMember({"PERSON", "ORG", "LOCATION"}, CLI::ignore_case));
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback([args] {
    auto inv = OpenInvestigationOrFail(args->dir);
    if (!inv) return;
    auto store = store::Store::Open(inv->store_path(), false);
    if (!store.ok()) return Fail(store.status().message());
    auto entities = store->Entities(args->type);
    if (!entities.ok()) return Fail(entities.status().message());
    if (args->json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& e : *entities) {
        nlohmann::json aliases = nlohmann::json::object();
        for (const auto& a : e.aliases) aliases[a.script].push_back(a.alias);
        out.push_back(nlohmann::json{{"id", e.id},
                                     {"type", e.type},
                                     {"name", e.name},
                                     {"aliases", aliases},
                                     {"mentions", e.mention_count},
                                     {"created_by", e.created_by}});
      }
      PrintJson({{"entities", out}});
      return;
    }
    for (const auto& e : *entities) {
      std::string aliases;
      for (const auto& a : e.aliases) {
        if (a.alias == e.name) continue;
        aliases += (aliases.empty() ? "" : " | ") + a.alias;
      }
      std::printf("%6lld  %-8s %-36s %5lld mentions  %s\n", static_cast<long long>(e.id), e.type.c_str(),
                  e.name.c_str(), static_cast<long long>(e.mention_count), aliases.c_str());
    }
  });
});

}  // namespace
}  // namespace leakgraph::cli
