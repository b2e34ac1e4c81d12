#include "index/case_status.h"

#include "index/index.h"

namespace leakgraph::index {

Result<CaseStatus> ReadCaseStatus(const store::Investigation& investigation, store::Store& store) {
  auto documents = store.DocumentCount();
  auto bytes = store.TotalBytes();
  auto by_type = store.CountByContentType();
  auto by_lang = store.CountByLanguage();
  auto failures = store.Failures();
  auto unindexed = store.UnindexedCount();
  auto mentions = store.MentionCounts();
  auto unanalysed = store.UnanalysedCount();
  for (const Status* s :
       {&documents.status(), &bytes.status(), &by_type.status(), &by_lang.status(), &failures.status(),
        &unindexed.status(), &mentions.status(), &unanalysed.status()}) {
    if (!s->ok()) return *s;
  }
  CaseStatus out;
  out.documents = *documents;
  out.bytes = *bytes;
  out.by_type = std::move(*by_type);
  out.by_language = std::move(*by_lang);
  out.mentions = std::move(*mentions);
  out.failures = std::move(*failures);
  out.unanalysed = *unanalysed;
  out.unindexed = *unindexed;
  if (auto searcher = Searcher::Open(investigation.index_path()); searcher.ok()) {
    out.index_documents = (*searcher)->DocumentCount();
  }
  out.index_consistent = out.index_documents == out.documents && out.unindexed == 0;
  return out;
}

nlohmann::json CaseStatusJson(const store::Investigation& investigation, const CaseStatus& status) {
  auto counts = [](const std::vector<store::CountRow>& rows) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& r : rows) j[r.key] = r.count;
    return j;
  };
  nlohmann::json fails = nlohmann::json::array();
  for (const auto& f : status.failures)
    fails.push_back({{"path", f.path}, {"reason", f.reason}, {"at", f.at}});
  return {{"investigation", investigation.dir().string()},
          {"documents", status.documents},
          {"bytes", status.bytes},
          {"by_type", counts(status.by_type)},
          {"by_language", counts(status.by_language)},
          {"mentions", counts(status.mentions)},
          {"unanalysed", status.unanalysed},
          {"failures", fails},
          {"index_documents", status.index_documents},
          {"unindexed", status.unindexed},
          {"index_consistent", status.index_consistent}};
}

}  // namespace leakgraph::index
