// Hand-made events for the tests of `dateline events` and GET /api/events:
// articles written for these tests, with their events (and the places those
// name) stored as annotations by an in-process writer that runs no extractor,
// so the tests do not depend on what the event finder finds.
//
// The index: one wire story (wire-1) and its copy (wire-1-copy), two
// independent reports of the same shelling (indep-1: 12 dead; indep-2: Libya
// only, 5 dead), a shelling of another town the same day (misrata-1), a
// protest whose sentence holds commas and quotes and whose source name holds
// a line break (protest-1), and an accusation with no place (accuse-1).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/annotate.h"
#include "dateline/events.h"
#include "dateline/index.h"
#include "gtest/gtest.h"

namespace dateline::eventtest {

inline constexpr char kWireText[] =
    "Government troops shelled the town of Gharyan on Saturday, killing five civilians. "
    "The shelling began before dawn and lasted for several hours, residents said, as families "
    "fled towards the mountains south of the town. Hospital staff in the town said they had "
    "treated dozens of wounded people and were running short of medicine and fuel for the "
    "generators. Local officials appealed for a ceasefire so that the wounded could be taken "
    "to the capital, and aid agencies said convoys were waiting on the coast road for safe "
    "passage into the district.";

inline constexpr char kIndep1Text[] =
    "At least 12 people died when government troops shelled Gharyan on Saturday, according to "
    "a doctor at the local hospital.";

inline constexpr char kIndep2Text[] =
    "Five civilians were killed on Saturday in Libya when government troops shelled a town in "
    "the western mountains.";

inline constexpr char kMisrataText[] =
    "Government troops also shelled the port of Misrata on Saturday, officials said.";

inline constexpr char kProtestText[] =
    "Protesters in Tripoli chanted \"No war, no more\", and marched to the square on Sunday.";

inline constexpr char kAccuseText[] =
    "The Tripoli government accused the eastern forces of war crimes on Monday.";

// Offsets of the first `what` in `text` (at or after `from`).
inline std::pair<uint32_t, uint32_t> Find(std::string_view text, std::string_view what,
                                          size_t from = 0) {
  const size_t at = text.find(what, from);
  EXPECT_NE(at, std::string_view::npos) << what;
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + what.size())};
}

inline EventActor Actor(std::string_view text, std::string_view what, std::string key,
                        std::string group, std::string country = "LY") {
  EventActor a;
  std::tie(a.start, a.end) = Find(text, what);
  a.text = std::string(what);
  a.key = std::move(key);
  a.group = std::move(group);
  a.country = std::move(country);
  return a;
}

inline Place MakePlace(std::string_view text, std::string_view what, int64_t id, std::string name,
                       std::string country, double lat, double lon,
                       std::string precision = "exact") {
  Place p;
  std::tie(p.start, p.end) = Find(text, what);
  p.text = std::string(what);
  p.geonames_id = id;
  p.name = std::move(name);
  p.country = std::move(country);
  p.feature = precision == "country" ? "PCLI" : "PPL";
  p.lat = lat;
  p.lon = lon;
  p.precision = std::move(precision);
  p.why = "written for the test";
  return p;
}

inline EventDate Day(std::string_view text, std::string_view what, std::string iso) {
  EventDate d;
  std::tie(d.start, d.end) = Find(text, what);
  d.text = std::string(what);
  d.value = iso;
  d.precision = "day";
  d.rule = "test";
  d.has_span = true;
  d.first_day = d.last_day = Date::Parse(iso)->FirstDay();
  return d;
}

// An event of `text` whose sentence is the one holding `trigger`.
inline Event MakeEvent(std::string_view text, std::string type, std::string mode,
                       std::string_view trigger) {
  Event e;
  e.type = std::move(type);
  e.mode = std::move(mode);
  std::tie(e.trigger_start, e.trigger_end) = Find(text, trigger);
  const size_t dot = text.rfind(". ", e.trigger_start);
  e.start = dot == std::string_view::npos ? 0 : static_cast<uint32_t>(dot + 2);
  const size_t end = text.find('.', e.trigger_end);
  e.end = static_cast<uint32_t>(end == std::string_view::npos ? text.size() : end + 1);
  e.trigger = std::string(trigger);
  e.sentence = std::string(text.substr(e.start, e.end - e.start));
  return e;
}

inline void SetPlace(FieldAnnotations* f, Event* e, const Place& p) {
  f->places.push_back(p);
  e->has_place = true;
  e->place = p;
}

inline void SetDead(std::string_view text, std::string_view what, int64_t n, Event* e) {
  std::tie(e->number_start, e->number_end) = Find(text, what);
  e->fatalities = n;
}

inline Document Doc(std::string id, std::string date, std::string source, std::string title,
                    std::string text, const FieldAnnotations& f) {
  Document d;
  d.id = std::move(id);
  d.date = *Date::Parse(date);
  d.source = std::move(source);
  d.title = std::move(title);
  d.text = std::move(text);
  d.lang = "en";
  Annotations a;
  a.text = f;
  d.annotations = EncodeAnnotations(a);
  return d;
}

constexpr int64_t kGharyan = 2217362, kLibya = 2215636, kMisrata = 2214846, kTripoli = 2210247;

// The shelling of Gharyan as `text` tells it: `gharyan` is how the place is
// written ("" for none), `libya_only` places it in Libya as a country.
inline FieldAnnotations Shelling(std::string_view text, std::string_view trigger,
                                 std::string_view troops, std::string_view place, bool libya_only,
                                 std::string_view dead, int64_t n) {
  FieldAnnotations f;
  Event e = MakeEvent(text, "ASSAULT", "artillery", trigger);
  e.sources.push_back(Actor(text, troops, "", "state forces"));
  e.date = Day(text, "Saturday", "2019-04-06");
  if (libya_only) {
    SetPlace(&f, &e, MakePlace(text, place, kLibya, "Libya", "LY", 27.0, 17.0, "country"));
  } else if (!place.empty()) {
    SetPlace(&f, &e, MakePlace(text, place, kGharyan, "Gharyan", "LY", 32.1722, 13.0203));
  }
  SetDead(text, dead, n, &e);
  f.events.push_back(std::move(e));
  return f;
}

inline std::vector<Document> Articles() {
  std::vector<Document> docs;
  const FieldAnnotations wire =
      Shelling(kWireText, "shelled", "Government troops", "Gharyan", false, "five", 5);
  docs.push_back(
      Doc("wire-1", "2019-04-06", "Wire Agency", "Troops shell Gharyan", kWireText, wire));
  docs.push_back(
      Doc("wire-1-copy", "2019-04-06", "Daily Paper", "Five killed in Gharyan", kWireText, wire));
  docs.push_back(
      Doc("indep-1", "2019-04-07", "Other Times", "Twelve dead in Gharyan", kIndep1Text,
          Shelling(kIndep1Text, "shelled", "government troops", "Gharyan", false, "12", 12)));
  docs.push_back(
      Doc("indep-2", "2019-04-06", "Libya Observer", "Shelling in the mountains", kIndep2Text,
          Shelling(kIndep2Text, "shelled", "government troops", "Libya", true, "Five", 5)));
  FieldAnnotations misrata;
  Event m = MakeEvent(kMisrataText, "ASSAULT", "artillery", "shelled");
  m.sources.push_back(Actor(kMisrataText, "Government troops", "", "state forces"));
  m.date = Day(kMisrataText, "Saturday", "2019-04-06");
  SetPlace(&misrata, &m,
           MakePlace(kMisrataText, "Misrata", kMisrata, "Misrata", "LY", 32.3754, 15.0925));
  misrata.events.push_back(std::move(m));
  docs.push_back(
      Doc("misrata-1", "2019-04-06", "Other Times", "Misrata shelled", kMisrataText, misrata));
  FieldAnnotations protest;
  Event p = MakeEvent(kProtestText, "PROTEST", "demonstrate", "marched");
  p.sources.push_back(Actor(kProtestText, "Protesters", "", "protesters"));
  p.date = Day(kProtestText, "Sunday", "2019-03-10");
  SetPlace(&protest, &p,
           MakePlace(kProtestText, "Tripoli", kTripoli, "Tripoli", "LY", 32.8874, 13.1873));
  protest.events.push_back(std::move(p));
  docs.push_back(Doc("protest-1", "2019-03-10", "Radio\nFree, \"Tripoli\"", "March in Tripoli",
                     kProtestText, protest));
  FieldAnnotations accuse;
  Event a = MakeEvent(kAccuseText, "ACCUSE", "", "accused");
  a.sources.push_back(
      Actor(kAccuseText, "The Tripoli government", "tripoli government", "government"));
  a.targets.push_back(Actor(kAccuseText, "the eastern forces", "", "rebel group"));
  a.date = Day(kAccuseText, "Monday", "2019-02-04");
  accuse.events.push_back(std::move(a));
  docs.push_back(Doc("accuse-1", "2019-02-05", "Wire Agency", "Accusations", kAccuseText, accuse));
  return docs;
}

// Writes `docs` (with their annotations as they are) into a new index at `dir`.
inline void WriteIndex(const std::string& dir, std::vector<Document> docs) {
  IndexOptions o;
  o.annotate = false;  // keep the hand-made annotations
  o.find_stories = false;
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir, o, &w).ok());
  for (Document& d : docs) {
    bool replaced = false;
    ASSERT_TRUE(w->Add(std::move(d), &replaced).ok());
  }
  ASSERT_TRUE(w->Commit().ok());
}

}  // namespace dateline::eventtest
