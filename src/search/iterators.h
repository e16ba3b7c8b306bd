// Document-at-a-time iterators over one segment. Each iterator is positioned
// on its first match after construction; doc() == kNoDoc when exhausted.
#pragma once

#include <bitset>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "index/postings.h"
#include "index/segment.h"

namespace dateline::search {

using index::kNoDoc;

class Iter {
 public:
  virtual ~Iter() = default;
  uint32_t doc() const { return doc_; }
  virtual uint32_t Next() = 0;
  /// First match >= target (target > doc()).
  virtual uint32_t Advance(uint32_t target) = 0;
  /// Score of the current document.
  virtual float Score() = 0;
  /// Upper bound of documents this iterator may visit (for ordering conjunctions).
  virtual uint64_t Cost() const = 0;

 protected:
  uint32_t doc_ = kNoDoc;
};
using IterPtr = std::unique_ptr<Iter>;

/// BM25 parameters shared by the leaves of one query.
struct Bm25 {
  float k1 = 1.2f, b = 0.75f, avg_len = 1.0f;
  const index::DocColumns* cols = nullptr;
  float TfNorm(float tf, uint32_t doc) const {
    const float len = static_cast<float>(cols[doc].length);
    return tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avg_len));
  }
};

/// Field restriction on positions: kAll, or title (pos < title_len) / text (pos > title_len).
enum class FieldSel : uint8_t { kAll, kTitle, kText };

/// One term's postings, scored by BM25; with a field, only positions in the field count.
IterPtr MakeTermIter(const index::SegmentReader& seg, const index::TermInfo& info, float idf,
                     const Bm25* bm25, FieldSel field);

/// Exact phrase: terms at consecutive positions (offsets[i] relative to the first).
IterPtr MakePhraseIter(const index::SegmentReader& seg, const std::vector<index::TermInfo>& infos,
                       const std::vector<uint32_t>& offsets, float idf, const Bm25* bm25,
                       FieldSel field);

/// All children match; score is the sum.
IterPtr MakeAndIter(std::vector<IterPtr> children);

/// Any child matches; score is the sum of matching children.
class OrIter;
std::unique_ptr<OrIter> MakeOrIter(std::vector<IterPtr> children);

/// `req` drives; `opt` adds its score where it also matches.
IterPtr MakeReqOptIter(IterPtr req, IterPtr opt);

/// `req` matches and none of `excl` does; score from `req`.
IterPtr MakeExcludeIter(IterPtr req, std::vector<IterPtr> excl);

/// `req` (or every document in [0, n) when null) matching pred(doc); pred does not score.
IterPtr MakeFilterIter(IterPtr req, uint32_t n, std::function<bool(uint32_t)> pred);

/// `req` restricted to documents whose language (column) is set in `langs`.
IterPtr MakeLangIter(IterPtr req, const index::DocColumns* cols, const std::bitset<256>& langs);

/// Every document in [lo, hi).
IterPtr MakeRangeIter(uint32_t lo, uint32_t hi);

/// Disjunction that also reports how many children match the current document.
class OrIter : public Iter {
 public:
  explicit OrIter(std::vector<IterPtr> children);
  uint32_t Next() override;
  uint32_t Advance(uint32_t target) override;
  float Score() override;
  uint64_t Cost() const override { return cost_; }
  /// Children positioned on the current document.
  uint32_t Matched() const;

 private:
  uint32_t Min() const;
  std::vector<IterPtr> children_;
  uint64_t cost_ = 0;
};

}  // namespace dateline::search
