// Posting lists: encoding (for the segment writer) and a cursor (for queries).
// Layout is described in doc/index-format.md, section "Postings".
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "index/position_codes.h"

namespace dateline::index {

inline constexpr uint32_t kBlockSize = 128;
inline constexpr uint32_t kNoDoc = std::numeric_limits<uint32_t>::max();

/// Where a term's data lives inside a segment.
struct TermInfo {
  uint32_t df = 0;         // documents containing the term
  uint64_t postings = 0;   // offset in the postings section
  uint64_t positions = 0;  // offset in the positions section (positional terms)
  bool positional = false;
  // The languages of the term's documents (segment version 6): bit l set when
  // a document whose language id (DocColumns::lang) is l has the term; 0 when
  // not known (older versions; more than 64 languages; not computed).
  uint64_t langs = 0;
  // Segment version 13, stem terms only: the stem has no list of its own but
  // is the union of the lists of `nrefs` words, whose references (offset and
  // document count each) are at `refs` in the dictionary section, the first
  // offset relative to `postings` (doc/index-format.md, section 2).
  // SegmentReader::OpenCursor merges them. 0 and null for any other term.
  uint32_t nrefs = 0;
  const char* refs = nullptr;
  // Segment version 15, word terms only: the stem spelled like the word
  // (kStemPrefix + the word) has no entry of its own but shares this list;
  // its language set is `stem_langs` (doc/index-format.md, section 2).
  bool also_stem = false;
  uint64_t stem_langs = 0;
};

/// The bit of language id `lang` in TermInfo::langs; all bits for ids beyond
/// 63 (a segment of more than 64 languages records no set).
inline uint64_t LangBit(uint8_t lang) { return lang < 64 ? uint64_t{1} << lang : ~uint64_t{0}; }

/// The language set of `n` documents (`docs` into `doc_langs`, per document
/// its language id).
inline uint64_t LangsOf(const uint32_t* docs, size_t n, const uint8_t* doc_langs) {
  uint64_t m = 0;
  for (size_t i = 0; i < n; ++i) m |= LangBit(doc_langs[docs[i]]);
  return m;
}

/// Appends the postings of one term. `docs` ascending; freqs[i] >= 1; when
/// `positions` is non-null it holds, doc after doc, freqs[i] ascending positions,
/// and the term is positional.
/// Fills info->df/postings/positions (offsets are the buffers' sizes on entry),
/// and with `doc_langs` (per document its language id) info->langs.
/// Without `pfor`, no block has exceptions and positions are LEB128 varints
/// (segments before version 7); with it, positions are Exp-Golomb codes per
/// block of documents (version 10) unless `codes` is false (versions 7 to 9).
/// `packed_skips`: the skip table of a list of several blocks is bit-packed
/// at widths of its own (version 12), else 12 bytes per block.
void EncodePostings(const uint32_t* docs, const uint32_t* freqs, size_t n,
                    const uint32_t* positions, std::string* post, std::string* pos, TermInfo* info,
                    const uint8_t* doc_langs = nullptr, bool pfor = true, bool codes = true,
                    bool packed_skips = true);

/// The same for a list held as byte streams, as an index is built
/// (PendingPostings): per document, as LEB128 varints, the document minus
/// the stream's previous document minus one (the first: the document
/// itself), the frequency, and (when `positional`) the positions (the first,
/// then the differences), written as Exp-Golomb codes (version 10). The streams follow each
/// other in document order; none is empty; together they hold `n` documents.
void EncodePending(const std::vector<std::string_view>& streams, size_t n, bool positional,
                   std::string* post, std::string* pos, TermInfo* info,
                   const uint8_t* doc_langs = nullptr);
/// Writes v as a LEB128 varint at w (5 bytes of room); returns the byte after it.
inline char* WritePendingVarint(char* w, uint32_t v) {
  while (v >= 0x80) {
    *w++ = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  *w++ = static_cast<char>(v);
  return w;
}

/// Block-max metadata (segment version 3): for a list of more than one block,
/// per block the largest frequency F and G, the smallest quantized BM25 norm
/// g = (1 - b + b * length / avg) / freq of its documents for b = kBoundB and
/// avg = the segment's average length (QuantizedNorm). BM25's tf part is
/// (k1 + 1) / (1 + k1 * g), so G bounds it; F extends the bound to other b
/// and averages (doc/index-format.md, section 9). Stored as one little-endian
/// u32 per block: F | G << 16; F of 0xFFFF or more is kUnboundedFreq.
inline constexpr double kBoundB = 0.75;
inline constexpr double kNormScale = 4096;
/// floor(kNormScale * g) - 1 (never above kNormScale * g despite rounding),
/// at least 0, at most 0xFFFF.
uint32_t QuantizedNorm(uint32_t length, uint32_t freq, double avg_len);
inline constexpr size_t kBlockBoundBytes = 4;
inline constexpr uint32_t kUnboundedFreq = 0xFFFF;

/// Number of postings blocks of a list of `df` documents.
inline uint32_t BlockCount(uint32_t df) { return (df + kBlockSize - 1) / kBlockSize; }

class PostingsCursor;
class ChunkCheck;

/// The quantized norms (QuantizedNorm) of a segment's documents: every
/// document's at frequency 1 (most postings) computed once, others on demand.
class BoundNorms {
 public:
  /// lengths[d] is document d's length (d < ndocs; kept, not copied),
  /// avg_len the segment's average length.
  BoundNorms(const uint32_t* lengths, uint32_t ndocs, double avg_len);
  uint32_t ndocs() const { return ndocs_; }
  /// QuantizedNorm(lengths[doc], freq, avg_len), for doc < ndocs().
  uint32_t Of(uint32_t doc, uint32_t freq) const {
    return freq == 1 ? once_[doc] : QuantizedNorm(lengths_[doc], freq, avg_len_);
  }
  /// Asks the CPU to load what Of(doc, freq) reads (a hint: no effect on results).
  void Prefetch(uint32_t doc, uint32_t freq) const {
    __builtin_prefetch(freq == 1 ? static_cast<const void*>(&once_[doc]) : &lengths_[doc]);
  }

 private:
  const uint32_t* lengths_;
  uint32_t ndocs_;
  double avg_len_;
  std::vector<uint16_t> once_;
};

/// Appends the bounds of every block of the list under `c` (freshly opened) to
/// `out`. False when the list does not decode or names a document >= ndocs.
bool EncodeBlockBounds(PostingsCursor* c, const BoundNorms& norms, std::string* out);
/// The same for a list given as arrays: `n` documents (ascending, each below
/// norms.ndocs()) and their frequencies.
void EncodeBlockBounds(const uint32_t* docs, const uint32_t* freqs, size_t n,
                       const BoundNorms& norms, std::string* out);

/// Iterates over one term's postings. Reads only inside the given sections; on
/// malformed data it stops (doc() == kNoDoc) and sets corrupt().
class PostingsCursor {
 public:
  PostingsCursor() = default;
  /// `post_check` and `pos_check`, when given, verify the bytes read of each
  /// section first (a mismatch stops the cursor as corrupt).
  /// `pfor`: blocks may have exceptions (segment version 7; before, a block
  /// that claims some is corrupt). `codes`: positions are Exp-Golomb codes
  /// per block of documents (version 10), else LEB128 varints.
  /// `packed_skips`: the skip table is bit-packed (version 12), else 12 bytes
  /// per block.
  void Init(std::string_view post_section, std::string_view pos_section, const TermInfo& info,
            const ChunkCheck* post_check = nullptr, const ChunkCheck* pos_check = nullptr,
            bool pfor = true, bool codes = true, bool packed_skips = true);

  uint32_t doc() const { return doc_; }
  uint32_t freq() const { return freqs_[i_] + 1; }
  uint32_t df() const { return df_; }
  /// The current block's index, its documents and their count (a merge
  /// requests what it will look up for them ahead of time).
  uint32_t block() const { return block_; }
  const uint32_t* block_docs() const { return docs_; }
  uint32_t block_size() const { return n_; }
  /// The current document's index in the current block.
  uint32_t block_index() const { return i_; }
  /// The current block's frequencies minus one (not with SetDocsOnly).
  const uint32_t* block_freqs() const { return freqs_; }
  /// Moves to document i (>= block_index(), < block_size()) of the current
  /// block; returns it.
  uint32_t SeekInBlock(uint32_t i) {
    i_ = i;
    return doc_ = docs_[i];
  }
  /// Moves to the first document of block b (< BlockCount(df())), before or
  /// after the current one; returns it. kNoDoc when the block does not decode
  /// (corrupt()), when the cursor was corrupt already, or for a list given by
  /// InitBlock that has ended.
  uint32_t SeekBlock(uint32_t b);
  /// Moves to the next document; returns it (kNoDoc at the end).
  uint32_t Next() {
    if (i_ + 1 < n_) return doc_ = docs_[++i_];  // inside the block (n_ is 0 when stopped)
    return NextBlock();
  }
  /// Moves to the first document >= target; returns it (kNoDoc at the end).
  uint32_t Advance(uint32_t target) {
    if (doc_ >= target) return doc_;  // also kNoDoc
    if (docs_[n_ - 1] < target) return AdvanceBlocks(target);
    i_ = FindInBlock(i_ + 1, target);
    return doc_ = docs_[i_];
  }
  /// Moves to the first document from the current one on (the current one
  /// included) for which keep(doc) is true; returns it (kNoDoc: none). A tight
  /// loop over each decoded block, for filters that reject long runs.
  template <typename Keep>
  uint32_t SkipUntil(Keep keep) {
    while (doc_ != kNoDoc) {
      for (uint32_t i = i_; i < n_; ++i) {
        if (keep(docs_[i])) {
          i_ = i;
          return doc_ = docs_[i];
        }
      }
      i_ = n_ - 1;
      NextBlock();
    }
    return kNoDoc;
  }
  /// Positions of the current document (positional terms only), ascending.
  void Positions(std::vector<uint32_t>* out);
  /// The same, appended to *out (left as it was when corrupt).
  void AppendPositions(std::vector<uint32_t>* out);
  bool corrupt() const { return corrupt_; }
  /// Starts on a list of one block given as arrays: `n` documents (ascending,
  /// at most kBlockSize) and their frequencies minus one, without positions.
  /// n = 0: a damaged list (at the end, corrupt()).
  void InitBlock(const uint32_t* docs, const uint32_t* freqs, uint32_t n);
  /// A list of several blocks held in memory (InitOwned): its documents
  /// ascending, their frequencies minus one, the bounds of its blocks
  /// (kBlockBoundBytes each, as EncodeBlockBounds writes them) and the last
  /// document of each block (MakeSkips).
  struct OwnedList {
    std::vector<uint32_t> docs, freqs;
    std::string bounds;
    std::string skips;  // 32 bits LSB-first per block, then padding
    /// Fills `skips` from `docs`.
    void MakeSkips();
    /// The bytes it holds.
    size_t bytes() const { return 4 * (docs.size() + freqs.size()) + bounds.size() + skips.size(); }
  };
  /// Starts on `list` (more than kBlockSize documents, skips made), without
  /// positions; the cursor keeps it (shared with its copies and others).
  void InitOwned(std::shared_ptr<const OwnedList> list);

  /// Skips frequencies when loading blocks (freq() is then 1): for callers
  /// that neither score nor read positions. Call right after Init.
  void SetDocsOnly();

  // Block-max navigation: reads the skip table and the bounds, never decodes.
  /// Gives the bounds of this list's blocks (kBlockBoundBytes each, BlockCount(df)).
  void SetBounds(const char* bounds) { bounds_ = bounds; }
  /// Index of the first block at or after the current one whose last document
  /// is >= target; BlockCount(df()) when there is none.
  uint32_t ShallowBlock(uint32_t target) const;
  /// Last document of block b (< BlockCount(df())).
  uint32_t BlockLast(uint32_t b) const;
  /// Largest frequency in block b (an upper bound), or kUnboundedFreq when
  /// unknown; the smallest QuantizedNorm of its documents (0 when unknown).
  void BlockBound(uint32_t b, uint32_t* max_freq, uint32_t* min_norm) const;

 private:
  bool LoadBlock(uint32_t b);
  bool LoadOwnedBlock(uint32_t b);
  bool LoadExceptionalBlock(const char* p, uint32_t dh, uint32_t fh);
  const char* PackedEnd(const char* p, uint32_t bits, bool pfor) const;
  void Unpack(const char* p, uint32_t bits, bool pfor, uint32_t* out) const;
  void Stop(bool corrupt);
  bool InitSkips(bool packed);
  /// Field `shift`..`shift + width` (bits) of skip entry b.
  uint32_t SkipField(uint32_t b, uint32_t shift, uint32_t width) const;
  uint32_t SkipLast(uint32_t b) const { return SkipField(b, 0, skip_w_[0]); }
  /// The first block from `from` on whose last document is >= target;
  /// nblocks_ when none. Reads the skip table: nblocks_ > 1 only.
  uint32_t FirstBlockReaching(uint32_t from, uint32_t target) const;
  uint32_t NextBlock();
  uint32_t AdvanceBlocks(uint32_t target);
  /// Moves pos_ptr_ past the positions of the documents skipped in the block
  /// and checks that the current one's n positions can fit; false (and
  /// corrupt_) when they cannot.
  bool SkipToCurrentPositions(uint64_t* n);
  /// Index of the first document >= target at or after index `from` of the
  /// block; n_ when none. Short hops scan, longer ones search without branches.
  uint32_t FindInBlock(uint32_t from, uint32_t target) const {
    for (uint32_t end = from + 4 < n_ ? from + 4 : n_; from < end; ++from) {
      if (docs_[from] >= target) return from;
    }
    if (from >= n_ || docs_[n_ - 1] < target) return n_;
    const uint32_t* base = docs_ + from;
    uint32_t len = n_ - from;  // docs_[n_ - 1] >= target: the answer is in [base, base + len)
    while (len > 1) {
      const uint32_t half = len / 2;
      base = base[half - 1] < target ? base + half : base;
      len -= half;
    }
    return static_cast<uint32_t>(base - docs_);
  }

  const char* post_ = nullptr;
  const char* post_end_ = nullptr;
  const char* blocks_ = nullptr;  // start of the first block
  const char* pos_begin_ = nullptr;
  const char* pos_end_ = nullptr;
  uint64_t pos_base_ = 0;
  uint32_t df_ = 0;
  uint32_t nblocks_ = 0;
  uint32_t block_ = 0;  // current block
  uint32_t n_ = 0;      // docs in the current block
  uint32_t i_ = 0;      // index in the current block
  uint32_t doc_ = kNoDoc;
  bool positional_ = false;
  bool corrupt_ = false;
  bool docs_only_ = false;
  bool pfor_ = true;
  const ChunkCheck* post_check_ = nullptr;
  const ChunkCheck* pos_check_ = nullptr;
  const char* skips_ = nullptr;   // skip entries (lists of several blocks)
  uint8_t skip_w_[3] = {};        // their fields' widths: last doc, block, positions
  uint32_t skip_bits_ = 0;        // bits per entry
  const char* bounds_ = nullptr;  // block bounds (version 3, lists of several blocks)
  uint32_t single_last_ = 0;      // lists of one block: the last doc
  uint32_t single_max_freq_ = 0;  // lists of one block: the largest frequency
  // Positions reading state inside the current block.
  const char* pos_ptr_ = nullptr;
  const char* pos_block_ = nullptr;  // the current block's first position byte
  uint32_t pos_i_ = 0;               // index of the doc whose positions start at pos_ptr_
  // Version 10: the current block's codes, started on first use; its next
  // code is the first of document pos_i_ (which may be one past the current
  // document, once its positions are read).
  PositionChunkReader chunk_;
  uint64_t read_bit_ = 0;  // the first code of the document read last (pos_i_ - 1)
  bool chunk_started_ = false;
  bool codes_ = true;
  uint32_t docs_[kBlockSize];
  uint32_t freqs_[kBlockSize];
  // InitOwned: the list; else null.
  std::shared_ptr<const OwnedList> own_;
};

}  // namespace dateline::index
