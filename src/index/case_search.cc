#include "index/case_search.h"

#include <utility>

#include "text/normalize.h"

namespace leakgraph::index {
namespace {

// Snippets are computed from at most this much of a hit's text.
constexpr std::size_t kSnippetTextLimit = 2u << 20;

// Facet names are folded (lower case, no diacritics); the name is shown as
// written in the example document, or as folded if that cannot be read.
std::string FacetDisplayName(store::Store& store, const FacetCount& f, const char* mention_type) {
  auto mentions = store.Mentions(f.example_docid);
  if (!mentions.ok()) return f.name;
  for (const auto& m : *mentions) {
    if (m.type == mention_type && text::FoldForSearch(m.normalized) == f.name) return m.normalized;
  }
  return f.name;
}

}  // namespace

Result<CaseSearchResult> SearchCase(Searcher& searcher, store::Store& store, const SearchRequest& request) {
  auto response = searcher.Search(request, [&](std::uint32_t docid) {
    auto doc = store.GetDocument(docid);
    if (!doc.ok()) return std::string();
    if (doc->text.size() > kSnippetTextLimit) doc->text.resize(kSnippetTextLimit);
    return std::move(doc->text);
  });
  if (!response.ok()) return response.status();
  CaseSearchResult result{std::move(*response), {}};
  if (request.facet_limit == 0) return result;
  for (const auto& kind : kFacetKinds) {
    auto& named = result.facets[kind.facet];
    for (const auto& f : result.response.facets[kind.facet]) {
      named.push_back({FacetDisplayName(store, f, kind.mention_type), f.name, f.count});
    }
  }
  return result;
}

nlohmann::json CaseSearchJson(const CaseSearchResult& result, const SearchRequest& request) {
  const SearchResponse& r = result.response;
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& h : r.hits) {
    hits.push_back({{"id", h.docid},
                    {"rank", h.rank},
                    {"percent", h.percent},
                    {"title", h.title},
                    {"path", h.path},
                    {"lang", h.language},
                    {"type", h.content_type},
                    {"date", h.date},
                    {"snippet_html", h.snippet_html}});
  }
  nlohmann::json out = {{"query", request.query},   {"parsed", r.parsed_query}, {"total", r.estimated_total},
                        {"offset", request.offset}, {"limit", request.limit},   {"hits", hits}};
  if (request.facet_limit > 0) {
    out["facets"] = nlohmann::json::object();
    for (const auto& kind : kFacetKinds) {
      nlohmann::json list = nlohmann::json::array();
      auto it = result.facets.find(kind.facet);
      if (it != result.facets.end()) {
        for (const auto& f : it->second)
          list.push_back({{"name", f.name}, {"key", f.key}, {"count", f.count}});
      }
      out["facets"][kind.facet] = list;
    }
  }
  return out;
}

}  // namespace leakgraph::index
