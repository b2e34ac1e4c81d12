#include "ner/corpora.h"

#include <gtest/gtest.h>

namespace leakgraph::ner {
namespace {

NerCorpus ThreeSourceCorpus() {
  NerCorpus corpus;
  corpus.train = ParseConll("a O\n\nb O\n\nc O\n\nd O\n");
  corpus.train_source = {"wikigold", "WNUT17", "wikigold", "re3d/BBC_Online"};
  return corpus;
}

TEST(SentenceRepeatsTest, CountsEachSourceAsListed) {
  const NerCorpus corpus = ThreeSourceCorpus();
  Result<std::vector<uint8_t>> r = SentenceRepeats(corpus, "wikigold=8,re3d/BBC_Online=0");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, (std::vector<uint8_t>{8, 1, 8, 0}));
  for (const char* all_once : {"", "none"}) {
    r = SentenceRepeats(corpus, all_once);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, (std::vector<uint8_t>{1, 1, 1, 1})) << all_once;
  }
}

TEST(SentenceRepeatsTest, RejectsUnknownSourcesAndBadCounts) {
  const NerCorpus corpus = ThreeSourceCorpus();
  Result<std::vector<uint8_t>> r = SentenceRepeats(corpus, "wikigold=2,wikipedia=3");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(r.status().message().find("no training source 'wikipedia'"), std::string::npos);
  EXPECT_NE(r.status().message().find("wikigold, WNUT17, re3d/BBC_Online"), std::string::npos)
      << r.status().message();
  for (const char* bad : {"wikigold", "wikigold=", "wikigold=-1", "wikigold=51", "wikigold=x", "wikigold=8,"}) {
    r = SentenceRepeats(corpus, bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("expected SOURCE=N"), std::string::npos) << bad;
  }
}

TEST(SentenceRepeatsTest, EnglishRepeatsWikigoldOthersNone) {
  EXPECT_EQ(DefaultSourceRepeats("en"), "wikigold=8");
  EXPECT_EQ(DefaultSourceRepeats("fa"), "none");
  EXPECT_EQ(DefaultSourceRepeats("ar"), "none");
}

TEST(DefaultTrainingOptionsTest, PersianIsAnEnsembleTheOthersSingleModels) {
  const TrainingOptions fa = DefaultTrainingOptions("fa");
  EXPECT_EQ(fa.ensemble, 8);
  EXPECT_TRUE(fa.vary_folds);
  EXPECT_EQ(fa.epochs, 20);
  EXPECT_EQ(fa.label_scheme, LabelScheme::kBilou);
  for (const char* lang : {"en", "ar"}) {
    const TrainingOptions o = DefaultTrainingOptions(lang);
    EXPECT_EQ(o.ensemble, 1) << lang;
    EXPECT_EQ(o.epochs, 10) << lang;
    EXPECT_EQ(o.label_scheme, LabelScheme::kBio) << lang;
  }
}

}  // namespace
}  // namespace leakgraph::ner
