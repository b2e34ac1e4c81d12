#include "link/linker.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace leakgraph::link {
namespace {

using store::Mention;
using store::Relation;

// A sentence with its mentions given as (type, text) in order of appearance.
struct Case {
  std::string text;
  std::vector<Mention> mentions;

  Case(std::string t, std::vector<std::pair<std::string, std::string>> spans) : text(std::move(t)) {
    std::size_t from = 0;
    for (auto& [type, surface] : spans) {
      std::size_t at = text.find(surface, from);
      EXPECT_NE(at, std::string::npos) << surface;
      mentions.push_back({type, at, at + surface.size(), surface, surface, 1.0, "{}"});
      from = at + surface.size();
    }
  }
  // "type source->target [trigger]" for each typed relation.
  std::vector<std::string> Typed(std::string_view language = "en") const {
    std::vector<std::string> out;
    for (const Relation& r : LinkDocument(text, language, mentions)) {
      if (r.type == store::kCoMention || r.type == store::kDated) continue;
      out.push_back(r.type + " " + mentions[r.source].text + "->" + mentions[r.target].text + " [" +
                    text.substr(r.trigger_begin, r.trigger_end - r.trigger_begin) + "]");
    }
    return out;
  }
};

// Prints the relations found when the expected one is missing.
::testing::AssertionResult Has(const std::vector<std::string>& found, const std::string& expected) {
  for (const auto& f : found) {
    if (f == expected) return ::testing::AssertionSuccess();
  }
  auto r = ::testing::AssertionFailure() << "missing: " << expected << "\nfound:";
  for (const auto& f : found) r << "\n  " << f;
  return r;
}

TEST(LinkerTest, PaymentAfterAnAppositionTakesTheSubject) {
  Case c("Youssef al-Marzouqi, the managing director of Crescent Horizon Trading LLC in Dubai, paid $45,000 to "
         "Al-Noor Exchange in Tal Harir on 8 July 2019.",
         {{"PERSON", "Youssef al-Marzouqi"}, {"ORG", "Crescent Horizon Trading LLC"}, {"LOCATION", "Dubai"},
          {"MONEY", "$45,000"}, {"ORG", "Al-Noor Exchange"}, {"LOCATION", "Tal Harir"}, {"DATE", "8 July 2019"}});
  c.mentions[3].normalized = "45000 USD";
  c.mentions[6].normalized = "2019-07-08";
  auto typed = c.Typed();
  EXPECT_TRUE(Has(typed, "paid Youssef al-Marzouqi->Al-Noor Exchange [paid]"));
  EXPECT_TRUE(Has(typed, "leads Youssef al-Marzouqi->Crescent Horizon Trading LLC [managing director of]"));
  // The amount and the date of the payment are those of its sentence.
  for (const Relation& r : LinkDocument(c.text, "en", c.mentions)) {
    if (r.type != "paid") continue;
    ASSERT_TRUE(r.amount.has_value());
    EXPECT_EQ(c.mentions[*r.amount].text, "$45,000");
    ASSERT_TRUE(r.date.has_value());
    EXPECT_EQ(c.mentions[*r.date].text, "8 July 2019");
  }
}

TEST(LinkerTest, MeetingsInThreeWordOrders) {
  Case en("Colonel Behzad Arjomand met with Tariq al-Marzouqi in Kuhsar.",
          {{"PERSON", "Behzad Arjomand"}, {"PERSON", "Tariq al-Marzouqi"}, {"LOCATION", "Kuhsar"}});
  EXPECT_TRUE(Has(en.Typed(), "met_with Behzad Arjomand->Tariq al-Marzouqi [met with]"));
  // Persian SOV: the verb comes after both.
  Case fa("ارجمند با یوسف مرزوقی دیدار کرد.", {{"PERSON", "ارجمند"}, {"PERSON", "یوسف مرزوقی"}});
  EXPECT_TRUE(Has(fa.Typed("fa"), "met_with ارجمند->یوسف مرزوقی [دیدار]"));
  // Arabic VSO: the verb comes before both.
  Case ar("التقى العقيد بهزاد أرجمند مع يوسف المرزوقي في دبي.",
          {{"PERSON", "بهزاد أرجمند"}, {"PERSON", "يوسف المرزوقي"}, {"LOCATION", "دبي"}});
  EXPECT_TRUE(Has(ar.Typed("ar"), "met_with بهزاد أرجمند->يوسف المرزوقي [التقى]"));
}

TEST(LinkerTest, ReversedAndTypeDrivenDirections) {
  Case run("Al-Noor Exchange is run by Tariq al-Marzouqi.", {{"ORG", "Al-Noor Exchange"}, {"PERSON", "Tariq al-Marzouqi"}});
  EXPECT_TRUE(Has(run.Typed(), "leads Tariq al-Marzouqi->Al-Noor Exchange [run by]"));
  Case received("Crescent Horizon received AED 250,000 from Al-Noor Exchange.",
                {{"ORG", "Crescent Horizon"}, {"MONEY", "AED 250,000"}, {"ORG", "Al-Noor Exchange"}});
  EXPECT_TRUE(Has(received.Typed(), "paid Al-Noor Exchange->Crescent Horizon [received]"));
  Case founded("The Arzhan Foundation, which General Tavanaei founded, sent money abroad.",
               {{"ORG", "Arzhan Foundation"}, {"PERSON", "Tavanaei"}});
  EXPECT_TRUE(Has(founded.Typed(), "leads Tavanaei->Arzhan Foundation [founded]"));
}

TEST(LinkerTest, PossessiveOrganisationIsTheTarget) {
  Case c("Kourosh Tavanaei, the head of Kestria's Directorate of External Security, spoke.",
         {{"PERSON", "Kourosh Tavanaei"}, {"LOCATION", "Kestria"}, {"ORG", "Directorate of External Security"}});
  EXPECT_TRUE(Has(c.Typed(), "leads Kourosh Tavanaei->Directorate of External Security [head of]"));
}

TEST(LinkerTest, CoordinatedArgumentsEachGetTheTie) {
  Case c("Arjomand met Youssef al-Marzouqi and Arash Tavanaei in Dubai.",
         {{"PERSON", "Arjomand"}, {"PERSON", "Youssef al-Marzouqi"}, {"PERSON", "Arash Tavanaei"}, {"LOCATION", "Dubai"}});
  auto typed = c.Typed();
  EXPECT_TRUE(Has(typed, "met_with Arjomand->Youssef al-Marzouqi [met]"));
  EXPECT_TRUE(Has(typed, "met_with Arjomand->Arash Tavanaei [met]"));
}

TEST(LinkerTest, NoTieWithoutWordsThatStateIt) {
  Case c("Arjomand and Fakhoury were both in Dubai that week.", {{"PERSON", "Arjomand"}, {"PERSON", "Fakhoury"}, {"LOCATION", "Dubai"}});
  EXPECT_TRUE(c.Typed().empty());
  // ... but they are co-mentioned, and each is dated when the sentence has a date.
  auto relations = LinkDocument(c.text, "en", c.mentions);
  ASSERT_EQ(relations.size(), 3u);  // three co-mention pairs
  for (const Relation& r : relations) EXPECT_EQ(r.type, store::kCoMention);
  // A payment verb without an amount of money is not a payment.
  Case visit("Arjomand paid Fakhoury a visit.", {{"PERSON", "Arjomand"}, {"PERSON", "Fakhoury"}});
  EXPECT_TRUE(visit.Typed().empty());
}

TEST(LinkerTest, ArabicScriptTriggersWithClitics) {
  Case family("طارق المرزوقي هو شقيق يوسف المرزوقي.", {{"PERSON", "طارق المرزوقي"}, {"PERSON", "يوسف المرزوقي"}});
  EXPECT_TRUE(Has(family.Typed("ar"), "family طارق المرزوقي->يوسف المرزوقي [شقيق]"));
  Case ties("فاخوری با نادیه قراوی رابطه نزدیک دارد.", {{"PERSON", "فاخوری"}, {"PERSON", "نادیه قراوی"}});
  EXPECT_TRUE(Has(ties.Typed("fa"), "close_ties فاخوری->نادیه قراوی [رابطه نزدیک]"));
  // وقائد: the conjunction is a clitic of the trigger.
  Case leads("العقيد أرجمند وقائد محطة تل حرير", {{"PERSON", "أرجمند"}, {"ORG", "محطة تل حرير"}});
  EXPECT_FALSE(leads.Typed("ar").empty());
}

TEST(LinkerTest, EmailHeadersGiveCommunicatedWith) {
  std::map<std::string, std::string> metadata = {
      {"from", "Arash Tavanaei <arash@crescent.example>"},
      {"to", "\"al-Marzouqi, Tariq\" <tariq@alnoor.example>, billing@alnoor.example"},
      {"cc", "Youssef al-Marzouqi <y@crescent.example>"}};
  std::vector<Mention> mentions;
  AddHeaderParties(metadata, mentions);
  ASSERT_EQ(mentions.size(), 3u);  // the bare address is not a name
  EXPECT_EQ(mentions[0].text, "Arash Tavanaei");
  EXPECT_EQ(mentions[1].text, "Tariq al-Marzouqi");
  EXPECT_EQ(mentions[0].begin, mentions[0].end);
  auto relations = LinkDocument("Please find attached the invoice.", "en", mentions);
  ASSERT_EQ(relations.size(), 2u);
  EXPECT_EQ(relations[0].type, "communicated_with");
  EXPECT_EQ(relations[0].evidence, "From: Arash Tavanaei; To: Tariq al-Marzouqi");
  EXPECT_EQ(relations[1].evidence, "From: Arash Tavanaei; Cc: Youssef al-Marzouqi");
}

TEST(LinkerTest, HostileInputNeverBreaks) {
  std::string text(100000, 'a');
  for (std::size_t i = 0; i < text.size(); i += 7) text[i] = ' ';
  std::vector<Mention> mentions;
  for (std::size_t i = 0; i + 6 < text.size(); i += 14) mentions.push_back({"PERSON", i + 1, i + 7, "aaaaaa", "aaaaaa", 1, "{}"});
  mentions.push_back({"ORG", 5, 999999, "x", "x", 1, "{}"});  // beyond the text: ignored
  auto relations = LinkDocument(text, "en", mentions);
  for (const Relation& r : relations) {
    EXPECT_LT(r.source, mentions.size());
    EXPECT_LT(r.target, mentions.size());
  }
  EXPECT_TRUE(LinkDocument("", "en", {}).empty());
  EXPECT_TRUE(LinkDocument("\xff\xfe met with \xc3", "en", {}).empty());
}

}  // namespace
}  // namespace leakgraph::link
