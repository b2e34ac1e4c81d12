// Name keys: strings that two spellings of one person's name share, so the
// resolve stage can block candidate aliases cheaply before scoring them.
//
// Latin names: lower case, diacritics stripped (ICU Latin-ASCII), honorifics
// and titles dropped, Arabic article variants (al-/el-/ul-/ad-/as-/at-/ash-…)
// unified, Abdel/Abdul/Abd al- made one "abd-al" compound, and each word
// reduced to a consonant skeleton tuned for Arabic-origin names (q/gh/k,
// vowels, w/v, ph/f, doubled letters, final h), so Qassem/Qasim/Ghasem and
// Soleimani/Suleimani get equal keys. A key is for blocking and equality
// tests only: it is lossy by design and never shown as a name.
//
// Arabic-script names: text::FoldForSearch, honorifics dropped, the article
// ال removed where it begins a word of at least two more letters.
//
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace leakgraph::resolve {

// Returns `name` lower-cased, ASCII-only, with honorifics and titles dropped,
// the article written "al-" and joined to the next word, and Abdel/Abdul/
// Abd al- written "abd-al-" joined to the next word. Words are separated by
// one space. Example: "Gen. Qassem el-Soleimani" -> "qassem al-soleimani".
std::string NormalizeLatinName(std::string_view name);

// Returns the consonant skeleton of one lower-case ASCII word (see file
// comment). Example: "qassem", "qasim", "ghasem" -> "ksm".
std::string ConsonantSkeleton(std::string_view word);

// Returns the blocking key of a Latin-script name: the words of
// NormalizeLatinName, the article dropped, each word skeletonised, joined by
// spaces; "abd-al-" stays as a prefix of its word. Example: "Abdul Rahman"
// and "Abd al-Rahman" -> "abd-al-rmn".
std::string LatinNameKey(std::string_view name);

// Returns the key of an Arabic-script name (see file comment).
std::string ArabicNameKey(std::string_view name);

// Returns ArabicNameKey or LatinNameKey according to the script of `name`.
std::string NameKey(std::string_view name);

}  // namespace leakgraph::resolve
