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
constexpr double kRegionWord = 3.0;  // "Mary province": the region, not the town

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

std::string HumanCount(uint64_t n) {
  char buf[32];
  if (n >= 1000000) {
    std::snprintf(buf, sizeof buf, "%.1fM", static_cast<double>(n) / 1e6);
  } else if (n >= 1000) {
    std::snprintf(buf, sizeof buf, "%.0fK", static_cast<double>(n) / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%llu", static_cast<unsigned long long>(n));
  }
  return buf;
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
    const GazEntry* place = nullptr;
  };
  std::vector<Vote> votes;
};

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
      const GazEntry& e = g_.entry(m.postings[b] & places::kEntryMask);
      Context::Vote v;
      v.key = m.key;
      v.cc = std::string(CountryOf(e));
      v.weight = e.kind == Kind::kCountry ? kCountryMentioned : kPlaceInCountry;
      if (e.kind == Kind::kRegion) v.region = std::string(e.name);
      if (e.kind == Kind::kPlace) v.place = &e;
      if (!v.cc.empty()) ctx_.votes.push_back(std::move(v));
    }
  }

  Choice Choose(const Mention& m) const {
    Choice c;
    std::vector<std::string> best_reasons;
    for (size_t i = 0; i < m.postings.size(); ++i) {
      std::vector<std::string> reasons;
      const GazEntry& e = g_.entry(m.postings[i] & places::kEntryMask);
      double s = BaseScore(e, m.postings[i], source_) + ContextScore(m, e, &reasons);
      if (m.region_hint && e.kind == Kind::kRegion) {
        s += kRegionWord;
        reasons.push_back("named as a region");
      }
      if (c.best < 0 || s > c.score ||
          (s == c.score && e.id < g_.entry(m.postings[c.best] & places::kEntryMask).id)) {
        c.best = static_cast<int32_t>(i);
        c.score = s;
        best_reasons.swap(reasons);
      }
    }
    if (c.best < 0) return c;
    const GazEntry& e = g_.entry(m.postings[c.best] & places::kEntryMask);
    c.why = Explain(m, e, m.postings[c.best], &best_reasons);
    return c;
  }

 private:
  int32_t BestBase(const Mention& m) const {
    int32_t best = -1;
    double score = 0;
    for (size_t i = 0; i < m.postings.size(); ++i) {
      const GazEntry& e = g_.entry(m.postings[i] & places::kEntryMask);
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
    double country = 0, region = 0, near = 0;
    std::string country_why, region_why, near_why;
    for (const Context::Vote& v : ctx_.votes) {
      if (v.key == m.key || v.cc != cc) continue;
      country += v.weight;
      if (country_why.empty()) {
        country_why = v.weight == kCountryMentioned ? "country " + v.cc + " in text"
                                                    : "other places of " + v.cc + " in text";
      }
      if (!v.region.empty() && v.region == e.admin1 && region == 0) {
        region = kRegionMentioned;
        region_why = "region " + v.region + " in text";
      }
      if (v.place != nullptr && v.place != &e && near == 0 &&
          DistanceKm(v.place->lat, v.place->lon, e.lat, e.lon) < kNearbyKm) {
        near = kNearby;
        near_why = "near " + std::string(v.place->name);
      }
    }
    if (e.kind == Kind::kCountry) country = 0;  // a country needs no support from its towns
    country = std::min(country, kContextCap);
    for (const std::string* w : {&country_why, &region_why, &near_why}) {
      if (!w->empty() && (w != &country_why || country > 0)) reasons->push_back(*w);
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

Place MakePlace(std::string_view text, const Mention& m, const GazEntry& e, const Choice& c) {
  Place p;
  p.start = m.has_offset ? m.offset.start : m.start;
  p.end = m.end;
  p.text = std::string(text.substr(p.start, p.end - p.start));
  p.geonames_id = e.id;
  p.name = std::string(e.name);
  p.country = std::string(CountryOf(e));
  p.admin1 = std::string(e.admin1);
  p.feature = std::string(e.feature);
  p.lat = e.lat;
  p.lon = e.lon;
  p.precision = std::string(PrecisionOf(e));
  p.why = c.why;
  if (m.has_offset) {
    places::MovePoint(e.lat, e.lon, m.offset.km, m.offset.bearing, &p.lat, &p.lon);
    p.precision = "approximate";
    // The stated distance is rounded and the reference is a point of a town (or
    // the middle of a region or country): a quarter of the distance, at least 5 km.
    const double base = e.kind == Kind::kPlace ? 5 : e.kind == Kind::kRegion ? 50 : 200;
    p.radius_km = std::max(base, m.offset.km * 0.25);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%g km %s of %s (%s); ", m.offset.km, m.offset.direction.c_str(),
                  std::string(e.name).c_str(), p.country.c_str());
    p.why = buf + p.why;
  }
  return p;
}

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
  Resolver r(*g, cc);
  r.BuildContext(mentions);
  std::map<std::string, Choice> cache;  // one sense per name and document
  for (const Mention& m : mentions) {
    auto it = cache.find(m.key);
    if (it == cache.end()) it = cache.emplace(m.key, r.Choose(m)).first;
    const Choice& c = it->second;
    if (c.best < 0) continue;
    out.push_back(MakePlace(text, m, g->entry(m.postings[c.best] & places::kEntryMask), c));
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
  const GazEntry* best = nullptr;
  for (const uint32_t p : lk.postings) {
    const GazEntry& e = g->entry(p & places::kEntryMask);
    if (e.kind == Kind::kCountry && (best == nullptr || e.population > best->population)) {
      best = &e;
    }
  }
  return best == nullptr ? std::string() : std::string(CountryOf(*best));
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
