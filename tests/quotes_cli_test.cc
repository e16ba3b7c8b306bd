// End-to-end: quotes in `show --json`, `extract --json` and `dateline quotes`
// (--speaker, query, --json, text output), on articles written for this test.
#include "cli_util.h"

namespace dateline::testing::cli {
namespace {

const char kArticles[] =
    R"({"id":"q-en-1","date":"2019-04-05","lang":"en","title":"Talks stall in Geneva","text":"The envoy Ghassan Salam\u00e9 met both delegations in Geneva on Friday.\n\"We are further apart than we were a month ago,\" said Ghassan Salam\u00e9 after the meeting.\nSalam\u00e9 said that the talks would resume in May."}
{"id":"q-nl-1","date":"2019-04-06","lang":"nl","title":"Opmars naar Tripoli","text":"Het leger van Khalifa Haftar rukte zaterdag op naar Tripoli.\n'We protesteren krachtig tegen deze aanval op de hoofdstad', zei premier Fayez al-Sarraj in een toespraak."}
{"id":"q-en-2","date":"2019-04-04","lang":"en","title":"Storm closes airport","text":"Flights were cancelled at Schiphol on Thursday because of the storm."}
)";

class quotesCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new TempDir();
    index_ = *tmp_ / "index";
    WriteFile(*tmp_ / "quotes.jsonl", kArticles);
    RunResult r = Dl({"ingest", "-q", "--index", index_, *tmp_ / "quotes.jsonl"});
    if (r.code != 0) ADD_FAILURE() << Describe(r);
  }
  static void TearDownTestSuite() { delete tmp_; }
  static TempDir* tmp_;
  static std::string index_;
};

TempDir* quotesCli::tmp_ = nullptr;
std::string quotesCli::index_;

TEST_F(quotesCli, ShowJsonListsQuotesWithSpeakersAndOffsets) {
  RunResult r = Dl({"show", "--index", index_, "--json", "q-en-1"});
  ASSERT_EQ(r.code, 0) << Describe(r);
  Json j(r.out);
  ASSERT_TRUE(j.ok) << r.out;
  simdjson::dom::array quotes;
  ASSERT_EQ(j.root["quotes"].get(quotes), simdjson::SUCCESS) << r.out;
  ASSERT_EQ(quotes.size(), 2u) << r.out;
  const std::string text = GetStr(j.root, "text");
  auto q = quotes.at(0).value();
  EXPECT_EQ(GetStr(q, "text"), "We are further apart than we were a month ago");
  EXPECT_EQ(GetStr(q, "kind"), "direct");
  EXPECT_EQ(GetStr(q, "field"), "text");
  EXPECT_EQ(GetStr(q, "speaker"), "Ghassan Salam\u00e9");
  EXPECT_FALSE(GetStr(q, "speaker_key").empty());
  const int64_t start = GetInt(q, "start"), end = GetInt(q, "end");
  ASSERT_TRUE(start >= 0 && end > start && end <= static_cast<int64_t>(text.size()));
  EXPECT_EQ(text.substr(start, end - start), GetStr(q, "text"));
  auto q2 = quotes.at(1).value();
  EXPECT_EQ(GetStr(q2, "kind"), "indirect");
  EXPECT_EQ(GetStr(q2, "text"), "the talks would resume in May");
  EXPECT_EQ(GetStr(q2, "speaker_key"), GetStr(q, "speaker_key"));
  // The plain text form lists them too.
  r = Dl({"show", "--index", index_, "q-en-1"});
  EXPECT_NE(r.out.find("quote:    Ghassan Salam\u00e9"), std::string::npos) << r.out;
}

TEST_F(quotesCli, QuotesCommandFiltersBySpeakerAndQuery) {
  RunResult r = Dl({"quotes", "--index", index_, "--json"});
  ASSERT_EQ(r.code, 0) << Describe(r);
  Json all(r.out);
  ASSERT_TRUE(all.ok) << r.out;
  simdjson::dom::array a = all.root.get_array();
  ASSERT_EQ(a.size(), 3u) << r.out;
  EXPECT_EQ(GetStr(a.at(0).value(), "id"), "q-nl-1");  // newest first
  const std::string sarraj = GetStr(a.at(0).value(), "speaker_key");
  EXPECT_FALSE(sarraj.empty());
  const std::string salame = GetStr(a.at(1).value(), "speaker_key");

  r = Dl({"quotes", "--index", index_, "--json", "--speaker", salame});
  Json by(r.out);
  ASSERT_TRUE(by.ok) << r.out;
  EXPECT_EQ(by.root.get_array().size(), 2u) << r.out;
  for (auto q : by.root.get_array()) EXPECT_EQ(GetStr(q, "speaker_key"), salame);

  r = Dl({"quotes", "--index", index_, "--json", "--speaker", "nobody at all"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "[]\n");

  r = Dl({"quotes", "--index", index_, "--json", "lang:nl"});
  Json nl(r.out);
  ASSERT_TRUE(nl.ok) << r.out;
  EXPECT_EQ(nl.root.get_array().size(), 1u) << r.out;

  r = Dl({"quotes", "--index", index_, "--limit", "1", "--lang", "en"});
  ASSERT_EQ(r.code, 0) << Describe(r);
  EXPECT_EQ(Lines(r.out).size(), 1u) << r.out;
  EXPECT_NE(r.out.find("q-en-1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(direct): We are further apart"), std::string::npos) << r.out;
}

TEST_F(quotesCli, UsageErrors) {
  EXPECT_EQ(Dl({"quotes", "--index", index_, "--limit", "x"}).code, 2);
  EXPECT_EQ(Dl({"quotes", "--index", index_, "--from", "yesterday"}).code, 2);
  EXPECT_EQ(Dl({"quotes", "--index", *tmp_ / "none"}).code, 1);
}

TEST_F(quotesCli, ExtractJsonHasQuotes) {
  WriteFile(*tmp_ / "a.txt",
            "\u201EDas ist ein Meilenstein f\u00fcr unser Land\u201C, sagte Angela Merkel.");
  RunResult r = Dl({"extract", "--json", "--lang", "de", *tmp_ / "a.txt"});
  ASSERT_EQ(r.code, 0) << Describe(r);
  Json j(r.out);
  ASSERT_TRUE(j.ok) << r.out;
  simdjson::dom::array quotes;
  ASSERT_EQ(j.root["quotes"].get(quotes), simdjson::SUCCESS) << r.out;
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(GetStr(quotes.at(0).value(), "text"), "Das ist ein Meilenstein f\u00fcr unser Land");
  EXPECT_EQ(GetStr(quotes.at(0).value(), "speaker"), "Angela Merkel");
}

}  // namespace
}  // namespace dateline::testing::cli
