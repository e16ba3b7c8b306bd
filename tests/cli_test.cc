// End-to-end tests of the dateline command-line tool on the bundled sample corpus.
// The binary is run with fork/execve (no shell), stdin fed and stdout/stderr captured.
#include <simdjson.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli_util.h"
#include "gtest/gtest.h"

namespace {

namespace fs = std::filesystem;

using dateline::testing::cli::Child;
using dateline::testing::cli::Describe;
using dateline::testing::cli::Dl;
using dateline::testing::cli::GetInt;
using dateline::testing::cli::GetStr;
using dateline::testing::cli::HasKey;
using dateline::testing::cli::Json;
using dateline::testing::cli::Lines;
using dateline::testing::cli::LooksLikeCrash;
using dateline::testing::cli::ParseSummary;
using dateline::testing::cli::RunResult;
using dateline::testing::cli::Spawn;
using dateline::testing::cli::Summary;
using dateline::testing::cli::TempDir;
using dateline::testing::cli::WaitChild;

const std::string kSample = std::string(DL_SOURCE_DIR) + "/sample";

// ---------------------------------------------------------------------------
// Fixture: one sample index shared by the read-only tests.

struct Hit {
  std::string id, date, lang, title;
  double score = 0;
};

struct SearchOut {
  int64_t total = -1;
  std::vector<Hit> hits;
  std::vector<std::string> Ids() const {
    std::vector<std::string> v;
    for (const auto& h : hits) v.push_back(h.id);
    return v;
  }
  std::set<std::string> IdSet() const {
    auto v = Ids();
    return {v.begin(), v.end()};
  }
};

std::vector<std::string> SampleInputs() {
  return {kSample + "/text", kSample + "/jsonl", kSample + "/csv"};
}

class cliSample : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new TempDir();
    index_ = *tmp_ / "index";
    std::vector<std::string> args = {"ingest", "--index", index_};
    for (const auto& p : SampleInputs()) args.push_back(p);
    ingest_ = new RunResult(Dl(args));
  }
  static void TearDownTestSuite() {
    delete ingest_;
    delete tmp_;
  }

  // `dateline search --json` on the shared index; ADD_FAILURE on problems.
  static SearchOut Search(const std::vector<std::string>& extra, std::string index = "") {
    std::vector<std::string> args = {"search", "--index", index.empty() ? index_ : index, "--json"};
    if (std::find(extra.begin(), extra.end(), "--limit") == extra.end()) {
      args.insert(args.end(), {"--limit", "200"});
    }
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult r = Dl(args);
    SearchOut s;
    if (r.code != 0) {
      ADD_FAILURE() << "search failed: " << Describe(r);
      return s;
    }
    Json j(r.out);
    if (!j.ok) {
      ADD_FAILURE() << "search output is not JSON: " << r.out;
      return s;
    }
    s.total = GetInt(j.root, "total");
    simdjson::dom::array hits;
    if (j.root["hits"].get(hits) != simdjson::SUCCESS) {
      ADD_FAILURE() << "no hits array: " << r.out;
      return s;
    }
    for (auto h : hits) {
      Hit x;
      x.id = GetStr(h, "id");
      x.date = GetStr(h, "date");
      x.lang = GetStr(h, "lang");
      x.title = GetStr(h, "title");
      double sc = 0;
      if (h["score"].get(sc) == simdjson::SUCCESS) x.score = sc;
      s.hits.push_back(x);
    }
    return s;
  }

  static TempDir* tmp_;
  static std::string index_;
  static RunResult* ingest_;
};

TempDir* cliSample::tmp_ = nullptr;
std::string cliSample::index_;
RunResult* cliSample::ingest_ = nullptr;

using Ids = std::set<std::string>;

TEST_F(cliSample, IngestSummaryCountsAllEightyDocuments) {
  ASSERT_EQ(ingest_->code, 0) << Describe(*ingest_);
  Summary s;
  ASSERT_TRUE(ParseSummary(ingest_->out, &s)) << ingest_->out;
  EXPECT_EQ(s.read, 80);
  EXPECT_EQ(s.indexed, 80);
  EXPECT_EQ(s.replaced, 0);
  EXPECT_EQ(s.rejected, 0);
  EXPECT_EQ(s.repaired, 0);
  EXPECT_EQ(s.read, s.indexed + s.rejected);
  EXPECT_EQ(ingest_->out.find("skipped"), std::string::npos) << ingest_->out;
  EXPECT_EQ(ingest_->out.find("rejected records listed"), std::string::npos) << ingest_->out;
  EXPECT_FALSE(fs::exists(index_ + "/rejects")) << "no rejects expected";
}

TEST_F(cliSample, IngestJsonSummary) {
  TempDir t;
  std::vector<std::string> args = {"ingest", "--json", "--index", t / "ix"};
  for (const auto& p : SampleInputs()) args.push_back(p);
  RunResult r = Dl(args);
  ASSERT_EQ(r.code, 0) << Describe(r);
  Json j(r.out);
  ASSERT_TRUE(j.ok) << r.out;
  EXPECT_EQ(GetInt(j.root, "read"), 80);
  EXPECT_EQ(GetInt(j.root, "indexed"), 80);
  EXPECT_EQ(GetInt(j.root, "replaced"), 0);
  EXPECT_EQ(GetInt(j.root, "rejected"), 0);
  EXPECT_EQ(GetInt(j.root, "repaired"), 0);
  EXPECT_EQ(GetInt(j.root, "skipped_files"), 0);
  EXPECT_TRUE(HasKey(j.root, "seconds"));
}

TEST_F(cliSample, StatsJsonReportsEightyDocumentsInSixLanguages) {
  RunResult r = Dl({"stats", "--json", "--index", index_});
  ASSERT_EQ(r.code, 0) << Describe(r);
  Json j(r.out);
  ASSERT_TRUE(j.ok) << r.out;
  EXPECT_EQ(GetInt(j.root, "documents"), 80);
  EXPECT_EQ(GetInt(j.root, "deleted"), 0);
  EXPECT_GE(GetInt(j.root, "segments"), 1);
  EXPECT_GT(GetInt(j.root, "bytes"), 0);
  EXPECT_GE(GetInt(j.root, "generation"), 1);
  // Dates run 2019-03-25 .. 2020-02-12; year/month precision docs widen the span.
  EXPECT_LE(GetStr(j.root, "first_date"), "2019-03-25");
  EXPECT_GE(GetStr(j.root, "last_date"), "2020-02-12");
  simdjson::dom::object langs;
  ASSERT_EQ(j.root["languages"].get(langs), simdjson::SUCCESS) << r.out;
  std::map<std::string, int64_t> got;
  for (auto [k, v] : langs) {
    int64_t n = 0;
    if (v.get(n) != simdjson::SUCCESS) n = -1;
    got[std::string(k)] = n;
  }
  const std::map<std::string, int64_t> want = {{"nl", 14}, {"en", 14}, {"fr", 13},
                                               {"de", 13}, {"es", 13}, {"ar", 13}};
  EXPECT_EQ(got, want) << r.out;
}

TEST_F(cliSample, StatsText) {
  RunResult r = Dl({"stats", "--index", index_});
  ASSERT_EQ(r.code, 0) << Describe(r);
  EXPECT_NE(r.out.find("documents:  80"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("languages:"), std::string::npos) << r.out;
}

TEST_F(cliSample, CheckAfterIngest) {
  RunResult r = Dl({"check", "--index", index_});
  EXPECT_EQ(r.code, 0) << Describe(r);
  EXPECT_EQ(r.out.rfind("ok", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("80 documents"), std::string::npos) << r.out;
}

// --- Example queries from sample/README.md ---------------------------------

TEST_F(cliSample, StemmingFindsPluralAndSingular) {
  SearchOut s = Search({"luchtaanvallen"});
  EXPECT_EQ(s.IdSet(), (Ids{"nl/luchtaanval-al-aziziya.txt", "nd-nl-0007", "nd-nl-0014"}));
  EXPECT_EQ(s.total, 3);
}

TEST_F(cliSample, DiacriticsAreFolded) {
  SearchOut s = Search({"Salame"});
  EXPECT_EQ(s.total, 24);
  std::set<std::string> langs;
  for (const auto& h : s.hits) langs.insert(h.lang);
  EXPECT_EQ(langs, (Ids{"nl", "en", "fr", "de", "es"}));
  // And the other way round: the query with the accent finds the same documents.
  SearchOut s2 = Search({"Salamé"});
  EXPECT_EQ(s2.IdSet(), s.IdSet());
}

TEST_F(cliSample, HyphenatedPhrase) {
  SearchOut s = Search({"\"VN-Veiligheidsraad\""});
  EXPECT_EQ(s.IdSet(), (Ids{"nd-nl-0004", "nd-nl-0006", "nd-nl-0014"}));
  EXPECT_EQ(s.total, 3);
}

TEST_F(cliSample, PhraseNorthernLantern) {
  SearchOut s = Search({"\"Northern Lantern\""});
  EXPECT_EQ(s.IdSet(), (Ids{"en/ferry-northern-lantern-towed.txt", "cl-fr-0008", "am-fr-0009"}));
}

TEST_F(cliSample, DateRangeInQueryIsContainment) {
  const Ids day_docs = {
      "wire-en-0002", "nd-nl-0003", "am-fr-0002", "ap-es-0009", "gh-en-0003",
      "nd-nl-0004",   "gh-en-0004", "am-fr-0003", "cl-fr-0004", "nl/luchtaanval-al-aziziya.txt"};
  SearchOut s = Search({"date:[2019-04-04 TO 2019-04-06] Tripoli"});
  EXPECT_EQ(s.IdSet(), day_docs);
  EXPECT_EQ(s.total, 10);
  // Same with --from/--to.
  SearchOut f = Search({"--from", "2019-04-04", "--to", "2019-04-06", "Tripoli"});
  EXPECT_EQ(f.IdSet(), day_docs);
  // With --date-overlap the coarse-dated articles that mention Tripoli join.
  Ids overlap = day_docs;
  overlap.insert({"nl/ghadames-gaat-door.txt", "cl-fr-0012", "nd-nl-0014"});
  SearchOut o = Search({"--date-overlap", "--from", "2019-04-04", "--to", "2019-04-06", "Tripoli"});
  EXPECT_EQ(o.IdSet(), overlap);
  SearchOut oq = Search({"--date-overlap", "date:[2019-04-04 TO 2019-04-06] Tripoli"});
  EXPECT_EQ(oq.IdSet(), overlap);
}

TEST_F(cliSample, MonthPrecisionDocumentsAndDateFilters) {
  // Month-precision docs (2019-04) lie inside April, so they match a whole-month range...
  SearchOut april = Search({"--from", "2019-04-01", "--to", "2019-04-30", "Tripoli"});
  EXPECT_TRUE(april.IdSet().count("nl/ghadames-gaat-door.txt"));
  EXPECT_TRUE(april.IdSet().count("cl-fr-0012"));
  EXPECT_FALSE(april.IdSet().count("nd-nl-0014"));  // year precision: not inside April
  SearchOut month = Search({"--from", "2019-04", "--to", "2019-04", "Tripoli"});
  EXPECT_EQ(month.IdSet(), april.IdSet());
  SearchOut q = Search({"date:2019-04 Tripoli"});
  EXPECT_EQ(q.IdSet(), april.IdSet());
  // ...but not a range that starts after the first of the month, unless overlap is asked for.
  SearchOut late = Search({"--from", "2019-04-06", "--to", "2019-04-30", "Tripoli"});
  EXPECT_FALSE(late.IdSet().count("nl/ghadames-gaat-door.txt"));
  EXPECT_FALSE(late.IdSet().count("cl-fr-0012"));
  SearchOut late_o =
      Search({"--date-overlap", "--from", "2019-04-06", "--to", "2019-04-30", "Tripoli"});
  EXPECT_TRUE(late_o.IdSet().count("nl/ghadames-gaat-door.txt"));
  EXPECT_TRUE(late_o.IdSet().count("cl-fr-0012"));
  EXPECT_TRUE(late_o.IdSet().count("nd-nl-0014"));
  for (const auto& id : late.IdSet()) EXPECT_TRUE(late_o.IdSet().count(id)) << id;
  // Every hit of the containment search has a date inside the range.
  for (const auto& h : late.hits) {
    EXPECT_GE(h.date, "2019-04-06") << h.id;
    EXPECT_LE(h.date, "2019-04-30") << h.id;
    EXPECT_EQ(h.date.size(), 10u) << h.id;
  }
  // Only --from: everything from February 2020 on.
  SearchOut from = Search({"--from", "2020-02", "Elske"});
  EXPECT_EQ(from.total, 18);
  SearchOut to = Search({"--to", "2019-12-31", "Elske"});
  EXPECT_EQ(to.total, 0);
}

TEST_F(cliSample, LangFilterInQueryUsesDetection) {
  SearchOut s = Search({"lang:ar طرابلس"});
  EXPECT_EQ(s.total, 10);
  for (const auto& h : s.hits) EXPECT_EQ(h.lang, "ar") << h.id;
  // Five of them have no lang in the record.
  for (const char* id : {"sd-ar-0004", "sd-ar-0008"}) EXPECT_TRUE(s.IdSet().count(id)) << id;
  int text_files = 0;
  for (const auto& id : s.IdSet()) text_files += id.rfind("ar/", 0) == 0;
  EXPECT_EQ(text_files, 3);
}

TEST_F(cliSample, LangFlag) {
  SearchOut all = Search({"Elske"});
  EXPECT_EQ(all.total, 18);
  std::set<std::string> langs;
  for (const auto& h : all.hits) langs.insert(h.lang);
  EXPECT_EQ(langs, (Ids{"nl", "en", "fr", "de", "es", "ar"}));
  SearchOut nl = Search({"--lang", "nl", "Elske"});
  SearchOut de = Search({"--lang", "de", "Elske"});
  SearchOut nlde = Search({"--lang", "nl,de", "Elske"});
  EXPECT_GT(nl.total, 0);
  EXPECT_GT(de.total, 0);
  EXPECT_EQ(nlde.total, nl.total + de.total);
  Ids u = nl.IdSet();
  const Ids de_ids = de.IdSet();
  u.insert(de_ids.begin(), de_ids.end());
  EXPECT_EQ(nlde.IdSet(), u);
  for (const auto& h : nl.hits) EXPECT_EQ(h.lang, "nl");
  SearchOut q = Search({"lang:nl Elske"});
  EXPECT_EQ(q.IdSet(), nl.IdSet());
  // Language names in the flag are normalised (3-letter code).
  SearchOut nld = Search({"--lang", "nld", "Elske"});
  EXPECT_EQ(nld.IdSet(), nl.IdSet());
}

TEST_F(cliSample, DateAndLangFilterOnly) {
  SearchOut s = Search({"date:2020-02 lang:de"});
  EXPECT_EQ(s.total, 5);
  for (const auto& h : s.hits) {
    EXPECT_EQ(h.lang, "de");
    EXPECT_EQ(h.date.rfind("2020-02", 0), 0u) << h.id;
  }
}

TEST_F(cliSample, OtherReadmeQueries) {
  SearchOut g = Search({"Ghadames"});
  EXPECT_EQ(g.total, 28);
  for (const auto& h : g.hits) EXPECT_NE(h.lang, "ar") << h.id;
  SearchOut l = Search({"Lumenfield"});
  EXPECT_EQ(l.IdSet(), (Ids{"wire-en-0013", "nk-de-0012", "sd-ar-0012"}));
  // Bare two-word query: documents with both words rank first.
  SearchOut s = Search({"storm Schiphol"});
  ASSERT_GE(s.hits.size(), 5u);
  Ids top5;
  for (size_t i = 0; i < 5; ++i) top5.insert(s.hits[i].id);
  EXPECT_EQ(top5, (Ids{"wire-nl-0009", "nd-nl-0010", "nl/storm-elske-code-oranje.txt", "gh-en-0010",
                       "ch-en-0011"}));
  SearchOut both = Search({"storm AND Schiphol"});
  EXPECT_EQ(both.IdSet(), top5);
}

TEST_F(cliSample, BooleanOperatorsAndPrefixes) {
  const Ids a = Search({"Haftar"}).IdSet();
  const Ids b = Search({"Tripoli"}).IdSet();
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  Ids inter, uni, diff;
  for (const auto& x : a) (b.count(x) ? inter : diff).insert(x);
  uni = a;
  uni.insert(b.begin(), b.end());
  ASSERT_FALSE(inter.empty());
  ASSERT_FALSE(diff.empty());
  EXPECT_EQ(Search({"Haftar AND Tripoli"}).IdSet(), inter);
  EXPECT_EQ(Search({"Haftar && Tripoli"}).IdSet(), inter);
  EXPECT_EQ(Search({"+Haftar +Tripoli"}).IdSet(), inter);
  EXPECT_EQ(Search({"Haftar OR Tripoli"}).IdSet(), uni);
  EXPECT_EQ(Search({"Haftar || Tripoli"}).IdSet(), uni);
  EXPECT_EQ(Search({"Haftar Tripoli"}).IdSet(), uni);
  EXPECT_EQ(Search({"Haftar NOT Tripoli"}).IdSet(), diff);
  EXPECT_EQ(Search({"Haftar -Tripoli"}).IdSet(), diff);
  EXPECT_EQ(Search({"Haftar !Tripoli"}).IdSet(), diff);
  EXPECT_EQ(Search({"+Haftar Tripoli"}).IdSet(), a);
  EXPECT_EQ(Search({"Haftar AND NOT Tripoli"}).IdSet(), diff);
  // Several argv words are joined into one query.
  EXPECT_EQ(Search({"Haftar", "AND", "Tripoli"}).IdSet(), inter);
  // Grouping.
  const Ids e = Search({"Elske"}).IdSet();
  Ids g;
  for (const auto& x : uni) {
    if (e.count(x)) g.insert(x);
  }
  EXPECT_EQ(Search({"(Haftar OR Tripoli) AND Elske"}).IdSet(), g);
  // Lower-case operators are words: "and" is just another word here.
  EXPECT_EQ(Search({"*"}).total, 80);
  // A query that starts with '-' needs "--" so that it is not taken for a flag.
  EXPECT_EQ(Search({"--", "-lang:ar"}).total, 67);
}

TEST_F(cliSample, TitleField) {
  SearchOut all = Search({"Elske"});
  SearchOut t = Search({"title:Elske"});
  EXPECT_GT(t.total, 0);
  EXPECT_LT(t.total, all.total);
  for (const auto& h : t.hits) {
    EXPECT_TRUE(all.IdSet().count(h.id)) << h.id;
    std::string lower = h.title;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    EXPECT_NE(lower.find("elske"), std::string::npos) << h.id << ": " << h.title;
  }
  // text: restricts to the body; title: and text: together cover the field-less search.
  SearchOut x = Search({"text:Elske"});
  Ids u = t.IdSet();
  const Ids x_ids = x.IdSet();
  u.insert(x_ids.begin(), x_ids.end());
  EXPECT_EQ(u, all.IdSet());
}

TEST_F(cliSample, LimitOffsetPaging) {
  SearchOut all = Search({"Ghadames"});
  ASSERT_EQ(all.hits.size(), 28u);
  std::vector<std::string> paged;
  for (int off = 0; off < 30; off += 5) {
    SearchOut p = Search({"--limit", "5", "--offset", std::to_string(off), "Ghadames"});
    EXPECT_EQ(p.total, 28);
    EXPECT_LE(p.hits.size(), 5u);
    for (const auto& id : p.Ids()) paged.push_back(id);
  }
  EXPECT_EQ(paged, all.Ids());
  SearchOut past = Search({"--offset", "100", "Ghadames"});
  EXPECT_EQ(past.total, 28);
  EXPECT_TRUE(past.hits.empty());
  SearchOut zero = Search({"--limit", "0", "Ghadames"});
  EXPECT_EQ(zero.total, 28);
  EXPECT_TRUE(zero.hits.empty());
  // Default limit is 10.
  RunResult r = Dl({"search", "--index", index_, "--json", "Ghadames"});
  Json j(r.out);
  simdjson::dom::array hits;
  ASSERT_EQ(j.root["hits"].get(hits), simdjson::SUCCESS);
  EXPECT_EQ(hits.size(), 10u);
  // Scores are non-increasing.
  for (size_t i = 1; i < all.hits.size(); ++i) {
    EXPECT_GE(all.hits[i - 1].score, all.hits[i].score) << i;
  }
}

// First day of a date as written ("2019" -> "2019-01-01", "2019-04" -> "2019-04-01").
std::string FirstDay(const std::string& d) {
  if (d.size() == 4) return d + "-01-01";
  if (d.size() == 7) return d + "-01";
  return d;
}

TEST_F(cliSample, SortByDateNewestFirst) {
  SearchOut s = Search({"--sort", "date", "*"});
  ASSERT_EQ(s.hits.size(), 80u);
  for (size_t i = 1; i < s.hits.size(); ++i) {
    EXPECT_GE(FirstDay(s.hits[i - 1].date), FirstDay(s.hits[i].date))
        << s.hits[i - 1].id << " before " << s.hits[i].id;
  }
  EXPECT_EQ(s.hits.front().date, "2020-02-12");
  SearchOut e = Search({"--sort", "date", "Elske"});
  EXPECT_EQ(e.total, 18);
  for (size_t i = 1; i < e.hits.size(); ++i) {
    EXPECT_GE(FirstDay(e.hits[i - 1].date), FirstDay(e.hits[i].date));
  }
  // Paging in date order is consistent.
  SearchOut p = Search({"--sort", "date", "--limit", "4", "--offset", "4", "Elske"});
  ASSERT_EQ(p.hits.size(), 4u);
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(p.hits[i].id, e.hits[4 + i].id);
  // And the score sort is the default.
  SearchOut sc = Search({"--sort", "score", "Elske"});
  EXPECT_EQ(sc.Ids(), Search({"Elske"}).Ids());
}

TEST_F(cliSample, JsonOutputShape) {
  RunResult r = Dl({"search", "--index", index_, "--json", "--limit", "3", "Haftar"});
  ASSERT_EQ(r.code, 0) << Describe(r);
  EXPECT_EQ(r.out.rfind("{\"total\":", 0), 0u) << r.out;
  EXPECT_EQ(Lines(r.out).size(), 1u);
  Json j(r.out);
  ASSERT_TRUE(j.ok) << r.out;
  EXPECT_GT(GetInt(j.root, "total"), 3);
  simdjson::dom::array hits;
  ASSERT_EQ(j.root["hits"].get(hits), simdjson::SUCCESS);
  ASSERT_EQ(hits.size(), 3u);
  for (auto h : hits) {
    for (const char* k : {"id", "date", "lang", "title", "source", "url", "score", "snippet"}) {
      EXPECT_TRUE(HasKey(h, k)) << k << " missing in " << r.out;
    }
    const std::string snip = GetStr(h, "snippet");
    EXPECT_NE(snip.find("<b>"), std::string::npos) << snip;
    EXPECT_EQ(snip.find('\x01'), std::string::npos);
  }
  // Text output: header line with the total, then numbered hits; no JSON.
  RunResult t = Dl({"search", "--index", index_, "--limit", "3", "Haftar"});
  ASSERT_EQ(t.code, 0) << Describe(t);
  long long total = -1;
  ASSERT_EQ(std::sscanf(t.out.c_str(), "%lld results", &total), 1) << t.out;
  EXPECT_EQ(total, GetInt(j.root, "total"));
  EXPECT_NE(t.out.find("\n1. "), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("\n3. "), std::string::npos) << t.out;
  EXPECT_EQ(t.out.find("\n4. "), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("[Haftar]"), std::string::npos) << "non-tty snippet marks: " << t.out;
  EXPECT_EQ(t.out.find('\033'), std::string::npos) << "no ANSI codes when not a tty";
}

TEST_F(cliSample, BatchQueries) {
  const std::string opts = "\t{\"limit\":3,\"count\":true,\"from\":\"2019-04-01\",\"lang\":\"nl\"}";
  const std::string in = "Haftar" + opts + "\n" + "(unclosed" + opts + "\n" + "Ghadames" + opts +
                         "\n" + "Elske\n" + "Haftar\tnot json\n" + "Tripoli" + opts + "\n";
  RunResult r = Dl({"search", "--batch", "--index", index_}, in);
  ASSERT_EQ(r.code, 0) << Describe(r);
  const auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 6u) << r.out;
  const std::vector<std::string> queries = {"Haftar", "(unclosed", "Ghadames",
                                            "Elske",  "Haftar",    "Tripoli"};
  const std::vector<bool> error = {false, true, false, false, true, false};
  for (size_t i = 0; i < lines.size(); ++i) {
    Json j(lines[i]);
    ASSERT_TRUE(j.ok) << lines[i];
    EXPECT_EQ(GetStr(j.root, "query"), queries[i]) << lines[i];
    EXPECT_EQ(HasKey(j.root, "error"), error[i]) << lines[i];
    EXPECT_TRUE(HasKey(j.root, "total")) << lines[i];
    EXPECT_TRUE(HasKey(j.root, "ids")) << lines[i];
    EXPECT_TRUE(HasKey(j.root, "micros")) << lines[i];
  }
  // The options apply: at most 3 ids, only Dutch documents from April 2019 on.
  for (size_t i : {0u, 2u, 5u}) {
    Json j(lines[i]);
    simdjson::dom::array ids;
    ASSERT_EQ(j.root["ids"].get(ids), simdjson::SUCCESS);
    EXPECT_LE(ids.size(), 3u) << lines[i];
    const int64_t total = GetInt(j.root, "total");
    SearchOut same = Search({"--lang", "nl", "--from", "2019-04-01", queries[i]});
    EXPECT_EQ(total, same.total) << lines[i];
    EXPECT_EQ(ids.size(), std::min<size_t>(3, static_cast<size_t>(same.total)));
    size_t k = 0;
    for (auto id : ids) {
      std::string_view sv;
      ASSERT_EQ(id.get(sv), simdjson::SUCCESS);
      EXPECT_TRUE(same.IdSet().count(std::string(sv))) << sv;
      ++k;
    }
  }
  // A line without options uses the defaults (limit 10, no filters).
  Json e(lines[3]);
  EXPECT_EQ(GetInt(e.root, "total"), 18);
  simdjson::dom::array ids;
  ASSERT_EQ(e.root["ids"].get(ids), simdjson::SUCCESS);
  EXPECT_EQ(ids.size(), 10u);
  // Error text names the problem.
  Json err(lines[1]);
  EXPECT_NE(GetStr(err.root, "error").find("never closed"), std::string::npos) << lines[1];
}

TEST_F(cliSample, ShowTextAndJson) {
  RunResult t = Dl({"show", "--index", index_, "nd-nl-0004"});
  ASSERT_EQ(t.code, 0) << Describe(t);
  EXPECT_NE(t.out.find("id:       nd-nl-0004"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("language: nl"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("VN-Veiligheidsraad"), std::string::npos) << t.out;

  // A record without "lang": language detected, confidence below 1.
  RunResult j1 = Dl({"show", "--json", "--index", index_, "nd-nl-0004"});
  ASSERT_EQ(j1.code, 0) << Describe(j1);
  Json d1(j1.out);
  ASSERT_TRUE(d1.ok) << j1.out;
  EXPECT_EQ(GetStr(d1.root, "id"), "nd-nl-0004");
  EXPECT_EQ(GetStr(d1.root, "lang"), "nl");
  double conf = -1;
  ASSERT_EQ(d1.root["lang_confidence"].get(conf), simdjson::SUCCESS) << j1.out;
  EXPECT_GT(conf, 0.0);
  EXPECT_LT(conf, 1.0);
  EXPECT_EQ(GetStr(d1.root, "date"), "2019-04-05");
  EXPECT_EQ(GetStr(d1.root, "date_precision"), "day");
  for (const char* k : {"title", "source", "url", "origin", "text", "extra"}) {
    EXPECT_TRUE(HasKey(d1.root, k)) << k;
  }

  // A record with "lang": confidence 1.
  RunResult j2 = Dl({"show", "--json", "--index", index_, "am-fr-0002"});
  Json d2(j2.out);
  ASSERT_TRUE(d2.ok) << j2.out;
  EXPECT_EQ(GetStr(d2.root, "lang"), "fr");
  ASSERT_EQ(d2.root["lang_confidence"].get(conf), simdjson::SUCCESS);
  EXPECT_EQ(conf, 1.0);

  // A text file (no lang, no title), month precision; a CSV row with empty lang.
  RunResult j3 = Dl({"show", "--json", "--index", index_, "nl/ghadames-gaat-door.txt"});
  Json d3(j3.out);
  ASSERT_TRUE(d3.ok) << j3.out;
  EXPECT_EQ(GetStr(d3.root, "lang"), "nl");
  EXPECT_EQ(GetStr(d3.root, "date"), "2019-04");
  EXPECT_EQ(GetStr(d3.root, "date_precision"), "month");
  EXPECT_EQ(GetStr(d3.root, "title"), "");
  for (const auto& [id, lang] : std::vector<std::pair<std::string, std::string>>{
           {"sd-ar-0008", "ar"},
           {"gh-en-0003", "en"},
           {"nk-de-0003", "de"},
           {"ap-es-0009", "es"},
           {"ar/haftar-yamur-bitaqaddum.txt", "ar"},
           {"de/haftar-vormarsch-tripolis.txt", "de"}}) {
    RunResult r = Dl({"show", "--json", "--index", index_, id});
    Json d(r.out);
    ASSERT_TRUE(d.ok) << id << ": " << Describe(r);
    EXPECT_EQ(GetStr(d.root, "lang"), lang) << id;
  }
  // Extra fields are kept.
  RunResult j4 = Dl({"show", "--json", "--index", index_, "sd-ar-0004"});
  Json d4(j4.out);
  ASSERT_TRUE(d4.ok);
  simdjson::dom::object extra;
  ASSERT_EQ(d4.root["extra"].get(extra), simdjson::SUCCESS);
  simdjson::dom::element ex;
  ASSERT_EQ(d4.root["extra"].get(ex), simdjson::SUCCESS);
  EXPECT_TRUE(HasKey(ex, "tags")) << j4.out;
  // Time of day is dropped, the calendar date kept.
  RunResult j5 = Dl({"show", "--json", "--index", index_, "wire-en-0002"});
  Json d5(j5.out);
  EXPECT_EQ(GetStr(d5.root, "date"), "2019-04-04");
}

TEST_F(cliSample, ShowUnknownIdExitsOne) {
  RunResult r = Dl({"show", "--index", index_, "no-such-id"});
  EXPECT_EQ(r.code, 1) << Describe(r);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("no-such-id"), std::string::npos) << r.err;
  EXPECT_FALSE(LooksLikeCrash(r));
}

TEST_F(cliSample, QuerySyntaxErrorIsUsageError) {
  RunResult r = Dl({"search", "--index", index_, "(Haftar"});
  EXPECT_EQ(r.code, 2) << Describe(r);
  EXPECT_EQ(Lines(r.err).size(), 1u) << r.err;
  EXPECT_NE(r.err.find("column 1"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

// --- Commands that change an index: each on its own copy. --------------------

class cliWrite : public ::testing::Test {
 protected:
  void SetUp() override {
    index_ = tmp_ / "index";
    std::vector<std::string> args = {"ingest", "--index", index_};
    for (const auto& p : SampleInputs()) args.push_back(p);
    RunResult r = Dl(args);
    ASSERT_EQ(r.code, 0) << Describe(r);
  }
  int64_t Documents() {
    RunResult r = Dl({"stats", "--json", "--index", index_});
    Json j(r.out);
    if (r.code != 0 || !j.ok) ADD_FAILURE() << Describe(r);
    return j.ok ? GetInt(j.root, "documents") : -1;
  }
  Ids SearchIds(const std::string& q) {
    RunResult r = Dl({"search", "--index", index_, "--json", "--limit", "200", q});
    Json j(r.out);
    Ids ids;
    simdjson::dom::array hits;
    if (r.code != 0 || !j.ok || j.root["hits"].get(hits) != simdjson::SUCCESS) {
      ADD_FAILURE() << Describe(r);
      return ids;
    }
    for (auto h : hits) ids.insert(GetStr(h, "id"));
    return ids;
  }
  TempDir tmp_;
  std::string index_;
};

TEST_F(cliWrite, DeleteRemovesDocument) {
  ASSERT_TRUE(SearchIds("\"VN-Veiligheidsraad\"").count("nd-nl-0004"));
  RunResult d = Dl({"delete", "--index", index_, "nd-nl-0004"});
  EXPECT_EQ(d.code, 0) << Describe(d);
  EXPECT_NE(d.out.find("deleted 1 of 1"), std::string::npos) << d.out;
  EXPECT_EQ(SearchIds("\"VN-Veiligheidsraad\""), (Ids{"nd-nl-0006", "nd-nl-0014"}));
  EXPECT_EQ(Documents(), 79);
  RunResult s = Dl({"show", "--index", index_, "nd-nl-0004"});
  EXPECT_EQ(s.code, 1) << Describe(s);
  // Deleting it again, or an unknown id: exit 1, a message naming the id.
  RunResult again = Dl({"delete", "--index", index_, "nd-nl-0004"});
  EXPECT_EQ(again.code, 1) << Describe(again);
  RunResult unknown = Dl({"delete", "--index", index_, "does-not-exist"});
  EXPECT_EQ(unknown.code, 1) << Describe(unknown);
  EXPECT_NE(unknown.err.find("does-not-exist"), std::string::npos) << unknown.err;
  EXPECT_FALSE(LooksLikeCrash(unknown));
  // Several ids, one unknown: the known ones are deleted, exit 1.
  RunResult mixed = Dl({"delete", "--index", index_, "nd-nl-0006", "nope", "text/none"});
  EXPECT_EQ(mixed.code, 1) << Describe(mixed);
  EXPECT_NE(mixed.out.find("deleted 1 of 3"), std::string::npos) << mixed.out;
  EXPECT_EQ(Documents(), 78);
  RunResult c = Dl({"check", "--index", index_});
  EXPECT_EQ(c.code, 0) << Describe(c);
}

TEST_F(cliWrite, ReingestReplacesAll) {
  const Ids before = SearchIds("Ghadames");
  std::vector<std::string> args = {"ingest", "--index", index_};
  for (const auto& p : SampleInputs()) args.push_back(p);
  RunResult r = Dl(args);
  ASSERT_EQ(r.code, 0) << Describe(r);
  Summary s;
  ASSERT_TRUE(ParseSummary(r.out, &s)) << r.out;
  EXPECT_EQ(s.read, 80);
  EXPECT_EQ(s.indexed, 80);
  EXPECT_EQ(s.replaced, 80);
  EXPECT_EQ(s.rejected, 0);
  EXPECT_EQ(Documents(), 80);
  EXPECT_EQ(SearchIds("Ghadames"), before);
  RunResult c = Dl({"check", "--index", index_});
  EXPECT_EQ(c.code, 0) << Describe(c);
}

TEST_F(cliWrite, OptimizeThenCheck) {
  // Make several segments and some deletions first.
  RunResult a = Dl({"ingest", "--index", index_, kSample + "/jsonl"});
  ASSERT_EQ(a.code, 0) << Describe(a);
  RunResult d = Dl({"delete", "--index", index_, "wire-en-0002", "cl-fr-0004"});
  ASSERT_EQ(d.code, 0) << Describe(d);
  const Ids before = SearchIds("Tripoli");
  RunResult o = Dl({"optimize", "--index", index_});
  EXPECT_EQ(o.code, 0) << Describe(o);
  RunResult c = Dl({"check", "--index", index_});
  EXPECT_EQ(c.code, 0) << Describe(c);
  EXPECT_EQ(c.out.rfind("ok", 0), 0u) << c.out;
  EXPECT_NE(c.out.find("78 documents in 1 segments"), std::string::npos) << c.out;
  RunResult st = Dl({"stats", "--json", "--index", index_});
  Json j(st.out);
  ASSERT_TRUE(j.ok) << st.out;
  EXPECT_EQ(GetInt(j.root, "documents"), 78);
  EXPECT_EQ(GetInt(j.root, "deleted"), 0);
  EXPECT_EQ(GetInt(j.root, "segments"), 1);
  EXPECT_EQ(SearchIds("Tripoli"), before);
  // Optimizing an optimized index is fine.
  RunResult o2 = Dl({"optimize", "--index", index_});
  EXPECT_EQ(o2.code, 0) << Describe(o2);
  EXPECT_EQ(Dl({"check", "--index", index_}).code, 0);
}

TEST_F(cliWrite, DeleteThenReingestRestores) {
  ASSERT_EQ(Dl({"delete", "--index", index_, "nd-nl-0004"}).code, 0);
  std::vector<std::string> args = {"ingest", "--index", index_};
  for (const auto& p : SampleInputs()) args.push_back(p);
  RunResult r = Dl(args);
  Summary s;
  ASSERT_TRUE(ParseSummary(r.out, &s)) << r.out;
  EXPECT_EQ(s.replaced, 79);
  EXPECT_EQ(Documents(), 80);
  EXPECT_TRUE(SearchIds("\"VN-Veiligheidsraad\"").count("nd-nl-0004"));
}

// --- Usage and runtime errors. ------------------------------------------------

// Exit 2, nothing on stdout, a single "dateline: ..." line on stderr, no crash.
void ExpectUsageError(const RunResult& r, const std::string& needle) {
  EXPECT_EQ(r.code, 2) << Describe(r);
  EXPECT_TRUE(r.out.empty()) << Describe(r);
  EXPECT_EQ(Lines(r.err).size(), 1u) << Describe(r);
  EXPECT_EQ(r.err.rfind("dateline: ", 0), 0u) << Describe(r);
  EXPECT_NE(r.err.find(needle), std::string::npos) << Describe(r);
  EXPECT_FALSE(LooksLikeCrash(r)) << Describe(r);
}

TEST_F(cliSample, UsageErrors) {
  ExpectUsageError(Dl({"search", "--index", index_, "--from", "2019-13-01", "Haftar"}), "--from");
  ExpectUsageError(Dl({"search", "--index", index_, "--to", "yesterday", "Haftar"}), "--to");
  ExpectUsageError(Dl({"search", "--index", index_, "--lang", "klingon", "Haftar"}), "klingon");
  ExpectUsageError(Dl({"search", "--index", index_}), "query");
  TempDir t;
  ExpectUsageError(Dl({"ingest", "--index", t / "ix", "--format", "xml", kSample + "/jsonl"}),
                   "xml");
  EXPECT_FALSE(fs::exists(t / "ix")) << "a usage error must not create an index";
}

TEST(cliUsage, UnknownCommand) {
  RunResult r = Dl({"frobnicate"});
  EXPECT_EQ(r.code, 2) << Describe(r);
  EXPECT_TRUE(r.out.empty());
  // The message comes first, on its own line; the usage text follows it.
  EXPECT_EQ(Lines(r.err).at(0), "dateline: unknown command 'frobnicate'") << r.err;
  EXPECT_FALSE(LooksLikeCrash(r));
  RunResult none = Dl({});
  EXPECT_EQ(none.code, 2) << Describe(none);
  RunResult help = Dl({"--help"});
  EXPECT_EQ(help.code, 0) << Describe(help);
  EXPECT_NE(help.out.find("usage: dateline"), std::string::npos);
  RunResult ver = Dl({"--version"});
  EXPECT_EQ(ver.code, 0);
  EXPECT_EQ(ver.out.rfind("dateline ", 0), 0u);
}

// The documented exit code for every usage error is 2, including errors found by the flag
// parser (unknown flag, bad value, missing required argument, value out of range).
TEST(cliUsage, FlagParserErrorsExitWithUsageCode) {
  TempDir t;
  const std::string ix = t / "ix";
  const std::vector<std::vector<std::string>> cases = {
      {"search", "--index", ix, "--sort", "relevance", "Haftar"},
      {"search", "--index", ix, "--limit", "many", "Haftar"},
      {"search", "--index", ix, "--no-such-flag", "Haftar"},
      {"show", "--index", ix},
      {"delete", "--index", ix},
      {"ingest", "--index", ix},
      {"ingest", "--index", ix, "--memory-mb", "1", kSample + "/jsonl"},
      {"stats", "--index", ix, "extra-arg"},
  };
  for (const auto& args : cases) {
    RunResult r = Dl(args);
    std::string cmd;
    for (const auto& a : args) cmd += a + " ";
    EXPECT_EQ(r.code, 2) << cmd << "\n" << Describe(r);
    EXPECT_TRUE(r.out.empty()) << cmd;
    EXPECT_FALSE(r.err.empty()) << cmd;
    EXPECT_FALSE(LooksLikeCrash(r)) << cmd;
  }
}

TEST(cliUsage, SubcommandHelpExitsZero) {
  for (const char* cmd : {"ingest", "search", "show", "delete", "stats", "check", "optimize"}) {
    RunResult r = Dl({cmd, "--help"});
    EXPECT_EQ(r.code, 0) << cmd << "\n" << Describe(r);
    EXPECT_NE(r.out.find("--index"), std::string::npos) << cmd;
  }
}

TEST(cliErrors, MissingIndexIsRuntimeError) {
  TempDir t;
  const std::string missing = t / "no-index-here";
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"search", "--index", missing, "Haftar"},
                                             {"stats", "--index", missing},
                                             {"show", "--index", missing, "x"},
                                             {"check", "--index", missing}}) {
    RunResult r = Dl(args);
    EXPECT_EQ(r.code, 1) << args[0] << "\n" << Describe(r);
    EXPECT_TRUE(r.out.empty()) << args[0];
    EXPECT_EQ(Lines(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find("no dateline index"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
    EXPECT_FALSE(LooksLikeCrash(r));
  }
  // Readers never create the directory.
  EXPECT_FALSE(fs::exists(missing));
  // An existing but empty directory is not an index either.
  fs::create_directories(t / "empty");
  RunResult r = Dl({"search", "--index", t / "empty", "Haftar"});
  EXPECT_EQ(r.code, 1) << Describe(r);
  EXPECT_NE(r.err.find("no dateline index"), std::string::npos) << r.err;
}

// Writers that only modify an existing index (delete, optimize) should not silently create a
// new empty index when --index points to a directory that does not exist (e.g. a typo).
TEST(cliErrors, DeleteAndOptimizeDoNotCreateAnIndexOnATypo) {
  TempDir t;
  const std::string typo = t / "indx";
  RunResult d = Dl({"delete", "--index", typo, "some-id"});
  EXPECT_EQ(d.code, 1) << Describe(d);
  EXPECT_FALSE(fs::exists(typo + "/CURRENT")) << "delete created an empty index in " << typo;
  const std::string typo2 = t / "indx2";
  RunResult o = Dl({"optimize", "--index", typo2});
  EXPECT_EQ(o.code, 1) << Describe(o);
  EXPECT_FALSE(fs::exists(typo2 + "/CURRENT")) << "optimize created an empty index in " << typo2;
}

// --- Index location. ---------------------------------------------------------

const std::string kStdinDocs =
    "{\"id\":\"in-1\",\"date\":\"2022-03-14\",\"lang\":\"en\",\"title\":\"Tram line reopens\","
    "\"text\":\"The number 4 tram to Kaapduin runs again after a month of track works.\"}\n"
    "{\"id\":\"in-2\",\"date\":\"2022-03\",\"title\":\"Nieuwe brug\",\"text\":\"De gemeente "
    "Westkaap opent volgende week de nieuwe fietsbrug over het kanaal naar de haven.\"}\n"
    "{\"id\":\"in-3\",\"date\":\"2022-03-15\",\"text\":\"\"}\n";

TEST(cliIndexDir, EnvironmentVariableIsHonoured) {
  TempDir t;
  const std::string env_ix = t / "from-env";
  RunResult r = Dl({"ingest", "-", "--format", "jsonl"}, kStdinDocs, {{"DATELINE_INDEX", env_ix}});
  ASSERT_EQ(r.code, 0) << Describe(r);
  EXPECT_TRUE(fs::exists(env_ix + "/CURRENT"));
  RunResult s = Dl({"search", "--json", "tram"}, "", {{"DATELINE_INDEX", env_ix}});
  ASSERT_EQ(s.code, 0) << Describe(s);
  Json j(s.out);
  EXPECT_EQ(GetInt(j.root, "total"), 1) << s.out;
  // --index wins over the variable.
  RunResult other = Dl({"stats", "--index", t / "nowhere"}, "", {{"DATELINE_INDEX", env_ix}});
  EXPECT_EQ(other.code, 1) << Describe(other);
  // Without either: ./dateline-index in the working directory.
  const std::string cwd = t / "work";
  fs::create_directories(cwd);
  RunResult def = Dl({"ingest", "-", "--format", "jsonl"}, kStdinDocs, {}, cwd);
  ASSERT_EQ(def.code, 0) << Describe(def);
  EXPECT_TRUE(fs::exists(cwd + "/dateline-index/CURRENT"));
  RunResult st = Dl({"stats", "--json"}, "", {}, cwd);
  Json js(st.out);
  ASSERT_TRUE(js.ok) << Describe(st);
  EXPECT_EQ(GetInt(js.root, "documents"), 2);
  // An empty variable counts as unset.
  RunResult empty = Dl({"stats", "--json"}, "", {{"DATELINE_INDEX", ""}}, cwd);
  EXPECT_EQ(empty.code, 0) << Describe(empty);
}

TEST(cliStdin, IngestFromStdin) {
  TempDir t;
  const std::string ix = t / "ix";
  RunResult r = Dl({"ingest", "-", "--format", "jsonl", "--index", ix}, kStdinDocs);
  ASSERT_EQ(r.code, 0) << Describe(r);
  Summary s;
  ASSERT_TRUE(ParseSummary(r.out, &s)) << r.out;
  EXPECT_EQ(s.read, 3);
  EXPECT_EQ(s.indexed, 2);
  EXPECT_EQ(s.rejected, 1);
  EXPECT_EQ(s.read, s.indexed + s.rejected);
  RunResult show = Dl({"show", "--json", "--index", ix, "in-2"});
  Json j(show.out);
  ASSERT_TRUE(j.ok) << Describe(show);
  EXPECT_EQ(GetStr(j.root, "lang"), "nl");  // detected
  EXPECT_EQ(GetStr(j.root, "date_precision"), "month");
  EXPECT_EQ(GetStr(j.root, "origin"), "-:2");
  // The reject names stdin as "-".
  std::vector<fs::path> rej;
  for (const auto& e : fs::directory_iterator(ix + "/rejects")) rej.push_back(e.path());
  ASSERT_EQ(rej.size(), 1u);
  std::ifstream f(rej[0]);
  std::string line;
  ASSERT_TRUE(std::getline(f, line));
  Json rj(line);
  ASSERT_TRUE(rj.ok) << line;
  EXPECT_EQ(GetStr(rj.root, "file"), "-");
  EXPECT_EQ(GetInt(rj.root, "line"), 3);
  EXPECT_EQ(GetStr(rj.root, "reason"), "empty text");

  // Format sniffing on stdin without --format, and dateline text on stdin (id "stdin").
  RunResult sniff = Dl({"ingest", "-", "--index", t / "ix2"}, kStdinDocs);
  ASSERT_EQ(sniff.code, 0) << Describe(sniff);
  ASSERT_TRUE(ParseSummary(sniff.out, &s));
  EXPECT_EQ(s.indexed, 2);
  RunResult txt = Dl({"ingest", "-", "--index", t / "ix3"},
                     "date 2022-04-01 De veerboot naar Oostholm vaart weer volgens de "
                     "zomerdienstregeling, meldt de rederij.\n");
  ASSERT_EQ(txt.code, 0) << Describe(txt);
  EXPECT_EQ(Dl({"show", "--index", t / "ix3", "stdin"}).code, 0);
  // CSV on stdin with --format csv.
  RunResult csv = Dl({"ingest", "-", "--format", "csv", "--index", t / "ix4"},
                     "id,date,text\r\ncs-1,2022-05-01,\"Het kanaal, eindelijk "
                     "uitgebaggerd.\"\r\n");
  ASSERT_EQ(csv.code, 0) << Describe(csv);
  EXPECT_EQ(Dl({"show", "--index", t / "ix4", "cs-1"}).code, 0);
}

// --- A second writer while one is active. ---------------------------------------

TEST(cliConcurrency, SecondWriterIsRejectedWhileIngestRuns) {
  TempDir t;
  const std::string ix = t / "ix";
  Child c = Spawn({"ingest", "-", "--format", "jsonl", "--index", ix}, t / "ingest");
  ASSERT_GT(c.pid, 0);
  // Wait until the ingest holds the lock (the LOCK file is created and locked at once).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!fs::exists(ix + "/LOCK") && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(fs::exists(ix + "/LOCK"));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::string first = kStdinDocs.substr(0, kStdinDocs.find('\n') + 1);
  ASSERT_EQ(::write(c.stdin_fd, first.data(), first.size()), static_cast<ssize_t>(first.size()));

  RunResult d = Dl({"delete", "--index", ix, "in-1"});
  EXPECT_EQ(d.code, 1) << Describe(d);
  EXPECT_TRUE(d.err.find("another") != std::string::npos || d.err.find("busy") != std::string::npos)
      << Describe(d);
  EXPECT_FALSE(LooksLikeCrash(d));
  RunResult i2 = Dl({"ingest", "-", "--format", "jsonl", "--index", ix}, kStdinDocs);
  EXPECT_EQ(i2.code, 1) << Describe(i2);
  EXPECT_NE(i2.err.find("another"), std::string::npos) << Describe(i2);
  RunResult o = Dl({"optimize", "--index", ix});
  EXPECT_EQ(o.code, 1) << Describe(o);
  // Readers are not blocked; nothing is committed yet.
  RunResult s = Dl({"search", "--index", ix, "tram"});
  EXPECT_EQ(s.code, 1) << Describe(s);
  EXPECT_NE(s.err.find("no dateline index"), std::string::npos) << Describe(s);

  RunResult done = WaitChild(&c);  // closes the pipe
  EXPECT_EQ(done.code, 0) << Describe(done);
  Summary sum;
  ASSERT_TRUE(ParseSummary(done.out, &sum)) << done.out;
  EXPECT_EQ(sum.indexed, 1);
  // Now the writer is gone: delete works.
  RunResult d2 = Dl({"delete", "--index", ix, "in-1"});
  EXPECT_EQ(d2.code, 0) << Describe(d2);
}

}  // namespace
