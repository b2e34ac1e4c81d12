// The OOXML handler ("ooxml"): DOCX, XLSX and PPTX, zip files of XML parts.
//
// DOCX: the body's paragraphs one per line, table rows as tab-separated
// cells, then headers, footers, footnotes, endnotes and comments. XLSX: each
// sheet under its name, one row per line, cells tab-separated (shared and
// inline strings, values as written). PPTX: each slide's paragraphs in slide
// order. docProps/core.xml gives the title, author ("creator"), the last
// editor and the created/modified dates. Files under */embeddings/ become
// children. A main part that is missing or not XML makes the file an error.
#include <algorithm>
#include <string>
#include <vector>

#include "extract/handler.h"
#include "extract/iso_date.h"
#include "extract/office_xml.h"

namespace leakgraph::extract {
namespace {

constexpr std::string_view kDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr std::string_view kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr std::string_view kPptx =
    "application/vnd.openxmlformats-officedocument.presentationml.presentation";

bool IsEmbedding(std::string_view name) {
  return name.find("/embeddings/") != std::string_view::npos;
}

bool WantedPart(std::string_view name) {
  return name.ends_with(".xml") || name.ends_with(".rels") || IsEmbedding(name);
}

// The number in a part name such as "ppt/slides/slide12.xml", for ordering.
int PartNumber(std::string_view name) {
  std::size_t end = name.rfind('.');
  std::size_t start = end;
  while (start > 0 && name[start - 1] >= '0' && name[start - 1] <= '9') --start;
  return start == end ? 0 : std::stoi(std::string(name.substr(start, std::min<std::size_t>(end - start, 9))));
}

// The parts named `prefix` + digits + ".xml", in numeric order.
std::vector<std::string> NumberedParts(const OfficeParts& parts, std::string_view prefix) {
  std::vector<std::string> names;
  for (const auto& [name, bytes] : parts.parts) {
    if (name.starts_with(prefix) && name.ends_with(".xml") &&
        name.find('/', prefix.size()) == std::string::npos) {
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return PartNumber(a) < PartNumber(b); });
  return names;
}

// Relationship id -> target part name, from the .rels of `part` ("xl/workbook.xml").
std::map<std::string, std::string> Relationships(OfficeParts& parts, const std::string& part,
                                                 std::vector<std::string>& warnings) {
  std::map<std::string, std::string> out;
  std::size_t slash = part.rfind('/');
  std::string dir = part.substr(0, slash + 1);
  std::string* rels = parts.Find(dir + "_rels/" + part.substr(slash + 1) + ".rels");
  pugi::xml_document xml;
  if (rels == nullptr || !ParseOfficeXml(*rels, part + ".rels", xml, warnings)) return out;
  for (pugi::xml_node r : xml.document_element().children()) {
    std::string target = r.attribute("Target").value();
    if (target.starts_with("/"))
      target.erase(0, 1);
    else
      target = dir + target;
    out[r.attribute("Id").value()] = target;
  }
  return out;
}

// The text of a DOCX paragraph, or of any element holding runs.
void RunText(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node child : node.children()) {
    std::string_view name = LocalName(child);
    if (name == "t")
      out += child.text().get();
    else if (name == "tab")
      out += '\t';
    else if (name == "br" || name == "cr")
      out += '\n';
    else if (name == "noBreakHyphen")
      out += '-';
    else if (name == "delText" || name == "instrText" || name == "rPr" || name == "pPr")
      continue;
    else if (name == "tbl")
      continue;  // a table nested in a run's container is read on its own
    else
      RunText(child, out);
  }
}

// The paragraphs and tables of a DOCX part, in document order.
void WordBlocks(const pugi::xml_node& node, TextLines& lines) {
  for (pugi::xml_node child : node.children()) {
    std::string_view name = LocalName(child);
    if (name == "p") {
      std::string line;
      RunText(child, line);
      lines.Add(line);
    } else if (name == "tbl") {
      for (pugi::xml_node row : child.children()) {
        if (LocalName(row) != "tr") continue;
        std::string cells;
        bool first = true;
        for (pugi::xml_node cell : row.children()) {
          if (LocalName(cell) != "tc") continue;
          std::string text;
          for (pugi::xml_node p : cell.children()) {
            std::string para;
            RunText(p, para);
            if (!para.empty()) text += (text.empty() ? "" : " ") + para;
          }
          cells += (first ? "" : "\t") + text;
          first = false;
        }
        lines.Add(cells);
      }
    } else if (name != "sectPr") {
      WordBlocks(child, lines);  // body, sdt content, footnote, comment, header...
    }
  }
}

Status ReadDocx(OfficeParts& parts, TextLines& lines, std::vector<std::string>& warnings) {
  std::string* main = parts.Find("word/document.xml");
  if (main == nullptr) return Status::InvalidInput("corrupt DOCX: no word/document.xml");
  pugi::xml_document xml;
  if (!ParseOfficeXml(*main, "word/document.xml", xml, warnings)) {
    return Status::InvalidInput("corrupt DOCX: " + warnings.back());
  }
  WordBlocks(xml.document_element(), lines);
  std::vector<std::string> extra;
  for (std::string_view prefix : {"word/header", "word/footer"}) {
    for (auto& name : NumberedParts(parts, prefix)) extra.push_back(name);
  }
  for (const char* name : {"word/footnotes.xml", "word/endnotes.xml", "word/comments.xml"})
    extra.push_back(name);
  for (const auto& name : extra) {
    std::string* part = parts.Find(name);
    pugi::xml_document sub;
    if (part == nullptr || !ParseOfficeXml(*part, name, sub, warnings)) continue;
    lines.Break();
    WordBlocks(sub.document_element(), lines);
  }
  return Status::Ok();
}

// The text of a shared-string item or inline string: its t elements, not
// the phonetic runs.
std::string StringItemText(const pugi::xml_node& si) {
  std::string out;
  for (pugi::xml_node child : si.children()) {
    std::string_view name = LocalName(child);
    if (name == "t")
      out += child.text().get();
    else if (name == "r")
      out += StringItemText(child);
  }
  return out;
}

void ReadSheet(const pugi::xml_node& worksheet, const std::vector<std::string>& shared, TextLines& lines) {
  pugi::xml_node data = FindDescendant(worksheet, "sheetData");
  for (pugi::xml_node row : data.children()) {
    if (LocalName(row) != "row") continue;
    std::string line;
    bool first = true;
    for (pugi::xml_node cell : row.children()) {
      if (LocalName(cell) != "c") continue;
      std::string_view type = cell.attribute("t").value();
      std::string value;
      if (type == "inlineStr") {
        value = StringItemText(FindDescendant(cell, "is"));
      } else {
        std::string_view raw = FindDescendant(cell, "v").text().get();
        if (type == "s") {
          std::size_t index = 0;
          for (char c : raw)
            index = (c >= '0' && c <= '9') ? index * 10 + static_cast<std::size_t>(c - '0') : SIZE_MAX;
          if (index < shared.size()) value = shared[index];
        } else {
          value = raw;
        }
      }
      line += (first ? "" : "\t") + value;
      first = false;
    }
    while (!line.empty() && line.back() == '\t') line.pop_back();
    if (!line.empty()) lines.Add(line);
  }
}

Status ReadXlsx(OfficeParts& parts, TextLines& lines, std::vector<std::string>& warnings) {
  std::string* workbook = parts.Find("xl/workbook.xml");
  if (workbook == nullptr) return Status::InvalidInput("corrupt XLSX: no xl/workbook.xml");
  pugi::xml_document book;
  if (!ParseOfficeXml(*workbook, "xl/workbook.xml", book, warnings)) {
    return Status::InvalidInput("corrupt XLSX: " + warnings.back());
  }
  std::vector<std::string> shared;
  if (std::string* strings = parts.Find("xl/sharedStrings.xml")) {
    pugi::xml_document sst;
    if (ParseOfficeXml(*strings, "xl/sharedStrings.xml", sst, warnings)) {
      for (pugi::xml_node si : sst.document_element().children()) {
        if (LocalName(si) == "si") shared.push_back(StringItemText(si));
      }
    }
  }
  auto rels = Relationships(parts, "xl/workbook.xml", warnings);
  std::vector<std::string> fallback = NumberedParts(parts, "xl/worksheets/sheet");
  std::size_t n = 0;
  for (pugi::xml_node sheet : FindDescendant(book, "sheets").children()) {
    if (LocalName(sheet) != "sheet") continue;
    ++n;
    std::string id;
    for (pugi::xml_attribute a : sheet.attributes()) {
      if (std::string_view(a.name()).ends_with(":id")) id = a.value();
    }
    std::string target = rels.count(id) ? rels[id] : (n <= fallback.size() ? fallback[n - 1] : "");
    std::string* part = parts.Find(target);
    pugi::xml_document xml;
    if (part == nullptr || !ParseOfficeXml(*part, target, xml, warnings)) continue;
    lines.Break();
    lines.Add(sheet.attribute("name").value());
    ReadSheet(xml.document_element(), shared, lines);
  }
  return Status::Ok();
}

// The paragraphs of a slide, one per line.
void SlideText(const pugi::xml_node& node, TextLines& lines) {
  for (pugi::xml_node child : node.children()) {
    if (LocalName(child) != "p") {
      SlideText(child, lines);
      continue;
    }
    std::string line;
    for (pugi::xml_node run : child.children()) {
      std::string_view name = LocalName(run);
      if (name == "br")
        line += '\n';
      else if (name == "r" || name == "fld")
        line += FindDescendant(run, "t").text().get();
    }
    if (!line.empty()) lines.Add(line);
  }
}

Status ReadPptx(OfficeParts& parts, TextLines& lines, std::vector<std::string>& warnings) {
  std::string* presentation = parts.Find("ppt/presentation.xml");
  if (presentation == nullptr) return Status::InvalidInput("corrupt PPTX: no ppt/presentation.xml");
  pugi::xml_document pres;
  if (!ParseOfficeXml(*presentation, "ppt/presentation.xml", pres, warnings)) {
    return Status::InvalidInput("corrupt PPTX: " + warnings.back());
  }
  auto rels = Relationships(parts, "ppt/presentation.xml", warnings);
  std::vector<std::string> slides;
  for (pugi::xml_node id : FindDescendant(pres, "sldIdLst").children()) {
    for (pugi::xml_attribute a : id.attributes()) {
      if (std::string_view(a.name()).ends_with(":id") && rels.count(a.value()))
        slides.push_back(rels[a.value()]);
    }
  }
  if (slides.empty()) slides = NumberedParts(parts, "ppt/slides/slide");
  for (const auto& name : slides) {
    std::string* part = parts.Find(name);
    pugi::xml_document xml;
    if (part == nullptr || !ParseOfficeXml(*part, name, xml, warnings)) continue;
    lines.Break();
    SlideText(xml.document_element(), lines);
  }
  return Status::Ok();
}

// Title, author and dates from docProps/core.xml.
void ReadCoreProperties(OfficeParts& parts, ExtractedDocument& doc) {
  std::string* core = parts.Find("docProps/core.xml");
  pugi::xml_document xml;
  if (core == nullptr || !ParseOfficeXml(*core, "docProps/core.xml", xml, doc.warnings)) return;
  for (pugi::xml_node field : xml.document_element().children()) {
    std::string_view name = LocalName(field);
    std::string value = field.text().get();
    if (value.empty()) continue;
    if (name == "title")
      doc.title = value;
    else if (name == "creator")
      doc.metadata["author"] = value;
    else if (name == "lastModifiedBy")
      doc.metadata["last_modified_by"] = value;
    else if (name == "subject" || name == "description" || name == "keywords")
      doc.metadata[std::string(name)] = value;
    else if (name == "created" || name == "modified") {
      std::string iso = NormalizeIsoDateTime(value);
      if (!iso.empty()) doc.metadata[std::string(name)] = iso;
    }
  }
}

class OoxmlHandler final : public FormatHandler {
 public:
  bool fragile() const override { return true; }
  std::string_view name() const override { return "ooxml"; }

  bool Accepts(std::string_view content_type) const override {
    return content_type == kDocx || content_type == kXlsx || content_type == kPptx;
  }

  Result<ExtractedDocument> Extract(const ExtractInput& input) const override {
    std::string type = SniffContentType(input.bytes, input.file_name, input.content_type_hint);
    std::string_view format = type == kXlsx ? "XLSX" : type == kPptx ? "PPTX" : "DOCX";
    Result<OfficeParts> parts = ReadOfficeParts(input.bytes, format, WantedPart);
    if (!parts.ok()) return parts.status();
    ExtractedDocument doc;
    doc.content_type = type == kXlsx || type == kPptx ? type : std::string(kDocx);
    doc.warnings = std::move(parts->warnings);
    TextLines lines;
    Status read = format == "XLSX"   ? ReadXlsx(*parts, lines, doc.warnings)
                  : format == "PPTX" ? ReadPptx(*parts, lines, doc.warnings)
                                     : ReadDocx(*parts, lines, doc.warnings);
    if (!read.ok()) return read;
    if (lines.truncated())
      doc.warnings.push_back("text cut at " + std::to_string(kMaxOfficeTextBytes >> 20) + " MB");
    doc.text = lines.Finish();
    ReadCoreProperties(*parts, doc);
    for (auto& [name, bytes] : parts->parts) {
      if (!IsEmbedding(name)) continue;
      doc.children.push_back(ChildPart{name.substr(name.rfind('/') + 1), std::move(bytes), ""});
    }
    return doc;
  }
};

}  // namespace

std::unique_ptr<FormatHandler> MakeOoxmlHandler() {
  return std::make_unique<OoxmlHandler>();
}

}  // namespace leakgraph::extract
