// The PST handler ("pst"): Outlook data files (.pst, .ost; "!BDN"), read
// with libpff. A mailbox is only a container: every message becomes a child
// named by its folder path and its 1-based place in that folder
// ("Inbox/17", "Inbox/Projects/2"), written out as RFC 822 text (From, To,
// Cc, Subject, Date, Message-ID; the plain body, else the HTML body's text,
// else the RTF body's) with its attachments as MIME parts, so the e-mail
// handler reads it: the message gets the same header metadata as any e-mail (and so the linker's
// communicated_with ties), and each attachment becomes a child of its
// message ("box.pst//Inbox/17//scan.pdf"). An attached message is written
// out the same way, nested at most kMaxMessageDepth deep.
//
// 8-bit strings are decoded in the message's code page (PidTagMessageCodepage,
// else PidTagInternetCodepage), which libpff would read as Windows-1252.
//
// The root folder's own name and the IPM subtree ("Top of Personal Folders")
// are left out of the paths; other folders keep their names ('/' in a name
// becomes '_').
//
// Limits (PstLimits; each gives a warning naming what was not read): folder
// depth, message count, attachment size, the total size of the messages
// written out; attached messages nest at most kMaxMessageDepth deep.
// Errors: a file libpff cannot open (corrupt or truncated: libpff's reason
// is kept), a file encrypted with Windows Information Protection. A file
// shorter than its header says is read as far as it goes, with a warning; a
// message libpff cannot read is skipped with a warning. A password set in
// Outlook does not encrypt anything: the file is read and a warning says so.
//
// libpff reads the bytes in memory through a libbfio handle of our own
// (MemoryReader: libbfio's memory range reads past its end). The handler is
// fragile(): the pipeline runs it in an isolated child under limits
// (extract/isolation.h).
#include "extract/pst_handler.h"

#include <glib.h>
#include <libbfio.h>
#include <libpff.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "extract/html_text.h"
#include "extract/iso_date.h"
#include "text/encoding.h"

namespace leakgraph::extract {
namespace {

constexpr unsigned kMaxMessageDepth = 8;
constexpr std::size_t kMaxAttachmentsPerMessage = 10000;
constexpr std::uint64_t kMaxPropertyBytes = 256ull << 20;  // one string, body or binary property

// MAPI property ids.
constexpr std::uint32_t kSubject = 0x0037;
constexpr std::uint32_t kClientSubmitTime = 0x0039;
constexpr std::uint32_t kSentRepresentingName = 0x0042;
constexpr std::uint32_t kSentRepresentingAddressType = 0x0064;
constexpr std::uint32_t kSentRepresentingAddress = 0x0065;
constexpr std::uint32_t kRecipientType = 0x0C15;
constexpr std::uint32_t kSenderName = 0x0C1A;
constexpr std::uint32_t kSenderAddressType = 0x0C1E;
constexpr std::uint32_t kSenderAddress = 0x0C1F;
constexpr std::uint32_t kDisplayCc = 0x0E03;
constexpr std::uint32_t kDisplayTo = 0x0E04;
constexpr std::uint32_t kDeliveryTime = 0x0E06;
constexpr std::uint32_t kInternetMessageId = 0x1035;
constexpr std::uint32_t kBody = 0x1000;
constexpr std::uint32_t kInternetCodepage = 0x3FDE;
constexpr std::uint32_t kMessageCodepage = 0x3FFD;
constexpr std::uint32_t kDisplayName = 0x3001;
constexpr std::uint32_t kAddressType = 0x3002;
constexpr std::uint32_t kEmailAddress = 0x3003;
constexpr std::uint32_t kIpmSubtreeEntryId = 0x35E0;
constexpr std::uint32_t kAttachFilename = 0x3704;
constexpr std::uint32_t kAttachLongFilename = 0x3707;
constexpr std::uint32_t kAttachMimeTag = 0x370E;
constexpr std::uint32_t kSmtpAddress = 0x39FE;
constexpr std::uint32_t kSenderSmtpAddress = 0x5D01;
constexpr std::uint32_t kSentRepresentingSmtpAddress = 0x5D02;
constexpr std::uint32_t kPstPassword = 0x67FF;

// --- libpff plumbing --------------------------------------------------------

// libpff's innermost reason ("missing name to id map entries data"), without
// the function name in front, for an error it set; frees the error.
std::string TakeError(libpff_error_t*& error) {
  if (error == nullptr) return "unknown error";
  char buffer[2048] = {};
  libpff_error_backtrace_sprint(error, buffer, sizeof buffer);
  libpff_error_free(&error);
  std::string text(buffer);
  std::string first = text.substr(0, text.find('\n'));
  if (std::size_t colon = first.find(": "); colon != std::string::npos && first.find(' ') > colon)
    first = first.substr(colon + 2);
  while (!first.empty() && (first.back() == '.' || first.back() == ' ')) first.pop_back();
  return first.empty() ? "unknown error" : first;
}

void DropError(libpff_error_t*& error) {
  if (error != nullptr) libpff_error_free(&error);
}

struct ItemDeleter {
  void operator()(libpff_item_t* item) const { libpff_item_free(&item, nullptr); }
};
using Item = std::unique_ptr<libpff_item_t, ItemDeleter>;

struct RecordSetDeleter {
  void operator()(libpff_record_set_t* set) const { libpff_record_set_free(&set, nullptr); }
};
using RecordSet = std::unique_ptr<libpff_record_set_t, RecordSetDeleter>;

struct RecordEntryDeleter {
  void operator()(libpff_record_entry_t* entry) const { libpff_record_entry_free(&entry, nullptr); }
};
using RecordEntry = std::unique_ptr<libpff_record_entry_t, RecordEntryDeleter>;

struct FileDeleter {
  void operator()(libpff_file_t* file) const {
    libpff_file_close(file, nullptr);
    libpff_file_free(&file, nullptr);
  }
};

// The properties of one record set of an item (a message's own properties
// are set 0; each recipient of a recipients item is a set).
class Properties {
 public:
  Properties(libpff_item_t* item, int set) {
    libpff_error_t* error = nullptr;
    libpff_record_set_t* raw = nullptr;
    if (item != nullptr && libpff_item_get_record_set_by_index(item, set, &raw, &error) == 1) set_.reset(raw);
    DropError(error);
  }

  // The code page of the item's 8-bit strings ("windows-1256"), or "": then
  // libpff's default (Windows-1252) applies.
  void set_codepage(std::string codepage) { codepage_ = std::move(codepage); }

  std::string String(std::uint32_t id) const {
    RecordEntry entry = Entry(id);
    if (!entry) return {};
    libpff_error_t* error = nullptr;
    std::uint32_t type = 0;
    if (!codepage_.empty() && libpff_record_entry_get_value_type(entry.get(), &type, &error) == 1 &&
        type == LIBPFF_VALUE_TYPE_STRING_ASCII) {
      // 8-bit text in the message's code page, which libpff does not know.
      std::optional<std::string> bytes = Data(entry.get());
      if (!bytes) return {};
      while (!bytes->empty() && bytes->back() == '\0') bytes->pop_back();
      return text::DecodeToUtf8(*bytes, codepage_).utf8;
    }
    DropError(error);
    std::size_t size = 0;
    if (libpff_record_entry_get_data_as_utf8_string_size(entry.get(), &size, &error) != 1 || size == 0 ||
        size > kMaxPropertyBytes) {
      DropError(error);
      return {};
    }
    std::string out(size, '\0');
    if (libpff_record_entry_get_data_as_utf8_string(entry.get(), reinterpret_cast<std::uint8_t*>(out.data()), size,
                                                    &error) != 1) {
      DropError(error);
      return {};
    }
    while (!out.empty() && out.back() == '\0') out.pop_back();
    return text::IsValidUtf8(out) ? text::ToNfc(out) : text::DecodeToUtf8(out).utf8;
  }

  std::optional<std::string> Binary(std::uint32_t id) const {
    RecordEntry entry = Entry(id);
    if (!entry) return std::nullopt;
    return Data(entry.get());
  }

  static std::optional<std::string> Data(libpff_record_entry_t* entry) {
    libpff_error_t* error = nullptr;
    std::size_t size = 0;
    if (libpff_record_entry_get_data_size(entry, &size, &error) != 1 || size > kMaxPropertyBytes) {
      DropError(error);
      return std::nullopt;
    }
    std::string out(size, '\0');
    if (size > 0 &&
        libpff_record_entry_get_data(entry, reinterpret_cast<std::uint8_t*>(out.data()), size, &error) != 1) {
      DropError(error);
      return std::nullopt;
    }
    return out;
  }

  std::optional<std::uint32_t> U32(std::uint32_t id) const {
    RecordEntry entry = Entry(id);
    if (!entry) return std::nullopt;
    libpff_error_t* error = nullptr;
    std::uint32_t value = 0;
    if (libpff_record_entry_get_data_as_32bit_integer(entry.get(), &value, &error) != 1) {
      DropError(error);
      return std::nullopt;
    }
    return value;
  }

  std::optional<std::uint64_t> FileTime(std::uint32_t id) const {
    RecordEntry entry = Entry(id);
    if (!entry) return std::nullopt;
    libpff_error_t* error = nullptr;
    std::uint64_t value = 0;
    if (libpff_record_entry_get_data_as_filetime(entry.get(), &value, &error) != 1) {
      DropError(error);
      return std::nullopt;
    }
    return value;
  }

 private:
  RecordEntry Entry(std::uint32_t id) const {
    if (!set_) return nullptr;
    libpff_error_t* error = nullptr;
    libpff_record_entry_t* raw = nullptr;
    int found = libpff_record_set_get_entry_by_type(set_.get(), id, 0, &raw,
                                                    LIBPFF_ENTRY_VALUE_FLAG_MATCH_ANY_VALUE_TYPE, &error);
    DropError(error);
    return found == 1 ? RecordEntry(raw) : nullptr;
  }

  RecordSet set_;
  std::string codepage_;
};

// "256 MB", or "1000 bytes" for a size that is no whole number of megabytes.
std::string Bytes(std::uint64_t n) {
  return n % (1u << 20) == 0 ? std::to_string(n >> 20) + " MB" : std::to_string(n) + " bytes";
}

// The charset name of a Windows code page, or "" for none or Unicode ones
// (their strings are UTF-16 anyway).
std::string CodepageName(std::uint32_t codepage) {
  if (codepage == 0 || codepage == 1200 || codepage == 1201 || codepage == 20127) return {};
  if (codepage == 65001) return "utf-8";
  if (codepage == 874 || (codepage >= 1250 && codepage <= 1258)) return "windows-" + std::to_string(codepage);
  if (codepage == 28591 || codepage == 28592 || codepage == 28596) return "iso-8859-" + std::to_string(codepage - 28590);
  return "cp" + std::to_string(codepage);
}

// --- RFC 822 output ------------------------------------------------------------

// FILETIME (100 ns since 1601) as an RFC 5322 date, or "".
std::string Rfc822Date(std::uint64_t filetime) { return FormatFileTime(filetime, "%a, %d %b %Y %H:%M:%S +0000"); }

std::string HeaderValue(std::string value) {
  for (char& c : value) {
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  }
  return value;
}

// "Name <address>", the name quoted where RFC 5322 needs it; an address that
// is not an Internet one (an Exchange X.500 name) is left out.
std::string Mailbox(std::string name, std::string address) {
  name = HeaderValue(std::move(name));
  address = HeaderValue(std::move(address));
  if (address.find('@') == std::string::npos || address.find_first_of(" <>\",;") != std::string::npos) address.clear();
  if (name == address) name.clear();
  if (!name.empty() && name.find_first_of("()<>[]:;@\\,.\"") != std::string::npos) {
    std::string quoted = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    name = quoted + "\"";
  }
  if (address.empty()) return name;
  return name.empty() ? address : name + " <" + address + ">";
}

std::string Base64Lines(std::string_view bytes) {
  gchar* encoded = g_base64_encode(reinterpret_cast<const guchar*>(bytes.data()), bytes.size());
  std::string flat(encoded);
  g_free(encoded);
  std::string out;
  out.reserve(flat.size() + flat.size() / 38 + 2);
  for (std::size_t at = 0; at < flat.size(); at += 76) out.append(flat, at, 76).append("\r\n");
  return out;
}

// A MIME parameter value: quoted, without quotes, backslashes or line breaks.
std::string ParameterValue(std::string value) {
  value = HeaderValue(std::move(value));
  for (char& c : value) {
    if (c == '"' || c == '\\') c = '_';
  }
  return "\"" + value + "\"";
}

struct Attachment {
  std::string name;
  std::string content_type;
  std::string bytes;
};

struct Message {
  std::string from, to, cc, subject, date, message_id, body;
  std::vector<Attachment> attachments;
};

std::string AsRfc822(const Message& m) {
  std::string out;
  for (auto [header, value] : {std::pair<const char*, const std::string*>{"From", &m.from},
                               {"To", &m.to},
                               {"Cc", &m.cc},
                               {"Subject", &m.subject},
                               {"Date", &m.date},
                               {"Message-ID", &m.message_id}}) {
    if (!value->empty()) out += std::string(header) + ": " + HeaderValue(*value) + "\r\n";
  }
  out += "MIME-Version: 1.0\r\n";
  const std::string body =
      "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Base64Lines(m.body);
  if (m.attachments.empty()) return out + body;
  const std::string boundary = "leakgraph-pst-boundary-5e81d2";
  out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary + "\r\n" + body;
  for (const Attachment& a : m.attachments) {
    out += "--" + boundary + "\r\nContent-Type: " + (a.content_type.empty() ? "application/octet-stream" : a.content_type) +
           "\r\nContent-Disposition: attachment; filename=" + ParameterValue(a.name) +
           "\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Base64Lines(a.bytes);
  }
  return out + "--" + boundary + "--\r\n";
}

// --- the walk -----------------------------------------------------------------

class PstReader {
 public:
  PstReader(libpff_file_t* file, const PstLimits& limits, ExtractedDocument& doc)
      : file_(file), limits_(limits), doc_(doc) {}

  void Walk(libpff_item_t* root) {
    ipm_subtree_ = IpmSubtree();
    WalkFolder(root, "", 0, true);
    if (skipped_messages_ > 0)
      Warn(std::to_string(skipped_messages_) + " message(s) not read: over the limit of " +
           std::to_string(limits_.max_messages) + " messages or " + Bytes(limits_.max_total_bytes) + " in all");
  }

  std::size_t messages() const { return messages_; }
  std::size_t folders() const { return folders_; }

 private:
  void Warn(std::string warning) {
    if (doc_.warnings.size() < 100) doc_.warnings.push_back(std::move(warning));
  }

  // The NID of the IPM subtree ("Top of Personal Folders"), from the entry id
  // in the message store, or 0.
  std::uint32_t IpmSubtree() const {
    libpff_error_t* error = nullptr;
    libpff_item_t* raw = nullptr;
    if (libpff_file_get_message_store(file_, &raw, &error) != 1 || raw == nullptr) {
      DropError(error);
      return 0;
    }
    Item store(raw);
    std::optional<std::string> entry_id = Properties(store.get(), 0).Binary(kIpmSubtreeEntryId);
    if (!entry_id || entry_id->size() < 24) return 0;
    std::uint32_t nid = 0;
    for (int i = 3; i >= 0; --i) nid = nid << 8 | static_cast<unsigned char>((*entry_id)[20 + i]);
    return nid;
  }

  static std::string FolderLabel(const std::string& path) {
    return path.empty() ? "the top folder" : "folder \"" + path + "\"";
  }

  static std::string CleanName(std::string name, std::uint32_t id) {
    std::string out;
    for (char c : name) {
      unsigned char u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7F) continue;
      out += (c == '/' || c == '\\') ? '_' : c;
    }
    if (out.empty() || out == "." || out == "..") out = "folder-" + std::to_string(id);
    return out;
  }

  std::string FolderName(libpff_item_t* folder) const {
    libpff_error_t* error = nullptr;
    std::size_t size = 0;
    std::string name;
    if (libpff_folder_get_utf8_name_size(folder, &size, &error) == 1 && size > 0 && size < 4096) {
      name.assign(size, '\0');
      if (libpff_folder_get_utf8_name(folder, reinterpret_cast<std::uint8_t*>(name.data()), size, &error) != 1)
        name.clear();
      while (!name.empty() && name.back() == '\0') name.pop_back();
    }
    DropError(error);
    return name;
  }

  static std::uint32_t Identifier(libpff_item_t* item) {
    std::uint32_t id = 0;
    libpff_error_t* error = nullptr;
    if (libpff_item_get_identifier(item, &id, &error) != 1) DropError(error);
    return id;
  }

  void WalkFolder(libpff_item_t* folder, const std::string& path, unsigned depth, bool is_root) {
    ++folders_;
    libpff_error_t* error = nullptr;
    int count = 0;
    if (libpff_folder_get_number_of_sub_messages(folder, &count, &error) != 1) {
      Warn("messages of " + FolderLabel(path) + " not read: " + TakeError(error));
      count = 0;
    }
    for (int i = 0; i < count; ++i) {
      if (messages_ >= limits_.max_messages || total_bytes_ >= limits_.max_total_bytes) {
        skipped_messages_ += static_cast<std::size_t>(count - i);
        break;
      }
      libpff_item_t* raw = nullptr;
      std::string name = (path.empty() ? "" : path + "/") + std::to_string(i + 1);
      if (libpff_folder_get_sub_message(folder, i, &raw, &error) != 1 || raw == nullptr) {
        Warn("message " + name + " not read: " + TakeError(error));
        continue;
      }
      Item message(raw);
      std::string bytes = AsRfc822(ReadMessage(message.get(), name, 0));
      total_bytes_ += bytes.size();
      ++messages_;
      doc_.children.push_back(ChildPart{name, std::move(bytes), "message/rfc822"});
    }

    int sub_count = 0;
    if (libpff_folder_get_number_of_sub_folders(folder, &sub_count, &error) != 1) {
      Warn("sub-folders of " + FolderLabel(path) + " not read: " + TakeError(error));
      return;
    }
    if (sub_count > 0 && depth + 1 > limits_.max_folder_depth) {
      Warn("folders nested deeper than " + std::to_string(limits_.max_folder_depth) + " levels under " +
           FolderLabel(path) + ": not read");
      return;
    }
    for (int i = 0; i < sub_count; ++i) {
      libpff_item_t* raw = nullptr;
      if (libpff_folder_get_sub_folder(folder, i, &raw, &error) != 1 || raw == nullptr) {
        Warn("sub-folder " + std::to_string(i + 1) + " of " + FolderLabel(path) + " not read: " + TakeError(error));
        continue;
      }
      Item sub(raw);
      std::uint32_t id = Identifier(sub.get());
      std::string name = FolderName(sub.get());
      // The IPM subtree holds the user's folders: it is the mailbox itself.
      bool is_top = is_root && ((ipm_subtree_ != 0 && id == ipm_subtree_) ||
                                (ipm_subtree_ == 0 && name.starts_with("Top of ")));
      std::string sub_path = is_top ? path : (path.empty() ? "" : path + "/") + CleanName(name, id);
      // Two sibling folders of one name stay apart: "Inbox", "Inbox (2)".
      if (!is_top && !used_paths_.insert(sub_path).second) {
        for (int n = 2;; ++n) {
          std::string numbered = sub_path + " (" + std::to_string(n) + ")";
          if (used_paths_.insert(numbered).second) {
            sub_path = std::move(numbered);
            break;
          }
        }
      }
      WalkFolder(sub.get(), sub_path, depth + 1, false);
    }
  }

  Message ReadMessage(libpff_item_t* item, const std::string& name, unsigned depth) {
    Properties props(item, 0);
    std::string codepage = CodepageName(props.U32(kMessageCodepage).value_or(props.U32(kInternetCodepage).value_or(0)));
    props.set_codepage(codepage);
    Message m;
    m.subject = props.String(kSubject);
    // A stored subject may start with U+0001 and one character giving the
    // length of its prefix ("RE: "): a marker, not text.
    if (m.subject.size() >= 2 && m.subject[0] == '\x01') {
      std::size_t next = 2;
      while (next < m.subject.size() && (static_cast<unsigned char>(m.subject[next]) & 0xC0) == 0x80) ++next;
      m.subject.erase(0, next);
    }
    std::string address = props.String(kSenderSmtpAddress);
    if (address.empty() && props.String(kSenderAddressType) != "EX") address = props.String(kSenderAddress);
    std::string sender_name = props.String(kSenderName);
    if (sender_name.empty() && address.empty()) {
      sender_name = props.String(kSentRepresentingName);
      address = props.String(kSentRepresentingSmtpAddress);
      if (address.empty() && props.String(kSentRepresentingAddressType) != "EX")
        address = props.String(kSentRepresentingAddress);
    }
    m.from = Mailbox(sender_name, address);
    for (std::uint32_t id : {kClientSubmitTime, kDeliveryTime}) {
      if (auto when = props.FileTime(id)) {
        m.date = Rfc822Date(*when);
        if (!m.date.empty()) break;
      }
    }
    std::string message_id = props.String(kInternetMessageId);
    if (!message_id.empty()) m.message_id = message_id.front() == '<' ? message_id : "<" + message_id + ">";
    ReadRecipients(item, codepage, m);
    if (m.to.empty()) m.to = HeaderValue(props.String(kDisplayTo));
    if (m.cc.empty()) m.cc = HeaderValue(props.String(kDisplayCc));
    m.body = props.String(kBody);
    if (m.body.empty()) m.body = ReadBody(item, codepage);
    ReadAttachments(item, name, m, depth);
    return m;
  }

  void ReadRecipients(libpff_item_t* message, const std::string& codepage, Message& m) {
    libpff_error_t* error = nullptr;
    libpff_item_t* raw = nullptr;
    int found = libpff_message_get_recipients(message, &raw, &error);
    DropError(error);
    if (found != 1 || raw == nullptr) return;
    Item recipients(raw);
    int sets = 0;
    if (libpff_item_get_number_of_record_sets(recipients.get(), &sets, &error) != 1) {
      DropError(error);
      return;
    }
    for (int i = 0; i < sets && i < 10000; ++i) {
      Properties r(recipients.get(), i);
      r.set_codepage(codepage);
      std::string address = r.String(kSmtpAddress);
      if (address.empty() && r.String(kAddressType) != "EX") address = r.String(kEmailAddress);
      std::string box = Mailbox(r.String(kDisplayName), address);
      if (box.empty()) continue;
      std::uint32_t type = r.U32(kRecipientType).value_or(LIBPFF_RECIPIENT_TYPE_TO);
      if (type == LIBPFF_RECIPIENT_TYPE_BCC) continue;  // not a header of the sent message
      std::string& list = type == LIBPFF_RECIPIENT_TYPE_CC ? m.cc : m.to;
      list += (list.empty() ? "" : ", ") + box;
    }
  }

  // The body when PidTagBody gave none: the HTML body's text, else the RTF body's.
  static std::string ReadBody(libpff_item_t* message, const std::string& codepage) {
    libpff_error_t* error = nullptr;
    std::size_t size = 0;
    if (libpff_message_get_plain_text_body_size(message, &size, &error) == 1 && size > 0 && size <= kMaxPropertyBytes) {
      std::string body(size, '\0');
      if (libpff_message_get_plain_text_body(message, reinterpret_cast<std::uint8_t*>(body.data()), size, &error) == 1) {
        while (!body.empty() && body.back() == '\0') body.pop_back();
        if (!body.empty()) return text::IsValidUtf8(body) ? text::ToNfc(body) : text::DecodeToUtf8(body).utf8;
      }
    }
    DropError(error);
    size = 0;
    if (libpff_message_get_html_body_size(message, &size, &error) == 1 && size > 0 && size <= kMaxPropertyBytes) {
      std::string html(size, '\0');
      if (libpff_message_get_html_body(message, reinterpret_cast<std::uint8_t*>(html.data()), size, &error) == 1) {
        while (!html.empty() && html.back() == '\0') html.pop_back();
        std::string declared = DeclaredHtmlCharset(html);
        return HtmlToText(text::DecodeToUtf8(html, declared.empty() ? codepage : declared).utf8).text;
      }
    }
    DropError(error);
    size = 0;
    // Only an RTF body (PidTagRtfCompressed, which libpff decompresses): the RTF handler reads it.
    if (libpff_message_get_rtf_body_size(message, &size, &error) == 1 && size > 0 && size <= kMaxPropertyBytes) {
      std::string rtf(size, '\0');
      if (libpff_message_get_rtf_body(message, reinterpret_cast<std::uint8_t*>(rtf.data()), size, &error) == 1) {
        while (!rtf.empty() && rtf.back() == '\0') rtf.pop_back();
        auto doc = MakeRtfHandler()->Extract(ExtractInput{rtf, "body.rtf", "application/rtf"});
        if (doc.ok()) return std::move(doc->text);
      }
    }
    DropError(error);
    return {};
  }

  void ReadAttachments(libpff_item_t* message, const std::string& name, Message& m, unsigned depth) {
    libpff_error_t* error = nullptr;
    int count = 0;
    if (libpff_message_get_number_of_attachments(message, &count, &error) != 1) {
      Warn("attachments of message " + name + " not read: " + TakeError(error));
      return;
    }
    for (int i = 0; i < count; ++i) {
      if (static_cast<std::size_t>(i) >= kMaxAttachmentsPerMessage) {
        Warn("message " + name + ": more than " + std::to_string(kMaxAttachmentsPerMessage) +
             " attachments, the rest not read");
        break;
      }
      libpff_item_t* raw = nullptr;
      if (libpff_message_get_attachment(message, i, &raw, &error) != 1 || raw == nullptr) {
        Warn("attachment " + std::to_string(i + 1) + " of message " + name + " not read: " + TakeError(error));
        continue;
      }
      Item attachment(raw);
      Properties props(attachment.get(), 0);
      Attachment part;
      part.name = props.String(kAttachLongFilename);
      if (part.name.empty()) part.name = props.String(kAttachFilename);
      if (part.name.empty()) part.name = props.String(kDisplayName);
      if (part.name.empty()) part.name = "attachment-" + std::to_string(i + 1);
      part.content_type = HeaderValue(props.String(kAttachMimeTag));
      if (part.content_type.find_first_of(" ;\"") != std::string::npos || part.content_type.find('/') == std::string::npos)
        part.content_type.clear();
      int type = LIBPFF_ATTACHMENT_TYPE_UNDEFINED;
      if (libpff_attachment_get_type(attachment.get(), &type, &error) != 1) {
        Warn("attachment " + part.name + " of message " + name + " not read: " + TakeError(error));
        continue;
      }
      if (type == LIBPFF_ATTACHMENT_TYPE_DATA) {
        size64_t size = 0;
        if (libpff_attachment_get_data_size(attachment.get(), &size, &error) != 1) {
          Warn("attachment " + part.name + " of message " + name + " not read: " + TakeError(error));
          continue;
        }
        if (size > limits_.max_attachment_bytes) {
          Warn("attachment " + part.name + " of message " + name + " not read: " + std::to_string(size) +
               " bytes, over the limit of " + Bytes(limits_.max_attachment_bytes));
          continue;
        }
        part.bytes.assign(static_cast<std::size_t>(size), '\0');
        if (size > 0 && libpff_attachment_data_seek_offset(attachment.get(), 0, SEEK_SET, &error) < 0) DropError(error);
        std::size_t got = 0;
        while (got < part.bytes.size()) {
          ssize_t n = libpff_attachment_data_read_buffer(
              attachment.get(), reinterpret_cast<std::uint8_t*>(part.bytes.data()) + got, part.bytes.size() - got,
              &error);
          if (n <= 0) break;
          got += static_cast<std::size_t>(n);
        }
        if (got < part.bytes.size()) {
          Warn("attachment " + part.name + " of message " + name + " truncated: " + std::to_string(got) + " of " +
               std::to_string(part.bytes.size()) + " bytes read" + (error != nullptr ? ": " + TakeError(error) : ""));
          part.bytes.resize(got);
        }
        DropError(error);
      } else if (type == LIBPFF_ATTACHMENT_TYPE_ITEM) {
        if (depth + 1 > kMaxMessageDepth) {
          Warn("message " + name + ": attached message nested deeper than " + std::to_string(kMaxMessageDepth) +
               " levels, not read");
          continue;
        }
        libpff_item_t* inner_raw = nullptr;
        if (libpff_attachment_get_item(attachment.get(), &inner_raw, &error) != 1 || inner_raw == nullptr) {
          Warn("attached message " + part.name + " of message " + name + " not read: " + TakeError(error));
          continue;
        }
        Item inner(inner_raw);
        Message embedded = ReadMessage(inner.get(), name + "//" + part.name, depth + 1);
        if (part.name.starts_with("attachment-") && !embedded.subject.empty()) part.name = embedded.subject;
        if (!part.name.ends_with(".eml")) part.name += ".eml";
        part.bytes = AsRfc822(embedded);
        part.content_type = "message/rfc822";
      } else {
        continue;  // a reference to a file elsewhere: nothing of its own to read
      }
      m.attachments.push_back(std::move(part));
    }
  }

  libpff_file_t* file_;
  const PstLimits limits_;
  ExtractedDocument& doc_;
  std::uint32_t ipm_subtree_ = 0;
  std::set<std::string> used_paths_;
  std::size_t messages_ = 0;
  std::size_t folders_ = 0;
  std::size_t skipped_messages_ = 0;
  std::uint64_t total_bytes_ = 0;
};

std::uint64_t LittleEndian(std::string_view bytes, std::size_t at, int width) {
  std::uint64_t value = 0;
  for (int i = width - 1; i >= 0; --i) value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

struct BfioHandleDeleter {
  void operator()(libbfio_handle_t* handle) const { libbfio_handle_free(&handle, nullptr); }
};

// A read-only libbfio handle over bytes in memory whose reads stop at the
// end. (libbfio 20170123's memory range copies a whole read even when the
// range ends first: a heap over-read found by fuzz_pst.)
struct MemoryReader {
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;
  std::size_t offset = 0;
  bool open = false;

  static MemoryReader* Of(intptr_t* io) { return reinterpret_cast<MemoryReader*>(io); }
  static int Free(intptr_t** io, libbfio_error_t**) {
    delete Of(*io);
    *io = nullptr;
    return 1;
  }
  static int Clone(intptr_t** destination, intptr_t* source, libbfio_error_t**) {
    *destination = reinterpret_cast<intptr_t*>(new MemoryReader(*Of(source)));
    return 1;
  }
  static int Open(intptr_t* io, int access_flags, libbfio_error_t**) {
    if ((access_flags & LIBBFIO_ACCESS_FLAG_WRITE) != 0) return -1;
    Of(io)->open = true;
    Of(io)->offset = 0;
    return 1;
  }
  static int Close(intptr_t* io, libbfio_error_t**) {
    Of(io)->open = false;
    return 0;
  }
  static ssize_t Read(intptr_t* io, std::uint8_t* buffer, std::size_t size, libbfio_error_t**) {
    MemoryReader* r = Of(io);
    if (!r->open || buffer == nullptr) return -1;
    std::size_t n = r->offset >= r->size ? 0 : std::min(size, r->size - r->offset);
    if (n > 0) std::memcpy(buffer, r->data + r->offset, n);
    r->offset += n;
    return static_cast<ssize_t>(n);
  }
  static ssize_t Write(intptr_t*, const std::uint8_t*, std::size_t, libbfio_error_t**) { return -1; }
  static off64_t Seek(intptr_t* io, off64_t offset, int whence, libbfio_error_t**) {
    MemoryReader* r = Of(io);
    off64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? static_cast<off64_t>(r->offset)
                 : whence == SEEK_END ? static_cast<off64_t>(r->size) : -1;
    if (base < 0 || offset < -base) return -1;
    r->offset = static_cast<std::size_t>(base + offset);
    return static_cast<off64_t>(r->offset);
  }
  static int Exists(intptr_t*, libbfio_error_t**) { return 1; }
  static int IsOpen(intptr_t* io, libbfio_error_t**) { return Of(io)->open ? 1 : 0; }
  static int GetSize(intptr_t* io, size64_t* size, libbfio_error_t**) {
    *size = Of(io)->size;
    return 1;
  }
};

// The error for a file libpff cannot read: its reason, and the truncation
// (the first warning, if any) that is the likely cause.
Status Corrupt(const std::string& reason, const ExtractedDocument& doc) {
  std::string truncated;
  if (!doc.warnings.empty() && doc.warnings.front().starts_with("truncated")) truncated = "; " + doc.warnings.front();
  return Status::InvalidInput("corrupt Outlook data file: " + reason + truncated);
}

class PstHandler final : public FormatHandler {
 public:
  explicit PstHandler(const PstLimits& limits) : limits_(limits) {}
  bool fragile() const override { return true; }
  std::string_view name() const override { return "pst"; }

  bool Accepts(std::string_view content_type) const override {
    return content_type == "application/vnd.ms-outlook-pst";
  }

  Result<ExtractedDocument> Extract(const ExtractInput& input) const override {
    std::string_view bytes = input.bytes;
    if (bytes.size() < 4 || bytes.substr(0, 4) != "!BDN")
      return Status::InvalidInput("not an Outlook data file: no \"!BDN\" signature");
    ExtractedDocument doc;
    doc.content_type = "application/vnd.ms-outlook-pst";
    // The header: wVer at 10 (14/15 ANSI, 23 Unicode, 36 Unicode with 4 KB pages),
    // ibFileEof in the ROOT and bCryptMethod after the free maps.
    if (bytes.size() >= 12) {
      std::uint64_t version = LittleEndian(bytes, 10, 2);
      bool ansi = version == 14 || version == 15;
      std::size_t eof_at = ansi ? 168 : 184, crypt_at = ansi ? 461 : 513;
      if (bytes.size() > crypt_at) {
        unsigned crypt = static_cast<unsigned char>(bytes[crypt_at]);
        if (crypt == 0x10)
          return Status::Unsupported(
              "encrypted Outlook data file: protected by Windows Information Protection, cannot be read without its "
              "key");
        if (crypt > 2) return Status::InvalidInput("corrupt Outlook data file: unknown encryption method " +
                                                   std::to_string(crypt));
      }
      if (bytes.size() >= eof_at + (ansi ? 4 : 8)) {
        std::uint64_t eof = LittleEndian(bytes, eof_at, ansi ? 4 : 8);
        if (eof > bytes.size())
          doc.warnings.push_back("truncated Outlook data file: " + std::to_string(bytes.size()) +
                                 " bytes of the " + std::to_string(eof) + " its header gives");
      }
    }
    if (bytes.size() < 564)
      return Corrupt("cut short: " + std::to_string(bytes.size()) + " bytes, less than a header", doc);
    // libpff reads from a libbfio handle over the bytes (MemoryReader, read only).
    libbfio_error_t* bfio_error = nullptr;
    libbfio_handle_t* raw_handle = nullptr;
    auto* memory = new MemoryReader{reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()};
    if (libbfio_handle_initialize(&raw_handle, reinterpret_cast<intptr_t*>(memory), MemoryReader::Free,
                                  MemoryReader::Clone, MemoryReader::Open, MemoryReader::Close, MemoryReader::Read,
                                  MemoryReader::Write, MemoryReader::Seek, MemoryReader::Exists,
                                  MemoryReader::IsOpen, MemoryReader::GetSize, LIBBFIO_FLAG_IO_HANDLE_MANAGED,
                                  &bfio_error) != 1) {
      if (bfio_error != nullptr) libbfio_error_free(&bfio_error);
      if (raw_handle != nullptr) {
        libbfio_handle_free(&raw_handle, nullptr);
      } else {
        delete memory;
      }
      return Status::Internal("libbfio: cannot read from memory");
    }
    std::unique_ptr<libbfio_handle_t, BfioHandleDeleter> handle(raw_handle);  // outlives `file`
    libpff_error_t* error = nullptr;
    libpff_file_t* raw_file = nullptr;
    if (libpff_file_initialize(&raw_file, &error) != 1) return Status::Internal("libpff: " + TakeError(error));
    if (libpff_file_open_file_io_handle(raw_file, handle.get(), LIBPFF_OPEN_READ, &error) != 1) {
      std::string reason = TakeError(error);
      libpff_file_free(&raw_file, nullptr);
      return Corrupt(reason, doc);
    }
    std::unique_ptr<libpff_file_t, FileDeleter> file(raw_file);

    libpff_item_t* raw_root = nullptr;
    if (libpff_file_get_root_folder(file.get(), &raw_root, &error) != 1 || raw_root == nullptr) {
      std::string reason = error != nullptr ? TakeError(error) : "";
      return Corrupt("no root folder" + (reason.empty() ? "" : " (" + reason + ")"), doc);
    }
    Item root(raw_root);
    {
      libpff_item_t* raw_store = nullptr;
      if (libpff_file_get_message_store(file.get(), &raw_store, &error) == 1 && raw_store != nullptr) {
        Item store(raw_store);
        if (Properties(store.get(), 0).U32(kPstPassword).value_or(0) != 0) {
          doc.metadata["password_protected"] = "yes";
          doc.warnings.push_back("protected by an Outlook password, which encrypts nothing: read without it");
        }
      }
      DropError(error);
    }
    PstReader reader(file.get(), limits_, doc);
    reader.Walk(root.get());
    if (reader.messages() == 0 && !doc.warnings.empty() && doc.warnings.front().starts_with("truncated"))
      return Corrupt("no message readable", doc);
    std::uint64_t version = bytes.size() >= 12 ? LittleEndian(bytes, 10, 2) : 0;
    doc.metadata["mailbox_format"] = (bytes.size() >= 10 && bytes.substr(8, 2) == "SO") ? "ost" : "pst";
    doc.metadata["pst_version"] = std::to_string(version);
    doc.metadata["messages"] = std::to_string(reader.messages());
    doc.metadata["folders"] = std::to_string(reader.folders());
    doc.title = std::to_string(reader.messages()) + (reader.messages() == 1 ? " message" : " messages");
    return doc;
  }

 private:
  PstLimits limits_;
};

}  // namespace

std::unique_ptr<FormatHandler> MakePstHandler(const PstLimits& limits) {
  return std::make_unique<PstHandler>(limits);
}

}  // namespace leakgraph::extract
