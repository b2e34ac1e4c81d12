// Small shared pieces of the CLI: opening an investigation with a clear
// error, terminal detection, JSON output.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "store/investigation.h"
#include "store/store.h"

namespace leakgraph::cli {

// Opens the investigation at `dir`, printing the error and setting exit code 2
// on failure.
std::optional<store::Investigation> OpenInvestigationOrFail(const std::string& dir);

// Opens the store of the investigation at `dir`, printing the error and
// setting exit code 2 on failure.
std::optional<store::Store> OpenCaseStoreOrFail(const std::string& dir, bool read_only = false);

// When `key` is not empty, sets `id` to the entity it names (id, name or
// alias); prints the error and returns false if none does.
bool FindEntityOrFail(store::Store& store, const std::string& key, std::optional<std::int64_t>& id);

bool StdoutIsTerminal();
bool StderrIsTerminal();

// Prints `value` as pretty JSON on stdout.
void PrintJson(const nlohmann::json& value);

// "1.5 MB", "12 KB".
std::string HumanBytes(double bytes);

}  // namespace leakgraph::cli
