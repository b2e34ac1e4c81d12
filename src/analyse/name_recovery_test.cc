#include "analyse/name_recovery.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace leakgraph::analyse {
namespace {

using store::Mention;

// The mention of `surface` (its first occurrence at or after `from`) with `type`.
Mention At(std::string_view text, std::string_view type, std::string_view surface, std::size_t from = 0) {
  std::size_t at = text.find(surface, from);
  EXPECT_NE(at, std::string_view::npos) << surface;
  return {std::string(type), at, at + surface.size(), std::string(surface), std::string(surface), 1.0, "{}"};
}

// "TYPE text" of each mention, in text order.
std::vector<std::string> Listed(std::vector<Mention> mentions) {
  std::sort(mentions.begin(), mentions.end(),
            [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
  std::vector<std::string> out;
  for (const auto& m : mentions) out.push_back(m.type + " " + m.text);
  return out;
}

void ExpectOffsetsHold(std::string_view text, const std::vector<Mention>& mentions) {
  for (const auto& m : mentions) {
    ASSERT_LE(m.end, text.size());
    EXPECT_EQ(text.substr(m.begin, m.end - m.begin), m.text);
  }
}

using Strings = std::vector<std::string>;

TEST(NameRecoveryTest, ArabicDesignatorOpensAnOrganisation) {
  // "Al-Noor Exchange paid 3.5 million dinars to ..."
  std::string text = "دفعت صرافة النور 3.5 مليون دينار إلى عدنان الشاهري.";
  std::vector<Mention> mentions = {At(text, "PERSON", "عدنان الشاهري")};
  RecoverDesignatedOrganisations(text, mentions);
  EXPECT_EQ(Listed(mentions), (Strings{"ORG صرافة النور", "PERSON عدنان الشاهري"}));
  ExpectOffsetsHold(text, mentions);
  for (const auto& m : mentions) {
    if (m.type != "ORG") continue;
    EXPECT_DOUBLE_EQ(m.confidence, kRecoveredConfidence);
    EXPECT_EQ(nlohmann::json::parse(m.extra)["recovered"], "designator");
  }
}

TEST(NameRecoveryTest, ArabicOrganisationNamesEndWhereTheirGrammarDoes) {
  struct Example {
    std::string text;
    std::string org;
  } examples[] = {
      // Definite adjectives continue the name; a verb ends it.
      {"أعلنت حركة فارينيا الحرة رفضها.", "حركة فارينيا الحرة"},
      {"إن شركة أفق الهلال للتجارة دفعت المبلغ.", "شركة أفق الهلال للتجارة"},
      {"قالت مؤسسة أرجان لإعادة الإعمار إنها", "مؤسسة أرجان لإعادة الإعمار"},
      {"تقرير لجنة الرصد والمتابعة", "لجنة الرصد والمتابعة"},
      {"نطالب وزارة الخارجية الفارينية بالكشف عن", "وزارة الخارجية الفارينية"},
      // Persian: at most three words, closed by a boundary.
      {"بنیاد بازسازی ارژن دیروز مبلغ ۱۲ میلیون تومان واریز کرد.", "بنیاد بازسازی ارژن"},
      {"ارجمند در دفتر شرکت افق هلال در دبی بود.", "شرکت افق هلال"},
      // The noun of a light verb is not part of the name ("paid to Al-Noor Exchange").
      {"بنیاد مبلغ ۸۵۰ میلیون تومان به صرافی النور پرداخت کرد.", "صرافی النور"},
  };
  for (const auto& e : examples) {
    std::vector<Mention> mentions;
    RecoverDesignatedOrganisations(e.text, mentions);
    EXPECT_EQ(Listed(mentions), (Strings{"ORG " + e.org})) << e.text;
  }
}

TEST(NameRecoveryTest, DesignatedOrganisationTakesInThePlaceInsideIt) {
  std::string text = "تعلن حركة فارينيا الحرة، برئاسة السيدة ناديه القراوي";
  std::vector<Mention> mentions = {At(text, "LOCATION", "فارينيا"), At(text, "PERSON", "ناديه القراوي")};
  RecoverDesignatedOrganisations(text, mentions);
  EXPECT_EQ(Listed(mentions), (Strings{"ORG حركة فارينيا الحرة", "PERSON ناديه القراوي"}));
}

TEST(NameRecoveryTest, NoOrganisationWithoutAName) {
  for (std::string text : {
           "الشركة دفعت",                  // the designator with the article: "the company"
           "وقعت شركة في المدينة",         // a preposition right after it
           "شرکت می خواهد سهام بفروشد",    // a Persian verb after it
           "قالت شركة، لم تسمها،",         // punctuation
           "the Ministry said on Monday",  // English needs "of" and a capitalised name
           "the Ministry of the interior",
       }) {
    std::vector<Mention> mentions;
    RecoverDesignatedOrganisations(text, mentions);
    EXPECT_TRUE(mentions.empty()) << text << ": " << (mentions.empty() ? "" : mentions[0].text);
  }
  // A person named right after the designator is not swallowed into an organisation.
  std::string text = "مؤسسة محمد بن راشد";
  std::vector<Mention> mentions = {At(text, "PERSON", "محمد بن راشد")};
  RecoverDesignatedOrganisations(text, mentions);
  EXPECT_EQ(Listed(mentions), (Strings{"PERSON محمد بن راشد"}));
}

TEST(NameRecoveryTest, EnglishDesignatorOfCapitalisedWords) {
  std::string text =
      "the head of Kestria's Directorate of External Security (DES). The Varenian Ministry of Foreign "
      "Affairs said the Bank of Tal Harir and the University of Arzhan agreed.";
  std::vector<Mention> mentions = {At(text, "LOCATION", "Kestria"), At(text, "LOCATION", "Arzhan")};
  RecoverDesignatedOrganisations(text, mentions);
  EXPECT_EQ(Listed(mentions), (Strings{"LOCATION Kestria", "ORG Directorate of External Security",
                                       "ORG Varenian Ministry of Foreign Affairs", "ORG Bank of Tal Harir",
                                       "ORG University of Arzhan"}));
}

TEST(NameRecoveryTest, TitleBeforeAnUntaggedNameGivesAPersonWithTheRole) {
  std::string text =
      "Deputy Foreign Minister Adnan al-Shaheri met with Kestrian Ambassador Reza Kamalvand in Tal "
      "Harir.";
  std::vector<Mention> mentions = {
      At(text, "ROLE", "Deputy Foreign Minister"), At(text, "PERSON", "Adnan al-Shaheri"),
      At(text, "ROLE", "Kestrian Ambassador"), At(text, "LOCATION", "Tal Harir")};
  nlohmann::json attached = {{"person", "Adnan al-Shaheri"}};
  mentions[0].extra = attached.dump();
  RecoverTitledPersons(text, mentions);
  EXPECT_EQ(Listed(mentions),
            (Strings{"ROLE Deputy Foreign Minister", "PERSON Adnan al-Shaheri", "ROLE Kestrian Ambassador",
                     "PERSON Reza Kamalvand", "LOCATION Tal Harir"}));
  const Mention& role = mentions[2];
  const Mention& person = mentions.back();
  auto role_extra = nlohmann::json::parse(role.extra);
  EXPECT_EQ(role_extra["person"], "Reza Kamalvand");
  EXPECT_EQ(role_extra["person_begin"], person.begin);
  EXPECT_EQ(role_extra["person_end"], person.end);
  auto person_extra = nlohmann::json::parse(person.extra);
  EXPECT_EQ(person_extra["role"], "Kestrian Ambassador");
  EXPECT_EQ(person_extra["recovered"], "title");
  ExpectOffsetsHold(text, mentions);
}

TEST(NameRecoveryTest, ArabicScriptTitles) {
  struct Example {
    std::string text;
    std::string role;
    std::string person;  // empty: none
  } examples[] = {
      {"التقى نائب وزير الخارجية عدنان الشاهري بالسفير الكستري", "نائب وزير الخارجية", "عدنان الشاهري"},
      // The adjective of the title is passed over.
      {"التقى السفير الكستري رضا كمالوند في تل حرير", "السفير", "رضا كمالوند"},
      {"رفع نسخة إلى السيدة نادية القراوي رئيسة الحركة", "السيدة", "نادية القراوي"},
      // A name running into the sentence is cut to one word.
      {"یوسف مرزوقی با سرتیپ توانایی دوستی نزدیک دارد", "سرتیپ", "توانایی"},
      {"سرهنگ ارجمند روز ۱۳۹۸/۰۷/۲۰ از استانبول به دبی رفت.", "سرهنگ", "ارجمند"},
      // Not a title: the head of something, followed by its name.
      {"رئيس مديرية الأمن الخارجي", "رئيس", ""},
      // A clitic on a designator: "with the Directorate".
      {"علاقة نائب وزير الخارجية بمديرية الأمن الخارجي", "نائب وزير الخارجية", ""},
      // The next words are on another line.
      {"السفير\nرضا كمالوند", "السفير", ""},
      // After an office, one word is a name only if the document names a person so: here a verb.
      {"السفير الكستري يزور وزارة الخارجية الفارينية", "السفير", ""},
  };
  for (const auto& e : examples) {
    std::vector<Mention> mentions = {At(e.text, "ROLE", e.role)};
    RecoverTitledPersons(e.text, mentions);
    Strings expected = {"ROLE " + e.role};
    if (!e.person.empty()) expected.push_back("PERSON " + e.person);
    EXPECT_EQ(Listed(mentions), expected) << e.text;
    ExpectOffsetsHold(e.text, mentions);
  }
}

TEST(NameRecoveryTest, OneWordAfterAnOfficeIsANameTheDocumentKnows) {
  std::string text = "التقى رضا كمالوند الوزير. وقال السفير كمالوند إن اللقاء كان مثمرا.";
  std::vector<Mention> mentions = {At(text, "PERSON", "رضا كمالوند"), At(text, "ROLE", "السفير")};
  RecoverTitledPersons(text, mentions);
  EXPECT_EQ(Listed(mentions), (Strings{"PERSON رضا كمالوند", "ROLE السفير", "PERSON كمالوند"}));
}

TEST(NameRecoveryTest, RoleWithItsOrganisationThenTheName) {
  // "The leader of the Free Varenia Movement, Nadia al-Qarawi, said that ..."
  std::string text = "قالت زعيمة حركة فارينيا الحرة نادية القراوي إن الحركة ترفض أي اتفاق";
  std::vector<Mention> mentions = {At(text, "ROLE", "زعيمة حركة فارينيا الحرة"),
                                   At(text, "ORG", "حركة فارينيا الحرة")};
  mentions[0].extra = R"({"org":"حركة فارينيا الحرة"})";
  RecoverTitledPersons(text, mentions);
  EXPECT_EQ(Listed(mentions),
            (Strings{"ROLE زعيمة حركة فارينيا الحرة", "ORG حركة فارينيا الحرة", "PERSON نادية القراوي"}));
  // Without the organisation, a function word ("leader of ...") is no title.
  std::vector<Mention> bare = {At(text, "ROLE", "زعيمة")};
  RecoverTitledPersons(text, bare);
  EXPECT_EQ(bare.size(), 1u);
}

TEST(NameRecoveryTest, HonorificsInTheTextOpenNames) {
  std::string text =
      "تعلن الحركة، برئاسة السيدة ناديه القراوي، رفضها. جناب آقای رضا کمالوند رسید. Mrs. Eleanor Voss "
      "wrote to Mr Shaheri.";
  std::vector<Mention> mentions;
  RecoverTitledPersons(text, mentions);
  EXPECT_EQ(Listed(mentions),
            (Strings{"PERSON ناديه القراوي", "PERSON رضا کمالوند", "PERSON Eleanor Voss", "PERSON Shaheri"}));
}

TEST(NameRecoveryTest, EnglishTitlesNeedANameShapedWord) {
  for (std::string text : {
           "the Ambassador said that the meeting was over",        // lower case after it
           "Deputy Minister Meets Kestrian Envoy In Dubai Today",  // a title-case headline
           "the Minister Crescent Bank paid",                      // an organisation, not a person
           "the Ambassador The meeting",                           // a clause opens
           "the Ambassador's car",
       }) {
    std::string role = text.find("Deputy") != std::string::npos     ? "Deputy Minister"
                       : text.find("Minister") != std::string::npos ? "Minister"
                                                                    : "Ambassador";
    std::vector<Mention> mentions = {At(text, "ROLE", role)};
    RecoverTitledPersons(text, mentions);
    EXPECT_EQ(mentions.size(), 1u) << text << ": " << mentions.back().text;
  }
  std::string text = "Opposition leader Nadia al-Qarawi spoke; General Osama bin Laden did not.";
  std::vector<Mention> mentions = {At(text, "ROLE", "Opposition leader"), At(text, "ROLE", "General")};
  RecoverTitledPersons(text, mentions);
  EXPECT_EQ(Listed(mentions), (Strings{"ROLE Opposition leader", "PERSON Nadia al-Qarawi", "ROLE General",
                                       "PERSON Osama bin Laden"}));
}

TEST(NameRecoveryTest, NamesOfTheDocumentFoundAgain) {
  std::string text =
      "Reza Kamalvand arrived on Monday. Later, Reza Kamalvand met Tariq. Reza Kamalvandi is his "
      "cousin; Tariq stayed.";
  std::vector<Mention> mentions = {At(text, "PERSON", "Reza Kamalvand"), At(text, "PERSON", "Tariq")};
  RecoverRepeatedNames(text, mentions);
  // The second "Reza Kamalvand" is found; "Kamalvandi" is another word, and one-word names are not repeated.
  EXPECT_EQ(Listed(mentions), (Strings{"PERSON Reza Kamalvand", "PERSON Reza Kamalvand", "PERSON Tariq"}));
  EXPECT_EQ(nlohmann::json::parse(mentions.back().extra)["recovered"], "repeat");
  ExpectOffsetsHold(text, mentions);
}

TEST(NameRecoveryTest, RepeatTakesTheTypeMostMentionsGive) {
  std::string text =
      "Al-Noor Exchange paid. Al-Noor Exchange received. Al-Noor Exchange sent. Al-Noor Exchange is "
      "in Tal Harir.";
  std::size_t second = text.find("Al-Noor", 5), third = text.find("Al-Noor", second + 5);
  std::vector<Mention> mentions = {At(text, "ORG", "Al-Noor Exchange"),
                                   At(text, "LOCATION", "Al-Noor Exchange", second),
                                   At(text, "ORG", "Al-Noor Exchange", third)};
  RecoverRepeatedNames(text, mentions);
  ASSERT_EQ(mentions.size(), 4u);
  EXPECT_EQ(mentions.back().type, "ORG");
  EXPECT_EQ(mentions.back().begin, text.rfind("Al-Noor Exchange"));
}

TEST(NameRecoveryTest, AnyBytesAreAccepted) {
  std::string garbage = "\xff\xfe شركة \xd8 السفير \xc3 Ministry of \x80 X";
  std::vector<Mention> mentions = {At(garbage, "ROLE", "السفير"), At(garbage, "PERSON", "X")};
  mentions.push_back({"PERSON", 0, garbage.size(), garbage, garbage, 1.0, "not json"});
  RecoverDesignatedOrganisations(garbage, mentions);
  RecoverTitledPersons(garbage, mentions);
  RecoverRepeatedNames(garbage, mentions);
  ExpectOffsetsHold(garbage, mentions);
  std::vector<Mention> none;
  RecoverDesignatedOrganisations("", none);
  RecoverTitledPersons("", none);
  RecoverRepeatedNames("", none);
  EXPECT_TRUE(none.empty());
}

}  // namespace
}  // namespace leakgraph::analyse
