#include "text/calendar.h"

#include <gtest/gtest.h>
#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <memory>

namespace leakgraph::text {
namespace {

GregorianDate G(int y, int m, int d) { return {y, m, d}; }

TEST(CalendarTest, SolarHijriKnownConversions) {
  EXPECT_EQ(*SolarHijriToGregorian({1398, 7, 24}), G(2019, 10, 16));
  EXPECT_EQ(*SolarHijriToGregorian({1399, 1, 1}), G(2020, 3, 20));
  EXPECT_EQ(*SolarHijriToGregorian({1403, 1, 1}), G(2024, 3, 20));
  EXPECT_EQ(*SolarHijriToGregorian({1357, 11, 22}), G(1979, 2, 11));  // revolution day
  EXPECT_EQ(*SolarHijriToGregorian({1403, 12, 30}), G(2025, 3, 20));  // leap Esfand
  EXPECT_EQ(*SolarHijriToGregorian({1404, 1, 1}), G(2025, 3, 21));
  EXPECT_EQ(*GregorianToSolarHijri(G(2019, 10, 16)), (SolarHijriDate{1398, 7, 24}));
  EXPECT_EQ(*GregorianToSolarHijri(G(2020, 3, 19)), (SolarHijriDate{1398, 12, 29}));
  EXPECT_EQ(*GregorianToSolarHijri(G(2020, 1, 1)), (SolarHijriDate{1398, 10, 11}));
}

TEST(CalendarTest, HijriKnownConversionsUmmAlQura) {
  EXPECT_EQ(*HijriToGregorian({1441, 3, 15}), G(2019, 11, 12));
  EXPECT_EQ(*HijriToGregorian({1441, 1, 1}), G(2019, 8, 31));
  EXPECT_EQ(*HijriToGregorian({1440, 9, 1}), G(2019, 5, 6));
  EXPECT_EQ(*HijriToGregorian({1445, 9, 1}), G(2024, 3, 11));
  EXPECT_EQ(*GregorianToHijri(G(2019, 11, 12)), (HijriDate{1441, 3, 15}));
}

TEST(CalendarTest, TabularCivilKnownConversions) {
  EXPECT_EQ(*HijriToGregorian({1, 1, 1}, HijriRule::kTabularCivil), G(622, 7, 19));
  // One day after Umm al-Qura's 2019-08-31: the documented disagreement.
  EXPECT_EQ(*HijriToGregorian({1441, 1, 1}, HijriRule::kTabularCivil), G(2019, 9, 1));
  EXPECT_EQ(*GregorianToHijri(G(622, 7, 19), HijriRule::kTabularCivil), (HijriDate{1, 1, 1}));
}

TEST(CalendarTest, RejectsOutOfRangeFields) {
  EXPECT_FALSE(SolarHijriToGregorian({1398, 13, 1}).ok());
  EXPECT_FALSE(SolarHijriToGregorian({1398, 7, 31}).ok());   // Mehr has 30 days
  EXPECT_FALSE(SolarHijriToGregorian({1398, 12, 30}).ok());  // 1398 is not leap
  EXPECT_TRUE(SolarHijriToGregorian({1399, 12, 30}).ok());
  EXPECT_FALSE(SolarHijriToGregorian({0, 1, 1}).ok());
  EXPECT_FALSE(HijriToGregorian({1441, 0, 1}).ok());
  EXPECT_FALSE(HijriToGregorian({1441, 1, 31}).ok());
  EXPECT_FALSE(GregorianToSolarHijri(G(2019, 2, 29)).ok());
  EXPECT_FALSE(GregorianToHijri(G(2019, 4, 31)).ok());
  EXPECT_FALSE(GregorianToHijri(G(99999, 1, 1)).ok());
  EXPECT_EQ(SolarHijriToGregorian({1398, 7, 31}).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(DaysInGregorianMonth(2020, 2), 29);
  EXPECT_EQ(DaysInGregorianMonth(1900, 2), 28);
  EXPECT_EQ(DaysInGregorianMonth(2020, 13), 0);
}

TEST(CalendarTest, DayArithmetic) {
  EXPECT_EQ(DaysSinceUnixEpoch(G(1970, 1, 1)), 0);
  EXPECT_EQ(AddDays(G(2019, 3, 1), -1), G(2019, 2, 28));
  EXPECT_EQ(AddDays(G(2020, 12, 31), 1), G(2021, 1, 1));
  EXPECT_EQ(IsoWeekday(G(2019, 10, 16)), 2);  // a Wednesday
  for (int64_t d = -800000; d < 400000; d += 997) {
    EXPECT_EQ(DaysSinceUnixEpoch(GregorianFromUnixDays(d)), d);
  }
}

TEST(CalendarTest, IsoStrings) {
  EXPECT_EQ(ToIsoString(G(2019, 3, 2)), "2019-03-02");
  EXPECT_EQ(ToIsoMonthString(2019, 3), "2019-03");
  EXPECT_EQ(ToIsoYearString(987), "0987");
  EXPECT_EQ(*ParseIsoDate("2019-10-16"), G(2019, 10, 16));
  EXPECT_FALSE(ParseIsoDate("2019-02-30").ok());
  EXPECT_FALSE(ParseIsoDate("2019-1-16").ok());
}

// Round trips every day of a wide range through each calendar.
TEST(CalendarTest, RoundTripsEveryDay) {
  for (int64_t d = DaysSinceUnixEpoch(G(1900, 1, 1)); d < DaysSinceUnixEpoch(G(2080, 1, 1)); ++d) {
    const GregorianDate g = GregorianFromUnixDays(d);
    auto solar = GregorianToSolarHijri(g);
    ASSERT_TRUE(solar.ok());
    ASSERT_EQ(*SolarHijriToGregorian(*solar), g);
    auto civil = GregorianToHijri(g, HijriRule::kTabularCivil);
    ASSERT_TRUE(civil.ok());
    ASSERT_EQ(*HijriToGregorian(*civil, HijriRule::kTabularCivil), g);
  }
  for (int64_t d = DaysSinceUnixEpoch(G(1990, 1, 1)); d < DaysSinceUnixEpoch(G(2030, 1, 1)); d += 3) {
    const GregorianDate g = GregorianFromUnixDays(d);
    auto hijri = GregorianToHijri(g);
    ASSERT_TRUE(hijri.ok());
    ASSERT_EQ(*HijriToGregorian(*hijri), g);
  }
}

// The second opinion: ICU's own calendars against our arithmetic.
std::unique_ptr<icu::Calendar> IcuCalendar(const char* locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale(locale), status));
  EXPECT_TRUE(U_SUCCESS(status));
  return cal;
}

GregorianDate IcuToGregorian(icu::Calendar* cal, int y, int m, int d) {
  cal->clear();
  cal->set(UCAL_YEAR, y);
  cal->set(UCAL_MONTH, m - 1);
  cal->set(UCAL_DATE, d);
  UErrorCode status = U_ZERO_ERROR;
  const int64_t millis = static_cast<int64_t>(cal->getTime(status));
  EXPECT_TRUE(U_SUCCESS(status));
  return GregorianFromUnixDays(millis / 86400000 - (millis % 86400000 < 0 ? 1 : 0));
}

TEST(CalendarTest, SolarHijriAgreesWithIcuPersian) {
  auto cal = IcuCalendar("en@calendar=persian");
  for (int year = 1300; year <= 1600; ++year) {
    for (int month = 1; month <= 12; ++month) {
      const int last = DaysInSolarHijriMonth(year, month);
      for (int day : {1, last}) {
        ASSERT_EQ(*SolarHijriToGregorian({year, month, day}), IcuToGregorian(cal.get(), year, month, day))
            << year << "-" << month << "-" << day;
      }
    }
  }
}

TEST(CalendarTest, TabularAgreesWithIcuIslamicCivil) {
  auto cal = IcuCalendar("en@calendar=islamic-civil");
  for (int year = 1300; year <= 1500; year += 7) {
    for (int month = 1; month <= 12; ++month) {
      const int last = DaysInHijriMonth(year, month, HijriRule::kTabularCivil);
      for (int day : {1, last}) {
        ASSERT_EQ(*HijriToGregorian({year, month, day}, HijriRule::kTabularCivil),
                  IcuToGregorian(cal.get(), year, month, day))
            << year << "-" << month << "-" << day;
      }
    }
  }
}

// Umm al-Qura and the tabular calendar are never more than a couple of days apart.
TEST(CalendarTest, UmmAlQuraStaysCloseToTabular) {
  for (int year = 1420; year <= 1460; ++year) {
    for (int month = 1; month <= 12; ++month) {
      const int64_t a = DaysSinceUnixEpoch(*HijriToGregorian({year, month, 1}));
      const int64_t b =
          DaysSinceUnixEpoch(*HijriToGregorian({year, month, 1}, HijriRule::kTabularCivil));
      EXPECT_LE(std::abs(a - b), 2) << year << "-" << month;
    }
  }
}

}  // namespace
}  // namespace leakgraph::text
