#include "text/language.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

namespace leakgraph::text {
namespace {

constexpr const char* kEnglishParagraph =
    "The investigation found that the company transferred funds to offshore accounts in Panama and the "
    "British Virgin Islands, and that the directors signed the contracts without reading them.";
constexpr const char* kArabicParagraph =
    "كشفت التحقيقات أن الشركة قامت بتحويل أموال إلى حسابات خارجية في بنما وجزر فيرجن البريطانية، وأن "
    "أعضاء مجلس الإدارة وقعوا على العقود التي لم يقرأوها.";
constexpr const char* kPersianParagraph =
    "تحقیقات نشان داد که این شرکت وجوهی را به حساب‌های خارج از کشور در پاناما و جزایر ویرجین بریتانیا "
    "منتقل کرده است و مدیران قراردادها را بدون خواندن امضا کرده‌اند.";

TEST(DetectLanguageTest, EnglishParagraph) {
  const LanguageGuess guess = DetectLanguage(kEnglishParagraph);
  EXPECT_EQ(guess.code, "en");
  EXPECT_TRUE(guess.reliable);
}

TEST(DetectLanguageTest, ArabicParagraph) {
  const LanguageGuess guess = DetectLanguage(kArabicParagraph);
  EXPECT_EQ(guess.code, "ar");
  EXPECT_TRUE(guess.reliable);
}

TEST(DetectLanguageTest, PersianParagraph) {
  const LanguageGuess guess = DetectLanguage(kPersianParagraph);
  EXPECT_EQ(guess.code, "fa");
  EXPECT_TRUE(guess.reliable);
}

TEST(DetectLanguageTest, PersianWrittenWithArabicYehAndKafIsPersian) {
  // Persian typed on an Arabic keyboard: ي and ك instead of ی and ک.
  EXPECT_EQ(DetectLanguage("تحقيقات نشان داد كه اين شركت وجوهي را به خارج از كشور منتقل كرده است").code, "fa");
}

TEST(DetectLanguageTest, ShortPersianPhrases) {
  EXPECT_EQ(DetectLanguage("کتاب خوب").code, "fa");           // keheh
  EXPECT_EQ(DetectLanguage("نامه وزیر").code, "fa");          // Persian yeh
  EXPECT_EQ(DetectLanguage("گزارش").code, "fa");              // گ is Persian-only
  EXPECT_EQ(DetectLanguage("می\u200cخواهم بروم").code, "fa");  // verb prefix می
}

TEST(DetectLanguageTest, ShortArabicPhrases) {
  EXPECT_EQ(DetectLanguage("في البيت").code, "ar");
  EXPECT_EQ(DetectLanguage("وزارة الداخلية").code, "ar");
}

TEST(DetectLanguageTest, EnglishWithAFewArabicNamesIsEnglish) {
  EXPECT_EQ(DetectLanguage("Minister Ahmed met with محمد بن سلمان and عبد الله in Riyadh on Tuesday to "
                           "discuss the contract for the new port.")
                .code,
            "en");
}

TEST(DetectLanguageTest, EmptyAndTooShortAreUndetermined) {
  EXPECT_EQ(DetectLanguage("").code, "und");
  EXPECT_FALSE(DetectLanguage("").reliable);
  EXPECT_EQ(DetectLanguage("   \n\t 12345 !!").code, "und");
  EXPECT_EQ(DetectLanguage("hello").code, "und");
  // Arabic script without any Persian or Arabic evidence.
  EXPECT_EQ(DetectLanguage("محمد").code, "und");
}

TEST(DetectLanguageTest, InvalidUtf8DoesNotCrash) {
  std::string text = kEnglishParagraph;
  text += "\xff\xfe\xc3";
  EXPECT_EQ(DetectLanguage(text).code, "en");
  EXPECT_EQ(DetectLanguage("\xff\xfe\xfd").code, "und");
}

TEST(DetectLanguageTest, RandomBytesGiveAnAnswer) {
  std::mt19937 random(7);
  for (int round = 0; round < 500; ++round) {
    std::string input(random() % 200, '\0');
    for (char& c : input) c = static_cast<char>(random());
    EXPECT_FALSE(DetectLanguage(input).code.empty());
  }
}

TEST(DetectLanguageTest, LongDocumentIsCappedNotSlow) {
  std::string big;
  while (big.size() < 4 * 1024 * 1024) big += kPersianParagraph;
  EXPECT_EQ(DetectLanguage(big).code, "fa");
}

TEST(DetectLanguageTest, ConcurrentCallsAgree) {
  std::vector<std::thread> threads;
  std::vector<std::string> codes(8);
  for (size_t t = 0; t < codes.size(); ++t) {
    threads.emplace_back([t, &codes] {
      const char* text = t % 2 == 0 ? kArabicParagraph : kPersianParagraph;
      for (int i = 0; i < 20; ++i) {
        const std::string code = DetectLanguage(text).code;
        if (i == 0 || code != codes[t]) codes[t] = i == 0 ? code : "mismatch";
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t t = 0; t < codes.size(); ++t) EXPECT_EQ(codes[t], t % 2 == 0 ? "ar" : "fa") << t;
}

}  // namespace
}  // namespace leakgraph::text
