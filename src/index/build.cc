#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cassert>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <thread>

#include "dateline/annotate.h"
#include "index/analysis_pieces.h"
#include "index/annotation_terms.h"
#include "index/coding.h"
#include "index/copies.h"
#include "index/inverter.h"
#include "index/merge.h"
#include "index/postings.h"
#include "index/stories.h"

namespace dateline::index {

namespace {

// Orders documents by (first day, last day, arrival).
std::vector<uint32_t> DateOrder(const std::vector<Document>& docs) {
  std::vector<std::pair<int64_t, uint32_t>> keys(docs.size());
  for (uint32_t i = 0; i < docs.size(); ++i) {
    const Date& d = docs[i].date;
    keys[i] = {DateOrderKey(d.FirstDay(), d.LastDay()), i};
  }
  std::sort(keys.begin(), keys.end());
  std::vector<uint32_t> order(docs.size());
  for (size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].second;
  return order;
}

// Runs fn(part) for parts [0, n) on n threads of their own: not on this one,
// whose heap (the allocator's main arena) holds the documents, freed by the
// storing thread meanwhile (sharing it slowed the first part's analysis).
template <typename Fn>
void Parallel(unsigned n, Fn&& fn) {
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < n; ++t) pool.emplace_back([&fn, t] { fn(t); });
  for (auto& th : pool) th.join();
}

// Prints phase times to stderr when DATELINE_TIMING is set.
class Timer {
 public:
  Timer() : on_(std::getenv("DATELINE_TIMING") != nullptr) {}
  void Note(const CopyStats& c) {
    if (!on_) return;
    std::fprintf(stderr,
                 "[timing] copies: %llu documents with features, %llu indexed (%llu of them "
                 "cached; %llu more ruled out by length) and %llu new candidates verified, %llu "
                 "linked\n",
                 static_cast<unsigned long long>(c.documents),
                 static_cast<unsigned long long>(c.indexed_checked),
                 static_cast<unsigned long long>(c.indexed_cached),
                 static_cast<unsigned long long>(c.indexed_skipped),
                 static_cast<unsigned long long>(c.batch_checked),
                 static_cast<unsigned long long>(c.linked));
  }
  void Note(const StoryStats& s) {
    if (!on_) return;
    std::fprintf(
        stderr, "[timing] stories: %llu documents with evidence, %llu candidates, %llu linked\n",
        static_cast<unsigned long long>(s.documents), static_cast<unsigned long long>(s.candidates),
        static_cast<unsigned long long>(s.linked));
  }
  // The analysis threads' times: unequal ones leave a core idle.
  void Note(const std::vector<double>& busy, size_t pieces) {
    if (!on_) return;
    std::fprintf(stderr, "[timing] analysis threads:");
    for (const double s : busy) std::fprintf(stderr, " %.3f s", s);
    std::fprintf(stderr, " (%zu pieces)\n", pieces);
  }
  void Lap(const char* what) {
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    auto seconds = [](const timeval& t) {
      return static_cast<double>(t.tv_sec) + t.tv_usec * 1e-6;
    };
    const double cpu = seconds(ru.ru_utime), sys = seconds(ru.ru_stime);
    // Page faults are a large part of the system time on virtual machines.
    std::fprintf(stderr,
                 "[timing] %s %.3f s (cpu %.3f s, sys %.3f s, %ld page faults, max rss %ld MB)\n",
                 what, std::chrono::duration<double>(now - last_).count(), cpu - cpu_, sys - sys_,
                 ru.ru_minflt - faults_, ru.ru_maxrss / 1024);
    cpu_ = cpu;
    sys_ = sys;
    faults_ = ru.ru_minflt;
    last_ = now;
  }

 private:
  bool on_;
  double cpu_ = 0;
  double sys_ = 0;
  long faults_ = 0;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// A term of one inverter and its postings. `key` holds the term's first eight
// bytes big-endian (zero-padded), `key2` the next eight: comparing keys first
// settles most comparisons of the sort and merges without touching the
// terms' bytes (with one key, stems, a prefix byte and seven bytes, and
// Arabic words, four letters, tied often: memcmp was 10-24% of the sorting
// threads' samples on the real corpus).
struct TermRef {
  uint64_t key;
  uint64_t key2;
  std::string_view first;
  PendingPostings* second;
  const Inverter* inv;  // derived stems: the inverter to derive them from
  uint32_t id;          // and the term's id there
  uint32_t weight;      // bytes(), at most 2^32 - 1: read without touching the postings
  // Only derived stems have no stream (PrepareStems counted their documents).
  bool derived() const { return second->data.empty(); }
  size_t bytes() const { return derived() ? 2 * size_t{second->docs} : second->data.size(); }
};

// Whether `a` and `b` are the same term: the keys and lengths settle most
// pairs without reading the terms' bytes.
inline bool SameTerm(const TermRef& a, const TermRef& b) {
  return a.key == b.key && a.key2 == b.key2 && a.first.size() == b.first.size() &&
         (a.first.size() <= 16 || a.first.substr(16) == b.first.substr(16));
}

// Byte order of the terms (ties of both keys: the terms share their first
// sixteen bytes, or the shorter one is padded with zeros like its tail).
inline bool TermLess(const TermRef& a, const TermRef& b) {
  if (a.key != b.key) return a.key < b.key;
  if (a.key2 != b.key2) return a.key2 < b.key2;
  if (a.first.size() >= 16 && b.first.size() >= 16) return a.first.substr(16) < b.first.substr(16);
  return a.first < b.first;
}

// The non-empty terms of one inverter, sorted.
std::vector<TermRef> SortedTerms(Inverter* inv) {
  inv->PrepareStems();
  std::vector<TermRef> terms;
  const uint32_t n = static_cast<uint32_t>(inv->term_count());
  terms.reserve(n);
  // Each term's stream (its open frequency) and its bytes are elsewhere on
  // the heap: requested a few terms ahead, the misses overlap.
  constexpr uint32_t kAhead = 8;
  for (uint32_t id = 0; id < n; ++id) {
    if (id + kAhead < n) {
      const PendingPostings& q = inv->postings(id + kAhead);
      __builtin_prefetch(q.data.data() + q.freq_at);
      __builtin_prefetch(inv->term(id + kAhead).data());
    }
    PendingPostings& p = inv->postings(id);
    if (p.data.empty() && !inv->IsDerivedStem(id)) continue;
    p.Close();
    const std::string_view t = inv->term(id);
    TermRef r{PrefixKey(t), t.size() > 8 ? PrefixKey(t.substr(8)) : 0, t, &p, inv, id, 0};
    r.weight = static_cast<uint32_t>(std::min<size_t>(r.bytes(), UINT32_MAX));
    terms.push_back(r);
  }
  std::sort(terms.begin(), terms.end(), TermLess);
  return terms;
}

// Index of the first entry not below `term` in sorted `all` (all.size() when none).
size_t FindFirst(const std::vector<TermRef>& all, std::string_view term) {
  return static_cast<size_t>(
      std::lower_bound(all.begin(), all.end(), term,
                       [](const TermRef& a, std::string_view t) { return a.first < t; }) -
      all.begin());
}

// Where each inverter's terms are in sorted `all`: by inverter and term id,
// the index of the first entry of the term (the entries of one term, one
// per inverter holding it, are adjacent). Looking a word up by binary search
// instead (two cache misses a step, for every stem) took a tenth of a
// 10,000-article build.
class TermPlaces {
 public:
  TermPlaces(const std::vector<TermRef>& all, const std::vector<Inverter>& invs)
      : all_(all), invs_(invs.data()), first_(invs.size()) {
    for (size_t t = 0; t < invs.size(); ++t) first_[t].assign(invs[t].term_count(), kNone);
    for (size_t i = 0, g = 0; i < all.size(); ++i) {
      if (i > 0 && !SameTerm(all[i], all[i - 1])) g = i;
      first_[Of(all[i].inv)][all[i].id] = static_cast<uint32_t>(g);
    }
  }
  // The index of the first entry of term `id` of `inv`, or all.size().
  size_t First(const Inverter* inv, uint32_t id) const {
    const uint32_t f = first_[Of(inv)][id];
    return f == kNone ? all_.size() : f;
  }
  // The end of the entries of the term whose first entry is `first`.
  size_t End(size_t first) const {
    size_t e = first + 1;
    while (e < all_.size() && SameTerm(all_[e], all_[first])) ++e;
    return e;
  }

 private:
  static constexpr uint32_t kNone = ~0u;
  size_t Of(const Inverter* inv) const { return static_cast<size_t>(inv - invs_); }
  const std::vector<TermRef>& all_;
  const Inverter* invs_;
  std::vector<std::vector<uint32_t>> first_;
};

// Scratch space of one thread of PlanStems, kept between stems.
struct StemScratch {
  std::vector<const Inverter*> invs;
  std::vector<uint32_t> ids;
  std::vector<size_t> at;
  std::vector<size_t> words;  // UnionWordsOf's: the words' first entries in `all`
};

// The index in `all` of the word term whose postings equal those of the
// stem term at [i, j) (one entry per inverter holding it), else all.size():
// in each of those inverters the stem repeats that word (Inverter::SoleWord),
// and no other inverter holds the word.
size_t SoleWordOf(const std::vector<TermRef>& all, const TermPlaces& places, size_t i, size_t j,
                  StemScratch* scratch) {
  size_t w = all.size();
  std::vector<const Inverter*>& invs = scratch->invs;
  invs.clear();
  for (size_t k = i; k < j; ++k) {
    const uint32_t id = all[k].inv->SoleWord(all[k].id);
    if (id == ~0u) return all.size();
    const size_t at = places.First(all[k].inv, id);
    if (at == all.size() || (k > i && at != w)) return all.size();
    w = at;
    invs.push_back(all[k].inv);
  }
  const size_t e = places.End(w);
  for (size_t k = w; k < e; ++k) {
    if (std::find(invs.begin(), invs.end(), all[k].inv) == invs.end()) return all.size();
  }
  return e - w == j - i ? w : all.size();
}

// The words of the stem term at [i, j) (one entry per inverter holding it)
// into scratch->words (their first entries in `all`, ascending: in byte
// order), when its documents are exactly theirs: in each of
// those inverters every word of the stem is stemmed to it in all its
// documents (Inverter::ExclusiveWords), and every inverter holding one of
// the words is one of those. False otherwise.
bool UnionWordsOf(const std::vector<TermRef>& all, const TermPlaces& places, size_t i, size_t j,
                  StemScratch* scratch) {
  std::vector<size_t>& at =
      scratch->at;  // the words' first entries, once per inverter holding them
  at.clear();
  scratch->words.clear();
  for (size_t k = i; k < j; ++k) {
    if (!all[k].derived() || !all[k].inv->ExclusiveWords(all[k].id, &scratch->ids)) return false;
    for (const uint32_t w : scratch->ids) {
      at.push_back(places.First(all[k].inv, w));
      if (at.back() == all.size()) return false;
    }
  }
  std::sort(at.begin(), at.end());
  for (size_t a = 0, b; a < at.size(); a = b) {  // as many inverters as hold the word
    for (b = a + 1; b < at.size() && at[b] == at[a];) ++b;
    if (places.End(at[a]) - at[a] != b - a) return false;
    scratch->words.push_back(at[a]);
  }
  return true;
}

// Stems that get no list of their own (SegmentWriter::AddUnion), each with
// its words, by the stem's index in `all` (the words' first entries there).
using Unions = std::vector<std::pair<size_t, std::vector<size_t>>>;

// What the encoders do with each stem term instead of encoding its list.
struct StemPlan {
  // For each stem term whose postings equal those of a word term (the stem
  // spelled like its word, as most are, or not: "\x02report" of "reported"
  // alone), the index in `all` of that word; others map to all.size().
  std::vector<size_t> alias;
  // The stems, not aliases, of fewer documents than MaxUnionDocs whose
  // documents are exactly their words' (UnionWordsOf): their lists would
  // repeat their words'. Ascending.
  Unions unions;
  // By index in `all`: whether an alias or a union names the word there
  // (its first entry). The encoders give the writer these words' lists by
  // index, so that it need not find them by name.
  std::vector<bool> named;
};

// The plan of the stems of `all`, found by `threads` threads over ranges of
// the stems.
StemPlan PlanStems(const std::vector<TermRef>& all, const std::vector<Inverter>& invs,
                   unsigned threads) {
  StemPlan plan;
  plan.alias.assign(all.size(), all.size());
  const TermPlaces places(all, invs);
  const char after = static_cast<char>(kStemPrefix + 1);
  const size_t lo = FindFirst(all, std::string_view(&kStemPrefix, 1));
  const size_t hi = FindFirst(all, std::string_view(&after, 1));
  auto start = [&](size_t at) {  // the first entry of a term at or after `at`
    while (at > lo && at < hi && SameTerm(all[at], all[at - 1])) ++at;
    return at;
  };
  std::vector<Unions> found(threads);
  Parallel(threads, [&](unsigned t) {
    StemScratch scratch;
    const size_t end = start(lo + (hi - lo) * (t + 1) / threads);
    for (size_t i = start(lo + (hi - lo) * t / threads), j; i < end; i = j) {
      j = places.End(i);
      plan.alias[i] = SoleWordOf(all, places, i, j, &scratch);
      if (plan.alias[i] < all.size()) continue;  // most stems: read no further
      uint64_t docs = 0;
      for (size_t k = i; k < j; ++k) docs += all[k].second->docs;
      if (docs < MaxUnionDocs(kSegmentVersion) && UnionWordsOf(all, places, i, j, &scratch)) {
        found[t].emplace_back(i, scratch.words);
      }
    }
  });
  for (Unions& u : found) {
    plan.unions.insert(plan.unions.end(), std::make_move_iterator(u.begin()),
                       std::make_move_iterator(u.end()));
  }
  plan.named.assign(all.size(), false);
  for (size_t i = lo; i < hi; ++i) {
    if (plan.alias[i] < all.size()) plan.named[plan.alias[i]] = true;
  }
  for (const auto& u : plan.unions) {
    for (const size_t w : u.second) plan.named[w] = true;
  }
  return plan;
}

// What the block bounds of a list need: every document's length, their average.
struct Lengths {
  std::vector<uint32_t> of;
  double avg = 1.0;  // as SegmentReader::average_length() computes it
};

Lengths LengthsOf(const std::vector<DocColumns>& cols) {
  Lengths l;
  l.of.resize(cols.size());
  uint64_t total = 0;
  for (size_t d = 0; d < cols.size(); ++d) {
    l.of[d] = cols[d].length;
    total += cols[d].length;
  }
  if (!cols.empty()) l.avg = static_cast<double>(total) / static_cast<double>(cols.size());
  return l;
}

// Appends the block bounds of the list just encoded into out->post, when it
// has more than one block (decoded while its bytes are still in the cache).
void AddBounds(const TermInfo& info, const BoundNorms& norms, EncodedTerms* out) {
  if (BlockCount(info.df) <= 1) return;
  const size_t size = out->post.size();
  out->post.append(kPackPadding, '\0');  // the cursor unpacks with wide loads
  TermInfo list;  // the documents only, as SegmentWriter::WriteBlockBounds reads them
  list.df = info.df;
  list.postings = info.postings;
  PostingsCursor c;
  c.Init(out->post, {}, list);
  const bool ok = EncodeBlockBounds(&c, norms, &out->bounds);
  assert(ok);
  (void)ok;
  out->post.resize(size);
  ++out->bound_lists;
}

// Encodes terms [lo, hi) of `all` (equal terms adjacent, from inverters whose
// documents ascend in inverter order) into `out`, with the block bounds of
// their lists and their language sets (`doc_langs`: per document its language
// id; words too, for the aliases). Stem terms with an alias are not encoded:
// their entry's info is filled in later from the word's. With `release`,
// each term's pending stream is freed once encoded (else left to its inverter).
void EncodeRange(const std::vector<TermRef>& all, const StemPlan& plan, size_t lo, size_t hi,
                 const BoundNorms& norms, const uint8_t* doc_langs, bool release,
                 EncodedTerms* out) {
  const std::vector<size_t>& alias = plan.alias;
  const Unions& unions = plan.unions;
  // The encoded bytes take at most about the pending ones: reserved (the pages
  // are not touched until written) rather than grown by copying.
  size_t pending = 0;
  for (size_t i = lo; i < hi; ++i) pending += all[i].weight;
  out->post.reserve(pending / 2);
  out->pos.reserve(pending);
  std::vector<std::string_view> streams;
  for (size_t i = lo; i < hi;) {
    size_t j = i + 1;
    while (j < hi && SameTerm(all[j], all[i])) ++j;
    if (alias[i] < all.size()) {
      for (size_t k = i; k < j; ++k) all[k].second->data.Release();
      out->aliases.emplace_back(out->terms.size(), all[alias[i]].first);
      out->word_keys.push_back(alias[i]);
      out->terms.emplace_back(all[i].first, TermInfo());
      i = j;
      continue;
    }
    TermInfo info;
    if (all[i].derived()) {
      // The inverters' documents ascend in inverter order, as the entries do.
      thread_local std::vector<uint32_t> docs, freqs;
      docs.clear();
      freqs.clear();
      for (size_t k = i; k < j; ++k) all[k].inv->DerivedStemPostings(all[k].id, &docs, &freqs);
      const auto u = std::lower_bound(unions.begin(), unions.end(), i,
                                      [](const auto& e, size_t at) { return e.first < at; });
      if (u != unions.end() && u->first == i) {
        info.df = static_cast<uint32_t>(docs.size());
        info.langs = LangsOf(docs.data(), docs.size(), doc_langs);
        std::vector<std::string_view> words;
        words.reserve(u->second.size());
        for (const size_t w : u->second) words.push_back(all[w].first);
        out->unions.emplace_back(out->terms.size(), std::move(words));
        out->word_keys.insert(out->word_keys.end(), u->second.begin(), u->second.end());
        out->terms.emplace_back(all[i].first, info);
        i = j;
        continue;
      }
      EncodePostings(docs.data(), freqs.data(), docs.size(), nullptr, &out->post, &out->pos, &info,
                     doc_langs);
    } else {
      streams.clear();
      size_t docs = 0;
      for (size_t k = i; k < j; ++k) {
        streams.push_back(all[k].second->data.view());
        docs += all[k].second->docs;
      }
      EncodePending(streams, docs, IsWordTerm(all[i].first), &out->post, &out->pos, &info,
                    doc_langs);
    }
    if (release) {
      for (size_t k = i; k < j; ++k) all[k].second->data.Release();  // release as we go
    }
    AddBounds(info, norms, out);
    if (plan.named[i]) out->keyed_words.emplace_back(out->terms.size(), i);
    out->terms.emplace_back(all[i].first, info);
    i = j;
  }
}

// Items [0, n) made on several threads (each made, then marked Done),
// each handed to `take` in order as soon as it and those before it are done,
// on the thread that finished the last of them, one at a time.
template <typename T>
class InOrder {
 public:
  InOrder(size_t n, std::function<void(T*)> take) : items_(n), done_(n), take_(std::move(take)) {}
  T* at(size_t i) { return &items_[i]; }
  void Done(size_t i) {
    std::lock_guard<std::mutex> lock(mu_);
    done_[i] = true;
    for (; taken_ < items_.size() && done_[taken_]; ++taken_) take_(&items_[taken_]);
  }

 private:
  std::vector<T> items_;
  std::vector<bool> done_;
  std::function<void(T*)> take_;
  std::mutex mu_;
  size_t taken_ = 0;
};

// All terms of `sorted` in byte order, equal terms in the order of `sorted`
// (inverter order, hence document order); `sorted` is emptied. The terms are
// cut into `threads` ranges at terms of the largest input, each merged on a
// thread of its own (merging pairwise on one thread took about 0.33 s of a
// 100,000-document segment, 0.17 s this way: the whole list was copied once
// per inverter, the empty ones too).
std::vector<TermRef> MergeTerms(std::vector<std::vector<TermRef>>* sorted, unsigned threads) {
  std::vector<std::vector<TermRef>*> in;
  size_t total = 0;
  for (auto& s : *sorted) {
    if (s.empty()) continue;
    in.push_back(&s);
    total += s.size();
  }
  if (in.size() <= 1) return in.empty() ? std::vector<TermRef>() : std::move(*in[0]);
  const std::vector<TermRef>& big = **std::max_element(
      in.begin(), in.end(), [](auto* a, auto* b) { return a->size() < b->size(); });
  assert(threads >= 1);
  // cut[p][v]: where range p starts in input v (all of a pivot's equals go
  // right); start[p]: where it starts in the output.
  std::vector<std::vector<size_t>> cut(threads + 1, std::vector<size_t>(in.size(), 0));
  std::vector<size_t> start(threads + 1, 0);
  for (unsigned p = 1; p < threads; ++p) {
    const TermRef& pivot = big[big.size() * p / threads];
    for (size_t v = 0; v < in.size(); ++v) {
      const auto it = std::lower_bound(in[v]->begin(), in[v]->end(), pivot, TermLess);
      cut[p][v] = static_cast<size_t>(it - in[v]->begin());
      start[p] += cut[p][v];
    }
  }
  for (size_t v = 0; v < in.size(); ++v) cut[threads][v] = in[v]->size();
  start[threads] = total;
  std::vector<TermRef> all(total);
  Parallel(threads, [&](unsigned p) {
    std::vector<size_t> at = cut[p];
    const std::vector<size_t>& end = cut[p + 1];
    TermRef* out = all.data() + start[p];
    for (;;) {
      size_t best = in.size();
      for (size_t v = 0; v < in.size(); ++v) {
        if (at[v] == end[v]) continue;
        // Strictly less: of equal terms, the earlier input's comes first.
        if (best == in.size() || TermLess((*in[v])[at[v]], (*in[best])[at[best]])) best = v;
      }
      if (best == in.size()) break;
      *out++ = (*in[best])[at[best]++];
    }
    assert(out == all.data() + start[p + 1]);
  });
  for (auto& s : *sorted) std::vector<TermRef>().swap(s);
  return all;
}

// Cuts the documents, in date order, into `threads` ranges of about equal
// bytes of text (each document also counts for kDocWeight): without
// extraction their analysis takes about as long (with it, AnalysisPieces
// shares the rest out). Range t is [range[t], range[t + 1]).
constexpr uint64_t kDocWeight = 64;

std::vector<uint32_t> AnalysisRanges(const std::vector<Document>& docs,
                                     const std::vector<uint32_t>& order, unsigned threads) {
  auto weight = [&docs](uint32_t i) {
    return docs[i].title.size() + docs[i].text.size() + kDocWeight;
  };
  uint64_t total = 0;
  for (uint32_t i : order) total += weight(i);
  const auto n = static_cast<uint32_t>(order.size());
  std::vector<uint32_t> range(threads + 1, n);
  range[0] = 0;
  uint64_t sum = 0;
  unsigned t = 1;
  for (uint32_t k = 0; k < n && t < threads; ++k) {
    while (t < threads && sum * threads >= total * t) range[t++] = k;
    sum += weight(order[k]);
  }
  return range;
}

// Postings are encoded in this many ranges per thread: ranges of equal bytes
// still take unequal times, and the threads take them in turn (with 8, one
// thread of the real corpus's build finished its last range about 30 ms
// after the other; with 32 the phase took 0.196 s instead of 0.211).
constexpr size_t kPartsPerThread = 32;

// Bounds of `parts` ranges of `all` of about equal pending bytes, at term
// boundaries (equal terms stay in one range); the first is 0, the last all.size().
// Also cut at `at`.
std::vector<size_t> CutByBytes(const std::vector<TermRef>& all, size_t parts, size_t at) {
  uint64_t total = 0;
  for (const TermRef& t : all) total += t.weight;
  std::vector<size_t> cut = {0};
  uint64_t sum = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    const bool boundary = i > 0 && !SameTerm(all[i], all[i - 1]);
    if (boundary && (i == at || sum * parts >= total * cut.size())) cut.push_back(i);
    sum += all[i].weight;
  }
  cut.push_back(all.size());
  return cut;
}

}  // namespace

Status BuildSegment(std::vector<Document>* docs, unsigned threads, bool annotate,
                    const std::string& path) {
  BuildOptions opt;
  opt.threads = threads;
  opt.annotate = annotate;
  return BuildSegment(docs, opt, path);
}

Status BuildSegment(std::vector<Document>* docs, const BuildOptions& opt, const std::string& path) {
  const uint32_t n = static_cast<uint32_t>(docs->size());
  const unsigned threads = std::max(1u, std::min(opt.threads, n / 64 + 1));
  const std::vector<uint32_t> order = DateOrder(*docs);
  std::vector<DocColumns> cols(n);
  std::unique_ptr<CopyFinder> copies;
  if (opt.find_copies) {
    copies = std::make_unique<CopyFinder>(opt.existing, n, threads, opt.bucket_tables);
    copies->SetLimits(opt.release_pages_every);
    if (opt.keep_shingles != nullptr) copies->KeepShingles(opt.keep_shingles);
  }
  std::unique_ptr<StoryFinder> stories;
  if (opt.find_stories && opt.annotate) {
    stories = std::make_unique<StoryFinder>(opt.existing, n, threads);
  }
  Timer timer;
  // The documents are stored, in date order, on a thread of their own while
  // they are analysed (the writer compresses on a second): each as soon as
  // its analysis is done (its language resolved, its columns known), so the
  // store never waits for the whole batch.
  SegmentWriter w(path, opt.spill_bytes);
  w.ExpectDocuments(n);
  if (!opt.store_dict.empty()) w.OfferStoreDict(opt.store_dict);
  AnalysisPieces pieces(AnalysisRanges(*docs, order, threads), /*steal=*/opt.annotate);
  // Per document (in date order): 1 once analysed (32 bits: a futex of its
  // own to wait on).
  std::unique_ptr<std::atomic<uint32_t>[]> analysed(new std::atomic<uint32_t>[n]());
  // Each document is freed once stored (memory: doc/index-format.md); the
  // copy and story finders may still read them until they link.
  const bool free_when_stored = !copies && !stories;
  std::vector<std::string> doc_langs(n);
  std::thread storer([&] {
    for (uint32_t k = 0; k < n; ++k) {
      // Sleeps in the kernel until woken (polling every 200 us took 3% of
      // the CPU at 10k documents).
      analysed[k].wait(0, std::memory_order_acquire);
      Document& d = (*docs)[order[k]];
      w.AddDocument(d, cols[k]);
      if (free_when_stored) d = Document();
    }
  });
  struct Joiner {
    std::thread* t;
    ~Joiner() {
      if (t->joinable()) t->join();
    }
  } joiner{&storer};
  std::vector<double> busy(threads);  // seconds each analysis thread took
  Parallel(threads, [&](unsigned t) {
    const auto began = std::chrono::steady_clock::now();
    std::vector<std::string> extra;
    uint32_t k;
    Inverter* into;
    while (pieces.Next(t, &k, &into)) {
      Document& d = (*docs)[order[k]];
      ResolveLanguage(&d);
      doc_langs[k] = d.lang;
      extra.clear();
      if (opt.annotate) {
        const Annotations a = Annotate(d);
        d.annotations = EncodeAnnotations(a);
        AnnotationTerms(a, d.lang, &extra);
      }
      if (std::string s = SourceTerm(d.source); !s.empty()) extra.push_back(std::move(s));
      cols[k] = into->Add(d, k, extra);
      if (copies) copies->AddDocument(t, k, d, cols[k], into->last_text_tokens());
      if (stories) stories->AddDocument(t, k, d, cols[k], extra);
      analysed[k].store(1, std::memory_order_release);
      analysed[k].notify_one();
    }
    busy[t] = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  });
  timer.Lap("analyse");
  timer.Note(busy, pieces.size());
  // The pieces' inverters in document order, then one for the copy terms and
  // one for the story links (all documents).
  std::vector<Inverter> inv = pieces.TakeInOrder(2);
  const size_t npieces = inv.size() - 2;
  std::vector<std::vector<TermRef>> sorted(npieces + 2);
  // The language table, known once every language is resolved: the encoders
  // record each stem term's languages.
  const LanguageTable langs = LanguageTable::Of(doc_langs);
  std::vector<uint8_t> lang_ids(n);
  for (uint32_t k = 0; k < n; ++k) lang_ids[k] = langs.ids.at(doc_langs[k]);
  std::vector<std::string>().swap(doc_langs);
  if (copies) {
    copies->Link(&inv[npieces]);
    timer.Lap("copies");
    timer.Note(copies->stats());
    copies.reset();
  }
  if (stories) {
    stories->Link(&inv[npieces + 1]);
    timer.Lap("stories");
    timer.Note(stories->stats());
    stories.reset();
  }
  Parallel(threads, [&](unsigned t) {
    for (size_t p = t; p < npieces; p += threads) sorted[p] = SortedTerms(&inv[p]);
  });
  sorted[npieces] = SortedTerms(&inv[npieces]);
  sorted[npieces + 1] = SortedTerms(&inv[npieces + 1]);
  timer.Lap("sort");
  std::vector<TermRef> all = MergeTerms(&sorted, threads);
  timer.Lap("merge terms");
  // Encode the postings in ranges of about equal bytes, split at term
  // boundaries, taken in turn by `threads` threads; each range goes to the
  // writer (in order) as soon as it and those before it are encoded.
  // The stems (derived from the words' streams) come before the words in
  // byte order and are all encoded before any word (which releases its
  // stream once encoded).
  const size_t words_at = static_cast<size_t>(
      std::partition_point(all.begin(), all.end(),
                           [](const TermRef& t) {
                             return t.first.empty() || static_cast<unsigned char>(t.first[0]) <=
                                                           static_cast<unsigned char>(kStemPrefix);
                           }) -
      all.begin());
  const std::vector<size_t> cut = CutByBytes(all, threads * kPartsPerThread, words_at);
  const size_t words_part =
      static_cast<size_t>(std::lower_bound(cut.begin(), cut.end() - 1, words_at) - cut.begin());
  const StemPlan plan = PlanStems(all, inv, threads);
  const Lengths lengths = LengthsOf(cols);
  const BoundNorms norms(lengths.of.data(), static_cast<uint32_t>(lengths.of.size()), lengths.avg);
  timer.Lap("plan stems");
  InOrder<EncodedTerms> parts(cut.size() - 1, [&w](EncodedTerms* part) {
    w.AddEncoded(*part);
    *part = EncodedTerms();
  });
  // Stems first (the ranges before words_part), then words, taken in turn
  // from one queue: a stem's encoder reads its words' pending streams, which
  // a word's encoder frees, so a word range taken before every stem range is
  // done keeps its streams (its inverter frees them). Two queues, one after
  // the other, left a core idle while the last stem range ended.
  std::atomic<size_t> next{0}, stems_done{0};
  Parallel(threads, [&](unsigned) {
    for (size_t i; (i = next.fetch_add(1)) < cut.size() - 1;) {
      const bool stem = i < words_part;
      const bool release = stem || stems_done.load(std::memory_order_acquire) == words_part;
      EncodeRange(all, plan, cut[i], cut[i + 1], norms, lang_ids.data(), release, parts.at(i));
      if (stem) stems_done.fetch_add(1, std::memory_order_release);
      parts.Done(i);
    }
  });
  timer.Lap("postings");
  storer.join();
  timer.Lap("store");
  if (!free_when_stored) {
    for (Document& d : *docs) d = Document();
  }
  for (uint32_t k = 0; k < n; ++k) w.SetLanguage(k, lang_ids[k]);
  // The writer holds its own copies of the terms now: free what the inversion left.
  std::vector<TermRef>().swap(all);
  std::vector<Inverter>().swap(inv);
  if (opt.on_freed) opt.on_freed();
  timer.Lap("free");
  Status s = w.Finish(langs.codes);
  timer.Lap("write");
  return s;
}

}  // namespace dateline::index
