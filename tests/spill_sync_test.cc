// A segment's temporary spill files (postings, positions, dictionary entries
// beyond the writer's memory budget) are read back and removed, so they are
// never fsynced: only the segment file is. Each fsync of them forced tens of
// megabytes to the disk on a 100,000-document flush and hundreds of megabytes
// on a million-document `optimize`, for nothing. The durable operations are
// seen through the test hook of src/util/file.cc (DATELINE_CRASH_COUNT: one
// line per fsync, rename or remove), set before any file operation of this
// test binary (a separate executable, so no other test logs).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dateline/document.h"
#include "gtest/gtest.h"
#include "index/merge.h"
#include "index/segment.h"
#include "test_util.h"

namespace dateline::index {
namespace {

namespace fs = std::filesystem;
using testutil::TempDir;

std::string LogPath() {
  return (fs::temp_directory_path() /
          ("dateline-spill-sync-" + std::to_string(::getpid()) + ".log"))
      .string();
}

// Before main: the hook reads its variable once, at the first file operation.
const bool kHookSet = [] {
  ::setenv("DATELINE_CRASH_COUNT", LogPath().c_str(), 1);
  return true;
}();

// After main: the log goes (operations after a test's last TakeOps wrote to it).
struct RemoveLog {
  ~RemoveLog() { std::filesystem::remove(LogPath()); }
} remove_log;

struct Op {
  std::string op, path;
};

// The durable operations logged so far (the log is then emptied).
std::vector<Op> TakeOps() {
  std::vector<Op> ops;
  std::ifstream f(LogPath());
  std::string line;
  while (std::getline(f, line)) {
    std::istringstream in(line);
    std::string n, op, bytes, path;
    in >> n >> op >> bytes;
    std::getline(in >> std::ws, path);
    ops.push_back({op, path});
  }
  fs::remove(LogPath());
  return ops;
}

size_t Fsyncs(const std::vector<Op>& ops, const std::string& path) {
  size_t n = 0;
  for (const Op& o : ops) n += o.op == "fsync" && o.path == path;
  return n;
}

// Every fsync of a temporary file (a name ending in ".tmp").
std::string TmpFsyncs(const std::vector<Op>& ops) {
  std::string out;
  for (const Op& o : ops) {
    if (o.op == "fsync" && o.path.ends_with(".tmp")) out += o.path + "\n";
  }
  return out;
}

// Writes a segment of `n` documents and 200 terms in each of them, keeping
// 4 KiB of each section in memory: postings, positions and dictionary spill.
void WriteSpilling(const std::string& path, uint32_t n, uint32_t seed) {
  SegmentWriter w(path, 4096);
  std::vector<uint32_t> docs(n), freqs(n, 2), positions(2 * size_t{n});
  for (uint32_t i = 0; i < n; ++i) docs[i] = i;
  for (uint32_t t = 0; t < 200; ++t) {
    for (uint32_t i = 0; i < n; ++i) {
      positions[2 * i] = (i * 7 + t + seed) % 50;
      positions[2 * i + 1] = positions[2 * i] + 1 + t % 9;
    }
    char term[16];
    std::snprintf(term, sizeof term, "w%03u", t);
    w.AddTerm(term, docs.data(), freqs.data(), n, positions.data());
  }
  ASSERT_TRUE(fs::exists(path + ".post.tmp")) << "the postings did not spill";
  ASSERT_TRUE(fs::exists(path + ".pos.tmp")) << "the positions did not spill";
  for (uint32_t i = 0; i < n; ++i) {
    Document d;
    d.id = "s" + std::to_string(seed) + "-" + std::to_string(i);
    d.date.year = 2019;
    d.date.month = 4;
    d.date.day = static_cast<uint8_t>(1 + i * 28 / n);  // in date order, as a segment holds them
    d.date.precision = Date::Precision::kDay;
    d.title = "Talks in Ghadames, day " + std::to_string(i);
    d.text = "The conference was planned for mid-April. Report " + std::to_string(i) + ".";
    d.lang = "en";
    DocColumns c{};
    c.first_day = c.last_day = d.date.FirstDay();
    c.length = 200;
    c.precision = static_cast<uint8_t>(d.date.precision);
    w.AddDocument(d, c);
  }
  ASSERT_TRUE(w.Finish({"en"}).ok());
}

TEST(SpillSyncTest, FlushFsyncsTheSegmentButNoSpillFile) {
  ASSERT_TRUE(kHookSet);
  TempDir dir;
  const std::string path = dir.File("seg-000001.dls");
  TakeOps();
  ASSERT_NO_FATAL_FAILURE(WriteSpilling(path, 3000, 1));
  const std::vector<Op> ops = TakeOps();
  EXPECT_EQ(Fsyncs(ops, path), 1u) << "the segment file is made durable once";
  EXPECT_EQ(TmpFsyncs(ops), "");
  for (const char* tmp : {".post.tmp", ".pos.tmp", ".terms.tmp"}) {
    EXPECT_FALSE(fs::exists(path + tmp)) << tmp;
  }
  std::unique_ptr<SegmentReader> r;
  const Status open = SegmentReader::Open(path, &r);
  ASSERT_TRUE(open.ok()) << open.ToString();
  EXPECT_EQ(r->doc_count(), 3000u);
  EXPECT_TRUE(r->CheckDeep().ok()) << r->CheckDeep().ToString();
}

TEST(SpillSyncTest, MergeFsyncsTheSegmentButNoSpillFile) {
  ASSERT_TRUE(kHookSet);
  TempDir dir;
  const std::string a = dir.File("seg-000001.dls"), b = dir.File("seg-000002.dls");
  ASSERT_NO_FATAL_FAILURE(WriteSpilling(a, 2000, 1));
  ASSERT_NO_FATAL_FAILURE(WriteSpilling(b, 2000, 2));
  std::unique_ptr<SegmentReader> ra, rb;
  ASSERT_TRUE(SegmentReader::Open(a, &ra).ok());
  ASSERT_TRUE(SegmentReader::Open(b, &rb).ok());
  std::vector<SegmentView> inputs(2);
  inputs[0].reader = std::move(ra);
  inputs[1].reader = std::move(rb);
  const std::string out = dir.File("seg-000003.dls");
  TakeOps();
  uint32_t count = 0;
  ASSERT_TRUE(MergeSegments(inputs, out, &count, 4096).ok());
  const std::vector<Op> ops = TakeOps();
  EXPECT_EQ(count, 4000u);
  EXPECT_EQ(Fsyncs(ops, out), 1u);
  EXPECT_EQ(TmpFsyncs(ops), "");
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(out, &r).ok());
  EXPECT_EQ(r->doc_count(), 4000u);
  EXPECT_TRUE(r->CheckDeep().ok()) << r->CheckDeep().ToString();
}

}  // namespace
}  // namespace dateline::index
