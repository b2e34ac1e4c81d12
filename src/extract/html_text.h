// Visible text of an HTML page, as a reader sees it: the title and the body
// text with block elements on their own lines; no script, style, noscript,
// template or head content; entities decoded. Used by the HTML handler, by the
// email handler for text/html bodies, and by the cable handler.
#pragma once

#include <string>
#include <string_view>

namespace leakgraph::extract {

struct HtmlText {
  std::string title;
  std::string text;
};

// REQUIRES: `utf8_html` is valid UTF-8 (decode it first). Never fails; for
// garbage input returns whatever text gumbo recovers.
HtmlText HtmlToText(std::string_view utf8_html);

// Returns the charset declared in a <meta charset> or <meta http-equiv> tag in
// the first 4 KiB of `bytes`, or "".
std::string DeclaredHtmlCharset(std::string_view bytes);

}  // namespace leakgraph::extract
