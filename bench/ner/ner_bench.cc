// Tokens per second of NerTagger::Tag() on news text, one thread, per bundled model.
// Text: the sample articles of the language (sample/text/<lang>/), or the file named
// by $DL_NER_BENCH_TEXT_<lang> (e.g. raw Reuters or Wikinews text) when set.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "dateline/entities.h"
#include "extract/ner/tokenize.h"
#include "util/file.h"

namespace {

std::vector<std::string> Documents(const std::string& lang) {
  std::vector<std::string> docs;
  const std::string env_name = "DL_NER_BENCH_TEXT_" + lang;
  if (const char* path = std::getenv(env_name.c_str())) {
    std::string text;
    if (dateline::file::ReadFile(path, &text).ok()) {
      for (size_t b = 0; b < text.size(); b += 8192) docs.push_back(text.substr(b, 8192));
    }
    return docs;
  }
  const std::string dir = std::string(DL_SOURCE_DIR) + "/sample/text/" + lang;
  std::vector<std::string> names;
  if (!dateline::file::ListDir(dir, &names).ok()) return docs;
  for (const std::string& n : names) {
    std::string text;
    if (dateline::file::ReadFile(dir + "/" + n, &text).ok()) docs.push_back(text);
  }
  return docs;
}

void BM_Tag(benchmark::State& state, const std::string& lang) {
  const dateline::NerTagger* tagger = dateline::NerTagger::Bundled(lang);
  const std::vector<std::string> docs = Documents(lang);
  if (tagger == nullptr || docs.empty()) {
    state.SkipWithError("no model or no text");
    return;
  }
  size_t tokens = 0;
  for (const std::string& d : docs) {
    std::vector<dateline::ner::Span> spans;
    std::vector<uint32_t> ends;
    dateline::ner::Tokenize(d, lang, &spans, &ends);
    tokens += spans.size();
  }
  std::vector<dateline::EntityMention> out;
  size_t mentions = 0;
  for (auto _ : state) {
    for (const std::string& d : docs) {
      out.clear();
      tagger->Tag(d, &out);
      mentions += out.size();
    }
  }
  benchmark::DoNotOptimize(mentions);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tokens));
  state.counters["tokens_per_second"] = benchmark::Counter(
      static_cast<double>(state.iterations() * tokens), benchmark::Counter::kIsRate);
}

BENCHMARK_CAPTURE(BM_Tag, nl, std::string("nl"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Tag, en, std::string("en"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Tag, de, std::string("de"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Tag, fr, std::string("fr"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Tag, es, std::string("es"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Tag, it, std::string("it"))->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
