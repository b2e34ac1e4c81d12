#include "resolve/resolve_case.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "resolve/resolve_by_document.h"

namespace leakgraph::resolve {

ResolverMention MentionForResolver(store::NameMentionRow&& r) {
  std::string role;
  if (r.extra.find("\"role") != std::string::npos) {
    auto extra = nlohmann::json::parse(r.extra, nullptr, false);
    if (extra.is_object()) {
      auto add = [&role](const nlohmann::json& v) {
        if (!v.is_string()) return;
        if (!role.empty()) role += ';';
        role += v.get<std::string>();
      };
      if (auto it = extra.find("role"); it != extra.end()) add(*it);
      if (auto it = extra.find("roles"); it != extra.end() && it->is_array())
        for (const auto& v : *it) add(v);
    }
  }
  return {r.id,  r.document_id,     std::move(r.type),      r.begin,
          r.end, std::move(r.text), std::move(r.following), std::move(role)};
}

Result<std::vector<AnalystDecision>> AnalystDecisions(store::Store& store) {
  auto journal = store.Decisions();
  if (!journal.ok()) return journal.status();
  std::vector<AnalystDecision> decisions;
  for (const store::DecisionRow& d : *journal) {
    auto payload = nlohmann::json::parse(d.payload, nullptr, false);
    if (!payload.is_object()) continue;
    AnalystDecision a{d.action, payload.value("entity", ""), ""};
    if (d.action == "merge") a.other = payload.value("other", "");
    if (d.action == "split") a.other = payload.value("alias", "");
    if (d.action == "rename") a.other = payload.value("name", "");
    decisions.push_back(std::move(a));
  }
  return decisions;
}

namespace {

// PERSON/ORG/LOCATION mentions of the case.
Result<std::size_t> CountNameMentions(store::Store& store) {
  auto stmt =
      store.connection().Prepare("SELECT count(*) FROM mentions WHERE type IN ('PERSON', 'ORG', 'LOCATION')");
  if (!stmt.ok()) return stmt.status();
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  return *row ? static_cast<std::size_t>(stmt->Int(0)) : 0;
}

}  // namespace

Result<ResolveCaseReport> ResolveStore(store::Store& store, const ResolverOptions& options,
                                       ResolveMode mode) {
  if (mode == ResolveMode::kAuto) {
    auto count = CountNameMentions(store);
    if (!count.ok()) return count.status();
    mode = *count > kMaxMentionsInMemory ? ResolveMode::kByDocument : ResolveMode::kInMemory;
  }
  if (mode == ResolveMode::kByDocument) return ResolveStoreByDocument(store, options);
  auto start = std::chrono::steady_clock::now();
  auto rows = store.NameMentions();
  if (!rows.ok()) return rows.status();
  std::vector<ResolverMention> mentions;
  mentions.reserve(rows->size());
  for (store::NameMentionRow& r : *rows) mentions.push_back(MentionForResolver(std::move(r)));
  rows->clear();
  auto decisions = AnalystDecisions(store);
  if (!decisions.ok()) return decisions.status();
  ResolveResult result = ResolveEntities(mentions, *decisions, options);
  std::vector<store::EntityRow> rows_out;
  rows_out.reserve(result.entities.size());
  std::int64_t id = 0;
  for (ResolvedEntity& e : result.entities) {
    store::EntityRow row;
    row.id = ++id;
    row.type = std::move(e.type);
    row.name = std::move(e.name);
    row.created_by = std::move(e.created_by);
    for (ResolvedAlias& a : e.aliases)
      row.aliases.push_back({std::move(a.alias), std::move(a.script), a.count, std::move(a.reason)});
    for (ResolvedMention& m : e.mentions) row.mentions.push_back({m.id, std::move(m.reason), m.score});
    rows_out.push_back(std::move(row));
  }
  store::ForeignKeyChecksOff unchecked(store);  // the old tables truncated, not deleted row by row
  if (Status s = store.Begin(); !s.ok()) return s;
  if (Status s = store.ReplaceEntities(rows_out); !s.ok()) {
    (void)store.Rollback();
    return s;
  }
  if (Status s = store.Commit(); !s.ok()) return s;
  ResolveCaseReport report;
  report.mentions = mentions.size();
  report.entities = rows_out.size();
  report.decisions_applied = result.decisions_applied;
  report.decisions_skipped = result.decisions_skipped;
  report.transliteration = options.model != nullptr;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

Result<ResolveCaseReport> ResolveInvestigation(const store::Investigation& investigation, ResolveMode mode) {
  auto store = store::Store::Open(investigation.store_path(), /*create=*/false);
  if (!store.ok()) return store.status();
  ResolverOptions options;
  auto model = TransliterationModel::Load(DefaultTransliterationModelPath());
  if (model.ok()) options.model = &*model;
  return ResolveStore(*store, options, mode);
}

}  // namespace leakgraph::resolve
