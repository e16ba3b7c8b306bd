// FindPlaces: candidate mentions resolved to gazetteer entries with the
// document's context (doc/places.md "Resolution").
#include "dateline/places.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numbers>
#include <set>

#include "extract/places/places_internal.h"

namespace dateline {
namespace {

using places::GazEntry;
using places::Gazetteer;
using places::Kind;
using places::Mention;

constexpr double kCountryMentioned = 3.0;  // the candidate's country is named in the text
constexpr double kPlaceInCountry = 2.0;    // another place of that country is in the text
constexpr double kContextCap = 4.0;
constexpr double kRegionMentioned = 2.0;
constexpr double kNearby = 1.0;
constexpr double kNearbyKm = 150;
constexpr double kSourceCountry = 1.5;
constexpr double kPrimaryName = 2.0;
constexpr double kRegionWord = 3.0;     // "Mary province": the region, not the town
constexpr double kStrongCountry = 4.0;  // votes for a country that make it the document's
constexpr double kFarKm = 1500;         // a lone candidate this far from the rest is doubtful
constexpr uint64_t kFarMaxPopulation = 200000;

double FeatureBonus(std::string_view f) {
  if (f == "PCLI") return 2.5;
  if (f == "CONT") return 6.0;  // no population: a continent outranks towns of its name
  if (f == "PPLC") return 1.5;
  if (f == "PPLA") return 1.0;
  if (f == "PPLA2") return 0.4;
  if (f == "PPLX") return -1.0;
  return 0;
}

std::string_view FeatureWhy(std::string_view f) {
  if (f == "PPLC") return "capital";
  if (f == "PPLA") return "region seat";
  if (f == "PCLI") return "country";
  if (f == "ADM1") return "region";
  if (f == "CONT") return "continent";
  return {};
}

// "1.3M", "229K", "850" (integer arithmetic: this runs for every name of every text).
std::string HumanCount(uint64_t n) {
  if (n >= 1000000) {
    const uint64_t tenths = (n + 50000) / 100000;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "M";
  }
  if (n >= 1000) return std::to_string((n + 500) / 1000) + "K";
  return std::to_string(n);
}

std::string_view CountryOf(const GazEntry& e) { return std::string_view(e.cc, e.cc[1] ? 2 : 0); }

// The score of a candidate without document context.
double BaseScore(const GazEntry& e, uint32_t posting, std::string_view source_country) {
  // Regions carry the summed population of their towns: discounted so that a
  // big city is preferred to the region of the same name ("New York").
  const double pop = e.kind == Kind::kRegion ? static_cast<double>(e.population) / 5
                                             : static_cast<double>(e.population);
  double s = std::log10(pop + 10) + FeatureBonus(e.feature);
  if ((posting & places::kPrimaryBit) != 0) s += kPrimaryName;
  if (!source_country.empty() && CountryOf(e) == source_country) s += kSourceCountry;
  return s;
}

// What the other mentions of the document say about countries, regions and
// places (from their context-free best candidates).
struct Context {
  struct Vote {
    std::string key;  // the mention's name: a name is no evidence for itself
    std::string cc;
    std::string region;  // for region mentions
    double weight = 0;
    bool has_place = false;
    GazEntry place;  // for place mentions
  };
  std::vector<Vote> votes;
  std::vector<uint16_t> countries;  // sorted codes of the votes, a quick "no vote" test
};

uint16_t Code16(std::string_view cc) {
  return cc.size() == 2
             ? static_cast<uint16_t>(static_cast<uint8_t>(cc[0]) << 8 | static_cast<uint8_t>(cc[1]))
             : 0;
}

struct Choice {
  int32_t best = -1;  // index into the mention's postings
  double score = 0;
  std::string why;
};

class Resolver {
 public:
  Resolver(const Gazetteer& g, std::string_view source_country) : g_(g), source_(source_country) {}

  void BuildContext(const std::vector<Mention>& mentions) {
    std::set<std::string> seen;
    for (const Mention& m : mentions) {
      if (!seen.insert(m.key).second) continue;
      const int32_t b = BestBase(m);
      if (b < 0) continue;
      const GazEntry e = g_.entry(m.postings[b] & places::kEntryMask);
      Context::Vote v;
      v.key = m.key;
      v.cc = std::string(CountryOf(e));
      v.weight = e.kind == Kind::kCountry ? kCountryMentioned : kPlaceInCountry;
      if (e.kind == Kind::kRegion) v.region = std::string(e.name);
      if (e.kind == Kind::kPlace) {
        v.has_place = true;
        v.place = e;
      }
      if (!v.cc.empty()) {
        ctx_.countries.push_back(Code16(v.cc));
        ctx_.votes.push_back(std::move(v));
      }
    }
    std::sort(ctx_.countries.begin(), ctx_.countries.end());
  }

  // The country the other names of the document point to, when they point to
  // one clearly: at least kStrongCountry of votes and twice any other country.
  std::string DominantCountry(const std::string& key, std::string* why) const {
    std::map<std::string, double> by_cc;
    std::map<std::string, int> places, countries;
    for (const Context::Vote& v : ctx_.votes) {
      if (v.key == key) continue;
      by_cc[v.cc] += v.weight;
      (v.weight == kCountryMentioned ? countries : places)[v.cc]++;
    }
    std::string best;
    double top = 0, second = 0;
    for (const auto& [cc, w] : by_cc) {
      if (w > top) {
        second = top;
        top = w;
        best = cc;
      } else {
        second = std::max(second, w);
      }
    }
    if (top < kStrongCountry || top < 2 * second) return {};
    *why = "country " + best + " in text " + std::to_string(countries[best]) + "x, " +
           std::to_string(places[best]) + " other places of " + best;
    return best;
  }

  // The distance from `e` to the nearest place named elsewhere in the text
  // (or to the country `cc` when no place is named); -1 when nothing to measure.
  double NearestOther(const std::string& key, const GazEntry& e, const GazEntry* country) const {
    double best = -1;
    for (const Context::Vote& v : ctx_.votes) {
      if (v.key == key || !v.has_place) continue;
      const double d = DistanceKm(v.place.lat, v.place.lon, e.lat, e.lon);
      if (best < 0 || d < best) best = d;
    }
    if (best < 0 && country != nullptr) best = DistanceKm(country->lat, country->lon, e.lat, e.lon);
    return best;
  }

  Choice Choose(const Mention& m) const {
    Choice c;
    for (size_t i = 0; i < m.postings.size(); ++i) {
      const GazEntry e = g_.entry(m.postings[i] & places::kEntryMask);
      double s = BaseScore(e, m.postings[i], source_) + ContextScore(m, e, nullptr);
      if (m.region_hint && e.kind == Kind::kRegion) s += kRegionWord;
      if (c.best < 0 || s > c.score ||
          (s == c.score && e.id < g_.entry(m.postings[c.best] & places::kEntryMask).id)) {
        c.best = static_cast<int32_t>(i);
        c.score = s;
      }
    }
    if (c.best < 0) return c;
    const GazEntry e = g_.entry(m.postings[c.best] & places::kEntryMask);
    std::vector<std::string> reasons;  // only the winner is explained
    ContextScore(m, e, &reasons);
    if (m.region_hint && e.kind == Kind::kRegion) reasons.push_back("named as a region");
    c.why = Explain(m, e, m.postings[c.best], &reasons);
    return c;
  }

 private:
  int32_t BestBase(const Mention& m) const {
    int32_t best = -1;
    double score = 0;
    for (size_t i = 0; i < m.postings.size(); ++i) {
      const GazEntry e = g_.entry(m.postings[i] & places::kEntryMask);
      const double s = BaseScore(e, m.postings[i], source_);
      if (best < 0 || s > score) {
        best = static_cast<int32_t>(i);
        score = s;
      }
    }
    return best;
  }

  double ContextScore(const Mention& m, const GazEntry& e,
                      std::vector<std::string>* reasons) const {
    const std::string_view cc = CountryOf(e);
    if (!std::binary_search(ctx_.countries.begin(), ctx_.countries.end(), Code16(cc))) return 0;
    double country = 0, region = 0, near = 0;
    std::string country_why, region_why, near_why;
    for (const Context::Vote& v : ctx_.votes) {
      if (v.key == m.key || v.cc != cc) continue;
      country += v.weight;
      if (reasons != nullptr && country_why.empty()) {
        country_why = v.weight == kCountryMentioned ? "country " + v.cc + " in text"
                                                    : "other places of " + v.cc + " in text";
      }
      if (!v.region.empty() && v.region == e.admin1 && region == 0) {
        region = kRegionMentioned;
        if (reasons != nullptr) region_why = "region " + v.region + " in text";
      }
      if (v.has_place && v.place.id != e.id && near == 0 &&
          DistanceKm(v.place.lat, v.place.lon, e.lat, e.lon) < kNearbyKm) {
        near = kNearby;
        if (reasons != nullptr) near_why = "near " + std::string(v.place.name);
      }
    }
    if (e.kind == Kind::kCountry) country = 0;  // a country needs no support from its towns
    country = std::min(country, kContextCap);
    for (const std::string* w : {&country_why, &region_why, &near_why}) {
      if (!w->empty() && (w != &country_why || country > 0)) reasons->push_back(*w);  // explain
    }
    return country + region + near;
  }

  std::string Explain(const Mention& m, const GazEntry& e, uint32_t posting,
                      std::vector<std::string>* reasons) const {
    std::set<int64_t> ids;
    for (const uint32_t p : m.postings) ids.insert(g_.entry(p & places::kEntryMask).id);
    std::string why = ids.size() == 1 ? "only candidate" : "best of " + std::to_string(ids.size());
    for (const std::string& r : *reasons) why += "; " + r;
    if (!source_.empty() && CountryOf(e) == source_)
      why += "; source country " + std::string(source_);
    if (const std::string_view f = FeatureWhy(e.feature); !f.empty()) why += "; " + std::string(f);
    if (e.population > 0) why += "; population " + HumanCount(e.population);
    if ((posting & places::kPrimaryBit) == 0) why += "; alternate name";
    return why;
  }

  const Gazetteer& g_;
  std::string_view source_;
  Context ctx_;
};

std::string_view PrecisionOf(const GazEntry& e) {
  switch (e.kind) {
    case Kind::kCountry:
      return "country";
    case Kind::kRegion:
      return "region";
    default:
      return "exact";
  }
}

// The uncertainty of a relative location: the stated distance is rounded and the
// reference is a point of a town (or the middle of a region or country).
double RadiusOf(const GazEntry& ref, double km) {
  const double base = ref.kind == Kind::kPlace ? 5 : ref.kind == Kind::kRegion ? 50 : 200;
  return std::max(base, km * 0.25);
}

std::string RelativeWhy(const places::Offset& o, const GazEntry& ref) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%g km %s of %s (%s)", o.km, o.direction.c_str(),
                std::string(ref.name).c_str(), std::string(CountryOf(ref)).c_str());
  return buf;
}

std::string Km(double km) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f km", km);
  return buf;
}

// How one name of the document is resolved (one sense per name and document).
struct Resolution {
  enum Mode { kNone, kEntry, kApprox, kCountry } mode = kNone;
  uint32_t entry = 0;  // the chosen entry, the reference (kApprox) or the country (kCountry)
  double lat = 0, lon = 0, radius_km = 0;
  std::string why;
};

Place MakePlace(std::string_view text, const Mention& m, const GazEntry& e, const Resolution& r) {
  Place p;
  p.start = m.has_offset ? m.offset.start : m.start;
  p.end = m.end;
  p.text = std::string(text.substr(p.start, p.end - p.start));
  p.geonames_id = e.id;
  p.name = std::string(e.name);
  p.country = std::string(CountryOf(e));
  p.admin1 = std::string(e.admin1);
  p.feature = std::string(e.feature);
  p.lat = r.mode == Resolution::kApprox ? r.lat : e.lat;
  p.lon = r.mode == Resolution::kApprox ? r.lon : e.lon;
  p.precision = r.mode == Resolution::kApprox ? "approximate" : std::string(PrecisionOf(e));
  p.radius_km = r.radius_km;
  p.why = r.why;
  if (m.has_offset) {
    places::MovePoint(e.lat, e.lon, m.offset.km, m.offset.bearing, &p.lat, &p.lon);
    p.precision = "approximate";
    p.radius_km = RadiusOf(e, m.offset.km);
    p.why = RelativeWhy(m.offset, e) + "; " + p.why;
  }
  return p;
}

class DocumentResolver {
 public:
  DocumentResolver(const Gazetteer& g, std::string_view cc, const std::vector<Mention>& mentions)
      : g_(g), r_(g, cc), mentions_(mentions) {
    r_.BuildContext(mentions);
  }

  const Resolution& Get(const Mention& m) {
    auto it = done_.find(m.key);
    if (it != done_.end()) return it->second;
    Resolution res = Plain(m);
    if (const Mention* ref = Appositive(m)) {
      Locate(m, *ref, &res);
    } else if (res.mode == Resolution::kEntry) {
      CheckFar(m, &res);
    }
    return done_.emplace(m.key, std::move(res)).first->second;
  }

 private:
  Resolution Plain(const Mention& m) const {
    Resolution res;
    const Choice c = r_.Choose(m);
    if (c.best < 0) return res;
    res.mode = Resolution::kEntry;
    res.entry = m.postings[c.best] & places::kEntryMask;
    res.why = c.why;
    return res;
  }

  // The reference mention of the first appositive use of this name, if any.
  const Mention* Appositive(const Mention& m) const {
    for (const Mention& x : mentions_) {
      if (!x.appositive || x.key != m.key) continue;
      for (const Mention& y : mentions_) {
        if (y.start == x.ref_start && y.has_offset && !y.postings.empty() && y.key != m.key) {
          return &y;
        }
      }
    }
    return nullptr;
  }

  // "X, 40 km SW of Y": X's candidate near that point, else the point itself.
  void Locate(const Mention& m, const Mention& y, Resolution* res) {
    const Resolution& ry = Get(y);
    if (ry.mode != Resolution::kEntry) return;
    const GazEntry ref = g_.entry(ry.entry);
    double lat = 0, lon = 0;
    places::MovePoint(ref.lat, ref.lon, y.offset.km, y.offset.bearing, &lat, &lon);
    const double radius = RadiusOf(ref, y.offset.km);
    int32_t best = -1;
    double best_km = 0;
    for (size_t i = 0; i < m.postings.size(); ++i) {
      const GazEntry e = g_.entry(m.postings[i] & places::kEntryMask);
      const double d = DistanceKm(lat, lon, e.lat, e.lon);
      if (best < 0 || d < best_km) {
        best = static_cast<int32_t>(i);
        best_km = d;
      }
    }
    const std::string rel = RelativeWhy(y.offset, ref);
    if (best >= 0 && best_km <= std::max(2 * radius, 30.0)) {
      res->mode = Resolution::kEntry;
      res->entry = m.postings[best] & places::kEntryMask;
      res->why = "placed by the text at " + rel + ", " + Km(best_km) + " from this entry";
      return;
    }
    res->why = best < 0 ? "not in the gazetteer"
                        : "no gazetteer entry of this name near " + std::string(ref.name) +
                              " (nearest " + Km(best_km) + " away)";
    res->why += "; placed by the text at " + rel;
    res->mode = Resolution::kApprox;
    res->entry = ry.entry;
    res->lat = lat;
    res->lon = lon;
    res->radius_km = radius;
  }

  // A lone, small candidate thousands of km from the other places of a text that
  // is clearly about one country: the name is taken to be a place of that
  // country not in the gazetteer (doc/places.md "Resolution").
  void CheckFar(const Mention& m, Resolution* res) const {
    const GazEntry e = g_.entry(res->entry);
    if (e.kind != Kind::kPlace || e.feature == "PPLC" || e.population >= kFarMaxPopulation) return;
    for (const uint32_t p : m.postings) {
      if ((p & places::kEntryMask) != res->entry) return;  // not the only candidate
    }
    std::string why;
    const std::string cc = r_.DominantCountry(m.key, &why);
    if (cc.empty() || cc == CountryOf(e)) return;
    const int32_t country = g_.CountryByCode(cc);
    if (country < 0) return;
    const GazEntry ce = g_.entry(static_cast<uint32_t>(country));
    const double far = r_.NearestOther(m.key, e, &ce);
    if (far < kFarKm) return;
    res->entry = static_cast<uint32_t>(country);
    res->why = "only candidate " + std::string(e.name) + " (" + std::string(CountryOf(e)) +
               ") is " + Km(far) + " from the other places of the text; " + why + ": placed in " +
               cc + ", the smallest area the text supports";
  }

  const Gazetteer& g_;
  Resolver r_;
  const std::vector<Mention>& mentions_;
  std::map<std::string, Resolution> done_;
};

}  // namespace

std::vector<Place> FindPlaces(std::string_view text, std::string_view lang,
                              std::span<const EntityMention> entities,
                              std::string_view source_country) {
  (void)lang;  // names of every language are matched alike
  std::vector<Place> out;
  const Gazetteer* g = Gazetteer::Embedded();
  if (g == nullptr || text.empty()) return out;
  if (text.size() > UINT32_MAX) text = text.substr(0, UINT32_MAX);
  std::string cc;
  if (!source_country.empty()) cc = CountryCode(source_country);
  std::vector<Mention> mentions;
  places::FindMentions(*g, text, entities, &mentions);
  DocumentResolver resolver(*g, cc, mentions);
  for (const Mention& m : mentions) {
    const Resolution& r = resolver.Get(m);
    if (r.mode == Resolution::kNone) continue;
    out.push_back(MakePlace(text, m, g->entry(r.entry), r));
  }
  return out;
}

std::string CountryCode(std::string_view name_or_code) {
  const Gazetteer* g = Gazetteer::Embedded();
  if (g == nullptr) return {};
  const int32_t by_code = g->CountryByCode(name_or_code);
  if (by_code >= 0) return std::string(CountryOf(g->entry(static_cast<uint32_t>(by_code))));
  places::Lookup lk;
  if (!g->Find(places::NameKey(name_or_code), &lk)) return {};
  GazEntry best;  // entries are views made on demand: keep a copy
  for (const uint32_t p : lk.postings) {
    const GazEntry e = g->entry(p & places::kEntryMask);
    if (e.kind == Kind::kCountry && (best.id == 0 || e.population > best.population)) best = e;
  }
  return std::string(CountryOf(best));
}

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthKm = 6371.0088;
  constexpr double kRad = std::numbers::pi / 180;
  const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace dateline
