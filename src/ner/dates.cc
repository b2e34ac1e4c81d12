#include "ner/dates.h"

#include "text/scan_tokens.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <unordered_map>

namespace leakgraph::ner {
namespace {

using text::GregorianDate;

// ---------------------------------------------------------------------------
// Lexing: numbers, words (folded for matching), single symbols. Every matcher
// below looks a bounded number of tokens ahead, so the scan stays linear.

using Token = text::ScanToken;
using TokenKind = text::ScanTokenKind;

std::string Fold(std::string_view word) { return text::FoldForMatching(word); }
std::vector<Token> Lex(std::string_view s) { return text::LexForScanning(s); }

// ---------------------------------------------------------------------------
// Vocabulary, folded once on first use.

struct MonthEntry {
  std::string second_word;  // "" for one-word names
  DateCalendar calendar;
  int month;
  bool english;
};

using MonthTable = std::unordered_map<std::string, std::vector<MonthEntry>>;

void AddMonths(MonthTable* table, DateCalendar calendar, bool english,
               std::initializer_list<std::pair<const char*, int>> names) {
  for (const auto& [name, month] : names) {
    std::string_view view(name);
    const size_t space = view.find(' ');
    if (space == std::string_view::npos) {
      (*table)[Fold(view)].push_back({"", calendar, month, english});
      if (calendar == DateCalendar::kSolarHijri) {
        (*table)[Fold(view) + Fold("ماه")].push_back({"", calendar, month, english});
      }
      continue;
    }
    const std::string first = Fold(view.substr(0, space));
    const std::string second = Fold(view.substr(space + 1));
    (*table)[first].push_back({second, calendar, month, english});
    (*table)[first + second].push_back({"", calendar, month, english});  // written joined
  }
}

const MonthTable& Months() {
  static const MonthTable* table = [] {
    auto* t = new MonthTable;
    using C = DateCalendar;
    AddMonths(t, C::kGregorian, true,
              {{"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3}, {"mar", 3},
               {"april", 4}, {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6}, {"july", 7},
               {"jul", 7}, {"august", 8}, {"aug", 8}, {"september", 9}, {"sep", 9}, {"sept", 9},
               {"october", 10}, {"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12},
               {"dec", 12}});
    AddMonths(t, C::kGregorian, false,
              {{"ژانویه", 1}, {"فوریه", 2}, {"مارس", 3}, {"آوریل", 4}, {"مه", 5}, {"می", 5},
               {"ژوئن", 6}, {"ژوئیه", 7}, {"جولای", 7}, {"اوت", 8}, {"آگوست", 8}, {"سپتامبر", 9},
               {"اکتبر", 10}, {"نوامبر", 11}, {"دسامبر", 12}, {"يناير", 1}, {"فبراير", 2},
               {"أبريل", 4}, {"إبريل", 4}, {"مايو", 5}, {"يونيو", 6}, {"يونيه", 6}, {"يوليو", 7},
               {"يوليه", 7}, {"أغسطس", 8}, {"سبتمبر", 9}, {"أكتوبر", 10}, {"نوفمبر", 11},
               {"ديسمبر", 12}, {"كانون الثاني", 1}, {"شباط", 2}, {"آذار", 3}, {"نيسان", 4},
               {"أيار", 5}, {"حزيران", 6}, {"تموز", 7}, {"آب", 8}, {"أيلول", 9},
               {"تشرين الأول", 10}, {"تشرين الثاني", 11}, {"كانون الأول", 12}});
    AddMonths(t, C::kSolarHijri, false,
              {{"فروردین", 1}, {"اردیبهشت", 2}, {"خرداد", 3}, {"تیر", 4}, {"مرداد", 5},
               {"امرداد", 5}, {"شهریور", 6}, {"مهر", 7}, {"آبان", 8}, {"آذر", 9}, {"دی", 10},
               {"بهمن", 11}, {"اسفند", 12}});
    AddMonths(t, C::kHijri, false,
              {{"محرم", 1}, {"المحرم", 1}, {"صفر", 2}, {"ربيع الأول", 3}, {"ربيع أول", 3},
               {"ربيع الآخر", 4}, {"ربيع الثاني", 4}, {"ربيع آخر", 4}, {"ربيع ثاني", 4},
               {"جمادى الأولى", 5}, {"جمادى الأول", 5}, {"جمادى أولى", 5}, {"جمادى الآخرة", 6},
               {"جمادى الثانية", 6}, {"جمادى الآخر", 6}, {"جمادى الثاني", 6}, {"جمادى آخرة", 6},
               {"جمادى ثانية", 6}, {"رجب", 7}, {"شعبان", 8}, {"رمضان", 9}, {"شوال", 10},
               {"ذو القعدة", 11}, {"ذي القعدة", 11}, {"ذو قعدة", 11}, {"ذو الحجة", 12},
               {"ذي الحجة", 12}, {"ذو حجة", 12}});
    return t;
  }();
  return *table;
}

// Relative expressions made only of words: "yesterday", "last week", "هفته گذشته".
enum class Unit { kDay, kWeek, kMonth, kYear };

struct RelativePhrase {
  std::vector<std::string> rest;  // folded words after the first
  Unit unit;
  int amount;
  bool solar;  // months and years count in Solar Hijri (Persian)
  bool english;
};

using PhraseTable = std::unordered_map<std::string, std::vector<RelativePhrase>>;

const PhraseTable& Phrases() {
  static const PhraseTable* table = [] {
    auto* t = new PhraseTable;
    auto add = [t](std::initializer_list<const char*> words, Unit unit, int amount, bool solar,
                   bool english) {
      std::vector<std::string> folded;
      for (const char* w : words) folded.push_back(Fold(w));
      const std::string first = folded.front();
      folded.erase(folded.begin());
      (*t)[first].push_back({std::move(folded), unit, amount, solar, english});
    };
    for (auto [word, amount] : {std::pair{"yesterday", -1}, {"today", 0}, {"tomorrow", 1},
                                {"دیروز", -1}, {"امروز", 0}, {"فردا", 1}, {"پریروز", -2},
                                {"أمس", -1}, {"الأمس", -1}, {"البارحة", -1}, {"غدا", 1}}) {
      add({word}, Unit::kDay, amount, false, word[0] >= 'a' && word[0] <= 'z');
    }
    for (auto [word, amount] : {std::pair{"last", -1}, {"next", 1}, {"this", 0}}) {
      add({word, "week"}, Unit::kWeek, amount, false, true);
      add({word, "month"}, Unit::kMonth, amount, false, true);
      add({word, "year"}, Unit::kYear, amount, false, true);
    }
    for (const char* past : {"گذشته", "پیش", "قبل"}) {
      add({"هفته", past}, Unit::kWeek, -1, true, false);
      add({"هفته‌ی", past}, Unit::kWeek, -1, true, false);
      add({"ماه", past}, Unit::kMonth, -1, true, false);
      add({"سال", past}, Unit::kYear, -1, true, false);
    }
    add({"هفته", "آینده"}, Unit::kWeek, 1, true, false);
    add({"ماه", "آینده"}, Unit::kMonth, 1, true, false);
    add({"سال", "آینده"}, Unit::kYear, 1, true, false);
    add({"پارسال"}, Unit::kYear, -1, true, false);
    for (auto [next, amount] : {std::pair{"الماضي", -1}, {"المقبل", 1}, {"القادم", 1}}) {
      add({"الأسبوع", next}, Unit::kWeek, amount, false, false);
      add({"الشهر", next}, Unit::kMonth, amount, false, false);
      add({"العام", next}, Unit::kYear, amount, false, false);
    }
    add({"السنة", "الماضية"}, Unit::kYear, -1, false, false);
    add({"السنة", "المقبلة"}, Unit::kYear, 1, false, false);
    add({"السنة", "القادمة"}, Unit::kYear, 1, false, false);
    return t;
  }();
  return *table;
}

// Units of "<n> days ago" and "منذ ٣ أيام" / "۳ روز پیش".
const std::unordered_map<std::string, Unit>& UnitWords() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string, Unit>;
    for (const char* w : {"day", "days", "روز", "يوم", "يوما", "أيام"}) (*t)[Fold(w)] = Unit::kDay;
    for (const char* w : {"week", "weeks", "هفته", "أسبوع", "أسابيع"}) (*t)[Fold(w)] = Unit::kWeek;
    for (const char* w : {"month", "months", "ماه", "شهر", "أشهر", "شهور"}) (*t)[Fold(w)] = Unit::kMonth;
    for (const char* w : {"year", "years", "سال", "سنة", "سنوات", "عام", "أعوام"}) {
      (*t)[Fold(w)] = Unit::kYear;
    }
    return t;
  }();
  return *table;
}

int EnglishNumberWord(const std::string& w) {
  static constexpr std::array<const char*, 13> kWords = {
      "zero", "one", "two", "three", "four", "five", "six",
      "seven", "eight", "nine", "ten", "eleven", "twelve"};
  if (w == "a" || w == "an") return 1;
  for (size_t i = 1; i < kWords.size(); ++i) {
    if (w == kWords[i]) return static_cast<int>(i);
  }
  return -1;
}

int EnglishWeekday(const std::string& w) {
  static constexpr std::array<const char*, 7> kDays = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (size_t i = 0; i < kDays.size(); ++i) {
    if (w == kDays[i]) return static_cast<int>(i);
  }
  return -1;
}

// ---------------------------------------------------------------------------
// Building mentions.

std::string Interval(const GregorianDate& a, const GregorianDate& b) {
  return text::ToIsoString(a) + "/" + text::ToIsoString(b);
}

struct Period {  // a resolved value before it gets its offsets
  std::string iso;
  DatePrecision precision;
  DateCalendar calendar;
  GregorianDate first;
  GregorianDate last;
};

std::optional<Period> DayPeriod(DateCalendar cal, int y, int m, int d) {
  GregorianDate g;
  if (cal == DateCalendar::kGregorian) {
    g = {y, m, d};
    if (!text::IsValid(g)) return std::nullopt;
  } else if (cal == DateCalendar::kSolarHijri) {
    auto r = text::SolarHijriToGregorian({y, m, d});
    if (!r.ok()) return std::nullopt;
    g = *r;
  } else {
    auto r = text::HijriToGregorian({y, m, d});
    if (!r.ok()) return std::nullopt;
    g = *r;
  }
  return Period{text::ToIsoString(g), DatePrecision::kDay, cal, g, g};
}

std::optional<Period> MonthPeriod(DateCalendar cal, int y, int m) {
  if (cal == DateCalendar::kGregorian) {
    const int days = text::DaysInGregorianMonth(y, m);
    if (days == 0) return std::nullopt;
    return Period{text::ToIsoMonthString(y, m), DatePrecision::kMonth, cal, {y, m, 1}, {y, m, days}};
  }
  const int days = cal == DateCalendar::kSolarHijri ? text::DaysInSolarHijriMonth(y, m)
                                                    : text::DaysInHijriMonth(y, m);
  auto first = DayPeriod(cal, y, m, 1);
  auto last = DayPeriod(cal, y, m, days);
  if (days == 0 || !first || !last) return std::nullopt;
  return Period{Interval(first->first, last->first), DatePrecision::kMonth, cal, first->first,
                last->first};
}

std::optional<Period> YearPeriod(DateCalendar cal, int y) {
  if (cal == DateCalendar::kGregorian) {
    if (text::DaysInGregorianMonth(y, 1) == 0) return std::nullopt;
    return Period{text::ToIsoYearString(y), DatePrecision::kYear, cal, {y, 1, 1}, {y, 12, 31}};
  }
  auto first = MonthPeriod(cal, y, 1);
  auto last = MonthPeriod(cal, y, 12);
  if (!first || !last) return std::nullopt;
  return Period{Interval(first->first, last->last), DatePrecision::kYear, cal, first->first,
                last->last};
}

// Years a month name may take: "۵ می ۱۳۹۸" is not a Gregorian date.
bool YearFits(DateCalendar cal, int64_t year) {
  if (cal == DateCalendar::kGregorian) return year >= 1500 && year <= 2999;
  return year >= 1200 && year <= 1599;
}

// ---------------------------------------------------------------------------
// The scanner.

class DateScanner {
 public:
  DateScanner(std::string_view text, const std::vector<Token>& tokens, std::optional<IsoDate> document_date)
      : text_(text), tokens_(tokens), document_date_(document_date) {
    if (document_date_ && !text::IsValid(*document_date_)) document_date_.reset();
  }

  std::vector<DateMention> Run() {
    std::vector<DateMention> out;
    for (size_t i = 0; i < tokens_.size();) {
      size_t end = i;  // index of the last token of a match
      std::optional<Period> p = MatchAt(i, &end);
      if (!p) {
        ++i;
        continue;
      }
      DateMention m;
      m.begin = tokens_[i].begin;
      m.end = tokens_[end].end;
      m.text = std::string(text_.substr(m.begin, m.end - m.begin));
      m.iso = std::move(p->iso);
      m.precision = p->precision;
      m.calendar = p->calendar;
      m.relative = relative_;
      m.first_day = p->first;
      m.last_day = p->last;
      out.push_back(std::move(m));
      i = end + 1;
    }
    return out;
  }

 private:
  const Token* At(size_t i) const { return i < tokens_.size() ? &tokens_[i] : nullptr; }
  bool IsNumber(size_t i) const { return At(i) && At(i)->kind == TokenKind::kNumber; }
  bool IsWord(size_t i, std::string_view w = {}) const {
    return At(i) && At(i)->kind == TokenKind::kWord && (w.empty() || At(i)->folded == w);
  }
  bool IsSymbol(size_t i, char32_t c, bool glued) const {
    return At(i) && At(i)->kind == TokenKind::kSymbol && At(i)->symbol == c &&
           (!glued || !At(i)->space_before);
  }
  bool Glued(size_t i) const { return At(i) && !At(i)->space_before; }

  std::optional<Period> MatchAt(size_t i, size_t* end) {
    relative_ = false;
    if (!StartsFreely(i)) return std::nullopt;
    if (auto p = NumericDate(i, end)) return p;
    if (auto p = DayMonthYear(i, end)) return p;
    if (auto p = MonthFirst(i, end)) return p;
    if (auto p = YearWithContext(i, end)) return p;
    if (auto p = YearWithMark(i, end)) return p;
    relative_ = true;
    if (auto p = Relative(i, end)) return p;
    relative_ = false;
    return std::nullopt;
  }

  // A match may not start inside a number or word: "A12 March 2019", "1/12/03/2019".
  bool StartsFreely(size_t i) const {
    if (i == 0 || tokens_[i].space_before) return true;
    const Token& prev = tokens_[i - 1];
    if (prev.kind == TokenKind::kNumber) return false;
    if (prev.kind == TokenKind::kWord) {
      return tokens_[i].kind != TokenKind::kNumber || prev.folded == "و" || prev.folded == "ب";
    }
    return prev.symbol != '/' && prev.symbol != '-' && prev.symbol != '.' && prev.symbol != ',';
  }

  // True iff token i ends a number: nothing glued after it that continues it.
  bool EndsFreely(size_t i) const {
    if (!Glued(i + 1)) return true;
    const Token& next = tokens_[i + 1];
    if (next.kind == TokenKind::kNumber) return false;
    if (next.kind == TokenKind::kWord) return !(next.folded[0] >= 'a' && next.folded[0] <= 'z');
    if (next.symbol == '/' || next.symbol == '-' || next.symbol == '.' || next.symbol == ',') {
      return !IsNumber(i + 2) || !Glued(i + 2);
    }
    return true;
  }

  // A calendar mark after a year: "هـ", "ه.ق", "ه.ش", "AD". Returns the
  // calendar and sets *end to the mark's last token, or nullopt.
  std::optional<DateCalendar> Mark(size_t i, size_t* end) const {
    if (!IsWord(i) || (At(i)->space_before && At(i)->begin - tokens_[i - 1].end > 1)) return {};
    const std::string& w = At(i)->folded;
    if (w == "ه" && IsSymbol(i + 1, '.', true) && Glued(i + 2) && IsWord(i + 2)) {
      const std::string& cal = At(i + 2)->folded;
      if (cal == "ق" || cal == "ش") {
        *end = i + 2;
        return cal == "ق" ? DateCalendar::kHijri : DateCalendar::kSolarHijri;
      }
    }
    *end = i;
    if (w == "ه" || w == "هق" || w == "ق" || w == Fold("هجري") || w == Fold("هجرية")) {
      return DateCalendar::kHijri;
    }
    if (w == "هش" || w == Fold("شمسی")) return DateCalendar::kSolarHijri;
    if (w == "م" || w == Fold("ميلادي") || w == Fold("میلادی") || w == "ad" || w == "ce") {
      return DateCalendar::kGregorian;
    }
    return {};
  }

  // Month name at token i (one or two words, optional "ماه" or abbreviation dot).
  std::optional<MonthEntry> Month(size_t i, size_t* end) const {
    if (!IsWord(i)) return {};
    const auto& months = Months();
    auto it = months.find(At(i)->folded);
    if (it == months.end()) return {};
    const MonthEntry* one_word = nullptr;
    for (const MonthEntry& e : it->second) {
      if (e.second_word.empty()) {
        one_word = &e;
      } else if (IsWord(i + 1, e.second_word)) {
        *end = i + 1;
        return e;
      }
    }
    if (one_word == nullptr) return {};
    *end = i;
    if (one_word->english && IsSymbol(i + 1, '.', true)) *end = i + 1;
    if (one_word->calendar == DateCalendar::kSolarHijri && IsWord(i + 1, Fold("ماه"))) *end = i + 1;
    return *one_word;
  }

  // A plausible year number at token i for `cal`, ending freely.
  bool YearAt(size_t i, DateCalendar cal) const {
    return IsNumber(i) && At(i)->digit_count == 4 && YearFits(cal, At(i)->value) && EndsFreely(i);
  }

  // Takes a consistent calendar mark after the year at token `year`.
  void TakeMark(size_t year, DateCalendar cal, size_t* end) const {
    size_t mark_end = 0;
    auto mark = Mark(year + 1, &mark_end);
    *end = mark && *mark == cal ? mark_end : year;
  }

  // "2019-03-12", "1398/07/24", "12/03/2019".
  std::optional<Period> NumericDate(size_t i, size_t* end) const {
    if (!IsNumber(i) || !At(i + 1) || At(i + 1)->kind != TokenKind::kSymbol) return {};
    const char32_t sep = At(i + 1)->symbol;
    if (sep != '/' && sep != '-' && sep != '.') return {};
    if (!Glued(i + 1) || !IsNumber(i + 2) || !Glued(i + 2) || !IsSymbol(i + 3, sep, true) ||
        !IsNumber(i + 4) || !Glued(i + 4) || !EndsFreely(i + 4)) {
      return {};
    }
    const Token& a = tokens_[i];
    const Token& b = tokens_[i + 2];
    const Token& c = tokens_[i + 4];
    int64_t year = 0, month = 0, day = 0;
    if (a.digit_count == 4 && b.digit_count <= 2 && c.digit_count <= 2) {
      year = a.value, month = b.value, day = c.value;
    } else if (c.digit_count == 4 && a.digit_count <= 2 && b.digit_count <= 2) {
      year = c.value;
      const bool day_first = a.value > 12 || (b.value <= 12 && a.native_digits);
      day = day_first ? a.value : b.value;
      month = day_first ? b.value : a.value;
    } else {
      return {};
    }
    DateCalendar cal;
    if (year >= 1300 && year <= 1499) {
      cal = DateCalendar::kSolarHijri;
    } else if (year >= 1800 && year <= 2199) {
      cal = DateCalendar::kGregorian;
    } else {
      return {};
    }
    *end = i + 4;
    size_t mark_end = 0;
    if (auto mark = Mark(i + 5, &mark_end)) {
      if (*mark == DateCalendar::kHijri && cal == DateCalendar::kSolarHijri) cal = *mark;
      if (*mark == cal) *end = mark_end;
    }
    return DayPeriod(cal, static_cast<int>(year), static_cast<int>(month), static_cast<int>(day));
  }

  // Skips a glued English ordinal suffix ("12th") after the number at i.
  size_t AfterOrdinal(size_t i) const {
    if (Glued(i + 1) && IsWord(i + 1)) {
      const std::string& w = At(i + 1)->folded;
      if (w == "st" || w == "nd" || w == "rd" || w == "th") return i + 2;
    }
    return i + 1;
  }

  // "12 March 2019", "12th of March, 2019", "۲۴ مهر ۱۳۹۸", "١٥ ربيع الأول ١٤٤١هـ".
  std::optional<Period> DayMonthYear(size_t i, size_t* end) const {
    if (!IsNumber(i) || At(i)->digit_count > 2 || At(i)->value < 1 || At(i)->value > 31) return {};
    size_t k = AfterOrdinal(i);
    if (k == i + 1 && !EndsFreely(i)) return {};
    if (IsWord(k, "of")) ++k;
    size_t month_end = 0;
    auto month = Month(k, &month_end);
    if (!month) return {};
    k = month_end + 1;
    if (IsSymbol(k, ',', false) || IsSymbol(k, 0x060C, false)) ++k;
    if (!YearAt(k, month->calendar)) return {};
    TakeMark(k, month->calendar, end);
    return DayPeriod(month->calendar, static_cast<int>(At(k)->value), month->month,
                     static_cast<int>(At(i)->value));
  }

  // "March 12, 2019", "March 2019", "مهر ۱۳۹۸", "ربيع الأول ١٤٤١".
  std::optional<Period> MonthFirst(size_t i, size_t* end) const {
    size_t month_end = 0;
    auto month = Month(i, &month_end);
    if (!month) return {};
    // "32 March 2019", "31 Feb 2019": a day was written and it is not a valid one.
    if (i > 0 && IsNumber(i - 1) && At(i - 1)->digit_count <= 2) return {};
    size_t k = month_end + 1;
    if (IsNumber(k) && At(k)->digit_count <= 2 && At(k)->value >= 1) {
      size_t y = AfterOrdinal(k);
      if (IsSymbol(y, ',', false) || IsSymbol(y, 0x060C, false)) ++y;
      if (!YearAt(y, month->calendar)) return {};
      TakeMark(y, month->calendar, end);
      return DayPeriod(month->calendar, static_cast<int>(At(y)->value), month->month,
                       static_cast<int>(At(k)->value));
    }
    // Month and year alone: English names must be capitalised ("may 2019" is a verb).
    if (month->english && !At(i)->capitalised) return {};
    if (!YearAt(k, month->calendar)) return {};
    TakeMark(k, month->calendar, end);
    return MonthPeriod(month->calendar, static_cast<int>(At(k)->value), month->month);
  }

  // "in 2019", "سال ۱۳۹۸", "عام ١٤٤١": the mention is the year alone.
  std::optional<Period> YearWithContext(size_t i, size_t* end) const {
    if (i == 0 || !IsNumber(i) || At(i)->digit_count != 4 || !IsWord(i - 1) || !EndsFreely(i)) return {};
    static const auto* kEnglish = new std::vector<std::string>{
        "in", "since", "during", "until", "till", "year", "early", "late", "mid", "circa"};
    static const auto* kArabic =
        new std::vector<std::string>{Fold("عام"), Fold("العام"), Fold("سنة"), Fold("السنة")};
    const std::string& w = At(i - 1)->folded;
    const int64_t year = At(i)->value;
    DateCalendar cal = DateCalendar::kGregorian;
    bool known = false;
    for (const auto& c : *kEnglish) known = known || (w == c);
    if (known && !(year >= 1800 && year <= 2199)) return {};
    const bool hijri_range = year >= 1300 && year <= 1499;
    if (!known && w == Fold("سال")) {
      known = hijri_range || (year >= 1800 && year <= 2199);
      if (hijri_range) cal = DateCalendar::kSolarHijri;
    }
    if (!known) {
      for (const auto& c : *kArabic) known = known || (w == c);
      if (known && hijri_range) cal = DateCalendar::kHijri;
      known = known && (hijri_range || (year >= 1800 && year <= 2199));
    }
    if (!known) return {};
    size_t mark_end = 0;
    auto mark = Mark(i + 1, &mark_end);
    *end = i;
    if (mark && (*mark == cal || (hijri_range && *mark != DateCalendar::kGregorian))) {
      cal = *mark;
      *end = mark_end;
    }
    return YearPeriod(cal, static_cast<int>(year));
  }

  // "1441 هـ", "۱۳۹۸ ه.ش", "2019 AD".
  std::optional<Period> YearWithMark(size_t i, size_t* end) const {
    if (!IsNumber(i) || At(i)->digit_count != 4) return {};
    size_t mark_end = 0;
    auto mark = Mark(i + 1, &mark_end);
    if (!mark || At(i + 1)->folded == "م") return {};  // "٢٠٠٠ م" is two kilometres
    const int64_t year = At(i)->value;
    const bool fits = *mark == DateCalendar::kGregorian ? (year >= 1800 && year <= 2199)
                                                         : (year >= 1300 && year <= 1499);
    if (!fits) return {};
    *end = mark_end;
    return YearPeriod(*mark, static_cast<int>(year));
  }

  std::optional<Period> Relative(size_t i, size_t* end) const {
    if (!document_date_ || (!IsWord(i) && !IsNumber(i))) return {};
    if (IsNumber(i) || EnglishNumberWord(At(i)->folded) > 0) return CountAgo(i, end);
    const std::string& w = At(i)->folded;
    if (w == Fold("منذ") || w == Fold("قبل")) return CountAgo(i + 1, end);
    if ((w == "last" || w == "next" || w == "this") && IsWord(i + 1)) {
      const int weekday = EnglishWeekday(At(i + 1)->folded);
      if (weekday >= 0) {
        const int today = text::IsoWeekday(*document_date_);
        int delta = weekday - today;  // "this": the same ISO week
        if (w == "last") delta = -((today - weekday + 6) % 7 + 1);
        if (w == "next") delta = (weekday - today + 6) % 7 + 1;
        *end = i + 1;
        return Shift(Unit::kDay, delta, false, true);
      }
    }
    auto it = Phrases().find(w);
    if (it == Phrases().end()) return {};
    for (const RelativePhrase& p : it->second) {
      bool match = true;
      for (size_t k = 0; k < p.rest.size() && match; ++k) match = IsWord(i + 1 + k, p.rest[k]);
      if (!match) continue;
      *end = i + p.rest.size();
      return Shift(p.unit, p.amount, p.solar, p.english);
    }
    return {};
  }

  // "<n> days ago", "three weeks ago", "۳ روز پیش", (منذ) "٣ أيام".
  std::optional<Period> CountAgo(size_t i, size_t* end) const {
    int64_t count = IsNumber(i) ? At(i)->value : (IsWord(i) ? EnglishNumberWord(At(i)->folded) : -1);
    if (count <= 0 || count > 1000 || !IsWord(i + 1)) return {};
    auto unit = UnitWords().find(At(i + 1)->folded);
    if (unit == UnitWords().end()) return {};
    const bool after_since = i > 0 && IsWord(i - 1) &&
                             (At(i - 1)->folded == Fold("منذ") || At(i - 1)->folded == Fold("قبل"));
    bool english = false, solar = false;
    if (after_since) {
      *end = i + 1;
    } else if (IsWord(i + 2, "ago")) {
      english = true;
      *end = i + 2;
    } else if (IsWord(i + 2, Fold("پیش")) || IsWord(i + 2, Fold("قبل"))) {
      solar = true;
      *end = i + 2;
    } else {
      return {};
    }
    return Shift(unit->second, static_cast<int>(-count), solar, english);
  }

  // The period `amount` units away from the document date.
  std::optional<Period> Shift(Unit unit, int amount, bool solar, bool english) const {
    const GregorianDate doc = *document_date_;
    switch (unit) {
      case Unit::kDay: {
        const GregorianDate day = text::AddDays(doc, amount);
        return DayPeriod(DateCalendar::kGregorian, day.year, day.month, day.day);
      }
      case Unit::kWeek: {
        const GregorianDate day = text::AddDays(doc, 7 * static_cast<int64_t>(amount));
        const int week_start = english ? 0 : 5;  // Monday, or Saturday in Iran and the Arab world
        const GregorianDate first = text::AddDays(day, -((text::IsoWeekday(day) - week_start + 7) % 7));
        return Period{text::ToIsoString(day), DatePrecision::kWeek,
                      solar ? DateCalendar::kSolarHijri : DateCalendar::kGregorian, first,
                      text::AddDays(first, 6)};
      }
      case Unit::kMonth:
      case Unit::kYear: {
        int year = doc.year, month = doc.month;
        DateCalendar cal = DateCalendar::kGregorian;
        if (solar) {
          auto sh = text::GregorianToSolarHijri(doc);
          if (!sh.ok()) return {};
          year = sh->year, month = sh->month;
          cal = DateCalendar::kSolarHijri;
        }
        if (unit == Unit::kYear) return YearPeriod(cal, year + amount);
        const int index = year * 12 + (month - 1) + amount;
        return MonthPeriod(cal, index / 12, index % 12 + 1);
      }
    }
    return {};
  }

  std::string_view text_;
  const std::vector<Token>& tokens_;
  std::optional<IsoDate> document_date_;
  bool relative_ = false;
};

}  // namespace

std::vector<DateMention> FindDates(std::string_view utf8_text, std::optional<IsoDate> document_date) {
  return FindDates(utf8_text, Lex(utf8_text), document_date);
}

std::vector<DateMention> FindDates(std::string_view utf8_text, const std::vector<text::ScanToken>& lexed,
                                   std::optional<IsoDate> document_date) {
  return DateScanner(utf8_text, lexed, document_date).Run();
}

const char* DatePrecisionName(DatePrecision precision) {
  switch (precision) {
    case DatePrecision::kDay: return "day";
    case DatePrecision::kWeek: return "week";
    case DatePrecision::kMonth: return "month";
    case DatePrecision::kYear: return "year";
  }
  return "day";
}

const char* DateCalendarName(DateCalendar calendar) {
  switch (calendar) {
    case DateCalendar::kGregorian: return "gregorian";
    case DateCalendar::kSolarHijri: return "solar_hijri";
    case DateCalendar::kHijri: return "hijri";
  }
  return "gregorian";
}

}  // namespace leakgraph::ner
