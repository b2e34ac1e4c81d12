// Content sniffing: magic numbers, then the structure of the first few KiB of
// text, then the file name's extension, then the container's hint. Reads at
// most kHeadBytes, except for the cable table, which sits after ~35 KiB of
// site navigation and is looked for within kCableScanBytes of HTML pages.
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "extract/handler.h"
#include "extract/html_meta.h"
#include "text/encoding.h"

namespace leakgraph::extract {
namespace {

constexpr std::size_t kHeadBytes = 8 * 1024;
constexpr std::size_t kCableScanBytes = 256 * 1024;

char LowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool StartsWithIgnoringCase(std::string_view s, std::string_view lower_prefix) {
  if (s.size() < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i) {
    if (LowerAscii(s[i]) != lower_prefix[i]) return false;
  }
  return true;
}

bool ContainsIgnoringCase(std::string_view hay, std::string_view lower_needle) {
  for (std::size_t i = 0; i + lower_needle.size() <= hay.size(); ++i) {
    if (StartsWithIgnoringCase(hay.substr(i), lower_needle)) return true;
  }
  return false;
}

std::string Extension(std::string_view file_name) {
  std::size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos || file_name.find('/', dot) != std::string_view::npos) {
    return "";
  }
  std::string ext(file_name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(), LowerAscii);
  return ext;
}

struct Magic {
  std::size_t offset;
  std::string_view bytes;
  std::string_view type;
};

using namespace std::string_view_literals;
constexpr std::array<Magic, 23> kMagics = {{
    {0, "PK\x03\x04"sv, "application/zip"},
    {0, "PK\x05\x06"sv, "application/zip"},
    {0, "\x1F\x8B"sv, "application/gzip"},
    {0, "BZh"sv, "application/x-bzip2"},
    {0,
     "\xFD"
     "7zXZ\x00"sv,
     "application/x-xz"},
    {0, "7z\xBC\xAF\x27\x1C"sv, "application/x-7z-compressed"},
    {0, "Rar!\x1A\x07"sv, "application/vnd.rar"},
    {0, "\x28\xB5\x2F\xFD"sv, "application/zstd"},
    {257, "ustar"sv, "application/x-tar"},
    {0, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv, "application/x-ole-storage"},
    {0, "{\\rtf"sv, "application/rtf"},
    {0, "%!PS"sv, "application/postscript"},
    {0, "\x89PNG\r\n\x1A\n"sv, "image/png"},
    {0, "\xFF\xD8\xFF"sv, "image/jpeg"},
    {0, "GIF87a"sv, "image/gif"},
    {0, "GIF89a"sv, "image/gif"},
    {0, "II*\x00"sv, "image/tiff"},
    {0, "MM\x00*"sv, "image/tiff"},
    {0, "OggS"sv, "audio/ogg"},
    {0, "ID3"sv, "audio/mpeg"},
    {4, "ftyp"sv, "video/mp4"},
    {0, "SQLite format 3\x00"sv, "application/vnd.sqlite3"},
    {0, "!BDN"sv, "application/vnd.ms-outlook-pst"},  // Outlook .pst/.ost (extract/pst_handler.h)
}};

std::uint32_t LittleEndian(std::string_view bytes, std::size_t at, int width) {
  std::uint32_t value = 0;
  for (int i = width - 1; i >= 0; --i) value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

// The member names of a zip, from its central directory (at most
// kMaxZipNames), or from the first local header when the directory is
// missing (a truncated file). Never reads outside `bytes`.
constexpr std::size_t kMaxZipNames = 4096;
std::vector<std::string_view> ZipMemberNames(std::string_view bytes) {
  std::vector<std::string_view> names;
  // The end-of-directory record sits in the last 22 bytes plus a comment of at most 64 KiB.
  std::size_t tail_start = bytes.size() > 22 + 65535 ? bytes.size() - 22 - 65535 : 0;
  std::size_t eocd = bytes.substr(tail_start).rfind("PK\x05\x06"sv);
  if (eocd != std::string_view::npos) eocd += tail_start;
  if (eocd != std::string_view::npos && eocd + 22 <= bytes.size()) {
    std::size_t at = LittleEndian(bytes, eocd + 16, 4);
    while (names.size() < kMaxZipNames && at + 46 <= bytes.size() && bytes.substr(at, 4) == "PK\x01\x02"sv) {
      std::size_t name_length = LittleEndian(bytes, at + 28, 2);
      if (at + 46 + name_length > bytes.size()) break;
      names.push_back(bytes.substr(at + 46, name_length));
      at += 46 + name_length + LittleEndian(bytes, at + 30, 2) + LittleEndian(bytes, at + 32, 2);
    }
  }
  // No directory: walk the local headers while their sizes are known (not
  // deferred to a data descriptor, flag bit 3).
  std::size_t at = names.empty() ? 0 : bytes.size();
  while (names.size() < kMaxZipNames) {
    if (at + 30 > bytes.size() || bytes.substr(at, 4) != "PK\x03\x04"sv) break;
    std::size_t name_length = LittleEndian(bytes, at + 26, 2);
    if (at + 30 + name_length > bytes.size()) break;
    names.push_back(bytes.substr(at + 30, name_length));
    if (LittleEndian(bytes, at + 6, 2) & 8) break;
    at += 30 + name_length + LittleEndian(bytes, at + 28, 2) + std::size_t{LittleEndian(bytes, at + 18, 4)};
  }
  return names;
}

// Office formats are zip files whose member names give them away: ODF
// starts with a stored "mimetype" member, OOXML has [Content_Types].xml and
// its main part.
std::string_view RefineZip(std::string_view bytes) {
  // ODF: a first member "mimetype", stored, naming the kind.
  constexpr std::string_view kOdf = "application/vnd.oasis.opendocument."sv;
  if (bytes.size() >= 30 && bytes.substr(30, 8) == "mimetype" && LittleEndian(bytes, 26, 2) == 8) {
    std::string_view kind = bytes.substr(std::min(bytes.size(), 38 + std::size_t{LittleEndian(bytes, 28, 2)}), 64);
    if (StartsWith(kind, kOdf)) {
      kind.remove_prefix(kOdf.size());
      if (StartsWith(kind, "text")) return "application/vnd.oasis.opendocument.text";
      if (StartsWith(kind, "spreadsheet")) return "application/vnd.oasis.opendocument.spreadsheet";
      if (StartsWith(kind, "presentation")) return "application/vnd.oasis.opendocument.presentation";
    }
  }
  bool content_types = false;
  std::string_view main_part;
  for (std::string_view name : ZipMemberNames(bytes)) {
    if (name == "[Content_Types].xml") content_types = true;
    if (name == "word/document.xml" || name == "xl/workbook.xml" || name == "ppt/presentation.xml") main_part = name;
  }
  if (!content_types && main_part.empty()) return "application/zip";
  if (main_part == "word/document.xml")
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (main_part == "xl/workbook.xml") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (main_part == "ppt/presentation.xml")
    return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
  return "application/zip";
}

std::string_view BinaryType(std::string_view bytes, std::string_view head) {
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return "application/pdf";
  // (A file of "RIFF" alone once threw out_of_range here and took the ingest down.)
  if (StartsWith(head, "RIFF") && head.size() >= 12 && head.substr(8, 4) == "WAVE") return "audio/wav";
  if (StartsWith(head, "RIFF") && head.size() >= 12 && head.substr(8, 4) == "WEBP") return "image/webp";
  if (StartsWith(head, "BM") && head.size() >= 26 && LittleEndian(head, 14, 4) >= 12 &&
      LittleEndian(head, 14, 4) <= 124)
    return "image/bmp";
  for (const Magic& magic : kMagics) {
    if (bytes.size() >= magic.offset + magic.bytes.size() &&
        bytes.substr(magic.offset, magic.bytes.size()) == magic.bytes) {
      return magic.type == "application/zip" ? RefineZip(bytes) : magic.type;
    }
  }
  return {};
}

bool HasUtf16Bom(std::string_view bytes) {
  return StartsWith(bytes, "\xFF\xFE"sv) || StartsWith(bytes, "\xFE\xFF"sv);
}

// True iff `head` (UTF-16 already decoded) reads as text in some encoding: no
// NUL bytes and almost no control characters.
bool LooksLikeText(std::string_view head) {
  std::size_t controls = 0;
  for (char ch : head) {
    auto c = static_cast<unsigned char>(ch);
    if (c == 0) return false;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B &&
         c != 0x1A) ||
        c == 0x7F) {
      ++controls;
    }
  }
  return controls * 100 <= head.size();
}

// Counts the RFC 822 header lines at the start of `text`: returns the number
// of "Name: value" lines before the first blank line, and whether a blank
// line ended them and one of the headers that mark a message appeared.
struct HeaderBlock {
  int headers = 0;
  bool ended_by_blank_line = false;
  bool has_message_header = false;
};

HeaderBlock ReadHeaderBlock(std::string_view text) {
  HeaderBlock block;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) break;  // a cut-off line proves nothing
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      block.ended_by_blank_line = true;
      break;
    }
    if (line[0] == ' ' || line[0] == '\t') {
      if (block.headers == 0) break;
      continue;  // folded continuation
    }
    std::size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos || colon > 76) break;
    bool name_ok = true;
    for (char c : line.substr(0, colon)) {
      if (c <= ' ' || c > '~') name_ok = false;
    }
    if (!name_ok) break;
    std::string_view name = line.substr(0, colon);
    for (std::string_view key : {"from"sv, "received"sv, "message-id"sv, "subject"sv}) {
      if (name.size() == key.size() && StartsWithIgnoringCase(name, key)) {
        block.has_message_header = true;
      }
    }
    ++block.headers;
  }
  return block;
}

bool IsMessageHeader(const HeaderBlock& block) {
  // A header block longer than the head we read is still a header block.
  return block.has_message_header && block.headers >= 2 && (block.ended_by_blank_line || block.headers >= 8);
}

bool LooksLikeMbox(std::string_view text) {
  if (!StartsWith(text, "From ")) return false;
  if (text.find("\nFrom ", 5) != std::string_view::npos) return true;
  std::size_t line_end = text.find('\n');
  return line_end != std::string_view::npos && IsMessageHeader(ReadHeaderBlock(text.substr(line_end + 1)));
}

std::string_view SkipLeadingSpaceAndComments(std::string_view text) {
  for (int guard = 0; guard < 16; ++guard) {
    std::size_t start = text.find_first_not_of(" \t\r\n\f");
    if (start == std::string_view::npos) return {};
    text.remove_prefix(start);
    if (!StartsWith(text, "<!--")) break;
    std::size_t end = text.find("-->");
    if (end == std::string_view::npos) return {};
    text.remove_prefix(end + 3);
  }
  return text;
}

bool LooksLikeHtml(std::string_view text) {
  text = SkipLeadingSpaceAndComments(text);
  if (StartsWithIgnoringCase(text, "<!doctype html") || StartsWithIgnoringCase(text, "<html") ||
      StartsWithIgnoringCase(text, "<head") || StartsWithIgnoringCase(text, "<body")) {
    return true;
  }
  if (StartsWith(text, "<?xml")) {
    return ContainsIgnoringCase(text.substr(0, 1024), "xhtml") ||
           ContainsIgnoringCase(text.substr(0, 1024), "<html");
  }
  return false;
}

bool IsCablePage(std::string_view bytes) {
  std::string_view scan = bytes.substr(0, kCableScanBytes);
  std::size_t table = scan.find("<table class='cable'>");
  if (table == std::string_view::npos) table = scan.find("<table class=\"cable\">");
  return table != std::string_view::npos && scan.find("Reference ID", table) != std::string_view::npos;
}

}  // namespace

std::string SniffContentType(std::string_view bytes, std::string_view file_name, std::string_view hint) {
  std::string_view head = bytes.substr(0, kHeadBytes);
  if (IsTestFault(bytes)) return "application/x-leakgraph-test-fault";
  if (std::string_view binary = BinaryType(bytes, head); !binary.empty()) {
    return std::string(binary);
  }

  // Structure is judged on ASCII-compatible text: decode UTF-16 first.
  bool utf16 = HasUtf16Bom(head);
  std::string decoded_head;
  std::string_view text = head;
  if (utf16 || std::count(head.begin(), head.end(), '\0') * 10 >= std::ptrdiff_t(head.size())) {
    text::DecodedText decoded = text::DecodeToUtf8(head.substr(0, head.size() & ~std::size_t{1}));
    if (decoded.charset.rfind("UTF-16", 0) == 0 || decoded.charset.rfind("UTF-32", 0) == 0) {
      utf16 = true;
      decoded_head = std::move(decoded.utf8);
      text = decoded_head;
    }
  }
  if (StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  if (!LooksLikeText(text)) {
    std::string base = BaseContentType(hint);
    return base.empty() || base.rfind("text/", 0) == 0 ? "application/octet-stream" : base;
  }

  std::string ext = Extension(file_name);
  if (LooksLikeMbox(text)) return "application/mbox";
  if (IsMessageHeader(ReadHeaderBlock(text))) return "message/rfc822";
  if (LooksLikeHtml(text)) return utf16 || !IsCablePage(bytes) ? "text/html" : "text/x-cable";
  if (ext == "mbox" || ext == "mbx") return "application/mbox";
  if (ext == "eml") return "message/rfc822";
  if (ext == "htm" || ext == "html" || ext == "xhtml") {
    return IsCablePage(bytes) ? "text/x-cable" : "text/html";
  }
  std::string base = BaseContentType(hint);
  if (!base.empty() && base != "application/octet-stream") return base;
  if (StartsWith(SkipLeadingSpaceAndComments(text), "<?xml")) return "text/xml";
  return "text/plain";
}

}  // namespace leakgraph::extract
