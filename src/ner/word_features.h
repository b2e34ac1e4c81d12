// String-level properties of one word that the NER model turns into hashed
// features: the folded form (case and Arabic/Persian spelling variants
// merged), word shapes, affixes, the form without Arabic proclitics
// (و ب ل ك ف ال and their combinations), that form without a Persian/Arabic
// inflectional suffix (ها های ان ات ی ای یی ة ية ين ون) and a few flags. Everything is
// reduced to 64-bit hashes so that feature extraction allocates nothing per
// feature. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace leakgraph::ner {

// FNV-1a of the bytes, never 0 (0 marks "absent" in WordKeys).
uint64_t HashBytes(std::string_view bytes);

// A strong 64-bit mix (splitmix64 finaliser); combines hashes.
inline uint64_t MixHash(uint64_t a, uint64_t b) {
  uint64_t z = a * 0x9E3779B97F4A7C15ULL + b + 0x632BE59BD9B4E019ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Folds a word for matching: lower case; Arabic-script tatweel, harakat,
// joiners and direction marks removed; alef forms to ا; ى ي ی to ي; ک to ك;
// Arabic-Indic and Persian digits to ASCII. Writes into `out` (reused).
void FoldWord(std::string_view word, std::string& out);
std::string FoldWord(std::string_view word);

enum WordFlag : uint8_t {
  kCapitalized = 1,   // first letter is upper case
  kAllCaps = 2,       // two or more letters, all upper case
  kHasDigit = 4,
  kPunctuation = 8,   // no letter and no digit
  kArabicScript = 16,
};

struct WordKeys {
  uint64_t word = 0;         // exact bytes
  uint64_t folded = 0;       // FoldWord
  uint64_t shape = 0;        // Xxxx-style shape of up to 10 characters
  uint64_t short_shape = 0;  // shape with repeats collapsed ("Xx", "d.d")
  uint64_t prefix[4] = {};   // first 1..4 characters of the folded form, 0 if shorter
  uint64_t suffix[4] = {};   // last 1..4 characters of the folded form, 0 if shorter
  uint64_t stripped = 0;     // folded form without Arabic proclitics (== folded if none)
  uint64_t clitic = 0;       // the stripped proclitics, 0 if none
  uint64_t stem = 0;         // `stripped` without one inflectional suffix (== stripped if none)
  uint8_t flags = 0;         // WordFlag bits
};

// Reusable buffers so that ComputeWordKeys does not allocate in steady state.
struct WordScratch {
  std::string folded;
  std::vector<uint32_t> boundaries;  // byte offset of each code point in `folded`, plus the end
};

void ComputeWordKeys(std::string_view word, WordScratch& scratch, WordKeys& out);

}  // namespace leakgraph::ner
