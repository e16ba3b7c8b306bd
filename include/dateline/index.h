// The index: a directory of immutable segments listed by a manifest.
// One writer at a time (a lock file enforces it); any number of readers, each
// on a consistent snapshot. Formats: doc/index-format.md.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dateline/document.h"
#include "dateline/status.h"

namespace dateline {

namespace index {
class SegmentReader;
}

struct IndexOptions {
  /// The writer's memory budget: buffered documents, the segment being built
  /// from them, kept shingle sets, merges and the pages of mapped segments
  /// read; peak process memory stays within about this much above the
  /// program's own footprint (doc/index-format.md, "Writer memory").
  size_t memory_budget_mb = 512;
  /// Analysis threads while flushing (0: one per core).
  unsigned threads = 0;
  /// Create the index when `dir` holds none (else IndexWriter::Open says NotFound).
  bool create_if_missing = true;
  /// Run the extractors (entities, places, dates; dateline/annotate.h) on each
  /// document, store what they find and index it for person:, place:, etc.
  bool annotate = true;
  /// Find near-duplicates ("copies") of each new document among the indexed
  /// ones and the others of its batch, and index the features later documents
  /// are matched by (doc/copies.md).
  bool find_copies = true;
  /// Link each new document to earlier documents of the same story (same
  /// event: shared entities, places, dates, close in time; doc/stories.md).
  /// Needs `annotate`.
  bool find_stories = true;
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

/// The copy groups of a snapshot (doc/copies.md): the connected components of
/// the copy links between its live documents. Documents are numbered globally:
/// document d of segment s is Global(s, d).
class CopyGroups {
 public:
  /// Computes the groups of `segments` from their link terms. Corruption when
  /// a dictionary or posting list is damaged; InvalidArgument past 2^32 documents.
  static Status Build(const std::vector<SegmentView>& segments, CopyGroups* out);

  uint32_t Global(size_t seg, uint32_t doc) const { return base_[seg] + doc; }
  /// Segment and document of a global number.
  std::pair<size_t, uint32_t> Locate(uint32_t global) const;
  /// Global number of the earliest live member (by first day, then id) of the
  /// document's group: the document itself when it has no copies.
  uint32_t Root(size_t seg, uint32_t doc) const { return root_[base_[seg] + doc]; }
  /// The members of the group rooted at `root`, earliest first; null when the
  /// root has no copies.
  const std::vector<uint32_t>* Members(uint32_t root) const;
  /// Number of groups with at least two live members.
  size_t multi_groups() const { return members_.size(); }

 private:
  std::vector<uint32_t> base_;
  std::vector<uint32_t> root_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> members_;
};

/// The stories of a snapshot (doc/stories.md): the connected components of the
/// story links and the copy links between its live documents. Numbering as
/// CopyGroups.
class StoryGroups {
 public:
  /// Computes the stories of `segments` from their story link terms and the
  /// copy groups `copies` of the same segments. Errors as CopyGroups::Build.
  static Status Build(const std::vector<SegmentView>& segments, const CopyGroups& copies,
                      StoryGroups* out);

  uint32_t Global(size_t seg, uint32_t doc) const { return base_[seg] + doc; }
  std::pair<size_t, uint32_t> Locate(uint32_t global) const;
  /// Global number of the earliest live member (by first day, then id) of the
  /// document's story: the document itself when it is alone.
  uint32_t Root(size_t seg, uint32_t doc) const { return root_[base_[seg] + doc]; }
  /// The members of the story rooted at `root`, earliest first; null when alone.
  const std::vector<uint32_t>* Members(uint32_t root) const;
  /// Number of stories with at least two live members.
  size_t multi_stories() const { return members_.size(); }

 private:
  std::vector<uint32_t> base_;
  std::vector<uint32_t> root_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> members_;
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
  /// Corruption naming the file, section and chunk when a read through this
  /// reader met damaged bytes (segments verify their large sections chunk by
  /// chunk on first read, not at Open); OK otherwise. Searches report it.
  Status Damage() const;
  /// The copy groups of this snapshot, computed on first use (thread-safe).
  /// Errors as CopyGroups::Build.
  Status Copies(const CopyGroups** out) const;
  /// The ids of the live members of the copy group of live document `id`,
  /// earliest first (by first day, then id), `id` included. NotFound if absent.
  Status CopyGroup(std::string_view id, std::vector<std::string>* members_in_date_order) const;
  /// The stories of this snapshot, computed on first use (thread-safe).
  /// Errors as StoryGroups::Build.
  Status Stories(const StoryGroups** out) const;

 private:
  IndexReader() = default;
  std::string dir_;
  uint64_t generation_ = 0;
  uint64_t instance_id_ = 0;
  std::vector<SegmentView> segments_;
  uint64_t live_ = 0;
  double avg_len_ = 0;
  mutable std::once_flag copies_once_;
  mutable CopyGroups copies_;
  mutable Status copies_status_;
  mutable std::once_flag stories_once_;
  mutable StoryGroups stories_;
  mutable Status stories_status_;
};

/// Adds, replaces and deletes documents. Changes become visible to new readers
/// at Commit(), atomically; a crash before it leaves the previous commit intact.
class IndexWriter {
 public:
  /// Opens or creates the index in `dir`. Busy if another writer holds the lock.
  static Status Open(const std::string& dir, const IndexOptions& options,
                     std::unique_ptr<IndexWriter>* out);
  /// Waits for a segment being built; what was not committed is dropped.
  ~IndexWriter();

  /// Adds a document; an existing document with the same id (committed or
  /// pending) is replaced, and *replaced says so. May flush a segment: it is
  /// built on a thread of its own while later documents are buffered, and
  /// its errors (I/O) are returned by a later Add, Delete or Commit (this
  /// document is then not added).
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

/// What RepairIndex found and did.
struct RepairReport {
  struct Damage {
    std::string file;             // file name inside the index directory
    std::string problem;          // what the check found
    uint64_t documents_lost = 0;  // live documents it held (a dropped segment)
    uint64_t deletions_lost = 0;  // deleted documents that come back (a damaged deletion file)
  };
  std::vector<Damage> damaged;
  std::string manifest_problem;  // set when the manifest was unreadable and was rebuilt
  uint64_t documents_kept = 0, documents_lost = 0;
  size_t segments_kept = 0;
  bool repaired = false;  // a new commit was written
  bool needed() const { return !damaged.empty() || !manifest_problem.empty(); }
};

/// Checks every segment of the last commit deeply (as `dateline check`) and
/// commits only those that pass, moving the damaged files to DIR/damaged/; a
/// damaged deletion file is dropped (its deleted documents come back). When the
/// manifest itself is unreadable, it is rebuilt from the segment files present.
/// With dry_run nothing is changed: *out says what a repair would do. Busy while
/// a writer holds the index; NotFound when there is nothing to salvage; IOError
/// when the new commit cannot be written.
Status RepairIndex(const std::string& dir, bool dry_run, RepairReport* out);

}  // namespace dateline
