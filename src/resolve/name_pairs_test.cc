#include "resolve/name_pairs.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace leakgraph::resolve {
namespace {

TEST(NamePairsTest, ReadsEitherColumnOrderJoinsLettersAndIgnoresExtraColumns) {
  leakgraph::testing::TempDir dir;
  leakgraph::testing::WriteFile(dir / "pairs.tsv",
                                "Karim\tكريم\n"            // latin first
                                "سليم\tsalim\n"            // arabic first
                                "mohammed\tم ح م د\t12\n"  // spaced letters, a count column
                                "no arabic here\tnone\n"   // no pair: skipped
                                "\n");
  Result<std::vector<NamePair>> pairs = ReadNamePairs(dir / "pairs.tsv");
  ASSERT_TRUE(pairs.ok()) << pairs.status().message();
  ASSERT_EQ(pairs->size(), 3u);
  EXPECT_EQ((*pairs)[0].latin, "Karim");
  EXPECT_EQ((*pairs)[0].arabic, "كريم");
  EXPECT_EQ((*pairs)[1].latin, "salim");
  EXPECT_EQ((*pairs)[1].arabic, "سليم");
  EXPECT_EQ((*pairs)[2].latin, "mohammed");
  EXPECT_EQ((*pairs)[2].arabic, "محمد");
}

TEST(NamePairsTest, MultiWordArabicIsNotJoined) {
  std::optional<NamePair> p = ParseNamePairLine("Hassan Nasrallah\tحسن نصر الله");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->arabic, "حسن نصر الله");
}

TEST(NamePairsTest, MissingFileIsAnError) {
  Result<std::vector<NamePair>> pairs = ReadNamePairs("/nonexistent/pairs.tsv");
  ASSERT_FALSE(pairs.ok());
  EXPECT_NE(pairs.status().message().find("/nonexistent/pairs.tsv"), std::string::npos);
}

TEST(NamePairsTest, IdentitiesIgnoreCaseDiacriticsAndSpelling) {
  EXPECT_EQ(LatinIdentity("Müller-Smith"), "mullersmith");
  EXPECT_EQ(ArabicIdentity("علي"), ArabicIdentity("على"));
  EXPECT_EQ(ArabicIdentity("م ح م د"), ArabicIdentity("محمد"));
}

}  // namespace
}  // namespace leakgraph::resolve
