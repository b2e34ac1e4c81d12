// Decoding order, cheapest and most certain first: byte-order mark, UTF-16
// by its NUL bytes, valid UTF-8 (checked by hand: this runs on every file), a
// declared charset that decodes cleanly, mostly-valid UTF-8 with a few bad
// bytes, ICU's detector limited to encodings plausible for our languages, and
// finally windows-1252, which maps every byte.
#include "text/encoding.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <vector>

namespace leakgraph::text {
namespace {

constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";
// The detector and the UTF-16 check look at this much; enough to decide and
// bounded so a 50 MB file costs no more than a small one.
constexpr std::size_t kSampleBytes = 64 * 1024;

bool AllAscii(std::string_view s) {
  const char* p = s.data();
  std::size_t n = s.size();
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  while (n >= 32) {
    std::uint64_t a, b, c, d;
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + 8, 8);
    std::memcpy(&c, p + 16, 8);
    std::memcpy(&d, p + 24, 8);
    if ((a | b | c | d) & kHighBits) return false;
    p += 32;
    n -= 32;
  }
  for (; n > 0; ++p, --n) {
    if (static_cast<unsigned char>(*p) & 0x80) return false;
  }
  return true;
}

// Length of the well-formed UTF-8 sequence at s[i] (a lead byte >= 0x80), or
// the negated length of its maximal ill-formed subpart (Unicode 3.9, D93b),
// which is what one U+FFFD replaces.
int Utf8SequenceAt(const unsigned char* s, std::size_t i, std::size_t n) {
  unsigned char lead = s[i];
  int length;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) lo = 0xA0;
    if (lead == 0xED) hi = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) lo = 0x90;
    if (lead == 0xF4) hi = 0x8F;
  } else {
    return -1;
  }
  for (int k = 1; k < length; ++k) {
    if (i + k >= n) return -k;
    unsigned char c = s[i + k];
    bool ok = (k == 1) ? (c >= lo && c <= hi) : (c >= 0x80 && c <= 0xBF);
    if (!ok) return -k;
  }
  return length;
}

struct Utf8Census {
  std::size_t multibyte = 0;  // well-formed sequences of 2-4 bytes
  std::size_t invalid = 0;    // ill-formed subparts
};

Utf8Census CountUtf8(std::string_view s) {
  Utf8Census census;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    int len = Utf8SequenceAt(p, i, n);
    if (len > 0) {
      ++census.multibyte;
      i += len;
    } else {
      ++census.invalid;
      i += -len;
    }
  }
  return census;
}

// Copies `s` replacing each ill-formed subpart with U+FFFD.
std::string RepairUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0, run_start = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    int len = Utf8SequenceAt(p, i, n);
    if (len > 0) {
      i += len;
      continue;
    }
    out.append(s.data() + run_start, i - run_start);
    out.append(kReplacementUtf8);
    i += -len;
    run_start = i;
  }
  out.append(s.data() + run_start, n - run_start);
  return out;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsUtf8Name(std::string_view lower) {
  return lower == "utf-8" || lower == "utf8" || lower == "unicode-1-1-utf-8";
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// Replaces every undecodable sequence with U+FFFD (ICU's own substitute is
// U+001A for some single-byte tables) and remembers that it happened.
void ReplaceAndFlag(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                    UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone
  *static_cast<bool*>(const_cast<void*>(context)) = true;
  *err = U_ZERO_ERROR;
  static const UChar kReplacement = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

// Stops at the first undecodable sequence.
void StopAndFlag(const void* context, UConverterToUnicodeArgs*, const char*, int32_t,
                 UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;
  *static_cast<bool*>(const_cast<void*>(context)) = true;
  // Leaving *err set makes ucnv_toUnicode return the error.
}

// Converts `bytes` from `charset` into UTF-16. Returns false if ICU does not
// know the charset, or (when `strict`) if any byte sequence is undecodable.
bool ConvertToUnicode(std::string_view bytes, const char* charset, bool strict, icu::UnicodeString& out,
                      bool& had_invalid) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr converter(ucnv_open(charset, &status));
  if (U_FAILURE(status) || !converter) return false;
  bool flagged = false;
  ucnv_setToUCallBack(converter.get(), strict ? StopAndFlag : ReplaceAndFlag, &flagged, nullptr, nullptr,
                      &status);
  if (U_FAILURE(status)) return false;
  // Single-byte charsets give one UTF-16 unit per byte; multi-byte ones fewer.
  int32_t capacity = static_cast<int32_t>(std::min<std::size_t>(bytes.size() + 16, INT32_MAX / 2));
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX / 2)) return false;
  UChar* buffer = out.getBuffer(capacity);
  if (buffer == nullptr) return false;
  UChar* target = buffer;
  const char* source = bytes.data();
  ucnv_toUnicode(converter.get(), &target, buffer + capacity, &source, bytes.data() + bytes.size(), nullptr,
                 /*flush=*/true, &status);
  out.releaseBuffer(static_cast<int32_t>(target - buffer));
  if (U_FAILURE(status) || (strict && flagged)) {
    had_invalid = flagged;
    return false;
  }
  had_invalid = flagged;
  return true;
}

const icu::Normalizer2* Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  return nfc;
}

DecodedText FromUnicode(icu::UnicodeString& unicode, std::string charset, bool had_invalid) {
  const icu::Normalizer2* nfc = Nfc();
  UErrorCode status = U_ZERO_ERROR;
  if (nfc != nullptr) {
    int32_t span = nfc->spanQuickCheckYes(unicode, status);
    if (U_SUCCESS(status) && span < unicode.length()) {
      icu::UnicodeString head(unicode, 0, span);
      icu::UnicodeString tail(unicode, span);
      nfc->normalizeSecondAndAppend(head, tail, status);
      if (U_SUCCESS(status)) unicode = std::move(head);
    }
  }
  DecodedText result;
  unicode.toUTF8String(result.utf8);
  result.charset = std::move(charset);
  result.had_invalid = had_invalid;
  return result;
}

// Decodes with `charset`, replacing what does not decode.
DecodedText DecodeWith(std::string_view bytes, const char* charset) {
  icu::UnicodeString unicode;
  bool had_invalid = false;
  if (!ConvertToUnicode(bytes, charset, /*strict=*/false, unicode, had_invalid)) {
    unicode.remove();
    ConvertToUnicode(bytes, "windows-1252", false, unicode, had_invalid);
    charset = "windows-1252";
  }
  return FromUnicode(unicode, charset, had_invalid);
}

DecodedText FromUtf8(std::string utf8, bool had_invalid) {
  DecodedText result;
  result.utf8 = AllAscii(utf8) ? std::move(utf8) : ToNfc(utf8);
  result.charset = "UTF-8";
  result.had_invalid = had_invalid;
  return result;
}

// UTF-16 without a BOM: Latin-script text has a NUL in every other byte;
// binary data has NULs on both sides. Returns "UTF-16LE", "UTF-16BE" or "".
const char* GuessUtf16ByNuls(std::string_view bytes) {
  std::size_t n = std::min(bytes.size(), kSampleBytes) & ~std::size_t{1};
  if (n < 4) return "";
  std::size_t even_nuls = 0, odd_nuls = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    if (bytes[i] == 0) ++even_nuls;
    if (bytes[i + 1] == 0) ++odd_nuls;
  }
  std::size_t pairs = n / 2;
  auto one_sided = [pairs](std::size_t many, std::size_t few) {
    return many * 10 >= pairs && few * 50 <= many;
  };
  if (one_sided(odd_nuls, even_nuls)) return "UTF-16LE";
  if (one_sided(even_nuls, odd_nuls)) return "UTF-16BE";
  return "";
}

// Encodings worth trusting from the detector for English, Arabic and Persian
// archives (plus common European ones). ICU's CJK and EBCDIC guesses on short
// Latin text are mostly wrong, so they need high confidence.
bool IsPlausibleDetection(std::string_view name, int32_t confidence) {
  static constexpr std::array<std::string_view, 18> kSingleByte = {
      "windows-1256", "ISO-8859-6",   "windows-1252", "ISO-8859-1",   "ISO-8859-2", "windows-1250",
      "ISO-8859-9",   "windows-1254", "windows-1251", "ISO-8859-5",   "KOI8-R",     "ISO-8859-7",
      "windows-1253", "ISO-8859-8",   "windows-1255", "ISO-8859-8-I", "UTF-8",      "ISO-8859-15"};
  for (std::string_view known : kSingleByte) {
    if (name == known) return confidence >= 10;
  }
  static constexpr std::array<std::string_view, 5> kMultiByte = {"Shift_JIS", "EUC-JP", "EUC-KR", "GB18030",
                                                                 "Big5"};
  for (std::string_view known : kMultiByte) {
    if (name == known) return confidence >= 80;
  }
  return false;
}

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

// Returns the detector's plausible guesses, most confident first.
std::vector<std::string> DetectCharsets(std::string_view bytes) {
  std::vector<std::string> names;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> detector(ucsdet_open(&status));
  if (U_FAILURE(status)) return names;
  std::string_view sample = bytes.substr(0, kSampleBytes);
  ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
  if (U_FAILURE(status)) return names;
  for (int32_t i = 0; i < count && names.size() < 4; ++i) {
    UErrorCode match_status = U_ZERO_ERROR;
    const char* name = ucsdet_getName(matches[i], &match_status);
    int32_t confidence = ucsdet_getConfidence(matches[i], &match_status);
    if (U_FAILURE(match_status) || name == nullptr) continue;
    if (std::string_view(name) == "UTF-8") continue;  // already known not to be
    if (IsPlausibleDetection(name, confidence)) names.emplace_back(name);
  }
  return names;
}

// The charset to try for a declaration: HTML's rule that "iso-8859-1" and
// "us-ascii" mean windows-1252, which is a superset used by every browser.
std::string DeclaredConverterName(std::string_view declared) {
  std::string lower = LowerAscii(declared);
  while (!lower.empty() && (lower.back() == ' ' || lower.back() == '"' || lower.back() == '\''))
    lower.pop_back();
  std::size_t start = lower.find_first_not_of(" \"'");
  lower = start == std::string::npos ? "" : lower.substr(start);
  if (lower == "iso-8859-1" || lower == "latin1" || lower == "us-ascii" || lower == "ascii" ||
      lower == "iso8859-1" || lower == "l1") {
    return "windows-1252";
  }
  return lower;
}

// Returns the encoding's name as ICU spells it in its standard aliases.
std::string CanonicalName(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  const char* mime = ucnv_getStandardName(name.c_str(), "MIME", &status);
  if (U_SUCCESS(status) && mime != nullptr) return mime;
  status = U_ZERO_ERROR;
  const char* iana = ucnv_getStandardName(name.c_str(), "IANA", &status);
  if (U_SUCCESS(status) && iana != nullptr) return iana;
  return name;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0;
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  while (i < n) {
    if (i + 16 <= n) {
      std::uint64_t a, b;
      std::memcpy(&a, p + i, 8);
      std::memcpy(&b, p + i + 8, 8);
      if (((a | b) & kHighBits) == 0) {
        i += 16;
        continue;
      }
    }
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    int len = Utf8SequenceAt(p, i, n);
    if (len < 0) return false;
    i += len;
  }
  return true;
}

std::string ToNfc(std::string_view s) {
  if (AllAscii(s)) return std::string(s);
  const icu::Normalizer2* nfc = Nfc();
  if (nfc == nullptr) return std::string(s);
  UErrorCode status = U_ZERO_ERROR;
  icu::StringPiece piece(s.data(), static_cast<int32_t>(s.size()));
  if (s.size() > static_cast<std::size_t>(INT32_MAX)) return std::string(s);
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  icu::StringByteSink<std::string> sink(&out);
  status = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) return std::string(s);
  return out;
}

DecodedText DecodeToUtf8(std::string_view bytes, std::string_view declared) {
  if (bytes.empty()) return DecodedText{"", "UTF-8", false};
  auto starts_with = [bytes](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
  using namespace std::string_view_literals;
  if (starts_with("\xEF\xBB\xBF"sv)) {
    std::string_view rest = bytes.substr(3);
    if (IsValidUtf8(rest)) return FromUtf8(std::string(rest), false);
    return FromUtf8(RepairUtf8(rest), true);
  }
  if (starts_with("\xFF\xFE\x00\x00"sv)) return DecodeWith(bytes.substr(4), "UTF-32LE");
  if (starts_with("\x00\x00\xFE\xFF"sv)) return DecodeWith(bytes.substr(4), "UTF-32BE");
  if (starts_with("\xFF\xFE"sv)) return DecodeWith(bytes.substr(2), "UTF-16LE");
  if (starts_with("\xFE\xFF"sv)) return DecodeWith(bytes.substr(2), "UTF-16BE");

  std::string declared_name = DeclaredConverterName(declared);
  if (declared_name.rfind("utf-16", 0) == 0 || declared_name.rfind("utf-32", 0) == 0) {
    // A UTF-16 declaration over NUL-free bytes is a lie told by a container.
    if (std::memchr(bytes.data(), 0, std::min(bytes.size(), kSampleBytes)) != nullptr) {
      std::string name = declared_name == "utf-16" ? "UTF-16LE" : CanonicalName(declared_name);
      return DecodeWith(bytes, name.c_str());
    }
    declared_name.clear();
  }
  if (const char* utf16 = GuessUtf16ByNuls(bytes); *utf16 != '\0') return DecodeWith(bytes, utf16);

  if (IsValidUtf8(bytes)) return FromUtf8(std::string(bytes), false);

  if (!declared_name.empty() && !IsUtf8Name(declared_name)) {
    icu::UnicodeString unicode;
    bool had_invalid = false;
    if (ConvertToUnicode(bytes, declared_name.c_str(), /*strict=*/true, unicode, had_invalid)) {
      return FromUnicode(unicode, CanonicalName(declared_name), false);
    }
  }

  // UTF-8 with a few damaged bytes (a truncated file, a bad splice): keep
  // the UTF-8 reading. Legacy 8-bit text forms valid sequences only by chance.
  Utf8Census census = CountUtf8(bytes.substr(0, kSampleBytes * 4));
  if (census.multibyte > 0 && census.invalid * 2 <= census.multibyte) {
    return FromUtf8(RepairUtf8(bytes), true);
  }

  // The detector often ranks ISO-8859-6 above windows-1256 for Persian, whose
  // letters only the latter has: prefer the first guess that decodes cleanly.
  std::vector<std::string> guesses = DetectCharsets(bytes);
  for (const std::string& guess : guesses) {
    icu::UnicodeString unicode;
    bool had_invalid = false;
    if (ConvertToUnicode(bytes, guess.c_str(), /*strict=*/true, unicode, had_invalid)) {
      return FromUnicode(unicode, guess, false);
    }
  }
  return DecodeWith(bytes, guesses.empty() ? "windows-1252" : guesses.front().c_str());
}

}  // namespace leakgraph::text
