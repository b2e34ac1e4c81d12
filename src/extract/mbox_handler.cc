// The mbox handler ("application/mbox"): a mailbox is only a container. Each
// message becomes a child named "1", "2", ... in file order, typed
// "message/rfc822", holding the message without its "From " postmark line and
// without the blank line that separates it from the next message (or ends
// the file). ">From "
// quoting is left as it is, for the email handler.
//
// A line starts a new message iff it begins with "From " and either opens the
// file or follows a blank line and looks like a postmark (a time "hh:mm", or
// a header on the next line), so an unquoted "From here on..." paragraph in a
// body does not split a message. Without the blank line (sloppy exporters),
// only a full postmark ("... hh:mm:ss ... 2019") followed by a header line
// splits. One linear pass; no regexes.
#include <algorithm>
#include <string>
#include <vector>

#include "extract/handler.h"

namespace leakgraph::extract {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool IsBlankLine(std::string_view line) {
  return line.empty() || line == "\r";
}

// Returns true iff `line` contains a time of day "hh:mm".
bool HasTimeOfDay(std::string_view line) {
  for (std::size_t i = 2; i + 2 < line.size(); ++i) {
    if (line[i] == ':' && IsDigit(line[i - 1]) && IsDigit(line[i - 2]) && IsDigit(line[i + 1]) &&
        IsDigit(line[i + 2]))
      return true;
  }
  return false;
}

// Returns true iff `line` holds "hh:mm:ss" followed later by a year "19xx"
// or "20xx": the asctime() date of a standard postmark.
bool HasAsctimeDate(std::string_view line) {
  for (std::size_t i = 2; i + 5 < line.size(); ++i) {
    if (line[i] != ':' || line[i + 3] != ':' || !IsDigit(line[i - 1]) || !IsDigit(line[i + 1]) ||
        !IsDigit(line[i + 2]) || !IsDigit(line[i + 4]))
      continue;
    for (std::size_t y = i + 6; y + 4 <= line.size(); ++y) {
      std::string_view year = line.substr(y, 4);
      if ((year.starts_with("19") || year.starts_with("20")) && IsDigit(year[2]) && IsDigit(year[3]))
        return true;
    }
    return false;
  }
  return false;
}

// Returns true iff `line` starts like an RFC 5322 header field ("Name:").
bool LooksLikeHeader(std::string_view line) {
  std::size_t colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon > 76) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c <= 32 || c >= 127) return false;
  }
  return true;
}

// The lines of a byte string, each without its '\n' (a '\r' is kept).
class LineCursor {
 public:
  explicit LineCursor(std::string_view bytes) : bytes_(bytes) {}
  bool done() const { return offset_ >= bytes_.size(); }
  std::size_t offset() const { return offset_; }
  // The line starting at `offset_`, without its newline.
  std::string_view Peek() const { return PeekAt(offset_); }
  std::string_view PeekAt(std::size_t at) const {
    if (at >= bytes_.size()) return {};
    std::size_t end = bytes_.find('\n', at);
    return bytes_.substr(at, (end == std::string_view::npos ? bytes_.size() : end) - at);
  }
  // The offset just past the line starting at `at`.
  std::size_t NextLineAfter(std::size_t at) const {
    std::size_t end = bytes_.find('\n', at);
    return end == std::string_view::npos ? bytes_.size() : end + 1;
  }
  void Advance() { offset_ = NextLineAfter(offset_); }

 private:
  std::string_view bytes_;
  std::size_t offset_ = 0;
};

struct MessageSpan {
  std::size_t begin;  // first byte after the postmark line
  std::size_t end;    // one past the last byte, before the separating blank line
};

// Returns the spans of the messages in `bytes`; `skipped_preamble` is set if
// bytes before the first postmark (other than blank lines) were ignored.
std::vector<MessageSpan> SplitMessages(std::string_view bytes, bool& skipped_preamble) {
  std::vector<MessageSpan> spans;
  LineCursor cursor(bytes);
  bool previous_blank = true;           // the file start counts as after a blank line
  std::size_t previous_line_begin = 0;  // where the last blank line began
  std::size_t current_begin = std::string_view::npos;
  skipped_preamble = false;
  while (!cursor.done()) {
    std::size_t line_begin = cursor.offset();
    std::string_view line = cursor.Peek();
    bool postmark = false;
    if (line.starts_with("From ")) {
      bool first = current_begin == std::string_view::npos;
      bool next_is_header = LooksLikeHeader(cursor.PeekAt(cursor.NextLineAfter(line_begin)));
      if (previous_blank) {
        postmark = first || HasTimeOfDay(line) || next_is_header;
      } else {
        // Sloppy exporters omit the blank line; accept only a full postmark.
        postmark = HasAsctimeDate(line) && next_is_header;
      }
    }
    if (postmark) {
      if (current_begin != std::string_view::npos) {
        // The blank line before this postmark belongs to the mbox format.
        std::size_t end = previous_blank ? std::max(current_begin, previous_line_begin) : line_begin;
        spans.push_back({current_begin, end});
      }
      current_begin = cursor.NextLineAfter(line_begin);
    } else if (current_begin == std::string_view::npos && !IsBlankLine(line)) {
      skipped_preamble = true;
    }
    previous_blank = IsBlankLine(line);
    if (previous_blank) previous_line_begin = line_begin;
    cursor.Advance();
  }
  if (current_begin != std::string_view::npos) {
    std::size_t end = previous_blank ? std::max(current_begin, previous_line_begin) : bytes.size();
    spans.push_back({current_begin, end});
  }
  return spans;
}

class MboxHandler final : public FormatHandler {
 public:
  std::string_view name() const override { return "mbox"; }

  bool Accepts(std::string_view content_type) const override {
    return content_type == "application/mbox" || content_type == "application/x-mbox";
  }

  Result<ExtractedDocument> Extract(const ExtractInput& input) const override {
    bool skipped_preamble = false;
    std::vector<MessageSpan> spans = SplitMessages(input.bytes, skipped_preamble);
    if (spans.empty()) return Status::InvalidInput("not an mbox: no \"From \" postmark line");
    ExtractedDocument doc;
    doc.content_type = "application/mbox";
    doc.title = std::to_string(spans.size()) + " messages";
    if (skipped_preamble) doc.warnings.push_back("text before the first \"From \" line ignored");
    doc.children.reserve(spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
      std::string_view message = input.bytes.substr(spans[i].begin, spans[i].end - spans[i].begin);
      doc.children.push_back(ChildPart{std::to_string(i + 1), std::string(message), "message/rfc822"});
    }
    return doc;
  }
};

}  // namespace

std::unique_ptr<FormatHandler> MakeMboxHandler() {
  return std::make_unique<MboxHandler>();
}

}  // namespace leakgraph::extract
