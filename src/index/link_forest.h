// Shared pieces of the link groups (copies, stories): a union-find over global
// document numbers and the lookup of a link's live target.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "dateline/index.h"
#include "index/segment.h"

namespace dateline::index {

/// Union-find over global document numbers (path halving; the smaller number
/// becomes the parent, so a root is its component's smallest number).
class LinkForest {
 public:
  explicit LinkForest(size_t n) : parent_(n) {
    for (size_t i = 0; i < n; ++i) parent_[i] = static_cast<uint32_t>(i);
  }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Union(uint32_t a, uint32_t b) {
    a = Find(a), b = Find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }
  std::vector<uint32_t>& parents() { return parent_; }

 private:
  std::vector<uint32_t> parent_;
};

/// The live document with `id` (the newest segment's first), as (segment,
/// doc); {0, kNoDoc} when none.
inline std::pair<size_t, uint32_t> FindLiveDocument(const std::vector<SegmentView>& segs,
                                                    std::string_view id) {
  for (size_t s = segs.size(); s-- > 0;) {
    const uint32_t d = segs[s].reader->FindId(id);
    if (d != kNoDoc && !segs[s].IsDeleted(d)) return {s, d};
  }
  return {0, kNoDoc};
}

}  // namespace dateline::index
