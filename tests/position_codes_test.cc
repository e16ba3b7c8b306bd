// Exp-Golomb chunks of positions (segment version 10): the bits
// doc/index-format.md describes, round trips of every kind of value, and
// damage that never reads outside the chunk.
#include "index/position_codes.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace dateline::index {
namespace {

std::vector<uint32_t> ReadAll(const std::string& chunk, size_t n, bool* ok) {
  PositionChunkReader r;
  std::vector<uint32_t> got;
  *ok = r.Start(chunk.data(), chunk.data() + chunk.size());
  for (size_t i = 0; *ok && i < n; ++i) {
    uint32_t v;
    *ok = r.Next(&v);
    if (*ok) got.push_back(v);
  }
  if (*ok) {
    EXPECT_EQ(r.bytes_read(), chunk.size()) << "the chunk ends after its last code";
  }
  return got;
}

TEST(PositionCodesTest, BitsAsDocumented) {
  // Values 0, 0, 0, 1: order 0 is shortest (1, 1, 1 and 3 bits, against 2
  // bits each at order 1). Codes of order 0: 0 -> "1", 1 -> "010", after the
  // order "00000", padded with zeros: 00000111 010(00000).
  std::vector<uint32_t> v = {0, 0, 0, 1};
  std::string chunk;
  AppendPositionChunk(v.data(), v.size(), &chunk);
  EXPECT_EQ(chunk, std::string("\x07\x40", 2));
  bool ok;
  EXPECT_EQ(ReadAll(chunk, v.size(), &ok), v);
  EXPECT_TRUE(ok);
  // Values 200, 300, 100: order 7 (200 -> 328, 9 bits after one zero; 300
  // -> 428, the same; 100 -> 228, 8 bits and no zero): 00111 0101001000
  // 0110101100 11100100 (0000000): 0x3A 0x90 0xD6 0x72 0x00.
  v = {200, 300, 100};
  chunk.clear();
  AppendPositionChunk(v.data(), v.size(), &chunk);
  EXPECT_EQ(chunk, std::string("\x3A\x90\xD6\x72\x00", 5));
  EXPECT_EQ(ReadAll(chunk, v.size(), &ok), v);
  EXPECT_TRUE(ok);
}

TEST(PositionCodesTest, RoundTripsOfEveryKindOfValue) {
  std::mt19937_64 rng(20261203);
  for (int round = 0; round < 400; ++round) {
    const size_t n = round < 10 ? static_cast<size_t>(round) : 1 + rng() % 3000;
    const int kind = round % 5;
    std::vector<uint32_t> v(n);
    for (uint32_t& x : v) {
      switch (kind) {
        case 0:
          x = static_cast<uint32_t>(rng() % 4);
          break;
        case 1:
          x = static_cast<uint32_t>(rng() % 600);
          break;
        case 2:
          x = static_cast<uint32_t>(rng());
          break;  // up to 2^32 - 1
        case 3:
          x = rng() % 50 == 0 ? 0xFFFFFFFFu : static_cast<uint32_t>(rng() % 9);
          break;
        default:
          x = static_cast<uint32_t>(rng() >> (rng() % 64));
          break;
      }
    }
    std::string chunk = "prefix";
    AppendPositionChunk(v.data(), n, &chunk);
    const std::string mine = chunk.substr(6);
    bool ok;
    EXPECT_EQ(ReadAll(mine, n, &ok), v) << "round " << round;
    EXPECT_TRUE(ok);
    // Never longer than 41 bits a value (the order is at most 24), plus the
    // order and the padding.
    EXPECT_LE(mine.size() * 8, n * 41 + 5 + 7);
  }
}

// Skipping any number of codes lands where reading them does.
TEST(PositionCodesTest, SkipLandsWhereNextDoes) {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 300; ++round) {
    std::vector<uint32_t> v(1 + rng() % 700);
    const int shift = static_cast<int>(rng() % 33);
    for (uint32_t& x : v) x = static_cast<uint32_t>((rng() & 0xFFFFFFFFu) >> shift);
    std::string chunk;
    AppendPositionChunk(v.data(), v.size(), &chunk);
    PositionChunkReader a, b;
    ASSERT_TRUE(a.Start(chunk.data(), chunk.data() + chunk.size()));
    ASSERT_TRUE(b.Start(chunk.data(), chunk.data() + chunk.size()));
    size_t at = 0;
    while (at < v.size()) {
      const size_t n = std::min<size_t>(v.size() - at, rng() % 40);
      ASSERT_TRUE(a.Skip(n)) << round;
      uint32_t x;
      for (size_t i = 0; i < n; ++i) ASSERT_TRUE(b.Next(&x));
      ASSERT_EQ(a.bit(), b.bit()) << round;
      at += n;
      if (at < v.size()) {
        ASSERT_TRUE(a.Next(&x));
        EXPECT_EQ(x, v[at]);
        ASSERT_TRUE(b.Next(&x));
        ++at;
      }
    }
    EXPECT_FALSE(a.Skip(1)) << "no code after the last";
  }
}

TEST(PositionCodesTest, DamageNeverReadsOutsideTheChunk) {
  std::mt19937_64 rng(7);
  std::vector<uint32_t> v(500);
  for (uint32_t& x : v) x = static_cast<uint32_t>(rng() % 700);
  std::string good;
  AppendPositionChunk(v.data(), v.size(), &good);
  // Truncated: the values before the cut read, then a refusal.
  for (size_t cut : {size_t{0}, size_t{1}, good.size() / 2, good.size() - 1}) {
    const std::string part = good.substr(0, cut);
    bool ok;
    const std::vector<uint32_t> got = ReadAll(part, v.size(), &ok);
    EXPECT_FALSE(ok) << cut;
    ASSERT_LE(got.size(), v.size());
    EXPECT_TRUE(std::equal(got.begin(), got.end(), v.begin())) << cut;
  }
  // Random bytes, each read bounded (ASan watches the heap copy).
  for (int round = 0; round < 2000; ++round) {
    std::string junk(1 + rng() % 40, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    if (round % 3 == 0) junk.assign(junk.size(), '\0');
    PositionChunkReader r;
    if (!r.Start(junk.data(), junk.data() + junk.size())) continue;
    uint32_t x;
    for (int i = 0; i < 400 && r.Next(&x); ++i) {
    }
    EXPECT_LE(r.bytes_read(), junk.size());
  }
  PositionChunkReader r;
  EXPECT_FALSE(r.Start(good.data(), good.data()));
}

}  // namespace
}  // namespace dateline::index
