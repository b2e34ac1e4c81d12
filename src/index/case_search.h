// Search over an investigation: the index ranks, the store supplies the text
// for snippets and the spelling under which each facet entity is shown.
// Shared by `leakgraph search` and the HTTP API so that both answer alike.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "index/index.h"
#include "leakgraph/status.h"
#include "store/store.h"

namespace leakgraph::index {

// A facet of the search output and the mention type it counts.
struct FacetKind {
  const char* facet;         // as in SearchResponse::facets and the JSON ("person")
  const char* title;         // heading of the text output ("People")
  const char* mention_type;  // store::Mention::type ("PERSON")
};
inline constexpr FacetKind kFacetKinds[] = {{"person", "People", "PERSON"},
                                            {"org", "Organisations", "ORG"},
                                            {"place", "Places", "LOCATION"},
                                            {"role", "Roles", "ROLE"}};

// A facet entry ready to show: `name` as written in a matching document,
// `key` the folded name the index counts.
struct NamedFacet {
  std::string name;
  std::string key;
  std::size_t count = 0;
};

struct CaseSearchResult {
  SearchResponse response;
  // Facet name ("person", ...) -> entries, most frequent first; one list per
  // kFacetKinds entry when the request asked for facets, empty otherwise.
  std::map<std::string, std::vector<NamedFacet>> facets;
  // Set when the search ran over a cluster of shard folders (src/cluster/):
  // hits' docids are then ids in their shard's store, and hit_shards[i] names
  // the shard of response.hits[i]. `warnings` name shards that did not answer.
  bool from_cluster = false;
  std::vector<std::string> hit_shards;
  std::vector<std::string> warnings;
};

// Runs `request` with snippets computed from the store's text (the first
// 2 MB of each hit). A query syntax error comes back as kInvalidInput.
Result<CaseSearchResult> SearchCase(Searcher& searcher, store::Store& store, const SearchRequest& request);

// Where the store row of a docid of the searched database lives. For one
// folder the docid is the store id; for a cluster the docid names a shard
// and an id in that shard's store.
struct DocumentLocation {
  store::Store* store = nullptr;  // nullptr: no store readable here (no snippet, names as indexed)
  std::int64_t id = 0;            // the document's id in `store`
  std::string shard;              // the shard's name; "" for one folder
};
using LocateDocument = std::function<DocumentLocation(std::uint32_t docid)>;

// SearchCase over any database: `locate` maps each hit and facet example to
// its store. Hits with a non-empty shard are reported as described in
// CaseSearchResult (from_cluster is left to the caller).
Result<CaseSearchResult> SearchCase(Searcher& searcher, const LocateDocument& locate, const SearchRequest& request);

// The JSON of `leakgraph search --json` and GET /api/search: query, parsed,
// total, offset, limit, hits (id, rank, percent, title, path, lang,
// type, date, snippet_html) and, when facets were asked for, facets. From a
// cluster, also each hit's "shard" and "warnings" (array of strings).
nlohmann::json CaseSearchJson(const CaseSearchResult& result, const SearchRequest& request);

}  // namespace leakgraph::index
