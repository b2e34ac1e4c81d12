// Scanned pages through `leakgraph ingest --ocr`: an English, an Arabic and a
// Persian page (PNG, JPEG, multi-page TIFF, WebP) and a PDF without a text
// layer, each found by a word it contains; the OCR language and confidence
// in each document's metadata; the cache (a page seen again in another PDF is
// not read again); --ocr off; an image declaring 30000x30000 pixels refused
// before decoding. Fixtures are drawn at test time with ImageMagick (its
// pango coder shapes Arabic script) and Debian's fonts; the test skips
// cleanly when they are missing.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.h"

namespace leakgraph::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kEnglish = "Confidential shipment manifest for Rotterdam harbour";
constexpr const char* kArabic = "المملكة العربية السعودية وزارة الخارجية";
constexpr const char* kPersian = "گزارش محرمانه وزارت امور خارجه ایران";

bool HaveFixtureTools() {
  // In a subshell: RunShell redirects the last command's input from /dev/null.
  return RunShell("(convert -list format 2>/dev/null | grep -qi pango && fc-list | grep -qi 'Noto Naskh Arabic' && "
                  "fc-list | grep -qi nazli && fc-list | grep -qi 'DejaVu Sans')")
             .exit_code == 0;
}

// Draws `text` in `font` on a white page and writes it to `out` (the format
// follows the extension).
void DrawPage(const std::string& text, const std::string& font, const fs::path& out) {
  std::string command = "convert -background white -font '" + font +
                        "' pango:'<span size=\"36000\">" + text + "</span>' -bordercolor white -border 60 " +
                        "-type Grayscale '" + out.string() + "'";
  CommandResult r = RunShell(command);
  ASSERT_EQ(r.exit_code, 0) << command << "\n" << r.err;
}

// A one-page PDF without a text layer: the JPEG `jpeg` (grey, `w` x `h`
// pixels at 150 dpi) drawn over the whole page; `title` varies the file's
// bytes without changing its page.
// `hidden_text`, if given, is an invisible text layer (render mode 3), as
// OCR software leaves over a scan.
std::string ScannedPdf(const std::string& jpeg, int w, int h, const std::string& title,
                       const std::string& hidden_text = "") {
  int pw = w * 72 / 150, ph = h * 72 / 150;
  std::string content = "q " + std::to_string(pw) + " 0 0 " + std::to_string(ph) + " 0 0 cm /Im0 Do Q\n";
  if (!hidden_text.empty()) content += "BT 3 Tr /F1 12 Tf 20 20 Td (" + hidden_text + ") Tj ET\n";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + std::to_string(pw) + " " + std::to_string(ph) +
          "] /Resources << /XObject << /Im0 4 0 R >> /Font << /F1 7 0 R >> >> /Contents 5 0 R >>",
      "<< /Type /XObject /Subtype /Image /Width " + std::to_string(w) + " /Height " + std::to_string(h) +
          " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length " +
          std::to_string(jpeg.size()) + " >>\nstream\n" + jpeg + "\nendstream",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
      "<< /Title (" + title + ") >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t at : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", at);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R /Info 6 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A PNG of nothing but its signature and a header declaring w x h pixels.
std::string PngHeaderOnly(std::uint32_t w, std::uint32_t h) {
  std::string png = "\x89PNG\r\n\x1A\n";
  png += std::string("\0\0\0\x0DIHDR", 8);
  for (std::uint32_t v : {w, h}) {
    for (int shift = 24; shift >= 0; shift -= 8) png += static_cast<char>((v >> shift) & 0xFF);
  }
  png += std::string("\x08\x00\x00\x00\x00", 5);
  png += std::string("\0\0\0\0", 4);  // CRC (not checked before the size is)
  return png;
}

class OcrTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!HaveFixtureTools())
      GTEST_SKIP() << "ImageMagick with pango, or fonts (DejaVu, Noto Naskh Arabic, Nazli) missing";
    fs::create_directories(In());
  }
  std::string Case() const { return (tmp_ / "case").string(); }
  fs::path In(std::string_view name = "") const { return name.empty() ? tmp_ / "in" : tmp_ / "in" / name; }
  json Json(const std::vector<std::string>& args) const {
    CommandResult r = RunLeakgraph(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    try {
      return json::parse(r.out);
    } catch (const std::exception&) {
      ADD_FAILURE() << "not JSON: " << r.out;
      return json::object();
    }
  }
  std::vector<std::string> HitPaths(const std::string& query) const {
    std::vector<std::string> paths;
    for (const auto& hit : Json({"search", Case(), query, "--json"}).value("hits", json::array()))
      paths.push_back(hit.value("path", ""));
    return paths;
  }
  json Metadata(const fs::path& path) const {
    return Json({"show", Case(), path.string(), "--json", "--no-text"}).value("metadata", json::object());
  }
  std::map<std::string, std::string> Failures() const {
    std::map<std::string, std::string> out;
    for (const auto& f : Json({"status", Case(), "--json"}).value("failures", json::array()))
      out[f.value("path", "")] = f.value("reason", "");
    return out;
  }

  TempDir tmp_;
};

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST_F(OcrTest, ScannedPagesInThreeLanguagesAreFoundByTheirWords) {
  DrawPage(kEnglish, "DejaVu Sans", In("english.png"));
  DrawPage(kArabic, "Noto Naskh Arabic", In("arabic.jpg"));
  DrawPage(kPersian, "Nazli", tmp_ / "persian.png");
  DrawPage("Second page mentions the Zanzibar warehouse", "DejaVu Sans", tmp_ / "second.png");
  ASSERT_EQ(RunShell("cd '" + tmp_.path().string() + "' && convert persian.png second.png in/pages.tif && " +
                     "convert in/english.png -quality 90 in/english-copy.webp")
                .exit_code,
            0);
  DrawPage("Scanned letter about the Karachi consignment", "DejaVu Sans", tmp_ / "letter.jpg");
  std::string jpeg = ReadFile(tmp_ / "letter.jpg");
  CommandResult size = RunShell("identify -format '%w %h' '" + (tmp_ / "letter.jpg").string() + "'");
  int w = 0, h = 0;
  ASSERT_EQ(std::sscanf(size.out.c_str(), "%d %d", &w, &h), 2) << size.out;
  WriteFile(In("scan.pdf"), ScannedPdf(jpeg, w, h, "first"));

  CommandResult r = RunLeakgraph({"ingest", Case(), In().string(), "-j", "2", "--ocr", "auto"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;

  EXPECT_TRUE(Has(HitPaths("Rotterdam"), In("english.png").string()));
  EXPECT_TRUE(Has(HitPaths("Rotterdam"), In("english-copy.webp").string()));
  EXPECT_TRUE(Has(HitPaths("وزارة"), In("arabic.jpg").string()));
  EXPECT_TRUE(Has(HitPaths("محرمانه"), In("pages.tif").string()));
  EXPECT_TRUE(Has(HitPaths("Zanzibar"), In("pages.tif").string()));
  EXPECT_TRUE(Has(HitPaths("Karachi"), In("scan.pdf").string()));

  EXPECT_TRUE(Metadata(In("english.png")).value("ocr", "").starts_with("tesseract eng 0."));
  EXPECT_TRUE(Metadata(In("arabic.jpg")).value("ocr", "").starts_with("tesseract ara 0."));
  EXPECT_TRUE(Metadata(In("pages.tif")).value("ocr", "").starts_with("tesseract fas 0."));
  EXPECT_EQ(Metadata(In("pages.tif")).value("pages", ""), "2");
  json pdf = Metadata(In("scan.pdf"));
  EXPECT_TRUE(pdf.value("ocr", "").starts_with("tesseract eng 0.")) << pdf.dump();
  EXPECT_EQ(pdf.value("ocr_pages", ""), "1 of 1");
  json tif = Json({"show", Case(), In("pages.tif").string(), "--json"});
  EXPECT_EQ(tif.value("pages", json::array()).size(), 2u) << tif.dump();  // page offsets
}

TEST_F(OcrTest, APageSeenBeforeComesFromTheCache) {
  DrawPage("Scanned letter about the Karachi consignment", "DejaVu Sans", tmp_ / "letter.jpg");
  std::string jpeg = ReadFile(tmp_ / "letter.jpg");
  CommandResult size = RunShell("identify -format '%w %h' '" + (tmp_ / "letter.jpg").string() + "'");
  int w = 0, h = 0;
  ASSERT_EQ(std::sscanf(size.out.c_str(), "%d %d", &w, &h), 2) << size.out;
  WriteFile(In("first.pdf"), ScannedPdf(jpeg, w, h, "first"));
  ASSERT_EQ(RunLeakgraph({"ingest", Case(), In().string()}).exit_code, 0);
  fs::path cache = fs::path(Case()) / "cache" / "ocr.sqlite";
  ASSERT_TRUE(fs::exists(cache));
  // Mark the cached reading: a second PDF with the same page must show the mark.
  CommandResult marked =
      RunShell("sqlite3 '" + cache.string() + "' \"UPDATE ocr SET text = 'okapimarker cached'\"");
  ASSERT_EQ(marked.exit_code, 0) << marked.err;
  WriteFile(tmp_ / "more" / "second.pdf", ScannedPdf(jpeg, w, h, "second"));
  ASSERT_EQ(RunLeakgraph({"ingest", Case(), (tmp_ / "more").string()}).exit_code, 0);
  EXPECT_TRUE(Has(HitPaths("okapimarker"), (tmp_ / "more" / "second.pdf").string()));
  EXPECT_FALSE(Has(HitPaths("okapimarker"), In("first.pdf").string()));
}

TEST_F(OcrTest, ForceReadsPagesThatHaveATextLayer) {
  DrawPage("Scanned letter about the Karachi consignment", "DejaVu Sans", tmp_ / "letter.jpg");
  std::string jpeg = ReadFile(tmp_ / "letter.jpg");
  CommandResult size = RunShell("identify -format '%w %h' '" + (tmp_ / "letter.jpg").string() + "'");
  int w = 0, h = 0;
  ASSERT_EQ(std::sscanf(size.out.c_str(), "%d %d", &w, &h), 2) << size.out;
  WriteFile(In("layered.pdf"), ScannedPdf(jpeg, w, h, "layered", "hiddenlayerword"));
  ASSERT_EQ(RunLeakgraph({"ingest", Case(), In().string(), "--ocr", "auto"}).exit_code, 0);
  EXPECT_TRUE(Has(HitPaths("hiddenlayerword"), In("layered.pdf").string()));  // auto: the layer is kept
  EXPECT_FALSE(Has(HitPaths("Karachi"), In("layered.pdf").string()));
  EXPECT_EQ(Metadata(In("layered.pdf")).value("ocr", ""), "");

  std::string forced = (tmp_ / "forced").string();
  ASSERT_EQ(RunLeakgraph({"ingest", forced, In().string(), "--ocr", "force"}).exit_code, 0);
  json hits = Json({"search", forced, "Karachi", "--json"}).value("hits", json::array());
  ASSERT_EQ(hits.size(), 1u);  // force: the page is read by OCR
  EXPECT_EQ(hits[0].value("path", ""), In("layered.pdf").string());
  EXPECT_TRUE(Json({"search", forced, "hiddenlayerword", "--json"}).value("hits", json::array()).empty());
}

TEST_F(OcrTest, OcrOffKeepsImagesWithoutText) {
  DrawPage(kEnglish, "DejaVu Sans", In("english.png"));
  CommandResult r = RunLeakgraph({"ingest", Case(), In().string(), "--ocr", "off"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(HitPaths("Rotterdam").empty());
  EXPECT_EQ(Metadata(In("english.png")).value("warning", ""), "no text extracted: OCR is off");
  EXPECT_NE(RunLeakgraph({"ingest", Case(), In().string(), "--ocr", "sometimes"}).exit_code, 0);
}

TEST_F(OcrTest, ImagesDeclaringHugeDimensionsAreRefusedBeforeDecoding) {
  WriteFile(In("huge.png"), PngHeaderOnly(30000, 30000));
  WriteFile(In("fine.txt"), "an ordinary aardvark note\n");
  CommandResult r = RunLeakgraph({"ingest", Case(), In().string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // one failure recorded
  auto failures = Failures();
  EXPECT_EQ(failures[In("huge.png").string()],
            "image refused before decoding: declares 30000x30000 pixels, over the limit of 100 megapixels");
  EXPECT_TRUE(Has(HitPaths("aardvark"), In("fine.txt").string()));
}

}  // namespace
}  // namespace leakgraph::testing
