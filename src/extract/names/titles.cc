// Titles and honorifics stripped from person names, and articles stripped
// from organisation names, in Dutch, English, German, French, Spanish,
// Italian and transliterated Arabic. All forms are folded (no diacritics).
#include <algorithm>
#include <array>
#include <string_view>

#include "extract/names/names_internal.h"

namespace dateline::names {
namespace {

// Sorted at first use; looked up by binary search.
constexpr std::string_view kTitles[] = {
    // Forms of address.
    "mr", "mrs", "ms", "miss", "mister", "sir", "dame", "lord", "lady", "dr", "doctor", "prof",
    "professor", "dhr", "mevr", "mevrouw", "mw", "heer", "herr", "frau", "hr", "mme", "mlle",
    "monsieur", "madame", "mademoiselle", "senor", "senora", "senorita", "sr", "sra", "srta",
    "signor", "signore", "signora", "sig", "sigra", "dott", "dottor", "dottore", "dottssa", "ing",
    "avv", "drs", "ir", "mr", "baron", "baroness", "count", "countess", "graf", "grafin",
    // Heads of state and government, ministers, officials.
    "president", "presidente", "presidenta", "prasident", "prasidentin", "staatsprasident",
    "bundesprasident", "vice", "vicepresident", "vicepresidente", "vizeprasident", "deputy",
    "prime", "premier", "premierminister", "ministerprasident", "ministerprasidentin", "minister",
    "ministre", "ministro", "ministra", "ministerin", "bundesminister", "bundesministerin",
    "staatssecretaris", "staatssekretar", "secretary", "secretaris", "secretaire", "secretario",
    "secretaria", "segretario", "generalsekretar", "generalsekretarin", "chancellor", "chancelier",
    "chanceliere", "kanselier", "bondskanselier", "kanzler", "kanzlerin", "bundeskanzler",
    "bundeskanzlerin", "canciller", "cancelliere", "foreign", "defence", "defense", "interior",
    "finance", "buitenlandse", "zaken", "senator", "senateur", "senador", "senatore", "senatrice",
    "congressman", "congresswoman", "rep", "governor", "gouverneur", "gobernador", "governatore",
    "mayor", "burgemeester", "burgermeister", "burgermeisterin", "maire", "alcalde", "alcaldesa",
    "sindaco", "ambassador", "ambassadeur", "botschafter", "botschafterin", "embajador",
    "embajadora", "ambasciatore", "envoy", "gezant", "sondergesandter", "gesandter", "envoye",
    "enviado", "inviato", "special", "speciale", "speciaal", "spokesman", "spokeswoman",
    "spokesperson", "woordvoerder", "woordvoerster", "sprecher", "sprecherin", "porte", "parole",
    "portavoz", "portavoce", "judge", "justice", "rechter", "richter", "richterin", "juge", "juez",
    "jueza", "giudice", "chairman", "chairwoman", "chair", "voorzitter", "vorsitzender",
    "vorsitzende", "leader", "leider", "chef", "chief", "ceo", "commissioner", "commissaris",
    "kommissar", "kommissarin", "commissaire", "comisario", "commissario", "king", "koning",
    "konig", "roi", "rey", "re", "queen", "koningin", "konigin", "reine", "reina", "regina",
    "prince", "prins", "prinz", "principe", "princess", "prinses", "prinzessin", "emir", "amir",
    "sultan", "sheikh", "sheik", "shaikh", "shaykh", "cheikh", "scheich", "sjeik", "jeque",
    "sceicco", "crown", "kroonprins", "kronprinz",
    // Military and police ranks.
    "general", "generaal", "generale", "gen", "lt", "lieutenant", "luitenant", "leutnant",
    "teniente", "tenente", "colonel", "kolonel", "oberst", "coronel", "colonnello", "col", "major",
    "majoor", "mayor", "maggiore", "maj", "captain", "kapitein", "kapitan", "capitaine", "capitan",
    "capitano", "capt", "commander", "commandant", "kommandeur", "comandante", "field", "marshal",
    "marshall", "maarschalk", "feldmarschall", "marschall", "marechal", "mariscal", "maresciallo",
    "admiral", "admiraal", "amiral", "almirante", "ammiraglio", "brigadier", "sergeant", "sergent",
    "sargento", "sergente", "warlord", "strongman", "militieleider", "rebel", "rebellenfuhrer",
    // Religious titles.
    "pope", "paus", "papst", "pape", "cardinal", "kardinaal", "kardinal", "cardenal", "cardinale",
    "bishop", "bisschop", "bischof", "eveque", "obispo", "vescovo", "rev", "reverend", "imam",
    "ayatollah", "ayatolla", "ajatollah", "ayatollah", "grand", "grootayatollah", "mullah",
    "mollah", "mufti", "rabbi", "haji", "hajji", "hadj", "hajj", "sayyed", "sayed", "sayyid"};

// Titles that are also common first names or words in other languages: only
// stripped when the text is in this language (or the language is unknown).
struct LangTitle {
  std::string_view lang;
  std::string_view title;
};
constexpr LangTitle kLangTitles[] = {{"fr", "m"},   {"fr", "mm"},   {"es", "don"},  {"es", "dona"},
                                     {"it", "don"}, {"es", "papa"}, {"it", "papa"}, {"de", "fr"}};

constexpr std::string_view kArticles[] = {"the", "de",  "het", "der", "die", "das", "le", "la",
                                          "les", "los", "las", "il",  "lo",  "gli", "l",  "een"};

template <size_t N>
std::array<std::string_view, N> Sorted(const std::string_view (&in)[N]) {
  std::array<std::string_view, N> a;
  std::copy(std::begin(in), std::end(in), a.begin());
  std::sort(a.begin(), a.end());
  return a;
}

}  // namespace

bool IsTitle(std::string_view tok, std::string_view lang) {
  static const auto kSorted = Sorted(kTitles);
  if (std::binary_search(kSorted.begin(), kSorted.end(), tok)) return true;
  for (const LangTitle& t : kLangTitles) {
    if (t.title == tok && (lang.empty() || lang == t.lang)) return true;
  }
  return false;
}

bool IsTitlePair(std::string_view a, std::string_view b) {
  return (a == "de" && (b == "heer" || b == "minister" || b == "premier" || b == "president")) ||
         (a == "el" && (b == "presidente" || b == "rey" || b == "general")) ||
         (a == "il" && (b == "presidente" || b == "premier" || b == "ministro")) ||
         (a == "le" && (b == "president" || b == "general" || b == "roi"));
}

bool IsArticle(std::string_view tok) {
  for (std::string_view a : kArticles) {
    if (a == tok) return true;
  }
  return false;
}

}  // namespace dateline::names
