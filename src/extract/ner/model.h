// A trained tagger model: quantised feature weights, label transitions, word
// clusters and gazetteer, with first-order Viterbi decoding and the model
// file format (doc/ner-model.md).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/entities.h"
#include "dateline/status.h"
#include "extract/ner/conll.h"
#include "extract/ner/features.h"

namespace dateline::ner {

/// Weights of one feature, one per label.
struct WeightRow {
  int16_t w[kNumLabels];
};

struct Model {
  std::string lang;
  int16_t trans[kNumLabels + 1][kNumLabels] = {};  // row kNumLabels: sentence start
  HashMap64<WeightRow> weights;
  ClusterTable clusters;
  Gazetteer gazetteer;
  bool harmonize = false;  // apply HarmonizeTypes() to each document (chosen on dev)

  /// Best IOB2 label sequence (Viterbi; an I- label only after B-/I- of its
  /// type) for n tokens with kFeatsPerToken features each.
  void Decode(const uint64_t* feats, size_t n, std::vector<uint8_t>* labels) const;

  /// The model file: header, zstd payload, CRC-32C.
  std::string Serialize() const;
  /// Parses a model file; Corruption naming `name` when damaged.
  static Status Parse(std::string_view file, const std::string& name, Model* out);
};

/// Best IOB2 label sequence for n tokens under emission scores em[i * kNumLabels + y]
/// and transition scores trans[prev][y] (row kNumLabels: sentence start); an
/// I- label only follows B-/I- of its type.
void Viterbi(const int64_t* em, size_t n, const int64_t (*trans)[kNumLabels],
             std::vector<uint8_t>* labels);

/// Document-level consistency: a name (the same token sequence) tagged with
/// different types in one document gets the type it has most often there (ties:
/// the type of its first occurrence). `labels` are IOB2, one vector per sentence.
void HarmonizeTypes(const std::vector<std::vector<std::string_view>>& doc,
                    std::vector<std::vector<uint8_t>>* labels);

/// NerTagger over a Model.
class PerceptronTagger : public NerTagger {
 public:
  explicit PerceptronTagger(std::shared_ptr<const Model> model) : model_(std::move(model)) {}
  void Tag(std::string_view text, std::vector<EntityMention>* out) const override;
  std::string_view lang() const override { return model_->lang; }
  /// Labels of pre-tokenized text (for evaluation).
  void TagTokens(const std::vector<std::string>& tokens, std::vector<uint8_t>* labels) const;
  /// Labels of the pre-tokenized sentences of one document, as Tag() labels them.
  void TagSentences(const std::vector<std::vector<std::string_view>>& doc,
                    std::vector<std::vector<uint8_t>>* labels) const;
  const Model& model() const { return *model_; }

 private:
  // Labels of the sentences of one document.
  void TagDoc(const std::vector<std::vector<std::string_view>>& doc,
              std::vector<std::vector<uint8_t>>* labels) const;
  // Tags one block of text as one document; offsets are shifted by `base`.
  void TagBlock(std::string_view text, uint32_t base, std::vector<EntityMention>* out) const;

  std::shared_ptr<const Model> model_;
};

}  // namespace dateline::ner
