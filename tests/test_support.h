// Helpers shared by the tests: temporary folders, running the leakgraph
// binary, reading files. Tests that need ../shared/data call SharedDataDir()
// and GTEST_SKIP() when it returns "".
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace leakgraph::testing {

// A fresh empty folder under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the built leakgraph binary with `args` (no shell), capturing output.
CommandResult RunLeakgraph(const std::vector<std::string>& args);
// Starts the leakgraph binary with `args` (output not captured) and kills it
// with SIGKILL after `delay`. Returns true iff it was still running then.
bool RunLeakgraphAndKill(const std::vector<std::string>& args, std::chrono::milliseconds delay);
// Runs /bin/sh -c `command`, capturing output.
CommandResult RunShell(const std::string& command);

void WriteFile(const std::filesystem::path& p, std::string_view bytes);
std::string ReadFile(const std::filesystem::path& p);

// The path of the project's source tree (for fixtures and examples/).
std::filesystem::path SourceDir();
// ../shared/data beside the source tree, or "" if it is not there.
std::filesystem::path SharedDataDir();
// The path of the built leakgraph binary.
std::string LeakgraphBinary();

}  // namespace leakgraph::testing
