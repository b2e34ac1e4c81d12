#include <gtest/gtest.h>

#include <string>

#include "extract/handler.h"
#include "extract/test_archives.h"

namespace leakgraph::extract {
namespace {

using testing::WriteArchive;

const std::string kNs =
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
    "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"";

std::string Odf(const std::string& kind, const std::string& body) {
  return WriteArchive(
      {{"mimetype", "application/vnd.oasis.opendocument." + kind},
       {"content.xml", "<office:document-content " + kNs + "><office:body>" + body +
                           "</office:body></office:document-content>"},
       {"meta.xml",
        "<office:document-meta " + kNs +
            "><office:meta><dc:title>Minutes</dc:title>"
            "<meta:initial-creator>Sara Karimi</meta:initial-creator><dc:creator>Reza</dc:creator>"
            "<meta:creation-date>2015-01-02T03:04:05</meta:creation-date>"
            "<dc:date>2015-02-01T00:00:00</dc:date></office:meta></office:document-meta>"}},
      "zip", "", "zip:compression=store");
}

Result<ExtractedDocument> Extract(const std::string& bytes) {
  std::string type = SniffContentType(bytes, "x");
  const FormatHandler* handler = HandlerRegistry::BuiltIn().Find(type);
  if (handler == nullptr || handler->name() != "odf") return Status::Internal("sniffed as " + type);
  return handler->Extract(ExtractInput{bytes, "x", ""});
}

TEST(OdfHandlerTest, TextDocument) {
  auto doc = Extract(Odf("text",
                         "<office:text><text:h>Agenda</text:h><text:p>Meet<text:s text:c=\"2\"/>in "
                         "<text:span>Qom</text:span><text:tab/>today</text:p>"
                         "<text:list><text:list-item><text:p>first item</text:p></text:list-item></text:list>"
                         "</office:text>"));
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->content_type, "application/vnd.oasis.opendocument.text");
  EXPECT_EQ(doc->text, "Agenda\nMeet  in Qom\ttoday\nfirst item");
  EXPECT_EQ(doc->title, "Minutes");
  EXPECT_EQ(doc->metadata["author"], "Sara Karimi");
  EXPECT_EQ(doc->metadata["last_modified_by"], "Reza");
  EXPECT_EQ(doc->metadata["created"], "2015-01-02T03:04:05Z");
  EXPECT_EQ(doc->metadata["modified"], "2015-02-01T00:00:00Z");
}

TEST(OdfHandlerTest, SpreadsheetAndPresentation) {
  auto sheet = Extract(Odf("spreadsheet",
                           "<office:spreadsheet><table:table table:name=\"Ledger\"><table:table-row>"
                           "<table:table-cell><text:p>Ali</text:p></table:table-cell>"
                           "<table:table-cell table:number-columns-repeated=\"16000\"/>"
                           "<table:table-cell><text:p>42</text:p></table:table-cell></table:table-row>"
                           "</table:table></office:spreadsheet>"));
  ASSERT_TRUE(sheet.ok()) << sheet.status().message();
  EXPECT_EQ(sheet->text, "Ledger\nAli\t\t42");
  auto slides = Extract(Odf("presentation",
                            "<office:presentation><draw:page draw:name=\"p1\"><draw:frame><draw:text-box>"
                            "<text:p>Slide one</text:p></draw:text-box></draw:frame></draw:page>"
                            "<draw:page><draw:frame><draw:text-box><text:p>Slide two</text:p>"
                            "</draw:text-box></draw:frame></draw:page></office:presentation>"));
  ASSERT_TRUE(slides.ok()) << slides.status().message();
  EXPECT_EQ(slides->text, "Slide one\n\nSlide two");
}

TEST(OdfHandlerTest, MissingContentIsAnError) {
  std::string odt = WriteArchive({{"mimetype", "application/vnd.oasis.opendocument.text"}}, "zip", "",
                                 "zip:compression=store");
  auto doc = Extract(odt);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), "corrupt ODF document: no content.xml");
}

}  // namespace
}  // namespace leakgraph::extract
