// A trained named-entity tagger for one language: hashed features
// (features.h), an averaged-perceptron weight table with BIO or BILOU transitions, and
// constrained Viterbi decoding (sequence_decoder.h). Training lives in
// trainer.h; this class only loads, saves and tags.
//
// File format (little-endian), version kModelVersion (3):
//   "LGNERMDL"  u32 version  char language[8]  u32 hash_bits  u32 num_labels
//   u32 label_scheme (entity.h)  f32 weight_scale  f32 temperature
//   f32 transitions[(L+1)*L]
//   u64 row_bitmap[2^hash_bits / 64]  (bit r set: row r has a non-zero weight)
//   u32 stored_rows  i16 weights[stored_rows * U]  (the set rows in order, the
//       U labels the scheme uses in label order; value = i16 * weight_scale)
//   gazetteer  lexicon  signatures (gazetteer.h)  clusters (clusters.h)  "LGNEREND"
// Version-2 files (the same without clusters) still load, with no cluster
// features.
// Most hashed rows are never touched by training, so storing only the
// non-zero ones keeps the file at a fraction of the dense table.
// Load rejects anything else with Corrupt; a hostile file cannot make it
// allocate more than 2^24 rows.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "leakgraph/status.h"
#include "ner/entity.h"
#include "ner/gazetteer.h"
#include "ner/sequence_decoder.h"
#include "text/tokenize.h"

namespace leakgraph::ner {

inline constexpr uint32_t kModelVersion = 3;
inline constexpr uint32_t kOldestModelVersion = 2;
inline constexpr int kMinHashBits = 10;
inline constexpr int kMaxHashBits = 24;

class NerModel {
 public:
  // An untrained model (all weights 0). REQUIRES: kMinHashBits <= hash_bits <= kMaxHashBits.
  NerModel(std::string language, int hash_bits, LabelScheme scheme = LabelScheme::kBio);

  [[nodiscard]] static Result<NerModel> Load(const std::filesystem::path& path);
  // Writes the model (weights quantised to int16) through a temporary file
  // renamed over `path`. IoError on failure.
  [[nodiscard]] Status Save(const std::filesystem::path& path) const;

  // Tags one sentence. Spans are in token indices, with confidence = the
  // smallest marginal probability of the span's labels. Includes MISC spans.
  // Thread-safe.
  std::vector<EntitySpan> Tag(const std::vector<text::Token>& sentence) const;
  std::vector<EntitySpan> TagWords(const std::vector<std::string_view>& words) const;
  // Same as TagWords without confidences (every span gets 1): faster.
  std::vector<int> PredictLabels(const std::vector<std::string_view>& words) const;

  const std::string& language() const { return language_; }
  int hash_bits() const { return hash_bits_; }
  LabelScheme label_scheme() const { return scheme_; }

  // Parameters, for the trainer. weights(): 2^hash_bits rows of kNumLabels;
  // empty in a loaded model, which tags from the int16 table of the file
  // (PackedWeights, sequence_decoder.h) and saves from it.
  std::vector<float>& weights() { return weights_; }
  const std::vector<float>& weights() const { return weights_; }
  std::vector<float>& transitions() { return transitions_; }
  const std::vector<float>& transitions() const { return transitions_; }
  Gazetteer& gazetteer() { return tables_.gazetteer; }
  const Gazetteer& gazetteer() const { return tables_.gazetteer; }
  WordTables& tables() { return tables_; }
  const WordTables& tables() const { return tables_; }
  // Softmax temperature for confidences (scores are not probabilities).
  void set_temperature(float t) { temperature_ = t; }

 private:
  struct WithoutWeights {};
  // A model whose weights Load fills into packed_ (no float table allocated).
  NerModel(WithoutWeights, std::string language, int hash_bits, LabelScheme scheme);
  [[nodiscard]] Status SaveTo(const std::filesystem::path& path) const;

  std::string language_;
  int hash_bits_ = 0;
  LabelScheme scheme_ = LabelScheme::kBio;
  float temperature_ = 1.0f;
  std::vector<float> weights_;  // a trained model's; empty when loaded
  PackedWeights packed_;        // a loaded model's
  std::vector<float> transitions_;
  WordTables tables_;
};

}  // namespace leakgraph::ner
