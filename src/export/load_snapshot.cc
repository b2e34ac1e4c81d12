// LoadSnapshot: the one place the export stage reads the store.
#include <algorithm>
#include <iterator>

#include "export/snapshot.h"

namespace leakgraph::exports {

Result<GraphSnapshot> LoadSnapshot(store::Store& store, const SnapshotOptions& options) {
  GraphSnapshot snapshot;
  auto entities = store.Entities("");
  if (!entities.ok()) return entities.status();
  snapshot.entities = std::move(*entities);

  store::TieQuery query;
  query.type = options.type;
  query.co_mention = options.co_mention || options.type == store::kCoMention;
  query.max_evidence = std::max<std::size_t>(options.max_evidence, 1);
  auto ties = store.Ties(query);
  if (!ties.ok()) return ties.status();
  snapshot.ties = std::move(*ties);

  for (const char* type : store::kTieTypes) {
    if (store::IsSymmetricTieType(type)) snapshot.symmetric_types.insert(type);
  }
  if (store::IsSymmetricTieType(store::kCoMention)) snapshot.symmetric_types.insert(store::kCoMention);

  std::set<std::int64_t> wanted;
  for (const auto& tie : snapshot.ties) {
    for (const auto& ev : tie.evidence) wanted.insert(ev.document_id);
  }
  if (!wanted.empty()) {
    Status s = store.ForEachDocument([&](const store::DocumentRecord& d) {
      if (!wanted.count(d.id)) return;
      SnapshotDocument doc;
      doc.id = d.id;
      doc.hash = d.hash;
      doc.path = d.paths.empty() ? "" : d.paths.front();
      doc.title = d.title;
      doc.content_type = d.content_type;
      doc.language = d.language;
      doc.date = d.date.value_or("");
      snapshot.documents.emplace(d.id, std::move(doc));
    });
    if (!s.ok()) return s;
  }
  PrepareSnapshot(snapshot);
  return snapshot;
}

}  // namespace leakgraph::exports
