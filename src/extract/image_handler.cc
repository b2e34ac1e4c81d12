// The image handler (PNG, JPEG, TIFF, WebP, GIF, BMP): a scanned page's text
// by OCR (ocr/ocr.h), one page per TIFF directory, pages separated by a blank
// line with page_offsets where each starts. Metadata: "width", "height"
// (of the first page), "pages", and "ocr" ("tesseract eng 0.91": the
// language and mean confidence, of the first page read) when text was read.
//
// The header is read before anything is decoded (extract/image_header.h):
// an image declaring more pixels than ImageLimits is refused with its size as
// the reason. Without an OCR engine (--ocr off) the image is kept as a
// document without text, with a warning saying why. Images too small to
// hold a line of text (icons, spacers) are not read.
#include <leptonica/allheaders.h>

#include <memory>
#include <string>

#include "extract/handler.h"
#include "extract/image_header.h"
#include "ocr/ocr.h"
#include "util/sha256.h"

namespace leakgraph::extract {
namespace {

constexpr std::string_view kPageSeparator = "\n\n";
constexpr std::uint32_t kMinTextWidth = 32;
constexpr std::uint32_t kMinTextHeight = 16;

struct PixDeleter {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Decodes frame after frame; `on_frame(index, pix)` is called for each.
template <typename OnFrame>
Status DecodeFrames(std::string_view bytes, bool tiff, OnFrame on_frame) {
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  if (!tiff) {
    PixPtr pix(pixReadMem(data, bytes.size()));
    if (!pix) return Status::InvalidInput("corrupt image: cannot be decoded");
    on_frame(0, pix.get());
    return Status::Ok();
  }
  std::size_t offset = 0;
  for (int index = 0;; ++index) {
    PixPtr pix(pixReadMemFromMultipageTiff(data, bytes.size(), &offset));
    if (!pix) {
      if (index == 0) return Status::InvalidInput("corrupt image: TIFF cannot be decoded");
      break;
    }
    on_frame(index, pix.get());
    if (offset == 0) break;
  }
  return Status::Ok();
}

class ImageHandler final : public FormatHandler {
 public:
  bool fragile() const override { return true; }
  std::string_view name() const override { return "image"; }

  bool Accepts(std::string_view content_type) const override {
    return content_type == "image/png" || content_type == "image/jpeg" || content_type == "image/tiff" ||
           content_type == "image/webp" || content_type == "image/gif" || content_type == "image/bmp";
  }

  Result<ExtractedDocument> Extract(const ExtractInput& input) const override {
    ocr::SilenceLeptonica();
    std::string type = SniffContentType(input.bytes, input.file_name, input.content_type_hint);
    ImageLimits limits;
    auto sizes = ReadImageSizes(input.bytes, type, limits);
    if (!sizes.ok()) return sizes.status();
    if (Status fits = CheckImageSizes(*sizes, limits); !fits.ok()) return fits;

    ExtractedDocument doc;
    doc.content_type = type;
    doc.title = std::string(input.file_name);
    doc.metadata["width"] = std::to_string(sizes->front().width);
    doc.metadata["height"] = std::to_string(sizes->front().height);
    doc.metadata["pages"] = std::to_string(sizes->size());
    if (input.ocr == nullptr || input.ocr->mode() == ocr::OcrMode::kOff) {
      doc.warnings.push_back("no text extracted: OCR is off");
      return doc;
    }
    const std::string hash = util::Sha256Hex(input.bytes);
    int failed = 0;
    std::string first_failure;
    Status decoded = DecodeFrames(input.bytes, type == "image/tiff", [&](int index, Pix* pix) {
      if (index > 0) doc.text += kPageSeparator;
      doc.page_offsets.push_back(doc.text.size());
      if (pixGetWidth(pix) < static_cast<l_int32>(kMinTextWidth) ||
          pixGetHeight(pix) < static_cast<l_int32>(kMinTextHeight))
        return;
      int dpi = pixGetXRes(pix) >= 70 && pixGetXRes(pix) <= 2400 ? pixGetXRes(pix) : 0;
      auto read = input.ocr->Recognize(pix, dpi, hash + "#" + std::to_string(index));
      if (!read.ok()) {
        if (failed++ == 0) first_failure = read.status().message();
        return;
      }
      doc.text += read->text;
      if (doc.metadata.count("ocr") == 0 && !read->text.empty())
        doc.metadata["ocr"] = ocr::DescribeOcr(read->language, read->confidence);
    });
    if (!decoded.ok()) return decoded;
    if (failed > 0) {
      if (failed == static_cast<int>(doc.page_offsets.size())) return Status::Internal(first_failure);
      doc.warnings.push_back(std::to_string(failed) + " page(s) not read: " + first_failure);
    }
    std::size_t end = doc.text.find_last_not_of(" \t\r\n\f");
    if (end == std::string::npos) doc.warnings.push_back("OCR found no text in the image");
    return doc;
  }
};

}  // namespace

std::unique_ptr<FormatHandler> MakeImageHandler() {
  return std::make_unique<ImageHandler>();
}

}  // namespace leakgraph::extract
