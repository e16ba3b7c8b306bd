// Searching an index snapshot: BM25 ranking, filters, snippets.
// Query syntax: doc/query-syntax.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/document.h"
#include "dateline/entities.h"
#include "dateline/events.h"
#include "dateline/index.h"
#include "dateline/places.h"
#include "dateline/query.h"
#include "dateline/quotes.h"
#include "dateline/status.h"

namespace dateline::search {

struct SearchOptions {
  std::optional<Date> from, to;    // date filter (from.FirstDay() .. to.LastDay())
  bool date_overlap = false;       // match spans that overlap the range, not only those inside it
  std::vector<std::string> langs;  // language filter (any of), empty: all
  size_t limit = 10;               // hits to return
  size_t offset = 0;               // hits to skip
  enum class Sort { kScore, kDate } sort = Sort::kScore;  // kDate: newest first
  bool snippets = true;        // build snippets (and load stored fields) for hits
  bool load_documents = true;  // fill title/url/source of hits from the store
  float k1 = 1.2f, b = 0.75f;  // BM25 parameters
  /// One hit per copy group (doc/copies.md): its best member by the sort order;
  /// `total` then counts groups. Hits carry copies, copy_sources and copy_of.
  bool collapse_copies = false;
  /// Count every match exactly. When false, documents that cannot enter the
  /// top offset + limit may be skipped without being counted (block-max
  /// pruning): `total` is then a lower bound, and Results::total_exact is
  /// false once documents may have been skipped. Hits are the same either way.
  bool exact_total = true;
};

struct Hit {
  std::string id;
  Date date;
  std::string lang, title, source, url;
  float score = 0;
  uint32_t matched = 0;  // top-level clauses matched (bare multi-word queries rank on it first)
  std::string snippet;   // text around the best match; matches wrapped in \x01...\x02
  // With collapse_copies: the live documents of the hit's copy group (1 when
  // alone, whether they match or not), their distinct sources (earliest
  // first; with load_documents or snippets), and the group's earliest member.
  uint32_t copies = 0;
  std::vector<std::string> copy_sources;
  std::string copy_of;
};

struct Results {
  uint64_t total = 0;       // number of matching live documents (see total_exact)
  bool total_exact = true;  // false: `total` is a lower bound (exact_total off)
  std::vector<Hit> hits;
};

/// Runs a parsed query on a snapshot. InvalidArgument for queries that cannot
/// run (e.g. a phrase with no words); Corruption if the index is damaged.
Status Search(const IndexReader& index, const QueryNode& query, const SearchOptions& options,
              Results* out);

/// Parses `query` (see ParseQuery) and runs it.
Status Search(const IndexReader& index, std::string_view query, const SearchOptions& options,
              Results* out);

/// For each segment of the snapshot, a bitmap of the live documents matching
/// `query` and the filters of `options` (its limit, offset and sort are
/// ignored). Errors as Search().
Status MatchingDocs(const IndexReader& index, const QueryNode& query, const SearchOptions& options,
                    std::vector<std::vector<uint64_t>>* sets);

/// One value of a facet: an entity, a place, with the number of matching documents.
struct FacetValue {
  std::string key;      // entity key, or GeoNames id for places
  std::string type;     // "PER", "ORG", "LOC", "MISC", or "place"
  std::string display;  // the name as written in one of the documents
  uint64_t documents = 0;
  Place place;  // for places: the resolved entry (no mention offsets)
};

/// The most frequent entities (of `types`, e.g. {kPer}; empty: all types) in
/// the documents matching `query` and `options`, at most `limit`, by document
/// count then key. Keys one edit apart (AreKeyVariants) count as one entity,
/// shown under the most frequent. Errors as Search().
Status EntityFacets(const IndexReader& index, const QueryNode& query, const SearchOptions& options,
                    const std::vector<EntityType>& types, size_t limit,
                    std::vector<FacetValue>* out);

/// The most frequent resolved places (by GeoNames id) in the matching documents.
Status PlaceFacets(const IndexReader& index, const QueryNode& query, const SearchOptions& options,
                   size_t limit, std::vector<FacetValue>* out);

/// One stored quote (dateline/quotes.h) with the document it is in.
struct QuoteHit {
  std::string id;
  Date date;
  std::string lang, title, source;
  std::string field;  // "title" or "text": the field the quote's offsets are in
  Quote quote;
};

/// The quotes of the documents matching `query` and `options` (limit, offset
/// and sort ignored), newest document first, in text order within a document;
/// with a non-empty `speaker`, only quotes whose speaker key is `speaker`. At
/// most `limit`. Errors as Search().
Status QuoteSearch(const IndexReader& index, const QueryNode& query, const SearchOptions& options,
                   std::string_view speaker, size_t limit, std::vector<QuoteHit>* out);

/// What EventSearch keeps, beyond the documents the query selects.
struct EventFilter {
  /// Event dates: an event is kept when its date span (its reports' spans, the
  /// publication date's for a report without one) overlaps
  /// [from->FirstDay(), to->LastDay()].
  std::optional<Date> from, to;
  std::string type;                     // PLOVER type as EventTypes() spells it; "" any
  std::string country;                  // ISO 3166-1 alpha-2 of the place; "" any
  std::vector<std::string> actor_keys;  // a source or target key among these; empty: any
  size_t limit = 20;                    // events returned
};

/// Sets the type, country and actor of *out from user input: `type` in any
/// case, `country` any name or code CountryCode() knows, `actor` an entity key
/// or a name (keyed as a person, organisation and place). InvalidArgument
/// naming `prefix` + the parameter ("--type", "type") for an unknown type (the
/// message lists EventTypes()) or country.
Status MakeEventFilter(std::string_view type, std::string_view country, std::string_view actor,
                       std::string_view prefix, EventFilter* out);

/// One event as one document reports it.
struct EventReport {
  std::string id;  // the document
  Date date;       // its publication date
  std::string lang, title, source;
  std::string field;        // "title" or "text": the field the event's offsets are in
  uint32_t copy_group = 0;  // CopyGroups::Root of the document: its copies share it
  std::string copy_of;      // id of that root: the earliest document of the copy group
  uint32_t story = 0;       // StoryGroups::Root of the document
  bool story_alone = true;  // the document is the only one of its story
  Event event;
  std::string number_text;  // MentionText of the event's fatalities span ("five")
};

/// One value of an attribute as the reports of a merged event give it.
struct EventValue {
  /// fatalities: the number; place: the GeoNames id, or "country:" + code
  /// when there is none; date: the TimeML value (else "publication date");
  /// modality: EventModalityName.
  std::string value;
  /// EventHit::members index of a report giving it: the shown one when it
  /// does, else the earliest.
  size_t member = 0;
  uint32_t reports = 0;           // independent reports (copy groups) giving it
  std::vector<std::string> docs;  // ids of the documents giving it, earliest first
};

/// One happening: the reports of one event merged across copies and
/// independent reports (doc/events.md, "Merging").
struct EventHit {
  std::vector<EventReport> members;     // earliest document first (then field, offset)
  uint32_t reports = 0;                 // independent reports: distinct copy groups
  uint32_t copies = 0;                  // distinct documents
  int32_t first_day = 0, last_day = 0;  // union of the members' date spans
  /// Every value given, most reports first (ties: earliest); the first is the
  /// one shown. Reports that give none (no number, no place) are not counted.
  std::vector<EventValue> fatalities, places, dates, modalities;
  /// The member whose event is shown: the earliest of those that give most of
  /// the shown values (first of fatalities, places, dates, modalities).
  size_t shown = 0;
};

/// The events of the documents matching `query` and `options` (limit, offset
/// and sort ignored), merged (MergeEvents) and filtered by `filter`, newest
/// first, at most filter.limit. Every matching document with stored events
/// is read. Errors as Search().
Status EventSearch(const IndexReader& index, const QueryNode& query, const SearchOptions& options,
                   const EventFilter& filter, std::vector<EventHit>* out);

/// Merges `reports` (any order) into happenings (doc/events.md, "Merging"),
/// keeps those `filter` selects, newest first, at most filter.limit.
/// Deterministic: the same reports in any order give the same hits.
std::vector<EventHit> MergeEvents(std::vector<EventReport> reports, const EventFilter& filter);

/// Snippet markers: matched words are wrapped in kMarkBegin ... kMarkEnd.
inline constexpr char kMarkBegin = '\x01';
inline constexpr char kMarkEnd = '\x02';

}  // namespace dateline::search
