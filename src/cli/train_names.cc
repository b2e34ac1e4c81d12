// `leakgraph train names`: trains the Arabic-script <-> Latin name model
// (resolve/transliteration.h) on the TRAIN files of ../shared/data/names,
// leaving out every pair that shares a name with the development files.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/command.h"
#include "resolve/name_pairs.h"
#include "resolve/transliteration.h"

namespace {

using leakgraph::cli::ParentCommand;

namespace fs = std::filesystem;

fs::path DefaultDataDir() {
  std::error_code ec;
  if (fs::is_directory("../shared/data", ec)) return "../shared/data";
  return fs::path(leakgraph::resolve::DefaultTransliterationModelPath()).parent_path() / ".." / ".." /
         "shared" / "data";
}

struct TrainNamesArgs {
  std::string data;
  std::string out = "models/names-translit.bin";
  std::vector<std::string> held_out;
  int iterations = 8;
  double marginal_weight = 1.0;
};

void RunTrainNames(const TrainNamesArgs& args) {
  using namespace leakgraph::resolve;
  const fs::path data = args.data.empty() ? DefaultDataDir() : fs::path(args.data);
  std::vector<fs::path> extra(args.held_out.begin(), args.held_out.end());
  leakgraph::Result<NameTrainingSet> set = LoadNameTrainingSet(data, extra);
  if (!set.ok()) return leakgraph::cli::Fail(set.status().message());
  std::printf("train names: %zu pairs (%zu dropped: they share a name with a held-out file)\n",
              set->pairs.size(), set->held_out_dropped);
  TransliterationTrainingOptions options;
  options.iterations = args.iterations;
  options.on_iteration = [](int it, double ll) {
    std::printf("iteration %d  mean log-likelihood %.4f\n", it, ll);
    std::fflush(stdout);
  };
  leakgraph::Result<TransliterationModel> model = TrainTransliterationModel(set->pairs, options);
  if (!model.ok()) return leakgraph::cli::Fail(model.status().message());
  model->set_marginal_weight(args.marginal_weight);
  const fs::path out(args.out);
  std::error_code ec;
  if (out.has_parent_path()) fs::create_directories(out.parent_path(), ec);
  if (leakgraph::Status s = model->Save(out); !s.ok()) return leakgraph::cli::Fail(s.message());
  std::printf("wrote %s (%zu units)\n", out.string().c_str(), model->unit_count());
}

leakgraph::cli::CommandRegistration kRegister("train-names", [](CLI::App& app) {
  CLI::App* train = ParentCommand(app, "train", "Train a model");
  CLI::App* names = train->add_subcommand("names", "Train the Arabic-script <-> Latin name model");
  auto args = std::make_shared<TrainNamesArgs>();
  names->add_option("--data", args->data, "Shared data folder (default ../shared/data)");
  names->add_option("--out", args->out, "Model file (default models/names-translit.bin)");
  names->add_option("--held-out", args->held_out,
                    "More pair files whose names are left out of training (the dev files always are)");
  names->add_option("--iterations", args->iterations, "EM iterations (default 8)")->check(CLI::Range(1, 50));
  names
      ->add_option("--marginal-weight", args->marginal_weight,
                   "Share of the candidate's log marginal subtracted when ranking (default 1.0)")
      ->check(CLI::Range(0.0, 2.0));
  names->callback([args] { RunTrainNames(*args); });
});

}  // namespace
