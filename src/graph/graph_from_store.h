// Loading a case's entity graph from the store of record, and the evidence
// of the ties a path runs over. The graph holds no evidence (loading it
// without is what keeps it fast); a path's hops fetch theirs afterwards.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "graph/entity_graph.h"
#include "leakgraph/status.h"
#include "store/store.h"

namespace leakgraph::graph {

// Which ties make the graph.
struct GraphFilter {
  // Tie types to keep (store::kTieTypes entries; "co_mention" too, which
  // implies co_mention = true). Empty: every typed tie.
  std::vector<std::string> types;
  // Also co-mention ties (two entities named in one sentence, no stated
  // relation), each sentence weighing kCoMentionWeight instead of 1.
  bool co_mention = false;
  // Ties stated in fewer sentences are left out.
  std::int64_t min_weight = 1;
};

// What one co-mention sentence weighs in the graph, against 1 for a sentence
// that states a typed tie.
inline constexpr double kCoMentionWeight = 0.25;

// InvalidInput naming the first entry of `types` that is not a tie type, and listing them.
[[nodiscard]] Status CheckTieTypes(const std::vector<std::string>& types);

// The graph of every tie `filter` keeps: the entities they join are its nodes
// (entities without such ties are not). One Store::Ties call without evidence,
// every call: a caller that asks again (the server) keeps the graph in a
// GraphCache (graph_cache.h).
[[nodiscard]] Result<EntityGraph> LoadEntityGraph(store::Store& store, const GraphFilter& filter);

// The number of sentences stating `edge` (its graph weight undoes kCoMentionWeight).
double StatedWeight(const Edge& edge);

// The ties between entities `a` and `b` that `filter` keeps (min_weight
// aside), with up to `max_evidence` evidence sentences each, heaviest first,
// each in its own direction (TieRow::source/target). Queries the ties of `a`:
// pass as `a` the end with fewer ties.
[[nodiscard]] Result<std::vector<store::TieRow>> TiesBetween(store::Store& store, std::int64_t a,
                                                             std::int64_t b, const GraphFilter& filter,
                                                             std::size_t max_evidence);

}  // namespace leakgraph::graph
