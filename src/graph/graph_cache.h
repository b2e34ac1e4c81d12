// A server's cache of a case's entity graphs and their whole-graph measures.
//
// Loading the graph reads every tie of the case (graph_from_store.h), and
// PageRank and Leiden run over all of it: on a million documents that is
// seconds, paid again by every network, path and top request. The cache
// keeps the last `capacity` graphs (one per filter), each with its per-node
// degree, strength, PageRank and community computed once, and drops them all
// when the store changes: a write (a new ingest, a decision and the
// resolution after it) changes the size or modification time of the store
// file or of its write-ahead log, which `Get` compares on every call (two
// stat calls). Thread-safe: concurrent misses load one at a time.
#pragma once

#include <cstddef>
#include <filesystem>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "graph/analysis.h"
#include "graph/entity_graph.h"
#include "graph/graph_from_store.h"
#include "leakgraph/status.h"
#include "store/store.h"

namespace leakgraph::graph {

// A loaded graph with the measures every analysis of it shares.
struct LoadedGraph {
  EntityGraph graph;
  Communities communities;
  // Per node, in graph.nodes() order (EntityStats::betweenness unset).
  std::vector<EntityStats> stats;
};

// Loads the graph `filter` keeps and computes its measures (no cache).
[[nodiscard]] Result<std::shared_ptr<const LoadedGraph>> LoadGraphWithStats(store::Store& store,
                                                                            const GraphFilter& filter);

class GraphCache {
 public:
  // `store_path`: the store file the graphs are read from (its "-wal" beside it).
  explicit GraphCache(std::filesystem::path store_path, std::size_t capacity = 2);

  // The graph of `filter`, from the cache if the store has not changed since
  // it was loaded, else loaded with `store` (which must read `store_path`).
  [[nodiscard]] Result<std::shared_ptr<const LoadedGraph>> Get(store::Store& store,
                                                               const GraphFilter& filter);

  // Loads so far (misses), for tests and logs.
  std::size_t loads() const;

 private:
  std::string Generation() const;
  std::filesystem::path store_path_;
  std::size_t capacity_;
  mutable std::mutex mutex_;  // guards the fields below
  std::string generation_;
  std::list<std::pair<std::string, std::shared_ptr<const LoadedGraph>>> entries_;  // most recent first
  std::size_t loads_ = 0;
  std::mutex load_mutex_;  // one load at a time
};

}  // namespace leakgraph::graph
