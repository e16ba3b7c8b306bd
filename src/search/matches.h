// Walking the per-segment document sets that MatchingDocs() returns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dateline::search {

/// Calls fn(segment, doc) for every document set in `sets`, in segment and
/// document order.
template <typename Fn>
void ForEachMatch(const std::vector<std::vector<uint64_t>>& sets, Fn&& fn) {
  for (size_t s = 0; s < sets.size(); ++s) {
    for (size_t w = 0; w < sets[s].size(); ++w) {
      for (uint64_t bits = sets[s][w]; bits; bits &= bits - 1) {
        fn(s, static_cast<uint32_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits))));
      }
    }
  }
}

}  // namespace dateline::search
