// Date mentions in English, Persian and Arabic text, in the Gregorian, Solar
// Hijri and lunar Hijri calendars, normalised to Gregorian ISO 8601.
//
// What is recognised (digits may be ASCII, Arabic-Indic or Persian):
//  * day month year: "12 March 2019", "12th of Mar 2019", "۲۴ مهر ۱۳۹۸",
//    "١٥ ربيع الأول ١٤٤١هـ", "١٢ آذار ٢٠١٩"; month day, year: "March 12, 2019".
//  * month year: "March 2019", "مهر ماه ۱۳۹۸", "ربيع الأول 1441".
//  * numeric: "2019-03-12", "1398/07/24", "12/03/2019", "12.03.2019". The
//    separators must match and touch the numbers. A four-digit first number is
//    the year (y/m/d). A year 1300-1499 means Solar Hijri, unless a Hijri mark
//    (هـ, ه.ق, ق) follows; 1800-2199 means Gregorian. With the year last:
//    a first number > 12 is the day (d/m/y); else a second number > 12 is the
//    day (m/d/y); else ASCII digits are read month/day (US habit), and
//    Arabic-Indic/Persian digits day/month (the Arabic and Persian habit).
//  * a bare year only with a context word before it ("in/since/during/until
//    2019", "سال ۱۳۹۸", "عام ٢٠١٩") or a calendar mark after it ("1441 هـ").
//    The context word is not part of the mention.
//  * relative: yesterday, today, tomorrow, last/next/this <weekday|week|month|
//    year>, "<n> days/weeks/months/years ago"; دیروز امروز فردا پریروز,
//    هفته/ماه/سال گذشته|پیش, پارسال; أمس البارحة اليوم غدا, الأسبوع/الشهر
//    الماضي, العام/السنة الماضية. Resolved against `document_date`, skipped
//    without one. "Last week" has week precision; its value is the document
//    date minus 7 days. Persian relative months and years count in Solar Hijri.
// Not recognised: day and month without a year ("12 March"), two-digit years,
// times of day, ranges ("12-14 March" gives nothing).
//
// Month-precision and year-precision values of Solar Hijri and Hijri periods
// do not line up with Gregorian months, so their `iso` is an ISO 8601 interval
// of Gregorian days ("2019-09-23/2019-10-22"). Hijri days use Umm al-Qura.
//
// Linear in the input; never throws on any byte sequence. Thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/calendar.h"
#include "text/scan_tokens.h"

namespace leakgraph::ner {

using IsoDate = text::GregorianDate;

enum class DatePrecision { kDay, kWeek, kMonth, kYear };
enum class DateCalendar { kGregorian, kSolarHijri, kHijri };

struct DateMention {
  size_t begin = 0;  // byte offsets into the input: [begin, end)
  size_t end = 0;
  std::string text;  // the input bytes [begin, end), unchanged
  // "2019-10-16" (day), "2019-10" (month), "2019" (year), or a Gregorian
  // interval "2019-09-23/2019-10-22" for non-Gregorian months and years.
  std::string iso;
  DatePrecision precision = DatePrecision::kDay;
  DateCalendar calendar = DateCalendar::kGregorian;  // the calendar as written
  bool relative = false;  // resolved against the document date
  IsoDate first_day;      // the Gregorian days the mention covers, inclusive
  IsoDate last_day;
};

// Returns the date mentions in `utf8_text`, in order, not overlapping.
// Invalid UTF-8 is skipped over, never read past.
std::vector<DateMention> FindDates(std::string_view utf8_text,
                                   std::optional<IsoDate> document_date = std::nullopt);
// The same over `lexed` == text::LexForScanning(utf8_text), lexed once for FindMoney too.
std::vector<DateMention> FindDates(std::string_view utf8_text, const std::vector<text::ScanToken>& lexed,
                                   std::optional<IsoDate> document_date = std::nullopt);

const char* DatePrecisionName(DatePrecision precision);  // "day", "week", "month", "year"
const char* DateCalendarName(DateCalendar calendar);     // "gregorian", "solar_hijri", "hijri"

}  // namespace leakgraph::ner
