// Integer coding used by the index files: little-endian fixed widths, LEB128
// varints, and bit-packing of blocks of 32-bit integers.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "util/varint.h"

namespace dateline::index {

using util::DecodeFixed32;
using util::DecodeFixed64;
using util::GetLengthPrefixed;
using util::GetVarint;
using util::PutFixed32;
using util::PutFixed64;
using util::PutLengthPrefixed;
using util::PutVarint;
using util::UnZigZag;
using util::ZigZag;

/// Bits needed to represent v (0 for 0).
inline uint32_t BitWidth(uint32_t v) { return v == 0 ? 0 : 32 - __builtin_clz(v); }

/// Bytes taken by n values packed at `bits` bits each.
inline size_t PackedBytes(size_t n, uint32_t bits) { return (n * bits + 7) / 8; }

/// Appends n values packed at `bits` bits each (LSB first); values must fit.
void PackBits(std::string* out, const uint32_t* values, size_t n, uint32_t bits);

/// Appends n values packed LSB first, value i at widths[i % k] bits (each at
/// most 32, the value fitting), padded with zero bits to a whole byte: rows of
/// k fields, such as a skip table's entries or a document's columns.
void PackRows(const uint32_t* values, size_t n, const uint32_t* widths, size_t k, std::string* out);

/// The first eight bytes of `s` as a big-endian number, zero-padded: keys
/// order as the strings do, but strings that share their first eight bytes
/// (or differ only by zero bytes past the end of one) tie.
inline uint64_t PrefixKey(std::string_view s) {
  uint64_t w = 0;
  std::memcpy(&w, s.data(), s.size() < 8 ? s.size() : 8);
  if constexpr (std::endian::native == std::endian::little) w = __builtin_bswap64(w);
  return w;
}

/// The 64 - (bit % 8) bits of the LSB-first bit string at p from `bit` on
/// (zeros past `end`, which must lie beyond the byte holding `bit`); one
/// 8-byte load.
inline uint64_t GetBits64(const char* p, const char* end, uint64_t bit) {
  p += bit >> 3;
  uint64_t v = 0;
  std::memcpy(&v, p, end - p >= 8 ? 8 : static_cast<size_t>(end - p));
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v >> (bit & 7);
}

/// Bits [bit, bit + width) (width at most 32) of the LSB-first bit string at
/// p, as a number; reads one 8-byte word, never a byte at or past `end`.
inline uint32_t GetBits(const char* p, const char* end, uint64_t bit, uint32_t width) {
  if (width == 0) return 0;
  return static_cast<uint32_t>(GetBits64(p, end, bit) & ((uint64_t{1} << width) - 1));
}

/// Unpacks n values of `bits` bits from `in`, which must hold PackedBytes(n, bits)
/// bytes followed by at least 8 readable bytes or be guarded by the caller
/// (UnpackBits never reads past in + PackedBytes(n, bits)).
void UnpackBits(const char* in, size_t n, uint32_t bits, uint32_t* out);

/// As UnpackBits, faster, but may read up to 8 bytes past in + PackedBytes(n, bits):
/// the caller guarantees they are readable (see kPackPadding).
void UnpackBitsPadded(const char* in, size_t n, uint32_t bits, uint32_t* out);

// Patched frame of reference (PFor): a block's values are packed at a width
// that may leave out its largest ones (the exceptions), whose high bits follow
// the packed values: a count (u8, 1 to n), then per exception its index in the
// block (u8, ascending) and its value shifted right by the width (varint, not
// 0). Used for a block only when that takes fewer bytes.

/// Set in a block's width byte (section 0) when exceptions follow its values.
inline constexpr uint32_t kPforFlag = 0x80;

/// The width that packs the n (1 to 128) values with their exceptions in the
/// fewest bytes (ties: fewer exceptions); *exceptions is how many there are.
uint32_t PforWidth(const uint32_t* values, size_t n, size_t* exceptions);

/// Appends the values packed at `bits` (their low bits), then, when some do not
/// fit, their exceptions; returns whether there were exceptions.
bool PackPfor(std::string* out, const uint32_t* values, size_t n, uint32_t bits);

/// The end of the exceptions at p (of a block of n values packed at `bits` < 32),
/// checked: nullptr when they pass `end`, are out of order or beyond n, or a
/// value would not fit 32 bits.
const char* PforExceptionsEnd(const char* p, const char* end, size_t n, uint32_t bits);

/// Adds the exceptions at p (checked by PforExceptionsEnd) to the unpacked values.
void PatchPfor(const char* p, uint32_t bits, uint32_t* values);

/// Zero bytes the segment writer appends to the postings section, so that
/// UnpackBitsPadded may be used on any block in it.
inline constexpr size_t kPackPadding = 8;

}  // namespace dateline::index
