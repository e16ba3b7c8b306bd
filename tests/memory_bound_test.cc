// Peak memory of `dateline ingest` against --memory-mb: a generated corpus of
// several times the budget is ingested (several segments, copy detection
// reading the indexed ones), and the child's peak resident set, from wait4's
// rusage, may exceed that of a run on a handful of documents (the program,
// its tables and models) by at most twice the budget: at 32 MB, buffers that
// do not shrink with the budget weigh (at the default 512 MB the growth stays
// near the budget: doc/index-format.md, "Writer memory"). Before the budget
// covered the segments' mapped pages, the copy caches and the writer's
// buffers, this run grew by 90 MB.
//
// DATELINE_MEMORY_TEST_BIN runs another build of the binary instead (to see
// how an older one fares).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_util.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace {

namespace fs = std::filesystem;
using dateline::testing::cli::TempDir;

// A deterministic generator (SplitMix64).
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return Next() % n; }
  double Unit() { return static_cast<double>(Next() >> 11) / static_cast<double>(1ull << 53); }

 private:
  uint64_t s_;
};

// Writes `docs` JSON Lines news documents: words of a 40,000-word invented
// vocabulary, skewed like a language's; one document in five repeats an
// earlier one's text with a sentence added (a copy to verify).
void WriteCorpus(const std::string& path, int docs) {
  Rng rng(20261130);
  const char* syllables[] = {"ka", "lo", "mi", "ne", "ru",  "sa",  "ti",  "vo", "de", "ga",
                             "po", "le", "zu", "fa", "shi", "tor", "ban", "el", "ur", "ost"};
  std::vector<std::string> vocab;
  for (int i = 0; i < 40000; ++i) {
    std::string w;
    const int n = 1 + static_cast<int>(rng.Below(4));
    for (int j = 0; j < n; ++j) w += syllables[rng.Below(20)];
    vocab.push_back(w);
  }
  auto word = [&] {
    const double u = rng.Unit();
    return vocab[static_cast<size_t>(u * u * u * static_cast<double>(vocab.size()))];
  };
  std::vector<std::string> texts;
  std::ofstream f(path, std::ios::binary);
  for (int d = 0; d < docs; ++d) {
    std::string text;
    if (d > 100 && rng.Below(5) == 0) {
      text = texts[rng.Below(texts.size())] + " Sako lu " + word() + " " + word() + ".";
    } else {
      const int words = 150 + static_cast<int>(rng.Below(200));
      for (int i = 0; i < words; ++i) {
        if (i > 0) text += i % 40 == 0 ? ".\\n\\n" : (i % 12 == 0 ? ". " : " ");
        text += word();
      }
      text += ".";
    }
    if (texts.size() < 4000) {
      texts.push_back(text);
    } else {
      texts[rng.Below(texts.size())] = text;
    }
    std::string title = word() + " " + word() + " " + word() + " " + word();
    char head[160];
    std::snprintf(head, sizeof head,
                  "{\"id\":\"m%07d\",\"date\":\"%04d-%02d-%02d\",\"lang\":\"en\","
                  "\"source\":\"Wire %d\",\"title\":\"",
                  d, 1990 + static_cast<int>(rng.Below(30)), 1 + static_cast<int>(rng.Below(12)),
                  1 + static_cast<int>(rng.Below(28)), static_cast<int>(rng.Below(40)));
    f << head << title << "\",\"text\":\"" << text << "\"}\n";
  }
}

struct Peak {
  int code = -1;
  int64_t max_rss = 0;  // bytes
};

// Runs `bin` with `args`, output to `log`; its exit code and peak resident set.
Peak RunMeasured(const std::string& bin, const std::vector<std::string>& args,
                 const std::string& log) {
  std::vector<std::string> argv = {bin};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  Peak p;
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::FILE* out = std::freopen(log.c_str(), "w", stdout);
    if (out == nullptr || ::dup2(::fileno(stdout), 2) < 0) ::_exit(126);
    ::execv(cargv[0], cargv.data());
    ::_exit(127);
  }
  int status = 0;
  struct rusage ru {};
  while (::wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
  }
  p.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  p.max_rss = static_cast<int64_t>(ru.ru_maxrss) * 1024;
  return p;
}

std::string ReadAll(const std::string& path) {
  std::ifstream f(path);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

TEST(memoryBound, IngestStaysWithinTheBudgetAboveTheProgramsOwnFootprint) {
  if (dateline::testutil::kSanitized) GTEST_SKIP() << "sanitizers change the memory use";
  const char* other = std::getenv("DATELINE_MEMORY_TEST_BIN");
  const std::string bin = other != nullptr ? other : dateline::testing::cli::kBinary;
  constexpr int kBudgetMb = 32;
  constexpr int kDocs = 24000;
  TempDir t;
  const std::string corpus = t / "corpus.jsonl", few = t / "few.jsonl";
  WriteCorpus(corpus, kDocs);
  WriteCorpus(few, 20);
  const uint64_t corpus_bytes = fs::file_size(corpus);
  ASSERT_GT(corpus_bytes, uint64_t{kBudgetMb} << 20) << "the corpus must exceed the budget";

  const std::vector<std::string> flags = {
      "--no-extract", "--no-stories",           "--quiet", "--threads", "2",
      "--memory-mb",  std::to_string(kBudgetMb)};
  std::vector<std::string> base_args = {"ingest", "--index", t / "few-index"};
  base_args.insert(base_args.end(), flags.begin(), flags.end());
  base_args.push_back(few);
  const Peak base = RunMeasured(bin, base_args, t / "few.log");
  ASSERT_EQ(base.code, 0) << ReadAll(t / "few.log");

  std::vector<std::string> args = {"ingest", "--index", t / "index"};
  args.insert(args.end(), flags.begin(), flags.end());
  args.push_back(corpus);
  const Peak big = RunMeasured(bin, args, t / "big.log");
  const std::string log = ReadAll(t / "big.log");
  ASSERT_EQ(big.code, 0) << log;
  EXPECT_NE(log.find("indexed " + std::to_string(kDocs) + " "), std::string::npos) << log;

  // The budget forced several segments.
  int segments = 0;
  for (const auto& e : fs::directory_iterator(t / "index")) {
    segments += e.path().filename().string().rfind("seg-", 0) == 0;
  }
  EXPECT_GE(segments, 3);
  const dateline::testing::cli::RunResult stats =
      dateline::testing::cli::Dl({"stats", "--index", t / "index"});
  EXPECT_EQ(stats.code, 0) << stats.err;

  const double mb = 1 << 20;
  std::printf("[ info ] corpus %.0f MB, %d segments; peak RSS %.1f MB (%.1f MB on 20 documents)\n",
              corpus_bytes / mb, segments, big.max_rss / mb, base.max_rss / mb);
  EXPECT_LE(big.max_rss - base.max_rss, int64_t{2 * kBudgetMb} << 20)
      << "ingest grew by more than twice --memory-mb over the program's own footprint";
}

}  // namespace
