// The network endpoints of the JSON API (docs/API.md, "Ties and the
// network"): ties with their evidence, an entity's network, paths between two
// entities, the timeline, payments and the most central entities. Like Api,
// each call opens its own read-only store; the loaded graph and its measures
// (for network, path and top) are kept in a GraphCache until the store changes.
#pragma once

#include <memory>

#include "graph/graph_cache.h"
#include "server/api.h"
#include "store/investigation.h"

namespace leakgraph::server {

class GraphApi {
 public:
  explicit GraphApi(store::Investigation investigation)
      : investigation_(std::move(investigation)),
        cache_(std::make_unique<graph::GraphCache>(investigation_.store_path())) {}

  // GET /api/ties?entity=ID&type=T&co_mention=1&min_weight=W&limit=N&evidence=E
  ApiResponse Ties(const Params& params) const;
  // GET /api/network?entity=ID&depth=1|2&types=a,b&co_mention=1&min_weight=W&limit=N
  ApiResponse Network(const Params& params) const;
  // GET /api/path?from=ID&to=ID&k=3&types=a,b&co_mention=1
  ApiResponse Path(const Params& params) const;
  // GET /api/timeline?entity=ID&limit=N
  ApiResponse Timeline(const Params& params) const;
  // GET /api/payments?entity=ID
  ApiResponse Payments(const Params& params) const;
  // GET /api/top?measure=degree|pagerank|betweenness&type=T&limit=N
  ApiResponse Top(const Params& params) const;

 private:
  [[nodiscard]] Result<store::Store> OpenStore() const;
  store::Investigation investigation_;
  std::unique_ptr<graph::GraphCache> cache_;  // thread-safe; shared by the server's threads
};

}  // namespace leakgraph::server
