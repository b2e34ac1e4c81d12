// The export stage: a case's entity graph, read from the store once into plain
// structs (GraphSnapshot), then written out as FollowTheMoney, GEXF, GraphML,
// Neo4j admin-import CSVs or plain CSV by the writers of this folder. The
// writers never touch the store, so they are tested on hand-made snapshots.
//
// Every tie an export writes carries at least one evidence span (document,
// sentence, offsets): PrepareSnapshot drops a tie without one. Text from the
// documents is hostile (markup, quotes, control characters, invalid UTF-8):
// the writers make every string valid UTF-8 and, for XML, legal XML 1.0.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "leakgraph/status.h"
#include "store/store.h"

namespace leakgraph::exports {

// A document some evidence points at.
struct SnapshotDocument {
  std::int64_t id = 0;
  std::string hash;          // SHA-256 hex of the original bytes ("" if unknown)
  std::string path;          // its first location
  std::string title;
  std::string content_type;
  std::string language;      // "en", "ar", "fa", "und"
  std::string date;          // ISO 8601 or ""
};

struct GraphSnapshot {
  std::vector<store::EntityRow> entities;             // every node, aliases filled
  std::vector<store::TieRow> ties;                    // every edge, evidence filled
  std::map<std::int64_t, SnapshotDocument> documents; // every document an evidence names
  std::set<std::string> symmetric_types;              // tie types whose direction means nothing
  std::size_t dropped_ties = 0;                       // ties PrepareSnapshot dropped
};

struct SnapshotOptions {
  std::string type;               // only ties of this type ("" = every typed tie)
  bool co_mention = false;        // also co_mention ties
  std::size_t max_evidence = 10;  // evidence spans per tie (at least 1)
};

// Reads the entities, the ties (with options' filter) and the documents their
// evidence names from `store`, then PrepareSnapshot. Errors are the store's.
Result<GraphSnapshot> LoadSnapshot(store::Store& store, const SnapshotOptions& options);

// Drops the ties without evidence or whose ends are not among the entities,
// and the evidence whose document is not in `documents` (a placeholder is
// added when only the path is known). Returns how many ties it dropped and
// adds them to dropped_ties.
std::size_t PrepareSnapshot(GraphSnapshot& snapshot);

// True iff `tie` has a direction (its type is not in symmetric_types).
bool IsDirected(const GraphSnapshot& snapshot, const store::TieRow& tie);

// Stable identifiers shared by every format: "lg-entity-12",
// "lg-tie-<16 hex of SHA-256(type, source id, target id)>", "lg-doc-<16 hex of
// the content hash>" (or "lg-doc-<id>" when the hash is unknown).
std::string EntityId(std::int64_t id);
std::string TieId(const store::TieRow& tie);
std::string DocumentId(const SnapshotDocument& doc);

// `s` as valid UTF-8: each byte that does not start a well-formed sequence
// becomes U+FFFD.
std::string ValidUtf8(std::string_view s);
// `s` as valid UTF-8 holding only characters XML 1.0 allows (tab, newline,
// carriage return, U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF); the
// others are removed.
std::string XmlSafe(std::string_view s);

// The last component of a path ("box.mbox//3//invoice.txt" -> "invoice.txt"),
// with its container's when it is a message number ("a/box.mbox//3" -> "box.mbox//3").
std::string FileName(std::string_view path);

}  // namespace leakgraph::exports
