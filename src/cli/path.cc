// `leakgraph path CASE A B [-k N] [--type T]... [--co-mention] [--json]`:
// how A is connected to B: the k shortest chains of ties between them (fewer
// hops first, then better attested; see src/graph/entity_graph.h), each hop
// with the sentences that state it, trigger words in [brackets].
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/util.h"
#include "graph/analysis.h"
#include "link/tie_json.h"
#include "resolve/entity_lookup.h"

namespace leakgraph::cli {
namespace {

nlohmann::json PathsToJson(const graph::PathsAnswer& answer, const graph::PathsQuery& query) {
  nlohmann::json paths = nlohmann::json::array();
  for (const auto& path : answer.paths) {
    nlohmann::json hops = nlohmann::json::array();
    for (const auto& hop : path.hops) {
      nlohmann::json ties = nlohmann::json::array();
      for (const auto& tie : hop.ties) ties.push_back(link::TieToJson(tie));
      hops.push_back({{"from", link::EntityRefToJson(hop.from)},
                      {"to", link::EntityRefToJson(hop.to)},
                      {"weight", hop.weight},
                      {"ties", ties}});
    }
    paths.push_back({{"length", path.hops.size()}, {"cost", path.cost}, {"hops", hops}});
  }
  nlohmann::json out = {{"from", link::EntityRefToJson(answer.from)},
                        {"to", link::EntityRefToJson(answer.to)},
                        {"k", query.k},
                        {"types", query.filter.types},
                        {"co_mention", query.filter.co_mention},
                        {"paths", paths}};
  if (answer.paths.empty()) out["no_path"] = answer.no_path;
  return out;
}

// "A -[met_with, 2]-> B" in the path's direction; a directed tie stated the
// other way round reads "A <-[paid, 1]- B".
void PrintHop(const graph::PathHop& hop) {
  for (const auto& tie : hop.ties) {
    bool reversed = !store::IsSymmetricTieType(tie.type) && tie.source.id != hop.from.id;
    std::printf("  %s %s[%s, %lld]%s %s\n", hop.from.name.c_str(), reversed ? "<-" : "-", tie.type.c_str(),
                static_cast<long long>(tie.weight), reversed ? "-" : "->", hop.to.name.c_str());
    for (const auto& e : tie.evidence)
      std::printf("      %s: %s\n", e.path.c_str(), link::EvidenceLine(e).c_str());
  }
}

CommandRegistration kRegister("path", [](CLI::App& app) {
  auto* cmd =
      app.add_subcommand("path", "How is A connected to B: the shortest chains of ties, with their evidence");
  struct Args {
    std::string dir, a, b;
    std::vector<std::string> types;
    bool json = false, co_mention = false;
    std::size_t k = 3, evidence = 2;
    std::int64_t min_weight = 1;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The investigation folder")->required();
  cmd->add_option("A", args->a, "An entity id, name or alias")->required();
  cmd->add_option("B", args->b, "An entity id, name or alias")->required();
  cmd->add_option("-k", args->k, "How many paths (default 3)")->check(CLI::Range(1, 100));
  cmd->add_option("-t,--type", args->types,
                  "Only ties of this type (repeat or separate with commas): member_of, leads, close_ties, "
                  "met_with, paid, family, opposes, communicated_with, located_in, co_mention")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');
  cmd->add_flag("--co-mention", args->co_mention,
                "Also ties of entities named in one sentence (each weighs a quarter of a stated tie)");
  cmd->add_option("--min-weight", args->min_weight, "Only ties stated at least this many times");
  cmd->add_option("-e,--evidence", args->evidence, "Evidence sentences per tie (default 2)");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback([args] {
    auto inv = OpenInvestigationOrFail(args->dir);
    if (!inv) return;
    auto store = store::Store::Open(inv->store_path(), false, true);
    if (!store.ok()) return Fail(store.status().message());
    auto a = resolve::FindEntity(*store, args->a);
    if (!a.ok()) return Fail(a.status().message());
    auto b = resolve::FindEntity(*store, args->b);
    if (!b.ok()) return Fail(b.status().message());
    graph::PathsQuery query;
    query.from = a->id;
    query.to = b->id;
    query.k = args->k;
    query.filter = {args->types, args->co_mention, args->min_weight};
    query.max_evidence = args->evidence;
    auto answer = graph::Paths(*store, query);
    if (!answer.ok()) return Fail(answer.status().message());
    if (args->json) return PrintJson(PathsToJson(*answer, query));
    if (answer->paths.empty()) {
      std::printf("No path: %s.\n", answer->no_path.c_str());
      return;
    }
    std::printf("%zu path%s from %s (%s) to %s (%s)\n", answer->paths.size(),
                answer->paths.size() == 1 ? "" : "s", answer->from.name.c_str(), answer->from.type.c_str(),
                answer->to.name.c_str(), answer->to.type.c_str());
    for (std::size_t i = 0; i < answer->paths.size(); ++i) {
      const auto& path = answer->paths[i];
      std::printf("\nPath %zu: %zu hop%s (cost %.2f)\n", i + 1, path.hops.size(),
                  path.hops.size() == 1 ? "" : "s", path.cost);
      for (const auto& hop : path.hops) PrintHop(hop);
    }
  });
});

}  // namespace
}  // namespace leakgraph::cli
