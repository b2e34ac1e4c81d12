#include "ner/word_features.h"

#include <gtest/gtest.h>

#include <sstream>

#include "ner/gazetteer.h"

namespace leakgraph::ner {
namespace {

WordKeys Keys(std::string_view word) {
  WordScratch scratch;
  WordKeys keys;
  ComputeWordKeys(word, scratch, keys);
  return keys;
}

TEST(NerFoldWordTest, MergesCaseAndArabicPersianVariants) {
  EXPECT_EQ(FoldWord("Baghdad"), "baghdad");
  // أحمد with hamza → احمد; Persian yeh and keheh fold to the Arabic forms.
  EXPECT_EQ(FoldWord("\xD8\xA3\xD8\xAD\xD9\x85\xD8\xAF"), "\xD8\xA7\xD8\xAD\xD9\x85\xD8\xAF");
  EXPECT_EQ(FoldWord("\xDB\x8C\xDA\xA9"), "\xD9\x8A\xD9\x83");
  // Tatweel and ZWNJ disappear; Persian digits become ASCII.
  EXPECT_EQ(FoldWord("\xD8\xA8\xD9\x80\xD8\xB1\xE2\x80\x8C\xDB\xB1\xDB\xB2"), "\xD8\xA8\xD8\xB1" "12");
}

TEST(WordKeysTest, StripsArabicProcliticsOnlyFromLongEnoughWords) {
  // وبغداد: the longest listed proclitic sequence وب is stripped, leaving غداد
  // (greedy, so و+بغداد is not recovered; the model sees both forms).
  const WordKeys with = Keys("\xD9\x88\xD8\xA8\xD8\xBA\xD8\xAF\xD8\xA7\xD8\xAF");
  const WordKeys bare = Keys("\xD8\xBA\xD8\xAF\xD8\xA7\xD8\xAF");
  EXPECT_NE(with.clitic, 0u);
  EXPECT_EQ(with.stripped, bare.folded);
  // والي (too short after ال) keeps its form.
  const WordKeys short_word = Keys("\xD8\xA7\xD9\x84\xD9\x8A");
  EXPECT_EQ(short_word.clitic, 0u);
  EXPECT_EQ(short_word.stripped, short_word.folded);
}

TEST(WordKeysTest, ShapesAndFlags) {
  EXPECT_TRUE(Keys("London").flags & kCapitalized);
  EXPECT_FALSE(Keys("London").flags & kAllCaps);
  EXPECT_TRUE(Keys("NATO").flags & kAllCaps);
  EXPECT_TRUE(Keys("F16").flags & kHasDigit);
  EXPECT_TRUE(Keys(",").flags & kPunctuation);
  EXPECT_EQ(Keys("Paris").short_shape, Keys("London").short_shape);
  EXPECT_NE(Keys("Paris").shape, Keys("London").shape);
  EXPECT_EQ(Keys("x").prefix[1], 0u);  // shorter than 2 characters
  EXPECT_EQ(Keys("Paris").suffix[1], Keys("iris").suffix[1]);
  Keys("\xFF\xFE\xC3");  // invalid UTF-8 must not crash
}

TEST(WordKeysTest, StemDropsPersianAndArabicSuffixes) {
  // شهرهای (cities of) and شهر‌ها (with ZWNJ) share the stem شهر.
  const WordKeys plural_ezafe = Keys("\xD8\xB4\xD9\x87\xD8\xB1\xD9\x87\xD8\xA7\xDB\x8C");
  const WordKeys plural = Keys("\xD8\xB4\xD9\x87\xD8\xB1\xE2\x80\x8C\xD9\x87\xD8\xA7");
  const WordKeys bare = Keys("\xD8\xB4\xD9\x87\xD8\xB1");
  EXPECT_EQ(plural_ezafe.stem, bare.folded);
  EXPECT_EQ(plural.stem, bare.folded);
  EXPECT_EQ(bare.stem, bare.folded);  // too short to lose a suffix
  EXPECT_EQ(Keys("London").stem, Keys("London").folded);  // Arabic script only
  // کشور: a Persian keheh is not the Arabic proclitic ك (but Arabic كبغداد is).
  EXPECT_EQ(Keys("\xDA\xA9\xD8\xB4\xD9\x88\xD8\xB1").clitic, 0u);
  EXPECT_NE(Keys("\xD9\x83\xD8\xA8\xD8\xBA\xD8\xAF\xD8\xA7\xD8\xAF").clitic, 0u);
}

TEST(WordSetTest, FindsFoldedWordsAndRoundTrips) {
  WordSet set;
  set.AddWord("Tehran");
  set.AddWord("\xDB\x8C\xDA\xA9");  // Persian yeh + keheh
  set.AddWord("Tehran");
  EXPECT_EQ(set.size(), 2u);
  EXPECT_TRUE(set.Contains(Keys("TEHRAN").folded));
  EXPECT_TRUE(set.Contains(Keys("\xD9\x8A\xD9\x83").folded));  // the Arabic spelling
  EXPECT_FALSE(set.Contains(Keys("Tabriz").folded));
  std::stringstream stream;
  set.Write(stream);
  WordSet read;
  ASSERT_TRUE(read.Read(stream).ok());
  EXPECT_EQ(read.size(), 2u);
  EXPECT_TRUE(read.Contains(Keys("tehran").folded));
  std::stringstream truncated(stream.str().substr(0, 10));
  EXPECT_EQ(read.Read(truncated).code(), StatusCode::kCorrupt);
}

TEST(WordSignaturesTest, KeepsTheMostFrequentNeighboursOfFrequentWords) {
  auto sentence = [](std::vector<std::string_view> words) {
    std::vector<uint64_t> out;
    for (auto w : words) out.push_back(Keys(w).folded);
    return out;
  };
  WordSignatures signatures;
  signatures.Build({sentence({"team", "Liverpool", "won"}), sentence({"team", "Liverpool", "lost"}),
                    sentence({"in", "Liverpool", "won"}), sentence({"team", "Everton", "won"}),
                    sentence({"team", "Everton", "won"}), sentence({"in", "Paris", "today"}),
                    sentence({"in", "Paris", "today"}), sentence({"Leeds", "won"})},
                   2);
  const WordSignatures::Signature* liverpool = signatures.Find(Keys("liverpool").folded);
  const WordSignatures::Signature* everton = signatures.Find(Keys("everton").folded);
  const WordSignatures::Signature* paris = signatures.Find(Keys("paris").folded);
  ASSERT_NE(liverpool, nullptr);
  ASSERT_NE(everton, nullptr);
  ASSERT_NE(paris, nullptr);
  EXPECT_EQ(liverpool->left, everton->left);  // both mostly after "team"
  EXPECT_EQ(liverpool->right, everton->right);
  EXPECT_NE(liverpool->left, paris->left);
  EXPECT_EQ(signatures.Find(Keys("leeds").folded), nullptr);  // seen once
  std::stringstream stream;
  signatures.Write(stream);
  WordSignatures read;
  ASSERT_TRUE(read.Read(stream).ok());
  ASSERT_EQ(read.size(), signatures.size());
  EXPECT_EQ(read.Find(Keys("liverpool").folded)->right, liverpool->right);
}

TEST(GazetteerTest, MatchesMultiWordNamesAndCliticForms) {
  Gazetteer gazetteer;
  gazetteer.AddName("New York", EntityType::kLocation);
  gazetteer.AddName("\xD8\xBA\xD8\xAF\xD8\xA7\xD8\xAF", EntityType::kLocation);  // غداد
  auto keys = [](std::vector<std::string_view> words, std::vector<uint64_t>& folded,
                 std::vector<uint64_t>& stripped) {
    for (auto w : words) {
      WordKeys k = Keys(w);
      folded.push_back(k.folded);
      stripped.push_back(k.stripped);
    }
  };
  std::vector<uint64_t> folded, stripped;
  keys({"in", "new", "YORK", "\xD9\x88\xD8\xA8\xD8\xBA\xD8\xAF\xD8\xA7\xD8\xAF", "York"}, folded,
       stripped);
  std::vector<uint16_t> bits;
  gazetteer.Match(folded, stripped, bits);
  const int loc = static_cast<int>(EntityType::kLocation);
  EXPECT_EQ(bits[0], 0);
  EXPECT_TRUE(bits[1] & GazetteerBegin(loc));
  EXPECT_TRUE(bits[2] & GazetteerInside(loc));
  EXPECT_TRUE(bits[3] & GazetteerBegin(loc));  // via the clitic-free form
  EXPECT_FALSE(bits[4] & GazetteerBegin(loc));  // "York" alone is not a name...
  EXPECT_TRUE(bits[4] & GazetteerWord(loc));    // ...but is a word of one
}

}  // namespace
}  // namespace leakgraph::ner
