// Entity-level exact-match scoring: a predicted entity counts as correct iff
// a gold entity has the same type, begin and end. Only PERSON, ORG and
// LOCATION are scored (MISC spans on either side are ignored); the micro
// average pools the three types.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "ner/entity.h"

namespace leakgraph::ner {

struct PrfCounts {
  size_t correct = 0;
  size_t predicted = 0;
  size_t gold = 0;

  // Each is 0 when its denominator is 0.
  double precision() const { return predicted == 0 ? 0.0 : double(correct) / double(predicted); }
  double recall() const { return gold == 0 ? 0.0 : double(correct) / double(gold); }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r);
  }
};

class EntityScorer {
 public:
  // Adds one unit of text (a sentence or a document): spans must share a unit.
  // Duplicate spans within `gold` or within `predicted` count once.
  void Add(const std::vector<EntitySpan>& gold, const std::vector<EntitySpan>& predicted);

  const PrfCounts& ByType(EntityType type) const { return by_type_[static_cast<int>(type)]; }
  PrfCounts Micro() const;

 private:
  std::array<PrfCounts, kNumScoredTypes> by_type_{};
};

}  // namespace leakgraph::ner
