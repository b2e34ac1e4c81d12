#include "resolve/latin_ascii.h"

#include <gtest/gtest.h>

namespace leakgraph::resolve {
namespace {

TEST(LatinToAsciiLower, AsciiIsLowercasedWithoutChangingAnythingElse) {
  EXPECT_EQ(LatinToAsciiLower("Qassem SOLEIMANI"), "qassem soleimani");
  EXPECT_EQ(LatinToAsciiLower("al-Shaheri, A. (IRGC) 2019"), "al-shaheri, a. (irgc) 2019");
  EXPECT_EQ(LatinToAsciiLower(""), "");
}

TEST(LatinToAsciiLower, AccentsAndDiacriticsAreFoldedToAscii) {
  EXPECT_EQ(LatinToAsciiLower("Müller"), "muller");
  std::string folded = LatinToAsciiLower("Ḥusayn");
  EXPECT_EQ(folded, "husayn");
  EXPECT_EQ(LatinToAsciiLower("ÉCOLE Française"), "ecole francaise");
}

}  // namespace
}  // namespace leakgraph::resolve
