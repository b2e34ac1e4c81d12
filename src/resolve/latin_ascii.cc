#include "resolve/latin_ascii.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace leakgraph::resolve {

namespace {

// Returns `utf8` through `trans`, or `utf8` unchanged when ICU lacks the
// transform (a stripped ICU data file).
std::string Apply(icu::Transliterator* trans, std::string_view utf8) {
  if (trans == nullptr) return std::string(utf8);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  trans->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::unique_ptr<icu::Transliterator> Create(const char* id) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance(icu::UnicodeString(id), UTRANS_FORWARD, status));
  if (U_FAILURE(status)) return nullptr;
  return t;
}

bool IsAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

}  // namespace

std::string LatinToAsciiLower(std::string_view utf8) {
  if (IsAscii(utf8)) {  // what "Latin-ASCII; Lower" does to ASCII, without ICU (most names of a case)
    std::string out(utf8);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  thread_local std::unique_ptr<icu::Transliterator> trans = Create("Latin-ASCII; Lower");
  return Apply(trans.get(), utf8);
}

std::string AnyToLatinAsciiLower(std::string_view utf8) {
  thread_local std::unique_ptr<icu::Transliterator> trans = Create("Any-Latin; Latin-ASCII; Lower");
  return Apply(trans.get(), utf8);
}

}  // namespace leakgraph::resolve
