#include "ner/clusters.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "ner/features.h"
#include "ner/gazetteer.h"
#include "ner/word_features.h"

namespace leakgraph::ner {
namespace {

std::vector<std::string_view> Words(const std::string& s, std::vector<std::string>& storage) {
  std::istringstream in(s);
  storage.clear();
  for (std::string w; in >> w;) storage.push_back(w);
  return {storage.begin(), storage.end()};
}

// Words used in the same contexts share longer path prefixes than words
// used in different ones.
TEST(ClusterBuilderTest, WordsInSameContextsShareAPrefix) {
  ClusterOptions options;
  options.min_count = 1;
  options.max_depth = 6;
  options.min_node_words = 2;
  options.context_words = 50;
  options.dimensions = 64;
  ClusterBuilder builder(options);
  std::vector<std::string> storage;
  const char* cities[] = {"paris", "london", "cairo", "tehran", "berlin", "madrid"};
  const char* verbs[] = {"said", "added", "noted", "stated", "claimed", "argued"};
  for (int round = 0; round < 20; ++round)
    for (const char* c : cities)
      for (const char* v : verbs) {
        builder.AddSentence(Words(std::string("officials in ") + c + " on monday", storage));
        builder.AddSentence(Words(std::string("the minister ") + v + " that it was", storage));
      }
  const std::vector<ClusterBuilder::Entry> entries = builder.Build();
  ASSERT_FALSE(entries.empty());
  EXPECT_GE(entries.front().count, entries.back().count);  // most frequent first
  std::map<std::string, ClusterPath> path;
  for (const auto& e : entries) path[e.word] = e.path;
  ASSERT_TRUE(path.count("paris") && path.count("said"));
  auto shared = [&](const std::string& a, const std::string& b) {
    int n = 0;
    while (n < path[a].length && n < path[b].length && path[a].Prefix(n + 1) == path[b].Prefix(n + 1)) ++n;
    return n;
  };
  EXPECT_GT(path["paris"].length, 0);
  EXPECT_GT(shared("paris", "tehran"), shared("paris", "said"));
  EXPECT_GT(shared("said", "argued"), shared("said", "cairo"));

  // Building is deterministic.
  const std::vector<ClusterBuilder::Entry> again = builder.Build();
  ASSERT_EQ(again.size(), entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(again[i].word, entries[i].word);
    EXPECT_EQ(again[i].path.bits, entries[i].path.bits);
    EXPECT_EQ(again[i].path.length, entries[i].path.length);
  }
}

// Two words of one cluster share feature rows that they do not share without
// clusters (the cluster-prefix features).
TEST(ClusterFeaturesTest, WordsOfOneClusterShareFeatureRows) {
  auto shared_rows = [](const WordTables& tables) {
    FeatureScratch scratch;
    SentenceFeatures a, b;
    ExtractFeatures({"visited", "oslo"}, tables, 18, scratch, a);
    ExtractFeatures({"visited", "paris"}, tables, 18, scratch, b);
    std::set<uint32_t> rows_a(a.rows.begin() + a.offsets[1], a.rows.end());
    size_t shared = 0;
    for (uint32_t r = b.offsets[1]; r < b.rows.size(); ++r) shared += rows_a.count(b.rows[r]);
    return shared;
  };
  WordTables plain, clustered;
  clustered.clusters.AddWord("oslo", {0b101101, 6});
  clustered.clusters.AddWord("paris", {0b101101, 6});
  clustered.clusters.AddWord("visited", {0b0001, 4});
  clustered.clusters.size();
  EXPECT_GE(shared_rows(clustered), shared_rows(plain) + 4);  // at least the four prefixes
}

TEST(ClusterPathTest, PrefixEncodesLengthAndIsCappedAtThePath) {
  const ClusterPath p{0b1011, 4};
  EXPECT_EQ(p.Prefix(1), 0b11u);   // length 1, bit 1
  EXPECT_EQ(p.Prefix(2), 0b110u);  // length 2, bits 10
  EXPECT_EQ(p.Prefix(4), 0b11011u);
  EXPECT_EQ(p.Prefix(10), p.Prefix(4));
  EXPECT_NE(ClusterPath({0b0, 1}).Prefix(1), ClusterPath({0b00, 2}).Prefix(2));
}

TEST(WordClustersTest, FileRoundTripAndBinaryRoundTrip) {
  const std::filesystem::path file = std::filesystem::temp_directory_path() / "leakgraph_clusters_test.txt";
  {
    std::ofstream out(file);
    out << "0110\tParis\t12\n0111\tlondon\t9\n10\tsaid\n";
  }
  Result<WordClusters> read = ReadClusterFile(file.string());
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->size(), 3u);
  const ClusterPath* paris = read->Find(HashBytes(FoldWord("PARIS")));  // folded like the features
  ASSERT_NE(paris, nullptr);
  EXPECT_EQ(paris->bits, 0b0110u);
  EXPECT_EQ(paris->length, 4);
  EXPECT_EQ(read->Find(HashBytes(FoldWord("berlin"))), nullptr);

  std::stringstream binary;
  read->Write(binary);
  WordClusters loaded;
  ASSERT_TRUE(loaded.Read(binary).ok());
  ASSERT_NE(loaded.Find(HashBytes("said")), nullptr);
  EXPECT_EQ(loaded.Find(HashBytes("said"))->bits, 0b10u);

  std::stringstream truncated(binary.str().substr(0, 10));
  std::string whole;
  {
    std::stringstream again;
    read->Write(again);
    whole = again.str();
  }
  std::stringstream cut(whole.substr(0, whole.size() - 3));
  EXPECT_FALSE(loaded.Read(cut).ok());
  std::filesystem::remove(file);
}

TEST(WordClustersTest, BadClusterFileNamesFileAndLine) {
  const std::filesystem::path file = std::filesystem::temp_directory_path() / "leakgraph_clusters_bad.txt";
  {
    std::ofstream out(file);
    out << "01\tok\n01x\tbad\n";
  }
  Result<WordClusters> read = ReadClusterFile(file.string());
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find(file.string() + ":2"), std::string::npos) << read.status().message();
  EXPECT_FALSE(ReadClusterFile((file.string() + ".missing")).ok());
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace leakgraph::ner
