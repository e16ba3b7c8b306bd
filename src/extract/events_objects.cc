// English verbs whose event depends on their object (doc/events.md, One
// event per act): "ordered troops" (MOBILIZE), "launched an operation
// against" (ASSAULT), "gave them 48 hours to" (THREATEN, an ultimatum),
// "withdrew his asylum" (SANCTION).
#include <string_view>
#include <vector>

#include "extract/events_internal.h"

namespace dateline::events {

namespace {

const Trigger kOrderTroops{"MOBILIZE", "troops", "", "", 0};
const Trigger kOrderPolice{"MOBILIZE", "police", "", "", 0};
const Trigger kOperation{"ASSAULT", "", "", "", 0};
const Trigger kUltimatum{"THREATEN", "", "", "", 0};
const Trigger kWithdrawBenefit{"SANCTION", "", "", "", 0};

bool StartsWithAny(std::string_view w, std::initializer_list<std::string_view> stems) {
  for (std::string_view s : stems) {
    if (w.starts_with(s)) return true;
  }
  return false;
}

// Whether word k ends the object phrase of a verb: punctuation, "to", "of",
// "that", a conjunction.
bool EndsObject(const Word& w) { return w.punct != 0 || IsFunctionWord(w) || IsConjunction(w); }

// "ordered the army to ...", "ordered patrols by police": forces sent out.
Match Order(const Lexicon& lex, const std::vector<Word>& w, size_t i, size_t e) {
  for (size_t k = i + 1; k < e && k <= i + 4 && !EndsObject(w[k]); ++k) {
    const std::string_view x = w[k].lower;
    const bool police = x == "police" || x == "policemen" || x.starts_with("patrol");
    if (police || GroupOf(lex, x, false) == "state forces" ||
        StartsWithAny(x, {"reinforcement", "deployment", "mobili"})) {
      bool by_police = police;
      for (size_t j = k + 1; j < e && j <= k + 3 && w[j].punct == 0; ++j) {
        by_police = by_police || w[j].lower == "police";
      }
      return {by_police ? &kOrderPolice : &kOrderTroops, i};
    }
  }
  return {};
}

// "launched an operation against bandits", "launched a military operation":
// an armed operation; not "launched a rescue operation to ...".
Match Launch(const std::vector<Word>& w, size_t i, size_t e) {
  bool military = false;
  for (size_t k = i + 1; k < e && k <= i + 4 && !EndsObject(w[k]); ++k) {
    const std::string_view x = w[k].lower;
    military = military || x == "military" || x == "security" || x == "army";
    if (x == "operation" || x == "operations") {
      const bool against = k + 1 < e && w[k + 1].lower == "against";
      if (military || against) return {&kOperation, k};
      return {};
    }
  }
  return {};
}

// "gave the remaining parties 60 days to ...": an ultimatum.
Match Give(const Lexicon& lex, const std::vector<Word>& w, size_t i, size_t e) {
  for (size_t k = i + 1; k + 2 < e && k <= i + 6 && w[k].punct == 0; ++k) {
    const bool number = (!w[k].lower.empty() && w[k].lower[0] >= '0' && w[k].lower[0] <= '9') ||
                        lex.numbers.contains(w[k].lower);
    if (!number) continue;
    const std::string_view unit = w[k + 1].lower;
    if ((unit.starts_with("hour") || unit.starts_with("day") || unit.starts_with("week") ||
         unit.starts_with("month")) &&
        w[k + 2].lower == "to") {
      return {&kUltimatum, i};
    }
    return {};
  }
  return {};
}

// "withdrew his asylum", "withdrew its ambassador", "withdrew support for":
// taking back a benefit or an envoy reduces relations (SANCTION; CAMEO 16),
// it is no retreat.
Match Withdraw(const std::vector<Word>& w, size_t i, size_t e) {
  static const WordSet kBenefits{
      "asylum",     "support",     "recognition", "accreditation", "funding", "aid",
      "ambassador", "ambassadors", "citizenship", "invitation",    "visa",    "visas",
      "licence",    "license",     "credentials", "backing",       "envoy",   "concessions"};
  for (size_t k = i + 1; k < e && k <= i + 3 && !EndsObject(w[k]); ++k) {
    if (kBenefits.contains(w[k].lower)) return {&kWithdrawBenefit, i};
    if (!IsDeterminer(w[k]) && !IsPossessive(w[k])) break;
  }
  return {};
}

}  // namespace

Match ObjectTrigger(const Lexicon& lex, std::string_view lang, const std::vector<Word>& w, size_t i,
                    size_t e) {
  const std::string_view v = w[i].lower;
  if (lang != "en" || v.size() < 4 || (v[0] != 'o' && v[0] != 'l' && v[0] != 'g' && v[0] != 'w')) {
    return {};
  }
  if (v == "withdrew" || v == "withdraws" || v == "withdraw" || v == "withdrawn") {
    return Withdraw(w, i, e);
  }
  if (v == "ordered" || v == "orders" || v == "order") return Order(lex, w, i, e);
  if (v == "launched" || v == "launches" || v == "launch") return Launch(w, i, e);
  if (v == "gave" || v == "gives" || v == "give" || v == "given") return Give(lex, w, i, e);
  return {};
}

bool IsOrderTrigger(const Trigger* t) { return t == &kOrderTroops || t == &kOrderPolice; }

}  // namespace dateline::events
