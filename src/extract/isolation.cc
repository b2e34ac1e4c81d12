#include "extract/isolation.h"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <new>
#include <optional>
#include <string>

#include "ocr/ocr.h"

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

[[noreturn]] void RunChild(int fd, const FormatHandler& handler, const ExtractInput& input,
                           const IsolationLimits& limits) {
  std::uint64_t budget = CurrentAddressSpace() + limits.memory_bytes;
  rlimit memory{budget, budget};
  setrlimit(RLIMIT_AS, &memory);
  rlim_t cpu = static_cast<rlim_t>(limits.timeout.count());
  rlimit cpu_limit{cpu, RLIM_INFINITY};  // the soft limit is raised page by page (SocketOcrCache)
  setrlimit(RLIMIT_CPU, &cpu_limit);
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);

  std::optional<ocr::OcrEngine> engine;
  ExtractInput child_input = input;
  if (input.ocr != nullptr) {
    engine.emplace(input.ocr->mode(), input.ocr->cache() ? std::make_shared<SocketOcrCache>(fd, static_cast<long>(limits.timeout.count())) : nullptr);
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

}  // namespace

Result<ExtractedDocument> ExtractIsolated(const FormatHandler& handler, const ExtractInput& input,
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
    RunChild(own, handler, input, limits);
  }
  close(fds[1]);
  const int fd = fds[0];
  auto deadline = Clock::now() + limits.timeout;
  std::optional<Result<ExtractedDocument>> result;
  bool timed_out = false;
  const ocr::OcrCache* cache = input.ocr != nullptr ? input.ocr->cache().get() : nullptr;
  for (;;) {
    char kind = 0;
    std::string payload;
    if (!ReadMessage(fd, kind, payload, deadline, timed_out)) break;
    if (kind == kResult) {
      result = DecodeResult(payload);
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
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (result) return std::move(*result);
  const std::string seconds = std::to_string(limits.timeout.count()) + " s";
  if (timed_out) return Status::Unsupported("parser timed out after " + seconds);
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

}  // namespace leakgraph::extract
