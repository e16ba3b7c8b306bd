// The block kernels against their one-document-at-a-time references: random
// blocks, BM25 settings and thresholds; equal to the bit.
#include "search/block_scores.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

namespace dateline::search {
namespace {

uint32_t Bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

// A segment's lengths as SegmentReader gives them: u16, 0xFFFF for lengths
// in the columns, one entry per document (so that a read past the last is
// caught by the sanitizers).
struct Lengths {
  std::vector<index::DocColumns> cols;
  std::vector<uint16_t> short_lengths;
};

Lengths RandomLengths(std::mt19937& rng, uint32_t ndocs) {
  Lengths l;
  l.cols.resize(ndocs);
  l.short_lengths.assign(ndocs, 0);
  std::uniform_int_distribution<uint32_t> len(0, 3000), pick(0, 99);
  for (uint32_t d = 0; d < ndocs; ++d) {
    const uint32_t p = pick(rng);
    l.cols[d].length = p == 0 ? 65535 + len(rng) * 50 : p == 1 ? 65534 : len(rng);
    l.short_lengths[d] = static_cast<uint16_t>(std::min<uint32_t>(l.cols[d].length, 0xFFFF));
  }
  return l;
}

// Ascending distinct documents of [0, ndocs), n of them.
std::vector<uint32_t> RandomDocs(std::mt19937& rng, uint32_t ndocs, uint32_t n) {
  std::vector<uint32_t> all(ndocs);
  for (uint32_t d = 0; d < ndocs; ++d) all[d] = d;
  std::shuffle(all.begin(), all.end(), rng);
  all.resize(n);
  std::sort(all.begin(), all.end());
  return all;
}

TEST(BlockScoresTest, VectorScoresEqualPortableToTheBit) {
  std::mt19937 rng(20261207);
  std::uniform_real_distribution<float> k1(0.0f, 3.0f), b(0.0f, 1.0f), avg(1.0f, 900.0f),
      idf(0.01f, 12.0f);
  std::uniform_int_distribution<uint32_t> count(0, 128), freq(0, 400), few(0, 3);
  uint64_t compared = 0, columns = 0;
  for (int round = 0; round < 400; ++round) {
    const uint32_t ndocs = 200 + round * 7;
    const Lengths l = RandomLengths(rng, ndocs);
    Bm25 p;
    p.k1 = k1(rng);
    p.b = round % 5 == 0 ? 1.0f : round % 7 == 0 ? 0.0f : b(rng);
    p.avg_len = avg(rng);
    p.cols = l.cols.data();
    p.lengths = l.short_lengths.data();
    const uint32_t n = count(rng);
    const std::vector<uint32_t> docs = RandomDocs(rng, ndocs, n);
    std::vector<uint32_t> freqs(n);
    for (uint32_t& f : freqs) f = round % 2 ? few(rng) : freq(rng);
    // And with the segment's last document.
    std::vector<uint32_t> with_last = docs;
    if (n > 0) with_last.back() = ndocs - 1;
    const float w = idf(rng);
    const std::vector<uint32_t>* sets[] = {&docs, &with_last};
    for (const std::vector<uint32_t>* d : sets) {
      std::vector<float> got(n, -1.0f), want(n, -2.0f);
      ScoreDocs(p, w, d->data(), freqs.data(), n, got.data());
      ScoreDocsPortable(p, w, d->data(), freqs.data(), n, want.data());
      for (uint32_t i = 0; i < n; ++i) {
        ASSERT_EQ(Bits(got[i]), Bits(want[i])) << "round " << round << " doc " << (*d)[i];
        // And the scalar expression the iterators score a single document by.
        ASSERT_EQ(Bits(want[i]), Bits(w * p.TfNorm(static_cast<float>(freqs[i] + 1), (*d)[i])));
        columns += l.short_lengths[(*d)[i]] == 0xFFFF;
      }
      compared += n;
    }
  }
  EXPECT_GT(compared, 40000u);
  EXPECT_GT(columns, 200u);  // lengths taken from the columns were among them
}

TEST(BlockScoresTest, FirstCandidateAsThePortableWalk) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> score(0.0f, 10.0f), rest(0.0f, 5.0f), min(0.0f, 14.0f);
  std::uniform_int_distribution<uint32_t> count(1, 128), pick(0, 19);
  const float inf = std::numeric_limits<float>::infinity();
  uint64_t calls = 0, found = 0;
  for (int round = 0; round < 3000; ++round) {
    const uint32_t n = count(rng);
    const std::vector<uint32_t> docs = RandomDocs(rng, 400, n);
    std::vector<float> scores(n);
    for (float& s : scores) {
      const uint32_t p = pick(rng);
      s = p == 0 ? -inf : p == 1 ? std::nanf("") : score(rng);
    }
    const float r = rest(rng), m = min(rng);
    std::uniform_int_distribution<uint32_t> from(0, n), end(0, 420);
    for (int k = 0; k < 8; ++k) {
      const uint32_t f = from(rng);
      const uint32_t e = k == 0 ? index::kNoDoc : end(rng);
      const uint32_t got = FirstCandidate(docs.data(), scores.data(), f, n, r, m, e);
      ASSERT_EQ(got, FirstCandidatePortable(docs.data(), scores.data(), f, n, r, m, e))
          << "round " << round << " from " << f << " end " << e;
      ++calls;
      found += got < n;
    }
  }
  EXPECT_GT(found, calls / 4);  // both outcomes were exercised
  EXPECT_LT(found, calls);
}

TEST(BlockScoresTest, FirstCandidateEdges) {
  const std::vector<uint32_t> docs = {3, 5, 9, 12, 20, 21, 22, 40, 41};
  const std::vector<float> low(docs.size(), 1.0f);
  // Nothing reaches 5 and every document is within end: none.
  EXPECT_EQ(FirstCandidate(docs.data(), low.data(), 0, 9, 1.0f, 5.0f, 100), 9u);
  // A document after end stops the walk there even below min.
  EXPECT_EQ(FirstCandidate(docs.data(), low.data(), 0, 9, 1.0f, 5.0f, 21), 6u);
  EXPECT_EQ(FirstCandidate(docs.data(), low.data(), 0, 9, 1.0f, 5.0f, 2), 0u);
  // Reaching min exactly is a candidate (not below).
  std::vector<float> s = low;
  s[7] = 4.0f;
  EXPECT_EQ(FirstCandidate(docs.data(), s.data(), 2, 9, 1.0f, 5.0f, index::kNoDoc), 7u);
  EXPECT_EQ(FirstCandidate(docs.data(), s.data(), 8, 9, 1.0f, 5.0f, index::kNoDoc), 9u);
  EXPECT_EQ(FirstCandidate(docs.data(), s.data(), 9, 9, 1.0f, 5.0f, index::kNoDoc), 9u);
}

}  // namespace
}  // namespace dateline::search
