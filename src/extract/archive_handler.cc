// The archive handler ("archive"): zip, tar (plain or gzip/bzip2/xz/zstd
// compressed), 7z, rar, and single gzip/bzip2/xz/zstd-compressed files. An
// archive is only a container: each regular member becomes a child named by
// its safe path inside the archive; the document keeps the format, the
// member count and any links (recorded, never followed) as metadata.
//
// A zip bomb that yields nothing before it is stopped, an encrypted archive
// and an unreadable one are errors; otherwise what could be read is kept and
// the rest is listed in warnings (archive_reader.h has the limits).
#include <string>

#include "extract/archive_reader.h"
#include "extract/handler.h"

namespace leakgraph::extract {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The name of the file inside a lone compressed file: "notes.txt" for
// "notes.txt.gz" (libarchive names it "data").
std::string DecompressedName(std::string_view file_name) {
  for (std::string_view ext : {".gz", ".bz2", ".xz", ".zst", ".Z", ".lzma", ".GZ"}) {
    if (EndsWith(file_name, ext) && file_name.size() > ext.size()) {
      return std::string(file_name.substr(0, file_name.size() - ext.size()));
    }
  }
  return "data";
}

class ArchiveHandler final : public FormatHandler {
 public:
  std::string_view name() const override { return "archive"; }

  bool Accepts(std::string_view content_type) const override {
    for (std::string_view type :
         {"application/zip", "application/x-zip-compressed", "application/x-tar", "application/gzip",
          "application/x-gzip", "application/x-bzip2", "application/x-xz", "application/zstd",
          "application/x-7z-compressed", "application/vnd.rar", "application/x-rar-compressed",
          "application/x-compress"}) {
      if (content_type == type) return true;
    }
    return false;
  }

  Result<ExtractedDocument> Extract(const ExtractInput& input) const override {
    Result<ArchiveContents> read = ReadArchive(input.bytes, ArchiveKinds::kAny, ArchiveLimits{});
    if (!read.ok()) return read.status();
    ArchiveContents& contents = *read;
    if (contents.members.empty() && contents.bomb_suspected)
      return Status::InvalidInput(contents.bomb_reason);
    ExtractedDocument doc;
    doc.metadata["archive_format"] = contents.format;
    if (!contents.filters.empty()) doc.metadata["compression"] = contents.filters;
    doc.metadata["members"] = std::to_string(contents.members.size());
    if (!contents.links.empty()) {
      std::string links;
      for (const auto& link : contents.links) links += (links.empty() ? "" : "\n") + link;
      doc.metadata["links"] = links;
    }
    doc.warnings = std::move(contents.warnings);
    bool single_file = contents.format == "raw";
    doc.children.reserve(contents.members.size());
    for (auto& member : contents.members) {
      std::string name = single_file ? DecompressedName(input.file_name) : std::move(member.path);
      doc.children.push_back(ChildPart{std::move(name), std::move(member.bytes), ""});
      member.bytes = std::string();
    }
    return doc;
  }
};

}  // namespace

std::unique_ptr<FormatHandler> MakeArchiveHandler() {
  return std::make_unique<ArchiveHandler>();
}

}  // namespace leakgraph::extract
