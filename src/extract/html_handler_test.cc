#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <chrono>
#include <string>

#include "extract/handler.h"

namespace leakgraph::extract {
namespace {

ExtractedDocument ExtractHtml(std::string_view bytes, std::string_view hint = {}) {
  Result<ExtractedDocument> result = MakeHtmlHandler()->Extract({bytes, "page.html", hint});
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? std::move(result).value() : ExtractedDocument{};
}

std::string ToWindows1256(const std::string& utf8) {
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(utf8);
  int32_t needed = unicode.extract(0, unicode.length(), nullptr, 0, "windows-1256");
  std::string out(static_cast<std::size_t>(needed), '\0');
  unicode.extract(0, unicode.length(), out.data(), needed, "windows-1256");
  return out;
}

const std::string kArabic =
    "أعلنت وزارة الخارجية اليوم أن الوفد سيصل إلى طهران يوم الأحد المقبل لإجراء محادثات.";

TEST(HtmlHandlerTest, TitleTextAndMetaTags) {
  ExtractedDocument document = ExtractHtml(
      "<html><head><title>Report</title><meta name=\"Author\" content=\"J. Smith\">"
      "<meta name=description content='Quarterly figures'>"
      "<meta name=date content=\"2010-12-02T21:09:00+03:30\"></head>"
      "<body><p>Hello <i>world</i></p><script>alert(1)</script></body></html>");
  EXPECT_EQ(document.content_type, "text/html");
  EXPECT_EQ(document.title, "Report");
  EXPECT_EQ(document.text, "Hello world");
  EXPECT_EQ(document.metadata["author"], "J. Smith");
  EXPECT_EQ(document.metadata["description"], "Quarterly figures");
  EXPECT_EQ(document.metadata["date"], "2010-12-02T17:39:00Z");
}

TEST(HtmlHandlerTest, DeclaredWindows1256IsHonoured) {
  std::string page =
      "<html><head><meta http-equiv=\"Content-Type\" "
      "content=\"text/html; charset=windows-1256\"></head><body><p>" +
      ToWindows1256(kArabic) + "</p></body></html>";
  ExtractedDocument document = ExtractHtml(page);
  EXPECT_EQ(document.charset, "windows-1256");
  EXPECT_EQ(document.text, kArabic);
}

TEST(HtmlHandlerTest, WrongDeclaredCharsetIsOverruled) {
  // Declared UTF-8, written in windows-1256.
  std::string page =
      "<html><head><meta charset=utf-8></head><body>" + ToWindows1256(kArabic) + "</body></html>";
  ExtractedDocument document = ExtractHtml(page);
  EXPECT_EQ(document.charset, "windows-1256");
  EXPECT_EQ(document.text, kArabic);
  // Declared windows-1252, written in UTF-8.
  document = ExtractHtml("<meta charset=windows-1252><p>" + kArabic);
  EXPECT_EQ(document.charset, "UTF-8");
  EXPECT_EQ(document.text, kArabic);
}

TEST(HtmlHandlerTest, ContainerCharsetOutranksMeta) {
  std::string page = "<meta charset=iso-8859-1><p>" + ToWindows1256(kArabic);
  EXPECT_EQ(ExtractHtml(page, "text/html; charset=windows-1256").text, kArabic);
}

TEST(HtmlHandlerTest, UnreadableMetaDateIsAWarning) {
  ExtractedDocument document = ExtractHtml("<meta name=date content='last tuesday'><p>x");
  EXPECT_EQ(document.metadata.count("date"), 0u);
  EXPECT_EQ(document.warnings.size(), 1u);
}

TEST(HtmlHandlerTest, EmptyAndTruncatedPages) {
  EXPECT_EQ(ExtractHtml("").text, "");
  ExtractedDocument document = ExtractHtml(
      "<html><head><title>Cut off</title></head><body><div>"
      "The text stops mid-sen");
  EXPECT_EQ(document.title, "Cut off");
  EXPECT_EQ(document.text, "The text stops mid-sen");
  EXPECT_EQ(ExtractHtml("<html><head><title>Unclosed").title, "Unclosed");
}

TEST(HtmlHandlerTest, DeeplyNestedPageIsFast) {
  std::string page = "<html><body>";
  for (int i = 0; i < 100000; ++i) page += "<div><span>";
  page += "bottom";
  auto start = std::chrono::steady_clock::now();
  ExtractedDocument document = ExtractHtml(page);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(document.text, "bottom");
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 3000);
}

}  // namespace
}  // namespace leakgraph::extract
