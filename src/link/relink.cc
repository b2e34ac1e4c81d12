#include "link/relink.h"

#include <chrono>

#include "analyse/analyser.h"
#include "link/linker.h"

namespace leakgraph::link {

namespace {
constexpr std::size_t kBatchDocuments = 256;
}  // namespace

Result<RelinkReport> RelinkStore(store::Store& store, bool all) {
  const auto start = std::chrono::steady_clock::now();
  RelinkReport report;
  if (all) {
    if (Status s = store.connection().Execute("UPDATE documents SET linked = 0"); !s.ok()) return s;
  }
  std::int64_t after = 0;
  for (;;) {
    auto ids = store.UnlinkedDocuments(kLinkerVersion, after, kBatchDocuments);
    if (!ids.ok()) return ids.status();
    if (ids->empty()) break;
    if (Status s = store.Begin(); !s.ok()) return s;
    for (std::int64_t id : *ids) {
      auto doc = store.GetDocument(id);
      Status s = doc.status();
      if (s.ok()) {
        auto mentions = store.Mentions(id);
        s = mentions.status();
        if (s.ok()) {
          auto relations = LinkDocument(doc->text, doc->language, *mentions, analyse::kMaxAnalysedBytes);
          report.relations += relations.size();
          s = store.ReplaceRelations(id, relations, kLinkerVersion);
        }
      }
      if (!s.ok()) {
        (void)store.Rollback();
        return s;
      }
      ++report.documents;
    }
    if (Status s = store.Commit(); !s.ok()) return s;
    after = ids->back();
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace leakgraph::link
