// Near-duplicate ("copy") detection at ingest: word 5-shingles of a document's
// text, a content-defined sample of them indexed as features, candidates found
// through those features, exact verification, and the copy links written into
// the new segment. Terms: doc/index-format.md; semantics: doc/copies.md.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dateline/document.h"
#include "dateline/index.h"
#include "dateline/text.h"
#include "index/inverter.h"
#include "index/segment.h"

namespace dateline::index {

inline constexpr size_t kShingleWords = 5;
/// A shingle is a feature when its hash is 0 modulo this.
inline constexpr uint64_t kFeatureSampling = 8;
/// Documents with fewer features are never linked (too short to tell).
inline constexpr size_t kMinFeatures = 3;
/// Only the smallest features of a document are indexed and looked up (a
/// bottom-k sketch: copies share most of theirs).
inline constexpr size_t kIndexFeatures = 8;
/// A candidate shares at least this many indexed features with the new document.
inline constexpr size_t kMinShared = 2;
/// Copies share at least this share of the larger of their shingle sets:
/// |A and B| >= kMinOverlap * max(|A|, |B|). With 0.5, a document can only be
/// a copy of texts that make up half of it, so a round-up of two stories does
/// not join their groups.
inline constexpr double kMinOverlap = 0.5;
/// Indexed segments whose feature buckets a large batch reads into tables, by default.
inline constexpr size_t kBucketTables = 16;
/// A new document links to at most this many of the documents it copies (earliest first).
inline constexpr size_t kMaxLinks = 2;

/// The 64-bit hash of a (folded) word, the same on every platform: shingle
/// hashes, hence the stored features, are made of it, so it must not change.
uint64_t WordHash(std::string_view word);

/// Bytes of this process's resident file-backed (and shared) pages, from
/// /proc/self/statm; 0 when unknown.
uint64_t ResidentFileBytes();

/// The shingles of one text.
struct Shingles {
  std::vector<uint32_t> set;       // high 32 bits of every shingle hash, sorted, unique
  std::vector<uint64_t> features;  // the kIndexFeatures smallest sampled shingle hashes, sorted
  size_t sampled = 0;              // distinct sampled shingles (features before truncation)
};

/// Appends the 32-bit shingle hashes of text tokens to *set (unsorted, with
/// repeats) and sets out->features and out->sampled. Of tokens sharing a
/// position (alternative forms), the first is kept.
void AppendShingles(std::span<const text::Token> tokens, std::vector<uint32_t>* set, Shingles* out);
/// Shingles of text tokens.
void MakeShingles(std::span<const text::Token> tokens, Shingles* out);
/// Tokenizes `text` and makes its shingles.
void TextShingles(std::string_view text, Shingles* out);
/// |a and b| / min(|a|, |b|) over the shingle sets (0 when either is empty).
double Containment(const Shingles& a, const Shingles& b);
/// True when two texts are copies of each other, given their sorted unique
/// shingle sets and their numbers of sampled shingles (both at least
/// kMinFeatures, and kMinOverlap).
bool IsCopy(std::span<const uint32_t> a, size_t a_sampled, std::span<const uint32_t> b,
            size_t b_sampled);
inline bool IsCopy(const Shingles& a, const Shingles& b) {
  return IsCopy(a.set, a.sampled, b.set, b.sampled);
}
/// The text length in words of a document, from its columns (the link version check).
inline uint32_t TextLength(const DocColumns& c) { return c.length - c.title_len; }

/// The shingle sets of the documents of a segment this writer built, kept so
/// that later batches verify candidates in it without reading and tokenizing
/// their stored text (the same sets TextShingles would give).
struct SegmentShingles {
  struct Doc {
    uint32_t pool = 0;  // the set is pools[pool][begin, begin + size)
    uint32_t size = 0;  // 0 when the document is never linked
    uint64_t begin = 0;
    uint32_t sampled = 0;  // as in Shingles
    bool sorted = false;   // else the range holds the hashes unsorted, with repeats
  };
  std::vector<std::vector<uint32_t>> pools;
  std::vector<Doc> docs;  // by document number
  size_t bytes() const {
    size_t b = docs.size() * sizeof(Doc);
    for (const auto& p : pools) b += p.size() * sizeof(uint32_t);
    return b;
  }
  /// The sorted unique set of a document, sorted on first use (so never for
  /// one document on two threads at once).
  std::span<const uint32_t> Set(uint32_t doc);
};

/// A segment already in the index, as the writer holds it.
struct IndexedSegment {
  const SegmentReader* reader;
  const std::vector<uint64_t>* deleted;  // bitmap of deleted documents
  SegmentShingles* shingles = nullptr;   // when the writer kept them
};

/// What a CopyFinder did (for DATELINE_TIMING).
struct CopyStats {
  uint64_t documents = 0;        // with enough features to be linked
  uint64_t indexed_checked = 0;  // candidates in the indexed segments verified
  uint64_t batch_checked = 0;    // candidates among the new documents verified
  uint64_t linked = 0;           // documents that got links
  uint64_t indexed_skipped = 0;  // indexed candidates ruled out by their length alone
  uint64_t indexed_cached = 0;   // indexed candidates read once for several new documents
};

/// Finds the copies of the documents of a segment being built, among the
/// indexed segments and among themselves.
class CopyFinder {
 public:
  /// `existing`: the indexed segments; `n`: documents of the new segment;
  /// `threads`: the threads that will call AddDocument; `bucket_tables`: as
  /// in BuildOptions.
  CopyFinder(std::vector<IndexedSegment> existing, uint32_t n, unsigned threads,
             size_t bucket_tables = kBucketTables);
  /// After about `release_every` bytes of the indexed segments' files were
  /// read, their pages are dropped from the resident set (0: never). Before
  /// AddDocument.
  void SetLimits(uint64_t release_every);

  /// Records new document `docnum` (numbered in date order) from its columns
  /// and the tokens of its text, and looks up its copies in the indexed
  /// segments. Thread `thread` must add its documents in ascending order;
  /// threads add distinct documents.
  void AddDocument(unsigned thread, uint32_t docnum, const Document& doc, const DocColumns& cols,
                   std::span<const text::Token> text_tokens);
  /// Once every document was added: verifies the indexed candidates (see
  /// VerifyIndexed), finds copies among the new documents (each of an
  /// earlier-numbered one) and adds the feature and link terms of
  /// every document to `out`, in document order. Releases what the finder holds.
  void Link(Inverter* out);
  /// Instead of releasing the shingle sets, Link moves them to *out.
  void KeepShingles(SegmentShingles* out) { keep_ = out; }
  const CopyStats& stats() const { return stats_; }

 private:
  struct Target {
    int32_t first_day;
    std::string id;
    uint32_t text_length;
  };
  struct NewDoc {
    std::vector<uint64_t> features;  // as in Shingles
    Target self;
    std::vector<Target> matches;  // verified
  };
  // An indexed candidate of new document k: document `doc` of indexed segment `seg`.
  struct Check {
    uint32_t seg, doc, k;
    auto operator<=>(const Check&) const = default;
  };
  // A verified copy of new document k.
  struct Found {
    uint32_t k;
    Target target;
  };
  // The sorted unique shingle set of new document k, sorted on first use: by
  // the thread that added k, or once all threads are done.
  std::span<const uint32_t> Set(uint32_t k) { return sets_.Set(k); }
  // The thread that added new document k.
  unsigned Thread(uint32_t k) const { return sets_.docs[k].pool; }
  // Looks up the indexed candidates of new document k and queues their checks.
  void FindIndexed(uint32_t k);
  // Verifies the queued checks, grouped by indexed document so that each is
  // read (its store block decompressed, its text tokenized) once per batch
  // however many new documents it is a candidate of, on the finder's threads.
  void VerifyIndexed();
  // Verifies sorted checks on thread `thread`, appending the copies to *out.
  void VerifyChecks(unsigned thread, std::span<const Check> checks, std::vector<Found>* out);
  // Reads document `doc` of indexed segment s and makes its shingles, into
  // r->shingles; false when unreadable.
  struct Reading;
  bool IndexedShingles(uint32_t s, uint32_t doc, Reading* r);
  void FindInBatch(const std::vector<std::pair<uint64_t, uint32_t>>& by_feature, uint32_t k);
  // Counts bytes of mapped segment files read; when the process's resident
  // file pages grew by release_every_, releases the segments' pages.
  void NoteRead(uint64_t bytes);

  // The postings of a feature bucket in one indexed segment (df 0: none).
  struct BucketPostings {
    uint64_t postings = 0;
    uint32_t df = 0;
  };

  std::vector<IndexedSegment> existing_;
  // Per indexed segment: its feature buckets' postings, read in one walk of
  // its dictionary when the batch is large enough to repay it; else empty
  // (the features are looked up one by one).
  std::vector<std::vector<BucketPostings>> buckets_;
  uint64_t release_every_ = 0;
  uint64_t resident_base_ = 0;  // resident file bytes when the finder started
  std::atomic<uint64_t> read_since_release_{0};
  std::atomic_flag releasing_ = ATOMIC_FLAG_INIT;
  std::vector<NewDoc> docs_;
  // The shingle sets of the new documents, in one pool per thread.
  SegmentShingles sets_;
  std::vector<CopyStats> thread_stats_;
  std::vector<std::vector<Check>> checks_;  // per thread, until VerifyIndexed
  SegmentShingles* keep_ = nullptr;
  CopyStats stats_;
};

/// How BuildSegment (index/merge.h) builds a segment from buffered documents.
struct BuildOptions {
  unsigned threads = 1;
  bool annotate = false;      // run the extractors
  bool find_copies = false;   // index copy features and link copies (of `existing` and each other)
  bool find_stories = false;  // link documents of one story (index/stories.h; needs annotate)
  std::vector<IndexedSegment> existing;
  SegmentShingles* keep_shingles = nullptr;  // with find_copies: receives the new segment's sets
  /// A batch of 1,024 documents or more reads the feature buckets of this
  /// many indexed segments (the newest) into tables of 1 MiB each, instead of
  /// looking each document's features up in their dictionaries.
  size_t bucket_tables = kBucketTables;
  /// Pages of `existing` read while finding copies are dropped from the
  /// resident set after about this many bytes (0: never; CopyFinder::SetLimits).
  uint64_t release_pages_every = 0;
  /// Bytes of each section the segment writer keeps in memory (SegmentWriter).
  size_t spill_bytes = kSegmentSpillBytes;
  /// A store dictionary offered to the segment writer instead of training
  /// one (SegmentWriter::OfferStoreDict): the previous segment's, so that the
  /// segments of one ingest share it and a merge of them keeps it once.
  std::string store_dict;
  /// Called (on the building thread) once the analysis' memory is freed,
  /// before the last sections are written: the build's memory peak is past.
  std::function<void()> on_freed;
};

/// BuildSegment (index/merge.h) with copy detection: see BuildOptions. The
/// documents are left empty.
Status BuildSegment(std::vector<Document>* docs, const BuildOptions& options,
                    const std::string& path);

}  // namespace dateline::index
