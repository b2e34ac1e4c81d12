// The resolve stage over a whole case: reads the PERSON/ORG/LOCATION
// mentions and the decisions journal from the store, clusters them
// (resolver.h) and replaces the entities tables. Run at the end of ingest and
// of `leakgraph analyse`, by `leakgraph resolve`, and after every analyst
// decision. Never writes the journal.
#pragma once

#include <cstddef>
#include <string>

#include "leakgraph/status.h"
#include "resolve/resolver.h"
#include "store/investigation.h"
#include "store/store.h"

namespace leakgraph::resolve {

struct ResolveCaseReport {
  std::size_t mentions = 0;
  std::size_t entities = 0;
  std::size_t decisions_applied = 0;
  std::size_t decisions_skipped = 0;
  bool transliteration = false;  // false when the model could not be loaded
  double seconds = 0;
};

// Resolves the case of `store` and replaces its entities, in one transaction.
[[nodiscard]] Result<ResolveCaseReport> ResolveStore(store::Store& store, const ResolverOptions& options);

// Opens the case's store, loads the installed transliteration model (none if
// missing) and calls ResolveStore.
[[nodiscard]] Result<ResolveCaseReport> ResolveInvestigation(const store::Investigation& investigation);

}  // namespace leakgraph::resolve
