// Training of the tagger: a structured averaged perceptron over IOB2 labels.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dateline/status.h"
#include "extract/ner/conll.h"
#include "extract/ner/model.h"

namespace dateline::ner {

struct TrainOptions {
  std::string lang;
  int epochs = 10;
  uint64_t seed = 1;
  int min_count = 2;    // features seen fewer times in training are dropped
  double prune = 0.5;   // features whose averaged weights are all below this are dropped
  int upper_every = 8;  // every n-th training sentence also gets an all-caps copy (0: none)
};

struct EpochReport {
  int epoch = 0;
  double dev_f1 = 0;
  size_t features = 0;  // kept in the model of this epoch
  bool harmonize = false;
  double seconds = 0;
};

/// Trains on `train`, evaluating each epoch on `dev`; *out receives the model of
/// the epoch with the best dev F1 (ties: the earlier). Deterministic for given
/// inputs and options. `clusters` and `gazetteer` are copied into the model.
Status Train(const std::vector<Sentence>& train, const std::vector<Sentence>& dev,
             const ClusterTable& clusters, const Gazetteer& gazetteer, const TrainOptions& options,
             const std::function<void(const EpochReport&)>& progress, Model* out);

/// Scores `model` on labelled sentences (documents start at doc_start
/// sentences); *seconds (if given) receives the CPU time of this thread spent tagging.
Scores Evaluate(const Model& model, const std::vector<Sentence>& sentences,
                double* seconds = nullptr);

/// The same through the tagging path of Tag() (word-type cache, stretches of
/// lower-case words left out), as at ingest.
Scores EvaluateTagger(const PerceptronTagger& tagger, const std::vector<Sentence>& sentences,
                      double* seconds = nullptr);

/// Sentences per document in a corpus without -DOCSTART- markers.
inline constexpr size_t kPseudoDocument = 20;

/// Calls f(begin, end) for each document [begin, end) of `sentences`: documents
/// start at doc_start sentences or, when there are none, every kPseudoDocument
/// sentences.
void ForEachDocument(const std::vector<Sentence>& sentences,
                     const std::function<void(size_t, size_t)>& f);

/// A deterministic pseudo-random generator (splitmix64), the same on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next();
  /// Uniform in [0, n), n > 0.
  uint64_t Below(uint64_t n) { return Next() % n; }

 private:
  uint64_t s_;
};

}  // namespace dateline::ner
