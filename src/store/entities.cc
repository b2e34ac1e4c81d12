// The resolve stage's tables of the store: entities, entity_aliases,
// entity_mentions (derived, replaced whole by each resolution) and the
// decisions journal (appended only). Schema at the top of store.cc.
#include <algorithm>
#include <tuple>

#include "store/store.h"

namespace leakgraph::store {

Result<std::vector<NameMentionRow>> Store::NameMentions() {
  std::vector<NameMentionRow> out;
  if (!has_mentions_) return out;
  // One pass over the mentions table in rowid order ("+type": not through the
  // (type, normalized) index, which would visit the rows in random order),
  // sorted here; then each document's text read once for the text after its
  // mentions, instead of once per mention in a join.
  auto stmt = conn_.Prepare(
      "SELECT id, document_id, type, begin, end, text, extra FROM mentions"
      " WHERE +type IN ('PERSON', 'ORG', 'LOCATION')");
  if (!stmt.ok()) return stmt.status();
  Status s = EachRow(*stmt, [&](Statement& r) {
    out.push_back({r.Int(0), r.Int(1), r.Text(2), static_cast<std::size_t>(r.Int(3)),
                   static_cast<std::size_t>(r.Int(4)), r.Text(5), r.Text(6), ""});
  });
  if (!s.ok()) return s;
  std::sort(out.begin(), out.end(), [](const NameMentionRow& a, const NameMentionRow& b) {
    return std::tie(a.document_id, a.begin, a.id) < std::tie(b.document_id, b.begin, b.id);
  });
  auto text = conn_.Prepare("SELECT text FROM documents WHERE id = ?");
  if (!text.ok()) return text.status();
  constexpr std::size_t kFollowingBytes = 160;
  std::size_t kept = 0;
  for (std::size_t from = 0; from < out.size();) {
    std::size_t to = from;
    while (to < out.size() && out[to].document_id == out[from].document_id) ++to;
    text->Reset();
    text->Bind(1, out[from].document_id);
    auto found = text->Step();
    if (!found.ok()) return found.status();
    if (*found) {  // mentions of a missing document are left out, as an inner join would
      std::string_view body = text->Bytes(0);
      for (std::size_t k = from; k < to; ++k) {
        NameMentionRow& m = out[k];
        if (m.end < body.size()) m.following.assign(body.substr(m.end, kFollowingBytes));
        if (kept != k) out[kept] = std::move(m);
        ++kept;
      }
    }
    from = to;
  }
  out.resize(kept);
  return out;
}

Status Store::ReplaceEntities(const std::vector<EntityRow>& entities) {
  for (const char* sql :
       {"DELETE FROM entity_mentions", "DELETE FROM entity_aliases", "DELETE FROM entities"}) {
    if (Status s = conn_.Execute(sql); !s.ok()) return s;
  }
  Statement entity_insert, alias_insert, link_insert;
  if (Status s = InsertRows(
          conn_, entity_insert, "INSERT INTO entities(id, type, name, created_by, mention_count)", 5,
          entities.size(),
          [&](Statement& stmt, std::size_t row) {
            const EntityRow& e = entities[row];
            stmt.Bind(1, e.id).Bind(2, std::string_view(e.type));
            stmt.Bind(3, std::string_view(e.name)).Bind(4, std::string_view(e.created_by));
            stmt.Bind(5, static_cast<std::int64_t>(e.mentions.size()));
          });
      !s.ok()) {
    return s;
  }
  std::vector<std::pair<const EntityAliasRow*, std::int64_t>> aliases;   // (alias, entity id)
  std::vector<std::pair<const EntityMentionLink*, std::int64_t>> links;  // (link, entity id)
  for (const EntityRow& e : entities) {
    for (const EntityAliasRow& a : e.aliases) aliases.emplace_back(&a, e.id);
    for (const EntityMentionLink& m : e.mentions) links.emplace_back(&m, e.id);
  }
  if (Status s =
          InsertRows(conn_, alias_insert,
                     "INSERT INTO entity_aliases(entity_id, alias, script, count, reason)", 5, aliases.size(),
                     [&](Statement& stmt, std::size_t row) {
                       const auto& [a, entity_id] = aliases[row];
                       stmt.Bind(1, entity_id).Bind(2, std::string_view(a->alias));
                       stmt.Bind(3, std::string_view(a->script)).Bind(4, a->count);
                       stmt.Bind(5, std::string_view(a->reason));
                     });
      !s.ok()) {
    return s;
  }
  // In mention_id (rowid) order, each row is appended to the table's b-tree
  // instead of landing at a random page of it.
  std::sort(links.begin(), links.end(),
            [](const auto& a, const auto& b) { return a.first->mention_id < b.first->mention_id; });
  return InsertRows(conn_, link_insert,
                    "INSERT INTO entity_mentions(mention_id, entity_id, reason, score)", 4, links.size(),
                    [&](Statement& stmt, std::size_t row) {
                      const auto& [m, entity_id] = links[row];
                      stmt.Bind(1, m->mention_id).Bind(2, entity_id);
                      stmt.Bind(3, std::string_view(m->reason)).BindDouble(4, m->score);
                    });
}

namespace {

// The SQL of an entity's number of mentions, as a column of `entities e`.
const char* MentionCountColumn(bool stored) {
  return stored ? "e.mention_count" : "(SELECT count(*) FROM entity_mentions m WHERE m.entity_id = e.id)";
}

// The SQL of an entity's columns as EntityRowOf reads them, from `entities e`.
std::string EntityColumns(bool stored_counts) {
  return std::string("SELECT e.id, e.type, e.name, e.created_by, ") + MentionCountColumn(stored_counts);
}

// An entity's row from the columns of EntityColumns (aliases and mentions empty).
EntityRow EntityRowOf(Statement& r) {
  EntityRow e;
  e.id = r.Int(0);
  e.type = r.Text(1);
  e.name = r.Text(2);
  e.created_by = r.Text(3);
  e.mention_count = r.Int(4);
  return e;
}

// Fills e.aliases, most frequent first.
Status ReadAliases(Connection& conn, EntityRow& e) {
  auto aliases = conn.Prepare(
      "SELECT alias, script, count, reason FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC, alias");
  if (!aliases.ok()) return aliases.status();
  aliases->Bind(1, e.id);
  return EachRow(*aliases, [&](Statement& r) { e.aliases.push_back({r.Text(0), r.Text(1), r.Int(2), r.Text(3)}); });
}

}  // namespace

Result<std::vector<EntityRow>> Store::Entities(const std::string& type) {
  std::vector<EntityRow> out;
  auto stmt = conn_.Prepare(EntityColumns(has_mention_counts_) +
                            " FROM entities e WHERE ?1 = '' OR e.type = ?1 ORDER BY e.type, e.name, e.id");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, std::string_view(type));
  Status s = EachRow(*stmt, [&](Statement& r) { out.push_back(EntityRowOf(r)); });
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

Result<EntityPage> Store::FindEntities(const EntityQuery& query) {
  EntityPage page;
  // lower() and instr() fold ASCII letters only and compare bytes: a needle
  // in another script matches as written.
  std::string needle;
  for (char c : query.needle) needle += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  const std::string where =
      " FROM entities e WHERE (?1 = '' OR e.type = ?1) AND (?2 = '' OR instr(lower(e.name), ?2) > 0"
      " OR e.id IN (SELECT a.entity_id FROM entity_aliases a WHERE instr(lower(a.alias), ?2) > 0))";
  auto count = conn_.Prepare("SELECT count(*)" + where);
  if (!count.ok()) return count.status();
  count->Bind(1, std::string_view(query.type)).Bind(2, std::string_view(needle));
  auto counted = count->Step();
  if (!counted.ok()) return counted.status();
  page.total = *counted ? static_cast<std::size_t>(count->Int(0)) : 0;
  if (query.limit == 0 || query.offset >= page.total) return page;
  auto stmt = conn_.Prepare(EntityColumns(has_mention_counts_) + " AS n" + where +
                            " ORDER BY n DESC, e.type, e.name, e.id LIMIT ?3 OFFSET ?4");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, std::string_view(query.type)).Bind(2, std::string_view(needle));
  stmt->Bind(3, static_cast<std::int64_t>(query.limit)).Bind(4, static_cast<std::int64_t>(query.offset));
  Status s = EachRow(*stmt, [&](Statement& r) { page.entities.push_back(EntityRowOf(r)); });
  if (!s.ok()) return s;
  for (EntityRow& e : page.entities)
    if (Status read = ReadAliases(conn_, e); !read.ok()) return read;
  return page;
}

Result<EntityRow> Store::GetEntity(std::int64_t id) {
  auto stmt = conn_.Prepare(EntityColumns(has_mention_counts_) + " FROM entities e WHERE e.id = ?");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, id);
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no entity with id " + std::to_string(id));
  EntityRow e = EntityRowOf(*stmt);
  if (Status s = ReadAliases(conn_, e); !s.ok()) return s;
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

ForeignKeyChecksOff::ForeignKeyChecksOff(Store& store) : store_(store) {
  (void)store_.connection().Execute("PRAGMA foreign_keys=OFF");
}

ForeignKeyChecksOff::~ForeignKeyChecksOff() { (void)store_.connection().Execute("PRAGMA foreign_keys=ON"); }

}  // namespace leakgraph::store
