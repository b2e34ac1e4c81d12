// Language identification for documents and passages, offline (CLD2 plus
// script heuristics for short text).
#pragma once

#include <string>
#include <string_view>

namespace leakgraph::text {

struct LanguageGuess {
  std::string code;      // ISO 639-1: "en", "ar", "fa", ... or "und" when unknown
  bool reliable = false;
};

// Detects the main language of `utf8` (valid UTF-8). Short or empty text gives
// "und" unless its script decides (Arabic script with Persian-only letters
// پ چ ژ گ, or the Persian yeh/keheh, is "fa"). Text that is mostly Arabic
// script is decided between "ar" and "fa" by letter and function-word
// evidence unless it is long and CLD2 is sure. Only the first 256 KiB are
// examined; with invalid UTF-8, only the text before the first invalid byte
// reaches CLD2. Thread-safe.
LanguageGuess DetectLanguage(std::string_view utf8);

}  // namespace leakgraph::text
