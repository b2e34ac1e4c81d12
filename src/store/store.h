// The store of record: one SQLite database per investigation holding every
// document (text, metadata, where it was found), the files an ingest has
// seen, and the failures. Everything else (the Xapian index, later the
// entity graph caches) is derived from it and can be rebuilt.
//
// A Store is used by one thread at a time. Concurrent readers open their own
// Store in read-only mode (WAL allows it while a writer works).
// The schema is documented at the top of store.cc.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "leakgraph/status.h"
#include "store/sqlite.h"

namespace leakgraph::store {

inline constexpr int kSchemaVersion = 1;

struct DocumentRecord {
  std::int64_t id = 0;
  std::string hash;                      // SHA-256 hex of the original bytes
  std::optional<std::int64_t> parent_id; // the container it was first found in
  std::string content_type;
  std::string language = "und";
  std::string title;
  std::string charset;
  std::int64_t size = 0;                 // bytes of the original
  std::optional<std::string> date;       // ISO 8601
  std::map<std::string, std::string> metadata;
  std::vector<std::size_t> page_offsets;
  std::string text;
  std::vector<std::string> paths;        // every location (filled by GetDocument)
  std::vector<std::int64_t> children;    // child document ids (filled by GetDocument)
};

struct FileRecord {
  std::string path;
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::string hash;
  std::string state;  // "done" or "failed"
  std::string error;
};

struct Failure {
  std::string path;
  std::string reason;
  std::string at;
};

struct CountRow {
  std::string key;
  std::int64_t count = 0;
};

class Store {
 public:
  // Opens the database at `path`, creating it and its schema if `create`;
  // runs forward migrations on an older schema. Fails with kCorrupt on a
  // schema newer than this build knows.
  static Result<Store> Open(const std::string& path, bool create, bool read_only = false);

  Result<int> SchemaVersion();

  Status Begin();
  Status Commit();
  Status Rollback();

  // Returns the id of the document with content hash `hash`, if any.
  Result<std::optional<std::int64_t>> FindDocumentByHash(const std::string& hash);
  // Inserts a new document; returns its id. REQUIRES: no document has its hash.
  Result<std::int64_t> InsertDocument(const DocumentRecord& doc);
  // Records that `document_id` was found at `path` (inside `parent_id`, if a
  // child). Returns true iff the location was new.
  Result<bool> AddLocation(const std::string& path, std::int64_t document_id,
                           std::optional<std::int64_t> parent_id);
  Result<DocumentRecord> GetDocument(std::int64_t id);
  // Finds a document by id, by a unique hash prefix (>= 6 hex digits) or by a path.
  Result<DocumentRecord> FindDocument(const std::string& id_hash_or_path);
  Result<std::vector<std::string>> DocumentPaths(std::int64_t id);

  Status SetIndexed(std::int64_t id, bool indexed);
  // Ids of documents whose index entry is missing or stale, ascending, at most `limit`,
  // all greater than `after_id`.
  Result<std::vector<std::int64_t>> UnindexedDocuments(std::int64_t after_id, std::size_t limit);
  Status MarkAllUnindexed();
  Result<std::int64_t> MaxDocumentId();

  Result<std::optional<FileRecord>> GetFile(const std::string& path);
  Status PutFile(const FileRecord& file);

  Status RecordFailure(const std::string& path, const std::string& reason);
  Status ClearFailure(const std::string& path);
  Result<std::vector<Failure>> Failures();

  // Calls `visit` for every document in id order, without its text; paths filled.
  Status ForEachDocument(const std::function<void(const DocumentRecord&)>& visit);
  Result<std::int64_t> UnindexedCount();

  Result<std::int64_t> DocumentCount();
  Result<std::vector<CountRow>> CountByContentType();
  Result<std::vector<CountRow>> CountByLanguage();
  Result<std::int64_t> TotalBytes();

  Connection& connection() { return conn_; }

 private:
  explicit Store(Connection conn) : conn_(std::move(conn)) {}
  Status Migrate();
  Result<std::vector<CountRow>> CountBy(const std::string& sql);
  Result<Statement*> Cached(const char* sql);

  Connection conn_;
  std::map<const char*, Statement> statements_;
};

}  // namespace leakgraph::store
