// Rules of the sixth accuracy round of the event finder (doc/events.md,
// "Several events in one sentence"): a verb coordinated with an earlier one
// after that verb's own object is an event of its own. Sentences written
// for these tests.
#include <gtest/gtest.h>

#include "dateline/annotate.h"
#include "dateline/events.h"
#include "event_finder_util.h"

namespace dateline {
namespace {

using eventfinder::Describe;
using eventfinder::EventsOf;
using eventfinder::FindType;
using eventfinder::SourceText;

size_t CountType(const std::vector<Event>& ev, std::string_view type) {
  size_t n = 0;
  for (const Event& e : ev) n += e.type == type ? 1 : 0;
  return n;
}

// "veroordeelde het geweld en eiste een onderzoek": the demand is not governed
// by the condemnation; it is a second act of the same subject.
TEST(EventsRound6, DutchCoordinatedVerbAfterGoverningVerb) {
  const auto ev = EventsOf(
      "De Noorse regering veroordeelde de uitspraak en eiste een grondig onderzoek.", "nl");
  EXPECT_NE(FindType(ev, "ACCUSE"), nullptr) << Describe(ev);
  const Event* req = FindType(ev, "REQUEST");
  ASSERT_NE(req, nullptr) << Describe(ev);
  EXPECT_EQ(req->trigger, "eiste");
}

// Two acts of one type joined by "and", each with its own object.
TEST(EventsRound6, EnglishCoordinatedVerbsOfOneType) {
  const auto ev = EventsOf(
      "Police in Karvia arrested two student leaders on Friday and detained a local reporter.",
      "en");
  EXPECT_EQ(CountType(ev, "COERCE"), 2u) << Describe(ev);
}

// Nouns or -ing forms joined to a trigger are no verbs of their own.
TEST(EventsRound6, CoordinatedNounsStayOneEvent) {
  const auto en =
      EventsOf("The minister condemned the shelling of the port and killing of sailors.", "en");
  EXPECT_EQ(CountType(en, "ASSAULT"), 0u) << Describe(en);
  // Nothing between the verb and the conjunction: no object of its own.
  const auto nl = EventsOf("Het leger bombardeerde en beschoot het dorp.", "nl");
  EXPECT_EQ(CountType(nl, "ASSAULT"), 1u) << Describe(nl);
  // An object that is itself a trigger may be the first of two nouns
  // ("veroordeelde de aanslagen en ontvoeringen"): the rule stays out.
  const auto nl2 = EventsOf("De bond veroordeelde de aanslagen en ontvoeringen.", "nl");
  EXPECT_EQ(CountType(nl2, "ASSAULT"), 0u) << Describe(nl2);
}

// Spanish "en" is a preposition, not "and": "acusados de participar en
// disturbios" has no protest of its own.
TEST(EventsRound6, SpanishEnIsNoConjunction) {
  const auto ev = EventsOf(
      "Las autoridades expulsaron a 30 extranjeros acusados de participar en disturbios.", "es");
  EXPECT_EQ(FindType(ev, "PROTEST"), nullptr) << Describe(ev);
}

// The second verb shares the subject of the first.
TEST(EventsRound6, CoordinatedVerbSharesTheSubject) {
  const auto ev = EventsOf(
      "Minister Jansen veroordeelde de uitspraak en eiste de uitlevering van de verdachten.", "nl");
  const Event* req = FindType(ev, "REQUEST");
  ASSERT_NE(req, nullptr) << Describe(ev);
  EXPECT_EQ(SourceText(req), "Minister Jansen") << Describe(ev);
}

}  // namespace
}  // namespace dateline
