#include "ner/evaluation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ner/model_path.h"

namespace leakgraph::ner {
namespace {

namespace fs = std::filesystem;

TEST(CodePointOffsetTest, CountsCodePointsNotBytes) {
  const std::string text = "\xD8\xA8\xD8\xBA x";  // two Arabic letters, space, x
  EXPECT_EQ(CodePointOffset(text, 0), 0u);
  EXPECT_EQ(CodePointOffset(text, 4), 2u);
  EXPECT_EQ(CodePointOffset(text, 6), 4u);
  EXPECT_EQ(CodePointOffset(text, 100), 4u);
}

TEST(EvaluateRe3dTest, ScoresCharacterSpansAndRejectsBadJson) {
  const fs::path dir = fs::temp_directory_path() / ("leakgraph_re3d_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "documents.json") << R"({"_id":"d1","text":"xx"})" << "\n";
  std::ofstream(dir / "entities.json")
      << R"({"documentId":"d1","begin":0,"end":2,"type":"Person"})" << "\n"
      << R"({"documentId":"d1","begin":0,"end":1,"type":"Person"})" << "\n";
  NerModel untrained("en", 10);  // predicts nothing
  Result<EvaluationReport> report = EvaluateRe3d(untrained, dir);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->scorer.Micro().gold, 1u);  // the nested span is dropped
  EXPECT_EQ(report->scorer.Micro().predicted, 0u);
  EXPECT_EQ(report->tokens, 1u);
  std::ofstream(dir / "entities.json") << R"({"documentId":"d1","begin":"zero"})" << "\n";
  EXPECT_EQ(EvaluateRe3d(untrained, dir).status().code(), StatusCode::kCorrupt);
  std::ofstream(dir / "entities.json") << "{not json\n";
  EXPECT_EQ(EvaluateRe3d(untrained, dir).status().code(), StatusCode::kCorrupt);
  fs::remove_all(dir);
  EXPECT_EQ(EvaluateRe3d(untrained, dir).status().code(), StatusCode::kNotFound);
}

// The committed models on their dev splits: guards against a model file that
// no longer matches the code, or a regression. Floors are the measured dev F1
// (docs/QUALITY.md) minus 0.02.
TEST(CommittedModelsTest, DevF1MeetsTheDocumentedFloor) {
  const fs::path data = fs::path(LEAKGRAPH_SOURCE_DIR) / ".." / "shared" / "data" / "ner";
  if (!fs::is_directory(data)) GTEST_SKIP() << "no shared data at " << data;
  struct Case {
    const char* lang;
    fs::path conll;
    double floor;
  };
  const Case cases[] = {
      {"ar", data / "ar" / "anercorp-train.txt", 0.80},
      {"fa", data / "fa" / "arman-train.txt", 0.77},
      {"en", data / "en" / "wikigold" / "wikigold.conll.txt", 0.76},
  };
  for (const auto& c : cases) {
    Result<NerModel> model = NerModel::Load(fs::path(LEAKGRAPH_SOURCE_DIR) / "models" / ModelFileName(c.lang));
    ASSERT_TRUE(model.ok()) << model.status().message();
    Result<std::vector<LabeledSentence>> sentences = ReadConll(c.conll);
    ASSERT_TRUE(sentences.ok());
    const double f1 = EvaluateSentences(*model, SelectSplit(*sentences, true)).scorer.Micro().f1();
    EXPECT_GE(f1, c.floor) << c.lang;
  }
}

}  // namespace
}  // namespace leakgraph::ner
