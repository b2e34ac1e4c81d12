// Training of NerModel: an averaged structured perceptron (Collins 2002)
// over the hashed features, decoding with the same constrained Viterbi as
// inference. Chosen over a CRF because it needs no learning-rate or
// regularisation tuning, trains a 150k-token corpus in seconds per epoch on
// one core, and reaches CRF-level accuracy with averaging.
//
// Gazetteer features are built from the external name list plus the
// entities of the training sentences. So that the model does not learn to
// trust a name list that always contains the answer, each training sentence
// sees a list compiled from the *other* folds' entities (jackknifing); the
// saved model carries the list compiled from all of them.
//
// Optionally the model also carries a lexicon (e.g. a spelling dictionary,
// for Persian), word signatures computed from the training text (see
// gazetteer.h) and word clusters learned from unlabelled text (clusters.h);
// all only add features.
//
// Optionally several perceptrons (an ensemble, differing in shuffling seed and
// optionally in jackknife folds) are trained and the model holds the mean of
// their averaged weights: one model of the same size and tagging speed.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "leakgraph/status.h"
#include "ner/conll.h"
#include "ner/ner_model.h"

namespace leakgraph::ner {

struct NamedEntry {
  std::string name;  // UTF-8, words separated by spaces
  EntityType type = EntityType::kMisc;
};

struct EpochReport {
  int member = 1;          // 1-based ensemble member (TrainingOptions::ensemble)
  int epoch = 0;           // 1-based
  size_t mistakes = 0;     // training sentences decoded wrongly during the epoch
  double seconds = 0;      // wall time of the epoch
  double dev_f1 = -1;      // micro F1 on the dev sentences with this member's averaged weights
                           // (not the ensemble's), -1 if none
};

struct TrainingOptions {
  int epochs = 10;
  int hash_bits = 19;
  uint32_t seed = 17;
  // Number of perceptrons trained on the same examples with different
  // shuffling seeds (seed, seed + 1, ...); the model holds the mean of their
  // averaged weights (one model, same size and speed). 1..50.
  int ensemble = 1;
  // Ensemble members after the first use their own random gazetteer
  // jackknife folds (more diverse members) instead of index % folds.
  bool vary_folds = false;
  int gazetteer_folds = 4;
  LabelScheme label_scheme = LabelScheme::kBio;
  // Words of a lexicon (TrainingOptions::lexicon empty: no lexicon features).
  std::vector<std::string> lexicon;
  // > 0: words seen at least this often in the training text get signature
  // features; 0: none.
  int signature_min_count = 0;
  // Extra unlabelled sentences (folded-word hashes) counted for the signatures.
  std::vector<std::vector<uint64_t>> signature_text;
  // Word clusters (clusters.h) compiled into the model; empty: no cluster features.
  WordClusters clusters;
  // When not empty, one count per training sentence: the sentence is visited
  // that many times per epoch (0 skips it). Empty: once each.
  std::vector<uint8_t> repeats;
  // When not empty, scored after each epoch (never trained on).
  std::vector<LabeledSentence> dev;
  std::function<void(const EpochReport&)> on_epoch;
};

// Trains a model for `language` on `train`. InvalidInput if there is no
// training sentence or the options are out of range.
[[nodiscard]] Result<NerModel> TrainNerModel(const std::string& language,
                                             const std::vector<LabeledSentence>& train,
                                             const std::vector<NamedEntry>& names,
                                             const TrainingOptions& options);

// Micro F1 (PERSON, ORG, LOCATION) of `model` on `sentences`.
double MicroF1(const NerModel& model, const std::vector<LabeledSentence>& sentences);

}  // namespace leakgraph::ner
