// `leakgraph entity CASE NAME|ID [--json]`: one entity's names per script,
// why each alias was joined (rule or score), and its mentions with document
// and offsets.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/util.h"
#include "resolve/entity_lookup.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister("entity", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("entity", "Show one entity: its names, why they were joined, its mentions");
  struct Args {
    std::string dir, key;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The investigation folder")->required();
  cmd->add_option("ENTITY", args->key, "An entity id, name or alias")->required();
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback([args] {
    auto inv = OpenInvestigationOrFail(args->dir);
    if (!inv) return;
    auto store = store::Store::Open(inv->store_path(), false);
    if (!store.ok()) return Fail(store.status().message());
    auto e = resolve::FindEntity(*store, args->key);
    if (!e.ok()) return Fail(e.status().message());
    auto mentions = store->EntityMentions(e->id);
    if (!mentions.ok()) return Fail(mentions.status().message());
    if (args->json) {
      nlohmann::json aliases = nlohmann::json::array();
      for (const auto& a : e->aliases)
        aliases.push_back(
            {{"alias", a.alias}, {"script", a.script}, {"count", a.count}, {"reason", a.reason}});
      nlohmann::json ms = nlohmann::json::array();
      for (const auto& m : *mentions)
        ms.push_back({{"mention_id", m.mention_id},
                      {"document_id", m.document_id},
                      {"path", m.path},
                      {"begin", m.begin},
                      {"end", m.end},
                      {"text", m.text},
                      {"reason", m.reason},
                      {"score", m.score}});
      PrintJson({{"id", e->id},
                 {"type", e->type},
                 {"name", e->name},
                 {"created_by", e->created_by},
                 {"aliases", aliases},
                 {"mentions", ms}});
      return;
    }
    std::printf("%s  (%s, entity %lld, %zu mentions%s)\n\nNames:\n", e->name.c_str(), e->type.c_str(),
                static_cast<long long>(e->id), mentions->size(),
                e->created_by == "analyst" ? ", edited by the analyst" : "");
    for (const auto& a : e->aliases)
      std::printf("  %-36s %-8s %4lld x  joined by %s\n", a.alias.c_str(), a.script.c_str(),
                  static_cast<long long>(a.count), a.reason.c_str());
    std::printf("\nMentions:\n");
    for (const auto& m : *mentions) {
      std::printf("  %s [%zu-%zu] %s  (%s", m.path.c_str(), m.begin, m.end, m.text.c_str(), m.reason.c_str());
      if (m.reason == "transliteration") std::printf(" %.3f", m.score);
      std::printf(")\n");
    }
  });
});

}  // namespace
}  // namespace leakgraph::cli
