// Google Benchmark kernels for the postings codec: bit-unpacking of 128-integer
// blocks, and a whole-list scan with PostingsCursor. Reports integers per second.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "index/coding.h"
#include "index/postings.h"

namespace {

using dateline::index::EncodePostings;
using dateline::index::kNoDoc;
using dateline::index::PackBits;
using dateline::index::PackedBytes;
using dateline::index::PostingsCursor;
using dateline::index::TermInfo;
using dateline::index::UnpackBits;

void BM_UnpackBlock(benchmark::State& state) {
  const uint32_t bits = static_cast<uint32_t>(state.range(0));
  constexpr size_t kBlocks = 1024, kN = 128;
  std::mt19937 rng(42);
  std::vector<uint32_t> vals(kN);
  std::string packed;
  for (size_t b = 0; b < kBlocks; ++b) {
    for (auto& v : vals) v = bits == 32 ? rng() : rng() & ((1u << bits) - 1);
    PackBits(&packed, vals.data(), kN, bits);
  }
  packed.append(16, '\0');
  std::vector<uint32_t> out(kN);
  const size_t stride = PackedBytes(kN, bits);
  for (auto _ : state) {
    for (size_t b = 0; b < kBlocks; ++b) {
      dateline::index::UnpackBitsPadded(packed.data() + b * stride, kN, bits, out.data());
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBlocks * kN));
}
BENCHMARK(BM_UnpackBlock)->DenseRange(1, 32, 1);

void BM_CursorScan(benchmark::State& state) {
  const uint32_t gap = static_cast<uint32_t>(state.range(0));
  std::mt19937 rng(7);
  std::vector<uint32_t> docs, freqs;
  uint32_t d = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    d += 1 + rng() % gap;
    docs.push_back(d);
    freqs.push_back(1 + rng() % 3);
  }
  std::string post, pos;
  TermInfo info;
  EncodePostings(docs.data(), freqs.data(), docs.size(), nullptr, &post, &pos, &info);
  for (auto _ : state) {
    PostingsCursor c;
    c.Init(post, pos, info);
    uint64_t sum = 0;
    for (uint32_t x = c.doc(); x != kNoDoc; x = c.Next()) sum += x + c.freq();
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs.size() * 2));
}
BENCHMARK(BM_CursorScan)->Arg(2)->Arg(16)->Arg(256);

}  // namespace

BENCHMARK_MAIN();
