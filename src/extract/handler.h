// The format handler interface: one handler per format, chosen by content
// type. A handler turns the bytes of one file (or one embedded part) into an
// ExtractedDocument: UTF-8 NFC text, a title, metadata, page offsets, and the
// raw bytes of any embedded children (attachments, messages in a mailbox),
// which the pipeline extracts in turn as child documents.
//
// Handlers are pure: no I/O, no global state, safe to call from many threads
// at once. Bad input never throws or crashes: it gives an error Status that
// names the reason (the caller adds the path).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "leakgraph/status.h"

namespace leakgraph::ocr {
class OcrEngine;
}

namespace leakgraph::extract {

// An embedded part to be ingested as a child document.
struct ChildPart {
  std::string name;    // the last component of its internal path: "3" for a message, "invoice.txt"
  std::string bytes;   // raw content
  std::string content_type_hint;  // MIME type declared by the container, or ""
};

struct ExtractedDocument {
  std::string content_type;  // canonical type handled, e.g. "text/plain", "message/rfc822"
  std::string title;
  std::string text;          // UTF-8, NFC; may be empty (a mailbox is only a container)
  std::string charset;       // source encoding of text formats, "" if not applicable
  // Well-known keys: "from", "to", "cc", "subject", "message_id", "date"
  // (ISO 8601, UTC), "author", "origin", "tags", "classification",
  // "reference_id", "created", "released". Free-form otherwise.
  std::map<std::string, std::string> metadata;
  // Byte offset into `text` where each page starts (PDF); empty if unpaged.
  std::vector<std::size_t> page_offsets;
  std::vector<ChildPart> children;
  // Non-fatal problems worth recording ("invalid UTF-8 replaced").
  std::vector<std::string> warnings;
};

struct ExtractInput {
  std::string_view bytes;
  std::string_view file_name;           // last path component, for extension hints
  std::string_view content_type_hint;   // from a container, may be ""
  // Reads scanned pages (images, PDF pages without text), or nullptr: no OCR.
  const ocr::OcrEngine* ocr = nullptr;
};

class FormatHandler {
 public:
  virtual ~FormatHandler() = default;
  // A short stable name: "text", "html", "email", "mbox", "pdf", "cable".
  virtual std::string_view name() const = 0;
  // Returns true iff this handler reads `content_type`.
  virtual bool Accepts(std::string_view content_type) const = 0;
  virtual Result<ExtractedDocument> Extract(const ExtractInput& input) const = 0;
  // True iff this handler's parser may crash, hang or exhaust memory on
  // hostile input (PDF, Office, images): the pipeline then runs it in a child
  // process under limits (extract/isolation.h).
  virtual bool fragile() const { return false; }
};

// Sniffs the content type of `bytes` from magic numbers and structure first,
// the file name's extension second. Returns e.g. "application/pdf",
// "message/rfc822", "application/mbox", "text/html", "text/x-cable",
// "text/plain", or "application/octet-stream" when nothing fits.
std::string SniffContentType(std::string_view bytes, std::string_view file_name,
                             std::string_view hint = {});

// All handlers of this build, in priority order.
class HandlerRegistry {
 public:
  // A registry with every built-in handler.
  static const HandlerRegistry& BuiltIn();
  // Returns the handler for `content_type`, or nullptr.
  const FormatHandler* Find(std::string_view content_type) const;
  void Add(std::unique_ptr<FormatHandler> handler);

 private:
  std::vector<std::unique_ptr<FormatHandler>> handlers_;
};

// Factories for the built-in handlers (one file each under src/extract/).
std::unique_ptr<FormatHandler> MakeTextHandler();
std::unique_ptr<FormatHandler> MakeHtmlHandler();
std::unique_ptr<FormatHandler> MakeCableHandler();
std::unique_ptr<FormatHandler> MakeEmailHandler();
std::unique_ptr<FormatHandler> MakeMboxHandler();
std::unique_ptr<FormatHandler> MakePdfHandler();
std::unique_ptr<FormatHandler> MakeArchiveHandler();
std::unique_ptr<FormatHandler> MakeOoxmlHandler();
std::unique_ptr<FormatHandler> MakeOdfHandler();
std::unique_ptr<FormatHandler> MakeRtfHandler();
std::unique_ptr<FormatHandler> MakeImageHandler();
std::unique_ptr<FormatHandler> MakeOleHandler();
// Test only: reads "%LEAKGRAPH-TEST-FAULT hang|spin|crash|oom|pages" (sniffed only
// when the environment variable LEAKGRAPH_TEST_FAULTS is set) and misbehaves
// as told, so tests can check that a parser's failure is contained.
std::unique_ptr<FormatHandler> MakeTestFaultHandler();
bool IsTestFault(std::string_view bytes);

}  // namespace leakgraph::extract
