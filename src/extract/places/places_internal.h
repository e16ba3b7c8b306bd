// Place finding internals (src/extract/places): candidate mentions found in text
// and the relative-location phrases around them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/entities.h"
#include "extract/places/gazetteer.h"

namespace dateline::places {

/// "50 km south of": a distance and bearing before a place name.
struct Offset {
  uint32_t start = 0;  // where the phrase starts (the number)
  double km = 0;
  double bearing = 0;     // degrees clockwise from north
  std::string direction;  // "S", "NE", ...
};

/// A candidate place mention with the gazetteer entries its name may denote.
struct Mention {
  uint32_t start = 0;
  uint32_t end = 0;
  std::string key;                 // folded name
  std::vector<uint32_t> postings;  // entries with posting flags
  bool region_hint = false;        // followed by "province", "region", ...
  bool has_offset = false;
  Offset offset;
  // "X, about 40 km southwest of Y": X (this mention) is placed by Y's relative
  // location; Y is the mention starting at ref_start (doc/places.md).
  bool appositive = false;
  uint32_t ref_start = 0;
};

/// Finds the gazetteer names of `text`: capitalised (or Arabic-script) word
/// sequences, longest match first, LOC entity spans, no names inside PER/ORG spans.
void FindMentions(const Gazetteer& g, std::string_view text,
                  std::span<const EntityMention> entities, std::vector<Mention>* out);

/// Parses a relative-location phrase ending right before `words[first]`
/// ("50 km ten zuiden van"). `min_start` bounds how far back it may reach.
bool ParseOffset(std::string_view text, const std::vector<Word>& words, size_t first,
                 uint32_t min_start, Offset* out);

/// The value of a spelled-out number: folded words joined by single spaces
/// ("veertig", "forty five", "cuarenta y cinco"); 1-100 and round hundreds.
bool SpelledNumber(std::string_view words, double* value);

/// Moves a point by `km` along `bearing` (degrees) on the sphere.
void MovePoint(double lat, double lon, double km, double bearing, double* out_lat, double* out_lon);

}  // namespace dateline::places
