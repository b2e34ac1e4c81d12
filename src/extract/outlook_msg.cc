// Outlook messages (.msg, MS-OXMSG): a message's properties are streams named
// "__substg1.0_<tag><type>" in its storage (strings as UTF-16LE, type 001F,
// or 8-bit, 001E), fixed-size ones (dates) in "__properties_version1.0";
// recipients and attachments are sub-storages. Read: subject, sender,
// recipients (to, cc), date, message id, body (plain, else the HTML body's
// text). Each attachment becomes a child (its bytes, its long file name); an
// attached message is written out as RFC 822 text with its own attachments
// as MIME parts, for the e-mail handler to read.
#include <glib.h>

#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "extract/html_text.h"
#include "extract/iso_date.h"
#include "extract/ole_formats.h"
#include "text/encoding.h"

namespace leakgraph::extract {
namespace {

constexpr unsigned kMaxMessageDepth = 8;
constexpr std::size_t kMaxAttachments = 10000;

std::uint32_t U32(std::string_view b, std::size_t at) {
  auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + i])); };
  return byte(0) | byte(1) << 8 | byte(2) << 16 | byte(3) << 24;
}

class MessageReader {
 public:
  MessageReader(const CompoundFile& file, std::uint32_t storage) : file_(file), storage_(storage) {}

  // The string property `id` (4 hex digits), or "".
  std::string String(std::string_view id) const { return StringIn(storage_, id); }

  std::string StringIn(std::uint32_t storage, std::string_view id) const {
    const std::string base = "__substg1.0_" + std::string(id);
    if (auto index = file_.Find(storage, base + "001F")) {
      auto bytes = file_.ReadStream(*index, kMaxOleStreamBytes);
      if (bytes.ok()) return text::ToNfc(Utf16LeToUtf8(*bytes));
    }
    if (auto index = file_.Find(storage, base + "001E")) {
      auto bytes = file_.ReadStream(*index, kMaxOleStreamBytes);
      if (bytes.ok()) {
        std::string_view s(*bytes);
        while (!s.empty() && s.back() == '\0') s.remove_suffix(1);
        return text::DecodeToUtf8(s).utf8;
      }
    }
    return {};
  }

  std::optional<std::string> Binary(std::uint32_t storage, std::string_view id) const {
    if (auto index = file_.Find(storage, "__substg1.0_" + std::string(id) + "0102")) {
      auto bytes = file_.ReadStream(*index, kMaxOleStreamBytes);
      if (bytes.ok()) return std::move(*bytes);
    }
    return std::nullopt;
  }

  // The 8-byte value of fixed-size property `tag` (id << 16 | type) in
  // `storage`'s property stream, whose header is `header` bytes long.
  std::optional<std::uint64_t> Fixed(std::uint32_t storage, std::uint32_t tag, std::size_t header) const {
    auto index = file_.Find(storage, "__properties_version1.0");
    if (!index) return std::nullopt;
    auto bytes = file_.ReadStream(*index, kMaxOleStreamBytes);
    if (!bytes.ok()) return std::nullopt;
    for (std::size_t at = header; at + 16 <= bytes->size(); at += 16) {
      if (U32(*bytes, at) == tag)
        return static_cast<std::uint64_t>(U32(*bytes, at + 8)) | static_cast<std::uint64_t>(U32(*bytes, at + 12)) << 32;
    }
    return std::nullopt;
  }

  std::vector<std::uint32_t> SubStorages(std::string_view prefix) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t index : file_.Children(storage_)) {
      const auto& entry = file_.entries()[index];
      if (entry.type == CompoundFile::EntryType::kStorage && entry.name.starts_with(prefix)) out.push_back(index);
    }
    return out;
  }

  const CompoundFile& file() const { return file_; }
  std::uint32_t storage() const { return storage_; }

 private:
  const CompoundFile& file_;
  std::uint32_t storage_;
};

std::string Mailbox(const std::string& name, const std::string& address) {
  if (address.empty()) return name;
  if (name.empty() || name == address) return address;
  return name + " <" + address + ">";
}

// FILETIME (100 ns since 1601) as ISO 8601 UTC, or "".
std::string FileTimeIso(std::uint64_t filetime) { return FormatFileTime(filetime, "%Y-%m-%dT%H:%M:%SZ"); }

std::string Base64Lines(std::string_view bytes) {
  gchar* encoded = g_base64_encode(reinterpret_cast<const guchar*>(bytes.data()), bytes.size());
  std::string flat(encoded);
  g_free(encoded);
  std::string out;
  for (std::size_t at = 0; at < flat.size(); at += 76) out += flat.substr(at, 76) + "\r\n";
  return out;
}

std::string HeaderValue(std::string value) {
  for (char& c : value) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return value;
}

// An extracted message as RFC 822 text (UTF-8 headers, as RFC 6532 allows).
std::string AsRfc822(const ExtractedDocument& doc) {
  auto field = [&](const char* key) {
    auto found = doc.metadata.find(key);
    return found == doc.metadata.end() ? std::string() : HeaderValue(found->second);
  };
  std::string out;
  for (auto [header, key] : {std::pair{"From", "from"}, {"To", "to"}, {"Cc", "cc"}, {"Subject", "subject"}}) {
    std::string value = field(key);
    if (!value.empty()) out += std::string(header) + ": " + value + "\r\n";
  }
  std::tm utc{};
  std::string iso = field("date");
  if (!iso.empty() && strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%SZ", &utc) != nullptr) {
    char date[64];
    if (std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &utc) > 0)
      out += "Date: " + std::string(date) + "\r\n";
  }
  if (!field("message_id").empty()) out += "Message-ID: " + field("message_id") + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  const std::string body = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                           Base64Lines(doc.text);
  if (doc.children.empty()) return out + body;
  const std::string boundary = "leakgraph-msg-boundary-7f3a9c";
  out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary + "\r\n" + body;
  for (const auto& child : doc.children) {
    std::string name = HeaderValue(child.name);
    out += "--" + boundary + "\r\nContent-Type: " +
           (child.content_type_hint.empty() ? std::string("application/octet-stream") : child.content_type_hint) +
           "\r\nContent-Disposition: attachment; filename=\"" + name +
           "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Base64Lines(child.bytes);
  }
  return out + "--" + boundary + "--\r\n";
}

void ReadRecipients(const MessageReader& message, ExtractedDocument& doc) {
  std::string to, cc;
  for (std::uint32_t recipient : message.SubStorages("__recip_version1.0_#")) {
    std::string address = message.StringIn(recipient, "39FE");
    if (address.empty()) address = message.StringIn(recipient, "3003");
    std::string box = Mailbox(message.StringIn(recipient, "3001"), address);
    if (box.empty()) continue;
    auto kind = message.Fixed(recipient, 0x0C150003, 8);
    std::string& list = kind && (*kind & 0xFFFFFFFF) == 2 ? cc : to;
    list += (list.empty() ? "" : ", ") + box;
  }
  if (to.empty()) to = message.String("0E04");
  if (cc.empty()) cc = message.String("0E03");
  if (!to.empty()) doc.metadata["to"] = to;
  if (!cc.empty()) doc.metadata["cc"] = cc;
}

Status ReadAttachments(const MessageReader& message, ExtractedDocument& doc, unsigned depth) {
  std::size_t count = 0;
  for (std::uint32_t attachment : message.SubStorages("__attach_version1.0_#")) {
    if (++count > kMaxAttachments) {
      doc.warnings.push_back("more than " + std::to_string(kMaxAttachments) + " attachments: the rest not read");
      break;
    }
    std::string name = message.StringIn(attachment, "3707");
    if (name.empty()) name = message.StringIn(attachment, "3704");
    if (name.empty()) name = message.StringIn(attachment, "3001");
    ChildPart part;
    part.content_type_hint = message.StringIn(attachment, "370E");
    if (auto data = message.Binary(attachment, "3701")) {
      part.bytes = std::move(*data);
    } else if (auto embedded = message.file().Find(attachment, "__substg1.0_3701000D")) {
      if (depth + 1 > kMaxMessageDepth) {
        doc.warnings.push_back("attached message nested deeper than " + std::to_string(kMaxMessageDepth) +
                               " levels: not read");
        continue;
      }
      auto inner = ExtractOutlookMessage(message.file(), *embedded, depth + 1);
      if (!inner.ok()) {
        doc.warnings.push_back("attached message " + name + " not read: " + inner.status().message());
        continue;
      }
      part.bytes = AsRfc822(*inner);
      part.content_type_hint = "message/rfc822";
      if (name.empty()) name = inner->title;
      name += ".eml";
    } else {
      continue;  // an OLE object or a link: nothing of its own to read
    }
    part.name = name.empty() ? "attachment-" + std::to_string(count) : name;
    doc.children.push_back(std::move(part));
  }
  return Status::Ok();
}

}  // namespace

Result<ExtractedDocument> ExtractOutlookMessage(const CompoundFile& file, std::uint32_t storage, unsigned depth) {
  MessageReader message(file, storage);
  // The property stream's header: 32 bytes for the message itself, 24 for an attached one.
  const std::size_t header = storage == 0 ? 32 : 24;
  ExtractedDocument doc;
  doc.content_type = "application/vnd.ms-outlook";
  std::string subject = message.String("0037");
  if (!subject.empty()) doc.metadata["subject"] = subject;
  doc.title = subject;
  std::string address = message.String("5D01");
  if (address.empty()) address = message.String("0C1F");
  std::string from = Mailbox(message.String("0C1A"), address);
  if (!from.empty()) doc.metadata["from"] = from;
  ReadRecipients(message, doc);
  std::string message_id = message.String("1035");
  if (!message_id.empty()) doc.metadata["message_id"] = message_id;
  for (std::uint32_t tag : {0x00390040u, 0x0E060040u}) {  // submitted, else delivered
    if (auto when = message.Fixed(storage, tag, header)) {
      std::string iso = FileTimeIso(*when);
      if (iso.empty()) continue;
      doc.metadata["date"] = iso;
      break;
    }
  }
  doc.text = message.String("1000");
  if (doc.text.empty()) {
    std::string html = message.String("1013");
    if (html.empty()) {
      if (auto bytes = message.Binary(storage, "1013")) html = text::DecodeToUtf8(*bytes).utf8;
    }
    if (!html.empty()) doc.text = HtmlToText(html).text;
  }
  if (Status s = ReadAttachments(message, doc, depth); !s.ok()) return s;
  if (doc.metadata.empty() && doc.text.empty() && doc.children.empty())
    return Status::InvalidInput("corrupt Outlook message: no properties");
  return doc;
}

}  // namespace leakgraph::extract
