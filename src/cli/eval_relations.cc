// `leakgraph eval relations --format re3d PATH [--gold-entities] [--json]`:
// precision, recall and F1 of the typed ties against re3d's relations, per
// type and micro-averaged, and the same for the co-mention baseline.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/util.h"
#include "link/relation_eval.h"
#include "link/tie_eval.h"

namespace leakgraph::cli {
namespace {

nlohmann::json CountsJson(const link::RelationCounts& c) {
  return {{"precision", c.precision()},
          {"recall", c.recall()},
          {"f1", c.f1()},
          {"true_positives", c.true_positives},
          {"false_positives", c.false_positives},
          {"false_negatives", c.false_negatives}};
}

void PrintCounts(const char* label, const link::RelationCounts& c) {
  std::printf("%-22s P %.3f  R %.3f  F1 %.3f   (tp %zu, fp %zu, fn %zu)\n", label, c.precision(), c.recall(),
              c.f1(), c.true_positives, c.false_positives, c.false_negatives);
}

CommandRegistration kRegister("eval-relations", [](CLI::App& app) {
  CLI::App* eval = ParentCommand(app, "eval", "Measure quality against annotated data");
  CLI::App* cmd = eval->add_subcommand("relations", "Score the typed ties against re3d relations");
  struct Args {
    std::string format = "re3d", path;
    bool json = false, gold_entities = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("--format", args->format, "Annotation format (re3d)")->check(CLI::IsMember({"re3d"}));
  cmd->add_option("PATH", args->path, "A re3d source folder (documents.json, entities.json, relations.json) or a "
                                      "folder of them")
      ->required();
  cmd->add_flag("--gold-entities", args->gold_entities,
                "Link re3d's own entity spans instead of ours (scores the linker alone)");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback([args] {
    link::RelationEvalOptions options;
    options.gold_entities = args->gold_entities;
    auto report = link::EvaluateRe3dRelations(args->path, options);
    if (!report.ok()) return Fail(report.status().message());
    const auto& r = *report;
    if (args->json) {
      nlohmann::json by_type = nlohmann::json::object();
      for (const auto& [type, c] : r.by_type) by_type[type] = CountsJson(c);
      PrintJson({{"micro", CountsJson(r.micro)},
                 {"by_type", by_type},
                 {"untyped", CountsJson(r.untyped)},
                 {"baseline", {{"micro", CountsJson(r.baseline_micro)}, {"untyped", CountsJson(r.baseline_untyped)}}},
                 {"documents", r.documents},
                 {"gold_relations", r.gold_relations},
                 {"entities", args->gold_entities ? "gold" : "ner"},
                 {"seconds", r.seconds}});
      return;
    }
    std::printf("%zu documents, %zu gold relations (%s entities)\n\n", r.documents, r.gold_relations,
                args->gold_entities ? "gold" : "NER");
    for (const auto& [type, c] : r.by_type) PrintCounts(type.c_str(), c);
    std::printf("\n");
    PrintCounts("typed ties: micro", r.micro);
    PrintCounts("co-mention: micro", r.baseline_micro);
    PrintCounts("typed ties: untyped", r.untyped);
    PrintCounts("co-mention: untyped", r.baseline_untyped);
  });
});

CommandRegistration kRegisterTies("eval-ties", [](CLI::App& app) {
  CLI::App* eval = ParentCommand(app, "eval", "Measure quality against annotated data");
  CLI::App* cmd = eval->add_subcommand(
      "ties", "Score a case's typed ties against a gold folder (entities.tsv, ties.tsv) written for its archive");
  struct Args {
    std::string dir, gold;
    bool json = false, verbose = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The investigation folder")->required();
  cmd->add_option("GOLD", args->gold, "The gold folder (e.g. examples/sample-gold)")->required();
  cmd->add_flag("-v,--verbose", args->verbose, "List the missed and the spurious ties");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback([args] {
    auto store = OpenCaseStoreOrFail(args->dir, /*read_only=*/true);
    if (!store) return;
    auto report = link::EvaluateTies(*store, args->gold);
    if (!report.ok()) return Fail(report.status().message());
    const auto& r = *report;
    if (args->json) {
      nlohmann::json by_type = nlohmann::json::object();
      for (const auto& [type, c] : r.by_type) by_type[type] = CountsJson(c);
      PrintJson({{"micro", CountsJson(r.micro)}, {"by_type", by_type}, {"missed", r.missed}, {"spurious", r.spurious}});
      return;
    }
    for (const auto& [type, c] : r.by_type) PrintCounts(type.c_str(), c);
    PrintCounts("micro", r.micro);
    if (args->verbose) {
      std::printf("\nMissed:\n");
      for (const auto& m : r.missed) std::printf("  %s\n", m.c_str());
      std::printf("\nSpurious:\n");
      for (const auto& m : r.spurious) std::printf("  %s\n", m.c_str());
    }
  });
});

}  // namespace
}  // namespace leakgraph::cli
