// Story linking at ingest: each new document is linked to the earlier (indexed
// or same-batch) documents that report the same real-world event, judged on
// language-independent evidence (entity keys, GeoNames ids, mentioned date
// spans) within a publication-date window. Links are index terms; stories are
// their connected components (StoryGroups). Semantics and tuning: doc/stories.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/document.h"
#include "index/copies.h"
#include "index/inverter.h"
#include "index/segment.h"

namespace dateline::index {

/// "\x03~" + id: this document reports the same story as the document with that id.
inline constexpr std::string_view kStoryLinkPrefix = "\x03~";
std::string StoryLinkTerm(std::string_view target_id);
/// Decodes a StoryLinkTerm; false when `term` is not one.
bool ParseStoryLinkTerm(std::string_view term, std::string_view* target_id);

/// Candidates lie within this many days of the new document's date span.
inline constexpr int32_t kStoryWindowDays = 7;
/// A candidate needs at least this many shared evidence terms ...
inline constexpr size_t kStoryMinShared = 3;
/// ... and at least this share of the new document's evidence weight (the sum
/// of the idf of its evidence terms that occur in other documents).
inline constexpr double kStoryMinScore = 0.3;
/// A short new document, with at most this many distinct evidence terms that
/// are not too common (a one-sentence blurb, a headline), needs only
/// kStoryMinSharedShort shared pieces of evidence; an entity key and a
/// GeoNames id may be one place (its name and its id), so for this count the
/// lesser of the shared keys and shared GeoNames ids is left out.
inline constexpr size_t kStoryShortEvidence = 3;
inline constexpr size_t kStoryMinSharedShort = 2;
/// A new document links to at most this many candidates (best first).
inline constexpr size_t kStoryMaxLinks = 2;
/// Evidence terms in more than this share of the documents are ignored (at
/// 1%, country names chained most of Reuters-21578 into one story: see
/// doc/stories.md) ...
inline constexpr double kStoryMaxDfShare = 0.003;
/// ... unless they are in at most this many.
inline constexpr double kStoryMinDfCap = 50;
/// The number of documents above which an evidence term is ignored, in an
/// index (and batch) of `docs` documents.
double StoryDfCap(uint64_t docs, double max_df_share = kStoryMaxDfShare);

/// True for the annotation terms that count as story evidence: entity keys
/// (PER, ORG, LOC, MISC), GeoNames ids and mentioned date spans.
bool IsStoryEvidence(std::string_view term);

/// What a StoryFinder did (for DATELINE_TIMING).
struct StoryStats {
  uint64_t documents = 0;   // with evidence
  uint64_t candidates = 0;  // scored
  uint64_t linked = 0;      // documents that got links
};

/// Links the documents of a segment being built to earlier documents of the
/// same story, among the indexed segments and among themselves.
class StoryFinder {
 public:
  StoryFinder(std::vector<IndexedSegment> existing, uint32_t n, unsigned threads);

  /// Records new document `docnum` (date order) from its columns and its
  /// annotation terms, and looks its evidence up in the indexed segments.
  /// Thread-safe for distinct documents.
  void AddDocument(unsigned thread, uint32_t docnum, const Document& doc, const DocColumns& cols,
                   const std::vector<std::string>& annotation_terms);
  /// Once every document was added: scores the candidates (on as many
  /// threads as the constructor was given), and adds the link terms of every
  /// document to `out`, in document order.
  void Link(Inverter* out);
  const StoryStats& stats() const { return stats_; }

 private:
  struct Hit {  // an indexed document having evidence term `term` of the new document
    uint32_t seg, doc, term;
  };
  struct NewDoc {
    std::string id;
    int32_t first_day = 0, last_day = 0;
    std::vector<std::string> terms;  // distinct evidence terms, sorted
    std::vector<uint32_t> df;        // per term: documents of the indexed segments
    std::vector<Hit> hits;
  };
  struct Candidate {
    double score = 0;
    size_t shared = 0;
    size_t shared_geo = 0;  // of them, GeoNames ids
    size_t shared_key = 0;  // and entity keys
    int32_t first_day = 0;
    std::string id;
    std::vector<uint32_t> terms;  // the shared evidence terms (DATELINE_STORY_TRACE only)
  };
  void FindIndexed(NewDoc* nd);
  void ScanSegment(uint32_t s, uint32_t t, const TermInfo& info, NewDoc* nd);
  // The links of new document k, best first (thread-safe: reads only), its
  // evidence terms being batch terms `term_ids` (postings[i]: the batch's
  // documents of term i, in date order); adds the candidates it weighed to
  // stats->candidates.
  std::vector<Candidate> Score(uint32_t k, const std::vector<uint32_t>& term_ids,
                               const std::vector<std::vector<uint32_t>>& postings,
                               StoryStats* stats) const;

  std::vector<IndexedSegment> existing_;
  uint64_t existing_docs_ = 0;
  std::vector<NewDoc> docs_;
  std::vector<StoryStats> thread_stats_;
  StoryStats stats_;
};

}  // namespace dateline::index
