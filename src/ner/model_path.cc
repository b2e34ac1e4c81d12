#include "ner/model_path.h"

#include <cstdlib>
#include <string>
#include <system_error>
#include <vector>

namespace leakgraph::ner {

namespace fs = std::filesystem;

fs::path ModelFileName(std::string_view lang) { return "ner-" + std::string(lang) + ".bin"; }

fs::path FindModelFile(const fs::path& file_name) {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("LEAKGRAPH_MODELS"); env != nullptr && *env != '\0')
    dirs.emplace_back(env);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && !exe.empty()) {
    dirs.push_back(exe.parent_path() / ".." / "share" / "leakgraph" / "models");
    dirs.push_back(exe.parent_path() / "models");
  }
#ifdef LEAKGRAPH_SOURCE_DIR
  dirs.push_back(fs::path(LEAKGRAPH_SOURCE_DIR) / "models");
#endif
  if (dirs.empty()) dirs.emplace_back("models");
  for (const auto& dir : dirs) {
    const fs::path candidate = dir / file_name;
    if (fs::is_regular_file(candidate, ec)) return candidate;
  }
  return dirs.back() / file_name;
}

fs::path DefaultModelPath(std::string_view lang) { return FindModelFile(ModelFileName(lang)); }

}  // namespace leakgraph::ner
