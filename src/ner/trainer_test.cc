#include "ner/trainer.h"

#include <gtest/gtest.h>

#include "ner/conll.h"

namespace leakgraph::ner {
namespace {

// "<Name> met <Name2> in <City> ." with names that are also gazetteer
// entries of the training split, so the jackknife folds matter; a few
// ambiguous words ("Jordan" person or place) make the shuffling order matter.
std::vector<LabeledSentence> Corpus() {
  const char* people[] = {"Alice", "Bob", "Carol", "Jordan", "Erin", "Frank"};
  const char* places[] = {"Paris", "Jordan", "Lima", "Oslo"};
  std::string text;
  int i = 0;
  for (auto a : people)
    for (auto b : people)
      for (auto c : places) {
        if (++i % 3 == 0) continue;
        text += std::string(a) + " B-PER\nmet O\n" + b + " B-PER\nin O\n" + c + " B-LOC\n. O\n\n";
      }
  return ParseConll(text);
}

TrainingOptions Options() {
  TrainingOptions options;
  options.epochs = 3;
  options.hash_bits = 12;
  options.gazetteer_folds = 2;
  return options;
}

// The ensemble's parameters are the mean of the members' parameters, each
// member being the model a single run with its seed would give.
TEST(NerTrainerTest, EnsembleIsTheMeanOfTheSingleSeedModels) {
  const auto train = Corpus();
  TrainingOptions options = Options();
  options.ensemble = 3;
  Result<NerModel> ensemble = TrainNerModel("en", train, {}, options);
  ASSERT_TRUE(ensemble.ok());
  std::vector<double> weights(ensemble->weights().size(), 0.0), transitions(ensemble->transitions().size(), 0.0);
  bool members_differ = false;
  std::vector<float> first;
  for (uint32_t k = 0; k < 3; ++k) {
    TrainingOptions single = Options();
    single.seed = options.seed + k;
    Result<NerModel> member = TrainNerModel("en", train, {}, single);
    ASSERT_TRUE(member.ok());
    for (size_t i = 0; i < weights.size(); ++i) weights[i] += member->weights()[i] / 3.0;
    for (size_t i = 0; i < transitions.size(); ++i) transitions[i] += member->transitions()[i] / 3.0;
    if (k == 0) first = member->weights();
    else members_differ = members_differ || member->weights() != first;
  }
  EXPECT_TRUE(members_differ) << "the seeds should give different members";
  for (size_t i = 0; i < weights.size(); ++i) ASSERT_NEAR(ensemble->weights()[i], weights[i], 1e-4) << i;
  for (size_t i = 0; i < transitions.size(); ++i) ASSERT_NEAR(ensemble->transitions()[i], transitions[i], 1e-4);
  EXPECT_DOUBLE_EQ(MicroF1(*ensemble, train), 1.0);
}

TEST(NerTrainerTest, EnsembleOfOneIsThePlainModelAndReportsMembers) {
  const auto train = Corpus();
  TrainingOptions options = Options();
  options.ensemble = 2;
  options.dev = {train.begin(), train.begin() + 5};
  std::vector<std::pair<int, int>> reports;
  options.on_epoch = [&](const EpochReport& r) { reports.emplace_back(r.member, r.epoch); };
  ASSERT_TRUE(TrainNerModel("en", train, {}, options).ok());
  const std::vector<std::pair<int, int>> expected = {{1, 1}, {1, 2}, {1, 3}, {2, 1}, {2, 2}, {2, 3}};
  EXPECT_EQ(reports, expected);

  Result<NerModel> plain = TrainNerModel("en", train, {}, Options());
  TrainingOptions one = Options();
  one.ensemble = 1;
  one.vary_folds = true;  // only members after the first vary their folds
  Result<NerModel> single = TrainNerModel("en", train, {}, one);
  ASSERT_TRUE(plain.ok() && single.ok());
  EXPECT_EQ(plain->weights(), single->weights());
  EXPECT_EQ(plain->transitions(), single->transitions());
}

// With vary_folds the second member sees other gazetteer folds, so the
// ensemble differs from the one with index % folds for every member, and
// the saved gazetteer (all training entities) is the same. Each name is in
// two consecutive sentences: with index % 2 folds each sentence finds it in
// the other fold's list, with random folds only about half of them do.
TEST(NerTrainerTest, VaryingTheFoldsChangesTheMembersNotTheGazetteer) {
  std::string text;
  const char* types[] = {"B-PER", "B-LOC", "B-ORG"};  // only the name list tells them apart
  for (int s = 0; s < 120; ++s)
    text += "Name" + std::to_string(s / 2) + " " + types[(s / 2) % 3] + "\nsaid O\nso O\n. O\n\n";
  const auto train = ParseConll(text);
  TrainingOptions same = Options();
  same.ensemble = 2;
  TrainingOptions varied = same;
  varied.vary_folds = true;
  Result<NerModel> a = TrainNerModel("en", train, {}, same);
  Result<NerModel> b = TrainNerModel("en", train, {}, varied);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->weights(), b->weights());
  EXPECT_EQ(a->gazetteer().size(), b->gazetteer().size());
  EXPECT_GT(MicroF1(*b, train), 0.9);
}

TEST(NerTrainerTest, RejectsAnEnsembleSizeOutOfRange) {
  for (int bad : {0, -1, 51}) {
    TrainingOptions options = Options();
    options.ensemble = bad;
    Result<NerModel> model = TrainNerModel("en", Corpus(), {}, options);
    ASSERT_FALSE(model.ok()) << bad;
    EXPECT_EQ(model.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(model.status().message().find("ensemble"), std::string::npos);
  }
}

}  // namespace
}  // namespace leakgraph::ner
