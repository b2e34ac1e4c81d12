#include "ingest/index_sync.h"

namespace leakgraph::ingest {

std::vector<index::IndexableMention> IndexableMentions(const std::vector<store::Mention>& mentions) {
  std::vector<index::IndexableMention> out;
  for (const auto& m : mentions) {
    if (m.type == "PERSON" || m.type == "ORG" || m.type == "LOCATION" || m.type == "ROLE") {
      out.push_back({m.type, m.text, m.normalized});
    }
  }
  return out;
}

Xapian::Document BuildIndexDocument(index::IndexDocumentBuilder& builder,
                                    const store::DocumentRecord& doc,
                                    const std::vector<store::Mention>& mentions) {
  index::IndexableDocument indexable{doc.hash,         doc.title, doc.text,     doc.language,
                                     doc.content_type, doc.date,  doc.metadata, {},
                                     IndexableMentions(mentions)};
  Xapian::Document xdoc = builder.Build(indexable);
  index::IndexDocumentBuilder::AddPaths(xdoc, doc.paths);
  return xdoc;
}

Result<std::uint64_t> CatchUpIndex(store::Store& store, index::IndexWriter& writer,
                                   const std::function<void()>& on_document) {
  constexpr std::size_t kChunk = 500;
  index::IndexDocumentBuilder builder;
  std::uint64_t total = 0;
  std::int64_t after = 0;
  for (;;) {
    auto ids = store.UnindexedDocuments(after, kChunk);
    if (!ids.ok()) return ids.status();
    if (ids->empty()) break;
    std::vector<std::pair<std::int64_t, Xapian::Document>> batch;
    for (std::int64_t id : *ids) {
      auto doc = store.GetDocument(id);
      if (!doc.ok()) return doc.status();
      auto mentions = store.Mentions(id);
      if (!mentions.ok()) return mentions.status();
      batch.emplace_back(id, BuildIndexDocument(builder, *doc, *mentions));
      ++total;
      if (on_document) on_document();
    }
    if (Status r = writer.ReplaceMany(batch); !r.ok()) return r;
    Status s = writer.Commit();
    if (!s.ok()) return s;
    if (Status b = store.Begin(); !b.ok()) return b;
    for (std::int64_t id : *ids) {
      if (Status m = store.SetIndexed(id, true); !m.ok()) {
        (void)store.Rollback();
        return m;
      }
    }
    if (Status c = store.Commit(); !c.ok()) return c;
    after = ids->back();
  }
  return total;
}

}  // namespace leakgraph::ingest
