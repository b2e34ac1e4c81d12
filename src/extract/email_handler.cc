// The email handler ("message/rfc822"): one RFC 5322 message, parsed with
// GMime from memory.
//
// Headers become metadata (never text): "from", "to", "cc", "bcc" as
// comma-separated "Name <addr>" (a name holding ',', ';' or '"' is quoted),
// "subject", "message_id", "in_reply_to", and "date" in ISO 8601 UTC. The text
// is the readable body: text/plain parts decoded to UTF-8 (text/html only
// where a multipart/alternative offers no plain text, or where an inline HTML
// part stands alone). Attachments and embedded messages become children.
//
// Hostile input: MIME nesting deeper than kMaxMimeDepth or more than
// kMaxMimeParts parts is not walked (a warning says so); truncated bodies give
// what was read. Only input with no message header at all is an error.
#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "extract/gmime_support.h"
#include "extract/handler.h"
#include "extract/html_text.h"
#include "text/encoding.h"

namespace leakgraph::extract {
namespace {

constexpr int kMaxMimeDepth = 32;
constexpr int kMaxMimeParts = 10000;
constexpr std::size_t kMaxChildNameBytes = 200;

struct GFreeDeleter {
  void operator()(void* p) const { g_free(p); }
};
using GCharPtr = std::unique_ptr<char, GFreeDeleter>;

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view TrimWhitespace(std::string_view s) {
  const char* kSpace = " \t\r\n";
  std::size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  std::size_t end = s.find_last_not_of(kSpace);
  return s.substr(begin, end - begin + 1);
}

// The raw header value unfolded and as UTF-8 (raw 8-bit bytes in an unknown
// charset are detected), with RFC 2047 encoded words still encoded.
std::string UnfoldedUtf8Value(GMimeHeader* header) {
  const char* raw = g_mime_header_get_raw_value(header);
  if (raw == nullptr) return {};
  std::string utf8 = ToCleanUtf8(raw);
  GCharPtr unfolded(g_mime_utils_header_unfold(utf8.c_str()));
  return unfolded ? std::string(TrimWhitespace(unfolded.get())) : std::string();
}

std::string DecodeUnstructured(const std::string& value, GMimeParserOptions* options) {
  GCharPtr decoded(g_mime_utils_header_decode_text(options, value.c_str()));
  return decoded ? std::string(TrimWhitespace(ToCleanUtf8(decoded.get()))) : value;
}

std::string FormatMailbox(InternetAddress* address) {
  std::string name = std::string(TrimWhitespace(ToCleanUtf8(internet_address_get_name(address))));
  std::string addr = ToCleanUtf8(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)));
  if (name.empty() || name == addr) return addr;
  if (name.find_first_of(",;\"") != std::string::npos) {
    std::string quoted = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    name = quoted + "\"";
  }
  return addr.empty() ? name : name + " <" + addr + ">";
}

// Appends every mailbox of `list` (group members included, one level of
// groups only: RFC 5322 groups do not nest).
void AppendMailboxes(InternetAddressList* list, bool inside_group, std::vector<std::string>& out) {
  int count = internet_address_list_length(list);
  for (int i = 0; i < count && out.size() < static_cast<std::size_t>(kMaxMimeParts); ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
      std::string formatted = FormatMailbox(address);
      if (!formatted.empty()) out.push_back(std::move(formatted));
    } else if (INTERNET_ADDRESS_IS_GROUP(address) && !inside_group) {
      AppendMailboxes(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), true, out);
    }
  }
}

std::string FormatAddressHeader(const std::string& value, GMimeParserOptions* options) {
  GObjectPtr<InternetAddressList> list(internet_address_list_parse(options, value.c_str()));
  if (!list) return DecodeUnstructured(value, options);
  std::vector<std::string> mailboxes;
  AppendMailboxes(list.get(), false, mailboxes);
  std::string joined;
  for (const std::string& mailbox : mailboxes) {
    if (!joined.empty()) joined += ", ";
    joined += mailbox;
  }
  return joined;
}

// Returns the date as "YYYY-MM-DDTHH:MM:SSZ", or "" if unparsable.
std::string IsoUtcDate(const std::string& value) {
  GDateTime* parsed = g_mime_utils_header_decode_date(value.c_str());
  if (parsed == nullptr) return {};
  GDateTime* utc = g_date_time_to_utc(parsed);
  g_date_time_unref(parsed);
  if (utc == nullptr) return {};
  std::string iso;
  int year = g_date_time_get_year(utc);
  // GMime maps some garbage to year 1 or 9999; neither is a real mail date.
  if (year > 1900 && year < 9999) {
    GCharPtr formatted(g_date_time_format(utc, "%Y-%m-%dT%H:%M:%SZ"));
    if (formatted) iso = formatted.get();
  }
  g_date_time_unref(utc);
  return iso;
}

std::string DecodeMessageId(const std::string& value) {
  GCharPtr id(g_mime_utils_decode_message_id(value.c_str()));
  if (id && *id.get() != '\0') return ToCleanUtf8(id.get());
  std::string_view trimmed = TrimWhitespace(value);
  if (trimmed.size() >= 2 && trimmed.front() == '<' && trimmed.back() == '>')
    trimmed = trimmed.substr(1, trimmed.size() - 2);
  return std::string(trimmed);
}

void AppendCommaSeparated(std::string& field, const std::string& more) {
  if (more.empty()) return;
  if (!field.empty()) field += ", ";
  field += more;
}

// Fills the metadata from the message headers. Returns true iff at least one
// header that only email carries was present.
bool ReadHeaders(GMimeMessage* message, GMimeParserOptions* options,
                 std::map<std::string, std::string>& metadata) {
  static const std::set<std::string> kEmailHeaders = {
      "from",        "to",         "cc",           "bcc",          "subject",     "date",
      "message-id",  "received",   "return-path",  "mime-version", "reply-to",    "sender",
      "in-reply-to", "references", "delivered-to", "x-mailer",     "content-type"};
  GMimeHeaderList* headers = g_mime_object_get_header_list(GMIME_OBJECT(message));
  int count = headers ? g_mime_header_list_get_count(headers) : 0;
  bool looks_like_email = false;
  for (int i = 0; i < count; ++i) {
    GMimeHeader* header = g_mime_header_list_get_header_at(headers, i);
    const char* raw_name = g_mime_header_get_name(header);
    if (raw_name == nullptr) continue;
    std::string name = AsciiLower(raw_name);
    if (kEmailHeaders.count(name) == 0) continue;
    looks_like_email = true;
    std::string value = UnfoldedUtf8Value(header);
    if (name == "from" || name == "to" || name == "cc" || name == "bcc") {
      AppendCommaSeparated(metadata[name], FormatAddressHeader(value, options));
    } else if (name == "subject" && !metadata.count("subject")) {
      metadata["subject"] = DecodeUnstructured(value, options);
    } else if (name == "message-id" && !metadata.count("message_id")) {
      metadata["message_id"] = DecodeMessageId(value);
    } else if (name == "in-reply-to" && !metadata.count("in_reply_to")) {
      metadata["in_reply_to"] = DecodeMessageId(value);
    } else if (name == "date" && !metadata.count("date")) {
      std::string iso = IsoUtcDate(value);
      if (!iso.empty()) metadata["date"] = iso;
    }
  }
  // Drop fields that decoded to nothing, so "absent" and "empty" agree.
  std::erase_if(metadata, [](const auto& entry) { return entry.second.empty(); });
  return looks_like_email;
}

std::string MimeTypeOf(GMimeObject* object) {
  GMimeContentType* content_type = g_mime_object_get_content_type(object);
  if (content_type == nullptr) return "text/plain";
  GCharPtr mime_type(g_mime_content_type_get_mime_type(content_type));
  return mime_type ? AsciiLower(mime_type.get()) : "text/plain";
}

bool IsSignature(const std::string& mime_type) {
  return mime_type == "application/pgp-signature" || mime_type == "application/pkcs7-signature" ||
         mime_type == "application/x-pkcs7-signature";
}

// Returns `raw` safe as the last component of an internal path: valid UTF-8,
// no '/', '\\', NUL or control characters, not "." or "..", at most
// kMaxChildNameBytes bytes; "" if nothing usable is left.
std::string SanitiseChildName(const char* raw) {
  std::string name = ToCleanUtf8(raw);
  for (char& c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\' || u < 0x20 || u == 0x7f) c = '_';
  }
  name = std::string(TrimWhitespace(name));
  if (name.size() > kMaxChildNameBytes) {
    std::size_t cut = kMaxChildNameBytes;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
    name.resize(cut);
  }
  if (name == "." || name == "..") return {};
  return name;
}

// Walks a MIME tree, collecting the readable body text and the children.
class MimeTreeReader {
 public:
  explicit MimeTreeReader(ExtractedDocument& doc) : doc_(doc) {}

  void Read(GMimeObject* root) {
    if (root != nullptr) Visit(root, 0, /*attachments_only=*/false);
    std::string text;
    for (const std::string& piece : text_pieces_) {
      if (!text.empty()) text += "\n\n";
      text += piece;
    }
    doc_.text = text::ToNfc(text);
  }

 private:
  // Returns true iff the walk may go on at `depth`; warns once otherwise.
  bool WithinLimits(int depth) {
    if (depth <= kMaxMimeDepth && parts_seen_ < kMaxMimeParts) return true;
    if (!limit_warned_) {
      doc_.warnings.push_back("MIME structure too deep or too large: rest not read");
      limit_warned_ = true;
    }
    return false;
  }

  void Visit(GMimeObject* object, int depth, bool attachments_only) {
    if (!WithinLimits(depth)) return;
    ++parts_seen_;
    if (GMIME_IS_MESSAGE_PART(object)) {
      GMimeMessage* embedded = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
      if (embedded != nullptr) AddChild(object, SerialiseObject(GMIME_OBJECT(embedded)), "message/rfc822");
    } else if (GMIME_IS_MULTIPART(object)) {
      VisitMultipart(GMIME_MULTIPART(object), depth, attachments_only);
    } else if (GMIME_IS_PART(object)) {
      VisitLeaf(GMIME_PART(object), attachments_only);
    }
  }

  void VisitMultipart(GMimeMultipart* multipart, int depth, bool attachments_only) {
    int count = g_mime_multipart_get_count(multipart);
    bool alternative = MimeTypeOf(GMIME_OBJECT(multipart)) == "multipart/alternative";
    int chosen = alternative && !attachments_only ? ChooseAlternative(multipart) : -1;
    if (count == 0 && !attachments_only) {
      // A multipart without a usable boundary: GMime leaves the whole body in
      // the prologue, which is still the best text there is.
      const char* prologue = g_mime_multipart_get_prologue(multipart);
      if (prologue != nullptr) AddTextBytes(prologue, "", false);
      return;
    }
    for (int i = 0; i < count && WithinLimits(depth + 1); ++i) {
      bool only_attachments = attachments_only || (alternative && i != chosen);
      Visit(g_mime_multipart_get_part(multipart, i), depth + 1, only_attachments);
    }
  }

  // Returns 2 if `object` holds readable plain text, 1 if only HTML, else 0.
  int BodyScore(GMimeObject* object, int depth, int& budget) {
    if (--budget < 0 || depth > kMaxMimeDepth) return 0;
    if (GMIME_IS_MULTIPART(object)) {
      int best = 0;
      GMimeMultipart* multipart = GMIME_MULTIPART(object);
      int count = g_mime_multipart_get_count(multipart);
      for (int i = 0; i < count && best < 2 && budget > 0; ++i)
        best = std::max(best, BodyScore(g_mime_multipart_get_part(multipart, i), depth + 1, budget));
      return best;
    }
    if (!GMIME_IS_PART(object) || IsAttachment(GMIME_PART(object))) return 0;
    std::string mime_type = MimeTypeOf(object);
    return mime_type == "text/plain" ? 2 : mime_type == "text/html" ? 1 : 0;
  }

  // The index of the alternative to read: the first with plain text, else
  // the first with HTML, else the last (the richest, by RFC 2046).
  int ChooseAlternative(GMimeMultipart* multipart) {
    int count = g_mime_multipart_get_count(multipart);
    int chosen = count - 1;
    int chosen_score = 0;
    int budget = kMaxMimeParts;
    for (int i = 0; i < count && budget > 0; ++i) {
      int score = BodyScore(g_mime_multipart_get_part(multipart, i), 0, budget);
      if (score > chosen_score) {
        chosen = i;
        chosen_score = score;
      }
      if (chosen_score == 2) break;
    }
    return chosen;
  }

  static bool IsAttachment(GMimePart* part) {
    const char* disposition = g_mime_object_get_disposition(GMIME_OBJECT(part));
    if (disposition != nullptr && g_ascii_strcasecmp(disposition, "attachment") == 0) return true;
    const char* filename = g_mime_part_get_filename(part);
    return filename != nullptr && *filename != '\0';
  }

  void VisitLeaf(GMimePart* part, bool attachments_only) {
    std::string mime_type = MimeTypeOf(GMIME_OBJECT(part));
    if (IsSignature(mime_type)) return;
    bool is_text = mime_type == "text/plain" || mime_type == "text/html";
    if (is_text && !IsAttachment(part)) {
      if (!attachments_only) AddTextPiece(part, mime_type == "text/html");
      return;
    }
    AddChild(GMIME_OBJECT(part), DecodedPartContent(part), mime_type);
  }

  void AddTextPiece(GMimePart* part, bool is_html) {
    const char* charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
    AddTextBytes(DecodedPartContent(part), charset ? charset : "", is_html);
  }

  void AddTextBytes(std::string_view bytes, std::string declared, bool is_html) {
    if (bytes.empty()) return;
    if (is_html && declared.empty()) declared = DeclaredHtmlCharset(bytes);
    text::DecodedText decoded = text::DecodeToUtf8(bytes, declared);
    if (decoded.had_invalid) doc_.warnings.push_back("invalid bytes in a text part replaced");
    if (doc_.charset.empty()) doc_.charset = decoded.charset;
    std::string piece = is_html ? HtmlToText(decoded.utf8).text : std::move(decoded.utf8);
    std::string_view trimmed = TrimWhitespace(piece);
    if (!trimmed.empty()) text_pieces_.emplace_back(trimmed);
  }

  void AddChild(GMimeObject* object, std::string bytes, std::string mime_type) {
    ++attachment_count_;
    const char* raw_name = GMIME_IS_PART(object) ? g_mime_part_get_filename(GMIME_PART(object)) : nullptr;
    if (raw_name == nullptr) raw_name = g_mime_object_get_content_disposition_parameter(object, "filename");
    if (raw_name == nullptr) raw_name = g_mime_object_get_content_type_parameter(object, "name");
    std::string name = raw_name ? SanitiseChildName(raw_name) : "";
    if (name.empty()) name = "attachment-" + std::to_string(attachment_count_);
    doc_.children.push_back(ChildPart{UniqueName(std::move(name)), std::move(bytes), std::move(mime_type)});
  }

  // Two attachments called "scan.pdf" become "scan.pdf" and "scan-2.pdf".
  std::string UniqueName(std::string name) {
    if (used_names_.insert(name).second) return name;
    std::size_t dot = name.rfind('.');
    if (dot == 0 || dot == std::string::npos) dot = name.size();
    for (int n = 2;; ++n) {
      std::string candidate = name.substr(0, dot) + "-" + std::to_string(n) + name.substr(dot);
      if (used_names_.insert(candidate).second) return candidate;
    }
  }

  ExtractedDocument& doc_;
  std::vector<std::string> text_pieces_;
  std::set<std::string> used_names_;
  int parts_seen_ = 0;
  int attachment_count_ = 0;
  bool limit_warned_ = false;
};

// Skips a UTF-8 BOM, leading blank lines and an mbox "From " postmark line,
// none of which GMime accepts as a header.
std::string_view SkipPreamble(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  while (!bytes.empty() && (bytes.front() == '\r' || bytes.front() == '\n')) bytes.remove_prefix(1);
  if (bytes.starts_with("From ")) {
    std::size_t newline = bytes.find('\n');
    bytes.remove_prefix(newline == std::string_view::npos ? bytes.size() : newline + 1);
  }
  return bytes;
}

class EmailHandler final : public FormatHandler {
 public:
  std::string_view name() const override { return "email"; }

  bool Accepts(std::string_view content_type) const override {
    return content_type == "message/rfc822" || content_type == "message/global";
  }

  Result<ExtractedDocument> Extract(const ExtractInput& input) const override {
    std::string_view bytes = SkipPreamble(input.bytes);
    if (TrimWhitespace(bytes).empty()) return Status::InvalidInput("not an email: empty input");
    ParserOptionsPtr options = MakeParserOptions();
    GObjectPtr<GMimeMessage> message = ParseMessage(bytes, options.get());
    if (!message) return Status::InvalidInput("not an email: no message could be parsed");

    ExtractedDocument doc;
    doc.content_type = "message/rfc822";
    if (!ReadHeaders(message.get(), options.get(), doc.metadata))
      return Status::InvalidInput("not an email: no message headers found");
    auto subject = doc.metadata.find("subject");
    doc.title = subject != doc.metadata.end() ? subject->second : "(no subject)";
    MimeTreeReader(doc).Read(g_mime_message_get_mime_part(message.get()));
    return doc;
  }
};

}  // namespace

std::unique_ptr<FormatHandler> MakeEmailHandler() {
  return std::make_unique<EmailHandler>();
}

}  // namespace leakgraph::extract
