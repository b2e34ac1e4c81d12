#include "ingest/file_extractor.h"

#include <exception>
#include <unordered_set>

#include "extract/handler.h"
#include "ingest/index_sync.h"
#include "text/encoding.h"
#include "text/language.h"
#include "util/sha256.h"

namespace leakgraph::ingest {

struct PendingPart {
  std::string bytes;
  std::string name;
  std::string hint;
  int parent;
  unsigned depth;
  std::string refused;  // why the part was not kept (expansion budget), or ""
};

namespace {

// CLD2's time grows with the bytes it reads: a document's language is decided
// on three windows (start, middle, end), enough for CLD2 to be reliable and
// for a long document whose body differs from its header.
constexpr std::size_t kLanguageWindow = 2 * 1024;

// The expansion budget of one file: all its embedded parts together, at any
// depth, may not exceed kMaxExpandedBytes, nor kBombMinBytes at over
// kBombRatio times the file's size (a nested zip bomb). Handlers apply the
// same rule to their own input; this catches the product over the levels.
constexpr std::uint64_t kMaxExpandedBytes = 4ull << 30;
constexpr std::uint64_t kBombMinBytes = 100ull << 20;
constexpr std::uint64_t kBombRatio = 200;

// Charges the parts pending[from..] to `expanded`; the first part over the
// budget of a file of `file_size` bytes is emptied and marked refused, the
// parts after it from the same container dropped.
void ChargeExpansion(std::vector<PendingPart>& pending, std::size_t from, std::uint64_t file_size,
                     std::uint64_t& expanded) {
  for (std::size_t i = from; i < pending.size(); ++i) {
    expanded += pending[i].bytes.size();
    bool bomb = expanded > kBombMinBytes && expanded / kBombRatio > file_size;
    if (!bomb && expanded <= kMaxExpandedBytes) continue;
    pending[i].refused = std::string(bomb ? "zip bomb suspected: " : "") + "embedded parts expand to more than " +
                         std::to_string((bomb ? kBombMinBytes : kMaxExpandedBytes) >> 20) + " MB from a file of " +
                         std::to_string(file_size) + " bytes; " + std::to_string(pending.size() - i) +
                         " part(s) of this container not read";
    pending[i].bytes = std::string();
    pending.resize(i + 1);
    return;
  }
}

std::string LastComponent(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// `text` from byte `from`, at most `limit` bytes, both ends moved back to a code point boundary.
std::string_view WindowAt(std::string_view text, std::size_t from, std::size_t limit) {
  auto boundary = [&](std::size_t i) {
    while (i > 0 && i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
    return i;
  };
  std::size_t begin = boundary(std::min(from, text.size()));
  std::size_t end = boundary(std::min(begin + limit, text.size()));
  return text.substr(begin, end - begin);
}

std::string LanguageOf(const std::string& text) {
  if (text.size() <= 3 * kLanguageWindow) return text::DetectLanguage(text).code;
  std::string sample;
  sample.reserve(3 * kLanguageWindow + 2);
  for (std::size_t from : {std::size_t{0}, text.size() / 2 - kLanguageWindow / 2, text.size() - kLanguageWindow}) {
    if (!sample.empty()) sample += '\n';
    sample += WindowAt(text, from, kLanguageWindow);
  }
  return text::DetectLanguage(sample).code;
}

}  // namespace

FileExtractor::FileExtractor(store::Store* store, ExtractionLimits limits)
    : store_(store),
      limits_(limits),
      ocr_(limits_.ocr, limits_.ocr_cache.empty() ? nullptr : std::make_shared<ocr::SqliteOcrCache>(limits_.ocr_cache)) {}

std::vector<ExtractedNode> FileExtractor::Extract(const std::string& path, std::string bytes,
                                                  const std::string& hash) {
  std::vector<ExtractedNode> nodes;
  std::vector<PendingPart> pending;
  std::unordered_set<std::string> seen_hashes;
  nodes.emplace_back();
  nodes[0].location = path;
  nodes[0].hash = hash;
  seen_hashes.insert(hash);
  const std::uint64_t file_size = bytes.size();
  std::uint64_t expanded = 0;
  ExtractOne(nodes[0], bytes, LastComponent(path), "", pending, 0, 0);
  ChargeExpansion(pending, 0, file_size, expanded);
  bytes.clear();
  bytes.shrink_to_fit();
  // Breadth-first over embedded parts; `pending` only grows by what a handler returned.
  for (std::size_t next = 0; next < pending.size(); ++next) {
    PendingPart part = std::move(pending[next]);
    ExtractedNode node;
    node.parent = part.parent;
    node.location = nodes[part.parent].location + "//" + part.name;
    node.hash = util::Sha256Hex(part.bytes);
    node.record.size = static_cast<std::int64_t>(part.bytes.size());
    int self = static_cast<int>(nodes.size());
    if (!part.refused.empty()) {
      node.failed = true;
      node.reason = std::move(part.refused);
      nodes.push_back(std::move(node));
      continue;
    }
    if (nodes.size() > limits_.max_parts) {
      node.failed = true;
      node.reason = "too many embedded parts (limit " + std::to_string(limits_.max_parts) + ")";
      nodes.push_back(std::move(node));
      break;
    }
    if (!seen_hashes.insert(node.hash).second) {
      node.already_stored = true;  // the same part twice in one file: one document, two locations
      nodes.push_back(std::move(node));
      continue;
    }
    nodes.push_back(std::move(node));
    std::size_t first_new = pending.size();
    ExtractOne(nodes.back(), part.bytes, part.name, part.hint, pending, part.depth, self);
    ChargeExpansion(pending, first_new, file_size, expanded);
  }
  return nodes;
}

void FileExtractor::ExtractOne(ExtractedNode& node, std::string_view bytes, std::string_view name,
                               std::string_view hint, std::vector<PendingPart>& pending,
                               unsigned depth, int self_index) {
  node.record.hash = node.hash;
  node.record.size = static_cast<std::int64_t>(bytes.size());
  if (store_ != nullptr) {
    auto known = store_->FindDocumentByHash(node.hash);
    if (known.ok() && known->has_value()) {
      node.already_stored = true;
      return;
    }
  }
  std::string content_type;
  try {
    content_type = extract::SniffContentType(bytes, name, hint);
  } catch (const std::exception& e) {  // a bug, but one file's: recorded, not fatal to the run
    node.failed = true;
    node.reason = std::string("content sniffing crashed: ") + e.what();
    return;
  }
  node.record.content_type = content_type;
  const extract::FormatHandler* handler = extract::HandlerRegistry::BuiltIn().Find(content_type);
  if (handler == nullptr) {
    // Kept as a document without text: its name and path stay searchable.
    node.record.title = std::string(name);
    node.record.metadata["warning"] = "no text extracted: unsupported format " + content_type;
  } else {
    Result<extract::ExtractedDocument> extracted = Status::Internal("not run");
    try {
      extract::ExtractInput input{bytes, name, hint, &ocr_};
      extracted = handler->fragile() && limits_.isolate ? extract::ExtractIsolated(*handler, input, limits_.isolation)
                                                        : handler->Extract(input);
    } catch (const std::exception& e) {
      extracted = Status::Internal(std::string("extractor crashed: ") + e.what());
    }
    if (!extracted.ok()) {
      node.failed = true;
      node.reason = extracted.status().message();
      return;
    }
    extract::ExtractedDocument& doc = *extracted;
    node.record.content_type = doc.content_type.empty() ? content_type : doc.content_type;
    node.record.title = doc.title.empty() ? std::string(name) : doc.title;
    node.record.charset = doc.charset;
    node.record.text = std::move(doc.text);
    node.record.page_offsets = std::move(doc.page_offsets);
    node.record.metadata = std::move(doc.metadata);
    if (!doc.warnings.empty()) {
      std::string joined;
      for (const auto& w : doc.warnings) joined += (joined.empty() ? "" : "; ") + w;
      node.record.metadata["warning"] = joined;
    }
    for (const char* key : {"date", "created"}) {  // when it was sent or written
      auto date = node.record.metadata.find(key);
      if (date != node.record.metadata.end() && !date->second.empty()) {
        node.record.date = date->second;
        break;
      }
    }
    if (!doc.children.empty() && depth + 1 > limits_.max_depth) {
      node.record.metadata["warning"] = "embedded parts not read: nesting deeper than " +
                                        std::to_string(limits_.max_depth);
    } else {
      for (auto& child : doc.children) {
        pending.push_back({std::move(child.bytes), child.name.empty() ? "part" : child.name,
                           std::move(child.content_type_hint), self_index, depth + 1, ""});
      }
    }
  }
  if (!text::IsValidUtf8(node.record.title)) node.record.title = text::DecodeToUtf8(node.record.title).utf8;
  node.record.language = node.record.text.empty() ? "und" : LanguageOf(node.record.text);
  if (limits_.analyse) {
    auto analysis = analyser_.AnalyseDocument(node.record);
    node.mentions = std::move(analysis.mentions);
    node.relations = std::move(analysis.relations);
  }
  index::IndexableDocument indexable{node.hash,         node.record.title,
                                     node.record.text,  node.record.language,
                                     node.record.content_type, node.record.date,
                                     node.record.metadata, {node.location},
                                     IndexableMentions(node.mentions)};
  node.index_document = builder_.Build(indexable);
}

}  // namespace leakgraph::ingest
