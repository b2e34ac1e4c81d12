#include <gtest/gtest.h>

#include <string>

#include "extract/handler.h"

namespace leakgraph::extract {
namespace {

Result<ExtractedDocument> ExtractRtf(std::string_view rtf) {
  return MakeRtfHandler()->Extract(ExtractInput{rtf, "a.rtf", ""});
}

TEST(RtfHandlerTest, PlainParagraphsSkippingTables) {
  auto doc = ExtractRtf(
      "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}{\\colortbl;\\red0\\green0\\blue0;}"
      "{\\stylesheet{\\s0 Normal;}}{\\info{\\title Wire memo}{\\author J. Smith}"
      "{\\creatim\\yr2013\\mo7\\dy4\\hr9\\min30}{\\operator nobody}}"
      "{\\*\\generator Writer;}\\pard Hello {\\b bold} world\\par "
      "Second line with \\{braces\\} and a \\\\ backslash\\tab tabbed\\par"
      "{\\pict\\pngblip 89504e47}{\\field{\\*\\fldinst HYPERLINK \"x\"}{\\fldrslt link text}}}");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->text, "Hello bold world\nSecond line with {braces} and a \\ backslash\ttabbed\nlink text");
  EXPECT_EQ(doc->title, "Wire memo");
  EXPECT_EQ(doc->metadata["author"], "J. Smith");
  EXPECT_EQ(doc->metadata["created"], "2013-07-04T09:30:00Z");
}

TEST(RtfHandlerTest, UnicodeEscapesWithFallbackSkipping) {
  // "سلام" as \uN with one '?' fallback each, then with \uc2 and two fallback bytes.
  auto doc = ExtractRtf(
      "{\\rtf1\\ansi\\uc1 \\u1587?\\u1604?\\u1575?\\u1605? "
      "{\\uc2 \\u1583\\'3f\\'3f\\u1585??}x \\u-4064?}");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->text, "سلام درx \uF020");
}

TEST(RtfHandlerTest, HexEscapesInDeclaredCodePage) {
  // "بيروت" in windows-1256.
  auto doc = ExtractRtf("{\\rtf1\\ansi\\ansicpg1256 \\'c8\\'ed\\'d1\\'e6\\'ca\\par}");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "بيروت");
  // The font's charset wins over the document's code page (Arabic font in a 1252 document).
  auto font = ExtractRtf(
      "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}{\\f1\\fcharset178 Arial;}}"
      "caf\\'e9 {\\f1 \\'c8\\'ed\\'d1\\'e6\\'ca}}");
  ASSERT_TRUE(font.ok());
  EXPECT_EQ(font->text, "café بيروت");
}

TEST(RtfHandlerTest, HostileInputNeverCrashes) {
  EXPECT_FALSE(ExtractRtf("not rtf").ok());
  std::string deep = "{\\rtf1 " + std::string(100000, '{') + "x" + std::string(3, '}');
  auto doc = ExtractRtf(deep);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "x");
  EXPECT_TRUE(ExtractRtf("{\\rtf1 \\'").ok());
  EXPECT_TRUE(ExtractRtf("{\\rtf1 \\u").ok());
  EXPECT_TRUE(ExtractRtf("{\\rtf1 }}}}}}\\u-99999999999999999999").ok());
}

}  // namespace
}  // namespace leakgraph::extract
