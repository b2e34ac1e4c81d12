// `leakgraph top CASE [--measure degree|pagerank|betweenness] [--type PERSON]
// [-n N] [--co-mention] [--json]`: the most central entities of the tie graph,
// each with its Leiden community (src/graph/analysis.h).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/util.h"
#include "graph/analysis.h"
#include "link/tie_json.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister("top", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("top", "The most central entities of the tie graph, with their community");
  struct Args {
    std::string dir, measure = "degree", type;
    std::vector<std::string> tie_types;
    bool json = false, co_mention = false;
    std::size_t limit = 20;
    std::int64_t min_weight = 1;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The investigation folder")->required();
  cmd->add_option("-m,--measure", args->measure,
                  "degree (entities tied to; default), pagerank, or betweenness (exact up to 4,000 entities, "
                  "estimated from 200 sampled sources above)");
  cmd->add_option("-t,--type", args->type, "Only entities of this type: PERSON, ORG, LOCATION");
  cmd->add_option("-n,--limit", args->limit, "How many entities (default 20)");
  cmd->add_option("--tie-type", args->tie_types, "Only ties of this type (repeat or separate with commas)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');
  cmd->add_flag("--co-mention", args->co_mention,
                "Also ties of entities named in one sentence (each weighs a quarter of a stated tie)");
  cmd->add_option("--min-weight", args->min_weight, "Only ties stated at least this many times");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback([args] {
    auto measure = graph::ParseMeasure(args->measure);
    if (!measure.ok()) return Fail(measure.status().message());
    auto inv = OpenInvestigationOrFail(args->dir);
    if (!inv) return;
    auto store = store::Store::Open(inv->store_path(), false, true);
    if (!store.ok()) return Fail(store.status().message());
    graph::TopQuery query;
    query.measure = *measure;
    query.entity_type = args->type;
    query.limit = args->limit;
    query.filter = {args->tie_types, args->co_mention, args->min_weight};
    auto top = graph::Top(*store, query);
    if (!top.ok()) return Fail(top.status().message());
    if (args->json) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& s : *top) {
        nlohmann::json e = link::EntityRefToJson(s.entity);
        e["degree"] = s.degree;
        e["strength"] = s.strength;
        e["pagerank"] = s.pagerank;
        if (s.betweenness) e["betweenness"] = *s.betweenness;
        e["community"] = s.community;
        list.push_back(e);
      }
      PrintJson({{"measure", graph::MeasureName(*measure)}, {"type", args->type}, {"entities", list}});
      return;
    }
    if (top->empty()) {
      std::printf("No tied entities%s (has `leakgraph link` run?).\n",
                  args->type.empty() ? "" : (" of type " + args->type).c_str());
      return;
    }
    bool between = *measure == graph::Measure::kBetweenness;
    std::printf("%3s  %-32s %-8s %6s %7s %8s%s %9s\n", "#", "entity", "type", "degree", "weight", "pagerank",
                between ? " betweenness" : "", "community");
    for (std::size_t i = 0; i < top->size(); ++i) {
      const auto& s = (*top)[i];
      std::printf("%3zu  %-32s %-8s %6zu %7.4g %8.4f", i + 1, s.entity.name.c_str(), s.entity.type.c_str(),
                  s.degree, s.strength, s.pagerank);
      if (between) std::printf(" %11.1f", s.betweenness.value_or(0));
      std::printf(" %9zu\n", s.community);
    }
  });
});

}  // namespace
}  // namespace leakgraph::cli
