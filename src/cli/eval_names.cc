// `leakgraph eval names`: top-1 and top-5 accuracy of cross-script name
// matching on a pair file (resolve/name_ranking.h), with the learned model or
// the ICU baseline.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/command.h"
#include "resolve/name_pairs.h"
#include "resolve/name_ranking.h"
#include "resolve/transliteration.h"

namespace {

using leakgraph::cli::ParentCommand;

struct EvalNamesArgs {
  std::string format = "pairs";
  std::string path;
  std::string method = "learned";
  std::string model;
  double marginal_weight = -1;
  bool json = false;
};

void RunEvalNames(const EvalNamesArgs& args) {
  using namespace leakgraph::resolve;
  leakgraph::Result<std::vector<NamePair>> pairs = ReadNamePairs(args.path);
  if (!pairs.ok()) return leakgraph::cli::Fail(pairs.status().message());
  if (pairs->empty()) return leakgraph::cli::Fail(args.path + ": no name pairs");
  std::optional<TransliterationModel> model;
  if (args.method == "learned") {
    const std::filesystem::path path =
        args.model.empty() ? DefaultTransliterationModelPath() : std::filesystem::path(args.model);
    leakgraph::Result<TransliterationModel> loaded = TransliterationModel::Load(path);
    if (!loaded.ok()) return leakgraph::cli::Fail(loaded.status().message());
    model = std::move(*loaded);
    if (args.marginal_weight >= 0) model->set_marginal_weight(args.marginal_weight);
  }
  const NameRankingReport r = EvaluateNameRanking(*pairs, model ? &*model : nullptr);
  if (args.json) {
    nlohmann::json out = {{"top1", r.top1},
                          {"top5", r.top5},
                          {"top1_reverse", r.top1_reverse},
                          {"top5_reverse", r.top5_reverse},
                          {"pairs", r.pairs},
                          {"latin_names", r.latin_names},
                          {"arabic_names", r.arabic_names},
                          {"method", args.method},
                          {"pairs_per_second", r.pairs_per_second}};
    std::printf("%s\n", out.dump(2).c_str());
    return;
  }
  std::printf("method %s: %zu pairs, %zu Latin names, %zu Arabic-script names\n", args.method.c_str(),
              r.pairs, r.latin_names, r.arabic_names);
  std::printf("latin -> arabic   top-1 %.4f  top-5 %.4f\n", r.top1, r.top5);
  std::printf("arabic -> latin   top-1 %.4f  top-5 %.4f\n", r.top1_reverse, r.top5_reverse);
  std::printf("%.0f candidate pairs/s\n", r.pairs_per_second);
}

leakgraph::cli::CommandRegistration kRegister("eval-names", [](CLI::App& app) {
  CLI::App* eval = ParentCommand(app, "eval", "Measure quality against annotated data");
  CLI::App* names = eval->add_subcommand("names", "Score cross-script name matching on name pairs");
  auto args = std::make_shared<EvalNamesArgs>();
  names->add_option("--format", args->format, "Input format")->check(CLI::IsMember({"pairs"}));
  names->add_option("path", args->path, "File of latin<TAB>arabic-script lines (either order)")->required();
  names->add_option("--method", args->method, "learned (the model) or icu (the baseline)")
      ->check(CLI::IsMember({"learned", "icu"}));
  names->add_option("--model", args->model, "Model file (default: the installed names-translit.bin)");
  names->add_option("--marginal-weight", args->marginal_weight, "Override the model's marginal weight")
      ->check(CLI::Range(0.0, 2.0));
  names->add_flag("--json", args->json, "Print JSON");
  names->callback([args] { RunEvalNames(*args); });
});

}  // namespace
