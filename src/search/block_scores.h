// Kernels over one decoded block of a term's postings: the BM25 scores of its
// documents, and the first document a conjunction must look at. Each is
// written to run several documents at a time (vector instructions) and gives
// the results, to the bit, of its one-document-at-a-time reference.
#pragma once

#include <cstdint>

#include "search/iterators.h"

namespace dateline::search {

/// out[i] = idf * p.TfNorm(freqs[i] + 1, docs[i]) for i < n, to the bit (the
/// same operations in the same order).
void ScoreDocs(const Bm25& p, float idf, const uint32_t* docs, const uint32_t* freqs, uint32_t n,
               float* out);

/// ScoreDocs one document at a time (the reference the vector form matches).
void ScoreDocsPortable(const Bm25& p, float idf, const uint32_t* docs, const uint32_t* freqs,
                       uint32_t n, float* out);

/// The first i in [from, n) with docs[i] > end or !(scores[i] + rest < min),
/// n when there is none. docs ascend.
uint32_t FirstCandidate(const uint32_t* docs, const float* scores, uint32_t from, uint32_t n,
                        float rest, float min, uint32_t end);

/// FirstCandidate one document at a time (the reference).
uint32_t FirstCandidatePortable(const uint32_t* docs, const float* scores, uint32_t from,
                                uint32_t n, float rest, float min, uint32_t end);

}  // namespace dateline::search
