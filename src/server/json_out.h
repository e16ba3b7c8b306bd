// The JSON documents shared by the command-line tool (--json) and the HTTP API:
// hits, stored documents, facets, timelines, statistics, ingest summaries.
#pragma once

#include <cstddef>
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
/// `"entities":[...],"places":[...],"dates":[...],"quotes":[...],"events":[...]` (members,
/// no braces) for a title and text, each item with the field ("title" or "text") its offsets
/// are in.
std::string AnnotationMembers(std::string_view title, std::string_view text, std::string_view lang,
                              const Date& date, const Annotations& a);
/// Adds the members of a quote (text, kind, start, end, speaker, speaker_key,
/// speaker_start, speaker_end) to `j`.
JsonObject& QuoteJsonMembers(const Quote& q, JsonObject* j);
/// Quote search results as a JSON array of {id, date, lang, title, source,
/// field, text, kind, start, end, speaker, speaker_key, speaker_start, speaker_end}.
std::string QuotesJson(const std::vector<search::QuoteHit>& hits);
/// The attributes of an event that come with evidence (a span of a field).
enum class EventAttr : uint8_t { kTrigger, kSource, kTarget, kPlace, kDate, kFatalities };
inline constexpr size_t kEventAttrs = 6;
/// "trigger", "source", "target", "place", "date" or "fatalities".
std::string_view EventAttrName(EventAttr a);
/// Where the spans of each attribute of an event are: the field ("title" or
/// "text") and, in merged search results, the document id ("" for none).
struct EventOrigin {
  std::string field[kEventAttrs];
  std::string doc[kEventAttrs];
  std::string number_text;  // MentionText of the fatalities span ("five")
  /// Every attribute in `field` of one document (id "": not named).
  static EventOrigin Of(std::string_view field, std::string_view doc = {});
};
/// Adds the members of an event to `j`: field, type, mode, acled_event_type,
/// acled_sub_event_type, actors, place, date, modality, fatalities,
/// fatalities_start, fatalities_end, sentence, start, end, trigger, evidence
/// (doc/events.md). Evidence items name the field and, when `o` has one, the
/// document ("id") of their span.
JsonObject& EventJsonMembers(const Event& e, const EventOrigin& o, JsonObject* j);
/// The columns of EventsCsv: ACLED's (event_date ... notes), then ours
/// (plover_type ... doc_ids).
const std::vector<std::string_view>& EventCsvColumns();
/// The values of a merged event for EventCsvColumns(), as text ("" when unknown).
std::vector<std::string> EventRow(const search::EventHit& h);
/// Merged events (EventSearch) as a JSON array; see doc/events.md.
std::string EventsJson(const std::vector<search::EventHit>& hits);
/// Merged events as CSV with ACLED-like columns (header line first).
std::string EventsCsv(const std::vector<search::EventHit>& hits);
/// Merged events with coordinates as a GeoJSON FeatureCollection of points;
/// the others are counted in its "skipped" member.
std::string EventsGeoJson(const std::vector<search::EventHit>& hits);
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
