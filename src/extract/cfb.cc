#include "extract/cfb.h"

#include <algorithm>
#include <vector>

#include "text/encoding.h"

namespace leakgraph::extract {
namespace {

constexpr std::string_view kSignature = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
constexpr std::uint32_t kEndOfChain = 0xFFFFFFFE;
constexpr std::uint32_t kFreeSector = 0xFFFFFFFF;
constexpr std::uint32_t kMaxRegularSector = 0xFFFFFFFA;
constexpr std::size_t kHeaderDifatEntries = 109;
constexpr std::size_t kEntrySize = 128;

std::uint32_t U16(std::string_view b, std::size_t at) {
  return static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8;
}

std::uint32_t U32(std::string_view b, std::size_t at) {
  return U16(b, at) | U16(b, at + 2) << 16;
}

Status Corrupt(const std::string& what) {
  return Status::InvalidInput("corrupt compound file: " + what);
}

char LowerAscii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return LowerAscii(x) == LowerAscii(y); });
}

}  // namespace

Result<CompoundFile> CompoundFile::Open(std::string_view bytes) {
  if (bytes.size() < 512 || bytes.substr(0, 8) != kSignature) return Corrupt("no OLE2 signature");
  CompoundFile file(bytes);
  if (Status s = file.ReadHeaderAndTables(); !s.ok()) return s;
  if (Status s = file.ReadDirectory(); !s.ok()) return s;
  return file;
}

std::optional<std::string_view> CompoundFile::Sector(std::uint32_t index) const {
  if (index > kMaxRegularSector) return std::nullopt;
  std::uint64_t offset = (static_cast<std::uint64_t>(index) + 1) * sector_size_;
  if (offset >= bytes_.size()) return std::nullopt;
  // The last sector of a file may be cut short; what is there is read.
  return bytes_.substr(offset, std::min<std::uint64_t>(sector_size_, bytes_.size() - offset));
}

Status CompoundFile::ReadHeaderAndTables() {
  std::uint32_t shift = U16(bytes_, 0x1E);
  if (shift != 9 && shift != 12) return Corrupt("sector size 2^" + std::to_string(shift));
  sector_size_ = 1u << shift;
  std::uint32_t mini_shift = U16(bytes_, 0x20);
  if (mini_shift != 6) return Corrupt("mini sector size 2^" + std::to_string(mini_shift));
  std::uint32_t fat_sectors = U32(bytes_, 0x2C);
  first_directory_sector_ = U32(bytes_, 0x30);
  mini_cutoff_ = U32(bytes_, 0x38);
  first_mini_fat_sector_ = U32(bytes_, 0x3C);
  std::uint32_t difat_sector = U32(bytes_, 0x44);
  std::uint64_t sectors_in_file = bytes_.size() / sector_size_ + 1;
  if (fat_sectors > sectors_in_file) return Corrupt("more allocation sectors than the file holds");

  // The DIFAT: the first 109 FAT sector numbers in the header, the rest in a chain.
  std::vector<std::uint32_t> fat_sector_numbers;
  for (std::size_t i = 0; i < kHeaderDifatEntries && fat_sector_numbers.size() < fat_sectors; ++i)
    fat_sector_numbers.push_back(U32(bytes_, 0x4C + 4 * i));
  std::uint64_t steps = 0;
  while (fat_sector_numbers.size() < fat_sectors && difat_sector <= kMaxRegularSector) {
    if (++steps > sectors_in_file) return Corrupt("DIFAT chain loops");
    auto sector = Sector(difat_sector);
    if (!sector || sector->size() < sector_size_) return Corrupt("DIFAT sector out of the file");
    std::size_t per_sector = sector_size_ / 4 - 1;
    for (std::size_t i = 0; i < per_sector && fat_sector_numbers.size() < fat_sectors; ++i)
      fat_sector_numbers.push_back(U32(*sector, 4 * i));
    difat_sector = U32(*sector, 4 * per_sector);
  }
  fat_.reserve(fat_sector_numbers.size() * (sector_size_ / 4));
  for (std::uint32_t number : fat_sector_numbers) {
    auto sector = Sector(number);
    if (!sector) return Corrupt("allocation table sector out of the file");
    for (std::size_t i = 0; i + 4 <= sector->size(); i += 4) fat_.push_back(U32(*sector, i));
  }
  if (fat_.empty()) return Corrupt("no allocation table");
  return Status::Ok();
}

Result<std::string> CompoundFile::ReadChain(std::uint32_t start, std::uint64_t size, bool mini) const {
  const std::vector<std::uint32_t>& table = mini ? mini_fat_ : fat_;
  const std::uint64_t unit = mini ? mini_sector_size_ : sector_size_;
  std::string out;
  out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(size, 64ull << 20)));
  std::uint32_t at = start;
  std::uint64_t steps = 0;
  while (out.size() < size) {
    if (at == kEndOfChain || at >= table.size())
      return Corrupt(std::string(mini ? "mini " : "") + "sector chain ends before the stream does");
    if (++steps > table.size()) return Corrupt("sector chain loops");
    std::uint64_t want = std::min<std::uint64_t>(unit, size - out.size());
    if (mini) {
      std::uint64_t offset = static_cast<std::uint64_t>(at) * unit;
      if (offset + want > mini_stream_.size()) return Corrupt("mini sector out of the mini stream");
      out.append(mini_stream_, offset, want);
    } else {
      auto sector = Sector(at);
      if (!sector) return Corrupt("sector out of the file");
      if (sector->size() < want) {
        out.append(*sector);
        return Corrupt("stream cut short");
      }
      out.append(sector->substr(0, want));
    }
    at = table[at];
  }
  return out;
}

Status CompoundFile::ReadDirectory() {
  // The directory's size is not stored: read its chain to the end, bounded.
  std::uint32_t at = first_directory_sector_;
  std::uint64_t steps = 0;
  std::string directory;
  while (at <= kMaxRegularSector) {
    if (++steps > fat_.size() || at >= fat_.size()) return Corrupt("directory chain broken or looping");
    auto sector = Sector(at);
    if (!sector) return Corrupt("directory sector out of the file");
    directory.append(*sector);
    if (directory.size() / kEntrySize > kMaxEntries) return Corrupt("more than 100000 directory entries");
    at = fat_[at];
  }
  for (std::size_t offset = 0; offset + kEntrySize <= directory.size(); offset += kEntrySize) {
    std::string_view raw(directory.data() + offset, kEntrySize);
    Entry entry;
    std::uint32_t name_bytes = std::min<std::uint32_t>(U16(raw, 0x40), 64);
    std::u16string name;
    for (std::uint32_t i = 0; i + 1 < name_bytes; i += 2) {
      char16_t unit = static_cast<char16_t>(U16(raw, i));
      if (unit == 0) break;
      name.push_back(unit);
    }
    for (char16_t unit : name) text::AppendUtf8(entry.name, unit >= 0xD800 && unit <= 0xDFFF ? 0xFFFD : unit);
    entry.type = static_cast<EntryType>(static_cast<unsigned char>(raw[0x42]));
    entry.left = U32(raw, 0x44);
    entry.right = U32(raw, 0x48);
    entry.child = U32(raw, 0x4C);
    entry.start = U32(raw, 0x74);
    entry.size = U32(raw, 0x78);  // the high half is unreliable in version 3 files
    entries_.push_back(std::move(entry));
  }
  if (entries_.empty() || entries_[0].type != EntryType::kRoot) return Corrupt("no root entry");
  // The mini stream is the root entry's stream; the mini FAT its own chain.
  const Entry& root = entries_[0];
  if (root.size > 0) {
    auto mini = ReadChain(root.start, root.size, false);
    if (!mini.ok()) return mini.status();
    mini_stream_ = std::move(*mini);
  }
  std::uint32_t mini_at = first_mini_fat_sector_;
  steps = 0;
  while (mini_at <= kMaxRegularSector && mini_at != kFreeSector) {
    if (++steps > fat_.size() || mini_at >= fat_.size()) return Corrupt("mini allocation chain broken or looping");
    auto sector = Sector(mini_at);
    if (!sector) return Corrupt("mini allocation sector out of the file");
    for (std::size_t i = 0; i + 4 <= sector->size(); i += 4) mini_fat_.push_back(U32(*sector, i));
    mini_at = fat_[mini_at];
  }
  return Status::Ok();
}

std::vector<std::uint32_t> CompoundFile::Children(std::uint32_t storage) const {
  std::vector<std::uint32_t> out;
  if (storage >= entries_.size()) return out;
  std::vector<bool> seen(entries_.size(), false);
  // In-order walk of the red-black tree of siblings, iteratively.
  std::vector<std::uint32_t> stack;
  std::uint32_t at = entries_[storage].child;
  while (!stack.empty() || (at < entries_.size() && !seen[at])) {
    while (at < entries_.size() && !seen[at]) {
      seen[at] = true;
      stack.push_back(at);
      at = entries_[at].left;
    }
    if (stack.empty()) break;
    std::uint32_t node = stack.back();
    stack.pop_back();
    out.push_back(node);
    at = entries_[node].right;
  }
  return out;
}

std::optional<std::uint32_t> CompoundFile::Find(std::uint32_t storage, std::string_view name) const {
  for (std::uint32_t index : Children(storage)) {
    if (EqualsIgnoringAsciiCase(entries_[index].name, name)) return index;
  }
  return std::nullopt;
}

Result<std::string> CompoundFile::ReadStream(std::uint32_t index, std::uint64_t max_bytes) const {
  if (index >= entries_.size() || entries_[index].type != EntryType::kStream)
    return Status::InvalidInput("not a stream");
  const Entry& entry = entries_[index];
  if (entry.size > max_bytes)
    return Status::Unsupported("stream " + entry.name + " of " + std::to_string(entry.size) +
                               " bytes is over the limit of " + std::to_string(max_bytes));
  if (entry.size > bytes_.size() + mini_stream_.size()) return Corrupt("stream larger than the file");
  return ReadChain(entry.start, entry.size, entry.size < mini_cutoff_);
}

}  // namespace leakgraph::extract
