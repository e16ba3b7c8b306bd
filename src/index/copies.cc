#include "index/copies.h"

#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <thread>
#include <tuple>
#include <utility>

#include "index/annotation_terms.h"

namespace dateline::index {

namespace {

// A feature bucket with more documents in one segment is skipped (a segment
// of n documents has about 8n / 2^16 per bucket).
constexpr uint32_t kMaxPostingsPerFeature = 1 << 17;
// Candidates in the indexed segments verified per new document, most shared features first.
constexpr size_t kMaxVerify = 8;
// Documents of the new segment a feature points to (the first ones that had it).
constexpr size_t kBatchPerFeature = 2;
// Feature buckets (the 16 bits of a feature term).
constexpr size_t kBuckets = 1 << 16;
// A batch of at least this many documents reads the feature buckets of each
// indexed segment in one walk of its dictionary (a walk of up to kBuckets
// entries costs about what a thousand documents' lookups cost), for the
// newest segments (BuildOptions::bucket_tables).
constexpr uint32_t kBucketTableMinDocs = 1024;

uint32_t Bucket(uint64_t feature) { return static_cast<uint32_t>(feature >> 3) & 0xFFFF; }
// File bytes counted for a store block read (64 KiB raw, zstd-compressed).
constexpr uint64_t kStoreBlockRead = 32 << 10;

uint64_t Mix(uint64_t h) {  // MurmurHash3's finaliser
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

// Eight bytes from p as a little-endian number.
uint64_t LoadLittle64(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  return w;
}

uint32_t LoadLittle32(const char* p) {
  uint32_t w;
  std::memcpy(&w, p, 4);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap32(w);
  return w;
}

uint64_t Byte(const char* p, size_t i) {
  return uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
}

// The n < 8 bytes at p as a little-endian number (the bytes after them zero),
// from two overlapping loads of four bytes, or three of one: no loop, no call.
uint64_t LoadTail(const char* p, size_t n) {
  if (n >= 4) return LoadLittle32(p) | uint64_t{LoadLittle32(p + n - 4)} << (8 * (n - 4));
  if (n == 0) return 0;
  return Byte(p, 0) | Byte(p, n / 2) | Byte(p, n - 1);
}

}  // namespace

// A hash of the bytes that is the same on every platform (features are
// stored): eight bytes at a time, little-endian, then the rest (zero-padded)
// and the length.
uint64_t WordHash(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    h = (h ^ LoadLittle64(s.data() + i)) * 0x9e3779b97f4a7c15ull;
    h ^= h >> 29;
  }
  const uint64_t w = LoadTail(s.data() + i, s.size() - i);
  return Mix((h ^ w ^ (uint64_t{s.size()} << 56)) * 0x9e3779b97f4a7c15ull);
}

namespace {

bool Earlier(const auto& a, const auto& b) {
  return std::tie(a.first_day, a.id) < std::tie(b.first_day, b.id);
}

}  // namespace

void AppendShingles(std::span<const text::Token> tokens, std::vector<uint32_t>* set,
                    Shingles* out) {
  out->features.clear();
  out->sampled = 0;
  // The word hashes of the last kShingleWords words, oldest first.
  uint64_t w0 = 0, w1 = 0, w2 = 0, w3 = 0, w4 = 0;
  static_assert(kShingleWords == 5);
  size_t words = 0;
  uint32_t prev = ~0u;
  for (const text::Token& t : tokens) {
    if (t.position == prev) continue;  // an alternative form (joined compound)
    prev = t.position;
    w0 = w1, w1 = w2, w2 = w3, w3 = w4, w4 = WordHash(t.term);
    if (++words < kShingleWords) continue;
    constexpr uint64_t k = 0x9e3779b97f4a7c15ull;
    uint64_t h = (k ^ w0) * k;
    h = (h ^ w1) * k;
    h = (h ^ w2) * k;
    h = (h ^ w3) * k;
    h = Mix((h ^ w4) * k);
    set->push_back(static_cast<uint32_t>(h >> 32));
    if (h % kFeatureSampling == 0) out->features.push_back(h);
  }
  std::sort(out->features.begin(), out->features.end());
  out->features.erase(std::unique(out->features.begin(), out->features.end()), out->features.end());
  out->sampled = out->features.size();
  if (out->features.size() > kIndexFeatures) out->features.resize(kIndexFeatures);
}

namespace {

// Sorts v[begin, end) and removes repeats; returns the new end.
size_t SortUnique(std::vector<uint32_t>* v, size_t begin, size_t end) {
  auto b = v->begin() + static_cast<ptrdiff_t>(begin);
  auto e = v->begin() + static_cast<ptrdiff_t>(end);
  std::sort(b, e);
  return static_cast<size_t>(std::unique(b, e) - v->begin());
}

// True when a and b have at least `need` elements in common; gives up as
// soon as the elements left cannot make up the difference.
bool CommonAtLeast(std::span<const uint32_t> a, std::span<const uint32_t> b, size_t need) {
  size_t n = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    // Check the bound once per 32 steps.
    const size_t stop = std::min(a.size(), i + 32);
    while (i < stop && j < b.size()) {
      if (a[i] < b[j]) {
        ++i;
      } else if (b[j] < a[i]) {
        ++j;
      } else {
        ++n, ++i, ++j;
      }
    }
    if (n >= need) return true;
    if (n + std::min(a.size() - i, b.size() - j) < need) return false;
  }
  return n >= need;
}

size_t Common(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  size_t n = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++n, ++i, ++j;
    }
  }
  return n;
}

}  // namespace

void MakeShingles(std::span<const text::Token> tokens, Shingles* out) {
  out->set.clear();
  AppendShingles(tokens, &out->set, out);
  out->set.resize(SortUnique(&out->set, 0, out->set.size()));
}

void TextShingles(std::string_view text, Shingles* out) {
  std::vector<text::Token> tokens;
  text::Tokenize(text, &tokens);
  MakeShingles(tokens, out);
}

double Containment(const Shingles& a, const Shingles& b) {
  const size_t lo = std::min(a.set.size(), b.set.size());
  return lo == 0 ? 0.0 : static_cast<double>(Common(a.set, b.set)) / static_cast<double>(lo);
}

bool IsCopy(std::span<const uint32_t> a, size_t a_sampled, std::span<const uint32_t> b,
            size_t b_sampled) {
  if (a_sampled < kMinFeatures || b_sampled < kMinFeatures) return false;
  const double need = kMinOverlap * static_cast<double>(std::max(a.size(), b.size()));
  // Cheap bound first: the common part cannot exceed the smaller set.
  if (static_cast<double>(std::min(a.size(), b.size())) < need) return false;
  return CommonAtLeast(a, b, static_cast<size_t>(std::ceil(need)));
}

CopyFinder::CopyFinder(std::vector<IndexedSegment> existing, uint32_t n, unsigned threads,
                       size_t bucket_tables)
    : existing_(std::move(existing)), docs_(n), thread_stats_(threads), checks_(threads) {
  sets_.pools.resize(threads);
  sets_.docs.resize(n);
  buckets_.resize(existing_.size());
  if (n < kBucketTableMinDocs) return;
  for (size_t s = existing_.size(), tables = 0; s-- > 0 && tables < bucket_tables; ++tables) {
    std::vector<BucketPostings>& table = buckets_[s];
    table.resize(kBuckets);
    SegmentReader::DictCursor cur(existing_[s].reader);
    for (cur.Seek(kCopyFeaturePrefix); cur.valid(); cur.Next()) {
      const std::string& t = cur.term();
      if (!t.starts_with(kCopyFeaturePrefix)) break;
      if (t.size() != kCopyFeaturePrefix.size() + 2) continue;
      const uint32_t b =
          uint32_t{static_cast<unsigned char>(t[2])} << 8 | static_cast<unsigned char>(t[3]);
      table[b] = {cur.info().postings, cur.info().df};
    }
    // A damaged dictionary: look the features up one by one (`check` reports it).
    if (cur.corrupt()) std::vector<BucketPostings>().swap(table);
  }
}

void CopyFinder::SetLimits(uint64_t release_every) {
  release_every_ = release_every;
  resident_base_ = ResidentFileBytes();
}

void CopyFinder::AddDocument(unsigned thread, uint32_t docnum, const Document& doc,
                             const DocColumns& cols, std::span<const text::Token> text_tokens) {
  NewDoc& nd = docs_[docnum];
  SegmentShingles::Doc& set = sets_.docs[docnum];
  std::vector<uint32_t>& pool = sets_.pools[thread];
  Shingles sh;
  set.pool = thread;
  set.begin = pool.size();
  AppendShingles(text_tokens, &pool, &sh);
  set.size = static_cast<uint32_t>(pool.size() - set.begin);
  set.sampled = static_cast<uint32_t>(sh.sampled);
  nd.features = std::move(sh.features);
  nd.self = {cols.first_day, doc.id, TextLength(cols)};
  if (set.sampled < kMinFeatures) {  // never linked: keep nothing
    pool.resize(set.begin);
    set.size = 0;
    nd.features.clear();
    return;
  }
  ++thread_stats_[thread].documents;
  FindIndexed(docnum);
}

std::span<const uint32_t> SegmentShingles::Set(uint32_t doc) {
  Doc& d = docs[doc];
  if (!d.sorted) {
    d.size = static_cast<uint32_t>(SortUnique(&pools[d.pool], d.begin, d.begin + d.size) - d.begin);
    d.sorted = true;
  }
  return std::span<const uint32_t>(pools[d.pool]).subspan(d.begin, d.size);
}

void CopyFinder::FindIndexed(uint32_t k) {
  NewDoc& nd = docs_[k];
  std::vector<uint32_t> buckets;
  for (uint64_t f : nd.features) buckets.push_back(Bucket(f));
  std::sort(buckets.begin(), buckets.end());
  buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
  // Live documents of the features' posting lists, as (segment, doc), once per feature.
  std::vector<std::pair<uint32_t, uint32_t>> hits;
  for (uint32_t s = 0; s < existing_.size(); ++s) {
    const IndexedSegment& seg = existing_[s];
    for (const uint32_t b : buckets) {
      TermInfo info;
      const bool from_table = !buckets_[s].empty();
      if (from_table) {
        info.df = buckets_[s][b].df;
        info.postings = buckets_[s][b].postings;
        if (info.df == 0) continue;
      } else if (!seg.reader->Find(CopyFeatureTerm(uint64_t{b} << 3), &info)) {
        continue;
      }
      if (info.df > kMaxPostingsPerFeature) continue;
      // The list, and a dictionary block unless from the table: a page each, about.
      NoteRead((from_table ? 0 : 8192) + uint64_t{info.df} * 2);
      PostingsCursor cur;
      seg.reader->OpenCursor(info, &cur);
      for (uint32_t d = cur.doc(); d != kNoDoc; d = cur.Next()) {
        if (!((*seg.deleted)[d >> 6] >> (d & 63) & 1)) hits.emplace_back(s, d);
      }
    }
  }
  std::sort(hits.begin(), hits.end());
  // (shared features, (segment, doc)), most shared first.
  std::vector<std::pair<uint32_t, std::pair<uint32_t, uint32_t>>> cands;
  for (size_t i = 0; i < hits.size();) {
    size_t j = i;
    while (j < hits.size() && hits[j] == hits[i]) ++j;
    if (j - i >= kMinShared) cands.push_back({static_cast<uint32_t>(j - i), hits[i]});
    i = j;
  }
  std::sort(cands.begin(), cands.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  // A copy shares at least kMinOverlap of the new set, and an indexed text of
  // w words has at most w - kShingleWords + 1 distinct shingles. (Sorting the
  // set here, on k's thread, leaves it sorted for VerifyIndexed's threads.)
  const double need = kMinOverlap * static_cast<double>(cands.empty() ? 0 : Set(k).size());
  for (size_t i = 0; i < cands.size() && i < kMaxVerify; ++i) {
    const auto [s, d] = cands[i].second;
    const uint32_t words = TextLength(existing_[s].reader->columns(d));
    if (words + 1 < kShingleWords || static_cast<double>(words + 1 - kShingleWords) < need) {
      ++thread_stats_[Thread(k)].indexed_skipped;
      continue;
    }
    ++thread_stats_[Thread(k)].indexed_checked;
    checks_[Thread(k)].push_back({s, d, k});
  }
}

// What a thread reuses from one indexed document to the next.
struct CopyFinder::Reading {
  SegmentReader::StoreCache block;  // the last store block decompressed
  Document doc;
  std::vector<text::Token> tokens;
  Shingles shingles;
};

bool CopyFinder::IndexedShingles(uint32_t s, uint32_t doc, Reading* r) {
  const SegmentReader& reader = *existing_[s].reader;
  const size_t before = r->block.owner == reader.uid() ? r->block.block : static_cast<size_t>(-1);
  if (!reader.GetDocument(doc, &r->doc, &r->block).ok()) return false;  // `check` reports it
  if (r->block.block != before) NoteRead(kStoreBlockRead);  // one compressed store block
  r->tokens.clear();
  text::Tokenize(r->doc.text, &r->tokens);
  MakeShingles(r->tokens, &r->shingles);
  return true;
}

void CopyFinder::VerifyChecks(unsigned thread, std::span<const Check> checks,
                              std::vector<Found>* out) {
  Reading read;
  for (size_t i = 0; i < checks.size();) {
    const uint32_t s = checks[i].seg, d = checks[i].doc;
    size_t j = i;
    while (j < checks.size() && checks[j].seg == s && checks[j].doc == d) ++j;
    const SegmentReader& reader = *existing_[s].reader;
    SegmentShingles* kept = existing_[s].shingles;
    std::span<const uint32_t> set;
    size_t sampled = 0;
    if (kept != nullptr) {
      set = kept->Set(d), sampled = kept->docs[d].sampled;  // d is on this thread only
    } else if (IndexedShingles(s, d, &read)) {
      set = read.shingles.set, sampled = read.shingles.sampled;
      thread_stats_[thread].indexed_cached += j - i - 1;
    }
    const std::string id = reader.IdOf(d);
    for (; i < j; ++i) {
      const uint32_t k = checks[i].k;
      if (id == docs_[k].self.id) continue;  // an older version of this very document
      if (set.empty() || !IsCopy(Set(k), sets_.docs[k].sampled, set, sampled)) continue;
      const DocColumns& c = reader.columns(d);
      out->push_back({k, {c.first_day, std::string(id), TextLength(c)}});
    }
  }
}

namespace {

// Bounds of `parts` ranges of sorted checks, cut between indexed documents.
template <typename Check>
std::vector<size_t> CutBetweenDocs(const std::vector<Check>& all, unsigned parts) {
  std::vector<size_t> cut(parts + 1, all.size());
  cut[0] = 0;
  auto same = [&all](size_t c) {
    return all[c].seg == all[c - 1].seg && all[c].doc == all[c - 1].doc;
  };
  for (unsigned t = 1; t < parts; ++t) {
    size_t c = std::max(cut[t - 1], all.size() * t / parts);
    while (c > 0 && c < all.size() && same(c)) ++c;
    cut[t] = c;
  }
  return cut;
}

}  // namespace

void CopyFinder::VerifyIndexed() {
  std::vector<Check> all;
  for (std::vector<Check>& c : checks_) {
    all.insert(all.end(), c.begin(), c.end());
    std::vector<Check>().swap(c);
  }
  // In store order (a merged segment's records are not in document order),
  // so that each thread decompresses each store block once.
  auto key = [this](const Check& c) {
    return std::tuple(c.seg, existing_[c.seg].reader->RecordOf(c.doc), c.doc, c.k);
  };
  std::sort(all.begin(), all.end(),
            [&](const Check& a, const Check& b) { return key(a) < key(b); });
  const unsigned threads = static_cast<unsigned>(sets_.pools.size());
  const std::vector<size_t> cut = CutBetweenDocs(all, threads);
  std::vector<std::vector<Found>> found(threads);
  const std::span<const Check> checks(all);
  auto run = [&](unsigned t) {
    VerifyChecks(t, checks.subspan(cut[t], cut[t + 1] - cut[t]), &found[t]);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(run, t);
  run(0);
  for (std::thread& th : pool) th.join();
  for (std::vector<Found>& f : found) {
    for (Found& x : f) docs_[x.k].matches.push_back(std::move(x.target));
  }
}

uint64_t ResidentFileBytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long long size = 0, resident = 0, shared = 0;
  const int n = std::fscanf(f, "%llu %llu %llu", &size, &resident, &shared);
  std::fclose(f);
  return n == 3 ? shared * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE)) : 0;
}

namespace {

// Resident file pages are looked at after every this many bytes read, about.
constexpr uint64_t kResidentCheck = 256 << 10;

}  // namespace

// A read maps more than the bytes it reads (the kernel maps the cached pages
// around a fault too), so the resident file pages themselves are watched.
void CopyFinder::NoteRead(uint64_t bytes) {
  if (release_every_ == 0) return;
  const uint64_t before = read_since_release_.fetch_add(bytes, std::memory_order_relaxed);
  if (before / kResidentCheck == (before + bytes) / kResidentCheck) return;
  const uint64_t resident = ResidentFileBytes();
  const bool over = resident != 0 ? resident > resident_base_ + release_every_
                                  : (before + bytes) / release_every_ != before / release_every_;
  if (!over || releasing_.test_and_set()) return;
  // Others read on meanwhile: a released page comes back from the page cache.
  for (const IndexedSegment& seg : existing_) seg.reader->ReleasePages();
  releasing_.clear();
}

void CopyFinder::FindInBatch(const std::vector<std::pair<uint64_t, uint32_t>>& by_feature,
                             uint32_t k) {
  NewDoc& nd = docs_[k];
  std::vector<uint32_t> cands;
  for (uint64_t f : nd.features) {
    auto it =
        std::lower_bound(by_feature.begin(), by_feature.end(), std::make_pair(f, uint32_t{0}));
    for (size_t n = 0; n < kBatchPerFeature && it != by_feature.end(); ++n, ++it) {
      if (it->first != f || it->second >= k) break;
      cands.push_back(it->second);
    }
  }
  std::sort(cands.begin(), cands.end());
  for (size_t i = 0; i < cands.size();) {
    size_t j = i;
    while (j < cands.size() && cands[j] == cands[i]) ++j;
    if (j - i >= kMinShared) {
      ++stats_.batch_checked;
      const uint32_t other = cands[i];
      if (IsCopy(Set(k), sets_.docs[k].sampled, Set(other), sets_.docs[other].sampled)) {
        nd.matches.push_back(docs_[other].self);
      }
    }
    i = j;
  }
}

void CopyFinder::Link(Inverter* out) {
  VerifyIndexed();
  for (const CopyStats& t : thread_stats_) {
    stats_.documents += t.documents;
    stats_.indexed_checked += t.indexed_checked;
    stats_.indexed_skipped += t.indexed_skipped;
    stats_.indexed_cached += t.indexed_cached;
  }
  std::vector<std::pair<uint64_t, uint32_t>> by_feature;
  for (uint32_t k = 0; k < docs_.size(); ++k) {
    if (sets_.docs[k].sampled < kMinFeatures) continue;
    for (uint64_t f : docs_[k].features) by_feature.emplace_back(f, k);
  }
  std::sort(by_feature.begin(), by_feature.end());
  for (uint32_t k = 0; k < docs_.size(); ++k) {
    if (sets_.docs[k].sampled >= kMinFeatures) FindInBatch(by_feature, k);
  }
  std::vector<std::string> terms;
  for (uint32_t k = 0; k < docs_.size(); ++k) {
    terms.clear();
    for (uint64_t f : docs_[k].features) terms.push_back(CopyFeatureTerm(f));
    std::vector<Target>& m = docs_[k].matches;
    std::sort(m.begin(), m.end(), [](const Target& a, const Target& b) { return Earlier(a, b); });
    m.erase(std::unique(m.begin(), m.end(),
                        [](const Target& a, const Target& b) { return a.id == b.id; }),
            m.end());
    stats_.linked += !m.empty();
    for (size_t i = 0; i < m.size() && i < kMaxLinks; ++i) {
      terms.push_back(CopyLinkTerm(m[i].text_length, m[i].id));
    }
    out->AddTerms(k, terms);
  }
  if (keep_ != nullptr) *keep_ = std::move(sets_);
  std::vector<NewDoc>().swap(docs_);
  sets_ = SegmentShingles();
}

}  // namespace dateline::index
