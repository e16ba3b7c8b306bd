// Lazy verification of a segment section in fixed-size chunks (segment
// version 4): each chunk's CRC-32C is checked the first time a reader touches
// it, so opening a segment never reads its large sections.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace dateline::index {

/// log2 of the chunk size of lazily verified sections (64 KiB).
inline constexpr uint32_t kChunkShift = 16;
inline constexpr size_t kChunkBytes = size_t{1} << kChunkShift;

/// Number of chunks of a section of `size` bytes.
inline uint64_t ChunkCount(uint64_t size) { return (size + kChunkBytes - 1) >> kChunkShift; }

/// Appends the little-endian CRC-32C of every chunk of the bytes fed to it.
class ChunkSums {
 public:
  /// Feeds the next bytes of the section.
  void Add(std::string_view bytes);
  /// Appends the sums (the last, partial chunk included) to *out and resets.
  void Finish(std::string* out);

 private:
  uint32_t crc_ = 0;
  size_t filled_ = 0;  // bytes of the current chunk
  std::string sums_;
};

/// Verifies chunks of one section on first use. Thread-safe: readers on
/// several threads may verify the same chunk twice, never skip one.
class ChunkCheck {
 public:
  /// Until Init, every byte counts as verified (sections checked whole at open).
  ChunkCheck() = default;
  /// `sums`: ChunkCount(section.size()) little-endian CRC-32C values.
  void Init(std::string_view section, const char* sums);

  /// True when bytes [p, p + n) of the section (clamped to it) match their
  /// chunk sums; on a mismatch remembers the chunk (see damaged()).
  bool Verify(const char* p, size_t n) const {
    if (sums_ == nullptr || n == 0) return true;
    const uint64_t at = static_cast<uint64_t>(p - base_), first = at >> kChunkShift;
    if (at < size_ && first == ((at + n - 1) >> kChunkShift) &&
        (done_[first >> 6].load(std::memory_order_acquire) >> (first & 63) & 1)) {
      return true;
    }
    return VerifySlow(p, n);
  }
  /// The first chunk found damaged, or -1.
  int64_t damaged() const { return bad_chunk_.load(std::memory_order_acquire); }

 private:
  bool VerifySlow(const char* p, size_t n) const;

  const char* base_ = nullptr;
  uint64_t size_ = 0;
  const char* sums_ = nullptr;
  std::unique_ptr<std::atomic<uint64_t>[]> done_;
  mutable std::atomic<int64_t> bad_chunk_{-1};
};

}  // namespace dateline::index
