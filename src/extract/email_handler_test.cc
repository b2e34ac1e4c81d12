#include <glib.h>
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "extract/handler.h"

namespace leakgraph::extract {
namespace {

// "Hello world" / "the contract was signed" in Arabic, used across tests.
const std::string kArabicGreeting = "مرحبا بالعالم";
const std::string kArabicSentence = "تم توقيع العقد مع الشركة في بيروت يوم الاثنين الماضي بحضور الوزير";

Result<ExtractedDocument> ExtractEmail(std::string_view bytes) {
  return MakeEmailHandler()->Extract(ExtractInput{bytes, "message.eml", ""});
}

std::string Base64(std::string_view bytes) {
  gchar* encoded = g_base64_encode(reinterpret_cast<const guchar*>(bytes.data()), bytes.size());
  std::string out(encoded);
  g_free(encoded);
  return out;
}

// Quoted-printable with every non-ASCII byte escaped and soft line breaks.
std::string QuotedPrintable(std::string_view bytes) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  std::size_t line = 0;
  for (unsigned char c : bytes) {
    std::string token = (c >= 33 && c <= 126 && c != '=') || c == ' '
                            ? std::string(1, static_cast<char>(c))
                            : std::string{'=', kHex[c >> 4], kHex[c & 15]};
    if (line + token.size() > 72) {
      out += "=\n";
      line = 0;
    }
    out += token;
    line += token.size();
  }
  return out;
}

std::string ToWindows1256(const std::string& utf8) {
  UErrorCode error = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 4, '\0');
  int32_t length = ucnv_convert("windows-1256", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                utf8.data(), static_cast<int32_t>(utf8.size()), &error);
  EXPECT_TRUE(U_SUCCESS(error));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

const char kPlainMessage[] =
    "Message-ID: <abc123@example.org>\n"
    "Date: Tue, 12 Mar 2019 10:15:00 +0200\n"
    "From: \"Doe, Jane\" <jane@example.org>\n"
    "To: Bob Smith <bob@example.com>, carol@example.com\n"
    "Cc: =?UTF-8?B?2LPYp9mF2Yo=?= <sami@example.net>\n"
    "Subject: Quarterly figures\n"
    "\n"
    "The figures are attached.\n"
    "Regards, Jane\n";

TEST(EmailHandlerTest, PlainMessageGivesHeadersAsMetadataAndBodyAsText) {
  auto doc = ExtractEmail(kPlainMessage);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->content_type, "message/rfc822");
  EXPECT_EQ(doc->title, "Quarterly figures");
  EXPECT_EQ(doc->metadata["subject"], "Quarterly figures");
  EXPECT_EQ(doc->metadata["from"], "\"Doe, Jane\" <jane@example.org>");
  EXPECT_EQ(doc->metadata["to"], "Bob Smith <bob@example.com>, carol@example.com");
  EXPECT_EQ(doc->metadata["cc"], "سامي <sami@example.net>");
  EXPECT_EQ(doc->metadata["message_id"], "abc123@example.org");
  EXPECT_EQ(doc->metadata["date"], "2019-03-12T08:15:00Z");
  EXPECT_EQ(doc->text, "The figures are attached.\nRegards, Jane");
  EXPECT_TRUE(doc->children.empty());
}

TEST(EmailHandlerTest, MissingSubjectAndUnparsableDateAreHandled) {
  auto doc = ExtractEmail("From: a@example.org\nDate: the day after tomorrow\n\nhello\n");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->title, "(no subject)");
  EXPECT_EQ(doc->metadata.count("subject"), 0u);
  EXPECT_EQ(doc->metadata.count("date"), 0u);
  EXPECT_EQ(doc->text, "hello");
}

TEST(EmailHandlerTest, MixedMessageGivesBase64AttachmentAsChild) {
  std::string payload = std::string("%PDF-1.4 binary\0\xff\xfe bytes", 24);
  std::string message =
      "From: a@example.org\nSubject: report\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"XYZ\"\n\n"
      "preamble\n--XYZ\nContent-Type: text/plain; charset=us-ascii\n\nSee the report.\n"
      "--XYZ\nContent-Type: application/pdf; name=\"report.pdf\"\n"
      "Content-Disposition: attachment; filename=\"report.pdf\"\n"
      "Content-Transfer-Encoding: base64\n\n" +
      Base64(payload) + "\n--XYZ--\n";
  auto doc = ExtractEmail(message);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->text, "See the report.");
  ASSERT_EQ(doc->children.size(), 1u);
  EXPECT_EQ(doc->children[0].name, "report.pdf");
  EXPECT_EQ(doc->children[0].bytes, payload);
  EXPECT_EQ(doc->children[0].content_type_hint, "application/pdf");
}

TEST(EmailHandlerTest, AttachmentNamesAreSanitisedDecodedAndUnique) {
  std::string message =
      "From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Disposition: attachment; filename=\"../../etc/passwd\"\n\nx\n"
      "--b\nContent-Disposition: attachment; filename*=UTF-8''%D8%B9%D9%82%D8%AF.txt\n\ny\n"
      "--b\nContent-Disposition: attachment; filename*=UTF-8''%D8%B9%D9%82%D8%AF.txt\n\nz\n"
      "--b\nContent-Type: image/png\nContent-Disposition: attachment\n\nw\n"
      "--b--\n";
  auto doc = ExtractEmail(message);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->children.size(), 4u);
  EXPECT_EQ(doc->children[0].name, ".._.._etc_passwd");
  EXPECT_EQ(doc->children[1].name, "عقد.txt");
  EXPECT_EQ(doc->children[2].name, "عقد-2.txt");
  EXPECT_EQ(doc->children[3].name, "attachment-4");
  EXPECT_EQ(doc->children[3].content_type_hint, "image/png");
}

TEST(EmailHandlerTest, AlternativeTakesPlainTextOnly) {
  std::string message =
      "From: a@example.org\nContent-Type: multipart/alternative; boundary=alt\n\n"
      "--alt\nContent-Type: text/html\n\n<p>html version</p>\n"
      "--alt\nContent-Type: text/plain\n\nplain version\n--alt--\n";
  auto doc = ExtractEmail(message);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->text, "plain version");
}

TEST(EmailHandlerTest, HtmlOnlyAlternativeIsConvertedToText) {
  std::string message =
      "From: a@example.org\nContent-Type: multipart/alternative; boundary=alt\n\n"
      "--alt\nContent-Type: text/html; charset=utf-8\n\n"
      "<html><body><p>Meet at <b>noon</b></p><script>var x;</script></body></html>\n"
      "--alt--\n";
  auto doc = ExtractEmail(message);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_NE(doc->text.find("Meet at"), std::string::npos);
  EXPECT_NE(doc->text.find("noon"), std::string::npos);
  EXPECT_EQ(doc->text.find("<p>"), std::string::npos);
}

TEST(EmailHandlerTest, QuotedPrintableArabicBodyIsDecoded) {
  std::string message =
      "From: a@example.org\nContent-Type: text/plain; charset=UTF-8\n"
      "Content-Transfer-Encoding: quoted-printable\n\n" +
      QuotedPrintable(kArabicSentence) + "\n";
  auto doc = ExtractEmail(message);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->text, kArabicSentence);
}

TEST(EmailHandlerTest, Rfc2047ArabicSubjectIsDecoded) {
  std::string message = "From: a@example.org\nSubject: =?UTF-8?B?" + Base64(kArabicGreeting) +
                        "?=\n =?UTF-8?Q?_2019?=\n\nbody\n";
  auto doc = ExtractEmail(message);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->metadata["subject"], kArabicGreeting + " 2019");
  EXPECT_EQ(doc->title, kArabicGreeting + " 2019");
}

TEST(EmailHandlerTest, Windows1256BodyWithCharsetHeaderIsConverted) {
  std::string message = "From: a@example.org\nContent-Type: text/plain; charset=windows-1256\n\n" +
                        ToWindows1256(kArabicSentence) + "\n";
  auto doc = ExtractEmail(message);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->text, kArabicSentence);
}

TEST(EmailHandlerTest, WronglyDeclaredUtf8OverWindows1256IsDetected) {
  std::string body = ToWindows1256(kArabicSentence + "\n" + kArabicSentence + "\n" + kArabicSentence);
  std::string message = "From: a@example.org\nContent-Type: text/plain; charset=utf-8\n\n" + body + "\n";
  auto doc = ExtractEmail(message);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_NE(doc->text.find(kArabicSentence), std::string::npos) << doc->text;
}

TEST(EmailHandlerTest, TruncatedMessageGivesWhatWasRead) {
  std::string message =
      "From: a@example.org\nSubject: cut\nContent-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\nfirst part survives\n"
      "--b\nContent-Type: application/octet-stream; name=data.bin\n"
      "Content-Transfer-Encoding: base64\n\n" +
      Base64(std::string(300, 'q')).substr(0, 101);
  auto doc = ExtractEmail(message);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->title, "cut");
  EXPECT_EQ(doc->text, "first part survives");
  ASSERT_EQ(doc->children.size(), 1u);
  EXPECT_EQ(doc->children[0].name, "data.bin");
  EXPECT_FALSE(doc->children[0].bytes.empty());
}

TEST(EmailHandlerTest, MissingBoundaryKeepsBodyAsText) {
  auto doc = ExtractEmail("From: a@example.org\nContent-Type: multipart/mixed\n\nstill readable\n");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_NE(doc->text.find("still readable"), std::string::npos);
}

TEST(EmailHandlerTest, FiftyNestedMultipartsDoNotCrashAndWarn) {
  std::string message = "From: a@example.org\nSubject: deep\n";
  for (int level = 0; level < 50; ++level)
    message += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(level) + "\"\n\n--b" +
               std::to_string(level) + "\n";
  message += "Content-Type: text/plain\n\ninnermost\n";
  for (int level = 49; level >= 0; --level) message += "--b" + std::to_string(level) + "--\n";
  auto doc = ExtractEmail(message);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->title, "deep");
  EXPECT_FALSE(doc->warnings.empty());
}

TEST(EmailHandlerTest, EmbeddedMessageBecomesChild) {
  std::string message =
      "From: a@example.org\nSubject: fwd\nContent-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\nforwarding\n"
      "--b\nContent-Type: message/rfc822\n\nFrom: inner@example.org\nSubject: inner\n\ninner body\n"
      "--b--\n";
  auto doc = ExtractEmail(message);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->text, "forwarding");
  ASSERT_EQ(doc->children.size(), 1u);
  EXPECT_EQ(doc->children[0].content_type_hint, "message/rfc822");
  auto inner = ExtractEmail(doc->children[0].bytes);
  ASSERT_TRUE(inner.ok()) << inner.status().message();
  EXPECT_EQ(inner->title, "inner");
  EXPECT_EQ(inner->text, "inner body");
}

TEST(EmailHandlerTest, EveryPrefixOfAMultipartMessageIsSafe) {
  std::string message =
      "From: =?UTF-8?B?" + Base64(kArabicGreeting) +
      "?= <a@example.org>\nSubject: s\n"
      "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: multipart/alternative; "
      "boundary=c\n\n--c\nContent-Type: text/html\n\n<p>hi</p>\n--c--\n"
      "--b\nContent-Type: message/rfc822\n\nFrom: x@y\n\ninner\n"
      "--b\nContent-Disposition: attachment; filename*=UTF-8''%D8%B9\n"
      "Content-Transfer-Encoding: base64\n\n" +
      Base64("payload") + "\n--b--\n";
  for (std::size_t cut = 0; cut <= message.size(); ++cut) {
    auto doc = ExtractEmail(std::string_view(message).substr(0, cut));
    if (doc.ok()) {
      EXPECT_FALSE(doc->title.empty());
    }
  }
}

TEST(EmailHandlerTest, EmptyAndGarbageInputAreErrors) {
  EXPECT_FALSE(ExtractEmail("").ok());
  EXPECT_FALSE(ExtractEmail("\n\n").ok());
  EXPECT_FALSE(ExtractEmail(std::string("\x89PNG\r\n\x1a\n\0\0\0garbage", 18)).ok());
}

TEST(EmailHandlerTest, SeparateMessagesParseOnSeveralThreadsAtOnce) {
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &failures] {
      for (int i = 0; i < 200; ++i) {
        auto doc = ExtractEmail(kPlainMessage);
        if (!doc.ok() || doc->metadata["date"] != "2019-03-12T08:15:00Z") ++failures[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int count : failures) EXPECT_EQ(count, 0);
}

TEST(EmailHandlerTest, EveryEnronSampleMessageHasSenderAndDate) {
  std::filesystem::path corpus =
      std::filesystem::path(LEAKGRAPH_SOURCE_DIR) / ".." / "shared" / "data" / "corpora" / "enron-sample";
  if (!std::filesystem::is_directory(corpus)) GTEST_SKIP() << "no enron sample at " << corpus;
  int messages = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    auto doc = ExtractEmail(bytes.str());
    ASSERT_TRUE(doc.ok()) << entry.path() << ": " << doc.status().message();
    EXPECT_FALSE(doc->metadata["from"].empty()) << entry.path();
    EXPECT_FALSE(doc->metadata["date"].empty()) << entry.path();
    ++messages;
  }
  EXPECT_GT(messages, 0);
}

}  // namespace
}  // namespace leakgraph::extract
