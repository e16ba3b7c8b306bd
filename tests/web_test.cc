// Web page extraction: title, body, date (and its source), authors, language, URL;
// charsets (windows-1252, windows-1256, Shift-JIS, BOM, detection); date helpers;
// `dateline extract --json`; the benchmark pages when ../shared is present.
#include "dateline/web.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "ingest/web/dates.h"
#include "ingest/web/encoding.h"
#include "test_util.h"

namespace dateline::web {
namespace {

std::string Fixture(const std::string& name) {
  return testutil::ReadBytes(std::string(DL_TEST_DATA) + "/web/" + name);
}

// Converts UTF-8 to `charset` with ICU (the bytes a legacy page would have).
std::string Encode(std::string_view utf8, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &err);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  out.resize(U_SUCCESS(err) ? static_cast<size_t>(n) : 0);
  return out;
}

bool Contains(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

TEST(ExtractTest, EnglishArticleWithFurniture) {
  Article a;
  ASSERT_TRUE(ExtractArticle(Fixture("en_article.html"), "", "", &a).ok());
  EXPECT_EQ(a.title, "Harbour storm closes ferry routes");
  EXPECT_EQ(a.date, "2021-03-14T08:30:00+00:00");
  EXPECT_EQ(a.date_source, "article:published_time");
  ASSERT_FALSE(a.authors.empty());
  EXPECT_EQ(a.authors[0], "Jane Doe");
  EXPECT_EQ(a.lang, "en");
  EXPECT_EQ(a.url, "https://news.example.org/2021/03/14/harbour-storm-ferries");
  // The article's paragraphs, in order, separated by blank lines.
  const size_t p1 = a.text.find("Gale-force winds closed every ferry route");
  const size_t p2 = a.text.find("The coastguard said gusts");
  const size_t p5 = a.text.find("Forecasters expect the wind to ease");
  ASSERT_NE(p1, std::string::npos) << a.text;
  ASSERT_NE(p2, std::string::npos);
  ASSERT_NE(p5, std::string::npos);
  EXPECT_LT(p1, p2);
  EXPECT_LT(p2, p5);
  EXPECT_TRUE(Contains(a.text, "heavy seas.\n\nWe have") ||
              Contains(a.text, "heavy seas.\n\n\"We have"))
      << a.text;
  // No furniture.
  for (std::string_view junk :
       {"cookies", "Sport", "Share on", "Email", "Waves break", "Advertisement", "Sign up",
        "Subscribe", "Related stories", "Coastguard rescues kayaker", "12 comments",
        "This happens every winter", "All rights reserved", "script text", "color: red",
        "By Jane Doe"}) {
    EXPECT_FALSE(Contains(a.text, junk)) << "found \"" << junk << "\" in:\n" << a.text;
  }
  EXPECT_FALSE(Contains(a.text, "Harbour storm closes ferry routes")) << "title repeated";
}

TEST(ExtractTest, FrenchJsonLd) {
  Article a;
  ASSERT_TRUE(
      ExtractArticle(Fixture("fr_article.html"), "https://journal.example.fr/x", "", &a).ok());
  EXPECT_EQ(a.title, "Le festival des lanternes attire des foules record");
  EXPECT_EQ(a.date, "2022-09-03T19:05:00+02:00");
  EXPECT_EQ(a.date_source, "json-ld");
  ASSERT_EQ(a.authors.size(), 2u);
  EXPECT_EQ(a.authors[0], "Claire Martin");
  EXPECT_EQ(a.authors[1], "Louis Bernard");
  EXPECT_EQ(a.lang, "fr");
  EXPECT_TRUE(Contains(a.text, "quarante mille visiteurs"));
  EXPECT_TRUE(Contains(a.text, "« Nous n'avions jamais vu autant de familles »"));
  EXPECT_TRUE(Contains(a.text, "La circulation restera perturbée"));
  for (std::string_view junk :
       {"Accueil", "Partager", "Les plus lus", "Mentions légales", "Publié le"})
    EXPECT_FALSE(Contains(a.text, junk)) << junk << "\n" << a.text;
  EXPECT_EQ(a.url, "https://journal.example.fr/x");  // no canonical link: the page URL
}

TEST(ExtractTest, GermanBylineDate) {
  Article a;
  ASSERT_TRUE(ExtractArticle(Fixture("de_article.html"), "", "", &a).ok());
  EXPECT_EQ(a.title, "Neue Straßenbahnlinie fährt ab Montag");
  EXPECT_EQ(a.date, "2019-04-06");
  EXPECT_EQ(a.date_source, "byline");
  ASSERT_EQ(a.authors.size(), 1u);
  EXPECT_EQ(a.authors[0], "Anna Schmidt");
  EXPECT_EQ(a.lang, "de");
  EXPECT_TRUE(Contains(a.text, "Nach mehr als drei Jahren Bauzeit"));
  EXPECT_TRUE(Contains(a.text, "auf das Auto verzichten könnten."));
  for (std::string_view junk : {"Startseite", "Von Anna", "Auch interessant", "Impressum"})
    EXPECT_FALSE(Contains(a.text, junk)) << junk << "\n" << a.text;
}

TEST(ExtractTest, DutchDateFromUrlAndLanguageCheckedAgainstDetection) {
  Article a;
  ASSERT_TRUE(ExtractArticle(Fixture("nl_url_date.html"), "", "", &a).ok());
  EXPECT_EQ(a.date, "2020-06-18");
  EXPECT_EQ(a.date_source, "url");
  EXPECT_EQ(a.lang_declared, "en");
  EXPECT_EQ(a.lang, "nl");  // <html lang="en"> is wrong: the text is Dutch
  EXPECT_EQ(a.url, "https://nieuws.example.nl/regio/2020/06/18/dijkversterking-begint");
  EXPECT_FALSE(Contains(a.text, "Deel op Facebook"));
  EXPECT_FALSE(Contains(a.text, "Regio"));
}

TEST(ExtractTest, NoDate) {
  Article a;
  ASSERT_TRUE(
      ExtractArticle(Fixture("nodate.html"), "https://bakery.example.com/about", "", &a).ok());
  EXPECT_EQ(a.date, "");
  EXPECT_EQ(a.date_source, "");
  EXPECT_TRUE(Contains(a.text, "three generations"));
}

TEST(ExtractTest, JsonOutput) {
  Article a;
  a.title = "T \"q\"";
  a.text = "a\n\nb";
  a.date = "2020-01-02";
  a.date_source = "url";
  a.authors = {"X Y"};
  a.lang = "en";
  a.url = "https://e.org/";
  EXPECT_EQ(
      ArticleJson(a),
      "{\"title\":\"T \\\"q\\\"\",\"text\":\"a\\n\\nb\",\"date\":\"2020-01-02\","
      "\"date_source\":\"url\",\"authors\":[\"X Y\"],\"lang\":\"en\",\"url\":\"https://e.org/\"}");
  a.date.clear();
  a.date_source.clear();
  EXPECT_TRUE(Contains(ArticleJson(a), "\"date\":null,\"date_source\":null"));
}

// A small page in any language, for the charset tests.
std::string Page(std::string_view lang, std::string_view meta, std::string_view title,
                 std::string_view p1, std::string_view p2) {
  std::string s = "<html lang=\"" + std::string(lang) + "\"><head>" + std::string(meta) +
                  "<title>" + std::string(title) +
                  "</title><meta property=\"article:published_time\" content=\"2020-02-03\">"
                  "</head><body><div class=\"nav\"><a href=\"/\">1</a> <a href=\"/2\">2</a></div>"
                  "<div class=\"article\"><h1>" +
                  std::string(title) + "</h1><p>" + std::string(p1) + "</p><p>" + std::string(p2) +
                  "</p></div></body></html>";
  return s;
}

TEST(CharsetTest, Windows1252FromHttpHeader) {
  const std::string utf8 =
      Page("fr", "", "Le café rouvre",
           "Le café du marché a rouvert ses portes samedi après trois mois de travaux, à la grande "
           "joie des habitués du quartier.",
           "Le nouveau menu coûte 12 € et la terrasse a été agrandie pour l'été prochain.");
  const std::string bytes = Encode(utf8, "windows-1252");
  ASSERT_NE(bytes, utf8);
  EXPECT_NE(bytes.find("caf\xE9"), std::string::npos);
  EXPECT_NE(bytes.find("12 \x80"), std::string::npos);
  Article a;
  ASSERT_TRUE(
      ExtractArticle(bytes, "", "ISO-8859-1", &a).ok());  // latin-1 label means windows-1252
  EXPECT_EQ(a.encoding, "windows-1252");
  EXPECT_EQ(a.encoding_source, "http");
  EXPECT_EQ(a.title, "Le café rouvre");
  EXPECT_TRUE(Contains(a.text, "12 €")) << a.text;
  EXPECT_TRUE(Contains(a.text, "marché a rouvert"));
}

TEST(CharsetTest, Windows1256ArabicFromMeta) {
  const std::string utf8 =
      Page("ar", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">",
           "افتتاح مكتبة جديدة في المدينة",
           "افتتحت البلدية يوم السبت مكتبة عامة جديدة في وسط المدينة تضم أكثر من عشرين ألف كتاب "
           "باللغتين العربية والفرنسية.",
           "وقال رئيس البلدية إن المكتبة ستفتح أبوابها كل يوم من الساعة التاسعة صباحا حتى الثامنة "
           "مساء.");
  const std::string bytes = Encode(utf8, "windows-1256");
  EXPECT_NE(bytes.find("\xC7\xE1"), std::string::npos);  // "ال"
  Article a;
  ASSERT_TRUE(ExtractArticle(bytes, "", "", &a).ok());
  EXPECT_EQ(a.encoding, "windows-1256");
  EXPECT_EQ(a.encoding_source, "meta");
  EXPECT_EQ(a.title, "افتتاح مكتبة جديدة في المدينة");
  EXPECT_TRUE(Contains(a.text, "مكتبة عامة جديدة")) << a.text;
  EXPECT_EQ(a.lang, "ar");
}

TEST(CharsetTest, ShiftJisDetectedWithoutDeclaration) {
  const std::string utf8 = Page("ja", "", "新しい図書館が開館",
                                "市は土曜日、市の中心部に新しい公共図書館を開館した。図書館には二万"
                                "冊以上の本があり、子ども向けの読書室も設けられている。",
                                "市長は、図書館は毎日午前九時から午後八時まで開いていると述べた。多"
                                "くの市民が初日から訪れた。");
  const std::string bytes = Encode(utf8, "Shift_JIS");
  EXPECT_NE(bytes.find("\x90\x56"), std::string::npos);  // 新
  Article a;
  ASSERT_TRUE(ExtractArticle(bytes, "", "", &a).ok());
  EXPECT_EQ(a.encoding_source, "detected");
  EXPECT_EQ(a.title, "新しい図書館が開館");
  EXPECT_TRUE(Contains(a.text, "二万冊以上の本")) << a.text;
  EXPECT_EQ(a.lang, "ja");
}

TEST(CharsetTest, ShiftJisDeclaredAndKoi8r) {
  const std::string ja = Page("ja", "<meta charset=\"shift_jis\">", "市場の再開",
                              "市場は三か月の工事の後、土曜日に再開した。新しい屋根と広い通路が完成"
                              "し、朝から多くの買い物客でにぎわった。",
                              "店主たちは、来月には夜市も始めたいと話している。");
  Article a;
  ASSERT_TRUE(ExtractArticle(Encode(ja, "Shift_JIS"), "", "", &a).ok());
  EXPECT_EQ(a.encoding, "windows-31j");
  EXPECT_EQ(a.title, "市場の再開");
  const std::string ru =
      Page("ru", "<meta charset=\"koi8-r\">", "Новый мост открыт",
           "В субботу в городе открыли новый мост через реку, строительство которого продолжалось "
           "три года.",
           "По мосту будут ходить автобусы и трамваи, а для пешеходов построены широкие тротуары.");
  ASSERT_TRUE(ExtractArticle(Encode(ru, "KOI8-R"), "", "", &a).ok());
  EXPECT_EQ(a.encoding, "KOI8-R");
  EXPECT_EQ(a.title, "Новый мост открыт");
  EXPECT_EQ(a.lang, "ru");
}

TEST(CharsetTest, OrderBomUnknownLabelsAndFailures) {
  DecodedPage p;
  // The HTTP header wins over the page's <meta>.
  EXPECT_EQ(DecodePage("<meta charset=utf-8>caf\xE9", "windows-1252", &p), "");
  EXPECT_EQ(p.utf8, "<meta charset=utf-8>café");
  EXPECT_EQ(p.how, "http");
  // A UTF-8 BOM is removed and decides.
  EXPECT_EQ(DecodePage("\xEF\xBB\xBF<p>café</p>", "", &p), "");
  EXPECT_EQ(p.utf8, "<p>café</p>");
  EXPECT_EQ(p.how, "bom");
  // An unknown label falls through to the next source.
  EXPECT_EQ(DecodePage("<meta charset=\"x-no-such-charset\"><p>plain</p>", "", &p), "");
  EXPECT_EQ(p.how, "utf-8");
  // Labels and Content-Type values.
  EXPECT_EQ(NormalizeCharsetLabel(" Latin1 "), "windows-1252");
  EXPECT_EQ(NormalizeCharsetLabel("GB2312"), "GB18030");
  EXPECT_EQ(CharsetFromContentType("text/html; Charset=\"Windows-1256\""), "windows-1256");
  EXPECT_EQ(PrescanMetaCharset(
                "<head><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=koi8-r'>"),
            "koi8-r");
  // Random bytes never crash; they are decoded or rejected with a reason.
  std::mt19937 rng(7);
  for (int i = 0; i < 200; ++i) {
    std::string junk(1 + rng() % 3000, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    const std::string why = DecodePage(junk, i % 2 ? "utf-8" : "", &p);
    if (why.empty()) {
      EXPECT_TRUE(IsValidUtf8(p.utf8));
    } else {
      EXPECT_NE(why.find("cannot decode"), std::string::npos) << why;
    }
  }
}

TEST(DatesTest, Values) {
  EXPECT_EQ(NormalizeDateValue("2019-04-06T10:30:00+02:00"), "2019-04-06T10:30:00+02:00");
  EXPECT_EQ(NormalizeDateValue(" 2019-04-06 "), "2019-04-06");
  EXPECT_EQ(NormalizeDateValue("2019-04-06T10h30"), "2019-04-06");
  EXPECT_EQ(NormalizeDateValue("20190406"), "2019-04-06");
  EXPECT_EQ(NormalizeDateValue("Sat, 06 Apr 2019 10:30:00 GMT"), "2019-04-06");
  EXPECT_EQ(NormalizeDateValue("2019-02-30"), "");
  EXPECT_EQ(NormalizeDateValue("yesterday"), "");
  EXPECT_EQ(DateFromUrl("https://e.org/news/2019/04/06/story"), "2019-04-06");
  EXPECT_EQ(DateFromUrl("https://e.org/2019-04-06-story.html"), "2019-04-06");
  EXPECT_EQ(DateFromUrl("https://e.org/a/20190406/story"), "2019-04-06");
  EXPECT_EQ(DateFromUrl("https://e.org/2019/04/story"), "2019-04");
  EXPECT_EQ(DateFromUrl("https://e.org/story-12345678"), "");
  EXPECT_EQ(DateFromUrl("https://2019.e.org/x"), "");
  EXPECT_EQ(DateFromText("Published April 6, 2019 at 10:00"), "2019-04-06");
  EXPECT_EQ(DateFromText("6 avril 2019"), "2019-04-06");
  EXPECT_EQ(DateFromText("Von Anna, 6. April 2019"), "2019-04-06");
  EXPECT_EQ(DateFromText("6 de abril de 2019"), "2019-04-06");
  EXPECT_EQ(DateFromText("Updated 06.04.2019 12:00"), "2019-04-06");
  EXPECT_EQ(DateFromText("04/25/2019"), "2019-04-25");
  EXPECT_EQ(DateFromText("no date here, 42 people"), "");
}

TEST(ExtractCliTest, Json) {
  const std::string cmd =
      std::string(DL_BINARY) + " extract --json " + DL_TEST_DATA + "/web/fr_article.html";
  FILE* f = popen(cmd.c_str(), "r");
  ASSERT_NE(f, nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  EXPECT_EQ(pclose(f), 0);
  for (std::string_view key :
       {"{\"title\":", "\"text\":", "\"date\":\"2022-09-03T19:05:00+02:00\"",
        "\"date_source\":\"json-ld\"", "\"authors\":[\"Claire Martin\",\"Louis Bernard\"]",
        "\"lang\":\"fr\"", "\"url\":"}) {
    EXPECT_TRUE(Contains(out, key)) << key << "\n" << out;
  }
}

TEST(ExtractFuzzTest, MutatedPagesNeverCrash) {
  const std::vector<std::string> pages = {Fixture("en_article.html"), Fixture("fr_article.html"),
                                          Fixture("de_article.html"), Fixture("nl_url_date.html")};
  std::mt19937 rng(12345);
  const int rounds = testutil::kSanitized ? 150 : 600;
  for (int i = 0; i < rounds; ++i) {
    std::string p = pages[rng() % pages.size()];
    const int edits = 1 + static_cast<int>(rng() % 20);
    for (int e = 0; e < edits && !p.empty(); ++e) {
      const size_t at = rng() % p.size();
      switch (rng() % 5) {
        case 0:
          p[at] = static_cast<char>(rng());
          break;
        case 1:
          p.erase(at, rng() % 200);
          break;
        case 2:
          p.insert(at, std::string(1 + rng() % 5, "<>\"'&/="[rng() % 7]));
          break;
        case 3:
          p.insert(at, p.substr(rng() % p.size(), rng() % 300));
          break;
        default:
          p.resize(at);
          break;
      }
    }
    Article a;
    Status s = ExtractArticle(p, "https://e.org/2020/01/02/x", i % 3 ? "" : "windows-1252", &a);
    if (s.ok()) {
      EXPECT_TRUE(IsValidUtf8(a.text));
      EXPECT_TRUE(IsValidUtf8(a.title));
    }
  }
  // Deep nesting and empty input.
  Article a;
  EXPECT_TRUE(ExtractArticle("", "", "", &a).ok() || true);
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div><span>";
  deep += "<p>text</p>";
  Status s = ExtractArticle(deep, "", "", &a);
  (void)s;
}

// The benchmark pages (../shared), when present: every page is extracted.
TEST(BenchmarkPagesTest, ExtractAll) {
  const std::string dir = std::string(DL_SOURCE_DIR) + "/../shared/data/article-extraction/html";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << dir << " is absent (benchmark pages)";
  size_t pages = 0, with_text = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (testutil::kSanitized && pages >= 10) break;
    const std::string cmd = "gzip -dc '" + e.path().string() + "'";
    FILE* f = popen(cmd.c_str(), "r");
    ASSERT_NE(f, nullptr);
    std::string html;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) html.append(buf, n);
    pclose(f);
    Article a;
    ASSERT_TRUE(ExtractArticle(html, "", "", &a).ok()) << e.path();
    ++pages;
    if (!a.text.empty()) ++with_text;
  }
  EXPECT_GT(pages, 0u);
  EXPECT_GE(with_text * 10, pages * 9);
}

}  // namespace
}  // namespace dateline::web
