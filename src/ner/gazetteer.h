// Word lists compiled for the NER model, all keyed by the hashes of folded
// words (see word_features.h) and saved inside the model file:
//  - Gazetteer: multi-word names, looked up in a sentence in O(tokens ×
//    longest name). A name list is a feature, not a decision: the model
//    learns how far to trust it. A flat hash table of 64-bit keys.
//  - WordSet: a plain lexicon (e.g. a spelling dictionary: in a script
//    without capitals, "not a dictionary word" is what marks a foreign name).
//    Sorted 32-bit fingerprints.
//  - WordSignatures: for each frequent word of the training text, its most
//    frequent left and right neighbours: a cheap distributional class that
//    generalises a word's usual contexts to its other occurrences.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string_view>
#include <vector>

#include "leakgraph/status.h"
#include "ner/clusters.h"
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

// A set of folded words, as 32-bit fingerprints of their hashes (a false
// match rate of about size / 2^32 for an unknown word). Add() sorts lazily:
// after the last Add(), call size() once before sharing the set between
// threads; a set filled by Read() is ready as it is.
class WordSet {
 public:
  void Add(uint64_t folded_word);
  // Adds the folded form of `word` (UTF-8).
  void AddWord(std::string_view word);
  bool Contains(uint64_t folded_word) const;
  size_t size() const { return Sorted().size(); }
  bool empty() const { return fingerprints_.empty(); }

  void Write(std::ostream& out) const;
  [[nodiscard]] Status Read(std::istream& in);

 private:
  const std::vector<uint32_t>& Sorted() const;
  mutable std::vector<uint32_t> fingerprints_;  // sorted and unique once `sorted_`
  mutable bool sorted_ = true;
};

// Word → (most frequent left neighbour, most frequent right neighbour), all
// as folded-word hashes (fingerprinted to 32 bits; sentence boundaries are
// the values 1 and 2).
class WordSignatures {
 public:
  struct Signature {
    uint32_t left = 0;
    uint32_t right = 0;
  };
  // Counts the neighbours of every word in `sentences` (folded-word hashes)
  // and keeps the words seen at least `min_count` times.
  void Build(const std::vector<std::vector<uint64_t>>& sentences, int min_count);
  // nullptr when the word has no signature.
  const Signature* Find(uint64_t folded_word) const;
  size_t size() const { return keys_.size(); }
  bool empty() const { return keys_.empty(); }

  void Write(std::ostream& out) const;
  [[nodiscard]] Status Read(std::istream& in);

 private:
  std::vector<uint32_t> keys_;  // sorted, unique
  std::vector<Signature> values_;
};

// Everything besides the weights that feature extraction looks up.
struct WordTables {
  Gazetteer gazetteer;
  WordSet lexicon;            // empty: no lexicon features
  WordSignatures signatures;  // empty: no signature features
  WordClusters clusters;      // empty: no cluster features (clusters.h)
};

}  // namespace leakgraph::ner
