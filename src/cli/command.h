// Subcommand registration for the leakgraph binary. Each src/cli/<name>.cc
// defines one subcommand and registers it at static-initialisation time:
//
//   static leakgraph::cli::CommandRegistration kRegister(
//       "search", [](CLI::App& app) { auto* cmd = app.add_subcommand(...); ... });
//
// The CLI is thin: parse arguments, call the library, format results. A
// command's callback returns the process exit code through SetExitCode.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace leakgraph::cli {

using CommandSetup = std::function<void(CLI::App& app)>;

struct CommandRegistration {
  CommandRegistration(std::string name, CommandSetup setup);
};

// All registered setups, sorted by name.
std::vector<std::pair<std::string, CommandSetup>>& RegisteredCommands();

// Exit codes: 0 success, 1 partial failure (some input failed), 2 usage or
// fatal error.
void SetExitCode(int code);
int ExitCode();

// Prints "leakgraph: <message>" to stderr and sets exit code 2.
void Fail(const std::string& message);

// Returns the subcommand `name` of `app` (a parent such as "train" or "eval"
// that several files add children to), creating it if no file has yet.
CLI::App* ParentCommand(CLI::App& app, const std::string& name, const std::string& description);

}  // namespace leakgraph::cli
