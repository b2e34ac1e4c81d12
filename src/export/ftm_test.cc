#include "export/ftm.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <string>

#include "export/ftm_schema_rules.h"
#include "export/test_snapshots.h"

namespace leakgraph::exports {
namespace {

using ftm_rules::IsA;
using ftm_rules::Violations;

std::string Ftm(const GraphSnapshot& s) {
  std::ostringstream out;
  EXPECT_TRUE(WriteFtm(s, out).ok());
  return out.str();
}

std::map<std::string, nlohmann::json> ById(const std::string& lines) {
  std::map<std::string, nlohmann::json> out;
  std::istringstream in(lines);
  std::string line;
  while (std::getline(in, line)) {
    auto e = nlohmann::json::parse(line);
    out[e["id"]] = e;
  }
  return out;
}

std::vector<nlohmann::json> OfSchema(const std::map<std::string, nlohmann::json>& all, const std::string& schema) {
  std::vector<nlohmann::json> out;
  for (const auto& [id, e] : all) {
    if (e["schema"] == schema) out.push_back(e);
  }
  return out;
}

TEST(FtmExportTest, SampleFollowsTheSchemaRules) {
  auto s = testing::SampleSnapshot();
  PrepareSnapshot(s);
  const std::string out = Ftm(s);
  const auto errors = Violations(out);
  for (const auto& e : errors) ADD_FAILURE() << e;
  EXPECT_TRUE(errors.empty());
}

TEST(FtmExportTest, TheRuleCheckCatchesBrokenEntities) {
  // The validator itself must fail on what the rules forbid.
  EXPECT_FALSE(Violations(R"({"id":"a","schema":"Person","properties":{"name":["x"],"role":["y"]}})").empty());
  EXPECT_FALSE(Violations(R"({"id":"a","schema":"Membership","properties":{"member":["nobody"]}})").empty());
  EXPECT_FALSE(Violations(R"({"id":"p","schema":"Person","properties":{"name":["x"]}}
{"id":"a","schema":"Family","properties":{"person":["p"],"relative":["p"],"date":["July 2019"]}})")
                   .empty());
  EXPECT_FALSE(Violations(R"({"id":"o","schema":"Organization","properties":{"name":["x"]}}
{"id":"a","schema":"Associate","properties":{"person":["o"],"associate":["o"]}})")
                   .empty());
  EXPECT_FALSE(Violations(R"({"id":"a","schema":"Person","properties":{"name":[12]}})").empty());
  EXPECT_FALSE(Violations(R"({"id":"a","schema":"LegalEntityX","properties":{"name":["x"]}})").empty());
  EXPECT_TRUE(Violations(R"({"id":"a","schema":"Person","properties":{"name":["x"],"alias":["y"]}})").empty());
}

TEST(FtmExportTest, MapsEachTieTypeToItsSchema) {
  auto s = testing::SampleSnapshot();
  PrepareSnapshot(s);
  const auto all = ById(Ftm(s));
  ASSERT_EQ(OfSchema(all, "Person").size(), 4u);
  ASSERT_EQ(OfSchema(all, "Organization").size(), 3u);
  ASSERT_EQ(OfSchema(all, "Address").size(), 1u);
  ASSERT_EQ(OfSchema(all, "Document").size(), 3u);

  const auto membership = OfSchema(all, "Membership");
  ASSERT_EQ(membership.size(), 1u);
  EXPECT_EQ(membership[0]["properties"]["member"][0], "lg-entity-5");
  EXPECT_EQ(membership[0]["properties"]["organization"][0], "lg-entity-14");
  EXPECT_EQ(membership[0]["properties"]["role"][0], "partner");

  const auto directorship = OfSchema(all, "Directorship");
  ASSERT_EQ(directorship.size(), 1u);  // the leads tie to a place is not one
  EXPECT_EQ(directorship[0]["properties"]["director"][0], "lg-entity-1");
  EXPECT_EQ(directorship[0]["properties"]["organization"][0], "lg-entity-11");

  const auto family = OfSchema(all, "Family");
  ASSERT_EQ(family.size(), 1u);
  EXPECT_EQ(family[0]["properties"]["relationship"][0], "brother");
  ASSERT_EQ(OfSchema(all, "Associate").size(), 1u);

  std::multiset<std::string> roles;
  for (const auto& link : OfSchema(all, "UnknownLink")) roles.insert(link["properties"]["role"][0]);
  EXPECT_EQ(roles, (std::multiset<std::string>{"co_mention", "leads", "located_in", "met_with"}));

  const auto payments = OfSchema(all, "Payment");
  ASSERT_EQ(payments.size(), 2u);  // two amounts stated: two payments
  std::set<std::string> amounts;
  for (const auto& p : payments) {
    EXPECT_EQ(p["properties"]["payer"][0], "lg-entity-4");
    EXPECT_EQ(p["properties"]["beneficiary"][0], "lg-entity-14");
    amounts.insert(p["properties"]["amount"][0].get<std::string>() + " " +
                   p["properties"]["currency"][0].get<std::string>() + " " +
                   p["properties"]["date"][0].get<std::string>());
  }
  EXPECT_EQ(amounts, (std::set<std::string>{"45000 USD 2019-07-08", "250000 AED 2019-10"}));
}

TEST(FtmExportTest, EveryTieCarriesItsEvidenceAsProof) {
  auto s = testing::SampleSnapshot();
  PrepareSnapshot(s);
  const auto all = ById(Ftm(s));
  std::size_t intervals = 0;
  for (const auto& [id, e] : all) {
    if (!IsA(e["schema"], "Interval")) continue;
    ++intervals;
    const auto& props = e["properties"];
    ASSERT_TRUE(props.contains("proof")) << id;
    ASSERT_TRUE(props.contains("summary")) << id;
    ASSERT_TRUE(props.contains("description")) << id;
    for (const auto& doc : props["proof"]) EXPECT_EQ(all.at(doc.get<std::string>())["schema"], "Document");
    const std::string description = props["description"][0];
    EXPECT_NE(description.find(".txt ["), std::string::npos) << description;  // path [begin-end]: sentence
  }
  EXPECT_EQ(intervals, s.ties.size() + 1);  // the paid tie is two payments

  const auto leads = all.at(TieId(s.ties[1]));
  EXPECT_EQ(leads["properties"]["summary"][0],
            "General Kourosh Tavanaei heads the Directorate of External Security in Arzhan.");
  EXPECT_EQ(leads["properties"]["description"][0],
            "reports/source_profile_marzouqi_2019-06-30.txt [400-478]: General Kourosh Tavanaei heads the "
            "Directorate of External Security in Arzhan.");
  const auto doc = all.at(DocumentId(s.documents.at(3)));
  EXPECT_EQ(doc["properties"]["fileName"][0], "receipt_1398-07-24.txt");
  EXPECT_EQ(doc["properties"]["mimeType"][0], "text/plain");
  EXPECT_EQ(doc["properties"]["language"][0], "eng");
  EXPECT_EQ(doc["properties"]["date"][0], "2019-07-08");
}

TEST(FtmExportTest, IdsAreStableAndEntitiesKeepTheirAliases) {
  auto s = testing::SampleSnapshot();
  PrepareSnapshot(s);
  EXPECT_EQ(Ftm(s), Ftm(s));
  const auto all = ById(Ftm(s));
  const auto& shaheri = all.at("lg-entity-2")["properties"];
  EXPECT_EQ(shaheri["name"][0], "Adnan al-Shaheri");
  EXPECT_EQ(shaheri["alias"], (nlohmann::json{"عدنان الشاهري", "Shaheri"}));
  EXPECT_EQ(all.at("lg-entity-23")["properties"]["full"][0], "Tal Harir");
  EXPECT_EQ(TieId(s.ties[0]).rfind("lg-tie-", 0), 0u);
  EXPECT_EQ(TieId(s.ties[0]).size(), 7u + 16u);
}

TEST(FtmExportTest, HostileTextStaysValidJsonAndFollowsTheRules) {
  auto s = testing::HostileSnapshot();
  PrepareSnapshot(s);
  const std::string out = Ftm(s);
  const auto errors = Violations(out);
  for (const auto& e : errors) ADD_FAILURE() << e;
  const auto all = ById(out);
  EXPECT_EQ(all.at("lg-entity-1")["properties"]["name"][0],
            "<script>alert(\"x\")</script> & Co, \"Ltd\"\nline two");  // data, kept as is
  const std::string bad = all.at("lg-entity-2")["properties"]["alias"][0];
  EXPECT_EQ(bad, "bad \xEF\xBF\xBD( utf8 \xEF\xBF\xBD");  // invalid bytes became U+FFFD
  EXPECT_EQ(OfSchema(all, "Membership").size(), 1u);
  EXPECT_EQ(OfSchema(all, "UnknownLink").size(), 1u);
}

TEST(FtmExportTest, TiesWithoutEvidenceAreLeftOut) {
  auto s = testing::SampleSnapshot();
  s.ties[2].evidence.clear();
  s.ties[3].source.id = 999;  // an end that is not an entity
  EXPECT_EQ(PrepareSnapshot(s), 2u);
  EXPECT_EQ(s.dropped_ties, 2u);
  const auto all = ById(Ftm(s));
  EXPECT_TRUE(OfSchema(all, "Family").empty());
  EXPECT_TRUE(OfSchema(all, "Associate").empty());
}

}  // namespace
}  // namespace leakgraph::exports
