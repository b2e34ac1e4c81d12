// The one stemmer used for every search term, at index time and at query
// time, with Xapian's STEM_ALL strategy (TermGenerator::set_stemming_strategy
// and QueryParser::set_stemming_strategy). Because both sides pass every word
// through the same function, spelling variants of Arabic and Persian words
// (alef, yeh, kaf, teh marbuta, harakat, tatweel, ZWNJ, digits) and English
// inflections meet in one term.
//
// What Xapian 1.4.22 hands the stemmer (pinned by search_stemmer_test.cc):
// with STEM_ALL every word is stemmed, including words of digits (so ۱۳۹۸
// becomes 1398 here). TermGenerator and QueryParser keep ZWNJ/ZWJ/ZWSP,
// tatweel and harakat inside a word instead of splitting there, so "می‌خواهم"
// reaches the stemmer as one word. They do split at a soft hyphen, which
// FoldForSearch removes. Callers should therefore pass FoldForSearch(text) to
// TermGenerator::index_text() and FoldForSearch(query) to
// QueryParser::parse_query(), so that both sides split words identically;
// the stemmer folds again, which is harmless because folding is idempotent.
//
// Changing what the stemmer returns changes the terms in the index: bump
// kSearchStemmerDescription and reindex.
#pragma once

#include <xapian.h>

#include <string>

namespace leakgraph::index {

// Stable name of the stemming scheme; stored with an index so a later
// version can tell whether the terms were made with the same scheme.
inline constexpr const char* kSearchStemmerDescription = "leakgraph.script_aware_stemmer.v1";

// Xapian stemmer that folds a word with text::FoldWord() and then stems it
// by script: Xapian's "arabic" Snowball stemmer for words with Arabic-script
// letters (Arabic and Persian alike: it strips ال/و/ب/ل/ک/ف prefixes and
// plural, feminine and pronoun suffixes, and Persian ها), the "english"
// Snowball stemmer for Latin words; digits and other scripts are returned
// folded but unstemmed. The result is always in folded form (Persian yeh ی,
// keheh ک). Known cost: Snowball treats a leading و/ب of Persian words as an
// Arabic proclitic (وزیر and زیر share the stem زیر), trading precision for
// recall. Not thread-safe, like every Xapian::Stem: one per thread.
class ScriptAwareStemmer : public Xapian::StemImplementation {
 public:
  ScriptAwareStemmer();

  // Returns the search term for one word (as split by a Xapian tokenizer).
  // Empty input, or input that folds to nothing, gives "".
  std::string operator()(const std::string& word) override;

  // Returns kSearchStemmerDescription.
  std::string get_description() const override;

 private:
  Xapian::Stem arabic_;
  Xapian::Stem english_;
};

// Returns a Xapian::Stem wrapping a new ScriptAwareStemmer. Use it with
// Xapian::TermGenerator::STEM_ALL and Xapian::QueryParser::STEM_ALL.
Xapian::Stem MakeSearchStemmer();

}  // namespace leakgraph::index
