// Re-running the analyse stage alone over every stored document (after a
// better model, or on a store from before the stage existed): the mentions of
// each document are replaced, the document is marked for re-indexing, and the
// index is caught up at the end.
//
// Crash safety: mentions are committed per batch together with the
// documents' `analysed` and `indexed` flags, and a meta marker (analyse_run)
// records that a run is unfinished. A killed run resumes where it stopped, so
// the end state equals that of an uninterrupted run.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include "leakgraph/status.h"
#include "store/investigation.h"

namespace leakgraph::analyse {

struct ReanalyseOptions {
  unsigned threads = 0;                        // 0 = one per core
  std::size_t batch_documents = 64;            // documents per store transaction (at most)
  std::uint64_t batch_text_bytes = 64u << 20;  // ... or this much text, whichever comes first
};

struct ReanalyseProgress {
  std::uint64_t documents_total = 0;  // documents this run has to analyse
  std::uint64_t documents_done = 0;
  std::uint64_t mentions = 0;   // mentions stored by this run
  std::uint64_t reindexed = 0;  // index documents rebuilt at the end
  bool resumed = false;         // continued an interrupted run
  double elapsed_seconds = 0;   // the whole run
  double index_seconds = 0;     // of which catching up the index
};

// Re-analyses every document of `investigation` (or, when a previous run was
// interrupted, the documents it had not reached), then brings the index up to
// date. `progress` (may be empty) is called after each batch. Fails if the
// store or the index cannot be written (e.g. an ingest holds the index).
Result<ReanalyseProgress> Reanalyse(const store::Investigation& investigation,
                                    const ReanalyseOptions& options,
                                    const std::function<void(const ReanalyseProgress&)>& progress);

}  // namespace leakgraph::analyse
