// The event finder's word lookups (trigger words and cues of a sentence's
// words) and its actor candidates: the names, group nouns ("government
// troops", "de betogers") and demonyms of a sentence, with their countries
// and groups. Used by events.cc; see doc/events.md.
#include <algorithm>
#include <bit>
#include <cctype>
#include <span>

#include "dateline/annotate.h"
#include "dateline/places.h"
#include "extract/events_internal.h"

namespace dateline::events {

// ------------------------------------------------------------------ lexicon lookups

Cue LookupCue(const Lexicon& lex, const std::vector<Word>& w, size_t i) {
  if (w[i].punct != 0) return Cue::kNone;
  const std::string_view s = w[i].lower;
  if (i + 1 < w.size() && w[i + 1].punct == 0 && lex.two_word_cue_heads.contains(s)) {
    thread_local std::string two;
    two.assign(s).append(" ").append(w[i + 1].lower);
    if (auto found = lex.cues.find(std::string_view(two)); found != lex.cues.end()) {
      return found->second;
    }
  }
  if (auto one = lex.cues.find(s); one != lex.cues.end()) return one->second;
  for (uint32_t lengths = lex.cue_prefix_filter.Lengths(s); lengths != 0;) {
    const int n = 31 - std::countl_zero(lengths);  // longest first
    lengths &= ~(1u << n);
    if (auto p = lex.cue_prefixes.find(s.substr(0, n)); p != lex.cue_prefixes.end()) {
      return p->second;
    }
  }
  return Cue::kNone;
}

static bool MatchesPattern(std::string_view pattern, std::string_view word) {
  if (!pattern.empty() && pattern.back() == '*') {
    return word.starts_with(pattern.substr(0, pattern.size() - 1));
  }
  return word == pattern;
}

// Whether trigger `t` (first word at i) is complete: its next words, or its
// particle later in the sentence (before `end`). Sets *last.
static bool Complete(const Trigger& t, const std::vector<Word>& w, size_t i, size_t end,
                     size_t* last) {
  *last = i;
  if (!t.next.empty()) {
    size_t k = i;
    std::string_view rest = t.next;
    while (!rest.empty()) {
      const size_t sp = rest.find(' ');
      const std::string_view part = rest.substr(0, sp);
      if (++k >= end || w[k].punct != 0 || !MatchesPattern(part, w[k].lower)) return false;
      rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
    }
    *last = k;
    return true;
  }
  if (!t.particle.empty()) {
    for (size_t k = i + 1; k < end && k <= i + 12; ++k) {
      if (w[k].punct == ',' || w[k].punct == ';') break;
      if (w[k].lower == t.particle && (!t.clause_particle || ParticleEndsClause(w, k, end))) {
        return true;
      }
    }
    return false;
  }
  return true;
}

static void Consider(const std::vector<Trigger>* cands, const std::vector<Word>& w, size_t i,
                     size_t end, Match* best) {
  if (cands == nullptr) return;
  for (const Trigger& t : *cands) {
    size_t last;
    if ((best->trigger == nullptr || t.strength > best->trigger->strength) &&
        Complete(t, w, i, end, &last)) {
      best->trigger = &t;
      best->last = last;
    }
  }
}

template <typename Map>
static const typename Map::mapped_type* Find(const Map& m, std::string_view k) {
  auto it = m.find(k);
  return it == m.end() ? nullptr : &it->second;
}

Match LookupTrigger(const Lexicon& lex, const std::vector<Word>& w, size_t i, size_t end,
                    bool compounds) {
  Match best;
  // The exact triggers of `x`, then its prefix triggers, longest first.
  auto consider = [&](std::string_view x) {
    if (lex.exact_filter.Lengths(x) & (1u << std::min<size_t>(x.size(), 31))) {
      Consider(Find(lex.exact, x), w, i, end, &best);
    }
    for (uint32_t lengths = lex.prefix_filter.Lengths(x); lengths != 0;) {
      const int n = 31 - std::countl_zero(lengths);
      lengths &= ~(1u << n);
      Consider(Find(lex.prefix, x.substr(0, n)), w, i, end, &best);
    }
  };
  const std::string_view s = w[i].lower;
  consider(s);
  if (const size_t dash = s.rfind('-');
      best.trigger == nullptr && dash != std::string_view::npos && dash + 3 < s.size() &&
      // "its long-threatened invasion": an English participle after a dash,
      // before a noun, is an adjective.
      !(s.ends_with("ed") && i + 1 < end && w[i + 1].punct == 0 && !w[i + 1].upper)) {
    // "VN-conferentie", "LNA-offensief", "anti-government protests".
    consider(s.substr(dash + 1));
  }
  if (best.trigger == nullptr && compounds && s.size() >= 7) {
    for (size_t k = 3; k + 4 <= s.size() && best.trigger == nullptr; ++k) {
      if (static_cast<unsigned char>(s[k]) >= 0x80 && static_cast<unsigned char>(s[k]) < 0xC0) {
        continue;  // inside a UTF-8 sequence
      }
      const std::string_view tail = s.substr(k);
      if (lex.tail_filter.Lengths(tail) & (1u << std::min<size_t>(tail.size(), 31))) {
        Consider(Find(lex.tails, tail), w, i, end, &best);
      }
    }
  }
  return best;
}

Match LookupVerb(const Lexicon& lex, const std::vector<Word>& w, size_t i, size_t end) {
  Match best;
  const std::string_view s = w[i].lower;
  if (lex.verbs == nullptr || s.size() < 3 ||
      !(lex.verbs->lengths.Lengths(s) & (1u << std::min<size_t>(s.size(), 31)))) {
    return best;
  }
  Consider(Find(lex.verbs->forms, s), w, i, end, &best);
  // An infinitive is a verb only after a modal or "to" ("will contribute");
  // elsewhere it is mostly a noun ("the deal", "a fire").
  static const WordSet kModals{"to",    "will", "would", "shall", "should", "may",
                               "might", "can",  "could", "must",  "not",    "cannot"};
  if (best.trigger == nullptr) return best;
  // A participle after an article is an adjective ("a captured pilot").
  const bool after_article = i > 0 && IsDeterminer(w[i - 1]);
  if (best.trigger->infinitive ? i == 0 || !kModals.contains(w[i - 1].lower) : after_article) {
    best = Match();
  }
  return best;
}

// ------------------------------------------------------------------ actors

// CountryCode() of a name, remembered per thread: the same names recur in
// every sentence with an event, and the fuzzy country match is costly.
static std::string CountryOf(std::string_view name) {
  thread_local WordMap<std::string> remembered;
  if (auto r = remembered.find(name); r != remembered.end()) return r->second;
  if (remembered.size() >= 8192) remembered.clear();
  return remembered.emplace(std::string(name), CountryCode(name)).first->second;
}

std::string_view GroupOf(const Lexicon& lex, std::string_view lower, bool compounds) {
  if (auto g = lex.groups.find(lower); g != lex.groups.end()) return g->second;
  if (const size_t dash = lower.rfind('-'); dash != std::string_view::npos) {
    if (auto g = lex.groups.find(lower.substr(dash + 1)); g != lex.groups.end()) return g->second;
  }
  if (compounds && lower.size() >= 8) {
    thread_local std::string tail;
    for (size_t k = 3; k + 4 <= lower.size(); ++k) {
      const std::string_view t = lower.substr(k);
      if (!(lex.group_tail_filter.Lengths(t) & (1u << std::min<size_t>(t.size(), 31)))) continue;
      tail.assign("~").append(lower.substr(k));
      if (auto g = lex.groups.find(std::string_view(tail)); g != lex.groups.end()) return g->second;
    }
  }
  return {};
}

std::string_view Demonym(const Lexicon& lex, const Word& w) {
  if (w.punct != 0 || w.lower.empty()) return {};
  auto find = [&](std::string_view k) {
    if (!lex.demonym_lengths.MayContain(k)) return std::string_view();
    auto d = lex.demonyms.find(k);
    return d == lex.demonyms.end() ? std::string_view() : d->second;
  };
  std::string_view d = find(w.lower);
  if (d.empty() && w.lower.ends_with('s')) {  // "Palestinians", "Afghans"
    d = find(w.lower.substr(0, w.lower.size() - 1));
  }
  return d;
}

// The word index range an entity covers, or false when it lies outside [b, e).
bool EntityWords(const Entity& en, const std::vector<Word>& w, size_t b, size_t e, size_t* first,
                 size_t* last) {
  size_t f = e, l = e;
  for (size_t i = b; i < e; ++i) {
    if (w[i].start >= en.start && w[i].end <= en.end) {
      if (f == e) f = i;
      l = i;
    }
  }
  if (f == e) return false;
  *first = f;
  *last = l;
  return true;
}

const Place* PlaceAt(const std::vector<Place>& places, uint32_t start, uint32_t end) {
  for (const Place& p : places) {
    if (p.start <= start && p.end >= end) return &p;
  }
  return nullptr;
}

// The entities that overlap words [b, e) (entities are in text order and
// never overlap, so their ends are sorted too).
std::span<const Entity> SentenceEntities(const Context& c, size_t b, size_t e) {
  const uint32_t sb = c.w[b].start, se = c.w[e - 1].end;
  auto first = std::lower_bound(c.entities.begin(), c.entities.end(), sb,
                                [](const Entity& en, uint32_t x) { return en.end <= x; });
  auto last = first;
  while (last != c.entities.end() && last->start < se) ++last;
  return {first, last};
}

// Spanish "a" before a name is the personal "a" of a direct object ("acusó a
// Haftar", "acusó a Estados Unidos"), not a direction, when the name is a
// person or an organisation, or when a trigger stands right before "a".
static bool PersonalA(const Context& c, const Entity& en, size_t f, size_t b, const Place* p) {
  if (c.lang != "es" || f < b + 2 || (c.w[f - 1].lower != "a" && c.w[f - 1].lower != "al")) {
    return false;
  }
  if (p == nullptr && en.type != EntityType::kLoc) return true;
  const Match m = LookupTrigger(c.lex, c.w, f - 2, f - 1, c.compounds);
  return m.trigger != nullptr && m.trigger->type != "-";
}

// Whether the entity at word f is a place named as where, not who: after a
// locative preposition or "of", or inside a longer place phrase ("50 km south
// of Tripoli"); a country may still act ("Israel said").
static bool Locative(const Context& c, const Entity& en, size_t f, size_t b) {
  const Place* p = PlaceAt(c.places, en.start, en.end);
  if (PersonalA(c, en, f, b, p)) return false;
  if (p == nullptr) {  // a place the gazetteer does not know: "in Ghadames"
    return f > b && c.w[f - 1].cue == Cue::kLocPrep;
  }
  if (p->start < en.start || p->end > en.end) return true;
  if (f == b) return false;
  // "in the Central African Republic", "near the Gaza Strip": the article
  // stands between the preposition and the name (English: German "in die
  // Türkei" is a direction, an export's destination).
  if (f > b + 1 && c.w[f - 1].lower == "the" && c.w[f - 2].cue == Cue::kLocPrep) return true;
  const Word& prev = c.w[f - 1];
  if (prev.cue == Cue::kLocPrep) return true;
  static constexpr std::string_view kOf[] = {"of", "van", "von", "de", "du", "del", "di", "des"};
  for (std::string_view o : kOf) {
    if (prev.lower == o) return p->precision != "country" || en.type != EntityType::kLoc;
  }
  return false;
}

// Whether a noun before "on" names an act aimed at what follows ("sanctions
// on Iran", "an attack on Israel", "pressure on Syria"): the name after it is
// the target, not the topic ("talks on Libya").
static bool AimedAt(const Word& w) {
  static const events::WordSet kAimed{
      "sanctions", "sanction",  "attack",  "attacks",  "strike",  "strikes", "airstrikes",
      "raid",      "raids",     "assault", "pressure", "embargo", "ban",     "crackdown",
      "war",       "offensive", "tariffs", "assaults", "bombing", "curbs",   "restrictions"};
  return kAimed.contains(w.lower);
}

// Whether a place name can be an actor: a country ("Israel said"), unless it
// is the topic ("talks on Libya"); towns, regions and landmarks are where.
static bool Acts(const Context& c, const Entity& en, size_t f, size_t b) {
  const Place* p = PlaceAt(c.places, en.start, en.end);
  // A capital speaks for its government ("Moscow said", "Washington demanded").
  if (p != nullptr && p->precision != "country" && p->feature != "PPLC") return false;
  // A name the tagger calls a place but the gazetteer lacks ("Ain Zara",
  // "Malieveld") acts only when it names a country.
  if (p == nullptr && CountryOf(en.text).empty() &&
      !events::IsInternationalOrganisation(Lower(en.text)) &&
      !events::IsInternationalOrganisation(en.key) && events::LookupActor(en.text) == nullptr) {
    // (an organisation the tagger took for a place still acts), unless it is
    // the subject that opens the sentence, right before its verb ("Het
    // Kremlin ontkende"): no place does that.
    size_t l = f;
    while (l + 1 < c.w.size() && c.w[l + 1].start < en.end) ++l;
    const bool opens = f == b || (f == b + 1 && IsDefinite(c.w[b]));
    return opens && l + 1 < c.w.size() && c.w[l + 1].punct == 0 && !c.w[l + 1].upper &&
           c.w[l + 1].cue != Cue::kLocPrep && !IsFunctionWord(c.w[l + 1]);
  }
  if (f > b) {
    const std::string_view prev = c.w[f - 1].lower;
    const bool called_on =
        prev == "on" && f > b + 1 && (c.w[f - 2].lower.starts_with("call") || AimedAt(c.w[f - 2]));
    for (std::string_view t : {"on", "over", "about", "op", "om", "über", "sur", "sobre"}) {
      if (prev == t && !called_on) return false;  // "talks on Libya", not "called on Baghdad"
    }
  }
  return true;
}

// Whether a name the tagger found is a nationality adjective of the noun
// after it ("Syrische en Russische gevechtsvliegtuigen", "Syrische
// troepen"), not an actor of its own: one word, a demonym the gazetteer does
// not know as a place, followed by a conjunction or a lower-case word.
static bool ModifierName(const Context& c, size_t f, size_t l, size_t e) {
  if (f != l || l + 1 >= e || Demonym(c.lex, c.w[f]).empty() ||
      PlaceAt(c.places, c.w[f].start, c.w[f].end) != nullptr) {
    return false;
  }
  const Word& next = c.w[l + 1];
  return next.punct == 0 && (IsConjunction(next) || !next.upper);
}

// The country of a name of several words that opens with a nationality
// adjective ("Palestinian Islamic Jihad", "Serbian Workers' Union"): an
// organisation of that country. Not a person, nor a place ("New Zealand").
static std::string LeadingDemonym(const Context& c, const Entity& en, size_t f, size_t l) {
  if (en.type == EntityType::kPer || l == f || PlaceAt(c.places, en.start, en.end) != nullptr) {
    return "";
  }
  return std::string(Demonym(c.lex, c.w[f]));
}

static void EntityCandidates(const Context& c, size_t b, size_t e, std::vector<Candidate>* out,
                             std::vector<bool>* in_entity) {
  for (const Entity& en : SentenceEntities(c, b, e)) {
    size_t f, l;
    if (!EntityWords(en, c.w, b, e, &f, &l)) continue;
    if (en.type == EntityType::kMisc || ModifierName(c, f, l, e)) continue;
    for (size_t k = f; k <= l; ++k) (*in_entity)[k - b] = true;
    Candidate cand{f, l, c.w[f].start, c.w[l].end, &en, "", "", false, ""};
    const std::string lower = Lower(en.text);
    cand.locative = Locative(c, en, f, b) || (en.type == EntityType::kLoc && !Acts(c, en, f, b));
    if (events::IsInternationalOrganisation(lower) || events::IsInternationalOrganisation(en.key)) {
      cand.group = "international organisation";  // whatever type the tagger gave it
    } else if (en.type == EntityType::kLoc) {
      if (const Place* p = PlaceAt(c.places, en.start, en.end)) cand.country = p->country;
      cand.group = "government";
    } else if (en.type == EntityType::kOrg && events::IsInternationalOrganisation(lower)) {
      cand.group = "international organisation";
    } else if (en.type == EntityType::kPer && f > b && c.w[f - 1].cue == Cue::kRole) {
      cand.group = "government";
    }
    for (size_t k = f; k > b && f - k < 3 && cand.country.empty(); --k) {
      if (std::string_view d = Demonym(c.lex, c.w[k - 1]); !d.empty()) cand.country = d;
    }
    if (cand.country.empty()) cand.country = LeadingDemonym(c, en, f, l);
    if ((cand.country.empty() || cand.group.empty()) && en.type != EntityType::kLoc) {
      // A known person, party or armed group ("Hamas", "Netanyahu").
      if (const events::KnownActor* known = events::LookupActor(en.text)) {
        if (cand.country.empty()) cand.country = known->country;
        if (cand.group.empty()) cand.group = known->group;
      }
    }
    if (cand.country.empty() && en.type != EntityType::kPer) {
      // A country named as an actor ("Haiti", "Great Britain", "U.S.").
      if (auto d = c.lex.demonyms.find(lower); d != c.lex.demonyms.end()) {
        cand.country = d->second;
      } else {
        cand.country = CountryOf(en.text);
      }
      if (!cand.country.empty() && cand.group.empty()) cand.group = "government";
    } else if (cand.country.empty() && (f == b || c.w[f - 1].cue != Cue::kRole)) {
      // A country the tagger took for a person ("praised Haiti's efforts").
      cand.country = CountryOf(en.text);
      if (!cand.country.empty()) cand.group = "government";
    }
    out->push_back(std::move(cand));
  }
}

// Whether capitalised words [i, l] that the tagger left alone open the
// sentence as its subject, right before a lower-case verb: two or more
// words ("Openbaar Ministerie vervolgt"), or one after a definite article
// ("Het Wereldvoedselprogramma dreigde"). They name an organisation; a
// group noun ("Die Polizei") stays a group.
static bool OpensAsName(const Context& c, size_t b, size_t i, size_t l) {
  // German writes every noun with a capital: one word after an article says nothing
  // ("Die Polizei"), unless it is an acronym ("Die USA").
  const std::string_view first = c.text.substr(c.w[i].start, c.w[i].end - c.w[i].start);
  const bool acronym = first.size() >= 2 && std::all_of(first.begin(), first.end(), [](char ch) {
                         return ch >= 'A' && ch <= 'Z';
                       });
  const bool article = i == b + 1 && IsDefinite(c.w[b]) && (c.lang != "de" || l > i || acronym);
  if (!(article || (i == b && l > i)) || l + 1 >= c.w.size()) return false;
  const Word& next = c.w[l + 1];
  if (next.punct != 0 || next.upper || next.cue == Cue::kLocPrep || IsFunctionWord(next)) {
    return false;
  }
  for (size_t k = i; k <= l; ++k) {
    // "Ethnic Albanians", "Some 800,000 Iraqi Kurds": a group, not a name;
    // so is one group noun ("Die Polizei"), but not a name of several
    // capitalised words ("Openbaar Ministerie").
    if ((l == i && !GroupOf(c.lex, c.w[k].lower, c.compounds).empty()) ||
        !Demonym(c.lex, c.w[k]).empty() || StartsWithDigit(c.w[k])) {
      return false;
    }
  }
  for (const TimeExpr& d : c.dates) {
    if (d.start < c.w[l].end && c.w[i].start < d.end) return false;  // "Vorige Week"
  }
  return true;
}

// Capitalised words of `cand` that open the sentence as its name
// (OpensAsName) get an organisation key. When the tagger took only the last
// word of the name, for a place the gazetteer does not know ("Het Openbaar
// Ministerie" with "Ministerie" tagged), that word joins the name.
static void OpeningName(const Context& c, size_t b, Candidate* cand, std::vector<Candidate>* out) {
  auto partial = out->end();
  for (auto it = out->begin(); it != out->end(); ++it) {
    if (it->entity != nullptr && it->first == cand->last + 1 &&
        it->entity->type == EntityType::kLoc && PlaceAt(c.places, it->start, it->end) == nullptr) {
      partial = it;
    }
  }
  const size_t last = partial != out->end() ? partial->last : cand->last;
  if (!OpensAsName(c, b, cand->first, last)) return;
  cand->last = last;
  cand->end = c.w[last].end;
  cand->key =
      EntityKey(c.text.substr(cand->start, cand->end - cand->start), EntityType::kOrg, c.lang);
  if (partial != out->end()) out->erase(partial);
}

// Names the tagger missed in this sentence, mostly at its start, where a
// capital letter says nothing ("Kiev beschuldigde", "Haftar wees die eis af"):
// a country or capital of the gazetteer, or the text of a name tagged
// elsewhere in the document (which gives its fullest form's key).
static void MissedNameCandidates(const Context& c, size_t b, size_t e, std::vector<bool>* in_entity,
                                 std::vector<Candidate>* out) {
  for (size_t i = b; i < e; ++i) {
    const Word& w = c.w[i];
    if ((*in_entity)[i - b] || w.punct != 0 || !w.upper || w.cue != Cue::kNone ||
        IsFunctionWord(w) || IsDeterminer(w) || IsPossessive(w) || StartsWithDigit(w)) {
      continue;
    }
    // A nationality adjective ("Syrische en Russische gevechtsvliegtuigen")
    // is no name, unless the gazetteer knows it as a place.
    if (!Demonym(c.lex, w).empty() && PlaceAt(c.places, w.start, w.end) == nullptr) continue;
    size_t l = i;  // consecutive capitalised words
    while (l + 1 < e && l < i + 3 && !(*in_entity)[l + 1 - b] && c.w[l + 1].punct == 0 &&
           c.w[l + 1].upper && c.w[l + 1].cue == Cue::kNone) {
      ++l;
    }
    const uint32_t start = w.start, end = c.w[l].end;
    const std::string_view text = c.text.substr(start, end - start);
    Candidate cand{i, l, start, end, nullptr, "", "", false, ""};
    const std::string_view prev = i > b ? c.w[i - 1].lower : std::string_view();
    const bool where = i > b && (c.w[i - 1].cue == Cue::kLocPrep || prev == "op" ||
                                 (prev == "on" && !(i > b + 1 && AimedAt(c.w[i - 2]))) ||
                                 prev == "over" || prev == "about" || prev == "om");
    const Place* p = PlaceAt(c.places, start, end);
    if (p != nullptr && p->start == start && p->end == end &&
        (p->precision == "country" || p->feature == "PPLC")) {
      cand.key = EntityKey(text, EntityType::kLoc, c.lang);
      cand.country = p->country;
      cand.group = "government";
      cand.locative = where;
    } else {
      for (const Entity& en : c.entities) {
        if (en.type == EntityType::kMisc || (en.start <= start && end <= en.end)) continue;
        const std::string_view et = en.text;
        const bool same =
            et == text || (et.size() > text.size() + 1 && et.ends_with(text) &&
                           et[et.size() - text.size() - 1] == ' ' && en.type != EntityType::kLoc);
        if (!same) continue;
        cand.key = en.key;
        cand.locative = where && en.type == EntityType::kLoc;
        if (en.type == EntityType::kLoc) cand.group = "government";
        break;
      }
    }
    if (cand.key.empty()) OpeningName(c, b, &cand, out);
    if (cand.key.empty()) continue;
    l = cand.last;
    for (size_t k = i; k <= l; ++k) (*in_entity)[k - b] = true;
    out->push_back(std::move(cand));
    i = l;
  }
}

// Merges the title ending at word i (starting at f) into the name that
// follows it; false when no name follows.
static bool MergeIntoNameAfter(const Context& c, size_t i, size_t f, std::string_view group,
                               std::string_view country, std::vector<Candidate>* out) {
  for (Candidate& ent : *out) {
    if (ent.entity == nullptr || ent.first != i + 1 || ent.locative ||
        ent.entity->type == EntityType::kLoc) {
      continue;
    }
    ent.first = f;
    ent.start = c.w[f].start;
    if (ent.group.empty()) ent.group = group;
    // "Nigerian junior foreign minister Dubem Oniya": the title's country.
    if (ent.country.empty()) ent.country = country;
    return true;
  }
  return false;
}

// Whether English "military" at word i is an adjective of the noun after it
// ("other military intelligence", "a military aid program"): no actor.
// "the military said", "the military fired" stay actors; "military aid",
// "military strikes" are what is done, not who does it.
static bool Attributive(const Context& c, size_t i, size_t e) {
  if (c.lang != "en" || c.w[i].lower != "military" || i + 1 >= e) return false;
  const Word& next = c.w[i + 1];
  static const events::WordSet kVerbish{"also",  "has",  "have", "had", "is",   "was",  "will",
                                        "would", "says", "said", "did", "does", "could"};
  return next.punct == 0 && !next.upper && next.cue == Cue::kNone && !IsFunctionWord(next) &&
         !kVerbish.contains(next.lower) && !next.lower.ends_with("ed") &&
         GroupOf(c.lex, next.lower, false).empty();
}

// Whether the English group noun at word i modifies a group noun right
// after it ("Foreign Ministry spokeswoman", "government troops"): the
// later noun is the head, and its phrase covers this one.
static bool ModifiesGroupNoun(const Context& c, size_t i, size_t e,
                              const std::vector<bool>& in_entity, size_t b) {
  if (c.lang != "en" || i + 1 >= e || in_entity[i + 1 - b]) return false;
  const Word& next = c.w[i + 1];
  return next.punct == 0 && !GroupOf(c.lex, next.lower, false).empty();
}

// Group nouns ("government troops", "de betogers") not inside a name; a name
// right before the noun ("LNA troops", "Haftars troepen") becomes its key.
static void GroupCandidates(const Context& c, size_t b, size_t e,
                            const std::vector<bool>& in_entity, std::vector<Candidate>* out) {
  for (size_t i = b; i < e; ++i) {
    if (in_entity[i - b] || c.w[i].punct != 0) continue;
    std::string_view g = GroupOf(c.lex, c.w[i].lower, c.compounds);
    if (g.empty() || Attributive(c, i, e) || ModifiesGroupNoun(c, i, e, in_entity, b)) continue;
    Candidate cand{i, i, c.w[i].start, c.w[i].end, nullptr, "", std::string(g), false, ""};
    size_t f = i;
    while (f > b && f + 3 > i && c.w[f - 1].punct == 0 && !in_entity[f - 1 - b]) {
      const Word& prev = c.w[f - 1];
      if (std::string_view d = Demonym(c.lex, prev); !d.empty()) {
        cand.country = d;
      } else if (GroupOf(c.lex, prev.lower, false).empty() && prev.cue != Cue::kRole &&
                 !(prev.upper && f - 1 > b)) {
        break;  // titles in capitals belong to the noun ("Vice Foreign Minister")
      }
      --f;
    }
    // "Israeli intelligence officials", "White House security officials",
    // "Gondor border police": up to two plain modifiers between the noun
    // and a demonym or a name before it belong to the phrase (English).
    if (c.lang == "en") {
      for (size_t m = 1; m <= 2 && f >= b + m + 1; ++m) {
        const Word& mod = c.w[f - m];
        if (mod.punct != 0 || mod.upper || mod.cue != Cue::kNone || IsFunctionWord(mod) ||
            IsDeterminer(mod) || IsPossessive(mod) || IsConjunction(mod) || in_entity[f - m - b] ||
            LookupTrigger(c.lex, c.w, f - m, e, false).trigger != nullptr) {
          break;
        }
        const size_t before = f - m - 1;
        const std::string_view d = Demonym(c.lex, c.w[before]);
        bool name = false;
        for (const Candidate& ent : *out) {
          name = name || (ent.entity != nullptr && ent.last == before && !ent.locative);
        }
        if (d.empty() && !name) continue;
        f = d.empty() ? f - m : before;
        if (!d.empty() && cand.country.empty()) cand.country = d;
        break;
      }
    }
    // A name just before (possibly with "'s": the apostrophe was dropped).
    size_t k = f;
    if (k > b && c.w[k - 1].lower == "s") --k;
    // "Russian Foreign Ministry spokeswoman Maria Zakharova": the person named
    // after the title is the actor, the name before only qualifies it.
    bool person_after = false;
    for (const Candidate& ent : *out) {
      person_after = person_after || (ent.entity != nullptr && ent.first == i + 1 &&
                                      ent.entity->type == EntityType::kPer);
    }
    for (Candidate& ent : *out) {
      if (person_after) {  // ... with the country of the name before
        if (ent.last + 1 == k && cand.country.empty()) cand.country = ent.country;
        continue;
      }
      if (ent.entity != nullptr && ent.last + 1 == k && !ent.locative) {
        ent.last = i;
        ent.end = c.w[i].end;
        if (ent.group.empty() || ent.group == "government") ent.group = g;
        if (ent.country.empty()) ent.country = cand.country;
        cand.group.clear();
        break;
      }
    }
    if (cand.group.empty()) continue;
    // A title before a name ("President Obama", "Prime Minister Mahendra
    // Chaudhry"): one actor, the named one; "the president of Armenia": the
    // country's.
    if (MergeIntoNameAfter(c, i, f, g, cand.country, out)) continue;
    // "the president of Armenia", "rebels in the Ivory Coast", "refugees from Liberia".
    if (i + 2 < e &&
        (c.w[i + 1].lower == "of" || c.w[i + 1].lower == "van" ||
         (c.lang == "en" && (c.w[i + 1].lower == "in" || c.w[i + 1].lower == "from")))) {
      const size_t at = i + 2 + (i + 3 < e && IsDefinite(c.w[i + 2]));
      for (const Candidate& ent : *out) {
        if (ent.entity != nullptr && ent.first == at && ent.entity->type == EntityType::kLoc &&
            cand.country.empty()) {
          cand.country = ent.country;
        }
      }
    }
    // "Israeli intelligence officials", "French paper workers": a demonym
    // before the noun's modifiers.
    for (size_t a = f; a > b && f - a < 3 && cand.country.empty(); --a) {
      const Word& adj = c.w[a - 1];
      if (std::string_view d = Demonym(c.lex, adj); !d.empty()) {
        cand.country = d;
        break;
      }
      if (adj.punct != 0 || adj.upper || IsFunctionWord(adj) || IsDeterminer(adj) ||
          IsPossessive(adj) || in_entity[a - 1 - b]) {
        break;
      }
    }
    // "De militaire raad", "the ruling council": up to two adjectives and
    // the article before them are part of the phrase ("het leger" stays "leger").
    for (size_t a = f; a > b && f - a < 3; --a) {
      const Word& adj = c.w[a - 1];
      if (IsDeterminer(adj)) {
        if (a < f) f = a - 1;
        break;
      }
      if (adj.punct != 0 || adj.upper || adj.cue != Cue::kNone || IsFunctionWord(adj) ||
          IsPossessive(adj) || in_entity[a - 1 - b] ||
          LookupTrigger(c.lex, c.w, a - 1, e, c.compounds).trigger != nullptr) {
        break;
      }
    }
    cand.first = f;
    cand.start = c.w[f].start;
    // "Hungarian and Romanian officials": the first demonym is a co-actor.
    if (f >= b + 2 && IsConjunction(c.w[f - 1])) {
      if (std::string_view d = Demonym(c.lex, c.w[f - 2]); !d.empty()) {
        out->push_back({f - 2, f - 2, c.w[f - 2].start, c.w[f - 2].end, nullptr, std::string(d),
                        cand.group, false, ""});
      }
    }
    out->push_back(std::move(cand));
  }
}

// A demonym that is no modifier of a group noun stands for its country
// ("against German goods", "the Israeli side").
static void DemonymCandidates(const Context& c, size_t b, size_t e,
                              const std::vector<bool>& in_entity, std::vector<Candidate>* out) {
  for (size_t i = b; i < e; ++i) {
    if (in_entity[i - b]) continue;
    std::string_view d = Demonym(c.lex, c.w[i]);
    if (d.empty()) continue;
    bool covered = false;
    for (const Candidate& cand : *out) covered = covered || (cand.first <= i && cand.last >= i);
    if (!covered)
      out->push_back({i, i, c.w[i].start, c.w[i].end, nullptr, std::string(d), "", false, ""});
  }
}

// Possessive chains ("Haftar's LNA", "Haftars LNA"): the later name is the actor.
static void MergePossessives(const Context& c, std::vector<Candidate>* cands) {
  for (size_t i = 0; i + 1 < cands->size(); ++i) {
    Candidate& a = (*cands)[i];
    Candidate& b = (*cands)[i + 1];
    if (a.entity == nullptr || b.entity == nullptr) continue;
    const bool joined = (a.last + 2 == b.first && c.w[a.last + 1].lower == "s") ||
                        (a.last + 1 == b.first && c.w[a.last].lower.ends_with("s") &&
                         a.entity->type == EntityType::kPer);
    if (!joined) continue;
    b.first = a.first;
    b.start = a.start;
    if (b.country.empty()) b.country = a.country;
    cands->erase(cands->begin() + static_cast<ptrdiff_t>(i));
    --i;
  }
}

// The closing parenthesis of a wire credit that opens the sentence: "(ANP)"
// first, or a dateline in capitals before it ("GAZA, May 5 (Reuters)",
// "PRAGUE (Reuters)"); b when there is none.
static size_t CreditEnd(const Context& c, size_t b, size_t e) {
  size_t open = b;
  if (c.w[b].punct != '(') {
    const std::string_view first = c.text.substr(c.w[b].start, c.w[b].end - c.w[b].start);
    const bool caps = first.size() >= 3 && std::none_of(first.begin(), first.end(), [](char ch) {
                        return ch >= 'a' && ch <= 'z';
                      });
    if (!caps) return b;
    while (open < e && open < b + 6 && c.w[open].punct != '(') ++open;
    if (open >= e || c.w[open].punct != '(') return b;
  }
  size_t close = open + 1;
  while (close < e && close < open + 5 && c.w[close].punct != ')') ++close;
  return close < e && c.w[close].punct == ')' ? close : b;
}

std::vector<Candidate> ActorCandidates(const Context& c, size_t b, size_t e) {
  std::vector<Candidate> out;
  std::vector<bool> in_entity(e - b, false);
  EntityCandidates(c, b, e, &out, &in_entity);
  // A wire credit opening the item ("(ANP) De politie heeft ...", "GAZA,
  // May 5 (Reuters) - Israeli aircraft ..."): no actor.
  if (const size_t close = CreditEnd(c, b, e); close > b) {
    std::erase_if(out, [&](const Candidate& x) { return x.last <= close; });
    for (size_t k = b; k <= close; ++k) in_entity[k - b] = true;
  }
  MissedNameCandidates(c, b, e, &in_entity, &out);
  std::sort(out.begin(), out.end(),
            [](const Candidate& x, const Candidate& y) { return x.first < y.first; });
  GroupCandidates(c, b, e, in_entity, &out);
  // A demonym alone stands for its country only in English, where
  // adjectives precede the noun ("against German goods"); French and Spanish
  // ones follow a noun they describe ("la conférence nationale libyenne").
  if (c.lang == "en") DemonymCandidates(c, b, e, in_entity, &out);
  std::sort(out.begin(), out.end(),
            [](const Candidate& x, const Candidate& y) { return x.first < y.first; });
  MergePossessives(c, &out);
  return out;
}

EventActor ToActor(const Context& c, const Candidate& cand) {
  EventActor a;
  a.start = cand.start;
  a.end = cand.end;
  a.text = MentionText(c.text, a.start, a.end);
  if (cand.entity != nullptr) a.key = cand.entity->key;
  if (cand.entity == nullptr && !cand.key.empty()) a.key = cand.key;
  a.country = cand.country;
  a.group = cand.group;
  return a;
}

bool OpensBackgroundClause(const Context& c, size_t i) {
  static const events::WordSet kSubordinators{"after",  "before", "while",  "because",
                                              "when",   "as",     "until",  "although",
                                              "though", "unless", "whereas"};
  return c.lang == "en" && kSubordinators.contains(c.w[i].lower);
}

bool ReportingPlace(const Context& c, const Place& p) {
  auto it = std::lower_bound(c.w.begin(), c.w.end(), p.start,
                             [](const Word& w, uint32_t x) { return w.start < x; });
  if (it == c.w.begin() || it == c.w.end() || it->start != p.start) return false;
  size_t f = static_cast<size_t>(it - c.w.begin()), l = f;
  while (l + 1 < c.w.size() && c.w[l + 1].start < p.end) ++l;
  while (f > 0 && IsDeterminer(c.w[f - 1])) --f;
  if (f == 0 || c.w[f - 1].punct != ',' || l + 1 >= c.w.size()) return false;
  const Word& verb = c.w[l + 1];
  return verb.cue == Cue::kReport || verb.lower == "announced" || verb.lower == "reported";
}

bool SecondPredicate(const Context& c, const std::vector<Candidate>& cands, size_t b, size_t t) {
  if (c.lang != "en" || t <= b + 1 || c.w[t].upper) return false;
  if (c.w[t - 1].punct == ',') return c.w[t].lower.ends_with("ing");
  for (size_t k = t; k > b && t - k < 3; --k) {
    const Word& w = c.w[k - 1];
    if (w.lower == "and" || w.lower == "but") {
      // "Israel and Lebanon renewed talks": a name after the conjunction is a subject.
      for (const Candidate& cand : cands) {
        if (cand.first >= k && cand.first < t) return false;
      }
      return k - 1 > b;
    }
    if (w.punct != 0 || w.upper || w.cue == Cue::kReport || IsDeterminer(w) || IsPossessive(w)) {
      return false;
    }
  }
  return false;
}

// An unnamed actor ("police", "protesters", "the ministry") whose phrase
// gives no country takes the country of the event's place, else the one
// country the sentence's actors and places name ("Algerian landowners began a
// hunger strike outside Parliament").
void InheritCountry(const std::vector<Candidate>& cands, Event* ev) {
  std::string country = ev->has_place ? ev->place.country : "";
  // A named official takes only the country of the event's place (the one
  // country of the sentence may be the one it acts on: "against Russia").
  const bool placed = !country.empty();
  if (country.empty()) {
    for (const Candidate& cand : cands) {
      if (cand.country.empty()) continue;
      if (!country.empty() && country != cand.country) return;  // two countries: unknown
      country = cand.country;
    }
  }
  if (country.empty()) return;
  for (auto* list : {&ev->sources, &ev->targets}) {
    for (EventActor& a : *list) {
      // Also a named official whose country the text does not give
      // ("President Bouteflika threatened to impose a curfew in Algiers").
      if (a.country.empty() && (a.key.empty() || (placed && a.group == "government")) &&
          !a.group.empty() && a.group != "international organisation") {
        a.country = country;
      }
    }
  }
}

void CountryFromEarlier(const std::vector<Event>& before, Event* ev) {
  for (auto* list : {&ev->sources, &ev->targets}) {
    for (EventActor& a : *list) {
      if (!a.country.empty() || a.key.empty()) continue;
      for (size_t n = before.size(); n-- > 0 && a.country.empty();) {
        for (const auto* l : {&before[n].sources, &before[n].targets}) {
          for (const EventActor& x : *l) {
            if (x.key == a.key && !x.country.empty()) {
              a.country = x.country;
              if (a.group.empty()) a.group = x.group;
              break;
            }
          }
        }
      }
    }
  }
}

}  // namespace dateline::events
