// The derived full-text index of an investigation (Xapian). It holds nothing
// the store does not: `leakgraph reindex` rebuilds it from the store alone.
//
// IndexDocumentBuilder turns a document into a Xapian::Document; it is cheap
// to construct and used by one thread at a time (one per worker). IndexWriter
// owns the writable database (one per investigation, one thread). Searcher
// parses queries with the same field table and normalisation.
#pragma once

#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "leakgraph/status.h"

namespace leakgraph::index {

// An entity mention, as the index needs it (from store::Mention).
struct IndexableMention {
  std::string type;        // PERSON, ORG, LOCATION, ROLE; other types are not indexed
  std::string text;        // as written: fed to person:, org:, place:, role:
  std::string normalized;  // the facet term's name
};

// What the index needs to know of a document.
struct IndexableDocument {
  std::string hash;
  std::string title;
  std::string text;
  std::string language;
  std::string content_type;
  std::optional<std::string> date;  // ISO 8601
  std::map<std::string, std::string> metadata;
  std::vector<std::string> paths;
  std::vector<IndexableMention> mentions;  // in text order
};

class IndexDocumentBuilder {
 public:
  IndexDocumentBuilder();
  Xapian::Document Build(const IndexableDocument& doc);
  // Adds the path terms (path: field) and the first path to the data.
  // Separate so that paths found after extraction can be added by the writer.
  static void AddPaths(Xapian::Document& xdoc, const std::vector<std::string>& paths);

 private:
  // The person:/org:/place: terms and the entity facet terms of `mentions`.
  // The only place mention terms are made, so ingest and reindex agree.
  void AddMentionTerms(Xapian::Document& xdoc, const std::vector<IndexableMention>& mentions);
  // The path terms of `paths`, by `gen` (set to the document, STEM_NONE).
  static void AddPathTerms(Xapian::TermGenerator& gen, const std::vector<std::string>& paths);
  Xapian::TermGenerator generator_;
};

// The short type name used for the type: field ("pdf", "email", "html", ...).
std::string ShortTypeName(const std::string& content_type);

// A set of strings kept as 64-bit fingerprints in one open-addressing array:
// a lookup touches one slot (rarely a few), where a node-based set of strings
// chases a pointer per element of a bucket, a cache miss each once the set
// outgrows the caches. Two strings with the same fingerprint count as one
// (about one chance in 10^8 for a million strings).
class FingerprintSet {
 public:
  // Adds `s`; true iff it was not there.
  bool Insert(std::string_view s);
  // The same for a string whose fingerprint is `fingerprint` (FingerprintOf), so
  // that the hashing can be done before taking a lock that guards the set.
  bool InsertFingerprint(std::uint64_t fingerprint);
  static std::uint64_t FingerprintOf(std::string_view s);
  void Clear();
  std::size_t size() const { return size_; }

 private:
  void Grow();
  std::vector<std::uint64_t> slots_;  // 0: empty (a fingerprint of 0 is stored as 1)
  std::size_t size_ = 0;
};

// The index is split into shards (CASE/index/shard-K, K < N; N fixed when the
// index is created, written in CASE/index/shards) so that N threads can write
// it at once. Store id i lives in shard (i-1) % N as sub-document
// (i-1) / N + 1, which is exactly how Xapian numbers the documents of
// databases opened together: the combined docid of every hit is its store id.
class IndexWriter {
 public:
  // Opens or creates the index folder at `path`. A new index gets
  // `shards_if_new` shards (0: one per core, at most 8). A compaction
  // interrupted while swapping folders is finished here (shard-K missing,
  // shard-K.compact complete: it is renamed into place); leftovers of one
  // interrupted before are removed. `expected_documents` is how many the
  // index should hold when this writer is done (0: not known), from which the
  // shards' flush threshold is chosen (FlushThresholdFor). Open sets
  // XAPIAN_FLUSH_THRESHOLD (setenv) unless the user had set it, when the
  // threshold differs from the one set last (always at the first Open):
  // open writers before starting threads that read the environment.
  static Result<std::unique_ptr<IndexWriter>> Open(const std::string& path, unsigned shards_if_new = 0,
                                                   std::uint64_t expected_documents = 0);
  // Writes the pending stem synonyms and commits what is pending.
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;
  // Replaces (or adds) the document with id `docid`.
  Status Replace(std::uint32_t docid, const Xapian::Document& doc);
  // Replaces many documents, one thread per shard.
  Status ReplaceMany(const std::vector<std::pair<std::int64_t, Xapian::Document>>& docs);
  Status Remove(std::uint32_t docid);
  // Makes every change so far durable (shards commit in parallel).
  Status Commit();
  // Commits, then, when the documents written through this writer are at least
  // as many as the index held when it was opened (a new index, a rebuild, an
  // ingest that doubled the case), rewrites every shard compactly (Xapian's
  // compaction, document numbers kept): the flushes every
  // kFlushDocumentsPerShard documents leave the tables' blocks a third to a
  // half full. The doubling rule bounds the compaction work of a case grown
  // run by run to about twice its final size. The writer stays usable.
  Status CommitAndCompactIfGrown();
  std::uint32_t DocumentCount() const;
  std::size_t pending() const { return pending_; }
  unsigned shard_count() const { return static_cast<unsigned>(shards_.size()); }

  // Each shard flushes its pending postings to its tables after this many
  // documents written to it, without committing them: every shard keeps a
  // Xapian transaction open between commits, and Xapian flushes an open
  // transaction at its flush threshold (XAPIAN_FLUSH_THRESHOLD, which Open
  // sets to FlushThresholdFor's, this for shards of up to 25,000 documents,
  // unless the user set it) without the commit and its fsyncs. Xapian's
  // inverter holds the postings in std::maps keyed by term and
  // by document, whose every insertion walks a tree that grows with them
  // (cache misses): on the 10k suite corpus, flushing every 250 documents
  // instead of once per 10,000 took the plain ingest's CPU time from 17-21 s
  // to 14-15 s and its peak memory from 442 to 150 MB.
  static constexpr std::size_t kFlushDocumentsPerShard = 250;
  // The flush threshold of a shard that should hold `documents_per_shard`:
  // kFlushDocumentsPerShard up to 25,000, then a hundredth of it, at most
  // kMaxFlushDocumentsPerShard. A flush rewrites a block of the position
  // and posting tables for every distinct term of its batch (where that
  // term's entries end), so once the tables outgrow a batch's vocabulary
  // every flush costs about the same, and small batches pay it per few
  // documents. A plain ingest of the 1M suite corpus, by its 220,000th
  // document: flushing every 250, 434 s of CPU (102 s of it in the kernel)
  // and 129 GB written through pwrite; every 1,000, 438 s (51 s) and 50 GB
  // for 5 % more documents in the same 4:05, peak 351 MiB instead of 300;
  // every 5,000, more CPU in the inverter (2.3 ms a document) and 587 MiB.
  // At 250 throughout, an earlier run (other work beside it) reached 556,000
  // documents in 16.5 minutes, 463 GB written, 375 s in the kernel.
  static std::size_t FlushThresholdFor(std::uint64_t documents_per_shard);
  static constexpr std::size_t kMaxFlushDocumentsPerShard = 1000;

 private:
  IndexWriter(std::string path, std::vector<Xapian::WritableDatabase> shards, std::uint64_t documents_at_open)
      : path_(std::move(path)),
        shards_(std::move(shards)),
        documents_at_open_(documents_at_open) {}
  Xapian::WritableDatabase& ShardOf(std::uint32_t docid, Xapian::docid& sub_docid);
  // Compacts shard k into a sibling folder and swaps it in (see Open for the
  // recovery of an interrupted swap).
  Status CompactShard(std::size_t k);
  // Queues, for shard 0's synonym table, "Z" + prefix + stem -> prefix + word
  // for every word of `found` (see StemSynonymsOf); written by Commit.
  void AddStemSynonyms(std::vector<std::pair<std::string, std::string>>& found);
  // Writes the queued pairs to shard 0's synonym table, key by key: Xapian
  // reads and rewrites (compressed) a key's whole entry each time
  // add_synonym is called with a key other than the previous call's, so
  // pairs in document order cost one entry rewrite each.
  void WritePendingSynonyms();
  std::string path_;
  std::vector<Xapian::WritableDatabase> shards_;
  std::uint64_t documents_at_open_ = 0;
  std::atomic<std::uint64_t> documents_written_{0};
  std::vector<std::pair<std::string, std::string>> pending_synonyms_;  // since the last commit, unsorted
  // The terms whose synonym pair was already formed (and is written or
  // queued), so that a word is stemmed once, whichever shards it occurs in
  // (the shard threads of ReplaceMany share it under the mutex). Cleared at a
  // commit once it holds kTermsSeenLimit terms, to bound its memory.
  static constexpr std::size_t kTermsSeenLimit = std::size_t{1} << 21;
  FingerprintSet terms_seen_;
  std::mutex terms_seen_mutex_;
  std::size_t pending_ = 0;
};

// Stemming by query expansion: the index holds only the words; each word w of a
// free-text field with prefix P is listed as a synonym of the key "Z" P stem(w),
// which is the term Xapian's query parser forms for a word under STEM_SOME, so
// FLAG_AUTO_SYNONYMS expands a query word into every indexed word with its stem.
// Appends those (key, word) pairs for the terms of `doc` to `out`, leaving out
// words the query parser never stems (those not starting with a letter, such as
// numbers: it searches them as written). When `seen` is given, skips the terms
// it holds and adds the others to it, under `seen_mutex` if one is given.
void StemSynonymsOf(const Xapian::Document& doc, Xapian::Stem& stemmer,
                    std::vector<std::pair<std::string, std::string>>& out,
                    FingerprintSet* seen = nullptr, std::mutex* seen_mutex = nullptr);

// Opens every shard of the index folder at `path` as one database.
Result<Xapian::Database> OpenIndexForReading(const std::string& path);

struct SearchHit {
  std::uint32_t docid = 0;
  int rank = 0;
  int percent = 0;
  double weight = 0;
  std::string title;
  std::string path;
  std::string language;
  std::string content_type;
  std::string date;
  std::string snippet_html;  // HTML-escaped, matches wrapped in <mark>…</mark>
};

struct SearchRequest {
  std::string query;
  std::size_t offset = 0;
  std::size_t limit = 10;
  std::size_t facet_limit = 0;  // > 0: count up to this many entities per facet
};

// How many of the top matching documents mention an entity.
struct FacetCount {
  std::string name;  // the folded name (FoldForSearch of the normalized mention)
  std::size_t count = 0;
  std::uint32_t example_docid = 0;  // a matching document that mentions it (to show its spelling)
};

// Facets are counted over at most this many top matches.
inline constexpr std::size_t kFacetDocuments = 1000;

struct SearchResponse {
  std::string parsed_query;  // Xapian's description, for --explain
  std::size_t estimated_total = 0;
  bool total_is_exact = false;  // true when estimated_total is the exact count
  std::vector<SearchHit> hits;
  // "person", "org", "place", "role" -> most frequent first (filled when facet_limit > 0).
  std::map<std::string, std::vector<FacetCount>> facets;
};

// Looks up document text for snippets (the store is the text's home).
using TextLookup = std::function<std::string(std::uint32_t docid)>;

class Searcher {
 public:
  static Result<std::unique_ptr<Searcher>> Open(const std::string& path);
  // A searcher over an already assembled database (the remote shards of a
  // cluster, src/cluster/). Queries are parsed against `parse_db` when given
  // (a database holding the stem synonym tables, which Xapian 1.4's remote
  // backend does not serve), else against `db`.
  static std::unique_ptr<Searcher> FromDatabase(Xapian::Database db, std::optional<Xapian::Database> parse_db = {}) {
    auto searcher = std::unique_ptr<Searcher>(new Searcher(std::move(db)));
    searcher->parse_db_ = std::move(parse_db);
    return searcher;
  }
  // Parses and runs `request.query`. A syntax error comes back as kInvalidInput
  // naming the problem.
  Result<SearchResponse> Search(const SearchRequest& request, const TextLookup& text_lookup);
  // The query as Xapian sees it, after normalisation (for tests and --explain).
  Result<Xapian::Query> Parse(const std::string& query);
  std::uint32_t DocumentCount() const;

 private:
  explicit Searcher(Xapian::Database db) : db_(std::move(db)) {}
  std::map<std::string, std::vector<FacetCount>> CountFacets(Xapian::Enquire& enquire, std::size_t limit);
  Xapian::Database db_;
  std::optional<Xapian::Database> parse_db_;
};

// Applies the index-time normalisation to a query string while keeping its
// syntax: boolean operators (AND, OR, NOT, XOR, NEAR, ADJ) stay upper-case,
// quotes, field prefixes and wildcards are kept.
std::string NormaliseQuery(const std::string& query);

}  // namespace leakgraph::index
