// The network analyses the CLI (`leakgraph path`, `leakgraph top`) and the
// HTTP API serve: each loads the case's entity graph (graph_from_store.h),
// runs what it needs on it (entity_graph.h) and names entities as the store
// does. Centrality and communities are those of the whole graph the filter
// keeps, also when only a part of it is returned. Without a cache every call
// reads the ties again (one query without evidence); the server passes its
// GraphCache (graph_cache.h), which keeps the loaded graph and its measures
// until the store changes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph_from_store.h"
#include "leakgraph/status.h"
#include "store/store.h"

namespace leakgraph::graph {

class GraphCache;

// One entity with where it stands in the graph.
struct EntityStats {
  store::EntityRef entity;
  std::size_t degree = 0;             // distinct entities it is tied to
  double strength = 0;                // sum of the weights of its ties
  double pagerank = 0;                // over the whole graph; sums to 1 over it
  std::optional<double> betweenness;  // when asked for (Top by betweenness)
  std::size_t community = 0;          // Leiden community; 0 is the largest
};

// A typed tie of a network, without its evidence.
struct NetworkTie {
  std::int64_t source = 0;
  std::int64_t target = 0;
  std::string type;
  double weight = 0;  // sentences stating it
};

struct EntityNetwork {
  std::vector<EntityStats> nodes;  // the centre first (then by distance), else by PageRank
  std::vector<NetworkTie> ties;    // every tie among `nodes`
  std::size_t graph_entities = 0;  // in the whole graph
  std::size_t graph_pairs = 0;     // tied pairs of entities in the whole graph
  std::size_t communities = 0;
  double modularity = 0;
  bool truncated = false;  // more entities qualified than `limit`
};

struct NetworkQuery {
  std::optional<std::int64_t> center;  // an entity id: its ego network; none: the most central entities
  std::size_t depth = 1;               // hops from the centre (>= 1)
  GraphFilter filter;
  std::size_t limit = 200;  // most entities returned (>= 1)
};

// NotFound if `center` is no entity; an entity without ties is a network of one.
[[nodiscard]] Result<EntityNetwork> Network(store::Store& store, const NetworkQuery& query,
                                            GraphCache* cache = nullptr);

// One hop of a path: every tie the filter keeps between two entities.
struct PathHop {
  store::EntityRef from;  // in the path's direction
  store::EntityRef to;
  std::vector<store::TieRow> ties;  // heaviest first, each in its own direction, with evidence
  double weight = 0;                // graph weight of the hop (co-mentions count kCoMentionWeight)
};

struct EntityPath {
  std::vector<PathHop> hops;
  double cost = 0;  // the sum of HopCost (entity_graph.h)
};

struct PathsQuery {
  std::int64_t from = 0;
  std::int64_t to = 0;
  std::size_t k = 3;  // >= 1
  GraphFilter filter;
  std::size_t max_evidence = 3;  // evidence sentences per tie of a hop
};

struct PathsAnswer {
  store::EntityRef from;
  store::EntityRef to;
  std::vector<EntityPath> paths;  // cheapest first: fewer hops, then better attested
  std::string no_path;            // when `paths` is empty: why, in a sentence
};

// NotFound if either id is no entity; InvalidInput if they are the same, k == 0
// or a type is unknown. No path is an answer (no_path says why), not an error.
[[nodiscard]] Result<PathsAnswer> Paths(store::Store& store, const PathsQuery& query, GraphCache* cache = nullptr);

enum class Measure { kDegree, kPageRank, kBetweenness };
// "degree", "pagerank", "betweenness"; InvalidInput otherwise.
[[nodiscard]] Result<Measure> ParseMeasure(std::string_view name);
const char* MeasureName(Measure measure);

struct TopQuery {
  Measure measure = Measure::kDegree;
  std::string entity_type;  // PERSON, ORG, LOCATION; "" = every type
  std::size_t limit = 20;
  GraphFilter filter;
  BetweennessOptions betweenness;  // exact on small graphs, sampled on big ones
};

// The `limit` entities of `entity_type` ranked highest by `measure` (ties by
// strength, then name). InvalidInput on an unknown entity type.
[[nodiscard]] Result<std::vector<EntityStats>> Top(store::Store& store, const TopQuery& query,
                                                   GraphCache* cache = nullptr);

}  // namespace leakgraph::graph
