// kill -9 crash safety of the dateline command-line tool: ingest and optimize are killed at
// various moments; the index must always open at a committed state, pass `check`, and the
// next run must converge to the same index as one clean run.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_util.h"
#include "gtest/gtest.h"

namespace {

namespace fs = std::filesystem;

using dateline::testing::cli::Child;
using dateline::testing::cli::DecodeStatus;
using dateline::testing::cli::Describe;
using dateline::testing::cli::Dl;
using dateline::testing::cli::GetInt;
using dateline::testing::cli::Json;
using dateline::testing::cli::LooksLikeCrash;
using dateline::testing::cli::RunResult;
using dateline::testing::cli::Spawn;
using dateline::testing::cli::TempDir;

// ---------------------------------------------------------------------------
// Corpus and index probes.

using Clock = std::chrono::steady_clock;

// Synthetic JSONL: `records` articles of 150-400 words from a vocabulary of 40,000 invented
// words, plus marker words used by the searches below. Deterministic.
void WriteCorpus(const std::string& path, int records) {
  static const char* kSyl[] = {"ka", "to", "mi", "ra",  "sen", "lo",  "vu",  "den", "bri", "sto",
                               "al", "en", "or", "que", "zei", "tur", "pan", "gol", "fes", "nim"};
  uint64_t x = 0x9E3779B97F4A7C15ull;
  auto next = [&x] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  std::vector<std::string> vocab(40000);
  for (auto& w : vocab) {
    const int n = 2 + static_cast<int>(next() % 3);
    for (int i = 0; i < n; ++i) w += kSyl[next() % 20];
  }
  std::ofstream f(path, std::ios::binary);
  std::string line;
  for (int i = 0; i < records; ++i) {
    char head[160];
    std::snprintf(head, sizeof head,
                  "{\"id\":\"c-%06d\",\"date\":\"20%02d-%02d-%02d\",\"lang\":\"en\",\"title\":"
                  "\"Report %d\",\"text\":\"",
                  i, static_cast<int>(i % 21), i % 12 + 1, i % 28 + 1, i);
    line = head;
    if (i % 3 == 0) line += "lighthouse ";
    if (i % 7 == 0) line += "ferry crossing ";
    if (i % 11 == 0) line += "harbour ";
    const int words = 150 + static_cast<int>(next() % 251);
    for (int w = 0; w < words; ++w) {
      line += vocab[next() % vocab.size()];
      line += (w + 1) % 40 == 0 ? ".\\n\\n" : " ";
    }
    line += "end\"}\n";
    f << line;
  }
}

int64_t Documents(const std::string& index, RunResult* out = nullptr) {
  RunResult r = Dl({"stats", "--json", "--index", index});
  if (out != nullptr) *out = r;
  Json j(r.out);
  if (r.code != 0 || !j.ok) return -1;
  return GetInt(j.root, "documents");
}

int64_t Segments(const std::string& index) {
  RunResult r = Dl({"stats", "--json", "--index", index});
  Json j(r.out);
  if (r.code != 0 || !j.ok) return -1;
  return GetInt(j.root, "segments");
}

const std::vector<std::string> kQueries = {"lighthouse",
                                           "ferry crossing",
                                           "\"ferry crossing\"",
                                           "lighthouse AND harbour",
                                           "harbour -lighthouse",
                                           "date:[2005 TO 2010] lighthouse",
                                           "*",
                                           "kato OR miral"};

std::vector<int64_t> Totals(const std::string& index) {
  std::vector<int64_t> t;
  for (const auto& q : kQueries) {
    RunResult r = Dl({"search", "--json", "--limit", "0", "--index", index, q});
    Json j(r.out);
    t.push_back(r.code == 0 && j.ok ? GetInt(j.root, "total") : -1);
  }
  return t;
}

// seg-* files in the directory (referenced or not).
int64_t SegmentFiles(const std::string& index) {
  int64_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(index, ec)) {
    n += e.path().filename().string().rfind("seg-", 0) == 0;
  }
  return n;
}

// Starts a command, SIGKILLs it after `delay` unless it has finished. Returns its status.
RunResult KillAfter(const std::vector<std::string>& args, std::chrono::milliseconds delay,
                    const std::string& log, bool* killed) {
  Child c = Spawn(args, log);
  ::close(c.stdin_fd);
  c.stdin_fd = -1;
  const auto deadline = Clock::now() + delay;
  *killed = false;
  int status = 0;
  for (;;) {
    pid_t p = ::waitpid(c.pid, &status, WNOHANG);
    if (p == c.pid) break;  // finished on its own
    if (Clock::now() >= deadline) {
      ::kill(c.pid, SIGKILL);
      *killed = true;
      while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  RunResult r;
  DecodeStatus(status, &r);
  std::ifstream e(c.err_path);
  std::stringstream se;
  se << e.rdbuf();
  r.err = se.str();
  return r;
}

// The index after a crash: either no commit yet (readers say so cleanly, exit 1), or a
// committed state that passes `check` and holds 0 or `full` documents.
void ExpectCommittedState(const std::string& index, int64_t full, const std::string& what) {
  SCOPED_TRACE(what);
  if (!fs::exists(index + "/CURRENT")) {
    RunResult st;
    EXPECT_EQ(Documents(index, &st), -1);
    EXPECT_EQ(st.code, 1) << Describe(st);
    EXPECT_NE(st.err.find("no dateline index"), std::string::npos) << Describe(st);
    EXPECT_FALSE(LooksLikeCrash(st)) << Describe(st);
    RunResult se = Dl({"search", "--index", index, "lighthouse"});
    EXPECT_EQ(se.code, 1) << Describe(se);
    EXPECT_FALSE(LooksLikeCrash(se)) << Describe(se);
    return;
  }
  RunResult c = Dl({"check", "--index", index});
  EXPECT_EQ(c.code, 0) << Describe(c);
  EXPECT_FALSE(LooksLikeCrash(c)) << Describe(c);
  const int64_t docs = Documents(index);
  EXPECT_TRUE(docs == 0 || docs == full) << "documents " << docs << ", expected 0 or " << full;
}

class crashTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new TempDir();
    corpus_ = *tmp_ / "corpus.jsonl";
    WriteCorpus(corpus_, kRecords);
    ref_ = *tmp_ / "reference";
    const auto t0 = Clock::now();
    ref_run_ = new RunResult(Dl({"ingest", "-q", "--memory-mb", "16", "--index", ref_, corpus_}));
    ref_seconds_ = std::chrono::duration<double>(Clock::now() - t0).count();
  }
  static void TearDownTestSuite() {
    delete ref_run_;
    delete tmp_;
  }
  std::vector<std::string> IngestArgs(const std::string& index) const {
    return {"ingest", "-q", "--memory-mb", "16", "--index", index, corpus_};
  }

  static constexpr int kRecords = 5000;  // about 12 MB of JSONL
  static TempDir* tmp_;
  static std::string corpus_, ref_;
  static RunResult* ref_run_;
  static double ref_seconds_;
};

TempDir* crashTest::tmp_ = nullptr;
std::string crashTest::corpus_, crashTest::ref_;
RunResult* crashTest::ref_run_ = nullptr;
double crashTest::ref_seconds_ = 0;

TEST_F(crashTest, KillDuringIngestLeavesACommittedStateAndConverges) {
  ASSERT_EQ(ref_run_->code, 0) << Describe(*ref_run_);
  ASSERT_EQ(Documents(ref_), kRecords);
  ASSERT_GT(Segments(ref_), 1) << "--memory-mb 16 should flush several segments";
  ASSERT_GT(fs::file_size(corpus_), 10u << 20);
  const std::vector<int64_t> want = Totals(ref_);
  for (int64_t t : want) ASSERT_GT(t, 0);
  std::printf("[ info ] clean ingest of %d records: %.2f s, %lld segments\n", kRecords,
              ref_seconds_, static_cast<long long>(Segments(ref_)));

  const std::string ix = *tmp_ / "crashed";
  // Kill delays from ~50 ms to most of a clean run (a few seconds here), scaled to this machine.
  std::vector<int> delays_ms;
  for (double f : {0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9}) {
    delays_ms.push_back(std::max(50, static_cast<int>(f * ref_seconds_ * 1000)));
  }
  int kills = 0;
  for (size_t round = 0; round < delays_ms.size(); ++round) {
    if (round == 4) {
      // From here on the kills hit a re-ingest over a full committed index.
      RunResult full = Dl(IngestArgs(ix));
      ASSERT_EQ(full.code, 0) << Describe(full);
      ASSERT_EQ(Documents(ix), kRecords);
    }
    bool killed = false;
    const std::string what = "round " + std::to_string(round) + ", kill after " +
                             std::to_string(delays_ms[round]) + " ms";
    RunResult r = KillAfter(IngestArgs(ix), std::chrono::milliseconds(delays_ms[round]),
                            *tmp_ / ("ingest-" + std::to_string(round)), &killed);
    kills += killed;
    if (!killed) {
      EXPECT_EQ(r.code, 0) << what << "\n" << Describe(r);
    } else {
      EXPECT_EQ(r.signal, SIGKILL) << what;
    }
    ExpectCommittedState(ix, kRecords, what);
    if (round >= 4) {
      EXPECT_EQ(Documents(ix), kRecords) << what << ": the full commit was lost";
    }
  }
  EXPECT_GE(kills, 4) << "most runs should have been killed mid-way";

  // The next run completes and converges to the clean index.
  RunResult fin = Dl(IngestArgs(ix));
  ASSERT_EQ(fin.code, 0) << Describe(fin);
  EXPECT_EQ(Documents(ix), kRecords);
  RunResult c = Dl({"check", "--index", ix});
  EXPECT_EQ(c.code, 0) << Describe(c);
  EXPECT_EQ(Totals(ix), want);
  // Files left behind by killed runs are cleaned up: every segment file is referenced.
  EXPECT_EQ(SegmentFiles(ix), Segments(ix));
  EXPECT_FALSE(fs::exists(ix + "/CURRENT.tmp"));
}

TEST_F(crashTest, KillBeforeFirstCommitThenIngest) {
  ASSERT_EQ(ref_run_->code, 0) << Describe(*ref_run_);
  const std::string ix = *tmp_ / "first";
  bool killed = false;
  // Killed well before the end: segments may have been flushed but nothing is
  // committed. On a loaded machine this run may be faster than the reference
  // was: then it finished, and a shorter delay is tried on a fresh index.
  for (const double share : {0.5, 0.25, 0.1, 0.04}) {
    fs::remove_all(ix);
    KillAfter(
        IngestArgs(ix),
        std::chrono::milliseconds(std::max(20, static_cast<int>(ref_seconds_ * 1000 * share))),
        *tmp_ / "first-kill", &killed);
    if (killed) break;
  }
  ASSERT_TRUE(killed);
  EXPECT_FALSE(fs::exists(ix + "/CURRENT"));
  ExpectCommittedState(ix, kRecords, "killed before the first commit");
  RunResult ck = Dl({"check", "--index", ix});
  EXPECT_EQ(ck.code, 1) << Describe(ck);
  EXPECT_FALSE(LooksLikeCrash(ck));
  // The lock died with the process: a new writer gets it.
  RunResult r = Dl(IngestArgs(ix));
  ASSERT_EQ(r.code, 0) << Describe(r);
  EXPECT_EQ(Documents(ix), kRecords);
  EXPECT_EQ(Totals(ix), Totals(ref_));
  EXPECT_EQ(SegmentFiles(ix), Segments(ix));
}

TEST_F(crashTest, KillDuringOptimize) {
  ASSERT_EQ(ref_run_->code, 0) << Describe(*ref_run_);
  const std::string ix = *tmp_ / "optimize";
  fs::copy(ref_, ix, fs::copy_options::recursive);
  ASSERT_EQ(Dl({"delete", "--index", ix, "c-000000", "c-000003"}).code, 0);
  const int64_t live = kRecords - 2;
  const std::vector<int64_t> want = Totals(ix);
  ASSERT_GT(Segments(ix), 1);
  int kills = 0;
  for (int delay : {20, 60, 150, 300, 500}) {
    bool killed = false;
    const std::string what = "optimize killed after " + std::to_string(delay) + " ms";
    RunResult r = KillAfter({"optimize", "--index", ix}, std::chrono::milliseconds(delay),
                            *tmp_ / ("optimize-" + std::to_string(delay)), &killed);
    kills += killed;
    if (!killed) {
      EXPECT_EQ(r.code, 0) << what << "\n" << Describe(r);
    }
    RunResult c = Dl({"check", "--index", ix});
    EXPECT_EQ(c.code, 0) << what << "\n" << Describe(c);
    EXPECT_EQ(Documents(ix), live) << what;
    EXPECT_EQ(Totals(ix), want) << what;
  }
  EXPECT_GE(kills, 1);
  RunResult o = Dl({"optimize", "--index", ix});
  ASSERT_EQ(o.code, 0) << Describe(o);
  EXPECT_EQ(Segments(ix), 1);
  EXPECT_EQ(SegmentFiles(ix), 1);
  EXPECT_EQ(Dl({"check", "--index", ix}).code, 0);
  EXPECT_EQ(Documents(ix), live);
  EXPECT_EQ(Totals(ix), want);
}

}  // namespace
