#include "ner/scorer.h"

#include <algorithm>
#include <tuple>

namespace leakgraph::ner {

namespace {

std::vector<EntitySpan> ScoredUnique(const std::vector<EntitySpan>& spans) {
  std::vector<EntitySpan> out;
  for (const auto& s : spans)
    if (s.type != EntityType::kMisc) out.push_back(s);
  auto key = [](const EntitySpan& s) { return std::tuple(s.type, s.begin, s.end); };
  std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

void EntityScorer::Add(const std::vector<EntitySpan>& gold, const std::vector<EntitySpan>& predicted) {
  const std::vector<EntitySpan> g = ScoredUnique(gold);
  const std::vector<EntitySpan> p = ScoredUnique(predicted);
  for (const auto& s : g) ++by_type_[static_cast<int>(s.type)].gold;
  for (const auto& s : p) {
    PrfCounts& counts = by_type_[static_cast<int>(s.type)];
    ++counts.predicted;
    if (std::binary_search(g.begin(), g.end(), s, [](const auto& a, const auto& b) {
          return std::tuple(a.type, a.begin, a.end) < std::tuple(b.type, b.begin, b.end);
        }))
      ++counts.correct;
  }
}

PrfCounts EntityScorer::Micro() const {
  PrfCounts total;
  for (const auto& c : by_type_) {
    total.correct += c.correct;
    total.predicted += c.predicted;
    total.gold += c.gold;
  }
  return total;
}

}  // namespace leakgraph::ner
