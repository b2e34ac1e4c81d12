// Reading the members of an archive held in memory (zip, tar, 7z, rar, and
// single compressed files), for the archive handler and the Office handlers.
//
// Archives are hostile input: members are read in streaming fashion with size
// caps that never trust the sizes an archive declares, the total expansion
// and its ratio to the archive's size are watched (zip bombs), member names
// are made safe, links are recorded and never followed, and encrypted or
// corrupt parts become warnings rather than errors while anything at all can
// be read. No I/O beyond the bytes given; no external programs.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "leakgraph/status.h"

namespace leakgraph::extract {

struct ArchiveLimits {
  std::uint64_t max_member_bytes = 512ull << 20;  // a larger member is not read
  std::uint64_t max_total_bytes = 4ull << 30;     // reading stops past this much output
  // A zip bomb: more than `bomb_min_bytes` out at over `bomb_ratio` times the archive's size.
  std::uint64_t bomb_min_bytes = 100ull << 20;
  std::uint64_t bomb_ratio = 200;
  std::size_t max_entries = 100000;
};

struct ArchiveMember {
  std::string path;  // safe internal path: no leading '/', no "." or ".." components, unique
  std::string bytes;
};

struct ArchiveContents {
  std::vector<ArchiveMember> members;
  std::vector<std::string> warnings;
  std::vector<std::string> links;     // "name -> target" for symbolic and hard links (not followed)
  std::string format;                 // libarchive's name for the format, e.g. "ZIP 2.0 (deflation)"
  std::string filters;                // compression filters, e.g. "gzip"; "" for none
  std::size_t encrypted_members = 0;  // members not read for want of a password
  bool bomb_suspected = false;        // reading stopped by the expansion-ratio rule
  std::string bomb_reason;            // "zip bomb suspected: ..." when bomb_suspected
};

enum class ArchiveKinds {
  kAny,      // zip, tar, 7z, rar and compressed single files
  kZipOnly,  // Office documents
};

// Reads the regular members of `bytes` for which `wanted(path)` is true (all
// when `wanted` is empty), in archive order. Returns an error Status whose
// message starts "encrypted archive" when nothing could be read for want of a
// password, or "corrupt archive: ..." when nothing could be read at all;
// otherwise the members read, with warnings for what was skipped.
Result<ArchiveContents> ReadArchive(std::string_view bytes, ArchiveKinds kinds, const ArchiveLimits& limits,
                                    const std::function<bool(std::string_view)>& wanted = {});

// Returns `raw` as a safe relative internal path: backslashes read as '/',
// empty, "." and ".." components and a drive letter dropped. Sets `changed`
// iff a component was dropped for safety (not for a doubled '/').
std::string SafeMemberPath(std::string_view raw, bool& changed);

}  // namespace leakgraph::extract
