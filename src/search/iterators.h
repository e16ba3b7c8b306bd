// Document-at-a-time iterators over one segment. Each iterator is positioned
// on its first match after construction; doc() == kNoDoc when exhausted.
#pragma once

#include <bitset>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

#include "index/postings.h"
#include "index/segment.h"

namespace dateline::search {

using index::kNoDoc;

/// A zeroed bitset of `words` 64-bit words for one query's counting, taken
/// from the thread's spares and given back when it goes. Allocated afresh
/// for each query, it was faulted in page by page every time (125 KB a
/// bitset at 1,000,000 documents; the allocator hands such blocks back to
/// the system when freed).
class ScratchBits {
 public:
  explicit ScratchBits(size_t words);
  ~ScratchBits();
  ScratchBits(const ScratchBits&) = delete;
  ScratchBits& operator=(const ScratchBits&) = delete;
  uint64_t* data() { return bits_.data(); }
  uint64_t& operator[](size_t i) { return bits_[i]; }
  size_t size() const { return bits_.size(); }

 private:
  std::vector<uint64_t> bits_;
};

/// Blocks of one term's postings, read in any order: what a top-k of that
/// term alone (or of its stems) needs to visit its blocks by decreasing bound
/// (TopByBound).
class BlockAccess {
 public:
  virtual ~BlockAccess() = default;
  /// Number of blocks.
  virtual uint32_t BlockCount() const = 0;
  /// Last document of block b (< BlockCount()).
  virtual uint32_t LastOf(uint32_t b) const = 0;
  /// No document of block b scores more.
  virtual float BoundOf(uint32_t b) = 0;
  /// Decodes block b: its documents (ascending) and their scores, as Score()
  /// gives them, or -infinity for a document that does not match (another
  /// language). Returns their number; 0 when the block does not decode.
  virtual uint32_t ScoreBlockAt(uint32_t b, const uint32_t** docs, const float** scores) = 0;
};

class Iter {
 public:
  virtual ~Iter() = default;
  uint32_t doc() const { return doc_; }
  virtual uint32_t Next() = 0;
  /// First match >= target (target > doc()).
  virtual uint32_t Advance(uint32_t target) = 0;
  /// Score of the current document.
  virtual float Score() = 0;
  /// Moves to the first match from doc() on, up to `end`, for which
  /// Score() + rest >= min; when there is none, to a match after `end`
  /// (kNoDoc at the end), passing over none that reaches min with rest: the
  /// documents a conjunction need not align (rest bounds its other
  /// children's scores; its min never falls). A union's children may have
  /// passed over more, up to `end`, scoring below min with rest. Default:
  /// Score() and Next() in turn, to the first match after `end`.
  virtual uint32_t NextScoring(float rest, float min, uint32_t end);
  /// Upper bound of documents this iterator may visit (for ordering conjunctions).
  virtual uint64_t Cost() const = 0;

  // Block-max pruning. ShallowAdvance(target) returns the last document of a
  // range starting at target, kNoDoc for "to the end", in which no document
  // scores more than BlockMax(). It reads block metadata only; doc() does not
  // move. target is at least every target the iterator was moved to (so
  // nothing matches in [target, doc())). Defaults: one range, no bound.
  virtual uint32_t ShallowAdvance(uint32_t target) {
    (void)target;
    return kNoDoc;
  }
  virtual float BlockMax() const { return std::numeric_limits<float>::infinity(); }
  /// From now on documents scoring below `score` may be skipped (never those
  /// scoring `score` or more). True when the iterator skips them itself
  /// (block-max AND); default: ignored, false.
  virtual bool SetMinScore(float score) {
    (void)score;
    return false;
  }
  /// Membership only (no scores): sets in `bits` (one bit per document of the
  /// segment, n documents) the bits of the documents matching from doc() on,
  /// leaving the others as they are; the iterator ends exhausted. Default:
  /// iterates with Next().
  virtual void FillBits(uint64_t* bits, uint32_t n);
  /// Membership only: the number of matching documents in [max(doc(), lo), hi)
  /// that `admit` accepts (all when null); the iterator is left anywhere.
  /// Default: iterates with Advance and Next.
  virtual uint64_t CountIn(uint32_t lo, uint32_t hi, const std::function<bool(uint32_t)>* admit);
  /// Membership only: when the number of matching documents in
  /// [max(doc(), lo), hi) is known without reading postings (a term's
  /// document frequency), sets *n and returns true. Default: false.
  virtual bool KnownCount(uint32_t lo, uint32_t hi, uint64_t* n) const {
    (void)lo, (void)hi, (void)n;
    return false;
  }
  /// Block access to the terms whose postings make this iterator's matches
  /// and scores: appends them to *out and returns true when this iterator is
  /// one term's postings in all fields, scored, or a union of such terms that
  /// no document matches twice (its score is then the one matching term's;
  /// a union of one iterator is such a union when that iterator is);
  /// else (the default) false, *out holding anything. Call it before moving
  /// the iterator (a list of one block given as arrays cannot go back once
  /// ended); using what it gives leaves the iterator anywhere.
  virtual bool BlockSources(std::vector<BlockAccess*>* out) {
    (void)out;
    return false;
  }

 protected:
  uint32_t doc_ = kNoDoc;
};
using IterPtr = std::unique_ptr<Iter>;

/// BM25 parameters shared by the leaves of one query.
struct Bm25 {
  float k1 = 1.2f, b = 0.75f, avg_len = 1.0f;
  const index::DocColumns* cols = nullptr;
  uint32_t min_len = 0;               // smallest document length of the segment
  double seg_avg_len = 1;             // average document length of the segment
  bool docs_only = false;             // no scores wanted: term leaves skip frequencies
  const uint16_t* lengths = nullptr;  // SegmentReader::short_lengths()
  float TfNorm(float tf, uint32_t doc) const {
    const uint32_t len = lengths[doc];
    return TfNormLen(tf, len != 0xFFFF ? len : cols[doc].length);
  }
  // Non-decreasing in tf, non-increasing in len (k1 >= 0, 0 <= b <= 1).
  float TfNormLen(float tf, uint32_t length) const {
    return TfNormOf(tf, static_cast<float>(length));
  }
  /// TfNormLen with the length as a float (search::ScoreDocs converts it).
  float TfNormOf(float tf, float len) const {
    return tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avg_len));
  }
  /// Bound of idf * TfNorm for documents of block b of `c`.
  float BlockBound(const index::PostingsCursor& c, uint32_t b, float idf) const;
};

/// Field restriction on positions: kAll, or title (pos < title_len) / text (pos > title_len).
enum class FieldSel : uint8_t { kAll, kTitle, kText };

/// One term's postings, scored by BM25; with a field, only positions in the field count.
/// `extra_cost` is added to Cost() (as MakeOrIter's).
IterPtr MakeTermIter(const index::SegmentReader& seg, const index::TermInfo& info, float idf,
                     const Bm25* bm25, FieldSel field, uint64_t extra_cost = 0);

/// Exact phrase: terms at consecutive positions (offsets[i] relative to the first).
IterPtr MakePhraseIter(const index::SegmentReader& seg, const std::vector<index::TermInfo>& infos,
                       const std::vector<uint32_t>& offsets, float idf, const Bm25* bm25,
                       FieldSel field);

/// All children match; score is the sum, in the children's order.
IterPtr MakeAndIter(std::vector<IterPtr> children);

/// Any child matches; score is the sum of matching children. `exclusive`:
/// no two children match one document (e.g. stems restricted to disjoint
/// languages), so the score bound is the largest child's, not the sum.
/// `extra_cost` is added to Cost(): the documents of children left out
/// because they match nothing (stems of other languages), so that what is
/// decided on the cost stays as it was with them.
class OrIter;
std::unique_ptr<OrIter> MakeOrIter(std::vector<IterPtr> children, bool exclusive = false,
                                   uint64_t extra_cost = 0);

/// `req` drives; `opt` adds its score where it also matches.
IterPtr MakeReqOptIter(IterPtr req, IterPtr opt);

/// `req` matches and none of `excl` does; score from `req`.
IterPtr MakeExcludeIter(IterPtr req, std::vector<IterPtr> excl);

/// `req` (or every document in [0, n) when null) matching pred(doc); pred does not score.
IterPtr MakeFilterIter(IterPtr req, uint32_t n, std::function<bool(uint32_t)> pred);

/// One term's postings (all fields) restricted to documents whose language
/// (column) is set in `langs`.
IterPtr MakeStemIter(const index::SegmentReader& seg, const index::TermInfo& info, float idf,
                     const Bm25* bm25, const std::bitset<256>& langs, uint64_t extra_cost = 0);

/// Every document in [lo, hi).
IterPtr MakeRangeIter(uint32_t lo, uint32_t hi);

/// Disjunction that also reports how many children match the current document.
class OrIter : public Iter {
 public:
  OrIter(std::vector<IterPtr> children, bool exclusive, uint64_t extra_cost = 0);
  uint32_t Next() override;
  uint32_t Advance(uint32_t target) override;
  float Score() override;
  /// Exclusive: each child moves to its own first candidate (a document's
  /// score is its one matching child's), the union to the first of them; so
  /// children skip by their own means (a term scores its blocks at once).
  uint32_t NextScoring(float rest, float min, uint32_t end) override;
  uint64_t Cost() const override { return cost_; }
  uint32_t ShallowAdvance(uint32_t target) override;
  float BlockMax() const override { return bound_; }
  void FillBits(uint64_t* bits, uint32_t n) override;
  uint64_t CountIn(uint32_t lo, uint32_t hi, const std::function<bool(uint32_t)>* admit) override;
  bool KnownCount(uint32_t lo, uint32_t hi, uint64_t* n) const override;
  bool BlockSources(std::vector<BlockAccess*>* out) override;
  /// Children positioned on the current document.
  uint32_t Matched() const;
  /// Number of children (the largest Matched()).
  uint32_t size() const { return static_cast<uint32_t>(children_.size()); }

 private:
  uint32_t Min() const;
  std::vector<IterPtr> children_;
  uint64_t cost_ = 0;
  bool exclusive_;
  float bound_ = 0;
};

}  // namespace dateline::search
