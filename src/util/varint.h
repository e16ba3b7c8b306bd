// Byte coding shared by the on-disk formats: little-endian fixed widths,
// LEB128 varints and length-prefixed strings.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace dateline::util {

inline void PutFixed32(std::string* out, uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);  // the index is little-endian; x86-64 and arm64 are
  out->append(b, 4);
}
inline void PutFixed64(std::string* out, uint64_t v) {
  char b[8];
  std::memcpy(b, &v, 8);
  out->append(b, 8);
}
inline uint32_t DecodeFixed32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline uint64_t DecodeFixed64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

/// A difference (taken modulo 2^64) as an unsigned value that is small when
/// the difference is small either way: 0, -1, 1, -2... give 0, 1, 2, 3...
inline uint64_t ZigZag(uint64_t diff) {
  return (diff << 1) ^ static_cast<uint64_t>(static_cast<int64_t>(diff) >> 63);
}
/// The difference ZigZag coded (modulo 2^64).
inline uint64_t UnZigZag(uint64_t v) { return (v >> 1) ^ (0 - (v & 1)); }

inline void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

/// Decodes a varint from [*p, end); returns false (and leaves *p) if truncated or too long.
inline bool GetVarint(const char** p, const char* end, uint64_t* v) {
  uint64_t result = 0;
  const char* q = *p;
  for (int shift = 0; shift <= 63 && q < end; shift += 7) {
    const auto byte = static_cast<unsigned char>(*q++);
    result |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if (byte < 0x80) {
      *p = q;
      *v = result;
      return true;
    }
  }
  return false;
}

/// The end of the first `k` varints of [p, end), nullptr when [p, end) ends
/// first. Only counts last bytes (below 0x80), eight at a time: a varint too
/// long for GetVarint is skipped as one (callers check sums of what they skip).
inline const char* SkipVarints(const char* p, const char* end, uint64_t k) {
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  while (k > 0 && end - p >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    uint64_t last = ~w & kHigh;  // one bit per byte that ends a varint
    const uint64_t n = ((last >> 7) * 0x0101010101010101ull) >> 56;  // their count
    if (n < k) {
      k -= n;
      p += 8;
      continue;
    }
    for (; k > 1; --k) last &= last - 1;  // the k-th such byte
    return p + __builtin_ctzll(last) / 8 + 1;
  }
  for (; k > 0 && p < end; ++p) k -= static_cast<unsigned char>(*p) < 0x80;
  return k == 0 ? p : nullptr;
}

inline void PutLengthPrefixed(std::string* out, std::string_view s) {
  PutVarint(out, s.size());
  out->append(s);
}

inline bool GetLengthPrefixed(const char** p, const char* end, std::string_view* s) {
  uint64_t n;
  if (!GetVarint(p, end, &n) || n > static_cast<uint64_t>(end - *p)) return false;
  *s = std::string_view(*p, n);
  *p += n;
  return true;
}

}  // namespace dateline::util
