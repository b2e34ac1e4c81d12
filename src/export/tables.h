// Table exports of the entity graph, written into a folder:
//
// CSV (for spreadsheets, pandas, R): entities.csv, ties.csv, evidence.csv
// joined by entity_id / tie_id. A text cell that a spreadsheet would run as a
// formula (starting with = + - @, tab or carriage return) gets a leading '.
//
// Neo4j (for `neo4j-admin database import full`): nodes.csv, relationships.csv
// (:TYPE = the tie type upper-cased, the first evidence on the relationship),
// evidence.csv (every evidence span, by tieId, for LOAD CSV) and README.txt with
// the import command. Text is kept as is.
//
// Both follow RFC 4180 (CRLF line ends; a field with a comma, quote, CR or LF
// is quoted and its quotes doubled) and write valid UTF-8.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "export/snapshot.h"

namespace leakgraph::exports {

// One RFC 4180 record, CRLF included.
std::string CsvRecord(const std::vector<std::string>& fields);

// `cell` with a leading ' when a spreadsheet would read it as a formula.
std::string SpreadsheetSafe(std::string_view cell);

// Writes entities.csv, ties.csv and evidence.csv into `dir` (created if
// missing). Fails with kIoError naming the file that could not be written.
Status WriteCsvTables(const GraphSnapshot& snapshot, const std::filesystem::path& dir);

// Writes nodes.csv, relationships.csv, evidence.csv and README.txt into `dir`
// (created if missing). Fails with kIoError naming the file.
Status WriteNeo4jTables(const GraphSnapshot& snapshot, const std::filesystem::path& dir);

}  // namespace leakgraph::exports
