#include "graph/analysis.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <numeric>

#include "graph/graph_cache.h"

namespace leakgraph::graph {
namespace {

Result<store::EntityRef> EntityOf(store::Store& store, std::int64_t id) {
  auto row = store.GetEntity(id);
  if (!row.ok()) return row.status();
  return store::EntityRef{row->id, row->type, row->name};
}

Result<std::shared_ptr<const LoadedGraph>> GraphWithStats(store::Store& store, const GraphFilter& filter,
                                                          GraphCache* cache) {
  return cache != nullptr ? cache->Get(store, filter) : LoadGraphWithStats(store, filter);
}

std::vector<NetworkTie> TiesAmong(const EntityGraph& g, const std::vector<std::size_t>& edges) {
  std::vector<NetworkTie> out;
  out.reserve(edges.size());
  for (std::size_t e : edges) {
    const Edge& edge = g.edges()[e];
    out.push_back({edge.source, edge.target, edge.type, StatedWeight(edge)});
  }
  return out;
}

}  // namespace

Result<EntityNetwork> Network(store::Store& store, const NetworkQuery& query, GraphCache* cache) {
  if (query.depth == 0) return Status::InvalidInput("network: depth must be at least 1");
  if (query.limit == 0) return Status::InvalidInput("network: limit must be at least 1");
  std::optional<store::EntityRef> center;
  if (query.center) {
    auto e = EntityOf(store, *query.center);
    if (!e.ok()) return e.status();
    center = *e;
  }
  auto loaded = GraphWithStats(store, query.filter, cache);
  if (!loaded.ok()) return loaded.status();
  const EntityGraph* g = &(*loaded)->graph;
  const Communities& communities = (*loaded)->communities;
  const std::vector<EntityStats>* stats = &(*loaded)->stats;
  EntityNetwork net;
  net.graph_entities = g->nodes().size();
  net.graph_pairs = g->pairs().size();
  net.communities = communities.count;
  net.modularity = communities.modularity;
  if (center) {
    auto index = g->IndexOf(center->id);
    if (!index) {  // no ties: the entity alone
      EntityStats alone;
      alone.entity = *center;
      alone.community = communities.count;  // a community of its own
      net.nodes.push_back(alone);
      return net;
    }
    EgoNetwork ego = g->Ego(*index, query.depth, query.limit);
    // Truncated iff the ego network one node larger is larger.
    net.truncated = g->Ego(*index, query.depth, query.limit + 1).nodes.size() > ego.nodes.size();
    for (std::size_t n : ego.nodes) net.nodes.push_back((*stats)[n]);
    net.ties = TiesAmong(*g, ego.edges);
    return net;
  }
  std::vector<std::size_t> order(g->nodes().size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return (*stats)[a].pagerank > (*stats)[b].pagerank; });
  net.truncated = order.size() > query.limit;
  if (net.truncated) order.resize(query.limit);
  std::vector<bool> kept(g->nodes().size(), false);
  for (std::size_t n : order) {
    kept[n] = true;
    net.nodes.push_back((*stats)[n]);
  }
  std::vector<std::size_t> edges;
  for (const Pair& p : g->pairs())
    if (kept[p.a] && kept[p.b]) edges.insert(edges.end(), p.edges.begin(), p.edges.end());
  std::sort(edges.begin(), edges.end());
  net.ties = TiesAmong(*g, edges);
  return net;
}

Result<PathsAnswer> Paths(store::Store& store, const PathsQuery& query, GraphCache* cache) {
  if (query.k == 0) return Status::InvalidInput("paths: k must be at least 1");
  PathsAnswer answer;
  auto from = EntityOf(store, query.from);
  if (!from.ok()) return from.status();
  auto to = EntityOf(store, query.to);
  if (!to.ok()) return to.status();
  answer.from = *from;
  answer.to = *to;
  if (query.from == query.to)
    return Status::InvalidInput("paths: both ends are the same entity (" + answer.from.name + ")");
  // Without a cache, the graph alone (no measures); with one, the cached graph.
  std::shared_ptr<const LoadedGraph> cached;
  std::optional<EntityGraph> loaded;
  if (cache != nullptr) {
    auto c = cache->Get(store, query.filter);
    if (!c.ok()) return c.status();
    cached = std::move(c).value();
  } else {
    auto l = LoadEntityGraph(store, query.filter);
    if (!l.ok()) return l.status();
    loaded.emplace(std::move(l).value());
  }
  const EntityGraph* g = cached ? &cached->graph : &*loaded;
  std::string kind = query.filter.types.empty() ? (query.filter.co_mention ? "" : "typed ") : "such ";
  auto a = g->IndexOf(query.from);
  auto b = g->IndexOf(query.to);
  if (!a || !b) {
    answer.no_path = (a ? answer.to.name : answer.from.name) + " has no " + kind + "ties";
    if (!a && !b) answer.no_path = answer.from.name + " and " + answer.to.name + " have no " + kind + "ties";
    return answer;
  }
  auto paths = g->KShortestPaths(*a, *b, query.k);
  if (!paths.ok()) return paths.status();
  if (paths->empty()) {
    answer.no_path = "no chain of " + kind + "ties joins " + answer.from.name + " and " + answer.to.name;
    return answer;
  }
  std::vector<std::size_t> degree = g->Degree();
  std::map<std::pair<std::size_t, std::size_t>, std::vector<store::TieRow>> fetched;
  for (const GraphPath& path : *paths) {
    EntityPath out;
    out.cost = path.cost;
    for (std::size_t h = 0; h < path.hops.size(); ++h) {
      std::size_t u = path.nodes[h], v = path.nodes[h + 1];
      auto key = std::minmax(u, v);
      auto it = fetched.find(key);
      if (it == fetched.end()) {
        // Ask from the end with fewer ties: the store returns all of its ties.
        std::size_t ask = degree[key.first] <= degree[key.second] ? key.first : key.second;
        std::size_t other = ask == key.first ? key.second : key.first;
        auto ties =
            TiesBetween(store, g->nodes()[ask].id, g->nodes()[other].id, query.filter, query.max_evidence);
        if (!ties.ok()) return ties.status();
        it = fetched.emplace(key, std::move(ties).value()).first;
      }
      out.hops.push_back({g->nodes()[u], g->nodes()[v], it->second, path.hops[h].weight});
    }
    answer.paths.push_back(std::move(out));
  }
  return answer;
}

Result<Measure> ParseMeasure(std::string_view name) {
  if (name == "degree") return Measure::kDegree;
  if (name == "pagerank") return Measure::kPageRank;
  if (name == "betweenness") return Measure::kBetweenness;
  return Status::InvalidInput("unknown measure '" + std::string(name) +
                              "' (measures: degree, pagerank, betweenness)");
}

const char* MeasureName(Measure measure) {
  switch (measure) {
    case Measure::kDegree:
      return "degree";
    case Measure::kPageRank:
      return "pagerank";
    case Measure::kBetweenness:
      return "betweenness";
  }
  return "degree";
}

Result<std::vector<EntityStats>> Top(store::Store& store, const TopQuery& query, GraphCache* cache) {
  std::string type = query.entity_type;
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::toupper(c); });
  if (!type.empty() && type != "PERSON" && type != "ORG" && type != "LOCATION")
    return Status::InvalidInput("unknown entity type '" + query.entity_type +
                                "' (types: PERSON, ORG, LOCATION)");
  auto loaded = GraphWithStats(store, query.filter, cache);
  if (!loaded.ok()) return loaded.status();
  const EntityGraph* g = &(*loaded)->graph;
  std::optional<std::vector<EntityStats>> stats((*loaded)->stats);
  if (query.measure == Measure::kBetweenness) {
    auto between = g->Betweenness(query.betweenness);
    if (!between.ok()) return between.status();
    for (std::size_t i = 0; i < stats->size(); ++i) (*stats)[i].betweenness = (*between)[i];
  }
  auto score = [&](const EntityStats& s) {
    switch (query.measure) {
      case Measure::kDegree:
        return static_cast<double>(s.degree);
      case Measure::kPageRank:
        return s.pagerank;
      case Measure::kBetweenness:
        return s.betweenness.value_or(0);
    }
    return 0.0;
  };
  std::vector<EntityStats> out;
  for (auto& s : *stats)
    if (type.empty() || s.entity.type == type) out.push_back(std::move(s));
  std::sort(out.begin(), out.end(), [&](const EntityStats& a, const EntityStats& b) {
    if (score(a) != score(b)) return score(a) > score(b);
    if (a.strength != b.strength) return a.strength > b.strength;
    return a.entity.name != b.entity.name ? a.entity.name < b.entity.name : a.entity.id < b.entity.id;
  });
  if (query.limit > 0 && out.size() > query.limit) out.resize(query.limit);
  return out;
}

}  // namespace leakgraph::graph
