// `dateline events` and the merging behind it (search::MergeEvents), on
// hand-made events (tests/events_test_util.h) so that nothing here depends on
// what the event finder finds; the tests named NeedsFinder* run the real
// finder through `dateline ingest` (doc/events.md).
#include <algorithm>
#include <random>

#include "cli_util.h"
#include "dateline/search.h"
#include "events_test_util.h"
#include "server/json_out.h"

namespace dateline::testing::cli {
namespace {

using eventtest::Articles;
using search::EventFilter;
using search::EventHit;
using search::EventReport;

// ---------------------------------------------------------------------------
// MergeEvents on reports made in memory.

EventReport Report(std::string id, std::string date, uint32_t copy_group, int64_t dead,
                   int64_t place = eventtest::kGharyan) {
  EventReport r;
  r.id = std::move(id);
  r.date = *Date::Parse(date);
  r.source = "source of " + r.id;
  r.field = "text";
  r.copy_group = copy_group;
  r.story = copy_group;
  r.event.type = "ASSAULT";
  r.event.sources.push_back(EventActor{0, 6, "troops", "", "LY", "state forces"});
  r.event.date.has_span = true;
  r.event.date.value = "2019-04-06";
  r.event.date.first_day = r.event.date.last_day = Date::Parse("2019-04-06")->FirstDay();
  r.event.fatalities = dead;
  if (place != 0) {
    r.event.has_place = true;
    r.event.place.geonames_id = place;
    r.event.place.country = "LY";
    r.event.place.precision = place == eventtest::kLibya ? "country" : "exact";
    r.event.place.name = std::to_string(place);
  }
  return r;
}

EventFilter All() {
  EventFilter f;
  f.limit = 100;
  return f;
}

TEST(MergeEvents, CopiesCountOnce) {
  const auto hits = search::MergeEvents(
      {Report("a", "2019-04-06", 1, 5), Report("a-copy", "2019-04-06", 1, 5)}, All());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].reports, 1u);
  EXPECT_EQ(hits[0].copies, 2u);
  ASSERT_EQ(hits[0].fatalities.size(), 1u);
  EXPECT_EQ(hits[0].fatalities[0].reports, 1u);
  EXPECT_EQ(hits[0].fatalities[0].docs, (std::vector<std::string>{"a", "a-copy"}));
}

TEST(MergeEvents, DisagreeingValuesAreKeptWithTheirDocuments) {
  // Two copies say 12, two independent reports say 5: 5 wins (2 reports to 1).
  const auto hits = search::MergeEvents(
      {Report("a", "2019-04-06", 1, 12), Report("a-copy", "2019-04-06", 1, 12),
       Report("b", "2019-04-07", 2, 5), Report("c", "2019-04-06", 3, 5, eventtest::kLibya)},
      All());
  ASSERT_EQ(hits.size(), 1u);
  const EventHit& h = hits[0];
  EXPECT_EQ(h.reports, 3u);
  EXPECT_EQ(h.copies, 4u);
  ASSERT_EQ(h.fatalities.size(), 2u);
  EXPECT_EQ(h.fatalities[0].value, "5");
  EXPECT_EQ(h.fatalities[0].reports, 2u);
  EXPECT_EQ(h.fatalities[0].docs, (std::vector<std::string>{"c", "b"}));
  EXPECT_EQ(h.fatalities[1].value, "12");
  EXPECT_EQ(h.fatalities[1].docs, (std::vector<std::string>{"a", "a-copy"}));
  ASSERT_EQ(h.places.size(), 2u);  // Gharyan (2 reports) before Libya (1)
  EXPECT_EQ(h.places[0].value, std::to_string(eventtest::kGharyan));
  EXPECT_EQ(h.places[1].value, std::to_string(eventtest::kLibya));
  EXPECT_EQ(h.places[1].docs, std::vector<std::string>{"c"});
  EXPECT_EQ(h.members[h.shown].id, "b");  // the only one that gives every shown value
}

TEST(MergeEvents, AHeadlineWithoutSourceOrDateJoinsItsArticle) {
  // The title "Shelling in Gharyan" names no actor and no day (dated by its
  // publication two days later); the text's event has both.
  const EventReport text = Report("a", "2019-04-08", 1, 5);  // the event on 2019-04-06
  EventReport title = Report("a", "2019-04-08", 1, -1);
  title.field = "title";
  title.event.sources.clear();
  title.event.date.rule = "publication date";
  title.event.date.first_day = title.event.date.last_day = title.date.FirstDay();
  const auto hits = search::MergeEvents({title, text}, All());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].reports, 1u);
  // Further apart than a report's lag, or with another named source: apart.
  title.event.date.first_day = title.event.date.last_day += 5;
  EXPECT_EQ(search::MergeEvents({title, text}, All()).size(), 2u);
}

TEST(MergeEvents, TiesGoToTheEarliestReport) {
  const auto hits = search::MergeEvents(
      {Report("late", "2019-04-07", 2, 12), Report("early", "2019-04-06", 1, 5)}, All());
  ASSERT_EQ(hits.size(), 1u);
  ASSERT_EQ(hits[0].fatalities.size(), 2u);
  EXPECT_EQ(hits[0].fatalities[0].value, "5");
  EXPECT_EQ(hits[0].members[0].id, "early");
}

TEST(MergeEvents, DifferentHappeningsStayApart) {
  std::vector<EventReport> v = {Report("a", "2019-04-06", 1, 5)};
  v.push_back(Report("other-type", "2019-04-06", 2, 5));
  v.back().event.type = "PROTEST";
  v.push_back(Report("other-actor", "2019-04-06", 3, 5));
  v.back().event.sources[0].key = "khalifa haftar";
  v.push_back(Report("other-town", "2019-04-06", 4, 5, eventtest::kMisrata));
  v.push_back(Report("days-later", "2019-04-10", 5, 5));
  v.back().event.date.first_day = v.back().event.date.last_day += 4;
  v.push_back(Report("other-group", "2019-04-06", 6, 5));
  v.back().event.sources[0].group = "rebel group";
  EXPECT_EQ(search::MergeEvents(v, All()).size(), v.size());
}

TEST(MergeEvents, StoriesDecideWhenBothHaveOne) {
  EventReport a = Report("a", "2019-04-06", 1, 5), b = Report("b", "2019-04-06", 2, 5);
  a.story_alone = b.story_alone = false;
  a.story = 10;
  b.story = 11;
  EXPECT_EQ(search::MergeEvents({a, b}, All()).size(), 2u);  // two stories
  b.story = 10;
  EXPECT_EQ(search::MergeEvents({a, b}, All()).size(), 1u);
  // Alone in its story: published within a day of the other is enough.
  EventReport c = Report("c", "2019-04-07", 3, 5), d = Report("d", "2019-04-09", 4, 5);
  EXPECT_EQ(search::MergeEvents({a, c}, All()).size(), 1u);
  EXPECT_EQ(search::MergeEvents({a, d}, All()).size(), 2u);
}

TEST(MergeEvents, AVagueReportJoinsTheBestSupportedEvent) {
  // Libya only fits both the Gharyan and the Misrata shelling: it joins the one
  // with more reports, whatever the input order.
  std::vector<EventReport> v = {Report("g1", "2019-04-06", 1, 5), Report("g2", "2019-04-06", 2, 5),
                                Report("m1", "2019-04-06", 3, 5, eventtest::kMisrata),
                                Report("ly", "2019-04-06", 4, 7, eventtest::kLibya)};
  std::mt19937 rng(7);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(v.begin(), v.end(), rng);
    const auto hits = search::MergeEvents(v, All());
    ASSERT_EQ(hits.size(), 2u);
    const EventHit& g = hits[0].copies == 3 ? hits[0] : hits[1];
    EXPECT_EQ(g.copies, 3u);
    EXPECT_EQ(out::EventsJson(hits), out::EventsJson(search::MergeEvents(v, All())));
  }
}

TEST(MergeEvents, Filters) {
  std::vector<EventReport> v = {Report("a", "2019-04-06", 1, 5),
                                Report("m", "2019-04-06", 2, 5, eventtest::kMisrata),
                                Report("none", "2019-03-01", 3, -1, 0)};
  v[1].event.targets.push_back(EventActor{0, 6, "Haftar", "khalifa haftar", "LY", ""});
  v[2].event.date.first_day = v[2].event.date.last_day = Date::Parse("2019-03-01")->FirstDay();
  EventFilter f = All();
  EXPECT_EQ(search::MergeEvents(v, f).size(), 3u);
  ASSERT_TRUE(search::MakeEventFilter("", "Libya", "", "--", &f).ok());
  EXPECT_EQ(f.country, "LY");
  EXPECT_EQ(search::MergeEvents(v, f).size(), 2u);  // "none" has no place
  f = All();
  ASSERT_TRUE(search::MakeEventFilter("", "", "khalifa haftar", "--", &f).ok());
  auto hits = search::MergeEvents(v, f);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].members[0].id, "m");
  f = All();
  f.from = Date::Parse("2019-04");
  EXPECT_EQ(search::MergeEvents(v, f).size(), 2u);
  f.to = Date::Parse("2019-04-05");
  EXPECT_EQ(search::MergeEvents(v, f).size(), 0u);
  f = All();
  f.limit = 1;
  hits = search::MergeEvents(v, f);
  ASSERT_EQ(hits.size(), 1u);  // the newest
  EXPECT_EQ(hits[0].last_day, Date::Parse("2019-04-06")->FirstDay());
}

TEST(MergeEvents, FilterInputErrors) {
  EventFilter f;
  Status s = search::MakeEventFilter("fight", "", "", "--", &f);
  ASSERT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("--type"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("ASSAULT"), std::string::npos) << s.message();
  EXPECT_TRUE(search::MakeEventFilter("assault", "", "", "--", &f).ok());
  EXPECT_EQ(f.type, "ASSAULT");
  s = search::MakeEventFilter("", "Atlantis", "", "", &f);
  ASSERT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("country"), std::string::npos) << s.message();
}

// ---------------------------------------------------------------------------
// The command, on an index written with the hand-made events.

class eventsCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new TempDir();
    index_ = *tmp_ / "index";
    eventtest::WriteIndex(index_, Articles());
  }
  static void TearDownTestSuite() { delete tmp_; }
  static RunResult Events(std::vector<std::string> args) {
    args.insert(args.begin(), {"events", "--index", index_});
    return Dl(args);
  }
  // The JSON array of `dateline events --json ARGS`.
  static simdjson::dom::array JsonEvents(Json* j) {
    EXPECT_TRUE(j->ok);
    simdjson::dom::array a;
    EXPECT_EQ(j->root.get(a), simdjson::SUCCESS);
    return a;
  }
  static TempDir* tmp_;
  static std::string index_;
};

TempDir* eventsCli::tmp_ = nullptr;
std::string eventsCli::index_;

// The merged Gharyan shelling of the JSON output.
simdjson::dom::element Shelling(simdjson::dom::array a) {
  for (auto e : a) {
    if (GetInt(e, "copies") == 4) return e;
  }
  ADD_FAILURE() << "no event with four documents";
  return a.at(0).value();
}

TEST_F(eventsCli, JsonMergesCopiesAndIndependentReports) {
  RunResult r = Events({"--json"});
  ASSERT_EQ(r.code, 0) << Describe(r);
  Json j(r.out);
  simdjson::dom::array a = JsonEvents(&j);
  ASSERT_EQ(a.size(), 4u) << r.out;                       // shelling, Misrata, protest, accusation
  EXPECT_EQ(GetStr(a.at(0).value(), "type"), "ASSAULT");  // newest first
  EXPECT_EQ(GetStr(a.at(3).value(), "type"), "ACCUSE");
  simdjson::dom::element e = Shelling(a);
  EXPECT_EQ(GetInt(e, "reports"), 3) << r.out;  // the wire story and its copy count once
  EXPECT_EQ(GetStr(e, "id"), "wire-1");         // the earliest that gives the shown values
  EXPECT_EQ(GetStr(e, "first_date"), "2019-04-06");
  EXPECT_EQ(GetInt(e, "fatalities"), 5);
  EXPECT_EQ(GetStr(e["place"], "name"), "Gharyan");  // two reports to one
  simdjson::dom::array fat = e["fatalities_values"].get_array();
  ASSERT_EQ(fat.size(), 2u);
  EXPECT_EQ(GetInt(fat.at(0).value(), "value"), 5);
  EXPECT_EQ(GetInt(fat.at(0).value(), "reports"), 2);
  EXPECT_EQ(fat.at(0).value()["docs"].get_array().size(), 3u);  // indep-2, wire-1, wire-1-copy
  EXPECT_EQ(GetInt(fat.at(1).value(), "value"), 12);
  std::string_view doc12;
  ASSERT_EQ(fat.at(1).value()["docs"].at(0).get(doc12), simdjson::SUCCESS);
  EXPECT_EQ(doc12, "indep-1");
  simdjson::dom::array places = e["place_values"].get_array();
  ASSERT_EQ(places.size(), 2u);
  EXPECT_EQ(GetStr(places.at(1).value()["value"], "name"), "Libya");
  for (auto ev : e["evidence"].get_array()) EXPECT_EQ(GetStr(ev, "id"), "wire-1");
  EXPECT_EQ(e["sources"].get_array().size(), 4u);
  EXPECT_EQ(GetStr(e["sources"].at(1).value(), "copy_of"), "wire-1");
}

TEST_F(eventsCli, JsonEvidenceNamesEverySpan) {
  Json j(Events({"--json", "--type", "protest"}).out);
  simdjson::dom::array a = JsonEvents(&j);
  ASSERT_EQ(a.size(), 1u);
  simdjson::dom::element e = a.at(0).value();
  EXPECT_EQ(GetStr(e, "mode"), "demonstrate");
  EXPECT_EQ(GetStr(e, "modality"), "asserted");
  EXPECT_TRUE(e["fatalities"].is_null());
  EXPECT_EQ(GetStr(e["trigger"], "text"), "marched");
  EXPECT_EQ(GetStr(e["date"], "value"), "2019-03-10");
  EXPECT_EQ(GetStr(e["actors"].at(0).value(), "role"), "source");
  EXPECT_EQ(GetStr(e["actors"].at(0).value(), "group"), "protesters");
  std::vector<std::string> attrs;
  const std::string text = eventtest::kProtestText;
  for (auto ev : e["evidence"].get_array()) {
    attrs.push_back(GetStr(ev, "attribute"));
    EXPECT_EQ(GetStr(ev, "id"), "protest-1");
    EXPECT_EQ(GetStr(ev, "field"), "text");
    const auto start = GetInt(ev, "start"), end = GetInt(ev, "end");
    EXPECT_EQ(text.substr(start, end - start), GetStr(ev, "text"));
  }
  EXPECT_EQ(attrs, (std::vector<std::string>{"trigger", "source", "place", "date"}));
}

TEST_F(eventsCli, Filters) {
  auto count = [](const RunResult& r) {
    Json j(r.out);
    EXPECT_TRUE(j.ok) << Describe(r);
    return j.ok ? j.root.get_array().size() : 0;
  };
  EXPECT_EQ(count(Events({"--json", "--type", "Assault"})), 2u);
  EXPECT_EQ(count(Events({"--json", "--country", "Libya"})), 3u);  // not the accusation
  EXPECT_EQ(count(Events({"--json", "--country", "LY", "--type", "ACCUSE"})), 0u);
  EXPECT_EQ(count(Events({"--json", "--actor", "tripoli government"})), 1u);
  EXPECT_EQ(count(Events({"--json", "--from", "2019-04-06", "--to", "2019-04-06"})), 2u);
  EXPECT_EQ(count(Events({"--json", "--from", "2019-03"})), 3u);
  EXPECT_EQ(count(Events({"--json", "--to", "2019-02"})), 1u);
  EXPECT_EQ(count(Events({"--json", "--limit", "1"})), 1u);
  EXPECT_EQ(count(Events({"--json", "Misrata"})), 1u);  // the query selects documents
  EXPECT_EQ(count(Events({"--json", "Gharyan"})), 1u);
}

// Parses RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks)
// into rows of fields; false when a quote is left open or stray.
bool ParseCsv(const std::string& in, std::vector<std::vector<std::string>>* rows) {
  std::vector<std::string> row(1);
  bool quoted = false;
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (quoted) {
      if (c != '"') {
        row.back() += c;
      } else if (i + 1 < in.size() && in[i + 1] == '"') {
        row.back() += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      if (!row.back().empty()) return false;
      quoted = true;
    } else if (c == ',') {
      row.emplace_back();
    } else if (c == '\n') {
      rows->push_back(std::move(row));
      row.assign(1, "");
    } else {
      row.back() += c;
    }
  }
  return !quoted && row.size() == 1 && row[0].empty();
}

// The field of `column` in `row`, by the header's names.
std::string Field(const std::vector<std::vector<std::string>>& rows, size_t row,
                  const std::string& column) {
  const auto& h = rows[0];
  const size_t i = std::find(h.begin(), h.end(), column) - h.begin();
  return i < rows[row].size() ? rows[row][i] : "<missing>";
}

TEST_F(eventsCli, CsvHasAcledColumnsAndQuotes) {
  RunResult r = Events({"--csv"});
  ASSERT_EQ(r.code, 0) << Describe(r);
  const std::string header =
      "event_date,time_precision,event_type,sub_event_type,actor1,actor2,location,latitude,"
      "longitude,geo_precision,sources,notes,plover_type,mode,modality,fatalities,reports,"
      "doc_ids\n";
  ASSERT_EQ(r.out.substr(0, header.size()), header);
  // The protest's sentence holds commas and quotes, its source a line break.
  EXPECT_NE(r.out.find("\"Radio\nFree, \"\"Tripoli\"\"\""), std::string::npos) << r.out;
  std::vector<std::vector<std::string>> rows;
  ASSERT_TRUE(ParseCsv(r.out, &rows)) << r.out;
  ASSERT_EQ(rows.size(), 5u) << r.out;
  for (const auto& row : rows) EXPECT_EQ(row.size(), 18u);
  // Newest first: the shelling of Gharyan, with its main values and every source.
  EXPECT_EQ(Field(rows, 1, "event_date"), "2019-04-06");
  EXPECT_EQ(Field(rows, 1, "time_precision"), "1");
  EXPECT_EQ(Field(rows, 1, "actor1"), "Government troops");
  EXPECT_EQ(Field(rows, 1, "notes"), std::string(eventtest::kWireText).substr(0, 82));
  EXPECT_EQ(Field(rows, 1, "location"), "Gharyan");
  EXPECT_EQ(Field(rows, 1, "latitude"), "32.17220");
  EXPECT_EQ(Field(rows, 1, "longitude"), "13.02030");
  EXPECT_EQ(Field(rows, 1, "geo_precision"), "1");
  EXPECT_EQ(Field(rows, 1, "sources"), "Libya Observer; Wire Agency; Daily Paper; Other Times");
  EXPECT_EQ(Field(rows, 1, "plover_type"), "ASSAULT");
  EXPECT_EQ(Field(rows, 1, "mode"), "artillery");
  EXPECT_EQ(Field(rows, 1, "modality"), "asserted");
  EXPECT_EQ(Field(rows, 1, "fatalities"), "5");
  EXPECT_EQ(Field(rows, 1, "reports"), "3");
  EXPECT_EQ(Field(rows, 1, "doc_ids"), "indep-2; wire-1; wire-1-copy; indep-1");
  EXPECT_EQ(Field(rows, 3, "notes"), eventtest::kProtestText);
  EXPECT_EQ(Field(rows, 3, "sources"), "Radio\nFree, \"Tripoli\"");
  EXPECT_EQ(Field(rows, 3, "fatalities"), "");
  // The accusation: two actors, no place, no coordinates.
  EXPECT_EQ(Field(rows, 4, "actor1"), "The Tripoli government");
  EXPECT_EQ(Field(rows, 4, "actor2"), "the eastern forces");
  EXPECT_EQ(
      Field(rows, 4, "location") + Field(rows, 4, "latitude") + Field(rows, 4, "geo_precision"),
      "");
}

// Stored sentences have their line breaks made spaces; any other text is quoted as is.
TEST(EventsCsv, QuotesLineBreaksCommasAndQuotes) {
  EventReport r = Report("a,b", "2019-04-06", 1, 5);
  r.event.sentence = "Line one,\n\"two\"\r\nthree";
  r.event.sources[0].text = "say \"hi\"";
  r.source = "plain";
  const std::string csv = out::EventsCsv(search::MergeEvents({r}, All()));
  std::vector<std::vector<std::string>> rows;
  ASSERT_TRUE(ParseCsv(csv, &rows)) << csv;
  ASSERT_EQ(rows.size(), 2u) << csv;
  EXPECT_EQ(Field(rows, 1, "notes"), "Line one,\n\"two\"\r\nthree");
  EXPECT_EQ(Field(rows, 1, "actor1"), "say \"hi\"");
  EXPECT_EQ(Field(rows, 1, "doc_ids"), "a,b");
  EXPECT_EQ(Field(rows, 1, "sources"), "plain");
  EXPECT_NE(csv.find(",\"a,b\"\n"), std::string::npos) << csv;
}

TEST_F(eventsCli, GeoJsonSkipsEventsWithoutCoordinates) {
  RunResult r = Events({"--geojson"});
  ASSERT_EQ(r.code, 0) << Describe(r);
  Json j(r.out);
  ASSERT_TRUE(j.ok) << r.out;
  EXPECT_EQ(GetStr(j.root, "type"), "FeatureCollection");
  EXPECT_EQ(GetInt(j.root, "skipped"), 1);
  simdjson::dom::array f = j.root["features"].get_array();
  ASSERT_EQ(f.size(), 3u);
  for (auto feature : f) {
    EXPECT_EQ(GetStr(feature["geometry"], "type"), "Point");
    EXPECT_EQ(feature["geometry"]["coordinates"].get_array().size(), 2u);
    EXPECT_EQ(GetStr(feature["properties"], "event_date").size(), 10u);
    EXPECT_TRUE(HasKey(feature["properties"], "doc_ids"));
  }
  double lon = 0;
  ASSERT_EQ(f.at(0).value()["geometry"]["coordinates"].at(0).get(lon), simdjson::SUCCESS);
  EXPECT_NEAR(lon, 13.0203, 1e-4);  // the shelling of Gharyan, the newest
  EXPECT_EQ(GetInt(f.at(0).value()["properties"], "reports"), 3);
}

TEST_F(eventsCli, Table) {
  RunResult r = Events({});
  ASSERT_EQ(r.code, 0) << Describe(r);
  const auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 5u) << r.out;
  EXPECT_EQ(lines[0].substr(0, 4), "date");
  EXPECT_NE(lines[1].find("ASSAULT/artillery"), std::string::npos) << r.out;
  EXPECT_NE(lines[1].find("Gharyan"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Protesters in Tripoli chanted"), std::string::npos) << r.out;
}

TEST_F(eventsCli, ShowJsonListsTheStoredEvents) {
  RunResult r = Dl({"show", "--index", index_, "--json", "indep-1"});
  ASSERT_EQ(r.code, 0) << Describe(r);
  Json j(r.out);
  ASSERT_TRUE(j.ok) << r.out;
  simdjson::dom::array events;
  ASSERT_EQ(j.root["events"].get(events), simdjson::SUCCESS) << r.out;
  ASSERT_EQ(events.size(), 1u);
  simdjson::dom::element e = events.at(0).value();
  EXPECT_EQ(GetStr(e, "field"), "text");
  EXPECT_EQ(GetInt(e, "fatalities"), 12);
  const std::string text = eventtest::kIndep1Text;
  EXPECT_EQ(text.substr(GetInt(e, "fatalities_start"), 2), "12");
  EXPECT_EQ(GetStr(e["place"], "country"), "LY");
  bool number = false;
  for (auto ev : e["evidence"].get_array()) {
    EXPECT_FALSE(HasKey(ev, "id"));  // one document: no id
    if (GetStr(ev, "attribute") == "fatalities") number = GetStr(ev, "text") == "12";
  }
  EXPECT_TRUE(number) << r.out;
}

TEST_F(eventsCli, BadInput) {
  RunResult r = Events({"--type", "battle"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--type: unknown event type 'battle'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ASSAULT"), std::string::npos) << r.err;
  EXPECT_EQ(Lines(r.err).size(), 1u) << r.err;
  r = Events({"--from", "last week"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--from"), std::string::npos) << r.err;
  EXPECT_EQ(Events({"--to", "2019-02-30"}).code, 2);
  EXPECT_EQ(Events({"--country", "Atlantis"}).code, 2);
  EXPECT_EQ(Events({"--limit", "many"}).code, 2);
  EXPECT_EQ(Events({"--json", "--csv"}).code, 2);
  EXPECT_EQ(Events({"--csv", "--geojson"}).code, 2);
  EXPECT_EQ(Events({"(unclosed"}).code, 2);
  EXPECT_EQ(Dl({"events", "--index", *tmp_ / "none"}).code, 1);
}

TEST(eventsCliEmpty, EmptyIndexAndNoEvents) {
  TempDir tmp;
  const std::string index = tmp / "index";
  eventtest::WriteIndex(index, {});
  RunResult r = Dl({"events", "--index", index, "--json"});
  ASSERT_EQ(r.code, 0) << Describe(r);
  EXPECT_EQ(r.out, "[]\n");
  r = Dl({"events", "--index", index, "--csv"});
  EXPECT_EQ(Lines(r.out).size(), 1u) << r.out;
  r = Dl({"events", "--index", index, "--geojson"});
  EXPECT_EQ(r.out, "{\"type\":\"FeatureCollection\",\"features\":[],\"skipped\":0}\n");
}

// ---------------------------------------------------------------------------
// Through `dateline ingest`: the structure of every format on real text, then
// what the finder finds in it (the headline's event and the text's are one).

const char kIngested[] =
    R"({"id":"gharyan-1","date":"2019-04-08","lang":"en","title":"Shelling in Gharyan","text":"Government troops shelled the town of Gharyan on Saturday, killing five civilians."}
)";

class eventsIngested : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(tmp_ / "a.jsonl", kIngested);
    RunResult r = Dl({"ingest", "-q", "--index", tmp_ / "index", tmp_ / "a.jsonl"});
    ASSERT_EQ(r.code, 0) << Describe(r);
  }
  RunResult Events(const std::string& format) {
    return Dl({"events", "--index", tmp_ / "index", format});
  }
  TempDir tmp_;
};

TEST_F(eventsIngested, EveryFormatIsWellFormed) {
  RunResult r = Events("--json");
  ASSERT_EQ(r.code, 0) << Describe(r);
  Json j(r.out);
  ASSERT_TRUE(j.ok && j.root.is_array()) << r.out;
  r = Events("--csv");
  ASSERT_EQ(r.code, 0) << Describe(r);
  EXPECT_EQ(r.out.rfind("event_date,time_precision,", 0), 0u) << r.out;
  r = Events("--geojson");
  Json g(r.out);
  ASSERT_TRUE(g.ok) << r.out;
  EXPECT_EQ(GetStr(g.root, "type"), "FeatureCollection");
  EXPECT_TRUE(HasKey(g.root, "skipped"));
  r = Dl({"show", "--index", tmp_ / "index", "--json", "gharyan-1"});
  Json s(r.out);
  ASSERT_TRUE(s.ok) << r.out;
  EXPECT_TRUE(s.root["events"].is_array()) << r.out;
}

TEST_F(eventsIngested, FindsTheShellingOfGharyanOnce) {
  Json j(Events("--json").out);
  ASSERT_TRUE(j.ok);
  simdjson::dom::array a = j.root.get_array();
  ASSERT_EQ(a.size(), 1u) << j.root;
  simdjson::dom::element e = a.at(0).value();
  EXPECT_EQ(GetStr(e, "type"), "ASSAULT");
  EXPECT_EQ(GetInt(e, "fatalities"), 5);
  EXPECT_EQ(GetStr(e["place"], "name"), "Gharyan");
  EXPECT_EQ(GetStr(e["date"], "value"), "2019-04-06");
  EXPECT_EQ(GetStr(e["actors"].at(0).value(), "text"), "Government troops");
  RunResult csv = Events("--csv");
  EXPECT_NE(csv.out.find("2019-04-06,1,"), std::string::npos) << csv.out;
}

}  // namespace
}  // namespace dateline::testing::cli
