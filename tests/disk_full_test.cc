// Disk full and I/O errors (issue 8), by fault injection in the file layer (doc/testing.md):
// DATELINE_FAULT_ENOSPC_AFTER_BYTES=N makes every write fail with ENOSPC once the process has
// written N bytes, DATELINE_FAULT_EIO_AT=N fails the N-th durable operation (fsync, rename,
// remove) with EIO. Ingest, optimize and the server's POST /api/ingest must stop with a one-line
// error naming the file and the cause, keep the last commit intact (`check` passes, the
// documents are those of the last commit), and the next run without the fault ("space freed")
// must converge to the full set, unhindered by what the failed run left.
#include <httplib.h>

#include "fault_util.h"

namespace {

namespace fs = std::filesystem;
namespace cli = dateline::testing::cli;
using namespace dateline::testing::fault;  // NOLINT: the helpers of this test family

constexpr int kPer = 150;  // articles per batch
constexpr char kNoSpace[] = "No space left on device";
constexpr char kIoError[] = "Input/output error";

class diskFullTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new cli::TempDir();
    for (int b = 0; b < 5; ++b) cli::WriteFile(File(b), BatchJsonl(b, kPer));
    // The base index: batches 0..3, each its own commit.
    for (int b = 0; b < 4; ++b) {
      RunResult r = Dl(Ingest(Base(), File(b)));
      EXPECT_EQ(r.code, 0) << Describe(r);
    }
  }
  static void TearDownTestSuite() { delete tmp_; }

  static std::string File(int b) { return *tmp_ / ("batch-" + std::to_string(b) + ".jsonl"); }
  static std::string Base() { return *tmp_ / "base"; }
  static std::vector<std::string> Ingest(const std::string& ix, const std::string& file) {
    return {"ingest", "-q", "--no-extract", "--index", ix, file};
  }

  // The boundaries of a clean run of `args` on a copy of the base index.
  std::vector<Boundary> Count(const std::vector<std::string>& args, const std::string& ix) {
    const std::string log = *tmp_ / "count.log";
    CopyIndex(Base(), ix);
    fs::remove(log);
    RunResult r = Dl(args, "", {{"DATELINE_CRASH_COUNT", log}});
    EXPECT_EQ(r.code, 0) << Describe(r);
    return ReadBoundaries(log);
  }

  // A failed run: non-zero exit, no crash, one line on stderr naming a file of `ix` and `cause`.
  void ExpectOneLineError(const RunResult& r, const std::string& ix, const std::string& cause,
                          const std::string& where) {
    EXPECT_NE(r.code, 0) << where << "\n" << Describe(r);
    EXPECT_FALSE(cli::LooksLikeCrash(r)) << where << "\n" << Describe(r);
    EXPECT_EQ(cli::Lines(r.err).size(), 1u) << where << "\n" << Describe(r);
    EXPECT_NE(r.err.find(cause), std::string::npos) << where << "\n" << Describe(r);
    EXPECT_NE(r.err.find(ix), std::string::npos) << where << ": no file named\n" << Describe(r);
  }

  void ExpectDocs(const std::string& ix, const Docs& want, const std::string& where) {
    std::string why;
    EXPECT_EQ(MatchState(ix, {want}, &why), 0) << where << ": " << why;
  }

  // Byte limits spread over a run that writes `total` bytes, and both ends.
  static std::vector<int64_t> Limits(int64_t total) {
    std::vector<int64_t> out = {0, 1, 4096};
    const int steps = kSanitized ? 4 : 8;
    for (int i = 1; i < steps; ++i) out.push_back(total * i / steps);
    out.push_back(total - 64);
    out.push_back(total - 1);
    return out;
  }

  static cli::TempDir* tmp_;
};

cli::TempDir* diskFullTest::tmp_ = nullptr;

TEST_F(diskFullTest, IngestStopsWithAClearErrorAndContinuesOnceSpaceIsFreed) {
  const std::string ix = *tmp_ / "ingest";
  const Docs before = AfterBatches(4, kPer), after = AfterBatches(5, kPer);
  const std::vector<Boundary> bs = Count(Ingest(ix, File(4)), ix);
  ASSERT_FALSE(bs.empty());
  const int64_t total = bs.back().bytes;
  ASSERT_GT(total, 10000);
  std::printf("[ info ] ingest of one batch writes %lld bytes\n", static_cast<long long>(total));
  int runs = 0;
  for (const int64_t limit : Limits(total)) {
    const std::string where =
        "disk full after " + std::to_string(limit) + " of " + std::to_string(total) + " bytes";
    CopyIndex(Base(), ix);
    RunResult r =
        Dl(Ingest(ix, File(4)), "", {{"DATELINE_FAULT_ENOSPC_AFTER_BYTES", std::to_string(limit)}});
    ExpectOneLineError(r, ix, kNoSpace, where);
    ExpectDocs(ix, before, where + ": the last commit");
    // Space freed: the same ingest completes, and nothing of the failed run is left.
    RunResult again = Dl(Ingest(ix, File(4)));
    EXPECT_EQ(again.code, 0) << where << "\n" << Describe(again);
    ExpectDocs(ix, after, where + ", after the re-run");
    EXPECT_EQ(Leftovers(ix), "") << where;
    ++runs;
    if (HasFailure()) break;
  }
  std::printf("[ info ] %d disk-full ingest runs\n", runs);
}

TEST_F(diskFullTest, IngestIoErrorAtEveryDurableOperation) {
  const std::string ix = *tmp_ / "eio";
  const Docs before = AfterBatches(4, kPer), after = AfterBatches(5, kPer);
  const std::vector<Boundary> bs = Count(Ingest(ix, File(4)), ix);
  const int commit = CommitPoint(bs);
  ASSERT_GE(commit, 0);
  std::map<std::string, int> failed;  // op -> runs that reported the error
  for (size_t i = 0; i < bs.size(); i += kSanitized ? 2 : 1) {
    const std::string where = "EIO at " + bs[i].Name();
    CopyIndex(Base(), ix);
    RunResult r = Dl(Ingest(ix, File(4)), "", {{"DATELINE_FAULT_EIO_AT", std::to_string(bs[i].n)}});
    if (r.code == 0) {
      // Only the removal of a temporary file may fail unreported (nothing depends on it).
      EXPECT_EQ(bs[i].op, "remove") << where << ": the error was ignored";
      ExpectDocs(ix, after, where);
    } else {
      ExpectOneLineError(r, ix, kIoError, where);
      ++failed[bs[i].op];
      // Up to the rename of CURRENT the commit did not happen; after it, it did.
      ExpectDocs(ix, static_cast<int>(i) < commit + 1 ? before : after, where);
    }
    RunResult again = Dl(Ingest(ix, File(4)));
    EXPECT_EQ(again.code, 0) << where << "\n" << Describe(again);
    ExpectDocs(ix, after, where + ", after the re-run");
    EXPECT_EQ(Leftovers(ix), "") << where;
    if (HasFailure()) break;
  }
  std::printf("[ info ] EIO at %zu durable operations; reported:", bs.size());
  for (const auto& [op, n] : failed) std::printf(" %s %d", op.c_str(), n);
  std::printf("\n");
  EXPECT_GE(failed["fsync"], kSanitized ? 1 : 3) << "segment, manifest and CURRENT";
  EXPECT_GE(failed["rename"], kSanitized ? 1 : 2) << "manifest and CURRENT";
  EXPECT_GE(failed["fsync-dir"], kSanitized ? 1 : 2);
}

TEST_F(diskFullTest, OptimizeStopsWithAClearErrorAndKeepsTheIndex) {
  const std::string ix = *tmp_ / "optimize";
  const Docs docs = AfterBatches(4, kPer);
  const int64_t segments = Segments(Base());
  ASSERT_GT(segments, 1);
  const std::vector<Boundary> bs = Count({"optimize", "--index", ix}, ix);
  ASSERT_FALSE(bs.empty());
  const int64_t total = bs.back().bytes;
  ASSERT_GT(total, 10000);
  for (const int64_t limit : Limits(total)) {
    const std::string where = "optimize, disk full after " + std::to_string(limit) + " of " +
                              std::to_string(total) + " bytes";
    CopyIndex(Base(), ix);
    RunResult r = Dl({"optimize", "--index", ix}, "",
                     {{"DATELINE_FAULT_ENOSPC_AFTER_BYTES", std::to_string(limit)}});
    ExpectOneLineError(r, ix, kNoSpace, where);
    ExpectDocs(ix, docs, where);
    EXPECT_EQ(Segments(ix), segments) << where;
    RunResult again = Dl({"optimize", "--index", ix});
    EXPECT_EQ(again.code, 0) << where << "\n" << Describe(again);
    ExpectDocs(ix, docs, where + ", after the re-run");
    EXPECT_EQ(Segments(ix), 1) << where;
    EXPECT_EQ(Leftovers(ix), "") << where;
    if (HasFailure()) break;
  }
}

// The server answers a POST that fills the disk with an error, keeps serving the last commit,
// and ingests the batch once restarted with space.
TEST_F(diskFullTest, ServerIngestReportsDiskFullAndKeepsServing) {
  const std::string ix = *tmp_ / "server", token = *tmp_ / "token";
  cli::WriteFile(token, "disk-token\n");
  CopyIndex(Base(), ix);
  const std::string body = BatchJsonl(4, kPer);
  for (const bool fault : {true, false}) {
    cli::Env env;
    if (fault) env.emplace_back("DATELINE_FAULT_ENOSPC_AFTER_BYTES", "20000");
    cli::Child c =
        cli::Spawn({"serve", "-q", "--index", ix, "--listen", "127.0.0.1:0", "--token-file", token},
                   *tmp_ / "serve", env);
    int port = -1;
    for (int i = 0; i < 2000 && port < 0; ++i) {
      std::ifstream f(c.err_path);
      std::string line;
      while (std::getline(f, line)) {
        const auto at = line.find("http://127.0.0.1:");
        if (at != std::string::npos) port = std::atoi(line.c_str() + at + 17);
      }
      if (port < 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_GT(port, 0);
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(60, 0);
    auto r = client.Post("/api/ingest", {{"Authorization", "Bearer disk-token"}}, body,
                         "application/x-ndjson");
    ASSERT_TRUE(r);
    if (fault) {
      EXPECT_GE(r->status, 500) << r->body;
      EXPECT_NE(r->body.find(kNoSpace), std::string::npos) << r->body;
      EXPECT_NE(r->body.find(ix), std::string::npos) << r->body;
      auto h = client.Get("/api/search?q=*&limit=0");  // still serving the last commit
      ASSERT_TRUE(h);
      EXPECT_EQ(h->status, 200);
      Json j(h->body);
      EXPECT_EQ(cli::GetInt(j.root, "total"), static_cast<int64_t>(AfterBatches(4, kPer).size()))
          << h->body;
    } else {
      EXPECT_EQ(r->status, 200) << r->body;
    }
    ::kill(c.pid, SIGTERM);
    RunResult stopped = cli::WaitChild(&c);
    EXPECT_EQ(stopped.code, 0) << Describe(stopped);
    ExpectDocs(ix, AfterBatches(fault ? 4 : 5, kPer), fault ? "after the failed POST" : "after");
  }
  EXPECT_EQ(Leftovers(ix), "");
}

}  // namespace
