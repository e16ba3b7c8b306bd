// A dictionary index whose blocks are out of order (a later block starting
// before an earlier one) is corruption when the segment is opened: reading
// the dictionary would otherwise take a block's length as negative (found by
// fuzz_segment, 2026-12-02).
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>

#include "dateline/index.h"
#include "gtest/gtest.h"
#include "index/coding.h"
#include "index/segment.h"
#include "test_util.h"
#include "util/crc32c.h"

namespace dateline::index {
namespace {

using testutil::MakeDoc;
using testutil::ReadBytes;
using testutil::TempDir;
using testutil::WriteBytes;

constexpr size_t kFooter = kNumSections * 24 + 24;

TEST(SegmentDictOrderTest, BlocksOutOfOrderAreCorruption) {
  TempDir dir;
  {
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(dir.path(), IndexOptions(), &w).ok());
    std::string text;  // 300 distinct words: several dictionary blocks of 32 terms
    for (int i = 0; i < 300; ++i) text += "w" + std::to_string(i * 7919) + " ";
    bool replaced;
    ASSERT_TRUE(w->Add(MakeDoc("d1", "2019-04-04", "Title", text, "en"), &replaced).ok());
    ASSERT_TRUE(w->Commit().ok());
  }
  std::string path;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    if (e.path().extension() == ".dls") path = e.path().string();
  }
  ASSERT_FALSE(path.empty());
  std::string file = ReadBytes(path);
  const size_t footer = file.size() - kFooter;
  const char* entry = file.data() + footer + kDictIndex * 24;
  const size_t at = DecodeFixed64(entry);
  ASSERT_GE(DecodeFixed32(file.data() + at), 3u) << "the test needs three blocks";
  // Entries: offset (u32), first term (varint length + bytes). Block 2 now
  // starts at 0, before block 1.
  size_t entry_at[3];
  size_t p = at + 8;
  for (int block = 0; block < 3; ++block) {
    entry_at[block] = p;
    p += 4;
    p += 1 + static_cast<unsigned char>(file[p]);  // first terms are short: one-byte lengths
  }
  ASSERT_GT(DecodeFixed32(file.data() + entry_at[1]), 0u);
  p = entry_at[2];
  std::memset(file.data() + p, 0, 4);
  // Checksums of the section and of the footer made right again.
  const uint32_t crc = crc32c::Value(file.data() + at, DecodeFixed64(entry + 8));
  std::memcpy(file.data() + footer + kDictIndex * 24 + 16, &crc, 4);
  const uint32_t fcrc = crc32c::Value(file.data() + footer, kNumSections * 24 + 8);
  std::memcpy(file.data() + footer + kNumSections * 24 + 8, &fcrc, 4);
  WriteBytes(path, file);
  std::unique_ptr<SegmentReader> r;
  const Status s = SegmentReader::Open(path, &r);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find("dictionary index"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace dateline::index
