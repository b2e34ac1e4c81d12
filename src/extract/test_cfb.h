// Test helper: writes a small OLE2 compound file (version 3, 512-byte
// sectors, streams under 4096 bytes in the mini stream), so tests can build
// .msg, .doc and .xls fixtures and damaged variants without Office. Not for
// production use: no DIFAT sectors (at most 109 FAT sectors, ~7 MB), and each
// storage's children are chained through right siblings.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace leakgraph::extract {

struct CfbStream {
  std::string path;   // "a/b/stream": storages are created as needed
  std::string bytes;
};

inline std::string WriteCompoundFile(const std::vector<CfbStream>& streams) {
  constexpr std::uint32_t kEnd = 0xFFFFFFFE, kFree = 0xFFFFFFFF, kFatSect = 0xFFFFFFFD, kNone = 0xFFFFFFFF;
  struct Node {
    std::string name;
    int type;  // 1 storage, 2 stream, 5 root
    std::string bytes;
    std::vector<std::uint32_t> children;
    std::uint32_t start = kEnd;
  };
  std::vector<Node> nodes = {{"Root Entry", 5, "", {}, kEnd}};
  std::map<std::string, std::uint32_t> storages = {{"", 0}};
  for (const auto& s : streams) {
    std::string parent;
    std::size_t from = 0;
    for (std::size_t slash = s.path.find('/'); slash != std::string::npos; slash = s.path.find('/', from)) {
      std::string storage = s.path.substr(0, slash);
      if (!storages.count(storage)) {
        storages[storage] = static_cast<std::uint32_t>(nodes.size());
        nodes[storages[parent]].children.push_back(static_cast<std::uint32_t>(nodes.size()));
        nodes.push_back({s.path.substr(from, slash - from), 1, "", {}, kEnd});
      }
      parent = storage;
      from = slash + 1;
    }
    nodes[storages[parent]].children.push_back(static_cast<std::uint32_t>(nodes.size()));
    nodes.push_back({s.path.substr(from), 2, s.bytes, {}, kEnd});
  }
  // Mini stream: small streams, 64-byte aligned.
  std::string mini;
  std::vector<std::uint32_t> mini_fat;
  for (auto& n : nodes) {
    if (n.type != 2 || n.bytes.size() >= 4096 || n.bytes.empty()) continue;
    std::uint32_t first = static_cast<std::uint32_t>(mini.size() / 64);
    std::size_t count = (n.bytes.size() + 63) / 64;
    for (std::size_t i = 0; i < count; ++i)
      mini_fat.push_back(i + 1 < count ? first + static_cast<std::uint32_t>(i) + 1 : kEnd);
    n.start = first;
    mini += n.bytes;
    mini.resize((mini.size() + 63) / 64 * 64, '\0');
  }
  auto sectors_of = [](std::size_t bytes) { return (bytes + 511) / 512; };
  std::size_t dir_sectors = sectors_of(nodes.size() * 128);
  std::size_t minifat_sectors = sectors_of(mini_fat.size() * 4);
  std::size_t mini_sectors = sectors_of(mini.size());
  std::size_t big_sectors = 0;
  for (const auto& n : nodes)
    if (n.type == 2 && n.bytes.size() >= 4096) big_sectors += sectors_of(n.bytes.size());
  std::size_t data_sectors = dir_sectors + minifat_sectors + mini_sectors + big_sectors;
  std::size_t fat_sectors = 1;
  while (fat_sectors * 128 < data_sectors + fat_sectors) ++fat_sectors;
  std::vector<std::uint32_t> fat(fat_sectors * 128, kFree);
  std::uint32_t next = 0;
  for (std::size_t i = 0; i < fat_sectors; ++i) fat[next++] = kFatSect;
  auto chain = [&](std::size_t count) {
    std::uint32_t first = next;
    for (std::size_t i = 0; i < count; ++i, ++next) fat[next] = i + 1 < count ? next + 1 : kEnd;
    return count == 0 ? kEnd : first;
  };
  std::uint32_t dir_start = chain(dir_sectors);
  std::uint32_t minifat_start = chain(minifat_sectors);
  nodes[0].start = chain(mini_sectors);
  nodes[0].bytes.resize(mini.size());  // only its size is written
  for (auto& n : nodes)
    if (n.type == 2 && n.bytes.size() >= 4096) n.start = chain(sectors_of(n.bytes.size()));

  auto put16 = [](std::string& out, std::size_t at, std::uint32_t v) {
    out[at] = static_cast<char>(v & 0xFF);
    out[at + 1] = static_cast<char>((v >> 8) & 0xFF);
  };
  auto put32 = [&](std::string& out, std::size_t at, std::uint32_t v) {
    put16(out, at, v & 0xFFFF);
    put16(out, at + 2, v >> 16);
  };
  std::string file(512, '\0');
  file.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
  put16(file, 0x18, 0x3E);
  put16(file, 0x1A, 3);
  put16(file, 0x1C, 0xFFFE);
  put16(file, 0x1E, 9);
  put16(file, 0x20, 6);
  put32(file, 0x2C, static_cast<std::uint32_t>(fat_sectors));
  put32(file, 0x30, dir_start);
  put32(file, 0x38, 4096);
  put32(file, 0x3C, minifat_start);
  put32(file, 0x40, static_cast<std::uint32_t>(minifat_sectors));
  put32(file, 0x44, kEnd);
  for (std::size_t i = 0; i < 109; ++i) put32(file, 0x4C + 4 * i, i < fat_sectors ? static_cast<std::uint32_t>(i) : kFree);
  auto pad = [&] { file.resize((file.size() + 511) / 512 * 512, '\0'); };
  for (std::uint32_t v : fat) {
    file.resize(file.size() + 4);
    put32(file, file.size() - 4, v);
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    std::string entry(128, '\0');
    const Node& n = nodes[i];
    for (std::size_t c = 0; c < n.name.size() && c < 31; ++c) put16(entry, 2 * c, static_cast<unsigned char>(n.name[c]));
    put16(entry, 0x40, static_cast<std::uint32_t>(2 * (std::min<std::size_t>(n.name.size(), 31) + 1)));
    entry[0x42] = static_cast<char>(n.type);
    entry[0x43] = 1;  // black
    put32(entry, 0x44, kNone);
    put32(entry, 0x48, kNone);
    put32(entry, 0x4C, n.children.empty() ? kNone : n.children[0]);
    put32(entry, 0x74, n.start);
    put32(entry, 0x78, static_cast<std::uint32_t>(n.bytes.size()));
    file += entry;
  }
  // Siblings: each child's right sibling is the next child.
  std::size_t dir_offset = 512 + fat_sectors * 512;
  for (const auto& n : nodes) {
    for (std::size_t c = 0; c + 1 < n.children.size(); ++c)
      put32(file, dir_offset + 128 * n.children[c] + 0x48, n.children[c + 1]);
  }
  pad();
  for (std::uint32_t v : mini_fat) {
    file.resize(file.size() + 4);
    put32(file, file.size() - 4, v);
  }
  pad();
  file += mini;
  pad();
  for (const auto& n : nodes) {
    if (n.type == 2 && n.bytes.size() >= 4096) {
      file += n.bytes;
      pad();
    }
  }
  return file;
}

// UTF-16LE of an ASCII or UTF-8 string (BMP only), for string properties.
inline std::string Utf16Le(const std::string& utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    std::uint32_t cp = c;
    int extra = c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (extra) cp = c & (extra == 2 ? 0x0F : 0x1F);
    for (int k = 1; k <= extra && i + k < utf8.size(); ++k) cp = cp << 6 | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += 1 + extra;
    out += static_cast<char>(cp & 0xFF);
    out += static_cast<char>(cp >> 8);
  }
  return out;
}

}  // namespace leakgraph::extract
