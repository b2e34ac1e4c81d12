// Drives `leakgraph ingest` as a user would, one format at a time, then checks
// what `show`, `status`, `documents` and `search` report. Fixtures are written
// by the tests themselves so that each byte under test is visible here.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace leakgraph::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// An investigation folder `case` and an input folder `in` inside one TempDir.
class IngestTest : public ::testing::Test {
 protected:
  std::string Case() const { return (tmp_ / "case").string(); }
  fs::path In(std::string_view name = "") const {
    return name.empty() ? tmp_ / "in" : tmp_ / "in" / name;
  }
  void Write(std::string_view name, std::string_view bytes) const { WriteFile(In(name), bytes); }

  CommandResult Ingest() const { return Ingest({In().string()}); }
  CommandResult Ingest(std::vector<std::string> paths) const {
    std::vector<std::string> args = {"ingest", Case()};
    args.insert(args.end(), paths.begin(), paths.end());
    args.push_back("-j");
    args.push_back("2");
    return RunLeakgraph(args);
  }
  // Runs a leakgraph command that must succeed and print JSON.
  json Json(const std::vector<std::string>& args) const {
    CommandResult r = RunLeakgraph(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    try {
      return json::parse(r.out);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not JSON from leakgraph " << args[0] << ": " << e.what() << "\n" << r.out;
      return json::object();
    }
  }
  json Show(const std::string& doc) const { return Json({"show", Case(), doc, "--json"}); }
  json Status() const { return Json({"status", Case(), "--json"}); }
  json Documents() const { return Json({"documents", Case(), "--json"}); }
  // The first path of every hit of `query` (-n 50).
  std::vector<std::string> HitPaths(const std::string& query) const {
    json r = Json({"search", Case(), query, "--json", "-n", "50"});
    std::vector<std::string> paths;
    for (const auto& hit : r.value("hits", json::array())) paths.push_back(hit.value("path", ""));
    return paths;
  }
  bool Finds(const std::string& query, const fs::path& path) const {
    for (const auto& p : HitPaths(query)) {
      if (p == path.string()) return true;
    }
    return false;
  }

  TempDir tmp_;
};

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// UTF-16 with a byte-order mark, from UTF-8 (BMP only: enough for fixtures).
std::string Utf16WithBom(std::string_view utf8, bool big_endian) {
  std::string out = big_endian ? std::string("\xFE\xFF", 2) : std::string("\xFF\xFE", 2);
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    char32_t cp;
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;
    if (len == 1) cp = c;
    else if (len == 2) cp = ((c & 0x1F) << 6) | (utf8[i + 1] & 0x3F);
    else cp = ((c & 0x0F) << 12) | ((utf8[i + 1] & 0x3F) << 6) | (utf8[i + 2] & 0x3F);
    i += len;
    const char hi = static_cast<char>(cp >> 8), lo = static_cast<char>(cp & 0xFF);
    out.push_back(big_endian ? hi : lo);
    out.push_back(big_endian ? lo : hi);
  }
  return out;
}

// A valid PDF (Helvetica, one text line per page) with a correct xref table.
std::string MakePdf(const std::vector<std::string>& page_lines) {
  const size_t n = page_lines.size();
  // Objects: 1 catalog, 2 pages, 3 font, then per page: page object, content.
  std::vector<std::string> objects;
  std::string kids;
  for (size_t i = 0; i < n; ++i) kids += std::to_string(4 + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(n) + " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (size_t i = 0; i < n; ++i) {
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                      "/Resources << /Font << /F1 3 0 R >> >> /Contents " +
                      std::to_string(5 + 2 * i) + " 0 R >>");
    std::string stream = "BT /F1 12 Tf 72 700 Td (" + page_lines[i] + ") Tj ET";
    objects.push_back("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream +
                      "\nendstream");
  }
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// "وصلت الحوالة المالية إلى البنك المركزي في بغداد" in Windows-1256.
constexpr std::string_view kCp1256Sentence =
    "\xe6\xd5\xe1\xca\x20\xc7\xe1\xcd\xe6\xc7\xe1\xc9\x20\xc7\xe1\xe3\xc7\xe1\xed\xc9\x20\xc5"
    "\xe1\xec\x20\xc7\xe1\xc8\xe4\xdf\x20\xc7\xe1\xe3\xd1\xdf\xd2\xed\x20\xdd\xed\x20\xc8\xdb"
    "\xcf\xc7\xcf";
constexpr std::string_view kArabicSentence = "وصلت الحوالة المالية إلى البنك المركزي في بغداد";

std::string Email(const std::string& subject, const std::string& message_id,
                  const std::string& body, const std::string& attachment_name,
                  const std::string& attachment_base64) {
  return "From: Alice Sender <alice@example.org>\r\n"
         "To: Bob Receiver <bob@example.net>\r\n"
         "Cc: Carol Copy <carol@example.com>\r\n"
         "Date: Tue, 03 Sep 2019 10:14:22 +0400\r\n"
         "Subject: " + subject + "\r\n"
         "Message-ID: <" + message_id + ">\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: multipart/mixed; boundary=\"BOUNDARY\"\r\n"
         "\r\n"
         "--BOUNDARY\r\n"
         "Content-Type: text/plain; charset=utf-8\r\n"
         "\r\n" + body + "\r\n"
         "--BOUNDARY\r\n"
         "Content-Type: text/plain; charset=utf-8; name=\"" + attachment_name + "\"\r\n"
         "Content-Disposition: attachment; filename=\"" + attachment_name + "\"\r\n"
         "Content-Transfer-Encoding: base64\r\n"
         "\r\n" + attachment_base64 + "\r\n"
         "--BOUNDARY--\r\n";
}
// base64("Invoice total 4200 USD for quokkaconsulting services\n")
constexpr const char* kInvoiceBase64 =
    "SW52b2ljZSB0b3RhbCA0MjAwIFVTRCBmb3IgcXVva2thY29uc3VsdGluZyBzZXJ2aWNlcwo=";

// --- One test per format -------------------------------------------------

TEST_F(IngestTest, PlainUtf8Text) {
  Write("plain.txt", "Minutes of the meeting\nThe pelican budget was approved in Geneva.\n");
  CommandResult r = Ingest();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "1 new documents")) << r.out;
  json doc = Show(In("plain.txt").string());
  EXPECT_EQ(doc["content_type"], "text/plain");
  EXPECT_EQ(doc["language"], "en");
  EXPECT_EQ(Lower(doc["charset"]), "utf-8");
  EXPECT_TRUE(Contains(doc["text"], "pelican budget")) << doc["text"];
  EXPECT_EQ(doc["paths"], json::array({In("plain.txt").string()}));
  EXPECT_TRUE(doc["parent"].is_null());
  EXPECT_EQ(doc["size"], 66);
  EXPECT_EQ(doc["hash"].get<std::string>().size(), 64u);
  EXPECT_TRUE(Finds("pelican", In("plain.txt")));
}

TEST_F(IngestTest, Utf8WithBomHasNoBomInText) {
  Write("bom.txt", "\xEF\xBB\xBFMarmalade shipment left the harbour on Tuesday.\n");
  ASSERT_EQ(Ingest().exit_code, 0);
  json doc = Show(In("bom.txt").string());
  std::string text = doc["text"];
  EXPECT_EQ(text.rfind("Marmalade", 0), 0u) << "BOM must be stripped: " << text;
  EXPECT_TRUE(Finds("marmalade", In("bom.txt")));
}

TEST_F(IngestTest, Utf16LittleAndBigEndianWithBom) {
  Write("le.txt", Utf16WithBom("The zebrafish report — café in الرياض\n", false));
  Write("be.txt", Utf16WithBom("The narwhal report — café in الرياض\n", true));
  ASSERT_EQ(Ingest().exit_code, 0);
  for (auto [name, word] : {std::pair{"le.txt", "zebrafish"}, std::pair{"be.txt", "narwhal"}}) {
    json doc = Show(In(name).string());
    EXPECT_TRUE(Contains(Lower(doc["charset"]), "utf-16")) << name << " " << doc["charset"];
    EXPECT_TRUE(Contains(doc["text"], std::string(word) + " report — café in الرياض")) << doc["text"];
    EXPECT_TRUE(Finds(word, In(name))) << name;
    EXPECT_TRUE(Finds("الرياض", In(name))) << name;
  }
}

TEST_F(IngestTest, Windows1256Arabic) {
  Write("arabic.txt", std::string(kCp1256Sentence) + "\r\n" + std::string(kCp1256Sentence) + "\r\n");
  ASSERT_EQ(Ingest().exit_code, 0);
  json doc = Show(In("arabic.txt").string());
  EXPECT_TRUE(Contains(Lower(doc["charset"]), "1256")) << doc["charset"];
  EXPECT_EQ(doc["language"], "ar");
  EXPECT_TRUE(Contains(doc["text"], std::string(kArabicSentence))) << doc["text"];
  EXPECT_TRUE(Finds("بغداد", In("arabic.txt")));
}

TEST_F(IngestTest, Windows1252CurlyQuotesAndAccents) {
  Write("cp1252.txt",
        "The \x93\x63\x61\x66\xe9\x94 meeting \x96 held in the Caf\xe9 R\xe9gence \x85 was "
        "postponed.\r\n");
  ASSERT_EQ(Ingest().exit_code, 0);
  json doc = Show(In("cp1252.txt").string());
  EXPECT_TRUE(Contains(Lower(doc["charset"]), "1252")) << doc["charset"];
  EXPECT_TRUE(Contains(doc["text"], "The “café” meeting – held in the Café Régence … was"))
      << doc["text"];
  EXPECT_TRUE(Finds("Régence", In("cp1252.txt")));
  EXPECT_TRUE(Finds("café", In("cp1252.txt")));
}

TEST_F(IngestTest, Iso88591) {
  Write("latin1.txt", "Die Stra\xdf\x65 in Z\xfcrich: \xabGen\xe8ve\xbb, 20\xb0 Celsius, "
                      "Bahnhofstra\xdf\x65 number twelve.\n");
  ASSERT_EQ(Ingest().exit_code, 0);
  json doc = Show(In("latin1.txt").string());
  // ISO-8859-1 and Windows-1252 agree on these bytes: either label is right.
  EXPECT_FALSE(Contains(Lower(doc["charset"]), "utf")) << doc["charset"];
  EXPECT_TRUE(Contains(doc["text"], "Die Straße in Zürich: «Genève», 20° Celsius")) << doc["text"];
  EXPECT_TRUE(Finds("Zürich", In("latin1.txt")));
}

TEST_F(IngestTest, HtmlTitleAndNoScriptOrStyleText) {
  Write("page.html",
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Harbour Ledger Summary</title>"
        "<style>.scriptless { color: red } body { font-family: stylewordonly; }</style>"
        "<script>var scriptwordonly = 'hidden';</script></head>"
        "<body><h1>Ledger</h1><p>The albatross payment &amp; the 3&nbsp;invoices.</p>"
        "<script>document.write('otherscriptword')</script></body></html>");
  ASSERT_EQ(Ingest().exit_code, 0);
  json doc = Show(In("page.html").string());
  EXPECT_EQ(doc["content_type"], "text/html");
  EXPECT_EQ(doc["title"], "Harbour Ledger Summary");
  std::string text = doc["text"];
  EXPECT_TRUE(Contains(text, "The albatross payment & the 3")) << text;
  EXPECT_FALSE(Contains(text, "scriptwordonly")) << text;
  EXPECT_FALSE(Contains(text, "stylewordonly")) << text;
  EXPECT_TRUE(Finds("albatross", In("page.html")));
  EXPECT_TRUE(Finds("title:harbour", In("page.html")));
  EXPECT_TRUE(HitPaths("scriptwordonly").empty());
  EXPECT_TRUE(HitPaths("otherscriptword").empty());
  EXPECT_TRUE(HitPaths("stylewordonly").empty());
}

TEST_F(IngestTest, EmailHeadersAndBase64Attachment) {
  Write("mail.eml", Email("Invoice for the consulting work", "abc123@example.org",
                          "Please find the invoice attached, regards Alice.", "invoice.txt",
                          kInvoiceBase64));
  ASSERT_EQ(Ingest().exit_code, 0);
  const std::string mail_path = In("mail.eml").string();
  json mail = Show(mail_path);
  EXPECT_EQ(mail["content_type"], "message/rfc822");
  EXPECT_EQ(mail["title"], "Invoice for the consulting work");
  EXPECT_EQ(mail["date"], "2019-09-03T06:14:22Z");
  const json& meta = mail["metadata"];
  EXPECT_TRUE(Contains(meta.value("from", ""), "alice@example.org")) << meta;
  EXPECT_TRUE(Contains(meta.value("to", ""), "bob@example.net")) << meta;
  EXPECT_TRUE(Contains(meta.value("cc", ""), "carol@example.com")) << meta;
  EXPECT_EQ(meta.value("subject", ""), "Invoice for the consulting work");
  EXPECT_EQ(meta.value("message_id", ""), "abc123@example.org");
  EXPECT_TRUE(Contains(mail["text"], "Please find the invoice attached")) << mail["text"];
  ASSERT_EQ(mail["children"].size(), 1u) << mail;

  json child = Show(mail_path + "//invoice.txt");
  EXPECT_EQ(child["paths"], json::array({mail_path + "//invoice.txt"}));
  EXPECT_EQ(child["parent"], mail["id"]);
  EXPECT_EQ(child["id"], mail["children"][0]);
  EXPECT_TRUE(Contains(child["text"], "quokkaconsulting")) << child["text"];
  EXPECT_TRUE(Finds("quokkaconsulting", fs::path(mail_path + "//invoice.txt")));
  EXPECT_TRUE(Finds("from:alice@example.org", In("mail.eml")));
  EXPECT_TRUE(Finds("to:bob@example.net", In("mail.eml")));
  EXPECT_TRUE(Finds("subject:consulting", In("mail.eml")));
  EXPECT_TRUE(Finds("type:email", In("mail.eml")));
}

TEST_F(IngestTest, MboxThreeMessagesOneWithAttachment) {
  std::string box =
      "From alice@example.org Mon Jul  1 09:00:00 2019\n"
      "From: alice@example.org\nTo: bob@example.net\nSubject: First lemur\n"
      "Date: Mon, 01 Jul 2019 09:00:00 +0000\nMessage-ID: <m1@example.org>\n\n"
      "The first message mentions the lemur.\n\n"
      "From bob@example.net Tue Jul  2 09:00:00 2019\n"
      "From: bob@example.net\nTo: alice@example.org\nSubject: Second gecko\n"
      "Date: Tue, 02 Jul 2019 09:00:00 +0000\nMessage-ID: <m2@example.net>\n\n"
      "The second message mentions the gecko.\n>From here on a quoted line.\n\n"
      "From carol@example.com Wed Jul  3 09:00:00 2019\n"
      "From: carol@example.com\nTo: alice@example.org\nSubject: Third ocelot\n"
      "Date: Wed, 03 Jul 2019 09:00:00 +0000\nMessage-ID: <m3@example.com>\n"
      "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"XX\"\n\n"
      "--XX\nContent-Type: text/plain\n\nThe third message mentions the ocelot.\n"
      "--XX\nContent-Type: text/plain; name=\"note.txt\"\n"
      "Content-Disposition: attachment; filename=\"note.txt\"\n"
      "Content-Transfer-Encoding: base64\n\n"
      // base64("Attached note about the capybara.\n")
      "QXR0YWNoZWQgbm90ZSBhYm91dCB0aGUgY2FweWJhcmEuCg==\n--XX--\n";
  Write("box.mbox", box);
  ASSERT_EQ(Ingest().exit_code, 0);
  const std::string box_path = In("box.mbox").string();
  json mbox = Show(box_path);
  EXPECT_EQ(mbox["content_type"], "application/mbox");
  ASSERT_EQ(mbox["children"].size(), 3u) << mbox;
  const char* words[] = {"lemur", "gecko", "ocelot"};
  const char* subjects[] = {"First lemur", "Second gecko", "Third ocelot"};
  for (int i = 0; i < 3; ++i) {
    std::string path = box_path + "//" + std::to_string(i + 1);
    json msg = Show(path);
    EXPECT_EQ(msg["parent"], mbox["id"]) << path;
    EXPECT_EQ(msg["content_type"], "message/rfc822") << path;
    EXPECT_EQ(msg["metadata"].value("subject", ""), subjects[i]) << path;
    EXPECT_TRUE(Finds(words[i], fs::path(path))) << path;
  }
  EXPECT_TRUE(Contains(Show(box_path + "//2")["text"], "From here on a quoted line"));
  json third = Show(box_path + "//3");
  json note = Show(box_path + "//3//note.txt");
  EXPECT_EQ(note["parent"], third["id"]);
  EXPECT_TRUE(Finds("capybara", fs::path(box_path + "//3//note.txt")));
}

TEST_F(IngestTest, PdfTwoPages) {
  Write("report.pdf", MakePdf({"Page one talks about the walrus", "Page two names the flamingo"}));
  CommandResult r = Ingest();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  json doc = Show(In("report.pdf").string());
  EXPECT_EQ(doc["content_type"], "application/pdf");
  EXPECT_EQ(doc["pages"].size(), 2u) << doc["pages"];
  std::string text = doc["text"];
  EXPECT_TRUE(Contains(text, "walrus")) << text;
  EXPECT_TRUE(Contains(text, "Page two names the flamingo")) << text;
  EXPECT_LT(text.find("walrus"), text.find("flamingo"));
  EXPECT_TRUE(Finds("flamingo", In("report.pdf")));
  EXPECT_TRUE(Finds("type:pdf", In("report.pdf")));
}

TEST_F(IngestTest, CablegateCable) {
  fs::path data = SharedDataDir();
  if (data.empty()) GTEST_SKIP() << "no ../shared/data";
  fs::path cable = data / "corpora/cablegate/1979/08/79TEHRAN8980.html";
  if (!fs::exists(cable)) GTEST_SKIP() << cable << " is missing";
  fs::create_directories(In());
  fs::copy_file(cable, In("79TEHRAN8980.html"));
  ASSERT_EQ(Ingest().exit_code, 0);
  json doc = Show(In("79TEHRAN8980.html").string());
  EXPECT_EQ(doc["content_type"], "text/x-cable");
  EXPECT_EQ(doc["language"], "en");
  EXPECT_EQ(doc["title"], "79TEHRAN8980: NEGOTIATIONS");
  EXPECT_EQ(doc["date"].get<std::string>().rfind("1979-08-13", 0), 0u) << doc["date"];
  const json& meta = doc["metadata"];
  EXPECT_EQ(meta.value("reference_id", ""), "79TEHRAN8980");
  EXPECT_EQ(meta.value("classification", ""), "CONFIDENTIAL");
  EXPECT_EQ(meta.value("tags", ""), "PEPR IR");
  EXPECT_EQ(meta.value("subject", ""), "NEGOTIATIONS");
  EXPECT_EQ(meta.value("from", ""), "AMEMBASSY TEHRAN");
  EXPECT_TRUE(Contains(doc["text"], "BAZAAR MENTALITY"));
  EXPECT_FALSE(Contains(doc["text"], "<div")) << "markup leaked into the cable text";
  EXPECT_TRUE(Finds("tag:ir", In("79TEHRAN8980.html")));
  EXPECT_TRUE(Finds("tag:pepr", In("79TEHRAN8980.html")));
  EXPECT_TRUE(Finds("type:cable", In("79TEHRAN8980.html")));
  EXPECT_TRUE(Finds("date:1979-08-01..1979-08-31", In("79TEHRAN8980.html")));
  EXPECT_TRUE(Finds("\"bazaar mentality\"", In("79TEHRAN8980.html")));
}

// --- Malformed input -----------------------------------------------------

TEST_F(IngestTest, TruncatedEmailKeepsHeadersAndOthers) {
  std::string full = Email("Truncated wombat message", "trunc@example.org",
                           "Body text about the wombat.", "invoice.txt", kInvoiceBase64);
  std::string cut = full.substr(0, full.find(kInvoiceBase64) + 20);  // mid-base64
  Write("cut.eml", cut);
  Write("other.txt", "An unrelated note about the pangolin.\n");
  CommandResult r = Ingest();
  json status = Status();
  // Either the truncated mail is a failure (exit 1, listed) or it was read (exit 0, not listed);
  // the other file is never lost and the mail's readable part is kept.
  if (r.exit_code == 1) {
    ASSERT_EQ(status["failures"].size(), 1u) << status;
    EXPECT_EQ(status["failures"][0]["path"], In("cut.eml").string());
    EXPECT_FALSE(status["failures"][0]["reason"].get<std::string>().empty());
  } else {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(status["failures"].empty()) << status;
  }
  EXPECT_TRUE(Finds("pangolin", In("other.txt")));
  EXPECT_TRUE(Finds("wombat", In("cut.eml"))) << "headers and body before the cut must be kept";
}

TEST_F(IngestTest, InvalidUtf8IsStoredWithReplacementCharacter) {
  Write("bad.txt", "تقرير المحاسبة السنوي \xC3\x28 بخصوص الحوالات والمصارف في المنطقة.\n"
                   "The quetzal line follows \xFF here.\n");
  CommandResult r = Ingest();
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  json doc = Show(In("bad.txt").string());
  std::string text = doc["text"];
  EXPECT_TRUE(Contains(text, "\xEF\xBF\xBD")) << "U+FFFD expected: " << text;
  EXPECT_TRUE(Contains(text, "تقرير المحاسبة السنوي")) << text;
  EXPECT_TRUE(Status()["failures"].empty());
  EXPECT_TRUE(Finds("quetzal", In("bad.txt")));
  EXPECT_TRUE(Finds("المحاسبة", In("bad.txt")));
}

TEST_F(IngestTest, WronglyDeclaredCharsetRecoversArabic) {
  Write("lying.html", "<html><head><meta charset=\"utf-8\"><title>report</title></head><body><p>" +
                          std::string(kCp1256Sentence) + "</p><p>" + std::string(kCp1256Sentence) +
                          "</p></body></html>");
  EXPECT_EQ(Ingest().exit_code, 0);
  json doc = Show(In("lying.html").string());
  EXPECT_TRUE(Contains(doc["text"], std::string(kArabicSentence))) << doc["text"];
  EXPECT_TRUE(Contains(Lower(doc["charset"]), "1256")) << doc["charset"];
  EXPECT_TRUE(Finds("بغداد", In("lying.html")));
}

TEST_F(IngestTest, EmptyFileIsNotAFailure) {
  Write("empty.txt", "");
  Write("full.txt", "The tapir is here.\n");
  CommandResult r = Ingest();
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(Status()["failures"].empty());
  EXPECT_TRUE(Finds("tapir", In("full.txt")));
}

TEST_F(IngestTest, FiftyMegabyteSingleLine) {
  std::string big;
  big.reserve(50u << 20);
  big += "beginningmarker ";
  const std::string filler = "lorem ipsum dolor sit amet consectetur ";
  while (big.size() < (50u << 20) - 64) big += filler;
  big += "terminalmarker end";
  Write("big.txt", big);
  CommandResult r = Ingest();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(Finds("beginningmarker", In("big.txt")));
  EXPECT_TRUE(Finds("terminalmarker", In("big.txt"))) << "the end of a large file was lost";
  EXPECT_EQ(Show(In("big.txt").string())["size"], big.size());
}

TEST_F(IngestTest, CorruptPdfIsAFailureOthersAreKept) {
  std::string pdf = MakePdf({"broken page"});
  Write("corrupt.pdf", pdf.substr(0, 9) + std::string(300, '\x07') + "garbage");
  Write("good.txt", "The okapi memo.\n");
  Write("good.pdf", MakePdf({"The axolotl page"}));
  CommandResult r = Ingest();
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "1 failed")) << r.out;
  json status = Status();
  ASSERT_EQ(status["failures"].size(), 1u) << status;
  EXPECT_EQ(status["failures"][0]["path"], In("corrupt.pdf").string());
  EXPECT_FALSE(status["failures"][0]["reason"].get<std::string>().empty());
  EXPECT_TRUE(Finds("okapi", In("good.txt")));
  EXPECT_TRUE(Finds("axolotl", In("good.pdf")));
  EXPECT_TRUE(status["index_consistent"].get<bool>());
}

TEST_F(IngestTest, UnreadableFileIsAFailure) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
  Write("secret.txt", "The unreadable marmot.\n");
  Write("open.txt", "The readable ibex.\n");
  ASSERT_EQ(chmod(In("secret.txt").c_str(), 0), 0);
  CommandResult r = Ingest();
  chmod(In("secret.txt").c_str(), 0644);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  json status = Status();
  ASSERT_EQ(status["failures"].size(), 1u) << status;
  EXPECT_EQ(status["failures"][0]["path"], In("secret.txt").string());
  EXPECT_FALSE(status["failures"][0]["reason"].get<std::string>().empty());
  EXPECT_TRUE(Finds("ibex", In("open.txt")));
}

TEST_F(IngestTest, FifoAndSymlinkAreSkippedWithoutHanging) {
  Write("regular.txt", "The regular jackal file.\n");
  WriteFile(tmp_ / "outside.txt", "The outside hyena file.\n");
  ASSERT_EQ(mkfifo(In("pipe").c_str(), 0644), 0);
  fs::create_symlink(tmp_ / "outside.txt", In("link.txt"));
  std::string cmd = "timeout 60 '" + LeakgraphBinary() + "' ingest '" + Case() + "' '" +
                    In().string() + "'";
  CommandResult r = RunShell(cmd);
  ASSERT_NE(r.exit_code, 124) << "ingest hung on a FIFO";
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "2 skipped")) << r.out;
  EXPECT_EQ(Status()["documents"], 1);
  EXPECT_TRUE(Finds("jackal", In("regular.txt")));
  EXPECT_TRUE(HitPaths("hyena").empty());
}

// --- Deduplication and re-ingest ------------------------------------------

TEST_F(IngestTest, SameBytesAtTwoPathsAreOneDocument) {
  Write("a/copy.txt", "Duplicate content about the manatee.\n");
  Write("b/copy.txt", "Duplicate content about the manatee.\n");
  CommandResult r = Ingest();
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_TRUE(Contains(r.out, "1 new documents, 1 duplicates")) << r.out;
  json docs = Documents();
  ASSERT_EQ(docs.size(), 1u) << docs;
  std::vector<std::string> paths = docs[0]["paths"];
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(paths, (std::vector<std::string>{In("a/copy.txt").string(), In("b/copy.txt").string()}));
  EXPECT_EQ(HitPaths("manatee").size(), 1u);
}

TEST_F(IngestTest, SameAttachmentInTwoEmailsIsOneChild) {
  Write("one.eml", Email("First mail", "one@example.org", "First body.", "invoice.txt",
                         kInvoiceBase64));
  Write("two.eml", Email("Second mail", "two@example.org", "Second body.", "invoice.txt",
                         kInvoiceBase64));
  ASSERT_EQ(Ingest().exit_code, 0);
  json a = Show(In("one.eml").string() + "//invoice.txt");
  json b = Show(In("two.eml").string() + "//invoice.txt");
  EXPECT_EQ(a["id"], b["id"]);
  std::vector<std::string> paths = a["paths"];
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(paths, (std::vector<std::string>{In("one.eml").string() + "//invoice.txt",
                                             In("two.eml").string() + "//invoice.txt"}));
  EXPECT_EQ(Status()["documents"], 3);
  EXPECT_EQ(HitPaths("quokkaconsulting").size(), 1u);
}

// A container whose bytes were stored by an earlier run is not opened again;
// its parts must still get their locations under the new path.
TEST_F(IngestTest, CopyOfAContainerStoredEarlierGivesItsPartsTheNewPath) {
  const std::string mail = Email("Mail", "m@example.org", "Body of the mail.", "invoice.txt", kInvoiceBase64);
  Write("first/mail.eml", mail);
  ASSERT_EQ(Ingest({In("first").string()}).exit_code, 0);
  Write("second/copy.eml", mail);
  Write("second/nested/again.eml", mail);
  CommandResult second = Ingest({In("second").string()});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_TRUE(Contains(second.out, "0 new documents")) << second.out;

  json part = Show(In("second/copy.eml").string() + "//invoice.txt");
  json original = Show(In("first/mail.eml").string() + "//invoice.txt");
  EXPECT_EQ(part["id"], original["id"]);
  std::vector<std::string> paths = part["paths"];
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(paths, (std::vector<std::string>{In("first/mail.eml").string() + "//invoice.txt",
                                             In("second/copy.eml").string() + "//invoice.txt",
                                             In("second/nested/again.eml").string() + "//invoice.txt"}));
  // The index follows: the part is found under the new folder.
  EXPECT_FALSE(Json({"search", Case(), "quokkaconsulting path:second", "--json"})["hits"].empty());
  EXPECT_TRUE(Status()["index_consistent"].get<bool>());
  // A third run over the same files changes nothing.
  CommandResult third = Ingest({In("second").string()});
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_TRUE(Contains(third.out, "0 new documents, 0 duplicates")) << third.out;
}

TEST_F(IngestTest, ReingestUnchangedThenModified) {
  Write("one.txt", "First file about the heron.\n");
  Write("two.txt", "Second file about the egret.\n");
  Write("mail.eml", Email("Mail", "m@example.org", "Body.", "invoice.txt", kInvoiceBase64));
  ASSERT_EQ(Ingest().exit_code, 0);
  const int before = Status()["documents"];
  EXPECT_EQ(before, 4);

  CommandResult again = Ingest();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(Contains(again.out, "0 new documents")) << again.out;
  EXPECT_TRUE(Contains(again.out, "3 unchanged")) << again.out;
  EXPECT_EQ(Status()["documents"], before);

  Write("two.txt", "Second file, now about the stork.\n");
  CommandResult modified = Ingest();
  ASSERT_EQ(modified.exit_code, 0) << modified.err;
  EXPECT_TRUE(Contains(modified.out, "1 new documents")) << modified.out;
  EXPECT_TRUE(Contains(modified.out, "2 unchanged")) << modified.out;
  EXPECT_TRUE(Finds("stork", In("two.txt")));
  // The new content must own the path: `show PATH` gives what is at PATH now.
  EXPECT_EQ(Show(In("two.txt").string())["text"], "Second file, now about the stork.\n");
  bool stork_has_path = false;
  for (const auto& d : Documents()) {
    if (d["title"] == "Second file, now about the stork.") {
      for (const auto& p : d["paths"]) stork_has_path |= p == In("two.txt").string();
    }
  }
  EXPECT_TRUE(stork_has_path) << "the modified file's document lost its path: " << Documents();
  EXPECT_TRUE(Status()["index_consistent"].get<bool>());
}

// --- Exit codes and messages ---------------------------------------------

TEST_F(IngestTest, IngestCreatesMissingParentFolders) {
  Write("x.txt", "The bittern file.\n");
  const std::string deep = (tmp_ / "no/such/parent/case").string();
  CommandResult r = RunLeakgraph({"ingest", deep, In().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  CommandResult s = RunLeakgraph({"search", deep, "bittern"});
  EXPECT_EQ(s.exit_code, 0) << s.err;
}

TEST_F(IngestTest, IngestIntoImpossibleFolderIsExit2) {
  Write("x.txt", "The bittern file.\n");
  const std::string bad = (In("x.txt") / "case").string();  // parent is a file
  CommandResult r = RunLeakgraph({"ingest", bad, In().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, bad)) << r.err;
}

TEST_F(IngestTest, MissingInputPathIsExit2) {
  CommandResult r = RunLeakgraph({"ingest", Case(), In("nothing-here").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, In("nothing-here").string())) << r.err;
}

TEST_F(IngestTest, SearchOnAFolderThatIsNotAnInvestigation) {
  Write("x.txt", "hello\n");
  CommandResult r = RunLeakgraph({"search", In().string(), "hello"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, In().string())) << r.err;
  EXPECT_TRUE(Contains(r.err, "not an investigation")) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST_F(IngestTest, ShowUnknownDocumentIsExit2) {
  Write("x.txt", "hello there\n");
  ASSERT_EQ(Ingest().exit_code, 0);
  for (std::string doc : {"999", "/no/such/path.txt", "ffffffffffff"}) {
    CommandResult r = RunLeakgraph({"show", Case(), doc, "--json"});
    EXPECT_EQ(r.exit_code, 2) << doc;
    EXPECT_TRUE(Contains(r.err, doc)) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

// --- Reindex ---------------------------------------------------------------

TEST_F(IngestTest, ReindexAfterDeletingTheIndex) {
  Write("a.txt", "The reindexed cormorant.\n");
  Write("mail.eml", Email("Mail", "m@example.org", "Body.", "invoice.txt", kInvoiceBase64));
  ASSERT_EQ(Ingest().exit_code, 0);
  fs::remove_all(tmp_ / "case" / "index");
  CommandResult r = RunLeakgraph({"reindex", Case(), "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Finds("cormorant", In("a.txt")));
  EXPECT_TRUE(Finds("quokkaconsulting", fs::path(In("mail.eml").string() + "//invoice.txt")));
  json status = Status();
  EXPECT_TRUE(status["index_consistent"].get<bool>()) << status;
  EXPECT_EQ(status["index_documents"], status["documents"]);
  EXPECT_EQ(status["unindexed"], 0);
}

}  // namespace
}  // namespace leakgraph::testing
