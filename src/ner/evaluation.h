// Measuring a NerModel on annotated data: CoNLL sentences (gold spans in
// tokens) or re3d folders (documents.json + entities.json, gold spans in
// character offsets; the documents go through the Recognizer, so tokenising
// and sentence splitting are measured too). Entity-level exact match, see
// scorer.h.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "leakgraph/status.h"
#include "ner/conll.h"
#include "ner/ner_model.h"
#include "ner/scorer.h"

namespace leakgraph::ner {

struct EvaluationReport {
  EntityScorer scorer;
  size_t tokens = 0;
  double seconds = 0;  // time spent tagging (and tokenising, for re3d)
  double tokens_per_second() const { return seconds > 0 ? double(tokens) / seconds : 0.0; }
};

EvaluationReport EvaluateSentences(const NerModel& model,
                                   const std::vector<LabeledSentence>& sentences);

// `folder` holds documents.json and entities.json (JSON lines, as in
// dstl/re3d), or sub-folders that do. Gold entities of PERSON, ORG and
// LOCATION types that overlap a longer gold entity are dropped (re3d nests
// some annotations; a flat tagger cannot produce both). Corrupt on
// unparsable JSON, NotFound when no documents.json is found.
[[nodiscard]] Result<EvaluationReport> EvaluateRe3d(const NerModel& model,
                                                    const std::filesystem::path& folder);

// Converts a byte offset in `utf8` to a code point offset. Offsets past the
// end map to the total number of code points.
size_t CodePointOffset(std::string_view utf8, size_t byte_offset);

}  // namespace leakgraph::ner
