// AppendFile (src/util/file.h): appending another file's bytes, and writing
// data out early. A segment's spilled postings and positions reach the
// segment file through AppendFileContents (spill_sync_test covers the copy
// under the fault hooks, which goes through plain reads and writes).
#include "util/file.h"

#include <string>

#include "gtest/gtest.h"
#include "test_util.h"

namespace dateline::file {
namespace {

using testutil::ReadBytes;
using testutil::TempDir;
using testutil::WriteBytes;

// `n` bytes that differ from one position to the next (a misplaced copy shows).
std::string Pattern(size_t n, uint32_t seed) {
  std::string s(n, '\0');
  uint32_t x = seed * 2654435761u + 1;
  for (char& c : s) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  return s;
}

TEST(AppendFileTest, AppendFileContentsCopiesThePrefixBetweenAppends) {
  TempDir dir;
  const std::string src = dir.File("src.tmp"), dst = dir.File("dst");
  const std::string body = Pattern(3 << 20, 1);  // larger than a write buffer
  WriteBytes(src, body + "not copied");
  std::unique_ptr<AppendFile> f;
  ASSERT_TRUE(AppendFile::Open(dst, &f, /*truncate=*/true).ok());
  const std::string head = Pattern(1000, 2), tail = Pattern(70000, 3);
  ASSERT_TRUE(f->Append(head).ok());  // still buffered when the copy starts
  const Status s = f->AppendFileContents(src, body.size());
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_TRUE(f->Append(tail).ok());
  EXPECT_EQ(f->written(), head.size() + body.size() + tail.size());
  ASSERT_TRUE(f->Flush().ok());
  f.reset();
  EXPECT_TRUE(ReadBytes(dst) == head + body + tail);
}

TEST(AppendFileTest, WritingBackEarlyKeepsTheBytes) {
  TempDir dir;
  const std::string src = dir.File("src.tmp"), dst = dir.File("dst");
  const std::string body = Pattern(20 << 20, 4);  // past the writeback step
  WriteBytes(src, body);
  WriteBytes(dst, "old ");  // appended to, not truncated
  std::unique_ptr<AppendFile> f;
  ASSERT_TRUE(AppendFile::Open(dst, &f).ok());
  f->WriteBackEarly();
  std::string expect = "old ";
  for (int i = 0; i < 40; ++i) {  // 40 MiB in appends of 1 MiB and of 64 KiB
    const std::string part = Pattern(i % 2 ? 1 << 20 : 1 << 16, 10 + i);
    ASSERT_TRUE(f->Append(part).ok());
    expect += part;
  }
  ASSERT_TRUE(f->AppendFileContents(src, body.size()).ok());
  expect += body;
  ASSERT_TRUE(f->Flush().ok());
  f.reset();
  EXPECT_TRUE(ReadBytes(dst) == expect);
}

TEST(AppendFileTest, AShortOrMissingSourceIsAnIOErrorNamingIt) {
  TempDir dir;
  const std::string src = dir.File("short.tmp"), dst = dir.File("dst");
  WriteBytes(src, "twelve bytes");
  std::unique_ptr<AppendFile> f;
  ASSERT_TRUE(AppendFile::Open(dst, &f, /*truncate=*/true).ok());
  Status s = f->AppendFileContents(src, 100);
  EXPECT_TRUE(s.IsIOError()) << s.ToString();
  EXPECT_NE(s.ToString().find(src), std::string::npos) << s.ToString();
  s = f->AppendFileContents(dir.File("missing.tmp"), 10);
  EXPECT_TRUE(s.IsIOError()) << s.ToString();
  EXPECT_NE(s.ToString().find("missing.tmp"), std::string::npos) << s.ToString();
  f->Discard();
}

TEST(AppendFileTest, AnEmptyCopyAppendsNothing) {
  TempDir dir;
  const std::string src = dir.File("src.tmp"), dst = dir.File("dst");
  WriteBytes(src, "abc");
  std::unique_ptr<AppendFile> f;
  ASSERT_TRUE(AppendFile::Open(dst, &f, /*truncate=*/true).ok());
  ASSERT_TRUE(f->Append("x").ok());
  ASSERT_TRUE(f->AppendFileContents(src, 0).ok());
  ASSERT_TRUE(f->Append("y").ok());
  ASSERT_TRUE(f->Flush().ok());
  f.reset();
  EXPECT_EQ(ReadBytes(dst), "xy");
}

}  // namespace
}  // namespace dateline::file
