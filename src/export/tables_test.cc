#include "export/tables.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "export/test_snapshots.h"
#include "test_support.h"

namespace leakgraph::exports {
namespace {

using Table = std::vector<std::vector<std::string>>;

// An RFC 4180 reader, independent of the writer: quoted fields may hold
// commas, doubled quotes and line breaks; records end with CRLF.
Table ParseCsv(const std::string& text) {
  Table rows;
  std::vector<std::string> row;
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
      EXPECT_TRUE(field.empty()) << "quote inside an unquoted field at byte " << i;
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      ++i;
    } else {
      EXPECT_TRUE(c != '\r' && c != '\n') << "bare line break outside quotes at byte " << i;
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  EXPECT_TRUE(row.empty() && field.empty()) << "last record without CRLF";
  return rows;
}

// Rows as maps by header; checks every row has the header's width.
std::vector<std::map<std::string, std::string>> Records(const std::string& text) {
  const Table t = ParseCsv(text);
  std::vector<std::map<std::string, std::string>> out;
  if (t.empty()) return out;
  for (std::size_t r = 1; r < t.size(); ++r) {
    EXPECT_EQ(t[r].size(), t[0].size()) << "row " << r;
    std::map<std::string, std::string> m;
    for (std::size_t c = 0; c < t[r].size() && c < t[0].size(); ++c) m[t[0][c]] = t[r][c];
    out.push_back(std::move(m));
  }
  return out;
}

TEST(CsvRecordTest, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(CsvRecord({"a", "b c", ""}), "a,b c,\r\n");
  EXPECT_EQ(CsvRecord({"a,b", "say \"hi\"", "x\ny", "r\r"}), "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\"r\r\"\r\n");
  EXPECT_EQ(CsvRecord({"نادية القراوي"}), "نادية القراوي\r\n");
  EXPECT_EQ(SpreadsheetSafe("=1+1"), "'=1+1");
  EXPECT_EQ(SpreadsheetSafe("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(SpreadsheetSafe("Al-Noor"), "Al-Noor");
}

TEST(CsvExportTest, WritesJoinableTablesWithEveryEvidenceSpan) {
  auto s = testing::SampleSnapshot();
  PrepareSnapshot(s);
  leakgraph::testing::TempDir dir;
  ASSERT_TRUE(WriteCsvTables(s, dir / "out").ok());
  const auto entities = Records(leakgraph::testing::ReadFile(dir / "out" / "entities.csv"));
  const auto ties = Records(leakgraph::testing::ReadFile(dir / "out" / "ties.csv"));
  const auto evidence = Records(leakgraph::testing::ReadFile(dir / "out" / "evidence.csv"));
  ASSERT_EQ(entities.size(), s.entities.size());
  ASSERT_EQ(ties.size(), s.ties.size());
  std::set<std::string> entity_ids, tie_ids;
  for (const auto& e : entities) entity_ids.insert(e.at("entity_id"));
  for (const auto& t : ties) {
    tie_ids.insert(t.at("tie_id"));
    EXPECT_TRUE(entity_ids.count(t.at("source_id")) && entity_ids.count(t.at("target_id")));
    EXPECT_FALSE(t.at("first_evidence").empty());
    EXPECT_FALSE(t.at("first_document").empty());
  }
  std::size_t spans = 0;
  for (const auto& tie : s.ties) spans += tie.evidence.size();
  ASSERT_EQ(evidence.size(), spans);
  std::map<std::string, std::size_t> per_tie;
  for (const auto& ev : evidence) {
    EXPECT_TRUE(tie_ids.count(ev.at("tie_id")));
    ++per_tie[ev.at("tie_id")];
  }
  EXPECT_EQ(per_tie.size(), ties.size());  // every tie has evidence
  EXPECT_EQ(evidence[0].at("amount"), "45000");
  EXPECT_EQ(evidence[0].at("currency"), "USD");
  EXPECT_EQ(evidence[0].at("begin"), "120");
  EXPECT_EQ(entities[0].at("aliases"), "كوروش توانائي");
}

TEST(CsvExportTest, HostileTextRoundTripsAndFormulasAreDefused) {
  auto s = testing::HostileSnapshot();
  PrepareSnapshot(s);
  leakgraph::testing::TempDir dir;
  ASSERT_TRUE(WriteCsvTables(s, dir.path()).ok());
  const auto entities = Records(leakgraph::testing::ReadFile(dir / "entities.csv"));
  ASSERT_EQ(entities.size(), 3u);
  EXPECT_EQ(entities[0].at("name"), "<script>alert(\"x\")</script> & Co, \"Ltd\"\nline two");
  EXPECT_EQ(entities[2].at("name"), "'=HYPERLINK(\"http://evil\",\"click\")");
  const auto evidence = Records(leakgraph::testing::ReadFile(dir / "evidence.csv"));
  ASSERT_EQ(evidence.size(), 2u);
  EXPECT_EQ(evidence[1].at("path"), "leak/<evil> \"name\",\n.txt");
  EXPECT_NE(evidence[1].at("text").find("\xE2\x80\xAE"), std::string::npos);  // RTL override kept as data
  EXPECT_EQ(evidence[0].at("text").find('\xFF'), std::string::npos);           // valid UTF-8 only
}

TEST(Neo4jExportTest, WritesAdminImportFilesAndTheCommand) {
  auto s = testing::SampleSnapshot();
  PrepareSnapshot(s);
  leakgraph::testing::TempDir dir;
  ASSERT_TRUE(WriteNeo4jTables(s, dir.path()).ok());
  const Table nodes = ParseCsv(leakgraph::testing::ReadFile(dir / "nodes.csv"));
  ASSERT_FALSE(nodes.empty());
  EXPECT_EQ(nodes[0], (std::vector<std::string>{"entityId:ID", "name", "type", "aliases:string[]", "mentions:long",
                                                ":LABEL"}));
  EXPECT_EQ(nodes.size(), s.entities.size() + 1);
  const auto rels = Records(leakgraph::testing::ReadFile(dir / "relationships.csv"));
  ASSERT_EQ(rels.size(), s.ties.size());
  std::set<std::string> node_ids;
  for (std::size_t i = 1; i < nodes.size(); ++i) node_ids.insert(nodes[i][0]);
  std::set<std::string> types;
  for (const auto& r : rels) {
    EXPECT_TRUE(node_ids.count(r.at(":START_ID")) && node_ids.count(r.at(":END_ID")));
    types.insert(r.at(":TYPE"));
    EXPECT_FALSE(r.at("evidence").empty());
    EXPECT_FALSE(r.at("document").empty());
  }
  EXPECT_TRUE(types.count("PAID") && types.count("MEMBER_OF") && types.count("CO_MENTION"));
  const auto shaheri = Records(leakgraph::testing::ReadFile(dir / "nodes.csv"))[1];
  EXPECT_EQ(shaheri.at("aliases:string[]"), "عدنان الشاهري;Shaheri");
  EXPECT_EQ(shaheri.at(":LABEL"), "Entity;Person");
  const std::string readme = leakgraph::testing::ReadFile(dir / "README.txt");
  EXPECT_NE(readme.find("neo4j-admin database import full --nodes=import/nodes.csv "
                        "--relationships=import/relationships.csv"),
            std::string::npos);
  EXPECT_EQ(Records(leakgraph::testing::ReadFile(dir / "evidence.csv")).size(), 10u);
}

TEST(Neo4jExportTest, HostileAliasesCannotSplitAnArray) {
  auto s = testing::HostileSnapshot();
  PrepareSnapshot(s);
  leakgraph::testing::TempDir dir;
  ASSERT_TRUE(WriteNeo4jTables(s, dir.path()).ok());
  const auto nodes = Records(leakgraph::testing::ReadFile(dir / "nodes.csv"));
  ASSERT_EQ(nodes.size(), 3u);
  EXPECT_EQ(nodes[0].at("aliases:string[]"), "\xE2\x80\xAE" "txt.exe عدنان;semi,colon");
  EXPECT_EQ(nodes[2].at("name"), "=HYPERLINK(\"http://evil\",\"click\")");  // a database, not a spreadsheet
}

TEST(TablesExportTest, RefusesAFileWhereAFolderIsNeeded) {
  auto s = testing::SampleSnapshot();
  leakgraph::testing::TempDir dir;
  leakgraph::testing::WriteFile(dir / "taken", "x");
  const Status st = WriteCsvTables(s, dir / "taken");
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("taken"), std::string::npos);
  EXPECT_FALSE(WriteNeo4jTables(s, dir / "taken").ok());
}

}  // namespace
}  // namespace leakgraph::exports
