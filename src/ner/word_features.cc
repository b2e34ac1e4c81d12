#include "ner/word_features.h"

#include "text/encoding.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>

namespace leakgraph::ner {

namespace {

bool IsArabicScript(UChar32 c) {
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
         (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

// Returns the folded code point, or -1 to drop it.
UChar32 FoldCodePoint(UChar32 c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c == 0x0640 || (c >= 0x064B && c <= 0x065F) || c == 0x0670) return -1;  // tatweel, harakat
  if (c >= 0x200B && c <= 0x200F) return -1;                                  // joiners, marks
  if (c == 0x0622 || c == 0x0623 || c == 0x0625 || c == 0x0671) return 0x0627;
  if (c == 0x0649 || c == 0x06CC || c == 0x06D2) return 0x064A;
  if (c == 0x06A9) return 0x0643;
  if (c >= 0x0660 && c <= 0x0669) return '0' + (c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return '0' + (c - 0x06F0);
  if (IsArabicScript(c)) return c;
  return u_tolower(c);
}

char ShapeChar(UChar32 c) {
  if (c < 0) return '?';
  if (c >= 'A' && c <= 'Z') return 'X';
  if (c >= 'a' && c <= 'z') return 'x';
  if (c >= '0' && c <= '9') return 'd';
  if (c < 0x80) return static_cast<char>(c);
  if (IsArabicScript(c)) return u_isdigit(c) ? 'd' : 'a';
  if (u_isupper(c)) return 'X';
  if (u_islower(c)) return 'x';
  if (u_isdigit(c)) return 'd';
  if (u_isalpha(c)) return 'l';
  return '.';
}

// Arabic proclitic sequences, longest first (folded forms, UTF-8).
constexpr std::array<std::string_view, 16> kProclitics = {
    "\xD9\x88\xD8\xA7\xD9\x84",  // وال
    "\xD8\xA8\xD8\xA7\xD9\x84",  // بال
    "\xD9\x81\xD8\xA7\xD9\x84",  // فال
    "\xD9\x83\xD8\xA7\xD9\x84",  // كال
    "\xD9\x88\xD9\x84\xD9\x84",  // ولل
    "\xD9\x84\xD9\x84",          // لل
    "\xD8\xA7\xD9\x84",          // ال
    "\xD9\x88\xD8\xA8",          // وب
    "\xD9\x88\xD9\x84",          // ول
    "\xD9\x88\xD9\x83",          // وك
    "\xD9\x81\xD9\x84",          // فل
    "\xD9\x88",                  // و
    "\xD9\x81",                  // ف
    "\xD8\xA8",                  // ب
    "\xD9\x84",                  // ل
    "\xD9\x83",                  // ك
};

// Inflectional suffixes (folded forms), longest first: Persian plural, ezafe
// and indefinite (ها های ان ات ی ای یی; a ZWNJ before them is already folded
// away) and Arabic feminine, plural and nisba (ة ية ين ون).
constexpr std::array<std::string_view, 11> kSuffixes = {
    "\xD9\x87\xD8\xA7\xD9\x8A",  // هاي
    "\xD9\x87\xD8\xA7",          // ها
    "\xD9\x8A\xD8\xA9",          // ية
    "\xD9\x8A\xD9\x8A",          // يي
    "\xD8\xA7\xD9\x8A",          // اي
    "\xD8\xA7\xD9\x86",          // ان
    "\xD8\xA7\xD8\xAA",          // ات
    "\xD9\x8A\xD9\x86",          // ين
    "\xD9\x88\xD9\x86",          // ون
    "\xD8\xA9",                  // ة
    "\xD9\x8A",                  // ي
};

}  // namespace

uint64_t HashBytes(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h == 0 ? 1 : h;
}

void FoldWord(std::string_view word, std::string& out) {
  out.clear();
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  const int32_t length = static_cast<int32_t>(word.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) continue;
    UChar32 f = FoldCodePoint(c);
    if (f < 0) continue;
    if (f < 0x80) {
      out.push_back(static_cast<char>(f));
    } else {
      text::AppendUtf8(out, static_cast<char32_t>(f));
    }
  }
}

std::string FoldWord(std::string_view word) {
  std::string out;
  FoldWord(word, out);
  return out;
}

void ComputeWordKeys(std::string_view word, WordScratch& scratch, WordKeys& out) {
  out = WordKeys();
  out.word = HashBytes(word);
  // Shapes and flags from the original (cased) word.
  char shape[10];
  size_t shape_len = 0;
  char short_shape[10];
  size_t short_len = 0;
  int letters = 0, uppers = 0, digits = 0;
  bool first_letter_seen = false;
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  const int32_t length = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    const char s = ShapeChar(c);
    if (shape_len < sizeof(shape)) shape[shape_len++] = s;
    if ((short_len == 0 || short_shape[short_len - 1] != s) && short_len < sizeof(short_shape))
      short_shape[short_len++] = s;
    if (s == 'd') ++digits;
    if (s == 'X' || s == 'x' || s == 'a' || s == 'l') {
      ++letters;
      if (s == 'X') ++uppers;
      if (!first_letter_seen && s == 'X') out.flags |= kCapitalized;
      first_letter_seen = true;
      if (s == 'a') out.flags |= kArabicScript;
    }
  }
  if (letters >= 2 && uppers == letters) out.flags |= kAllCaps;
  if (digits > 0) out.flags |= kHasDigit;
  if (letters == 0 && digits == 0) out.flags |= kPunctuation;
  out.shape = HashBytes(std::string_view(shape, shape_len)) ^ 0x5A5A;
  out.short_shape = HashBytes(std::string_view(short_shape, short_len)) ^ 0xA5A5;

  FoldWord(word, scratch.folded);
  const std::string& f = scratch.folded;
  out.folded = HashBytes(f);
  scratch.boundaries.clear();
  for (size_t i = 0; i < f.size(); ++i)
    if ((static_cast<unsigned char>(f[i]) & 0xC0) != 0x80) scratch.boundaries.push_back(uint32_t(i));
  scratch.boundaries.push_back(uint32_t(f.size()));
  const size_t chars = scratch.boundaries.size() - 1;
  for (size_t k = 1; k <= 4 && k <= chars; ++k) {
    out.prefix[k - 1] = MixHash(k, HashBytes(std::string_view(f).substr(0, scratch.boundaries[k])));
    const size_t from = scratch.boundaries[chars - k];
    out.suffix[k - 1] = MixHash(k + 8, HashBytes(std::string_view(f).substr(from)));
  }
  out.stripped = out.folded;
  out.stem = out.folded;
  if (out.flags & kArabicScript) {
    std::string_view base(f);
    // A Persian keheh (ک) folds to ك, but is never the Arabic preposition ك.
    const bool keheh = word.substr(0, 2) == "\xDA\xA9";
    for (std::string_view clitic : kProclitics) {
      if (f.size() < clitic.size() || f.compare(0, clitic.size(), clitic) != 0) continue;
      if (keheh && clitic[0] == '\xD9' && clitic[1] == '\x83') continue;
      // Keep at least three letters (six bytes in the Arabic block).
      if (f.size() - clitic.size() < 6) continue;
      base.remove_prefix(clitic.size());
      out.stripped = HashBytes(base);
      out.stem = out.stripped;
      out.clitic = HashBytes(clitic);
      break;
    }
    for (std::string_view suffix : kSuffixes) {
      // Keep at least three letters of the stem.
      if (base.size() < suffix.size() + 6) continue;
      if (base.compare(base.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
      out.stem = HashBytes(base.substr(0, base.size() - suffix.size()));
      break;
    }
  }
}

}  // namespace leakgraph::ner
