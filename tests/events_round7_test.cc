// Rules of the seventh accuracy round of the event finder (doc/events.md,
// "Round 7"): inflected forms of the Dutch verbs of the trigger lists,
// generated at load time (src/extract/events_morph.cc). Sentences written
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
using eventfinder::TargetText;

// A participle of an inseparable strong verb at the end of the clause.
TEST(EventsRound7, DutchParticipleOfStrongVerb) {
  const auto ev =
      EventsOf("Gewapende mannen hebben woensdag een politiepost in het noorden overvallen.", "nl");
  const Event* a = FindType(ev, "ASSAULT");
  ASSERT_NE(a, nullptr) << Describe(ev);
  EXPECT_EQ(a->trigger, "overvallen");
  EXPECT_NE(SourceText(a).find("mannen"), std::string::npos) << Describe(ev);
}

// A separable verb split around its object: "hield ... vast".
TEST(EventsRound7, DutchSplitSeparableVerb) {
  const auto ev = EventsOf("De politie hield drie demonstranten urenlang vast.", "nl");
  const Event* c = FindType(ev, "COERCE");
  ASSERT_NE(c, nullptr) << Describe(ev);
  EXPECT_EQ(c->mode, "arrest");
  EXPECT_NE(SourceText(c).find("politie"), std::string::npos) << Describe(ev);
}

// The past of a strong separable verb, joined in a subordinate clause.
TEST(EventsRound7, DutchStrongPastJoined) {
  const auto ev = EventsOf("Het leger meldde dat rebellen de kazerne gisteren aanvielen.", "nl");
  const Event* a = FindType(ev, "ASSAULT");
  ASSERT_NE(a, nullptr) << Describe(ev);
  EXPECT_EQ(a->trigger, "aanvielen");
}

// A passive with "door": the subject is the target, the agent the source.
TEST(EventsRound7, DutchPassiveWithAgent) {
  const auto ev = EventsOf("Twee journalisten werden door de politie opgesloten.", "nl");
  const Event* c = FindType(ev, "COERCE");
  ASSERT_NE(c, nullptr) << Describe(ev);
  EXPECT_NE(SourceText(c).find("politie"), std::string::npos) << Describe(ev);
  EXPECT_NE(TargetText(c).find("journalisten"), std::string::npos) << Describe(ev);
}

// A present plural of a separable verb whose lists held only the past and the
// participle ("riep+terug" is generated too).
TEST(EventsRound7, DutchGeneratedPresentOfSplitVerb) {
  const auto ev = EventsOf("De Verenigde Staten roepen hun ambassadeur in Caracas terug.", "nl");
  const Event* s = FindType(ev, "SANCTION");
  ASSERT_NE(s, nullptr) << Describe(ev);
  EXPECT_EQ(s->trigger, "roepen");
}

// A common word among the generated forms is no trigger: "tekenen" (signs),
// "prijzen" (prices), and "zet zich in" (commits) is no deployment.
TEST(EventsRound7, CollidingWordsDoNotTrigger) {
  const auto ev = EventsOf("De prijzen stijgen en er zijn tekenen van herstel.", "nl");
  EXPECT_TRUE(ev.empty()) << Describe(ev);
  const auto ev2 = EventsOf("De burgemeester zet zich in voor de jeugd.", "nl");
  EXPECT_EQ(FindType(ev2, "MOBILIZE"), nullptr) << Describe(ev2);
}

// A separable particle that is a preposition inside a noun phrase is no
// particle: "zette de hulp in Mali voort".
TEST(EventsRound7, PrepositionIsNoParticle) {
  const auto ev = EventsOf("Nederland zette de steun aan de scholen in Mali voort.", "nl");
  EXPECT_EQ(FindType(ev, "MOBILIZE"), nullptr) << Describe(ev);
}

}  // namespace
}  // namespace dateline
