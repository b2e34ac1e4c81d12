// Finding an entity the way an analyst names it on the command line: by its
// id, its name or one of its aliases; and the alias text a decision stores
// to name it (ids change at every resolution, alias texts do not).
#pragma once

#include <string>

#include "leakgraph/status.h"
#include "store/store.h"

namespace leakgraph::resolve {

// The entity with id `key` (all digits), else the one named `key`, else the
// one with alias `key`. InvalidInput listing the candidates when several match.
[[nodiscard]] Result<store::EntityRow> FindEntity(store::Store& store, const std::string& key);

// The alias a decision uses to name `entity`: its most frequent alias.
// REQUIRES: entity.aliases is not empty.
std::string DecisionAnchor(const store::EntityRow& entity);

}  // namespace leakgraph::resolve
