// The entity endpoints of the JSON API (entities and the analyst's decisions
// on them), independent of the HTTP library like api.h. Reads open their own
// read-only store; a decision appends to the journal and resolves the case
// again (exactly what `leakgraph merge|split|rename|reject` do), one decision
// at a time. Entity ids change at every resolution: a decision's response
// names the entity ids as they are afterwards.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "server/api.h"
#include "store/investigation.h"

namespace leakgraph::server {

// The actions POST /api/entities/{action} accepts.
inline constexpr const char* kDecisionActions[] = {"merge", "split", "rename", "reject"};

class EntityApi {
 public:
  explicit EntityApi(store::Investigation investigation) : investigation_(std::move(investigation)) {}

  // GET /api/entities (type, q, limit, offset): entities by mentions, most
  // first, with at most 8 names per script each.
  ApiResponse List(const std::multimap<std::string, std::string>& params) const;
  // GET /api/entities/{id}: names by script, aliases with the reason each
  // joined, roles, decisions naming it, mention count and documents (at most
  // 200, most mentions first, each with its count and first 5 mentions).
  ApiResponse Get(const std::string& id) const;
  // POST /api/entities/{action} with the JSON `body`: records the decision and
  // resolves the case again. REQUIRES: action is one of kDecisionActions.
  ApiResponse Decide(const std::string& action, const std::string& body);

 private:
  store::Investigation investigation_;
  std::mutex decide_mutex_;  // one journal append and resolution at a time
};

}  // namespace leakgraph::server
