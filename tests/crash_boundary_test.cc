// Crash at any moment (issue 8): `dateline ingest`, `optimize`, `delete` and `serve` (ingesting
// through POST /api/ingest) are killed with SIGKILL at every durable-operation boundary (each
// fsync of a file or directory, rename and remove, before and after it: the test-only hook
// DATELINE_CRASH_AT of src/util/file.cc, doc/testing.md) and at random moments (seeded; set
// DATELINE_CRASH_SEED to replay). After each kill the index must open, pass `check` and hold
// exactly the documents of the last completed commit (known from where the kill fell relative
// to the rename of CURRENT); re-running the same command must converge to the full set with no
// duplicates and leave no temporary or unreferenced file.
#include <httplib.h>

#include <functional>
#include <random>

#include "fault_util.h"

namespace {

namespace fs = std::filesystem;
namespace cli = dateline::testing::cli;
using namespace dateline::testing::fault;  // NOLINT: the helpers of this test family

using Clock = std::chrono::steady_clock;
using Args = std::function<std::vector<std::string>(const std::string& index)>;

constexpr int kBatches = 12;     // the 11th commit leaves 11 segments: it merges
constexpr int kPerBatch = 24;    // articles per batch (boundary runs)
constexpr int kRandomPer = 200;  // articles per batch (random kills: long enough to hit mid-way)
constexpr char kToken[] = "crash-token";

// ---------------------------------------------------------------------------
// `dateline serve` as a child process.

struct Server {
  cli::Child child;
  int port = -1;
};

// Starts `dateline serve` on a free port; false if it did not print its address in 20 s.
bool StartServer(const std::string& index, const std::string& dir, const cli::Env& env, Server* s) {
  const std::string token = dir + "/token";
  cli::WriteFile(token, std::string(kToken) + "\n");
  s->child = cli::Spawn({"serve", "-q", "--index", index, "--listen", "127.0.0.1:0", "--token-file",
                         token, "--threads", "2"},
                        dir + "/serve", env);
  const auto deadline = Clock::now() + std::chrono::seconds(20);
  while (Clock::now() < deadline) {
    std::ifstream f(s->child.err_path);
    std::string line;
    while (std::getline(f, line)) {
      const auto at = line.find("http://127.0.0.1:");
      if (at != std::string::npos) {
        s->port = std::atoi(line.c_str() + at + 17);
        return s->port > 0;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

// POSTs `body` to /api/ingest; the HTTP status, or -1 if the connection failed.
int PostIngest(int port, const std::string& body, std::string* reply = nullptr) {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(60, 0);
  httplib::Headers h = {{"Authorization", std::string("Bearer ") + kToken}};
  auto r = c.Post("/api/ingest", h, body, "application/x-ndjson");
  if (!r) return -1;
  if (reply != nullptr) *reply = r->body;
  return r->status;
}

// Stops a server that is still running (SIGTERM) and reaps it; the terminating status.
RunResult StopServer(Server* s) {
  ::kill(s->child.pid, SIGTERM);
  return cli::WaitChild(&s->child);
}

// ---------------------------------------------------------------------------
// The fixture: batch files, and the index after each number of committed batches.

class crashBoundaryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new cli::TempDir();
    for (int b = 0; b < kBatches; ++b) cli::WriteFile(BatchFile(b), BatchJsonl(b, kPerBatch));
  }
  static void TearDownTestSuite() { delete tmp_; }

  static std::string BatchFile(int b) { return *tmp_ / ("batch-" + std::to_string(b) + ".jsonl"); }
  static std::vector<std::string> Ingest(const std::string& index, const std::string& file) {
    return {"ingest", "-q", "--no-extract", "--index", index, file};
  }

  // The index holding batches 0..k-1, each committed by its own clean ingest (built once).
  static std::string Snapshot(int k) {
    const std::string dir = *tmp_ / ("snap-" + std::to_string(k));
    if (k == 0 || fs::exists(dir)) return dir;
    const std::string prev = Snapshot(k - 1);
    CopyIndex(prev, dir);
    RunResult r = Dl(Ingest(dir, BatchFile(k - 1)));
    EXPECT_EQ(r.code, 0) << Describe(r);
    return dir;
  }

  // The boundaries a run of `args` on a copy of `base` crosses (it must succeed).
  std::vector<Boundary> CountBoundaries(const std::string& base, const Args& args) {
    const std::string ix = *tmp_ / "count", log = *tmp_ / "count.log";
    CopyIndex(base, ix);
    fs::remove(log);
    RunResult r = Dl(args(ix), "", {{"DATELINE_CRASH_COUNT", log}});
    EXPECT_EQ(r.code, 0) << Describe(r);
    return ReadBoundaries(log);
  }

  // Kills `args` at every boundary (every kStride-th under sanitizers), before and after it.
  // `before`/`after`: the documents of the commit before and of the one the run makes.
  // `converged` checks the index after the clean re-run (beyond its documents).
  void EveryBoundary(const std::string& kind, const std::string& base, const Args& args,
                     const Docs& before, const Docs& after,
                     const std::function<void(const std::string&)>& converged = {}) {
    const std::vector<Boundary> bs = CountBoundaries(base, args);
    const int commit = CommitPoint(bs);
    ASSERT_GE(commit, 0) << kind << ": no rename of CURRENT among " << bs.size() << " boundaries";
    std::printf("[ info ] %s: %zu boundaries, commit point %s\n", kind.c_str(), bs.size(),
                bs[commit].Name().c_str());
    const std::string ix = *tmp_ / "work";
    for (size_t i = 0; i < bs.size(); i += kStride) {
      for (const bool after_op : {false, true}) {
        const std::string where = kind + ", kill " + (after_op ? "after " : "before ") +
                                  bs[i].Name() + " of " + std::to_string(bs.size());
        CopyIndex(base, ix);
        const std::string at = std::to_string(bs[i].n) + (after_op ? ":after" : ":before");
        RunResult r = Dl(args(ix), "", {{"DATELINE_CRASH_AT", at}});
        ASSERT_EQ(r.signal, SIGKILL) << where << ": the hook did not kill\n" << Describe(r);
        kills_.Add(kind + "-boundary");
        const bool committed = static_cast<int>(i) > commit || (i == size_t(commit) && after_op);
        ExpectState(ix, committed ? after : before, where);
        Converge(ix, args, after, where);
        if (converged) converged(ix);
        if (HasFatalFailure() || ::testing::Test::HasFailure()) return;  // one report is enough
      }
    }
  }

  static long long ExpectState(const std::string& ix, const Docs& want, const std::string& where) {
    std::string why;
    long long segments = -1;
    EXPECT_EQ(MatchState(ix, {want}, &why, &segments), 0) << where << ": " << why;
    return segments;
  }

  // Re-runs `args` cleanly: it succeeds, the documents are `want`, nothing is left over.
  // (`delete` of documents already deleted by the killed run says so and exits 1.)
  static void Converge(const std::string& ix, const Args& args, const Docs& want,
                       const std::string& where) {
    RunResult r = Dl(args(ix));
    const bool already_deleted =
        r.code == 1 && r.err.find("no document with id") != std::string::npos;
    EXPECT_TRUE(r.code == 0 || already_deleted) << where << ": re-run failed\n" << Describe(r);
    const long long segments = ExpectState(ix, want, where + ", after the re-run");
    EXPECT_EQ(Leftovers(ix, segments), "") << where << ", after the re-run";
  }

  static cli::TempDir* tmp_;
  KillCounter kills_;
};

cli::TempDir* crashBoundaryTest::tmp_ = nullptr;

TEST_F(crashBoundaryTest, IngestFirstCommitAtEveryBoundary) {
  EveryBoundary(
      "ingest-first", Snapshot(0), [](const std::string& ix) { return Ingest(ix, BatchFile(0)); },
      {}, AfterBatches(1, kPerBatch));
  kills_.Print("ingest, first commit");
  EXPECT_GE(kills_.Total(), kSanitized ? 4 : 12);
}

TEST_F(crashBoundaryTest, IngestReplacingCommitAtEveryBoundary) {
  // Batch 4 revises 4 articles of batch 1: the commit writes a deletion file.
  EveryBoundary(
      "ingest-replace", Snapshot(4), [](const std::string& ix) { return Ingest(ix, BatchFile(4)); },
      AfterBatches(4, kPerBatch), AfterBatches(5, kPerBatch));
  kills_.Print("ingest, replacing commit");
  EXPECT_GE(kills_.Total(), kSanitized ? 4 : 14);
}

TEST_F(crashBoundaryTest, IngestMergingCommitAtEveryBoundary) {
  // The 11th commit leaves 11 segments: the writer merges and commits again.
  const std::string base = Snapshot(10);
  ASSERT_EQ(Segments(base), 10);
  Args args = [](const std::string& ix) { return Ingest(ix, BatchFile(10)); };
  int commits = 0;
  for (const auto& b : CountBoundaries(base, args)) {
    commits += b.op == "rename" && fs::path(b.path).filename() == "CURRENT.tmp";
  }
  ASSERT_EQ(commits, 2) << "expected a commit and a merge commit";
  EveryBoundary("ingest-merge", base, args, AfterBatches(10, kPerBatch),
                AfterBatches(11, kPerBatch),
                [](const std::string& ix) { EXPECT_LE(Segments(ix), 10); });
  kills_.Print("ingest, merging commit");
  EXPECT_GE(kills_.Total(), kSanitized ? 8 : 30);
}

TEST_F(crashBoundaryTest, OptimizeAtEveryBoundary) {
  const std::string base = *tmp_ / "optimize-base";
  CopyIndex(Snapshot(kBatches), base);
  RunResult d = Dl({"delete", "--index", base, DocId(2, 5), DocId(7, 1)});
  ASSERT_EQ(d.code, 0) << Describe(d);
  Docs docs = AfterBatches(kBatches, kPerBatch);
  docs.erase(DocId(2, 5));
  docs.erase(DocId(7, 1));
  ASSERT_GT(Segments(base), 1);
  EveryBoundary(
      "optimize", base,
      [](const std::string& ix) {
        return std::vector<std::string>{"optimize", "--index", ix};
      },
      docs, docs, [](const std::string& ix) { EXPECT_EQ(Segments(ix), 1); });
  kills_.Print("optimize");
  EXPECT_GE(kills_.Total(), kSanitized ? 4 : 14);
}

TEST_F(crashBoundaryTest, DeleteAtEveryBoundary) {
  Docs after = AfterBatches(3, kPerBatch);
  after.erase(DocId(0, 3));
  after.erase(DocId(2, 0));
  EveryBoundary(
      "delete", Snapshot(3),
      [](const std::string& ix) {
        return std::vector<std::string>{"delete", "--index", ix, DocId(0, 3), DocId(2, 0)};
      },
      AfterBatches(3, kPerBatch), after);
  kills_.Print("delete");
  EXPECT_GE(kills_.Total(), kSanitized ? 4 : 12);
}

// The server ingesting one batch per POST, killed at every boundary of the request.
TEST_F(crashBoundaryTest, ServerIngestAtEveryBoundary) {
  for (const int k : {0, 4}) {
    const std::string base = Snapshot(k), ix = *tmp_ / "srv", log = *tmp_ / "srv.log";
    const std::string body = BatchJsonl(k, kPerBatch);
    CopyIndex(base, ix);
    fs::remove(log);
    Server s;
    ASSERT_TRUE(StartServer(ix, tmp_->path(), {{"DATELINE_CRASH_COUNT", log}}, &s));
    ASSERT_EQ(PostIngest(s.port, body), 200);
    StopServer(&s);
    const std::vector<Boundary> bs = ReadBoundaries(log);
    const int commit = CommitPoint(bs);
    ASSERT_GE(commit, 0);
    std::printf("[ info ] server batch %d: %zu boundaries\n", k, bs.size());
    for (size_t i = 0; i < bs.size(); i += kStride) {
      for (const bool after_op : {false, true}) {
        const std::string where = "server POST of batch " + std::to_string(k) + ", kill " +
                                  (after_op ? "after " : "before ") + bs[i].Name();
        CopyIndex(base, ix);
        const std::string at = std::to_string(bs[i].n) + (after_op ? ":after" : ":before");
        ASSERT_TRUE(StartServer(ix, tmp_->path(), {{"DATELINE_CRASH_AT", at}}, &s)) << where;
        EXPECT_EQ(PostIngest(s.port, body), -1) << where << ": the request was answered";
        RunResult r = cli::WaitChild(&s.child);
        ASSERT_EQ(r.signal, SIGKILL) << where << "\n" << Describe(r);
        kills_.Add("server-boundary");
        const bool committed = static_cast<int>(i) > commit || (i == size_t(commit) && after_op);
        ExpectState(ix, AfterBatches(committed ? k + 1 : k, kPerBatch), where);
        Converge(
            ix, [k](const std::string& x) { return Ingest(x, BatchFile(k)); },
            AfterBatches(k + 1, kPerBatch), where);
        if (::testing::Test::HasFailure()) return;
      }
    }
  }
  kills_.Print("server ingest");
  EXPECT_GE(kills_.Total(), kSanitized ? 8 : 24);
}

// ---------------------------------------------------------------------------
// Random kills.

uint64_t Seed() {
  if (const char* s = std::getenv("DATELINE_CRASH_SEED")) return std::strtoull(s, nullptr, 10);
  return static_cast<uint64_t>(Clock::now().time_since_epoch().count());
}

// Runs `args`, SIGKILLs it at `delay` unless it finished. True if it was killed.
bool RunKilledAfter(const std::vector<std::string>& args, std::chrono::microseconds delay,
                    const std::string& log, RunResult* r) {
  cli::Child c = cli::Spawn(args, log);
  const auto deadline = Clock::now() + delay;
  int status = 0;
  bool killed = false;
  for (;;) {
    if (::waitpid(c.pid, &status, WNOHANG) == c.pid) break;
    if (Clock::now() >= deadline) {
      ::kill(c.pid, SIGKILL);
      killed = true;
      while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  ::close(c.stdin_fd);
  *r = RunResult();
  cli::DecodeStatus(status, r);
  killed &= r->signal == SIGKILL;
  return killed;
}

class crashRandomTest : public ::testing::Test {
 protected:
  void SetUp() override {
    seed_ = Seed();
    rng_.seed(seed_);
    std::printf("[ seed ] DATELINE_CRASH_SEED=%llu\n", static_cast<unsigned long long>(seed_));
    for (int b = 0; b < 4; ++b) cli::WriteFile(File(b), BatchJsonl(b, kRandomPer));
  }
  std::string File(int b) const { return tmp_ / ("big-" + std::to_string(b) + ".jsonl"); }
  std::chrono::microseconds RandomDelay(double clean_seconds) {
    std::uniform_real_distribution<double> d(0.0, 0.8 * clean_seconds);
    return std::chrono::microseconds(static_cast<int64_t>(d(rng_) * 1e6));
  }
  std::string Where(const std::string& what, std::chrono::microseconds delay) const {
    return what + " killed after " + std::to_string(delay.count()) + " us (seed " +
           std::to_string(seed_) + ")";
  }
  // The state after the kill is `before` or `after`; a run that finished made `after`.
  void ExpectBeforeOrAfter(const std::string& ix, const Docs& before, const Docs& after,
                           bool killed, const RunResult& r, const std::string& where) {
    if (!killed) {
      EXPECT_EQ(r.code, 0) << where << ": finished but failed\n" << Describe(r);
    }
    std::string why;
    const int got = MatchState(ix, {before, after}, &why);
    EXPECT_GE(got, 0) << where << ": " << why;
    if (!killed && before != after) {
      EXPECT_EQ(got, 1) << where << ": finished, not committed";
    }
  }

  cli::TempDir tmp_;
  uint64_t seed_ = 0;
  std::mt19937_64 rng_;
  KillCounter kills_;
};

TEST_F(crashRandomTest, IngestKilledAtRandomMoments) {
  const int rounds = kSanitized ? 6 : 20;
  const std::string ix = tmp_ / "ix";
  // Clean timing of one batch over one committed batch.
  CopyIndex("", ix);
  ASSERT_EQ(Dl({"ingest", "-q", "--no-extract", "--index", ix, File(0)}).code, 0);
  auto t0 = Clock::now();
  ASSERT_EQ(Dl({"ingest", "-q", "--no-extract", "--index", ix, File(1)}).code, 0);
  const double clean = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("[ info ] clean ingest of %d articles: %.3f s\n", kRandomPer, clean);
  fs::remove_all(ix);
  Docs state;  // what the index holds
  for (int round = 0; round < rounds; ++round) {
    const int b = round % 4;
    Docs next = state;
    Apply(&next, b, kRandomPer);
    const auto delay = RandomDelay(clean);
    const std::string where =
        Where("round " + std::to_string(round) + ": ingest of batch " + std::to_string(b), delay);
    RunResult r;
    const std::vector<std::string> args = {"ingest", "-q", "--no-extract", "--index", ix, File(b)};
    const bool killed = RunKilledAfter(args, delay, tmp_ / "run", &r);
    if (killed) kills_.Add("ingest-random");
    ExpectBeforeOrAfter(ix, state, next, killed, r, where);
    // Re-running the same ingest converges, with no duplicates.
    RunResult again = Dl(args);
    EXPECT_EQ(again.code, 0) << where << "\n" << Describe(again);
    std::string why;
    EXPECT_EQ(MatchState(ix, {next}, &why), 0) << where << ", after the re-run: " << why;
    EXPECT_EQ(Leftovers(ix), "") << where;
    if (HasFailure()) break;
    state = next;
  }
  kills_.Print("ingest, random");
  EXPECT_GE(kills_.Total(), rounds / 4) << "too few rounds were killed (seed " << seed_ << ")";
}

TEST_F(crashRandomTest, OptimizeKilledAtRandomMoments) {
  const int rounds = kSanitized ? 4 : 12;
  const std::string base = tmp_ / "base", ix = tmp_ / "ix";
  Docs docs;
  for (int b = 0; b < 4; ++b) {
    ASSERT_EQ(Dl({"ingest", "-q", "--no-extract", "--index", base, File(b)}).code, 0);
    Apply(&docs, b, kRandomPer);
  }
  ASSERT_EQ(Dl({"delete", "--index", base, DocId(0, 7)}).code, 0);
  docs.erase(DocId(0, 7));
  CopyIndex(base, ix);
  auto t0 = Clock::now();
  ASSERT_EQ(Dl({"optimize", "--index", ix}).code, 0);
  const double clean = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("[ info ] clean optimize of %zu articles: %.3f s\n", docs.size(), clean);
  for (int round = 0; round < rounds; ++round) {
    CopyIndex(base, ix);
    const auto delay = RandomDelay(clean);
    const std::string where = Where("optimize round " + std::to_string(round), delay);
    RunResult r;
    const bool killed = RunKilledAfter({"optimize", "--index", ix}, delay, tmp_ / "run", &r);
    if (killed) kills_.Add("optimize-random");
    ExpectBeforeOrAfter(ix, docs, docs, killed, r, where);
    RunResult again = Dl({"optimize", "--index", ix});
    EXPECT_EQ(again.code, 0) << where << "\n" << Describe(again);
    EXPECT_EQ(Segments(ix), 1) << where;
    EXPECT_EQ(Leftovers(ix), "") << where;
    if (HasFailure()) break;
  }
  kills_.Print("optimize, random");
  EXPECT_GE(kills_.Total(), rounds / 4) << "seed " << seed_;
}

TEST_F(crashRandomTest, ServerKilledWhileIngesting) {
  const int rounds = kSanitized ? 4 : 12;
  const std::string ix = tmp_ / "ix";
  std::vector<std::string> bodies;
  for (int b = 0; b < 4; ++b) bodies.push_back(BatchJsonl(b, kRandomPer));
  // Clean timing of one POST.
  Server s;
  ASSERT_TRUE(StartServer(ix, tmp_.path(), {}, &s));
  auto t0 = Clock::now();
  ASSERT_EQ(PostIngest(s.port, bodies[0]), 200);
  const double clean = std::chrono::duration<double>(Clock::now() - t0).count();
  StopServer(&s);
  std::printf("[ info ] clean POST of %d articles: %.3f s\n", kRandomPer, clean);
  fs::remove_all(ix);
  Docs state;
  for (int round = 0; round < rounds; ++round) {
    const int b = round % 4;
    Docs next = state;
    Apply(&next, b, kRandomPer);
    const auto delay = RandomDelay(clean);
    const std::string where = Where(
        "server round " + std::to_string(round) + ": POST of batch " + std::to_string(b), delay);
    ASSERT_TRUE(StartServer(ix, tmp_.path(), {}, &s)) << where;
    int status = 0;
    std::thread post([&] { status = PostIngest(s.port, bodies[b]); });
    std::this_thread::sleep_for(delay);
    ::kill(s.child.pid, SIGKILL);
    post.join();
    RunResult r = cli::WaitChild(&s.child);
    ASSERT_EQ(r.signal, SIGKILL) << where;
    kills_.Add(status == -1 ? "server-random (mid-request)" : "server-random (after reply)");
    std::string why;
    const int got = MatchState(ix, {state, next}, &why);
    EXPECT_GE(got, 0) << where << ": " << why;
    if (status == 200 && got >= 0) {
      EXPECT_TRUE(got == 1 || state == next) << where << ": a 200 reply, but the commit was lost";
    }
    // Re-ingesting the batch (from the command line) converges.
    const std::string file = tmp_ / "post.jsonl";
    cli::WriteFile(file, bodies[b]);
    RunResult again = Dl({"ingest", "-q", "--no-extract", "--index", ix, file});
    EXPECT_EQ(again.code, 0) << where << "\n" << Describe(again);
    EXPECT_EQ(MatchState(ix, {next}, &why), 0) << where << ", after the re-run: " << why;
    EXPECT_EQ(Leftovers(ix), "") << where;
    if (HasFailure()) break;
    state = next;
  }
  kills_.Print("server, random");
  EXPECT_GE(kills_.by_kind["server-random (mid-request)"], rounds / 4) << "seed " << seed_;
}

}  // namespace
