#include "store/store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "test_support.h"

namespace leakgraph::store {
namespace {

using leakgraph::testing::TempDir;

DocumentRecord SampleDocument(const std::string& hash) {
  DocumentRecord d;
  d.hash = hash;
  d.content_type = "text/plain";
  d.language = "en";
  d.title = "report " + hash;
  d.text = "General Kourosh Tavanaei met the ambassador on 12 March 2019.";
  return d;
}

std::vector<Mention> SampleMentions() {
  return {{"PERSON", 8, 24, "Kourosh Tavanaei", "Kourosh Tavanaei", 0.97, "{}"},
          {"DATE", 47, 60, "12 March 2019", "2019-03-12", 1.0, R"({"precision":"day"})"}};
}

TEST(StoreTest, VersionOneDatabaseIsMigratedOnOpenAndKeepsItsDocuments) {
  TempDir tmp;
  std::string path = (tmp / "old.sqlite").string();
  {
    auto conn = Connection::Open(path, /*create=*/true);
    ASSERT_TRUE(conn.ok()) << conn.status().message();
    ASSERT_TRUE(conn->Execute(MigrationSql(0)).ok());
    ASSERT_TRUE(conn->Execute("INSERT INTO meta(key, value) VALUES('schema_version', '1')").ok());
    ASSERT_TRUE(conn->Execute("INSERT INTO documents(hash, content_type, text, indexed, added_at)"
                              " VALUES('abc123', 'text/plain', 'old text', 1, '2026-01-01T00:00:00Z')")
                    .ok());
  }
  {  // A reader does not migrate, and sees no mentions rather than an error.
    auto reader = Store::Open(path, false, /*read_only=*/true);
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    auto mentions = reader->Mentions(1);
    ASSERT_TRUE(mentions.ok()) << mentions.status().message();
    EXPECT_TRUE(mentions->empty());
    EXPECT_TRUE(reader->MentionCounts().ok());
  }
  auto store = Store::Open(path, false);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto version = store->SchemaVersion();
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, kSchemaVersion);
  EXPECT_EQ(kSchemaVersion, 6);
  EXPECT_TRUE(store->UnindexedDocuments(0, 10)->empty());  // it was indexed before the migration
  auto doc = store->GetDocument(1);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->hash, "abc123");
  EXPECT_EQ(doc->text, "old text");
  auto unanalysed = store->UnanalysedDocuments(0, 10);
  ASSERT_TRUE(unanalysed.ok());
  EXPECT_EQ(*unanalysed, std::vector<std::int64_t>{1});
  ASSERT_TRUE(store->ReplaceMentions(1, SampleMentions(), 1).ok());
  EXPECT_EQ(store->Mentions(1)->size(), 2u);
  EXPECT_TRUE(store->UnanalysedDocuments(0, 10)->empty());
}

TEST(StoreTest, TheIndexStateOfAVersionFiveStoreMovesToItsOwnTableAndFollowsEveryDocument) {
  TempDir tmp;
  std::string path = (tmp / "v5.sqlite").string();
  {
    auto conn = Connection::Open(path, /*create=*/true);
    ASSERT_TRUE(conn.ok()) << conn.status().message();
    for (int v = 0; v < 5; ++v) ASSERT_TRUE(conn->Execute(MigrationSql(v)).ok()) << v;
    ASSERT_TRUE(conn->Execute("INSERT INTO meta(key, value) VALUES('schema_version', '5')").ok());
    for (int id = 1; id <= 4; ++id) {
      ASSERT_TRUE(conn->Execute("INSERT INTO documents(id, hash, content_type, text, indexed, added_at) VALUES(" +
                                std::to_string(id) + ", 'h" + std::to_string(id) + "', 'text/plain', 'x', " +
                                (id % 2 ? "1" : "0") + ", '2026-01-01T00:00:00Z')")
                      .ok());
    }
  }
  {  // A reader of the old version reads the old column.
    auto reader = Store::Open(path, false, /*read_only=*/true);
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    EXPECT_EQ(*reader->UnindexedCount(), 2);
    EXPECT_EQ(*reader->UnindexedDocuments(0, 10), (std::vector<std::int64_t>{2, 4}));
  }
  auto store = Store::Open(path, false);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(*store->SchemaVersion(), 6);
  EXPECT_EQ(*store->UnindexedDocuments(0, 10), (std::vector<std::int64_t>{2, 4}));
  EXPECT_EQ(*store->UnindexedDocuments(2, 10), (std::vector<std::int64_t>{4}));
  // A new document is unindexed until it is marked.
  auto added = store->InsertDocument(SampleDocument("new"));
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_EQ(*store->UnindexedDocuments(0, 10), (std::vector<std::int64_t>{2, 4, *added}));
  ASSERT_TRUE(store->SetIndexed(2, true).ok());
  ASSERT_TRUE(store->SetIndexed(*added, true).ok());
  EXPECT_EQ(*store->UnindexedDocuments(0, 10), (std::vector<std::int64_t>{4}));
  ASSERT_TRUE(store->SetIndexed(1, false).ok());
  ASSERT_TRUE(store->SetIndexed(1, false).ok());  // twice is once
  ASSERT_TRUE(store->SetIndexed(99, false).ok());  // no such document: nothing to index
  EXPECT_EQ(*store->UnindexedCount(), 2);
  // A deleted document leaves nothing to index behind.
  ASSERT_TRUE(store->connection().Execute("DELETE FROM documents WHERE id = 4").ok());
  EXPECT_EQ(*store->UnindexedDocuments(0, 10), (std::vector<std::int64_t>{1}));
  ASSERT_TRUE(store->MarkAllUnindexed().ok());
  EXPECT_EQ(*store->UnindexedDocuments(0, 10), (std::vector<std::int64_t>{1, 2, 3, *added}));
}

TEST(StoreTest, ReplaceMentionsReplacesAndCounts) {
  TempDir tmp;
  auto store = Store::Open((tmp / "s.sqlite").string(), /*create=*/true);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto a = store->InsertDocument(SampleDocument("aaa"));
  auto b = store->InsertDocument(SampleDocument("bbb"));
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(store->Begin().ok());
  ASSERT_TRUE(store->ReplaceMentions(*a, SampleMentions(), 1).ok());
  ASSERT_TRUE(store->ReplaceMentions(*a, SampleMentions(), 1).ok());  // again: no duplicates
  ASSERT_TRUE(store->ReplaceMentions(*b, {SampleMentions()[0]}, 1).ok());
  ASSERT_TRUE(store->Commit().ok());

  auto mentions = store->Mentions(*a);
  ASSERT_TRUE(mentions.ok());
  EXPECT_EQ(*mentions, SampleMentions());
  auto counts = store->MentionCounts();
  ASSERT_TRUE(counts.ok());
  ASSERT_EQ(counts->size(), 2u);
  EXPECT_EQ((*counts)[0].key, "PERSON");
  EXPECT_EQ((*counts)[0].count, 2);
  EXPECT_EQ((*counts)[1].key, "DATE");
  auto top = store->TopMentions("PERSON", 5);
  ASSERT_TRUE(top.ok());
  ASSERT_EQ(top->size(), 1u);
  EXPECT_EQ((*top)[0].key, "Kourosh Tavanaei");
  EXPECT_EQ((*top)[0].count, 2);  // documents, not mentions

  ASSERT_TRUE(store->ReplaceMentions(*a, {}, 1).ok());
  EXPECT_TRUE(store->Mentions(*a)->empty());
}

TEST(StoreTest, MetaValuesAndUnanalysedDocuments) {
  TempDir tmp;
  auto store = Store::Open((tmp / "s.sqlite").string(), /*create=*/true);
  ASSERT_TRUE(store.ok());
  EXPECT_FALSE(store->GetMeta("analyse_run")->has_value());
  ASSERT_TRUE(store->SetMeta("analyse_run", "1").ok());
  EXPECT_EQ(store->GetMeta("analyse_run")->value_or(""), "1");
  ASSERT_TRUE(store->DeleteMeta("analyse_run").ok());
  EXPECT_FALSE(store->GetMeta("analyse_run")->has_value());

  auto id = store->InsertDocument(SampleDocument("ccc"));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*store->UnanalysedCount(), 1);
  ASSERT_TRUE(store->ReplaceMentions(*id, {}, 1).ok());
  EXPECT_EQ(*store->UnanalysedCount(), 0);
  ASSERT_TRUE(store->MarkAllUnanalysed().ok());
  EXPECT_EQ(*store->UnanalysedCount(), 1);
}

// A file ingested again clears its own failure and its parts' (path//...),
// and no other file's: not one whose name merely starts the same, nor one
// that differs in case, nor one whose name holds LIKE's wildcards.
TEST(StoreTest, ClearFailureRemovesTheFileAndItsPartsOnly) {
  TempDir tmp;
  auto store = Store::Open((tmp / "s.sqlite").string(), /*create=*/true);
  ASSERT_TRUE(store.ok());
  for (const char* path : {"/in/a_1.zip", "/in/a_1.zip//x.pdf", "/in/a_1.zip//y.zip//z.doc", "/in/a_1.zipper",
                           "/in/A_1.ZIP//w.pdf", "/in/a%1.zip//v.pdf", "/in/a_1.zip/0"}) {
    ASSERT_TRUE(store->RecordFailure(path, "broken").ok());
  }
  ASSERT_TRUE(store->ClearFailure("/in/a_1.zip").ok());
  auto failures = store->Failures();
  ASSERT_TRUE(failures.ok());
  std::vector<std::string> left;
  for (const auto& f : *failures) left.push_back(f.path);
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"/in/A_1.ZIP//w.pdf", "/in/a%1.zip//v.pdf", "/in/a_1.zip/0",
                                             "/in/a_1.zipper"}));
}

}  // namespace
}  // namespace leakgraph::store
