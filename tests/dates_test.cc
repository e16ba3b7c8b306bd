// Tests of the temporal tagger (include/dateline/dates.h).
#include "dateline/dates.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

#include "dates_test_util.h"

namespace dateline {
namespace {

using datetest::D;
using datetest::Find;
using datetest::Type;
using datetest::Value;

TEST(Dates, DutchLibyaStory) {
  const char* text =
      "Haftar rukt op naar Tripoli\n\n"
      "Donderdag rukte Haftar op naar het zuiden van de hoofdstad. Zaterdag werden de gevechten "
      "hervat. "
      "De VN-conferentie begint op vrijdag in Ghadames en duurt van 14 tot en met 16 april.";
  auto v = FindDates(text, "nl", D("2019-04-06"));
  const TimeExpr* thu = Find(v, "Donderdag");
  ASSERT_NE(thu, nullptr);
  EXPECT_EQ(thu->value, "2019-04-04");
  EXPECT_EQ(thu->type, "DATE");
  EXPECT_EQ(thu->precision, "day");
  EXPECT_EQ(thu->anchor, "dct:2019-04-06");
  EXPECT_NE(thu->rule.find("past"), std::string::npos);
  EXPECT_EQ(Find(v, "Zaterdag")->value, "2019-04-06");
  const TimeExpr* fri = Find(v, "vrijdag");
  ASSERT_NE(fri, nullptr);
  EXPECT_EQ(fri->value, "2019-04-12");
  const TimeExpr* range = Find(v, "14 tot en met 16 april");
  ASSERT_NE(range, nullptr);
  EXPECT_EQ(range->value, "2019-04-14");
  EXPECT_EQ(range->value_end, "2019-04-16");
  EXPECT_TRUE(range->has_span);
  EXPECT_EQ(range->last_day - range->first_day, 2);
  for (const TimeExpr& x : v) {
    EXPECT_EQ(std::string(text).substr(x.start, x.end - x.start), x.text);
  }
}

TEST(Dates, DutchFutureTense) {
  EXPECT_EQ(Value("De conferentie begint donderdag.", "nl", "2019-04-06", "donderdag"),
            "2019-04-11");
  EXPECT_EQ(Value("Gisteren vielen bommen op Tripoli.", "nl", "2019-04-06", "Gisteren"),
            "2019-04-05");
  EXPECT_EQ(Value("Het overleg wordt volgende week hervat.", "nl", "2019-04-06", "volgende week"),
            "2019-W15");
  EXPECT_EQ(
      Value("Drie dagen geleden begon het offensief.", "nl", "2019-04-06", "Drie dagen geleden"),
      "2019-04-03");
  EXPECT_EQ(Value("Medio april wordt een akkoord verwacht.", "nl", "2019-04-06", "Medio april"),
            "2019-04");
  EXPECT_EQ(Value("In de jaren negentig was het rustig.", "nl", "2019-04-06", "jaren negentig"),
            "199");
  EXPECT_EQ(Value("Het bestand werd op 6 april 2019 getekend.", "nl", "2019-04-08", "6 april 2019"),
            "2019-04-06");
  EXPECT_EQ(Value("De gevechten duurden drie weken.", "nl", "2019-04-08", "drie weken"), "P3W");
}

TEST(Dates, English) {
  EXPECT_EQ(Value("Haftar's forces advanced on Thursday.", "en", "2019-04-06", "Thursday"),
            "2019-04-04");
  EXPECT_EQ(Value("The talks will resume next Friday.", "en", "2019-04-06", "next Friday"),
            "2019-04-12");
  EXPECT_EQ(Value("Fighting broke out last Friday.", "en", "2019-04-06", "last Friday"),
            "2019-04-05");
  EXPECT_EQ(
      Value("The UN conference opens on April 14, 2019.", "en", "2019-04-06", "April 14, 2019"),
      "2019-04-14");
  EXPECT_EQ(Value("Oil prices rose in mid-April.", "en", "2019-05-06", "mid-April"), "2019-04");
  EXPECT_EQ(Value("Profits fell in the third quarter.", "en", "2019-11-06", "the third quarter"),
            "2019-Q3");
  EXPECT_EQ(Value("Sales fell two years ago.", "en", "2019-11-06", "two years ago"), "2017");
  EXPECT_EQ(Value("He has lived there for the past three years.", "en", "2019-11-06",
                  "the past three years"),
            "P3Y");
  EXPECT_EQ(Value("The paper is published daily.", "en", "2019-11-06", "daily"), "P1D");
  EXPECT_EQ(Value("The militia was founded in the 1990s.", "en", "2019-11-06", "the 1990s"), "199");
  EXPECT_EQ(Value("He spoke at 5 p.m. on Monday.", "en", "2019-04-06", "5 p.m. on Monday"),
            "2019-04-01T17:00");
}

TEST(Dates, German) {
  EXPECT_EQ(Value("Am Donnerstag rückten die Truppen vor.", "de", "2019-04-06", "Donnerstag"),
            "2019-04-04");
  EXPECT_EQ(Value("Die Konferenz beginnt am 14. April.", "de", "2019-04-06", "14. April"),
            "2019-04-14");
  EXPECT_EQ(Value("Gestern wurde in Tripolis gekämpft.", "de", "2019-04-06", "Gestern"),
            "2019-04-05");
  EXPECT_EQ(Value("Die Gespräche finden vom 14. bis 16. April statt.", "de", "2019-04-06",
                  "14. bis 16. April"),
            "2019-04-14");
  EXPECT_EQ(Value("Vor drei Jahren begann der Krieg.", "de", "2019-04-06", "Vor drei Jahren"),
            "2016");
  EXPECT_EQ(Value("Mitte April wird gewählt.", "de", "2019-03-06", "Mitte April"), "2019-04");
}

TEST(Dates, French) {
  EXPECT_EQ(
      Value("Vendredi dernier, les combats ont repris.", "fr", "2019-04-06", "Vendredi dernier"),
      "2019-04-05");
  EXPECT_EQ(
      Value("La conférence aura lieu du 14 au 16 avril.", "fr", "2019-04-06", "14 au 16 avril"),
      "2019-04-14");
  EXPECT_EQ(Value("Hier, l'armée a avancé.", "fr", "2019-04-06", "Hier"), "2019-04-05");
  EXPECT_EQ(Value("La semaine prochaine, les ministres se réuniront.", "fr", "2019-04-06",
                  "semaine prochaine"),
            "2019-W15");
  EXPECT_EQ(
      Value("Il y a trois ans, la guerre a commencé.", "fr", "2019-04-06", "Il y a trois ans"),
      "2016");
  EXPECT_EQ(Value("Les élections auront lieu mi-avril.", "fr", "2019-03-06", "mi-avril"),
            "2019-04");
}

TEST(Dates, Spanish) {
  EXPECT_EQ(Value("El pasado lunes, Haftar lanzó la ofensiva.", "es", "2019-04-06", "pasado lunes"),
            "2019-04-01");
  EXPECT_EQ(
      Value("La conferencia será del 14 al 16 de abril.", "es", "2019-04-06", "14 al 16 de abril"),
      "2019-04-14");
  EXPECT_EQ(Value("Ayer murieron veinte personas.", "es", "2019-04-06", "Ayer"), "2019-04-05");
  EXPECT_EQ(
      Value("Hace dos semanas comenzaron los combates.", "es", "2019-04-06", "Hace dos semanas"),
      "2019-W12");
  EXPECT_EQ(
      Value("Las tropas llegaron el 4 de abril de 2019.", "es", "2019-04-06", "4 de abril de 2019"),
      "2019-04-04");
}

TEST(Dates, Italian) {
  EXPECT_EQ(Value("Venerdì scorso le milizie sono entrate in città.", "it", "2019-04-06",
                  "Venerdì scorso"),
            "2019-04-05");
  EXPECT_EQ(Value("Tre giorni fa è iniziata l'offensiva.", "it", "2019-04-06", "Tre giorni fa"),
            "2019-04-03");
  EXPECT_EQ(
      Value("La conferenza si terrà dal 14 al 16 aprile.", "it", "2019-04-06", "14 al 16 aprile"),
      "2019-04-14");
  EXPECT_EQ(Value("Ieri sono morte dieci persone.", "it", "2019-04-06", "Ieri"), "2019-04-05");
}

TEST(Dates, Arabic) {
  EXPECT_EQ(Value("وقعت الاشتباكات يوم الخميس في طرابلس", "ar", "2019-04-06", "الخميس"),
            "2019-04-04");
  EXPECT_EQ(Value("قال المتحدث امس ان القوات تقدمت", "ar", "2019-04-06", "امس"), "2019-04-05");
}

TEST(Dates, NotDates) {
  auto none = [](const char* text, const char* lang) {
    auto v = FindDates(text, lang, D("2019-04-06"));
    std::string found;
    for (auto& x : v) found += "[" + x.text + "]";
    return found;
  };
  EXPECT_EQ(none("Het einde van de 42-jarige dictatuur van Kadhafi.", "nl"), "");
  EXPECT_EQ(none("A 42-year-old man was arrested.", "en"), "");
  EXPECT_EQ(none("Ajax won met 3-1 van PSV.", "nl"), "");
  EXPECT_EQ(none("Zie pagina 2019 van het rapport.", "nl"), "");
  EXPECT_EQ(none("See page 12 and page 1998 of the report.", "en"), "");
  EXPECT_EQ(none("Un homme de 42 ans a été arrêté.", "fr"), "");
  EXPECT_EQ(none("Un hombre de 42 años fue detenido.", "es"), "");
  EXPECT_EQ(none("De man is 42 jaar oud.", "nl"), "");
  EXPECT_EQ(none("Ongeveer 2000 mensen vluchtten.", "nl"), "");
  EXPECT_EQ(none("They may march on the capital.", "en"), "");
  // A time of day alone in a headline is not a date.
  EXPECT_EQ(none("Explosie in Tripoli om 14.30 uur\n\nEr vielen geen doden.", "nl"), "");
}

TEST(Dates, MonthPrecisionDocumentDate) {
  // Publication date known only to the month: absolute dates resolve, relative
  // days keep the month and a range.
  auto v = FindDates("Donderdag rukte Haftar op naar Tripoli.", "nl", D("2019-04"));
  const TimeExpr* thu = Find(v, "Donderdag");
  ASSERT_NE(thu, nullptr);
  EXPECT_EQ(thu->value, "2019-04");
  EXPECT_EQ(thu->precision, "month");
  EXPECT_EQ(thu->anchor, "dct:2019-04");
  EXPECT_TRUE(thu->has_span);
  EXPECT_EQ(Value("Het bestand werd op 6 april getekend.", "nl", "2019-04", "6 april"),
            "2019-04-06");
  // The text names the publication day: "vandaag, zaterdag" narrows April 2019 to its Saturdays;
  // a past-tense date of 5 April narrows it further to 6 April.
  auto w = FindDates(
      "Op vrijdag 5 april werd Tripoli gebombardeerd. Vandaag, zaterdag, is het rustig. Donderdag "
      "rukte Haftar op.",
      "nl", D("2019-04"));
  const TimeExpr* t2 = Find(w, "Donderdag");
  ASSERT_NE(t2, nullptr);
  EXPECT_EQ(t2->value, "2019-04-04");
  EXPECT_EQ(t2->anchor, "dct-inferred:2019-04-06");
}

TEST(Dates, UnknownDocumentDate) {
  auto v = FindDates("Donderdag rukte Haftar op.", "nl", Date{0, 0, 0, Date::Precision::kYear});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].value, "XXXX-WXX-4");
}

TEST(Dates, Determinism) {
  const char* text =
      "Donderdag rukte Haftar op. Op vrijdag begint de conferentie, van 14 tot en met 16 april.";
  auto a = FindDates(text, "nl", D("2019-04-06"));
  for (int k = 0; k < 5; ++k) {
    auto b = FindDates(text, "nl", D("2019-04-06"));
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].start, b[i].start);
      EXPECT_EQ(a[i].end, b[i].end);
      EXPECT_EQ(a[i].value, b[i].value);
      EXPECT_EQ(a[i].rule, b[i].rule);
      EXPECT_EQ(a[i].anchor, b[i].anchor);
    }
  }
}

TEST(Dates, ValueSpan) {
  int32_t f, l;
  ASSERT_TRUE(TimeValueSpan("2019-W14", &f, &l));
  EXPECT_EQ(f, DaysFromCivil(2019, 4, 1));
  EXPECT_EQ(l, DaysFromCivil(2019, 4, 7));
  ASSERT_TRUE(TimeValueSpan("2019-04", &f, &l));
  EXPECT_EQ(l - f, 29);
  ASSERT_TRUE(TimeValueSpan("2019-04-04T14:30", &f, &l));
  EXPECT_EQ(f, l);
  ASSERT_TRUE(TimeValueSpan("201", &f, &l));
  EXPECT_EQ(f, DaysFromCivil(2010, 1, 1));
  EXPECT_FALSE(TimeValueSpan("P3D", &f, &l));
  EXPECT_FALSE(TimeValueSpan("XXXX-04", &f, &l));
  EXPECT_FALSE(TimeValueSpan("PRESENT_REF", &f, &l));
}

TEST(Dates, PluralUnitsAreDurations) {
  // "the coming weeks" is some weeks, not next week (TimeML: PXW); "next week" stays a date.
  auto v =
      FindDates("Talks will continue in the coming weeks, and next week.", "en", D("2019-04-06"));
  const TimeExpr* w = Find(v, "coming weeks");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->type, "DURATION");
  EXPECT_EQ(w->value, "PXW");
  EXPECT_EQ(Value("Talks will continue next week.", "en", "2019-04-06", "next week"), "2019-W15");
  EXPECT_EQ(Value("In de komende maanden wordt gestemd.", "nl", "2019-04-06", "komende maanden"),
            "PXM");
  EXPECT_EQ(
      Value("Les prix ont baissé la semaine dernière.", "fr", "2019-04-06", "semaine dernière"),
      "2019-W13");
}

// The tokenizer's fast paths (words folded in place, joined words, compounds,
// words that start patterns only in some contexts) give what the rules say.
TEST(Dates, TokenizerPaths) {
  EXPECT_EQ(Value("Le week-end dernier, rien.", "fr", "2019-04-06", "week-end dernier"),
            "2019-W13-WE");
  EXPECT_EQ(Value("Aujourd'hui, la ville est calme.", "fr", "2019-04-06", "Aujourd'hui"),
            "2019-04-06");
  EXPECT_EQ(Value("Aujourd’hui, la ville est calme.", "fr", "2019-04-06", "Aujourd’hui"),
            "2019-04-06");
  EXPECT_EQ(Value("Avant-hier, l'armée a avancé.", "fr", "2019-04-06", "Avant-hier"), "2019-04-04");
  EXPECT_EQ(Value("Donderdagavond vielen bommen.", "nl", "2019-04-06", "Donderdagavond"),
            "2019-04-04TEV");
  EXPECT_EQ(Value("Am Freitagabend wurde gekämpft.", "de", "2019-04-06", "Freitagabend"),
            "2019-04-05TEV");
  EXPECT_EQ(Value("SALES FELL IN THE THIRD QUARTER.", "en", "2019-11-06", "THE THIRD QUARTER"),
            "2019-Q3");
  EXPECT_EQ(Value("Profits rose in Q3.", "en", "2019-11-06", "Q3"), "2019-Q3");
  EXPECT_EQ(Value("The plant closed a few years ago.", "en", "2019-11-06", "a few years ago"),
            "PAST_REF");
  EXPECT_EQ(Value("The deal closes in two weeks.", "en", "2019-11-06", "two weeks"), "P2W");
  EXPECT_EQ(Value("Il pleut tous les jours.", "fr", "2019-11-06", "tous les jours"), "P1D");
  EXPECT_EQ(Value("Il y a trois ans, rien.", "fr", "2019-04-06", "Il y a trois ans"), "2016");
  EXPECT_EQ(Value("Sales fell in the past.", "en", "2019-04-06", "the past"), "PAST_REF");
  EXPECT_EQ(Value("It was busy over the weekend.", "en", "2019-04-06", "the weekend"),
            "2019-W14-WE");
  // "the", "a", "in" start nothing without a unit or quarter after them.
  EXPECT_TRUE(FindDates("the cat sat in a hat", "en", D("2019-04-06")).empty());
  // Arabic: alef variants folded; a word that folding leaves unchanged.
  EXPECT_EQ(Value("وقعت الاشتباكات الأحد في طرابلس", "ar", "2019-04-06", "الأحد"), "2019-03-31");
  EXPECT_EQ(Value("قال المتحدث أمس ان القوات تقدمت", "ar", "2019-04-06", "أمس"), "2019-04-05");
}

// Buffers are reused per thread: a long text, then a short one, then many threads
// at once give the same answers as a fresh call.
TEST(Dates, ReusedBuffersAndThreads) {
  std::string big;
  for (int k = 0; k < 2000; ++k) big += "Donderdag rukte Haftar op naar Tripoli. ";
  EXPECT_EQ(FindDates(big, "nl", D("2019-04-06")).size(), 2000u);
  const char* text = "Donderdag rukte Haftar op. Op vrijdag begint de conferentie.";
  auto want = FindDates(text, "nl", D("2019-04-06"));
  ASSERT_EQ(want.size(), 2u);
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 200; ++k) {
        auto got = FindDates(k % 2 ? text : big.substr(0, 400), "nl", D("2019-04-06"));
        if (k % 2 && got.size() == 2 && got[0].value == want[0].value &&
            got[1].value == want[1].value)
          ++ok[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(ok[t], 100);
}

TEST(Dates, Fuzz) {
  std::mt19937 rng(12345);
  const std::vector<std::string> pieces = {
      "14",      " ",     "-",     "tot en met",   "april",  "April",   "Donderdag", ".",
      "\n",      "2019",  "'",     "90",           "s",      "jaren",   "van",       "mid",
      "é",       "\xC3",  "\xFF",  "\xE2\x80\x93", "12:30",  "p.m.",    "de",        "el",
      "pasado",  "lunes", "vor",   "drei",         "Jahren", "il",      "y",         "a",
      "ans",     "/",     "0",     "31",           "Q",      "3",       "the",       "third",
      "quarter", "ago",   "years", "يوم",          "الخميس", "١٢",      ",",         "t/m",
      "jarige",  "every", "week",  "fall",         "la",     "semaine", "dernière"};
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) {
      if (rng() % 5 == 0)
        s += static_cast<char>(rng() % 256);
      else
        s += pieces[rng() % pieces.size()];
      if (rng() % 3 == 0) s += ' ';
    }
    static const char* const langs[] = {"nl", "en", "de", "fr", "es", "it", "ar", "xx", ""};
    static const char* const dcts[] = {"2019-04-06", "2019-04", "2019", "1999-12-31", "2020-02-29"};
    auto v = FindDates(s, langs[rng() % 9], D(dcts[rng() % 5]));
    uint32_t prev_end = 0;
    for (const TimeExpr& x : v) {
      ASSERT_LT(x.start, x.end);
      ASSERT_LE(x.end, s.size());
      ASSERT_GE(x.start, prev_end);
      ASSERT_EQ(x.text, s.substr(x.start, x.end - x.start));
      ASSERT_FALSE(x.value.empty()) << s;
      prev_end = x.end;
    }
  }
}

// ---- Tense of the clause that governs the expression (doc/dates.md "Resolution") ----

TEST(Dates, FuturePointingWordsOutweighAReportingVerb) {
  // Modals of plan and obligation point to the future whatever the reporting tense.
  EXPECT_EQ(
      Value("The union said it planned to strike on Thursday.", "en", "2019-04-06", "Thursday"),
      "2019-04-11");
  EXPECT_EQ(Value("The group would be ready to leave as soon as Tuesday, the minister said.", "en",
                  "2019-04-06", "Tuesday"),
            "2019-04-09");
  EXPECT_EQ(Value("De minister zei dat de conferentie vrijdag moet beginnen.", "nl", "2019-04-06",
                  "vrijdag"),
            "2019-04-12");
  EXPECT_EQ(Value("Die Regierung teilte mit, die Konferenz soll am Freitag beginnen.", "de",
                  "2019-04-06", "Freitag"),
            "2019-04-12");
  EXPECT_EQ(Value("Le ministre a dit que la conférence doit commencer vendredi.", "fr",
                  "2019-04-06", "vendredi"),
            "2019-04-12");
  EXPECT_EQ(Value("El ministro dijo que la conferencia debe empezar el viernes.", "es",
                  "2019-04-06", "viernes"),
            "2019-04-12");
  EXPECT_EQ(Value("Il ministro ha detto che la conferenza deve iniziare venerdì.", "it",
                  "2019-04-06", "venerdì"),
            "2019-04-12");
}

TEST(Dates, ParticiplesAndPastPerfectPlans) {
  // "announced" after "will be" is a participle, not a past cue.
  EXPECT_EQ(Value("The winner will be announced on Friday.", "en", "2019-04-06", "Friday"),
            "2019-04-12");
  EXPECT_EQ(Value("The report will be sent to parliament on Friday.", "en", "2019-04-06", "Friday"),
            "2019-04-12");
  // A plan in the past perfect did not happen as planned: the Friday before.
  EXPECT_EQ(Value("The offer had been scheduled to expire Friday.", "en", "2019-04-10", "Friday"),
            "2019-04-05");
  // The possessive of a weekday names an event already reported.
  EXPECT_EQ(Value("Relatives said they would appeal Wednesday's ruling.", "en", "2019-04-06",
                  "Wednesday"),
            "2019-04-03");
}

TEST(Dates, DayMonthAheadInPastTenseSentence) {
  // A past-tense sentence moves a day-month to the year before only when it would
  // lie more than four months ahead: "payable Dec. 15" is a coming date.
  EXPECT_EQ(
      Value("The company declared a dividend payable Dec. 15.", "en", "2019-10-30", "Dec. 15"),
      "2019-12-15");
  EXPECT_EQ(
      Value("The company declared a dividend payable June 15.", "en", "2019-01-30", "June 15"),
      "2018-06-15");
  EXPECT_EQ(Value("Het bedrijf maakte bekend dat het dividend op 15 december volgde.", "nl",
                  "2019-10-30", "15 december"),
            "2019-12-15");
  EXPECT_EQ(Value("Das Unternehmen erklärte, die Dividende folgte am 15. Dezember.", "de",
                  "2019-10-30", "15. Dezember"),
            "2019-12-15");
}

TEST(Dates, FullMonthNameEndsASentence) {
  // "December." is no abbreviation: the next sentence's perfect does not count.
  EXPECT_EQ(Value("Collins will command a mission in December. She has flown before.", "en",
                  "1998-03-04", "December"),
            "1998-12");
}

TEST(Dates, WeekdayDateBeforeAColon) {
  auto v = FindDates("The Times said in an editorial on Monday, Oct. 26: the law is clear.", "en",
                     D("1998-10-25"));
  const TimeExpr* x = Find(v, "Monday, Oct. 26");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->value, "1998-10-26");
}

TEST(Dates, RecentUnitsAreDurations) {
  auto v = FindDates("Prices rose in recent years.", "en", D("2019-04-06"));
  const TimeExpr* x = Find(v, "recent years");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->type, "DURATION");
  EXPECT_EQ(x->value, "PXY");
}

TEST(Dates, FrequencyAdjectivesAreNoSets) {
  EXPECT_EQ(Value("It raised its quarterly dividend.", "en", "2019-04-06", "quarterly"), "<none>");
  EXPECT_EQ(Value("The annual meeting was held.", "en", "2019-04-06", "annual"), "<none>");
  EXPECT_EQ(Value("Het jaarlijks congres begon.", "nl", "2019-04-06", "jaarlijks"), "<none>");
  EXPECT_EQ(Value("Dividends are paid quarterly.", "en", "2019-04-06", "quarterly"), "P3M");
  EXPECT_EQ(Value("Het congres wordt jaarlijks in Gent gehouden.", "nl", "2019-04-06", "jaarlijks"),
            "P1Y");
}

TEST(Dates, YearsAsModifiersAndInRanges) {
  EXPECT_EQ(Value("Investors fled after the 1987 crash.", "en", "2019-04-06", "1987"), "1987");
  EXPECT_EQ(Value("It hurt the company's 1989 operating results.", "en", "2019-04-06", "1989"),
            "1989");
  EXPECT_EQ(Value("Doctors left between 1982 and 1992.", "en", "2019-04-06", "1982"), "1982");
  EXPECT_EQ(Value("The 2000 people left.", "en", "2019-04-06", "2000"), "<none>");
  EXPECT_EQ(Value("The 1990 votes were counted.", "en", "2019-04-06", "1990"), "<none>");
}

TEST(Dates, LastNight) {
  const char* dct = "2019-04-06";
  EXPECT_EQ(Value("Last night the army attacked.", "en", dct, "Last night"), "2019-04-05TNI");
  EXPECT_EQ(Value("Afgelopen nacht viel het leger aan.", "nl", dct, "Afgelopen nacht"),
            "2019-04-05TNI");
  EXPECT_EQ(Value("Letzte Nacht griff die Armee an.", "de", dct, "Letzte Nacht"), "2019-04-05TNI");
  EXPECT_EQ(Value("La nuit dernière, l'armée a attaqué.", "fr", dct, "nuit dernière"),
            "2019-04-05TNI");
  EXPECT_EQ(Value("La noche pasada el ejército atacó.", "es", dct, "noche pasada"),
            "2019-04-05TNI");
  EXPECT_EQ(Value("La notte scorsa l'esercito ha attaccato.", "it", dct, "notte scorsa"),
            "2019-04-05TNI");
}

TEST(Dates, TheYear) {
  const char* dct = "2019-04-06";
  EXPECT_EQ(Value("Prices rose later in the year.", "en", dct, "the year"), "2019");
  EXPECT_EQ(Value("De prijzen stegen in de loop van het jaar.", "nl", dct, "het jaar"), "2019");
  EXPECT_EQ(Value("Die Preise stiegen im Laufe des Jahres.", "de", dct, "des Jahres"), "2019");
  EXPECT_EQ(Value("Les prix ont augmenté au cours de l'année.", "fr", dct, "l'année"), "2019");
  EXPECT_EQ(Value("Los precios subieron a lo largo del año.", "es", dct, "año"), "2019");
  EXPECT_EQ(Value("I prezzi sono aumentati nel corso dell'anno.", "it", dct, "anno"), "2019");
  // A fiscal year named by its end is a year-long duration; "the year before" is no date.
  EXPECT_EQ(Value("For the year ended Sept. 30, it earned more.", "en", dct, "the year"), "P1Y");
  EXPECT_EQ(Value("Prices rose the year before he left.", "en", dct, "the year"), "<none>");
}

TEST(Dates, SpokenYears) {
  EXPECT_EQ(Value("Atlanta, nineteen ninety-six: a bomb exploded.", "en", "1998-02-27",
                  "nineteen ninety-six"),
            "1996");
  EXPECT_EQ(Value("It happened in January nineteen ninety-seven.", "en", "1998-02-27",
                  "January nineteen ninety-seven"),
            "1997-01");
}

TEST(Dates, DeadlinesAndStartingPoints) {
  // 2000-04-03 is a Monday.
  const char* dct = "2000-04-03";
  EXPECT_EQ(Value("The agency gave the owners until Tuesday to reply.", "en", dct, "Tuesday"),
            "2000-04-04");
  EXPECT_EQ(Value("The hearing was postponed until Friday morning.", "en", dct, "Friday morning"),
            "2000-04-07TMO");
  EXPECT_EQ(
      Value("The band might arrive as soon as Thursday, organisers said.", "en", dct, "Thursday"),
      "2000-04-06");
  EXPECT_EQ(Value("Repairs must be finished by Friday, the mayor said.", "en", dct, "Friday"),
            "2000-04-07");
  // A past perfect in the sentence keeps the deadline in the past.
  EXPECT_EQ(Value("Until Thursday, the club had not named a coach.", "en", dct, "Thursday"),
            "2000-03-30");
  EXPECT_EQ(Value("The river has risen since Saturday.", "en", dct, "Saturday"), "2000-04-01");
  EXPECT_EQ(Value("Der Pegel steigt seit Samstag.", "de", dct, "Samstag"), "2000-04-01");
  EXPECT_EQ(Value("Die Straße bleibt bis Freitag gesperrt.", "de", dct, "Freitag"), "2000-04-07");
  // "may" the modal points ahead; "would have" back; an -ed adjective is no past cue.
  EXPECT_EQ(Value("The board may vote on Wednesday.", "en", dct, "Wednesday"), "2000-04-05");
  EXPECT_EQ(
      Value("The payout would come on an unspecified day in June.", "en", "1999-10-26", "June"),
      "2000-06");
}

TEST(Dates, QuartersOfNamedYears) {
  const char* dct = "1999-10-27";
  auto v = FindDates(
      "Profit in the third quarter doubled. In the 1998 third quarter the firm lost money. "
      "Sales for this year's second quarter were flat, and last year's quarter was weak. "
      "Next year's first half looks better.",
      "en", D(dct));
  auto val = [&](const char* t) {
    const TimeExpr* x = Find(v, t);
    return x ? x->value : std::string("<none>");
  };
  EXPECT_EQ(val("the third quarter"), "1999-Q3");
  EXPECT_EQ(val("the 1998 third quarter"), "1998-Q3");
  EXPECT_EQ(val("this year's second quarter"), "1999-Q2");
  EXPECT_EQ(val("last year's quarter"), "1998-Q2");  // the quarter last named
  EXPECT_EQ(val("Next year's first half"), "2000-H1");
  EXPECT_EQ(Value("Profit rose in the third quarter. In the year-earlier quarter it broke even.",
                  "en", dct, "the year-earlier quarter"),
            "1998-Q3");
  // "a year-earlier loss" is the adjective, not the duration "a year"
  EXPECT_EQ(Value("The third-quarter loss compares with a year-earlier loss.", "en", dct, "a year"),
            "<none>");
}

TEST(Dates, HalvesRatesAndEventRelativeDurations) {
  const char* dct = "2000-04-03";
  EXPECT_EQ(Value("The refugees stayed for 2 1/2 years.", "en", dct, "2 1/2 years"), "P2Y6M");
  EXPECT_EQ(Value("The talks lasted an hour and a half.", "en", dct, "an hour and a half"),
            "PT1H30M");
  EXPECT_EQ(Value("It took one and a half years to build.", "en", dct, "one and a half years"),
            "P1Y6M");
  // A rate is no duration.
  EXPECT_EQ(Value("The plant saves $3 million a year.", "en", dct, "a year"), "<none>");
  EXPECT_EQ(Value("The airline flies four flights a week.", "en", dct, "a week"), "<none>");
  EXPECT_EQ(Value("He waited a year for the visa.", "en", dct, "a year"), "P1Y");
  // A fraction is no duration either.
  EXPECT_EQ(Value("The island imports three-quarters of its rice.", "en", dct, "three-quarters"),
            "<none>");
  EXPECT_EQ(Value("Sales rose in the first three quarters of the year.", "en", dct,
                  "the first three quarters"),
            "P9M");
  // Days later/earlier count from an event of the story, not from the document date.
  EXPECT_EQ(Value("Three days later the ferry sank.", "en", dct, "Three days"), "P3D");
  EXPECT_EQ(Value("Two years earlier the ferry sank.", "en", dct, "Two years earlier"), "1998");
  // "the past year" is the year before, "the past decade" a stretch up to now.
  EXPECT_EQ(Value("Prices fell in the past year.", "en", dct, "the past year"), "1999");
  EXPECT_EQ(Value("Prices fell over the past decade.", "en", dct, "the past decade"), "P10Y");
}

TEST(Dates, Holidays) {
  const char* dct = "2000-01-07";
  EXPECT_EQ(Value("The boy was rescued on Thanksgiving Day.", "en", dct, "Thanksgiving Day"),
            "1999-11-25");
  EXPECT_EQ(Value("The family met last Christmas.", "en", "2000-06-01", "last Christmas"),
            "1999-12-25");
  EXPECT_EQ(Value("The protest is planned for Easter Sunday.", "en", dct, "Easter Sunday"),
            "2000-04-23");
  EXPECT_EQ(Value("Crowds gathered during Easter week.", "en", "2000-04-26", "Easter week"),
            "2000-W16");
  EXPECT_EQ(Value("He left on New Year's Eve.", "en", dct, "New Year's Eve"), "1999-12-31");
  EXPECT_EQ(Value("Het concert is op Kerstmis.", "nl", "2019-11-02", "Kerstmis"), "2019-12-25");
  EXPECT_EQ(Value("Ostern war ruhig.", "de", "2019-05-01", "Ostern"), "2019-04-21");
  EXPECT_EQ(Value("The ship reached Christmas Island.", "en", dct, "Christmas"), "<none>");
}

TEST(Dates, DatesRelativeToTheLastMention) {
  const char* dct = "1998-04-18";
  auto v = FindDates("The plant opened in 1995 and closed the following year.", "en", D(dct));
  const TimeExpr* x = Find(v, "the following year");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->value, "1996");
  EXPECT_EQ(x->anchor, "expr:20");  // "1995"
  EXPECT_EQ(Value("The firm was sold in March. The following month it closed.", "en", dct,
                  "The following month"),
            "1998-04");
  EXPECT_EQ(
      Value("The storm hit in 1952. Later that year the dam broke.", "en", dct, "Later that year"),
      "1952");
  EXPECT_EQ(Value("On Tuesday the ship sank. The previous day it had left port.", "en", dct,
                  "The previous day"),
            "1998-04-13");
  // Without an earlier date: the document date, and no "that day" at all.
  EXPECT_EQ(Value("Nothing happened the following week.", "en", dct, "the following week"),
            "1998-W17");
  EXPECT_EQ(Value("It rained in 1987. That day was sad.", "en", dct, "That day"), "<none>");
}

TEST(Dates, ClockTimesWithZonesAndMonthDays) {
  const char* dct = "1998-08-08";  // a Saturday
  EXPECT_EQ(Value("The blast came at 10:35 a.m. (0735 GMT) Friday.", "en", dct,
                  "10:35 a.m. (0735 GMT) Friday"),
            "1998-08-07T10:35");
  EXPECT_EQ(Value("The offer expires at 5 p.m. EST, Aug. 14.", "en", dct, "5 p.m. EST, Aug. 14"),
            "1998-08-14T17:00");
  EXPECT_EQ(Value("He was shot last Oct. 23 at home.", "en", "1999-04-19", "last Oct. 23"),
            "1998-10-23");
}

TEST(Dates, DecadeWordsModifiedYearsAndLongFirstLines) {
  const char* dct = "1998-02-12";
  EXPECT_EQ(Value("Membership fell through the nineties.", "en", dct, "the nineties"), "199");
  EXPECT_EQ(Value("She is in her forties.", "en", dct, "forties"), "<none>");
  EXPECT_EQ(Value("Prices peaked in mid-1996.", "en", dct, "mid-1996"), "1996");
  EXPECT_EQ(Value("We are ready for the year two thousand.", "en", dct, "the year two thousand"),
            "2000");
  // A bare time on a short first line (a headline) is left out; a first line that is a
  // whole paragraph is the story.
  EXPECT_EQ(Value("Blast at 7:15 p.m.\nNobody was hurt.", "en", dct, "7:15 p.m."), "<none>");
  EXPECT_EQ(Value("A blast shook the market hall in the old town on the eastern bank of the river, "
                  "where two men had parked a van loaded with gas cylinders and fuel cans, at "
                  "7:15 p.m., the police said.",
                  "en", dct, "7:15 p.m."),
            "1998-02-12T19:15");
}

TEST(Dates, EnglishPresentTenseSchedules) {
  const char* dct = "2019-04-03";  // a Wednesday
  // a present form in the clause is an arrangement ahead
  EXPECT_EQ(Value("The leaders meet Monday in Brussels.", "en", dct, "Monday"), "2019-04-08");
  EXPECT_EQ(Value("The two leaders will meet on Friday.", "en", dct, "Friday"), "2019-04-05");
  EXPECT_EQ(Value("The fair opens Friday and closes Sunday.", "en", dct, "Sunday"), "2019-04-07");
  EXPECT_EQ(Value("The final vote is Thursday.", "en", dct, "Thursday"), "2019-04-04");
  EXPECT_EQ(Value("Talks resume Monday, officials said.", "en", dct, "Monday"), "2019-04-08");
  EXPECT_EQ(Value("Officials said the hearings begin Tuesday.", "en", dct, "Tuesday"),
            "2019-04-09");
  // past forms still win, and a noun after an article is no verb
  EXPECT_EQ(Value("The ministers met Monday.", "en", dct, "Monday"), "2019-04-01");
  EXPECT_EQ(Value("The vote Monday ended in a tie.", "en", dct, "Monday"), "2019-04-01");
  EXPECT_EQ(Value("Reporters asked about the talks Monday.", "en", dct, "Monday"), "2019-04-01");
  // a closing quote after a full stop ends the sentence: its present form does not reach
  // into the next one
  EXPECT_EQ(Value("``That claim is false.'' Aides spoke on Tuesday.", "en", dct, "Tuesday"),
            "2019-04-02");
  // a verb of schedules also moves a month or a day ahead; "is"/"are" only a weekday
  EXPECT_EQ(Value("The current accord expires in October.", "en", dct, "October"), "2019-10");
  EXPECT_EQ(Value("The season begins August 1.", "en", dct, "August 1"), "2019-08-01");
  EXPECT_EQ(Value("Analysts said the December accord is still in force.", "en", dct, "December"),
            "2018-12");
  // midnight with a day is its end
  EXPECT_EQ(Value("The truce takes effect at midnight Sunday.", "en", dct, "midnight Sunday"),
            "2019-04-07T24:00");
}

TEST(Dates, EnglishSetsRatesAndOrdinals) {
  const char* dct = "2019-04-03";
  EXPECT_EQ(Value("Shares trade twice a week there.", "en", dct, "twice a week"), "P1W");
  EXPECT_EQ(Value("The board meets three times a year.", "en", dct, "three times a year"), "P1Y");
  EXPECT_EQ(Value("The museum is closed on Mondays.", "en", dct, "Mondays"), "XXXX-WXX-1");
  auto v = FindDates("Buses run late on Friday and Saturday nights.", "en", D(dct));
  ASSERT_NE(Find(v, "Friday"), nullptr);
  EXPECT_EQ(Find(v, "Friday")->value, "XXXX-WXX-5TNI");
  EXPECT_EQ(Find(v, "Friday")->type, "SET");
  EXPECT_EQ(Value("Buses run late on Friday and Saturday nights.", "en", dct, "Saturday nights"),
            "XXXX-WXX-6TNI");
  // rates and ordinals are no durations
  EXPECT_EQ(Value("Guards watch the gate 24 hours a day.", "en", dct, "24 hours"), "<none>");
  EXPECT_EQ(Value("A second convoy left the port.", "en", dct, "A second"), "<none>");
  EXPECT_EQ(Value("He paused for a second and went on.", "en", dct, "a second"), "PT1S");
  EXPECT_EQ(Value("Funds own more than a quarter of the market.", "en", dct, "more than a quarter"),
            "<none>");
  EXPECT_EQ(Value("It lasted a quarter of a century.", "en", dct, "a quarter"), "P3M");
  // a couple is two
  EXPECT_EQ(Value("Prices may rise over the next couple of years.", "en", dct,
                  "the next couple of years"),
            "P2Y");
  EXPECT_EQ(Value("He stayed a couple of weeks.", "en", dct, "a couple of weeks"), "P2W");
  // days of the month in words (transcripts)
  EXPECT_EQ(Value("The march was on March tenth.", "en", dct, "March tenth"), "2019-03-10");
  // the weekday next to a day and month decides the year
  EXPECT_EQ(Value("The march is on Sunday, March 10.", "en", dct, "Sunday, March 10"),
            "2019-03-10");
  EXPECT_EQ(Value("Polls close on May twenty-second.", "en", dct, "May twenty-second"),
            "2019-05-22");
}

TEST(Dates, EnglishYearsQuartersAndVagueFuture) {
  const char* dct = "1989-10-26";
  EXPECT_EQ(Value("Growth will slow in the second half of next year.", "en", dct,
                  "the second half of next year"),
            "1990-H2");
  EXPECT_EQ(Value("Profit rose in the third quarter of last year.", "en", dct,
                  "the third quarter of last year"),
            "1988-Q3");
  EXPECT_EQ(Value("Het verlies viel in het eerste kwartaal van vorig jaar.", "nl", dct,
                  "eerste kwartaal van vorig jaar"),
            "1988-Q1");
  EXPECT_EQ(Value("Earnings fell from the year-ago third quarter.", "en", dct,
                  "the year-ago third quarter"),
            "1988-Q3");
  auto v = FindDates("In fiscal 1988, the maker earned $4 million.", "en", D(dct));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].text, "fiscal 1988");
  EXPECT_EQ(v[0].value, "1988");
  EXPECT_EQ(Value("Sales for the full year rose 5%.", "en", dct, "the full year"), "1989");
  EXPECT_EQ(Value("Profit should improve in the fiscal year.", "en", dct, "the fiscal year"),
            "1989");
  EXPECT_EQ(Value("In the fiscal year ended June 30, it lost money.", "en", dct, "the fiscal year"),
            "P1Y");
  EXPECT_EQ(Value("It will sell the unit in the near future.", "en", dct, "the near future"),
            "FUTURE_REF");
  EXPECT_EQ(Value("The plan hurts profit in the short term.", "en", dct, "the short term"),
            "FUTURE_REF");
  EXPECT_EQ(Value("Funds may shrink in the weeks ahead.", "en", dct, "the weeks ahead"), "PXW");
  EXPECT_EQ(Value("It holds bonds due 1993 and cash.", "en", dct, "1993"), "1993");
  // a bare plural after for/within/in is an unspecified duration
  EXPECT_EQ(Value("The rebels held the town for weeks.", "en", dct, "weeks"), "PXW");
  EXPECT_EQ(Value("It was the first drop in years.", "en", dct, "years"), "PXY");
  EXPECT_EQ(Value("They met weeks ago.", "en", dct, "weeks"), "<none>");
  EXPECT_EQ(Value("Workers began a day-long strike.", "en", dct, "day-long"), "P1D");
  EXPECT_EQ(Value("Prices rose earlier this year.", "en", dct, "earlier this year"), "1989");
  EXPECT_EQ(Value("The trial lasted only six months.", "en", dct, "six months"), "P6M");
  // the preposition is not part of the span
  EXPECT_EQ(Value("They will decide within a week.", "en", dct, "a week"), "P1W");
  EXPECT_EQ(Value("Hij komt over twee weken terug.", "nl", dct, "twee weken"), "1989-W45");
  EXPECT_EQ(Value("Net fell below the year-earlier $4 million.", "en", dct, "year-earlier"),
            "1988");
  EXPECT_EQ(Value("It ended a decades-long feud.", "en", dct, "decades-long"), "PXY");
  EXPECT_EQ(Value("He worked in years of drought.", "en", dct, "years"), "<none>");
}

TEST(Dates, EnglishNamesWithDateWords) {
  const char* dct = "1999-03-12";
  const char* text =
      "Officials spoke on Sunday.\nThe senator said on ABC's ``This Week'' that he would "
      "vote. Protesters joined the annual March for Life and the ``March of the Mothers,'' "
      "and a poster from ``High Noon'' hung on the wall. This is VOA Today. The rally is in "
      "March of next year, and the march ends at noon.";
  auto v = FindDates(text, "en", D(dct));
  EXPECT_EQ(Find(v, "This Week"), nullptr);
  EXPECT_EQ(Find(v, "Noon"), nullptr);
  EXPECT_EQ(Find(v, "Today"), nullptr);
  int marches = 0;
  for (const TimeExpr& x : v) marches += x.text.rfind("March", 0) == 0;
  EXPECT_EQ(marches, 1);  // only the month in "in March of next year"
  ASSERT_NE(Find(v, "noon"), nullptr);
  EXPECT_NE(Find(v, "Sunday"), nullptr);
  // only English: German nouns are capitalised (also when the language is not known)
  EXPECT_EQ(Value("Er kommt erst nächste Woche zurück.", "xx", dct, "nächste Woche"), "1999-W11");
  // a headline in title case keeps its dates
  EXPECT_EQ(Value("Leaders Meet This Week\nThey will talk.", "en", dct, "This Week"), "1999-W10");
}

// Words are scanned eight bytes at a time when they are ASCII and eight bytes can be
// read, else one code point at a time: both give the same words, whatever the case
// and length of the word and what follows it.
TEST(Dates, WordsAtAnyCaseLengthAndPosition) {
  const char* dct = "2019-04-06";  // a Saturday
  for (const char* w : {"Wednesday", "WEDNESDAY", "wednesday"}) {
    std::string s = std::string("The vote was held on ") + w + ", officials said.";
    EXPECT_EQ(Value(s, "en", dct, w), "2019-04-03") << s;
    // at the very end of the text (fewer than eight bytes left to read)
    EXPECT_EQ(Value(std::string("The vote was held ") + w, "en", dct, w), "2019-04-03");
  }
  // exactly eight letters, capitalised, then a non-ASCII dash
  EXPECT_EQ(Value("The vote was held Thursday—officials said so.", "en", dct, "Thursday"),
            "2019-04-04");
  EXPECT_EQ(Value("Talks resumed on SEPTEMBER 5, 2018, in Geneva.", "en", dct, "SEPTEMBER 5, 2018"),
            "2018-09-05");
  // a word that goes on with a non-ASCII letter is folded as a whole
  EXPECT_EQ(Value("Le sommet s'est tenu le mardi 5 février 2019 à Paris.", "fr", dct,
                  "mardi 5 février 2019"),
            "2019-02-05");
  EXPECT_EQ(Value("Le sommet s'est tenu le 5 FÉVRIER 2019 à Paris.", "fr", dct, "5 FÉVRIER 2019"),
            "2019-02-05");
  // a word of no category that only looks like one starts nothing
  EXPECT_EQ(FindDates("Mondayish and Fridayness talk", "en", D(dct)).size(), 0u);
}

}  // namespace
}  // namespace dateline
