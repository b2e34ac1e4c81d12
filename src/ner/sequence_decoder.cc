#include "ner/sequence_decoder.h"

#include <algorithm>
#include <cmath>
#include <limits>

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

std::vector<int> ViterbiDecode(const std::vector<float>& emissions, size_t n,
                               const float* transitions, LabelScheme scheme) {
  std::vector<int> labels(n, 0);
  if (n == 0) return labels;
  std::vector<float> score(n * L);
  std::vector<int> back(n * L, 0);
  bool allowed[L * L];
  for (int prev = 0; prev < L; ++prev)
    for (int y = 0; y < L; ++y) allowed[prev * L + y] = TransitionAllowed(scheme, prev, y);
  for (int y = 0; y < L; ++y)
    score[y] = TransitionAllowed(scheme, L, y) ? emissions[y] + transitions[L * L + y] : kNegInf;
  for (size_t i = 1; i < n; ++i) {
    for (int y = 0; y < L; ++y) {
      float best = kNegInf;
      int arg = 0;
      for (int prev = 0; prev < L; ++prev) {
        if (!allowed[prev * L + y]) continue;
        const float s = score[(i - 1) * L + prev] + transitions[prev * L + y];
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
    if (EndAllowed(scheme, c) && score[(n - 1) * L + c] > score[(n - 1) * L + y]) y = c;
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
  const float inv_t = temperature > 0 ? 1.0f / temperature : 1.0f;
  // Scaled forward-backward in probability space; each step renormalised.
  std::vector<double> alpha(n * L), beta(n * L), trans((L + 1) * L);
  // Subtracting the largest transition changes every path by the same factor.
  float top_transition = kNegInf;
  for (int prev = 0; prev <= L; ++prev)
    for (int y = 0; y < L; ++y)
      if (TransitionAllowed(scheme, prev, y)) top_transition = std::max(top_transition, transitions[prev * L + y]);
  for (int prev = 0; prev <= L; ++prev)
    for (int y = 0; y < L; ++y)
      trans[prev * L + y] =
          TransitionAllowed(scheme, prev, y)
              ? std::exp(double(transitions[prev * L + y] - top_transition) * inv_t)
              : 0.0;
  std::vector<double> emit(n * L);
  for (size_t i = 0; i < n; ++i) {
    const float* e = &emissions[i * L];
    const float top = *std::max_element(e, e + L);
    for (int y = 0; y < L; ++y) emit[i * L + y] = std::exp(double(e[y] - top) * inv_t);
  }
  auto normalise = [](double* v) {
    double sum = 0;
    for (int y = 0; y < L; ++y) sum += v[y];
    if (sum > 0 && std::isfinite(sum))
      for (int y = 0; y < L; ++y) v[y] /= sum;
  };
  for (int y = 0; y < L; ++y) alpha[y] = trans[L * L + y] * emit[y];
  normalise(&alpha[0]);
  for (size_t i = 1; i < n; ++i) {
    for (int y = 0; y < L; ++y) {
      double s = 0;
      for (int prev = 0; prev < L; ++prev) s += alpha[(i - 1) * L + prev] * trans[prev * L + y];
      alpha[i * L + y] = s * emit[i * L + y];
    }
    normalise(&alpha[i * L]);
  }
  for (int y = 0; y < L; ++y) beta[(n - 1) * L + y] = EndAllowed(scheme, y) ? 1.0 : 0.0;
  for (size_t i = n - 1; i-- > 0;) {
    for (int y = 0; y < L; ++y) {
      double s = 0;
      for (int next = 0; next < L; ++next)
        s += trans[y * L + next] * emit[(i + 1) * L + next] * beta[(i + 1) * L + next];
      beta[i * L + y] = s;
    }
    normalise(&beta[i * L]);
  }
  for (size_t i = 0; i < n; ++i) {
    double sum = 0;
    for (int y = 0; y < L; ++y) sum += alpha[i * L + y] * beta[i * L + y];
    for (int y = 0; y < L; ++y)
      marginals[i * L + y] = sum > 0 ? float(alpha[i * L + y] * beta[i * L + y] / sum) : 0.0f;
  }
}

}  // namespace leakgraph::ner
