#include "resolve/resolver.h"

#include <gtest/gtest.h>

#include <optional>

namespace leakgraph::resolve {
namespace {

// Builds mentions of documents written as text, each name marked [TYPE:name].
class Corpus {
 public:
  // Adds a document; "[P:Kourosh Tavanaei] met [O:DES]" marks a PERSON and an ORG.
  Corpus& Document(const std::string& marked) {
    ++document_;
    std::string text;
    std::vector<ResolverMention> found;
    for (std::size_t i = 0; i < marked.size();) {
      if (marked[i] == '[') {
        std::size_t colon = marked.find(':', i), close = marked.find(']', i);
        std::string tag = marked.substr(i + 1, colon - i - 1);
        std::string name = marked.substr(colon + 1, close - colon - 1);
        std::string type = tag == "P" ? "PERSON" : tag == "O" ? "ORG" : "LOCATION";
        found.push_back({static_cast<std::int64_t>(mentions_.size() + found.size() + 1), document_, type,
                         text.size(), text.size() + name.size(), name, ""});
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

TEST(ResolverTest, ShortFormAndHonorificJoinTheFullNameOfTheSameDocumentOnly) {
  Corpus c;
  c.Document("[P:Qassem Soleimani] arrived. Later [P:General Soleimani] spoke; [P:Soleimani] left.");
  c.Document("[P:Soleimani] was not there; [P:Soleimani] was away.");
  ResolveResult r = c.Resolve();
  EXPECT_EQ(r.entities.size(), 2u);  // the repeated bare surname is one name, of its own
  EXPECT_TRUE(Together(r, "Qassem Soleimani", "General Soleimani"));
  EXPECT_EQ(ReasonOf(r, "General Soleimani"), "short-form");
  EXPECT_EQ(EntityWith(r, "Qassem Soleimani")->mentions.size(), 3u);  // not the other document's bare surname
  EXPECT_EQ(EntityWith(r, "Qassem Soleimani")->name, "Qassem Soleimani");
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
  EXPECT_EQ(ScriptOf("کوروش توانایی"), "persian");
  EXPECT_EQ(ScriptOf("كوروش توانائي"), "arabic");
}

}  // namespace
}  // namespace leakgraph::resolve
