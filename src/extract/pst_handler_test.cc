// The PST handler on files written by tests/fixtures/make_pst.py (a small
// [MS-PST] writer): messages become RFC 822 children named by folder path,
// which the e-mail handler reads into the usual header metadata; attachments
// are MIME parts of their message; bad files give reasons.
#include <gtest/gtest.h>

#include <string>

#include "extract/handler.h"
#include "extract/pst_handler.h"
#include "test_support.h"

namespace leakgraph::extract {
namespace {

using leakgraph::testing::ReadFile;
using leakgraph::testing::RunShell;
using leakgraph::testing::SourceDir;
using leakgraph::testing::TempDir;

// The bytes make_pst.py writes with `options`.
std::string MakePst(const std::string& options = "") {
  TempDir dir;
  auto out = dir / "box.pst";
  auto r = RunShell("python3 '" + (SourceDir() / "tests/fixtures/make_pst.py").string() + "' '" + out.string() +
                    "' " + options);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return ReadFile(out);
}

Result<ExtractedDocument> Extract(std::string_view bytes) {
  return MakePstHandler()->Extract(ExtractInput{bytes, "box.pst", ""});
}

const ChildPart* Child(const ExtractedDocument& doc, const std::string& name) {
  for (const auto& c : doc.children) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

TEST(PstHandlerTest, SniffedByItsSignatureAndRegisteredAsFragile) {
  std::string pst = MakePst();
  ASSERT_GT(pst.size(), 1000u);
  EXPECT_EQ(SniffContentType(pst, "anything"), "application/vnd.ms-outlook-pst");
  const FormatHandler* handler = HandlerRegistry::BuiltIn().Find("application/vnd.ms-outlook-pst");
  ASSERT_NE(handler, nullptr);
  EXPECT_EQ(handler->name(), "pst");
  EXPECT_TRUE(handler->fragile());
}

TEST(PstHandlerTest, EveryMessageIsAChildNamedByItsFolderPath) {
  std::string pst = MakePst();
  auto doc = Extract(pst);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->content_type, "application/vnd.ms-outlook-pst");
  EXPECT_EQ(doc->metadata["messages"], "4");
  EXPECT_EQ(doc->metadata["mailbox_format"], "pst");
  EXPECT_TRUE(doc->warnings.empty()) << doc->warnings.front();
  ASSERT_EQ(doc->children.size(), 4u);
  // "Top of Personal Folders" (the IPM subtree) is the mailbox itself: not in the paths.
  EXPECT_EQ(doc->children[0].name, "Inbox/1");
  EXPECT_EQ(doc->children[1].name, "Inbox/2");
  EXPECT_EQ(doc->children[2].name, "Inbox/Projects/1");
  EXPECT_EQ(doc->children[3].name, "Inbox/Projects/2");
  for (const auto& c : doc->children) EXPECT_EQ(c.content_type_hint, "message/rfc822");
}

TEST(PstHandlerTest, MessagesReadLikeEmailWithAttachmentsAsTheirChildren) {
  std::string pst = MakePst();
  auto doc = Extract(pst);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const ChildPart* first = Child(*doc, "Inbox/1");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(SniffContentType(first->bytes, first->name, first->content_type_hint), "message/rfc822");
  auto mail = MakeEmailHandler()->Extract(ExtractInput{first->bytes, first->name, first->content_type_hint});
  ASSERT_TRUE(mail.ok()) << mail.status().message();
  EXPECT_EQ(mail->metadata["from"], "Viktor Lanz <viktor.lanz@kestria-holdings.example>");
  EXPECT_EQ(mail->metadata["to"], "Mara Quint <mara.quint@orvane.example>");
  EXPECT_EQ(mail->metadata["cc"], "Ilse Brandt <ilse.brandt@orvane.example>");
  EXPECT_EQ(mail->metadata["subject"], "Shipment schedule");
  EXPECT_EQ(mail->metadata["date"], "2014-03-05T10:20:30Z");
  EXPECT_EQ(mail->metadata["message_id"], "pst-fixture-1@kestria-holdings.example");
  EXPECT_NE(mail->text.find("The zanthorium shipment leaves Rotterdam"), std::string::npos) << mail->text;
  ASSERT_EQ(mail->children.size(), 1u);
  EXPECT_EQ(mail->children[0].name, "manifest.txt");
  EXPECT_EQ(mail->children[0].bytes,
            "Cargo manifest: 40 crates of quellspar ore, insured by Halvard Mutual.\n");

  // An HTML-only body becomes its text.
  const ChildPart* second = Child(*doc, "Inbox/2");
  ASSERT_NE(second, nullptr);
  auto html = MakeEmailHandler()->Extract(ExtractInput{second->bytes, second->name, second->content_type_hint});
  ASSERT_TRUE(html.ok()) << html.status().message();
  EXPECT_NE(html->text.find("The board approved the vordelline contract."), std::string::npos) << html->text;
  EXPECT_EQ(html->text.find('<'), std::string::npos) << html->text;
  // Its attached message is an RFC 822 part of its own, with its own headers.
  ASSERT_EQ(html->children.size(), 1u);
  EXPECT_EQ(html->children[0].name, "Earlier draft.eml");
  EXPECT_EQ(html->children[0].content_type_hint, "message/rfc822");
  auto attached = MakeEmailHandler()->Extract(
      ExtractInput{html->children[0].bytes, html->children[0].name, html->children[0].content_type_hint});
  ASSERT_TRUE(attached.ok()) << attached.status().message();
  EXPECT_EQ(attached->metadata["from"], "Ilse Brandt <ilse.brandt@orvane.example>");
  EXPECT_EQ(attached->metadata["to"], "Viktor Lanz <viktor.lanz@kestria-holdings.example>");
  EXPECT_NE(attached->text.find("The draft mentions the quorvex clause."), std::string::npos) << attached->text;

  // A Persian subject; a body stored only as compressed RTF.
  const ChildPart* third = Child(*doc, "Inbox/Projects/1");
  ASSERT_NE(third, nullptr);
  auto persian = MakeEmailHandler()->Extract(ExtractInput{third->bytes, third->name, third->content_type_hint});
  ASSERT_TRUE(persian.ok()) << persian.status().message();
  EXPECT_EQ(persian->metadata["subject"], "پروژه بندر");
  const ChildPart* fourth = Child(*doc, "Inbox/Projects/2");
  ASSERT_NE(fourth, nullptr);
  auto rtf = MakeEmailHandler()->Extract(ExtractInput{fourth->bytes, fourth->name, fourth->content_type_hint});
  ASSERT_TRUE(rtf.ok()) << rtf.status().message();
  EXPECT_NE(rtf->text.find("The tender for the brumwick quay closes in May."), std::string::npos) << rtf->text;
  EXPECT_EQ(rtf->text.find("rtf1"), std::string::npos) << rtf->text;
}

TEST(PstHandlerTest, SiblingFoldersOfOneNameStayApart) {
  auto doc = Extract(MakePst("--bulk 1 --archive-name Inbox"));
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->children.size(), 54u);
  EXPECT_NE(Child(*doc, "Inbox/1"), nullptr);
  EXPECT_NE(Child(*doc, "Inbox (2)/Box001/1"), nullptr);
  EXPECT_NE(Child(*doc, "Inbox (2)/Box001/50"), nullptr);
}

TEST(PstHandlerTest, TruncatedAndGarbageFilesGiveAReason) {
  std::string pst = MakePst();
  auto truncated = Extract(std::string_view(pst).substr(0, pst.size() / 2));
  ASSERT_FALSE(truncated.ok());
  EXPECT_TRUE(truncated.status().message().starts_with("corrupt Outlook data file: ")) << truncated.status().message();
  EXPECT_NE(truncated.status().message().find("truncated Outlook data file: " + std::to_string(pst.size() / 2) +
                                               " bytes of the " + std::to_string(pst.size())),
            std::string::npos)
      << truncated.status().message();

  std::string garbage = "!BDN";
  for (int i = 0; i < 20000; ++i) garbage += static_cast<char>((i * 7919 + 13) % 251);
  auto bad = Extract(garbage);
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.status().message().starts_with("corrupt Outlook data file")) << bad.status().message();

  auto tiny = Extract("!BDN");
  ASSERT_FALSE(tiny.ok());
  auto not_pst = Extract("hello");
  ASSERT_FALSE(not_pst.ok());
  EXPECT_EQ(not_pst.status().message(), "not an Outlook data file: no \"!BDN\" signature");
}

TEST(PstHandlerTest, EncryptionAndPasswordsAreNamed) {
  auto wip = Extract(MakePst("--crypt 16"));
  ASSERT_FALSE(wip.ok());
  EXPECT_EQ(wip.status().code(), StatusCode::kUnsupported);
  EXPECT_TRUE(wip.status().message().starts_with("encrypted Outlook data file")) << wip.status().message();

  // An Outlook password encrypts nothing: the messages are read, and a warning says so.
  auto password = Extract(MakePst("--password"));
  ASSERT_TRUE(password.ok()) << password.status().message();
  EXPECT_EQ(password->children.size(), 4u);
  EXPECT_EQ(password->metadata["password_protected"], "yes");
  ASSERT_EQ(password->warnings.size(), 1u);
  EXPECT_NE(password->warnings[0].find("Outlook password"), std::string::npos);
}

TEST(PstHandlerTest, LimitsLeaveTheRestOutWithAWarning) {
  std::string pst = MakePst();
  PstLimits few;
  few.max_messages = 2;
  auto two = MakePstHandler(few)->Extract(ExtractInput{pst, "box.pst", ""});
  ASSERT_TRUE(two.ok()) << two.status().message();
  EXPECT_EQ(two->children.size(), 2u);
  ASSERT_EQ(two->warnings.size(), 1u);
  EXPECT_EQ(two->warnings[0], "2 message(s) not read: over the limit of 2 messages or 512 MB in all");

  PstLimits shallow;
  shallow.max_folder_depth = 2;  // root 0, Top of Personal Folders 1, Inbox 2: not Inbox/Projects
  auto top = MakePstHandler(shallow)->Extract(ExtractInput{pst, "box.pst", ""});
  ASSERT_TRUE(top.ok()) << top.status().message();
  EXPECT_EQ(top->children.size(), 2u);
  EXPECT_EQ(Child(*top, "Inbox/Projects/1"), nullptr);
  ASSERT_EQ(top->warnings.size(), 1u);
  EXPECT_EQ(top->warnings[0], "folders nested deeper than 2 levels under folder \"Inbox\": not read");

  PstLimits small;
  small.max_attachment_bytes = 10;
  auto no_attachment = MakePstHandler(small)->Extract(ExtractInput{pst, "box.pst", ""});
  ASSERT_TRUE(no_attachment.ok()) << no_attachment.status().message();
  ASSERT_EQ(no_attachment->warnings.size(), 1u);
  EXPECT_EQ(no_attachment->warnings[0],
            "attachment manifest.txt of message Inbox/1 not read: 71 bytes, over the limit of 10 bytes");
  const ChildPart* first = Child(*no_attachment, "Inbox/1");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->bytes.find("manifest.txt"), std::string::npos);
}

}  // namespace
}  // namespace leakgraph::extract
