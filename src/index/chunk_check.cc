#include "index/chunk_check.h"

#include <algorithm>

#include "index/coding.h"
#include "util/crc32c.h"

namespace dateline::index {

void ChunkSums::Add(std::string_view bytes) {
  while (!bytes.empty()) {
    const size_t take = std::min(bytes.size(), kChunkBytes - filled_);
    crc_ = crc32c::Extend(crc_, bytes.data(), take);
    filled_ += take;
    bytes.remove_prefix(take);
    if (filled_ == kChunkBytes) {
      PutFixed32(&sums_, crc_);
      crc_ = 0;
      filled_ = 0;
    }
  }
}

void ChunkSums::Finish(std::string* out) {
  if (filled_ > 0) PutFixed32(&sums_, crc_);
  out->append(sums_);
  sums_.clear();
  crc_ = 0;
  filled_ = 0;
}

void ChunkCheck::Init(std::string_view section, const char* sums) {
  base_ = section.data();
  size_ = section.size();
  sums_ = sums;
  const uint64_t words = (ChunkCount(size_) + 63) / 64;
  done_ = std::make_unique<std::atomic<uint64_t>[]>(words);
  for (uint64_t w = 0; w < words; ++w) done_[w].store(0, std::memory_order_relaxed);
}

bool ChunkCheck::VerifySlow(const char* p, size_t n) const {
  const uint64_t at = static_cast<uint64_t>(p - base_);
  if (at >= size_ || n == 0) return true;  // nothing of the section is read
  const uint64_t last = (at + std::min<uint64_t>(n, size_ - at) - 1) >> kChunkShift;
  for (uint64_t c = at >> kChunkShift; c <= last; ++c) {
    std::atomic<uint64_t>& word = done_[c >> 6];
    const uint64_t bit = uint64_t{1} << (c & 63);
    if (word.load(std::memory_order_acquire) & bit) continue;
    const uint64_t begin = c << kChunkShift;
    const size_t len = static_cast<size_t>(std::min<uint64_t>(kChunkBytes, size_ - begin));
    if (crc32c::Value(base_ + begin, len) != DecodeFixed32(sums_ + c * 4)) {
      int64_t none = -1;
      bad_chunk_.compare_exchange_strong(none, static_cast<int64_t>(c));
      return false;
    }
    word.fetch_or(bit, std::memory_order_acq_rel);
  }
  return true;
}

}  // namespace dateline::index
