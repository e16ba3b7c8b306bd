// The bit-packed column section (segment version 13): round trips, widths,
// and damage that must be refused rather than decoded into wrong columns.
#include "index/columns.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "index/coding.h"

namespace dateline::index {
namespace {

bool Same(const DocColumns& a, const DocColumns& b) {
  return a.first_day == b.first_day && a.last_day == b.last_day && a.length == b.length &&
         a.title_len == b.title_len && a.lang == b.lang && a.precision == b.precision;
}

// n documents in date order, with values drawn up to the given widths.
std::vector<DocColumns> RandomColumns(std::mt19937* rng, size_t n, int32_t day0, uint32_t day_step,
                                      uint32_t span_bits, uint32_t length_bits) {
  auto bits = [&](uint32_t w) {
    return w == 0 ? 0u : static_cast<uint32_t>((*rng)() & ((uint64_t{1} << w) - 1));
  };
  std::vector<DocColumns> cols(n);
  int64_t day = day0;
  for (DocColumns& c : cols) {
    day += bits(day_step);
    c.first_day = static_cast<int32_t>(day);
    c.last_day = static_cast<int32_t>(day + bits(span_bits));
    c.length = bits(length_bits);
    c.title_len = static_cast<uint16_t>(bits(16));
    c.lang = static_cast<uint8_t>(bits(8));
    c.precision = static_cast<uint8_t>(1 + bits(2) % 3);
  }
  return cols;
}

void ExpectRoundTrip(const std::vector<DocColumns>& cols) {
  std::string packed;
  EncodeColumns(cols.data(), cols.size(), &packed);
  std::vector<DocColumns> back(cols.size());
  ASSERT_TRUE(DecodeColumns(packed, cols.size(), back.data()));
  for (size_t d = 0; d < cols.size(); ++d) ASSERT_TRUE(Same(back[d], cols[d])) << "document " << d;
}

TEST(ColumnsTest, RandomColumnsRoundTrip) {
  std::mt19937 rng(7);
  for (size_t n : {0u, 1u, 2u, 127u, 128u, 129u, 1000u}) {
    for (uint32_t step : {0u, 1u, 5u, 20u}) {
      for (uint32_t span : {0u, 5u, 9u}) {
        SCOPED_TRACE(testing::Message() << n << " docs, step " << step << ", span " << span);
        ExpectRoundTrip(RandomColumns(&rng, n, -3000, step, span, 1 + rng() % 32));
      }
    }
  }
}

TEST(ColumnsTest, LargeSegmentsDecodeIntoHugePageMemory) {
  std::mt19937 rng(11);
  const std::vector<DocColumns> cols = RandomColumns(&rng, 300000, 0, 1, 3, 12);  // 4.6 MiB
  std::string packed;
  EncodeColumns(cols.data(), cols.size(), &packed);
  for (size_t n : {size_t{0}, size_t{1}, cols.size()}) {
    const ColumnArray back = AllocateColumns(n);
    ASSERT_NE(back.get(), nullptr);
    if (n != cols.size()) continue;
    ASSERT_TRUE(DecodeColumns(packed, n, back.get()));
    for (size_t d = 0; d < n; ++d) ASSERT_TRUE(Same(back[d], cols[d])) << "document " << d;
  }
}

TEST(ColumnsTest, ExtremeValuesRoundTrip) {
  constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
  constexpr int32_t kMax = std::numeric_limits<int32_t>::max();
  std::vector<DocColumns> cols = {
      {kMin, kMin, 0, 0, 0, 0},
      {kMin, kMax, UINT32_MAX, UINT16_MAX, UINT8_MAX, UINT8_MAX},  // a span of 2^32 - 1 days
      {-1, 0, 1, 1, 1, 1},
      {kMax, kMax, 7, 0, 3, 3},  // one block from the least to the greatest day
  };
  ExpectRoundTrip(cols);
}

TEST(ColumnsTest, EachColumnTakesTheWidthOfItsLargestValue) {
  // 300 documents (three day blocks): days 18000 + d / 100, spans 0, lengths
  // below 1024, titles below 64, 3 languages, precision 3.
  std::vector<DocColumns> cols(300);
  for (size_t d = 0; d < cols.size(); ++d) {
    const auto day = static_cast<int32_t>(18000 + d / 100);
    cols[d] = {day,
               day,
               static_cast<uint32_t>(d * 3 % 1024),
               static_cast<uint16_t>(d % 64),
               static_cast<uint8_t>(d % 3),
               3};
  }
  std::string packed;
  EncodeColumns(cols.data(), cols.size(), &packed);
  // Widths: day offset within a block of 128 (at most 1), span 0, length 10,
  // title 6, language 2, precision 2: 21 bits a document.
  ASSERT_GE(packed.size(), 6u);
  EXPECT_EQ(std::string(packed.data(), 6), std::string("\x01\x00\x0a\x06\x02\x02", 6));
  EXPECT_EQ(packed.size(), 6 + 3 * 4 + (300 * 21 + 7) / 8);
  EXPECT_EQ(DecodeFixed32(packed.data() + 6), 18000u);      // block 0 starts at day 18000
  EXPECT_EQ(DecodeFixed32(packed.data() + 6 + 4), 18001u);  // documents 128..255
  EXPECT_EQ(DecodeFixed32(packed.data() + 6 + 8), 18002u);  // documents 256..299
  ExpectRoundTrip(cols);
}

TEST(ColumnsTest, DamageIsRefused) {
  std::mt19937 rng(3);
  const std::vector<DocColumns> cols = RandomColumns(&rng, 200, 17000, 3, 5, 14);
  std::string good;
  EncodeColumns(cols.data(), cols.size(), &good);
  std::vector<DocColumns> out(cols.size() + 1);
  ASSERT_TRUE(DecodeColumns(good, cols.size(), out.data()));
  EXPECT_FALSE(DecodeColumns(good, cols.size() + 1, out.data())) << "a document more than written";
  EXPECT_FALSE(DecodeColumns(good, cols.size() - 1, out.data())) << "a document fewer";
  EXPECT_FALSE(DecodeColumns(good.substr(0, good.size() - 1), cols.size(), out.data()))
      << "cut short";
  EXPECT_FALSE(DecodeColumns(good + '\0', cols.size(), out.data())) << "a byte too many";
  EXPECT_FALSE(DecodeColumns(good.substr(0, 5), 0, out.data())) << "widths cut short";
  const uint32_t too_wide[6] = {33, 33, 33, 17, 9, 9};
  for (int f = 0; f < 6; ++f) {
    std::string bad = good;
    bad[f] = static_cast<char>(too_wide[f]);
    EXPECT_FALSE(DecodeColumns(bad, cols.size(), out.data())) << "column " << f;
  }
  // One document on the greatest day: widths day 0, span 1, length 1, title
  // 0, language 0, precision 1 (3 bits), its block's base, then its row.
  std::string top("\x00\x01\x01\x00\x00\x01", 6);
  PutFixed32(&top, static_cast<uint32_t>(std::numeric_limits<int32_t>::max()));
  top.push_back(static_cast<char>(0b110));  // span 0, length 1, precision 1
  ASSERT_TRUE(DecodeColumns(top, 1, out.data()));
  EXPECT_EQ(out[0].last_day, std::numeric_limits<int32_t>::max());
  top.back() = static_cast<char>(0b111);  // span 1: a last day past 2^31 - 1
  EXPECT_FALSE(DecodeColumns(top, 1, out.data()));
}

}  // namespace
}  // namespace dateline::index
