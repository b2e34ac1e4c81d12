#include "cluster/merge_graph.h"

#include <chrono>
#include <ctime>
#include <fstream>
#include <map>
#include <set>

#include "store/investigation.h"
#include "store/store.h"

namespace leakgraph::cluster {

namespace fs = std::filesystem;

namespace {

#define LG_TRY(expr)             \
  do {                           \
    Status _s = (expr);          \
    if (!_s.ok()) return _s;     \
  } while (0)

constexpr const char* kClusterTables = R"sql(
CREATE TABLE IF NOT EXISTS cluster_shards(
  name TEXT PRIMARY KEY, folder TEXT NOT NULL, fingerprint TEXT NOT NULL, imported_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cluster_documents(
  shard TEXT NOT NULL, shard_id INTEGER NOT NULL, document_id INTEGER NOT NULL, PRIMARY KEY(shard, shard_id));
CREATE INDEX IF NOT EXISTS cluster_documents_document ON cluster_documents(document_id);
CREATE TABLE IF NOT EXISTS cluster_locations(shard TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY(shard, path));
)sql";

std::string NowIso() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The first column of the first row of `sql` (one optional text parameter).
Result<std::string> QueryText(store::Connection& conn, const std::string& sql, const std::string* param = nullptr) {
  auto stmt = conn.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  if (param) stmt->Bind(1, std::string_view(*param));
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row || stmt->IsNull(0)) return std::string();
  return stmt->Text(0);
}

Result<std::int64_t> QueryInt(store::Connection& conn, const std::string& sql) {
  auto stmt = conn.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row || stmt->IsNull(0)) return std::int64_t{0};
  return stmt->Int(0);
}

// Runs `sql` with the shard name bound to every ?1.
Status RunForShard(store::Connection& conn, const std::string& sql, const std::string& shard) {
  auto stmt = conn.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, std::string_view(shard));
  return stmt->Run();
}

Result<bool> SourceHas(store::Connection& conn, const std::string& table, const std::string& column = "") {
  if (column.empty()) {
    auto n = QueryInt(conn, "SELECT count(*) FROM src.sqlite_master WHERE type='table' AND name='" + table + "'");
    if (!n.ok()) return n.status();
    return *n > 0;
  }
  auto n = QueryInt(conn, "SELECT count(*) FROM pragma_table_info('" + table + "', 'src') WHERE name='" + column + "'");
  if (!n.ok()) return n.status();
  return *n > 0;
}

// What changes when a shard's store changes (src attached).
Result<std::string> Fingerprint(store::Connection& conn, bool relations, bool linked) {
  std::string sql =
      "SELECT (SELECT count(*) FROM src.documents) || '/' || (SELECT ifnull(max(id),0) FROM src.documents)"
      " || '/' || (SELECT ifnull(sum(analysed),0) FROM src.documents)"
      " || '/' || (SELECT count(*) FROM src.mentions) || '/' || (SELECT ifnull(max(id),0) FROM src.mentions)"
      " || '/' || (SELECT count(*) FROM src.locations) || '/' || (SELECT ifnull(max(rowid),0) FROM src.locations)";
  if (linked) sql += " || '/' || (SELECT ifnull(sum(linked),0) FROM src.documents)";
  if (relations) sql += " || '/' || (SELECT count(*) FROM src.relations) || '/' || (SELECT ifnull(max(id),0) FROM src.relations)";
  return QueryText(conn, sql);
}

// Removes what shard `name` contributed; documents no other shard holds go
// with their mentions and relations. In the caller's transaction.
Status RemoveShard(store::Connection& conn, const std::string& name) {
  LG_TRY(RunForShard(conn, "DELETE FROM locations WHERE path IN (SELECT path FROM cluster_locations WHERE shard = ?1)", name));
  LG_TRY(RunForShard(conn, "DELETE FROM cluster_locations WHERE shard = ?1", name));
  LG_TRY(RunForShard(conn, "DELETE FROM cluster_documents WHERE shard = ?1", name));
  LG_TRY(RunForShard(conn, "DELETE FROM cluster_shards WHERE name = ?1", name));
  LG_TRY(conn.Execute(
      "DROP TABLE IF EXISTS temp.orphan;"
      "CREATE TEMP TABLE orphan AS SELECT id FROM main.documents"
      " WHERE id NOT IN (SELECT document_id FROM main.cluster_documents);"
      "DELETE FROM main.relations WHERE document_id IN (SELECT id FROM temp.orphan);"
      "DELETE FROM main.entity_mentions WHERE mention_id IN"
      " (SELECT id FROM main.mentions WHERE document_id IN (SELECT id FROM temp.orphan));"
      "DELETE FROM main.mentions WHERE document_id IN (SELECT id FROM temp.orphan);"
      "DELETE FROM main.locations WHERE document_id IN (SELECT id FROM temp.orphan);"
      "UPDATE main.locations SET parent_id = NULL WHERE parent_id IN (SELECT id FROM temp.orphan);"
      "UPDATE main.documents SET parent_id = NULL WHERE parent_id IN (SELECT id FROM temp.orphan);"
      "DELETE FROM main.documents WHERE id IN (SELECT id FROM temp.orphan);"
      "DROP TABLE temp.orphan;"));
  return Status::Ok();
}

// Imports the attached shard `name`. In the caller's transaction.
Status ImportShard(store::Connection& conn, const std::string& name, bool relations, bool linked,
                   ShardImport& report) {
  // Documents new to GLOBAL (by content hash), in the shard's id order.
  LG_TRY(conn.Execute(
      "DROP TABLE IF EXISTS temp.fresh; DROP TABLE IF EXISTS temp.dmap;"
      "CREATE TEMP TABLE fresh(shard_id INTEGER PRIMARY KEY);"
      "INSERT INTO temp.fresh SELECT s.id FROM src.documents s"
      " WHERE NOT EXISTS (SELECT 1 FROM main.documents d WHERE d.hash = s.hash);"));
  std::string linked_column = linked ? "s.linked" : "0";
  LG_TRY(conn.Execute(
      "INSERT INTO main.documents(hash, parent_id, content_type, language, title, charset, size, date, metadata,"
      " page_offsets, text, added_at, analysed, linked)"
      " SELECT s.hash, NULL, s.content_type, s.language, s.title, s.charset, s.size, s.date, s.metadata,"
      " s.page_offsets, s.text, s.added_at, s.analysed, " + linked_column +
      " FROM src.documents s WHERE s.id IN (SELECT shard_id FROM temp.fresh) ORDER BY s.id;"
      "CREATE TEMP TABLE dmap(shard_id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL);"
      "INSERT INTO temp.dmap SELECT s.id, d.id FROM src.documents s JOIN main.documents d ON d.hash = s.hash;"
      "UPDATE main.documents SET parent_id = (SELECT pm.document_id FROM src.documents s"
      "   JOIN temp.dmap pm ON pm.shard_id = s.parent_id WHERE s.hash = main.documents.hash)"
      " WHERE id IN (SELECT m.document_id FROM temp.dmap m JOIN temp.fresh f ON f.shard_id = m.shard_id);"));
  LG_TRY(RunForShard(conn, "INSERT INTO main.cluster_documents SELECT ?1, shard_id, document_id FROM temp.dmap", name));
  auto count = QueryInt(conn, "SELECT count(*) FROM temp.dmap");
  if (!count.ok()) return count.status();
  report.documents = static_cast<std::size_t>(*count);

  // Mentions and relations of the new documents, ids shifted past GLOBAL's.
  auto max_mention = QueryInt(conn, "SELECT ifnull(max(id),0) FROM main.mentions");
  auto min_mention = QueryInt(conn, "SELECT ifnull(min(id),1) FROM src.mentions");
  if (!max_mention.ok()) return max_mention.status();
  if (!min_mention.ok()) return min_mention.status();
  std::string moff = std::to_string(*max_mention - *min_mention + 1);
  LG_TRY(conn.Execute(
      "INSERT INTO main.mentions(id, document_id, type, begin, end, text, normalized, confidence, extra)"
      " SELECT m.id + " + moff + ", dm.document_id, m.type, m.begin, m.end, m.text, m.normalized, m.confidence, m.extra"
      " FROM src.mentions m JOIN temp.dmap dm ON dm.shard_id = m.document_id"
      " WHERE m.document_id IN (SELECT shard_id FROM temp.fresh) ORDER BY m.id;"));
  if (relations) {
    auto max_relation = QueryInt(conn, "SELECT ifnull(max(id),0) FROM main.relations");
    auto min_relation = QueryInt(conn, "SELECT ifnull(min(id),1) FROM src.relations");
    if (!max_relation.ok()) return max_relation.status();
    if (!min_relation.ok()) return min_relation.status();
    std::string roff = std::to_string(*max_relation - *min_relation + 1);
    auto before = QueryInt(conn, "SELECT count(*) FROM main.relations");
    if (!before.ok()) return before.status();
    LG_TRY(conn.Execute(
        "INSERT INTO main.relations(id, document_id, type, source_mention, target_mention, sentence_begin,"
        " sentence_end, trigger_begin, trigger_end, amount_mention, date_mention, confidence, evidence)"
        " SELECT r.id + " + roff + ", dm.document_id, r.type, r.source_mention + " + moff +
        ", r.target_mention + " + moff + ", r.sentence_begin, r.sentence_end, r.trigger_begin, r.trigger_end,"
        " r.amount_mention + " + moff + ", r.date_mention + " + moff + ", r.confidence, r.evidence"
        " FROM src.relations r JOIN temp.dmap dm ON dm.shard_id = r.document_id"
        " WHERE r.document_id IN (SELECT shard_id FROM temp.fresh) ORDER BY r.id;"));
    auto after = QueryInt(conn, "SELECT count(*) FROM main.relations");
    if (!after.ok()) return after.status();
    report.relations = static_cast<std::size_t>(*after - *before);
  }

  // Every location of the shard (also of documents another shard brought).
  LG_TRY(conn.Execute(
      "INSERT OR IGNORE INTO main.locations(path, document_id, parent_id)"
      " SELECT l.path, dm.document_id, pm.document_id FROM src.locations l"
      " JOIN temp.dmap dm ON dm.shard_id = l.document_id LEFT JOIN temp.dmap pm ON pm.shard_id = l.parent_id;"));
  LG_TRY(RunForShard(conn, "INSERT OR IGNORE INTO main.cluster_locations SELECT ?1, path FROM src.locations", name));
  LG_TRY(conn.Execute("DROP TABLE temp.fresh; DROP TABLE temp.dmap;"));
  return Status::Ok();
}

std::string SqlQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

// Writes GLOBAL/cluster: the cluster file with absolute folders.
Status WriteClusterCopy(const fs::path& global_dir, const std::vector<ShardEntry>& shards) {
  fs::path tmp = global_dir / "cluster.tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "# Written by leakgraph merge-graph: the shard servers `search` and `serve` of this folder use.\n";
    for (const auto& s : shards) {
      std::string host = s.host.find(':') != std::string::npos ? "[" + s.host + "]" : s.host;
      out << s.name << ' ' << host << ':' << s.port;
      if (!s.folder.empty()) out << ' ' << s.folder;
      out << '\n';
    }
    out.flush();
    if (!out) return Status::IoError(tmp.string() + ": cannot write");
  }
  std::error_code ec;
  fs::rename(tmp, global_dir / "cluster", ec);
  if (ec) return Status::IoError((global_dir / "cluster").string() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace

Result<MergeReport> MergeGraph(const fs::path& global_dir, const fs::path& cluster_file) {
  auto shards = ReadClusterFile(cluster_file);
  if (!shards.ok()) return shards.status();
  fs::path global_abs = fs::absolute(global_dir).lexically_normal();
  for (const auto& s : *shards) {
    if (!s.folder.empty() && fs::path(s.folder).lexically_normal() == global_abs) {
      return Status::InvalidInput(cluster_file.string() + ": shard " + s.name + " is the global folder itself");
    }
  }
  auto inv = store::Investigation::OpenOrCreate(global_dir);
  if (!inv.ok()) return inv.status();
  auto store = store::Store::Open(inv->store_path(), /*create=*/false);
  if (!store.ok()) return store.status();
  store::Connection& conn = store->connection();
  LG_TRY(conn.Execute(kClusterTables));

  MergeReport report;
  std::map<std::string, std::string> known;  // name -> fingerprint
  {
    auto stmt = conn.Prepare("SELECT name, fingerprint FROM cluster_shards");
    if (!stmt.ok()) return stmt.status();
    for (;;) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      known[stmt->Text(0)] = stmt->Text(1);
    }
  }
  bool changed = false;
  std::set<std::string> listed;
  for (const auto& shard : *shards) {
    listed.insert(shard.name);
    ShardImport r;
    r.name = shard.name;
    auto unreadable = [&](const std::string& why) {
      r.state = "unreadable";
      r.error = why;
      report.shards.push_back(r);
    };
    if (shard.folder.empty()) {
      unreadable("the cluster file gives no folder for it");
      continue;
    }
    auto shard_inv = store::Investigation::Open(shard.folder);
    if (!shard_inv.ok()) {
      unreadable(shard_inv.status().message());
      continue;
    }
    {
      // Brings an older shard store to this build's schema first (as any command would).
      auto shard_store = store::Store::Open(shard_inv->store_path(), false);
      if (!shard_store.ok()) {
        unreadable(shard_store.status().message());
        continue;
      }
    }
    Status attached = conn.Execute("ATTACH DATABASE " + SqlQuote(shard_inv->store_path()) + " AS src");
    if (!attached.ok()) {
      unreadable(attached.message());
      continue;
    }
    Status s = [&]() -> Status {
      auto relations = SourceHas(conn, "relations");
      if (!relations.ok()) return relations.status();
      auto linked = SourceHas(conn, "documents", "linked");
      if (!linked.ok()) return linked.status();
      r.had_relations = *relations;
      auto fingerprint = Fingerprint(conn, *relations, *linked);
      if (!fingerprint.ok()) return fingerprint.status();
      auto it = known.find(shard.name);
      if (it != known.end() && it->second == *fingerprint) {
        r.state = "unchanged";
        auto n = QueryInt(conn, "SELECT count(*) FROM src.documents");
        if (n.ok()) r.documents = static_cast<std::size_t>(*n);
        return Status::Ok();
      }
      LG_TRY(store->Begin());
      Status work = [&]() -> Status {
        LG_TRY(RemoveShard(conn, shard.name));
        LG_TRY(ImportShard(conn, shard.name, *relations, *linked, r));
        auto stmt = conn.Prepare("INSERT INTO cluster_shards(name, folder, fingerprint, imported_at) VALUES(?,?,?,?)");
        if (!stmt.ok()) return stmt.status();
        stmt->Bind(1, std::string_view(shard.name)).Bind(2, std::string_view(shard.folder));
        stmt->Bind(3, std::string_view(*fingerprint)).Bind(4, std::string_view(NowIso()));
        return stmt->Run();
      }();
      if (!work.ok()) {
        (void)store->Rollback();
        return work;
      }
      LG_TRY(store->Commit());
      r.state = "imported";
      changed = true;
      return Status::Ok();
    }();
    Status detached = conn.Execute("DETACH DATABASE src");
    if (!s.ok()) return Status::IoError(shard.name + " (" + shard.folder + "): " + s.message());
    if (!detached.ok()) return detached;
    report.shards.push_back(r);
  }
  // Shards no longer in the cluster file.
  for (const auto& [name, fingerprint] : known) {
    if (listed.count(name)) continue;
    LG_TRY(store->Begin());
    Status s = RemoveShard(conn, name);
    if (!s.ok()) {
      (void)store->Rollback();
      return s;
    }
    LG_TRY(store->Commit());
    ShardImport r;
    r.name = name;
    r.state = "removed";
    report.shards.push_back(r);
    changed = true;
  }
  LG_TRY(WriteClusterCopy(inv->dir(), *shards));
  auto entities = QueryInt(conn, "SELECT count(*) FROM entities");
  if (!entities.ok()) return entities.status();
  if (changed || *entities == 0) {
    auto resolved = resolve::ResolveInvestigation(*inv);
    if (!resolved.ok()) return resolved.status();
    report.resolved = true;
    report.resolve = *resolved;
  }
  return report;
}

}  // namespace leakgraph::cluster
