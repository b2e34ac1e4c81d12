#include "resolve/transliteration.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "ner/model_path.h"
#include "resolve/latin_ascii.h"
#include "text/normalize.h"

namespace leakgraph::resolve {

namespace fs = std::filesystem;

namespace {

// Latin chunks of 0-3 letters a-z are numbered: "" 0, one letter 1..26, two
// letters 27..702, three letters 703..18278.
constexpr int kChunkCount = 1 + 26 + 26 * 26 + 26 * 26 * 26;
constexpr int kMaxChunk = 3;      // Latin letters per Arabic letter
constexpr int kMaxInsertion = 2;  // Latin letters with no Arabic letter
constexpr double kLogZero = -1e30;
constexpr char kMagic[] = "leakgraph-names-translit 1";

int ChunkIndex(const std::string& s, int begin, int len) {
  int index = 0;
  for (int t = 0; t < len; ++t) index = index * 26 + (s[begin + t] - 'a');
  static constexpr int kOffset[] = {0, 1, 27, 703};
  return kOffset[len] + index;
}

std::string LatinLetters(std::string_view name) {
  std::string out;
  for (char c : LatinToAsciiLower(name))
    if (c >= 'a' && c <= 'z') out += c;
  return out;
}

bool IsArabicLetter(char32_t c) {
  return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D5) || (c >= 0x06FA && c <= 0x06FF);
}

// Decodes the Arabic-script letters of the folded name (valid UTF-8: FoldForSearch output).
std::u32string ArabicLetters(std::string_view name) {
  const std::string folded = text::FoldForSearch(name);
  std::u32string out;
  for (size_t i = 0; i < folded.size();) {
    const unsigned char c = static_cast<unsigned char>(folded[i]);
    char32_t cp = c;
    int len = 1;
    if (c >= 0xF0) {
      cp = c & 0x07;
      len = 4;
    } else if (c >= 0xE0) {
      cp = c & 0x0F;
      len = 3;
    } else if (c >= 0xC0) {
      cp = c & 0x1F;
      len = 2;
    }
    for (int t = 1; t < len && i + t < folded.size(); ++t)
      cp = (cp << 6) | (static_cast<unsigned char>(folded[i + t]) & 0x3F);
    i += len;
    if (IsArabicLetter(cp)) out += cp;
  }
  return out;
}

std::string EncodeUtf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80)
      out += static_cast<char>(c);
    else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// Position class of letter i of n: 0 initial (or only), 1 medial, 2 final.
int LetterPosition(size_t i, size_t n) {
  return i == 0 ? 0 : (i + 1 == n ? 2 : 1);
}
// Position class of Latin letters inserted after i of n Arabic letters.
int InsertionPosition(size_t i, size_t n) {
  return i == 0 ? 0 : (i == n ? 2 : 1);
}

// Sum over monotone alignments. `letter(i, j, k)` is the probability that
// Arabic letter i (0-based) pairs with the k Latin letters ending at j;
// `insertion(i, j, k)` that k Latin letters ending at j pair with nothing
// after i Arabic letters. Fills f ((n+1) x (m+1)) and returns f[n][m].
template <typename Letter, typename Insertion>
double Forward(size_t n, int m, Letter letter, Insertion insertion, std::vector<double>& f) {
  const size_t w = static_cast<size_t>(m) + 1;
  f.assign((n + 1) * w, 0.0);
  f[0] = 1.0;
  for (size_t i = 0; i <= n; ++i) {
    for (int j = 0; j <= m; ++j) {
      if (i == 0 && j == 0) continue;
      double v = 0;
      if (i > 0)
        for (int k = 0; k <= std::min(kMaxChunk, j); ++k) v += f[(i - 1) * w + j - k] * letter(i - 1, j, k);
      for (int k = 1; k <= std::min(kMaxInsertion, j); ++k) v += f[i * w + j - k] * insertion(i, j, k);
      f[i * w + j] = v;
    }
  }
  return f[n * w + m];
}

void PutU16(std::string& out, uint16_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>(v >> 8);
}
uint16_t GetU16(const unsigned char* p) {
  return static_cast<uint16_t>(p[0] | (p[1] << 8));
}

}  // namespace

int TransliterationModel::RowOf(char32_t letter, int position) const {
  size_t at = alphabet_.find(letter);
  if (at == std::u32string::npos) {
    // Persian letters are rare in the training pairs: borrow the row of the
    // Arabic letter they are built on (pe from beh, che from jeem, zhe from
    // zain, gaf from keheh).
    static constexpr std::pair<char32_t, char32_t> kBase[] = {
        {U'\u067E', U'\u0628'}, {U'\u0686', U'\u062C'}, {U'\u0698', U'\u0632'}, {U'\u06AF', U'\u06A9'}};
    for (const auto& [from, to] : kBase)
      if (letter == from) at = alphabet_.find(to);
  }
  const size_t id = at == std::u32string::npos ? alphabet_.size() + 1 : at + 1;
  return static_cast<int>(id) * 3 + position;
}

size_t TransliterationModel::unit_count() const {
  return units_.size();
}

void TransliterationModel::FinishTables() {
  rows_ = static_cast<int>(alphabet_.size() + 2) * 3;
  chunk_column_.assign(kChunkCount, 0);
  columns_ = 1;
  for (const Unit& u : units_)
    if (chunk_column_[u.chunk] == 0) chunk_column_[u.chunk] = static_cast<uint16_t>(columns_++);
  table_.assign(static_cast<size_t>(rows_) * columns_, floor_prob_);
  std::vector<double> row_mass(rows_, 0.0);
  column_mass_.assign(columns_, 0.0);
  for (const Unit& u : units_) {
    const int col = chunk_column_[u.chunk];
    table_[static_cast<size_t>(u.row) * columns_ + col] = u.prob;
    row_mass[u.row] += u.prob;
    column_mass_[col] += u.prob;
  }
  column_mass_[0] = floor_prob_ * rows_;
  row_log_mass_.resize(rows_);
  for (int r = 0; r < rows_; ++r) row_log_mass_[r] = std::log(std::max<double>(row_mass[r], floor_prob_));
}

PreparedLatin TransliterationModel::PrepareLatin(std::string_view name) const {
  const std::string s = LatinLetters(name);
  PreparedLatin p;
  p.length = static_cast<int>(s.size());
  p.column.assign((s.size() + 1) * 4, 0);
  for (int j = 0; j <= p.length; ++j)
    for (int k = 0; k <= std::min(kMaxChunk, j); ++k)
      p.column[j * 4 + k] = chunk_column_[ChunkIndex(s, j - k, k)];
  std::vector<double> g(s.size() + 1, 0.0);
  g[0] = 1.0;
  for (int j = 1; j <= p.length; ++j)
    for (int k = 1; k <= std::min(kMaxChunk, j); ++k) g[j] += g[j - k] * column_mass_[p.column[j * 4 + k]];
  p.log_marginal = g.back() > 0 ? std::log(g.back()) : kLogZero;
  return p;
}

PreparedArabic TransliterationModel::PrepareArabic(std::string_view name) const {
  const std::u32string letters = ArabicLetters(name);
  PreparedArabic p;
  for (size_t i = 0; i < letters.size(); ++i) {
    const int row = RowOf(letters[i], LetterPosition(i, letters.size()));
    p.row.push_back(static_cast<uint16_t>(row));
    p.log_marginal += row_log_mass_[row];
  }
  return p;
}

double TransliterationModel::LogJoint(const PreparedArabic& arabic, const PreparedLatin& latin) const {
  if (arabic.row.empty() || latin.length == 0) return kLogZero;
  const size_t n = arabic.row.size();
  const float* table = table_.data();
  const size_t cols = static_cast<size_t>(columns_);
  auto letter = [&](size_t i, int j, int k) {
    return static_cast<double>(table[arabic.row[i] * cols + latin.column[j * 4 + k]]);
  };
  auto insertion = [&](size_t i, int j, int k) {
    return static_cast<double>(table[InsertionPosition(i, n) * cols + latin.column[j * 4 + k]]);
  };
  thread_local std::vector<double> f;
  const double z = Forward(n, latin.length, letter, insertion, f);
  return z > 0 ? std::log(z) : kLogZero;
}

double TransliterationModel::ScoreArabicCandidate(const PreparedArabic& arabic,
                                                  const PreparedLatin& latin) const {
  return LogJoint(arabic, latin) - marginal_weight_ * arabic.log_marginal;
}

double TransliterationModel::ScoreLatinCandidate(const PreparedArabic& arabic,
                                                 const PreparedLatin& latin) const {
  return LogJoint(arabic, latin) - marginal_weight_ * latin.log_marginal;
}

Status TransliterationModel::Save(const fs::path& path) const {
  std::ostringstream header;
  header.precision(17);
  header << kMagic << "\nalphabet " << EncodeUtf8(alphabet_) << "\nfloor " << floor_prob_ << "\nweight "
         << marginal_weight_ << "\nunits " << units_.size() << "\n";
  std::string out = header.str();
  for (const Unit& u : units_) {
    PutU16(out, u.row);
    PutU16(out, u.chunk);
    uint32_t bits;
    std::memcpy(&bits, &u.prob, 4);
    PutU16(out, static_cast<uint16_t>(bits & 0xFFFF));
    PutU16(out, static_cast<uint16_t>(bits >> 16));
  }
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(out.data(), static_cast<std::streamsize>(out.size()));
  f.close();
  if (!f) return Status::IoError(path.string() + ": cannot write the transliteration model");
  return Status::Ok();
}

Result<TransliterationModel> TransliterationModel::Load(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::NotFound(path.string() + ": cannot open the transliteration model");
  std::string magic, word, alphabet;
  std::getline(f, magic);
  if (magic != kMagic) return Status::Corrupt(path.string() + ": not a leakgraph names model");
  TransliterationModel m;
  size_t count = 0;
  f >> word;
  f.get();
  std::getline(f, alphabet);
  f >> word >> m.floor_prob_ >> word >> m.marginal_weight_ >> word >> count;
  f.get();
  if (!f || count > 10'000'000) return Status::Corrupt(path.string() + ": bad model header");
  m.alphabet_ = ArabicLetters(alphabet);
  if (m.alphabet_.size() > 200) return Status::Corrupt(path.string() + ": alphabet too large");
  std::string bytes(count * 8, '\0');
  f.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (static_cast<size_t>(f.gcount()) != bytes.size()) return Status::Corrupt(path.string() + ": truncated");
  const int rows = static_cast<int>(m.alphabet_.size() + 2) * 3;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  for (size_t i = 0; i < count; ++i, p += 8) {
    Unit u;
    u.row = GetU16(p);
    u.chunk = GetU16(p + 2);
    const uint32_t bits = GetU16(p + 4) | (static_cast<uint32_t>(GetU16(p + 6)) << 16);
    std::memcpy(&u.prob, &bits, 4);
    if (u.row >= rows || u.chunk >= kChunkCount || !(u.prob > 0))
      return Status::Corrupt(path.string() + ": bad unit " + std::to_string(i));
    m.units_.push_back(u);
  }
  m.FinishTables();
  return m;
}

// EM over the training pairs with a dense table indexed by chunk number.
class TransliterationTrainer {
 public:
  static Result<TransliterationModel> Train(const std::vector<NamePair>& pairs,
                                            const TransliterationTrainingOptions& options);
};

Result<TransliterationModel> TransliterationTrainer::Train(const std::vector<NamePair>& pairs,
                                                           const TransliterationTrainingOptions& options) {
  struct Example {
    std::string latin;
    std::vector<int> rows;
  };
  // The alphabet: every Arabic-script letter seen at least 5 times.
  std::map<char32_t, int> letter_counts;
  std::vector<std::pair<std::string, std::u32string>> reduced;
  for (const NamePair& p : pairs) {
    std::string latin = LatinLetters(p.latin);
    std::u32string arabic = ArabicLetters(p.arabic);
    if (latin.empty() || arabic.empty() || latin.size() > 40 || arabic.size() > 30) continue;
    for (char32_t c : arabic) ++letter_counts[c];
    reduced.emplace_back(std::move(latin), std::move(arabic));
  }
  if (reduced.empty()) return Status::InvalidInput("no usable training pairs");
  TransliterationModel model;
  for (const auto& [c, n] : letter_counts)
    if (n >= 5) model.alphabet_ += c;
  const int rows = static_cast<int>(model.alphabet_.size() + 2) * 3;
  std::vector<Example> examples;
  for (auto& [latin, arabic] : reduced) {
    Example e{std::move(latin), {}};
    for (size_t i = 0; i < arabic.size(); ++i)
      e.rows.push_back(model.RowOf(arabic[i], LetterPosition(i, arabic.size())));
    examples.push_back(std::move(e));
  }
  // Start from a table where each Latin letter costs about the same.
  std::vector<double> prob(static_cast<size_t>(rows) * kChunkCount, 0.0);
  for (int r = 0; r < rows; ++r) {
    const bool insertion_row = r < 3;
    for (int len = insertion_row ? 1 : 0; len <= (insertion_row ? kMaxInsertion : kMaxChunk); ++len) {
      const int begin = len == 0 ? 0 : (len == 1 ? 1 : (len == 2 ? 27 : 703));
      const int size = len == 0 ? 1 : static_cast<int>(std::pow(26, len));
      const double p = (insertion_row ? 0.1 : 1.0) * std::pow(26.0, -len) * (len == 0 ? 0.1 : 1.0);
      for (int c = begin; c < begin + size; ++c) prob[static_cast<size_t>(r) * kChunkCount + c] = p;
    }
  }
  std::vector<double> counts(prob.size());
  std::vector<double> f, b;
  for (int it = 1; it <= options.iterations; ++it) {
    std::fill(counts.begin(), counts.end(), 0.0);
    double total_ll = 0;
    size_t used = 0;
    for (const Example& e : examples) {
      const size_t n = e.rows.size();
      const int m = static_cast<int>(e.latin.size());
      const size_t w = static_cast<size_t>(m) + 1;
      auto cell = [&](int r, int j, int k) -> double& {
        return prob[static_cast<size_t>(r) * kChunkCount + ChunkIndex(e.latin, j - k, k)];
      };
      auto letter = [&](size_t i, int j, int k) { return cell(e.rows[i], j, k); };
      auto insertion = [&](size_t i, int j, int k) { return cell(InsertionPosition(i, n), j, k); };
      const double z = Forward(n, m, letter, insertion, f);
      if (!(z > 0) || !std::isfinite(z)) continue;
      total_ll += std::log(z);
      ++used;
      // Backward pass: b[i][j] = probability of completing from (i, j).
      b.assign(f.size(), 0.0);
      b[n * w + m] = 1.0;
      for (size_t i = n + 1; i-- > 0;) {
        for (int j = m; j >= 0; --j) {
          if (i == n && j == m) continue;
          double v = 0;
          if (i < n)
            for (int k = 0; k <= std::min(kMaxChunk, m - j); ++k)
              v += letter(i, j + k, k) * b[(i + 1) * w + j + k];
          for (int k = 1; k <= std::min(kMaxInsertion, m - j); ++k)
            v += insertion(i, j + k, k) * b[i * w + j + k];
          b[i * w + j] = v;
        }
      }
      for (size_t i = 0; i <= n; ++i) {
        for (int j = 0; j <= m; ++j) {
          const double post = b[i * w + j] / z;
          if (post == 0) continue;
          if (i > 0)
            for (int k = 0; k <= std::min(kMaxChunk, j); ++k) {
              const double p = f[(i - 1) * w + j - k] * letter(i - 1, j, k) * post;
              counts[static_cast<size_t>(e.rows[i - 1]) * kChunkCount + ChunkIndex(e.latin, j - k, k)] += p;
            }
          for (int k = 1; k <= std::min(kMaxInsertion, j); ++k) {
            const double p = f[i * w + j - k] * insertion(i, j, k) * post;
            counts[static_cast<size_t>(InsertionPosition(i, n)) * kChunkCount +
                   ChunkIndex(e.latin, j - k, k)] += p;
          }
        }
      }
    }
    double total = 0;
    for (double c : counts) total += c;
    if (!(total > 0)) return Status::Internal("EM collapsed: no expected counts");
    for (size_t i = 0; i < prob.size(); ++i) prob[i] = counts[i] / total;
    if (options.on_iteration) options.on_iteration(it, used ? total_ll / static_cast<double>(used) : 0.0);
  }
  // Keep the units seen at least half a time; the rest share the floor.
  double total = 0;
  for (double c : counts) total += c;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] < 0.5) continue;
    TransliterationModel::Unit u;
    u.row = static_cast<uint16_t>(i / kChunkCount);
    u.chunk = static_cast<uint16_t>(i % kChunkCount);
    u.prob = static_cast<float>(counts[i] / total);
    model.units_.push_back(u);
  }
  model.floor_prob_ = static_cast<float>(0.05 / total);
  model.FinishTables();
  return model;
}

Result<TransliterationModel> TrainTransliterationModel(const std::vector<NamePair>& pairs,
                                                       const TransliterationTrainingOptions& options) {
  return TransliterationTrainer::Train(pairs, options);
}

fs::path DefaultTransliterationModelPath() {
  // The names model ships beside the NER models.
  return ner::FindModelFile("names-translit.bin");
}

}  // namespace leakgraph::resolve
