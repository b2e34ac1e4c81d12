// WikiLeaks cablegate pages (content type "text/x-cable"). Each page is a
// fixed template: a <table class='cable'> with the reference id, dates,
// classification and origin, then the cable itself in <code><pre> blocks
// (routing header first, then the body with TAGS and SUBJECT lines). The
// template never varies, so targeted string scanning reads it far faster
// than a DOM; the site navigation around it is ignored. A page without the
// table is read as ordinary HTML, with a warning.
#include <memory>
#include <vector>

#include "extract/handler.h"
#include "extract/html_meta.h"
#include "extract/html_text.h"
#include "extract/iso_date.h"
#include "text/encoding.h"
#include "text/normalize.h"

namespace leakgraph::extract {
namespace {

// How far into the cable text the header lines (TAGS, SUBJECT) may be.
constexpr std::size_t kMaxHeaderLines = 120;
constexpr std::size_t kMaxSubjectLines = 4;
constexpr std::size_t kMaxRecipientLines = 40;

char UpperAscii(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWithIgnoringCase(std::string_view s, std::string_view upper_prefix) {
  if (s.size() < upper_prefix.size()) return false;
  for (std::size_t i = 0; i < upper_prefix.size(); ++i) {
    if (UpperAscii(s[i]) != upper_prefix[i]) return false;
  }
  return true;
}

// Decodes the entity at html[pos] == '&' into `out`; returns its length, or
// 0 if it is not one we know (the '&' is then literal).
std::size_t DecodeEntity(std::string_view html, std::size_t pos, std::string& out) {
  std::size_t semi = html.find(';', pos);
  if (semi == std::string_view::npos || semi - pos > 10) return 0;
  std::string_view body = html.substr(pos + 1, semi - pos - 1);
  if (!body.empty() && body[0] == '#') {
    bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    unsigned long cp = 0;
    for (char c : digits) {
      int v = (c >= '0' && c <= '9')          ? c - '0'
              : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (hex && c >= 'A' && c <= 'F') ? c - 'A' + 10
                                              : -1;
      if (v < 0) return 0;
      cp = cp * (hex ? 16 : 10) + v;
      if (cp > 0x10FFFF) cp = 0x110000;
    }
    text::AppendUtf8(out, cp == 0 || cp > 0x10FFFF ? char32_t{0xFFFD} : static_cast<char32_t>(cp));
    return semi - pos + 1;
  }
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
  for (const auto& [name, text] : kNamed) {
    if (body == name) {
      out += text;
      return semi - pos + 1;
    }
  }
  return 0;
}

// The text of an HTML fragment: tags dropped, entities decoded, and the
// "¶" paragraph anchors (<a id='par1' href='#par1'>¶</a>) removed whole.
std::string FragmentText(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t pos = 0;
  while (pos < html.size()) {
    char c = html[pos];
    if (c == '<') {
      std::size_t gt = html.find('>', pos);
      if (gt == std::string_view::npos) break;
      if (StartsWithIgnoringCase(html.substr(pos), "<A ") && html.substr(gt + 1, 6) == "\xC2\xB6</a>") {
        pos = gt + 7;
      } else {
        pos = gt + 1;
      }
    } else if (c == '&') {
      std::size_t used = DecodeEntity(html, pos, out);
      if (used == 0) out += c;
      pos += used == 0 ? 1 : used;
    } else {
      out += c;
      ++pos;
    }
  }
  return out;
}

// Drops trailing blanks from every line (the pages pad lines with a space).
std::string TrimLineEnds(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
      line.remove_suffix(1);
    out.append(line);
    if (end < text.size()) out += '\n';
    pos = end + 1;
  }
  return out;
}

// The inner texts of every <tag ...>...</tag> in `html`, in order.
std::vector<std::string> CellTexts(std::string_view html, std::string_view tag) {
  std::vector<std::string> cells;
  std::string open = "<" + std::string(tag), close = "</" + std::string(tag) + ">";
  std::size_t pos = 0;
  while ((pos = html.find(open, pos)) != std::string_view::npos) {
    std::size_t gt = html.find('>', pos);
    std::size_t end = gt == std::string_view::npos ? gt : html.find(close, gt);
    if (end == std::string_view::npos) break;
    cells.push_back(text::CollapseWhitespace(FragmentText(html.substr(gt + 1, end - gt - 1))));
    pos = end + close.size();
  }
  return cells;
}

std::vector<std::string_view> SplitLines(std::string_view text, std::size_t max_lines) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < text.size() && lines.size() < max_lines) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

bool StartsParagraph(std::string_view line) {
  line = Trim(line);
  std::size_t digits = 0;
  while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
  return digits > 0 && digits < 3 && digits < line.size() && line[digits] == '.';
}

// FM and TO lines of the routing block.
void ReadRouting(std::string_view routing, ExtractedDocument& document) {
  std::vector<std::string_view> lines = SplitLines(routing, kMaxHeaderLines);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = Trim(lines[i]);
    if (!document.metadata.count("from") && line.substr(0, 3) == "FM ") {
      document.metadata["from"] = std::string(Trim(line.substr(3)));
    } else if (document.metadata.count("from") && !document.metadata.count("to") &&
               line.substr(0, 3) == "TO ") {
      std::string to(Trim(line.substr(3)));
      // Further recipients follow, one a line, until INFO (copies) or BT.
      for (std::size_t k = i + 1; k < lines.size() && k <= i + kMaxRecipientLines; ++k) {
        std::string_view next = Trim(lines[k]);
        if (next.empty() || next.substr(0, 4) == "INFO" || next == "BT" ||
            next.find('/') == std::string_view::npos) {
          break;
        }
        to += "; ";
        to += next;
      }
      document.metadata["to"] = std::move(to);
    }
  }
}

// Returns where the value of a "TAGS"/"TAG" keyword in `line` starts (the
// keyword is a whole word followed by ':' or a space), or npos.
std::size_t TagsValueStart(std::string_view line) {
  for (std::size_t at = 0; at + 4 <= line.size(); ++at) {
    if (at > 0 && !IsSpace(line[at - 1])) continue;
    if (!StartsWithIgnoringCase(line.substr(at), "TAG")) continue;
    std::size_t end = at + 3;
    if (end < line.size() && UpperAscii(line[end]) == 'S') ++end;
    if (end < line.size() && (line[end] == ':' || line[end] == ' ')) return end;
  }
  return std::string_view::npos;
}

// TAGS and SUBJECT lines between the routing header and the first paragraph.
void ReadSubjectAndTags(std::string_view body, ExtractedDocument& document) {
  std::vector<std::string_view> lines = SplitLines(body, kMaxHeaderLines);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = Trim(lines[i]);
    if (StartsParagraph(line)) break;
    if (!document.metadata.count("subject") &&
        (StartsWithIgnoringCase(line, "SUBJECT:") || StartsWithIgnoringCase(line, "SUBJ:"))) {
      std::string subject(line.substr(line.find(':') + 1));
      for (std::size_t k = i + 1; k < lines.size() && k < i + kMaxSubjectLines; ++k) {
        std::string_view next = Trim(lines[k]);
        if (next.empty() || StartsParagraph(next) || StartsWithIgnoringCase(next, "REF") ||
            StartsWithIgnoringCase(next, "CLASSIFIED BY") || StartsWithIgnoringCase(next, "TAGS")) {
          break;
        }
        subject += ' ';
        subject += next;
      }
      document.metadata["subject"] = text::CollapseWhitespace(subject);
      continue;
    }
    // "TAGS: PEPR IR", "TAGS PGOV, PREL", "TAG: PTER" or "E.O. 12958: N/A TAGS: ..."
    if (document.metadata.count("tags")) continue;
    std::size_t value_start = TagsValueStart(line);
    if (value_start == std::string_view::npos) continue;
    std::string value(line.substr(value_start));
    for (std::size_t k = i + 1; k < lines.size() && Trim(value).ends_with(','); ++k) {
      value += ' ';
      value += Trim(lines[k]);
      if (k > i + 3) break;
    }
    std::string tags;
    for (char c : value) {
      bool word =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (word) {
        tags += UpperAscii(c);
      } else if (!tags.empty() && tags.back() != ' ') {
        tags += ' ';  // ", " ";" ":" and spaces all separate tags
      }
    }
    if (!tags.empty() && tags.back() == ' ') tags.pop_back();
    if (!tags.empty()) document.metadata["tags"] = std::move(tags);
  }
}

// Finds `<table class='cable'>` (either quote style) and returns its inside.
std::string_view CableTable(std::string_view html) {
  std::size_t at = html.find("<table class='cable'>");
  if (at == std::string_view::npos) at = html.find("<table class=\"cable\">");
  if (at == std::string_view::npos) return {};
  std::size_t end = html.find("</table>", at);
  if (end == std::string_view::npos) return {};
  return html.substr(at, end - at);
}

void ReadCableTable(std::string_view table, ExtractedDocument& document) {
  std::vector<std::string> headers = CellTexts(table, "th");
  std::vector<std::string> cells = CellTexts(table, "td");
  for (std::size_t i = 0; i < headers.size() && i < cells.size(); ++i) {
    const std::string& header = headers[i];
    const std::string& cell = cells[i];
    if (cell.empty()) continue;
    if (header == "Reference ID") {
      document.metadata["reference_id"] = cell;
    } else if (header == "Created" || header == "Released") {
      std::string iso = NormalizeIsoDateTime(cell);
      if (iso.empty()) {
        document.warnings.push_back("unreadable " + header + " date: " + cell);
        continue;
      }
      document.metadata[header == "Created" ? "created" : "released"] = iso;
      if (header == "Created") document.metadata["date"] = iso;
    } else if (header == "Classification") {
      document.metadata["classification"] = cell;
    } else if (header == "Origin") {
      document.metadata["origin"] = cell;
    }
  }
}

class CableHandler final : public FormatHandler {
 public:
  std::string_view name() const override { return "cable"; }

  bool Accepts(std::string_view content_type) const override {
    return BaseContentType(content_type) == "text/x-cable";
  }

  Result<ExtractedDocument> Extract(const ExtractInput& input) const override {
    text::DecodedText decoded = text::DecodeToUtf8(input.bytes, DeclaredHtmlCharset(input.bytes));
    ExtractedDocument document;
    document.charset = decoded.charset;
    if (decoded.had_invalid) {
      document.warnings.push_back("bytes not valid in " + decoded.charset + " were replaced");
    }
    std::string_view html = decoded.utf8;
    std::string_view table = CableTable(html);
    if (table.empty()) return ReadAsHtml(html, std::move(document));
    ReadCableTable(table, document);

    std::string text;
    std::size_t pos = table.data() - html.data() + table.size();
    std::size_t blocks = 0;
    std::size_t body_start = 0;  // the second block: the routing header is the first
    while ((pos = html.find("<pre>", pos)) != std::string_view::npos) {
      std::size_t end = html.find("</pre>", pos);
      if (end == std::string_view::npos) end = html.size();
      std::string block = TrimLineEnds(FragmentText(html.substr(pos + 5, end - pos - 5)));
      if (blocks == 0) ReadRouting(block, document);
      if (!text.empty()) text += "\n\n";
      if (blocks == 1) body_start = text.size();
      text += block;
      ++blocks;
      pos = end;
    }
    ReadSubjectAndTags(std::string_view(text).substr(body_start), document);
    document.content_type = "text/x-cable";
    document.text = text::ToNfc(text);
    const auto& metadata = document.metadata;
    auto ref = metadata.find("reference_id");
    auto subject = metadata.find("subject");
    if (ref != metadata.end() && subject != metadata.end()) {
      document.title = ref->second + ": " + subject->second;
    } else if (ref != metadata.end()) {
      document.title = ref->second;
    }
    if (blocks == 0) document.warnings.push_back("cable page without a <pre> cable text");
    return document;
  }

 private:
  static ExtractedDocument ReadAsHtml(std::string_view html, ExtractedDocument document) {
    HtmlText text = HtmlToText(html);
    document.content_type = "text/html";
    document.title = text::ToNfc(text.title);
    document.text = text::ToNfc(text.text);
    document.warnings.push_back("no <table class='cable'>: read as plain HTML");
    return document;
  }
};

}  // namespace

std::unique_ptr<FormatHandler> MakeCableHandler() {
  return std::make_unique<CableHandler>();
}

}  // namespace leakgraph::extract
