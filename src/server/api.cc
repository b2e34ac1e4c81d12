#include "server/api.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "cluster/cluster.h"
#include "index/case_search.h"
#include "index/case_status.h"
#include "index/index.h"
#include "store/queries.h"
#include "store/store.h"
#include "util/sha256.h"

namespace leakgraph::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Content types, languages and months ("2019-10") of the top matches of
// `query` (at most index::kFacetDocuments), most frequent first (months in
// order): {"type": [{"name", "count"}], "lang": [...], "month": [...]}.
Result<json> FieldFacets(index::Searcher& searcher, const std::string& query) {
  index::SearchRequest request{query, 0, index::kFacetDocuments, 0};
  auto response = searcher.Search(request, [](std::uint32_t) { return std::string(); });
  if (!response.ok()) return response.status();
  std::map<std::string, std::size_t> types, langs, months;
  for (const auto& hit : response->hits) {
    if (!hit.content_type.empty()) ++types[index::ShortTypeName(hit.content_type)];
    if (!hit.language.empty()) ++langs[hit.language];
    if (hit.date.size() >= 7) ++months[hit.date.substr(0, 7)];
  }
  auto ranked = [](const std::map<std::string, std::size_t>& counts, bool by_count) {
    std::vector<std::pair<std::string, std::size_t>> v(counts.begin(), counts.end());
    if (by_count)
      std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    json list = json::array();
    for (const auto& [name, count] : v) list.push_back({{"name", name}, {"count", count}});
    return list;
  };
  return json{{"type", ranked(types, true)}, {"lang", ranked(langs, true)}, {"month", ranked(months, false)}};
}

Result<std::int64_t> DocumentId(const std::string& text) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return leakgraph::Status::InvalidInput("a document id is a positive number");
  }
  return id;
}

// ASCII letters, digits, '.', '-' and '_' of `name`, others replaced by '_':
// a filename that cannot break out of the Content-Disposition header.
std::string SafeFilename(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                 c == '-' || c == '_';
    out += plain ? static_cast<char>(c) : '_';
  }
  if (out.empty() || out.find_first_not_of('.') == std::string::npos) out = "document";
  return out.substr(0, 120);
}

// Returns true iff the regular file at `path` (not a symbolic link) has SHA-256 `hash`.
bool FileHasHash(const fs::path& path, const std::string& hash) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(path, ec))) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  util::Sha256 sha;
  std::string buffer(1 << 20, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    sha.Update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) return false;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (auto b : sha.Finish()) {
    hex += kHex[b >> 4];
    hex += kHex[b & 15];
  }
  return hex == hash;
}

}  // namespace

ApiResponse JsonResponse(const json& value) {
  ApiResponse r;
  // Hostile documents may hold invalid UTF-8: replace it rather than fail.
  r.body = value.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

int HttpStatusOf(const leakgraph::Status& s) {
  switch (s.code()) {
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kInvalidInput:
      return 400;
    default:
      return 500;
  }
}

ApiResponse FromStatus(const leakgraph::Status& s) {
  return ErrorResponse(HttpStatusOf(s), s.message());
}

std::optional<std::string> Param(const Params& params, const std::string& name) {
  auto it = params.find(name);
  if (it == params.end()) return std::nullopt;
  return it->second;
}

Result<std::size_t> NumberParam(const Params& params, const std::string& name, std::size_t fallback,
                                std::size_t min, std::size_t max) {
  auto text = Param(params, name);
  if (!text) return fallback;
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    return leakgraph::Status::InvalidInput("parameter '" + name + "' must be a number from " +
                                           std::to_string(min) + " to " + std::to_string(max));
  }
  return value;
}

ApiResponse ErrorResponse(int status, const std::string& message) {
  ApiResponse r = JsonResponse({{"error", message}, {"status", status}});
  r.status = status;
  return r;
}

ApiResponse Api::Status() const {
  auto store = OpenStore();
  if (!store.ok()) return FromStatus(store.status());
  auto status = index::ReadCaseStatus(investigation_, *store);
  if (!status.ok()) return FromStatus(status.status());
  return JsonResponse(index::CaseStatusJson(investigation_, *status));
}

ApiResponse Api::Search(const std::multimap<std::string, std::string>& params) const {
  std::string query = Param(params, "q").value_or("");
  if (query.find_first_not_of(" \t\r\n") == std::string::npos)
    return ErrorResponse(400, "parameter 'q' is required");
  if (query.size() > kMaxQueryBytes) {
    return ErrorResponse(400, "the query is longer than " + std::to_string(kMaxQueryBytes) + " bytes");
  }
  auto page = NumberParam(params, "page", 1, 1, kMaxSearchOffset);
  auto limit = NumberParam(params, "limit", 20, 1, kMaxPageSize);
  if (!page.ok()) return FromStatus(page.status());
  if (!limit.ok()) return FromStatus(limit.status());
  std::size_t offset = (*page - 1) * *limit;
  if (offset > kMaxSearchOffset) {
    return ErrorResponse(400,
                         "results beyond the first " + std::to_string(kMaxSearchOffset) + " are not served");
  }
  bool facets = Param(params, "facets").value_or("0") == "1";
  if (auto cluster_file = cluster::ClusterFileFor(investigation_.dir())) {
    // Every shard of the cluster at once (src/cluster/); no type/lang/month facets.
    auto searcher = cluster::SharedClusterSearcher(*cluster_file);
    if (!searcher.ok()) return FromStatus(searcher.status());
    index::SearchRequest request{query, offset, *limit, facets ? std::size_t{10} : std::size_t{0}};
    auto result = (*searcher)->Search(request);
    if (!result.ok()) return FromStatus(result.status());
    json out = index::CaseSearchJson(*result, request);
    out["page"] = *page;
    return JsonResponse(out);
  }
  auto store = OpenStore();
  if (!store.ok()) return FromStatus(store.status());
  auto searcher = index::Searcher::Open(investigation_.index_path());
  if (!searcher.ok()) return FromStatus(searcher.status());
  index::SearchRequest request{query, offset, *limit, facets ? std::size_t{10} : std::size_t{0}};
  auto result = index::SearchCase(**searcher, *store, request);
  if (!result.ok()) return FromStatus(result.status());
  json out = index::CaseSearchJson(*result, request);
  out["page"] = *page;
  if (facets) {
    auto counts = FieldFacets(**searcher, query);
    if (!counts.ok()) return FromStatus(counts.status());
    for (auto& [name, value] : counts->items()) out["facets"][name] = value;
  }
  return JsonResponse(out);
}

Result<store::Store> Api::OpenStore() const {
  return store::Store::Open(investigation_.store_path(), false, /*read_only=*/true);
}

Result<Api::LoadedDocument> Api::LoadDocument(const std::string& id_text) const {
  auto id = DocumentId(id_text);
  if (!id.ok()) return id.status();
  auto store = OpenStore();
  if (!store.ok()) return store.status();
  auto doc = store->GetDocument(*id);
  if (!doc.ok()) return doc.status();
  return LoadedDocument{std::move(*store), std::move(*doc)};
}

ApiResponse Api::Document(const std::string& id_text) const {
  auto loaded = LoadDocument(id_text);
  if (!loaded.ok()) return FromStatus(loaded.status());
  auto mentions = loaded->store.Mentions(loaded->doc.id);
  if (!mentions.ok()) return FromStatus(mentions.status());
  json out = store::DocumentJson(loaded->doc, *mentions, /*with_text=*/true);
  // The entity of each PERSON/ORG/LOCATION mention, so the viewer can link it:
  // the same rows in the same order (by id) as Mentions() read.
  auto stmt = loaded->store.connection().Prepare(
      "SELECT em.entity_id FROM mentions m LEFT JOIN entity_mentions em ON em.mention_id = m.id"
      " WHERE m.document_id = ? ORDER BY m.id");
  if (!stmt.ok()) return FromStatus(stmt.status());
  stmt->Bind(1, loaded->doc.id);
  std::vector<std::optional<std::int64_t>> entity_of;
  for (;;) {
    auto row = stmt->Step();
    if (!row.ok()) return FromStatus(row.status());
    if (!*row) break;
    entity_of.push_back(stmt->IsNull(0) ? std::nullopt : std::optional(stmt->Int(0)));
  }
  json& list = out["mentions"];
  if (entity_of.size() == list.size()) {  // else an analyse run replaced them in between
    for (std::size_t i = 0; i < list.size(); ++i)
      if (entity_of[i]) list[i]["entity_id"] = *entity_of[i];
  }
  return JsonResponse(out);
}

ApiResponse Api::Original(const std::string& id_text) const {
  auto loaded = LoadDocument(id_text);
  if (!loaded.ok()) return FromStatus(loaded.status());
  const store::DocumentRecord* doc = &loaded->doc;
  bool any_file = false;
  for (const auto& location : doc->paths) {
    if (location.find("//") != std::string::npos) continue;  // an embedded part: box.mbox//3//a.txt
    any_file = true;
    // Only bytes that still hash to the document are served: the file on
    // disk may have changed since the ingest.
    if (!FileHasHash(location, doc->hash)) continue;
    ApiResponse r;
    r.content_type = "application/octet-stream";
    r.file_path = location;
    std::error_code ec;
    r.file_size = fs::file_size(location, ec);
    if (ec) continue;
    r.headers.emplace_back(
        "Content-Disposition",
        "attachment; filename=\"" + SafeFilename(fs::path(location).filename().string()) + "\"");
    return r;
  }
  if (!any_file) {
    return ErrorResponse(
        404, "document " + id_text + " is an embedded part; downloading embedded parts is not supported yet");
  }
  return ErrorResponse(404, "the original file of document " + id_text +
                                " is no longer where it was ingested, "
                                "or has changed since");
}

ApiResponse Api::Mentions(const std::multimap<std::string, std::string>& params) const {
  std::string type = Param(params, "type").value_or("PERSON");
  if (type.empty() || type.size() > 16 ||
      type.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_") != std::string::npos) {
    return ErrorResponse(400, "parameter 'type' is a mention type such as PERSON, ORG, LOCATION");
  }
  auto limit = NumberParam(params, "limit", 50, 1, kMaxPageSize);
  if (!limit.ok()) return FromStatus(limit.status());
  auto store = OpenStore();
  if (!store.ok()) return FromStatus(store.status());
  auto top = store->TopMentions(type, *limit);
  if (!top.ok()) return FromStatus(top.status());
  json list = json::array();
  for (const auto& row : *top) list.push_back({{"name", row.key}, {"documents", row.count}});
  return JsonResponse({{"type", type}, {"limit", *limit}, {"mentions", list}});
}

}  // namespace leakgraph::server
