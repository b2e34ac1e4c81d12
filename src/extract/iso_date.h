// Dates as the metadata contract wants them: ISO 8601 in UTC. Formats write
// dates in many shapes; this reads the ISO-like ones found in HTML meta tags
// and cable headers ("2009-01-20 05:05", "2010-12-02T21:09:00+03:30").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace leakgraph::extract {

// Returns `text` as "YYYY-MM-DDTHH:MM:SSZ" (converted to UTC when it carries
// an offset), or "YYYY-MM-DD" when it has no time, or "" when it is not an
// ISO-like date. Accepts a 'T' or a space between date and time, optional
// seconds and fractions, and "Z", "+HH:MM", "+HHMM" or "-HH" offsets.
std::string NormalizeIsoDateTime(std::string_view text);

// A Windows FILETIME (100 ns since 1601-01-01 UTC, as Outlook stores times)
// written with strftime `format` in UTC, or "" for 0, a time before 1970 or a
// time that does not format.
std::string FormatFileTime(std::uint64_t filetime, const char* format);

}  // namespace leakgraph::extract
