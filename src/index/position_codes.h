// Positions of one block of documents as Exp-Golomb codes (segment version
// 10; doc/index-format.md, section 1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
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
  bool Next(uint32_t* v) {
    const uint64_t head = Window(bit_);
    // A code has at most 32 zeros (values below 2^32, orders below 32): the
    // window of at least 57 bits shows them all, or the code is damaged.
    const uint32_t zeros = head == 0 ? 64 : static_cast<uint32_t>(__builtin_clzll(head));
    const uint32_t len = zeros + k_ + 1;
    if (zeros > 32 || len > 33 || bit_ + zeros + len > bits_) return false;
    // Most codes are in the window whole.
    const uint64_t code = (zeros + len <= 57 ? head << zeros : Window(bit_ + zeros)) >> (64 - len);
    const uint64_t value = code - (uint64_t{1} << k_);
    if (value > 0xFFFFFFFFull) return false;
    *v = static_cast<uint32_t>(value);
    bit_ += zeros + len;
    return true;
  }
  /// Moves past the next `count` codes (the same checks as Next's, faster:
  /// the values are not computed, and a window holds several codes).
  bool Skip(uint64_t count) {
    uint64_t bit = bit_;
    while (count > 0) {
      if (bit > bits_) return false;
      uint64_t w = Window(bit);
      uint32_t valid = 64 - static_cast<uint32_t>(bit % 8);  // bits of w from the chunk
      while (count > 0) {
        const uint32_t zeros = w == 0 ? 64 : static_cast<uint32_t>(__builtin_clzll(w));
        if (zeros >= valid) {  // the code's 1 is not in the window
          if (valid > 32) return false;
          break;
        }
        if (zeros > 32 || zeros + k_ + 1 > 33) return false;
        const uint32_t step = 2 * zeros + k_ + 1;
        bit += step;
        --count;
        if (step >= valid) break;  // the window is used up
        w <<= step;
        valid -= step;
      }
    }
    if (bit > bits_) return false;
    bit_ = bit;
    return true;
  }
  /// Bit offset of the next code from the chunk's start; Seek goes back to one.
  uint64_t bit() const { return bit_; }
  void Seek(uint64_t bit) { bit_ = bit; }
  /// Bytes from the chunk's start to the end of the last code read.
  size_t bytes_read() const { return static_cast<size_t>((bit_ + 7) / 8); }

 private:
  // The 64 bits from bit `bit` on, the first in the highest; zeros past the end.
  uint64_t Window(uint64_t bit) const {
    const uint64_t byte = bit / 8;
    if (byte + 8 > bits_ / 8) return WindowAtEnd(bit);
    uint64_t w;
    std::memcpy(&w, p_ + byte, 8);
    return __builtin_bswap64(w) << (bit % 8);  // the first byte highest
  }
  uint64_t WindowAtEnd(uint64_t bit) const;
  const unsigned char* p_ = nullptr;
  uint64_t bits_ = 0;  // bits in [p, end)
  uint64_t bit_ = 0;
  uint32_t k_ = 0;
};

}  // namespace dateline::index
