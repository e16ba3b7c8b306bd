// Tests of the name keys (doc/entity-keys.md): EntityKey, SurnameKey,
// LinkDocumentEntities and the embedded alias table.
#include "extract/names/names.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "dateline/entities.h"

namespace dateline {
namespace {

constexpr EntityType kPer = EntityType::kPer;
constexpr EntityType kOrg = EntityType::kOrg;
constexpr EntityType kLoc = EntityType::kLoc;

// Every name of `group` gets the key of the first one.
void ExpectOneKey(const std::vector<std::string>& group, EntityType type,
                  const std::string& lang = "") {
  const std::string first = EntityKey(group[0], type, lang);
  EXPECT_FALSE(first.empty());
  for (const std::string& name : group) {
    EXPECT_EQ(EntityKey(name, type, lang), first) << name << " vs " << group[0];
  }
}

TEST(NameKeys, IssueVariantGroups) {
  ExpectOneKey({"Kadhafi", "Gaddafi", "Gheddafi", "Qadhafi", "Kaddafi"}, kPer);
  ExpectOneKey({"al-Sarraj", "al-Serraj", "Sarraj"}, kPer);
  ExpectOneKey({"Salamé", "Salame", "Salameh"}, kPer);
  ExpectOneKey({"Haftar", "Hafter"}, kPer);
  ExpectOneKey({"VN", "Verenigde Naties", "UN", "United Nations", "ONU", "U.N."}, kOrg);
  EXPECT_EQ(EntityKey("Gaddafi", kPer, "en"), "kadafi");
  EXPECT_EQ(EntityKey("Verenigde Naties", kOrg, "nl"), "united nations");
}

TEST(NameKeys, FullNamesAcrossLanguages) {
  ExpectOneKey({"Muammar Gaddafi", "Mouammar Kadhafi", "Muammar al-Gheddafi"}, kPer);
  ExpectOneKey({"Fayez al-Sarraj", "Fayez al-Serraj", "Fajes al-Sarradsch"}, kPer);
  ExpectOneKey({"Osama bin Laden", "Oussama Ben Laden"}, kPer);
  ExpectOneKey({"Volodymyr Zelensky", "Volodymyr Zelenskyy", "Wolodymyr Selenskyj"}, kPer);
  ExpectOneKey({"Benjamin Netanyahu", "Benjamin Netanjahoe", "Benjamin Netanjahu"}, kPer);
  ExpectOneKey({"Abdel Fattah el-Sisi", "Abd al-Fattah al-Sisi"}, kPer);
  ExpectOneKey({"Libyan National Army", "Libisch Nationaal Leger", "LNA"}, kOrg);
  ExpectOneKey({"Libya", "Libië", "Libyen", "Libye", "ليبيا"}, kLoc);
  ExpectOneKey({"Hezbollah", "Hizbollah", "Hisbollah"}, kOrg);
}

// An all-capitals name (a headline) keys like its mixed-case form unless it is
// an acronym: short ("UN", "NATO"), with few vowels ("LNA", "NSDAP") or dotted.
TEST(NameKeys, CapitalisedNamesAreNotAcronyms) {
  EXPECT_EQ(EntityKey("MODENA", kLoc, "it"), EntityKey("Modena", kLoc, "it"));
  EXPECT_EQ(EntityKey("TRIPOLI", kLoc, "en"), EntityKey("Tripoli", kLoc, "en"));
  EXPECT_EQ(EntityKey("CUBA", kLoc, "es"), EntityKey("Cuba", kLoc, "es"));
  EXPECT_EQ(EntityKey("LA PAZ", kLoc, "es"), EntityKey("La Paz", kLoc, "es"));
  EXPECT_EQ(EntityKey("REUTERS", kOrg, "en"), EntityKey("Reuters", kOrg, "en"));
  EXPECT_EQ(EntityKey("GAZPROM", kOrg, "de"), EntityKey("Gazprom", kOrg, "de"));
  EXPECT_NE(EntityKey("MODENA", kLoc, "it"), "modena");
  // Acronyms keep their letters.
  EXPECT_EQ(EntityKey("NATO", kOrg, "en"), "nato");
  EXPECT_EQ(EntityKey("OPEC", kOrg, "en"), "opec");
  EXPECT_EQ(EntityKey("ONU", kOrg, "fr"), EntityKey("UN", kOrg, "en"));
  EXPECT_EQ(EntityKey("XKCD", kOrg, "en"), "xkcd");
  EXPECT_EQ(EntityKey("NSDAP", kOrg, "de"), "nsdap");
  EXPECT_EQ(EntityKey("USA", kLoc, "en"), EntityKey("U.S.A.", kLoc, "en"));
  EXPECT_NE(EntityKey("LNA", kOrg, "en"), EntityKey("GNA", kOrg, "en"));
  // Persons are never acronyms.
  EXPECT_EQ(EntityKey("HAFTAR", kPer, "en"), EntityKey("Haftar", kPer, "en"));
}

TEST(NameKeys, NonPairsDiffer) {
  const std::vector<std::pair<std::string, std::string>> loc = {
      {"Niger", "Nigeria"},     {"Austria", "Australia"},   {"Guinea", "Guinea-Bissau"},
      {"Sudan", "South Sudan"}, {"Iran", "Iraq"},           {"Slovakia", "Slovenia"},
      {"Libya", "Lebanon"},     {"Oostenrijk", "Australië"}};
  for (const auto& [a, b] : loc) EXPECT_NE(EntityKey(a, kLoc, ""), EntityKey(b, kLoc, "")) << a;
  EXPECT_NE(EntityKey("EU", kOrg, ""), EntityKey("AU", kOrg, ""));
  EXPECT_NE(EntityKey("Bashar al-Assad", kPer, ""), EntityKey("Hafez al-Assad", kPer, ""));
  EXPECT_NE(EntityKey("Salam", kPer, ""), EntityKey("Salamé", kPer, ""));
  EXPECT_NE(EntityKey("George Bush", kPer, ""), EntityKey("George W. Bush", kPer, ""));
  EXPECT_NE(EntityKey("Kim Jong-un", kPer, ""), EntityKey("Kim Jong-il", kPer, ""));
}

TEST(NameKeys, CountriesInOtherForms) {
  // Official long forms, joiners, singular/plural, demonyms, one slip of spelling.
  ExpectOneKey({"Belarus", "Republic of Belarus", "Belarusian"}, kLoc);
  ExpectOneKey({"Bosnia and Herzegovina", "Bosnia-Herzegovina"}, kLoc);
  ExpectOneKey({"Cayman Islands", "Cayman Island"}, kLoc);
  ExpectOneKey({"Algeria", "Algerian", "Algerians"}, kLoc);
  ExpectOneKey({"Taiwan", "Taiwanese"}, kLoc);
  ExpectOneKey({"Italy", "Italian"}, kLoc);
  ExpectOneKey({"Ecuador", "Ecuadorian"}, kLoc);
  ExpectOneKey({"Colombia", "Colombianos"}, kLoc);
  ExpectOneKey({"Australia", "Austrailia", "Australai"}, kLoc);
  // One edit from two countries (Austria, Australia): neither.
  EXPECT_EQ(EntityKey("Austrlia", kLoc, ""), NameRuleKey("Austrlia", kLoc, ""));
  ExpectOneKey({"Belgium", "Belguim"}, kLoc);
  // A place the gazetteer knows by that name stays itself.
  EXPECT_NE(EntityKey("Almeria", kLoc, ""), EntityKey("Algeria", kLoc, ""));
  EXPECT_NE(EntityKey("Ning'er", kLoc, ""), EntityKey("Niger", kLoc, ""));
  EXPECT_NE(EntityKey("Tai'an", kLoc, ""), EntityKey("Taiwan", kLoc, ""));
  // Close country names stay apart; a demonym finds the right one.
  EXPECT_EQ(EntityKey("Nigerian", kLoc, ""), EntityKey("Nigeria", kLoc, ""));
  EXPECT_EQ(EntityKey("Iranian", kLoc, ""), EntityKey("Iran", kLoc, ""));
  EXPECT_EQ(EntityKey("Iraqi", kLoc, ""), EntityKey("Iraq", kLoc, ""));
  // Only places: a person or an organisation is not a country.
  EXPECT_NE(EntityKey("Algerian", kPer, ""), EntityKey("Algeria", kLoc, ""));
}

TEST(NameKeys, MiddleNamesAreVariants) {
  auto variants = [](const char* a, const char* b) {
    return AreKeyVariants(EntityKey(a, kPer, ""), EntityKey(b, kPer, ""));
  };
  EXPECT_TRUE(variants("Anthony Albanese", "Anthony Norman Albanese"));
  EXPECT_TRUE(variants("Julio Cesar Alak", "Julio Alak"));
  EXPECT_TRUE(variants("Chris Eyles Bowen", "Chris Eyles Guy Bowen"));
  EXPECT_TRUE(variants("Colin Powell", "Colin L. Powell"));
  EXPECT_TRUE(variants("Kalkot Mataskelekele", "Kalkot Matas Kelekele"));
  EXPECT_FALSE(variants("Brent Symonette", "Theodore Brent Symonette"));  // first name differs
  EXPECT_FALSE(variants("Ed Miliband", "David Miliband"));
  EXPECT_FALSE(variants("Khalifa Haftar", "Khalifa Belqasim"));
}

TEST(NameKeys, TitlesAndPossessivesStripped) {
  const std::string haftar = EntityKey("Khalifa Haftar", kPer, "");
  for (const char* s :
       {"Marshal Khalifa Haftar", "Field Marshal Khalifa Haftar", "maarschalk Khalifa Haftar",
        "le maréchal Khalifa Haftar", "generaal Khalifa Haftar", "Khalifa Haftar's"}) {
    EXPECT_EQ(EntityKey(s, kPer, ""), haftar) << s;
  }
  EXPECT_EQ(EntityKey("de heer Rutte", kPer, "nl"), EntityKey("Rutte", kPer, "nl"));
  EXPECT_EQ(EntityKey("M. Macron", kPer, "fr"), EntityKey("Macron", kPer, "fr"));
  EXPECT_EQ(EntityKey("President Erdoğan", kPer, "en"), EntityKey("Erdogan", kPer, "en"));
  EXPECT_EQ(EntityKey("Präsident Putin", kPer, "de"), EntityKey("Putin", kPer, "de"));
  EXPECT_EQ(EntityKey("señor Sánchez", kPer, "es"), EntityKey("Sanchez", kPer, "es"));
  EXPECT_EQ(EntityKey("UN envoy Ghassan Salamé", kPer, "en"),
            EntityKey("Ghassan Salame", kPer, "en"));
  // A title alone is still a name; "Al" starting a person's name is a first name.
  EXPECT_FALSE(EntityKey("President", kPer, "en").empty());
  EXPECT_NE(EntityKey("Al Gore", kPer, "en"), EntityKey("Gore", kPer, "en"));
}

TEST(NameKeys, SurnameKey) {
  EXPECT_EQ(SurnameKey("Khalifa Haftar", "en"), SurnameKey("Hafter", "en"));
  EXPECT_EQ(SurnameKey("Marshal Khalifa Haftar", "en"), EntityKey("Haftar", kPer, "en"));
  EXPECT_EQ(SurnameKey("Fayez al-Sarraj", "en"), SurnameKey("Serraj", "fr"));
  EXPECT_EQ(SurnameKey("Osama bin Laden", ""), SurnameKey("bin Laden", ""));
  EXPECT_EQ(SurnameKey("Herman Van Rompuy", "nl"), SurnameKey("Van Rompuy", "nl"));
  EXPECT_EQ(SurnameKey("", ""), "");
  EXPECT_EQ(SurnameKey("...", ""), "");
}

Entity Ent(uint32_t start, const std::string& text, EntityType type, const std::string& lang) {
  Entity e;
  e.start = start;
  e.end = start + static_cast<uint32_t>(text.size());
  e.type = type;
  e.text = text;
  e.key = EntityKey(text, type, lang);
  return e;
}

TEST(NameKeys, LinkDocumentEntities) {
  // "Maarschalk Khalifa Haftar, leider van het Libisch Nationaal Leger (LNA), ... Haftar
  //  ... premier Fayez al-Sarraj ... Sarraj ... het LNA ... Abdullah ... Mohammed Abdullah
  //  en Ahmed Abdullah"
  std::vector<Entity> ents = {
      Ent(0, "Maarschalk Khalifa Haftar", kPer, "nl"),
      Ent(44, "Libisch Nationaal Leger", kOrg, "nl"),
      Ent(69, "LNA", kOrg, "nl"),
      Ent(100, "Haftar", kPer, "nl"),
      Ent(130, "Fayez al-Sarraj", kPer, "nl"),
      Ent(170, "Sarraj", kPer, "nl"),
      Ent(200, "LNA", kOrg, "nl"),
      Ent(230, "Abdullah", kPer, "nl"),
      Ent(260, "Mohammed Abdullah", kPer, "nl"),
      Ent(290, "Ahmed Abdullah", kPer, "nl"),
      Ent(320, "Armée nationale libyenne (ANL)", kOrg, "fr"),
      Ent(360, "ANL", kOrg, "fr"),
  };
  const std::string unlinked_abdullah = ents[7].key;
  LinkDocumentEntities("nl", &ents);
  EXPECT_EQ(ents[3].key, ents[0].key);
  EXPECT_EQ(ents[5].key, ents[4].key);
  EXPECT_EQ(ents[2].key, ents[1].key);
  EXPECT_EQ(ents[6].key, ents[1].key);
  EXPECT_EQ(ents[7].key, unlinked_abdullah);  // two full names end in Abdullah
  EXPECT_EQ(ents[11].key, ents[10].key);
  EXPECT_EQ(ents[0].key, EntityKey("Khalifa Haftar", kPer, "en"));
  std::vector<Entity> empty;
  LinkDocumentEntities("nl", &empty);
  LinkDocumentEntities("nl", nullptr);
}

TEST(NameKeys, OddInputsDoNotCrash) {
  const std::vector<std::string> odd = {"",
                                        " ",
                                        "\t\n",
                                        "!!!",
                                        "---",
                                        "'s",
                                        "(LNA)",
                                        "al-",
                                        "\xff\xfe\x80",
                                        "Hafter\xc3",
                                        std::string("a\0b", 3),
                                        "Mr.",
                                        "de heer",
                                        "abd",
                                        "abdel",
                                        "y",
                                        "j",
                                        "h",
                                        "ch",
                                        std::string(100000, 'a'),
                                        std::string(20000, '-') + "Haftar"};
  for (const std::string& s : odd) {
    for (EntityType t : {kPer, kOrg, kLoc, EntityType::kMisc}) {
      const std::string k = EntityKey(s, t, "");
      EXPECT_EQ(k, EntityKey(s, t, "")) << "not deterministic";
      if (!s.empty()) {
        EXPECT_FALSE(k.empty()) << "empty key";
      }
      SurnameKey(s, "fr");
      NameRuleKey(s, t, "de");
    }
  }
  EXPECT_EQ(EntityKey("", kPer, ""), "");
}

bool HasLetter(const std::string& s) {
  for (unsigned char c : s) {
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  }
  return false;
}

TEST(NameKeys, RandomBytesFuzz) {
  std::mt19937 rng(20240607);
  const std::string alphabet = "aeiouyjkhgqcdtszxw- .'()ÉéçßøĳАБال\xff\x80";
  for (int iter = 0; iter < 20000; ++iter) {
    std::string s;
    const int n = static_cast<int>(rng() % 24);
    for (int i = 0; i < n; ++i) {
      s.push_back(rng() % 3 == 0 ? static_cast<char>(rng() % 256)
                                 : alphabet[rng() % alphabet.size()]);
    }
    const EntityType t = static_cast<EntityType>(rng() % 4);
    const std::string k = EntityKey(s, t, iter % 2 ? "fr" : "");
    if (!s.empty() || HasLetter(s)) {
      EXPECT_FALSE(k.empty()) << s;
    }
    EXPECT_EQ(k, EntityKey(s, t, iter % 2 ? "fr" : ""));
  }
}

TEST(NameKeys, EmbeddedTableParses) {
  EXPECT_GT(NameAliasCount(), 4000u);
  EXPECT_EQ(EntityKey("Vereinte Nationen", kOrg, "de"), "united nations");
  EXPECT_EQ(EntityKey("NAVO", kOrg, "nl"), EntityKey("OTAN", kOrg, "fr"));
  EXPECT_EQ(EntityKey("Duitsland", kLoc, "nl"), EntityKey("Deutschland", kLoc, "de"));
}

// Every GeoNames country name gets its own key (no accidental merges).
TEST(NameKeys, GeoNamesCountriesDistinct) {
  std::ifstream in(std::string(DL_SOURCE_DIR) + "/../shared/data/geonames/countryInfo.tsv");
  if (!in) GTEST_SKIP() << "../shared/data/geonames is absent";
  std::set<std::string> keys;
  size_t countries = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t pos = 0;
    for (int i = 0; i < 4; ++i) pos = line.find('\t', pos) + 1;
    const std::string name = line.substr(pos, line.find('\t', pos) - pos);
    keys.insert(EntityKey(name, kLoc, "en"));
    ++countries;
  }
  EXPECT_GT(countries, 240u);
  EXPECT_GE(keys.size() + 2, countries);
}

}  // namespace
}  // namespace dateline
