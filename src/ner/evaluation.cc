#include "ner/evaluation.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "ner/recognizer.h"

namespace leakgraph::ner {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

size_t CodePointOffset(std::string_view utf8, size_t byte_offset) {
  byte_offset = std::min(byte_offset, utf8.size());
  size_t count = 0;
  for (size_t i = 0; i < byte_offset; ++i)
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80) ++count;
  return count;
}

EvaluationReport EvaluateSentences(const NerModel& model,
                                   const std::vector<LabeledSentence>& sentences) {
  EvaluationReport report;
  std::vector<std::string_view> words;
  for (const auto& sentence : sentences) {
    words.assign(sentence.tokens.begin(), sentence.tokens.end());
    const auto start = Clock::now();
    std::vector<EntitySpan> predicted = model.TagWords(words);
    report.seconds += std::chrono::duration<double>(Clock::now() - start).count();
    report.tokens += words.size();
    report.scorer.Add(sentence.entities, predicted);
  }
  return report;
}

namespace {

// Reads a JSON-lines file into objects. Corrupt names the file and line.
Result<std::vector<nlohmann::json>> ReadJsonLines(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path.string() + ": cannot open");
  std::vector<nlohmann::json> rows;
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json row = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (row.is_discarded() || !row.is_object())
      return Status::Corrupt(path.string() + ":" + std::to_string(number) + ": not a JSON object");
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<EntitySpan> DropNestedGold(std::vector<EntitySpan> spans) {
  std::sort(spans.begin(), spans.end(), [](const auto& a, const auto& b) {
    return a.end - a.begin != b.end - b.begin ? a.end - a.begin > b.end - b.begin : a.begin < b.begin;
  });
  std::vector<EntitySpan> kept;
  for (const auto& s : spans) {
    bool overlaps = false;
    for (const auto& k : kept) overlaps = overlaps || (s.begin < k.end && k.begin < s.end);
    if (!overlaps) kept.push_back(s);
  }
  return kept;
}

Status EvaluateRe3dSource(const Recognizer& recognizer, const fs::path& folder,
                          EvaluationReport& report) {
  Result<std::vector<nlohmann::json>> documents = ReadJsonLines(folder / "documents.json");
  if (!documents.ok()) return documents.status();
  Result<std::vector<nlohmann::json>> entities = ReadJsonLines(folder / "entities.json");
  if (!entities.ok()) return entities.status();
  std::map<std::string, std::vector<EntitySpan>> gold;
  try {
  for (const auto& e : *entities) {
    const auto type = MapEntityLabel(e.value("type", ""));
    const auto begin = e.value("begin", int64_t(-1));
    const auto end = e.value("end", int64_t(-1));
    if (!type || *type == EntityType::kMisc || begin < 0 || end <= begin) continue;
    gold[e.value("documentId", "")].push_back({*type, size_t(begin), size_t(end), 1.0f});
  }
  for (const auto& doc : *documents) {
    const std::string text = doc.value("text", "");
    const auto start = Clock::now();
    std::vector<RecognizedEntity> found = recognizer.Recognize(text, false, &report.tokens);
    report.seconds += std::chrono::duration<double>(Clock::now() - start).count();
    std::vector<EntitySpan> predicted;
    for (const auto& e : found)
      predicted.push_back({e.type, CodePointOffset(text, e.begin), CodePointOffset(text, e.end),
                           e.confidence});
    report.scorer.Add(DropNestedGold(gold[doc.value("_id", "")]), predicted);
  }
  } catch (const nlohmann::json::exception& e) {  // a field of the wrong JSON type
    return Status::Corrupt(folder.string() + ": unexpected re3d field: " + e.what());
  }
  return Status::Ok();
}

}  // namespace

Result<EvaluationReport> EvaluateRe3d(const NerModel& model, const fs::path& folder) {
  std::vector<fs::path> sources;
  std::error_code ec;
  if (fs::is_regular_file(folder / "documents.json", ec)) {
    sources.push_back(folder);
  } else {
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
      if (fs::is_regular_file(it->path() / "documents.json", ec)) sources.push_back(it->path());
    std::sort(sources.begin(), sources.end());
  }
  if (sources.empty()) return Status::NotFound(folder.string() + ": no re3d documents.json");
  Recognizer recognizer(model);
  EvaluationReport report;
  for (const auto& source : sources)
    if (Status s = EvaluateRe3dSource(recognizer, source, report); !s.ok()) return s;
  return report;
}

}  // namespace leakgraph::ner
