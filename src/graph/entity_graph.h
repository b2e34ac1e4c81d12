// The entity graph of a case and its network analysis: who is central, which
// groups hang together, who surrounds an entity, and the k shortest chains of
// ties between two entities. Built from plain nodes and typed edges, it knows
// nothing of the store (graph_from_store.h loads it from one), so it can be
// tested and benchmarked on synthetic graphs.
//
// The graph is undirected: a tie's direction (A paid B) matters for reading
// the evidence, not for who is connected to whom. All the typed edges between
// two entities form one *pair* whose weight is the sum of their weights; the
// analyses run on pairs, and a path hop lists the typed edges of its pair.
//
// Hop cost (paths and betweenness): cost(w) = 1 + 1 / (1 + ln(1 + w)) for a
// pair of weight w > 0, so between 1 and 1.6. The 1 makes fewer hops win (in
// practice a longer chain never beats a shorter one); the second term makes,
// among chains of the same length, the better-attested one win.
//
// igraph does the numeric work (PageRank, betweenness, Leiden, Yen's k
// shortest paths). igraph is not thread-safe in the Debian build and keeps
// global state (error handler, random generator), so every call into it holds
// one process-wide lock, and its errors come back as Status (never abort).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "leakgraph/status.h"
#include "store/store.h"

namespace leakgraph::graph {

// A typed edge between two entities, named by their ids.
struct Edge {
  std::int64_t source = 0;
  std::int64_t target = 0;
  std::string type;     // a store::kTieTypes entry or store::kCoMention
  double weight = 1.0;  // > 0; the caller scales co-mentions down (graph_from_store.h)
};

// The cost of a hop over a pair of weight `weight` (see the top of this file).
double HopCost(double weight);

// Every typed edge between two nodes (indexes into EntityGraph::nodes()),
// a < b, of the types a query allows.
struct Pair {
  std::size_t a = 0;
  std::size_t b = 0;
  double weight = 0;               // the sum of the edges' weights
  std::vector<std::size_t> edges;  // indexes into EntityGraph::edges(), heaviest first
};

// A chain of pairs from one node to another.
struct GraphPath {
  std::vector<std::size_t> nodes;  // from first to last, indexes into nodes()
  std::vector<Pair> hops;          // hops[i] joins nodes[i] and nodes[i + 1]
  double cost = 0;                 // the sum of the hops' HopCost
};

struct Communities {
  std::vector<std::size_t> membership;  // per node; community 0 is the largest, then by size
  std::size_t count = 0;
  double modularity = 0;
};

// The neighbourhood of one node.
struct EgoNetwork {
  std::vector<std::size_t> nodes;     // the centre first, then by distance, then by tie strength
  std::vector<std::size_t> distance;  // hops from the centre, per entry of `nodes`
  std::vector<std::size_t> edges;     // the typed edges among `nodes` (indexes into edges())
};

struct BetweennessOptions {
  // Up to this many nodes the betweenness is exact (Brandes: O(n m + n^2 log n)).
  std::size_t exact_up_to = 4000;
  // Above it, an estimate from this many source nodes drawn at random with
  // `seed` (Brandes & Pich 2007), scaled by n / samples: O(samples (m + n log n)).
  std::size_t samples = 200;
  std::uint64_t seed = 20260519;
};

class EntityGraph {
 public:
  // Builds the graph. InvalidInput when two nodes share an id, when an edge
  // names an id that is not a node, or when a weight is not > 0. Edges from
  // an entity to itself are dropped (they join nothing).
  [[nodiscard]] static Result<EntityGraph> Build(std::vector<store::EntityRef> nodes,
                                                 std::vector<Edge> edges);

  EntityGraph(EntityGraph&&) noexcept;
  EntityGraph& operator=(EntityGraph&&) noexcept;
  ~EntityGraph();

  const std::vector<store::EntityRef>& nodes() const;
  const std::vector<Edge>& edges() const;
  // Pairs of every type: the graph the analyses run on.
  const std::vector<Pair>& pairs() const;
  // The node of entity `id`, if it is one.
  std::optional<std::size_t> IndexOf(std::int64_t id) const;

  // Per node: the number of distinct entities it is tied to.
  std::vector<std::size_t> Degree() const;
  // Per node: the sum of the weights of its pairs.
  std::vector<double> Strength() const;
  // Per node: PageRank over pairs weighted by their weight (damping 0.85); sums to 1.
  [[nodiscard]] Result<std::vector<double>> PageRank() const;
  // Per node: the number of shortest paths (by HopCost) between other nodes
  // that run through it, each pair of endpoints counted once; exact or
  // estimated as `options` says.
  [[nodiscard]] Result<std::vector<double>> Betweenness(const BetweennessOptions& options = {}) const;
  // Leiden communities maximising modularity over weighted pairs, iterated
  // until the partition stops changing or a round gains less than 0.1 % of
  // the quality, at most 10 rounds (on millions of pairs a round takes
  // seconds, and the rounds after the first two gain a few hundredths of a
  // percent); the random generator is seeded with a constant, so the same
  // graph gives the same communities.
  [[nodiscard]] Result<Communities> FindCommunities() const;
  // The nodes within `depth` hops of `center` (depth >= 1), at most
  // `max_nodes` of them (>= 1): nearer first, and within the last layer that
  // fits only partly, the ones most strongly tied to the nodes already kept.
  // REQUIRES: center < nodes().size().
  EgoNetwork Ego(std::size_t center, std::size_t depth, std::size_t max_nodes) const;
  // Up to `k` shortest simple paths (Yen) from `from` to `to`, cheapest first,
  // over edges of `types` only (empty: every type). Empty when no chain of
  // such ties joins them. InvalidInput when from == to or k == 0.
  // REQUIRES: from, to < nodes().size().
  [[nodiscard]] Result<std::vector<GraphPath>> KShortestPaths(
      std::size_t from, std::size_t to, std::size_t k, const std::vector<std::string>& types = {}) const;

 private:
  struct Impl;
  explicit EntityGraph(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace leakgraph::graph
