#include "ner/trainer.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <random>

#include "ner/scorer.h"
#include "ner/sequence_decoder.h"
#include "ner/word_features.h"

namespace leakgraph::ner {

namespace {

constexpr int L = kNumLabels;

std::vector<uint64_t> FoldedWords(const std::vector<std::string>& tokens, size_t begin, size_t end) {
  std::vector<uint64_t> words;
  std::string folded;
  for (size_t i = begin; i < end; ++i) {
    FoldWord(tokens[i], folded);
    words.push_back(HashBytes(folded));
  }
  return words;
}

// Adds the entities of the training sentences whose fold[s] != skip_fold
// (all of them when skip_fold < 0).
void AddTrainingEntities(const std::vector<LabeledSentence>& train, const std::vector<int>& fold,
                         int skip_fold, Gazetteer& gazetteer) {
  for (size_t s = 0; s < train.size(); ++s) {
    if (skip_fold >= 0 && fold[s] == skip_fold) continue;
    for (const auto& e : train[s].entities)
      gazetteer.Add(FoldedWords(train[s].tokens, e.begin, e.end), e.type);
  }
}

struct TrainingExample {
  SentenceFeatures features;
  std::vector<int> gold;
};

// Averaged perceptron state: w is the current weights, u the sum of c * update,
// so the average after c steps is w - u / c.
class AveragedPerceptron {
 public:
  AveragedPerceptron(std::vector<float>& weights, std::vector<float>& transitions)
      : w_(weights), t_(transitions), uw_(weights.size(), 0.0), ut_(transitions.size(), 0.0) {}

  void Update(const TrainingExample& ex, const std::vector<int>& predicted) {
    const size_t n = ex.gold.size();
    for (size_t i = 0; i < n; ++i) {
      const int g = ex.gold[i], p = predicted[i];
      const int gp = i == 0 ? L : ex.gold[i - 1];
      const int pp = i == 0 ? L : predicted[i - 1];
      if (g != p) {
        for (uint32_t f = ex.features.offsets[i]; f < ex.features.offsets[i + 1]; ++f) {
          const size_t row = size_t(ex.features.rows[f]) * L;
          Bump(w_, uw_, row + g, 1.0f);
          Bump(w_, uw_, row + p, -1.0f);
        }
      }
      if (g != p || gp != pp) {
        Bump(t_, ut_, size_t(gp) * L + g, 1.0f);
        Bump(t_, ut_, size_t(pp) * L + p, -1.0f);
      }
    }
  }
  void Tick() { ++c_; }

  // Writes the averaged parameters into `weights` / `transitions`.
  void Average(std::vector<float>& weights, std::vector<float>& transitions) const {
    for (size_t i = 0; i < w_.size(); ++i) weights[i] = float(double(w_[i]) - uw_[i] / double(c_));
    for (size_t i = 0; i < t_.size(); ++i) transitions[i] = float(double(t_[i]) - ut_[i] / double(c_));
  }

 private:
  void Bump(std::vector<float>& v, std::vector<double>& u, size_t i, float delta) {
    v[i] += delta;
    u[i] += double(c_) * delta;
  }

  std::vector<float>& w_;
  std::vector<float>& t_;
  std::vector<double> uw_;
  std::vector<double> ut_;
  uint64_t c_ = 1;
};

}  // namespace

double MicroF1(const NerModel& model, const std::vector<LabeledSentence>& sentences) {
  EntityScorer scorer;
  std::vector<std::string_view> words;
  for (const auto& s : sentences) {
    words.assign(s.tokens.begin(), s.tokens.end());
    scorer.Add(s.entities, LabelsToSpans(model.PredictLabels(words)));
  }
  return scorer.Micro().f1();
}

Result<NerModel> TrainNerModel(const std::string& language,
                               const std::vector<LabeledSentence>& train,
                               const std::vector<NamedEntry>& names,
                               const TrainingOptions& options) {
  if (train.empty()) return Status::InvalidInput("no training sentences");
  if (options.epochs < 1 || options.epochs > 100) return Status::InvalidInput("epochs out of range");
  if (options.hash_bits < kMinHashBits || options.hash_bits > kMaxHashBits)
    return Status::InvalidInput("hash bits out of range");
  if (options.ensemble < 1 || options.ensemble > 50) return Status::InvalidInput("ensemble size out of range");
  if (!options.repeats.empty() && options.repeats.size() != train.size())
    return Status::InvalidInput("one repeat count per training sentence expected");
  const int folds = std::max(2, options.gazetteer_folds);

  WordTables shared;
  for (const auto& entry : names) shared.gazetteer.AddName(entry.name, entry.type);
  for (const auto& word : options.lexicon) shared.lexicon.AddWord(word);
  shared.lexicon.size();  // sorts it before it is shared
  shared.clusters = options.clusters;
  shared.clusters.size();  // sorts it before it is shared
  if (options.signature_min_count > 0) {
    std::vector<std::vector<uint64_t>> folded;
    for (const auto& s : train) folded.push_back(FoldedWords(s.tokens, 0, s.tokens.size()));
    folded.insert(folded.end(), options.signature_text.begin(), options.signature_text.end());
    shared.signatures.Build(folded, options.signature_min_count);
  }
  NerModel model(language, options.hash_bits, options.label_scheme);
  model.tables() = shared;
  AddTrainingEntities(train, std::vector<int>(train.size(), 0), -1, model.gazetteer());

  // The jackknife fold of each sentence: index % folds for the first ensemble
  // member; with options.vary_folds a pseudo-random assignment per other
  // member, so that the members see different gazetteer features.
  std::vector<TrainingExample> examples(train.size());
  std::vector<int> fold(train.size());
  auto extract_examples = [&](int member) {
    for (size_t s = 0; s < train.size(); ++s)
      fold[s] = member == 0 || !options.vary_folds
                    ? int(s % size_t(folds))
                    : int(MixHash(uint64_t(s), uint64_t(member) * 0x10001 + options.seed) % uint64_t(folds));
    std::vector<WordTables> fold_tables(size_t(folds), shared);
    for (int k = 0; k < folds; ++k) AddTrainingEntities(train, fold, k, fold_tables[size_t(k)].gazetteer);
    FeatureScratch scratch;
    std::vector<std::string_view> words;
    for (size_t s = 0; s < train.size(); ++s) {
      words.assign(train[s].tokens.begin(), train[s].tokens.end());
      ExtractFeatures(words, fold_tables[size_t(fold[s])], options.hash_bits, scratch, examples[s].features);
      examples[s].gold = SpansToLabels(words.size(), train[s].entities, options.label_scheme);
    }
  };
  extract_examples(0);

  std::vector<size_t> order;
  const int members = std::max(1, options.ensemble);
  // Sum of the members' averaged parameters (only when there are several).
  std::vector<double> sum_weights, sum_transitions;
  if (members > 1) {
    sum_weights.assign(model.weights().size(), 0.0);
    sum_transitions.assign(model.transitions().size(), 0.0);
  }
  std::vector<float> emissions;
  for (int member = 0; member < members; ++member) {
    std::vector<float> weights(model.weights().size(), 0.0f);
    std::vector<float> transitions(model.transitions().size(), 0.0f);
    AveragedPerceptron perceptron(weights, transitions);
    if (member > 0 && options.vary_folds) extract_examples(member);
    // Each member starts from the same order, so it is the model a single
    // run with its seed would give (with the same folds).
    order.clear();
    for (size_t s = 0; s < examples.size(); ++s)
      for (int r = options.repeats.empty() ? 1 : options.repeats[s]; r > 0; --r) order.push_back(s);
    std::mt19937 rng(options.seed + uint32_t(member));
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
      const auto start = std::chrono::steady_clock::now();
      std::shuffle(order.begin(), order.end(), rng);
      EpochReport report;
      report.member = member + 1;
      report.epoch = epoch;
      for (size_t s : order) {
        const TrainingExample& ex = examples[s];
        ComputeEmissions(ex.features, weights.data(), emissions);
        std::vector<int> predicted =
            ViterbiDecode(emissions, ex.gold.size(), transitions.data(), options.label_scheme);
        if (predicted != ex.gold) {
          ++report.mistakes;
          perceptron.Update(ex, predicted);
        }
        perceptron.Tick();
      }
      report.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (!options.dev.empty() || epoch == options.epochs)
        perceptron.Average(model.weights(), model.transitions());
      if (!options.dev.empty()) report.dev_f1 = MicroF1(model, options.dev);
      if (options.on_epoch) options.on_epoch(report);
    }
    if (members > 1) {
      for (size_t i = 0; i < sum_weights.size(); ++i) sum_weights[i] += model.weights()[i];
      for (size_t i = 0; i < sum_transitions.size(); ++i) sum_transitions[i] += model.transitions()[i];
    }
  }
  if (members > 1) {
    for (size_t i = 0; i < sum_weights.size(); ++i) model.weights()[i] = float(sum_weights[i] / members);
    for (size_t i = 0; i < sum_transitions.size(); ++i)
      model.transitions()[i] = float(sum_transitions[i] / members);
  }
  return model;
}

}  // namespace leakgraph::ner
