// The resolve stage's bounded-memory mode (`leakgraph resolve --mode
// by-document`, chosen automatically for large cases; resolve_by_document.h):
// the sample archive's people still resolve across scripts with high
// precision, every mention is linked, the analyst's decisions still apply,
// and the scratch file is gone afterwards.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "entity_json.h"
#include "test_support.h"

namespace leakgraph::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::size_t TotalMentions(const json& entities) {
  std::size_t n = 0;
  for (const auto& e : entities["entities"]) n += e["mentions"].get<std::size_t>();
  return n;
}

TEST(CliResolveByDocumentTest, SampleArchiveResolvesAcrossScriptsWithBoundedMemoryMode) {
  TempDir tmp;
  fs::path c = tmp / "case";
  CommandResult ingest =
      RunLeakgraph({"ingest", "-q", c.string(), (SourceDir() / "examples" / "sample-archive").string()});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  const fs::path gold = SourceDir() / "examples" / "sample-gold" / "entities.tsv";
  json in_memory = RunJson({"eval", "resolve", c.string(), "--gold", gold.string(), "--json"});
  const std::size_t linked_in_memory = TotalMentions(RunJson({"entities", c.string(), "--json"}));

  CommandResult resolve = RunLeakgraph({"resolve", c.string(), "--mode", "by-document"});
  ASSERT_EQ(resolve.exit_code, 0) << resolve.err;
  EXPECT_NE(resolve.out.find("document by document"), std::string::npos) << resolve.out;
  for (const auto& f : fs::directory_iterator(c))
    EXPECT_EQ(f.path().filename().string().find("scratch"), std::string::npos) << f.path();

  json eval = RunJson({"eval", "resolve", c.string(), "--gold", gold.string(), "--json"});
  EXPECT_GE(eval["precision"].get<double>(), 0.95) << eval.dump(2);
  // Only the case-wide "short-form-context" rule is lost: recall stays close.
  EXPECT_GE(eval["recall"].get<double>(), in_memory["recall"].get<double>() - 0.1) << eval.dump(2);
  json people = RunJson({"entities", c.string(), "--type", "PERSON", "--json"});
  std::set<std::string> kourosh = AliasesWith(people, "Kourosh Tavanaei");
  std::set<std::string> found;  // every person alias the NER found
  for (const auto& e : people["entities"])
    for (const auto& [script, names] : e["aliases"].items())
      for (const auto& n : names) found.insert(n.get<std::string>());
  int variants_found = 0;
  for (const char* variant : {"Kurosh Tavanai", "Koroush Tavanayi", "كوروش توانائي", "کوروش توانایی"}) {
    if (!found.count(variant)) continue;
    ++variants_found;
    EXPECT_TRUE(kourosh.count(variant)) << variant;
  }
  EXPECT_GE(variants_found, 2) << "the NER found too few of the sample's spellings to test anything";
  EXPECT_FALSE(kourosh.count("Arash Tavanaei"));
  // Every mention the in-memory mode linked is linked here too, each with a reason.
  EXPECT_EQ(TotalMentions(RunJson({"entities", c.string(), "--json"})), linked_in_memory);
  json shown = RunJson({"entity", c.string(), "Kourosh Tavanaei", "--json"});
  ASSERT_FALSE(shown["mentions"].empty());
  for (const auto& a : shown["aliases"]) EXPECT_FALSE(a["reason"].get<std::string>().empty()) << a.dump();
  std::set<std::string> reasons;
  for (const auto& m : shown["mentions"]) reasons.insert(m["reason"].get<std::string>());
  EXPECT_TRUE(reasons.count("transliteration")) << shown["mentions"].dump();
}

TEST(CliResolveByDocumentTest, DecisionsApplyInBoundedMemoryMode) {
  TempDir tmp;
  fs::create_directories(tmp / "in");
  WriteFile(tmp / "in" / "a.txt",
            "Eleanor Voss met Omar Fakhoury in Dubai on Monday. Fakhoury said Omar would return.\n");
  WriteFile(tmp / "in" / "b.txt", "Omar Fakhoury flew from Istanbul to Dubai. Eleanor Voss stayed.\n");
  const std::string c = (tmp / "case").string();
  ASSERT_EQ(RunLeakgraph({"ingest", "-q", c, (tmp / "in").string()}).exit_code, 0);
  ASSERT_EQ(RunLeakgraph({"merge", c, "Dubai", "Istanbul"}).exit_code, 0);
  ASSERT_EQ(RunLeakgraph({"rename", c, "Omar Fakhoury", "Omar al-Fakhoury"}).exit_code, 0);
  const std::size_t omar_in_memory = RunJson({"entity", c, "Omar al-Fakhoury", "--json"})["mentions"].size();
  ASSERT_GE(omar_in_memory, 3u);
  ASSERT_EQ(RunLeakgraph({"reject", c, "Dubai"}).exit_code, 0);

  CommandResult resolve = RunLeakgraph({"resolve", c, "--mode", "by-document"});
  ASSERT_EQ(resolve.exit_code, 0) << resolve.err;
  EXPECT_NE(resolve.out.find("3 decisions replayed"), std::string::npos) << resolve.out;
  json e = RunJson({"entities", c, "--json"});
  EXPECT_TRUE(AliasesWith(e, "Dubai").empty()) << "merged with Istanbul, then rejected";
  EXPECT_TRUE(AliasesWith(e, "Istanbul").empty()) << "merged with Dubai, then rejected";
  std::set<std::string> omar = AliasesWith(e, "Omar Fakhoury");
  EXPECT_TRUE(omar.count("Omar")) << "the short form of document a";
  json omar_entity = RunJson({"entity", c, "Omar al-Fakhoury", "--json"});
  EXPECT_EQ(omar_entity["name"], "Omar al-Fakhoury");
  EXPECT_EQ(omar_entity["created_by"], "analyst");
  EXPECT_EQ(omar_entity["mentions"].size(), omar_in_memory) << omar_entity["mentions"].dump();

  CommandResult bad = RunLeakgraph({"resolve", c, "--mode", "sideways"});
  EXPECT_NE(bad.exit_code, 0);
}

}  // namespace
}  // namespace leakgraph::testing
