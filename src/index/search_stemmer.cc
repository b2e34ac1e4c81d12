// Script-aware stemming for the search index; see search_stemmer.h.

#include "index/search_stemmer.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "text/normalize.h"

namespace leakgraph::index {
namespace {

enum class WordScript { kArabic, kLatin, kOther };

// Classifies a folded word: Arabic if it has any Arabic-script letter, Latin
// if its letters are all Latin (digits allowed), otherwise other.
WordScript ClassifyFoldedWord(const std::string& folded) {
  bool has_latin_letter = false;
  bool has_other_letter = false;
  const auto* bytes = reinterpret_cast<const uint8_t*>(folded.data());
  const auto length = static_cast<int32_t>(folded.size());
  for (int32_t i = 0; i < length;) {
    UChar32 cp;
    U8_NEXT(bytes, i, length, cp);
    if (cp < 0x80) {
      if (cp >= 'a' && cp <= 'z') has_latin_letter = true;
      continue;  // digits, punctuation, or an invalid byte (cp < 0)
    }
    if (!u_isalpha(cp)) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(cp, &status);
    if (script == USCRIPT_ARABIC) return WordScript::kArabic;
    if (script == USCRIPT_LATIN) {
      has_latin_letter = true;
    } else {
      has_other_letter = true;
    }
  }
  return has_latin_letter && !has_other_letter ? WordScript::kLatin : WordScript::kOther;
}

// Replaces every occurrence of `from` with `to` (both single code points).
void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

// Folding turned ة into ه. The Snowball stemmer always strips a final ة but
// keeps a final ه (read as a pronoun) after the article ال, so "المدرسه"
// would not meet "مدرسه". Writing the final ه back as ة makes both stem to
// "مدرس". Words ending in لله (Allah) keep their ه, and so do words of
// three letters or fewer, where the stemmer strips nothing anyway.
void RestoreFinalTehMarbuta(std::string& word) {
  constexpr std::string_view kHeh = "\u0647";
  constexpr std::string_view kTehMarbuta = "\u0629";
  constexpr std::string_view kLamLamHeh = "\u0644\u0644\u0647";
  constexpr size_t kMinBytes = 4 * 2;  // four letters of two UTF-8 bytes
  if (word.size() < kMinBytes || !word.ends_with(kHeh) || word.ends_with(kLamLamHeh)) return;
  word.replace(word.size() - kHeh.size(), kHeh.size(), kTehMarbuta);
}

}  // namespace

ScriptAwareStemmer::ScriptAwareStemmer() : arabic_("arabic"), english_("english") {}

std::string ScriptAwareStemmer::operator()(const std::string& word) {
  std::string folded = text::FoldWord(word);
  if (folded.empty()) return folded;
  switch (ClassifyFoldedWord(folded)) {
    case WordScript::kArabic: {
      // The Snowball stemmer knows its affixes in Arabic letters (ي ك); our
      // folded form uses the Persian ones (ی ک). Stem in Arabic letters, then
      // fold the stem back.
      ReplaceAll(folded, "\u06cc", "\u064a");
      ReplaceAll(folded, "\u06a9", "\u0643");
      RestoreFinalTehMarbuta(folded);
      return text::FoldWord(arabic_(folded));
    }
    case WordScript::kLatin:
      return english_(folded);
    case WordScript::kOther:
      return folded;
  }
  return folded;
}

std::string ScriptAwareStemmer::get_description() const { return kSearchStemmerDescription; }

Xapian::Stem MakeSearchStemmer() { return Xapian::Stem(new ScriptAwareStemmer()); }

}  // namespace leakgraph::index
