#include <gtest/gtest.h>

#include <string>

#include "extract/handler.h"

namespace leakgraph::extract {
namespace {

Result<ExtractedDocument> ExtractMbox(std::string_view bytes) {
  return MakeMboxHandler()->Extract(ExtractInput{bytes, "inbox.mbox", ""});
}

const char kFirst[] = "From: a@example.org\nSubject: one\n\nfirst body\n";
const char kSecond[] =
    "From: b@example.org\nSubject: two\n\nsecond body\n\n"
    "From here on the plan changes.\n>From the archive, quoted.\n";
const char kThird[] = "From: c@example.org\nSubject: three\n\nthird body\n";

std::string ThreeMessageMbox(std::string_view newline = "\n") {
  std::string mbox;
  for (const char* message : {kFirst, kSecond, kThird}) {
    mbox += "From sender@example.org Tue Mar 12 08:15:00 2019\n";
    mbox += message;
    mbox += "\n";
  }
  if (newline == "\n") return mbox;
  std::string crlf;
  for (char c : mbox) {
    if (c == '\n') crlf += "\r";
    crlf += c;
  }
  return crlf;
}

TEST(MboxHandlerTest, SplitsMessagesIntoNumberedChildren) {
  auto doc = ExtractMbox(ThreeMessageMbox());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->content_type, "application/mbox");
  EXPECT_EQ(doc->title, "3 messages");
  EXPECT_TRUE(doc->text.empty());
  ASSERT_EQ(doc->children.size(), 3u);
  EXPECT_EQ(doc->children[0].name, "1");
  EXPECT_EQ(doc->children[1].name, "2");
  EXPECT_EQ(doc->children[2].name, "3");
  EXPECT_EQ(doc->children[0].bytes, kFirst);
  // An unquoted "From " paragraph after a blank line is body, not a postmark.
  EXPECT_EQ(doc->children[1].bytes, kSecond);
  EXPECT_EQ(doc->children[2].bytes, kThird);
  for (const ChildPart& child : doc->children) EXPECT_EQ(child.content_type_hint, "message/rfc822");
}

TEST(MboxHandlerTest, CrlfMailboxSplitsTheSameWay) {
  auto doc = ExtractMbox(ThreeMessageMbox("\r\n"));
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->children.size(), 3u);
  EXPECT_EQ(doc->children[0].bytes, "From: a@example.org\r\nSubject: one\r\n\r\nfirst body\r\n");
}

TEST(MboxHandlerTest, ThunderbirdPostmarkWithoutAddressIsAccepted) {
  std::string mbox =
      "From - Sat Jan 03 12:00:00 2009\nSubject: a\n\nx\n\n"
      "From - Sun Jan 04 13:00:00 2009\nSubject: b\n\ny\n";
  auto doc = ExtractMbox(mbox);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->children.size(), 2u);
  EXPECT_EQ(doc->children[1].bytes, "Subject: b\n\ny\n");
}

TEST(MboxHandlerTest, FullPostmarkSplitsEvenWithoutBlankLine) {
  std::string mbox =
      "From x@y Tue Mar 12 08:15:00 2019\nSubject: a\n\nlast line without blank\n"
      "From y@z Wed Mar 13 09:00:00 2019\nSubject: b\n\nFrom me to you\nFrom now on\n";
  auto doc = ExtractMbox(mbox);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->children.size(), 2u);
  EXPECT_EQ(doc->children[0].bytes, "Subject: a\n\nlast line without blank\n");
  EXPECT_EQ(doc->children[1].bytes, "Subject: b\n\nFrom me to you\nFrom now on\n");
}

TEST(MboxHandlerTest, ChildrenAreReadableByTheEmailHandler) {
  auto doc = ExtractMbox(ThreeMessageMbox());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  auto email = MakeEmailHandler()->Extract(ExtractInput{doc->children[1].bytes, "2", "message/rfc822"});
  ASSERT_TRUE(email.ok()) << email.status().message();
  EXPECT_EQ(email->title, "two");
  EXPECT_NE(email->text.find(">From the archive"), std::string::npos);
}

TEST(MboxHandlerTest, PreambleBeforeFirstPostmarkIsIgnoredWithWarning) {
  auto doc = ExtractMbox("junk line\n\nFrom x@y Tue Mar 12 08:15:00 2019\nSubject: s\n\nb\n");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->children.size(), 1u);
  EXPECT_EQ(doc->children[0].bytes, "Subject: s\n\nb\n");
  EXPECT_EQ(doc->warnings.size(), 1u);
}

TEST(MboxHandlerTest, EmptyAndNonMboxInputAreErrors) {
  EXPECT_FALSE(ExtractMbox("").ok());
  EXPECT_FALSE(ExtractMbox("Subject: not a mailbox\n\nbody\n").ok());
  EXPECT_FALSE(ExtractMbox("From: header-not-postmark@example.org\n").ok());
}

TEST(MboxHandlerTest, PostmarkWithoutBodyGivesEmptyMessage) {
  auto doc = ExtractMbox("From x@y Tue Mar 12 08:15:00 2019");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->children.size(), 1u);
  EXPECT_EQ(doc->children[0].bytes, "");
}

TEST(MboxHandlerTest, LargeMailboxSplitsInOnePass) {
  std::string mbox;
  const int kMessages = 20000;
  for (int i = 0; i < kMessages; ++i) {
    mbox += "From x@y Tue Mar 12 08:15:00 2019\nSubject: m" + std::to_string(i) + "\n\n";
    mbox += std::string(200, 'w') + "\n\n";
  }
  auto doc = ExtractMbox(mbox);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->children.size(), static_cast<std::size_t>(kMessages));
  EXPECT_EQ(doc->title, "20000 messages");
  EXPECT_EQ(doc->children.back().name, "20000");
  EXPECT_EQ(doc->children.back().bytes, "Subject: m19999\n\n" + std::string(200, 'w') + "\n");
}

}  // namespace
}  // namespace leakgraph::extract
