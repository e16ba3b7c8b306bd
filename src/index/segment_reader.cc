#include <zstd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cassert>
#include <memory>

#include "index/coding.h"
#include "index/columns.h"
#include "index/segment.h"
#include "util/crc32c.h"

namespace dateline::index {

namespace {

constexpr size_t kHeaderSize = 16;
constexpr size_t kSectionEntry = 24;
constexpr size_t kFooterTail = 24;  // count, version, crc, pad, magic

std::atomic<uint64_t> next_reader_uid{1};
// Largest doc store block kept in a thread's cache after a read.
constexpr size_t kMaxKeptBlock = size_t{4} << 20;
// Doc store blocks each thread keeps for reads without a cache: enough for
// the documents of a merged segment read in date order, which come from the
// blocks its inputs each had (version 11 copies them) in turn.
constexpr size_t kThreadBlocks = 16;

struct DCtxFree {
  void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};

// One decompression context per thread, reused (creating one costs more than
// decompressing a small block).
ZSTD_DCtx* ThreadDCtx() {
  thread_local std::unique_ptr<ZSTD_DCtx, DCtxFree> ctx(ZSTD_createDCtx());
  return ctx.get();
}

}  // namespace

Status SegmentReader::Open(const std::string& path, std::unique_ptr<SegmentReader>* out) {
  std::unique_ptr<SegmentReader> r(new SegmentReader());
  r->uid_ = next_reader_uid.fetch_add(1, std::memory_order_relaxed);
  DL_RETURN_IF_ERROR(file::MappedFile::Open(path, &r->file_));
  DL_RETURN_IF_ERROR(r->Parse());
  *out = std::move(r);
  return Status::OK();
}

Status SegmentReader::Parse() {
  const std::string_view d = file_->data();
  const std::string& name = file_->path();
  if (d.size() < kHeaderSize + kFooterTail) return Status::Corruption(name + ": file too short");
  if (std::memcmp(d.data(), kSegmentMagic, 8) != 0 ||
      std::memcmp(d.data() + d.size() - 8, kSegmentMagic, 8) != 0) {
    return Status::Corruption(name + ": not a dateline segment (bad magic)");
  }
  const uint32_t version = DecodeFixed32(d.data() + 8);
  if (version < kOldestSegmentVersion || version > kSegmentVersion) {
    return Status::Corruption(name + ": unsupported segment version " + std::to_string(version));
  }
  version_ = version;
  nsections_ = SectionCount(version);
  const size_t footer_size = nsections_ * kSectionEntry + kFooterTail;
  if (d.size() < kHeaderSize + footer_size) return Status::Corruption(name + ": file too short");
  const char* footer = d.data() + d.size() - footer_size;
  const char* tail = footer + nsections_ * kSectionEntry;
  if (DecodeFixed32(tail) != nsections_ || DecodeFixed32(tail + 4) != version ||
      DecodeFixed32(tail + 8) != crc32c::Value(footer, nsections_ * kSectionEntry + 8)) {
    return Status::Corruption(name + ": bad footer checksum");
  }
  for (uint32_t s = 0; s < nsections_; ++s) {
    const char* e = footer + s * kSectionEntry;
    const uint64_t off = DecodeFixed64(e), size = DecodeFixed64(e + 8);
    if (off < kHeaderSize || off > d.size() - footer_size || size > d.size() - footer_size - off) {
      return Status::Corruption(name + ": section " + std::to_string(s) + " out of bounds");
    }
    if (off % 8 != 0) {  // the writer pads every section to a multiple of 8 bytes
      return Status::Corruption(name + ": section " + std::to_string(s) + " misaligned");
    }
    sections_[s] = d.substr(off, size);
    if (!(version >= 4 && IsLazySection(s)) &&
        crc32c::Value(sections_[s]) != DecodeFixed32(e + 16)) {
      return Status::Corruption(name + ": checksum mismatch in section " + std::to_string(s));
    }
  }
  DL_RETURN_IF_ERROR(ParseChunkSums());
  DL_RETURN_IF_ERROR(ParseMeta());
  DL_RETURN_IF_ERROR(ParseDictIndex());
  DL_RETURN_IF_ERROR(ParseIds());
  DL_RETURN_IF_ERROR(ParseBlockBounds());
  return ParseDocStoreIndex();
}

// Chunk sums section (version 4): for each of kLazySections, in order,
// ChunkCount(size) CRC-32C values (u32).
Status SegmentReader::ParseChunkSums() {
  if (version_ < 4) return Status::OK();
  const std::string_view sums = sections_[kChunkSums];
  uint64_t need = 0;
  for (Section s : kLazySections) need += ChunkCount(sections_[s].size()) * 4;
  if (need != sums.size()) {
    return Status::Corruption(file_->path() + ": bad chunk sums section size");
  }
  const char* at = sums.data();
  for (Section s : kLazySections) {
    checks_[s].Init(sections_[s], at);
    at += ChunkCount(sections_[s].size()) * 4;
  }
  return Status::OK();
}

Status SegmentReader::Damage() const {
  for (Section s : kLazySections) {
    const int64_t c = checks_[s].damaged();
    if (c >= 0) {
      return Status::Corruption(path() + ": checksum mismatch in section " + std::to_string(s) +
                                ", chunk " + std::to_string(c));
    }
  }
  return Status::OK();
}

// Block bounds section: u32 n; n entries {u64 postings offset, u32 first bound},
// ascending by offset; then the bounds (kBlockBoundBytes each).
Status SegmentReader::ParseBlockBounds() {
  if (version_ < 3) return Status::OK();
  const std::string_view s = sections_[kBlockBounds];
  const std::string& name = file_->path();
  if (s.size() < 4) return Status::Corruption(name + ": block bounds section too short");
  const uint32_t n = DecodeFixed32(s.data());
  if ((s.size() - 4) / 12 < n || (s.size() - 4 - uint64_t{n} * 12) % kBlockBoundBytes != 0) {
    return Status::Corruption(name + ": bad block bounds section size");
  }
  const uint64_t nbounds = (s.size() - 4 - uint64_t{n} * 12) / kBlockBoundBytes;
  for (uint32_t i = 0; i < n; ++i) {
    const char* e = s.data() + 4 + uint64_t{i} * 12;
    if (DecodeFixed32(e + 8) > nbounds ||
        (i > 0 && (DecodeFixed64(e) <= DecodeFixed64(e - 12) ||
                   DecodeFixed32(e + 8) < DecodeFixed32(e - 4)))) {
      return Status::Corruption(name + ": bad block bounds entry " + std::to_string(i));
    }
  }
  bound_lists_ = n;
  return Status::OK();
}

const char* SegmentReader::FindBounds(uint64_t postings, uint32_t nblocks) const {
  const std::string_view s = sections_[kBlockBounds];
  uint32_t lo = 0, hi = bound_lists_;
  const char* table = s.data() + 4;
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (DecodeFixed64(table + uint64_t{mid} * 12) < postings) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == bound_lists_ || DecodeFixed64(table + uint64_t{lo} * 12) != postings) return nullptr;
  const uint64_t first = DecodeFixed32(table + uint64_t{lo} * 12 + 8);
  const char* bounds = table + uint64_t{bound_lists_} * 12;
  const uint64_t nbounds = (s.data() + s.size() - bounds) / kBlockBoundBytes;
  return first + nblocks <= nbounds ? bounds + first * kBlockBoundBytes : nullptr;
}

Status SegmentReader::ParseMeta() {
  const std::string_view m = sections_[kMeta];
  const std::string& name = file_->path();
  if (m.size() < 16) return Status::Corruption(name + ": meta section too short");
  doc_count_ = DecodeFixed32(m.data());
  total_length_ = DecodeFixed64(m.data() + 4);
  const uint32_t nlangs = DecodeFixed32(m.data() + 12);
  const char* p = m.data() + 16;
  const char* end = m.data() + m.size();
  for (uint32_t i = 0; i < nlangs; ++i) {
    std::string_view l;
    if (!GetLengthPrefixed(&p, end, &l)) return Status::Corruption(name + ": bad language table");
    langs_.emplace_back(l);
  }
  if (version_ >= 13) {  // bit-packed
    cols_store_ = AllocateColumns(doc_count_);
    if (!DecodeColumns(sections_[kColumns], doc_count_, cols_store_.get())) {
      return Status::Corruption(name + ": bad column section");
    }
    cols_ = cols_store_.get();
  } else if (sections_[kColumns].size() != uint64_t{doc_count_} * sizeof(DocColumns)) {
    return Status::Corruption(name + ": column section size does not match document count");
  } else {
    cols_ = reinterpret_cast<const DocColumns*>(sections_[kColumns].data());
  }
  min_length_ = UINT32_MAX;
  for (uint32_t i = 0; i < doc_count_; ++i) {
    min_length_ = std::min(min_length_, cols_[i].length);
    if (cols_[i].lang >= langs_.size() || cols_[i].first_day > cols_[i].last_day ||
        (i > 0 && cols_[i].first_day < cols_[i - 1].first_day)) {
      return Status::Corruption(name + ": bad columns for document " + std::to_string(i));
    }
  }
  if (doc_count_ == 0) min_length_ = 0;
  return Status::OK();
}

Status SegmentReader::ParseDictIndex() {
  const std::string_view s = sections_[kDictIndex];
  const std::string& name = file_->path();
  if (s.size() < 8) return Status::Corruption(name + ": dictionary index too short");
  const uint32_t n = DecodeFixed32(s.data());
  if (n > (s.size() - 8) / 5) return Status::Corruption(name + ": bad dictionary block count");
  term_count_ = DecodeFixed32(s.data() + 4);
  const char* p = s.data() + 8;
  const char* end = s.data() + s.size();
  block_first_.reserve(n);
  block_offset_.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    std::string_view t;
    if (end - p < 4) return Status::Corruption(name + ": dictionary index truncated");
    const uint32_t off = DecodeFixed32(p);
    p += 4;
    // Blocks in order: a block's bytes end where the next one's start.
    if (!GetLengthPrefixed(&p, end, &t) || off > sections_[kDict].size() ||
        (i > 0 && (t <= block_first_.back() || off < block_offset_.back()))) {
      return Status::Corruption(name + ": bad dictionary index entry " + std::to_string(i));
    }
    block_first_.push_back(t);
    block_key_.push_back(PrefixKey(t));
    block_offset_.push_back(off);
  }
  return Status::OK();
}

// Id table: versions 1 to 8 hold an entry offset per id in id order, then
// per document; version 9 each document's rank in id order, then an offset
// per block of kIdBlock front-coded entries (doc/index-format.md).
Status SegmentReader::ParseIds() {
  const std::string_view s = sections_[kIds];
  const std::string& name = file_->path();
  const uint64_t blocks = IdBlocks(doc_count_);
  // Version 12 packs the ranks at the bits of the largest (doc_count - 1).
  rank_bits_ = version_ >= 12 ? (doc_count_ > 0 ? BitWidth(doc_count_ - 1) : 0) : 32;
  const uint64_t rank_bytes = version_ >= 9 ? PackedBytes(doc_count_, rank_bits_) : 0;
  const uint64_t tables = 4 + (version_ >= 9 ? rank_bytes + blocks * 4 : uint64_t{doc_count_} * 8);
  if (s.size() < tables || DecodeFixed32(s.data()) != doc_count_) {
    return Status::Corruption(name + ": bad id table");
  }
  ids_base_ = s.data() + tables;
  ids_end_ = s.data() + s.size();
  const uint64_t entries = s.size() - tables;
  if (version_ < 9) {
    for (uint32_t i = 0; i < 2 * doc_count_; ++i) {
      if (DecodeFixed32(s.data() + 4 + uint64_t{i} * 4) >= entries) {
        return Status::Corruption(name + ": bad id offset");
      }
    }
    return Status::OK();
  }
  for (uint32_t d = 0; d < doc_count_; ++d) {
    if (RankOf(d) >= doc_count_) {
      return Status::Corruption(name + ": bad id rank of document " + std::to_string(d));
    }
  }
  id_blocks_ = s.data() + 4 + rank_bytes;
  for (uint64_t b = 0; b < blocks; ++b) {
    const uint32_t off = DecodeFixed32(id_blocks_ + b * 4);
    if (off >= entries || (b > 0 && off <= DecodeFixed32(id_blocks_ + (b - 1) * 4))) {
      return Status::Corruption(name + ": bad id block offset " + std::to_string(b));
    }
  }
  return Status::OK();
}

uint32_t SegmentReader::RankOf(uint32_t doc) const {
  const std::string_view s = sections_[kIds];
  return GetBits(s.data() + 4, s.data() + s.size(), uint64_t{doc} * rank_bits_, rank_bits_);
}

std::string_view SegmentReader::IdAt(uint32_t offset_index) const {
  const char* p =
      ids_base_ + DecodeFixed32(sections_[kIds].data() + 4 + uint64_t{offset_index} * 4);
  std::string_view id;
  if (!GetLengthPrefixed(&p, ids_end_, &id)) return {};
  return id;
}

namespace {

// Decodes the front-coded entry at *p after the one in *id (version 9).
bool NextIdEntry(const char** p, const char* end, std::string* id, uint64_t* doc) {
  uint64_t shared;
  std::string_view suffix;
  if (!GetVarint(p, end, &shared) || shared > id->size() || !GetLengthPrefixed(p, end, &suffix) ||
      !GetVarint(p, end, doc)) {
    return false;
  }
  id->resize(shared);
  id->append(suffix);
  return true;
}

}  // namespace

const char* SegmentReader::IdBlockStart(uint32_t block) const {
  return ids_base_ + DecodeFixed32(id_blocks_ + uint64_t{block} * 4);
}

bool SegmentReader::IdOfRank(uint32_t rank, std::string* id, uint64_t* doc) const {
  const char* p = IdBlockStart(rank / kIdBlock);
  id->clear();
  for (uint32_t i = 0; i <= rank % kIdBlock; ++i) {
    if (!NextIdEntry(&p, ids_end_, id, doc)) return false;
  }
  return true;
}

std::string SegmentReader::IdOf(uint32_t doc) const {
  if (doc >= doc_count_) return {};
  if (version_ < 9) return std::string(IdAt(doc_count_ + doc));
  std::string id;
  uint64_t d;
  if (!IdOfRank(RankOf(doc), &id, &d) || d != doc) return {};
  return id;
}

void SegmentReader::IdsOf(std::span<const uint32_t> docs, std::string* out) const {
  const bool staged = version_ >= 9;
  const std::string_view s = sections_[kIds];
  for (uint32_t d : docs) {
    if (d >= doc_count_) continue;
    __builtin_prefetch(&cols_[d]);
    if (staged) __builtin_prefetch(s.data() + 4 + ((uint64_t{d} * rank_bits_) >> 3));
  }
  if (staged) {
    for (uint32_t d : docs) {
      if (d < doc_count_) __builtin_prefetch(id_blocks_ + uint64_t{RankOf(d) / kIdBlock} * 4);
    }
    for (uint32_t d : docs) {
      if (d >= doc_count_) continue;
      const char* p = IdBlockStart(RankOf(d) / kIdBlock);
      if (p < ids_end_) __builtin_prefetch(p);
      if (p + 64 < ids_end_) __builtin_prefetch(p + 64);
    }
  }
  for (size_t i = 0; i < docs.size(); ++i) out[i] = IdOf(docs[i]);
}

// Version 9: binary search of the blocks' first ids, then a scan of one block.
uint32_t SegmentReader::FindIdBlocked(std::string_view id) const {
  uint32_t lo = 0, hi = IdBlocks(doc_count_);  // the block is the last one whose first id <= id
  while (lo < hi) {
    const uint32_t mid = (lo + hi) / 2;
    const char* p = IdBlockStart(mid);
    uint64_t shared;
    std::string_view first;
    if (!GetVarint(&p, ids_end_, &shared) || !GetLengthPrefixed(&p, ids_end_, &first)) {
      return kNoDoc;
    }
    if (first <= id) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == 0) return kNoDoc;
  const uint32_t block = lo - 1;
  const char* p = IdBlockStart(block);
  std::string cur;
  uint64_t d;
  const uint32_t count = std::min(kIdBlock, doc_count_ - block * kIdBlock);
  for (uint32_t i = 0; i < count; ++i) {
    if (!NextIdEntry(&p, ids_end_, &cur, &d)) return kNoDoc;
    if (cur == id) return d < doc_count_ ? static_cast<uint32_t>(d) : kNoDoc;
    if (id < cur) return kNoDoc;
  }
  return kNoDoc;
}

// Store index: u32 block count, (versions 5 to 10) u32 dictionary size, then per
// block {u32 first doc, u64 offset in the store}. Version 11: below.
Status SegmentReader::ParseDocStoreIndex() {
  if (version_ >= 11) return ParseStoreIndexV11();
  const std::string_view s = sections_[kDocStoreIndex];
  const std::string& name = file_->path();
  const size_t head = version_ >= 5 ? 8 : 4;
  if (s.size() < head) return Status::Corruption(name + ": doc store index too short");
  const uint32_t n = DecodeFixed32(s.data());
  if (s.size() != head + uint64_t{n} * 12) {
    return Status::Corruption(name + ": bad doc store index");
  }
  const uint32_t dict_size = version_ >= 5 ? DecodeFixed32(s.data() + 4) : 0;
  if (dict_size > sections_[kDocStore].size()) {
    return Status::Corruption(name + ": doc store dictionary out of bounds");
  }
  if (dict_size > 0) store_dicts_.push_back({0, dict_size});
  for (uint32_t i = 0; i < n; ++i) {
    const char* e = s.data() + head + i * 12;
    store_block_first_.push_back(DecodeFixed32(e));
    store_block_offset_.push_back(DecodeFixed64(e + 4));
    store_block_dict_.push_back(dict_size > 0 ? 0 : -1);
    if (store_block_offset_.back() > sections_[kDocStore].size() ||
        store_block_offset_.back() < dict_size ||
        (i > 0 && store_block_first_[i] <= store_block_first_[i - 1])) {
      return Status::Corruption(name + ": bad doc store block " + std::to_string(i));
    }
  }
  store_block_offset_.push_back(sections_[kDocStore].size());
  store_ddicts_ = std::make_unique<std::atomic<ZSTD_DDict*>[]>(store_dicts_.size());
  return Status::OK();
}

// Version 11: u32 block count B, u32 dictionary count K, u32 locator count L
// (0 or the document count); K x {u64 offset, u32 size}; B x {u32 first
// record, u64 offset, u32 dictionary (0xFFFFFFFF: none)}; L x u32 record.
Status SegmentReader::ParseStoreIndexV11() {
  const std::string_view s = sections_[kDocStoreIndex];
  const std::string& name = file_->path();
  if (s.size() < 12) return Status::Corruption(name + ": doc store index too short");
  const uint32_t nblocks = DecodeFixed32(s.data()), ndicts = DecodeFixed32(s.data() + 4),
                 nloc = DecodeFixed32(s.data() + 8);
  if (s.size() != 12 + uint64_t{ndicts} * 12 + uint64_t{nblocks} * 16 + uint64_t{nloc} * 4 ||
      (nloc != 0 && nloc != doc_count_)) {
    return Status::Corruption(name + ": bad doc store index");
  }
  const uint64_t store_size = sections_[kDocStore].size();
  const char* p = s.data() + 12;
  uint64_t dicts_end = 0;
  for (uint32_t k = 0; k < ndicts; ++k, p += 12) {
    const uint64_t off = DecodeFixed64(p), size = DecodeFixed32(p + 8);
    if (off > store_size || size > store_size - off) {
      return Status::Corruption(name + ": doc store dictionary out of bounds");
    }
    store_dicts_.push_back({off, size});
    dicts_end = std::max(dicts_end, off + size);
  }
  for (uint32_t i = 0; i < nblocks; ++i, p += 16) {
    const uint32_t dict = DecodeFixed32(p + 12);
    store_block_first_.push_back(DecodeFixed32(p));
    store_block_offset_.push_back(DecodeFixed64(p + 4));
    store_block_dict_.push_back(dict == 0xFFFFFFFF ? -1 : static_cast<int32_t>(dict));
    if (store_block_offset_.back() > store_size || store_block_offset_.back() < dicts_end ||
        (dict != 0xFFFFFFFF && dict >= ndicts) ||
        (i > 0 && (store_block_first_[i] <= store_block_first_[i - 1] ||
                   store_block_offset_[i] < store_block_offset_[i - 1]))) {
      return Status::Corruption(name + ": bad doc store block " + std::to_string(i));
    }
  }
  store_block_offset_.push_back(store_size);
  // The blocks hold every record: the first starts at record 0, the last
  // inside the documents (a document without a record is corruption).
  if ((nblocks == 0) != (doc_count_ == 0) ||
      (nblocks > 0 && (store_block_first_[0] != 0 || store_block_first_.back() >= doc_count_))) {
    return Status::Corruption(name + ": doc store blocks do not hold every document");
  }
  if (nloc != 0) {
    store_locator_ = p;
    for (uint32_t d = 0; d < nloc; ++d) {
      if (DecodeFixed32(p + uint64_t{d} * 4) >= doc_count_) {
        return Status::Corruption(name + ": doc store locator of document " + std::to_string(d));
      }
    }
  }
  store_ddicts_ = std::make_unique<std::atomic<ZSTD_DDict*>[]>(store_dicts_.size());
  return Status::OK();
}

template <typename Fn>
bool SegmentReader::ScanBlock(uint32_t block, Fn&& fn) const {
  const std::string_view dict = sections_[kDict];
  const char* p = dict.data() + block_offset_[block];
  const char* end = block + 1 < block_offset_.size() ? dict.data() + block_offset_[block + 1]
                                                     : dict.data() + dict.size();
  assert(p <= end);  // ParseDictIndex
  if (!checks_[kDict].Verify(p, static_cast<size_t>(end - p))) return false;
  std::string term;
  uint64_t last_post = 0, last_pos = 0;  // version 8: offsets are differences from these
  uint64_t last_ref = 0;                 // version 13: union references, the same
  while (p < end) {
    uint64_t shared, df, post, pos = 0;
    std::string_view suffix;
    if (!GetVarint(&p, end, &shared)) return false;
    const bool also_stem = version_ >= 15 && (shared & 1) != 0;  // the word is its stem too
    if (version_ >= 15) shared >>= 1;
    if (shared > term.size() || !GetLengthPrefixed(&p, end, &suffix)) return false;
    term.resize(shared);
    term.append(suffix);
    if (!GetVarint(&p, end, &df) || (df >> 1) > UINT32_MAX) return false;
    TermInfo info;
    const bool stem = !term.empty() && term[0] == kStemPrefix;
    if (also_stem && stem) return false;
    if (version_ >= 13 && stem && (df & 1) != 0) {  // a union of words' lists
      info.df = static_cast<uint32_t>(df >> 1);
      if (!ScanUnionRefs(&p, end, MaxUnionDocs(version_), &last_ref, &info)) return false;
      if (!GetVarint(&p, end, &info.langs)) return false;
      if (!fn(std::string_view(term), info)) return true;
      continue;
    }
    if (!GetVarint(&p, end, &post)) return false;
    info.positional = (df & 1) != 0;
    if (info.positional && !GetVarint(&p, end, &pos)) return false;
    info.df = static_cast<uint32_t>(df >> 1);
    // Offsets beyond their sections (a wrapped difference) are refused where
    // lists are opened, as absolute ones are.
    if (version_ >= 8) {
      post = last_post += UnZigZag(post);
      if (info.positional) pos = last_pos += UnZigZag(pos);
    }
    info.postings = post;
    info.positions = pos;
    // Version 6: a stem term's language set (0: not recorded); version 15:
    // that of the stem spelled like the word.
    if (version_ >= 6 && stem && !GetVarint(&p, end, &info.langs)) return false;
    info.also_stem = also_stem;
    if (also_stem && !GetVarint(&p, end, &info.stem_langs)) return false;
    if (!fn(std::string_view(term), info)) return true;
  }
  return true;
}

bool SegmentReader::ScanUnionRefs(const char** p, const char* end, uint32_t max_refs,
                                  uint64_t* last_ref, TermInfo* info) {
  uint64_t nrefs;
  if (!GetVarint(p, end, &nrefs) || nrefs == 0 || nrefs > max_refs) return false;
  info->nrefs = static_cast<uint32_t>(nrefs);
  info->refs = *p;
  info->postings = *last_ref;  // the first reference's offset is relative to it
  for (uint64_t r = 0; r < nrefs; ++r) {
    uint64_t delta, df;
    if (!GetVarint(p, end, &delta) || !GetVarint(p, end, &df)) return false;
    *last_ref += UnZigZag(delta);
  }
  return true;
}

bool SegmentReader::Find(std::string_view term, TermInfo* info) const {
  if (FindEntry(term, info)) return true;
  // Version 15: a stem spelled like its word, sharing its list, is a flag on
  // the word's entry.
  TermInfo word;
  if (version_ < 15 || term.empty() || term[0] != kStemPrefix ||
      !FindEntry(term.substr(1), &word) || !word.also_stem) {
    return false;
  }
  *info = StemOfWord(word);
  return true;
}

TermInfo SegmentReader::StemOfWord(const TermInfo& word) {
  TermInfo stem;
  stem.df = word.df;
  stem.postings = word.postings;
  stem.langs = word.stem_langs;
  return stem;
}

uint32_t SegmentReader::BlocksUpTo(std::string_view term) const {
  // The keys order the blocks as their first terms do; only blocks of equal
  // keys need their terms compared.
  const uint64_t key = PrefixKey(term);
  const auto hi = std::upper_bound(block_key_.begin(), block_key_.end(), key);
  const auto lo = std::lower_bound(block_key_.begin(), hi, key);
  const auto first = block_first_.begin();
  return static_cast<uint32_t>(
      std::upper_bound(first + (lo - block_key_.begin()), first + (hi - block_key_.begin()), term) -
      first);
}

bool SegmentReader::FindEntry(std::string_view term, TermInfo* info) const {
  const uint32_t upto = BlocksUpTo(term);
  if (upto == 0) return false;
  const uint32_t block = upto - 1;
  bool found = false;
  ScanBlock(block, [&](std::string_view t, const TermInfo& ti) {
    if (t < term) return true;
    if (t == term) {
      *info = ti;
      found = true;
    }
    return false;
  });
  return found;
}

void SegmentReader::DictCursor::Entries::Load(const SegmentReader* r, uint32_t b) {
  n = 0;
  i = 0;
  block = b;
  if (b >= r->block_first_.size()) return;
  // The strings of the previous block are reused: no allocation per term.
  if (!r->ScanBlock(b, [this](std::string_view t, const TermInfo& info) {
        if (n == entries.size()) entries.emplace_back();
        entries[n].first.assign(t);
        entries[n++].second = info;
        return true;
      })) {
    corrupt = true;
    n = 0;
  }
}

void SegmentReader::DictCursor::Entries::Seek(const SegmentReader* r, std::string_view target) {
  const uint32_t upto = r->BlocksUpTo(target);
  Load(r, upto == 0 ? 0 : upto - 1);
  while (valid() && term() < target) Next(r);
}

void SegmentReader::DictCursor::Entries::Next(const SegmentReader* r) {
  if (++i < n) return;
  Load(r, block + 1);
}

// The smallest stem a flag can stand for: kStemPrefix and a word (IsWordTerm).
constexpr std::string_view kFirstFlagStem("\x02\x20", 2);

void SegmentReader::DictCursor::Seek(std::string_view target) {
  entries_.Seek(r_, target);
  stems_ready_ = stem_valid_ = false;
  stem_floor_.assign(target);
  Pick();
}

void SegmentReader::DictCursor::Next() {
  if (on_stem_) {
    words_.Next(r_);
    NextStem();
  } else {
    entries_.Next(r_);
  }
  Pick();
}

void SegmentReader::DictCursor::Pick() {
  // No stem flag can come before an entry below kFirstFlagStem: words_ is
  // placed only once one may (most walks never reach the stems).
  // A floor past the stems leaves none to place.
  const std::string_view floor = stem_floor_;
  if (!stems_ready_ && (!entries_.valid() || entries_.term() >= kFirstFlagStem)) {
    stems_ready_ = true;
    if (r_->version_ >= 15 && !corrupt() && (floor.empty() || floor[0] <= kStemPrefix)) {
      const std::string_view word = floor.empty() || floor[0] < kStemPrefix ? "" : floor.substr(1);
      words_.Seek(r_, std::max(word, kFirstFlagStem.substr(1)));
      NextStem();
    }
  }
  on_stem_ = stem_valid_ && (!entries_.valid() || std::string_view(stem_term_) < entries_.term());
}

void SegmentReader::DictCursor::NextStem() {
  while (words_.valid() && !words_.info().also_stem) words_.Next(r_);
  stem_valid_ = words_.valid();
  if (!stem_valid_) return;
  stem_term_.assign(1, kStemPrefix);
  stem_term_ += words_.term();
  stem_info_ = StemOfWord(words_.info());
}

Status SegmentReader::ForEachTerm(
    const std::function<bool(std::string_view, const TermInfo&)>& fn) const {
  DictCursor c(this);
  for (; c.valid(); c.Next()) {
    if (!fn(c.term(), c.info())) return Status::OK();
  }
  if (c.corrupt()) {
    return Status::Corruption(path() + ": bad dictionary block " + std::to_string(c.bad_block()));
  }
  return Status::OK();
}

void SegmentReader::OpenCursor(const TermInfo& info, PostingsCursor* cursor) const {
  if (info.refs != nullptr) {
    OpenUnion(info, cursor);
    return;
  }
  cursor->Init(sections_[kPostings], sections_[kPositions], info, &checks_[kPostings],
               &checks_[kPositions], /*pfor=*/version_ >= 7, /*codes=*/version_ >= 10,
               /*packed_skips=*/version_ >= 12);
  const uint32_t nblocks = BlockCount(info.df);
  if (nblocks > 1 && bound_lists_ > 0) cursor->SetBounds(FindBounds(info.postings, nblocks));
}

namespace {

// Sorts `v` by its high 32 bits (a document below 2^bits), keeping the order
// of equal ones: least significant byte first, one counting pass per byte.
void SortByDocument(std::vector<uint64_t>* v, uint32_t bits) {
  thread_local std::vector<uint64_t> tmp;
  tmp.resize(v->size());
  for (uint32_t shift = 32; shift < 32 + bits; shift += 8) {
    uint32_t count[257] = {};
    for (const uint64_t x : *v) ++count[((x >> shift) & 0xFF) + 1];
    for (int b = 0; b < 256; ++b) count[b + 1] += count[b];
    for (const uint64_t x : *v) tmp[count[(x >> shift) & 0xFF]++] = x;
    v->swap(tmp);
  }
}

// Starts `cursor` on a union held in memory: one block as a copy, more
// through the shared list.
void InitUnion(std::shared_ptr<const PostingsCursor::OwnedList> list, PostingsCursor* cursor) {
  const auto n = static_cast<uint32_t>(list->docs.size());
  if (n > kBlockSize) {
    cursor->InitOwned(std::move(list));
  } else {
    cursor->InitBlock(list->docs.data(), list->freqs.data(), n);
  }
}

}  // namespace

void SegmentReader::OpenUnion(const TermInfo& info, PostingsCursor* cursor) const {
  std::shared_ptr<const PostingsCursor::OwnedList> kept;
  {
    std::lock_guard<std::mutex> lock(unions_mu_);
    if (auto it = unions_.find(info.refs); it != unions_.end()) kept = it->second;
  }
  if (kept != nullptr) {
    InitUnion(std::move(kept), cursor);
    return;
  }
  // Every word's postings, as (document << 32 | frequency minus one), sorted
  // by document; a document in several words' lists then has its
  // frequencies added. (Merging the lists in turn took O(documents x words):
  // a stem may have dozens of words, in Arabic.)
  thread_local std::vector<uint64_t> all;
  all.clear();
  const uint32_t max_docs = MaxUnionDocs(version_);
  const std::string_view dict = sections_[kDict];
  const char* p = info.refs;
  const char* end = dict.data() + dict.size();
  uint64_t off = info.postings;
  bool ok = info.df <= max_docs;
  PostingsCursor c;
  for (uint32_t r = 0; ok && r < info.nrefs; ++r) {
    uint64_t delta, df;
    ok = GetVarint(&p, end, &delta) && GetVarint(&p, end, &df) && df >= 1 && df <= info.df;
    if (!ok) break;
    off += UnZigZag(delta);
    TermInfo word;  // read without positions
    word.df = static_cast<uint32_t>(df);
    word.postings = off;
    OpenCursor(word, &c);
    const size_t before = all.size();
    for (uint32_t b = 0; b < BlockCount(word.df); ++b) {  // block 0 is loaded
      if ((b == 0 ? c.doc() : c.SeekBlock(b)) == kNoDoc) break;
      const size_t at = all.size();
      all.resize(at + c.block_size());
      for (uint32_t i = 0; i < c.block_size(); ++i) {
        all[at + i] = uint64_t{c.block_docs()[i]} << 32 | c.block_freqs()[i];
      }
    }
    ok = !c.corrupt() && all.size() - before == df;
  }
  if (ok && info.nrefs > 1) SortByDocument(&all, std::bit_width(doc_count_));
  thread_local std::vector<uint32_t> docs, freqs;  // frequencies minus one
  docs.clear();
  freqs.clear();
  for (size_t i = 0; ok && i < all.size(); ++i) {
    const auto d = static_cast<uint32_t>(all[i] >> 32), f = static_cast<uint32_t>(all[i]);
    if (!docs.empty() && docs.back() == d) {  // in several words' lists: (fa + 1) + (f + 1) - 1
      ok = uint64_t{freqs.back()} + f + 1 < UINT32_MAX;
      freqs.back() += f + 1;
    } else {
      ok = docs.size() < max_docs && d < doc_count_;
      docs.push_back(d);
      freqs.push_back(f);
    }
  }
  ok = ok && docs.size() == info.df;
  if (!ok) {
    cursor->InitBlock(nullptr, nullptr, 0);
    return;
  }
  // Kept from its second read on (lists of one block too: merging their
  // words' lists was about 15% of a count query at 10,000 articles); a merge
  // or a check reads each list once, and a list of one block that is not
  // kept is read from the arrays, with no list built to keep.
  const auto n = static_cast<uint32_t>(docs.size());
  if (n <= kBlockSize) {
    bool keep;
    {
      std::lock_guard<std::mutex> lock(unions_mu_);
      keep = KeepsUnion(info.refs, 2 * sizeof(uint32_t) * n);
    }
    if (!keep) {
      cursor->InitBlock(docs.data(), freqs.data(), n);
      return;
    }
  }
  auto list = std::make_shared<PostingsCursor::OwnedList>();
  list->docs = docs;
  list->freqs = freqs;
  if (n > kBlockSize) {
    UnionBounds(docs, freqs, &list->bounds);
    list->MakeSkips();
  }
  {
    std::lock_guard<std::mutex> lock(unions_mu_);
    if (KeepsUnion(info.refs, list->bytes())) {
      unions_[info.refs] = list;
      union_bytes_ += list->bytes();
    }
  }
  InitUnion(std::move(list), cursor);
}

bool SegmentReader::KeepsUnion(const char* refs, size_t bytes) const {
  auto [it, first] = unions_.try_emplace(refs);
  return (!first || keep_first_read_) && it->second == nullptr &&
         union_bytes_ + bytes <= kUnionCacheBytes;
}

// The bounds of the blocks of a list held as arrays (frequencies minus one),
// as EncodeBlockBounds computes them. QuantizedNorm grows with the length at
// a given frequency, so it is computed once per block and frequency, for the
// shortest document (frequencies above 16: for each document).
void SegmentReader::UnionBounds(const std::vector<uint32_t>& docs,
                                const std::vector<uint32_t>& freqs, std::string* out) const {
  constexpr uint32_t kFreqs = 16;
  const double avg = average_length();
  for (size_t lo = 0; lo < docs.size(); lo += kBlockSize) {
    const size_t hi = std::min(docs.size(), lo + kBlockSize);
    uint32_t shortest[kFreqs];  // by frequency minus one
    std::fill_n(shortest, kFreqs, UINT32_MAX);
    uint32_t max_freq = 0, min_norm = 0xFFFF;
    for (size_t i = lo; i < hi; ++i) {
      const uint32_t len = cols_[docs[i]].length, f = freqs[i];
      max_freq = std::max(max_freq, f);
      if (f < kFreqs) {
        shortest[f] = std::min(shortest[f], len);
      } else {
        min_norm = std::min(min_norm, QuantizedNorm(len, f + 1, avg));
      }
    }
    for (uint32_t f = 0; f < kFreqs; ++f) {
      if (shortest[f] != UINT32_MAX) {
        min_norm = std::min(min_norm, QuantizedNorm(shortest[f], f + 1, avg));
      }
    }
    PutFixed32(out, std::min(max_freq + 1, kUnboundedFreq) | min_norm << 16);
  }
}

SegmentReader::~SegmentReader() {
  for (size_t k = 0; store_ddicts_ && k < store_dicts_.size(); ++k) {
    ZSTD_freeDDict(store_ddicts_[k].load(std::memory_order_acquire));
  }
}

Status SegmentReader::StoreDict(size_t k, const ZSTD_DDict** out) const {
  std::atomic<ZSTD_DDict*>& slot = store_ddicts_[k];
  *out = slot.load(std::memory_order_acquire);
  if (*out != nullptr) return Status::OK();
  std::lock_guard<std::mutex> lock(store_dict_mu_);
  *out = slot.load(std::memory_order_acquire);
  if (*out != nullptr) return Status::OK();
  std::string_view bytes;
  DL_RETURN_IF_ERROR(StoreDictBytes(k, &bytes));
  ZSTD_DDict* d = ZSTD_createDDict(bytes.data(), bytes.size());  // a copy, once
  if (d == nullptr) return Status::Corruption(path() + ": doc store dictionary undecodable");
  slot.store(d, std::memory_order_release);
  *out = d;
  return Status::OK();
}

Status SegmentReader::StoreDictBytes(size_t k, std::string_view* out) const {
  *out = {};
  if (k >= store_dicts_.size()) return Status::OK();
  const StoreDictRef& d = store_dicts_[k];
  const std::string_view store = sections_[kDocStore];
  if (!checks_[kDocStore].Verify(store.data() + d.offset, d.size)) return Damage();
  *out = store.substr(d.offset, d.size);
  return Status::OK();
}

bool SegmentReader::StoreBlockInfo(size_t b, int* dict, uint32_t* first, uint32_t* count) const {
  assert(b < store_block_first_.size());
  *dict = store_block_dict_[b];
  *first = store_block_first_[b];
  const uint32_t next = b + 1 < store_block_first_.size() ? store_block_first_[b + 1] : doc_count_;
  *count = next >= *first ? next - *first : 0;
  return next >= *first && next <= doc_count_;
}

Status SegmentReader::StoreBlockBytes(size_t b, std::string_view* bytes) const {
  assert(b < store_block_first_.size());
  const std::string_view store = sections_[kDocStore];
  const uint64_t off = store_block_offset_[b], lim = store_block_offset_[b + 1];
  if (lim < off + 4) return Status::Corruption(path() + ": doc store block truncated");
  if (!checks_[kDocStore].Verify(store.data() + off, lim - off)) return Damage();
  *bytes = store.substr(off, lim - off);
  if (ZSTD_getFrameContentSize(bytes->data() + 4, bytes->size() - 4) !=
      DecodeFixed32(bytes->data())) {
    return Status::Corruption(path() + ": doc store block " + std::to_string(b) + " size mismatch");
  }
  return Status::OK();
}

Status SegmentReader::GetDocument(uint32_t doc, Document* out, StoreCache* cache) const {
  if (doc >= doc_count_) return Status::InvalidArgument("no such document");
  // Without a cache: the thread's last few blocks, replaced round-robin.
  thread_local std::array<StoreCache, kThreadBlocks> recent;
  thread_local size_t next_victim = 0;
  StoreCache* mine = nullptr;
  if (cache == nullptr) {
    const size_t b = StoreBlockOf(doc);
    for (StoreCache& c : recent) {
      if (c.owner == uid_ && c.block == b) mine = &c;
    }
    if (mine == nullptr) {
      mine = &recent[next_victim];
      next_victim = (next_victim + 1) % kThreadBlocks;
    }
    cache = mine;
  }
  std::string_view rec;
  DL_RETURN_IF_ERROR(GetRecord(doc, &rec, cache));
  const bool ok = DecodeStoredDoc(rec, out);
  if (cache == mine && mine->raw.size() > kMaxKeptBlock) *mine = StoreCache();  // a huge document
  if (!ok) return Status::Corruption(path() + ": bad stored document " + std::to_string(doc));
  return Status::OK();
}

// The store block holding `doc` (< doc_count_); store_block_first_.size()
// when the store index has none.
size_t SegmentReader::StoreBlockOf(uint32_t doc) const {
  const uint32_t rec = RecordOf(doc);
  auto it = std::upper_bound(store_block_first_.begin(), store_block_first_.end(), rec);
  if (it == store_block_first_.begin()) return store_block_first_.size();
  return static_cast<size_t>(it - store_block_first_.begin() - 1);
}

Status SegmentReader::GetRecord(uint32_t doc, std::string_view* out, StoreCache* cache) const {
  if (doc >= doc_count_) return Status::InvalidArgument("no such document");
  const size_t b = StoreBlockOf(doc);
  if (b == store_block_first_.size()) return Status::Corruption(path() + ": doc store index");
  if (cache->owner != uid_ || cache->block != b) DL_RETURN_IF_ERROR(LoadStoreBlock(b, cache));
  const char* p = cache->raw.data();
  const char* end = p + cache->raw.size();
  const uint32_t rec = RecordOf(doc);
  for (uint32_t d = store_block_first_[b]; d <= rec; ++d) {
    if (!GetLengthPrefixed(&p, end, out)) {
      return Status::Corruption(path() + ": doc store record " + std::to_string(d));
    }
  }
  return Status::OK();
}

// Decompresses store block `b` into `cache`.
Status SegmentReader::LoadStoreBlock(size_t b, StoreCache* cache) const {
  const std::string_view store = sections_[kDocStore];
  const uint64_t off = store_block_offset_[b], lim = store_block_offset_[b + 1];
  if (lim < off + 4) return Status::Corruption(path() + ": doc store block truncated");
  if (!checks_[kDocStore].Verify(store.data() + off, lim - off)) return Damage();
  const uint32_t raw_size = DecodeFixed32(store.data() + off);
  if (ZSTD_getFrameContentSize(store.data() + off + 4, lim - off - 4) != raw_size) {
    return Status::Corruption(path() + ": doc store block " + std::to_string(b) + " size mismatch");
  }
  cache->block = static_cast<size_t>(-1);
  cache->raw.resize(raw_size);
  ZSTD_DCtx* dctx = ThreadDCtx();
  if (dctx == nullptr) return Status::IOError("out of memory for a zstd context");
  const ZSTD_DDict* ddict = nullptr;
  if (store_block_dict_[b] >= 0) DL_RETURN_IF_ERROR(StoreDict(store_block_dict_[b], &ddict));
  const char* src = store.data() + off + 4;
  const size_t n =
      ddict != nullptr
          ? ZSTD_decompress_usingDDict(dctx, cache->raw.data(), raw_size, src, lim - off - 4, ddict)
          : ZSTD_decompressDCtx(dctx, cache->raw.data(), raw_size, src, lim - off - 4);
  if (ZSTD_isError(n) || n != raw_size) {
    return Status::Corruption(path() + ": doc store block " + std::to_string(b) + " undecodable");
  }
  cache->block = b;
  cache->owner = uid_;
  return Status::OK();
}

uint32_t SegmentReader::FindId(std::string_view id) const {
  if (version_ >= 9) return FindIdBlocked(id);
  const char* offs = sections_[kIds].data() + 4;
  uint32_t lo = 0, hi = doc_count_;
  while (lo < hi) {
    const uint32_t mid = (lo + hi) / 2;
    const char* p = ids_base_ + DecodeFixed32(offs + uint64_t{mid} * 4);
    std::string_view cur;
    uint64_t d;
    if (!GetLengthPrefixed(&p, ids_end_, &cur) || !GetVarint(&p, ids_end_, &d)) return kNoDoc;
    if (cur == id) return d < doc_count_ ? static_cast<uint32_t>(d) : kNoDoc;
    if (cur < id) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return kNoDoc;
}

void SegmentReader::FindIds(std::span<const std::string_view> ids, uint32_t* out) const {
  // A binary search costs about log2(doc_count) entry decodes, a walk one per
  // entry: walk when the ids are more than doc_count / 16.
  if (ids.size() * 16 < doc_count_) {
    for (size_t i = 0; i < ids.size(); ++i) out[i] = FindId(ids[i]);
    return;
  }
  const char* offs = sections_[kIds].data() + 4;
  const char* p = ids_base_;
  std::string cur_bytes;
  size_t i = 0;
  for (uint32_t rank = 0; rank < doc_count_ && i < ids.size(); ++rank) {
    std::string_view cur;
    uint64_t d;
    if (version_ >= 9) {
      if (rank % kIdBlock == 0) cur_bytes.clear();
      if (!NextIdEntry(&p, ids_end_, &cur_bytes, &d)) break;
      cur = cur_bytes;
    } else {
      p = ids_base_ + DecodeFixed32(offs + uint64_t{rank} * 4);
      if (!GetLengthPrefixed(&p, ids_end_, &cur) || !GetVarint(&p, ids_end_, &d)) break;
    }
    while (i < ids.size() && ids[i] < cur) out[i++] = kNoDoc;
    while (i < ids.size() && ids[i] == cur)
      out[i++] = d < doc_count_ ? static_cast<uint32_t>(d) : kNoDoc;
  }
  for (; i < ids.size(); ++i) out[i] = kNoDoc;
}

Status SegmentReader::CheckDeep() const {
  // Section checksums again (the file may have changed since it was opened).
  const std::string_view d = file_->data();
  const char* footer = d.data() + d.size() - (nsections_ * kSectionEntry + kFooterTail);
  for (uint32_t s = 0; s < nsections_; ++s) {
    if (crc32c::Value(sections_[s]) != DecodeFixed32(footer + s * kSectionEntry + 16)) {
      return Status::Corruption(path() + ": checksum mismatch in section " + std::to_string(s));
    }
  }
  for (Section s : kLazySections) {  // and every chunk sum (version 4)
    if (!checks_[s].Verify(sections_[s].data(), sections_[s].size())) return Damage();
  }
  std::vector<uint32_t> positions;
  uint64_t terms = 0;
  Status st;
  Status s = ForEachTerm([&](std::string_view term, const TermInfo& info) {
    ++terms;
    PostingsCursor c;
    OpenCursor(info, &c);
    uint32_t n = 0, prev = 0;
    uint64_t langs = 0;
    for (uint32_t d = c.doc(); d != kNoDoc; d = c.Next(), ++n) {
      if (d >= doc_count_ || (n > 0 && d <= prev)) {
        st = Status::Corruption(path() + ": bad posting list for a term");
        return false;
      }
      prev = d;
      langs |= LangBit(cols_[d].lang);
      if (info.positional) {
        c.Positions(&positions);
        if (positions.size() != c.freq() || !std::is_sorted(positions.begin(), positions.end())) {
          st = Status::Corruption(path() + ": bad positions for a term");
          return false;
        }
      }
    }
    if (c.corrupt() || n != info.df) {
      st = Status::Corruption(path() + ": posting list of '" + std::string(term) +
                              "' does not decode to its document frequency");
      return false;
    }
    // A recorded language set (version 6) is the set of the documents' languages.
    if (info.langs != 0 && (info.langs != langs || langs_.size() > 64)) {
      st = Status::Corruption(path() + ": language set of '" + std::string(term) +
                              "' does not match its documents");
      return false;
    }
    return true;
  });
  DL_RETURN_IF_ERROR(s);
  DL_RETURN_IF_ERROR(st);
  DL_RETURN_IF_ERROR(CheckBlockBounds());
  // Documents in store order (a block decompressed once); each record is
  // one document's.
  std::vector<uint32_t> by_record(doc_count_, kNoDoc);
  for (uint32_t d = 0; d < doc_count_; ++d) {
    uint32_t& slot = by_record[RecordOf(d)];
    if (slot != kNoDoc) {
      return Status::Corruption(path() + ": doc store locator gives two documents one record");
    }
    slot = d;
  }
  Document doc;
  StoreCache cache;
  for (const uint32_t d : by_record) {
    DL_RETURN_IF_ERROR(GetDocument(d, &doc, &cache));
    if (FindId(doc.id) != d || IdOf(d) != doc.id) {
      return Status::Corruption(path() + ": id table does not map '" + doc.id + "' to its doc");
    }
  }
  return Status::OK();
}

// Version 3: every list of several blocks has bounds, equal to those its
// postings and the document lengths give, and the section holds nothing else.
Status SegmentReader::CheckBlockBounds() const {
  if (version_ < 3) return Status::OK();
  std::vector<uint32_t> lengths(doc_count_);
  for (uint32_t d = 0; d < doc_count_; ++d) lengths[d] = cols_[d].length;
  const BoundNorms norms(lengths.data(), doc_count_, average_length());
  std::vector<std::pair<uint64_t, uint32_t>> lists;  // (postings offset, blocks)
  std::string want;
  Status st;
  Status s = ForEachTerm([&](std::string_view term, const TermInfo& info) {
    const uint32_t nblocks = BlockCount(info.df);
    // A union stem's bounds are computed when it is read (OpenUnion).
    if (nblocks <= 1 || info.refs != nullptr) return true;
    PostingsCursor c;
    OpenCursor(info, &c);
    const char* have = FindBounds(info.postings, nblocks);
    want.clear();
    if (have == nullptr || !EncodeBlockBounds(&c, norms, &want) ||
        std::memcmp(have, want.data(), want.size()) != 0) {
      st = Status::Corruption(path() + ": block bounds of '" + std::string(term) +
                              "' missing or wrong");
      return false;
    }
    lists.emplace_back(info.postings, nblocks);
    return true;
  });
  DL_RETURN_IF_ERROR(s);
  DL_RETURN_IF_ERROR(st);
  // Lists shared by several terms (aliases) count once.
  std::sort(lists.begin(), lists.end());
  lists.erase(std::unique(lists.begin(), lists.end()), lists.end());
  uint64_t blocks = 0;
  for (const auto& l : lists) blocks += l.second;
  const std::string_view sec = sections_[kBlockBounds];
  if (lists.size() != bound_lists_ ||
      blocks != (sec.size() - 4 - uint64_t{bound_lists_} * 12) / kBlockBoundBytes) {
    return Status::Corruption(path() + ": block bounds section has entries of no list");
  }
  return Status::OK();
}

const uint16_t* SegmentReader::short_lengths() const {
  std::call_once(short_lengths_once_, [this] {
    short_lengths_.resize(doc_count_);
    for (uint32_t d = 0; d < doc_count_; ++d) {
      short_lengths_[d] = static_cast<uint16_t>(std::min<uint32_t>(cols_[d].length, 0xFFFF));
    }
  });
  return short_lengths_.data();
}

const uint8_t* SegmentReader::doc_langs() const {
  std::call_once(doc_langs_once_, [this] {
    doc_langs_.resize(doc_count_);
    for (uint32_t d = 0; d < doc_count_; ++d) doc_langs_[d] = cols_[d].lang;
  });
  return doc_langs_.data();
}

}  // namespace dateline::index
