// A bounded reader of OLE2 compound files (Microsoft's Compound File Binary
// format, MS-CFB): the container of legacy .doc, .xls, .ppt and Outlook .msg
// files. It reads the directory and any stream's bytes from a file held in
// memory, and nothing else (no writing, no property sets).
//
// Bounded: every sector chain is followed at most as many steps as the file
// has sectors (a loop is an error, not a hang), the directory is read at most
// kMaxEntries entries deep, a stream is read only up to the caller's limit,
// and no offset is trusted before it is checked against the file's size.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "leakgraph/status.h"

namespace leakgraph::extract {

class CompoundFile {
 public:
  static constexpr std::size_t kMaxEntries = 100000;

  enum class EntryType : std::uint8_t { kEmpty = 0, kStorage = 1, kStream = 2, kRoot = 5 };

  struct Entry {
    std::string name;  // UTF-8
    EntryType type = EntryType::kEmpty;
    std::uint32_t left = kNoEntry, right = kNoEntry, child = kNoEntry;
    std::uint32_t start = 0;
    std::uint64_t size = 0;
  };
  static constexpr std::uint32_t kNoEntry = 0xFFFFFFFF;

  // Parses the header, the allocation tables and the directory of `bytes`,
  // which must outlive the CompoundFile. Errors: not a compound file, or a
  // header, table or directory that is corrupt or cut short.
  [[nodiscard]] static Result<CompoundFile> Open(std::string_view bytes);

  const std::vector<Entry>& entries() const { return entries_; }
  // The entries directly inside storage `storage` (0: the root), in
  // directory order. Each entry is visited once even in a looping tree.
  std::vector<std::uint32_t> Children(std::uint32_t storage) const;
  // Returns the child of `storage` named `name` (ASCII case-insensitive, as
  // in the format), or nullopt.
  std::optional<std::uint32_t> Find(std::uint32_t storage, std::string_view name) const;
  // Returns the bytes of stream `index`. Errors: not a stream, larger than
  // `max_bytes`, or a broken sector chain.
  [[nodiscard]] Result<std::string> ReadStream(std::uint32_t index, std::uint64_t max_bytes) const;

 private:
  explicit CompoundFile(std::string_view bytes) : bytes_(bytes) {}
  Status ReadHeaderAndTables();
  Status ReadDirectory();
  // Returns `size` bytes following the sector chain from `start`, in the
  // mini stream's chain of 64-byte sectors when `mini`.
  Result<std::string> ReadChain(std::uint32_t start, std::uint64_t size, bool mini) const;
  std::optional<std::string_view> Sector(std::uint32_t index) const;

  std::string_view bytes_;
  std::uint32_t sector_size_ = 512;
  std::uint32_t mini_sector_size_ = 64;
  std::uint32_t mini_cutoff_ = 4096;
  std::uint32_t first_directory_sector_ = 0;
  std::uint32_t first_mini_fat_sector_ = 0;
  std::vector<std::uint32_t> fat_;
  std::vector<std::uint32_t> mini_fat_;
  std::string mini_stream_;
  std::vector<Entry> entries_;
};

}  // namespace leakgraph::extract
