#include "index/index.h"

#include "index/search_stemmer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>

#include <sys/stat.h>

namespace leakgraph::index {
namespace {

namespace fs = std::filesystem;

class ScratchDir {
 public:
  ScratchDir() : path_(fs::temp_directory_path() / ("leakgraph-index-" + std::to_string(std::random_device{}()))) {
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
};

IndexableDocument Doc(std::string hash, std::string title, std::string text, std::string lang = "en") {
  IndexableDocument d;
  d.hash = std::move(hash);
  d.title = std::move(title);
  d.text = std::move(text);
  d.language = std::move(lang);
  d.content_type = "text/plain";
  d.paths = {"/leak/" + d.hash + ".txt"};
  return d;
}

bool HasPair(const std::vector<std::pair<std::string, std::string>>& pairs, const std::string& key,
             const std::string& word) {
  return std::find(pairs.begin(), pairs.end(), std::make_pair(key, word)) != pairs.end();
}

TEST(StemSynonymsTest, EveryFreeTextWordIsListedUnderItsStemKey) {
  IndexDocumentBuilder builder;
  Xapian::Document xdoc = builder.Build(Doc("h1", "Secret negotiations", "The negotiations failed."));
  Xapian::Stem stemmer = MakeSearchStemmer();
  std::vector<std::pair<std::string, std::string>> pairs;
  StemSynonymsOf(xdoc, stemmer, pairs);
  EXPECT_TRUE(HasPair(pairs, "Znegoti", "negotiations"));
  EXPECT_TRUE(HasPair(pairs, "ZSnegoti", "Snegotiations"));  // title: field
  EXPECT_TRUE(HasPair(pairs, "Zfail", "failed"));
  for (const auto& [key, word] : pairs) {
    EXPECT_NE(word.rfind("Q", 0), 0u) << "unique-id term listed: " << word;
    EXPECT_NE(word.rfind("L", 0), 0u) << "language filter listed: " << word;
    EXPECT_NE(word.rfind("T", 0), 0u) << "type filter listed: " << word;
  }
}

// The seen-set of StemSynonymsOf: a word already listed is skipped, across
// documents, and only until the set is cleared (after a commit).
TEST(StemSynonymsTest, SeenWordsAreListedOnceUntilTheSetIsCleared) {
  IndexDocumentBuilder builder;
  Xapian::Stem stemmer = MakeSearchStemmer();
  FingerprintSet seen;
  std::vector<std::pair<std::string, std::string>> first, second, after_clear;
  StemSynonymsOf(builder.Build(Doc("h1", "", "The negotiations failed.")), stemmer, first, &seen);
  StemSynonymsOf(builder.Build(Doc("h2", "", "Negotiations resumed.")), stemmer, second, &seen);
  EXPECT_TRUE(HasPair(first, "Znegoti", "negotiations"));
  EXPECT_FALSE(HasPair(second, "Znegoti", "negotiations"));
  EXPECT_TRUE(HasPair(second, "Zresum", "resumed"));
  seen.Clear();
  StemSynonymsOf(builder.Build(Doc("h3", "", "Negotiations resumed.")), stemmer, after_clear, &seen);
  EXPECT_TRUE(HasPair(after_clear, "Znegoti", "negotiations"));
}

// Xapian's query parser only stems words that start with a letter; a pair for
// a number or a symbol would never be read, so none is formed.
TEST(StemSynonymsTest, WordsTheQueryParserNeverStemsGetNoPair) {
  IndexDocumentBuilder builder;
  Xapian::Stem stemmer = MakeSearchStemmer();
  std::vector<std::pair<std::string, std::string>> pairs;
  StemSynonymsOf(builder.Build(Doc("h1", "1998 budget", "In 1998 the budget was 1,134,000 dlrs; وزارة ۱۳۹۸")),
                 stemmer, pairs);
  for (const auto& [key, word] : pairs) {
    EXPECT_NE(word, "1998");
    EXPECT_NE(word, "S1998");
    EXPECT_NE(word, "1,134,000");
    EXPECT_NE(word, "1398");  // Persian digits, folded
  }
  EXPECT_TRUE(HasPair(pairs, "Zbudget", "budget"));
  EXPECT_TRUE(HasPair(pairs, "ZSbudget", "Sbudget"));
  EXPECT_TRUE(std::any_of(pairs.begin(), pairs.end(), [](const auto& p) { return p.second == "وزارة" || p.second == "وزاره"; }));
}

// With a mutex, one seen-set serves several threads (the shards of ReplaceMany):
// each word is listed by exactly one of them.
TEST(StemSynonymsTest, ASharedSeenSetListsEachWordOnceAcrossThreads) {
  FingerprintSet seen;
  std::mutex seen_mutex;
  std::vector<std::pair<std::string, std::string>> found[2];
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      IndexDocumentBuilder builder;
      Xapian::Stem stemmer = MakeSearchStemmer();
      for (int i = 0; i < 50; ++i) {
        StemSynonymsOf(builder.Build(Doc("h" + std::to_string(i), "", "negotiations resumed word" + std::to_string(i))),
                       stemmer, found[t], &seen, &seen_mutex);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::vector<std::string> words;
  for (const auto& list : found) {
    for (const auto& [key, word] : list) words.push_back(word);
  }
  std::sort(words.begin(), words.end());
  EXPECT_EQ(std::adjacent_find(words.begin(), words.end()), words.end()) << "a word listed twice";
  EXPECT_EQ(std::count(words.begin(), words.end(), "negotiations"), 1);
  EXPECT_EQ(std::count(words.begin(), words.end(), "word49"), 1);
}

TEST(FingerprintSetTest, InsertsOnceAndKeepsEverythingWhileGrowing) {
  FingerprintSet set;
  for (int i = 0; i < 100000; ++i) ASSERT_TRUE(set.Insert("word" + std::to_string(i))) << i;
  EXPECT_EQ(set.size(), 100000u);
  for (int i = 0; i < 100000; ++i) ASSERT_FALSE(set.Insert("word" + std::to_string(i))) << i;
  EXPECT_TRUE(set.Insert(""));
  EXPECT_FALSE(set.Insert(""));
  set.Clear();
  EXPECT_EQ(set.size(), 0u);
  EXPECT_TRUE(set.Insert("word7"));
}

// Store id i must come back as docid i from the sharded index, and a query
// word must find the other forms of its stem (synonym expansion).
TEST(ShardedIndexTest, DocidsAreStoreIdsAndStemsExpandAcrossShards) {
  ScratchDir dir;
  {
    auto writer = IndexWriter::Open(dir.str(), /*shards_if_new=*/3);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    ASSERT_EQ((*writer)->shard_count(), 3u);
    IndexDocumentBuilder builder;
    std::vector<std::pair<std::int64_t, Xapian::Document>> docs;
    for (int id = 1; id <= 7; ++id) {
      docs.emplace_back(id, builder.Build(Doc("h" + std::to_string(id), "report " + std::to_string(id),
                                              "filler text uniqueword" + std::to_string(id))));
    }
    docs.emplace_back(8, builder.Build(Doc("h8", "talks", "They were negotiating for weeks.")));
    docs.emplace_back(9, builder.Build(Doc("h9", "minutes", "The negotiations ended.")));
    docs.emplace_back(10, builder.Build(Doc("h10", "وزیر", "التقى الوزير بالسفير في الكتاب", "ar")));
    ASSERT_TRUE((*writer)->ReplaceMany(docs).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
    EXPECT_EQ((*writer)->DocumentCount(), 10u);
  }
  auto searcher = Searcher::Open(dir.str());
  ASSERT_TRUE(searcher.ok()) << searcher.status().message();
  for (int id = 1; id <= 7; ++id) {
    auto r = (*searcher)->Search({"uniqueword" + std::to_string(id), 0, 10}, {});
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->hits.size(), 1u);
    EXPECT_EQ(r->hits[0].docid, static_cast<std::uint32_t>(id));
  }
  auto stems = (*searcher)->Search({"negotiation", 0, 10}, {});
  ASSERT_TRUE(stems.ok());
  std::vector<std::uint32_t> ids;
  for (const auto& h : stems->hits) ids.push_back(h.docid);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::uint32_t>{8, 9}));
  // The docid of the one hit of `query`; 0 (and a failure) unless exactly one.
  auto only_hit = [&](const std::string& query) -> std::uint32_t {
    auto found = (*searcher)->Search({query, 0, 10}, {});
    if (!found.ok() || found->hits.size() != 1) {
      ADD_FAILURE() << query << ": " << (found.ok() ? found->hits.size() : 0) << " hits, want 1";
      return 0;
    }
    return found->hits[0].docid;
  };
  EXPECT_EQ(only_hit("\"were negotiating\""), 8u);
  EXPECT_EQ(only_hit("كتاب"), 10u);  // the text has الكتاب
  // Numbers have no synonym pair (the parser searches them as written): still found,
  // in the text and in a field.
  EXPECT_EQ(only_hit("3"), 3u);
  EXPECT_EQ(only_hit("title:5"), 5u);
  auto title_stem = (*searcher)->Search({"title:reports", 0, 10}, {});
  ASSERT_TRUE(title_stem.ok());
  EXPECT_EQ(title_stem->hits.size(), 7u);
}


std::uintmax_t FolderBytes(const fs::path& dir) {
  std::uintmax_t total = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}

ino_t InodeOf(const fs::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

// The flush threshold follows the size the index should reach, and Open puts
// it where Xapian reads it when it opens a shard (unless the user set it: then
// the test has nothing to check).
TEST(ShardedIndexTest, TheFlushThresholdGrowsWithTheExpectedIndex) {
  EXPECT_EQ(IndexWriter::FlushThresholdFor(0), IndexWriter::kFlushDocumentsPerShard);
  EXPECT_EQ(IndexWriter::FlushThresholdFor(5000), IndexWriter::kFlushDocumentsPerShard);
  EXPECT_EQ(IndexWriter::FlushThresholdFor(50000), 500u);
  EXPECT_EQ(IndexWriter::FlushThresholdFor(500000), IndexWriter::kMaxFlushDocumentsPerShard);
  EXPECT_EQ(IndexWriter::FlushThresholdFor(50000000), IndexWriter::kMaxFlushDocumentsPerShard);
  ScratchDir small, large;
  {
    auto writer = IndexWriter::Open(large.str(), /*shards_if_new=*/2, /*expected_documents=*/1000000);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
  }
  const char* value = std::getenv("XAPIAN_FLUSH_THRESHOLD");
  ASSERT_NE(value, nullptr);
  if (std::string(value) != std::to_string(IndexWriter::kMaxFlushDocumentsPerShard)) {
    GTEST_SKIP() << "XAPIAN_FLUSH_THRESHOLD set by the user: " << value;
  }
  auto writer = IndexWriter::Open(small.str(), /*shards_if_new=*/2);
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  EXPECT_EQ(std::string(std::getenv("XAPIAN_FLUSH_THRESHOLD")), std::to_string(IndexWriter::kFlushDocumentsPerShard));
}

// Every shard flushes every kFlushDocumentsPerShard documents; the writer that
// built the index compacts it at the end: smaller, every document under its
// store id (gaps of removed documents kept), no folder left behind, and the
// writer still usable. A writer that adds less than the index held does not
// compact.
TEST(ShardedIndexTest, FlushedShardsAreCompactedWhenTheIndexAtLeastDoubled) {
  ScratchDir dir;
  const int documents = static_cast<int>(IndexWriter::kFlushDocumentsPerShard) * 4 + 7;  // two flushes a shard
  {
    auto writer = IndexWriter::Open(dir.str(), /*shards_if_new=*/2);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    IndexDocumentBuilder builder;
    for (int first = 1; first <= documents; first += 100) {
      std::vector<std::pair<std::int64_t, Xapian::Document>> batch;
      for (int id = first; id < first + 100 && id <= documents; ++id) {
        batch.emplace_back(id, builder.Build(Doc("h" + std::to_string(id), "cable " + std::to_string(id),
                                                 "the ambassador met the minister uniqueword" + std::to_string(id))));
      }
      ASSERT_TRUE((*writer)->ReplaceMany(batch).ok());
    }
    ASSERT_TRUE((*writer)->Remove(5).ok());
    ASSERT_TRUE((*writer)->Remove(600).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
    const std::uintmax_t flushed_bytes = FolderBytes(dir.str());
    const ino_t shard_before = InodeOf(fs::path(dir.str()) / "shard-0");
    ASSERT_TRUE((*writer)->CommitAndCompactIfGrown().ok());
    EXPECT_LT(FolderBytes(dir.str()), flushed_bytes);
    EXPECT_NE(InodeOf(fs::path(dir.str()) / "shard-0"), shard_before);  // a new folder swapped in
    for (const auto& entry : fs::directory_iterator(dir.str())) {
      EXPECT_EQ(entry.path().filename().string().find('.'), std::string::npos) << entry.path();
    }
    EXPECT_EQ((*writer)->DocumentCount(), static_cast<std::uint32_t>(documents - 2));
    // Still writable after the swap.
    ASSERT_TRUE((*writer)->Replace(documents + 1, builder.Build(Doc("late", "late", "afterthought"))).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  {
    auto searcher = Searcher::Open(dir.str());
    ASSERT_TRUE(searcher.ok()) << searcher.status().message();
    for (int id : {1, 2, 250, 251, 599, 601, documents}) {
      auto r = (*searcher)->Search({"uniqueword" + std::to_string(id), 0, 10}, {});
      ASSERT_TRUE(r.ok());
      ASSERT_EQ(r->hits.size(), 1u) << id;
      EXPECT_EQ(r->hits[0].docid, static_cast<std::uint32_t>(id));
    }
    for (int removed : {5, 600}) {
      auto r = (*searcher)->Search({"uniqueword" + std::to_string(removed), 0, 10}, {});
      ASSERT_TRUE(r.ok());
      EXPECT_TRUE(r->hits.empty()) << removed;
    }
    auto late = (*searcher)->Search({"afterthought", 0, 10}, {});
    ASSERT_TRUE(late.ok());
    ASSERT_EQ(late->hits.size(), 1u);
    EXPECT_EQ(late->hits[0].docid, static_cast<std::uint32_t>(documents + 1));
    auto stems = (*searcher)->Search({"ministers", 0, 10}, {});
    ASSERT_TRUE(stems.ok());
    EXPECT_EQ(stems->hits.size(), 10u);  // "minister" under its stem
  }
  // A small addition to a large index: no compaction (the same shard folders).
  auto writer = IndexWriter::Open(dir.str());
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  const ino_t shard_before = InodeOf(fs::path(dir.str()) / "shard-0");
  IndexDocumentBuilder builder;
  ASSERT_TRUE((*writer)->Replace(documents + 2, builder.Build(Doc("later", "later", "postscript"))).ok());
  ASSERT_TRUE((*writer)->CommitAndCompactIfGrown().ok());
  EXPECT_EQ(InodeOf(fs::path(dir.str()) / "shard-0"), shard_before);
  EXPECT_EQ((*writer)->DocumentCount(), static_cast<std::uint32_t>(documents));
}

// A compaction interrupted between its two renames leaves shard-K.compact (whole)
// and shard-K.old; one interrupted earlier leaves a partial shard-K.compact beside
// shard-K. Opening the index finishes or discards them.
TEST(ShardedIndexTest, OpeningFinishesAnInterruptedCompaction) {
  ScratchDir dir;
  IndexDocumentBuilder builder;
  {
    auto writer = IndexWriter::Open(dir.str(), /*shards_if_new=*/2);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    std::vector<std::pair<std::int64_t, Xapian::Document>> docs;
    for (int id = 1; id <= 4; ++id) {
      docs.emplace_back(id, builder.Build(Doc("h" + std::to_string(id), "t", "uniqueword" + std::to_string(id))));
    }
    ASSERT_TRUE((*writer)->ReplaceMany(docs).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  const fs::path root = dir.str();
  fs::rename(root / "shard-0", root / "shard-0.compact");  // swapped out, not yet in
  fs::create_directories(root / "shard-0.old");
  fs::create_directories(root / "shard-1.compact");  // a compaction that never finished
  {
    std::ofstream(root / "shard-1.compact" / "postlist.glass") << "partial";
  }
  {
    auto writer = IndexWriter::Open(dir.str());
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    EXPECT_EQ((*writer)->DocumentCount(), 4u);
  }
  for (const char* leftover : {"shard-0.compact", "shard-0.old", "shard-1.compact"}) {
    EXPECT_FALSE(fs::exists(root / leftover)) << leftover;
  }
  auto searcher = Searcher::Open(dir.str());
  ASSERT_TRUE(searcher.ok()) << searcher.status().message();
  for (int id = 1; id <= 4; ++id) {
    auto r = (*searcher)->Search({"uniqueword" + std::to_string(id), 0, 10}, {});
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->hits.size(), 1u) << id;
    EXPECT_EQ(r->hits[0].docid, static_cast<std::uint32_t>(id));
  }
}

}  // namespace
}  // namespace leakgraph::index
