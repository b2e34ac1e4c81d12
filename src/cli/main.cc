// The leakgraph binary: every subcommand registers itself (see command.h).
#include <algorithm>
#include <exception>
#include <iostream>

#include "cli/command.h"

int main(int argc, char** argv) {
  CLI::App app{"leakgraph: investigate leaked document archives, offline"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "leakgraph 0.1.0");
  auto& commands = leakgraph::cli::RegisteredCommands();
  std::sort(commands.begin(), commands.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [name, setup] : commands) setup(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  } catch (const std::exception& e) {
    std::cerr << "leakgraph: " << e.what() << "\n";
    return 2;
  }
  return leakgraph::cli::ExitCode();
}
