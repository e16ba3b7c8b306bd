// Distributional word clusters (see clusters.h).
#include "extract/ner/clusters.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <unordered_map>

#include "extract/ner/tokenize.h"
#include "extract/ner/train.h"
#include "util/file.h"

namespace dateline::ner {
namespace {

using Stream = std::vector<std::vector<std::string>>;  // sentences of tokens

std::string StripMarkup(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  bool in_tag = false;
  for (char c : s) {
    if (c == '<') in_tag = true;
    if (!in_tag) out.push_back(c);
    if (c == '>') in_tag = false, out.push_back(' ');
  }
  return out;
}

Status ReadUnlabelled(const std::string& path, const std::string& lang, Stream* out) {
  std::string data;
  DL_RETURN_IF_ERROR(file::ReadFile(path, &data));
  std::vector<Sentence> conll;
  if (ParseConll(data, path, &conll).ok() && !conll.empty()) {
    for (Sentence& s : conll) out->push_back(std::move(s.tokens));
    return Status::OK();
  }
  const std::string text = StripMarkup(data);
  std::vector<Span> spans;
  std::vector<uint32_t> ends;
  Tokenize(text, lang, &spans, &ends);
  uint32_t b = 0;
  for (uint32_t e : ends) {
    std::vector<std::string> toks;
    for (uint32_t i = b; i < e; ++i)
      toks.emplace_back(text.substr(spans[i].begin, spans[i].end - spans[i].begin));
    out->push_back(std::move(toks));
    b = e;
  }
  return Status::OK();
}

// The vocabulary: words by descending count, ties by bytes.
std::vector<std::pair<std::string, uint64_t>> Vocabulary(const Stream& text) {
  std::unordered_map<std::string, uint64_t> counts;
  for (const auto& s : text)
    for (const auto& t : s) ++counts[t];
  std::vector<std::pair<std::string, uint64_t>> v(counts.begin(), counts.end());
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return v;
}

float RandomSign(uint64_t ctx, int j) {
  return (Mix64(ctx * 1315423911ULL + uint64_t(j) + 1) & 1) ? 1.0f : -1.0f;
}

void Normalize(float* v, int d) {
  double n = 0;
  for (int j = 0; j < d; ++j) n += double(v[j]) * v[j];
  if (n <= 0) return;
  const float inv = static_cast<float>(1.0 / std::sqrt(n));
  for (int j = 0; j < d; ++j) v[j] *= inv;
}

// Spherical k-means of n unit vectors (rows of `x`, d dims) into k clusters;
// starts from evenly spaced rows. Returns the assignment of each row.
std::vector<int> KMeans(const std::vector<float>& x, size_t n, int d, int k, int iterations,
                        std::vector<float>* centroids) {
  k = static_cast<int>(std::min<size_t>(k, n));
  centroids->assign(size_t(k) * d, 0);
  for (int c = 0; c < k; ++c) std::copy_n(&x[(n * c / k) * d], d, &(*centroids)[size_t(c) * d]);
  std::vector<int> assign(n, 0);
  for (int it = 0; it < iterations; ++it) {
    for (size_t i = 0; i < n; ++i) {
      float best = -1e30f;
      for (int c = 0; c < k; ++c) {
        float dot = 0;
        for (int j = 0; j < d; ++j) dot += x[i * d + j] * (*centroids)[size_t(c) * d + j];
        if (dot > best) best = dot, assign[i] = c;
      }
    }
    std::fill(centroids->begin(), centroids->end(), 0.0f);
    for (size_t i = 0; i < n; ++i)
      for (int j = 0; j < d; ++j) (*centroids)[size_t(assign[i]) * d + j] += x[i * d + j];
    for (int c = 0; c < k; ++c) Normalize(&(*centroids)[size_t(c) * d], d);
  }
  return assign;
}

}  // namespace

Status LearnClusters(const std::vector<Sentence>& labelled,
                     const std::vector<std::string>& unlabelled, const ClusterOptions& o,
                     ClusterTable* out) {
  Stream text;
  for (const Sentence& s : labelled) text.push_back(s.tokens);
  for (const std::string& p : unlabelled) DL_RETURN_IF_ERROR(ReadUnlabelled(p, o.lang, &text));
  const auto vocab = Vocabulary(text);
  std::unordered_map<std::string_view, uint32_t> id;
  for (size_t i = 0; i < vocab.size(); ++i) id.emplace(vocab[i].first, uint32_t(i));
  size_t n = 0;
  while (n < vocab.size() && n < size_t(o.max_words) && vocab[n].second >= uint64_t(o.min_count))
    ++n;
  if (n == 0) return Status::OK();
  const uint32_t ctx_n = std::min<uint32_t>(o.contexts, uint32_t(vocab.size()));
  // Co-occurrence counts of (word, side * ctx_n + neighbour).
  std::unordered_map<uint64_t, uint32_t> pairs;
  std::vector<uint64_t> ctx_total(2 * ctx_n, 0);
  uint64_t total = 0;
  for (const auto& s : text)
    for (size_t i = 0; i < s.size(); ++i) {
      const uint32_t w = id.at(s[i]);
      if (w >= n) continue;
      for (int side = 0; side < 2; ++side) {
        if ((side == 0 && i == 0) || (side == 1 && i + 1 >= s.size())) continue;
        const uint32_t c = id.at(s[side == 0 ? i - 1 : i + 1]);
        if (c >= ctx_n) continue;
        const uint64_t ctx = uint64_t(side) * ctx_n + c;
        ++pairs[uint64_t(w) << 32 | ctx];
        ++ctx_total[ctx];
        ++total;
      }
    }
  // Words in order of pairs for determinism (unordered_map order is not portable).
  std::vector<std::pair<uint64_t, uint32_t>> sorted(pairs.begin(), pairs.end());
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> word_total(n, 0);
  for (const auto& [key, cnt] : sorted) word_total[key >> 32] += cnt;
  const int d = o.dims;
  std::vector<float> x(n * d, 0.0f);
  for (const auto& [key, cnt] : sorted) {
    const uint32_t w = uint32_t(key >> 32);
    const uint64_t ctx = key & 0xFFFFFFFF;
    const double pmi =
        std::log(double(cnt) * double(total) / (word_total[w] * double(ctx_total[ctx])));
    if (pmi <= 0) continue;
    for (int j = 0; j < d; ++j) x[w * d + j] += static_cast<float>(pmi) * RandomSign(ctx, j);
  }
  for (size_t w = 0; w < n; ++w) Normalize(&x[w * d], d);
  std::vector<float> fine_c, coarse_c;
  const std::vector<int> fine = KMeans(x, n, d, o.fine, o.iterations, &fine_c);
  const size_t k = fine_c.size() / d;
  const std::vector<int> coarse = KMeans(fine_c, k, d, o.coarse, o.iterations * 2, &coarse_c);
  out->Init(n);
  for (size_t w = 0; w < n; ++w)
    out->Put(HashBytes(vocab[w].first), {uint16_t(coarse[fine[w]]), uint16_t(fine[w])});
  return Status::OK();
}

}  // namespace dateline::ner
