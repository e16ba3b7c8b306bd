// Tests for the stored form of annotations, their index terms, and the query
// syntax of the annotation filters.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "dateline/annotate.h"
#include "dateline/query.h"
#include "index/annotation_terms.h"

namespace dateline {
namespace {

constexpr char kTitle[] = "Haftar rukt op naar Tripoli";
constexpr char kText[] =
    "Het leger van Khalifa\nHaftar trok donderdag op naar Tripoli, de hoofdstad van Libië.";

Annotations Sample() {
  Annotations a;
  a.title.entities.push_back({0, 6, EntityType::kPer, "Haftar", "haftar"});
  a.text.entities.push_back({14, 28, EntityType::kPer, "Khalifa Haftar", "khalifa haftar"});
  Place p;
  p.start = 52;
  p.end = 59;
  p.geonames_id = 2210247;
  p.name = "Tripoli";
  p.country = "LY";
  p.admin1 = "Tripoli";
  p.feature = "PPLC";
  p.lat = 32.88743;
  p.lon = 13.18733;
  p.precision = "exact";
  p.why = "country LY mentioned";
  a.text.places.push_back(p);
  a.event_spans = {{17990, 17990}};
  return a;
}

TEST(AnnotationsTest, RoundTrip) {
  const Annotations a = Sample();
  const std::string bytes = EncodeAnnotations(a);
  Annotations b;
  ASSERT_TRUE(DecodeAnnotations(bytes, kTitle, kText, &b));
  ASSERT_EQ(b.title.entities.size(), 1u);
  EXPECT_EQ(b.title.entities[0].text, "Haftar");
  ASSERT_EQ(b.text.entities.size(), 1u);
  EXPECT_EQ(b.text.entities[0].text, "Khalifa Haftar");  // the line break became a space
  EXPECT_EQ(b.text.entities[0].key, "khalifa haftar");
  EXPECT_EQ(b.text.entities[0].type, EntityType::kPer);
  ASSERT_EQ(b.text.places.size(), 1u);
  const Place& p = b.text.places[0];
  EXPECT_EQ(p.text, "Tripoli");
  EXPECT_EQ(p.geonames_id, 2210247);
  EXPECT_EQ(p.country, "LY");
  EXPECT_EQ(p.feature, "PPLC");
  EXPECT_NEAR(p.lat, 32.88743, 1e-5);
  EXPECT_NEAR(p.lon, 13.18733, 1e-5);
  EXPECT_EQ(p.precision, "exact");
  EXPECT_EQ(p.why, "country LY mentioned");
  EXPECT_TRUE(b.event_spans.empty());  // not stored: they live in the index terms
}

TEST(AnnotationsTest, EmptyIsValid) {
  Annotations b;
  EXPECT_TRUE(DecodeAnnotations("", kTitle, kText, &b));
  EXPECT_TRUE(b.text.entities.empty());
  EXPECT_TRUE(DecodeAnnotations(EncodeAnnotations(Annotations()), "", "", &b));
}

TEST(AnnotationsTest, RejectsOffsetsOutsideTheField) {
  const std::string bytes = EncodeAnnotations(Sample());
  Annotations b;
  EXPECT_FALSE(DecodeAnnotations(bytes, kTitle, "short text", &b));
  EXPECT_FALSE(DecodeAnnotations(bytes, "", kText, &b));
}

TEST(AnnotationsTest, CorruptBytesNeverCrash) {
  const std::string good = EncodeAnnotations(Sample());
  std::mt19937 rng(7);
  int rejected = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string bad = good;
    switch (i % 3) {
      case 0:
        bad.resize(rng() % good.size());
        break;
      case 1:
        bad[rng() % bad.size()] ^= static_cast<char>(1 + rng() % 255);
        break;
      default:
        for (char& c : bad) c = static_cast<char>(rng());
    }
    Annotations b;
    if (!DecodeAnnotations(bad, kTitle, kText, &b)) {
      ++rejected;
      continue;
    }
    for (const FieldAnnotations* f : {&b.title, &b.text}) {
      for (const Entity& e : f->entities) EXPECT_LE(e.start, e.end);
      for (const Place& p : f->places) EXPECT_LE(p.start, p.end);
    }
  }
  EXPECT_GT(rejected, 10000);  // truncations and random bytes are nearly always caught
}

TEST(AnnotationsTest, MentionTextCollapsesSpace) {
  EXPECT_EQ(MentionText("a  Khalifa \r\n\t Haftar b", 3, 21), "Khalifa Haftar");
  EXPECT_EQ(MentionText("abc", 1, 99), "bc");
  EXPECT_EQ(MentionText("abc", 2, 2), "");
}

// Entity keys are memoised per thread across documents: a text annotated after
// others (in the same or another language) gets exactly the annotations it gets
// in a fresh thread.
TEST(AnnotationsTest, KeysDoNotDependOnEarlierDocuments) {
  const std::vector<std::pair<std::string, std::string>> texts = {
      {"en",
       "Libyan commander Khalifa Haftar ordered an attack on Tripoli, the United Nations "
       "said. Haftar and the UN envoy Ghassan Salame met in Benghazi."},
      {"nl",
       "Het leger van Khalifa Haftar trok donderdag op naar Tripoli. De VN en de Europese "
       "Unie vroegen Haftar om een bestand."},
      {"de",
       "Der libysche General Khalifa Haftar ruckte auf Tripolis vor. Die Vereinten "
       "Nationen riefen zur Waffenruhe auf."},
      {"en", "UN envoy Salame said Haftar must stop. Tripoli airport was shelled."}};
  auto encode = [&](size_t i) {
    return EncodeAnnotations(AnnotateText(texts[i].second, texts[i].first, Date()));
  };
  std::vector<std::string> fresh(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) std::thread([&, i] { fresh[i] = encode(i); }).join();
  for (int round = 0; round < 2; ++round)
    for (size_t k = 0; k < texts.size(); ++k) {
      const size_t i = round == 0 ? k : texts.size() - 1 - k;
      EXPECT_EQ(encode(i), fresh[i]) << texts[i].second;
    }
  size_t keys = 0;
  for (size_t i = 0; i < texts.size(); ++i)
    keys += AnnotateText(texts[i].second, texts[i].first, Date()).text.entities.size();
  EXPECT_GT(keys, 8u);
}

TEST(AnnotationTermsTest, TermsOfADocument) {
  std::vector<std::string> terms;
  index::AnnotationTerms(Sample(), "nl", &terms);
  auto has = [&](const std::string& t) {
    return std::find(terms.begin(), terms.end(), t) != terms.end();
  };
  EXPECT_TRUE(has(index::EntityTerm(EntityType::kPer, "haftar")));
  EXPECT_TRUE(has(index::EntityTerm(EntityType::kPer, "khalifa haftar")));
  EXPECT_TRUE(has(index::CountryTerm("LY")));
  EXPECT_TRUE(has(index::PlaceIdTerm(2210247)));
  EXPECT_TRUE(has(index::GridTerm(3, 32.88743, 13.18733)));
  EXPECT_TRUE(has(index::EventSpanTerm(17990, 17990)));
  for (const auto& t : terms) {
    EXPECT_EQ(t[0], index::kAnnotationPrefix);
    EXPECT_FALSE(index::IsWordTerm(t));
  }
}

// Every annotated document says that its events are indexed, once, and has
// a term per event type (repeated per event: the term frequency).
TEST(AnnotationTermsTest, EventTypesAndTheIndexedMarker) {
  Annotations a = Sample();
  std::vector<std::string> terms;
  index::AnnotationTerms(a, "nl", &terms);
  EXPECT_EQ(std::count(terms.begin(), terms.end(), std::string(index::kEventsIndexedTerm)), 1);
  for (const char* type : {"ASSAULT", "ASSAULT", "CONSULT"}) {
    Event e;
    e.type = type;
    a.text.events.push_back(e);
  }
  a.title.events.push_back(a.text.events[0]);
  index::AnnotationTerms(a, "nl", &terms);
  EXPECT_EQ(std::count(terms.begin(), terms.end(), std::string(index::kEventsIndexedTerm)), 1);
  EXPECT_EQ(std::count(terms.begin(), terms.end(), index::EventTypeTerm("ASSAULT")), 3);
  EXPECT_EQ(std::count(terms.begin(), terms.end(), index::EventTypeTerm("CONSULT")), 1);
  EXPECT_EQ(index::EventTypeTerm("PROTEST"), std::string("\x03VPROTEST"));
  for (const auto& t : terms) EXPECT_FALSE(index::IsWordTerm(t)) << t;
}

TEST(AnnotationTermsTest, EventSpanTermsSortByFirstThenLastDay) {
  const std::vector<std::pair<int32_t, int32_t>> spans = {
      {-800000, -799000}, {-1, 5},           {0, 0}, {0, 30}, {17990, 17990},
      {17990, 18000},     {2000000, 2000001}};
  for (size_t i = 0; i + 1 < spans.size(); ++i) {
    EXPECT_LT(index::EventSpanTerm(spans[i].first, spans[i].second),
              index::EventSpanTerm(spans[i + 1].first, spans[i + 1].second));
  }
  for (const auto& [f, l] : spans) {
    int32_t a, b;
    ASSERT_TRUE(index::ParseEventSpanTerm(index::EventSpanTerm(f, l), &a, &b));
    EXPECT_EQ(a, f);
    EXPECT_EQ(b, l);
  }
  int32_t a, b;
  EXPECT_FALSE(index::ParseEventSpanTerm(index::CountryTerm("LY"), &a, &b));
}

TEST(AnnotationTermsTest, GridCells) {
  // Cells at the finest level separate places a few kilometres apart.
  EXPECT_EQ(index::GridTerm(0, 32.9, 13.2), index::GridTerm(0, 32.8, 13.1));
  EXPECT_NE(index::GridTerm(4, 32.9, 13.2), index::GridTerm(4, 32.8, 13.1));
  // Longitude wraps around.
  EXPECT_EQ(index::GridCol(2, 180.0), index::GridCol(2, -180.0));
  EXPECT_EQ(index::GridRow(0, -90.0), 0);
}

std::string Debug(std::string_view q) {
  search::QueryNode n;
  Status s = search::ParseQuery(q, &n);
  return s.ok() ? n.DebugString() : "ERROR " + s.message();
}

TEST(AnnotationQueryTest, Syntax) {
  EXPECT_EQ(Debug("person:\"Khalifa Haftar\""), "(+person:\"Khalifa Haftar\")");
  EXPECT_EQ(Debug("person:Haftar Tripoli"), "(+person:\"Haftar\" Tripoli)");
  EXPECT_EQ(Debug("org:VN place:Libië entity:NATO"),
            "(+org:\"VN\" +place:\"Libië\" +entity:\"NATO\")");
  EXPECT_EQ(Debug("country:LY"), "(+country:LY)");
  EXPECT_EQ(Debug("near:32.9,13.2,50"), "(+near:32.9,13.2,50)");
  EXPECT_EQ(Debug("event-date:[2019-04-01 TO 2019-04-07]"),
            "(+event-date:[2019-04-01 TO 2019-04-07])");
  EXPECT_EQ(Debug("event-date:2019-04"), "(+event-date:[2019-04 TO 2019-04])");
  EXPECT_EQ(Debug("-person:Haftar"), "(-person:\"Haftar\")");
  EXPECT_EQ(Debug("Person:Haftar"), "(+person:\"Haftar\")");
}

TEST(AnnotationQueryTest, Errors) {
  EXPECT_NE(Debug("person:").find("ERROR"), std::string::npos);
  EXPECT_NE(Debug("near:32.9,13.2").find("ERROR"), std::string::npos);
  EXPECT_NE(Debug("near:95,13.2,50").find("ERROR"), std::string::npos);
  EXPECT_NE(Debug("near:32,13,-5").find("ERROR"), std::string::npos);
  EXPECT_NE(Debug("near:a,b,c").find("ERROR"), std::string::npos);
  EXPECT_NE(Debug("event-date:[2019-04-07 TO 2019-04-01]").find("ERROR"), std::string::npos);
  EXPECT_NE(Debug("event-date:[2019-04-01").find("ERROR"), std::string::npos);
}

TEST(AnnotationQueryTest, FiltersAreFilters) {
  for (const char* q : {"person:Haftar", "country:LY", "near:1,2,3", "event-date:2019"}) {
    search::QueryNode n;
    ASSERT_TRUE(search::ParseQuery(q, &n).ok());
    EXPECT_TRUE(n.IsFilter()) << q;
  }
}

}  // namespace
}  // namespace dateline
