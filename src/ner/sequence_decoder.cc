#include "ner/sequence_decoder.h"

#include <algorithm>
#include <cmath>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace leakgraph::ner {

namespace {
constexpr float kNegInf = -std::numeric_limits<float>::infinity();
constexpr int L = kNumLabels;
}  // namespace

bool TransitionAllowed(LabelScheme scheme, int prev, int label) {
  if (!LabelUsed(scheme, label)) return false;
  const bool prev_open = prev > 0 && prev < L && IsOpenLabel(prev);
  if (IsInsideLabel(label)) return prev_open && LabelType(prev) == LabelType(label);
  return scheme == LabelScheme::kBio || !prev_open;
}

bool EndAllowed(LabelScheme scheme, int label) {
  return scheme == LabelScheme::kBio || !IsOpenLabel(label);
}

void ComputeEmissions(const SentenceFeatures& features, const float* weights,
                      std::vector<float>& emissions) {
  const size_t n = features.size();
  emissions.assign(n * L, 0.0f);
  for (size_t i = 0; i < n; ++i) {
    float* out = &emissions[i * L];
    for (uint32_t f = features.offsets[i]; f < features.offsets[i + 1]; ++f) {
      const float* row = weights + size_t(features.rows[f]) * L;
      for (int y = 0; y < L; ++y) out[y] += row[y];
    }
  }
}

namespace {

// Sums the rows of token i (and prefetches those of token i + 1) with USED
// columns known at compile time. With SSE2, eight int16 columns at a time are
// widened to int32 and kept in registers, so a row costs a few instructions
// and many rows' cache misses are in flight at once.
template <int USED>
void SumPackedRows(const SentenceFeatures& features, const PackedWeights& weights,
                   std::vector<float>& emissions) {
  const int16_t* table = weights.values.data();
  const size_t n = features.size();
  auto prefetch_token = [&](size_t i) {
    for (uint32_t f = features.offsets[i]; f < features.offsets[i + 1]; ++f) {
      const char* row = reinterpret_cast<const char*>(table + size_t(features.rows[f]) * USED);
      __builtin_prefetch(row);
      __builtin_prefetch(row + USED * sizeof(int16_t) - 1);
    }
  };
  if (n > 0) prefetch_token(0);
  for (size_t i = 0; i < n; ++i) {
    if (i + 1 < n) prefetch_token(i + 1);
    int32_t sum[USED] = {};
#if defined(__SSE2__)
    constexpr int kChunks = USED / 8;  // whole groups of eight columns; the rest go to sum directly
    __m128i low[kChunks], high[kChunks];
    for (int c = 0; c < kChunks; ++c) low[c] = high[c] = _mm_setzero_si128();
    for (uint32_t f = features.offsets[i]; f < features.offsets[i + 1]; ++f) {
      const int16_t* row = table + size_t(features.rows[f]) * USED;
      for (int c = 0; c < kChunks; ++c) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 8 * c));
        // Sign-extend each int16 to int32: place it in the upper half, shift back.
        low[c] = _mm_add_epi32(low[c], _mm_srai_epi32(_mm_unpacklo_epi16(v, v), 16));
        high[c] = _mm_add_epi32(high[c], _mm_srai_epi32(_mm_unpackhi_epi16(v, v), 16));
      }
      for (int u = 8 * kChunks; u < USED; ++u) sum[u] += row[u];
    }
    for (int c = 0; c < kChunks; ++c) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(sum + 8 * c), low[c]);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(sum + 8 * c + 4), high[c]);
    }
#else
    for (uint32_t f = features.offsets[i]; f < features.offsets[i + 1]; ++f) {
      const int16_t* row = table + size_t(features.rows[f]) * USED;
      for (int u = 0; u < USED; ++u) sum[u] += row[u];
    }
#endif
    float* out = &emissions[i * L];
    for (int u = 0; u < USED; ++u) out[weights.label_of_column[size_t(u)]] = float(sum[u]) * weights.scale;
  }
}

}  // namespace

PackedWeights PackedLayout(LabelScheme scheme, float scale, size_t rows) {
  PackedWeights packed;
  packed.scale = scale;
  for (int y = 0; y < L; ++y)
    if (LabelUsed(scheme, y)) packed.label_of_column[size_t(packed.used++)] = int8_t(y);
  packed.values.assign(rows * size_t(packed.used), 0);
  return packed;
}

void ComputePackedEmissions(const SentenceFeatures& features, const PackedWeights& weights,
                            std::vector<float>& emissions) {
  emissions.assign(features.size() * L, 0.0f);
  // A scheme uses 1 + 2 * kNumEntityTypes labels (BIO) or all of them (BILOU).
  static_assert(L == 1 + 4 * kNumEntityTypes);
  if (weights.used == 1 + 2 * kNumEntityTypes) {
    SumPackedRows<1 + 2 * kNumEntityTypes>(features, weights, emissions);
  } else {
    SumPackedRows<L>(features, weights, emissions);
  }
}

namespace {

// The transitions of a scheme as lists: the labels it uses and, for each, the
// labels that may precede it (both in label order, so that the loops below
// visit the allowed pairs in the order a full L x L loop would, and break ties
// the same way). A BIO sentence step visits 53 pairs instead of 289.
struct TransitionLists {
  int used[L];
  int used_count = 0;
  int previous[L][L];
  int previous_count[L] = {};
  bool end_allowed[L] = {};
  bool allowed[L + 1][L] = {};  // TransitionAllowed(scheme, prev, y), prev == L: the start
};

TransitionLists MakeTransitionLists(LabelScheme scheme) {
  TransitionLists t;
  for (int prev = 0; prev <= L; ++prev)
    for (int y = 0; y < L; ++y) t.allowed[prev][y] = TransitionAllowed(scheme, prev, y);
  for (int y = 0; y < L; ++y) {
    if (!LabelUsed(scheme, y)) continue;
    t.used[t.used_count++] = y;
    t.end_allowed[y] = EndAllowed(scheme, y);
    for (int prev = 0; prev < L; ++prev) {
      if (LabelUsed(scheme, prev) && TransitionAllowed(scheme, prev, y)) t.previous[y][t.previous_count[y]++] = prev;
    }
  }
  return t;
}

const TransitionLists& TransitionListsOf(LabelScheme scheme) {
  static const TransitionLists bio = MakeTransitionLists(LabelScheme::kBio);
  static const TransitionLists bilou = MakeTransitionLists(LabelScheme::kBilou);
  return scheme == LabelScheme::kBio ? bio : bilou;
}

}  // namespace

std::vector<int> ViterbiDecode(const std::vector<float>& emissions, size_t n,
                               const float* transitions, LabelScheme scheme) {
  std::vector<int> labels(n, 0);
  if (n == 0) return labels;
  const TransitionLists& t = TransitionListsOf(scheme);
  std::vector<float> score(n * L, kNegInf);  // unused labels stay -inf
  std::vector<int> back(n * L, 0);
  for (int u = 0; u < t.used_count; ++u) {
    const int y = t.used[u];
    if (t.allowed[L][y]) score[y] = emissions[y] + transitions[L * L + y];
  }
  for (size_t i = 1; i < n; ++i) {
    const float* previous_score = &score[(i - 1) * L];
    for (int u = 0; u < t.used_count; ++u) {
      const int y = t.used[u];
      float best = kNegInf;
      int arg = 0;
      for (int k = 0; k < t.previous_count[y]; ++k) {
        const int prev = t.previous[y][k];
        const float s = previous_score[prev] + transitions[prev * L + y];
        if (s > best) {
          best = s;
          arg = prev;
        }
      }
      score[i * L + y] = best + emissions[i * L + y];
      back[i * L + y] = arg;
    }
  }
  int y = 0;
  for (int c = 1; c < L; ++c)
    if (t.end_allowed[c] && score[(n - 1) * L + c] > score[(n - 1) * L + y]) y = c;
  for (size_t i = n; i-- > 0;) {
    labels[i] = y;
    y = back[i * L + y];
  }
  return labels;
}

void LabelMarginals(const std::vector<float>& emissions, size_t n, const float* transitions,
                    LabelScheme scheme, float temperature, std::vector<float>& marginals) {
  marginals.assign(n * L, 0.0f);
  if (n == 0) return;
  const TransitionLists& t = TransitionListsOf(scheme);
  const float inv_t = temperature > 0 ? 1.0f / temperature : 1.0f;
  // Scaled forward-backward in probability space; each step renormalised.
  // Labels the scheme does not use keep probability 0 and are skipped.
  std::vector<double> alpha(n * L, 0.0), beta(n * L, 0.0), trans((L + 1) * L, 0.0);
  // Subtracting the largest transition changes every path by the same factor.
  // (Over every allowed pair, as before the lists, so that marginals do not move by a rounding.)
  float top_transition = kNegInf;
  for (int prev = 0; prev <= L; ++prev)
    for (int y = 0; y < L; ++y)
      if (t.allowed[prev][y]) top_transition = std::max(top_transition, transitions[prev * L + y]);
  for (int u = 0; u < t.used_count; ++u) {
    const int y = t.used[u];
    if (t.allowed[L][y]) trans[L * L + y] = std::exp(double(transitions[L * L + y] - top_transition) * inv_t);
    for (int k = 0; k < t.previous_count[y]; ++k) {
      const int prev = t.previous[y][k];
      trans[prev * L + y] = std::exp(double(transitions[prev * L + y] - top_transition) * inv_t);
    }
  }
  std::vector<double> emit(n * L, 0.0);
  for (size_t i = 0; i < n; ++i) {
    const float* e = &emissions[i * L];
    const float top = *std::max_element(e, e + L);
    for (int u = 0; u < t.used_count; ++u) {
      const int y = t.used[u];
      emit[i * L + y] = std::exp(double(e[y] - top) * inv_t);
    }
  }
  auto normalise = [&t](double* v) {
    double sum = 0;
    for (int u = 0; u < t.used_count; ++u) sum += v[t.used[u]];
    if (sum > 0 && std::isfinite(sum))
      for (int u = 0; u < t.used_count; ++u) v[t.used[u]] /= sum;
  };
  for (int u = 0; u < t.used_count; ++u) {
    const int y = t.used[u];
    alpha[y] = trans[L * L + y] * emit[y];
  }
  normalise(&alpha[0]);
  for (size_t i = 1; i < n; ++i) {
    for (int u = 0; u < t.used_count; ++u) {
      const int y = t.used[u];
      double s = 0;
      for (int k = 0; k < t.previous_count[y]; ++k) {
        const int prev = t.previous[y][k];
        s += alpha[(i - 1) * L + prev] * trans[prev * L + y];
      }
      alpha[i * L + y] = s * emit[i * L + y];
    }
    normalise(&alpha[i * L]);
  }
  for (int u = 0; u < t.used_count; ++u) {
    const int y = t.used[u];
    beta[(n - 1) * L + y] = t.end_allowed[y] ? 1.0 : 0.0;
  }
  for (size_t i = n - 1; i-- > 0;) {
    for (int u = 0; u < t.used_count; ++u) {
      const int y = t.used[u];
      double s = 0;
      for (int v = 0; v < t.used_count; ++v) {
        const int next = t.used[v];
        s += trans[y * L + next] * emit[(i + 1) * L + next] * beta[(i + 1) * L + next];
      }
      beta[i * L + y] = s;
    }
    normalise(&beta[i * L]);
  }
  for (size_t i = 0; i < n; ++i) {
    double sum = 0;
    for (int u = 0; u < t.used_count; ++u) sum += alpha[i * L + t.used[u]] * beta[i * L + t.used[u]];
    for (int u = 0; u < t.used_count; ++u) {
      const int y = t.used[u];
      marginals[i * L + y] = sum > 0 ? float(alpha[i * L + y] * beta[i * L + y] / sum) : 0.0f;
    }
  }
}

}  // namespace leakgraph::ner
