// Evaluation of FindPlaces (bench/places/README.md):
//   eval_places gold WORKDIR GOLD.tsv     mention-level accuracy and share within 161 km
//   eval_places suggest WORKDIR LOC.tsv   the system's choice for mentions (for annotating)
//   eval_places gdelt WORKDIR/gdelt.tsv   GDELT place names resolved, share within 161 km
//   eval_places reuters REUTERS_DIR       document-level countries vs <PLACES> tags
//   eval_places speed FILE                MB/s of Tokenize and of FindPlaces
//   eval_places once FILE WHAT            one pass of tokenize, places or load only (callgrind)
//   eval_places find FILE [LANG]          the places of one file, without tagger spans
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dateline/places.h"
#include "dateline/text.h"
#include "extract/places/gazetteer.h"

namespace {

using dateline::Place;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::vector<std::string>> ReadTsv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    rows.push_back(cols);
  }
  return rows;
}

// The system's place overlapping a gold span; when the span holds several names
// ("Iran's Qeshm island") the one with the gold id if there is one.
const Place* Overlapping(const std::vector<Place>& places, uint32_t start, uint32_t end,
                         int64_t id = 0) {
  const Place* first = nullptr;
  for (const Place& p : places) {
    if (p.start < end && start < p.end) {
      if (p.geonames_id == id) return &p;
      if (first == nullptr) first = &p;
    }
  }
  return first;
}

struct Tally {
  int total = 0, found = 0, correct = 0, within = 0;
  void Print(const char* label) const {
    std::printf("%-28s n=%d found=%.1f%% correct=%.1f%% within161km=%.1f%%\n", label, total,
                100.0 * found / std::max(total, 1), 100.0 * correct / std::max(total, 1),
                100.0 * within / std::max(total, 1));
  }
  void Add(const Place* p, int64_t id, double lat, double lon) {
    ++total;
    if (p == nullptr) return;
    ++found;
    correct += p->geonames_id == id;
    within += dateline::DistanceKm(p->lat, p->lon, lat, lon) <= 161;
  }
};

// gold.tsv: source, doc, start, end, mention, geonames id, lat, lon, name.
int Gold(const std::string& work, const std::string& gold_path) {
  std::map<std::string, Tally> own, given;
  int misses_shown = 0;
  for (const auto& r : ReadTsv(gold_path)) {
    if (r.size() < 8) continue;
    const std::string text = ReadFile(work + "/docs/" + r[1]);
    const auto start = static_cast<uint32_t>(std::stoul(r[2]));
    const auto end = static_cast<uint32_t>(std::stoul(r[3]));
    const int64_t id = std::stoll(r[5]);
    const double lat = std::stod(r[6]), lon = std::stod(r[7]);
    const auto found = dateline::FindPlaces(text, "", {});
    const Place* p = Overlapping(found, start, end, id);
    own[r[0]].Add(p, id, lat, lon);
    own["all"].Add(p, id, lat, lon);
    const dateline::EntityMention loc{start, end, dateline::EntityType::kLoc};
    const auto with_name = dateline::FindPlaces(text, "", std::span(&loc, 1));
    const Place* q = Overlapping(with_name, start, end, id);
    given[r[0]].Add(q, id, lat, lon);
    given["all"].Add(q, id, lat, lon);
    if ((q == nullptr || q->geonames_id != id) && misses_shown++ < 40) {
      std::printf("miss %s %s '%s' gold %lld -> %s\n", r[0].c_str(), r[1].c_str(), r[4].c_str(),
                  static_cast<long long>(id),
                  q ? (std::to_string(q->geonames_id) + " " + q->name + " " + q->country + " (" +
                       q->why + ")")
                          .c_str()
                    : "none");
    }
  }
  for (const auto& [k, t] : own) t.Print(("own detection " + k).c_str());
  for (const auto& [k, t] : given) t.Print(("given the name " + k).c_str());
  return 0;
}

int Suggest(const std::string& work, const std::string& loc_path) {
  for (const auto& r : ReadTsv(loc_path)) {
    if (r.size() < 4) continue;
    const std::string text = ReadFile(work + "/docs/" + r[0]);
    const auto start = static_cast<uint32_t>(std::stoul(r[1]));
    const auto end = static_cast<uint32_t>(std::stoul(r[2]));
    const dateline::EntityMention loc{start, end, dateline::EntityType::kLoc};
    const auto found = dateline::FindPlaces(text, "", std::span(&loc, 1));
    const Place* p = Overlapping(found, start, end);
    std::printf("%s\t%s\t%s\t%s", r[0].c_str(), r[1].c_str(), r[2].c_str(), r[3].c_str());
    if (p != nullptr) {
      std::printf("\t%lld\t%.5f\t%.5f\t%s\t%s\t%s\t%s\t%s", static_cast<long long>(p->geonames_id),
                  p->lat, p->lon, p->name.c_str(), p->country.c_str(), p->admin1.c_str(),
                  p->text.c_str(), p->why.c_str());
    }
    std::printf("\n");
  }
  return 0;
}

// gdelt.tsv: "Name, Region, Country", FIPS country, lat, lon.
int Gdelt(const std::string& path) {
  Tally t;
  for (const auto& r : ReadTsv(path)) {
    if (r.size() < 4) continue;
    const std::string& text = r[0];
    const size_t comma = text.find(',');
    const auto end = static_cast<uint32_t>(comma == std::string::npos ? text.size() : comma);
    const dateline::EntityMention loc{0, end, dateline::EntityType::kLoc};
    const auto found = dateline::FindPlaces(text, "", std::span(&loc, 1));
    const Place* p = Overlapping(found, 0, end);
    ++t.total;
    if (p == nullptr) continue;
    ++t.found;
    const double km = dateline::DistanceKm(p->lat, p->lon, std::stod(r[2]), std::stod(r[3]));
    t.within += km <= 161;
    if (km > 161)
      std::printf("far %s -> %s %s %.0f km\n", text.c_str(), p->name.c_str(), p->country.c_str(),
                  km);
  }
  std::printf("GDELT place names: n=%d found=%.1f%% within161km=%.1f%% (of all)\n", t.total,
              100.0 * t.found / std::max(t.total, 1), 100.0 * t.within / std::max(t.total, 1));
  return 0;
}

std::string ReutersCode(const std::string& place) {
  static const std::map<std::string, std::string> kOld = {
      {"usa", "US"},
      {"uk", "GB"},
      {"west-germany", "DE"},
      {"east-germany", "DE"},
      {"ussr", "RU"},
      {"hong-kong", "HK"},
      {"south-korea", "KR"},
      {"north-korea", "KP"},
      {"uae", "AE"},
      {"czechoslovakia", "CZ"},
      {"yugoslavia", "RS"},
      {"zaire", "CD"},
      {"burma", "MM"},
      {"ivory-coast", "CI"},
      {"south-africa", "ZA"},
      {"new-zealand", "NZ"},
      {"saudi-arabia", "SA"},
      {"sri-lanka", "LK"},
      {"taiwan", "TW"},
      {"west-berlin", "DE"},
      {"netherlands-antilles", "CW"},
      {"kampuchea", "KH"},
      {"upper-volta", "BF"},
  };
  if (const auto it = kOld.find(place); it != kOld.end()) return it->second;
  std::string name = place;
  std::replace(name.begin(), name.end(), '-', ' ');
  return dateline::CountryCode(name);
}

std::string StripTags(const std::string& s) {
  static const std::regex kEntity("&lt;|&gt;|&amp;|&#[0-9]+;");
  return std::regex_replace(s, kEntity, " ");
}

int Reuters(const std::string& dir) {
  static const std::regex kDoc("<REUTERS[^>]*>([\\s\\S]*?)</REUTERS>");
  static const std::regex kPlaces("<PLACES>(.*?)</PLACES>");
  static const std::regex kD("<D>(.*?)</D>");
  static const std::regex kText("<TITLE>([\\s\\S]*?)</TITLE>[\\s\\S]*?<BODY>([\\s\\S]*?)</BODY>");
  long tp = 0, fp = 0, fn = 0, docs = 0, unmapped = 0;
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".sgm") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    const std::string sgm = ReadFile(f);
    for (std::sregex_iterator it(sgm.begin(), sgm.end(), kDoc), end; it != end; ++it) {
      const std::string doc = (*it)[1];
      std::smatch pm, tm;
      if (!std::regex_search(doc, pm, kPlaces) || !std::regex_search(doc, tm, kText)) continue;
      std::set<std::string> gold, got;
      const std::string places = pm[1];
      for (std::sregex_iterator d(places.begin(), places.end(), kD), e2; d != e2; ++d) {
        const std::string cc = ReutersCode((*d)[1]);
        if (cc.empty())
          ++unmapped;
        else
          gold.insert(cc);
      }
      if (gold.empty()) continue;
      ++docs;
      const std::string text = StripTags(std::string(tm[1]) + "\n" + std::string(tm[2]));
      for (const Place& p : dateline::FindPlaces(text, "en", {})) {
        if (!p.country.empty()) got.insert(p.country);
      }
      for (const auto& c : got) (gold.count(c) ? tp : fp)++;
      for (const auto& c : gold) fn += got.count(c) == 0;
    }
  }
  const double p = tp / std::max(1.0, double(tp + fp)), r = tp / std::max(1.0, double(tp + fn));
  std::printf("Reuters-21578 docs=%ld countries P=%.3f R=%.3f F1=%.3f (unmapped tags %ld)\n", docs,
              p, r, 2 * p * r / std::max(1e-9, p + r), unmapped);
  return 0;
}

int Speed(const std::string& path) {
  const std::string all = ReadFile(path);
  std::vector<std::string_view> docs;
  for (size_t pos = 0; pos < all.size();) {
    size_t next = all.find('\f', pos);
    if (next == std::string::npos) next = all.size();
    docs.push_back(std::string_view(all).substr(pos, next - pos));
    pos = next + 1;
  }
  dateline::FindPlaces("warm up in Paris", "en", {});
  const double mb = static_cast<double>(all.size()) / 1e6;
  auto time = [&](auto fn) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int rep = 0; rep < 3; ++rep) {
      for (const auto d : docs) fn(d);
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / 3;
  };
  size_t n_tokens = 0, n_places = 0;
  const double tok = time([&](std::string_view d) {
    std::vector<dateline::text::Token> toks;
    dateline::text::Tokenize(d, &toks);
    n_tokens += toks.size();
  });
  const double plc =
      time([&](std::string_view d) { n_places += dateline::FindPlaces(d, "en", {}).size(); });
  std::printf(
      "%zu docs, %.1f MB: Tokenize %.1f MB/s, FindPlaces %.1f MB/s (%.0f%% of Tokenize "
      "time), %zu places/pass\n",
      docs.size(), mb, mb / tok, mb / plc, 100 * plc / tok, n_places / 3);
  return 0;
}

// Prints the places of one file (no tagger spans): start, end, text, id, country, why.
int FindFile(const std::string& path, const std::string& lang) {
  const std::string text = ReadFile(path);
  for (const Place& p : dateline::FindPlaces(text, lang, {})) {
    std::printf("%u\t%u\t%s\t%lld\t%s\t%s\t%s\t%.4f,%.4f r=%.0f\t%s\n", p.start, p.end,
                p.text.c_str(), static_cast<long long>(p.geonames_id), p.name.c_str(),
                p.country.c_str(), p.precision.c_str(), p.lat, p.lon, p.radius_km, p.why.c_str());
  }
  return 0;
}

// Lines "name<TAB>key" (keys folded by scripts/build-gazetteer.py): counts names
// whose key differs from places::NameKey, the C++ folding used on text.
int FoldCheck(const std::string& path) {
  long n = 0, bad = 0;
  for (const auto& row : ReadTsv(path)) {
    if (row.size() != 2) continue;
    ++n;
    const std::string key = dateline::places::NameKey(row[0]);
    if (key != row[1] && ++bad <= 20) {
      std::printf("differs: %s -> C++ '%s', Python '%s'\n", row[0].c_str(), key.c_str(),
                  row[1].c_str());
    }
  }
  std::printf("%ld names, %ld keys differ\n", n, bad);
  return bad == 0 ? 0 : 1;
}

// One pass of only Tokenize or only FindPlaces over FILE (for callgrind instruction counts).
int Once(const std::string& path, const std::string& which) {
  const std::string all = ReadFile(path);
  size_t n = 0;
  if (which == "places") dateline::FindPlaces("warm up in Paris", "en", {});
  for (size_t pos = 0; pos < all.size();) {
    size_t next = all.find('\f', pos);
    if (next == std::string::npos) next = all.size();
    const std::string_view d = std::string_view(all).substr(pos, next - pos);
    if (which == "places") {
      n += dateline::FindPlaces(d, "en", {}).size();
    } else if (which == "tokenize") {
      std::vector<dateline::text::Token> toks;
      dateline::text::Tokenize(d, &toks);
      n += toks.size();
    }
    pos = next + 1;
  }
  std::printf("%s: %zu bytes, %zu items\n", which.c_str(), all.size(), n);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> a(argv + 1, argv + argc);
  if (a.size() == 3 && a[0] == "gold") return Gold(a[1], a[2]);
  if (a.size() == 3 && a[0] == "suggest") return Suggest(a[1], a[2]);
  if (a.size() == 2 && a[0] == "gdelt") return Gdelt(a[1]);
  if (a.size() == 2 && a[0] == "reuters") return Reuters(a[1]);
  if (a.size() == 2 && a[0] == "speed") return Speed(a[1]);
  if (a.size() == 2 && a[0] == "foldcheck") return FoldCheck(a[1]);
  if (a.size() == 3 && a[0] == "once") return Once(a[1], a[2]);
  if (a.size() >= 2 && a[0] == "find") return FindFile(a[1], a.size() > 2 ? a[2] : "");
  std::fprintf(stderr,
               "usage: eval_places gold WORKDIR GOLD.tsv | suggest WORKDIR LOC.tsv | gdelt FILE "
               "| reuters DIR | speed FILE | once FILE tokenize|places|load | find FILE [LANG]\n");
  return 2;
}
