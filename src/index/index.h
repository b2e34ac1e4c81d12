// The derived full-text index of an investigation (Xapian). It holds nothing
// the store does not: `leakgraph reindex` rebuilds it from the store alone.
//
// IndexDocumentBuilder turns a document into a Xapian::Document; it is cheap
// to construct and used by one thread at a time (one per worker). IndexWriter
// owns the writable database (one per investigation, one thread). Searcher
// parses queries with the same field table and normalisation.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "leakgraph/status.h"

namespace leakgraph::index {

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
};

class IndexDocumentBuilder {
 public:
  IndexDocumentBuilder();
  Xapian::Document Build(const IndexableDocument& doc);
  // Adds the path terms (path: field) and the first path to the data.
  // Separate so that paths found after extraction can be added by the writer.
  static void AddPaths(Xapian::Document& xdoc, const std::vector<std::string>& paths);

 private:
  Xapian::TermGenerator generator_;
};

// The short type name used for the type: field ("pdf", "email", "html", ...).
std::string ShortTypeName(const std::string& content_type);

class IndexWriter {
 public:
  // Opens or creates the index at `path`.
  static Result<std::unique_ptr<IndexWriter>> Open(const std::string& path);
  // Replaces (or adds) the document with id `docid`.
  Status Replace(std::uint32_t docid, const Xapian::Document& doc);
  Status Remove(std::uint32_t docid);
  // Makes every change so far durable.
  Status Commit();
  std::uint32_t DocumentCount() const;
  std::size_t pending() const { return pending_; }

 private:
  explicit IndexWriter(Xapian::WritableDatabase db) : db_(std::move(db)) {}
  Xapian::WritableDatabase db_;
  std::size_t pending_ = 0;
};

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
};

struct SearchResponse {
  std::string parsed_query;  // Xapian's description, for --explain
  std::size_t estimated_total = 0;
  std::vector<SearchHit> hits;
};

// Looks up document text for snippets (the store is the text's home).
using TextLookup = std::function<std::string(std::uint32_t docid)>;

class Searcher {
 public:
  static Result<std::unique_ptr<Searcher>> Open(const std::string& path);
  // Parses and runs `request.query`. A syntax error comes back as kInvalidInput
  // naming the problem.
  Result<SearchResponse> Search(const SearchRequest& request, const TextLookup& text_lookup);
  // The query as Xapian sees it, after normalisation (for tests and --explain).
  Result<Xapian::Query> Parse(const std::string& query);
  std::uint32_t DocumentCount() const;

 private:
  explicit Searcher(Xapian::Database db) : db_(std::move(db)) {}
  Xapian::Database db_;
};

// Applies the index-time normalisation to a query string while keeping its
// syntax: boolean operators (AND, OR, NOT, XOR, NEAR, ADJ) stay upper-case,
// quotes, field prefixes and wildcards are kept.
std::string NormaliseQuery(const std::string& query);

}  // namespace leakgraph::index
