#include "search/block_scores.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dateline::search {

void ScoreDocsPortable(const Bm25& p, float idf, const uint32_t* docs, const uint32_t* freqs,
                       uint32_t n, float* out) {
  // The lengths are read at random: all are asked for before the first is used.
  for (uint32_t i = 0; i < n; ++i) __builtin_prefetch(&p.lengths[docs[i]]);
  for (uint32_t i = 0; i < n; ++i)
    out[i] = idf * p.TfNorm(static_cast<float>(freqs[i] + 1), docs[i]);
}

uint32_t FirstCandidatePortable(const uint32_t* docs, const float* scores, uint32_t from,
                                uint32_t n, float rest, float min, uint32_t end) {
  for (uint32_t i = from; i < n; ++i) {
    if (docs[i] > end || !(scores[i] + rest < min)) return i;
  }
  return n;
}

void ScoreDocs(const Bm25& p, float idf, const uint32_t* docs, const uint32_t* freqs, uint32_t n,
               float* out) {
  // First the lengths, read at random (all asked for before the first is
  // used), then the arithmetic, which the compiler does four documents at a
  // time: Bm25::TfNormOf, as the one-at-a-time path, so the roundings are
  // the same. Lengths and frequencies are far below 2^31, so converting
  // them as signed (which vectorizes) gives the unsigned conversion's float.
  // The parameters are copied so that writing `out` cannot change them.
  constexpr uint32_t kChunk = 128;
  alignas(32) int32_t len[kChunk];
  alignas(32) int32_t tf[kChunk];
  const Bm25 q = p;
  for (uint32_t at = 0; at < n; at += kChunk) {
    const uint32_t m = std::min(kChunk, n - at);
    const uint32_t* d = docs + at;
    for (uint32_t i = 0; i < m; ++i) __builtin_prefetch(&p.lengths[d[i]]);
    for (uint32_t i = 0; i < m; ++i) {
      const uint32_t l = p.lengths[d[i]];
      len[i] = static_cast<int32_t>(l != 0xFFFF ? l : p.cols[d[i]].length);
      tf[i] = static_cast<int32_t>(freqs[at + i] + 1);
    }
    float* o = out + at;
    for (uint32_t i = 0; i < m; ++i) {
      o[i] = idf * q.TfNormOf(static_cast<float>(tf[i]), static_cast<float>(len[i]));
    }
  }
}

uint32_t FirstCandidate(const uint32_t* docs, const float* scores, uint32_t from, uint32_t n,
                        float rest, float min, uint32_t end) {
#if defined(__SSE2__)
  // Four documents at a time; unsigned order as signed after flipping the
  // top bit. A lane stops the walk when its document is after end or its
  // score with rest is not below min (ordered: NaN is not below).
  const __m128i flip = _mm_set1_epi32(INT32_MIN);
  const __m128i vend = _mm_xor_si128(_mm_set1_epi32(static_cast<int32_t>(end)), flip);
  const __m128 vrest = _mm_set1_ps(rest), vmin = _mm_set1_ps(min);
  uint32_t i = from;
  for (; i + 4 <= n; i += 4) {
    const __m128i d =
        _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(docs + i)), flip);
    const __m128 below = _mm_cmplt_ps(_mm_add_ps(_mm_loadu_ps(scores + i), vrest), vmin);
    const __m128 pass = _mm_andnot_ps(_mm_castsi128_ps(_mm_cmpgt_epi32(d, vend)), below);
    const int m = _mm_movemask_ps(pass);
    if (m != 0xF) return i + static_cast<uint32_t>(__builtin_ctz(~m & 0xF));
  }
  return FirstCandidatePortable(docs, scores, i, n, rest, min, end);
#else
  return FirstCandidatePortable(docs, scores, from, n, rest, min, end);
#endif
}

}  // namespace dateline::search
