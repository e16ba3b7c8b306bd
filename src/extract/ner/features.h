// Feature extraction for the tagger: every token of a sentence becomes a fixed
// number of 64-bit feature hashes (0 = absent), the same in training and tagging.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::ner {

/// Hash of a byte string (FNV-1a, then a 64-bit finalizer). Never 0.
uint64_t HashBytes(std::string_view s);
/// Mixes a 64-bit value (splitmix64 finalizer).
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return x;
}
/// The FNV-1a parameters of HashBytes(), and its finalizer: HashBytes(s) is
/// FinishHash() of the FNV-1a state after the bytes of s.
inline constexpr uint64_t kFnvOffset = 0xCBF29CE484222325ULL;
inline constexpr uint64_t kFnvPrime = 0x100000001B3ULL;
inline uint64_t FinishHash(uint64_t fnv) {
  const uint64_t h = Mix64(fnv);
  return h == 0 ? 1 : h;
}

/// Lower-cases ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic letters;
/// other bytes are copied unchanged.
void LowerUtf8(std::string_view s, std::string* out);
/// The same, upper-casing (for the all-caps training copies).
void UpperUtf8(std::string_view s, std::string* out);

/// Open-addressing map from a 64-bit key (never 0) to a value; read-only once built.
template <typename V>
class HashMap64 {
 public:
  struct Slot {
    uint64_t key = 0;
    V value{};
  };
  void Init(size_t n) {
    size_t cap = 16;
    while (cap < 2 * n + 1) cap *= 2;
    slots_.assign(cap, Slot());
    mask_ = cap - 1;
    size_ = 0;
  }
  /// Inserts or overwrites; `key` must not be 0. The map must have room (Init).
  void Put(uint64_t key, const V& value) {
    size_t i = key & mask_;
    while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask_;
    size_ += slots_[i].key == 0;
    slots_[i] = {key, value};
  }
  const V* Find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    size_t i = key & mask_;
    for (;;) {
      const Slot& s = slots_[i];
      if (s.key == key) return &s.value;
      if (s.key == 0) return nullptr;
      i = (i + 1) & mask_;
    }
  }
  size_t size() const { return size_; }
  const std::vector<Slot>& slots() const { return slots_; }

 private:
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

/// Word clusters learned from unlabelled text: word hash -> (coarse, fine) id.
struct ClusterIds {
  uint16_t coarse = 0;
  uint16_t fine = 0;
};
using ClusterTable = HashMap64<ClusterIds>;

/// Entity types seen for a word or word pair in the training data (a
/// gazetteer): bit t set = part of a name of type t, bit 4+t = begins one.
using Gazetteer = HashMap64<uint8_t>;

/// Document-level facts about the words of a text, by lower-cased form: bit 0
/// seen in lower case, bit 1 seen capitalised after a sentence's first token.
using DocWords = HashMap64<uint8_t>;

/// Collects DocWords over the sentences of one document.
void CollectDocWords(const std::vector<std::vector<std::string_view>>& sentences, DocWords* out);

inline constexpr int kFeatsPerToken = 50;

/// Computes the features of a sentence. Not thread-safe (keeps scratch space);
/// use one per thread.
class FeatureExtractor {
 public:
  FeatureExtractor(const ClusterTable* clusters, const Gazetteer* gazetteer)
      : clusters_(clusters), gazetteer_(gazetteer) {}
  /// The document the next sentences belong to (nullptr: none). Not owned.
  void set_doc(const DocWords* doc) { doc_ = doc; }
  /// Fills feats (resized to tokens.size() * kFeatsPerToken).
  void Extract(const std::vector<std::string_view>& tokens, std::vector<uint64_t>* feats);

  /// Per-token keys (word-type dependent, except gaz and doc).
  struct Keys {
    uint64_t word, lower, shape, kind, pre[4], suf[4], coarse, fine;
    uint64_t title;  // an all-caps word written capitalised ("TRIPOLI" -> "Tripoli"), else 0
    uint8_t gaz;
    uint8_t doc;
    uint8_t kind_id;
  };
  /// Keys of one token; its lower-cased form is left in lower().
  void ComputeKeys(std::string_view token, Keys* k);
  const std::string& lower() const { return lower_; }
  /// The word-type keys of ComputeKeys() (all but coarse, fine, gaz and doc) for
  /// any token, without its ASCII fast path (the reference, for tests).
  void GeneralKeys(std::string_view token, Keys* k);
  /// Keys of the padding at position i < 0 (-1..-3) or n + j (j = 0..2) as pad_right(j).
  const Keys& pad_left(int j) {
    EnsurePads();
    return pad_left_[j];
  }
  const Keys& pad_right(int j) {
    EnsurePads();
    return pad_right_[j];
  }

 private:
  void EnsurePads();
  // GeneralKeys() of an ASCII token, faster.
  void AsciiKeys(std::string_view token, Keys* k);
  const Keys& At(int i) const;
  void TokenFeatures(int i, bool all_caps, uint64_t* f) const;

  const ClusterTable* clusters_;
  const Gazetteer* gazetteer_;
  const DocWords* doc_ = nullptr;
  std::vector<Keys> keys_;
  std::string lower_;
  std::string shape_;
  std::string title_;
  std::vector<uint32_t> cut_;
  std::vector<std::string> lowers_;
  std::vector<uint8_t> gaz_bits_;
  Keys pad_left_[3];
  Keys pad_right_[3];
  bool pads_ready_ = false;
};

/// Feature hash of template `tmpl` over values.
inline uint64_t Feat(uint64_t tmpl, uint64_t a) {
  const uint64_t h = Mix64(a + tmpl * 0x9E3779B97F4A7C15ULL);
  return h == 0 ? 1 : h;
}
inline uint64_t Feat(uint64_t tmpl, uint64_t a, uint64_t b) { return Feat(tmpl, a ^ Mix64(b + 7)); }
inline uint64_t Feat(uint64_t tmpl, uint64_t a, uint64_t b, uint64_t c) {
  return Feat(tmpl, a ^ Mix64(b + 7) ^ Mix64(c + 13));
}

/// Kind of a token: 0 lower, 1 capitalised, 2 all caps, 3 single capital,
/// 4 mixed case, 5 digits, 6 has digits, 7 punctuation, 8 other.
uint8_t TokenKind(std::string_view token);

}  // namespace dateline::ner
