#include "extract/iso_date.h"

#include <cstdio>
#include <ctime>

namespace leakgraph::extract {
namespace {

bool ReadDigits(std::string_view s, std::size_t& pos, int count, int& value) {
  if (pos + count > s.size()) return false;
  value = 0;
  for (int i = 0; i < count; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return true;
}

bool Expect(std::string_view s, std::size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
long long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(long long z, int& y, int& m, int& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

std::string NormalizeIsoDateTime(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::size_t pos = 0;
  int year, month, day;
  if (!ReadDigits(text, pos, 4, year) || !Expect(text, pos, '-') || !ReadDigits(text, pos, 2, month) ||
      !Expect(text, pos, '-') || !ReadDigits(text, pos, 2, day)) {
    return "";
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return "";
  char buffer[128];  // roomy: GCC 12 sizes each %d for any int (-Wformat-truncation)
  if (pos == text.size()) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
  }
  if (text[pos] != 'T' && text[pos] != ' ' && text[pos] != 't') return "";
  ++pos;
  int hour, minute, second = 0;
  if (!ReadDigits(text, pos, 2, hour) || !Expect(text, pos, ':') || !ReadDigits(text, pos, 2, minute)) {
    return "";
  }
  if (Expect(text, pos, ':') && !ReadDigits(text, pos, 2, second)) return "";
  if (Expect(text, pos, '.') || Expect(text, pos, ',')) {
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
  }
  if (hour > 23 || minute > 59 || second > 60) return "";
  if (second == 60) second = 59;  // a leap second is not worth a day rollover
  int offset_minutes = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    int offset_hours, offset_mins = 0;
    if (!ReadDigits(text, pos, 2, offset_hours)) return "";
    Expect(text, pos, ':');
    if (pos < text.size() && !ReadDigits(text, pos, 2, offset_mins)) return "";
    if (offset_hours > 14 || offset_mins > 59) return "";
    offset_minutes = sign * (offset_hours * 60 + offset_mins);
  }
  while (pos < text.size() && text[pos] == ' ') ++pos;
  if (pos != text.size()) return "";
  long long minutes = DaysFromCivil(year, month, day) * 1440 + hour * 60 + minute - offset_minutes;
  long long days = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
  int minute_of_day = static_cast<int>(minutes - days * 1440);
  CivilFromDays(days, year, month, day);
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, minute_of_day / 60,
                minute_of_day % 60, second);
  return buffer;
}

std::string FormatFileTime(std::uint64_t filetime, const char* format) {
  constexpr std::int64_t kUnixEpoch = 11644473600;  // seconds from 1601 to 1970
  std::int64_t seconds = static_cast<std::int64_t>(filetime / 10000000) - kUnixEpoch;
  if (filetime == 0 || seconds < 0) return {};
  std::time_t when = seconds;
  std::tm utc{};
  if (gmtime_r(&when, &utc) == nullptr) return {};
  char buffer[64];
  if (std::strftime(buffer, sizeof buffer, format, &utc) == 0) return {};
  return buffer;
}

}  // namespace leakgraph::extract
