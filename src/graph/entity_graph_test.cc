#include "graph/entity_graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

namespace leakgraph::graph {
namespace {

std::vector<store::EntityRef> People(int count) {
  std::vector<store::EntityRef> nodes;
  for (int i = 1; i <= count; ++i) nodes.push_back({i, "PERSON", "P" + std::to_string(i)});
  return nodes;
}

EntityGraph MustBuild(std::vector<store::EntityRef> nodes, std::vector<Edge> edges) {
  auto g = EntityGraph::Build(std::move(nodes), std::move(edges));
  EXPECT_TRUE(g.ok()) << g.status().message();
  return std::move(g).value();
}

std::size_t ArgMax(const std::vector<double>& v) {
  return static_cast<std::size_t>(std::max_element(v.begin(), v.end()) - v.begin());
}

// Entity 1 at the centre of 2..6.
EntityGraph Star() {
  std::vector<Edge> edges;
  for (int i = 2; i <= 6; ++i) edges.push_back({1, i, "met_with", 1});
  return MustBuild(People(6), edges);
}

// Cliques {1..5} and {6..10}; 5 and 6 joined by one tie (the bridge).
EntityGraph TwoCliques() {
  std::vector<Edge> edges;
  for (int base : {0, 5})
    for (int i = 1; i <= 5; ++i)
      for (int j = i + 1; j <= 5; ++j) edges.push_back({base + i, base + j, "close_ties", 2});
  edges.push_back({5, 6, "paid", 1});
  return MustBuild(People(10), edges);
}

TEST(EntityGraphTest, StarCentreHasTopDegreePageRankAndBetweenness) {
  EntityGraph g = Star();
  auto degree = g.Degree();
  EXPECT_EQ(degree[0], 5u);
  for (std::size_t i = 1; i < 6; ++i) EXPECT_EQ(degree[i], 1u);
  auto rank = g.PageRank();
  ASSERT_TRUE(rank.ok()) << rank.status().message();
  EXPECT_EQ(ArgMax(*rank), 0u);
  EXPECT_NEAR(std::accumulate(rank->begin(), rank->end(), 0.0), 1.0, 1e-9);
  auto between = g.Betweenness();
  ASSERT_TRUE(between.ok()) << between.status().message();
  // Every one of the C(5,2) = 10 pairs of leaves has its only shortest path through the centre.
  EXPECT_DOUBLE_EQ((*between)[0], 10.0);
  for (std::size_t i = 1; i < 6; ++i) EXPECT_DOUBLE_EQ((*between)[i], 0.0);
}

TEST(EntityGraphTest, ParallelTypedTiesFormOnePairWithSummedWeight) {
  EntityGraph g = MustBuild(People(2), {{1, 2, "leads", 3}, {2, 1, "member_of", 1}, {1, 1, "met_with", 1}});
  ASSERT_EQ(g.pairs().size(), 1u);
  EXPECT_DOUBLE_EQ(g.pairs()[0].weight, 4.0);
  ASSERT_EQ(g.pairs()[0].edges.size(), 2u);
  EXPECT_EQ(g.edges()[g.pairs()[0].edges[0]].type, "leads");  // heaviest first
  EXPECT_EQ(g.edges().size(), 2u);                            // the self-tie is dropped
  EXPECT_EQ(g.Degree()[0], 1u);
  EXPECT_DOUBLE_EQ(g.Strength()[1], 4.0);
}

TEST(EntityGraphTest, TwoCliquesAreTwoCommunitiesAndTheBridgeIsOnEveryPath) {
  EntityGraph g = TwoCliques();
  auto c = g.FindCommunities();
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->count, 2u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(c->membership[i], c->membership[0]);
  for (std::size_t i = 5; i < 10; ++i) EXPECT_EQ(c->membership[i], c->membership[5]);
  EXPECT_NE(c->membership[0], c->membership[5]);
  EXPECT_GT(c->modularity, 0.3);
  // The same graph gives the same partition.
  auto again = g.FindCommunities();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->membership, c->membership);

  auto between = g.Betweenness();
  ASSERT_TRUE(between.ok());
  // Each bridge end carries the paths from the 4 other nodes of its clique to the 5 of the other.
  EXPECT_DOUBLE_EQ((*between)[4], 20.0);
  EXPECT_DOUBLE_EQ((*between)[5], 20.0);
  EXPECT_DOUBLE_EQ((*between)[0], 0.0);

  auto paths = g.KShortestPaths(*g.IndexOf(1), *g.IndexOf(10), 5);
  ASSERT_TRUE(paths.ok()) << paths.status().message();
  ASSERT_EQ(paths->size(), 5u);
  for (const auto& p : *paths) {
    auto bridge =
        std::find_if(p.hops.begin(), p.hops.end(), [](const Pair& h) { return h.a == 4 && h.b == 5; });
    EXPECT_NE(bridge, p.hops.end());
  }
}

TEST(EntityGraphTest, KShortestPathsComeCheapestFirstAndPreferStrongerTies) {
  // 1-2-4 (weights 5), 1-3-4 (weights 1), 1-4 via 5-6 (three hops), no direct tie.
  EntityGraph g = MustBuild(People(6), {{1, 2, "met_with", 5},
                                        {2, 4, "paid", 5},
                                        {1, 3, "met_with", 1},
                                        {3, 4, "met_with", 1},
                                        {1, 5, "family", 9},
                                        {5, 6, "family", 9},
                                        {6, 4, "family", 9}});
  auto paths = g.KShortestPaths(0, 3, 3);
  ASSERT_TRUE(paths.ok()) << paths.status().message();
  ASSERT_EQ(paths->size(), 3u);
  EXPECT_EQ((*paths)[0].nodes, (std::vector<std::size_t>{0, 1, 3}));
  EXPECT_EQ((*paths)[1].nodes, (std::vector<std::size_t>{0, 2, 3}));
  EXPECT_EQ((*paths)[2].nodes, (std::vector<std::size_t>{0, 4, 5, 3}));  // strong but longer: last
  EXPECT_LT((*paths)[0].cost, (*paths)[1].cost);
  EXPECT_LT((*paths)[1].cost, (*paths)[2].cost);
  EXPECT_DOUBLE_EQ((*paths)[0].cost, 2 * HopCost(5));
  ASSERT_EQ((*paths)[0].hops.size(), 2u);
  EXPECT_EQ(g.edges()[(*paths)[0].hops[1].edges[0]].type, "paid");

  // Restricted to family ties only the long chain is left.
  auto family = g.KShortestPaths(0, 3, 3, {"family"});
  ASSERT_TRUE(family.ok());
  ASSERT_EQ(family->size(), 1u);
  EXPECT_EQ((*family)[0].nodes.size(), 4u);
}

TEST(EntityGraphTest, DisconnectedPairHasNoPath) {
  EntityGraph g = MustBuild(People(4), {{1, 2, "met_with", 1}, {3, 4, "met_with", 1}});
  auto paths = g.KShortestPaths(0, 3, 3);
  ASSERT_TRUE(paths.ok()) << paths.status().message();
  EXPECT_TRUE(paths->empty());
  auto no_type = g.KShortestPaths(0, 1, 3, {"paid"});
  ASSERT_TRUE(no_type.ok());
  EXPECT_TRUE(no_type->empty());
  auto same = g.KShortestPaths(0, 0, 3);
  ASSERT_FALSE(same.ok());
  EXPECT_NE(same.status().message().find("same entity"), std::string::npos);
}

TEST(EntityGraphTest, BadInputIsAnErrorNamingTheEntity) {
  auto unknown = EntityGraph::Build(People(2), {{1, 7, "met_with", 1}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(unknown.status().message().find("entity 7"), std::string::npos);
  auto twice = EntityGraph::Build({{1, "PERSON", "A"}, {1, "ORG", "B"}}, {});
  ASSERT_FALSE(twice.ok());
  auto weight = EntityGraph::Build(People(2), {{1, 2, "met_with", 0}});
  ASSERT_FALSE(weight.ok());
  EXPECT_NE(weight.status().message().find("weight"), std::string::npos);
  EXPECT_FALSE(Star().IndexOf(42).has_value());
}

TEST(EntityGraphTest, EmptyGraphAndIsolatedNodes) {
  EntityGraph empty = MustBuild({}, {});
  EXPECT_TRUE(empty.PageRank()->empty());
  EXPECT_TRUE(empty.Betweenness()->empty());
  EXPECT_EQ(empty.FindCommunities()->count, 0u);
  EntityGraph lonely = MustBuild(People(3), {});
  auto c = lonely.FindCommunities();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->count, 3u);
  EXPECT_EQ(lonely.Degree(), (std::vector<std::size_t>{0, 0, 0}));
  lonely = Star();  // a graph moved over another frees the old one's igraph objects
  ASSERT_TRUE(lonely.PageRank().ok());
  EXPECT_EQ(lonely.Degree()[0], 5u);
}

TEST(EntityGraphTest, EgoKeepsNearerAndStrongerNeighboursFirst) {
  // 1 tied to 2 (weight 5), 3 (weight 1), 4 (weight 2); 2 tied to 5; 5 tied to 6.
  EntityGraph g = MustBuild(People(6), {{1, 2, "met_with", 5},
                                        {1, 3, "met_with", 1},
                                        {1, 4, "met_with", 2},
                                        {2, 5, "paid", 1},
                                        {5, 6, "paid", 1}});
  EgoNetwork one = g.Ego(0, 1, 100);
  EXPECT_EQ(one.nodes, (std::vector<std::size_t>{0, 1, 3, 2}));
  EXPECT_EQ(one.distance, (std::vector<std::size_t>{0, 1, 1, 1}));
  EXPECT_EQ(one.edges.size(), 3u);
  EgoNetwork two = g.Ego(0, 2, 100);
  EXPECT_EQ(two.nodes.size(), 5u);
  EXPECT_EQ(two.nodes.back(), 4u);
  EXPECT_EQ(two.edges.size(), 4u);
  EgoNetwork capped = g.Ego(0, 2, 3);
  EXPECT_EQ(capped.nodes, (std::vector<std::size_t>{0, 1, 3}));
  EXPECT_EQ(capped.edges.size(), 2u);
}

TEST(EntityGraphTest, SampledBetweennessEstimatesTheExactValue) {
  // A ring of 300 with chords every 10; sampled with half the nodes as sources.
  std::vector<Edge> edges;
  const int n = 300;
  for (int i = 1; i <= n; ++i) edges.push_back({i, i % n + 1, "met_with", 1});
  for (int i = 1; i <= n; i += 10) edges.push_back({i, (i + 150 - 1) % n + 1, "met_with", 1});
  EntityGraph g = MustBuild(People(n), edges);
  auto exact = g.Betweenness();
  ASSERT_TRUE(exact.ok());
  auto all_sources = g.Betweenness({.exact_up_to = 10, .samples = 299});
  ASSERT_TRUE(all_sources.ok()) << all_sources.status().message();
  auto sampled = g.Betweenness({.exact_up_to = 10, .samples = 150});
  ASSERT_TRUE(sampled.ok());
  double total_exact = std::accumulate(exact->begin(), exact->end(), 0.0);
  double total_sampled = std::accumulate(sampled->begin(), sampled->end(), 0.0);
  EXPECT_NEAR(total_sampled / total_exact, 1.0, 0.1);
  double total_all = std::accumulate(all_sources->begin(), all_sources->end(), 0.0);
  EXPECT_NEAR(total_all / total_exact, 1.0, 0.02);
  for (std::size_t i : {0, 5, 10, 150})
    EXPECT_NEAR((*all_sources)[i], (*exact)[i], 0.1 * (*exact)[i] + 1) << i;
  // The chord ends carry more paths than the ring nodes between them, in both.
  EXPECT_GT((*exact)[0], (*exact)[5]);
  EXPECT_GT((*sampled)[0], (*sampled)[5]);
}

}  // namespace
}  // namespace leakgraph::graph
