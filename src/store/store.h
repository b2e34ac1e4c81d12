// The store of record: one SQLite database per investigation holding every
// document (text, metadata, where it was found), the files an ingest has
// seen, and the failures. Everything else (the Xapian index, later the
// entity graph caches) is derived from it and can be rebuilt.
//
// A Store is used by one thread at a time. Concurrent readers open their own
// Store in read-only mode (WAL allows it while a writer works).
// The schema is documented at the top of store.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "leakgraph/status.h"
#include "store/sqlite.h"

namespace leakgraph::store {

inline constexpr int kSchemaVersion = 6;

// The SQL of the migration from `from_version` to from_version + 1.
// REQUIRES: 0 <= from_version < kSchemaVersion. For tests that build old stores.
const char* MigrationSql(int from_version);

struct DocumentRecord {
  std::int64_t id = 0;
  std::string hash;                      // SHA-256 hex of the original bytes
  std::optional<std::int64_t> parent_id; // container of its first location in path order
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

// A mention found in a document's text by the analyse stage (src/analyse/).
struct Mention {
  std::string type;        // PERSON, ORG, LOCATION, ROLE, DATE, MONEY, EMAIL, PHONE, IBAN
  std::size_t begin = 0;   // byte offsets into the document's text: [begin, end)
  std::size_t end = 0;
  std::string text;        // the text's bytes [begin, end)
  std::string normalized;  // ISO date, "amount CUR", lower-cased e-mail, spaced name...
  double confidence = 1.0;
  std::string extra = "{}";  // JSON object: precision/calendar of dates, amount/currency of money

  bool operator==(const Mention&) const = default;
};

// Tie types of the link stage (src/link/). Typed ties state a relation in
// words; co_mention is two entities named in one sentence (kept apart: a
// weight, not a claim); dated ties an entity mention to a DATE mention of its
// sentence (the timeline, not a tie between entities).
inline constexpr const char* kTieTypes[] = {"member_of", "leads",    "close_ties", "met_with",
                                            "paid",      "family",   "opposes",    "communicated_with",
                                            "located_in"};
inline constexpr const char* kCoMention = "co_mention";
inline constexpr const char* kDated = "dated";
// True for the tie types whose direction carries no meaning (A met B = B met A).
bool IsSymmetricTieType(std::string_view type);

// A relation the link stage found in one document (schema v4), between two of
// its mentions, with the sentence and the words that state it.
struct Relation {
  std::string type;         // a kTieTypes entry, kCoMention or kDated
  std::size_t source = 0;   // index of the source mention in the document's mentions (their stored order)
  std::size_t target = 0;   // index of the target mention
  std::size_t sentence_begin = 0;  // byte offsets of the sentence in the text: [begin, end)
  std::size_t sentence_end = 0;
  std::size_t trigger_begin = 0;   // the words that carry the relation, inside the sentence;
  std::size_t trigger_end = 0;     // empty for co_mention and dated
  std::optional<std::size_t> amount;  // index of the MONEY mention a paid tie states
  std::optional<std::size_t> date;    // index of the DATE mention the sentence states
  double confidence = 1.0;
  // When the tie is stated outside the text (e-mail headers: "From: A; To: B"),
  // what states it; the offsets are then 0.
  std::string evidence;

  bool operator==(const Relation&) const = default;
};

// An entity as ties, paths and the timeline name it.
struct EntityRef {
  std::int64_t id = 0;
  std::string type;
  std::string name;
};

// One sentence (or header) that states a tie, with where it is.
struct TieEvidence {
  std::int64_t relation_id = 0;
  std::int64_t document_id = 0;
  std::string path;           // the document's first location
  std::size_t begin = 0;      // byte offsets of `text` in the document's text (0, 0 for header evidence)
  std::size_t end = 0;
  std::string text;           // the sentence (or the header line)
  std::size_t trigger_begin = 0;  // byte offsets of the trigger words in the document's text
  std::size_t trigger_end = 0;
  std::string trigger;        // those words
  double confidence = 1.0;
  std::optional<double> amount;  // paid: the amount and currency stated in this sentence
  std::string currency;
  std::string date;              // ISO date stated in this sentence, if any
};

// A tie between two resolved entities: every relation of `type` between a
// mention of one and a mention of the other. For symmetric types source.id <
// target.id.
struct TieRow {
  EntityRef source;
  EntityRef target;
  std::string type;
  std::int64_t weight = 0;     // number of relations (sentences) stating it
  std::int64_t documents = 0;  // number of distinct documents
  std::vector<TieEvidence> evidence;  // at most TieQuery::max_evidence, most confident first
};

struct TieQuery {
  std::optional<std::int64_t> entity;  // only ties of this entity
  std::optional<std::int64_t> other;   // with `entity`: only its ties with this one (evidence read for those only)
  std::string type;                    // only this type ("" = every typed tie)
  bool co_mention = false;             // also co_mention ties (type "" or kCoMention)
  std::int64_t min_weight = 1;
  std::size_t max_evidence = 3;        // evidence per tie (0 = none: faster, for graph analysis)
  std::size_t limit = 0;               // 0 = all; else the heaviest `limit` ties
};

// One paid relation: who paid whom, how much, when, on what evidence.
struct PaymentRow {
  EntityRef payer;
  EntityRef payee;
  std::optional<double> amount;
  std::string currency;
  std::string date;  // ISO (as precise as stated), "" when the sentence states none
  TieEvidence evidence;
};

// A dated event: a sentence with a normalised date and the entities it names.
struct EventRow {
  std::string date;       // ISO 8601, as precise as stated
  std::string precision;  // day, month, year
  std::string original;   // the date as written
  std::int64_t document_id = 0;
  std::string path;
  std::size_t begin = 0;  // the sentence
  std::size_t end = 0;
  std::string text;
  std::vector<EntityRef> entities;
};

// A PERSON/ORG/LOCATION mention as the resolve stage reads it (src/store/entities.cc).
struct NameMentionRow {
  std::int64_t id = 0;
  std::int64_t document_id = 0;
  std::string type;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
  std::string extra;
  std::string following;  // up to 160 bytes of the document's text after `end`
};

// One derived entity, as `leakgraph resolve` writes it (schema v3).
struct EntityAliasRow {
  std::string alias;
  std::string script;  // latin, arabic, persian
  std::int64_t count = 0;
  std::string reason;  // the rule or score that joined the alias (entity_mentions.reason of its first mention)
};
struct EntityMentionLink {
  std::int64_t mention_id = 0;
  std::string reason;
  double score = 1.0;
};
struct EntityRow {
  std::int64_t id = 0;
  std::string type;
  std::string name;
  std::string created_by = "resolver";  // resolver or analyst
  std::vector<EntityAliasRow> aliases;  // most frequent first
  std::vector<EntityMentionLink> mentions;
  std::int64_t mention_count = 0;       // filled by Entities()
};
// Which entities Store::FindEntities lists.
struct EntityQuery {
  std::string type;      // PERSON, ORG, LOCATION, or "" for every type
  std::string needle;    // "" or text the name or an alias contains (ASCII letters in any case)
  std::size_t offset = 0;
  std::size_t limit = 50;
};
struct EntityPage {
  std::size_t total = 0;           // entities selected, all pages
  std::vector<EntityRow> entities;  // this page
};
// A mention of an entity with where it is (for `leakgraph entity`).
struct EntityMentionRow {
  std::int64_t mention_id = 0;
  std::int64_t document_id = 0;
  std::string path;  // the document's first location
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
  std::string reason;
  double score = 1.0;
};
// The documents that mention an entity, for its page: counts over all of
// them, the first mentions of the documents that mention it most.
struct EntityDocumentRow {
  std::int64_t document_id = 0;
  std::string path;                        // the document's first location
  std::size_t mention_count = 0;           // of the entity in the document
  std::vector<EntityMentionRow> mentions;  // the first ones, by offset (path left empty)
};
struct EntityDocuments {
  std::size_t mention_count = 0;   // of the entity, in every document
  std::size_t document_count = 0;  // documents that mention it
  std::vector<EntityDocumentRow> documents;  // most mentions first, then by id
};
// An analyst decision of the journal.
struct DecisionRow {
  std::int64_t id = 0;
  std::string at;
  std::string action;   // merge, split, rename, reject
  std::string payload;  // JSON object
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
  // runs forward migrations on an older schema (not when `read_only`: an
  // older store then reads as having no mentions). Fails with kCorrupt on a
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
  // Records that `document_id` is what is found at `path` (inside `parent_id`,
  // if a child). A path holds one document: when the file at `path` changed,
  // the path moves to the new content and the previous document keeps its
  // text but loses that location.
  struct LocationChange {
    bool changed = false;                          // false iff already recorded as is
    std::optional<std::int64_t> previous_document; // the document the path moved away from
  };
  Result<LocationChange> AddLocation(const std::string& path, std::int64_t document_id,
                                     std::optional<std::int64_t> parent_id);
  Result<DocumentRecord> GetDocument(std::int64_t id);
  // Finds a document by id, by a unique hash prefix (>= 6 hex digits) or by a path.
  Result<DocumentRecord> FindDocument(const std::string& id_hash_or_path);
  Result<std::vector<std::string>> DocumentPaths(std::int64_t id);
  struct LocationRow {
    std::string path;
    std::int64_t document_id = 0;
    std::optional<std::int64_t> parent_id;
  };
  // The locations strictly inside the container location `path` (every
  // "path//...", at any depth), in path order.
  Result<std::vector<LocationRow>> LocationsInside(const std::string& path);

  Status SetIndexed(std::int64_t id, bool indexed);
  // Ids of documents whose index entry is missing or stale, ascending, at most `limit`,
  // all greater than `after_id`.
  Result<std::vector<std::int64_t>> UnindexedDocuments(std::int64_t after_id, std::size_t limit);
  Status MarkAllUnindexed();
  Result<std::int64_t> MaxDocumentId();

  // Replaces the mentions of `document_id` with `mentions` (in their order)
  // and records that analyser `analyser_version` produced them. Runs in the
  // caller's transaction, if any.
  Status ReplaceMentions(std::int64_t document_id, const std::vector<Mention>& mentions,
                         int analyser_version);
  // The mentions of `document_id`, in the order they were stored.
  Result<std::vector<Mention>> Mentions(std::int64_t document_id);
  // Number of mentions by type, most frequent first.
  Result<std::vector<CountRow>> MentionCounts();
  // The `limit` most frequent normalized forms of mentions of `type`, each
  // with the number of documents that mention it.
  Result<std::vector<CountRow>> TopMentions(const std::string& type, std::size_t limit);
  // Marks every document as not analysed (analysed = 0).
  Status MarkAllUnanalysed();
  // Ids of documents with analysed = 0, ascending, at most `limit`, all greater than `after_id`.
  Result<std::vector<std::int64_t>> UnanalysedDocuments(std::int64_t after_id, std::size_t limit);
  Result<std::int64_t> UnanalysedCount();

  // --- The resolve stage (src/store/entities.cc) ---
  // Every PERSON, ORG and LOCATION mention, by document then offset.
  Result<std::vector<NameMentionRow>> NameMentions();
  // Replaces all entities, aliases and mention links with `entities` (ids
  // taken from the rows). Runs in the caller's transaction, if any.
  Status ReplaceEntities(const std::vector<EntityRow>& entities);
  // Entities (aliases filled, mentions not), of `type` unless empty, by type then name.
  Result<std::vector<EntityRow>> Entities(const std::string& type);
  // One page of the entities `query` selects, most mentioned first (then by
  // type, name, id), aliases filled for the page only, with the number
  // selected in all. Reads the stored mention counts (schema 5), so a page
  // costs about the same on a million documents as on a thousand.
  Result<EntityPage> FindEntities(const EntityQuery& query);
  // The entity with `id`, aliases filled; NotFound if none.
  Result<EntityRow> GetEntity(std::int64_t id);
  Result<std::vector<EntityMentionRow>> EntityMentions(std::int64_t entity_id);
  // The `max_documents` documents that mention `entity_id` most, with their
  // first `mentions_per_document` mentions, and the counts over all. Reads
  // the entity's mention ids once (an index range), then each listed
  // document's mentions: bounded by the page, not by the entity's size.
  Result<EntityDocuments> EntityDocumentsOf(std::int64_t entity_id, std::size_t max_documents,
                                            std::size_t mentions_per_document);
  // Appends a decision to the journal; returns its id. The journal is never rewritten.
  Result<std::int64_t> AppendDecision(const std::string& action, const std::string& payload_json);
  Result<std::vector<DecisionRow>> Decisions();

  // --- The link stage (src/store/ties.cc) ---
  // Replaces the mentions of `document_id` and the relations between them
  // (Relation::source/target/amount/date index `mentions`) and records the
  // analyser and linker versions. Runs in the caller's transaction, if any.
  Status ReplaceMentionsAndRelations(std::int64_t document_id, const std::vector<Mention>& mentions,
                                     const std::vector<Relation>& relations, int analyser_version,
                                     int linker_version);
  // Replaces only the relations of `document_id` (indexes into Mentions(document_id)).
  Status ReplaceRelations(std::int64_t document_id, const std::vector<Relation>& relations, int linker_version);
  // Ids of analysed documents whose relations were made by a linker older than `linker_version`.
  Result<std::vector<std::int64_t>> UnlinkedDocuments(int linker_version, std::int64_t after_id, std::size_t limit);
  Result<std::int64_t> UnlinkedCount(int linker_version);
  // Number of relations by type.
  Result<std::vector<CountRow>> RelationCounts();
  // Ties between resolved entities (see TieQuery), heaviest first.
  Result<std::vector<TieRow>> Ties(const TieQuery& query);
  // Paid relations between resolved entities (of `entity` only, if set), by date then document.
  Result<std::vector<PaymentRow>> Payments(std::optional<std::int64_t> entity);
  // Dated events (of `entity` only, if set), by date; at most `limit` (0 = all).
  Result<std::vector<EventRow>> Timeline(std::optional<std::int64_t> entity, std::size_t limit);
  // The entity `id` as ties name it; NotFound if none.
  Result<EntityRef> EntityRefById(std::int64_t id);
  // The evidence of relation `relation_id` (sentence, path, trigger, money, date).
  Result<TieEvidence> RelationEvidence(std::int64_t relation_id);

  // Values of the meta table (run markers); nullopt when the key is absent.
  Result<std::optional<std::string>> GetMeta(const std::string& key);
  Status SetMeta(const std::string& key, const std::string& value);
  Status DeleteMeta(const std::string& key);

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
  // The database file this store was opened from.
  const std::string& path() const { return path_; }

 private:
  explicit Store(Connection conn) : conn_(std::move(conn)) {}
  Status Migrate();
  // Inserts `relations` of `document_id`; `mention_ids` maps their mention indexes to ids.
  Status InsertRelations(std::int64_t document_id, const std::vector<std::int64_t>& mention_ids,
                         const std::vector<Relation>& relations);
  Result<std::vector<CountRow>> CountBy(const std::string& sql);
  // Steps `stmt` to the end, reading (key, count) rows.
  static Result<std::vector<CountRow>> CountRows(Statement& stmt);
  // Runs `sql` (binding after_id and limit) and returns the first column of each row.
  Result<std::vector<std::int64_t>> IdsAfter(const char* sql, std::int64_t after_id, std::size_t limit);
  Result<Statement*> Cached(const char* sql);

  Connection conn_;
  std::string path_;
  std::map<const char*, Statement> statements_;
  Statement mention_insert_, relation_insert_;  // InsertRows' statements
  // A read-only Store is not migrated: below 2 it has no mentions (reads return none).
  bool has_mentions_ = true;
  // ... and below 4 no relations.
  bool has_relations_ = true;
  // ... and below 5 no stored mention count per entity (it is counted instead).
  bool has_mention_counts_ = true;
  // ... and below 6 the index state in documents.indexed, not in unindexed_documents.
  bool has_unindexed_table_ = true;
};

// While alive, `store`'s connection does not check foreign keys (a setting
// SQLite ignores inside a transaction: create this before Begin()). For
// writers that replace derived tables whole with rows consistent by
// construction: with the checks on, a DELETE FROM of a table in a foreign key
// deletes row by row instead of truncating (0.27 s of a re-resolution of the
// 10k suite case's entity tables, 0.01 s without).
class ForeignKeyChecksOff {
 public:
  explicit ForeignKeyChecksOff(Store& store);
  ~ForeignKeyChecksOff();  // the checks on again
  ForeignKeyChecksOff(const ForeignKeyChecksOff&) = delete;
  ForeignKeyChecksOff& operator=(const ForeignKeyChecksOff&) = delete;

 private:
  Store& store_;
};

}  // namespace leakgraph::store
