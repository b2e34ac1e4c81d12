// `leakgraph timeline CASE [ENTITY] [--json]`: dated events (sentences with a
// normalised date in any calendar and at least one entity), by date.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/util.h"
#include "link/tie_json.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister("timeline", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("timeline", "List dated events, overall or of one entity, by date");
  struct Args {
    std::string dir, entity;
    bool json = false;
    std::size_t limit = 0;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The investigation folder")->required();
  cmd->add_option("ENTITY", args->entity, "Only the events of this entity (id, name or alias)");
  cmd->add_option("-n,--limit", args->limit, "At most this many events (default: all)");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback([args] {
    auto store = OpenCaseStoreOrFail(args->dir);
    if (!store) return;
    std::optional<std::int64_t> entity;
    if (!FindEntityOrFail(*store, args->entity, entity)) return;
    auto events = store->Timeline(entity, args->limit);
    if (!events.ok()) return Fail(events.status().message());
    if (args->json) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& e : *events) list.push_back(link::EventToJson(e));
      PrintJson({{"events", list}});
      return;
    }
    if (events->empty()) {
      std::printf("No dated events found.\n");
      return;
    }
    for (const auto& e : *events) {
      std::string names;
      for (const auto& r : e.entities) names += (names.empty() ? "" : ", ") + r.name;
      std::string text = e.text;
      for (char& c : text) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
      }
      std::printf("%-10s (%s)  %s\n    %s: %s\n", e.date.c_str(), e.original.c_str(), names.c_str(),
                  e.path.c_str(), text.c_str());
    }
  });
});

}  // namespace
}  // namespace leakgraph::cli
