// Internals of the event finder (events.cc): the per-language word lists of
// events_lexicon.cc, compiled into lookup tables once per language; the
// word lookups and actor candidates of events_actors.cc.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "dateline/dates.h"
#include "dateline/entities.h"
#include "dateline/events.h"
#include "dateline/places.h"

namespace dateline::events {

/// What a trigger candidate needs around its first word.
struct Trigger {
  std::string_view type;  // PLOVER type; "-" for a blocker (a phrase that is no event)
  std::string_view mode;
  std::string next;              // the following word must match ("" none); "x*" is a prefix
  std::string particle;          // a separable particle later in the sentence ("" none)
  int strength = 0;              // longer and exact matches win
  bool infinitive = false;       // a verb-table infinitive: a trigger only after a modal or "to"
  bool clause_particle = false;  // the particle must close its clause (generated forms)
};

/// A word's role outside triggers.
enum class Cue : uint8_t {
  kNone,
  kNegation,  // not, niet, nicht, pas, no
  kCancel,    // postponed, uitgesteld, cancelled: the event will not happen
  kFuture,    // will, zal, wird, va, planned, gepland
  kReport,    // said, zei, according to: the event is claimed
  kConfirm,   // confirmed, bevestigde
  kDeny,      // denied, ontkende
  kPassive,
  kBeAux,    // is, zijn, was, waren; ist, war: a passive only with an agent ("door", "von")      //
             // was, werd, wurde, fue: a passive may follow
  kBy,       // by, door, von, par, por: the agent of a passive
  kLocPrep,  // in, near, bij: a place follows, not an actor
  kKilled,   // killed, dead, doden: fatalities
  kRole,     // president, minister, general: a PER after it is government
  kIntent,   // will, would, prepared, willing: an intended act follows
  kObligation,   // must, should, moet: a required act follows
  kPurpose,      // to, om, um, pour, para: an infinitive follows
  kUnless,       // unless, tenzij: a condition makes an intent a threat
  kSubordinate,  // after, during, which, nadat: a background clause follows
  kModeAerial,
  kModeHeavy,
  kModeFirearms,
  kModeExplosives,
};

/// Hashing that lets a table keyed by std::string be searched with a
/// std::string_view (no allocation per lookup: it runs on every word).
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using WordMap = std::unordered_map<std::string, V, ViewHash, std::equal_to<>>;

/// For a table of word prefixes: which key lengths exist for each hash of a
/// key's first three bytes, so a word is looked up only at lengths that may
/// match (most words at none).
class PrefixFilter {
 public:
  /// Records `key`. Keys under 3 bytes are filtered exactly by their bytes,
  /// and only for words of their own length (they are whole words: "op" of
  /// "op te schorten"; no prefix key is that short).
  void Add(std::string_view key) {
    if (key.empty()) return;
    if (key.size() < 3) {
      const size_t k = Pair(key);
      short_[k / 64] |= uint64_t{1} << (k % 64);
      has_short_ = true;
    } else {
      masks_[Slot(key)] |= 1u << std::min<size_t>(key.size(), 31);
    }
  }
  /// Bit n set: a key of length n may be a prefix of `word`.
  uint32_t Lengths(std::string_view word) const {
    if (word.size() < 3) return has_short_ && !word.empty() ? ShortLength(word) : 0;
    const size_t n = std::min<size_t>(word.size(), 31);
    return masks_[Slot(word)] & static_cast<uint32_t>((uint64_t{2} << n) - 1);
  }

 private:
  static size_t Pair(std::string_view w) {  // one or two bytes
    return static_cast<size_t>(static_cast<unsigned char>(w[0])) << 8 |
           (w.size() > 1 ? static_cast<unsigned char>(w[1]) : 0);
  }
  uint32_t ShortLength(std::string_view w) const {
    const size_t k = Pair(w);
    return (short_[k / 64] >> (k % 64)) & 1 ? 1u << w.size() : 0u;
  }
  static size_t Slot(std::string_view w) {
    const uint32_t h = static_cast<unsigned char>(w[0]) * 65599u * 65599u +
                       static_cast<unsigned char>(w[1]) * 65599u + static_cast<unsigned char>(w[2]);
    return (h ^ (h >> 15)) & 0xFFFF;
  }
  std::vector<uint32_t> masks_ = std::vector<uint32_t>(65536, 0);
  std::vector<uint64_t> short_ = std::vector<uint64_t>(1024, 0);  // keys under 3 bytes, a bit each
  bool has_short_ = false;
};

/// Which word lengths occur for each first byte of a set of words: most
/// words that are not in the set are told apart in a few instructions.
class LengthMask {
 public:
  void Add(std::string_view w) {
    if (!w.empty()) lengths_[static_cast<unsigned char>(w[0])] |= Bit(w.size());
  }
  bool MayContain(std::string_view w) const {
    return !w.empty() && (lengths_[static_cast<unsigned char>(w[0])] & Bit(w.size())) != 0;
  }

 private:
  static uint64_t Bit(size_t n) { return uint64_t{1} << std::min<size_t>(n, 63); }
  std::array<uint64_t, 256> lengths_{};
};

/// A fixed set of words, built once: a word is rejected by its first byte
/// and length (most words, in a few instructions), else looked up in a hash
/// table. Replaces linear scans of word lists that run on every word.
class WordSet {
 public:
  WordSet() = default;
  WordSet(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) Add(w);
  }
  /// Adds `w`, which must outlive the set.
  void Add(std::string_view w) {
    set_.insert(w);
    lengths_.Add(w);
  }
  bool contains(std::string_view w) const { return lengths_.MayContain(w) && set_.contains(w); }

 private:
  LengthMask lengths_;
  std::unordered_set<std::string_view> set_;
};

/// A fixed set of word stems: whether a word starts with one of them. Stems
/// are grouped by their first byte.
class StemSet {
 public:
  StemSet(std::initializer_list<std::string_view> stems) {
    for (std::string_view s : stems) {
      if (!s.empty()) by_first_[static_cast<unsigned char>(s[0])].push_back(s);
    }
  }
  bool Prefixes(std::string_view w) const {
    if (w.empty()) return false;
    for (std::string_view s : by_first_[static_cast<unsigned char>(w[0])]) {
      if (w.starts_with(s)) return true;
    }
    return false;
  }

 private:
  std::array<std::vector<std::string_view>, 256> by_first_;
};

/// Verb forms with a PLOVER type and mode (data/events/event_verbs.tsv):
/// the English fallback after the hand-written triggers.
struct VerbTable {
  WordMap<std::vector<Trigger>> forms;  // by first word
  PrefixFilter lengths;                 // of the first words (by their first three bytes)
};

/// The English verb table, parsed once (events_verbs.cc). Thread-safe.
const VerbTable& EnglishVerbTable();

/// The compiled word lists of one language.
struct Lexicon {
  WordMap<std::vector<Trigger>> exact;   // first word
  WordMap<std::vector<Trigger>> prefix;  // first word's prefix
  WordMap<std::vector<Trigger>> tails;   // compound heads (nl, de)
  WordMap<Cue> cues;                     // exact words, and two-word cues ("did not")
  WordMap<Cue> cue_prefixes;             // word prefixes ("confirm")
  WordMap<std::string_view> groups;      // noun -> group ("~tail" for compound heads)
  WordMap<std::string_view> demonyms;    // adjective -> alpha-2
  LengthMask demonym_lengths;            // of the demonyms' keys
  WordMap<int> numbers;                  // number words
  PrefixFilter exact_filter, prefix_filter, cue_prefix_filter, tail_filter, group_tail_filter;
  WordMap<bool> two_word_cue_heads;  // first words of two-word cues
  const VerbTable* verbs = nullptr;  // fallback triggers (en), nullptr when none
};

/// One word or punctuation mark of a text (events_words.cc).
struct Word {
  uint32_t start = 0, end = 0;
  std::string_view lower;    // the word in lower case (a view of the lowered text)
  char punct = 0;            // , ; : . ! ? ( ) or '"' for a quote mark; 0 for a word
  bool upper = false;        // starts with an upper-case letter or a digit
  bool line_before = false;  // a line break precedes it
  Cue cue = Cue::kNone;      // filled in by the finder, per sentence
};

/// Lower case for ASCII and the two-byte Latin-1 capitals (U+00C0..U+00DE);
/// the length never changes.
std::string Lower(std::string_view text);

/// The words and punctuation of `text`; *lowered receives Lower(text), which
/// the words' `lower` views point into (keep it alive as long as them).
std::vector<Word> SplitWords(std::string_view text, std::string* lowered);

/// Sentences as [first word, end word) ranges: a break after . ! ? before an
/// upper-case word, a quote mark or a line break (not after an
/// abbreviation), and at every line break.
std::vector<std::pair<size_t, size_t>> Sentences(const std::vector<Word>& words);

/// Inflected forms of the Dutch verbs of the trigger lists, one list per
/// verb, in the lists' notation ("viel+aan", "aangevallen"; events_morph.cc).
std::vector<std::vector<std::string>> DutchVerbForms();
/// A generated form that is a common word outside events ("tekenen", "inzet").
bool ExcludedVerbForm(std::string_view form);
/// Whether the separable particle at w[k] closes its clause: punctuation, a
/// conjunction or a prepositional phrase follows, not a noun phrase.
bool ParticleEndsClause(const std::vector<Word>& w, size_t k, size_t end);

/// Closed word classes, all languages together: "and", "en", "und"...
bool IsConjunction(const Word& w);
/// "also", "soon", "ook", "auch", and English words in -ly.
bool IsAdverb(const Word& w);
/// Verbs that judge what follows ("called the arrest intimidation", "noemde de staking onnodig").
bool IsCallVerb(const Word& w);
/// Definite articles ("the", "de", "het", "der", "le", "el").
bool IsDefinite(const Word& w);
/// Possessives ("its", "their", "zijn", "hun", "ihre", "leur", "su").
bool IsPossessive(const Word& w);
/// Definite and indefinite articles.
bool IsDeterminer(const Word& w);
/// Words that end a noun phrase: "to", "te", "that", "dat", "of", "van", conjunctions.
bool IsFunctionWord(const Word& w);
/// True when the word starts with a digit ("12", "1,200"); false for punctuation.
inline bool StartsWithDigit(const Word& w) {
  return !w.lower.empty() && w.lower[0] >= '0' && w.lower[0] <= '9';
}

/// Verbs of sending and delivering ("sent", "stuurde", "schickte", "envoyé").
bool IsSendVerb(const Word& w);
/// What is sent: troops (MOBILIZE), police (MOBILIZE police) or aid, supplies
/// and arms (AID); by word stem, all languages together.
enum class SentKind : uint8_t { kNone, kTroops, kPolice, kAid };
SentKind SentObject(const Word& w);
/// Things one rejects rather than condemns: demands, proposals, accusations
/// ("noemde de eisen onhaalbaar", "called the charges absurd").
bool IsRejectedThing(const Word& w);

/// Storms, floods and the like, in any of our languages (no political actor).
bool IsHazard(std::string_view actor);
/// Nouns of acts and states, not of someone ("the violence", "de klachten").
bool IsAbstractNoun(const Word& w);
/// Words of injury ("wounded", "gewond", "verletzt"): a count of wounded, or its victims.
bool IsInjuryWord(const Word& w);
/// Subject pronouns ("he", "hij", "sie", "il", "él").
bool IsPersonalPronoun(const Word& w);
/// Adverbs that may open a Dutch or German sentence before the verb ("Daar", "Dann").
bool IsOpeningAdverb(const Word& w);

/// An English past participle ("attacked", "shot", "beaten").
bool EnglishParticiple(const Word& w);
/// A Dutch or German past participle ("gebombardeerd", "aangevallen", "beschoten").
bool Participle(const Word& w);

/// The lexicon of `lang` (en nl de fr es), nullptr for other languages.
const Lexicon* LexiconFor(std::string_view lang);

/// What the actor table (data/events/actor_countries.tsv) says of a name.
struct KnownActor {
  std::string_view country;  // ISO alpha-2, "" when none
  std::string_view group;    // "" when unknown
};

/// The country and group of a person, organisation or armed group by its
/// name as written ("Hamas", "Benjamin Netanyahu", "Netanyahu"), or nullptr
/// when the table does not know it. Thread-safe.
const KnownActor* LookupActor(std::string_view name);

/// Whether an organisation's text names an international organisation
/// ("UN", "Verenigde Naties", "NATO", "EU", "Security Council").
bool IsInternationalOrganisation(std::string_view lower_text);

// ---------------------------------------------------------------- events_actors.cc

/// The cue of word i (exact words, two-word cues, prefixes), kNone when none.
Cue LookupCue(const Lexicon& lex, const std::vector<Word>& w, size_t i);

/// A trigger found at a word.
struct Match {
  const Trigger* trigger = nullptr;
  size_t last = 0;  // last word of the trigger (the first word for a separable verb)
};

/// The strongest trigger whose first word is word i of [i, end); nil
/// trigger when none. `compounds`: also compound heads (nl, de).
Match LookupTrigger(const Lexicon& lex, const std::vector<Word>& w, size_t i, size_t end,
                    bool compounds);

/// The verb-table trigger (English, data/events/event_verbs.tsv) of word i
/// of [i, end); nil trigger when none. Only for words LookupTrigger misses.
Match LookupVerb(const Lexicon& lex, const std::vector<Word>& w, size_t i, size_t end);

/// English verbs whose event depends on their object (events_objects.cc):
/// "ordered troops", "ordered patrols" (MOBILIZE), "launched an operation
/// against" (ASSAULT), "gave them 48 hours to" (THREATEN); nil trigger when
/// word i is none of them (or `lang` is not "en").
Match ObjectTrigger(const Lexicon& lex, std::string_view lang, const std::vector<Word>& w, size_t i,
                    size_t e);
/// Whether word `w` may start an object-dependent verb (a cheap test before ObjectTrigger).
inline bool MayBeObjectVerb(const Word& w) {
  const std::string_view v = w.lower;
  return v.size() >= 4 && (v[0] == 'o' || v[0] == 'l' || v[0] == 'g' || v[0] == 'w');
}
/// Whether `t` is an order to forces (ObjectTrigger): it governs the act
/// ordered ("ordered the army to continue strikes").
bool IsOrderTrigger(const Trigger* t);

/// "of", "van", "von", "des", "du", "del": the head of "X of Y" comes before it.
bool OfWord(std::string_view w);
/// The first of up to two titles or modifiers between such a word and word
/// k ("des libyschen Generals Khalifa Haftar", "del mariscal Jalifa
/// Haftar"), k when there are none (events_phrases.cc).
struct Context;
size_t PastTitles(const Context& c, size_t k);
/// Whether words [first, last) are a quantity ("thousands", "plusieurs
/// milliers", "12"): the noun they count follows "of", "de".
bool Quantity(const Context& c, size_t first, size_t last);

/// An actor candidate of one sentence: a name, a group noun phrase or a demonym.
struct Candidate {
  size_t first = 0, last = 0;   // words
  uint32_t start = 0, end = 0;  // bytes
  const Entity* entity = nullptr;
  std::string country, group;
  bool locative = false;  // a place after "in", "near": where, not who
  std::string key;        // of a name the tagger missed (entity == nullptr)
};

/// What the finder knows of one field while it runs.
struct Context {
  std::string_view text;
  const Lexicon& lex;
  bool compounds;
  std::vector<Word>& w;  // cues are filled in per sentence
  const std::vector<Entity>& entities;
  const std::vector<Place>& places;
  const std::vector<TimeExpr>& dates;
  std::string_view lang;
};

/// The group of a group noun ("troops": "state forces"), "" when none.
std::string_view GroupOf(const Lexicon& lex, std::string_view lower, bool compounds);
/// The country (alpha-2) of a demonym ("Israeli", "Palestinians"), "" when none.
std::string_view Demonym(const Lexicon& lex, const Word& w);
/// The first place that covers [start, end), nullptr when none.
const Place* PlaceAt(const std::vector<Place>& places, uint32_t start, uint32_t end);
/// The word index range an entity covers, or false when it lies outside [b, e).
bool EntityWords(const Entity& en, const std::vector<Word>& w, size_t b, size_t e, size_t* first,
                 size_t* last);
/// The entities that overlap words [b, e).
std::span<const Entity> SentenceEntities(const Context& c, size_t b, size_t e);
/// The actor candidates of the sentence of words [b, e), in text order.
std::vector<Candidate> ActorCandidates(const Context& c, size_t b, size_t e);
/// A candidate as an event actor.
EventActor ToActor(const Context& c, const Candidate& cand);
/// Countries for the event's unnamed actors from its place or its sentence.
void InheritCountry(const std::vector<Candidate>& cands, Event* ev);
/// A named actor without a country takes the one an earlier event of the
/// text gave the same key ("Russian President Vladimir Putin" ... "Putin").
void CountryFromEarlier(const std::vector<Event>& before, Event* ev);
/// Whether English word i opens a subordinate clause ("after militants
/// fired", "as protests spread"): a name after it is no object of the verb
/// before it.
bool OpensBackgroundClause(const Context& c, size_t i);
/// Whether place `p` speaks in a report that closes the sentence after a
/// comma (", the White House announced Tuesday", ", Moscow said"): the
/// source of the report, not where the event happened.
bool ReportingPlace(const Context& c, const Place& p);
/// Whether the English trigger at t opens a second predicate of the clause's
/// subject: a participle after a comma ("protesters filled the square,
/// demanding ...") or a verb after "and", "but" with at most two adverbs or
/// auxiliaries between ("met Sarraj and urged him", "but was still
/// refusing"). Its source is then the clause's subject, not the nearest name.
bool SecondPredicate(const Context& c, const std::vector<Candidate>& cands, size_t b, size_t t);

// ---------------------------------------------------------------- events_clauses.cc

/// Whether the trigger at word t is a verb coordinated with the clause of a
/// trigger ending at k_last, after that verb's own object ("condemned the
/// violence and demanded an inquiry", "weigert dat en wijst ... af"): an
/// event of its own. `trigger_at[i - b]`: word i is part of a trigger.
bool CoordinatedVerb(const Context& c, size_t b, size_t k_last, size_t t,
                     const std::vector<bool>& trigger_at);

}  // namespace dateline::events
