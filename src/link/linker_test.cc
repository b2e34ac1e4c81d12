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
  // When the NER missed the organisation, the possessor is not what he heads.
  Case missed("Kourosh Tavanaei, the head of Kestria's Directorate of External Security, spoke.",
              {{"PERSON", "Kourosh Tavanaei"}, {"LOCATION", "Kestria"}});
  EXPECT_TRUE(missed.Typed().empty());
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

// The relations of `c` as "type source->target [trigger] <sentence start>" (typed only).
std::vector<std::string> TypedWithSentence(const Case& c, std::string_view language = "en") {
  std::vector<std::string> out;
  for (const Relation& r : LinkDocument(c.text, language, c.mentions)) {
    if (r.type == store::kCoMention || r.type == store::kDated) continue;
    EXPECT_LT(r.source, c.mentions.size());
    EXPECT_LT(r.target, c.mentions.size());
    // The evidence is the sentence that states the tie, and the trigger lies inside it.
    EXPECT_LE(r.sentence_begin, r.trigger_begin);
    EXPECT_LE(r.trigger_end, r.sentence_end);
    out.push_back(r.type + " " + c.mentions[r.source].text + "->" + c.mentions[r.target].text + " [" +
                  c.text.substr(r.trigger_begin, r.trigger_end - r.trigger_begin) + "] <" +
                  c.text.substr(r.sentence_begin, c.text.find(' ', r.sentence_begin) - r.sentence_begin) +
                  ">");
  }
  return out;
}

TEST(LinkerTest, PronounSubjectStandsForThePreviousSubject) {
  Case c(
      "Shaheri, 58, has served as deputy foreign minister since 2016. He is known in Tal Harir as the "
      "ministry's man and is a close ally of General Kourosh Tavanaei.",
      {{"PERSON", "Shaheri"}, {"LOCATION", "Tal Harir"}, {"PERSON", "Kourosh Tavanaei"}});
  auto typed = TypedWithSentence(c);
  EXPECT_TRUE(Has(typed, "close_ties Shaheri->Kourosh Tavanaei [ally of] <He>")) << typed.size();
  // Persian: او opens the sentence.
  Case fa("رضا کمالوند دیروز به تل حریر رسید. او با یوسف مرزوقی دیدار کرد.",
          {{"PERSON", "رضا کمالوند"}, {"LOCATION", "تل حریر"}, {"PERSON", "یوسف مرزوقی"}});
  EXPECT_TRUE(Has(TypedWithSentence(fa, "fa"), "met_with رضا کمالوند->یوسف مرزوقی [دیدار] <او>"));
  // Where the text names the arguments: the pronoun for the source, the name for the target.
  std::vector<ArgumentSpans> at;
  auto relations = LinkDocument(c.text, "en", c.mentions, 4u << 20, &at);
  ASSERT_EQ(at.size(), relations.size());
  bool pronoun = false;
  for (std::size_t k = 0; k < relations.size(); ++k) {
    if (relations[k].type != "close_ties") continue;
    pronoun = c.text.substr(at[k].source_begin, at[k].source_end - at[k].source_begin) == "He" &&
              c.text.substr(at[k].target_begin, at[k].target_end - at[k].target_begin) == "Kourosh Tavanaei";
  }
  EXPECT_TRUE(pronoun);
  // Co-mentions and dates are not claimed for a pronoun.
  for (const Relation& r : LinkDocument(c.text, "en", c.mentions))
    if (r.type == store::kCoMention) {
      EXPECT_FALSE(r.source == 0 && r.target == 2);
    }
}

TEST(LinkerTest, PronounWithoutARecentSubjectStaysUnresolved) {
  Case first("He met with Omar Fakhoury in Dubai.", {{"PERSON", "Omar Fakhoury"}, {"LOCATION", "Dubai"}});
  EXPECT_TRUE(first.Typed().empty());
  Case far("Omar Fakhoury wrote. The cafe was full. Nobody came. It rained. He met with Nadia al-Qarawi.",
           {{"PERSON", "Omar Fakhoury"}, {"PERSON", "Nadia al-Qarawi"}});
  EXPECT_TRUE(far.Typed().empty());
  // The object pronoun is whom she told, not the name after it.
  Case told("Last Thursday I met with Nadia al-Qarawi. She told me that Omar Fakhouri is working on a story.",
            {{"PERSON", "Nadia al-Qarawi"}, {"PERSON", "Omar Fakhouri"}});
  EXPECT_TRUE(told.Typed().empty());
}

TEST(LinkerTest, PossessivesStandForTheirAntecedents) {
  Case c(
      "General Kourosh Tavanaei is the founder of the Arzhan Reconstruction Foundation. His son Arash "
      "Tavanaei "
      "sits on its board of trustees.",
      {{"PERSON", "Kourosh Tavanaei"},
       {"ORG", "Arzhan Reconstruction Foundation"},
       {"PERSON", "Arash Tavanaei"}});
  auto typed = TypedWithSentence(c);
  EXPECT_TRUE(Has(typed, "family Kourosh Tavanaei->Arash Tavanaei [son] <His>"));
  EXPECT_TRUE(Has(typed, "member_of Arash Tavanaei->Arzhan Reconstruction Foundation [sits on] <His>"));
  Case brother(
      "Al-Noor Exchange is run by Tariq al-Marzouqi. His brother Youssef al-Marzouqi heads Crescent Horizon.",
      {{"ORG", "Al-Noor Exchange"},
       {"PERSON", "Tariq al-Marzouqi"},
       {"PERSON", "Youssef al-Marzouqi"},
       {"ORG", "Crescent Horizon"}});
  auto b = TypedWithSentence(brother);
  EXPECT_TRUE(Has(b, "family Tariq al-Marzouqi->Youssef al-Marzouqi [brother] <His>"));
  EXPECT_TRUE(Has(b, "leads Youssef al-Marzouqi->Crescent Horizon [heads] <His>"));
  EXPECT_EQ(b.size(), 3u);  // and "run by"; no tie of Tariq with Crescent Horizon
}

TEST(LinkerTest, DefiniteOrganisationNounsStandForTheOrganisationNamedBefore) {
  Case en(
      "The Arzhan Reconstruction Foundation paid the fee. Shirin Golestaneh, the foundation's treasurer, "
      "did not answer.",
      {{"ORG", "Arzhan Reconstruction Foundation"}, {"PERSON", "Shirin Golestaneh"}});
  EXPECT_TRUE(Has(TypedWithSentence(en),
                  "member_of Shirin Golestaneh->Arzhan Reconstruction Foundation "
                  "[treasurer] <Shirin>"));
  Case curly(
      "The Arzhan Reconstruction Foundation paid. Shirin Golestaneh, the foundation’s treasurer, left.",
      {{"ORG", "Arzhan Reconstruction Foundation"}, {"PERSON", "Shirin Golestaneh"}});
  EXPECT_TRUE(
      Has(curly.Typed(), "member_of Shirin Golestaneh->Arzhan Reconstruction Foundation [treasurer]"));
  Case fa(
      "بنیاد بازسازی ارژن مراسم گرفت. شیرین گلستانه، خزانه‌دار بنیاد، اعلام کرد که کمک "
      "کرده "
      "است.",
      {{"ORG", "بنیاد بازسازی ارژن"}, {"PERSON", "شیرین گلستانه"}});
  auto f = TypedWithSentence(fa, "fa");
  EXPECT_TRUE(
      Has(f,
          "member_of شیرین گلستانه->بنیاد بازسازی ارژن [خزانه‌دار] "
          "<شیرین>"));
  Case ar("أصدرت حركة فارينيا الحرة بيانا. إن الحركة تعارض عدنان الشاهري.",
          {{"ORG", "حركة فارينيا الحرة"}, {"PERSON", "عدنان الشاهري"}});
  EXPECT_TRUE(Has(TypedWithSentence(ar, "ar"), "opposes حركة فارينيا الحرة->عدنان الشاهري [تعارض] <إن>"));
  // A capitalised noun after "the" is a name the NER missed, not a reference back.
  Case name("The Arzhan Reconstruction Foundation paid. Omar Fakhoury met the Foundation Board.",
            {{"ORG", "Arzhan Reconstruction Foundation"}, {"PERSON", "Omar Fakhoury"}});
  EXPECT_TRUE(name.Typed().empty());
}

TEST(LinkerTest, AOneWordPlaceThatTheDocumentCallsAPersonIsThatPerson) {
  Case c("Colonel Arjomand met Tariq in Kuhsar. Tariq paid €20,000 in cash to Arjomand, the waiter said.",
         {{"PERSON", "Arjomand"},
          {"PERSON", "Tariq"},
          {"LOCATION", "Kuhsar"},
          {"PERSON", "Tariq"},
          {"MONEY", "€20,000"},
          {"LOCATION", "Arjomand"}});
  c.mentions[0].extra = R"({"role":"Colonel"})";
  EXPECT_TRUE(Has(c.Typed(), "paid Tariq->Arjomand [paid]"));
  // Once a person (without a title) and once a place: the place stays a place.
  c.mentions[0].extra = "{}";
  EXPECT_FALSE(Has(c.Typed(), "paid Tariq->Arjomand [paid]"));
  // A place named like nobody in the document stays a place.
  Case place("Tariq paid €20,000 in cash to Kuhsar.",
             {{"PERSON", "Tariq"}, {"MONEY", "€20,000"}, {"LOCATION", "Kuhsar"}});
  EXPECT_TRUE(place.Typed().empty());
}

TEST(LinkerTest, MyBrotherInAnEmailIsKinOfTheSender) {
  std::vector<Mention> mentions;
  AddHeaderParties({{"from", "Youssef al-Marzouqi <y@crescent.example>"},
                    {"to", "Tariq al-Marzouqi <tariq@alnoor.example>"}},
                   mentions);
  const std::string text = "أخي طارق،\nسأحوّل غداً المبلغ.\nMy brother Tariq will call. My friend Omar too.";
  for (const char* name : {"طارق", "Tariq", "Omar"}) {
    std::size_t at = text.find(name);
    mentions.push_back({"PERSON", at, at + std::string(name).size(), name, name, 1.0, "{}"});
  }
  std::vector<std::string> family;
  for (const Relation& r : LinkDocument(text, "ar", mentions)) {
    if (r.type != "family") continue;
    family.push_back(mentions[r.source].text + "->" + mentions[r.target].text + " [" +
                     text.substr(r.trigger_begin, r.trigger_end - r.trigger_begin) + "]");
    EXPECT_LE(r.sentence_begin, r.trigger_begin);
    EXPECT_LE(r.trigger_end, r.sentence_end);
  }
  EXPECT_TRUE(Has(family, "Youssef al-Marzouqi->طارق [أخي]"));
  EXPECT_TRUE(Has(family, "Youssef al-Marzouqi->Tariq [My brother]"));
  EXPECT_EQ(family.size(), 2u);  // "My friend" is no kin
  // Without a sender there is nobody for "my" to stand for.
  std::vector<Mention> no_header(mentions.begin() + 2, mentions.end());
  for (const Relation& r : LinkDocument(text, "ar", no_header)) EXPECT_NE(r.type, "family");
}

TEST(LinkerTest, RelativeClausesAppositionsAndReportedSpeechKeepTheRightArguments) {
  // "B, which A founded, paid C": A founded B; B (not A) paid C.
  Case which(
      "Separately, the Arzhan Reconstruction Foundation, which General Tavanaei founded, transferred a "
      "large sum to Al-Noor Exchange.",
      {{"ORG", "Arzhan Reconstruction Foundation"}, {"PERSON", "Tavanaei"}, {"ORG", "Al-Noor Exchange"}});
  auto w = which.Typed();
  EXPECT_TRUE(Has(w, "leads Tavanaei->Arzhan Reconstruction Foundation [founded]"));
  EXPECT_TRUE(Has(w, "paid Arzhan Reconstruction Foundation->Al-Noor Exchange [transferred]"));
  EXPECT_EQ(w.size(), 2u);
  // The subject of an apposition the NER missed is nobody, not the apposition's organisation.
  Case missed(
      "Youssef al-Marzouqi, the managing director of Crescent Horizon Trading LLC, paid $45,000 to "
      "Al-Noor Exchange.",
      {{"ORG", "Crescent Horizon Trading LLC"}, {"MONEY", "$45,000"}, {"ORG", "Al-Noor Exchange"}});
  EXPECT_TRUE(missed.Typed().empty());
  // Told whom: not a name of the reported clause.
  Case told("Nadia al-Qarawi told the Ambassador that the Kuhsar corridor is a pipeline.",
            {{"PERSON", "Nadia al-Qarawi"}, {"PERSON", "Kuhsar"}});
  EXPECT_TRUE(told.Typed().empty());
  // Heads an unnamed directorate in a place: no tie with the place.
  Case place("General Kourosh Tavanaei heads the Directorate of External Security in Arzhan.",
             {{"PERSON", "Kourosh Tavanaei"}, {"LOCATION", "Arzhan"}});
  EXPECT_TRUE(place.Typed().empty());
  Case governor("Rami Haddad, the governor of Arzhan, resigned.",
                {{"PERSON", "Rami Haddad"}, {"LOCATION", "Arzhan"}});
  EXPECT_TRUE(Has(governor.Typed(), "leads Rami Haddad->Arzhan [governor of]"));
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

TEST(LinkerTest, ArabicCoordinatedVerbAfterACommaTakesTheOpeningSubject) {
  // "Tariq al-Marzouqi is the brother of Youssef al-Marzouqi, and runs Al-Noor Exchange."
  Case c("طارق المرزوقي هو شقيق يوسف المرزوقي، ويدير صرافة النور في سوق تل حرير.",
         {{"PERSON", "طارق المرزوقي"}, {"PERSON", "يوسف المرزوقي"}, {"ORG", "صرافة النور"}, {"LOCATION", "تل حرير"}});
  auto typed = c.Typed("ar");
  EXPECT_TRUE(Has(typed, "leads طارق المرزوقي->صرافة النور [ويدير]"));
  EXPECT_FALSE(Has(typed, "leads يوسف المرزوقي->صرافة النور [ويدير]"));
  // The same in English, with the conjunction as a word.
  Case en("Tariq al-Marzouqi is the brother of Youssef al-Marzouqi, and runs Al-Noor Exchange.",
          {{"PERSON", "Tariq al-Marzouqi"}, {"PERSON", "Youssef al-Marzouqi"}, {"ORG", "Al-Noor Exchange"}});
  auto typed_en = en.Typed();
  EXPECT_FALSE(Has(typed_en, "leads Youssef al-Marzouqi->Al-Noor Exchange [runs]"));
}

TEST(LinkerTest, ArabicRelativeClauseBetweenPayerAndVerbIsSkipped) {
  // "Crescent Horizon Trading Company, which Youssef al-Marzouqi runs, paid $45,000 to Al-Noor Exchange."
  Case c("لقد علمنا أن شركة أفق الهلال للتجارة، التي يديرها يوسف المرزوقي، دفعت ٤٥ ألف دولار إلى صرافة النور.",
         {{"ORG", "شركة أفق الهلال للتجارة"}, {"PERSON", "يوسف المرزوقي"}, {"MONEY", "٤٥ ألف دولار"},
          {"ORG", "صرافة النور"}});
  c.mentions[2].normalized = "45000 USD";
  auto typed = c.Typed("ar");
  EXPECT_TRUE(Has(typed, "paid شركة أفق الهلال للتجارة->صرافة النور [دفعت]"));
  EXPECT_FALSE(Has(typed, "paid يوسف المرزوقي->صرافة النور [دفعت]"));
}

TEST(LinkerTest, OrganisationsDoNotMeet) {
  // "We ask the Varenian Ministry of Foreign Affairs to disclose the content of Shaheri's meeting with
  // the Kestrian ambassador Reza Kamalvand."
  Case c("كما نطالب وزارة الخارجية الفارينية بالكشف عن مضمون لقاء الشاهري بالسفير الكستري رضا كمالوند.",
         {{"ORG", "وزارة الخارجية الفارينية"}, {"PERSON", "الشاهري"}, {"PERSON", "رضا كمالوند"}});
  auto typed = c.Typed("ar");
  for (const auto& tie : typed) EXPECT_EQ(tie.find("وزارة"), std::string::npos) << tie;
  EXPECT_TRUE(Has(typed, "met_with الشاهري->رضا كمالوند [لقاء]"));
}

}  // namespace
}  // namespace leakgraph::link
