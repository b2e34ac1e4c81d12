#include "server/entity_api.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "resolve/entity_lookup.h"
#include "resolve/resolve_case.h"
#include "store/store.h"

namespace leakgraph::server {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxEntityPage = 500;
constexpr std::size_t kMaxEntityDocuments = 200;

Result<store::Store> OpenReadOnly(const store::Investigation& investigation) {
  return store::Store::Open(investigation.store_path(), false, /*read_only=*/true);
}

// Names shown per script in a summary; the entity page lists every alias.
constexpr std::size_t kSummaryNamesPerScript = 8;
// Mentions listed per document on the entity page (all are counted).
constexpr std::size_t kMentionsPerDocument = 5;

json Summary(const store::EntityRow& e) {
  json names = json::object();
  for (const auto& a : e.aliases)
    if (names[a.script].size() < kSummaryNamesPerScript) names[a.script].push_back(a.alias);
  return {{"id", e.id},
          {"type", e.type},
          {"name", e.name},
          {"names", names},
          {"mentions", e.mention_count},
          {"created_by", e.created_by}};
}

// A text field of the JSON request body, or an error naming it.
Result<std::string> Field(const json& body, const char* name) {
  if (!body.contains(name)) return Status::InvalidInput(std::string("field '") + name + "' is required");
  const json& v = body[name];
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (!v.is_string() || v.get<std::string>().empty())
    return Status::InvalidInput(std::string("field '") + name + "' must be an entity id or a non-empty text");
  return v.get<std::string>();
}

// The journal payload of `action` (the same as `leakgraph merge|split|rename|reject` write).
Result<json> DecisionPayload(store::Store& store, const std::string& action, const json& body) {
  auto key = Field(body, "entity");
  if (!key.ok()) return key.status();
  auto e = resolve::FindEntity(store, *key);
  if (!e.ok()) return e.status();
  json payload = {{"entity", resolve::DecisionAnchor(*e)}, {"entity_name", e->name}};
  if (action == "merge") {
    auto other_key = Field(body, "other");
    if (!other_key.ok()) return other_key.status();
    auto other = resolve::FindEntity(store, *other_key);
    if (!other.ok()) return other.status();
    if (other->id == e->id)
      return Status::InvalidInput("'" + *other_key + "' is already entity " + std::to_string(e->id));
    payload["other"] = resolve::DecisionAnchor(*other);
    payload["other_name"] = other->name;
  } else if (action == "split") {
    auto alias = Field(body, "alias");
    if (!alias.ok()) return alias.status();
    bool known = false;
    for (const auto& a : e->aliases) known = known || a.alias == *alias;
    if (!known)
      return Status::InvalidInput("entity " + std::to_string(e->id) + " has no alias '" + *alias + "'");
    if (e->aliases.size() < 2)
      return Status::InvalidInput("entity " + std::to_string(e->id) + " has one alias only");
    payload["alias"] = *alias;
  } else if (action == "rename") {
    auto name = Field(body, "name");
    if (!name.ok()) return name.status();
    if (name->size() > 200) return Status::InvalidInput("a name is at most 200 bytes");
    payload["name"] = *name;
  }
  return payload;
}

// The id of the entity that now holds `alias` (its most frequent holder), or null.
json EntityHolding(store::Store& store, const std::string& alias) {
  auto stmt = store.connection().Prepare(
      "SELECT entity_id FROM entity_aliases WHERE alias = ? ORDER BY count DESC, entity_id LIMIT 1");
  if (!stmt.ok()) return nullptr;
  stmt->Bind(1, std::string_view(alias));
  auto row = stmt->Step();
  if (!row.ok() || !*row) return nullptr;
  return stmt->Int(0);
}

}  // namespace

ApiResponse EntityApi::List(const Params& params) const {
  std::string type = Param(params, "type").value_or("");
  if (!type.empty() && type != "PERSON" && type != "ORG" && type != "LOCATION")
    return ErrorResponse(400, "parameter 'type' is PERSON, ORG or LOCATION");
  std::string q = Param(params, "q").value_or("");
  if (q.size() > 200) return ErrorResponse(400, "parameter 'q' is at most 200 bytes");
  auto limit = NumberParam(params, "limit", 50, 1, kMaxEntityPage);
  if (!limit.ok()) return FromStatus(limit.status());
  auto offset = NumberParam(params, "offset", 0, 0, 1000000);
  if (!offset.ok()) return FromStatus(offset.status());
  auto store = OpenReadOnly(investigation_);
  if (!store.ok()) return FromStatus(store.status());
  auto page = store->FindEntities({type, q, *offset, *limit});
  if (!page.ok()) return FromStatus(page.status());
  json list = json::array();
  for (const auto& e : page->entities) list.push_back(Summary(e));
  return JsonResponse({{"total", page->total}, {"offset", *offset}, {"limit", *limit}, {"entities", list}});
}

ApiResponse EntityApi::Get(const std::string& id_text) const {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (ec != std::errc() || end != id_text.data() + id_text.size() || id <= 0)
    return ErrorResponse(400, "an entity id is a positive number");
  auto store = OpenReadOnly(investigation_);
  if (!store.ok()) return FromStatus(store.status());
  auto e = store->GetEntity(id);
  if (!e.ok()) return FromStatus(e.status());
  auto documents = store->EntityDocumentsOf(id, kMaxEntityDocuments, kMentionsPerDocument);
  if (!documents.ok()) return FromStatus(documents.status());

  json out = Summary(*e);
  out["mentions"] = documents->mention_count;
  json aliases = json::array();
  std::set<std::string> alias_set;
  for (const auto& a : e->aliases) {
    aliases.push_back({{"alias", a.alias}, {"script", a.script}, {"count", a.count}, {"reason", a.reason}});
    alias_set.insert(a.alias);
  }
  out["aliases"] = aliases;

  // Roles: what the PERSON mentions' sentences say the person is.
  std::map<std::string, std::int64_t> roles;
  auto stmt = store->connection().Prepare(
      "SELECT m.extra FROM entity_mentions em JOIN mentions m ON m.id = em.mention_id"
      " WHERE em.entity_id = ? AND m.type = 'PERSON' AND m.extra LIKE '%\"role%'");
  if (!stmt.ok()) return FromStatus(stmt.status());
  stmt->Bind(1, id);
  for (;;) {
    auto row = stmt->Step();
    if (!row.ok()) return FromStatus(row.status());
    if (!*row) break;
    json extra = json::parse(stmt->Text(0), nullptr, false);
    if (!extra.is_object()) continue;
    if (extra.contains("roles") && extra["roles"].is_array()) {
      for (const auto& r : extra["roles"])
        if (r.is_string()) ++roles[r.get<std::string>()];
    } else if (extra.contains("role") && extra["role"].is_string()) {
      ++roles[extra["role"].get<std::string>()];
    }
  }
  json role_list = json::array();
  for (const auto& [role, count] : roles) role_list.push_back({{"role", role}, {"mentions", count}});
  out["roles"] = role_list;

  // Documents, most mentions first; the first mentions of each with offsets.
  json document_list = json::array();
  for (const auto& d : documents->documents) {
    json mentions = json::array();
    for (const auto& m : d.mentions)
      mentions.push_back({{"begin", m.begin}, {"end", m.end}, {"text", m.text}, {"reason", m.reason}});
    document_list.push_back({{"id", d.document_id},
                             {"path", d.path},
                             {"mention_count", d.mention_count},
                             {"mentions", mentions}});
  }
  out["document_count"] = documents->document_count;
  out["documents"] = document_list;

  // The analyst's decisions that name one of its aliases.
  auto journal = store->Decisions();
  if (!journal.ok()) return FromStatus(journal.status());
  json decisions = json::array();
  for (const auto& d : *journal) {
    json payload = json::parse(d.payload, nullptr, false);
    if (!payload.is_object()) continue;
    bool names_it = false;
    for (const char* key : {"entity", "other", "alias", "name"})
      if (payload.contains(key) && payload[key].is_string() &&
          alias_set.count(payload[key].get<std::string>()))
        names_it = true;
    if (names_it)
      decisions.push_back({{"id", d.id}, {"at", d.at}, {"action", d.action}, {"payload", payload}});
  }
  out["decisions"] = decisions;
  return JsonResponse(out);
}

ApiResponse EntityApi::Decide(const std::string& action, const std::string& body_text) {
  json body = json::parse(body_text, nullptr, false);
  if (!body.is_object()) return ErrorResponse(400, "the request body must be a JSON object");
  std::lock_guard lock(decide_mutex_);
  json payload;
  std::int64_t decision_id = 0;
  {
    auto store = store::Store::Open(investigation_.store_path(), false);
    if (!store.ok()) return FromStatus(store.status());
    auto p = DecisionPayload(*store, action, body);
    if (!p.ok()) return FromStatus(p.status());
    payload = std::move(*p);
    auto id = store->AppendDecision(action, payload.dump());
    if (!id.ok()) return FromStatus(id.status());
    decision_id = *id;
  }
  auto report = resolve::ResolveInvestigation(investigation_);
  if (!report.ok()) return FromStatus(report.status());
  auto store = OpenReadOnly(investigation_);
  if (!store.ok()) return FromStatus(store.status());
  json out = {{"action", action},
              {"decision_id", decision_id},
              {"payload", payload},
              {"entities", report->entities},
              {"entity_id", action == "reject" ? json(nullptr) : EntityHolding(*store, payload["entity"])}};
  if (action == "split") out["split_entity_id"] = EntityHolding(*store, payload["alias"]);
  return JsonResponse(out);
}

}  // namespace leakgraph::server
