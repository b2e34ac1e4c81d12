// leakgraph __parser-server: hidden. The parser server of extract/isolation.h,
// started by the binary itself (posix_spawn of /proc/self/exe) on its first
// isolated parse; it serves the parent on descriptor 3. Not for users.
#include <cstdlib>

#include "cli/command.h"
#include "extract/isolation.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister(std::string(extract::kParserServerArg), [](CLI::App& app) {
  // Every run of this binary may isolate parsers: they go to the server.
  extract::EnableParserServer();
  auto* cmd = app.add_subcommand(std::string(extract::kParserServerArg), "");
  cmd->group("");  // hidden from --help
  cmd->callback([] { std::exit(extract::RunParserServer()); });
});

}  // namespace
}  // namespace leakgraph::cli
