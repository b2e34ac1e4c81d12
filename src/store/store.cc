// Schema of the store of record (version 6).
//
//   meta(key PRIMARY KEY, value)            schema_version, created_at
//   documents(
//     id INTEGER PRIMARY KEY,               also the Xapian docid
//     hash TEXT UNIQUE NOT NULL,            SHA-256 hex of the original bytes: one row per distinct content
//     parent_id INTEGER,                    the container of its first location in path order (NULL at top level)
//     content_type, language, title, charset TEXT,
//     size INTEGER,                         bytes of the original
//     date TEXT,                            ISO 8601 from the document's metadata, or NULL
//     metadata TEXT,                        JSON object of string fields (from, to, cc, subject, ...)
//     page_offsets TEXT,                    JSON array of byte offsets into text where pages start, or NULL
//     text TEXT,                            extracted text, UTF-8 NFC
//     indexed INTEGER,                      (v1-v5) 1 iff the Xapian index held this row's current
//                                           state; no longer read or written (v6: unindexed_documents)
//     added_at TEXT,
//     analysed INTEGER)                     version of the analyser that produced its mentions, 0 = none (v2)
//   locations(path PRIMARY KEY, document_id, parent_id)
//                                           every place a document was found: a file path, or an
//                                           internal path such as "box.mbox//3//invoice.txt"
//   files(path PRIMARY KEY, size, mtime_ns, hash, state, error, updated_at)
//                                           top-level files an ingest has finished ("done"/"failed");
//                                           a file's row is written in the same transaction as its
//                                           documents, so a crash leaves all of it or none
//   failures(path PRIMARY KEY, reason, at)  files and embedded parts that could not be read
//   mentions(                               (v2) what the analyse stage found in a document's text
//     id INTEGER PRIMARY KEY,               insertion order = text order
//     document_id INTEGER,
//     type TEXT,                            PERSON ORG LOCATION DATE MONEY EMAIL PHONE IBAN
//     begin, end INTEGER,                   byte offsets into documents.text: [begin, end)
//     text TEXT,                            the exact substring
//     normalized TEXT,                      ISO date, "amount CUR", lower-cased e-mail, spaced name
//     confidence REAL,
//     extra TEXT)                           JSON object (date precision/calendar, money amount/currency)
//                                           indexed on (document_id) and (type, normalized); a
//                                           document's mentions are replaced whole, in the same
//                                           transaction as its `analysed` and `indexed` flags
//
//   entities(id INTEGER PRIMARY KEY,        (v3) derived by `leakgraph resolve` from mentions + decisions;
//     type, name TEXT, created_by TEXT,     ids change at every resolution: decisions never refer to them
//     mention_count INTEGER)                (v5) its rows in entity_mentions, written with them
//   entity_aliases(entity_id, alias, script, count, reason)
//                                           every distinct surface form of an entity and why it joined
//   entity_mentions(mention_id PRIMARY KEY, entity_id, reason TEXT, score REAL)
//                                           the rule (same-name, short-form, acronym, alias-table,
//                                           name-key, name-key-retyped, transliteration, analyst-merge,
//                                           analyst-split) that joined a mention, and its score
//   decisions(id INTEGER PRIMARY KEY, at, action, payload)
//                                           the analyst's journal (merge/split/rename/reject), keyed by
//                                           alias texts; appended only, replayed in order by resolution
//
//   documents.linked INTEGER                (v4) version of the linker that produced its relations, 0 = none
//   relations(                              (v4) what the link stage found: a tie stated in one document
//     id INTEGER PRIMARY KEY,
//     document_id INTEGER,
//     type TEXT,                            member_of leads close_ties met_with paid family opposes
//                                           communicated_with located_in; co_mention (same sentence);
//                                           dated (an entity mention and the DATE of its sentence)
//     source_mention, target_mention,       mentions.id of the two arguments (replaced with the mentions)
//     sentence_begin, sentence_end,         byte offsets of the sentence that states it
//     trigger_begin, trigger_end,           byte offsets of the words that carry the relation
//     amount_mention, date_mention,         mentions.id of the MONEY / DATE the sentence states, or NULL
//     confidence REAL,
//     evidence TEXT)                        what states it when not the text (e-mail headers), else ''
//                                           Entity-level ties are not stored: they are these rows joined
//                                           through entity_mentions, so a merge or split changes them at once.
//
//   unindexed_documents(id PRIMARY KEY)     (v6) the documents whose Xapian entry is missing or stale:
//                                           a trigger adds every new document and removes a deleted
//                                           one; marking a document indexed deletes its row here
//                                           (a flag column in documents made that rewrite every
//                                           documents page, the rows that hold the text)
//
// meta keys: schema_version, created_at; analyse_run (set while `leakgraph analyse` is
// unfinished, so that a killed run resumes instead of starting over).
//
// Forward migrations live in kMigrations: entry i takes the schema from
// version i to i+1.
#include "store/store.h"

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

namespace leakgraph::store {

namespace {

const char* const kMigrations[] = {
    // 0 -> 1
    R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents(
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  parent_id INTEGER REFERENCES documents(id),
  content_type TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'und',
  title TEXT NOT NULL DEFAULT '',
  charset TEXT NOT NULL DEFAULT '',
  size INTEGER NOT NULL DEFAULT 0,
  date TEXT,
  metadata TEXT NOT NULL DEFAULT '{}',
  page_offsets TEXT,
  text TEXT NOT NULL DEFAULT '',
  indexed INTEGER NOT NULL DEFAULT 0,
  added_at TEXT NOT NULL);
CREATE INDEX documents_unindexed ON documents(id) WHERE indexed = 0;
CREATE INDEX documents_parent ON documents(parent_id);
CREATE TABLE locations(
  path TEXT PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  parent_id INTEGER REFERENCES documents(id));
CREATE INDEX locations_document ON locations(document_id);
CREATE INDEX locations_parent ON locations(parent_id);
CREATE TABLE files(
  path TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  hash TEXT NOT NULL,
  state TEXT NOT NULL,
  error TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL);
CREATE TABLE failures(path TEXT PRIMARY KEY, reason TEXT NOT NULL, at TEXT NOT NULL);
)sql",
    // 1 -> 2: the analyse stage
    R"sql(
ALTER TABLE documents ADD COLUMN analysed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX documents_unanalysed ON documents(id) WHERE analysed = 0;
CREATE TABLE mentions(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  type TEXT NOT NULL,
  begin INTEGER NOT NULL,
  end INTEGER NOT NULL,
  text TEXT NOT NULL,
  normalized TEXT NOT NULL,
  confidence REAL NOT NULL DEFAULT 1,
  extra TEXT NOT NULL DEFAULT '{}');
CREATE INDEX mentions_document ON mentions(document_id);
CREATE INDEX mentions_type_normalized ON mentions(type, normalized);
)sql",
    // 2 -> 3: the resolve stage
    R"sql(
CREATE TABLE entities(
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT 'resolver');
CREATE INDEX entities_type_name ON entities(type, name);
CREATE TABLE entity_aliases(
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  alias TEXT NOT NULL,
  script TEXT NOT NULL,
  count INTEGER NOT NULL,
  reason TEXT NOT NULL DEFAULT '');
CREATE INDEX entity_aliases_entity ON entity_aliases(entity_id);
CREATE INDEX entity_aliases_alias ON entity_aliases(alias);
CREATE TABLE entity_mentions(
  mention_id INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  reason TEXT NOT NULL,
  score REAL NOT NULL DEFAULT 1);
CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);
CREATE TABLE decisions(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  payload TEXT NOT NULL);
)sql",
    // 3 -> 4: the link stage
    R"sql(
ALTER TABLE documents ADD COLUMN linked INTEGER NOT NULL DEFAULT 0;
CREATE TABLE relations(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  type TEXT NOT NULL,
  source_mention INTEGER NOT NULL REFERENCES mentions(id),
  target_mention INTEGER NOT NULL REFERENCES mentions(id),
  sentence_begin INTEGER NOT NULL,
  sentence_end INTEGER NOT NULL,
  trigger_begin INTEGER NOT NULL,
  trigger_end INTEGER NOT NULL,
  amount_mention INTEGER,
  date_mention INTEGER,
  confidence REAL NOT NULL DEFAULT 1,
  evidence TEXT NOT NULL DEFAULT '');
CREATE INDEX relations_document ON relations(document_id);
CREATE INDEX relations_source ON relations(source_mention);
CREATE INDEX relations_target ON relations(target_mention);
CREATE INDEX relations_type ON relations(type);
)sql",
    // 4 -> 5: entity lists ranked without counting every mention
    R"sql(
ALTER TABLE entities ADD COLUMN mention_count INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET mention_count = (SELECT count(*) FROM entity_mentions m WHERE m.entity_id = entities.id);
)sql",
    // 5 -> 6: the index state in its own table
    R"sql(
CREATE TABLE unindexed_documents(id INTEGER PRIMARY KEY);
INSERT INTO unindexed_documents SELECT id FROM documents WHERE indexed = 0;
DROP INDEX documents_unindexed;
CREATE TRIGGER documents_added_unindexed AFTER INSERT ON documents
  BEGIN INSERT OR IGNORE INTO unindexed_documents(id) VALUES(new.id); END;
CREATE TRIGGER documents_deleted_unindexed AFTER DELETE ON documents
  BEGIN DELETE FROM unindexed_documents WHERE id = old.id; END;
)sql",
};
constexpr int kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(kMigrationCount == kSchemaVersion, "one migration per schema version");

std::string NowIso() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

#define LG_RETURN_IF_ERROR(expr)      \
  do {                                \
    Status _s = (expr);               \
    if (!_s.ok()) return _s;          \
  } while (0)

}  // namespace

const char* MigrationSql(int from_version) { return kMigrations[from_version]; }

Result<Store> Store::Open(const std::string& path, bool create, bool read_only) {
  auto conn = Connection::Open(path, create, read_only);
  if (!conn.ok()) return conn.status();
  Store store(std::move(*conn));
  store.path_ = path;
  if (!read_only) {
    Status s = store.Migrate();
    if (!s.ok()) return Status(s.code() == StatusCode::kCorrupt ? s : Status::IoError(path + ": " + s.message()));
  } else {
    auto version = store.SchemaVersion();
    if (!version.ok()) return version.status();
    store.has_mentions_ = *version >= 2;
    store.has_relations_ = *version >= 4;
    store.has_mention_counts_ = *version >= 5;
    store.has_unindexed_table_ = *version >= 6;
  }
  return store;
}

Result<int> Store::SchemaVersion() {
  auto has_meta = conn_.Prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'");
  if (!has_meta.ok()) return has_meta.status();
  auto row = has_meta->Step();
  if (!row.ok()) return row.status();
  if (has_meta->Int(0) == 0) return 0;
  auto stmt = conn_.Prepare("SELECT value FROM meta WHERE key='schema_version'");
  if (!stmt.ok()) return stmt.status();
  auto r = stmt->Step();
  if (!r.ok()) return r.status();
  if (!*r) return 0;
  return std::stoi(stmt->Text(0));
}

Status Store::Migrate() {
  auto version = SchemaVersion();
  if (!version.ok()) return version.status();
  if (*version > kSchemaVersion) {
    return Status::Corrupt("store schema version " + std::to_string(*version) +
                           " is newer than this leakgraph understands (" +
                           std::to_string(kSchemaVersion) + ")");
  }
  for (int v = *version; v < kSchemaVersion; ++v) {
    LG_RETURN_IF_ERROR(conn_.Execute("BEGIN IMMEDIATE"));
    Status s = conn_.Execute(kMigrations[v]);
    if (s.ok()) {
      s = conn_.Execute("INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '" +
                        std::to_string(v + 1) + "')");
    }
    if (s.ok() && v == 0) {
      s = conn_.Execute("INSERT OR IGNORE INTO meta(key, value) VALUES('created_at', '" + NowIso() + "')");
    }
    if (!s.ok()) {
      (void)conn_.Execute("ROLLBACK");
      return s;
    }
    LG_RETURN_IF_ERROR(conn_.Execute("COMMIT"));
  }
  return Status::Ok();
}

Result<Statement*> Store::Cached(const char* sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) {
    it->second.Reset();
    return &it->second;
  }
  auto stmt = conn_.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  auto [pos, inserted] = statements_.emplace(sql, std::move(*stmt));
  return &pos->second;
}

// A cached statement left on a row keeps its read snapshot open, even past a
// COMMIT; once another connection has written (the resolve stage, a second
// process), taking the write lock from that stale snapshot fails at once with
// SQLITE_BUSY_SNAPSHOT. So no read outlives a transaction boundary.
Status Store::Begin() {
  for (auto& [sql, stmt] : statements_) stmt.Reset();
  return conn_.Execute("BEGIN IMMEDIATE");
}
Status Store::Commit() {
  for (auto& [sql, stmt] : statements_) stmt.Reset();
  return conn_.Execute("COMMIT");
}
Status Store::Rollback() { return conn_.Execute("ROLLBACK"); }

Result<std::optional<std::int64_t>> Store::FindDocumentByHash(const std::string& hash) {
  auto stmt = Cached("SELECT id FROM documents WHERE hash = ?");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, std::string_view(hash));
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>((*stmt)->Int(0));
}

Result<std::int64_t> Store::InsertDocument(const DocumentRecord& doc) {
  auto stmt = Cached(
      "INSERT INTO documents(hash, parent_id, content_type, language, title, charset, size, date,"
      " metadata, page_offsets, text, added_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!stmt.ok()) return stmt.status();
  Statement& s = **stmt;
  s.Bind(1, std::string_view(doc.hash));
  if (doc.parent_id) s.Bind(2, *doc.parent_id); else s.BindNull(2);
  s.Bind(3, std::string_view(doc.content_type));
  s.Bind(4, std::string_view(doc.language));
  s.Bind(5, std::string_view(doc.title));
  s.Bind(6, std::string_view(doc.charset));
  s.Bind(7, doc.size);
  s.Bind(8, doc.date);
  s.Bind(9, std::string_view(nlohmann::json(doc.metadata).dump(-1, ' ', false,
                                                                 nlohmann::json::error_handler_t::replace)));
  if (doc.page_offsets.empty()) s.BindNull(10);
  else s.Bind(10, std::string_view(nlohmann::json(doc.page_offsets).dump()));
  s.Bind(11, std::string_view(doc.text));
  s.Bind(12, std::string_view(NowIso()));
  LG_RETURN_IF_ERROR(s.Run());
  return conn_.LastInsertId();
}

Result<Store::LocationChange> Store::AddLocation(const std::string& path, std::int64_t document_id,
                                                std::optional<std::int64_t> parent_id) {
  LocationChange change;
  auto current = Cached("SELECT document_id FROM locations WHERE path = ?");
  if (!current.ok()) return current.status();
  (*current)->Bind(1, std::string_view(path));
  auto row = (*current)->Step();
  if (!row.ok()) return row.status();
  if (*row) {
    std::int64_t previous = (*current)->Int(0);
    (*current)->Reset();
    if (previous == document_id) return change;
    change.previous_document = previous;
  }
  (*current)->Reset();
  auto stmt = Cached("INSERT OR REPLACE INTO locations(path, document_id, parent_id) VALUES(?,?,?)");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, std::string_view(path)).Bind(2, document_id);
  if (parent_id) (*stmt)->Bind(3, *parent_id); else (*stmt)->BindNull(3);
  LG_RETURN_IF_ERROR((*stmt)->Run());
  change.changed = true;
  // A document's parent is the container of its first location in path order,
  // so it does not depend on which worker happened to finish first.
  auto parent = Cached(
      "UPDATE documents SET parent_id = (SELECT parent_id FROM locations WHERE document_id = ?1"
      " ORDER BY path LIMIT 1) WHERE id = ?1");
  if (!parent.ok()) return parent.status();
  for (std::optional<std::int64_t> id : {std::optional<std::int64_t>(document_id), change.previous_document}) {
    if (!id) continue;
    (*parent)->Bind(1, *id);
    LG_RETURN_IF_ERROR((*parent)->Run());
  }
  return change;
}

Result<std::vector<Store::LocationRow>> Store::LocationsInside(const std::string& path) {
  // Every path that starts with "path//" sorts in ["path//", "path/0"): '0' follows '/'.
  auto stmt = Cached("SELECT path, document_id, parent_id FROM locations WHERE path >= ? AND path < ? ORDER BY path");
  if (!stmt.ok()) return stmt.status();
  const std::string from = path + "//", to = path + "/0";
  (*stmt)->Bind(1, std::string_view(from)).Bind(2, std::string_view(to));
  std::vector<LocationRow> rows;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    LocationRow r{(*stmt)->Text(0), (*stmt)->Int(1), std::nullopt};
    if (!(*stmt)->IsNull(2)) r.parent_id = (*stmt)->Int(2);
    rows.push_back(std::move(r));
  }
  (*stmt)->Reset();
  return rows;
}

Result<std::vector<std::string>> Store::DocumentPaths(std::int64_t id) {
  auto stmt = Cached("SELECT path FROM locations WHERE document_id = ? ORDER BY path");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, id);
  std::vector<std::string> paths;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    paths.push_back((*stmt)->Text(0));
  }
  return paths;
}

Result<DocumentRecord> Store::GetDocument(std::int64_t id) {
  auto stmt = Cached(
      "SELECT id, hash, parent_id, content_type, language, title, charset, size, date, metadata,"
      " page_offsets, text FROM documents WHERE id = ?");
  if (!stmt.ok()) return stmt.status();
  Statement& s = **stmt;
  s.Bind(1, id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no document with id " + std::to_string(id));
  DocumentRecord d;
  d.id = s.Int(0);
  d.hash = s.Text(1);
  if (!s.IsNull(2)) d.parent_id = s.Int(2);
  d.content_type = s.Text(3);
  d.language = s.Text(4);
  d.title = s.Text(5);
  d.charset = s.Text(6);
  d.size = s.Int(7);
  if (!s.IsNull(8)) d.date = s.Text(8);
  auto metadata = nlohmann::json::parse(s.Text(9), nullptr, false);
  if (metadata.is_object()) {
    for (auto& [k, v] : metadata.items()) {
      if (v.is_string()) d.metadata[k] = v.get<std::string>();
    }
  }
  if (!s.IsNull(10)) {
    auto pages = nlohmann::json::parse(s.Text(10), nullptr, false);
    if (pages.is_array()) {
      for (auto& p : pages) {
        if (p.is_number_unsigned()) d.page_offsets.push_back(p.get<std::size_t>());
      }
    }
  }
  d.text = s.Text(11);
  s.Reset();
  auto paths = DocumentPaths(id);
  if (!paths.ok()) return paths.status();
  d.paths = std::move(*paths);
  auto children = Cached("SELECT DISTINCT document_id FROM locations WHERE parent_id = ? ORDER BY document_id");
  if (!children.ok()) return children.status();
  (*children)->Bind(1, id);
  for (;;) {
    auto r = (*children)->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    d.children.push_back((*children)->Int(0));
  }
  return d;
}

Result<DocumentRecord> Store::FindDocument(const std::string& key) {
  if (!key.empty() && key.find_first_not_of("0123456789") == std::string::npos && key.size() < 16) {
    auto d = GetDocument(std::stoll(key));
    if (d.ok() || d.status().code() != StatusCode::kNotFound) return d;
  }
  auto by_path = Cached("SELECT document_id FROM locations WHERE path = ?");
  if (!by_path.ok()) return by_path.status();
  (*by_path)->Bind(1, std::string_view(key));
  auto row = (*by_path)->Step();
  if (!row.ok()) return row.status();
  if (*row) {
    std::int64_t id = (*by_path)->Int(0);
    (*by_path)->Reset();
    return GetDocument(id);
  }
  if (key.size() >= 6 && key.size() <= 64 && key.find_first_not_of("0123456789abcdef") == std::string::npos) {
    auto by_hash = Cached("SELECT id FROM documents WHERE hash >= ? AND hash < ? LIMIT 2");
    if (!by_hash.ok()) return by_hash.status();
    (*by_hash)->Bind(1, std::string_view(key)).Bind(2, std::string_view(key + "g"));
    std::vector<std::int64_t> ids;
    for (;;) {
      auto r = (*by_hash)->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      ids.push_back((*by_hash)->Int(0));
    }
    if (ids.size() == 1) return GetDocument(ids[0]);
    if (ids.size() > 1) return Status::InvalidInput("hash prefix '" + key + "' is ambiguous");
  }
  return Status::NotFound("no document '" + key + "' (give an id, a path or a hash prefix)");
}

Status Store::SetIndexed(std::int64_t id, bool indexed) {
  auto stmt = Cached(indexed ? "DELETE FROM unindexed_documents WHERE id = ?"
                             : "INSERT OR IGNORE INTO unindexed_documents(id) SELECT id FROM documents WHERE id = ?");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, id);
  return (*stmt)->Run();
}

Result<std::vector<std::int64_t>> Store::IdsAfter(const char* sql, std::int64_t after_id, std::size_t limit) {
  auto stmt = Cached(sql);
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, after_id).Bind(2, static_cast<std::int64_t>(limit));
  std::vector<std::int64_t> ids;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    ids.push_back((*stmt)->Int(0));
  }
  return ids;
}

Result<std::vector<std::int64_t>> Store::UnindexedDocuments(std::int64_t after_id, std::size_t limit) {
  return IdsAfter(has_unindexed_table_ ? "SELECT id FROM unindexed_documents WHERE id > ? ORDER BY id LIMIT ?"
                                       : "SELECT id FROM documents WHERE indexed = 0 AND id > ? ORDER BY id LIMIT ?",
                  after_id, limit);
}

Status Store::MarkAllUnindexed() {
  return conn_.Execute("INSERT OR IGNORE INTO unindexed_documents(id) SELECT id FROM documents");
}

Result<std::int64_t> Store::MaxDocumentId() {
  auto stmt = Cached("SELECT coalesce(max(id), 0) FROM documents");
  if (!stmt.ok()) return stmt.status();
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  return (*stmt)->Int(0);
}

Result<std::optional<std::string>> Store::GetMeta(const std::string& key) {
  auto stmt = Cached("SELECT value FROM meta WHERE key = ?");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, std::string_view(key));
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>((*stmt)->Text(0));
}

Status Store::SetMeta(const std::string& key, const std::string& value) {
  auto stmt = Cached("INSERT OR REPLACE INTO meta(key, value) VALUES(?,?)");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, std::string_view(key)).Bind(2, std::string_view(value));
  return (*stmt)->Run();
}

Status Store::DeleteMeta(const std::string& key) {
  auto stmt = Cached("DELETE FROM meta WHERE key = ?");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, std::string_view(key));
  return (*stmt)->Run();
}

Result<std::optional<FileRecord>> Store::GetFile(const std::string& path) {
  auto stmt = Cached("SELECT size, mtime_ns, hash, state, error FROM files WHERE path = ?");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, std::string_view(path));
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<FileRecord>();
  FileRecord f{path, (*stmt)->Int(0), (*stmt)->Int(1), (*stmt)->Text(2), (*stmt)->Text(3), (*stmt)->Text(4)};
  return std::optional<FileRecord>(std::move(f));
}

Status Store::PutFile(const FileRecord& f) {
  auto stmt = Cached(
      "INSERT OR REPLACE INTO files(path, size, mtime_ns, hash, state, error, updated_at)"
      " VALUES(?,?,?,?,?,?,?)");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, std::string_view(f.path)).Bind(2, f.size).Bind(3, f.mtime_ns);
  (*stmt)->Bind(4, std::string_view(f.hash)).Bind(5, std::string_view(f.state));
  (*stmt)->Bind(6, std::string_view(f.error)).Bind(7, std::string_view(NowIso()));
  return (*stmt)->Run();
}

Status Store::RecordFailure(const std::string& path, const std::string& reason) {
  auto stmt = Cached("INSERT OR REPLACE INTO failures(path, reason, at) VALUES(?,?,?)");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, std::string_view(path)).Bind(2, std::string_view(reason));
  (*stmt)->Bind(3, std::string_view(NowIso()));
  return (*stmt)->Run();
}

Status Store::ClearFailure(const std::string& path) {
  // The file's own failure and its parts' ("path//..."), which sort in
  // ["path//", "path/0"). A range, not LIKE: SQLite recompiles a statement
  // whose LIKE pattern is a parameter every time the pattern changes, and
  // this runs once per ingested file.
  auto stmt = Cached("DELETE FROM failures WHERE path = ? OR (path >= ? AND path < ?)");
  if (!stmt.ok()) return stmt.status();
  const std::string from = path + "//", to = path + "/0";
  (*stmt)->Bind(1, std::string_view(path)).Bind(2, std::string_view(from)).Bind(3, std::string_view(to));
  return (*stmt)->Run();
}

Result<std::vector<Failure>> Store::Failures() {
  auto stmt = Cached("SELECT path, reason, at FROM failures ORDER BY path");
  if (!stmt.ok()) return stmt.status();
  std::vector<Failure> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({(*stmt)->Text(0), (*stmt)->Text(1), (*stmt)->Text(2)});
  }
  return out;
}

Status Store::ForEachDocument(const std::function<void(const DocumentRecord&)>& visit) {
  auto stmt = conn_.Prepare(
      "SELECT d.id, d.hash, d.parent_id, d.content_type, d.language, d.title, d.size, d.date,"
      " (SELECT json_group_array(path) FROM (SELECT path FROM locations l WHERE l.document_id = d.id"
      " ORDER BY path)) FROM documents d ORDER BY d.id");
  if (!stmt.ok()) return stmt.status();
  for (;;) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    DocumentRecord d;
    d.id = stmt->Int(0);
    d.hash = stmt->Text(1);
    if (!stmt->IsNull(2)) d.parent_id = stmt->Int(2);
    d.content_type = stmt->Text(3);
    d.language = stmt->Text(4);
    d.title = stmt->Text(5);
    d.size = stmt->Int(6);
    if (!stmt->IsNull(7)) d.date = stmt->Text(7);
    auto paths = nlohmann::json::parse(stmt->Text(8), nullptr, false);
    if (paths.is_array()) {
      for (auto& p : paths) {
        if (p.is_string()) d.paths.push_back(p.get<std::string>());
      }
    }
    visit(d);
  }
  return Status::Ok();
}

Result<std::int64_t> Store::UnindexedCount() {
  auto stmt = Cached(has_unindexed_table_ ? "SELECT count(*) FROM unindexed_documents"
                                          : "SELECT count(*) FROM documents WHERE indexed = 0");
  if (!stmt.ok()) return stmt.status();
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  return (*stmt)->Int(0);
}

Result<std::int64_t> Store::DocumentCount() {
  auto stmt = Cached("SELECT count(*) FROM documents");
  if (!stmt.ok()) return stmt.status();
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  return (*stmt)->Int(0);
}

Result<std::int64_t> Store::TotalBytes() {
  auto stmt = Cached("SELECT coalesce(sum(size), 0) FROM documents WHERE parent_id IS NULL");
  if (!stmt.ok()) return stmt.status();
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  return (*stmt)->Int(0);
}

Result<std::vector<CountRow>> Store::CountRows(Statement& stmt) {
  std::vector<CountRow> out;
  for (;;) {
    auto row = stmt.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({stmt.Text(0), stmt.Int(1)});
  }
  return out;
}

Result<std::vector<CountRow>> Store::CountBy(const std::string& sql) {
  auto stmt = conn_.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  return CountRows(*stmt);
}

Result<std::vector<CountRow>> Store::CountByContentType() {
  return CountBy("SELECT content_type, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1");
}

Result<std::vector<CountRow>> Store::CountByLanguage() {
  return CountBy("SELECT language, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1");
}

}  // namespace leakgraph::store
