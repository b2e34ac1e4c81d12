// Cheap scanning of <meta> tags without building a DOM: the HTML handler and
// the charset sniffer need a few attributes from the head of a page before
// (or instead of) a full parse. Byte-oriented, so it works on undecoded input.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace leakgraph::extract {

// One <meta> tag: attribute names lower-cased, values as written (quotes
// removed, "&amp;" "&quot;" "&lt;" "&gt;" "&#39;" decoded).
struct HtmlMetaTag {
  std::map<std::string, std::string> attributes;
  // Returns the value of `name` (lower-case), or "" if absent.
  std::string Get(std::string_view name) const;
};

// Returns the <meta> tags found in the first `limit` bytes of `html`, in
// order, at most 256 of them. Skips comments. Never fails.
std::vector<HtmlMetaTag> ScanHtmlMetaTags(std::string_view html, std::size_t limit);

// Returns the value of the `charset=` parameter in a Content-Type style value
// ("text/html; charset=windows-1256" gives "windows-1256"), or "".
std::string CharsetParameter(std::string_view content_type);

// Returns `content_type` lower-cased without parameters: " Text/HTML; x=y"
// gives "text/html".
std::string BaseContentType(std::string_view content_type);

}  // namespace leakgraph::extract
