// The ODF handler ("odf"): ODT, ODS and ODP, zip files whose content.xml
// holds the text. Paragraphs and headings one per line, table rows as
// tab-separated cells under the table's name, presentation pages in order.
// meta.xml gives the title, the author (initial creator, else the last
// editor) and the created/modified dates. Repeated columns and rows are read
// once: "number-columns-repeated" can ask for millions of empty cells.
#include <algorithm>
#include <string>

#include "extract/handler.h"
#include "extract/iso_date.h"
#include "extract/office_xml.h"

namespace leakgraph::extract {
namespace {

constexpr std::size_t kMaxSpaces = 64;

// The inline text of a paragraph or heading.
void InlineText(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      out += child.value();
      continue;
    }
    std::string_view name = child.name();
    if (name == "text:s") {
      out.append(std::min<std::size_t>(kMaxSpaces, std::max(1, child.attribute("text:c").as_int(1))), ' ');
    } else if (name == "text:tab") {
      out += '\t';
    } else if (name == "text:line-break") {
      out += '\n';
    } else if (name == "office:annotation") {
      std::string note;
      InlineText(child, note);
      if (!note.empty()) out += " [" + note + "]";
    } else if (name == "dc:creator" || name == "dc:date") {
      continue;  // of an annotation
    } else {
      InlineText(child, out);
    }
  }
}

void Blocks(const pugi::xml_node& node, TextLines& lines) {
  for (pugi::xml_node child : node.children()) {
    std::string_view name = child.name();
    if (name == "text:p" || name == "text:h") {
      std::string line;
      InlineText(child, line);
      if (!line.empty()) lines.Add(line);
    } else if (name == "table:table") {
      lines.Break();
      lines.Add(child.attribute("table:name").value());
      Blocks(child, lines);
    } else if (name == "table:table-row") {
      std::string line;
      bool first = true;
      for (pugi::xml_node cell : child.children()) {
        std::string_view cell_name = cell.name();
        if (cell_name != "table:table-cell" && cell_name != "table:covered-table-cell") continue;
        std::string text;
        for (pugi::xml_node p : cell.children()) {
          std::string para;
          InlineText(p, para);
          if (!para.empty()) text += (text.empty() ? "" : " ") + para;
        }
        line += (first ? "" : "\t") + text;
        first = false;
      }
      while (!line.empty() && line.back() == '\t') line.pop_back();
      if (!line.empty()) lines.Add(line);
    } else if (name == "draw:page") {
      lines.Break();
      Blocks(child, lines);
    } else if (name != "office:forms" && name != "text:sequence-decls" && name != "office:annotation") {
      Blocks(child, lines);
    }
  }
}

void ReadMeta(OfficeParts& parts, ExtractedDocument& doc) {
  std::string* meta = parts.Find("meta.xml");
  pugi::xml_document xml;
  if (meta == nullptr || !ParseOfficeXml(*meta, "meta.xml", xml, doc.warnings)) return;
  pugi::xml_node fields = FindDescendant(xml, "meta");
  std::string editor;
  for (pugi::xml_node field : fields.children()) {
    std::string_view name = field.name();
    std::string value = field.text().get();
    if (value.empty()) continue;
    if (name == "dc:title")
      doc.title = value;
    else if (name == "meta:initial-creator")
      doc.metadata["author"] = value;
    else if (name == "dc:creator")
      editor = value;
    else if (name == "dc:subject" || name == "dc:description")
      doc.metadata[std::string(LocalName(field))] = value;
    else if (name == "meta:creation-date" || name == "dc:date") {
      std::string iso = NormalizeIsoDateTime(value);
      if (!iso.empty()) doc.metadata[name == "dc:date" ? "modified" : "created"] = iso;
    }
  }
  if (!editor.empty()) {
    doc.metadata["last_modified_by"] = editor;
    doc.metadata.emplace("author", editor);
  }
}

class OdfHandler final : public FormatHandler {
 public:
  bool fragile() const override { return true; }
  std::string_view name() const override { return "odf"; }

  bool Accepts(std::string_view content_type) const override {
    return content_type == "application/vnd.oasis.opendocument.text" ||
           content_type == "application/vnd.oasis.opendocument.spreadsheet" ||
           content_type == "application/vnd.oasis.opendocument.presentation";
  }

  Result<ExtractedDocument> Extract(const ExtractInput& input) const override {
    auto wanted = [](std::string_view name) {
      return name == "content.xml" || name == "meta.xml" || name == "mimetype";
    };
    Result<OfficeParts> parts = ReadOfficeParts(input.bytes, "ODF document", wanted);
    if (!parts.ok()) return parts.status();
    ExtractedDocument doc;
    doc.warnings = std::move(parts->warnings);
    if (std::string* mimetype = parts->Find("mimetype");
        mimetype != nullptr && mimetype->size() < 128 &&
        mimetype->starts_with("application/vnd.oasis.opendocument.")) {
      doc.content_type = *mimetype;
    }
    std::string* content = parts->Find("content.xml");
    if (content == nullptr) return Status::InvalidInput("corrupt ODF document: no content.xml");
    pugi::xml_document xml;
    if (!ParseOfficeXml(*content, "content.xml", xml, doc.warnings)) {
      return Status::InvalidInput("corrupt ODF document: " + doc.warnings.back());
    }
    TextLines lines;
    Blocks(FindDescendant(xml, "body"), lines);
    if (lines.truncated())
      doc.warnings.push_back("text cut at " + std::to_string(kMaxOfficeTextBytes >> 20) + " MB");
    doc.text = lines.Finish();
    ReadMeta(*parts, doc);
    return doc;
  }
};

}  // namespace

std::unique_ptr<FormatHandler> MakeOdfHandler() {
  return std::make_unique<OdfHandler>();
}

}  // namespace leakgraph::extract
