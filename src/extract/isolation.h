// Out-of-process extraction for the parsers that can crash, hang or exhaust
// memory on hostile input (PDF, Office, images, OCR, PST): the handler runs in
// a child process for the one input, under an address-space and a CPU-time
// limit (setrlimit), a seccomp filter where the build has libseccomp (no
// sockets but AF_UNIX, no execve, no ptrace or process_vm_*: refused with
// EPERM) and a wall-clock timeout, and its result comes back over a socket.
// Whatever the child does, the caller gets a value: the document, or an
// error naming what happened ("timed out after 60 s", "killed: out of memory
// (limit 2048 MB)", "crashed: signal 11 (Segmentation fault)").
//
// The children are not forked from the caller, which is multi-threaded (a
// child forked while another thread holds a lock, malloc's or a library's,
// deadlocks). A binary that calls EnableParserServer() gets a parser server:
// the same executable (/proc/self/exe) started with posix_spawn and the
// argument kParserServerArg, single-threaded, started on the first isolated
// parse and again if it dies. For each parse the caller passes it the input
// (a memfd) and a socket (SCM_RIGHTS); the server forks the child, which
// applies the limits and runs the handler; the server reports how the child
// ended and kills it when the caller gives up on it. Handlers are known to the
// server by name() (the built-in ones, with their default configuration); any
// other handler, or a binary without the server, gets a child forked from the
// caller as before.
//
// The child never touches SQLite or anything of the caller's: the OCR cache is
// the caller's, reached over the socket (the calling thread serves the child's
// look-ups while it waits). Safe to call from many threads at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>

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

// The parser server (see above). main() of a binary that isolates parsers:
//   if (argc > 1 && argv[1] == kParserServerArg) return RunParserServer();
//   EnableParserServer();
// (the leakgraph binary has it as a hidden subcommand, src/cli/parser_server.cc).
inline constexpr std::string_view kParserServerArg = "__parser-server";
void EnableParserServer();
// Serves the parent on descriptor 3 until it closes it; returns the exit code.
int RunParserServer();

// Test only: a handler whose input names a probe of the sandbox ("socket-inet",
// "socket-unix", "exec", "ptrace", "ppid") and whose text says how it went:
// "ok", or the error ("Operation not permitted"); "ppid" gives the parent pid.
std::unique_ptr<FormatHandler> MakeSandboxProbeHandler();
// True iff isolated children run under the seccomp filter (built with libseccomp).
bool SandboxHasSeccomp();

}  // namespace leakgraph::extract
