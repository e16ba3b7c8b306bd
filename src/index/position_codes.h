// Positions of one block of documents as Exp-Golomb codes (segment version
// 10; doc/index-format.md, section 1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace dateline::index {

/// Largest Exp-Golomb order a writer picks; a reader takes any order up to 31.
inline constexpr uint32_t kMaxPositionOrder = 24;

/// Appends the chunk of `n` values (per document its first position, then
/// the differences): the order k (5 bits) that makes them shortest, then
/// each value v as the Exp-Golomb code of order k of v (bitlen(v + 2^k) - k -
/// 1 zero bits, then v + 2^k), bits first to last from each byte's highest,
/// padded with zero bits to a whole byte.
void AppendPositionChunk(const uint32_t* values, size_t n, std::string* out);

/// Reads the codes of one chunk in order. Never reads outside [p, end).
class PositionChunkReader {
 public:
  /// Starts at the chunk at `p`. False when its order cannot be read.
  bool Start(const char* p, const char* end);
  /// The next value into *v. False (and nothing read) when its code is
  /// longer than a position's or does not end before `end`.
  bool Next(uint32_t* v);
  /// Bit offset of the next code from the chunk's start; Seek goes back to one.
  uint64_t bit() const { return bit_; }
  void Seek(uint64_t bit) { bit_ = bit; }
  /// Bytes from the chunk's start to the end of the last code read.
  size_t bytes_read() const { return static_cast<size_t>((bit_ + 7) / 8); }

 private:
  // The 64 bits from bit `bit` on, the first in the highest; zeros past the end.
  uint64_t Window(uint64_t bit) const;
  const unsigned char* p_ = nullptr;
  uint64_t bits_ = 0;  // bits in [p, end)
  uint64_t bit_ = 0;
  uint32_t k_ = 0;
};

}  // namespace dateline::index
