// Keeps the derived index in step with the store: every document whose
// `indexed` flag is 0 is (re)built from the store and replaced in the index;
// the flag is set only after the index commit, so a crash in between just
// means the work is done again.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "index/index.h"
#include "store/store.h"

namespace leakgraph::ingest {

// The entity mentions among `mentions`, as the index builder takes them.
// Ingest and reindex both go through it, so they index the same terms.
std::vector<index::IndexableMention> IndexableMentions(const std::vector<store::Mention>& mentions);

// Builds the index document of a stored document, paths and mentions included.
Xapian::Document BuildIndexDocument(index::IndexDocumentBuilder& builder,
                                    const store::DocumentRecord& doc,
                                    const std::vector<store::Mention>& mentions);

// Indexes every document the store marks unindexed. `on_document` (may be
// empty) is called after each. Returns the number indexed.
Result<std::uint64_t> CatchUpIndex(store::Store& store, index::IndexWriter& writer,
                                   const std::function<void()>& on_document = {});

}  // namespace leakgraph::ingest
