// The id table (section 7, versions 9 to 12) holds exactly the bytes
// doc/index-format.md describes: each document's rank in id order (packed
// since version 12), an offset
// per block of 16 ids, then the ids front-coded within their block with their
// document numbers; lookups both ways, absent ids, and damage.
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "dateline/index.h"
#include "gtest/gtest.h"
#include "index/coding.h"
#include "index/segment.h"
#include "segment_file_util.h"
#include "test_util.h"

namespace dateline::index {
namespace {

using testutil::MakeDoc;
using testutil::ReadBytes;
using testutil::RechecksumSection;
using testutil::SectionAt;
using testutil::TempDir;
using testutil::WriteBytes;

// Ids sharing prefixes of every length, across block boundaries, with bytes
// above 0x7F and one that is a prefix of others.
std::vector<std::string> SampleIds() {
  std::vector<std::string> ids;
  for (int i = 0; i < 70; ++i) ids.push_back("x" + std::to_string(1000000 + i * 7));
  for (int i = 0; i < 23; ++i) ids.push_back("reuters-" + std::to_string(i));
  ids.push_back("reuters");
  ids.push_back("reuters-1-b");
  ids.push_back("https://example.org/2019/04/04/libi\xC3\xAB-tripoli");
  ids.push_back("https://example.org/2019/04/05/libi\xC3\xAB-ghadames");
  ids.push_back("z");
  return ids;
}

class SegmentIdsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    IndexOptions opt;
    opt.annotate = false;
    opt.find_copies = false;
    opt.find_stories = false;
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(dir_.path(), opt, &w).ok());
    const std::vector<std::string> ids = SampleIds();
    for (size_t i = 0; i < ids.size(); ++i) {
      // Dates in another order than the ids: document numbers follow dates.
      const std::string date = "2019-04-" + std::to_string(10 + (i * 37) % 19);
      bool replaced;
      ASSERT_TRUE(
          w->Add(MakeDoc(ids[i], date, "Talks", "talks in Tripoli " + std::to_string(i), "en"),
                 &replaced)
              .ok());
    }
    ASSERT_TRUE(w->Commit().ok());
    for (const auto& e : std::filesystem::directory_iterator(dir_.path())) {
      if (e.path().extension() == ".dls") path_ = e.path().string();
    }
    ASSERT_FALSE(path_.empty());
    ASSERT_TRUE(SegmentReader::Open(path_, &r_).ok());
    ASSERT_EQ(r_->version(), kSegmentVersion);
    ASSERT_EQ(r_->doc_count(), ids.size());
  }

  TempDir dir_;
  std::string path_;
  std::unique_ptr<SegmentReader> r_;
};

TEST_F(SegmentIdsTest, SectionIsFrontCodedInBlocksAsDocumented) {
  const uint32_t n = r_->doc_count();
  std::vector<std::pair<std::string, uint32_t>> by_id;
  for (uint32_t d = 0; d < n; ++d) by_id.emplace_back(r_->IdOf(d), d);
  std::sort(by_id.begin(), by_id.end());
  std::string head, entries;
  PutFixed32(&head, n);
  std::vector<uint32_t> rank(n);
  for (uint32_t k = 0; k < n; ++k) rank[by_id[k].second] = k;
  PackBits(&head, rank.data(), n, BitWidth(n - 1));  // version 12: packed ranks
  for (uint32_t k = 0; k < n; ++k) {
    size_t shared = 0;
    if (k % kIdBlock == 0) {
      PutFixed32(&head, static_cast<uint32_t>(entries.size()));
    } else {
      const std::string& a = by_id[k - 1].first;
      const std::string& b = by_id[k].first;
      while (shared < a.size() && shared < b.size() && a[shared] == b[shared]) ++shared;
    }
    PutVarint(&entries, shared);
    PutLengthPrefixed(&entries, std::string_view(by_id[k].first).substr(shared));
    PutVarint(&entries, by_id[k].second);
  }
  ASSERT_GT(n, 4 * kIdBlock) << "the test needs several blocks";
  EXPECT_EQ(head + entries, std::string(r_->section(kIds)));
}

TEST_F(SegmentIdsTest, LookupsBothWaysAndAbsentIds) {
  const std::vector<std::string> ids = SampleIds();
  std::vector<bool> seen(ids.size());
  for (const std::string& id : ids) {
    const uint32_t d = r_->FindId(id);
    ASSERT_NE(d, kNoDoc) << id;
    EXPECT_EQ(r_->IdOf(d), id);
    EXPECT_FALSE(seen[d]) << "two ids on one document";
    seen[d] = true;
  }
  for (const char* absent : {"", "a", "reuters-", "reuters-1-a", "reuters-1-c", "reuters-99",
                             "x1000001", "x0", "x2", "y", "zz", "\xFF"}) {
    EXPECT_EQ(r_->FindId(absent), kNoDoc) << absent;
  }
  EXPECT_EQ(r_->IdOf(r_->doc_count()), "");
  // Many at once, in any order, repeated and out of range: as one by one.
  std::vector<uint32_t> docs = {r_->doc_count(), 0, r_->doc_count() - 1, 0, 7};
  for (uint32_t d = r_->doc_count(); d-- > 0;) docs.push_back(d);
  std::vector<std::string> got(docs.size(), "stale");
  r_->IdsOf(docs, got.data());
  for (size_t i = 0; i < docs.size(); ++i) EXPECT_EQ(got[i], r_->IdOf(docs[i])) << docs[i];
  EXPECT_EQ(got[0], "");
  // Sorted batches, few (binary searches) and many (one walk), with absent ids.
  std::vector<std::string> sorted = ids;
  sorted.push_back("reuters-1-a");
  sorted.push_back("");
  sorted.push_back("zz");
  std::sort(sorted.begin(), sorted.end());
  for (const size_t take : {size_t{2}, sorted.size()}) {
    std::vector<std::string_view> batch(sorted.begin(), sorted.begin() + take);
    std::vector<uint32_t> out(batch.size());
    r_->FindIds(batch, out.data());
    for (size_t i = 0; i < batch.size(); ++i) EXPECT_EQ(out[i], r_->FindId(batch[i])) << batch[i];
  }
}

// Rank of document d in the id table at `ids` (ranks packed at w bits), set to v.
void SetRank(std::string* file, size_t ids, uint32_t w, uint32_t d, uint32_t v) {
  for (uint32_t i = 0; i < w; ++i) {
    const size_t bit = size_t{d} * w + i;
    char& c = (*file)[ids + 4 + bit / 8];
    const char mask = static_cast<char>(1 << (bit % 8));
    c = static_cast<char>((v >> i) & 1 ? (c | mask) : (c & ~mask));
  }
}

uint32_t GetRank(const std::string& file, size_t ids, uint32_t w, uint32_t d) {
  uint32_t v = 0;
  for (uint32_t i = 0; i < w; ++i) {
    const size_t bit = size_t{d} * w + i;
    v |= uint32_t{(static_cast<unsigned char>(file[ids + 4 + bit / 8]) >> (bit % 8)) & 1u} << i;
  }
  return v;
}

TEST_F(SegmentIdsTest, DamageIsRefusedOrReportedNeverMisread) {
  const std::string good = ReadBytes(path_);
  const size_t ids = SectionAt(good, kIds);
  const uint32_t n = r_->doc_count();
  const uint32_t w = BitWidth(n - 1);
  const size_t blocks = ids + 4 + PackedBytes(n, w);
  const size_t entries = blocks + (n + kIdBlock - 1) / kIdBlock * 4;
  std::unique_ptr<SegmentReader> r;
  {  // A rank past the count is refused at open.
    std::string bad = good;
    ASSERT_GE((1u << w) - 1, n) << "the test needs a rank of w bits past the count";
    SetRank(&bad, ids, w, 5, n);
    RechecksumSection(&bad, kIds);
    WriteBytes(path_, bad);
    const Status s = SegmentReader::Open(path_, &r);
    EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  }
  {  // Block offsets out of order are refused at open.
    std::string bad = good;
    std::memcpy(bad.data() + blocks + 4, bad.data() + blocks, 4);
    RechecksumSection(&bad, kIds);
    WriteBytes(path_, bad);
    EXPECT_TRUE(SegmentReader::Open(path_, &r).IsCorruption());
  }
  {  // Two ranks swapped: each id maps to a document whose rank is not its own.
    std::string bad = good;
    SetRank(&bad, ids, w, 0, GetRank(good, ids, w, 1));
    SetRank(&bad, ids, w, 1, GetRank(good, ids, w, 0));
    RechecksumSection(&bad, kIds);
    WriteBytes(path_, bad);
    ASSERT_TRUE(SegmentReader::Open(path_, &r).ok());
    EXPECT_EQ(r->IdOf(0), "");
    EXPECT_EQ(r->IdOf(1), "");
    const Status s = r->CheckDeep();
    EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  }
  {  // A shared-prefix length longer than the previous id: no id, no crash.
    std::string bad = good;
    const size_t second = entries + 1 + 1 + static_cast<unsigned char>(good[entries + 1]) + 1;
    bad[second] = 0x70;
    RechecksumSection(&bad, kIds);
    WriteBytes(path_, bad);
    ASSERT_TRUE(SegmentReader::Open(path_, &r).ok());
    for (uint32_t d = 0; d < n; ++d) (void)r->IdOf(d);
    EXPECT_TRUE(r->CheckDeep().IsCorruption());
  }
  WriteBytes(path_, good);
  ASSERT_TRUE(SegmentReader::Open(path_, &r).ok());
  EXPECT_TRUE(r->CheckDeep().ok());
}

}  // namespace
}  // namespace dateline::index
