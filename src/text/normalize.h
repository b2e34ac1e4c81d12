// Orthographic normalisation for search: the same function runs at index time
// and at query time, so a word in one Arabic/Persian spelling variant finds the
// others.
//
// FoldForSearch applies, in order: NFC; removal of tatweel (U+0640), harakat
// and Quranic marks (U+064B-U+065F, U+0670, U+06D6-U+06ED), ZWNJ/ZWJ/ZWSP
// (U+200B-U+200D) and soft hyphen; alef forms (آ أ إ ٱ) to ا; Arabic yeh ي,
// Persian/Farsi yeh ی and alef maksura ى to ی (canonical yeh: Persian U+06CC);
// Arabic kaf ك and swash kaf ڪ to keheh ک (U+06A9); teh marbuta ة to ه; heh
// goal/ae forms and heh doachashmee ھ to ه;
// hamza seats ؤ→و, ئ→ی; Arabic-Indic (U+0660-9) and Persian (U+06F0-9) digits
// to ASCII digits; Latin text to lower case. It never changes the number of
// words in Latin text. Pure function, thread-safe.
//
// Also: other invisible controls (LRM/RLM U+200E-F, bidi embeddings and
// isolates, word joiner U+2060, BOM U+FEFF, Arabic letter mark U+061C) are
// removed; Arabic presentation forms (U+FB50-FDFF, U+FE70-FEFE, common in PDF
// text layers) become their base letters (NFKC), so the lam-alef ligature
// gives two letters; non-ASCII letters are lower-cased one code point at a
// time with ICU's simple mapping (u_tolower), like Xapian's own lowercasing.
// ICU is used only when the input has such letters; Arabic, Persian and
// ASCII text take a table-driven path.
//
// Invalid UTF-8 never crashes: each byte that does not start a valid
// sequence (stray continuation, overlong form, surrogate, truncated sequence)
// becomes U+FFFD, which word splitters treat as a separator.
#pragma once

#include <string>
#include <string_view>

namespace leakgraph::text {

// Returns the search form of `utf8` (see file comment). Invalid UTF-8 bytes
// become U+FFFD. Idempotent: FoldForSearch(FoldForSearch(x)) == FoldForSearch(x).
std::string FoldForSearch(std::string_view utf8);

// Returns the search form of a single word (as produced by a tokenizer). Same
// mapping as FoldForSearch; cheaper for short input.
std::string FoldWord(std::string_view word);

// Returns true iff `utf8` contains at least one Arabic-script letter.
bool HasArabicScript(std::string_view utf8);

// Returns `s` with every run of ASCII whitespace (space, tab, CR, LF, FF)
// made one space, and none at either end.
std::string CollapseWhitespace(std::string_view s);

}  // namespace leakgraph::text
