// PowerPoint 97-2003 (.ppt): see ppt_binary.h for what is read and how it is
// bounded. Record types and layouts are those of MS-PPT section 2.
#include "extract/ppt_binary.h"

#include <map>
#include <optional>
#include <set>
#include <unordered_set>

#include "extract/ole_formats.h"
#include "text/encoding.h"

namespace leakgraph::extract {
namespace {

constexpr std::uint16_t kDocument = 0x03E8;
constexpr std::uint16_t kSlide = 0x03EE;
constexpr std::uint16_t kNotes = 0x03F0;
constexpr std::uint16_t kSlidePersistAtom = 0x03F3;
constexpr std::uint16_t kMainMaster = 0x03F8;
constexpr std::uint16_t kTextCharsAtom = 0x0FA0;
constexpr std::uint16_t kTextBytesAtom = 0x0FA8;
constexpr std::uint16_t kCString = 0x0FBA;
constexpr std::uint16_t kSlideListWithText = 0x0FF0;
constexpr std::uint16_t kUserEditAtom = 0x0FF5;
constexpr std::uint16_t kCurrentUserAtom = 0x0FF6;
constexpr std::uint16_t kProgTags = 0x1388;  // application tags: names such as "___PPT10", not text
constexpr std::uint16_t kPersistDirectoryAtom = 0x1772;
constexpr std::uint32_t kEncryptedToken = 0xF3D1C4DF;
constexpr std::uint16_t kSlideList = 0, kMasterList = 1, kNotesList = 2;  // SlideListWithText instances

std::uint32_t U16(std::string_view b, std::size_t at) {
  return static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8;
}

std::uint32_t U32(std::string_view b, std::size_t at) {
  return U16(b, at) | U16(b, at + 2) << 16;
}

struct Record {
  std::uint16_t instance = 0;
  std::uint16_t type = 0;
  bool container = false;
  std::size_t body = 0;    // offset of the body in the stream
  std::size_t length = 0;  // of the body
  std::size_t end() const { return body + length; }
};

// Returns the record whose header starts at `at`, iff its header and body lie
// within [at, end) and `end` within `s`.
std::optional<Record> RecordAt(std::string_view s, std::size_t at, std::size_t end) {
  if (end > s.size() || at > end || end - at < 8) return std::nullopt;
  std::uint32_t version_instance = U16(s, at);
  Record r{static_cast<std::uint16_t>(version_instance >> 4), static_cast<std::uint16_t>(U16(s, at + 2)),
           (version_instance & 0xF) == 0xF, at + 8, U32(s, at + 4)};
  if (r.length > end - r.body) return std::nullopt;
  return r;
}

bool IsText(std::uint16_t type) {
  return type == kTextCharsAtom || type == kTextBytesAtom || type == kCString;
}

// The text of a text atom, with PowerPoint's paragraph (CR) and line (VT)
// breaks as line feeds and other control characters dropped.
std::string AtomText(std::string_view s, const Record& r) {
  std::string_view body = s.substr(r.body, r.length);
  std::string decoded;
  if (r.type == kTextBytesAtom) {
    for (char c : body) text::AppendUtf8(decoded, static_cast<unsigned char>(c));  // low bytes of UTF-16
  } else {
    decoded = Utf16LeToUtf8(body);
  }
  std::string out;
  out.reserve(decoded.size());
  for (char c : decoded) {
    if (c == '\r' || c == '\v') out += '\n';
    else if (c == '\t' || c == '\n' || static_cast<unsigned char>(c) >= 0x20) out += c;
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// Collects the text atoms of a range of records, entering containers up to
// kMaxPptDepth deep; remembers where the first record that runs past its
// parent's end starts.
class TextWalker {
 public:
  explicit TextWalker(std::string_view s) : s_(s) {}

  void Walk(std::size_t begin, std::size_t end, std::size_t depth, std::vector<std::string>& out) {
    for (std::size_t at = begin; at < end;) {
      auto r = RecordAt(s_, at, end);
      if (!r) {
        if (!cut_at_) cut_at_ = at;
        return;
      }
      at = r->end();
      if (r->container) {
        bool skipped = r->type == kProgTags || r->type == kMainMaster ||
                       (r->type == kSlideListWithText && r->instance == kMasterList);
        if (skipped) continue;
        if (depth >= kMaxPptDepth) {
          too_deep_ = true;
          continue;
        }
        Walk(r->body, r->end(), depth + 1, out);
      } else if (IsText(r->type)) {
        std::string t = AtomText(s_, *r);
        if (!t.empty()) out.push_back(std::move(t));
      }
    }
  }

  void AddWarnings(std::vector<std::string>& warnings) const {
    if (cut_at_)
      warnings.push_back("PowerPoint document cut short: the record at byte " + std::to_string(*cut_at_) +
                         " runs past its end; the text after it is lost");
    if (too_deep_)
      warnings.push_back("PowerPoint records nested more than " + std::to_string(kMaxPptDepth) +
                         " deep were skipped");
  }
  bool read_nothing() const { return cut_at_ == std::size_t{0}; }

 private:
  std::string_view s_;
  std::optional<std::size_t> cut_at_;
  bool too_deep_ = false;
};

// The persist directory of the live document: persist id -> stream offset.
struct LiveDocument {
  std::map<std::uint32_t, std::uint32_t> offsets;
  std::uint32_t document_ref = 0;
};

// Follows the edit chain from the Current User stream. Returns nullopt if the
// newest edit cannot be read (then the caller reads the stream in order);
// sets `encrypted` when the file says it is.
std::optional<LiveDocument> FindLiveDocument(std::string_view s, std::string_view user, bool& encrypted) {
  auto current = RecordAt(user, 0, user.size());
  if (!current || current->type != kCurrentUserAtom || current->length < 12) return std::nullopt;
  if (U32(user, current->body + 4) == kEncryptedToken) {
    encrypted = true;
    return std::nullopt;
  }
  std::uint32_t offset = U32(user, current->body + 8);
  LiveDocument live;
  std::set<std::uint32_t> seen_edits, seen_directories;
  for (std::size_t step = 0; step < kMaxPptEdits && seen_edits.insert(offset).second; ++step) {
    auto edit = RecordAt(s, offset, s.size());
    if (!edit || edit->type != kUserEditAtom || edit->length < 28) break;
    std::size_t b = edit->body;
    if (step == 0) {
      live.document_ref = U32(s, b + 16);
      if (edit->length >= 32 && U32(s, b + 28) != 0) {  // encryptSessionPersistIdRef
        encrypted = true;
        return std::nullopt;
      }
    }
    std::uint32_t directory_offset = U32(s, b + 12);
    auto directory = RecordAt(s, directory_offset, s.size());
    if (!directory || directory->type != kPersistDirectoryAtom) break;
    if (seen_directories.insert(directory_offset).second) {
      for (std::size_t at = directory->body; at + 4 <= directory->end();) {
        std::uint32_t entry = U32(s, at);
        at += 4;
        std::uint32_t first_id = entry & 0xFFFFF, count = entry >> 20;
        for (std::uint32_t i = 0; i < count && at + 4 <= directory->end(); ++i, at += 4)
          live.offsets.emplace(first_id + i, U32(s, at));  // an older edit never replaces a newer one
      }
    }
    std::uint32_t older = U32(s, b + 8);
    if (older == 0) break;
    offset = older;
  }
  if (live.offsets.empty()) return std::nullopt;
  return live;
}

struct SlideEntry {
  std::vector<std::string> paragraphs;  // from the SlideListWithText (placeholder text)
  std::uint32_t persist_ref = 0;
};

// Appends a slide's distinct paragraphs (placeholder text may be both in the
// list and in the drawing), a blank line before it; nothing if it has none.
void AppendSlide(const std::vector<std::string>& paragraphs, PowerPointText& out) {
  std::unordered_set<std::string_view> seen;
  bool first = true;
  for (const auto& p : paragraphs) {
    if (!seen.insert(p).second) continue;
    if (first && !out.text.empty()) out.text += "\n\n";
    else if (!first) out.text += '\n';
    out.text += p;
    first = false;
  }
}

// Reads the slides, then the notes pages, of the live document. Returns
// nullopt if its Document record cannot be found.
std::optional<PowerPointText> ReadLiveSlides(std::string_view s, const LiveDocument& live) {
  auto document_offset = live.offsets.find(live.document_ref);
  if (document_offset == live.offsets.end()) return std::nullopt;
  auto document = RecordAt(s, document_offset->second, s.size());
  if (!document || document->type != kDocument || !document->container) return std::nullopt;
  TextWalker walker(s);
  std::vector<SlideEntry> slides, notes;
  for (std::size_t at = document->body; at < document->end();) {
    auto list = RecordAt(s, at, document->end());
    if (!list) break;
    at = list->end();
    if (list->type != kSlideListWithText || !list->container) continue;
    if (list->instance != kSlideList && list->instance != kNotesList) continue;
    auto& target = list->instance == kSlideList ? slides : notes;
    for (std::size_t in = list->body; in < list->end();) {
      auto r = RecordAt(s, in, list->end());
      if (!r) break;
      in = r->end();
      if (r->type == kSlidePersistAtom && r->length >= 4) target.push_back({{}, U32(s, r->body)});
      else if (IsText(r->type) && !target.empty()) {
        std::string t = AtomText(s, *r);
        if (!t.empty()) target.back().paragraphs.push_back(std::move(t));
      }
    }
  }
  PowerPointText out;
  std::set<std::uint32_t> read;  // each slide record once, however many entries point to it
  for (auto* list : {&slides, &notes}) {
    for (auto& entry : *list) {
      auto offset = live.offsets.find(entry.persist_ref);
      if (offset != live.offsets.end() && read.insert(offset->second).second) {
        auto slide = RecordAt(s, offset->second, s.size());
        if (slide && slide->container && (slide->type == kSlide || slide->type == kNotes))
          walker.Walk(slide->body, slide->end(), 1, entry.paragraphs);
      }
      AppendSlide(entry.paragraphs, out);
    }
  }
  walker.AddWarnings(out.warnings);
  return out;
}

// Every text record of the stream in stream order (masters and tags left
// out), each distinct paragraph once.
Result<PowerPointText> ReadInStreamOrder(std::string_view s) {
  TextWalker walker(s);
  std::vector<std::string> paragraphs;
  walker.Walk(0, s.size(), 0, paragraphs);
  if (walker.read_nothing() && !s.empty())
    return Status::InvalidInput("corrupt PowerPoint document: no record at the start of the stream");
  PowerPointText out;
  AppendSlide(paragraphs, out);
  walker.AddWarnings(out.warnings);
  return out;
}

}  // namespace

Result<PowerPointText> ReadPowerPointText(std::string_view document, std::string_view current_user) {
  bool encrypted = false;
  auto live = FindLiveDocument(document, current_user, encrypted);
  if (encrypted) return Status::Unsupported("encrypted PowerPoint document: cannot be read without a password");
  if (live) {
    if (auto slides = ReadLiveSlides(document, *live)) return std::move(*slides);
  }
  auto all = ReadInStreamOrder(document);
  if (all.ok()) all->warnings.push_back("PowerPoint edit history unreadable: text read in stream order");
  return all;
}

Result<ExtractedDocument> ExtractPowerPointBinary(const CompoundFile& file) {
  auto document_index = file.Find(0, "PowerPoint Document");
  if (!document_index) return Status::InvalidInput("corrupt PowerPoint document: no PowerPoint Document stream");
  auto document = file.ReadStream(*document_index, kMaxOleStreamBytes);
  if (!document.ok()) return document.status();
  std::string current_user;
  if (auto user_index = file.Find(0, "Current User")) {
    auto user = file.ReadStream(*user_index, 1 << 16);
    if (user.ok()) current_user = std::move(*user);
  }
  auto text = ReadPowerPointText(*document, current_user);
  if (!text.ok()) return text.status();
  ExtractedDocument doc;
  doc.content_type = "application/vnd.ms-powerpoint";
  doc.text = text::ToNfc(text->text);
  doc.warnings = std::move(text->warnings);
  return doc;
}

}  // namespace leakgraph::extract
