#include "graph/entity_graph.h"

#include <dlfcn.h>
#include <igraph.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <mutex>
#include <numeric>
#include <queue>
#include <random>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace leakgraph::graph {
namespace {

// --- igraph: one lock, errors as values, owned objects ----------------------

std::string& LastIgraphError() {
  static std::string reason;
  return reason;
}

void RecordIgraphError(const char* reason, const char* file, int line, igraph_error_t error) {
  IGRAPH_FINALLY_FREE();  // what the stock "ignore" handler does: free igraph's temporaries
  LastIgraphError() = reason == nullptr ? "" : reason;
}

// Held by every call into igraph. The first lock installs the handlers so
// that igraph returns error codes instead of aborting, and stays quiet.
std::unique_lock<std::mutex> LockIgraph() {
  static std::mutex mutex;
  static std::once_flag once;
  std::unique_lock<std::mutex> lock(mutex);
  LastIgraphError().clear();
  std::call_once(once, [] {
    igraph_set_error_handler(&RecordIgraphError);
    igraph_set_warning_handler(&igraph_warning_handler_ignore);
  });
  // Debian's igraph runs PageRank (PRPACK) in OpenMP loops whose idle threads
  // then spin: 0.6 s of another core per call, for nothing on the graphs of a
  // case. One thread (the setting is per calling thread, hence every time).
  using SetThreads = void (*)(int);
  static const auto set_threads = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"));
  if (set_threads != nullptr) set_threads(1);
  return lock;
}

Status Check(igraph_error_t error, const char* what) {
  if (error == IGRAPH_SUCCESS) return Status::Ok();
  std::string message = std::string("graph analysis: ") + what + " failed: " + igraph_strerror(error);
  if (!LastIgraphError().empty()) message += " (" + LastIgraphError() + ")";
  return Status::Internal(message);
}

class RealVector {
 public:
  explicit RealVector(igraph_integer_t size = 0) { ok_ = igraph_vector_init(&v_, size) == IGRAPH_SUCCESS; }
  ~RealVector() {
    if (ok_) igraph_vector_destroy(&v_);
  }
  RealVector(const RealVector&) = delete;
  RealVector& operator=(const RealVector&) = delete;
  bool ok() const { return ok_; }
  igraph_vector_t* get() { return &v_; }
  double at(igraph_integer_t i) const { return VECTOR(v_)[i]; }
  void set(igraph_integer_t i, double x) { VECTOR(v_)[i] = x; }
  igraph_integer_t size() const { return igraph_vector_size(&v_); }

 private:
  igraph_vector_t v_;
  bool ok_ = false;
};

class IntVector {
 public:
  explicit IntVector(igraph_integer_t size = 0) { ok_ = igraph_vector_int_init(&v_, size) == IGRAPH_SUCCESS; }
  ~IntVector() {
    if (ok_) igraph_vector_int_destroy(&v_);
  }
  IntVector(const IntVector&) = delete;
  IntVector& operator=(const IntVector&) = delete;
  bool ok() const { return ok_; }
  igraph_vector_int_t* get() { return &v_; }
  igraph_integer_t at(igraph_integer_t i) const { return VECTOR(v_)[i]; }
  void set(igraph_integer_t i, igraph_integer_t x) { VECTOR(v_)[i] = x; }
  igraph_integer_t size() const { return igraph_vector_int_size(&v_); }

 private:
  igraph_vector_int_t v_;
  bool ok_ = false;
};

class IntVectorList {
 public:
  IntVectorList() { ok_ = igraph_vector_int_list_init(&l_, 0) == IGRAPH_SUCCESS; }
  ~IntVectorList() {
    if (ok_) igraph_vector_int_list_destroy(&l_);
  }
  IntVectorList(const IntVectorList&) = delete;
  IntVectorList& operator=(const IntVectorList&) = delete;
  bool ok() const { return ok_; }
  igraph_vector_int_list_t* get() { return &l_; }
  igraph_integer_t size() const { return igraph_vector_int_list_size(&l_); }
  const igraph_vector_int_t* at(igraph_integer_t i) const { return igraph_vector_int_list_get_ptr(&l_, i); }

 private:
  igraph_vector_int_list_t l_;
  bool ok_ = false;
};

const Status kOutOfMemory = Status::Internal("graph analysis: out of memory");

// An undirected igraph over pairs, with their weights and hop costs.
class PairGraph {
 public:
  PairGraph() = default;
  ~PairGraph() {
    if (built_) igraph_destroy(&graph_);
  }
  PairGraph(const PairGraph&) = delete;
  PairGraph& operator=(const PairGraph&) = delete;

  // REQUIRES: the igraph lock is held.
  Status Build(std::size_t node_count, const std::vector<Pair>& pairs) {
    IntVector ends(static_cast<igraph_integer_t>(2 * pairs.size()));
    if (!ends.ok() || !weights_.ok() || !costs_.ok()) return kOutOfMemory;
    auto p = static_cast<igraph_integer_t>(pairs.size());
    if (igraph_vector_resize(weights_.get(), p) != IGRAPH_SUCCESS ||
        igraph_vector_resize(costs_.get(), p) != IGRAPH_SUCCESS)
      return kOutOfMemory;
    for (igraph_integer_t i = 0; i < p; ++i) {
      ends.set(2 * i, static_cast<igraph_integer_t>(pairs[i].a));
      ends.set(2 * i + 1, static_cast<igraph_integer_t>(pairs[i].b));
      weights_.set(i, pairs[i].weight);
      costs_.set(i, HopCost(pairs[i].weight));
    }
    Status s = Check(
        igraph_create(&graph_, ends.get(), static_cast<igraph_integer_t>(node_count), IGRAPH_UNDIRECTED),
        "building the graph");
    built_ = s.ok();
    return s;
  }
  const igraph_t* graph() const { return &graph_; }
  igraph_vector_t* weights() { return weights_.get(); }
  igraph_vector_t* costs() { return costs_.get(); }

 private:
  igraph_t graph_;
  bool built_ = false;
  RealVector weights_;
  RealVector costs_;
};

// Groups `edges` accepted by `keep` into pairs of node indexes.
template <typename Keep>
std::vector<Pair> MakePairs(const std::vector<Edge>& edges, const std::vector<std::size_t>& source_index,
                            const std::vector<std::size_t>& target_index, std::size_t node_count, Keep keep) {
  std::vector<Pair> pairs;
  std::unordered_map<std::uint64_t, std::size_t> by_key;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (!keep(edges[i])) continue;
    std::size_t a = std::min(source_index[i], target_index[i]);
    std::size_t b = std::max(source_index[i], target_index[i]);
    auto [it, fresh] = by_key.emplace(static_cast<std::uint64_t>(a) * node_count + b, pairs.size());
    if (fresh) pairs.push_back({a, b, 0, {}});
    Pair& pair = pairs[it->second];
    pair.weight += edges[i].weight;
    pair.edges.push_back(i);
  }
  for (auto& pair : pairs)
    std::stable_sort(pair.edges.begin(), pair.edges.end(),
                     [&](std::size_t x, std::size_t y) { return edges[x].weight > edges[y].weight; });
  return pairs;
}

}  // namespace

double HopCost(double weight) {
  return 1.0 + 1.0 / (1.0 + std::log1p(std::max(weight, 0.0)));
}

struct EntityGraph::Impl {
  std::vector<store::EntityRef> nodes;
  std::vector<Edge> edges;
  std::vector<std::size_t> source_index, target_index;  // per edge
  std::unordered_map<std::int64_t, std::size_t> index_of;
  std::vector<Pair> pairs;
  // Per node: (neighbour, pair index).
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> adjacency;
  PairGraph igraph;
};

EntityGraph::EntityGraph(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EntityGraph::EntityGraph(EntityGraph&&) noexcept = default;
EntityGraph& EntityGraph::operator=(EntityGraph&& other) noexcept {
  if (this == &other) return *this;
  std::unique_ptr<Impl> old = std::move(impl_);
  impl_ = std::move(other.impl_);
  if (old) {
    auto lock = LockIgraph();  // the old graph's igraph objects
    old.reset();
  }
  return *this;
}
EntityGraph::~EntityGraph() {
  if (!impl_) return;
  auto lock = LockIgraph();
  impl_.reset();
}

Result<EntityGraph> EntityGraph::Build(std::vector<store::EntityRef> nodes, std::vector<Edge> edges) {
  auto lock = LockIgraph();  // Impl owns igraph vectors
  auto impl = std::make_unique<Impl>();
  impl->index_of.reserve(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (!impl->index_of.emplace(nodes[i].id, i).second)
      return Status::InvalidInput("entity graph: entity " + std::to_string(nodes[i].id) + " is given twice");
  std::size_t kept = 0;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    Edge& e = edges[i];
    auto s = impl->index_of.find(e.source);
    auto t = impl->index_of.find(e.target);
    if (s == impl->index_of.end() || t == impl->index_of.end())
      return Status::InvalidInput("entity graph: a " + e.type + " tie names entity " +
                                  std::to_string(s == impl->index_of.end() ? e.source : e.target) +
                                  ", which is not a node");
    if (!(e.weight > 0) || !std::isfinite(e.weight))
      return Status::InvalidInput("entity graph: the " + e.type + " tie between entities " +
                                  std::to_string(e.source) + " and " + std::to_string(e.target) +
                                  " has weight " + std::to_string(e.weight) + " (must be > 0)");
    if (s->second == t->second) continue;
    impl->source_index.push_back(s->second);
    impl->target_index.push_back(t->second);
    if (kept != i) edges[kept] = std::move(e);
    ++kept;
  }
  edges.resize(kept);
  impl->nodes = std::move(nodes);
  impl->edges = std::move(edges);
  impl->pairs = MakePairs(impl->edges, impl->source_index, impl->target_index, impl->nodes.size(),
                          [](const Edge&) { return true; });
  impl->adjacency.resize(impl->nodes.size());
  for (std::size_t p = 0; p < impl->pairs.size(); ++p) {
    impl->adjacency[impl->pairs[p].a].emplace_back(impl->pairs[p].b, p);
    impl->adjacency[impl->pairs[p].b].emplace_back(impl->pairs[p].a, p);
  }
  Status s = impl->igraph.Build(impl->nodes.size(), impl->pairs);
  if (!s.ok()) return s;
  return EntityGraph(std::move(impl));
}

const std::vector<store::EntityRef>& EntityGraph::nodes() const {
  return impl_->nodes;
}
const std::vector<Edge>& EntityGraph::edges() const {
  return impl_->edges;
}
const std::vector<Pair>& EntityGraph::pairs() const {
  return impl_->pairs;
}

std::optional<std::size_t> EntityGraph::IndexOf(std::int64_t id) const {
  auto it = impl_->index_of.find(id);
  if (it == impl_->index_of.end()) return std::nullopt;
  return it->second;
}

std::vector<std::size_t> EntityGraph::Degree() const {
  std::vector<std::size_t> degree(impl_->nodes.size());
  for (std::size_t i = 0; i < degree.size(); ++i) degree[i] = impl_->adjacency[i].size();
  return degree;
}

std::vector<double> EntityGraph::Strength() const {
  std::vector<double> strength(impl_->nodes.size(), 0.0);
  for (const auto& pair : impl_->pairs) {
    strength[pair.a] += pair.weight;
    strength[pair.b] += pair.weight;
  }
  return strength;
}

Result<std::vector<double>> EntityGraph::PageRank() const {
  std::size_t n = impl_->nodes.size();
  if (n == 0) return std::vector<double>{};
  auto lock = LockIgraph();
  RealVector rank;
  if (!rank.ok()) return kOutOfMemory;
  igraph_real_t value = 0;
  Status s = Check(igraph_pagerank(impl_->igraph.graph(), IGRAPH_PAGERANK_ALGO_PRPACK, rank.get(), &value,
                                   igraph_vss_all(), false, 0.85, impl_->igraph.weights(), nullptr),
                   "PageRank");
  if (!s.ok()) return s;
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = rank.at(static_cast<igraph_integer_t>(i));
  return out;
}

Result<std::vector<double>> EntityGraph::Betweenness(const BetweennessOptions& options) const {
  std::size_t n = impl_->nodes.size();
  if (n == 0) return std::vector<double>{};
  if (n <= options.exact_up_to || options.samples >= n) {
    auto lock = LockIgraph();
    RealVector result;
    if (!result.ok()) return kOutOfMemory;
    Status s = Check(igraph_betweenness(impl_->igraph.graph(), result.get(), igraph_vss_all(), false,
                                        impl_->igraph.costs()),
                     "betweenness");
    if (!s.ok()) return s;
    std::vector<double> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = result.at(static_cast<igraph_integer_t>(i));
    return out;
  }
  // Sampled (Brandes & Pich 2007): Brandes' accumulation from `samples`
  // sources drawn without replacement, scaled by n / samples. Our own loop,
  // not igraph_betweenness_subset, whose time per source grew faster than the
  // graph (x34 for 9x the pairs in bench/graph).
  std::vector<std::size_t> all(n);
  std::iota(all.begin(), all.end(), 0);
  std::mt19937_64 rng(options.seed);
  for (std::size_t i = 0; i < options.samples; ++i) {
    std::uniform_int_distribution<std::size_t> pick(i, n - 1);
    std::swap(all[i], all[pick(rng)]);
  }
  // Flat adjacency (CSR), nodes renumbered in breadth-first order so that
  // neighbours sit close in memory (on a million documents' worth of ties
  // the traversals are bound by cache misses). Predecessors are recognised
  // again in the accumulation (dist[u] + cost = dist[w]) rather than stored.
  const auto& adjacency = impl_->adjacency;
  std::vector<std::uint32_t> order, rank(n, UINT32_MAX);
  order.reserve(n);
  for (std::size_t start = 0; start < n; ++start) {
    if (rank[start] != UINT32_MAX) continue;
    rank[start] = static_cast<std::uint32_t>(order.size());
    order.push_back(static_cast<std::uint32_t>(start));
    for (std::size_t head = order.size() - 1; head < order.size(); ++head)
      for (auto [v, p] : adjacency[order[head]])
        if (rank[v] == UINT32_MAX) {
          rank[v] = static_cast<std::uint32_t>(order.size());
          order.push_back(static_cast<std::uint32_t>(v));
        }
  }
  std::vector<std::uint32_t> offset(n + 1, 0), neighbour(2 * impl_->pairs.size());
  std::vector<double> hop(2 * impl_->pairs.size());
  for (std::size_t r = 0; r < n; ++r)
    offset[r + 1] = offset[r] + static_cast<std::uint32_t>(adjacency[order[r]].size());
  for (std::size_t r = 0; r < n; ++r) {
    std::uint32_t at = offset[r];
    for (auto [v, p] : adjacency[order[r]]) {
      neighbour[at] = rank[v];
      hop[at++] = HopCost(impl_->pairs[p].weight);
    }
  }
  const double kInf = std::numeric_limits<double>::infinity();
  auto same = [](double x, double y) { return std::abs(x - y) <= 1e-9 * std::max(1.0, y); };
  std::vector<double> out(n, 0.0), dist(n, kInf), sigma(n, 0.0), delta(n, 0.0);
  std::vector<std::uint32_t> settled;  // in order of distance
  using Entry = std::pair<double, std::uint32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  for (std::size_t i = 0; i < options.samples; ++i) {
    std::uint32_t source = rank[all[i]];
    dist[source] = 0;
    sigma[source] = 1;
    queue.emplace(0.0, source);
    while (!queue.empty()) {
      auto [d, u] = queue.top();
      queue.pop();
      if (d > dist[u]) continue;  // a stale entry
      settled.push_back(u);
      for (std::uint32_t e = offset[u]; e < offset[u + 1]; ++e) {
        std::uint32_t v = neighbour[e];
        double alt = d + hop[e];
        if (dist[v] == kInf || (alt < dist[v] && !same(alt, dist[v]))) {
          dist[v] = alt;
          sigma[v] = sigma[u];
          queue.emplace(alt, v);
        } else if (same(alt, dist[v])) {
          sigma[v] += sigma[u];
        }
      }
    }
    for (auto it = settled.rbegin(); it != settled.rend(); ++it) {
      std::uint32_t w = *it;
      for (std::uint32_t e = offset[w]; e < offset[w + 1]; ++e) {
        std::uint32_t u = neighbour[e];
        if (dist[u] < dist[w] && same(dist[u] + hop[e], dist[w]))
          delta[u] += sigma[u] / sigma[w] * (1.0 + delta[w]);
      }
      if (w != source) out[w] += delta[w];
    }
    for (std::uint32_t w : settled) {
      dist[w] = kInf;
      sigma[w] = 0;
      delta[w] = 0;
    }
    settled.clear();
  }
  // Summed over every source, each unordered pair of ends would count twice.
  double scale = static_cast<double>(n) / static_cast<double>(options.samples) / 2.0;
  std::vector<double> by_node(n);
  for (std::size_t r = 0; r < n; ++r) by_node[order[r]] = scale * out[r];
  return by_node;
}

// A Leiden round that improves the quality by less than this share of it ends the search.
constexpr double kLeidenMinGain = 1e-3;

Result<Communities> EntityGraph::FindCommunities() const {
  std::size_t n = impl_->nodes.size();
  Communities out;
  if (impl_->pairs.empty()) {  // no ties: every entity alone (modularity is undefined; say 0)
    out.membership.resize(n);
    std::iota(out.membership.begin(), out.membership.end(), 0);
    out.count = n;
    return out;
  }
  std::vector<double> strength = Strength();
  double total = std::accumulate(strength.begin(), strength.end(), 0.0) / 2.0;
  auto lock = LockIgraph();
  RealVector node_weights(static_cast<igraph_integer_t>(n));
  IntVector membership(static_cast<igraph_integer_t>(n));
  if (!node_weights.ok() || !membership.ok()) return kOutOfMemory;
  for (std::size_t i = 0; i < n; ++i) node_weights.set(static_cast<igraph_integer_t>(i), strength[i]);
  igraph_rng_seed(igraph_rng_default(), 5);
  std::vector<igraph_integer_t> previous;
  double last_quality = 0;
  for (int round = 0; round < 10; ++round) {
    igraph_integer_t clusters = 0;
    igraph_real_t quality = 0;
    // Modularity is Leiden's CPM with node weights = strength and resolution 1 / (2m).
    Status s = Check(igraph_community_leiden(impl_->igraph.graph(), impl_->igraph.weights(),
                                             node_weights.get(), 1.0 / (2.0 * total), 0.01, round > 0, 1,
                                             membership.get(), &clusters, &quality),
                     "Leiden communities");
    if (!s.ok()) return s;
    std::vector<igraph_integer_t> current(n);
    for (std::size_t i = 0; i < n; ++i) current[i] = membership.at(static_cast<igraph_integer_t>(i));
    bool settled = current == previous || (round > 0 && quality - last_quality < kLeidenMinGain * std::abs(quality));
    previous = std::move(current);
    last_quality = quality;
    if (settled) break;
  }
  igraph_real_t modularity = 0;
  Status s = Check(igraph_modularity(impl_->igraph.graph(), membership.get(), impl_->igraph.weights(), 1.0,
                                     false, &modularity),
                   "modularity");
  if (!s.ok()) return s;
  // Renumber: largest community first, ties by their first node.
  std::size_t raw_count = 0;
  for (auto c : previous) raw_count = std::max(raw_count, static_cast<std::size_t>(c) + 1);
  std::vector<std::size_t> size(raw_count, 0), first(raw_count, n);
  for (std::size_t i = 0; i < n; ++i) {
    auto c = static_cast<std::size_t>(previous[i]);
    ++size[c];
    first[c] = std::min(first[c], i);
  }
  std::vector<std::size_t> order;
  for (std::size_t c = 0; c < raw_count; ++c)
    if (size[c] > 0) order.push_back(c);
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return size[x] != size[y] ? size[x] > size[y] : first[x] < first[y];
  });
  std::vector<std::size_t> renumber(raw_count, 0);
  for (std::size_t r = 0; r < order.size(); ++r) renumber[order[r]] = r;
  out.membership.resize(n);
  for (std::size_t i = 0; i < n; ++i) out.membership[i] = renumber[static_cast<std::size_t>(previous[i])];
  out.count = order.size();
  out.modularity = modularity;
  return out;
}

EgoNetwork EntityGraph::Ego(std::size_t center, std::size_t depth, std::size_t max_nodes) const {
  const auto& adjacency = impl_->adjacency;
  const auto& pairs = impl_->pairs;
  std::vector<double> strength = Strength();
  EgoNetwork ego;
  std::unordered_map<std::size_t, std::size_t> kept;  // node -> distance
  ego.nodes.push_back(center);
  ego.distance.push_back(0);
  kept.emplace(center, 0);
  std::vector<std::size_t> frontier{center};
  for (std::size_t d = 1; d <= depth && ego.nodes.size() < max_nodes && !frontier.empty(); ++d) {
    // The next layer, each node with the weight of its pairs to kept nodes.
    std::unordered_map<std::size_t, double> pull;
    for (std::size_t u : frontier)
      for (auto [v, p] : adjacency[u])
        if (!kept.count(v)) pull[v] += pairs[p].weight;
    std::vector<std::pair<std::size_t, double>> layer(pull.begin(), pull.end());
    std::sort(layer.begin(), layer.end(), [&](const auto& x, const auto& y) {
      if (x.second != y.second) return x.second > y.second;
      if (strength[x.first] != strength[y.first]) return strength[x.first] > strength[y.first];
      return x.first < y.first;
    });
    frontier.clear();
    for (const auto& [v, w] : layer) {
      if (ego.nodes.size() >= max_nodes) break;
      kept.emplace(v, d);
      ego.nodes.push_back(v);
      ego.distance.push_back(d);
      frontier.push_back(v);
    }
  }
  for (std::size_t u : ego.nodes)
    for (auto [v, p] : adjacency[u])
      if (u < v && kept.count(v))
        ego.edges.insert(ego.edges.end(), pairs[p].edges.begin(), pairs[p].edges.end());
  std::sort(ego.edges.begin(), ego.edges.end());
  return ego;
}

Result<std::vector<GraphPath>> EntityGraph::KShortestPaths(std::size_t from, std::size_t to, std::size_t k,
                                                           const std::vector<std::string>& types) const {
  if (from == to) return Status::InvalidInput("paths: both ends are the same entity");
  if (k == 0) return Status::InvalidInput("paths: k must be at least 1");
  std::vector<Pair> filtered;
  if (!types.empty()) {
    std::unordered_set<std::string> allowed(types.begin(), types.end());
    filtered = MakePairs(impl_->edges, impl_->source_index, impl_->target_index, impl_->nodes.size(),
                         [&](const Edge& e) { return allowed.count(e.type) > 0; });
  }
  const std::vector<Pair>& pairs = types.empty() ? impl_->pairs : filtered;
  auto lock = LockIgraph();
  PairGraph local;
  PairGraph* graph = &impl_->igraph;
  if (!types.empty()) {
    Status s = local.Build(impl_->nodes.size(), filtered);
    if (!s.ok()) return s;
    graph = &local;
  }
  IntVectorList vertex_paths, edge_paths;
  if (!vertex_paths.ok() || !edge_paths.ok()) return kOutOfMemory;
  Status s =
      Check(igraph_get_k_shortest_paths(graph->graph(), graph->costs(), vertex_paths.get(), edge_paths.get(),
                                        static_cast<igraph_integer_t>(k), static_cast<igraph_integer_t>(from),
                                        static_cast<igraph_integer_t>(to), IGRAPH_ALL),
            "k shortest paths");
  if (!s.ok()) return s;
  std::vector<GraphPath> out;
  for (igraph_integer_t i = 0; i < vertex_paths.size(); ++i) {
    const igraph_vector_int_t* vs = vertex_paths.at(i);
    const igraph_vector_int_t* es = edge_paths.at(i);
    GraphPath path;
    for (igraph_integer_t j = 0; j < igraph_vector_int_size(vs); ++j)
      path.nodes.push_back(static_cast<std::size_t>(VECTOR(*vs)[j]));
    for (igraph_integer_t j = 0; j < igraph_vector_int_size(es); ++j) {
      const Pair& pair = pairs[static_cast<std::size_t>(VECTOR(*es)[j])];
      path.cost += HopCost(pair.weight);
      path.hops.push_back(pair);
    }
    if (path.nodes.size() >= 2 && path.hops.size() + 1 == path.nodes.size()) out.push_back(std::move(path));
  }
  return out;
}

}  // namespace leakgraph::graph
