// `leakgraph link CASE [--all]`: re-run the link stage (ties between the
// mentions of each document) from the stored text and mentions, without
// entity recognition.
#include <cstdio>

#include "cli/command.h"
#include "cli/util.h"
#include "link/relink.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister("link", [](CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "link", "Find the ties between the mentions of each document again (after a linker update)");
  struct Args {
    std::string dir;
    bool all = false, quiet = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The investigation folder")->required();
  cmd->add_flag("--all", args->all, "Re-link every document, not only those linked by an older linker");
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing but errors");
  cmd->callback([args] {
    auto store = OpenCaseStoreOrFail(args->dir);
    if (!store) return;
    auto report = link::RelinkStore(*store, args->all);
    if (!report.ok()) return Fail(report.status().message());
    if (!args->quiet) {
      std::printf("Linked %llu documents in %.1fs: %llu relations\n",
                  static_cast<unsigned long long>(report->documents), report->seconds,
                  static_cast<unsigned long long>(report->relations));
    }
  });
});

}  // namespace
}  // namespace leakgraph::cli
