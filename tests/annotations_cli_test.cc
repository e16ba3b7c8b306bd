// End-to-end tests of the extractors through the CLI: entities and places in
// `show --json`, the person:/org:/place:/country:/near:/event-date: filters,
// `dateline entities`, `dateline places` and `dateline extract` on plain text.
// The index is the bundled sample corpus (articles written for this project).
#include <set>

#include "cli_util.h"

namespace dateline::testing::cli {
namespace {

const std::string kSample = std::string(DL_SOURCE_DIR) + "/sample";

class annotationsCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new TempDir();
    index_ = *tmp_ / "index";
    plain_ = *tmp_ / "plain";
    RunResult r = Dl({"ingest", "-q", "--index", index_, kSample + "/text", kSample + "/jsonl"});
    if (r.code != 0) ADD_FAILURE() << Describe(r);
    r = Dl({"ingest", "-q", "--no-extract", "--index", plain_, kSample + "/text"});
    if (r.code != 0) ADD_FAILURE() << Describe(r);
  }
  static void TearDownTestSuite() { delete tmp_; }

  // Ids matching a query (all of them).
  static std::set<std::string> Ids(const std::string& query, const std::string& index = "") {
    RunResult r = Dl(
        {"search", "--index", index.empty() ? index_ : index, "--json", "--limit", "500", query});
    std::set<std::string> ids;
    if (r.code != 0) {
      ADD_FAILURE() << query << ": " << Describe(r);
      return ids;
    }
    Json j(r.out);
    simdjson::dom::array hits;
    if (!j.ok || j.root["hits"].get(hits) != simdjson::SUCCESS) {
      ADD_FAILURE() << "bad output: " << r.out;
      return ids;
    }
    for (auto h : hits) ids.insert(GetStr(h, "id"));
    return ids;
  }

  static TempDir* tmp_;
  static std::string index_, plain_;
};

TempDir* annotationsCli::tmp_ = nullptr;
std::string annotationsCli::index_, annotationsCli::plain_;

TEST_F(annotationsCli, PersonFilterFindsEverySpellingAndLanguage) {
  const auto haftar = Ids("person:Haftar");
  EXPECT_GE(haftar.size(), 10u);
  std::set<std::string> langs;
  RunResult r = Dl({"search", "--index", index_, "--json", "--limit", "500", "person:Haftar"});
  Json j(r.out);
  for (auto h : j.root["hits"].get_array()) langs.insert(GetStr(h, "lang"));
  EXPECT_GE(langs.size(), 4u) << r.out.substr(0, 500);
  // A spelling variant of the full name finds the same documents as the full name.
  EXPECT_EQ(Ids("person:\"Khalifa Hafter\""), Ids("person:\"Khalifa Haftar\""));
  EXPECT_FALSE(Ids("person:\"Khalifa Haftar\"").empty());
  // A name nobody in the corpus has.
  EXPECT_TRUE(Ids("person:\"Napoleon Bonaparte\"").empty());
}

TEST_F(annotationsCli, PersonFilterMeetsMiddleNames) {
  const std::string file = *tmp_ / "middle.jsonl";
  const std::string index = *tmp_ / "middle-index";
  WriteFile(file,
            "{\"id\":\"m1\",\"date\":\"2024-03-01\",\"lang\":\"en\",\"text\":\"Prime Minister "
            "Anthony Norman Albanese met the delegation in Canberra on Friday.\"}\n"
            "{\"id\":\"m2\",\"date\":\"2024-03-02\",\"lang\":\"en\",\"text\":\"Anthony Albanese "
            "said on Saturday that the budget would be presented in May.\"}\n"
            "{\"id\":\"m3\",\"date\":\"2024-03-03\",\"lang\":\"en\",\"text\":\"Anthony Smith "
            "said the weather in Sydney was fine.\"}\n");
  RunResult r = Dl({"ingest", "-q", "--index", index, file});
  ASSERT_EQ(r.code, 0) << Describe(r);
  // The short name finds the long one and the long one the short one; another
  // person with the same first name is not found.
  const std::set<std::string> both = {"m1", "m2"};
  EXPECT_EQ(Ids("person:\"Anthony Albanese\"", index), both);
  EXPECT_EQ(Ids("person:\"Anthony Norman Albanese\"", index), both);
  EXPECT_EQ(Ids("person:\"Anthony Smith\"", index), std::set<std::string>{"m3"});
}

TEST_F(annotationsCli, WithoutExtractionTheFiltersFindNothing) {
  EXPECT_TRUE(Ids("person:Haftar", plain_).empty());
  EXPECT_FALSE(Ids("Haftar", plain_).empty());
  RunResult r = Dl({"show", "--json", "--index", plain_, "nl/luchtaanval-al-aziziya.txt"});
  ASSERT_EQ(r.code, 0) << Describe(r);
  Json j(r.out);
  ASSERT_TRUE(j.ok);
  EXPECT_EQ(j.root["entities"].get_array().size(), 0u);
}

TEST_F(annotationsCli, ShowListsEntitiesWithOffsetsIntoTheField) {
  // A Dutch document where Haftar is tagged as a person.
  RunResult list =
      Dl({"search", "--index", index_, "--json", "--limit", "50", "person:Haftar", "lang:nl"});
  Json lj(list.out);
  ASSERT_TRUE(lj.ok) << Describe(list);
  std::string id;
  for (auto h : lj.root["hits"].get_array()) id = GetStr(h, "id");
  ASSERT_FALSE(id.empty()) << list.out;
  RunResult r = Dl({"show", "--json", "--index", index_, id});
  ASSERT_EQ(r.code, 0) << Describe(r);
  Json j(r.out);
  ASSERT_TRUE(j.ok);
  const std::string text = GetStr(j.root, "text");
  const std::string title = GetStr(j.root, "title");
  bool haftar = false;  // at least one mention of Haftar is tagged as a person
  for (auto e : j.root["entities"].get_array()) {
    const std::string field = GetStr(e, "field");
    const std::string& f = field == "title" ? title : text;
    const int64_t start = GetInt(e, "start"), end = GetInt(e, "end");
    ASSERT_LE(0, start);
    ASSERT_LE(start, end);
    ASSERT_LE(end, static_cast<int64_t>(f.size()));
    std::string span = f.substr(start, end - start);
    for (char& c : span) c = c == '\n' ? ' ' : c;
    EXPECT_EQ(span, GetStr(e, "text"));
    EXPECT_FALSE(GetStr(e, "key").empty());
    if (GetStr(e, "text").find("Haftar") != std::string::npos && GetStr(e, "type") == "PER") {
      haftar = true;
    }
  }
  EXPECT_TRUE(haftar) << r.out.substr(0, 3000);
}

TEST_F(annotationsCli, ShowListsResolvedPlaces) {
  RunResult r = Dl({"show", "--json", "--index", index_, "nl/luchtaanval-al-aziziya.txt"});
  ASSERT_EQ(r.code, 0) << Describe(r);
  Json j(r.out);
  ASSERT_TRUE(j.ok);
  bool tripoli = false;
  for (auto p : j.root["places"].get_array()) {
    EXPECT_GT(GetInt(p, "geonames_id"), 0) << "ids are integers: " << r.out.substr(0, 2000);
    if (GetStr(p, "name") == "Tripoli" && GetStr(p, "country") == "LY") tripoli = true;
  }
  EXPECT_TRUE(tripoli) << r.out.substr(0, 3000);
}

TEST_F(annotationsCli, CountryAndNearFilters) {
  const auto ly = Ids("country:LY");
  EXPECT_GE(ly.size(), 20u);
  EXPECT_EQ(Ids("country:Libya"), ly);
  EXPECT_EQ(Ids("country:Libië"), ly);
  // Around Tripoli, and nowhere near Sydney.
  const auto near = Ids("near:32.89,13.19,60");
  EXPECT_GE(near.size(), 10u);
  for (const auto& id : near) EXPECT_TRUE(ly.count(id)) << id;
  EXPECT_TRUE(Ids("near:-33.87,151.21,50").empty());
  RunResult bad = Dl({"search", "--index", index_, "country:Atlantis"});
  EXPECT_EQ(bad.code, 2) << Describe(bad);
  EXPECT_NE(bad.err.find("Atlantis"), std::string::npos);
  EXPECT_FALSE(LooksLikeCrash(bad));
}

TEST_F(annotationsCli, EventDateMatchesMentionedDatesNotPublicationDates) {
  // "sinds donderdag" in an article of Saturday 6 April 2019 is Thursday 4 April.
  const auto thursday = Ids("event-date:[2019-04-04 TO 2019-04-04]");
  EXPECT_FALSE(thursday.empty());
  // The conference planned for 14-16 April is mentioned in articles published earlier.
  const auto conference = Ids("event-date:[2019-04-14 TO 2019-04-16]");
  const auto published = Ids("date:[2019-04-14 TO 2019-04-16]");
  EXPECT_FALSE(conference.empty());
  bool earlier = false;
  for (const auto& id : conference) earlier |= published.count(id) == 0;
  EXPECT_TRUE(earlier);
  EXPECT_TRUE(Ids("event-date:[1850-01-01 TO 1850-12-31]").empty());
}

TEST_F(annotationsCli, EntitiesCommand) {
  RunResult r =
      Dl({"entities", "--index", index_, "--type", "PER", "--json", "--limit", "10", "Tripoli"});
  ASSERT_EQ(r.code, 0) << Describe(r);
  Json j(r.out);
  ASSERT_TRUE(j.ok) << r.out;
  bool haftar = false;
  int64_t last = INT64_MAX;
  for (auto e : j.root.get_array()) {
    EXPECT_EQ(GetStr(e, "type"), "PER");
    const int64_t n = GetInt(e, "documents");
    EXPECT_LE(n, last);  // by count, descending
    last = n;
    if (GetStr(e, "text").find("Haftar") != std::string::npos) haftar = true;
  }
  EXPECT_TRUE(haftar) << r.out;
  RunResult table = Dl({"entities", "--index", index_});
  EXPECT_EQ(table.code, 0);
  EXPECT_NE(table.out.find("documents"), std::string::npos);
  RunResult bad = Dl({"entities", "--index", index_, "--type", "ANIMAL"});
  EXPECT_EQ(bad.code, 2);
}

TEST_F(annotationsCli, PlacesGeoJson) {
  RunResult r = Dl({"places", "--index", index_, "--geojson", "lang:nl"});
  ASSERT_EQ(r.code, 0) << Describe(r);
  Json j(r.out);
  ASSERT_TRUE(j.ok) << r.out;
  EXPECT_EQ(GetStr(j.root, "type"), "FeatureCollection");
  bool tripoli = false;
  for (auto f : j.root["features"].get_array()) {
    auto coords = f["geometry"]["coordinates"].get_array();
    double lon = coords.at(0).get_double(), lat = coords.at(1).get_double();
    if (GetStr(f["properties"], "name") == "Tripoli" &&
        GetStr(f["properties"], "country") == "LY") {
      tripoli = true;
      EXPECT_NEAR(lat, 32.9, 0.3);
      EXPECT_NEAR(lon, 13.2, 0.3);
    }
  }
  EXPECT_TRUE(tripoli) << r.out.substr(0, 2000);
}

TEST_F(annotationsCli, ExtractPlainText) {
  const std::string text =
      "Donderdag gaf Khalifa Haftar zijn troepen bevel op te rukken naar Tripoli, de hoofdstad "
      "van Libië. VN-gezant Ghassan Salamé reageerde geschokt.";
  RunResult r = Dl({"extract", "--json", "--lang", "nl", "--date", "2019-04-06", "-"}, text);
  ASSERT_EQ(r.code, 0) << Describe(r);
  Json j(r.out);
  ASSERT_TRUE(j.ok) << r.out;
  std::set<std::string> people;
  for (auto e : j.root["entities"].get_array()) {
    if (GetStr(e, "type") == "PER") people.insert(GetStr(e, "text"));
  }
  EXPECT_TRUE(people.count("Khalifa Haftar")) << r.out;
  bool thursday = false;
  for (auto d : j.root["dates"].get_array()) thursday |= GetStr(d, "value") == "2019-04-04";
  EXPECT_TRUE(thursday) << r.out;
  bool libya = false;
  for (auto p : j.root["places"].get_array()) libya |= GetStr(p, "country") == "LY";
  EXPECT_TRUE(libya) << r.out;
}

TEST_F(annotationsCli, ExtractBadInputNeverCrashes) {
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk.push_back(static_cast<char>((i * 7919) % 256));
  for (const std::string& in : {std::string(), junk, std::string(100000, 'A')}) {
    RunResult r = Dl({"extract", "--json", "-"}, in);
    EXPECT_FALSE(LooksLikeCrash(r)) << Describe(r);
  }
}

}  // namespace
}  // namespace dateline::testing::cli
