// Stories: documents about one event linked at ingest across languages,
// grouped by readers; the `stories` and `story` commands; bad input. The
// articles are written for this test.
#include "index/stories.h"

#include <map>
#include <string>
#include <vector>

#include "cli_util.h"
#include "dateline/index.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace dateline {
namespace {

using testutil::MakeDoc;
namespace cli = testing::cli;

// A ferry fire in Piraeus, March 2024, in three languages.
const char kFerryEn[] =
    "A fire broke out on Tuesday aboard the ferry Aegean Star shortly after it left the port of "
    "Piraeus with 340 passengers, the Hellenic Coast Guard said. Captain Nikos Andreadis ordered "
    "the evacuation and all passengers were taken off by tugboats. Blue Aegean Lines, which "
    "operates the ship, said the fire started in the engine room. Greek minister Eleni Markaki "
    "said an inquiry would begin on 14 March 2024.";
const char kFerryNl[] =
    "Aan boord van de veerboot Aegean Star is dinsdag brand uitgebroken kort nadat het schip de "
    "haven van Piraeus had verlaten, meldt de Griekse kustwacht. Kapitein Nikos Andreadis liet de "
    "340 passagiers evacueren. Rederij Blue Aegean Lines zegt dat het vuur in de machinekamer "
    "begon. Minister Eleni Markaki kondigde een onderzoek aan dat op 14 maart 2024 begint.";
const char kFerryDe[] =
    "Auf der Fähre Aegean Star ist am Dienstag kurz nach dem Auslaufen aus dem Hafen von Piräus "
    "ein Feuer ausgebrochen. Kapitän Nikos Andreadis ließ die 340 Passagiere evakuieren, teilte "
    "die griechische Küstenwache mit. Die Reederei Blue Aegean Lines erklärte, der Brand sei im "
    "Maschinenraum entstanden. Ministerin Eleni Markaki kündigte eine Untersuchung ab dem "
    "14. März 2024 an.";
// A follow-up two days later.
const char kFerryFollowUp[] =
    "Investigators boarded the Aegean Star in Piraeus on Thursday as the inquiry ordered by "
    "minister Eleni Markaki began. Blue Aegean Lines said Captain Nikos Andreadis had followed "
    "every procedure, and the Hellenic Coast Guard praised the crew.";
// An unrelated story of the same week.
const char kBank[] =
    "Rheinbank and Nordkredit agreed on Wednesday to merge in a deal worth 4 billion euros, "
    "creating the third largest lender in Germany. Rheinbank chief executive Katrin Vogel will "
    "lead the combined group from Frankfurt. Nordkredit chairman Lars Petersen said the merger "
    "would close by the end of the year. The Bundesbank and the European Central Bank must "
    "approve the deal.";
const char kBankDe[] =
    "Die Rheinbank und die Nordkredit haben am Mittwoch ihre Fusion vereinbart. Rheinbank-Chefin "
    "Katrin Vogel soll den neuen Konzern von Frankfurt aus führen, sagte Nordkredit-Aufsichtsrat "
    "Lars Petersen. Die Bundesbank und die Europäische Zentralbank müssen zustimmen.";
// The same kind of event a year later, in the same port.
const char kFerryNextYear[] =
    "A fire broke out on Monday aboard the ferry Ionian Dawn in the port of Piraeus, the Hellenic "
    "Coast Guard said. Captain Giorgos Pappas ordered the evacuation of 210 passengers. Ionian "
    "Sea Ferries said the fire started in a lorry on the car deck.";

std::vector<Document> Week() {
  return {
      MakeDoc("ferry-en", "2024-03-12", "Fire on ferry leaving Piraeus", kFerryEn, "en"),
      MakeDoc("ferry-nl", "2024-03-12", "Brand op veerboot bij Piraeus", kFerryNl, "nl"),
      MakeDoc("bank-en", "2024-03-13", "Rheinbank and Nordkredit to merge", kBank, "en"),
      MakeDoc("ferry-de", "2024-03-13", "Feuer auf Fähre vor Piräus", kFerryDe, "de"),
      MakeDoc("bank-de", "2024-03-13", "Rheinbank und Nordkredit fusionieren", kBankDe, "de"),
      MakeDoc("ferry-en-2", "2024-03-14", "Inquiry into ferry fire begins", kFerryFollowUp, "en"),
      MakeDoc("ferry-2025", "2025-03-10", "Fire on ferry in Piraeus", kFerryNextYear, "en")};
}

// Adds `docs` in `batches` commits; options default.
void Ingest(const std::string& dir, const std::vector<std::vector<Document>>& batches,
            IndexOptions opt = {}) {
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir, opt, &w).ok());
  for (const auto& batch : batches) {
    for (const Document& d : batch) {
      bool replaced;
      ASSERT_TRUE(w->Add(d, &replaced).ok());
    }
    ASSERT_TRUE(w->Commit().ok());
  }
}

// Story root id of every live document.
std::map<std::string, std::string> StoryOf(const std::string& dir) {
  std::map<std::string, std::string> out;
  std::unique_ptr<IndexReader> r;
  EXPECT_TRUE(IndexReader::Open(dir, &r).ok());
  const StoryGroups* g;
  EXPECT_TRUE(r->Stories(&g).ok());
  for (size_t s = 0; s < r->segments().size(); ++s) {
    const SegmentView& v = r->segments()[s];
    for (uint32_t d = 0; d < v.reader->doc_count(); ++d) {
      if (v.IsDeleted(d)) continue;
      const auto [rs, rd] = g->Locate(g->Root(s, d));
      out[std::string(v.reader->IdOf(d))] = std::string(r->segments()[rs].reader->IdOf(rd));
    }
  }
  return out;
}

TEST(StoriesTest, MultilingualStoryGroupedUnrelatedAndNextYearApart) {
  cli::TempDir tmp;
  Ingest(tmp / "ix", {Week()});
  auto st = StoryOf(tmp / "ix");
  EXPECT_EQ(st["ferry-nl"], st["ferry-en"]);
  EXPECT_EQ(st["ferry-de"], st["ferry-en"]);
  EXPECT_EQ(st["ferry-en-2"], st["ferry-en"]);
  EXPECT_EQ(st["bank-de"], st["bank-en"]);
  EXPECT_NE(st["bank-en"], st["ferry-en"]);
  EXPECT_EQ(st["ferry-2025"], "ferry-2025");
}

// One-sentence news blurbs (as in Wikipedia's "In the news"): two names are
// all the evidence a short text has, and enough when it shares both.
const char kElectionEn[] =
    "Astrid Lindqvist wins the presidential election in Finland, defeating Johan Berglund in "
    "the runoff.";
const char kElectionFr[] =
    "Astrid Lindqvist remporte l'élection présidentielle finlandaise face à Johan Berglund.";
const char kBerglundJob[] =
    "Johan Berglund is appointed chief executive of the Nordic shipping group Baltrader.";
// A long article sharing two names with kBank, among many of its own.
const char kBookFair[] =
    "At the Leipzig book fair on Thursday, Katrin Vogel presented the memoirs of the novelist "
    "Miriam Toller, published by Hanser Verlag. Toller spoke with the critic Lars Petersen and the "
    "translator Paul Kessler about her years in Vienna and Zurich, and the Goethe Institute "
    "announced a reading tour through Bremen and Dresden.";

TEST(StoriesTest, ShortTextsLinkOnTwoSharedNamesLongOnesNeedThree) {
  cli::TempDir tmp;
  Ingest(tmp / "ix",
         {{MakeDoc("elect-en", "2024-05-06", "", kElectionEn, "en"),
           MakeDoc("elect-fr", "2024-05-07", "", kElectionFr, "fr"),
           MakeDoc("job-en", "2024-05-08", "", kBerglundJob, "en"),
           MakeDoc("bank-en", "2024-03-13", "Rheinbank and Nordkredit to merge", kBank, "en"),
           MakeDoc("fair-en", "2024-03-14", "Leipzig book fair", kBookFair, "en")}});
  auto st = StoryOf(tmp / "ix");
  EXPECT_EQ(st["elect-fr"], st["elect-en"]);
  EXPECT_EQ(st["job-en"], "job-en");  // one shared name is not enough
  EXPECT_EQ(st["fair-en"], "fair-en");
  EXPECT_EQ(st["bank-en"], "bank-en");
}

TEST(StoriesTest, EvidenceCapIsAShareOfTheArchiveWithAFloor) {
  // Small archives: a term in up to 50 documents always counts.
  EXPECT_EQ(index::StoryDfCap(80), 50.0);
  EXPECT_EQ(index::StoryDfCap(14291), 50.0);  // Reuters-21578: 0.3% would be 43
  // Large ones: 0.3% of the documents (a country in 1% of them no longer counts).
  EXPECT_DOUBLE_EQ(index::StoryDfCap(100000), 300.0);
  EXPECT_DOUBLE_EQ(index::StoryDfCap(1000000), 3000.0);
  EXPECT_DOUBLE_EQ(index::StoryDfCap(1000000, 0.01), 10000.0);
}

// Two long reports of one week naming the same two countries, of two events.
const char kAccord[] =
    "Japan and Brazil signed a coffee trade accord, the trade ministry said. Minister Hiroshi "
    "Tanabe said roasters in Osaka would buy more beans, and the exporter Serrano Cafes "
    "welcomed the accord.";
const char kMatch[] =
    "Brazil beat Japan in a friendly match in Curitiba. Coach Rui Almeida praised the striker "
    "Tiago Nunes, who scored twice, while the captain Kenji Mori blamed the heavy pitch.";

TEST(StoriesTest, EvidenceInMoreDocumentsThanTheCapLinksNothing) {
  cli::TempDir tmp;
  std::vector<Document> docs = {MakeDoc("accord", "2024-06-03", "", kAccord, "en"),
                                MakeDoc("match", "2024-06-04", "", kMatch, "en")};
  // Both countries in more than kStoryMinDfCap other documents of the archive.
  for (int i = 0; i < 60; ++i) {
    docs.push_back(
        MakeDoc("filler-" + std::to_string(i), "2024-01-01", "",
                "Trade between Japan and Brazil grew in report " + std::to_string(i) + ".", "en"));
  }
  IndexOptions opt;
  opt.find_copies = false;
  Ingest(tmp / "ix", {docs}, opt);
  auto st = StoryOf(tmp / "ix");
  EXPECT_EQ(st["match"], "match");
  EXPECT_EQ(st["accord"], "accord");
  // The same two reports alone: the countries are evidence, and link them.
  cli::TempDir tmp2;
  Ingest(tmp2 / "ix", {{docs[0], docs[1]}}, opt);
  EXPECT_EQ(StoryOf(tmp2 / "ix")["match"], "accord");
}

TEST(StoriesTest, TwoBatchesGiveTheSameStoriesAsOne) {
  cli::TempDir tmp;
  std::vector<Document> all = Week(), first(all.begin(), all.begin() + 3),
                        second(all.begin() + 3, all.end());
  Ingest(tmp / "one", {all});
  Ingest(tmp / "two", {first, second});
  EXPECT_EQ(StoryOf(tmp / "one"), StoryOf(tmp / "two"));
}

TEST(StoriesTest, NoStoriesOptionLinksNothing) {
  cli::TempDir tmp;
  IndexOptions opt;
  opt.find_stories = false;
  Ingest(tmp / "ix", {Week()}, opt);
  for (const auto& [id, root] : StoryOf(tmp / "ix")) EXPECT_EQ(id, root);
}

TEST(StoriesTest, DeletedDocumentsLeaveTheirStory) {
  cli::TempDir tmp;
  Ingest(tmp / "ix", {Week()});
  {
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(tmp / "ix", IndexOptions(), &w).ok());
    bool found;
    ASSERT_TRUE(w->Delete("ferry-en", &found).ok());
    ASSERT_TRUE(found);
    ASSERT_TRUE(w->Commit().ok());
  }
  auto st = StoryOf(tmp / "ix");
  EXPECT_EQ(st.count("ferry-en"), 0u);
  EXPECT_NE(st["ferry-nl"], "ferry-en");
  EXPECT_NE(st["bank-en"], st["ferry-de"]);
}

TEST(StoriesTest, BadInputNeverCrashes) {
  cli::TempDir tmp;
  std::vector<Document> docs = {
      MakeDoc("none", "2024-03-12", "", "no names here at all, just words.", "en"),
      MakeDoc("empty", "2024-03-12", "", "", "en"),
      MakeDoc("year", "2024", "", kFerryEn, "en"),
      MakeDoc("dup", "2024-03-12", "t", kFerryEn, "en"),
      MakeDoc("dup", "2024-03-12", "t", kFerryEn, "en"),
      MakeDoc("odd", "2024-03-12", "\x03~x", "\x03~none \x03Pkey", "xx")};
  Ingest(tmp / "ix", {docs, docs});
  auto st = StoryOf(tmp / "ix");
  EXPECT_EQ(st["none"], "none");
  auto r = cli::Dl({"stories", "--index", tmp / "ix", "--json"});
  EXPECT_EQ(r.code, 0) << cli::Describe(r);
  r = cli::Dl({"story", "--index", tmp / "ix", "empty"});
  EXPECT_EQ(r.code, 0) << cli::Describe(r);
  r = cli::Dl({"story", "--index", tmp / "ix", "missing"});
  EXPECT_EQ(r.code, 1) << cli::Describe(r);
}

TEST(StoriesCliTest, StoriesJsonFieldsAndStoryListing) {
  cli::TempDir tmp;
  const std::string index = tmp / "ix";
  Ingest(index, {Week()});
  auto r = cli::Dl({"stories", "--index", index, "--json", "--limit", "2"});
  ASSERT_EQ(r.code, 0) << cli::Describe(r);
  cli::Json j(r.out);
  ASSERT_TRUE(j.ok) << r.out;
  simdjson::dom::array arr = j.root.get_array();
  ASSERT_EQ(arr.size(), 2u);
  simdjson::dom::element s = arr.at(0);
  EXPECT_EQ(cli::GetStr(s, "id"), "ferry-en") << r.out;
  EXPECT_EQ(cli::GetInt(s, "documents"), 4);
  EXPECT_EQ(cli::GetInt(s, "reports"), 4);
  EXPECT_EQ(cli::GetStr(s, "first_date"), "2024-03-12");
  EXPECT_EQ(cli::GetStr(s, "last_date"), "2024-03-14");
  EXPECT_EQ(cli::GetStr(s, "title_id").substr(0, 6), "ferry-");
  EXPECT_EQ(s["languages"].get_array().size(), 3u);
  EXPECT_GE(s["entities"].get_array().size(), 1u);
  EXPECT_GE(s["places"].get_array().size(), 1u);
  for (const char* f : {"title", "sources", "matching"}) EXPECT_TRUE(cli::HasKey(s, f)) << f;

  r = cli::Dl({"stories", "--index", index, "--json", "Rheinbank"});
  ASSERT_EQ(r.code, 0) << cli::Describe(r);
  cli::Json b(r.out);
  ASSERT_TRUE(b.ok) << r.out;
  simdjson::dom::array banks = b.root.get_array();
  ASSERT_EQ(banks.size(), 1u);
  EXPECT_EQ(cli::GetInt(banks.at(0), "documents"), 2);

  r = cli::Dl({"story", "--index", index, "--json", "ferry-de"});
  ASSERT_EQ(r.code, 0) << cli::Describe(r);
  cli::Json m(r.out);
  ASSERT_TRUE(m.ok) << r.out;
  simdjson::dom::array members = m.root["members"].get_array();
  ASSERT_EQ(members.size(), 4u);
  EXPECT_EQ(cli::GetStr(members.at(0), "date"), "2024-03-12");
  EXPECT_EQ(cli::GetStr(members.at(3), "id"), "ferry-en-2");
  for (const char* f : {"lang", "source", "title", "copy_of"}) {
    EXPECT_TRUE(cli::HasKey(members.at(0), f)) << f;
  }
  r = cli::Dl({"story", "--index", index, "bank-de"});
  ASSERT_EQ(r.code, 0) << cli::Describe(r);
  EXPECT_NE(r.out.find("Rheinbank"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace dateline
