// The index: a directory of immutable segments listed by a manifest.
// One writer at a time (a lock file enforces it); any number of readers, each
// on a consistent snapshot. Formats: doc/index-format.md.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/document.h"
#include "dateline/status.h"

namespace dateline {

namespace index {
class SegmentReader;
}

struct IndexOptions {
  /// Memory for buffered documents and their inverted postings before a segment
  /// is flushed; peak process memory stays within a small multiple of this.
  size_t memory_budget_mb = 512;
  /// Analysis threads while flushing (0: one per core).
  unsigned threads = 0;
  /// Create the index when `dir` holds none (else IndexWriter::Open says NotFound).
  bool create_if_missing = true;
  /// Run the extractors (entities, places, dates; dateline/annotate.h) on each
  /// document, store what they find and index it for person:, place:, etc.
  bool annotate = true;
};

/// One segment of a snapshot, with its deletions.
struct SegmentView {
  std::shared_ptr<const index::SegmentReader> reader;
  std::shared_ptr<const std::vector<uint64_t>> deleted;  // bitmap; null when none deleted
  uint32_t deleted_count = 0;
  bool IsDeleted(uint32_t doc) const { return deleted && ((*deleted)[doc >> 6] >> (doc & 63) & 1); }
};

struct IndexStats {
  uint64_t documents = 0;  // live documents
  uint64_t deleted = 0;    // deleted but not yet merged away
  uint32_t segments = 0;
  uint64_t bytes = 0;                   // on disk, all files
  int32_t first_day = 0, last_day = 0;  // date span of live documents (days since 1970)
  std::vector<std::pair<std::string, uint64_t>> languages;  // by count, descending
  uint64_t generation = 0;
  uint64_t terms = 0;  // dictionary entries summed over segments
  /// Bytes per segment section summed over segments: postings, positions,
  /// dictionary, dictionary index, columns, store, store index, ids, meta.
  std::vector<std::pair<std::string, uint64_t>> sections;
};

/// A read-only, consistent view of the index at one commit.
class IndexReader {
 public:
  /// Opens the last commit. NotFound when `dir` holds no index; Corruption when
  /// the manifest or a segment is damaged.
  static Status Open(const std::string& dir, std::unique_ptr<IndexReader>* out);
  ~IndexReader();

  const std::vector<SegmentView>& segments() const { return segments_; }
  uint64_t generation() const { return generation_; }
  /// Unique per opened reader in this process (for caches keyed by reader).
  uint64_t instance_id() const { return instance_id_; }
  uint64_t live_documents() const { return live_; }
  /// Average document length over all segments (BM25).
  double average_length() const { return avg_len_; }

  /// Finds a live document by id. NotFound if absent.
  Status Get(std::string_view id, Document* doc) const;
  /// Collects statistics (walks the columns of every segment).
  IndexStats Stats() const;
  /// Verifies every checksum and invariant, decoding every posting list and
  /// stored document. OK only if the index is sound; the message says what is not.
  Status Check() const;

 private:
  IndexReader() = default;
  std::string dir_;
  uint64_t generation_ = 0;
  uint64_t instance_id_ = 0;
  std::vector<SegmentView> segments_;
  uint64_t live_ = 0;
  double avg_len_ = 0;
};

/// Adds, replaces and deletes documents. Changes become visible to new readers
/// at Commit(), atomically; a crash before it leaves the previous commit intact.
class IndexWriter {
 public:
  /// Opens or creates the index in `dir`. Busy if another writer holds the lock.
  static Status Open(const std::string& dir, const IndexOptions& options,
                     std::unique_ptr<IndexWriter>* out);
  ~IndexWriter();

  /// Adds a document; an existing document with the same id (committed or
  /// pending) is replaced, and *replaced says so. May flush a segment (I/O errors).
  Status Add(Document doc, bool* replaced);
  /// Deletes a document by id; *found says whether it existed.
  Status Delete(std::string_view id, bool* found);
  /// Makes all changes durable and visible.
  Status Commit();
  /// Merges all segments into one, dropping deleted documents, and commits.
  Status Optimize();

  class Impl;

 private:
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dateline
