// Calendar arithmetic for the three calendars leaked documents use: Gregorian,
// Solar Hijri (Jalali, Iran and Afghanistan) and lunar Hijri (Islamic).
//
// Choices:
//  * Solar Hijri uses exact arithmetic (Borkowski's table of 33-year "breaks",
//    as in the widely used jalaali libraries), which follows the official
//    astronomical calendar for every year this tool meets. ICU 72's "persian"
//    calendar agrees on every month of 1300-1600 SH; a test checks that.
//  * Lunar Hijri defaults to Umm al-Qura (Saudi Arabia's official calendar, via
//    ICU "@calendar=islamic-umalqura"; ICU falls back to the tabular calendar
//    outside 1300-1600 AH). Tabular "islamic-civil" arithmetic is available as
//    HijriRule::kTabularCivil. The two often differ by a day, and a date read in
//    a document may itself be a day off from either (sighting-based calendars),
//    so a Hijri day is evidence, not proof.
// Every function is pure and thread-safe. Anything derived from input comes
// back as a Result; nothing throws.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "leakgraph/status.h"

namespace leakgraph::text {

// A proleptic Gregorian calendar date. Plain value; may be invalid until checked.
struct GregorianDate {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
  auto operator<=>(const GregorianDate&) const = default;
};

// A Solar Hijri date: month 1 = Farvardin ... 12 = Esfand.
struct SolarHijriDate {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const SolarHijriDate&) const = default;
};

// A lunar Hijri date: month 1 = Muharram ... 12 = Dhu al-Hijja.
struct HijriDate {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const HijriDate&) const = default;
};

enum class HijriRule {
  kUmmAlQura,     // ICU "islamic-umalqura": the Saudi official calendar (default)
  kTabularCivil,  // arithmetic 30-year cycle, Friday epoch ("islamic-civil")
};

// Years accepted by every conversion: wide enough for archives, narrow enough
// that day counts never overflow.
inline constexpr int kMinSupportedYear = 1;
inline constexpr int kMaxSupportedYear = 3000;

// Returns the number of days in Gregorian month (year, month), or 0 when the
// month is outside 1-12 or the year outside the supported range.
int DaysInGregorianMonth(int year, int month);
// Returns the number of days in Solar Hijri month (year, month), or 0 if invalid.
int DaysInSolarHijriMonth(int year, int month);
// Returns the number of days in Hijri month (year, month) under `rule`, or 0 if invalid.
int DaysInHijriMonth(int year, int month, HijriRule rule = HijriRule::kUmmAlQura);

// Returns true iff the date names a real day of its calendar.
bool IsValid(const GregorianDate& date);
bool IsValid(const SolarHijriDate& date);
bool IsValid(const HijriDate& date, HijriRule rule = HijriRule::kUmmAlQura);

// Days since 1970-01-01 (negative before). REQUIRES: IsValid(date).
int64_t DaysSinceUnixEpoch(const GregorianDate& date);
// The inverse of DaysSinceUnixEpoch, for any day count in the supported range.
GregorianDate GregorianFromUnixDays(int64_t days);
// Returns `date` moved by `days` (may be negative). REQUIRES: IsValid(date).
GregorianDate AddDays(const GregorianDate& date, int64_t days);
// Returns 0 for Monday ... 6 for Sunday (ISO 8601). REQUIRES: IsValid(date).
int IsoWeekday(const GregorianDate& date);

// Conversions. Each fails with kInvalidInput when its argument is not a valid
// date of its calendar in the supported year range.
[[nodiscard]] Result<GregorianDate> SolarHijriToGregorian(const SolarHijriDate& date);
[[nodiscard]] Result<SolarHijriDate> GregorianToSolarHijri(const GregorianDate& date);
[[nodiscard]] Result<GregorianDate> HijriToGregorian(const HijriDate& date,
                                                     HijriRule rule = HijriRule::kUmmAlQura);
[[nodiscard]] Result<HijriDate> GregorianToHijri(const GregorianDate& date,
                                                 HijriRule rule = HijriRule::kUmmAlQura);

// "2019-10-16". REQUIRES: 0 <= year <= 9999.
std::string ToIsoString(const GregorianDate& date);
// "2019-10" (month precision) and "2019" (year precision).
std::string ToIsoMonthString(int year, int month);
std::string ToIsoYearString(int year);
// Parses exactly "YYYY-MM-DD" into a valid date.
[[nodiscard]] Result<GregorianDate> ParseIsoDate(std::string_view iso);

}  // namespace leakgraph::text
