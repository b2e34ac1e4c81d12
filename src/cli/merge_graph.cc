// leakgraph merge-graph GLOBAL CLUSTER: one entity graph (entities, aliases,
// ties, evidence) over the shard folders of a cluster (src/cluster/merge_graph.h).
#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "cli/util.h"
#include "cluster/merge_graph.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister("merge-graph", [](CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "merge-graph", "Merge the entities and ties of a cluster's shard folders into one global folder (incremental)");
  struct Args {
    std::string dir;
    std::string cluster;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("GLOBAL", args->dir, "The global investigation folder (created if missing)")->required();
  cmd->add_option("CLUSTER", args->cluster, "The cluster file listing the shards and their folders")->required();
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback([args] {
    auto report = cluster::MergeGraph(args->dir, args->cluster);
    if (!report.ok()) return Fail(report.status().message());
    bool unreadable = false;
    nlohmann::json shards = nlohmann::json::array();
    for (const auto& s : report->shards) {
      if (s.state == "unreadable") {
        unreadable = true;
        std::fprintf(stderr, "leakgraph: warning: shard %s not merged (its previous import, if any, is kept): %s\n",
                     s.name.c_str(), s.error.c_str());
      } else if (!s.had_relations) {
        std::fprintf(stderr, "leakgraph: warning: shard %s has no relations (store older than schema v4): no ties from it\n",
                     s.name.c_str());
      }
      shards.push_back({{"name", s.name}, {"state", s.state}, {"error", s.error}, {"documents", s.documents},
                        {"relations", s.relations}});
    }
    if (args->json) {
      nlohmann::json out = {{"shards", shards}, {"resolved", report->resolved}};
      if (report->resolved) {
        out["entities"] = report->resolve.entities;
        out["mentions"] = report->resolve.mentions;
      }
      PrintJson(out);
    } else {
      for (const auto& s : report->shards) {
        std::printf("shard %-12s %-10s %zu documents", s.name.c_str(), s.state.c_str(), s.documents);
        if (s.state == "imported") std::printf(", %zu relations", s.relations);
        std::printf("\n");
      }
      if (report->resolved) {
        std::printf("Resolved %zu mentions into %zu entities in %.1fs%s\n", report->resolve.mentions,
                    report->resolve.entities, report->resolve.seconds,
                    report->resolve.transliteration ? "" : " (no transliteration model)");
      } else {
        std::printf("Nothing changed: the entities are up to date\n");
      }
    }
    if (unreadable) SetExitCode(1);
  });
});

}  // namespace
}  // namespace leakgraph::cli
