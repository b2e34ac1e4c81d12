// Gumbo builds the tree; we walk it with an explicit stack because hostile
// pages nest elements tens of thousands deep. Gumbo's tree construction is
// quadratic in the nesting depth (every start tag scans the open-element
// stack), so tags nested deeper than kMaxNesting are removed before parsing:
// their text survives, their structure does not.
#include "extract/html_text.h"

#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "extract/html_meta.h"

namespace leakgraph::extract {
namespace {

constexpr std::size_t kMaxNesting = 512;

char LowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (LowerAscii(s[i]) != lower[i]) return false;
  }
  return true;
}

template <std::size_t N>
bool IsOneOf(std::string_view name, const std::string_view (&names)[N]) {
  for (std::string_view candidate : names) {
    if (EqualsLower(name, candidate)) return true;
  }
  return false;
}

// Elements that never hold children or are closed implicitly by a sibling:
// they do not deepen the tree, so they do not count towards the limit.
constexpr std::string_view kNonNesting[] = {
    "area",  "base",     "br",     "col",      "embed",    "hr",   "img", "input", "link",
    "meta",  "param",    "source", "track",    "wbr",      "p",    "li",  "dt",    "dd",
    "tr",    "td",       "th",     "option",   "optgroup", "rp",   "rt",  "tbody", "thead",
    "tfoot", "colgroup", "keygen", "basefont", "bgsound",  "frame"};

// Elements whose content is raw text: a '<' inside them is not a tag.
constexpr std::string_view kRawText[] = {"script", "style",   "textarea", "title",   "xmp",
                                         "iframe", "noembed", "noframes", "noscript"};

std::size_t FindIgnoringCase(std::string_view hay, std::string_view lower_needle, std::size_t from) {
  for (std::size_t i = from; i + lower_needle.size() <= hay.size(); ++i) {
    if (LowerAscii(hay[i]) == lower_needle[0] &&
        EqualsLower(hay.substr(i, lower_needle.size()), lower_needle)) {
      return i;
    }
  }
  return std::string_view::npos;
}

// Returns `html` with start and end tags nested deeper than kMaxNesting
// removed; `storage` holds the copy when one is needed. A rough tokenizer: it
// only has to bound the depth, not agree with the HTML5 parser on every tag.
std::string_view CapNestingDepth(std::string_view html, std::string& storage) {
  std::size_t depth = 0, copied_upto = 0, pos = 0;
  bool copying = false;
  const std::size_t n = html.size();
  auto drop = [&](std::size_t from, std::size_t to) {
    if (!copying) {
      storage.reserve(n);
      copying = true;
    }
    storage.append(html.substr(copied_upto, from - copied_upto));
    copied_upto = to;
  };
  while (pos < n) {
    const void* found = std::memchr(html.data() + pos, '<', n - pos);
    if (found == nullptr) break;
    std::size_t lt = static_cast<const char*>(found) - html.data();
    if (html.substr(lt, 4) == "<!--") {
      std::size_t end = html.find("-->", lt + 4);
      pos = end == std::string_view::npos ? n : end + 3;
      continue;
    }
    bool closing = lt + 1 < n && html[lt + 1] == '/';
    std::size_t name_start = lt + (closing ? 2 : 1);
    if (name_start >= n || !IsAsciiAlpha(html[name_start])) {
      pos = lt + 1;
      continue;
    }
    std::size_t name_end = name_start;
    while (name_end < n && !IsHtmlSpace(html[name_end]) && html[name_end] != '>' && html[name_end] != '/') {
      ++name_end;
    }
    std::string_view name = html.substr(name_start, name_end - name_start);
    std::size_t gt = html.find('>', name_end);
    std::size_t tag_end = gt == std::string_view::npos ? n : gt + 1;
    pos = tag_end;
    if (IsOneOf(name, kNonNesting)) continue;
    if (closing) {
      if (depth > kMaxNesting) drop(lt, tag_end);
      if (depth > 0) --depth;
      continue;
    }
    bool self_closing = gt != std::string_view::npos && gt > lt && html[gt - 1] == '/';
    if (self_closing) continue;
    if (IsOneOf(name, kRawText)) {
      std::string end_tag = "</";
      for (char c : name) end_tag += LowerAscii(c);
      std::size_t end = FindIgnoringCase(html, end_tag, tag_end);
      pos = end == std::string_view::npos ? n : end;
    }
    ++depth;
    if (depth > kMaxNesting) drop(lt, tag_end);
  }
  if (!copying) return html;
  storage.append(html.substr(copied_upto));
  return storage;
}

bool IsSkipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_OBJECT:
      return true;
    default:
      return false;
  }
}

// Line breaks an element asks for around itself: 2 = its own paragraph.
int BreaksAround(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_TABLE:
      return 2;
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_XMP:
      return 1;
    default:
      return 0;
  }
}

bool KeepsWhitespace(GumboTag tag) {
  return tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING || tag == GUMBO_TAG_TEXTAREA ||
         tag == GUMBO_TAG_PLAINTEXT || tag == GUMBO_TAG_XMP;
}

// Accumulates visible text, collapsing whitespace outside <pre> and turning
// block boundaries into line breaks. Stops growing at `limit` bytes.
class TextWriter {
 public:
  explicit TextWriter(std::size_t limit) : limit_(limit) {}

  bool full() const { return out_.size() >= limit_; }
  void RequestBreaks(int count) { pending_breaks_ = std::max(pending_breaks_, count); }
  void HardBreak() {
    out_ += '\n';
    ++trailing_newlines_;
    pending_space_ = false;
  }
  void Separate() { pending_space_ = true; }

  void AppendCollapsed(std::string_view text) {
    for (std::size_t i = 0; i < text.size() && !full(); ++i) {
      char c = text[i];
      if (IsHtmlSpace(c)) {
        pending_space_ = true;
      } else if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
        pending_space_ = true;  // no-break space: a space to a search engine
        ++i;
      } else {
        PutVisible(c);
      }
    }
  }

  void AppendVerbatim(std::string_view text) {
    for (std::size_t i = 0; i < text.size() && !full(); ++i) {
      char c = text[i];
      if (c == '\r') {
        if (i + 1 < text.size() && text[i + 1] == '\n') continue;
        c = '\n';
      }
      if (c == '\n') {
        FlushBreaks();
        HardBreak();
      } else {
        PutVisible(c);
      }
    }
  }

  std::string Finish() {
    // Writing stops byte-wise at the limit: drop a character cut in half.
    std::size_t end = std::min(out_.size(), limit_);
    std::size_t boundary = end;
    while (boundary > 0 && (static_cast<unsigned char>(out_[boundary - 1]) & 0xC0) == 0x80) {
      --boundary;
    }
    if (boundary > 0) {
      auto lead = static_cast<unsigned char>(out_[boundary - 1]);
      std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      if (end - (boundary - 1) < length) end = boundary - 1;
    }
    out_.resize(end);
    while (!out_.empty() && IsHtmlSpace(out_.back())) out_.pop_back();
    return std::move(out_);
  }

 private:
  void FlushBreaks() {
    if (!out_.empty()) {
      for (int k = trailing_newlines_; k < pending_breaks_; ++k) out_ += '\n';
      if (pending_breaks_ > trailing_newlines_) trailing_newlines_ = pending_breaks_;
    }
    pending_breaks_ = 0;
  }

  void PutVisible(char c) {
    if (pending_breaks_ > 0) {
      FlushBreaks();
      pending_space_ = false;
    }
    if (pending_space_ && trailing_newlines_ == 0 && !out_.empty()) out_ += ' ';
    pending_space_ = false;
    out_ += c;
    trailing_newlines_ = 0;
  }

  std::string out_;
  std::size_t limit_;
  int pending_breaks_ = 0;
  int trailing_newlines_ = 0;
  bool pending_space_ = false;
};

std::string CollapseWhitespace(std::string_view text) {
  TextWriter writer(text.size());
  writer.AppendCollapsed(text);
  return writer.Finish();
}

std::string TitleOf(const GumboNode* title) {
  std::string raw;
  const GumboVector& children = title->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) {
      raw += child->v.text.text;
    }
  }
  return CollapseWhitespace(raw);
}

struct Frame {
  const GumboNode* node;
  unsigned next_child;
};

void Walk(const GumboNode* root, HtmlText& result, TextWriter& writer) {
  std::vector<Frame> stack;
  stack.push_back({root, 0});
  int verbatim_depth = 0;  // inside <pre> and the like
  int head_depth = 0;      // inside <head>: only <title> is read
  while (!stack.empty() && !writer.full()) {
    Frame& frame = stack.back();
    const GumboNode* node = frame.node;
    const GumboVector* children =
        node->type == GUMBO_NODE_DOCUMENT ? &node->v.document.children : &node->v.element.children;
    if (frame.next_child >= children->length) {  // leaving the element
      if (node->type == GUMBO_NODE_ELEMENT) {
        GumboTag tag = node->v.element.tag;
        writer.RequestBreaks(BreaksAround(tag));
        if (KeepsWhitespace(tag)) --verbatim_depth;
        if (tag == GUMBO_TAG_HEAD) --head_depth;
        if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) writer.Separate();
      }
      stack.pop_back();
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(children->data[frame.next_child++]);
    switch (child->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        if (head_depth > 0) break;
        if (verbatim_depth > 0) {
          writer.AppendVerbatim(child->v.text.text);
        } else {
          writer.AppendCollapsed(child->v.text.text);
        }
        break;
      case GUMBO_NODE_ELEMENT: {
        GumboTag tag = child->v.element.tag;
        if (tag == GUMBO_TAG_TITLE) {
          if (result.title.empty()) result.title = TitleOf(child);
          break;
        }
        if (tag == GUMBO_TAG_HEAD) {  // only the title is visible
          ++head_depth;
          stack.push_back({child, 0});
          break;
        }
        if (head_depth > 0 || IsSkipped(tag)) break;
        if (tag == GUMBO_TAG_BR) {
          writer.HardBreak();
          break;
        }
        writer.RequestBreaks(BreaksAround(tag));
        if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) writer.Separate();
        if (KeepsWhitespace(tag)) ++verbatim_depth;
        stack.push_back({child, 0});
        break;
      }
      default:  // comments, templates, the document node
        break;
    }
  }
}

}  // namespace

HtmlText HtmlToText(std::string_view utf8_html) {
  HtmlText result;
  if (utf8_html.empty()) return result;
  std::string storage;
  std::string_view html = CapNestingDepth(utf8_html, storage);
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // we never read them; recording costs memory
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  if (output == nullptr) return result;
  TextWriter writer(utf8_html.size());
  Walk(output->document, result, writer);
  gumbo_destroy_output(&options, output);
  result.text = writer.Finish();
  return result;
}

std::string DeclaredHtmlCharset(std::string_view bytes) {
  constexpr std::size_t kLimit = 4096;
  for (const HtmlMetaTag& tag : ScanHtmlMetaTags(bytes, kLimit)) {
    std::string charset = tag.Get("charset");
    if (!charset.empty()) return charset;
    if (EqualsLower(tag.Get("http-equiv"), "content-type")) {
      charset = CharsetParameter(tag.Get("content"));
      if (!charset.empty()) return charset;
    }
  }
  // XHTML served as XML states its encoding in the XML declaration.
  std::string_view head = bytes.substr(0, 200);
  std::size_t start = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (start != std::string_view::npos && head.substr(start, 5) == "<?xml") {
    std::size_t end = head.find("?>", start);
    std::string_view declaration =
        head.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    std::size_t at = declaration.find("encoding");
    if (at != std::string_view::npos) {
      std::size_t quote = declaration.find_first_of("'\"", at);
      if (quote != std::string_view::npos) {
        std::size_t close = declaration.find(declaration[quote], quote + 1);
        if (close != std::string_view::npos) {
          return std::string(declaration.substr(quote + 1, close - quote - 1));
        }
      }
    }
  }
  return "";
}

}  // namespace leakgraph::extract
