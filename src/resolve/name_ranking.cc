#include "resolve/name_ranking.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <unordered_map>

#include "resolve/latin_ascii.h"
#include "resolve/name_pairs.h"

namespace leakgraph::resolve {

namespace {

std::string AsciiLetters(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c >= 'a' && c <= 'z') out += c;
  return out;
}

size_t Levenshtein(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

double EditSimilarity(const std::string& a, const std::string& b) {
  const size_t longer = std::max(a.size(), b.size());
  if (longer == 0) return 0;
  return 1.0 - static_cast<double>(Levenshtein(a, b)) / static_cast<double>(longer);
}

// Assigns each distinct identity an index, keeping the first spelling.
struct NameSet {
  std::unordered_map<std::string, size_t> index;
  std::vector<std::string> names;
  size_t Add(const std::string& identity, const std::string& name) {
    auto [it, added] = index.emplace(identity, names.size());
    if (added) names.push_back(name);
    return it->second;
  }
};

// Share of queries whose best-scored gold candidate is within the top
// `1` and `5`; score(q, c) is higher for better candidates.
template <typename Score>
std::pair<double, double> TopK(size_t queries, size_t candidates,
                               const std::vector<std::vector<size_t>>& gold, Score score) {
  size_t top1 = 0, top5 = 0;
  for (size_t q = 0; q < queries; ++q) {
    double best_gold = -1e300;
    for (size_t g : gold[q]) best_gold = std::max(best_gold, score(q, g));
    size_t ahead = 0;  // non-gold candidates scoring at least as well
    for (size_t c = 0; c < candidates; ++c)
      if (score(q, c) >= best_gold && std::find(gold[q].begin(), gold[q].end(), c) == gold[q].end()) ++ahead;
    top1 += ahead == 0;
    top5 += ahead < 5;
  }
  const double n = queries ? static_cast<double>(queries) : 1.0;
  return {static_cast<double>(top1) / n, static_cast<double>(top5) / n};
}

}  // namespace

double IcuEditSimilarity(std::string_view latin, std::string_view arabic) {
  return EditSimilarity(LatinIdentity(latin), AsciiLetters(AnyToLatinAsciiLower(arabic)));
}

NameRankingReport EvaluateNameRanking(const std::vector<NamePair>& pairs, const TransliterationModel* model) {
  NameSet latin, arabic;
  std::vector<std::vector<size_t>> gold_arabic, gold_latin;
  for (const NamePair& p : pairs) {
    const size_t l = latin.Add(LatinIdentity(p.latin), p.latin);
    const size_t a = arabic.Add(ArabicIdentity(p.arabic), p.arabic);
    gold_arabic.resize(latin.names.size());
    gold_latin.resize(arabic.names.size());
    if (std::find(gold_arabic[l].begin(), gold_arabic[l].end(), a) == gold_arabic[l].end())
      gold_arabic[l].push_back(a);
    if (std::find(gold_latin[a].begin(), gold_latin[a].end(), l) == gold_latin[a].end())
      gold_latin[a].push_back(l);
  }
  const size_t nl = latin.names.size(), na = arabic.names.size();
  // forward[l * na + a] ranks Arabic-script candidates; reverse ranks Latin ones.
  std::vector<double> forward(nl * na), reverse(nl * na);
  const auto start = std::chrono::steady_clock::now();
  if (model != nullptr) {
    std::vector<PreparedLatin> pl;
    std::vector<PreparedArabic> pa;
    for (const std::string& n : latin.names) pl.push_back(model->PrepareLatin(n));
    for (const std::string& n : arabic.names) pa.push_back(model->PrepareArabic(n));
    const double w = model->marginal_weight();
    for (size_t l = 0; l < nl; ++l)
      for (size_t a = 0; a < na; ++a) {
        const double joint = model->LogJoint(pa[a], pl[l]);
        forward[l * na + a] = joint - w * pa[a].log_marginal;
        reverse[l * na + a] = joint - w * pl[l].log_marginal;
      }
  } else {
    std::vector<std::string> ll, al;
    for (const std::string& n : latin.names) ll.push_back(LatinIdentity(n));
    for (const std::string& n : arabic.names) al.push_back(AsciiLetters(AnyToLatinAsciiLower(n)));
    for (size_t l = 0; l < nl; ++l)
      for (size_t a = 0; a < na; ++a)
        forward[l * na + a] = reverse[l * na + a] = EditSimilarity(ll[l], al[a]);
  }
  NameRankingReport r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.pairs = pairs.size();
  r.latin_names = nl;
  r.arabic_names = na;
  r.pairs_per_second = r.seconds > 0 ? static_cast<double>(nl * na) / r.seconds : 0;
  std::tie(r.top1, r.top5) =
      TopK(nl, na, gold_arabic, [&](size_t l, size_t a) { return forward[l * na + a]; });
  std::tie(r.top1_reverse, r.top5_reverse) =
      TopK(na, nl, gold_latin, [&](size_t a, size_t l) { return reverse[l * na + a]; });
  return r;
}

}  // namespace leakgraph::resolve
