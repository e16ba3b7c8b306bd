// End-to-end tests of `dateline ingest` on malformed input of every kind: bad records become
// rejects (counted in the summary and listed in INDEX/rejects/<timestamp>.jsonl), invalid UTF-8
// is repaired, damaged compressed files are reported. Fixtures: tests/data/cli/ and files
// generated into temporary directories.
#include <simdjson.h>
#include <sys/resource.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_util.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace {

namespace fs = std::filesystem;
namespace cli = dateline::testing::cli;

using dateline::testing::cli::Describe;
using dateline::testing::cli::Dl;
using dateline::testing::cli::GetInt;
using dateline::testing::cli::GetStr;
using dateline::testing::cli::HasKey;
using dateline::testing::cli::Json;
using dateline::testing::cli::Lines;
using dateline::testing::cli::LooksLikeCrash;
using dateline::testing::cli::RunResult;
using dateline::testing::cli::TempDir;
using dateline::testing::cli::WriteFile;

const std::string kSample = std::string(DL_SOURCE_DIR) + "/sample";
const std::string kData = std::string(DL_TEST_DATA) + "/cli";

// ---------------------------------------------------------------------------
// Helpers for ingest runs and their rejects.

std::string ReadAll(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

struct Reject {
  std::string file, reason, record;
  int64_t line = -1, offset = -1;
};

// All rejects of an index, from every file in INDEX/rejects/ (each line must be a JSON object
// with exactly the keys file, line, offset, reason, record).
std::vector<Reject> ReadRejects(const std::string& index, size_t* files = nullptr) {
  std::vector<Reject> out;
  std::vector<fs::path> paths;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(index + "/rejects", ec)) paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  if (files != nullptr) *files = paths.size();
  for (const auto& p : paths) {
    EXPECT_EQ(p.extension(), ".jsonl") << p;
    for (const auto& line : Lines(ReadAll(p))) {
      Json j(line);
      if (!j.ok) {
        ADD_FAILURE() << "reject line is not valid JSON: " << line;
        continue;
      }
      simdjson::dom::object o;
      EXPECT_EQ(j.root.get(o), simdjson::SUCCESS);
      std::set<std::string> keys;
      for (auto [k, v] : o) keys.insert(std::string(k));
      EXPECT_EQ(keys, (std::set<std::string>{"file", "line", "offset", "reason", "record"}))
          << line;
      Reject r;
      r.file = GetStr(j.root, "file");
      r.reason = GetStr(j.root, "reason");
      r.record = GetStr(j.root, "record");
      r.line = GetInt(j.root, "line");
      r.offset = GetInt(j.root, "offset");
      out.push_back(r);
    }
  }
  return out;
}

// Byte offset of the start of 1-based line `n` in `data` (lines end at '\n').
int64_t LineOffset(const std::string& data, int64_t n) {
  size_t pos = 0;
  for (int64_t i = 1; i < n; ++i) {
    pos = data.find('\n', pos);
    if (pos == std::string::npos) return -1;
    ++pos;
  }
  return static_cast<int64_t>(pos);
}

// Runs `dateline ingest --json --index index paths...` and parses the JSON summary.
struct IngestRun {
  RunResult run;
  int64_t read = -1, indexed = -1, replaced = -1, rejected = -1, repaired = -1, skipped = -1;
  bool has_summary = false;
};

IngestRun Ingest(const std::string& index, const std::vector<std::string>& paths,
                 const std::vector<std::string>& flags = {}) {
  std::vector<std::string> args = {"ingest", "--json", "--index", index};
  args.insert(args.end(), flags.begin(), flags.end());
  args.insert(args.end(), paths.begin(), paths.end());
  IngestRun r;
  r.run = Dl(args);
  for (const auto& line : Lines(r.run.out)) {
    Json j(line);
    if (!j.ok || !HasKey(j.root, "read")) continue;
    r.has_summary = true;
    r.read = GetInt(j.root, "read");
    r.indexed = GetInt(j.root, "indexed");
    r.replaced = GetInt(j.root, "replaced");
    r.rejected = GetInt(j.root, "rejected");
    r.repaired = GetInt(j.root, "repaired");
    r.skipped = GetInt(j.root, "skipped_files");
  }
  return r;
}

std::string DescribeIngest(const IngestRun& r) { return Describe(r.run); }

int64_t Documents(const std::string& index) {
  RunResult r = Dl({"stats", "--json", "--index", index});
  Json j(r.out);
  if (r.code != 0 || !j.ok) return -1;
  return GetInt(j.root, "documents");
}

// `show --json` of one document; empty root on failure.
struct Shown {
  RunResult run;
  std::string text, lang, title, date;
  double lang_confidence = -1;
};

Shown Show(const std::string& index, const std::string& id) {
  Shown s;
  s.run = Dl({"show", "--json", "--index", index, id});
  Json j(s.run.out);
  if (s.run.code != 0 || !j.ok) return s;
  s.text = GetStr(j.root, "text");
  s.lang = GetStr(j.root, "lang");
  s.title = GetStr(j.root, "title");
  s.date = GetStr(j.root, "date");
  double c = -1;
  if (j.root["lang_confidence"].get(c) == simdjson::SUCCESS) s.lang_confidence = c;
  return s;
}

size_t Count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD

std::string GzipCompress(const std::string& data) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
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

std::string ZstdCompress(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// `n` valid JSONL records with varied, poorly compressible words.
std::string GoodJsonl(const std::string& prefix, int n) {
  std::string s;
  uint64_t x = 88172645463325252ull;
  for (int i = 0; i < n; ++i) {
    std::string text;
    for (int w = 0; w < 60; ++w) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      text += (w ? " " : "") + std::string("w") + std::to_string(x % 100000);
    }
    char head[128];
    std::snprintf(head, sizeof head,
                  "{\"id\":\"%s-%04d\",\"date\":\"2021-%02d-%02d\",\"lang\":\"en\",",
                  prefix.c_str(), i, i % 12 + 1, i % 28 + 1);
    s += std::string(head) + "\"text\":\"harbour " + text + "\"}\n";
  }
  return s;
}

// Every reject must have read = indexed + rejected in the summary; common checks.
void ExpectBalanced(const IngestRun& r) {
  ASSERT_TRUE(r.has_summary) << DescribeIngest(r);
  EXPECT_EQ(r.read, r.indexed + r.rejected) << DescribeIngest(r);
  EXPECT_FALSE(LooksLikeCrash(r.run)) << DescribeIngest(r);
}

// ---------------------------------------------------------------------------
// JSON Lines.

TEST(malformedJsonl, EveryKindOfBadRecordIsRejectedWithItsReasonAndLine) {
  TempDir t;
  const std::string ix = t / "ix";
  const std::string path = kData + "/malformed.jsonl";
  const std::string data = ReadAll(path);
  IngestRun r = Ingest(ix, {path});
  ASSERT_EQ(r.run.code, 0) << DescribeIngest(r);
  ExpectBalanced(r);
  // 24 lines, one of them blank (not a record): 23 records, 3 documents.
  EXPECT_EQ(r.read, 23);
  EXPECT_EQ(r.indexed, 3);
  EXPECT_EQ(r.rejected, 20);
  EXPECT_EQ(r.repaired, 0);
  EXPECT_EQ(r.replaced, 0);
  EXPECT_NE(r.run.out.find("\"skipped_files\":0"), std::string::npos);
  const std::vector<std::pair<int64_t, std::string>> want = {
      {2, "invalid JSON: "},
      {3, "not a JSON object (found array)"},
      {4, "not a JSON object (found string)"},
      {5, "missing id"},
      {6, "missing date"},
      {7, "unparsable date \"yesterday\""},
      {8, "empty text"},
      {9, "\"id\" is not a string or an integer (found boolean)"},
      {10, "\"date\" is not a string (found number)"},
      {11, "\"text\" is not a string (found array)"},
      {12, "\"title\" is not a string (found number)"},
      {15, "invalid JSON: "},
      {16, "empty id"},
      {17, "missing text"},
      {18, "missing id"},
      {19, "unparsable date \"2021-02-29\""},
      {20, "\"id\" is not a string or an integer (found number)"},
      {21, "\"lang\" is not a string (found object)"},
      {22, "not a JSON object (found number)"},
      {23, "not a JSON object (found null)"},
  };
  size_t files = 0;
  std::vector<Reject> rej = ReadRejects(ix, &files);
  EXPECT_EQ(files, 1u);
  ASSERT_EQ(rej.size(), want.size());
  const auto lines = Lines(data);
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE("line " + std::to_string(want[i].first));
    EXPECT_EQ(rej[i].file, path);
    EXPECT_EQ(rej[i].line, want[i].first);
    EXPECT_EQ(rej[i].offset, LineOffset(data, want[i].first));
    if (want[i].second.back() == ' ') {
      EXPECT_EQ(rej[i].reason.rfind(want[i].second, 0), 0u) << rej[i].reason;
      EXPECT_GT(rej[i].reason.size(), want[i].second.size()) << "simdjson message expected";
    } else {
      EXPECT_EQ(rej[i].reason, want[i].second);
    }
    EXPECT_EQ(rej[i].record, lines[want[i].first - 1]);
  }
  // The good records, including the integer id and the month-precision record.
  EXPECT_EQ(Documents(ix), 3);
  Shown a = Show(ix, "mj-01");
  EXPECT_EQ(a.run.code, 0) << Describe(a.run);
  Shown n = Show(ix, "42");
  EXPECT_EQ(n.run.code, 0) << Describe(n.run);
  EXPECT_EQ(n.lang, "en");
  EXPECT_GT(n.lang_confidence, 0);
  EXPECT_LT(n.lang_confidence, 1);
  Shown m = Show(ix, "mj-24");
  EXPECT_EQ(m.run.code, 0) << Describe(m.run);
  EXPECT_EQ(m.date, "2021-05");
  EXPECT_EQ(m.lang, "nl");
  EXPECT_EQ(m.title, "");
  // The text summary says where the rejects are.
  RunResult text = Dl({"ingest", "--index", t / "ix2", path});
  EXPECT_EQ(text.code, 0) << Describe(text);
  EXPECT_NE(
      text.out.find("read 23, indexed 3 (0 replaced older versions), rejected 20, repaired 0"),
      std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("rejected records listed in " + t / "ix2" + "/rejects/"),
            std::string::npos)
      << text.out;
}

TEST(malformedJsonl, InvalidUtf8IsRepairedCountedAndIndexed) {
  TempDir t;
  const std::string path = t / "utf8.jsonl";
  // 0xFF: 1 replacement; C0 80 (overlong): 2; E2 82 cut short before the quote: 1.
  WriteFile(path,
            "{\"id\":\"u-1\",\"date\":\"2021-08-01\",\"lang\":\"fr\",\"text\":\"Le caf\xff du "
            "port de Westkaap a rouvert samedi \xc0\x80 midi.\"}\n"
            "{\"id\":\"u-2\",\"date\":\"2021-08-02\",\"lang\":\"en\",\"title\":\"Price \xe2\x82\","
            "\"text\":\"Fish prices at the auction rose again this week.\"}\n"
            "{\"id\":\"u-3\",\"date\":\"2021-08-03\",\"lang\":\"en\",\"text\":\"Clean text.\"}\n"
            "{\"id\":\"u-4\",\"date\":\"bad\xff\",\"text\":\"Rejected, with a bad byte.\"}\n");
  IngestRun r = Ingest(t / "ix", {path});
  ASSERT_EQ(r.run.code, 0) << DescribeIngest(r);
  ExpectBalanced(r);
  EXPECT_EQ(r.read, 4);
  EXPECT_EQ(r.indexed, 3);
  EXPECT_EQ(r.rejected, 1);
  EXPECT_EQ(r.repaired, 4);
  Shown u1 = Show(t / "ix", "u-1");
  ASSERT_EQ(u1.run.code, 0) << Describe(u1.run);
  EXPECT_EQ(Count(u1.text, kReplacement), 3u) << u1.text;
  EXPECT_NE(u1.text.find("caf" + kReplacement + " du port"), std::string::npos) << u1.text;
  EXPECT_NE(u1.run.out.find(kReplacement), std::string::npos);  // raw U+FFFD in the JSON output
  Shown u2 = Show(t / "ix", "u-2");
  EXPECT_EQ(u2.title, "Price " + kReplacement) << u2.title;
  // Repaired documents are searchable by their other words.
  RunResult s = Dl({"search", "--json", "--index", t / "ix", "Westkaap"});
  Json j(s.out);
  EXPECT_EQ(GetInt(j.root, "total"), 1) << s.out;
  // The rejected record is stored repaired, so the rejects file is valid UTF-8 JSON.
  std::vector<Reject> rej = ReadRejects(t / "ix");
  ASSERT_EQ(rej.size(), 1u);
  EXPECT_EQ(rej[0].line, 4);
  EXPECT_EQ(rej[0].reason, "unparsable date \"bad" + kReplacement + "\"");
  EXPECT_NE(rej[0].record.find(kReplacement), std::string::npos);
}

TEST(malformedJsonl, BinaryFileNamedJsonl) {
  TempDir t;
  std::string bin;
  for (int rep = 0; rep < 4; ++rep) {
    for (int b = 0; b < 256; ++b) bin.push_back(static_cast<char>(b));
  }
  const std::string path = t / "image.jsonl";
  WriteFile(path, bin);
  int64_t records = 0;
  for (const auto& l : Lines(bin)) {
    std::string s = l;
    if (!s.empty() && s.back() == '\r') s.pop_back();
    records += s.find_first_not_of(" \t\r\n\v\f") != std::string::npos;
  }
  IngestRun r = Ingest(t / "ix", {path});
  EXPECT_EQ(r.run.code, 0) << DescribeIngest(r);
  ExpectBalanced(r);
  EXPECT_EQ(r.indexed, 0);
  EXPECT_EQ(r.rejected, records);
  std::vector<Reject> rej = ReadRejects(t / "ix");
  ASSERT_EQ(static_cast<int64_t>(rej.size()), records);
  for (const auto& x : rej) {
    EXPECT_EQ(x.reason.rfind("invalid JSON", 0), 0u) << x.reason;
    EXPECT_EQ(x.offset, LineOffset(bin, x.line)) << x.line;
  }
  EXPECT_EQ(Documents(t / "ix"), 0);
  EXPECT_EQ(Dl({"check", "--index", t / "ix"}).code, 0);
}

TEST(malformedInput, EmptyFilesHaveNoRecords) {
  TempDir t;
  WriteFile(t / "in/empty.jsonl", "");
  WriteFile(t / "in/empty.csv", "");
  WriteFile(t / "in/blank.jsonl", "\n   \n\r\n");
  WriteFile(t / "in/empty.jsonl.gz", "");
  IngestRun r = Ingest(t / "ix", {t / "in"});
  EXPECT_EQ(r.run.code, 0) << DescribeIngest(r);
  ExpectBalanced(r);
  EXPECT_EQ(r.read, 0);
  EXPECT_EQ(r.indexed, 0);
  EXPECT_EQ(r.rejected, 0);
  EXPECT_FALSE(fs::exists(t / "ix/rejects")) << "no rejects, no rejects file";
  EXPECT_EQ(Documents(t / "ix"), 0);
  // An empty stdin too.
  RunResult s = Dl({"ingest", "--index", t / "ix2", "-"});
  EXPECT_EQ(s.code, 0) << Describe(s);
  EXPECT_NE(s.out.find("read 0, indexed 0"), std::string::npos) << s.out;
}

// ---------------------------------------------------------------------------
// CSV.

TEST(malformedCsv, BadRowsAreRejectedWithTheirLines) {
  TempDir t;
  const std::string path = kData + "/malformed.csv";
  const std::string data = ReadAll(path);
  IngestRun r = Ingest(t / "ix", {path});
  ASSERT_EQ(r.run.code, 0) << DescribeIngest(r);
  ExpectBalanced(r);
  EXPECT_EQ(r.read, 8);
  EXPECT_EQ(r.indexed, 2);
  EXPECT_EQ(r.rejected, 6);
  const std::vector<std::pair<int64_t, std::string>> want = {
      {4, "wrong number of fields: expected 5, found 4"},
      {5, "wrong number of fields: expected 5, found 6"},
      {6, "missing id"},
      {7, "missing date"},
      {8, "unparsable date \"04/06/2021\""},
      {9, "empty text"},
  };
  std::vector<Reject> rej = ReadRejects(t / "ix");
  ASSERT_EQ(rej.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(rej[i].file, path);
    EXPECT_EQ(rej[i].line, want[i].first);
    EXPECT_EQ(rej[i].offset, LineOffset(data, want[i].first));
    EXPECT_EQ(rej[i].reason, want[i].second);
    std::string line = Lines(data)[want[i].first - 1];
    if (!line.empty() && line.back() == '\r') line.pop_back();
    EXPECT_EQ(rej[i].record, line);
  }
  // The multi-line quoted text keeps its line break; doubled quotes become one.
  Shown a = Show(t / "ix", "mc-01");
  ASSERT_EQ(a.run.code, 0) << Describe(a.run);
  EXPECT_EQ(a.text,
            "The Zuidbrug was closed for repairs on Tuesday.\nTraffic was diverted over the "
            "ring road.");
  EXPECT_EQ(a.title, "Bridge, closed");
  Shown b = Show(t / "ix", "mc-08");
  EXPECT_EQ(b.title, "Quotes \"inside\"");
}

TEST(malformedCsv, UnterminatedQuoteSwallowsTheRestOfTheFile) {
  TempDir t;
  const std::string path = kData + "/unterminated.csv";
  const std::string data = ReadAll(path);
  IngestRun r = Ingest(t / "ix", {path});
  ASSERT_EQ(r.run.code, 0) << DescribeIngest(r);
  ExpectBalanced(r);
  EXPECT_EQ(r.read, 2);
  EXPECT_EQ(r.indexed, 1);
  EXPECT_EQ(r.rejected, 1);
  std::vector<Reject> rej = ReadRejects(t / "ix");
  ASSERT_EQ(rej.size(), 1u);
  EXPECT_EQ(rej[0].line, 3);
  EXPECT_EQ(rej[0].offset, LineOffset(data, 3));
  EXPECT_EQ(rej[0].reason, "unterminated quoted field at end of file");
  EXPECT_NE(rej[0].record.find("mu-02"), std::string::npos);
  EXPECT_NE(rej[0].record.find("mu-03"), std::string::npos) << "the rest of the file is one record";
  EXPECT_EQ(Show(t / "ix", "mu-03").run.code, 1);
}

TEST(malformedCsv, HeaderWithoutDateOrTextColumn) {
  TempDir t;
  WriteFile(t / "notext.csv", "id,date,title\nnt-1,2021-01-01,Only a title\n");
  IngestRun r = Ingest(t / "ix", {kData + "/nodatecolumn.csv", t / "notext.csv"});
  ASSERT_EQ(r.run.code, 0) << DescribeIngest(r);
  ExpectBalanced(r);
  EXPECT_EQ(r.read, 2);
  EXPECT_EQ(r.indexed, 0);
  EXPECT_EQ(r.rejected, 2);
  std::vector<Reject> rej = ReadRejects(t / "ix");
  ASSERT_EQ(rej.size(), 2u);
  EXPECT_EQ(rej[0].file, kData + "/nodatecolumn.csv");
  EXPECT_EQ(rej[0].line, 1);
  EXPECT_EQ(rej[0].offset, 0);
  EXPECT_EQ(rej[0].reason, "CSV header lacks a date column");
  EXPECT_EQ(rej[1].reason, "CSV header lacks a text column");
}

TEST(malformedCsv, InvalidUtf8InCsvIsRepaired) {
  TempDir t;
  WriteFile(t / "latin1.csv",
            "id,date,text,lang\r\nl-1,2021-06-08,Caf\xe9 au lait op de kade van Westkaap,nl\r\n"
            "l-2,2021-06-09,Gewone tekst over de haven,nl\r\n");
  IngestRun r = Ingest(t / "ix", {t / "latin1.csv"});
  ASSERT_EQ(r.run.code, 0) << DescribeIngest(r);
  ExpectBalanced(r);
  EXPECT_EQ(r.indexed, 2);
  EXPECT_EQ(r.repaired, 1);
  Shown s = Show(t / "ix", "l-1");
  EXPECT_EQ(s.text, "Caf" + kReplacement + " au lait op de kade van Westkaap");
}

// ---------------------------------------------------------------------------
// Dateline text.

TEST(malformedText, FilesWithoutAUsableDateHeader) {
  TempDir t;
  const std::string dir = kData + "/text";
  IngestRun r = Ingest(t / "ix", {dir});
  ASSERT_EQ(r.run.code, 0) << DescribeIngest(r);
  ExpectBalanced(r);
  EXPECT_EQ(r.read, 7);
  EXPECT_EQ(r.indexed, 2);
  EXPECT_EQ(r.rejected, 5);
  const std::vector<std::pair<std::string, std::string>> want = {
      {"en/baddate.txt", "unparsable date \"2021-13-01\" in the date header"},
      {"en/empty.txt", "missing date header: the file is empty"},
      {"en/nodate.txt",
       "missing date header: the file starts with \"The lighthouse keeper "
       "retired.\""},
      {"nl/geentekst.txt", "empty body"},
      {"nl/zonderdatum.txt", "date header without a date"},
  };
  std::vector<Reject> rej = ReadRejects(t / "ix");
  ASSERT_EQ(rej.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(rej[i].file, dir + "/" + want[i].first);
    EXPECT_EQ(rej[i].line, 1);
    EXPECT_EQ(rej[i].offset, 0);
    EXPECT_EQ(rej[i].reason, want[i].second);
  }
  EXPECT_EQ(rej[2].record.rfind("The lighthouse keeper retired.", 0), 0u) << rej[2].record;
  // Good files: ids relative to the directory; hard-wrapped lines joined; leading blank lines.
  Shown g = Show(t / "ix", "en/good.txt");
  ASSERT_EQ(g.run.code, 0) << Describe(g.run);
  EXPECT_EQ(g.text,
            "The lighthouse keeper of Kaapduin retired after forty years of service on the "
            "cape.\n\nHe will be missed by the harbour pilots.");
  EXPECT_EQ(g.lang, "en");
  Shown v = Show(t / "ix", "nl/veerboot.txt");
  ASSERT_EQ(v.run.code, 0) << Describe(v.run);
  EXPECT_EQ(v.date, "2021-07-03");
  EXPECT_EQ(v.lang, "nl");
  // A single text file: its id is the file name.
  IngestRun one = Ingest(t / "ix2", {dir + "/nl/veerboot.txt"});
  ASSERT_EQ(one.run.code, 0) << DescribeIngest(one);
  EXPECT_EQ(Show(t / "ix2", "veerboot.txt").run.code, 0);
}

TEST(malformedText, InvalidUtf8InTextIsRepaired) {
  TempDir t;
  WriteFile(t / "in/bytes.txt",
            "date 2021-07-04 De visafslag van Westkaap \xff is op zondag open voor publiek.\n");
  IngestRun r = Ingest(t / "ix", {t / "in"});
  ASSERT_EQ(r.run.code, 0) << DescribeIngest(r);
  ExpectBalanced(r);
  EXPECT_EQ(r.indexed, 1);
  EXPECT_EQ(r.repaired, 1);
  Shown s = Show(t / "ix", "bytes.txt");
  ASSERT_EQ(s.run.code, 0) << Describe(s.run);
  EXPECT_EQ(Count(s.text, kReplacement), 1u) << s.text;
}

// ---------------------------------------------------------------------------
// Damaged compressed files.
//
// doc/input-formats.md: "If the stream is corrupt or truncated, every record decoded before the
// damage is delivered, then one Reject is reported for the unreadable rest", and a directory
// read goes on with the next file. `dateline ingest` must therefore index the delivered
// records, commit them and print the summary (read = indexed + rejected).

TEST(malformedCompression, TruncatedGzipKeepsTheRecordsBeforeTheDamage) {
  TempDir t;
  const std::string plain = GoodJsonl("gz", 400);
  const std::string gz = GzipCompress(plain);
  const std::string path = t / "trunc.jsonl.gz";
  WriteFile(path, gz.substr(0, gz.size() / 2));
  IngestRun r = Ingest(t / "ix", {path});
  EXPECT_FALSE(LooksLikeCrash(r.run)) << DescribeIngest(r);
  // The reject for the unreadable rest.
  std::vector<Reject> rej = ReadRejects(t / "ix");
  ASSERT_EQ(rej.size(), 1u) << DescribeIngest(r);
  EXPECT_EQ(rej[0].file, path);
  EXPECT_EQ(rej[0].reason.rfind("gzip data truncated", 0), 0u) << rej[0].reason;
  EXPECT_NE(rej[0].reason.find("the rest of the file is unreadable"), std::string::npos);
  EXPECT_GT(rej[0].line, 1);
  EXPECT_LT(rej[0].line, 400);
  EXPECT_EQ(rej[0].offset, LineOffset(plain, rej[0].line));
  EXPECT_EQ(plain.compare(rej[0].offset, rej[0].record.size(), rej[0].record), 0)
      << "record is the start of the first incomplete line: " << rej[0].record;
  const int64_t delivered = rej[0].line - 1;
  // The summary and the committed documents.
  EXPECT_TRUE(r.run.code == 0 || r.run.code == 1) << DescribeIngest(r);
  ASSERT_TRUE(r.has_summary) << "no summary printed\n" << DescribeIngest(r);
  EXPECT_EQ(r.read, delivered + 1);
  EXPECT_EQ(r.indexed, delivered);
  EXPECT_EQ(r.rejected, 1);
  EXPECT_EQ(Documents(t / "ix"), delivered) << "records before the damage were not committed";
}

TEST(malformedCompression, ZstdWithGarbage) {
  TempDir t;
  const std::string path = t / "garbage.jsonl.zst";
  std::string garbage = "\x28\xb5\x2f\xfd";  // zstd magic, then noise
  uint32_t x = 12345;
  for (int i = 0; i < 400; ++i) {
    x = x * 1103515245u + 12345u;
    garbage.push_back(static_cast<char>(x >> 24));
  }
  WriteFile(path, garbage);
  IngestRun r = Ingest(t / "ix", {path});
  EXPECT_FALSE(LooksLikeCrash(r.run)) << DescribeIngest(r);
  std::vector<Reject> rej = ReadRejects(t / "ix");
  ASSERT_EQ(rej.size(), 1u) << DescribeIngest(r);
  EXPECT_EQ(rej[0].file, path);
  EXPECT_EQ(rej[0].reason.rfind("zstd data corrupt", 0), 0u) << rej[0].reason;
  EXPECT_EQ(rej[0].line, 1);
  EXPECT_EQ(rej[0].offset, 0);
  EXPECT_TRUE(r.run.code == 0 || r.run.code == 1) << DescribeIngest(r);
  EXPECT_NE(r.run.err.find("zstd data corrupt"), std::string::npos) << DescribeIngest(r);
  ASSERT_TRUE(r.has_summary) << "no summary printed\n" << DescribeIngest(r);
  EXPECT_EQ(r.read, 1);
  EXPECT_EQ(r.indexed, 0);
  EXPECT_EQ(r.rejected, 1);
}

// Two zstd frames, the second one damaged: the reject must point at the first record that
// could not be decoded (not at line 1), for JSON Lines and for CSV alike. Only the rejects file
// is checked here, so that this is independent of what the CLI does with the error.
std::string DamagedTwoFrames(const std::string& plain) {
  const std::string half1 = ZstdCompress(plain.substr(0, plain.size() / 2));
  std::string half2 = ZstdCompress(plain.substr(plain.size() / 2));
  for (size_t i = 20; i < half2.size(); i += 7) half2[i] = static_cast<char>(half2[i] ^ 0x5a);
  return half1 + half2;
}

void ExpectRejectAtDamage(const std::string& ext, const std::string& plain, int64_t first_row) {
  TempDir t;
  const std::string path = t / ("damaged." + ext + ".zst");
  WriteFile(path, DamagedTwoFrames(plain));
  IngestRun r = Ingest(t / "ix", {path});
  EXPECT_FALSE(LooksLikeCrash(r.run)) << DescribeIngest(r);
  std::vector<Reject> rej = ReadRejects(t / "ix");
  ASSERT_EQ(rej.size(), 1u) << DescribeIngest(r);
  EXPECT_EQ(rej[0].reason.rfind("zstd data corrupt", 0), 0u) << rej[0].reason;
  // The first frame holds half of the text: the damage is after line first_row + 100.
  EXPECT_GT(rej[0].line, first_row + 100)
      << "reject at line " << rej[0].line << ": " << rej[0].record;
  EXPECT_EQ(rej[0].offset, LineOffset(plain, rej[0].line));
  EXPECT_EQ(plain.compare(rej[0].offset, rej[0].record.size(), rej[0].record), 0) << rej[0].record;
}

std::string Rows(bool csv) {
  std::string s = csv ? "id,date,text\n" : "";
  for (int i = 0; i < 300; ++i) {
    char row[200];
    std::snprintf(row, sizeof row,
                  csv ? "zc-%03d,2021-09-%02d,\"Row %d about the quay, the locks and the tides.\"\n"
                      : "{\"id\":\"zj-%03d\",\"date\":\"2021-09-%02d\",\"text\":\"Row %d about "
                        "the quay, the locks and the tides.\"}\n",
                  i, i % 28 + 1, i);
    s += row;
  }
  return s;
}

TEST(malformedCompression, JsonlRejectPointsAtTheDamage) {
  ExpectRejectAtDamage("jsonl", Rows(false), 0);
}

TEST(malformedCompression, CsvRejectPointsAtTheDamage) {
  ExpectRejectAtDamage("csv", Rows(true), 1);
}

TEST(malformedCompression, NotZstdDataIsRejectedWithoutLine) {
  TempDir t;
  const std::string path = t / "plain.csv.zst";
  WriteFile(path, "id,date,text\nthis is not zstd data at all\n");
  IngestRun r = Ingest(t / "ix", {path});
  EXPECT_FALSE(LooksLikeCrash(r.run)) << DescribeIngest(r);
  std::vector<Reject> rej = ReadRejects(t / "ix");
  ASSERT_EQ(rej.size(), 1u) << DescribeIngest(r);
  EXPECT_EQ(rej[0].reason, "not zstd data (bad magic bytes)");
  EXPECT_EQ(rej[0].line, 0);
  EXPECT_EQ(rej[0].offset, 0);
  EXPECT_NE(r.run.err.find("bad magic bytes"), std::string::npos) << DescribeIngest(r);
}

TEST(malformedCompression, DirectoryWithOneDamagedFileStillIndexesTheOthers) {
  TempDir t;
  const std::string in = t / "in";
  WriteFile(in + "/a-good.jsonl", GoodJsonl("ga", 20));
  const std::string gz = GzipCompress(GoodJsonl("gb", 200));
  WriteFile(in + "/b-trunc.jsonl.gz", gz.substr(0, gz.size() / 2));
  WriteFile(in + "/c-good.jsonl.gz", GzipCompress(GoodJsonl("gc", 10)));
  WriteFile(in + "/d-good.csv.zst",
            ZstdCompress("id,date,text\ngd-1,2021-10-01,Een rij over de haven\n"));
  IngestRun r = Ingest(t / "ix", {in});
  EXPECT_FALSE(LooksLikeCrash(r.run)) << DescribeIngest(r);
  std::vector<Reject> rej = ReadRejects(t / "ix");
  ASSERT_EQ(rej.size(), 1u) << DescribeIngest(r);
  EXPECT_EQ(rej[0].file, in + "/b-trunc.jsonl.gz");
  const int64_t partial = rej[0].line - 1;
  ASSERT_TRUE(r.has_summary) << "no summary printed\n" << DescribeIngest(r);
  EXPECT_EQ(r.indexed, 20 + partial + 10 + 1);
  EXPECT_EQ(r.rejected, 1);
  EXPECT_EQ(r.read, r.indexed + r.rejected);
  EXPECT_EQ(Documents(t / "ix"), 20 + partial + 10 + 1) << "good files were not committed";
  EXPECT_EQ(Show(t / "ix", "gd-1").run.code, 0);
}

// ---------------------------------------------------------------------------
// The bundled sample/bad and everything together.

TEST(malformedSample, SampleBadGivesThreeDocumentsAndSevenRejects) {
  TempDir t;
  const std::string bad = kSample + "/bad";
  RunResult text = Dl({"ingest", "--index", t / "ix", bad});
  ASSERT_EQ(text.code, 0) << Describe(text);
  EXPECT_NE(text.out.find("read 10, indexed 3 (0 replaced older versions), rejected 7, repaired 1"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("skipped (unknown extension): " + bad + "/README.md"), std::string::npos)
      << text.out;
  EXPECT_EQ(Documents(t / "ix"), 3);
  const std::vector<std::tuple<std::string, int64_t, std::string>> want = {
      {"bad.csv", 5, "wrong number of fields: expected 7, found 5"},
      {"bad.csv", 6, "unparsable date \"2020-02-30\""},
      {"bad.jsonl", 2, "invalid JSON: "},
      {"bad.jsonl", 3, "missing id"},
      {"bad.jsonl", 4, "unparsable date \"2019-13-45\""},
      {"bad.jsonl", 5, "empty text"},
      {"text/nodate.txt", 1, "missing date header: "},
  };
  std::vector<Reject> rej = ReadRejects(t / "ix");
  ASSERT_EQ(rej.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    const auto& [file, line, reason] = want[i];
    SCOPED_TRACE(file + ":" + std::to_string(line));
    EXPECT_EQ(rej[i].file, bad + "/" + file);
    EXPECT_EQ(rej[i].line, line);
    const std::string data = ReadAll(bad + "/" + file);
    EXPECT_EQ(rej[i].offset, line == 1 ? 0 : LineOffset(data, line));
    if (reason.back() == ' ') {
      EXPECT_EQ(rej[i].reason.rfind(reason, 0), 0u) << rej[i].reason;
    } else {
      EXPECT_EQ(rej[i].reason, reason);
    }
  }
  Shown s = Show(t / "ix", "bad-0006");
  ASSERT_EQ(s.run.code, 0) << Describe(s.run);
  EXPECT_EQ(s.lang, "fr");
  EXPECT_NE(s.text.find("caf" + kReplacement), std::string::npos) << s.text;
  EXPECT_EQ(Show(t / "ix", "bad-0001").run.code, 0);
  EXPECT_EQ(Show(t / "ix", "badcsv-0001").run.code, 0);
  EXPECT_EQ(Show(t / "ix", "text/nodate.txt").run.code, 1);
  EXPECT_EQ(Dl({"check", "--index", t / "ix"}).code, 0);

  // Reading sample/ as a whole: 80 + 3 documents, the same 7 rejects, id bad/text/nodate.txt.
  IngestRun all = Ingest(t / "ix-all", {kSample});
  ASSERT_EQ(all.run.code, 0) << DescribeIngest(all);
  ExpectBalanced(all);
  EXPECT_EQ(all.indexed, 83);
  EXPECT_EQ(all.rejected, 7);
  EXPECT_EQ(all.repaired, 1);
  EXPECT_EQ(all.skipped, 2);  // README.md and bad/README.md
  std::vector<Reject> rej_all = ReadRejects(t / "ix-all");
  ASSERT_EQ(rej_all.size(), 7u);
  EXPECT_EQ(rej_all.back().file, kSample + "/bad/text/nodate.txt");
  EXPECT_EQ(Documents(t / "ix-all"), 83);
}

TEST(malformedSample, EveryFixtureTogetherAddsUp) {
  TempDir t;
  IngestRun r = Ingest(t / "ix", {kData, kSample + "/bad"});
  ASSERT_EQ(r.run.code, 0) << DescribeIngest(r);
  ExpectBalanced(r);
  // malformed.jsonl 23/3, malformed.csv 8/2, unterminated.csv 2/1, nodatecolumn.csv 1/0,
  // text/ 7/2, sample/bad 10/3.
  EXPECT_EQ(r.read, 23 + 8 + 2 + 1 + 7 + 10);
  EXPECT_EQ(r.indexed, 3 + 2 + 1 + 0 + 2 + 3);
  EXPECT_EQ(r.repaired, 1);
  EXPECT_EQ(static_cast<int64_t>(ReadRejects(t / "ix").size()), r.rejected);
  EXPECT_EQ(Documents(t / "ix"), r.indexed);
  // A second run writes a second rejects file and replaces every document.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // distinct timestamp
  IngestRun again = Ingest(t / "ix", {kData, kSample + "/bad"});
  ASSERT_EQ(again.run.code, 0) << DescribeIngest(again);
  EXPECT_EQ(again.replaced, r.indexed);
  size_t files = 0;
  EXPECT_EQ(static_cast<int64_t>(ReadRejects(t / "ix", &files).size()), 2 * r.rejected);
  EXPECT_EQ(files, 2u);
  EXPECT_EQ(Documents(t / "ix"), r.indexed);
}

TEST(malformedInput, ForcedFormatMismatch) {
  TempDir t;
  // JSON Lines read as CSV: the header is the first JSON line, with a date column nowhere.
  IngestRun r = Ingest(t / "ix", {kData + "/malformed.jsonl"}, {"--format", "csv"});
  EXPECT_EQ(r.run.code, 0) << DescribeIngest(r);
  ExpectBalanced(r);
  EXPECT_EQ(r.indexed, 0);
  // CSV read as text: no date header.
  IngestRun c = Ingest(t / "ix2", {kData + "/malformed.csv"}, {"--format", "text"});
  EXPECT_EQ(c.run.code, 0) << DescribeIngest(c);
  ExpectBalanced(c);
  EXPECT_EQ(c.read, 1);
  EXPECT_EQ(c.rejected, 1);
  std::vector<Reject> rej = ReadRejects(t / "ix2");
  ASSERT_EQ(rej.size(), 1u);
  EXPECT_EQ(rej[0].reason.rfind("missing date header", 0), 0u) << rej[0].reason;
}

TEST(malformedInput, MissingInputPath) {
  TempDir t;
  RunResult r = Dl({"ingest", "--index", t / "ix", t / "does-not-exist.jsonl"});
  EXPECT_EQ(r.code, 1) << Describe(r);
  EXPECT_NE(r.err.find("does-not-exist.jsonl"), std::string::npos) << Describe(r);
  EXPECT_EQ(Lines(r.err).size(), 1u) << Describe(r);
  EXPECT_FALSE(LooksLikeCrash(r));
}

// ---------------------------------------------------------------------------
// Huge lines and vanishing files.

// Largest resident set of the children waited for so far, in bytes.
int64_t ChildrenMaxRss() {
  struct rusage ru {};
  ::getrusage(RUSAGE_CHILDREN, &ru);
  return static_cast<int64_t>(ru.ru_maxrss) * 1024;
}

TEST(malformedJsonl, A200MbSingleLineIsRejectedInBoundedMemory) {
  TempDir t;
  const std::string path = t / "huge.jsonl";
  // Under sanitizers a line just over the 64 MiB limit, else 200 MB.
  const int mb = dateline::testutil::kSanitized ? 70 : 200;
  {
    std::ofstream f(path, std::ios::binary);
    f << GoodJsonl("before", 2);
    f << "{\"id\":\"huge\",\"date\":\"2020-01-02\",\"text\":\"";
    const std::string chunk(1 << 20, 'a');
    for (int i = 0; i < mb; ++i) f << chunk;
    f << "\"}\n";
    f << GoodJsonl("after", 2);
  }
  ASSERT_GT(fs::file_size(path), static_cast<uintmax_t>(mb) << 20);
  IngestRun r = Ingest(t / "ix", {path}, {"--no-extract"});
  const int64_t rss = ChildrenMaxRss();
  fs::remove(path);
  ASSERT_EQ(r.run.code, 0) << DescribeIngest(r);
  ExpectBalanced(r);
  EXPECT_EQ(r.read, 5);
  EXPECT_EQ(r.indexed, 4);
  EXPECT_EQ(r.rejected, 1);
  std::vector<Reject> rej = ReadRejects(t / "ix");
  ASSERT_EQ(rej.size(), 1u);
  EXPECT_EQ(rej[0].reason, "line longer than 64 MiB");
  EXPECT_EQ(rej[0].line, 3);
  EXPECT_LE(rej[0].record.size(), 4100u) << "the reject holds an excerpt, not the line";
  EXPECT_EQ(Documents(t / "ix"), 4);
  std::printf("[ info ] %d MB line: largest child RSS %.0f MB\n", mb, rss / 1e6);
  EXPECT_LT(rss, int64_t{1} << 30) << "more than 1 GiB resident for one long line";
}

// The files of `pid` open now (targets of /proc/<pid>/fd).
std::vector<std::string> OpenFiles(pid_t pid) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec)) {
    std::error_code ec2;
    out.push_back(fs::read_symlink(e.path(), ec2).string());
  }
  return out;
}

// Files of a directory deleted after ingest listed them: one reject each naming the file, the
// other files indexed whole, the counts add up, exit 1 with the first error.
TEST(malformedInput, FilesThatVanishMidIngestAreRejectedByName) {
  TempDir t;
  const std::string dir = t / "in";
  // Read while files vanish: long enough that a busy machine, which may hold
  // this test back for milliseconds, still deletes them before ingest gets there.
  constexpr int kFirst = 10000;
  cli::WriteFile(dir + "/a-first.jsonl", GoodJsonl("first", kFirst));
  constexpr int kFiles = 60, kVanish = 20;
  for (int i = 0; i < kFiles; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/f-%03d.jsonl", i);
    cli::WriteFile(dir + name, GoodJsonl("f" + std::to_string(i), 3));
  }
  cli::Child c =
      cli::Spawn({"ingest", "--json", "--no-extract", "--index", t / "ix", dir}, t / "run");
  // Once the first file is open the directory has been listed: delete the last files.
  bool seen = false;
  for (int i = 0; i < 20000 && !seen; ++i) {
    for (const auto& f : OpenFiles(c.pid)) seen |= f == dir + "/a-first.jsonl";
    if (!seen) std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  ASSERT_TRUE(seen) << "ingest never opened the first file";
  std::set<std::string> vanished;
  for (int i = kFiles - kVanish; i < kFiles; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/f-%03d.jsonl", i);
    fs::remove(dir + name);
    vanished.insert(dir + name);
  }
  RunResult run = cli::WaitChild(&c);
  IngestRun r;
  r.run = run;
  for (const auto& line : Lines(run.out)) {
    Json j(line);
    if (!j.ok || !HasKey(j.root, "read")) continue;
    r.has_summary = true;
    r.read = GetInt(j.root, "read");
    r.indexed = GetInt(j.root, "indexed");
    r.rejected = GetInt(j.root, "rejected");
  }
  EXPECT_EQ(run.code, 1) << Describe(run);
  ExpectBalanced(r);
  EXPECT_EQ(Lines(run.err).size(), 1u) << Describe(run);
  EXPECT_NE(run.err.find(dir + "/f-"), std::string::npos) << Describe(run);
  EXPECT_EQ(r.indexed, kFirst + 3 * (kFiles - kVanish)) << Describe(run);
  EXPECT_EQ(r.rejected, kVanish) << Describe(run);
  EXPECT_EQ(Documents(t / "ix"), r.indexed);
  for (const Reject& rej : ReadRejects(t / "ix")) {
    EXPECT_EQ(vanished.count(rej.file), 1u) << rej.file << ": " << rej.reason;
    EXPECT_NE(rej.reason.find(rej.file), std::string::npos) << rej.reason;
    EXPECT_NE(rej.reason.find("No such file"), std::string::npos) << rej.reason;
  }
}

}  // namespace
