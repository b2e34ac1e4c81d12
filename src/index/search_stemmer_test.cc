#include "index/search_stemmer.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "text/normalize.h"

namespace leakgraph::index {
namespace {

using text::FoldForSearch;

// Returns the terms TermGenerator (search stemmer, STEM_ALL) makes of `text`.
std::set<std::string> TermsOf(const std::string& text) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(MakeSearchStemmer());
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
  Xapian::Document document;
  generator.set_document(document);
  generator.index_text(text);
  return std::set<std::string>(document.termlist_begin(), document.termlist_end());
}

// An in-memory index built the way the indexer builds it: text pre-folded,
// search stemmer, STEM_ALL. Document ids follow the order of `texts`.
class FoldedIndex {
 public:
  explicit FoldedIndex(const std::vector<std::string>& texts) : database_(Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY)) {
    Xapian::TermGenerator generator;
    generator.set_stemmer(MakeSearchStemmer());
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
    for (const std::string& text : texts) {
      Xapian::Document document;
      generator.set_document(document);
      generator.index_text(FoldForSearch(text));
      database_.add_document(document);
    }
    database_.commit();
  }

  // Returns the ids of the documents matching `query` (parsed like the
  // search box parses it: folded, search stemmer, STEM_ALL, AND).
  std::set<Xapian::docid> Search(const std::string& query) const {
    Xapian::QueryParser parser;
    parser.set_stemmer(MakeSearchStemmer());
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
    parser.set_default_op(Xapian::Query::OP_AND);
    Xapian::Enquire enquire(database_);
    enquire.set_query(parser.parse_query(FoldForSearch(query)));
    std::set<Xapian::docid> ids;
    const Xapian::MSet matches = enquire.get_mset(0, 100);
    for (auto it = matches.begin(); it != matches.end(); ++it) ids.insert(*it);
    return ids;
  }

 private:
  Xapian::WritableDatabase database_;
};

TEST(ScriptAwareStemmerTest, EnglishInflectionsStemAlike) {
  const Xapian::Stem stem = MakeSearchStemmer();
  EXPECT_EQ(stem("investigations"), stem("investigation"));
  EXPECT_EQ(stem("Investigating"), stem("investigation"));
  EXPECT_EQ(stem("investigations"), "investig");
}

TEST(ScriptAwareStemmerTest, AlefVariantsStemAlike) {
  const Xapian::Stem stem = MakeSearchStemmer();
  EXPECT_EQ(stem("أحمد"), stem("احمد"));
  EXPECT_EQ(stem("إحمد"), stem("احمد"));
  EXPECT_EQ(stem("احمد"), "احمد");
}

TEST(ScriptAwareStemmerTest, ArabicAndPersianKafStemAlike) {
  const Xapian::Stem stem = MakeSearchStemmer();
  EXPECT_EQ(stem("\u0643\u062a\u0627\u0628"), stem("\u06a9\u062a\u0627\u0628"));  // كتاب / کتاب
  EXPECT_EQ(stem("كتاب"), "کتاب");  // result is in folded form
}

TEST(ScriptAwareStemmerTest, DefiniteArticleIsStripped) {
  const Xapian::Stem stem = MakeSearchStemmer();
  EXPECT_EQ(stem("الكتاب"), stem("كتاب"));
  EXPECT_EQ(stem("الداخلية"), stem("داخلية"));
}

TEST(ScriptAwareStemmerTest, TehMarbutaAndHehMeetWithAndWithoutArticle) {
  // Regression: folding ة to ه made "المدرسه" keep its ه while "مدرسه" lost it.
  const Xapian::Stem stem = MakeSearchStemmer();
  EXPECT_EQ(stem("المدرسة"), stem("مدرسة"));
  EXPECT_EQ(stem("المدرسه"), stem("مدرسة"));
  EXPECT_EQ(stem("الله"), "الله");
}

TEST(ScriptAwareStemmerTest, HarakatAndTatweelDoNotChangeTheStem) {
  const Xapian::Stem stem = MakeSearchStemmer();
  EXPECT_EQ(stem("مُحَمَّدٌ"), stem("محمد"));
  EXPECT_EQ(stem("محـــمد"), stem("محمد"));
}

TEST(ScriptAwareStemmerTest, PersianZwnjAndPluralStemAlike) {
  const Xapian::Stem stem = MakeSearchStemmer();
  EXPECT_EQ(stem("می\u200cخواهم"), stem("میخواهم"));
  EXPECT_EQ(stem("گزارش\u200cها"), stem("گزارش"));
}

TEST(ScriptAwareStemmerTest, DigitsFoldButAreNotStemmed) {
  const Xapian::Stem stem = MakeSearchStemmer();
  EXPECT_EQ(stem("۱۳۹۸"), "1398");
  EXPECT_EQ(stem("٢٠١٩"), "2019");
  EXPECT_EQ(stem("1398"), "1398");
}

TEST(ScriptAwareStemmerTest, OtherScriptsAreFoldedOnly) {
  const Xapian::Stem stem = MakeSearchStemmer();
  EXPECT_EQ(stem("Москвы"), "москвы");  // Russian would stem to москв
  EXPECT_EQ(stem(""), "");
  EXPECT_EQ(stem("\u200c\u064b"), "");
}

TEST(ScriptAwareStemmerTest, SurvivesInvalidUtf8) {
  const Xapian::Stem stem = MakeSearchStemmer();
  EXPECT_EQ(stem("\xff"), "\ufffd");
  EXPECT_FALSE(stem("\xd9\x85\xd8").empty());  // م followed by a truncated sequence
}

TEST(ScriptAwareStemmerTest, DescriptionIsStable) {
  ScriptAwareStemmer stemmer;
  EXPECT_EQ(stemmer.get_description(), "leakgraph.script_aware_stemmer.v1");
  EXPECT_EQ(MakeSearchStemmer().get_description(), "Xapian::Stem(leakgraph.script_aware_stemmer.v1)");
}

// Pins Xapian 1.4's word splitting: ZWNJ does not split a word, so the raw
// word reaches the stemmer whole and the indexer need not pre-fold for ZWNJ.
TEST(TermGeneratorBehaviourTest, ZwnjDoesNotSplitAWord) {
  const Xapian::Stem stem = MakeSearchStemmer();
  EXPECT_EQ(TermsOf("می\u200cخواهم"), std::set<std::string>{stem("میخواهم")});
}

// Pins that STEM_ALL stems digit words too (so they are folded), and that a
// soft hyphen splits a word unless the text is pre-folded.
TEST(TermGeneratorBehaviourTest, DigitsAreStemmedAndSoftHyphenSplits) {
  EXPECT_EQ(TermsOf("۱۳۹۸"), std::set<std::string>{"1398"});
  EXPECT_EQ(TermsOf("off\u00adshore"), (std::set<std::string>{"off", "shore"}));
  EXPECT_EQ(TermsOf(FoldForSearch("off\u00adshore")), std::set<std::string>{"offshor"});
}

TEST(SearchEndToEndTest, ZwnjWordIndexedRawIsFoundWithoutZwnj) {
  Xapian::WritableDatabase database = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator generator;
  generator.set_stemmer(MakeSearchStemmer());
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
  Xapian::Document document;
  generator.set_document(document);
  generator.index_text("می\u200cخواهم");  // not pre-folded
  database.add_document(document);
  Xapian::QueryParser parser;
  parser.set_stemmer(MakeSearchStemmer());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
  Xapian::Enquire enquire(database);
  enquire.set_query(parser.parse_query("میخواهم"));  // not pre-folded either
  EXPECT_EQ(enquire.get_mset(0, 10).size(), 1u);
}

TEST(SearchEndToEndTest, ArabicSpellingVariantsFindEachOther) {
  const FoldedIndex index({
      "وَزِيرُ الدَّاخِلِيَّةِ أَحْمَد عَلِي فِي المدرسة",  // 1: Arabic with harakat
      "زار مصطفى مؤسسة الكتاب",                         // 2: Arabic, plain
      "The investigations into offshore accounts",      // 3: English
  });
  EXPECT_EQ(index.Search("احمد"), std::set<Xapian::docid>{1});
  EXPECT_EQ(index.Search("وزير الداخليه"), std::set<Xapian::docid>{1});   // ة written ه
  EXPECT_EQ(index.Search("علی"), std::set<Xapian::docid>{1});             // Persian yeh for ي
  EXPECT_EQ(index.Search("مدرسه"), std::set<Xapian::docid>{1});           // no article, ه
  EXPECT_EQ(index.Search("مُصْطَفَي"), std::set<Xapian::docid>{2});       // harakat, ي for ى
  EXPECT_EQ(index.Search("موسسه"), std::set<Xapian::docid>{2});           // ؤ and ة
  EXPECT_EQ(index.Search("كتاب"), std::set<Xapian::docid>{2});            // without ال
  EXPECT_EQ(index.Search("investigation"), std::set<Xapian::docid>{3});
  EXPECT_TRUE(index.Search("محمد").empty());
}

TEST(SearchEndToEndTest, PersianSpellingVariantsFindEachOther) {
  const FoldedIndex index({
      "گزارش سال ۱۳۹۸ دربارهٔ شرکت کشتیرانی: می\u200cخواهم کتاب\u200cها را ببینم",  // 1: Persian typing
      "تقرير عن الشركة في عام 2019",                                          // 2: Arabic
  });
  EXPECT_EQ(index.Search("1398"), std::set<Xapian::docid>{1});               // ASCII for Persian digits
  EXPECT_EQ(index.Search("۱۳۹۸"), std::set<Xapian::docid>{1});
  EXPECT_EQ(index.Search("٢٠١٩"), std::set<Xapian::docid>{2});               // Arabic-Indic for ASCII
  EXPECT_EQ(index.Search("كشتيراني"), std::set<Xapian::docid>{1});           // ك and ي for ک and ی
  EXPECT_EQ(index.Search("میخواهم"), std::set<Xapian::docid>{1});            // without ZWNJ
  EXPECT_EQ(index.Search("کتابها"), std::set<Xapian::docid>{1});             // plural without ZWNJ
  EXPECT_EQ(index.Search("درباره"), std::set<Xapian::docid>{1});             // without hamza above
  EXPECT_EQ(index.Search("\"سال 1398\""), std::set<Xapian::docid>{1});       // phrase across digits
  EXPECT_TRUE(index.Search("گزارش 2019").empty());
}

}  // namespace
}  // namespace leakgraph::index
