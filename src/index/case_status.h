// The state of an investigation at a glance: counts by format, language and
// mention type, failures, and whether the index is in step with the store.
// Shared by `leakgraph status` and GET /api/status.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "leakgraph/status.h"
#include "store/investigation.h"
#include "store/store.h"

namespace leakgraph::index {

struct CaseStatus {
  std::int64_t documents = 0;
  std::int64_t bytes = 0;
  std::vector<store::CountRow> by_type, by_language, mentions;
  std::vector<store::Failure> failures;
  std::int64_t unanalysed = 0;
  std::int64_t unindexed = 0;
  std::int64_t index_documents = -1;  // -1: the index cannot be opened
  bool index_consistent = false;
};

// Reads the counts from `store` and the index of `investigation`.
Result<CaseStatus> ReadCaseStatus(const store::Investigation& investigation, store::Store& store);

// The JSON of `leakgraph status --json` and GET /api/status.
nlohmann::json CaseStatusJson(const store::Investigation& investigation, const CaseStatus& status);

}  // namespace leakgraph::index
