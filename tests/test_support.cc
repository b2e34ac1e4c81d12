#include "test_support.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace leakgraph::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path candidate = fs::temp_directory_path() / ("leakgraph-test-" + std::to_string(rd()));
    std::error_code ec;
    if (fs::create_directory(candidate, ec)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

namespace {
std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}
}  // namespace

CommandResult RunShell(const std::string& command) {
  TempDir tmp;
  std::string full = command + " >" + ShellQuote((tmp / "out").string()) + " 2>" +
                     ShellQuote((tmp / "err").string()) + " </dev/null";
  int status = std::system(full.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadFile(tmp / "out");
  r.err = ReadFile(tmp / "err");
  return r;
}

CommandResult RunLeakgraph(const std::vector<std::string>& args) {
  std::string command = ShellQuote(LeakgraphBinary());
  for (const auto& a : args) command += " " + ShellQuote(a);
  return RunShell(command);
}

bool RunLeakgraphAndKill(const std::vector<std::string>& args, std::chrono::milliseconds delay) {
  std::string bin = LeakgraphBinary();
  std::vector<char*> argv{bin.data()};
  std::vector<std::string> copies(args);
  for (auto& a : copies) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  std::this_thread::sleep_for(delay);
  bool killed = kill(pid, SIGKILL) == 0;
  int status = 0;
  waitpid(pid, &status, 0);
  return killed && WIFSIGNALED(status);
}

void WriteFile(const fs::path& p, std::string_view bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path SourceDir() { return fs::path(LEAKGRAPH_SOURCE_DIR); }

fs::path SharedDataDir() {
  if (const char* env = std::getenv("LEAKGRAPH_SHARED_DATA")) {
    if (fs::is_directory(env)) return env;
  }
  fs::path p = SourceDir().parent_path() / "shared" / "data";
  return fs::is_directory(p) ? p : fs::path();
}

std::string LeakgraphBinary() {
#ifdef LEAKGRAPH_BINARY
  return LEAKGRAPH_BINARY;
#else
  return "leakgraph";
#endif
}

}  // namespace leakgraph::testing
