// The JSON API of `leakgraph serve`, independent of the HTTP library: each
// endpoint takes its parsed parameters and returns a complete response. Every
// call opens its own read-only store and index (a Store serves one thread),
// so concurrent requests need no locks and see what an ingest has committed.
// Documents are hostile: their text reaches the client only inside JSON
// strings or as a download, never as markup.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "leakgraph/status.h"
#include "store/investigation.h"
#include "store/store.h"

namespace leakgraph::server {

// Limits on what one request may ask for.
inline constexpr std::size_t kMaxPageSize = 100;
inline constexpr std::size_t kMaxQueryBytes = 4096;
inline constexpr std::size_t kMaxSearchOffset = 10000;

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, the body is streamed from this file (GET .../original).
  std::string file_path;
  std::uint64_t file_size = 0;
};

// A JSON error response: {"error": message, "status": status}.
ApiResponse ErrorResponse(int status, const std::string& message);

// Helpers shared by the endpoint files (api.cc, entity_api.cc).
using Params = std::multimap<std::string, std::string>;
// A 200 response with `value` serialised (invalid UTF-8 replaced by U+FFFD).
ApiResponse JsonResponse(const nlohmann::json& value);
// The error response for a failed library call: 404 NotFound, 400 InvalidInput, else 500.
ApiResponse FromStatus(const leakgraph::Status& s);
// The value of `name` in `params`, or nullopt.
std::optional<std::string> Param(const Params& params, const std::string& name);
// The decimal parameter `name` in [min, max]; `fallback` when absent; InvalidInput otherwise.
Result<std::size_t> NumberParam(const Params& params, const std::string& name, std::size_t fallback,
                                std::size_t min, std::size_t max);

class Api {
 public:
  explicit Api(store::Investigation investigation) : investigation_(std::move(investigation)) {}

  // GET /api/status
  ApiResponse Status() const;
  // GET /api/search; `params` are the decoded query parameters (q, page, limit, facets).
  ApiResponse Search(const std::multimap<std::string, std::string>& params) const;
  // GET /api/documents/{id}; `id` is the decimal text from the URL. Each
  // mention of a resolved entity carries its "entity_id".
  ApiResponse Document(const std::string& id) const;
  // GET /api/documents/{id}/original
  ApiResponse Original(const std::string& id) const;
  // GET /api/mentions (type, limit)
  ApiResponse Mentions(const std::multimap<std::string, std::string>& params) const;

 private:
  struct LoadedDocument {
    store::Store store;
    store::DocumentRecord doc;
  };
  [[nodiscard]] Result<store::Store> OpenStore() const;
  // The document whose decimal id is `id_text`, with the store it was read from.
  [[nodiscard]] Result<LoadedDocument> LoadDocument(const std::string& id_text) const;

  store::Investigation investigation_;
};

}  // namespace leakgraph::server
