// ICU transliteration to lower-case ASCII, shared by the name keys and the
// transliteration baseline. Each thread keeps its own ICU transliterators
// (they are not safe to share), so the functions are thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace leakgraph::resolve {

// Returns `utf8` through ICU "Latin-ASCII; Lower": diacritics stripped
// (é -> e, ć -> c, ı -> i), letters lower-cased; other scripts unchanged.
std::string LatinToAsciiLower(std::string_view utf8);

// Returns `utf8` through ICU "Any-Latin; Latin-ASCII; Lower": the baseline
// romanisation of Arabic-script names.
std::string AnyToLatinAsciiLower(std::string_view utf8);

}  // namespace leakgraph::resolve
