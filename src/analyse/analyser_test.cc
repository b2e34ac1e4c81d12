#include "analyse/analyser.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ner/model_path.h"

namespace leakgraph::analyse {
namespace {

bool ModelsAvailable() {
  for (const char* lang : {"en", "ar", "fa"}) {
    if (!std::filesystem::is_regular_file(ner::DefaultModelPath(lang))) return false;
  }
  return true;
}

std::vector<Mention> OfType(const std::vector<Mention>& all, std::string_view type) {
  std::vector<Mention> out;
  for (const auto& m : all) {
    if (m.type == type) out.push_back(m);
  }
  return out;
}

bool HasMention(const std::vector<Mention>& all, std::string_view type, std::string_view text) {
  for (const auto& m : all) {
    if (m.type == type && m.text.find(text) != std::string::npos) return true;
  }
  return false;
}

void ExpectOffsetsMatchText(const std::vector<Mention>& mentions, std::string_view text) {
  for (const auto& m : mentions) {
    ASSERT_LE(m.end, text.size()) << m.text;
    EXPECT_EQ(text.substr(m.begin, m.end - m.begin), m.text) << m.type;
  }
}

TEST(DocumentAnalyserTest, FindsDatesMoneyAndIdentifiersWithExactOffsets) {
  DocumentAnalyser analyser;
  std::string text =
      "On 12 March 2019 the bank paid $45,000 to B.Arjomand@MFA.gov.ks.\n"
      "The foundation paid ۸۵۰ میلیون تومان on ۱۳۹۸/۰۷/۲۴.\n";
  auto mentions = analyser.Analyse(text, "en", std::nullopt);
  ExpectOffsetsMatchText(mentions, text);
  auto dates = OfType(mentions, kDate);
  ASSERT_EQ(dates.size(), 2u);
  EXPECT_EQ(dates[0].normalized, "2019-03-12");
  EXPECT_EQ(nlohmann::json::parse(dates[0].extra)["precision"], "day");
  EXPECT_EQ(dates[1].normalized, "2019-10-16");
  EXPECT_EQ(nlohmann::json::parse(dates[1].extra)["calendar"], "solar_hijri");
  auto money = OfType(mentions, kMoney);
  ASSERT_EQ(money.size(), 2u);
  EXPECT_EQ(money[0].normalized, "45000 USD");
  EXPECT_EQ(money[1].normalized, "8500000000 IRR");
  auto extra = nlohmann::json::parse(money[1].extra);
  EXPECT_EQ(extra["currency"], "IRR");
  EXPECT_EQ(extra["amount"].get<double>(), 8.5e9);
  auto emails = OfType(mentions, kEmail);
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0].normalized, "b.arjomand@mfa.gov.ks");
  for (std::size_t i = 1; i < mentions.size(); ++i) EXPECT_LE(mentions[i - 1].begin, mentions[i].begin);
}

TEST(DocumentAnalyserTest, RelativeDatesUseTheDocumentDate) {
  DocumentAnalyser analyser;
  auto mentions = analyser.Analyse("We met yesterday.", "en", "2019-10-18T09:00:00Z");
  auto dates = OfType(mentions, kDate);
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].normalized, "2019-10-17");
  EXPECT_TRUE(OfType(analyser.Analyse("We met yesterday.", "en", std::nullopt), kDate).empty());
}

TEST(DocumentAnalyserTest, PicksTheModelBySentenceScriptInMixedDocuments) {
  if (!ModelsAvailable()) GTEST_SKIP() << "NER models not found";
  DocumentAnalyser analyser;
  std::string text =
      "General Kourosh Tavanaei met Ambassador Reza Kamalvand in Tal Harir.\n\n"
      "سرهنگ بهزاد ارجمند در تهران با کوروش توانایی دیدار کرد.\n\n"
      "التقى عدنان الشاهري بالسفير رضا كمالوند في تل حرير.\n";
  // The document's own language is English: the Arabic-script paragraphs must still be tagged.
  auto mentions = analyser.Analyse(text, "en", std::nullopt);
  ExpectOffsetsMatchText(mentions, text);
  EXPECT_TRUE(HasMention(mentions, kPerson, "Tavanaei"));
  std::size_t persian_start = text.find("سرهنگ");
  std::size_t arabic_start = text.find("التقى");
  bool persian_entity = false, arabic_entity = false;
  for (const auto& m : mentions) {
    if (m.type != kPerson && m.type != kLocation && m.type != kOrganization) continue;
    EXPECT_GT(m.confidence, 0.0);
    EXPECT_LE(m.confidence, 1.0);
    if (m.begin >= persian_start && m.begin < arabic_start) persian_entity = true;
    if (m.begin >= arabic_start) arabic_entity = true;
  }
  EXPECT_TRUE(persian_entity);
  EXPECT_TRUE(arabic_entity);
}

TEST(DocumentAnalyserTest, RolesPointAtTheirPersonAndThePersonBack) {
  if (!ModelsAvailable()) GTEST_SKIP() << "NER models not found";
  DocumentAnalyser analyser;
  std::string text =
      "Deputy Foreign Minister Adnan al-Shaheri met Kestrian Ambassador Reza Kamalvand in Tal Harir.\n\n"
      "التقى نائب وزير الخارجية عدنان الشاهري بالسفير الكستري رضا كمالوند في تل حرير.\n";
  auto mentions = analyser.Analyse(text, "en", std::nullopt);
  ExpectOffsetsMatchText(mentions, text);
  std::size_t attached = 0;
  for (const auto& role : OfType(mentions, kRole)) {
    auto extra = nlohmann::json::parse(role.extra);
    if (!extra.contains("person")) continue;
    ++attached;
    bool back = false;
    for (const auto& p : OfType(mentions, kPerson)) {
      if (p.begin != extra["person_begin"] || p.end != extra["person_end"]) continue;
      EXPECT_EQ(p.normalized, extra["person"]);
      back = nlohmann::json::parse(p.extra).contains("role");
    }
    EXPECT_TRUE(back) << role.text;
  }
  EXPECT_GE(attached, 2u);
  // The title never stays inside the name.
  for (const auto& p : OfType(mentions, kPerson)) {
    EXPECT_EQ(p.text.find("Minister"), std::string::npos) << p.text;
  }
}

TEST(DocumentAnalyserTest, MissingModelsSkipEntitiesWithOneWarningPerLanguage) {
  std::vector<std::string> warnings;
  AnalyserOptions options;
  options.model_path = [](std::string_view lang) {
    return std::filesystem::path("/nonexistent/analyser-test") / ner::ModelFileName(lang);
  };
  options.warn = [&](const std::string& m) { warnings.push_back(m); };
  DocumentAnalyser first(options), second(options);
  std::string text = "General Kourosh Tavanaei arrived on 12 March 2019.";
  auto mentions = first.Analyse(text, "en", std::nullopt);
  (void)second.Analyse(text, "en", std::nullopt);
  (void)first.Analyse(text, "en", std::nullopt);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("'en'"), std::string::npos) << warnings[0];
  EXPECT_TRUE(OfType(mentions, kPerson).empty());
  ASSERT_EQ(OfType(mentions, kDate).size(), 1u);
}

TEST(DocumentAnalyserTest, ReadsOnlyTheFirstBytesOfHugeDocuments) {
  std::string text(kMaxAnalysedBytes - 1, ' ');
  text += "ي on 12 March 2019 and reached by x@example.org";  // the cap falls inside the first letter
  AnalyserOptions options;
  options.warn = [](const std::string&) {};
  auto mentions = DocumentAnalyser(options).Analyse(text, "und", std::nullopt);
  EXPECT_TRUE(mentions.empty());
}

TEST(DocumentAnalyserTest, NeverThrowsOnBinaryInput) {
  std::string junk;
  for (int i = 0; i < 20000; ++i) junk += static_cast<char>((i * 7919) % 256);
  DocumentAnalyser analyser;
  auto mentions = analyser.Analyse(junk, "und", "not a date");
  for (const auto& m : mentions) EXPECT_LE(m.end, junk.size());
}

TEST(ParseDocumentDateTest, AcceptsIsoDatesWithOrWithoutTime) {
  EXPECT_EQ(ParseDocumentDate("2019-03-12"), (text::GregorianDate{2019, 3, 12}));
  EXPECT_EQ(ParseDocumentDate("2019-10-02T05:45:00Z"), (text::GregorianDate{2019, 10, 2}));
  EXPECT_FALSE(ParseDocumentDate("2019-13-01").has_value());
  EXPECT_FALSE(ParseDocumentDate("12 March 2019").has_value());
  EXPECT_FALSE(ParseDocumentDate("").has_value());
}

}  // namespace
}  // namespace leakgraph::analyse
