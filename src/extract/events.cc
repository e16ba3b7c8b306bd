// Events: trigger words -> PLOVER type and mode; actors, place, date,
// modality and fatalities from the trigger's sentence. See doc/events.md.
#include "dateline/events.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <span>

#include "dateline/annotate.h"
#include "dateline/places.h"
#include "extract/events_internal.h"
#include "extract/events_model.h"

namespace dateline {

namespace {

using events::ActorCandidates;
using events::Candidate;
using events::Context;
using events::Cue;
using events::EnglishParticiple;
using events::GroupOf;
using events::InheritCountry;
using events::IsAdverb;
using events::IsCallVerb;
using events::IsConjunction;
using events::IsDefinite;
using events::IsDeterminer;
using events::IsFunctionWord;
using events::IsPossessive;
using events::Lexicon;
using events::LookupCue;
using events::LookupTrigger;
using events::Lower;
using events::Match;
using events::Participle;
using events::SentenceEntities;
using events::ToActor;
using events::Trigger;
using events::Word;

constexpr std::string_view kModalities[] = {"asserted", "claimed", "confirmed",
                                            "denied",   "planned", "negated"};

// Types that govern a following trigger of their clause ("threatened to
// attack", "accused X of shelling", "agreed to withdraw"): PLOVER codes the
// governing act, so the governed trigger is no event of its own.
bool Governs(std::string_view type, std::string_view mode) {
  return type == "AGREE" || type == "THREATEN" || type == "REQUEST" ||
         (type == "REJECT" && mode != "deny") || type == "ACCUSE";
}

// ------------------------------------------------------------------ one event

struct Clause {
  size_t begin, end;  // words
};

Clause ClauseOf(const std::vector<Word>& w, size_t b, size_t e, size_t t) {
  Clause cl{b, e};
  for (size_t i = t; i > b; --i) {
    if (w[i - 1].punct == ';') {
      cl.begin = i;
      break;
    }
  }
  for (size_t i = t; i < e; ++i) {
    if (w[i].punct == ';') {
      cl.end = i;
      break;
    }
  }
  return cl;
}

// The head of "X of Y" ("Strijders van de regering", "troops of the LNA"):
// the candidate before the preposition, when it is a group noun.
const Candidate* HeadOf(const Context& c, const std::vector<Candidate>& cands,
                        const Candidate* cand) {
  if (cand == nullptr) return nullptr;
  size_t k = cand->first;
  if (k > 0 && (c.w[k - 1].lower == "de" || c.w[k - 1].lower == "het" ||
                c.w[k - 1].lower == "the" || c.w[k - 1].lower == "der")) {
    --k;
  }
  k = events::PastTitles(c, k);
  if (k == 0) return cand;
  if (k >= 2 && (c.w[k - 1].lower == "to" || c.w[k - 1].lower == "aan") &&
      (c.w[k - 2].lower == "loyal" || c.w[k - 2].lower == "trouw")) {
    --k;  // "forces loyal to Haftar": the forces
  }
  const std::string_view of = c.w[k - 1].lower;
  if (!events::OfWord(of) && of != "loyal" && of != "trouw") {
    return cand;
  }
  size_t head_end = k - 1;  // one past the head's last word
  if (head_end >= 3 && c.w[head_end - 1].punct == ')') {
    // "Het Libische Nationale Leger (LNA) van Haftar": skip the acronym.
    size_t open = head_end - 1;
    while (open > 0 && c.w[open].punct != '(' && head_end - open < 6) --open;
    if (c.w[open].punct == '(') head_end = open;
  }
  for (const Candidate& h : cands) {
    if (h.last + 1 == head_end && h.entity == nullptr && !h.group.empty()) {
      // "a group of Moroccan diplomats", "een groep activisten": the members act.
      const std::string_view head = c.w[h.last].lower;
      for (std::string_view q : {"group", "groep", "gruppe", "groupe", "grupo"}) {
        if (head == q) return cand;
      }
      return &h;
    }
    // "L'Armée nationale libyenne du maréchal Khalifa Haftar": the army.
    if (h.last + 1 == head_end && h.entity != nullptr && h.entity->type == EntityType::kOrg &&
        cand->entity != nullptr && cand->entity->type == EntityType::kPer) {
      return &h;
    }
  }
  return cand;
}

// Whether the words [b, t) before a verb are an adverbial (a date, a place
// phrase, an adverb) rather than a subject the tagger missed ("Kiev
// beschuldigde ..."), so that the subject may follow the verb.
bool OpensWithAdverbial(const Context& c, size_t b, size_t t) {
  if (b >= t) return false;
  const uint32_t start = c.w[b].start;
  for (const TimeExpr& d : c.dates) {
    if (d.start <= start && start < d.end) return true;
  }
  if (events::IsOpeningAdverb(c.w[b])) return true;
  return c.w[b].cue == Cue::kLocPrep;
}

// Whether an auxiliary or modal verb stands in words [from, t): a verb at the
// end of a Dutch or German clause is a participle or infinitive only then
// ("heeft ... gebombardeerd", "willen ... terugtrekken"; not "ontbood").
bool AuxiliaryBefore(const Context& c, size_t from, size_t t) {
  static const events::WordSet kAux{"heeft", "hebben", "had",  "hadden", "moet", "moeten",
                                    "kan",   "kunnen", "mag",  "mogen",  "hat",  "haben",
                                    "hatte", "hatten", "muss", "müssen", "soll", "sollen",
                                    "kann",  "können", "darf", "dürfen"};
  for (size_t i = from; i < t; ++i) {
    const Cue q = c.w[i].cue;
    if (q == Cue::kPassive || q == Cue::kBeAux || q == Cue::kIntent || kAux.contains(c.w[i].lower))
      return true;
  }
  return false;
}

// Whether "hebben" or "haben" stands in words [from, t): a perfect in the active.
bool AuxiliaryHave(const Context& c, size_t from, size_t t) {
  static const events::WordSet kHave{"heeft", "hebben", "had",   "hadden",
                                     "hat",   "haben",  "hatte", "hatten"};
  for (size_t i = from; i < t; ++i) {
    if (kHave.contains(c.w[i].lower)) return true;
  }
  return false;
}

// Whether the verb at t ends its clause as a participle or an infinitive
// after an auxiliary or modal in words [from, t) ("heeft ... gebombardeerd",
// "willen hun troepen ... terugtrekken"); a noun in -en after an article or
// a preposition ("bij invallen", "die Sanktionen") is none.
bool FinalVerb(const Context& c, size_t from, size_t t) {
  const Word& v = c.w[t];
  if (!Participle(v) && !v.lower.ends_with("en")) return false;
  if (!Participle(v) && t > from) {
    const Word& prev = c.w[t - 1];
    if (IsDeterminer(prev) || IsPossessive(prev) || prev.cue == Cue::kLocPrep ||
        IsFunctionWord(prev) || StartsWithDigit(prev)) {
      return false;
    }
  }
  return AuxiliaryBefore(c, from, t);
}

// "elkaar", "einander", "each other" within three words after the verb at t.
bool Reciprocal(const Context& c, Clause cl, size_t t) {
  for (size_t k = t + 1; k < cl.end && k <= t + 3; ++k) {
    const std::string_view r = c.w[k].lower;
    if (r == "elkaar" || r == "einander" || r == "each") return true;
  }
  return false;
}

// Whether word i lies in a relative clause or an apposition set off by
// commas that closes before the verb at t ("Frankrijk, dat 4500 militairen
// in de regio heeft, stuurde ...", "Pakistan, a key U.S. ally, has
// refused"): a name in it is not the verb's subject.
bool InRelativeClause(const Context& c, Clause cl, size_t i, size_t t) {
  static const events::WordSet kRelatives{"dat", "die", "which", "who", "that", "waar", "where",
                                          "der", "das", "qui",   "que", "a",    "an",   "een"};
  for (size_t k = i; k > cl.begin; --k) {
    if (c.w[k - 1].punct == 0) continue;
    if (c.w[k - 1].punct != ',' || !kRelatives.contains(c.w[k].lower)) return false;
    for (size_t j = i + 1; j < t; ++j) {
      if (c.w[j].punct == ',') return true;
    }
    return false;
  }
  return false;
}

// Dutch and German word order. A verb in second place after an adverbial
// ("Dinsdag bombardeerden straaljagers van het LNA de luchthaven") has its
// subject after it; a participle or infinitive at the end of the clause
// ("Een gevechtsvliegtuig van het LNA heeft de luchthaven gebombardeerd") has
// the subject first and the object just before it.
void VerbSecond(const Context& c, const std::vector<Candidate>& cands, Clause cl, size_t t,
                size_t after, const Candidate** source, const Candidate** target) {
  std::vector<const Candidate*> in;
  for (const Candidate& cand : cands) {
    if (cand.first >= std::max(cl.begin, after) && cand.last < cl.end && !cand.locative &&
        !(cand.last < t && InRelativeClause(c, cl, cand.first, t))) {
      in.push_back(&cand);
    }
  }
  if (in.empty()) return;
  // "Volgens Trump eiste Noord-Korea ...": the speaker's phrase opens the
  // clause as an adverbial, the verb follows it directly.
  const bool according = after == t && after > cl.begin;
  if (in.front()->first > t && t <= std::max(cl.begin, after) + 3 &&
      (according || OpensWithAdverbial(c, std::max(cl.begin, after), t))) {
    // Nothing before a verb in second place: its subject follows it. A
    // pronoun right after the verb is the subject ("Daar sprak hij met
    // Haftar"): the first candidate is then the object.
    if (t + 1 < cl.end && events::IsPersonalPronoun(c.w[t + 1]) && c.w[t + 1].lower != "er") {
      *source = nullptr;
      *target = in[0]->first <= t + 12 ? in[0] : nullptr;
      return;
    }
    *source = in[0];
    *target = in.size() > 1 && in[1]->first <= t + 12 ? in[1] : nullptr;
    return;
  }
  // "Poetin en Zelensky ontmoetten elkaar": the first meets the second.
  if (in.size() >= 2 && in[1]->last < t && Reciprocal(c, cl, t)) {
    *source = in[0];
    *target = in[1];
    return;
  }
  if (FinalVerb(c, std::max(cl.begin, after), t) && in.front()->last < t) {
    // "Syrische en Russische gevechtsvliegtuigen hebben ... gebombardeerd":
    // coordinated subjects are one; the last of them is the source (the
    // sources before it are added with it), the object comes after them.
    // ("Poetin en Zelensky ontmoetten elkaar": one meets the other.)
    size_t s = 0;
    while (s + 1 < in.size() && in[s + 1]->last < t && in[s + 1]->first == in[s]->last + 2 &&
           (IsConjunction(c.w[in[s]->last + 1]) || c.w[in[s]->last + 1].punct == ',')) {
      ++s;
    }
    *source = in[s];
    *target = nullptr;
    for (size_t k = s + 1; k < in.size(); ++k) {
      if (in[k]->last < t) *target = in[k];
    }
  }
}

// Whether the word at i follows "by"/"door"/"par", possibly with a determiner between.
bool AfterBy(const std::vector<Word>& w, size_t begin, size_t i) {
  if (i > begin && IsDeterminer(w[i - 1])) --i;
  return i > begin && w[i - 1].cue == Cue::kBy;
}

// Types whose object is usually a person or group: "urged X", "accused X",
// "arrested X", "met X", "abducted X".
bool TakesPersonObject(const Context& c, const Event& e, size_t t, size_t t_last) {
  if (e.type == "REQUEST") {
    // "urged both sides", "riep de partijen op": the addressee follows; after
    // "demanded", "called for", "réclamé" the thing asked for does.
    static constexpr std::string_view kAddress[] = {
        "urg",   "ask",   "called", "calls", "press", "invit", "plead", "riep", "roep", "verzo",
        "vroeg", "vraag", "nodig",  "appel", "pidi",  "inst",  "rief",  "ruft", "bat"};
    const std::string_view last = c.w[t_last].lower;
    if (last == "for" || last == "om" || last == "à") return false;
    for (std::string_view a : kAddress) {
      if (c.w[t].lower.starts_with(a)) return true;
    }
    return false;
  }
  return e.type == "ACCUSE" || e.type == "CONSULT" || (e.type == "COERCE" && e.mode == "arrest") ||
         (e.type == "ASSAULT" && e.mode == "abduct");
}

// A German object after its article: lower-case modifiers, then the noun
// (a capital), when it names people ("die Anwohner", "beide Seiten").
std::pair<size_t, size_t> GermanObject(const Context& c, size_t first, size_t end) {
  for (size_t k = first + 1; k < end && k <= first + 3; ++k) {
    const Word& w = c.w[k];
    if (w.punct != 0 || w.cue != Cue::kNone || IsFunctionWord(w)) return {0, 0};
    if (w.upper) {
      if (GroupOf(c.lex, w.lower, c.compounds).empty()) return {0, 0};
      return {first, k + 1};
    }
  }
  return {0, 0};
}

// The noun phrase right after a verb ending at t_last: an optional
// preposition ("on", "op"), a determiner, possessive or number, up to two
// modifiers, then a lower-case noun; words [first, second), empty when none.
std::pair<size_t, size_t> ObjectPhrase(const Context& c, size_t t_last, size_t end) {
  size_t i = t_last + 1;
  if (i < end && c.w[i].lower == "on") ++i;  // "called on the premier"
  const size_t first = i;
  if (i >= end || c.w[i].punct != 0) return {0, 0};
  const bool det = IsDeterminer(c.w[i]) || IsPossessive(c.w[i]) || StartsWithDigit(c.w[i]) ||
                   c.w[i].lower == "both" || c.w[i].lower == "beide";
  if (!det) return {0, 0};
  if (c.lang == "de") return GermanObject(c, first, end);
  for (size_t k = i + 1; k < end && k <= i + 3; ++k) {
    const Word& w = c.w[k];
    if (w.punct != 0 || w.upper || w.cue != Cue::kNone || IsFunctionWord(w)) return {0, 0};
    if (k + 1 >= end || c.w[k + 1].punct != 0 || c.w[k + 1].cue != Cue::kNone || c.w[k + 1].upper ||
        IsFunctionWord(c.w[k + 1])) {
      return {first, k + 1};  // the last word before punctuation, a cue, a name or "to"
    }
  }
  return {first, std::min(end, i + 2)};
}

// The noun phrase from word b to the verb at t, when that is all there is: a
// determiner or quantifier, up to three lower-case words, cut before "of",
// "van", "von" (its head), with auxiliaries before the verb left out; empty
// when the clause opens with a preposition, a name or something longer.
std::pair<size_t, size_t> SubjectPhrase(const Context& c, size_t b, size_t t) {
  size_t end = t;
  static constexpr std::string_view kAux[] = {"has",   "have",  "had",    "is",  "are",    "was",
                                              "were",  "heeft", "hebben", "had", "hadden", "hat",
                                              "haben", "a",     "ont",    "ha",  "han"};
  while (end > b &&
         std::find(std::begin(kAux), std::end(kAux), c.w[end - 1].lower) != std::end(kAux)) {
    --end;
  }
  if (end <= b || end - b > 6 || c.w[b].cue == Cue::kLocPrep) return {0, 0};
  for (const TimeExpr& d : c.dates) {
    if (d.start < c.w[end - 1].end && c.w[b].start < d.end) return {0, 0};  // "Dinsdag ..."
  }
  const bool det = IsDeterminer(c.w[b]) || IsPossessive(c.w[b]) || IsDefinite(c.w[b]);
  size_t first = det ? b + 1 : b;
  size_t last = end;
  for (size_t i = first; i < end; ++i) {
    const std::string_view w = c.w[i].lower;
    if (w == "of" || w == "van" || w == "von" || w == "de" || w == "du" || w == "del") {
      last = i;
      break;
    }
  }
  // "Plusieurs milliers de gilets jaunes", "Miles de personas": after a
  // quantity the head follows the preposition.
  if (last < end && last > first && events::Quantity(c, first, last) && end - last <= 4) {
    first = last + 1;
    last = end;
  }
  if (last <= first || last - first > 3) return {0, 0};
  for (size_t i = first; i < last; ++i) {
    const Word& w = c.w[i];
    if (w.punct != 0 || w.cue != Cue::kNone) return {0, 0};
    // A name is the tagger's business; German writes every noun with a capital.
    if (w.upper && !(i == b && !det) && c.lang != "de") return {0, 0};
  }
  // Without an article, only a plural noun ("Supporters gathered"), not an
  // adverb that opens the sentence ("Zugleich warnte ...").
  const std::string_view head = c.w[last - 1].lower;
  if (!det && !(head.ends_with("s") || head.ends_with("en") || head.ends_with("es"))) {
    return {0, 0};
  }
  // "Een formeel embargo", "Een geplande top": an indefinite article and an
  // adjective of the trigger noun itself, no subject.
  if (det && last == t && last == first + 1 && !IsDefinite(c.w[b]) &&
      GroupOf(c.lex, head, c.compounds).empty()) {
    return {0, 0};
  }
  return {b, last};
}

// Acts done by their actor alone: moving troops, marching, pulling out
// ("trokken hun troepen terug uit Libië", "opgerukt naar Tripoli"). What
// follows them is where or what moves, not a target, unless it follows
// "against" ("mobilised against the rebels"); a release has its captives.
bool Directed(const Context& c, const Event& e, const Trigger* trigger, const Candidate& target,
              size_t t) {
  // "denied that its forces had fired": what is denied has no target.
  if (e.type == "REJECT" && c.w[t].cue == Cue::kDeny) return false;
  // "ordered the army to ...": the forces ordered, right after the verb.
  if (events::IsOrderTrigger(trigger)) {
    return target.first == t + 1 || (target.first == t + 2 && IsDeterminer(c.w[t + 1]));
  }
  if (e.type != "MOBILIZE" && e.type != "PROTEST" &&
      !(e.type == "RETREAT" && e.mode != "release")) {
    return true;
  }
  // A protest may name whom it is against ("boycott contacts with the United
  // States", "demand the resignation of President X"): a name, not a noun.
  if (e.type == "PROTEST" && target.entity != nullptr && target.entity->type != EntityType::kLoc) {
    return true;
  }
  size_t k = target.first;
  if (k > 0 && (IsDeterminer(c.w[k - 1]) || IsPossessive(c.w[k - 1]))) --k;
  if (k == 0) return false;
  const std::string_view prev = c.w[k - 1].lower;
  for (std::string_view a : {"against", "tegen", "gegen", "contre", "contra"}) {
    if (prev == a) return true;
  }
  return false;
}

// Whether the head noun at word i names an act or a state, not someone
// ("condemned the violence", "veroordeelde de aanslag", "onderzoekt de
// klachten"): a trigger word, or one of a few abstract nouns.
bool Abstract(const Context& c, size_t i, size_t end) {
  if (LookupTrigger(c.lex, c.w, i, end, c.compounds).trigger != nullptr) return true;
  return events::IsAbstractNoun(c.w[i]);
}

// Whether the words between word `last` and word `first` join two actors of
// a list: a conjunction, a comma, or a comma and a conjunction ("A, B and C").
bool Coordinated(const Context& c, size_t last, size_t first) {
  // An article may open the second ("Poland and the Czech Republic").
  if (first > last + 2 && IsDefinite(c.w[first - 1])) --first;
  if (first == last + 2) {
    const Word& sep = c.w[last + 1];
    return IsConjunction(sep) || sep.punct == ',';
  }
  return first == last + 3 && c.w[last + 1].punct == ',' && IsConjunction(c.w[last + 2]);
}

// The word after the report cue at i; after the speaker of "volgens X",
// "according to X", "laut X", "selon X", "según X" when X is a candidate
// that ends before the verb at t (X is the speaker, not the actor).
size_t AccordingEnd(const Context& c, const std::vector<Candidate>& cands, size_t i, size_t t) {
  static const events::WordSet kAccording{"volgens", "according", "laut", "selon", "según"};
  if (!kAccording.contains(c.w[i].lower)) return i + 1;
  const size_t from = i + 1 + (i + 1 < t && c.w[i + 1].lower == "to");
  for (const Candidate& cand : cands) {
    if (cand.first == from && cand.last < t) {
      return cand.last + 1 < t && c.w[cand.last + 1].punct == ',' ? cand.last + 2 : cand.last + 1;
    }
  }
  return i + 1;
}

// Whether `cand` speaks in a report that ends the sentence after a comma
// (", police said", ", officials told AFP"): the source of the report, not
// a target.
bool TrailingSpeaker(const Context& c, const Candidate& cand) {
  size_t k = cand.first;
  while (k > 0 && (IsDeterminer(c.w[k - 1]) || IsPossessive(c.w[k - 1]))) --k;
  if (k == 0 || c.w[k - 1].punct != ',' || cand.last + 1 >= c.w.size()) return false;
  // (", the White House announced Tuesday": an announcement reports too.)
  const Word& verb = c.w[cand.last + 1];
  return verb.cue == Cue::kReport || verb.lower == "announced" || verb.lower == "reported";
}

// Whether the subject of a verb of death or injury stands at `cand` ("vier
// burgers kwamen om het leven", "three civilians were killed in a bombing",
// "raakten twee mannen gewond"): a death or injury word follows it within
// four words, with no trigger between. The victim of an attack is its
// target, not its source.
bool Victim(const Context& c, Clause cl, const Candidate& cand, size_t t, size_t t_last) {
  for (size_t k = cand.last + 1; k < cl.end && k <= cand.last + 4; ++k) {
    if (k >= t && k <= t_last) return false;
    if (c.w[k].cue == Cue::kKilled || events::IsInjuryWord(c.w[k])) return true;
  }
  return false;
}

// Whether `target` belongs to the infinitive a threat, promise or refusal
// governs ("threatened to block the nomination of the Dutch candidate",
// "refused to negotiate with the government", "dreigde de grenzen voor
// Syrische vluchtelingen open te zetten"): it is the object of the act
// threatened, not the one threatened. English "to" precedes that object;
// Dutch and German "te", "zu" follow it.
bool InGovernedInfinitive(const Context& c, const Event& ev, Clause cl, size_t t_last,
                          const Candidate& target) {
  if (!(ev.type == "THREATEN" || ev.type == "AGREE" ||
        (ev.type == "REJECT" && ev.mode != "deny")) ||
      target.first <= t_last) {
    return false;
  }
  for (size_t k = t_last + 1; k < cl.end; ++k) {
    const std::string_view w = c.w[k].lower;
    if (c.compounds && (w == "te" || w == "zu")) {
      // "dreigde de kapitein een boete op te leggen": a first object
      // followed by a second one before "te" is the one threatened.
      if (target.first > t_last + 3 || target.last >= k) return true;
      for (size_t j = target.last + 1; j < k; ++j) {
        if (IsDeterminer(c.w[j])) return false;
      }
      return true;
    }
    // ("promised aid to the villages": "to" before an article is a preposition.)
    if (!c.compounds && w == "to" && k <= t_last + 2 && k + 1 < cl.end &&
        !IsDeterminer(c.w[k + 1]) && !IsPossessive(c.w[k + 1]) && !c.w[k + 1].upper) {
      // The direct object of the infinitive, or a name after "against",
      // is the one threatened ("threatened to ban opposition candidates",
      // "to take legal action against unions"); names further on are not.
      if (target.first <= k) return false;
      const bool direct =
          target.first == k + 2 || (target.first == k + 3 && IsDeterminer(c.w[k + 2]));
      return !direct && c.w[target.first - 1].lower != "against";
    }
  }
  return false;
}

// Whether a target refers back to coordinated sources ("their countries",
// "the two countries", "beide landen"): what they agree on is no one else.
bool RefersToSources(const Context& c, const Candidate& target, const Event& ev) {
  if (ev.sources.size() < 2 || target.entity != nullptr || target.first == 0) return false;
  static const events::WordSet kBack{"their", "two",   "both", "hun",
                                     "twee",  "beide", "ihre", "beiden"};
  for (size_t k = target.first - 1; k <= target.first + 1 && k < target.last; ++k) {
    if (kBack.contains(c.w[k].lower)) return true;
  }
  return false;
}

// Whether the clause of the trigger at t is a passive: "was attacked by X",
// "werd door X aangevallen".
bool IsPassive(const Context& c, Clause cl, size_t t, const Event& ev) {
  const bool participle = c.compounds ? Participle(c.w[t]) : EnglishParticiple(c.w[t]);
  bool by = false;
  for (size_t i = cl.begin; i < cl.end; ++i) by = by || c.w[i].cue == Cue::kBy;
  // "is opgepakt", "zijn gedood": an act done to someone takes "hebben" in
  // the active, so "zijn" with its participle is a passive, also without agent.
  const bool done_to = c.compounds && (ev.type == "ASSAULT" || ev.type == "COERCE") &&
                       !AuxiliaryHave(c, cl.begin, t);
  for (size_t i = t; participle && i > cl.begin && (i + 4 > t || c.compounds); --i) {
    const Cue q = c.w[i - 1].cue;
    // "werd aangevallen"; "waren aangevallen door een vliegtuig" (a state passive).
    // ("zijn" only right before its participle: elsewhere it may be "his").
    const bool be = q == Cue::kBeAux && (by || (done_to && (c.w[i - 1].lower != "zijn" || i == t)));
    if (q == Cue::kPassive || be) return true;
  }
  return false;
}

// The actor roles of one trigger as candidates, before they become actors.
struct Roles {
  const Candidate* agent = nullptr;      // after "by", "door"
  const Candidate* before = nullptr;     // the subject before the trigger
  const Candidate* speaker = nullptr;    // a candidate before the last report cue
  const Candidate* following = nullptr;  // the first candidate after the trigger
  size_t after = 0;                      // the word after the last report cue
};

Roles FindRoles(const Context& c, const std::vector<Candidate>& cands, Clause cl, size_t t,
                size_t t_last) {
  Roles r;
  for (const Candidate& cand : cands) {
    if (AfterBy(c.w, cl.begin, cand.first) && !cand.locative && cand.first + 8 > t &&
        cand.first < t_last + 8 && cand.first >= cl.begin && cand.last < cl.end) {
      r.agent = &cand;
      break;
    }
  }
  // The last report cue before the trigger: the actor is looked for after it first.
  r.after = cl.begin;
  for (size_t i = cl.begin; i < t; ++i) {
    if (c.w[i].cue == Cue::kReport || c.w[i].cue == Cue::kConfirm || c.w[i].cue == Cue::kDeny) {
      r.after = AccordingEnd(c, cands, i, t);
    }
  }
  for (const Candidate& cand : cands) {
    if (cand.last >= t || cand.first < cl.begin || cand.locative || &cand == r.agent) continue;
    if (InRelativeClause(c, cl, cand.first, t)) continue;
    (cand.first >= r.after ? r.before : r.speaker) = &cand;
  }
  if (r.before == nullptr) r.before = r.speaker;
  if (r.before != nullptr && events::SecondPredicate(c, cands, cl.begin, t)) {
    for (const Candidate& cand : cands) {  // the clause's subject: its first actor
      if (cand.first >= r.after && cand.last < t && !cand.locative && &cand != r.agent &&
          !InRelativeClause(c, cl, cand.first, t)) {
        r.before = &cand;
        break;
      }
    }
  }
  r.before = HeadOf(c, cands, r.before);
  // The target follows the trigger, before any reporting verb ("..., meldde het leger").
  size_t stop = std::min(cl.end, t_last + 13);
  for (size_t i = t_last + 1; i < stop; ++i) {
    if (c.w[i].cue == Cue::kReport || events::OpensBackgroundClause(c, i)) stop = i;
  }
  for (const Candidate& cand : cands) {
    if (cand.first > t_last && cand.last < stop && !cand.locative && &cand != r.agent &&
        !TrailingSpeaker(c, cand)) {
      r.following = &cand;
      break;
    }
  }
  return r;
}

// An actor for words [first, second) of a plain noun phrase.
EventActor PhraseActor(const Context& c, std::pair<size_t, size_t> np) {
  EventActor a;
  a.start = c.w[np.first].start;
  a.end = c.w[np.second - 1].end;
  a.text = MentionText(c.text, a.start, a.end);
  return a;
}

// The source and those coordinated with it ("Israel and Lebanon renewed
// talks", "France, Germany and Britain rejected": all are sources).
void AddSources(const Context& c, const std::vector<Candidate>& cands, const Candidate& source,
                size_t after, Event* ev) {
  ev->sources.push_back(ToActor(c, source));
  size_t first = source.first;
  for (size_t n = cands.size(); n-- > 0;) {
    const Candidate& cand = cands[n];
    if (&cand == &source || cand.locative || cand.first < after ||
        !Coordinated(c, cand.last, first)) {
      continue;
    }
    ev->sources.push_back(ToActor(c, cand));
    first = cand.first;
  }
}

// The target and those coordinated with it ("talks with Mordor, Rohan and Bree").
void AddTargets(const Context& c, const std::vector<Candidate>& cands, Clause cl,
                const Candidate& target, const Candidate* source, Event* ev) {
  ev->targets.push_back(ToActor(c, target));
  size_t last = target.last;
  for (const Candidate& cand : cands) {
    if (cand.first <= last || cand.last >= cl.end || cand.locative || &cand == source) continue;
    if (!Coordinated(c, last, cand.first)) break;
    ev->targets.push_back(ToActor(c, cand));
    last = cand.last;
  }
}

// "Nederland besloot de hulp aan Mali op te schorten": the subject of a
// Dutch or German infinitive with "te", "zu" that ends the clause is the
// clause's first actor; a name between is its object.
void InfinitiveSubject(const Context& c, const std::vector<Candidate>& cands, Clause cl, size_t t,
                       size_t after, const Candidate** source, const Candidate** target) {
  if (t <= cl.begin || (c.w[t - 1].lower != "te" && c.w[t - 1].lower != "zu" &&
                        !(t + 1 < cl.end && c.w[t + 1].lower == "te"))) {
    return;
  }
  for (const Candidate& cand : cands) {
    if (cand.first < std::max(cl.begin, after) || cand.locative ||
        InRelativeClause(c, cl, cand.first, t)) {
      continue;
    }
    if (cand.first >= (*source)->first) return;
    if (*target == nullptr) *target = *source;
    *source = &cand;
    return;
  }
}

// Chooses the sources and targets of the event triggered by words [t, t_last];
// returns whether the clause is a passive.
bool ChooseActors(const Context& c, const std::vector<Candidate>& cands, Clause cl, size_t t,
                  size_t t_last, const Trigger* trigger, Event* ev) {
  const bool passive = IsPassive(c, cl, t, *ev);
  const Roles r = FindRoles(c, cands, cl, t, t_last);
  const Candidate* source = passive ? r.agent : r.before;
  const Candidate* target = passive ? r.before : r.following;
  if (c.w[t].cue == Cue::kObligation) {  // "Russia said Sudan must return ...": Russia asks Sudan
    target = r.before;
    source = r.speaker != r.before ? r.speaker : nullptr;
  }
  if (c.compounds && !passive) VerbSecond(c, cands, cl, t, r.after, &source, &target);
  if (c.compounds && !passive && source != nullptr)
    InfinitiveSubject(c, cands, cl, t, r.after, &source, &target);
  // "beschuldigt de bank ervan het bewind van Maduro te financieren": the
  // object right after the verb is the target, not a name further on (not
  // in Spanish, whose personal "a" the object phrase does not read).
  if (target != nullptr && target == r.following && !passive && c.lang != "es" &&
      TakesPersonObject(c, *ev, t, t_last)) {
    const auto np = ObjectPhrase(c, t_last, cl.end);
    if (np.first < np.second && np.second <= r.following->first &&
        !Abstract(c, np.second - 1, cl.end)) {
      target = nullptr;
    }
  }
  // Dutch and German "gewond", "verletzt" are adjectives ("raakten twee
  // mannen gewond"): their subject is hurt, it hurts no one.
  const bool hurt = c.compounds && events::IsInjuryWord(c.w[t]) && r.agent == nullptr;
  const bool victim = ev->type == "ASSAULT" && source != nullptr && !passive &&
                      (hurt || Victim(c, cl, *source, t, t_last));
  if (victim) {
    if (target == nullptr) target = source;
    source = nullptr;
  }
  if (source != nullptr) AddSources(c, cands, *source, r.after, ev);
  if (source == nullptr && !passive && !victim) {
    // "The group denied", "De militaire raad ontkende", "Een woordvoerder van
    // de Houthi's dreigde": the noun phrase that opens the clause.
    if (const auto np = SubjectPhrase(c, std::max(cl.begin, r.after), t); np.first < np.second) {
      EventActor a = PhraseActor(c, np);
      a.group = GroupOf(c.lex, c.w[np.second - 1].lower, c.compounds);
      ev->sources.push_back(std::move(a));
    }
  }
  if (target != nullptr && !Directed(c, *ev, trigger, *target, t)) target = nullptr;
  if (target != nullptr && InGovernedInfinitive(c, *ev, cl, t_last, *target)) target = nullptr;
  if (target != nullptr && RefersToSources(c, *target, *ev)) target = nullptr;
  if (target != nullptr && target != source) {
    AddTargets(c, cands, cl, *target, source, ev);
  } else if (target == nullptr && !passive && TakesPersonObject(c, *ev, t, t_last)) {
    // "urged both sides", "arrested a journalist", "accused foreign enemies":
    // the object noun phrase, when no known actor follows.
    if (const auto np = ObjectPhrase(c, t_last, cl.end);
        np.first < np.second && !Abstract(c, np.second - 1, cl.end)) {
      ev->targets.push_back(PhraseActor(c, np));
    }
  }
  return passive;
}

// Whether a relative clause opens between byte `from` and byte `to` ("a
// plane that took off from Misrata"): a place in it tells where something
// else happened.
bool RelativeBetween(const Context& c, uint32_t from, uint32_t to) {
  static const events::WordSet kRelatives{"that", "which", "who", "dat", "die",  "waar",
                                          "der",  "das",   "qui", "que", "dont", "donde"};
  auto it = std::lower_bound(c.w.begin(), c.w.end(), from,
                             [](const Word& w, uint32_t x) { return w.start < x; });
  for (; it != c.w.end() && it->start < to; ++it) {
    if (kRelatives.contains(it->lower)) return true;
  }
  return false;
}

// The place of the sentence nearest to the trigger that is no actor; a place
// in a relative clause after the trigger only when there is no other.
void ChoosePlace(const Context& c, uint32_t sb, uint32_t se, uint32_t trig, Event* ev) {
  const Place* best = nullptr;
  uint64_t best_d = UINT64_MAX;
  for (const Place& p : c.places) {
    if (p.start < sb || p.end > se) continue;
    bool actor = false;
    for (const auto* list : {&ev->sources, &ev->targets}) {
      for (const EventActor& a : *list) actor = actor || (p.start >= a.start && p.end <= a.end);
    }
    if (actor || events::ReportingPlace(c, p)) continue;
    uint64_t d = p.start > trig ? p.start - trig : trig - p.start;
    if (p.start > trig && RelativeBetween(c, trig, p.start)) d += 1u << 20;
    if (d < best_d) {
      best_d = d;
      best = &p;
    }
  }
  if (best != nullptr) {
    ev->has_place = true;
    ev->place = *best;
  }
}

void ChooseDate(const std::vector<TimeExpr>& dates, const Date& doc_date, uint32_t sb, uint32_t se,
                uint32_t trig, Event* ev) {
  const TimeExpr* best = nullptr;
  uint64_t best_d = UINT64_MAX;
  for (const TimeExpr& t : dates) {
    if (t.start < sb || t.end > se || !t.has_span || (t.type != "DATE" && t.type != "TIME")) {
      continue;
    }
    const uint64_t d = t.start > trig ? t.start - trig : trig - t.start;
    if (d < best_d) {
      best_d = d;
      best = &t;
    }
  }
  EventDate& d = ev->date;
  if (best != nullptr) {
    d.start = best->start;
    d.end = best->end;
    d.text = best->text;
    d.value = best->value;
    d.precision = best->precision;
    d.rule = best->rule;
    d.has_span = true;
    d.first_day = best->first_day;
    d.last_day = best->last_day;
  } else if (doc_date.year != 0) {
    d.value = doc_date.ToString();
    d.precision = doc_date.PrecisionName();
    d.rule = "publication date";
    d.has_span = true;
    d.first_day = doc_date.FirstDay();
    d.last_day = doc_date.LastDay();
  }
}

EventModality ChooseModality(const Context& c, Clause cl, size_t t, const Event& ev,
                             const Date& doc_date, size_t sb, size_t se) {
  bool deny = false, negated = false, future = false, confirm = false, report = false;
  for (size_t i = cl.begin; i < t; ++i) {
    const Cue q = c.w[i].cue;
    deny = deny || q == Cue::kDeny;
    confirm = confirm || q == Cue::kConfirm;
    future = future || (q == Cue::kFuture && i + 8 > t);
    negated = negated || (q == Cue::kNegation && i + 4 > t);
  }
  for (size_t i = cl.begin; i < cl.end; ++i) {
    // "The talks were postponed": not the trigger itself ("suspended aid" is an act).
    negated = negated || (i != t && c.w[i].cue == Cue::kCancel);
  }
  // A negation right after a Dutch or German verb ("viel niet aan", "griff nicht an").
  if (c.compounds && t + 1 < cl.end && c.w[t + 1].cue == Cue::kNegation) negated = true;
  int quotes = 0;
  for (size_t i = sb; i < se; ++i) {
    report = report || c.w[i].cue == Cue::kReport;
    if (c.w[i].punct == '"' && i < t) ++quotes;
  }
  if (quotes % 2 == 1) report = true;  // inside a quote
  if (ev.date.has_span && ev.date.rule != "publication date" && doc_date.year != 0 &&
      ev.date.first_day > doc_date.LastDay()) {
    future = true;
  }
  if (deny) return EventModality::kDenied;
  if (negated) return EventModality::kNegated;
  if (future) return EventModality::kPlanned;
  if (confirm) return EventModality::kConfirmed;
  if (report) return EventModality::kClaimed;
  return EventModality::kAsserted;
}

// A number: digits ("12", "1,200") or a number word; -1 otherwise.
int64_t NumberOf(const Lexicon& lex, const Word& w) {
  if (w.punct != 0 || w.lower.empty()) return -1;
  if (StartsWithDigit(w)) {
    int64_t v = 0;
    for (char ch : w.lower) {
      if (ch == ',' || ch == '.') continue;
      if (std::isdigit(static_cast<unsigned char>(ch)) == 0) return -1;
      v = v * 10 + (ch - '0');
      if (v > 10'000'000) return -1;
    }
    return v;
  }
  auto n = lex.numbers.find(w.lower);
  return n == lex.numbers.end() ? -1 : n->second;
}

void ChooseFatalities(const Context& c, size_t sb, size_t se, Event* ev) {
  for (size_t i = sb; i < se; ++i) {
    if (c.w[i].cue != Cue::kKilled) continue;
    // "12 people were killed", "vijf doden"; "killing five", "killed 12".
    for (size_t k = i; k > sb && k + 4 > i; --k) {
      const int64_t n = NumberOf(c.lex, c.w[k - 1]);
      if (n >= 0) {
        ev->fatalities = n;
        ev->number_start = c.w[k - 1].start;
        ev->number_end = c.w[i].end;
        return;
      }
    }
    for (size_t k = i + 1; k < se && k < i + 3; ++k) {
      const int64_t n = NumberOf(c.lex, c.w[k]);
      if (n >= 0) {
        ev->fatalities = n;
        ev->number_start = c.w[i].start;
        ev->number_end = c.w[k].end;
        return;
      }
    }
  }
}

std::string_view ModeFromContext(const Context& c, size_t sb, size_t se) {
  for (size_t i = sb; i < se; ++i) {
    switch (c.w[i].cue) {
      case Cue::kModeAerial:
        return "aerial";
      case Cue::kModeHeavy:
        return "heavy-weapons";
      case Cue::kModeFirearms:
        return "firearms";
      case Cue::kModeExplosives:
        return "explosives";
      default:
        break;
    }
  }
  return {};
}

struct Found {
  size_t first, last;
  const Trigger* trigger;
  std::string_view type;    // the trigger's type, or THREATEN for a vow of a hostile act
  bool threatened = false;  // the act a threat names: planned, an event of its own
};

// Types whose trigger words are common outside politics ("support", "share",
// "promise"): kept only with an actor.
bool NeedsActor(std::string_view t) {
  return t == "AGREE" || t == "SUPPORT" || t == "COOPERATE" || t == "CONCEDE" || t == "AID";
}

bool Hostile(std::string_view t) {
  return t == "ASSAULT" || t == "COERCE" || t == "SANCTION" || t == "PROTEST" || t == "MOBILIZE" ||
         t == "ACCUSE";
}

// "door de VN erkende regering": an inflected participle after "door X" /
// "von X", before a noun.
bool AdjectivalParticiple(const Context& c, size_t b, size_t e, size_t t) {
  const std::string_view w = c.w[t].lower;
  if (!(w.ends_with("de") || w.ends_with("te") || w.ends_with("ten") || w.ends_with("en")) ||
      t + 1 >= e || c.w[t + 1].punct != 0) {
    return false;
  }
  for (size_t i = t; i > b && i + 4 > t; --i) {
    if (c.w[i - 1].cue == Cue::kBy && i + 1 < t) return true;
  }
  return false;
}

// Whether trigger f stands in the object of trigger k: a few words after it,
// with no punctuation or conjunction in between ("lifted a state of emergency").
bool Object(const std::vector<Word>& w, const Found& k, const Found& f) {
  if (f.first <= k.last || f.first > k.last + 5) return false;
  for (size_t i = k.last + 1; i < f.first; ++i) {
    if (w[i].punct != 0 || IsConjunction(w[i]) || w[i].cue == Cue::kLocPrep ||
        w[i].cue == Cue::kBy) {
      return false;
    }
  }
  return true;
}

// Intent and obligation before a verb. "X will release", "is prepared to
// lift", "would meet": the act, planned (PLOVER codes such announcements as
// AGREE, or THREATEN for a hostile act; bench/events maps them so). "will
// withdraw ... unless": THREATEN. "will not accept": REJECT. "Sudan must
// return": REQUEST. Only adverbs may stand between the modal and the verb
// ("will soon visit").
struct Intent {
  std::string_view type;  // a new type, or "" to keep the trigger's
  bool planned = false;
};

Intent IntentOf(const Context& c, size_t b, size_t e, const Found& f) {
  bool unless = false;
  for (size_t i = f.last + 1; i < e; ++i) unless = unless || c.w[i].cue == Cue::kUnless;
  if (f.type == "AGREE" || f.type == "THREATEN" || f.type == "REQUEST" || f.type == "REJECT") {
    return {};
  }
  bool negated = false;
  for (size_t i = f.first; i > b && i + 3 > f.first; --i) {
    const Word& m = c.w[i - 1];
    if (m.punct != 0) return {};
    if (m.cue == Cue::kNegation) {
      negated = true;
      continue;
    }
    // "would not affect asylum" has another verb between.
    if (m.cue == Cue::kNone && i != f.first && !IsAdverb(m)) return {};
    if (m.cue == Cue::kObligation) return negated ? Intent{} : Intent{"REQUEST", false};
    if (m.cue == Cue::kIntent ||
        (m.cue == Cue::kPurpose && i >= b + 2 && c.w[i - 2].cue == Cue::kIntent)) {
      if (negated) return {"REJECT", false};
      if (unless) return {"THREATEN", false};
      return {"", true};
    }
  }
  return {};
}

// Whether the trigger at word t names an event told before in the same text
// ("De aanslag in Indelimane is de zwaarste in jaren", "The summit could run
// into the weekend"): a noun after a definite article, of a type already found.
bool Anaphoric(const Context& c, size_t b, size_t t, std::string_view type,
               const std::vector<Event>& before) {
  if (t == b || !IsDefinite(c.w[t - 1])) return false;
  for (const Event& e : before) {
    if (e.type == type) return true;
  }
  return false;
}

// A sentence in capitals ("STAKING IN HET OPENBAAR VERVOER") is a headline
// inside the text: it restates the story.
bool AllCaps(const Context& c, size_t b, size_t e) {
  size_t letters = 0;
  for (size_t i = b; i < e; ++i) {
    for (char ch : c.text.substr(c.w[i].start, c.w[i].end - c.w[i].start)) {
      if (ch >= 'a' && ch <= 'z') return false;
      letters += ch >= 'A' && ch <= 'Z';
    }
  }
  return letters >= 8;
}

// Talks or mediation that someone ends or abandons ("ended mediation
// efforts", "broke off the talks"): reducing relations (SANCTION; CAMEO 164,
// 165), not a meeting. A meeting postponed or cancelled stays a meeting that
// did not take place (CONSULT, negated: tests/data/events/README.md).
// English; the verb stands up to three words before the noun, with only
// articles, possessives and modifiers between.
bool HaltedTalks(const Context& c, size_t b, size_t t) {
  if (c.lang != "en") return false;
  static constexpr std::string_view kStems[] = {"ended",  "ends",    "end",
                                                "ending", "abandon", "scrap"};
  for (size_t i = t; i > b && i + 4 > t; --i) {
    const Word& v = c.w[i - 1];
    if (v.punct != 0) return false;
    for (std::string_view stem : kStems) {
      if (stem.size() > 4 ? v.lower.starts_with(stem) : v.lower == stem) return true;
    }
    if (v.lower == "off" && i >= b + 2 && c.w[i - 2].lower.starts_with("broke")) return true;
    if (i == t || IsDeterminer(v) || IsPossessive(v)) continue;
    if (v.upper || v.cue != Cue::kNone || IsFunctionWord(v) || IsConjunction(v)) return false;
  }
  return false;
}

// Expelling diplomats is a sanction (PLOVER; CAMEO 166); expelling other
// people (journalists, migrants) is a deportation (COERCE; CAMEO 174).
bool AboutDiplomats(const Context& c, const Clause& cl) {
  for (size_t i = cl.begin; i < cl.end; ++i) {
    const std::string_view w = c.w[i].lower;
    // Also inspectors, observers and peacekeepers (CAMEO 1661, 1662).
    if (w.starts_with("diplomat") || w.starts_with("ambassad") || w.starts_with("embajador") ||
        w.starts_with("inspector") || w.starts_with("observer") || w.starts_with("monitors") ||
        w.starts_with("peacekeeper") || w.starts_with("inspecteur") || w.starts_with("waarnemer")) {
      return true;
    }
  }
  return false;
}

// The trigger words of one sentence, outside names, in text order; blockers
// ("heart attack") take their words but give no trigger.
// A verb of sending is an event by what it sends: troops or warships
// ("stuurde honderden strijders naar het front", "sent warships"): MOBILIZE;
// aid, supplies or arms ("bracht voedselpakketten naar", "levert wapens"):
// AID. The object follows the verb, or (a Dutch or German participle at
// the end) comes before it.
Match SendTrigger(const Context& c, size_t b, size_t e, size_t i) {
  static const Trigger kTroops{"MOBILIZE", "troops", "", "", 0};
  static const Trigger kPolice{"MOBILIZE", "police", "", "", 0};
  static const Trigger kAid{"AID", "", "", "", 0};
  using events::SentKind;
  SentKind kind = SentKind::kNone;
  auto look = [&](size_t k) {
    const SentKind s = events::SentObject(c.w[k]);
    if (s == SentKind::kAid || kind == SentKind::kNone) kind = s == SentKind::kNone ? kind : s;
  };
  for (size_t k = i + 1; k < e && k <= i + 6 && c.w[k].punct == 0; ++k) look(k);
  if (kind == SentKind::kNone && c.compounds) {
    for (size_t k = i; k > b && k + 6 > i && c.w[k - 1].punct == 0; --k) look(k - 1);
  }
  Match m;
  m.last = i;
  if (kind == SentKind::kTroops) m.trigger = &kTroops;
  if (kind == SentKind::kPolice) m.trigger = &kPolice;
  if (kind == SentKind::kAid) m.trigger = &kAid;
  return m;
}

std::vector<Found> FindTriggers(const Context& c, size_t b, size_t e,
                                const std::vector<bool>& in_name) {
  std::vector<Found> found, table;
  const bool en = c.lang == "en";
  for (size_t i = b; i < e; ++i) {
    if (c.w[i].punct != 0 || in_name[i - b]) continue;
    // A verb whose event its object decides comes before the word lists ("gave").
    Match m;
    if (en && events::MayBeObjectVerb(c.w[i])) m = events::ObjectTrigger(c.lex, c.lang, c.w, i, e);
    if (m.trigger == nullptr) m = LookupTrigger(c.lex, c.w, i, e, c.compounds);
    if (m.trigger == nullptr && events::IsSendVerb(c.w[i])) m = SendTrigger(c, b, e, i);
    if (m.trigger == nullptr) {
      // The verb table fills in sentences the hand-written lists find nothing in.
      if (!found.empty()) continue;
      if (const Match v = events::LookupVerb(c.lex, c.w, i, e); v.trigger != nullptr) {
        table.push_back({i, v.last, v.trigger, v.trigger->type});
        i = v.last;
      }
      continue;
    }
    if (m.trigger->type != "-") found.push_back({i, m.last, m.trigger, m.trigger->type});
    if (m.trigger->particle.empty()) i = m.last;
  }
  return found.empty() ? table : found;
}

// A Dutch or German infinitive with "te", "zu" ("op te schorten", "te
// verdedigen"; not "aufzuheben").
bool TeInfinitive(const Context& c, const Found& f) {
  for (size_t i = f.first > 0 ? f.first - 1 : 0; i <= f.last; ++i) {
    if (c.w[i].lower == "te" || c.w[i].lower == "zu") return true;
  }
  return false;
}

// Of the triggers of one sentence (FindTriggers), those that name events of
// their own: blockers, governed triggers and repeats of a type in one clause
// are dropped. Needs the sentence's cues.
std::vector<Found> KeepTriggers(const Context& c, size_t b, size_t e,
                                const std::vector<bool>& in_name, const std::vector<Found>& found) {
  std::vector<Found> kept;
  std::vector<bool> trigger_at(e - b, false);
  for (const Found& f : found) {
    for (size_t i = f.first; i <= f.last && i < e; ++i) trigger_at[i - b] = true;
  }
  for (size_t n = 0; n < found.size(); ++n) {
    Found f = found[n];
    bool drop = false;
    // "veroordeelde het geweld en eiste een onderzoek": a verb of its own.
    const bool own =
        !kept.empty() && events::CoordinatedVerb(c, b, kept.back().last, f.first, trigger_at);
    for (Found& k : kept) {
      if (f.first < ClauseOf(c.w, b, e, k.first).end && k.type == f.type && !own) {
        // One event per type and clause: the more specific trigger names it.
        if (k.trigger->mode.empty() && !f.trigger->mode.empty()) k = f;
        // "called the allegations absurd": the accused rejects them.
        if (IsCallVerb(c.w[k.first]) && f.trigger->mode == "allege") k.type = "REJECT";
        drop = true;
      }
    }
    for (size_t m = 0; m < n && !drop; ++m) {
      const Found& k = found[m];
      if (f.first >= ClauseOf(c.w, b, e, k.first).end) continue;
      if ((Governs(k.type, k.trigger->mode) || events::IsOrderTrigger(k.trigger)) &&
          f.first <= k.last + 10 && !own) {
        for (Found& g : kept) {
          if (g.first == k.first && g.type == "AGREE" && Hostile(f.type)) g.type = "THREATEN";
        }
        // "threatened to block the nomination", "dreigde de diplomaten het land
        // uit te zetten": the act threatened is an event too, planned.
        // (English news and the PLOVER records code the threat alone.)
        f.threatened = k.trigger->type == "THREATEN" && f.type != "THREATEN" && c.lang != "en";
        drop = !f.threatened;  // "vowed to fight", "accused X of shelling"
        if (f.threatened) break;
      } else if (Object(c.w, k, f) && c.compounds && TeInfinitive(c, f)) {
        // "de hulp aan Mali op te schorten": the noun is the object of the
        // infinitive that ends the clause; the verb names the act.
        for (Found& g : kept) {
          if (g.first != k.first) continue;
          f.threatened = f.threatened || g.threatened;
          g = f;
        }
        drop = true;
      } else if ((Object(c.w, k, f) && !(c.compounds && Participle(c.w[f.first]))) ||
                 (f.first <= k.last + 12 && f.first > b && c.w[f.first - 1].cue == Cue::kPurpose)) {
        drop = true;  // "lifted the ban", "suspended aid"; "struck to demand"
      }
    }
    // A background event in a subordinate clause ("after a coup toppled ...",
    // "during a summit") when the sentence already has its event.
    if (!drop && !kept.empty()) {
      for (size_t i = kept.back().last + 1; i < f.first && !drop; ++i) {
        drop = c.w[i].cue == Cue::kSubordinate;
      }
      // A noun after a possessive names a stance, not a new act ("to press
      // their demands", "for its support of").
      drop = drop || (f.first > b && IsPossessive(c.w[f.first - 1]) && !f.threatened);
    }
    // A Dutch or German participle used as an adjective ("de door de VN
    // erkende regering", "die von Saudi-Arabien geführte Koalition").
    if (!drop && c.compounds && AdjectivalParticiple(c, b, e, f.first)) drop = true;
    // A participle used as an adjective of a name ("the occupied West Bank").
    if (!drop && f.last + 1 < e && in_name[f.last + 1 - b] && c.w[f.first].lower.ends_with("ed") &&
        f.first > b && IsDeterminer(c.w[f.first - 1])) {
      drop = true;
    }
    if (!drop) kept.push_back(f);
  }
  return kept;
}

// Judging or blocking a demand, proposal or accusation rejects it: "noemde
// de eisen onhaalbaar", "called the charges baseless", "blokkeerde de tekst",
// "blocked the resolution".
bool RejectsThing(const Context& c, size_t e, const Found& f, const Event& ev) {
  const bool call = ev.type == "ACCUSE" && IsCallVerb(c.w[f.first]);
  const bool block = ev.type == "PROTEST" && ev.mode == "obstruct";
  if (!call && !block) return false;
  size_t k = f.first + 1;
  while (k < e && k <= f.last) ++k;  // "noemde_de": past the article
  while (k < e && (IsDeterminer(c.w[k]) || IsPossessive(c.w[k]))) ++k;
  for (size_t n = k; n < e && n < k + 2 && c.w[n].punct == 0; ++n) {
    if (events::IsRejectedThing(c.w[n])) return true;
  }
  return false;
}

// "Aid agencies warned that thousands of migrants were trapped": a warning
// of what will or did happen, with no act of the speaker's in its clause
// (no trigger after it), is no threat (English).
bool Forecast(const Context& c, size_t e, const Found& f, const std::vector<Found>& found) {
  if (f.type != "THREATEN" || c.lang != "en" || f.last + 1 >= e ||
      !c.w[f.first].lower.starts_with("warn") || c.w[f.last + 1].lower != "that") {
    return false;
  }
  return found.back().first == f.first;
}

// Whether the verb at t > 0 shares the subject of the verb before it: it
// follows a conjunction or "but", or it is an English participle in -ing
// after a comma.
bool SharesSubject(const Context& c, size_t t) {
  const Word& prev = c.w[t - 1];
  if (IsConjunction(prev)) return true;
  static const events::WordSet kBut{"but", "maar", "aber", "mais", "pero"};
  if (kBut.contains(prev.lower)) return true;
  return c.lang == "en" && prev.punct == ',' && c.w[t].lower.ends_with("ing");
}

// Whether the subject of the verb at t is a personal pronoun: the first
// word of its clause, or right after the verb (Dutch and German word order).
bool PronounSubject(const Context& c, Clause cl, size_t t) {
  auto pronoun = [&](size_t i) { return i < cl.end && events::IsPersonalPronoun(c.w[i]); };
  if (pronoun(cl.begin) && cl.begin + 4 > t) return true;
  return c.compounds && t + 1 < cl.end && pronoun(t + 1);
}

// The type and mode of the event of trigger f after the rules that retype
// it (intent, rejection, blockades, ended talks, expulsions); returns whether
// it ends talks.
bool Retype(const Context& c, size_t b, size_t e, const Found& f, const Intent& intent, Event* ev) {
  if (!intent.type.empty()) {
    ev->mode = Lower(ev->type);  // the act refused, threatened or required: "retreat", "consult"
    ev->type = intent.type;
  }
  if (RejectsThing(c, e, f, *ev)) {
    ev->type = "REJECT";
    ev->mode.clear();
  }
  // "lifted a day-old blockade", "eased the siege": easing a military
  // blockade is a retreat (PLOVER; CAMEO 0872), not a concession.
  if (ev->type == "CONCEDE" && c.lang == "en" &&
      (c.w[f.first].lower.starts_with("lift") || c.w[f.first].lower.starts_with("eas"))) {
    for (size_t i = f.last + 1; i < e && i <= f.last + 5 && c.w[i].punct == 0; ++i) {
      if (c.w[i].lower.starts_with("blockade") || c.w[i].lower.starts_with("siege")) {
        ev->type = "RETREAT";
        ev->mode = "withdraw";
        break;
      }
    }
  }
  const bool halted = ev->type == "CONSULT" && HaltedTalks(c, b, f.first);
  if (halted) {
    ev->type = "SANCTION";
    ev->mode.clear();
  }
  if (ev->type == "SANCTION" && ev->mode == "expel" &&
      !AboutDiplomats(c, ClauseOf(c.w, b, e, f.first))) {
    ev->type = "COERCE";
    ev->mode = "deport";
  }
  return halted;
}

// "Hij beloofde ...", "Daar sprak hij met Haftar": a pronoun subject is
// the actor of the sentence before (the last event's source).
// Not in a passive ("Zij worden beschuldigd van ..."): the pronoun is the target.
void PronounActor(const Context& c, Clause cl, size_t t, bool passive,
                  const std::vector<Event>& out, Event* ev) {
  if (ev->sources.empty() && !passive && !out.empty() && !out.back().sources.empty() &&
      PronounSubject(c, cl, t)) {
    ev->sources.push_back(out.back().sources[0]);
    if (!ev->targets.empty() && ev->targets[0].key == ev->sources[0].key &&
        ev->targets[0].start == ev->sources[0].start) {
      ev->targets.clear();
    }
  }
}

// Whether the event of trigger f, with its actors chosen, is none.
bool NoEvent(const Context& c, const Found& f, const Event& ev) {
  // A death count with no one who killed ("21 people had been killed since
  // Thursday") adds a figure to an event, it is none of its own.
  // Likewise a count of wounded ("26 burgers raakten gewond", "181 gewond").
  if ((c.w[f.first].cue == Cue::kKilled || events::IsInjuryWord(c.w[f.first])) &&
      ev.sources.empty()) {
    return true;
  }
  // "The storm killed four people": a hazard is no actor, and no attack.
  if (ev.type == "ASSAULT" && !ev.sources.empty() && events::IsHazard(ev.sources[0].text)) {
    return true;
  }
  // A verbal act needs someone who acts or is acted on: "support life",
  // "the prize was shared" are no political events.
  return ev.sources.empty() && ev.targets.empty() && NeedsActor(ev.type);
}

// Sources taken from the event before in the sentence.
void SharedActors(const Context& c, size_t b, const Found& f, const std::vector<Event>& out,
                  size_t sentence_first, Event* ev) {
  if (out.size() <= sentence_first || out.back().sources.empty()) return;
  const Event& prev = out.back();
  // "Maduro dreigde de Amerikaanse diplomaten het land uit te zetten": the
  // one who threatens does the act threatened; the phrase taken for its
  // subject after the threat is its object.
  if (f.threatened && prev.type == "THREATEN") {
    if (!ev->sources.empty() && ev->sources[0].start > prev.trigger_end && ev->targets.empty()) {
      ev->targets.push_back(ev->sources[0]);
    }
    ev->sources = prev.sources;
    return;
  }
  // "Salamé met Sarraj in Tripoli and urged him ...": a verb joined by a
  // conjunction shares the subject of the event before it.
  // So does "but" ("met union leaders but refused"), and an English
  // participle after a comma ("expelled two diplomats, accusing them").
  if (f.first > b && SharesSubject(c, f.first)) {
    ev->sources = prev.sources;
    if (!ev->targets.empty() && ev->targets[0].start == ev->sources[0].start) ev->targets.clear();
  }
}

// The trigger words of the names of words [b, e).
std::vector<bool> InName(const Context& c, size_t b, size_t e) {
  std::vector<bool> in_name(e - b, false);
  for (const Entity& en : SentenceEntities(c, b, e)) {
    if (en.type == EntityType::kMisc) continue;
    for (size_t i = b; i < e; ++i) {
      if (c.w[i].start >= en.start && c.w[i].end <= en.end) in_name[i - b] = true;
    }
  }
  return in_name;
}

void SentenceEvents(const Context& c, size_t b, size_t e, const std::vector<TimeExpr>& dates,
                    const Date& doc_date, std::vector<Event>* out) {
  const std::vector<bool> in_name = InName(c, b, e);
  // Cues are looked up only in sentences that may hold an event.
  const std::vector<Found> found = FindTriggers(c, b, e, in_name);
  if (found.empty()) return;
  for (size_t i = b; i < e; ++i) c.w[i].cue = LookupCue(c.lex, c.w, i);
  const std::vector<Found> triggers = KeepTriggers(c, b, e, in_name, found);
  if (triggers.empty() || AllCaps(c, b, e)) return;
  const std::vector<Candidate> cands = ActorCandidates(c, b, e);
  const uint32_t sb = c.w[b].start, se = c.w[e - 1].end;
  const size_t sentence_first = out->size();
  for (const Found& f : triggers) {
    Event ev;
    ev.start = sb;
    ev.end = se;
    ev.trigger_start = c.w[f.first].start;
    ev.trigger_end = c.w[f.trigger->particle.empty() ? f.last : f.first].end;
    ev.type = f.type;
    ev.mode = f.trigger->mode;
    if (ev.type == "ASSAULT" && ev.mode.empty()) ev.mode = ModeFromContext(c, b, e);
    if (Anaphoric(c, b, f.first, f.type, *out) || Forecast(c, e, f, found)) continue;
    const Intent intent = IntentOf(c, b, e, f);
    const bool halted = Retype(c, b, e, f, intent, &ev);
    const Clause cl = ClauseOf(c.w, b, e, f.first);
    const bool passive = ChooseActors(c, cands, cl, f.first, f.last, f.trigger, &ev);
    // Protesters who occupy a place obstruct it ("betogers bezetten de luchthaven").
    if (ev.type == "COERCE" && ev.mode == "seize" && !ev.sources.empty() &&
        (ev.sources[0].group == "protesters" || ev.sources[0].group == "civilians")) {
      ev.type = "PROTEST";
      ev.mode = "obstruct";
    }
    PronounActor(c, cl, f.first, passive, *out, &ev);
    if (NoEvent(c, f, ev)) continue;
    SharedActors(c, b, f, *out, sentence_first, &ev);
    ChoosePlace(c, sb, se, ev.trigger_start, &ev);
    events::CountryFromEarlier(*out, &ev);
    InheritCountry(cands, &ev);
    ChooseDate(dates, doc_date, sb, se, ev.trigger_start, &ev);
    ev.modality = ChooseModality(c, cl, f.first, ev, doc_date, b, e);
    // "ended the talks": the ending is the event, it took place.
    if (halted && ev.modality == EventModality::kNegated) ev.modality = EventModality::kAsserted;
    if ((intent.planned || f.threatened) && ev.modality != EventModality::kDenied &&
        ev.modality != EventModality::kNegated) {
      ev.modality = EventModality::kPlanned;
    }
    if (ev.type == "ASSAULT") ChooseFatalities(c, cl.begin, cl.end, &ev);
    ev.sentence = MentionText(c.text, ev.start, ev.end);
    ev.trigger = MentionText(c.text, ev.trigger_start, ev.trigger_end);
    out->push_back(std::move(ev));
  }
}

}  // namespace

std::string_view EventModalityName(EventModality m) { return kModalities[static_cast<size_t>(m)]; }

bool ParseEventModality(std::string_view s, EventModality* out) {
  for (size_t i = 0; i < std::size(kModalities); ++i) {
    if (s == kModalities[i]) {
      *out = static_cast<EventModality>(i);
      return true;
    }
  }
  return false;
}

const std::vector<std::string_view>& EventTypes() {
  static const std::vector<std::string_view> kTypes = {
      "AGREE",  "CONSULT", "SUPPORT",  "CONCEDE", "COOPERATE", "AID",      "RETREAT", "REQUEST",
      "ACCUSE", "REJECT",  "THREATEN", "PROTEST", "SANCTION",  "MOBILIZE", "COERCE",  "ASSAULT"};
  return kTypes;
}

std::vector<Event> FindEvents(std::string_view text, std::string_view lang,
                              const std::vector<Entity>& entities, const std::vector<Place>& places,
                              const std::vector<TimeExpr>& dates, const Date& doc_date) {
  std::vector<Event> out;
  const Lexicon* lex = events::LexiconFor(lang);
  if (lex == nullptr || text.empty()) return out;
  std::string lowered;
  std::vector<Word> words = events::SplitWords(text, &lowered);

  const Context c{text, *lex, lang == "nl" || lang == "de", words, entities, places, dates, lang};
  for (const auto& [b, e] : events::Sentences(words))
    SentenceEvents(c, b, e, dates, doc_date, &out);
  // The learned classifier confirms, retypes or drops the rules' events.
  const events::EventModel* model = events::BundledEventModel();
  if (model != nullptr && events::EventModelEnabled() && !out.empty())
    events::ApplyEventModel(*model, text, lang, &out);
  return out;
}

std::string_view AcledEventType(std::string_view type, std::string_view mode) {
  if (type == "ASSAULT") {
    if (mode == "aerial" || mode == "heavy-weapons" || mode == "explosives" ||
        mode == "suicide-attack") {
      return "Explosions/Remote violence";
    }
    if (mode == "abduct" || mode == "assassinate" || mode == "beat" || mode == "massacre") {
      return "Violence against civilians";
    }
    return "Battles";
  }
  if (type == "PROTEST") return mode == "riot" ? "Riots" : "Protests";
  if (type == "MOBILIZE" || type == "AGREE" || type == "RETREAT" || type == "COERCE" ||
      type == "SANCTION" || type == "THREATEN") {
    return "Strategic developments";
  }
  return {};
}

std::string_view AcledSubEventType(std::string_view type, std::string_view mode) {
  if (type == "ASSAULT") {
    if (mode == "aerial") return "Air/drone strike";
    if (mode == "heavy-weapons") return "Shelling/artillery/missile attack";
    if (mode == "explosives") return "Remote explosive/landmine/IED";
    if (mode == "suicide-attack") return "Suicide bomb";
    if (mode == "abduct") return "Abduction/forced disappearance";
    if (mode == "assassinate" || mode == "massacre" || mode == "beat") return "Attack";
    return "Armed clash";
  }
  if (type == "PROTEST") {
    if (mode == "riot") return "Violent demonstration";
    return "Peaceful protest";
  }
  if (type == "MOBILIZE") return "Change to group/activity";
  if (type == "AGREE") return "Agreement";
  if (type == "RETREAT")
    return mode == "withdraw" ? "Non-violent transfer of territory" : "Agreement";
  if (type == "COERCE") return mode == "arrest" ? "Arrests" : "Other";
  if (type == "SANCTION" || type == "THREATEN") return "Other";
  return {};
}

}  // namespace dateline
