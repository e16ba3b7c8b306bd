#include "index/merge.h"

#include <time.h>

#include <algorithm>
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <queue>
#include <span>
#include <thread>

#include "index/annotation_terms.h"
#include "index/postings.h"
#include "index/segment.h"

namespace dateline::index {

namespace {

struct Live {
  int64_t key;  // first day << 32 | span
  uint32_t seg, doc;
};

// Decides, for the stem terms in byte order, whether each stays an alias of
// a word term, sharing its postings: it does when every input that has the
// stem or the word has both, sharing one list (the merged lists are then
// equal too). The word need not be spelled like the stem ("\x02report" may
// share the list of "reported"). Found before the merge from the inputs'
// dictionaries: each input's stems sharing a word's list (its stems sorted
// by list offset, met by its words), then how many inputs hold each word.
class AliasFinder {
 public:
  Status Init(const std::vector<SegmentView>& inputs) {
    // Each input's pairs come in stem order: merged in, not sorted.
    for (uint32_t s = 0; s < inputs.size(); ++s) {
      const auto before = static_cast<ptrdiff_t>(pairs_.size());
      DL_RETURN_IF_ERROR(AddPairs(*inputs[s].reader));
      std::inplace_merge(pairs_.begin(), pairs_.begin() + before, pairs_.end());
    }
    // One candidate per stem whose inputs agree on its word.
    for (size_t i = 0; i < pairs_.size();) {
      size_t j = i + 1;
      bool agree = true;
      for (; j < pairs_.size() && pairs_[j].first == pairs_[i].first; ++j) {
        agree = agree && pairs_[j].second == pairs_[i].second;
      }
      if (agree) cands_.push_back({pairs_[i].first, pairs_[i].second, uint32_t(j - i), 0});
      i = j;
    }
    std::vector<std::pair<std::string, std::string>>().swap(pairs_);
    // (word, candidate) in word order: the stems spelled like their word
    // come so already, the others are sorted and merged in.
    std::vector<std::pair<std::string_view, size_t>> words, others;
    words.reserve(cands_.size());
    for (size_t c = 0; c < cands_.size(); ++c) {
      const Candidate& k = cands_[c];
      (std::string_view(k.stem).substr(1) == k.word ? words : others).emplace_back(k.word, c);
    }
    std::sort(others.begin(), others.end());
    const auto self = static_cast<ptrdiff_t>(words.size());
    words.insert(words.end(), others.begin(), others.end());
    std::inplace_merge(words.begin(), words.begin() + self, words.end());
    if (words.empty()) return Status::OK();
    for (const auto& in : inputs) {
      SegmentReader::DictCursor c(in.reader.get());
      c.Seek(words.front().first);
      for (size_t next = 0; c.valid() && next < words.size(); c.Next()) {
        while (next < words.size() && words[next].first < c.term()) ++next;
        for (; next < words.size() && words[next].first == c.term(); ++next) {
          ++cands_[words[next].second].inputs_with_word;
        }
      }
      if (c.corrupt()) return Status::Corruption(in.reader->path() + ": bad dictionary");
    }
    return Status::OK();
  }
  // The word whose postings `term` shares in the merged segment, or empty.
  // `inputs_with_term`: how many inputs hold the term. Terms ascend.
  std::string_view WordOf(std::string_view term, uint32_t inputs_with_term) {
    while (next_ < cands_.size() && cands_[next_].stem < term) ++next_;
    if (next_ == cands_.size() || cands_[next_].stem != term) return {};
    const Candidate& c = cands_[next_];
    if (c.pairs != inputs_with_term || c.pairs != c.inputs_with_word) return {};
    return c.word;
  }

 private:
  struct Candidate {
    std::string stem, word;
    uint32_t pairs;             // inputs where the stem shares the word's list
    uint32_t inputs_with_word;  // inputs holding the word
  };
  // The (stem, word) pairs of `r` whose terms share one list: the stems'
  // offsets, then the words meeting them, then the matched stems' names
  // (the stems' bytes are copied only for those).
  Status AddPairs(const SegmentReader& r) {
    struct Stem {
      uint64_t postings;
      uint32_t df, ordinal;  // ordinal: the stem's place among the stems
      bool operator<(const Stem& o) const { return postings < o.postings; }
    };
    const std::string_view first_stem(&kStemPrefix, 1);
    auto is_stem = [](const SegmentReader::DictCursor& c) {
      return !c.term().empty() && c.term()[0] == kStemPrefix;
    };
    std::vector<Stem> stems;
    SegmentReader::DictCursor c(&r);
    for (c.Seek(first_stem); c.valid() && is_stem(c); c.Next()) {
      // A union stem (version 13) has no list: never a word's.
      const uint64_t list = c.info().refs != nullptr ? UINT64_MAX : c.info().postings;
      stems.push_back({list, c.info().df, static_cast<uint32_t>(stems.size())});
    }
    std::sort(stems.begin(), stems.end());
    struct Match {
      uint32_t ordinal, at, size;  // the stem; its word's bytes in `bytes`
      bool operator<(const Match& o) const { return ordinal < o.ordinal; }
    };
    std::vector<Match> matched;
    std::string bytes;
    for (c.Seek(std::string_view("\x20", 1)); c.valid(); c.Next()) {  // the words (IsWordTerm)
      const Stem key{c.info().postings, 0, 0};
      for (auto it = std::lower_bound(stems.begin(), stems.end(), key);
           it != stems.end() && it->postings == key.postings; ++it) {
        if (it->df != c.info().df) continue;
        matched.push_back({it->ordinal, static_cast<uint32_t>(bytes.size()),
                           static_cast<uint32_t>(c.term().size())});
        bytes += c.term();
      }
    }
    std::sort(matched.begin(), matched.end());
    size_t m = 0;
    c.Seek(first_stem);
    for (uint32_t ordinal = 0; m < matched.size() && c.valid() && is_stem(c); c.Next(), ++ordinal) {
      for (; m < matched.size() && matched[m].ordinal == ordinal; ++m) {
        pairs_.emplace_back(c.term(), bytes.substr(matched[m].at, matched[m].size));
      }
    }
    if (c.corrupt()) return Status::Corruption(r.path() + ": bad dictionary");
    return Status::OK();
  }

  std::vector<std::pair<std::string, std::string>> pairs_;  // while Init runs
  std::vector<Candidate> cands_;                            // by stem
  size_t next_ = 0;
};

// A thread's CPU time and when it ended, printed by MergeSegments when
// DATELINE_TIMING is set (the thread that ends last is the merge's
// critical path).
class ThreadTimes {
 public:
  explicit ThreadTimes(const char* name) : name_(name) {}
  void Start() { cpu_ = Cpu(); }
  void Stop() {
    cpu_ = Cpu() - cpu_;
    end_ = std::chrono::steady_clock::now();
  }
  void Print(std::chrono::steady_clock::time_point start) const {
    std::fprintf(stderr, "[timing] merge: %s thread cpu %.3f s, ended at %.3f s\n", name_, cpu_,
                 std::chrono::duration<double>(end_ - start).count());
  }

 private:
  static double Cpu() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
  const char* name_;
  double cpu_ = 0;
  std::chrono::steady_clock::time_point end_;
};

// Input pages are released every this many postings bytes read.
constexpr uint64_t kReleaseEvery = 32 << 20;

// One input's list of the term being merged, read in the new numbering.
struct Source {
  PostingsCursor c;
  const std::vector<uint32_t>* remap = nullptr;
  uint32_t doc = kNoDoc;     // the current document's new number; kNoDoc at the end
  uint32_t requested = ~0u;  // the block whose new numbers were requested
  // Moves to the first live document from the cursor's current one.
  void Settle() {
    for (uint32_t d = c.doc(); d != kNoDoc; d = c.Next()) {
      // The new numbers of a block's documents are requested together: one
      // at a time, each a cache miss waited for, took a fifth of a merge.
      if (c.block() != requested) {
        requested = c.block();
        const uint32_t* docs = c.block_docs();
        for (uint32_t i = 0; i < c.block_size(); ++i) __builtin_prefetch(&(*remap)[docs[i]]);
      }
      if ((*remap)[d] != kNoDoc) {
        doc = (*remap)[d];
        return;
      }
    }
    doc = kNoDoc;
  }
};

// Appends the live postings of `src` to the arrays in new document order
// (each source's list ascends in it: the renumbering keeps every input's
// order), taking the least current document of the sources each time rather
// than concatenating and sorting. With `positional`, each document's
// positions, one document after the other. False when a list does not decode.
// `cur`: room for a number per source.
bool MergeSources(std::span<Source> src, std::span<uint32_t> cur, bool positional,
                  std::vector<uint32_t>* docs, std::vector<uint32_t>* freqs,
                  std::vector<uint32_t>* positions) {
  // The sources' current documents side by side (a cursor is large): the
  // least is found in a cache line or two.
  const size_t n = src.size();
  assert(n > 0 && n <= cur.size());
  for (size_t i = 0; i < n; ++i) {
    src[i].Settle();
    cur[i] = src[i].doc;
  }
  for (;;) {
    size_t j = 0;
    for (size_t i = 1; i < n; ++i) j = cur[i] < cur[j] ? i : j;
    if (cur[j] == kNoDoc) break;
    Source& s = src[j];
    docs->push_back(cur[j]);
    freqs->push_back(s.c.freq());
    if (positional) {
      s.c.AppendPositions(positions);
      if (s.c.corrupt()) return false;
    }
    s.c.Next();
    s.Settle();
    cur[j] = s.doc;
  }
  for (const Source& s : src) {
    if (s.c.corrupt()) return false;
  }
  return true;
}

// Merged terms, encoded on the encoding thread and handed to the writer.
struct Chunk {
  EncodedTerms enc;
  std::deque<std::string> names;  // what enc's string views point into
  size_t bytes() const { return enc.post.size() + enc.pos.size(); }
};
constexpr size_t kMaxQueued = 2;  // chunks waiting for the writer

// Merged terms before encoding: per term its name and where its documents,
// frequencies and positions end in the arrays (each starts where the
// previous term's ends). Handed from the merging thread to the encoding one.
struct MergedBatch {
  struct Term {
    std::string name;
    std::string alias;            // the word whose postings it shares (no arrays), or empty
    bool with_positions = false;  // a word term with positions
    size_t docs_end = 0, pos_end = 0;
  };
  std::vector<Term> terms;
  std::vector<uint32_t> docs, freqs, positions;
  size_t bytes() const { return 4 * (docs.size() + freqs.size() + positions.size()); }
  void clear() {
    terms.clear();
    docs.clear();
    freqs.clear();
    positions.clear();
  }
};

// Hands items from one thread to another, in order, at most `capacity`
// waiting.
template <typename T>
class Handoff {
 public:
  explicit Handoff(size_t capacity) : capacity_(capacity) {}
  // False when the consumer gave up: the producer stops.
  bool Push(std::unique_ptr<T> c) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return q_.size() < capacity_ || cancelled_; });
    if (cancelled_) return false;
    q_.push_back(std::move(c));
    cv_.notify_all();
    return true;
  }
  // Ends the stream with the producer's status.
  void Close(Status s) {
    std::lock_guard<std::mutex> lock(mu_);
    status_ = std::move(s);
    closed_ = true;
    cv_.notify_all();
  }
  void Cancel() {
    std::lock_guard<std::mutex> lock(mu_);
    cancelled_ = true;
    cv_.notify_all();
  }
  bool cancelled() {
    std::lock_guard<std::mutex> lock(mu_);
    return cancelled_;
  }
  // The next item; null when none is waiting (without `wait`) or the stream
  // ended (or was cancelled).
  std::unique_ptr<T> Pop(bool wait) {
    std::unique_lock<std::mutex> lock(mu_);
    if (wait) cv_.wait(lock, [this] { return !q_.empty() || closed_ || cancelled_; });
    if (q_.empty()) return nullptr;
    std::unique_ptr<T> c = std::move(q_.front());
    q_.pop_front();
    cv_.notify_all();
    return c;
  }
  Status status() {
    std::lock_guard<std::mutex> lock(mu_);
    return status_;
  }

 private:
  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<T>> q_;
  bool closed_ = false, cancelled_ = false;
  Status status_;
};
using ChunkQueue = Handoff<Chunk>;
using BatchQueue = Handoff<MergedBatch>;

// Batches emptied by the encoding thread, for the merging thread to fill
// again (their arrays keep their room; those grown by a very long list are
// dropped instead).
class Spares {
 public:
  explicit Spares(size_t batch_bytes) : keep_bytes_(4 * batch_bytes) {}
  std::unique_ptr<MergedBatch> Take() {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.empty()) return std::make_unique<MergedBatch>();
    std::unique_ptr<MergedBatch> b = std::move(free_.back());
    free_.pop_back();
    return b;
  }
  void Give(std::unique_ptr<MergedBatch> b) {
    const size_t room = 4 * (b->docs.capacity() + b->freqs.capacity() + b->positions.capacity());
    if (room > keep_bytes_) return;
    b->clear();
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(b));
  }

 private:
  const size_t keep_bytes_;
  std::mutex mu_;
  std::vector<std::unique_ptr<MergedBatch>> free_;
};

// Merges the inputs' dictionaries and postings under the new numbering
// `remap`, pushing the merged terms in byte order to `out` in batches of
// about `batch_bytes` of arrays. Returns OK when `out` was cancelled.
Status MergeTerms(const std::vector<SegmentView>& inputs,
                  const std::vector<std::vector<uint32_t>>& remap, size_t batch_bytes,
                  BatchQueue* out, Spares* spares) {
  std::vector<SegmentReader::DictCursor> lists;
  lists.reserve(inputs.size());
  for (const auto& in : inputs) lists.emplace_back(in.reader.get());
  // The inputs by their current term, then number: each input's term is
  // read from its cursor, which moves only while the input is out of the heap.
  auto later = [&lists](uint32_t a, uint32_t b) {
    const int c = lists[a].term().compare(lists[b].term());
    return c != 0 ? c > 0 : a > b;
  };
  std::priority_queue<uint32_t, std::vector<uint32_t>, decltype(later)> heads(later);
  for (uint32_t s = 0; s < lists.size(); ++s) {
    // A damaged first block leaves the cursor empty: fail, never merge as if
    // the input had no terms.
    if (lists[s].corrupt())
      return Status::Corruption(inputs[s].reader->path() + ": bad dictionary");
    if (lists[s].valid()) heads.push(s);
  }
  uint64_t read_since_release = 0;
  // Moves input s past its current term.
  auto advance = [&](uint32_t s) -> Status {
    lists[s].Next();
    if (lists[s].corrupt())
      return Status::Corruption(inputs[s].reader->path() + ": bad dictionary");
    if (lists[s].valid()) heads.push(s);
    return Status::OK();
  };
  AliasFinder aliases;
  DL_RETURN_IF_ERROR(aliases.Init(inputs));
  std::unique_ptr<MergedBatch> batch = spares->Take();
  std::vector<Source> sources(inputs.size());
  std::vector<uint32_t> from;  // the input of each source in use
  std::vector<uint32_t> current(inputs.size());
  while (!heads.empty()) {
    if (batch->bytes() >= batch_bytes) {
      if (!out->Push(std::move(batch))) return Status::OK();  // the encoder gave up
      batch = spares->Take();
    }
    // Between terms: the arrays hold what the encoder needs of the inputs.
    if (read_since_release > kReleaseEvery) {
      for (const auto& in : inputs) in.reader->ReleasePages();
      read_since_release = 0;
    }
    std::string term(lists[heads.top()].term());
    uint32_t holding = 0;  // inputs with the term
    for (const auto& l : lists) holding += l.valid() && l.term() == term;
    if (const std::string_view word = aliases.WordOf(term, holding); !word.empty()) {
      batch->terms.push_back(
          {std::move(term), std::string(word), false, batch->docs.size(), batch->positions.size()});
      const std::string& name = batch->terms.back().name;
      while (!heads.empty() && lists[heads.top()].term() == name) {
        const uint32_t s = heads.top();
        heads.pop();
        DL_RETURN_IF_ERROR(advance(s));
      }
      continue;
    }
    bool positional = false;
    from.clear();
    while (!heads.empty() && lists[heads.top()].term() == term) {
      const uint32_t s = heads.top();
      heads.pop();
      const TermInfo& info = lists[s].info();
      positional |= info.positional;
      Source& src = sources[from.size()];
      inputs[s].reader->OpenCursor(info, &src.c);
      src.requested = ~0u;
      src.remap = &remap[s];
      from.push_back(s);
      // Bytes of input touched, roughly: 4 per posting (and the positions, below).
      read_since_release += info.df * 4ull;
    }
    const size_t docs_begin = batch->docs.size(), pos_begin = batch->positions.size();
    const std::span<Source> used(sources.data(), from.size());
    if (!MergeSources(used, current, positional, &batch->docs, &batch->freqs, &batch->positions)) {
      size_t bad = 0;  // the first source that stopped as corrupt
      while (bad + 1 < from.size() && !sources[bad].c.corrupt()) ++bad;
      return Status::Corruption(inputs[from[bad]].reader->path() + ": bad postings");
    }
    for (const uint32_t s : from) DL_RETURN_IF_ERROR(advance(s));
    read_since_release += (batch->positions.size() - pos_begin) * 2;  // bytes, roughly
    if (batch->docs.size() == docs_begin) continue;                   // every document deleted
    // As SegmentWriter::AddTerm: stem terms never keep positions.
    const bool with_positions = positional && IsWordTerm(term);
    if (!with_positions) batch->positions.resize(pos_begin);
    batch->terms.push_back(
        {std::move(term), {}, with_positions, batch->docs.size(), batch->positions.size()});
  }
  if (!batch->terms.empty()) out->Push(std::move(batch));
  return Status::OK();
}

// Encodes the merged terms of `in` into chunks of about `chunk_bytes` for
// `out`, each list with the language set of its documents (`doc_langs`: per
// new document its language id in the new table; words too, for the stems
// sharing their postings) and its block bounds (`norms`, of the new
// documents). Ends `out` with the status `in` ended with; cancels `in` when
// `out` is cancelled.
void EncodeTerms(BatchQueue* in, const uint8_t* doc_langs, const BoundNorms& norms,
                 size_t chunk_bytes, ChunkQueue* out, Spares* spares) {
  auto chunk = std::make_unique<Chunk>();
  while (std::unique_ptr<MergedBatch> batch = in->Pop(/*wait=*/true)) {
    size_t docs_begin = 0, pos_begin = 0;
    for (MergedBatch::Term& t : batch->terms) {
      if (chunk->bytes() >= chunk_bytes) {
        if (!out->Push(std::move(chunk))) {  // the writer gave up
          in->Cancel();
          return;
        }
        chunk = std::make_unique<Chunk>();
      }
      const std::string& name = chunk->names.emplace_back(std::move(t.name));
      if (!t.alias.empty()) {
        const std::string& word = chunk->names.emplace_back(std::move(t.alias));
        chunk->enc.aliases.emplace_back(chunk->enc.terms.size(), word);
        chunk->enc.terms.emplace_back(name, TermInfo());
        continue;
      }
      const uint32_t* docs = batch->docs.data() + docs_begin;
      const uint32_t* freqs = batch->freqs.data() + docs_begin;
      const size_t n = t.docs_end - docs_begin;
      TermInfo info;
      EncodePostings(docs, freqs, n,
                     t.with_positions ? batch->positions.data() + pos_begin : nullptr,
                     &chunk->enc.post, &chunk->enc.pos, &info, doc_langs);
      // The bounds from the arrays, rather than by the writer decoding every
      // list again at the end, alone (a quarter of the last, single-threaded
      // 9 s of a 1M-document optimize).
      if (BlockCount(info.df) > 1) {
        EncodeBlockBounds(docs, freqs, n, norms, &chunk->enc.bounds);
        ++chunk->enc.bound_lists;
      }
      chunk->enc.terms.emplace_back(name, info);
      docs_begin = t.docs_end;
      pos_begin = t.pos_end;
    }
    spares->Give(std::move(batch));
  }
  if (!chunk->enc.terms.empty() && !out->Push(std::move(chunk))) return;
  out->Close(in->status());
}

// Adds the chunks waiting in `queue` to `w` (with `wait`, all until the end).
void Drain(ChunkQueue* queue, bool wait, SegmentWriter* w) {
  while (std::unique_ptr<Chunk> c = queue->Pop(wait)) w->AddEncoded(c->enc);
}

// Writes the documents' ids, columns (their language ids from `doc_langs`)
// and stored records in the new order, each record as its input holds it
// when decoding and encoding it again would give those bytes (records of
// earlier versions may not: they are rewritten). Drains `queue` on the way.
Status RewriteStore(const std::vector<SegmentView>& inputs, const std::vector<Live>& live,
                    const std::vector<uint8_t>& doc_langs, ChunkQueue* queue, SegmentWriter* w) {
  std::vector<SegmentReader::StoreCache> caches(inputs.size());
  Document doc;
  for (size_t i = 0; i < live.size(); ++i) {
    const Live& l = live[i];
    if (i % 16384 == 16383) {
      for (const auto& in : inputs) in.reader->ReleasePages();
    }
    if (i % 256 == 255) Drain(queue, false, w);
    const SegmentReader& r = *inputs[l.seg].reader;
    DocColumns c = r.columns(l.doc);
    c.lang = doc_langs[i];
    std::string_view rec, id;
    DL_RETURN_IF_ERROR(r.GetRecord(l.doc, &rec, &caches[l.seg]));
    if (IsCanonicalStoredDoc(rec, &id)) {
      w->AddRecord(id, rec, c);
      continue;
    }
    if (!DecodeStoredDoc(rec, &doc)) {
      return Status::Corruption(r.path() + ": bad stored document " + std::to_string(l.doc));
    }
    w->AddDocument(doc, c);
  }
  return Status::OK();
}

// An input's store block, as CopyStore plans it.
struct StoreBlockPlan {
  uint32_t input;
  uint32_t block;
  bool copy;  // every record live: copied as it is
};

// Writes the documents' ids and columns in the new order, then the inputs'
// store blocks in their own order: a block whose documents all stay is
// copied compressed, with its dictionary; the live records of the others
// are compressed again, with the dictionary of the input with the most
// documents. Drains `queue` on the way.
Status CopyStore(const std::vector<SegmentView>& inputs,
                 const std::vector<std::vector<uint32_t>>& remap, const std::vector<Live>& live,
                 const std::vector<uint8_t>& doc_langs, ChunkQueue* queue, SegmentWriter* w) {
  // Per input, the document of each record, and the blocks' plan.
  std::vector<std::vector<uint32_t>> doc_of(inputs.size());
  std::vector<StoreBlockPlan> plan;
  std::vector<std::vector<int>> dict_used(inputs.size());  // new index of each input dictionary
  int largest = -1;           // the input with a dictionary and the most documents
  bool fresh_blocks = false;  // some live records are compressed again
  for (uint32_t s = 0; s < inputs.size(); ++s) {
    const SegmentReader& r = *inputs[s].reader;
    if (r.store_dict_count() > 0 &&
        (largest < 0 || r.doc_count() > inputs[largest].reader->doc_count())) {
      largest = static_cast<int>(s);
    }
    doc_of[s].assign(r.doc_count(), kNoDoc);
    for (uint32_t d = 0; d < r.doc_count(); ++d) {
      uint32_t& slot = doc_of[s][r.RecordOf(d)];
      if (slot != kNoDoc) return Status::Corruption(r.path() + ": doc store locator");
      slot = d;
    }
    dict_used[s].assign(r.store_dict_count(), -1);
    for (uint32_t b = 0; b < r.store_block_count(); ++b) {
      int dict;
      uint32_t first, count;
      if (!r.StoreBlockInfo(b, &dict, &first, &count)) {
        return Status::Corruption(r.path() + ": doc store index");
      }
      if (count == 0) continue;
      uint32_t kept = 0;
      for (uint32_t i = first; i < first + count; ++i) kept += remap[s][doc_of[s][i]] != kNoDoc;
      const bool all = kept == count;
      plan.push_back({s, b, all});
      if (all && dict >= 0) dict_used[s][dict] = 0;
      fresh_blocks = fresh_blocks || (!all && kept > 0);
    }
  }
  if (fresh_blocks && largest >= 0) dict_used[largest][0] = 0;
  std::vector<std::string_view> dicts;
  for (uint32_t s = 0; s < inputs.size(); ++s) {
    for (size_t k = 0; k < dict_used[s].size(); ++k) {
      if (dict_used[s][k] < 0) continue;
      std::string_view bytes;
      DL_RETURN_IF_ERROR(inputs[s].reader->StoreDictBytes(k, &bytes));
      // The segments of one ingest share their dictionary: kept once.
      const auto same = std::find(dicts.begin(), dicts.end(), bytes);
      dict_used[s][k] = static_cast<int>(same - dicts.begin());
      if (same == dicts.end()) dicts.push_back(bytes);
    }
  }
  const int fresh = fresh_blocks && largest >= 0 ? dict_used[largest][0] : -1;
  w->CopyStoreFrom(dicts, fresh);
  for (size_t i = 0; i < live.size(); ++i) {
    const Live& l = live[i];
    if (i % 4096 == 4095) Drain(queue, false, w);
    const SegmentReader& r = *inputs[l.seg].reader;
    DocColumns c = r.columns(l.doc);
    c.lang = doc_langs[i];
    const std::string id = r.IdOf(l.doc);
    if (id.empty()) return Status::Corruption(r.path() + ": id table");
    w->AddDocumentMeta(id, c);
  }
  std::vector<uint32_t> docs;
  std::vector<SegmentReader::StoreCache> caches(inputs.size());
  for (size_t p = 0; p < plan.size(); ++p) {
    const StoreBlockPlan& b = plan[p];
    if (p % 16 == 15) {
      Drain(queue, false, w);
      if (p % 256 == 255) {
        for (const auto& in : inputs) in.reader->ReleasePages();
      }
    }
    const SegmentReader& r = *inputs[b.input].reader;
    int dict;
    uint32_t first, count;
    (void)r.StoreBlockInfo(b.block, &dict, &first, &count);  // checked by the plan
    if (b.copy) {  // its size and frame header checked; its records by `check`
      std::string_view bytes;
      DL_RETURN_IF_ERROR(r.StoreBlockBytes(b.block, &bytes));
      docs.clear();
      for (uint32_t i = first; i < first + count; ++i) {
        docs.push_back(remap[b.input][doc_of[b.input][i]]);
      }
      w->CopyStoreBlock(bytes, dict < 0 ? -1 : dict_used[b.input][dict], docs);
      continue;
    }
    for (uint32_t i = first; i < first + count; ++i) {
      const uint32_t doc = doc_of[b.input][i], now = remap[b.input][doc];
      if (now == kNoDoc) continue;
      std::string_view rec;
      DL_RETURN_IF_ERROR(r.GetRecord(doc, &rec, &caches[b.input]));
      w->AddStoreRecord(now, rec);
    }
  }
  return Status::OK();
}

}  // namespace

Status MergeSegments(const std::vector<SegmentView>& inputs, const std::string& path,
                     uint32_t* doc_count, size_t buffer_bytes) {
  const auto start = std::chrono::steady_clock::now();
  ThreadTimes main_times("main"), merge_times("merging"), encode_times("encoding");
  main_times.Start();
  // New numbering: live documents in date order, ties by (segment, doc).
  std::vector<Live> live;
  for (uint32_t s = 0; s < inputs.size(); ++s) {
    const auto& r = *inputs[s].reader;
    for (uint32_t d = 0; d < r.doc_count(); ++d) {
      if (inputs[s].IsDeleted(d)) continue;
      const auto& c = r.columns(d);
      live.push_back({DateOrderKey(c.first_day, c.last_day), s, d});
    }
  }
  *doc_count = static_cast<uint32_t>(live.size());
  if (live.empty()) return Status::OK();
  std::stable_sort(live.begin(), live.end(), [](const Live& a, const Live& b) {
    return std::tie(a.key, a.seg, a.doc) < std::tie(b.key, b.seg, b.doc);
  });
  std::vector<std::vector<uint32_t>> remap(inputs.size());
  for (uint32_t s = 0; s < inputs.size(); ++s) {
    remap[s].assign(inputs[s].reader->doc_count(), kNoDoc);
  }
  for (uint32_t i = 0; i < live.size(); ++i) remap[live[i].seg][live[i].doc] = i;

  // Language table: union of the inputs'.
  std::vector<std::string> input_langs;
  for (const auto& in : inputs) {
    for (const auto& l : in.reader->languages()) input_langs.push_back(l);
  }
  LanguageTable langs = LanguageTable::Of(input_langs);
  // Each new document's language id (the columns' and the language sets')
  // and length (the block bounds').
  std::vector<uint8_t> doc_langs(live.size());
  std::vector<uint32_t> lengths(live.size());
  uint64_t total_length = 0;
  for (size_t i = 0; i < live.size(); ++i) {
    const SegmentReader& r = *inputs[live[i].seg].reader;
    const DocColumns& c = r.columns(live[i].doc);
    doc_langs[i] = langs.ids[r.languages()[c.lang]];
    lengths[i] = c.length;
    total_length += c.length;
  }
  // The average as SegmentWriter and SegmentReader compute it.
  const BoundNorms norms(lengths.data(), static_cast<uint32_t>(live.size()),
                         static_cast<double>(total_length) / static_cast<double>(live.size()));

  // The postings are merged on a second thread while this one copies the
  // documents; the writer takes both from this thread.
  SegmentWriter w(path, buffer_bytes);
  w.ExpectDocuments(static_cast<uint32_t>(live.size()));
  // Inputs of version 11 on hold only records written as they would be
  // again: their compressed blocks are copied (doc/index-format.md, section 6).
  bool copy_store = true;
  for (const auto& in : inputs) copy_store = copy_store && in.reader->version() >= 11;
  // The store dictionary of the input with the most documents (training
  // another took a tenth of a merge; doc/index-format.md).
  std::string_view dict;
  uint32_t dict_docs = 0;
  for (const auto& in : inputs) {
    std::string_view d;
    if (in.reader->StoreDictBytes(&d).ok() && !d.empty() && in.reader->doc_count() > dict_docs) {
      dict = d;
      dict_docs = in.reader->doc_count();
    }
  }
  w.OfferStoreDict(std::string(dict));
  // The postings are merged on one thread and encoded on another (each about
  // half of the work), while this one copies the documents; the writer takes
  // both from this thread.
  // Printed once the threads are joined (joiner, below, is destroyed first).
  struct Report {
    std::chrono::steady_clock::time_point start;
    ThreadTimes* times[3];
    ~Report() {
      times[0]->Stop();
      if (std::getenv("DATELINE_TIMING") == nullptr) return;
      for (const ThreadTimes* t : times) t->Print(start);
    }
  } report{start, {&main_times, &merge_times, &encode_times}};
  ChunkQueue queue(kMaxQueued);
  const size_t batch_bytes = std::max<size_t>(buffer_bytes / 8, 1);
  BatchQueue batches(1);
  Spares spares(batch_bytes);
  std::thread merging([&] {
    merge_times.Start();
    batches.Close(MergeTerms(inputs, remap, batch_bytes, &batches, &spares));
    merge_times.Stop();
  });
  std::thread encoding([&] {
    encode_times.Start();
    EncodeTerms(&batches, doc_langs.data(), norms, std::max<size_t>(buffer_bytes / 2, 1), &queue,
                &spares);
    encode_times.Stop();
  });
  struct Joiner {
    ChunkQueue* q;
    BatchQueue* b;
    std::thread* t[2];
    ~Joiner() {
      q->Cancel();
      b->Cancel();
      for (std::thread* x : t) x->join();
    }
  } joiner{&queue, &batches, {&merging, &encoding}};
  const Status stored = copy_store ? CopyStore(inputs, remap, live, doc_langs, &queue, &w)
                                   : RewriteStore(inputs, live, doc_langs, &queue, &w);
  DL_RETURN_IF_ERROR(stored);
  // This thread waits for the postings otherwise: the documents' tables now
  // (a quarter of what Finish did alone after a 1M-document merge).
  w.FinishDocuments();
  Drain(&queue, true, &w);
  DL_RETURN_IF_ERROR(queue.status());
  return w.Finish(langs.codes);
}

}  // namespace dateline::index
