// Search over an investigation: the index ranks, the store supplies the text
// for snippets and the spelling under which each facet entity is shown.
// Shared by `leakgraph search` and the HTTP API so that both answer alike.
#pragma once

#include <cstddef>
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
};

// Runs `request` with snippets computed from the store's text (the first
// 2 MB of each hit). A query syntax error comes back as kInvalidInput.
Result<CaseSearchResult> SearchCase(Searcher& searcher, store::Store& store, const SearchRequest& request);

// The JSON of `leakgraph search --json` and GET /api/search: query, parsed,
// total, offset, limit, hits (id, rank, percent, title, path, lang,
// type, date, snippet_html) and, when facets were asked for, facets.
nlohmann::json CaseSearchJson(const CaseSearchResult& result, const SearchRequest& request);

}  // namespace leakgraph::index
