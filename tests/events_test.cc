// The event finder (include/dateline/events.h): types, actors, places, dates,
// modality, fatalities and evidence on sentences written for these tests.
#include "dateline/events.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "dateline/annotate.h"

namespace dateline {
namespace {

std::vector<Event> EventsOf(std::string_view text, std::string_view lang,
                            std::string_view date = "2019-04-06") {
  return AnnotateText(text, lang, *Date::Parse(date)).text.events;
}

std::string Describe(const Event& e) {
  std::ostringstream o;
  o << e.type << "/" << e.mode << " [" << e.trigger << "]";
  for (const EventActor& a : e.sources) o << " src=" << a.text << "{" << a.key << "," << a.country << "," << a.group << "}";
  for (const EventActor& a : e.targets) o << " tgt=" << a.text << "{" << a.key << "," << a.country << "," << a.group << "}";
  if (e.has_place) o << " place=" << e.place.text << "(" << e.place.country << ")";
  o << " date=" << e.date.value << "(" << e.date.rule << ")";
  o << " " << EventModalityName(e.modality);
  if (e.fatalities >= 0) o << " dead=" << e.fatalities;
  return o.str();
}

// Prints the events of DATELINE_EVENTS_FILE (lines "lang|date|text") for inspection.
TEST(EventsDebug, PrintFile) {
  const char* f = std::getenv("DATELINE_EVENTS_FILE");
  if (f == nullptr) GTEST_SKIP() << "set DATELINE_EVENTS_FILE to print events";
  std::ifstream in(f);
  std::string line;
  while (std::getline(in, line)) {
    const size_t a = line.find('|'), b = line.find('|', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    std::cout << "## " << line.substr(b + 1) << "\n";
    for (const Event& e : EventsOf(line.substr(b + 1), line.substr(0, a), line.substr(a + 1, b - a - 1)))
      std::cout << "   " << Describe(e) << "\n";
  }
}

}  // namespace
}  // namespace dateline
