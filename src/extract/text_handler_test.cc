#include <gtest/gtest.h>

#include <string>

#include "extract/handler.h"

namespace leakgraph::extract {
namespace {

ExtractedDocument ExtractText(std::string_view bytes, std::string_view hint = {}) {
  Result<ExtractedDocument> result = MakeTextHandler()->Extract({bytes, "note.txt", hint});
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? std::move(result).value() : ExtractedDocument{};
}

TEST(TextHandlerTest, AcceptsPlainTextButNotHtml) {
  auto handler = MakeTextHandler();
  EXPECT_EQ(handler->name(), "text");
  EXPECT_TRUE(handler->Accepts("text/plain"));
  EXPECT_TRUE(handler->Accepts("Text/Plain; charset=utf-8"));
  EXPECT_FALSE(handler->Accepts("text/html"));
  EXPECT_FALSE(handler->Accepts("application/pdf"));
}

TEST(TextHandlerTest, TitleIsFirstNonEmptyLine) {
  ExtractedDocument document = ExtractText("\n  \r\n   Meeting notes \r\nsecond line\n");
  EXPECT_EQ(document.content_type, "text/plain");
  EXPECT_EQ(document.title, "Meeting notes");
  EXPECT_EQ(document.text, "\n  \r\n   Meeting notes \r\nsecond line\n");
  EXPECT_EQ(document.charset, "UTF-8");
  EXPECT_TRUE(document.warnings.empty());
}

TEST(TextHandlerTest, LongTitleIsCutAtTwoHundredCodePoints) {
  std::string line;
  for (int i = 0; i < 300; ++i) line += "\xD8\xB3";  // Arabic seen, two bytes each
  ExtractedDocument document = ExtractText(line);
  EXPECT_EQ(document.title.size(), 400u);
}

TEST(TextHandlerTest, CharsetFromContainerHint) {
  // "salam" in windows-1256.
  ExtractedDocument document = ExtractText("\xD3\xE1\xC7\xE3", "text/plain; charset=windows-1256");
  EXPECT_EQ(document.text, "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85");
  EXPECT_EQ(document.charset, "windows-1256");
}

TEST(TextHandlerTest, InvalidUtf8IsReplacedWithWarning) {
  ExtractedDocument document = ExtractText("r\xC3\xA9sum\xC3\xA9 caf\xC3\xA9 \xC3 end");
  EXPECT_NE(document.text.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(document.warnings.size(), 1u);
}

TEST(TextHandlerTest, EmptyFile) {
  ExtractedDocument document = ExtractText("");
  EXPECT_EQ(document.text, "");
  EXPECT_EQ(document.title, "");
}

}  // namespace
}  // namespace leakgraph::extract
