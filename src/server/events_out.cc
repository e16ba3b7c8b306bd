// Merged events (search::EventSearch) as JSON, CSV and GeoJSON, shared by
// `dateline events` and GET /api/events. Columns and members: doc/events.md.
#include <algorithm>
#include <cstdio>
#include <set>

#include "server/json_out.h"

namespace dateline::out {

namespace {

using search::EventHit;
using search::EventReport;
using search::EventValue;

// The event a hit shows, with the document and field of each attribute.
struct Shown {
  const EventReport* main = nullptr;
  Event event;
  EventOrigin origin;
};

void SetOrigin(EventAttr a, const EventReport& r, EventOrigin* o) {
  o->field[static_cast<size_t>(a)] = r.field;
  o->doc[static_cast<size_t>(a)] = r.id;
}

// The shown member's event with the main place, date, fatalities and modality.
Shown Compose(const EventHit& h) {
  Shown s;
  s.main = &h.members[h.shown];
  s.event = s.main->event;
  s.origin = EventOrigin::Of(s.main->field, s.main->id);
  s.event.has_place = !h.places.empty();
  if (s.event.has_place) {
    const EventReport& r = h.members[h.places[0].member];
    s.event.place = r.event.place;
    SetOrigin(EventAttr::kPlace, r, &s.origin);
  }
  if (!h.dates.empty()) {
    const EventReport& r = h.members[h.dates[0].member];
    s.event.date = r.event.date;
    SetOrigin(EventAttr::kDate, r, &s.origin);
  }
  s.event.fatalities = -1;
  if (!h.fatalities.empty()) {
    const EventReport& r = h.members[h.fatalities[0].member];
    s.event.fatalities = r.event.fatalities;
    s.event.number_start = r.event.number_start;
    s.event.number_end = r.event.number_end;
    s.origin.number_text = r.number_text;
    SetOrigin(EventAttr::kFatalities, r, &s.origin);
  }
  if (!h.modalities.empty()) s.event.modality = h.members[h.modalities[0].member].event.modality;
  return s;
}

std::string StringList(const std::vector<std::string>& v) {
  std::string o = "[";
  for (const std::string& s : v) {
    if (o.size() > 1) o += ",";
    AppendJsonString(&o, s);
  }
  return o + "]";
}

// Every document of a hit once: {id, date, source, copy_of}.
std::string SourcesJson(const EventHit& h) {
  std::string o = "[";
  std::set<std::string> seen;
  for (const EventReport& r : h.members) {
    if (!seen.insert(r.id).second) continue;
    if (o.size() > 1) o += ",";
    o += JsonObject()
             .Str("id", r.id)
             .Str("date", r.date.ToString())
             .Str("source", r.source)
             .Str("copy_of", r.copy_of)
             .Finish();
  }
  return o + "]";
}

std::string PlaceValueJson(const Place& p) {
  return JsonObject()
      .Num("geonames_id", static_cast<double>(p.geonames_id))
      .Str("name", p.name)
      .Str("country", p.country)
      .Num("lat", p.lat)
      .Num("lon", p.lon)
      .Str("precision", p.precision)
      .Finish();
}

enum class Attr { kFatalities, kPlace, kDate, kModality };

// [{value, reports, docs}] of one attribute.
std::string ValuesJson(const EventHit& h, const std::vector<EventValue>& values, Attr a) {
  std::string o = "[";
  for (const EventValue& v : values) {
    if (o.size() > 1) o += ",";
    std::string value = JsonString(v.value);
    if (a == Attr::kFatalities) value = v.value;
    if (a == Attr::kPlace) value = PlaceValueJson(h.members[v.member].event.place);
    o += JsonObject()
             .Raw("value", value)
             .Num("reports", v.reports)
             .Raw("docs", StringList(v.docs))
             .Finish();
  }
  return o + "]";
}

std::string EventHitJson(const EventHit& h) {
  const Shown s = Compose(h);
  JsonObject j;
  j.Str("id", s.main->id)
      .Str("doc_date", s.main->date.ToString())
      .Str("lang", s.main->lang)
      .Str("title", s.main->title)
      .Str("source", s.main->source);
  EventJsonMembers(s.event, s.origin, &j);
  return j.Str("first_date", Date::FromDays(h.first_day).ToString())
      .Str("last_date", Date::FromDays(h.last_day).ToString())
      .Num("reports", h.reports)
      .Num("copies", h.copies)
      .Raw("sources", SourcesJson(h))
      .Raw("fatalities_values", ValuesJson(h, h.fatalities, Attr::kFatalities))
      .Raw("place_values", ValuesJson(h, h.places, Attr::kPlace))
      .Raw("date_values", ValuesJson(h, h.dates, Attr::kDate))
      .Raw("modality_values", ValuesJson(h, h.modalities, Attr::kModality))
      .Finish();
}

// ACLED time_precision: 1 a day, 2 up to a week, 3 longer or unknown.
int TimePrecision(int32_t first, int32_t last) {
  if (last == first) return 1;
  return last - first < 7 ? 2 : 3;
}

// ACLED geo_precision of a place: 1 a town or landmark, 2 near one, 3 a region or country.
std::string GeoPrecision(const Place& p) {
  if (p.precision == "exact") return "1";
  return p.precision == "approximate" ? "2" : "3";
}

std::string Coordinate(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.5f", v);
  return buf;
}

// The day and ACLED precision of the shown date (the publication date's when it has no span).
std::pair<std::string, int> EventDay(const Shown& s) {
  const EventDate& d = s.event.date;
  if (d.has_span) {
    return {Date::FromDays(d.first_day).ToString(), TimePrecision(d.first_day, d.last_day)};
  }
  const Date& pub = s.main->date;
  return {Date::FromDays(pub.FirstDay()).ToString(), TimePrecision(pub.FirstDay(), pub.LastDay())};
}

// "a; b": the distinct non-empty values, in member order.
template <typename Fn>
std::string Joined(const EventHit& h, Fn&& value_of) {
  std::vector<std::string> seen;
  std::string o;
  for (const EventReport& r : h.members) {
    std::string v = value_of(r);
    if (v.empty() || std::find(seen.begin(), seen.end(), v) != seen.end()) continue;
    o += (o.empty() ? "" : "; ") + v;
    seen.push_back(std::move(v));
  }
  return o;
}

bool HasCoordinates(const Event& e) {
  return e.has_place && (e.place.geonames_id != 0 || e.place.lat != 0 || e.place.lon != 0);
}

// Columns of EventCsvColumns() that hold numbers (GeoJSON writes them as numbers).
bool NumericColumn(std::string_view name) {
  for (std::string_view n :
       {"time_precision", "latitude", "longitude", "geo_precision", "fatalities", "reports"}) {
    if (n == name) return true;
  }
  return false;
}

// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

}  // namespace

const std::vector<std::string_view>& EventCsvColumns() {
  static const std::vector<std::string_view> kColumns = {
      "event_date",  "time_precision", "event_type", "sub_event_type", "actor1",  "actor2",
      "location",    "latitude",       "longitude",  "geo_precision",  "sources", "notes",
      "plover_type", "mode",           "modality",   "fatalities",     "reports", "doc_ids"};
  return kColumns;
}

std::vector<std::string> EventRow(const EventHit& h) {
  const Shown s = Compose(h);
  const Event& e = s.event;
  const auto [day, precision] = EventDay(s);
  const bool geo = HasCoordinates(e);
  return {day,
          std::to_string(precision),
          std::string(AcledEventType(e.type, e.mode)),
          std::string(AcledSubEventType(e.type, e.mode)),
          e.sources.empty() ? "" : e.sources[0].text,
          e.targets.empty() ? "" : e.targets[0].text,
          !e.has_place ? "" : (e.place.name.empty() ? e.place.text : e.place.name),
          geo ? Coordinate(e.place.lat) : "",
          geo ? Coordinate(e.place.lon) : "",
          e.has_place ? GeoPrecision(e.place) : "",
          Joined(h, [](const EventReport& r) { return r.source; }),
          e.sentence,
          e.type,
          e.mode,
          std::string(EventModalityName(e.modality)),
          e.fatalities < 0 ? "" : std::to_string(e.fatalities),
          std::to_string(h.reports),
          Joined(h, [](const EventReport& r) { return r.id; })};
}

std::string EventsJson(const std::vector<EventHit>& hits) {
  std::string o = "[";
  for (const EventHit& h : hits) o += (o.size() > 1 ? "," : "") + EventHitJson(h);
  return o + "]";
}

std::string EventsCsv(const std::vector<EventHit>& hits) {
  std::string o;
  for (std::string_view c : EventCsvColumns()) o += (o.empty() ? "" : ",") + std::string(c);
  o += "\n";
  for (const EventHit& h : hits) {
    const std::vector<std::string> row = EventRow(h);
    for (size_t i = 0; i < row.size(); ++i) o += (i ? "," : "") + CsvField(row[i]);
    o += "\n";
  }
  return o;
}

std::string EventsGeoJson(const std::vector<EventHit>& hits) {
  std::string o = "{\"type\":\"FeatureCollection\",\"features\":[";
  size_t skipped = 0, shown = 0;
  const auto& columns = EventCsvColumns();
  for (const EventHit& h : hits) {
    const Shown s = Compose(h);
    if (!HasCoordinates(s.event)) {
      ++skipped;
      continue;
    }
    const std::vector<std::string> row = EventRow(h);
    JsonObject props;
    for (size_t i = 0; i < row.size(); ++i) {
      if (NumericColumn(columns[i])) {
        props.Raw(columns[i], row[i].empty() ? "null" : row[i]);
      } else {
        props.Str(columns[i], row[i]);
      }
    }
    std::string coords = "[";
    AppendJsonNumber(&coords, s.event.place.lon);
    coords += ",";
    AppendJsonNumber(&coords, s.event.place.lat);
    o += (shown++ ? "," : "") +
         JsonObject()
             .Str("type", "Feature")
             .Raw("geometry", "{\"type\":\"Point\",\"coordinates\":" + coords + "]}")
             .Raw("properties", props.Finish())
             .Finish();
  }
  return o + "],\"skipped\":" + std::to_string(skipped) + "}";
}

}  // namespace dateline::out
