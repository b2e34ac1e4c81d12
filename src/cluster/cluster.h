// Search across machines (issue 9). An archive is ingested as N shard folders
// (`leakgraph ingest --shard K/N`), each served over Xapian's remote protocol
// by `leakgraph serve-shard` (xapian-tcpsrv). A cluster file lists them:
//
//   # NAME  HOST:PORT       FOLDER (optional; relative to the cluster file)
//   a       10.0.0.1:9701   /mnt/a/case
//   b       10.0.0.2:9701   /mnt/b/case
//
// NAME is any word shown in warnings and in each hit's "shard". FOLDER is the
// shard's investigation folder as readable from the machine that searches
// (a network mount or a copy of its leakgraph.sqlite): hits take their
// snippets and facet spellings from its store, and `merge-graph` imports it.
// Without it hits still come with title, path and ranking, but query words
// are expanded to their stemmed variants only through the synonym tables
// (index/shard-0) of the shards whose FOLDER is readable: Xapian 1.4's remote
// protocol does not serve synonyms, so each such shard is warned about.
//
// ClusterSearcher opens every shard with Xapian::Remote::open and adds them to
// one Xapian::Database, so ranking uses the statistics of all shards. A served
// shard folder numbers its documents by store id (its own index shards are
// combined the same way), so docid d of the cluster database is document
// (d-1)/M+1 of shard (d-1)%M, M the number of shards answering.
//
// Failure: a shard that cannot be reached, or that fails during a query, is
// left out and the query is run again on the others; the result then carries
// a warning naming each shard left out. Every remote call is bounded by the
// timeouts of ClusterOptions. A query fails only if no shard answers.
#pragma once

#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "index/case_search.h"
#include "index/index.h"
#include "leakgraph/status.h"
#include "store/store.h"

namespace leakgraph::cluster {

struct ShardEntry {
  std::string name;
  std::string host;
  int port = 0;
  std::string folder;  // absolute, or "" when the cluster file gives none
};

// Parses a cluster file (format above). Errors name the file, the line and the
// problem; duplicate names and an empty list are errors.
Result<std::vector<ShardEntry>> ReadClusterFile(const std::filesystem::path& path);
// Parses the text of a cluster file; relative folders are taken from `base_dir`.
Result<std::vector<ShardEntry>> ParseCluster(const std::string& text, const std::filesystem::path& base_dir,
                                             const std::string& origin);
// Splits "HOST:PORT" ("[::1]:9701" for IPv6); false if malformed.
bool ParseHostPort(const std::string& text, std::string& host, int& port);

struct ClusterOptions {
  // Bound on every remote call of a connected shard (xapian's remote timeout).
  std::chrono::milliseconds timeout{5000};
  // Bound on connecting to a shard.
  std::chrono::milliseconds connect_timeout{2000};
};

class ClusterSearcher {
 public:
  ClusterSearcher(std::vector<ShardEntry> shards, ClusterOptions options);
  ~ClusterSearcher();
  ClusterSearcher(const ClusterSearcher&) = delete;
  ClusterSearcher& operator=(const ClusterSearcher&) = delete;

  // Runs `request` over every shard that answers (connecting to the shards not
  // yet connected; a connection that failed is retried at the next search).
  // The result has from_cluster set, each hit's shard, and one warning per
  // shard left out. kInvalidInput for a query syntax error; kIoError naming
  // every shard when none answers. Thread-safe (searches are serialised).
  Result<index::CaseSearchResult> Search(const index::SearchRequest& request);

  const std::vector<ShardEntry>& shards() const { return shards_; }

 private:
  struct Shard;
  // Connects the shards that have no connection; records why one could not.
  void ConnectMissing();
  // Reconnects every shard afresh (after a failed query).
  void ReconnectAll();
  // The store of shard i, opened read-only at first use; nullptr if it has no readable folder.
  store::Store* StoreOf(std::size_t i);
  // The local copy of shard i's stem synonym table (FOLDER/index/shard-0), or nullptr.
  Xapian::Database* SynonymsOf(std::size_t i);

  std::vector<ShardEntry> shards_;
  ClusterOptions options_;
  std::vector<std::unique_ptr<Shard>> state_;
  std::mutex mutex_;
};

// The cluster that `leakgraph search`/`serve` of the folder `case_dir` use:
// the one set by SetServeCluster, else CASE/cluster if that file exists
// (merge-graph writes it), else none.
std::optional<std::filesystem::path> ClusterFileFor(const std::filesystem::path& case_dir);
// Makes every later ClusterFileFor return `cluster_file` (serve --cluster).
void SetServeCluster(const std::filesystem::path& cluster_file);
// One ClusterSearcher per cluster file for the whole process, so that a server
// keeps its shard connections between requests.
Result<std::shared_ptr<ClusterSearcher>> SharedClusterSearcher(const std::filesystem::path& cluster_file);

}  // namespace leakgraph::cluster
