#include "text/normalize.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace leakgraph::text {
namespace {

TEST(FoldForSearchTest, LowercasesAscii) {
  EXPECT_EQ(FoldForSearch("Panama PAPERS, Offshore Ltd."), "panama papers, offshore ltd.");
}

TEST(FoldForSearchTest, LowercasesNonAsciiLatinGreekCyrillic) {
  EXPECT_EQ(FoldForSearch("ÉCOLE Straße ÖL"), "école straße öl");
  EXPECT_EQ(FoldForSearch("ΑΘΗΝΑ МОСКВА"), "αθηνα москва");
}

TEST(FoldForSearchTest, ComposesCombiningSequencesToNfc) {
  // "e" + COMBINING ACUTE ACCENT becomes the precomposed é.
  EXPECT_EQ(FoldForSearch("Caf" "e\u0301"), "caf\u00e9");
  EXPECT_EQ(FoldForSearch("E\u0301TAT"), "\u00e9tat");
}

TEST(FoldForSearchTest, KeepsWordCountOfLatinText) {
  EXPECT_EQ(FoldForSearch("one two  three\tfour\nfive"), "one two  three\tfour\nfive");
}

TEST(FoldForSearchTest, FoldsAlefForms) {
  // آ أ إ ٱ → ا
  EXPECT_EQ(FoldForSearch("آ أ إ ٱ ا"), "ا ا ا ا ا");
  EXPECT_EQ(FoldForSearch("أحمد"), "احمد");
  EXPECT_EQ(FoldForSearch("إبراهيم"), FoldForSearch("ابراهیم"));
}

TEST(FoldForSearchTest, FoldsYehVariantsToPersianYeh) {
  // ي (U+064A), ى (U+0649), ی (U+06CC), ئ (U+0626) all become U+06CC.
  EXPECT_EQ(FoldForSearch("\u064a \u0649 \u06cc \u0626"), "\u06cc \u06cc \u06cc \u06cc");
  EXPECT_EQ(FoldForSearch("علي"), "علی");
  EXPECT_EQ(FoldForSearch("مصطفى"), "مصطفی");
}

TEST(FoldForSearchTest, FoldsKafVariantsToKeheh) {
  EXPECT_EQ(FoldForSearch("\u0643\u062a\u0627\u0628"), "\u06a9\u062a\u0627\u0628");  // كتاب → کتاب
  EXPECT_EQ(FoldForSearch("كتاب"), FoldForSearch("کتاب"));
}

TEST(FoldForSearchTest, FoldsTehMarbutaAndHehFormsToHeh) {
  EXPECT_EQ(FoldForSearch("مدرسة"), "مدرسه");
  // ۀ (U+06C0), ە (U+06D5), ہ (U+06C1), ۂ (U+06C2), ھ (U+06BE) → ه
  EXPECT_EQ(FoldForSearch("\u06c0\u06d5\u06c1\u06c2\u06be"), "\u0647\u0647\u0647\u0647\u0647");
  EXPECT_EQ(FoldForSearch("خانۀ"), "خانه");
}

TEST(FoldForSearchTest, FoldsHamzaSeats) {
  EXPECT_EQ(FoldForSearch("مؤسسة"), "موسسه");
  EXPECT_EQ(FoldForSearch("مسئول"), "مسیول");
}

TEST(FoldForSearchTest, RemovesTatweel) {
  EXPECT_EQ(FoldForSearch("محـــمد"), "محمد");
}

TEST(FoldForSearchTest, RemovesHarakatAndQuranicMarks) {
  EXPECT_EQ(FoldForSearch("مُحَمَّدٌ"), "محمد");
  EXPECT_EQ(FoldForSearch("كِتَابٌ"), FoldForSearch("كتاب"));
  EXPECT_EQ(FoldForSearch("هٰذا"), "هذا");                        // superscript alef U+0670
  EXPECT_EQ(FoldForSearch("الرَّحِيمِ\u06d6"), FoldForSearch("الرحيم"));  // small high ligature
  EXPECT_EQ(FoldForSearch("\u064b\u065f\u06ed"), "");
}

TEST(FoldForSearchTest, RemovesInvisibleJoinersAndSoftHyphen) {
  EXPECT_EQ(FoldForSearch("می\u200cخواهم"), "میخواهم");                // ZWNJ
  EXPECT_EQ(FoldForSearch("a\u200bb\u200dc\u00add"), "abcd");         // ZWSP, ZWJ, soft hyphen
  EXPECT_EQ(FoldForSearch("\ufeffReport"), "report");                 // BOM
  EXPECT_EQ(FoldForSearch("\u200f\u0639\u0644\u06cc\u200e"), "علی");  // RLM, LRM
}

TEST(FoldForSearchTest, PersianWithAndWithoutZwnjFoldAlike) {
  EXPECT_EQ(FoldForSearch("کتاب\u200cها"), FoldForSearch("کتابها"));
  EXPECT_EQ(FoldForSearch("می\u200cخواهم بروم"), FoldForSearch("میخواهم بروم"));
}

TEST(FoldForSearchTest, ArabicWithAndWithoutHarakatFoldAlike) {
  EXPECT_EQ(FoldForSearch("وَزِيرُ الدَّاخِلِيَّةِ"), FoldForSearch("وزير الداخلية"));
}

TEST(FoldForSearchTest, FoldsArabicIndicAndPersianDigits) {
  EXPECT_EQ(FoldForSearch("٠١٢٣٤٥٦٧٨٩"), "0123456789");
  EXPECT_EQ(FoldForSearch("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
  EXPECT_EQ(FoldForSearch("سال ۱۳۹۸"), "سال 1398");
}

TEST(FoldForSearchTest, FoldsArabicPresentationForms) {
  // ﻛﺘﺎﺏ in contextual glyph forms, as PDF text layers produce it.
  EXPECT_EQ(FoldForSearch("\ufedb\ufe98\ufe8e\ufe8f"), "کتاب");
  // Lam-alef ligature gives two letters.
  EXPECT_EQ(FoldForSearch("\ufefb"), "لا");
  // Isolated fatha form is a haraka and disappears with its leading space.
  EXPECT_EQ(FoldForSearch("\ufe76"), "");
}

TEST(FoldForSearchTest, IsIdempotent) {
  const std::vector<std::string> samples = {
      "Investigations INTO Offshore",
      "مُحَمَّدٌ أحمد إبراهيم الدَّاخِلِيَّةِ",
      "می\u200cخواهم كتاب\u200cها ۱۳۹۸ ٢٠١٩",
      "Caf" "e\u0301 \u212b \u2126 \u0130stanbul",
      "\ufedb\ufe98\ufe8e\ufe8f \ufefb \ufe76",
      "x\xff\xc3(\xe2\x82",
  };
  for (const std::string& sample : samples) {
    const std::string once = FoldForSearch(sample);
    EXPECT_EQ(FoldForSearch(once), once) << sample;
  }
}

TEST(FoldForSearchTest, InvalidUtf8BecomesReplacementCharPerByte) {
  const std::string replacement = "\ufffd";
  EXPECT_EQ(FoldForSearch("A\xffZ"), "a" + replacement + "z");
  // Truncated 3-byte sequence at the end: each byte is replaced.
  EXPECT_EQ(FoldForSearch("a\xe2\x82"), "a" + replacement + replacement);
  // Overlong encoding of '/' and an encoded surrogate.
  EXPECT_EQ(FoldForSearch("\xc0\xaf"), replacement + replacement);
  EXPECT_EQ(FoldForSearch("\xed\xa0\x80"), replacement + replacement + replacement);
  // Lead byte followed by ASCII: the ASCII survives.
  EXPECT_EQ(FoldForSearch("\xd8Q"), replacement + "q");
}

TEST(FoldForSearchTest, SurvivesEveryByteValue) {
  std::string all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
  const std::string folded = FoldForSearch(all_bytes);
  EXPECT_EQ(folded.substr(0, 128), FoldForSearch(all_bytes.substr(0, 128)));
  EXPECT_FALSE(HasArabicScript(all_bytes));
}

TEST(FoldForSearchTest, RandomBytesFoldIdempotently) {
  // Hostile input: random bytes biased towards UTF-8 lead and Arabic bytes.
  std::mt19937 random(20240601);
  const std::vector<unsigned char> alphabet = {0x00, 'A', 'z', ' ', 0x80, 0xAD, 0xBF, 0xC0, 0xC2, 0xD8,
                                               0xD9, 0xDB, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
  for (int round = 0; round < 2000; ++round) {
    std::string input(random() % 24, '\0');
    for (char& c : input) c = static_cast<char>(random() % 3 == 0 ? alphabet[random() % alphabet.size()] : random());
    const std::string once = FoldForSearch(input);
    EXPECT_EQ(FoldForSearch(once), once);
    EXPECT_EQ(FoldWord(input), once);
  }
}

TEST(FoldForSearchTest, EmptyInputGivesEmptyOutput) {
  EXPECT_EQ(FoldForSearch(""), "");
  EXPECT_EQ(FoldWord(""), "");
}

TEST(FoldWordTest, MatchesFoldForSearch) {
  for (const char* word : {"Investigation", "أحمد", "كِتَابٌ", "می\u200cخواهم", "۱۳۹۸", "Stra\u00dfe"}) {
    EXPECT_EQ(FoldWord(word), FoldForSearch(word)) << word;
  }
}

TEST(FoldForSearchTest, HandlesLargeMixedInput) {
  // Sanity (not a timed benchmark): a ~1 MB mixed document folds in one pass
  // to a string of at most the input size, with its mapping intact.
  const std::string chunk = "The Minister وَزِيرُ الداخلية met وزیر کشور on ۱۳۹۸/۰۵/۱۲. ";
  std::string big;
  while (big.size() < (1 << 20)) big += chunk;
  const std::string folded = FoldForSearch(big);
  EXPECT_LE(folded.size(), big.size());
  const std::string folded_chunk = FoldForSearch(chunk);
  EXPECT_EQ(folded.substr(0, folded_chunk.size()), folded_chunk);
  EXPECT_NE(folded_chunk.find("1398/05/12"), std::string::npos);
}

TEST(HasArabicScriptTest, DetectsArabicScriptLetters) {
  EXPECT_TRUE(HasArabicScript("report on محمد"));
  EXPECT_TRUE(HasArabicScript("پ"));
  EXPECT_TRUE(HasArabicScript("\ufefb"));
  EXPECT_FALSE(HasArabicScript("plain English 123"));
  EXPECT_FALSE(HasArabicScript("۱۳۹۸ ٢٠١٩"));  // digits are not letters
  EXPECT_FALSE(HasArabicScript("\u064b\u0640"));  // marks and tatweel alone
  EXPECT_FALSE(HasArabicScript(""));
}

TEST(CollapseWhitespaceTest, MakesEachRunOneSpaceAndTrims) {
  EXPECT_EQ(CollapseWhitespace("  Kourosh\n\t Tavanaei \r\n"), "Kourosh Tavanaei");
  EXPECT_EQ(CollapseWhitespace("کوروش\u00a0توانایی"), "کوروش\u00a0توانایی");  // only ASCII whitespace
  EXPECT_EQ(CollapseWhitespace(" \f "), "");
}

}  // namespace
}  // namespace leakgraph::text
