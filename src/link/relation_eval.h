// `leakgraph eval relations`: scores the link stage against re3d's
// relations.json (dstl/re3d: per source, documents.json, entities.json and
// relations.json as JSON lines; character offsets).
//
// Gold relations of five types are scored, mapped to ours: BelongsTo ->
// member_of, InChargeOf -> leads, AlliesOf -> close_ties, CommWith ->
// communicated_with (our met_with counts as CommWith too: re3d annotates
// meetings so), FightingAgainst -> opposes. A predicted tie matches a gold
// relation of its type when each argument's span overlaps one of the gold
// relation's argument spans, in either order (re3d states several relations
// in both directions; they count once). Each gold relation is matched at most
// once; predictions of our other types (paid, family, located_in) are not
// scored.
//
// The baseline is co-mention: every pair of entities named in one sentence
// predicted as a tie of each of the five types (co-mention cannot tell the
// type). Both are also scored untyped (any type matches), where co-mention
// is at its strongest.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "leakgraph/status.h"

namespace leakgraph::link {

struct RelationCounts {
  std::size_t true_positives = 0;
  std::size_t false_positives = 0;
  std::size_t false_negatives = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

struct RelationEvalReport {
  std::map<std::string, RelationCounts> by_type;  // our type names
  RelationCounts micro;
  RelationCounts untyped;
  RelationCounts baseline_micro;    // co-mention
  RelationCounts baseline_untyped;
  std::size_t documents = 0;
  std::size_t gold_relations = 0;   // of the five types, after merging both directions
  double seconds = 0;
};

struct RelationEvalOptions {
  // Use re3d's own entity spans (Person, Organisation, Location, Nationality)
  // instead of our NER: scores the linker alone.
  bool gold_entities = false;
};

// `path` is a re3d source folder (with documents.json) or a folder of them.
[[nodiscard]] Result<RelationEvalReport> EvaluateRe3dRelations(const std::filesystem::path& path,
                                                               const RelationEvalOptions& options);

}  // namespace leakgraph::link
