// `leakgraph eval ties`: scores a case's typed ties against a gold folder
// written for its archive (examples/sample-gold/ is the sample archive's):
//   entities.tsv  entity_id, type, canonical_name, surface_forms (" | "-separated)
//   ties.tsv      source_id, target_id, type, file, sentence
// A gold tie is (file, type, source, target); a predicted one is each
// (file of an evidence sentence, type, source, target) of the case's ties.
// A case entity stands for the gold entity whose surface forms (folded for
// search) hold most of its aliases. Symmetric types match in either order.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "leakgraph/status.h"
#include "link/relation_eval.h"
#include "store/store.h"

namespace leakgraph::link {

struct TieEvalReport {
  std::map<std::string, RelationCounts> by_type;
  RelationCounts micro;
  std::vector<std::string> missed;    // gold ties not found: "file: type source -> target"
  std::vector<std::string> spurious;  // found ties not in the gold
};

[[nodiscard]] Result<TieEvalReport> EvaluateTies(store::Store& store, const std::filesystem::path& gold_folder);

}  // namespace leakgraph::link
