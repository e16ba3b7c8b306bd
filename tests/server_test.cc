// The HTTP JSON API (doc/api.md): every endpoint on a server started in-process
// on a free port, bad input, tokens, limits, and searches running while
// documents are ingested. The articles are written for this test.
#include "server/server.h"

#include <httplib.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cli_util.h"
#include "dateline/index.h"
#include "events_test_util.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace dateline {
namespace {

namespace cli = testing::cli;

constexpr char kToken[] = "correct-horse-battery";

// One JSON Lines record.
std::string Record(const std::string& id, const std::string& date, const std::string& lang,
                   const std::string& source, const std::string& title, const std::string& text) {
  return "{\"id\":\"" + id + "\",\"date\":\"" + date + "\",\"lang\":\"" + lang +
         "\",\"source\":\"" + source + "\",\"title\":\"" + title + "\",\"text\":\"" + text +
         "\"}\n";
}

std::string Articles() {
  return Record("harbour-fire-en", "2023-05-02", "en", "Harbour Herald",
                "Fire at Rotterdam container terminal",
                "A fire broke out on Tuesday at a container terminal in the port of Rotterdam. "
                "Fire chief Anneke Visser said nobody was hurt and the blaze was under control "
                "by the evening. Port operator Maasvlakte Logistics halted loading for a day.") +
         Record("harbour-fire-nl", "2023-05-02", "nl", "Havenkrant",
                "Brand bij containerterminal in Rotterdam",
                "Bij een containerterminal in de haven van Rotterdam is dinsdag brand "
                "uitgebroken. Brandweercommandant Anneke Visser zegt dat niemand gewond is "
                "geraakt. Havenbedrijf Maasvlakte Logistics stopte het laden een dag lang.") +
         Record("lisbon-vote-en", "2023-06-11", "en", "Harbour Herald",
                "Lisbon votes for a new mayor",
                "Voters in Lisbon elected Rita Fonseca as mayor on Sunday after a close race. "
                "Fonseca promised cheaper trams and more housing along the Tagus river.") +
         Record("dresden-bridge-de", "2023-06-20", "de", "Elbkurier",
                "Neue Brücke in Dresden eröffnet",
                "In Dresden ist am Dienstag eine neue Brücke über die Elbe eröffnet worden. "
                "Oberbürgermeister Jonas Keller sprach von einem großen Tag für die Stadt.");
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(kToken); }
  void TearDown() override { StopServer(); }

  void Start(const std::string& token, size_t max_body = 64 << 10) {
    server::ServerOptions o;
    o.index_dir = dir_.File("index");
    o.port = 0;
    o.token = token;
    o.threads = 6;
    o.max_body_bytes = max_body;
    o.log = false;
    srv_ = std::make_unique<server::Server>(o);
    ASSERT_TRUE(srv_->Bind().ok());
    thread_ = std::thread([this] { srv_->Serve(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", srv_->port());
    auto r = client_->Get("/api/health");  // answered once the server runs
    ASSERT_TRUE(r);
  }
  void StopServer() {
    if (!srv_) return;
    srv_->Stop();
    thread_.join();
    srv_.reset();
  }

  // GET; the body must be JSON.
  int Get(const std::string& path, std::string* body = nullptr) {
    auto r = client_->Get(path.c_str());
    if (!r) return -1;
    EXPECT_TRUE(cli::Json(r->body).ok) << path << ": " << r->body;
    if (body) *body = r->body;
    return r->status;
  }
  int Ingest(const std::string& jsonl, const std::string& auth, std::string* body = nullptr) {
    httplib::Headers h;
    if (!auth.empty()) h.emplace("Authorization", auth);
    auto r = client_->Post("/api/ingest", h, jsonl, "application/x-ndjson");
    if (!r) return -1;
    EXPECT_TRUE(cli::Json(r->body).ok) << r->body;
    if (body) *body = r->body;
    return r->status;
  }
  int Load() { return Ingest(Articles(), std::string("Bearer ") + kToken); }

  testutil::TempDir dir_;
  std::unique_ptr<server::Server> srv_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

std::string ErrorOf(const std::string& body) { return cli::GetStr(cli::Json(body).root, "error"); }

TEST_F(ServerTest, HealthAndNoIndexYet) {
  std::string body;
  EXPECT_EQ(Get("/api/health", &body), 200);
  cli::Json j(body);
  EXPECT_EQ(cli::GetStr(j.root, "status"), "ok");
  EXPECT_FALSE(j.root["index"].get_bool().value());
  EXPECT_TRUE(j.root["writes"].get_bool().value());
  EXPECT_EQ(Get("/api/search?q=fire", &body), 503);
  EXPECT_NE(ErrorOf(body).find("no index"), std::string::npos) << body;
}

TEST_F(ServerTest, IngestThenSearchWithFacets) {
  std::string body;
  EXPECT_EQ(Ingest(Articles(), std::string("Bearer ") + kToken, &body), 200) << body;
  cli::Json sum(body);
  EXPECT_EQ(cli::GetInt(sum.root, "indexed"), 4);
  EXPECT_EQ(cli::GetInt(sum.root, "rejected"), 0);
  ASSERT_EQ(Get("/api/search?q=Rotterdam&limit=5", &body), 200);
  cli::Json j(body);
  EXPECT_EQ(cli::GetInt(j.root, "total"), 2) << body;
  auto hits = j.root["hits"].get_array().value();
  ASSERT_EQ(hits.size(), 2u);
  simdjson::dom::element hit = hits.at(0).value();
  EXPECT_NE(cli::GetStr(hit, "id").find("harbour-fire"), std::string::npos);
  EXPECT_TRUE(cli::HasKey(hit, "score") && cli::HasKey(hit, "url") && cli::HasKey(hit, "lang"));
  const std::string text = cli::GetStr(hit, "snippet_text");
  auto marks = hit["snippet_marks"].get_array().value();
  ASSERT_GE(marks.size(), 1u) << body;
  const auto start = marks.at(0).at(0).get_uint64().value();
  const auto end = marks.at(0).at(1).get_uint64().value();
  EXPECT_EQ(text.substr(start, end - start), "Rotterdam");
  EXPECT_NE(cli::GetStr(hit, "snippet").find("<b>Rotterdam</b>"), std::string::npos);
  simdjson::dom::element f = j.root["facets"];
  EXPECT_GE(f["dates"]["periods"].get_array().value().size(), 1u);
  EXPECT_EQ(f["languages"].get_array().value().size(), 2u);
  EXPECT_EQ(f["sources"].get_array().value().size(), 2u);
  EXPECT_TRUE(cli::HasKey(f, "people") && cli::HasKey(f, "organisations") &&
              cli::HasKey(f, "places"));
  ASSERT_EQ(Get("/api/search?q=&sort=date&collapse=copies&facets=false&lang=en,de", &body), 200);
  cli::Json all(body);
  EXPECT_EQ(cli::GetInt(all.root, "total"), 3) << body;
  EXPECT_EQ(cli::GetStr(all.root["hits"].at(0).value(), "id"), "dresden-bridge-de");
  EXPECT_FALSE(cli::HasKey(all.root, "facets"));
  ASSERT_EQ(Get("/api/search?from=2023-06&to=2023-06-30&limit=0", &body), 200);
  EXPECT_EQ(cli::GetInt(cli::Json(body).root, "total"), 2) << body;
}

TEST_F(ServerTest, DocumentsStoriesTimelinePlacesEntitiesStats) {
  ASSERT_EQ(Load(), 200);
  std::string body;
  ASSERT_EQ(Get("/api/doc/lisbon-vote-en", &body), 200);
  cli::Json doc(body);
  EXPECT_EQ(cli::GetStr(doc.root, "title"), "Lisbon votes for a new mayor");
  EXPECT_TRUE(cli::HasKey(doc.root, "entities") && cli::HasKey(doc.root, "places") &&
              cli::HasKey(doc.root, "dates") && cli::HasKey(doc.root, "copies"));
  EXPECT_EQ(Get("/api/doc/no-such-article", &body), 404);
  EXPECT_NE(ErrorOf(body).find("no-such-article"), std::string::npos);
  ASSERT_EQ(Get("/api/timeline?by=month&q=Rotterdam", &body), 200);
  cli::Json tl(body);
  EXPECT_EQ(cli::GetStr(tl.root, "by"), "month");
  EXPECT_EQ(cli::GetInt(tl.root, "documents"), 2);
  EXPECT_EQ(cli::GetStr(tl.root, "dates"), "publication");
  EXPECT_EQ(Get("/api/timeline?by=year", &body), 400);
  ASSERT_EQ(Get("/api/timeline?by=month&dates=event&q=Rotterdam", &body), 200);
  EXPECT_EQ(cli::GetStr(cli::Json(body).root, "dates"), "event");
  EXPECT_EQ(Get("/api/timeline?dates=someday", &body), 400);
  EXPECT_NE(ErrorOf(body).find("dates"), std::string::npos);
  ASSERT_EQ(Get("/api/stories?limit=10", &body), 200);
  EXPECT_GE(cli::Json(body).root.get_array().value().size(), 3u) << body;
  ASSERT_EQ(Get("/api/story/harbour-fire-nl", &body), 200);
  EXPECT_TRUE(cli::HasKey(cli::Json(body).root, "members"));
  EXPECT_EQ(Get("/api/story/nothing-here", &body), 404);
  ASSERT_EQ(Get("/api/places?format=geojson", &body), 200);
  EXPECT_EQ(cli::GetStr(cli::Json(body).root, "type"), "FeatureCollection");
  ASSERT_EQ(Get("/api/places", &body), 200);
  EXPECT_TRUE(cli::Json(body).root.is_array());
  EXPECT_EQ(Get("/api/places?format=kml", &body), 400);
  ASSERT_EQ(Get("/api/entities?type=PER&limit=5", &body), 200);
  cli::Json people(body);
  const simdjson::dom::array list = people.root.get_array().value();
  for (auto e : list) EXPECT_EQ(cli::GetStr(e, "type"), "PER");
  EXPECT_EQ(Get("/api/entities?type=ANIMAL", &body), 400);
  ASSERT_EQ(Get("/api/stats", &body), 200);
  EXPECT_EQ(cli::GetInt(cli::Json(body).root, "documents"), 4);
}

// Two quotes by two named speakers, written for this test.
std::string QuoteArticle() {
  return Record("ferry-strike-en", "2023-07-03", "en", "Harbour Herald",
                "Ferry crews strike in Stavanger",
                "Ferry crews in Stavanger stopped work on Monday. "
                "\\\"We will not sail until the contract is signed,\\\" said Marit Solberg, "
                "the leader of the ferry union. Transport minister Pieter Dekker said that the "
                "talks would resume on Friday.");
}

// Percent-encodes the spaces of an entity key for a URL.
std::string UrlKey(const std::string& key) {
  std::string o;
  for (char ch : key) o += ch == ' ' ? std::string("%20") : std::string(1, ch);
  return o;
}

TEST_F(ServerTest, QuotesOfMatchingDocuments) {
  ASSERT_EQ(Load(), 200);
  std::string body;
  ASSERT_EQ(Ingest(QuoteArticle(), std::string("Bearer ") + kToken, &body), 200) << body;
  ASSERT_EQ(Get("/api/quotes?q=Stavanger", &body), 200);
  cli::Json all(body);
  ASSERT_TRUE(all.root.is_array()) << body;
  std::string solberg_key, dekker_key;
  size_t n = 0;
  for (auto q : all.root.get_array()) {
    ++n;
    EXPECT_EQ(cli::GetStr(q, "id"), "ferry-strike-en") << body;
    EXPECT_EQ(cli::GetStr(q, "date"), "2023-07-03");
    EXPECT_EQ(cli::GetStr(q, "field"), "text");
    if (cli::GetStr(q, "speaker") == "Marit Solberg") {
      EXPECT_EQ(cli::GetStr(q, "text"), "We will not sail until the contract is signed");
      EXPECT_EQ(cli::GetStr(q, "kind"), "direct");
      solberg_key = cli::GetStr(q, "speaker_key");
    } else if (cli::GetStr(q, "speaker").find("Pieter Dekker") != std::string::npos) {
      EXPECT_EQ(cli::GetStr(q, "kind"), "indirect");
      dekker_key = cli::GetStr(q, "speaker_key");
    }
  }
  EXPECT_EQ(n, 2u) << body;
  ASSERT_FALSE(solberg_key.empty()) << body;
  ASSERT_FALSE(dekker_key.empty()) << body;
  ASSERT_NE(solberg_key, dekker_key);

  // --speaker: only that speaker's quote.
  ASSERT_EQ(Get("/api/quotes?speaker=" + UrlKey(solberg_key), &body), 200);
  cli::Json by(body);
  n = 0;
  for (auto q : by.root.get_array()) {
    ++n;
    EXPECT_EQ(cli::GetStr(q, "speaker_key"), solberg_key);
    EXPECT_EQ(cli::GetStr(q, "speaker"), "Marit Solberg");
  }
  EXPECT_EQ(n, 1u) << body;

  // Filters that exclude the article, a limit, an unknown speaker: no quotes.
  for (const std::string& path :
       {std::string("/api/quotes?q=Stavanger&lang=de"), std::string("/api/quotes?from=2024"),
        std::string("/api/quotes?q=Stavanger&limit=0"),
        std::string("/api/quotes?speaker=nobody")}) {
    ASSERT_EQ(Get(path, &body), 200) << path;
    EXPECT_EQ(cli::Json(body).root.get_array().value().size(), 0u) << path << ": " << body;
  }
  ASSERT_EQ(Get("/api/quotes?q=Stavanger&limit=1", &body), 200);
  EXPECT_EQ(cli::Json(body).root.get_array().value().size(), 1u) << body;

  const std::vector<std::string> bad = {
      "/api/quotes?q=(Stavanger",    "/api/quotes?limit=5000",
      "/api/quotes?limit=ten",       "/api/quotes?from=someday",
      "/api/quotes?lang=klingonish", "/api/quotes?speaker=" + std::string(300, 'k'),
  };
  for (const std::string& path : bad) {
    EXPECT_EQ(Get(path, &body), 400) << path << ": " << body;
    EXPECT_NE(ErrorOf(body), "<missing>") << path;
  }
}

// GET /api/events on hand-made events (tests/events_test_util.h).
TEST_F(ServerTest, EventsMergedFilteredAndExported) {
  eventtest::WriteIndex(dir_.File("index"), eventtest::Articles());
  std::string body;
  ASSERT_EQ(Get("/api/events", &body), 200);
  cli::Json all(body);
  ASSERT_TRUE(all.root.is_array()) << body;
  ASSERT_EQ(all.root.get_array().value().size(), 4u) << body;
  simdjson::dom::element first = all.root.at(0).value();
  EXPECT_EQ(cli::GetStr(first, "type"), "ASSAULT");
  EXPECT_EQ(cli::GetInt(first, "reports"), 3) << body;
  EXPECT_EQ(cli::GetInt(first, "copies"), 4) << body;
  EXPECT_EQ(first["fatalities_values"].get_array().value().size(), 2u) << body;
  EXPECT_TRUE(cli::HasKey(first, "evidence") && cli::HasKey(first, "sources"));
  const std::vector<std::pair<std::string, size_t>> counts = {
      {"/api/events?type=assault", 2},
      {"/api/events?country=Libya", 3},
      {"/api/events?country=LY&type=ACCUSE", 0},
      {"/api/events?actor=tripoli%20government", 1},
      {"/api/events?from=2019-04-06&to=2019-04-06", 2},
      {"/api/events?to=2019-02", 1},
      {"/api/events?q=Misrata", 1},
      {"/api/events?limit=1", 1},
      {"/api/events?lang=de", 0},
  };
  for (const auto& [path, n] : counts) {
    ASSERT_EQ(Get(path, &body), 200) << path;
    EXPECT_EQ(cli::Json(body).root.get_array().value().size(), n) << path << ": " << body;
  }
  ASSERT_EQ(Get("/api/events?format=geojson", &body), 200);
  cli::Json geo(body);
  EXPECT_EQ(cli::GetStr(geo.root, "type"), "FeatureCollection");
  EXPECT_EQ(cli::GetInt(geo.root, "skipped"), 1);
  EXPECT_EQ(geo.root["features"].get_array().value().size(), 3u);
  auto csv = client_->Get("/api/events?format=csv&type=PROTEST");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type").rfind("text/csv", 0), 0u);
  EXPECT_EQ(csv->body.rfind("event_date,time_precision,event_type,", 0), 0u) << csv->body;
  EXPECT_NE(csv->body.find("\"Radio\nFree, \"\"Tripoli\"\"\""), std::string::npos) << csv->body;

  const std::vector<std::string> bad = {
      "/api/events?type=battle",  "/api/events?country=Atlantis",
      "/api/events?from=someday", "/api/events?to=2019-02-30",
      "/api/events?limit=5000",   "/api/events?limit=ten",
      "/api/events?format=kml",   "/api/events?actor=" + std::string(300, 'k'),
      "/api/events?q=(Gharyan",   "/api/events?lang=klingonish",
  };
  for (const std::string& path : bad) {
    EXPECT_EQ(Get(path, &body), 400) << path << ": " << body;
    EXPECT_NE(ErrorOf(body), "<missing>") << path;
  }
  ASSERT_EQ(Get("/api/events?type=battle", &body), 400);
  EXPECT_NE(ErrorOf(body).find("ASSAULT"), std::string::npos) << body;
}

TEST_F(ServerTest, BadParametersAreClear400s) {
  ASSERT_EQ(Load(), 200);
  std::string body;
  const std::vector<std::string> bad = {
      "/api/search?q=(fire",          "/api/search?q=fire&limit=20000",
      "/api/search?q=fire&limit=ten", "/api/search?q=fire&offset=9995&limit=10",
      "/api/search?from=yesterday",   "/api/search?q=fire&sort=loudness",
      "/api/search?collapse=maybe",   "/api/search?lang=klingonish",
      "/api/search?facets=perhaps",   "/api/search?q=" + std::string(5000, 'a'),
  };
  for (const std::string& path : bad) {
    EXPECT_EQ(Get(path, &body), 400) << path << ": " << body;
    EXPECT_NE(ErrorOf(body), "<missing>") << path;
  }
  std::string many;
  for (int i = 0; i < 80; ++i) many += "w" + std::to_string(i) + "%20";
  EXPECT_EQ(Get("/api/search?q=" + many, &body), 400);
  EXPECT_NE(ErrorOf(body).find("clauses"), std::string::npos) << body;
  std::string deep = "x";
  for (int i = 0; i < 12; ++i) deep = "(y" + std::to_string(i) + "%20" + deep + ")";
  EXPECT_EQ(Get("/api/search?q=" + deep, &body), 400);
  EXPECT_NE(ErrorOf(body).find("nested"), std::string::npos) << body;
  EXPECT_EQ(Get("/api/search?q=fire&offset=9990&limit=10", &body), 200);
}

TEST_F(ServerTest, RoutesMethodsAndTokens) {
  std::string body;
  EXPECT_EQ(Get("/api/nothing", &body), 404);
  EXPECT_NE(ErrorOf(body).find("no such endpoint"), std::string::npos);
  EXPECT_EQ(Get("/api/ingest", &body), 405);
  auto r = client_->Post("/api/search", "", "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->get_header_value("Allow"), "GET");
  EXPECT_EQ(Ingest(Articles(), "", &body), 401);
  EXPECT_NE(ErrorOf(body).find("missing"), std::string::npos);
  EXPECT_EQ(Ingest(Articles(), "Bearer wrong-token", &body), 401);
  EXPECT_EQ(Ingest(Articles(), std::string("Basic ") + kToken, &body), 401);
  EXPECT_EQ(Ingest("\n\n", std::string("Bearer ") + kToken, &body), 400);
  EXPECT_EQ(Ingest(std::string(100 << 10, ' ') + "x", std::string("Bearer ") + kToken, &body), 413);
  EXPECT_NE(ErrorOf(body).find("limit"), std::string::npos) << body;
  EXPECT_EQ(Get("/api/search?q=fire", &body), 503);  // nothing was written
}

TEST_F(ServerTest, RejectsAreListedPerRecord) {
  std::string body;
  const std::string auth = std::string("Bearer ") + kToken;
  EXPECT_EQ(Ingest("not json at all\n{\"id\":\"x\"}\n", auth, &body), 422) << body;
  cli::Json none(body);
  EXPECT_EQ(cli::GetInt(none.root, "indexed"), 0);
  EXPECT_EQ(none.root["rejects"].get_array().value().size(), 2u);
  const std::string mixed = Record("ok-1", "2023-01-05", "en", "Wire", "Snow in Oslo",
                                   "Heavy snow closed roads in Oslo.") +
                            "{\"id\":\"bad-date\",\"date\":\"2023-13-40\",\"text\":\"x\"}\n";
  EXPECT_EQ(Ingest(mixed, auth, &body), 200) << body;
  cli::Json j(body);
  EXPECT_EQ(cli::GetInt(j.root, "indexed"), 1);
  EXPECT_EQ(cli::GetInt(j.root, "rejected"), 1);
  simdjson::dom::element rej = j.root["rejects"].at(0).value();
  EXPECT_EQ(cli::GetInt(rej, "line"), 2);
  EXPECT_NE(cli::GetStr(rej, "reason").find("date"), std::string::npos) << body;
  EXPECT_EQ(Get("/api/search?q=Oslo", &body), 200);
  EXPECT_EQ(cli::GetInt(cli::Json(body).root, "total"), 1);
}

TEST_F(ServerTest, BusyWhileAnotherWriterHoldsTheIndex) {
  ASSERT_EQ(Load(), 200);
  std::unique_ptr<IndexWriter> other;
  ASSERT_TRUE(IndexWriter::Open(dir_.File("index"), IndexOptions(), &other).ok());
  std::string body;
  EXPECT_EQ(Ingest(Articles(), std::string("Bearer ") + kToken, &body), 503);
  EXPECT_NE(ErrorOf(body).find("retry"), std::string::npos) << body;
  EXPECT_EQ(Get("/api/search?q=Lisbon", &body), 200);  // reads go on
  other.reset();
  EXPECT_EQ(Load(), 200);
}

TEST_F(ServerTest, WritesDisabledWithoutToken) {
  StopServer();
  Start("");
  std::string body;
  EXPECT_EQ(Ingest(Articles(), std::string("Bearer ") + kToken, &body), 403);
  EXPECT_NE(ErrorOf(body).find("disabled"), std::string::npos);
}

TEST_F(ServerTest, SearchSeesCommandLineIngest) {
  ASSERT_EQ(Load(), 200);
  std::string body;
  ASSERT_EQ(Get("/api/search?q=Bergen", &body), 200);
  EXPECT_EQ(cli::GetInt(cli::Json(body).root, "total"), 0);
  const auto r = cli::Dl({"ingest", "-q", "--index", dir_.File("index"), "--format", "jsonl", "-"},
                         Record("bergen-rain", "2023-09-01", "en", "Wire", "Rain in Bergen",
                                "Bergen had its wettest September day on record."));
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(Get("/api/search?q=Bergen", &body), 200);
  EXPECT_EQ(cli::GetInt(cli::Json(body).root, "total"), 1);
}

// Readers search while a writer ingests: every answer is valid JSON whose
// total agrees with its own facets, and totals never go back.
TEST_F(ServerTest, ConcurrentReadersWhileIngesting) {
  ASSERT_EQ(Load(), 200);
  constexpr int kBatches = 4;
  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, answers{0};
  std::mutex why_mu;
  std::string why;  // the first failure, said in words
  auto fail = [&](const std::string& what) {
    ++failures;
    std::lock_guard<std::mutex> lock(why_mu);
    if (why.empty()) why = what;
  };
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      httplib::Client c("127.0.0.1", srv_->port());
      int64_t last = 0;
      while (!done.load()) {
        auto r = c.Get("/api/search?q=storm+OR+Rotterdam&limit=50&facet_limit=100");
        cli::Json j(r ? r->body : "");
        if (!r || r->status != 200 || !j.ok) {
          fail(!r ? "no answer: " + httplib::to_string(r.error())
                  : "status " + std::to_string(r->status) + ": " + r->body.substr(0, 300));
          continue;
        }
        const int64_t total = cli::GetInt(j.root, "total");
        int64_t by_lang = 0;
        const simdjson::dom::array langs = j.root["facets"]["languages"].get_array().value();
        for (auto l : langs) {
          by_lang += cli::GetInt(l, "documents");
        }
        const auto hits = static_cast<int64_t>(j.root["hits"].get_array().value().size());
        if (total < last || by_lang != total || hits != total) {
          fail("total " + std::to_string(total) + " after " + std::to_string(last) +
               ", languages " + std::to_string(by_lang) + ", hits " + std::to_string(hits));
        }
        last = total;
        ++answers;
      }
    });
  }
  const std::string auth = std::string("Bearer ") + kToken;
  for (int b = 0; b < kBatches; ++b) {
    std::string batch;
    for (int i = 0; i < 2; ++i) {
      const std::string n = std::to_string(b * 2 + i);
      batch += Record("storm-" + n, "2023-10-0" + std::to_string(1 + b), "en", "Wire",
                      "Storm report " + n, "A storm crossed the North Sea coast overnight.");
    }
    EXPECT_EQ(Ingest(batch, auth), 200);
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0) << why;
  EXPECT_GT(answers.load(), 0);
  std::string body;
  ASSERT_EQ(Get("/api/search?q=storm", &body), 200);
  EXPECT_EQ(cli::GetInt(cli::Json(body).root, "total"), 2 * kBatches);
}

TEST(ServeCommand, BadFlags) {
  EXPECT_EQ(cli::Dl({"serve", "--listen", "localhost"}).code, 2);
  testutil::TempDir dir;
  const auto r = cli::Dl({"serve", "--token-file", dir.File("missing"), "--listen", "127.0.0.1:0"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("token-file"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace dateline
