// Name lists compiled for the NER model: multi-word names keyed by the hashes
// of their folded words (see word_features.h), looked up in a sentence in
// O(tokens × longest name). A name list is a feature, not a decision: the
// model learns how far to trust it. The compiled form is a flat hash table
// of 64-bit keys, saved inside the model file.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string_view>
#include <vector>

#include "leakgraph/status.h"
#include "ner/entity.h"

namespace leakgraph::ner {

// Per-token match bits, for type t in 0..3 (EntityType):
inline constexpr uint16_t GazetteerBegin(int t) { return uint16_t(1u << t); }        // a name starts here
inline constexpr uint16_t GazetteerInside(int t) { return uint16_t(1u << (4 + t)); } // inside, not first
inline constexpr uint16_t GazetteerWord(int t) { return uint16_t(1u << (8 + t)); }   // a word of a name

class Gazetteer {
 public:
  static constexpr size_t kMaxNameWords = 8;

  // Adds a name given as the folded-word hashes of its words (WordKeys::folded).
  // Names with no words or more than kMaxNameWords words are ignored.
  void Add(const std::vector<uint64_t>& folded_words, EntityType type);
  // Tokenises and folds `name` (UTF-8) and adds it.
  void AddName(std::string_view name, EntityType type);

  // Sets out[i] to the match bits of token i. `stripped[i]` (the clitic-free
  // form) is tried as an alternative for the first word of a name.
  // REQUIRES: folded.size() == stripped.size().
  void Match(const std::vector<uint64_t>& folded, const std::vector<uint64_t>& stripped,
             std::vector<uint16_t>& out) const;

  size_t size() const { return used_; }

  void Write(std::ostream& out) const;
  // Reads what Write wrote; Corrupt on a truncated or inconsistent stream.
  [[nodiscard]] Status Read(std::istream& in);

 private:
  static constexpr uint16_t kPrefixBit = 0x8000;  // the key is a proper prefix of a name
  uint16_t Lookup(uint64_t key) const;
  void Insert(uint64_t key, uint16_t bits);
  void Grow();

  std::vector<uint64_t> keys_;  // open addressing, 0 = empty; size a power of two
  std::vector<uint16_t> bits_;
  size_t used_ = 0;
};

}  // namespace leakgraph::ner
