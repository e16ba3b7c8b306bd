// Tests for the ingest module: formats, compression, rejects, directory walking, stdin.
#include "dateline/ingest.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace dateline::ingest {
namespace {

namespace fs = std::filesystem;

const std::string kData = std::string(DL_TEST_DATA) + "/ingest";

struct CollectSink : RecordSink {
  std::vector<Document> docs;
  std::vector<uint64_t> repaired;
  std::vector<Reject> rejects;
  std::vector<uint64_t> progress;
  void OnDocument(Document&& doc, uint64_t r) override {
    docs.push_back(std::move(doc));
    repaired.push_back(r);
  }
  void OnReject(Reject&& reject) override { rejects.push_back(std::move(reject)); }
  void OnProgress(uint64_t bytes) override { progress.push_back(bytes); }
  const Document* Find(const std::string& id) const {
    for (const Document& d : docs) {
      if (d.id == id) return &d;
    }
    return nullptr;
  }
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteAll(const std::string& path, std::string_view data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

std::string Gzip(std::string_view data) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string Zstd(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// A fresh temporary directory per test.
class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("dl_ingest_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Write(const std::string& name, std::string_view data) const {
    WriteAll(Path(name), data);
    return Path(name);
  }
  fs::path dir_;
};

Status Read(const std::string& path, CollectSink* sink, Format format = Format::kAuto,
            std::vector<std::string>* skipped = nullptr) {
  ReadOptions options;
  options.format = format;
  return ReadPath(path, options, sink, skipped);
}

// Reads `data` as if it were standard input.
Status ReadAsStdin(const std::string& file, CollectSink* sink, Format format = Format::kAuto) {
  const int saved = ::dup(STDIN_FILENO);
  const int fd = ::open(file.c_str(), O_RDONLY);
  ::dup2(fd, STDIN_FILENO);
  ::close(fd);
  Status s = Read("-", sink, format);
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  return s;
}

// ---------------------------------------------------------------------------
// Small pieces.

TEST(IngestFormat, ParseFormat) {
  Format f;
  ASSERT_TRUE(ParseFormat("auto", &f));
  EXPECT_EQ(f, Format::kAuto);
  ASSERT_TRUE(ParseFormat("txt", &f));
  EXPECT_EQ(f, Format::kText);
  ASSERT_TRUE(ParseFormat("text", &f));
  EXPECT_EQ(f, Format::kText);
  ASSERT_TRUE(ParseFormat("ndjson", &f));
  EXPECT_EQ(f, Format::kJsonl);
  ASSERT_TRUE(ParseFormat("JSONL", &f));
  EXPECT_EQ(f, Format::kJsonl);
  ASSERT_TRUE(ParseFormat("csv", &f));
  EXPECT_EQ(f, Format::kCsv);
  EXPECT_FALSE(ParseFormat("xml", &f));
}

TEST(IngestUtf8, Repair) {
  std::string s = "plain ascii and \xC3\xA9t\xC3\xA9";
  EXPECT_EQ(RepairUtf8(&s), 0u);
  EXPECT_EQ(s, "plain ascii and \xC3\xA9t\xC3\xA9");
  s = "a\xFF"
      "b";
  EXPECT_EQ(RepairUtf8(&s), 1u);
  EXPECT_EQ(s,
            "a\xEF\xBF\xBD"
            "b");
  s = "cut \xE2\x82";  // truncated 3-byte sequence: one maximal subpart
  EXPECT_EQ(RepairUtf8(&s), 1u);
  EXPECT_EQ(s, "cut \xEF\xBF\xBD");
  s = "\xC0\x80";  // overlong: two invalid bytes
  EXPECT_EQ(RepairUtf8(&s), 2u);
  s = "\xED\xA0\x80";  // encoded surrogate
  EXPECT_EQ(RepairUtf8(&s), 3u);
  s = "\xF0\x9F\x98\x80 ok";  // valid 4-byte emoji
  EXPECT_EQ(RepairUtf8(&s), 0u);
}

// ---------------------------------------------------------------------------
// Dateline text.

TEST_F(IngestTest, TextDirectoryIdsDatesAndSkips) {
  CollectSink sink;
  std::vector<std::string> skipped;
  ASSERT_TRUE(Read(kData + "/textdir", &sink, Format::kAuto, &skipped).ok());
  ASSERT_EQ(sink.docs.size(), 3u);
  EXPECT_TRUE(sink.rejects.empty());
  // Sorted order: en/harbour.txt, en/review.txt, nl/conferentie.txt.
  EXPECT_EQ(sink.docs[0].id, "en/harbour.txt");
  EXPECT_EQ(sink.docs[1].id, "en/review.txt");
  EXPECT_EQ(sink.docs[2].id, "nl/conferentie.txt");

  const Document& nl = sink.docs[2];
  EXPECT_EQ(nl.date.ToString(), "2019-04");
  EXPECT_EQ(nl.date.precision, Date::Precision::kMonth);
  EXPECT_EQ(nl.text,
            "De conferentie die voor halfweg april gepland staat, gaat door.\n\n"
            "De organisatie bevestigde dat gisteren.");
  EXPECT_TRUE(nl.title.empty());
  EXPECT_EQ(nl.origin, kData + "/textdir/nl/conferentie.txt:1");

  const Document& en = sink.docs[0];  // CRLF line ends
  EXPECT_EQ(en.date.ToString(), "2021-11-03");
  EXPECT_EQ(en.text,
            "The harbour authority reopened the northern quay on Wednesday. Ships queued "
            "overnight.\n\nA spokesperson declined to comment.");
  EXPECT_EQ(sink.docs[1].date.precision, Date::Precision::kYear);

  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(fs::path(skipped[0]).filename(), "notes.md");
  EXPECT_EQ(InputSize(kData + "/textdir"),
            fs::file_size(kData + "/textdir/en/harbour.txt") +
                fs::file_size(kData + "/textdir/en/review.txt") +
                fs::file_size(kData + "/textdir/nl/conferentie.txt"));
}

TEST_F(IngestTest, TextSingleFileIdIsFileName) {
  CollectSink sink;
  ASSERT_TRUE(Read(kData + "/textdir/nl/conferentie.txt", &sink).ok());
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(sink.docs[0].id, "conferentie.txt");
  EXPECT_FALSE(sink.progress.empty());
  EXPECT_EQ(sink.progress.back(), fs::file_size(kData + "/textdir/nl/conferentie.txt"));
}

TEST_F(IngestTest, TextHeaderOnNextLineAndRepairs) {
  const std::string p = Write("a.txt", "\n\n\tdate 2017-06-30\nBody line one\xFF\nline two\n");
  CollectSink sink;
  ASSERT_TRUE(Read(p, &sink).ok());
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(sink.docs[0].text, "Body line one\xEF\xBF\xBD line two");
  EXPECT_EQ(sink.repaired[0], 1u);
  EXPECT_EQ(sink.docs[0].origin, p + ":3");
}

TEST_F(IngestTest, TextRejects) {
  Write("no_header.txt", "The article starts without a header.\n");
  Write("bad_date.txt", "date 2019-13-01 Impossible month.\n");
  Write("empty_body.txt", "date 2019-01-01\n\n   \n");
  Write("empty.txt", "");
  Write("no_date.txt", "date\nsomething\n");
  CollectSink sink;
  ASSERT_TRUE(Read(dir_.string(), &sink).ok());
  EXPECT_TRUE(sink.docs.empty());
  ASSERT_EQ(sink.rejects.size(), 5u);
  // Sorted: bad_date, empty, empty_body, no_date, no_header.
  EXPECT_EQ(sink.rejects[0].reason, "unparsable date \"2019-13-01\" in the date header");
  EXPECT_EQ(sink.rejects[1].reason, "missing date header: the file is empty");
  EXPECT_EQ(sink.rejects[2].reason, "empty body");
  EXPECT_EQ(sink.rejects[3].reason, "date header without a date");
  EXPECT_EQ(sink.rejects[4].reason,
            "missing date header: the file starts with \"The article starts without a header.\"");
  for (const Reject& r : sink.rejects) EXPECT_EQ(r.line, 1u);
  EXPECT_EQ(sink.rejects[4].record, "The article starts without a header.");
  EXPECT_EQ(sink.rejects[4].file, Path("no_header.txt"));
}

// ---------------------------------------------------------------------------
// JSON Lines.

void CheckJsonlFixture(const CollectSink& sink, const std::string& file) {
  ASSERT_EQ(sink.docs.size(), 3u);
  EXPECT_TRUE(sink.rejects.empty());
  const Document& a = sink.docs[0];
  EXPECT_EQ(a.id, "wire-001");
  EXPECT_EQ(a.date.ToString(), "2019-04-06");
  EXPECT_EQ(a.title, "Storm closes  ferry routes");
  EXPECT_EQ(a.text, "Ferries stayed in port on Saturday.\n\nService resumes Monday.");
  EXPECT_EQ(a.url, "https://example.org/a/1");
  EXPECT_EQ(a.source, "Coastal Wire");
  EXPECT_EQ(a.lang, "en");
  EXPECT_EQ(a.extra_json, R"({"tags":["weather","transport"],"wordcount":9})");
  EXPECT_EQ(a.origin, file + ":1");

  const Document& b = sink.docs[1];
  EXPECT_EQ(b.id, "42");
  EXPECT_EQ(b.date.precision, Date::Precision::kMonth);
  EXPECT_EQ(b.date.ToString(), "2019-04");
  EXPECT_EQ(b.text, "Month-precision record with a numeric id.");
  EXPECT_TRUE(b.lang.empty());
  EXPECT_TRUE(b.extra_json.empty());
  EXPECT_EQ(b.origin, file + ":3");  // line 2 is blank

  const Document& c = sink.docs[2];
  EXPECT_EQ(c.date.ToString(), "2019-04-07");
  EXPECT_EQ(c.date.precision, Date::Precision::kDay);
  EXPECT_EQ(c.extra_json, R"({"section":{"name":"Local","page":3}})");
}

TEST_F(IngestTest, JsonlFixture) {
  CollectSink sink;
  const std::string file = kData + "/articles.jsonl";
  ASSERT_TRUE(Read(file, &sink).ok());
  CheckJsonlFixture(sink, file);
}

TEST_F(IngestTest, JsonlCrlfAndBom) {
  const std::string p =
      Write("crlf.ndjson",
            "\xEF\xBB\xBF{\"id\":\"x1\",\"date\":\"2001\",\"text\":\"one\\r\\ntwo\"}\r\n\r\n"
            "{\"id\":\"x2\",\"date\":\"2001-02-03 10:00\",\"text\":\"three\"}\r\n");
  CollectSink sink;
  ASSERT_TRUE(Read(p, &sink).ok());
  ASSERT_EQ(sink.docs.size(), 2u);
  EXPECT_TRUE(sink.rejects.empty());
  EXPECT_EQ(sink.docs[0].text, "one\ntwo");
  EXPECT_EQ(sink.docs[0].date.precision, Date::Precision::kYear);
  EXPECT_EQ(sink.docs[1].date.ToString(), "2001-02-03");
  EXPECT_EQ(sink.docs[1].origin, p + ":3");
}

// A collection that dates undated stories with a placeholder day and says so
// in "date_precision" keeps the coarser precision.
TEST_F(IngestTest, JsonlDatePrecisionCoarsensThePlaceholderDay) {
  const std::string p =
      Write("prec.jsonl",
            "{\"id\":\"y\",\"date\":\"2005-01-01\",\"date_precision\":\"year\",\"text\":\"a\"}\n"
            "{\"id\":\"m\",\"date\":\"2005-03-01\",\"date_precision\":\"Month\",\"text\":\"b\"}\n"
            "{\"id\":\"d\",\"date\":\"2005-03-07\",\"date_precision\":\"day\",\"text\":\"c\"}\n"
            "{\"id\":\"c\",\"date\":\"2005\",\"date_precision\":\"month\",\"text\":\"d\"}\n"
            "{\"id\":\"x\",\"date\":\"2005-03-07\",\"date_precision\":\"week\",\"text\":\"e\"}\n");
  CollectSink sink;
  ASSERT_TRUE(Read(p, &sink).ok());
  ASSERT_EQ(sink.docs.size(), 4u);
  EXPECT_EQ(sink.docs[0].date.ToString(), "2005");
  EXPECT_EQ(sink.docs[1].date.ToString(), "2005-03");
  EXPECT_EQ(sink.docs[2].date.ToString(), "2005-03-07");
  EXPECT_EQ(sink.docs[3].date.ToString(), "2005");  // coarser than the precision: as written
  ASSERT_EQ(sink.rejects.size(), 1u);
  EXPECT_EQ(sink.rejects[0].reason,
            "unknown date_precision \"week\" (expected day, month or year)");
  EXPECT_TRUE(sink.docs[0].extra_json.empty());  // a recognised field, not copied
}

TEST_F(IngestTest, JsonlOverlongLineRejectedAndSkipped) {
  std::string big = "{\"id\":\"big\",\"date\":\"2019\",\"text\":\"";
  big.append((size_t{64} << 20) + 10, 'a');
  big += "\"}\n{\"id\":\"small\",\"date\":\"2019\",\"text\":\"fine\"}\n";
  const std::string p = Write("big.jsonl", big);
  big.clear();
  big.shrink_to_fit();
  CollectSink sink;
  ASSERT_TRUE(Read(p, &sink).ok());
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(sink.docs[0].id, "small");
  EXPECT_EQ(sink.docs[0].origin, p + ":2");
  ASSERT_EQ(sink.rejects.size(), 1u);
  EXPECT_EQ(sink.rejects[0].reason, "line longer than 64 MiB");
  EXPECT_EQ(sink.rejects[0].line, 1u);
  EXPECT_EQ(sink.rejects[0].record.size(), 4096u);
}

// ---------------------------------------------------------------------------
// CSV.

TEST_F(IngestTest, CsvFixtureMultilineQuotesAliasesExtra) {
  CollectSink sink;
  const std::string file = kData + "/articles.csv";
  ASSERT_TRUE(Read(file, &sink).ok());
  ASSERT_EQ(sink.docs.size(), 2u) << (sink.rejects.empty() ? "" : sink.rejects[0].reason);
  const Document& a = sink.docs[0];
  EXPECT_EQ(a.id, "articles.csv:1");
  EXPECT_EQ(a.date.ToString(), "2020-02-29");
  EXPECT_EQ(a.title, "Leap day market");
  EXPECT_EQ(a.text, "Traders opened early.\n\nA \"record\" crowd came.");
  EXPECT_EQ(a.url, "https://example.org/b/1");
  EXPECT_EQ(a.extra_json, R"({"Section":"Economy"})");
  EXPECT_EQ(a.origin, file + ":2");
  const Document& b = sink.docs[1];
  EXPECT_EQ(b.id, "articles.csv:2");
  EXPECT_EQ(b.title, "Spring, finally");
  EXPECT_EQ(b.date.precision, Date::Precision::kMonth);
  EXPECT_EQ(b.origin, file + ":5");
}

TEST_F(IngestTest, CsvSemicolonCrlfIdColumn) {
  CollectSink sink;
  ASSERT_TRUE(Read(kData + "/semicolon.csv", &sink).ok());
  ASSERT_EQ(sink.docs.size(), 2u);
  EXPECT_TRUE(sink.rejects.empty());
  EXPECT_EQ(sink.docs[0].id, "r-1");
  EXPECT_EQ(sink.docs[0].lang, "de");
  EXPECT_EQ(sink.docs[0].text, "Ein Jahr endet;\nein neues beginnt.");
  EXPECT_EQ(sink.docs[1].id, "r-2");
  EXPECT_EQ(sink.docs[1].date.precision, Date::Precision::kYear);
  EXPECT_EQ(sink.docs[1].lang, "fr");
}

TEST_F(IngestTest, CsvTabAndBom) {
  const std::string p =
      Write("t.csv", "\xEF\xBB\xBFid\tdate\ttext\tauthor\nk1\t2015-05-05\tTabbed text\tAnn\n");
  CollectSink sink;
  ASSERT_TRUE(Read(p, &sink).ok());
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(sink.docs[0].id, "k1");
  EXPECT_EQ(sink.docs[0].text, "Tabbed text");
  EXPECT_EQ(sink.docs[0].extra_json, R"({"author":"Ann"})");
}

TEST_F(IngestTest, CsvHeaderWithoutDateFailsFile) {
  const std::string p = Write("h.csv", "id,title,text\n1,a,b\n2,c,d\n");
  CollectSink sink;
  EXPECT_TRUE(Read(p, &sink).ok());
  EXPECT_TRUE(sink.docs.empty());
  ASSERT_EQ(sink.rejects.size(), 1u);
  EXPECT_EQ(sink.rejects[0].reason, "CSV header lacks a date column");
  EXPECT_EQ(sink.rejects[0].line, 1u);
  const std::string q = Write("h2.csv", "id,date,title\n1,2019,a\n");
  CollectSink sink2;
  EXPECT_TRUE(Read(q, &sink2).ok());
  ASSERT_EQ(sink2.rejects.size(), 1u);
  EXPECT_EQ(sink2.rejects[0].reason, "CSV header lacks a text column");
}

// ---------------------------------------------------------------------------
// Compression.

struct Variant {
  const char* name;
  std::string (*compress)(std::string_view);
};

TEST_F(IngestTest, CompressedInputsMatchPlain) {
  const Variant variants[] = {{".gz", Gzip}, {".zst", Zstd}};
  const char* files[] = {"articles.jsonl", "articles.csv", "semicolon.csv",
                         "textdir/nl/conferentie.txt"};
  for (const char* f : files) {
    CollectSink plain;
    ASSERT_TRUE(Read(kData + "/" + f, &plain).ok());
    for (const Variant& v : variants) {
      const std::string name = fs::path(f).filename().string() + v.name;
      const std::string p = Write(name, v.compress(ReadAll(kData + "/" + f)));
      CollectSink sink;
      ASSERT_TRUE(Read(p, &sink).ok()) << name;
      ASSERT_EQ(sink.docs.size(), plain.docs.size()) << name;
      EXPECT_TRUE(sink.rejects.empty()) << name;
      for (size_t i = 0; i < sink.docs.size(); ++i) {
        EXPECT_EQ(sink.docs[i].text, plain.docs[i].text) << name;
        EXPECT_EQ(sink.docs[i].date, plain.docs[i].date) << name;
        EXPECT_EQ(sink.docs[i].extra_json, plain.docs[i].extra_json) << name;
      }
      if (std::string(f).ends_with(".txt")) {
        EXPECT_EQ(sink.docs[0].id, name);
      }
      EXPECT_EQ(sink.progress.back(), fs::file_size(p)) << name;
    }
  }
}

TEST_F(IngestTest, GzipMultiMemberAndLargeStream) {
  std::string part1, part2;
  for (int i = 0; i < 20000; ++i) {
    std::string& part = i < 10000 ? part1 : part2;
    part += "{\"id\":\"d" + std::to_string(i) + "\",\"date\":\"2010-01-01\",\"text\":\"body " +
            std::to_string(i) + " of a reasonably long stream of records\"}\n";
  }
  const std::string p = Write("multi.jsonl.gz", Gzip(part1) + Gzip(part2));
  CollectSink sink;
  ASSERT_TRUE(Read(p, &sink).ok());
  EXPECT_EQ(sink.docs.size(), 20000u);
  EXPECT_TRUE(sink.rejects.empty());
  EXPECT_EQ(sink.docs.back().id, "d19999");
  const std::string z = Write("multi.jsonl.zst", Zstd(part1) + Zstd(part2));
  CollectSink zsink;
  ASSERT_TRUE(Read(z, &zsink).ok());
  EXPECT_EQ(zsink.docs.size(), 20000u);
}

// A file of many batches (parsed on worker threads): documents, rejects and
// repairs come in line order, with their own line numbers, whatever the batch.
TEST_F(IngestTest, JsonlManyBatchesKeepLineOrder) {
  std::string data;
  std::mt19937 rng(3);
  for (int line = 1; line <= 6000; ++line) {
    if (line % 89 == 0) {
      data += "   \n";  // blank: neither a document nor a reject
    } else if (line % 97 == 0) {
      data += "{\"id\": \"broken" + std::to_string(line) + "\", \"date\": \n";
    } else {
      const std::string bad = line % 83 == 0 ? "\xff" : "";
      data += "{\"id\":\"L" + std::to_string(line) + "\",\"date\":\"2015-03-04\",\"text\":\"" +
              std::string(50 + rng() % 400, 'x') + bad + "\"}\n";
    }
  }
  ASSERT_GT(data.size(), size_t{1} << 20);
  const std::string p = Write("many.jsonl", data);
  CollectSink sink;
  ASSERT_TRUE(Read(p, &sink).ok());
  size_t d = 0, r = 0;
  for (int line = 1; line <= 6000; ++line) {
    if (line % 89 == 0) continue;
    if (line % 97 == 0) {
      ASSERT_LT(r, sink.rejects.size());
      EXPECT_EQ(sink.rejects[r].line, static_cast<uint64_t>(line));
      EXPECT_NE(sink.rejects[r].record.find("broken" + std::to_string(line)), std::string::npos);
      ++r;
      continue;
    }
    ASSERT_LT(d, sink.docs.size());
    EXPECT_EQ(sink.docs[d].id, "L" + std::to_string(line));
    EXPECT_EQ(sink.docs[d].origin, p + ":" + std::to_string(line));
    EXPECT_EQ(sink.repaired[d], line % 83 == 0 ? 1u : 0u) << line;
    ++d;
  }
  EXPECT_EQ(d, sink.docs.size());
  EXPECT_EQ(r, sink.rejects.size());
}

TEST_F(IngestTest, TruncatedCompressedFiles) {
  std::string data;
  std::mt19937 rng(7);
  for (int i = 0; i < 30000; ++i) {  // poorly compressible, so that there are many blocks
    data += "{\"id\":\"t" + std::to_string(i) + "\",\"date\":\"2012-12-12\",\"text\":\"" +
            std::to_string(rng()) + " " + std::to_string(rng()) + "\"}\n";
  }
  const Variant variants[] = {{".gz", Gzip}, {".zst", Zstd}};
  for (const Variant& v : variants) {
    std::string packed = v.compress(data);
    packed.resize(packed.size() * 2 / 3);
    const std::string p = Write(std::string("cut.jsonl") + v.name, packed);
    CollectSink sink;
    const Status s = Read(p, &sink);
    EXPECT_TRUE(s.IsCorruption()) << v.name << " " << s.ToString();
    EXPECT_NE(s.message().find("truncated"), std::string::npos) << s.message();
    EXPECT_GT(sink.docs.size(), 100u) << v.name;
    EXPECT_LT(sink.docs.size(), 30000u) << v.name;
    ASSERT_EQ(sink.rejects.size(), 1u) << v.name;
    const Reject& r = sink.rejects[0];
    EXPECT_NE(r.reason.find("compressed byte"), std::string::npos) << r.reason;
    EXPECT_EQ(r.line, sink.docs.size() + 1) << v.name;
    // Every delivered record is complete and in order.
    for (size_t i = 0; i < sink.docs.size(); ++i)
      EXPECT_EQ(sink.docs[i].id, "t" + std::to_string(i));
  }
}

TEST_F(IngestTest, CorruptCompressedDataAndBadMagic) {
  std::string packed = Gzip(ReadAll(kData + "/articles.jsonl"));
  for (size_t i = 20; i < packed.size() - 10; ++i) packed[i] = static_cast<char>(packed[i] ^ 0x55);
  CollectSink sink;
  EXPECT_TRUE(Read(Write("bad.jsonl.gz", packed), &sink).IsCorruption());
  ASSERT_FALSE(sink.rejects.empty());
  EXPECT_NE(sink.rejects.back().reason.find("gzip data corrupt"), std::string::npos)
      << sink.rejects.back().reason;

  CollectSink sink2;
  const Status s = Read(Write("plain.jsonl.zst", ReadAll(kData + "/articles.jsonl")), &sink2);
  EXPECT_TRUE(s.IsCorruption());
  ASSERT_EQ(sink2.rejects.size(), 1u);
  EXPECT_EQ(sink2.rejects[0].reason, "not zstd data (bad magic bytes)");
}

TEST_F(IngestTest, DirectoryContinuesAfterBrokenFile) {
  std::string packed = Zstd(ReadAll(kData + "/articles.jsonl"));
  packed.resize(packed.size() / 2);
  Write("a.jsonl.zst", packed);
  Write("b.jsonl", ReadAll(kData + "/articles.jsonl"));
  CollectSink sink;
  const Status s = Read(dir_.string(), &sink);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(sink.rejects.size(), 1u);
  EXPECT_GE(sink.docs.size(), 3u);  // all of b.jsonl
  EXPECT_EQ(sink.docs.back().id, "wire-003");
}

// ---------------------------------------------------------------------------
// Standard input.

TEST_F(IngestTest, StdinSniffsFormatAndCompression) {
  CollectSink jsonl;
  ASSERT_TRUE(ReadAsStdin(kData + "/articles.jsonl", &jsonl).ok());
  CheckJsonlFixture(jsonl, "-");

  CollectSink csv;
  ASSERT_TRUE(ReadAsStdin(kData + "/articles.csv", &csv).ok());
  ASSERT_EQ(csv.docs.size(), 2u);
  EXPECT_EQ(csv.docs[0].id, "stdin:1");

  CollectSink text;
  ASSERT_TRUE(ReadAsStdin(kData + "/textdir/nl/conferentie.txt", &text).ok());
  ASSERT_EQ(text.docs.size(), 1u);
  EXPECT_EQ(text.docs[0].id, "stdin");
  EXPECT_EQ(text.docs[0].date.ToString(), "2019-04");

  CollectSink gz;
  const std::string p = Write("x", Gzip(ReadAll(kData + "/semicolon.csv")));
  ASSERT_TRUE(ReadAsStdin(p, &gz).ok());
  EXPECT_EQ(gz.docs.size(), 2u);

  CollectSink forced;  // a forced format is not sniffed
  ASSERT_TRUE(ReadAsStdin(kData + "/articles.jsonl", &forced, Format::kCsv).ok());
  EXPECT_TRUE(forced.docs.empty());
  ASSERT_EQ(forced.rejects.size(), 1u);
  EXPECT_EQ(InputSize("-"), 0u);
}

// ---------------------------------------------------------------------------
// Directories.

TEST_F(IngestTest, SymlinkLoopsAndForcedFormat) {
  fs::create_directories(dir_ / "sub");
  Write("sub/a.jsonl", ReadAll(kData + "/articles.jsonl"));
  Write("sub/b.data", ReadAll(kData + "/articles.jsonl"));
  fs::create_directory_symlink(dir_, dir_ / "sub" / "loop");
  fs::create_symlink(dir_ / "sub" / "a.jsonl", dir_ / "link.jsonl");
  CollectSink sink;
  std::vector<std::string> skipped;
  ASSERT_TRUE(Read(dir_.string(), &sink, Format::kAuto, &skipped).ok());
  EXPECT_EQ(sink.docs.size(), 6u);  // link.jsonl (a file symlink) and sub/a.jsonl
  EXPECT_EQ(skipped.size(), 2u);    // sub/b.data and the directory link
  CollectSink forced;
  ASSERT_TRUE(Read(dir_.string(), &forced, Format::kJsonl).ok());
  EXPECT_EQ(forced.docs.size(), 9u);  // b.data is read too
  EXPECT_TRUE(Read(Path("missing"), &forced).IsNotFound());
}

// ---------------------------------------------------------------------------
// Malformed input: exact counts, reasons and lines.

TEST_F(IngestTest, MalformedJsonl) {
  const std::string input =
      "{\"id\":\"ok1\",\"date\":\"2019-01-01\",\"text\":\"good\"}\n"            // 1 ok
      "{\"id\":\"j2\",\"date\":\"2019-01-01\",\"text\":\"unterminated}\n"       // 2
      "[1,2,3]\n"                                                               // 3
      "{\"date\":\"2019-01-01\",\"text\":\"no id\"}\n"                          // 4
      "{\"id\":true,\"date\":\"2019-01-01\",\"text\":\"bool id\"}\n"            // 5
      "{\"id\":\"j6\",\"text\":\"no date\"}\n"                                  // 6
      "{\"id\":\"j7\",\"date\":\"2019-02-30\",\"text\":\"bad date\"}\n"         // 7
      "{\"id\":\"j8\",\"date\":\"2019-01-01\"}\n"                               // 8
      "{\"id\":\"j9\",\"date\":\"2019-01-01\",\"text\":\" \\n \"}\n"            // 9
      "{\"id\":\"j10\",\"date\":\"2019-01-01\",\"text\":\"t\",\"title\":5}\n"   // 10
      "{\"id\":\"j11\",\"date\":20190101,\"text\":\"t\"}\n"                     // 11
      "{\"id\":\"bad\xC3utf8\",\"date\":\"2019-01-01\",\"text\":\"x\xFFy\"}\n"  // 12 ok
      "   \n"                                                                   // 13 blank
      "{\"id\":\"j14\",\"date\":\"2019-01-01\",\"text\":\"t\"} trailing\n"      // 14
      "{\"id\":1.5,\"date\":\"2019-01-01\",\"text\":\"t\"}\n"                   // 15
      "{\"id\":\"ok2\",\"date\":\"2019\",\"text\":\"good\"}";                   // 16 ok, no \n
  CollectSink sink;
  ASSERT_TRUE(Read(Write("bad.jsonl", input), &sink).ok());
  ASSERT_EQ(sink.docs.size(), 3u);
  EXPECT_EQ(sink.docs[0].id, "ok1");
  EXPECT_EQ(sink.docs[1].id, "bad\xEF\xBF\xBDutf8");
  EXPECT_EQ(sink.docs[1].text, "x\xEF\xBF\xBDy");
  EXPECT_EQ(sink.repaired[1], 2u);
  EXPECT_EQ(sink.docs[2].id, "ok2");
  EXPECT_EQ(sink.docs.size() + sink.rejects.size(), 15u);  // 16 lines, one blank

  struct Expect {
    uint64_t line;
    std::string reason_prefix;
  };
  const std::vector<Expect> want = {
      {2, "invalid JSON: "},
      {3, "not a JSON object (found array)"},
      {4, "missing id"},
      {5, "\"id\" is not a string or an integer (found boolean)"},
      {6, "missing date"},
      {7, "unparsable date \"2019-02-30\""},
      {8, "missing text"},
      {9, "empty text"},
      {10, "\"title\" is not a string (found number)"},
      {11, "\"date\" is not a string (found number)"},
      {14, "invalid JSON: "},
      {15, "\"id\" is not a string or an integer (found number)"},
  };
  ASSERT_EQ(sink.rejects.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(sink.rejects[i].line, want[i].line) << i;
    EXPECT_EQ(sink.rejects[i].reason.substr(0, want[i].reason_prefix.size()), want[i].reason_prefix)
        << sink.rejects[i].reason;
    if (want[i].reason_prefix.back() == '"' || want[i].reason_prefix.back() == ')') {
      EXPECT_EQ(sink.rejects[i].reason, want[i].reason_prefix);
    }
  }
  EXPECT_EQ(sink.rejects[2].record, "{\"date\":\"2019-01-01\",\"text\":\"no id\"}");
  EXPECT_EQ(sink.rejects[0].offset, input.find("{\"id\":\"j2\""));
}

TEST_F(IngestTest, MalformedCsv) {
  const std::string input =
      "id,date,text,title\r\n"                 // 1 header
      "c1,2019-01-01,good,t\r\n"               // 2 ok
      "c2,2019-01-01,too,many,fields\r\n"      // 3
      "c3,2019-01-01\r\n"                      // 4
      "c4,,no date,t\r\n"                      // 5
      "c5,01/02/2019,bad date,t\r\n"           // 6
      "c6,2019-01-01,\"  \",t\r\n"             // 7
      ",2019-01-01,no id,t\r\n"                // 8
      "c8,2019-01-01,\"bad \xFF utf8\",t\r\n"  // 9 ok (repaired)
      "\r\n"                                   // 10 blank: skipped
      "c9,2019-01-01,\"multi\r\nline\",t\r\n"  // 11-12 ok
      "c10,2019-01-01,\"never closed,t\r\n"    // 13
      "c11,2019-01-01,swallowed,t\r\n";        // 14
  CollectSink sink;
  ASSERT_TRUE(Read(Write("bad.csv", input), &sink).ok());
  ASSERT_EQ(sink.docs.size(), 3u);
  EXPECT_EQ(sink.docs[0].id, "c1");
  EXPECT_EQ(sink.docs[1].id, "c8");
  EXPECT_EQ(sink.docs[1].text, "bad \xEF\xBF\xBD utf8");
  EXPECT_EQ(sink.repaired[1], 1u);
  EXPECT_EQ(sink.docs[2].id, "c9");
  EXPECT_EQ(sink.docs[2].text, "multi\nline");
  EXPECT_EQ(sink.docs[2].origin, Path("bad.csv") + ":11");
  const std::vector<std::pair<uint64_t, std::string>> want = {
      {3, "wrong number of fields: expected 4, found 5"},
      {4, "wrong number of fields: expected 4, found 2"},
      {5, "missing date"},
      {6, "unparsable date \"01/02/2019\""},
      {7, "empty text"},
      {8, "missing id"},
      {13, "unterminated quoted field at end of file"},
  };
  ASSERT_EQ(sink.rejects.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(sink.rejects[i].line, want[i].first) << i;
    EXPECT_EQ(sink.rejects[i].reason, want[i].second) << i;
  }
  EXPECT_EQ(sink.rejects[0].record, "c2,2019-01-01,too,many,fields");
  EXPECT_EQ(sink.rejects.back().record,
            "c10,2019-01-01,\"never closed,t\nc11,2019-01-01,swallowed,t");
}

TEST_F(IngestTest, MalformedMixedDirectory) {
  Write("a.jsonl", "{\"id\":\"a\",\"date\":\"2019\",\"text\":\"x\"}\nnot json\n");
  Write("b.csv", "date,text\n2019,ok\n2019\n");
  Write("c.txt", "no header here\n");
  Write("d.txt", "date 2019-05-05 fine\n");
  CollectSink sink;
  ASSERT_TRUE(Read(dir_.string(), &sink).ok());
  EXPECT_EQ(sink.docs.size(), 3u);
  ASSERT_EQ(sink.rejects.size(), 3u);
  EXPECT_EQ(sink.rejects[0].file, Path("a.jsonl"));
  EXPECT_EQ(sink.rejects[0].line, 2u);
  EXPECT_EQ(sink.rejects[1].reason, "wrong number of fields: expected 2, found 1");
  EXPECT_EQ(sink.rejects[1].line, 3u);
  EXPECT_EQ(sink.rejects[2].reason.rfind("missing date header", 0), 0u);
}

TEST_F(IngestTest, RejectRecordIsTruncatedValidUtf8) {
  std::string line = "{\"id\":\"x\",\"date\":\"nope\",\"text\":\"";
  while (line.size() < 6000) line += "\xC3\xA9";  // 2-byte characters
  line += "\"}\n";
  CollectSink sink;
  ASSERT_TRUE(Read(Write("long.jsonl", line), &sink).ok());
  ASSERT_EQ(sink.rejects.size(), 1u);
  const std::string& rec = sink.rejects[0].record;
  EXPECT_LE(rec.size(), 4096u);
  EXPECT_GE(rec.size(), 4095u);
  std::string copy = rec;
  EXPECT_EQ(RepairUtf8(&copy), 0u);
  EXPECT_EQ(sink.rejects[0].reason, "unparsable date \"nope\"");
}

// ---------------------------------------------------------------------------
// Fuzz-style: random byte mutations must not crash and counts must stay sane.

size_t CountLines(const std::string& s) {
  return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')) + 1;
}

std::string Mutate(std::string s, std::mt19937* rng) {
  const char kInteresting[] = {'"', ',',  ';',  '\n',   '\r',   '{',
                               '}', '\\', '\0', '\xFF', '\xC3', ' '};
  const int edits = 1 + static_cast<int>((*rng)() % 8);
  for (int e = 0; e < edits && !s.empty(); ++e) {
    const size_t pos = (*rng)() % s.size();
    switch ((*rng)() % 4) {
      case 0:
        s[pos] = static_cast<char>((*rng)() % 256);
        break;
      case 1:
        s[pos] = kInteresting[(*rng)() % sizeof kInteresting];
        break;
      case 2:
        s.erase(pos, 1 + (*rng)() % 8);
        break;
      default:
        s.insert(pos, 1, kInteresting[(*rng)() % sizeof kInteresting]);
        break;
    }
  }
  return s;
}

TEST_F(IngestTest, FuzzMutations) {
  std::mt19937 rng(20240611);
  const std::pair<std::string, std::string> seeds[] = {
      {"f.jsonl", ReadAll(kData + "/articles.jsonl")},
      {"f.csv", ReadAll(kData + "/articles.csv")},
      {"g.csv", ReadAll(kData + "/semicolon.csv")},
      {"f.txt", ReadAll(kData + "/textdir/en/harbour.txt")},
  };
  for (int round = 0; round < 300; ++round) {
    for (const auto& [name, seed] : seeds) {
      const std::string data = Mutate(seed, &rng);
      std::string stored = data;
      std::string file = name;
      if (round % 3 == 1) {
        stored = Gzip(data);
        file += ".gz";
      } else if (round % 3 == 2) {
        stored = Zstd(data);
        file += ".zst";
      }
      if (round % 10 == 9) stored = Mutate(stored, &rng);  // corrupt the compressed bytes
      CollectSink sink;
      const Status s = Read(Write(file, stored), &sink);
      const size_t records = sink.docs.size() + sink.rejects.size();
      if (name.ends_with(".txt") && s.ok()) {
        EXPECT_EQ(records, 1u) << data;
      }
      if (round % 10 != 9) {
        EXPECT_LE(records, CountLines(data) + 1) << file;
      }
      for (const Document& d : sink.docs) {
        EXPECT_FALSE(d.id.empty());
        EXPECT_FALSE(d.text.empty());
        std::string t = d.text;
        EXPECT_EQ(RepairUtf8(&t), 0u);
      }
      for (const Reject& r : sink.rejects) {
        EXPECT_FALSE(r.reason.empty());
        EXPECT_LE(r.record.size(), 4096u);
      }
    }
  }
}

}  // namespace
}  // namespace dateline::ingest
