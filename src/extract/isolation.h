// Out-of-process extraction for the parsers that can crash, hang or exhaust
// memory on hostile input (PDF, Office, images and OCR): the handler runs in
// a child forked for the one input, under an address-space and a CPU-time
// limit (setrlimit) and a wall-clock timeout, and its result comes back over
// a socket. Whatever the child does, the caller gets a value: the document,
// or an error naming what happened ("timed out after 60 s", "killed: out of
// memory (limit 2048 MB)", "crashed: signal 11 (Segmentation fault)").
//
// The child never touches SQLite or anything another thread of the parent
// may hold a lock in: the OCR cache is the parent's, reached over the same
// socket (the parent thread serves the child's look-ups while it waits).
// Safe to call from many threads at once; each call forks one child.
#pragma once

#include <chrono>
#include <cstdint>

#include "extract/handler.h"

namespace leakgraph::extract {

// A scanned PDF of 300 pages needs far more than a minute: the time limits
// apply to the parse and then again to each page read by OCR (each page's
// cache look-up restarts both clocks), so only a page that itself takes too
// long, or a parser stuck outside OCR, is stopped.
struct IsolationLimits {
  std::chrono::seconds timeout{60};        // wall clock, and CPU time, per parse and per OCR page
  std::uint64_t memory_bytes = 2ull << 30;  // address space the parser may add to what it inherits
};

// Runs `handler.Extract(input)` in a child process under `limits`.
[[nodiscard]] Result<ExtractedDocument> ExtractIsolated(const FormatHandler& handler, const ExtractInput& input,
                                                        const IsolationLimits& limits);

}  // namespace leakgraph::extract
