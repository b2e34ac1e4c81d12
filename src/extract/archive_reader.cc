// Streaming reads of in-memory archives through libarchive, with the limits
// of archive_reader.h. Only built-in decompressors are registered: formats
// that libarchive would hand to an external program are not read.
#include "extract/archive_reader.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <set>

#include "text/encoding.h"

namespace leakgraph::extract {
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;
constexpr int kMaxHeaderErrors = 100;

using ArchivePtr = std::unique_ptr<struct archive, decltype(&archive_read_free)>;

std::string Megabytes(std::uint64_t bytes) {
  return std::to_string(bytes >> 20) + " MB";
}

std::string ErrorOf(struct archive* a) {
  const char* error = archive_error_string(a);
  return error != nullptr ? error : "unknown error";
}

bool MentionsEncryption(std::string_view message) {
  return message.find("ncrypt") != std::string_view::npos ||
         message.find("assphrase") != std::string_view::npos ||
         message.find("assword") != std::string_view::npos;
}

ArchivePtr OpenReader(std::string_view bytes, ArchiveKinds kinds) {
  ArchivePtr a(archive_read_new(), &archive_read_free);
  if (!a) return a;
  archive_read_support_format_zip(a.get());
  if (kinds == ArchiveKinds::kAny) {
    archive_read_support_filter_gzip(a.get());
    archive_read_support_filter_bzip2(a.get());
    archive_read_support_filter_xz(a.get());
    archive_read_support_filter_lzma(a.get());
    archive_read_support_filter_zstd(a.get());
    archive_read_support_filter_compress(a.get());
    archive_read_support_format_tar(a.get());
    archive_read_support_format_7zip(a.get());
    archive_read_support_format_rar(a.get());
    archive_read_support_format_rar5(a.get());
    archive_read_support_format_raw(a.get());  // bids last: a lone compressed file
  }
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    // Keep the handle: the caller reads the error from it.
  }
  return a;
}

// The member's name as UTF-8, whatever the archive's own encoding.
std::string RawName(struct archive_entry* entry) {
  const char* utf8 = archive_entry_pathname_utf8(entry);
  if (utf8 != nullptr && text::IsValidUtf8(utf8)) return utf8;
  const char* raw = archive_entry_pathname(entry);
  if (raw == nullptr) return "";
  return text::IsValidUtf8(raw) ? std::string(raw) : text::DecodeToUtf8(raw).utf8;
}

class ArchiveWalk {
 public:
  ArchiveWalk(std::string_view bytes, const ArchiveLimits& limits,
              const std::function<bool(std::string_view)>& wanted)
      : archive_size_(bytes.size()), limits_(limits), wanted_(wanted) {}

  // Walks every entry of `a`; returns the fatal error that stopped it, or "".
  std::string Walk(struct archive* a) {
    int header_errors = 0;
    for (std::size_t entries = 0;; ++entries) {
      struct archive_entry* entry = nullptr;
      int r = archive_read_next_header(a, &entry);
      if (r == ARCHIVE_EOF) return "";
      if (r == ARCHIVE_FATAL) return ErrorOf(a);
      if (entries >= limits_.max_entries) {
        out_.warnings.push_back("more than " + std::to_string(limits_.max_entries) +
                                " entries: the rest not read");
        return "";
      }
      if (r == ARCHIVE_RETRY || r == ARCHIVE_FAILED) {
        std::string error = ErrorOf(a);
        if (MentionsEncryption(error))
          ++out_.encrypted_members;
        else
          Warn("entry " + std::to_string(entries + 1) + " unreadable: " + error);
        if (++header_errors > kMaxHeaderErrors) return "too many unreadable entries";
        if (r == ARCHIVE_RETRY || entry == nullptr) continue;
      } else if (r == ARCHIVE_WARN) {
        std::string error = ErrorOf(a);
        if (error.find("cannot be converted") == std::string::npos) Warn(error);
      }
      if (!ReadEntry(a, entry)) return "";
    }
  }

  ArchiveContents& contents() { return out_; }

 private:
  void Warn(std::string message) {
    if (out_.warnings.size() < 100) out_.warnings.push_back(std::move(message));
  }

  // Returns false iff reading must stop (a limit was reached).
  bool ReadEntry(struct archive* a, struct archive_entry* entry) {
    std::string raw = RawName(entry);
    if (const char* target = archive_entry_hardlink(entry); target != nullptr) {
      out_.links.push_back(raw + " -> " + target);
      Warn("hard link not followed: " + raw + " -> " + target);
      return true;
    }
    auto type = archive_entry_filetype(entry);
    if (type == AE_IFDIR) return true;
    if (type == AE_IFLNK) {
      const char* target = archive_entry_symlink(entry);
      std::string link = raw + " -> " + (target != nullptr ? target : "");
      out_.links.push_back(link);
      Warn("symbolic link not followed: " + link);
      return true;
    }
    if (type != AE_IFREG && type != 0) {
      Warn("special file skipped: " + raw);
      return true;
    }
    bool changed = false;
    std::string path = SafeMemberPath(raw, changed);
    if (path.empty()) path = "member-" + std::to_string(out_.members.size() + 1);
    if (changed) Warn("unsafe member name \"" + raw + "\" read as \"" + path + "\"");
    if (wanted_ && !wanted_(path)) return true;
    if (archive_entry_is_data_encrypted(entry)) {
      ++out_.encrypted_members;
      if (out_.encrypted_members <= 20) Warn("encrypted member not read: " + path);
      return true;
    }
    if (archive_entry_size_is_set(entry) &&
        static_cast<std::uint64_t>(archive_entry_size(entry)) > limits_.max_member_bytes) {
      Warn("member larger than " + Megabytes(limits_.max_member_bytes) + " not read: " + path);
      return true;
    }
    std::string data;
    char chunk[kChunkBytes];
    for (;;) {
      la_ssize_t n = archive_read_data(a, chunk, sizeof chunk);
      if (n == 0) break;
      if (n < 0) {
        std::string error = ErrorOf(a);
        if (MentionsEncryption(error)) {
          ++out_.encrypted_members;
          if (out_.encrypted_members <= 20) Warn("encrypted member not read: " + path);
          return n != ARCHIVE_FATAL;
        }
        Warn("member " + path + (data.empty() ? " unreadable: " : " cut short: ") + error);
        if (!data.empty()) Keep(std::move(path), std::move(data));
        return n != ARCHIVE_FATAL;
      }
      data.append(chunk, static_cast<std::size_t>(n));
      total_ += static_cast<std::uint64_t>(n);
      if (data.size() > limits_.max_member_bytes) {
        Warn("member larger than " + Megabytes(limits_.max_member_bytes) + " not read: " + path);
        return true;
      }
      if (total_ > limits_.bomb_min_bytes && total_ / limits_.bomb_ratio > archive_size_) {
        out_.bomb_suspected = true;
        out_.bomb_reason = "zip bomb suspected: more than " + Megabytes(limits_.bomb_min_bytes) + " out of " +
                           std::to_string(archive_size_) + " bytes (over " +
                           std::to_string(limits_.bomb_ratio) + ":1); reading stopped at " + path;
        Warn(out_.bomb_reason);
        return false;
      }
      if (total_ > limits_.max_total_bytes) {
        Warn("archive expands past " + Megabytes(limits_.max_total_bytes) + ": reading stopped at " + path);
        return false;
      }
    }
    Keep(std::move(path), std::move(data));
    return true;
  }

  void Keep(std::string path, std::string data) {
    if (!names_.insert(path).second) {  // internal paths must be unique
      std::string base = path;
      for (int i = 2; !names_.insert(path).second; ++i) path = base + "~" + std::to_string(i);
    }
    out_.members.push_back({std::move(path), std::move(data)});
  }

  std::uint64_t archive_size_;
  const ArchiveLimits& limits_;
  const std::function<bool(std::string_view)>& wanted_;
  ArchiveContents out_;
  std::set<std::string> names_;
  std::uint64_t total_ = 0;
};

}  // namespace

std::string SafeMemberPath(std::string_view raw, bool& changed) {
  changed = false;
  std::string out;
  std::size_t start = 0;
  bool first = true;
  while (start <= raw.size()) {
    std::size_t end = raw.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view part = raw.substr(start, end - start);
    bool drive = first && part.size() == 2 && part[1] == ':';
    if (part == ".." || drive || (part.empty() && start == 0 && !raw.empty())) {
      changed = true;
    } else if (!part.empty() && part != ".") {
      if (!out.empty()) out += '/';
      out += part;
    }
    first = false;
    start = end + 1;
  }
  return out;
}

Result<ArchiveContents> ReadArchive(std::string_view bytes, ArchiveKinds kinds, const ArchiveLimits& limits,
                                    const std::function<bool(std::string_view)>& wanted) {
  ArchivePtr a = OpenReader(bytes, kinds);
  if (!a) return Status::Internal("libarchive: out of memory");
  ArchiveWalk walk(bytes, limits, wanted);
  std::string fatal = walk.Walk(a.get());
  ArchiveContents& out = walk.contents();
  if (archive_format(a.get()) != 0) out.format = archive_format_name(a.get());
  for (int i = archive_filter_count(a.get()) - 1; i >= 0; --i) {
    if (archive_filter_code(a.get(), i) == ARCHIVE_FILTER_NONE) continue;
    out.filters += (out.filters.empty() ? "" : " ") + std::string(archive_filter_name(a.get(), i));
  }
  if (archive_format(a.get()) == ARCHIVE_FORMAT_RAW && out.filters.empty()) {
    return Status::InvalidInput("corrupt archive: not a known archive or compressed format");
  }
  bool encrypted_header = MentionsEncryption(fatal);
  if (out.members.empty() && !out.bomb_suspected) {
    if (out.encrypted_members > 0 || (!fatal.empty() && encrypted_header)) {
      return Status::InvalidInput("encrypted archive: " +
                                  (out.encrypted_members > 0
                                       ? std::to_string(out.encrypted_members) + " member(s) need a password"
                                       : fatal));
    }
    if (!fatal.empty()) return Status::InvalidInput("corrupt archive: " + fatal);
  }
  if (!fatal.empty()) {
    out.warnings.push_back("archive truncated or corrupt after " + std::to_string(out.members.size()) +
                           " member(s): " + fatal);
  }
  if (out.encrypted_members > 20) {
    out.warnings.push_back(std::to_string(out.encrypted_members) + " encrypted members not read");
  }
  return std::move(out);
}

}  // namespace leakgraph::extract
