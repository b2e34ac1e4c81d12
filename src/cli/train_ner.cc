// `leakgraph train ner`: trains the NER model of one language on the TRAIN
// split of the shared corpora (ner/corpora.h) and writes the model file.
// The dev split is scored after every epoch for information only.
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli/command.h"
#include "ner/corpora.h"
#include "ner/model_path.h"
#include "ner/trainer.h"

namespace {

using leakgraph::cli::ParentCommand;

namespace fs = std::filesystem;

fs::path DefaultDataDir() {
  std::error_code ec;
  if (fs::is_directory("../shared/data", ec)) return "../shared/data";
#ifdef LEAKGRAPH_SOURCE_DIR
  return fs::path(LEAKGRAPH_SOURCE_DIR) / ".." / "shared" / "data";
#else
  return "../shared/data";
#endif
}

struct TrainNerArgs {
  std::string lang;
  std::string data;
  std::string out;
  std::string lexicon;  // "" = the language's default, "none" = no lexicon
  int epochs = 0;
  int hash_bits = 0;
  unsigned seed = 17;
};

void RunTrainNer(const TrainNerArgs& args) {
  using namespace leakgraph::ner;
  const fs::path data = args.data.empty() ? DefaultDataDir() : fs::path(args.data);
  leakgraph::Result<NerCorpus> corpus = LoadNerCorpus(data, args.lang);
  if (!corpus.ok()) return leakgraph::cli::Fail(corpus.status().message());
  size_t tokens = 0;
  for (const auto& s : corpus->train) tokens += s.tokens.size();
  std::printf("train ner %s: %zu sentences, %zu tokens, %zu names; dev %zu sentences\n",
              args.lang.c_str(), corpus->train.size(), tokens, corpus->names.size(),
              corpus->dev.size());
  TrainingOptions options = DefaultTrainingOptions(args.lang);
  if (args.epochs > 0) options.epochs = args.epochs;
  if (args.hash_bits > 0) options.hash_bits = args.hash_bits;
  options.seed = args.seed;
  std::string lexicon = args.lexicon;
  if (lexicon.empty() && args.lang == "fa") lexicon = std::string(kPersianLexiconPath);
  if (!lexicon.empty() && lexicon != "none") {
    leakgraph::Result<std::vector<std::string>> words = ReadHunspellWords(lexicon);
    if (!words.ok())
      return leakgraph::cli::Fail(words.status().message() +
                                  " (install Debian's myspell-fa, or pass --lexicon none)");
    options.lexicon = std::move(*words);
    std::printf("lexicon %s: %zu words\n", lexicon.c_str(), options.lexicon.size());
  }
  options.dev = corpus->dev;
  options.on_epoch = [](const EpochReport& r) {
    std::printf("epoch %2d  mistakes %6zu  %.1fs  dev micro F1 %.4f\n", r.epoch, r.mistakes,
                r.seconds, r.dev_f1);
    std::fflush(stdout);
  };
  leakgraph::Result<NerModel> model = TrainNerModel(args.lang, corpus->train, corpus->names, options);
  if (!model.ok()) return leakgraph::cli::Fail(model.status().message());
  const fs::path out = args.out.empty() ? fs::path("models") / ModelFileName(args.lang) : fs::path(args.out);
  std::error_code ec;
  if (out.has_parent_path()) fs::create_directories(out.parent_path(), ec);
  if (leakgraph::Status s = model->Save(out); !s.ok()) return leakgraph::cli::Fail(s.message());
  std::printf("wrote %s\n", out.string().c_str());
}

leakgraph::cli::CommandRegistration kRegister("train-ner", [](CLI::App& app) {
  CLI::App* train = ParentCommand(app, "train", "Train a model");
  CLI::App* ner = train->add_subcommand("ner", "Train the named-entity model of one language");
  auto args = std::make_shared<TrainNerArgs>();
  ner->add_option("--lang", args->lang, "Language")->required()->check(CLI::IsMember({"en", "ar", "fa"}));
  ner->add_option("--data", args->data, "Shared data folder (default ../shared/data)");
  ner->add_option("--out", args->out, "Model file (default models/ner-<lang>.bin)");
  ner->add_option("--epochs", args->epochs, "Training epochs (default 10)")->check(CLI::Range(1, 100));
  ner->add_option("--lexicon", args->lexicon,
                  "Hunspell .dic word list for lexicon features, or 'none' (default: " +
                      std::string(leakgraph::ner::kPersianLexiconPath) + " for fa, none otherwise)");
  ner->add_option("--hash-bits", args->hash_bits, "log2 of the weight-table rows (default 19)")
      ->check(CLI::Range(10, 24));
  ner->add_option("--seed", args->seed, "Shuffling seed");
  ner->callback([args] { RunTrainNer(*args); });
});

}  // namespace
