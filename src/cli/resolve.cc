// `leakgraph resolve CASE`: recompute the case's entities from its mentions
// and the analyst's decisions; `leakgraph eval resolve CASE --gold FILE`:
// cluster precision and recall against a gold entities file.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/util.h"
#include "resolve/cluster_eval.h"
#include "resolve/resolve_case.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister("resolve", [](CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "resolve", "Cluster the case's names into entities again and replay the analyst's decisions");
  auto dir = std::make_shared<std::string>();
  auto quiet = std::make_shared<bool>(false);
  auto mode = std::make_shared<std::string>("auto");
  cmd->add_option("CASE", *dir, "The investigation folder")->required();
  cmd->add_flag("-q,--quiet", *quiet, "Print nothing but errors");
  cmd->add_option("--mode", *mode,
                  "auto (default: in memory up to " + std::to_string(resolve::kMaxMentionsInMemory) +
                      " name mentions, else by document), memory, or by-document (bounded memory)")
      ->check(CLI::IsMember({"auto", "memory", "by-document"}));
  cmd->callback([dir, quiet, mode] {
    auto inv = OpenInvestigationOrFail(*dir);
    if (!inv) return;
    auto report =
        resolve::ResolveInvestigation(*inv, *mode == "memory"        ? resolve::ResolveMode::kInMemory
                                            : *mode == "by-document" ? resolve::ResolveMode::kByDocument
                                                                     : resolve::ResolveMode::kAuto);
    if (!report.ok()) return Fail(report.status().message());
    if (*quiet) return;
    std::printf("Resolved %zu mentions into %zu entities in %.2fs%s; %zu decisions replayed",
                report->mentions, report->entities, report->seconds,
                report->by_document ? " (document by document)" : "", report->decisions_applied);
    if (report->decisions_skipped) std::printf(", %zu no longer apply", report->decisions_skipped);
    std::printf("%s\n", report->transliteration ? "" : " (no transliteration model: scripts not matched)");
  });

  CLI::App* eval = ParentCommand(app, "eval", "Measure quality against annotated data");
  CLI::App* sub =
      eval->add_subcommand("resolve", "Cluster precision/recall of a case's entities against a gold file");
  struct Args {
    std::string dir, gold;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  sub->add_option("CASE", args->dir, "The investigation folder")->required();
  sub->add_option("--gold", args->gold, "Gold entities (entity_id, type, name, forms separated by ' | ')")
      ->required();
  sub->add_flag("--json", args->json, "Print JSON");
  sub->callback([args] {
    auto inv = OpenInvestigationOrFail(args->dir);
    if (!inv) return;
    auto gold = resolve::ReadGoldEntities(args->gold);
    if (!gold.ok()) return Fail(gold.status().message());
    auto store = store::Store::Open(inv->store_path(), false);
    if (!store.ok()) return Fail(store.status().message());
    std::vector<resolve::ResolvedText> mentions;
    auto rows = store->NameMentions();
    if (!rows.ok()) return Fail(rows.status().message());
    std::map<std::int64_t, std::size_t> index;
    for (const auto& r : *rows) {
      index[r.id] = mentions.size();
      mentions.push_back({r.text, 0});
    }
    auto entities = store->Entities("");
    if (!entities.ok()) return Fail(entities.status().message());
    for (const auto& e : *entities) {
      auto links = store->EntityMentions(e.id);
      if (!links.ok()) return Fail(links.status().message());
      for (const auto& m : *links) {
        auto it = index.find(m.mention_id);
        if (it != index.end()) mentions[it->second].entity = e.id;
      }
    }
    resolve::ClusterEvalReport r = resolve::EvaluateClusters(*gold, mentions);
    if (args->json) {
      nlohmann::json missed = nlohmann::json::array();
      for (const auto& m : r.missed) missed.push_back({{"gold", m.gold_id}, {"form", m.form}});
      PrintJson({{"precision", r.precision},
                 {"recall", r.recall},
                 {"mapped_mentions", r.mapped_mentions},
                 {"missed", missed}});
      return;
    }
    std::printf("cluster precision %.4f  recall %.4f  (%lld gold-mapped mentions)\n", r.precision, r.recall,
                static_cast<long long>(r.mapped_mentions));
    for (const auto& m : r.missed) std::printf("not joined: %s %s\n", m.gold_id.c_str(), m.form.c_str());
  });
});

}  // namespace
}  // namespace leakgraph::cli
