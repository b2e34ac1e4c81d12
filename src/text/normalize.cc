// Search folding: one hand-written UTF-8 pass with a lookup table for the
// Arabic block; ICU only for non-ASCII letters outside it (lowercasing, NFC of
// combining sequences, compatibility forms of Arabic presentation glyphs).

#include "text/normalize.h"

#include "text/encoding.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <array>
#include <cstdint>

namespace leakgraph::text {
namespace {

constexpr char32_t kReplacementChar = 0xFFFD;
// Marks a table entry whose code point is dropped from the search form.
constexpr char16_t kDrop = 0;

// Returns the search form of each code point in U+0600..U+06FF: itself, a
// replacement, or kDrop.
constexpr std::array<char16_t, 256> MakeArabicBlockTable() {
  std::array<char16_t, 256> table{};
  for (int i = 0; i < 256; ++i) table[i] = static_cast<char16_t>(0x0600 + i);
  auto set = [&table](char32_t cp, char16_t to) { table[cp - 0x0600] = to; };
  auto drop_range = [&table](char32_t first, char32_t last) {
    for (char32_t cp = first; cp <= last; ++cp) table[cp - 0x0600] = kDrop;
  };
  drop_range(0x0610, 0x061A);  // honorifics and small high marks
  set(0x061C, kDrop);          // Arabic letter mark (bidi control)
  set(0x0640, kDrop);          // tatweel
  drop_range(0x064B, 0x065F);  // harakat, shadda, sukun, hamza above/below
  set(0x0670, kDrop);          // superscript alef
  drop_range(0x06D6, 0x06ED);  // Quranic annotation marks
  for (char32_t alef : {0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673, 0x0675}) set(alef, 0x0627);
  for (char32_t yeh : {0x064A, 0x0649, 0x0626}) set(yeh, 0x06CC);
  for (char32_t kaf : {0x0643, 0x06AA}) set(kaf, 0x06A9);
  for (char32_t heh : {0x0629, 0x06BE, 0x06C0, 0x06C1, 0x06C2, 0x06D5}) set(heh, 0x0647);
  set(0x0624, 0x0648);  // waw with hamza
  set(0x0676, 0x0648);  // high hamza waw
  for (int d = 0; d < 10; ++d) {
    set(0x0660 + d, static_cast<char16_t>('0' + d));
    set(0x06F0 + d, static_cast<char16_t>('0' + d));
  }
  return table;
}

constexpr std::array<char16_t, 256> kArabicBlock = MakeArabicBlockTable();

constexpr std::array<char, 128> MakeAsciiLowerTable() {
  std::array<char, 128> table{};
  for (int i = 0; i < 128; ++i) table[i] = static_cast<char>(i >= 'A' && i <= 'Z' ? i + 32 : i);
  return table;
}

constexpr std::array<char, 128> kAsciiLower = MakeAsciiLowerTable();

// Returns true iff `cp` is an invisible formatting character that only
// affects rendering (joiners, soft hyphen, BOM, bidi controls).
bool IsInvisibleFormat(char32_t cp) {
  return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

bool IsArabicPresentationForm(char32_t cp) {
  return (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFE);
}

// Decodes the code point starting at `text[pos]` (a non-ASCII lead byte) and
// advances `pos` past it. Overlong forms, surrogates, values above U+10FFFF and
// truncated sequences decode as U+FFFD and consume exactly one byte, so that
// decoding always makes progress and never reads past the end.
char32_t DecodeNonAscii(std::string_view text, size_t& pos) {
  const auto byte = [&text](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  int length = 0;
  char32_t cp = 0;
  char32_t min_value = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, cp = lead & 0x1F, min_value = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, cp = lead & 0x0F, min_value = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, cp = lead & 0x07, min_value = 0x10000;
  } else {
    ++pos;
    return kReplacementChar;
  }
  if (pos + length > text.size()) {
    ++pos;
    return kReplacementChar;
  }
  for (int i = 1; i < length; ++i) {
    const unsigned char continuation = byte(pos + i);
    if ((continuation & 0xC0) != 0x80) {
      ++pos;
      return kReplacementChar;
    }
    cp = (cp << 6) | (continuation & 0x3F);
  }
  if (cp < min_value || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return kReplacementChar;
  }
  pos += length;
  return cp;
}

const UNormalizer2* Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfc = unorm2_getNFCInstance(&status);
  return U_SUCCESS(status) ? nfc : nullptr;
}

const UNormalizer2* Nfkc() {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfkc = unorm2_getNFKCInstance(&status);
  return U_SUCCESS(status) ? nfkc : nullptr;
}

// Returns `utf8` in NFC. On any ICU failure returns `utf8` unchanged: folding
// is best effort and must not lose text.
std::string ComposeNfc(const std::string& utf8) {
  const UNormalizer2* nfc = Nfc();
  if (nfc == nullptr || utf8.size() > INT32_MAX / 2) return utf8;
  UErrorCode status = U_ZERO_ERROR;
  std::u16string utf16(utf8.size() + 1, u'\0');
  int32_t utf16_length = 0;
  u_strFromUTF8(utf16.data(), static_cast<int32_t>(utf16.size()), &utf16_length, utf8.data(),
                static_cast<int32_t>(utf8.size()), &status);
  if (U_FAILURE(status)) return utf8;
  // NFC output is at most 3x the input in UTF-16 units.
  std::u16string composed(static_cast<size_t>(utf16_length) * 3 + 1, u'\0');
  const int32_t composed_length =
      unorm2_normalize(nfc, utf16.data(), utf16_length, composed.data(), static_cast<int32_t>(composed.size()), &status);
  if (U_FAILURE(status)) return utf8;
  std::string out;
  out.reserve(utf8.size());
  for (int32_t i = 0; i < composed_length;) {
    UChar32 cp;
    U16_NEXT(composed.data(), i, composed_length, cp);
    AppendUtf8(out, static_cast<char32_t>(cp));
  }
  return out;
}

class SearchFolder {
 public:
  explicit SearchFolder(std::string& out) : out_(out) {}

  // Appends the search form of one code point.
  void Fold(char32_t cp) {
    if (cp < 0x80) {
      out_.push_back(kAsciiLower[cp]);
    } else if (cp >= 0x0600 && cp <= 0x06FF) {
      const char16_t folded = kArabicBlock[cp - 0x0600];
      if (folded != kDrop) AppendUtf8(out_, folded);
    } else if (IsInvisibleFormat(cp) || (cp >= 0x08D3 && cp <= 0x08FF)) {
      // dropped: invisible controls, Quranic marks of Arabic Extended-A
    } else if (IsArabicPresentationForm(cp)) {
      FoldPresentationForm(cp);
    } else {
      if (u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_NFC_QUICK_CHECK) != UNORM_YES) needs_nfc_ = true;
      AppendUtf8(out_, static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp))));
    }
  }

  // Returns true iff the output holds a code point that NFC may change.
  bool needs_nfc() const { return needs_nfc_; }

 private:
  // Contextual glyph forms (from PDF text layers) become their base letters;
  // a lam-alef ligature becomes two letters. The decomposition of an isolated
  // haraka starts with a space, which is dropped with the haraka.
  void FoldPresentationForm(char32_t cp) {
    const UNormalizer2* nfkc = Nfkc();
    UChar decomposition[32];
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length = nfkc == nullptr ? 0
                                           : unorm2_getDecomposition(nfkc, static_cast<UChar32>(cp), decomposition,
                                                                     32, &status);
    if (U_FAILURE(status) || length <= 0) {
      AppendUtf8(out_, cp);
      return;
    }
    int32_t i = 0;
    if (decomposition[0] == u' ') ++i;
    while (i < length) {
      UChar32 part;
      U16_NEXT(decomposition, i, length, part);
      if (IsArabicPresentationForm(static_cast<char32_t>(part))) {
        AppendUtf8(out_, static_cast<char32_t>(part));  // cannot happen for NFKC output; avoids recursion
      } else {
        Fold(static_cast<char32_t>(part));
      }
    }
  }

  std::string& out_;
  bool needs_nfc_ = false;
};

std::string FoldUtf8(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  SearchFolder folder(out);
  size_t pos = 0;
  const size_t size = utf8.size();
  while (pos < size) {
    const auto byte = static_cast<unsigned char>(utf8[pos]);
    if (byte < 0x80) {
      out.push_back(kAsciiLower[byte]);
      ++pos;
    } else {
      folder.Fold(DecodeNonAscii(utf8, pos));
    }
  }
  if (folder.needs_nfc()) return ComposeNfc(out);
  return out;
}

}  // namespace

std::string FoldForSearch(std::string_view utf8) { return FoldUtf8(utf8); }

std::string FoldWord(std::string_view word) { return FoldUtf8(word); }

bool HasArabicScript(std::string_view utf8) {
  size_t pos = 0;
  while (pos < utf8.size()) {
    if (static_cast<unsigned char>(utf8[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const char32_t cp = DecodeNonAscii(utf8, pos);
    const bool in_arabic_blocks = (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
                                  (cp >= 0x08A0 && cp <= 0x08FF) || IsArabicPresentationForm(cp);
    if (in_arabic_blocks && cp != 0x0640 && u_isalpha(static_cast<UChar32>(cp))) return true;
  }
  return false;
}

std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace leakgraph::text
