#include <gtest/gtest.h>

#include <string>

#include "extract/handler.h"
#include "extract/test_archives.h"

namespace leakgraph::extract {
namespace {

using namespace std::string_literals;

TEST(SniffContentTypeTest, BinaryMagic) {
  EXPECT_EQ(SniffContentType("%PDF-1.4\n%\xE2\xE3", "x.bin"), "application/pdf");
  EXPECT_EQ(SniffContentType("PK\x03\x04rest"s, "a.zip"), "application/zip");
  EXPECT_EQ(SniffContentType("\x1F\x8B\x08\x00"s, "a.gz"), "application/gzip");
  EXPECT_EQ(SniffContentType("\x89PNG\r\n\x1A\n\x00\x00"s, "a"), "image/png");
  EXPECT_EQ(SniffContentType("\xFF\xD8\xFF\xE0"s, "a"), "image/jpeg");
  EXPECT_EQ(SniffContentType("\x00\x01\x02\x03\x00\xFF"s, "a.txt"), "application/octet-stream");
}

// Found by fuzz/run (fuzz_image): a file holding only "RIFF" threw
// std::out_of_range from the sniffer, outside any handler, ending the ingest.
TEST(SniffContentTypeTest, ShortRiffFileDoesNotThrow) {
  for (std::size_t n = 0; n <= 12; ++n) {
    std::string riff = ("RIFF\x10\0\0\0WEBPVP8 "s).substr(0, n);
    EXPECT_NO_THROW((void)SniffContentType(riff, "a")) << n;
  }
  EXPECT_EQ(SniffContentType("RIFF\x10\0\0\0WEBPVP8 "s, "a"), "image/webp");
}

TEST(SniffContentTypeTest, ContainersAndOfficeDocuments) {
  using testing::WriteArchive;
  const std::string types = "[Content_Types].xml";
  EXPECT_EQ(SniffContentType(WriteArchive({{types, "<Types/>"}, {"word/document.xml", "<w/>"}}), "a"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(SniffContentType(WriteArchive({{types, "<Types/>"}, {"xl/workbook.xml", "<x/>"}}), "a"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(SniffContentType(WriteArchive({{"ppt/presentation.xml", "<p/>"}, {types, "<T/>"}}), "a"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation");
  EXPECT_EQ(SniffContentType(WriteArchive({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}},
                                          "zip", "", "zip:compression=store"),
                             "a"),
            "application/vnd.oasis.opendocument.spreadsheet");
  // A docx stored inside a plain zip does not make the zip a docx.
  std::string docx = WriteArchive({{types, "<Types/>"}, {"word/document.xml", "<w/>"}}, "zip", "",
                                  "zip:compression=store");
  EXPECT_EQ(SniffContentType(WriteArchive({{"r.docx", docx}}, "zip", "", "zip:compression=store"), "a"),
            "application/zip");
  EXPECT_EQ(SniffContentType(WriteArchive({{"word/notes.txt", "x"}}), "a"), "application/zip");
  EXPECT_EQ(SniffContentType(WriteArchive({{"a", "x"}}, "ustar"), "a"), "application/x-tar");
  EXPECT_EQ(SniffContentType(WriteArchive({{"a", "x"}}, "7zip"), "a"), "application/x-7z-compressed");
  EXPECT_EQ(SniffContentType(WriteArchive({{"data", "x"}}, "raw", "xz"), "a"), "application/x-xz");
  EXPECT_EQ(SniffContentType(WriteArchive({{"data", "x"}}, "raw", "bzip2"), "a"), "application/x-bzip2");
  EXPECT_EQ(SniffContentType(WriteArchive({{"data", "x"}}, "raw", "zstd"), "a"), "application/zstd");
  EXPECT_EQ(SniffContentType("{\\rtf1\\ansi hello}", "a"), "application/rtf");
  EXPECT_EQ(SniffContentType("Rar!\x1A\x07\x01\x00"s, "a"), "application/vnd.rar");
}

TEST(SniffContentTypeTest, MailboxesAndMessages) {
  std::string message = "From: a@example.com\r\nTo: b@example.com\r\nSubject: hi\r\n\r\nbody\r\n";
  EXPECT_EQ(SniffContentType(message, "1."), "message/rfc822");
  EXPECT_EQ(SniffContentType("Received: from x\n\tby y\nMessage-ID: <1@x>\n\nbody", "m"), "message/rfc822");
  EXPECT_EQ(SniffContentType("From a@b Mon Jan  1 00:00:00 2001\n" + message, "box"), "application/mbox");
  EXPECT_EQ(SniffContentType("From a Mon\nhello\n\nFrom b Tue\nagain\n", "box"), "application/mbox");
  EXPECT_EQ(SniffContentType("just some notes", "inbox.mbox"), "application/mbox");
  EXPECT_EQ(SniffContentType("just some notes", "saved.eml"), "message/rfc822");
  // "Name: value" lines without a message header are not a message.
  EXPECT_EQ(SniffContentType("Name: Ali\nCity: Tehran\n\nnotes", "n"), "text/plain");
  EXPECT_EQ(SniffContentType("From here we go on.\nNo headers.", "n"), "text/plain");
}

TEST(SniffContentTypeTest, HtmlAndCables) {
  EXPECT_EQ(SniffContentType("\xEF\xBB\xBF  <!DOCTYPE HTML><p>x", "a"), "text/html");
  EXPECT_EQ(SniffContentType("<!-- saved --><HTML><body>", "a"), "text/html");
  EXPECT_EQ(SniffContentType("<?xml version='1.0'?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML", "a"),
            "text/html");
  EXPECT_EQ(SniffContentType("<?xml version='1.0'?><catalog/>", "a"), "text/xml");
  EXPECT_EQ(SniffContentType("<p>fragment", "page.HTM"), "text/html");
  std::string cable = "<html><body>" + std::string(40000, ' ') +
                      "<table class='cable'><tr><th>Reference ID</th></tr></table>";
  EXPECT_EQ(SniffContentType(cable, "x"), "text/x-cable");
  EXPECT_EQ(SniffContentType("<html><table class='cable'></table>", "x"), "text/html");
}

TEST(SniffContentTypeTest, TextInAnyEncoding) {
  EXPECT_EQ(SniffContentType("plain words\n", "a.dat"), "text/plain");
  EXPECT_EQ(SniffContentType("\xD3\xE1\xC7\xE3 \xD3\xE1\xC7\xE3", "a"), "text/plain");
  EXPECT_EQ(SniffContentType("\xFF\xFEh\0i\0"s, "a"), "text/plain");
  EXPECT_EQ(SniffContentType("<\0h\0t\0m\0l\0>\0<\0/\0h\0t\0m\0l\0>\0"s, "a"), "text/html");
  EXPECT_EQ(SniffContentType("", "empty"), "text/plain");
}

TEST(SniffContentTypeTest, HintFillsInWhenStructureIsSilent) {
  EXPECT_EQ(SniffContentType("a,b\n1,2\n", "part", "text/csv; charset=utf-8"), "text/csv");
  EXPECT_EQ(SniffContentType("%PDF-1.7", "part", "text/plain"), "application/pdf");
}

}  // namespace
}  // namespace leakgraph::extract
