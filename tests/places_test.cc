// Places: gazetteer loading, multilingual names, disambiguation by context,
// relative locations, and robustness on bad input.
#include "dateline/places.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "extract/places/gazetteer.h"

extern "C" const unsigned char dl_gazetteer[];
extern "C" const unsigned char dl_gazetteer_end[];

namespace dateline {
namespace {

std::vector<Place> Find(std::string_view text, std::string_view lang = "",
                        std::string_view source = "") {
  return FindPlaces(text, lang, {}, source);
}

// The place whose mention text is `name`, or nullptr.
const Place* Get(const std::vector<Place>& places, std::string_view name) {
  for (const Place& p : places) {
    if (p.text == name) return &p;
  }
  return nullptr;
}

std::string CountryOfMention(std::string_view text, std::string_view name) {
  const auto places = Find(text);
  const Place* p = Get(places, name);
  return p == nullptr ? "<none>" : p->country;
}

void ExpectWellFormed(std::string_view text, const std::vector<Place>& places) {
  uint32_t prev_end = 0;
  for (const Place& p : places) {
    ASSERT_LE(prev_end, p.start);
    ASSERT_LT(p.start, p.end);
    ASSERT_LE(p.end, text.size());
    ASSERT_EQ(p.text, text.substr(p.start, p.end - p.start));
    prev_end = p.end;
  }
}

std::string_view EmbeddedBytes() {
  return std::string_view(reinterpret_cast<const char*>(dl_gazetteer),
                          static_cast<size_t>(dl_gazetteer_end - dl_gazetteer));
}

TEST(Gazetteer, EmbeddedLoads) {
  ASSERT_TRUE(places::Gazetteer::EmbeddedStatus().ok())
      << places::Gazetteer::EmbeddedStatus().ToString();
  const places::Gazetteer* g = places::Gazetteer::Embedded();
  ASSERT_NE(g, nullptr);
  EXPECT_GT(g->size(), 50000u);
}

TEST(Gazetteer, RejectsDamagedBytes) {
  const std::string good(EmbeddedBytes());
  std::unique_ptr<places::Gazetteer> g;
  EXPECT_TRUE(places::Gazetteer::Parse(std::string_view(good).substr(0, 10), &g).IsCorruption());
  EXPECT_TRUE(places::Gazetteer::Parse(good.substr(0, good.size() - 1), &g).IsCorruption());
  for (const size_t at : {size_t{0}, size_t{9}, size_t{40}, good.size() / 2, good.size() - 1}) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x21);
    const Status s = places::Gazetteer::Parse(bad, &g);
    EXPECT_TRUE(s.IsCorruption()) << "flip at " << at << ": " << s.ToString();
  }
  EXPECT_TRUE(places::Gazetteer::Parse("", &g).IsCorruption());
}

TEST(Places, TripoliLibyaByContext) {
  const std::string en = "Fighting near Tripoli, Libya's capital, spread to Misrata on Sunday.";
  EXPECT_EQ(CountryOfMention(en, "Tripoli"), "LY");
  const std::string nl = "Haftar rukt op naar Tripoli. Ook in Misrata wordt gevochten.";
  EXPECT_EQ(CountryOfMention(nl, "Tripoli"), "LY");
}

TEST(Places, TripoliLebanonByContext) {
  const std::string en = "Protests spread from Beirut to Tripoli in the north of Lebanon.";
  EXPECT_EQ(CountryOfMention(en, "Tripoli"), "LB");
  const std::string fr = "Des manifestants ont défilé à Beyrouth et à Tripoli, au Liban.";
  EXPECT_EQ(CountryOfMention(fr, "Tripoli"), "LB");
  const std::string ar = "تظاهر الآلاف في بيروت وطرابلس يوم الأحد.";
  const auto places = Find(ar, "ar");
  const Place* p = Get(places, "طرابلس");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->country, "LB");
}

TEST(Places, ArabicTripoliAlone) {
  const auto places = Find("اشتباكات عنيفة في طرابلس، عاصمة ليبيا.", "ar");
  const Place* p = Get(places, "طرابلس");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->country, "LY");
  EXPECT_EQ(p->geonames_id, 2210247);
}

TEST(Places, CountryNamesInManyLanguages) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"De strijd in Libië duurt voort.", "Libië"},
      {"Die Kämpfe in Libyen gehen weiter.", "Libyen"},
      {"Les combats en Libye continuent.", "Libye"},
      {"Los combates en Libia continúan.", "Libia"},
      {"I combattimenti in Libia continuano.", "Libia"},
      {"يستمر القتال في ليبيا.", "ليبيا"},
  };
  for (const auto& [text, name] : cases) {
    const auto places = Find(text);
    const Place* p = Get(places, name);
    ASSERT_NE(p, nullptr) << text;
    EXPECT_EQ(p->country, "LY") << text;
    EXPECT_EQ(p->precision, "country") << text;
    EXPECT_EQ(p->feature, "PCLI") << text;
  }
}

TEST(Places, RelativeLocationDutch) {
  const std::string text = "De aanval was 50 km ten zuiden van Tripoli, in Libië.";
  const auto places = Find(text, "nl");
  ExpectWellFormed(text, places);
  ASSERT_FALSE(places.empty());
  const Place& p = places.front();
  EXPECT_EQ(p.text, "50 km ten zuiden van Tripoli");
  EXPECT_EQ(p.precision, "approximate");
  EXPECT_EQ(p.country, "LY");
  EXPECT_NEAR(DistanceKm(32.88743, 13.18733, p.lat, p.lon), 50, 1);
  EXPECT_LT(p.lat, 32.88743 - 0.4);    // south
  EXPECT_NEAR(p.lon, 13.18733, 0.01);  // not east or west
  EXPECT_GT(p.radius_km, 0);
  EXPECT_NE(p.why.find("50 km S of Tripoli"), std::string::npos) << p.why;
}

TEST(Places, RelativeLocationsInOtherLanguages) {
  const std::vector<std::pair<std::string, double>> cases = {
      {"Clashes 50 kilometres south of Tripoli, Libya.", 180},
      {"Des combats à 50 km au nord-est de Tripoli, en Libye.", 45},
      {"Gefechte 50 km westlich von Tripolis in Libyen.", 270},
      {"Combates a 50 kilómetros al sur de Trípoli, en Libia.", 180},
      {"Scontri a 50 km a est di Tripoli, in Libia.", 90},
      {"اشتباكات على بعد 50 كيلومترا جنوب طرابلس في ليبيا.", 180},
  };
  for (const auto& [text, bearing] : cases) {
    const auto places = Find(text);
    ExpectWellFormed(text, places);
    ASSERT_FALSE(places.empty()) << text;
    const Place& p = places.front();
    EXPECT_EQ(p.precision, "approximate") << text;
    EXPECT_EQ(p.geonames_id, 2210247) << text;
    const double dlat = p.lat - 32.88743, dlon = p.lon - 13.18733;
    const double got = std::fmod(std::atan2(dlon * std::cos(0.574), dlat) * 180 / M_PI + 360, 360);
    EXPECT_NEAR(std::fmod(got - bearing + 540, 360) - 180, 0, 3) << text;
  }
}

TEST(Places, CitiesAndRegions) {
  const std::string text = "Flooding hit Bavaria while Munich and Berlin stayed dry.";
  const auto places = Find(text, "en");
  const Place* bavaria = Get(places, "Bavaria");
  ASSERT_NE(bavaria, nullptr);
  EXPECT_EQ(bavaria->precision, "region");
  EXPECT_EQ(bavaria->country, "DE");
  const Place* munich = Get(places, "Munich");
  ASSERT_NE(munich, nullptr);
  EXPECT_EQ(munich->country, "DE");
  EXPECT_EQ(munich->precision, "exact");
  EXPECT_EQ(munich->admin1, "Bavaria");
}

TEST(Places, CommonWordsNeedContext) {
  EXPECT_EQ(Get(Find("Split the bill. Mobile phones are banned."), "Split"), nullptr);
  EXPECT_EQ(Get(Find("Split the bill. Mobile phones are banned."), "Mobile"), nullptr);
  const auto places = Find("The ferry from Ancona arrived in Split on Monday.");
  const Place* split = Get(places, "Split");
  ASSERT_NE(split, nullptr);
  EXPECT_EQ(split->country, "HR");
}

TEST(Places, EntitiesGuideMatching) {
  const std::string text = "Paris Hilton visited Rome.";
  std::vector<EntityMention> ents = {{0, 12, EntityType::kPer}, {21, 25, EntityType::kLoc}};
  const auto places = FindPlaces(text, "en", ents);
  ASSERT_EQ(places.size(), 1u);
  EXPECT_EQ(places[0].text, "Rome");
  EXPECT_EQ(places[0].country, "IT");
}

TEST(Places, SourceCountryHint) {
  EXPECT_EQ(Find("A storm hit Valencia.", "en", "VE").at(0).country, "VE");
  EXPECT_EQ(Find("A storm hit Valencia.", "en", "ES").at(0).country, "ES");
}

TEST(Places, CountryCode) {
  EXPECT_EQ(CountryCode("Libië"), "LY");
  EXPECT_EQ(CountryCode("Libya"), "LY");
  EXPECT_EQ(CountryCode("ليبيا"), "LY");
  EXPECT_EQ(CountryCode("LY"), "LY");
  EXPECT_EQ(CountryCode("lby"), "LY");
  EXPECT_EQ(CountryCode("Duitsland"), "DE");
  EXPECT_EQ(CountryCode("Allemagne"), "DE");
  EXPECT_EQ(CountryCode("Stati Uniti"), "US");
  EXPECT_EQ(CountryCode("Verenigde Staten"), "US");
  EXPECT_EQ(CountryCode("Líbano"), "LB");
  EXPECT_EQ(CountryCode("Nowhereland"), "");
  EXPECT_EQ(CountryCode(""), "");
}

TEST(Places, DistanceKm) {
  EXPECT_NEAR(DistanceKm(52.3676, 4.9041, 51.5072, -0.1276), 358, 3);     // Amsterdam-London
  EXPECT_NEAR(DistanceKm(32.8874, 13.1873, 34.4335, 35.8442), 2099, 15);  // Tripoli-Tripoli
  EXPECT_NEAR(DistanceKm(0, 0, 0, 180), 20015, 5);
  EXPECT_EQ(DistanceKm(10, 20, 10, 20), 0);
}

TEST(Places, Deterministic) {
  const std::string text = "Talks in Geneva and Vienna; fighting in Aleppo, Syria.";
  const auto a = Find(text);
  const auto b = Find(text);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].geonames_id, b[i].geonames_id);
    EXPECT_EQ(a[i].why, b[i].why);
  }
}

TEST(Places, BadInput) {
  EXPECT_TRUE(Find("").empty());
  const std::string invalid = "Tripoli \xC3\x28 Libya \xFF\xFE Misrata \xE2\x82";
  ExpectWellFormed(invalid, Find(invalid));
  const std::string nuls = std::string("Tripoli\0Libya\0\0Beirut", 22);
  ExpectWellFormed(nuls, Find(nuls));
  std::string huge;
  while (huge.size() < (8u << 20)) huge += "Fighting 50 km south of Tripoli and Beirut, Libya. ";
  const auto places = Find(huge);
  ExpectWellFormed(huge, places);
  EXPECT_GT(places.size(), 100000u);
  // Garbage entity offsets are ignored.
  std::vector<EntityMention> ents = {{5, 2, EntityType::kLoc}, {0, 999, EntityType::kPer}};
  ExpectWellFormed("Rome", FindPlaces("Rome", "en", ents));
}

TEST(Places, RandomBytesFuzz) {
  std::mt19937 rng(42);
  const std::string alphabet[] = {"Tripoli", " ",    "50",   "km", "south", "of",   ",", ".", "ال",
                                  "طرابلس",  "\xC3", "\x80", "\0", "Libya", "U.S.", "-", "'"};
  for (int iter = 0; iter < 3000; ++iter) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      if (rng() % 3 == 0) {
        text.push_back(static_cast<char>(rng() % 256));
      } else {
        text += alphabet[rng() % std::size(alphabet)];
      }
    }
    ExpectWellFormed(text, Find(text));
  }
}

}  // namespace
}  // namespace dateline
