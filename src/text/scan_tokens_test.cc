#include "text/scan_tokens.h"

#include <gtest/gtest.h>

namespace leakgraph::text {
namespace {

TEST(LexForScanningTest, NumbersInEveryDigitSetWithOffsets) {
  const std::string text = "paid 1,200 on ۱۳۹۸/۷/۲۴ and ١٥";
  auto tokens = LexForScanning(text);
  ASSERT_GE(tokens.size(), 10u);
  EXPECT_EQ(tokens[0].kind, ScanTokenKind::kWord);
  EXPECT_EQ(tokens[1].kind, ScanTokenKind::kNumber);
  EXPECT_EQ(tokens[1].value, 1);
  EXPECT_EQ(tokens[2].symbol, U',');
  EXPECT_FALSE(tokens[2].space_before);
  EXPECT_EQ(tokens[3].value, 200);
  EXPECT_EQ(tokens[3].digits, "200");
  EXPECT_EQ(tokens[3].digit_count, 3);
  const ScanToken& year = tokens[5];
  EXPECT_EQ(year.value, 1398);
  EXPECT_TRUE(year.native_digits);
  EXPECT_EQ(text.substr(year.begin, year.end - year.begin), "۱۳۹۸");
  EXPECT_EQ(tokens.back().value, 15);
}

TEST(LexForScanningTest, WordsAreFoldedAndFlagged) {
  auto tokens = LexForScanning("USD Mayor ریال ريال أمس");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_TRUE(tokens[0].all_caps);
  EXPECT_TRUE(tokens[1].capitalised);
  EXPECT_FALSE(tokens[1].all_caps);
  EXPECT_EQ(tokens[1].folded, "mayor");
  EXPECT_TRUE(tokens[2].farsi_yeh);
  EXPECT_FALSE(tokens[3].farsi_yeh);
  EXPECT_EQ(tokens[2].folded, tokens[3].folded);
  EXPECT_EQ(tokens[4].folded, FoldForMatching("امس"));
}

TEST(LexForScanningTest, LongNumbersSaturateAndKeepFortyDigits) {
  auto tokens = LexForScanning(std::string(100, '9'));
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].digit_count, 100);
  EXPECT_EQ(tokens[0].digits.size(), 40u);
  EXPECT_GE(tokens[0].value, 1000000000);
}

TEST(LexForScanningTest, InvalidBytesSeparateTokensWithoutCrashing) {
  auto tokens = LexForScanning(std::string("ab\xff\xfe" "cd\x80", 7));
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].folded, "ab");
  EXPECT_EQ(tokens[1].folded, "cd");
}

}  // namespace
}  // namespace leakgraph::text
