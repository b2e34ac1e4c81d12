// `leakgraph train ner`: trains the NER model of one language on the TRAIN
// split of the shared corpora (ner/corpora.h) and writes the model file.
// The dev split is scored after every epoch for information only.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "extract/archive_reader.h"
#include "ner/clusters.h"
#include "ner/corpora.h"
#include "text/encoding.h"
#include "text/tokenize.h"
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

// ---- Unlabelled text for the word clusters (ner/clusters.h) ----

std::string ReadWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Decodes the HTML/SGML character references the corpora use (&lt; &gt;
// &amp; &quot; &apos; &nbsp; &#N; &#xH;); others are kept as they are.
std::string DecodeEntities(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '&') {
      out.push_back(in[i]);
      continue;
    }
    const size_t semi = in.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    const std::string_view name = in.substr(i + 1, semi - i - 1);
    uint32_t cp = 0;
    if (name == "lt") cp = '<';
    else if (name == "gt") cp = '>';
    else if (name == "amp") cp = '&';
    else if (name == "quot") cp = '"';
    else if (name == "apos") cp = '\'';
    else if (name == "nbsp") cp = ' ';
    else if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      cp = uint32_t(std::strtoul(std::string(name.substr(hex ? 2 : 1)).c_str(), nullptr, hex ? 16 : 10));
      if (cp < 32) cp = '\n';
    }
    if (cp == 0 || cp > 0x10FFFF) {
      out.push_back('&');
      continue;
    }
    leakgraph::text::AppendUtf8(out, char32_t(cp));
    i = semi;
  }
  return out;
}

// The text between each `open` and the next `close`, tags removed.
void AppendBetween(std::string_view doc, std::string_view open, std::string_view close,
                   std::vector<std::string>& out) {
  for (size_t at = doc.find(open); at != std::string_view::npos; at = doc.find(open, at)) {
    const size_t gt = doc.find('>', at);
    if (gt == std::string_view::npos) break;
    const size_t begin = gt + 1;
    const size_t end = doc.find(close, begin);
    if (end == std::string_view::npos) break;
    std::string text;
    bool in_tag = false;
    for (char c : doc.substr(begin, end - begin)) {
      if (c == '<') in_tag = true;
      else if (c == '>') in_tag = false;
      else if (!in_tag) text.push_back(c);
    }
    out.push_back(DecodeEntities(text));
    at = end;
  }
}

std::vector<fs::path> FilesUnder(const fs::path& dir, std::string_view extension) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && (extension.empty() || it->path().extension() == extension))
      files.push_back(it->path());
  std::sort(files.begin(), files.end());
  return files;
}

// Adds the sentences of `text` (leakgraph's tokenizer and sentence splitter).
void AddText(std::string_view text, leakgraph::ner::ClusterBuilder& builder) {
  const std::vector<leakgraph::text::Token> tokens = leakgraph::text::Tokenize(text);
  std::vector<std::string_view> words;
  for (const auto& s : leakgraph::text::SplitSentences(text, tokens)) {
    words.clear();
    for (size_t i = s.begin_token; i < s.end_token; ++i) words.push_back(tokens[i].text);
    builder.AddSentence(words);
  }
}

// Adds the unlabelled text of `source` under `data` (the shared data
// folder). Returns the number of documents, or an error naming the folder.
leakgraph::Result<size_t> AddClusterSource(const fs::path& data, const std::string& source,
                                           leakgraph::ner::ClusterBuilder& builder) {
  const fs::path corpora = data / "corpora";
  size_t documents = 0;
  std::vector<std::string> texts;
  auto flush = [&] {
    for (const auto& t : texts) AddText(t, builder);
    documents += texts.size();
    texts.clear();
  };
  std::vector<fs::path> files;
  if (source == "reuters") {
    files = FilesUnder(corpora / "reuters21578", ".sgm");
    for (const auto& f : files) {
      const std::string doc = ReadWholeFile(f);
      AppendBetween(doc, "<TITLE>", "</TITLE>", texts);
      AppendBetween(doc, "<BODY>", "</BODY>", texts);
      flush();
    }
  } else if (source == "cablegate") {
    files = FilesUnder(corpora / "cablegate", ".html");
    for (const auto& f : files) {
      std::vector<std::string> blocks;
      AppendBetween(ReadWholeFile(f), "<pre", "</pre>", blocks);
      std::set<std::string> seen;  // the pages repeat each block
      for (auto& b : blocks)
        if (seen.insert(b).second) texts.push_back(std::move(b));
      flush();
    }
  } else if (source == "enron") {
    files = FilesUnder(corpora / "enron-sample", "");
    for (const auto& f : files) {
      const std::string doc = ReadWholeFile(f);
      const size_t body = doc.find("\n\n");
      if (body != std::string::npos) texts.push_back(doc.substr(body + 2));
      flush();
    }
  } else if (source == "saudinewsnet") {
    files = FilesUnder(corpora / "saudinewsnet", ".zip");
    for (const auto& f : files) {
      const std::string zip = ReadWholeFile(f);
      auto contents = leakgraph::extract::ReadArchive(zip, leakgraph::extract::ArchiveKinds::kZipOnly, {});
      if (!contents.ok()) return leakgraph::Status::Corrupt(f.string() + ": " + contents.status().message());
      for (const auto& member : contents->members) {
        nlohmann::json articles = nlohmann::json::parse(member.bytes, nullptr, false);
        if (!articles.is_array()) return leakgraph::Status::Corrupt(f.string() + ": not a JSON array");
        for (const auto& a : articles) {
          if (!a.is_object()) continue;
          for (const char* field : {"title", "content"})
            if (a.contains(field) && a[field].is_string()) texts.push_back(a[field].get<std::string>());
        }
      }
      flush();
    }
  } else {
    return leakgraph::Status::InvalidInput("unknown cluster text source '" + source +
                                           "' (train, reuters, cablegate, enron, saudinewsnet)");
  }
  if (files.empty()) return leakgraph::Status::NotFound(corpora.string() + ": no files for '" + source + "'");
  return documents;
}

// The unlabelled text the clusters of each language are learned from, besides
// the training split's own sentences; "none": no clusters. Chosen on the dev
// splits (docs/QUALITY.md): Persian gains from clusters of Arabic news (same
// script, shared names); for English (Reuters, cables) and Arabic they were
// neutral or worse.
std::string DefaultClusterSources(const std::string& lang) {
  if (lang == "fa") return "saudinewsnet";
  return "none";
}

struct TrainNerArgs {
  std::string lang;
  std::string data;
  std::string out;
  std::string lexicon;  // "" = the language's default, "none" = no lexicon
  std::string clusters;         // "" = build them, "none" = no clusters, else a cluster file
  std::string cluster_sources;  // "" = the language's default; "none" = no clusters
  std::string save_clusters;    // where to write the built clusters ("" = nowhere)
  std::string repeat;           // SOURCE=N list ("" = the language's default, "none" = all once)
  int epochs = 0;
  int ensemble = 0;  // 0 = the language's default
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
  if (args.ensemble > 0) options.ensemble = args.ensemble;
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
  const std::string sources =
      args.cluster_sources.empty() ? DefaultClusterSources(args.lang) : args.cluster_sources;
  if (args.clusters == "none" || (args.clusters.empty() && sources == "none")) {
    std::printf("clusters: none\n");
  } else if (!args.clusters.empty()) {
    leakgraph::Result<WordClusters> clusters = ReadClusterFile(args.clusters);
    if (!clusters.ok()) return leakgraph::cli::Fail(clusters.status().message());
    options.clusters = std::move(*clusters);
    std::printf("clusters %s: %zu words\n", args.clusters.c_str(), options.clusters.size());
  } else {
    const auto start = std::chrono::steady_clock::now();
    ClusterBuilder builder;
    std::vector<std::string_view> words;
    for (const auto& s : corpus->train) {  // never the dev sentences
      words.assign(s.tokens.begin(), s.tokens.end());
      builder.AddSentence(words);
    }
    std::stringstream list(sources);
    for (std::string source; std::getline(list, source, ',');) {
      if (source.empty() || source == "train") continue;  // always added, above
      leakgraph::Result<size_t> added = AddClusterSource(data, source, builder);
      if (!added.ok()) return leakgraph::cli::Fail(added.status().message());
    }
    const std::vector<ClusterBuilder::Entry> entries = builder.Build();
    options.clusters = ToWordClusters(entries);
    const bool only_train = sources.empty() || sources == "train";
    std::printf("clusters from train%s%s: %zu tokens, %zu words, %.1fs\n", only_train ? "" : ",",
                only_train ? "" : sources.c_str(), builder.tokens(), entries.size(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (!args.save_clusters.empty())
      if (leakgraph::Status s = WriteClusterFile(args.save_clusters, entries); !s.ok())
        return leakgraph::cli::Fail(s.message());
  }
  const std::string repeat = args.repeat.empty() ? DefaultSourceRepeats(args.lang) : args.repeat;
  leakgraph::Result<std::vector<uint8_t>> repeats = SentenceRepeats(*corpus, repeat);
  if (!repeats.ok()) return leakgraph::cli::Fail(repeats.status().message());
  options.repeats = std::move(*repeats);
  std::printf("repeats per epoch: %s\n", repeat.c_str());
  options.dev = corpus->dev;
  options.on_epoch = [members = options.ensemble](const EpochReport& r) {
    if (members > 1) std::printf("member %d/%d  ", r.member, members);
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
  ner->add_option("--epochs", args->epochs, "Training epochs (default 10; Persian 20)")->check(CLI::Range(1, 100));
  ner->add_option("--ensemble", args->ensemble,
                  "Perceptrons averaged into the model, trained with seeds --seed, --seed + 1, ... "
                  "(default 1; Persian 8, each with its own gazetteer folds)")
      ->check(CLI::Range(1, 50));
  ner->add_option("--lexicon", args->lexicon,
                  "Hunspell .dic word list for lexicon features, or 'none' (default: " +
                      std::string(leakgraph::ner::kPersianLexiconPath) + " for fa, none otherwise)");
  ner->add_option("--hash-bits", args->hash_bits, "log2 of the weight-table rows (default 19)")
      ->check(CLI::Range(10, 24));
  ner->add_option("--seed", args->seed, "Shuffling seed");
  ner->add_option("--clusters", args->clusters,
                  "Word-cluster file (PATH<TAB>WORD lines) to use instead of building the clusters, "
                  "or 'none' for no cluster features");
  ner->add_option("--cluster-text", args->cluster_sources,
                  "Unlabelled text (under DATA/corpora) the word clusters are learned from besides the "
                  "training split: comma-separated of reuters, cablegate, enron, saudinewsnet, or 'train' "
                  "(the training split only) or 'none' (no clusters). Default: saudinewsnet for fa, none "
                  "for en and ar");
  ner->add_option("--save-clusters", args->save_clusters, "Also write the built clusters to this file");
  ner->add_option("--repeat", args->repeat,
                  "Visit the training sentences of a source N times per epoch: comma-separated SOURCE=N "
                  "(sources: the training file names, e.g. wikigold, WNUT17, SEC-filings, re3d/BBC_Online), "
                  "or 'none'. Default: wikigold=8 for en, none for ar and fa");
  ner->callback([args] { RunTrainNer(*args); });
});

}  // namespace
