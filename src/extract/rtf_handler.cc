// The RTF handler ("rtf"): a small reader of the RTF token stream, not a
// layout engine. Groups carry their own state (destination, font, \uc
// count); text goes to the body unless the group is a destination that holds
// no body text (font and colour tables, style sheet, pictures, objects, field
// instructions, any \* destination), and \info is read only for the title,
// author and creation time. Bytes (\'hh or raw 8-bit) are decoded in the code
// page of the current font's \fcharset, else the document's \ansicpg; \uN
// gives a code point and skips the \ucN fallback characters after it.
#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "extract/handler.h"
#include "extract/iso_date.h"
#include "text/encoding.h"

namespace leakgraph::extract {
namespace {

constexpr std::size_t kMaxDepth = 1000;  // deeper nesting is read as flat

enum class Destination { kBody, kSkip, kFontTable, kTitle, kAuthor, kCreated };

struct GroupState {
  Destination destination = Destination::kBody;
  int unicode_skip = 1;  // \ucN
  int codepage = 0;      // of the current font; 0: the document's
};

// The Windows code page of an RTF \fcharset, or 0 if unknown.
int CodepageOfCharset(int charset) {
  static const std::map<int, int> kCodepages = {
      {0, 1252},   {128, 932},  {129, 949},  {134, 936},  {136, 950},  {161, 1253}, {162, 1254},
      {163, 1258}, {177, 1255}, {178, 1256}, {186, 1257}, {204, 1251}, {222, 874},  {238, 1250}};
  auto it = kCodepages.find(charset);
  return it == kCodepages.end() ? 0 : it->second;
}

bool IsSkippedDestination(std::string_view word) {
  for (std::string_view skipped : {"fonttbl",    "colortbl",
                                   "stylesheet", "pict",
                                   "object",     "objdata",
                                   "fldinst",    "info",
                                   "listtable",  "listoverridetable",
                                   "rsidtbl",    "generator",
                                   "themedata",  "colorschememapping",
                                   "datastore",  "latentstyles",
                                   "xmlnstbl",   "filetbl",
                                   "revtbl",     "pgdsctbl",
                                   "operator",   "bkmkstart",
                                   "bkmkend",    "xe",
                                   "tc",         "nonshppict",
                                   "header",     "footer",
                                   "headerl",    "headerr",
                                   "headerf",    "footerl",
                                   "footerr",    "footerf"}) {
    if (word == skipped) return true;
  }
  return false;
}

class RtfReader {
 public:
  explicit RtfReader(std::string_view rtf) : rtf_(rtf) {}

  void Read() {
    while (pos_ < rtf_.size()) {
      char c = rtf_[pos_++];
      if (c == '{') {
        Flush();
        pending_skip_ = 0;
        if (stack_.size() < kMaxDepth)
          stack_.push_back(state_);
        else
          ++overflow_;
      } else if (c == '}') {
        Flush();
        pending_skip_ = 0;
        if (overflow_ > 0)
          --overflow_;
        else if (!stack_.empty())
          state_ = stack_.back(), stack_.pop_back();
      } else if (c == '\\') {
        ControlSymbol();
      } else if (c == '\r' || c == '\n') {
        continue;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        Byte(c);
      } else {
        Char(c);
      }
    }
    Flush();
  }

  std::string& text() { return body_; }
  std::string& title() { return title_; }
  std::string& author() { return author_; }
  std::string Created() const {
    if (created_[0] <= 0 || created_[1] <= 0 || created_[2] <= 0) return "";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d", created_[0] % 10000, created_[1] % 100,
                  created_[2] % 100, created_[3] % 100, created_[4] % 100);
    return NormalizeIsoDateTime(buffer);
  }

 private:
  std::string* Sink() {
    switch (state_.destination) {
      case Destination::kBody:
        return &body_;
      case Destination::kTitle:
        return &title_;
      case Destination::kAuthor:
        return &author_;
      default:
        return nullptr;
    }
  }

  bool SkipFallback() {
    if (pending_skip_ <= 0) return false;
    --pending_skip_;
    return true;
  }

  void Char(char c) {
    if (SkipFallback()) return;
    Flush();
    if (std::string* sink = Sink()) *sink += c;
  }

  void Byte(char c) {
    if (SkipFallback()) return;
    if (Sink() != nullptr) bytes_ += c;
  }

  void CodePoint(char32_t cp) {
    Flush();
    std::string* sink = Sink();
    if (sink == nullptr) return;
    if (cp >= 0xD800 && cp < 0xDC00) {
      high_surrogate_ = cp;
      return;
    }
    if (cp >= 0xDC00 && cp < 0xE000) {
      if (high_surrogate_ == 0) return;
      cp = 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (cp - 0xDC00);
    }
    high_surrogate_ = 0;
    if (cp != 0) text::AppendUtf8(*sink, cp);
  }

  // Decodes the bytes gathered from \'hh escapes in the current code page.
  void Flush() {
    if (bytes_.empty()) return;
    int codepage = state_.codepage != 0 ? state_.codepage : document_codepage_;
    std::string charset = codepage == 65001 ? "UTF-8" : "windows-" + std::to_string(codepage);
    if (codepage == 932) charset = "Shift_JIS";
    if (codepage == 936) charset = "GBK";
    if (codepage == 949) charset = "EUC-KR";
    if (codepage == 950) charset = "Big5";
    std::string decoded = text::DecodeToUtf8(bytes_, charset).utf8;
    bytes_.clear();
    if (std::string* sink = Sink()) *sink += decoded;
  }

  static bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
  static int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  void ControlSymbol() {
    if (pos_ >= rtf_.size()) return;
    char c = rtf_[pos_];
    if (IsLetter(c)) return ControlWord();
    ++pos_;
    switch (c) {
      case '\'': {
        int hi = pos_ < rtf_.size() ? HexValue(rtf_[pos_]) : -1;
        int lo = pos_ + 1 < rtf_.size() ? HexValue(rtf_[pos_ + 1]) : -1;
        if (hi < 0 || lo < 0) return;
        pos_ += 2;
        Byte(static_cast<char>(hi * 16 + lo));
        return;
      }
      case '*':
        state_.destination = Destination::kSkip;
        return;
      case '~':
        return CodePoint(0xA0);
      case '_':
        return Char('-');
      case '\r':
      case '\n':
        return Char('\n');
      case '-':
        return;
      default:
        if (c == '\\' || c == '{' || c == '}') Char(c);
    }
  }

  void ControlWord() {
    std::size_t start = pos_;
    while (pos_ < rtf_.size() && IsLetter(rtf_[pos_]) && pos_ - start < 32) ++pos_;
    std::string_view word = rtf_.substr(start, pos_ - start);
    bool negative = pos_ < rtf_.size() && rtf_[pos_] == '-';
    if (negative) ++pos_;
    bool has_param = false;
    long param = 0;
    while (pos_ < rtf_.size() && rtf_[pos_] >= '0' && rtf_[pos_] <= '9') {
      if (param < 100000000) param = param * 10 + (rtf_[pos_] - '0');
      has_param = true;
      ++pos_;
    }
    if (negative) param = -param;
    if (pos_ < rtf_.size() && rtf_[pos_] == ' ') ++pos_;
    Apply(word, has_param, param);
  }

  void Apply(std::string_view word, bool has_param, long param) {
    if (word == "u" && has_param) {
      CodePoint(static_cast<char32_t>(param < 0 ? param + 65536 : param));
      pending_skip_ = state_.unicode_skip;
      return;
    }
    if (word == "par" || word == "line" || word == "sect" || word == "page" || word == "row")
      return Char('\n');
    if (word == "tab" || word == "cell") return Char('\t');
    if (word == "emdash") return CodePoint(0x2014);
    if (word == "endash") return CodePoint(0x2013);
    if (word == "lquote") return CodePoint(0x2018);
    if (word == "rquote") return CodePoint(0x2019);
    if (word == "ldblquote") return CodePoint(0x201C);
    if (word == "rdblquote") return CodePoint(0x201D);
    if (word == "bullet") return CodePoint(0x2022);
    Flush();
    if (word == "uc")
      state_.unicode_skip = static_cast<int>(std::clamp(param, 0L, 10L));
    else if (word == "ansicpg" && param > 0)
      document_codepage_ = static_cast<int>(param);
    else if (word == "title")
      state_.destination = Destination::kTitle;
    else if (word == "author")
      state_.destination = Destination::kAuthor;
    else if (word == "creatim")
      state_.destination = Destination::kCreated;
    else if (word == "fonttbl")
      state_.destination = Destination::kFontTable;
    else if (IsSkippedDestination(word))
      state_.destination = Destination::kSkip;
    else if (state_.destination == Destination::kCreated) {
      for (int i = 0; i < 5; ++i) {
        if (word == std::array<std::string_view, 5>{"yr", "mo", "dy", "hr", "min"}[i])
          created_[i] = static_cast<int>(param);
      }
    } else if (state_.destination == Destination::kFontTable) {
      if (word == "f")
        font_being_defined_ = param;
      else if (word == "fcharset")
        font_codepages_[font_being_defined_] = CodepageOfCharset(static_cast<int>(param));
      else if (word == "cpg" && param > 0)
        font_codepages_[font_being_defined_] = static_cast<int>(param);
    } else if (word == "f") {
      auto it = font_codepages_.find(param);
      state_.codepage = it == font_codepages_.end() ? 0 : it->second;
    }
  }

  std::string_view rtf_;
  std::size_t pos_ = 0;
  GroupState state_;
  std::vector<GroupState> stack_;
  std::size_t overflow_ = 0;
  int pending_skip_ = 0;
  int document_codepage_ = 1252;
  char32_t high_surrogate_ = 0;
  std::string bytes_;
  std::string body_, title_, author_;
  std::map<long, int> font_codepages_;
  long font_being_defined_ = 0;
  int created_[5] = {0, 0, 0, 0, 0};
};

// Trims spaces and collapses runs of blank lines to one.
std::string Tidy(std::string_view text) {
  std::string out;
  int newlines = 0;
  for (char c : text) {
    if (c == '\n') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      if (++newlines <= 2 && !out.empty()) out += c;
      continue;
    }
    newlines = 0;
    out += c;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return text::IsValidUtf8(out) ? text::ToNfc(out) : text::DecodeToUtf8(out, "UTF-8").utf8;
}

class RtfHandler final : public FormatHandler {
 public:
  std::string_view name() const override { return "rtf"; }

  bool Accepts(std::string_view content_type) const override {
    return content_type == "application/rtf" || content_type == "text/rtf";
  }

  Result<ExtractedDocument> Extract(const ExtractInput& input) const override {
    if (!input.bytes.starts_with("{\\rtf")) return Status::InvalidInput("not RTF: no {\\rtf header");
    RtfReader reader(input.bytes);
    reader.Read();
    ExtractedDocument doc;
    doc.content_type = "application/rtf";
    doc.text = Tidy(reader.text());
    doc.title = Tidy(reader.title());
    if (std::string author = Tidy(reader.author()); !author.empty()) doc.metadata["author"] = author;
    if (std::string created = reader.Created(); !created.empty()) doc.metadata["created"] = created;
    return doc;
  }
};

}  // namespace

std::unique_ptr<FormatHandler> MakeRtfHandler() {
  return std::make_unique<RtfHandler>();
}

}  // namespace leakgraph::extract
