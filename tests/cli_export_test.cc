// Drives `leakgraph export` as a user would, on the sample archive: every
// format read back (JSON lines, GEXF and GraphML with pugixml, the CSVs with
// an RFC 4180 reader, FtM against the schema rules), every tie of `leakgraph
// ties` with its evidence, the gold ties of examples/sample-gold/ties.tsv found
// in the export, a hostile document, and the usage errors.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "export/ftm_schema_rules.h"
#include "test_support.h"

namespace leakgraph::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// RFC 4180 records (CRLF ends, quoted fields with doubled quotes and line breaks).
std::vector<std::map<std::string, std::string>> ReadCsv(const fs::path& path) {
  const std::string text = ReadFile(path);
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << path;
  EXPECT_TRUE(rows.back().empty()) << path << ": last record without CRLF";
  rows.pop_back();
  std::vector<std::map<std::string, std::string>> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    EXPECT_EQ(rows[r].size(), rows[0].size()) << path << " row " << r;
    std::map<std::string, std::string> m;
    for (std::size_t c = 0; c < rows[r].size() && c < rows[0].size(); ++c) m[rows[0][c]] = rows[r][c];
    out.push_back(std::move(m));
  }
  return out;
}

std::string Collapse(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// A csv cell as the text was: the export puts a ' before text a spreadsheet would run as a formula.
std::string Undefused(const std::string& cell) {
  if (cell.size() >= 2 && cell[0] == '\'' && std::string("=+-@\t\r").find(cell[1]) != std::string::npos) {
    return cell.substr(1);
  }
  return cell;
}

class CliExportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    case_ = (dir_->path() / "case").string();
    CommandResult ingest =
        RunLeakgraph({"ingest", "-q", case_, (SourceDir() / "examples" / "sample-archive").string()});
    ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
    CommandResult ties = RunLeakgraph({"ties", case_, "--json"});
    ASSERT_EQ(ties.exit_code, 0) << ties.err;
    const json parsed = json::parse(ties.out, nullptr, false);
    ASSERT_TRUE(parsed.contains("ties")) << ties.out.substr(0, 400);
    tie_count_ = parsed["ties"].size();
    if (tie_count_ > 0) first_type_ = parsed["ties"][0]["type"];
    CommandResult entities = RunLeakgraph({"entities", case_, "--json"});
    ASSERT_EQ(entities.exit_code, 0) << entities.err;
    entity_count_ = json::parse(entities.out)["entities"].size();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (tie_count_ == 0) GTEST_SKIP() << "the sample archive gave no ties";
  }

  static TempDir* dir_;
  static std::string case_;
  static std::size_t tie_count_;
  static std::size_t entity_count_;
  static std::string first_type_;  // the type of the heaviest tie
};
TempDir* CliExportTest::dir_ = nullptr;
std::string CliExportTest::case_;
std::size_t CliExportTest::tie_count_ = 0;
std::size_t CliExportTest::entity_count_ = 0;
std::string CliExportTest::first_type_;

TEST_F(CliExportTest, FtmLinesAreEntitiesWithResolvedReferencesAndProof) {
  CommandResult r = RunLeakgraph({"export", case_, "--format", "ftm"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, json> by_id;
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line)) {
    json e = json::parse(line, nullptr, false);
    ASSERT_TRUE(e.is_object()) << line;
    ASSERT_TRUE(by_id.emplace(e["id"].get<std::string>(), e).second) << "duplicate " << e["id"];
  }
  const std::set<std::string> ties = {"Membership", "Directorship", "Associate", "Family", "Payment", "UnknownLink"};
  const std::set<std::string> refs = {"member",   "organization", "director", "person", "associate", "relative",
                                      "payer",    "beneficiary",  "subject",  "object", "proof"};
  std::size_t tie_entities = 0, people = 0;
  for (const auto& [id, e] : by_id) {
    const std::string schema = e["schema"];
    people += schema == "Person";
    for (const auto& [prop, values] : e["properties"].items()) {
      for (const auto& v : values) {
        ASSERT_TRUE(v.is_string()) << id << " " << prop;
        if (refs.count(prop)) {
          EXPECT_TRUE(by_id.count(v.get<std::string>())) << id << " " << prop << " -> " << v;
        }
      }
    }
    if (!ties.count(schema)) continue;
    ++tie_entities;
    ASSERT_TRUE(e["properties"].contains("proof")) << id;
    ASSERT_TRUE(e["properties"].contains("summary")) << id;
    for (const auto& doc : e["properties"]["proof"]) EXPECT_EQ(by_id[doc.get<std::string>()]["schema"], "Document");
  }
  EXPECT_GE(tie_entities, tie_count_);  // a paid tie can be several payments
  const auto violations = exports::ftm_rules::Violations(r.out);
  for (const auto& v : violations) ADD_FAILURE() << v;
  EXPECT_GT(people, 5u);
  EXPECT_NE(r.err.find("exported"), std::string::npos);
}

TEST_F(CliExportTest, GexfAndGraphmlReadBackWithEveryTieAndItsEvidence) {
  for (const std::string format : {"gexf", "graphml"}) {
    const fs::path out = dir_->path() / ("graph." + format);
    CommandResult r = RunLeakgraph({"export", case_, "--format", format, "--output", out.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_file(out.c_str())) << format;
    pugi::xml_node graph = format == "gexf" ? doc.child("gexf").child("graph") : doc.child("graphml").child("graph");
    pugi::xml_node nodes = format == "gexf" ? graph.child("nodes") : graph;
    pugi::xml_node edges = format == "gexf" ? graph.child("edges") : graph;
    std::set<std::string> node_ids;
    for (auto n : nodes.children("node")) node_ids.insert(n.attribute("id").value());
    EXPECT_EQ(node_ids.size(), entity_count_) << format;
    std::size_t count = 0;
    for (auto e : edges.children("edge")) {
      ++count;
      EXPECT_TRUE(node_ids.count(e.attribute("source").value())) << format;
      EXPECT_TRUE(node_ids.count(e.attribute("target").value())) << format;
      std::map<std::string, std::string> values;
      if (format == "gexf") {
        for (auto v : e.child("attvalues").children("attvalue")) values[v.attribute("for").value()] = v.attribute("value").value();
      } else {
        for (auto d : e.children("data")) values[d.attribute("key").value()] = d.text().get();
        values["evidence"] = values["e_evidence"];
        values["document"] = values["e_document"];
      }
      EXPECT_FALSE(values["evidence"].empty()) << format << " " << e.attribute("id").value();
      EXPECT_FALSE(values["document"].empty()) << format << " " << e.attribute("id").value();
    }
    EXPECT_EQ(count, tie_count_) << format;
  }
}

TEST_F(CliExportTest, CsvTablesHoldEveryTieOfTheStoreWithItsEvidence) {
  const fs::path out = dir_->path() / "tables";
  CommandResult r = RunLeakgraph({"export", case_, "--format", "csv", "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto entities = ReadCsv(out / "entities.csv");
  const auto ties = ReadCsv(out / "ties.csv");
  const auto evidence = ReadCsv(out / "evidence.csv");
  EXPECT_EQ(entities.size(), entity_count_);
  EXPECT_EQ(ties.size(), tie_count_);
  std::map<std::string, const std::map<std::string, std::string>*> tie_by_id;
  for (const auto& t : ties) tie_by_id[t.at("tie_id")] = &t;
  // (type, source name, target name, directed, path, begin, sentence) of every evidence span.
  using Span = std::tuple<std::string, std::string, std::string, std::string, std::string, std::string, std::string>;
  std::set<Span> exported;
  std::set<std::pair<std::string, std::string>> stated;  // (type, sentence)
  for (const auto& ev : evidence) {
    ASSERT_TRUE(tie_by_id.count(ev.at("tie_id"))) << ev.at("tie_id");
    const auto& t = *tie_by_id[ev.at("tie_id")];
    exported.insert({t.at("type"), Undefused(t.at("source_name")), Undefused(t.at("target_name")), t.at("directed"),
                     Undefused(ev.at("path")), ev.at("begin"), Undefused(ev.at("text"))});
    stated.insert({t.at("type"), Collapse(ev.at("text"))});
  }
  std::set<std::string> with_evidence;
  for (const auto& ev : evidence) with_evidence.insert(ev.at("tie_id"));
  EXPECT_EQ(with_evidence.size(), ties.size());  // every tie has an evidence row

  // The same spans as `leakgraph ties` shows with as many evidence sentences.
  CommandResult shown = RunLeakgraph({"ties", case_, "--json", "--evidence", "10"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  std::set<Span> listed;
  const json shown_ties = json::parse(shown.out);
  for (const auto& t : shown_ties["ties"]) {
    for (const auto& ev : t["evidence"]) {
      listed.insert({t["type"], t["source"]["name"], t["target"]["name"], t["directed"] ? "true" : "false",
                     ev["path"], std::to_string(ev["begin"].get<long long>()), ev["text"]});
    }
  }
  EXPECT_EQ(exported, listed);

  // The gold ties of the sample archive the export states with their sentence and type.
  std::ifstream gold(SourceDir() / "examples" / "sample-gold" / "ties.tsv");
  std::string line;
  std::getline(gold, line);
  std::size_t total = 0, found = 0;
  while (std::getline(gold, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
    if (cols.size() < 5) continue;
    ++total;
    found += stated.count({cols[2], Collapse(cols[4])});
  }
  ASSERT_GT(total, 30u);
  std::printf("gold ties exported with their sentence and type: %zu of %zu\n", found, total);
  EXPECT_GT(found, 0u);
  // Arabic and Persian names come through as UTF-8.
  bool arabic = false;
  for (const auto& e : entities) arabic = arabic || e.at("aliases").find("\xD8") != std::string::npos;
  EXPECT_TRUE(arabic);
}

TEST_F(CliExportTest, Neo4jFolderHasTheImportFilesAndCommand) {
  const fs::path out = dir_->path() / "neo4j";
  CommandResult r = RunLeakgraph({"export", case_, "--format", "neo4j", "--output", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto nodes = ReadCsv(out / "nodes.csv");
  const auto rels = ReadCsv(out / "relationships.csv");
  EXPECT_EQ(nodes.size(), entity_count_);
  ASSERT_EQ(rels.size(), tie_count_);
  std::set<std::string> ids;
  for (const auto& n : nodes) ids.insert(n.at("entityId:ID"));
  for (const auto& rel : rels) {
    EXPECT_TRUE(ids.count(rel.at(":START_ID")) && ids.count(rel.at(":END_ID")));
    const std::string type = rel.at(":TYPE");
    EXPECT_FALSE(type.empty());
    for (char c : type) EXPECT_TRUE((c >= 'A' && c <= 'Z') || c == '_') << type;
    EXPECT_FALSE(rel.at("evidence").empty());
  }
  EXPECT_NE(ReadFile(out / "README.txt").find("neo4j-admin database import full"), std::string::npos);
}

TEST_F(CliExportTest, TypeFilterAndCoMentionFlag) {
  const fs::path one_type = dir_->path() / "one-type";
  CommandResult r =
      RunLeakgraph({"export", case_, "--format", "csv", "--type", first_type_, "-o", one_type.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto ties = ReadCsv(one_type / "ties.csv");
  for (const auto& t : ties) EXPECT_EQ(t.at("type"), first_type_);
  EXPECT_GT(ties.size(), 0u);
  EXPECT_LT(ties.size(), tie_count_);

  const fs::path all = dir_->path() / "co";
  r = RunLeakgraph({"export", case_, "--format", "csv", "--co-mention", "-o", all.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::size_t co = 0;
  const auto with_co = ReadCsv(all / "ties.csv");
  for (const auto& t : with_co) co += t.at("type") == "co_mention";
  EXPECT_GT(co, 0u);
  EXPECT_EQ(with_co.size(), tie_count_ + co);
}

TEST_F(CliExportTest, UsageErrorsNameTheProblem) {
  CommandResult r = RunLeakgraph({"export", case_, "--format", "csv"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--output"), std::string::npos) << r.err;

  r = RunLeakgraph({"export", (dir_->path() / "no-such-case").string(), "--format", "ftm"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no-such-case"), std::string::npos) << r.err;

  r = RunLeakgraph({"export", case_, "--format", "gexf", "--output", dir_->path().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("folder"), std::string::npos) << r.err;

  r = RunLeakgraph({"export", case_, "--format", "pdf"});
  EXPECT_NE(r.exit_code, 0);
  r = RunLeakgraph({"export", case_, "--format", "ftm", "--type", "likes"});
  EXPECT_NE(r.exit_code, 0);
}

}  // namespace
}  // namespace leakgraph::testing

namespace leakgraph::testing {
namespace {

// A document whose name and text an attacker wrote: every format still parses,
// and the markup in it is data.
TEST(CliExportHostileTest, HostileFileNameAndTextStayData) {
  TempDir tmp;
  const fs::path in = tmp / "in";
  fs::create_directories(in);
  const std::string name = "<evil> \"a\",b.txt";
  WriteFile(in / name,
            "Report <script>alert(1)</script> \"quoted\", comma\x07\x01.\n\n"
            "General Kourosh Tavanaei met with Adnan al-Shaheri in Dubai on 12 March 2019.\n"
            "\xE2\x80\xAE Youssef al-Marzouqi paid $45,000 to Al-Noor Exchange on 8 July 2019.\n");
  const std::string c = (tmp / "case").string();
  CommandResult ingest = RunLeakgraph({"ingest", "-q", c, in.string()});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;

  for (const std::string format : {"gexf", "graphml"}) {
    CommandResult r = RunLeakgraph({"export", c, "--format", format});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(r.out.c_str())) << format;
    EXPECT_EQ(r.out.find("<evil>"), std::string::npos) << format;
    EXPECT_EQ(r.out.find("<script>"), std::string::npos) << format;
    EXPECT_EQ(r.out.find('\x07'), std::string::npos) << format;
    // The document path of an edge's evidence is there, escaped.
    if (r.out.find("<edge ") != std::string::npos) {
      EXPECT_NE(r.out.find("&lt;evil"), std::string::npos) << format;
    }
  }
  CommandResult ftm = RunLeakgraph({"export", c, "--format", "ftm"});
  ASSERT_EQ(ftm.exit_code, 0) << ftm.err;
  for (const auto& v : exports::ftm_rules::Violations(ftm.out)) ADD_FAILURE() << v;
  const fs::path tables = tmp / "tables";
  CommandResult csv = RunLeakgraph({"export", c, "--format", "csv", "-o", tables.string()});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  for (const auto& ev : ReadCsv(tables / "evidence.csv")) {
    EXPECT_EQ(fs::path(ev.at("path")).filename().string(), name);
  }
}

}  // namespace
}  // namespace leakgraph::testing
