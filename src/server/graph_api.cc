#include "server/graph_api.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "graph/analysis.h"
#include "link/tie_json.h"

namespace leakgraph::server {

namespace {

using json = nlohmann::json;

constexpr std::size_t kMaxTies = 1000;
constexpr std::size_t kMaxNetwork = 2000;
constexpr std::size_t kMaxEvents = 5000;

// An optional entity id parameter.
Result<std::optional<std::int64_t>> EntityParam(const Params& params, const std::string& name) {
  auto text = Param(params, name);
  if (!text || text->empty()) return std::optional<std::int64_t>();
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value <= 0) {
    return Status::InvalidInput("parameter '" + name + "' must be an entity id");
  }
  return std::optional<std::int64_t>(value);
}

bool Flag(const Params& params, const std::string& name) { return Param(params, name).value_or("0") == "1"; }

// "a,b" -> {"a", "b"}, checked against the tie types.
Result<graph::GraphFilter> FilterParams(const Params& params) {
  graph::GraphFilter filter;
  std::string types = Param(params, "types").value_or("");
  for (std::size_t i = 0; i < types.size();) {
    std::size_t comma = types.find(',', i);
    if (comma == std::string::npos) comma = types.size();
    if (comma > i) filter.types.push_back(types.substr(i, comma - i));
    i = comma + 1;
  }
  if (Status s = graph::CheckTieTypes(filter.types); !s.ok()) return s;
  filter.co_mention = Flag(params, "co_mention");
  auto min_weight = NumberParam(params, "min_weight", 1, 1, 1000000);
  if (!min_weight.ok()) return min_weight.status();
  filter.min_weight = static_cast<std::int64_t>(*min_weight);
  return filter;
}

json StatsJson(const graph::EntityStats& s) {
  json j = link::EntityRefToJson(s.entity);
  j["degree"] = s.degree;
  j["strength"] = s.strength;
  j["pagerank"] = s.pagerank;
  j["community"] = s.community;
  if (s.betweenness) j["betweenness"] = *s.betweenness;
  return j;
}

}  // namespace

Result<store::Store> GraphApi::OpenStore() const {
  return store::Store::Open(investigation_.store_path(), /*create=*/false, /*read_only=*/true);
}

ApiResponse GraphApi::Ties(const Params& params) const {
  auto entity = EntityParam(params, "entity");
  if (!entity.ok()) return FromStatus(entity.status());
  auto limit = NumberParam(params, "limit", 200, 1, kMaxTies);
  if (!limit.ok()) return FromStatus(limit.status());
  auto evidence = NumberParam(params, "evidence", 3, 0, 20);
  if (!evidence.ok()) return FromStatus(evidence.status());
  auto min_weight = NumberParam(params, "min_weight", 1, 1, 1000000);
  if (!min_weight.ok()) return FromStatus(min_weight.status());
  store::TieQuery query;
  query.entity = *entity;
  query.type = Param(params, "type").value_or("");
  if (!query.type.empty()) {
    if (Status s = graph::CheckTieTypes({query.type}); !s.ok()) return FromStatus(s);
  }
  query.co_mention = Flag(params, "co_mention") || query.type == store::kCoMention;
  query.min_weight = static_cast<std::int64_t>(*min_weight);
  query.max_evidence = *evidence;
  query.limit = *limit;
  auto store = OpenStore();
  if (!store.ok()) return FromStatus(store.status());
  if (*entity) {
    if (auto e = store->EntityRefById(**entity); !e.ok()) return FromStatus(e.status());
  }
  auto ties = store->Ties(query);
  if (!ties.ok()) return FromStatus(ties.status());
  json list = json::array();
  for (const auto& t : *ties) list.push_back(link::TieToJson(t));
  return JsonResponse({{"ties", list}});
}

ApiResponse GraphApi::Network(const Params& params) const {
  auto entity = EntityParam(params, "entity");
  if (!entity.ok()) return FromStatus(entity.status());
  auto depth = NumberParam(params, "depth", 1, 1, 3);
  if (!depth.ok()) return FromStatus(depth.status());
  auto limit = NumberParam(params, "limit", 200, 1, kMaxNetwork);
  if (!limit.ok()) return FromStatus(limit.status());
  auto filter = FilterParams(params);
  if (!filter.ok()) return FromStatus(filter.status());
  auto store = OpenStore();
  if (!store.ok()) return FromStatus(store.status());
  graph::NetworkQuery query;
  query.center = *entity;
  query.depth = *depth;
  query.filter = *filter;
  query.limit = *limit;
  auto network = graph::Network(*store, query, cache_.get());
  if (!network.ok()) return FromStatus(network.status());
  json nodes = json::array(), edges = json::array();
  for (const auto& n : network->nodes) nodes.push_back(StatsJson(n));
  for (const auto& t : network->ties) {
    edges.push_back({{"source", t.source}, {"target", t.target}, {"type", t.type}, {"weight", t.weight},
                     {"directed", !store::IsSymmetricTieType(t.type)}});
  }
  return JsonResponse({{"nodes", nodes},
                       {"edges", edges},
                       {"communities", network->communities},
                       {"modularity", network->modularity},
                       {"graph_entities", network->graph_entities},
                       {"truncated", network->truncated}});
}

ApiResponse GraphApi::Path(const Params& params) const {
  auto from = EntityParam(params, "from");
  if (!from.ok()) return FromStatus(from.status());
  auto to = EntityParam(params, "to");
  if (!to.ok()) return FromStatus(to.status());
  if (!*from || !*to) return ErrorResponse(400, "parameters 'from' and 'to' (entity ids) are required");
  auto k = NumberParam(params, "k", 3, 1, 10);
  if (!k.ok()) return FromStatus(k.status());
  auto filter = FilterParams(params);
  if (!filter.ok()) return FromStatus(filter.status());
  auto store = OpenStore();
  if (!store.ok()) return FromStatus(store.status());
  graph::PathsQuery query;
  query.from = **from;
  query.to = **to;
  query.k = *k;
  query.filter = *filter;
  auto answer = graph::Paths(*store, query, cache_.get());
  if (!answer.ok()) return FromStatus(answer.status());
  json paths = json::array();
  for (const auto& p : answer->paths) {
    json nodes = json::array(), hops = json::array();
    if (!p.hops.empty()) nodes.push_back(link::EntityRefToJson(p.hops.front().from));
    for (const auto& hop : p.hops) {
      nodes.push_back(link::EntityRefToJson(hop.to));
      json ties = json::array();
      for (const auto& t : hop.ties) ties.push_back(link::TieToJson(t));
      hops.push_back({{"from", link::EntityRefToJson(hop.from)},
                      {"to", link::EntityRefToJson(hop.to)},
                      {"weight", hop.weight},
                      {"ties", ties}});
    }
    paths.push_back({{"nodes", nodes}, {"hops", hops}, {"cost", p.cost}});
  }
  json out = {{"from", link::EntityRefToJson(answer->from)},
              {"to", link::EntityRefToJson(answer->to)},
              {"paths", paths}};
  if (answer->paths.empty()) out["no_path"] = answer->no_path;
  return JsonResponse(out);
}

ApiResponse GraphApi::Timeline(const Params& params) const {
  auto entity = EntityParam(params, "entity");
  if (!entity.ok()) return FromStatus(entity.status());
  auto limit = NumberParam(params, "limit", 500, 1, kMaxEvents);
  if (!limit.ok()) return FromStatus(limit.status());
  auto store = OpenStore();
  if (!store.ok()) return FromStatus(store.status());
  if (*entity) {
    if (auto e = store->EntityRefById(**entity); !e.ok()) return FromStatus(e.status());
  }
  auto events = store->Timeline(*entity, *limit);
  if (!events.ok()) return FromStatus(events.status());
  json list = json::array();
  for (const auto& e : *events) list.push_back(link::EventToJson(e));
  return JsonResponse({{"events", list}});
}

ApiResponse GraphApi::Payments(const Params& params) const {
  auto entity = EntityParam(params, "entity");
  if (!entity.ok()) return FromStatus(entity.status());
  auto store = OpenStore();
  if (!store.ok()) return FromStatus(store.status());
  if (*entity) {
    if (auto e = store->EntityRefById(**entity); !e.ok()) return FromStatus(e.status());
  }
  auto payments = store->Payments(*entity);
  if (!payments.ok()) return FromStatus(payments.status());
  json list = json::array();
  for (const auto& p : *payments) list.push_back(link::PaymentToJson(p));
  return JsonResponse({{"payments", list}});
}

ApiResponse GraphApi::Top(const Params& params) const {
  auto measure = graph::ParseMeasure(Param(params, "measure").value_or("pagerank"));
  if (!measure.ok()) return FromStatus(measure.status());
  auto limit = NumberParam(params, "limit", 20, 1, 1000);
  if (!limit.ok()) return FromStatus(limit.status());
  auto filter = FilterParams(params);
  if (!filter.ok()) return FromStatus(filter.status());
  auto store = OpenStore();
  if (!store.ok()) return FromStatus(store.status());
  graph::TopQuery query;
  query.measure = *measure;
  query.entity_type = Param(params, "type").value_or("");
  query.limit = *limit;
  query.filter = *filter;
  auto top = graph::Top(*store, query, cache_.get());
  if (!top.ok()) return FromStatus(top.status());
  json list = json::array();
  for (const auto& s : *top) {
    json j = StatsJson(s);
    j["score"] = *measure == graph::Measure::kDegree     ? static_cast<double>(s.degree)
                 : *measure == graph::Measure::kPageRank ? s.pagerank
                                                         : s.betweenness.value_or(0.0);
    list.push_back(j);
  }
  return JsonResponse({{"measure", graph::MeasureName(*measure)}, {"entities", list}});
}

}  // namespace leakgraph::server
