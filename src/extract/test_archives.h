// Test fixtures: zip, tar and compressed archives written in memory with
// libarchive's writer, so each test shows the bytes it feeds the handlers.
// Header-only, for unit and CLI tests; not part of the library.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace leakgraph::testing {

struct FixtureMember {
  enum Kind { kFile, kDirectory, kSymlink, kHardlink };
  FixtureMember(std::string n, std::string b, Kind k = kFile, std::string t = "")
      : name(std::move(n)), bytes(std::move(b)), kind(k), target(std::move(t)) {}
  std::string name;
  std::string bytes;
  Kind kind;
  std::string target;  // of a link
};

// Returns an archive of `members` in libarchive format `format` ("zip",
// "ustar", "7zip", "raw") with compression `filter` ("" , "gzip", "bzip2",
// "xz", "zstd"), after applying `options` ("zip:encryption=zipcrypt") and a
// passphrase if given. Returns "" if libarchive refuses.
inline std::string WriteArchive(const std::vector<FixtureMember>& members, std::string_view format = "zip",
                                std::string_view filter = "", std::string_view options = "",
                                std::string_view passphrase = "") {
  struct archive* a = archive_write_new();
  std::string out;
  bool ok = archive_write_set_format_by_name(a, std::string(format).c_str()) == ARCHIVE_OK;
  if (ok && !filter.empty())
    ok = archive_write_add_filter_by_name(a, std::string(filter).c_str()) == ARCHIVE_OK;
  if (ok && !options.empty()) ok = archive_write_set_options(a, std::string(options).c_str()) == ARCHIVE_OK;
  if (ok && !passphrase.empty())
    ok = archive_write_set_passphrase(a, std::string(passphrase).c_str()) == ARCHIVE_OK;
  archive_write_set_bytes_in_last_block(a, 1);
  auto append = [](struct archive*, void* sink, const void* data, size_t n) -> la_ssize_t {
    static_cast<std::string*>(sink)->append(static_cast<const char*>(data), n);
    return static_cast<la_ssize_t>(n);
  };
  if (ok) ok = archive_write_open2(a, &out, nullptr, append, nullptr, nullptr) == ARCHIVE_OK;
  for (const auto& m : members) {
    if (!ok) break;
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, m.name.c_str());
    archive_entry_set_perm(e, 0644);
    archive_entry_set_mtime(e, 1400000000, 0);
    switch (m.kind) {
      case FixtureMember::kFile:
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_size(e, static_cast<la_int64_t>(m.bytes.size()));
        break;
      case FixtureMember::kDirectory:
        archive_entry_set_filetype(e, AE_IFDIR);
        break;
      case FixtureMember::kSymlink:
        archive_entry_set_filetype(e, AE_IFLNK);
        archive_entry_set_symlink(e, m.target.c_str());
        break;
      case FixtureMember::kHardlink:
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_hardlink(e, m.target.c_str());
        archive_entry_set_size(e, 0);
        break;
    }
    ok = archive_write_header(a, e) == ARCHIVE_OK;
    if (ok && m.kind == FixtureMember::kFile && !m.bytes.empty()) {
      for (std::size_t at = 0; ok && at < m.bytes.size(); at += 1 << 20) {
        std::size_t n = std::min<std::size_t>(1 << 20, m.bytes.size() - at);
        ok = archive_write_data(a, m.bytes.data() + at, n) == static_cast<la_ssize_t>(n);
      }
    }
    archive_entry_free(e);
  }
  if (ok) ok = archive_write_close(a) == ARCHIVE_OK;
  archive_write_free(a);
  if (!ok) out.clear();
  return out;
}

// A zip whose only member `name` holds `zeros` zero bytes, written in 1 MB
// steps so the fixture never holds the expanded bytes.
inline std::string WriteZeroBomb(std::string_view name, std::size_t zeros) {
  struct archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  std::string out;
  auto append = [](struct archive*, void* sink, const void* data, size_t n) -> la_ssize_t {
    static_cast<std::string*>(sink)->append(static_cast<const char*>(data), n);
    return static_cast<la_ssize_t>(n);
  };
  archive_write_open2(a, &out, nullptr, append, nullptr, nullptr);
  struct archive_entry* e = archive_entry_new();
  archive_entry_set_pathname(e, std::string(name).c_str());
  archive_entry_set_filetype(e, AE_IFREG);
  archive_entry_set_perm(e, 0644);
  archive_entry_set_size(e, static_cast<la_int64_t>(zeros));
  archive_write_header(a, e);
  std::string block(std::size_t{1} << 20, '\0');
  for (std::size_t at = 0; at < zeros; at += block.size()) {
    archive_write_data(a, block.data(), std::min(block.size(), zeros - at));
  }
  archive_entry_free(e);
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

}  // namespace leakgraph::testing
