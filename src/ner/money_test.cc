#include "ner/money.h"

#include <gtest/gtest.h>

#include <random>

namespace leakgraph::ner {
namespace {

struct Expected {
  std::string text;
  int64_t units;
  int scale;
  std::string currency;
  bool toman = false;
};

void ExpectOne(const std::string& input, const Expected& want) {
  SCOPED_TRACE(input);
  auto found = FindMoney(input);
  ASSERT_EQ(found.size(), 1u);
  const MoneyMention& m = found[0];
  EXPECT_EQ(m.text, want.text);
  EXPECT_EQ(m.begin, input.find(want.text));
  EXPECT_EQ(m.end, m.begin + want.text.size());
  EXPECT_EQ(m.amount_units, want.units);
  EXPECT_EQ(m.amount_scale, want.scale);
  EXPECT_EQ(m.currency, want.currency);
  EXPECT_EQ(m.stated_in_toman, want.toman);
}

TEST(FindMoneyTest, EnglishForms) {
  ExpectOne("paid $45,000 to him", {"$45,000", 45000, 0, "USD"});
  ExpectOne("paid US$ 2.5 million to him", {"US$ 2.5 million", 2500000, 0, "USD"});
  ExpectOne("paid 45,000 dollars to him", {"45,000 dollars", 45000, 0, "USD"});
  ExpectOne("paid 3.5 million dinars", {"3.5 million dinars", 3500000, 0, "IQD"});
  ExpectOne("paid IQD 750,000 in cash", {"IQD 750,000", 750000, 0, "IQD"});
  ExpectOne("paid 750,000 IQD in cash", {"750,000 IQD", 750000, 0, "IQD"});
  ExpectOne("a grant of €10,000.", {"€10,000", 10000, 0, "EUR"});
  ExpectOne("a grant of 250 euros.", {"250 euros", 250, 0, "EUR"});
  ExpectOne("cost $12.50 each", {"$12.50", 125, 1, "USD"});
  ExpectOne("about $45k", {"$45k", 45000, 0, "USD"});
  ExpectOne("about $3bn", {"$3bn", 3000000000, 0, "USD"});
  ExpectOne("about £3m", {"£3m", 3000000, 0, "GBP"});
  ExpectOne("sent 45,000 US dollars", {"45,000 US dollars", 45000, 0, "USD"});
  ExpectOne("sent 200 Kuwaiti dinars", {"200 Kuwaiti dinars", 200, 0, "KWD"});
  ExpectOne("sent 200 pounds sterling", {"200 pounds sterling", 200, 0, "GBP"});
  ExpectOne("sent 10,000€ today", {"10,000€", 10000, 0, "EUR"});
  ExpectOne("worth 5 thousand dollars", {"5 thousand dollars", 5000, 0, "USD"});
  ExpectOne("sent 1,000 Saudi riyals", {"1,000 Saudi riyals", 1000, 0, "SAR"});
  ExpectOne("sent 1,000 rials", {"1,000 rials", 1000, 0, "IRR"});
}

TEST(FindMoneyTest, ArabicForms) {
  ExpectOne("دفع ٢٥٠ ألف دولار نقدا", {"٢٥٠ ألف دولار", 250000, 0, "USD"});
  ExpectOne("دفع ٢٥٠٬٠٠٠ دولار نقدا", {"٢٥٠٬٠٠٠ دولار", 250000, 0, "USD"});
  ExpectOne("دفع ٢٥٠٫٥ دولار", {"٢٥٠٫٥ دولار", 2505, 1, "USD"});
  ExpectOne("رشوة مليون دينار", {"مليون دينار", 1000000, 0, "IQD"});
  ExpectOne("دفع 3 ملايين دينار", {"3 ملايين دينار", 3000000, 0, "IQD"});
  ExpectOne("دفع ٥ مليار دينار عراقي", {"٥ مليار دينار عراقي", 5000000000, 0, "IQD"});
  ExpectOne("دفع ٥ آلاف دولار أمريكي", {"٥ آلاف دولار أمريكي", 5000, 0, "USD"});
  ExpectOne("مبلغ ٥٠٠ ريال سعودي", {"٥٠٠ ريال سعودي", 500, 0, "SAR"});
  ExpectOne("مبلغ ٥٠٠ ريال", {"٥٠٠ ريال", 500, 0, "SAR"});
  ExpectOne("مبلغ ٥٠٠ ريال إيراني", {"٥٠٠ ريال إيراني", 500, 0, "IRR"});
  ExpectOne("مبلغ ٢٠٠ دينار كويتي", {"٢٠٠ دينار كويتي", 200, 0, "KWD"});
  ExpectOne("مبلغ ١٠٠ جنيه إسترليني", {"١٠٠ جنيه إسترليني", 100, 0, "GBP"});
  ExpectOne("مبلغ ١٠٠ ليرة سورية", {"١٠٠ ليرة سورية", 100, 0, "SYP"});
}

TEST(FindMoneyTest, PersianForms) {
  ExpectOne("مبلغ ۱۲ میلیون تومان پرداخت شد", {"۱۲ میلیون تومان", 120000000, 0, "IRR", true});
  ExpectOne("مبلغ ۵۰۰ هزار ریال", {"۵۰۰ هزار ریال", 500000, 0, "IRR"});
  ExpectOne("مبلغ ۱۲٬۵۰۰٬۰۰۰ ریال", {"۱۲٬۵۰۰٬۰۰۰ ریال", 12500000, 0, "IRR"});
  ExpectOne("مبلغ ۳۰۰ دلار", {"۳۰۰ دلار", 300, 0, "USD"});
  ExpectOne("مبلغ ۲/۵ میلیون دلار", {"۲/۵ میلیون دلار", 2500000, 0, "USD"});
  ExpectOne("مبلغ ۲ میلیارد تومان", {"۲ میلیارد تومان", 20000000000, 0, "IRR", true});
}

TEST(FindMoneyTest, AmountAsDouble) {
  auto found = FindMoney("$12.50");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_DOUBLE_EQ(found[0].amount(), 12.5);
}

TEST(FindMoneyTest, NoFalsePositives) {
  for (const char* text :
       {"page 12", "1,200 soldiers", "in 2019", "12 pounds of flour", "۲/۵ کیلو", "$", "USD",
        "dollars", "the euro zone", "5 m away", "2.5 million people", "مليون شخص", "1.2.3 dollars",
        "A45 dollars", "45,00,000 dollars", "Try 5", "$ abc"}) {
    EXPECT_TRUE(FindMoney(text).empty()) << text << " -> " << FindMoney(text)[0].text;
  }
}

TEST(FindMoneyTest, OverflowIsDropped) {
  EXPECT_TRUE(FindMoney("$999,999,999,999,999 trillion").empty());
  EXPECT_TRUE(FindMoney("$99999999999999999999").empty());
}

TEST(FindMoneyTest, SeveralMentionsInOrder) {
  const std::string input = "paid $5, then ٢٥٠ ألف دولار and ۱۲ میلیون تومان.";
  auto found = FindMoney(input);
  ASSERT_EQ(found.size(), 3u);
  for (const auto& m : found) EXPECT_EQ(input.substr(m.begin, m.end - m.begin), m.text);
  EXPECT_EQ(found[0].amount_units, 5);
}

TEST(FindMoneyTest, HostileInputIsScannedLinearly) {
  std::mt19937 rng(11);
  const std::vector<std::string> pieces = {"12", ",", "000", ".", "5", " ", "$", "€", "million",
                                           "dollars", "k", "ألف", "دولار", "۱۲", "٬", "\xff", "\xd9",
                                           "تومان", "/", "US", "\n", "IQD", "m", "مليون"};
  std::string input;
  while (input.size() < 5 * 1024 * 1024) input += pieces[rng() % pieces.size()];
  auto found = FindMoney(input);
  EXPECT_FALSE(found.empty());
  for (size_t i = 1; i < found.size(); ++i) ASSERT_LE(found[i - 1].end, found[i].begin);
  EXPECT_TRUE(FindMoney(std::string(1 << 20, '9')).empty());
  EXPECT_TRUE(FindMoney(std::string(1 << 20, '$')).empty());
}

}  // namespace
}  // namespace leakgraph::ner
