// Reader for CoNLL-style NER files: one token per line with the token in the
// first column and its tag in the last (tab- or space-separated), a blank line
// between sentences, "-DOCSTART-" lines ignored. Tags may be IOB1, BIO (IOB2),
// BIOES or plain IO ("PER"); the type after the prefix is mapped with
// MapEntityLabel, so "B-Organisation", "I-corporation" and "PERS" all work.
// In IO data two adjacent entities of one type cannot be told apart and
// come back as one span.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "leakgraph/status.h"
#include "ner/entity.h"

namespace leakgraph::ner {

// A tokenised sentence with its gold entities (spans in token indices).
struct LabeledSentence {
  std::vector<std::string> tokens;
  std::vector<EntitySpan> entities;
};

// Parses CoNLL text (see file comment). Never fails: malformed lines are read
// as best as possible (a line with one column is a token tagged O).
std::vector<LabeledSentence> ParseConll(std::string_view text);

// Reads a CoNLL file, or every regular file in a folder (recursively, in path
// order). Returns NotFound / IoError naming the path.
[[nodiscard]] Result<std::vector<LabeledSentence>> ReadConll(const std::filesystem::path& path);

// True iff sentence number `index` (0-based, in file order) belongs to the
// development split: every 10th sentence, index % 10 == 9.
inline bool IsDevSentence(size_t index) { return index % 10 == 9; }

// Splits `sentences` by IsDevSentence: returns the dev sentences when
// `dev` is true, the train sentences otherwise.
std::vector<LabeledSentence> SelectSplit(const std::vector<LabeledSentence>& sentences, bool dev);

// Converts gold spans to one BIO label per token (see entity.h). Overlapping
// spans: the first one listed wins.
std::vector<int> SpansToLabels(size_t num_tokens, const std::vector<EntitySpan>& spans,
                               LabelScheme scheme = LabelScheme::kBio);

// Converts BIO labels to spans; an I- label after O or another type starts a
// new span (so malformed label sequences still decode).
std::vector<EntitySpan> LabelsToSpans(const std::vector<int>& labels);

}  // namespace leakgraph::ner
