// leakgraph init CASE: create an investigation folder.
#include <iostream>

#include "cli/command.h"
#include "cli/util.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister("init", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("init", "Create an investigation folder (store and index)");
  auto dir = std::make_shared<std::string>();
  cmd->add_option("CASE", *dir, "The investigation folder to create")->required();
  cmd->callback([dir] {
    auto inv = store::Investigation::Create(*dir);
    if (!inv.ok()) return Fail(inv.status().message());
    std::cout << "Created investigation " << inv->dir().string() << "\n"
              << "Next: leakgraph ingest " << *dir << " PATH...\n";
  });
});

}  // namespace
}  // namespace leakgraph::cli
