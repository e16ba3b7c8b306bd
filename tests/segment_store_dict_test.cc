// Segment tests of the document store's zstd dictionary (version 5 on).
#include <zstd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "dateline/index.h"
#include "gtest/gtest.h"
#include "index/coding.h"
#include "index/merge.h"
#include "index/segment.h"
#include "segment_file_util.h"
#include "segment_synth.h"
#include "test_util.h"

namespace dateline::index {
namespace {

using testutil::ReadBytes;
using testutil::Rechecksum;
using testutil::SectionSpan;
using testutil::TempDir;
using testutil::WriteBytes;

// Store dictionary (version 5).

// About 2 MB of stored records whose texts repeat sentences of a pool larger
// than a store block, as news repeats agency copy: a store dictionary pays.
Synth DictSynth() {
  Synth s = MakeSynth(21, 2000, 20, 10);
  std::mt19937 rng(4);
  std::vector<std::string> pool(3000);
  for (std::string& sentence : pool) {
    for (int i = 0; i < 100; ++i) sentence += static_cast<char>('a' + rng() % 26);
    sentence += ". ";
  }
  for (Document& doc : s.docs) {
    doc.text.clear();
    for (int i = 0; i < 10; ++i) doc.text += pool[rng() % pool.size()];
  }
  return s;
}

TEST(SegmentStoreDictTest, LargeStoresGetADictionaryAndRoundTrip) {
  TempDir dir;
  const Synth s = DictSynth();
  const std::string path = dir.File("seg-000001.dls");
  ASSERT_TRUE(WriteSynth(s, path).ok());
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
  EXPECT_EQ(r->version(), kSegmentVersion);
  ASSERT_GT(r->store_dict_size(), 1000u);
  EXPECT_LE(r->store_dict_size(), 1u << 20);
  EXPECT_LT(r->store_dict_size(), r->section(kDocStore).size());
  // Out of order, so that blocks are decompressed again and again.
  Document doc;
  for (uint32_t i = 0; i < r->doc_count(); ++i) {
    const uint32_t d = (i * 7919u) % r->doc_count();
    ASSERT_TRUE(r->GetDocument(d, &doc).ok()) << d;
    ExpectSameDoc(doc, s.docs[d]);
  }
  EXPECT_TRUE(r->CheckDeep().ok());
  // The same records without a dictionary take more room: each block
  // compressed alone, as version 4 does.
  uint64_t alone = 0;
  std::string block;
  for (size_t d = 0; d < s.docs.size(); ++d) {
    std::string rec;
    EncodeStoredDoc(s.docs[d], &rec);
    PutLengthPrefixed(&block, rec);
    if (block.size() >= (64u << 10) || d + 1 == s.docs.size()) {
      std::string out(ZSTD_compressBound(block.size()), '\0');
      alone += 4 + ZSTD_compress(out.data(), out.size(), block.data(), block.size(), 3);
      block.clear();
    }
  }
  EXPECT_LT(r->section(kDocStore).size(), alone);
}

// The dictionary does not depend on how much of the store is kept in memory,
// and is trained the same way every time.
TEST(SegmentStoreDictTest, SpilledStoresWriteTheSameFile) {
  TempDir dir;
  const Synth s = DictSynth();
  const std::string kept = dir.File("kept.dls"), spilled = dir.File("spilled.dls");
  std::vector<std::string> words;
  ASSERT_TRUE(WriteSynthWithAliases(s, kept, kSegmentSpillBytes, &words).ok());
  ASSERT_TRUE(WriteSynthWithAliases(s, spilled, 512, &words).ok());
  const std::string a = ReadBytes(kept), b = ReadBytes(spilled);
  EXPECT_EQ(DecodeFixed32(a.data() + 8), kSegmentVersion);
  EXPECT_TRUE(a == b) << "files differ: " << a.size() << " vs " << b.size() << " bytes";
  EXPECT_FALSE(std::filesystem::exists(spilled + ".store.tmp"));
}

// Without a dictionary, the store index says so (no dictionary; version 11:
// a count of 0 and no locator, 16 bytes per block); the previous writers
// wrote such a file as version 4, without the size, and both are read.
TEST(SegmentStoreDictTest, SmallStoresHaveNoDictionary) {
  TempDir dir;
  const Synth s = MakeSynth(22, 200, 20, 30);  // 200 short documents
  for (const bool old_version : {false, true}) {
    const std::string path = dir.File(old_version ? "old.dls" : "new.dls");
    ASSERT_TRUE(WriteSynth(s, path, old_version).ok());
    const uint32_t version = old_version ? 4u : kSegmentVersion;
    const std::string bytes = ReadBytes(path);
    EXPECT_EQ(DecodeFixed32(bytes.data() + 8), version);
    std::unique_ptr<SegmentReader> r;
    ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
    EXPECT_EQ(r->version(), version);
    EXPECT_EQ(r->store_dict_size(), 0u);
    const std::string_view index = r->section(kDocStoreIndex);
    if (old_version) {
      EXPECT_EQ(DecodeFixed32(index.data()) * 12 + 4, index.size());
    } else {
      EXPECT_EQ(DecodeFixed32(index.data()) * 16 + 12, index.size());
      EXPECT_EQ(DecodeFixed32(index.data() + 4), 0u);  // dictionaries
      EXPECT_EQ(DecodeFixed32(index.data() + 8), 0u);  // no locator
    }
    Document doc;
    ASSERT_TRUE(r->GetDocument(199, &doc).ok());
    ExpectSameDoc(doc, s.docs[199]);
    EXPECT_TRUE(r->CheckDeep().ok());
  }
}

// About 3 MB of records of random letters: enough to train a dictionary,
// which does not pay (the trial's blocks compressed with and without it are
// about the same size), so the segment has none and its blocks, tried or
// not, come out in order.
TEST(SegmentStoreDictTest, StoresADictionaryWouldNotPayForHaveNone) {
  TempDir dir;
  Synth s = MakeSynth(23, 1200, 20, 10);
  std::mt19937 rng(5);
  for (Document& doc : s.docs) {
    doc.text.clear();
    for (int i = 0; i < 2500; ++i) doc.text += static_cast<char>('a' + rng() % 26);
  }
  const std::string path = dir.File("seg-000001.dls");
  ASSERT_TRUE(WriteSynth(s, path).ok());
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
  EXPECT_EQ(r->version(), kSegmentVersion);
  EXPECT_EQ(r->store_dict_size(), 0u);
  Document doc;
  for (uint32_t i = 0; i < r->doc_count(); ++i) {
    const uint32_t d = (i * 7919u) % r->doc_count();
    ASSERT_TRUE(r->GetDocument(d, &doc).ok()) << d;
    ExpectSameDoc(doc, s.docs[d]);
  }
  EXPECT_TRUE(r->CheckDeep().ok());
}

TEST(SegmentStoreDictTest, ConcurrentFirstReadsShareOneDictionary) {
  TempDir dir;
  const Synth s = DictSynth();
  const std::string path = dir.File("seg-000001.dls");
  ASSERT_TRUE(WriteSynth(s, path).ok());
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (uint32_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Document doc;
      for (uint32_t d = t; d < s.docs.size(); d += 97) {
        if (!r->GetDocument(d, &doc).ok() || doc.text != s.docs[d].text) ++wrong;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(SegmentStoreDictTest, DictionaryDamageIsCorruption) {
  TempDir dir;
  const std::string path = dir.File("seg-000001.dls");
  ASSERT_TRUE(WriteSynth(DictSynth(), path).ok());
  const std::string original = ReadBytes(path);
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
  const uint32_t dict = r->store_dict_size();
  const uint64_t store = SectionSpan(original, kDocStore).first;
  const uint64_t index = SectionSpan(original, kDocStoreIndex).first;
  const std::string p = dir.File("bad.dls");
  Document doc;
  {  // A flipped dictionary byte: its chunk fails, no document is read.
    std::string bad = original;
    bad[store + dict / 2] ^= 0x10;
    WriteBytes(p, bad);
    ASSERT_TRUE(SegmentReader::Open(p, &r).ok());
    const Status s = r->GetDocument(0, &doc);
    ASSERT_TRUE(s.IsCorruption()) << s.ToString();
    EXPECT_NE(s.message().find("section 5, chunk"), std::string::npos) << s.message();
  }
  // Rechecksummed damage reaches the decoder: reads fail or give other bytes,
  // never crash. A damaged magic or dictionary id fails every read.
  for (uint32_t at : {0u, 4u, 8u, 40u, dict / 3, dict - 1}) {
    std::string bad = original;
    bad[store + at] ^= 0x5a;
    Rechecksum(&bad);
    WriteBytes(p, bad);
    ASSERT_TRUE(SegmentReader::Open(p, &r).ok());
    for (uint32_t d = 0; d < r->doc_count(); d += 50) (void)r->GetDocument(d, &doc);
    const Status deep = r->CheckDeep();
    if (at < 8) {
      EXPECT_TRUE(deep.IsCorruption()) << "byte " << at << ": " << deep.ToString();
    }
  }
  {  // A dictionary larger than the store: corruption at open.
    std::string bad = original;
    const uint32_t huge = static_cast<uint32_t>(SectionSpan(original, kDocStore).second + 1);
    std::memcpy(bad.data() + index + 4, &huge, 4);
    Rechecksum(&bad);
    WriteBytes(p, bad);
    EXPECT_TRUE(SegmentReader::Open(p, &r).IsCorruption());
  }
  {  // The first block starting inside the dictionary: corruption at open.
    std::string bad = original;
    const uint64_t inside = dict - 8;
    std::memcpy(bad.data() + index + 8 + 4, &inside, 8);
    Rechecksum(&bad);
    WriteBytes(p, bad);
    EXPECT_TRUE(SegmentReader::Open(p, &r).IsCorruption());
  }
}

}  // namespace
}  // namespace dateline::index
