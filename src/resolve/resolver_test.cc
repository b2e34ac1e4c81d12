#include "resolve/resolver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

namespace leakgraph::resolve {
namespace {

// Builds mentions of documents written as text, each name marked [TYPE:name].
class Corpus {
 public:
  // Adds a document; "[P:Kourosh Tavanaei] met [O:DES]" marks a PERSON and an ORG;
  // "[P:Tavanaei|General]" a PERSON with the role the analyse stage attached.
  Corpus& Document(const std::string& marked) {
    ++document_;
    std::string text;
    std::vector<ResolverMention> found;
    for (std::size_t i = 0; i < marked.size();) {
      if (marked[i] == '[') {
        std::size_t colon = marked.find(':', i), close = marked.find(']', i);
        std::string tag = marked.substr(i + 1, colon - i - 1);
        std::string name = marked.substr(colon + 1, close - colon - 1);
        std::string role;
        if (std::size_t bar = name.find('|'); bar != std::string::npos) {
          role = name.substr(bar + 1);
          name.resize(bar);
        }
        std::string type = tag == "P" ? "PERSON" : tag == "O" ? "ORG" : "LOCATION";
        found.push_back({static_cast<std::int64_t>(mentions_.size() + found.size() + 1), document_, type,
                         text.size(), text.size() + name.size(), name, "", role});
        text += name;
        i = close + 1;
      } else {
        text += marked[i++];
      }
    }
    for (ResolverMention& m : found) {
      m.following = text.substr(m.end);
      mentions_.push_back(m);
    }
    return *this;
  }
  ResolveResult Resolve(const std::vector<AnalystDecision>& decisions = {},
                        const TransliterationModel* model = nullptr) const {
    ResolverOptions options;
    options.model = model;
    return ResolveEntities(mentions_, decisions, options);
  }

 private:
  std::int64_t document_ = 0;
  std::vector<ResolverMention> mentions_;
};

// The entity holding a mention with text `alias`, if any.
std::optional<ResolvedEntity> EntityWith(const ResolveResult& r, const std::string& alias) {
  for (const ResolvedEntity& e : r.entities)
    for (const ResolvedAlias& a : e.aliases)
      if (a.alias == alias) return e;
  return std::nullopt;
}

bool Together(const ResolveResult& r, const std::string& a, const std::string& b) {
  auto x = EntityWith(r, a);
  return x && std::any_of(x->aliases.begin(), x->aliases.end(),
                          [&](const ResolvedAlias& y) { return y.alias == b; });
}

std::string ReasonOf(const ResolveResult& r, const std::string& alias) {
  auto e = EntityWith(r, alias);
  if (!e) return "";
  for (const ResolvedAlias& a : e->aliases)
    if (a.alias == alias) return a.reason;
  return "";
}

TEST(ResolverTest, ShortFormAndHonorificJoinTheFullNameOfTheSameDocument) {
  Corpus c;
  c.Document("[P:Qassem Soleimani] arrived. Later [P:General Soleimani] spoke; [P:Soleimani] left.");
  ResolveResult r = c.Resolve();
  EXPECT_EQ(r.entities.size(), 1u);
  EXPECT_TRUE(Together(r, "Qassem Soleimani", "General Soleimani"));
  EXPECT_EQ(ReasonOf(r, "General Soleimani"), "short-form");
  EXPECT_EQ(EntityWith(r, "Qassem Soleimani")->mentions.size(), 3u);
  EXPECT_EQ(EntityWith(r, "Qassem Soleimani")->name, "Qassem Soleimani");
}

std::string MentionReason(const ResolveResult& r, std::int64_t id) {
  for (const ResolvedEntity& e : r.entities)
    for (const ResolvedMention& m : e.mentions)
      if (m.id == id) return m.reason;
  return "";
}

TEST(ResolverTest, ShortFormJoinsTheOnePersonOfTheCaseWhoCarriesIt) {
  Corpus c;
  c.Document("[P:Qassem Soleimani] arrived.");                         // mention 1
  c.Document("[P:Soleimani] was not there; [P:Soleimani] was away.");  // 2, 3: the surname
  c.Document("[P:Qassem] called.");                                    // 4: the given name
  c.Document("قال [P:كوروش توانائي] إن");                              // 5
  c.Document("گفت [P:کوروش] که");                                      // 6: Persian letters, Arabic full name
  c.Document("[P:Y. Soleimani] and [P:Q. Soleimani] wrote.");          // 7, 8: only the matching initial
  ResolveResult r = c.Resolve();
  EXPECT_TRUE(Together(r, "Qassem Soleimani", "Soleimani"));
  EXPECT_TRUE(Together(r, "Qassem Soleimani", "Qassem"));
  EXPECT_TRUE(Together(r, "كوروش توانائي", "کوروش"));
  EXPECT_TRUE(Together(r, "Qassem Soleimani", "Q. Soleimani"));
  EXPECT_FALSE(Together(r, "Qassem Soleimani", "Y. Soleimani"));
  EXPECT_EQ(MentionReason(r, 2), "short-form-case");
  EXPECT_EQ(MentionReason(r, 6), "short-form-case");
  EXPECT_EQ(EntityWith(r, "Qassem Soleimani")->mentions.size(), 5u);
}

TEST(ResolverTest, ShortFormCarriedByTwoPeopleStaysApartWithoutContext) {
  Corpus c;
  c.Document("[P:Mohammed Ali] spoke.");
  c.Document("[P:Mohammed Hassan] spoke.");
  c.Document("[P:Mohammed] left early.");
  ResolveResult r = c.Resolve();
  EXPECT_FALSE(Together(r, "Mohammed", "Mohammed Ali"));
  EXPECT_FALSE(Together(r, "Mohammed", "Mohammed Hassan"));
  EXPECT_EQ(r.entities.size(), 3u);
}

TEST(ResolverTest, RoleSinglesOutTheFatherAmongNamesakes) {
  Corpus c;
  c.Document("[P:Kourosh Tavanaei|General] founded it.");
  c.Document("[P:Arash Tavanaei|board member] sits on the board.");
  c.Document("[P:Tavanaei|General] signed.");  // mention 3
  c.Document("[P:Tavanaei] signed too.");      // mention 4: father or son?
  ResolveResult r = c.Resolve();
  EXPECT_TRUE(Together(r, "Kourosh Tavanaei", "Tavanaei"));
  EXPECT_EQ(MentionReason(r, 3), "short-form-role");
  EXPECT_EQ(EntityWith(r, "Kourosh Tavanaei")->mentions.size(), 2u);  // not the bare one
  EXPECT_FALSE(Together(r, "Kourosh Tavanaei", "Arash Tavanaei"));
}

TEST(ResolverTest, CoMentionSinglesOutThePersonNamedInTheDocument) {
  Corpus c;
  c.Document("[P:Tariq al-Marzouqi] runs the exchange.");
  c.Document("[P:Youssef al-Marzouqi] runs the firm.");
  c.Document("[P:Tariq] met [P:Arjomand]. Later [P:Marzouqi] paid.");  // mention 5
  c.Document("[P:Marzouqi] was seen in Dubai.");                       // mention 6: either brother
  ResolveResult r = c.Resolve();
  EXPECT_TRUE(Together(r, "Tariq al-Marzouqi", "Tariq"));
  EXPECT_EQ(MentionReason(r, 5), "short-form-context");
  EXPECT_EQ(EntityWith(r, "Tariq al-Marzouqi")->mentions.size(), 3u);
  EXPECT_FALSE(Together(r, "Youssef al-Marzouqi", "Marzouqi"));
  EXPECT_EQ(MentionReason(r, 6), "seed");
}

TEST(ResolverTest, RolesOfDifferentOccupationsKeepNamesakesApart) {
  EXPECT_EQ(RoleGroup("General"), "military");
  EXPECT_EQ(RoleGroup("العقيد"), "military");
  EXPECT_EQ(RoleGroup("سرهنگ"), "military");
  EXPECT_EQ(RoleGroup("السفير الكستري"), "diplomat");
  EXPECT_EQ(RoleGroup("reporter for the Tal Harir Observer"), "journalist");
  EXPECT_EQ(RoleGroup("head of the Directorate"), "");
  EXPECT_EQ(RoleGroup("in charge of payments"), "");
  Corpus c;
  c.Document("[P:Mohammed Ali|Colonel] crossed the border.");
  c.Document("[P:Mohammed Ali|journalist] wrote about it.");
  c.Document("[P:Mohammed Ali|General] was promoted.");
  c.Document("[P:Mohammed Ali] was seen.");
  ResolveResult r = c.Resolve();
  ASSERT_EQ(r.entities.size(), 2u);
  std::size_t sizes[2] = {r.entities[0].mentions.size(), r.entities[1].mentions.size()};
  std::sort(std::begin(sizes), std::end(sizes));
  EXPECT_EQ(sizes[0], 1u);  // the journalist
  EXPECT_EQ(sizes[1], 3u);  // the colonel, the general and the one without a role
  // The same role guard in one document: "Colonel Ali" does not join the journalist.
  Corpus d;
  d.Document("[P:Hassan Ali|journalist] wrote. [P:Ali|Colonel] answered.");
  EXPECT_FALSE(Together(d.Resolve(), "Hassan Ali", "Ali"));
}

TEST(ResolverTest, OneWordPlaceThatIsAPersonsSurnameJoinsThePersonNamedInTheDocument) {
  Corpus c;
  c.Document("[P:Behzad Arjomand] arrived.");
  c.Document("[P:Behzad Arjomand] came. Marzouqi paid cash to [L:Arjomand].");
  c.Document("[P:Jordan Smith] flew to [L:Jordan].");  // a given name, never typed PERSON here
  c.Document("[P:Shirin Golestan] signed.");
  c.Document("[L:Golestan] is a province.");  // her surname, but she is not named here
  ResolveResult r = c.Resolve();
  auto behzad = EntityWith(r, "Behzad Arjomand");
  ASSERT_TRUE(behzad);
  EXPECT_EQ(behzad->mentions.size(), 3u);
  EXPECT_EQ(behzad->type, "PERSON");
  EXPECT_EQ(ReasonOf(r, "Arjomand"), "short-form-retyped");
  EXPECT_FALSE(Together(r, "Jordan Smith", "Jordan"));
  EXPECT_FALSE(Together(r, "Shirin Golestan", "Golestan"));
}

TEST(ResolverTest, NamesAcrossLinesOrWithConnectorsCarryNoShortForms) {
  Corpus c;
  c.Document("To: [P:Gulf and Kestria Desk]; [P:Politics\nKestria]");
  c.Document("Flights to [L:Kestria] and the [P:Gulf] resumed.");
  ResolveResult r = c.Resolve();
  EXPECT_FALSE(Together(r, "Kestria", "Politics\nKestria"));
  EXPECT_FALSE(Together(r, "Gulf", "Gulf and Kestria Desk"));
}

TEST(ResolverTest, ShortFormPrefersTheSameSpellingAndNotTheRelativeJustNamed) {
  Corpus c;
  c.Document(
      "[P:Yusuf Marzuqi] was born in 1968. [P:Tariq al-Marzouqi] runs the exchange. "
      "[P:Marzuqi] is a friend of the general.");
  EXPECT_TRUE(Together(c.Resolve(), "Yusuf Marzuqi", "Marzuqi"));
  Corpus d;
  d.Document("It is run by [P:Tariq al-Marzouqi]. His brother [P:al-Marzouqi] heads the firm.");
  EXPECT_FALSE(Together(d.Resolve(), "Tariq al-Marzouqi", "al-Marzouqi"));
  // With the other brother known to the case, the kin is him.
  d.Document("[P:Youssef al-Marzouqi] heads Crescent Horizon.");
  ResolveResult r = d.Resolve();
  EXPECT_TRUE(Together(r, "Youssef al-Marzouqi", "al-Marzouqi"));
  EXPECT_EQ(MentionReason(r, 2), "short-form-kin");
  EXPECT_FALSE(Together(r, "Tariq al-Marzouqi", "al-Marzouqi"));
}

TEST(ResolverTest, AllCapitalPlaceNameIsNotAnAcronym) {
  Corpus c;
  c.Document("Registered in [L:Dubai].");
  c.Document("CRESCENT HORIZON, [O:DUBAI]");
  ResolveResult r = c.Resolve();
  EXPECT_TRUE(Together(r, "Dubai", "DUBAI"));
}

TEST(ResolverTest, AnalystSplitOfACaseLevelJoinHoldsOnEveryResolve) {
  Corpus c;
  c.Document("[P:Qassem Soleimani] arrived.");
  c.Document("[P:Soleimani] was away.");
  ASSERT_TRUE(Together(c.Resolve(), "Qassem Soleimani", "Soleimani"));
  std::vector<AnalystDecision> journal = {{"split", "Qassem Soleimani", "Soleimani"}};
  ResolveResult r = c.Resolve(journal);
  EXPECT_FALSE(Together(r, "Qassem Soleimani", "Soleimani"));
  EXPECT_EQ(ReasonOf(r, "Soleimani"), "analyst-split");
  // More documents (a re-ingest) do not undo it.
  c.Document("[P:Soleimani] returned.");
  EXPECT_FALSE(Together(c.Resolve(journal), "Qassem Soleimani", "Soleimani"));
}

TEST(ResolverTest, ShortFormJoinsTheNearestFullNameBeforeIt) {
  Corpus c;
  c.Document(
      "[P:Kourosh Tavanaei] founded it; [P:Arash Tavanaei] sits on the board. [P:Mr. Tavanaei] signed.");
  ResolveResult r = c.Resolve();
  EXPECT_TRUE(Together(r, "Arash Tavanaei", "Mr. Tavanaei"));
  EXPECT_FALSE(Together(r, "Kourosh Tavanaei", "Arash Tavanaei"));
}

TEST(ResolverTest, InitialAndSurnameJoinTheMatchingGivenName) {
  Corpus c;
  c.Document("[P:Tariq al-Marzouqi] and [P:Youssef al-Marzouqi] met. [P:Y. Marzouqi] paid.");
  ResolveResult r = c.Resolve();
  EXPECT_TRUE(Together(r, "Youssef al-Marzouqi", "Y. Marzouqi"));
  EXPECT_FALSE(Together(r, "Tariq al-Marzouqi", "Y. Marzouqi"));
}

TEST(ResolverTest, AcronymDefinedInTheDocumentJoinsItsLongName) {
  Corpus c;
  c.Document("The [O:Directorate of External Security] ([O:DES]) denied it. The [O:DES] said.");
  c.Document("A [O:DES] officer.");
  ResolveResult r = c.Resolve();
  EXPECT_TRUE(Together(r, "Directorate of External Security", "DES"));
  EXPECT_EQ(EntityWith(r, "DES")->mentions.size(), 4u);
  EXPECT_EQ(EntityWith(r, "DES")->name, "Directorate of External Security");
  Corpus tail;  // the acronym of the name without its first word
  tail.Document("The [O:Varenian Ministry of Foreign\nAffairs] ([O:MFA]) said.");
  EXPECT_TRUE(Together(tail.Resolve(), "MFA", "Varenian Ministry of Foreign\nAffairs"));
  EXPECT_EQ(Initials("International Atomic Energy Agency"), "IAEA");
  EXPECT_TRUE(IsAcronym("I.A.E.A."));
  EXPECT_FALSE(IsAcronym("Dubai"));
}

TEST(ResolverTest, BuiltinAliasesJoinAcrossDocumentsAndScripts) {
  Corpus c;
  c.Document("Flights to the [L:UAE] resumed.");
  c.Document("The [L:United Arab Emirates] said.");
  c.Document("قالت [L:الإمارات العربية المتحدة] إن");
  c.Document("The [L:United Kingdom] said.");
  ResolveResult r = c.Resolve();
  EXPECT_TRUE(Together(r, "UAE", "United Arab Emirates"));
  EXPECT_TRUE(Together(r, "UAE", "الإمارات العربية المتحدة"));
  EXPECT_FALSE(Together(r, "UAE", "United Kingdom"));
  EXPECT_EQ(ReasonOf(r, "United Arab Emirates"), "alias-table");
  EXPECT_EQ(BuiltinAlias("U.S."), "us");
  EXPECT_EQ(BuiltinAlias("Varenia"), "");
}

TEST(ResolverTest, ContainedNameOfAnOrganisationJoinsWithinTheDocument) {
  Corpus c;
  c.Document(
      "The [O:Varenian Ministry of Foreign Affairs] said the [O:Ministry of Foreign Affairs] would reply.");
  ResolveResult r = c.Resolve();
  EXPECT_TRUE(Together(r, "Varenian Ministry of Foreign Affairs", "Ministry of Foreign Affairs"));
  EXPECT_EQ(ReasonOf(r, "Ministry of Foreign Affairs"), "contained-name");
}

TEST(ResolverTest, NameKeysJoinSpellingVariantsAcrossDocuments) {
  Corpus c;
  c.Document("[P:Qassem Soleimani] met [O:Al-Noor Exchange].");
  c.Document("[P:Ghasem Suleimani] paid [O:AL-NOOR EXCHANGE].");
  ResolveResult r = c.Resolve();
  EXPECT_TRUE(Together(r, "Qassem Soleimani", "Ghasem Suleimani"));
  EXPECT_EQ(ReasonOf(r, "Ghasem Suleimani"), "name-key");
  EXPECT_TRUE(Together(r, "Al-Noor Exchange", "AL-NOOR EXCHANGE"));
}

TEST(ResolverTest, FullPersonNameTypedAsAnOrganisationJoinsThePerson) {
  Corpus c;
  c.Document("[P:Behzad Arjomand] arrived.");
  c.Document("Payment to [L:Bahzad Arjmand] and [O:Crescent Horizon].");
  ResolveResult r = c.Resolve();
  EXPECT_TRUE(Together(r, "Behzad Arjomand", "Bahzad Arjmand"));
  EXPECT_EQ(EntityWith(r, "Bahzad Arjmand")->type, "PERSON");
  EXPECT_EQ(ReasonOf(r, "Bahzad Arjmand"), "name-key-retyped");
}

TEST(ResolverTest, DifferentGivenNamesOrSurnamesStayApart) {
  Corpus c;
  c.Document("[P:Mohammed Ali] spoke. [P:Mohammed] left.");
  c.Document("[P:Mohammed Hassan] spoke. [P:Mohammed] left.");
  ResolveResult r = c.Resolve();
  EXPECT_FALSE(Together(r, "Mohammed Ali", "Mohammed Hassan"));
  // A decision can still join them: the analyst overrides the guards.
  ResolveResult merged = c.Resolve({{"merge", "Mohammed Ali", "Mohammed Hassan"}});
  EXPECT_TRUE(Together(merged, "Mohammed Ali", "Mohammed Hassan"));
}

TEST(ResolverTest, FamilyStatedInTheSentenceKeepsNamesakesApart) {
  EXPECT_TRUE(SaysFamily(" and his son "));
  EXPECT_TRUE(SaysFamily(", the brother of "));
  EXPECT_TRUE(SaysFamily(" پسر "));
  EXPECT_FALSE(SaysFamily(" met "));
  EXPECT_FALSE(SaysFamily(" left. His son met "));
  EXPECT_FALSE(SaysFamily(" and Sonia "));
  Corpus c;
  c.Document("[P:John Smith] and his son [P:John Smith] arrived.");
  ResolveResult r = c.Resolve();
  ASSERT_EQ(r.entities.size(), 2u);
}

TEST(ResolverTest, DecisionsReplayInOrderAndNameEntitiesByAlias) {
  Corpus c;
  c.Document("[P:Eleanor Voss] met [P:Omar Fakhoury] in [L:Dubai]. [P:Voss] left.");
  c.Document("[P:Omar Fakhouri] wrote from [L:Istanbul].");
  ResolveResult r = c.Resolve({{"merge", "Dubai", "Istanbul"},
                               {"split", "Eleanor Voss", "Voss"},
                               {"rename", "Omar Fakhoury", "Omar al-Fakhoury"},
                               {"reject", "Nobody", ""}});
  EXPECT_EQ(r.decisions_applied, 3u);
  EXPECT_EQ(r.decisions_skipped, 1u);
  EXPECT_TRUE(Together(r, "Dubai", "Istanbul"));
  EXPECT_FALSE(Together(r, "Eleanor Voss", "Voss"));
  EXPECT_EQ(ReasonOf(r, "Voss"), "analyst-split");
  EXPECT_EQ(EntityWith(r, "Omar Fakhouri")->name, "Omar al-Fakhoury");
  EXPECT_EQ(EntityWith(r, "Omar Fakhouri")->created_by, "analyst");
  ResolveResult rejected = c.Resolve({{"reject", "Istanbul", ""}});
  EXPECT_FALSE(EntityWith(rejected, "Istanbul"));
}

TEST(ResolverTest, TransliterationJoinsArabicScriptAndLatinSpellings) {
  auto model = TransliterationModel::Load(DefaultTransliterationModelPath());
  if (!model.ok()) GTEST_SKIP() << model.status().message();
  Corpus c;
  c.Document("[P:Kourosh Tavanaei] and [P:Arash Tavanaei] spoke.");
  c.Document("قال [P:كوروش توانائي] إن");
  c.Document("گفت [P:کوروش توانایی] که [P:آرش توانایی]");
  c.Document("[P:Kurosh Tavanai] spoke.");
  ResolveResult r = c.Resolve({}, &*model);
  EXPECT_TRUE(Together(r, "Kourosh Tavanaei", "كوروش توانائي"));
  EXPECT_TRUE(Together(r, "Kourosh Tavanaei", "کوروش توانایی"));
  EXPECT_TRUE(Together(r, "Kourosh Tavanaei", "Kurosh Tavanai"));
  EXPECT_TRUE(Together(r, "Arash Tavanaei", "آرش توانایی"));
  EXPECT_FALSE(Together(r, "Kourosh Tavanaei", "Arash Tavanaei"));
  // A Latin full name the NER typed LOCATION still meets its Arabic-script spelling.
  Corpus retyped;
  retyped.Document("She calls [L:Reza Kamalvand] a postman.");
  retyped.Document("التقى [P:رضا كمالوند] بالوزير");
  ResolveResult rr = retyped.Resolve({}, &*model);
  EXPECT_TRUE(Together(rr, "Reza Kamalvand", "رضا كمالوند"));
  EXPECT_EQ(EntityWith(rr, "Reza Kamalvand")->type, "PERSON");
  EXPECT_EQ(ScriptOf("کوروش توانایی"), "persian");
  EXPECT_EQ(ScriptOf("كوروش توانائي"), "arabic");
}

TEST(ResolverTest, OrganisationsJoinAcrossScriptsByConceptsAndTransliteration) {
  auto model = TransliterationModel::Load(DefaultTransliterationModelPath());
  if (!model.ok()) GTEST_SKIP() << model.status().message();
  Corpus c;
  c.Document("[O:Al-Noor Exchange] paid [O:Free Varenia Movement] in [L:Kestria].");
  c.Document("دفعت [O:صرافة النور] إلى [O:حركة فارينيا الحرة]");
  c.Document("[O:صرافی النور] و [O:جنبش وارنیای آزاد] و [O:اداره امنیت خارجی کستریا] در [L:کستریا]");
  c.Document("[O:Directorate of External Security] and [O:Al-Amal Exchange]");
  ResolveResult r = c.Resolve({}, &*model);
  EXPECT_TRUE(Together(r, "Al-Noor Exchange", "صرافة النور"));
  EXPECT_TRUE(Together(r, "Al-Noor Exchange", "صرافی النور"));
  EXPECT_EQ(ReasonOf(r, "صرافة النور"), "org-translation");
  EXPECT_TRUE(Together(r, "Free Varenia Movement", "حركة فارينيا الحرة"));
  EXPECT_TRUE(Together(r, "Free Varenia Movement", "جنبش وارنیای آزاد"));
  EXPECT_TRUE(Together(r, "Directorate of External Security", "اداره امنیت خارجی کستریا"));
  EXPECT_FALSE(Together(r, "Al-Amal Exchange", "صرافة النور"));
  EXPECT_FALSE(Together(r, "Al-Noor Exchange", "Free Varenia Movement"));
  // Without the transliteration model, no join across scripts.
  ResolveResult plain = c.Resolve();
  EXPECT_FALSE(Together(plain, "Al-Noor Exchange", "صرافة النور"));
}

}  // namespace
}  // namespace leakgraph::resolve
