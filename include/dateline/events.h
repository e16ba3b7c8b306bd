// Events: who did what to whom, where and when, found sentence by sentence
// with a trigger lexicon (PLOVER event types, mapped to ACLED types), the
// field's entities as actors, its places and its resolved dates, and the
// evidence (byte spans) of every attribute. See doc/events.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/dates.h"
#include "dateline/entities.h"
#include "dateline/places.h"

namespace dateline {

/// How the source presents the event.
enum class EventModality : uint8_t {
  kAsserted = 0,   // reported as fact ("LNA forces shelled ...")
  kClaimed = 1,    // attributed to a party ("the LNA said its troops were attacked")
  kConfirmed = 2,  // confirmed by a party ("... confirmed air strikes")
  kDenied = 3,     // denied by a party ("the GNA denied bombing ...")
  kPlanned = 4,  // announced, intended or threatened for the future ("the conference will be held")
  kNegated = 5,  // said not to have happened ("no air strikes were carried out")
};

/// "asserted", "claimed", "confirmed", "denied", "planned" or "negated".
std::string_view EventModalityName(EventModality m);
/// Parses EventModalityName's output; false when unknown.
bool ParseEventModality(std::string_view s, EventModality* out);

/// One actor (source or target) of an event. Offsets are bytes into the field.
struct EventActor {
  uint32_t start = 0;  // the actor as written: a name, or a group noun phrase
  uint32_t end = 0;    // ("Haftar's LNA", "government troops", "de betogers")
  std::string text;    // MentionText of [start, end)
  std::string key;     // entity key when the actor is a named entity, else ""
  /// ISO 3166-1 alpha-2 country the actor belongs to ("LY"), "" when unknown.
  std::string country;
  /// Actor group, ACLED-like: "state forces", "rebel group", "political militia",
  /// "protesters", "rioters", "civilians", "government", "international organisation",
  /// "political party", "media", "business", "other"; "" when unknown.
  std::string group;
};

/// The date of an event: a resolved expression of its sentence, or else the
/// publication date (rule "publication date", empty span).
struct EventDate {
  uint32_t start = 0, end = 0;  // the expression ("zaterdag"); empty span for the publication date
  std::string text;
  std::string value;      // TimeML value ("2019-04-06", "2019-04"); "" when unknown
  std::string precision;  // "day", "week", "month", "year", ...; "" when unknown
  std::string rule;       // how it was resolved (the date tagger's rule, or "publication date")
  bool has_span = false;  // first/last valid (days since 1970-01-01, inclusive)
  int32_t first_day = 0, last_day = 0;
};

/// One event of a field. Offsets are bytes into that field.
struct Event {
  uint32_t start = 0, end = 0;                  // the sentence it came from
  uint32_t trigger_start = 0, trigger_end = 0;  // the word(s) that name the event
  std::string type;  // PLOVER event type: "ASSAULT", "MOBILIZE", "CONSULT", "ACCUSE", ...
  std::string mode;  // PLOVER mode: "aerial", "firearms", "explosives", "meeting", ... or ""
  std::vector<EventActor> sources;  // who acted (first is the main one)
  std::vector<EventActor> targets;  // to whom, or against whom
  bool has_place = false;
  Place place;  // where: one of the field's places (has_place), copied
  EventDate date;
  EventModality modality = EventModality::kAsserted;
  /// Reported deaths ("five people were killed", "12 doden"), -1 when none.
  int64_t fatalities = -1;
  uint32_t number_start = 0, number_end = 0;  // the span that gave fatalities
  std::string sentence;                       // MentionText of [start, end)
  std::string trigger;                        // MentionText of [trigger_start, trigger_end)
};

/// The events of `text` (one field, UTF-8, any bytes and length) written in
/// `lang` (ISO 639-1: trigger words for en nl de fr es; none for others),
/// given the field's entities, places and dates (as Annotate computes them,
/// each in text order) and the publication date `doc_date` (year 0 when
/// unknown). In text order of their triggers; every actor key is the key of
/// one of `entities`, every place one of `places`. Deterministic; thread-safe.
std::vector<Event> FindEvents(std::string_view text, std::string_view lang,
                              const std::vector<Entity>& entities, const std::vector<Place>& places,
                              const std::vector<TimeExpr>& dates, const Date& doc_date);

/// The ACLED event type a PLOVER type and mode map to ("Battles",
/// "Explosions/Remote violence", "Violence against civilians", "Protests",
/// "Riots", "Strategic developments"), "" for events ACLED does not record
/// (CONSULT, AGREE, ...).
std::string_view AcledEventType(std::string_view type, std::string_view mode);
/// The ACLED sub-event type ("Air/drone strike", "Armed clash", "Peaceful
/// protest", "Agreement", ...), "" when none.
std::string_view AcledSubEventType(std::string_view type, std::string_view mode);

/// All PLOVER event types FindEvents can report, in a fixed order.
const std::vector<std::string_view>& EventTypes();

}  // namespace dateline
