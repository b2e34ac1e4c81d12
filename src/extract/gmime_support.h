// Shared GMime plumbing for the email and mbox handlers: one-time library
// initialisation, owning pointers for GObjects, and byte-level helpers that
// turn GMime objects back into std::string.
//
// Thread safety: GMime's global state (charset tables, the iconv cache, the
// default options) is set up once by g_mime_init and only read afterwards; the
// iconv cache takes its own lock. Parsing separate messages on separate
// threads is therefore safe as long as no GMime object is shared between
// threads, which these helpers never do (every parse gets its own stream,
// parser and options). May not do I/O.
#pragma once

#include <gmime/gmime.h>

#include <memory>
#include <string>
#include <string_view>

namespace leakgraph::extract {

// Runs g_mime_init exactly once per process; cheap after the first call.
void EnsureGMimeInitialised();

struct GObjectUnref {
  void operator()(gpointer object) const {
    if (object != nullptr) g_object_unref(object);
  }
};

// Owns one reference to a GObject.
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

struct ParserOptionsFree {
  void operator()(GMimeParserOptions* options) const { g_mime_parser_options_free(options); }
};
using ParserOptionsPtr = std::unique_ptr<GMimeParserOptions, ParserOptionsFree>;

// Returns fresh parser options for one parse: lenient RFC compliance, UTF-8
// then windows-1252 as fallback charsets for raw 8-bit headers.
ParserOptionsPtr MakeParserOptions();

// Parses `bytes` as one RFC 5322 message. Returns nullptr only when GMime
// cannot construct a message at all. The returned message does not refer to
// `bytes` after this call.
GObjectPtr<GMimeMessage> ParseMessage(std::string_view bytes, GMimeParserOptions* options);

// Returns the content of `part` with its transfer encoding (base64,
// quoted-printable, uuencode) undone; "" if the part has no content.
std::string DecodedPartContent(GMimePart* part);

// Returns `object` serialised back to RFC 5322 bytes (headers and body).
std::string SerialiseObject(GMimeObject* object);

// Returns `text` (a GMime-owned, possibly null C string) as valid UTF-8 NFC:
// invalid bytes are decoded with charset detection.
std::string ToCleanUtf8(const char* text);

}  // namespace leakgraph::extract
