// Word 97-2003 (.doc): the text of every story (main text, footnotes,
// headers, comments, text boxes) in character-position order, read through
// the piece table (the Clx in the table stream) that the File Information
// Block (FIB) of the WordDocument stream points to. Field codes (between
// field-begin and field-separator marks) are dropped, their results kept;
// paragraph, cell and page marks become line breaks and tabs.
#include <string>
#include <vector>

#include "extract/ole_formats.h"
#include "text/encoding.h"

namespace leakgraph::extract {
namespace {

constexpr std::uint16_t kWordIdent = 0xA5EC;
constexpr std::size_t kFcClxIndex = 33;  // fcClx in FibRgFcLcb97
constexpr std::size_t kMaxPieces = 1u << 20;

std::uint32_t U16(std::string_view b, std::size_t at) {
  return static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8;
}

std::uint32_t U32(std::string_view b, std::size_t at) {
  return U16(b, at) | U16(b, at + 2) << 16;
}

Status Corrupt(const std::string& what) {
  return Status::InvalidInput("corrupt Word document: " + what);
}

// Turns Word's character stream into plain text.
class WordTextWriter {
 public:
  void Put(char32_t c) {
    switch (c) {
      case 0x13: in_code_.push_back(true); return;                        // field begin: code follows
      case 0x14: if (!in_code_.empty()) in_code_.back() = false; return;  // separator: result follows
      case 0x15: if (!in_code_.empty()) in_code_.pop_back(); return;      // field end
      default: break;
    }
    if (!in_code_.empty() && in_code_.back()) return;
    switch (c) {
      case 0x0D: case 0x0B: case 0x0C: out_ += '\n'; return;
      case 0x07: out_ += '\t'; return;
      case 0x1E: out_ += '-'; return;
      case 0x1F: case 0x01: case 0x08: case 0x00: case 0x02: case 0x05: return;
      case 0x09: out_ += '\t'; return;
      default: break;
    }
    if (c < 0x20) return;
    text::AppendUtf8(out_, c);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  std::vector<bool> in_code_;  // one per open field: true while in its code, false in its result
};

char32_t Cp1252(unsigned char b) {
  static const char16_t kHigh[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                     0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                     0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                     0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  return b >= 0x80 && b < 0xA0 ? kHigh[b - 0x80] : b;
}

}  // namespace

std::string Cp1252ToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (char c : bytes) text::AppendUtf8(out, Cp1252(static_cast<unsigned char>(c)));
  return out;
}

std::string Utf16LeToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    char32_t unit = U16(bytes, i);
    if (unit == 0) break;
    if (unit >= 0xD800 && unit <= 0xDBFF && i + 3 < bytes.size()) {
      char32_t low = U16(bytes, i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        text::AppendUtf8(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
        i += 2;
        continue;
      }
    }
    text::AppendUtf8(out, unit);  // unpaired surrogates become U+FFFD
  }
  return out;
}

Result<ExtractedDocument> ExtractWordBinary(const CompoundFile& file) {
  auto word_index = file.Find(0, "WordDocument");
  if (!word_index) return Corrupt("no WordDocument stream");
  auto word = file.ReadStream(*word_index, kMaxOleStreamBytes);
  if (!word.ok()) return word.status();
  const std::string& fib = *word;
  if (fib.size() < 0x22 || U16(fib, 0) != kWordIdent) return Corrupt("no File Information Block");
  std::uint32_t flags = U16(fib, 0x0A);
  if (flags & 0x0100) return Status::Unsupported("encrypted Word document: cannot be read without a password");
  // FibBase, then three variable-length arrays: csw shorts, cslw longs, cbRgFcLcb pairs.
  std::size_t at = 0x20;
  std::size_t csw = U16(fib, at);
  at += 2 + 2 * csw;
  if (at + 2 > fib.size()) return Corrupt("FIB cut short");
  std::size_t cslw = U16(fib, at);
  at += 2 + 4 * cslw;
  if (at + 2 > fib.size()) return Corrupt("FIB cut short");
  std::size_t pairs = U16(fib, at);
  at += 2;
  if (pairs <= kFcClxIndex || at + 8 * (kFcClxIndex + 1) > fib.size()) return Corrupt("FIB without a piece table");
  std::uint32_t fc_clx = U32(fib, at + 8 * kFcClxIndex);
  std::uint32_t lcb_clx = U32(fib, at + 8 * kFcClxIndex + 4);

  auto table_index = file.Find(0, (flags & 0x0200) ? "1Table" : "0Table");
  if (!table_index) return Corrupt("no table stream");
  auto table = file.ReadStream(*table_index, kMaxOleStreamBytes);
  if (!table.ok()) return table.status();
  if (static_cast<std::uint64_t>(fc_clx) + lcb_clx > table->size()) return Corrupt("piece table out of the table stream");
  std::string_view clx(table->data() + fc_clx, lcb_clx);
  // Skip Prc entries (formatting) to the Pcdt (the piece table).
  std::size_t pos = 0;
  while (pos < clx.size() && clx[pos] == 0x01) {
    if (pos + 3 > clx.size()) return Corrupt("piece table cut short");
    pos += 3 + U16(clx, pos + 1);
  }
  if (pos + 5 > clx.size() || clx[pos] != 0x02) return Corrupt("no piece table");
  std::uint32_t lcb = U32(clx, pos + 1);
  std::string_view plc = clx.substr(pos + 5);
  if (lcb > plc.size() || lcb < 4 || (lcb - 4) % 12 != 0) return Corrupt("piece table size");
  std::size_t pieces = (lcb - 4) / 12;
  if (pieces > kMaxPieces) return Corrupt("too many pieces");

  WordTextWriter writer;
  for (std::size_t i = 0; i < pieces; ++i) {
    std::uint32_t cp_begin = U32(plc, 4 * i), cp_end = U32(plc, 4 * (i + 1));
    if (cp_end <= cp_begin) continue;
    std::size_t pcd = 4 * (pieces + 1) + 8 * i;
    std::uint32_t fc = U32(plc, pcd + 2);
    bool compressed = (fc & 0x40000000) != 0;
    std::uint64_t chars = cp_end - cp_begin;
    std::uint64_t offset = compressed ? (fc & 0x3FFFFFFF) / 2 : fc;
    std::uint64_t length = compressed ? chars : 2 * chars;
    if (offset + length > fib.size()) return Corrupt("piece out of the WordDocument stream");
    for (std::uint64_t c = 0; c < chars; ++c) {
      writer.Put(compressed ? Cp1252(static_cast<unsigned char>(fib[offset + c])) : U16(fib, offset + 2 * c));
    }
  }
  ExtractedDocument doc;
  doc.content_type = "application/msword";
  doc.text = text::ToNfc(writer.Take());
  return doc;
}

}  // namespace leakgraph::extract
