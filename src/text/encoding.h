// Character encodings: detect what a byte string is written in and convert it
// to UTF-8 in Unicode NFC.
//
// Handles UTF-8 and UTF-16 (LE/BE, with or without BOM), Windows-1256,
// Windows-1252, ISO-8859-x and whatever else ICU's detector recognises. Never
// fails on bad bytes: undecodable sequences become U+FFFD. May not do I/O.
#pragma once

#include <string>
#include <string_view>

namespace leakgraph::text {

struct DecodedText {
  std::string utf8;          // valid UTF-8, NFC
  std::string charset;       // the encoding the bytes were read as, e.g. "UTF-8", "windows-1256"
  bool had_invalid = false;  // true iff some bytes could not be decoded and were replaced
};

// Decodes `bytes`. `declared` is a charset named by the container (an HTTP or
// MIME header, an HTML meta tag); it is trusted only when the bytes are
// consistent with it (a "utf-8" declaration over bytes that are not valid
// UTF-8 is ignored and the charset is detected instead).
DecodedText DecodeToUtf8(std::string_view bytes, std::string_view declared = {});

// Returns true iff `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

// Returns `s` in Unicode NFC. REQUIRES: s is valid UTF-8.
std::string ToNfc(std::string_view s);

// Appends `cp` to `out` in UTF-8; surrogates and values beyond U+10FFFF
// become U+FFFD, so the output is always valid UTF-8. Inline: hot paths use it.
inline void AppendUtf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    const char bytes[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 2);
  } else if (cp < 0x10000) {
    const char bytes[3] = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                           static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 3);
  } else {
    const char bytes[4] = {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                           static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 4);
  }
}

}  // namespace leakgraph::text
