// The event finder (include/dateline/events.h): types, actors, places, dates,
// modality, fatalities and evidence on sentences written for these tests.
#include "dateline/events.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "dateline/annotate.h"
#include "extract/events_internal.h"

namespace dateline {
namespace {

std::vector<Event> EventsOf(std::string_view text, std::string_view lang,
                            std::string_view date = "2019-04-06") {
  return AnnotateText(text, lang, *Date::Parse(date)).text.events;
}

std::string Describe(const Event& e) {
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

const Event* FindType(const std::vector<Event>& events, std::string_view type) {
  for (const Event& e : events) {
    if (e.type == type) return &e;
  }
  return nullptr;
}

TEST(Events, AirStrikeWithActorsPlaceDateAndFatalities) {
  const auto ev = EventsOf(
      "Government troops shelled the town of Gharyan on Friday, killing five civilians.", "en");
  ASSERT_EQ(ev.size(), 1u);
  const Event& e = ev[0];
  EXPECT_EQ(e.type, "ASSAULT");
  EXPECT_EQ(e.mode, "heavy-weapons");
  EXPECT_EQ(AcledEventType(e.type, e.mode), "Explosions/Remote violence");
  EXPECT_EQ(AcledSubEventType(e.type, e.mode), "Shelling/artillery/missile attack");
  EXPECT_EQ(e.trigger, "shelled");
  ASSERT_EQ(e.sources.size(), 1u);
  EXPECT_EQ(e.sources[0].text, "Government troops");
  EXPECT_EQ(e.sources[0].group, "state forces");
  ASSERT_TRUE(e.has_place);
  EXPECT_EQ(e.place.text, "Gharyan");
  EXPECT_EQ(e.place.country, "LY");
  EXPECT_EQ(e.date.value, "2019-04-05");  // the Friday before Saturday 6 April 2019
  EXPECT_EQ(e.date.text, "Friday");
  EXPECT_EQ(e.fatalities, 5);
  EXPECT_EQ(e.modality, EventModality::kAsserted);
}

TEST(Events, PassiveClaimGivesTargetAndClaimedModality) {
  const auto ev = EventsOf(
      "Saturday, Haftar's LNA said its troops 50 km south of Tripoli had been attacked from the "
      "air "
      "by a plane that took off from Misrata.",
      "en");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].type, "ASSAULT");
  EXPECT_EQ(ev[0].mode, "aerial");
  EXPECT_EQ(ev[0].modality, EventModality::kClaimed);
  EXPECT_TRUE(ev[0].sources.empty());  // the plane is no actor
  ASSERT_EQ(ev[0].targets.size(), 1u);
  EXPECT_EQ(ev[0].targets[0].text, "troops");
  ASSERT_TRUE(ev[0].has_place);
  EXPECT_EQ(ev[0].place.precision, "approximate");  // 50 km south of Tripoli
  EXPECT_EQ(ev[0].date.value, "2019-04-06");
}

TEST(Events, PlannedConferenceKeepsItsDateRange) {
  const auto ev = EventsOf(
      "The United Nations will hold a national conference in Ghadames from 14 to 16 April.", "en");
  const Event* e = FindType(ev, "CONSULT");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->modality, EventModality::kPlanned);
  EXPECT_EQ(e->date.value, "2019-04-14");
  ASSERT_FALSE(e->sources.empty());
  EXPECT_EQ(e->sources[0].group, "international organisation");
  EXPECT_TRUE(e->targets.empty());  // Ghadames is where, not whom
}

TEST(Events, IntentIsPlannedAndConditionalIntentIsThreat) {
  const auto intent =
      EventsOf("The Fijian rebels said they will release the prime minister.", "en");
  ASSERT_EQ(intent.size(), 1u);
  EXPECT_EQ(intent[0].type, "RETREAT");
  EXPECT_EQ(intent[0].mode, "release");
  EXPECT_EQ(intent[0].modality, EventModality::kPlanned);
  const auto threat =
      EventsOf("Nigeria said it will withdraw its force from Chad unless talks resume.", "en");
  ASSERT_FALSE(threat.empty());
  EXPECT_EQ(threat[0].type, "THREATEN");
  const auto reject = EventsOf("Syria says it will not accept any more refugees.", "en");
  ASSERT_EQ(reject.size(), 1u);
  EXPECT_EQ(reject[0].type, "REJECT");
}

TEST(Events, GoverningVerbAbsorbsItsComplement) {
  const auto ev =
      EventsOf("Iran threatened to launch a new military offensive against Iraq.", "en");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].type, "THREATEN");
  ASSERT_FALSE(ev[0].sources.empty());
  EXPECT_EQ(ev[0].sources[0].country, "IR");
}

TEST(Events, DemonymsGiveActorCountries) {
  const auto ev = EventsOf(
      "Senior Hungarian and Romanian officials agreed on Wednesday to cooperate on refugees.",
      "en");
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(ev[0].type, "AGREE");
  std::vector<std::string> countries;
  for (const EventActor& a : ev[0].sources) countries.push_back(a.country);
  EXPECT_NE(std::find(countries.begin(), countries.end(), "HU"), countries.end());
  EXPECT_NE(std::find(countries.begin(), countries.end(), "RO"), countries.end());
}

TEST(Events, KnownActorsGetCountryAndGroup) {
  const auto ev =
      EventsOf("Prime Minister Benjamin Netanyahu accused Hamas of firing rockets.", "en");
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(ev[0].type, "ACCUSE");
  ASSERT_FALSE(ev[0].sources.empty());
  EXPECT_EQ(ev[0].sources[0].country, "IL");
  ASSERT_FALSE(ev[0].targets.empty());
  EXPECT_EQ(ev[0].targets[0].country, "PS");
  EXPECT_EQ(ev[0].targets[0].group, "rebel group");
  const events::KnownActor* taliban = events::LookupActor("Taliban");
  ASSERT_NE(taliban, nullptr);
  EXPECT_EQ(taliban->country, "AF");
  EXPECT_EQ(events::LookupActor("Zzyzx Qwerty"), nullptr);
}

TEST(Events, UnnamedSubjectsAndObjectsArePhrases) {
  const auto ev = EventsOf("The European Union urged both sides to show restraint.", "en");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].type, "REQUEST");
  ASSERT_FALSE(ev[0].targets.empty());
  EXPECT_EQ(ev[0].targets[0].text, "both sides");
  const auto nl = EventsOf("De militaire raad ontkende donderdag elke betrokkenheid.", "nl");
  ASSERT_FALSE(nl.empty());
  EXPECT_EQ(nl[0].type, "REJECT");
  ASSERT_FALSE(nl[0].sources.empty());
  EXPECT_EQ(nl[0].sources[0].text, "De militaire raad");
  // A date opening the sentence is no subject.
  const auto dated = EventsOf("Dinsdag werd gedemonstreerd.", "nl");
  for (const Event& e : dated) EXPECT_TRUE(e.sources.empty()) << e.sources[0].text;
}

TEST(Events, DutchSeparableVerbAndWeekday) {
  const auto ev = EventsOf("Het leger van Khalifa Haftar rukte donderdag op naar Tripoli.", "nl");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].type, "MOBILIZE");
  EXPECT_EQ(ev[0].trigger, "rukte");
  EXPECT_EQ(ev[0].date.value, "2019-04-04");  // "donderdag" in the past tense
  ASSERT_TRUE(ev[0].has_place);
  EXPECT_EQ(ev[0].place.text, "Tripoli");
}

TEST(Events, DutchPassiveWithAgentAndDenial) {
  const auto ev = EventsOf(
      "Zaterdag werden LNA-troepen bij Al-Aziziya door het leger gebombardeerd. "
      "Het LNA ontkende dat het de wijk had beschoten.",
      "nl");
  const Event* strike = FindType(ev, "ASSAULT");
  ASSERT_NE(strike, nullptr);
  EXPECT_EQ(strike->mode, "aerial");
  ASSERT_FALSE(strike->sources.empty());
  EXPECT_EQ(strike->sources[0].text, "leger");
  ASSERT_FALSE(strike->targets.empty());
  EXPECT_EQ(strike->targets[0].text, "LNA-troepen");
  bool denied = false;
  for (const Event& e : ev) denied |= e.modality == EventModality::kDenied && e.type == "ASSAULT";
  EXPECT_TRUE(denied);
  EXPECT_NE(FindType(ev, "REJECT"), nullptr);  // the denial itself
}

TEST(Events, PostponedMeetingIsNegated) {
  const auto ev = EventsOf("De Verenigde Naties hebben de nationale conferentie uitgesteld.", "nl");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].type, "CONSULT");
  EXPECT_EQ(ev[0].modality, EventModality::kNegated);
}

TEST(Events, PublicationDateWhenTheSentenceHasNone) {
  const auto ev = EventsOf("Police arrested twenty protesters in Benghazi.", "en", "2019-04");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].type, "COERCE");
  EXPECT_EQ(ev[0].date.rule, "publication date");
  EXPECT_EQ(ev[0].date.value, "2019-04");
  EXPECT_EQ(ev[0].date.precision, "month");
  EXPECT_TRUE(ev[0].date.text.empty());
}

TEST(Events, RealNewsTrapsFoundInTheSample) {
  // Hazards do not attack; warnings of shortages are no threats.
  EXPECT_EQ(
      FindType(EventsOf("The storm killed at least four people in Germany.", "en"), "ASSAULT"),
      nullptr);
  EXPECT_TRUE(EventsOf("Zugleich warnte das Management vor Lieferengpässen.", "de").empty());
  // "30,000" is one number, not "30" and "000".
  const auto ev = EventsOf("Rebels attacked the town, killing 30,000 people.", "en");
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(ev[0].fatalities, 30000);
  // A French demonym after its noun is no actor.
  for (const Event& e :
       EventsOf("Les Nations unies ont reporté la conférence nationale libyenne.", "fr")) {
    for (const EventActor& a : e.targets) EXPECT_NE(a.text, "libyenne");
  }
}

TEST(Events, NoEventsInBackgroundOrOtherLanguages) {
  EXPECT_TRUE(EventsOf("The economy grew by two percent last year.", "en").empty());
  EXPECT_TRUE(EventsOf("He suffered a heart attack in 2010.", "en").empty());
  EXPECT_TRUE(EventsOf("Le gouvernement a attaqué la ville.", "ar").empty());
  EXPECT_TRUE(EventsOf("", "en").empty());
}

TEST(Events, TextsAndEvidenceSpansMatchTheField) {
  const std::string text =
      "Israeli soldiers arrested more than 100 Palestinians on Saturday in Hebron.\n"
      "Protesters blocked the main road to the airport on Sunday.";
  const auto ev = EventsOf(text, "en");
  ASSERT_EQ(ev.size(), 2u);
  for (const Event& e : ev) {
    EXPECT_EQ(e.trigger, text.substr(e.trigger_start, e.trigger_end - e.trigger_start));
    EXPECT_LE(e.start, e.trigger_start);
    EXPECT_LE(e.trigger_end, e.end);
    for (const EventActor& a : e.sources) EXPECT_EQ(a.text, text.substr(a.start, a.end - a.start));
    if (!e.date.text.empty()) {
      EXPECT_EQ(e.date.text, text.substr(e.date.start, e.date.end - e.date.start));
    }
  }
  EXPECT_EQ(ev[0].type, "COERCE");
  EXPECT_EQ(ev[0].sources[0].country, "IL");
  EXPECT_EQ(ev[1].type, "PROTEST");
  EXPECT_EQ(ev[1].mode, "obstruct");
  EXPECT_LT(ev[0].end, ev[1].start);  // one sentence each
}

TEST(Events, StoredAndDecodedUnchanged) {
  const Annotations a = AnnotateText(
      "Government troops shelled Gharyan on Friday, killing five civilians. "
      "The United Nations will hold a conference in Ghadames on 14 April.",
      "en", *Date::Parse("2019-04-06"));
  ASSERT_GE(a.text.events.size(), 2u);
  const std::string text =
      "Government troops shelled Gharyan on Friday, killing five civilians. "
      "The United Nations will hold a conference in Ghadames on 14 April.";
  Annotations back;
  ASSERT_TRUE(DecodeAnnotations(EncodeAnnotations(a), "", text, &back));
  ASSERT_EQ(back.text.events.size(), a.text.events.size());
  for (size_t i = 0; i < a.text.events.size(); ++i) {
    const Event& x = a.text.events[i];
    const Event& y = back.text.events[i];
    EXPECT_EQ(x.type, y.type);
    EXPECT_EQ(x.mode, y.mode);
    EXPECT_EQ(x.sentence, y.sentence);
    EXPECT_EQ(x.trigger, y.trigger);
    EXPECT_EQ(x.date.value, y.date.value);
    EXPECT_EQ(x.date.text, y.date.text);
    EXPECT_EQ(x.has_place, y.has_place);
    EXPECT_EQ(x.place.geonames_id, y.place.geonames_id);
    EXPECT_EQ(x.modality, y.modality);
    EXPECT_EQ(x.fatalities, y.fatalities);
    ASSERT_EQ(x.sources.size(), y.sources.size());
    for (size_t k = 0; k < x.sources.size(); ++k) {
      EXPECT_EQ(x.sources[k].text, y.sources[k].text);
      EXPECT_EQ(x.sources[k].group, y.sources[k].group);
    }
  }
  // A truncated events section is rejected, not misread.
  const std::string enc = EncodeAnnotations(a);
  for (size_t cut = enc.size() - 1; cut + 40 > enc.size(); --cut) {
    Annotations bad;
    EXPECT_FALSE(DecodeAnnotations(enc.substr(0, cut), "", text, &bad)) << cut;
  }
}

TEST(Events, Deterministic) {
  const std::string text =
      "LNA forces attacked Tripoli on Thursday; the GNA said 12 people were killed.";
  const auto a = EventsOf(text, "en");
  const auto b = EventsOf(text, "en");
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(Describe(a[i]), Describe(b[i]));
}

TEST(Events, ModalityNamesRoundTrip) {
  for (int m = 0; m <= static_cast<int>(EventModality::kNegated); ++m) {
    EventModality parsed;
    ASSERT_TRUE(ParseEventModality(EventModalityName(static_cast<EventModality>(m)), &parsed));
    EXPECT_EQ(static_cast<int>(parsed), m);
  }
  EventModality unused;
  EXPECT_FALSE(ParseEventModality("maybe", &unused));
  EXPECT_EQ(EventTypes().size(), 16u);
  EXPECT_EQ(AcledEventType("CONSULT", "meeting"), "");
  EXPECT_EQ(AcledEventType("PROTEST", "riot"), "Riots");
}

}  // namespace
}  // namespace dateline
