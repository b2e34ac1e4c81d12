#include "ner/clusters.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>

#include "ner/word_features.h"

namespace leakgraph::ner {

namespace {

uint32_t Fingerprint(uint64_t hash) { return uint32_t(hash >> 32) ^ uint32_t(hash); }

constexpr uint64_t kMaxEntries = uint64_t(1) << 24;
constexpr int kMaxPathBits = 24;

template <typename T>
void WritePod(std::ostream& out, const T& value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <typename T>
bool ReadPod(std::istream& in, T& value) {
  return static_cast<bool>(in.read(reinterpret_cast<char*>(&value), sizeof(T)));
}

using Vec = std::vector<float>;

float Dot(const float* a, const float* b, int d) {
  float s = 0;
  for (int j = 0; j < d; ++j) s += a[j] * b[j];
  return s;
}

void Normalise(float* a, int d) {
  const float n = std::sqrt(Dot(a, a, d));
  if (n > 0)
    for (int j = 0; j < d; ++j) a[j] /= n;
}

// Divisive clustering of the unit vectors `x` (n × d, row-major).
class TreeBuilder {
 public:
  TreeBuilder(const std::vector<float>& x, int d, const ClusterOptions& options,
              std::vector<ClusterPath>& paths)
      : x_(x), d_(d), options_(options), paths_(paths) {}

  // `members` in increasing index (= decreasing frequency) order.
  void Split(std::vector<uint32_t> members, ClusterPath path) {
    if (path.length >= options_.max_depth || members.size() < size_t(std::max(2, options_.min_node_words))) {
      for (uint32_t i : members) paths_[i] = path;
      return;
    }
    const size_t n = members.size();
    const size_t dd = static_cast<size_t>(d_);
    Vec mean(dd, 0.0f);
    for (uint32_t i : members)
      for (int j = 0; j < d_; ++j) mean[size_t(j)] += Row(i)[j];
    for (float& m : mean) m /= float(n);
    // Principal direction of the centred vectors, by power iteration from a
    // fixed start.
    Vec u(dd), next(dd);
    for (int j = 0; j < d_; ++j) u[size_t(j)] = (j % 3 == 0 ? 1.0f : -0.5f) + 0.01f * float(j);
    Normalise(u.data(), d_);
    
    for (int iter = 0; iter < 8; ++iter) {
      std::fill(next.begin(), next.end(), 0.0f);
      for (uint32_t i : members) {
        const float* r = Row(i);
        float p = 0;
        for (int j = 0; j < d_; ++j) p += (r[j] - mean[size_t(j)]) * u[size_t(j)];
        for (int j = 0; j < d_; ++j) next[size_t(j)] += p * (r[j] - mean[size_t(j)]);
      }
      Normalise(next.data(), d_);
      u.swap(next);
    }
    std::vector<uint8_t> side(n);
    for (size_t k = 0; k < n; ++k) {
      const float* r = Row(members[k]);
      float p = 0;
      for (int j = 0; j < d_; ++j) p += (r[j] - mean[size_t(j)]) * u[size_t(j)];
      side[k] = p > 0 ? 1 : 0;
    }
    // Spherical 2-means refinement.
    Vec c0(dd), c1(dd);
    for (int iter = 0; iter < 4; ++iter) {
      std::fill(c0.begin(), c0.end(), 0.0f);
      std::fill(c1.begin(), c1.end(), 0.0f);
      size_t n1 = 0;
      for (size_t k = 0; k < n; ++k) {
        Vec& c = side[k] ? c1 : c0;
        n1 += side[k];
        const float* r = Row(members[k]);
        for (int j = 0; j < d_; ++j) c[size_t(j)] += r[j];
      }
      if (n1 == 0 || n1 == n) break;
      Normalise(c0.data(), d_);
      Normalise(c1.data(), d_);
      bool changed = false;
      for (size_t k = 0; k < n; ++k) {
        const float* r = Row(members[k]);
        const uint8_t s = Dot(r, c1.data(), d_) > Dot(r, c0.data(), d_) ? 1 : 0;
        changed = changed || s != side[k];
        side[k] = s;
      }
      if (!changed) break;
    }
    std::vector<uint32_t> zero, one;
    for (size_t k = 0; k < n; ++k) (side[k] ? one : zero).push_back(members[k]);
    if (zero.empty() || one.empty()) {
      for (uint32_t i : members) paths_[i] = path;
      return;
    }
    // The side holding the most frequent word is 0.
    if (one.front() < zero.front()) zero.swap(one);
    members.clear();
    members.shrink_to_fit();
    ClusterPath left{path.bits << 1, uint8_t(path.length + 1)};
    ClusterPath right{(path.bits << 1) | 1, uint8_t(path.length + 1)};
    Split(std::move(zero), left);
    Split(std::move(one), right);
  }

 private:
  const float* Row(uint32_t i) const { return x_.data() + size_t(i) * size_t(d_); }
  const std::vector<float>& x_;
  int d_;
  const ClusterOptions& options_;
  std::vector<ClusterPath>& paths_;
};

}  // namespace

ClusterBuilder::ClusterBuilder(ClusterOptions options) : options_(options) {
  options_.max_depth = std::clamp(options_.max_depth, 1, kMaxPathBits);
  options_.dimensions = std::clamp(options_.dimensions, 2, 1024);
  options_.context_words = std::clamp(options_.context_words, 1, 100000);
  options_.max_words = std::clamp(options_.max_words, 1, 1 << 20);
}

void ClusterBuilder::AddSentence(const std::vector<std::string_view>& words) {
  std::vector<uint32_t> ids;
  ids.reserve(words.size());
  for (std::string_view w : words) {
    FoldWord(w, folded_);
    if (folded_.empty()) continue;
    auto [it, inserted] = ids_.try_emplace(folded_, uint32_t(words_.size()));
    if (inserted) {
      words_.push_back(folded_);
      counts_.push_back(0);
    }
    ++counts_[it->second];
    ids.push_back(it->second);
  }
  tokens_ += ids.size();
  if (!ids.empty()) sentences_.push_back(std::move(ids));
}

std::vector<ClusterBuilder::Entry> ClusterBuilder::Build() const {
  std::vector<uint32_t> by_count(words_.size());
  std::iota(by_count.begin(), by_count.end(), 0u);
  std::sort(by_count.begin(), by_count.end(), [&](uint32_t a, uint32_t b) {
    return counts_[a] != counts_[b] ? counts_[a] > counts_[b] : words_[a] < words_[b];
  });
  const uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> vocab_index(words_.size(), kNone), context_index(words_.size(), kNone);
  std::vector<uint32_t> vocab;
  for (uint32_t id : by_count) {
    if (vocab.size() >= size_t(options_.max_words) || counts_[id] < uint64_t(std::max(1, options_.min_count)))
      break;
    vocab_index[id] = uint32_t(vocab.size());
    vocab.push_back(id);
  }
  const uint32_t k = uint32_t(std::min<size_t>(size_t(options_.context_words), by_count.size()));
  for (uint32_t c = 0; c < k; ++c) context_index[by_count[c]] = c;
  const uint32_t per_position = k + 2;  // + sentence start, sentence end
  const uint32_t dims = 4 * per_position;
  std::vector<Entry> entries;
  if (vocab.empty()) return entries;

  // Sparse (word, context) counts: keys word * dims + dim, sorted, with counts.
  std::vector<uint64_t> keys;
  std::vector<uint32_t> values;
  std::vector<uint64_t> buffer;
  auto flush = [&] {
    std::sort(buffer.begin(), buffer.end());
    std::vector<uint64_t> merged_keys;
    std::vector<uint32_t> merged_values;
    merged_keys.reserve(keys.size() + buffer.size() / 2);
    merged_values.reserve(keys.size() + buffer.size() / 2);
    size_t a = 0, b = 0;
    while (a < keys.size() || b < buffer.size()) {
      uint64_t key;
      uint32_t count = 0;
      if (b >= buffer.size() || (a < keys.size() && keys[a] <= buffer[b])) {
        key = keys[a];
        count = values[a++];
      } else {
        key = buffer[b];
      }
      while (b < buffer.size() && buffer[b] == key) {
        ++count;
        ++b;
      }
      merged_keys.push_back(key);
      merged_values.push_back(count);
    }
    keys.swap(merged_keys);
    values.swap(merged_values);
    buffer.clear();
  };
  buffer.reserve(1 << 22);
  for (const auto& sentence : sentences_) {
    const ptrdiff_t n = ptrdiff_t(sentence.size());
    for (ptrdiff_t i = 0; i < n; ++i) {
      const uint32_t v = vocab_index[sentence[size_t(i)]];
      if (v == kNone) continue;
      const ptrdiff_t offsets[4] = {-2, -1, 1, 2};
      for (int p = 0; p < 4; ++p) {
        const ptrdiff_t j = i + offsets[p];
        const uint32_t c = j < 0 ? k : j >= n ? k + 1 : context_index[sentence[size_t(j)]];
        if (c == kNone) continue;
        buffer.push_back(uint64_t(v) * dims + uint64_t(p) * per_position + c);
        if (buffer.size() == buffer.capacity()) flush();
      }
    }
  }
  flush();

  // Hellinger vectors, randomly projected.
  const int d = options_.dimensions;
  std::vector<float> signs(size_t(dims) * size_t(d));
  for (uint32_t dim = 0; dim < dims; ++dim)
    for (int j = 0; j < d; ++j)
      signs[size_t(dim) * size_t(d) + size_t(j)] = (MixHash(dim, uint64_t(j)) & 1) ? 1.0f : -1.0f;
  std::vector<float> x(vocab.size() * size_t(d), 0.0f);
  for (size_t e = 0; e < keys.size(); ++e) {
    const size_t v = size_t(keys[e] / dims);
    const uint32_t dim = uint32_t(keys[e] % dims);
    const float weight = std::sqrt(float(values[e]) / float(counts_[vocab[v]]));
    float* row = x.data() + v * size_t(d);
    const float* s = signs.data() + size_t(dim) * size_t(d);
    for (int j = 0; j < d; ++j) row[j] += weight * s[j];
  }
  keys.clear();
  keys.shrink_to_fit();
  values.clear();
  values.shrink_to_fit();
  for (size_t v = 0; v < vocab.size(); ++v) Normalise(x.data() + v * size_t(d), d);

  std::vector<ClusterPath> paths(vocab.size());
  std::vector<uint32_t> all(vocab.size());
  std::iota(all.begin(), all.end(), 0u);
  TreeBuilder(x, d, options_, paths).Split(std::move(all), ClusterPath{});
  entries.reserve(vocab.size());
  for (size_t v = 0; v < vocab.size(); ++v) entries.push_back({words_[vocab[v]], counts_[vocab[v]], paths[v]});
  return entries;
}

void WordClusters::Add(uint64_t folded_word, ClusterPath path) {
  keys_.push_back(Fingerprint(folded_word));
  values_.push_back(path);
  sorted_ = false;
}

void WordClusters::AddWord(std::string_view word, ClusterPath path) {
  std::string folded;
  FoldWord(word, folded);
  if (!folded.empty()) Add(HashBytes(folded), path);
}

void WordClusters::Sort() const {
  if (sorted_) return;
  std::vector<size_t> order(keys_.size());
  std::iota(order.begin(), order.end(), size_t(0));
  // Stable: of two words with the same fingerprint the first added wins.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keys_[a] < keys_[b]; });
  std::vector<uint32_t> keys;
  std::vector<ClusterPath> values;
  for (size_t i : order) {
    if (!keys.empty() && keys.back() == keys_[i]) continue;
    keys.push_back(keys_[i]);
    values.push_back(values_[i]);
  }
  keys_.swap(keys);
  values_.swap(values);
  sorted_ = true;
}

size_t WordClusters::size() const {
  Sort();
  return keys_.size();
}

const ClusterPath* WordClusters::Find(uint64_t folded_word) const {
  Sort();
  const uint32_t key = Fingerprint(folded_word);
  auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
  if (it == keys_.end() || *it != key) return nullptr;
  return &values_[size_t(it - keys_.begin())];
}

void WordClusters::Write(std::ostream& out) const {
  Sort();
  WritePod(out, uint64_t(keys_.size()));
  for (size_t i = 0; i < keys_.size(); ++i) {
    WritePod(out, keys_[i]);
    WritePod(out, values_[i].bits);
    WritePod(out, values_[i].length);
  }
}

Status WordClusters::Read(std::istream& in) {
  *this = WordClusters();
  uint64_t count = 0;
  if (!ReadPod(in, count) || count > kMaxEntries) return Status::Corrupt("clusters: bad entry count");
  keys_.resize(size_t(count));
  values_.resize(size_t(count));
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (!ReadPod(in, keys_[i]) || !ReadPod(in, values_[i].bits) || !ReadPod(in, values_[i].length))
      return Status::Corrupt("clusters: truncated");
    if (values_[i].length > kMaxPathBits || (values_[i].bits >> values_[i].length) != 0)
      return Status::Corrupt("clusters: bad path");
    if (i > 0 && keys_[i - 1] >= keys_[i]) return Status::Corrupt("clusters: not sorted");
  }
  return Status::Ok();
}

Result<WordClusters> ReadClusterFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open cluster file");
  WordClusters clusters;
  std::string line;
  size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const size_t tab = line.find('\t');
    auto bad = [&](const std::string& why) {
      return Status::InvalidInput(path + ":" + std::to_string(line_number) + ": " + why);
    };
    if (tab == std::string::npos) return bad("expected PATH<TAB>WORD");
    const std::string bits = line.substr(0, tab);
    if (bits.size() > size_t(kMaxPathBits) || bits.find_first_not_of("01") != std::string::npos)
      return bad("the path must be at most 24 characters 0 or 1");
    ClusterPath p;
    for (char c : bits) p.bits = (p.bits << 1) | uint32_t(c == '1');
    p.length = uint8_t(bits.size());
    const size_t tab2 = line.find('\t', tab + 1);
    const std::string word = line.substr(tab + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab - 1);
    if (word.empty()) return bad("empty word");
    clusters.AddWord(word, p);
  }
  clusters.size();
  return clusters;
}

Status WriteClusterFile(const std::string& path, const std::vector<ClusterBuilder::Entry>& entries) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IoError(path + ": cannot open for writing");
  for (const auto& e : entries) {
    std::string bits;
    for (int i = e.path.length - 1; i >= 0; --i) bits.push_back((e.path.bits >> i) & 1 ? '1' : '0');
    out << bits << '\t' << e.word << '\t' << e.count << '\n';
  }
  out.flush();
  if (!out) return Status::IoError(path + ": write failed");
  return Status::Ok();
}

WordClusters ToWordClusters(const std::vector<ClusterBuilder::Entry>& entries) {
  WordClusters clusters;
  for (const auto& e : entries) clusters.Add(HashBytes(e.word), e.path);
  clusters.size();
  return clusters;
}

}  // namespace leakgraph::ner
