#include "graph/graph_from_store.h"

#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <unordered_set>

namespace leakgraph::graph {
namespace {

bool IsTieType(const std::string& type) {
  return type == store::kCoMention ||
         std::find_if(std::begin(store::kTieTypes), std::end(store::kTieTypes),
                      [&](const char* t) { return type == t; }) != std::end(store::kTieTypes);
}

// The query and the type test that `filter` amounts to.
struct TieSelection {
  store::TieQuery query;
  std::unordered_set<std::string> types;  // empty: every type the query returns
  bool Keeps(const std::string& type) const {
    return type != store::kDated && (types.empty() || types.count(type) > 0);
  }
};

TieSelection Select(const GraphFilter& filter) {
  TieSelection s;
  s.query.co_mention = filter.co_mention;
  for (const auto& t : filter.types) {
    if (t == store::kCoMention) s.query.co_mention = true;
    s.types.insert(t);
  }
  if (!s.types.empty() && s.query.co_mention && filter.co_mention) s.types.insert(store::kCoMention);
  if (s.types.size() == 1) s.query.type = *s.types.begin();
  return s;
}

}  // namespace

Status CheckTieTypes(const std::vector<std::string>& types) {
  for (const auto& t : types) {
    if (IsTieType(t)) continue;
    std::string known;
    for (const char* k : store::kTieTypes) known += std::string(known.empty() ? "" : ", ") + k;
    return Status::InvalidInput("unknown tie type '" + t + "' (tie types: " + known + ", " +
                                store::kCoMention + ")");
  }
  return Status::Ok();
}

double StatedWeight(const Edge& edge) {
  return edge.type == store::kCoMention ? edge.weight / kCoMentionWeight : edge.weight;
}

Result<EntityGraph> LoadEntityGraph(store::Store& store, const GraphFilter& filter) {
  if (Status s = CheckTieTypes(filter.types); !s.ok()) return s;
  TieSelection selection = Select(filter);
  selection.query.min_weight = std::max<std::int64_t>(1, filter.min_weight);
  selection.query.max_evidence = 0;
  auto ties = store.Ties(selection.query);
  if (!ties.ok()) return ties.status();
  std::vector<store::EntityRef> nodes;
  std::unordered_map<std::int64_t, std::size_t> seen;
  std::vector<Edge> edges;
  edges.reserve(ties->size());
  for (auto& tie : *ties) {
    if (!selection.Keeps(tie.type)) continue;
    for (store::EntityRef* e : {&tie.source, &tie.target})
      if (seen.emplace(e->id, nodes.size()).second) nodes.push_back(std::move(*e));
    double weight =
        static_cast<double>(tie.weight) * (tie.type == store::kCoMention ? kCoMentionWeight : 1.0);
    edges.push_back({tie.source.id, tie.target.id, std::move(tie.type), weight});
  }
  // The rows (names, types, evidence slots) are not needed past here: freed
  // before the graph is built, which is the peak of a big case's load.
  std::vector<store::TieRow>().swap(*ties);
  return EntityGraph::Build(std::move(nodes), std::move(edges));
}

Result<std::vector<store::TieRow>> TiesBetween(store::Store& store, std::int64_t a, std::int64_t b,
                                               const GraphFilter& filter, std::size_t max_evidence) {
  if (Status s = CheckTieTypes(filter.types); !s.ok()) return s;
  TieSelection selection = Select(filter);
  selection.query.entity = a;
  selection.query.other = b;
  selection.query.max_evidence = max_evidence;
  auto ties = store.Ties(selection.query);
  if (!ties.ok()) return ties.status();
  std::vector<store::TieRow> out;
  for (auto& tie : *ties) {
    bool joins = (tie.source.id == a && tie.target.id == b) || (tie.source.id == b && tie.target.id == a);
    if (joins && selection.Keeps(tie.type)) out.push_back(std::move(tie));
  }
  return out;
}

}  // namespace leakgraph::graph
