#include "index/coding.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace dateline::index {

void PackBits(std::string* out, const uint32_t* values, size_t n, uint32_t bits) {
  if (bits == 0 || n == 0) return;
  const size_t start = out->size();
  out->resize(start + PackedBytes(n, bits), '\0');
  auto* dst = reinterpret_cast<unsigned char*>(&(*out)[start]);
  uint64_t acc = 0;
  uint32_t filled = 0;  // below 32 between values: a value (at most 32 bits) fits
  size_t o = 0;
  for (size_t i = 0; i < n; ++i) {
    acc |= static_cast<uint64_t>(values[i]) << filled;
    filled += bits;
    if (filled >= 32) {  // four bytes at once (little-endian, as the format)
      const auto low = static_cast<uint32_t>(acc);
      std::memcpy(dst + o, &low, 4);
      o += 4;
      acc >>= 32;
      filled -= 32;
    }
  }
  for (; filled > 0; filled -= std::min<uint32_t>(filled, 8)) {
    dst[o++] = static_cast<unsigned char>(acc);
    acc >>= 8;
  }
}

namespace {

// Unpacks with a compile-time width so the compiler can unroll and vectorise.
template <uint32_t B>
void UnpackFixed(const unsigned char* in, size_t n, uint32_t* out) {
  const uint64_t mask = (uint64_t{1} << B) - 1;
  const size_t total = PackedBytes(n, B);
  uint64_t bitpos = 0;
  for (size_t i = 0; i < n; ++i, bitpos += B) {
    const size_t byte = bitpos >> 3;
    const uint32_t shift = bitpos & 7;
    uint64_t word = 0;
    const size_t avail = total - byte;
    if (avail >= 8) {
      std::memcpy(&word, in + byte, 8);
    } else {
      std::memcpy(&word, in + byte, avail);
    }
    out[i] = static_cast<uint32_t>((word >> shift) & mask);
  }
}

// Fast path: groups of 8 values take exactly B bytes; every value is one
// unaligned 64-bit load at a constant offset. Reads up to 8 bytes past the
// packed data, so the caller must guarantee they are readable.
template <uint32_t B>
void UnpackPadded(const unsigned char* in, size_t n, uint32_t* out) {
  constexpr uint64_t kMask = (uint64_t{1} << B) - 1;
  size_t i = 0;
  for (; i + 8 <= n; i += 8, in += B) {
#pragma GCC unroll 8
    for (uint32_t k = 0; k < 8; ++k) {
      uint64_t w;
      std::memcpy(&w, in + (k * B) / 8, 8);
      out[i + k] = static_cast<uint32_t>((w >> ((k * B) & 7)) & kMask);
    }
  }
  for (uint32_t k = 0; i < n; ++i, ++k) {
    uint64_t w;
    std::memcpy(&w, in + (k * B) / 8, 8);
    out[i] = static_cast<uint32_t>((w >> ((k * B) & 7)) & kMask);
  }
}

using UnpackFn = void (*)(const unsigned char*, size_t, uint32_t*);

template <uint32_t... Bs>
constexpr auto MakeTable(std::integer_sequence<uint32_t, Bs...>) {
  return std::array<UnpackFn, sizeof...(Bs)>{&UnpackFixed<Bs + 1>...};
}

template <uint32_t... Bs>
constexpr auto MakePaddedTable(std::integer_sequence<uint32_t, Bs...>) {
  return std::array<UnpackFn, sizeof...(Bs)>{&UnpackPadded<Bs + 1>...};
}

}  // namespace

void UnpackBits(const char* in, size_t n, uint32_t bits, uint32_t* out) {
  static constexpr auto kTable = MakeTable(std::make_integer_sequence<uint32_t, 32>{});
  if (bits == 0) {
    std::memset(out, 0, n * sizeof(uint32_t));
    return;
  }
  kTable[bits - 1](reinterpret_cast<const unsigned char*>(in), n, out);
}

void UnpackBitsPadded(const char* in, size_t n, uint32_t bits, uint32_t* out) {
  static constexpr auto kTable = MakePaddedTable(std::make_integer_sequence<uint32_t, 32>{});
  if (bits == 0) {
    std::memset(out, 0, n * sizeof(uint32_t));
    return;
  }
  kTable[bits - 1](reinterpret_cast<const unsigned char*>(in), n, out);
}

}  // namespace dateline::index
