#include "text/calendar.h"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <array>
#include <cstdio>
#include <memory>

namespace leakgraph::text {
namespace {

constexpr double kMillisPerDay = 86400000.0;

bool YearInRange(int year) { return year >= kMinSupportedYear && year <= kMaxSupportedYear; }

bool IsGregorianLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Floor division for possibly negative numerators.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// --- Solar Hijri: Borkowski's algorithm with the 33-year "breaks" ---------

struct SolarYearInfo {
  bool leap = false;    // Esfand has 30 days
  int gregorian_year = 0;
  int march_day = 0;    // 1 Farvardin falls on March `march_day` of gregorian_year
};

// REQUIRES: YearInRange(jy). Truncating division and remainder as in the
// reference implementation; all operands here are non-negative except where noted.
SolarYearInfo SolarYear(int jy) {
  static constexpr std::array<int, 20> kBreaks = {-61,  9,    38,   199,  426,  686,  756,
                                                  818,  1111, 1181, 1210, 1635, 2060, 2097,
                                                  2192, 2262, 2324, 2394, 2456, 3178};
  const int gy = jy + 621;
  int leap_j = -14;
  int jp = kBreaks[0];
  int jump = 0;
  for (size_t i = 1; i < kBreaks.size(); ++i) {
    const int jm = kBreaks[i];
    jump = jm - jp;
    if (jy < jm) break;
    leap_j += jump / 33 * 8 + (jump % 33) / 4;
    jp = jm;
  }
  int n = jy - jp;
  leap_j += n / 33 * 8 + ((n % 33) + 3) / 4;
  if (jump % 33 == 4 && jump - n == 4) leap_j += 1;
  const int leap_g = gy / 4 - ((gy / 100 + 1) * 3) / 4 - 150;
  SolarYearInfo info;
  info.gregorian_year = gy;
  info.march_day = 20 + leap_j - leap_g;
  if (jump - n < 6) n = n - jump + (jump + 4) / 33 * 33;
  int leap = (((n + 1) % 33) - 1) % 4;  // C++ remainder keeps the sign, like the reference
  if (leap == -1) leap = 4;
  info.leap = leap == 0;
  return info;
}

int64_t SolarNewYearDays(int jy) {
  const SolarYearInfo info = SolarYear(jy);
  return DaysSinceUnixEpoch({info.gregorian_year, 3, info.march_day});
}

// --- Tabular Islamic (civil epoch: 16 July 622 Julian = 19 July 622 Gregorian) ---

constexpr int64_t kCivilEpochUnixDays = -492148;  // 1 Muharram 1 AH, tabular civil

bool IsTabularLeap(int year) { return (14 + 11 * year) % 30 < 11; }

int TabularMonthLength(int year, int month) {
  if (month == 12 && IsTabularLeap(year)) return 30;
  return month % 2 == 1 ? 30 : 29;
}

int64_t TabularToUnixDays(int year, int month, int day) {
  const int64_t y = year;
  return kCivilEpochUnixDays + (y - 1) * 354 + FloorDiv(3 + 11 * y, 30) + (59 * (month - 1) + 1) / 2 +
         day - 1;
}

HijriDate TabularFromUnixDays(int64_t days) {
  int64_t year = FloorDiv((days - kCivilEpochUnixDays) * 30, 10631) + 1;
  while (year > 1 && TabularToUnixDays(static_cast<int>(year), 1, 1) > days) --year;
  while (TabularToUnixDays(static_cast<int>(year + 1), 1, 1) <= days) ++year;
  int month = 1;
  while (month < 12 && TabularToUnixDays(static_cast<int>(year), month + 1, 1) <= days) ++month;
  const int day =
      static_cast<int>(days - TabularToUnixDays(static_cast<int>(year), month, 1)) + 1;
  return {static_cast<int>(year), month, day};
}

// --- Umm al-Qura through ICU -------------------------------------------------

// One ICU calendar per thread: creating one costs far more than a conversion.
icu::Calendar* UmmAlQuraCalendar() {
  thread_local std::unique_ptr<icu::Calendar> calendar = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Calendar> cal(icu::Calendar::createInstance(
        icu::TimeZone::getGMT()->clone(), icu::Locale("en@calendar=islamic-umalqura"), status));
    if (U_FAILURE(status)) cal.reset();
    return cal;
  }();
  return calendar.get();
}

// Sets `cal` to the first of (year, month) and returns false on an ICU error.
bool SetIcuDate(icu::Calendar* cal, int year, int month, int day) {
  cal->clear();
  cal->set(UCAL_ERA, 0);
  cal->set(UCAL_YEAR, year);
  cal->set(UCAL_MONTH, month - 1);
  cal->set(UCAL_DATE, day);
  return true;
}

int UmmAlQuraMonthLength(int year, int month) {
  icu::Calendar* cal = UmmAlQuraCalendar();
  if (cal == nullptr) return 0;
  SetIcuDate(cal, year, month, 1);
  UErrorCode status = U_ZERO_ERROR;
  const int32_t length = cal->getActualMaximum(UCAL_DAY_OF_MONTH, status);
  return U_FAILURE(status) ? 0 : length;
}

Status InvalidDate(const char* calendar, int y, int m, int d) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "invalid %s date %d-%02d-%02d", calendar, y, m, d);
  return Status::InvalidInput(buf);
}

}  // namespace

int DaysInGregorianMonth(int year, int month) {
  if (!YearInRange(year) || month < 1 || month > 12) return 0;
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsGregorianLeap(year) ? 29 : kDays[month - 1];
}

int DaysInSolarHijriMonth(int year, int month) {
  if (!YearInRange(year) || month < 1 || month > 12) return 0;
  if (month <= 6) return 31;
  if (month <= 11) return 30;
  return SolarYear(year).leap ? 30 : 29;
}

int DaysInHijriMonth(int year, int month, HijriRule rule) {
  if (!YearInRange(year) || month < 1 || month > 12) return 0;
  if (rule == HijriRule::kTabularCivil) return TabularMonthLength(year, month);
  return UmmAlQuraMonthLength(year, month);
}

bool IsValid(const GregorianDate& d) {
  return d.day >= 1 && d.day <= DaysInGregorianMonth(d.year, d.month);
}
bool IsValid(const SolarHijriDate& d) {
  return d.day >= 1 && d.day <= DaysInSolarHijriMonth(d.year, d.month);
}
bool IsValid(const HijriDate& d, HijriRule rule) {
  return d.day >= 1 && d.day <= DaysInHijriMonth(d.year, d.month, rule);
}

// Howard Hinnant's days_from_civil.
int64_t DaysSinceUnixEpoch(const GregorianDate& date) {
  const int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t mp = (date.month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

GregorianDate GregorianFromUnixDays(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

GregorianDate AddDays(const GregorianDate& date, int64_t days) {
  return GregorianFromUnixDays(DaysSinceUnixEpoch(date) + days);
}

int IsoWeekday(const GregorianDate& date) {
  // 1970-01-01 was a Thursday (3).
  return static_cast<int>(((DaysSinceUnixEpoch(date) % 7) + 7 + 3) % 7);
}

Result<GregorianDate> SolarHijriToGregorian(const SolarHijriDate& d) {
  if (!IsValid(d)) return InvalidDate("Solar Hijri", d.year, d.month, d.day);
  const int64_t day_of_year = (d.month - 1) * 31 - (d.month / 7) * (d.month - 7) + d.day - 1;
  return GregorianFromUnixDays(SolarNewYearDays(d.year) + day_of_year);
}

Result<SolarHijriDate> GregorianToSolarHijri(const GregorianDate& g) {
  if (!IsValid(g)) return InvalidDate("Gregorian", g.year, g.month, g.day);
  const int64_t days = DaysSinceUnixEpoch(g);
  int jy = g.year - 621;
  if (days < SolarNewYearDays(jy)) --jy;
  if (!YearInRange(jy)) return InvalidDate("Gregorian (before 1 SH)", g.year, g.month, g.day);
  int64_t k = days - SolarNewYearDays(jy);
  SolarHijriDate out{jy, 0, 0};
  if (k < 186) {
    out.month = static_cast<int>(1 + k / 31);
    out.day = static_cast<int>(k % 31 + 1);
  } else {
    k -= 186;
    out.month = static_cast<int>(7 + k / 30);
    out.day = static_cast<int>(k % 30 + 1);
  }
  return out;
}

Result<GregorianDate> HijriToGregorian(const HijriDate& d, HijriRule rule) {
  if (!IsValid(d, rule)) return InvalidDate("Hijri", d.year, d.month, d.day);
  if (rule == HijriRule::kTabularCivil) {
    return GregorianFromUnixDays(TabularToUnixDays(d.year, d.month, d.day));
  }
  icu::Calendar* cal = UmmAlQuraCalendar();
  if (cal == nullptr) return Status::Internal("ICU islamic-umalqura calendar unavailable");
  SetIcuDate(cal, d.year, d.month, d.day);
  UErrorCode status = U_ZERO_ERROR;
  const UDate millis = cal->getTime(status);
  if (U_FAILURE(status)) return InvalidDate("Hijri (ICU)", d.year, d.month, d.day);
  return GregorianFromUnixDays(static_cast<int64_t>(FloorDiv(static_cast<int64_t>(millis),
                                                             static_cast<int64_t>(kMillisPerDay))));
}

Result<HijriDate> GregorianToHijri(const GregorianDate& g, HijriRule rule) {
  if (!IsValid(g)) return InvalidDate("Gregorian", g.year, g.month, g.day);
  const int64_t days = DaysSinceUnixEpoch(g);
  if (days < kCivilEpochUnixDays) return InvalidDate("Gregorian (before 1 AH)", g.year, g.month, g.day);
  if (rule == HijriRule::kTabularCivil) return TabularFromUnixDays(days);
  icu::Calendar* cal = UmmAlQuraCalendar();
  if (cal == nullptr) return Status::Internal("ICU islamic-umalqura calendar unavailable");
  cal->clear();
  UErrorCode status = U_ZERO_ERROR;
  cal->setTime(static_cast<UDate>(days) * kMillisPerDay, status);
  HijriDate out;
  out.year = cal->get(UCAL_YEAR, status);
  out.month = cal->get(UCAL_MONTH, status) + 1;
  out.day = cal->get(UCAL_DATE, status);
  if (U_FAILURE(status)) return InvalidDate("Gregorian (ICU)", g.year, g.month, g.day);
  return out;
}

std::string ToIsoString(const GregorianDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year % 10000, d.month % 100, d.day % 100);
  return buf;
}

std::string ToIsoMonthString(int year, int month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year % 10000, month % 100);
  return buf;
}

std::string ToIsoYearString(int year) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04d", year % 10000);
  return buf;
}

Result<GregorianDate> ParseIsoDate(std::string_view iso) {
  auto digits = [&](size_t from, size_t count, int* out) {
    int value = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return false;
      value = value * 10 + (iso[i] - '0');
    }
    *out = value;
    return true;
  };
  GregorianDate d;
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !digits(0, 4, &d.year) ||
      !digits(5, 2, &d.month) || !digits(8, 2, &d.day) || !IsValid(d)) {
    return Status::InvalidInput("not an ISO date (YYYY-MM-DD): " + std::string(iso.substr(0, 32)));
  }
  return d;
}

}  // namespace leakgraph::text
