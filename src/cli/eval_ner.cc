// `leakgraph eval ner`: entity-level exact-match precision, recall and F1 of
// an NER model on a CoNLL file/folder or on re3d folders, plus throughput.
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/command.h"
#include "ner/conll.h"
#include "ner/evaluation.h"
#include "ner/model_path.h"

namespace {

using leakgraph::cli::ParentCommand;

namespace fs = std::filesystem;
using namespace leakgraph::ner;

struct EvalNerArgs {
  std::string lang;
  std::string format = "conll";
  std::string path;
  std::string model;
  bool json = false;
  bool dev_only = false;
  bool format_given = false;  // --format was on the command line
};

// The re3d documents file when `path` is a re3d folder (or that file), else "".
fs::path Re3dDocuments(const fs::path& path) {
  std::error_code ec;
  if (path.filename() == "documents.json" && fs::is_regular_file(path, ec)) return path;
  if (fs::is_directory(path, ec) && fs::is_regular_file(path / "documents.json", ec)) return path / "documents.json";
  return {};
}

nlohmann::json CountsJson(const PrfCounts& c) {
  return {{"precision", c.precision()}, {"recall", c.recall()}, {"f1", c.f1()},
          {"correct", c.correct}, {"predicted", c.predicted}, {"gold", c.gold}};
}

void PrintReport(const EvaluationReport& report, bool json) {
  const EntityType kTypes[] = {EntityType::kPerson, EntityType::kOrganization, EntityType::kLocation};
  if (json) {
    nlohmann::json out;
    out["micro"] = CountsJson(report.scorer.Micro());
    for (EntityType t : kTypes) out["by_type"][std::string(EntityTypeName(t))] = CountsJson(report.scorer.ByType(t));
    out["tokens"] = report.tokens;
    out["tokens_per_second"] = report.tokens_per_second();
    std::printf("%s\n", out.dump(2).c_str());
    return;
  }
  std::printf("%-9s %9s %9s %9s %7s %9s\n", "type", "precision", "recall", "f1", "gold", "predicted");
  auto row = [](const char* name, const PrfCounts& c) {
    std::printf("%-9s %9.4f %9.4f %9.4f %7zu %9zu\n", name, c.precision(), c.recall(), c.f1(), c.gold,
                c.predicted);
  };
  for (EntityType t : kTypes) row(std::string(EntityTypeName(t)).c_str(), report.scorer.ByType(t));
  row("micro", report.scorer.Micro());
  std::printf("tokens %zu, %.0f tokens/s\n", report.tokens, report.tokens_per_second());
}

void RunEvalNer(const EvalNerArgs& args) {
  const fs::path model_path = args.model.empty() ? DefaultModelPath(args.lang) : fs::path(args.model);
  leakgraph::Result<NerModel> model = NerModel::Load(model_path);
  if (!model.ok()) return leakgraph::cli::Fail(model.status().message());
  if (model->language() != args.lang)
    return leakgraph::cli::Fail(model_path.string() + ": model is for '" + model->language() +
                                "', not '" + args.lang + "'");
  std::string format = args.format;
  if (format == "conll") {
    // A re3d folder read as CoNLL would score nothing and say nothing.
    if (const fs::path documents = Re3dDocuments(args.path); !documents.empty()) {
      if (args.format_given || args.dev_only)
        return leakgraph::cli::Fail(documents.string() +
                                    ": this is re3d data (documents.json), not CoNLL; use --format re3d");
      std::fprintf(stderr, "leakgraph: %s: re3d data (documents.json), scoring it as --format re3d\n",
                   documents.string().c_str());
      format = "re3d";
    }
  }
  if (format == "re3d") {
    if (args.dev_only) return leakgraph::cli::Fail("--dev-only applies to --format conll only");
    const fs::path folder = fs::path(args.path).filename() == "documents.json" ? fs::path(args.path).parent_path()
                                                                               : fs::path(args.path);
    leakgraph::Result<EvaluationReport> report = EvaluateRe3d(*model, folder);
    if (!report.ok()) return leakgraph::cli::Fail(report.status().message());
    return PrintReport(*report, args.json);
  }
  leakgraph::Result<std::vector<LabeledSentence>> sentences = ReadConll(args.path);
  if (!sentences.ok()) return leakgraph::cli::Fail(sentences.status().message());
  PrintReport(EvaluateSentences(*model, args.dev_only ? SelectSplit(*sentences, true) : *sentences),
              args.json);
}

leakgraph::cli::CommandRegistration kRegister("eval-ner", [](CLI::App& app) {
  CLI::App* eval = ParentCommand(app, "eval", "Measure quality against annotated data");
  CLI::App* ner = eval->add_subcommand("ner", "Score the named-entity model on annotated text");
  auto args = std::make_shared<EvalNerArgs>();
  ner->add_option("--lang", args->lang, "Language")->required()->check(CLI::IsMember({"en", "ar", "fa"}));
  CLI::Option* format = ner->add_option("--format", args->format,
                                        "Annotation format (default conll; a folder with documents.json is re3d)")
                            ->check(CLI::IsMember({"conll", "re3d"}));
  ner->add_option("path", args->path, "CoNLL file or folder, or re3d folder")->required();
  ner->add_option("--model", args->model, "Model file (default: the installed ner-<lang>.bin)");
  ner->add_flag("--json", args->json, "Print JSON");
  ner->add_flag("--dev-only", args->dev_only, "Score only the dev sentences (index % 10 == 9)");
  ner->callback([args, format] {
    args->format_given = format->count() > 0;
    RunEvalNer(*args);
  });
});

}  // namespace
