#include "extract/office_xml.h"

#include "text/encoding.h"

namespace leakgraph::extract {

std::string* OfficeParts::Find(const std::string& name) {
  auto it = parts.find(name);
  return it == parts.end() ? nullptr : &it->second;
}

Result<OfficeParts> ReadOfficeParts(std::string_view bytes, std::string_view format,
                                    const std::function<bool(std::string_view)>& wanted) {
  ArchiveLimits limits;
  limits.max_member_bytes = kMaxOfficePartBytes;
  Result<ArchiveContents> read = ReadArchive(bytes, ArchiveKinds::kZipOnly, limits, wanted);
  if (!read.ok()) {
    std::string message = read.status().message();
    if (message.starts_with("corrupt archive"))
      message = "corrupt " + std::string(format) + message.substr(7);
    return Status::InvalidInput(message);
  }
  if (read->bomb_suspected && read->members.empty()) return Status::InvalidInput(read->bomb_reason);
  OfficeParts out;
  out.warnings = std::move(read->warnings);
  for (auto& member : read->members) out.parts.emplace(std::move(member.path), std::move(member.bytes));
  return out;
}

bool ParseOfficeXml(std::string& part, std::string_view name, pugi::xml_document& doc,
                    std::vector<std::string>& warnings) {
  pugi::xml_parse_result parsed =
      doc.load_buffer_inplace(part.data(), part.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (parsed) return true;
  warnings.push_back(std::string(name) + " is not well-formed XML: " + parsed.description() + " at byte " +
                     std::to_string(parsed.offset));
  return false;
}

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node FindDescendant(const pugi::xml_node& node, std::string_view local) {
  return node.find_node([local](const pugi::xml_node& n) { return LocalName(n) == local; });
}

void TextLines::Add(std::string_view line) {
  if (truncated_) return;
  if (text_.size() + line.size() + 1 > kMaxOfficeTextBytes) {
    truncated_ = true;
    return;
  }
  text_.append(line);
  text_ += '\n';
}

void TextLines::Break() {
  if (!text_.empty() && !text_.ends_with("\n\n")) Add("");
}

std::string TextLines::Finish() {
  while (!text_.empty() && (text_.back() == '\n' || text_.back() == ' ')) text_.pop_back();
  if (!text::IsValidUtf8(text_)) return text::DecodeToUtf8(text_, "UTF-8").utf8;
  return text::ToNfc(text_);
}

}  // namespace leakgraph::extract
