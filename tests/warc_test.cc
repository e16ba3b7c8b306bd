// WARC and HTML-file ingest: records, gzip per record and whole-file, skipped
// records counted per reason, truncated and malformed records rejected, dates
// from the crawl, directories, and random mutations (no crash).
#include <gtest/gtest.h>
#include <zlib.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "dateline/ingest.h"
#include "dateline/web.h"
#include "test_util.h"

namespace dateline::ingest {
namespace {

class Sink : public RecordSink, public web::SkipListener {
 public:
  void OnDocument(Document&& doc, uint64_t) override { docs.push_back(std::move(doc)); }
  void OnReject(Reject&& r) override { rejects.push_back(std::move(r)); }
  void OnSkip(const std::string&, const std::string& reason) override { ++skips[reason]; }
  const Document* Find(const std::string& id) const {
    for (const Document& d : docs) {
      if (d.id == id) return &d;
    }
    return nullptr;
  }
  std::vector<Document> docs;
  std::vector<Reject> rejects;
  std::map<std::string, int> skips;
};

std::string Data(const std::string& name) { return std::string(DL_TEST_DATA) + "/web/" + name; }

void ExpectSampleContent(const Sink& s) {
  ASSERT_EQ(s.docs.size(), 4u);
  EXPECT_TRUE(s.rejects.empty()) << s.rejects[0].reason;
  const std::map<std::string, int> skips = {{"warcinfo record", 1},
                                            {"request record", 1},
                                            {"metadata record", 1},
                                            {"not HTML (image/jpeg)", 1},
                                            {"HTTP status 404", 1}};
  EXPECT_EQ(s.skips, skips);
  const Document* en = s.Find("https://news.example.org/2021/03/14/harbour-storm-ferries");
  ASSERT_NE(en, nullptr);
  EXPECT_EQ(en->title, "Harbour storm closes ferry routes");
  EXPECT_EQ(en->date.ToString(), "2021-03-14");
  EXPECT_EQ(en->url, "https://news.example.org/2021/03/14/harbour-storm-ferries");
  EXPECT_EQ(en->source, "news.example.org");
  EXPECT_EQ(en->lang, "en");
  EXPECT_NE(en->extra_json.find("\"date_source\":\"article:published_time\""), std::string::npos);
  EXPECT_NE(en->extra_json.find("\"authors\":[\"Jane Doe\"]"), std::string::npos) << en->extra_json;
  EXPECT_NE(en->origin.find("@"), std::string::npos);
  EXPECT_EQ(en->text.find("cookies"), std::string::npos);
  // Chunked transfer encoding.
  const Document* fr = s.Find("https://journal.example.fr/culture/festival-lanternes");
  ASSERT_NE(fr, nullptr);
  EXPECT_EQ(fr->date.ToString(), "2022-09-03");
  EXPECT_NE(fr->text.find("quarante mille visiteurs"), std::string::npos);
  // gzip Content-Encoding; no date in the page: the crawl date, flagged.
  const Document* bakery = s.Find("https://bakery.example.com/about");
  ASSERT_NE(bakery, nullptr);
  EXPECT_EQ(bakery->date.ToString(), "2023-05-01");
  EXPECT_NE(bakery->extra_json.find("\"date_source\":\"warc-date\""), std::string::npos);
  // windows-1252 page announced as ISO-8859-1 in the HTTP header.
  const Document* cafe = s.Find("https://ville.example.fr/cafe");
  ASSERT_NE(cafe, nullptr);
  EXPECT_EQ(cafe->title, "Café réouvre après les travaux");
  EXPECT_NE(cafe->text.find("Le café du marché a rouvert"), std::string::npos);
  EXPECT_NE(cafe->extra_json.find("\"encoding\":\"windows-1252\""), std::string::npos);
}

TEST(WarcTest, Plain) {
  Sink s;
  ASSERT_TRUE(ReadPath(Data("sample.warc"), ReadOptions{}, &s).ok());
  ExpectSampleContent(s);
}

TEST(WarcTest, GzipPerRecord) {
  Sink s;
  ASSERT_TRUE(ReadPath(Data("sample.warc.gz"), ReadOptions{}, &s).ok());
  ExpectSampleContent(s);
}

TEST(WarcTest, GzipWholeFile) {
  Sink s;
  ASSERT_TRUE(ReadPath(Data("sample-whole.warc.gz"), ReadOptions{}, &s).ok());
  ExpectSampleContent(s);
}

TEST(WarcTest, TruncatedRecordIsRejected) {
  const std::string warc = testutil::ReadBytes(Data("sample.warc"));
  const size_t third =
      warc.find("WARC/1.0", warc.find("msgtype=response"));  // after the 1st response
  ASSERT_NE(third, std::string::npos);
  testutil::TempDir dir;
  const std::string path = dir.File("cut.warc");
  testutil::WriteBytes(path, warc.substr(0, third + 900));
  Sink s;
  ASSERT_TRUE(ReadPath(path, ReadOptions{}, &s).ok());
  EXPECT_EQ(s.docs.size(), 1u);
  ASSERT_EQ(s.rejects.size(), 1u);
  EXPECT_NE(s.rejects[0].reason.find("truncated WARC record"), std::string::npos)
      << s.rejects[0].reason;
  EXPECT_EQ(s.rejects[0].offset, third);
  // Cut inside a header.
  testutil::WriteBytes(path, warc.substr(0, third + 30));
  Sink s2;
  ASSERT_TRUE(ReadPath(path, ReadOptions{}, &s2).ok());
  ASSERT_EQ(s2.rejects.size(), 1u);
  EXPECT_NE(s2.rejects[0].reason.find("ends inside its header"), std::string::npos);
}

TEST(WarcTest, TruncatedGzipKeepsEarlierRecords) {
  const std::string gz = testutil::ReadBytes(Data("sample.warc.gz"));
  testutil::TempDir dir;
  const std::string path = dir.File("cut.warc.gz");
  testutil::WriteBytes(path, gz.substr(0, gz.size() * 2 / 3));
  Sink s;
  Status st = ReadPath(path, ReadOptions{}, &s);
  EXPECT_TRUE(st.IsCorruption()) << st.ToString();
  EXPECT_GE(s.docs.size(), 1u);
  ASSERT_FALSE(s.rejects.empty());
  EXPECT_NE(s.rejects.back().reason.find("the rest of the file is unreadable"), std::string::npos);
}

TEST(WarcTest, GarbageAndBadHeadersResynchronise) {
  const std::string warc = testutil::ReadBytes(Data("sample.warc"));
  std::string bad = "this is not a WARC file\r\n\r\n" + warc;
  // A record without Content-Length.
  bad +=
      "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://e.org/x\r\n\r\n"
      "HTTP/1.1 200 OK\r\n\r\n<p>x</p>\r\n\r\n";
  testutil::TempDir dir;
  const std::string path = dir.File("bad.warc");
  testutil::WriteBytes(path, bad);
  Sink s;
  ASSERT_TRUE(ReadPath(path, ReadOptions{}, &s).ok());
  EXPECT_EQ(s.docs.size(), 4u);
  ASSERT_EQ(s.rejects.size(), 3u);  // garbage, no Content-Length, the stray body line
  EXPECT_EQ(s.rejects[0].reason, "not a WARC record (expected a WARC/1.x version line)");
  EXPECT_EQ(s.rejects[0].offset, 0u);
  EXPECT_EQ(s.rejects[1].reason, "WARC record without Content-Length");
}

TEST(WarcTest, MalformedHttpAndNoDate) {
  auto rec = [](std::string uri, std::string block, std::string date) {
    std::string h = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri + "\r\n";
    if (!date.empty()) h += "WARC-Date: " + date + "\r\n";
    return h + "Content-Type: application/http; msgtype=response\r\nContent-Length: " +
           std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
  };
  const std::string page = testutil::ReadBytes(Data("nodate.html"));
  std::string warc =
      rec("https://e.org/1", "garbage", "2020-01-01T00:00:00Z") +
      rec("https://e.org/2", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page, "") +
      rec("https://e.org/3",
          "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx", "") +
      rec("https://e.org/4",
          "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body></body></html>",
          "2020-01-01T00:00:00Z") +
      rec("https://e.org/5", "HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n", "");
  testutil::TempDir dir;
  const std::string path = dir.File("m.warc");
  testutil::WriteBytes(path, warc);
  Sink s;
  ASSERT_TRUE(ReadPath(path, ReadOptions{}, &s).ok());
  EXPECT_TRUE(s.docs.empty());
  ASSERT_EQ(s.rejects.size(), 4u);
  EXPECT_EQ(s.rejects[0].reason, "malformed HTTP response: no status line");
  EXPECT_EQ(s.rejects[1].reason, "no publication date found (https://e.org/2)");
  EXPECT_EQ(s.rejects[2].reason, "unsupported Content-Encoding \"br\"");
  EXPECT_EQ(s.rejects[3].reason, "no article text found (https://e.org/4)");
  EXPECT_EQ(s.skips["HTTP status 301"], 1);
}

// Found by fuzz_warc: a target URI that is not valid UTF-8 became a document id
// that was not valid text. Invalid bytes and control characters are now
// percent-encoded; valid non-ASCII characters are kept.
TEST(WarcTest, TargetUriIsCleanedForTheId) {
  const std::string page = testutil::ReadBytes(Data("en_article.html"));
  const std::string block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page;
  const std::string uri =
      "https://caf\xc3\xa9.example/a\xff\x01"
      "b";
  const std::string warc = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri +
                           "\r\nContent-Type: application/http; msgtype=response\r\n"
                           "Content-Length: " +
                           std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
  testutil::TempDir dir;
  const std::string path = dir.File("u.warc");
  testutil::WriteBytes(path, warc);
  Sink s;
  ASSERT_TRUE(ReadPath(path, ReadOptions{}, &s).ok());
  ASSERT_EQ(s.docs.size(), 1u) << (s.rejects.empty() ? "" : s.rejects[0].reason);
  EXPECT_EQ(s.docs[0].id, "https://caf\xc3\xa9.example/a%FF%01b");
  EXPECT_EQ(s.docs[0].url, s.docs[0].id);
}

TEST(HtmlFileTest, FilesAndDirectories) {
  testutil::TempDir dir;
  std::filesystem::create_directories(dir.File("site/2019"));
  testutil::WriteBytes(dir.File("site/2019/de.html"), testutil::ReadBytes(Data("de_article.html")));
  testutil::WriteBytes(dir.File("site/fr.htm"), testutil::ReadBytes(Data("fr_article.html")));
  testutil::WriteBytes(dir.File("site/nodate.html"), testutil::ReadBytes(Data("nodate.html")));
  {
    const std::string en = testutil::ReadBytes(Data("en_article.html"));
    gzFile gz = gzopen(dir.File("site/en.html.gz").c_str(), "wb");
    gzwrite(gz, en.data(), static_cast<unsigned>(en.size()));
    gzclose(gz);
  }
  testutil::WriteBytes(dir.File("site/crawl.warc"), testutil::ReadBytes(Data("sample.warc")));
  Sink s;
  std::vector<std::string> skipped;
  ASSERT_TRUE(ReadPath(dir.File("site"), ReadOptions{}, &s, &skipped).ok());
  EXPECT_TRUE(skipped.empty());
  EXPECT_EQ(s.docs.size(), 3u + 4u);
  const Document* de = s.Find("2019/de.html");
  ASSERT_NE(de, nullptr);
  EXPECT_EQ(de->date.ToString(), "2019-04-06");
  EXPECT_NE(de->extra_json.find("\"date_source\":\"byline\""), std::string::npos);
  EXPECT_NE(de->extra_json.find("\"authors\":[\"Anna Schmidt\"]"), std::string::npos);
  const Document* en = s.Find("en.html.gz");
  ASSERT_NE(en, nullptr);
  EXPECT_EQ(en->url, "https://news.example.org/2021/03/14/harbour-storm-ferries");
  EXPECT_EQ(en->source, "news.example.org");
  ASSERT_NE(s.Find("fr.htm"), nullptr);
  ASSERT_EQ(s.rejects.size(), 1u);
  EXPECT_EQ(s.rejects[0].reason, "no publication date found");
  EXPECT_EQ(s.rejects[0].file, dir.File("site/nodate.html"));
}

TEST(WarcFuzzTest, MutatedWarcFilesNeverCrash) {
  const std::string plain = testutil::ReadBytes(Data("sample.warc"));
  const std::string gz = testutil::ReadBytes(Data("sample.warc.gz"));
  testutil::TempDir dir;
  std::mt19937 rng(2024);
  const int rounds = testutil::kSanitized ? 60 : 250;
  for (int i = 0; i < rounds; ++i) {
    const bool use_gz = i % 3 == 0;
    std::string w = use_gz ? gz : plain;
    const int edits = 1 + static_cast<int>(rng() % 12);
    for (int e = 0; e < edits && !w.empty(); ++e) {
      const size_t at = rng() % w.size();
      switch (rng() % 5) {
        case 0:
          w[at] = static_cast<char>(rng());
          break;
        case 1:
          w.erase(at, rng() % 100);
          break;
        case 2:
          w.insert(at, "\r\n");
          break;
        case 3:
          w.insert(at, std::to_string(rng()));
          break;
        default:
          w.resize(at);
          break;
      }
    }
    const std::string path = dir.File(use_gz ? "f.warc.gz" : "f.warc");
    testutil::WriteBytes(path, w);
    Sink s;
    (void)ReadPath(path, ReadOptions{}, &s);
    for (const Document& d : s.docs) {
      EXPECT_FALSE(d.text.empty());
      EXPECT_FALSE(d.id.empty());
    }
  }
}

}  // namespace
}  // namespace dateline::ingest
