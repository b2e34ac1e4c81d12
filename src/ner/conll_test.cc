#include "ner/conll.h"

#include <gtest/gtest.h>

namespace leakgraph::ner {
namespace {

TEST(MapEntityLabelTest, MapsCorpusLabelsCaseInsensitively) {
  EXPECT_EQ(MapEntityLabel("PERS"), EntityType::kPerson);
  EXPECT_EQ(MapEntityLabel("person"), EntityType::kPerson);
  EXPECT_EQ(MapEntityLabel("Organisation"), EntityType::kOrganization);
  EXPECT_EQ(MapEntityLabel("corporation"), EntityType::kOrganization);
  EXPECT_EQ(MapEntityLabel("GPE"), EntityType::kLocation);
  EXPECT_EQ(MapEntityLabel("loc"), EntityType::kLocation);
  EXPECT_EQ(MapEntityLabel("Nationality"), EntityType::kMisc);
  EXPECT_EQ(MapEntityLabel("O"), std::nullopt);
  EXPECT_EQ(MapEntityLabel(""), std::nullopt);
}

TEST(ParseConllTest, ReadsBioWithTabsAndSentenceBreaks) {
  auto s = ParseConll("-DOCSTART- -X- O O\n\nJohn\tB-Person\nSmith\tI-Person\nvisited\tO\n"
                      "Paris\tB-Location\n\nIBM\tB-Organisation\nIBM\tB-Organisation\n");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].tokens.size(), 4u);
  ASSERT_EQ(s[0].entities.size(), 2u);
  EXPECT_EQ(s[0].entities[0], (EntitySpan{EntityType::kPerson, 0, 2}));
  EXPECT_EQ(s[0].entities[1], (EntitySpan{EntityType::kLocation, 3, 4}));
  ASSERT_EQ(s[1].entities.size(), 2u);  // B- after B- of the same type starts a new entity
}

TEST(ParseConllTest, ReadsIoAndIob1AndLastColumnTags) {
  // IO (wikigold style): a run of one type is one entity; 4-column SEC style.
  auto io = ParseConll("New I-LOC\nYork I-LOC\nTimes I-ORG\nsaid NN - O\n");
  ASSERT_EQ(io.size(), 1u);
  ASSERT_EQ(io[0].entities.size(), 2u);
  EXPECT_EQ(io[0].entities[0], (EntitySpan{EntityType::kLocation, 0, 2}));
  EXPECT_EQ(io[0].entities[1], (EntitySpan{EntityType::kOrganization, 2, 3}));
  // IOB1: B- only separates adjacent entities of one type.
  auto iob1 = ParseConll("Ali I-PERS\nHasan B-PERS\nand O\nBob I-PERS\n");
  ASSERT_EQ(iob1[0].entities.size(), 3u);
  EXPECT_EQ(iob1[0].entities[1], (EntitySpan{EntityType::kPerson, 1, 2}));
  // BIOES and a lone token without a tag.
  auto bioes = ParseConll("A S-PER\nB B-ORG\nC E-ORG\nD I-ORG\nlonely\n");
  ASSERT_EQ(bioes[0].entities.size(), 3u);
  EXPECT_EQ(bioes[0].entities[1], (EntitySpan{EntityType::kOrganization, 1, 3}));
  EXPECT_EQ(bioes[0].tokens.back(), "lonely");
}

TEST(ParseConllTest, SurvivesGarbage) {
  EXPECT_TRUE(ParseConll("").empty());
  EXPECT_TRUE(ParseConll("\n\n \t\n").empty());
  auto s = ParseConll(std::string("a\0b I-\n-\n", 10));
  EXPECT_EQ(s.size(), 1u);
}

TEST(ReadConllTest, MissingPathIsNotFound) {
  auto r = ReadConll("/nonexistent/leakgraph/conll");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST(SplitTest, DevIsEveryTenthSentence) {
  std::vector<LabeledSentence> all(25);
  for (size_t i = 0; i < all.size(); ++i) all[i].tokens = {std::to_string(i)};
  auto dev = SelectSplit(all, true);
  auto train = SelectSplit(all, false);
  ASSERT_EQ(dev.size(), 2u);
  EXPECT_EQ(dev[0].tokens[0], "9");
  EXPECT_EQ(dev[1].tokens[0], "19");
  EXPECT_EQ(train.size(), 23u);
}

TEST(LabelsTest, SpansAndLabelsRoundTrip) {
  std::vector<EntitySpan> spans = {{EntityType::kPerson, 0, 2}, {EntityType::kPerson, 2, 3},
                                   {EntityType::kMisc, 4, 5}};
  const int b_per = BeginLabel(EntityType::kPerson), i_per = InsideLabel(EntityType::kPerson);
  auto labels = SpansToLabels(6, spans);
  EXPECT_EQ(labels, (std::vector<int>{b_per, i_per, b_per, 0, BeginLabel(EntityType::kMisc), 0}));
  EXPECT_EQ(LabelsToSpans(labels), spans);
  // BILOU: a last token and one-token entities get their own labels.
  auto bilou = SpansToLabels(6, spans, LabelScheme::kBilou);
  EXPECT_EQ(bilou, (std::vector<int>{b_per, LastLabel(EntityType::kPerson), UnitLabel(EntityType::kPerson),
                                     0, UnitLabel(EntityType::kMisc), 0}));
  EXPECT_EQ(LabelsToSpans(bilou), spans);
  // A stray I- after O starts a span instead of being lost.
  const int i_org = InsideLabel(EntityType::kOrganization);
  EXPECT_EQ(LabelsToSpans({0, i_org, i_org}),
            (std::vector<EntitySpan>{{EntityType::kOrganization, 1, 3}}));
}

}  // namespace
}  // namespace leakgraph::ner
