// Plain text: decode to UTF-8 NFC; the title is the first non-empty line.
#include <memory>

#include "extract/handler.h"
#include "extract/html_meta.h"
#include "text/encoding.h"

namespace leakgraph::extract {
namespace {

constexpr std::size_t kMaxTitleCodePoints = 200;

bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

// Returns the first line of `utf8` with visible text, trimmed and cut to
// kMaxTitleCodePoints code points.
std::string FirstLineTitle(std::string_view utf8) {
  std::size_t pos = 0;
  // A long file with no visible text should not cost a full scan here.
  constexpr std::size_t kMaxScan = 64 * 1024;
  while (pos < utf8.size() && pos < kMaxScan) {
    std::size_t end = utf8.find('\n', pos);
    if (end == std::string_view::npos) end = utf8.size();
    std::string_view line = utf8.substr(pos, end - pos);
    pos = end + 1;
    while (!line.empty() && IsBlank(line.front())) line.remove_prefix(1);
    while (!line.empty() && IsBlank(line.back())) line.remove_suffix(1);
    if (line.empty()) continue;
    std::size_t cut = 0, code_points = 0;
    while (cut < line.size() && code_points < kMaxTitleCodePoints) {
      ++cut;
      while (cut < line.size() && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) ++cut;
      ++code_points;
    }
    line = line.substr(0, cut);
    while (!line.empty() && IsBlank(line.back())) line.remove_suffix(1);
    return std::string(line);
  }
  return "";
}

class TextHandler final : public FormatHandler {
 public:
  std::string_view name() const override { return "text"; }

  bool Accepts(std::string_view content_type) const override {
    std::string base = BaseContentType(content_type);
    if (base == "text/html" || base == "text/x-cable") return false;
    return base.rfind("text/", 0) == 0;
  }

  Result<ExtractedDocument> Extract(const ExtractInput& input) const override {
    text::DecodedText decoded = text::DecodeToUtf8(input.bytes, CharsetParameter(input.content_type_hint));
    ExtractedDocument document;
    document.content_type = "text/plain";
    document.charset = decoded.charset;
    document.title = FirstLineTitle(decoded.utf8);
    document.text = std::move(decoded.utf8);
    if (decoded.had_invalid) {
      document.warnings.push_back("bytes not valid in " + document.charset + " were replaced");
    }
    return document;
  }
};

}  // namespace

std::unique_ptr<FormatHandler> MakeTextHandler() {
  return std::make_unique<TextHandler>();
}

}  // namespace leakgraph::extract
