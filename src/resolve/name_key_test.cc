#include "resolve/name_key.h"

#include <gtest/gtest.h>

namespace leakgraph::resolve {
namespace {

TEST(NameKeyTest, AbdAlSpellingsShareOneKey) {
  for (const char* name : {"Abdel Rahman", "Abdul Rahman", "Abd al-Rahman", "Abdelrahman", "Abdur Rahman"}) {
    EXPECT_EQ(NormalizeLatinName(name), "abd-al-rahman") << name;
    EXPECT_EQ(LatinNameKey(name), "abd-al-rhmn") << name;
  }
  EXPECT_EQ(LatinNameKey("Abdullah"), LatinNameKey("Abd Allah"));
}

TEST(NameKeyTest, MohammedVariantsShareOneKey) {
  EXPECT_EQ(LatinNameKey("Mohammed"), "mhmd");
  EXPECT_EQ(LatinNameKey("Muhammad"), "mhmd");
  EXPECT_EQ(LatinNameKey("Mohamad"), "mhmd");
}

TEST(NameKeyTest, QassemVariantsShareOneKey) {
  EXPECT_EQ(LatinNameKey("Qassem"), "ksm");
  EXPECT_EQ(LatinNameKey("Qasim"), "ksm");
  EXPECT_EQ(LatinNameKey("Ghasem"), "ksm");
  EXPECT_EQ(LatinNameKey("Kassem"), "ksm");
}

TEST(NameKeyTest, SoleimaniVariantsShareOneKey) {
  EXPECT_EQ(LatinNameKey("Soleimani"), LatinNameKey("Suleimani"));
  EXPECT_EQ(LatinNameKey("Gen. Qassem el-Soleimani"), LatinNameKey("Major General Qasem Soleimani"));
}

TEST(NameKeyTest, ArticleVariantsAreUnified) {
  EXPECT_EQ(NormalizeLatinName("el-Assad"), "al-assad");
  EXPECT_EQ(NormalizeLatinName("al-Assad"), "al-assad");
  EXPECT_EQ(NormalizeLatinName("Nasr ad-Din"), "nasr al-din");
  EXPECT_EQ(NormalizeLatinName("Nasr ud-Din"), "nasr al-din");
  EXPECT_EQ(NormalizeLatinName("Ahmad ash-Shami"), "ahmad al-shami");
  EXPECT_EQ(NormalizeLatinName("Ali as-Sistani"), "ali al-sistani");
  EXPECT_EQ(NormalizeLatinName("Hashim at-Tai"), "hashim al-tai");
  // The key drops the article: al-Assad and Assad are one key.
  EXPECT_EQ(LatinNameKey("al-Assad"), LatinNameKey("Assad"));
}

TEST(NameKeyTest, HonorificsAndTitlesAreStripped) {
  EXPECT_EQ(NormalizeLatinName("Gen. Qassem el-Soleimani"), "qassem al-soleimani");
  EXPECT_EQ(NormalizeLatinName("Dr. Ayman al-Zawahiri"), "ayman al-zawahiri");
  EXPECT_EQ(NormalizeLatinName("Mr Smith"), "smith");
  EXPECT_EQ(NormalizeLatinName("Mrs. Clinton"), "clinton");
  EXPECT_EQ(NormalizeLatinName("Colonel Gaddafi"), "gaddafi");
  EXPECT_EQ(NormalizeLatinName("Col. Gaddafi"), "gaddafi");
  EXPECT_EQ(NormalizeLatinName("Sheikh Hassan Nasrallah"), "hassan nasrallah");
  EXPECT_EQ(NormalizeLatinName("Haji Bakr"), "bakr");
  EXPECT_EQ(NormalizeLatinName("Sayyid Ali"), "ali");
  EXPECT_EQ(NormalizeLatinName("Seyed Ali"), "ali");
  EXPECT_EQ(NormalizeLatinName("Ayatollah Ali Khamenei"), "ali khamenei");
  EXPECT_EQ(NormalizeLatinName("Hojatoleslam Hassan Rouhani"), "hassan rouhani");
  EXPECT_EQ(NormalizeLatinName("Minister Zarif"), "zarif");
  // A title alone is kept: there is nothing else to name.
  EXPECT_EQ(NormalizeLatinName("General"), "general");
}

TEST(NameKeyTest, DiacriticsAndCaseAreRemoved) {
  EXPECT_EQ(NormalizeLatinName("Zoë MÜLLER"), "zoe muller");
  EXPECT_EQ(NormalizeLatinName("Hrastović"), "hrastovic");
  EXPECT_EQ(NormalizeLatinName("A'tham"), "atham");
}

TEST(NameKeyTest, SkeletonRules) {
  EXPECT_EQ(ConsonantSkeleton("fatimah"), ConsonantSkeleton("fatima"));    // final h
  EXPECT_EQ(ConsonantSkeleton("youssef"), ConsonantSkeleton("yusuf"));     // ou/u, double letters
  EXPECT_EQ(ConsonantSkeleton("omar"), ConsonantSkeleton("umar"));         // initial vowel kept as one mark
  EXPECT_EQ(ConsonantSkeleton("hussein"), ConsonantSkeleton("husayn"));    // ei/ay
  EXPECT_EQ(ConsonantSkeleton("walid"), ConsonantSkeleton("valid"));       // w/v
  EXPECT_EQ(ConsonantSkeleton("mustapha"), ConsonantSkeleton("mustafa"));  // ph/f
  EXPECT_EQ(ConsonantSkeleton("rahim"), ConsonantSkeleton("raheem"));      // ee/i
  EXPECT_NE(ConsonantSkeleton("khalid"), ConsonantSkeleton("halid"));      // kh is its own letter
}

TEST(NameKeyTest, ArabicKeysFoldAndDropTheArticle) {
  EXPECT_EQ(ArabicNameKey("قاسم سليماني"), ArabicNameKey("قاسم سلیمانی"));  // Arabic and Persian yeh
  EXPECT_EQ(ArabicNameKey("السيد علي الخامنئي"), ArabicNameKey("علي خامنئي"));
  EXPECT_EQ(ArabicNameKey("الشيخ حسن نصر الله"), ArabicNameKey("حسن نصر الله"));
  EXPECT_EQ(ArabicNameKey("الأسد"), ArabicNameKey("أسد"));
  EXPECT_EQ(ArabicNameKey("آية الله علي خامنئي"), ArabicNameKey("علي خامنئي"));
  EXPECT_EQ(ArabicNameKey("آیت الله علی خامنه ای"), ArabicNameKey("علی خامنه ای"));
  EXPECT_EQ(ArabicNameKey("حجت الاسلام حسن روحانی"), ArabicNameKey("حسن روحانی"));
  // Al-Islam inside a name is not a title.
  EXPECT_NE(ArabicNameKey("سيف الإسلام القذافي"), ArabicNameKey("سيف القذافي"));
  EXPECT_EQ(NameKey("بشار الأسد"), ArabicNameKey("بشار اسد"));
  EXPECT_EQ(NameKey("Qasim"), "ksm");
}

}  // namespace
}  // namespace leakgraph::resolve
