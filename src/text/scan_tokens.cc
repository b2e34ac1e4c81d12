#include "text/scan_tokens.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <climits>

namespace leakgraph::text {

namespace {

constexpr std::size_t kMaxKeptDigits = 40;
constexpr std::int64_t kValueCap = 1000000000;

bool IsWordChar(UChar32 c) {
  if (c == 0x200C || c == 0x200D || c == 0x0640) return true;  // ZWNJ, ZWJ, tatweel
  const int8_t type = u_charType(c);
  return u_isalpha(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

void AppendFolded(UChar32 c, std::string* out) {
  if (c == 0x0640 || (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x200B && c <= 0x200D)) {
    return;
  }
  switch (c) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: c = 0x0627; break;  // alef forms
    case 0x0649: case 0x06CC: case 0x0626: c = 0x064A; break;              // yeh forms
    case 0x06A9: c = 0x0643; break;                                        // keheh
    case 0x0629: case 0x06C0: case 0x06D5: c = 0x0647; break;              // teh marbuta
    case 0x0624: c = 0x0648; break;                                        // waw with hamza
    default: c = u_tolower(c);
  }
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, 4, c, error);
  if (!error) out->append(buf, static_cast<std::size_t>(n));
}

}  // namespace

int DigitValue(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 0x0660 && c <= 0x0669) return static_cast<int>(c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return static_cast<int>(c - 0x06F0);
  return -1;
}

std::string FoldForMatching(std::string_view word) {
  std::string out;
  const int32_t length = word.size() > INT32_MAX ? INT32_MAX : static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(word.data(), i, length, c);
    if (c >= 0) AppendFolded(c, &out);
  }
  return out;
}

std::vector<ScanToken> LexForScanning(std::string_view s) {
  std::vector<ScanToken> tokens;
  const auto* data = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = s.size() > INT32_MAX ? INT32_MAX : static_cast<int32_t>(s.size());
  bool space = true;
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(data, i, length, c);
    if (c < 0 || u_isUWhiteSpace(c)) {
      space = true;
      continue;
    }
    ScanToken t;
    t.begin = static_cast<std::size_t>(start);
    t.space_before = space;
    space = false;
    if (DigitValue(static_cast<char32_t>(c)) >= 0) {
      t.kind = ScanTokenKind::kNumber;
      t.native_digits = c > 0x7F;
      for (UChar32 d = c;;) {
        const int v = DigitValue(static_cast<char32_t>(d));
        t.value = t.value >= kValueCap ? t.value : t.value * 10 + v;
        ++t.digit_count;
        if (t.digits.size() < kMaxKeptDigits) t.digits.push_back(static_cast<char>('0' + v));
        if (i >= length) break;
        int32_t probe = i;
        U8_NEXT(data, probe, length, d);
        if (d < 0 || DigitValue(static_cast<char32_t>(d)) < 0) break;
        i = probe;
      }
    } else if (IsWordChar(c)) {
      t.kind = ScanTokenKind::kWord;
      t.capitalised = c >= 'A' && c <= 'Z';
      t.all_caps = true;
      for (UChar32 d = c;;) {
        t.all_caps = t.all_caps && d >= 'A' && d <= 'Z';
        t.farsi_yeh = t.farsi_yeh || d == 0x06CC;
        AppendFolded(d, &t.folded);
        if (i >= length) break;
        int32_t probe = i;
        U8_NEXT(data, probe, length, d);
        if (d < 0 || !IsWordChar(d)) break;
        i = probe;
      }
    } else {
      t.symbol = static_cast<char32_t>(c);
    }
    t.end = static_cast<std::size_t>(i);
    tokens.push_back(std::move(t));
  }
  return tokens;
}

}  // namespace leakgraph::text
