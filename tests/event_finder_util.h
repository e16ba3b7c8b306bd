// Helpers for the tests of the event finder (AnnotateText's events) on
// sentences written for them: run it, describe what it found, pick an event.
#pragma once

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/annotate.h"
#include "dateline/events.h"

namespace dateline::eventfinder {

/// The events of `text` in language `lang`, published on `date`.
inline std::vector<Event> EventsOf(std::string_view text, std::string_view lang,
                                   std::string_view date = "2019-04-06") {
  return AnnotateText(text, lang, *Date::Parse(date)).text.events;
}

/// One event on one line, for failure messages.
inline std::string Describe(const Event& e) {
  std::ostringstream o;
  o << e.type << "/" << e.mode << " [" << e.trigger << "]";
  for (const EventActor& a : e.sources)
    o << " src=" << a.text << "{" << a.key << "," << a.country << "," << a.group << "}";
  for (const EventActor& a : e.targets)
    o << " tgt=" << a.text << "{" << a.key << "," << a.country << "," << a.group << "}";
  if (e.has_place) o << " place=" << e.place.text << "(" << e.place.country << ")";
  o << " date=" << e.date.value << "(" << e.date.rule << ")";
  o << " " << EventModalityName(e.modality);
  if (e.fatalities >= 0) o << " dead=" << e.fatalities;
  return o.str();
}

/// All of them, separated by "; ".
inline std::string Describe(const std::vector<Event>& events) {
  std::string s;
  for (const Event& e : events) s += Describe(e) + "; ";
  return s;
}

/// The first event of that type, or null.
inline const Event* FindType(const std::vector<Event>& events, std::string_view type) {
  for (const Event& e : events) {
    if (e.type == type) return &e;
  }
  return nullptr;
}

/// The text of the first source / target ("" when none, or no event).
inline std::string SourceText(const Event& e) { return e.sources.empty() ? "" : e.sources[0].text; }
inline std::string TargetText(const Event& e) { return e.targets.empty() ? "" : e.targets[0].text; }
inline std::string SourceText(const Event* e) { return e == nullptr ? "" : SourceText(*e); }
inline std::string TargetText(const Event* e) { return e == nullptr ? "" : TargetText(*e); }

}  // namespace dateline::eventfinder
