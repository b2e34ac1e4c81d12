// The resolve stage for cases too large to hold every mention in memory.
//
// ResolveEntities (resolver.h) keeps every mention of the case in memory with
// its normalised forms: about a kilobyte each, so 1.3 GB for a million
// mentions, and a million documents carry some twenty million. This mode gives
// the same rules a bounded working set:
//
//  1. Documents are read one at a time (mentions in text order) and the
//     resolver runs on each alone: repeated names, short forms, acronyms,
//     contained names and cross-script names within one document. Each
//     cluster of a document becomes a "representative": (type, its display
//     name, the roles it was given). Per mention, only 17 bytes (mention id,
//     representative, reason, score) go to a scratch file beside the store.
//  2. The resolver runs once more over the distinct representatives, each as
//     a one-mention document, with the analyst's decisions: equal name keys,
//     the alias table, transliteration, short forms across the case (the one
//     carrier; the role group) and the guards. Memory grows with the number
//     of distinct names, not of mentions.
//  3. The entities are written, then the scratch file is read back to link
//     every mention to its entity, in the same transaction.
//
// What differs from the in-memory mode: case-wide rules see names, not
// documents, so "short-form-context" (the carrier already named in the same
// document) applies only within a document, and a decision to split off an
// alias that was a short form inside a document's cluster does not apply.
// A mention keeps the reason of its document-level join (short-form,
// acronym, ...) and otherwise takes the reason of its representative's join.
#pragma once

#include <cstddef>

#include "leakgraph/status.h"
#include "resolve/resolve_case.h"
#include "resolve/resolver.h"
#include "store/store.h"

namespace leakgraph::resolve {

// Resolves the case of `store` document by document as above and replaces
// its entities in one transaction. The scratch file (the store's path +
// "-resolve-scratch-" + a unique suffix) is removed on every return.
[[nodiscard]] Result<ResolveCaseReport> ResolveStoreByDocument(store::Store& store,
                                                               const ResolverOptions& options);

}  // namespace leakgraph::resolve
