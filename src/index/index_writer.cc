#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <set>
#include <thread>

#include "dateline/index.h"
#include "index/copies.h"
#include "index/inverter.h"
#include "index/manifest.h"
#include "index/merge.h"
#include "index/pending_ids.h"
#include "index/segment.h"
#include "util/file.h"

namespace dateline {

using index::kNoDoc;

class IndexWriter::Impl {
 public:
  struct Seg {
    index::ManifestSegment meta;
    std::shared_ptr<index::SegmentReader> reader;
    std::vector<uint64_t> deleted;
    bool dirty = false;  // deletions changed since the last commit
    // Shingle sets of the documents, when this writer built the segment and
    // kept them (copy verification without reading the store).
    std::shared_ptr<index::SegmentShingles> shingles;
  };

  ~Impl() {
    if (build_) build_->thread.join();  // its segment is not committed: dropped
  }

  Status Open(const std::string& dir, const IndexOptions& options);
  Status Add(Document doc, bool* replaced);
  Status Delete(std::string_view id, bool* found);
  Status Commit();
  Status Optimize();

 private:
  // A commit that leaves more than kMaxSegments segments merges the smallest,
  // at least kMergeAtLeast of them, into one.
  static constexpr size_t kMaxSegments = 10;
  static constexpr size_t kMergeAtLeast = 4;
  static constexpr uint64_t kMergeMaxDocs = 250000;
  // Merge memory grows with the documents merged: at most one per 2 KiB of
  // the budget (and kMergeMaxDocs) at a commit.
  uint64_t MergeMaxDocs() const { return std::min<uint64_t>(kMergeMaxDocs, Budget() / 2048); }
  Status CommitOnce();
  Status MergeInto(const std::vector<size_t>& which);
  bool DeleteCommitted(std::string_view id);
  // A segment built on a thread of its own from a flushed batch, while Add
  // buffers the next one (doc/index-format.md, "Writer memory").
  struct Build {
    std::string path;
    std::vector<Document> docs;
    std::vector<uint64_t> ids;  // hashes of the batch's ids, sorted
    index::BuildOptions options;
    std::vector<std::vector<uint64_t>> deleted;  // of options.existing, as at the flush
    std::shared_ptr<index::SegmentShingles> shingles;
    std::unique_ptr<index::SegmentReader> reader;
    Status status;
    std::atomic<bool> done{false};
    std::atomic<bool> freed{false};  // past the build's memory peak
    std::thread thread;
    static uint64_t Hash(std::string_view id) { return std::hash<std::string_view>()(id); }
    // True when the batch may hold `id` (false positives: hash collisions).
    bool MayHold(std::string_view id) const {
      return std::binary_search(ids.begin(), ids.end(), Hash(id));
    }
    void Run();
  };
  // Starts building the pending documents as a segment (after waiting for
  // the one in flight); the next calls see its errors.
  Status Flush();
  // Waits for the segment in flight, if any, and adds it to segs_.
  Status FinishBuild();
  // FinishBuild when the segment in flight is done (errors surface early).
  Status Poll() {
    return build_ && build_->done.load(std::memory_order_acquire) ? FinishBuild() : Status::OK();
  }
  // Waits for the segment in flight when a document of `bytes` more would
  // pass what may be buffered meanwhile, or when it may hold `id`.
  Status MakeRoom(std::string_view id, size_t bytes);
  std::unique_ptr<Build> StartBuild(std::vector<Document> docs);
  std::string NewFileName(const char* kind);
  Status RemoveUnreferenced();
  // How the memory budget is shared (doc/index-format.md, "Writer memory"):
  size_t Budget() const { return opt_.memory_budget_mb * (size_t{1} << 20); }
  // Buffered documents, as DocBytes counts them: a sixth. Building a segment
  // from them takes about 2.5 times as much again (postings, shingle sets,
  // term tables), for a while. Without copy detection and story linking
  // their shares (shingle sets, copy tables) are free: the documents take
  // 35% of what is left beyond 160 MiB (buffers that do not grow with them:
  // spilled sections, the store dictionary's samples, the
  // threads' heaps), when that is more, so that fewer, larger segments are
  // written and merged (doc/index-format.md, "Writer memory").
  size_t FlushThreshold() const {
    const bool linking = opt_.find_copies || (opt_.find_stories && opt_.annotate);
    const size_t fixed = size_t{160} << 20;
    if (linking || Budget() <= fixed) return Budget() / 6;
    return std::max(Budget() / 6, (Budget() - fixed) / 20 * 7);
  }
  // Buffered documents while a segment is being built, until the build has
  // freed its analysis (then up to FlushThreshold): a 16th.
  size_t OverlapBytes() const {
    static const char* const mb = std::getenv("DATELINE_OVERLAP_MB");  // diagnostics
    return mb != nullptr ? std::strtoull(mb, nullptr, 10) << 20 : Budget() / 16;
  }
  // Bytes of kept shingle sets (Seg::shingles): an eighth.
  size_t ShingleBudget() const { return Budget() / 8; }
  // Copy feature tables of indexed segments (1 MiB each): a 16th, for at
  // least the 16 newest segments.
  size_t BucketTables() const { return std::max(index::kBucketTables, Budget() / 16 >> 20); }
  // Growth of the resident pages of mapped segments between two releases: a 16th.
  uint64_t ReleaseEvery() const { return Budget() / 16; }
  // Bytes of each section a segment being written keeps in memory: a 32nd,
  // from 1 to 16 MiB.
  size_t SpillBytes() const {
    return std::clamp<size_t>(Budget() / 32, size_t{1} << 20, index::kSegmentSpillBytes);
  }
  // The heap bytes a buffered document takes, about.
  static size_t DocBytes(const Document& d);
  // Room for the largest batch (each document counts at least its
  // sizeof): reserved, not touched, so that the buffer never grows by moving
  // every document (the doubling vector took about a tenth of the reading
  // time before a 100,000-document build, perf, 2026-12-02).
  void ReservePending() { pending_.reserve(FlushThreshold() / sizeof(Document) + 1); }
  void TrimShingles();
  // Drops the mapped pages of every segment. Freed heap stays for the next
  // batch to reuse (trimming it each time cost a page fault per page again);
  // Commit returns it to the system once the work is done.
  void ReleaseMemory();

  std::string dir_;
  IndexOptions opt_;
  std::unique_ptr<file::FileLock> lock_;
  index::Manifest manifest_;
  std::vector<Seg> segs_;
  std::vector<Document> pending_;
  index::PendingIds<std::vector<Document>> pending_ids_{&pending_};
  size_t pending_bytes_ = 0;
  size_t pending_dead_ = 0;
  std::unique_ptr<Build> build_;  // the segment being built, if any
  // Looking ids up in the segments maps their id tables' pages: watched
  // every kCheckPagesEvery additions (the flush releases them too).
  static constexpr uint32_t kCheckPagesEvery = 4096;
  uint32_t adds_since_check_ = 0;
  uint64_t resident_base_ = 0;  // resident file bytes after the last release
};

Status IndexWriter::Impl::Open(const std::string& dir, const IndexOptions& options) {
  dir_ = dir;
  opt_ = options;
  if (opt_.threads == 0) opt_.threads = std::max(1u, std::thread::hardware_concurrency());
  if (!options.create_if_missing && !file::Exists(dir)) {
    return Status::NotFound(dir + ": no dateline index here");
  }
  DL_RETURN_IF_ERROR(file::MakeDirs(dir));
  DL_RETURN_IF_ERROR(file::FileLock::Acquire(dir + "/LOCK", &lock_));
  ReservePending();
  std::string name;
  Status s = index::ReadCurrentManifest(dir, &manifest_, &name);
  if (s.IsNotFound() && !file::Exists(dir + "/CURRENT")) {
    if (!options.create_if_missing) return Status::NotFound(dir + ": no dateline index here");
    manifest_ = index::Manifest();
  } else {
    DL_RETURN_IF_ERROR(s);
  }
  for (const auto& ms : manifest_.segments) {
    Seg seg;
    seg.meta = ms;
    std::unique_ptr<index::SegmentReader> r;
    DL_RETURN_IF_ERROR(index::SegmentReader::Open(dir + "/" + ms.file, &r));
    r->ReleasePages();  // verifying touched every page; the writer needs few of them
    seg.reader = std::move(r);
    seg.deleted.assign((size_t{ms.doc_count} + 63) / 64, 0);
    if (!ms.deletions.empty()) {
      uint32_t count;
      DL_RETURN_IF_ERROR(
          index::ReadDeletions(dir + "/" + ms.deletions, ms.doc_count, &seg.deleted, &count));
      if (count != ms.deleted_count) {
        return Status::Corruption(dir + "/" + ms.deletions + ": count differs from manifest");
      }
    }
    segs_.push_back(std::move(seg));
  }
  return RemoveUnreferenced();
}

std::string IndexWriter::Impl::NewFileName(const char* kind) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s-%06" PRIu64, kind, manifest_.next_file++);
  return buf;
}

bool IndexWriter::Impl::DeleteCommitted(std::string_view id) {
  for (auto it = segs_.rbegin(); it != segs_.rend(); ++it) {
    const uint32_t d = it->reader->FindId(id);
    if (d == kNoDoc) continue;
    uint64_t& w = it->deleted[d >> 6];
    const uint64_t bit = uint64_t{1} << (d & 63);
    if (w & bit) continue;
    w |= bit;
    ++it->meta.deleted_count;
    it->dirty = true;
    return true;
  }
  return false;
}

size_t IndexWriter::Impl::DocBytes(const Document& d) {
  // Strings longer than the inline buffer own a heap block of their capacity
  // (plus the allocator's header). The last term is what a map of id copies
  // took per document before pending_ids_ (16 bytes a document) replaced it:
  // counting less made batches 3% larger and the 1M ingest's peak 15-30 MB
  // higher, over a budget of 768 MiB (2026-12-02).
  auto heap = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + 16 : 0; };
  return sizeof(Document) + heap(d.id) + heap(d.title) + heap(d.text) + heap(d.url) +
         heap(d.source) + heap(d.lang) + heap(d.extra_json) + heap(d.origin) + heap(d.annotations) +
         sizeof(std::string) + heap(d.id) + 48;
}

Status IndexWriter::Impl::MakeRoom(std::string_view id, size_t bytes) {
  DL_RETURN_IF_ERROR(Poll());
  if (!build_) return Status::OK();
  if (build_->MayHold(id)) return FinishBuild();  // replaced or deleted in its segment
  if (bytes == 0 || pending_bytes_ + bytes < OverlapBytes() ||
      build_->freed.load(std::memory_order_acquire)) {
    return Status::OK();
  }
  return FinishBuild();
}

Status IndexWriter::Impl::Add(Document doc, bool* replaced) {
  if (const size_t at = pending_ids_.Find(doc.id); at != pending_ids_.kNone) {
    *replaced = true;
    Document& old = pending_[at];
    pending_bytes_ -= DocBytes(old);
    pending_bytes_ += DocBytes(doc);
    old = std::move(doc);
    return Status::OK();
  }
  DL_RETURN_IF_ERROR(MakeRoom(doc.id, DocBytes(doc)));
  *replaced = DeleteCommitted(doc.id);
  if (++adds_since_check_ == kCheckPagesEvery) {
    adds_since_check_ = 0;
    if (index::ResidentFileBytes() > resident_base_ + ReleaseEvery()) ReleaseMemory();
  }
  // Strings built by appending (paragraphs) may hold up to twice their
  // bytes: buffered, the slack would count against the budget for nothing.
  for (std::string* s : {&doc.text, &doc.title}) {
    if (s->capacity() - s->size() > s->size() / 16 + 16) s->shrink_to_fit();
  }
  pending_bytes_ += DocBytes(doc);
  pending_.push_back(std::move(doc));
  pending_ids_.Insert(pending_.size() - 1);
  if (pending_bytes_ >= FlushThreshold()) return Flush();
  return Status::OK();
}

Status IndexWriter::Impl::Delete(std::string_view id, bool* found) {
  if (const size_t at = pending_ids_.Find(id); at != pending_ids_.kNone) {
    Document& dead = pending_[at];
    pending_bytes_ -= DocBytes(dead);
    pending_ids_.Erase(at);
    dead.id.clear();  // tombstone, skipped at flush
    pending_bytes_ += DocBytes(dead);
    ++pending_dead_;
    *found = true;
    return Status::OK();
  }
  DL_RETURN_IF_ERROR(MakeRoom(id, 0));  // waits when the segment in flight may hold it
  *found = DeleteCommitted(id);
  return Status::OK();
}

Status IndexWriter::Impl::Flush() {
  DL_RETURN_IF_ERROR(FinishBuild());
  if (pending_dead_ > 0) {
    std::erase_if(pending_, [](const Document& d) { return d.id.empty(); });
  }
  if (std::getenv("DATELINE_TIMING") != nullptr && !pending_.empty()) {
    std::fprintf(stderr, "[timing] flush: %zu documents, %.1f MiB buffered\n", pending_.size(),
                 static_cast<double>(pending_bytes_) / (1 << 20));
  }
  pending_bytes_ = 0;
  pending_dead_ = 0;
  pending_ids_.Clear();  // the places moved with the tombstones' removal
  if (pending_.empty()) return Status::OK();
  build_ = StartBuild(std::move(pending_));  // build_->docs is the builder's from now on
  pending_ = std::vector<Document>();
  ReservePending();
  return Status::OK();
}

std::unique_ptr<IndexWriter::Impl::Build> IndexWriter::Impl::StartBuild(
    std::vector<Document> docs) {
  auto b = std::make_unique<Build>();
  b->path = dir_ + "/" + NewFileName("seg") + ".dls";
  b->ids.reserve(docs.size());
  for (const Document& d : docs) b->ids.push_back(Build::Hash(d.id));
  std::sort(b->ids.begin(), b->ids.end());
  b->docs = std::move(docs);
  index::BuildOptions& build = b->options;
  build.threads = opt_.threads;
  build.annotate = opt_.annotate;
  build.find_copies = opt_.find_copies;
  build.find_stories = opt_.find_stories && opt_.annotate;
  if (build.find_copies || build.find_stories) {
    // Deletions may change meanwhile: the build sees them as they are now.
    b->deleted.reserve(segs_.size());
    for (const Seg& s : segs_) {
      b->deleted.push_back(s.deleted);
      build.existing.push_back({s.reader.get(), &b->deleted.back(), s.shingles.get()});
    }
  }
  build.bucket_tables = BucketTables();
  build.release_pages_every = ReleaseEvery();
  build.spill_bytes = SpillBytes();
  if (!segs_.empty()) {  // the newest segment's store dictionary (none when damaged)
    std::string_view dict;
    if (segs_.back().reader->StoreDictBytes(&dict).ok()) build.store_dict.assign(dict);
  }
  b->shingles = std::make_shared<index::SegmentShingles>();
  if (build.find_copies) build.keep_shingles = b->shingles.get();
  Build* raw = b.get();
  build.on_freed = [raw] { raw->freed.store(true, std::memory_order_release); };
  b->thread = std::thread([raw] { raw->Run(); });
  return b;
}

void IndexWriter::Impl::Build::Run() {
  const bool timing = std::getenv("DATELINE_TIMING") != nullptr;
  auto lap = [timing, t = std::chrono::steady_clock::now()](const char* what) mutable {
    if (!timing) return;
    const auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr, "[timing] %s %.3f s\n", what,
                 std::chrono::duration<double>(now - t).count());
    t = now;
  };
  status = index::BuildSegment(&docs, options, path);
  std::vector<Document>().swap(docs);
  freed.store(true, std::memory_order_release);
  lap("build");
  if (status.ok()) status = index::SegmentReader::Open(path, &reader);
  // Verifying touched every page; the writer needs few of them.
  if (reader) reader->ReleasePages();
  lap("open and verify");
  done.store(true, std::memory_order_release);
}

Status IndexWriter::Impl::FinishBuild() {
  if (!build_) return Status::OK();
  const auto start = std::chrono::steady_clock::now();
  build_->thread.join();
  if (std::getenv("DATELINE_TIMING") != nullptr) {
    std::fprintf(stderr, "[timing] waited %.3f s for the segment being built\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  const std::unique_ptr<Build> b = std::move(build_);
  ReleaseMemory();
  DL_RETURN_IF_ERROR(b->status);
  Seg seg;
  if (!b->shingles->docs.empty()) seg.shingles = std::move(b->shingles);
  seg.meta.file = b->path.substr(dir_.size() + 1);
  seg.meta.doc_count = b->reader->doc_count();
  seg.deleted.assign((size_t{b->reader->doc_count()} + 63) / 64, 0);
  seg.reader = std::move(b->reader);
  segs_.push_back(std::move(seg));
  TrimShingles();
  return Status::OK();
}

void IndexWriter::Impl::ReleaseMemory() {
  for (const Seg& s : segs_) s.reader->ReleasePages();
  resident_base_ = index::ResidentFileBytes();
}

// Drops the kept shingle sets of the oldest segments beyond the budget.
void IndexWriter::Impl::TrimShingles() {
  size_t total = 0;
  for (auto it = segs_.rbegin(); it != segs_.rend(); ++it) {
    if (!it->shingles) continue;
    total += it->shingles->bytes();
    if (total > ShingleBudget()) it->shingles.reset();
  }
}

Status IndexWriter::Impl::Commit() {
  DL_RETURN_IF_ERROR(CommitOnce());
  // What the batches freed (kept for reuse until now) leaves the process.
  struct Trim {
    ~Trim() { ::malloc_trim(0); }
  } trim;
  if (segs_.size() <= kMaxSegments) return Status::OK();
  // Too many segments slow every query: merge the smallest ones.
  std::vector<size_t> order(segs_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto live = [this](size_t i) { return segs_[i].meta.doc_count - segs_[i].meta.deleted_count; };
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return live(a) < live(b); });
  // Merge memory grows with the documents merged: cap them (optimize merges all).
  size_t take = 0;
  uint64_t docs = 0;
  const size_t want = segs_.size() - kMaxSegments + kMergeAtLeast - 1;
  while (take < want && docs + live(order[take]) <= MergeMaxDocs()) docs += live(order[take++]);
  if (take < 2) return Status::OK();
  order.resize(take);
  DL_RETURN_IF_ERROR(MergeInto(order));
  return CommitOnce();
}

Status IndexWriter::Impl::CommitOnce() {
  DL_RETURN_IF_ERROR(Flush());
  DL_RETURN_IF_ERROR(FinishBuild());
  index::Manifest next = manifest_;
  next.generation = manifest_.generation + 1;
  next.segments.clear();
  std::vector<Seg> kept;
  for (auto& seg : segs_) {
    if (seg.meta.deleted_count == seg.meta.doc_count) continue;  // nothing live: drop
    if (seg.dirty) {
      seg.meta.deletions = NewFileName("del") + "." + seg.meta.file.substr(0, 10);
      DL_RETURN_IF_ERROR(
          index::WriteDeletions(dir_ + "/" + seg.meta.deletions, seg.deleted, seg.meta.doc_count));
      seg.dirty = false;
    }
    next.segments.push_back(seg.meta);
    kept.push_back(std::move(seg));
  }
  next.next_file = manifest_.next_file;
  DL_RETURN_IF_ERROR(file::SyncDir(dir_));
  DL_RETURN_IF_ERROR(index::WriteManifest(dir_, next));
  manifest_ = std::move(next);
  segs_ = std::move(kept);
  return RemoveUnreferenced();
}

Status IndexWriter::Impl::RemoveUnreferenced() {
  std::set<std::string> keep = {"CURRENT", "LOCK", "rejects",
                                index::ManifestFileName(manifest_.generation)};
  for (const auto& s : segs_) {
    keep.insert(s.meta.file);
    if (!s.meta.deletions.empty()) keep.insert(s.meta.deletions);
  }
  std::vector<std::string> names;
  DL_RETURN_IF_ERROR(file::ListDir(dir_, &names));
  for (const auto& n : names) {
    const bool ours = n.rfind("seg-", 0) == 0 || n.rfind("del-", 0) == 0 ||
                      n.rfind("MANIFEST-", 0) == 0 || n == "CURRENT.tmp";
    if (ours && !keep.count(n)) DL_RETURN_IF_ERROR(file::RemoveFile(dir_ + "/" + n));
  }
  return Status::OK();
}

Status IndexWriter::Impl::MergeInto(const std::vector<size_t>& which) {
  std::vector<SegmentView> views;
  std::vector<bool> merged(segs_.size(), false);
  for (size_t i : which) {
    const Seg& s = segs_[i];
    merged[i] = true;
    SegmentView v;
    v.reader = s.reader;
    v.deleted = std::make_shared<std::vector<uint64_t>>(s.deleted);
    v.deleted_count = s.meta.deleted_count;
    views.push_back(std::move(v));
  }
  const std::string name = NewFileName("seg") + ".dls";
  uint32_t count = 0;
  Status merged_status = index::MergeSegments(views, dir_ + "/" + name, &count, SpillBytes());
  views.clear();
  ReleaseMemory();
  DL_RETURN_IF_ERROR(merged_status);
  std::vector<Seg> kept;
  for (size_t i = 0; i < segs_.size(); ++i) {
    if (!merged[i]) kept.push_back(std::move(segs_[i]));
  }
  segs_ = std::move(kept);
  if (count == 0) return Status::OK();
  Seg seg;
  std::unique_ptr<index::SegmentReader> r;
  DL_RETURN_IF_ERROR(index::SegmentReader::Open(dir_ + "/" + name, &r));
  seg.meta.file = name;
  seg.meta.doc_count = r->doc_count();
  seg.deleted.assign((size_t{count} + 63) / 64, 0);
  r->ReleasePages();  // verifying touched every page; the writer needs few of them
  seg.reader = std::move(r);
  segs_.push_back(std::move(seg));
  return Status::OK();
}

Status IndexWriter::Impl::Optimize() {
  DL_RETURN_IF_ERROR(Commit());
  bool any_deleted = false;
  for (const auto& s : segs_) any_deleted |= s.meta.deleted_count > 0;
  if (segs_.size() <= 1 && !any_deleted) return Status::OK();
  std::vector<size_t> all(segs_.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  DL_RETURN_IF_ERROR(MergeInto(all));
  return CommitOnce();
}

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::~IndexWriter() = default;

Status IndexWriter::Open(const std::string& dir, const IndexOptions& options,
                         std::unique_ptr<IndexWriter>* out) {
  auto impl = std::make_unique<Impl>();
  DL_RETURN_IF_ERROR(impl->Open(dir, options));
  out->reset(new IndexWriter(std::move(impl)));
  return Status::OK();
}

Status IndexWriter::Add(Document doc, bool* replaced) {
  // What the store cannot write back: refused here, not found later as corruption.
  if (doc.id.empty()) return Status::InvalidArgument("document without id");
  if (!Date::Parse(doc.date.ToString())) {
    return Status::InvalidArgument("document " + doc.id + ": invalid date " + doc.date.ToString());
  }
  return impl_->Add(std::move(doc), replaced);
}
Status IndexWriter::Delete(std::string_view id, bool* found) { return impl_->Delete(id, found); }
Status IndexWriter::Commit() { return impl_->Commit(); }
Status IndexWriter::Optimize() { return impl_->Optimize(); }

}  // namespace dateline
