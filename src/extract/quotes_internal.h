// Internals of the quote extractor (quotes.cc): the per-language lexicon of
// attribution cues (quotes_lexicon.cc).
#pragma once

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::quotes {

/// What a word (or a run of words) does in an attribution.
enum class Cue : uint8_t {
  kNone,
  kVerb,          // a reporting verb: said, zei, sagte, a déclaré, dijo, ha detto
  kPrep,          // the speaker follows: according to, volgens, aldus, selon, según, laut
  kPost,          // the speaker precedes: (X) zufolge
  kSo,            // German "…", so X: only right after a closing mark
  kThat,          // a complementiser opening an indirect quote: that, dat, dass, que
  kPronoun,       // a subject pronoun that may stand for one person: he, hij, er, il
  kOtherPronoun,  // a subject pronoun never resolved: it, they, we
  kRole,          // a role noun: minister, woordvoerder, porte-parole
  kDet,           // a determiner or possessive before a role noun
};

/// One lexicon entry: its cue and the words after the first ("" for one word).
struct Entry {
  Cue cue;
  std::string rest;  // space-separated
};

/// The cues of one language: first word (lower case) -> the entries starting
/// with it, in table order, in an open-addressing hash table (no allocation
/// per lookup: it runs on every word of every document).
class Lexicon {
 public:
  void Add(const std::string& first, Entry e);
  /// The entries whose first word is `w`, nullptr when none.
  const std::vector<Entry>* Find(std::string_view w) const {
    if (w.empty() || !heads_[Head(w)]) return nullptr;
    for (size_t i = Hash(w) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key.empty()) return nullptr;
      if (s.key == w) return &s.entries;
    }
  }

 private:
  struct Slot {
    std::string key;
    std::vector<Entry> entries;
  };
  static size_t Head(std::string_view w) {
    return static_cast<unsigned char>(w[0]) * 32 + std::min<size_t>(w.size(), 31);
  }
  static uint64_t Hash(std::string_view w) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h;
  }
  void Grow();
  std::vector<Slot> slots_ = std::vector<Slot>(64);
  size_t mask_ = 63, used_ = 0;
  // Bit Head(w) is set for every first word: most words of a text are ruled
  // out before hashing.
  std::bitset<256 * 32> heads_;
};

/// The lexicon of `lang` (en nl de fr es it), nullptr for other languages.
const Lexicon* LexiconFor(std::string_view lang);

}  // namespace dateline::quotes
