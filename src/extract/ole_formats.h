// The formats kept in OLE2 compound files (extract/cfb.h), one reader each:
// Word 97-2003 (.doc), Excel 97-2003 (.xls, BIFF8) and Outlook messages
// (.msg); PowerPoint 97-2003 (.ppt) has its own header, extract/ppt_binary.h.
// Used by the OLE handler (ole_handler.cc), which tells them apart by
// the streams a file holds. Each returns text, title and metadata; errors
// name the reason ("encrypted Word document", "corrupt Word document: ...").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "extract/cfb.h"
#include "extract/handler.h"

namespace leakgraph::extract {

// The most any one stream may hold for us to read it.
constexpr std::uint64_t kMaxOleStreamBytes = 256ull << 20;

[[nodiscard]] Result<ExtractedDocument> ExtractWordBinary(const CompoundFile& file);
[[nodiscard]] Result<ExtractedDocument> ExtractExcelBinary(const CompoundFile& file);
// Reads the message in `storage` (0: the file's root; an embedded message's
// storage otherwise). Attachments become children; an attached message is
// written out as RFC 822 text (its headers and body) so the e-mail handler
// reads it.
[[nodiscard]] Result<ExtractedDocument> ExtractOutlookMessage(const CompoundFile& file, std::uint32_t storage,
                                                              unsigned depth);

// Windows-1252 bytes as UTF-8.
std::string Cp1252ToUtf8(std::string_view bytes);
// UTF-16LE bytes as UTF-8 (unpaired surrogates become U+FFFD; a trailing NUL ends the text).
std::string Utf16LeToUtf8(std::string_view bytes);

}  // namespace leakgraph::extract
