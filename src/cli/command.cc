#include "cli/command.h"

#include <algorithm>
#include <iostream>

namespace leakgraph::cli {

namespace {
int g_exit_code = 0;
}  // namespace

std::vector<std::pair<std::string, CommandSetup>>& RegisteredCommands() {
  static std::vector<std::pair<std::string, CommandSetup>> commands;
  return commands;
}

CommandRegistration::CommandRegistration(std::string name, CommandSetup setup) {
  RegisteredCommands().emplace_back(std::move(name), std::move(setup));
}

void SetExitCode(int code) { g_exit_code = std::max(g_exit_code, code); }
int ExitCode() { return g_exit_code; }

void Fail(const std::string& message) {
  std::cerr << "leakgraph: " << message << "\n";
  SetExitCode(2);
}

CLI::App* ParentCommand(CLI::App& app, const std::string& name, const std::string& description) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_name() == name) return sub;
  }
  CLI::App* parent = app.add_subcommand(name, description);
  parent->require_subcommand(1);
  return parent;
}

}  // namespace leakgraph::cli
