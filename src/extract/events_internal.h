// Internals of the event finder (events.cc): the per-language word lists of
// events_lexicon.cc, compiled into lookup tables once per language.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dateline::events {

/// What a trigger candidate needs around its first word.
struct Trigger {
  std::string_view type;  // PLOVER type; "-" for a blocker (a phrase that is no event)
  std::string_view mode;
  std::string next;      // the following word must match ("" none); "x*" is a prefix
  std::string particle;  // a separable particle later in the sentence ("" none)
  int strength = 0;      // longer and exact matches win
};

/// A word's role outside triggers.
enum class Cue : uint8_t {
  kNone,
  kNegation,     // not, niet, nicht, pas, no
  kCancel,       // postponed, uitgesteld, cancelled: the event will not happen
  kFuture,       // will, zal, wird, va, planned, gepland
  kReport,       // said, zei, according to: the event is claimed
  kConfirm,      // confirmed, bevestigde
  kDeny,         // denied, ontkende
  kPassive,      // was, werd, wurde, fue: a passive may follow
  kBy,           // by, door, von, par, por: the agent of a passive
  kLocPrep,      // in, near, bij: a place follows, not an actor
  kKilled,       // killed, dead, doden: fatalities
  kRole,         // president, minister, general: a PER after it is government
  kIntent,       // will, would, prepared, willing: an intended act follows
  kObligation,   // must, should, moet: a required act follows
  kPurpose,      // to, om, um, pour, para: an infinitive follows
  kUnless,       // unless, tenzij: a condition makes an intent a threat
  kSubordinate,  // after, during, which, nadat: a background clause follows
  kModeAerial,
  kModeHeavy,
  kModeFirearms,
  kModeExplosives,
};

/// Actor group nouns: the group and whether the noun is singular-collective.
struct Group {
  std::string_view group;
};

/// The compiled word lists of one language.
struct Lexicon {
  std::unordered_map<std::string, std::vector<Trigger>> exact;   // first word
  std::unordered_map<std::string, std::vector<Trigger>> prefix;  // first word's prefix
  std::unordered_map<std::string, std::vector<Trigger>> tails;   // compound heads (nl, de)
  std::unordered_map<std::string, Cue> cues;                     // exact words
  std::unordered_map<std::string, Cue> cue_prefixes;             // word prefixes ("confirm")
  std::unordered_map<std::string, std::string_view> groups;      // noun -> group
  std::unordered_map<std::string, std::string_view> demonyms;    // adjective -> alpha-2
  std::unordered_map<std::string, int> numbers;                  // number words
  size_t max_prefix = 0;
};

/// The lexicon of `lang` (en nl de fr es), nullptr for other languages.
const Lexicon* LexiconFor(std::string_view lang);

/// Whether an organisation's text names an international organisation
/// ("UN", "Verenigde Naties", "NATO", "EU", "Security Council").
bool IsInternationalOrganisation(std::string_view lower_text);

}  // namespace dateline::events
