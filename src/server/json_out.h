// The JSON documents shared by the command-line tool (--json) and the HTTP API:
// hits, stored documents, facets, timelines, statistics, ingest summaries.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/annotate.h"
#include "dateline/document.h"
#include "dateline/index.h"
#include "dateline/search.h"
#include "dateline/status.h"
#include "dateline/timeline.h"
#include "util/json.h"

namespace dateline::out {

/// Snippet as HTML: escaped text, marks as <b>...</b>.
std::string SnippetHtml(const std::string& s);
/// A hit as one JSON object (snippet marks become <b>...</b>, the rest HTML-escaped).
std::string HitJson(const search::Hit& h);
/// HitJson, plus "copies", "copy_sources" and "copy_of" when `collapse`.
std::string HitWithCopiesJson(const search::Hit& h, bool collapse);
/// `{"total":N,"hits":[...]}` as `dateline search --json` prints it.
std::string ResultsJson(const search::Results& res, bool collapse);
/// The stored fields of a document as one JSON object, without its analysis.
std::string DocumentFieldsJson(const Document& d);
/// A stored document with its analysis (language, dates found in the text) as one JSON object.
std::string DocumentJson(const Document& d);
/// DocumentJson plus its copy group ("copy_of", "copies"), as `dateline show --json`.
/// NotFound when `id` is not a live document.
Status ShowJson(const IndexReader& index, const std::string& id, std::string* out);
/// `"entities":[...],"places":[...],"dates":[...],"quotes":[...]` (members, no braces) for a
/// title and text, each item with the field ("title" or "text") its offsets are in.
std::string AnnotationMembers(std::string_view title, std::string_view text, std::string_view lang,
                              const Date& date, const Annotations& a);
/// Adds the members of a quote (text, kind, start, end, speaker, speaker_key,
/// speaker_start, speaker_end) to `j`.
JsonObject& QuoteJsonMembers(const Quote& q, JsonObject* j);
/// Quote search results as a JSON array of {id, date, lang, title, source,
/// field, text, kind, start, end, speaker, speaker_key, speaker_start, speaker_end}.
std::string QuotesJson(const std::vector<search::QuoteHit>& hits);
/// Adds the members of a resolved place (geonames_id ... why) to `j`.
JsonObject& PlaceJsonMembers(const Place& p, JsonObject* j);
/// The temporal expressions of `text` resolved against `date`, as a JSON array
/// (see doc/dates.md).
std::string DatesJson(std::string_view text, std::string_view lang, const Date& date);
/// Entity facet values as a JSON array of {key, type, text, documents}.
std::string EntitiesJson(const std::vector<search::FacetValue>& values);
/// Place facet values as a JSON array of {documents, geonames_id ... why}.
std::string PlacesJson(const std::vector<search::FacetValue>& values);
/// Place facet values as a GeoJSON FeatureCollection of points.
std::string PlacesGeoJson(const std::vector<search::FacetValue>& values);
/// A timeline as `dateline timeline --json` prints it.
std::string TimelineJson(const search::Timeline& t, std::string_view query);
/// Index statistics as `dateline stats --json` prints them.
std::string StatsJson(const IndexStats& st);

/// What one ingest run did.
struct IngestCounts {
  uint64_t read = 0, indexed = 0, replaced = 0, rejected = 0, repaired = 0;
};
/// The summary of `dateline ingest --json`, without the closing brace (callers may add members).
std::string IngestSummaryOpen(const IngestCounts& c, size_t skipped_files, double seconds);

}  // namespace dateline::out
