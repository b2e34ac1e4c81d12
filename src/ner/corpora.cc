#include "ner/corpora.h"

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

TrainingOptions DefaultTrainingOptions(std::string_view lang) {
  TrainingOptions options;
  options.epochs = 10;
  options.hash_bits = 19;
  options.seed = 17;
  if (lang == "fa") {
    options.gazetteer_folds = 2;
    options.label_scheme = LabelScheme::kBilou;
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
  if (lang == "ar") {
    status = AppendSplit(ner / "ar" / "anercorp-train.txt", corpus.train, corpus.dev);
  } else if (lang == "fa") {
    status = AppendSplit(ner / "fa" / "arman-train.txt", corpus.train, corpus.dev);
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
    }
    if (status = AppendSplit(ner / "en" / "wikigold" / "wikigold.conll.txt", corpus.train,
                             corpus.dev);
        !status.ok())
      return status;
    for (const char* file : {"SEC-filings/FIN5.txt", "SEC-filings/FIN3.txt",
                             "WNUT17/wnut17train.conll", "WNUT17/emerging.dev.conll",
                             "WNUT17/emerging.test.annotated"})
      if (status = Append(ner / "en" / file, corpus.train); !status.ok()) return status;
  }
  if (!status.ok()) return status;
  return corpus;
}

}  // namespace leakgraph::ner
