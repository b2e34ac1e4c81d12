#include "export/snapshot.h"

#include <algorithm>
#include <cstdio>
#include <unordered_set>

#include "text/encoding.h"
#include "util/sha256.h"

namespace leakgraph::exports {
namespace {

// Decodes the UTF-8 sequence at s[i]; returns its code point and sets `len`,
// or returns U+FFFD with len 1 for a byte that starts no well-formed sequence
// (overlong forms, surrogates and values beyond U+10FFFF included).
char32_t DecodeAt(std::string_view s, std::size_t i, std::size_t& len) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  len = 1;
  if (c < 0x80) return c;
  std::size_t n = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0xFFFD;
  }
  if (i + n > s.size()) return 0xFFFD;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
  len = n;
  return cp;
}

bool XmlAllowed(char32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

std::string Clean(std::string_view s, bool xml) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    const char32_t cp = DecodeAt(s, i, len);
    if (!xml || XmlAllowed(cp)) {
      if (cp == 0xFFFD && len == 1) {
        text::AppendUtf8(out, cp);
      } else {
        out.append(s.substr(i, len));
      }
    }
    i += len;
  }
  return out;
}

std::string Hex16(std::string_view bytes) { return util::Sha256Hex(bytes).substr(0, 16); }

}  // namespace

std::string ValidUtf8(std::string_view s) { return Clean(s, false); }
std::string XmlSafe(std::string_view s) { return Clean(s, true); }

std::string EntityId(std::int64_t id) { return "lg-entity-" + std::to_string(id); }

std::string TieId(const store::TieRow& tie) {
  return "lg-tie-" + Hex16(tie.type + "\x1f" + std::to_string(tie.source.id) + "\x1f" + std::to_string(tie.target.id));
}

std::string DocumentId(const SnapshotDocument& doc) {
  if (doc.hash.size() >= 16) return "lg-doc-" + doc.hash.substr(0, 16);
  return "lg-doc-" + std::to_string(doc.id);
}

std::string FileName(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  const auto slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  // A message of a mailbox is named by its number: keep the mailbox's name ("box.mbox//3").
  const bool number = !name.empty() && name.find_first_not_of("0123456789") == std::string_view::npos;
  if (number && slash != std::string_view::npos && slash >= 1 && path[slash - 1] == '/') {
    return FileName(path.substr(0, slash - 1)) + "//" + std::string(name);
  }
  return std::string(name);
}

bool IsDirected(const GraphSnapshot& snapshot, const store::TieRow& tie) {
  return snapshot.symmetric_types.count(tie.type) == 0;
}

std::size_t PrepareSnapshot(GraphSnapshot& snapshot) {
  std::unordered_set<std::int64_t> entity_ids;
  for (const auto& e : snapshot.entities) entity_ids.insert(e.id);
  std::size_t dropped = 0;
  std::vector<store::TieRow> kept;
  kept.reserve(snapshot.ties.size());
  for (auto& tie : snapshot.ties) {
    if (!entity_ids.count(tie.source.id) || !entity_ids.count(tie.target.id)) {
      ++dropped;
      continue;
    }
    auto& evidence = tie.evidence;
    for (const auto& ev : evidence) {
      if (snapshot.documents.count(ev.document_id) || ev.path.empty()) continue;
      SnapshotDocument doc;
      doc.id = ev.document_id;
      doc.path = ev.path;
      snapshot.documents.emplace(ev.document_id, std::move(doc));
    }
    evidence.erase(std::remove_if(evidence.begin(), evidence.end(),
                                  [&](const store::TieEvidence& ev) {
                                    return ev.text.empty() || !snapshot.documents.count(ev.document_id);
                                  }),
                   evidence.end());
    if (evidence.empty()) {
      ++dropped;
      continue;
    }
    kept.push_back(std::move(tie));
  }
  snapshot.ties = std::move(kept);
  snapshot.dropped_ties += dropped;
  return dropped;
}

}  // namespace leakgraph::exports
