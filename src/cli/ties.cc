// `leakgraph ties CASE [ENTITY] [--type T] [--co-mention] [--json]`: the ties
// between resolved entities, each with the sentences that state it.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/util.h"
#include "link/tie_json.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister("ties", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("ties", "List who is tied to whom, with the evidence of each tie");
  struct Args {
    std::string dir, entity, type;
    bool json = false, co_mention = false;
    std::int64_t min_weight = 1;
    std::size_t evidence = 3, limit = 0;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The investigation folder")->required();
  cmd->add_option("ENTITY", args->entity, "Only the ties of this entity (id, name or alias)");
  cmd->add_option("-t,--type", args->type,
                  "Only this type: member_of, leads, close_ties, met_with, paid, family, opposes, "
                  "communicated_with, located_in, co_mention");
  cmd->add_flag("--co-mention", args->co_mention, "Also the co-mention ties (named in one sentence)");
  cmd->add_option("--min-weight", args->min_weight, "Only ties stated at least this many times");
  cmd->add_option("-e,--evidence", args->evidence, "Evidence sentences per tie (default 3)");
  cmd->add_option("-n,--limit", args->limit, "At most this many ties, heaviest first (default: all)");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback([args] {
    auto store = OpenCaseStoreOrFail(args->dir);
    if (!store) return;
    store::TieQuery query;
    query.type = args->type;
    query.co_mention = args->co_mention || args->type == store::kCoMention;
    query.min_weight = args->min_weight;
    query.max_evidence = args->evidence;
    query.limit = args->limit;
    if (!args->type.empty()) {
      bool known = args->type == store::kCoMention;
      for (const char* t : store::kTieTypes) known = known || args->type == t;
      if (!known) return Fail("unknown tie type '" + args->type + "'");
    }
    if (!FindEntityOrFail(*store, args->entity, query.entity)) return;
    auto ties = store->Ties(query);
    if (!ties.ok()) return Fail(ties.status().message());
    if (args->json) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& t : *ties) list.push_back(link::TieToJson(t));
      PrintJson({{"ties", list}});
      return;
    }
    if (ties->empty()) {
      std::printf("No ties%s.\n", args->entity.empty() ? "" : " for this entity");
      return;
    }
    for (const auto& t : *ties) {
      const char* arrow = store::IsSymmetricTieType(t.type) ? "--" : "->";
      std::printf("%s (%s) %s[%s x%lld]%s %s (%s)\n", t.source.name.c_str(), t.source.type.c_str(), arrow,
                  t.type.c_str(), static_cast<long long>(t.weight), arrow, t.target.name.c_str(),
                  t.target.type.c_str());
      for (const auto& e : t.evidence) {
        std::printf("    %s: %s\n", e.path.c_str(), link::EvidenceLine(e).c_str());
      }
    }
  });
});

}  // namespace
}  // namespace leakgraph::cli
