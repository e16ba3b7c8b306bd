// Places: place names in news text resolved to a bundled gazetteer built from
// GeoNames (CC BY 4.0), with coordinates, country, region and the reasoning.
// See doc/places.md.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/entities.h"

namespace dateline {

/// One place mention resolved to a gazetteer entry (or an approximate point).
struct Place {
  uint32_t start = 0;  // byte offsets of the mention in the text
  uint32_t end = 0;
  std::string text;         // the mention as written ("50 kilometres south of Tripoli")
  int64_t geonames_id = 0;  // the entry chosen (for a relative location: its reference place)
  std::string name;         // the entry's main name ("Tripoli")
  std::string country;      // ISO 3166-1 alpha-2 ("LY"), "" for none (seas, continents)
  std::string admin1;       // first-level region name, "" when unknown or a country
  std::string feature;      // GeoNames feature code: "PPLC", "PPLA", "PCLI", "ADM1", ...
  double lat = 0, lon = 0;  // WGS84 degrees
  /// "exact" (a populated place or landmark), "approximate" (a relative
  /// location: lat/lon is the computed point, radius_km its uncertainty),
  /// "region" (a first-level region) or "country".
  std::string precision;
  double radius_km = 0;  // uncertainty radius for "approximate", else 0
  /// Why this entry was chosen, e.g. "only candidate", "country LY mentioned
  /// in text; population 1.1M", "50 km S of Tripoli (LY)".
  std::string why;
};

/// Finds the places of `text` (UTF-8) in language `lang` (ISO 639-1, "" when
/// unknown). `entities` are the tagger's mentions of the same text (may be
/// empty): LOC mentions are resolved first; names in the gazetteer are also
/// found on their own. `source_country` (ISO alpha-2 or "") is the country of
/// the publisher when known. Deterministic; thread-safe; never throws.
std::vector<Place> FindPlaces(std::string_view text, std::string_view lang,
                              std::span<const EntityMention> entities,
                              std::string_view source_country = {});

/// A country's ISO alpha-2 code for a name or code in any language the
/// gazetteer knows ("Libië", "Libya", "ليبيا", "LY", "LBY" -> "LY"); "" when unknown.
std::string CountryCode(std::string_view name_or_code);

/// Great-circle distance in kilometres.
double DistanceKm(double lat1, double lon1, double lat2, double lon2);

}  // namespace dateline
