// Finding place names in text: gazetteer matching of capitalised word sequences
// and Arabic-script words, entity spans, and relative-location phrases.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "extract/places/places_internal.h"

namespace dateline::places {
namespace {

constexpr size_t kMaxNameWords = 6;

struct Span {
  uint32_t start;
  uint32_t end;
};

struct Direction {
  std::string_view word;
  double bearing;
};

// Compass words of en, nl, de, fr, es, it and ar (folded).
constexpr Direction kDirections[] = {
    {"north", 0},          {"south", 180},       {"east", 90},         {"west", 270},
    {"northeast", 45},     {"northwest", 315},   {"southeast", 135},   {"southwest", 225},
    {"noorden", 0},        {"zuiden", 180},      {"oosten", 90},       {"westen", 270},
    {"noordoosten", 45},   {"noordwesten", 315}, {"zuidoosten", 135},  {"zuidwesten", 225},
    {"noord", 0},          {"zuid", 180},        {"oost", 90},         {"nordlich", 0},
    {"sudlich", 180},      {"ostlich", 90},      {"westlich", 270},    {"nordostlich", 45},
    {"nordwestlich", 315}, {"sudostlich", 135},  {"sudwestlich", 225}, {"norden", 0},
    {"suden", 180},        {"osten", 90},        {"nord", 0},          {"sud", 180},
    {"est", 90},           {"ouest", 270},       {"norte", 0},         {"sur", 180},
    {"este", 90},          {"oeste", 270},       {"noreste", 45},      {"noroeste", 315},
    {"sureste", 135},      {"sudeste", 135},     {"suroeste", 225},    {"sudoeste", 225},
    {"ovest", 270},        {"nordest", 45},      {"nordovest", 315},   {"sudest", 135},
    {"sudovest", 225},     {"شمال", 0},          {"جنوب", 180},        {"شرق", 90},
    {"غرب", 270},          {"شمالي", 0},         {"جنوبي", 180},       {"شرقي", 90},
    {"غربي", 270},         {"الشمال", 0},        {"الجنوب", 180},      {"الشرق", 90},
    {"الغرب", 270},
};

struct Unit {
  std::string_view word;
  double km;
};

constexpr double kMile = 1.609344;
constexpr Unit kUnits[] = {
    {"km", 1},         {"kms", 1},        {"kilometre", 1},  {"kilometres", 1}, {"kilometer", 1},
    {"kilometers", 1}, {"kilometern", 1}, {"kilometros", 1}, {"kilometro", 1},  {"chilometri", 1},
    {"chilometro", 1}, {"mile", kMile},   {"miles", kMile},  {"mi", kMile},     {"mijl", kMile},
    {"meilen", kMile}, {"كم", 1},         {"كلم", 1},        {"كيلومتر", 1},    {"كيلومترا", 1},
    {"كيلومترات", 1},  {"كيلو", 1},       {"ميل", kMile},    {"اميال", kMile},
};

// Words allowed between the number, unit, direction and place ("ten", "van", "au").
constexpr std::string_view kFillers[] = {
    "of",  "from", "the", "some",     "about", "around", "roughly", "nearly", "ten",
    "van", "zo",   "n",   "ongeveer", "circa", "au",     "du",      "de",     "d",
    "des", "la",   "le",  "environ",  "al",    "del",    "el",      "unos",   "a",
    "di",  "da",   "dal", "il",       "von",   "vom",    "der",     "etwa",   "rund",
    "im",  "من",   "عن",  "حوالي",    "نحو",   "بعد",    "على",
};

// Words before a place that make a name that is also a common word a place ("in Nice").
constexpr std::string_view kLocatives[] = {"in",  "near", "at",   "from",   "bij", "naar",
                                           "uit", "nach", "bei",  "aus",    "a",   "en",
                                           "da",  "di",   "dans", "presso", "في"};

// Words between "X," and the distance of a relative location ("X, about 40 km
// southwest of Y", "X, op zo'n 40 km", "X, situé à 40 km").
constexpr std::string_view kApproxWords[] = {
    "about",     "some",    "around", "roughly", "nearly",  "approximately", "just",  "ongeveer",
    "circa",     "zo",      "n",      "op",      "ca",      "etwa",          "rund",  "ungefahr",
    "gut",       "environ", "a",      "quelque", "situe",   "situee",        "unos",  "unas",
    "alrededor", "de",      "cerca",  "situado", "situada", "quasi",         "circa", "situato",
    "situata"};

// Words after a name that make it a region ("Mary province", "Hormozgan Province").
constexpr std::string_view kRegionWords[] = {
    "province", "provincie",   "provinz", "provincia", "region", "regio",   "regione",
    "state",    "governorate", "county",  "oblast",    "wilaya", "velayat", "district"};

template <typename Table>
auto FindWord(const Table& table, std::string_view w) -> decltype(&table[0]) {
  for (const auto& entry : table) {
    if (entry.word == w) return &entry;
  }
  return nullptr;
}

bool Contains(std::span<const std::string_view> list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool Exact(const std::vector<Span>& spans, uint32_t begin, uint32_t end) {
  auto it = std::lower_bound(spans.begin(), spans.end(), begin,
                             [](const Span& s, uint32_t b) { return s.start < b; });
  return it != spans.end() && it->start == begin && it->end == end;
}

bool Overlaps(const std::vector<Span>& spans, uint32_t begin, uint32_t end) {
  auto it = std::upper_bound(spans.begin(), spans.end(), begin,
                             [](uint32_t b, const Span& s) { return b < s.start; });
  if (it != spans.end() && it->start < end) return true;
  return it != spans.begin() && std::prev(it)->end > begin;
}

// True if two words may be parts of one name: a short gap of spaces, hyphens,
// apostrophes or a period ("Saint-Denis", "L'Aquila", "St. Louis", "U.S.").
bool Joinable(std::string_view text, uint32_t from, uint32_t to) {
  if (to <= from || to - from > 3) return false;
  const std::string_view gap = text.substr(from, to - from);
  if (gap == "\xE2\x80\x99") return true;
  return std::all_of(gap.begin(), gap.end(),
                     [](char c) { return c == ' ' || c == '-' || c == '\'' || c == '.'; });
}

std::string FoldWord(std::string_view text, const Word& w) {
  std::string key;
  AppendKeyWord(text.substr(w.begin, w.end - w.begin), &key);
  return key;
}

// True if the gap between two words of a phrase is plain (no sentence break).
bool PlainGap(std::string_view text, uint32_t from, uint32_t to) {
  if (to < from || to - from > 4) return false;
  for (const char c : text.substr(from, to - from)) {
    if (c == '\n' || c == '.' || c == ';' || c == '!' || c == '?' || c == ':') return false;
  }
  return true;
}

// Parses digits with thousands or decimal separators; false when not a number.
bool ParseAmount(std::string_view s, double* out) {
  double value = 0;
  double frac_scale = 0;
  size_t digits_after = 0;
  bool any = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      any = true;
      if (frac_scale > 0) {
        value += (c - '0') * frac_scale;
        frac_scale /= 10;
      } else {
        value = value * 10 + (c - '0');
      }
      ++digits_after;
      continue;
    }
    if (c != ',' && c != '.') return false;
    size_t run = 0;
    while (i + 1 + run < s.size() && s[i + 1 + run] >= '0' && s[i + 1 + run] <= '9') ++run;
    if (run != 3 || frac_scale > 0) frac_scale = 0.1;  // decimal separator
    digits_after = 0;
  }
  *out = value;
  return any && value > 0 && value < 5000;
}

double CombineBearings(double a, double b) {
  const double ra = a * std::numbers::pi / 180, rb = b * std::numbers::pi / 180;
  double deg =
      std::atan2(std::sin(ra) + std::sin(rb), std::cos(ra) + std::cos(rb)) * 180 / std::numbers::pi;
  if (deg < 0) deg += 360;
  return deg;
}

std::string CompassLabel(double bearing) {
  static constexpr std::string_view kLabels[] = {"N", "NE", "E", "SE", "S", "SW", "W", "NW"};
  const int idx = static_cast<int>(std::lround(bearing / 45.0)) % 8;
  return std::string(kLabels[idx]);
}

// Skips filler words backwards from words[*k]; false if it would cross a break.
bool SkipFillers(std::string_view text, const std::vector<Word>& words, size_t* k,
                 uint32_t min_start, std::string* folded) {
  for (int n = 0; n < 4; ++n) {
    *folded = FoldWord(text, words[*k]);
    if (!Contains(kFillers, *folded)) return true;
    if (*k == 0 || words[*k].begin < min_start) return false;
    if (!PlainGap(text, words[*k - 1].end, words[*k].begin)) return false;
    --*k;
  }
  return false;
}

// Reads the number ending at words[k] (joining "1,200"); sets its start.
bool ReadNumber(std::string_view text, const std::vector<Word>& words, size_t k, uint32_t min_start,
                double* value, uint32_t* start) {
  size_t first = k;
  while (first > 0 && words[first - 1].begin >= min_start &&
         words[first].begin - words[first - 1].end == 1) {
    const char sep = text[words[first - 1].end];
    if (sep != ',' && sep != '.') break;
    --first;
  }
  std::string digits;
  for (size_t i = first; i <= k; ++i) {
    if (i > first) digits.push_back(text[words[i - 1].end]);
    digits += FoldWord(text, words[i]);
  }
  *start = words[first].begin;
  return ParseAmount(digits, value);
}

// Reads a spelled-out number of up to 4 words ending at words[k] ("vijfenveertig",
// "forty-five", "cuarenta y cinco"), the longest that is a number; sets its start.
bool ReadSpelled(std::string_view text, const std::vector<Word>& words, size_t k,
                 uint32_t min_start, double* value, uint32_t* start) {
  size_t first = k;
  while (first > 0 && k - first < 3 && words[first - 1].begin >= min_start &&
         PlainGap(text, words[first - 1].end, words[first].begin)) {
    --first;
  }
  for (size_t f = first; f <= k; ++f) {
    std::string key;
    for (size_t i = f; i <= k; ++i)
      AppendKeyWord(text.substr(words[i].begin, words[i].end - words[i].begin), &key);
    if (SpelledNumber(key, value)) {
      *start = words[f].begin;
      return true;
    }
  }
  return false;
}

}  // namespace

bool ParseOffset(std::string_view text, const std::vector<Word>& words, size_t first,
                 uint32_t min_start, Offset* out) {
  if (first == 0 || words[first - 1].begin < min_start) return false;
  size_t k = first - 1;
  std::string w;
  if (!PlainGap(text, words[k].end, words[first].begin)) return false;
  if (!SkipFillers(text, words, &k, min_start, &w)) return false;
  const Direction* dir = FindWord(kDirections, w);
  if (dir == nullptr || k == 0) return false;
  double bearing = dir->bearing;
  if (!PlainGap(text, words[k - 1].end, words[k].begin)) return false;
  --k;
  if (const Direction* d2 = FindWord(kDirections, FoldWord(text, words[k]))) {
    bearing = CombineBearings(d2->bearing, bearing);  // "north-east", "nord-est"
    if (k == 0 || !PlainGap(text, words[k - 1].end, words[k].begin)) return false;
    --k;
  }
  if (!SkipFillers(text, words, &k, min_start, &w)) return false;
  const Unit* unit = FindWord(kUnits, w);
  double amount = 0;
  uint32_t start = 0;
  if (unit != nullptr) {
    if (k == 0 || words[k - 1].begin < min_start) return false;
    if (!PlainGap(text, words[k - 1].end, words[k].begin)) return false;
    if (!ReadNumber(text, words, k - 1, min_start, &amount, &start) &&
        !ReadSpelled(text, words, k - 1, min_start, &amount, &start)) {
      return false;
    }
  } else {
    const size_t digits = w.find_first_not_of("0123456789");  // "50km"
    if (digits == 0 || digits == std::string::npos) return false;
    unit = FindWord(kUnits, std::string_view(w).substr(digits));
    if (unit == nullptr || !ParseAmount(std::string_view(w).substr(0, digits), &amount)) {
      return false;
    }
    start = words[k].begin;
  }
  out->start = start;
  out->km = amount * unit->km;
  out->bearing = bearing;
  out->direction = CompassLabel(bearing);
  return true;
}

void MovePoint(double lat, double lon, double km, double bearing, double* out_lat,
               double* out_lon) {
  constexpr double kEarthKm = 6371.0088;
  constexpr double kRad = std::numbers::pi / 180;
  const double d = km / kEarthKm, b = bearing * kRad, p1 = lat * kRad, l1 = lon * kRad;
  const double p2 =
      std::asin(std::sin(p1) * std::cos(d) + std::cos(p1) * std::sin(d) * std::cos(b));
  const double l2 = l1 + std::atan2(std::sin(b) * std::sin(d) * std::cos(p1),
                                    std::cos(d) - std::sin(p1) * std::sin(p2));
  *out_lat = p2 / kRad;
  double lon2 = l2 / kRad;
  while (lon2 > 180) lon2 -= 360;
  while (lon2 < -180) lon2 += 360;
  *out_lon = lon2;
}

namespace {

// Arabic proclitics that may be glued to a name: wa-, fa-, bi-, li-, ka- (2 bytes each).
constexpr std::string_view kWaFa[] = {"\xD9\x88", "\xD9\x81"};
constexpr std::string_view kBiLiKa[] = {"\xD8\xA8", "\xD9\x84", "\xD9\x83"};

class Matcher {
 public:
  Matcher(const Gazetteer& g, std::string_view text, std::span<const EntityMention> entities)
      : g_(g), text_(text) {
    SplitWords(text, &words_);
    folded_.assign(words_.size(), kNotFolded);
    fold_end_.assign(words_.size(), 0);
    for (const EntityMention& e : entities) {
      if (e.start >= e.end || e.end > text.size()) continue;
      (e.type == EntityType::kLoc ? locs_ : blocked_).push_back(Span{e.start, e.end});
    }
    auto by_start = [](const Span& a, const Span& b) { return a.start < b.start; };
    std::sort(locs_.begin(), locs_.end(), by_start);
    std::sort(blocked_.begin(), blocked_.end(), by_start);
  }

  void Run(std::vector<Mention>* out) {
    for (size_t i = 0; i < words_.size();) {
      const Word& w = words_[i];
      size_t last = i;
      if ((w.capital || w.arabic) && !Overlaps(blocked_, w.begin, w.end) && Match(i, &last, out)) {
        i = last + 1;
      } else {
        ++i;
      }
    }
    AddEntitySpans(out);
    std::sort(out->begin(), out->end(),
              [](const Mention& a, const Mention& b) { return a.start < b.start; });
    AddOffsets(out);
    AddAppositions(out);
  }

 private:
  // Key of words_[j] (AppendKeyWord of the whole word), folded once per word.
  std::string_view Folded(size_t j) const {
    if (folded_[j] == kNotFolded) {
      folded_[j] = static_cast<uint32_t>(fold_blob_.size());
      AppendWordFold(text_.substr(words_[j].begin, words_[j].end - words_[j].begin), &fold_blob_);
      fold_end_[j] = static_cast<uint32_t>(fold_blob_.size());
    }
    return std::string_view(fold_blob_).substr(folded_[j], fold_end_[j] - folded_[j]);
  }

  // Appends the key of words_[j] without its first `skip` bytes to `key`, space
  // separated. `skip` only ever covers Arabic proclitic letters (kWaFa, kBiLiKa),
  // which fold to themselves, so the folded word without its first `skip` bytes
  // is the folded rest of the word.
  void AppendWordKey(size_t j, uint32_t skip, std::string* key) {
    if (!key->empty()) key->push_back(' ');
    const std::string_view f = Folded(j);
    key->append(f.substr(std::min<size_t>(skip, f.size())));
  }

  // Tries the longest name starting at word i (the first word from byte `skip`).
  bool Longest(size_t i, uint32_t skip, size_t* last, Lookup* best) {
    std::string key;
    bool found = false;
    for (size_t j = i; j < words_.size() && j < i + kMaxNameWords; ++j) {
      if (j > i && !Joinable(text_, words_[j - 1].end, words_[j].begin)) break;
      if (j > i && !ContinuesName(i, j)) break;
      AppendWordKey(j, j == i ? skip : 0, &key);
      if (j == i && !g_.MayStart(key)) break;  // the pre-filter: no name starts so
      Lookup lk;
      if (!g_.Find(key, &lk)) break;
      if ((lk.flags & kIsName) != 0 && !lk.postings.empty()) {
        *best = lk;
        *last = j;
        found = true;
      }
      if ((lk.flags & kIsPrefix) == 0) break;
    }
    return found;
  }

  // True if words_[j] may continue a name started at words_[i]: capitalised, or
  // a short particle ("Frankfurt am Main", "Rio de Janeiro"), not a lower-case
  // word ("La campaña" is not La Campana).
  bool ContinuesName(size_t i, size_t j) const {
    const Word& w = words_[j];
    if (w.capital || words_[i].arabic || w.end - w.begin <= 4) return true;
    const std::string_view f = Folded(j);
    return f == "della" || f == "delle" || f == "degli" || f == "dello" || f == "upon" ||
           f == "sobre" || f == "unter" || f == "sous" || (f[0] >= '0' && f[0] <= '9');
  }

  // Tries the word with its Arabic proclitics removed ("وطرابلس", "بليبيا").
  bool LongestArabic(size_t i, size_t* last, Lookup* best, uint32_t* skip) {
    const std::string_view w = text_.substr(words_[i].begin, words_[i].end - words_[i].begin);
    uint32_t s = 0;
    if (std::find(std::begin(kWaFa), std::end(kWaFa), w.substr(0, 2)) != std::end(kWaFa)) s = 2;
    for (int round = 0; round < 2; ++round) {
      if (s > 0 && w.size() >= s + 6 && Longest(i, s, last, best)) {
        *skip = s;
        return true;
      }
      const std::string_view rest = w.substr(s, 2);
      if (std::find(std::begin(kBiLiKa), std::end(kBiLiKa), rest) == std::end(kBiLiKa)) break;
      s += 2;
    }
    return false;
  }

  bool Match(size_t i, size_t* last, std::vector<Mention>* out) {
    Lookup lk;
    uint32_t skip = 0;
    if (!Longest(i, 0, last, &lk) && !(words_[i].arabic && LongestArabic(i, last, &lk, &skip))) {
      return false;
    }
    Mention m;
    m.start = words_[i].begin + skip;
    m.end = words_[*last].end;
    if (Overlaps(blocked_, m.start, m.end)) return false;
    const bool in_loc = Exact(locs_, m.start, m.end);
    m.region_hint = *last + 1 < words_.size() &&
                    Contains(kRegionWords, FoldWord(text_, words_[*last + 1])) &&
                    PlainGap(text_, words_[*last].end, words_[*last + 1].begin);
    if ((lk.flags & kIsCommon) != 0 && !in_loc && !m.region_hint && !AfterLocative(i)) {
      return false;
    }
    if (!in_loc && !words_[i].arabic && PartOfLongerName(i, *last)) return false;
    bool caps = true;
    for (size_t j = i; j <= *last; ++j) caps &= words_[j].all_caps;
    // "UN", "EU": a short word in capitals is an acronym, not the town "Un".
    const bool acronym = caps && i == *last && words_[i].end - words_[i].begin <= 3;
    for (const uint32_t p : lk.postings) {
      const bool is_acronym = (p & kAcronymBit) != 0;
      if (acronym ? is_acronym : (caps || !is_acronym)) m.postings.push_back(p);
    }
    if (m.postings.empty()) return false;
    std::string key;
    for (size_t j = i; j <= *last; ++j) AppendWordKey(j, j == i ? skip : 0, &key);
    m.key = std::move(key);
    out->push_back(std::move(m));
    return true;
  }

  bool AfterLocative(size_t i) const {
    if (i == 0 || !PlainGap(text_, words_[i - 1].end, words_[i].begin)) return false;
    return Contains(kLocatives, FoldWord(text_, words_[i - 1]));
  }

  // "Washington Post", "Paris Hilton", "Tybee Island": a one-word name next to
  // a capitalised Latin word that is not itself a place is part of another name.
  bool PartOfLongerName(size_t first, size_t last) const {
    if (first != last || TitleCaseLine(first)) return false;
    if (last + 1 < words_.size() && OtherName(last + 1, last)) return true;
    if (first == 0 || !OtherName(first - 1, first)) return false;
    // The word before counts only inside a sentence ("In Tripoli" starts one).
    return first >= 2 && PlainGap(text_, words_[first - 2].end, words_[first - 1].begin) &&
           words_[first - 2].end < words_[first - 1].begin;
  }

  // True if most words of the line around words_[k] are capitalised (a headline).
  bool TitleCaseLine(size_t k) const {
    size_t lo = k, hi = k;
    auto joined = [&](size_t a) {
      const std::string_view gap = text_.substr(words_[a].end, words_[a + 1].begin - words_[a].end);
      return gap.find('\n') == std::string_view::npos;
    };
    while (lo > 0 && k - lo < 20 && joined(lo - 1)) --lo;
    while (hi + 1 < words_.size() && hi - k < 20 && joined(hi)) ++hi;
    size_t caps = 0;
    for (size_t i = lo; i <= hi; ++i) caps += words_[i].capital;
    return hi - lo >= 3 && caps * 10 >= (hi - lo + 1) * 6;
  }

  // True if words_[k], one space from its neighbour words_[n], is a capitalised
  // word that is not a place name.
  bool OtherName(size_t k, size_t n) const {
    const Word& w = words_[k];
    if (!w.capital || w.all_caps || w.arabic) return false;
    const std::string folded = FoldWord(text_, w);
    if (Contains(kRegionWords, folded)) return false;
    const size_t lo = std::min(k, n);
    if (words_[lo + 1].begin != words_[lo].end + 1 || text_[words_[lo].end] != ' ') return false;
    Lookup lk;
    return !g_.Find(folded, &lk) || (lk.flags & kIsName) == 0;
  }

  // LOC entity spans that are names of the gazetteer but were not matched above.
  void AddEntitySpans(std::vector<Mention>* out) {
    std::vector<Span> taken;
    for (const Mention& m : *out) taken.push_back(Span{m.start, m.end});
    std::sort(taken.begin(), taken.end(),
              [](const Span& a, const Span& b) { return a.start < b.start; });
    for (const Span& s : locs_) {
      if (Overlaps(taken, s.start, s.end)) continue;
      Lookup lk;
      std::string key = NameKey(text_.substr(s.start, s.end - s.start));
      if (key.empty() || !g_.Find(key, &lk) || (lk.flags & kIsName) == 0) continue;
      Mention m;
      m.start = s.start;
      m.end = s.end;
      m.key = std::move(key);
      const bool caps = AllCaps(s.start, s.end);
      for (const uint32_t p : lk.postings) {
        if (caps || (p & kAcronymBit) == 0) m.postings.push_back(p);
      }
      if (!m.postings.empty()) out->push_back(std::move(m));
    }
  }

  bool AllCaps(uint32_t start, uint32_t end) const {
    auto it = std::lower_bound(words_.begin(), words_.end(), start,
                               [](const Word& w, uint32_t b) { return w.begin < b; });
    bool any = false;
    for (; it != words_.end() && it->end <= end; ++it) {
      if (!it->all_caps) return false;
      any = true;
    }
    return any;
  }

  void AddOffsets(std::vector<Mention>* out) {
    uint32_t prev_end = 0;
    for (Mention& m : *out) {
      auto it = std::lower_bound(words_.begin(), words_.end(), m.start,
                                 [](const Word& w, uint32_t b) { return w.begin < b; });
      const auto first = static_cast<size_t>(it - words_.begin());
      if (it != words_.end() && it->begin == m.start) {
        m.has_offset = ParseOffset(text_, words_, first, prev_end, &m.offset);
      }
      prev_end = m.end;
    }
  }

  size_t WordAt(uint32_t begin) const {
    auto it = std::lower_bound(words_.begin(), words_.end(), begin,
                               [](const Word& w, uint32_t b) { return w.begin < b; });
    return it != words_.end() && it->begin == begin ? static_cast<size_t>(it - words_.begin())
                                                    : words_.size();
  }

  // True if the gap before words_[k] is a comma and spaces ("Al-Aziziya, 40 km").
  bool CommaBefore(size_t k) const {
    if (k == 0) return false;
    const std::string_view gap =
        text_.substr(words_[k - 1].end, words_[k].begin - words_[k - 1].end);
    return gap.size() <= 3 && std::count(gap.begin(), gap.end(), ',') == 1 &&
           std::all_of(gap.begin(), gap.end(), [](char c) { return c == ',' || c == ' '; });
  }

  // The first word of the capitalised name ending at words_[last] (at most 4
  // words; a leading locative or article is not part of it), or npos.
  size_t NameStart(size_t last) const {
    if (!words_[last].capital && !words_[last].arabic) return std::string::npos;
    size_t b = last;
    while (b > 0 && last - b < 3 && Joinable(text_, words_[b - 1].end, words_[b].begin) &&
           text_[words_[b - 1].end] != '.' && (words_[b - 1].capital || words_[b - 1].arabic)) {
      --b;
    }
    while (b < last && (Contains(kLocatives, FoldWord(text_, words_[b])) ||
                        Contains(kFillers, FoldWord(text_, words_[b])))) {
      ++b;
    }
    return b;
  }

  // "X, about 40 km southwest of Y": links X to Y. X may be a name found above
  // or a capitalised name the gazetteer lacks (or the tagger took for an
  // organisation): the relative location says it is a place.
  void AddAppositions(std::vector<Mention>* out) {
    std::vector<Mention> added;
    for (const Mention& y : *out) {
      if (!y.has_offset) continue;
      size_t k = WordAt(y.offset.start);
      for (int n = 0; n < 3 && k < words_.size() && k > 0 && !CommaBefore(k) &&
                      PlainGap(text_, words_[k - 1].end, words_[k].begin) &&
                      Contains(kApproxWords, FoldWord(text_, words_[k - 1]));
           ++n) {
        --k;
      }
      if (k >= words_.size() || !CommaBefore(k)) continue;
      const uint32_t x_end = words_[k - 1].end;
      auto x = std::find_if(out->begin(), out->end(),
                            [&](const Mention& m) { return m.end == x_end && !m.has_offset; });
      if (x != out->end()) {
        x->appositive = true;
        x->ref_start = y.start;
        continue;
      }
      const size_t b = NameStart(k - 1);
      if (b == std::string::npos) continue;
      Mention m = NameMention(b, k - 1);
      m.appositive = true;
      m.ref_start = y.start;
      added.push_back(std::move(m));
    }
    for (Mention& m : added) {
      std::vector<Span> taken;
      for (const Mention& o : *out) taken.push_back(Span{o.start, o.end});
      if (!std::any_of(taken.begin(), taken.end(),
                       [&](const Span& s) { return s.start < m.end && m.start < s.end; })) {
        out->push_back(std::move(m));
      }
    }
    std::sort(out->begin(), out->end(),
              [](const Mention& a, const Mention& b) { return a.start < b.start; });
  }

  // A mention of words_[b..last] with the gazetteer entries of its name, if any.
  Mention NameMention(size_t b, size_t last) const {
    Mention m;
    m.start = words_[b].begin;
    m.end = words_[last].end;
    for (size_t j = b; j <= last; ++j) {
      AppendKeyWord(text_.substr(words_[j].begin, words_[j].end - words_[j].begin), &m.key);
    }
    Lookup lk;
    if (g_.Find(m.key, &lk) && (lk.flags & kIsName) != 0) {
      for (const uint32_t p : lk.postings) {
        if ((p & kAcronymBit) == 0) m.postings.push_back(p);
      }
    }
    return m;
  }

  const Gazetteer& g_;
  std::string_view text_;
  std::vector<Word> words_;
  static constexpr uint32_t kNotFolded = UINT32_MAX;
  mutable std::vector<uint32_t> folded_;    // start of each word's key in fold_blob_, or kNotFolded
  mutable std::vector<uint32_t> fold_end_;  // end of it
  mutable std::string fold_blob_;
  std::vector<Span> locs_;
  std::vector<Span> blocked_;
};

}  // namespace

void FindMentions(const Gazetteer& g, std::string_view text,
                  std::span<const EntityMention> entities, std::vector<Mention>* out) {
  Matcher(g, text, entities).Run(out);
}

}  // namespace dateline::places
