// Search semantics (dateline/search.h) on a small multilingual index of invented
// articles, and a randomized comparison of Boolean queries with a brute-force
// evaluation over the documents.
#include "dateline/search.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "dateline/index.h"
#include "dateline/text.h"
#include "gtest/gtest.h"
#include "index/segment.h"
#include "test_util.h"

namespace dateline::search {
namespace {

using testutil::kSanitized;
using testutil::MakeDoc;
using testutil::TempDir;

std::vector<Document> Corpus() {
  std::vector<Document> c;
  // Dutch.
  c.push_back(MakeDoc("nl-luchtaanval", "2019-04-06", "Luchtaanval op vliegveld Mitiga",
                      "Bij een luchtaanval op het vliegveld Mitiga bij Tripoli vielen geen doden. "
                      "De VN-Veiligheidsraad komt vrijdag bijeen. Gezant Ghassan Salamé roept op "
                      "tot kalmte in Libië.",
                      "nl"));
  c.push_back(MakeDoc("nl-protest", "2019-04-12", "Inwoners van Misrata protesteren",
                      "Honderden inwoners protesteren op het centrale plein tegen de gevechten "
                      "rond de hoofdstad.",
                      "nl"));
  c.push_back(MakeDoc("nl-overleg", "2019-04", "Vredesoverleg uitgesteld",
                      "Het geplande vredesoverleg in Ghadames is voor onbepaalde tijd "
                      "uitgesteld, zegt een woordvoerder van de gezant.",
                      "nl"));
  c.push_back(MakeDoc("nl-raad", "2019-04-20", "Veiligheidsraad verdeeld",
                      "De Veiligheidsraad kon het niet eens worden over een nieuwe resolutie.",
                      "nl"));
  // English.
  c.push_back(MakeDoc("en-talks", "2019-04-08", "Peace talks collapse after dispute",
                      "The peace talks between the rival governments collapsed on Monday. "
                      "Delegates blamed each other for the failed negotiation over the line.",
                      "en"));
  c.push_back(MakeDoc("en-order", "2019-04-09", "Envoy meets delegates",
                      "Delegates said the talks on a lasting peace would resume next week.", "en"));
  c.push_back(MakeDoc("en-talk", "2019-04-10", "Diplomats prepare",
                      "Both sides agreed that a peace talk with observers could start soon.",
                      "en"));
  c.push_back(MakeDoc("en-short", "2019-05-02", "Sky over the bay",
                      "A zeppelin drifted over the bay.", "en"));
  std::string filler;
  for (int i = 0; i < 40; ++i) {
    filler += "The committee reviewed the annual budget of the museum and the library. ";
  }
  c.push_back(MakeDoc("en-long", "2019-05-03", "Sky over the city",
                      filler + "A zeppelin drifted over the city. " + filler, "en"));
  c.push_back(MakeDoc("en-annual", "2018", "Annual review",
                      "The annual review of the fishing quotas was published.", "en"));
  c.push_back(MakeDoc("en-quokka", "2019-07-01", "Wildlife notes",
                      std::string("Rangers counted animals. ") +
                          "A quokka, a wombat and a dingo were seen near the camp at dawn. " +
                          filler,
                      "en"));
  c.push_back(MakeDoc("en-q1", "2019-07-02", "Quokka", "Quokka quokka quokka quokka.", "en"));
  c.push_back(MakeDoc("en-q2", "2019-07-03", "Wombat", "Wombat wombat wombat wombat.", "en"));
  c.push_back(MakeDoc("en-q3", "2019-07-04", "Pair", "A quokka and a wombat together.", "en"));
  c.push_back(MakeDoc("en-deleted", "2019-04-08", "Peace xylophonist",
                      "The xylophonist played at the peace talks.", "en"));
  c.push_back(MakeDoc("en-notitle", "2019-06-15", "",
                      "Zanzibar ferries resumed service after the storm.", "en"));
  // French, German, Spanish.
  c.push_back(MakeDoc("fr-accord", "2019-04-15", "L'ONU salue l'accord",
                      "Les négociations entre les deux camps ont abouti à un accord fragile, "
                      "selon l'envoyé spécial Salamé.",
                      "fr"));
  c.push_back(MakeDoc("fr-elections", "2018-11", "Élections reportées",
                      "Les élections prévues en décembre sont reportées à une date inconnue.",
                      "fr"));
  c.push_back(MakeDoc("de-gespraeche", "2019-04-16", "Gespräche in Berlin",
                      "Die Außenminister führten lange Gespräche über die Lage in Libyen.", "de"));
  c.push_back(MakeDoc("de-wahl", "2019-03-02", "Wahl verschoben",
                      "Die Wahl wurde auf unbestimmte Zeit verschoben.", "de"));
  c.push_back(MakeDoc("es-paz", "2019-04-17", "Conversaciones de paz",
                      "Las conversaciones de paz se reanudarán en Túnez la próxima semana.", "es"));
  c.push_back(MakeDoc("es-puerto", "2019-02-11", "El puerto reabre",
                      "El puerto de la ciudad reabre tras meses de obras.", "es"));
  // Arabic.
  c.push_back(MakeDoc("ar-tripoli", "2019-04-07", "اشتباكات قرب طرابلس",
                      "اندلعت اشتباكات عنيفة قرب مطار طرابلس الدولي صباح اليوم.", "ar"));
  c.push_back(MakeDoc("ar-salame", "2019-04-21", "غسان سلامة يدعو إلى الهدوء",
                      "دعا المبعوث الأممي غسان سلامة جميع الأطراف إلى وقف القتال.", "ar"));
  // No language: detection decides.
  c.push_back(MakeDoc("xx-en", "2019-06-01", "Harbour authority closes the northern pier",
                      "The harbour authority announced on Tuesday that the northern pier will "
                      "remain closed for repairs until the end of the summer. Fishermen who "
                      "depend on the pier said they were disappointed by the decision and asked "
                      "the council for compensation.",
                      ""));
  c.push_back(MakeDoc("xx-nl", "2019-06-02", "Nieuwe brug gaat later open",
                      "De gemeenteraad heeft dinsdagavond besloten dat de nieuwe brug over de "
                      "rivier pas volgend jaar wordt geopend. Bewoners van de wijk reageerden "
                      "teleurgesteld op het besluit en vragen om een tijdelijke oplossing.",
                      ""));
  c.push_back(MakeDoc("xx-fr", "2019-06-03", "La mairie ferme la bibliothèque",
                      "La mairie a annoncé mardi que la bibliothèque municipale restera fermée "
                      "pendant tout l'été pour des travaux de rénovation. Les habitants du "
                      "quartier regrettent cette décision et demandent une solution provisoire.",
                      ""));
  c.push_back(MakeDoc("de-year", "2017", "Jahresrückblick",
                      "Ein Rückblick auf das Jahr in der Stadt.", "de"));
  c.push_back(MakeDoc("es-month", "2019-01", "Resumen de enero",
                      "Un resumen de las noticias del mes de enero.", "es"));
  c.push_back(MakeDoc("en-day", "2019-04-30", "Last day of April",
                      "The ferry timetable changes at the end of April.", "en"));
  return c;
}

class SearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    IndexOptions opt;
    opt.threads = 2;
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(dir_->path(), opt, &w).ok());
    const auto docs = Corpus();
    // Two commits: results must combine segments.
    for (size_t i = 0; i < docs.size(); ++i) {
      bool replaced;
      ASSERT_TRUE(w->Add(docs[i], &replaced).ok());
      if (i == docs.size() / 2) {
        ASSERT_TRUE(w->Commit().ok());
      }
    }
    ASSERT_TRUE(w->Commit().ok());
    bool found = false;
    ASSERT_TRUE(w->Delete("en-deleted", &found).ok());
    ASSERT_TRUE(found);
    ASSERT_TRUE(w->Commit().ok());
    w.reset();
    std::unique_ptr<IndexReader> r;
    ASSERT_TRUE(IndexReader::Open(dir_->path(), &r).ok());
    reader_ = r.release();
  }
  static void TearDownTestSuite() {
    delete reader_;
    delete dir_;
    reader_ = nullptr;
    dir_ = nullptr;
  }

  static Results Run(std::string_view q, SearchOptions o = {}) {
    if (o.limit == 10) o.limit = 1000;
    Results res;
    const Status s = Search(*reader_, q, o, &res);
    EXPECT_TRUE(s.ok()) << q << ": " << s.ToString();
    return res;
  }
  static std::set<std::string> Ids(std::string_view q, SearchOptions o = {}) {
    const Results res = Run(q, o);
    std::set<std::string> ids;
    for (const auto& h : res.hits) ids.insert(h.id);
    EXPECT_EQ(res.total, res.hits.size()) << q << ": total disagrees with the hits";
    return ids;
  }
  static bool Has(std::string_view q, const std::string& id) { return Ids(q).count(id) > 0; }
  static std::string LangOf(const std::string& id) {
    Document d;
    EXPECT_TRUE(reader_->Get(id, &d).ok()) << id;
    return d.lang;
  }

  static TempDir* dir_;
  static IndexReader* reader_;
};

TempDir* SearchTest::dir_ = nullptr;
IndexReader* SearchTest::reader_ = nullptr;

using Set = std::set<std::string>;

TEST_F(SearchTest, StemmingInEachLanguage) {
  EXPECT_TRUE(Has("luchtaanvallen", "nl-luchtaanval"));
  EXPECT_TRUE(Has("protesteerden", "nl-protest"));
  EXPECT_TRUE(Has("negotiations", "en-talks"));
  EXPECT_TRUE(Has("conversación", "es-paz"));
  EXPECT_TRUE(Has("négociation", "fr-accord"));
  EXPECT_TRUE(Has("Gespräch", "de-gespraeche"));
  // The unstemmed forms match too.
  EXPECT_TRUE(Has("luchtaanval", "nl-luchtaanval"));
  EXPECT_TRUE(Has("negotiation", "en-talks"));
}

TEST_F(SearchTest, DiacriticsAndCaseNeverMatter) {
  EXPECT_EQ(Ids("Salame"), (Set{"nl-luchtaanval", "fr-accord"}));
  EXPECT_EQ(Ids("SALAMÉ"), (Set{"nl-luchtaanval", "fr-accord"}));
  EXPECT_EQ(Ids("Libie"), Set{"nl-luchtaanval"});
  EXPECT_EQ(Ids("libië"), Set{"nl-luchtaanval"});
  EXPECT_EQ(Ids("\"LIBIE\""), Set{"nl-luchtaanval"});
  EXPECT_TRUE(Has("aussenminister", "de-gespraeche"));  // ß folds to ss
  EXPECT_TRUE(Has("Tunez", "es-paz"));
}

TEST_F(SearchTest, HyphenatedCompounds) {
  EXPECT_EQ(Ids("Veiligheidsraad"), (Set{"nl-luchtaanval", "nl-raad"}));
  EXPECT_EQ(Ids("VN"), Set{"nl-luchtaanval"});
  EXPECT_EQ(Ids("VN-Veiligheidsraad"), Set{"nl-luchtaanval"});
  EXPECT_EQ(Ids("vn-veiligheidsraad"), Set{"nl-luchtaanval"});
  EXPECT_EQ(Ids("\"VN-Veiligheidsraad komt\""), Set{"nl-luchtaanval"});
}

TEST_F(SearchTest, Phrases) {
  EXPECT_EQ(Ids("\"peace talks\""), Set{"en-talks"});  // en-deleted is gone
  EXPECT_EQ(Ids("\"talks peace\""), Set{});
  // Phrases are not stemmed: "peace talk" is only in en-talk.
  EXPECT_EQ(Ids("\"peace talk\""), Set{"en-talk"});
  // Bare words are: all three documents have peace and talk(s).
  const Set bare = Ids("+peace +talks");
  EXPECT_EQ(bare, (Set{"en-talks", "en-order", "en-talk"}));
  // Case and diacritics do not matter in phrases.
  EXPECT_EQ(Ids("\"PEACE Talks\""), Set{"en-talks"});
  EXPECT_EQ(Ids("\"ghassan salame\""), Set{"nl-luchtaanval"});
  // A phrase does not span the title and the text.
  EXPECT_EQ(Ids("\"dispute the\""), Set{});
  EXPECT_EQ(Ids("\"collapse after dispute\""), Set{"en-talks"});
  // Unclosed quote: to the end of the query.
  EXPECT_EQ(Ids("\"peace talks"), Set{"en-talks"});
}

TEST_F(SearchTest, BooleanOperators) {
  EXPECT_EQ(Ids("salame AND tripoli"), Set{"nl-luchtaanval"});
  EXPECT_EQ(Ids("salame && tripoli"), Set{"nl-luchtaanval"});
  EXPECT_EQ(Ids("salame -tripoli"), Set{"fr-accord"});
  EXPECT_EQ(Ids("salame AND NOT tripoli"), Set{"fr-accord"});
  EXPECT_EQ(Ids("salame !tripoli"), Set{"fr-accord"});
  EXPECT_EQ(Ids("salame OR ghadames"), (Set{"nl-luchtaanval", "fr-accord", "nl-overleg"}));
  EXPECT_EQ(Ids("salame || ghadames"), (Set{"nl-luchtaanval", "fr-accord", "nl-overleg"}));
  EXPECT_EQ(Ids("salame ghadames"), (Set{"nl-luchtaanval", "fr-accord", "nl-overleg"}));
  EXPECT_EQ(Ids("+salame ghadames"), (Set{"nl-luchtaanval", "fr-accord"}));
  EXPECT_EQ(Ids("(salame OR ghadames) AND gezant"), (Set{"nl-luchtaanval", "nl-overleg"}));
  EXPECT_EQ(Ids("salame OR (ghadames AND tripoli)"), (Set{"nl-luchtaanval", "fr-accord"}));
  EXPECT_EQ(Ids("(salame OR ghadames) -(tripoli OR accord)"), Set{"nl-overleg"});
  EXPECT_EQ(Ids("salame AND tripoli AND libie"), Set{"nl-luchtaanval"});
  EXPECT_EQ(Ids("salame AND zeppelin"), Set{});
  // Lower-case operators are words.
  EXPECT_EQ(Ids("+salame +and"), Set{});
}

TEST_F(SearchTest, OnlyNegativeOrOnlyFilterQueries) {
  const uint64_t live = reader_->live_documents();
  ASSERT_EQ(live, Corpus().size() - 1);
  EXPECT_EQ(Run("*").total, live);
  EXPECT_EQ(Run("").total, live);
  EXPECT_EQ(Run("-zeppelin").total, live - 2);
  EXPECT_EQ(Run("NOT salame").total, live - 2);
  EXPECT_EQ(Ids("--zeppelin"), (Set{"en-short", "en-long"}));
  // Filter-only queries: every document of the language.
  for (const std::string lang : {"nl", "en", "fr", "de", "es", "ar"}) {
    uint64_t want = 0;
    for (const auto& d : Corpus()) {
      if (d.id != "en-deleted" && LangOf(d.id) == lang) ++want;
    }
    EXPECT_EQ(Run("lang:" + lang).total, want) << lang;
    EXPECT_EQ(Run("-lang:" + lang).total, live - want) << lang;
    SearchOptions o;
    o.langs = {lang};
    EXPECT_EQ(Run("*", o).total, want) << lang;
  }
  EXPECT_EQ(Run("lang:nl date:2019-04").total, 4u);
  EXPECT_EQ(Run("lang:nl,de").total, Run("lang:nl").total + Run("lang:de").total);
}

TEST_F(SearchTest, LanguageDetectionAndFilters) {
  EXPECT_EQ(LangOf("xx-en"), "en");
  EXPECT_EQ(LangOf("xx-nl"), "nl");
  EXPECT_EQ(LangOf("xx-fr"), "fr");
  // Detected documents are stemmed in their language.
  EXPECT_TRUE(Has("repair", "xx-en"));
  EXPECT_TRUE(Has("bibliothèques", "xx-fr"));
  EXPECT_EQ(Ids("salame lang:fr"), Set{"fr-accord"});
  EXPECT_EQ(Ids("salame -lang:fr"), Set{"nl-luchtaanval"});
  SearchOptions o;
  o.langs = {"fr", "de"};
  EXPECT_EQ(Ids("salame", o), Set{"fr-accord"});
  o.langs = {"es"};
  EXPECT_EQ(Ids("salame", o), Set{});
  EXPECT_EQ(Ids("lang:xx"), Set{});
}

TEST_F(SearchTest, FieldsTitleAndText) {
  EXPECT_EQ(Ids("title:misrata"), Set{"nl-protest"});
  EXPECT_EQ(Ids("text:misrata"), Set{});
  EXPECT_EQ(Ids("text:plein"), Set{"nl-protest"});
  EXPECT_EQ(Ids("title:plein"), Set{});
  // Fields are not stemmed.
  EXPECT_EQ(Ids("title:protesteren"), Set{"nl-protest"});
  EXPECT_EQ(Ids("title:protesteerden"), Set{});
  EXPECT_EQ(Ids("title:\"peace talks\""), Set{"en-talks"});
  EXPECT_EQ(Ids("text:\"peace talks\""), Set{"en-talks"});
  EXPECT_EQ(Ids("title:(misrata OR vredesoverleg)"), (Set{"nl-protest", "nl-overleg"}));
  // A document without a title: its first text word is in the text field.
  EXPECT_EQ(Ids("text:zanzibar"), Set{"en-notitle"});
  EXPECT_EQ(Ids("title:zanzibar"), Set{});
  EXPECT_EQ(Ids("zanzibar"), Set{"en-notitle"});
  // The last title word and the first text word.
  EXPECT_EQ(Ids("title:dispute"), Set{"en-talks"});
  EXPECT_EQ(Ids("text:dispute"), Set{});
  EXPECT_EQ(Ids("text:the title:dispute"), Ids("text:the"));
}

TEST_F(SearchTest, DateFiltersContainmentAndOverlap) {
  // nl-overleg is dated 2019-04 (month precision).
  EXPECT_TRUE(Has("vredesoverleg date:[2019-04-01 TO 2019-04-30]", "nl-overleg"));
  EXPECT_FALSE(Has("vredesoverleg date:[2019-04-06 TO 2019-04-30]", "nl-overleg"));
  EXPECT_TRUE(Has("vredesoverleg date:2019", "nl-overleg"));
  EXPECT_TRUE(Has("vredesoverleg date:2019-04", "nl-overleg"));
  EXPECT_FALSE(Has("vredesoverleg date:2019-04-06", "nl-overleg"));
  SearchOptions overlap;
  overlap.date_overlap = true;
  EXPECT_EQ(Ids("vredesoverleg date:[2019-04-06 TO 2019-04-30]", overlap), Set{"nl-overleg"});
  EXPECT_EQ(Ids("vredesoverleg date:2019-04-06", overlap), Set{"nl-overleg"});
  EXPECT_EQ(Ids("vredesoverleg date:[2019-05-01 TO *]", overlap), Set{});
  // The same through SearchOptions.
  SearchOptions o;
  o.from = testutil::D("2019-04-06");
  o.to = testutil::D("2019-04-30");
  EXPECT_EQ(Ids("vredesoverleg", o), Set{});
  o.date_overlap = true;
  EXPECT_EQ(Ids("vredesoverleg", o), Set{"nl-overleg"});
  o = {};
  o.from = testutil::D("2019-04");
  o.to = testutil::D("2019-04");
  EXPECT_EQ(Ids("vredesoverleg", o), Set{"nl-overleg"});
  // Exact day counts.
  EXPECT_EQ(Ids("date:2019-04-06"), Set{"nl-luchtaanval"});
  EXPECT_EQ(Ids("date:2018"), (Set{"en-annual", "fr-elections"}));
  EXPECT_EQ(Ids("date:<2018"), Set{"de-year"});
  EXPECT_EQ(Ids("date:[2019-04-30 TO 2019-05-02]"), (Set{"en-day", "en-short"}));
  // A year document overlaps any day of its year.
  SearchOptions ov;
  ov.date_overlap = true;
  EXPECT_EQ(Ids("date:2017-12-31", ov), Set{"de-year"});
  EXPECT_EQ(Ids("date:2017-06-15", ov), Set{"de-year"});
  EXPECT_EQ(Ids("date:2018-01-01", ov), Set{"en-annual"});
  EXPECT_EQ(Ids("date:2019-01-31", ov), Set{"es-month"});
  // Brute force over every document for several ranges, both modes.
  const std::vector<std::pair<std::string, std::string>> ranges = {
      {"2019-04-01", "2019-04-30"}, {"2019-04-06", "2019-04-30"}, {"2018-06-01", "2019-01-15"},
      {"2017-03-01", "2017-03-01"}, {"2019-04-08", "2019-04-08"}, {"2016-01-01", "2020-12-31"}};
  for (const auto& [from, to] : ranges) {
    for (bool ovl : {false, true}) {
      Set want;
      const int32_t f = testutil::D(from).FirstDay(), t = testutil::D(to).LastDay();
      for (const auto& d : Corpus()) {
        if (d.id == "en-deleted") continue;
        const bool in = ovl ? d.date.LastDay() >= f && d.date.FirstDay() <= t
                            : d.date.FirstDay() >= f && d.date.LastDay() <= t;
        if (in) want.insert(d.id);
      }
      SearchOptions so;
      so.date_overlap = ovl;
      EXPECT_EQ(Ids("date:[" + from + " TO " + to + "]", so), want)
          << from << ".." << to << " overlap=" << ovl;
      so.from = testutil::D(from);
      so.to = testutil::D(to);
      EXPECT_EQ(Ids("*", so), want) << from << ".." << to << " overlap=" << ovl;
    }
  }
}

TEST_F(SearchTest, SortByDateNewestFirstAndPaging) {
  SearchOptions o;
  o.sort = SearchOptions::Sort::kDate;
  o.limit = 7;
  o.snippets = false;
  const uint64_t live = reader_->live_documents();
  std::vector<Hit> all;
  std::set<std::string> seen;
  for (size_t off = 0; off < live + 7; off += 7) {
    o.offset = off;
    Results res;
    ASSERT_TRUE(Search(*reader_, "*", o, &res).ok());
    EXPECT_EQ(res.total, live);
    EXPECT_EQ(res.hits.size(), std::min<size_t>(7, off < live ? live - off : 0)) << off;
    for (const auto& h : res.hits) {
      EXPECT_TRUE(seen.insert(h.id).second) << h.id << " on two pages";
      all.push_back(h);
    }
  }
  EXPECT_EQ(all.size(), live);
  for (size_t i = 1; i < all.size(); ++i) {
    EXPECT_GE(all[i - 1].date.FirstDay(), all[i].date.FirstDay())
        << all[i - 1].id << " before " << all[i].id;
  }
  // Hit dates keep their precision.
  for (const auto& h : all) {
    if (h.id == "nl-overleg") {
      EXPECT_EQ(h.date.ToString(), "2019-04");
    }
    if (h.id == "de-year") {
      EXPECT_EQ(h.date.ToString(), "2017");
    }
    if (h.id == "nl-luchtaanval") {
      EXPECT_EQ(h.date.ToString(), "2019-04-06");
    }
  }
  // Score paging: disjoint pages covering the total.
  SearchOptions p;
  p.limit = 3;
  p.snippets = false;
  std::vector<std::string> paged;
  const uint64_t total = Run("peace OR talks OR salame OR the").total;
  ASSERT_GT(total, 6u);
  for (size_t off = 0; off < total; off += 3) {
    p.offset = off;
    Results res;
    ASSERT_TRUE(Search(*reader_, "peace OR talks OR salame OR the", p, &res).ok());
    EXPECT_EQ(res.total, total);
    for (const auto& h : res.hits) paged.push_back(h.id);
  }
  EXPECT_EQ(std::set<std::string>(paged.begin(), paged.end()).size(), total);
  EXPECT_EQ(paged.size(), total);
  // The same order as one big page.
  const Results one = Run("peace OR talks OR salame OR the");
  std::vector<std::string> one_ids;
  for (const auto& h : one.hits) one_ids.push_back(h.id);
  EXPECT_EQ(paged, one_ids);
  // An offset past the end.
  p.offset = total + 5;
  Results res;
  ASSERT_TRUE(Search(*reader_, "peace", p, &res).ok());
  EXPECT_TRUE(res.hits.empty());
  // limit 0: only the count.
  SearchOptions z;
  z.limit = 0;
  ASSERT_TRUE(Search(*reader_, "peace", z, &res).ok());
  EXPECT_TRUE(res.hits.empty());
  EXPECT_EQ(res.total, Run("peace").total);
}

TEST_F(SearchTest, CoordinationRanksAllWordsFirst) {
  const Results res = Run("quokka wombat dingo");
  ASSERT_GE(res.hits.size(), 4u);
  EXPECT_EQ(res.hits[0].id, "en-quokka") << "the only document with all three words";
  EXPECT_EQ(res.hits[0].matched, 3u);
  EXPECT_EQ(res.hits[1].id, "en-q3") << "two of the words";
  EXPECT_EQ(res.hits[1].matched, 2u);
  for (size_t i = 1; i < res.hits.size(); ++i) {
    EXPECT_GE(res.hits[i - 1].matched, res.hits[i].matched);
    if (res.hits[i - 1].matched == res.hits[i].matched) {
      EXPECT_GE(res.hits[i - 1].score, res.hits[i].score);
    }
  }
  EXPECT_EQ(res.total, 4u);
}

TEST_F(SearchTest, AbsentWordGivesNothing) {
  EXPECT_EQ(Run("blorptastic").total, 0u);
  EXPECT_EQ(Run("\"blorptastic\"").total, 0u);
  EXPECT_EQ(Run("title:blorptastic").total, 0u);
  EXPECT_EQ(Run("+blorptastic zeppelin").total, 0u);
  EXPECT_EQ(Run("blorptastic zeppelin").total, 2u);
  EXPECT_EQ(Run("blorptastic AND zeppelin").total, 0u);
  EXPECT_EQ(Run("zeppelin -blorptastic").total, 2u);
  EXPECT_EQ(Run("xylophonist").total, 0u) << "deleted documents never match";
}

TEST_F(SearchTest, ArabicQueries) {
  EXPECT_EQ(Ids("طرابلس"), Set{"ar-tripoli"});
  EXPECT_EQ(Ids("اشتباكات"), Set{"ar-tripoli"});
  EXPECT_EQ(Ids("طَرابُلس"), Set{"ar-tripoli"});  // harakat are ignored
  EXPECT_EQ(Ids("سلامة"), Set{"ar-salame"});
  EXPECT_EQ(Ids("سلامه"), Set{"ar-salame"});  // ta marbuta folds to ha
  EXPECT_EQ(Ids("\"مطار طرابلس\""), Set{"ar-tripoli"});
  EXPECT_EQ(Ids("طرابلس lang:ar"), Set{"ar-tripoli"});
}

TEST_F(SearchTest, SnippetsMarkMatches) {
  SearchOptions o;
  const Results res = Run("luchtaanvallen", o);
  ASSERT_EQ(res.hits.size(), 1u);
  const Hit& h = res.hits[0];
  EXPECT_EQ(h.id, "nl-luchtaanval");
  EXPECT_EQ(h.title, "Luchtaanval op vliegveld Mitiga");
  EXPECT_EQ(h.lang, "nl");
  EXPECT_NE(h.snippet.find(std::string(1, kMarkBegin) + "luchtaanval" + kMarkEnd),
            std::string::npos)
      << h.snippet;
  const Results ph = Run("\"peace talks\"");
  ASSERT_EQ(ph.hits.size(), 1u);
  EXPECT_NE(ph.hits[0].snippet.find(std::string(1, kMarkBegin) + "peace" + kMarkEnd),
            std::string::npos)
      << ph.hits[0].snippet;
  EXPECT_NE(ph.hits[0].snippet.find(std::string(1, kMarkBegin) + "talks" + kMarkEnd),
            std::string::npos);
  const Results ar = Run("طرابلس");
  ASSERT_EQ(ar.hits.size(), 1u);
  EXPECT_NE(ar.hits[0].snippet.find(std::string(1, kMarkBegin) + "طرابلس" + kMarkEnd),
            std::string::npos)
      << ar.hits[0].snippet;
  // Excluded words are not marked; snippets off leaves them empty.
  const Results ex = Run("zeppelin -museum");
  ASSERT_EQ(ex.hits.size(), 1u);
  EXPECT_EQ(ex.hits[0].id, "en-short");
  EXPECT_EQ(ex.hits[0].snippet.find("museum"), std::string::npos);
  SearchOptions off;
  off.snippets = false;
  off.load_documents = false;
  const Results quiet = Run("zeppelin", off);
  ASSERT_EQ(quiet.hits.size(), 2u);
  EXPECT_TRUE(quiet.hits[0].snippet.empty());
  EXPECT_TRUE(quiet.hits[0].title.empty());
  EXPECT_FALSE(quiet.hits[0].id.empty());
}

TEST_F(SearchTest, Bm25PrefersTheShortDocument) {
  const Results res = Run("zeppelin");
  ASSERT_EQ(res.hits.size(), 2u);
  EXPECT_EQ(res.hits[0].id, "en-short");
  EXPECT_EQ(res.hits[1].id, "en-long");
  EXPECT_GT(res.hits[0].score, res.hits[1].score);
  EXPECT_GT(res.hits[1].score, 0.0f);
  // Filters never change a score.
  const Results filtered = Run("zeppelin lang:en date:2019");
  ASSERT_EQ(filtered.hits.size(), 2u);
  EXPECT_FLOAT_EQ(filtered.hits[0].score, res.hits[0].score);
  EXPECT_FLOAT_EQ(filtered.hits[1].score, res.hits[1].score);
}

TEST_F(SearchTest, InvalidQueriesAreErrors) {
  Results res;
  EXPECT_TRUE(Search(*reader_, "(a", {}, &res).IsInvalidArgument());
  EXPECT_TRUE(Search(*reader_, "a AND", {}, &res).IsInvalidArgument());
  EXPECT_TRUE(Search(*reader_, "date:2019-02-30", {}, &res).IsInvalidArgument());
}

// BUG (doc/behaviour mismatch since commit a264231 "Stem terms share one namespace
// across languages"): doc/query-syntax.md says bare words are "stemmed in each
// document's own language". Stems of all languages are now one namespace
// (src/index/segment_writer.cc StemTerm, src/index/inverter.cc StemId) and the
// searcher ORs the query word's stems in every language of the index
// (src/search/searcher.cc Runner::StemTerms / BuildWord). So the Dutch query
// word "mannen" (Dutch stem "man") matches an English document that only says
// "man", although the English stem of "mannen" is "mannen".
TEST(SearchLanguageTest, BareWordIsStemmedInTheDocumentsLanguage) {
  TempDir dir;
  std::unique_ptr<IndexWriter> w;
  IndexOptions opt;
  opt.threads = 1;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), opt, &w).ok());
  bool replaced;
  ASSERT_TRUE(
      w->Add(MakeDoc("en", "2019-01-01", "A man", "A man walked along the quay.", "en"), &replaced)
          .ok());
  ASSERT_TRUE(
      w->Add(MakeDoc("nl", "2019-01-02", "Mannen", "Twee mannen liepen over de kade.", "nl"),
             &replaced)
          .ok());
  ASSERT_TRUE(w->Commit().ok());
  std::unique_ptr<IndexReader> r;
  ASSERT_TRUE(IndexReader::Open(dir.path(), &r).ok());
  const auto en = text::MakeStemmer("en"), nl = text::MakeStemmer("nl");
  ASSERT_NE(en->Stem("mannen"), en->Stem("man")) << "premise: English keeps mannen apart";
  ASSERT_EQ(nl->Stem("mannen"), nl->Stem("man")) << "premise: Dutch conflates them";
  SearchOptions o;
  o.snippets = false;
  Results res;
  ASSERT_TRUE(Search(*r, "mannen", o, &res).ok());
  std::set<std::string> ids;
  for (const auto& h : res.hits) ids.insert(h.id);
  EXPECT_EQ(ids, std::set<std::string>{"nl"})
      << "the English document matched through the Dutch stem of the query word";
}

// Lengths of 65,535 words or more do not fit the 2-byte copy scoring reads
// first: they are read from the columns, so they still rank by their length.
TEST(SearchLengthTest, VeryLongDocumentsKeepTheirLengths) {
  TempDir dir;
  std::unique_ptr<IndexWriter> w;
  IndexOptions opt;
  opt.threads = 1;
  opt.annotate = false;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), opt, &w).ok());
  const auto text = [](size_t words) {
    std::string t = "zeppelin";
    for (size_t i = 1; i < words; ++i) t += i % 2 ? " filler" : " padding";
    return t;
  };
  bool replaced;
  ASSERT_TRUE(w->Add(MakeDoc("long", "2019-01-01", "", text(70000), "en"), &replaced).ok());
  ASSERT_TRUE(w->Add(MakeDoc("longer", "2019-01-02", "", text(90000), "en"), &replaced).ok());
  ASSERT_TRUE(w->Add(MakeDoc("short", "2019-01-03", "", text(3000), "en"), &replaced).ok());
  ASSERT_TRUE(w->Commit().ok());
  std::unique_ptr<IndexReader> r;
  ASSERT_TRUE(IndexReader::Open(dir.path(), &r).ok());
  SearchOptions o;
  o.snippets = false;
  Results res;
  ASSERT_TRUE(Search(*r, "zeppelin", o, &res).ok());
  ASSERT_EQ(res.hits.size(), 3u);
  EXPECT_EQ(res.hits[0].id, "short");
  EXPECT_EQ(res.hits[1].id, "long");
  EXPECT_EQ(res.hits[2].id, "longer");
  EXPECT_GT(res.hits[1].score, res.hits[2].score);
}

// ---------------------------------------------------------------------------
// source: filters on the whole source name, folded.

Document SourcedDoc(std::string id, std::string source, std::string text) {
  Document d = MakeDoc(std::move(id), "2021-03-01", "", std::move(text), "en");
  d.source = std::move(source);
  return d;
}

// Two commits (two segments), then optionally one merged segment.
void BuildSourcedIndex(const std::string& dir, bool annotate, bool optimize) {
  std::unique_ptr<IndexWriter> w;
  IndexOptions opt;
  opt.threads = 1;
  opt.annotate = annotate;
  opt.find_stories = annotate;
  ASSERT_TRUE(IndexWriter::Open(dir, opt, &w).ok());
  bool replaced;
  const Document first[] = {
      SourcedDoc("hh-fire", "Harbour Herald", "A fire broke out at the container terminal."),
      SourcedDoc("hh-ferry", "Harbour Herald", "The ferry timetable changes in spring."),
      SourcedDoc("hh-case", "  harbour   HERALD ", "Dock workers report a small fire."),
      SourcedDoc("hhw-fire", "Harbour Herald Weekly", "Weekly review: the terminal fire."),
  };
  for (const Document& d : first) {
    ASSERT_TRUE(w->Add(d, &replaced).ok());
  }
  ASSERT_TRUE(w->Commit().ok());
  const Document second[] = {
      SourcedDoc("hk-brand", "Havenkränt", "Brand in de haven, a fire in the port."),
      SourcedDoc("rt-fire", "Reuters", "Firefighters contained a fire near the quay."),
      SourcedDoc("rt-grain", "Reuters", "Grain prices rose on Tuesday."),
      SourcedDoc("none-fire", "", "An unsourced note about a fire."),
  };
  for (const Document& d : second) {
    ASSERT_TRUE(w->Add(d, &replaced).ok());
  }
  ASSERT_TRUE(w->Commit().ok());
  if (optimize) {
    ASSERT_TRUE(w->Optimize().ok());
  }
}

std::set<std::string> SearchIds(const IndexReader& r, std::string_view q) {
  SearchOptions o;
  o.snippets = false;
  o.limit = 100;
  Results res;
  const Status s = Search(r, q, o, &res);
  EXPECT_TRUE(s.ok()) << q << ": " << s.message();
  std::set<std::string> ids;
  for (const auto& h : res.hits) ids.insert(h.id);
  EXPECT_EQ(res.total, ids.size()) << q;
  return ids;
}

void ExpectSourceFilters(const IndexReader& r) {
  using Ids = std::set<std::string>;
  const Ids herald = {"hh-fire", "hh-ferry", "hh-case"};
  EXPECT_EQ(SearchIds(r, "source:\"Harbour Herald\""), herald);
  EXPECT_EQ(SearchIds(r, "source:\"HARBOUR  herald\""), herald);  // case, spaces
  EXPECT_EQ(SearchIds(r, "source:Harbour"), Ids{});               // the whole name only
  EXPECT_EQ(SearchIds(r, "source:\"Harbour Herald Weekly\""), Ids{"hhw-fire"});
  EXPECT_EQ(SearchIds(r, "source:Havenkrant"), Ids{"hk-brand"});  // diacritics
  EXPECT_EQ(SearchIds(r, "source:HAVENKRÄNT"), Ids{"hk-brand"});
  EXPECT_EQ(SearchIds(r, "source:reuters"), (Ids{"rt-fire", "rt-grain"}));
  EXPECT_EQ(SearchIds(r, "source:\"Nobody\""), Ids{});
  EXPECT_EQ(SearchIds(r, "fire source:\"Harbour Herald\""), (Ids{"hh-fire", "hh-case"}));
  EXPECT_EQ(SearchIds(r, "fire -source:\"Harbour Herald\""),
            (Ids{"hhw-fire", "hk-brand", "rt-fire", "none-fire"}));
  EXPECT_EQ(SearchIds(r, "fire NOT source:Reuters NOT source:Havenkränt"),
            (Ids{"hh-fire", "hh-case", "hhw-fire", "none-fire"}));
  EXPECT_EQ(SearchIds(r, "source:Reuters OR source:Havenkrant"),
            (Ids{"rt-fire", "rt-grain", "hk-brand"}));
  EXPECT_EQ(SearchIds(r, "ferry OR grain source:Reuters"), Ids{"rt-grain"});
}

TEST(SearchSourceTest, SourceFilterMatchesWholeFoldedName) {
  for (const bool annotate : {true, false}) {
    for (const bool optimize : {false, true}) {
      SCOPED_TRACE(std::string(annotate ? "annotate" : "no-extract") +
                   (optimize ? ", merged" : ", two segments"));
      TempDir dir;
      BuildSourcedIndex(dir.path(), annotate, optimize);
      std::unique_ptr<IndexReader> r;
      ASSERT_TRUE(IndexReader::Open(dir.path(), &r).ok());
      ExpectSourceFilters(*r);
    }
  }
}

TEST(SearchSourceTest, SourceFilterDoesNotScore) {
  TempDir dir;
  BuildSourcedIndex(dir.path(), false, false);
  std::unique_ptr<IndexReader> r;
  ASSERT_TRUE(IndexReader::Open(dir.path(), &r).ok());
  SearchOptions o;
  o.snippets = false;
  Results plain, filtered;
  ASSERT_TRUE(Search(*r, "fire", o, &plain).ok());
  ASSERT_TRUE(Search(*r, "fire source:reuters", o, &filtered).ok());
  ASSERT_EQ(filtered.hits.size(), 1u);
  EXPECT_EQ(filtered.hits[0].source, "Reuters");
  for (const Hit& h : plain.hits) {
    if (h.id == "rt-fire") {
      EXPECT_FLOAT_EQ(h.score, filtered.hits[0].score);
    }
  }
}

// ---------------------------------------------------------------------------
// Randomized: Boolean queries over exact words against brute force.

struct Expr {
  enum Kind { kLeaf, kAnd, kOr, kAndNot } kind = kLeaf;
  std::string word;  // leaf: the word as typed
  int field = 0;     // leaf: 0 quoted (any field), 1 title:, 2 text:
  std::unique_ptr<Expr> l, r;
};

struct RandDoc {
  std::string id;
  std::set<std::string> title_words, text_words;  // folded
  Date date;
  std::string lang;
  bool deleted = false;
};

const char* const kVocab[] = {"kiwa",  "lomu",  "Zoë",  "pirat", "nolo", "vexa",
                              "tumbo", "Quill", "sarn", "brisk", "olm",  "feyn"};

std::unique_ptr<Expr> RandomExpr(std::mt19937& rng, int words) {
  auto e = std::make_unique<Expr>();
  if (words == 1) {
    e->word = kVocab[rng() % std::size(kVocab)];
    if (rng() % 2) {  // vary the case as typed
      for (char& c : e->word) {
        if (c >= 'a' && c <= 'z' && rng() % 3 == 0) c = static_cast<char>(c - 'a' + 'A');
      }
    }
    e->field = static_cast<int>(rng() % 3);
    return e;
  }
  const int left = 1 + static_cast<int>(rng() % (words - 1));
  e->kind = static_cast<Expr::Kind>(1 + rng() % 3);
  e->l = RandomExpr(rng, left);
  e->r = RandomExpr(rng, words - left);
  return e;
}

std::string Render(const Expr& e) {
  switch (e.kind) {
    case Expr::kLeaf:
      return e.field == 0 ? "\"" + e.word + "\"" : (e.field == 1 ? "title:" : "text:") + e.word;
    case Expr::kAnd:
      return "(" + Render(*e.l) + " AND " + Render(*e.r) + ")";
    case Expr::kOr:
      return "(" + Render(*e.l) + " OR " + Render(*e.r) + ")";
    case Expr::kAndNot:
      return "(" + Render(*e.l) + " AND NOT " + Render(*e.r) + ")";
  }
  return "";
}

bool Eval(const Expr& e, const RandDoc& d) {
  switch (e.kind) {
    case Expr::kLeaf: {
      const std::string w = text::Fold(e.word);
      const bool in_title = d.title_words.count(w) > 0, in_text = d.text_words.count(w) > 0;
      return e.field == 0 ? in_title || in_text : e.field == 1 ? in_title : in_text;
    }
    case Expr::kAnd:
      return Eval(*e.l, d) && Eval(*e.r, d);
    case Expr::kOr:
      return Eval(*e.l, d) || Eval(*e.r, d);
    case Expr::kAndNot:
      return Eval(*e.l, d) && !Eval(*e.r, d);
  }
  return false;
}

std::set<std::string> FoldedWords(const std::string& s) {
  std::vector<text::Token> toks;
  text::Tokenize(s, &toks);
  std::set<std::string> out;
  for (const auto& t : toks) out.insert(t.term);
  return out;
}

TEST(SearchRandomTest, BooleanQueriesMatchBruteForce) {
  TempDir dir;
  std::mt19937 rng(2024);
  std::vector<RandDoc> docs;
  std::unique_ptr<IndexWriter> w;
  IndexOptions opt;
  opt.threads = 2;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), opt, &w).ok());
  const char* const kLangs[] = {"en", "nl", "de", "fr"};
  const int kDocs = 400;
  for (int i = 0; i < kDocs; ++i) {
    auto words = [&](int n) {
      std::string s;
      for (int k = 0; k < n; ++k) {
        if (k) s += rng() % 6 == 0 ? ", " : " ";
        s += kVocab[rng() % std::size(kVocab)];
      }
      return s;
    };
    const std::string title = words(static_cast<int>(rng() % 4));
    const std::string body = words(1 + static_cast<int>(rng() % 12));
    Date date;
    date.year = 2016 + static_cast<int32_t>(rng() % 4);
    date.precision = static_cast<Date::Precision>(1 + rng() % 3);
    if (date.precision != Date::Precision::kYear) date.month = static_cast<uint8_t>(1 + rng() % 12);
    if (date.precision == Date::Precision::kDay) date.day = static_cast<uint8_t>(1 + rng() % 28);
    Document doc = MakeDoc("r" + std::to_string(i), "2019", title, body, kLangs[rng() % 4]);
    doc.date = date;
    RandDoc rd{doc.id, FoldedWords(title), FoldedWords(body), date, doc.lang};
    bool replaced;
    ASSERT_TRUE(w->Add(doc, &replaced).ok());
    docs.push_back(std::move(rd));
    if (i % 150 == 149) {  // several segments
      ASSERT_TRUE(w->Commit().ok());
    }
  }
  ASSERT_TRUE(w->Commit().ok());
  for (int k = 0; k < 40; ++k) {
    const size_t i = rng() % docs.size();
    bool found;
    ASSERT_TRUE(w->Delete(docs[i].id, &found).ok());
    EXPECT_EQ(found, !docs[i].deleted);
    docs[i].deleted = true;
  }
  ASSERT_TRUE(w->Commit().ok());
  std::unique_ptr<IndexReader> r;
  ASSERT_TRUE(IndexReader::Open(dir.path(), &r).ok());
  ASSERT_GE(r->segments().size(), 3u);

  int nonempty = 0;
  for (int q = 0; q < 400; ++q) {
    const auto e = RandomExpr(rng, 1 + static_cast<int>(rng() % 3));
    std::string query = Render(*e);
    const bool negate = rng() % 8 == 0;
    if (negate) query = "NOT " + query;
    SearchOptions o;
    o.limit = kDocs;
    o.snippets = false;
    o.load_documents = false;
    const int mode = static_cast<int>(rng() % 4);
    int32_t from = INT32_MIN, to = INT32_MAX;
    if (mode == 1) {
      o.from = testutil::D(std::to_string(2016 + rng() % 4) + "-0" + std::to_string(1 + rng() % 9));
      o.to = testutil::D(std::to_string(o.from->year + static_cast<int32_t>(rng() % 2)) + "-1" +
                         std::to_string(rng() % 3));
      o.date_overlap = rng() % 2;
      from = o.from->FirstDay();
      to = o.to->LastDay();
    }
    if (mode == 2) o.langs = {kLangs[rng() % 4]};
    std::set<std::string> want;
    for (const RandDoc& d : docs) {
      if (d.deleted) continue;
      if (!o.langs.empty() && d.lang != o.langs[0]) continue;
      if (mode == 1) {
        const bool in = o.date_overlap ? d.date.LastDay() >= from && d.date.FirstDay() <= to
                                       : d.date.FirstDay() >= from && d.date.LastDay() <= to;
        if (!in) continue;
      }
      if (Eval(*e, d) != negate) want.insert(d.id);
    }
    Results res;
    const Status s = Search(*r, query, o, &res);
    ASSERT_TRUE(s.ok()) << query << ": " << s.ToString();
    std::set<std::string> got;
    for (const auto& h : res.hits) got.insert(h.id);
    ASSERT_EQ(res.total, want.size()) << query << " mode " << mode;
    ASSERT_EQ(got, want) << query << " mode " << mode;
    // Counting alone (bitsets for dense roots, stems restricted by language) agrees.
    SearchOptions co = o;
    co.limit = 0;
    Results count;
    ASSERT_TRUE(Search(*r, query, co, &count).ok()) << query;
    ASSERT_EQ(count.total, want.size()) << "count only: " << query << " mode " << mode;
    nonempty += !want.empty();
  }
  EXPECT_GT(nonempty, 200) << "the random queries should mostly match something";
}

// ---------------------------------------------------------------------------
// Randomized: top-k with block-max pruning (exact_total off; on, a word alone
// is still pruned, its total counted apart) against exhaustive evaluation, on
// corpora large enough for posting lists of several blocks.

// Every hit of `query` under `o` (its limit and offset aside): a top that is
// never full prunes nothing, so this is the exhaustive evaluation.
Results AllHits(const IndexReader& r, const std::string& query, SearchOptions o) {
  o.offset = 0;
  o.limit = 1 << 20;
  o.exact_total = true;
  Results all;
  EXPECT_TRUE(Search(r, query, o, &all).ok()) << query;
  EXPECT_TRUE(all.total_exact) << query;
  EXPECT_EQ(all.total, all.hits.size()) << query;
  return all;
}

// `got` holds the hits of `all` from `offset`, at most `limit` of them: ids,
// scores and clauses matched.
void ExpectSlice(const Results& all, size_t offset, size_t limit, const Results& got,
                 const std::string& what) {
  const size_t from = std::min(offset, all.hits.size());
  ASSERT_EQ(got.hits.size(), std::min(limit, all.hits.size() - from)) << what;
  for (size_t i = 0; i < got.hits.size(); ++i) {
    ASSERT_EQ(got.hits[i].id, all.hits[from + i].id) << what << " hit " << i;
    ASSERT_EQ(got.hits[i].score, all.hits[from + i].score) << what << " hit " << i;
    ASSERT_EQ(got.hits[i].matched, all.hits[from + i].matched) << what << " hit " << i;
  }
}

const char* const kPruneVocab[] = {"amber", "bolt",  "cedar", "delta", "ember", "fjord",
                                   "gorse", "heron", "inlet", "jetty", "knoll", "larch",
                                   "moss",  "nook",  "otter", "pike",  "quay",  "reef"};

std::string PruneWords(std::mt19937& rng, int n) {
  std::string s;
  for (int k = 0; k < n; ++k) {
    // Zipf-like: low indexes are frequent; a word may repeat (term frequency).
    const size_t i = std::min<size_t>(std::size(kPruneVocab) - 1, (rng() % 18) * (rng() % 18) / 17);
    s += (k ? " " : "") + std::string(kPruneVocab[i]);
  }
  return s;
}

std::string RandomPruneQuery(std::mt19937& rng) {
  auto w = [&]() { return std::string(kPruneVocab[rng() % std::size(kPruneVocab)]); };
  switch (rng() % 10) {
    case 0:
      return "+" + w() + " +" + w();
    case 8:  // a phrase alone: its block bounds decide what is skipped
      return "\"" + w() + " " + w() + "\"";
    case 1:
      return w() + " " + w() + " " + w();
    case 2:
      return "+" + w() + " " + w();
    case 3:
      return "+" + w() + " +\"" + w() + " " + w() + "\"";
    case 4:
      return "+" + w() + " -" + w();
    case 5:
      return w();
    case 6:
      return "+title:" + w() + " +" + w();
    case 7:
      return "(" + w() + " OR " + w() + ") +" + w();
    case 9:  // one term alone: its blocks are visited by decreasing bound
      return "+" + w();
    default:
      return w() + " " + w();
  }
}

void ExpectPrunedEqualsExhaustive(const IndexReader& r, std::mt19937& rng, int queries,
                                  int* pruned) {
  const char* const kLangs[] = {"en", "nl"};
  for (int q = 0; q < queries; ++q) {
    const std::string query = RandomPruneQuery(rng);
    SearchOptions o;
    o.snippets = false;
    o.load_documents = false;
    o.limit = 1 + rng() % 15;
    o.offset = rng() % 4 == 0 ? rng() % 5 : 0;
    if (rng() % 6 == 0) o.langs = {kLangs[rng() % 2]};
    if (rng() % 6 == 0) {
      o.from = testutil::D("2018-0" + std::to_string(1 + rng() % 9));
      o.to = testutil::D("2019-0" + std::to_string(1 + rng() % 9));
    }
    if (rng() % 5 == 0) {
      o.k1 = static_cast<float>(rng() % 30) / 10.0f;
      o.b = static_cast<float>(rng() % 11) / 10.0f;
    }
    Results exact, fast, count;
    const Results all = AllHits(r, query, o);
    ASSERT_TRUE(Search(r, query, o, &exact).ok()) << query;
    o.exact_total = false;
    ASSERT_TRUE(Search(r, query, o, &fast).ok()) << query;
    EXPECT_TRUE(exact.total_exact);
    EXPECT_EQ(exact.total, all.total) << query;
    ExpectSlice(all, o.offset, o.limit, exact, query + " (exact total)");
    ExpectSlice(all, o.offset, o.limit, fast, query);
    EXPECT_LE(fast.total, exact.total) << query;
    if (fast.total_exact) {
      EXPECT_EQ(fast.total, exact.total) << query;
    }
    *pruned += !fast.total_exact;
    // Counting alone (no frequencies decoded) gives the exact total.
    o.limit = 0;
    o.offset = 0;
    o.exact_total = true;
    ASSERT_TRUE(Search(r, query, o, &count).ok()) << query;
    EXPECT_EQ(count.total, exact.total) << query;
    EXPECT_TRUE(count.hits.empty());
  }
}

TEST(SearchPruningTest, PrunedTopKEqualsExhaustive) {
  TempDir dir;
  std::mt19937 rng(99);
  std::unique_ptr<IndexWriter> w;
  IndexOptions opt;
  opt.threads = 2;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), opt, &w).ok());
  // Segments of more than 8 blocks' worth of documents: smaller ones are never pruned.
  const int kDocs = kSanitized ? 2400 : 4500;
  for (int i = 0; i < kDocs; ++i) {
    const int len =
        rng() % 10 == 0 ? 80 + static_cast<int>(rng() % 200) : 1 + static_cast<int>(rng() % 25);
    const std::string date =
        std::to_string(2017 + rng() % 3) + "-0" + std::to_string(1 + rng() % 9);
    Document doc = MakeDoc("p" + std::to_string(i), date, PruneWords(rng, rng() % 4),
                           PruneWords(rng, len), rng() % 3 ? "en" : "nl");
    bool replaced;
    ASSERT_TRUE(w->Add(doc, &replaced).ok());
    if (i % 2200 == 2199) {
      ASSERT_TRUE(w->Commit().ok());  // several segments
    }
  }
  ASSERT_TRUE(w->Commit().ok());
  for (int k = 0; k < 50; ++k) {
    bool found;
    ASSERT_TRUE(w->Delete("p" + std::to_string(rng() % kDocs), &found).ok());
  }
  ASSERT_TRUE(w->Commit().ok());
  int pruned = 0;
  {
    std::unique_ptr<IndexReader> r;
    ASSERT_TRUE(IndexReader::Open(dir.path(), &r).ok());
    ASSERT_GE(r->segments().size(), 2u);
    ExpectPrunedEqualsExhaustive(*r, rng, kSanitized ? 100 : 300, &pruned);
  }
  EXPECT_GT(pruned, 10) << "pruning should happen with several segments too";
  ASSERT_TRUE(w->Optimize().ok());
  {
    std::unique_ptr<IndexReader> r;
    ASSERT_TRUE(IndexReader::Open(dir.path(), &r).ok());
    ExpectPrunedEqualsExhaustive(*r, rng, kSanitized ? 100 : 300, &pruned);
  }
  EXPECT_GT(pruned, 20) << "the test should exercise pruning";
}

// Indexes n documents, document i made by make(i) and dated 2015-01-01 + i
// days (so that document numbers follow i), and opens the index in *r.
void IndexDaily(const std::string& path, int n, const std::function<Document(int)>& make,
                std::unique_ptr<IndexReader>* r) {
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(path, IndexOptions{}, &w).ok());
  for (int i = 0; i < n; ++i) {
    Document doc = make(i);
    doc.date = Date::FromDays(testutil::D("2015-01-01").FirstDay() + i);
    bool replaced;
    ASSERT_TRUE(w->Add(doc, &replaced).ok());
  }
  ASSERT_TRUE(w->Commit().ok());
  ASSERT_TRUE(IndexReader::Open(path, r).ok());
}

// Searches `query` with an exact total (*exact) and with pruning (*fast),
// and expects the hits of the exhaustive search (ids, scores and clauses
// matched) from both, and its total from *exact.
void ExpectPrunedHitsExact(const IndexReader& r, const char* query, SearchOptions o, Results* fast,
                           Results* exact) {
  o.snippets = false;
  o.load_documents = false;
  const Results all = AllHits(r, query, o);
  o.exact_total = true;
  ASSERT_TRUE(Search(r, query, o, exact).ok());
  EXPECT_TRUE(exact->total_exact);
  EXPECT_EQ(exact->total, all.total);
  ExpectSlice(all, o.offset, o.limit, *exact, std::string(query) + " (exact total)");
  o.exact_total = false;
  ASSERT_TRUE(Search(r, query, o, fast).ok());
  ExpectSlice(all, o.offset, o.limit, *fast, query);
}

// A term alone visits its blocks by decreasing bound: when its best documents
// are the newest (the last block), the top is found there and the other
// blocks, whose bound cannot beat it, are left unread; the answers are those
// of the exhaustive search, with date, language and offset options too.
TEST(SearchPruningTest, TermAloneReadsItsBestBlocksFirst) {
  TempDir dir;
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), IndexOptions{}, &w).ok());
  const int kDocs = kSanitized ? 1500 : 3000, kBest = 12;
  std::mt19937 rng(5);
  auto day = [](int i) {
    return testutil::D("2015-01-01").FirstDay() + i;  // one document per day, in order
  };
  for (int i = 0; i < kDocs; ++i) {
    const bool best = i >= kDocs - kBest;
    std::string text = best ? "tide tide tide" : "tide " + PruneWords(rng, 30 + rng() % 10);
    Document doc = MakeDoc("t" + std::to_string(i), "2015", "", text, "en");
    doc.date = Date::FromDays(day(i));
    bool replaced;
    ASSERT_TRUE(w->Add(doc, &replaced).ok());
  }
  ASSERT_TRUE(w->Commit().ok());
  std::unique_ptr<IndexReader> r;
  ASSERT_TRUE(IndexReader::Open(dir.path(), &r).ok());
  ASSERT_EQ(r->segments().size(), 1u);
  Results fast;
  auto expect_same = [&](SearchOptions o, const char* what, const char* query = "+tide") {
    SCOPED_TRACE(what);
    Results exact;
    ExpectPrunedHitsExact(*r, query, o, &fast, &exact);
    EXPECT_LE(fast.total, exact.total);
  };
  SearchOptions o;
  o.limit = 10;
  expect_same(o, "plain");
  for (const Hit& h : fast.hits) EXPECT_GE(std::stoi(h.id.substr(1)), kDocs - kBest) << h.id;
  EXPECT_FALSE(fast.total_exact);
  EXPECT_LE(fast.total, 128u) << "only the last block should have been read";
  // A bare word is a query of one optional clause: the same blocks, each hit
  // matching its one clause.
  expect_same(o, "bare word", "tide");
  EXPECT_FALSE(fast.total_exact);
  EXPECT_LE(fast.total, 128u) << "only the last block should have been read";
  for (const Hit& h : fast.hits) EXPECT_EQ(h.matched, 1u) << h.id;
  o.langs = {"en"};
  expect_same(o, "language option");
  o.langs.clear();
  o.offset = 5;
  expect_same(o, "offset");
  o.offset = 0;
  o.to = Date::FromDays(day(kDocs - kBest - 1));  // before the best documents
  expect_same(o, "date window");
  for (const Hit& h : fast.hits) EXPECT_LT(std::stoi(h.id.substr(1)), kDocs - kBest) << h.id;
  o.from = Date::FromDays(day(300));
  o.to = Date::FromDays(day(700));  // a window inside the list, between blocks
  expect_same(o, "inner window");
  for (const Hit& h : fast.hits) {
    EXPECT_GE(std::stoi(h.id.substr(1)), 300) << h.id;
    EXPECT_LE(std::stoi(h.id.substr(1)), 700) << h.id;
  }
}

// A bare query of two words: once the top is full of documents holding both,
// a document holding one cannot enter, and the rest of the walk is the two
// words' conjunction. Here the documents holding both come first: the walk
// reads few of the others, with the answers of the exhaustive search.
TEST(SearchPruningTest, BareWordsTurnToTheirConjunctionOnceTheTopHoldsAll) {
  TempDir dir;
  const int kDocs = kSanitized ? 1500 : 3000, kBoth = 40;
  std::mt19937 rng(13);
  std::unique_ptr<IndexReader> r;
  IndexDaily(
      dir.path(), kDocs,
      [&](int i) {
        const char* words = i < kBoth ? "gannet petrel " : i % 2 ? "gannet " : "petrel ";
        return MakeDoc("b" + std::to_string(i), "2015", "",
                       words + PruneWords(rng, 20 + rng() % 10), "en");
      },
      &r);
  ASSERT_NE(r, nullptr);
  for (const char* query : {"gannet petrel", "petrel gannet -knoll"}) {
    SCOPED_TRACE(query);
    SearchOptions o;
    o.limit = 10;
    Results exact, fast;
    ExpectPrunedHitsExact(*r, query, o, &fast, &exact);
    ASSERT_EQ(fast.hits.size(), 10u);
    for (const Hit& h : fast.hits) EXPECT_EQ(h.matched, 2u) << h.id;
    EXPECT_GT(exact.total, static_cast<uint64_t>(kDocs / 2));
    EXPECT_FALSE(fast.total_exact);
    EXPECT_LE(fast.total, static_cast<uint64_t>(kBoth + 128)) << "the one-word documents are read";
  }
}

// A word with one stem per language ("tides": English "tide", German "tid")
// is a union no document matches twice: its terms' blocks are visited
// together by decreasing bound, the best documents of both languages found in
// their last blocks, the answers those of the exhaustive search.
TEST(SearchPruningTest, StemsOfAWordReadTheirBestBlocksFirst) {
  TempDir dir;
  // Each language above the 1,024 documents below which a search is exhaustive.
  const int kDocs = kSanitized ? 2200 : 3000, kBest = 24;  // 12 in each language
  std::mt19937 rng(9);
  std::unique_ptr<IndexReader> r;
  IndexDaily(
      dir.path(), kDocs,
      [&](int i) {
        const bool best = i >= kDocs - kBest;
        std::string text = best ? "tides tides tides" : "tides " + PruneWords(rng, 30 + rng() % 10);
        return MakeDoc("t" + std::to_string(i), "2015", "", text, i % 2 ? "de" : "en");
      },
      &r);
  ASSERT_NE(r, nullptr);
  Results fast, exact;
  for (const char* query : {"+tides", "tides"}) {
    for (const char* lang : {"", "de"}) {
      SCOPED_TRACE(std::string(query) + " " + lang);
      SearchOptions o;
      o.limit = 10;
      if (*lang) o.langs = {lang};
      ExpectPrunedHitsExact(*r, query, o, &fast, &exact);
      for (size_t i = 0; i < fast.hits.size(); ++i) {
        EXPECT_GE(std::stoi(fast.hits[i].id.substr(1)), kDocs - kBest) << fast.hits[i].id;
      }
      EXPECT_EQ(exact.total, static_cast<uint64_t>(*lang ? kDocs / 2 : kDocs));
      EXPECT_FALSE(fast.total_exact);
      EXPECT_LE(fast.total, 256u) << "only the last block of each stem should have been read";
    }
  }
}

// ---------------------------------------------------------------------------
// Language sets (segment version 6): a query word's stem alternative whose
// documents are all outside the languages it counts in is dropped, one whose
// documents are all inside is read without the per-document language check;
// the answers are those of the check (a version 5 file, which has no sets).

// Rewrites every segment of the index in `dir` as the previous writer did (no
// language sets; the same terms, postings and documents).
void RewriteAsOldVersion(const std::string& dir) {
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string path = e.path().string();
    if (e.path().extension() != ".dls") continue;
    std::unique_ptr<index::SegmentReader> r;
    ASSERT_TRUE(index::SegmentReader::Open(path, &r).ok());
    index::SegmentWriter w(path + ".old");
    w.WriteOldVersion();
    std::vector<uint32_t> docs, freqs, pos, p;
    ASSERT_TRUE(r->ForEachTerm([&](std::string_view term, const index::TermInfo& info) {
                   docs.clear(), freqs.clear(), pos.clear();
                   index::PostingsCursor c;
                   r->OpenCursor(info, &c);
                   for (uint32_t d = c.doc(); d != index::kNoDoc; d = c.Next()) {
                     docs.push_back(d);
                     freqs.push_back(c.freq());
                     if (!info.positional) continue;
                     c.Positions(&p);
                     pos.insert(pos.end(), p.begin(), p.end());
                   }
                   w.AddTerm(term, docs.data(), freqs.data(), docs.size(),
                             info.positional ? pos.data() : nullptr);
                   return true;
                 }).ok());
    Document doc;
    for (uint32_t d = 0; d < r->doc_count(); ++d) {
      ASSERT_TRUE(r->GetDocument(d, &doc).ok());
      w.AddDocument(doc, r->columns(d));
    }
    ASSERT_TRUE(w.Finish(r->languages()).ok());
    r.reset();
    std::filesystem::rename(path + ".old", path);
  }
}

// Ids (in rank order), scores and the total of a search.
std::string Answer(const IndexReader& r, const std::string& q, const SearchOptions& o) {
  Results res;
  const Status s = Search(r, q, o, &res);
  EXPECT_TRUE(s.ok()) << q << ": " << s.message();
  std::string out = std::to_string(res.total) + (res.total_exact ? "" : "+");
  for (const auto& h : res.hits) out += " " + h.id + "=" + std::to_string(h.score);
  return out;
}

TEST(SearchLangSetsTest, SkippedAndUncheckedStemsAnswerAsTheCheck) {
  TempDir dir, old_dir;
  {
    std::unique_ptr<IndexWriter> w;
    IndexOptions opt;
    opt.threads = 1;
    ASSERT_TRUE(IndexWriter::Open(dir.path(), opt, &w).ok());
    bool replaced;
    const Document docs[] = {
        MakeDoc("en-man", "2019-01-01", "A man", "A man walked along the quay.", "en"),
        MakeDoc("en-mannen", "2019-01-02", "Mannen", "Mannen is a village near the quay.", "en"),
        MakeDoc("de-mann", "2019-01-03", "Der Mann", "Der Mann ging über den Kai.", "de"),
        MakeDoc("nl-kade", "2019-01-04", "De kade", "De kade was leeg na de storm.", "nl"),
        MakeDoc("nl-weg", "2019-01-05", "Weg", "Een man liep weg van de kade.", "nl"),
    };
    for (const Document& d : docs) ASSERT_TRUE(w->Add(d, &replaced).ok());
    ASSERT_TRUE(w->Commit().ok());
    ASSERT_TRUE(
        w->Add(MakeDoc("en-quay", "2019-01-06", "Quay", "The quay of Mannen.", "en"), &replaced)
            .ok());
    ASSERT_TRUE(w->Commit().ok());  // a second segment
    bool found;
    ASSERT_TRUE(w->Delete("nl-weg", &found).ok());
    ASSERT_TRUE(found);
    ASSERT_TRUE(w->Commit().ok());
  }
  std::filesystem::copy(
      dir.path(), old_dir.path(),
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  RewriteAsOldVersion(old_dir.path());
  std::unique_ptr<IndexReader> r, old;
  ASSERT_TRUE(IndexReader::Open(dir.path(), &r).ok());
  ASSERT_TRUE(IndexReader::Open(old_dir.path(), &old).ok());
  ASSERT_EQ(r->segments().size(), 2u);
  // Premises, in the first segment: "mannen" is "man" in Dutch, "mann" in
  // German and itself in English. The Dutch alternative "\x02man" is in an
  // English and a Dutch document (checked); "\x02mann" only in German ones
  // (unchecked); "\x02mannen" only in English ones (unchecked).
  const index::SegmentReader& seg = *r->segments()[0].reader;
  ASSERT_EQ(seg.languages(), (std::vector<std::string>{"de", "en", "nl"}));
  ASSERT_EQ(text::MakeStemmer("nl")->Stem("mannen"), "man");
  ASSERT_EQ(text::MakeStemmer("de")->Stem("mannen"), "mann");
  ASSERT_EQ(text::MakeStemmer("en")->Stem("mannen"), "mannen");
  const std::pair<const char*, uint64_t> sets[] = {
      {"man", 0b110}, {"mann", 0b001}, {"mannen", 0b010}};
  for (const auto& [stem, langs] : sets) {
    index::TermInfo info;
    ASSERT_TRUE(seg.Find(index::StemTerm(stem), &info)) << stem;
    EXPECT_EQ(info.langs, langs) << stem;
    EXPECT_EQ(r->segments()[0].reader->version(), index::kSegmentVersion);
    EXPECT_EQ(old->segments()[0].reader->version(), 4u);
  }
  // In the second segment (English only) every alternative but the English
  // one is dropped; "\x02man" of the Dutch one is in no document there.
  SearchOptions o;
  o.snippets = false;
  const char* const queries[] = {"mannen",         "man",          "kade",
                                 "quay",           "mannen quay",  "+mannen +quay",
                                 "mannen OR kade", "mannen -quay", "mannen lang:en",
                                 "mannen lang:nl", "\"de kade\"",  "title:mannen"};
  for (const char* q : queries) {
    for (const size_t limit : {size_t{0}, size_t{10}}) {
      for (const bool exact : {true, false}) {
        for (const std::vector<std::string>& langs :
             {std::vector<std::string>{}, std::vector<std::string>{"de", "nl"}}) {
          o.limit = limit;
          o.exact_total = exact;
          o.langs = langs;
          EXPECT_EQ(Answer(*r, q, o), Answer(*old, q, o))
              << q << " limit " << limit << " exact " << exact << " langs " << langs.size();
        }
      }
    }
  }
  o = SearchOptions();
  o.snippets = false;
  EXPECT_EQ(Answer(*r, "mannen", o).substr(0, 2), "3 ");  // en-mannen, de-mann, en-quay
}

}  // namespace
}  // namespace dateline::search
