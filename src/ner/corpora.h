// The training and development splits of the NER corpora under the shared
// data folder (../shared/data, see its README), per language. The splits are
// fixed here so that `train ner` and `eval ner --dev-only` agree:
//   ar: ner/ar/anercorp-train.txt, dev = sentences with index % 10 == 9
//   fa: ner/fa/arman-train.txt,    dev = sentences with index % 10 == 9
//   en: train = re3d (every source but Wikipedia) + wikigold (index % 10 != 9)
//       + SEC-filings FIN3/FIN5 + WNUT17 (train, dev, test);
//       dev = wikigold (index % 10 == 9) + re3d/Wikipedia
// Name lists: names/anetac-entities.tsv, Arabic column for ar and fa,
// English column for en.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "leakgraph/status.h"
#include "ner/conll.h"
#include "ner/trainer.h"

namespace leakgraph::ner {

inline constexpr std::string_view kEnglishHeldOutRe3dSource = "Wikipedia";

// The Persian spelling dictionary of Debian's myspell-fa package: a lexicon
// for the Persian model (words not in it are often foreign names).
inline constexpr std::string_view kPersianLexiconPath = "/usr/share/hunspell/fa_IR.dic";

struct NerCorpus {
  std::vector<LabeledSentence> train;
  // The corpus each training sentence comes from (a file name or re3d source folder).
  std::vector<std::string> train_source;
  std::vector<LabeledSentence> dev;
  std::vector<NamedEntry> names;
};

// Returns true iff `lang` is one of "en", "ar", "fa".
bool IsSupportedNerLanguage(std::string_view lang);

// Loads the splits for `lang` from `data_dir`. NotFound naming the missing
// file; InvalidInput for an unsupported language.
[[nodiscard]] Result<NerCorpus> LoadNerCorpus(const std::filesystem::path& data_dir,
                                              std::string_view lang);

// Reads anetac-entities.tsv (CLASS<TAB>English<TAB>Arabic), keeping the
// English (column 1) or Arabic (column 2) names of PERSON, LOCATION and
// ORGANIZATION rows.
[[nodiscard]] Result<std::vector<NamedEntry>> ReadAnetacNames(const std::filesystem::path& tsv,
                                                              bool arabic_column);

// Reads the words of a Hunspell/MySpell .dic file (first line: the count;
// then one word per line, optionally followed by "/flags"). NotFound when
// the file cannot be opened.
[[nodiscard]] Result<std::vector<std::string>> ReadHunspellWords(const std::filesystem::path& dic);

// How often each training sentence is visited per epoch, from a
// comma-separated list of SOURCE=N (N in 0..50; SOURCE as in
// NerCorpus::train_source; sources not listed: once; "" or "none": all
// once). InvalidInput naming an unknown source or a bad item.
[[nodiscard]] Result<std::vector<uint8_t>> SentenceRepeats(const NerCorpus& corpus, std::string_view spec);

// The repeat list chosen per language on the dev split (docs/QUALITY.md):
// for English "wikigold=8" (the wikigold train split is the only Wikipedia
// prose among the English training sets, which are mostly tweets, filings
// and government pages); "none" otherwise.
std::string DefaultSourceRepeats(std::string_view lang);

// The training options chosen per language on the dev split (docs/QUALITY.md),
// without the lexicon words (see kPersianLexiconPath). Persian: BILOU,
// 2-fold gazetteer jackknife, and an 8-member ensemble trained 20 epochs.
TrainingOptions DefaultTrainingOptions(std::string_view lang);

}  // namespace leakgraph::ner
