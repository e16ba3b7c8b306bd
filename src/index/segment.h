// Segment files: an immutable, self-checking file holding the inverted index,
// columns and document store of a set of documents, ordered by date.
// Layout: doc/index-format.md, section "Segment file".
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dateline/document.h"
#include "dateline/status.h"
#include "index/chunk_check.h"
#include "index/postings.h"
#include "util/file.h"
#include "util/varint.h"

struct ZSTD_CDict_s;  // zstd.h
struct ZSTD_CCtx_s;
struct ZSTD_DDict_s;

namespace dateline::index {

inline constexpr char kSegmentMagic[8] = {'D', 'L', 'S', 'E', 'G', '0', '0', '1'};
/// Newest version, the one written: 15 (a stem spelled like its word and
/// sharing its list is a flag on the word's entry). Versions 1 (no stored
/// annotations), 2 (no block bounds section), 3 (no chunk sums: every section
/// verified at open), 4 (no store dictionary), 5 (no language sets), 6 (no exceptions in postings
/// blocks), 7 (absolute dictionary offsets), 8 (an offset per id), 9 (LEB128 positions), 10 (one
/// store dictionary, records in document order), 11 (skip tables and id ranks
/// of fixed width), 12 (16-byte columns), 13 (union stems of one block) and 14
/// (stems spelled like their word with entries of their own) are still read.
inline constexpr uint32_t kSegmentVersion = 15;
inline constexpr uint32_t kOldestSegmentVersion = 1;
/// A union stem (TermInfo::refs) has at most this many documents, and as many
/// references, in a segment of `version` (13: one block; 14: eight blocks).
/// Writers make unions of fewer.
inline constexpr uint32_t MaxUnionDocs(uint32_t version) {
  return version >= 14 ? 8 * kBlockSize : kBlockSize;
}
/// Ids per front-coded block of the id table (version 9).
inline constexpr uint32_t kIdBlock = 16;
/// Blocks of the id table of a segment of `docs` documents (version 9).
inline constexpr uint32_t IdBlocks(uint32_t docs) {
  return static_cast<uint32_t>((uint64_t{docs} + kIdBlock - 1) / kIdBlock);
}
/// Bytes of the header (magic, version, zero u32).
inline constexpr uint64_t kSegmentHeaderBytes = 16;

enum Section : uint32_t {
  kPostings = 0,
  kPositions,
  kDict,
  kDictIndex,
  kColumns,
  kDocStore,
  kDocStoreIndex,
  kIds,
  kMeta,
  kBlockBounds,  // version 3
  kChunkSums,    // version 4
  kNumSections
};

/// Sections in a file of the given version.
inline uint32_t SectionCount(uint32_t version) {
  return version >= 4 ? kNumSections : version == 3 ? kNumSections - 1 : kNumSections - 2;
}

/// The sections verified chunk by chunk on first use (version 4), in the
/// order of their sums in section 10; the others are verified whole at open.
inline constexpr Section kLazySections[] = {kPostings, kPositions, kDict, kDocStore};
inline constexpr bool IsLazySection(uint32_t s) {
  return s == kPostings || s == kPositions || s == kDict || s == kDocStore;
}

/// Per-document column values (16 bytes on disk before version 13).
struct DocColumns {
  int32_t first_day;  // days since 1970-01-01
  int32_t last_day;
  uint32_t length;     // words in title + text (BM25 norm)
  uint16_t title_len;  // positions [0, title_len) are the title
  uint8_t lang;        // index into the segment's language table
  uint8_t precision;   // Date::Precision
};
static_assert(sizeof(DocColumns) == 16);

/// Columns decoded from a version 13 segment (AllocateColumns, columns.h).
struct FreeColumns {
  void operator()(DocColumns* p) const;
};
using ColumnArray = std::unique_ptr<DocColumns[], FreeColumns>;

/// Sort key that orders documents in a segment: first day, then span length.
inline int64_t DateOrderKey(int32_t first_day, int32_t last_day) {
  return (int64_t{first_day} << 32) | static_cast<uint32_t>(last_day - first_day);
}

/// A segment's language table: `codes` sorted, at most 256; `ids` maps a code to
/// its index (codes beyond 256 share index 255).
struct LanguageTable {
  std::vector<std::string> codes;
  std::map<std::string, uint8_t> ids;
  /// Builds the table from the (repeated, unordered) codes given.
  template <typename Range>
  static LanguageTable Of(const Range& langs) {
    LanguageTable t;
    for (const auto& l : langs) t.ids.emplace(l, 0);
    for (auto& [l, id] : t.ids) {
      id = static_cast<uint8_t>(std::min<size_t>(t.codes.size(), 255));
      if (t.codes.size() < 256) t.codes.push_back(l);
    }
    return t;
  }
};

/// Prefix byte of stem terms: "\x02" + stem. Other terms are folded words.
/// Stems of all languages share one namespace: a query word is looked up by its
/// stem in each language of the index, and a document is stemmed in its own.
inline constexpr char kStemPrefix = '\x02';
std::string StemTerm(std::string_view stem);

/// Stored form of a document (doc store record).
void EncodeStoredDoc(const Document& doc, std::string* out);
bool DecodeStoredDoc(std::string_view in, Document* doc);
/// True when `in` is a record that EncodeStoredDoc writes exactly as it is
/// once decoded (every field, a canonical date, the annotations field, a
/// confidence of at most 1000): such a record can be copied as its bytes.
/// Sets *id to its id.
bool IsCanonicalStoredDoc(std::string_view in, std::string_view* id);

/// Read access to one segment file, memory-mapped. Thread-compatible: const
/// methods may be called concurrently.
class SegmentReader {
 public:
  /// Opens and verifies the file (magic, version, every section's checksum).
  /// Corruption when the file is damaged, NotFound when it is missing.
  static Status Open(const std::string& path, std::unique_ptr<SegmentReader>* out);

  uint32_t doc_count() const { return doc_count_; }
  /// Keeps the lists of union stems of several blocks from their first read
  /// on, not their second (for readers that serve queries; a merge or a
  /// check reads each list once). Call before the reader is shared.
  void KeepUnionsFirstRead() { keep_first_read_ = true; }
  /// Bytes of union stems' lists kept in memory (OpenCursor keeps those
  /// read twice, or once after KeepUnionsFirstRead, up to 16 MiB).
  size_t kept_union_bytes() const {
    std::lock_guard<std::mutex> lock(unions_mu_);
    return union_bytes_;
  }
  uint64_t term_count() const { return term_count_; }
  uint64_t total_length() const { return total_length_; }
  const std::string& path() const { return file_->path(); }
  uint64_t file_size() const { return file_->data().size(); }
  const std::vector<std::string>& languages() const { return langs_; }
  const DocColumns& columns(uint32_t doc) const { return cols_[doc]; }
  const DocColumns* all_columns() const { return cols_; }
  /// Each document's length (DocColumns::length) as 16 bits, 0xFFFF for
  /// 0xFFFF or more (then read the column): 2 bytes a document rather than
  /// the column's 16, so that scoring touches fewer cache lines. Made at the
  /// first call.
  const uint16_t* short_lengths() const;
  /// Each document's language id (DocColumns::lang), a byte a document, for
  /// the same reason; made at the first call.
  const uint8_t* doc_langs() const;
  uint32_t version() const { return version_; }
  /// Smallest document length in the segment (a lower bound for BM25 bounds).
  uint32_t min_length() const { return min_length_; }
  /// Average document length of the segment (the block bounds' reference).
  double average_length() const {
    return doc_count_ == 0 ? 1.0 : static_cast<double>(total_length_) / doc_count_;
  }

  /// Looks a term up; false when absent.
  bool Find(std::string_view term, TermInfo* info) const;
  /// A cursor over a term's postings, with its block bounds when the file has them.
  /// A union stem's (TermInfo::refs) is its words' lists merged, with the
  /// bounds they give; it is kept in memory from its second read on (first:
  /// KeepUnionsFirstRead), up to 16 MiB per reader.
  /// A list that does not decode leaves the cursor stopped and corrupt().
  void OpenCursor(const TermInfo& info, PostingsCursor* cursor) const;
  /// Keeps the last decompressed doc store block, for sequential reads.
  struct StoreCache {
    uint64_t owner = 0;  // uid() of the reader that filled it
    size_t block = static_cast<size_t>(-1);
    std::string raw;
  };
  /// Reads a stored document. Corruption on a damaged store. Without a cache, a
  /// per-thread cache of the last block read (of any reader) is used.
  Status GetDocument(uint32_t doc, Document* out, StoreCache* cache = nullptr) const;
  /// The stored record of `doc` (EncodeStoredDoc's bytes), valid until
  /// `cache` is used again. Errors as GetDocument's, except that the record
  /// is not decoded.
  Status GetRecord(uint32_t doc, std::string_view* out, StoreCache* cache) const;
  /// A number no other reader of this process has.
  uint64_t uid() const { return uid_; }
  /// Bytes of the document store's first dictionary (version 5), 0 without one.
  uint32_t store_dict_size() const {
    return store_dicts_.empty() ? 0 : static_cast<uint32_t>(store_dicts_[0].size);
  }
  /// The first dictionary's bytes (empty without one). Corruption when damaged.
  Status StoreDictBytes(std::string_view* out) const { return StoreDictBytes(0, out); }
  /// Store dictionaries: one or none before version 11, any number since
  /// (a merge keeps its inputs' with the blocks it copies).
  size_t store_dict_count() const { return store_dicts_.size(); }
  /// Dictionary k's bytes (empty when k is out of range). Corruption when damaged.
  Status StoreDictBytes(size_t k, std::string_view* out) const;
  /// Store blocks, in store order.
  size_t store_block_count() const { return store_block_first_.size(); }
  /// Store block b's dictionary (-1: none) and records [*first, *first +
  /// *count), from the store index alone; false when they are not within the
  /// segment's documents (corruption).
  bool StoreBlockInfo(size_t b, int* dict, uint32_t* first, uint32_t* count) const;
  /// Block b as stored (its u32 raw size, then its zstd frame), checksummed.
  /// Corruption when damaged.
  Status StoreBlockBytes(size_t b, std::string_view* bytes) const;
  /// The store record holding `doc` (< doc_count()): `doc` itself unless a
  /// merge copied blocks (version 11 locator).
  uint32_t RecordOf(uint32_t doc) const {
    return store_locator_ == nullptr ? doc
                                     : util::DecodeFixed32(store_locator_ + uint64_t{doc} * 4);
  }
  /// Local doc number of an id, or kNoDoc.
  uint32_t FindId(std::string_view id) const;
  /// FindId of each of `ids` (sorted, ascending) into out[i]: one walk of the
  /// id table when they are many, else binary searches.
  void FindIds(std::span<const std::string_view> ids, uint32_t* out) const;
  /// Id of a local document, without reading the document store; empty when
  /// `doc` is out of range or its entry is damaged.
  std::string IdOf(uint32_t doc) const;
  /// IdOf of each of `docs` into out[i] (out sized by the caller), and their
  /// columns brought into the cache: the loads each id takes (its rank, its
  /// block's offset, the block's entries) are made for all documents stage
  /// by stage, so that their cache misses overlap instead of following one
  /// another document after document.
  void IdsOf(std::span<const uint32_t> docs, std::string* out) const;
  /// Calls fn(term, info) for every term in order; stops early if fn returns false.
  /// Corruption if the dictionary cannot be decoded.
  Status ForEachTerm(const std::function<bool(std::string_view, const TermInfo&)>& fn) const;
  /// Deep check: decodes every posting list, position and stored document.
  Status CheckDeep() const;
  /// Corruption naming the section and chunk when a read so far met a chunk
  /// whose checksum does not match (version 4 verifies large sections lazily);
  /// OK otherwise. Such a read saw no data: cursors stop as corrupt, lookups
  /// find nothing, GetDocument fails.
  Status Damage() const;
  /// Drops the file's pages from the resident set (see MappedFile::ReleasePages).
  void ReleasePages() const { file_->ReleasePages(); }

  /// Walks the dictionary in order, one block in memory at a time. Stems
  /// that are flags on their word's entry (version 15) come in their place,
  /// as entries of their own (StemOfWord).
  class DictCursor {
   public:
    explicit DictCursor(const SegmentReader* r) : r_(r) {
      entries_.Load(r, 0);
      Pick();
    }
    bool valid() const { return entries_.valid() || stem_valid_; }
    const std::string& term() const { return on_stem_ ? stem_term_ : entries_.term(); }
    const TermInfo& info() const { return on_stem_ ? stem_info_ : entries_.info(); }
    void Next();
    /// Moves to the first term >= `target`.
    void Seek(std::string_view target);
    bool corrupt() const { return entries_.corrupt || words_.corrupt; }
    /// The dictionary block that did not decode (when corrupt()).
    uint32_t bad_block() const { return entries_.corrupt ? entries_.block : words_.block; }

   private:
    // A position among the entries as written.
    struct Entries {
      void Load(const SegmentReader* r, uint32_t b);
      void Seek(const SegmentReader* r, std::string_view target);
      void Next(const SegmentReader* r);
      bool valid() const { return i < n; }
      const std::string& term() const { return entries[i].first; }
      const TermInfo& info() const { return entries[i].second; }
      uint32_t block = 0;
      size_t i = 0;
      size_t n = 0;  // entries of the block (`entries` may hold more, kept for their buffers)
      bool corrupt = false;
      std::vector<std::pair<std::string, TermInfo>> entries;
    };
    // Places the flagged words' cursor, when a stem may come next; then
    // picks the smaller of the two terms.
    void Pick();
    // Moves words_ to the first word from its place on that is also a stem.
    void NextStem();
    const SegmentReader* r_;
    Entries entries_;
    Entries words_;             // at a word that is also a stem (version 15)
    std::string stem_floor_;    // the words_ seek target, until placed
    bool stems_ready_ = false;  // words_ placed
    bool stem_valid_ = false;   // words_ placed, at a word that is also a stem
    bool on_stem_ = false;
    std::string stem_term_;
    TermInfo stem_info_;
  };

  std::string_view section(Section s) const { return sections_[s]; }
  ~SegmentReader();

 private:
  SegmentReader() = default;
  // The prepared store dictionary, made on first use; Corruption when its
  // bytes are damaged or undecodable.
  Status StoreDict(size_t k, const ZSTD_DDict_s** out) const;
  Status ParseStoreIndexV11();
  size_t StoreBlockOf(uint32_t doc) const;
  Status LoadStoreBlock(size_t block, StoreCache* cache) const;
  Status Parse();
  Status ParseMeta();
  Status ParseDictIndex();
  Status ParseIds();
  Status ParseDocStoreIndex();
  Status ParseBlockBounds();
  Status ParseChunkSums();
  Status CheckBlockBounds() const;
  // Bounds of the list at `postings` with `nblocks` blocks, or null.
  const char* FindBounds(uint64_t postings, uint32_t nblocks) const;
  // Reads the references of a union stem's entry at *p into *info (nrefs,
  // refs, postings: the base of the first offset); *last_ref moves past them.
  // False when they do not decode or are more than `max_refs`.
  static bool ScanUnionRefs(const char** p, const char* end, uint32_t max_refs, uint64_t* last_ref,
                            TermInfo* info);
  // The number of dictionary blocks whose first term is <= `term`.
  uint32_t BlocksUpTo(std::string_view term) const;
  // Find without the stems of version 15 that are flags on their word's entry.
  bool FindEntry(std::string_view term, TermInfo* info) const;
  // The entry of the stem spelled like `word` (also_stem), sharing its list.
  static TermInfo StemOfWord(const TermInfo& word);
  // Opens the union of the lists a union stem references (version 13).
  void OpenUnion(const TermInfo& info, PostingsCursor* cursor) const;
  // The bounds of its blocks (kBlockBoundBytes each) of a list held as
  // arrays (frequencies minus one), as EncodeBlockBounds computes them.
  void UnionBounds(const std::vector<uint32_t>& docs, const std::vector<uint32_t>& freqs,
                   std::string* out) const;
  // Decodes the dictionary block starting at `off`; calls fn for each entry.
  template <typename Fn>
  bool ScanBlock(uint32_t block, Fn&& fn) const;

  std::unique_ptr<file::MappedFile> file_;
  std::array<std::string_view, kNumSections> sections_;
  std::array<ChunkCheck, kNumSections> checks_;  // Init only for kLazySections
  uint64_t uid_ = 0;
  uint32_t doc_count_ = 0;
  uint32_t version_ = 0;
  uint32_t nsections_ = 0;
  uint32_t min_length_ = 0;
  uint32_t bound_lists_ = 0;  // lists in the block bounds section
  uint64_t total_length_ = 0;
  uint64_t term_count_ = 0;
  std::vector<std::string> langs_;
  const DocColumns* cols_ = nullptr;  // in the file (versions 1 to 12) or cols_store_
  ColumnArray cols_store_;
  std::vector<std::string_view> block_first_;  // first term of each dictionary block
  std::vector<uint64_t> block_key_;            // its first 8 bytes (PrefixKey)
  std::vector<uint32_t> block_offset_;
  std::string_view IdAt(uint32_t offset_index) const;  // versions 1 to 8
  // Version 9: the entry of rank `rank`, whose block is decoded into *id.
  bool IdOfRank(uint32_t rank, std::string* id, uint64_t* doc) const;
  /// Rank in id order of document `doc` (< doc_count_; version 9 on).
  uint32_t RankOf(uint32_t doc) const;
  uint32_t FindIdBlocked(std::string_view id) const;
  /// Version 9: the first entry of id block `block` (< IdBlocks(doc_count_)).
  const char* IdBlockStart(uint32_t block) const;
  const char* ids_base_ = nullptr;  // start of the id entries
  const char* ids_end_ = nullptr;
  const char* id_blocks_ = nullptr;  // version 9: u32 offset of each block's entries
  uint32_t rank_bits_ = 32;          // bits of each rank (packed since version 12)
  struct StoreDictRef {
    uint64_t offset, size;  // store bytes [offset, offset + size)
  };
  std::vector<StoreDictRef> store_dicts_;
  std::vector<uint32_t> store_block_first_;   // first record of each store block
  std::vector<uint64_t> store_block_offset_;  // and the store's end
  std::vector<int32_t> store_block_dict_;     // -1: none
  const char* store_locator_ = nullptr;       // version 11: the record of each document
  mutable std::mutex store_dict_mu_;
  // Union stems read twice (OpenUnion), by their references (null: read
  // once); at most kUnionCacheBytes of lists.
  static constexpr size_t kUnionCacheBytes = size_t{16} << 20;
  mutable std::mutex unions_mu_;
  mutable std::unordered_map<const char*, std::shared_ptr<const PostingsCursor::OwnedList>> unions_;
  mutable size_t union_bytes_ = 0;
  bool keep_first_read_ = false;
  // Records a read of the union stem of `refs` and says whether its list, of
  // `bytes`, is to be kept (its second read, or its first with
  // keep_first_read_, while the cache has room). Call with unions_mu_ held.
  bool KeepsUnion(const char* refs, size_t bytes) const;
  mutable std::once_flag short_lengths_once_;
  mutable std::vector<uint16_t> short_lengths_;
  mutable std::once_flag doc_langs_once_;
  mutable std::vector<uint8_t> doc_langs_;
  mutable std::unique_ptr<std::atomic<ZSTD_DDict_s*>[]> store_ddicts_;  // one per dictionary
};

/// Postings of consecutive terms encoded apart from a SegmentWriter (for
/// encoding on several threads); offsets in `terms` are relative to post/pos.
struct EncodedTerms {
  std::string post, pos;
  std::vector<std::pair<std::string_view, TermInfo>> terms;
  /// Entries (index into terms) that share the postings of a word term.
  std::vector<std::pair<size_t, std::string_view>> aliases;
  /// Stem entries (index into terms; their info gives df and languages only)
  /// that are the union of the lists of these words (SegmentWriter::AddUnion).
  std::vector<std::pair<size_t, std::vector<std::string_view>>> unions;
  /// When the encoder knew the documents' lengths (a flush): the block bounds
  /// (EncodeBlockBounds) of every list of more than one block, in order, and
  /// how many lists they are; else empty, and the writer decodes the lists again.
  std::string bounds;
  size_t bound_lists = 0;
  /// Optional (a flush): keys that name words without their bytes, so that
  /// the writer finds aliases' and unions' words without sorting names. Per
  /// alias and per word of each union (in entry order, a union's words in
  /// their order), the key of the word; and per entry of `terms` that such a
  /// key names, (index into terms, key). Keys ascend in term order across
  /// everything AddEncoded is given. Empty when not known: the writer then
  /// matches words by name.
  std::vector<uint64_t> word_keys;
  std::vector<std::pair<size_t, uint64_t>> keyed_words;
};

/// A section being written: kept in memory, spilled to a temporary file once
/// it passes a limit, so that large segments (merges) need bounded memory.
class SpillBuffer {
 public:
  explicit SpillBuffer(std::string tmp_path) : tmp_path_(std::move(tmp_path)) {}
  ~SpillBuffer();
  /// The in-memory tail; append to it, then call MaybeSpill().
  std::string& tail() { return tail_; }
  /// Bytes before the tail (already spilled).
  uint64_t base() const { return base_; }
  uint64_t size() const { return base_ + tail_.size(); }
  /// Maps the spilled bytes [0, base()) into *m (left null when none).
  Status MapSpilled(std::unique_ptr<file::MappedFile>* m);
  Status MaybeSpill(size_t limit);
  /// Appends the whole section to `out`, returns its CRC-32C in *crc and
  /// feeds its bytes to *sums.
  Status CopyTo(file::AppendFile* out, uint32_t* crc, ChunkSums* sums);

 private:
  std::string tmp_path_;
  std::string tail_;
  uint64_t base_ = 0;
  std::unique_ptr<file::AppendFile> file_;
  // Of the spilled bytes, summed as they are spilled (CopyTo then only
  // copies them).
  uint32_t spilled_crc_ = 0;
  ChunkSums spilled_sums_;
};

/// Bytes of each section a SegmentWriter keeps in memory by default.
inline constexpr size_t kSegmentSpillBytes = 16 << 20;

/// Builds a segment file. Terms must be added in ascending byte order and
/// documents in doc-number (date) order; the file is complete only once
/// Finish() succeeds. The document store goes straight into the file, right
/// after its header, as it is compressed (the file is created with the
/// store's first bytes); the other sections are written at Finish. A writer
/// destroyed before a successful Finish removes the file.
class SegmentWriter {
 public:
  /// `spill_bytes`: bytes of each section (postings, positions, dictionary
  /// entries) kept in memory before they go to a temporary file.
  explicit SegmentWriter(std::string path, size_t spill_bytes = kSegmentSpillBytes)
      : path_(std::move(path)),
        spill_bytes_(spill_bytes),
        post_(path_ + ".post.tmp"),
        pos_(path_ + ".pos.tmp"),
        terms_(path_ + ".terms.tmp") {
    // Room for a section's tail up to its spill, and a fifth more for the
    // lists added before the spill check: reserved, its pages untouched until
    // written, so that the tail does not double on its way there, copying
    // itself into fresh pages each time (doc/index-format.md, "Writer memory").
    const size_t room = std::min(spill_bytes_, kSegmentSpillBytes) / 5 * 6;
    for (SpillBuffer* b : {&post_, &pos_, &terms_}) b->tail().reserve(room);
  }
  ~SegmentWriter();
  /// Adds a term's postings (docs ascending; positions, doc after doc, or null).
  /// `doc_langs`, per document its language id (DocColumns::lang), gives a
  /// stem term its language set; without it none is recorded (0).
  void AddTerm(std::string_view term, const uint32_t* docs, const uint32_t* freqs, size_t n,
               const uint32_t* positions, const uint8_t* doc_langs = nullptr);
  /// Adds terms encoded elsewhere; they follow all terms added so far in byte
  /// order. Their TermInfo::langs are the stem terms' language sets (and the
  /// words', which aliases take).
  /// AddTerm, AddEncoded and AddAlias may be called on another thread than
  /// AddDocument (one at a time): the two sides share nothing until Finish.
  void AddEncoded(const EncodedTerms& encoded);
  /// Adds a stem term whose postings (documents and frequencies) are exactly
  /// those of `word`, which must be added too: the two share one posting list.
  void AddAlias(std::string_view stem_term, std::string_view word);
  /// Adds a stem term without a list of its own: its documents are those of
  /// `words` (word terms added to this segment, each stemmed to it in every
  /// one of its documents), its frequencies theirs summed; `info` gives its
  /// df (below kBlockSize) and language set. Called in term order, as AddTerm.
  void AddUnion(std::string_view stem_term, const TermInfo& info,
                const std::vector<std::string_view>& words);
  /// Adds the next document with its columns.
  void AddDocument(const Document& doc, const DocColumns& columns);
  /// The same for a record as EncodeStoredDoc writes it, with its id
  /// (IsCanonicalStoredDoc): a merge copies records without decoding them.
  void AddRecord(std::string_view id, std::string_view record, const DocColumns& columns);
  /// Makes the store's order differ from the documents' (a merge copying its
  /// inputs' compressed blocks): writes `dicts` at the store's start, for the
  /// blocks CopyStoreBlock copies; the blocks this writer compresses
  /// (AddStoreRecord's) use dicts[fresh] (none when fresh is -1). Call first;
  /// then AddDocumentMeta for every document in order, and for each
  /// document its record once, through CopyStoreBlock or AddStoreRecord, in
  /// any order (Finish fails on a document left without one).
  void CopyStoreFrom(const std::vector<std::string_view>& dicts, int fresh);
  /// Adds the next document's id and columns (its record comes apart).
  void AddDocumentMeta(std::string_view id, const DocColumns& columns);
  /// Appends a store block as another segment holds it (StoreBlockBytes),
  /// compressed with dictionary `dict` of CopyStoreFrom's (-1: none), whose
  /// records are those of `docs` (documents of this segment), in order.
  void CopyStoreBlock(std::string_view block, int dict, std::span<const uint32_t> docs);
  /// Adds the record of document `doc` to the blocks this writer compresses.
  void AddStoreRecord(uint32_t doc, std::string_view record);
  /// Sets the language (index into Finish's `langs`) of document `doc`, added
  /// before its language table was known.
  void SetLanguage(uint32_t doc, uint8_t lang) { columns_[doc].lang = lang; }
  /// Optional, on AddDocument's side once every document is added (no
  /// AddDocument, SetLanguage or store call after it): compresses the last of
  /// the store and builds the tables of the documents (ids, columns, store
  /// index) now rather than in Finish, for a caller with a thread to spare
  /// while the postings are still coming.
  void FinishDocuments();
  /// Writes and fsyncs the file. `langs` is the table that columns.lang indexes.
  Status Finish(const std::vector<std::string>& langs);
  uint32_t doc_count() const { return static_cast<uint32_t>(columns_.size()); }
  /// About how many documents the segment will hold (a merge, a flush know
  /// it): the store dictionary is sized for that many, and kept when it pays
  /// for them (without it, only for the documents it is decided on); the
  /// documents' tables are sized for them once, not grown by copies.
  void ExpectDocuments(uint32_t n) {
    expected_docs_ = n;
    ids_.reserve(n);
    columns_.reserve(n);
  }
  /// A store dictionary to use instead of training one when it is about as
  /// large as the one that would be trained (a merge offers an input's). It is
  /// still kept only when it pays.
  void OfferStoreDict(std::string dict) { offered_dict_ = std::move(dict); }
  /// Writes the file as the previous writer did (version 5, or 4 without a
  /// store dictionary; no language sets), for tests of older files.
  void WriteOldVersion() { old_version_ = true; }

 private:
  struct RawBlock {
    uint32_t first;  // its first document
    std::string_view raw;
  };
  void AppendRecord(uint32_t record, std::string_view bytes);
  void Locate(uint32_t doc, uint32_t record);
  void AddBlockEntry(uint32_t first, int dict);
  std::string StoreIndex() const;
  void DecideStoreDict();
  std::string TrainStoreDict();
  static uint64_t Bytes(const std::vector<std::string>& blocks);
  void FlushStoreBlock();
  std::vector<std::string> Compress(const std::vector<RawBlock>& blocks, const ZSTD_CDict_s* cdict);
  void AppendCompressed(const std::vector<RawBlock>& blocks, const std::vector<std::string>& out);
  static std::vector<RawBlock> Views(const std::vector<std::pair<uint32_t, std::string>>& blocks);
  void CompressBlocks();
  void AwaitCompressed();
  void AddEntry(std::string_view term, const TermInfo& info);
  // `refs`: a union stem's (offset, df) per word, ascending by offset.
  void AddDictEntry(std::string_view term, const TermInfo& info,
                    const std::vector<std::pair<uint64_t, uint32_t>>* refs = nullptr);
  void AddListFields(const TermInfo& info);
  void AddUnionFields(const TermInfo& info, const std::vector<std::pair<uint64_t, uint32_t>>& refs);
  Status WriteDictionary();
  Status WriteBlockBounds(std::string* out);
  Status OpenFile();
  void AppendStore(std::string_view bytes);
  Status StartFile(std::string* footer, std::string* chunk_sums);
  void FinishStore();
  std::string IdTable();
  // What FinishDocuments prepared (empty until then).
  bool documents_finished_ = false;
  std::string ids_table_, store_table_, packed_columns_;
  std::string OldIdTable() const;
  uint32_t version() const {
    return !old_version_ ? kSegmentVersion : store_dict_size_ > 0 ? 5 : 4;
  }
  void KnownBlockBounds(const std::vector<std::pair<uint64_t, uint32_t>>& lists, std::string* out);

  Status Spill();

  std::string path_;
  size_t spill_bytes_;
  SpillBuffer post_, pos_;
  // The segment file, created (with its header) when the store's first bytes
  // are ready; until Finish only the store is written to it (AddDocument's
  // side), its CRC-32C and chunk sums computed on the way.
  std::unique_ptr<file::AppendFile> file_;
  uint64_t store_size_ = 0;
  uint32_t store_crc_ = 0;
  ChunkSums store_sums_;
  bool finished_ = false;   // Finish succeeded: the file is kept
  Status spill_status_;     // the store's (AddDocument's side)
  Status postings_status_;  // the postings' and terms' (AddTerm's, AddEncoded's side)
  // Block bounds of the lists added by AddEncoded, computed by the encoders
  // (EncodedTerms::bounds), and how many lists they cover.
  std::string known_bounds_;
  size_t known_lists_ = 0;
  // EncodedTerms::word_keys and keyed_words given so far (their entries'
  // offsets shifted), and how many words aliases and unions named in all:
  // when every one came with its key, WriteDictionary looks them up by key.
  struct KeyedWord {
    uint64_t key;
    uint64_t postings;
    uint64_t langs;
    uint32_t df;
  };
  KeyedWord WordByKey(uint64_t key) const;
  size_t StoreDictSize() const;
  size_t SamplesWanted() const;
  std::vector<uint64_t> word_keys_;
  std::vector<KeyedWord> keyed_words_;
  size_t named_words_ = 0;
  bool keys_usable_ = true;  // keyed_words_ ascend by key; no AddTerm
  std::string dict_, dict_index_, store_index_;
  std::vector<DocColumns> columns_;
  std::vector<std::pair<std::string, uint32_t>> ids_;
  std::string block_raw_;
  std::string record_;  // AddDocument's record, reused: no allocation per document
  std::vector<std::pair<uint32_t, std::string>> raw_blocks_;  // (first doc, raw) to compress
  // The batch being compressed on other threads while the next one fills
  // (CompressBlocks), and its result; appended to the store in order.
  std::vector<std::pair<uint32_t, std::string>> compressing_;
  std::future<std::vector<std::string>> compressed_;
  // Until the store dictionary is decided: the records so far, one after the
  // other (length-prefixed), and where each ends.
  bool store_dict_decided_ = false;
  std::string samples_;
  std::vector<size_t> sample_ends_;
  struct CDictFree {
    void operator()(ZSTD_CDict_s* d) const;
  };
  std::unique_ptr<ZSTD_CDict_s, CDictFree> cdict_;
  struct CCtxFree {
    void operator()(ZSTD_CCtx_s* c) const;
  };
  std::unique_ptr<ZSTD_CCtx_s, CCtxFree> cctx_[2];  // Compress's, one per thread
  uint32_t store_dict_size_ = 0;
  // The store's dictionaries (offset, size), at its start, and the one of the
  // blocks this writer compresses (-1: none).
  std::vector<std::pair<uint64_t, uint32_t>> store_dicts_;
  int32_t fresh_dict_ = -1;
  // CopyStoreFrom: the record of each document (kNoDoc until added), and how
  // many records the store holds so far.
  bool copying_ = false;
  std::vector<uint32_t> locator_;
  uint32_t records_ = 0;
  std::string offered_dict_;    // OfferStoreDict
  uint32_t expected_docs_ = 0;  // ExpectDocuments
  uint32_t block_first_doc_ = 0;
  uint32_t dict_count_ = 0;
  uint32_t dict_blocks_ = 0;
  size_t lang_count_ = 0;  // Finish's table: more than 64 languages record no sets
  bool old_version_ = false;
  std::string last_term_;
  uint64_t last_postings_ = 0;   // of the previous entry of the dictionary block
  uint64_t last_positions_ = 0;  // of the previous positional entry of the block
  uint64_t last_ref_ = 0;        // the previous union reference of the block
  // Dictionary entries, encoded in order and spilled like the postings (their
  // number grows with the vocabulary), decoded at Finish once the words that
  // aliases point to are known.
  SpillBuffer terms_;
#ifndef NDEBUG
  std::string last_entry_;  // checks the byte order
#endif
  std::vector<std::pair<uint64_t, uint32_t>> block_lists_;  // (postings, df) of lists of 2+ blocks
  uint64_t total_length_ = 0;
};

}  // namespace dateline::index
