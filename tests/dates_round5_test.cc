// Tests of the fifth round of temporal rules (doc/dates.md, Evaluation) and of the
// number fast path of Tagger::MayStart (doc/dates.md, Speed).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dateline/dates.h"
#include "dates_test_util.h"

namespace dateline {
namespace {

using datetest::D;
using datetest::Find;
using datetest::Type;
using datetest::Value;

// "May" alone after a preposition is the month (it was never reached before: the
// abbreviation filter came first); the modal stays out.
TEST(DatesRound5, EnglishMayAfterAPreposition) {
  const char* dct = "1998-03-22";
  EXPECT_EQ(Value("The talks are supposed to conclude by May, officials said.", "en", dct, "May"),
            "1998-05");
  EXPECT_EQ(Value("Milton Roy disclosed in May that it was approached.", "en", dct, "May"),
            "1997-05");
  EXPECT_EQ(FindDates("Officials may meet again, they said.", "en", D(dct)).size(), 0u);
  EXPECT_EQ(FindDates("It May rain, May said.", "en", D(dct)).size(), 0u);
}

// A word between the count and the unit: "two more weeks", "eight trading days".
TEST(DatesRound5, EnglishCountedUnitsWithAWordBetween) {
  const char* dct = "2000-06-01";
  EXPECT_EQ(Value("The case could take two more weeks.", "en", dct, "two more weeks"), "P2W");
  EXPECT_EQ(Value("It needs an additional year to finish.", "en", dct, "an additional year"),
            "P1Y");
  EXPECT_EQ(
      Value("Eight trading days after the crash, prices fell.", "en", dct, "Eight trading days"),
      "P8D");
  EXPECT_EQ(Value("Profits rose for three straight years.", "en", dct, "three straight years"),
            "P3Y");
  // not a count of years: the singular after a number above one
  EXPECT_EQ(FindDates("the company's 87 business year results", "en", D(dct)).size(), 0u);
  // "trading" only before days and weeks
  EXPECT_EQ(FindDates("two trading years", "en", D(dct)).size(), 0u);
}

// A frequency adverb after a quantity is a rate, as "$2 million a year".
TEST(DatesRound5, EnglishRatesWithFrequencyAdverbs) {
  const char* dct = "1989-10-27";
  EXPECT_EQ(FindDates("Sales should rise 8.5% annually.", "en", D(dct)).size(), 0u);
  EXPECT_EQ(FindDates("The plant would produce about 10,000 units annually.", "en", D(dct)).size(),
            0u);
  EXPECT_EQ(FindDates("Volume reached 250,000 contracts daily.", "en", D(dct)).size(), 0u);
  EXPECT_EQ(Value("The festival is held annually in May.", "en", dct, "annually"), "P1Y");
  EXPECT_EQ(Type("The festival is held annually in May.", "en", dct, "annually"), "SET");
}

// "each July", "elke juli", "jeden Juli": that month of every year (not in Arabic,
// where "كل أب" is "every father").
TEST(DatesRound5, MonthSets) {
  const char* dct = "1998-03-22";
  EXPECT_EQ(Value("Orangemen march each July through the town.", "en", dct, "each July"),
            "XXXX-07");
  EXPECT_EQ(Type("Orangemen march each July through the town.", "en", dct, "each July"), "SET");
  EXPECT_EQ(Value("Het festival is elke juli.", "nl", dct, "elke juli"), "XXXX-07");
  EXPECT_EQ(Value("Das Fest ist jeden Juli.", "de", dct, "jeden Juli"), "XXXX-07");
  EXPECT_EQ(Value("La fête a lieu chaque juillet.", "fr", dct, "chaque juillet"), "XXXX-07");
  EXPECT_EQ(Find(FindDates("كل أب يحب أولاده", "ar", D(dct)), "كل أب"), nullptr);
}

// US Election Day: the Tuesday after the first Monday of November.
TEST(DatesRound5, ElectionDay) {
  EXPECT_EQ(
      Value("The campaign runs from now to Election Day.", "en", "1998-10-26", "Election Day"),
      "1998-11-03");
  EXPECT_EQ(Value("Voters turned out on Election Day.", "en", "2000-11-20", "Election Day"),
            "2000-11-07");
  // the election itself is no date
  EXPECT_EQ(FindDates("The election was held peacefully.", "en", D("2000-11-20")).size(), 0u);
}

// Two days of one month: "April 24 and 25" (two dates), "between Feb 13 and 24" (a
// range), "24 of 25 april" / "24. oder 25. April" (two dates; "24 en 25 april" stays
// a range).
TEST(DatesRound5, TwoDaysOfAMonth) {
  const char* dct = "1999-02-10";
  auto v = FindDates("The summit on April 24 and 25 will be held in Washington.", "en", D(dct));
  ASSERT_NE(Find(v, "April 24"), nullptr);
  ASSERT_NE(Find(v, "25"), nullptr);
  EXPECT_EQ(Find(v, "April 24")->value, "1999-04-24");
  EXPECT_EQ(Find(v, "25")->value, "1999-04-25");
  EXPECT_EQ(Find(v, "25")->rule.find("en.month-day-and-day"), 0u);
  // a count after the day: not a day
  EXPECT_EQ(Find(FindDates("He arrived April 24 and 25 people died.", "en", D(dct)), "25"),
            nullptr);
  auto r = FindDates("He sold shares between Feb 3 and 9 at 13 dlrs.", "en", D(dct));
  const TimeExpr* range = Find(r, "Feb 3 and 9");
  ASSERT_NE(range, nullptr);
  EXPECT_EQ(range->value, "1999-02-03");
  EXPECT_EQ(range->value_end, "1999-02-09");
  auto nl = FindDates("De top is op 24 of 25 april.", "nl", D(dct));
  ASSERT_NE(Find(nl, "24"), nullptr);
  EXPECT_EQ(Find(nl, "24")->value, "1999-04-24");
  EXPECT_EQ(Value("De top is op 24 of 25 april.", "nl", dct, "25 april"), "1999-04-25");
  EXPECT_EQ(Value("Das Treffen ist am 24. oder 25. April.", "de", dct, "24."), "1999-04-24");
  EXPECT_EQ(Value("De top is op 24 en 25 april.", "nl", dct, "24 en 25 april"), "1999-04-24");
}

// "mid-afternoon yesterday", "late morning Tuesday": that day with its part of day.
TEST(DatesRound5, ModifiedPartOfDayWithADay) {
  const char* dct = "1989-11-02";  // a Thursday
  EXPECT_EQ(Value("In London at mid-afternoon yesterday, shares rose.", "en", dct,
                  "mid-afternoon yesterday"),
            "1989-11-01TAF");
  EXPECT_EQ(Value("He left late morning Tuesday.", "en", dct, "late morning Tuesday"),
            "1989-10-31TMO");
}

// "the past twenty years" is a duration, not "the past" and "twenty years"; "earlier
// in the year" is the document's year.
TEST(DatesRound5, ThePastTensAndEarlierInTheYear) {
  const char* dct = "1998-03-05";
  EXPECT_EQ(Value("They have been victims for the past twenty years.", "en", dct,
                  "the past twenty years"),
            "P20Y");
  EXPECT_EQ(Value("Herbicide use was delayed earlier in the year by rains.", "en", "1989-10-26",
                  "the year"),
            "1989");
  EXPECT_EQ(Value("Later in the year it rose.", "en", "1989-10-26", "the year"), "1989");
  // not "later in the year of the flood", "in the year 2000"
  EXPECT_EQ(Value("Later in the year of the flood it rose.", "en", "1989-10-26", "the year"),
            "<none>");
}

// The number fast path (Tagger::NumberMayStart) turns amounts away before matching;
// what can begin at a number is still found.
TEST(DatesRound5, NumbersThatBeginDatesAreStillFound) {
  const char* dct = "2019-04-06";
  EXPECT_EQ(
      FindDates("It cut its stake to 437,425 shares, or 11.1 pct, from 13.3 pct.", "en", D(dct))
          .size(),
      0u);
  EXPECT_EQ(Value("Kop\n\nHet overleg begint om 14.30 uur.", "nl", dct, "14.30 uur"),
            "2019-04-06T14:30");
  EXPECT_EQ(Value("Signed on 06.04.2019 in Rome.", "en", dct, "06.04.2019"), "2019-04-06");
  EXPECT_EQ(Value("Am 5. April 2019 begann es.", "de", dct, "5. April 2019"), "2019-04-05");
  EXPECT_EQ(Value("It lasted 2 1/2 years.", "en", dct, "2 1/2 years"), "P2Y6M");
  EXPECT_EQ(Value("The 14-16 April talks.", "en", dct, "14-16 April"), "2019-04-14");
  EXPECT_EQ(Value("on the 3rd of May", "en", dct, "3rd of May"), "2019-05-03");
  EXPECT_EQ(Value("He arrives at 5 p.m. on Friday.", "en", dct, "5 p.m. on Friday"),
            "2019-04-12T17:00");
  EXPECT_EQ(Value("a 24-hour strike", "en", dct, "24-hour"), "PT24H");
  EXPECT_EQ(Value("in the '90s", "en", dct, "the '90s"), "199");
  EXPECT_EQ(Value("du 14 au 16 avril", "fr", dct, "14 au 16 avril"), "2019-04-14");
  EXPECT_EQ(Value("de 20e eeuw", "nl", dct, "20e eeuw"), "19");
}

}  // namespace
}  // namespace dateline
