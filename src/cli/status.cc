// leakgraph status CASE: counts by format, language and mention type, failures, and whether
// the index is in step with the store.
#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "cli/util.h"
#include "index/case_status.h"
#include "store/store.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister("status", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("status", "Counts by format and language, failures, index state");
  auto dir = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("CASE", *dir, "The investigation folder")->required();
  cmd->add_flag("--json", *json, "Print JSON");
  cmd->callback([dir, json] {
    auto inv = OpenInvestigationOrFail(*dir);
    if (!inv) return;
    auto store = store::Store::Open(inv->store_path(), false, true);
    if (!store.ok()) return Fail(store.status().message());
    auto status = index::ReadCaseStatus(*inv, *store);
    if (!status.ok()) return Fail(status.status().message());
    if (*json) return PrintJson(index::CaseStatusJson(*inv, *status));
    const index::CaseStatus& st = *status;
    std::printf("Investigation %s\n", inv->dir().string().c_str());
    std::printf("Documents: %lld (%s of files)\n", static_cast<long long>(st.documents),
                HumanBytes(static_cast<double>(st.bytes)).c_str());
    std::printf("\nBy format:\n");
    for (const auto& r : st.by_type) std::printf("  %-28s %8lld\n", r.key.c_str(), static_cast<long long>(r.count));
    std::printf("\nBy language:\n");
    for (const auto& r : st.by_language) std::printf("  %-28s %8lld\n", r.key.c_str(), static_cast<long long>(r.count));
    std::printf("\nMentions:\n");
    for (const auto& r : st.mentions) std::printf("  %-28s %8lld\n", r.key.c_str(), static_cast<long long>(r.count));
    if (st.unanalysed > 0) {
      std::printf("  %lld documents not analysed: run leakgraph analyse\n", static_cast<long long>(st.unanalysed));
    }
    std::printf("\nIndex: %lld documents, %s\n", static_cast<long long>(st.index_documents),
                st.index_consistent ? "in step with the store" : "NOT in step with the store: run leakgraph reindex");
    std::printf("\nFailures: %zu\n", st.failures.size());
    for (const auto& f : st.failures) std::printf("  %s\n    %s\n", f.path.c_str(), f.reason.c_str());
  });
});

}  // namespace
}  // namespace leakgraph::cli
