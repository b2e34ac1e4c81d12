#include "extract/image_header.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/handler.h"

namespace leakgraph::extract {
namespace {

std::string Be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string Png(std::uint32_t w, std::uint32_t h) {
  return std::string("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR", 16) + Be32(w) + Be32(h) + std::string("\x08\0\0\0\0\0\0\0\0", 9);
}

// A little-endian TIFF whose directories point at each other in a loop.
std::string LoopingTiff() {
  std::string t = std::string("II*\0", 4) + std::string("\x08\0\0\0", 4);  // first IFD at 8
  t += std::string("\x01\0", 2);                                           // one entry
  t += std::string("\x00\x01\x03\0\x01\0\0\0\x10\0\0\0", 12);               // width = 16
  t += std::string("\x08\0\0\0", 4);                                       // next IFD: itself
  return t;
}

TEST(ImageHeaderTest, ReadsDeclaredSizesWithoutDecoding) {
  ImageLimits limits;
  auto png = ReadImageSizes(Png(640, 480), "image/png", limits);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png->front().width, 640u);
  EXPECT_EQ(png->front().height, 480u);
  EXPECT_TRUE(CheckImageSizes(*png, limits).ok());
  std::string jpeg = std::string("\xFF\xD8\xFF\xE0\0\x04\0\0\xFF\xC0\0\x11\x08", 13) + std::string("\x01\x2C\x02\x58", 4);
  auto jpg = ReadImageSizes(jpeg, "image/jpeg", limits);
  ASSERT_TRUE(jpg.ok()) << jpg.status().message();
  EXPECT_EQ(jpg->front().width, 600u);
  EXPECT_EQ(jpg->front().height, 300u);
}

TEST(ImageHeaderTest, HugeDeclaredSizeIsRefusedWithTheNumbers) {
  ImageLimits limits;
  auto sizes = ReadImageSizes(Png(30000, 30000), "image/png", limits);
  ASSERT_TRUE(sizes.ok());
  Status fits = CheckImageSizes(*sizes, limits);
  EXPECT_EQ(fits.message(),
            "image refused before decoding: declares 30000x30000 pixels, over the limit of 100 megapixels");
  // Through the handler: refused before any decoder sees it.
  auto doc = HandlerRegistry::BuiltIn().Find("image/png")->Extract({Png(30000, 30000), "big.png", ""});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), fits.message());
}

TEST(ImageHeaderTest, LoopingTiffDirectoriesAreAnErrorNotAHang) {
  auto sizes = ReadImageSizes(LoopingTiff(), "image/tiff", ImageLimits{});
  ASSERT_FALSE(sizes.ok());
  EXPECT_EQ(sizes.status().message(), "corrupt image: TIFF directories loop");
}

TEST(ImageHeaderTest, TruncatedHeadersAreErrors) {
  for (std::size_t cut = 0; cut < 24; ++cut) {
    EXPECT_FALSE(ReadImageSizes(Png(10, 10).substr(0, cut), "image/png", ImageLimits{}).ok()) << cut;
  }
  EXPECT_FALSE(ReadImageSizes("RIFF\0\0\0\0WEBPVP8 ", "image/webp", ImageLimits{}).ok());
}

TEST(ImageHandlerTest, WithoutOcrAnImageIsKeptWithAWarning) {
  auto doc = HandlerRegistry::BuiltIn().Find("image/png")->Extract({Png(64, 64), "tiny.png", ""});
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->text, "");
  EXPECT_EQ(doc->metadata["width"], "64");
  ASSERT_EQ(doc->warnings.size(), 1u);
  EXPECT_EQ(doc->warnings[0], "no text extracted: OCR is off");
}

}  // namespace
}  // namespace leakgraph::extract
