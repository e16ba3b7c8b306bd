// Noun phrase helpers of the event finder: titles between "of" and a name,
// quantities before "of" (doc/events.md, Actors).
#include <string_view>

#include "extract/events_internal.h"

namespace dateline::events {

bool OfWord(std::string_view w) {
  return w == "of" || w == "van" || w == "von" || w == "des" || w == "du" || w == "del";
}

// A title ("maréchal", "Generals") is any word but a function word, an
// article or a name.

size_t PastTitles(const Context& c, size_t k) {
  size_t f = k;
  for (size_t n = 0; n < 2 && f > 1; ++n) {
    const Word& w = c.w[f - 1];
    if (OfWord(w.lower) || w.punct != 0 || IsFunctionWord(w) || IsConjunction(w) ||
        IsDeterminer(w)) {
      break;
    }
    if (w.upper && w.cue != Cue::kRole && c.lang != "de" && Demonym(c.lex, w).empty()) break;
    --f;
  }
  return f < k && OfWord(c.w[f - 1].lower) ? f : k;
}

// Whether words [first, last) are a quantity ("thousands", "plusieurs
// milliers", "cientos de miles", "12"): the noun they count follows "of".
bool Quantity(const Context& c, size_t first, size_t last) {
  static const WordSet kQuantities{"thousands",  "hundreds",  "dozens",    "millions",  "tens",
                                   "scores",     "milliers",  "centaines", "dizaines",  "miles",
                                   "cientos",    "decenas",   "millones",  "duizenden", "honderden",
                                   "tientallen", "plusieurs", "quelques",  "several",   "mil"};
  for (size_t i = first; i < last; ++i) {
    const Word& w = c.w[i];
    if (!kQuantities.contains(w.lower) && !StartsWithDigit(w) && !c.lex.numbers.contains(w.lower))
      return false;
  }
  return true;
}

}  // namespace dateline::events
