#include "extract/isolation.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <map>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <vector>

#ifndef LEAKGRAPH_HAVE_SECCOMP
#define LEAKGRAPH_HAVE_SECCOMP 0
#endif
#if LEAKGRAPH_HAVE_SECCOMP
#include <seccomp.h>
#endif

#include "extract/pst_handler.h"
#include "ocr/ocr.h"

extern char** environ;

namespace leakgraph::extract {
namespace {

// Messages on the socket: a kind byte, a 64-bit length, the payload.
constexpr char kCacheGet = 'G';     // child -> parent: key; parent answers kCacheAnswer
constexpr char kCacheAnswer = 'A';  // parent -> child: "" (a miss) or an encoded OcrResult
constexpr char kCachePut = 'P';     // child -> parent: key, encoded OcrResult
constexpr char kResult = 'R';       // child -> parent: the encoded Result<ExtractedDocument>
constexpr int kOutOfMemoryExit = 86;

// --- encoding -------------------------------------------------------------

void PutU64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void PutString(std::string& out, std::string_view s) {
  PutU64(out, s.size());
  out.append(s);
}

class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}
  bool U64(std::uint64_t& v) {
    if (in_.size() < 8) return false;
    v = 0;
    for (int i = 7; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(in_[i]);
    in_.remove_prefix(8);
    return true;
  }
  bool String(std::string& s) {
    std::uint64_t n = 0;
    if (!U64(n) || n > in_.size()) return false;
    s.assign(in_.substr(0, n));
    in_.remove_prefix(n);
    return true;
  }

 private:
  std::string_view in_;
};

std::string EncodeOcr(const ocr::OcrResult& r) {
  std::string out;
  PutString(out, r.text);
  PutString(out, r.language);
  std::uint64_t bits = 0;
  std::memcpy(&bits, &r.confidence, sizeof bits);
  PutU64(out, bits);
  return out;
}

std::optional<ocr::OcrResult> DecodeOcr(std::string_view in) {
  Decoder d(in);
  ocr::OcrResult r;
  std::uint64_t bits = 0;
  if (!d.String(r.text) || !d.String(r.language) || !d.U64(bits)) return std::nullopt;
  std::memcpy(&r.confidence, &bits, sizeof bits);
  r.from_cache = true;
  return r;
}

std::string EncodeResult(const Result<ExtractedDocument>& result) {
  std::string out;
  if (!result.ok()) {
    PutU64(out, static_cast<std::uint64_t>(result.status().code()));
    PutString(out, result.status().message());
    return out;
  }
  const ExtractedDocument& d = *result;
  PutU64(out, 0);
  for (const std::string* s : {&d.content_type, &d.title, &d.text, &d.charset}) PutString(out, *s);
  PutU64(out, d.metadata.size());
  for (const auto& [k, v] : d.metadata) {
    PutString(out, k);
    PutString(out, v);
  }
  PutU64(out, d.page_offsets.size());
  for (std::size_t offset : d.page_offsets) PutU64(out, offset);
  PutU64(out, d.children.size());
  for (const auto& c : d.children) {
    PutString(out, c.name);
    PutString(out, c.bytes);
    PutString(out, c.content_type_hint);
  }
  PutU64(out, d.warnings.size());
  for (const auto& w : d.warnings) PutString(out, w);
  return out;
}

Status StatusOf(std::uint64_t code, std::string message) {
  switch (static_cast<StatusCode>(code)) {
    case StatusCode::kInvalidInput: return Status::InvalidInput(std::move(message));
    case StatusCode::kNotFound: return Status::NotFound(std::move(message));
    case StatusCode::kIoError: return Status::IoError(std::move(message));
    case StatusCode::kCorrupt: return Status::Corrupt(std::move(message));
    case StatusCode::kUnsupported: return Status::Unsupported(std::move(message));
    default: return Status::Internal(std::move(message));
  }
}

Result<ExtractedDocument> DecodeResult(std::string_view in) {
  Decoder d(in);
  const Status garbled = Status::Internal("isolated parser sent a garbled result");
  std::uint64_t code = 0;
  if (!d.U64(code)) return garbled;
  if (code != 0) {
    std::string message;
    if (!d.String(message)) return garbled;
    return StatusOf(code, std::move(message));
  }
  ExtractedDocument doc;
  for (std::string* s : {&doc.content_type, &doc.title, &doc.text, &doc.charset}) {
    if (!d.String(*s)) return garbled;
  }
  std::uint64_t n = 0;
  if (!d.U64(n)) return garbled;
  for (std::uint64_t i = 0; i < n; ++i) {
    std::string k, v;
    if (!d.String(k) || !d.String(v)) return garbled;
    doc.metadata[k] = std::move(v);
  }
  if (!d.U64(n)) return garbled;
  for (std::uint64_t i = 0; i < n; ++i) {
    std::uint64_t offset = 0;
    if (!d.U64(offset)) return garbled;
    doc.page_offsets.push_back(offset);
  }
  if (!d.U64(n)) return garbled;
  for (std::uint64_t i = 0; i < n; ++i) {
    ChildPart c;
    if (!d.String(c.name) || !d.String(c.bytes) || !d.String(c.content_type_hint)) return garbled;
    doc.children.push_back(std::move(c));
  }
  if (!d.U64(n)) return garbled;
  for (std::uint64_t i = 0; i < n; ++i) {
    std::string w;
    if (!d.String(w)) return garbled;
    doc.warnings.push_back(std::move(w));
  }
  return doc;
}

// --- socket I/O -------------------------------------------------------------

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool SendMessage(int fd, char kind, std::string_view payload) {
  std::string header(1, kind);
  PutU64(header, payload.size());
  return WriteAll(fd, header) && WriteAll(fd, payload);
}

// Reads exactly `n` bytes, waiting at most until `deadline` (or forever if
// it is nullopt). Returns false on EOF, error or timeout (`timed_out` set).
using Clock = std::chrono::steady_clock;
bool ReadExactly(int fd, char* out, std::size_t n, std::optional<Clock::time_point> deadline, bool& timed_out) {
  while (n > 0) {
    if (deadline) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now()).count();
      if (left <= 0) {
        timed_out = true;
        return false;
      }
      pollfd p{fd, POLLIN, 0};
      int ready = poll(&p, 1, static_cast<int>(std::min<long long>(left, 1 << 30)));
      if (ready < 0 && errno == EINTR) continue;
      if (ready == 0) continue;  // the deadline is checked again
      if (ready < 0) return false;
    }
    ssize_t got = read(fd, out, n);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    out += got;
    n -= static_cast<std::size_t>(got);
  }
  return true;
}

bool ReadMessage(int fd, char& kind, std::string& payload, std::optional<Clock::time_point> deadline,
                 bool& timed_out) {
  char header[9];
  if (!ReadExactly(fd, header, sizeof header, deadline, timed_out)) return false;
  kind = header[0];
  std::uint64_t size = 0;
  Decoder(std::string_view(header + 1, 8)).U64(size);
  if (size > (8ull << 30)) return false;
  payload.resize(size);
  return ReadExactly(fd, payload.data(), size, deadline, timed_out);
}

// The child's view of the parent's OCR cache.
class SocketOcrCache final : public ocr::OcrCache {
 public:
  SocketOcrCache(int fd, long cpu_seconds) : fd_(fd), cpu_seconds_(cpu_seconds) {}
  std::optional<ocr::OcrResult> Get(const std::string& key) const override {
    // A look-up starts a page: it gets a fresh allowance of CPU time (the
    // parent restarts its clock on the same message).
    rusage used{};
    getrusage(RUSAGE_SELF, &used);
    rlimit cpu{static_cast<rlim_t>(used.ru_utime.tv_sec + used.ru_stime.tv_sec + cpu_seconds_ + 1), RLIM_INFINITY};
    setrlimit(RLIMIT_CPU, &cpu);
    if (!SendMessage(fd_, kCacheGet, key)) return std::nullopt;
    char kind = 0;
    std::string payload;
    bool timed_out = false;
    if (!ReadMessage(fd_, kind, payload, std::nullopt, timed_out) || kind != kCacheAnswer || payload.empty())
      return std::nullopt;
    return DecodeOcr(payload);
  }
  void Put(const std::string& key, const ocr::OcrResult& result) const override {
    std::string payload;
    PutString(payload, key);
    payload += EncodeOcr(result);
    (void)SendMessage(fd_, kCachePut, payload);
  }

 private:
  int fd_;
  long cpu_seconds_;
};

std::uint64_t CurrentAddressSpace() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t pages = 0;
  statm >> pages;
  return pages * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

// --- the sandbox ------------------------------------------------------------

// Refuses (EPERM) what no parser needs and an exploited one would: sockets
// other than AF_UNIX (the network, netlink, raw packets), running programs,
// and reading or writing other processes. Threads, mmap and opening files
// (Tesseract's language data, fonts) stay allowed.
bool ApplySeccomp() {
#if LEAKGRAPH_HAVE_SECCOMP
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
  if (ctx == nullptr) return false;
  const std::uint32_t refuse = SCMP_ACT_ERRNO(EPERM);
  bool ok = seccomp_rule_add(ctx, refuse, SCMP_SYS(socket), 1, SCMP_A0(SCMP_CMP_NE, AF_UNIX)) == 0;
  for (int call : {SCMP_SYS(execve), SCMP_SYS(execveat), SCMP_SYS(ptrace), SCMP_SYS(process_vm_readv),
                   SCMP_SYS(process_vm_writev)}) {
    ok = ok && seccomp_rule_add(ctx, refuse, call, 0) == 0;
  }
  ok = ok && seccomp_load(ctx) == 0;
  seccomp_release(ctx);
  return ok;
#else
  return false;
#endif
}

// --- the child --------------------------------------------------------------

// Runs `handler` on `input` (whose `ocr` is ignored: the child has its own
// engine in `ocr_mode`, if any, with the caller's cache over `fd` if
// `ocr_cache`), sends the result on `fd` and exits.
[[noreturn]] void RunChild(int fd, const FormatHandler& handler, const ExtractInput& input,
                           std::optional<ocr::OcrMode> ocr_mode, bool ocr_cache, const IsolationLimits& limits) {
  std::uint64_t budget = CurrentAddressSpace() + limits.memory_bytes;
  rlimit memory{budget, budget};
  setrlimit(RLIMIT_AS, &memory);
  rlim_t cpu = static_cast<rlim_t>(limits.timeout.count());
  rlimit cpu_limit{cpu, RLIM_INFINITY};  // the soft limit is raised page by page (SocketOcrCache)
  setrlimit(RLIMIT_CPU, &cpu_limit);
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  if (SandboxHasSeccomp() && !ApplySeccomp()) {
    (void)SendMessage(fd, kResult, EncodeResult(Status::Internal("cannot start an isolated parser: seccomp")));
    _exit(1);
  }

  std::optional<ocr::OcrEngine> engine;
  ExtractInput child_input = input;
  child_input.ocr = nullptr;
  if (ocr_mode) {
    engine.emplace(*ocr_mode,
                   ocr_cache ? std::make_shared<SocketOcrCache>(fd, static_cast<long>(limits.timeout.count())) : nullptr);
    child_input.ocr = &*engine;
  }
  Result<ExtractedDocument> result = Status::Internal("not run");
  try {
    result = handler.Extract(child_input);
  } catch (const std::bad_alloc&) {
    _exit(kOutOfMemoryExit);
  } catch (const std::exception& e) {
    result = Status::Internal(std::string("extractor crashed: ") + e.what());
  }
  try {
    std::string encoded = EncodeResult(result);
    _exit(SendMessage(fd, kResult, encoded) ? 0 : 1);
  } catch (const std::bad_alloc&) {
    _exit(kOutOfMemoryExit);
  }
}

std::string Megabytes(std::uint64_t bytes) {
  return std::to_string(bytes >> 20) + " MB";
}

// The caller's side of one parse, whoever forked the child: serves the OCR
// cache until the result comes, the child's socket closes or the deadline
// passes. Closes `fd`.
struct Conversation {
  std::optional<Result<ExtractedDocument>> result;
  bool timed_out = false;
};

Conversation Converse(int fd, const ExtractInput& input, const IsolationLimits& limits) {
  Conversation c;
  auto deadline = Clock::now() + limits.timeout;
  const ocr::OcrCache* cache = input.ocr != nullptr ? input.ocr->cache().get() : nullptr;
  for (;;) {
    char kind = 0;
    std::string payload;
    if (!ReadMessage(fd, kind, payload, deadline, c.timed_out)) break;
    if (kind == kResult) {
      c.result = DecodeResult(payload);
      break;
    }
    if (kind == kCacheGet) {
      deadline = Clock::now() + limits.timeout;  // a new page: the limit is per page
      std::optional<ocr::OcrResult> found = cache != nullptr ? cache->Get(payload) : std::nullopt;
      if (!SendMessage(fd, kCacheAnswer, found ? EncodeOcr(*found) : std::string())) break;
    } else if (kind == kCachePut && cache != nullptr) {
      Decoder d(payload);
      std::string key;
      if (!d.String(key)) break;
      if (auto r = DecodeOcr(std::string_view(payload).substr(8 + key.size()))) cache->Put(key, *r);
    }
  }
  close(fd);
  return c;
}

// The caller's value for a child that ended with wait status `status`.
Result<ExtractedDocument> Outcome(Conversation c, int status, const IsolationLimits& limits) {
  if (c.result) return std::move(*c.result);
  const std::string seconds = std::to_string(limits.timeout.count()) + " s";
  if (c.timed_out) return Status::Unsupported("parser timed out after " + seconds);
  if (WIFEXITED(status) && WEXITSTATUS(status) == kOutOfMemoryExit)
    return Status::Unsupported("parser killed: out of memory (limit " + Megabytes(limits.memory_bytes) + ")");
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    if (sig == SIGXCPU) return Status::Unsupported("parser killed: used more than " + seconds + " of CPU time");
    std::string reason = "parser crashed: signal " + std::to_string(sig) + " (" + strsignal(sig) + ")";
    if (sig == SIGABRT) reason += "; perhaps out of memory (limit " + Megabytes(limits.memory_bytes) + ")";
    return Status::Unsupported(reason);
  }
  return Status::Internal("parser exited without a result (status " + std::to_string(status) + ")");
}

// Without the parser server: a child forked from the caller.
Result<ExtractedDocument> ExtractForked(const FormatHandler& handler, const ExtractInput& input,
                                        const IsolationLimits& limits) {
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    return Status::IoError(std::string("cannot start an isolated parser: ") + std::strerror(errno));
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return Status::IoError(std::string("cannot start an isolated parser: ") + std::strerror(errno));
  }
  if (pid == 0) {
    // Close every descriptor but ours: a sibling's socket end inherited here
    // would keep its parent from seeing EOF when that sibling dies.
    int own = fds[1];
    if (own > 3) close_range(3, static_cast<unsigned>(own) - 1, 0);
    close_range(static_cast<unsigned>(own) + 1, ~0u, 0);
    std::optional<ocr::OcrMode> mode;
    if (input.ocr != nullptr) mode = input.ocr->mode();
    RunChild(own, handler, input, mode, input.ocr != nullptr && input.ocr->cache() != nullptr, limits);
  }
  close(fds[1]);
  Conversation c = Converse(fds[0], input, limits);
  if (c.timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return Outcome(std::move(c), status, limits);
}

// --- the probe handler (tests) ----------------------------------------------

class SandboxProbeHandler final : public FormatHandler {
 public:
  std::string_view name() const override { return "sandbox-probe"; }
  bool Accepts(std::string_view content_type) const override { return false; }
  bool fragile() const override { return true; }
  Result<ExtractedDocument> Extract(const ExtractInput& input) const override {
    ExtractedDocument doc;
    doc.content_type = "text/plain";
    auto outcome = [](bool ok) { return ok ? std::string("ok") : std::string(std::strerror(errno)); };
    if (input.bytes == "socket-inet" || input.bytes == "socket-unix") {
      int s = socket(input.bytes == "socket-inet" ? AF_INET : AF_UNIX, SOCK_STREAM, 0);
      doc.text = outcome(s >= 0);
      if (s >= 0) close(s);
    } else if (input.bytes == "exec") {
      char* argv[] = {const_cast<char*>("/bin/true"), nullptr};
      execve("/bin/true", argv, environ);  // returns only on failure
      doc.text = outcome(false);
    } else if (input.bytes == "ptrace") {
      doc.text = outcome(ptrace(PTRACE_TRACEME, 0, nullptr, nullptr) == 0);
    } else if (input.bytes == "ppid") {
      doc.text = std::to_string(getppid());
    } else {
      return Status::InvalidInput("unknown probe");
    }
    return doc;
  }
};

// The handlers the parser server runs, by name: the built-in ones and the probe.
const std::map<std::string, std::unique_ptr<FormatHandler>, std::less<>>& ServerHandlers() {
  static const auto* handlers = [] {
    auto* built = new std::map<std::string, std::unique_ptr<FormatHandler>, std::less<>>();  // used until exit
    for (auto make : {MakeTestFaultHandler, MakeCableHandler, MakeHtmlHandler, MakeEmailHandler, MakeMboxHandler,
                      MakePdfHandler, MakeOoxmlHandler, MakeOdfHandler, MakeRtfHandler, MakeImageHandler,
                      MakeOleHandler, MakeArchiveHandler, MakeTextHandler, MakeSandboxProbeHandler}) {
      auto handler = make();
      std::string name(handler->name());
      built->emplace(std::move(name), std::move(handler));
    }
    auto pst = MakePstHandler();
    built->emplace(std::string(pst->name()), std::move(pst));
    return built;
  }();
  return *handlers;
}

// --- the parser server --------------------------------------------------------

// A request on the server's control socket (SOCK_SEQPACKET, one message each):
// handler name, file name, content type hint, OCR mode (-1: none), whether
// there is a cache, timeout seconds, memory bytes; with three descriptors:
// the child's socket, the status socket, the input (a memfd).
struct Request {
  std::string handler, file_name, hint;
  std::int64_t ocr_mode = -1;
  bool ocr_cache = false;
  IsolationLimits limits;
};

std::string EncodeRequest(const Request& r) {
  std::string out;
  PutString(out, r.handler);
  PutString(out, r.file_name);
  PutString(out, r.hint);
  PutU64(out, static_cast<std::uint64_t>(r.ocr_mode));
  PutU64(out, r.ocr_cache ? 1 : 0);
  PutU64(out, static_cast<std::uint64_t>(r.limits.timeout.count()));
  PutU64(out, r.limits.memory_bytes);
  return out;
}

std::optional<Request> DecodeRequest(std::string_view in) {
  Decoder d(in);
  Request r;
  std::uint64_t mode = 0, cache = 0, timeout = 0;
  if (!d.String(r.handler) || !d.String(r.file_name) || !d.String(r.hint) || !d.U64(mode) || !d.U64(cache) ||
      !d.U64(timeout) || !d.U64(r.limits.memory_bytes))
    return std::nullopt;
  r.ocr_mode = static_cast<std::int64_t>(mode);
  r.ocr_cache = cache != 0;
  r.limits.timeout = std::chrono::seconds(static_cast<std::int64_t>(timeout));
  return r;
}

// On a status socket: the server sends kStatus with the child's wait status
// when it has ended; the caller sends kKill to have it killed (closing the
// socket does too).
constexpr char kStatus = 'S';
constexpr char kKill = 'K';
constexpr int kControlFd = 3;
constexpr std::size_t kRequestMax = 1 << 16;

// Moves `fd` to at least `floor` (close-on-exec), closing the original.
int MoveAbove(int fd, int floor) {
  int moved = fcntl(fd, F_DUPFD_CLOEXEC, floor);
  if (moved >= 0) close(fd);
  return moved < 0 ? fd : moved;
}

// In the new child: the input mapped read-only, the limits, the handler.
[[noreturn]] void StartChild(const Request& request, int channel, int memfd, pid_t server) {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // the server is single-threaded: its death, not a thread's
  if (getppid() != server) _exit(1);  // it died before that
  channel = MoveAbove(channel, 100);
  memfd = MoveAbove(memfd, 100);
  if (dup2(channel, 3) < 0 || dup2(memfd, 4) < 0) _exit(1);
  close_range(5, ~0u, 0);
  struct stat st {};
  std::string_view bytes;
  if (fstat(4, &st) == 0 && st.st_size > 0) {
    void* mapped = mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, 4, 0);
    if (mapped == MAP_FAILED) _exit(1);
    bytes = std::string_view(static_cast<const char*>(mapped), static_cast<std::size_t>(st.st_size));
  }
  close(4);
  const auto& handlers = ServerHandlers();
  auto found = handlers.find(request.handler);
  if (found == handlers.end()) {
    (void)SendMessage(3, kResult, EncodeResult(Status::Internal("no isolated handler " + request.handler)));
    _exit(1);
  }
  std::optional<ocr::OcrMode> mode;
  if (request.ocr_mode >= 0) mode = static_cast<ocr::OcrMode>(request.ocr_mode);
  ExtractInput input{bytes, request.file_name, request.hint, nullptr};
  RunChild(3, *found->second, input, mode, request.ocr_cache, request.limits);
}

struct Job {
  int status_fd = -1;
  bool polled = true;  // false once the caller has closed its end (the child is being killed)
};

void SendStatus(int fd, int status) {
  std::string payload;
  PutU64(payload, static_cast<std::uint32_t>(status));
  (void)SendMessage(fd, kStatus, payload);
}

// Receives one request and its descriptors; false when the parent has gone.
bool ServeRequest(std::map<pid_t, Job>& jobs) {
  std::string buffer(kRequestMax, '\0');
  iovec iov{buffer.data(), buffer.size()};
  alignas(cmsghdr) char control[CMSG_SPACE(3 * sizeof(int))];
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n = recvmsg(kControlFd, &msg, MSG_CMSG_CLOEXEC);
  if (n < 0 && errno == EINTR) return true;
  if (n <= 0) return false;
  std::vector<int> fds;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (std::size_t i = 0; i < count; ++i) {
      int fd = -1;
      std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
      fds.push_back(fd);
    }
  }
  std::optional<Request> request = DecodeRequest(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
  if (fds.size() != 3 || !request) {
    for (int fd : fds) close(fd);
    return true;  // a garbled request: its caller sees its sockets close
  }
  const int channel = fds[0], status_fd = fds[1], memfd = fds[2];
  const pid_t server = getpid();
  pid_t pid = fork();
  if (pid == 0) StartChild(*request, channel, memfd, server);
  close(channel);
  close(memfd);
  if (pid < 0) {
    close(status_fd);  // the caller sees no status: "exited without a result"
    return true;
  }
  jobs[pid] = Job{status_fd, true};
  return true;
}

// --- the caller's side of the server --------------------------------------------

std::atomic<bool> g_server_enabled{false};

class ServerConnection {
 public:
  // Sends `request` with `fds`; starts the server first if it is not running
  // (or has died), and retries once on a fresh one.
  Status Submit(const std::string& request, const std::array<int, 3>& fds) {
    std::lock_guard lock(mu_);
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (control_ < 0) {
        Status started = Start();
        if (!started.ok()) return started;
      }
      if (Send(request, fds)) return Status::Ok();
      Stop();
    }
    return Status::IoError("cannot start an isolated parser: the parser server does not answer");
  }

 private:
  bool Send(const std::string& request, const std::array<int, 3>& fds) {
    iovec iov{const_cast<char*>(request.data()), request.size()};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof fds)] = {};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof fds);
    std::memcpy(CMSG_DATA(c), fds.data(), sizeof fds);
    for (;;) {
      ssize_t n = sendmsg(control_, &msg, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      return n == static_cast<ssize_t>(request.size());
    }
  }

  Status Start() {
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0)
      return Status::IoError(std::string("cannot start the parser server: ") + std::strerror(errno));
    int theirs = pair[1] == kControlFd ? MoveAbove(pair[1], 10) : pair[1];
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, theirs, kControlFd);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    std::string arg(kParserServerArg);
    char* argv[] = {const_cast<char*>("leakgraph-parser-server"), arg.data(), nullptr};
    pid_t pid = -1;
    int error = posix_spawn(&pid, "/proc/self/exe", &actions, &attributes, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(theirs);
    if (error != 0) {
      close(pair[0]);
      return Status::IoError(std::string("cannot start the parser server: ") + std::strerror(error));
    }
    control_ = pair[0];
    pid_ = pid;
    return Status::Ok();
  }

  void Stop() {
    close(control_);
    control_ = -1;
    kill(pid_, SIGKILL);
    while (waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }

  std::mutex mu_;
  int control_ = -1;
  pid_t pid_ = -1;
};

ServerConnection& Server() {
  static auto* server = new ServerConnection();  // used until exit; the server exits with us
  return *server;
}

// Reads the status message; waits at most until `deadline` if given.
std::optional<int> ReadStatus(int fd, std::optional<Clock::time_point> deadline, bool& timed_out) {
  char kind = 0;
  std::string payload;
  if (!ReadMessage(fd, kind, payload, deadline, timed_out) || kind != kStatus) return std::nullopt;
  std::uint64_t status = 0;
  if (!Decoder(payload).U64(status)) return std::nullopt;
  return static_cast<int>(status);
}

// nullopt if the server stopped before the child could answer (the caller
// tries again, on a new server).
std::optional<Result<ExtractedDocument>> ExtractInServer(const FormatHandler& handler, const ExtractInput& input,
                                                         const IsolationLimits& limits) {
  auto failed = [](const char* what) -> Result<ExtractedDocument> {
    return Status::IoError(std::string("cannot start an isolated parser: ") + what + ": " + std::strerror(errno));
  };
  int input_fd = memfd_create("leakgraph-input", MFD_CLOEXEC);
  if (input_fd < 0) return failed("memfd");
  for (std::string_view rest = input.bytes; !rest.empty();) {
    ssize_t n = write(input_fd, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      close(input_fd);
      return failed("memfd");
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  int channel[2], status[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, channel) != 0) {
    close(input_fd);
    return failed("socketpair");
  }
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, status) != 0) {
    close(input_fd);
    close(channel[0]);
    close(channel[1]);
    return failed("socketpair");
  }
  Request request;
  request.handler = std::string(handler.name());
  // A hostile archive's names can be long: the handler needs the extension
  // (the name's end), the request has to fit one control message.
  request.file_name = std::string(input.file_name.substr(input.file_name.size() - std::min<std::size_t>(input.file_name.size(), 4096)));
  request.hint = std::string(input.content_type_hint.substr(0, 4096));
  if (input.ocr != nullptr) {
    request.ocr_mode = static_cast<std::int64_t>(input.ocr->mode());
    request.ocr_cache = input.ocr->cache() != nullptr;
  }
  request.limits = limits;
  Status sent = Server().Submit(EncodeRequest(request), {channel[1], status[1], input_fd});
  close(channel[1]);
  close(status[1]);
  close(input_fd);
  if (!sent.ok()) {
    close(channel[0]);
    close(status[0]);
    return Result<ExtractedDocument>(sent);
  }
  Conversation c = Converse(channel[0], input, limits);
  if (c.timed_out) (void)SendMessage(status[0], kKill, "");
  // A child that has sent its result exits at once; one that has not is dead
  // or dying. Should it linger, it is killed after a grace period.
  bool waited_too_long = false;
  std::optional<int> ended = ReadStatus(status[0], Clock::now() + std::chrono::seconds(10), waited_too_long);
  if (!ended && waited_too_long) {
    (void)SendMessage(status[0], kKill, "");
    bool unused = false;
    ended = ReadStatus(status[0], std::nullopt, unused);
  }
  close(status[0]);
  if (!ended && !c.result && !c.timed_out) return std::nullopt;
  return Outcome(std::move(c), ended.value_or(0), limits);
}

}  // namespace

bool SandboxHasSeccomp() {
  return LEAKGRAPH_HAVE_SECCOMP != 0;
}

std::unique_ptr<FormatHandler> MakeSandboxProbeHandler() {
  return std::make_unique<SandboxProbeHandler>();
}

void EnableParserServer() {
  g_server_enabled = true;
}

int RunParserServer() {
  // Only descriptor 3 (and the standard ones) from the parent; we end with it.
  close_range(kControlFd + 1, ~0u, 0);
  prctl(PR_SET_NAME, "lg-parser-srv");
  signal(SIGPIPE, SIG_IGN);
  sigset_t child;
  sigemptyset(&child);
  sigaddset(&child, SIGCHLD);
  sigprocmask(SIG_BLOCK, &child, nullptr);
  int sigfd = signalfd(-1, &child, SFD_CLOEXEC | SFD_NONBLOCK);
  if (sigfd < 0) return 1;
  (void)ServerHandlers();  // built once here, not in every child
  std::map<pid_t, Job> jobs;
  bool parent_alive = true;
  while (parent_alive || !jobs.empty()) {
    std::vector<pollfd> polled;
    std::vector<pid_t> owners;
    polled.push_back({sigfd, POLLIN, 0});
    owners.push_back(0);
    if (parent_alive) {
      polled.push_back({kControlFd, POLLIN, 0});
      owners.push_back(0);
    }
    for (const auto& [pid, job] : jobs) {
      if (!job.polled) continue;
      polled.push_back({job.status_fd, POLLIN, 0});
      owners.push_back(pid);
    }
    if (poll(polled.data(), polled.size(), -1) < 0) {
      if (errno == EINTR) continue;
      return 1;
    }
    for (std::size_t i = 0; i < polled.size(); ++i) {
      if (polled[i].revents == 0) continue;
      if (polled[i].fd == sigfd) {
        signalfd_siginfo info;
        while (read(sigfd, &info, sizeof info) > 0) {
        }
        int status = 0;
        pid_t pid = 0;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
          auto job = jobs.find(pid);
          if (job == jobs.end()) continue;
          SendStatus(job->second.status_fd, status);
          close(job->second.status_fd);
          jobs.erase(job);
        }
      } else if (polled[i].fd == kControlFd && owners[i] == 0) {
        if (!ServeRequest(jobs)) {
          parent_alive = false;  // the parent has gone: so do its parses
          for (auto& [pid, job] : jobs) {
            kill(pid, SIGKILL);
            job.polled = false;
          }
        }
      } else {
        auto job = jobs.find(owners[i]);
        if (job == jobs.end()) continue;
        // kKill, or the caller closed its end: either way it wants no more of the child.
        kill(job->first, SIGKILL);
        job->second.polled = false;
      }
    }
  }
  close(kControlFd);
  return 0;
}

Result<ExtractedDocument> ExtractIsolated(const FormatHandler& handler, const ExtractInput& input,
                                          const IsolationLimits& limits) {
  const auto& known = ServerHandlers();
  if (!g_server_enabled || known.find(handler.name()) == known.end()) return ExtractForked(handler, input, limits);
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (auto result = ExtractInServer(handler, input, limits)) return std::move(*result);
  }
  return Status::Internal("parser exited without a result (the parser server stopped)");
}

}  // namespace leakgraph::extract
