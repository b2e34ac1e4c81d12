// leakgraph search CASE QUERY: ranked full-text search with snippets.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <iostream>

#include "cli/command.h"
#include "cli/util.h"
#include "cluster/cluster.h"
#include "index/case_search.h"
#include "index/index.h"
#include "store/store.h"

namespace leakgraph::cli {
namespace {

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
    std::string cluster;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir,
                  "The investigation folder, or a cluster file of shard servers (see docs/SCALING.md)")
      ->required();
  cmd->add_option("QUERY", args->query,
                  "Words, \"phrases\", AND/OR/NOT, NEAR, wild*, title: from: to: lang: path: type: tag: person: org: place: role:, "
                  "date:2009-01-01..2009-12-31")
      ->required();
  cmd->add_option("-n,--limit", args->limit, "Results per page (default 10)");
  cmd->add_option("-p,--page", args->page, "Page number, from 1");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->add_flag("--explain", args->explain, "Show the parsed query");
  cmd->add_option("--cluster", args->cluster,
                  "Search the shard servers of this cluster file (default: CASE/cluster if present)");
  cmd->add_flag("--facets", args->facets,
                "Also list the people, organisations, places and roles most mentioned by the top 1,000 matches");
  cmd->callback([args] {
    std::string query;
    for (const auto& q : args->query) query += (query.empty() ? "" : " ") + q;
    index::SearchRequest request{query, (std::max<std::size_t>(args->page, 1) - 1) * args->limit, args->limit,
                                 args->facets ? std::size_t{10} : std::size_t{0}};
    std::optional<std::filesystem::path> cluster_file;
    if (!args->cluster.empty()) cluster_file = args->cluster;
    else if (std::filesystem::is_regular_file(args->dir)) cluster_file = args->dir;
    else cluster_file = cluster::ClusterFileFor(args->dir);
    Result<index::CaseSearchResult> result = Status::Internal("no search");
    if (cluster_file) {
      auto searcher = cluster::SharedClusterSearcher(*cluster_file);
      if (!searcher.ok()) return Fail(searcher.status().message());
      result = (*searcher)->Search(request);
    } else {
      auto inv = OpenInvestigationOrFail(args->dir);
      if (!inv) return;
      auto store = store::Store::Open(inv->store_path(), false, /*read_only=*/true);
      if (!store.ok()) return Fail(store.status().message());
      auto searcher = index::Searcher::Open(inv->index_path());
      if (!searcher.ok()) return Fail(searcher.status().message() + " (try: leakgraph reindex " + args->dir + ")");
      result = index::SearchCase(**searcher, *store, request);
    }
    if (!result.ok()) return Fail(result.status().message());
    for (const auto& w : result->warnings) std::fprintf(stderr, "leakgraph: warning: %s\n", w.c_str());
    const index::SearchResponse* response = &result->response;
    if (args->json) {
      nlohmann::json out = index::CaseSearchJson(*result, request);
      for (auto& hit : out["hits"]) hit["snippet"] = SnippetForTerminal(hit["snippet_html"].get<std::string>(), false);
      PrintJson(out);
      return;
    }
    bool tty = StdoutIsTerminal();
    if (args->explain) std::printf("Query: %s\n", response->parsed_query.c_str());
    std::size_t total = response->estimated_total;
    std::printf("%s%zu result%s for %s\n", response->total_is_exact ? "" : "About ", total,
                total == 1 ? "" : "s", query.c_str());
    for (const auto& h : response->hits) {
      std::size_t i = static_cast<std::size_t>(&h - response->hits.data());
      std::string id = (i < result->hit_shards.size() ? result->hit_shards[i] + ":" : "") + std::to_string(h.docid);
      std::printf("\n%d. [%s] %s  (%s, %s%s%s)\n   %s\n   %s\n", h.rank, id.c_str(), h.title.c_str(),
                  h.language.c_str(), index::ShortTypeName(h.content_type).c_str(),
                  h.date.empty() ? "" : ", ", h.date.c_str(), h.path.c_str(),
                  SnippetForTerminal(h.snippet_html, tty).c_str());
    }
    std::size_t shown_to = request.offset + response->hits.size();
    if (shown_to < response->estimated_total) {
      std::printf("\nMore: --page %zu\n", args->page + 1);
    }
    if (args->facets) {
      for (const auto& kind : index::kFacetKinds) {
        const auto& list = result->facets[kind.facet];
        std::printf("\n%s:%s", kind.title, list.empty() ? " none\n" : "\n");
        for (const auto& f : list) {
          std::printf("  %-40s %6zu\n", f.name.c_str(), f.count);
        }
      }
    }
  });
});

}  // namespace
}  // namespace leakgraph::cli
