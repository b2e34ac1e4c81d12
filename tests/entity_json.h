// Helpers for CLI tests that read entities as JSON (`leakgraph entities --json`).
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace leakgraph::testing {

// Runs a leakgraph command that must succeed and returns its JSON output
// (discarded, not thrown, when it is not JSON).
inline nlohmann::json RunJson(const std::vector<std::string>& args) {
  CommandResult r = RunLeakgraph(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out, nullptr, false);
}

// Every alias (any script) of the entity of `entities` that has `alias`, or empty.
inline std::set<std::string> AliasesWith(const nlohmann::json& entities, const std::string& alias) {
  for (const auto& e : entities["entities"]) {
    std::set<std::string> all;
    for (const auto& [script, names] : e["aliases"].items())
      for (const auto& n : names) all.insert(n.get<std::string>());
    if (all.count(alias)) return all;
  }
  return {};
}

}  // namespace leakgraph::testing
