// The resolve stage over a whole case: reads the PERSON/ORG/LOCATION
// mentions and the decisions journal from the store, clusters them
// (resolver.h) and replaces the entities tables. Run at the end of ingest and
// of `leakgraph analyse`, by `leakgraph resolve`, and after every analyst
// decision. Never writes the journal.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "leakgraph/status.h"
#include "resolve/resolver.h"
#include "store/investigation.h"
#include "store/store.h"

namespace leakgraph::resolve {

// How the case is clustered: all mentions in memory (exact), document by
// document (resolve_by_document.h), or the first while the case has at most
// kMaxMentionsInMemory PERSON/ORG/LOCATION mentions and the second above.
enum class ResolveMode { kAuto, kInMemory, kByDocument };
inline constexpr std::size_t kMaxMentionsInMemory = 400000;  // ~0.5 GB of resolver state

struct ResolveCaseReport {
  bool by_document = false;  // which mode ran
  std::size_t mentions = 0;
  std::size_t entities = 0;
  std::size_t decisions_applied = 0;
  std::size_t decisions_skipped = 0;
  bool transliteration = false;  // false when the model could not be loaded
  double seconds = 0;
};

// Resolves the case of `store` and replaces its entities, in one transaction.
[[nodiscard]] Result<ResolveCaseReport> ResolveStore(store::Store& store, const ResolverOptions& options,
                                                     ResolveMode mode = ResolveMode::kAuto);

// Opens the case's store, loads the installed transliteration model (none if
// missing) and calls ResolveStore.
[[nodiscard]] Result<ResolveCaseReport> ResolveInvestigation(const store::Investigation& investigation,
                                                             ResolveMode mode = ResolveMode::kAuto);

// The resolver's view of a stored mention (its roles read from `extra`).
ResolverMention MentionForResolver(store::NameMentionRow&& row);

// The decisions journal of the case, in order, as the resolver replays it.
[[nodiscard]] Result<std::vector<AnalystDecision>> AnalystDecisions(store::Store& store);

}  // namespace leakgraph::resolve
