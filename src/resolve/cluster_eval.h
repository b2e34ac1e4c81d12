// `leakgraph eval resolve`: how well a case's entities match a gold file
// (examples/sample-gold/entities.tsv: entity_id, type, canonical_name,
// surface forms separated by " | "). A mention is gold-mapped when its exact
// text is a surface form of exactly one gold entity; forms shared by two
// gold entities are left out.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "leakgraph/status.h"

namespace leakgraph::resolve {

struct GoldEntity {
  std::string id;
  std::string type;
  std::string name;
  std::vector<std::string> forms;
};

// Reads a gold entities file. Errors name the file.
[[nodiscard]] Result<std::vector<GoldEntity>> ReadGoldEntities(const std::string& path);

// A mention as resolved: its text and its entity (0 = none).
struct ResolvedText {
  std::string text;
  std::int64_t entity = 0;
};

struct MissedVariant {
  std::string gold_id;
  std::string form;  // a surface form whose mentions are not in the gold entity's main cluster
};

struct ClusterEvalReport {
  double precision = 0;  // pairwise over gold-mapped mentions: same entity and same gold / same entity
  double recall = 0;     // same entity and same gold / same gold
  std::int64_t mapped_mentions = 0;
  std::vector<MissedVariant> missed;
};

ClusterEvalReport EvaluateClusters(const std::vector<GoldEntity>& gold,
                                   const std::vector<ResolvedText>& mentions);

}  // namespace leakgraph::resolve
