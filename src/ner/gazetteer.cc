#include "ner/gazetteer.h"

#include <algorithm>
#include <istream>
#include <unordered_map>
#include <ostream>

#include "ner/word_features.h"
#include "text/tokenize.h"

namespace leakgraph::ner {

namespace {

// Keys of the three kinds of entry never collide by construction of the seeds.
uint64_t SequenceKey(uint64_t previous, uint64_t word) { return MixHash(previous, word) | 1; }
constexpr uint64_t kSequenceSeed = 0x243F6A8885A308D3ULL;
uint64_t WordKey(uint64_t word) { return MixHash(0x13198A2E03707344ULL, word) | 1; }

uint32_t Fingerprint(uint64_t hash) { return uint32_t(hash >> 32) ^ uint32_t(hash); }

constexpr uint64_t kMaxTableEntries = uint64_t(1) << 24;

template <typename T>
void WritePod(std::ostream& out, const T& value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <typename T>
bool ReadPod(std::istream& in, T& value) {
  return static_cast<bool>(in.read(reinterpret_cast<char*>(&value), sizeof(T)));
}

}  // namespace

uint16_t Gazetteer::Lookup(uint64_t key) const {
  if (keys_.empty()) return 0;
  const size_t mask = keys_.size() - 1;
  for (size_t i = (key >> 7) & mask;; i = (i + 1) & mask) {
    if (keys_[i] == key) return bits_[i];
    if (keys_[i] == 0) return 0;
  }
}

void Gazetteer::Grow() {
  std::vector<uint64_t> old_keys = std::move(keys_);
  std::vector<uint16_t> old_bits = std::move(bits_);
  keys_.assign(old_keys.empty() ? 1024 : old_keys.size() * 2, 0);
  bits_.assign(keys_.size(), 0);
  used_ = 0;
  for (size_t i = 0; i < old_keys.size(); ++i)
    if (old_keys[i] != 0) Insert(old_keys[i], old_bits[i]);
}

void Gazetteer::Insert(uint64_t key, uint16_t bits) {
  if ((used_ + 1) * 2 > keys_.size()) Grow();
  const size_t mask = keys_.size() - 1;
  for (size_t i = (key >> 7) & mask;; i = (i + 1) & mask) {
    if (keys_[i] == key) {
      bits_[i] |= bits;
      return;
    }
    if (keys_[i] == 0) {
      keys_[i] = key;
      bits_[i] = bits;
      ++used_;
      return;
    }
  }
}

void Gazetteer::Add(const std::vector<uint64_t>& folded_words, EntityType type) {
  if (folded_words.empty() || folded_words.size() > kMaxNameWords) return;
  const int t = static_cast<int>(type);
  uint64_t key = kSequenceSeed;
  for (size_t i = 0; i < folded_words.size(); ++i) {
    key = SequenceKey(key, folded_words[i]);
    Insert(key, i + 1 == folded_words.size() ? GazetteerBegin(t) : kPrefixBit);
    Insert(WordKey(folded_words[i]), GazetteerWord(t));
  }
}

void Gazetteer::AddName(std::string_view name, EntityType type) {
  std::vector<uint64_t> words;
  std::string folded;
  for (const auto& token : text::Tokenize(name)) {
    FoldWord(token.text, folded);
    words.push_back(HashBytes(folded));
  }
  Add(words, type);
}

void Gazetteer::Match(const std::vector<uint64_t>& folded, const std::vector<uint64_t>& stripped,
                      std::vector<uint16_t>& out) const {
  const size_t n = folded.size();
  out.assign(n, 0);
  if (used_ == 0) return;
  for (size_t i = 0; i < n; ++i) {
    out[i] |= Lookup(WordKey(folded[i])) & 0x0F00;
    for (int variant = 0; variant < 2; ++variant) {
      const uint64_t first = variant == 0 ? folded[i] : stripped[i];
      if (variant == 1 && first == folded[i]) break;
      uint64_t key = kSequenceSeed;
      for (size_t j = i; j < n && j - i < kMaxNameWords; ++j) {
        key = SequenceKey(key, j == i ? first : folded[j]);
        const uint16_t bits = Lookup(key);
        if (bits & 0x000F) {
          out[i] |= bits & 0x000F;
          for (size_t k = i + 1; k <= j; ++k) out[k] |= uint16_t((bits & 0x000F) << 4);
        }
        if (!(bits & kPrefixBit)) break;
      }
    }
  }
}

void Gazetteer::Write(std::ostream& out) const {
  const uint64_t count = used_;
  out.write(reinterpret_cast<const char*>(&count), sizeof(count));
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == 0) continue;
    out.write(reinterpret_cast<const char*>(&keys_[i]), sizeof(uint64_t));
    out.write(reinterpret_cast<const char*>(&bits_[i]), sizeof(uint16_t));
  }
}

Status Gazetteer::Read(std::istream& in) {
  *this = Gazetteer();
  uint64_t count = 0;
  if (!in.read(reinterpret_cast<char*>(&count), sizeof(count)) || count > (uint64_t(1) << 26))
    return Status::Corrupt("gazetteer: bad entry count");
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t key = 0;
    uint16_t bits = 0;
    if (!in.read(reinterpret_cast<char*>(&key), sizeof(key)) ||
        !in.read(reinterpret_cast<char*>(&bits), sizeof(bits)))
      return Status::Corrupt("gazetteer: truncated");
    if (key == 0) return Status::Corrupt("gazetteer: zero key");
    Insert(key, bits);
  }
  return Status::Ok();
}

void WordSet::Add(uint64_t folded_word) {
  fingerprints_.push_back(Fingerprint(folded_word));
  sorted_ = false;
}

void WordSet::AddWord(std::string_view word) {
  std::string folded;
  FoldWord(word, folded);
  if (!folded.empty()) Add(HashBytes(folded));
}

const std::vector<uint32_t>& WordSet::Sorted() const {
  if (!sorted_) {
    std::sort(fingerprints_.begin(), fingerprints_.end());
    fingerprints_.erase(std::unique(fingerprints_.begin(), fingerprints_.end()), fingerprints_.end());
    sorted_ = true;
  }
  return fingerprints_;
}

bool WordSet::Contains(uint64_t folded_word) const {
  const std::vector<uint32_t>& v = Sorted();
  return std::binary_search(v.begin(), v.end(), Fingerprint(folded_word));
}

void WordSet::Write(std::ostream& out) const {
  const std::vector<uint32_t>& v = Sorted();
  WritePod(out, uint64_t(v.size()));
  out.write(reinterpret_cast<const char*>(v.data()), std::streamsize(v.size() * sizeof(uint32_t)));
}

Status WordSet::Read(std::istream& in) {
  *this = WordSet();
  uint64_t count = 0;
  if (!ReadPod(in, count) || count > kMaxTableEntries) return Status::Corrupt("lexicon: bad entry count");
  fingerprints_.resize(size_t(count));
  if (!in.read(reinterpret_cast<char*>(fingerprints_.data()), std::streamsize(count * sizeof(uint32_t))))
    return Status::Corrupt("lexicon: truncated");
  for (size_t i = 1; i < fingerprints_.size(); ++i)
    if (fingerprints_[i - 1] >= fingerprints_[i]) return Status::Corrupt("lexicon: not sorted");
  return Status::Ok();
}

void WordSignatures::Build(const std::vector<std::vector<uint64_t>>& sentences, int min_count) {
  std::unordered_map<uint32_t, std::unordered_map<uint32_t, int>> left, right;
  std::unordered_map<uint32_t, int> count;
  for (const auto& words : sentences) {
    for (size_t i = 0; i < words.size(); ++i) {
      const uint32_t w = Fingerprint(words[i]);
      ++count[w];
      ++left[w][i > 0 ? Fingerprint(words[i - 1]) : 1u];
      ++right[w][i + 1 < words.size() ? Fingerprint(words[i + 1]) : 2u];
    }
  }
  auto most_frequent = [](const std::unordered_map<uint32_t, int>& m) {
    uint32_t best = 0;
    int best_count = -1;
    for (const auto& [k, c] : m)
      if (c > best_count || (c == best_count && k < best)) {
        best = k;
        best_count = c;
      }
    return best;
  };
  std::vector<std::pair<uint32_t, Signature>> entries;
  for (const auto& [w, c] : count)
    if (c >= std::max(1, min_count)) entries.push_back({w, {most_frequent(left[w]), most_frequent(right[w])}});
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  keys_.clear();
  values_.clear();
  for (const auto& [k, v] : entries) {
    keys_.push_back(k);
    values_.push_back(v);
  }
}

const WordSignatures::Signature* WordSignatures::Find(uint64_t folded_word) const {
  const uint32_t key = Fingerprint(folded_word);
  auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
  if (it == keys_.end() || *it != key) return nullptr;
  return &values_[size_t(it - keys_.begin())];
}

void WordSignatures::Write(std::ostream& out) const {
  WritePod(out, uint64_t(keys_.size()));
  for (size_t i = 0; i < keys_.size(); ++i) {
    WritePod(out, keys_[i]);
    WritePod(out, values_[i].left);
    WritePod(out, values_[i].right);
  }
}

Status WordSignatures::Read(std::istream& in) {
  *this = WordSignatures();
  uint64_t count = 0;
  if (!ReadPod(in, count) || count > kMaxTableEntries) return Status::Corrupt("signatures: bad entry count");
  keys_.resize(size_t(count));
  values_.resize(size_t(count));
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (!ReadPod(in, keys_[i]) || !ReadPod(in, values_[i].left) || !ReadPod(in, values_[i].right))
      return Status::Corrupt("signatures: truncated");
    if (i > 0 && keys_[i - 1] >= keys_[i]) return Status::Corrupt("signatures: not sorted");
  }
  return Status::Ok();
}

}  // namespace leakgraph::ner
