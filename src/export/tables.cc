#include "export/tables.h"

#include <cctype>
#include <cstdio>
#include <fstream>
#include <system_error>

namespace leakgraph::exports {
namespace {

namespace fs = std::filesystem;

using Rows = std::vector<std::vector<std::string>>;

Status WriteTable(const fs::path& path, const std::vector<std::string>& header, const Rows& rows) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return Status::IoError(path.string() + ": cannot create the file");
    f << CsvRecord(header);
    for (const auto& row : rows) f << CsvRecord(row);
    f.flush();
    if (!f) return Status::IoError(path.string() + ": cannot write the file");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Status::IoError(path.string() + ": " + ec.message());
  return Status::Ok();
}

Status MakeDir(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    return Status::InvalidInput(dir.string() + ": exists and is not a folder");
  }
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError(dir.string() + ": cannot create the folder: " + ec.message());
  return Status::Ok();
}

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string Confidence(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string EvidencePath(const GraphSnapshot& snapshot, const store::TieEvidence& ev) {
  if (!ev.path.empty()) return ev.path;
  const auto doc = snapshot.documents.find(ev.document_id);
  return doc == snapshot.documents.end() ? "" : doc->second.path;
}

// The evidence table shared by both formats; `cell` makes a text cell safe.
template <typename Cell>
Rows EvidenceRows(const GraphSnapshot& snapshot, Cell cell) {
  Rows rows;
  for (const auto& tie : snapshot.ties) {
    for (const auto& ev : tie.evidence) {
      rows.push_back({TieId(tie), std::to_string(ev.document_id), cell(EvidencePath(snapshot, ev)),
                      std::to_string(ev.begin), std::to_string(ev.end), cell(ev.text), cell(ev.trigger),
                      std::to_string(ev.trigger_begin), std::to_string(ev.trigger_end), Confidence(ev.confidence),
                      ev.amount ? Number(*ev.amount) : "", ev.amount ? ev.currency : "", ev.date});
    }
  }
  return rows;
}

const char* Label(const std::string& type) {
  if (type == "PERSON") return "Entity;Person";
  if (type == "ORG") return "Entity;Organization";
  if (type == "LOCATION") return "Entity;Location";
  return "Entity";
}

}  // namespace

std::string CsvRecord(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    const std::string field = ValidUtf8(fields[i]);
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
      out += field;
      continue;
    }
    out.push_back('"');
    for (char c : field) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out += "\r\n";
  return out;
}

std::string SpreadsheetSafe(std::string_view cell) {
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' ||
                        cell[0] == '\r')) {
    return "'" + std::string(cell);
  }
  return std::string(cell);
}

Status WriteCsvTables(const GraphSnapshot& snapshot, const fs::path& dir) {
  if (Status s = MakeDir(dir); !s.ok()) return s;
  const auto cell = [](std::string_view s) { return SpreadsheetSafe(s); };
  Rows entities;
  for (const auto& e : snapshot.entities) {
    std::string aliases;
    for (const auto& a : e.aliases) {
      if (a.alias == e.name) continue;
      if (!aliases.empty()) aliases += " | ";
      aliases += a.alias;
    }
    entities.push_back({EntityId(e.id), e.type, cell(e.name), cell(aliases), std::to_string(e.mention_count)});
  }
  if (Status s = WriteTable(dir / "entities.csv", {"entity_id", "type", "name", "aliases", "mentions"}, entities);
      !s.ok()) {
    return s;
  }
  Rows ties;
  for (const auto& tie : snapshot.ties) {
    const auto& first = tie.evidence.front();
    ties.push_back({TieId(tie), EntityId(tie.source.id), cell(tie.source.name), EntityId(tie.target.id),
                    cell(tie.target.name), tie.type, IsDirected(snapshot, tie) ? "true" : "false",
                    std::to_string(tie.weight), std::to_string(tie.documents), std::to_string(tie.evidence.size()),
                    cell(first.text), cell(EvidencePath(snapshot, first))});
  }
  if (Status s = WriteTable(dir / "ties.csv",
                            {"tie_id", "source_id", "source_name", "target_id", "target_name", "type", "directed",
                             "weight", "documents", "evidence_count", "first_evidence", "first_document"},
                            ties);
      !s.ok()) {
    return s;
  }
  return WriteTable(dir / "evidence.csv",
                    {"tie_id", "document_id", "path", "begin", "end", "text", "trigger", "trigger_begin",
                     "trigger_end", "confidence", "amount", "currency", "date"},
                    EvidenceRows(snapshot, cell));
}

Status WriteNeo4jTables(const GraphSnapshot& snapshot, const fs::path& dir) {
  if (Status s = MakeDir(dir); !s.ok()) return s;
  Rows nodes;
  for (const auto& e : snapshot.entities) {
    // string[] fields are split on ';': an alias keeps its other characters.
    std::string aliases;
    for (const auto& a : e.aliases) {
      if (a.alias == e.name) continue;
      std::string alias = a.alias;
      for (char& c : alias) {
        if (c == ';') c = ',';
      }
      if (!aliases.empty()) aliases += ';';
      aliases += alias;
    }
    nodes.push_back({EntityId(e.id), e.name, e.type, aliases, std::to_string(e.mention_count), Label(e.type)});
  }
  if (Status s = WriteTable(dir / "nodes.csv",
                            {"entityId:ID", "name", "type", "aliases:string[]", "mentions:long", ":LABEL"}, nodes);
      !s.ok()) {
    return s;
  }
  Rows relationships;
  for (const auto& tie : snapshot.ties) {
    const auto& first = tie.evidence.front();
    relationships.push_back({EntityId(tie.source.id), EntityId(tie.target.id), Upper(tie.type), TieId(tie),
                             std::to_string(tie.weight), std::to_string(tie.documents),
                             IsDirected(snapshot, tie) ? "true" : "false", first.text, EvidencePath(snapshot, first),
                             std::to_string(first.begin), std::to_string(first.end)});
  }
  if (Status s = WriteTable(dir / "relationships.csv",
                            {":START_ID", ":END_ID", ":TYPE", "tieId", "weight:int", "documents:int",
                             "directed:boolean", "evidence", "document", "begin:long", "end:long"},
                            relationships);
      !s.ok()) {
    return s;
  }
  if (Status s = WriteTable(dir / "evidence.csv",
                            {"tieId", "documentId", "path", "begin", "end", "text", "trigger", "triggerBegin",
                             "triggerEnd", "confidence", "amount", "currency", "date"},
                            EvidenceRows(snapshot, [](std::string_view s) { return std::string(s); }));
      !s.ok()) {
    return s;
  }
  const fs::path readme = dir / "README.txt";
  std::ofstream f(readme, std::ios::binary | std::ios::trunc);
  f << "leakgraph export for Neo4j (admin import)\n\n"
       "nodes.csv          one node per entity (labels Entity and Person, Organization or Location)\n"
       "relationships.csv  one relationship per tie, :TYPE the tie type, with its first evidence sentence\n"
       "evidence.csv       every evidence span of every tie, by tieId (for LOAD CSV; not imported below)\n\n"
       "Import into an empty database (Neo4j 5; stop the database first). Copy the files to the\n"
       "server's import folder, then run from the Neo4j home folder:\n\n"
       "  neo4j-admin database import full --nodes=import/nodes.csv "
       "--relationships=import/relationships.csv --multiline-fields=true neo4j\n\n"
       "(--multiline-fields because evidence sentences can span lines; Neo4j 4.x:\n"
       "  neo4j-admin import --nodes=import/nodes.csv --relationships=import/relationships.csv "
       "--multiline-fields=true)\n\n"
       "Then, in Cypher, every relationship's evidence:\n\n"
       "  LOAD CSV WITH HEADERS FROM 'file:///evidence.csv' AS row\n"
       "  MATCH ()-[r {tieId: row.tieId}]->() RETURN r, row.path, row.text;\n";
  f.flush();
  if (!f) return Status::IoError(readme.string() + ": cannot write the file");
  return Status::Ok();
}

}  // namespace leakgraph::exports
