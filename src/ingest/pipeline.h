// The ingest pipeline: turns files and folders into documents in the store of
// record and the index.
//
//   walker (this thread) -> N extraction workers -> bounded queue -> 1 writer
//
// Workers read, hash and extract each file (and, recursively, the parts
// embedded in it), detect languages and prepare index documents. The single
// writer commits one file's whole document tree in the same SQLite
// transaction as its `files` row, so `kill -9` at any moment leaves every file
// either wholly ingested or not at all; the Xapian index is brought up to date
// after each store commit (a background thread hands a committed batch to the
// index while the writer writes the next one) and caught up from the store
// when a run starts, so an interrupted ingest run again ends in the state of
// an uninterrupted one.
// An unchanged file (same path, same content hash) costs one read and hash.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "leakgraph/status.h"
#include "ocr/ocr.h"
#include "store/investigation.h"

namespace leakgraph::ingest {

struct IngestOptions {
  unsigned threads = 0;                              // extraction workers; 0 = one per core
  std::uint64_t max_file_bytes = 256ull << 20;       // larger files are recorded as failures
  unsigned max_depth = 16;                           // nesting of embedded parts
  std::size_t max_parts_per_file = 100000;           // embedded parts of one file
  std::uint64_t max_queued_bytes = 192ull << 20;     // extracted text waiting for the writer
  std::size_t batch_files = 400;                     // files per store transaction (at most)
  std::chrono::milliseconds batch_interval{750};     // ... or this long, whichever comes first
  std::size_t index_commit_documents = 20000;        // index commit interval
  bool analyse = true;                               // false: extract and index only; `analyse` later
  // Sharded ingest (issue 9): when shard_count > 0, only the top-level files
  // with ShardOfRelativePath(path relative to its input argument, shard_count)
  // == shard_index are ingested (embedded parts go with their file).
  unsigned shard_index = 0;                          // 0-based, < shard_count
  unsigned shard_count = 0;
  ocr::OcrMode ocr = ocr::OcrMode::kAuto;            // OCR of images and of PDF pages without text
  unsigned parser_timeout_seconds = 60;              // PDF, Office, image parsers: wall and CPU time
  std::uint64_t parser_memory_bytes = 2ull << 30;    // ... and memory, each in its own process
};

struct IngestProgress {
  std::uint64_t files_total = 0;
  std::uint64_t bytes_total = 0;
  std::uint64_t files_done = 0;        // finished: new, duplicate, unchanged or failed
  std::uint64_t bytes_done = 0;
  std::uint64_t documents_added = 0;   // new documents (files and embedded parts)
  std::uint64_t duplicates = 0;        // content already in the store, new location recorded
  std::uint64_t unchanged = 0;         // files already ingested with the same content
  std::uint64_t files_failed = 0;      // files with at least one failure (the file or a part)
  std::uint64_t skipped = 0;           // symbolic links, devices, the investigation itself
  double elapsed_seconds = 0;
};

// Called from the writer thread, at most every `interval`, and once at the end
// with `final` set.
using ProgressCallback = std::function<void(const IngestProgress&, bool final)>;

// The shard (0-based, < shard_count) of a top-level file whose path relative to
// the input argument it was found under is `relative_path` ('/'-separated; a
// file given directly is its file name): FNV-1a of the path, mod shard_count.
// The same on every machine whatever the archive's mount point.
// REQUIRES: shard_count > 0.
unsigned ShardOfRelativePath(std::string_view relative_path, unsigned shard_count);

// Ingests `inputs` (files and folders, recursively) into `investigation`.
// Per-file problems are recorded in the store and counted, never returned;
// an error Status means the run itself could not proceed (store unwritable).
Result<IngestProgress> Ingest(const store::Investigation& investigation,
                              const std::vector<std::filesystem::path>& inputs,
                              const IngestOptions& options, const ProgressCallback& progress,
                              std::chrono::milliseconds progress_interval);

// Rebuilds the index from the store alone (leakgraph reindex).
Status RebuildIndex(const store::Investigation& investigation, const ProgressCallback& progress);

}  // namespace leakgraph::ingest
