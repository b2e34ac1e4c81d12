// The dimensions an image file declares, read from its header alone, before
// anything is decoded: a 40-byte PNG may declare 30000x30000 pixels and make
// a decoder allocate gigabytes. The image handler refuses what exceeds
// ImageLimits from these numbers.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "leakgraph/status.h"

namespace leakgraph::extract {

struct ImageSize {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::uint64_t pixels() const { return static_cast<std::uint64_t>(width) * height; }
};

struct ImageLimits {
  std::uint64_t max_frame_pixels = 100'000'000;   // one page: a 600 dpi A3 scan is ~70 MP
  std::uint64_t max_total_pixels = 1'000'000'000;  // all pages of a multi-page TIFF
  std::size_t max_frames = 2000;                   // pages of a TIFF
};

// Returns the size of every frame (page) `bytes` declares: one for PNG, JPEG,
// GIF, BMP and WebP, one per directory for TIFF. `content_type` is the
// sniffed type ("image/png", "image/jpeg", "image/tiff", "image/webp",
// "image/gif", "image/bmp"). Errors: a header cut short or malformed (a TIFF
// directory chain that loops), or more than limits.max_frames frames.
[[nodiscard]] Result<std::vector<ImageSize>> ReadImageSizes(std::string_view bytes, std::string_view content_type,
                                                            const ImageLimits& limits);

// Returns OK iff `sizes` fit `limits`; otherwise the reason, naming the size.
Status CheckImageSizes(const std::vector<ImageSize>& sizes, const ImageLimits& limits);

}  // namespace leakgraph::extract
