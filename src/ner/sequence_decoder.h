// First-order sequence decoding over the BIO or BILOU label set (entity.h): emission
// scores from the hashed weight table, Viterbi for the best label sequence,
// and forward-backward for per-token label marginals (used as confidence).
// Decoding enforces well-formedness: in BIO, I-x only after B-x or I-x; in
// BILOU, I-x and L-x only after B-x or I-x, which nothing else may follow
// and which never end a sentence.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ner/entity.h"
#include "ner/features.h"

namespace leakgraph::ner {

// Transition table layout: row `prev` (0..kNumLabels-1, or kNumLabels for the
// sentence start), column `label`.
inline constexpr size_t kTransitionTableSize = (kNumLabels + 1) * kNumLabels;

// True iff `label` may follow `prev` (prev == kNumLabels: sentence start).
bool TransitionAllowed(LabelScheme scheme, int prev, int label);
// True iff a sentence may end with `label`.
bool EndAllowed(LabelScheme scheme, int label);

// emissions[i * kNumLabels + y] = sum of the weight rows of token i.
// REQUIRES: weights holds kNumLabels floats for every row in `features`.
void ComputeEmissions(const SentenceFeatures& features, const float* weights,
                      std::vector<float>& emissions);

// The weight table as a loaded model holds it for tagging: per row, the int16
// weights of the labels its scheme uses only (label order), value = int16 *
// scale, exactly as the model file stores them. A row is 18 (BIO) or 34
// (BILOU) bytes instead of 68, so the random row reads of a sentence touch
// fewer cache lines, and loading does not expand the table to floats.
struct PackedWeights {
  std::vector<int16_t> values;                     // rows * used
  int used = 0;                                    // labels per row
  float scale = 1.0f;
  std::array<int8_t, kNumLabels> label_of_column{};  // column u holds label label_of_column[u]
  bool empty() const { return values.empty(); }
};

// A zeroed table of `rows` rows laid out for `scheme`: its used labels in
// label order, value = int16 * `scale`.
PackedWeights PackedLayout(LabelScheme scheme, float scale, size_t rows);

// ComputeEmissions over a packed table: emissions[i * kNumLabels + y] =
// scale * (integer sum of the token's rows) for the used labels, 0 for the
// others. The rows of the next token are prefetched while one is summed.
// REQUIRES: every row in `features` < weights.values.size() / weights.used.
void ComputePackedEmissions(const SentenceFeatures& features, const PackedWeights& weights,
                            std::vector<float>& emissions);

// Returns the best allowed label sequence for n tokens.
std::vector<int> ViterbiDecode(const std::vector<float>& emissions, size_t n,
                               const float* transitions, LabelScheme scheme);

// Fills marginals[i * kNumLabels + y] with P(label_i = y) under a linear-chain
// model whose log-potentials are the scores divided by `temperature`.
void LabelMarginals(const std::vector<float>& emissions, size_t n, const float* transitions,
                    LabelScheme scheme, float temperature, std::vector<float>& marginals);

}  // namespace leakgraph::ner
