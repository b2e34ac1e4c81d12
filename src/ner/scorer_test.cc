#include "ner/scorer.h"

#include <gtest/gtest.h>

namespace leakgraph::ner {
namespace {

TEST(EntityScorerTest, CountsExactMatchesPerTypeAndMicro) {
  EntityScorer scorer;
  const auto P = EntityType::kPerson, O = EntityType::kOrganization, L = EntityType::kLocation;
  // Gold: PER[0,2) ORG[3,4) LOC[5,6); predicted: PER[0,2) (right), ORG[3,5) (wrong
  // boundary), PER[5,6) (wrong type), MISC[7,8) (ignored).
  scorer.Add({{P, 0, 2}, {O, 3, 4}, {L, 5, 6}},
             {{P, 0, 2}, {O, 3, 5}, {P, 5, 6}, {EntityType::kMisc, 7, 8}});
  scorer.Add({{L, 0, 1}}, {{L, 0, 1}, {L, 0, 1}});  // duplicates count once
  EXPECT_EQ(scorer.ByType(P).correct, 1u);
  EXPECT_EQ(scorer.ByType(P).predicted, 2u);
  EXPECT_EQ(scorer.ByType(P).gold, 1u);
  EXPECT_DOUBLE_EQ(scorer.ByType(P).precision(), 0.5);
  EXPECT_DOUBLE_EQ(scorer.ByType(P).recall(), 1.0);
  EXPECT_EQ(scorer.ByType(O).correct, 0u);
  EXPECT_DOUBLE_EQ(scorer.ByType(O).f1(), 0.0);
  const PrfCounts micro = scorer.Micro();
  EXPECT_EQ(micro.correct, 2u);
  EXPECT_EQ(micro.predicted, 4u);
  EXPECT_EQ(micro.gold, 4u);
  EXPECT_DOUBLE_EQ(micro.f1(), 0.5);
}

TEST(EntityScorerTest, EmptyIsZeroNotNan) {
  EntityScorer scorer;
  EXPECT_EQ(scorer.Micro().f1(), 0.0);
  EXPECT_EQ(scorer.Micro().precision(), 0.0);
}

}  // namespace
}  // namespace leakgraph::ner
