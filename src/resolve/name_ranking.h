// Ranking evaluation of cross-script name matching, behind
// `leakgraph eval names`: for each distinct Latin name of a pair file, every
// distinct Arabic-script name of the file is ranked, and the reverse.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "resolve/transliteration.h"

namespace leakgraph::resolve {

struct NameRankingReport {
  double top1 = 0;  // share of Latin names whose gold Arabic-script name ranks first
  double top5 = 0;
  double top1_reverse = 0;  // the same, ranking Latin names for each Arabic-script name
  double top5_reverse = 0;
  size_t pairs = 0;
  size_t latin_names = 0;
  size_t arabic_names = 0;
  double seconds = 0;           // scoring time, all candidate pairs
  double pairs_per_second = 0;  // candidate pairs scored per second
};

// The baseline similarity: ICU "Any-Latin; Latin-ASCII; Lower" of the
// Arabic-script name against the Latin name (letters a-z only), as
// 1 - Levenshtein distance / length of the longer. In [0, 1].
double IcuEditSimilarity(std::string_view latin, std::string_view arabic);

// Ranks with `model`, or with IcuEditSimilarity when `model` is null. A gold
// name tied with others counts as ranked after all of them. Names are
// compared by LatinIdentity / ArabicIdentity (name_pairs.h).
NameRankingReport EvaluateNameRanking(const std::vector<NamePair>& pairs, const TransliterationModel* model);

}  // namespace leakgraph::resolve
