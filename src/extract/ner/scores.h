// Sums of per-label scores for the tagger's emissions (doc/ner-model.md, Speed).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

#include "extract/ner/conll.h"
#include "extract/ner/model.h"

namespace dateline::ner {

// Nine label scores stored in the lane order of LabelScores: labels 0, 2, 4, 6, then
// 1, 3, 5, 7, then 8.
struct PackedScores {
  int32_t v[kNumLabels];
};

// Nine label scores summed with 4-lane vector adds (GCC/Clang vector extensions:
// SSE2 on x86-64, NEON on ARM). A WeightRow's first eight 16-bit weights, read as
// four 32-bit lanes, hold labels 0, 2, 4, 6 in their low halves and 1, 3, 5, 7 in
// their high halves (little-endian), so `even` and `odd` take them with two shifts.
// Integer sums in any order are exact: the results equal those of a plain loop.
struct LabelScores {
  static_assert(kNumLabels == 9);
  using V4 = int32_t __attribute__((vector_size(16)));
  using U4 = uint32_t __attribute__((vector_size(16)));
  V4 even = {0, 0, 0, 0};  // labels 0, 2, 4, 6
  V4 odd = {0, 0, 0, 0};   // labels 1, 3, 5, 7
  int32_t last = 0;        // label 8

  void Add(const WeightRow& r) {
    if constexpr (std::endian::native == std::endian::little) {
      V4 x;
      std::memcpy(&x, r.w, sizeof x);
      even += reinterpret_cast<V4>(reinterpret_cast<U4>(x) << 16) >> 16;
      odd += x >> 16;
    } else {
      for (int k = 0; k < 4; ++k) even[k] += r.w[2 * k], odd[k] += r.w[2 * k + 1];
    }
    last += r.w[8];
  }
  void Add(const PackedScores& p) {
    V4 a, b;
    std::memcpy(&a, p.v, sizeof a);
    std::memcpy(&b, p.v + 4, sizeof b);
    even += a;
    odd += b;
    last += p.v[8];
  }
  void Load(const PackedScores& p) {
    *this = LabelScores();
    Add(p);
  }
  void Store(PackedScores* p) const {
    std::memcpy(p->v, &even, sizeof even);
    std::memcpy(p->v + 4, &odd, sizeof odd);
    p->v[8] = last;
  }
  // In label order.
  void Get(int64_t* e) const {
    for (int k = 0; k < 4; ++k) e[2 * k] = even[k], e[2 * k + 1] = odd[k];
    e[8] = last;
  }
};

}  // namespace dateline::ner
