// The event finder (include/dateline/events.h): types, actors, places, dates,
// modality, fatalities and evidence on sentences written for these tests.
#include "dateline/events.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "dateline/annotate.h"
#include "event_finder_util.h"
#include "extract/events_internal.h"

namespace dateline {
namespace {

using eventfinder::Describe;
using eventfinder::EventsOf;
using eventfinder::FindType;
using eventfinder::SourceText;
using eventfinder::TargetText;

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

// The one event of `type` in `text`, checked to exist.
Event OnlyOf(std::string_view text, std::string_view lang, std::string_view type) {
  const auto ev = EventsOf(text, lang);
  const Event* e = FindType(ev, type);
  EXPECT_NE(e, nullptr) << text;
  return e == nullptr ? Event{} : *e;
}

// A verb at the end of a Dutch clause is a participle or infinitive only
// after an auxiliary or modal: "ontbood" is a past tense, the object follows.
TEST(EventActors, DutchFinalVerbNeedsAnAuxiliary) {
  const Event summon =
      OnlyOf("Het ministerie van Defensie ontbood de Belgische ambassadeur.", "nl", "REQUEST");
  EXPECT_EQ(SourceText(summon), "ministerie");
  EXPECT_EQ(TargetText(summon), "Belgische ambassadeur");
  // "wil ... terugtrekken": the subject comes first, the troops are no actor.
  const Event pull =
      OnlyOf("De Britse regering wil haar soldaten uit Irak terugtrekken.", "nl", "RETREAT");
  EXPECT_EQ(SourceText(pull), "Britse regering");
  EXPECT_TRUE(pull.targets.empty());
  // A separable particle before "ge": "samengetrokken" is a participle.
  const Event mass = OnlyOf("Rusland heeft troepen samengetrokken bij de grens.", "nl", "MOBILIZE");
  EXPECT_EQ(SourceText(mass), "Rusland");
}

// A name inside a relative clause set off by commas is not the subject.
TEST(EventActors, RelativeClauseBetweenSubjectAndVerb) {
  const Event e = OnlyOf(
      "Duitsland, dat 300 militairen in Mali heeft, stuurde zondag extra helikopters naar Gao.",
      "nl", "MOBILIZE");
  EXPECT_EQ(SourceText(e), "Duitsland");
}

// Those killed or wounded in an attack are its targets, not its source;
// a count of wounded with no one who attacked is no event.
TEST(EventActors, VictimsAreTargets) {
  const Event nl = OnlyOf("Bij beschietingen van het dorp kwamen dinsdag drie boeren om het leven.",
                          "nl", "ASSAULT");
  EXPECT_TRUE(nl.sources.empty());
  EXPECT_EQ(TargetText(nl), "boeren");
  const Event en =
      OnlyOf("Four villagers were killed in a rocket attack near the border.", "en", "ASSAULT");
  EXPECT_TRUE(en.sources.empty());
  EXPECT_EQ(TargetText(en), "villagers");
  EXPECT_EQ(FindType(EventsOf("Daarbij raakten twaalf agenten gewond.", "nl"), "ASSAULT"), nullptr);
}

// Dutch "zijn" with the participle of an act done to someone is a passive,
// also without an agent; a pronoun subject of a passive is no source.
TEST(EventActors, DutchPassivesWithoutAgent) {
  const Event arrest =
      OnlyOf("In Caracas is zaterdag een Spaanse journalist opgepakt.", "nl", "COERCE");
  EXPECT_TRUE(arrest.sources.empty());
  EXPECT_EQ(TargetText(arrest), "Spaanse journalist");
  const Event accused =
      OnlyOf("De politie arresteerde twee journalisten. Zij worden beschuldigd van spionage.", "nl",
             "ACCUSE");
  EXPECT_TRUE(accused.sources.empty());
}

// A pronoun right after a verb in second place is its subject: the name
// after it is the object ("Daar sprak zij met Ghani").
TEST(EventActors, PronounAfterTheVerbIsTheSubject) {
  const auto ev = EventsOf("Kaag reisde naar Kabul. Daar sprak zij met Ghani.", "nl");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(TargetText(ev[1]), "Ghani");
  for (const EventActor& a : ev[1].sources) EXPECT_NE(a.text, "Ghani");
}

// Capitalised words the tagger left alone that open the sentence before its
// verb name an organisation; a nationality adjective does not.
TEST(EventActors, OpeningNamesTheTaggerMissed) {
  const Event e =
      OnlyOf("Het Openbaar Ministerie vervolgt de burgemeester voor fraude.", "nl", "ACCUSE");
  ASSERT_FALSE(e.sources.empty());
  EXPECT_EQ(e.sources[0].key, EntityKey("Openbaar Ministerie", EntityType::kOrg, "nl"));
  // The tagger took only "Ministerie" (as a place): the word joins the name,
  // which becomes an organisation entity of the field.
  const std::string text =
      "Het Openbaar Ministerie onderzoekt of de groep banden heeft met een bende.";
  const FieldAnnotations f = AnnotateText(text, "nl", *Date::Parse("2019-04-06")).text;
  const Event* probe = FindType(f.events, "ACCUSE");
  ASSERT_NE(probe, nullptr);
  ASSERT_FALSE(probe->sources.empty());
  EXPECT_EQ(probe->sources[0].text, "Openbaar Ministerie");
  EXPECT_EQ(probe->sources[0].key, EntityKey("Openbaar Ministerie", EntityType::kOrg, "nl"));
  EXPECT_TRUE(std::any_of(f.entities.begin(), f.entities.end(),
                          [&](const Entity& en) { return en.key == probe->sources[0].key; }));
  const Event bomb = OnlyOf(
      "Syrische en Russische gevechtsvliegtuigen hebben zondag dorpen bij Idlib gebombardeerd.",
      "nl", "ASSAULT");
  EXPECT_TRUE(bomb.targets.empty());
  for (const EventActor& a : bomb.sources) EXPECT_TRUE(a.key.empty()) << a.text;
}

// A name inside an apposition is not the subject; the speaker of a report
// that ends the sentence (", police said") is not a target.
TEST(EventActors, AppositionAndTrailingSpeaker) {
  const Event refuse =
      OnlyOf("Chad, a close French ally in the Sahel, has refused to send troops to Libya.", "en",
             "REJECT");
  EXPECT_EQ(SourceText(refuse), "Chad");
  const Event shell =
      OnlyOf("Rebels shelled the northern town on Friday, police said.", "en", "ASSAULT");
  EXPECT_EQ(SourceText(shell), "Rebels");
  EXPECT_TRUE(shell.targets.empty());
}

// "X and the Y" are coordinated subjects; a verb after "but", or an
// English participle after a comma, shares the subject of the verb before.
TEST(EventActors, CoordinationAndSharedSubjects) {
  const Event reject =
      OnlyOf("Chile and the United States have rejected the new treaty.", "en", "REJECT");
  ASSERT_EQ(reject.sources.size(), 2u);
  EXPECT_EQ(reject.sources[1].text, "Chile");
  const Event refuse = OnlyOf(
      "The minister met union leaders on Monday but refused to withdraw the plan.", "en", "REJECT");
  EXPECT_EQ(SourceText(refuse), "minister");
  const Event accuse = OnlyOf(
      "Poland expelled three Belarusian diplomats, accusing them of spying.", "en", "ACCUSE");
  EXPECT_EQ(SourceText(accuse), "Poland");
}

// What a threat governs is the act threatened: a name further inside the
// infinitive is no target, its direct object (the one threatened) is.
TEST(EventActors, GovernedInfinitive) {
  EXPECT_TRUE(OnlyOf("The president threatened to block the appointment of the Danish candidate.",
                     "en", "THREATEN")
                  .targets.empty());
  EXPECT_EQ(TargetText(OnlyOf("The president threatened to expel the Danish ambassador.", "en",
                              "THREATEN")),
            "Danish ambassador");
  EXPECT_TRUE(OnlyOf("De minister dreigde de grenzen voor Afghaanse vluchtelingen te sluiten.",
                     "nl", "THREATEN")
                  .targets.empty());
  EXPECT_EQ(TargetText(OnlyOf("De minister dreigde de journalisten een boete op te leggen.", "nl",
                              "THREATEN")),
            "journalisten");
}

// "Volgens X", "according to X": X is the speaker, the actor follows.
TEST(EventActors, AccordingToASpeaker) {
  const Event nl =
      OnlyOf("Volgens Rutte eiste Turkije een onafhankelijk onderzoek.", "nl", "REQUEST");
  ASSERT_EQ(nl.sources.size(), 1u);
  EXPECT_EQ(nl.sources[0].text, "Turkije");
  EXPECT_EQ(nl.modality, EventModality::kClaimed);
  const Event en =
      OnlyOf("According to Reuters, Turkey demanded an independent inquiry.", "en", "REQUEST");
  ASSERT_EQ(en.sources.size(), 1u);
  EXPECT_EQ(en.sources[0].text, "Turkey");
}

// A dateline and wire credit ("LIMA (Reuters) -") name no actor.
TEST(EventActors, DatelineCredit) {
  const Event e = OnlyOf("LIMA (Reuters) - A car bomb exploded near a police station on Monday.",
                         "en", "ASSAULT");
  EXPECT_TRUE(e.sources.empty());
  for (const EventActor& a : e.targets) EXPECT_NE(a.text, "LIMA");
}

// "ontmoetten elkaar": the first meets the second, whatever the verb form.
TEST(EventActors, ReciprocalMeeting) {
  const Event e =
      OnlyOf("De ministers Lavrov en Pompeo ontmoetten elkaar in Sotsji.", "nl", "CONSULT");
  EXPECT_NE(SourceText(e).find("Lavrov"), std::string::npos);
  EXPECT_EQ(TargetText(e), "Pompeo");
}

// The object right after an accusing verb is its target, not a name later on.
TEST(EventActors, ObjectRightAfterTheVerb) {
  const Event e = OnlyOf("Washington beschuldigt de bank ervan het regime van Maduro te steunen.",
                         "nl", "ACCUSE");
  EXPECT_EQ(TargetText(e), "de bank");
}

// "their countries" after coordinated subjects refers back to them.
TEST(EventActors, TargetReferringBackToTheSources) {
  const Event e =
      OnlyOf("Chile and Peru agreed that their countries should share water.", "en", "AGREE");
  EXPECT_EQ(e.sources.size(), 2u);
  EXPECT_TRUE(e.targets.empty());
}

// German writes every noun with a capital: a noun phrase still opens the clause.
TEST(EventActors, GermanNounSubject) {
  const Event e = OnlyOf("Die Gewerkschaft fordert höhere Löhne.", "de", "REQUEST");
  EXPECT_EQ(SourceText(e), "Die Gewerkschaft");
}

// A capitalised opening that ends in an abbreviation's full stop ("U.S.")
// holds a punctuation word, whose lower-case form is empty: no name, no
// crash (it once read the first letter of the empty word).
TEST(EventActors, OpeningWithAnAbbreviationIsNoName) {
  for (const char* text :
       {"Year-to-date U.S. car sales declined 62 pct to 4,922 from 12,861 cars in the comparable "
        "period of 1986, the automaker said.",
        "U.S. Army troops attacked the village.", "Het U.S. Army bombardeerde het dorp.", "U.S.",
        "(AP) U.S. . , said"}) {
    for (const char* lang : {"en", "nl", "de"}) {
      const auto ev = EventsOf(text, lang);
      for (const Event& e : ev) {
        for (const EventActor& a : e.sources) EXPECT_LE(a.end, std::string_view(text).size());
      }
    }
  }
  const auto ev = EventsOf("U.S. Army troops attacked the village.", "en");
  ASSERT_NE(FindType(ev, "ASSAULT"), nullptr) << (ev.empty() ? "" : Describe(ev[0]));
}

// The English verb table (data/events/event_verbs.tsv, from the CAMEO verb
// dictionary) gives verbs outside the hand-written lists their type; the
// hand lists win where both know a word.
TEST(EventVerbs, TableVerbsOutsideTheHandLists) {
  const events::VerbTable& table = events::EnglishVerbTable();
  EXPECT_GT(table.forms.size(), 1000u);
  ASSERT_TRUE(table.forms.contains("apprehended"));
  EXPECT_EQ(table.forms.at("apprehended")[0].type, "COERCE");
  EXPECT_FALSE(table.forms.contains("forces"));  // -s forms are mostly nouns
  const std::vector<Event> arrest_events =
      EventsOf("Border guards apprehended three smugglers near Tarifa on Monday.", "en");
  const Event* arrest = FindType(arrest_events, "COERCE");
  ASSERT_NE(arrest, nullptr);
  EXPECT_EQ(arrest->mode, "arrest");
  EXPECT_EQ(arrest->trigger, "apprehended");
  const std::vector<Event> stab_events =
      EventsOf("A man stabbed two guards at the checkpoint in Hebron.", "en");
  const Event* stab = FindType(stab_events, "ASSAULT");
  ASSERT_NE(stab, nullptr);
  EXPECT_EQ(stab->mode, "beat");
  // "accused" is in both: the hand list's ACCUSE/allege wins over the table's disapprove.
  const std::vector<Event> accuse_events =
      EventsOf("Iran accused Israel of sabotage at the Natanz plant.", "en");
  const Event* accuse = FindType(accuse_events, "ACCUSE");
  ASSERT_NE(accuse, nullptr);
  EXPECT_EQ(accuse->mode, "allege");
  // An infinitive of the table is a verb only after a modal or "to".
  EXPECT_TRUE(EventsOf("The fine was the largest in the history of the club.", "en").empty());
  // A participle after an article is an adjective.
  EXPECT_TRUE(EventsOf("The apprehended smugglers were Spanish.", "en").empty());
}

// Dutch synonyms and separable verbs of the hand lists.
TEST(EventVerbs, DutchSynonyms) {
  const std::vector<Event> stab_events =
      EventsOf("Een man stak zaterdag in Rotterdam een agent neer.", "nl");
  const Event* stab = FindType(stab_events, "ASSAULT");
  ASSERT_NE(stab, nullptr);
  EXPECT_EQ(stab->trigger, "stak");
  const std::vector<Event> arrest_events =
      EventsOf("De politie heeft in Gent drie verdachten vastgezet.", "nl");
  const Event* arrest = FindType(arrest_events, "COERCE");
  ASSERT_NE(arrest, nullptr);
  EXPECT_EQ(arrest->mode, "arrest");
}

// The word sets that replaced linear scans answer as the lists did.
TEST(EventWords, WordAndStemSets) {
  const events::WordSet set{"de", "het", "the"};
  EXPECT_TRUE(set.contains("het"));
  EXPECT_FALSE(set.contains("he"));
  EXPECT_FALSE(set.contains(""));
  const events::StemSet stems{"troep", "soldat"};
  EXPECT_TRUE(stems.Prefixes("troepen"));
  EXPECT_TRUE(stems.Prefixes("soldaten"));
  EXPECT_FALSE(stems.Prefixes("tro"));
  events::Word send;
  send.lower = "stuurde";
  EXPECT_TRUE(events::IsSendVerb(send));
  send.lower = "stuurs";
  EXPECT_FALSE(events::IsSendVerb(send));
}

// A name that opens with a nationality adjective is an organisation of
// that country ("Palestinian Islamic Jihad").
TEST(EventActors, NameOpeningWithADemonymHasItsCountry) {
  const Event e =
      OnlyOf("The Serbian Farmers Union rejected the new land tax on Monday.", "en", "REJECT");
  ASSERT_FALSE(e.sources.empty()) << Describe(e);
  EXPECT_EQ(e.sources[0].country, "RS") << Describe(e);
}

// A participle after a comma, or a verb after "but" with an auxiliary,
// shares the clause's subject even when no event comes before it.
TEST(EventActors, SecondPredicateTakesTheClauseSubject) {
  const Event demand = OnlyOf(
      "Thousands of students filled Shahbag Square in Dhaka, demanding the resignation of the "
      "minister.",
      "en", "REQUEST");
  EXPECT_EQ(SourceText(demand), "students") << Describe(demand);
  const Event refuse = OnlyOf(
      "Chad opened its border to refugees from Sudan but was still refusing entry to Libyans.",
      "en", "REJECT");
  EXPECT_EQ(SourceText(refuse), "Chad") << Describe(refuse);
}

// "sanctions on Iran", "an attack on Israel": the country after "on" is
// the target, not a topic ("talks on Libya").
TEST(EventActors, ActAimedAtACountry) {
  const Event e =
      OnlyOf("The European Union imposed sanctions on Belarus on Monday.", "en", "SANCTION");
  EXPECT_EQ(TargetText(e), "Belarus") << Describe(e);
}

// "military" before a noun is an adjective ("military equipment"), no actor.
TEST(EventActors, MilitaryAsAnAdjective) {
  const Event e = OnlyOf("Japan is providing military equipment to Ukraine.", "en", "AID");
  EXPECT_EQ(TargetText(e), "Ukraine") << Describe(e);
}

// A name after "after", "as", "while" belongs to a background clause: it is
// no object of the verb before it.
TEST(EventActors, NoTargetInABackgroundClause) {
  const Event e =
      OnlyOf("Turkish aircraft struck several villages on Monday after rebels crossed the border.",
             "en", "ASSAULT");
  EXPECT_TRUE(e.targets.empty()) << Describe(e);
  EXPECT_EQ(SourceText(e), "Turkish aircraft") << Describe(e);
}

// "in the Central African Republic": a name after a locative preposition
// and an article is where, not who.
TEST(EventActors, LocativeWithAnArticle) {
  const Event e = OnlyOf("Armed groups in the Ivory Coast agreed to a truce.", "en", "AGREE");
  EXPECT_EQ(SourceText(e), "groups") << Describe(e);
}

// ", the White House announced": a place that speaks closes the sentence; it
// is not where the event happened.
TEST(EventActors, ReportingPlaceIsNoPlace) {
  const Event e =
      OnlyOf("Chile and Peru signed a trade pact, the White House announced.", "en", "SUPPORT");
  EXPECT_FALSE(e.has_place) << Describe(e);
}

// "Russian Foreign Ministry spokeswoman Maria Zakharova": the group nouns
// before the title only qualify it; the person named is the actor, with the
// country of the demonym before the title.
TEST(EventActors, TitleBeforeANameGivesItsCountry) {
  const Event e =
      OnlyOf("Kenyan Foreign Ministry spokesman Peter Omondi rejected the report.", "en", "REJECT");
  ASSERT_FALSE(e.sources.empty()) << Describe(e);
  EXPECT_NE(e.sources[0].text.find("Omondi"), std::string::npos) << Describe(e);
  EXPECT_EQ(e.sources[0].country, "KE") << Describe(e);
}

}  // namespace
}  // namespace dateline
