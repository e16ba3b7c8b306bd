// Timelines: matching documents, independent reports, stories and entities per period.
#include "dateline/timeline.h"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <span>
#include <tuple>
#include <unordered_map>

#include "dateline/annotate.h"
#include "extract/names/names.h"
#include "index/annotation_terms.h"
#include "index/postings.h"
#include "index/segment.h"
#include "search/annotation_filters.h"
#include "search/key_variants.h"
#include "search/matches.h"

namespace dateline::search {

namespace {

using Sets = std::vector<std::vector<uint64_t>>;

constexpr int32_t kAutoDayMaxSpan = 92;    // --by auto: days for spans up to ~3 months,
constexpr int32_t kAutoWeekMaxSpan = 731;  // weeks up to 2 years, months beyond
constexpr size_t kMaxTitleLoads = 16;      // documents read to find a story's title in a period

int32_t MonthIndex(int32_t day) {
  int32_t y;
  unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  return y * 12 + static_cast<int32_t>(m) - 1;
}

// A date that places a matching document: its publication date or, by
// event date, one of the resolved dates its text mentions.
struct Dated {
  uint32_t s, d;  // segment, document
  int32_t first, last;
};

constexpr TimeUnit kUnits[] = {TimeUnit::kDay, TimeUnit::kWeek, TimeUnit::kMonth};
size_t UnitSlot(TimeUnit u) { return u == TimeUnit::kDay ? 0 : u == TimeUnit::kWeek ? 1 : 2; }

// A date has a period at `unit` when it lies within one period of it (a
// month-dated document has one by month, never by day or week).
bool HasPeriod(const Dated& x, TimeUnit unit) {
  return PeriodStart(x.first, unit) == PeriodStart(x.last, unit);
}

// The publication date of every matching document.
std::vector<Dated> PublicationDates(const IndexReader& index, const Sets& sets) {
  std::vector<Dated> out;
  ForEachMatch(sets, [&](size_t s, uint32_t d) {
    const index::DocColumns& c = index.segments()[s].reader->columns(d);
    out.push_back({static_cast<uint32_t>(s), d, c.first_day, c.last_day});
  });
  return out;
}

// The resolved dates (event span terms) that matching documents mention,
// each inside [from, to], sorted by segment and document.
Status MentionedDates(const IndexReader& index, const Sets& sets, int32_t from, int32_t to,
                      std::vector<Dated>* out) {
  for (size_t s = 0; s < sets.size(); ++s) {
    const index::SegmentReader& r = *index.segments()[s].reader;
    bool damaged = false;
    const bool read = ForEachEventSpan(
        r, from, to, [&](int32_t first, int32_t last, const index::TermInfo& info) {
          index::PostingsCursor c;
          r.OpenCursor(info, &c);
          for (uint32_t d = c.doc(); d != index::kNoDoc; d = c.Next()) {
            if (d / 64 < sets[s].size() && (sets[s][d / 64] >> (d % 64) & 1)) {
              out->push_back({static_cast<uint32_t>(s), d, first, last});
            }
          }
          damaged |= c.corrupt();
        });
    if (damaged) return Status::Corruption(r.path() + ": damaged event date postings");
    if (!read) return Status::Corruption(r.path() + ": damaged dictionary");
  }
  std::sort(out->begin(), out->end(),
            [](const Dated& a, const Dated& b) { return std::tie(a.s, a.d) < std::tie(b.s, b.d); });
  return Status::OK();
}

// What the first pass over the dates finds.
struct Span {
  int32_t lo[3] = {INT32_MAX, INT32_MAX, INT32_MAX};  // per unit (UnitSlot): earliest and
  int32_t hi[3] = {INT32_MIN, INT32_MIN, INT32_MIN};  // latest date with a period of it
  uint64_t day_dates = 0, month_dates = 0;            // dates with a day; with only a week or month
};

Span Measure(const std::vector<Dated>& dates) {
  Span sp;
  for (const Dated& x : dates) {
    for (TimeUnit u : kUnits) {
      if (!HasPeriod(x, u)) continue;
      const size_t k = UnitSlot(u);
      sp.lo[k] = std::min(sp.lo[k], x.first), sp.hi[k] = std::max(sp.hi[k], x.last);
    }
    if (x.first == x.last) {
      ++sp.day_dates;
    } else if (HasPeriod(x, TimeUnit::kMonth)) {
      ++sp.month_dates;
    }
  }
  return sp;
}

// Counts the documents and their copy groups.
void CountDocuments(const Sets& sets, const CopyGroups& copies, Timeline* out) {
  std::vector<uint32_t> roots;
  ForEachMatch(sets, [&](size_t s, uint32_t d) {
    ++out->documents;
    roots.push_back(copies.Root(s, d));
  });
  std::sort(roots.begin(), roots.end());
  out->reports = static_cast<uint64_t>(std::unique(roots.begin(), roots.end()) - roots.begin());
}

// The unit for kAuto: from the span of the range, or of the dates; months
// also when most dates are precise only to the month.
TimeUnit ChooseUnit(const TimelineOptions& opt, const Span& sp) {
  if (opt.by != TimeUnit::kAuto) return opt.by;
  if (sp.month_dates > sp.day_dates) return TimeUnit::kMonth;
  const int32_t lo = opt.from ? opt.from->FirstDay() : sp.lo[2];
  const int32_t hi = opt.to ? opt.to->LastDay() : sp.hi[2];
  const int64_t span = int64_t{hi} - lo;
  if (lo > hi || span <= kAutoDayMaxSpan) return TimeUnit::kDay;
  return span <= kAutoWeekMaxSpan ? TimeUnit::kWeek : TimeUnit::kMonth;
}

// Fills the periods from the range (or the placed dates); the index of
// the first period is 0.
Status MakePeriods(const TimelineOptions& opt, const Span& sp, Timeline* out) {
  const TimeUnit u = out->by;
  int32_t lo = sp.lo[UnitSlot(u)], hi = sp.hi[UnitSlot(u)];
  if (opt.from) lo = opt.from->FirstDay();
  if (opt.to) hi = opt.to->LastDay();
  if (lo > hi) return Status::OK();  // nothing placed, no full range
  int64_t n = 0;
  for (int32_t d = PeriodStart(lo, u); d <= hi; d = PeriodEnd(d, u) + 1) {
    if (static_cast<size_t>(++n) > opt.max_periods) {
      return Status::InvalidArgument("timeline: more than " + std::to_string(opt.max_periods) +
                                     " periods by " + std::string(TimeUnitName(u)) +
                                     "; narrow --from/--to or use a longer --by");
    }
    TimelinePeriod p;
    p.label = PeriodLabel(d, u);
    p.first_day = d;
    p.last_day = PeriodEnd(d, u);
    out->periods.push_back(std::move(p));
  }
  return Status::OK();
}

// Index of the period of day `day`, or -1 outside the periods.
int32_t PeriodIndex(const Timeline& t, int32_t day) {
  if (t.periods.empty() || day < t.periods.front().first_day || day > t.periods.back().last_day) {
    return -1;
  }
  const int32_t first = t.periods.front().first_day;
  switch (t.by) {
    case TimeUnit::kDay:
      return day - first;
    case TimeUnit::kWeek:
      return (PeriodStart(day, TimeUnit::kWeek) - first) / 7;
    default:
      return MonthIndex(day) - MonthIndex(first);
  }
}

// One matching document placed in a period (a document may be in several
// by event date).
struct Match {
  int32_t period;
  uint32_t copy_root, story_root, global;
};

// The periods of each matching document: those of document d of segment s
// are periods[begin[s][d] .. begin[s][d + 1]).
struct Placement {
  std::vector<std::vector<uint32_t>> begin;
  std::vector<int32_t> periods;

  std::span<const int32_t> Of(size_t s, uint32_t d) const {
    return std::span<const int32_t>(periods).subspan(begin[s][d], begin[s][d + 1] - begin[s][d]);
  }
};

// Places the dates of the matching documents in the periods.
std::vector<Match> PlaceMatches(const IndexReader& index, const Sets& sets,
                                const std::vector<Dated>& dates, const CopyGroups& copies,
                                const StoryGroups& stories, Timeline* t, Placement* where) {
  std::vector<std::tuple<uint32_t, uint32_t, int32_t>> at;  // segment, document, period
  for (const Dated& x : dates) {
    const int32_t p = HasPeriod(x, t->by) ? PeriodIndex(*t, x.first) : -1;
    if (p >= 0) at.emplace_back(x.s, x.d, p);
  }
  std::sort(at.begin(), at.end());
  at.erase(std::unique(at.begin(), at.end()), at.end());
  std::vector<Match> placed;
  where->begin.resize(sets.size());
  size_t i = 0;
  for (size_t s = 0; s < sets.size(); ++s) {
    const uint32_t n = index.segments()[s].reader->doc_count();
    std::vector<uint32_t>& b = where->begin[s];
    b.assign(n + 1, 0);
    for (uint32_t d = 0; d < n; ++d) {
      b[d] = static_cast<uint32_t>(where->periods.size());
      for (; i < at.size() && std::get<0>(at[i]) == s && std::get<1>(at[i]) == d; ++i) {
        const int32_t p = std::get<2>(at[i]);
        where->periods.push_back(p);
        ++t->periods[static_cast<size_t>(p)].documents;
        placed.push_back({p, copies.Root(s, d), stories.Root(s, d), copies.Global(s, d)});
      }
    }
    b[n] = static_cast<uint32_t>(where->periods.size());
  }
  ForEachMatch(sets, [&](size_t s, uint32_t d) { t->undated += where->Of(s, d).empty(); });
  return placed;
}

void CountReports(std::vector<Match> placed, Timeline* t) {
  std::vector<std::pair<int32_t, uint32_t>> pairs;
  for (const Match& p : placed) pairs.emplace_back(p.period, p.copy_root);
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  for (const auto& [p, root] : pairs) ++t->periods[static_cast<size_t>(p)].reports;
}

// Sort key of a document (global number): first day, then id.
std::pair<int32_t, std::string> DocKey(const IndexReader& index, const CopyGroups& g,
                                       uint32_t root) {
  const auto [s, d] = g.Locate(root);
  const index::SegmentReader& r = *index.segments()[s].reader;
  return {r.columns(d).first_day, r.IdOf(d)};
}

// The title of the earliest (by date, then id) of `docs` (global numbers) that has one.
Status StoryTitle(const IndexReader& index, const CopyGroups& g, std::vector<uint32_t> docs,
                  std::string* title) {
  std::sort(docs.begin(), docs.end(),
            [&](uint32_t a, uint32_t b) { return DocKey(index, g, a) < DocKey(index, g, b); });
  for (size_t i = 0; i < docs.size() && i < kMaxTitleLoads; ++i) {
    const auto [s, d] = g.Locate(docs[i]);
    Document doc;
    DL_RETURN_IF_ERROR(index.segments()[s].reader->GetDocument(d, &doc));
    if (!doc.title.empty()) {
      *title = doc.title;
      return Status::OK();
    }
  }
  return Status::OK();
}

// Top stories per period: by matching documents in the period, then earliest story.
Status RankStories(const IndexReader& index, const CopyGroups& g, std::vector<Match> placed,
                   size_t top, Timeline* t) {
  std::sort(placed.begin(), placed.end(), [](const Match& a, const Match& b) {
    return std::tie(a.period, a.story_root, a.global) < std::tie(b.period, b.story_root, b.global);
  });
  std::vector<std::vector<std::pair<size_t, size_t>>> runs(t->periods.size());  // begin, end
  for (size_t i = 0, j; i < placed.size(); i = j) {
    for (j = i; j < placed.size() && placed[j].period == placed[i].period &&
                placed[j].story_root == placed[i].story_root;
         ++j) {
    }
    runs[static_cast<size_t>(placed[i].period)].emplace_back(i, j);
  }
  for (size_t p = 0; p < runs.size(); ++p) {
    auto& r = runs[p];
    std::sort(r.begin(), r.end(), [&](const auto& a, const auto& b) {
      if (a.second - a.first != b.second - b.first) return a.second - a.first > b.second - b.first;
      return DocKey(index, g, placed[a.first].story_root) <
             DocKey(index, g, placed[b.first].story_root);
    });
    for (size_t i = 0; i < r.size() && i < top; ++i) {
      TimelineStory st;
      const auto [s, d] = g.Locate(placed[r[i].first].story_root);
      st.id = std::string(index.segments()[s].reader->IdOf(d));
      st.documents = r[i].second - r[i].first;
      std::vector<uint32_t> docs;
      for (size_t k = r[i].first; k < r[i].second; ++k) docs.push_back(placed[k].global);
      DL_RETURN_IF_ERROR(StoryTitle(index, g, std::move(docs), &st.title));
      t->periods[p].stories.push_back(std::move(st));
    }
  }
  return Status::OK();
}

// Entity keys ("letter + key") of the placed documents, numbered.
struct EntityScan {
  std::vector<std::string> keys;
  std::unordered_map<std::string, uint32_t> number;
  std::vector<uint64_t> documents;                            // per key: placed documents having it
  std::vector<std::tuple<int32_t, uint32_t, uint32_t>> hits;  // period, key, global doc

  uint32_t Number(const std::string& key) {
    auto [it, fresh] = number.emplace(key, static_cast<uint32_t>(keys.size()));
    if (fresh) keys.push_back(key), documents.push_back(0);
    return it->second;
  }
};

char Letter(EntityType t) { return index::EntityTerm(t, "")[1]; }

Status ScanEntities(const IndexReader& index, const CopyGroups& g, const Placement& where,
                    const std::vector<EntityType>& types, EntityScan* e) {
  for (size_t s = 0; s < index.segments().size(); ++s) {
    const index::SegmentReader& r = *index.segments()[s].reader;
    for (EntityType type : types) {
      const std::string prefix = index::EntityTerm(type, "");
      index::SegmentReader::DictCursor cur(&r);
      for (cur.Seek(prefix); cur.valid() && cur.term().starts_with(prefix); cur.Next()) {
        index::PostingsCursor c;
        r.OpenCursor(cur.info(), &c);
        uint32_t k = UINT32_MAX;  // numbered at its first placed document
        for (uint32_t d = c.doc(); d != index::kNoDoc; d = c.Next()) {
          const std::span<const int32_t> periods = where.Of(s, d);
          if (periods.empty()) continue;
          if (k == UINT32_MAX) k = e->Number(Letter(type) + cur.term().substr(prefix.size()));
          for (int32_t p : periods) e->hits.emplace_back(p, k, g.Global(s, d));
          ++e->documents[k];
        }
        if (c.corrupt()) return Status::Corruption(r.path() + ": damaged entity postings");
      }
      if (cur.corrupt()) return Status::Corruption(r.path() + ": damaged dictionary");
    }
  }
  return Status::OK();
}

// The name of entity `key` ("letter + key") as written in document `global`.
std::string DisplayName(const IndexReader& index, const CopyGroups& g, const std::string& key,
                        uint32_t global) {
  const auto [s, d] = g.Locate(global);
  Document doc;
  Annotations a;
  if (!index.segments()[s].reader->GetDocument(d, &doc).ok() ||
      !DecodeAnnotations(doc.annotations, doc.title, doc.text, &a)) {
    return key.substr(1);
  }
  std::string variant;
  for (const FieldAnnotations* f : {&a.title, &a.text}) {
    for (const Entity& m : f->entities) {
      if (Letter(m.type) != key[0]) continue;
      if (m.key == std::string_view(key).substr(1)) return m.text;
      if (variant.empty() && AreKeyVariants(m.key, std::string_view(key).substr(1))) {
        variant = m.text;
      }
    }
  }
  return variant.empty() ? key.substr(1) : variant;
}

EntityType TypeOfLetter(char letter) {
  for (EntityType t : {EntityType::kPer, EntityType::kOrg, EntityType::kLoc, EntityType::kMisc}) {
    if (Letter(t) == letter) return t;
  }
  assert(false && "not an entity term letter");
  return EntityType::kMisc;
}

// Top entities per period: by documents in the period, then key.
Status RankEntities(const IndexReader& index, const CopyGroups& g, const Placement& where,
                    const TimelineOptions& opt, Timeline* t) {
  std::vector<EntityType> types = opt.types;
  if (types.empty()) {
    types = {EntityType::kPer, EntityType::kOrg, EntityType::kLoc, EntityType::kMisc};
  }
  EntityScan e;
  DL_RETURN_IF_ERROR(ScanEntities(index, g, where, types, &e));
  // Keys one edit apart count as the one in most documents (as EntityFacets,
  // not chained, over the whole timeline).
  const std::vector<uint32_t> canon = MergeKeyVariants(e.keys, e.documents, 1);
  for (auto& [p, k, doc] : e.hits) k = canon[k];
  std::sort(e.hits.begin(), e.hits.end());
  e.hits.erase(std::unique(e.hits.begin(), e.hits.end()), e.hits.end());
  // Per period: (documents, key number, first hit) of each key.
  std::vector<std::vector<std::tuple<uint64_t, uint32_t, size_t>>> counts(t->periods.size());
  for (size_t i = 0, j; i < e.hits.size(); i = j) {
    const auto [p, k, doc] = e.hits[i];
    for (j = i; j < e.hits.size() && std::get<0>(e.hits[j]) == p && std::get<1>(e.hits[j]) == k;
         ++j) {
    }
    counts[static_cast<size_t>(p)].emplace_back(j - i, k, i);
  }
  std::unordered_map<uint32_t, std::string> names;  // one spelling per entity for every period
  for (size_t p = 0; p < counts.size(); ++p) {
    auto& c = counts[p];
    const size_t n = std::min(opt.top, c.size());
    std::partial_sort(c.begin(), c.begin() + static_cast<ptrdiff_t>(n), c.end(),
                      [&](const auto& a, const auto& b) {
                        return std::get<0>(a) != std::get<0>(b)
                                   ? std::get<0>(a) > std::get<0>(b)
                                   : e.keys[std::get<1>(a)] < e.keys[std::get<1>(b)];
                      });
    for (size_t i = 0; i < n; ++i) {
      const auto [docs, k, first] = c[i];
      auto [it, fresh] = names.emplace(k, "");
      if (fresh) it->second = DisplayName(index, g, e.keys[k], std::get<2>(e.hits[first]));
      FacetValue v;
      v.key = e.keys[k].substr(1);
      v.type = std::string(EntityTypeName(TypeOfLetter(e.keys[k][0])));
      v.display = it->second;
      v.documents = docs;
      t->periods[p].entities.push_back(std::move(v));
    }
  }
  return Status::OK();
}

}  // namespace

std::optional<TimeUnit> ParseTimeUnit(std::string_view s) {
  for (TimeUnit u : {TimeUnit::kAuto, TimeUnit::kDay, TimeUnit::kWeek, TimeUnit::kMonth}) {
    if (s == TimeUnitName(u)) return u;
  }
  return std::nullopt;
}

std::string_view TimeUnitName(TimeUnit u) {
  switch (u) {
    case TimeUnit::kDay:
      return "day";
    case TimeUnit::kWeek:
      return "week";
    case TimeUnit::kMonth:
      return "month";
    default:
      return "auto";
  }
}

int32_t PeriodStart(int32_t day, TimeUnit unit) {
  assert(unit != TimeUnit::kAuto);
  if (unit == TimeUnit::kDay) return day;
  if (unit == TimeUnit::kWeek) return day - ((day % 7 + 7 + 3) % 7);  // 1970-01-01 was a Thursday
  return Date::FromDays(day, Date::Precision::kMonth).FirstDay();
}

int32_t PeriodEnd(int32_t day, TimeUnit unit) {
  assert(unit != TimeUnit::kAuto);
  if (unit == TimeUnit::kDay) return day;
  if (unit == TimeUnit::kWeek) return PeriodStart(day, unit) + 6;
  return Date::FromDays(day, Date::Precision::kMonth).LastDay();
}

std::string PeriodLabel(int32_t day, TimeUnit unit) {
  if (unit == TimeUnit::kDay) return Date::FromDays(day).ToString();
  if (unit == TimeUnit::kMonth) return Date::FromDays(day, Date::Precision::kMonth).ToString();
  // The ISO week-numbering year is that of the week's Thursday.
  const int32_t thursday = PeriodStart(day, TimeUnit::kWeek) + 3;
  const Date th = Date::FromDays(thursday, Date::Precision::kYear);
  const int32_t week = (thursday - th.FirstDay()) / 7 + 1;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s-W%02d", th.ToString().c_str(), week);
  return buf;
}

std::string UndatedReason(const Timeline& t) {
  if (t.by_event_date) return "mentioning no date within one " + std::string(TimeUnitName(t.by));
  return t.by == TimeUnit::kMonth ? "dated only to the year" : "dated only to the month or year";
}

Status BuildTimeline(const IndexReader& index, const QueryNode& query,
                     const TimelineOptions& options, Timeline* out) {
  *out = Timeline();
  out->by_event_date = options.by_event_date;
  SearchOptions so;
  if (!options.by_event_date) so.from = options.from, so.to = options.to;
  so.langs = options.langs;
  Sets sets;
  DL_RETURN_IF_ERROR(MatchingDocs(index, query, so, &sets));
  std::vector<Dated> dates;
  if (!options.by_event_date) {
    dates = PublicationDates(index, sets);
  } else {
    const int32_t from = options.from ? options.from->FirstDay() : INT32_MIN;
    const int32_t to = options.to ? options.to->LastDay() : INT32_MAX;
    DL_RETURN_IF_ERROR(MentionedDates(index, sets, from, to, &dates));
    if (options.from || options.to) {  // only documents that mention a date in the range
      for (auto& set : sets) std::fill(set.begin(), set.end(), 0);
      for (const Dated& x : dates) sets[x.s][x.d / 64] |= uint64_t{1} << (x.d % 64);
    }
  }
  const CopyGroups* copies;
  const StoryGroups* stories;
  DL_RETURN_IF_ERROR(index.Copies(&copies));
  DL_RETURN_IF_ERROR(index.Stories(&stories));
  CountDocuments(sets, *copies, out);
  const Span sp = Measure(dates);
  out->by = ChooseUnit(options, sp);
  DL_RETURN_IF_ERROR(MakePeriods(options, sp, out));
  Placement where;
  const std::vector<Match> placed =
      PlaceMatches(index, sets, dates, *copies, *stories, out, &where);
  CountReports(placed, out);
  if (options.top == 0) return Status::OK();
  DL_RETURN_IF_ERROR(RankStories(index, *copies, placed, options.top, out));
  return RankEntities(index, *copies, where, options, out);
}

}  // namespace dateline::search
