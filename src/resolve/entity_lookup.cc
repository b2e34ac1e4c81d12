#include "resolve/entity_lookup.h"

namespace leakgraph::resolve {

Result<store::EntityRow> FindEntity(store::Store& store, const std::string& key) {
  if (!key.empty() && key.size() < 16 && key.find_first_not_of("0123456789") == std::string::npos) {
    auto e = store.GetEntity(std::stoll(key));
    if (e.ok() || e.status().code() != StatusCode::kNotFound) return e;
  }
  auto all = store.Entities("");
  if (!all.ok()) return all.status();
  for (bool by_alias : {false, true}) {
    std::vector<const store::EntityRow*> found;
    for (const store::EntityRow& e : *all) {
      bool hit = e.name == key;
      if (by_alias)
        for (const auto& a : e.aliases) hit = hit || a.alias == key;
      if (hit) found.push_back(&e);
    }
    if (found.size() == 1) return *found.front();
    if (found.size() > 1) {
      std::string ids;
      for (const auto* e : found)
        ids += (ids.empty() ? "" : ", ") + std::to_string(e->id) + " (" + e->name + ")";
      return Status::InvalidInput("'" + key + "' names several entities: " + ids + "; give an id");
    }
  }
  return Status::NotFound("no entity '" + key +
                          "' (give an id, a name or an alias; see `leakgraph entities`)");
}

std::string DecisionAnchor(const store::EntityRow& entity) {
  return entity.aliases.front().alias;
}

}  // namespace leakgraph::resolve
