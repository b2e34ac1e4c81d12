#include "ner/identifiers.h"

#include <gtest/gtest.h>

#include <random>

namespace leakgraph::ner {
namespace {

void ExpectOne(const std::string& input, const std::string& text, IdentifierType type,
               const std::string& normalized) {
  SCOPED_TRACE(input);
  auto found = FindIdentifiers(input);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].text, text);
  EXPECT_EQ(found[0].begin, input.find(text));
  EXPECT_EQ(found[0].end, found[0].begin + text.size());
  EXPECT_EQ(IdentifierTypeName(found[0].type), std::string(IdentifierTypeName(type)));
  EXPECT_EQ(found[0].normalized, normalized);
}

constexpr auto kEmail = IdentifierType::kEmail;
constexpr auto kPhone = IdentifierType::kPhone;
constexpr auto kIban = IdentifierType::kIban;

TEST(FindIdentifiersTest, Emails) {
  ExpectOne("write to Ali.Hassan+x@Mail.Example.IQ.", "Ali.Hassan+x@Mail.Example.IQ", kEmail,
            "ali.hassan+x@mail.example.iq");
  ExpectOne("ایمیل: info@bank.ir را", "info@bank.ir", kEmail, "info@bank.ir");
  ExpectOne("<a_b@c-d.com>", "a_b@c-d.com", kEmail, "a_b@c-d.com");
  EXPECT_TRUE(FindIdentifiers("user@localhost or @handle or a@b.c or x@.com").empty());
}

TEST(FindIdentifiersTest, Phones) {
  ExpectOne("call +964 770 123 4567 now", "+964 770 123 4567", kPhone, "+9647701234567");
  ExpectOne("call 00964 770 123 4567 now", "00964 770 123 4567", kPhone, "+9647701234567");
  ExpectOne("call (202) 555-0143.", "(202) 555-0143", kPhone, "+12025550143");
  ExpectOne("call 202-555-0143, or", "202-555-0143", kPhone, "+12025550143");
  ExpectOne("موبایل ۰۹۱۲۱۲۳۴۵۶۷ است", "۰۹۱۲۱۲۳۴۵۶۷", kPhone, "+989121234567");
  ExpectOne("موبایل ۰۹۱۲ ۱۲۳ ۴۵۶۷ است", "۰۹۱۲ ۱۲۳ ۴۵۶۷", kPhone, "+989121234567");
  ExpectOne("mobile 09121234567", "09121234567", kPhone, "+989121234567");
  ExpectOne("هاتف ٠٧٧٠ ١٢٣ ٤٥٦٧", "٠٧٧٠ ١٢٣ ٤٥٦٧", kPhone, "07701234567");
  ExpectOne("tel: +98 (21) 8888-1234", "+98 (21) 8888-1234", kPhone, "+982188881234");
}

TEST(FindIdentifiersTest, PhonesAvoidDatesYearsAndFigures) {
  for (const char* text :
       {"2019-10-16", "16-10-2019", "in 2019", "1398/07/24", "12.03.2019", "page 12", "1,200,000",
        "12 13 14 15", "100 200 300 400", "ID 123456789012", "v1.2.3.4", "۱۳۹۸/۰۷/۲۴",
        "4567abc 1234567", "call 0770123"}) {
    EXPECT_TRUE(FindIdentifiers(text).empty()) << text << " -> " << FindIdentifiers(text)[0].text;
  }
}

TEST(FindIdentifiersTest, Ibans) {
  ExpectOne("IBAN: GB82 WEST 1234 5698 7654 32.", "GB82 WEST 1234 5698 7654 32", kIban,
            "GB82WEST12345698765432");
  ExpectOne("IBAN DE89370400440532013000 here", "DE89370400440532013000", kIban,
            "DE89370400440532013000");
  ExpectOne("IQ98 NBIQ 8501 2345 6789 012 USD", "IQ98 NBIQ 8501 2345 6789 012", kIban,
            "IQ98NBIQ850123456789012");
  ExpectOne("شبا IR06 2960 0000 0010 0324 2000 01", "IR06 2960 0000 0010 0324 2000 01", kIban,
            "IR062960000000100324200001");
  EXPECT_TRUE(FindIdentifiers("GB82 WEST 1234 5698 7654 33").empty());  // checksum
  EXPECT_TRUE(FindIdentifiers("XGB82WEST12345698765432").empty());
  EXPECT_TRUE(IsValidIban("GB82WEST12345698765432"));
  EXPECT_FALSE(IsValidIban("GB82WEST1234569876543"));
  EXPECT_FALSE(IsValidIban("ZZ82WEST12345698765432"));
}

TEST(FindIdentifiersTest, MixedInOrder) {
  const std::string input = "Mail a@b.org, call +1 202 555 0143, pay GB82WEST12345698765432.";
  auto found = FindIdentifiers(input);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].type, kEmail);
  EXPECT_EQ(found[1].type, kPhone);
  EXPECT_EQ(found[2].type, kIban);
  for (const auto& m : found) EXPECT_EQ(input.substr(m.begin, m.end - m.begin), m.text);
}

TEST(FindIdentifiersTest, HostileInputIsScannedLinearly) {
  std::mt19937 rng(5);
  const std::vector<std::string> pieces = {"1", "23", " ", "-", "(", ")", "+", "@", "a", ".", "com",
                                           "GB82", "WEST", "۰۹", "\xff", "\xdb", "\n", "IQ", "00"};
  std::string input;
  while (input.size() < 5 * 1024 * 1024) input += pieces[rng() % pieces.size()];
  auto found = FindIdentifiers(input);
  for (size_t i = 1; i < found.size(); ++i) ASSERT_LE(found[i - 1].end, found[i].begin);
  EXPECT_TRUE(FindIdentifiers(std::string(1 << 20, '@')).empty());
  std::string digits_and_spaces;
  for (int i = 0; i < (1 << 19); ++i) digits_and_spaces += "1 ";
  EXPECT_TRUE(FindIdentifiers(digits_and_spaces).empty());
  EXPECT_TRUE(FindIdentifiers(std::string(1 << 20, 'a') + "@" + std::string(1 << 20, 'b')).empty());
}

}  // namespace
}  // namespace leakgraph::ner
