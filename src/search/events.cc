// EventSearch() and MergeEvents(): the stored events of the documents matching
// a query, merged across copies and independent reports. See doc/events.md.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "dateline/annotate.h"
#include "dateline/places.h"
#include "dateline/search.h"
#include "index/annotation_terms.h"
#include "index/segment.h"
#include "search/annotation_filters.h"
#include "search/matches.h"

namespace dateline::search {

namespace {

constexpr int32_t kDayWindow = 1;  // days between date spans that still match
constexpr int32_t kNewsLag = 3;    // days an undated event may precede its report

std::string Upper(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return o;
}

// [first, last] day of a report's event: its date's span, else the publication date's.
std::pair<int32_t, int32_t> Span(const EventReport& r) {
  const EventDate& d = r.event.date;
  if (d.has_span) return {d.first_day, d.last_day};
  return {r.date.FirstDay(), r.date.LastDay()};
}

// True when [a1, a2] and [b1, b2] overlap or lie within kDayWindow days.
bool Near(std::pair<int32_t, int32_t> a, std::pair<int32_t, int32_t> b) {
  return std::max(a.first, b.first) - std::min(a.second, b.second) <= kDayWindow;
}

// Same main source: the same key, or both unnamed with the same group. A
// report that names no source agrees with any (a headline: "Shelling in
// Gharyan"), as a missing place does.
bool SameActor(const Event& a, const Event& b) {
  if (a.sources.empty() || b.sources.empty()) return true;
  const EventActor& x = a.sources[0];
  const EventActor& y = b.sources[0];
  if (!x.key.empty() || !y.key.empty()) return x.key == y.key;
  return x.group == y.group;
}

// A place that names a whole region or country (or no gazetteer entry).
bool Coarse(const Place& p) {
  return p.geonames_id == 0 || p.precision == "region" || p.precision == "country";
}

// Places agree: one is missing, both are the same entry, or one is coarse and
// both lie in the same country.
bool SamePlace(const Event& a, const Event& b) {
  if (!a.has_place || !b.has_place) return true;
  if (a.place.geonames_id != 0 && a.place.geonames_id == b.place.geonames_id) return true;
  return (Coarse(a.place) || Coarse(b.place)) && !a.place.country.empty() &&
         a.place.country == b.place.country;
}

// The documents may report one happening: copies, one story, or (either alone
// in its story) published within kDayWindow days of each other.
bool SameStory(const EventReport& a, const EventReport& b) {
  if (a.copy_group == b.copy_group) return true;
  if (!a.story_alone && !b.story_alone) return a.story == b.story;
  return Near({a.date.FirstDay(), a.date.LastDay()}, {b.date.FirstDay(), b.date.LastDay()});
}

// The days an event may have happened on, for matching: an event dated only
// by its publication (no date in its sentence, as in most headlines) may be
// one of the days before it, which news reports.
std::pair<int32_t, int32_t> MatchSpan(const EventReport& r) {
  auto span = Span(r);
  if (r.event.date.rule == "publication date") span.first -= kNewsLag;
  return span;
}

bool Compatible(const EventReport& a, const EventReport& b) {
  return a.event.type == b.event.type && SameActor(a.event, b.event) &&
         SamePlace(a.event, b.event) && Near(MatchSpan(a), MatchSpan(b)) && SameStory(a, b);
}

// 0 for a town or landmark, 1 for a region or country, 2 for no place.
int Vagueness(const Event& e) {
  if (!e.has_place) return 2;
  return Coarse(e.place) ? 1 : 0;
}

// Total order of reports: event start day, the most precise place first, then
// the end day, publication date, document, field, offset.
bool Earlier(const EventReport& a, const EventReport& b) {
  const auto sa = Span(a), sb = Span(b);
  return std::make_tuple(sa.first, Vagueness(a.event), sa.second, a.date.FirstDay(), a.id, a.field,
                         a.event.start, a.event.trigger_start) <
         std::make_tuple(sb.first, Vagueness(b.event), sb.second, b.date.FirstDay(), b.id, b.field,
                         b.event.start, b.event.trigger_start);
}

size_t CopyGroupCount(const std::vector<EventReport>& members) {
  std::set<uint32_t> groups;
  for (const EventReport& m : members) groups.insert(m.copy_group);
  return groups.size();
}

// Members in document order: publication date, id, field, offset.
bool DocOrder(const EventReport& a, const EventReport& b) {
  return std::make_tuple(a.date.FirstDay(), a.id, a.field, a.event.start) <
         std::make_tuple(b.date.FirstDay(), b.id, b.field, b.event.start);
}

std::string PlaceValue(const Event& e) {
  if (!e.has_place) return "";
  if (e.place.geonames_id != 0) return std::to_string(e.place.geonames_id);
  return e.place.country.empty() ? "" : "country:" + e.place.country;
}

std::string DateValue(const Event& e) {
  return e.date.value.empty() ? std::string("publication date") : e.date.value;
}

// The values of one attribute over the members ("" = none given), most copy
// groups first, then earliest.
template <typename Fn>
std::vector<EventValue> Values(const std::vector<EventReport>& members, Fn&& value_of) {
  std::vector<EventValue> values;
  std::vector<std::set<uint32_t>> groups;
  for (size_t i = 0; i < members.size(); ++i) {
    const std::string v = value_of(members[i].event);
    if (v.empty()) continue;
    size_t k = 0;
    while (k < values.size() && values[k].value != v) ++k;
    if (k == values.size()) {
      values.push_back(EventValue{v, i, 0, {}});
      groups.emplace_back();
    }
    groups[k].insert(members[i].copy_group);
    std::vector<std::string>& docs = values[k].docs;
    if (std::find(docs.begin(), docs.end(), members[i].id) == docs.end()) {
      docs.push_back(members[i].id);
    }
  }
  for (size_t k = 0; k < values.size(); ++k) {
    values[k].reports = static_cast<uint32_t>(groups[k].size());
  }
  std::stable_sort(values.begin(), values.end(), [](const EventValue& a, const EventValue& b) {
    return std::tie(b.reports, a.member) < std::tie(a.reports, b.member);
  });
  return values;
}

std::string FatalitiesValue(const Event& e) {
  return e.fatalities < 0 ? std::string() : std::to_string(e.fatalities);
}

std::string ModalityValue(const Event& e) { return std::string(EventModalityName(e.modality)); }

// The value lists of a hit with the function giving a report's value of each.
std::vector<std::pair<std::vector<EventValue>*, std::string (*)(const Event&)>> Lists(EventHit* h) {
  return {{&h->fatalities, FatalitiesValue},
          {&h->places, PlaceValue},
          {&h->dates, DateValue},
          {&h->modalities, ModalityValue}};
}

// The member that gives most of the shown values (ties: the earliest).
size_t ShownMember(EventHit* h) {
  size_t best = 0;
  int best_score = -1;
  for (size_t i = 0; i < h->members.size(); ++i) {
    int score = 0;
    for (const auto& [values, value_of] : Lists(h)) {
      score += !values->empty() && value_of(h->members[i].event) == (*values)[0].value;
    }
    if (score > best_score) best = i, best_score = score;
  }
  return best;
}

// Fills the counts, span and values of a hit from its members.
void Summarize(EventHit* h) {
  std::sort(h->members.begin(), h->members.end(), DocOrder);
  std::set<uint32_t> groups;
  std::set<std::string> docs;
  h->first_day = INT32_MAX;
  h->last_day = INT32_MIN;
  for (const EventReport& r : h->members) {
    groups.insert(r.copy_group);
    docs.insert(r.id);
    const auto sp = Span(r);
    h->first_day = std::min(h->first_day, sp.first);
    h->last_day = std::max(h->last_day, sp.second);
  }
  h->reports = static_cast<uint32_t>(groups.size());
  h->copies = static_cast<uint32_t>(docs.size());
  for (const auto& [values, value_of] : Lists(h)) *values = Values(h->members, value_of);
  h->shown = ShownMember(h);
  // A value the shown report gives is shown with its span.
  for (const auto& [values, value_of] : Lists(h)) {
    for (EventValue& v : *values) {
      if (value_of(h->members[h->shown].event) == v.value) v.member = h->shown;
    }
  }
}

bool KeepActor(const EventHit& h, const std::vector<std::string>& keys) {
  if (keys.empty()) return true;
  for (const EventReport& r : h.members) {
    for (const auto* list : {&r.event.sources, &r.event.targets}) {
      for (const EventActor& a : *list) {
        if (!a.key.empty() && std::find(keys.begin(), keys.end(), a.key) != keys.end()) {
          return true;
        }
      }
    }
  }
  return false;
}

bool Keep(const EventHit& h, const EventFilter& f) {
  if (f.from && h.last_day < f.from->FirstDay()) return false;
  if (f.to && h.first_day > f.to->LastDay()) return false;
  if (!f.country.empty()) {
    bool any = false;
    for (const EventValue& v : h.places) {
      any |= h.members[v.member].event.place.country == f.country;
    }
    if (!any) return false;
  }
  return KeepActor(h, f.actor_keys);
}

// Groups the reports (sorted by Earlier): each joins the open group of its
// type whose every member it is compatible with; of several, the one with the
// most copy groups (ties: the oldest).
std::vector<std::vector<EventReport>> Cluster(std::vector<EventReport> reports) {
  std::vector<std::vector<EventReport>> groups;
  std::map<std::string, std::vector<size_t>> open;  // type -> groups, oldest first
  for (EventReport& r : reports) {
    std::vector<size_t>& mine = open[r.event.type];
    const int32_t first = MatchSpan(r).first;
    // Groups whose latest member ends more than the window before are closed.
    std::erase_if(mine, [&](size_t g) {
      int32_t last = INT32_MIN;
      for (const EventReport& m : groups[g]) last = std::max(last, Span(m).second);
      return last < first - kDayWindow;
    });
    size_t target = groups.size(), best = 0;
    for (size_t g : mine) {
      if (!std::all_of(groups[g].begin(), groups[g].end(),
                       [&](const EventReport& m) { return Compatible(m, r); })) {
        continue;
      }
      const size_t n = CopyGroupCount(groups[g]);
      if (n > best) target = g, best = n;
    }
    if (target == groups.size()) {
      groups.emplace_back();
      mine.push_back(target);
    }
    groups[target].push_back(std::move(r));
  }
  return groups;
}

// Newest first: last day, first day, then the earliest member's id.
bool Newer(const EventHit& a, const EventHit& b) {
  return std::make_tuple(b.last_day, b.first_day, a.members[0].id, a.members[0].event.start) <
         std::make_tuple(a.last_day, a.first_day, b.members[0].id, b.members[0].event.start);
}

// Appends the events of one field of a document as reports.
void AddReports(std::string_view text, const char* field, std::vector<Event>* events,
                const EventReport& base, const EventFilter& f, std::vector<EventReport>* out) {
  for (Event& e : *events) {
    if (!f.type.empty() && e.type != f.type) continue;
    EventReport r = base;
    r.field = field;
    r.number_text = MentionText(text, e.number_start, e.number_end);
    r.event = std::move(e);
    out->push_back(std::move(r));
  }
}

// The reports of stored document `d` of segment `s`.
Status ReadReports(const IndexReader& index, const CopyGroups& copies, const StoryGroups& stories,
                   size_t s, uint32_t d, const EventFilter& f, std::vector<EventReport>* out) {
  Document doc;
  DL_RETURN_IF_ERROR(index.segments()[s].reader->GetDocument(d, &doc));
  Annotations a;
  if (doc.annotations.empty() || !DecodeAnnotations(doc.annotations, doc.title, doc.text, &a)) {
    return Status::OK();
  }
  if (a.title.events.empty() && a.text.events.empty()) return Status::OK();
  EventReport base;
  base.id = doc.id;
  base.date = doc.date;
  base.lang = doc.lang;
  base.title = doc.title;
  base.source = doc.source;
  base.copy_group = copies.Root(s, d);
  const auto [cs, cd] = copies.Locate(base.copy_group);
  base.copy_of = std::string(index.segments()[cs].reader->IdOf(cd));
  base.story = stories.Root(s, d);
  base.story_alone = stories.Members(base.story) == nullptr;
  AddReports(doc.title, "title", &a.title.events, base, f, out);
  AddReports(doc.text, "text", &a.text.events, base, f, out);
  return Status::OK();
}

// Narrows `sets` to the documents that may hold an event of `type`: those
// indexed with it, and those whose events are not indexed (no marker term).
// Only reports of `type` are read anyway (AddReports), and events merge only
// with events of their own type, so the events found are the same.
void KeepDocsWithEventType(const IndexReader& index, std::string_view type,
                           std::vector<std::vector<uint64_t>>* sets) {
  const std::string indexed(index::kEventsIndexedTerm), term = index::EventTypeTerm(type);
  for (size_t s = 0; s < sets->size(); ++s) {
    const index::SegmentReader& r = *index.segments()[s].reader;
    std::vector<uint64_t>& set = (*sets)[s];
    const size_t words = (size_t{r.doc_count()} + 63) / 64;
    std::vector<uint64_t> marked(words, 0), typed(words, 0);
    if (!MarkTermDocs(r, indexed, &marked)) continue;
    MarkTermDocs(r, term, &typed);
    for (size_t w = 0; w < set.size() && w < words; ++w) set[w] &= typed[w] | ~marked[w];
  }
}

}  // namespace

Status MakeEventFilter(std::string_view type, std::string_view country, std::string_view actor,
                       std::string_view prefix, EventFilter* out) {
  if (!type.empty()) {
    out->type = Upper(type);
    const auto& all = EventTypes();
    if (std::find(all.begin(), all.end(), out->type) == all.end()) {
      std::string list;
      for (std::string_view t : all) list += (list.empty() ? "" : ", ") + std::string(t);
      return Status::InvalidArgument(std::string(prefix) + "type: unknown event type '" +
                                     std::string(type) + "'; expected one of " + list);
    }
  }
  if (!country.empty()) {
    out->country = CountryCode(country);
    if (out->country.empty()) {
      return Status::InvalidArgument(std::string(prefix) + "country: unknown country '" +
                                     std::string(country) + "'");
    }
  }
  if (!actor.empty()) {
    out->actor_keys = {std::string(actor)};
    for (EntityType t : {EntityType::kPer, EntityType::kOrg, EntityType::kLoc}) {
      std::string k = EntityKey(actor, t, "");
      auto& keys = out->actor_keys;
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(std::move(k));
    }
  }
  return Status::OK();
}

std::vector<EventHit> MergeEvents(std::vector<EventReport> reports, const EventFilter& filter) {
  std::sort(reports.begin(), reports.end(), Earlier);
  std::vector<EventHit> hits;
  for (auto& members : Cluster(std::move(reports))) {
    EventHit h;
    h.members = std::move(members);
    Summarize(&h);
    if (Keep(h, filter)) hits.push_back(std::move(h));
  }
  std::sort(hits.begin(), hits.end(), Newer);
  if (hits.size() > filter.limit) hits.resize(filter.limit);
  return hits;
}

Status EventSearch(const IndexReader& index, const QueryNode& query, const SearchOptions& options,
                   const EventFilter& filter, std::vector<EventHit>* out) {
  out->clear();
  std::vector<std::vector<uint64_t>> sets;
  DL_RETURN_IF_ERROR(MatchingDocs(index, query, options, &sets));
  if (!filter.type.empty()) KeepDocsWithEventType(index, filter.type, &sets);
  const CopyGroups* copies;
  const StoryGroups* stories;
  DL_RETURN_IF_ERROR(index.Copies(&copies));
  DL_RETURN_IF_ERROR(index.Stories(&stories));
  std::vector<std::pair<size_t, uint32_t>> docs;
  ForEachMatch(sets, [&](size_t s, uint32_t d) {
    if (d < index.segments()[s].reader->doc_count()) docs.emplace_back(s, d);
  });
  std::vector<EventReport> reports;
  for (const auto& [s, d] : docs) {
    DL_RETURN_IF_ERROR(ReadReports(index, *copies, *stories, s, d, filter, &reports));
  }
  DL_RETURN_IF_ERROR(index.Damage());
  *out = MergeEvents(std::move(reports), filter);
  return Status::OK();
}

}  // namespace dateline::search
