#include "text/tokenize.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

namespace leakgraph::text {

namespace {

constexpr UChar32 kZwnj = 0x200C;
constexpr UChar32 kZwj = 0x200D;

enum class CharClass : uint8_t { kSpace, kLetter, kDigit, kPunct, kSymbol, kInvalid };

CharClass Classify(UChar32 c) {
  if (c < 0) return CharClass::kInvalid;
  if (c < 0x80) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return CharClass::kLetter;
    if (c >= '0' && c <= '9') return CharClass::kDigit;
    if (c == ' ' || (c >= 0x09 && c <= 0x0D)) return CharClass::kSpace;
    if (c < 0x20 || c == 0x7F) return CharClass::kSpace;
  }
  if (c == kZwnj || c == kZwj) return CharClass::kLetter;  // joiners live inside words
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
      return CharClass::kLetter;
    case U_DECIMAL_DIGIT_NUMBER:
      return CharClass::kDigit;
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:  // LRM/RLM, BOM, soft hyphen outside words
      return CharClass::kSpace;
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
      return CharClass::kPunct;
    default:
      return CharClass::kSymbol;
  }
}

// A decoded code point at a byte offset.
struct CodePoint {
  UChar32 value = -1;
  size_t begin = 0;
  size_t end = 0;
  CharClass cls = CharClass::kInvalid;
};

std::vector<CodePoint> Decode(std::string_view s) {
  std::vector<CodePoint> out;
  out.reserve(s.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = static_cast<int32_t>(std::min<size_t>(s.size(), INT32_MAX));
  int32_t i = 0;
  while (i < length) {
    CodePoint cp;
    cp.begin = static_cast<size_t>(i);
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    cp.value = c;
    cp.end = static_cast<size_t>(i);
    cp.cls = Classify(c);
    out.push_back(cp);
  }
  return out;
}

bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }
bool IsHyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }
bool IsAsciiUpper(UChar32 c) { return c >= 'A' && c <= 'Z'; }

// Abbreviations whose final dot belongs to the word (compared case-sensitively).
constexpr std::array<std::string_view, 40> kAbbreviations = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt", "Capt", "Maj", "Adm", "Cmdr", "Sen",
    "Rep", "Gov", "Pres", "Amb", "Hon", "Rev", "St", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "Bros",
    "vs", "etc", "No", "Nos", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Oct", "Nov"};

bool IsAbbreviation(std::string_view word) {
  if (word == "Dec" || word == "Mt" || word == "Ft" || word == "approx" || word == "e.g" ||
      word == "i.e")
    return true;
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

// Returns the index one past an "X.Y." chain (two or more single letters each
// followed by a dot) starting at `i`, or `i` if there is none.
size_t MatchDottedInitials(const std::vector<CodePoint>& cps, size_t i) {
  size_t j = i;
  int letters = 0;
  while (j + 1 < cps.size() && cps[j].cls == CharClass::kLetter && cps[j + 1].value == '.') {
    j += 2;
    ++letters;
  }
  return letters >= 2 ? j : i;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view utf8) {
  const std::vector<CodePoint> cps = Decode(utf8);
  std::vector<Token> tokens;
  tokens.reserve(cps.size() / 4 + 1);
  auto emit = [&](size_t first, size_t last_exclusive, TokenKind kind) {
    Token t;
    t.begin = cps[first].begin;
    t.end = cps[last_exclusive - 1].end;
    t.text.assign(utf8.substr(t.begin, t.end - t.begin));
    t.kind = kind;
    tokens.push_back(std::move(t));
  };
  size_t i = 0;
  while (i < cps.size()) {
    const CharClass cls = cps[i].cls;
    if (cls == CharClass::kSpace || cls == CharClass::kInvalid) {
      ++i;
      continue;
    }
    if (cls == CharClass::kLetter && cps[i].value != kZwnj && cps[i].value != kZwj) {
      size_t dotted = MatchDottedInitials(cps, i);
      if (dotted != i) {
        emit(i, dotted, TokenKind::kWord);
        i = dotted;
        continue;
      }
      size_t j = i + 1;
      while (j < cps.size()) {
        const CharClass c = cps[j].cls;
        if (c == CharClass::kLetter || c == CharClass::kDigit) {
          ++j;
        } else if (IsHyphen(cps[j].value) && j + 1 < cps.size() &&
                   (cps[j + 1].cls == CharClass::kLetter || cps[j + 1].cls == CharClass::kDigit)) {
          j += 2;
        } else if (IsApostrophe(cps[j].value) && j == i + 1 && j + 1 < cps.size() &&
                   cps[j + 1].cls == CharClass::kLetter) {
          j += 2;  // O'Brien, d'Estaing: a one-letter particle before the apostrophe
        } else {
          break;
        }
      }
      // Trailing joiners are not part of the word.
      while (j > i + 1 && (cps[j - 1].value == kZwnj || cps[j - 1].value == kZwj)) --j;
      std::string_view word = utf8.substr(cps[i].begin, cps[j - 1].end - cps[i].begin);
      const bool initial = j == i + 1 && IsAsciiUpper(cps[i].value);
      if (j < cps.size() && cps[j].value == '.' && (initial || IsAbbreviation(word))) ++j;
      emit(i, j, TokenKind::kWord);
      i = j;
      continue;
    }
    if (cls == CharClass::kDigit) {
      size_t j = i + 1;
      while (j < cps.size()) {
        if (cps[j].cls == CharClass::kDigit) {
          ++j;
        } else if ((cps[j].value == '.' || cps[j].value == ',' || cps[j].value == 0x066B ||
                    cps[j].value == 0x066C) &&
                   j + 1 < cps.size() && cps[j + 1].cls == CharClass::kDigit) {
          j += 2;
        } else {
          break;
        }
      }
      emit(i, j, TokenKind::kNumber);
      i = j;
      continue;
    }
    if (IsApostrophe(cps[i].value) && i + 1 < cps.size() && (cps[i + 1].value == 's') &&
        (i + 2 >= cps.size() || cps[i + 2].cls != CharClass::kLetter)) {
      emit(i, i + 2, TokenKind::kWord);  // English possessive 's
      i += 2;
      continue;
    }
    // Punctuation, symbols and stray joiners: one code point per token.
    emit(i, i + 1, cls == CharClass::kPunct ? TokenKind::kPunctuation : TokenKind::kSymbol);
    ++i;
  }
  return tokens;
}

namespace {

bool EndsSentence(std::string_view t) {
  return t == "." || t == "!" || t == "?" || t == "\xD8\x9F" /* ؟ */ ||
         t == "\xE2\x80\xA6" /* … */ || t == "\xDB\x94" /* ۔ */;
}

bool ClosesQuoteOrBracket(std::string_view t) {
  return t == "\"" || t == "'" || t == ")" || t == "]" || t == "\xC2\xBB" /* » */ ||
         t == "\xE2\x80\x9D" /* ” */ || t == "\xE2\x80\x99" /* ’ */;
}

// Returns true iff the bytes between two tokens hold a blank line.
bool HasBlankLine(std::string_view gap) {
  size_t first = gap.find('\n');
  if (first == std::string_view::npos) return false;
  for (size_t i = first + 1; i < gap.size(); ++i) {
    if (gap[i] == '\n') return true;
    if (gap[i] != ' ' && gap[i] != '\t' && gap[i] != '\r') {
      size_t next = gap.find('\n', i);
      if (next == std::string_view::npos) return false;
      i = next;
    }
  }
  return false;
}

}  // namespace

std::vector<SentenceSpan> SplitSentences(std::string_view utf8, const std::vector<Token>& tokens,
                                         size_t max_tokens) {
  std::vector<SentenceSpan> sentences;
  if (max_tokens == 0) max_tokens = 1;
  size_t start = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i > start && tokens[i - 1].end <= tokens[i].begin && tokens[i].begin <= utf8.size() &&
        HasBlankLine(utf8.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end))) {
      sentences.push_back({start, i});
      start = i;
    }
    bool end_here = EndsSentence(tokens[i].text);
    if (end_here) {
      while (i + 1 < tokens.size() && (EndsSentence(tokens[i + 1].text) ||
                                       ClosesQuoteOrBracket(tokens[i + 1].text)))
        ++i;
    }
    if (end_here || i + 1 - start >= max_tokens) {
      sentences.push_back({start, i + 1});
      start = i + 1;
    }
  }
  if (start < tokens.size()) sentences.push_back({start, tokens.size()});
  return sentences;
}

TokenizedText::TokenizedText(std::string_view utf8)
    : text(utf8), tokens(Tokenize(utf8)), sentences(SplitSentences(utf8, tokens)) {}

}  // namespace leakgraph::text
