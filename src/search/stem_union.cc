// A stem term read as the union of its words' posting lists (the sum of their
// frequencies per document), for segments that would store no list of their
// own for it. The block bound of a range adds the sources' largest
// frequencies there and takes the harmonic sum of their stored norms:
//
//   a document d of the range has tf(d) = sum_i tf_i(d) <= T = sum_i F_i, and
//   tf_i(d) <= (1 - B + B * Ls(d)) / G_i for each source i holding d, so
//   (1 - B + B * Ls(d)) / tf(d) >= 1 / sum_i (1 / G_i)
//
// (a single source's own G), which is what Bm25::BoundOf takes with T.
//
// Not used by the searcher yet: on the benchmark's 600 queries over 100,000
// articles, reading every stem so made the top 10 slower (median 22 -> 35
// us, p95 131 -> 400 us; Arabic stems of dozens of spellings worst), and only
// stems of at most two words stay close (+14%) while saving 4.3 of 67 MiB
// (bench/README.md, 2026-12-02).
#include <algorithm>
#include <cmath>

#include "search/iterators.h"

namespace dateline::search {
namespace {

class StemUnionIter : public Iter {
 public:
  StemUnionIter(const index::SegmentReader& seg, std::vector<StemSource> sources, float idf,
                const Bm25* bm25, uint64_t df, uint64_t extra_cost)
      : doc_lang_(seg.doc_langs()), idf_(idf), bm25_(bm25), ndocs_(seg.doc_count()), df_(df) {
    src_.resize(sources.size());
    cost_ = extra_cost;
    for (size_t i = 0; i < sources.size(); ++i) {
      Src& s = src_[i];
      seg.OpenCursor(sources[i].word, &s.c);
      if (bm25->docs_only) s.c.SetDocsOnly();
      s.check = sources[i].check;
      s.langs = sources[i].langs;
      checked_ = checked_ || s.check;
      cost_ += s.c.df();
      Settle(&s);
    }
    doc_ = first_ = Min();
  }
  uint32_t Next() override {
    for (Src& s : src_) {
      if (s.c.doc() == doc_) {
        s.c.Next();
        Settle(&s);
      }
    }
    return doc_ = Min();
  }
  uint32_t Advance(uint32_t target) override {
    for (Src& s : src_) {
      if (s.c.doc() < target) {
        s.c.Advance(target);
        Settle(&s);
      }
    }
    return doc_ = Min();
  }
  float Score() override {
    uint32_t tf = 0;
    for (const Src& s : src_) tf += s.c.doc() == doc_ ? s.c.freq() : 0;
    return idf_ * bm25_->TfNorm(static_cast<float>(tf), doc_);
  }
  uint64_t Cost() const override { return cost_; }
  uint32_t ShallowAdvance(uint32_t target) override;
  float BlockMax() const override { return bound_; }
  bool KnownCount(uint32_t lo, uint32_t hi, uint64_t* n) const override {
    if (doc_ == kNoDoc) {
      *n = 0;
      return true;
    }
    if (checked_ || doc_ != first_ || lo > doc_ || hi < ndocs_) return false;
    *n = df_;
    return true;
  }
  void FillBits(uint64_t* bits, uint32_t n) override {
    (void)n;
    for (Src& s : src_) {
      for (uint32_t d = s.c.doc(); d != kNoDoc; d = s.c.Next()) {
        if (Counts(s, d)) bits[d >> 6] |= uint64_t{1} << (d & 63);
      }
    }
    doc_ = kNoDoc;
  }

 private:
  struct Src {
    index::PostingsCursor c;
    bool check = false;
    std::bitset<256> langs;
  };
  bool Counts(const Src& s, uint32_t d) const { return !s.check || s.langs[doc_lang_[d]]; }
  // Moves past the documents of languages that do not count.
  void Settle(Src* s) {
    for (uint32_t d = s->c.doc(); d != kNoDoc && !Counts(*s, d);) d = s->c.Next();
  }
  uint32_t Min() const {
    uint32_t m = kNoDoc;
    for (const Src& s : src_) m = std::min(m, s.c.doc());
    return m;
  }

  std::vector<Src> src_;
  const uint8_t* doc_lang_;
  float idf_;
  const Bm25* bm25_;
  uint32_t ndocs_;
  uint64_t df_;
  uint64_t cost_ = 0;
  uint32_t first_ = kNoDoc;
  bool checked_ = false;
  float bound_ = 0;
};

// The range from target to the first end of a source's block (or to just
// before a source's next document), bounded as the file comment says.
uint32_t StemUnionIter::ShallowAdvance(uint32_t target) {
  if (doc_ > target) {  // nothing matches before doc_
    bound_ = 0;
    return doc_ == kNoDoc ? kNoDoc : doc_ - 1;
  }
  uint32_t end = kNoDoc;
  uint64_t max_freq = 0;
  double inv_norms = 0;  // sum of 1 / G_i; infinite when one is unknown (0)
  for (const Src& s : src_) {
    const uint32_t d = s.c.doc();
    if (d == kNoDoc) continue;
    if (d > target) {  // nothing of this source before d
      end = std::min(end, d - 1);
      continue;
    }
    const uint32_t b = s.c.ShallowBlock(target);
    if (b >= index::BlockCount(s.c.df())) continue;
    end = std::min(end, s.c.BlockLast(b));
    uint32_t f, norm;
    s.c.BlockBound(b, &f, &norm);
    max_freq += f;
    inv_norms += norm == 0 ? HUGE_VAL : 1.0 / norm;
  }
  if (max_freq == 0) {
    bound_ = 0;
  } else if (max_freq >= index::kUnboundedFreq) {
    bound_ = bm25_->BoundOf(index::kUnboundedFreq, 0, idf_);
  } else {
    const double norm = std::floor(1.0 / inv_norms);  // 0 when one is unknown
    bound_ = bm25_->BoundOf(static_cast<uint32_t>(max_freq), static_cast<uint32_t>(norm), idf_);
  }
  return end;
}

}  // namespace

IterPtr MakeStemUnionIter(const index::SegmentReader& seg, std::vector<StemSource> sources,
                          float idf, const Bm25* bm25, uint64_t df, uint64_t extra_cost) {
  return std::make_unique<StemUnionIter>(seg, std::move(sources), idf, bm25, df, extra_cost);
}

}  // namespace dateline::search
