// SHA-256 content hashes: a document's identity is the hash of its bytes, so
// the same bytes found twice are one document. Collision resistance matters:
// leaked archives are hostile, and a weak hash would let one file hide another.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace leakgraph::util {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view bytes);
  // Returns the digest. REQUIRES: called once; the object is spent afterwards.
  std::array<std::uint8_t, 32> Finish();

 private:
  void Compress(const std::uint8_t* block);
  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

// Returns the lower-case hex SHA-256 of `bytes` (64 characters).
std::string Sha256Hex(std::string_view bytes);

}  // namespace leakgraph::util
