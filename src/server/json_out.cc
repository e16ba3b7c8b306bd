#include "server/json_out.h"

#include <cstdio>

#include "dateline/annotate.h"
#include "dateline/dates.h"
#include "dateline/events.h"
#include "util/json.h"

namespace dateline::out {

std::string SnippetHtml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case search::kMarkBegin:
        out += "<b>";
        break;
      case search::kMarkEnd:
        out += "</b>";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string HitJson(const search::Hit& h) {
  return JsonObject()
      .Str("id", h.id)
      .Str("date", h.date.ToString())
      .Str("date_precision", h.date.PrecisionName())
      .Str("lang", h.lang)
      .Str("title", h.title)
      .Str("source", h.source)
      .Str("url", h.url)
      .Num("score", h.score)
      .Num("matched", h.matched)
      .Str("snippet", SnippetHtml(h.snippet))
      .Finish();
}

namespace {

void AppendDates(std::string_view field, std::string_view text, std::string_view lang,
                 const Date& date, std::string* o) {
  for (const TimeExpr& t : FindDates(text, lang, date)) {
    if (o->size() > 1) *o += ",";
    *o += JsonObject()
              .Str("field", field)
              .Num("start", t.start)
              .Num("end", t.end)
              .Str("text", t.text)
              .Str("type", t.type)
              .Str("value", t.value)
              .Str("value_end", t.value_end)
              .Str("precision", t.precision)
              .Str("anchor", t.anchor)
              .Str("rule", t.rule)
              .Finish();
  }
}

void AppendEntities(std::string_view field, const FieldAnnotations& f, std::string* o) {
  for (const Entity& e : f.entities) {
    if (o->size() > 1) *o += ",";
    *o += JsonObject()
              .Str("field", field)
              .Str("text", e.text)
              .Str("type", EntityTypeName(e.type))
              .Num("start", e.start)
              .Num("end", e.end)
              .Str("key", e.key)
              .Finish();
  }
}

void AppendPlaces(std::string_view field, const FieldAnnotations& f, std::string* o) {
  for (const Place& p : f.places) {
    if (o->size() > 1) *o += ",";
    JsonObject j;
    j.Str("field", field).Str("text", p.text).Num("start", p.start).Num("end", p.end);
    *o += PlaceJsonMembers(p, &j).Finish();
  }
}

}  // namespace

JsonObject& QuoteJsonMembers(const Quote& q, JsonObject* j) {
  return j->Str("text", q.text)
      .Str("kind", QuoteKindName(q.kind))
      .Num("start", q.start)
      .Num("end", q.end)
      .Str("speaker", q.speaker)
      .Str("speaker_key", q.speaker_key)
      .Num("speaker_start", q.speaker_start)
      .Num("speaker_end", q.speaker_end);
}

namespace {

void AppendQuotes(std::string_view field, const FieldAnnotations& f, std::string* o) {
  for (const Quote& q : f.quotes) {
    if (o->size() > 1) *o += ",";
    JsonObject j;
    j.Str("field", field);
    *o += QuoteJsonMembers(q, &j).Finish();
  }
}

constexpr std::string_view kEventAttrNames[kEventAttrs] = {"trigger", "source", "target",
                                                           "place",   "date",   "fatalities"};

// One evidence item: the attribute, where its span is, and its text.
void AppendEvidence(EventAttr a, const EventOrigin& o, uint32_t start, uint32_t end,
                    std::string_view text, std::string* out) {
  const size_t i = static_cast<size_t>(a);
  if (out->size() > 1) *out += ",";
  JsonObject j;
  j.Str("attribute", kEventAttrNames[i]).Str("field", o.field[i]);
  if (!o.doc[i].empty()) j.Str("id", o.doc[i]);
  *out += j.Num("start", start).Num("end", end).Str("text", text).Finish();
}

// Every attribute value of `e` with the span it came from.
std::string EvidenceJson(const Event& e, const EventOrigin& o) {
  std::string out = "[";
  AppendEvidence(EventAttr::kTrigger, o, e.trigger_start, e.trigger_end, e.trigger, &out);
  for (const EventActor& a : e.sources) {
    AppendEvidence(EventAttr::kSource, o, a.start, a.end, a.text, &out);
  }
  for (const EventActor& a : e.targets) {
    AppendEvidence(EventAttr::kTarget, o, a.start, a.end, a.text, &out);
  }
  if (e.has_place) {
    AppendEvidence(EventAttr::kPlace, o, e.place.start, e.place.end, e.place.text, &out);
  }
  if (e.date.end > e.date.start) {
    AppendEvidence(EventAttr::kDate, o, e.date.start, e.date.end, e.date.text, &out);
  }
  if (e.fatalities >= 0 && e.number_end > e.number_start) {
    AppendEvidence(EventAttr::kFatalities, o, e.number_start, e.number_end, o.number_text, &out);
  }
  return out + "]";
}

std::string ActorsJson(const Event& e) {
  std::string out = "[";
  for (const auto* list : {&e.sources, &e.targets}) {
    for (const EventActor& a : *list) {
      if (out.size() > 1) out += ",";
      out += JsonObject()
                 .Str("role", list == &e.sources ? "source" : "target")
                 .Str("text", a.text)
                 .Str("key", a.key)
                 .Str("country", a.country)
                 .Str("group", a.group)
                 .Num("start", a.start)
                 .Num("end", a.end)
                 .Finish();
    }
  }
  return out + "]";
}

std::string EventPlaceJson(const Event& e) {
  if (!e.has_place) return "null";
  JsonObject j;
  j.Str("text", e.place.text).Num("start", e.place.start).Num("end", e.place.end);
  return PlaceJsonMembers(e.place, &j).Finish();
}

std::string EventDateJson(const EventDate& d) {
  return JsonObject()
      .Str("text", d.text)
      .Num("start", d.start)
      .Num("end", d.end)
      .Str("value", d.value)
      .Str("precision", d.precision)
      .Str("rule", d.rule)
      .Str("first", d.has_span ? Date::FromDays(d.first_day).ToString() : "")
      .Str("last", d.has_span ? Date::FromDays(d.last_day).ToString() : "")
      .Finish();
}

void AppendEvents(std::string_view field, std::string_view text, const FieldAnnotations& f,
                  std::string* o) {
  EventOrigin origin = EventOrigin::Of(field);
  for (const Event& e : f.events) {
    if (o->size() > 1) *o += ",";
    origin.number_text = MentionText(text, e.number_start, e.number_end);
    JsonObject j;
    *o += EventJsonMembers(e, origin, &j).Finish();
  }
}

}  // namespace

std::string_view EventAttrName(EventAttr a) { return kEventAttrNames[static_cast<size_t>(a)]; }

EventOrigin EventOrigin::Of(std::string_view field, std::string_view doc) {
  EventOrigin o;
  for (size_t i = 0; i < kEventAttrs; ++i) {
    o.field[i] = field;
    o.doc[i] = doc;
  }
  return o;
}

JsonObject& EventJsonMembers(const Event& e, const EventOrigin& o, JsonObject* j) {
  const bool dead = e.fatalities >= 0;
  j->Str("field", o.field[0])
      .Str("type", e.type)
      .Str("mode", e.mode)
      .Str("acled_event_type", AcledEventType(e.type, e.mode))
      .Str("acled_sub_event_type", AcledSubEventType(e.type, e.mode))
      .Raw("actors", ActorsJson(e))
      .Raw("place", EventPlaceJson(e))
      .Raw("date", EventDateJson(e.date))
      .Str("modality", EventModalityName(e.modality))
      .Raw("fatalities", dead ? std::to_string(e.fatalities) : "null")
      .Raw("fatalities_start", dead ? std::to_string(e.number_start) : "null")
      .Raw("fatalities_end", dead ? std::to_string(e.number_end) : "null")
      .Str("sentence", e.sentence)
      .Num("start", e.start)
      .Num("end", e.end)
      .Raw("trigger", JsonObject()
                          .Str("text", e.trigger)
                          .Num("start", e.trigger_start)
                          .Num("end", e.trigger_end)
                          .Finish());
  return j->Raw("evidence", EvidenceJson(e, o));
}

std::string QuotesJson(const std::vector<search::QuoteHit>& hits) {
  std::string o = "[";
  for (const search::QuoteHit& h : hits) {
    if (o.size() > 1) o += ",";
    JsonObject j;
    j.Str("id", h.id)
        .Str("date", h.date.ToString())
        .Str("lang", h.lang)
        .Str("title", h.title)
        .Str("source", h.source)
        .Str("field", h.field);
    o += QuoteJsonMembers(h.quote, &j).Finish();
  }
  return o + "]";
}

JsonObject& PlaceJsonMembers(const Place& p, JsonObject* j) {
  return j->Num("geonames_id", static_cast<double>(p.geonames_id))
      .Str("name", p.name)
      .Str("country", p.country)
      .Str("admin1", p.admin1)
      .Str("feature", p.feature)
      .Num("lat", p.lat)
      .Num("lon", p.lon)
      .Str("precision", p.precision)
      .Num("radius_km", p.radius_km)
      .Str("why", p.why);
}

std::string DatesJson(std::string_view text, std::string_view lang, const Date& date) {
  std::string o = "[";
  AppendDates("text", text, lang, date, &o);
  return o + "]";
}

std::string AnnotationMembers(std::string_view title, std::string_view text, std::string_view lang,
                              const Date& date, const Annotations& a) {
  std::string ents = "[", places = "[", dates = "[", quotes = "[", events = "[";
  AppendEntities("title", a.title, &ents);
  AppendEntities("text", a.text, &ents);
  AppendPlaces("title", a.title, &places);
  AppendPlaces("text", a.text, &places);
  AppendDates("title", title, lang, date, &dates);
  AppendDates("text", text, lang, date, &dates);
  AppendQuotes("title", a.title, &quotes);
  AppendQuotes("text", a.text, &quotes);
  AppendEvents("title", title, a.title, &events);
  AppendEvents("text", text, a.text, &events);
  return "\"entities\":" + ents + "],\"places\":" + places + "],\"dates\":" + dates +
         "],\"quotes\":" + quotes + "],\"events\":" + events + "]";
}

std::string DocumentFieldsJson(const Document& d) {
  return JsonObject()
      .Str("id", d.id)
      .Str("date", d.date.ToString())
      .Str("date_precision", d.date.PrecisionName())
      .Str("lang", d.lang)
      .Num("lang_confidence", d.lang_confidence)
      .Str("title", d.title)
      .Str("source", d.source)
      .Str("url", d.url)
      .Str("origin", d.origin)
      .Str("text", d.text)
      .Raw("extra", d.extra_json.empty() ? "{}" : d.extra_json)
      .Raw("annotated", d.annotations.empty() ? "false" : "true")
      .Finish();
}

std::string DocumentJson(const Document& d) {
  Annotations a;
  if (!DecodeAnnotations(d.annotations, d.title, d.text, &a)) a = Annotations();
  std::string o = DocumentFieldsJson(d);
  o.pop_back();
  return o + "," + AnnotationMembers(d.title, d.text, d.lang, d.date, a) + "}";
}

std::string HitWithCopiesJson(const search::Hit& h, bool collapse) {
  std::string o = HitJson(h);
  if (!collapse) return o;
  o.pop_back();
  o += ",\"copies\":" + std::to_string(h.copies) + ",\"copy_sources\":[";
  for (size_t i = 0; i < h.copy_sources.size(); ++i) {
    if (i) o += ",";
    AppendJsonString(&o, h.copy_sources[i]);
  }
  o += "],\"copy_of\":";
  AppendJsonString(&o, h.copy_of);
  return o + "}";
}

std::string ResultsJson(const search::Results& res, bool collapse) {
  std::string out = "{\"total\":" + std::to_string(res.total) + ",\"hits\":[";
  for (size_t i = 0; i < res.hits.size(); ++i) {
    out += (i ? "," : "") + HitWithCopiesJson(res.hits[i], collapse);
  }
  return out + "]}";
}

namespace {

// `"copy_of":"...","copies":[{"id","date","source"}...]` (members, no braces):
// the copy group of `id`, its earliest member and the others, earliest first.
Status CopyMembersJson(const IndexReader& index, const std::string& id, std::string* out) {
  std::vector<std::string> ids;
  DL_RETURN_IF_ERROR(index.CopyGroup(id, &ids));
  std::string o = "\"copy_of\":";
  AppendJsonString(&o, ids.empty() ? id : ids[0]);
  o += ",\"copies\":[";
  bool first = true;
  for (const auto& m : ids) {
    if (m == id) continue;
    Document d;
    DL_RETURN_IF_ERROR(index.Get(m, &d));
    o += (first ? "" : ",") + JsonObject()
                                  .Str("id", d.id)
                                  .Str("date", d.date.ToString())
                                  .Str("source", d.source)
                                  .Finish();
    first = false;
  }
  *out = o + "]";
  return Status::OK();
}

std::string PeriodJson(const search::TimelinePeriod& p) {
  std::string stories = "[";
  for (const search::TimelineStory& s : p.stories) {
    if (stories.size() > 1) stories += ",";
    stories += JsonObject()
                   .Str("id", s.id)
                   .Str("title", s.title)
                   .Num("documents", static_cast<double>(s.documents))
                   .Finish();
  }
  return JsonObject()
      .Str("period", p.label)
      .Str("first_date", Date::FromDays(p.first_day).ToString())
      .Str("last_date", Date::FromDays(p.last_day).ToString())
      .Num("documents", static_cast<double>(p.documents))
      .Num("reports", static_cast<double>(p.reports))
      .Raw("stories", stories + "]")
      .Raw("entities", EntitiesJson(p.entities))
      .Finish();
}

// `{"name":count,...}` for a list of (name, count) pairs.
std::string CountsObject(const std::vector<std::pair<std::string, uint64_t>>& v) {
  std::string o = "{";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) o += ",";
    AppendJsonString(&o, v[i].first);
    o += ":" + std::to_string(v[i].second);
  }
  return o + "}";
}

}  // namespace

Status ShowJson(const IndexReader& index, const std::string& id, std::string* out) {
  Document d;
  DL_RETURN_IF_ERROR(index.Get(id, &d));
  std::string copies;
  DL_RETURN_IF_ERROR(CopyMembersJson(index, id, &copies));
  *out = DocumentJson(d);
  out->pop_back();
  *out += "," + copies + "}";
  return Status::OK();
}

std::string EntitiesJson(const std::vector<search::FacetValue>& values) {
  std::string o = "[";
  for (const auto& v : values) {
    if (o.size() > 1) o += ",";
    o += JsonObject()
             .Str("key", v.key)
             .Str("type", v.type)
             .Str("text", v.display)
             .Num("documents", static_cast<double>(v.documents))
             .Finish();
  }
  return o + "]";
}

std::string PlacesJson(const std::vector<search::FacetValue>& values) {
  std::string o = "[";
  for (const auto& v : values) {
    if (o.size() > 1) o += ",";
    JsonObject j;
    j.Num("documents", static_cast<double>(v.documents));
    o += PlaceJsonMembers(v.place, &j).Finish();
  }
  return o + "]";
}

std::string PlacesGeoJson(const std::vector<search::FacetValue>& values) {
  std::string o = "{\"type\":\"FeatureCollection\",\"features\":[";
  bool first = true;
  for (const auto& v : values) {
    if (v.place.geonames_id == 0) continue;
    if (!first) o += ",";
    first = false;
    std::string coords = "[";
    AppendJsonNumber(&coords, v.place.lon);
    coords += ",";
    AppendJsonNumber(&coords, v.place.lat);
    coords += "]";
    JsonObject props;
    props.Num("documents", static_cast<double>(v.documents));
    o += JsonObject()
             .Str("type", "Feature")
             .Raw("geometry", "{\"type\":\"Point\",\"coordinates\":" + coords + "}")
             .Raw("properties", PlaceJsonMembers(v.place, &props).Finish())
             .Finish();
  }
  return o + "]}";
}

std::string TimelineJson(const search::Timeline& t, std::string_view query) {
  std::string periods = "[";
  for (const search::TimelinePeriod& p : t.periods) {
    periods += (periods.size() > 1 ? "," : "") + PeriodJson(p);
  }
  return JsonObject()
      .Str("query", query)
      .Str("by", search::TimeUnitName(t.by))
      .Str("dates", t.by_event_date ? "event" : "publication")
      .Num("documents", static_cast<double>(t.documents))
      .Num("reports", static_cast<double>(t.reports))
      .Num("undated", static_cast<double>(t.undated))
      .Raw("periods", periods + "]")
      .Finish();
}

std::string StatsJson(const IndexStats& st) {
  const std::string first = st.documents ? Date::FromDays(st.first_day).ToString() : "";
  const std::string last = st.documents ? Date::FromDays(st.last_day).ToString() : "";
  std::string o = "{\"documents\":" + std::to_string(st.documents) +
                  ",\"deleted\":" + std::to_string(st.deleted) +
                  ",\"segments\":" + std::to_string(st.segments) +
                  ",\"bytes\":" + std::to_string(st.bytes) +
                  ",\"generation\":" + std::to_string(st.generation) + ",\"first_date\":";
  AppendJsonString(&o, first);
  o += ",\"last_date\":";
  AppendJsonString(&o, last);
  o += ",\"languages\":" + CountsObject(st.languages);
  o += ",\"terms\":" + std::to_string(st.terms);
  return o + ",\"sections\":" + CountsObject(st.sections) + "}";
}

std::string IngestSummaryOpen(const IngestCounts& c, size_t skipped_files, double seconds) {
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "{\"read\":%llu,\"indexed\":%llu,\"replaced\":%llu,\"rejected\":%llu,"
                "\"repaired\":%llu,\"skipped_files\":%zu,\"seconds\":%.3f",
                static_cast<unsigned long long>(c.read), static_cast<unsigned long long>(c.indexed),
                static_cast<unsigned long long>(c.replaced),
                static_cast<unsigned long long>(c.rejected),
                static_cast<unsigned long long>(c.repaired), skipped_files, seconds);
  return buf;
}

}  // namespace dateline::out
