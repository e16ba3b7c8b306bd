// The annotation filters of a query (person:, org:, place:, entity:, country:,
// near:, event-date:, source:) as index terms and iterators over one segment.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dateline/query.h"
#include "dateline/status.h"
#include "index/annotation_terms.h"
#include "index/segment.h"
#include "search/iterators.h"

namespace dateline::search {

/// The annotation terms a filter node matches (a document matches when it has
/// any of them). InvalidArgument for a country: no gazetteer knows.
/// Not for kEventDate, which matches a range of terms.
Status AnnotationQueryTerms(const QueryNode& n, std::vector<std::string>* terms);

/// Documents of `seg` having any of `terms` (unscored), or nullptr when none.
IterPtr MakeTermsUnionIter(const index::SegmentReader& seg, const std::vector<std::string>& terms);

/// Calls fn(first, last, info) for every event span term of `seg` whose span
/// lies in [from, to] (days since 1970-01-01), in term order; false when the
/// dictionary is damaged.
template <typename Fn>
bool ForEachEventSpan(const index::SegmentReader& seg, int32_t from, int32_t to, Fn&& fn) {
  index::SegmentReader::DictCursor cur(&seg);
  for (cur.Seek(index::EventSpanTerm(from, INT32_MIN)); cur.valid(); cur.Next()) {
    int32_t first, last;
    if (!index::ParseEventSpanTerm(cur.term(), &first, &last) || first > to) break;
    if (last <= to) fn(first, last, cur.info());
  }
  return !cur.corrupt();
}

/// Documents of `seg` mentioning a resolved date whose span lies in [from, to]
/// (days since 1970-01-01), or nullptr when none.
IterPtr MakeEventDateIter(const index::SegmentReader& seg, int32_t from, int32_t to);

/// Sets in `bits` (one per document of `seg`) the documents that have `term`;
/// false, leaving `bits` alone, when the segment has no such term.
bool MarkTermDocs(const index::SegmentReader& seg, const std::string& term,
                  std::vector<uint64_t>* bits);

/// Checks every annotation filter of a query tree (e.g. unknown countries).
Status ValidateAnnotationFilters(const QueryNode& root);

}  // namespace dateline::search
