// What the OOXML and ODF handlers share: reading the parts of an Office zip
// under hostile-input limits, parsing a part with pugixml (which never
// expands DTD entities, so an XML bomb stays text), and collecting lines of
// text up to a size cap.
#pragma once

#include <functional>
#include <map>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "extract/archive_reader.h"
#include "leakgraph/status.h"

namespace leakgraph::extract {

inline constexpr std::uint64_t kMaxOfficePartBytes = 256ull << 20;
inline constexpr std::size_t kMaxOfficeTextBytes = 64u << 20;

// The parts of an Office zip whose names pass `wanted`, by name.
struct OfficeParts {
  std::map<std::string, std::string> parts;
  std::vector<std::string> warnings;
  // Returns the part `name`, or nullptr.
  std::string* Find(const std::string& name);
};

// Reads the parts of `bytes`; errors are those of ReadArchive, with
// `format` ("DOCX") named in corrupt-file messages.
Result<OfficeParts> ReadOfficeParts(std::string_view bytes, std::string_view format,
                                    const std::function<bool(std::string_view)>& wanted);

// Parses `part` in place. Returns false iff it is not well-formed XML, with
// a warning naming `name` added to `warnings`.
bool ParseOfficeXml(std::string& part, std::string_view name, pugi::xml_document& doc,
                    std::vector<std::string>& warnings);

// The element name without its namespace prefix: "p" for "w:p".
std::string_view LocalName(const pugi::xml_node& node);

// The first descendant of `node` with local name `local`, or an empty node.
pugi::xml_node FindDescendant(const pugi::xml_node& node, std::string_view local);

// Text built a line at a time, stopping at kMaxOfficeTextBytes.
class TextLines {
 public:
  // Appends `line` and a newline, unless the cap is reached.
  void Add(std::string_view line);
  // Starts a new section (a blank line) unless the text is empty.
  void Break();
  bool truncated() const { return truncated_; }
  // The text in NFC, valid UTF-8, without a trailing newline.
  std::string Finish();

 private:
  std::string text_;
  bool truncated_ = false;
};

}  // namespace leakgraph::extract
