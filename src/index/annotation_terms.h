// Index terms made from a document's annotations (dateline/annotate.h), and
// the same terms for queries: person:, org:, place:, country:, near:, event-date:,
// source:.
// All start with kAnnotationPrefix, carry no positions, and sort after every
// stem term and before every word. See doc/index-format.md, "Annotation terms".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/annotate.h"

namespace dateline::index {

inline constexpr char kAnnotationPrefix = '\x03';

/// True for terms that keep positions (words); stem and annotation terms do not.
inline bool IsWordTerm(std::string_view term) {
  return term.empty() || static_cast<unsigned char>(term[0]) >= 0x20;
}

/// "\x03" + P|O|L|M + key.
std::string EntityTerm(EntityType type, std::string_view key);
/// "\x03F" + the key of a person name without its middle names
/// (dateline's ShortFormKey), for names of three words or more.
std::string ShortFormTerm(std::string_view short_key);
/// "\x03S" + the surname key of a person name (dateline's SurnameKey).
std::string SurnameTerm(std::string_view surname_key);
/// "\x03C" + ISO 3166-1 alpha-2 code of a resolved place.
std::string CountryTerm(std::string_view code);
/// "\x03G" + decimal GeoNames id of a resolved place.
std::string PlaceIdTerm(int64_t geonames_id);
/// A source name as matched by source: folded (text::Fold: NFC, case folding,
/// no diacritics), whitespace runs collapsed to one space, trimmed.
std::string SourceKey(std::string_view source);
/// "\x03s" + SourceKey(source), or "" when that key is empty. Indexed for
/// every document with a source, with or without extraction.
std::string SourceTerm(std::string_view source);

/// Grid levels for near: queries: level l has square cells of kGridDegrees[l]
/// degrees of latitude and longitude.
inline constexpr double kGridDegrees[] = {8.0, 2.0, 0.5, 0.125, 0.03125};
inline constexpr int kGridLevels = 5;
/// "\x03g" + level digit + ":" + cell row + ":" + cell column.
std::string GridTerm(int level, double lat, double lon);
std::string GridCellTerm(int level, int32_t row, int32_t col);
int32_t GridRow(int level, double lat);
int32_t GridCol(int level, double lon);

/// "\x03D" + first day and last day (days since 1970-01-01, each + 2^31, big
/// endian), so terms sort by first day then last day.
std::string EventSpanTerm(int32_t first_day, int32_t last_day);
/// Decodes an EventSpanTerm; false when `term` is not one.
bool ParseEventSpanTerm(std::string_view term, int32_t* first_day, int32_t* last_day);

/// "\x03V", indexed once for every document the event finder ran on (with or
/// without events): its events are indexed by EventTypeTerm. A document
/// without it (written before these terms, or without extraction) may hold
/// events of any type.
inline constexpr std::string_view kEventsIndexedTerm = "\x03V";
/// "\x03V" + the PLOVER type of an event of the document ("\x03VASSAULT").
std::string EventTypeTerm(std::string_view type);

/// "\x03#" + bits 3..18 of the 64-bit hash of a sampled word 5-shingle of the
/// text (a bucket of 2^16, big endian): a copy-detection feature (doc/copies.md).
/// Indexed with or without extraction.
std::string CopyFeatureTerm(uint64_t shingle_hash);
inline constexpr std::string_view kCopyFeaturePrefix = "\x03#";
/// "\x03>" + the text length in words of the document copied (big-endian u32,
/// a version check) + its id: this document is a copy of that one.
std::string CopyLinkTerm(uint32_t target_text_length, std::string_view target_id);
inline constexpr std::string_view kCopyLinkPrefix = "\x03>";
/// Decodes a CopyLinkTerm; false when `term` is not one.
bool ParseCopyLinkTerm(std::string_view term, uint32_t* target_text_length,
                       std::string_view* target_id);

/// The terms of a document's annotations (one per distinct value and mention;
/// repeated values give repeated terms, which become the term frequency).
void AnnotationTerms(const Annotations& a, std::string_view lang, std::vector<std::string>* out);

}  // namespace dateline::index
