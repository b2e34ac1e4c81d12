// Re-running the link stage alone over stored documents: their relations are
// rebuilt from the stored text and mentions, without entity recognition
// (after a linker update, or on a store from before the stage existed).
// Documents are committed in batches with their `linked` version, so a killed
// run resumes where it stopped: the next run takes the documents still below
// link::kLinkerVersion.
#pragma once

#include <cstdint>

#include "leakgraph/status.h"
#include "store/store.h"

namespace leakgraph::link {

struct RelinkReport {
  std::uint64_t documents = 0;  // documents re-linked
  std::uint64_t relations = 0;  // relations they now have
  double seconds = 0;
};

// Re-links the analysed documents of `store` whose relations were made by an
// older linker; every analysed document when `all`.
[[nodiscard]] Result<RelinkReport> RelinkStore(store::Store& store, bool all);

}  // namespace leakgraph::link
