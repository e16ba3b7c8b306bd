// Readers searching while a writer adds, replaces, deletes, merges and
// optimizes: every search answers from exactly one commit (its counts agree
// with that commit's live documents, its hits can be fetched from it, and two
// readers of one generation see the same thing), nothing is ever missing from
// a commit, and a second writer is refused. Also built under ThreadSanitizer
// (`make test-tsan`).
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "dateline/index.h"
#include "dateline/search.h"
#include "test_util.h"

namespace dateline {
namespace {

using testutil::MakeDoc;

constexpr int kRounds = 30;  // commits by the writer
constexpr int kPerRound = 12;
constexpr int kReaders = 3;

IndexOptions Small() {
  IndexOptions o;
  o.annotate = false;
  o.find_copies = false;
  o.find_stories = false;
  o.memory_budget_mb = 1;
  o.threads = 1;
  return o;
}

Document Doc(int round, int i, int version) {
  const std::string id = "r" + std::to_string(round) + "-" + std::to_string(i);
  const int day = 1 + round % 28;
  return MakeDoc(id, "2019-04-" + std::string(day < 10 ? "0" : "") + std::to_string(day),
                 "Harbour report " + id,
                 "The harbour council met about ferry routes. version" + std::to_string(version) +
                     " round" + std::to_string(round),
                 "en");
}

// What one reader saw of one commit.
struct Seen {
  uint64_t live = 0;
  uint64_t harbour = 0;   // total of the query "harbour" (every document has it)
  uint64_t version1 = 0;  // total of "version1" (replaced documents)
};

// Writes kRounds commits: each adds kPerRound documents, replaces two of the
// previous round (version 1), deletes one of the round before; every fifth
// commit is followed by an optimize.
void Write(const std::string& dir, std::atomic<bool>* done, std::string* error) {
  std::unique_ptr<IndexWriter> w;
  Status s = IndexWriter::Open(dir, Small(), &w);
  for (int r = 0; s.ok() && r < kRounds; ++r) {
    bool flag = false;
    for (int i = 0; s.ok() && i < kPerRound; ++i) s = w->Add(Doc(r, i, 0), &flag);
    for (int i = 0; s.ok() && r > 0 && i < 2; ++i) s = w->Add(Doc(r - 1, i, 1), &flag);
    if (s.ok() && r > 1) s = w->Delete("r" + std::to_string(r - 2) + "-5", &flag);
    if (s.ok()) s = w->Commit();
    if (s.ok() && r % 5 == 4) s = w->Optimize();
    if (!s.ok()) *error = "round " + std::to_string(r) + ": ";
  }
  if (!s.ok()) *error += s.ToString();
  done->store(true);
}

// Searches until the writer is done; records what each generation looked like
// and fails on any inconsistency inside one snapshot.
void Read(const std::string& dir, const std::atomic<bool>& done, std::map<uint64_t, Seen>* seen,
          std::string* error) {
  while (!done.load() && error->empty()) {
    std::unique_ptr<IndexReader> r;
    Status s = IndexReader::Open(dir, &r);
    if (s.IsNotFound()) continue;  // before the first commit
    if (!s.ok()) {
      *error = "open: " + s.ToString();
      return;
    }
    Seen now;
    now.live = r->live_documents();
    search::SearchOptions o;
    o.limit = 5;
    search::Results res;
    s = search::Search(*r, "harbour", o, &res);
    if (s.ok()) {
      now.harbour = res.total;
      for (const auto& h : res.hits) {
        Document d;
        if (!r->Get(h.id, &d).ok()) *error = "hit " + h.id + " not in its own snapshot";
      }
      s = search::Search(*r, "version1", o, &res);
      now.version1 = res.total;
    }
    if (!s.ok()) {
      *error = "search: " + s.ToString();
      return;
    }
    if (now.harbour != now.live) {
      *error = "generation " + std::to_string(r->generation()) + ": " +
               std::to_string(now.harbour) + " matches but " + std::to_string(now.live) +
               " live documents";
    }
    auto [it, fresh] = seen->try_emplace(r->generation(), now);
    if (!fresh && (it->second.live != now.live || it->second.version1 != now.version1)) {
      *error = "generation " + std::to_string(r->generation()) + " seen twice, differently";
    }
  }
}

TEST(ConcurrencyTest, ReadersSeeWholeCommitsWhileTheWriterWorks) {
  testutil::TempDir dir;
  std::atomic<bool> done{false};
  std::string write_error;
  std::vector<std::map<uint64_t, Seen>> seen(kReaders);
  std::vector<std::string> read_errors(kReaders);
  std::thread writer(Write, dir.path(), &done, &write_error);
  std::vector<std::thread> readers;
  for (int i = 0; i < kReaders; ++i) {
    readers.emplace_back(Read, dir.path(), std::cref(done), &seen[i], &read_errors[i]);
  }
  writer.join();
  for (auto& t : readers) t.join();
  ASSERT_EQ(write_error, "");
  for (const auto& e : read_errors) EXPECT_EQ(e, "");

  // Every commit's live count is one the writer produced: after round r,
  // kPerRound*(r+1) added minus max(0, r-1) deleted.
  std::vector<uint64_t> possible;
  for (int r = 0; r < kRounds; ++r) possible.push_back(kPerRound * (r + 1) - std::max(0, r - 1));
  size_t generations = 0;
  std::map<uint64_t, Seen> all;
  for (const auto& m : seen) {
    for (const auto& [gen, s] : m) {
      EXPECT_NE(std::find(possible.begin(), possible.end(), s.live), possible.end())
          << "generation " << gen << " has " << s.live << " documents";
      auto [it, fresh] = all.try_emplace(gen, s);
      if (!fresh) {
        EXPECT_EQ(it->second.live, s.live) << "readers disagree on generation " << gen;
      }
    }
  }
  generations = all.size();
  EXPECT_GE(generations, 2u) << "the readers should have seen several commits";
  // Generations only grow with the document count (documents are only added
  // faster than deleted), so a later generation never shows fewer documents.
  uint64_t last = 0;
  for (const auto& [gen, s] : all) {
    EXPECT_GE(s.live, last) << "generation " << gen;
    last = s.live;
  }

  // The final state, after the writer closed.
  std::unique_ptr<IndexReader> r;
  ASSERT_TRUE(IndexReader::Open(dir.path(), &r).ok());
  EXPECT_EQ(r->live_documents(), possible.back());
  ASSERT_TRUE(r->Check().ok());
}

TEST(ConcurrencyTest, SecondWriterIsRefusedWhileReadersRun) {
  testutil::TempDir dir;
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), Small(), &w).ok());
  bool flag = false;
  ASSERT_TRUE(w->Add(Doc(0, 0, 0), &flag).ok());
  ASSERT_TRUE(w->Commit().ok());
  std::atomic<int> busy{0};
  std::vector<std::thread> others;
  for (int i = 0; i < 4; ++i) {
    others.emplace_back([&] {
      std::unique_ptr<IndexWriter> second;
      const Status s = IndexWriter::Open(dir.path(), Small(), &second);
      if (s.IsBusy() && !second) ++busy;
    });
  }
  for (auto& t : others) t.join();
  EXPECT_EQ(busy.load(), 4);
}

// A flushed batch is built on a thread of its own while the writer buffers
// the next (doc/index-format.md, "Writer memory"). With a 1 MB budget every
// few hundred documents are flushed: ids repeated and deleted soon after
// their batch was flushed (while its segment may still be being built) are
// still replaced and deleted, with copy detection reading the segments built.
TEST(ConcurrencyTest, IdsRepeatedWhileTheirSegmentIsBuilt) {
  testutil::TempDir dir;
  IndexOptions opt = Small();
  opt.find_copies = true;
  opt.threads = 2;
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), opt, &w).ok());
  std::map<std::string, int> live;  // id -> version
  const int n = testutil::kSanitized ? 1500 : 4000;
  for (int i = 0; i < n; ++i) {
    bool replaced = true;
    ASSERT_TRUE(w->Add(Doc(0, i, 0), &replaced).ok());
    EXPECT_FALSE(replaced);
    live[Doc(0, i, 0).id] = 0;
    if (i >= 40 && i % 3 == 0) {  // a recent document again, another version
      const Document d = Doc(0, i - 40 + i % 7, 1 + i % 5);
      ASSERT_TRUE(w->Add(d, &replaced).ok());
      EXPECT_EQ(replaced, live.count(d.id) == 1) << d.id;
      live[d.id] = 1 + i % 5;
    }
    if (i >= 25 && i % 7 == 0) {
      const std::string id = Doc(0, i - 25, 0).id;
      bool found = false;
      ASSERT_TRUE(w->Delete(id, &found).ok());
      EXPECT_EQ(found, live.erase(id) == 1) << id;
    }
  }
  ASSERT_TRUE(w->Commit().ok());
  w.reset();
  std::unique_ptr<IndexReader> r;
  ASSERT_TRUE(IndexReader::Open(dir.path(), &r).ok());
  EXPECT_GE(r->Stats().segments, 4u);
  EXPECT_EQ(r->live_documents(), live.size());
  for (int i = 0; i < n; i += 1 + i % 3) {
    const std::string id = Doc(0, i, 0).id;
    Document got;
    const Status s = r->Get(id, &got);
    if (live.count(id) == 0) {
      EXPECT_TRUE(s.IsNotFound()) << id;
      continue;
    }
    ASSERT_TRUE(s.ok()) << id << ": " << s.ToString();
    EXPECT_NE(got.text.find("version" + std::to_string(live[id])), std::string::npos) << id;
  }
  EXPECT_TRUE(r->Check().ok());
}

// A segment that fails to build in the background (its directory is gone)
// fails a later Add or the commit: the error is never lost.
TEST(ConcurrencyTest, FailedBackgroundBuildIsReported) {
  testutil::TempDir dir;
  const std::string index = dir.path() + "/index";
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(index, Small(), &w).ok());
  std::filesystem::remove_all(index);
  Status first;
  int calls = 0;
  for (int i = 0; i < 2000 && first.ok(); ++i, ++calls) {
    bool replaced;
    first = w->Add(Doc(1, i, 0), &replaced);
  }
  EXPECT_FALSE(first.ok()) << "a failed flush surfaces at a later Add";
  EXPECT_LT(calls, 2000);
  EXPECT_FALSE(w->Commit().ok());
}

// A writer closed (without a commit) while a segment is being built waits for
// it; the segment, never committed, is removed by the next writer.
TEST(ConcurrencyTest, WriterClosedWhileASegmentIsBuilt) {
  testutil::TempDir dir;
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), Small(), &w).ok());
  bool replaced;
  ASSERT_TRUE(w->Add(Doc(2, 0, 0), &replaced).ok());
  ASSERT_TRUE(w->Commit().ok());
  for (int i = 1; i < 1000; ++i) ASSERT_TRUE(w->Add(Doc(2, i, 0), &replaced).ok());
  w.reset();
  ASSERT_TRUE(IndexWriter::Open(dir.path(), Small(), &w).ok());
  size_t segments = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    segments += e.path().filename().string().rfind("seg-", 0) == 0;
  }
  EXPECT_EQ(segments, 1u);
  w.reset();
  std::unique_ptr<IndexReader> r;
  ASSERT_TRUE(IndexReader::Open(dir.path(), &r).ok());
  EXPECT_EQ(r->live_documents(), 1u);
}

}  // namespace
}  // namespace dateline
