#include "text/encoding.h"

#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <chrono>
#include <string>

namespace leakgraph::text {
namespace {

using namespace std::string_literals;

// Encodes UTF-8 `s` into `charset` with ICU, to build legacy-encoded fixtures.
std::string Encode(const std::string& utf8, const char* charset) {
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(utf8);
  int32_t needed = unicode.extract(0, unicode.length(), nullptr, 0, charset);
  std::string out(static_cast<std::size_t>(needed), '\0');
  unicode.extract(0, unicode.length(), out.data(), needed, charset);
  return out;
}

const std::string kArabicParagraph =
    "أعلنت وزارة الخارجية اليوم أن الوفد سيصل إلى طهران يوم الأحد المقبل لإجراء محادثات حول "
    "الاتفاق النووي، وقال المتحدث باسم الوزارة إن المفاوضات ستستمر عدة أيام في العاصمة. "
    "وأضاف أن الحكومة تأمل في التوصل إلى حل يرضي جميع الأطراف قبل نهاية الشهر.";

const std::string kPersianParagraph =
    "وزارت امور خارجه امروز اعلام کرد که هیئت نمایندگی روز یکشنبه آینده برای گفتگو درباره "
    "توافق هسته‌ای به تهران خواهد رسید. سخنگوی وزارتخانه گفت که مذاکرات چند روز در "
    "پایتخت "
    "ادامه خواهد داشت و دولت امیدوار است پیش از پایان ماه به راه حلی برسد.";

TEST(DecodeToUtf8Test, EmptyInputGivesEmptyUtf8) {
  DecodedText decoded = DecodeToUtf8("");
  EXPECT_EQ(decoded.utf8, "");
  EXPECT_FALSE(decoded.had_invalid);
}

TEST(DecodeToUtf8Test, Utf8WithoutBomPassesThrough) {
  DecodedText decoded = DecodeToUtf8("caf\xC3\xA9 " + kArabicParagraph);
  EXPECT_EQ(decoded.utf8, "caf\xC3\xA9 " + kArabicParagraph);
  EXPECT_EQ(decoded.charset, "UTF-8");
  EXPECT_FALSE(decoded.had_invalid);
}

TEST(DecodeToUtf8Test, Utf8BomIsStripped) {
  DecodedText decoded = DecodeToUtf8("\xEF\xBB\xBFhello \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85");
  EXPECT_EQ(decoded.utf8, "hello \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85");
  EXPECT_EQ(decoded.charset, "UTF-8");
}

TEST(DecodeToUtf8Test, Utf16LittleEndianWithBom) {
  std::string bytes = "\xFF\xFE"s + Encode("Tehran " + kPersianParagraph, "UTF-16LE");
  DecodedText decoded = DecodeToUtf8(bytes);
  EXPECT_EQ(decoded.utf8, "Tehran " + kPersianParagraph);
  EXPECT_EQ(decoded.charset, "UTF-16LE");
}

TEST(DecodeToUtf8Test, Utf16BigEndianWithBom) {
  std::string bytes = "\xFE\xFF"s + Encode("Cairo " + kArabicParagraph, "UTF-16BE");
  EXPECT_EQ(DecodeToUtf8(bytes).utf8, "Cairo " + kArabicParagraph);
}

TEST(DecodeToUtf8Test, Utf32LittleEndianWithBom) {
  std::string bytes = "\xFF\xFE\x00\x00"s + Encode("abc \xD8\xB3", "UTF-32LE");
  EXPECT_EQ(DecodeToUtf8(bytes).utf8, "abc \xD8\xB3");
}

TEST(DecodeToUtf8Test, Utf16LittleEndianWithoutBomDetectedByNuls) {
  std::string text = "The embassy reported on the negotiations in some detail.\r\n";
  DecodedText decoded = DecodeToUtf8(Encode(text, "UTF-16LE"));
  EXPECT_EQ(decoded.utf8, text);
  EXPECT_EQ(decoded.charset, "UTF-16LE");
}

TEST(DecodeToUtf8Test, Windows1256ArabicDetectedWithoutDeclaration) {
  std::string bytes = Encode(kArabicParagraph, "windows-1256");
  ASSERT_FALSE(IsValidUtf8(bytes));
  DecodedText decoded = DecodeToUtf8(bytes);
  EXPECT_EQ(decoded.utf8, kArabicParagraph);
  EXPECT_EQ(decoded.charset, "windows-1256");
  EXPECT_FALSE(decoded.had_invalid);
}

TEST(DecodeToUtf8Test, Windows1256PersianDetectedWithoutDeclaration) {
  // windows-1256 has no Persian yeh (U+06CC): Persian text written in it uses
  // the Arabic yeh (U+064A), as here.
  std::string persian = kPersianParagraph;
  for (std::size_t at; (at = persian.find("\xDB\x8C")) != std::string::npos;) {
    persian.replace(at, 2, "\xD9\x8A");
  }
  std::string bytes = Encode(persian, "windows-1256");
  DecodedText decoded = DecodeToUtf8(bytes);
  EXPECT_EQ(decoded.utf8, persian);
  EXPECT_EQ(decoded.charset, "windows-1256");
}

TEST(DecodeToUtf8Test, Windows1256HonouredWhenDeclared) {
  std::string bytes = Encode(kArabicParagraph, "windows-1256");
  DecodedText decoded = DecodeToUtf8(bytes, "Windows-1256");
  EXPECT_EQ(decoded.utf8, kArabicParagraph);
  EXPECT_EQ(decoded.charset, "windows-1256");
}

TEST(DecodeToUtf8Test, Windows1252CurlyQuotes) {
  std::string bytes = "He said \x93no comment\x94 and left \x96 it\x92s over.";
  DecodedText decoded = DecodeToUtf8(bytes);
  EXPECT_EQ(decoded.utf8,
            "He said \xE2\x80\x9Cno comment\xE2\x80\x9D and left \xE2\x80\x93 it\xE2\x80\x99s "
            "over.");
  EXPECT_FALSE(decoded.had_invalid);
}

TEST(DecodeToUtf8Test, Iso88591Accents) {
  std::string bytes =
      "Le ministre fran\xE7"
      "ais a d\xE9"
      "clar\xE9 que la r\xE9union aura lieu "
      "\xE0 Gen\xE8ve, pr\xE8s du lac L\xE9man.";
  DecodedText decoded = DecodeToUtf8(bytes, "ISO-8859-1");
  EXPECT_EQ(decoded.utf8,
            "Le ministre fran\xC3\xA7"
            "ais a d\xC3\xA9"
            "clar\xC3\xA9 que la r\xC3\xA9union "
            "aura lieu \xC3\xA0 Gen\xC3\xA8ve, pr\xC3\xA8s du lac L\xC3\xA9man.");
  EXPECT_EQ(DecodeToUtf8(bytes).utf8, decoded.utf8);  // and without the declaration
}

TEST(DecodeToUtf8Test, InvalidUtf8IsReplacedAndFlagged) {
  std::string bytes = "caf\xC3\xA9 na\xC3\xAFve r\xC3\xA9sum\xC3\xA9 \xFF broken \xE2\x82 end";
  DecodedText decoded = DecodeToUtf8(bytes);
  EXPECT_TRUE(decoded.had_invalid);
  EXPECT_EQ(decoded.utf8,
            "caf\xC3\xA9 na\xC3\xAFve r\xC3\xA9sum\xC3\xA9 \xEF\xBF\xBD broken \xEF\xBF\xBD end");
  EXPECT_TRUE(IsValidUtf8(decoded.utf8));
}

TEST(DecodeToUtf8Test, WrongUtf8DeclarationIsIgnored) {
  std::string bytes = Encode(kArabicParagraph, "windows-1256");
  DecodedText decoded = DecodeToUtf8(bytes, "utf-8");
  EXPECT_EQ(decoded.utf8, kArabicParagraph);
  EXPECT_EQ(decoded.charset, "windows-1256");
}

TEST(DecodeToUtf8Test, Utf8BytesWinOverLegacyDeclaration) {
  DecodedText decoded = DecodeToUtf8(kArabicParagraph, "windows-1252");
  EXPECT_EQ(decoded.utf8, kArabicParagraph);
  EXPECT_EQ(decoded.charset, "UTF-8");
}

TEST(DecodeToUtf8Test, UnknownDeclarationIsIgnored) {
  EXPECT_EQ(DecodeToUtf8("plain \x93text\x94", "x-no-such-charset").utf8,
            "plain \xE2\x80\x9Ctext\xE2\x80\x9D");
}

TEST(DecodeToUtf8Test, OutputIsNfc) {
  // "e" + combining acute accent composes to U+00E9.
  EXPECT_EQ(DecodeToUtf8("cafe\xCC\x81").utf8, "caf\xC3\xA9");
}

TEST(DecodeToUtf8Test, FiftyMegabyteSingleLineAsciiIsFast) {
  std::string bytes(50u << 20, 'a');
  for (std::size_t i = 7; i < bytes.size(); i += 8) bytes[i] = ' ';
  auto start = std::chrono::steady_clock::now();
  DecodedText decoded = DecodeToUtf8(bytes);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(decoded.utf8.size(), bytes.size());
  EXPECT_EQ(decoded.charset, "UTF-8");
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 1500);
}

TEST(IsValidUtf8Test, RejectsOverlongsSurrogatesAndTruncation) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80 ok"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong "/"
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abcdefghijklmnopqrstuvwxyz\xE2\x82"));
}

TEST(ToNfcTest, ComposesAndKeepsAscii) {
  EXPECT_EQ(ToNfc("plain"), "plain");
  EXPECT_EQ(ToNfc("A\xCC\x8A"), "\xC3\x85");
}

}  // namespace
}  // namespace leakgraph::text
