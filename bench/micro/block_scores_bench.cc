// Google Benchmark kernels for scoring: a block's BM25 scores (ScoreDocs,
// against its one-at-a-time reference) and the walk to a conjunction's next
// candidate (FirstCandidate). Reports documents per second.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <vector>

#include "search/block_scores.h"

namespace {

using dateline::search::Bm25;

constexpr uint32_t kBlock = 128;

// Blocks of a list with one document in `gap` of a segment of 1,000,000
// (lengths of 10 to 2,000 words: state.range(0) is the gap).
struct Blocks {
  std::vector<uint16_t> lengths;
  std::vector<uint32_t> docs, freqs;
  explicit Blocks(uint32_t gap) {
    std::mt19937 rng(7);
    const uint32_t ndocs = 1000000;
    lengths.resize(ndocs);
    for (auto& l : lengths) l = static_cast<uint16_t>(10 + rng() % 1990);
    for (uint32_t d = rng() % gap; d < ndocs; d += 1 + rng() % (2 * gap)) {
      docs.push_back(d);
      freqs.push_back(rng() % 4 == 0 ? rng() % 8 : 0);
    }
    docs.resize(docs.size() / kBlock * kBlock);
    freqs.resize(docs.size());
  }
  Bm25 Params() const {
    Bm25 p;
    p.avg_len = 400;
    p.lengths = lengths.data();
    return p;
  }
};

template <void (*Score)(const Bm25&, float, const uint32_t*, const uint32_t*, uint32_t, float*)>
void BM_ScoreBlocks(benchmark::State& state) {
  const Blocks b(static_cast<uint32_t>(state.range(0)));
  const Bm25 p = b.Params();
  std::vector<float> out(kBlock);
  for (auto _ : state) {
    for (size_t at = 0; at < b.docs.size(); at += kBlock) {
      Score(p, 1.7f, b.docs.data() + at, b.freqs.data() + at, kBlock, out.data());
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * b.docs.size()));
}
BENCHMARK(BM_ScoreBlocks<dateline::search::ScoreDocs>)->Arg(1)->Arg(10);
BENCHMARK(BM_ScoreBlocks<dateline::search::ScoreDocsPortable>)->Arg(1)->Arg(10);

// One block's scores walked to the end, stopping at each candidate (one
// document in `every` reaches min) as a conjunction's lead does.
template <uint32_t (*First)(const uint32_t*, const float*, uint32_t, uint32_t, float, float,
                            uint32_t)>
void BM_WalkBlock(benchmark::State& state) {
  const uint32_t every = static_cast<uint32_t>(state.range(0));
  std::mt19937 rng(9);
  std::vector<uint32_t> docs(kBlock);
  std::vector<float> scores(kBlock);
  for (uint32_t i = 0; i < kBlock; ++i) {
    docs[i] = i * 10;
    scores[i] = rng() % every == 0 ? 3.0f : 1.0f;
  }
  uint64_t visited = 0;
  for (auto _ : state) {
    for (uint32_t i = First(docs.data(), scores.data(), 0, kBlock, 0.5f, 2.0f, 5000); i < kBlock;
         i = First(docs.data(), scores.data(), i + 1, kBlock, 0.5f, 2.0f, 5000)) {
      benchmark::DoNotOptimize(i);
    }
    visited += kBlock;
  }
  state.SetItemsProcessed(static_cast<int64_t>(visited));
}
BENCHMARK(BM_WalkBlock<dateline::search::FirstCandidate>)->Arg(4)->Arg(32);
BENCHMARK(BM_WalkBlock<dateline::search::FirstCandidatePortable>)->Arg(4)->Arg(32);

}  // namespace

BENCHMARK_MAIN();
