// Tests for the index through its public API (dateline/index.h): commits,
// replacement and deletion, snapshots, the writer lock, optimize, statistics,
// damage detection and memory-budget flushes.
#include "dateline/index.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "dateline/search.h"
#include "gtest/gtest.h"
#include "index/segment.h"
#include "test_util.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;
using testutil::FlipByte;
using testutil::kSanitized;
using testutil::MakeDoc;
using testutil::TempDir;

IndexOptions SmallOptions() {
  IndexOptions o;
  o.memory_budget_mb = 64;
  o.threads = 2;
  return o;
}

// Invented short articles; `n` selects a variant so that ids repeat with other text.
Document Article(int i, int variant = 0) {
  static const char* const kTopics[] = {"harbour", "railway", "vineyard", "lighthouse",
                                        "orchard", "glacier", "market",   "observatory"};
  const std::string topic = kTopics[i % 8];
  Document d = MakeDoc("art-" + std::to_string(i),
                       "2019-0" + std::to_string(1 + i % 9) + "-" + std::to_string(10 + i % 18),
                       "News about the " + topic + " number " + std::to_string(i),
                       "Reporters visited the " + topic + " on a windy morning. Item" +
                           std::to_string(i) + " variant" + std::to_string(variant) +
                           " was discussed at length by the town council.",
                       "en");
  d.url = "https://news.example/" + std::to_string(i);
  d.source = "Gazette " + std::to_string(i % 3);
  d.extra_json = "{\"variant\":" + std::to_string(variant) + "}";
  d.origin = "batch.jsonl:" + std::to_string(i + 1);
  return d;
}

Status AddAll(IndexWriter* w, const std::vector<Document>& docs) {
  for (const Document& d : docs) {
    bool replaced = false;
    DL_RETURN_IF_ERROR(w->Add(d, &replaced));
  }
  return Status::OK();
}

std::unique_ptr<IndexReader> OpenReader(const std::string& dir) {
  std::unique_ptr<IndexReader> r;
  const Status s = IndexReader::Open(dir, &r);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return r;
}

// Ids matching a query (all of them, in result order).
std::vector<std::string> Ids(const IndexReader& r, std::string_view q, uint64_t* total = nullptr) {
  search::SearchOptions o;
  o.limit = 100000;
  o.snippets = false;
  o.load_documents = false;
  search::Results res;
  const Status s = search::Search(r, q, o, &res);
  EXPECT_TRUE(s.ok()) << q << ": " << s.ToString();
  std::vector<std::string> ids;
  for (const auto& h : res.hits) ids.push_back(h.id);
  EXPECT_EQ(res.total, ids.size()) << q;
  if (total) *total = res.total;
  return ids;
}

std::set<std::string> IdSet(const IndexReader& r, std::string_view q) {
  const auto v = Ids(r, q);
  return std::set<std::string>(v.begin(), v.end());
}

std::vector<std::string> SegmentFiles(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    if (n.rfind("seg-", 0) == 0) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string ManifestFile(const std::string& dir) {
  std::string cur = testutil::ReadBytes(dir + "/CURRENT");
  while (!cur.empty() && (cur.back() == '\n' || cur.back() == '\r')) cur.pop_back();
  return dir + "/" + cur;
}

TEST(IndexTest, OpenReaderOnEmptyDirectoryIsNotFound) {
  TempDir dir;
  std::unique_ptr<IndexReader> r;
  EXPECT_TRUE(IndexReader::Open(dir.path(), &r).IsNotFound());
  EXPECT_TRUE(IndexReader::Open(dir.File("missing"), &r).IsNotFound());
}

TEST(IndexTest, EmptyCommit) {
  TempDir dir;
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
  ASSERT_TRUE(w->Commit().ok());
  auto r = OpenReader(dir.path());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->live_documents(), 0u);
  EXPECT_EQ(r->Stats().documents, 0u);
  EXPECT_EQ(r->Stats().segments, 0u);
  EXPECT_TRUE(r->Check().ok());
  uint64_t total = 99;
  Ids(*r, "*", &total);
  EXPECT_EQ(total, 0u);
  Document doc;
  EXPECT_TRUE(r->Get("x", &doc).IsNotFound());
}

TEST(IndexTest, AddCommitReopenGetEveryField) {
  TempDir dir;
  std::vector<Document> docs;
  for (int i = 0; i < 25; ++i) docs.push_back(Article(i));
  docs[3].date = testutil::D("2018");
  docs[4].date = testutil::D("2019-02");
  docs[5].lang = "NL";  // normalised to nl
  docs[5].text = "De gemeenteraad sprak over de haven en de nieuwe brug.";
  {
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
    ASSERT_TRUE(AddAll(w.get(), docs).ok());
    // Nothing is visible before the commit.
    std::unique_ptr<IndexReader> none;
    EXPECT_TRUE(IndexReader::Open(dir.path(), &none).IsNotFound());
    ASSERT_TRUE(w->Commit().ok());
  }
  auto r = OpenReader(dir.path());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->live_documents(), docs.size());
  for (const Document& want : docs) {
    Document got;
    ASSERT_TRUE(r->Get(want.id, &got).ok()) << want.id;
    EXPECT_EQ(got.id, want.id);
    EXPECT_EQ(got.date, want.date);
    EXPECT_EQ(got.title, want.title);
    EXPECT_EQ(got.text, want.text);
    EXPECT_EQ(got.url, want.url);
    EXPECT_EQ(got.source, want.source);
    EXPECT_EQ(got.lang, want.id == "art-5" ? "nl" : "en");
    EXPECT_FLOAT_EQ(got.lang_confidence, 1.0f);  // given by the record
    EXPECT_EQ(got.extra_json, want.extra_json);
    EXPECT_EQ(got.origin, want.origin);
  }
  Document got;
  EXPECT_TRUE(r->Get("art-999", &got).IsNotFound());
  EXPECT_TRUE(r->Get("", &got).IsNotFound());
  EXPECT_TRUE(r->Check().ok()) << r->Check().ToString();
}

TEST(IndexTest, ReplaceBeforeCommit) {
  TempDir dir;
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
  bool replaced = true;
  ASSERT_TRUE(w->Add(Article(1, 0), &replaced).ok());
  EXPECT_FALSE(replaced);
  ASSERT_TRUE(w->Add(Article(2, 0), &replaced).ok());
  EXPECT_FALSE(replaced);
  ASSERT_TRUE(w->Add(Article(1, 1), &replaced).ok());
  EXPECT_TRUE(replaced);
  ASSERT_TRUE(w->Commit().ok());
  auto r = OpenReader(dir.path());
  EXPECT_EQ(r->live_documents(), 2u);
  Document got;
  ASSERT_TRUE(r->Get("art-1", &got).ok());
  EXPECT_NE(got.text.find("variant1"), std::string::npos);
  EXPECT_EQ(IdSet(*r, "\"variant0\""), std::set<std::string>{"art-2"});
  EXPECT_EQ(IdSet(*r, "\"variant1\""), std::set<std::string>{"art-1"});
  EXPECT_TRUE(r->Check().ok());
}

TEST(IndexTest, ReplaceAfterCommit) {
  TempDir dir;
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
  ASSERT_TRUE(AddAll(w.get(), {Article(1, 0), Article(2, 0), Article(3, 0)}).ok());
  ASSERT_TRUE(w->Commit().ok());
  bool replaced = false;
  ASSERT_TRUE(w->Add(Article(2, 7), &replaced).ok());
  EXPECT_TRUE(replaced);
  // Replacing the pending replacement again still reports a replacement.
  ASSERT_TRUE(w->Add(Article(2, 8), &replaced).ok());
  EXPECT_TRUE(replaced);
  ASSERT_TRUE(w->Commit().ok());
  auto r = OpenReader(dir.path());
  EXPECT_EQ(r->live_documents(), 3u);
  EXPECT_EQ(r->Stats().documents, 3u);
  EXPECT_EQ(r->Stats().deleted, 1u);
  Document got;
  ASSERT_TRUE(r->Get("art-2", &got).ok());
  EXPECT_NE(got.text.find("variant8"), std::string::npos);
  EXPECT_TRUE(IdSet(*r, "\"variant7\"").empty());
  EXPECT_EQ(IdSet(*r, "\"variant0\""), (std::set<std::string>{"art-1", "art-3"}));
  EXPECT_EQ(IdSet(*r, "item2"), std::set<std::string>{"art-2"});
  EXPECT_TRUE(r->Check().ok());
  // Reopening the writer keeps the replacement.
  w.reset();
  ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
  ASSERT_TRUE(w->Add(Article(2, 9), &replaced).ok());
  EXPECT_TRUE(replaced);
  ASSERT_TRUE(w->Commit().ok());
  r = OpenReader(dir.path());
  EXPECT_EQ(r->live_documents(), 3u);
  ASSERT_TRUE(r->Get("art-2", &got).ok());
  EXPECT_NE(got.text.find("variant9"), std::string::npos);
  EXPECT_TRUE(r->Check().ok());
}

TEST(IndexTest, DeletePendingAndCommitted) {
  TempDir dir;
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
  ASSERT_TRUE(AddAll(w.get(), {Article(1), Article(2), Article(3), Article(4)}).ok());
  ASSERT_TRUE(w->Commit().ok());
  bool found = false;
  ASSERT_TRUE(w->Delete("art-2", &found).ok());  // committed
  EXPECT_TRUE(found);
  ASSERT_TRUE(w->Delete("art-2", &found).ok());  // already deleted
  EXPECT_FALSE(found);
  ASSERT_TRUE(w->Delete("art-77", &found).ok());  // never existed
  EXPECT_FALSE(found);
  bool replaced;
  ASSERT_TRUE(w->Add(Article(5), &replaced).ok());
  ASSERT_TRUE(w->Delete("art-5", &found).ok());  // pending
  EXPECT_TRUE(found);
  ASSERT_TRUE(w->Delete("art-5", &found).ok());
  EXPECT_FALSE(found);
  {
    // Before the commit a new reader still sees art-2.
    auto r = OpenReader(dir.path());
    Document got;
    EXPECT_TRUE(r->Get("art-2", &got).ok());
    EXPECT_EQ(r->live_documents(), 4u);
  }
  ASSERT_TRUE(w->Commit().ok());
  auto r = OpenReader(dir.path());
  Document got;
  EXPECT_TRUE(r->Get("art-2", &got).IsNotFound());
  EXPECT_TRUE(r->Get("art-5", &got).IsNotFound());
  EXPECT_TRUE(r->Get("art-1", &got).ok());
  EXPECT_EQ(r->live_documents(), 3u);
  EXPECT_EQ(IdSet(*r, "*"), (std::set<std::string>{"art-1", "art-3", "art-4"}));
  EXPECT_TRUE(IdSet(*r, "item2").empty());
  EXPECT_TRUE(IdSet(*r, "item5").empty());
  EXPECT_TRUE(r->Check().ok());
  // Re-adding a deleted id brings it back.
  ASSERT_TRUE(w->Add(Article(2, 3), &replaced).ok());
  ASSERT_TRUE(w->Commit().ok());
  r = OpenReader(dir.path());
  ASSERT_TRUE(r->Get("art-2", &got).ok());
  EXPECT_NE(got.text.find("variant3"), std::string::npos);
  EXPECT_EQ(r->live_documents(), 4u);
  EXPECT_TRUE(r->Check().ok());
}

TEST(IndexTest, DeletingEveryDocumentOfASegment) {
  TempDir dir;
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
  ASSERT_TRUE(AddAll(w.get(), {Article(1), Article(2)}).ok());
  ASSERT_TRUE(w->Commit().ok());
  ASSERT_TRUE(AddAll(w.get(), {Article(3)}).ok());
  ASSERT_TRUE(w->Commit().ok());
  bool found;
  ASSERT_TRUE(w->Delete("art-1", &found).ok());
  ASSERT_TRUE(w->Delete("art-2", &found).ok());
  ASSERT_TRUE(w->Commit().ok());
  auto r = OpenReader(dir.path());
  EXPECT_EQ(r->live_documents(), 1u);
  EXPECT_EQ(IdSet(*r, "*"), std::set<std::string>{"art-3"});
  EXPECT_TRUE(r->Check().ok());
  ASSERT_TRUE(w->Delete("art-3", &found).ok());
  ASSERT_TRUE(w->Optimize().ok());
  r = OpenReader(dir.path());
  EXPECT_EQ(r->live_documents(), 0u);
  EXPECT_EQ(r->Stats().segments, 0u);
  EXPECT_TRUE(IdSet(*r, "*").empty());
  EXPECT_TRUE(SegmentFiles(dir.path()).empty()) << "unreferenced segment files are removed";
}

TEST(IndexTest, MultipleCommitsThenOptimize) {
  TempDir dir;
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
  for (int batch = 0; batch < 4; ++batch) {
    std::vector<Document> docs;
    for (int i = 0; i < 12; ++i) docs.push_back(Article(batch * 12 + i));
    ASSERT_TRUE(AddAll(w.get(), docs).ok());
    ASSERT_TRUE(w->Commit().ok());
  }
  bool found, replaced;
  ASSERT_TRUE(w->Delete("art-3", &found).ok());
  ASSERT_TRUE(w->Delete("art-30", &found).ok());
  ASSERT_TRUE(w->Add(Article(14, 5), &replaced).ok());
  EXPECT_TRUE(replaced);
  ASSERT_TRUE(w->Commit().ok());
  auto before = OpenReader(dir.path());
  ASSERT_TRUE(before);
  EXPECT_EQ(before->Stats().segments, 5u);
  EXPECT_EQ(before->segments().size(), 5u);
  EXPECT_EQ(before->live_documents(), 46u);
  EXPECT_EQ(before->Stats().deleted, 3u);
  const std::vector<std::string> queries = {"*",
                                            "harbour",
                                            "\"windy morning\"",
                                            "glacier -orchard",
                                            "title:market",
                                            "variant5",
                                            "lighthouse OR vineyard",
                                            "date:2019-03"};
  std::map<std::string, std::set<std::string>> want;
  for (const auto& q : queries) want[q] = IdSet(*before, q);
  std::map<std::string, Document> docs;
  for (const auto& v : before->segments()) {
    for (uint32_t d = 0; d < v.reader->doc_count(); ++d) {
      if (v.IsDeleted(d)) continue;
      Document doc;
      ASSERT_TRUE(before->Get(std::string(v.reader->IdOf(d)), &doc).ok());
      docs[doc.id] = doc;
    }
  }
  ASSERT_EQ(docs.size(), 46u);

  ASSERT_TRUE(w->Optimize().ok());
  auto after = OpenReader(dir.path());
  ASSERT_TRUE(after);
  EXPECT_EQ(after->Stats().segments, 1u);
  EXPECT_EQ(after->Stats().deleted, 0u);
  EXPECT_EQ(after->live_documents(), 46u);
  EXPECT_EQ(SegmentFiles(dir.path()).size(), 1u);
  for (const auto& [id, doc] : docs) {
    Document got;
    ASSERT_TRUE(after->Get(id, &got).ok()) << id;
    EXPECT_EQ(got.text, doc.text);
    EXPECT_EQ(got.title, doc.title);
    EXPECT_EQ(got.date, doc.date);
    EXPECT_EQ(got.url, doc.url);
    EXPECT_EQ(got.extra_json, doc.extra_json);
  }
  Document gone;
  EXPECT_TRUE(after->Get("art-3", &gone).IsNotFound());
  EXPECT_TRUE(after->Get("art-30", &gone).IsNotFound());
  for (const auto& q : queries) EXPECT_EQ(IdSet(*after, q), want[q]) << q;
  EXPECT_TRUE(after->Check().ok()) << after->Check().ToString();
  // The old snapshot keeps working after its files were removed.
  EXPECT_EQ(IdSet(*before, "harbour"), want["harbour"]);
  Document doc;
  EXPECT_TRUE(before->Get("art-14", &doc).ok());
  // Optimizing an optimized index changes nothing.
  ASSERT_TRUE(w->Optimize().ok());
  auto again = OpenReader(dir.path());
  EXPECT_EQ(again->Stats().segments, 1u);
  EXPECT_EQ(again->live_documents(), 46u);
}

// A document the store could not read back is refused at Add, and the index
// stays usable (found by the concurrency test, which once built a bad date).
TEST(IndexTest, AddRefusesDocumentsWithoutIdOrValidDate) {
  TempDir dir;
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
  bool replaced = false;
  Document bad = Article(1);
  bad.date = Date{};  // 0000-00-00
  EXPECT_TRUE(w->Add(bad, &replaced).IsInvalidArgument());
  Document feb = Article(2);
  feb.date = Date{2019, 2, 30, Date::Precision::kDay};
  EXPECT_TRUE(w->Add(feb, &replaced).IsInvalidArgument());
  Document noid = Article(3);
  noid.id.clear();
  EXPECT_TRUE(w->Add(noid, &replaced).IsInvalidArgument());
  ASSERT_TRUE(w->Add(Article(4), &replaced).ok());
  ASSERT_TRUE(w->Commit().ok());
  w.reset();
  auto r = OpenReader(dir.path());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->live_documents(), 1u);
  EXPECT_TRUE(r->Check().ok());
}

TEST(IndexTest, SecondWriterIsBusy) {
  TempDir dir;
  std::unique_ptr<IndexWriter> w1, w2;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w1).ok());
  const Status s = IndexWriter::Open(dir.path(), SmallOptions(), &w2);
  EXPECT_TRUE(s.IsBusy()) << s.ToString();
  EXPECT_FALSE(w2);
  // Readers are not blocked by the writer.
  ASSERT_TRUE(AddAll(w1.get(), {Article(1)}).ok());
  ASSERT_TRUE(w1->Commit().ok());
  EXPECT_TRUE(OpenReader(dir.path()));
  w1.reset();
  EXPECT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w2).ok());
}

TEST(IndexTest, ReadersKeepTheirSnapshot) {
  TempDir dir;
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
  std::vector<Document> docs;
  for (int i = 0; i < 10; ++i) docs.push_back(Article(i));
  ASSERT_TRUE(AddAll(w.get(), docs).ok());
  ASSERT_TRUE(w->Commit().ok());
  auto old_reader = OpenReader(dir.path());
  ASSERT_TRUE(old_reader);
  const uint64_t old_gen = old_reader->generation();
  const auto old_all = IdSet(*old_reader, "*");

  bool replaced, found;
  ASSERT_TRUE(w->Add(Article(20), &replaced).ok());
  ASSERT_TRUE(w->Add(Article(4, 6), &replaced).ok());
  ASSERT_TRUE(w->Delete("art-7", &found).ok());
  ASSERT_TRUE(w->Commit().ok());

  // The old reader: same documents, same versions, same results.
  EXPECT_EQ(old_reader->generation(), old_gen);
  EXPECT_EQ(old_reader->live_documents(), 10u);
  EXPECT_EQ(IdSet(*old_reader, "*"), old_all);
  Document doc;
  EXPECT_TRUE(old_reader->Get("art-7", &doc).ok());
  EXPECT_TRUE(old_reader->Get("art-20", &doc).IsNotFound());
  ASSERT_TRUE(old_reader->Get("art-4", &doc).ok());
  EXPECT_NE(doc.text.find("variant0"), std::string::npos);
  EXPECT_EQ(IdSet(*old_reader, "variant6"), std::set<std::string>{});
  EXPECT_TRUE(old_reader->Check().ok());

  // A new reader sees the commit.
  auto new_reader = OpenReader(dir.path());
  EXPECT_GT(new_reader->generation(), old_gen);
  EXPECT_EQ(new_reader->live_documents(), 10u);
  EXPECT_TRUE(new_reader->Get("art-7", &doc).IsNotFound());
  EXPECT_TRUE(new_reader->Get("art-20", &doc).ok());
  ASSERT_TRUE(new_reader->Get("art-4", &doc).ok());
  EXPECT_NE(doc.text.find("variant6"), std::string::npos);
  EXPECT_EQ(IdSet(*new_reader, "variant6"), std::set<std::string>{"art-4"});

  // Optimize removes the old files; the old reader still answers from its maps.
  ASSERT_TRUE(w->Optimize().ok());
  EXPECT_EQ(IdSet(*old_reader, "*"), old_all);
  EXPECT_TRUE(old_reader->Get("art-7", &doc).ok());
}

TEST(IndexTest, Stats) {
  TempDir dir;
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
  std::vector<Document> docs = {
      MakeDoc("a", "2018", "Jaaroverzicht", "Een jaar vol nieuws uit de haven.", "nl"),
      MakeDoc("b", "2019-04-06", "Luchtaanval", "Een luchtaanval op het vliegveld.", "nl"),
      MakeDoc("c", "2019-04-07", "Talks", "The talks resumed.", "en"),
      MakeDoc("d", "2020-02", "Février", "Un mois de négociations.", "fr"),
      MakeDoc("e", "2019-05-01", "Talks", "The talks stalled.", "en"),
      MakeDoc("f", "2019-05-02", "Talks", "The talks ended.", "en"),
      MakeDoc("h", "2019-05-03", "Brug", "De brug is open.", "nl"),
  };
  ASSERT_TRUE(AddAll(w.get(), docs).ok());
  ASSERT_TRUE(w->Commit().ok());
  auto r1 = OpenReader(dir.path());
  ASSERT_TRUE(
      AddAll(w.get(), {MakeDoc("g", "2019-06-01", "Gespräche", "Lange Gespräche.", "de")}).ok());
  bool found;
  ASSERT_TRUE(w->Delete("e", &found).ok());
  ASSERT_TRUE(w->Commit().ok());
  auto r = OpenReader(dir.path());
  const IndexStats st = r->Stats();
  EXPECT_EQ(st.documents, 7u);
  EXPECT_EQ(st.deleted, 1u);
  EXPECT_EQ(st.segments, 2u);
  EXPECT_GT(st.bytes, 0u);
  EXPECT_EQ(st.first_day, DaysFromCivil(2018, 1, 1));
  EXPECT_EQ(st.last_day, DaysFromCivil(2020, 2, 29));  // month precision: its last day
  EXPECT_GT(st.generation, r1->Stats().generation);
  EXPECT_EQ(st.generation, r->generation());
  ASSERT_EQ(st.languages.size(), 4u);
  EXPECT_EQ(st.languages[0], (std::pair<std::string, uint64_t>{"nl", 3}));
  EXPECT_EQ(st.languages[1], (std::pair<std::string, uint64_t>{"en", 2}));
  // Ties in any order, but counts descending.
  for (size_t i = 1; i < st.languages.size(); ++i) {
    EXPECT_GE(st.languages[i - 1].second, st.languages[i].second);
  }
  std::set<std::string> rest = {st.languages[2].first, st.languages[3].first};
  EXPECT_EQ(rest, (std::set<std::string>{"de", "fr"}));
  EXPECT_EQ(r1->Stats().documents, 7u);
  EXPECT_EQ(r1->Stats().deleted, 0u);
}

TEST(IndexTest, DamagedSegmentIsCorruption) {
  TempDir dir;
  {
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
    std::vector<Document> docs;
    for (int i = 0; i < 30; ++i) docs.push_back(Article(i));
    ASSERT_TRUE(AddAll(w.get(), docs).ok());
    ASSERT_TRUE(w->Commit().ok());
  }
  auto r = OpenReader(dir.path());
  ASSERT_TRUE(r->Check().ok());
  r.reset();
  const auto segs = SegmentFiles(dir.path());
  ASSERT_EQ(segs.size(), 1u);
  const size_t size = fs::file_size(segs[0]);
  for (size_t at : {size_t{20}, size / 3, size / 2, size - 100}) {
    FlipByte(segs[0], at);
    // Open verifies the small sections; the large ones are verified on first
    // read, so Check (which reads everything) must find what Open did not.
    std::unique_ptr<IndexReader> bad;
    Status s = IndexReader::Open(dir.path(), &bad);
    if (s.ok()) s = bad->Check();
    EXPECT_TRUE(s.IsCorruption()) << "flip at " << at << ": " << s.ToString();
    // A writer refuses the index at open, or its merge, which reads every
    // section, fails rather than copy the damage into a new segment.
    std::unique_ptr<IndexWriter> w;
    Status ws = IndexWriter::Open(dir.path(), SmallOptions(), &w);
    bool replaced = false;
    if (ws.ok()) ws = w->Add(Article(99), &replaced);
    if (ws.ok()) ws = w->Commit();
    if (ws.ok()) ws = w->Optimize();
    EXPECT_TRUE(ws.IsCorruption()) << "flip at " << at << ": " << ws.ToString();
    w.reset();
    FlipByte(segs[0], at);  // undo
  }
  EXPECT_TRUE(OpenReader(dir.path())->Check().ok());
}

// A byte inside section 0 (the postings) of a segment file, found by its
// footer entry (the document store comes first).
size_t PostingsByte(const std::string& path) {
  const std::string bytes = testutil::ReadBytes(path);
  uint64_t off = 0;  // section 0's entry opens the footer (24 bytes each, then 24)
  std::memcpy(&off, bytes.data() + bytes.size() - (index::kNumSections + 1) * 24, 8);
  return static_cast<size_t>(off) + 4;
}

TEST(IndexTest, DamageFoundOnReadFailsTheSearchAndTheMerge) {
  TempDir dir;
  {
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
    for (int round = 0; round < 2; ++round) {
      std::vector<Document> docs;
      for (int i = 0; i < 30; ++i) docs.push_back(Article(round * 30 + i));
      ASSERT_TRUE(AddAll(w.get(), docs).ok());
      ASSERT_TRUE(w->Commit().ok());
    }
  }
  const auto segs = SegmentFiles(dir.path());
  ASSERT_EQ(segs.size(), 2u);
  const size_t at = PostingsByte(segs[0]);
  ASSERT_GT(at, 20u) << "the store comes first";
  FlipByte(segs[0], at);  // inside section 0, the postings: verified on first read
  std::unique_ptr<IndexReader> r;
  ASSERT_TRUE(IndexReader::Open(dir.path(), &r).ok());
  search::Results res;
  const Status s = search::Search(*r, "harbour", search::SearchOptions{}, &res);
  ASSERT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find(fs::path(segs[0]).filename().string() + ": checksum mismatch in "
                                                                     "section 0, chunk 0"),
            std::string::npos)
      << s.message();
  EXPECT_TRUE(r->Damage().IsCorruption());
  r.reset();
  // A merge reads every posting list: it fails rather than copy damaged data.
  {
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
    EXPECT_TRUE(w->Optimize().IsCorruption());
  }
  EXPECT_EQ(SegmentFiles(dir.path()).size(), 2u);
  FlipByte(segs[0], at);  // undo: the index is whole again
  EXPECT_TRUE(OpenReader(dir.path())->Check().ok());
}

TEST(IndexTest, DamagedManifestAndDeletionsAreCorruption) {
  TempDir dir;
  {
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
    ASSERT_TRUE(AddAll(w.get(), {Article(1), Article(2), Article(3)}).ok());
    ASSERT_TRUE(w->Commit().ok());
    bool found;
    ASSERT_TRUE(w->Delete("art-2", &found).ok());
    ASSERT_TRUE(w->Commit().ok());
  }
  const std::string manifest = ManifestFile(dir.path());
  const std::string original = testutil::ReadBytes(manifest);
  for (size_t at = 0; at < original.size(); ++at) {
    FlipByte(manifest, at, 0x01);
    std::unique_ptr<IndexReader> r;
    const Status s = IndexReader::Open(dir.path(), &r);
    EXPECT_TRUE(s.IsCorruption()) << "manifest flip at " << at << ": " << s.ToString();
    testutil::WriteBytes(manifest, original);
  }
  ASSERT_TRUE(OpenReader(dir.path()));
  // The deletion file.
  std::string del;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    if (e.path().filename().string().rfind("del-", 0) == 0) del = e.path().string();
  }
  ASSERT_FALSE(del.empty());
  FlipByte(del, 14);
  std::unique_ptr<IndexReader> r;
  EXPECT_TRUE(IndexReader::Open(dir.path(), &r).IsCorruption());
  FlipByte(del, 14);
  // Truncated manifest.
  testutil::WriteBytes(manifest, original.substr(0, original.size() / 2));
  EXPECT_TRUE(IndexReader::Open(dir.path(), &r).IsCorruption());
  testutil::WriteBytes(manifest, original);
  EXPECT_TRUE(OpenReader(dir.path())->Check().ok());
}

TEST(IndexTest, BrokenCurrentIsAnErrorNotACrash) {
  TempDir dir;
  {
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
    ASSERT_TRUE(AddAll(w.get(), {Article(1)}).ok());
    ASSERT_TRUE(w->Commit().ok());
  }
  const std::string current = testutil::ReadBytes(dir.File("CURRENT"));
  std::unique_ptr<IndexReader> r;
  std::unique_ptr<IndexWriter> w;
  // Points to a manifest that does not exist.
  testutil::WriteBytes(dir.File("CURRENT"), "MANIFEST-999999\n");
  Status s = IndexReader::Open(dir.path(), &r);
  EXPECT_FALSE(s.ok());
  EXPECT_FALSE(r);
  s = IndexWriter::Open(dir.path(), SmallOptions(), &w);
  EXPECT_FALSE(s.ok()) << "a writer must not start a fresh index over a broken one";
  EXPECT_FALSE(w);
  // Garbage and an empty CURRENT.
  for (const char* junk : {"hello world\n", "", "../MANIFEST-000001\n"}) {
    testutil::WriteBytes(dir.File("CURRENT"), junk);
    s = IndexReader::Open(dir.path(), &r);
    EXPECT_FALSE(s.ok()) << "CURRENT='" << junk << "'";
  }
  // A segment file listed by the manifest is missing.
  testutil::WriteBytes(dir.File("CURRENT"), current);
  ASSERT_TRUE(OpenReader(dir.path()));
  const auto segs = SegmentFiles(dir.path());
  ASSERT_EQ(segs.size(), 1u);
  fs::rename(segs[0], segs[0] + ".moved");
  s = IndexReader::Open(dir.path(), &r);
  EXPECT_FALSE(s.ok());
  fs::rename(segs[0] + ".moved", segs[0]);
  EXPECT_TRUE(OpenReader(dir.path()));
}

TEST(IndexTest, ReingestingConverges) {
  TempDir dir;
  std::vector<Document> docs;
  for (int i = 0; i < 40; ++i) docs.push_back(Article(i));
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), SmallOptions(), &w).ok());
  ASSERT_TRUE(AddAll(w.get(), docs).ok());
  ASSERT_TRUE(w->Commit().ok());
  auto first = OpenReader(dir.path());
  const std::vector<std::string> queries = {
      "*", "harbour", "windy", "title:glacier", "\"town council\" -market", "date:2019-04"};
  std::map<std::string, std::set<std::string>> want;
  for (const auto& q : queries) want[q] = IdSet(*first, q);
  for (int round = 0; round < 3; ++round) {
    for (const Document& d : docs) {
      bool replaced = false;
      ASSERT_TRUE(w->Add(d, &replaced).ok());
      EXPECT_TRUE(replaced) << d.id;
    }
    ASSERT_TRUE(w->Commit().ok());
    auto r = OpenReader(dir.path());
    EXPECT_EQ(r->live_documents(), docs.size());
    for (const auto& q : queries) EXPECT_EQ(IdSet(*r, q), want[q]) << "round " << round << " " << q;
    EXPECT_TRUE(r->Check().ok());
  }
  ASSERT_TRUE(w->Optimize().ok());
  auto r = OpenReader(dir.path());
  EXPECT_EQ(r->live_documents(), docs.size());
  EXPECT_EQ(r->Stats().segments, 1u);
  for (const auto& q : queries) EXPECT_EQ(IdSet(*r, q), want[q]) << q;
}

// Synthetic words from syllables, so that the text has a realistic vocabulary.
std::string SynthWord(std::mt19937& rng) {
  static const char* const kSyl[] = {"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi",
                                     "be", "do", "fu", "ge", "ha", "ji", "ko", "pe"};
  std::string w;
  const int n = 2 + static_cast<int>(rng() % 3);
  for (int i = 0; i < n; ++i) w += kSyl[rng() % std::size(kSyl)];
  return w;
}

TEST(IndexTest, MemoryBudgetFlushesSeveralSegments) {
  TempDir dir;
  IndexOptions opt;
  opt.memory_budget_mb = kSanitized ? 4 : 16;
  opt.threads = 2;
  const size_t target_bytes = kSanitized ? (8u << 20) : (40u << 20);
  std::mt19937 rng(77);
  std::vector<std::string> vocab;
  for (int i = 0; i < 3000; ++i) vocab.push_back(SynthWord(rng));
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), opt, &w).ok());
  size_t bytes = 0;
  int n = 0;
  std::string text;
  while (bytes < target_bytes) {
    text.clear();
    const int words = 800 + static_cast<int>(rng() % 800);
    for (int k = 0; k < words; ++k) {
      // Zipf-like: small indexes are much more frequent.
      const size_t idx = static_cast<size_t>(std::pow(rng() % 1000000 / 1e6, 3.0) * vocab.size());
      text += vocab[idx];
      text += k % 15 == 14 ? ". " : " ";
    }
    if (n % 500 == 0) text += " zeldzaamwoord";  // a rare planted word
    Document d = MakeDoc("m-" + std::to_string(n), "2019-01-01",
                         vocab[rng() % 200] + " " + vocab[rng() % 200], text, "en");
    d.date.month = static_cast<uint8_t>(1 + n % 12);
    d.date.day = static_cast<uint8_t>(1 + n % 28);
    if (n % 7 == 3) {  // some month-precision dates
      d.date.day = 0;
      d.date.precision = Date::Precision::kMonth;
    }
    bytes += d.text.size();
    bool replaced;
    ASSERT_TRUE(w->Add(std::move(d), &replaced).ok());
    ++n;
  }
  // Replace a few documents that were already flushed (not yet committed).
  for (int i = 0; i < 5; ++i) {
    bool replaced = false;
    ASSERT_TRUE(w->Add(MakeDoc("m-" + std::to_string(i), "2019-07-07", "Vervangen",
                               "replacementword " + vocab[1], "en"),
                       &replaced)
                    .ok());
    EXPECT_TRUE(replaced);
  }
  ASSERT_TRUE(w->Commit().ok());
  auto before = OpenReader(dir.path());
  ASSERT_TRUE(before);
  EXPECT_GE(before->Stats().segments, 3u) << "16 MB budget, 40 MB of text";
  EXPECT_EQ(before->live_documents(), static_cast<uint64_t>(n));
  std::vector<std::string> queries = {"zeldzaamwoord",
                                      "replacementword",
                                      vocab[0],
                                      vocab[5],
                                      vocab[50] + " " + vocab[900],
                                      "\"" + vocab[0] + " " + vocab[1] + "\"",
                                      vocab[2] + " -" + vocab[3],
                                      "date:2019-03"};
  struct Res {
    uint64_t total;
    std::set<std::string> ids;
  };
  auto run = [](const IndexReader& r, const std::string& q) {
    search::SearchOptions o;
    o.limit = 200;
    o.snippets = false;
    o.load_documents = false;
    search::Results res;
    EXPECT_TRUE(search::Search(r, q, o, &res).ok());
    Res out{res.total, {}};
    for (const auto& h : res.hits) out.ids.insert(h.id);
    return out;
  };
  std::vector<Res> want;
  for (const auto& q : queries) want.push_back(run(*before, q));
  EXPECT_EQ(want[0].total, static_cast<uint64_t>((n + 499) / 500 - 1));  // m-0 was replaced
  EXPECT_EQ(want[1].total, 5u);

  ASSERT_TRUE(w->Optimize().ok());
  auto after = OpenReader(dir.path());
  EXPECT_EQ(after->Stats().segments, 1u);
  EXPECT_EQ(after->live_documents(), static_cast<uint64_t>(n));
  for (size_t i = 0; i < queries.size(); ++i) {
    const Res got = run(*after, queries[i]);
    EXPECT_EQ(got.total, want[i].total) << queries[i];
    // Every hit is returned for the smaller results: the same documents. (Scores
    // may move a little: BM25 statistics before the optimize count replaced documents.)
    if (want[i].total <= 200) {
      EXPECT_EQ(got.ids, want[i].ids) << queries[i];
    }
  }
  if (!kSanitized) {
    EXPECT_TRUE(after->Check().ok());
  }
}

// Articles in several languages sharing words, so that the same word is
// stemmed under several language keys (and in several segments).
std::vector<Document> MultilingualArticles(int n, int first = 0) {
  static const char* const kLang[] = {"en", "nl", "de", "fr", "", "xx"};
  static const char* const kText[] = {
      "The councils were running new railways near the harbours of Rotterdam.",
      "De gemeenteraden bespraken de luchtaanvallen op de havens van Rotterdam.",
      "Die Gemeinderäte sprachen über die neuen Häuser und Häfen in Rotterdam.",
      "Les conseils nationales ont discuté des chemins de fer près des ports.",
      "Reporters were running towards the harbours while councils discussed railways.",
      "Rotterdam havens railways Häuser nationales 1.000,5 ٣.٥ running"};
  std::vector<Document> docs;
  for (int i = first; i < first + n; ++i) {
    const int k = i % 6;
    docs.push_back(
        MakeDoc("ml-" + std::to_string(i),
                "2020-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10),
                std::string(kText[(k + 1) % 6]).substr(0, 30),
                std::string(kText[k]) + " Item" + std::to_string(i % 97) + " " + kText[(i / 6) % 6],
                kLang[k]));
  }
  return docs;
}

// The bytes of every segment file of `dir`, in file name order.
std::vector<std::string> SegmentBytes(const std::string& dir) {
  std::vector<std::string> out;
  for (const std::string& f : SegmentFiles(dir)) out.push_back(testutil::ReadBytes(f));
  return out;
}

// Analysis runs on `threads` threads (the terms of their inverters merged in
// as many ranges): the segments written, before and after optimize, do not depend on it.
TEST(IndexTest, SameSegmentsWhateverTheThreadCount) {
  const std::vector<Document> docs = MultilingualArticles(1500);
  std::vector<std::vector<std::string>> flushed, optimized;
  for (unsigned threads : {1u, 2u, 3u}) {
    TempDir dir;
    IndexOptions opt;
    opt.memory_budget_mb = 2;  // a flush every few hundred documents
    opt.threads = threads;
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(dir.path(), opt, &w).ok());
    ASSERT_TRUE(AddAll(w.get(), docs).ok());
    ASSERT_TRUE(w->Commit().ok());
    flushed.push_back(SegmentBytes(dir.path()));
    ASSERT_TRUE(w->Optimize().ok());
    optimized.push_back(SegmentBytes(dir.path()));
  }
  ASSERT_GE(flushed[0].size(), 3u);
  EXPECT_EQ(optimized[0].size(), 1u);
  for (size_t i = 1; i < flushed.size(); ++i) {
    EXPECT_TRUE(flushed[i] == flushed[0]) << "threads " << i + 1;
    EXPECT_TRUE(optimized[i] == optimized[0]) << "threads " << i + 1;
  }
}

// A stem of two words, one of them under two language keys ("council" in
// English and in Dutch, both stemmed to "council"), of 1,000 documents in all, just under the limit
// of a stem kept as the union of its words' lists (1,024). Its count for that limit once took each
// word once per language key in each inverter: 1,750 when one inverter held all the documents (one
// thread), 1,000 when the English and the Dutch documents fell to two (two threads), so the segment
// depended on the thread count (and, with extraction, on how the threads shared the documents out).
// Documents of equal bytes, in date order the English ones first, so that two threads cut them
// between the languages.
std::vector<Document> NearUnionLimit() {
  std::vector<Document> docs;
  for (int i = 0; i < 1000; ++i) {
    const bool english = i < 500;
    const std::string word = english && i < 250 ? "councils" : "council ";
    const std::string date = std::string(english ? "2019" : "2021") + "-0" +
                             std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10);
    docs.push_back(MakeDoc("nu-" + std::to_string(1000 + i), date, "Session",
                           word + " met on the budget", english ? "en" : "nl"));
  }
  return docs;
}

// The segment written for NearUnionLimit(), with `threads` threads.
std::string NearUnionLimitSegment(unsigned threads, bool annotate) {
  TempDir dir;
  IndexOptions opt;
  opt.threads = threads;
  opt.annotate = annotate;
  std::unique_ptr<IndexWriter> w;
  EXPECT_TRUE(IndexWriter::Open(dir.path(), opt, &w).ok());
  EXPECT_TRUE(AddAll(w.get(), NearUnionLimit()).ok());
  EXPECT_TRUE(w->Commit().ok());
  const std::vector<std::string> segs = SegmentBytes(dir.path());
  EXPECT_EQ(segs.size(), 1u);
  return segs.empty() ? std::string() : segs[0];
}

TEST(IndexTest, SameSegmentNearTheUnionLimitWhateverTheThreads) {
  for (const bool annotate : {false, true}) {
    const std::string one = NearUnionLimitSegment(1, annotate);
    ASSERT_FALSE(one.empty());
    for (const unsigned threads : {2u, 3u}) {
      EXPECT_TRUE(NearUnionLimitSegment(threads, annotate) == one)
          << "threads " << threads << ", annotate " << annotate;
    }
  }
}

// A segment built after others (its words' stems remembered from them) is the
// same as the segment a fresh writer builds from the same documents.
TEST(IndexTest, RememberedStemsDoNotChangeASegment) {
  const std::vector<Document> first = MultilingualArticles(300);
  const std::vector<Document> second = MultilingualArticles(300, 300);
  TempDir warm, cold;
  IndexOptions opt;
  opt.threads = 2;
  // Copies and stories would link the second batch to the first: off.
  opt.find_copies = false;
  opt.find_stories = false;
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(warm.path(), opt, &w).ok());
  ASSERT_TRUE(AddAll(w.get(), first).ok());
  ASSERT_TRUE(w->Commit().ok());
  ASSERT_TRUE(AddAll(w.get(), second).ok());
  ASSERT_TRUE(w->Commit().ok());
  w.reset();
  ASSERT_TRUE(IndexWriter::Open(cold.path(), opt, &w).ok());
  ASSERT_TRUE(AddAll(w.get(), second).ok());
  ASSERT_TRUE(w->Commit().ok());
  const std::vector<std::string> a = SegmentBytes(warm.path()), b = SegmentBytes(cold.path());
  ASSERT_EQ(a.size(), 2u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_TRUE(a[1] == b[0]);
  auto r = OpenReader(warm.path());
  EXPECT_GE(IdSet(*r, "luchtaanval").size(), 100u);  // Dutch stemming, both segments
}

// Each segment an ingest flushes is offered the previous one's store
// dictionary, so the segments share one; a merge that copies their store
// blocks keeps it once, and every document reads back.
TEST(IndexTest, SegmentsOfOneIngestShareTheirStoreDictionary) {
  if (kSanitized) GTEST_SKIP() << "several MiB of records per segment: slow under sanitizers";
  TempDir dir;
  IndexOptions opt;
  opt.memory_budget_mb = 16;
  opt.threads = 2;
  std::mt19937 rng(91);
  // Articles drawn from a pool of sentences far larger than a store block:
  // what repeats between blocks, a dictionary learns.
  std::vector<std::string> pool;
  for (int i = 0; i < 3000; ++i) {
    std::string sentence = "Coastal Wire";
    for (int k = 0; k < 12; ++k) sentence += " " + SynthWord(rng);
    pool.push_back(sentence + ". ");
  }
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir.path(), opt, &w).ok());
  const int n = 6000;
  for (int i = 0; i < n; ++i) {
    std::string text;
    for (int k = 0; k < 30; ++k) text += pool[rng() % pool.size()];
    Document d =
        MakeDoc("w-" + std::to_string(i), "2019-01-01", "Wire " + std::to_string(i), text, "en");
    d.date.month = static_cast<uint8_t>(1 + i % 12);
    bool replaced;
    ASSERT_TRUE(w->Add(std::move(d), &replaced).ok());
  }
  ASSERT_TRUE(w->Commit().ok());
  auto before = OpenReader(dir.path());
  ASSERT_TRUE(before);
  ASSERT_GE(before->segments().size(), 2u);
  std::string_view shared;
  size_t with_dict = 0;  // a last, small segment (under 1 MiB of records) has none
  for (const SegmentView& seg : before->segments()) {
    std::string_view dict;
    ASSERT_TRUE(seg.reader->StoreDictBytes(&dict).ok());
    if (dict.empty()) continue;
    ++with_dict;
    if (shared.empty()) shared = dict;
    EXPECT_TRUE(dict == shared) << "segment dictionaries differ";
  }
  EXPECT_GE(with_dict, 2u);
  ASSERT_TRUE(w->Optimize().ok());
  auto after = OpenReader(dir.path());
  ASSERT_EQ(after->segments().size(), 1u);
  const index::SegmentReader& r = *after->segments()[0].reader;
  EXPECT_EQ(r.store_dict_count(), 1u);
  Document doc;
  for (uint32_t d = 0; d < r.doc_count(); d += 97) {
    ASSERT_TRUE(r.GetDocument(d, &doc).ok());
    EXPECT_NE(doc.text.find("Coastal Wire"), std::string::npos);
  }
  EXPECT_TRUE(r.CheckDeep().ok());
}

}  // namespace
}  // namespace dateline
