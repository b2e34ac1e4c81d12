#include "ner/dates.h"

#include <gtest/gtest.h>

#include <random>

namespace leakgraph::ner {
namespace {

struct Expected {
  std::string text;  // the exact mention text
  std::string iso;
  DatePrecision precision;
  DateCalendar calendar;
};

// Finds exactly one date in `input`, checks its offsets point at `want.text`.
void ExpectOne(const std::string& input, const Expected& want,
               std::optional<IsoDate> doc = std::nullopt) {
  SCOPED_TRACE(input);
  auto found = FindDates(input, doc);
  ASSERT_EQ(found.size(), 1u);
  const DateMention& m = found[0];
  EXPECT_EQ(m.text, want.text);
  EXPECT_EQ(m.begin, input.find(want.text));
  EXPECT_EQ(m.end, m.begin + want.text.size());
  EXPECT_EQ(m.iso, want.iso);
  EXPECT_EQ(DatePrecisionName(m.precision), std::string(DatePrecisionName(want.precision)));
  EXPECT_EQ(DateCalendarName(m.calendar), std::string(DateCalendarName(want.calendar)));
}

constexpr auto kDay = DatePrecision::kDay;
constexpr auto kMonth = DatePrecision::kMonth;
constexpr auto kYear = DatePrecision::kYear;
constexpr auto kWeek = DatePrecision::kWeek;
constexpr auto kGreg = DateCalendar::kGregorian;
constexpr auto kSolar = DateCalendar::kSolarHijri;
constexpr auto kHijri = DateCalendar::kHijri;

TEST(FindDatesTest, EnglishForms) {
  ExpectOne("Signed on 12 March 2019 in Erbil.", {"12 March 2019", "2019-03-12", kDay, kGreg});
  ExpectOne("Signed on March 12, 2019.", {"March 12, 2019", "2019-03-12", kDay, kGreg});
  ExpectOne("Dated 12 Mar 2019", {"12 Mar 2019", "2019-03-12", kDay, kGreg});
  ExpectOne("Dated 12 Mar. 2019", {"12 Mar. 2019", "2019-03-12", kDay, kGreg});
  ExpectOne("the 12th of March, 2019 meeting", {"12th of March, 2019", "2019-03-12", kDay, kGreg});
  ExpectOne("Report of March 2019.", {"March 2019", "2019-03", kMonth, kGreg});
  ExpectOne("ref (2019-03-12)", {"2019-03-12", "2019-03-12", kDay, kGreg});
  ExpectOne("paid 31/03/2019 cash", {"31/03/2019", "2019-03-31", kDay, kGreg});
  ExpectOne("paid 03/31/2019 cash", {"03/31/2019", "2019-03-31", kDay, kGreg});
  ExpectOne("paid 12.03.2019 cash", {"12.03.2019", "2019-12-03", kDay, kGreg});
  ExpectOne("It began in 2019 and", {"2019", "2019", kYear, kGreg});
}

TEST(FindDatesTest, AmbiguousSlashesAreMonthFirstInAsciiDayFirstInArabicDigits) {
  ExpectOne("on 12/03/2019", {"12/03/2019", "2019-12-03", kDay, kGreg});
  ExpectOne("في ١٢/٠٣/٢٠١٩", {"١٢/٠٣/٢٠١٩", "2019-03-12", kDay, kGreg});
}

TEST(FindDatesTest, PersianForms) {
  ExpectOne("در تاریخ ۲۴ مهر ۱۳۹۸ نوشته شد", {"۲۴ مهر ۱۳۹۸", "2019-10-16", kDay, kSolar});
  ExpectOne("تاریخ 24 مهر 1398", {"24 مهر 1398", "2019-10-16", kDay, kSolar});
  ExpectOne("تاریخ ۱۳۹۸/۷/۲۴", {"۱۳۹۸/۷/۲۴", "2019-10-16", kDay, kSolar});
  ExpectOne("تاریخ 1398/07/24 شماره", {"1398/07/24", "2019-10-16", kDay, kSolar});
  ExpectOne("تاریخ ۱۳۹۸-۰۷-۲۴", {"۱۳۹۸-۰۷-۲۴", "2019-10-16", kDay, kSolar});
  ExpectOne("در مهر ۱۳۹۸", {"مهر ۱۳۹۸", "2019-09-23/2019-10-22", kMonth, kSolar});
  ExpectOne("در مهر ماه ۱۳۹۸", {"مهر ماه ۱۳۹۸", "2019-09-23/2019-10-22", kMonth, kSolar});
  ExpectOne("روز ۱ فروردین ۱۳۹۹", {"۱ فروردین ۱۳۹۹", "2020-03-20", kDay, kSolar});
  ExpectOne("نوروز ۱ فروردین ۱۴۰۳", {"۱ فروردین ۱۴۰۳", "2024-03-20", kDay, kSolar});
  ExpectOne("در سال ۱۳۹۸ ه.ش", {"۱۳۹۸ ه.ش", "2019-03-21/2020-03-19", kYear, kSolar});
  ExpectOne("در سال ۱۳۹۸", {"۱۳۹۸", "2019-03-21/2020-03-19", kYear, kSolar});
  ExpectOne("روز ۱۲ مارس ۲۰۱۹", {"۱۲ مارس ۲۰۱۹", "2019-03-12", kDay, kGreg});
  ExpectOne("۵ ژوئیه ۲۰۱۸", {"۵ ژوئیه ۲۰۱۸", "2018-07-05", kDay, kGreg});
  ExpectOne("۱۰ دی ۱۳۹۸", {"۱۰ دی ۱۳۹۸", "2019-12-31", kDay, kSolar});
}

TEST(FindDatesTest, PersianMonthNamesAllKnown) {
  const char* months[] = {"فروردین", "اردیبهشت", "خرداد", "تیر",  "مرداد", "شهریور",
                          "مهر",     "آبان",     "آذر",   "دی",   "بهمن",  "اسفند"};
  for (int m = 1; m <= 12; ++m) {
    auto found = FindDates(std::string("۱ ") + months[m - 1] + " ۱۳۹۸");
    ASSERT_EQ(found.size(), 1u) << months[m - 1];
    auto expected = text::SolarHijriToGregorian({1398, m, 1});
    EXPECT_EQ(found[0].iso, text::ToIsoString(*expected));
  }
  const char* gregorian[] = {"ژانویه", "فوریه", "مارس",    "آوریل", "مه",     "ژوئن",
                             "ژوئیه",  "اوت",   "سپتامبر", "اکتبر", "نوامبر", "دسامبر"};
  for (int m = 1; m <= 12; ++m) {
    auto found = FindDates(std::string("۱ ") + gregorian[m - 1] + " ۲۰۱۹");
    ASSERT_EQ(found.size(), 1u) << gregorian[m - 1];
    EXPECT_EQ(found[0].iso, text::ToIsoString({2019, m, 1}));
  }
}

TEST(FindDatesTest, ArabicHijriForms) {
  ExpectOne("بتاريخ ١٥ ربيع الأول ١٤٤١هـ الموافق", {"١٥ ربيع الأول ١٤٤١هـ", "2019-11-12", kDay, kHijri});
  ExpectOne("بتاريخ 15 ربيع الأول 1441 هـ", {"15 ربيع الأول 1441 هـ", "2019-11-12", kDay, kHijri});
  ExpectOne("بتاريخ 15 ربيع الاول 1441", {"15 ربيع الاول 1441", "2019-11-12", kDay, kHijri});
  ExpectOne("في ١ محرم ١٤٤١ هـ", {"١ محرم ١٤٤١ هـ", "2019-08-31", kDay, kHijri});
  ExpectOne("في ١ رمضان ١٤٤٠", {"١ رمضان ١٤٤٠", "2019-05-06", kDay, kHijri});
  ExpectOne("في ١٠ ذو الحجة ١٤٤٠", {"١٠ ذو الحجة ١٤٤٠", "2019-08-11", kDay, kHijri});
  ExpectOne("في ١٠ ذي الحجة ١٤٤٠", {"١٠ ذي الحجة ١٤٤٠", "2019-08-11", kDay, kHijri});
  ExpectOne("في ١ جمادى الآخرة ١٤٤١", {"١ جمادى الآخرة ١٤٤١", "2020-01-26", kDay, kHijri});
  ExpectOne("في ١ جمادى الثانية ١٤٤١", {"١ جمادى الثانية ١٤٤١", "2020-01-26", kDay, kHijri});
  ExpectOne("١٥/٣/١٤٤١هـ", {"١٥/٣/١٤٤١هـ", "2019-11-12", kDay, kHijri});
  ExpectOne("في رمضان ١٤٤٠", {"رمضان ١٤٤٠", "2019-05-06/2019-06-03", kMonth, kHijri});
  ExpectOne("عام ١٤٤١ هـ", {"١٤٤١ هـ", "2019-08-31/2020-08-19", kYear, kHijri});
}

TEST(FindDatesTest, ArabicGregorianForms) {
  ExpectOne("في ١٢ مارس ٢٠١٩", {"١٢ مارس ٢٠١٩", "2019-03-12", kDay, kGreg});
  ExpectOne("في 2019/3/12 صباحا", {"2019/3/12", "2019-03-12", kDay, kGreg});
  ExpectOne("في ١٢ آذار ٢٠١٩", {"١٢ آذار ٢٠١٩", "2019-03-12", kDay, kGreg});
  ExpectOne("في ١ تشرين الأول ٢٠١٩", {"١ تشرين الأول ٢٠١٩", "2019-10-01", kDay, kGreg});
  ExpectOne("في ١ كانون الثاني ٢٠٢٠", {"١ كانون الثاني ٢٠٢٠", "2020-01-01", kDay, kGreg});
  ExpectOne("في ٥ أغسطس ٢٠١٩م", {"٥ أغسطس ٢٠١٩م", "2019-08-05", kDay, kGreg});
  ExpectOne("خلال عام ٢٠١٩", {"٢٠١٩", "2019", kYear, kGreg});
  const char* months[] = {"يناير", "فبراير", "مارس",   "أبريل",   "مايو",   "يونيو",
                          "يوليو", "أغسطس",  "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"};
  const char* levant[] = {"كانون الثاني", "شباط", "آذار",  "نيسان",       "أيار",         "حزيران",
                          "تموز",         "آب",   "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"};
  for (int m = 1; m <= 12; ++m) {
    for (const char* name : {months[m - 1], levant[m - 1]}) {
      auto found = FindDates(std::string("٣ ") + name + " ٢٠١٩");
      ASSERT_EQ(found.size(), 1u) << name;
      EXPECT_EQ(found[0].iso, text::ToIsoString({2019, m, 3}));
    }
  }
}

TEST(FindDatesTest, RelativeDatesNeedADocumentDate) {
  const IsoDate doc{2019, 10, 16};  // a Wednesday
  EXPECT_TRUE(FindDates("I saw him yesterday.").empty());
  ExpectOne("I saw him yesterday.", {"yesterday", "2019-10-15", kDay, kGreg}, doc);
  ExpectOne("I saw him last Tuesday.", {"last Tuesday", "2019-10-15", kDay, kGreg}, doc);
  ExpectOne("I saw him last Wednesday.", {"last Wednesday", "2019-10-09", kDay, kGreg}, doc);
  ExpectOne("see him next Monday.", {"next Monday", "2019-10-21", kDay, kGreg}, doc);
  ExpectOne("It was two days ago.", {"two days ago", "2019-10-14", kDay, kGreg}, doc);
  ExpectOne("It was 3 weeks ago.", {"3 weeks ago", "2019-09-25", kWeek, kGreg}, doc);
  ExpectOne("due next month", {"next month", "2019-11", kMonth, kGreg}, doc);
  ExpectOne("done last year", {"last year", "2018", kYear, kGreg}, doc);
  ExpectOne("او دیروز رفت", {"دیروز", "2019-10-15", kDay, kGreg}, doc);
  ExpectOne("هفته گذشته", {"هفته گذشته", "2019-10-09", kWeek, kSolar}, doc);
  ExpectOne("ماه گذشته", {"ماه گذشته", "2019-08-23/2019-09-22", kMonth, kSolar}, doc);
  ExpectOne("وصل أمس", {"أمس", "2019-10-15", kDay, kGreg}, doc);
  ExpectOne("منذ ٣ أيام", {"منذ ٣ أيام", "2019-10-13", kDay, kGreg}, doc);
  ExpectOne("الشهر الماضي", {"الشهر الماضي", "2019-09", kMonth, kGreg}, doc);
  auto found = FindDates("yesterday", doc);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].relative);
  EXPECT_FALSE(FindDates("on 12 March 2019", doc)[0].relative);
  EXPECT_TRUE(FindDates("two days ago").empty());
}

TEST(FindDatesTest, WeekPrecisionCoversACalendarWeek) {
  auto found = FindDates("last week", IsoDate{2019, 10, 16});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_day, (IsoDate{2019, 10, 7}));  // Monday
  EXPECT_EQ(found[0].last_day, (IsoDate{2019, 10, 13}));
}

TEST(FindDatesTest, NoFalsePositives) {
  for (const char* text :
       {"page 12", "1,200 soldiers", "see 2019 files", "Room 1398", "call 12/03", "v1.2.3",
        "12 March", "may 2019 be good", "1441", "۱۲۳۴۵ ریال", "ISBN 978-3-16-148410-0",
        "ratio 1/2/3", "12/13/14/2019", "1/12/03/2019", "2019-03-12-7", "version 2019.03.12.4",
        "32 March 2019", "1398/13/01", "31 Feb 2019", "صفر", "٥ صفر", "٢٠٠٠ م", "مهر شرکت"}) {
    EXPECT_TRUE(FindDates(text).empty()) << text << " -> " << FindDates(text)[0].text;
  }
}

TEST(FindDatesTest, SeveralMentionsInOrder) {
  const std::string input = "From 1 Jan 2019 to ۲۴ مهر ۱۳۹۸ and ١٥ ربيع الأول ١٤٤١هـ.";
  auto found = FindDates(input);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].iso, "2019-01-01");
  EXPECT_EQ(found[1].iso, "2019-10-16");
  EXPECT_EQ(found[2].iso, "2019-11-12");
  for (const auto& m : found) EXPECT_EQ(input.substr(m.begin, m.end - m.begin), m.text);
}

TEST(FindDatesTest, HostileInputIsScannedLinearly) {
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {
      "12", "/", "-", " ", "March", "2019", "۱۳۹۸", "مهر", "\xff", "\xd8", "ربيع", "الأول",
      "هـ", ".", "ago", "days", "last", "\n", "١٤٤١", "٢٠١٩", "31", ",", "in", "سال", "a"};
  std::string input;
  while (input.size() < 5 * 1024 * 1024) input += pieces[rng() % pieces.size()];
  const IsoDate doc{2020, 1, 1};
  auto found = FindDates(input, doc);
  EXPECT_FALSE(found.empty());
  for (size_t i = 0; i < found.size(); ++i) {
    ASSERT_LE(found[i].end, input.size());
    if (i > 0) {
      ASSERT_LE(found[i - 1].end, found[i].begin);
    }
  }
  EXPECT_TRUE(FindDates(std::string(1 << 20, '1')).empty());
  EXPECT_TRUE(FindDates(std::string(1 << 20, 'a')).empty());
}

}  // namespace
}  // namespace leakgraph::ner
