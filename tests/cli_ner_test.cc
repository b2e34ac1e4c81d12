// Drives `leakgraph eval ner` and `leakgraph train ner` as a user would: a
// re3d folder given without `--format re3d` is recognised by its
// documents.json (scored as re3d, with a note) instead of being read as
// CoNLL, and an explicit `--format conll` on one fails naming the file;
// training builds word clusters, writes them and compiles them into the model.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace leakgraph::testing {
namespace {

using nlohmann::json;

void WriteRe3dFolder(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  WriteFile(dir / "documents.json",
            R"({"_id":"d1","text":"Barack Obama visited Paris on Monday."})"
            "\n");
  WriteFile(dir / "entities.json",
            R"({"documentId":"d1","begin":0,"end":12,"type":"Person"})"
            "\n"
            R"({"documentId":"d1","begin":21,"end":26,"type":"Location"})"
            "\n");
}

TEST(CliEvalNerTest, Re3dFolderWithoutFormatIsScoredAsRe3d) {
  TempDir dir;
  WriteRe3dFolder(dir / "source");
  CommandResult r = RunLeakgraph({"eval", "ner", "--lang", "en", "--json", (dir / "source").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("documents.json"), std::string::npos) << r.err;
  json j = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["micro"]["gold"], 2);  // read as CoNLL it would have found no entity at all
  EXPECT_GT(j["tokens"].get<int>(), 0);
}

TEST(CliEvalNerTest, Re3dFolderWithExplicitConllFailsNamingTheFile) {
  TempDir dir;
  WriteRe3dFolder(dir / "source");
  for (const std::vector<std::string>& extra :
       {std::vector<std::string>{"--format", "conll"}, std::vector<std::string>{"--dev-only"}}) {
    std::vector<std::string> args = {"eval", "ner", "--lang", "en"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back((dir / "source").string());
    CommandResult r = RunLeakgraph(args);
    EXPECT_EQ(r.exit_code, 2) << extra[0];
    EXPECT_NE(r.err.find((dir / "source" / "documents.json").string()), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--format re3d"), std::string::npos) << r.err;
  }
  // The documents.json file itself, with --format re3d, is scored too.
  CommandResult r = RunLeakgraph(
      {"eval", "ner", "--lang", "en", "--format", "re3d", "--json", (dir / "source" / "documents.json").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["micro"]["gold"], 2);
}

TEST(CliEvalNerTest, ConllFileIsStillReadAsConll) {
  TempDir dir;
  WriteFile(dir / "tiny.conll", "Barack B-PER\nObama I-PER\nvisited O\nParis B-LOC\n. O\n\n");
  CommandResult r = RunLeakgraph({"eval", "ner", "--lang", "en", "--json", (dir / "tiny.conll").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  EXPECT_EQ(json::parse(r.out)["micro"]["gold"], 2);
}

TEST(CliTrainNerTest, BuildsSavesAndReusesWordClusters) {
  const std::filesystem::path data = SharedDataDir();
  if (data.empty()) GTEST_SKIP() << "no ../shared/data";
  TempDir dir;
  const std::string clusters = (dir / "clusters.txt").string();
  CommandResult r = RunLeakgraph({"train", "ner", "--lang", "ar", "--data", data.string(), "--epochs", "1",
                                  "--cluster-text", "train", "--save-clusters", clusters, "--out",
                                  (dir / "ar.bin").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("clusters from train:"), std::string::npos) << r.out;
  const std::string text = ReadFile(clusters);
  ASSERT_FALSE(text.empty());
  EXPECT_NE(text.find("\t"), std::string::npos);  // PATH<TAB>WORD<TAB>COUNT lines
  // The same file read back: the same model.
  r = RunLeakgraph({"train", "ner", "--lang", "ar", "--data", data.string(), "--epochs", "1", "--clusters",
                    clusters, "--out", (dir / "ar2.bin").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFile(dir / "ar.bin"), ReadFile(dir / "ar2.bin"));
  // Bad input: an unknown text source and a malformed cluster file fail with the reason.
  r = RunLeakgraph({"train", "ner", "--lang", "ar", "--data", data.string(), "--epochs", "1", "--cluster-text",
                    "wikipedia", "--out", (dir / "ar3.bin").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown cluster text source 'wikipedia'"), std::string::npos) << r.err;
  WriteFile(dir / "bad.txt", "0101\tword\nnot-bits\tword\n");
  r = RunLeakgraph({"train", "ner", "--lang", "ar", "--data", data.string(), "--epochs", "1", "--clusters",
                    (dir / "bad.txt").string(), "--out", (dir / "ar4.bin").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find((dir / "bad.txt").string() + ":2"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "ar4.bin"));
}

TEST(CliTrainNerTest, RepeatsASourceAndRejectsUnknownSources) {
  const std::filesystem::path data = SharedDataDir();
  if (data.empty()) GTEST_SKIP() << "no ../shared/data";
  TempDir dir;
  // English repeats the wikigold train split by default; --repeat none trains on every sentence once.
  CommandResult r = RunLeakgraph({"train", "ner", "--lang", "en", "--data", data.string(), "--epochs", "1",
                                  "--hash-bits", "16", "--out", (dir / "en.bin").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("repeats per epoch: wikigold=8"), std::string::npos) << r.out;
  r = RunLeakgraph({"train", "ner", "--lang", "en", "--data", data.string(), "--epochs", "1", "--hash-bits",
                    "16", "--repeat", "none", "--out", (dir / "en-once.bin").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("repeats per epoch: none"), std::string::npos) << r.out;
  EXPECT_NE(ReadFile(dir / "en.bin"), ReadFile(dir / "en-once.bin"));
  // An unknown source or a malformed count fails with the reason, and writes no model.
  r = RunLeakgraph({"train", "ner", "--lang", "en", "--data", data.string(), "--epochs", "1", "--repeat",
                    "wikipedia=2", "--out", (dir / "bad.bin").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no training source 'wikipedia' (sources: re3d/"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("wikigold"), std::string::npos) << r.err;
  r = RunLeakgraph({"train", "ner", "--lang", "en", "--data", data.string(), "--epochs", "1", "--repeat",
                    "wikigold=many", "--out", (dir / "bad.bin").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("repeat 'wikigold=many': expected SOURCE=N"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "bad.bin"));
}

// --ensemble N averages N perceptrons (seeds --seed, --seed + 1, ...) into one model file.
TEST(CliTrainNerTest, EnsembleAveragesSeveralMembersIntoOneModel) {
  const std::filesystem::path data = SharedDataDir();
  if (data.empty()) GTEST_SKIP() << "no ../shared/data";
  TempDir dir;
  CommandResult one = RunLeakgraph({"train", "ner", "--lang", "ar", "--data", data.string(), "--epochs", "1",
                                    "--hash-bits", "16", "--out", (dir / "one.bin").string()});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out.find("member "), std::string::npos) << one.out;
  CommandResult two = RunLeakgraph({"train", "ner", "--lang", "ar", "--data", data.string(), "--epochs", "1",
                                    "--hash-bits", "16", "--ensemble", "2", "--out", (dir / "two.bin").string()});
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_NE(two.out.find("member 1/2  epoch  1"), std::string::npos) << two.out;
  EXPECT_NE(two.out.find("member 2/2  epoch  1"), std::string::npos) << two.out;
  EXPECT_NE(ReadFile(dir / "one.bin"), ReadFile(dir / "two.bin"));
  // The averaged model tags: it scores the dev split like any model.
  CommandResult eval = RunLeakgraph({"eval", "ner", "--lang", "ar", "--model", (dir / "two.bin").string(),
                                     "--dev-only", "--json", (data / "ner" / "ar" / "anercorp-train.txt").string()});
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  EXPECT_GT(json::parse(eval.out)["micro"]["f1"].get<double>(), 0.5) << eval.out;
  CommandResult bad = RunLeakgraph({"train", "ner", "--lang", "ar", "--data", data.string(), "--ensemble", "0",
                                    "--out", (dir / "bad.bin").string()});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("--ensemble"), std::string::npos) << bad.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "bad.bin"));
}

}  // namespace
}  // namespace leakgraph::testing
