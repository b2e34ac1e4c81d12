// Drives `leakgraph eval names` and `leakgraph train names` as a user would:
// the JSON contract of the issue, both methods, a model trained on a tiny
// data folder, and the errors for bad input.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace leakgraph::testing {
namespace {

using nlohmann::json;

constexpr char kPairs[] =
    "Karim\tكريم\n"
    "سليم\tsalim\n"
    "mohammed\tم ح م د\t12\n"
    "Hassan\tحسن\n"
    "Jamal\tجمال\n"
    "Kamal\tكمال\n"
    "Bashir\tبشير\n"
    "Nabil\tنبيل\n";

TEST(CliEvalNamesTest, LearnedMethodPrintsTheJsonContract) {
  TempDir dir;
  WriteFile(dir / "pairs.tsv", kPairs);
  CommandResult r =
      RunLeakgraph({"eval", "names", "--format", "pairs", (dir / "pairs.tsv").string(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["pairs"], 8);
  for (const char* key : {"top1", "top5", "top1_reverse"}) {
    ASSERT_TRUE(j[key].is_number()) << key;
    EXPECT_GE(j[key].get<double>(), 0.75) << key;  // the committed model knows these names
  }
  EXPECT_DOUBLE_EQ(j["top5"].get<double>(), 1.0);
}

TEST(CliEvalNamesTest, IcuBaselineAndTextOutput) {
  TempDir dir;
  WriteFile(dir / "pairs.tsv", kPairs);
  CommandResult r = RunLeakgraph({"eval", "names", (dir / "pairs.tsv").string(), "--method", "icu"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("method icu: 8 pairs"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("top-1"), std::string::npos) << r.out;
}

TEST(CliEvalNamesTest, TrainsOnTheTrainFilesAndLeavesDevNamesOut) {
  TempDir dir;
  const auto names = dir / "data" / "names";
  std::filesystem::create_directories(names);
  WriteFile(names / "anetac-translit-train.tsv", "Karim\tكريم\nSalim\tسليم\nHamid\tحامد\nSamir\tسمير\n");
  WriteFile(names / "google-ar2en-train.tsv", "جمال\tjamal\nكمال\tkamal\nنبيل\tnabil\n");
  WriteFile(names / "wikidata-ar-train.tsv", "bashir\tب ش ي ر\t3\nrashid\tر ش ي د\t2\nhassan\tح س ن\t4\n");
  WriteFile(names / "anetac-translit-dev.tsv", "Hassan\tحسن\n");
  WriteFile(names / "google-ar2en-eval.tsv", "حامد\thamid\n");
  const std::string model = (dir / "m.bin").string();
  CommandResult r = RunLeakgraph(
      {"train", "names", "--data", (dir / "data").string(), "--out", model, "--iterations", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("train names: 8 pairs (2 dropped"), std::string::npos) << r.out;
  WriteFile(dir / "pairs.tsv", kPairs);
  r = RunLeakgraph({"eval", "names", (dir / "pairs.tsv").string(), "--model", model, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["pairs"], 8);
}

TEST(CliEvalNamesTest, BadInputFailsWithTheFileName) {
  TempDir dir;
  CommandResult r = RunLeakgraph({"eval", "names", (dir / "missing.tsv").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.tsv"), std::string::npos) << r.err;
  WriteFile(dir / "empty.tsv", "only latin\there\n");
  r = RunLeakgraph({"eval", "names", (dir / "empty.tsv").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no name pairs"), std::string::npos) << r.err;
  WriteFile(dir / "bad.bin", "junk\n");
  WriteFile(dir / "pairs.tsv", kPairs);
  r = RunLeakgraph({"eval", "names", (dir / "pairs.tsv").string(), "--model", (dir / "bad.bin").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.bin"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace leakgraph::testing
