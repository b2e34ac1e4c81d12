#include <gtest/gtest.h>

#include <string>

#include "extract/handler.h"
#include "extract/test_archives.h"

namespace leakgraph::extract {
namespace {

using testing::WriteArchive;

const std::string kTypes =
    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
const std::string kCore =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties "
    "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">"
    "<dc:title>Quarterly transfers</dc:title><dc:creator>Nadia Rahimi</dc:creator>"
    "<cp:lastModifiedBy>Omar</cp:lastModifiedBy>"
    "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2014-03-05T10:20:00Z</dcterms:created>"
    "<dcterms:modified>2014-03-06T08:00:00+03:30</dcterms:modified></cp:coreProperties>";
const std::string kW = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

Result<ExtractedDocument> Extract(const std::string& bytes, std::string_view name) {
  std::string type = SniffContentType(bytes, name);
  const FormatHandler* handler = HandlerRegistry::BuiltIn().Find(type);
  if (handler == nullptr || handler->name() != "ooxml") return Status::Internal("sniffed as " + type);
  return handler->Extract(ExtractInput{bytes, name, ""});
}

std::string Docx(const std::string& document) {
  return WriteArchive({{"[Content_Types].xml", kTypes},
                       {"docProps/core.xml", kCore},
                       {"word/document.xml", document},
                       {"word/footnotes.xml", "<w:footnotes " + kW +
                                                  "><w:footnote><w:p><w:r><w:t>See annex.</w:t></w:r></w:p>"
                                                  "</w:footnote></w:footnotes>"},
                       {"word/embeddings/oleObject1.bin", "embedded bytes"}});
}

TEST(OoxmlHandlerTest, DocxParagraphsTablesFootnotesAndProperties) {
  std::string body = "<w:document " + kW +
                     "><w:body>"
                     "<w:p><w:r><w:t>Payment to</w:t></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r>"
                     "<w:r><w:t>Beirut</w:t><w:tab/><w:t>office</w:t></w:r></w:p>"
                     "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Name</w:t></w:r></w:p></w:tc>"
                     "<w:tc><w:p><w:r><w:t>Amount</w:t></w:r></w:p></w:tc></w:tr>"
                     "<w:tr><w:tc><w:p><w:r><w:t>علي</w:t></w:r></w:p></w:tc>"
                     "<w:tc><w:p><w:r><w:t>500</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
                     "<w:p><w:r><w:delText>gone</w:delText><w:t>End.</w:t></w:r></w:p>"
                     "<w:sectPr/></w:body></w:document>";
  auto doc = Extract(Docx(body), "report.docx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->text, "Payment to Beirut\toffice\nName\tAmount\nعلي\t500\nEnd.\n\nSee annex.");
  EXPECT_EQ(doc->title, "Quarterly transfers");
  EXPECT_EQ(doc->metadata["author"], "Nadia Rahimi");
  EXPECT_EQ(doc->metadata["last_modified_by"], "Omar");
  EXPECT_EQ(doc->metadata["created"], "2014-03-05T10:20:00Z");
  EXPECT_EQ(doc->metadata["modified"], "2014-03-06T04:30:00Z");
  ASSERT_EQ(doc->children.size(), 1u);
  EXPECT_EQ(doc->children[0].name, "oleObject1.bin");
  EXPECT_EQ(doc->children[0].bytes, "embedded bytes");
}

TEST(OoxmlHandlerTest, CorruptDocx) {
  auto garbage = Extract(Docx("<w:document><w:body><w:p>\x01\x02 not xml <<<"), "bad.docx");
  ASSERT_FALSE(garbage.ok());
  EXPECT_TRUE(
      garbage.status().message().starts_with("corrupt DOCX: word/document.xml is not well-formed XML"))
      << garbage.status().message();
  // An entity bomb stays unexpanded text: pugixml reads no DTD.
  std::string bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
      "<w:document " +
      kW + "><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>";
  auto doc = Extract(Docx(bomb), "bomb.docx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_LT(doc->text.size(), 100u);
}

TEST(OoxmlHandlerTest, XlsxSheetsInWorkbookOrder) {
  std::string ns =
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
  std::string xlsx = WriteArchive(
      {{"[Content_Types].xml", kTypes},
       {"xl/workbook.xml", "<workbook " + ns +
                               "><sheets><sheet name=\"Payments\" sheetId=\"1\" r:id=\"rId2\"/>"
                               "<sheet name=\"People\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>"},
       {"xl/_rels/workbook.xml.rels",
        "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId2\" Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>"},
       {"xl/sharedStrings.xml", "<sst " + ns +
                                    "><si><t>Name</t></si><si><r><t>Ali </t></r><r><t>Rezaei</t></r>"
                                    "<rPh><t>x</t></rPh></si></sst>"},
       {"xl/worksheets/sheet1.xml",
        "<worksheet " + ns +
            "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
            "<row r=\"2\"><c t=\"s\"><v>1</v></c><c t=\"inlineStr\"><is><t>Tehran</t></is></c>"
            "</row></sheetData></worksheet>"},
       {"xl/worksheets/sheet2.xml", "<worksheet " + ns +
                                        "><sheetData><row><c><v>1500.5</v></c><c t=\"s\"><v>99</v></c>"
                                        "</row></sheetData></worksheet>"},
       {"docProps/core.xml", kCore}});
  auto doc = Extract(xlsx, "book.xlsx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(doc->text, "Payments\n1500.5\n\nPeople\nName\nAli Rezaei\tTehran");
  EXPECT_EQ(doc->metadata["author"], "Nadia Rahimi");
}

TEST(OoxmlHandlerTest, PptxSlidesInPresentationOrder) {
  std::string ns =
      "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" "
      "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
  auto slide = [&](const std::string& a, const std::string& b) {
    return "<p:sld " + ns + "><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>" + a +
           "</a:t></a:r></a:p><a:p><a:r><a:t>" + b +
           "</a:t></a:r><a:br/><a:r><a:t>more</a:t></a:r></a:p>"
           "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>";
  };
  std::string pptx = WriteArchive(
      {{"[Content_Types].xml", kTypes},
       {"ppt/presentation.xml", "<p:presentation " + ns +
                                    "><p:sldIdLst><p:sldId id=\"256\" r:id=\"rId7\"/>"
                                    "<p:sldId id=\"257\" r:id=\"rId3\"/></p:sldIdLst></p:presentation>"},
       {"ppt/_rels/presentation.xml.rels",
        "<Relationships><Relationship Id=\"rId3\" Target=\"slides/slide1.xml\"/>"
        "<Relationship Id=\"rId7\" Target=\"slides/slide2.xml\"/></Relationships>"},
       {"ppt/slides/slide1.xml", slide("Second", "B")},
       {"ppt/slides/slide2.xml", slide("First", "A")}});
  auto doc = Extract(pptx, "deck.pptx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->text, "First\nA\nmore\n\nSecond\nB\nmore");
}

}  // namespace
}  // namespace leakgraph::extract
