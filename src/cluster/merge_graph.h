// `leakgraph merge-graph GLOBAL CLUSTER`: one entity graph over the shard
// folders of a cluster (src/cluster/cluster.h).
//
// GLOBAL is an ordinary investigation folder whose store imports, from each
// shard's store, the documents (one row per content hash, ids remapped), their
// locations, mentions and (schema v4) mention-level relations, with mention and
// relation ids shifted into GLOBAL's id space; then the normal resolve stage
// (src/resolve/resolve_case.h) runs over it, so entities, aliases, ties and
// evidence follow the same rules as on one machine, and GLOBAL's decisions
// journal applies. GLOBAL has no index of its own (`leakgraph reindex GLOBAL`
// would make it a complete single-machine folder); merge-graph writes the
// cluster file to GLOBAL/cluster so that `search GLOBAL` and `serve GLOBAL`
// search the shard servers.
//
// Incremental: each shard's import is recorded with a fingerprint of its store
// (row counts and highest ids of documents, mentions, relations, locations and
// the analysed/linked flags); only shards whose fingerprint changed, new
// shards, and shards no longer listed are re-imported or removed. A document
// held by several shards is kept while any of them holds it. Extra tables in
// GLOBAL's store: cluster_shards(name, folder, fingerprint, imported_at),
// cluster_documents(shard, shard_id, document_id), cluster_locations(shard, path).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "cluster/cluster.h"
#include "leakgraph/status.h"
#include "resolve/resolve_case.h"

namespace leakgraph::cluster {

struct ShardImport {
  std::string name;
  std::string state;  // "imported", "unchanged", "removed", "unreadable"
  std::string error;  // why unreadable
  std::size_t documents = 0;  // documents of the shard (imported ones)
  std::size_t relations = 0;  // relations imported
  bool had_relations = true;  // false: the shard's store predates schema v4 (no ties)
};

struct MergeReport {
  std::vector<ShardImport> shards;
  bool resolved = false;  // the resolve stage ran (something changed, or no entities yet)
  resolve::ResolveCaseReport resolve;
};

// Brings GLOBAL (created if missing) up to date with the shards of
// `cluster_file`. A shard without a folder or with an unreadable store is
// reported "unreadable" and its previous import, if any, is kept; the other
// shards are still merged. An error Status means GLOBAL itself could not be
// written.
Result<MergeReport> MergeGraph(const std::filesystem::path& global_dir, const std::filesystem::path& cluster_file);

}  // namespace leakgraph::cluster
