// Feature extraction for the NER tagger: every token gets ~40 features
// (its word, shape, affixes, neighbours ±2, Arabic clitic-free forms,
// gazetteer matches, and when the model has them, lexicon membership,
// word signatures (gazetteer.h) and word-cluster path prefixes of the word
// and its neighbours (clusters.h)), each hashed straight to a row of the weight table
// (feature hashing), so no feature string is ever built. The feature set is
// part of the model format: changing a template requires retraining and a
// new kModelVersion (ner_model.h).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "ner/gazetteer.h"
#include "ner/word_features.h"

namespace leakgraph::ner {

struct SentenceFeatures {
  std::vector<uint32_t> rows;     // weight-row indices, token by token
  std::vector<uint32_t> offsets;  // token i uses rows[offsets[i], offsets[i + 1])
  size_t size() const { return offsets.empty() ? 0 : offsets.size() - 1; }
};

// Buffers reused across sentences so that extraction does not allocate in
// steady state. One per thread.
struct FeatureScratch {
  WordScratch word;
  std::vector<WordKeys> keys;
  std::vector<uint64_t> folded;
  std::vector<uint64_t> stripped;
  std::vector<uint16_t> gazetteer_bits;
  std::vector<uint8_t> lexicon_class;
  std::vector<const ClusterPath*> clusters;
};

// Fills `out` with the feature rows of each word. REQUIRES: 10 <= hash_bits <= 26.
void ExtractFeatures(const std::vector<std::string_view>& words, const WordTables& tables,
                     int hash_bits, FeatureScratch& scratch, SentenceFeatures& out);

}  // namespace leakgraph::ner
