#include "resolve/name_pairs.h"

#include <fstream>
#include <unordered_set>

#include "resolve/latin_ascii.h"
#include "text/normalize.h"

namespace leakgraph::resolve {

namespace fs = std::filesystem;

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool HasAsciiLetter(std::string_view s) {
  for (unsigned char c : s)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC3) return true;
  return false;
}

// Returns true iff every space-separated token of `s` is one code point.
bool IsSpacedLetters(std::string_view s) {
  if (s.find(' ') == std::string_view::npos) return false;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(' ', start);
    if (end == std::string_view::npos) end = s.size();
    size_t code_points = 0;
    for (size_t i = start; i < end; ++i)
      if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++code_points;
    if (code_points > 1) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

std::optional<NamePair> ParseNamePairLine(std::string_view line) {
  std::optional<std::string> latin, arabic;
  size_t start = 0;
  while (start <= line.size() && !(latin && arabic)) {
    size_t end = line.find('\t', start);
    if (end == std::string_view::npos) end = line.size();
    const std::string_view column = Trim(line.substr(start, end - start));
    start = end + 1;
    if (column.empty()) continue;
    if (text::HasArabicScript(column)) {
      if (arabic) continue;
      std::string joined(column);
      if (IsSpacedLetters(column)) std::erase(joined, ' ');
      arabic = std::move(joined);
    } else if (!latin && HasAsciiLetter(column)) {
      latin = std::string(column);
    }
  }
  if (!latin || !arabic) return std::nullopt;
  return NamePair{std::move(*latin), std::move(*arabic)};
}

Result<std::vector<NamePair>> ReadNamePairs(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound(file.string() + ": cannot open");
  std::vector<NamePair> pairs;
  std::string line;
  while (std::getline(in, line))
    if (std::optional<NamePair> p = ParseNamePairLine(line)) pairs.push_back(std::move(*p));
  if (in.bad()) return Status::IoError(file.string() + ": read error");
  return pairs;
}

std::string LatinIdentity(std::string_view latin) {
  std::string out;
  for (char c : LatinToAsciiLower(latin))
    if (c >= 'a' && c <= 'z') out += c;
  return out;
}

std::string ArabicIdentity(std::string_view arabic) {
  std::string out = text::FoldForSearch(arabic);
  std::erase(out, ' ');
  return out;
}

std::vector<fs::path> NameDevFiles(const fs::path& data_dir) {
  return {data_dir / "names" / "anetac-translit-dev.tsv", data_dir / "names" / "google-ar2en-eval.tsv"};
}

Result<NameTrainingSet> LoadNameTrainingSet(const fs::path& data_dir,
                                            const std::vector<fs::path>& extra_held_out) {
  std::unordered_set<std::string> held_latin, held_arabic;
  std::vector<fs::path> held = NameDevFiles(data_dir);
  held.insert(held.end(), extra_held_out.begin(), extra_held_out.end());
  for (const fs::path& f : held) {
    Result<std::vector<NamePair>> pairs = ReadNamePairs(f);
    if (!pairs.ok()) return pairs.status();
    for (const NamePair& p : *pairs) {
      held_latin.insert(LatinIdentity(p.latin));
      held_arabic.insert(ArabicIdentity(p.arabic));
    }
  }
  NameTrainingSet set;
  for (const char* name : {"anetac-translit-train.tsv", "google-ar2en-train.tsv", "wikidata-ar-train.tsv"}) {
    Result<std::vector<NamePair>> pairs = ReadNamePairs(data_dir / "names" / name);
    if (!pairs.ok()) return pairs.status();
    for (NamePair& p : *pairs) {
      if (held_latin.count(LatinIdentity(p.latin)) || held_arabic.count(ArabicIdentity(p.arabic))) {
        ++set.held_out_dropped;
        continue;
      }
      set.pairs.push_back(std::move(p));
    }
  }
  return set;
}

}  // namespace leakgraph::resolve
