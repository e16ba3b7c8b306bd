// Word clusters learned from unlabelled text, used as tagger features: each
// frequent word gets a distributional vector (PPMI-weighted neighbour counts,
// randomly projected), the vectors are grouped by spherical k-means into `fine`
// clusters and the cluster centroids again into `coarse` ones.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dateline/status.h"
#include "extract/ner/conll.h"
#include "extract/ner/features.h"

namespace dateline::ner {

struct ClusterOptions {
  std::string lang;  // for the tokenizer of raw text
  uint64_t seed = 1;
  int fine = 256;  // clusters
  int coarse = 32;
  int max_words = 40000;  // most frequent words clustered
  int min_count = 3;
  int contexts = 3000;  // most frequent words used as neighbours
  int dims = 64;        // projected dimensions
  int iterations = 8;
};

/// Learns clusters from the tokens of `labelled` and of the files `unlabelled`
/// (a file parsing as CoNLL gives its token column; anything else is raw text,
/// markup between < and > removed). Deterministic.
Status LearnClusters(const std::vector<Sentence>& labelled,
                     const std::vector<std::string>& unlabelled, const ClusterOptions& options,
                     ClusterTable* out);

}  // namespace dateline::ner
