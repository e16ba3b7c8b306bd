#include "index/stories.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "index/annotation_terms.h"

namespace dateline::index {

namespace {

// Month-dated documents start up to this many days before the dates they cover.
constexpr int32_t kCoarseSlack = 31;
constexpr uint32_t kBatchSeg = ~0u;

// The tunable parameters; DATELINE_STORY_* environment variables override
// them for bench/stories (measurement only).
struct Params {
  double min_score = kStoryMinScore;
  size_t min_shared = kStoryMinShared;
  size_t max_links = kStoryMaxLinks;
  int32_t window = kStoryWindowDays;
  size_t short_evidence = kStoryShortEvidence;
  bool pair_all = false;  // a key and a GeoNames id count as one for long documents too
  double max_df_share = kStoryMaxDfShare;
  bool trace = false;  // print every link and its shared evidence to stderr
};

double EnvOr(const char* name, double fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atof(v) : fallback;
}

const Params& GetParams() {
  static const Params p = [] {
    Params q;
    q.min_score = EnvOr("DATELINE_STORY_MIN_SCORE", q.min_score);
    q.min_shared = static_cast<size_t>(EnvOr("DATELINE_STORY_MIN_SHARED", double(q.min_shared)));
    q.max_links = static_cast<size_t>(EnvOr("DATELINE_STORY_MAX_LINKS", double(q.max_links)));
    q.window = static_cast<int32_t>(EnvOr("DATELINE_STORY_WINDOW", q.window));
    q.short_evidence = static_cast<size_t>(EnvOr("DATELINE_STORY_SHORT", double(q.short_evidence)));
    q.pair_all = EnvOr("DATELINE_STORY_PAIR_ALL", 0) != 0;
    q.max_df_share = EnvOr("DATELINE_STORY_MAX_DF_SHARE", q.max_df_share);
    q.trace = EnvOr("DATELINE_STORY_TRACE", 0) != 0;
    return q;
  }();
  return p;
}

double DfCap(uint64_t docs) { return StoryDfCap(docs, GetParams().max_df_share); }

// True when a document dated [first, last] is in the window of one dated [lo, hi].
bool InWindow(int32_t first, int32_t last, int32_t lo, int32_t hi, int32_t window) {
  return first <= hi + window && last >= lo - window;
}

// True when a candidate shares enough evidence with a new document having
// `specific` evidence terms (not too common). An entity key and a GeoNames id
// may be one place (the key of its name and its id): the lesser of the shared
// keys and shared GeoNames ids is left out of the count, so that one country
// named in two reports is not two pieces of evidence. Short texts have too few
// terms to share three, but must share two.
bool SharesEnough(const Params& p, size_t specific, size_t shared, size_t geo, size_t key) {
  const size_t paired = shared - std::min(geo, key);
  if ((p.pair_all ? paired : shared) >= p.min_shared) return true;
  return specific <= p.short_evidence && paired >= kStoryMinSharedShort;
}

// Entity keys count whatever type the tagger gave them (taggers of different
// languages disagree): "\x03E" + key stands for the P, O, L and M terms of the key.
std::string CanonicalEvidence(std::string_view term) {
  std::string t(term);
  if (t[1] == 'P' || t[1] == 'O' || t[1] == 'L' || t[1] == 'M') t[1] = 'E';
  return t;
}

// The index terms an evidence term stands for.
std::vector<std::string> IndexTerms(const std::string& evidence) {
  if (evidence[1] != 'E') return {evidence};
  std::vector<std::string> out;
  for (char type : {'P', 'O', 'L', 'M'}) {
    out.push_back(evidence);
    out.back()[1] = type;
  }
  return out;
}

// Counts a shared evidence term by kind (CanonicalEvidence form).
template <typename C>
void CountKind(std::string_view evidence, C* c) {
  c->shared_geo += evidence[1] == 'G';
  c->shared_key += evidence[1] == 'E';
}

}  // namespace

std::string StoryLinkTerm(std::string_view target_id) {
  std::string t(kStoryLinkPrefix);
  t.append(target_id);
  return t;
}

bool ParseStoryLinkTerm(std::string_view term, std::string_view* target_id) {
  if (!term.starts_with(kStoryLinkPrefix)) return false;
  *target_id = term.substr(kStoryLinkPrefix.size());
  return true;
}

double StoryDfCap(uint64_t docs, double max_df_share) {
  return std::max(kStoryMinDfCap, max_df_share * static_cast<double>(docs));
}

bool IsStoryEvidence(std::string_view term) {
  if (term.size() < 3 || term[0] != kAnnotationPrefix) return false;
  switch (term[1]) {
    case 'P':
    case 'O':
    case 'L':
    case 'M':
    case 'G':
    case 'D':
      return true;
    default:
      return false;
  }
}

StoryFinder::StoryFinder(std::vector<IndexedSegment> existing, uint32_t n, unsigned threads)
    : existing_(std::move(existing)), docs_(n), thread_stats_(threads) {
  for (const IndexedSegment& s : existing_) existing_docs_ += s.reader->doc_count();
}

void StoryFinder::AddDocument(unsigned thread, uint32_t docnum, const Document& doc,
                              const DocColumns& cols,
                              const std::vector<std::string>& annotation_terms) {
  NewDoc& nd = docs_[docnum];
  nd.id = doc.id;
  nd.first_day = cols.first_day;
  nd.last_day = cols.last_day;
  for (const std::string& t : annotation_terms) {
    if (IsStoryEvidence(t)) nd.terms.push_back(CanonicalEvidence(t));
  }
  std::sort(nd.terms.begin(), nd.terms.end());
  nd.terms.erase(std::unique(nd.terms.begin(), nd.terms.end()), nd.terms.end());
  if (nd.terms.empty()) return;
  ++thread_stats_[thread].documents;
  FindIndexed(&nd);
}

void StoryFinder::FindIndexed(NewDoc* nd) {
  nd->df.assign(nd->terms.size(), 0);
  std::vector<std::pair<uint32_t, TermInfo>> found;
  for (uint32_t t = 0; t < nd->terms.size(); ++t) {
    found.clear();
    for (const std::string& term : IndexTerms(nd->terms[t])) {
      for (uint32_t s = 0; s < existing_.size(); ++s) {
        TermInfo info;
        if (!existing_[s].reader->Find(term, &info)) continue;
        nd->df[t] += info.df;
        found.emplace_back(s, info);
      }
    }
    if (nd->df[t] > DfCap(existing_docs_)) continue;  // too common to tell stories apart
    for (const auto& [s, info] : found) ScanSegment(s, t, info, nd);
  }
  // A document with one key under two types counts once.
  std::sort(nd->hits.begin(), nd->hits.end(), [](const Hit& a, const Hit& b) {
    return std::tie(a.seg, a.doc, a.term) < std::tie(b.seg, b.doc, b.term);
  });
  nd->hits.erase(std::unique(nd->hits.begin(), nd->hits.end(),
                             [](const Hit& a, const Hit& b) {
                               return a.seg == b.seg && a.doc == b.doc && a.term == b.term;
                             }),
                 nd->hits.end());
}

void StoryFinder::ScanSegment(uint32_t s, uint32_t t, const TermInfo& info, NewDoc* nd) {
  const IndexedSegment& seg = existing_[s];
  const DocColumns* cols = seg.reader->all_columns();
  const uint32_t n = seg.reader->doc_count();
  const int32_t w = GetParams().window;
  // Documents are in date order: the window is a contiguous range of them.
  const auto by_first = [](const DocColumns& c, int32_t day) { return c.first_day < day; };
  const uint32_t lo = static_cast<uint32_t>(
      std::lower_bound(cols, cols + n, nd->first_day - w - kCoarseSlack, by_first) - cols);
  const uint32_t hi = static_cast<uint32_t>(
      std::lower_bound(cols, cols + n, nd->last_day + w + 1, by_first) - cols);
  if (lo >= hi) return;
  PostingsCursor cur;
  seg.reader->OpenCursor(info, &cur);
  for (uint32_t d = cur.Advance(lo); d != kNoDoc && d < hi; d = cur.Next()) {
    if ((*seg.deleted)[d >> 6] >> (d & 63) & 1) continue;
    if (!InWindow(cols[d].first_day, cols[d].last_day, nd->first_day, nd->last_day, w)) continue;
    nd->hits.push_back({s, d, t});
  }
}

std::vector<StoryFinder::Candidate> StoryFinder::Score(
    uint32_t k, const std::vector<uint32_t>& term_ids,
    const std::vector<std::vector<uint32_t>>& postings, StoryStats* stats) const {
  const Params& p = GetParams();
  const NewDoc& nd = docs_[k];
  const double total = static_cast<double>(existing_docs_ + docs_.size());
  std::vector<double> idf(nd.terms.size(), 0);
  double weight = 0;
  size_t specific = 0;  // evidence terms not too common
  std::unordered_map<uint64_t, Candidate> cands;
  for (uint32_t t = 0; t < nd.terms.size(); ++t) {
    const uint32_t tid = term_ids[t];
    const double df = nd.df[t] + postings[tid].size() - 1.0;  // other documents
    if (df > DfCap(existing_docs_ + docs_.size())) continue;  // too common
    ++specific;
    if (df <= 0) continue;  // found nowhere else
    idf[t] = std::log(total / df);
    weight += idf[t];
    const std::vector<uint32_t>& list = postings[tid];
    // The batch documents in the window (the list is in date order).
    auto first =
        std::lower_bound(list.begin(), list.end(), nd.first_day - p.window - kCoarseSlack,
                         [&](uint32_t j, int32_t day) { return docs_[j].first_day < day; });
    for (auto it = first; it != list.end(); ++it) {
      const NewDoc& o = docs_[*it];
      if (o.first_day > nd.last_day + p.window) break;
      if (*it == k || o.id == nd.id) continue;
      if (!InWindow(o.first_day, o.last_day, nd.first_day, nd.last_day, p.window)) continue;
      Candidate& c = cands[(uint64_t{kBatchSeg} << 32) | *it];
      c.score += idf[t], ++c.shared, c.first_day = o.first_day;
      CountKind(nd.terms[t], &c);
      if (p.trace) c.terms.push_back(t);
      if (c.id.empty()) c.id = o.id;
    }
  }
  for (const Hit& h : nd.hits) {
    if (idf[h.term] <= 0) continue;
    Candidate& c = cands[(uint64_t{h.seg} << 32) | h.doc];
    if (c.id.empty()) {
      c.id = existing_[h.seg].reader->IdOf(h.doc);
      c.first_day = existing_[h.seg].reader->columns(h.doc).first_day;
    }
    c.score += idf[h.term], ++c.shared;
    CountKind(nd.terms[h.term], &c);
    if (p.trace) c.terms.push_back(h.term);
  }
  std::vector<Candidate> out;
  for (auto& [key, c] : cands) {
    if (c.id == nd.id || weight <= 0) continue;  // an older version of this document
    c.score /= weight;
    if (SharesEnough(p, specific, c.shared, c.shared_geo, c.shared_key) && c.score >= p.min_score) {
      out.push_back(std::move(c));
    }
  }
  stats->candidates += cands.size();
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    return a.score != b.score ? a.score > b.score
                              : std::tie(a.first_day, a.id) < std::tie(b.first_day, b.id);
  });
  if (out.size() > p.max_links) out.resize(p.max_links);
  if (p.trace) {
    for (const Candidate& c : out) {
      std::string line = "[story] " + nd.id + " -> " + c.id + " score " + std::to_string(c.score) +
                         " evidence " + std::to_string(nd.terms.size()) + " specific " +
                         std::to_string(specific) + ":";
      for (uint32_t t : c.terms) {
        line += " ";
        for (char ch : nd.terms[t]) line += (ch >= 0x20 || ch < 0) ? ch : '^';
        line += "(" + std::to_string(static_cast<int>(total / std::exp(idf[t]) + 0.5)) + ")";
      }
      std::fprintf(stderr, "%s\n", line.c_str());
    }
  }
  return out;
}

void StoryFinder::Link(Inverter* out) {
  for (const StoryStats& t : thread_stats_) stats_.documents += t.documents;
  // The batch's evidence terms, numbered as first met, and per term its
  // documents in date order; per document its terms' numbers. (Sorting the
  // vocabulary and finding each term in it by binary search, twice, took
  // about half the phase, on one thread.)
  std::unordered_map<std::string_view, uint32_t> number;
  std::vector<std::vector<uint32_t>> postings;
  std::vector<std::vector<uint32_t>> term_ids(docs_.size());
  for (uint32_t k = 0; k < docs_.size(); ++k) {
    term_ids[k].reserve(docs_[k].terms.size());
    for (const std::string& t : docs_[k].terms) {
      const auto [it, fresh] = number.try_emplace(t, static_cast<uint32_t>(postings.size()));
      if (fresh) postings.emplace_back();
      postings[it->second].push_back(k);
      term_ids[k].push_back(it->second);
    }
  }
  std::unordered_map<std::string_view, uint32_t>().swap(number);
  // Each document's candidates are scored apart, reading only what is
  // shared: on as many threads as analysed the batch, taking documents in
  // turn (one thread took 1.2 s of the real news corpus's 16 s ingest).
  std::vector<std::vector<std::string>> links(docs_.size());
  std::atomic<uint32_t> next{0};
  auto run = [&](unsigned t) {
    for (uint32_t k; (k = next.fetch_add(1, std::memory_order_relaxed)) < docs_.size();) {
      if (docs_[k].terms.empty()) continue;
      for (Candidate& c : Score(k, term_ids[k], postings, &thread_stats_[t])) {
        links[k].push_back(StoryLinkTerm(c.id));
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < thread_stats_.size(); ++t) pool.emplace_back(run, t);
  run(0);
  for (std::thread& th : pool) th.join();
  for (const StoryStats& t : thread_stats_) stats_.candidates += t.candidates;
  for (uint32_t k = 0; k < docs_.size(); ++k) {
    stats_.linked += !links[k].empty();
    out->AddTerms(k, links[k]);
  }
  std::vector<NewDoc>().swap(docs_);
}

}  // namespace dateline::index
