// dateline repair and the damage report of dateline check: a damaged segment
// (flipped, zeroed or truncated bytes), a damaged deletion file and an
// unreadable manifest; what is kept, what is reported lost, and that the
// repaired index opens, passes check and takes new documents.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli_util.h"
#include "dateline/index.h"
#include "dateline/search.h"
#include "test_util.h"

namespace dateline {
namespace {
namespace cli = ::dateline::testing::cli;

using testutil::MakeDoc;

IndexOptions Plain() {
  IndexOptions o;
  o.annotate = false;
  o.find_copies = false;
  o.find_stories = false;
  return o;
}

// Three commits of `per` documents each: three segments, seg-1 .. seg-3 in order.
std::vector<std::string> BuildThreeSegments(const std::string& dir, int per) {
  std::unique_ptr<IndexWriter> w;
  EXPECT_TRUE(IndexWriter::Open(dir, Plain(), &w).ok());
  for (int c = 0; c < 3; ++c) {
    for (int i = 0; i < per; ++i) {
      bool replaced = false;
      const std::string id = "c" + std::to_string(c) + "-" + std::to_string(i);
      EXPECT_TRUE(w->Add(MakeDoc(id, "2019-04-0" + std::to_string(c + 1), "Report " + id,
                                 "Talks on the harbour dispute, round " + std::to_string(c)),
                         &replaced)
                      .ok());
    }
    EXPECT_TRUE(w->Commit().ok());
  }
  w.reset();
  std::vector<std::string> segs;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string n = e.path().filename();
    if (n.rfind("seg-", 0) == 0 && n.find(".dls") != std::string::npos) segs.push_back(n);
  }
  std::sort(segs.begin(), segs.end());
  return segs;
}

uint64_t Live(const std::string& dir) {
  std::unique_ptr<IndexReader> r;
  EXPECT_TRUE(IndexReader::Open(dir, &r).ok());
  return r ? r->live_documents() : 0;
}

enum class Damage { kFlip, kZero, kTruncate };

void Apply(Damage d, const std::string& path) {
  std::string bytes = testutil::ReadBytes(path);
  switch (d) {
    case Damage::kFlip:
      bytes[bytes.size() / 3] ^= 0x20;
      break;
    case Damage::kZero:
      std::fill(bytes.begin() + static_cast<long>(bytes.size() / 4),
                bytes.begin() + static_cast<long>(bytes.size() / 2), '\0');
      break;
    case Damage::kTruncate:
      bytes.resize(bytes.size() * 2 / 3);
      break;
  }
  testutil::WriteBytes(path, bytes);
}

class RepairTest : public ::testing::TestWithParam<Damage> {};

TEST_P(RepairTest, DamagedSegmentIsDroppedAndTheRestKept) {
  testutil::TempDir dir;
  const auto segs = BuildThreeSegments(dir.path(), 20);
  ASSERT_EQ(segs.size(), 3u);
  Apply(GetParam(), dir.File(segs[1]));

  // check fails, names the file and says what a repair would keep.
  const auto check = cli::Dl({"check", "--index", dir.path()});
  EXPECT_EQ(check.code, 1);
  EXPECT_NE(check.err.find(segs[1]), std::string::npos) << check.err;
  EXPECT_NE(check.out.find(segs[1] + ": "), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("20 documents would be lost"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("keeps 40 documents in 2 segments"), std::string::npos) << check.out;

  // A dry run changes nothing.
  RepairReport dry;
  ASSERT_TRUE(RepairIndex(dir.path(), true, &dry).ok());
  EXPECT_FALSE(dry.repaired);
  ASSERT_EQ(dry.damaged.size(), 1u);
  std::unique_ptr<IndexReader> r;
  const Status open = IndexReader::Open(dir.path(), &r);  // large sections are verified on use
  EXPECT_TRUE(!open.ok() || r->Check().IsCorruption()) << open.ToString();

  const auto rep = cli::Dl({"repair", "--index", dir.path(), "--json"});
  ASSERT_EQ(rep.code, 0) << rep.err;
  EXPECT_NE(rep.out.find("\"repaired\":true"), std::string::npos) << rep.out;
  EXPECT_NE(rep.out.find("\"documents_kept\":40,\"documents_lost\":20"), std::string::npos)
      << rep.out;
  EXPECT_TRUE(std::filesystem::exists(dir.File("damaged/" + segs[1])));
  EXPECT_EQ(Live(dir.path()), 40u);
  EXPECT_EQ(cli::Dl({"check", "--index", dir.path()}).code, 0);

  // The survivors are searchable and the index takes new documents.
  search::Results res;
  std::unique_ptr<IndexReader> reader;
  ASSERT_TRUE(IndexReader::Open(dir.path(), &reader).ok());
  ASSERT_TRUE(search::Search(*reader, "harbour", search::SearchOptions{}, &res).ok());
  EXPECT_EQ(res.total, 40u);
  reader.reset();
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), Plain(), &w).ok());
  bool replaced = false;
  ASSERT_TRUE(
      w->Add(MakeDoc("c1-0", "2019-04-02", "Again", "Re-ingested after repair"), &replaced).ok());
  EXPECT_FALSE(replaced);
  ASSERT_TRUE(w->Commit().ok());
  w.reset();
  EXPECT_EQ(Live(dir.path()), 41u);
  // A second repair finds nothing to do.
  RepairReport again;
  ASSERT_TRUE(RepairIndex(dir.path(), false, &again).ok());
  EXPECT_FALSE(again.needed());
}

INSTANTIATE_TEST_SUITE_P(Damages, RepairTest,
                         ::testing::Values(Damage::kFlip, Damage::kZero, Damage::kTruncate));

TEST(RepairIndexTest, HealthyIndexIsLeftAlone) {
  testutil::TempDir dir;
  BuildThreeSegments(dir.path(), 5);
  const auto rep = cli::Dl({"repair", "--index", dir.path()});
  EXPECT_EQ(rep.code, 0);
  EXPECT_NE(rep.out.find("ok: nothing damaged, 15 documents in 3 segments"), std::string::npos)
      << rep.out;
  EXPECT_FALSE(std::filesystem::exists(dir.File("damaged")));
}

TEST(RepairIndexTest, DamagedDeletionFileBringsDeletedDocumentsBack) {
  testutil::TempDir dir;
  BuildThreeSegments(dir.path(), 5);
  {
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(dir.path(), Plain(), &w).ok());
    bool found = false;
    ASSERT_TRUE(w->Delete("c0-1", &found).ok());
    ASSERT_TRUE(found);
    ASSERT_TRUE(w->Commit().ok());
  }
  std::string del;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    const std::string n = e.path().filename();
    if (n.rfind("del-", 0) == 0) del = n;
  }
  ASSERT_FALSE(del.empty());
  testutil::FlipByte(dir.File(del), 13);
  RepairReport r;
  ASSERT_TRUE(RepairIndex(dir.path(), false, &r).ok());
  ASSERT_EQ(r.damaged.size(), 1u);
  EXPECT_EQ(r.damaged[0].file, del);
  EXPECT_EQ(r.damaged[0].deletions_lost, 1u);
  EXPECT_EQ(r.documents_lost, 0u);
  EXPECT_EQ(Live(dir.path()), 15u);  // the deleted document is back; nothing is lost
}

TEST(RepairIndexTest, UnreadableManifestIsRebuiltFromTheSegments) {
  testutil::TempDir dir;
  BuildThreeSegments(dir.path(), 4);
  {
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(dir.path(), Plain(), &w).ok());
    bool found = false;
    ASSERT_TRUE(w->Delete("c2-3", &found).ok());
    ASSERT_TRUE(w->Commit().ok());
  }
  testutil::WriteBytes(dir.File("CURRENT"), "garbage");
  std::unique_ptr<IndexReader> r;
  const Status open = IndexReader::Open(dir.path(), &r);  // large sections are verified on use
  EXPECT_TRUE(!open.ok() || r->Check().IsCorruption()) << open.ToString();
  RepairReport rep;
  ASSERT_TRUE(RepairIndex(dir.path(), false, &rep).ok());
  EXPECT_FALSE(rep.manifest_problem.empty());
  EXPECT_TRUE(rep.repaired);
  EXPECT_EQ(Live(dir.path()), 11u);  // the deletion file was found again
  EXPECT_EQ(cli::Dl({"check", "--index", dir.path()}).code, 0);
}

TEST(RepairIndexTest, BusyWhileAWriterIsOpenAndNotFoundWithoutIndex) {
  testutil::TempDir dir;
  BuildThreeSegments(dir.path(), 2);
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), Plain(), &w).ok());
  RepairReport r;
  EXPECT_FALSE(RepairIndex(dir.path(), false, &r).ok());
  w.reset();
  testutil::TempDir empty;
  EXPECT_TRUE(RepairIndex(empty.path(), false, &r).IsNotFound());
  const auto rep = cli::Dl({"repair", "--index", empty.File("none")});
  EXPECT_EQ(rep.code, 1);
  EXPECT_EQ(std::count(rep.err.begin(), rep.err.end(), '\n'), 1) << rep.err;
}

}  // namespace
}  // namespace dateline
