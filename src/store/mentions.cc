// The analyse stage's tables of the store: mentions and documents.analysed
// (schema at the top of store.cc).
#include "store/store.h"

namespace leakgraph::store {

Status Store::ReplaceMentions(std::int64_t document_id, const std::vector<Mention>& mentions,
                              int analyser_version) {
  return ReplaceMentionsAndRelations(document_id, mentions, {}, analyser_version, 0);
}

Result<std::vector<Mention>> Store::Mentions(std::int64_t document_id) {
  if (!has_mentions_) return std::vector<Mention>();
  auto stmt = Cached(
      "SELECT type, begin, end, text, normalized, confidence, extra FROM mentions"
      " WHERE document_id = ? ORDER BY id");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, document_id);
  std::vector<Mention> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    Statement& s = **stmt;
    out.push_back({s.Text(0), static_cast<std::size_t>(s.Int(1)), static_cast<std::size_t>(s.Int(2)),
                   s.Text(3), s.Text(4), s.Double(5), s.Text(6)});
  }
  return out;
}

Result<std::vector<CountRow>> Store::MentionCounts() {
  if (!has_mentions_) return std::vector<CountRow>();
  return CountBy("SELECT type, count(*) FROM mentions GROUP BY 1 ORDER BY 2 DESC, 1");
}

Result<std::vector<CountRow>> Store::TopMentions(const std::string& type, std::size_t limit) {
  if (!has_mentions_) return std::vector<CountRow>();
  auto stmt = conn_.Prepare(
      "SELECT normalized, count(DISTINCT document_id) FROM mentions WHERE type = ?"
      " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, std::string_view(type)).Bind(2, static_cast<std::int64_t>(limit));
  return CountRows(*stmt);
}

Status Store::MarkAllUnanalysed() {
  return conn_.Execute("UPDATE documents SET analysed = 0");
}

Result<std::vector<std::int64_t>> Store::UnanalysedDocuments(std::int64_t after_id, std::size_t limit) {
  return IdsAfter("SELECT id FROM documents WHERE analysed = 0 AND id > ? ORDER BY id LIMIT ?", after_id, limit);
}

Result<std::int64_t> Store::UnanalysedCount() {
  if (!has_mentions_) return DocumentCount();
  auto stmt = Cached("SELECT count(*) FROM documents WHERE analysed = 0");
  if (!stmt.ok()) return stmt.status();
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  return (*stmt)->Int(0);
}

}  // namespace leakgraph::store
