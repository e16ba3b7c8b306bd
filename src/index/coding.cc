#include "index/coding.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstring>
#include <utility>

namespace dateline::index {

void PackRows(const uint32_t* values, size_t n, const uint32_t* widths, size_t k,
              std::string* out) {
  uint64_t acc = 0;
  uint32_t filled = 0;  // below 8 between values: a value (at most 32 bits) fits
  for (size_t i = 0; i < n; ++i) {
    acc |= uint64_t{values[i]} << filled;
    filled += widths[i % k];
    for (; filled >= 8; filled -= 8, acc >>= 8) out->push_back(static_cast<char>(acc & 0xFF));
  }
  if (filled > 0) out->push_back(static_cast<char>(acc & 0xFF));
}

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

uint32_t PforWidth(const uint32_t* values, size_t n, size_t* exceptions) {
  assert(n >= 1 && n <= 128);
  // Exceptions take at least 3 bytes (their count, an index, a varint): a
  // block packed in 3 bytes or fewer never has any.
  uint32_t all = 0;
  for (size_t i = 0; i < n; ++i) all |= values[i];
  if (PackedBytes(n, BitWidth(all)) <= 3) {
    *exceptions = 0;
    return BitWidth(all);
  }
  // Four histograms: runs of equal widths would otherwise wait on each
  // other's increments.
  uint32_t counts[4][33] = {};
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    for (size_t j = 0; j < 4; ++j) ++counts[j][BitWidth(values[i + j])];
  }
  for (; i < n; ++i) ++counts[0][BitWidth(values[i])];
  const uint32_t max = BitWidth(all);
  // above[x]: the values wider than x bits. An exception of w > b bits costs
  // its index byte and (w - b + 6) / 7 varint bytes, one for each j >= 0
  // with b + 7j < w: summed over the exceptions, above[b] + above[b + 7] + ...
  size_t above[40] = {};
  for (uint32_t x = max; x-- > 0;) {
    above[x] =
        above[x + 1] + counts[0][x + 1] + counts[1][x + 1] + counts[2][x + 1] + counts[3][x + 1];
  }
  uint32_t best = max;
  size_t best_bytes = PackedBytes(n, max), best_exceptions = 0;
  for (uint32_t b = max; b-- > 0;) {
    size_t bytes = PackedBytes(n, b) + 1 + above[b];  // the count, the indexes
    for (uint32_t x = b; x < max; x += 7) bytes += above[x];
    if (bytes < best_bytes) best = b, best_bytes = bytes, best_exceptions = above[b];
  }
  *exceptions = best_exceptions;
  return best;
}

bool PackPfor(std::string* out, const uint32_t* values, size_t n, uint32_t bits) {
  assert(n <= 128 && bits <= 32);
  if (bits == 32 || n == 0) {
    PackBits(out, values, n, bits);
    return false;
  }
  const uint32_t mask = (1u << bits) - 1;
  uint32_t low[128];
  size_t exceptions = 0;
  for (size_t i = 0; i < n; ++i) {
    low[i] = values[i] & mask;
    exceptions += (values[i] >> bits) != 0;
  }
  PackBits(out, low, n, bits);
  if (exceptions == 0) return false;
  out->push_back(static_cast<char>(exceptions));
  for (size_t i = 0; i < n; ++i) {
    if ((values[i] >> bits) == 0) continue;
    out->push_back(static_cast<char>(i));
    PutVarint(out, values[i] >> bits);
  }
  return true;
}

const char* PforExceptionsEnd(const char* p, const char* end, size_t n, uint32_t bits) {
  if (bits >= 32 || p >= end) return nullptr;
  const size_t count = static_cast<unsigned char>(*p++);
  if (count == 0 || count > n) return nullptr;
  int last = -1;
  for (size_t k = 0; k < count; ++k) {
    if (p >= end) return nullptr;
    const int index = static_cast<unsigned char>(*p++);
    uint64_t high;
    if (index <= last || static_cast<size_t>(index) >= n || !util::GetVarint(&p, end, &high) ||
        high == 0 || (high >> (32 - bits)) != 0) {
      return nullptr;
    }
    last = index;
  }
  return p;
}

void PatchPfor(const char* p, uint32_t bits, uint32_t* values) {
  const size_t count = static_cast<unsigned char>(*p++);
  for (size_t k = 0; k < count; ++k) {
    const size_t index = static_cast<unsigned char>(*p++);
    uint64_t high = 0;
    const bool ok = util::GetVarint(&p, p + 10, &high);  // checked by PforExceptionsEnd
    assert(ok);
    (void)ok;
    values[index] |= static_cast<uint32_t>(high) << bits;
  }
}

}  // namespace dateline::index
