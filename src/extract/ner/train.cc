// The structured averaged perceptron.
#include "extract/ner/train.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <ctime>
#include <unordered_map>

namespace dateline::ner {
namespace {

constexpr int L = kNumLabels;
constexpr uint32_t kNoFeature = UINT32_MAX;

// Training instances with their features interned to dense ids.
struct Corpus {
  std::vector<uint32_t> feats;   // kFeatsPerToken per token
  std::vector<uint8_t> labels;   // one per token
  std::vector<size_t> start;     // first token of each instance; back() = total
  std::vector<uint64_t> hashes;  // id -> feature hash
};

void Intern(const std::vector<uint64_t>& f, std::unordered_map<uint64_t, uint32_t>* ids,
            std::vector<uint32_t>* counts, Corpus* c) {
  for (uint64_t h : f) {
    if (h == 0) {
      c->feats.push_back(kNoFeature);
      continue;
    }
    auto [it, added] = ids->emplace(h, static_cast<uint32_t>(c->hashes.size()));
    if (added) c->hashes.push_back(h), counts->push_back(0);
    ++(*counts)[it->second];
    c->feats.push_back(it->second);
  }
}

// Drops features seen fewer than min_count times and renumbers the rest.
void PruneRare(const std::vector<uint32_t>& counts, int min_count, Corpus* c) {
  std::vector<uint32_t> remap(counts.size(), kNoFeature);
  std::vector<uint64_t> kept;
  for (size_t i = 0; i < counts.size(); ++i)
    if (counts[i] >= static_cast<uint32_t>(min_count)) {
      remap[i] = static_cast<uint32_t>(kept.size());
      kept.push_back(c->hashes[i]);
    }
  for (uint32_t& f : c->feats)
    if (f != kNoFeature) f = remap[f];
  c->hashes = std::move(kept);
}

Corpus BuildCorpus(const std::vector<Sentence>& train, const TrainOptions& o,
                   FeatureExtractor* fx) {
  Corpus c;
  std::unordered_map<uint64_t, uint32_t> ids;
  ids.reserve(1 << 22);
  std::vector<uint32_t> counts;
  std::vector<uint64_t> f;
  std::vector<std::string> upper;
  std::vector<std::string_view> views;
  c.start.push_back(0);
  auto add = [&](const std::vector<uint8_t>& labels) {
    fx->Extract(views, &f);
    Intern(f, &ids, &counts, &c);
    c.labels.insert(c.labels.end(), labels.begin(), labels.end());
    c.start.push_back(c.labels.size());
  };
  DocWords words;
  std::vector<std::vector<std::string_view>> doc;
  size_t copies = 0;
  ForEachDocument(train, [&](size_t db, size_t de) {
    doc.clear();
    for (size_t s = db; s < de; ++s)
      doc.emplace_back(train[s].tokens.begin(), train[s].tokens.end());
    CollectDocWords(doc, &words);
    fx->set_doc(&words);
    for (size_t s = db; s < de; ++s) {
      views = doc[s - db];
      add(train[s].labels);
      if (o.upper_every > 0 && s % o.upper_every == static_cast<size_t>(o.upper_every - 1)) {
        upper.resize(views.size());
        for (size_t i = 0; i < views.size(); ++i) UpperUtf8(train[s].tokens[i], &upper[i]);
        views.assign(upper.begin(), upper.end());
        // Every other copy is a headline without its document (as in an all-caps text).
        if (++copies % 2 == 0) fx->set_doc(nullptr);
        add(train[s].labels);
        fx->set_doc(&words);
      }
    }
  });
  fx->set_doc(nullptr);
  PruneRare(counts, o.min_count, &c);
  return c;
}

class Perceptron {
 public:
  explicit Perceptron(size_t features)
      : w_(features * L, 0), u_(features * L, 0), features_(features) {}

  // One training step on instance [b, e) of the corpus.
  void Step(const Corpus& c, size_t b, size_t e) {
    ++time_;
    const size_t n = e - b;
    em_.assign(n * L, 0);
    for (size_t i = 0; i < n; ++i)
      for (int k = 0; k < kFeatsPerToken; ++k) {
        const uint32_t f = c.feats[(b + i) * kFeatsPerToken + k];
        if (f == kNoFeature) continue;
        for (int y = 0; y < L; ++y) em_[i * L + y] += w_[size_t(f) * L + y];
      }
    Viterbi(em_.data(), n, trans_, &pred_);
    const uint8_t* gold = &c.labels[b];
    for (size_t i = 0; i < n; ++i) {
      const int gp = i == 0 ? L : gold[i - 1], pp = i == 0 ? L : pred_[i - 1];
      if (gp != pp || gold[i] != pred_[i]) {
        UpdateTrans(gp, gold[i], +1);
        UpdateTrans(pp, pred_[i], -1);
      }
      if (gold[i] == pred_[i]) continue;
      for (int k = 0; k < kFeatsPerToken; ++k) {
        const uint32_t f = c.feats[(b + i) * kFeatsPerToken + k];
        if (f == kNoFeature) continue;
        Update(size_t(f) * L + gold[i], +1);
        Update(size_t(f) * L + pred_[i], -1);
      }
    }
  }

  // Averaged weights, quantised into a model (features below `prune` dropped).
  void Export(const std::vector<uint64_t>& hashes, double prune, Model* m) const {
    const double t = static_cast<double>(time_);
    double max_abs = 1e-9;
    std::vector<double> avg(w_.size());
    for (size_t i = 0; i < w_.size(); ++i) {
      avg[i] = w_[i] - static_cast<double>(u_[i]) / t;
      max_abs = std::max(max_abs, std::abs(avg[i]));
    }
    double tavg[L + 1][L];
    for (int p = 0; p <= L; ++p)
      for (int y = 0; y < L; ++y) {
        tavg[p][y] = trans_[p][y] - static_cast<double>(tu_[p][y]) / t;
        max_abs = std::max(max_abs, std::abs(tavg[p][y]));
      }
    const double scale = 32000.0 / max_abs;
    for (int p = 0; p <= L; ++p)
      for (int y = 0; y < L; ++y)
        m->trans[p][y] = static_cast<int16_t>(std::lround(tavg[p][y] * scale));
    std::vector<std::pair<uint64_t, WeightRow>> rows;
    for (size_t f = 0; f < features_; ++f) {
      WeightRow row{};
      bool keep = false;
      for (int y = 0; y < L; ++y) {
        const double a = avg[f * L + y];
        keep |= std::abs(a) >= prune;
        row.w[y] = static_cast<int16_t>(std::lround(a * scale));
      }
      if (keep && std::any_of(row.w, row.w + L, [](int16_t v) { return v != 0; }))
        rows.emplace_back(hashes[f], row);
    }
    m->weights.Init(rows.size());
    for (const auto& [h, row] : rows) m->weights.Put(h, row);
  }

 private:
  void Update(size_t i, int d) {
    w_[i] += d;
    u_[i] += static_cast<int64_t>(time_) * d;
  }
  void UpdateTrans(int p, int y, int d) {
    trans_[p][y] += d;
    tu_[p][y] += static_cast<int64_t>(time_) * d;
  }

  std::vector<int32_t> w_;
  std::vector<int64_t> u_;
  size_t features_;
  int64_t trans_[L + 1][L] = {};
  int64_t tu_[L + 1][L] = {};
  uint64_t time_ = 0;
  std::vector<int64_t> em_;
  std::vector<uint8_t> pred_;
};

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::vector<size_t> Shuffled(size_t n, Rng* rng) {
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng->Below(i)]);
  return order;
}

}  // namespace

uint64_t Rng::Next() {
  s_ += 0x9E3779B97F4A7C15ULL;
  return Mix64(s_);
}

void ForEachDocument(const std::vector<Sentence>& sentences,
                     const std::function<void(size_t, size_t)>& f) {
  const bool marked = std::any_of(sentences.begin(), sentences.end(),
                                  [](const Sentence& s) { return s.doc_start; });
  size_t b = 0;
  for (size_t i = 1; i <= sentences.size(); ++i) {
    const bool starts =
        marked ? i < sentences.size() && sentences[i].doc_start : i % kPseudoDocument == 0;
    if (i == sentences.size() || starts) f(b, i), b = i;
  }
}

Scores Evaluate(const Model& model, const std::vector<Sentence>& sentences, double* seconds) {
  const bool harmonize = model.harmonize;
  FeatureExtractor fx(&model.clusters, &model.gazetteer);
  Scores scores;
  std::vector<std::vector<std::string_view>> doc;
  std::vector<uint64_t> feats;
  std::vector<std::vector<uint8_t>> preds;
  DocWords words;
  double total = 0;
  ForEachDocument(sentences, [&](size_t b, size_t e) {
    const double t0 = ThreadCpuSeconds();
    doc.clear();
    for (size_t s = b; s < e; ++s)
      doc.emplace_back(sentences[s].tokens.begin(), sentences[s].tokens.end());
    CollectDocWords(doc, &words);
    fx.set_doc(&words);
    preds.resize(e - b);
    for (size_t s = b; s < e; ++s) {
      fx.Extract(doc[s - b], &feats);
      model.Decode(feats.data(), doc[s - b].size(), &preds[s - b]);
    }
    if (harmonize) HarmonizeTypes(doc, &preds);
    total += ThreadCpuSeconds() - t0;
    for (size_t s = b; s < e; ++s) scores.Add(sentences[s].labels, preds[s - b]);
  });
  if (seconds != nullptr) *seconds = total;
  return scores;
}

Scores EvaluateTagger(const PerceptronTagger& tagger, const std::vector<Sentence>& sentences,
                      double* seconds) {
  Scores scores;
  std::vector<std::vector<std::string_view>> doc;
  std::vector<std::vector<uint8_t>> preds;
  double total = 0;
  ForEachDocument(sentences, [&](size_t b, size_t e) {
    const double t0 = ThreadCpuSeconds();
    doc.clear();
    for (size_t s = b; s < e; ++s)
      doc.emplace_back(sentences[s].tokens.begin(), sentences[s].tokens.end());
    tagger.TagSentences(doc, &preds);
    total += ThreadCpuSeconds() - t0;
    for (size_t s = b; s < e; ++s) scores.Add(sentences[s].labels, preds[s - b]);
  });
  if (seconds != nullptr) *seconds = total;
  return scores;
}

Status Train(const std::vector<Sentence>& train, const std::vector<Sentence>& dev,
             const ClusterTable& clusters, const Gazetteer& gazetteer, const TrainOptions& o,
             const std::function<void(const EpochReport&)>& progress, Model* out) {
  if (train.empty()) return Status::InvalidArgument("no training sentences");
  if (o.epochs < 1) return Status::InvalidArgument("epochs must be at least 1");
  FeatureExtractor fx(&clusters, &gazetteer);
  const Corpus corpus = BuildCorpus(train, o, &fx);
  Perceptron p(corpus.hashes.size());
  Rng rng(o.seed);
  double best = -1;
  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    const auto t0 = std::chrono::steady_clock::now();
    for (size_t s : Shuffled(corpus.start.size() - 1, &rng))
      p.Step(corpus, corpus.start[s], corpus.start[s + 1]);
    Model m;
    m.lang = o.lang;
    m.clusters = clusters;
    m.gazetteer = gazetteer;
    p.Export(corpus.hashes, o.prune, &m);
    double f1 = dev.empty() ? double(epoch) : Evaluate(m, dev).F1();
    if (!dev.empty()) {  // document-level type harmonisation, if it helps on dev
      m.harmonize = true;
      const double h = Evaluate(m, dev).F1();
      if (h > f1)
        f1 = h;
      else
        m.harmonize = false;
    }
    EpochReport r{epoch, f1, m.weights.size(), m.harmonize,
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()};
    if (progress) progress(r);
    if (f1 > best) best = f1, *out = std::move(m);
  }
  return Status::OK();
}

}  // namespace dateline::ner
