// CoNLL-format NER corpora: reading, the label set, and entity chunks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/entities.h"
#include "dateline/status.h"

namespace dateline::ner {

// Labels are IOB2 over the four entity types: 0 = O, 1 + 2t = B-t, 2 + 2t = I-t
// where t is the EntityType value (PER ORG LOC MISC).
inline constexpr int kNumLabels = 9;
inline constexpr uint8_t kOutside = 0;
inline uint8_t BeginLabel(EntityType t) { return static_cast<uint8_t>(1 + 2 * int(t)); }
inline uint8_t InsideLabel(EntityType t) { return static_cast<uint8_t>(2 + 2 * int(t)); }
inline bool IsBegin(uint8_t y) { return y != kOutside && (y % 2) == 1; }
inline bool IsInside(uint8_t y) { return y != kOutside && (y % 2) == 0; }
inline EntityType LabelType(uint8_t y) { return static_cast<EntityType>((y - 1) / 2); }
/// "O", "B-PER", "I-LOC"...
std::string LabelName(uint8_t y);

/// One sentence of a labelled corpus.
struct Sentence {
  std::vector<std::string> tokens;
  std::vector<uint8_t> labels;  // IOB2, one per token
  bool doc_start = false;       // first sentence of a document (after -DOCSTART-)
};

/// Reads a CoNLL file: `token POS tag`, `token tag` (space separated) or
/// `index<TAB>token<TAB>tag`; blank lines end sentences; -DOCSTART- lines start
/// documents. IOB1 tags are converted to IOB2. Appends to *out. A malformed line
/// gives InvalidArgument "path:line: reason".
Status ReadConll(const std::string& path, std::vector<Sentence>* out);
/// The same on text already in memory; `name` is used in messages.
Status ParseConll(std::string_view data, const std::string& name, std::vector<Sentence>* out);

/// One entity: tokens [begin, end) of a sentence.
struct Chunk {
  uint32_t begin = 0;
  uint32_t end = 0;
  EntityType type = EntityType::kMisc;
  bool operator==(const Chunk&) const = default;
};

/// The entities of an IOB2 label sequence as conlleval sees them: an I- tag
/// after O or after another type starts a new entity.
void Chunks(const std::vector<uint8_t>& labels, std::vector<Chunk>* out);

/// Exact-match entity scores (conlleval): counts per type and overall.
struct Scores {
  uint64_t gold[4] = {0, 0, 0, 0};
  uint64_t pred[4] = {0, 0, 0, 0};
  uint64_t correct[4] = {0, 0, 0, 0};
  uint64_t tokens = 0;
  uint64_t correct_tokens = 0;

  /// Adds one sentence's gold and predicted labels (same length).
  void Add(const std::vector<uint8_t>& gold_labels, const std::vector<uint8_t>& pred_labels);
  /// Percentages (0 when undefined); type < 0 means overall.
  double Precision(int type = -1) const;
  double Recall(int type = -1) const;
  double F1(int type = -1) const;
};

}  // namespace dateline::ner
