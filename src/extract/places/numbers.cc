// Spelled-out numbers of relative locations ("veertig kilometer", "forty-five
// miles", "quarante kilomètres"): 1-100 and the round hundreds in nl, en, de,
// fr, es and it, folded (no diacritics, lower case), words joined by spaces.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/places/places_internal.h"

namespace dateline::places {
namespace {

using Table = std::unordered_map<std::string, int>;

struct Words {
  std::vector<std::string> units;  // 1..19 ("one".."nineteen")
  std::vector<std::string> tens;   // 20, 30, ..., 90
};

std::vector<std::string> Split(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(' ', start);
    if (end == std::string_view::npos) end = s.size();
    out.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

void AddUnitsAndTens(const Words& w, Table* t) {
  for (size_t i = 0; i < w.units.size(); ++i) (*t)[w.units[i]] = static_cast<int>(i) + 1;
  for (size_t i = 0; i < w.tens.size(); ++i) (*t)[w.tens[i]] = static_cast<int>(i) * 10 + 20;
}

// English, Spanish: "forty five" (hyphens are word breaks), "cuarenta y cinco".
void AddTensThenUnit(const Words& w, std::string_view joiner, Table* t) {
  for (size_t d = 0; d < w.tens.size(); ++d) {
    for (int u = 1; u <= 9; ++u) {
      (*t)[w.tens[d] + std::string(joiner) + w.units[u - 1]] = static_cast<int>(d) * 10 + 20 + u;
    }
  }
}

// Dutch and German: "vijfenveertig", "fünfundvierzig" (one word).
void AddUnitThenTens(const Words& w, std::string_view one, std::string_view joiner, Table* t) {
  for (size_t d = 0; d < w.tens.size(); ++d) {
    for (int u = 1; u <= 9; ++u) {
      const std::string unit = u == 1 ? std::string(one) : w.units[u - 1];
      (*t)[unit + std::string(joiner) + w.tens[d]] = static_cast<int>(d) * 10 + 20 + u;
    }
  }
}

void AddEnglish(Table* t) {
  const Words w{Split("one two three four five six seven eight nine ten eleven twelve thirteen "
                      "fourteen fifteen sixteen seventeen eighteen nineteen"),
                Split("twenty thirty forty fifty sixty seventy eighty ninety")};
  AddUnitsAndTens(w, t);
  AddTensThenUnit(w, " ", t);
  (*t)["a hundred"] = 100;
  for (int h = 1; h <= 9; ++h) (*t)[w.units[h - 1] + " hundred"] = h * 100;
  (*t)["hundred"] = 100;
}

void AddDutch(Table* t) {
  const Words w{Split("een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien "
                      "veertien vijftien zestien zeventien achttien negentien"),
                Split("twintig dertig veertig vijftig zestig zeventig tachtig negentig")};
  AddUnitsAndTens(w, t);
  AddUnitThenTens(w, "een", "en", t);  // "eenentwintig", "tweeentwintig" (folded ë)
  (*t)["honderd"] = 100;
  for (int h = 1; h <= 9; ++h) (*t)[w.units[h - 1] + "honderd"] = h * 100;
}

void AddGerman(Table* t) {
  const Words w{Split("eins zwei drei vier funf sechs sieben acht neun zehn elf zwolf dreizehn "
                      "vierzehn funfzehn sechzehn siebzehn achtzehn neunzehn"),
                Split("zwanzig dreissig vierzig funfzig sechzig siebzig achtzig neunzig")};
  AddUnitsAndTens(w, t);
  (*t)["ein"] = 1;
  AddUnitThenTens(w, "ein", "und", t);  // "einundzwanzig", "funfundvierzig"
  (*t)["hundert"] = 100;
  (*t)["einhundert"] = 100;
  for (int h = 2; h <= 9; ++h) (*t)[w.units[h - 1] + "hundert"] = h * 100;
}

void AddFrench(Table* t) {
  const std::vector<std::string> units = {"un",    "deux",     "trois",    "quatre",   "cinq",
                                          "six",   "sept",     "huit",     "neuf",     "dix",
                                          "onze",  "douze",    "treize",   "quatorze", "quinze",
                                          "seize", "dix sept", "dix huit", "dix neuf"};
  const std::vector<std::string> tens = {"vingt", "trente", "quarante", "cinquante", "soixante"};
  for (size_t i = 0; i < units.size(); ++i) (*t)[units[i]] = static_cast<int>(i) + 1;
  for (size_t d = 0; d < tens.size(); ++d) {
    const int base = static_cast<int>(d) * 10 + 20;
    (*t)[tens[d]] = base;
    (*t)[tens[d] + " et un"] = base + 1;
    for (int u = 2; u <= 9; ++u) (*t)[tens[d] + " " + units[u - 1]] = base + u;
  }
  for (int u = 0; u <= 9; ++u) {  // "soixante dix", "quatre vingt onze" (hyphens split words)
    (*t)["soixante " + units[9 + u]] = 70 + u;
    (*t)["quatre vingt " + units[9 + u]] = 90 + u;
  }
  (*t)["soixante et onze"] = 71;
  (*t)["quatre vingt"] = 80;
  (*t)["quatre vingts"] = 80;
  for (int u = 1; u <= 9; ++u) (*t)["quatre vingt " + units[u - 1]] = 80 + u;
  (*t)["cent"] = 100;
  for (int h = 2; h <= 9; ++h) (*t)[units[h - 1] + " cents"] = h * 100;
}

void AddSpanish(Table* t) {
  const Words w{Split("uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece "
                      "catorce quince dieciseis diecisiete dieciocho diecinueve"),
                Split("veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa")};
  AddUnitsAndTens(w, t);
  AddTensThenUnit(w, " y ", t);
  (*t)["un"] = 1;
  const char* veinti[] = {"veintiuno",  "veintidos",   "veintitres", "veinticuatro", "veinticinco",
                          "veintiseis", "veintisiete", "veintiocho", "veintinueve"};
  for (int u = 1; u <= 9; ++u) (*t)[veinti[u - 1]] = 20 + u;
  (*t)["veintiun"] = 21;
  (*t)["cien"] = 100;
  (*t)["ciento"] = 100;
  const char* hundreds[] = {"doscientos",  "trescientos", "cuatrocientos", "quinientos",
                            "seiscientos", "setecientos", "ochocientos",   "novecientos"};
  for (int h = 2; h <= 9; ++h) (*t)[hundreds[h - 2]] = h * 100;
}

void AddItalian(Table* t) {
  const Words w{Split("uno due tre quattro cinque sei sette otto nove dieci undici dodici "
                      "tredici quattordici quindici sedici diciassette diciotto diciannove"),
                Split("venti trenta quaranta cinquanta sessanta settanta ottanta novanta")};
  AddUnitsAndTens(w, t);
  (*t)["un"] = 1;
  for (size_t d = 0; d < w.tens.size(); ++d) {
    const std::string& ten = w.tens[d];
    const std::string elided = ten.substr(0, ten.size() - 1);  // "vent" + "uno"/"otto"
    for (int u = 1; u <= 9; ++u) {
      const std::string& unit = w.units[u - 1];
      const bool vowel = unit[0] == 'u' || unit[0] == 'o';
      (*t)[(vowel ? elided : ten) + unit] = static_cast<int>(d) * 10 + 20 + u;
    }
  }
  (*t)["cento"] = 100;
  for (int h = 2; h <= 9; ++h) (*t)[w.units[h - 1] + "cento"] = h * 100;
}

const Table& Numbers() {
  static const Table kTable = [] {
    Table t;
    AddEnglish(&t);
    AddDutch(&t);
    AddGerman(&t);
    AddFrench(&t);
    AddSpanish(&t);
    AddItalian(&t);
    return t;
  }();
  return kTable;
}

}  // namespace

bool SpelledNumber(std::string_view words, double* value) {
  const Table& t = Numbers();
  const auto it = t.find(std::string(words));
  if (it == t.end()) return false;
  *value = it->second;
  return true;
}

}  // namespace dateline::places
