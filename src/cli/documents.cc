// leakgraph documents CASE: list every document with its paths.
#include <cstdio>

#include "cli/command.h"
#include "cli/util.h"
#include "store/store.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister("documents", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("documents", "List the documents of an investigation");
  auto dir = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("CASE", *dir, "The investigation folder")->required();
  cmd->add_flag("--json", *json, "Print JSON (one array)");
  cmd->callback([dir, json] {
    auto inv = OpenInvestigationOrFail(*dir);
    if (!inv) return;
    auto store = store::Store::Open(inv->store_path(), false, true);
    if (!store.ok()) return Fail(store.status().message());
    nlohmann::json all = nlohmann::json::array();
    Status s = store->ForEachDocument([&](const store::DocumentRecord& d) {
      if (*json) {
        all.push_back({{"id", d.id}, {"hash", d.hash}, {"type", d.content_type}, {"lang", d.language},
                       {"title", d.title}, {"size", d.size}, {"date", d.date.value_or("")},
                       {"parent", d.parent_id ? nlohmann::json(*d.parent_id) : nlohmann::json(nullptr)},
                       {"paths", d.paths}});
      } else {
        std::printf("%6lld  %-5s %-18s %s\n", static_cast<long long>(d.id), d.language.c_str(),
                    d.content_type.c_str(), d.paths.empty() ? "" : d.paths.front().c_str());
      }
    });
    if (!s.ok()) return Fail(s.message());
    if (*json) PrintJson(all);
  });
});

}  // namespace
}  // namespace leakgraph::cli
