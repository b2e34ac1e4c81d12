// kill -9 at random moments, then the same ingest again, must end in exactly
// the state of an uninterrupted run: no document lost, none duplicated, every
// path kept, the index consistent with the store.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "test_support.h"

namespace leakgraph::testing {
namespace {

namespace fs = std::filesystem;

// A corpus of a few hundred files in several formats, with duplicates and
// embedded parts, large enough that an ingest takes a noticeable time.
void WriteCorpus(const fs::path& dir) {
  fs::create_directories(dir);
  fs::copy(SourceDir() / "examples" / "sample-archive", dir / "sample", fs::copy_options::recursive);
  fs::copy(SourceDir() / "examples" / "sample-archive", dir / "sample-copy", fs::copy_options::recursive);
  std::mt19937 rng(42);
  const char* words[] = {"minister", "embassy", "transfer", "meeting", "وزير", "سفارة", "تحويل",
                         "وزیر", "سفارت", "پرداخت", "general", "station", "report", "cable"};
  for (int i = 0; i < 400; ++i) {
    std::string text = "Document " + std::to_string(i) + " uniqueword" + std::to_string(i) + "\n";
    for (int w = 0; w < 3000; ++w) text += std::string(words[rng() % 14]) + (w % 12 == 11 ? ".\n" : " ");
    WriteFile(dir / "bulk" / ("d" + std::to_string(i / 50)) / ("doc" + std::to_string(i) + ".txt"), text);
  }
  for (int i = 0; i < 40; ++i) {
    std::string mail = "From: agent" + std::to_string(i) + "@example.org\nTo: desk@example.org\n"
                       "Subject: report " + std::to_string(i) + "\nMessage-ID: <m" + std::to_string(i) +
                       "@example.org>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n"
                       "--XX\nContent-Type: text/plain\n\nbody of mail " + std::to_string(i) +
                       "\n--XX\nContent-Type: text/plain\nContent-Disposition: attachment; filename=shared.txt\n\n"
                       "the same attachment in every mail\n--XX--\n";
    WriteFile(dir / "mail" / ("m" + std::to_string(i) + ".eml"), mail);
  }
}

struct CaseState {
  std::set<std::string> documents;  // hash|type|lang|title|parent-hash|paths
  nlohmann::json status;
};

CaseState Snapshot(const fs::path& case_dir) {
  CaseState state;
  auto docs = RunLeakgraph({"documents", case_dir.string(), "--json"});
  EXPECT_EQ(docs.exit_code, 0) << docs.err;
  auto list = nlohmann::json::parse(docs.out);
  std::map<std::int64_t, std::string> hash_of;
  for (auto& d : list) hash_of[d["id"].get<std::int64_t>()] = d["hash"].get<std::string>();
  for (auto& d : list) {
    std::string parent = d["parent"].is_null() ? "-" : hash_of[d["parent"].get<std::int64_t>()];
    std::string row = d["hash"].get<std::string>() + "|" + d["type"].get<std::string>() + "|" +
                      d["lang"].get<std::string>() + "|" + d["title"].get<std::string>() + "|" + parent;
    for (auto& p : d["paths"]) row += "|" + p.get<std::string>();
    EXPECT_TRUE(state.documents.insert(row).second) << "duplicate row " << row;
  }
  auto status = RunLeakgraph({"status", case_dir.string(), "--json"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  state.status = nlohmann::json::parse(status.out);
  return state;
}

std::set<std::string> SearchPaths(const fs::path& case_dir, const std::string& query) {
  auto r = RunLeakgraph({"search", case_dir.string(), query, "--json", "-n", "1000"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> paths;
  // The parsed reply must outlive the loop: a range-for over a member of a temporary reads freed memory.
  const nlohmann::json reply = nlohmann::json::parse(r.out);
  for (const auto& h : reply.value("hits", nlohmann::json::array())) paths.insert(h.value("path", ""));
  return paths;
}

// Starts `leakgraph ingest` and kills it with SIGKILL after `delay`.
// Returns true iff the process was still running when killed.
bool IngestAndKill(const fs::path& case_dir, const fs::path& corpus, std::chrono::milliseconds delay) {
  return RunLeakgraphAndKill({"ingest", "-q", case_dir.string(), corpus.string()}, delay);
}

TEST(CrashResumeTest, KillNineAtRandomMomentsEndsLikeAnUninterruptedRun) {
  TempDir tmp;
  WriteCorpus(tmp / "corpus");
  fs::path corpus = tmp / "corpus";

  fs::path reference = tmp / "reference";
  auto full = RunLeakgraph({"ingest", "-q", reference.string(), corpus.string()});
  ASSERT_EQ(full.exit_code, 0) << full.err;
  CaseState expected = Snapshot(reference);
  ASSERT_GT(expected.documents.size(), 400u);
  ASSERT_TRUE(expected.status["index_consistent"].get<bool>());

  fs::path interrupted = tmp / "interrupted";
  std::mt19937 rng(20261129);
  int kills = 0;
  for (int round = 0; round < 10; ++round) {
    auto delay = std::chrono::milliseconds(5 + rng() % 1200);
    if (IngestAndKill(interrupted, corpus, delay)) ++kills;
  }
  EXPECT_GT(kills, 0) << "no ingest was interrupted; the corpus is too small to test anything";
  auto resumed = RunLeakgraph({"ingest", "-q", interrupted.string(), corpus.string()});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  CaseState actual = Snapshot(interrupted);

  EXPECT_EQ(actual.documents, expected.documents);
  EXPECT_EQ(actual.status["documents"], expected.status["documents"]);
  EXPECT_EQ(actual.status["by_type"], expected.status["by_type"]);
  EXPECT_EQ(actual.status["by_language"], expected.status["by_language"]);
  EXPECT_EQ(actual.status["failures"].size(), expected.status["failures"].size());
  EXPECT_TRUE(actual.status["index_consistent"].get<bool>()) << actual.status.dump();
  for (const char* query : {"uniqueword7", "minister", "وزير", "\"same attachment\"", "path:sample", "lang:fa"}) {
    EXPECT_EQ(SearchPaths(interrupted, query), SearchPaths(reference, query)) << query;
  }

  // A further run over the unchanged corpus does no work beyond hashing.
  auto again = RunLeakgraph({"ingest", interrupted.string(), corpus.string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find(" 0 new documents, 0 duplicates"), std::string::npos) << again.out;
  EXPECT_EQ(Snapshot(interrupted).documents, expected.documents);
}

}  // namespace
}  // namespace leakgraph::testing
