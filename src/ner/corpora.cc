#include "ner/corpora.h"

#include <algorithm>
#include <fstream>

namespace leakgraph::ner {

namespace fs = std::filesystem;

namespace {

Status Append(const fs::path& path, std::vector<LabeledSentence>& out) {
  Result<std::vector<LabeledSentence>> read = ReadConll(path);
  if (!read.ok()) return read.status();
  std::move(read->begin(), read->end(), std::back_inserter(out));
  return Status::Ok();
}

Status AppendSplit(const fs::path& path, std::vector<LabeledSentence>& train,
                   std::vector<LabeledSentence>& dev) {
  Result<std::vector<LabeledSentence>> read = ReadConll(path);
  if (!read.ok()) return read.status();
  for (size_t i = 0; i < read->size(); ++i)
    (IsDevSentence(i) ? dev : train).push_back(std::move((*read)[i]));
  return Status::Ok();
}

}  // namespace

bool IsSupportedNerLanguage(std::string_view lang) {
  return lang == "en" || lang == "ar" || lang == "fa";
}

Result<std::vector<NamedEntry>> ReadAnetacNames(const fs::path& tsv, bool arabic_column) {
  std::ifstream in(tsv, std::ios::binary);
  if (!in) return Status::NotFound(tsv.string() + ": cannot open name list");
  std::vector<NamedEntry> names;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t tab1 = line.find('\t');
    if (tab1 == std::string::npos) continue;
    const size_t tab2 = line.find('\t', tab1 + 1);
    if (tab2 == std::string::npos) continue;
    const std::string cls = line.substr(0, tab1);
    EntityType type;
    if (cls == "PERSON") {
      type = EntityType::kPerson;
    } else if (cls == "LOCATION") {
      type = EntityType::kLocation;
    } else if (cls == "ORGANIZATION") {
      type = EntityType::kOrganization;
    } else {
      continue;  // the header row
    }
    std::string name = arabic_column ? line.substr(tab2 + 1) : line.substr(tab1 + 1, tab2 - tab1 - 1);
    if (!name.empty()) names.push_back({std::move(name), type});
  }
  return names;
}

Result<std::vector<std::string>> ReadHunspellWords(const fs::path& dic) {
  std::ifstream in(dic, std::ios::binary);
  if (!in) return Status::NotFound(dic.string() + ": cannot open word list");
  std::vector<std::string> words;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (const size_t slash = line.find('/'); slash != std::string::npos) line.resize(slash);
    const bool is_count = first && !line.empty() &&
                          line.find_first_not_of("0123456789") == std::string::npos;
    first = false;
    if (!is_count && !line.empty()) words.push_back(std::move(line));
  }
  return words;
}

Result<std::vector<uint8_t>> SentenceRepeats(const NerCorpus& corpus, std::string_view spec) {
  std::vector<uint8_t> repeats(corpus.train.size(), 1);
  if (spec.empty() || spec == "none") return repeats;
  size_t at = 0;
  while (at <= spec.size()) {
    const size_t comma = std::min(spec.find(',', at), spec.size());
    const std::string_view item = spec.substr(at, comma - at);
    at = comma + 1;
    const size_t eq = item.find('=');
    const std::string_view count = eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1);
    if (count.empty() || count.size() > 2 || count.find_first_not_of("0123456789") != std::string_view::npos ||
        std::stoi(std::string(count)) > 50)
      return Status::InvalidInput("repeat '" + std::string(item) + "': expected SOURCE=N with N in 0..50");
    const std::string_view source = item.substr(0, eq);
    const auto n = uint8_t(std::stoi(std::string(count)));
    bool found = false;
    for (size_t i = 0; i < corpus.train.size(); ++i) {
      if (corpus.train_source[i] != source) continue;
      repeats[i] = n;
      found = true;
    }
    if (!found) {
      std::string known;
      for (const auto& name : corpus.train_source)
        if (known.find(name) == std::string::npos) known += (known.empty() ? "" : ", ") + name;
      return Status::InvalidInput("repeat: no training source '" + std::string(source) + "' (sources: " + known + ")");
    }
  }
  return repeats;
}

std::string DefaultSourceRepeats(std::string_view lang) { return lang == "en" ? "wikigold=8" : "none"; }

TrainingOptions DefaultTrainingOptions(std::string_view lang) {
  TrainingOptions options;
  options.epochs = 10;
  options.hash_bits = 19;
  options.seed = 17;
  if (lang == "fa") {
    options.gazetteer_folds = 2;
    options.label_scheme = LabelScheme::kBilou;
    // The mean of 8 perceptrons (seeds seed..seed+7, each with its own
    // gazetteer folds) trained 20 epochs: +0.010 F1 on the dev split.
    options.epochs = 20;
    options.ensemble = 8;
    options.vary_folds = true;
  }
  return options;
}

Result<NerCorpus> LoadNerCorpus(const fs::path& data_dir, std::string_view lang) {
  if (!IsSupportedNerLanguage(lang))
    return Status::InvalidInput("unsupported NER language '" + std::string(lang) + "'");
  NerCorpus corpus;
  Result<std::vector<NamedEntry>> names =
      ReadAnetacNames(data_dir / "names" / "anetac-entities.tsv", lang != "en");
  if (!names.ok()) return names.status();
  corpus.names = std::move(*names);
  const fs::path ner = data_dir / "ner";
  Status status;
  // Names the sentences appended to corpus.train since the last call.
  auto name_new = [&](const std::string& source) {
    corpus.train_source.resize(corpus.train.size(), source);
  };
  if (lang == "ar") {
    status = AppendSplit(ner / "ar" / "anercorp-train.txt", corpus.train, corpus.dev);
    name_new("anercorp");
  } else if (lang == "fa") {
    status = AppendSplit(ner / "fa" / "arman-train.txt", corpus.train, corpus.dev);
    name_new("arman");
  } else {
    const fs::path re3d = ner / "en" / "re3d";
    std::error_code ec;
    std::vector<fs::path> sources;
    for (fs::directory_iterator it(re3d, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_directory(ec)) sources.push_back(it->path());
    if (ec || sources.empty()) return Status::NotFound(re3d.string() + ": no re3d sources");
    std::sort(sources.begin(), sources.end());
    for (const auto& source : sources) {
      auto& target = source.filename() == kEnglishHeldOutRe3dSource ? corpus.dev : corpus.train;
      if (status = Append(source, target); !status.ok()) return status;
      name_new("re3d/" + source.filename().string());
    }
    if (status = AppendSplit(ner / "en" / "wikigold" / "wikigold.conll.txt", corpus.train,
                             corpus.dev);
        !status.ok())
      return status;
    name_new("wikigold");
    for (const char* file : {"SEC-filings/FIN5.txt", "SEC-filings/FIN3.txt",
                             "WNUT17/wnut17train.conll", "WNUT17/emerging.dev.conll",
                             "WNUT17/emerging.test.annotated"}) {
      if (status = Append(ner / "en" / file, corpus.train); !status.ok()) return status;
      name_new(fs::path(file).parent_path().string());
    }
  }
  if (!status.ok()) return status;
  return corpus;
}

}  // namespace leakgraph::ner
