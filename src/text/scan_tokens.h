// The token model shared by the pattern scanners (dates, money): numbers in
// any of the three digit sets, words folded for matching against vocabulary
// tables, and single symbols, each with its byte offsets. One linear pass;
// the scanners then look a bounded number of tokens ahead, so scanning stays
// linear on hostile input. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace leakgraph::text {

enum class ScanTokenKind { kNumber, kWord, kSymbol };

struct ScanToken {
  ScanTokenKind kind = ScanTokenKind::kSymbol;
  std::size_t begin = 0;       // byte offsets into the scanned text
  std::size_t end = 0;
  bool space_before = false;   // whitespace separates it from the previous token
  bool native_digits = false;  // numbers: written in Arabic-Indic or Persian digits
  bool capitalised = false;    // words: starts with an ASCII capital
  bool all_caps = false;       // words: ASCII capitals only (a currency code such as USD)
  bool farsi_yeh = false;      // words: spelt with U+06CC, so Persian rather than Arabic
  int digit_count = 0;         // numbers: how many digits
  std::int64_t value = 0;      // numbers: the value, saturating at 10^9
  std::string digits;          // numbers: the digits in ASCII (the first 40)
  char32_t symbol = 0;         // symbols: the code point
  std::string folded;          // words: see FoldForMatching
};

// Splits `utf8` into tokens; whitespace and undecodable bytes separate tokens.
std::vector<ScanToken> LexForScanning(std::string_view utf8);

// The folding applied to words before matching: lower case, harakat, tatweel
// and ZWNJ removed, alef forms to ا, yeh forms to ي, keheh to ك, teh marbuta
// and heh forms to ه, waw-hamza to و. Vocabulary tables must be folded with it.
std::string FoldForMatching(std::string_view word);

// 0-9 for ASCII, Arabic-Indic and Persian digits; -1 otherwise.
int DigitValue(char32_t c);

}  // namespace leakgraph::text
