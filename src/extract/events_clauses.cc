// Clauses of their own inside one sentence (doc/events.md, "Several events
// in one sentence"): a verb coordinated with an earlier one after its object.
#include <string_view>

#include "extract/events_internal.h"

namespace dateline::events {
namespace {

// "and", "but" and their kin in the text's language (Spanish "en" is no "and").
bool JoinsClauses(const Context& c, const Word& w) {
  const std::string_view l = w.lower;
  if (c.lang == "en") return l == "and" || l == "but";
  if (c.lang == "nl") return l == "en" || l == "maar";
  if (c.lang == "de") return l == "und" || l == "aber";
  if (c.lang == "fr") return l == "et" || l == "mais";
  return c.lang == "es" && (l == "y" || l == "pero");
}

// Whether trigger word t may be a finite verb rather than a noun: no capital
// (a German noun), no word of injury ("killed two and wounded five" is one
// act) and, in English, a past form (no -ing form, no noun). An article or
// "te", "zu" before it already fails the conjunction test of CoordinatedVerb.
bool VerbLike(const Context& c, size_t t) {
  const Word& w = c.w[t];
  if (w.upper || w.punct != 0 || IsInjuryWord(w)) return false;
  if (c.lang == "en") return w.lower.ends_with("ed") || EnglishParticiple(w);
  return true;
}

}  // namespace

bool CoordinatedVerb(const Context& c, size_t b, size_t k_last, size_t t,
                     const std::vector<bool>& trigger_at) {
  if (t < b + 2 || !VerbLike(c, t)) return false;
  size_t j = t - 1;
  // Up to two adverbs or auxiliaries between ("and then shelled").
  for (int n = 0; n < 2 && j > k_last + 1 && !JoinsClauses(c, c.w[j]); ++n, --j) {
    if (!IsAdverb(c.w[j]) && c.w[j].cue != Cue::kBeAux && c.w[j].cue != Cue::kPassive) return false;
  }
  if (!JoinsClauses(c, c.w[j])) return false;
  // The first verb has an object of its own, which is no trigger: "condemned
  // the violence and demanded", not "condemned shelling and killing".
  if (j < k_last + 3 || trigger_at[j - 1 - b]) return false;
  for (size_t i = k_last + 1; i < j; ++i) {
    if (c.w[i].punct != 0 && c.w[i].punct != ',') return false;
  }
  return true;
}

}  // namespace dateline::events
