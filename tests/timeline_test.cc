// Timelines: period boundaries (ISO weeks across year ends, months, leap
// days), empty periods, copy groups counted once, month- and year-dated
// documents, filters, and `dateline timeline` (table, JSON, CSV, SVG, bad
// input). The articles are written for this test.
#include "dateline/timeline.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_util.h"
#include "dateline/index.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace dateline {
namespace {

using search::PeriodEnd;
using search::PeriodLabel;
using search::PeriodStart;
using search::TimeUnit;
using testutil::D;
using testutil::MakeDoc;
namespace cli = testing::cli;

int32_t Day(const char* s) { return D(s).FirstDay(); }
std::string Str(int32_t day) { return Date::FromDays(day).ToString(); }

TEST(TimelinePeriods, IsoWeeksAcrossYearEnds) {
  // 2020 has 53 ISO weeks: its last week runs from Monday 28 December to Sunday 3 January.
  EXPECT_EQ(PeriodLabel(Day("2020-12-28"), TimeUnit::kWeek), "2020-W53");
  EXPECT_EQ(PeriodLabel(Day("2021-01-03"), TimeUnit::kWeek), "2020-W53");
  EXPECT_EQ(PeriodLabel(Day("2021-01-04"), TimeUnit::kWeek), "2021-W01");
  EXPECT_EQ(Str(PeriodStart(Day("2021-01-03"), TimeUnit::kWeek)), "2020-12-28");
  EXPECT_EQ(Str(PeriodEnd(Day("2020-12-28"), TimeUnit::kWeek)), "2021-01-03");
  // Monday 31 December 2018 is in week 1 of 2019; Sunday 1 January 2017 in week 52 of 2016.
  EXPECT_EQ(PeriodLabel(Day("2018-12-31"), TimeUnit::kWeek), "2019-W01");
  EXPECT_EQ(PeriodLabel(Day("2017-01-01"), TimeUnit::kWeek), "2016-W52");
  EXPECT_EQ(PeriodLabel(Day("2017-01-02"), TimeUnit::kWeek), "2017-W01");
  // Before 1970 (negative day numbers): Monday 29 December 1969 starts 1970-W01.
  EXPECT_EQ(Str(PeriodStart(Day("1969-12-31"), TimeUnit::kWeek)), "1969-12-29");
  EXPECT_EQ(PeriodLabel(Day("1969-12-31"), TimeUnit::kWeek), "1970-W01");
  EXPECT_EQ(PeriodLabel(Day("2015-08-12"), TimeUnit::kWeek), "2015-W33");
}

TEST(TimelinePeriods, MonthsAndLeapDays) {
  EXPECT_EQ(PeriodLabel(Day("2024-02-29"), TimeUnit::kMonth), "2024-02");
  EXPECT_EQ(Str(PeriodEnd(Day("2024-02-10"), TimeUnit::kMonth)), "2024-02-29");
  EXPECT_EQ(Str(PeriodEnd(Day("2023-02-10"), TimeUnit::kMonth)), "2023-02-28");
  EXPECT_EQ(Str(PeriodEnd(Day("1900-02-10"), TimeUnit::kMonth)), "1900-02-28");
  EXPECT_EQ(Str(PeriodEnd(Day("2000-02-10"), TimeUnit::kMonth)), "2000-02-29");
  EXPECT_EQ(Str(PeriodStart(Day("2024-03-01"), TimeUnit::kMonth)), "2024-03-01");
  EXPECT_EQ(Str(PeriodStart(Day("2024-12-31"), TimeUnit::kMonth)), "2024-12-01");
  EXPECT_EQ(PeriodLabel(Day("2024-02-29"), TimeUnit::kDay), "2024-02-29");
  EXPECT_EQ(PeriodStart(Day("2024-02-29"), TimeUnit::kDay), Day("2024-02-29"));
  // Leap day: Thursday 29 February 2024 is in week 9, as is Sunday 3 March.
  EXPECT_EQ(PeriodLabel(Day("2024-02-29"), TimeUnit::kWeek), "2024-W09");
  EXPECT_EQ(PeriodLabel(Day("2024-03-03"), TimeUnit::kWeek), "2024-W09");
}

TEST(TimelinePeriods, ParsesUnits) {
  EXPECT_EQ(search::ParseTimeUnit("week"), TimeUnit::kWeek);
  EXPECT_EQ(search::ParseTimeUnit("auto"), TimeUnit::kAuto);
  EXPECT_FALSE(search::ParseTimeUnit("fortnight").has_value());
  EXPECT_FALSE(search::ParseTimeUnit("").has_value());
  EXPECT_EQ(search::TimeUnitName(TimeUnit::kMonth), "month");
}

// A flood on the Meuse: one agency report, reprinted twice (copies).
const char kFlood[] =
    "Rising water on the Meuse forced the evacuation of about two thousand residents of Venlo on "
    "Wednesday night, mayor Antoin Scholten said at a press conference in the town hall. "
    "Rijkswaterstaat closed the locks near Roermond and soldiers of the Dutch army filled "
    "sandbags along the dikes of Blerick while the level of the river kept climbing. The water "
    "board of Limburg expects the crest to pass Venlo on Friday morning.";
// Other reports, each written apart.
const char kFloodLater[] =
    "Residents of Venlo returned to their homes on Monday after the Meuse fell below the warning "
    "level. Mayor Antoin Scholten thanked the volunteers, and the water board of Limburg began an "
    "inspection of every dike between Roermond and Venlo to find where the water seeped through.";
const char kBudget[] =
    "The cabinet presented a supplementary budget on Tuesday that sets aside money for the repair "
    "of roads and bridges in Limburg. Finance minister Hester Dijkgraaf told parliament in The "
    "Hague that the costs would be shared with the provinces and the water boards.";
const char kReview[] =
    "A look back at the floods of the winter: how the towns along the Meuse prepared, what the "
    "army did, and which dikes will be raised before the next high water in Limburg.";
const char kYear[] =
    "The year in review: a winter of high water, a spring of elections and a dry summer in the "
    "south of the Netherlands, told through the stories our readers sent in.";
const char kDutch[] =
    "Het water van de Maas is in Venlo weer gezakt. Burgemeester Antoin Scholten bedankte de "
    "vrijwilligers die dagenlang zandzakken vulden langs de dijken van Blerick.";

std::vector<Document> Archive() {
  std::vector<Document> docs = {
      MakeDoc("flood-1", "2020-12-30", "Venlo evacuated as the Meuse rises", kFlood, "en"),
      MakeDoc("flood-2", "2020-12-31", "Thousands leave homes in Venlo", kFlood, "en"),
      MakeDoc("flood-3", "2021-01-02", "Meuse flood: Venlo evacuated", kFlood, "en"),
      MakeDoc("flood-later", "2021-01-04", "Venlo residents return home", kFloodLater, "en"),
      MakeDoc("review", "2021-01", "The winter of the floods", kReview, "en"),
      MakeDoc("year", "2021", "Our year", kYear, "en"),
      MakeDoc("maas-nl", "2021-01-05", "Maas gezakt in Venlo", kDutch, "nl"),
      MakeDoc("budget", "2021-01-20", "Money for Limburg roads, \"and bridges\"", kBudget, "en")};
  docs[0].source = "Agency", docs[1].source = "Daily", docs[2].source = "Weekly";
  return docs;
}

class TimelineLib : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testutil::TempDir();
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(dir_->path(), IndexOptions(), &w).ok());
    for (const Document& d : Archive()) {
      bool replaced;
      ASSERT_TRUE(w->Add(d, &replaced).ok());
    }
    ASSERT_TRUE(w->Commit().ok());
  }
  static void TearDownTestSuite() { delete dir_; }

  static search::Timeline Run(const std::string& q, search::TimelineOptions opt) {
    std::unique_ptr<IndexReader> r;
    EXPECT_TRUE(IndexReader::Open(dir_->path(), &r).ok());
    search::QueryNode query;
    EXPECT_TRUE(search::ParseQuery(q, &query).ok());
    search::Timeline t;
    const Status s = search::BuildTimeline(*r, query, opt, &t);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return t;
  }
  static search::TimelineOptions By(TimeUnit u) {
    search::TimelineOptions o;
    o.by = u;
    return o;
  }
  static std::vector<std::string> Labels(const search::Timeline& t) {
    std::vector<std::string> v;
    for (const auto& p : t.periods) v.push_back(p.label);
    return v;
  }

  static testutil::TempDir* dir_;
};

testutil::TempDir* TimelineLib::dir_ = nullptr;

TEST_F(TimelineLib, WeeksIncludeEmptyPeriodsAndCountCopiesOnce) {
  const search::Timeline t = Run("", By(TimeUnit::kWeek));
  EXPECT_EQ(t.by, TimeUnit::kWeek);
  EXPECT_EQ(Labels(t), (std::vector<std::string>{"2020-W53", "2021-W01", "2021-W02", "2021-W03"}));
  EXPECT_EQ(t.documents, 8u);
  EXPECT_EQ(t.reports, 6u);  // the three flood copies are one report
  EXPECT_EQ(t.undated, 2u);  // the month-dated review and the year-dated review
  EXPECT_EQ(t.periods[0].documents, 3u);
  EXPECT_EQ(t.periods[0].reports, 1u);
  EXPECT_EQ(Str(t.periods[0].first_day), "2020-12-28");
  EXPECT_EQ(Str(t.periods[0].last_day), "2021-01-03");
  EXPECT_EQ(t.periods[1].documents, 2u);
  EXPECT_EQ(t.periods[2].documents, 0u);
  EXPECT_TRUE(t.periods[2].stories.empty());
  EXPECT_TRUE(t.periods[2].entities.empty());
  EXPECT_EQ(t.periods[3].documents, 1u);
  // The copies are one story, its id the earliest of them, its title the earliest's.
  ASSERT_FALSE(t.periods[0].stories.empty());
  EXPECT_EQ(t.periods[0].stories[0].id, "flood-1");
  EXPECT_EQ(t.periods[0].stories[0].documents, 3u);
  EXPECT_EQ(t.periods[0].stories[0].title, "Venlo evacuated as the Meuse rises");
  // Each entity of the reprinted text is in all three documents of the week.
  ASSERT_FALSE(t.periods[0].entities.empty());
  EXPECT_EQ(t.periods[0].entities[0].documents, 3u);
  EXPECT_LE(t.periods[0].entities.size(), 3u);
}

TEST_F(TimelineLib, MonthDatedDocumentsCountInTheirMonthOnly) {
  const search::Timeline m = Run("", By(TimeUnit::kMonth));
  EXPECT_EQ(Labels(m), (std::vector<std::string>{"2020-12", "2021-01"}));
  EXPECT_EQ(m.periods[0].documents, 2u);
  EXPECT_EQ(m.periods[0].reports, 1u);
  EXPECT_EQ(m.periods[1].documents, 5u);  // flood-3, flood-later, review, maas-nl, budget
  EXPECT_EQ(m.periods[1].reports, 5u);    // flood-3 is a copy of a December report
  EXPECT_EQ(m.undated, 1u);               // only the year-dated one
  const search::Timeline d = Run("", By(TimeUnit::kDay));
  EXPECT_EQ(d.periods.size(), 22u);  // 30 December to 20 January
  EXPECT_EQ(d.undated, 2u);
  uint64_t sum = 0;
  for (const auto& p : d.periods) sum += p.documents;
  EXPECT_EQ(sum, 6u);
  EXPECT_EQ(d.periods[2].label, "2021-01-01");
  EXPECT_EQ(d.periods[2].documents, 0u);
}

TEST_F(TimelineLib, FiltersAndQueries) {
  search::TimelineOptions o = By(TimeUnit::kWeek);
  o.from = D("2021-01-01");
  o.to = D("2021-01-31");
  search::Timeline t = Run("", o);
  // The range is shown whole: from the week of 1 January to that of 31 January.
  EXPECT_EQ(Labels(t),
            (std::vector<std::string>{"2020-W53", "2021-W01", "2021-W02", "2021-W03", "2021-W04"}));
  EXPECT_EQ(t.periods[0].documents, 1u);  // flood-3 only: the others are before --from
  EXPECT_EQ(t.undated, 1u);               // the review (January) is inside the range
  o = By(TimeUnit::kDay);
  o.langs = {"nl"};
  t = Run("", o);
  ASSERT_EQ(t.periods.size(), 1u);
  EXPECT_EQ(t.periods[0].label, "2021-01-05");
  EXPECT_EQ(t.documents, 1u);
  t = Run("Venlo", By(TimeUnit::kWeek));
  EXPECT_EQ(t.documents, 5u);
  EXPECT_EQ(t.periods.size(), 2u);
  t = Run("nosuchwordanywhere", By(TimeUnit::kWeek));
  EXPECT_EQ(t.documents, 0u);
  EXPECT_TRUE(t.periods.empty());
}

TEST_F(TimelineLib, AutoPicksTheUnitFromTheSpan) {
  EXPECT_EQ(Run("", By(TimeUnit::kAuto)).by, TimeUnit::kDay);  // 22 days
  search::TimelineOptions o;
  o.from = D("2020-06");
  EXPECT_EQ(Run("", o).by, TimeUnit::kWeek);
  o.from = D("2018");
  EXPECT_EQ(Run("", o).by, TimeUnit::kMonth);
  o.from.reset();
  EXPECT_EQ(Run("winter", o).by, TimeUnit::kMonth);  // only month- and year-dated matches
}

TEST_F(TimelineLib, TooManyPeriodsIsAnError) {
  std::unique_ptr<IndexReader> r;
  ASSERT_TRUE(IndexReader::Open(dir_->path(), &r).ok());
  search::QueryNode q;
  ASSERT_TRUE(search::ParseQuery("", &q).ok());
  search::TimelineOptions o = By(TimeUnit::kDay);
  o.max_periods = 10;
  search::Timeline t;
  EXPECT_TRUE(search::BuildTimeline(*r, q, o, &t).IsInvalidArgument());
}

// Reports that mention dates other than their own: a summit announced weeks
// ahead, then reported on the day, and a later look back at it.
const char kSummitAhead[] =
    "The leaders of the Benelux countries will meet in Maastricht on 12 March 2021 to discuss the "
    "repair of the Meuse dikes, the Dutch foreign ministry announced on Monday.";
const char kSummitDay[] =
    "The Benelux leaders met in Maastricht on Friday and agreed to share the cost of raising the "
    "Meuse dikes between Venlo and Liege.";
const char kSummitBack[] =
    "Since the summit in Maastricht on 12 March 2021, work on the dikes has begun in three places. "
    "A second meeting is planned for the spring of next year.";

std::vector<Document> SummitArchive() {
  return {MakeDoc("ahead", "2021-02-22", "Benelux summit on the Meuse", kSummitAhead, "en"),
          MakeDoc("day", "2021-03-12", "Benelux leaders agree on dikes", kSummitDay, "en"),
          MakeDoc("back", "2021-06-30", "Dikes: what came of the summit", kSummitBack, "en")};
}

TEST(TimelineEventDates, DocumentsArePlacedByTheDatesTheyMention) {
  testutil::TempDir dir;
  {
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(dir.path(), IndexOptions(), &w).ok());
    for (const Document& d : SummitArchive()) {
      bool replaced;
      ASSERT_TRUE(w->Add(d, &replaced).ok());
    }
    ASSERT_TRUE(w->Commit().ok());
  }
  std::unique_ptr<IndexReader> r;
  ASSERT_TRUE(IndexReader::Open(dir.path(), &r).ok());
  search::QueryNode q;
  ASSERT_TRUE(search::ParseQuery("", &q).ok());
  search::TimelineOptions o;
  o.by = TimeUnit::kDay;
  o.by_event_date = true;
  o.from = D("2021-03-01");
  o.to = D("2021-03-31");
  search::Timeline t;
  ASSERT_TRUE(search::BuildTimeline(*r, q, o, &t).ok());
  EXPECT_TRUE(t.by_event_date);
  ASSERT_EQ(t.periods.size(), 31u);  // the range, whole
  // All three mention 12 March 2021 (the third in words, the second as "Friday"),
  // though none but the second was published that day.
  EXPECT_EQ(t.documents, 3u);
  EXPECT_EQ(t.periods[11].label, "2021-03-12");
  EXPECT_EQ(t.periods[11].documents, 3u);
  uint64_t elsewhere = 0;
  for (const auto& p : t.periods) elsewhere += p.label == "2021-03-12" ? 0 : p.documents;
  EXPECT_EQ(elsewhere, 0u);
  // By publication date the same range holds only the report of the day.
  o.by_event_date = false;
  ASSERT_TRUE(search::BuildTimeline(*r, q, o, &t).ok());
  EXPECT_EQ(t.documents, 1u);
  EXPECT_EQ(t.periods[11].documents, 1u);
  // Without a range, a document counts in every period of a date it mentions:
  // "ahead" in February (its "Monday") and March, "back" in March only by
  // month (the spring of next year is no month).
  o = search::TimelineOptions();
  o.by = TimeUnit::kMonth;
  o.by_event_date = true;
  ASSERT_TRUE(search::BuildTimeline(*r, q, o, &t).ok());
  EXPECT_EQ(t.documents, 3u);
  ASSERT_GE(t.periods.size(), 2u);
  EXPECT_EQ(t.periods[0].label, "2021-02");
  EXPECT_EQ(t.periods[0].documents, 1u);
  EXPECT_EQ(t.periods[1].label, "2021-03");
  EXPECT_EQ(t.periods[1].documents, 3u);
  EXPECT_EQ(t.undated, 0u);
  EXPECT_EQ(search::UndatedReason(t), "mentioning no date within one month");
}

// `s` as a JSON string.
std::string JsonStr(const std::string& s) {
  std::string o = "\"";
  for (char c : s) o += c == '"' || c == '\\' ? std::string{'\\', c} : std::string(1, c);
  return o + "\"";
}

// Through the binary.
class TimelineCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new cli::TempDir();
    std::string jsonl;
    for (const Document& d : Archive()) {
      const std::string line =
          "{\"id\":" + JsonStr(d.id) + ",\"date\":" + JsonStr(d.date.ToString()) +
          ",\"lang\":" + JsonStr(d.lang) + ",\"source\":" + JsonStr(d.source) +
          ",\"title\":" + JsonStr(d.title) + ",\"text\":" + JsonStr(d.text) + "}\n";
      jsonl += line;
    }
    cli::WriteFile(*tmp_ / "in.jsonl", jsonl);
    const cli::RunResult r = cli::Dl({"ingest", "-q", "--index", Index(), *tmp_ / "in.jsonl"});
    if (r.code != 0) ADD_FAILURE() << cli::Describe(r);
  }
  static void TearDownTestSuite() { delete tmp_; }
  static std::string Index() { return *tmp_ / "index"; }
  static cli::RunResult Timeline(std::vector<std::string> args) {
    args.insert(args.begin(), {"timeline", "--index", Index()});
    return cli::Dl(args);
  }
  static cli::TempDir* tmp_;
};

cli::TempDir* TimelineCli::tmp_ = nullptr;

TEST_F(TimelineCli, Json) {
  const cli::RunResult r = Timeline({"--json", "--by", "week", "--limit", "2", "Venlo"});
  ASSERT_EQ(r.code, 0) << cli::Describe(r);
  cli::Json j(r.out);
  ASSERT_TRUE(j.ok) << r.out;
  EXPECT_EQ(cli::GetStr(j.root, "query"), "Venlo");
  EXPECT_EQ(cli::GetStr(j.root, "by"), "week");
  EXPECT_EQ(cli::GetStr(j.root, "dates"), "publication");
  EXPECT_EQ(cli::GetInt(j.root, "documents"), 5);
  EXPECT_EQ(cli::GetInt(j.root, "reports"), 3);
  EXPECT_EQ(cli::GetInt(j.root, "undated"), 0);
  simdjson::dom::array periods;
  ASSERT_EQ(j.root["periods"].get(periods), simdjson::SUCCESS);
  ASSERT_EQ(periods.size(), 2u);
  auto first = periods.at(0).value();
  EXPECT_EQ(cli::GetStr(first, "period"), "2020-W53");
  EXPECT_EQ(cli::GetStr(first, "first_date"), "2020-12-28");
  EXPECT_EQ(cli::GetStr(first, "last_date"), "2021-01-03");
  EXPECT_EQ(cli::GetInt(first, "documents"), 3);
  EXPECT_EQ(cli::GetInt(first, "reports"), 1);
  auto story = first["stories"].at(0).value();
  EXPECT_EQ(cli::GetStr(story, "id"), "flood-1");
  EXPECT_EQ(cli::GetInt(story, "documents"), 3);
  EXPECT_TRUE(cli::HasKey(story, "title"));
  simdjson::dom::array ents;
  ASSERT_EQ(first["entities"].get(ents), simdjson::SUCCESS);
  ASSERT_GE(ents.size(), 1u);
  EXPECT_LE(ents.size(), 2u);
  for (const char* k : {"key", "type", "text", "documents"})
    EXPECT_TRUE(cli::HasKey(ents.at(0), k));
}

TEST_F(TimelineCli, CsvAndTable) {
  cli::RunResult r = Timeline({"--csv", "--by", "month"});
  ASSERT_EQ(r.code, 0) << cli::Describe(r);
  const auto lines = cli::Lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  EXPECT_EQ(lines[0],
            "period,first_date,last_date,documents,reports,top_story_id,top_story_title,"
            "top_story_documents,top_entities");
  EXPECT_EQ(lines[1].rfind("2020-12,2020-12-01,2020-12-31,2,1,flood-1,", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2].rfind("2021-01,2021-01-01,2021-01-31,5,5,", 0), 0u) << lines[2];
  // Fields with commas or quotes are quoted, quotes doubled.
  r = Timeline({"--csv", "--by", "week", "--from", "2021-01-18", "--to", "2021-01-24"});
  ASSERT_EQ(r.code, 0) << cli::Describe(r);
  ASSERT_EQ(cli::Lines(r.out).size(), 2u) << r.out;
  EXPECT_EQ(cli::Lines(r.out)[1].rfind("2021-W03,2021-01-18,2021-01-24,1,1,budget,"
                                       "\"Money for Limburg roads, \"\"and bridges\"\"\",1,",
                                       0),
            0u)
      << r.out;
  r = Timeline({"--by", "week"});
  ASSERT_EQ(r.code, 0) << cli::Describe(r);
  EXPECT_NE(r.out.find("8 documents, 6 independent reports; 2 dated only to the month or year"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("2021-W02"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Venlo evacuated as the Meuse rises [3]"), std::string::npos) << r.out;
  r = Timeline({"--by", "week", "--by-event-date", "Venlo"});
  ASSERT_EQ(r.code, 0) << cli::Describe(r);
  EXPECT_NE(r.out.find("\"Venlo\" by week of the dates mentioned: 5 documents"), std::string::npos)
      << r.out;
}

TEST_F(TimelineCli, Svg) {
  const std::string path = *tmp_ / "chart.svg";
  const cli::RunResult r = Timeline({"--by", "day", "--svg", path, "Venlo"});
  ASSERT_EQ(r.code, 0) << cli::Describe(r);
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string svg = ss.str();
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("Timeline of &quot;Venlo&quot;"), std::string::npos);
  EXPECT_NE(svg.find("independent reports"), std::string::npos);
  EXPECT_NE(svg.find(">30 Dec 2020<"), std::string::npos);  // the first day is labelled
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  // One bar group per day from 30 December to 5 January.
  size_t bars = 0;
  for (size_t at = svg.find("<g><title>"); at != std::string::npos;
       at = svg.find("<g><title>", at + 1)) {
    ++bars;
  }
  EXPECT_EQ(bars, 7u);
}

TEST_F(TimelineCli, BadInputIsOneLineAndNonZero) {
  const std::vector<std::vector<std::string>> bad = {{"--by", "fortnight"},
                                                     {"--from", "2021-02-30"},
                                                     {"--type", "animal"},
                                                     {"--svg", "/nonexistent-dir/chart.svg"},
                                                     {"title:("}};
  for (const auto& args : bad) {
    const cli::RunResult r = Timeline(args);
    EXPECT_NE(r.code, 0) << args[0];
    EXPECT_FALSE(cli::LooksLikeCrash(r)) << cli::Describe(r);
    EXPECT_EQ(cli::Lines(r.err).size(), 1u) << cli::Describe(r);
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
  EXPECT_EQ(Timeline({"--by", "fortnight"}).code, 2);
  EXPECT_EQ(Timeline({"--json", "--csv"}).code, 2);  // a flag parser error
  const cli::RunResult unwritable = Timeline({"--svg", "/nonexistent-dir/chart.svg"});
  EXPECT_EQ(unwritable.code, 1);
  EXPECT_NE(unwritable.err.find("--svg /nonexistent-dir/chart.svg: "), std::string::npos)
      << unwritable.err;
  const cli::RunResult missing = cli::Dl({"timeline", "--index", *tmp_ / "none"});
  EXPECT_EQ(missing.code, 1) << cli::Describe(missing);
}

}  // namespace
}  // namespace dateline
