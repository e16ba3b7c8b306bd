#include "index/postings.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "index/chunk_check.h"
#include "index/coding.h"
#include "index/position_codes.h"

namespace dateline::index {

namespace {

// docs[i] = docs[i - 1] + docs[i] + 1 for 0 < i < n (gaps stored minus one),
// four at a time: each group of four is summed within itself by two shifted
// adds, then the previous group's last document is added. The scalar loop
// was a chain of dependent adds, one a document (1,000 x `+week +plan` at
// 1M: 1.21-1.23 s of task-clock with it, 1.14-1.18 s with this).
void GapsToDocs(uint32_t* docs, uint32_t n) {
  uint32_t i = 1;
#if defined(__SSE2__)
  const __m128i one = _mm_set1_epi32(1);
  __m128i carry = _mm_set1_epi32(static_cast<int>(docs[0]));
  for (; i + 4 <= n; i += 4) {
    __m128i x = _mm_add_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(docs + i)), one);
    x = _mm_add_epi32(x, _mm_slli_si128(x, 4));
    x = _mm_add_epi32(x, _mm_slli_si128(x, 8));
    x = _mm_add_epi32(x, carry);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(docs + i), x);
    carry = _mm_shuffle_epi32(x, 0xFF);
  }
#endif
  for (; i < n; ++i) docs[i] += docs[i - 1] + 1;
}

constexpr size_t kSkipEntry = 12;  // last_doc u32, block offset u32, positions offset u32
constexpr size_t kSkipHeader = 3;  // packed skip tables: the widths of the three fields

// Appends the skip table of a list (3 values per block: last document, block
// offset, positions offset) bit-packed at the widths of its largest values
// (segment version 12): the three widths (u8), then per block the values,
// LSB first, the table padded to a whole byte.
void PackSkips(const std::vector<uint32_t>& vals, std::string* out) {
  uint32_t w[3] = {};
  for (size_t i = 0; i < vals.size(); ++i) w[i % 3] = std::max(w[i % 3], BitWidth(vals[i]));
  for (const uint32_t width : w) out->push_back(static_cast<char>(width));
  PackRows(vals.data(), vals.size(), w, 3, out);
}

uint32_t MaxOf(const uint32_t* v, size_t n) {
  uint32_t m = 0;
  for (size_t i = 0; i < n; ++i) m |= v[i];
  return m;
}

// True when the bytes [p, p + n) pass `check` (or there is none).
bool Verified(const ChunkCheck* check, const char* p, size_t n) {
  return check == nullptr || check->Verify(p, n);
}

// Reads a varint of at most 32 bits written by this process (no bounds: the
// pending streams are this process's own bytes).
inline uint32_t ReadVarint(const char** p) {
  const auto* q = reinterpret_cast<const unsigned char*>(*p);
  uint32_t v = *q & 0x7F;
  for (int shift = 7; *q++ & 0x80; shift += 7) v |= static_cast<uint32_t>(*q & 0x7F) << shift;
  *p = reinterpret_cast<const char*>(q);
  return v;
}

// Encodes a list of n documents whose blocks `load(lo, cnt, docs, freqs, w,
// values)` fills: documents lo..lo + cnt - 1 and their freqs, and
// (positional lists) their positions, per document the first, then the
// differences: with `codes` appended to *values and written as a chunk of
// Exp-Golomb codes (segment version 10), else written at *w as LEB128
// varints, moving it on (versions before; `pos_bound`: at most how many
// bytes the whole list writes so, the room made once, then trimmed). With
// `doc_langs`, info->langs is the language set of the documents.
template <typename Load>
void EncodeBlocks(size_t n, bool positional, size_t pos_bound, Load&& load, std::string* post,
                  std::string* pos, TermInfo* info, const uint8_t* doc_langs, bool pfor, bool codes,
                  bool packed_skips) {
  assert(n > 0);
  info->df = static_cast<uint32_t>(n);
  info->postings = post->size();
  info->positions = pos->size();
  info->positional = positional;
  info->langs = 0;
  const size_t nblocks = (n + kBlockSize - 1) / kBlockSize;
  const size_t skip_at = post->size();
  if (nblocks > 1 && !packed_skips) post->resize(post->size() + nblocks * kSkipEntry);
  const size_t blocks_at = post->size();
  thread_local std::vector<uint32_t> skips;  // packed: the entries' values, until the end
  skips.clear();
  const bool varints = positional && !codes;
  if (varints) pos->resize(pos->size() + pos_bound);
  size_t at = info->positions;  // where the next block's varints go
  thread_local std::vector<uint32_t> values;
  uint32_t docs[kBlockSize], freqs[kBlockSize], buf[kBlockSize];
  uint32_t prev = 0;  // the last document of the previous block
  for (size_t b = 0; b < nblocks; ++b) {
    const size_t lo = b * kBlockSize, cnt = std::min<size_t>(kBlockSize, n - lo);
    const uint32_t pos_off = static_cast<uint32_t>((varints ? at : pos->size()) - info->positions);
    if (varints) {
      char* const start = pos->data() + at;
      char* w = start;
      load(lo, cnt, docs, freqs, &w, nullptr);
      at += static_cast<size_t>(w - start);
    } else if (positional) {
      values.clear();
      load(lo, cnt, docs, freqs, nullptr, &values);
      AppendPositionChunk(values.data(), values.size(), pos);
    } else {
      load(lo, cnt, docs, freqs, nullptr, nullptr);
    }
    if (doc_langs != nullptr) info->langs |= LangsOf(docs, cnt, doc_langs);
    if (nblocks > 1) {
      const uint32_t vals[3] = {docs[cnt - 1], static_cast<uint32_t>(post->size() - blocks_at),
                                pos_off};
      if (packed_skips) {
        skips.insert(skips.end(), vals, vals + 3);
      } else {
        std::memcpy(&(*post)[skip_at + b * kSkipEntry], vals, sizeof vals);
      }
    }
    for (size_t i = 0; i < cnt; ++i) {
      buf[i] = lo + i == 0 ? docs[0] : docs[i] - prev - 1;
      prev = docs[i];
    }
    for (size_t i = 0; i < cnt; ++i) --freqs[i];
    size_t dexc = 0, fexc = 0;
    const uint32_t dbits = pfor ? PforWidth(buf, cnt, &dexc) : BitWidth(MaxOf(buf, cnt));
    const uint32_t fbits = pfor ? PforWidth(freqs, cnt, &fexc) : BitWidth(MaxOf(freqs, cnt));
    post->push_back(static_cast<char>(dbits | (dexc > 0 ? kPforFlag : 0)));
    post->push_back(static_cast<char>(fbits | (fexc > 0 ? kPforFlag : 0)));
    PackPfor(post, buf, cnt, dbits);
    PackPfor(post, freqs, cnt, fbits);
  }
  if (varints) pos->resize(at);
  if (nblocks > 1 && packed_skips) {  // its size known now: moved in before the blocks
    thread_local std::string table;
    table.clear();
    PackSkips(skips, &table);
    post->insert(skip_at, table);
  }
}

}  // namespace

void EncodePostings(const uint32_t* docs, const uint32_t* freqs, size_t n,
                    const uint32_t* positions, std::string* post, std::string* pos, TermInfo* info,
                    const uint8_t* doc_langs, bool pfor, bool codes, bool packed_skips) {
  const uint32_t* next = positions;
  size_t total = 0;
  if (positions != nullptr) {
    for (size_t i = 0; i < n; ++i) total += freqs[i];
  }
  EncodeBlocks(
      n, positions != nullptr, total * 5,
      [&](size_t lo, size_t cnt, uint32_t* d, uint32_t* f, char** w, std::vector<uint32_t>* v) {
        std::copy_n(docs + lo, cnt, d);
        std::copy_n(freqs + lo, cnt, f);
        if (next == nullptr) return;
        for (size_t i = 0; i < cnt; ++i) {
          uint32_t last = 0;
          for (uint32_t k = 0; k < f[i]; ++k) {
            if (v != nullptr) {
              v->push_back(next[k] - last);
            } else {
              *w = WritePendingVarint(*w, next[k] - last);
            }
            last = next[k];
          }
          next += f[i];
        }
      },
      post, pos, info, doc_langs, pfor, codes && pfor, packed_skips);
}

void EncodePending(const std::vector<std::string_view>& streams, size_t n, bool positional,
                   std::string* post, std::string* pos, TermInfo* info, const uint8_t* doc_langs) {
  size_t si = 0;  // the stream being read
  const char* at = streams[0].data();
  const char* end = at + streams[0].size();
  uint32_t last = ~0u;  // the stream's last document (none: ~0u, so that doc = delta)
  EncodeBlocks(
      n, positional, /*pos_bound=*/0,  // the codes need no room made ahead
      [&](size_t, size_t cnt, uint32_t* d, uint32_t* f, char**, std::vector<uint32_t>* v) {
        const char* p = at;  // locals for the loop: the captures live in memory
        const char* e = end;
        uint32_t prev = last;
        for (size_t k = 0; k < cnt; ++k) {
          while (p == e) {
            ++si;
            p = streams[si].data();
            e = p + streams[si].size();
            prev = ~0u;
          }
          prev += ReadVarint(&p) + 1;
          d[k] = prev;
          f[k] = ReadVarint(&p);
          if (positional) {
            for (uint32_t i = 0; i < f[k]; ++i) v->push_back(ReadVarint(&p));
          }
        }
        at = p;
        end = e;
        last = prev;
      },
      post, pos, info, doc_langs, /*pfor=*/true, /*codes=*/true, /*packed_skips=*/true);
}

uint32_t QuantizedNorm(uint32_t length, uint32_t freq, double avg_len) {
  const double g = (1 - kBoundB + kBoundB * length / avg_len) / freq;
  const double q = std::floor(g * kNormScale) - 1;
  return q <= 0 ? 0 : q >= 0xFFFF ? 0xFFFF : static_cast<uint32_t>(q);
}

namespace {

// Collects the bound of each block of a list, posting by posting.
class BoundsOfBlocks {
 public:
  BoundsOfBlocks(const BoundNorms& norms, uint32_t df, std::string* out)
      : norms_(norms), df_(df), out_(out) {}
  void Add(uint32_t doc, uint32_t freq) {
    if (n_ % kBlockSize == 0) {
      max_freq_ = 0;
      min_norm_ = 0xFFFF;
    }
    max_freq_ = std::max(max_freq_, freq);
    min_norm_ = std::min(min_norm_, norms_.Of(doc, freq));
    if (n_ % kBlockSize == kBlockSize - 1 || n_ + 1 == df_) {
      PutFixed32(out_, std::min(max_freq_, kUnboundedFreq) | min_norm_ << 16);
    }
    ++n_;
  }
  uint32_t added() const { return n_; }

 private:
  const BoundNorms& norms_;
  uint32_t df_, n_ = 0, max_freq_ = 0, min_norm_ = 0;
  std::string* out_;
};

}  // namespace

BoundNorms::BoundNorms(const uint32_t* lengths, uint32_t ndocs, double avg_len)
    : lengths_(lengths), ndocs_(ndocs), avg_len_(avg_len), once_(ndocs) {
  for (uint32_t d = 0; d < ndocs; ++d) {
    once_[d] = static_cast<uint16_t>(QuantizedNorm(lengths[d], 1, avg_len));
  }
}

bool EncodeBlockBounds(PostingsCursor* c, const BoundNorms& norms, std::string* out) {
  BoundsOfBlocks bounds(norms, c->df(), out);
  for (uint32_t d = c->doc(); d != kNoDoc; d = c->Next()) {
    if (d >= norms.ndocs()) return false;
    bounds.Add(d, c->freq());
  }
  return !c->corrupt() && bounds.added() == c->df();
}

void EncodeBlockBounds(const uint32_t* docs, const uint32_t* freqs, size_t n,
                       const BoundNorms& norms, std::string* out) {
  // The documents' norms and lengths are read far apart (cache misses that
  // took most of the time): requested some postings ahead.
  constexpr size_t kAhead = 16;
  BoundsOfBlocks bounds(norms, static_cast<uint32_t>(n), out);
  for (size_t i = 0; i < std::min(n, kAhead); ++i) norms.Prefetch(docs[i], freqs[i]);
  for (size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) norms.Prefetch(docs[i + kAhead], freqs[i + kAhead]);
    bounds.Add(docs[i], freqs[i]);
  }
}

void PostingsCursor::Init(std::string_view post_section, std::string_view pos_section,
                          const TermInfo& info, const ChunkCheck* post_check,
                          const ChunkCheck* pos_check, bool pfor, bool codes, bool packed_skips) {
  own_.reset();
  pfor_ = pfor;
  codes_ = codes;
  post_check_ = post_check;
  pos_check_ = pos_check;
  df_ = info.df;
  positional_ = info.positional;
  corrupt_ = false;
  docs_only_ = false;
  bounds_ = nullptr;
  nblocks_ = BlockCount(df_);
  post_end_ = post_section.data() + post_section.size();
  pos_begin_ = pos_section.data();
  pos_end_ = pos_section.data() + pos_section.size();
  pos_base_ = info.positions;
  if (df_ == 0 || info.postings >= post_section.size() ||
      (positional_ && info.positions > pos_section.size())) {
    Stop(df_ != 0);
    return;
  }
  post_ = post_section.data() + info.postings;
  if (!InitSkips(packed_skips)) {
    Stop(true);
    return;
  }
  if (!LoadBlock(0)) return;
  doc_ = docs_[0];
  if (nblocks_ == 1) {
    single_last_ = docs_[n_ - 1];
    single_max_freq_ = MaxOf(freqs_, n_) + 1;  // an upper bound of the largest (OR of all)
  }
}

void PostingsCursor::OwnedList::MakeSkips() {
  const auto n = static_cast<uint32_t>(docs.size());
  skips.clear();
  for (uint32_t b = 0; b < BlockCount(n); ++b) {
    PutFixed32(&skips, docs[std::min(n, (b + 1) * kBlockSize) - 1]);
  }
  skips.append(kPackPadding, '\0');
}

void PostingsCursor::InitOwned(std::shared_ptr<const OwnedList> list) {
  assert(list->docs.size() > kBlockSize && list->docs.size() == list->freqs.size());
  df_ = static_cast<uint32_t>(list->docs.size());
  nblocks_ = BlockCount(df_);
  assert(list->bounds.size() == size_t{nblocks_} * kBlockBoundBytes);
  assert(list->skips.size() == size_t{nblocks_} * 4 + kPackPadding);
  own_ = std::move(list);
  post_check_ = pos_check_ = nullptr;
  pos_begin_ = pos_end_ = nullptr;
  positional_ = corrupt_ = docs_only_ = false;
  // A skip table of one 32-bit field (the last document), read by SkipLast;
  // blocks_ is only not null (LoadOwnedBlock copies the blocks).
  skips_ = post_ = blocks_ = own_->skips.data();
  post_end_ = skips_ + own_->skips.size();
  skip_w_[0] = 32;
  skip_w_[1] = skip_w_[2] = 0;
  skip_bits_ = 32;
  bounds_ = own_->bounds.data();
  LoadOwnedBlock(0);
  doc_ = docs_[0];
}

bool PostingsCursor::LoadOwnedBlock(uint32_t b) {
  block_ = b;
  const uint32_t lo = b * kBlockSize;
  n_ = std::min(kBlockSize, df_ - lo);
  std::memcpy(docs_, own_->docs.data() + lo, n_ * sizeof(uint32_t));
  if (!docs_only_) std::memcpy(freqs_, own_->freqs.data() + lo, n_ * sizeof(uint32_t));
  i_ = 0;
  return true;
}

void PostingsCursor::InitBlock(const uint32_t* docs, const uint32_t* freqs, uint32_t n) {
  assert(n <= kBlockSize);
  own_.reset();
  post_ = post_end_ = blocks_ = skips_ = pos_begin_ = pos_end_ = nullptr;
  bounds_ = nullptr;
  post_check_ = pos_check_ = nullptr;
  positional_ = corrupt_ = docs_only_ = false;
  df_ = n;
  nblocks_ = 1;
  block_ = i_ = 0;
  if (n == 0) {
    Stop(true);
    return;
  }
  std::copy_n(docs, n, docs_);
  std::copy_n(freqs, n, freqs_);
  n_ = n;
  doc_ = docs_[0];
  single_last_ = docs_[n - 1];
  single_max_freq_ = *std::max_element(freqs, freqs + n) + 1;
}

// Finds the skip table and the first block; false when they do not fit in
// the section or fail their check.
bool PostingsCursor::InitSkips(bool packed) {
  skips_ = post_;
  blocks_ = post_;
  if (nblocks_ == 1) return true;
  if (!packed) {  // 12 bytes per entry: three fields of 32 bits
    skip_w_[0] = skip_w_[1] = skip_w_[2] = 32;
    skip_bits_ = 96;
    if (uint64_t{nblocks_} * kSkipEntry > static_cast<uint64_t>(post_end_ - post_)) return false;
    blocks_ = post_ + uint64_t{nblocks_} * kSkipEntry;
  } else {
    if (post_end_ - post_ < static_cast<ptrdiff_t>(kSkipHeader) ||
        !Verified(post_check_, post_, kSkipHeader)) {
      return false;
    }
    skip_bits_ = 0;
    for (int f = 0; f < 3; ++f) {
      skip_w_[f] = static_cast<uint8_t>(post_[f]);
      if (skip_w_[f] > 32) return false;
      skip_bits_ += skip_w_[f];
    }
    skips_ = post_ + kSkipHeader;
    const uint64_t bytes = (uint64_t{nblocks_} * skip_bits_ + 7) / 8;
    if (bytes > static_cast<uint64_t>(post_end_ - skips_)) return false;
    blocks_ = skips_ + bytes;
  }
  return blocks_ <= post_end_ && Verified(post_check_, post_, static_cast<size_t>(blocks_ - post_));
}

uint32_t PostingsCursor::SkipField(uint32_t b, uint32_t shift, uint32_t width) const {
  return GetBits(skips_, post_end_, uint64_t{b} * skip_bits_ + shift, width);
}

void PostingsCursor::SetDocsOnly() { docs_only_ = true; }

uint32_t PostingsCursor::ShallowBlock(uint32_t target) const {
  if (doc_ == kNoDoc) return nblocks_;
  if (nblocks_ == 1) return single_last_ >= target ? 0 : 1;
  if (docs_[n_ - 1] >= target) return block_;
  return FirstBlockReaching(block_ + 1, target);
}

uint32_t PostingsCursor::FirstBlockReaching(uint32_t from, uint32_t target) const {
  // Gallop: from, from + 2, from + 6, ... (the step doubling) until a block
  // reaches target, then halve the last step. A walk in document order
  // most often finds the target in the next block or two, where a binary
  // search over all the blocks left took a dozen probes.
  uint32_t lo = from, hi = nblocks_;  // blocks before lo end before target
  for (uint32_t step = 1;; step *= 2) {
    const uint64_t probe = uint64_t{lo} + step - 1;
    if (probe >= nblocks_) break;
    if (SkipLast(static_cast<uint32_t>(probe)) >= target) {
      hi = static_cast<uint32_t>(probe);
      break;
    }
    lo = static_cast<uint32_t>(probe) + 1;
  }
  while (lo < hi) {  // the first block reaching target is in [lo, hi] (hi: none)
    const uint32_t mid = lo + (hi - lo) / 2;
    if (SkipLast(mid) < target) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

uint32_t PostingsCursor::BlockLast(uint32_t b) const {
  assert(b < nblocks_);
  return nblocks_ == 1 ? single_last_ : SkipLast(b);
}

void PostingsCursor::BlockBound(uint32_t b, uint32_t* max_freq, uint32_t* min_norm) const {
  assert(b < nblocks_);
  *max_freq = kUnboundedFreq;
  *min_norm = 0;
  if (nblocks_ == 1) {
    *max_freq = single_max_freq_;
  } else if (bounds_ != nullptr) {
    const uint32_t v = DecodeFixed32(bounds_ + b * kBlockBoundBytes);
    *max_freq = v & 0xFFFF;
    *min_norm = v >> 16;
  }
}

void PostingsCursor::Stop(bool corrupt) {
  doc_ = kNoDoc;
  n_ = 0;
  i_ = 0;
  block_ = nblocks_;
  corrupt_ = corrupt_ || corrupt;
}

// The end of a block's values packed at `bits` from p (with their exceptions
// when `pfor`), checked to lie inside the section; nullptr when they do not.
const char* PostingsCursor::PackedEnd(const char* p, uint32_t bits, bool pfor) const {
  const size_t bytes = PackedBytes(n_, bits);
  if (bits > 32 || static_cast<size_t>(post_end_ - p) < bytes) return nullptr;
  return pfor ? PforExceptionsEnd(p + bytes, post_end_, n_, bits) : p + bytes;
}

// Unpacks the block's values checked by PackedEnd.
void PostingsCursor::Unpack(const char* p, uint32_t bits, bool pfor, uint32_t* out) const {
  const size_t bytes = PackedBytes(n_, bits);
  if (static_cast<size_t>(post_end_ - p) >= bytes + kPackPadding) {
    UnpackBitsPadded(p, n_, bits, out);
  } else {
    UnpackBits(p, n_, bits, out);
  }
  if (pfor) PatchPfor(p + bytes, bits, out);
}

// LoadBlock's part for a block with exceptions (its width bytes, with their
// flags, were dh and fh; its values start at p): gaps packed and their
// exceptions, then frequencies packed and theirs.
bool PostingsCursor::LoadExceptionalBlock(const char* p, uint32_t dh, uint32_t fh) {
  const uint32_t dbits = dh & ~kPforFlag, fbits = fh & ~kPforFlag;
  const bool dx = (dh & kPforFlag) != 0, fx = (fh & kPforFlag) != 0;
  const char* const f = PackedEnd(p, dbits, dx);
  const char* const end = f == nullptr ? nullptr : PackedEnd(f, fbits, fx);
  if (!pfor_ || end == nullptr || !Verified(post_check_, p - 2, static_cast<size_t>(end - p) + 2)) {
    Stop(true);
    return false;
  }
  Unpack(p, dbits, dx, docs_);
  if (!docs_only_) Unpack(f, fbits, fx, freqs_);
  return true;
}

bool PostingsCursor::LoadBlock(uint32_t b) {
  if (own_ != nullptr) return LoadOwnedBlock(b);
  block_ = b;
  uint32_t boff = 0, poff = 0, prev_last = 0;
  if (nblocks_ > 1) {
    boff = SkipField(b, skip_w_[0], skip_w_[1]);
    poff = SkipField(b, skip_w_[0] + skip_w_[1], skip_w_[2]);
    if (b > 0) prev_last = SkipLast(b - 1);
  }
  const char* p = blocks_ + boff;
  n_ = b + 1 < nblocks_ ? kBlockSize : df_ - b * kBlockSize;
  if (p + 2 > post_end_) {
    Stop(true);
    return false;
  }
  const uint32_t dbits = static_cast<unsigned char>(p[0]);
  const uint32_t fbits = static_cast<unsigned char>(p[1]);
  p += 2;
  if (((dbits | fbits) & kPforFlag) != 0) {
    if (!LoadExceptionalBlock(p, dbits, fbits)) return false;
  } else {  // as PackedEnd and Unpack, in one check (taking both through them cost ~3%)
    const size_t db = PackedBytes(n_, dbits), fb = PackedBytes(n_, fbits);
    if (dbits > 32 || fbits > 32 || static_cast<size_t>(post_end_ - p) < db + fb ||
        !Verified(post_check_, p - 2, db + fb + 2)) {
      Stop(true);
      return false;
    }
    if (static_cast<size_t>(post_end_ - p) >= db + fb + kPackPadding) {
      UnpackBitsPadded(p, n_, dbits, docs_);
      if (!docs_only_) UnpackBitsPadded(p + db, n_, fbits, freqs_);
    } else {
      UnpackBits(p, n_, dbits, docs_);
      if (!docs_only_) UnpackBits(p + db, n_, fbits, freqs_);
    }
  }
  if (b > 0) docs_[0] += prev_last + 1;
  GapsToDocs(docs_, n_);
  i_ = 0;
  if (positional_) {
    if (pos_base_ + poff > static_cast<uint64_t>(pos_end_ - pos_begin_)) {
      Stop(true);
      return false;
    }
    pos_ptr_ = pos_block_ = pos_begin_ + pos_base_ + poff;
    pos_i_ = 0;
    chunk_started_ = false;
  }
  return true;
}

uint32_t PostingsCursor::SeekBlock(uint32_t b) {
  assert(b < nblocks_);
  if (corrupt_) return kNoDoc;
  if (blocks_ == nullptr) {  // InitBlock: one block, already in docs_ unless ended
    if (n_ == 0) return kNoDoc;
    i_ = 0;
    return doc_ = docs_[0];
  }
  if (!LoadBlock(b)) return kNoDoc;
  return doc_ = docs_[0];
}

uint32_t PostingsCursor::NextBlock() {
  if (doc_ == kNoDoc) return kNoDoc;
  if (block_ + 1 >= nblocks_ || !LoadBlock(block_ + 1)) {
    Stop(false);
    return kNoDoc;
  }
  return doc_ = docs_[0];
}

uint32_t PostingsCursor::AdvanceBlocks(uint32_t target) {
  // Find the first block whose last doc >= target using the skip table.
  uint32_t b = block_ + 1;
  if (nblocks_ > 1) b = FirstBlockReaching(b, target);
  if (b >= nblocks_ || !LoadBlock(b)) {
    Stop(false);
    return kNoDoc;
  }
  i_ = FindInBlock(0, target);
  if (i_ == n_) {  // the skip table promised a doc >= target in this block
    Stop(true);
    return kNoDoc;
  }
  return doc_ = docs_[i_];
}

void PostingsCursor::Positions(std::vector<uint32_t>* out) {
  out->clear();
  AppendPositions(out);
}

bool PostingsCursor::SkipToCurrentPositions(uint64_t* n) {
  if (codes_ && pos_i_ == i_ + 1) {  // the document just read, asked for again
    chunk_.Seek(read_bit_);
    pos_i_ = i_;
  }
  uint64_t skip = 0;  // positions of the documents before the current one
  for (; pos_i_ < i_; ++pos_i_) skip += uint64_t{freqs_[pos_i_]} + 1;
  *n = uint64_t{freqs_[i_]} + 1;
  if (codes_) {
    if (!chunk_started_ && !chunk_.Start(pos_block_, pos_end_)) {
      corrupt_ = true;
      return false;
    }
    chunk_started_ = true;
    if (skip > 0 && !chunk_.Skip(skip)) {
      corrupt_ = true;
      return false;
    }
    return true;
  }
  const char* p = util::SkipVarints(pos_ptr_, pos_end_, skip);
  if (p == nullptr) {
    corrupt_ = true;
    return false;
  }
  pos_ptr_ = p;
  if (*n > static_cast<uint64_t>(pos_end_ - p)) {  // a varint takes a byte at least
    corrupt_ = true;
    return false;
  }
  return true;
}

void PostingsCursor::AppendPositions(std::vector<uint32_t>* out) {
  if (!positional_ || doc_ == kNoDoc) return;
  uint64_t n;
  if (!SkipToCurrentPositions(&n)) return;
  // A damaged frequency must not reserve more than the section holds (each
  // position takes a bit at least).
  if (n > static_cast<uint64_t>(pos_end_ - pos_block_) * 8) {
    corrupt_ = true;
    return;
  }
  const size_t start = out->size();
  if (out->capacity() < start + n) out->reserve(std::max<size_t>(start + n, 2 * out->capacity()));
  uint32_t last = 0;
  size_t read;  // bytes read since the block started (skipped documents included)
  if (codes_) {
    read_bit_ = chunk_.bit();  // where to go back to if asked again
    uint32_t v;
    for (uint64_t k = 0; k < n; ++k) {
      if (!chunk_.Next(&v)) {
        corrupt_ = true;
        out->resize(start);
        return;
      }
      last += v;
      out->push_back(last);
    }
    read = chunk_.bytes_read();
    pos_i_ = i_ + 1;
  } else {
    const char* p = pos_ptr_;
    uint64_t v;
    for (uint64_t k = 0; k < n; ++k) {
      if (!GetVarint(&p, pos_end_, &v)) {
        corrupt_ = true;
        out->resize(start);
        return;
      }
      last += static_cast<uint32_t>(v);
      out->push_back(last);
    }
    read = static_cast<size_t>(p - pos_block_);
  }
  if (!Verified(pos_check_, pos_block_, read)) {
    corrupt_ = true;
    out->resize(start);
  }
}

}  // namespace dateline::index
