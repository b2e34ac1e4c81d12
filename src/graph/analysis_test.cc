#include "graph/analysis.h"

#include <gtest/gtest.h>

#include <map>

#include "graph/graph_cache.h"
#include "test_support.h"

namespace leakgraph::graph {
namespace {

using leakgraph::testing::TempDir;

struct Sentence {
  std::string text;
  std::string a, b;  // the two names, as written in `text`
  std::string type;
  std::string trigger;  // "" for co_mention
};

// A store with one document per sentence and one entity per name:
// Adnan -met_with x2- Reza -close_ties- Kourosh -leads- DES; Nadia and Omar
// only named together.
class AnalysisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open((tmp_ / "s.sqlite").string(), true);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_.emplace(std::move(opened).value());
    std::vector<Sentence> sentences = {
        {"Adnan met with Reza in Tal Harir.", "Adnan", "Reza", "met_with", "met with"},
        {"Reza is a close ally of Kourosh.", "Reza", "Kourosh", "close_ties", "close ally"},
        {"Kourosh heads DES.", "Kourosh", "DES", "leads", "heads"},
        {"Later Adnan met with Reza again.", "Adnan", "Reza", "met_with", "met with"},
        {"Nadia and Omar were seen.", "Nadia", "Omar", "co_mention", ""},
    };
    std::map<std::string, std::string> types = {{"Adnan", "PERSON"},   {"Reza", "PERSON"},
                                                {"Kourosh", "PERSON"}, {"DES", "ORG"},
                                                {"Nadia", "PERSON"},   {"Omar", "PERSON"}};
    ASSERT_TRUE(store_->Begin().ok());
    for (std::size_t i = 0; i < sentences.size(); ++i) {
      const Sentence& s = sentences[i];
      store::DocumentRecord doc;
      doc.hash = std::string(63, '0') + std::to_string(i);
      doc.content_type = "text/plain";
      doc.text = s.text;
      auto id = store_->InsertDocument(doc);
      ASSERT_TRUE(id.ok()) << id.status().message();
      ASSERT_TRUE(store_->AddLocation("doc" + std::to_string(i) + ".txt", *id, std::nullopt).ok());
      std::vector<store::Mention> mentions;
      for (const std::string& name : {s.a, s.b}) {
        std::size_t at = s.text.find(name);
        mentions.push_back({types[name], at, at + name.size(), name, name, 1.0, "{}"});
      }
      store::Relation r;
      r.type = s.type;
      r.source = 0;
      r.target = 1;
      r.sentence_begin = 0;
      r.sentence_end = s.text.size();
      if (!s.trigger.empty()) {
        r.trigger_begin = s.text.find(s.trigger);
        r.trigger_end = r.trigger_begin + s.trigger.size();
      }
      ASSERT_TRUE(store_->ReplaceMentionsAndRelations(*id, mentions, {r}, 1, 1).ok());
    }
    auto names = store_->NameMentions();
    ASSERT_TRUE(names.ok()) << names.status().message();
    std::map<std::string, store::EntityRow> entities;
    for (const auto& m : *names) {
      store::EntityRow& e = entities[m.text];
      if (e.id == 0) {
        e.id = static_cast<std::int64_t>(entities.size());
        e.type = m.type;
        e.name = m.text;
        e.aliases.push_back({m.text, "latin", 0, "name"});
      }
      e.aliases[0].count++;
      e.mentions.push_back({m.id, "name", 1.0});
    }
    std::vector<store::EntityRow> rows;
    for (auto& [name, e] : entities) {
      ids_[name] = e.id;
      rows.push_back(e);
    }
    ASSERT_TRUE(store_->ReplaceEntities(rows).ok());
    ASSERT_TRUE(store_->Commit().ok());
  }

  TempDir tmp_;
  std::optional<store::Store> store_;
  std::map<std::string, std::int64_t> ids_;
};

TEST_F(AnalysisTest, PathHopsCarryTheirEvidenceWithTriggers) {
  auto answer = Paths(*store_, {ids_["Adnan"], ids_["DES"], 3, {}, 3});
  ASSERT_TRUE(answer.ok()) << answer.status().message();
  ASSERT_EQ(answer->paths.size(), 1u);
  const EntityPath& path = answer->paths[0];
  ASSERT_EQ(path.hops.size(), 3u);
  EXPECT_EQ(path.hops[0].from.name, "Adnan");
  EXPECT_EQ(path.hops[1].from.name, "Reza");
  EXPECT_EQ(path.hops[2].to.name, "DES");
  ASSERT_EQ(path.hops[0].ties.size(), 1u);
  EXPECT_EQ(path.hops[0].ties[0].type, "met_with");
  EXPECT_EQ(path.hops[0].ties[0].weight, 2);
  ASSERT_EQ(path.hops[0].ties[0].evidence.size(), 2u);
  for (const auto& hop : path.hops) {
    ASSERT_FALSE(hop.ties.empty());
    for (const auto& e : hop.ties[0].evidence) EXPECT_NE(e.text.find(e.trigger), std::string::npos);
  }
  EXPECT_EQ(path.hops[1].ties[0].evidence[0].trigger, "close ally");
  EXPECT_EQ(path.hops[2].ties[0].evidence[0].trigger, "heads");
}

TEST_F(AnalysisTest, NoPathIsAnAnswerThatSaysWhy) {
  auto untied = Paths(*store_, {ids_["Adnan"], ids_["Nadia"], 3, {}, 3});
  ASSERT_TRUE(untied.ok()) << untied.status().message();
  EXPECT_TRUE(untied->paths.empty());
  EXPECT_EQ(untied->no_path, "Nadia has no typed ties");
  // With co-mentions Nadia has a tie, but none that reaches Adnan.
  auto apart = Paths(*store_, {ids_["Adnan"], ids_["Nadia"], 3, {{}, true, 1}, 3});
  ASSERT_TRUE(apart.ok());
  EXPECT_TRUE(apart->paths.empty());
  EXPECT_EQ(apart->no_path, "no chain of ties joins Adnan and Nadia");
  auto co = Paths(*store_, {ids_["Nadia"], ids_["Omar"], 3, {{}, true, 1}, 3});
  ASSERT_TRUE(co.ok());
  ASSERT_EQ(co->paths.size(), 1u);
  EXPECT_EQ(co->paths[0].hops[0].ties[0].type, "co_mention");
  EXPECT_DOUBLE_EQ(co->paths[0].hops[0].weight, kCoMentionWeight);
  // Only family ties: none at all.
  auto family = Paths(*store_, {ids_["Adnan"], ids_["Reza"], 3, {{"family"}, false, 1}, 3});
  ASSERT_TRUE(family.ok());
  EXPECT_EQ(family->no_path, "Adnan and Reza have no such ties");
}

TEST_F(AnalysisTest, BadQueriesAreErrors) {
  auto unknown = Paths(*store_, {ids_["Adnan"], 999, 3, {}, 3});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  auto same = Paths(*store_, {ids_["Adnan"], ids_["Adnan"], 3, {}, 3});
  ASSERT_FALSE(same.ok());
  EXPECT_NE(same.status().message().find("same entity"), std::string::npos);
  auto type = Paths(*store_, {ids_["Adnan"], ids_["Reza"], 3, {{"knows"}, false, 1}, 3});
  ASSERT_FALSE(type.ok());
  EXPECT_NE(type.status().message().find("'knows'"), std::string::npos);
  EXPECT_FALSE(ParseMeasure("closeness").ok());
  TopQuery bad_type;
  bad_type.entity_type = "CAT";
  EXPECT_FALSE(Top(*store_, bad_type).ok());
}

TEST_F(AnalysisTest, TopRanksTheMostConnectedFirst) {
  TopQuery query;
  auto top = Top(*store_, query);
  ASSERT_TRUE(top.ok()) << top.status().message();
  ASSERT_EQ(top->size(), 4u);                // co-mentioned Nadia and Omar are left out
  EXPECT_EQ((*top)[0].entity.name, "Reza");  // degree 2, weight 3 (Kourosh: degree 2, weight 2)
  EXPECT_EQ((*top)[1].entity.name, "Kourosh");
  query.entity_type = "org";
  top = Top(*store_, query);
  ASSERT_TRUE(top.ok());
  ASSERT_EQ(top->size(), 1u);
  EXPECT_EQ((*top)[0].entity.name, "DES");
  TopQuery between;
  between.measure = Measure::kBetweenness;
  top = Top(*store_, between);
  ASSERT_TRUE(top.ok());
  ASSERT_TRUE((*top)[0].betweenness.has_value());
  EXPECT_DOUBLE_EQ(*(*top)[0].betweenness, 2.0);  // Reza and Kourosh each lie on 2 of the chain's paths
}

TEST_F(AnalysisTest, NetworkAroundAnEntityAndOfTheWholeCase) {
  NetworkQuery around;
  around.center = ids_["Reza"];
  auto net = Network(*store_, around);
  ASSERT_TRUE(net.ok()) << net.status().message();
  ASSERT_EQ(net->nodes.size(), 3u);
  EXPECT_EQ(net->nodes[0].entity.name, "Reza");
  EXPECT_EQ(net->ties.size(), 2u);
  EXPECT_FALSE(net->truncated);
  EXPECT_EQ(net->graph_entities, 4u);

  NetworkQuery whole;
  whole.filter.co_mention = true;
  whole.limit = 3;
  net = Network(*store_, whole);
  ASSERT_TRUE(net.ok());
  EXPECT_EQ(net->nodes.size(), 3u);
  EXPECT_TRUE(net->truncated);
  EXPECT_EQ(net->graph_entities, 6u);
  EXPECT_GE(net->communities, 2u);
  whole.limit = 10;
  net = Network(*store_, whole);
  ASSERT_TRUE(net.ok());
  std::map<std::string, std::size_t> community;
  for (const auto& n : net->nodes) community[n.entity.name] = n.community;
  // The co-mentioned pair is a community of its own.
  EXPECT_EQ(community["Nadia"], community["Omar"]);
  for (const char* chain : {"Adnan", "Reza", "Kourosh", "DES"})
    EXPECT_NE(community[chain], community["Nadia"]);
  EXPECT_EQ(community["Adnan"], community["Reza"]);  // the heaviest tie

  NetworkQuery alone;
  alone.center = ids_["Omar"];
  net = Network(*store_, alone);
  ASSERT_TRUE(net.ok());
  ASSERT_EQ(net->nodes.size(), 1u);
  EXPECT_EQ(net->nodes[0].degree, 0u);
}

TEST_F(AnalysisTest, CacheServesTheSameAnswersUntilTheStoreChanges) {
  GraphCache cache((tmp_ / "s.sqlite").string());
  auto direct = Network(*store_, {std::nullopt, 1, {}, 200});
  ASSERT_TRUE(direct.ok()) << direct.status().message();
  auto first = Network(*store_, {std::nullopt, 1, {}, 200}, &cache);
  auto second = Network(*store_, {std::nullopt, 1, {}, 200}, &cache);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(cache.loads(), 1u);
  ASSERT_EQ(first->nodes.size(), direct->nodes.size());
  for (std::size_t i = 0; i < direct->nodes.size(); ++i) {
    EXPECT_EQ(first->nodes[i].entity.id, direct->nodes[i].entity.id);
    EXPECT_DOUBLE_EQ(second->nodes[i].pagerank, direct->nodes[i].pagerank);
    EXPECT_EQ(second->nodes[i].community, direct->nodes[i].community);
  }
  // Paths and top share the cached graph of the same filter.
  auto path = Paths(*store_, {ids_["Adnan"], ids_["DES"], 3, {}, 3}, &cache);
  ASSERT_TRUE(path.ok());
  ASSERT_EQ(path->paths.size(), 1u);
  EXPECT_EQ(path->paths[0].hops.size(), 3u);
  auto top = Top(*store_, {Measure::kDegree, "", 3, {}, {}}, &cache);
  ASSERT_TRUE(top.ok());
  EXPECT_EQ(top->front().entity.name, "Reza");
  EXPECT_EQ(cache.loads(), 1u);
  // Another filter is another graph.
  auto co = Network(*store_, {std::nullopt, 1, {{}, true, 1}, 200}, &cache);
  ASSERT_TRUE(co.ok());
  EXPECT_EQ(cache.loads(), 2u);
  EXPECT_GT(co->nodes.size(), first->nodes.size());
  // A write to the store (here: the ties of Nadia and Omar made typed) drops the cache.
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(
      store_->connection().Execute("UPDATE relations SET type = 'met_with' WHERE type = 'co_mention'").ok());
  ASSERT_TRUE(store_->Commit().ok());
  auto after = Network(*store_, {std::nullopt, 1, {}, 200}, &cache);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(cache.loads(), 3u);
  EXPECT_EQ(after->nodes.size(), first->nodes.size() + 2);
}

}  // namespace
}  // namespace leakgraph::graph
