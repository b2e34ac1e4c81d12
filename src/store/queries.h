// Read-only views of the store shared by the CLI and the HTTP API, so that
// `leakgraph show --json` and GET /api/documents/{id} describe a document alike.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "store/store.h"

namespace leakgraph::store {

// A mention as JSON: type, begin, end (byte offsets into the text), text,
// normalized, confidence, extra (an object; {} when the stored extra is not one).
nlohmann::json MentionJson(const Mention& mention);

// A document as JSON: id, hash, content_type, language, title, charset, size,
// date ("" if none), metadata, paths, children, parent (null for a top-level
// file), pages (byte offsets of page starts), mentions and, iff `with_text`, text.
nlohmann::json DocumentJson(const DocumentRecord& doc, const std::vector<Mention>& mentions, bool with_text);

}  // namespace leakgraph::store
