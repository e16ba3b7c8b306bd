// Patched frame of reference in postings blocks (segment version 7,
// index/coding.h): a block's gaps or frequencies are packed at a width that
// leaves out their largest values, whose high bits follow as exceptions. The
// codec round-trips every block size with and without outliers, picks the
// smallest encoding, and refuses malformed exceptions; a cursor of an older
// segment refuses a block that claims exceptions.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "index/coding.h"
#include "index/postings.h"

namespace dateline::index {
namespace {

// n values of a few bits, with `outliers` of them far larger.
std::vector<uint32_t> Block(std::mt19937& rng, size_t n, size_t outliers) {
  std::vector<uint32_t> v(n);
  for (uint32_t& x : v) x = rng() % 16;
  for (size_t k = 0; k < outliers; ++k)
    v[rng() % n] = 1000 + rng() % (k % 3 == 0 ? 0xFFFFFFF0u : 100000);
  return v;
}

std::vector<uint32_t> RoundTrip(const std::vector<uint32_t>& v, uint32_t bits, bool* had) {
  std::string buf;
  *had = PackPfor(&buf, v.data(), v.size(), bits);
  buf.append(kPackPadding, '\0');
  std::vector<uint32_t> out(v.size());
  UnpackBits(buf.data(), v.size(), bits, out.data());
  const char* packed_end = buf.data() + PackedBytes(v.size(), bits);
  if (*had) {
    const char* end = PforExceptionsEnd(packed_end, buf.data() + buf.size(), v.size(), bits);
    EXPECT_NE(end, nullptr);
    if (end == nullptr) return {};
    EXPECT_EQ(static_cast<size_t>(buf.data() + buf.size() - end), kPackPadding);
    PatchPfor(packed_end, bits, out.data());
  } else {
    EXPECT_EQ(buf.size(), PackedBytes(v.size(), bits) + kPackPadding);
  }
  return out;
}

TEST(PforTest, EveryWidthRoundTripsAndTheChosenOneIsSmallest) {
  std::mt19937 rng(7);
  for (size_t n = 1; n <= 128; ++n) {
    for (const size_t outliers : {size_t{0}, size_t{1}, size_t{3}, n / 4, n}) {
      const std::vector<uint32_t> v = Block(rng, n, outliers);
      uint32_t max = 0;
      for (uint32_t x : v) max |= x;
      size_t smallest = ~size_t{0};
      for (uint32_t b = 0; b <= BitWidth(max); ++b) {
        bool had;
        ASSERT_EQ(RoundTrip(v, b, &had), v) << "n " << n << " width " << b;
        std::string buf;
        PackPfor(&buf, v.data(), n, b);
        smallest = std::min(smallest, buf.size());
      }
      size_t exceptions;
      const uint32_t chosen = PforWidth(v.data(), n, &exceptions);
      std::string buf;
      EXPECT_EQ(PackPfor(&buf, v.data(), n, chosen), exceptions > 0);
      EXPECT_EQ(buf.size(), smallest) << "n " << n << " outliers " << outliers;
      EXPECT_LE(buf.size(), PackedBytes(n, BitWidth(max)));
      size_t above = 0;
      for (uint32_t x : v) above += (static_cast<uint64_t>(x) >> chosen) != 0;
      EXPECT_EQ(above, exceptions);
    }
  }
}

// The width chosen is the largest of those giving the fewest bytes (so the
// fewest exceptions), found by packing at every width: the same bytes as
// every writer before, whatever the blocks look like.
TEST(PforTest, TheChosenWidthIsTheWidestOfTheSmallest) {
  std::mt19937 rng(11);
  for (int round = 0; round < 20000; ++round) {
    const size_t n = 1 + rng() % (round % 2 == 0 ? 8 : 128);
    std::vector<uint32_t> v(n);
    const uint32_t span = 1u << (rng() % 32);  // gaps or frequencies of any size
    for (uint32_t& x : v) x = rng() % 4 == 0 ? rng() % span : 1 + rng() % 8;
    for (size_t k = rng() % 3; k-- > 0;) v[rng() % n] = rng();  // outliers
    uint32_t max = 0;
    for (uint32_t x : v) max |= x;
    uint32_t want = BitWidth(max);
    size_t fewest = PackedBytes(n, want);
    for (uint32_t b = want; b-- > 0;) {
      std::string buf;
      PackPfor(&buf, v.data(), n, b);
      if (buf.size() < fewest) want = b, fewest = buf.size();
    }
    size_t exceptions;
    ASSERT_EQ(PforWidth(v.data(), n, &exceptions), want) << "round " << round << " n " << n;
  }
}

TEST(PforTest, OneOutlierInABlockBecomesAnException) {
  std::vector<uint32_t> v(128, 3);
  v[77] = 5000000;
  size_t exceptions;
  EXPECT_EQ(PforWidth(v.data(), v.size(), &exceptions), 2u);
  EXPECT_EQ(exceptions, 1u);
}

// Exceptions of a block of 8 values packed at 2 bits (2 bytes of zeros).
std::string WithExceptions(const std::string& exceptions) {
  return std::string(2, '\0') + exceptions + std::string(kPackPadding, '\0');
}

TEST(PforTest, MalformedExceptionsAreRefused) {
  const struct {
    const char* what;
    std::string bytes;
  } bad[] = {
      {"no exception", std::string(1, '\0')},
      {"more than the block", std::string("\x09", 1)},
      {"index beyond the block", std::string("\x01\x08\x01", 3)},
      {"indexes not ascending", std::string("\x02\x03\x01\x03\x01", 5)},
      {"high bits zero", std::string("\x01\x03\x00", 3)},
      {"value over 32 bits", std::string("\x01\x03\xFF\xFF\xFF\xFF\x0F", 7)},
      {"truncated varint", std::string("\x01\x03\x80", 3)},
  };
  for (const auto& b : bad) {
    const std::string buf = std::string(2, '\0') + b.bytes;  // no padding: truncation shows
    EXPECT_EQ(PforExceptionsEnd(buf.data() + 2, buf.data() + buf.size(), 8, 2), nullptr) << b.what;
  }
  const std::string ok = WithExceptions(std::string("\x02\x03\x01\x07\x81\x01", 6));
  const char* end = PforExceptionsEnd(ok.data() + 2, ok.data() + ok.size(), 8, 2);
  ASSERT_NE(end, nullptr);
  EXPECT_EQ(end, ok.data() + 8);
  std::vector<uint32_t> v(8, 1);
  PatchPfor(ok.data() + 2, 2, v.data());
  EXPECT_EQ(v, (std::vector<uint32_t>{1, 1, 1, 5, 1, 1, 1, 1 | (129u << 2)}));
  // A width of 32 leaves no room for high bits.
  EXPECT_EQ(PforExceptionsEnd(ok.data() + 2, ok.data() + ok.size(), 8, 32), nullptr);
}

// A list whose gaps and frequencies have outliers: smaller with exceptions,
// read back the same, and refused (corrupt, never misread) by a cursor of a
// segment version without them.
TEST(PforTest, ListsWithOutliersShrinkAndOlderCursorsRefuseThem) {
  std::mt19937 rng(11);
  std::vector<uint32_t> docs, freqs;
  uint32_t d = 0;
  for (int i = 0; i < 1000; ++i) {
    d += 1 + (i % 97 == 0 ? 200000 : rng() % 6);
    docs.push_back(d);
    freqs.push_back(i % 131 == 0 ? 900 : 1 + rng() % 3);
  }
  std::string post, pos, plain_post, plain_pos;
  TermInfo info, plain;
  EncodePostings(docs.data(), freqs.data(), docs.size(), nullptr, &post, &pos, &info);
  EncodePostings(docs.data(), freqs.data(), docs.size(), nullptr, &plain_post, &plain_pos, &plain,
                 nullptr, /*pfor=*/false);
  EXPECT_LT(post.size() * 10, plain_post.size() * 8) << post.size() << " vs " << plain_post.size();
  post.append(kPackPadding, '\0');
  plain_post.append(kPackPadding, '\0');
  for (const bool docs_only : {false, true}) {
    PostingsCursor c;
    c.Init(post, pos, info);
    if (docs_only) c.SetDocsOnly();
    size_t i = 0;
    for (uint32_t x = c.doc(); x != kNoDoc; x = c.Next(), ++i) {
      ASSERT_LT(i, docs.size());
      ASSERT_EQ(x, docs[i]);
      if (!docs_only) {
        ASSERT_EQ(c.freq(), freqs[i]) << i;
      }
    }
    EXPECT_EQ(i, docs.size());
    EXPECT_FALSE(c.corrupt());
  }
  PostingsCursor old;
  old.Init(post, pos, info, nullptr, nullptr, /*pfor=*/false);
  while (old.doc() != kNoDoc) old.Next();
  EXPECT_TRUE(old.corrupt());
  PostingsCursor old_plain;  // a list written without exceptions reads either way
  old_plain.Init(plain_post, plain_pos, plain, nullptr, nullptr, /*pfor=*/false);
  size_t n = 0;
  for (uint32_t x = old_plain.doc(); x != kNoDoc; x = old_plain.Next()) ASSERT_EQ(x, docs[n++]);
  EXPECT_EQ(n, docs.size());
  EXPECT_FALSE(old_plain.corrupt());
}

}  // namespace
}  // namespace dateline::index
