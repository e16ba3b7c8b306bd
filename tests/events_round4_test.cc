// Rules of the fourth accuracy round of the event finder (doc/events.md):
// object-dependent English verbs, German, French and Spanish actors,
// countries from context, threatened acts, Dutch infinitives. Sentences
// written for these tests.
#include <gtest/gtest.h>

#include "dateline/annotate.h"
#include "dateline/events.h"
#include "event_finder_util.h"
#include "extract/events_internal.h"

namespace dateline {
namespace {

using eventfinder::Describe;
using eventfinder::EventsOf;
using eventfinder::FindType;
using eventfinder::SourceText;
using eventfinder::TargetText;

// "ordered troops": an order to forces mobilises them; the forces ordered are its target.
TEST(EventsRound4, OrderedTroopsIsMobilisation) {
  const auto ev = EventsOf("The president ordered troops to the northern border.", "en");
  const Event* e = FindType(ev, "MOBILIZE");
  ASSERT_NE(e, nullptr) << Describe(ev);
  EXPECT_EQ(e->mode, "troops");
  EXPECT_EQ(SourceText(e), "president");
  EXPECT_EQ(TargetText(e), "troops");
}

// "launched an operation against": an armed operation.
TEST(EventsRound4, LaunchedAnOperationAgainstIsAnAssault) {
  const auto ev =
      EventsOf("The army launched an operation against smugglers near the coast.", "en");
  const Event* e = FindType(ev, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(ev);
  EXPECT_EQ(SourceText(e), "army");
  // Without "against" or "military", an operation is no attack.
  EXPECT_EQ(
      FindType(EventsOf("The charity launched an operation to feed families.", "en"), "ASSAULT"),
      nullptr);
}

// "gave X 72 hours to leave": an ultimatum, not aid.
TEST(EventsRound4, GaveHoursToIsAnUltimatum) {
  const auto ev = EventsOf("The ministry gave the attaché 72 hours to leave the country.", "en");
  EXPECT_NE(FindType(ev, "THREATEN"), nullptr) << Describe(ev);
  EXPECT_EQ(FindType(ev, "AID"), nullptr) << Describe(ev);
}

// "withdrew its ambassador": reducing relations, not a retreat.
TEST(EventsRound4, WithdrewABenefitIsASanction) {
  const auto ev = EventsOf("Peru withdrew its ambassador from Caracas on Monday.", "en");
  const Event* e = FindType(ev, "SANCTION");
  ASSERT_NE(e, nullptr) << Describe(ev);
  EXPECT_EQ(SourceText(e), "Peru");
  EXPECT_EQ(FindType(ev, "RETREAT"), nullptr) << Describe(ev);
  // Troops still retreat.
  EXPECT_NE(FindType(EventsOf("Peru withdrew its troops from the border.", "en"), "RETREAT"),
            nullptr);
}

// "warned that prices would rise": a forecast, no threat.
TEST(EventsRound4, WarningOfAForecastIsNoThreat) {
  const auto ev = EventsOf("Farmers warned that prices would rise sharply this winter.", "en");
  EXPECT_EQ(FindType(ev, "THREATEN"), nullptr) << Describe(ev);
}

// A named official without a country takes that of the event's place.
TEST(EventsRound4, OfficialTakesTheCountryOfThePlace) {
  const auto ev =
      EventsOf("President Thabo Mbeki threatened to impose a curfew in Pretoria.", "en");
  const Event* e = FindType(ev, "THREATEN");
  ASSERT_NE(e, nullptr) << Describe(ev);
  ASSERT_FALSE(e->sources.empty());
  EXPECT_EQ(e->sources[0].country, "ZA") << Describe(ev);
}

// A name given a country earlier in the text keeps it in a later event.
TEST(EventsRound4, CountryFromAnEarlierMention) {
  std::vector<Event> before(1);
  EventActor putin;
  putin.key = "vladimir putin";
  putin.country = "RU";
  before[0].sources.push_back(putin);
  Event later;
  EventActor again;
  again.key = "vladimir putin";
  later.sources.push_back(again);
  events::CountryFromEarlier(before, &later);
  EXPECT_EQ(later.sources[0].country, "RU");
}

// German, French and Spanish group nouns ("Personen", "paysans", "personas").
TEST(EventsRound4, GermanGroupNounIsTheTarget) {
  const auto ev = EventsOf("Die Polizei nahm am Montag zwölf Personen in Dresden fest.", "de");
  const Event* e = FindType(ev, "COERCE");
  ASSERT_NE(e, nullptr) << Describe(ev);
  EXPECT_EQ(SourceText(e), "Polizei");
  EXPECT_EQ(TargetText(e), "Personen");
}

// German "rief die Anwohner ... auf": the addressee after the verb.
TEST(EventsRound4, GermanAddresseeOfARequest) {
  const auto ev = EventsOf("Der Bürgermeister rief die Anwohner zur Ruhe auf.", "de");
  const Event* e = FindType(ev, "REQUEST");
  ASSERT_NE(e, nullptr) << Describe(ev);
  EXPECT_NE(TargetText(e).find("Anwohner"), std::string::npos) << Describe(ev);
}

// Spanish personal "a": "acusó a Perú" names the accused, not a direction.
TEST(EventsRound4, SpanishPersonalA) {
  const auto ev = EventsOf("Chile acusó a Perú de espionaje.", "es");
  const Event* e = FindType(ev, "ACCUSE");
  ASSERT_NE(e, nullptr) << Describe(ev);
  EXPECT_EQ(SourceText(e), "Chile");
  EXPECT_EQ(TargetText(e), "Perú");
}

// "Las tropas del general X": the troops act, past the title.
TEST(EventsRound4, HeadOfPastATitle) {
  const auto ev = EventsOf("Las tropas del general Ramón Pardo bombardearon el puerto.", "es");
  const Event* e = FindType(ev, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(ev);
  EXPECT_EQ(SourceText(e), "tropas");
}

// "Des milliers de paysans": after a quantity, the noun counted is the actor.
TEST(EventsRound4, QuantityOfPeople) {
  const auto ev = EventsOf("Des milliers de paysans ont manifesté lundi à Lyon.", "fr");
  const Event* e = FindType(ev, "PROTEST");
  ASSERT_NE(e, nullptr) << Describe(ev);
  EXPECT_NE(SourceText(e).find("paysans"), std::string::npos) << Describe(ev);
}

// "Een geplande top": an article and an adjective of the trigger noun are no subject.
TEST(EventsRound4, AdjectiveOfTheTriggerIsNoSubject) {
  const auto ev = EventsOf("Een geplande top met Rusland werd afgelast.", "nl");
  const Event* e = FindType(ev, "CONSULT");
  ASSERT_NE(e, nullptr) << Describe(ev);
  EXPECT_TRUE(e->sources.empty()) << Describe(ev);
}

// Dutch: the act a threat names is an event too, planned, by the one who threatens.
TEST(EventsRound4, ThreatenedActIsPlanned) {
  const auto ev = EventsOf("De minister dreigde de subsidie voor de omroep stop te zetten.", "nl");
  EXPECT_NE(FindType(ev, "THREATEN"), nullptr) << Describe(ev);
  const Event* e = FindType(ev, "SANCTION");
  ASSERT_NE(e, nullptr) << Describe(ev);
  EXPECT_EQ(e->modality, EventModality::kPlanned);
  EXPECT_EQ(SourceText(e), "minister");
}

// Dutch "de hulp aan Mali op te schorten": the noun is the object of the
// infinitive (a two-letter first word, "op"); the clause's first actor is its subject.
TEST(EventsRound4, DutchInfinitiveWithItsObject) {
  const auto ev = EventsOf("Nederland besloot de hulp aan Mali op te schorten.", "nl");
  const Event* e = FindType(ev, "SANCTION");
  ASSERT_NE(e, nullptr) << Describe(ev);
  EXPECT_EQ(SourceText(e), "Nederland");
  EXPECT_EQ(TargetText(e), "Mali");
  EXPECT_EQ(FindType(ev, "AID"), nullptr) << Describe(ev);
}

// Keys under three bytes are found through the prefix filter.
TEST(EventsRound4, PrefixFilterKeepsShortKeys) {
  events::PrefixFilter f;
  f.Add("op");
  f.Add("stop");
  EXPECT_TRUE(f.Lengths("op") & (1u << 2));
  EXPECT_FALSE(f.Lengths("in") & (1u << 2));  // (a filter: "om" may pass, "in" may not)
  EXPECT_TRUE(f.Lengths("stop") & (1u << 4));
}

}  // namespace
}  // namespace dateline
