// Language identification: CLD2 for the statistics, plus Arabic-script
// evidence (letters and function words) to separate Persian from Arabic where
// CLD2 has too little text. CLD2 keeps no mutable global state, so concurrent
// calls are safe; everything here is local or constant.

#include "text/language.h"

#include <cstdio>  // compact_lang_det.h uses FILE without including it
#include <cld2/public/compact_lang_det.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdlib>
#include <array>
#include <string>

#include "text/normalize.h"

namespace leakgraph::text {
namespace {

// CLD2 samples text; beyond this many bytes more text does not change its answer.
constexpr size_t kMaxBytesForDetection = 256 * 1024;
// Below this many letters, text in a non-Arabic script is "und".
constexpr int kMinLettersForStatistics = 12;
// Above this many Arabic-script letters, a reliable CLD2 answer wins over the
// letter and word heuristics.
constexpr int kMinLettersToTrustStatistics = 200;
// A heuristic margin at least this large counts as reliable.
constexpr int kReliableMargin = 6;

// Function words, in their FoldWord() form, that occur in one language and
// (almost) never as words of the other.
constexpr std::array<std::string_view, 19> kPersianWords = {
    "است", "می", "را", "که", "از", "برای", "شده", "یک", "خود", "نیز",
    "شود", "کند", "کرده", "بود", "این", "ها", "های", "کرد", "باید"};
constexpr std::array<std::string_view, 15> kArabicWords = {
    "فی", "التی", "الذی", "الی", "هذا", "هذه", "عن", "کان", "ذلک", "لم", "قد", "الذین", "مع", "ثم", "لقد"};

struct ScriptEvidence {
  int arabic_script_letters = 0;
  int other_letters = 0;
  int persian_score = 0;
  int arabic_score = 0;
};

bool Contains(const auto& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

void ScoreArabicScriptWord(const std::string& raw_word, ScriptEvidence& evidence) {
  if (raw_word.empty()) return;
  const std::string word = FoldWord(raw_word);
  if (Contains(kPersianWords, word)) evidence.persian_score += 3;
  if (Contains(kArabicWords, word)) evidence.arabic_score += 3;
  // The definite article: frequent in Arabic, rare in Persian (loanwords only).
  if (word.size() >= 8 && word.starts_with("ال")) evidence.arabic_score += 2;
}

void ScoreArabicScriptLetter(UChar32 cp, ScriptEvidence& evidence) {
  switch (cp) {
    case 0x067E:  // پ
    case 0x0686:  // چ
    case 0x0698:  // ژ
    case 0x06AF:  // گ
      evidence.persian_score += 3;
      break;
    case 0x06CC:  // Persian yeh ی
    case 0x06A9:  // keheh ک
      evidence.persian_score += 1;
      break;
    case 0x064A:  // Arabic yeh ي
    case 0x0643:  // Arabic kaf ك
    case 0x0649:  // alef maksura ى
      evidence.arabic_score += 1;
      break;
    case 0x0629:  // teh marbuta ة
      evidence.arabic_score += 2;
      break;
    default:
      break;
  }
}

void AppendCodePoint(UChar32 cp, std::string& out) {
  uint8_t buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  U8_APPEND_UNSAFE(buffer, length, cp);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(length));
}

// Counts letters by script and gathers Persian/Arabic evidence. Invalid
// UTF-8 bytes count as separators.
ScriptEvidence GatherEvidence(std::string_view utf8) {
  ScriptEvidence evidence;
  std::string word;
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    if (bytes[i] < 0x80) {
      // ASCII, most of most texts: a letter or not, never Arabic script, and
      // it ends the Arabic-script word before it (no ICU lookups needed).
      const uint8_t c = bytes[i++];
      if (static_cast<uint8_t>((c | 0x20) - 'a') < 26) ++evidence.other_letters;
      if (!word.empty()) {
        ScoreArabicScriptWord(word, evidence);
        word.clear();
      }
      continue;
    }
    UChar32 cp;
    U8_NEXT(bytes, i, length, cp);
    UErrorCode status = U_ZERO_ERROR;
    const bool is_arabic_script = cp >= 0 && uscript_getScript(cp, &status) == USCRIPT_ARABIC;
    const bool is_mark_or_tatweel = cp >= 0 && (u_charType(cp) == U_NON_SPACING_MARK || cp == 0x0640);
    if (is_arabic_script && is_mark_or_tatweel) continue;  // inside a word, not a letter
    if (is_arabic_script && u_isalpha(cp)) {
      ++evidence.arabic_script_letters;
      ScoreArabicScriptLetter(cp, evidence);
      AppendCodePoint(cp, word);
      continue;
    }
    if (cp >= 0 && u_isalpha(cp)) ++evidence.other_letters;
    ScoreArabicScriptWord(word, evidence);
    word.clear();
  }
  ScoreArabicScriptWord(word, evidence);
  return evidence;
}

// Returns `utf8` cut to at most kMaxBytesForDetection bytes, at a code point
// boundary.
std::string_view CapForDetection(std::string_view utf8) {
  if (utf8.size() <= kMaxBytesForDetection) return utf8;
  size_t end = kMaxBytesForDetection;
  while (end > 0 && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;
  return utf8.substr(0, end);
}

struct Cld2Answer {
  std::string code;  // "und" when CLD2 does not know
  bool reliable = false;
};

Cld2Answer AskCld2(std::string_view utf8) {
  bool reliable = false;
  int valid_prefix_bytes = 0;
  CLD2::Language language = CLD2::DetectLanguageCheckUTF8(utf8.data(), static_cast<int>(utf8.size()),
                                                          /*is_plain_text=*/true, &reliable, &valid_prefix_bytes);
  if (valid_prefix_bytes < static_cast<int>(utf8.size())) {
    // Invalid UTF-8 somewhere: CLD2 refuses the whole buffer, so ask about
    // the valid prefix, which is usually most of a document.
    language = CLD2::DetectLanguageCheckUTF8(utf8.data(), valid_prefix_bytes, true, &reliable, &valid_prefix_bytes);
  }
  if (language == CLD2::UNKNOWN_LANGUAGE || language == CLD2::TG_UNKNOWN_LANGUAGE) return {"und", false};
  return {CLD2::LanguageCode(language), reliable};
}

// Decides text written mostly in Arabic script.
LanguageGuess DecideArabicScript(const ScriptEvidence& evidence, const Cld2Answer& cld2) {
  const bool cld2_says_arabic_script_language = cld2.code != "und" && cld2.code != "en";
  if (cld2.reliable && cld2_says_arabic_script_language &&
      evidence.arabic_script_letters >= kMinLettersToTrustStatistics) {
    return {cld2.code, true};
  }
  const int margin = evidence.persian_score - evidence.arabic_score;
  if (margin == 0) {
    if (cld2.code == "ar" || cld2.code == "fa") return {cld2.code, false};
    return {"und", false};
  }
  const std::string code = margin > 0 ? "fa" : "ar";
  const bool reliable = std::abs(margin) >= kReliableMargin || (cld2.reliable && cld2.code == code);
  return {code, reliable};
}

}  // namespace

LanguageGuess DetectLanguage(std::string_view utf8) {
  const std::string_view sample = CapForDetection(utf8);
  const ScriptEvidence evidence = GatherEvidence(sample);
  const int letters = evidence.arabic_script_letters + evidence.other_letters;
  if (letters == 0) return {"und", false};
  const Cld2Answer cld2 = AskCld2(sample);
  if (evidence.arabic_script_letters > evidence.other_letters) return DecideArabicScript(evidence, cld2);
  if (letters < kMinLettersForStatistics) return {"und", false};
  return {cld2.code, cld2.reliable};
}

}  // namespace leakgraph::text
