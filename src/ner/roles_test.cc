#include "ner/roles.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace leakgraph::ner {
namespace {

constexpr EntityType P = EntityType::kPerson;
constexpr EntityType O = EntityType::kOrganization;
constexpr EntityType L = EntityType::kLocation;

// An entity given by its text; `nth` picks a later occurrence (0 = first).
struct Given {
  EntityType type;
  std::string surface;
  int nth = 0;
};

std::vector<EntitySpan> Spans(const std::string& text, const std::vector<Given>& given) {
  std::vector<EntitySpan> spans;
  for (const auto& g : given) {
    size_t at = text.find(g.surface);
    for (int n = 0; n < g.nth && at != std::string::npos; ++n) at = text.find(g.surface, at + 1);
    EXPECT_NE(at, std::string::npos) << g.surface;
    if (at == std::string::npos) continue;
    spans.push_back({g.type, at, at + g.surface.size(), 1.0f});
  }
  return spans;
}

std::string Cut(const std::string& text, size_t begin, size_t end) {
  return text.substr(begin, end - begin);
}

// Each role as "text | normalized | person@offset | org"; the person is "-" when none.
std::vector<std::string> Roles(const std::string& text, const std::vector<Given>& given) {
  RoleAnalysis a = FindRoles(text, Spans(text, given));
  std::vector<std::string> out;
  for (const auto& r : a.roles) {
    std::string person = "-";
    if (r.person) {
      const EntitySpan& p = a.entities.at(*r.person);
      EXPECT_EQ(p.type, EntityType::kPerson);
      person = Cut(text, p.begin, p.end) + "@" + std::to_string(p.begin);
    }
    out.push_back(Cut(text, r.begin, r.end) + " | " + r.normalized + " | " + person + " | " + r.org);
  }
  return out;
}

// Where `surface` (nth occurrence) starts in `text`, for the person@offset of Roles().
std::string At(const std::string& text, const std::string& surface, int nth = 0) {
  size_t at = text.find(surface);
  for (int n = 0; n < nth; ++n) at = text.find(surface, at + 1);
  return surface + "@" + std::to_string(at);
}

using Expected = std::vector<std::string>;

// --- English ---

TEST(RolesTest, EnglishRoleBeforePersonAttachesAndAnUnattachedRoleStaysAlone) {
  std::string t =
      "Yesterday the Ambassador raised the matter with Deputy Foreign Minister Adnan al-Shaheri, who denied "
      "it.";
  EXPECT_EQ(
      Roles(t, {{P, "Adnan al-Shaheri"}}),
      (Expected{"Ambassador | ambassador | - | ",
                "Deputy Foreign Minister | deputy foreign minister | " + At(t, "Adnan al-Shaheri") + " | "}));
}

TEST(RolesTest, EnglishTitleInsideThePersonSpanIsSplitOff) {
  std::string t = "Deputy Foreign Minister Adnan al-Shaheri met with Kestrian Ambassador Reza Kamalvand.";
  RoleAnalysis a =
      FindRoles(t, Spans(t, {{P, "Deputy Foreign Minister Adnan al-Shaheri"}, {P, "Reza Kamalvand"}}));
  ASSERT_EQ(a.entities.size(), 2u);
  EXPECT_EQ(Cut(t, a.entities[0].begin, a.entities[0].end), "Adnan al-Shaheri");
  ASSERT_EQ(a.roles.size(), 2u);
  EXPECT_EQ(Cut(t, a.roles[0].begin, a.roles[0].end), "Deputy Foreign Minister");
  EXPECT_EQ(a.roles[0].person, 0u);
  EXPECT_EQ(Cut(t, a.roles[1].begin, a.roles[1].end), "Ambassador");
  EXPECT_EQ(a.roles[1].person, 1u);  // not al-Shaheri, the subject
}

TEST(RolesTest, EnglishTitleAfterANationalityInsideThePersonSpanIsSplitOff) {
  std::string t = "Kestrian Ambassador Reza Kamalvand met Voss.";
  RoleAnalysis a = FindRoles(t, Spans(t, {{P, "Kestrian Ambassador Reza Kamalvand"}, {P, "Voss"}}));
  ASSERT_EQ(a.roles.size(), 1u);
  EXPECT_EQ(Cut(t, a.roles[0].begin, a.roles[0].end), "Kestrian Ambassador");
  EXPECT_EQ(a.roles[0].normalized, "kestrian ambassador");
  EXPECT_EQ(a.roles[0].person, 0u);
  EXPECT_EQ(Cut(t, a.entities[0].begin, a.entities[0].end), "Reza Kamalvand");
  // A PERSON span that is only a title names no one; a role word ending a name is part of it.
  std::string u = "The Deputy minister thanked John Major.";
  a = FindRoles(u, Spans(u, {{P, "Deputy minister"}, {P, "John Major"}}));
  ASSERT_EQ(a.roles.size(), 1u);
  EXPECT_EQ(Cut(u, a.roles[0].begin, a.roles[0].end), "Deputy minister");
  EXPECT_FALSE(a.roles[0].person.has_value());
  EXPECT_EQ(a.entities[0].begin, a.entities[0].end);
  EXPECT_EQ(Cut(u, a.entities[1].begin, a.entities[1].end), "John Major");
}

TEST(RolesTest, EnglishAppositionWithOrganisationGoesToTheFirstOfTwoPeople) {
  std::string t =
      "Youssef al-Marzouqi, the managing director of Crescent Horizon Trading LLC in Dubai, paid $45,000 to "
      "Adnan al-Shaheri.";
  EXPECT_EQ(Roles(t, {{P, "Youssef al-Marzouqi"},
                      {O, "Crescent Horizon Trading LLC"},
                      {L, "Dubai"},
                      {P, "Adnan al-Shaheri"}}),
            (Expected{"managing director of Crescent Horizon Trading LLC | managing director | " +
                      At(t, "Youssef al-Marzouqi") + " | Crescent Horizon Trading LLC"}));
}

TEST(RolesTest, EnglishCopulaAndRankBothAttach) {
  std::string t =
      "Colonel Behzad Arjomand is the station chief of the Directorate of External Security in Tal Harir.";
  std::string arjomand = At(t, "Behzad Arjomand");
  EXPECT_EQ(Roles(t, {{P, "Behzad Arjomand"}, {O, "Directorate of External Security"}, {L, "Tal Harir"}}),
            (Expected{"Colonel | colonel | " + arjomand + " | ",
                      "station chief of the Directorate of External Security | station chief | " + arjomand +
                          " | Directorate of External Security"}));
  // Without the NER's ORG span the capitalised words still name the organisation.
  std::string u =
      "Kamalvand has been ambassador since 2017; Tavanaei, the head of Kestria's Directorate, agreed.";
  EXPECT_EQ(
      Roles(u, {{P, "Kamalvand"}, {P, "Tavanaei"}, {L, "Kestria"}}),
      (Expected{"ambassador | ambassador | " + At(u, "Kamalvand") + " | ",
                "head of Kestria's Directorate | head | " + At(u, "Tavanaei") + " | Kestria's Directorate"}));
}

TEST(RolesTest, EnglishPossessiveParenthesisAgeAndTrailingApposition) {
  std::string a = "Shirin Golestaneh, the foundation's treasurer, did not answer calls from Omar Fakhoury.";
  EXPECT_EQ(Roles(a, {{P, "Shirin Golestaneh"}, {P, "Omar Fakhoury"}}),
            (Expected{"treasurer | treasurer | " + At(a, "Shirin Golestaneh") + " | "}));
  std::string b = "Arjomand met Omar Fakhoury (reporter for the Tal Harir Observer) at a cafe.";
  EXPECT_EQ(Roles(b, {{P, "Arjomand"}, {P, "Omar Fakhoury"}, {O, "Tal Harir Observer"}}),
            (Expected{"reporter for the Tal Harir Observer | reporter | " + At(b, "Omar Fakhoury") +
                      " | Tal Harir Observer"}));
  std::string e =
      "Shirin Golestaneh (Shireen Golestana in visa records) is the treasurer of the Arzhan Foundation.";
  EXPECT_EQ(Roles(e, {{P, "Shirin Golestaneh"}, {P, "Shireen Golestana"}}),
            (Expected{"treasurer of the Arzhan Foundation | treasurer | " + At(e, "Shirin Golestaneh") +
                      " | Arzhan Foundation"}));
  std::string c = "Shaheri, 58, has served as deputy foreign minister since 2016.";
  EXPECT_EQ(Roles(c, {{P, "Shaheri"}}),
            (Expected{"deputy foreign minister | deputy foreign minister | " + At(c, "Shaheri") + " | "}));
  std::string f = "Arjomand works as first secretary at the Kestrian embassy.";
  EXPECT_EQ(Roles(f, {{P, "Arjomand"}}),
            (Expected{"first secretary | first secretary | " + At(f, "Arjomand") + " | "}));
  std::string d = "The ambassador, Eleanor Voss, declined to comment.";
  EXPECT_EQ(Roles(d, {{P, "Eleanor Voss"}}),
            (Expected{"ambassador | ambassador | " + At(d, "Eleanor Voss") + " | "}));
}

TEST(RolesTest, EnglishRoleWithoutAStatedPersonAttachesToNone) {
  std::string a = "Kamalvand told Voss that the minister would pay.";
  EXPECT_EQ(Roles(a, {{P, "Kamalvand"}, {P, "Voss"}}), (Expected{"minister | minister | - | "}));
  std::string b = "Voss was the ambassador's driver.";
  EXPECT_EQ(Roles(b, {{P, "Voss"}}), (Expected{"ambassador | ambassador | - | "}));
  // "general" and "head" alone are roles only when attached or qualified.
  std::string c = "In general, the head count of Voss's staff grew.";
  EXPECT_TRUE(Roles(c, {{P, "Voss"}}).empty());
  // The role of one sentence never reaches the person of the next.
  std::string d = "The minister resigned. Kamalvand left.";
  EXPECT_EQ(Roles(d, {{P, "Kamalvand"}}), (Expected{"minister | minister | - | "}));
}

// --- Arabic ---

TEST(RolesTest, ArabicRolesBeforeTwoPeopleEachGoToTheirOwn) {
  std::string t = "التقى نائب وزير الخارجية عدنان الشاهري بالسفير الكستري رضا كمالوند في تل حرير.";
  EXPECT_EQ(Roles(t, {{P, "عدنان الشاهري"}, {P, "رضا كمالوند"}, {L, "تل حرير"}}),
            (Expected{"نائب وزير الخارجية | نایب وزیر الخارجیه | " + At(t, "عدنان الشاهري") + " | ",
                      "السفير الكستري | السفیر الکستری | " + At(t, "رضا كمالوند") + " | "}));
}

TEST(RolesTest, ArabicRankAndRoleAfterTheNameGoToTheSecondPerson) {
  std::string t = "عدنان الشاهري حليف مقرب من اللواء كوروش توانائي رئيس مديرية الأمن الخارجي الكسترية.";
  std::string tavanaei = At(t, "كوروش توانائي");
  EXPECT_EQ(
      Roles(t, {{P, "عدنان الشاهري"}, {P, "كوروش توانائي"}, {O, "مديرية الأمن الخارجي الكسترية"}}),
      (Expected{"اللواء | اللواء | " + tavanaei + " | ", "رئيس مديرية الأمن الخارجي الكسترية | رییس | " +
                                                             tavanaei + " | مديرية الأمن الخارجي الكسترية"}));
}

TEST(RolesTest, ArabicCommaAppositionWithIdafa) {
  std::string t =
      "أفاد أحد الأعضاء أن العقيد بهزاد أرجمند، رئيس محطة المخابرات الكسترية في تل حرير، يساعد المرزوقي.";
  std::string arjomand = At(t, "بهزاد أرجمند");
  EXPECT_EQ(Roles(t, {{P, "بهزاد أرجمند"}, {O, "المخابرات الكسترية"}, {L, "تل حرير"}, {P, "المرزوقي"}}),
            (Expected{"العقيد | العقید | " + arjomand + " | ",
                      "رئيس محطة المخابرات الكسترية | رییس محطه | " + arjomand + " | المخابرات الكسترية"}));
  std::string u = "أرسلت شيرين كلستانة، أمينة صندوق مؤسسة أرجان لإعادة الإعمار، إيصال حوالة.";
  EXPECT_EQ(Roles(u, {{P, "شيرين كلستانة"}, {O, "مؤسسة أرجان لإعادة الإعمار"}}),
            (Expected{"أمينة صندوق مؤسسة أرجان لإعادة الإعمار | امینه صندوق | " + At(u, "شيرين كلستانة") +
                      " | مؤسسة أرجان لإعادة الإعمار"}));
}

TEST(RolesTest, ArabicInHerCapacityAsWithHarakat) {
  std::string t = "تَرَأَّسَتْ نادِيَة القَرَاوِي الاجتماعَ بصفتها رئيسةَ حركة فارينيا الحرة.";
  EXPECT_EQ(
      Roles(t, {{P, "نادِيَة القَرَاوِي"}, {O, "حركة فارينيا الحرة"}}),
      (Expected{"رئيسةَ حركة فارينيا الحرة | رییسه | " + At(t, "نادِيَة القَرَاوِي") + " | حركة فارينيا الحرة"}));
}

TEST(RolesTest, ArabicRoleWithoutAStatedPersonAttachesToNone) {
  std::string a = "وقال مكتب الشاهري إن نائب الوزير لم يلتق بالعقيد بهزاد أرجمند.";
  EXPECT_EQ(
      Roles(a, {{P, "الشاهري"}, {P, "بهزاد أرجمند"}}),
      (Expected{"نائب الوزير | نایب الوزیر | - | ", "العقيد | العقید | " + At(a, "بهزاد أرجمند") + " | "}));
  std::string b = "زار السفير الكستري وزارة الخارجية الفارينية أمس.";
  EXPECT_EQ(Roles(b, {{O, "وزارة الخارجية الفارينية"}}),
            (Expected{"السفير الكستري | السفیر الکستری | - | "}));
  // لواء alone (also "brigade") is not a role.
  // Verb-subject-object: the role after the subject is the object, not an apposition.
  std::string d = "التقى عدنان الشاهري رئيس الوزراء في دبي.";
  EXPECT_EQ(Roles(d, {{P, "عدنان الشاهري"}, {L, "دبي"}}), (Expected{"رئيس الوزراء | رییس الوزراء | - | "}));
  std::string c = "رفع الجنود اللواء فوق المبنى.";
  EXPECT_TRUE(Roles(c, {}).empty());
}

TEST(RolesTest, ArabicTitleInsideThePersonSpanIsSplitOff) {
  std::string t = "حضر اللقاء أيضاً آرش توانائي، ابن اللواء كوروش توانائي.";
  RoleAnalysis a = FindRoles(t, Spans(t, {{P, "آرش توانائي"}, {P, "اللواء كوروش توانائي"}}));
  ASSERT_EQ(a.roles.size(), 1u);
  EXPECT_EQ(Cut(t, a.roles[0].begin, a.roles[0].end), "اللواء");
  EXPECT_EQ(a.roles[0].person, 1u);
  EXPECT_EQ(Cut(t, a.entities[1].begin, a.entities[1].end), "كوروش توانائي");
}

// --- Persian ---

TEST(RolesTest, PersianRankAndCommaApposition) {
  std::string t =
      "سرهنگ بهزاد ارجمند، رئیس ایستگاه تل حریر، روز ۲۴ مهر ۱۳۹۸ با یوسف مرزوقی در دبی دیدار کرد.";
  std::string arjomand = At(t, "بهزاد ارجمند");
  EXPECT_EQ(Roles(t, {{P, "بهزاد ارجمند"}, {L, "تل حریر"}, {P, "یوسف مرزوقی"}, {L, "دبی"}}),
            (Expected{"سرهنگ | سرهنگ | " + arjomand + " | ",
                      "رئیس ایستگاه تل حریر | رییس ایستگاه | " + arjomand + " | تل حریر"}));
}

TEST(RolesTest, PersianDeputyMinisterWithCountry) {
  std::string t =
      "عدنان شاهری، معاون وزیر خارجه وارنیا، همچنان با ما همکاری "
      "می‌کند.";
  EXPECT_EQ(Roles(t, {{P, "عدنان شاهری"}, {L, "وارنیا"}}),
            (Expected{"معاون وزیر خارجه وارنیا | معاون وزیر خارجه | " + At(t, "عدنان شاهری") + " | وارنیا"}));
}

TEST(RolesTest, PersianRankGoesToTheFatherNotTheSon) {
  std::string t = "آرش توانایی، پسر سرتیپ توانایی، در جلسه دبی حضور داشت.";
  EXPECT_EQ(Roles(t, {{P, "آرش توانایی"}, {P, "توانایی", 1}, {L, "دبی"}}),
            (Expected{"سرتیپ | سرتیپ | " + At(t, "توانایی", 1) + " | "}));
}

TEST(RolesTest, PersianZwnjRoleHonorificsAndAmbassadorOfACountry) {
  std::string a =
      "شیرین گلستانه، خزانه‌دار بنیاد، پرداخت را تأیید کرد.";
  EXPECT_EQ(Roles(a, {{P, "شیرین گلستانه"}}),
            (Expected{"خزانه‌دار | خزانهدار | " + At(a, "شیرین گلستانه") + " | "}));
  std::string b = "با جناب آقای رضا کمالوند، سفیر کستریا در تل حریر، هماهنگی کنید.";
  EXPECT_EQ(Roles(b, {{P, "رضا کمالوند"}, {L, "کستریا"}, {L, "تل حریر"}}),
            (Expected{"سفیر کستریا | سفیر | " + At(b, "رضا کمالوند") + " | کستریا"}));
  std::string c = "برادرش طارق را برای دیدار با سفیر کمالوند به تل حریر بفرستد.";
  EXPECT_EQ(Roles(c, {{P, "طارق"}, {P, "کمالوند"}, {L, "تل حریر"}}),
            (Expected{"سفیر | سفیر | " + At(c, "کمالوند") + " | "}));
}

TEST(RolesTest, PersianRoleAfterTheNameWithoutComma) {
  std::string t = "سرتیپ کوروش توانایی رئیس اداره امنیت خارجی است.";
  std::string tavanaei = At(t, "کوروش توانایی");
  EXPECT_EQ(Roles(t, {{P, "سرتیپ کوروش توانایی"}, {O, "اداره امنیت خارجی"}}),
            (Expected{"سرتیپ | سرتیپ | " + tavanaei + " | ",
                      "رئیس اداره امنیت خارجی | رییس | " + tavanaei + " | اداره امنیت خارجی"}));
}

TEST(RolesTest, PersianRoleWithoutAStatedPersonAttachesToNone) {
  std::string t = "قراوی گفت که سفیر در جلسه نبود.";
  EXPECT_EQ(Roles(t, {{P, "قراوی"}}), (Expected{"سفیر | سفیر | - | "}));
  std::string u = "قراوی به سفیر گفت که نمی‌آید.";  // به alone is "to", not "as"
  EXPECT_EQ(Roles(u, {{P, "قراوی"}}), (Expected{"سفیر | سفیر | - | "}));
  std::string v = "قراوی به عنوان سخنگو حرف زد.";  // به عنوان is "as"
  EXPECT_EQ(Roles(v, {{P, "قراوی"}}), (Expected{"سخنگو | سخنگو | " + At(v, "قراوی") + " | "}));
}

TEST(RolesTest, NoEntitiesAndHostileInputDoNotCrash) {
  EXPECT_TRUE(FindRoles("", {}).roles.empty());
  std::string junk = "minister \xFF\xFE of , ( ) ، وزير";
  FindRoles(junk, {{P, 0, junk.size(), 1.0f}, {O, 3, 2, 1.0f}});
  EXPECT_EQ(FindRoles("The minister", {}).roles.size(), 1u);
}

}  // namespace
}  // namespace leakgraph::ner
