// Word clusters learned from unlabelled text, for the NER model's cluster
// features (features.h): words that occur in similar contexts share a
// cluster, so a name seen once in training generalises to the names that
// the unlabelled text uses the same way ("Fiat" ~ "Renault").
//
// Like Brown clusters, each word gets a bit-string path in a binary tree and
// the model uses prefixes of several lengths (coarse to fine classes). The
// tree is built by divisive clustering of distributional vectors, which is
// much faster than Brown's agglomerative merging:
//  1. the vocabulary is the `max_words` most frequent folded words seen at
//     least `min_count` times; the contexts are the `context_words` most
//     frequent words, at positions -2, -1, +1, +2 (sentence boundaries count
//     as context words);
//  2. each word's vector is the Hellinger transform (square root of the
//     context probability) of its context counts, randomly projected to
//     `dimensions` dimensions (deterministic signs) and L2-normalised;
//  3. the tree: each node's words are split in two by the sign of their
//     projection on the node's principal direction (power iteration), then
//     refined by spherical 2-means; bit 0/1 = the side; nodes stop splitting
//     at `max_depth` or below `min_node_words` words.
// Deterministic: the same sentences and options give the same paths.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "leakgraph/status.h"

namespace leakgraph::ner {

struct ClusterOptions {
  int max_words = 60000;
  int min_count = 3;
  int context_words = 800;
  int dimensions = 96;
  int max_depth = 16;
  int min_node_words = 4;
};

// A cluster path: `length` bits (0..max 24), bit i (from the root) at
// position length-1-i of `bits`.
struct ClusterPath {
  uint32_t bits = 0;
  uint8_t length = 0;
  // The first `n` bits as one value that also encodes n (distinct for every
  // (n, prefix)); the whole path when n >= length.
  uint32_t Prefix(int n) const {
    const int k = n < length ? n : length;
    return (uint32_t(1) << k) | (k == 0 ? 0 : bits >> (length - k));
  }
};

// Accumulates unlabelled text, then builds the tree. Memory: one entry per
// distinct (word, context) pair of the vocabulary.
class ClusterBuilder {
 public:
  explicit ClusterBuilder(ClusterOptions options = {});
  // Adds one sentence of words (raw UTF-8; folded here with FoldWord).
  void AddSentence(const std::vector<std::string_view>& words);
  size_t tokens() const { return tokens_; }

  struct Entry {
    std::string word;  // folded
    uint64_t count = 0;
    ClusterPath path;
  };
  // Builds the clusters (two passes over the stored sentences). Entries are
  // in decreasing frequency order.
  std::vector<Entry> Build() const;

 private:
  ClusterOptions options_;
  std::vector<std::vector<uint32_t>> sentences_;  // word ids
  std::vector<std::string> words_;                // id -> folded word
  std::vector<uint64_t> counts_;                  // id -> count
  std::unordered_map<std::string, uint32_t> ids_;  // folded word -> id
  std::string folded_;                             // scratch
  size_t tokens_ = 0;
};

// Folded word → cluster path, stored in the model file.
class WordClusters {
 public:
  // Adds a folded word (as its hash, WordKeys::folded) and its path.
  void Add(uint64_t folded_word, ClusterPath path);
  // Adds `word` (UTF-8, folded here).
  void AddWord(std::string_view word, ClusterPath path);
  // nullptr when the word has no cluster. Call size() once after the last Add()
  // before sharing between threads.
  const ClusterPath* Find(uint64_t folded_word) const;
  size_t size() const;
  bool empty() const { return keys_.empty(); }

  void Write(std::ostream& out) const;
  [[nodiscard]] Status Read(std::istream& in);

 private:
  void Sort() const;
  mutable std::vector<uint32_t> keys_;  // fingerprints, sorted and unique once sorted_
  mutable std::vector<ClusterPath> values_;
  mutable bool sorted_ = true;
};

// Reads a cluster file: one "PATH<TAB>WORD[<TAB>COUNT]" line per word (Brown
// clusters' output format; PATH a string of 0/1 of at most 24 characters).
// NotFound / InvalidInput naming the file and line.
[[nodiscard]] Result<WordClusters> ReadClusterFile(const std::string& path);
// Writes entries in the same format. IoError on failure.
[[nodiscard]] Status WriteClusterFile(const std::string& path,
                                      const std::vector<ClusterBuilder::Entry>& entries);
WordClusters ToWordClusters(const std::vector<ClusterBuilder::Entry>& entries);

}  // namespace leakgraph::ner
