// HTML pages: charset from the container or the page, then the visible text
// and a few well-known <meta> fields.
#include <memory>

#include "extract/handler.h"
#include "extract/html_meta.h"
#include "extract/html_text.h"
#include "extract/iso_date.h"
#include "text/encoding.h"

namespace leakgraph::extract {
namespace {

// <meta> tags live in the head; a page that hides them later is not worth a
// longer scan.
constexpr std::size_t kMetaScanBytes = 64 * 1024;

// <meta name=...> (or property=) values that carry a document date.
constexpr std::string_view kDateNames[] = {
    "date",    "dc.date",     "dcterms.date", "dc.date.created", "dcterms.created", "article:published_time",
    "pubdate", "publish-date"};

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

void ReadMetaTags(std::string_view utf8_html, ExtractedDocument& document) {
  for (const HtmlMetaTag& tag : ScanHtmlMetaTags(utf8_html, kMetaScanBytes)) {
    std::string name = Lower(tag.Get("name"));
    if (name.empty()) name = Lower(tag.Get("property"));
    std::string content = tag.Get("content");
    if (name.empty() || content.empty()) continue;
    if (name == "author" || name == "description") {
      document.metadata.emplace(name, content);
      continue;
    }
    for (std::string_view date_name : kDateNames) {
      if (name != date_name || document.metadata.count("date")) continue;
      std::string iso = NormalizeIsoDateTime(content);
      if (iso.empty()) {
        document.warnings.push_back("unreadable date in <meta name=\"" + name + "\">: " + content);
      } else {
        document.metadata.emplace("date", iso);
      }
    }
  }
}

class HtmlHandler final : public FormatHandler {
 public:
  std::string_view name() const override { return "html"; }

  bool Accepts(std::string_view content_type) const override {
    std::string base = BaseContentType(content_type);
    return base == "text/html" || base == "application/xhtml+xml";
  }

  Result<ExtractedDocument> Extract(const ExtractInput& input) const override {
    // A charset from the container (HTTP, MIME) outranks the page's own.
    std::string declared = CharsetParameter(input.content_type_hint);
    if (declared.empty()) declared = DeclaredHtmlCharset(input.bytes);
    text::DecodedText decoded = text::DecodeToUtf8(input.bytes, declared);
    HtmlText html = HtmlToText(decoded.utf8);
    ExtractedDocument document;
    document.content_type = "text/html";
    document.charset = decoded.charset;
    // Entities can spell decomposed sequences: normalise again (cheap when NFC).
    document.title = text::ToNfc(html.title);
    document.text = text::ToNfc(html.text);
    if (decoded.had_invalid) {
      document.warnings.push_back("bytes not valid in " + document.charset + " were replaced");
    }
    ReadMetaTags(decoded.utf8, document);
    return document;
  }
};

}  // namespace

std::unique_ptr<FormatHandler> MakeHtmlHandler() {
  return std::make_unique<HtmlHandler>();
}

}  // namespace leakgraph::extract
