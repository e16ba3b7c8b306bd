#include "search/iterators.h"

#include <algorithm>
#include <array>

#include "search/block_scores.h"

namespace dateline::search {

namespace {
// The thread's spare bitsets (a nested conjunction takes two per level),
// each kept when of at most 2 MiB (segments of 16 million documents): 16 MiB
// a thread at most.
constexpr size_t kMaxSpareBits = 8;
constexpr size_t kMaxSpareWords = (size_t{2} << 20) / sizeof(uint64_t);
std::vector<std::vector<uint64_t>>& SpareBits() {
  thread_local std::vector<std::vector<uint64_t>> spares;
  return spares;
}
}  // namespace

ScratchBits::ScratchBits(size_t words) {
  auto& spares = SpareBits();
  if (!spares.empty()) {
    bits_ = std::move(spares.back());
    spares.pop_back();
  }
  bits_.assign(words, 0);
}

ScratchBits::~ScratchBits() {
  auto& spares = SpareBits();
  if (spares.size() < kMaxSpareBits && bits_.capacity() <= kMaxSpareWords) {
    spares.push_back(std::move(bits_));
  }
}

void Iter::FillBits(uint64_t* bits, uint32_t n) {
  (void)n;
  for (uint32_t d = doc_; d != kNoDoc; d = Next()) bits[d >> 6] |= uint64_t{1} << (d & 63);
}

uint32_t Iter::NextScoring(float rest, float min, uint32_t end) {
  while (doc_ != kNoDoc && doc_ <= end && Score() + rest < min) Next();
  return doc_;
}

uint64_t Iter::CountIn(uint32_t lo, uint32_t hi, const std::function<bool(uint32_t)>* admit) {
  uint64_t n = 0;
  for (uint32_t d = doc_ < lo ? Advance(lo) : doc_; d < hi; d = Next()) {
    n += admit == nullptr || (*admit)(d);
  }
  return n;
}

namespace {

bool InField(uint32_t pos, uint32_t title_len, FieldSel f) {
  switch (f) {
    case FieldSel::kAll:
      return true;
    case FieldSel::kTitle:
      return pos < title_len;
    case FieldSel::kText:
      return pos >= title_len;
  }
  return true;
}

constexpr uint32_t kLengthsAhead = 8;

class TermIter : public Iter, public BlockAccess {
 public:
  // With `langs`, only documents whose language is in the set match.
  TermIter(const index::SegmentReader& seg, const index::TermInfo& info, float idf, const Bm25* p,
           FieldSel field, const std::bitset<256>* langs = nullptr, uint64_t extra_cost = 0)
      : cols_(seg.all_columns()),
        idf_(idf),
        bm25_(p),
        ndocs_(seg.doc_count()),
        extra_cost_(extra_cost),
        field_(field),
        by_lang_(langs != nullptr) {
    if (langs) {
      for (size_t l = 0; l < langs->size(); ++l) lang_ok_[l] = (*langs)[l];
      doc_lang_ = seg.doc_langs();
    }
    seg.OpenCursor(info, &c_);
    if (p->docs_only && field == FieldSel::kAll) c_.SetDocsOnly();
    doc_ = first_ = c_.doc();
    Settle();
  }
  uint32_t Next() override {
    doc_ = c_.Next();
    // Documents are scored in turn: their lengths, read at random, are asked
    // for a few documents ahead.
    if (const uint32_t i = c_.block_index() + kLengthsAhead; i < c_.block_size()) {
      __builtin_prefetch(&bm25_->lengths[c_.block_docs()[i]]);
    }
    Settle();
    return doc_;
  }
  uint32_t Advance(uint32_t target) override {
    doc_ = c_.Advance(target);
    Settle();
    return doc_;
  }
  float Score() override {
    const uint32_t tf = field_ == FieldSel::kAll ? c_.freq() : tf_;  // read only when scored
    return idf_ * bm25_->TfNorm(static_cast<float>(tf), doc_);
  }
  uint64_t Cost() const override { return c_.df() + extra_cost_; }
  // For AndIter's aligning loop (no field only): RawAdvance moves the cursor
  // without the language check; Accepts() says whether its document counts.
  // A raw position may be a document of another language, never beyond the
  // first match >= target, so doc() still bounds what may match.
  bool Plain() const { return field_ == FieldSel::kAll; }
  uint32_t RawAdvance(uint32_t target) { return doc_ = c_.Advance(target); }
  bool Accepts() const { return !by_lang_ || lang_ok_[doc_lang_[doc_]]; }
  uint32_t ShallowAdvance(uint32_t target) override { return Shallow(c_, target, idf_); }
  float BlockMax() const override { return bound_; }
  /// Scored, with no field, the scores of a block are computed together,
  /// once, when the block is first met (documents of languages not in the
  /// set scoring -infinity, so passed over); where the loop stops, Settle()
  /// moves on to a document that counts.
  uint32_t NextScoring(float rest, float min, uint32_t end) override {
    if (field_ != FieldSel::kAll || bm25_->docs_only) return Iter::NextScoring(rest, min, end);
    while (doc_ != kNoDoc && doc_ <= end) {
      if (c_.block() != scored_block_) ScoreBlock();
      const uint32_t n = c_.block_size();
      const uint32_t i =
          FirstCandidate(c_.block_docs(), scores_.data(), c_.block_index(), n, rest, min, end);
      if (i < n) {
        doc_ = c_.SeekInBlock(i);
        Settle();
        return doc_;
      }
      c_.SeekInBlock(n - 1);
      doc_ = c_.Next();
    }
    Settle();
    return doc_;
  }
  bool BlockSources(std::vector<BlockAccess*>* out) override {
    if (field_ != FieldSel::kAll || bm25_->docs_only) return false;
    out->push_back(this);
    return true;
  }
  uint32_t BlockCount() const override { return index::BlockCount(c_.df()); }
  uint32_t LastOf(uint32_t b) const override { return c_.BlockLast(b); }
  float BoundOf(uint32_t b) override { return bm25_->BlockBound(c_, b, idf_); }
  uint32_t ScoreBlockAt(uint32_t b, const uint32_t** docs, const float** scores) override {
    if (c_.SeekBlock(b) == kNoDoc) return 0;
    ScoreBlock();
    *docs = c_.block_docs();
    *scores = scores_.data();
    return c_.block_size();
  }
  // Exhausted: 0. Unmoved, over all of [lo, hi), every document counting:
  // the document frequency.
  bool KnownCount(uint32_t lo, uint32_t hi, uint64_t* n) const override {
    if (doc_ == kNoDoc) {
      *n = 0;
      return true;
    }
    if (by_lang_ || field_ != FieldSel::kAll || doc_ != first_ || lo > doc_ || hi < ndocs_) {
      return false;
    }
    *n = c_.df();
    return true;
  }
  // In the cursor's tight loop over each decoded block (Next() per
  // document, which stores the cursor's place each time, took about 8 ns a
  // document by a profile's share; a loop like this one about 1 ns in a
  // stand-alone measurement, besides decoding).
  void FillBits(uint64_t* bits, uint32_t n) override {
    if (field_ != FieldSel::kAll) return Iter::FillBits(bits, n);
    auto set = [bits](uint32_t d) { bits[d >> 6] |= uint64_t{1} << (d & 63); };
    if (by_lang_) {
      c_.SkipUntil([&](uint32_t d) {
        if (lang_ok_[doc_lang_[d]]) set(d);
        return false;
      });
    } else {
      c_.SkipUntil([&](uint32_t d) {
        set(d);
        return false;
      });
    }
    doc_ = kNoDoc;
  }
  uint64_t CountIn(uint32_t lo, uint32_t hi, const std::function<bool(uint32_t)>* admit) override {
    if (field_ != FieldSel::kAll) return Iter::CountIn(lo, hi, admit);
    uint64_t n = 0;
    if (admit == nullptr && KnownCount(lo, hi, &n)) {
      doc_ = kNoDoc;
      return n;
    }
    for (uint32_t d = doc_ < lo ? c_.Advance(lo) : doc_; d < hi; d = c_.Next()) {
      n += (!by_lang_ || lang_ok_[doc_lang_[d]]) && (admit == nullptr || (*admit)(d));
    }
    doc_ = kNoDoc;
    return n;
  }

 private:
  // Block of cursor c holding the first doc >= target: its last doc and bound.
  // Before the current document nothing matches: bound 0 up to it.
  uint32_t Shallow(const index::PostingsCursor& c, uint32_t target, float idf) {
    if (doc_ > target) {
      bound_ = 0;
      return doc_ == kNoDoc ? kNoDoc : doc_ - 1;
    }
    const uint32_t b = c.ShallowBlock(target);
    if (b >= index::BlockCount(c.df())) {
      bound_ = 0;
      return kNoDoc;
    }
    if (b != bound_block_) {  // consecutive checks often fall in one block
      bound_block_ = b;
      block_bound_ = bm25_->BlockBound(c, b, idf);
    }
    bound_ = block_bound_;
    return c.BlockLast(b);
  }

  // Scores of every document of the cursor's block, as Score() gives them;
  // with a language set, -infinity for the documents of other languages.
  void ScoreBlock() {
    const uint32_t n = c_.block_size();
    const uint32_t* docs = c_.block_docs();
    ScoreDocs(*bm25_, idf_, docs, c_.block_freqs(), n, scores_.data());
    if (by_lang_) {
      for (uint32_t i = 0; i < n; ++i) {
        if (!lang_ok_[doc_lang_[docs[i]]]) scores_[i] = -std::numeric_limits<float>::infinity();
      }
    }
    scored_block_ = c_.block();
  }

  // With a field, skips documents with no occurrence in it and counts tf there.
  void Settle() {
    if (by_lang_ && doc_ != kNoDoc && !lang_ok_[doc_lang_[doc_]]) {
      doc_ = c_.SkipUntil([this](uint32_t d) { return lang_ok_[doc_lang_[d]] != 0; });
    }
    if (field_ == FieldSel::kAll) return;
    for (; doc_ != kNoDoc; doc_ = c_.Next()) {
      c_.Positions(&pos_);
      const uint32_t tl = cols_[doc_].title_len;
      tf_ = static_cast<uint32_t>(std::count_if(
          pos_.begin(), pos_.end(), [&](uint32_t p) { return InField(p, tl, field_); }));
      if (tf_ > 0) return;
    }
  }

  index::PostingsCursor c_;
  const index::DocColumns* cols_;
  const uint8_t* doc_lang_ = nullptr;  // with by_lang_: SegmentReader::doc_langs()
  float idf_;
  const Bm25* bm25_;
  uint32_t ndocs_;  // of the segment
  uint32_t first_;  // the cursor's first document
  uint64_t extra_cost_;
  FieldSel field_;
  bool by_lang_;
  std::array<uint8_t, 256> lang_ok_{};  // with by_lang_: per language id, whether it counts
  uint32_t tf_ = 0;
  float bound_ = 0;
  uint32_t bound_block_ = kNoDoc;  // block whose bound block_bound_ holds
  float block_bound_ = 0;
  std::vector<uint32_t> pos_;
  uint32_t scored_block_ = kNoDoc;  // the block whose scores NextScoring holds
  std::array<float, index::kBlockSize> scores_;
};

class PhraseIter : public Iter {
 public:
  PhraseIter(const index::SegmentReader& seg, const std::vector<index::TermInfo>& infos,
             std::vector<uint32_t> offsets, float idf, const Bm25* p, FieldSel field)
      : cols_(seg.all_columns()),
        offsets_(std::move(offsets)),
        idf_(idf),
        bm25_(p),
        field_(field),
        c_(infos.size()),
        pos_(infos.size()) {
    for (size_t i = 0; i < infos.size(); ++i) {
      seg.OpenCursor(infos[i], &c_[i]);
      cost_ = i == 0 ? c_[i].df() : std::min<uint64_t>(cost_, c_[i].df());
    }
    doc_ = Find(c_[0].doc());
  }
  uint32_t Next() override { return doc_ = Find(c_[0].Next()); }
  uint32_t Advance(uint32_t target) override { return doc_ = Find(c_[0].Advance(target)); }
  float Score() override { return idf_ * bm25_->TfNorm(static_cast<float>(tf_), doc_); }
  uint64_t Cost() const override { return cost_; }
  // A phrase occurs in a document at most as often as each of its words: up
  // to the first end of their blocks, the least of their block bounds.
  uint32_t ShallowAdvance(uint32_t target) override {
    bound_ = 0;
    if (doc_ > target) return doc_ == kNoDoc ? kNoDoc : doc_ - 1;
    uint32_t end = kNoDoc;
    float bound = std::numeric_limits<float>::infinity();
    for (const index::PostingsCursor& c : c_) {
      const uint32_t b = c.ShallowBlock(target);
      if (b >= index::BlockCount(c.df())) return kNoDoc;
      bound = std::min(bound, bm25_->BlockBound(c, b, idf_));
      end = std::min(end, c.BlockLast(b));
    }
    bound_ = bound;
    return end;
  }
  float BlockMax() const override { return bound_; }
  // Documents whose words occur too rarely to reach `score` are passed over
  // without reading their positions; the caller still skips by block bounds.
  bool SetMinScore(float score) override {
    min_score_ = score;
    return false;
  }

 private:
  // From candidate d (cursor 0 on it), the first document where all terms occur in order.
  uint32_t Find(uint32_t d) {
    while (d != kNoDoc) {
      bool all = true;
      for (size_t i = 1; i < c_.size(); ++i) {
        const uint32_t x = c_[i].Advance(d);
        if (x != d) {
          d = x == kNoDoc ? kNoDoc : c_[0].Advance(x);
          all = false;
          break;
        }
      }
      if (!all) continue;
      if (!Hopeless(d) && CountMatches(d) > 0) return d;
      d = c_[0].Next();
    }
    return kNoDoc;
  }

  // Whether document d (every cursor on it) scores below min_score_ even if
  // the phrase occurred as often as its rarest word there: reading positions
  // was most of a phrase query's time at 1M (the positions of the documents
  // passed over are skipped, not decoded, when a later one is read).
  bool Hopeless(uint32_t d) const {
    if (min_score_ <= 0) return false;
    uint32_t tf = c_[0].freq();
    for (size_t i = 1; i < c_.size(); ++i) tf = std::min(tf, c_[i].freq());
    return idf_ * bm25_->TfNorm(static_cast<float>(tf), d) < min_score_;
  }

  uint32_t CountMatches(uint32_t d) {
    for (size_t i = 0; i < c_.size(); ++i) c_[i].Positions(&pos_[i]);
    // The column only for a field: reading it was a cache miss per candidate.
    const uint32_t tl = field_ == FieldSel::kAll ? 0 : cols_[d].title_len;
    tf_ = 0;
    for (uint32_t p0 : pos_[0]) {
      bool ok = InField(p0, tl, field_);
      for (size_t i = 1; ok && i < c_.size(); ++i) {
        const uint32_t want = p0 + offsets_[i];
        ok = std::binary_search(pos_[i].begin(), pos_[i].end(), want) && InField(want, tl, field_);
      }
      tf_ += ok;
    }
    return tf_;
  }

  const index::DocColumns* cols_;
  std::vector<uint32_t> offsets_;
  float idf_;
  const Bm25* bm25_;
  FieldSel field_;
  std::vector<index::PostingsCursor> c_;
  std::vector<std::vector<uint32_t>> pos_;
  uint64_t cost_ = 0;
  uint32_t tf_ = 0;
  float bound_ = 0;
  float min_score_ = 0;  // SetMinScore's
};

class AndIter : public Iter {
 public:
  explicit AndIter(std::vector<IterPtr> children) : c_(std::move(children)) {
    for (const IterPtr& c : c_) order_.push_back(c.get());
    std::sort(c_.begin(), c_.end(),
              [](const IterPtr& a, const IterPtr& b) { return a->Cost() < b->Cost(); });
    for (size_t i = 1; i < c_.size(); ++i) {
      auto* t = dynamic_cast<TermIter*>(c_[i].get());
      if (t == nullptr || !t->Plain()) {
        terms_.clear();
        break;
      }
      terms_.push_back(t);
    }
    doc_ = Align(c_[0]->doc());
  }
  uint32_t Next() override { return doc_ = Align(c_[0]->Next()); }
  uint32_t Advance(uint32_t target) override { return doc_ = Align(c_[0]->Advance(target)); }
  // Summed in the order the children were given (as a union of them sums
  // its matching children), not in the order they are aligned.
  float Score() override {
    float s = 0;
    for (Iter* c : order_) s += c->Score();
    return s;
  }
  uint64_t Cost() const override { return c_[0]->Cost(); }
  uint32_t ShallowAdvance(uint32_t target) override {
    uint32_t end = kNoDoc;
    bound_ = rest_ = 0;
    for (size_t i = 0; i < c_.size(); ++i) {
      end = std::min(end, c_[i]->ShallowAdvance(target));
      bound_ += c_[i]->BlockMax();
      if (i > 0) rest_ += c_[i]->BlockMax();
    }
    return end;
  }
  float BlockMax() const override { return bound_; }
  bool SetMinScore(float score) override {
    min_score_ = score;
    checked_ = false;
    return true;
  }
  // The intersection of the children's sets, word by word.
  void FillBits(uint64_t* bits, uint32_t n) override {
    if (doc_ == kNoDoc) return;  // children may be left before the end
    const size_t words = (n + 63) / 64;
    ScratchBits all(words), other(words);
    c_[0]->FillBits(all.data(), n);
    for (size_t i = 1; i < c_.size(); ++i) {
      if (i > 1) std::fill(other.data(), other.data() + words, 0);
      c_[i]->FillBits(other.data(), n);
      for (size_t w = 0; w < words; ++w) all[w] &= other[w];
    }
    for (size_t w = 0; w < words; ++w) bits[w] |= all[w];
    doc_ = kNoDoc;
  }

 private:
  // Block-max AND: skips, before aligning the other children (and decoding
  // their blocks), the ranges whose summed block bounds are below min_score_.
  uint32_t SkipWeak(uint32_t d) {
    while (d != kNoDoc && (!checked_ || d > checked_end_)) {
      checked_ = true;
      checked_end_ = ShallowAdvance(d);
      if (bound_ >= min_score_) break;
      if (checked_end_ == kNoDoc) return kNoDoc;
      d = c_[0]->Advance(checked_end_ + 1);
    }
    return d;
  }
  // SkipWeak, then also the first child's documents whose own score plus the
  // other children's block bounds is below min_score_: those are passed over
  // without moving the other children at all.
  uint32_t SkipLosing(uint32_t d) {
    while ((d = SkipWeak(d)) != kNoDoc) {
      d = c_[0]->NextScoring(rest_, min_score_, checked_end_);
      if (d <= checked_end_) return d;  // a candidate, or kNoDoc
    }
    return d;
  }

  // Moves the other children to d (the first child's document); each one
  // that passes d makes the first child follow it. Plain terms (terms_) move
  // without virtual calls and check their languages only where all agree.
  uint32_t Align(uint32_t d) {
    while (d != kNoDoc) {
      if (min_score_ > 0 && (d = SkipLosing(d)) == kNoDoc) break;
      bool all = true;
      for (size_t i = 1; i < c_.size(); ++i) {
        uint32_t x = c_[i]->doc();
        if (x < d) x = terms_.empty() ? c_[i]->Advance(d) : terms_[i - 1]->RawAdvance(d);
        if (x != d) {
          d = x == kNoDoc ? kNoDoc : c_[0]->Advance(x);
          all = false;
          break;
        }
      }
      if (!all) continue;
      if (std::all_of(terms_.begin(), terms_.end(), [](const TermIter* t) { return t->Accepts(); }))
        return d;
      d = c_[0]->Next();
    }
    return kNoDoc;
  }

  std::vector<IterPtr> c_;        // cheapest first
  std::vector<Iter*> order_;      // as given
  std::vector<TermIter*> terms_;  // c_[1..] when all are plain terms, else empty
  float bound_ = 0;
  float rest_ = 0;  // of the last ShallowAdvance: the block bounds of c_[1..]
  float min_score_ = 0;
  bool checked_ = false;  // with min_score_: [doc(), checked_end_] has a competitive bound
  uint32_t checked_end_ = 0;
};

// `req` restricted to the documents that `keep(doc)` accepts; scores from `req`.
template <typename Keep>
class KeepIter : public Iter {
 public:
  KeepIter(IterPtr req, Keep keep) : req_(std::move(req)), keep_(std::move(keep)) {
    doc_ = Skip(req_->doc());
  }
  uint32_t Next() override { return doc_ = Skip(req_->Next()); }
  uint32_t Advance(uint32_t target) override { return doc_ = Skip(req_->Advance(target)); }
  float Score() override { return req_->Score(); }
  uint64_t Cost() const override { return req_->Cost(); }
  uint32_t ShallowAdvance(uint32_t target) override { return req_->ShallowAdvance(target); }
  float BlockMax() const override { return req_->BlockMax(); }
  bool SetMinScore(float score) override { return req_->SetMinScore(score); }

 private:
  uint32_t Skip(uint32_t d) {
    while (d != kNoDoc && !keep_(d)) d = req_->Next();
    return d;
  }
  IterPtr req_;
  Keep keep_;
};

// Accepts documents that none of the iterators matches.
struct NoneOf {
  std::vector<IterPtr> ex;
  bool operator()(uint32_t d) {
    for (auto& e : ex) {
      uint32_t x = e->doc();
      if (x < d) x = e->Advance(d);
      if (x == d) return false;
    }
    return true;
  }
};

class ReqOptIter : public Iter {
 public:
  ReqOptIter(IterPtr req, IterPtr opt) : req_(std::move(req)), opt_(std::move(opt)) {
    doc_ = req_->doc();
  }
  uint32_t Next() override { return doc_ = req_->Next(); }
  uint32_t Advance(uint32_t target) override { return doc_ = req_->Advance(target); }
  float Score() override {
    float s = req_->Score();
    if (opt_->doc() < doc_) opt_->Advance(doc_);
    if (opt_->doc() == doc_) s += opt_->Score();
    return s;
  }
  uint64_t Cost() const override { return req_->Cost(); }
  uint32_t ShallowAdvance(uint32_t target) override {
    const uint32_t end = std::min(req_->ShallowAdvance(target), opt_->ShallowAdvance(target));
    bound_ = req_->BlockMax() + opt_->BlockMax();
    return end;
  }
  float BlockMax() const override { return bound_; }

 private:
  IterPtr req_, opt_;
  float bound_ = 0;
};

class RangeIter : public Iter {
 public:
  RangeIter(uint32_t lo, uint32_t hi) : hi_(hi) { doc_ = lo < hi ? lo : kNoDoc; }
  uint32_t Next() override { return doc_ = doc_ + 1 < hi_ ? doc_ + 1 : kNoDoc; }
  uint32_t Advance(uint32_t t) override { return doc_ = t < hi_ ? t : kNoDoc; }
  float Score() override { return 0; }
  uint64_t Cost() const override { return hi_; }
  float BlockMax() const override { return 0; }

 private:
  uint32_t hi_;
};

}  // namespace

// TfNormLen = (k1 + 1) / (1 + k1 * g), g = (1 - b) / tf + b * L / tf with
// L = len / avg_len. With Ls = len / seg_avg_len and a = min(1, seg_avg_len /
// avg_len), L >= a * Ls; the stored G bounds g75 = (1 - B + B * Ls) / tf for
// B = kBoundB from below. So g >= c / tf + (a * b / B) * G / scale, with
// c = 1 - b - a * b * (1 - B) / B, and 1 / tf >= 1 / F when c >= 0, <= 1 when c < 0.
float Bm25::BlockBound(const index::PostingsCursor& c, uint32_t blk, float idf) const {
  uint32_t max_freq, norm;
  c.BlockBound(blk, &max_freq, &norm);

  const double inv_f = max_freq >= index::kUnboundedFreq ? 0.0 : 1.0 / max_freq;
  const double a = std::min(1.0, seg_avg_len / avg_len);
  double g;
  if (norm > 0) {
    const double bb = index::kBoundB;
    const double cf = 1.0 - b - a * b * (1.0 - bb) / bb;
    g = (cf >= 0 ? cf * inv_f : cf) + (a * b / bb) * norm / index::kNormScale;
  } else {  // no stored norm: the segment's shortest document at the largest frequency
    g = (1.0 - b) * inv_f + a * b * (min_len / seg_avg_len) * inv_f;
  }
  g = std::max(0.0, g);
  return static_cast<float>(idf * (k1 + 1.0) / (1.0 + k1 * g));
}

OrIter::OrIter(std::vector<IterPtr> children, bool exclusive, uint64_t extra_cost)
    : children_(std::move(children)), cost_(extra_cost), exclusive_(exclusive) {
  for (auto& c : children_) cost_ += c->Cost();
  doc_ = Min();
}

uint32_t OrIter::Min() const {
  uint32_t m = kNoDoc;
  for (const auto& c : children_) m = std::min(m, c->doc());
  return m;
}

uint32_t OrIter::Next() {
  const uint32_t cur = doc_;
  for (auto& c : children_) {
    if (c->doc() == cur) c->Next();
  }
  return doc_ = Min();
}

uint32_t OrIter::Advance(uint32_t target) {
  for (auto& c : children_) {
    if (c->doc() < target) c->Advance(target);
  }
  return doc_ = Min();
}

float OrIter::Score() {
  float s = 0;
  for (auto& c : children_) {
    if (c->doc() == doc_) s += c->Score();
  }
  return s;
}

uint32_t OrIter::NextScoring(float rest, float min, uint32_t end) {
  if (!exclusive_) return Iter::NextScoring(rest, min, end);
  // Every child stands at doc() or after it; documents a child passes over
  // cannot score enough, whichever child holds the union's next candidate.
  uint32_t d = kNoDoc;
  for (auto& c : children_) {
    if (c->doc() != kNoDoc) d = std::min(d, c->NextScoring(rest, min, end));
  }
  return doc_ = d;
}

uint32_t OrIter::ShallowAdvance(uint32_t target) {
  uint32_t end = kNoDoc;
  bound_ = 0;
  for (auto& c : children_) {
    if (c->doc() == kNoDoc) continue;
    end = std::min(end, c->ShallowAdvance(target));
    bound_ = exclusive_ ? std::max(bound_, c->BlockMax()) : bound_ + c->BlockMax();
  }
  return end;
}

uint64_t OrIter::CountIn(uint32_t lo, uint32_t hi, const std::function<bool(uint32_t)>* admit) {
  if (!exclusive_) return Iter::CountIn(lo, hi, admit);
  // Disjoint children: the count of the union is the sum of theirs.
  uint64_t n = 0;
  for (auto& c : children_) n += c->CountIn(lo, hi, admit);
  doc_ = kNoDoc;
  return n;
}

bool OrIter::KnownCount(uint32_t lo, uint32_t hi, uint64_t* n) const {
  if (!exclusive_ && children_.size() > 1) return false;
  // Disjoint children (or one, as a bare query of one word): the sum, when
  // every child's count is known.
  uint64_t total = 0;
  for (const auto& c : children_) {
    uint64_t k;
    if (!c->KnownCount(lo, hi, &k)) return false;
    total += k;
  }
  *n = total;
  return true;
}

bool OrIter::BlockSources(std::vector<BlockAccess*>* out) {
  if (!exclusive_ && children_.size() > 1) return false;  // a document's score may be a sum
  for (auto& c : children_) {
    if (!c->BlockSources(out)) return false;
  }
  return true;
}

void OrIter::FillBits(uint64_t* bits, uint32_t n) {
  for (auto& c : children_) c->FillBits(bits, n);
  doc_ = kNoDoc;
}

uint32_t OrIter::Matched() const {
  uint32_t n = 0;
  for (const auto& c : children_) n += c->doc() == doc_;
  return n;
}

IterPtr MakeTermIter(const index::SegmentReader& seg, const index::TermInfo& info, float idf,
                     const Bm25* bm25, FieldSel field, uint64_t extra_cost) {
  return std::make_unique<TermIter>(seg, info, idf, bm25, field, nullptr, extra_cost);
}

IterPtr MakePhraseIter(const index::SegmentReader& seg, const std::vector<index::TermInfo>& infos,
                       const std::vector<uint32_t>& offsets, float idf, const Bm25* bm25,
                       FieldSel field) {
  return std::make_unique<PhraseIter>(seg, infos, offsets, idf, bm25, field);
}

IterPtr MakeAndIter(std::vector<IterPtr> children) {
  if (children.size() == 1) return std::move(children[0]);
  return std::make_unique<AndIter>(std::move(children));
}

std::unique_ptr<OrIter> MakeOrIter(std::vector<IterPtr> children, bool exclusive,
                                   uint64_t extra_cost) {
  return std::make_unique<OrIter>(std::move(children), exclusive, extra_cost);
}

IterPtr MakeReqOptIter(IterPtr req, IterPtr opt) {
  return std::make_unique<ReqOptIter>(std::move(req), std::move(opt));
}

IterPtr MakeExcludeIter(IterPtr req, std::vector<IterPtr> excl) {
  if (excl.empty()) return req;
  return std::make_unique<KeepIter<NoneOf>>(std::move(req), NoneOf{std::move(excl)});
}

IterPtr MakeFilterIter(IterPtr req, uint32_t n, std::function<bool(uint32_t)> pred) {
  if (!req) req = MakeRangeIter(0, n);
  return std::make_unique<KeepIter<std::function<bool(uint32_t)>>>(std::move(req), std::move(pred));
}

IterPtr MakeStemIter(const index::SegmentReader& seg, const index::TermInfo& info, float idf,
                     const Bm25* bm25, const std::bitset<256>& langs, uint64_t extra_cost) {
  return std::make_unique<TermIter>(seg, info, idf, bm25, FieldSel::kAll, &langs, extra_cost);
}

IterPtr MakeRangeIter(uint32_t lo, uint32_t hi) { return std::make_unique<RangeIter>(lo, hi); }

}  // namespace dateline::search
