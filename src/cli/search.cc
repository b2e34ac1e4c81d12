// leakgraph search CASE QUERY: ranked full-text search with snippets.
#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "cli/util.h"
#include "index/index.h"
#include "store/store.h"
#include "text/normalize.h"

namespace leakgraph::cli {
namespace {

constexpr std::size_t kSnippetTextLimit = 2u << 20;

// Turns Xapian's HTML snippet into terminal text: matches in bold on a
// terminal, between ** elsewhere; entities decoded.
std::string SnippetForTerminal(const std::string& html, bool tty) {
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    auto starts = [&](const char* s) { return html.compare(i, std::strlen(s), s) == 0; };
    if (starts("<mark>")) { out += tty ? "\033[1m" : "**"; i += 6; }
    else if (starts("</mark>")) { out += tty ? "\033[0m" : "**"; i += 7; }
    else if (starts("&amp;")) { out += '&'; i += 5; }
    else if (starts("&lt;")) { out += '<'; i += 4; }
    else if (starts("&gt;")) { out += '>'; i += 4; }
    else if (starts("&quot;")) { out += '"'; i += 6; }
    else if (starts("&#39;")) { out += '\''; i += 5; }
    else if (html[i] == '\n' || html[i] == '\r' || html[i] == '\t' || html[i] == '\f') { out += ' '; ++i; }
    else { out += html[i]; ++i; }
  }
  return out;
}

struct FacetKind {
  const char* facet;       // as in SearchResponse::facets and the JSON
  const char* title;       // heading of the text output
  const char* mention_type;  // store::Mention::type
};
constexpr FacetKind kFacetKinds[] = {
    {"person", "People", "PERSON"}, {"org", "Organisations", "ORG"}, {"place", "Places", "LOCATION"}};

// Facet names are folded (lower case, no diacritics); the name is shown as
// written in the example document, or as folded if that cannot be read.
std::string FacetDisplayName(store::Store& store, const index::FacetCount& f, const char* mention_type) {
  auto mentions = store.Mentions(f.example_docid);
  if (!mentions.ok()) return f.name;
  for (const auto& m : *mentions) {
    if (m.type == mention_type && text::FoldForSearch(m.normalized) == f.name) return m.normalized;
  }
  return f.name;
}

CommandRegistration kRegister("search", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("search", "Search an investigation");
  struct Args {
    std::string dir;
    std::vector<std::string> query;
    std::size_t limit = 10;
    std::size_t page = 1;
    bool json = false;
    bool explain = false;
    bool facets = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The investigation folder")->required();
  cmd->add_option("QUERY", args->query,
                  "Words, \"phrases\", AND/OR/NOT, NEAR, wild*, title: from: to: lang: path: type: tag: person: org: place:, "
                  "date:2009-01-01..2009-12-31")
      ->required();
  cmd->add_option("-n,--limit", args->limit, "Results per page (default 10)");
  cmd->add_option("-p,--page", args->page, "Page number, from 1");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->add_flag("--explain", args->explain, "Show the parsed query");
  cmd->add_flag("--facets", args->facets,
                "Also list the people, organisations and places most mentioned by the top 1,000 matches");
  cmd->callback([args] {
    auto inv = OpenInvestigationOrFail(args->dir);
    if (!inv) return;
    auto store = store::Store::Open(inv->store_path(), false, /*read_only=*/true);
    if (!store.ok()) return Fail(store.status().message());
    auto searcher = index::Searcher::Open(inv->index_path());
    if (!searcher.ok()) return Fail(searcher.status().message() + " (try: leakgraph reindex " + args->dir + ")");
    std::string query;
    for (const auto& q : args->query) query += (query.empty() ? "" : " ") + q;
    index::SearchRequest request{query, (std::max<std::size_t>(args->page, 1) - 1) * args->limit, args->limit,
                                 args->facets ? std::size_t{10} : std::size_t{0}};
    auto response = (*searcher)->Search(request, [&](std::uint32_t docid) {
      auto doc = store->GetDocument(docid);
      if (!doc.ok()) return std::string();
      if (doc->text.size() > kSnippetTextLimit) doc->text.resize(kSnippetTextLimit);
      return std::move(doc->text);
    });
    if (!response.ok()) return Fail(response.status().message());
    if (args->json) {
      nlohmann::json hits = nlohmann::json::array();
      for (const auto& h : response->hits) {
        hits.push_back({{"id", h.docid}, {"rank", h.rank}, {"percent", h.percent}, {"title", h.title},
                        {"path", h.path}, {"lang", h.language}, {"type", h.content_type},
                        {"date", h.date}, {"snippet_html", h.snippet_html},
                        {"snippet", SnippetForTerminal(h.snippet_html, false)}});
      }
      nlohmann::json out = {{"query", query}, {"parsed", response->parsed_query},
                            {"total", response->estimated_total}, {"offset", request.offset},
                            {"limit", request.limit}, {"hits", hits}};
      if (args->facets) {
        out["facets"] = nlohmann::json::object();
        for (const auto& kind : kFacetKinds) {
          nlohmann::json list = nlohmann::json::array();
          for (const auto& f : response->facets[kind.facet]) {
            list.push_back({{"name", FacetDisplayName(*store, f, kind.mention_type)}, {"key", f.name},
                            {"count", f.count}});
          }
          out["facets"][kind.facet] = list;
        }
      }
      PrintJson(out);
      return;
    }
    bool tty = StdoutIsTerminal();
    if (args->explain) std::printf("Query: %s\n", response->parsed_query.c_str());
    std::printf("About %zu results for %s\n", response->estimated_total, query.c_str());
    for (const auto& h : response->hits) {
      std::printf("\n%d. [%u] %s  (%s, %s%s%s)\n   %s\n   %s\n", h.rank, h.docid, h.title.c_str(),
                  h.language.c_str(), index::ShortTypeName(h.content_type).c_str(),
                  h.date.empty() ? "" : ", ", h.date.c_str(), h.path.c_str(),
                  SnippetForTerminal(h.snippet_html, tty).c_str());
    }
    std::size_t shown_to = request.offset + response->hits.size();
    if (shown_to < response->estimated_total) {
      std::printf("\nMore: --page %zu\n", args->page + 1);
    }
    if (args->facets) {
      for (const auto& kind : kFacetKinds) {
        const auto& list = response->facets[kind.facet];
        std::printf("\n%s:%s", kind.title, list.empty() ? " none\n" : "\n");
        for (const auto& f : list) {
          std::printf("  %-40s %6zu\n", FacetDisplayName(*store, f, kind.mention_type).c_str(), f.count);
        }
      }
    }
  });
});

}  // namespace
}  // namespace leakgraph::cli
