// Places: gazetteer loading, multilingual names, disambiguation by context,
// relative locations, and robustness on bad input.
#include "dateline/places.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "extract/places/gazetteer.h"
#include "extract/places/places_internal.h"
#include "util/crc32c.h"

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

// Format version 2: header fields (doc/places.md "Gazetteer format").
uint32_t HeaderU32(const std::string& f, size_t at) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(f[at + i]);
  return v;
}

void SetU32(std::string* f, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) (*f)[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

// Rewrites both checksums of a stored (uncompressed) image after an edit, so
// that only the structural checks can catch the damage.
void Reseal(std::string* f) {
  const uint32_t crc = crc32c::Value(std::string_view(*f).substr(64));
  SetU32(f, 24, crc);
  SetU32(f, 28, crc);
}

Status ParseBytes(const std::string& f) {
  std::unique_ptr<places::Gazetteer> g;
  return places::Gazetteer::Parse(f, &g);
}

size_t Pad8(size_t n) { return (n + 7) & ~size_t{7}; }

// Offset of the key table in the file.
size_t KeyTableAt(const std::string& f) {
  return 64 + Pad8(size_t{HeaderU32(f, 32)} * 36) + Pad8(size_t{HeaderU32(f, 48)} * 8) +
         Pad8(size_t{HeaderU32(f, 40)} * 4);
}

TEST(Gazetteer, StoredImageIsUsedInPlace) {
  const std::string_view bytes = EmbeddedBytes();
  ASSERT_EQ(HeaderU32(std::string(bytes.substr(0, 64)), 8), 2u);  // version
  std::unique_ptr<places::Gazetteer> g;
  ASSERT_TRUE(places::Gazetteer::View(bytes, &g).ok());
  places::Lookup lk;
  ASSERT_TRUE(g->Find("tripoli", &lk));
  EXPECT_GE(lk.postings.size(), 2u);
  EXPECT_TRUE(g->MayStart("tripoli"));
  EXPECT_FALSE(g->Find("nowhereland", &lk));
  EXPECT_EQ(g->entry(static_cast<uint32_t>(g->CountryByCode("lby"))).name, "Libya");
  EXPECT_EQ(g->CountryByCode("XQZ"), -1);
}

TEST(Gazetteer, ZlibImageLoadsTheSame) {
  std::string f(EmbeddedBytes());
  const std::string payload = f.substr(64);
  uLongf packed_len = compressBound(payload.size());
  std::string packed(packed_len, '\0');
  ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_len,
                      reinterpret_cast<const Bytef*>(payload.data()), payload.size(), 6),
            Z_OK);
  packed.resize(packed_len);
  std::string z = f.substr(0, 64) + packed;
  SetU32(&z, 12, 1);  // zlib
  SetU32(&z, 20, static_cast<uint32_t>(packed.size()));
  SetU32(&z, 24, crc32c::Value(packed));
  std::unique_ptr<places::Gazetteer> g;
  ASSERT_TRUE(places::Gazetteer::Parse(z, &g).ok());
  places::Lookup lk;
  ASSERT_TRUE(g->Find("libie", &lk));
  z[z.size() / 2] = static_cast<char>(z[z.size() / 2] ^ 1);
  EXPECT_TRUE(ParseBytes(z).IsCorruption());
}

TEST(Gazetteer, RejectsBadHeaderFields) {
  const std::string good(EmbeddedBytes());
  for (const auto& [at, value] :
       std::vector<std::pair<size_t, uint32_t>>{{8, 1},
                                                {8, 3},
                                                {12, 7},
                                                {16, 5},
                                                {20, 5},
                                                {32, HeaderU32(good, 32) + 1},
                                                {36, HeaderU32(good, 36) - 1},
                                                {40, 1000},
                                                {40, 0},
                                                {60, 3},
                                                {60, 8}}) {
    std::string bad = good;
    SetU32(&bad, at, value);
    EXPECT_TRUE(ParseBytes(bad).IsCorruption()) << "field at " << at << " = " << value;
  }
}

TEST(Gazetteer, RejectsOffsetsOutsideTheImage) {
  const std::string good(EmbeddedBytes());
  const size_t keys = KeyTableAt(good);
  {
    std::string bad = good;  // a key's bytes beyond the key blob
    SetU32(&bad, keys, 0xFFFFFFF0u);
    Reseal(&bad);
    EXPECT_TRUE(ParseBytes(bad).IsCorruption());
  }
  {
    std::string bad = good;  // a key's postings beyond the postings
    SetU32(&bad, keys + 8, 0xFFFFFFF0u);
    Reseal(&bad);
    EXPECT_TRUE(ParseBytes(bad).IsCorruption());
  }
  {
    std::string bad = good;  // an entry's name beyond the strings
    SetU32(&bad, 64 + 16, 0xFFFFFFF0u);
    Reseal(&bad);
    EXPECT_TRUE(ParseBytes(bad).IsCorruption());
  }
  {
    std::string bad = good;  // a full hash table would make lookups loop forever
    const size_t slots = keys - Pad8(size_t{HeaderU32(good, 40)} * 4);
    for (size_t i = 0; i < HeaderU32(good, 40); ++i) {
      if (HeaderU32(bad, slots + 4 * i) == 0) SetU32(&bad, slots + 4 * i, 1);
    }
    Reseal(&bad);
    EXPECT_TRUE(ParseBytes(bad).IsCorruption());
  }
  std::string resealed = good;
  Reseal(&resealed);
  EXPECT_TRUE(ParseBytes(resealed).ok());
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

namespace dateline {
namespace {

TEST(PlacesNumbers, SpelledOut) {
  const std::vector<std::pair<std::string, double>> cases = {
      {"veertig", 40},          {"vijfenveertig", 45},
      {"tweeentwintig", 22},    {"forty", 40},
      {"forty five", 45},       {"a hundred", 100},
      {"vierzig", 40},          {"funfundvierzig", 45},
      {"einundzwanzig", 21},    {"zweihundert", 200},
      {"quarante", 40},         {"quarante deux", 42},
      {"soixante et onze", 71}, {"quatre vingt douze", 92},
      {"deux cents", 200},      {"cuarenta", 40},
      {"cuarenta y cinco", 45}, {"veintidos", 22},
      {"trescientos", 300},     {"quaranta", 40},
      {"ventotto", 28},         {"trentuno", 31},
      {"duecento", 200},        {"cento", 100}};
  for (const auto& [words, want] : cases) {
    double got = 0;
    EXPECT_TRUE(places::SpelledNumber(words, &got)) << words;
    EXPECT_EQ(got, want) << words;
  }
  double v = 0;
  EXPECT_FALSE(places::SpelledNumber("kilometer", &v));
  EXPECT_FALSE(places::SpelledNumber("", &v));
}

// "X, about 40 km southwest of Y" with X not in the gazetteer, in six languages.
TEST(Places, AppositiveRelativeLocation) {
  const std::vector<std::string> texts = {
      "Gevechten in Libie. Bij Qarat Zenbil, ongeveer veertig kilometer ten zuidwesten van "
      "Tripoli, vielen doden.",
      "Fighting reached Qarat Zenbil, about forty kilometres southwest of Tripoli, on Sunday.",
      "Des combats à Qarat Zenbil, à quarante kilomètres au sud-ouest de Tripoli, en Libye.",
      "Kämpfe in Qarat Zenbil, etwa vierzig Kilometer südwestlich von Tripolis.",
      "Combates en Qarat Zenbil, a unos cuarenta kilómetros al suroeste de Trípoli.",
      "Scontri a Qarat Zenbil, a circa quaranta chilometri a sud-ovest di Tripoli.",
  };
  for (const std::string& text : texts) {
    const auto places = Find(text);
    ExpectWellFormed(text, places);
    const Place* x = Get(places, "Qarat Zenbil");
    ASSERT_NE(x, nullptr) << text;
    EXPECT_EQ(x->precision, "approximate") << text;
    EXPECT_EQ(x->country, "LY") << text;
    EXPECT_EQ(x->geonames_id, 2210247) << text;  // the reference place
    EXPECT_NEAR(DistanceKm(32.88743, 13.18733, x->lat, x->lon), 40, 1) << text;
    EXPECT_LT(x->lat, 32.88743) << text;  // south
    EXPECT_LT(x->lon, 13.18733) << text;  // west
    EXPECT_EQ(x->radius_km, 10) << text;
    EXPECT_NE(x->why.find("placed by the text at 40 km SW of Tripoli"), std::string::npos)
        << x->why;
  }
}

// The sample's case: a name whose only exact spelling is a town in Iraq, placed
// by the text 40 km from Tripoli: the Libyan entry of a variant spelling wins.
TEST(Places, AppositiveChoosesTheCandidateNearThePoint) {
  const std::string text =
      "Bij Al-Aziziya, ongeveer veertig kilometer ten zuidwesten van Tripoli, is zaterdag een "
      "luchtaanval uitgevoerd. Inwoners van Al-Aziziya hoorden explosies.";
  const auto places = Find(text, "nl");
  ExpectWellFormed(text, places);
  int seen = 0;
  for (const Place& p : places) {
    if (p.text != "Al-Aziziya") continue;
    ++seen;
    EXPECT_EQ(p.country, "LY");
    EXPECT_EQ(p.geonames_id, 2220139);
    EXPECT_NE(p.why.find("placed by the text"), std::string::npos) << p.why;
  }
  EXPECT_EQ(seen, 2);
}

TEST(Places, SpelledNumbersInRelativeLocations) {
  const auto places = Find("Clashes forty-five miles south of Tripoli, Libya.");
  ASSERT_FALSE(places.empty());
  EXPECT_EQ(places[0].text, "forty-five miles south of Tripoli");
  EXPECT_NEAR(DistanceKm(32.88743, 13.18733, places[0].lat, places[0].lon), 45 * 1.609344, 1);
}

TEST(Places, FarLoneCandidateFallsBackToTheCountry) {
  const std::string text =
      "Strijders uit Misrata en Zawiya trokken naar Tripoli in Libie. Ze kwamen langs Camp "
      "Verde.";
  const auto places = Find(text, "nl");
  const Place* p = Get(places, "Camp Verde");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->country, "LY");
  EXPECT_EQ(p->precision, "country");
  EXPECT_NE(p->why.find("placed in LY"), std::string::npos) << p->why;
  // Without a country to fall back on, or for a big city, the entry stands.
  EXPECT_EQ(CountryOfMention("Rain fell on Camp Verde on Monday.", "Camp Verde"), "US");
  EXPECT_EQ(CountryOfMention("Fighters from Misrata and Zawiya moved on Tripoli, Libya. Talks "
                             "are planned in Paris.",
                             "Paris"),
            "FR");
}

TEST(Places, CommonWordsAndPartsOfLongerNames) {
  const std::string texts[] = {
      "Am Montag sprach der Minister in Berlin.",       // Montag: not Montague, US
      "Varias personas murieron en Madrid.",            // Varias: not Variaş, RO
      "La campaña electoral empezó en Sevilla.",        // not La Campana, ES
      "The green-left Movimiento Verde-Social won.",    // Verde: not Camp Verde, US
      "Het Movimiento Verde won in Valmora.",           // idem
      "Le port du Lys a fermé. Douvres reste ouvert.",  // Lys: not Lys-lez-Lannoy
      "The UN envoy arrived.",                          // UN: not Un, India
  };
  for (const std::string& text : texts) {
    for (const Place& p : Find(text)) {
      EXPECT_TRUE(p.name != "Montague" && p.name != "Variaş" && p.name != "La Campana" &&
                  p.name != "Camp Verde" && p.name != "Lys-lez-Lannoy" && p.country != "IN")
          << text << ": " << p.text << " -> " << p.name;
    }
  }
  EXPECT_EQ(CountryOfMention("Flights to Frankfurt am Main resumed.", "Frankfurt am Main"), "DE");
  EXPECT_EQ(CountryOfMention("Flights to Rio de Janeiro resumed.", "Rio de Janeiro"), "BR");
}

}  // namespace
}  // namespace dateline
