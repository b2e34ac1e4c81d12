#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "extract/handler.h"

namespace leakgraph::extract {
namespace {

// Writes a minimal valid PDF: one page per entry of `page_words`, each page
// showing its words in Helvetica, with an xref table at correct offsets.
// `extra_trailer` is added to the trailer dictionary (e.g. an /Encrypt ref),
// `extra_objects` are appended after the page objects, numbered on.
std::string BuildPdf(const std::vector<std::string>& page_words, const std::string& info = "",
                     const std::vector<std::string>& extra_objects = {},
                     const std::string& extra_trailer = "") {
  std::vector<std::string> objects;  // objects[i] is object number i + 1
  const int page_count = static_cast<int>(page_words.size());
  const int first_page = 4;  // 1 catalog, 2 pages, 3 font, then page/content pairs
  std::string kids;
  for (int i = 0; i < page_count; ++i) kids += std::to_string(first_page + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(page_count) + " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (int i = 0; i < page_count; ++i) {
    std::string content = "BT /F1 12 Tf 72 720 Td (" + page_words[i] + ") Tj ET";
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 3 0 R >> >> /Contents " +
        std::to_string(first_page + 2 * i + 1) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                      "\nendstream");
  }
  std::string info_ref;
  if (!info.empty()) {
    objects.push_back(info);
    info_ref = " /Info " + std::to_string(objects.size()) + " 0 R";
  }
  for (const std::string& extra : extra_objects) objects.push_back(extra);

  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  std::size_t xref_offset = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R" + info_ref +
         extra_trailer + " >>\nstartxref\n" + std::to_string(xref_offset) + "\n%%EOF\n";
  return pdf;
}

Result<ExtractedDocument> ExtractPdf(std::string_view bytes) {
  return MakePdfHandler()->Extract(ExtractInput{bytes, "file.pdf", ""});
}

TEST(PdfHandlerTest, TwoPagesGiveTextAndPageOffsets) {
  std::string pdf = BuildPdf({"Alpha Bravo", "Charlie Delta"});
  auto doc = ExtractPdf(pdf);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->content_type, "application/pdf");
  ASSERT_EQ(doc->page_offsets.size(), 2u);
  EXPECT_EQ(doc->page_offsets[0], 0u);
  std::string first = doc->text.substr(0, doc->page_offsets[1]);
  std::string second = doc->text.substr(doc->page_offsets[1]);
  EXPECT_NE(first.find("Alpha Bravo"), std::string::npos) << doc->text;
  EXPECT_EQ(first.find("Charlie"), std::string::npos);
  EXPECT_EQ(second.rfind("Charlie Delta", 0), 0u) << doc->text;
  EXPECT_EQ(doc->title, "file.pdf");  // no info dictionary: falls back to the file name
}

TEST(PdfHandlerTest, InfoDictionaryGivesMetadata) {
  std::string pdf = BuildPdf({"Body"},
                             "<< /Title (Annual Report) /Author (Jane Doe) /Subject (Finance) "
                             "/CreationDate (D:20190312101500+02'00') >>");
  auto doc = ExtractPdf(pdf);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->title, "Annual Report");
  EXPECT_EQ(doc->metadata["title"], "Annual Report");
  EXPECT_EQ(doc->metadata["author"], "Jane Doe");
  EXPECT_EQ(doc->metadata["subject"], "Finance");
  EXPECT_EQ(doc->metadata["created"], "2019-03-12T08:15:00Z");
}

TEST(PdfHandlerTest, Utf16InfoTitleIsDecoded) {
  // "عقد" as UTF-16BE with a byte-order mark.
  std::string pdf = BuildPdf({"Body"}, "<< /Title <FEFF06390642062F> >>");
  auto doc = ExtractPdf(pdf);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->metadata["title"], "عقد");
}

TEST(PdfHandlerTest, EncryptedPdfIsReportedAsEncrypted) {
  std::string hex32(64, 'A');
  std::string encrypt = "<< /Filter /Standard /V 1 /R 2 /O <" + hex32 + "> /U <" + hex32 + "> /P -4 >>";
  std::string pdf = BuildPdf({"Secret"}, "", {encrypt},
                             " /Encrypt 6 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> "
                             "<0123456789ABCDEF0123456789ABCDEF>]");
  auto doc = ExtractPdf(pdf);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), "encrypted PDF: cannot be read without a password");
}

TEST(PdfHandlerTest, TruncatedPdfNeverCrashes) {
  std::string pdf = BuildPdf({"Alpha Bravo", "Charlie Delta"});
  for (std::size_t cut = 0; cut < pdf.size(); cut += 7) {
    auto doc = ExtractPdf(std::string_view(pdf).substr(0, cut));
    if (!doc.ok()) {
      EXPECT_EQ(doc.status().message().rfind("corrupt PDF: ", 0), 0u) << doc.status().message();
    }
  }
}

TEST(PdfHandlerTest, PdfCutAfterFirstPageGivesFirstPageWithWarning) {
  std::string pdf = BuildPdf({"Alpha Bravo", "Charlie Delta"});
  std::size_t second_page_content = pdf.find("7 0 obj");  // objects 6 and 7: page 2
  ASSERT_NE(second_page_content, std::string::npos);
  auto doc = ExtractPdf(std::string_view(pdf).substr(0, second_page_content + 20));
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->text.rfind("Alpha Bravo", 0), 0u) << doc->text;
  EXPECT_EQ(doc->text.find("Charlie"), std::string::npos);
  EXPECT_FALSE(doc->warnings.empty());
}

TEST(PdfHandlerTest, HeaderOnlyGarbageIsCorrupt) {
  auto doc = ExtractPdf("%PDF-1.7\nthis is not really a PDF at all\n");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message().rfind("corrupt PDF: ", 0), 0u) << doc.status().message();
  EXPECT_FALSE(ExtractPdf("").ok());
}

TEST(PdfHandlerTest, PageWithoutTextGivesWarningNotError) {
  auto doc = ExtractPdf(BuildPdf({""}));
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_TRUE(doc->text.empty());
  EXPECT_EQ(doc->page_offsets.size(), 1u);
  EXPECT_FALSE(doc->warnings.empty());
}

TEST(PdfHandlerTest, SeparateDocumentsParseOnSeveralThreadsAtOnce) {
  std::string pdf = BuildPdf({"Alpha Bravo", "Charlie Delta"});
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&pdf, &failures, t] {
      for (int i = 0; i < 50; ++i) {
        auto doc = ExtractPdf(pdf);
        if (!doc.ok() || doc->text.find("Charlie Delta") == std::string::npos) ++failures[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int count : failures) EXPECT_EQ(count, 0);
}

TEST(PdfHandlerTest, TwoHundredPagesKeepEveryPageAtItsOffset) {
  std::vector<std::string> pages;
  for (int i = 0; i < 200; ++i) pages.push_back("page" + std::to_string(i) + " word");
  std::string pdf = BuildPdf(pages);
  auto start = std::chrono::steady_clock::now();
  auto doc = ExtractPdf(pdf);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->page_offsets.size(), 200u);
  for (int i = 0; i < 200; ++i)
    EXPECT_EQ(doc->text.compare(doc->page_offsets[i], pages[i].size(), pages[i]), 0) << i;
  RecordProperty("pages_per_second", static_cast<int>(200 / seconds));
}

}  // namespace
}  // namespace leakgraph::extract
