// Property tests for the integer codecs (index/coding.h) and the posting list
// encoder and cursor (index/postings.h): random round trips, skipping, several
// terms in shared buffers, and damaged input.
#include "index/postings.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "index/coding.h"
#include "index/inverter.h"
#include "test_util.h"

namespace dateline::index {
namespace {

using testutil::kSanitized;
using util::SkipVarints;

// ---------------------------------------------------------------------------
// Bit packing

TEST(PackBitsTest, RoundTripEveryWidthAndLength) {
  std::mt19937_64 rng(42);
  for (uint32_t bits = 0; bits <= 32; ++bits) {
    const uint64_t mask = bits == 32 ? 0xFFFFFFFFull : (uint64_t{1} << bits) - 1;
    for (size_t n = 0; n <= 130; ++n) {
      std::vector<uint32_t> in(n);
      for (auto& v : in) v = static_cast<uint32_t>(rng() & mask);
      // Force the extremes into the block so every bit position is exercised.
      if (n > 0) in[0] = static_cast<uint32_t>(mask);
      if (n > 1) in[n - 1] = static_cast<uint32_t>(mask);
      std::string out = "pre";  // PackBits appends
      PackBits(&out, in.data(), n, bits);
      ASSERT_EQ(out.size(), 3 + PackedBytes(n, bits)) << "bits=" << bits << " n=" << n;
      ASSERT_EQ(out.substr(0, 3), "pre");
      // Unpack from an exactly sized heap buffer, so the sanitizer sees any over-read.
      const size_t bytes = out.size() - 3;
      std::unique_ptr<char[]> exact(new char[bytes == 0 ? 1 : bytes]);
      if (bytes > 0) std::memcpy(exact.get(), out.data() + 3, bytes);
      std::vector<uint32_t> back(n + 1, 0xDEADBEEF);
      UnpackBits(exact.get(), n, bits, back.data());
      for (size_t i = 0; i < n; ++i) {
        ASSERT_EQ(back[i], in[i]) << "bits=" << bits << " n=" << n << " i=" << i;
      }
      EXPECT_EQ(back[n], 0xDEADBEEFu) << "UnpackBits wrote past n values";
    }
  }
}

// UnpackBitsPadded may read up to kPackPadding bytes past the packed data, never
// more: the buffer below ends exactly there (the sanitizer build checks it).
TEST(PackBitsTest, PaddedUnpackRoundTripEveryWidthAndLength) {
  std::mt19937_64 rng(43);
  for (uint32_t bits = 0; bits <= 32; ++bits) {
    const uint64_t mask = bits == 32 ? 0xFFFFFFFFull : (uint64_t{1} << bits) - 1;
    for (size_t n = 0; n <= 130; ++n) {
      std::vector<uint32_t> in(n);
      for (auto& v : in) v = static_cast<uint32_t>(rng() & mask);
      if (n > 0) in[n - 1] = static_cast<uint32_t>(mask);
      std::string out;
      PackBits(&out, in.data(), n, bits);
      out.append(kPackPadding, '\xA5');  // padding need not be zero
      std::unique_ptr<char[]> exact(new char[out.size()]);
      std::memcpy(exact.get(), out.data(), out.size());
      std::vector<uint32_t> back(n + 1, 0xDEADBEEF);
      UnpackBitsPadded(exact.get(), n, bits, back.data());
      for (size_t i = 0; i < n; ++i) {
        ASSERT_EQ(back[i], in[i]) << "bits=" << bits << " n=" << n << " i=" << i;
      }
      EXPECT_EQ(back[n], 0xDEADBEEFu) << "UnpackBitsPadded wrote past n values";
    }
  }
}

TEST(PackBitsTest, ConsecutiveBlocksShareOneBuffer) {
  std::mt19937 rng(7);
  std::string buf;
  std::vector<std::vector<uint32_t>> blocks;
  std::vector<uint32_t> widths;
  std::vector<size_t> offsets;
  for (int k = 0; k < 200; ++k) {
    const uint32_t bits = rng() % 33;
    const size_t n = rng() % 131;
    std::vector<uint32_t> v(n);
    for (auto& x : v) x = bits == 0 ? 0 : static_cast<uint32_t>(rng()) >> (32 - bits);
    offsets.push_back(buf.size());
    PackBits(&buf, v.data(), n, bits);
    blocks.push_back(v);
    widths.push_back(bits);
  }
  for (size_t k = 0; k < blocks.size(); ++k) {
    std::vector<uint32_t> back(blocks[k].size());
    UnpackBits(buf.data() + offsets[k], back.size(), widths[k], back.data());
    ASSERT_EQ(back, blocks[k]) << "block " << k;
  }
}

TEST(BitWidthTest, Values) {
  EXPECT_EQ(BitWidth(0), 0u);
  EXPECT_EQ(BitWidth(1), 1u);
  EXPECT_EQ(BitWidth(2), 2u);
  EXPECT_EQ(BitWidth(255), 8u);
  EXPECT_EQ(BitWidth(256), 9u);
  EXPECT_EQ(BitWidth(0x7FFFFFFFu), 31u);
  EXPECT_EQ(BitWidth(0xFFFFFFFFu), 32u);
  EXPECT_EQ(PackedBytes(0, 32), 0u);
  EXPECT_EQ(PackedBytes(3, 3), 2u);
  EXPECT_EQ(PackedBytes(128, 32), 512u);
}

// ---------------------------------------------------------------------------
// Varints and fixed-width integers

TEST(VarintTest, RoundTripRandomAndEdgeValues) {
  std::mt19937_64 rng(1);
  std::vector<uint64_t> values = {0,
                                  1,
                                  127,
                                  128,
                                  255,
                                  16383,
                                  16384,
                                  0xFFFFFFFFull,
                                  0x100000000ull,
                                  std::numeric_limits<uint64_t>::max() - 1,
                                  std::numeric_limits<uint64_t>::max()};
  for (int i = 0; i < 5000; ++i) values.push_back(rng() >> (rng() % 64));
  std::string buf;
  for (uint64_t v : values) PutVarint(&buf, v);
  const char* p = buf.data();
  const char* end = buf.data() + buf.size();
  for (uint64_t v : values) {
    uint64_t got = 0;
    ASSERT_TRUE(GetVarint(&p, end, &got));
    ASSERT_EQ(got, v);
  }
  EXPECT_EQ(p, end);
  uint64_t dummy;
  EXPECT_FALSE(GetVarint(&p, end, &dummy)) << "reading at the end must fail";
}

TEST(VarintTest, EncodedLengths) {
  auto len = [](uint64_t v) {
    std::string s;
    PutVarint(&s, v);
    return s.size();
  };
  EXPECT_EQ(len(0), 1u);
  EXPECT_EQ(len(127), 1u);
  EXPECT_EQ(len(128), 2u);
  EXPECT_EQ(len(0xFFFFFFFFull), 5u);
  EXPECT_EQ(len(std::numeric_limits<uint64_t>::max()), 10u);
}

TEST(VarintTest, TruncatedInputFailsAndLeavesPointer) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 2000; ++i) {
    const uint64_t v = rng() >> (rng() % 64);
    std::string enc;
    PutVarint(&enc, v);
    for (size_t cut = 0; cut < enc.size(); ++cut) {
      std::unique_ptr<char[]> part(new char[cut + 1]);
      std::memcpy(part.get(), enc.data(), cut);
      const char* p = part.get();
      uint64_t got = 12345;
      EXPECT_FALSE(GetVarint(&p, part.get() + cut, &got)) << v << " cut at " << cut;
      EXPECT_EQ(p, part.get()) << "pointer moved on failure";
      EXPECT_EQ(got, 12345u) << "value written on failure";
    }
  }
}

TEST(VarintTest, OverlongInputFails) {
  const std::string overlong(11, '\x80');  // no terminating byte within 10 bytes
  const char* p = overlong.data();
  uint64_t v;
  EXPECT_FALSE(GetVarint(&p, overlong.data() + overlong.size(), &v));
  EXPECT_EQ(p, overlong.data());
}

// SkipVarints against GetVarint one at a time, on streams of every length
// (the eight-byte loop and the byte tail), for every count, each exact end
// checked to hold nothing past it (the buffer is heap-allocated to its size).
TEST(VarintTest, SkipMatchesDecodingOneAtATime) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 300; ++round) {
    std::vector<uint64_t> values(rng() % 40);
    for (uint64_t& v : values) v = rng() >> (rng() % 64);
    std::string enc;
    for (uint64_t v : values) PutVarint(&enc, v);
    std::unique_ptr<char[]> buf(new char[enc.size() + 1]);
    std::memcpy(buf.get(), enc.data(), enc.size());
    const char* end = buf.get() + enc.size();
    const char* p = buf.get();
    for (size_t k = 0; k <= values.size(); ++k) {
      ASSERT_EQ(SkipVarints(buf.get(), end, k), p) << "round " << round << " k " << k;
      uint64_t v;
      if (k < values.size()) {
        ASSERT_TRUE(GetVarint(&p, end, &v));
      }
    }
    EXPECT_EQ(SkipVarints(buf.get(), end, values.size() + 1), nullptr);
    EXPECT_EQ(SkipVarints(buf.get(), end, ~uint64_t{0}), nullptr);
  }
  const std::string unterminated(20, '\x80');
  EXPECT_EQ(SkipVarints(unterminated.data(), unterminated.data() + 20, 1), nullptr);
  EXPECT_EQ(SkipVarints(unterminated.data(), unterminated.data() + 20, 0), unterminated.data());
}

TEST(LengthPrefixedTest, RoundTripAndTruncation) {
  std::string buf;
  const std::vector<std::string> items = {"", "a", std::string(200, 'x'), "Libië", "طرابلس"};
  for (const auto& s : items) PutLengthPrefixed(&buf, s);
  const char* p = buf.data();
  const char* end = buf.data() + buf.size();
  for (const auto& s : items) {
    std::string_view got;
    ASSERT_TRUE(GetLengthPrefixed(&p, end, &got));
    EXPECT_EQ(got, s);
  }
  EXPECT_EQ(p, end);
  // A length that runs past the end fails.
  std::string bad;
  PutLengthPrefixed(&bad, "hello");
  bad.pop_back();
  p = bad.data();
  std::string_view got;
  EXPECT_FALSE(GetLengthPrefixed(&p, bad.data() + bad.size(), &got));
}

TEST(FixedTest, RoundTrip) {
  std::string buf;
  PutFixed32(&buf, 0xA1B2C3D4u);
  PutFixed64(&buf, 0x0102030405060708ull);
  ASSERT_EQ(buf.size(), 12u);
  EXPECT_EQ(DecodeFixed32(buf.data()), 0xA1B2C3D4u);
  EXPECT_EQ(DecodeFixed64(buf.data() + 4), 0x0102030405060708ull);
  EXPECT_EQ(static_cast<unsigned char>(buf[0]), 0xD4u) << "little-endian";
}

// ---------------------------------------------------------------------------
// Posting lists

struct RefList {
  std::vector<uint32_t> docs, freqs, positions;
  std::vector<size_t> pos_at;  // index into positions of each doc's first position
};

enum class Gaps { kDense, kRandom, kHuge, kMixed };

RefList MakeList(std::mt19937_64& rng, size_t n, Gaps gaps, bool big_freqs = false) {
  RefList r;
  std::vector<uint32_t> docs;
  if (gaps == Gaps::kHuge) {
    // n distinct docs spread over the whole range, always including 0 and kNoDoc - 1.
    std::vector<uint32_t> v;
    v.reserve(n + 2);
    v.push_back(0);
    v.push_back(kNoDoc - 1);
    while (v.size() < n + n / 2 + 2) v.push_back(static_cast<uint32_t>(rng() % (kNoDoc - 1)));
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    // Keep the first and last, sample the rest.
    std::vector<uint32_t> mid(v.begin() + 1, v.end() - 1);
    std::shuffle(mid.begin(), mid.end(), rng);
    mid.resize(n >= 2 ? n - 2 : 0);
    docs = {0};
    if (n >= 2) docs.push_back(kNoDoc - 1);
    docs.insert(docs.end(), mid.begin(), mid.end());
    docs.resize(n);
    std::sort(docs.begin(), docs.end());
  } else {
    uint64_t d = rng() % 1000;
    for (size_t i = 0; i < n; ++i) {
      docs.push_back(static_cast<uint32_t>(d));
      uint64_t gap = 1;
      switch (gaps) {
        case Gaps::kDense:
          gap = 1 + rng() % 3;
          break;
        case Gaps::kRandom:
          gap = 1 + rng() % 5000;
          break;
        case Gaps::kMixed:
          gap = rng() % 50 == 0 ? 1 + rng() % 40000000 : 1 + rng() % 4;
          break;
        case Gaps::kHuge:
          break;
      }
      d += gap;
      if (d >= kNoDoc - 1) d = kNoDoc - 1;  // saturate; trimmed below
    }
    docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
  }
  for (uint32_t doc : docs) {
    r.docs.push_back(doc);
    uint32_t f = 1 + static_cast<uint32_t>(rng() % 4);
    if (big_freqs && rng() % 20 == 0) f = 100 + static_cast<uint32_t>(rng() % 400);
    r.freqs.push_back(f);
    r.pos_at.push_back(r.positions.size());
    uint32_t p = static_cast<uint32_t>(rng() % 10);
    for (uint32_t k = 0; k < f; ++k) {
      r.positions.push_back(p);
      p += 1 + static_cast<uint32_t>(rng() % (rng() % 100 == 0 ? 1000000 : 20));
    }
  }
  return r;
}

std::vector<uint32_t> PositionsOf(const RefList& r, size_t i) {
  return std::vector<uint32_t>(
      r.positions.begin() + static_cast<ptrdiff_t>(r.pos_at[i]),
      r.positions.begin() + static_cast<ptrdiff_t>(r.pos_at[i] + r.freqs[i]));
}

TermInfo Encode(const RefList& r, bool positional, std::string* post, std::string* pos) {
  TermInfo info;
  EncodePostings(r.docs.data(), r.freqs.data(), r.docs.size(),
                 positional ? r.positions.data() : nullptr, post, pos, &info);
  return info;
}

// Walks the whole list with Next(), checking docs, freqs and (when asked) positions.
void CheckWalk(std::string_view post, std::string_view pos, const TermInfo& info, const RefList& r,
               bool positional, std::mt19937_64& rng, bool all_positions) {
  PostingsCursor c;
  c.Init(post, pos, info);
  ASSERT_EQ(c.df(), r.docs.size());
  std::vector<uint32_t> got;
  size_t i = 0;
  for (uint32_t d = c.doc(); d != kNoDoc; d = c.Next(), ++i) {
    ASSERT_LT(i, r.docs.size()) << "cursor returned more documents than encoded";
    ASSERT_EQ(d, r.docs[i]) << "i=" << i;
    ASSERT_EQ(c.doc(), d);
    ASSERT_EQ(c.freq(), r.freqs[i]) << "i=" << i;
    if (positional && (all_positions || rng() % 3 == 0)) {
      c.Positions(&got);
      ASSERT_EQ(got, PositionsOf(r, i)) << "positions of doc index " << i;
      if (rng() % 4 == 0) {  // asking twice gives the same answer
        c.Positions(&got);
        ASSERT_EQ(got, PositionsOf(r, i));
      }
    }
  }
  EXPECT_EQ(i, r.docs.size());
  EXPECT_FALSE(c.corrupt());
  EXPECT_EQ(c.doc(), kNoDoc);
  EXPECT_EQ(c.Next(), kNoDoc) << "Next() after the end stays at the end";
  EXPECT_EQ(c.Advance(0), kNoDoc);
}

// Random Advance() targets (with a Next() now and then) against std::lower_bound.
void CheckAdvance(std::string_view post, std::string_view pos, const TermInfo& info,
                  const RefList& r, bool positional, std::mt19937_64& rng) {
  PostingsCursor c;
  c.Init(post, pos, info);
  ASSERT_EQ(c.doc(), r.docs.front());
  std::vector<uint32_t> got;
  size_t i = 0;  // reference index of the cursor
  const uint32_t last = r.docs.back();
  for (int step = 0; step < 400 && i < r.docs.size(); ++step) {
    const int kind = static_cast<int>(rng() % 10);
    if (kind == 0) {
      c.Next();
      ++i;
    } else if (kind == 1) {
      // A target at or before the current document does not move the cursor.
      ASSERT_EQ(c.Advance(r.docs[i] - (r.docs[i] > 0 && rng() % 2 ? 1 : 0)), r.docs[i]);
    } else {
      // Small hops (same block), medium hops and far jumps.
      uint64_t target;
      const uint64_t cur = r.docs[i];
      switch (rng() % 3) {
        case 0:
          target = cur + 1 + rng() % 64;
          break;
        case 1: {
          const size_t j = std::min(r.docs.size() - 1, i + 1 + static_cast<size_t>(rng() % 300));
          target = r.docs[j] - (rng() % 2);
          break;
        }
        default:
          target = cur + rng() % (uint64_t{last} - cur + 2);
          break;
      }
      if (target > kNoDoc - 1) target = kNoDoc - 1;
      if (target <= cur) target = cur + 1;
      const auto it = std::lower_bound(r.docs.begin() + static_cast<ptrdiff_t>(i), r.docs.end(),
                                       static_cast<uint32_t>(target));
      const uint32_t want = it == r.docs.end() ? kNoDoc : *it;
      ASSERT_EQ(c.Advance(static_cast<uint32_t>(target)), want) << "target " << target;
      i = static_cast<size_t>(it - r.docs.begin());
    }
    if (i >= r.docs.size()) {
      ASSERT_EQ(c.doc(), kNoDoc);
      break;
    }
    ASSERT_EQ(c.doc(), r.docs[i]);
    ASSERT_EQ(c.freq(), r.freqs[i]);
    if (positional && rng() % 2 == 0) {
      c.Positions(&got);
      ASSERT_EQ(got, PositionsOf(r, i)) << "positions after Advance, doc index " << i;
    }
  }
  // Advancing past the last document ends the list.
  if (r.docs.back() < kNoDoc - 1) {
    EXPECT_EQ(c.Advance(r.docs.back() + 1), kNoDoc);
  } else {
    EXPECT_EQ(c.Advance(kNoDoc), kNoDoc);
  }
  EXPECT_EQ(c.doc(), kNoDoc);
  EXPECT_FALSE(c.corrupt());
}

struct ListCase {
  size_t n;
  Gaps gaps;
};

class PostingsRoundTrip : public ::testing::TestWithParam<ListCase> {};

TEST_P(PostingsRoundTrip, NextFreqPositionsAdvance) {
  const ListCase lc = GetParam();
  std::mt19937_64 rng(1000 + lc.n * 7 + static_cast<int>(lc.gaps));
  const int rounds = lc.n >= 100000 ? 1 : 3;
  for (int round = 0; round < rounds; ++round) {
    const RefList r = MakeList(rng, lc.n, lc.gaps, /*big_freqs=*/round == 1);
    ASSERT_EQ(r.docs.size(), lc.n);
    for (bool positional : {true, false}) {
      std::string post = "junk", pos = "xy";  // the term does not start at offset 0
      const TermInfo info = Encode(r, positional, &post, &pos);
      EXPECT_EQ(info.df, lc.n);
      EXPECT_EQ(info.postings, 4u);
      EXPECT_EQ(info.positions, 2u);
      EXPECT_EQ(info.positional, positional);
      // Exactly sized copies: the sanitizer flags reads past the sections.
      const std::string post_copy = post, pos_copy = pos;
      CheckWalk(post_copy, pos_copy, info, r, positional, rng, /*all_positions=*/true);
      CheckWalk(post_copy, pos_copy, info, r, positional, rng, /*all_positions=*/false);
      for (int k = 0; k < (lc.n >= 100000 ? 2 : 6); ++k) {
        CheckAdvance(post_copy, pos_copy, info, r, positional, rng);
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Sizes, PostingsRoundTrip,
    ::testing::Values(ListCase{1, Gaps::kRandom}, ListCase{1, Gaps::kHuge},
                      ListCase{2, Gaps::kHuge}, ListCase{127, Gaps::kDense},
                      ListCase{127, Gaps::kHuge}, ListCase{128, Gaps::kDense},
                      ListCase{128, Gaps::kRandom}, ListCase{129, Gaps::kMixed},
                      ListCase{129, Gaps::kHuge}, ListCase{256, Gaps::kDense},
                      ListCase{257, Gaps::kRandom}, ListCase{1000, Gaps::kMixed},
                      ListCase{1000, Gaps::kHuge}, ListCase{100000, Gaps::kRandom},
                      ListCase{100000, Gaps::kHuge}, ListCase{100000, Gaps::kDense}));

// The two skip table layouts (12 bytes an entry before version 12, packed at
// each list's widths since) read the same documents, frequencies, positions
// and block navigation; the packed table holds each field at the width of its
// largest value, and a non-positional list spends no bits on positions.
TEST(PostingsTest, PackedAndFixedSkipTablesReadTheSame) {
  std::mt19937_64 rng(31);
  for (const ListCase lc : {ListCase{129, Gaps::kHuge}, ListCase{1000, Gaps::kDense},
                            ListCase{5000, Gaps::kMixed}, ListCase{20000, Gaps::kRandom}}) {
    const RefList r = MakeList(rng, lc.n, lc.gaps);
    for (const bool positional : {true, false}) {
      std::string post[2], pos[2];
      TermInfo info[2];
      for (const int packed : {0, 1}) {
        EncodePostings(r.docs.data(), r.freqs.data(), r.docs.size(),
                       positional ? r.positions.data() : nullptr, &post[packed], &pos[packed],
                       &info[packed], nullptr, true, true, packed == 1);
      }
      const uint32_t nblocks = BlockCount(lc.n);
      EXPECT_EQ(pos[0], pos[1]);
      ASSERT_EQ(static_cast<uint8_t>(post[1][0]), BitWidth(r.docs.back()));
      EXPECT_EQ(static_cast<uint8_t>(post[1][2]) == 0, !positional);
      const size_t packed_table = 3 + (size_t{nblocks} * (static_cast<uint8_t>(post[1][0]) +
                                                          static_cast<uint8_t>(post[1][1]) +
                                                          static_cast<uint8_t>(post[1][2])) +
                                       7) /
                                          8;
      EXPECT_EQ(post[1].size() - packed_table, post[0].size() - 12 * size_t{nblocks});
      EXPECT_LT(post[1].size(), post[0].size());
      PostingsCursor a, b;
      a.Init(post[0], pos[0], info[0], nullptr, nullptr, true, true, false);
      b.Init(post[1], pos[1], info[1], nullptr, nullptr, true, true, true);
      for (uint32_t k = 0; k < nblocks; ++k) ASSERT_EQ(a.BlockLast(k), b.BlockLast(k));
      std::vector<uint32_t> pa, pb;
      for (int step = 0; a.doc() != kNoDoc; ++step) {
        ASSERT_EQ(a.doc(), b.doc());
        ASSERT_EQ(a.freq(), b.freq());
        if (positional) {
          a.Positions(&pa);
          b.Positions(&pb);
          ASSERT_EQ(pa, pb);
        }
        const uint32_t target = a.doc() + 1 + static_cast<uint32_t>(rng() % (step % 3 ? 2 : 5000));
        ASSERT_EQ(a.ShallowBlock(target), b.ShallowBlock(target));
        if (step % 2 == 0) {
          a.Next();
          b.Next();
        } else {
          a.Advance(target);
          b.Advance(target);
        }
      }
      EXPECT_EQ(b.doc(), kNoDoc);
      EXPECT_FALSE(a.corrupt() || b.corrupt());
    }
  }
}

// A packed skip table that claims a width above 32 bits, or more entries
// than the section holds, is corruption, never read.
TEST(PostingsTest, BadPackedSkipTablesAreCorrupt) {
  std::mt19937_64 rng(5);
  const RefList r = MakeList(rng, 1000, Gaps::kRandom);
  std::string post, pos;
  const TermInfo info = Encode(r, /*positional=*/false, &post, &pos);
  for (int field = 0; field < 3; ++field) {
    std::string bad = post;
    bad[field] = 33;
    PostingsCursor c;
    c.Init(bad, pos, info);
    EXPECT_EQ(c.doc(), kNoDoc);
    EXPECT_TRUE(c.corrupt()) << field;
  }
  std::string wide = post;
  wide[0] = wide[1] = wide[2] = 32;  // 96 bits an entry: past the list's bytes
  PostingsCursor c;
  c.Init(wide.substr(0, 3 + 8 * 12), pos, info);
  EXPECT_TRUE(c.corrupt());
  for (size_t cut = 0; cut < 40; ++cut) {  // a table cut short
    PostingsCursor t;
    t.Init(post.substr(0, cut), pos, info);
    EXPECT_EQ(t.doc(), kNoDoc);
    EXPECT_TRUE(t.corrupt()) << cut;
  }
}

// The byte streams an index build keeps (PendingPostings, split across
// inverters as threads split the documents) and the positions a merge reads
// (PostingsCursor::AppendPositions, document after document) encode exactly
// as EncodePostings does, frequencies of 128 and more included.
TEST(PostingsTest, PendingStreamsAndMergedPositionsEncodeIdentically) {
  std::mt19937_64 rng(77);
  for (const ListCase lc : {ListCase{1, Gaps::kRandom}, ListCase{129, Gaps::kDense},
                            ListCase{1000, Gaps::kMixed}, ListCase{3000, Gaps::kRandom}}) {
    const RefList r = MakeList(rng, lc.n, lc.gaps, /*big_freqs=*/true);
    for (bool positional : {true, false}) {
      std::string want_post, want_pos;
      const TermInfo want = Encode(r, positional, &want_post, &want_pos);
      // One to three streams, each holding a run of the documents.
      const size_t parts = 1 + rng() % 3;
      std::vector<PendingPostings> pending(parts);
      for (size_t i = 0; i < r.docs.size(); ++i) {
        PendingPostings& p = pending[i * parts / r.docs.size()];
        for (uint32_t k = 0; k < r.freqs[i]; ++k) {
          p.Add(r.docs[i], r.positions[r.pos_at[i] + k], positional);
        }
      }
      std::vector<std::string_view> streams;
      size_t docs = 0;
      for (PendingPostings& p : pending) {
        p.Close();
        if (!p.data.empty()) streams.push_back(p.data.view());
        docs += p.docs;
      }
      ASSERT_EQ(docs, r.docs.size());
      std::string post, pos;
      TermInfo info;
      EncodePending(streams, docs, positional, &post, &pos, &info);
      EXPECT_EQ(post, want_post);
      EXPECT_EQ(pos, want_pos);
      EXPECT_EQ(info.df, want.df);
      EXPECT_EQ(info.positional, want.positional);
      if (!positional) continue;
      // A merge's reading of the positions, encoded again.
      const std::string padded = want_post + std::string(kPackPadding, '\0');
      PostingsCursor c;
      c.Init(padded, want_pos, want);
      std::vector<uint32_t> positions;
      for (uint32_t d = c.doc(); d != kNoDoc; d = c.Next()) c.AppendPositions(&positions);
      ASSERT_FALSE(c.corrupt());
      ASSERT_EQ(positions, r.positions);
      std::string again_post, again_pos;
      EncodePostings(r.docs.data(), r.freqs.data(), r.docs.size(), positions.data(), &again_post,
                     &again_pos, &info);
      EXPECT_EQ(again_post, want_post);
      EXPECT_EQ(again_pos, want_pos);
    }
  }
}

// Reading every document's positions stops, as corrupt, where the section
// ends early or a code is longer than a position's.
TEST(PostingsTest, PositionsRefuseTruncatedAndOverlongCodes) {
  std::mt19937_64 rng(5);
  const RefList r = MakeList(rng, 300, Gaps::kMixed, /*big_freqs=*/false);
  std::string post, pos;
  const TermInfo info = Encode(r, true, &post, &pos);
  post.append(kPackPadding, '\0');
  auto copy_all = [&](std::string_view pos_section) {
    PostingsCursor c;
    c.Init(post, pos_section, info);
    std::vector<uint32_t> got;
    for (uint32_t d = c.doc(); d != kNoDoc && !c.corrupt(); d = c.Next()) c.AppendPositions(&got);
    return !c.corrupt();
  };
  ASSERT_TRUE(copy_all(pos));
  EXPECT_FALSE(copy_all(std::string_view(pos).substr(0, pos.size() - 1))) << "truncated";
  // The first block's codes as zero bits only (its order kept): a code of
  // more than 32 leading zeros.
  std::string overlong = pos;
  overlong[0] = static_cast<char>(overlong[0] & 0xF8);
  for (size_t i = 1; i < std::min<size_t>(overlong.size(), 40); ++i) overlong[i] = 0;
  EXPECT_FALSE(copy_all(overlong)) << "over-long codes";
}

TEST(PostingsTest, SingleDocAtExtremes) {
  for (uint32_t doc : {0u, 1u, 127u, 128u, 0x7FFFFFFFu, kNoDoc - 1}) {
    const uint32_t freq = 1;
    const uint32_t position = 0xFFFFFFF0u;
    std::string post, pos;
    TermInfo info;
    EncodePostings(&doc, &freq, 1, &position, &post, &pos, &info);
    PostingsCursor c;
    c.Init(post, pos, info);
    EXPECT_EQ(c.doc(), doc);
    EXPECT_EQ(c.freq(), 1u);
    std::vector<uint32_t> got;
    c.Positions(&got);
    EXPECT_EQ(got, std::vector<uint32_t>{position});
    EXPECT_EQ(c.Next(), kNoDoc);
    EXPECT_FALSE(c.corrupt());
    PostingsCursor c2;
    c2.Init(post, pos, info);
    EXPECT_EQ(c2.Advance(doc), doc);
    EXPECT_EQ(c2.Advance(doc == kNoDoc - 1 ? kNoDoc : doc + 1), kNoDoc);
  }
}

TEST(PostingsTest, AdvanceToEveryDocAndBetween) {
  std::mt19937_64 rng(99);
  const RefList r = MakeList(rng, 700, Gaps::kRandom);
  std::string post, pos;
  const TermInfo info = Encode(r, true, &post, &pos);
  // Advance to each doc exactly, from a fresh cursor and from a walking one.
  PostingsCursor walking;
  walking.Init(post, pos, info);
  std::vector<uint32_t> got;
  for (size_t i = 0; i < r.docs.size(); ++i) {
    ASSERT_EQ(walking.Advance(r.docs[i]), r.docs[i]);
    if (i % 5 == 0) {
      walking.Positions(&got);
      ASSERT_EQ(got, PositionsOf(r, i));
    }
    PostingsCursor fresh;
    fresh.Init(post, pos, info);
    ASSERT_EQ(fresh.Advance(r.docs[i]), r.docs[i]);
    fresh.Positions(&got);
    ASSERT_EQ(got, PositionsOf(r, i));
    if (i + 1 < r.docs.size() && r.docs[i] + 1 < r.docs[i + 1]) {
      PostingsCursor between;
      between.Init(post, pos, info);
      ASSERT_EQ(between.Advance(r.docs[i] + 1), r.docs[i + 1]);
    }
  }
}

// SkipUntil lands where a Next() loop with the same filter does, with the
// right frequency and positions, whether the rejected run ends inside the
// block or several blocks on, and ends the list when nothing is kept.
TEST(PostingsTest, SkipUntilMatchesNextLoop) {
  std::mt19937_64 rng(17);
  const RefList r = MakeList(rng, 2000, Gaps::kRandom);
  std::string post, pos;
  const TermInfo info = Encode(r, true, &post, &pos);
  for (uint32_t keep_one_in : {1u, 3u, 50u, 400u, 5000u}) {
    auto keep = [keep_one_in](uint32_t d) { return d % keep_one_in == 0; };
    PostingsCursor c;
    c.Init(post, pos, info);
    std::vector<uint32_t> got;
    size_t i = 0;
    for (uint32_t d = c.SkipUntil(keep); d != kNoDoc; d = c.SkipUntil(keep)) {
      while (i < r.docs.size() && !keep(r.docs[i])) ++i;
      ASSERT_LT(i, r.docs.size()) << keep_one_in;
      ASSERT_EQ(d, r.docs[i]);
      ASSERT_EQ(c.freq(), r.freqs[i]);
      if (i % 3 == 0) {
        c.Positions(&got);
        ASSERT_EQ(got, PositionsOf(r, i));
      }
      ++i;
      c.Next();
    }
    while (i < r.docs.size()) ASSERT_FALSE(keep(r.docs[i++])) << keep_one_in;
    EXPECT_FALSE(c.corrupt());
    EXPECT_EQ(c.SkipUntil(keep), kNoDoc);  // stays at the end
  }
}

// SeekBlock reaches any block, before or after the current one, with its
// documents, frequencies and positions as a walk with Next() reads them; a
// list given as arrays has its one block; a damaged block stops as corrupt.
TEST(PostingsTest, SeekBlockInAnyOrderReadsAsTheWalk) {
  std::mt19937_64 rng(23);
  for (size_t n : {1, 128, 129, 1000, 3000}) {
    SCOPED_TRACE("n=" + std::to_string(n));
    const RefList r = MakeList(rng, n, n == 3000 ? Gaps::kMixed : Gaps::kRandom, true);
    std::string post, pos;
    const TermInfo info = Encode(r, true, &post, &pos);
    PostingsCursor c;
    c.Init(post, pos, info);
    const uint32_t nb = BlockCount(info.df);
    std::vector<uint32_t> order(nb), got;
    for (uint32_t b = 0; b < nb; ++b) order[b] = b;
    std::shuffle(order.begin(), order.end(), rng);
    order.push_back(order.front());  // the same block again
    for (uint32_t b : order) {
      const size_t first = size_t{b} * kBlockSize;
      ASSERT_EQ(c.SeekBlock(b), r.docs[first]) << "block " << b;
      ASSERT_EQ(c.block(), b);
      ASSERT_EQ(c.block_size(), std::min<size_t>(kBlockSize, n - first));
      for (size_t i = first; i < first + c.block_size(); ++i) {
        ASSERT_EQ(c.doc(), r.docs[i]);
        ASSERT_EQ(c.freq(), r.freqs[i]);
        if (i % 7 == b % 7) {
          c.Positions(&got);
          ASSERT_EQ(got, PositionsOf(r, i)) << "doc " << i;
        }
        c.Next();
      }
      ASSERT_EQ(c.doc(), first + kBlockSize < n ? r.docs[first + kBlockSize] : kNoDoc);
      ASSERT_FALSE(c.corrupt());
    }
  }
  // A list of one block given as arrays: block 0 again until it has ended.
  const uint32_t docs[] = {3, 9, 40}, freqs[] = {0, 3, 1};  // minus one
  PostingsCursor a;
  a.InitBlock(docs, freqs, 3);
  EXPECT_EQ(a.Next(), 9u);
  EXPECT_EQ(a.SeekBlock(0), 3u);
  EXPECT_EQ(a.freq(), 1u);
  while (a.Next() != kNoDoc) {
  }
  EXPECT_EQ(a.SeekBlock(0), kNoDoc);
  // A block whose bit width is damaged (above 32): its seek stops as corrupt,
  // and the cursor stays stopped.
  const RefList r = MakeList(rng, 600, Gaps::kRandom);
  std::string post, pos;
  const TermInfo info = Encode(r, false, &post, &pos);
  bool found = false;
  for (size_t at = info.postings; at < post.size() && !found; ++at) {
    std::string bad = post;
    bad[at] = static_cast<char>(40);
    PostingsCursor t;
    t.Init(bad, pos, info);
    if (t.doc() == r.docs[0] && !t.corrupt() && t.SeekBlock(3) == kNoDoc) {
      found = true;
      EXPECT_TRUE(t.corrupt());
      EXPECT_EQ(t.SeekBlock(0), kNoDoc);
    }
  }
  EXPECT_TRUE(found) << "no byte of the list is block 3's width";
}

TEST(PostingsTest, ManyTermsShareBuffers) {
  std::mt19937_64 rng(5);
  std::string post, pos;
  std::vector<RefList> lists;
  std::vector<TermInfo> infos;
  std::vector<bool> positional;
  const size_t sizes[] = {1, 3, 127, 128, 129, 300, 1, 2000, 5, 128, 64, 1000};
  for (int k = 0; k < 60; ++k) {
    const size_t n = sizes[k % std::size(sizes)];
    lists.push_back(MakeList(rng, n, static_cast<Gaps>(k % 4)));
    positional.push_back(k % 3 != 0);  // non-positional (stem) terms in between
    infos.push_back(Encode(lists.back(), positional.back(), &post, &pos));
  }
  // Offsets are increasing and each term starts where the previous one ended.
  for (size_t k = 1; k < infos.size(); ++k) {
    EXPECT_GT(infos[k].postings, infos[k - 1].postings);
    EXPECT_GE(infos[k].positions, infos[k - 1].positions);
  }
  const std::string post_copy = post, pos_copy = pos;
  // Visit in a scrambled order.
  std::vector<size_t> order(lists.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::shuffle(order.begin(), order.end(), rng);
  for (size_t k : order) {
    SCOPED_TRACE("term " + std::to_string(k));
    CheckWalk(post_copy, pos_copy, infos[k], lists[k], positional[k], rng, true);
    CheckAdvance(post_copy, pos_copy, infos[k], lists[k], positional[k], rng);
  }
}

TEST(PostingsTest, NonPositionalTermHasNoPositions) {
  std::mt19937_64 rng(8);
  const RefList r = MakeList(rng, 300, Gaps::kRandom);
  std::string post, pos;
  const TermInfo info = Encode(r, false, &post, &pos);
  EXPECT_TRUE(pos.empty()) << "a non-positional term writes no positions";
  PostingsCursor c;
  c.Init(post, pos, info);
  std::vector<uint32_t> got = {1, 2, 3};
  c.Positions(&got);
  EXPECT_TRUE(got.empty());
  EXPECT_FALSE(c.corrupt());
}

TEST(PostingsTest, EmptyTermInfo) {
  PostingsCursor c;
  TermInfo info;  // df == 0
  c.Init("", "", info);
  EXPECT_EQ(c.doc(), kNoDoc);
  EXPECT_FALSE(c.corrupt());
  EXPECT_EQ(c.Next(), kNoDoc);
  EXPECT_EQ(c.Advance(10), kNoDoc);
}

TEST(PostingsTest, OffsetsOutsideSectionsAreCorrupt) {
  std::mt19937_64 rng(11);
  const RefList r = MakeList(rng, 200, Gaps::kRandom);
  std::string post, pos;
  TermInfo info = Encode(r, true, &post, &pos);
  {
    TermInfo bad = info;
    bad.postings = post.size();
    PostingsCursor c;
    c.Init(post, pos, bad);
    EXPECT_EQ(c.doc(), kNoDoc);
    EXPECT_TRUE(c.corrupt());
  }
  {
    TermInfo bad = info;
    bad.postings = uint64_t{1} << 40;
    PostingsCursor c;
    c.Init(post, pos, bad);
    EXPECT_EQ(c.doc(), kNoDoc);
    EXPECT_TRUE(c.corrupt());
  }
  {
    TermInfo bad = info;
    bad.positions = pos.size() + 1;
    PostingsCursor c;
    c.Init(post, pos, bad);
    EXPECT_EQ(c.doc(), kNoDoc);
    EXPECT_TRUE(c.corrupt());
  }
  {
    TermInfo bad = info;
    bad.df = 0x7FFFFFFF;  // a huge skip table that cannot fit
    PostingsCursor c;
    c.Init(post, pos, bad);
    for (int i = 0; i < 1000 && c.doc() != kNoDoc; ++i) c.Next();
    EXPECT_EQ(c.doc(), kNoDoc);
    EXPECT_TRUE(c.corrupt());
  }
}

// Every truncation of the postings (and, separately, the positions) section:
// the cursor must stay inside the given bytes, stop, and either report
// corruption or have returned exactly the encoded list.
TEST(PostingsTest, TruncatedSectionsNeverCrash) {
  std::mt19937_64 rng(21);
  for (size_t n : {1, 100, 128, 129, 500}) {
    const RefList r = MakeList(rng, n, n == 500 ? Gaps::kHuge : Gaps::kMixed);
    std::string post = "ab", pos = "c";
    const TermInfo info = Encode(r, true, &post, &pos);
    const size_t step = kSanitized ? 3 : 1;
    for (int which = 0; which < 2; ++which) {
      const std::string& full = which == 0 ? post : pos;
      for (size_t len = 0; len <= full.size(); len += (len < 64 ? 1 : step)) {
        SCOPED_TRACE("n=" + std::to_string(n) + (which ? " pos" : " post") +
                     " len=" + std::to_string(len));
        const std::string cut = full.substr(0, len);
        const std::string_view pv = which == 0 ? std::string_view(cut) : std::string_view(post);
        const std::string_view qv = which == 1 ? std::string_view(cut) : std::string_view(pos);
        // Walk with Next() and read every doc's positions.
        PostingsCursor c;
        c.Init(pv, qv, info);
        std::vector<uint32_t> docs, got;
        bool positions_ok = true;
        for (uint32_t d = c.doc(); d != kNoDoc && docs.size() <= n; d = c.Next()) {
          docs.push_back(d);
          c.Positions(&got);
          if (docs.size() <= n && got != PositionsOf(r, docs.size() - 1)) positions_ok = false;
        }
        ASSERT_EQ(c.doc(), kNoDoc) << "cursor did not stop";
        if (len == full.size()) {
          EXPECT_FALSE(c.corrupt());
          EXPECT_EQ(docs, r.docs);
          EXPECT_TRUE(positions_ok);
        } else {
          // Every byte of the term is needed to decode all of it (and all positions were read).
          EXPECT_TRUE(c.corrupt()) << "truncated data decoded without reporting corruption";
        }
        // Skipping over the damaged data must also stay safe.
        PostingsCursor a;
        a.Init(pv, qv, info);
        for (size_t i = 0; i < r.docs.size() && a.doc() != kNoDoc; i += 1 + rng() % 90) {
          const uint32_t d = a.Advance(r.docs[i]);
          if (d == kNoDoc) break;
          if (!a.corrupt()) {
            ASSERT_GE(d, r.docs[i]);
          }
          a.Positions(&got);
        }
      }
    }
  }
}

// Flipping bytes anywhere in a term's postings must never make the cursor read
// outside its sections or loop forever (run this under the sanitizer build).
TEST(PostingsTest, FlippedBytesNeverCrashNextWalk) {
  std::mt19937_64 rng(31);
  const RefList r = MakeList(rng, 300, Gaps::kRandom);
  std::string post, pos;
  const TermInfo info = Encode(r, true, &post, &pos);
  for (size_t at = 0; at < post.size(); ++at) {
    for (unsigned char mask : {0x01, 0x80, 0xFF}) {
      std::string bad = post;
      bad[at] = static_cast<char>(bad[at] ^ mask);
      PostingsCursor c;
      c.Init(bad, pos, info);
      std::vector<uint32_t> got;
      size_t steps = 0;
      for (uint32_t d = c.doc(); d != kNoDoc && steps < 10 * r.docs.size(); d = c.Next()) {
        ++steps;
        c.Positions(&got);
      }
      ASSERT_LT(steps, 10 * r.docs.size()) << "no progress at byte " << at;
    }
  }
}

// BUG: PostingsCursor::Advance (src/index/postings.cc:242) scans the loaded block
// with `while (docs_[i_] < target) ++i_;`, trusting that the block's last doc is
// >= target because the skip table said so. When the skip table's last_doc for a
// block is larger than what the block actually decodes to (damaged data), the
// loop runs past docs_[n_ - 1] into freqs_ and beyond, and Advance returns a
// value that is not in the posting list (or reads out of bounds) instead of
// stopping with corrupt(). postings.h promises: "on malformed data it stops
// (doc() == kNoDoc) and sets corrupt()".
// Sets bits [bit, bit + width) of `bytes` to v (LSB first).
void SetBits(std::string* bytes, size_t bit, uint32_t width, uint32_t v) {
  for (uint32_t i = 0; i < width; ++i, ++bit) {
    char& c = (*bytes)[bit / 8];
    const char mask = static_cast<char>(1 << (bit % 8));
    c = static_cast<char>((v >> i) & 1 ? (c | mask) : (c & ~mask));
  }
}

TEST(PostingsTest, InconsistentSkipTableIsDetectedByAdvance) {
  // Three blocks, docs 0, 10, 20, ...; non-positional so freqs can be large.
  const size_t n = 3 * kBlockSize;
  std::vector<uint32_t> docs(n), freqs(n, 1);
  for (size_t i = 0; i < n; ++i) docs[i] = static_cast<uint32_t>(10 * i);
  // The first freq of block 1 is huge: freqs_[0] sits right after docs_[127] in
  // memory, so an overrunning scan stops there and returns freq - 1 as a "doc".
  freqs[kBlockSize] = 0x40000000;
  // Block 1's last document raised by 5, which still lies before block 2's
  // first, in the skip table of 12 bytes an entry (versions 1 to 11) and in
  // the packed one (version 12: three widths, then the entries' bits).
  const uint32_t real_last1 = docs[2 * kBlockSize - 1];
  const uint32_t fake_last1 = real_last1 + 5;
  for (const bool packed : {false, true}) {
    std::string post, pos;
    TermInfo info;
    EncodePostings(docs.data(), freqs.data(), n, nullptr, &post, &pos, &info, nullptr, true, true,
                   packed);
    if (packed) {
      const uint32_t wl = static_cast<uint8_t>(post[0]);
      const uint32_t stride = wl + static_cast<uint8_t>(post[1]) + static_cast<uint8_t>(post[2]);
      ASSERT_LT(fake_last1, 1u << wl);
      std::string table = post.substr(3);
      SetBits(&table, stride, wl, fake_last1);
      post.replace(3, table.size(), table);
    } else {
      std::memcpy(&post[12], &fake_last1, 4);
    }
    PostingsCursor c;
    c.Init(post, pos, info, nullptr, nullptr, true, true, packed);
    ASSERT_EQ(c.doc(), 0u);
    ASSERT_EQ(c.BlockLast(1), fake_last1);
    const uint32_t target = real_last1 + 3;  // between the real and the claimed last doc
    const uint32_t got = c.Advance(target);
    const uint32_t lower_bound = docs[2 * kBlockSize];  // first doc of block 2
    EXPECT_TRUE((got == kNoDoc && c.corrupt()) || got == lower_bound)
        << "Advance(" << target << ") returned " << got << " (corrupt=" << c.corrupt()
        << "); expected " << lower_bound << " or kNoDoc with corrupt() (packed " << packed << ")";
  }
}

// ---------------------------------------------------------------------------
// Block bounds and shallow navigation

TEST(BlockBoundsTest, BoundsMatchEveryBlockAndShallowNavigation) {
  std::mt19937_64 rng(77);
  for (uint32_t df : {1u, 5u, 128u, 129u, 300u, 1000u}) {
    const uint32_t ndocs = df * 3 + 10;
    std::vector<uint32_t> docs, freqs, lengths(ndocs);
    for (auto& l : lengths) l = 1 + static_cast<uint32_t>(rng() % (rng() % 10 == 0 ? 100000 : 400));
    for (uint32_t d = 0; d < ndocs && docs.size() < df; ++d) {
      if (rng() % 3 == 0 || ndocs - d <= df - docs.size()) {
        docs.push_back(d);
        freqs.push_back(rng() % 50 == 0 ? 70000 : 1 + static_cast<uint32_t>(rng() % 9));
      }
    }
    ASSERT_EQ(docs.size(), df);
    std::string post, pos, bounds;
    TermInfo info;
    EncodePostings(docs.data(), freqs.data(), df, nullptr, &post, &pos, &info);
    post.append(kPackPadding, '\0');
    PostingsCursor c;
    c.Init(post, pos, info);
    const double avg = 150.5;
    const BoundNorms norms(lengths.data(), ndocs, avg);
    ASSERT_TRUE(EncodeBlockBounds(&c, norms, &bounds));
    std::string from_arrays;  // what a merge computes, without decoding
    EncodeBlockBounds(docs.data(), freqs.data(), df, norms, &from_arrays);
    EXPECT_EQ(from_arrays, bounds) << "df " << df;
    const uint32_t nblocks = BlockCount(df);
    ASSERT_EQ(bounds.size(), size_t{nblocks} * kBlockBoundBytes);
    c.Init(post, pos, info);
    if (nblocks > 1) c.SetBounds(bounds.data());
    for (uint32_t b = 0; b < nblocks; ++b) {
      const size_t lo = size_t{b} * kBlockSize, hi = std::min<size_t>(df, lo + kBlockSize);
      uint32_t max_freq = 0;
      double min_norm = 1e300;
      for (size_t i = lo; i < hi; ++i) {
        max_freq = std::max(max_freq, freqs[i]);
        min_norm = std::min(min_norm, (0.25 + 0.75 * lengths[docs[i]] / avg) / freqs[i]);
      }
      uint32_t f, l;
      c.BlockBound(b, &f, &l);
      EXPECT_EQ(c.BlockLast(b), docs[hi - 1]);
      if (nblocks == 1) {
        EXPECT_GE(f, max_freq);
        EXPECT_EQ(l, 0u);
        continue;
      }
      EXPECT_EQ(f, std::min(max_freq, kUnboundedFreq)) << "df " << df << " block " << b;
      // The stored norm is a lower bound, at most two steps of 1/kNormScale below.
      EXPECT_LE(l, min_norm * kNormScale) << "df " << df << " block " << b;
      EXPECT_GE(l + 2, std::min(min_norm * kNormScale, 65535.0)) << "df " << df << " block " << b;
      const uint32_t v = DecodeFixed32(bounds.data() + b * kBlockBoundBytes);
      EXPECT_EQ(v & 0xFFFF, f);
      EXPECT_EQ(v >> 16, l);
    }
    // ShallowBlock(t): the first block from the current one whose last doc >= t.
    for (int k = 0; k < 200; ++k) {
      const uint32_t t = static_cast<uint32_t>(rng() % (ndocs + 5));
      const uint32_t at = c.doc();
      const uint32_t b = c.ShallowBlock(t);
      if (at == kNoDoc) {
        EXPECT_EQ(b, nblocks);
        break;
      }
      const size_t first =
          std::lower_bound(docs.begin(), docs.end(), std::max(t, at)) - docs.begin();
      EXPECT_EQ(b, first == df ? nblocks : first / kBlockSize) << "t " << t;
      EXPECT_EQ(c.doc(), at) << "ShallowBlock moved the cursor";
      if (k % 10 == 9 && t > at) c.Advance(t);
    }
  }
}

TEST(BlockBoundsTest, DocsOnlyCursorYieldsTheSameDocuments) {
  std::mt19937_64 rng(78);
  const RefList r = MakeList(rng, 1000, Gaps::kMixed, true);
  std::string post, pos;
  const TermInfo info = Encode(r, false, &post, &pos);
  PostingsCursor c;
  c.Init(post, pos, info);
  c.SetDocsOnly();
  size_t i = 0;
  for (uint32_t d = c.doc(); d != kNoDoc; d = c.Next(), ++i) ASSERT_EQ(d, r.docs[i]);
  EXPECT_EQ(i, r.docs.size());
  EXPECT_FALSE(c.corrupt());
}

TEST(BlockBoundsTest, BadListsAreRefused) {
  std::vector<uint32_t> docs(300), freqs(300, 2), lengths(300, 10);
  for (uint32_t i = 0; i < 300; ++i) docs[i] = i;
  std::string post, pos, bounds;
  TermInfo info;
  EncodePostings(docs.data(), freqs.data(), docs.size(), nullptr, &post, &pos, &info);
  PostingsCursor c;
  c.Init(post, pos, info);
  EXPECT_FALSE(EncodeBlockBounds(&c, BoundNorms(lengths.data(), 299, 10), &bounds))
      << "a doc past the segment";
  const std::string truncated = post.substr(0, post.size() - 20);  // outlives the cursor's use
  c.Init(truncated, pos, info);
  bounds.clear();
  EXPECT_FALSE(EncodeBlockBounds(&c, BoundNorms(lengths.data(), 300, 10), &bounds))
      << "a truncated list";
}

}  // namespace
}  // namespace dateline::index
