// The relations table and the entity-level views derived from it.
#include <gtest/gtest.h>

#include "store/store.h"
#include "test_support.h"

namespace leakgraph::store {
namespace {

using leakgraph::testing::TempDir;

// "A met B. A paid C $5,000 on 3 May 2019. B met A." with the mentions of A, B, C.
struct Fixture {
  TempDir tmp;
  Result<Store> store = Store::Open((tmp / "s.sqlite").string(), /*create=*/true);
  std::string text = "Arash met Tariq. Arash paid Noor $5,000 on 3 May 2019. Tariq met Arash.";
  std::int64_t doc = 0;
  std::vector<Mention> mentions;     // as stored
  std::vector<Relation> relations;  // as stored

  Mention At(const std::string& type, const std::string& surface, std::size_t from,
             const std::string& norm = "") {
    std::size_t at = text.find(surface, from);
    return {type, at, at + surface.size(), surface, norm.empty() ? surface : norm, 1.0, "{}"};
  }

  Fixture() {
    DocumentRecord d;
    d.hash = "h1";
    d.content_type = "text/plain";
    d.text = text;
    doc = *store->InsertDocument(d);
    EXPECT_TRUE(store->AddLocation("/a.txt", doc, std::nullopt).ok());
    mentions = {At("PERSON", "Arash", 0),
                At("PERSON", "Tariq", 0),
                At("PERSON", "Arash", 17),
                At("ORG", "Noor", 0),
                At("MONEY", "$5,000", 0, "5000 USD"),
                At("DATE", "3 May 2019", 0, "2019-05-03"),
                At("PERSON", "Tariq", 50),
                At("PERSON", "Arash", 60)};
    std::size_t second = text.find('.') + 2, third = text.rfind("Tariq");
    auto rel = [&](std::string type, std::size_t s, std::size_t t, std::size_t sb, std::size_t se,
                   std::string trigger) {
      Relation r;
      r.type = std::move(type);
      r.source = s;
      r.target = t;
      r.sentence_begin = sb;
      r.sentence_end = se;
      r.trigger_begin = text.find(trigger, sb);
      r.trigger_end = r.trigger_begin + trigger.size();
      return r;
    };
    relations = {rel("met_with", 0, 1, 0, 16, "met"),
                 rel("paid", 2, 3, second, third - 1, "paid"),
                 rel("met_with", 6, 7, third, text.size(), "met")};
    relations[1].amount = 4;
    relations[1].date = 5;
    Relation dated;
    dated.type = kDated;
    dated.source = 2;
    dated.target = 5;
    dated.sentence_begin = second;
    dated.sentence_end = third - 1;
    relations.push_back(dated);
    EXPECT_TRUE(store->ReplaceMentionsAndRelations(doc, mentions, relations, 2, 1).ok());
    LinkEntities();
  }

  // Entities: Arash (mentions 0, 2, 7 of each document), Tariq (1, 6), Noor (3).
  void LinkEntities() {
    auto names = store->NameMentions();
    std::vector<EntityRow> entities(3);
    const char* const kNames[][2] = {{"PERSON", "Arash"}, {"PERSON", "Tariq"}, {"ORG", "Noor"}};
    for (int i = 0; i < 3; ++i) {
      entities[i].id = i + 1;
      entities[i].type = kNames[i][0];
      entities[i].name = kNames[i][1];
    }
    for (const auto& n : *names) {
      int e = n.text == "Arash" ? 0 : n.text == "Tariq" ? 1 : 2;
      entities[e].mentions.push_back({n.id, "same-name", 1.0});
    }
    EXPECT_TRUE(store->ReplaceEntities(entities).ok());
  }
};

TEST(TiesTest, RelationsAggregateIntoTiesWithEvidence) {
  Fixture f;
  ASSERT_TRUE(f.store.ok());
  auto ties = f.store->Ties({});
  ASSERT_TRUE(ties.ok()) << ties.status().message();
  ASSERT_EQ(ties->size(), 2u);
  // Both meetings are one symmetric tie, source id < target id, heaviest first.
  const TieRow& met = (*ties)[0];
  EXPECT_EQ(met.type, "met_with");
  EXPECT_EQ(met.source.name, "Arash");
  EXPECT_EQ(met.target.name, "Tariq");
  EXPECT_EQ(met.weight, 2);
  EXPECT_EQ(met.documents, 1);
  ASSERT_EQ(met.evidence.size(), 2u);
  EXPECT_EQ(met.evidence[0].text, "Arash met Tariq.");
  EXPECT_EQ(met.evidence[0].trigger, "met");
  EXPECT_EQ(met.evidence[0].path, "/a.txt");
  const TieRow& paid = (*ties)[1];
  EXPECT_EQ(paid.type, "paid");
  EXPECT_EQ(paid.source.name, "Arash");
  EXPECT_EQ(paid.target.name, "Noor");
  ASSERT_TRUE(paid.evidence[0].amount.has_value());
  EXPECT_EQ(*paid.evidence[0].amount, 5000);
  EXPECT_EQ(paid.evidence[0].currency, "USD");
  EXPECT_EQ(paid.evidence[0].date, "2019-05-03");

  // Filters: one entity, one type, weight, evidence count.
  TieQuery q;
  q.entity = 3;
  EXPECT_EQ(f.store->Ties(q)->size(), 1u);
  q = {};
  q.type = "paid";
  EXPECT_EQ(f.store->Ties(q)->size(), 1u);
  q = {};
  q.min_weight = 2;
  EXPECT_EQ(f.store->Ties(q)->size(), 1u);
  q = {};
  q.max_evidence = 1;
  EXPECT_EQ((*f.store->Ties(q))[0].evidence.size(), 1u);
  // One entity's ties with another: only those, in either direction.
  q = {};
  q.entity = 1;
  q.other = 3;
  auto pair = f.store->Ties(q);
  ASSERT_TRUE(pair.ok());
  ASSERT_EQ(pair->size(), 1u);
  EXPECT_EQ((*pair)[0].type, "paid");
  EXPECT_EQ((*pair)[0].evidence[0].trigger, "paid");
  q.entity = 3;
  q.other = 1;
  EXPECT_EQ(f.store->Ties(q)->size(), 1u);
  q.other = 2;
  EXPECT_TRUE(f.store->Ties(q)->empty());
}

// Ties count distinct sentences and documents across documents: a second
// document stating the same meetings doubles both; a relation repeating a
// sentence already counted (here written by hand after the other document's
// relations, so that a document's relations are no longer together in the
// table) changes neither.
TEST(TiesTest, WeightsCountDistinctSentencesAcrossDocuments) {
  Fixture f;
  ASSERT_TRUE(f.store.ok());
  DocumentRecord d;
  d.hash = "h2";
  d.content_type = "text/plain";
  d.text = f.text;
  auto second = f.store->InsertDocument(d);
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(f.store->ReplaceMentionsAndRelations(*second, f.mentions, f.relations, 2, 1).ok());
  f.LinkEntities();
  auto met_of = [&](const std::vector<TieRow>& ties) -> const TieRow* {
    for (const auto& t : ties) {
      if (t.type == "met_with") return &t;
    }
    return nullptr;
  };
  auto ties = f.store->Ties({});
  ASSERT_TRUE(ties.ok()) << ties.status().message();
  const TieRow* met = met_of(*ties);
  ASSERT_NE(met, nullptr);
  EXPECT_EQ(met->weight, 4);
  EXPECT_EQ(met->documents, 2);
  // The first document's first meeting once more, as a relation written last.
  ASSERT_TRUE(f.store->connection()
                  .Execute("INSERT INTO relations(document_id, type, source_mention, target_mention, sentence_begin,"
                        " sentence_end, trigger_begin, trigger_end, confidence, evidence)"
                        " SELECT document_id, type, target_mention, source_mention, sentence_begin, sentence_end,"
                        " trigger_begin, trigger_end, confidence, evidence FROM relations"
                        " WHERE document_id = " + std::to_string(f.doc) + " AND type = 'met_with'"
                        " ORDER BY id LIMIT 1")
                  .ok());
  TieQuery of_tariq;
  of_tariq.entity = 2;
  for (const TieQuery& q : {TieQuery(), of_tariq}) {
    ties = f.store->Ties(q);
    ASSERT_TRUE(ties.ok()) << ties.status().message();
    met = met_of(*ties);
    ASSERT_NE(met, nullptr);
    EXPECT_EQ(met->weight, 4);
    EXPECT_EQ(met->documents, 2);
    EXPECT_EQ(met->source.name, "Arash");  // the reversed copy is the same symmetric tie
  }
}

TEST(TiesTest, EntityDocumentsCountEveryMentionAndListTheFirst) {
  Fixture f;
  ASSERT_TRUE(f.store.ok());
  // Arash: three mentions in the one document.
  auto page = f.store->EntityDocumentsOf(1, 10, 2);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->mention_count, 3u);
  EXPECT_EQ(page->document_count, 1u);
  ASSERT_EQ(page->documents.size(), 1u);
  const EntityDocumentRow& d = page->documents[0];
  EXPECT_EQ(d.document_id, f.doc);
  EXPECT_EQ(d.path, "/a.txt");
  EXPECT_EQ(d.mention_count, 3u);
  ASSERT_EQ(d.mentions.size(), 2u);  // the first two, by offset
  EXPECT_EQ(d.mentions[0].begin, 0u);
  EXPECT_EQ(d.mentions[1].begin, f.text.find("Arash", 1));
  EXPECT_EQ(d.mentions[0].text, "Arash");
  EXPECT_EQ(d.mentions[0].reason, "same-name");
  // No documents listed: the counts still hold; an unknown entity has none.
  auto counts = f.store->EntityDocumentsOf(1, 0, 5);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->mention_count, 3u);
  EXPECT_TRUE(counts->documents.empty());
  auto none = f.store->EntityDocumentsOf(99, 10, 5);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->mention_count, 0u);
}

TEST(TiesTest, PaymentsAndTimeline) {
  Fixture f;
  auto payments = f.store->Payments(std::nullopt);
  ASSERT_TRUE(payments.ok());
  ASSERT_EQ(payments->size(), 1u);
  EXPECT_EQ((*payments)[0].payer.name, "Arash");
  EXPECT_EQ((*payments)[0].payee.name, "Noor");
  EXPECT_EQ((*payments)[0].date, "2019-05-03");
  EXPECT_TRUE(f.store->Payments(2)->empty());  // Tariq paid no one
  auto events = f.store->Timeline(std::nullopt, 0);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].date, "2019-05-03");
  EXPECT_EQ((*events)[0].original, "3 May 2019");
  EXPECT_EQ((*events)[0].text, "Arash paid Noor $5,000 on 3 May 2019.");
  EXPECT_TRUE(f.store->Timeline(2, 0)->empty());
}

// An event's precision comes from its date mention's extra, wherever the key is in it.
TEST(TiesTest, TimelineReadsTheDatesPrecision) {
  Fixture f;
  f.mentions[5].extra = R"({"calendar":"gregorian","precision":"day"})";
  ASSERT_TRUE(f.store->ReplaceMentionsAndRelations(f.doc, f.mentions, f.relations, 2, 1).ok());
  f.LinkEntities();
  auto events = f.store->Timeline(std::nullopt, 0);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].precision, "day");
}

TEST(TiesTest, OneEntitysPaymentsAndEventsFromEitherEnd) {
  Fixture f;
  // The payment is Arash's (payer, entity 1) and Noor's (payee, entity 3).
  for (std::int64_t entity : {1, 3}) {
    auto payments = f.store->Payments(entity);
    ASSERT_TRUE(payments.ok()) << payments.status().message();
    ASSERT_EQ(payments->size(), 1u) << entity;
    EXPECT_EQ((*payments)[0].payer.name, "Arash");
    EXPECT_EQ((*payments)[0].payee.name, "Noor");
    EXPECT_EQ((*payments)[0].amount, 5000.0);
  }
  // Date the payment for Noor too: the event of either lists both, once.
  std::vector<Relation> again = f.relations;
  Relation noor_dated = again.back();
  ASSERT_EQ(noor_dated.type, kDated);
  noor_dated.source = 3;
  again.push_back(noor_dated);
  ASSERT_TRUE(f.store->ReplaceRelations(f.doc, again, 1).ok());
  for (std::int64_t entity : {1, 3}) {
    auto events = f.store->Timeline(entity, 0);
    ASSERT_TRUE(events.ok()) << events.status().message();
    ASSERT_EQ(events->size(), 1u) << entity;
    EXPECT_EQ((*events)[0].date, "2019-05-03");
    ASSERT_EQ((*events)[0].entities.size(), 2u);
    EXPECT_EQ((*events)[0].entities[0].name, "Arash");
    EXPECT_EQ((*events)[0].entities[1].name, "Noor");
  }
  EXPECT_TRUE(f.store->Timeline(2, 0)->empty());
  EXPECT_TRUE(f.store->Payments(99)->empty());
}

TEST(TiesTest, RelationsFollowTheirMentionsAndRefuseBadIndexes) {
  Fixture f;
  // Re-analysing the document replaces its relations with its mentions.
  ASSERT_TRUE(f.store->ReplaceMentions(f.doc, {}, 2).ok());
  EXPECT_TRUE(f.store->Ties({})->empty());
  auto counts = f.store->RelationCounts();
  EXPECT_TRUE(counts->empty());
  // linked = 0: the link stage will take it again.
  EXPECT_EQ(*f.store->UnlinkedCount(1), 1);
  Relation bad;
  bad.type = "met_with";
  bad.source = 0;
  bad.target = 5;
  Status s = f.store->ReplaceRelations(f.doc, {bad}, 1);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("does not have"), std::string::npos);
}

// Writes at `path` a store of schema `version` as older leakgraph made it, then runs `sql` in it.
void MakeStoreOfVersion(const std::string& path, int version, const std::string& sql = "") {
  auto conn = Connection::Open(path, /*create=*/true);
  ASSERT_TRUE(conn.ok());
  for (int v = 0; v < version; ++v) ASSERT_TRUE(conn->Execute(MigrationSql(v)).ok());
  ASSERT_TRUE(conn->Execute("INSERT INTO meta VALUES('schema_version','" + std::to_string(version) + "')").ok());
  if (!sql.empty()) {
    ASSERT_TRUE(conn->Execute(sql).ok()) << sql;
  }
}

TEST(TiesTest, VersionThreeStoreGainsRelations) {
  TempDir tmp;
  const std::string path = (tmp / "old.sqlite").string();
  MakeStoreOfVersion(path, 3);
  {
    auto reader = Store::Open(path, false, /*read_only=*/true);
    ASSERT_TRUE(reader.ok());
    EXPECT_TRUE(reader->Ties({})->empty());  // an old store reads as having no ties
  }
  auto store = Store::Open(path, false);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(*store->SchemaVersion(), kSchemaVersion);
  EXPECT_TRUE(store->Ties({})->empty());
}

TEST(TiesTest, FindEntitiesPagesTheMostMentionedFirst) {
  Fixture f;
  auto all = f.store->FindEntities({});
  ASSERT_TRUE(all.ok()) << all.status().message();
  EXPECT_EQ(all->total, 3u);
  ASSERT_EQ(all->entities.size(), 3u);
  EXPECT_EQ(all->entities[0].name, "Arash");
  EXPECT_EQ(all->entities[0].mention_count, 3);
  EXPECT_EQ(all->entities[1].name, "Tariq");
  EXPECT_EQ(all->entities[1].mention_count, 2);
  EXPECT_EQ(all->entities[2].name, "Noor");
  EXPECT_EQ(f.store->FindEntities({"PERSON", "", 0, 50})->total, 2u);
  // A page: the total still counts every selected entity.
  auto second = f.store->FindEntities({"", "", 1, 1});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->total, 3u);
  ASSERT_EQ(second->entities.size(), 1u);
  EXPECT_EQ(second->entities[0].name, "Tariq");
  auto past = f.store->FindEntities({"", "", 7, 10});
  EXPECT_EQ(past->total, 3u);
  EXPECT_TRUE(past->entities.empty());
  // The needle is matched in the name or any alias, ASCII letters in any case.
  std::vector<EntityRow> rows(1);
  rows[0].id = 9;
  rows[0].type = "ORG";
  rows[0].name = "Noor Holdings";
  rows[0].aliases = {{"Noor Holdings", "latin", 2, "same-name"}, {"نور القابضة", "arabic", 1, "alias-table"}};
  rows[0].mentions = {{4, "same-name", 1.0}, {5, "alias-table", 0.9}};
  ASSERT_TRUE(f.store->ReplaceEntities(rows).ok());
  for (const char* needle : {"HOLD", "noor h", "القابضة"}) {
    auto hit = f.store->FindEntities({"", needle, 0, 10});
    ASSERT_TRUE(hit.ok());
    ASSERT_EQ(hit->total, 1u) << needle;
    EXPECT_EQ(hit->entities[0].id, 9);
    EXPECT_EQ(hit->entities[0].mention_count, 2);
    ASSERT_EQ(hit->entities[0].aliases.size(), 2u);
    EXPECT_EQ(hit->entities[0].aliases[0].alias, "Noor Holdings");
  }
  EXPECT_EQ(f.store->FindEntities({"PERSON", "hold", 0, 10})->total, 0u);
  EXPECT_EQ(f.store->FindEntities({"", "Tariq", 0, 10})->total, 0u);
}

TEST(TiesTest, VersionFourStoreGainsStoredMentionCounts) {
  TempDir tmp;
  const std::string path = (tmp / "old.sqlite").string();
  MakeStoreOfVersion(path, 4,
                     "INSERT INTO entities(id, type, name) VALUES(1, 'PERSON', 'Arash'), (2, 'ORG', 'Noor');"
                     "INSERT INTO entity_mentions(mention_id, entity_id, reason) VALUES"
                     " (10, 1, 'same-name'), (11, 1, 'same-name'), (12, 2, 'same-name')");
  for (bool read_only : {true, false}) {  // a reader counts; a writer migrates and stores the counts
    auto store = Store::Open(path, false, read_only);
    ASSERT_TRUE(store.ok()) << store.status().message();
    auto page = store->FindEntities({});
    ASSERT_TRUE(page.ok()) << page.status().message();
    ASSERT_EQ(page->entities.size(), 2u);
    EXPECT_EQ(page->entities[0].name, "Arash");
    EXPECT_EQ(page->entities[0].mention_count, 2);
    EXPECT_EQ(page->entities[1].mention_count, 1);
    EXPECT_EQ(store->GetEntity(1)->mention_count, 2);
    EXPECT_EQ(*store->SchemaVersion(), read_only ? 4 : kSchemaVersion);
  }
}

// A re-resolution replaces tens of thousands of rows inside one transaction:
// the deletes' statement journal far exceeds what SQLite keeps in memory, and
// the inserts that follow (indexes on random keys) must neither fail nor
// leave a row of the first replacement.
TEST(TiesTest, ReplacingALargeEntityTableTwiceInATransactionKeepsOnlyTheSecond) {
  TempDir tmp;
  auto store = Store::Open((tmp / "s.sqlite").string(), /*create=*/true);
  ASSERT_TRUE(store.ok());
  auto entities_of = [](std::int64_t count, std::int64_t stride, const std::string& reason) {
    std::vector<EntityRow> rows(static_cast<std::size_t>(count));
    for (std::int64_t i = 0; i < count; ++i) {
      EntityRow& e = rows[static_cast<std::size_t>(i)];
      e.id = i + 1;
      e.type = i % 3 == 0 ? "ORG" : "PERSON";
      e.name = "Name " + std::to_string((i * stride) % count);
      e.aliases = {{e.name, "latin", 2, reason}, {"Alias " + std::to_string(i * stride), "latin", 1, reason}};
      // Three mentions an entity, their ids spread over the whole range.
      for (std::int64_t k = 0; k < 3; ++k) e.mentions.push_back({k * count + (i * stride) % count + 1, reason, 0.5});
    }
    return rows;
  };
  const std::int64_t kEntities = 20000;
  auto count = [&](const char* sql) {
    auto stmt = store->connection().Prepare(sql);
    EXPECT_TRUE(stmt.ok());
    EXPECT_TRUE(*stmt->Step());
    return stmt->Int(0);
  };
  for (const auto& [stride, reason] : {std::pair<std::int64_t, const char*>{7919, "first"}, {104729, "second"}}) {
    ASSERT_TRUE(store->Begin().ok());
    ASSERT_TRUE(store->ReplaceEntities(entities_of(kEntities, stride, reason)).ok()) << reason;
    ASSERT_TRUE(store->Commit().ok());
  }
  EXPECT_EQ(count("SELECT count(*) FROM entities"), kEntities);
  EXPECT_EQ(count("SELECT count(*) FROM entity_aliases WHERE reason = 'second'"), 2 * kEntities);
  EXPECT_EQ(count("SELECT count(*) FROM entity_mentions WHERE reason = 'second'"), 3 * kEntities);
  EXPECT_EQ(count("SELECT count(*) FROM entity_aliases WHERE reason = 'first'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM entity_mentions WHERE reason = 'first'"), 0);
  auto one = store->GetEntity(kEntities);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->name, "Name " + std::to_string(((kEntities - 1) * 104729) % kEntities));
}

TEST(TiesTest, ForeignKeysAreUncheckedOnlyWhileTheGuardLives) {
  TempDir tmp;
  auto store = Store::Open((tmp / "s.sqlite").string(), /*create=*/true);
  ASSERT_TRUE(store.ok());
  const char* orphan_alias = "INSERT INTO entity_aliases(entity_id, alias, script, count) VALUES(42, 'x', 'latin', 1)";
  {
    ForeignKeyChecksOff unchecked(*store);
    ASSERT_TRUE(store->Begin().ok());
    EXPECT_TRUE(store->connection().Execute(orphan_alias).ok());
    ASSERT_TRUE(store->ReplaceEntities({}).ok());  // and the tables emptied
    ASSERT_TRUE(store->Commit().ok());
  }
  EXPECT_FALSE(store->connection().Execute(orphan_alias).ok());
  auto left = store->connection().Prepare("SELECT count(*) FROM entity_aliases");
  ASSERT_TRUE(left.ok());
  ASSERT_TRUE(*left->Step());
  EXPECT_EQ(left->Int(0), 0);
}

}  // namespace
}  // namespace leakgraph::store
