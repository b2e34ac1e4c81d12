#include "ner/conll.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

namespace leakgraph::ner {

namespace {

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Splits a line on runs of spaces and tabs.
std::vector<std::string_view> Columns(std::string_view line) {
  std::vector<std::string_view> cols;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
    if (j > i) cols.push_back(line.substr(i, j - i));
    i = j;
  }
  return cols;
}

// Collects tokens and tags of one sentence and turns tags into spans.
class SentenceBuilder {
 public:
  void Add(std::string_view token, std::string_view tag) {
    char prefix = 0;
    std::string_view label = tag;
    if (tag.size() >= 2 && (tag[1] == '-' || tag[1] == '_')) {
      prefix = static_cast<char>(std::toupper(static_cast<unsigned char>(tag[0])));
      label = tag.substr(2);
    }
    std::optional<EntityType> type = MapEntityLabel(label);
    if (prefix != 0 && prefix != 'B' && prefix != 'I' && prefix != 'E' && prefix != 'S') {
      type = MapEntityLabel(tag);  // not a prefix after all
      prefix = 0;
    }
    const size_t index = sentence_.tokens.size();
    sentence_.tokens.emplace_back(token);
    if (!type) {
      open_ = false;
      return;
    }
    const bool continues = open_ && *type == open_type_ && prefix != 'B' && prefix != 'S';
    if (continues) {
      sentence_.entities.back().end = index + 1;
    } else {
      sentence_.entities.push_back({*type, index, index + 1, 1.0f});
    }
    open_ = prefix != 'E' && prefix != 'S';
    open_type_ = *type;
  }

  void Finish(std::vector<LabeledSentence>& out) {
    if (!sentence_.tokens.empty()) out.push_back(std::move(sentence_));
    sentence_ = LabeledSentence();
    open_ = false;
  }

 private:
  LabeledSentence sentence_;
  bool open_ = false;
  EntityType open_type_ = EntityType::kMisc;
};

}  // namespace

std::vector<LabeledSentence> ParseConll(std::string_view text) {
  std::vector<LabeledSentence> sentences;
  SentenceBuilder builder;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (IsBlank(line)) {
      builder.Finish(sentences);
      continue;
    }
    std::vector<std::string_view> cols = Columns(line);
    if (cols.empty()) continue;
    if (cols[0] == "-DOCSTART-") {
      builder.Finish(sentences);
      continue;
    }
    builder.Add(cols[0], cols.size() > 1 ? cols.back() : std::string_view("O"));
  }
  builder.Finish(sentences);
  return sentences;
}

Result<std::vector<LabeledSentence>> ReadConll(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_directory(path, ec)) {
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec)) files.push_back(it->path());
    }
    if (ec) return Status::IoError(path.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
  } else if (fs::is_regular_file(path, ec)) {
    files.push_back(path);
  } else {
    return Status::NotFound(path.string() + ": no such file or folder");
  }
  std::vector<LabeledSentence> all;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Status::IoError(file.string() + ": cannot open");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return Status::IoError(file.string() + ": read failed");
    std::vector<LabeledSentence> part = ParseConll(buffer.str());
    std::move(part.begin(), part.end(), std::back_inserter(all));
  }
  return all;
}

std::vector<LabeledSentence> SelectSplit(const std::vector<LabeledSentence>& sentences, bool dev) {
  std::vector<LabeledSentence> out;
  for (size_t i = 0; i < sentences.size(); ++i)
    if (IsDevSentence(i) == dev) out.push_back(sentences[i]);
  return out;
}

std::vector<int> SpansToLabels(size_t num_tokens, const std::vector<EntitySpan>& spans,
                               LabelScheme scheme) {
  std::vector<int> labels(num_tokens, 0);
  std::vector<bool> taken(num_tokens, false);
  for (const auto& span : spans) {
    if (span.begin >= span.end || span.end > num_tokens) continue;
    bool free = true;
    for (size_t i = span.begin; i < span.end; ++i) free = free && !taken[i];
    if (!free) continue;
    for (size_t i = span.begin; i < span.end; ++i) {
      labels[i] = SpanLabel(scheme, span.type, span.begin, span.end, i);
      taken[i] = true;
    }
  }
  return labels;
}

std::vector<EntitySpan> LabelsToSpans(const std::vector<int>& labels) {
  std::vector<EntitySpan> spans;
  bool open = false;
  for (size_t i = 0; i < labels.size(); ++i) {
    const int label = labels[i];
    if (label <= 0 || label >= kNumLabels) {
      open = false;
      continue;
    }
    const EntityType type = LabelType(label);
    if (IsInsideLabel(label) && open && spans.back().type == type) {
      spans.back().end = i + 1;
    } else {
      spans.push_back({type, i, i + 1, 1.0f});
    }
    open = IsOpenLabel(label);  // L and U close the entity
  }
  return spans;
}

}  // namespace leakgraph::ner
