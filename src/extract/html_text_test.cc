#include "extract/html_text.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace leakgraph::extract {
namespace {

TEST(HtmlToTextTest, TitleAndBlocksOnTheirOwnLines) {
  HtmlText html = HtmlToText(
      "<!DOCTYPE html><html><head><title> Cable\n  Viewer </title>"
      "<style>p { color: red }</style><script>var x = '<p>no</p>';</script></head>"
      "<body><h1>Heading</h1><p>First   paragraph\n with  <b>bold</b> text.</p>"
      "<div>A div</div><ul><li>one</li><li>two</li></ul>line<br>break"
      "<noscript>enable js</noscript><template><p>hidden</p></template><!-- comment -->"
      "</body></html>");
  EXPECT_EQ(html.title, "Cable Viewer");
  EXPECT_EQ(html.text, "Heading\n\nFirst paragraph with bold text.\n\nA div\none\ntwo\nline\nbreak");
}

TEST(HtmlToTextTest, PreKeepsWhitespaceAndEntitiesAreDecoded) {
  HtmlText html = HtmlToText("<p>Tom &amp; Jerry&nbsp;&lt;3 &#x0628;</p><pre>a  b\n  c</pre>x");
  EXPECT_EQ(html.text, "Tom & Jerry <3 \xD8\xA8\n\na  b\n  c\n\nx");
}

TEST(HtmlToTextTest, TableCellsAreSeparated) {
  HtmlText html = HtmlToText("<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>");
  EXPECT_EQ(html.text, "a b\nc");
}

TEST(HtmlToTextTest, ArabicTextSurvives) {
  HtmlText html = HtmlToText("<html dir=rtl><body><p>\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85</p>");
  EXPECT_EQ(html.text, "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85");
}

TEST(HtmlToTextTest, EmptyAndTruncatedInput) {
  EXPECT_EQ(HtmlToText("").text, "");
  HtmlText html = HtmlToText("<html><body><p>Trunc<b>ated te");
  EXPECT_EQ(html.text, "Truncated te");
  EXPECT_EQ(HtmlToText("<p class=\"unterminated").text, "");
  EXPECT_EQ(HtmlToText("<").text, "<");
}

TEST(HtmlToTextTest, PlainTextWithoutTags) {
  EXPECT_EQ(HtmlToText("just words\n\nhere").text, "just words here");
}

TEST(HtmlToTextTest, OutputNeverExceedsInput) {
  std::string html;
  for (int i = 0; i < 1000; ++i) html += "<p>x</p>";
  EXPECT_LE(HtmlToText(html).text.size(), html.size());
}

// Regression: gumbo turns each NUL into a three-byte U+FFFD, so the output
// hit the size cap in the middle of a character.
TEST(HtmlToTextTest, CapNeverSplitsACharacter) {
  std::string html("<p>ab\0\0\0\0\0\0", 11);
  std::string text = HtmlToText(html).text;
  EXPECT_LE(text.size(), html.size());
  EXPECT_EQ(text.substr(0, 2), "ab");
  EXPECT_EQ((text.size() - 2) % 3, 0u);
}

// Regression: gumbo's tree construction is quadratic in nesting depth, and a
// recursive walk would overflow the stack.
TEST(HtmlToTextTest, HundredThousandNestedElementsAreFastAndKeepText) {
  for (std::string tag : {"div", "b", "span", "table", "p", "a", "li"}) {
    std::string html;
    for (int i = 0; i < 100000; ++i) html += "<" + tag + ">";
    html += "deep text";
    for (int i = 0; i < 100000; ++i) html += "</" + tag + ">";
    auto start = std::chrono::steady_clock::now();
    HtmlText text = HtmlToText(html);
    auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_NE(text.text.find("deep text"), std::string::npos) << tag;
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 3000) << tag;
  }
}

TEST(DeclaredHtmlCharsetTest, MetaCharsetHttpEquivAndXmlDeclaration) {
  EXPECT_EQ(DeclaredHtmlCharset("<html><head><meta charset=\"windows-1256\">"), "windows-1256");
  EXPECT_EQ(DeclaredHtmlCharset("<META HTTP-EQUIV=\"Content-Type\" "
                                "CONTENT=\"text/html; charset=ISO-8859-6\">"),
            "ISO-8859-6");
  EXPECT_EQ(DeclaredHtmlCharset("<?xml version='1.0' encoding='utf-8' ?><html>"), "utf-8");
  EXPECT_EQ(DeclaredHtmlCharset("<html><body>no declaration</body></html>"), "");
  EXPECT_EQ(DeclaredHtmlCharset(std::string(5000, ' ') + "<meta charset=utf-8>"), "");
}

}  // namespace
}  // namespace leakgraph::extract
