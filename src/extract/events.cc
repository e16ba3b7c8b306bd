// Events: trigger words -> PLOVER type and mode; actors, place, date and
// modality from the trigger's sentence. See include/dateline/events.h.
#include "dateline/events.h"

namespace dateline {

namespace {

constexpr std::string_view kModalities[] = {"asserted", "claimed", "confirmed",
                                            "denied",   "planned", "negated"};

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

std::vector<Event> FindEvents(std::string_view, std::string_view, const std::vector<Entity>&,
                              const std::vector<Place>&, const std::vector<TimeExpr>&,
                              const Date&) {
  return {};  // the finder comes in the next commit
}

std::string_view AcledEventType(std::string_view, std::string_view) { return {}; }
std::string_view AcledSubEventType(std::string_view, std::string_view) { return {}; }

}  // namespace dateline
