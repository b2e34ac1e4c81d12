#include "extract/image_header.h"

#include <cstdlib>
#include <set>
#include <string>

namespace leakgraph::extract {
namespace {

std::uint32_t Byte(std::string_view b, std::size_t at) {
  return static_cast<unsigned char>(b[at]);
}

std::uint32_t Be16(std::string_view b, std::size_t at) {
  return Byte(b, at) << 8 | Byte(b, at + 1);
}

std::uint32_t Le16(std::string_view b, std::size_t at) {
  return Byte(b, at) | Byte(b, at + 1) << 8;
}

std::uint32_t Le24(std::string_view b, std::size_t at) {
  return Le16(b, at) | Byte(b, at + 2) << 16;
}

std::uint32_t Be32(std::string_view b, std::size_t at) {
  return Be16(b, at) << 16 | Be16(b, at + 2);
}

std::uint32_t Le32(std::string_view b, std::size_t at) {
  return Le16(b, at) | Le16(b, at + 2) << 16;
}

Status Truncated(std::string_view what) {
  return Status::InvalidInput("corrupt image: " + std::string(what) + " header cut short");
}

Result<std::vector<ImageSize>> PngSize(std::string_view b) {
  if (b.size() < 24 || b.substr(12, 4) != "IHDR") return Truncated("PNG");
  return std::vector<ImageSize>{{Be32(b, 16), Be32(b, 20)}};
}

Result<std::vector<ImageSize>> JpegSize(std::string_view b) {
  std::size_t at = 2;
  while (at + 4 <= b.size()) {
    if (Byte(b, at) != 0xFF) return Status::InvalidInput("corrupt image: JPEG marker expected");
    std::uint32_t marker = Byte(b, at + 1);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {  // no length
      at += 2;
      continue;
    }
    if (marker == 0xDA || marker == 0xD9) break;  // scan data before any frame header
    std::uint32_t length = Be16(b, at + 2);
    bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (frame) {
      if (at + 9 > b.size()) return Truncated("JPEG");
      return std::vector<ImageSize>{{Be16(b, at + 7), Be16(b, at + 5)}};
    }
    if (length < 2) return Status::InvalidInput("corrupt image: JPEG segment length");
    at += 2 + length;
  }
  return Status::InvalidInput("corrupt image: JPEG without a frame header");
}

Result<std::vector<ImageSize>> TiffSizes(std::string_view b, const ImageLimits& limits) {
  if (b.size() < 8) return Truncated("TIFF");
  bool little = b[0] == 'I';
  auto u16 = [&](std::size_t at) { return little ? Le16(b, at) : Be16(b, at); };
  auto u32 = [&](std::size_t at) { return little ? Le32(b, at) : Be32(b, at); };
  if (u16(2) != 42) return Status::Unsupported("unsupported image: BigTIFF or not a TIFF");
  std::vector<ImageSize> sizes;
  std::set<std::uint32_t> seen;
  std::uint32_t ifd = u32(4);
  while (ifd != 0) {
    if (!seen.insert(ifd).second) return Status::InvalidInput("corrupt image: TIFF directories loop");
    if (sizes.size() >= limits.max_frames)
      return Status::Unsupported("image refused: TIFF has more than " + std::to_string(limits.max_frames) +
                                 " pages");
    if (static_cast<std::size_t>(ifd) + 2 > b.size()) return Truncated("TIFF");
    std::uint32_t entries = u16(ifd);
    std::size_t end = static_cast<std::size_t>(ifd) + 2 + 12 * static_cast<std::size_t>(entries);
    if (end + 4 > b.size()) return Truncated("TIFF");
    ImageSize size;
    for (std::uint32_t i = 0; i < entries; ++i) {
      std::size_t entry = static_cast<std::size_t>(ifd) + 2 + 12 * i;
      std::uint32_t tag = u16(entry);
      if (tag != 256 && tag != 257) continue;
      std::uint32_t type = u16(entry + 2);
      std::uint32_t value = type == 3 ? u16(entry + 8) : u32(entry + 8);
      (tag == 256 ? size.width : size.height) = value;
    }
    sizes.push_back(size);
    ifd = u32(end);
  }
  if (sizes.empty()) return Status::InvalidInput("corrupt image: TIFF without pages");
  return sizes;
}

Result<std::vector<ImageSize>> WebpSize(std::string_view b) {
  if (b.size() < 30 || b.substr(8, 4) != "WEBP") return Truncated("WebP");
  std::string_view chunk = b.substr(12, 4);
  if (chunk == "VP8 ") {
    if (Byte(b, 23) != 0x9D || Byte(b, 24) != 0x01 || Byte(b, 25) != 0x2A)
      return Status::InvalidInput("corrupt image: WebP frame start code");
    return std::vector<ImageSize>{{Le16(b, 26) & 0x3FFF, Le16(b, 28) & 0x3FFF}};
  }
  if (chunk == "VP8L") {
    if (Byte(b, 20) != 0x2F) return Status::InvalidInput("corrupt image: WebP lossless signature");
    std::uint32_t bits = Le32(b, 21);
    return std::vector<ImageSize>{{(bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1}};
  }
  if (chunk == "VP8X") return std::vector<ImageSize>{{Le24(b, 24) + 1, Le24(b, 27) + 1}};
  return Status::InvalidInput("corrupt image: unknown WebP chunk");
}

}  // namespace

Result<std::vector<ImageSize>> ReadImageSizes(std::string_view bytes, std::string_view content_type,
                                              const ImageLimits& limits) {
  if (content_type == "image/png") return PngSize(bytes);
  if (content_type == "image/jpeg") return JpegSize(bytes);
  if (content_type == "image/tiff") return TiffSizes(bytes, limits);
  if (content_type == "image/webp") return WebpSize(bytes);
  if (content_type == "image/gif") {
    if (bytes.size() < 10) return Truncated("GIF");
    return std::vector<ImageSize>{{Le16(bytes, 6), Le16(bytes, 8)}};
  }
  if (content_type == "image/bmp") {
    if (bytes.size() < 26) return Truncated("BMP");
    auto height = static_cast<std::int32_t>(Le32(bytes, 22));
    return std::vector<ImageSize>{{Le32(bytes, 18), static_cast<std::uint32_t>(std::abs(height))}};
  }
  return Status::Unsupported("unsupported image type " + std::string(content_type));
}

Status CheckImageSizes(const std::vector<ImageSize>& sizes, const ImageLimits& limits) {
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    const ImageSize& s = sizes[i];
    if (s.width == 0 || s.height == 0) return Status::InvalidInput("corrupt image: declares zero width or height");
    if (s.pixels() > limits.max_frame_pixels) {
      return Status::Unsupported("image refused before decoding: " +
                                 (sizes.size() > 1 ? "page " + std::to_string(i + 1) + " " : std::string()) +
                                 "declares " + std::to_string(s.width) + "x" + std::to_string(s.height) +
                                 " pixels, over the limit of " + std::to_string(limits.max_frame_pixels / 1'000'000) +
                                 " megapixels");
    }
    total += s.pixels();
  }
  if (total > limits.max_total_pixels)
    return Status::Unsupported("image refused before decoding: " + std::to_string(sizes.size()) +
                               " pages declare " + std::to_string(total / 1'000'000) +
                               " megapixels in all, over the limit of " +
                               std::to_string(limits.max_total_pixels / 1'000'000));
  return Status::Ok();
}

}  // namespace leakgraph::extract
