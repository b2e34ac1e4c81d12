// Excel 97-2003 (.xls, BIFF8): the text of every worksheet, in record order,
// from the Workbook stream: shared strings (SST, with their CONTINUE
// records), LABELSST, LABEL, NUMBER and RK cells; cells of a row are
// separated by tabs, rows by line breaks, sheets by a blank line after a
// line with the sheet's name. Formulas' cached results and charts are not
// read. A FILEPASS record means the workbook is encrypted.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "extract/ole_formats.h"
#include "text/encoding.h"

namespace leakgraph::extract {
namespace {

constexpr std::uint16_t kBof = 0x0809, kEof = 0x000A, kBoundSheet = 0x0085, kSst = 0x00FC, kContinue = 0x003C,
                        kLabelSst = 0x00FD, kLabel = 0x0204, kNumber = 0x0203, kRk = 0x027E, kMulRk = 0x00BD,
                        kFilePass = 0x002F;
constexpr std::size_t kMaxStrings = 4u << 20;

std::uint32_t U16(std::string_view b, std::size_t at) {
  return static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8;
}

std::uint32_t U32(std::string_view b, std::size_t at) {
  return U16(b, at) | U16(b, at + 2) << 16;
}

Status Corrupt(const std::string& what) {
  return Status::InvalidInput("corrupt Excel workbook: " + what);
}

// Reads across the SST record and its CONTINUE records: a string's
// characters may continue in the next record, which then starts with a new
// flags byte saying whether they are 8 or 16 bits wide.
class ContinuedReader {
 public:
  explicit ContinuedReader(std::vector<std::string_view> parts) : parts_(std::move(parts)) {}
  bool AtEnd() {
    Normalise();
    return part_ >= parts_.size();
  }
  bool Byte(std::uint32_t& out) {
    Normalise();
    if (part_ >= parts_.size()) return false;
    out = static_cast<unsigned char>(parts_[part_][at_++]);
    return true;
  }
  bool U16(std::uint32_t& out) {
    std::uint32_t lo = 0, hi = 0;
    if (!Byte(lo) || !Byte(hi)) return false;
    out = lo | hi << 8;
    return true;
  }
  bool U32(std::uint32_t& out) {
    std::uint32_t lo = 0, hi = 0;
    if (!U16(lo) || !U16(hi)) return false;
    out = lo | hi << 16;
    return true;
  }
  bool Skip(std::uint64_t n) {
    while (n > 0) {
      Normalise();
      if (part_ >= parts_.size()) return false;
      std::uint64_t step = std::min<std::uint64_t>(n, parts_[part_].size() - at_);
      at_ += step;
      n -= step;
    }
    return true;
  }
  // Reads `chars` characters, `wide` or not, re-reading the flags at each record boundary.
  bool Chars(std::uint32_t chars, bool wide, std::string& out) {
    for (std::uint32_t i = 0; i < chars; ++i) {
      if (at_ >= Current().size()) {
        ++part_;
        at_ = 0;
        std::uint32_t flags = 0;
        if (!Byte(flags)) return false;
        wide = flags & 1;
      }
      std::uint32_t c = 0;
      if (wide ? !U16(c) : !Byte(c)) return false;
      text::AppendUtf8(out, c >= 0xD800 && c <= 0xDFFF ? 0xFFFD : c);
    }
    return true;
  }

 private:
  std::string_view Current() const { return part_ < parts_.size() ? parts_[part_] : std::string_view(); }
  void Normalise() {
    while (part_ < parts_.size() && at_ >= parts_[part_].size()) {
      ++part_;
      at_ = 0;
    }
  }
  std::vector<std::string_view> parts_;
  std::size_t part_ = 0;
  std::size_t at_ = 0;
};

bool ReadSharedStrings(std::vector<std::string_view> parts, std::vector<std::string>& out) {
  ContinuedReader in(std::move(parts));
  std::uint32_t total = 0, unique = 0;
  if (!in.U32(total) || !in.U32(unique)) return false;
  for (std::uint32_t i = 0; i < unique && i < kMaxStrings && !in.AtEnd(); ++i) {
    std::uint32_t chars = 0, flags = 0, runs = 0, ext = 0;
    if (!in.U16(chars) || !in.Byte(flags)) return false;
    if ((flags & 0x08) && !in.U16(runs)) return false;
    if ((flags & 0x04) && !in.U32(ext)) return false;
    std::string s;
    if (!in.Chars(chars, flags & 1, s)) return false;
    if (!in.Skip(4ull * runs) || !in.Skip(ext)) return false;
    out.push_back(std::move(s));
  }
  return true;
}

// An XLUnicodeString inside one record: 16-bit count, flags, characters.
std::string UnicodeString(std::string_view b, std::size_t at) {
  if (at + 3 > b.size()) return {};
  std::uint32_t chars = U16(b, at);
  bool wide = b[at + 2] & 1;
  std::string out;
  for (std::uint32_t i = 0, p = at + 3; i < chars && p + (wide ? 2 : 1) <= b.size(); ++i, p += wide ? 2 : 1)
    text::AppendUtf8(out, wide ? U16(b, p) : static_cast<unsigned char>(b[p]));
  return out;
}

double RkValue(std::uint32_t rk) {
  double value = 0;
  if (rk & 2) {
    value = static_cast<double>(static_cast<std::int32_t>(rk) >> 2);
  } else {
    std::uint64_t bits = static_cast<std::uint64_t>(rk & 0xFFFFFFFC) << 32;
    std::memcpy(&value, &bits, sizeof value);
  }
  return (rk & 1) ? value / 100 : value;
}

std::string Number(double value) {
  if (!std::isfinite(value)) return {};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  return buffer;
}

// Gathers cells in record order, row by row.
class SheetWriter {
 public:
  void Cell(std::uint32_t row, const std::string& value) {
    if (value.empty()) return;
    if (started_ && row != row_) out_ += '\n';
    else if (started_) out_ += '\t';
    started_ = true;
    row_ = row;
    out_ += value;
  }
  void StartSheet(const std::string& name) {
    if (!out_.empty()) out_ += "\n\n";
    if (!name.empty()) out_ += name + "\n";
    started_ = false;
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  bool started_ = false;
  std::uint32_t row_ = 0;
};

}  // namespace

Result<ExtractedDocument> ExtractExcelBinary(const CompoundFile& file) {
  auto index = file.Find(0, "Workbook");
  if (!index) {
    if (file.Find(0, "Book")) return Status::Unsupported("unsupported Excel workbook: Excel 5/95 (BIFF5)");
    return Corrupt("no Workbook stream");
  }
  auto stream = file.ReadStream(*index, kMaxOleStreamBytes);
  if (!stream.ok()) return stream.status();
  std::string_view b(*stream);

  // The records, as (type, body) pairs.
  std::vector<std::pair<std::uint16_t, std::string_view>> records;
  for (std::size_t at = 0; at + 4 <= b.size();) {
    std::uint16_t type = static_cast<std::uint16_t>(U16(b, at));
    std::size_t length = U16(b, at + 2);
    if (at + 4 + length > b.size()) break;  // cut short: read what came before
    records.emplace_back(type, b.substr(at + 4, length));
    at += 4 + length;
  }
  if (records.empty() || records[0].first != kBof) return Corrupt("no BOF record");

  std::vector<std::string> strings, sheet_names;
  for (std::size_t i = 0; i < records.size(); ++i) {
    auto [type, body] = records[i];
    if (type == kFilePass) return Status::Unsupported("encrypted Excel workbook: cannot be read without a password");
    if (type == kBoundSheet && body.size() >= 8) {
      std::uint32_t chars = static_cast<unsigned char>(body[6]);
      bool wide = body[7] & 1;
      std::string name;
      for (std::uint32_t c = 0, p = 8; c < chars && p + (wide ? 2 : 1) <= body.size(); ++c, p += wide ? 2 : 1)
        text::AppendUtf8(name, wide ? U16(body, p) : static_cast<unsigned char>(body[p]));
      sheet_names.push_back(std::move(name));
    }
    if (type == kSst) {
      std::vector<std::string_view> parts = {body};
      while (i + 1 < records.size() && records[i + 1].first == kContinue) parts.push_back(records[++i].second);
      if (!ReadSharedStrings(std::move(parts), strings)) return Corrupt("shared strings cut short");
    }
    if (type == kEof) break;  // end of the workbook globals
  }

  SheetWriter writer;
  std::size_t sheet = 0;
  bool in_sheet = false;
  for (std::size_t i = 1; i < records.size(); ++i) {
    auto [type, body] = records[i];
    if (type == kBof) {
      in_sheet = true;
      writer.StartSheet(sheet < sheet_names.size() ? sheet_names[sheet] : std::string());
      ++sheet;
      continue;
    }
    if (!in_sheet || body.size() < 6) continue;
    std::uint32_t row = U16(body, 0);
    if (type == kLabelSst && body.size() >= 10) {
      std::uint32_t isst = U32(body, 6);
      if (isst < strings.size()) writer.Cell(row, strings[isst]);
    } else if (type == kLabel) {
      writer.Cell(row, UnicodeString(body, 6));
    } else if (type == kNumber && body.size() >= 14) {
      double value = 0;
      std::memcpy(&value, body.data() + 6, sizeof value);
      writer.Cell(row, Number(value));
    } else if (type == kRk && body.size() >= 10) {
      writer.Cell(row, Number(RkValue(U32(body, 6))));
    } else if (type == kMulRk) {
      for (std::size_t p = 4; p + 6 <= body.size() - 2; p += 6) writer.Cell(row, Number(RkValue(U32(body, p + 2))));
    }
  }
  ExtractedDocument doc;
  doc.content_type = "application/vnd.ms-excel";
  doc.text = text::ToNfc(writer.Take());
  return doc;
}

}  // namespace leakgraph::extract
