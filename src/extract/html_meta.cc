#include "extract/html_meta.h"

#include <algorithm>

namespace leakgraph::extract {
namespace {

constexpr std::size_t kMaxTags = 256;

char LowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Returns the position of `needle` (lower-case ASCII) in `hay` at or after
// `from`, ignoring ASCII case, or npos.
std::size_t FindIgnoringCase(std::string_view hay, std::string_view needle, std::size_t from) {
  if (needle.empty() || hay.size() < needle.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= hay.size(); ++i) {
    if (LowerAscii(hay[i]) != needle[0]) continue;
    std::size_t k = 1;
    while (k < needle.size() && LowerAscii(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

std::string DecodeBasicEntities(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&quot;", '"'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&#39;", '\''}};
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    bool replaced = false;
    if (s[i] == '&') {
      for (const auto& [entity, c] : kEntities) {
        if (s.substr(i, entity.size()) == entity) {
          out += c;
          i += entity.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += s[i++];
  }
  return out;
}

// Parses the attributes of the tag whose name ends at `pos`; returns the
// position after its '>' (or the end of `html`).
std::size_t ParseAttributes(std::string_view html, std::size_t pos, HtmlMetaTag& tag) {
  const std::size_t n = html.size();
  while (pos < n) {
    while (pos < n && (IsSpace(html[pos]) || html[pos] == '/')) ++pos;
    if (pos >= n) break;
    if (html[pos] == '>') return pos + 1;
    std::size_t name_start = pos;
    while (pos < n && !IsSpace(html[pos]) && html[pos] != '=' && html[pos] != '>' && html[pos] != '/') {
      ++pos;
    }
    std::string name(html.substr(name_start, pos - name_start));
    std::transform(name.begin(), name.end(), name.begin(), LowerAscii);
    while (pos < n && IsSpace(html[pos])) ++pos;
    std::string value;
    if (pos < n && html[pos] == '=') {
      ++pos;
      while (pos < n && IsSpace(html[pos])) ++pos;
      if (pos < n && (html[pos] == '"' || html[pos] == '\'')) {
        char quote = html[pos++];
        std::size_t end = html.find(quote, pos);
        if (end == std::string_view::npos) end = n;
        value = DecodeBasicEntities(html.substr(pos, end - pos));
        pos = std::min(n, end + 1);
      } else {
        std::size_t value_start = pos;
        while (pos < n && !IsSpace(html[pos]) && html[pos] != '>') ++pos;
        value = DecodeBasicEntities(html.substr(value_start, pos - value_start));
      }
    }
    if (!name.empty() && !tag.attributes.count(name)) tag.attributes.emplace(name, value);
  }
  return n;
}

}  // namespace

std::string HtmlMetaTag::Get(std::string_view name) const {
  auto it = attributes.find(std::string(name));
  return it == attributes.end() ? std::string() : it->second;
}

std::vector<HtmlMetaTag> ScanHtmlMetaTags(std::string_view html, std::size_t limit) {
  std::vector<HtmlMetaTag> tags;
  html = html.substr(0, limit);
  std::size_t pos = 0;
  while (tags.size() < kMaxTags) {
    std::size_t meta = FindIgnoringCase(html, "<meta", pos);
    if (meta == std::string_view::npos) break;
    std::size_t comment = html.find("<!--", pos);
    if (comment != std::string_view::npos && comment < meta) {
      std::size_t end = html.find("-->", comment + 4);
      if (end == std::string_view::npos) break;
      pos = end + 3;
      continue;
    }
    std::size_t after_name = meta + 5;
    if (after_name < html.size() && !IsSpace(html[after_name]) && html[after_name] != '/' &&
        html[after_name] != '>') {
      pos = after_name;  // <metadata>, <meta-x>
      continue;
    }
    HtmlMetaTag tag;
    pos = ParseAttributes(html, after_name, tag);
    tags.push_back(std::move(tag));
  }
  return tags;
}

std::string CharsetParameter(std::string_view content_type) {
  std::size_t at = FindIgnoringCase(content_type, "charset", 0);
  while (at != std::string_view::npos) {
    std::size_t pos = at + 7;
    while (pos < content_type.size() && IsSpace(content_type[pos])) ++pos;
    if (pos < content_type.size() && content_type[pos] == '=') {
      ++pos;
      while (pos < content_type.size() &&
             (IsSpace(content_type[pos]) || content_type[pos] == '"' || content_type[pos] == '\'')) {
        ++pos;
      }
      std::size_t end = pos;
      while (end < content_type.size() && !IsSpace(content_type[end]) && content_type[end] != ';' &&
             content_type[end] != '"' && content_type[end] != '\'') {
        ++end;
      }
      return std::string(content_type.substr(pos, end - pos));
    }
    at = FindIgnoringCase(content_type, "charset", at + 7);
  }
  return "";
}

std::string BaseContentType(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  std::size_t start = 0, end = content_type.size();
  while (start < end && IsSpace(content_type[start])) ++start;
  while (end > start && IsSpace(content_type[end - 1])) --end;
  std::string out(content_type.substr(start, end - start));
  std::transform(out.begin(), out.end(), out.begin(), LowerAscii);
  return out;
}

}  // namespace leakgraph::extract
