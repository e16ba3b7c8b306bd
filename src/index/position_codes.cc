#include "index/position_codes.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

namespace dateline::index {

namespace {

inline uint32_t BitLength(uint64_t v) { return static_cast<uint32_t>(std::bit_width(v)); }

// The order of the shortest codes for values of these bit lengths, the
// first of equals. A value of b bits costs k + 1 bits when b <= k, k + 3 when
// b = k + 1 (adding 2^k carries into a new bit), else 2b - k - 1 (one more in
// the rare case of a carry, which this count ignores). Orders above the
// largest length cost more than that length (k + 1 bits each, growing with k),
// so only the lengths present and the orders up to the largest are tried.
uint32_t BestOrder(const std::array<uint64_t, 33>& by_length) {
  uint32_t lo = 32, hi = 0;
  for (uint32_t b = 0; b < by_length.size(); ++b) {
    if (by_length[b] == 0) continue;
    lo = std::min(lo, b);
    hi = b;
  }
  uint32_t best = 0;
  uint64_t best_cost = ~uint64_t{0};
  for (uint32_t k = 0; k <= std::min(hi, kMaxPositionOrder); ++k) {
    uint64_t cost = 0;
    for (uint32_t b = lo; b <= hi; ++b) {
      cost += by_length[b] * (b <= k ? k + 1 : b == k + 1 ? k + 3 : 2 * b - k - 1);
    }
    if (cost < best_cost) best_cost = cost, best = k;
  }
  return best;
}

// Appends bits to a string, each byte filled from its highest bit.
class BitWriter {
 public:
  explicit BitWriter(std::string* out) : out_(out) {}
  // The low `count` (at most 40) bits of `value`, highest first.
  [[gnu::always_inline]] void Put(uint64_t value, uint32_t count) {
    acc_ = (acc_ << count) | value;
    pending_ += count;
    while (pending_ >= 8) {
      pending_ -= 8;
      out_->push_back(static_cast<char>(acc_ >> pending_));
    }
    acc_ &= (uint64_t{1} << pending_) - 1;
  }
  void Pad() {
    if (pending_ > 0) Put(0, 8 - pending_);
  }

 private:
  std::string* out_;
  uint64_t acc_ = 0;
  uint32_t pending_ = 0;  // bits in acc_ not yet written
};

}  // namespace

void AppendPositionChunk(const uint32_t* values, size_t n, std::string* out) {
  std::array<uint64_t, 33> by_length{};
  for (size_t i = 0; i < n; ++i) ++by_length[BitLength(values[i])];
  const uint32_t k = BestOrder(by_length);
  BitWriter w(out);
  w.Put(k, 5);
  for (size_t i = 0; i < n; ++i) {
    const uint64_t v = uint64_t{values[i]} + (uint64_t{1} << k);
    const uint32_t len = BitLength(v);
    w.Put(0, len - k - 1);
    w.Put(v, len);
  }
  w.Pad();
}

uint64_t PositionChunkReader::WindowAtEnd(uint64_t bit) const {
  const uint64_t byte = bit / 8, bytes = bits_ / 8;
  uint64_t w = 0;
  for (uint64_t i = byte; i < byte + 8; ++i) w = (w << 8) | (i < bytes ? p_[i] : 0);
  return w << (bit % 8);
}

bool PositionChunkReader::Start(const char* p, const char* end) {
  p_ = reinterpret_cast<const unsigned char*>(p);
  bits_ = p < end ? static_cast<uint64_t>(end - p) * 8 : 0;
  bit_ = 0;
  if (bits_ < 8) return false;
  k_ = static_cast<uint32_t>(Window(0) >> 59);
  bit_ = 5;
  return true;
}

}  // namespace dateline::index
