// Posting lists: encoding (for the segment writer) and a cursor (for queries).
// Layout is described in doc/index-format.md, section "Postings".
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace dateline::index {

inline constexpr uint32_t kBlockSize = 128;
inline constexpr uint32_t kNoDoc = std::numeric_limits<uint32_t>::max();

/// Where a term's data lives inside a segment.
struct TermInfo {
  uint32_t df = 0;         // documents containing the term
  uint64_t postings = 0;   // offset in the postings section
  uint64_t positions = 0;  // offset in the positions section (positional terms)
  bool positional = false;
};

/// Appends the postings of one term. `docs` ascending; freqs[i] >= 1; when
/// `positions` is non-null it holds, doc after doc, freqs[i] ascending positions,
/// and the term is positional.
/// Fills info->df/postings/positions (offsets are the buffers' sizes on entry).
void EncodePostings(const uint32_t* docs, const uint32_t* freqs, size_t n,
                    const uint32_t* positions, std::string* post, std::string* pos, TermInfo* info);

/// Iterates over one term's postings. Reads only inside the given sections; on
/// malformed data it stops (doc() == kNoDoc) and sets corrupt().
class PostingsCursor {
 public:
  PostingsCursor() = default;
  void Init(std::string_view post_section, std::string_view pos_section, const TermInfo& info);

  uint32_t doc() const { return doc_; }
  uint32_t freq() const { return freqs_[i_] + 1; }
  uint32_t df() const { return df_; }
  /// Moves to the next document; returns it (kNoDoc at the end).
  uint32_t Next();
  /// Moves to the first document >= target; returns it (kNoDoc at the end).
  uint32_t Advance(uint32_t target);
  /// Positions of the current document (positional terms only), ascending.
  void Positions(std::vector<uint32_t>* out);
  bool corrupt() const { return corrupt_; }

 private:
  bool LoadBlock(uint32_t b);
  void Stop(bool corrupt);

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
  // Positions reading state inside the current block.
  const char* pos_ptr_ = nullptr;
  uint32_t pos_i_ = 0;  // index of the doc whose positions start at pos_ptr_
  uint32_t docs_[kBlockSize];
  uint32_t freqs_[kBlockSize];
};

}  // namespace dateline::index
