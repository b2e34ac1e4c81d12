#include "cli/util.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "resolve/entity_lookup.h"

namespace leakgraph::cli {

std::optional<store::Investigation> OpenInvestigationOrFail(const std::string& dir) {
  auto inv = store::Investigation::Open(dir);
  if (!inv.ok()) {
    Fail(inv.status().message());
    return std::nullopt;
  }
  return *inv;
}

std::optional<store::Store> OpenCaseStoreOrFail(const std::string& dir, bool read_only) {
  auto inv = OpenInvestigationOrFail(dir);
  if (!inv) return std::nullopt;
  auto store = store::Store::Open(inv->store_path(), false, read_only);
  if (!store.ok()) {
    Fail(store.status().message());
    return std::nullopt;
  }
  return std::move(*store);
}

bool FindEntityOrFail(store::Store& store, const std::string& key, std::optional<std::int64_t>& id) {
  if (key.empty()) return true;
  auto e = resolve::FindEntity(store, key);
  if (!e.ok()) {
    Fail(e.status().message());
    return false;
  }
  id = e->id;
  return true;
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
