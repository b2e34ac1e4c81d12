// leakgraph status CASE: counts by format, language and mention type, failures, and whether
// the index is in step with the store.
#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "cli/util.h"
#include "index/index.h"
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
    auto documents = store->DocumentCount();
    auto bytes = store->TotalBytes();
    auto by_type = store->CountByContentType();
    auto by_lang = store->CountByLanguage();
    auto failures = store->Failures();
    auto unindexed = store->UnindexedCount();
    auto mentions = store->MentionCounts();
    auto unanalysed = store->UnanalysedCount();
    for (const Status* s : {&documents.status(), &bytes.status(), &by_type.status(), &by_lang.status(),
                            &failures.status(), &unindexed.status(), &mentions.status(),
                            &unanalysed.status()}) {
      if (!s->ok()) return Fail(s->message());
    }
    std::int64_t index_docs = -1;
    if (auto searcher = index::Searcher::Open(inv->index_path()); searcher.ok()) {
      index_docs = (*searcher)->DocumentCount();
    }
    bool consistent = index_docs == *documents && *unindexed == 0;
    if (*json) {
      nlohmann::json types = nlohmann::json::object(), langs = nlohmann::json::object();
      for (const auto& r : *by_type) types[r.key] = r.count;
      for (const auto& r : *by_lang) langs[r.key] = r.count;
      nlohmann::json by_mention = nlohmann::json::object();
      for (const auto& r : *mentions) by_mention[r.key] = r.count;
      nlohmann::json fails = nlohmann::json::array();
      for (const auto& f : *failures) fails.push_back({{"path", f.path}, {"reason", f.reason}, {"at", f.at}});
      return PrintJson({{"investigation", inv->dir().string()}, {"documents", *documents},
                        {"bytes", *bytes}, {"by_type", types}, {"by_language", langs},
                        {"mentions", by_mention}, {"unanalysed", *unanalysed},
                        {"failures", fails}, {"index_documents", index_docs},
                        {"unindexed", *unindexed}, {"index_consistent", consistent}});
    }
    std::printf("Investigation %s\n", inv->dir().string().c_str());
    std::printf("Documents: %lld (%s of files)\n", static_cast<long long>(*documents),
                HumanBytes(static_cast<double>(*bytes)).c_str());
    std::printf("\nBy format:\n");
    for (const auto& r : *by_type) std::printf("  %-28s %8lld\n", r.key.c_str(), static_cast<long long>(r.count));
    std::printf("\nBy language:\n");
    for (const auto& r : *by_lang) std::printf("  %-28s %8lld\n", r.key.c_str(), static_cast<long long>(r.count));
    std::printf("\nMentions:\n");
    for (const auto& r : *mentions) std::printf("  %-28s %8lld\n", r.key.c_str(), static_cast<long long>(r.count));
    if (*unanalysed > 0) {
      std::printf("  %lld documents not analysed: run leakgraph analyse\n", static_cast<long long>(*unanalysed));
    }
    std::printf("\nIndex: %lld documents, %s\n", static_cast<long long>(index_docs),
                consistent ? "in step with the store" : "NOT in step with the store: run leakgraph reindex");
    std::printf("\nFailures: %zu\n", failures->size());
    for (const auto& f : *failures) std::printf("  %s\n    %s\n", f.path.c_str(), f.reason.c_str());
  });
});

}  // namespace
}  // namespace leakgraph::cli
