// Graph analysis time against the size of the case (issue 5: "analysis stays
// near-linear from 10k to 1M documents").
//
//   leakgraph_graph_bench [--sizes 10000,100000,1000000] [--seed N] [--json FILE] [--max-ratio R]
//
// For each size D (documents), generates the ties a case of D documents would
// give and times, on src/graph/entity_graph.h, what `leakgraph top` and
// `leakgraph path` run: building the graph, degree, PageRank, Leiden
// communities, sampled betweenness (200 sources) and k = 3 shortest paths
// (mean of 5 queries between random entities of the largest component).
//
// Synthetic case (fixed seed): D / 2 distinct entities (60 % PERSON, 30 % ORG,
// 10 % LOCATION) in topics of 50; a topic's popularity is Zipf (s = 1) over
// topics, so a few topics fill many documents. Each document picks a topic and
// names 3 distinct entities: each from its topic (Zipf within the topic) or,
// with probability 0.1, any entity (Zipf over all: the hubs that span
// topics). Each document states 2 typed ties among its 3 entities, of a type
// drawn uniformly from the 9 tie types. Ties are aggregated per (source,
// target, type) into weights, as Store::Ties returns them.
//
// Reports each step's time and its time per tied pair relative to the
// smallest size (1.0 = exactly linear in the pairs). Exit 3 when a step's
// ratio at the largest size exceeds --max-ratio (default 3).
#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "graph/entity_graph.h"

namespace {

using leakgraph::graph::Edge;
using leakgraph::graph::EntityGraph;
using leakgraph::store::EntityRef;

const char* const kTypes[] = {"member_of", "leads",   "close_ties",        "met_with",  "paid",
                              "family",    "opposes", "communicated_with", "located_in"};

// Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1).
class Zipf {
 public:
  explicit Zipf(std::size_t n) : cumulative_(n) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) cumulative_[i] = (sum += 1.0 / static_cast<double>(i + 1));
  }
  std::size_t operator()(std::mt19937_64& rng) const {
    double x = std::uniform_real_distribution<double>(0, cumulative_.back())(rng);
    return static_cast<std::size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), x) -
                                    cumulative_.begin());
  }

 private:
  std::vector<double> cumulative_;
};

struct Case {
  std::vector<EntityRef> nodes;
  std::vector<Edge> edges;
};

Case Generate(std::size_t documents, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const std::size_t entity_count = std::max<std::size_t>(documents / 2, 100);
  const std::size_t topic_size = 50;
  const std::size_t topics = entity_count / topic_size;
  Case c;
  for (std::size_t i = 0; i < entity_count; ++i) {
    double r = std::uniform_real_distribution<double>(0, 1)(rng);
    c.nodes.push_back({static_cast<std::int64_t>(i + 1),
                       r < 0.6   ? "PERSON"
                       : r < 0.9 ? "ORG"
                                 : "LOCATION",
                       "E" + std::to_string(i + 1)});
  }
  // Entity ranks are shuffled so that global hubs are spread over topics.
  std::vector<std::size_t> global(entity_count);
  for (std::size_t i = 0; i < entity_count; ++i) global[i] = i;
  std::shuffle(global.begin(), global.end(), rng);
  Zipf topic_pick(topics), in_topic(topic_size), anywhere(entity_count);
  std::bernoulli_distribution hub(0.1);
  std::map<std::tuple<std::size_t, std::size_t, int>, double> ties;
  for (std::size_t d = 0; d < documents; ++d) {
    std::size_t topic = topic_pick(rng);
    std::size_t named[3];
    for (int i = 0; i < 3; ++i) {
      for (int attempt = 0; attempt < 20; ++attempt) {
        named[i] = hub(rng) ? global[anywhere(rng)] : topic * topic_size + in_topic(rng);
        if (std::find(named, named + i, named[i]) == named + i) break;
      }
    }
    for (int t = 0; t < 2; ++t) {
      int a = std::uniform_int_distribution<int>(0, 2)(rng);
      int b = (a + 1 + std::uniform_int_distribution<int>(0, 1)(rng)) % 3;
      if (named[a] == named[b]) continue;
      ties[{named[a], named[b], std::uniform_int_distribution<int>(0, 8)(rng)}] += 1;
    }
  }
  // Only entities with ties are nodes, as in graph_from_store.h.
  std::vector<bool> tied(entity_count, false);
  for (const auto& [key, weight] : ties) tied[std::get<0>(key)] = tied[std::get<1>(key)] = true;
  std::vector<EntityRef> nodes;
  for (std::size_t i = 0; i < entity_count; ++i)
    if (tied[i]) nodes.push_back(std::move(c.nodes[i]));
  c.nodes = std::move(nodes);
  for (const auto& [key, weight] : ties)
    c.edges.push_back({static_cast<std::int64_t>(std::get<0>(key) + 1),
                       static_cast<std::int64_t>(std::get<1>(key) + 1), kTypes[std::get<2>(key)], weight});
  return c;
}

// CPU seconds of this process: the machines we measure on are shared, and
// wall time there measures the neighbours as much as us. The library is
// single-threaded, so CPU time is the time it takes on an idle core.
double CpuNow() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}
double Seconds(double since) {
  return CpuNow() - since;
}

template <typename T>
void MustOk(const leakgraph::Result<T>& r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "graph_bench: %s: %s\n", what, r.status().message().c_str());
    std::exit(1);
  }
}

struct Row {
  std::size_t documents = 0, entities = 0, edges = 0, pairs = 0, communities = 0;
  std::vector<std::pair<std::string, double>> seconds;  // step -> time
};

Row Measure(std::size_t documents, std::uint64_t seed) {
  Row row;
  row.documents = documents;
  Case c = Generate(documents, seed);
  row.edges = c.edges.size();
  double start = CpuNow();
  auto g = EntityGraph::Build(std::move(c.nodes), std::move(c.edges));
  MustOk(g, "build");
  row.seconds.emplace_back("build", Seconds(start));
  row.entities = g->nodes().size();
  row.pairs = g->pairs().size();

  start = CpuNow();
  auto degree = g->Degree();
  row.seconds.emplace_back("degree", Seconds(start));

  start = CpuNow();
  auto rank = g->PageRank();
  MustOk(rank, "pagerank");
  row.seconds.emplace_back("pagerank", Seconds(start));

  start = CpuNow();
  auto communities = g->FindCommunities();
  MustOk(communities, "leiden");
  row.seconds.emplace_back("leiden", Seconds(start));
  row.communities = communities->count;

  start = CpuNow();
  leakgraph::graph::BetweennessOptions sampled;
  sampled.exact_up_to = 0;  // sampled at every size, so that the sizes compare
  auto between = g->Betweenness(sampled);
  MustOk(between, "betweenness");
  row.seconds.emplace_back("betweenness", Seconds(start));

  // Queries between random entities of the largest community (a Leiden
  // community is connected, so a path exists).
  std::mt19937_64 rng(seed + 1);
  std::vector<std::size_t> tied;
  for (std::size_t i = 0; i < degree.size(); ++i)
    if (degree[i] > 0 && communities->membership[i] == 0) tied.push_back(i);
  const int queries = 5;
  double total = 0;
  for (int q = 0; q < queries; ++q) {
    std::size_t a = tied[std::uniform_int_distribution<std::size_t>(0, tied.size() - 1)(rng)];
    std::size_t b = tied[std::uniform_int_distribution<std::size_t>(0, tied.size() - 1)(rng)];
    if (a == b) b = tied[(std::find(tied.begin(), tied.end(), a) - tied.begin() + 1) % tied.size()];
    start = CpuNow();
    auto paths = g->KShortestPaths(a, b, 3);
    MustOk(paths, "k shortest paths");
    total += Seconds(start);
  }
  row.seconds.emplace_back("k_paths", total / queries);
  return row;
}

std::vector<std::size_t> ParseSizes(const std::string& list) {
  std::vector<std::size_t> sizes;
  std::size_t pos = 0;
  while (pos < list.size()) {
    std::size_t comma = list.find(',', pos);
    if (comma == std::string::npos) comma = list.size();
    sizes.push_back(std::stoul(list.substr(pos, comma - pos)));
    pos = comma + 1;
  }
  return sizes;
}

}  // namespace

int main(int argc, char** argv) {
  std::string sizes_arg = "10000,100000,1000000", json_path;
  std::uint64_t seed = 5;
  double max_ratio = 3.0;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "graph_bench: %s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--sizes")
      sizes_arg = value();
    else if (arg == "--seed")
      seed = std::stoull(value());
    else if (arg == "--json")
      json_path = value();
    else if (arg == "--max-ratio")
      max_ratio = std::stod(value());
    else {
      std::fprintf(stderr,
                   "usage: %s [--sizes 10000,100000,1000000] [--seed N] [--json FILE] [--max-ratio R]\n",
                   argv[0]);
      return 2;
    }
  }
  std::vector<Row> rows;
  for (std::size_t documents : ParseSizes(sizes_arg)) {
    rows.push_back(Measure(documents, seed));
    const Row& r = rows.back();
    std::printf("%zu documents: %zu entities, %zu typed ties, %zu tied pairs, %zu communities\n", r.documents,
                r.entities, r.edges, r.pairs, r.communities);
    for (const auto& [step, s] : r.seconds) {
      const Row& base = rows.front();
      double base_s = 0;
      for (const auto& [bstep, bs] : base.seconds)
        if (bstep == step) base_s = bs;
      double per_pair = s / static_cast<double>(r.pairs);
      double ratio = base_s > 0 ? per_pair / (base_s / static_cast<double>(base.pairs)) : 1.0;
      std::printf("  %-12s %10.3f s  %9.1f ns/pair  x%.2f of the first size\n", step.c_str(), s,
                  1e9 * per_pair, ratio);
    }
    std::fflush(stdout);
  }
  int exit_code = 0;
  const Row& first = rows.front();
  const Row& last = rows.back();
  std::string json = "{\"seed\": " + std::to_string(seed) + ", \"sizes\": [";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    json += std::string(i ? ", " : "") + "{\"documents\": " + std::to_string(r.documents) +
            ", \"entities\": " + std::to_string(r.entities) + ", \"ties\": " + std::to_string(r.edges) +
            ", \"pairs\": " + std::to_string(r.pairs) + ", \"seconds\": {";
    for (std::size_t j = 0; j < r.seconds.size(); ++j)
      json += std::string(j ? ", " : "") + "\"" + r.seconds[j].first +
              "\": " + std::to_string(r.seconds[j].second);
    json += "}}";
  }
  json += "]}\n";
  if (rows.size() > 1) {
    for (std::size_t j = 0; j < last.seconds.size(); ++j) {
      double ratio = (last.seconds[j].second / static_cast<double>(last.pairs)) /
                     (first.seconds[j].second / static_cast<double>(first.pairs));
      if (first.seconds[j].second > 1e-3 && ratio > max_ratio) {  // below 1 ms is timer noise
        std::printf("%s: time per pair grew x%.2f from %zu to %zu documents (limit x%.2f)\n",
                    last.seconds[j].first.c_str(), ratio, first.documents, last.documents, max_ratio);
        exit_code = 3;
      }
    }
  }
  if (!json_path.empty()) std::ofstream(json_path) << json;
  return exit_code;
}
