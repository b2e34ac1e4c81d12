#include "text/tokenize.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace leakgraph::text {
namespace {

std::vector<std::string> Texts(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const auto& t : tokens) out.push_back(t.text);
  return out;
}

TEST(TokenizeTest, SplitsWordsNumbersAndPunctuationWithByteOffsets) {
  const std::string text = "Hello, world 3.5 (ok)!";
  auto tokens = Tokenize(text);
  EXPECT_EQ(Texts(tokens),
            (std::vector<std::string>{"Hello", ",", "world", "3.5", "(", "ok", ")", "!"}));
  for (const auto& t : tokens) EXPECT_EQ(text.substr(t.begin, t.end - t.begin), t.text);
  EXPECT_EQ(tokens[3].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[1].kind, TokenKind::kPunctuation);
  EXPECT_EQ(tokens[2].begin, 7u);
}

TEST(TokenizeTest, KeepsPersianZwnjInsideTheWord) {
  const std::string word = "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85";  // می‌روم
  auto tokens = Tokenize("\xD9\x85\xD9\x86 " + word + ".");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[1].text, word);
  EXPECT_EQ(tokens[2].text, ".");
}

TEST(TokenizeTest, SeparatesArabicPunctuationAndKeepsCliticsAttached) {
  // "وبغداد، لبنان؟" : the clitic و stays on the word; ، and ؟ are tokens.
  auto tokens = Tokenize("\xD9\x88\xD8\xA8\xD8\xBA\xD8\xAF\xD8\xA7\xD8\xAF\xD8\x8C "
                         "\xD9\x84\xD8\xA8\xD9\x86\xD8\xA7\xD9\x86\xD8\x9F");
  EXPECT_EQ(Texts(tokens),
            (std::vector<std::string>{"\xD9\x88\xD8\xA8\xD8\xBA\xD8\xAF\xD8\xA7\xD8\xAF",
                                      "\xD8\x8C", "\xD9\x84\xD8\xA8\xD9\x86\xD8\xA7\xD9\x86",
                                      "\xD8\x9F"}));
}

TEST(TokenizeTest, KeepsAbbreviationsHyphensAndSplitsPossessive) {
  auto tokens = Tokenize("Mr. Smith of the U.S. met al-Qaeda's J. Doe.");
  EXPECT_EQ(Texts(tokens), (std::vector<std::string>{"Mr.", "Smith", "of", "the", "U.S.", "met",
                                                     "al-Qaeda", "'s", "J.", "Doe", "."}));
}

TEST(TokenizeTest, SkipsInvalidUtf8WithoutCrashing) {
  const std::string text = std::string("ab\xFF\xFE") + "cd \xC3";
  auto tokens = Tokenize(text);
  EXPECT_EQ(Texts(tokens), (std::vector<std::string>{"ab", "cd"}));
  EXPECT_TRUE(Tokenize("").empty());
}

TEST(SplitSentencesTest, SplitsAtTerminatorsButNotAbbreviations) {
  const std::string text = "Mr. Smith went to the U.S. today. Did he? Yes!\"\n\nNew para";
  auto tokens = Tokenize(text);
  auto sentences = SplitSentences(text, tokens);
  std::vector<std::string> firsts;
  for (const auto& s : sentences) firsts.push_back(tokens[s.begin_token].text);
  EXPECT_EQ(firsts, (std::vector<std::string>{"Mr.", "Did", "Yes", "New"}));
  EXPECT_EQ(tokens[sentences[2].end_token - 1].text, "\"");
}

TEST(SplitSentencesTest, SplitsArabicQuestionMarkAndBlankLines) {
  const std::string text = "\xD9\x87\xD9\x84 \xD8\xB0\xD9\x87\xD8\xA8\xD8\x9F \xD9\x86\xD8\xB9\xD9\x85\n \nx y";
  auto tokens = Tokenize(text);
  auto sentences = SplitSentences(text, tokens);
  ASSERT_EQ(sentences.size(), 3u);
  EXPECT_EQ(sentences[0].end_token, 3u);
  EXPECT_EQ(sentences[1].end_token, 4u);
}

TEST(SplitSentencesTest, BoundsSentenceLength) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "w ";
  auto tokens = Tokenize(text);
  auto sentences = SplitSentences(text, tokens, 100);
  EXPECT_EQ(sentences.size(), 10u);
  for (const auto& s : sentences) EXPECT_EQ(s.end_token - s.begin_token, 100u);
}

}  // namespace
}  // namespace leakgraph::text
