// The link stage's table of the store: relations (schema at the top of
// store.cc), and the entity-level views derived from it: ties, payments and
// the timeline. Entity-level rows are computed at read time by joining
// relations through entity_mentions, so an analyst's merge or split changes
// them without re-linking.
#include <algorithm>
#include <charconv>
#include <memory>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "store/store.h"

namespace leakgraph::store {

namespace {

std::int64_t AsInt(std::size_t v) { return static_cast<std::int64_t>(v); }
std::size_t AsSize(std::int64_t v) { return v < 0 ? 0 : static_cast<std::size_t>(v); }

// "25000 USD" -> (25000, "USD"); the normalized form of a MONEY mention.
void ParseMoney(const std::string& normalized, std::optional<double>& amount, std::string& currency) {
  auto space = normalized.find(' ');
  if (space == std::string::npos) return;
  double value = 0;
  auto [ptr, ec] = std::from_chars(normalized.data(), normalized.data() + space, value);
  if (ec != std::errc() || ptr != normalized.data() + space) return;
  amount = value;
  currency = normalized.substr(space + 1);
}

// The part of the evidence query shared by ties, payments and the timeline:
// the sentence text, the first path, and the MONEY and DATE of the relation.
constexpr const char* kEvidenceSql =
    "SELECT r.id, r.document_id, r.sentence_begin, r.sentence_end, r.trigger_begin, r.trigger_end,"
    " r.confidence, r.evidence,"
    " CAST(substr(CAST(d.text AS BLOB), r.sentence_begin + 1, r.sentence_end - r.sentence_begin) AS TEXT),"
    " (SELECT l.path FROM locations l WHERE l.document_id = r.document_id ORDER BY l.path LIMIT 1),"
    " am.normalized, dm.normalized"
    " FROM relations r JOIN documents d ON d.id = r.document_id"
    " LEFT JOIN mentions am ON am.id = r.amount_mention"
    " LEFT JOIN mentions dm ON dm.id = r.date_mention"
    " WHERE r.id = ?";

// Orders (confidence, relation id) evidence candidates: most confident first,
// then the older relation.
bool MostConfidentFirst(const std::pair<double, std::int64_t>& a, const std::pair<double, std::int64_t>& b) {
  return a.first != b.first ? a.first > b.first : a.second < b.second;
}

// Entities by id, each read from the store once per call.
class EntityRefs {
 public:
  explicit EntityRefs(Store& store) : store_(store) {}
  Result<EntityRef> Get(std::int64_t id) {
    auto it = cache_.find(id);
    if (it != cache_.end()) return it->second;
    auto r = store_.EntityRefById(id);
    if (!r.ok()) return r.status();
    return cache_.emplace(id, *r).first->second;
  }

 private:
  Store& store_;
  std::unordered_map<std::int64_t, EntityRef> cache_;
};

}  // namespace

bool IsSymmetricTieType(std::string_view type) {
  return type == "close_ties" || type == "met_with" || type == "family" || type == "opposes" ||
         type == kCoMention;
}

Status Store::ReplaceMentionsAndRelations(std::int64_t document_id, const std::vector<Mention>& mentions,
                                          const std::vector<Relation>& relations, int analyser_version,
                                          int linker_version) {
  if (has_relations_) {
    auto del_rel = Cached("DELETE FROM relations WHERE document_id = ?");
    if (!del_rel.ok()) return del_rel.status();
    (*del_rel)->Bind(1, document_id);
    if (Status s = (*del_rel)->Run(); !s.ok()) return s;
  }
  auto del = Cached("DELETE FROM mentions WHERE document_id = ?");
  if (!del.ok()) return del.status();
  (*del)->Bind(1, document_id);
  if (Status s = (*del)->Run(); !s.ok()) return s;
  // Ids given here as SQLite would (the largest + 1, in order), so that the
  // relations can refer to them without reading each one back.
  auto last_id = Cached("SELECT coalesce(max(id), 0) FROM mentions");
  if (!last_id.ok()) return last_id.status();
  auto row = (*last_id)->Step();
  if (!row.ok()) return row.status();
  const std::int64_t first_id = (*last_id)->Int(0) + 1;
  (*last_id)->Reset();
  std::vector<std::int64_t> ids(mentions.size());
  std::iota(ids.begin(), ids.end(), first_id);
  if (Status s =
          InsertRows(conn_, mention_insert_,
                     "INSERT INTO mentions(id, document_id, type, begin, end, text, normalized, confidence,"
                     " extra)",
                     9, mentions.size(),
                     [&](Statement& s, std::size_t k) {
                       const Mention& m = mentions[k];
                       s.Bind(1, ids[k]).Bind(2, document_id).Bind(3, std::string_view(m.type));
                       s.Bind(4, AsInt(m.begin)).Bind(5, AsInt(m.end));
                       s.Bind(6, std::string_view(m.text)).Bind(7, std::string_view(m.normalized));
                       s.BindDouble(8, m.confidence).Bind(9, std::string_view(m.extra));
                     });
      !s.ok()) {
    return s;
  }
  if (!relations.empty()) {
    if (Status s = InsertRelations(document_id, ids, relations); !s.ok()) return s;
  }
  auto mark = Cached(has_relations_ ? "UPDATE documents SET analysed = ?, linked = ? WHERE id = ?"
                                    : "UPDATE documents SET analysed = ? WHERE id = ?");
  if (!mark.ok()) return mark.status();
  (*mark)->Bind(1, static_cast<std::int64_t>(analyser_version));
  if (has_relations_) {
    (*mark)->Bind(2, static_cast<std::int64_t>(linker_version)).Bind(3, document_id);
  } else {
    (*mark)->Bind(2, document_id);
  }
  return (*mark)->Run();
}

Status Store::InsertRelations(std::int64_t document_id, const std::vector<std::int64_t>& mention_ids,
                              const std::vector<Relation>& relations) {
  auto valid = [&](std::size_t index) { return index < mention_ids.size(); };
  for (const Relation& r : relations) {
    if (!valid(r.source) || !valid(r.target) || (r.amount && !valid(*r.amount)) || (r.date && !valid(*r.date))) {
      return Status::InvalidInput("relation " + r.type + " of document " + std::to_string(document_id) +
                                     " refers to a mention it does not have");
    }
  }
  return InsertRows(
      conn_, relation_insert_,
      "INSERT INTO relations(document_id, type, source_mention, target_mention, sentence_begin,"
      " sentence_end, trigger_begin, trigger_end, amount_mention, date_mention, confidence, evidence)",
      12, relations.size(), [&](Statement& s, std::size_t k) {
        const Relation& r = relations[k];
        s.Bind(1, document_id).Bind(2, std::string_view(r.type));
        s.Bind(3, mention_ids[r.source]).Bind(4, mention_ids[r.target]);
        s.Bind(5, AsInt(r.sentence_begin)).Bind(6, AsInt(r.sentence_end));
        s.Bind(7, AsInt(r.trigger_begin)).Bind(8, AsInt(r.trigger_end));
        if (r.amount)
          s.Bind(9, mention_ids[*r.amount]);
        else
          s.BindNull(9);
        if (r.date)
          s.Bind(10, mention_ids[*r.date]);
        else
          s.BindNull(10);
        s.BindDouble(11, r.confidence).Bind(12, std::string_view(r.evidence));
      });
}

Status Store::ReplaceRelations(std::int64_t document_id, const std::vector<Relation>& relations,
                               int linker_version) {
  if (!has_relations_) return Status::InvalidInput("the store predates the link stage (schema < 4)");
  auto ids_stmt = Cached("SELECT id FROM mentions WHERE document_id = ? ORDER BY id");
  if (!ids_stmt.ok()) return ids_stmt.status();
  (*ids_stmt)->Bind(1, document_id);
  std::vector<std::int64_t> ids;
  if (Status s = EachRow(**ids_stmt, [&](Statement& r) { ids.push_back(r.Int(0)); }); !s.ok()) return s;
  auto del = Cached("DELETE FROM relations WHERE document_id = ?");
  if (!del.ok()) return del.status();
  (*del)->Bind(1, document_id);
  if (Status s = (*del)->Run(); !s.ok()) return s;
  if (Status s = InsertRelations(document_id, ids, relations); !s.ok()) return s;
  auto mark = Cached("UPDATE documents SET linked = ? WHERE id = ?");
  if (!mark.ok()) return mark.status();
  (*mark)->Bind(1, static_cast<std::int64_t>(linker_version)).Bind(2, document_id);
  return (*mark)->Run();
}

Result<std::vector<std::int64_t>> Store::UnlinkedDocuments(int linker_version, std::int64_t after_id,
                                                           std::size_t limit) {
  std::vector<std::int64_t> out;
  if (!has_relations_) return out;
  auto stmt = Cached("SELECT id FROM documents WHERE analysed > 0 AND linked < ? AND id > ? ORDER BY id LIMIT ?");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, static_cast<std::int64_t>(linker_version)).Bind(2, after_id).Bind(3, AsInt(limit));
  if (Status s = EachRow(**stmt, [&](Statement& r) { out.push_back(r.Int(0)); }); !s.ok()) return s;
  return out;
}

Result<std::int64_t> Store::UnlinkedCount(int linker_version) {
  if (!has_relations_) return DocumentCount();
  auto stmt = Cached("SELECT count(*) FROM documents WHERE analysed > 0 AND linked < ?");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, static_cast<std::int64_t>(linker_version));
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  return (*stmt)->Int(0);
}

Result<std::vector<CountRow>> Store::RelationCounts() {
  if (!has_relations_) return std::vector<CountRow>();
  return CountBy("SELECT type, count(*) FROM relations GROUP BY 1 ORDER BY 2 DESC, 1");
}

Result<EntityRef> Store::EntityRefById(std::int64_t id) {
  auto stmt = Cached("SELECT id, type, name FROM entities WHERE id = ?");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, id);
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no entity " + std::to_string(id));
  EntityRef ref{(*stmt)->Int(0), (*stmt)->Text(1), (*stmt)->Text(2)};
  (*stmt)->Reset();
  return ref;
}

Result<TieEvidence> Store::RelationEvidence(std::int64_t relation_id) {
  auto stmt = Cached(kEvidenceSql);
  if (!stmt.ok()) return stmt.status();
  Statement& s = **stmt;
  s.Bind(1, relation_id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no relation " + std::to_string(relation_id));
  TieEvidence e;
  e.relation_id = s.Int(0);
  e.document_id = s.Int(1);
  e.begin = AsSize(s.Int(2));
  e.end = AsSize(s.Int(3));
  e.trigger_begin = AsSize(s.Int(4));
  e.trigger_end = AsSize(s.Int(5));
  e.confidence = s.Double(6);
  std::string header = s.Text(7);
  e.text = header.empty() ? s.Text(8) : header;
  e.path = s.IsNull(9) ? "" : s.Text(9);
  if (!s.IsNull(10)) ParseMoney(s.Text(10), e.amount, e.currency);
  if (!s.IsNull(11)) e.date = s.Text(11);
  if (header.empty() && e.trigger_begin >= e.begin && e.trigger_end <= e.end && e.trigger_end > e.trigger_begin &&
      e.trigger_end - e.begin <= e.text.size()) {
    e.trigger = e.text.substr(e.trigger_begin - e.begin, e.trigger_end - e.trigger_begin);
  }
  s.Reset();
  return e;
}

namespace {

// The entity-level totals of Store::Ties, gathered document by document: the
// relations of one document are deduplicated by sentence there, so the case's
// totals hold two counts per tie instead of every sentence and document of it
// (at 1M documents, 12M relations: those lists were most of the memory).
class TieAggregator {
 public:
  struct Key {
    std::int64_t source = 0;
    std::int64_t target = 0;
    std::uint32_t type = 0;  // index into types()
    bool operator==(const Key&) const = default;
  };
  struct Totals {
    std::int64_t weight = 0;     // distinct (document, sentence)
    std::int64_t documents = 0;  // distinct documents
  };

  explicit TieAggregator(std::size_t keep_evidence) : keep_(keep_evidence) {}

  // Adds one relation between entities; the relations of a document must come
  // together (Add returns false, and nothing is counted, when a document
  // comes back after another one).
  bool Add(std::int64_t relation, std::string_view type, std::int64_t source, std::int64_t target,
           std::int64_t document, double confidence, std::int64_t sentence) {
    if (source == target) return true;
    if (document != current_document_) {
      FlushDocument();
      const auto slot = static_cast<std::size_t>(std::max<std::int64_t>(0, document));
      if (slot >= finished_documents_.size()) {
        finished_documents_.resize(std::max(slot + 1, finished_documents_.size() * 3 / 2));
      }
      if (finished_documents_[slot]) return false;
      finished_documents_[slot] = true;
      current_document_ = document;
    }
    if (IsSymmetricTieType(type) && target < source) std::swap(source, target);
    rows_.push_back({{source, target, TypeIndex(type)}, sentence, confidence, relation});
    return true;
  }

  // Counts the last document; then totals(), keys() and best() are complete.
  void Finish() { FlushDocument(); }

  const std::vector<std::string>& types() const { return types_; }
  const std::vector<Key>& keys() const { return keys_; }
  const std::vector<Totals>& totals() const { return totals_; }
  // (confidence, relation id) candidates of tie i for its evidence; empty
  // unless evidence was asked for.
  std::vector<std::pair<double, std::int64_t>>& best(std::size_t i) { return best_[i]; }

 private:
  struct Row {
    Key key;
    std::int64_t sentence;
    double confidence;
    std::int64_t relation;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      std::uint64_t h = static_cast<std::uint64_t>(k.source) * 0x9E3779B97F4A7C15ULL;
      h ^= static_cast<std::uint64_t>(k.target) + 0x632BE59BD9B4E019ULL + (h << 6) + (h >> 2);
      h ^= k.type + (h << 6) + (h >> 2);
      return static_cast<std::size_t>(h);
    }
  };

  std::uint32_t TypeIndex(std::string_view type) {
    for (std::uint32_t i = 0; i < types_.size(); ++i) {
      if (types_[i] == type) return i;
    }
    types_.emplace_back(type);
    return static_cast<std::uint32_t>(types_.size() - 1);
  }

  void FlushDocument() {
    if (rows_.empty()) return;
    std::sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) {
      return std::tie(a.key.source, a.key.target, a.key.type, a.sentence) <
             std::tie(b.key.source, b.key.target, b.key.type, b.sentence);
    });
    for (std::size_t i = 0; i < rows_.size();) {
      std::size_t j = i;
      auto [it, added] = index_.try_emplace(rows_[i].key, keys_.size());
      if (added) {
        keys_.push_back(rows_[i].key);
        totals_.emplace_back();
        if (keep_ > 0) best_.emplace_back();
      }
      Totals& totals = totals_[it->second];
      ++totals.documents;
      // Two relations of one sentence (a role and a trigger, two names of one
      // entity) state the tie once.
      for (; j < rows_.size() && rows_[j].key == rows_[i].key; ++j) {
        if (j == i || rows_[j].sentence != rows_[j - 1].sentence) ++totals.weight;
        if (keep_ > 0) KeepCandidate(best_[it->second], rows_[j].confidence, rows_[j].relation);
      }
      i = j;
    }
    rows_.clear();
  }

  void KeepCandidate(std::vector<std::pair<double, std::int64_t>>& best, double confidence, std::int64_t relation) {
    best.emplace_back(confidence, relation);
    if (best.size() > 4 * keep_ + 16) {
      std::sort(best.begin(), best.end(), MostConfidentFirst);
      best.resize(2 * keep_);
    }
  }

  std::size_t keep_;
  std::vector<std::string> types_;
  std::unordered_map<Key, std::size_t, KeyHash> index_;
  std::vector<Key> keys_;
  std::vector<Totals> totals_;
  std::vector<std::vector<std::pair<double, std::int64_t>>> best_;
  std::vector<Row> rows_;  // the current document's
  std::int64_t current_document_ = -1;
  std::vector<bool> finished_documents_;  // by document id: its relations were counted
};

}  // namespace

Result<std::vector<TieRow>> Store::Ties(const TieQuery& query) {
  std::vector<TieRow> out;
  if (!has_relations_) return out;
  const std::size_t keep = query.max_evidence;
  std::string where = " WHERE r.type != 'dated'";
  if (!query.type.empty()) {
    where += " AND r.type = ?2";
  } else if (!query.co_mention) {
    where += " AND r.type != 'co_mention'";
  }
  // Reads the relations into `ties`, in document order when `ordered` (else in
  // the table's order, which keeps a document's relations together since they
  // are written together; false if they turn out not to be).
  auto gather = [&](TieAggregator& ties, bool ordered) -> Result<bool> {
    bool together = true;
    auto add = [&](std::int64_t relation, std::string_view type, std::int64_t source, std::int64_t target,
                   std::int64_t document, double confidence, std::int64_t sentence) {
      if (query.entity && query.other &&
          !((source == *query.entity && target == *query.other) ||
            (source == *query.other && target == *query.entity)))
        return;
      if (together && !ties.Add(relation, type, source, target, document, confidence, sentence)) together = false;
    };
    if (query.entity) {
      // One entity's ties: through the indexes.
      std::string sql =
          "SELECT r.id, r.type, es.entity_id, et.entity_id, r.document_id, r.confidence, r.sentence_begin"
          " FROM relations r"
          " JOIN entity_mentions es ON es.mention_id = r.source_mention"
          " JOIN entity_mentions et ON et.mention_id = r.target_mention" +
          where +
          " AND (r.source_mention IN (SELECT mention_id FROM entity_mentions WHERE entity_id = ?1)"
          " OR r.target_mention IN (SELECT mention_id FROM entity_mentions WHERE entity_id = ?1))"
          " ORDER BY r.document_id";
      auto stmt = conn_.Prepare(sql);
      if (!stmt.ok()) return stmt.status();
      stmt->Bind(1, *query.entity);
      if (!query.type.empty()) stmt->Bind(2, std::string_view(query.type));
      Status s = EachRow(*stmt, [&](Statement& r) {
        add(r.Int(0), r.Bytes(1), r.Int(2), r.Int(3), r.Int(4), r.Double(5), r.Int(6));
      });
      if (!s.ok()) return s;
      return together;
    }
    // Every tie: two sequential scans instead of two random lookups per
    // relation, which stop fitting in memory on big cases.
    std::vector<std::int64_t> entity_of;  // by mention id; 0 = no entity
    auto links = conn_.Prepare("SELECT mention_id, entity_id FROM entity_mentions ORDER BY mention_id");
    if (!links.ok()) return links.status();
    Status s = EachRow(*links, [&](Statement& r) {
      auto mention = static_cast<std::size_t>(std::max<std::int64_t>(0, r.Int(0)));
      if (mention >= entity_of.size()) entity_of.resize(std::max(mention + 1, entity_of.size() * 3 / 2), 0);
      entity_of[mention] = r.Int(1);
    });
    if (!s.ok()) return s;
    auto entity = [&](std::int64_t mention) -> std::int64_t {
      return mention > 0 && static_cast<std::size_t>(mention) < entity_of.size() ? entity_of[mention] : 0;
    };
    auto stmt = conn_.Prepare(
        "SELECT r.id, r.type, r.source_mention, r.target_mention, r.document_id, r.confidence, r.sentence_begin"
        " FROM relations r" + where + (ordered ? " ORDER BY r.document_id" : ""));
    if (!stmt.ok()) return stmt.status();
    if (!query.type.empty()) stmt->Bind(2, std::string_view(query.type));
    s = EachRow(*stmt, [&](Statement& r) {
      std::int64_t source = entity(r.Int(2)), target = entity(r.Int(3));
      if (source == 0 || target == 0) return;
      add(r.Int(0), r.Bytes(1), source, target, r.Int(4), r.Double(5), r.Int(6));
    });
    if (!s.ok()) return s;
    return together;
  };
  auto aggregated = std::make_unique<TieAggregator>(keep);
  auto together = gather(*aggregated, /*ordered=*/false);
  if (!together.ok()) return together.status();
  if (!*together) {
    aggregated = std::make_unique<TieAggregator>(keep);
    together = gather(*aggregated, /*ordered=*/true);
    if (!together.ok()) return together.status();
  }
  TieAggregator& ties = *aggregated;
  ties.Finish();

  const auto& keys = ties.keys();
  const auto& totals = ties.totals();
  const auto& types = ties.types();
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (totals[i].weight >= query.min_weight) kept.push_back(i);
  }
  std::sort(kept.begin(), kept.end(), [&](std::size_t a, std::size_t b) {
    if (totals[a].weight != totals[b].weight) return totals[a].weight > totals[b].weight;
    return std::tie(keys[a].source, keys[a].target, types[keys[a].type]) <
           std::tie(keys[b].source, keys[b].target, types[keys[b].type]);
  });
  if (query.limit > 0 && kept.size() > query.limit) kept.resize(query.limit);

  EntityRefs refs(*this);
  out.reserve(kept.size());
  for (std::size_t i : kept) {
    TieRow tie;
    auto source = refs.Get(keys[i].source);
    if (!source.ok()) return source.status();
    auto target = refs.Get(keys[i].target);
    if (!target.ok()) return target.status();
    tie.source = *source;
    tie.target = *target;
    tie.type = types[keys[i].type];
    tie.weight = totals[i].weight;
    tie.documents = totals[i].documents;
    if (keep > 0) {
      auto& best = ties.best(i);
      std::sort(best.begin(), best.end(), MostConfidentFirst);
      for (std::size_t b = 0; b < best.size() && tie.evidence.size() < keep; ++b) {
        auto evidence = RelationEvidence(best[b].second);
        if (!evidence.ok()) return evidence.status();
        bool repeated = std::any_of(tie.evidence.begin(), tie.evidence.end(), [&](const TieEvidence& e) {
          return e.document_id == evidence->document_id && e.begin == evidence->begin && e.text == evidence->text;
        });
        if (!repeated) tie.evidence.push_back(std::move(*evidence));
      }
    }
    out.push_back(std::move(tie));
  }
  return out;
}

Result<std::vector<PaymentRow>> Store::Payments(std::optional<std::int64_t> entity) {
  std::vector<PaymentRow> out;
  if (!has_relations_) return out;
  std::string sql =
      "SELECT r.id, es.entity_id, et.entity_id FROM relations r"
      " JOIN entity_mentions es ON es.mention_id = r.source_mention"
      " JOIN entity_mentions et ON et.mention_id = r.target_mention WHERE r.type = 'paid'";
  // One entity's payments: from its own mentions to their relations (both
  // ends), not through every paid relation of the case.
  if (entity) {
    sql +=
        " AND r.id IN (SELECT r2.id FROM entity_mentions e2 CROSS JOIN relations r2"
        " ON r2.source_mention = e2.mention_id WHERE e2.entity_id = ?1 AND r2.type = 'paid'"
        " UNION SELECT r3.id FROM entity_mentions e3 CROSS JOIN relations r3"
        " ON r3.target_mention = e3.mention_id WHERE e3.entity_id = ?1 AND r3.type = 'paid')";
  }
  auto stmt = conn_.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  if (entity) stmt->Bind(1, *entity);
  std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>> rows;
  Status s = EachRow(*stmt, [&](Statement& r) { rows.emplace_back(r.Int(0), r.Int(1), r.Int(2)); });
  if (!s.ok()) return s;
  EntityRefs refs(*this);
  for (const auto& [relation, payer, payee] : rows) {
    if (payer == payee) continue;
    PaymentRow p;
    auto a = refs.Get(payer);
    if (!a.ok()) return a.status();
    auto b = refs.Get(payee);
    if (!b.ok()) return b.status();
    auto evidence = RelationEvidence(relation);
    if (!evidence.ok()) return evidence.status();
    p.payer = *a;
    p.payee = *b;
    p.amount = evidence->amount;
    p.currency = evidence->currency;
    p.date = evidence->date;
    p.evidence = std::move(*evidence);
    out.push_back(std::move(p));
  }
  std::stable_sort(out.begin(), out.end(), [](const PaymentRow& a, const PaymentRow& b) {
    if (a.date != b.date) return a.date < b.date;
    return a.evidence.relation_id < b.evidence.relation_id;
  });
  return out;
}

Result<std::vector<EventRow>> Store::Timeline(std::optional<std::int64_t> entity, std::size_t limit) {
  std::vector<EventRow> out;
  if (!has_relations_) return out;
  // An event is a date mention; with `entity`, the date mentions its own
  // mentions are dated by (found from its mentions, not by testing every dated
  // relation of the case), and every entity dated by them.
  std::string columns =
      "SELECT r.id, r.document_id, r.sentence_begin, r.target_mention, em.entity_id,"
      " dm.normalized, dm.text, dm.extra FROM ";
  std::string sql =
      entity ? "WITH events(date_mention) AS (SELECT DISTINCT r2.target_mention FROM entity_mentions e2"
               " CROSS JOIN relations r2 ON r2.source_mention = e2.mention_id"
               " WHERE e2.entity_id = ?1 AND r2.type = 'dated') " +
                   columns + "events CROSS JOIN relations r ON r.target_mention = events.date_mention"
             : columns + "relations r";
  sql +=
      " JOIN entity_mentions em ON em.mention_id = r.source_mention"
      " JOIN mentions dm ON dm.id = r.target_mention WHERE r.type = 'dated'";
  sql += " ORDER BY dm.normalized, r.document_id, r.sentence_begin, r.target_mention, r.id";
  auto stmt = conn_.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  if (entity) stmt->Bind(1, *entity);
  struct Pending {
    std::int64_t relation = 0;
    std::int64_t date_mention = 0;
    std::string date, original, extra;
    std::vector<std::int64_t> entities;
  };
  std::vector<Pending> events;
  Status s = EachRow(*stmt, [&](Statement& r) {
    std::int64_t date_mention = r.Int(3);
    if (events.empty() || events.back().date_mention != date_mention) {
      if (limit > 0 && events.size() >= limit) return;
      events.push_back({r.Int(0), date_mention, r.Text(5), r.Text(6), r.Text(7), {}});
    }
    auto& list = events.back().entities;
    if (std::find(list.begin(), list.end(), r.Int(4)) == list.end()) list.push_back(r.Int(4));
  });
  if (!s.ok()) return s;
  EntityRefs refs(*this);
  for (Pending& p : events) {
    EventRow e;
    auto evidence = RelationEvidence(p.relation);
    if (!evidence.ok()) return evidence.status();
    e.date = p.date;
    e.original = p.original;
    auto at = p.extra.find("\"precision\":\"");
    if (at != std::string::npos) {
      auto from = at + 13;
      e.precision = p.extra.substr(from, p.extra.find('"', from) - from);
    }
    e.document_id = evidence->document_id;
    e.path = evidence->path;
    e.begin = evidence->begin;
    e.end = evidence->end;
    e.text = evidence->text;
    for (std::int64_t id : p.entities) {
      auto r = refs.Get(id);
      if (!r.ok()) return r.status();
      e.entities.push_back(*r);
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace leakgraph::store
