// PowerPoint 97-2003 (.ppt, MS-PPT): the text of a presentation's slides, in
// slide order, then the text of its notes pages, read from the "PowerPoint
// Document" stream of a compound file (extract/cfb.h).
//
// The stream is a sequence of records (8-byte header: version/instance, type,
// length). Text is in TextCharsAtom (UTF-16LE), TextBytesAtom (8-bit, the low
// bytes of UTF-16) and CString (UTF-16LE) records. The live slides are found
// as PowerPoint does: the "Current User" stream points to the newest
// UserEditAtom, whose chain of persist directories maps each slide's persist
// id to the offset of its record; the document's SlideListWithText gives the
// slides in order. When that route is broken (a stream missing or corrupt),
// every record of the stream is read in stream order instead, so a damaged
// file still yields what text it holds.
//
// Bounded: no record is read past its parent's length or the stream's end,
// containers are entered at most kMaxDepth deep, the edit chain is followed
// at most kMaxEdits steps and every slide record is read once, so hostile
// input costs time and memory linear in its size.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "extract/cfb.h"
#include "extract/handler.h"
#include "leakgraph/status.h"

namespace leakgraph::extract {

struct PowerPointText {
  std::string text;  // UTF-8 (not yet NFC): one line per paragraph, a blank line between slides
  std::vector<std::string> warnings;
};

inline constexpr std::size_t kMaxPptDepth = 32;
inline constexpr std::size_t kMaxPptEdits = 4096;

// Reads the text of `document` (the "PowerPoint Document" stream), using
// `current_user` (the "Current User" stream; may be empty) to find the live
// slides. Errors: encrypted (Unsupported), or a stream with no readable
// record at all (InvalidInput, "corrupt PowerPoint document: ...").
[[nodiscard]] Result<PowerPointText> ReadPowerPointText(std::string_view document, std::string_view current_user);

// The OLE handler's entry point (see ole_formats.h): the streams of `file`
// read with ReadPowerPointText, as a document of type
// application/vnd.ms-powerpoint.
[[nodiscard]] Result<ExtractedDocument> ExtractPowerPointBinary(const CompoundFile& file);

}  // namespace leakgraph::extract
