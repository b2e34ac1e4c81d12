// The resolve stage's tables of the store: entities, entity_aliases,
// entity_mentions (derived, replaced whole by each resolution) and the
// decisions journal (appended only). Schema at the top of store.cc.
#include "store/store.h"

#include <algorithm>

namespace leakgraph::store {

Result<std::vector<NameMentionRow>> Store::NameMentions() {
  std::vector<NameMentionRow> out;
  if (!has_mentions_) return out;
  auto stmt = conn_.Prepare(
      "SELECT m.id, m.document_id, m.type, m.begin, m.end, m.text, m.extra,"
      " CAST(substr(CAST(d.text AS BLOB), m.end + 1, 160) AS TEXT)"
      " FROM mentions m JOIN documents d ON d.id = m.document_id"
      " WHERE m.type IN ('PERSON', 'ORG', 'LOCATION') ORDER BY m.document_id, m.begin, m.id");
  if (!stmt.ok()) return stmt.status();
  Status s = EachRow(*stmt, [&](Statement& r) {
    out.push_back({r.Int(0), r.Int(1), r.Text(2), static_cast<std::size_t>(r.Int(3)),
                   static_cast<std::size_t>(r.Int(4)), r.Text(5), r.Text(6), r.Text(7)});
  });
  if (!s.ok()) return s;
  return out;
}

Status Store::ReplaceEntities(const std::vector<EntityRow>& entities) {
  for (const char* sql :
       {"DELETE FROM entity_mentions", "DELETE FROM entity_aliases", "DELETE FROM entities"}) {
    if (Status s = conn_.Execute(sql); !s.ok()) return s;
  }
  auto entity = conn_.Prepare("INSERT INTO entities(id, type, name, created_by) VALUES(?,?,?,?)");
  auto alias =
      conn_.Prepare("INSERT INTO entity_aliases(entity_id, alias, script, count, reason) VALUES(?,?,?,?,?)");
  auto link =
      conn_.Prepare("INSERT INTO entity_mentions(mention_id, entity_id, reason, score) VALUES(?,?,?,?)");
  if (!entity.ok()) return entity.status();
  if (!alias.ok()) return alias.status();
  if (!link.ok()) return link.status();
  for (const EntityRow& e : entities) {
    entity->Reset();
    entity->Bind(1, e.id).Bind(2, std::string_view(e.type)).Bind(3, std::string_view(e.name));
    entity->Bind(4, std::string_view(e.created_by));
    if (Status s = entity->Run(); !s.ok()) return s;
    for (const EntityAliasRow& a : e.aliases) {
      alias->Reset();
      alias->Bind(1, e.id).Bind(2, std::string_view(a.alias)).Bind(3, std::string_view(a.script));
      alias->Bind(4, a.count).Bind(5, std::string_view(a.reason));
      if (Status s = alias->Run(); !s.ok()) return s;
    }
    for (const EntityMentionLink& m : e.mentions) {
      link->Reset();
      link->Bind(1, m.mention_id).Bind(2, e.id).Bind(3, std::string_view(m.reason)).BindDouble(4, m.score);
      if (Status s = link->Run(); !s.ok()) return s;
    }
  }
  return Status::Ok();
}

Result<std::vector<EntityRow>> Store::Entities(const std::string& type) {
  std::vector<EntityRow> out;
  auto stmt = conn_.Prepare(
      "SELECT e.id, e.type, e.name, e.created_by, (SELECT count(*) FROM entity_mentions m WHERE m.entity_id "
      "= e.id)"
      " FROM entities e WHERE ?1 = '' OR e.type = ?1 ORDER BY e.type, e.name, e.id");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, std::string_view(type));
  Status s = EachRow(*stmt, [&](Statement& r) {
    EntityRow e;
    e.id = r.Int(0);
    e.type = r.Text(1);
    e.name = r.Text(2);
    e.created_by = r.Text(3);
    e.mention_count = r.Int(4);
    out.push_back(std::move(e));
  });
  if (!s.ok()) return s;
  auto aliases = conn_.Prepare(
      "SELECT entity_id, alias, script, count, reason FROM entity_aliases ORDER BY entity_id, count DESC, "
      "alias");
  if (!aliases.ok()) return aliases.status();
  std::map<std::int64_t, EntityRow*> by_id;
  for (EntityRow& e : out) by_id[e.id] = &e;
  s = EachRow(*aliases, [&](Statement& r) {
    auto it = by_id.find(r.Int(0));
    if (it != by_id.end()) it->second->aliases.push_back({r.Text(1), r.Text(2), r.Int(3), r.Text(4)});
  });
  if (!s.ok()) return s;
  return out;
}

Result<EntityRow> Store::GetEntity(std::int64_t id) {
  auto stmt = conn_.Prepare(
      "SELECT e.type, e.name, e.created_by, (SELECT count(*) FROM entity_mentions m WHERE m.entity_id = e.id)"
      " FROM entities e WHERE e.id = ?");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, id);
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no entity with id " + std::to_string(id));
  EntityRow e;
  e.id = id;
  e.type = stmt->Text(0);
  e.name = stmt->Text(1);
  e.created_by = stmt->Text(2);
  e.mention_count = stmt->Int(3);
  auto aliases = conn_.Prepare(
      "SELECT alias, script, count, reason FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC, "
      "alias");
  if (!aliases.ok()) return aliases.status();
  aliases->Bind(1, id);
  Status s = EachRow(*aliases, [&](Statement& r) {
    e.aliases.push_back({r.Text(0), r.Text(1), r.Int(2), r.Text(3)});
  });
  if (!s.ok()) return s;
  return e;
}

Result<std::vector<EntityMentionRow>> Store::EntityMentions(std::int64_t entity_id) {
  std::vector<EntityMentionRow> out;
  auto stmt = conn_.Prepare(
      "SELECT m.id, m.document_id, coalesce((SELECT min(path) FROM locations l WHERE l.document_id = "
      "m.document_id), ''),"
      " m.begin, m.end, m.text, em.reason, em.score"
      " FROM entity_mentions em JOIN mentions m ON m.id = em.mention_id"
      " WHERE em.entity_id = ? ORDER BY m.document_id, m.begin");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, entity_id);
  Status s = EachRow(*stmt, [&](Statement& r) {
    out.push_back({r.Int(0), r.Int(1), r.Text(2), static_cast<std::size_t>(r.Int(3)),
                   static_cast<std::size_t>(r.Int(4)), r.Text(5), r.Text(6), r.Double(7)});
  });
  if (!s.ok()) return s;
  return out;
}

Result<EntityDocuments> Store::EntityDocumentsOf(std::int64_t entity_id, std::size_t max_documents,
                                                 std::size_t mentions_per_document) {
  EntityDocuments out;
  std::vector<std::pair<std::int64_t, std::size_t>> counts;  // (document, mentions)
  {
    auto stmt = conn_.Prepare(
        "SELECT m.document_id, count(*) FROM entity_mentions em JOIN mentions m ON m.id = em.mention_id"
        " WHERE em.entity_id = ? GROUP BY m.document_id");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, entity_id);
    Status s = EachRow(*stmt, [&](Statement& r) {
      counts.emplace_back(r.Int(0), static_cast<std::size_t>(r.Int(1)));
    });
    if (!s.ok()) return s;
  }
  out.document_count = counts.size();
  for (const auto& [doc, n] : counts) out.mention_count += n;
  auto most = [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; };
  const std::size_t kept = std::min(max_documents, counts.size());
  std::partial_sort(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(kept), counts.end(), most);
  counts.resize(kept);
  auto path = conn_.Prepare("SELECT min(path) FROM locations WHERE document_id = ?");
  if (!path.ok()) return path.status();
  auto first = conn_.Prepare(
      "SELECT m.id, m.begin, m.end, m.text, em.reason, em.score FROM mentions m"
      " JOIN entity_mentions em ON em.mention_id = m.id"
      " WHERE m.document_id = ?1 AND em.entity_id = ?2 ORDER BY m.begin, m.id LIMIT ?3");
  if (!first.ok()) return first.status();
  for (const auto& [doc, n] : counts) {
    EntityDocumentRow row;
    row.document_id = doc;
    row.mention_count = n;
    path->Reset();
    path->Bind(1, doc);
    auto found = path->Step();
    if (!found.ok()) return found.status();
    if (*found && !path->IsNull(0)) row.path = path->Text(0);
    path->Reset();
    first->Reset();
    first->Bind(1, doc).Bind(2, entity_id).Bind(3, static_cast<std::int64_t>(mentions_per_document));
    Status s = EachRow(*first, [&](Statement& r) {
      row.mentions.push_back({r.Int(0), doc, "", static_cast<std::size_t>(r.Int(1)),
                              static_cast<std::size_t>(r.Int(2)), r.Text(3), r.Text(4), r.Double(5)});
    });
    if (!s.ok()) return s;
    out.documents.push_back(std::move(row));
  }
  return out;
}

Result<std::int64_t> Store::AppendDecision(const std::string& action, const std::string& payload_json) {
  auto stmt = conn_.Prepare(
      "INSERT INTO decisions(at, action, payload) VALUES(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?)");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, std::string_view(action)).Bind(2, std::string_view(payload_json));
  if (Status s = stmt->Run(); !s.ok()) return s;
  return conn_.LastInsertId();
}

Result<std::vector<DecisionRow>> Store::Decisions() {
  std::vector<DecisionRow> out;
  auto stmt = conn_.Prepare("SELECT id, at, action, payload FROM decisions ORDER BY id");
  if (!stmt.ok()) return stmt.status();
  Status s = EachRow(*stmt, [&](Statement& r) {
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3)});
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace leakgraph::store
