#include "index/case_search.h"

#include <utility>

#include "text/normalize.h"

namespace leakgraph::index {
namespace {

// Snippets are computed from at most this much of a hit's text.
constexpr std::size_t kSnippetTextLimit = 2u << 20;

// Facet names are folded (lower case, no diacritics); the name is shown as
// written in the example document, or as folded if that cannot be read.
std::string FacetDisplayName(const LocateDocument& locate, const FacetCount& f, const char* mention_type) {
  DocumentLocation where = locate(f.example_docid);
  if (where.store == nullptr) return f.name;
  auto mentions = where.store->Mentions(where.id);
  if (!mentions.ok()) return f.name;
  for (const auto& m : *mentions) {
    if (m.type == mention_type && text::FoldForSearch(m.normalized) == f.name) return m.normalized;
  }
  return f.name;
}

}  // namespace

Result<CaseSearchResult> SearchCase(Searcher& searcher, store::Store& store, const SearchRequest& request) {
  return SearchCase(searcher, [&](std::uint32_t docid) { return DocumentLocation{&store, docid, ""}; }, request);
}

Result<CaseSearchResult> SearchCase(Searcher& searcher, const LocateDocument& locate, const SearchRequest& request) {
  auto response = searcher.Search(request, [&](std::uint32_t docid) {
    DocumentLocation where = locate(docid);
    if (where.store == nullptr) return std::string();
    auto doc = where.store->GetDocument(where.id);
    if (!doc.ok()) return std::string();
    if (doc->text.size() > kSnippetTextLimit) doc->text.resize(kSnippetTextLimit);
    return std::move(doc->text);
  });
  if (!response.ok()) return response.status();
  CaseSearchResult result;
  result.response = std::move(*response);
  for (auto& hit : result.response.hits) {
    DocumentLocation where = locate(hit.docid);
    if (where.shard.empty()) continue;
    hit.docid = static_cast<std::uint32_t>(where.id);
    result.hit_shards.resize(result.response.hits.size());
    result.hit_shards[static_cast<std::size_t>(&hit - result.response.hits.data())] = where.shard;
  }
  if (request.facet_limit == 0) return result;
  for (const auto& kind : kFacetKinds) {
    auto& named = result.facets[kind.facet];
    for (const auto& f : result.response.facets[kind.facet]) {
      named.push_back({FacetDisplayName(locate, f, kind.mention_type), f.name, f.count});
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
    std::size_t i = static_cast<std::size_t>(&h - r.hits.data());
    if (result.from_cluster) hits.back()["shard"] = i < result.hit_shards.size() ? result.hit_shards[i] : "";
  }
  nlohmann::json out = {{"query", request.query},   {"parsed", r.parsed_query}, {"total", r.estimated_total},
                        {"offset", request.offset}, {"limit", request.limit},   {"hits", hits}};
  if (result.from_cluster) out["warnings"] = result.warnings;
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
