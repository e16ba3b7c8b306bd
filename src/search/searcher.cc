#include <algorithm>
#include <bitset>
#include <cassert>
#include <cmath>
#include <set>
#include <unordered_map>

#include "dateline/search.h"
#include "dateline/text.h"
#include "index/inverter.h"
#include "index/segment.h"
#include "search/annotation_filters.h"
#include "search/iterators.h"
#include "search/snippet.h"

namespace dateline::search {

namespace {

using index::SegmentReader;
using index::TermInfo;
using Node = QueryNode;

FieldSel ToSel(Field f) {
  return f == Field::kTitle  ? FieldSel::kTitle
         : f == Field::kText ? FieldSel::kText
                             : FieldSel::kAll;
}

// Folded tokens of a query word or phrase, one per position (joined compound forms dropped).
std::vector<text::Token> QueryTokens(std::string_view s) {
  std::vector<text::Token> toks;
  text::Tokenize(s, &toks);
  std::erase_if(toks, [prev = ~0u](const text::Token& t) mutable {
    const bool alt = t.position == prev;
    prev = t.position;
    return alt;
  });
  return toks;
}

// The date rule: a document's span lies inside [from, to], or with `overlap`
// meets it (days since 1970; INT32_MIN / INT32_MAX for open bounds).
bool DateMatches(const index::DocColumns& c, int32_t from, int32_t to, bool overlap) {
  return overlap ? c.last_day >= from && c.first_day <= to
                 : c.first_day >= from && c.last_day <= to;
}

// The documents of a segment that may match a date range: docs are ordered by
// first day, so they form a contiguous range [lo, hi) (spans last at most 366 days).
std::pair<uint32_t, uint32_t> DateDocRange(const index::SegmentReader& r, int32_t from, int32_t to,
                                           bool overlap) {
  const int32_t lo_day = overlap && from != INT32_MIN ? from - 366 : from;
  const index::DocColumns* b = r.all_columns();
  const index::DocColumns* e = b + r.doc_count();
  const uint32_t lo = static_cast<uint32_t>(
      std::lower_bound(b, e, lo_day, [](const auto& c, int32_t d) { return c.first_day < d; }) - b);
  const uint32_t hi = static_cast<uint32_t>(
      std::upper_bound(b, e, to, [](int32_t d, const auto& c) { return d < c.first_day; }) - b);
  return {lo, hi};
}

// The option filters of one segment: live, in a wanted language, in the date range.
class OptionFilter {
 public:
  OptionFilter(const SearchOptions& opt, const SegmentView& v)
      : v_(v),
        cols_(v.reader->all_columns()),
        from_(opt.from ? opt.from->FirstDay() : INT32_MIN),
        to_(opt.to ? opt.to->LastDay() : INT32_MAX),
        overlap_(opt.date_overlap),
        lang_ok_(v.reader->languages().size(), opt.langs.empty()) {
    const auto& langs = v.reader->languages();
    for (size_t l = 0; l < langs.size(); ++l) {
      for (const auto& want : opt.langs) lang_ok_[l] |= langs[l] == want;
    }
  }
  /// Whether every document is admitted (no deletions, no language or date option).
  bool AdmitsAll() const {
    return v_.deleted_count == 0 && from_ == INT32_MIN && to_ == INT32_MAX &&
           std::all_of(lang_ok_.begin(), lang_ok_.end(), [](uint8_t ok) { return ok != 0; });
  }
  bool Admits(uint32_t d) const {
    const index::DocColumns& c = cols_[d];
    if (v_.IsDeleted(d) || !lang_ok_[c.lang]) return false;
    return (from_ == INT32_MIN && to_ == INT32_MAX) || DateMatches(c, from_, to_, overlap_);
  }

 private:
  const SegmentView& v_;
  const index::DocColumns* cols_;
  int32_t from_, to_;
  bool overlap_;
  std::vector<uint8_t> lang_ok_;
};

// Adds one document to a growing top-k, kept as a min-heap on (matched, key, -doc).
struct Candidate {
  uint32_t matched;
  double key;  // score, or date for date sorting
  float score;
  uint32_t seg, doc;
};
inline bool Better(const Candidate& a, const Candidate& b) {
  if (a.matched != b.matched) return a.matched > b.matched;
  if (a.key != b.key) return a.key > b.key;
  if (a.seg != b.seg) return a.seg > b.seg;  // newer segments first on ties
  return a.doc < b.doc;
}

// Stemmers are costly to create: each thread keeps its own for all queries.
index::StemCache& Stems() {
  thread_local index::StemCache cache;
  return cache;
}

// What query analysis needs to know about an index's languages, computed once
// per thread for the last index and language filter seen.
// A stem term of a query word and, per segment, the languages whose stemmer
// gives it.
struct StemAlt {
  std::string term;
  std::vector<std::bitset<256>> allowed;
  // Per segment: allowed as a TermInfo::langs mask (segments of at most 64
  // languages, the only ones with language sets).
  std::vector<uint64_t> mask;
};

// How a stem alternative is matched in a segment. The term's language set
// (segment version 6; 0 when not recorded) decides without the columns when
// it lies wholly outside or inside the allowed languages.
enum class StemMatch { kNone, kAll, kChecked };
StemMatch MatchOf(const TermInfo& ti, const StemAlt& alt, uint32_t seg, size_t nlangs) {
  const std::bitset<256>& allowed = alt.allowed[seg];
  if (allowed.none()) return StemMatch::kNone;
  if (allowed.count() == nlangs) return StemMatch::kAll;
  if (ti.langs == 0 || nlangs > 64) return StemMatch::kChecked;
  if ((ti.langs & alt.mask[seg]) == 0) return StemMatch::kNone;
  if ((ti.langs & ~alt.mask[seg]) == 0) return StemMatch::kAll;
  return StemMatch::kChecked;
}

struct LangInfo {
  std::vector<std::string> keys;  // stem keys of the index's (filtered) languages
  // Folded query word -> its stem terms (bounded; cleared when full).
  std::unordered_map<std::string, std::vector<StemAlt>> stem_terms;
  // Per segment: for each stem key, the segment's languages that use it.
  std::vector<std::unordered_map<std::string, std::bitset<256>>> key_langs;
  // Term -> its dictionary entry in each segment (bounded; cleared between
  // queries when full): the index is immutable, so entries stay true.
  std::unordered_map<std::string, std::vector<std::optional<index::TermInfo>>> term_infos;
};

LangInfo& Languages(const IndexReader& index, const std::vector<std::string>& langs) {
  thread_local uint64_t last = 0;
  thread_local std::vector<std::string> last_langs;
  thread_local LangInfo info;
  if (last == index.instance_id() && last_langs == langs) return info;
  std::set<std::string> set;
  info.key_langs.assign(index.segments().size(), {});
  for (size_t s = 0; s < index.segments().size(); ++s) {
    const auto& seg_langs = index.segments()[s].reader->languages();
    for (size_t l = 0; l < seg_langs.size(); ++l) {
      const std::string key(index::StemKey(seg_langs[l]));
      info.key_langs[s][key].set(l);
      if (langs.empty() || std::find(langs.begin(), langs.end(), seg_langs[l]) != langs.end()) {
        set.insert(key);
      }
    }
  }
  info.keys.assign(set.begin(), set.end());
  info.stem_terms.clear();
  info.term_infos.clear();
  last = index.instance_id();
  last_langs = langs;
  return info;
}

class Runner {
 public:
  Runner(const IndexReader& index, const SearchOptions& opt)
      : index_(index),
        opt_(opt),
        langs_(Languages(index, opt.langs)),
        stem_keys_(langs_.keys),
        infos_(langs_.term_infos) {
    if (infos_.size() > 200000) infos_.clear();  // never during a query: Lookup's pointers
    bm25_.k1 = opt.k1;
    bm25_.b = opt.b;
    bm25_.avg_len = static_cast<float>(std::max(1.0, index.average_length()));
  }

  Status Run(const Node& root, Results* out);
  Status Collect(const Node& root, std::vector<std::vector<uint64_t>>* sets);

 private:
  const TermInfo* Lookup(uint32_t seg, const std::string& term);
  const std::vector<StemAlt>& StemTerms(const std::string& folded);
  float Idf(const std::string& term);
  IterPtr Build(const Node& n, uint32_t seg);
  IterPtr BuildWord(const Node& n, uint32_t seg);
  IterPtr BuildExact(const std::vector<text::Token>& toks, FieldSel f, uint32_t seg);
  /// `all_required`: the optional clauses are required too (those that
  /// match nothing in the segment left out), for AllOfBare.
  IterPtr BuildBoolean(const Node& n, uint32_t seg, OrIter** coord, bool all_required = false);
  /// The conjunction of the clauses of a bare query (IsBare(root)) in
  /// segment `seg`, positioned on its first document >= d.
  IterPtr AllOfBare(const Node& root, uint32_t seg, uint32_t d);
  IterPtr BuildFilter(const Node& n, uint32_t seg);
  /// The documents of `root` in segment `seg` within [lo, hi) that `filter`
  /// admits, counted on an iterator of their own, without scores.
  uint64_t CountApart(const Node& root, uint32_t seg, uint32_t lo, uint32_t hi,
                      const OptionFilter& filter);
  void CollectHighlights(const Node& n, Highlight* h) const;
  /// The ids of hits[opt_.offset..] (their columns brought into the cache).
  std::vector<std::string> IdsOf(const std::vector<Candidate>& hits) const;
  /// Fills *hit (but its id) from c.
  Status Fill(const Candidate& c, const Highlight& h, Hit* hit);
  // With collapsing: the copy group of a document (its root) when it has
  // copies, else kNoDoc.
  uint32_t GroupOf(uint32_t seg, uint32_t doc) const;
  Status FillCopies(const Candidate& c, const Document* doc, Hit* hit);

  const IndexReader& index_;
  const SearchOptions& opt_;
  LangInfo& langs_;
  const std::vector<std::string>& stem_keys_;
  Bm25 bm25_;
  std::unordered_map<std::string, std::vector<std::optional<TermInfo>>>& infos_;
  const CopyGroups* groups_ = nullptr;  // with collapse_copies
};

const TermInfo* Runner::Lookup(uint32_t seg, const std::string& term) {
  auto it = infos_.find(term);
  if (it == infos_.end()) {
    std::vector<std::optional<TermInfo>> v(index_.segments().size());
    for (size_t s = 0; s < v.size(); ++s) {
      TermInfo ti;
      if (index_.segments()[s].reader->Find(term, &ti)) v[s] = ti;
    }
    it = infos_.emplace(term, std::move(v)).first;
  }
  const auto& o = it->second[seg];
  return o ? &*o : nullptr;
}

const std::vector<StemAlt>& Runner::StemTerms(const std::string& folded) {
  auto& cache = langs_.stem_terms;
  auto it = cache.find(folded);
  if (it != cache.end()) return it->second;
  if (cache.size() > 100000) cache.clear();
  std::vector<StemAlt> alts;
  const auto& key_langs = langs_.key_langs;  // per segment
  for (const auto& key : stem_keys_) {
    std::string t = index::StemTerm(Stems().Stem(key == "*" ? std::string_view() : key, folded));
    auto a = std::find_if(alts.begin(), alts.end(), [&](const StemAlt& x) { return x.term == t; });
    if (a == alts.end()) {
      a = alts.insert(alts.end(), {std::move(t), std::vector<std::bitset<256>>(key_langs.size()),
                                   std::vector<uint64_t>(key_langs.size())});
    }
    for (size_t seg = 0; seg < key_langs.size(); ++seg) {
      auto k = key_langs[seg].find(key);
      if (k != key_langs[seg].end()) a->allowed[seg] |= k->second;
    }
  }
  const std::bitset<256> low(~uint64_t{0});
  for (StemAlt& a : alts) {
    for (size_t seg = 0; seg < key_langs.size(); ++seg) {
      a.mask[seg] = (a.allowed[seg] & low).to_ullong();
    }
  }
  return cache.emplace(folded, std::move(alts)).first->second;
}

float Runner::Idf(const std::string& term) {
  Lookup(0, term);
  uint64_t df = 0;
  for (const auto& o : infos_[term]) df += o ? o->df : 0;
  const double n = static_cast<double>(std::max<uint64_t>(index_.live_documents(), df));
  return static_cast<float>(std::log(1.0 + (n - df + 0.5) / (df + 0.5)));
}

IterPtr Runner::BuildExact(const std::vector<text::Token>& toks, FieldSel f, uint32_t seg) {
  std::vector<TermInfo> infos;
  std::vector<uint32_t> offsets;
  float idf = 0;
  for (const auto& t : toks) {
    const TermInfo* ti = Lookup(seg, t.term);
    if (!ti) return nullptr;
    infos.push_back(*ti);
    offsets.push_back(t.position - toks[0].position);
    idf += Idf(t.term);
  }
  const SegmentReader& r = *index_.segments()[seg].reader;
  if (infos.size() == 1) return MakeTermIter(r, infos[0], idf, &bm25_, f);
  return MakePhraseIter(r, infos, offsets, idf, &bm25_, f);
}

IterPtr Runner::BuildWord(const Node& n, uint32_t seg) {
  const std::vector<text::Token> toks = QueryTokens(n.text);
  if (toks.empty()) return nullptr;
  if (toks.size() > 1 || n.field != Field::kAll) return BuildExact(toks, ToSel(n.field), seg);
  // A bare word: its distinct stems over the languages of the index. Stems of all
  // languages share the term namespace, so each stem only counts in documents of
  // the languages that produce it from this word.
  const SegmentReader& r = *index_.segments()[seg].reader;
  struct Kept {
    const StemAlt* alt;
    const TermInfo* ti;
    StemMatch m;
  };
  std::vector<Kept> kept;
  uint64_t dropped = 0;  // documents of the stems found only in other languages
  for (const StemAlt& alt : StemTerms(toks[0].term)) {
    const TermInfo* ti = Lookup(seg, alt.term);
    if (!ti || alt.allowed[seg].none()) continue;
    const StemMatch m = MatchOf(*ti, alt, seg, r.languages().size());
    if (m == StemMatch::kNone) {
      dropped += ti->df;
    } else {
      kept.push_back({&alt, ti, m});
    }
  }
  // A stem dropped still counts in the cost, as when it was read and matched
  // nothing (segments without language sets): pruning, counting by bitset and
  // the order of conjunctions are decided as then, and give the same answers.
  const uint64_t extra = kept.size() == 1 ? dropped : 0;
  std::vector<IterPtr> alts;
  for (const Kept& k : kept) {
    const float idf = Idf(k.alt->term);
    alts.push_back(k.m == StemMatch::kChecked
                       ? MakeStemIter(r, *k.ti, idf, &bm25_, k.alt->allowed[seg], extra)
                       : MakeTermIter(r, *k.ti, idf, &bm25_, FieldSel::kAll, extra));
  }
  if (alts.size() == 1) return std::move(alts[0]);
  if (alts.empty() && dropped == 0) return nullptr;
  // Each language has one stem key, each key one alternative: the languages of
  // the alternatives are disjoint, and a document matches one at most.
  return MakeOrIter(std::move(alts), /*exclusive=*/true, dropped);
}

IterPtr Runner::BuildFilter(const Node& n, uint32_t seg) {
  const SegmentReader& r = *index_.segments()[seg].reader;
  const index::DocColumns* cols = r.all_columns();
  if (n.kind == Node::Kind::kLang) {
    const auto& langs = r.languages();
    auto it = std::find(langs.begin(), langs.end(), n.text);
    if (it == langs.end()) return nullptr;
    const uint8_t id = static_cast<uint8_t>(it - langs.begin());
    return MakeFilterIter(nullptr, r.doc_count(),
                          [doc_lang = r.doc_langs(), id](uint32_t d) { return doc_lang[d] == id; });
  }
  const int32_t from = n.from ? n.from->FirstDay() : INT32_MIN;
  const int32_t to = n.to ? n.to->LastDay() : INT32_MAX;
  const bool overlap = opt_.date_overlap;
  const auto [lo, hi] = DateDocRange(r, from, to, overlap);
  return MakeFilterIter(
      MakeRangeIter(lo, hi), r.doc_count(),
      [cols, from, to, overlap](uint32_t d) { return DateMatches(cols[d], from, to, overlap); });
}

IterPtr Runner::BuildBoolean(const Node& n, uint32_t seg, OrIter** coord, bool all_required) {
  std::vector<IterPtr> musts, shoulds, nots, filters;
  for (const Node& c : n.children) {
    const bool filter = c.IsFilter();
    if (c.occur == Node::Occur::kMustNot) {
      if (IterPtr it = Build(c, seg)) nots.push_back(std::move(it));
      continue;
    }
    IterPtr it = Build(c, seg);
    if (!it && c.occur == Node::Occur::kMust) return nullptr;
    if (!it) continue;
    if (filter && c.occur == Node::Occur::kMust) {
      filters.push_back(std::move(it));  // restricts, never scores
    } else if (c.occur == Node::Occur::kMust || all_required) {
      musts.push_back(std::move(it));
    } else {
      shoulds.push_back(std::move(it));
    }
  }
  const SegmentReader& r = *index_.segments()[seg].reader;
  IterPtr base;
  if (!musts.empty()) {
    base = MakeAndIter(std::move(musts));
    if (!shoulds.empty()) base = MakeReqOptIter(std::move(base), MakeOrIter(std::move(shoulds)));
  } else if (!shoulds.empty()) {
    auto orit = MakeOrIter(std::move(shoulds));
    if (coord) *coord = orit.get();
    base = std::move(orit);
  } else {
    bool positive = false;
    for (const Node& c : n.children) {
      positive |=
          c.occur == Node::Occur::kShould || (c.occur == Node::Occur::kMust && !c.IsFilter());
    }
    if (positive) return nullptr;  // positive clauses that match nothing here
    base = MakeRangeIter(0, r.doc_count());
  }
  if (!filters.empty()) {
    filters.push_back(std::move(base));
    base = MakeAndIter(std::move(filters));
  }
  return MakeExcludeIter(std::move(base), std::move(nots));
}

// A boolean query of optional clauses (and exclusions), none a filter: what
// AllOfBare turns into a conjunction.
bool IsBare(const Node& root) {
  return root.kind == Node::Kind::kBoolean &&
         std::none_of(root.children.begin(), root.children.end(),
                      [](const Node& c) { return c.occur == Node::Occur::kMust || c.IsFilter(); });
}

IterPtr Runner::AllOfBare(const Node& root, uint32_t seg, uint32_t d) {
  IterPtr all = BuildBoolean(root, seg, nullptr, /*all_required=*/true);
  // Null only when a required clause matches nothing: the optional clauses
  // made required are those built, and a bare query has no other.
  assert(all != nullptr);
  if (all->doc() < d) all->Advance(d);
  return all;
}

IterPtr Runner::Build(const Node& n, uint32_t seg) {
  switch (n.kind) {
    case Node::Kind::kTerm:
      return BuildWord(n, seg);
    case Node::Kind::kPhrase: {
      const auto toks = QueryTokens(n.text);
      return toks.empty() ? nullptr : BuildExact(toks, ToSel(n.field), seg);
    }
    case Node::Kind::kBoolean:
      return BuildBoolean(n, seg, nullptr);
    case Node::Kind::kLang:
    case Node::Kind::kDateRange:
      return BuildFilter(n, seg);
    case Node::Kind::kEventDate:
      return MakeEventDateIter(*index_.segments()[seg].reader,
                               n.from ? n.from->FirstDay() : INT32_MIN,
                               n.to ? n.to->LastDay() : INT32_MAX);
    case Node::Kind::kEntity:
    case Node::Kind::kCountry:
    case Node::Kind::kNear:
    case Node::Kind::kSource: {
      std::vector<std::string> terms;
      if (!AnnotationQueryTerms(n, &terms).ok()) return nullptr;  // checked in Search()
      return MakeTermsUnionIter(*index_.segments()[seg].reader, terms);
    }
    case Node::Kind::kMatchAll:
      return MakeRangeIter(0, index_.segments()[seg].reader->doc_count());
  }
  return nullptr;
}

void Runner::CollectHighlights(const Node& n, Highlight* h) const {
  if (n.occur == Node::Occur::kMustNot) return;
  if (n.kind == Node::Kind::kTerm || n.kind == Node::Kind::kPhrase) {
    const auto toks = QueryTokens(n.text);
    const bool stem = n.kind == Node::Kind::kTerm && toks.size() == 1 && n.field == Field::kAll;
    for (const auto& t : toks) {
      if (stem) {
        h->stemmed.push_back(t.term);
      } else {
        h->exact.insert(t.term);
      }
    }
  }
  for (const Node& c : n.children) CollectHighlights(c, h);
}

Status Runner::Fill(const Candidate& c, const Highlight& h, Hit* hit) {
  const SegmentReader& r = *index_.segments()[c.seg].reader;
  const index::DocColumns& col = r.columns(c.doc);
  hit->score = c.score;
  hit->matched = c.matched;
  hit->date = Date::FromDays(col.first_day, static_cast<Date::Precision>(col.precision));
  hit->lang = r.languages()[col.lang];
  if (!opt_.load_documents && !opt_.snippets) {
    return groups_ ? FillCopies(c, nullptr, hit) : Status::OK();
  }
  Document doc;
  DL_RETURN_IF_ERROR(r.GetDocument(c.doc, &doc));
  hit->title = doc.title;
  hit->source = doc.source;
  hit->url = doc.url;
  if (opt_.snippets) hit->snippet = MakeSnippet(doc.text, doc.lang, h, &Stems());
  return groups_ ? FillCopies(c, &doc, hit) : Status::OK();
}

Status Runner::Collect(const Node& root, std::vector<std::vector<uint64_t>>* sets) {
  sets->assign(index_.segments().size(), {});
  for (uint32_t s = 0; s < index_.segments().size(); ++s) {
    const SegmentView& v = index_.segments()[s];
    const SegmentReader& r = *v.reader;
    bm25_.cols = r.all_columns();
    bm25_.docs_only = true;  // membership only
    IterPtr it =
        root.kind == Node::Kind::kBoolean ? BuildBoolean(root, s, nullptr) : Build(root, s);
    std::vector<uint64_t>& bits = (*sets)[s];
    bits.assign((r.doc_count() + 63) / 64, 0);
    if (!it) continue;
    const OptionFilter filter(opt_, v);
    for (uint32_t d = it->doc(); d != kNoDoc; d = it->Next()) {
      if (filter.Admits(d)) bits[d >> 6] |= uint64_t{1} << (d & 63);
    }
  }
  return Status::OK();
}

// A count-only root that may visit at least 1/kDenseShare of a segment's
// documents is evaluated as bitsets (Iter::FillBits).
constexpr uint64_t kDenseShare = 48;

// Set bits of w[0, n): with the POPCNT instruction where the processor has it
// (checked once), otherwise the compiler's portable routine.
inline uint64_t SumPopcounts(const uint64_t* w, size_t n) {
  uint64_t t = 0;
  for (size_t i = 0; i < n; ++i) t += static_cast<uint64_t>(__builtin_popcountll(w[i]));
  return t;
}
// The same loop inlined where the instruction may be used.
__attribute__((target("popcnt"))) uint64_t SumPopcountsHw(const uint64_t* w, size_t n) {
  return SumPopcounts(w, n);
}
uint64_t Popcount(const uint64_t* w, size_t n) {
  static const bool hw = __builtin_cpu_supports("popcnt");
  return hw ? SumPopcountsHw(w, n) : SumPopcounts(w, n);
}

// The number of documents in [lo, hi) that `it` matches and `filter` admits, by bitset.
uint64_t CountDense(Iter* it, uint32_t n, uint32_t lo, uint32_t hi, const OptionFilter& filter) {
  ScratchBits bits((n + 63) / 64);
  it->FillBits(bits.data(), n);
  hi = std::min(hi, n);
  if (lo >= hi) return 0;
  const size_t first = lo / 64, last = (hi - 1) / 64;  // words holding lo and hi - 1
  bits[first] &= ~uint64_t{0} << (lo % 64);
  if (hi % 64 != 0) bits[last] &= (uint64_t{1} << (hi % 64)) - 1;
  if (filter.AdmitsAll()) return Popcount(&bits[first], last - first + 1);
  uint64_t total = 0;
  for (size_t w = first; w <= last; ++w) {
    for (uint64_t x = bits[w]; x != 0; x &= x - 1) {
      total +=
          filter.Admits(static_cast<uint32_t>(w * 64) + static_cast<uint32_t>(__builtin_ctzll(x)));
    }
  }
  return total;
}

// The documents in [lo, hi) that `it` matches and `filter` admits, without
// scores: known (a term's document frequency), by bitset where `it` may
// visit many of the segment's n documents, else one by one.
uint64_t CountMatches(Iter* it, uint32_t n, uint32_t lo, uint32_t hi, const OptionFilter& filter) {
  uint64_t known;
  if (filter.AdmitsAll() && it->KnownCount(lo, hi, &known)) return known;
  if (it->Cost() * kDenseShare >= n) return CountDense(it, n, lo, hi, filter);
  const std::function<bool(uint32_t)> admit = [&filter](uint32_t d) { return filter.Admits(d); };
  return it->CountIn(lo, hi, filter.AdmitsAll() ? nullptr : &admit);
}

// A growing top-k, kept as a min-heap on Better.
class TopK {
 public:
  explicit TopK(size_t k) : k_(k) {}
  // Most candidates lose to the worst of a full top: that test stays inline.
  __attribute__((always_inline)) void Offer(const Candidate& c) {
    if (heap_.size() == k_ && (k_ == 0 || !Better(c, heap_.front()))) return;
    Insert(c);
  }
  __attribute__((noinline)) void Insert(const Candidate& c) {
    ++changes_;
    if (heap_.size() < k_) {
      heap_.push_back(c);
      std::push_heap(heap_.begin(), heap_.end(), Better);
      return;
    }
    std::pop_heap(heap_.begin(), heap_.end(), Better);
    heap_.back() = c;
    std::push_heap(heap_.begin(), heap_.end(), Better);
  }
  bool full() const { return k_ > 0 && heap_.size() == k_; }
  /// Number of insertions so far (the worst candidate changes only with them).
  uint64_t changes() const { return changes_; }
  /// The candidate a new one must beat (full() only).
  const Candidate& worst() const { return heap_.front(); }
  std::vector<Candidate> Sorted() {
    std::sort(heap_.begin(), heap_.end(), Better);
    return std::move(heap_);
  }

 private:
  size_t k_;
  uint64_t changes_ = 0;
  std::vector<Candidate> heap_;
};

// Whether the top of a word alone may be found by its block bounds (even with
// an exact total, which is then counted apart): as CanPrune, totals aside.
bool CanPruneWord(const SearchOptions& opt) {
  return opt.limit > 0 && opt.sort == SearchOptions::Sort::kScore && !opt.collapse_copies &&
         opt.k1 >= 0 && opt.b >= 0 && opt.b <= 1;
}

// Whether block-max pruning may skip documents: ranking by BM25 score alone
// (or by coordination, then score), one hit per document, bounds valid for
// the BM25 parameters.
bool CanPrune(const SearchOptions& opt) { return !opt.exact_total && CanPruneWord(opt); }

// Segments whose root may visit fewer documents are searched exhaustively.
constexpr uint64_t kPruneMinCost = 8 * index::kBlockSize;

// Block-max pruning at the root: hands the score to beat down to the
// iterators (SetMinScore) and skips, reading block bounds only, the ranges of
// the root whose bound is below it. coord_n: with coordination ranking, the
// number of clauses (0 without); a document matching more clauses than the
// top's worst always competes, so pruning waits until the worst matches all.
class Pruner {
 public:
  Pruner(Iter* it, uint32_t coord_n) : it_(it), coord_n_(coord_n) {}
  /// The first document >= d that may enter the top (kNoDoc: none).
  /// *engaged is set once documents may have been skipped.
  uint32_t Skip(uint32_t d, const TopK& top, bool* engaged) {
    if (top.changes() == seen_ && (self_ || (valid_ && d <= end_))) return d;  // nothing new
    return Check(d, top, engaged);
  }

 private:
  uint32_t Check(uint32_t d, const TopK& top, bool* engaged) {
    if (d == kNoDoc || !top.full()) return d;
    seen_ = top.changes();
    const Candidate& w = top.worst();
    if (coord_n_ > 0 && w.matched < coord_n_) return d;
    // Margin: bounds and scores are float sums, possibly in another order.
    const float min = static_cast<float>(w.key / (1 + 1e-4));
    if (min != min_) {
      min_ = min;
      self_ = it_->SetMinScore(min);
      valid_ = false;
      *engaged = true;
    }
    while (!self_ && d != kNoDoc && (!valid_ || d > end_)) {
      uint32_t target = d;
      for (;;) {
        end_ = it_->ShallowAdvance(target);
        if (it_->BlockMax() >= min_) break;
        if (end_ == kNoDoc) return kNoDoc;
        target = end_ + 1;
      }
      valid_ = true;
      if (target > d) d = it_->Advance(target);
    }
    return d;
  }

  Iter* it_;
  uint32_t coord_n_;
  uint64_t seen_ = ~uint64_t{0};  // top.changes() at the last check
  float min_ = 0;
  bool self_ = false;   // the root skips by itself
  bool valid_ = false;  // [d, end_] has a competitive bound
  uint32_t end_ = 0;
};

// Top-k of one term alone, or of terms no document matches twice (a word's
// stems in disjoint languages): their blocks in [lo, hi) visited by
// decreasing bound (equal bounds in term, then document order) until the best
// left is below the score to beat. The first blocks fill the top with high
// scores, so fewer blocks compete than in document order, where the score to
// beat rises only as the walk goes. Adds the documents scored (and admitted
// by `filter`, all when null) to *total; *engaged when blocks were left out.
// A block that does not decode ends its term, as it ends a cursor. Every hit
// has `matched` clauses (coordination ranking: 1 for a query of one word).
// First block of `blocks` whose last document is >= target (BlockCount() when none).
uint32_t FirstReaching(BlockAccess* blocks, uint32_t target) {
  uint32_t a = 0, z = blocks->BlockCount();
  while (a < z) {
    const uint32_t mid = a + (z - a) / 2;
    if (blocks->LastOf(mid) < target) {
      a = mid + 1;
    } else {
      z = mid;
    }
  }
  return a;
}

void TopByBound(const std::vector<BlockAccess*>& sources, uint32_t lo, uint32_t hi,
                const OptionFilter* filter, uint32_t matched, uint32_t seg, TopK* top,
                uint64_t* total, bool* engaged) {
  if (lo >= hi) return;
  struct Entry {
    float bound;
    uint32_t source, block;
  };
  std::vector<Entry> heap;
  for (uint32_t t = 0; t < sources.size(); ++t) {
    BlockAccess* blocks = sources[t];
    const uint32_t b0 = FirstReaching(blocks, lo);
    const uint32_t b1 = std::min(blocks->BlockCount(), FirstReaching(blocks, hi - 1) + 1);
    for (uint32_t b = b0; b < b1; ++b) heap.push_back({blocks->BoundOf(b), t, b});
  }
  const auto below = [](const Entry& x, const Entry& y) {
    if (x.bound != y.bound) return x.bound < y.bound;
    return x.source != y.source ? x.source > y.source : x.block > y.block;
  };
  std::make_heap(heap.begin(), heap.end(), below);
  std::vector<bool> ended(sources.size());
  while (!heap.empty()) {
    // Margin as the Pruner's: bounds and scores are float sums.
    if (top->full() && heap.front().bound < static_cast<float>(top->worst().key / (1 + 1e-4))) {
      *engaged = true;
      return;
    }
    std::pop_heap(heap.begin(), heap.end(), below);
    const Entry e = heap.back();
    heap.pop_back();
    if (ended[e.source]) continue;
    const uint32_t* docs;
    const float* scores;
    const uint32_t m = sources[e.source]->ScoreBlockAt(e.block, &docs, &scores);
    if (m == 0) ended[e.source] = true;
    for (uint32_t i = 0; i < m; ++i) {
      const uint32_t d = docs[i];
      if (d < lo || d >= hi || scores[i] == -std::numeric_limits<float>::infinity()) continue;
      if (filter != nullptr && !filter->Admits(d)) continue;
      ++*total;
      top->Offer(Candidate{matched, scores[i], scores[i], seg, d});
    }
  }
}

uint64_t Runner::CountApart(const Node& root, uint32_t seg, uint32_t lo, uint32_t hi,
                            const OptionFilter& filter) {
  const bool docs_only = bm25_.docs_only;
  bm25_.docs_only = true;  // the iterator's leaves skip frequencies for good
  IterPtr it =
      root.kind == Node::Kind::kBoolean ? BuildBoolean(root, seg, nullptr) : Build(root, seg);
  bm25_.docs_only = docs_only;
  if (!it) return 0;
  return CountMatches(it.get(), index_.segments()[seg].reader->doc_count(), lo, hi, filter);
}

Status Runner::Run(const Node& root, Results* out) {
  out->total = 0;
  out->total_exact = true;
  out->hits.clear();
  const size_t want = opt_.offset + opt_.limit;
  const bool prune = CanPrune(opt_);
  const bool prune_word = CanPruneWord(opt_);
  TopK top(want);
  if (opt_.collapse_copies) DL_RETURN_IF_ERROR(index_.Copies(&groups_));
  bm25_.docs_only = want == 0 && !groups_;
  std::unordered_map<uint32_t, Candidate> group_best;  // copy group root -> best member
  bool engaged = false;
  const bool bare = IsBare(root);
  for (uint32_t s = 0; s < index_.segments().size(); ++s) {
    const SegmentView& v = index_.segments()[s];
    const SegmentReader& r = *v.reader;
    bm25_.cols = r.all_columns();
    bm25_.lengths = r.short_lengths();
    bm25_.min_len = r.min_length();
    bm25_.seg_avg_len = r.average_length();
    OrIter* coord = nullptr;
    IterPtr it = root.kind == Node::Kind::kBoolean ? BuildBoolean(root, s, &coord) : Build(root, s);
    if (!it) continue;
    const OptionFilter filter(opt_, v);
    const bool admit_all = filter.AdmitsAll();
    const index::DocColumns* cols = r.all_columns();
    Pruner pruner(it.get(), coord ? coord->size() : 0);
    // Pruning pays only where many documents may match: below, its checks cost more.
    const bool prune_here = prune && it->Cost() >= kPruneMinCost;
    // With a date option only [lo, hi) can be admitted.
    const auto [lo, hi] = DateDocRange(r, opt_.from ? opt_.from->FirstDay() : INT32_MIN,
                                       opt_.to ? opt_.to->LastDay() : INT32_MAX, opt_.date_overlap);
    if (want == 0 && !groups_) {  // count only
      out->total += CountMatches(it.get(), r.doc_count(), lo, hi, filter);
      continue;
    }
    // A word alone, or one word as the only clause of a bare query (every
    // hit matching the one clause). With an exact total, the word's
    // documents are counted apart, without scores, and its top still found
    // by bounds: scoring every document of a common word to count them took
    // 1.9 ms for one of 103,532 documents of 1,000,000; counted apart, with
    // its top found by bounds, 0.05 ms (`search --batch`, top 10 and total).
    std::vector<BlockAccess*> sources;
    if (prune_word && it->Cost() >= kPruneMinCost && (coord == nullptr || coord->size() == 1) &&
        it->BlockSources(&sources)) {
      if (!opt_.exact_total) {
        TopByBound(sources, lo, hi, admit_all ? nullptr : &filter, coord ? 1 : 0, s, &top,
                   &out->total, &engaged);
        continue;
      }
      out->total += CountApart(root, s, lo, hi, filter);
      uint64_t seen = 0;     // of the documents scored: not the total
      bool skipped = false;  // the total is exact all the same
      TopByBound(sources, lo, hi, admit_all ? nullptr : &filter, coord ? 1 : 0, s, &top, &seen,
                 &skipped);
      continue;
    }
    uint32_t first = it->doc();
    if (first < lo) first = it->Advance(lo);
    uint32_t all_matched = 0;  // once the walk is the clauses' conjunction: their number
    // A bare query of several words, once the top is full of documents
    // matching them all: no document matching fewer can enter, and the rest
    // is their conjunction (block-max AND instead of the union).
    bool may_turn = prune_here && bare && coord != nullptr && coord->size() > 1;
    for (uint32_t d = first; d < hi; d = it->Next()) {
      if (may_turn && top.full() && top.worst().matched == coord->size()) {
        may_turn = false;
        all_matched = coord->size();
        coord = nullptr;
        it = AllOfBare(root, s, d);
        pruner = Pruner(it.get(), 0);
        engaged = true;  // documents matching some words are no longer counted
        if ((d = it->doc()) >= hi) break;
      }
      if (prune_here && (d = pruner.Skip(d, top, &engaged)) >= hi) break;
      if (!admit_all && !filter.Admits(d)) continue;
      const auto& c = cols[d];
      const uint32_t group = groups_ ? GroupOf(s, d) : kNoDoc;
      if (group == kNoDoc) ++out->total;
      if (want == 0 && group == kNoDoc) continue;
      Candidate cand;
      cand.score = it->Score();
      cand.matched = coord ? coord->Matched() : all_matched;
      cand.key =
          opt_.sort == SearchOptions::Sort::kDate ? c.first_day + cand.score * 1e-9 : cand.score;
      if (opt_.sort == SearchOptions::Sort::kDate) cand.matched = 0;
      cand.seg = s;
      cand.doc = d;
      if (group == kNoDoc) {
        top.Offer(cand);
        continue;
      }
      auto [best, fresh] = group_best.try_emplace(group, cand);
      if (!fresh && Better(cand, best->second)) best->second = cand;
    }
  }
  out->total_exact = !engaged;
  out->total += group_best.size();
  for (const auto& [group, cand] : group_best) top.Offer(cand);
  const std::vector<Candidate> hits = top.Sorted();
  Highlight h;
  if (opt_.snippets) CollectHighlights(root, &h);
  std::vector<std::string> ids = IdsOf(hits);
  for (size_t i = opt_.offset; i < hits.size(); ++i) {
    Hit hit;
    hit.id = std::move(ids[i - opt_.offset]);
    DL_RETURN_IF_ERROR(Fill(hits[i], h, &hit));
    out->hits.push_back(std::move(hit));
  }
  return Status::OK();
}

std::vector<std::string> Runner::IdsOf(const std::vector<Candidate>& hits) const {
  const size_t first = std::min(opt_.offset, hits.size());
  std::vector<std::string> ids(hits.size() - first);
  std::vector<uint32_t> docs;
  std::vector<size_t> where;
  for (uint32_t s = 0; s < index_.segments().size(); ++s) {
    docs.clear();
    where.clear();
    for (size_t i = first; i < hits.size(); ++i) {
      if (hits[i].seg != s) continue;
      docs.push_back(hits[i].doc);
      where.push_back(i - first);
    }
    if (docs.empty()) continue;
    std::vector<std::string> got(docs.size());
    index_.segments()[s].reader->IdsOf(docs, got.data());
    for (size_t k = 0; k < docs.size(); ++k) ids[where[k]] = std::move(got[k]);
  }
  return ids;
}

uint32_t Runner::GroupOf(uint32_t seg, uint32_t doc) const {
  const uint32_t root = groups_->Root(seg, doc);
  if (root != groups_->Global(seg, doc)) return root;
  return groups_->Members(root) ? root : kNoDoc;
}

Status Runner::FillCopies(const Candidate& c, const Document* doc, Hit* hit) {
  const uint32_t root = groups_->Root(c.seg, c.doc);
  const auto [rs, rd] = groups_->Locate(root);
  hit->copy_of = index_.segments()[rs].reader->IdOf(rd);
  const std::vector<uint32_t>* members = groups_->Members(root);
  hit->copies = members ? static_cast<uint32_t>(members->size()) : 1;
  if (doc == nullptr) return Status::OK();
  auto add = [hit](const std::string& source) {
    const auto& v = hit->copy_sources;
    if (!source.empty() && std::find(v.begin(), v.end(), source) == v.end()) {
      hit->copy_sources.push_back(source);
    }
  };
  if (!members) {
    add(doc->source);
    return Status::OK();
  }
  Document m;
  for (uint32_t x : *members) {
    const auto [ms, md] = groups_->Locate(x);
    DL_RETURN_IF_ERROR(index_.segments()[ms].reader->GetDocument(md, &m));
    add(m.source);
  }
  return Status::OK();
}

}  // namespace

Status Search(const IndexReader& index, const QueryNode& query, const SearchOptions& options,
              Results* out) {
  DL_RETURN_IF_ERROR(ValidateAnnotationFilters(query));
  Runner runner(index, options);
  const Status st = runner.Run(query, out);
  DL_RETURN_IF_ERROR(index.Damage());  // a damaged chunk read on the way
  return st;
}

Status Search(const IndexReader& index, std::string_view query, const SearchOptions& options,
              Results* out) {
  QueryNode root;
  DL_RETURN_IF_ERROR(ParseQuery(query, &root));
  return Search(index, root, options, out);
}

Status MatchingDocs(const IndexReader& index, const QueryNode& query, const SearchOptions& options,
                    std::vector<std::vector<uint64_t>>* sets) {
  DL_RETURN_IF_ERROR(ValidateAnnotationFilters(query));
  Runner runner(index, options);
  const Status st = runner.Collect(query, sets);
  DL_RETURN_IF_ERROR(index.Damage());
  return st;
}

}  // namespace dateline::search
