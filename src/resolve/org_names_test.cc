#include "resolve/org_names.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace leakgraph::resolve {
namespace {

using Strings = std::vector<std::string>;

OrgSignature Sig(std::string_view name) {
  auto s = OrgSignatureOf(name);
  EXPECT_TRUE(s.has_value()) << name;
  return s.value_or(OrgSignature{});
}

TEST(OrgNamesTest, GenericWordsBecomeConceptsAndTheRestProperWords) {
  OrgSignature noor = Sig("Al-Noor Exchange");
  EXPECT_FALSE(noor.arabic);
  EXPECT_EQ(noor.concepts, (Strings{"exchange"}));
  EXPECT_EQ(noor.proper, (Strings{"noor"}));
  // Article, clitics and spelling variants folded: the same concepts in Arabic and Persian.
  OrgSignature sarafa = Sig("صرافة النور");
  EXPECT_TRUE(sarafa.arabic);
  EXPECT_EQ(sarafa.concepts, (Strings{"exchange"}));
  EXPECT_EQ(sarafa.proper, (Strings{"نور"}));
  EXPECT_EQ(Sig("صرافی النور").concepts, (Strings{"exchange"}));
  EXPECT_EQ(Sig("Free Varenia Movement").concepts, (Strings{"free", "movement"}));
  EXPECT_EQ(Sig("حركة فارينيا الحرة").concepts, (Strings{"free", "movement"}));
  // Persian ezafe dropped from the proper word.
  OrgSignature jonbesh = Sig("جنبش وارنیای آزاد");
  EXPECT_EQ(jonbesh.concepts, (Strings{"free", "movement"}));
  EXPECT_EQ(jonbesh.proper, (Strings{"وارنیا"}));
  EXPECT_EQ(Sig("مؤسسة أرجان لإعادة الإعمار").concepts, (Strings{"foundation", "reconstruction"}));
  EXPECT_EQ(Sig("Directorate of External Security").concepts,
            (Strings{"directorate", "external", "security"}));
  EXPECT_TRUE(Sig("Directorate of External Security").proper.empty());
  // "Ministry of Foreign Affairs": "of" and "affairs" carry nothing, in Persian too.
  EXPECT_EQ(Sig("Ministry of Foreign Affairs").concepts, Sig("وزارت امور خارجه").concepts);
  // Weak concepts are dropped; the place adjective is marked.
  OrgSignature horizon = Sig("Crescent Horizon Trading LLC");
  EXPECT_TRUE(horizon.concepts.empty());
  EXPECT_EQ(horizon.proper, (Strings{"crescent", "horizon"}));
  OrgSignature mfa = Sig("وزارة الخارجية الفارينية");
  ASSERT_EQ(mfa.place_adjective.size(), 1u);
  EXPECT_TRUE(mfa.place_adjective[0]);
  // Nothing to translate, or too little to go on.
  EXPECT_FALSE(OrgSignatureOf("Reza Kamalvand").has_value());
  EXPECT_FALSE(OrgSignatureOf("شركة النور").has_value());
  EXPECT_FALSE(OrgSignatureOf("").has_value());
  EXPECT_FALSE(OrgSignatureOf("\xff\xfe").has_value());
}

// Proper words are "the same" when the table says so (the resolver asks the transliteration model).
bool TableSays(std::string_view a, std::string_view l) {
  static const std::set<std::pair<std::string, std::string>> kSame = {
      {"نور", "noor"}, {"فارینیا", "varenia"}, {"وارنیا", "varenia"}, {"فارین", "varen"}};  // folded: ی
  return kSame.contains({std::string(a), std::string(l)});
}

bool NoPlace(std::string_view) {
  return false;
}

TEST(OrgNamesTest, SameConceptsAndPairedProperWordsAreOneOrganisation) {
  EXPECT_TRUE(SameOrganisation(Sig("صرافة النور"), Sig("Al-Noor Exchange"), TableSays, NoPlace));
  EXPECT_TRUE(SameOrganisation(Sig("جنبش وارنیای آزاد"), Sig("Free Varenia Movement"), TableSays, NoPlace));
  EXPECT_TRUE(SameOrganisation(Sig("حركة فارينيا الحرة"), Sig("Free Varenia Movement"), TableSays, NoPlace));
  EXPECT_TRUE(SameOrganisation(Sig("مديرية الأمن الخارجي"), Sig("Directorate of External Security"),
                               TableSays, NoPlace));
  // Place adjectives pair by their stems.
  EXPECT_TRUE(SameOrganisation(Sig("وزارة الخارجية الفارينية"), Sig("Varenian Ministry of Foreign Affairs"),
                               TableSays, NoPlace));
}

TEST(OrgNamesTest, OneLeftoverWordMustNameTheCountry) {
  // An Arabic place adjective may stand for the country the English leaves out.
  EXPECT_TRUE(SameOrganisation(Sig("مديرية الأمن الخارجي الكسترية"), Sig("Directorate of External Security"),
                               TableSays, NoPlace));
  // A country's name left over joins only if the case knows it as a place.
  auto kestria = [](std::string_view w) { return w == "کستریا"; };
  EXPECT_TRUE(SameOrganisation(Sig("اداره امنیت خارجی کستریا"), Sig("Directorate of External Security"),
                               TableSays, kestria));
  EXPECT_FALSE(SameOrganisation(Sig("اداره امنیت خارجی کستریا"), Sig("Directorate of External Security"),
                                TableSays, NoPlace));
  // Two leftovers are too many.
  EXPECT_FALSE(SameOrganisation(Sig("مديرية الأمن الخارجي الكسترية الفارينية"),
                                Sig("Directorate of External Security"), TableSays, NoPlace));
}

TEST(OrgNamesTest, DifferentConceptsOrUnpairedNamesStayApart) {
  // One is free, the other not.
  EXPECT_FALSE(SameOrganisation(Sig("حركة فارينيا"), Sig("Free Varenia Movement"), TableSays, NoPlace));
  // Another exchange.
  EXPECT_FALSE(SameOrganisation(Sig("صرافة الأمل"), Sig("Al-Noor Exchange"), TableSays, NoPlace));
  // An English proper word with no Arabic partner.
  EXPECT_FALSE(SameOrganisation(Sig("صرافة النور"), Sig("Al-Noor Gold Exchange"), TableSays, NoPlace));
  // Same script: not this rule's business.
  EXPECT_FALSE(SameOrganisation(Sig("Al-Noor Exchange"), Sig("Al-Noor Exchange"), TableSays, NoPlace));
}

}  // namespace
}  // namespace leakgraph::resolve
