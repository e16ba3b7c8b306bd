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

/// Snippet markers: matched words are wrapped in kMarkBegin ... kMarkEnd.
inline constexpr char kMarkBegin = '\x01';
inline constexpr char kMarkEnd = '\x02';

}  // namespace dateline::search
