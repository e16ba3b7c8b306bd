// Annotate(): runs the extractors on a document; EncodeAnnotations(): their stored form.
#include "dateline/annotate.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <set>
#include <unordered_map>

#include "dateline/dates.h"
#include "extract/names/names.h"
#include "util/varint.h"

namespace dateline {

namespace {

constexpr uint8_t kAnnotationsV1 = 1;  // entities and places
constexpr uint8_t kAnnotationsV2 = 2;  // format 1, then tagged sections
constexpr uint8_t kQuotesSection = 1;  // tag of the quotes section
constexpr uint8_t kEventsSection = 2;  // tag of the events section
constexpr double kCoordScale = 1e5;    // stored coordinates: 1e-5 degree (about 1 m)

const char* const kPrecisions[] = {"exact", "approximate", "region", "country"};

uint8_t PrecisionCode(std::string_view p) {
  for (uint8_t i = 0; i < 4; ++i) {
    if (p == kPrecisions[i]) return i;
  }
  return 0;
}

// EntityKey() of names, each computed once per thread: names recur within a
// document and across documents. EntityKey() depends on nothing else (its tables
// are fixed), so the memo changes no key. Emptied beyond kMaxNames names.
class KeyMemo {
 public:
  explicit KeyMemo(std::string_view lang) : lang_(lang) {}
  const std::string& Key(const std::string& text, EntityType type) {
    thread_local std::unordered_map<std::string, std::string> keys;
    thread_local std::string id;
    id.assign(lang_).push_back('\0');
    id.push_back(static_cast<char>('0' + static_cast<int>(type)));
    id += text;
    auto found = keys.find(id);
    if (found != keys.end()) return found->second;
    if (keys.size() >= kMaxNames) keys.clear();
    return keys.emplace(id, EntityKey(text, type, lang_)).first->second;
  }

 private:
  static constexpr size_t kMaxNames = 1 << 16;
  std::string_view lang_;
};

std::vector<Entity> TagEntities(std::string_view text, std::string_view lang, KeyMemo* keys,
                                std::vector<EntityMention>* mentions) {
  mentions->clear();
  std::vector<Entity> out;
  const NerTagger* tagger = NerTagger::Bundled(lang);
  if (tagger == nullptr || text.empty()) return out;
  tagger->Tag(text, mentions);
  out.reserve(mentions->size());
  for (const EntityMention& m : *mentions) {
    Entity e;
    e.start = m.start;
    e.end = m.end;
    e.type = m.type;
    e.text = MentionText(text, m.start, m.end);
    e.key = keys->Key(e.text, e.type);
    if (!e.key.empty()) out.push_back(std::move(e));
  }
  return out;
}

void AddEventSpans(const std::vector<TimeExpr>& dates,
                   std::set<std::pair<int32_t, int32_t>>* spans) {
  for (const TimeExpr& t : dates) {
    if (t.has_span && (t.type == "DATE" || t.type == "TIME")) {
      spans->emplace(t.first_day, t.last_day);
    }
  }
}

// Names the event finder took as actors that the tagger missed (a country or
// capital of the gazetteer at a sentence's start, "Kiev beschuldigde"; the
// capitalised words that open a sentence before its verb, "Het Openbaar
// Ministerie vervolgt"): each becomes an entity of its field, a place when
// the gazetteer placed it, else an organisation, so that every actor key is
// the key of an entity.
void AddActorEntities(FieldAnnotations* f) {
  std::set<std::string_view> keys;
  for (const Entity& e : f->entities) keys.insert(e.key);
  std::vector<Entity> added;
  for (Event& ev : f->events) {
    for (auto* actors : {&ev.sources, &ev.targets}) {
      for (EventActor& x : *actors) {
        if (x.key.empty() || keys.count(x.key) > 0) continue;
        const bool placed = std::any_of(f->places.begin(), f->places.end(), [&x](const Place& p) {
          return p.start == x.start && p.end == x.end;
        });
        const bool seen = std::any_of(added.begin(), added.end(), [&x](const Entity& e) {
          return e.start == x.start && e.end == x.end && e.key == x.key;
        });
        if (!seen) {
          const EntityType type = placed ? EntityType::kLoc : EntityType::kOrg;
          added.push_back(Entity{x.start, x.end, type, x.text, x.key});
        }
      }
    }
  }
  if (added.empty()) return;
  f->entities.insert(f->entities.end(), added.begin(), added.end());
  std::stable_sort(f->entities.begin(), f->entities.end(),
                   [](const Entity& a, const Entity& b) { return a.start < b.start; });
}

// Annotates title and text of one document; links short names across both fields.
Annotations AnnotateFields(std::string_view title, std::string_view text, std::string_view lang,
                           const Date& date) {
  Annotations a;
  std::vector<EntityMention> title_m, text_m;
  KeyMemo keys(lang);
  std::vector<Entity> title_e = TagEntities(title, lang, &keys, &title_m);
  std::vector<Entity> text_e = TagEntities(text, lang, &keys, &text_m);
  // Link short mentions to full names across the whole document, then split again.
  std::vector<Entity> all = text_e;
  all.insert(all.end(), title_e.begin(), title_e.end());
  LinkDocumentEntities(lang, &all);
  a.text.entities.assign(all.begin(), all.begin() + static_cast<ptrdiff_t>(text_e.size()));
  a.title.entities.assign(all.begin() + static_cast<ptrdiff_t>(text_e.size()), all.end());
  a.title.places = FindPlaces(title, lang, title_m);
  a.text.places = FindPlaces(text, lang, text_m);
  a.title.quotes = FindQuotes(title, lang, a.title.entities);
  a.text.quotes = FindQuotes(text, lang, a.text.entities);
  const std::vector<TimeExpr> title_d =
      title.empty() ? std::vector<TimeExpr>() : FindDates(title, lang, date);
  const std::vector<TimeExpr> text_d =
      text.empty() ? std::vector<TimeExpr>() : FindDates(text, lang, date);
  a.title.events = FindEvents(title, lang, a.title.entities, a.title.places, title_d, date);
  a.text.events = FindEvents(text, lang, a.text.entities, a.text.places, text_d, date);
  AddActorEntities(&a.title);
  AddActorEntities(&a.text);
  std::set<std::pair<int32_t, int32_t>> spans;
  AddEventSpans(title_d, &spans);
  AddEventSpans(text_d, &spans);
  a.event_spans.assign(spans.begin(), spans.end());
  return a;
}

void PutZigzag(std::string* out, int64_t v) {
  util::PutVarint(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}

bool GetZigzag(const char** p, const char* end, int64_t* v) {
  uint64_t u;
  if (!util::GetVarint(p, end, &u)) return false;
  *v = static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
  return true;
}

void EncodeField(const FieldAnnotations& f, std::string* out) {
  util::PutVarint(out, f.entities.size());
  for (const Entity& e : f.entities) {
    util::PutVarint(out, e.start);
    util::PutVarint(out, e.end - e.start);
    out->push_back(static_cast<char>(e.type));
    util::PutLengthPrefixed(out, e.key);
  }
  util::PutVarint(out, f.places.size());
  for (const Place& p : f.places) {
    util::PutVarint(out, p.start);
    util::PutVarint(out, p.end - p.start);
    PutZigzag(out, p.geonames_id);
    for (const std::string* s : {&p.name, &p.country, &p.admin1, &p.feature, &p.why}) {
      util::PutLengthPrefixed(out, *s);
    }
    PutZigzag(out, std::llround(p.lat * kCoordScale));
    PutZigzag(out, std::llround(p.lon * kCoordScale));
    out->push_back(static_cast<char>(PrecisionCode(p.precision)));
    util::PutVarint(out, static_cast<uint64_t>(std::llround(std::max(0.0, p.radius_km) * 10)));
  }
}

void EncodeQuotes(const FieldAnnotations& f, std::string* out) {
  util::PutVarint(out, f.quotes.size());
  for (const Quote& q : f.quotes) {
    util::PutVarint(out, q.start);
    util::PutVarint(out, q.end - q.start);
    out->push_back(static_cast<char>(q.kind));
    util::PutVarint(out, q.speaker_start);
    util::PutVarint(out, q.speaker_end - q.speaker_start);
    util::PutLengthPrefixed(out, q.speaker_key);
  }
}

void PutSpan(std::string* out, uint32_t start, uint32_t end) {
  util::PutVarint(out, start);
  util::PutVarint(out, end - start);
}

void EncodeActors(const std::vector<EventActor>& actors, std::string* out) {
  util::PutVarint(out, actors.size());
  for (const EventActor& a : actors) {
    PutSpan(out, a.start, a.end);
    for (const std::string* s : {&a.key, &a.country, &a.group}) util::PutLengthPrefixed(out, *s);
  }
}

// The place of an event is one of the field's places: stored as its index + 1 (0: none).
uint64_t PlaceRef(const FieldAnnotations& f, const Event& e) {
  if (!e.has_place) return 0;
  for (size_t i = 0; i < f.places.size(); ++i) {
    const Place& p = f.places[i];
    if (p.start == e.place.start && p.end == e.place.end && p.geonames_id == e.place.geonames_id) {
      return i + 1;
    }
  }
  return 0;
}

void EncodeEvents(const FieldAnnotations& f, std::string* out) {
  util::PutVarint(out, f.events.size());
  for (const Event& e : f.events) {
    PutSpan(out, e.start, e.end);
    PutSpan(out, e.trigger_start, e.trigger_end);
    util::PutLengthPrefixed(out, e.type);
    util::PutLengthPrefixed(out, e.mode);
    EncodeActors(e.sources, out);
    EncodeActors(e.targets, out);
    util::PutVarint(out, PlaceRef(f, e));
    const EventDate& d = e.date;
    PutSpan(out, d.start, d.end);
    for (const std::string* s : {&d.value, &d.precision, &d.rule}) util::PutLengthPrefixed(out, *s);
    out->push_back(static_cast<char>(d.has_span ? 1 : 0));
    PutZigzag(out, d.first_day);
    PutZigzag(out, d.last_day);
    out->push_back(static_cast<char>(e.modality));
    PutZigzag(out, e.fatalities);
    PutSpan(out, e.number_start, e.number_end);
  }
}

// Reads a [start, start+len) span that must lie inside a field of `size` bytes.
bool GetSpan(const char** p, const char* end, size_t size, uint32_t* start, uint32_t* stop) {
  uint64_t s, n;
  if (!util::GetVarint(p, end, &s) || !util::GetVarint(p, end, &n)) return false;
  if (s > size || n > size - s) return false;
  *start = static_cast<uint32_t>(s);
  *stop = static_cast<uint32_t>(s + n);
  return true;
}

bool DecodeEntities(const char** p, const char* end, std::string_view field,
                    std::vector<Entity>* out) {
  uint64_t n;
  if (!util::GetVarint(p, end, &n) || n > static_cast<uint64_t>(end - *p)) return false;
  out->resize(n);
  for (Entity& e : *out) {
    std::string_view key;
    if (!GetSpan(p, end, field.size(), &e.start, &e.end) || *p >= end) return false;
    const auto type = static_cast<uint8_t>(*(*p)++);
    if (type > static_cast<uint8_t>(EntityType::kMisc)) return false;
    e.type = static_cast<EntityType>(type);
    if (!util::GetLengthPrefixed(p, end, &key)) return false;
    e.key = key;
    e.text = MentionText(field, e.start, e.end);
  }
  return true;
}

bool DecodePlaces(const char** p, const char* end, std::string_view field,
                  std::vector<Place>* out) {
  uint64_t n;
  if (!util::GetVarint(p, end, &n) || n > static_cast<uint64_t>(end - *p)) return false;
  out->resize(n);
  for (Place& pl : *out) {
    if (!GetSpan(p, end, field.size(), &pl.start, &pl.end)) return false;
    int64_t lat, lon;
    uint64_t radius;
    std::string_view s[5];
    if (!GetZigzag(p, end, &pl.geonames_id)) return false;
    for (auto& x : s) {
      if (!util::GetLengthPrefixed(p, end, &x)) return false;
    }
    if (!GetZigzag(p, end, &lat) || !GetZigzag(p, end, &lon) || *p >= end) return false;
    const auto prec = static_cast<uint8_t>(*(*p)++);
    if (prec > 3 || !util::GetVarint(p, end, &radius)) return false;
    pl.name = s[0];
    pl.country = s[1];
    pl.admin1 = s[2];
    pl.feature = s[3];
    pl.why = s[4];
    pl.lat = static_cast<double>(lat) / kCoordScale;
    pl.lon = static_cast<double>(lon) / kCoordScale;
    pl.precision = kPrecisions[prec];
    pl.radius_km = static_cast<double>(radius) / 10;
    pl.text = MentionText(field, pl.start, pl.end);
  }
  return true;
}

bool DecodeQuotes(const char** p, const char* end, std::string_view field,
                  std::vector<Quote>* out) {
  uint64_t n;
  if (!util::GetVarint(p, end, &n) || n > static_cast<uint64_t>(end - *p)) return false;
  out->resize(n);
  for (Quote& q : *out) {
    std::string_view key;
    if (!GetSpan(p, end, field.size(), &q.start, &q.end) || *p >= end) return false;
    const auto kind = static_cast<uint8_t>(*(*p)++);
    if (kind > static_cast<uint8_t>(QuoteKind::kIndirect)) return false;
    q.kind = static_cast<QuoteKind>(kind);
    if (!GetSpan(p, end, field.size(), &q.speaker_start, &q.speaker_end)) return false;
    if (!util::GetLengthPrefixed(p, end, &key)) return false;
    q.speaker_key = key;
    q.text = MentionText(field, q.start, q.end);
    q.speaker = MentionText(field, q.speaker_start, q.speaker_end);
  }
  return true;
}

bool DecodeActors(const char** p, const char* end, std::string_view field,
                  std::vector<EventActor>* out) {
  uint64_t n;
  if (!util::GetVarint(p, end, &n) || n > static_cast<uint64_t>(end - *p)) return false;
  out->resize(n);
  for (EventActor& a : *out) {
    std::string_view s[3];
    if (!GetSpan(p, end, field.size(), &a.start, &a.end)) return false;
    for (auto& x : s) {
      if (!util::GetLengthPrefixed(p, end, &x)) return false;
    }
    a.key = s[0];
    a.country = s[1];
    a.group = s[2];
    a.text = MentionText(field, a.start, a.end);
  }
  return true;
}

bool DecodeEventDate(const char** p, const char* end, std::string_view field, EventDate* d) {
  std::string_view s[3];
  int64_t first, last;
  if (!GetSpan(p, end, field.size(), &d->start, &d->end)) return false;
  for (auto& x : s) {
    if (!util::GetLengthPrefixed(p, end, &x)) return false;
  }
  if (*p >= end || static_cast<uint8_t>(**p) > 1) return false;
  d->has_span = *(*p)++ == 1;
  if (!GetZigzag(p, end, &first) || !GetZigzag(p, end, &last)) return false;
  if (first < INT32_MIN || first > INT32_MAX || last < INT32_MIN || last > INT32_MAX) return false;
  d->value = s[0];
  d->precision = s[1];
  d->rule = s[2];
  d->first_day = static_cast<int32_t>(first);
  d->last_day = static_cast<int32_t>(last);
  d->text = MentionText(field, d->start, d->end);
  return true;
}

bool DecodeEvents(const char** p, const char* end, std::string_view field,
                  const std::vector<Place>& places, std::vector<Event>* out) {
  uint64_t n;
  if (!util::GetVarint(p, end, &n) || n > static_cast<uint64_t>(end - *p)) return false;
  out->resize(n);
  for (Event& e : *out) {
    std::string_view type, mode;
    uint64_t place;
    if (!GetSpan(p, end, field.size(), &e.start, &e.end) ||
        !GetSpan(p, end, field.size(), &e.trigger_start, &e.trigger_end) ||
        !util::GetLengthPrefixed(p, end, &type) || !util::GetLengthPrefixed(p, end, &mode) ||
        !DecodeActors(p, end, field, &e.sources) || !DecodeActors(p, end, field, &e.targets) ||
        !util::GetVarint(p, end, &place) || place > places.size() ||
        !DecodeEventDate(p, end, field, &e.date) || *p >= end) {
      return false;
    }
    const auto modality = static_cast<uint8_t>(*(*p)++);
    if (modality > static_cast<uint8_t>(EventModality::kNegated)) return false;
    e.modality = static_cast<EventModality>(modality);
    if (!GetZigzag(p, end, &e.fatalities) ||
        !GetSpan(p, end, field.size(), &e.number_start, &e.number_end)) {
      return false;
    }
    e.type = type;
    e.mode = mode;
    e.has_place = place > 0;
    if (e.has_place) e.place = places[place - 1];
    e.sentence = MentionText(field, e.start, e.end);
    e.trigger = MentionText(field, e.trigger_start, e.trigger_end);
  }
  return true;
}

// The tagged sections of format 2: tag (u8), payload length (varint), payload.
// Sections with unknown tags are skipped.
bool DecodeSections(const char** p, const char* end, std::string_view title, std::string_view text,
                    Annotations* out) {
  while (*p < end) {
    const auto tag = static_cast<uint8_t>(*(*p)++);
    uint64_t len;
    if (!util::GetVarint(p, end, &len) || len > static_cast<uint64_t>(end - *p)) return false;
    const char* q = *p;
    const char* stop = *p + len;
    *p = stop;
    if (tag == kQuotesSection) {
      if (!DecodeQuotes(&q, stop, title, &out->title.quotes) ||
          !DecodeQuotes(&q, stop, text, &out->text.quotes) || q != stop) {
        return false;
      }
    } else if (tag == kEventsSection) {
      if (!DecodeEvents(&q, stop, title, out->title.places, &out->title.events) ||
          !DecodeEvents(&q, stop, text, out->text.places, &out->text.events) || q != stop) {
        return false;
      }
    }
  }
  return true;
}

}  // namespace

std::string MentionText(std::string_view field, uint32_t start, uint32_t end) {
  std::string out;
  end = std::min<uint32_t>(end, static_cast<uint32_t>(field.size()));
  bool space = false;
  for (uint32_t i = start; i < end; ++i) {
    const char c = field[i];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

Annotations Annotate(const Document& doc) {
  return AnnotateFields(doc.title, doc.text, doc.lang, doc.date);
}

Annotations AnnotateText(std::string_view text, std::string_view lang, const Date& date) {
  return AnnotateFields({}, text, lang, date);
}

std::string EncodeAnnotations(const Annotations& a) {
  std::string out;
  out.push_back(static_cast<char>(kAnnotationsV2));
  EncodeField(a.title, &out);
  EncodeField(a.text, &out);
  std::string section;
  if (!a.title.quotes.empty() || !a.text.quotes.empty()) {
    EncodeQuotes(a.title, &section);
    EncodeQuotes(a.text, &section);
    out.push_back(static_cast<char>(kQuotesSection));
    util::PutLengthPrefixed(&out, section);
  }
  if (!a.title.events.empty() || !a.text.events.empty()) {
    section.clear();
    EncodeEvents(a.title, &section);
    EncodeEvents(a.text, &section);
    out.push_back(static_cast<char>(kEventsSection));
    util::PutLengthPrefixed(&out, section);
  }
  return out;
}

bool DecodeAnnotations(std::string_view in, std::string_view title, std::string_view text,
                       Annotations* out) {
  *out = Annotations();
  if (in.empty()) return true;
  const char* p = in.data();
  const char* end = p + in.size();
  const auto version = static_cast<uint8_t>(*p++);
  if (version != kAnnotationsV1 && version != kAnnotationsV2) return false;
  if (!DecodeEntities(&p, end, title, &out->title.entities) ||
      !DecodePlaces(&p, end, title, &out->title.places) ||
      !DecodeEntities(&p, end, text, &out->text.entities) ||
      !DecodePlaces(&p, end, text, &out->text.places)) {
    return false;
  }
  if (version == kAnnotationsV1) return p == end;
  return DecodeSections(&p, end, title, text, out) && p == end;
}

}  // namespace dateline
