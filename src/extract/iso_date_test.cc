#include "extract/iso_date.h"

#include <gtest/gtest.h>

namespace leakgraph::extract {
namespace {

TEST(NormalizeIsoDateTimeTest, CableAndMetaForms) {
  EXPECT_EQ(NormalizeIsoDateTime("1979-08-13 04:04"), "1979-08-13T04:04:00Z");
  EXPECT_EQ(NormalizeIsoDateTime("2010-12-02T21:09:30Z"), "2010-12-02T21:09:30Z");
  EXPECT_EQ(NormalizeIsoDateTime(" 2001-02-03 "), "2001-02-03");
  EXPECT_EQ(NormalizeIsoDateTime("2009-01-20T05:05:00.123+00:00"), "2009-01-20T05:05:00Z");
}

TEST(NormalizeIsoDateTimeTest, OffsetsConvertToUtcAcrossDays) {
  EXPECT_EQ(NormalizeIsoDateTime("2010-01-01T02:00:00+03:30"), "2009-12-31T22:30:00Z");
  EXPECT_EQ(NormalizeIsoDateTime("2008-02-28T23:30-0100"), "2008-02-29T00:30:00Z");
  EXPECT_EQ(NormalizeIsoDateTime("2008-12-31T23:00-02"), "2009-01-01T01:00:00Z");
}

TEST(NormalizeIsoDateTimeTest, RejectsNonDates) {
  EXPECT_EQ(NormalizeIsoDateTime(""), "");
  EXPECT_EQ(NormalizeIsoDateTime("yesterday"), "");
  EXPECT_EQ(NormalizeIsoDateTime("2009-02-30"), "");
  EXPECT_EQ(NormalizeIsoDateTime("2009-01-20 25:00"), "");
  EXPECT_EQ(NormalizeIsoDateTime("2009-01-20 05:05 extra"), "");
  EXPECT_EQ(NormalizeIsoDateTime("2009-1-2"), "");
}

TEST(FormatFileTimeTest, OutlookTimesInUtc) {
  // 2019-03-12T10:00:00Z is 1552384800 s after 1970, 11644473600 s more after 1601, in 100 ns units.
  const std::uint64_t filetime = (1552384800ull + 11644473600ull) * 10000000ull;
  EXPECT_EQ(FormatFileTime(filetime, "%Y-%m-%dT%H:%M:%SZ"), "2019-03-12T10:00:00Z");
  EXPECT_EQ(FormatFileTime(filetime, "%a, %d %b %Y %H:%M:%S +0000"), "Tue, 12 Mar 2019 10:00:00 +0000");
  EXPECT_EQ(FormatFileTime(0, "%Y"), "");
  EXPECT_EQ(FormatFileTime(1, "%Y"), "");  // 1601: before 1970
}

}  // namespace
}  // namespace leakgraph::extract
