// CRC-32C (Castagnoli), used for every checksum in the index files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace dateline::crc32c {

/// Extends `crc` (0 to start) over n bytes.
uint32_t Extend(uint32_t crc, const void* data, size_t n);
inline uint32_t Value(const void* data, size_t n) { return Extend(0, data, n); }
inline uint32_t Value(std::string_view s) { return Extend(0, s.data(), s.size()); }

}  // namespace dateline::crc32c
