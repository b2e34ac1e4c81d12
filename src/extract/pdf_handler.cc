// The PDF handler ("application/pdf"): the text layer of every page, read
// with poppler-cpp, in page order; pages are separated by a blank line and
// page_offsets gives where each page's text starts. Metadata "title",
// "author", "subject" and "created" (ISO 8601 UTC) come from the document
// information dictionary.
//
// Errors: a PDF that needs a password gives "encrypted PDF: cannot be read
// without a password" (whether poppler fails or opens it locked); one poppler
// cannot open, or that has no pages, gives "corrupt PDF: <reason>". A PDF cut
// short (no trailer) is read as far as it goes, with a warning. A page
// that cannot be read is left empty with a warning. A PDF whose pages have no
// text at all (a scan) is not an error: its text is empty and a warning says
// so. With an OCR engine (ExtractInput::ocr), pages without a text layer
// (every page with --ocr force) are rendered at 300 dpi and read by OCR;
// metadata "ocr" says how ("tesseract eng 0.91": the most frequent
// language, the mean confidence) and "ocr_pages" how many pages ("2 of 3").
//
// Poppler's own diagnostics go nowhere (they would flood stderr on damaged
// files). Poppler guards its global state itself; separate documents may be
// read on separate threads.
#include <poppler-document.h>
#include <poppler-global.h>
#include <leptonica/allheaders.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <map>
#include <ctime>
#include <memory>
#include <mutex>
#include <string>

#include "extract/handler.h"
#include "ocr/ocr.h"
#include "text/encoding.h"
#include "util/sha256.h"

namespace leakgraph::extract {
namespace {

constexpr std::string_view kPageSeparator = "\n\n";
constexpr std::string_view kEncrypted = "encrypted PDF: cannot be read without a password";
constexpr double kOcrDpi = 300;
constexpr double kMaxRenderPixels = 60e6;  // a page rendered for OCR; larger pages get fewer dpi
constexpr int kMinOcrDpi = 50;

void SilencePopplerOnce() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

// Returns `text` as valid UTF-8 NFC.
std::string CleanUtf8(std::string_view text) {
  if (text::IsValidUtf8(text)) return text::ToNfc(text);
  return text::DecodeToUtf8(text, "UTF-8").utf8;
}

std::string ToUtf8(const poppler::ustring& text) {
  poppler::byte_array bytes = text.to_utf8();
  return CleanUtf8(std::string_view(bytes.data(), bytes.size()));
}

std::string TrimTrailingWhitespace(std::string text) {
  std::size_t end = text.find_last_not_of(" \t\r\n\f");
  text.resize(end == std::string::npos ? 0 : end + 1);
  return text;
}

std::string TrimWhitespace(std::string text) {
  text = TrimTrailingWhitespace(std::move(text));
  std::size_t begin = text.find_first_not_of(" \t\r\n\f");
  return begin == std::string::npos ? std::string() : text.substr(begin);
}

// Returns `when` as "YYYY-MM-DDTHH:MM:SSZ", or "" for an absent date.
std::string IsoUtc(std::time_t when) {
  if (when <= 0) return {};
  std::tm utc{};
  if (gmtime_r(&when, &utc) == nullptr) return {};
  char buffer[32];
  if (std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc) == 0) return {};
  return buffer;
}

void ReadInfoDictionary(const poppler::document& document, ExtractedDocument& doc) {
  static const std::pair<const char*, const char*> kFields[] = {
      {"Title", "title"}, {"Author", "author"}, {"Subject", "subject"}};
  for (const auto& [pdf_key, metadata_key] : kFields) {
    std::string value = TrimWhitespace(ToUtf8(document.info_key(pdf_key)));
    if (!value.empty()) doc.metadata[metadata_key] = value;
  }
  std::string created = IsoUtc(document.info_date_t("CreationDate"));
  if (!created.empty()) doc.metadata["created"] = created;
}

struct PixDeleter {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};

// Renders `page` as 8-bit grey at kOcrDpi (less for pages so large they
// would exceed kMaxRenderPixels). Returns nullptr if poppler cannot render it.
std::unique_ptr<Pix, PixDeleter> RenderPage(const poppler::page& page, int& dpi) {
  poppler::rectf box = page.page_rect(poppler::media_box);
  double width_in = std::abs(box.width()) / 72.0, height_in = std::abs(box.height()) / 72.0;
  double scale = kOcrDpi;
  double pixels = width_in * height_in * scale * scale;
  if (pixels > kMaxRenderPixels) scale *= std::sqrt(kMaxRenderPixels / pixels);
  dpi = static_cast<int>(scale);
  if (dpi < kMinOcrDpi || width_in <= 0 || height_in <= 0) return nullptr;
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  poppler::image image = renderer.render_page(&page, dpi, dpi);
  if (!image.is_valid() || image.width() <= 0 || image.height() <= 0) return nullptr;
  std::unique_ptr<Pix, PixDeleter> pix(pixCreate(image.width(), image.height(), 8));
  if (!pix) return nullptr;
  l_uint32* rows = pixGetData(pix.get());
  int words_per_row = pixGetWpl(pix.get());
  for (int y = 0; y < image.height(); ++y) {
    std::memcpy(rows + static_cast<std::ptrdiff_t>(y) * words_per_row,
                image.const_data() + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row(),
                static_cast<std::size_t>(image.width()));
  }
  pixEndianByteSwap(pix.get());  // Leptonica packs bytes big-endian within words
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

// The OCR readings of a document's pages, summarised into its metadata.
struct OcrTally {
  int pages = 0;
  double confidence_sum = 0;
  std::map<std::string, int> languages;
  int failed = 0;
  std::string first_failure;
};

// Returns the OCR text of page `index`, or "" (tallying why in `tally`).
std::string OcrPage(const poppler::page& page, const ocr::OcrEngine& engine, OcrTally& tally) {
  int dpi = 0;
  auto pix = RenderPage(page, dpi);
  if (!pix) {
    if (tally.failed++ == 0) tally.first_failure = "page cannot be rendered";
    return {};
  }
  l_uint32* data = pixGetData(pix.get());
  std::string_view pixels(reinterpret_cast<const char*>(data),
                          static_cast<std::size_t>(pixGetWpl(pix.get())) * 4 * pixGetHeight(pix.get()));
  auto read = engine.Recognize(pix.get(), dpi, util::Sha256Hex(pixels));
  if (!read.ok()) {
    if (tally.failed++ == 0) tally.first_failure = read.status().message();
    return {};
  }
  tally.pages++;
  tally.confidence_sum += read->confidence;
  tally.languages[read->language]++;
  return CleanUtf8(read->text);
}

void ReadPages(const poppler::document& document, const ocr::OcrEngine* engine, ExtractedDocument& doc) {
  int page_count = document.pages();
  doc.page_offsets.reserve(static_cast<std::size_t>(page_count));
  bool ocr_on = engine != nullptr && engine->mode() != ocr::OcrMode::kOff;
  bool ocr_every_page = ocr_on && engine->mode() == ocr::OcrMode::kForce;
  int unreadable = 0;
  OcrTally tally;
  for (int i = 0; i < page_count; ++i) {
    if (i > 0) doc.text += kPageSeparator;
    doc.page_offsets.push_back(doc.text.size());
    std::unique_ptr<poppler::page> page(document.create_page(i));
    if (!page) {
      ++unreadable;
      continue;
    }
    std::string text = TrimTrailingWhitespace(ToUtf8(page->text()));
    bool no_text = text.find_first_not_of(" \t\r\n\f") == std::string::npos;
    if (ocr_on && (no_text || ocr_every_page)) {
      std::string read = TrimTrailingWhitespace(OcrPage(*page, *engine, tally));
      if (!read.empty() || no_text) text = std::move(read);
    }
    doc.text += text;
  }
  if (unreadable > 0)
    doc.warnings.push_back(std::to_string(unreadable) + " of " + std::to_string(page_count) +
                           " pages could not be read");
  if (tally.pages > 0) {
    auto most = std::max_element(tally.languages.begin(), tally.languages.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    doc.metadata["ocr"] = ocr::DescribeOcr(most->first, tally.confidence_sum / tally.pages);
    doc.metadata["ocr_pages"] = std::to_string(tally.pages) + " of " + std::to_string(page_count);
  }
  if (tally.failed > 0)
    doc.warnings.push_back("OCR failed on " + std::to_string(tally.failed) + " page(s): " + tally.first_failure);
  if (doc.text.find_first_not_of(" \t\r\n\f") == std::string::npos)
    doc.warnings.push_back(ocr_on ? "no text: no text layer and OCR found none"
                                  : "no text layer: scanned pages need OCR (--ocr auto)");
}

bool IsAsciiDigit(char c) {
  return c >= '0' && c <= '9';
}

// Returns "N G" for the indirect object whose header "N G obj" is the last one
// before `at`, or "" if there is none.
std::string ObjectReferenceBefore(std::string_view bytes, std::size_t at) {
  std::size_t obj = bytes.rfind(" obj", at);
  if (obj == std::string_view::npos) return {};
  std::size_t begin = obj;
  int numbers = 0;
  while (numbers < 2 && begin > 0) {
    std::size_t end = begin;
    while (begin > 0 && IsAsciiDigit(bytes[begin - 1])) --begin;
    if (begin == end) return {};
    ++numbers;
    if (numbers < 2) {
      if (begin == 0 || bytes[begin - 1] != ' ') return {};
      --begin;
    }
  }
  return numbers == 2 ? std::string(bytes.substr(begin, obj - begin)) : std::string();
}

// A truncated PDF (a partial download, a carved file) has lost its trailer,
// without which poppler will not rebuild the cross-reference table. Returns a
// copy with a trailer naming the catalog appended, or "" if no catalog is
// left to name.
std::string WithRecoveryTrailer(std::string_view bytes) {
  std::size_t catalog = bytes.find("/Type /Catalog");
  if (catalog == std::string_view::npos) catalog = bytes.find("/Type/Catalog");
  if (catalog == std::string_view::npos) return {};
  std::string root = ObjectReferenceBefore(bytes, catalog);
  if (root.empty()) return {};
  std::string repaired(bytes);
  repaired += "\ntrailer\n<< /Root " + root + " R >>\n%%EOF\n";
  return repaired;
}

class PdfHandler final : public FormatHandler {
 public:
  bool fragile() const override { return true; }
  std::string_view name() const override { return "pdf"; }

  bool Accepts(std::string_view content_type) const override {
    return content_type == "application/pdf" || content_type == "application/x-pdf";
  }

  Result<ExtractedDocument> Extract(const ExtractInput& input) const override {
    SilencePopplerOnce();
    if (input.bytes.size() > static_cast<std::size_t>(INT_MAX))
      return Status::Unsupported("PDF larger than 2 GiB");
    // load_from_raw_data reads `input.bytes` in place; the document must not
    // outlive this call.
    std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(input.bytes.data(), static_cast<int>(input.bytes.size())));
    std::string repaired;  // must outlive `document` when used
    bool recovered = false;
    if (!document && input.bytes.starts_with("%PDF-") &&
        input.bytes.find("/Encrypt") == std::string_view::npos) {
      repaired = WithRecoveryTrailer(input.bytes);
      if (!repaired.empty() && repaired.size() <= static_cast<std::size_t>(INT_MAX)) {
        document.reset(
            poppler::document::load_from_raw_data(repaired.data(), static_cast<int>(repaired.size())));
        recovered = document != nullptr;
      }
    }
    if (!document) {
      if (input.bytes.find("/Encrypt") != std::string_view::npos)
        return Status::InvalidInput(std::string(kEncrypted));
      return Status::InvalidInput(input.bytes.starts_with("%PDF-")
                                      ? "corrupt PDF: poppler cannot parse the file"
                                      : "corrupt PDF: no %PDF- header");
    }
    if (document->is_locked()) return Status::InvalidInput(std::string(kEncrypted));
    if (document->pages() <= 0) return Status::InvalidInput("corrupt PDF: no pages");

    ExtractedDocument doc;
    doc.content_type = "application/pdf";
    if (recovered) doc.warnings.push_back("truncated or damaged PDF: read what was left");
    ReadInfoDictionary(*document, doc);
    ReadPages(*document, input.ocr, doc);
    auto title = doc.metadata.find("title");
    doc.title = title != doc.metadata.end() ? title->second : std::string(input.file_name);
    return doc;
  }
};

}  // namespace

std::unique_ptr<FormatHandler> MakePdfHandler() {
  return std::make_unique<PdfHandler>();
}

}  // namespace leakgraph::extract
