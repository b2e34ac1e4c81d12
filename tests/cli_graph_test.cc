// Drives the network analysis as an analyst would, on the sample archive
// (examples/README.md): `leakgraph path` between two people of the story,
// every hop with the sentence that states it; `leakgraph top`; bad input.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "test_support.h"

namespace leakgraph::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// One ingest of the sample archive for every test of the suite.
class CliGraphTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new TempDir();
    CommandResult ingest =
        RunLeakgraph({"ingest", "-q", Case(), (SourceDir() / "examples" / "sample-archive").string()});
    ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  }
  static void TearDownTestSuite() {
    delete tmp_;
    tmp_ = nullptr;
  }
  static std::string Case() { return (*tmp_ / "case").string(); }

  static json RunJson(const std::vector<std::string>& args) {
    CommandResult r = RunLeakgraph(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out, nullptr, false);
  }

  static TempDir* tmp_;
};
TempDir* CliGraphTest::tmp_ = nullptr;

// True iff `tie` (TieToJson) has an evidence sentence that contains its
// trigger words, or that is an e-mail header (a tie stated outside the text).
bool HasEvidence(const json& tie) {
  for (const auto& e : tie["evidence"]) {
    std::string text = e["text"], trigger = e["trigger"];
    if (!trigger.empty() && text.find(trigger) != std::string::npos) return true;
    if (e["begin"] == 0 && e["end"] == 0 && !text.empty()) return true;
  }
  return false;
}

TEST_F(CliGraphTest, PathBetweenTwoPeopleShowsTheEvidenceOfEveryHop) {
  // The deputy minister and the exchange-house owner never meet in the
  // archive: the chain runs through the DES and the Marzouqi brothers.
  json answer = RunJson({"path", Case(), "Adnan al-Shaheri", "Tariq al-Marzouqi", "-k", "3", "--json"});
  ASSERT_TRUE(answer.is_object()) << answer;
  EXPECT_EQ(answer["from"]["name"], "Adnan al-Shaheri");
  EXPECT_EQ(answer["to"]["name"], "Tariq al-Marzouqi");
  ASSERT_FALSE(answer["paths"].empty()) << answer.dump(2);
  EXPECT_LE(answer["paths"].size(), 3u);
  double previous = 0;
  for (const auto& path : answer["paths"]) {
    EXPECT_GE(path["cost"].get<double>(), previous);  // cheapest first
    previous = path["cost"];
    ASSERT_GE(path["hops"].size(), 2u);  // no direct tie in the archive
    EXPECT_EQ(path["hops"].front()["from"]["name"], "Adnan al-Shaheri");
    EXPECT_EQ(path["hops"].back()["to"]["name"], "Tariq al-Marzouqi");
    std::string at = "Adnan al-Shaheri";
    for (const auto& hop : path["hops"]) {
      EXPECT_EQ(hop["from"]["name"], at);  // hops chain
      at = hop["to"]["name"];
      ASSERT_FALSE(hop["ties"].empty()) << hop.dump(2);
      bool evidenced = false;
      for (const auto& tie : hop["ties"]) {
        EXPECT_NE(tie["type"], "co_mention");  // excluded by default
        evidenced = evidenced || HasEvidence(tie);
      }
      EXPECT_TRUE(evidenced) << hop.dump(2);
    }
  }

  // Over ties stated in sentences only (e-mail headers state communicated_with),
  // every hop's evidence holds the words that state it.
  json stated = RunJson({"path", Case(), "Adnan al-Shaheri", "Tariq al-Marzouqi", "--type",
                         "close_ties,family,leads,member_of,met_with,paid", "--json"});
  ASSERT_FALSE(stated["paths"].empty()) << stated.dump(2);
  for (const auto& hop : stated["paths"][0]["hops"]) {
    bool sentence = false;
    for (const auto& tie : hop["ties"])
      for (const auto& e : tie["evidence"]) {
        std::string text = e["text"], trigger = e["trigger"];
        sentence = sentence || (!trigger.empty() && text.find(trigger) != std::string::npos);
      }
    EXPECT_TRUE(sentence) << hop.dump(2);
  }

  // The text form: hops as "A -[type, weight]-> B", triggers in [brackets].
  CommandResult text = RunLeakgraph({"path", Case(), "Adnan al-Shaheri", "Tariq al-Marzouqi", "-k", "1"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("1 path from Adnan al-Shaheri (PERSON) to Tariq al-Marzouqi (PERSON)"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("  Adnan al-Shaheri -["), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("]-> "), std::string::npos) << text.out;
  std::string first_trigger;
  for (const auto& tie : answer["paths"][0]["hops"][0]["ties"])
    for (const auto& e : tie["evidence"])
      if (first_trigger.empty() && !e["trigger"].get<std::string>().empty()) first_trigger = e["trigger"];
  if (!first_trigger.empty()) {
    EXPECT_NE(text.out.find("[" + first_trigger + "]"), std::string::npos) << text.out;
  }
}

TEST_F(CliGraphTest, PathTypeFilterAndNoPath) {
  // Only family ties: the brothers are one hop apart...
  json family =
      RunJson({"path", Case(), "Youssef al-Marzouqi", "Tariq al-Marzouqi", "--type", "family", "--json"});
  ASSERT_EQ(family["paths"].size(), 1u) << family.dump(2);
  ASSERT_EQ(family["paths"][0]["hops"].size(), 1u);
  for (const auto& tie : family["paths"][0]["hops"][0]["ties"]) EXPECT_EQ(tie["type"], "family");
  // ...and no family chain joins the deputy minister to them: an answer, not an error.
  CommandResult none =
      RunLeakgraph({"path", Case(), "Adnan al-Shaheri", "Tariq al-Marzouqi", "--type", "family"});
  EXPECT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(none.out.rfind("No path: ", 0), 0u) << none.out;
  json none_json =
      RunJson({"path", Case(), "Adnan al-Shaheri", "Tariq al-Marzouqi", "-t", "family", "--json"});
  EXPECT_TRUE(none_json["paths"].empty());
  EXPECT_FALSE(none_json["no_path"].get<std::string>().empty());
}

TEST_F(CliGraphTest, TopListsTheMostConnectedPersonFirst) {
  json top = RunJson({"top", Case(), "--type", "PERSON", "-n", "5", "--json"});
  ASSERT_FALSE(top["entities"].empty()) << top;
  EXPECT_EQ(top["measure"], "degree");
  EXPECT_LE(top["entities"].size(), 5u);
  // The degree `top` reports is the number of people and organisations the
  // typed ties of `leakgraph ties` join the person to.
  json ties = RunJson({"ties", Case(), "--json", "-e", "0"});
  std::map<std::string, std::set<std::int64_t>> neighbours;  // person name -> tied entity ids
  for (const auto& t : ties["ties"]) {
    std::int64_t s = t["source"]["id"], d = t["target"]["id"];
    if (s == d) continue;
    if (t["source"]["type"] == "PERSON") neighbours[t["source"]["name"]].insert(d);
    if (t["target"]["type"] == "PERSON") neighbours[t["target"]["name"]].insert(s);
  }
  std::size_t most = 0;
  for (const auto& [name, n] : neighbours) most = std::max(most, n.size());
  const json& first = top["entities"][0];
  EXPECT_EQ(first["type"], "PERSON");
  EXPECT_EQ(first["degree"].get<std::size_t>(), most) << top.dump(2);
  EXPECT_EQ(neighbours[first["name"]].size(), most);
  EXPECT_GE(most, 3u);  // the story's hubs have several ties
  std::size_t previous = most;
  for (const auto& e : top["entities"]) {
    EXPECT_LE(e["degree"].get<std::size_t>(), previous);
    previous = e["degree"];
    EXPECT_TRUE(e.contains("community"));
    EXPECT_GT(e["pagerank"].get<double>(), 0.0);
  }

  json between = RunJson({"top", Case(), "--measure", "betweenness", "--json"});
  ASSERT_FALSE(between["entities"].empty());
  EXPECT_TRUE(between["entities"][0].contains("betweenness"));
  CommandResult text = RunLeakgraph({"top", Case(), "-n", "3"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("community"), std::string::npos);
}

TEST_F(CliGraphTest, BadInputIsAClearError) {
  CommandResult unknown = RunLeakgraph({"path", Case(), "Adnan al-Shaheri", "Nobody Atall"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("Nobody Atall"), std::string::npos) << unknown.err;
  CommandResult same = RunLeakgraph({"path", Case(), "Adnan al-Shaheri", "Adnan al-Shaheri"});
  EXPECT_EQ(same.exit_code, 2);
  EXPECT_NE(same.err.find("same entity"), std::string::npos) << same.err;
  CommandResult type =
      RunLeakgraph({"path", Case(), "Adnan al-Shaheri", "Tariq al-Marzouqi", "--type", "knows"});
  EXPECT_EQ(type.exit_code, 2);
  EXPECT_NE(type.err.find("unknown tie type 'knows'"), std::string::npos) << type.err;
  CommandResult measure = RunLeakgraph({"top", Case(), "--measure", "closeness"});
  EXPECT_EQ(measure.exit_code, 2);
  EXPECT_NE(measure.err.find("unknown measure 'closeness'"), std::string::npos) << measure.err;
  CommandResult folder = RunLeakgraph({"top", (*tmp_ / "missing").string()});
  EXPECT_EQ(folder.exit_code, 2);
  EXPECT_FALSE(folder.err.empty());
}

}  // namespace
}  // namespace leakgraph::testing
