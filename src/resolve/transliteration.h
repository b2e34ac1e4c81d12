// A learned model of how Arabic-script names are written in Latin letters,
// used to tell whether a Latin name and an Arabic-script name are the same.
//
// It is a joint-sequence (grapheme-pair) model: a name pair is a sequence of
// units, each an Arabic letter (with its position in the word: initial,
// medial, final) paired with 0-3 Latin letters, or 1-2 Latin letters paired
// with no Arabic letter (vowels Arabic does not write). Unit probabilities
// are estimated by EM over all monotone alignments of the training pairs.
// A pair is scored by the log of the sum over alignments (forward algorithm),
// minus a share of the log marginal of the side being ranked, so short names
// are not preferred merely for being short.
//
// Both sides are reduced first: Latin through ICU Latin-ASCII to a-z only;
// Arabic script through text::FoldForSearch to letters only. Spaces,
// digits and punctuation are ignored. The model knows nothing of
// honorifics or word order: callers pass one name.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "leakgraph/status.h"

namespace leakgraph::resolve {

struct NamePair {
  std::string latin;
  std::string arabic;  // Arabic or Persian script
};

// A name reduced for scoring; build with TransliterationModel::Prepare*.
struct PreparedLatin {
  int length = 0;
  // column[j * 4 + k]: model column of the chunk of k letters ending at j.
  std::vector<uint16_t> column;
  double log_marginal = 0;
};
struct PreparedArabic {
  std::vector<uint16_t> row;  // model row of each letter (letter and position)
  double log_marginal = 0;
};

class TransliterationModel {
 public:
  // Reads a model written by Save. Errors name the file.
  [[nodiscard]] static Result<TransliterationModel> Load(const std::filesystem::path& path);
  [[nodiscard]] Status Save(const std::filesystem::path& path) const;

  PreparedLatin PrepareLatin(std::string_view name) const;
  PreparedArabic PrepareArabic(std::string_view name) const;

  // Returns log P(arabic, latin) summed over alignments; -inf-like (< -1e29)
  // when either side is empty.
  double LogJoint(const PreparedArabic& arabic, const PreparedLatin& latin) const;
  // Score for ranking Arabic-script candidates of a Latin name (higher is
  // better): LogJoint minus marginal_weight() * the Arabic log marginal.
  double ScoreArabicCandidate(const PreparedArabic& arabic, const PreparedLatin& latin) const;
  // Score for ranking Latin candidates of an Arabic-script name.
  double ScoreLatinCandidate(const PreparedArabic& arabic, const PreparedLatin& latin) const;

  double marginal_weight() const { return marginal_weight_; }
  void set_marginal_weight(double w) { marginal_weight_ = w; }
  // Number of stored (seen) units.
  size_t unit_count() const;

 private:
  friend class TransliterationTrainer;
  int RowOf(char32_t letter, int position) const;
  void FinishTables();  // builds the dense table and marginals from units_

  std::u32string alphabet_;  // Arabic letters with their own rows; others share one
  struct Unit {
    uint16_t row;    // (letter id) * 3 + position; letter id 0 = no Arabic letter
    uint16_t chunk;  // Latin chunk index (see transliteration.cc)
    float prob;
  };
  std::vector<Unit> units_;
  float floor_prob_ = 1e-9f;
  double marginal_weight_ = 1.0;
  // Derived by FinishTables.
  int rows_ = 0;
  int columns_ = 0;                     // distinct seen chunks + 1 (unseen)
  std::vector<uint16_t> chunk_column_;  // chunk index -> column
  std::vector<float> table_;            // rows_ x columns_
  std::vector<double> row_log_mass_;    // log sum over chunks of a row
  std::vector<double> column_mass_;     // sum over rows of a column
};

struct TransliterationTrainingOptions {
  int iterations = 8;
  // Called after each EM iteration with its number and the mean log
  // likelihood per training pair.
  std::function<void(int iteration, double mean_log_likelihood)> on_iteration;
};

// Trains a model on `pairs` (REQUIRES: non-empty).
[[nodiscard]] Result<TransliterationModel> TrainTransliterationModel(
    const std::vector<NamePair>& pairs, const TransliterationTrainingOptions& options);

// Where the model ships: "names-translit.bin" in $LEAKGRAPH_MODELS, beside
// the executable (../share/leakgraph/models, models/), or in the folder the
// NER models are found in.
std::filesystem::path DefaultTransliterationModelPath();

}  // namespace leakgraph::resolve
