#include "cli/util.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli/command.h"

namespace leakgraph::cli {

std::optional<store::Investigation> OpenInvestigationOrFail(const std::string& dir) {
  auto inv = store::Investigation::Open(dir);
  if (!inv.ok()) {
    Fail(inv.status().message());
    return std::nullopt;
  }
  return *inv;
}

bool StdoutIsTerminal() { return isatty(STDOUT_FILENO) == 1; }
bool StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

void PrintJson(const nlohmann::json& value) {
  std::cout << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

std::string HumanBytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1000 && u < 4) {
    bytes /= 1000;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return buf;
}

}  // namespace leakgraph::cli
