// Copy (near-duplicate) detection: shingles, links at ingest, groups, collapsing,
// `show`, and bad input. The articles are written for this test.
#include "index/copies.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_util.h"
#include "dateline/index.h"
#include "dateline/search.h"
#include "gtest/gtest.h"
#include "index/inverter.h"
#include "index/segment.h"
#include "test_util.h"

namespace dateline {
namespace {

using testutil::MakeDoc;

// Four paragraphs about a flood in an invented town.
const std::vector<std::string> kFlood = {
    "Heavy rain overnight sent the river Lune over its banks in the market town of Ashby Vale, "
    "flooding more than two hundred homes and closing the main bridge. Fire crews used boats to "
    "reach families on the lower streets before dawn.",
    "The county council opened the sports hall on Mill Lane as a rest centre and said about "
    "ninety people had spent the night there. Volunteers from the rowing club brought blankets, "
    "tea and dry clothes for children.",
    "Forecasters expect the water to peak on Thursday afternoon, when a second band of rain "
    "reaches the hills above the valley. The agency has issued a severe warning for the stretch "
    "between the weir and the old railway viaduct.",
    "Shop owners on Bridge Street said the damage would run into thousands of pounds for each "
    "business. The mayor promised an emergency fund and asked residents to avoid driving "
    "through standing water while the roads are checked.",
};

// The same event in another reporter's words.
const std::vector<std::string> kFloodOther = {
    "Residents of Ashby Vale were counting the cost on Wednesday after the swollen Lune burst "
    "through sandbag walls during the night. Officials put the number of flooded properties at "
    "just over two hundred.",
    "Boat teams worked through the early hours to bring elderly people out of houses near the "
    "quay, while the sports hall became a shelter where dozens slept on camp beds.",
    "Meteorologists warned that more rain is on the way and that river levels could rise again "
    "later in the week, with the stretch near the viaduct most at risk.",
    "Traders along the high street described ruined stock and soaked floors, and the town's "
    "mayor said the council would set up a fund to help them reopen quickly.",
};

// An unrelated story.
const std::vector<std::string> kBudget = {
    "The city council of Port Keller approved a budget of four hundred million crowns on "
    "Monday after a debate that lasted until midnight. The plan raises spending on buses and "
    "school repairs while freezing the salaries of senior officials.",
    "Opposition members called the transport figures optimistic and warned that fares would "
    "have to rise within two years. The finance chair replied that ridership had grown for six "
    "months in a row and that new routes would pay for themselves.",
    "A last amendment moved money from a planned conference centre to the repair of three "
    "primary schools whose roofs leak every winter. It passed by a single vote.",
};

std::string Join(const std::vector<std::string>& paras) {
  std::string s;
  for (const auto& p : paras) s += (s.empty() ? "" : "\n\n") + p;
  return s;
}

Document Article(std::string id, std::string_view date, std::string title, std::string text,
                 std::string source) {
  Document d = MakeDoc(std::move(id), date, std::move(title), std::move(text), "en");
  d.source = std::move(source);
  return d;
}

// The altered copies of kFlood, each by one kind of edit.
std::vector<Document> AlteredCopies() {
  std::vector<std::string> reordered = {kFlood[2], kFlood[0], kFlood[3], kFlood[1]};
  std::vector<std::string> edited = kFlood;
  edited[1] =
      "The council opened a sports hall on Mill Lane as a shelter, saying roughly ninety people "
      "stayed overnight. Volunteers from the local rowing club brought blankets, tea and dry "
      "clothes for children.";
  return {
      Article("headline", "2024-03-06", "Town under water as Lune bursts banks", Join(kFlood),
              "Valley Post"),
      Article("byline", "2024-03-06", "Floods in Ashby Vale",
              "By Maria Kent, county reporter\n\n" + Join(kFlood) +
                  "\n\nAll rights reserved by the Valley Post group.",
              "Evening Star"),
      Article("cut", "2024-03-07", "Floods", Join({kFlood[0], kFlood[1], kFlood[3]}),
              "Northern Wire"),
      Article("reordered", "2024-03-07", "River floods town", Join(reordered), "Dale Times"),
      Article("edited", "2024-03-07", "River Lune floods homes", Join(edited), "Lune Herald"),
  };
}

class CopiesTest : public ::testing::Test {
 protected:
  void Ingest(std::vector<Document> docs, IndexOptions opt = {}) {
    opt.annotate = false;
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(dir_.path(), opt, &w).ok());
    for (auto& d : docs) {
      bool replaced;
      ASSERT_TRUE(w->Add(std::move(d), &replaced).ok());
    }
    ASSERT_TRUE(w->Commit().ok());
  }
  void Delete(const std::string& id) {
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(dir_.path(), IndexOptions(), &w).ok());
    bool found;
    ASSERT_TRUE(w->Delete(id, &found).ok());
    ASSERT_TRUE(found);
    ASSERT_TRUE(w->Commit().ok());
  }
  std::vector<std::string> Group(const std::string& id) {
    std::unique_ptr<IndexReader> r;
    EXPECT_TRUE(IndexReader::Open(dir_.path(), &r).ok());
    std::vector<std::string> m;
    EXPECT_TRUE(r->CopyGroup(id, &m).ok()) << id;
    return m;
  }
  void ExpectSound() {
    std::unique_ptr<IndexReader> r;
    ASSERT_TRUE(IndexReader::Open(dir_.path(), &r).ok());
    EXPECT_TRUE(r->Check().ok()) << r->Check().ToString();
  }
  testutil::TempDir dir_;
};

TEST(ShinglesTest, CopiesOverlapAndOtherTextsDoNot) {
  index::Shingles a, b, c, d;
  index::TextShingles(Join(kFlood), &a);
  index::TextShingles(Join({kFlood[3], kFlood[1], kFlood[0]}), &b);
  index::TextShingles(Join(kFloodOther), &c);
  index::TextShingles(Join(kBudget), &d);
  EXPECT_GE(a.sampled, index::kMinFeatures);
  EXPECT_LE(a.features.size(), index::kIndexFeatures);
  EXPECT_TRUE(std::is_sorted(a.set.begin(), a.set.end()));
  EXPECT_TRUE(index::IsCopy(a, b));
  EXPECT_GT(index::Containment(a, b), 0.9);
  EXPECT_FALSE(index::IsCopy(a, c));
  EXPECT_FALSE(index::IsCopy(a, d));
  EXPECT_LT(index::Containment(a, c), 0.1);
}

// The word hash as first defined (byte at a time). Features are stored in
// indexes, so any faster implementation must give exactly these values.
uint64_t ReferenceMix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

uint64_t ReferenceWordHash(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w = 0;
    for (size_t b = 0; b < 8; ++b) w |= uint64_t{static_cast<unsigned char>(s[i + b])} << (8 * b);
    h = (h ^ w) * 0x9e3779b97f4a7c15ull;
    h ^= h >> 29;
  }
  uint64_t w = 0;
  for (size_t b = 0; i + b < s.size(); ++b) {
    w |= uint64_t{static_cast<unsigned char>(s[i + b])} << (8 * b);
  }
  return ReferenceMix((h ^ w ^ (uint64_t{s.size()} << 56)) * 0x9e3779b97f4a7c15ull);
}

// A segment's kept shingle sets are stored as the documents' hashes came
// (unsorted, with repeats) and sorted the first time one is verified against.
TEST(ShinglesTest, KeptSetsAreSortedOnFirstUse) {
  index::SegmentShingles s;
  s.pools = {{9, 3, 3, 7, 1}, {5, 5, 2}};
  s.docs = {{0, 3, 0, 4, false}, {0, 2, 3, 4, false}, {1, 3, 0, 4, false}};
  auto set = [&s](uint32_t d) {
    const std::span<const uint32_t> got = s.Set(d);
    return std::vector<uint32_t>(got.begin(), got.end());
  };
  EXPECT_EQ(set(0), (std::vector<uint32_t>{3, 9}));
  EXPECT_EQ(set(1), (std::vector<uint32_t>{1, 7}));  // its neighbour's sorting left it alone
  EXPECT_EQ(set(2), (std::vector<uint32_t>{2, 5}));
  EXPECT_EQ(set(0), (std::vector<uint32_t>{3, 9}));  // sorted once, kept sorted
  EXPECT_TRUE(s.docs[0].sorted);
  EXPECT_EQ(s.docs[0].size, 2u);
}

TEST(ShinglesTest, WordHashKeepsItsDefinition) {
  std::string word;
  for (int len = 0; len <= 40; ++len) {
    EXPECT_EQ(index::WordHash(word), ReferenceWordHash(word)) << len;
    word.push_back(static_cast<char>(len % 3 == 0 ? 0xC3 : 'a' + len % 26));
  }
  // Fixed values (computed independently of this code), so that the
  // reference cannot drift with it either.
  EXPECT_EQ(index::WordHash(""), 0x292f3a1075f4cce4ull);
  EXPECT_EQ(index::WordHash("flood"), 0x5e871f582c711d67ull);
  EXPECT_EQ(index::WordHash("libie vale river"), 0xa41e0a6aa4d6812cull);
}

TEST(ShinglesTest, ShinglesAndFeaturesKeepTheirDefinition) {
  std::vector<text::Token> tokens;
  text::Tokenize(Join(kFlood), &tokens);
  index::Shingles got;
  index::MakeShingles(tokens, &got);
  // Each shingle: the five word hashes folded in order, then mixed.
  std::vector<uint64_t> words;
  uint32_t prev = ~0u;
  for (const text::Token& t : tokens) {
    if (t.position != prev) words.push_back(ReferenceWordHash(t.term));
    prev = t.position;
  }
  std::vector<uint32_t> set;
  std::vector<uint64_t> sampled;
  for (size_t i = 0; i + index::kShingleWords <= words.size(); ++i) {
    uint64_t h = 0x9e3779b97f4a7c15ull;
    for (size_t j = i; j < i + index::kShingleWords; ++j)
      h = (h ^ words[j]) * 0x9e3779b97f4a7c15ull;
    h = ReferenceMix(h);
    set.push_back(static_cast<uint32_t>(h >> 32));
    if (h % index::kFeatureSampling == 0) sampled.push_back(h);
  }
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  std::sort(sampled.begin(), sampled.end());
  sampled.erase(std::unique(sampled.begin(), sampled.end()), sampled.end());
  EXPECT_EQ(got.set, set);
  EXPECT_EQ(got.sampled, sampled.size());
  sampled.resize(std::min(sampled.size(), index::kIndexFeatures));
  EXPECT_EQ(got.features, sampled);
  EXPECT_GE(got.sampled, index::kMinFeatures);
}

TEST(ShinglesTest, IsCopyDecidesExactlyAtHalfTheLargerSet) {
  // a = {0, 2, 4, ...}: b shares `common` of them and adds odd numbers.
  for (size_t na : {10u, 64u, 301u, 1000u}) {
    for (size_t nb : {na / 2, na - 1, na, na + 7, na * 2}) {
      for (size_t common = 0; common <= std::min(na, nb); ++common) {
        std::vector<uint32_t> a, b;
        for (uint32_t i = 0; i < na; ++i) a.push_back(2 * i);
        // Spread the shared elements over a, the others after it or between.
        for (size_t i = 0; i < common; ++i) b.push_back(a[i * na / std::max<size_t>(common, 1)]);
        for (uint32_t i = 0; b.size() < nb; ++i) b.push_back(2 * i + 1);
        std::sort(b.begin(), b.end());
        const bool want = 2 * common >= std::max(na, nb);
        ASSERT_EQ(index::IsCopy(a, 5, b, 5), want) << na << " " << nb << " " << common;
        ASSERT_EQ(index::IsCopy(b, 5, a, 5), want) << na << " " << nb << " " << common;
      }
    }
  }
}

TEST(ShinglesTest, ShortAndEmptyTextsHaveNoFeatures) {
  index::Shingles s;
  index::TextShingles("", &s);
  EXPECT_TRUE(s.set.empty());
  EXPECT_EQ(s.sampled, 0u);
  index::TextShingles("Flood.", &s);
  EXPECT_TRUE(s.set.empty());
  EXPECT_FALSE(index::IsCopy(s, s));
}

TEST_F(CopiesTest, AlteredCopiesJoinTheOriginalsGroup) {
  std::vector<Document> docs = AlteredCopies();
  docs.push_back(Article("original", "2024-03-05", "Flood in Ashby Vale", Join(kFlood), "Wire"));
  docs.push_back(
      Article("other", "2024-03-05", "Ashby Vale counts the cost", Join(kFloodOther), "Courier"));
  docs.push_back(Article("budget", "2024-03-05", "Budget passed", Join(kBudget), "Keller News"));
  Ingest(std::move(docs));
  const std::vector<std::string> g = Group("edited");
  ASSERT_EQ(g.size(), 6u);
  EXPECT_EQ(g[0], "original");  // the earliest
  for (const char* id : {"headline", "byline", "cut", "reordered", "edited"}) {
    EXPECT_NE(std::find(g.begin(), g.end(), id), g.end()) << id;
  }
  EXPECT_EQ(Group("other"), std::vector<std::string>{"other"});  // same event, own words
  EXPECT_EQ(Group("budget"), std::vector<std::string>{"budget"});
  ExpectSound();
}

// A batch of more than a thousand documents reads the indexed segments'
// feature buckets in one walk of each dictionary instead of looking each
// feature up: the same copies must be found either way.
TEST_F(CopiesTest, LargeBatchesFindCopiesInIndexedSegments) {
  Ingest({Article("original", "2024-03-05", "Flood", Join(kFlood), "Wire"),
          Article("budget", "2024-03-05", "Budget", Join(kBudget), "Wire")});
  Ingest({Article("older", "2024-03-01", "Flood", Join(kFlood), "Wire")});  // a second segment
  std::vector<Document> batch = AlteredCopies();
  uint32_t seed = 12345;
  for (int i = 0; i < 1100; ++i) {
    // Forty words drawn from a thousand: no two fillers share a run of five.
    std::string text;
    for (int w = 0; w < 40; ++w) {
      seed = seed * 1103515245u + 12345u;
      text += "word" + std::to_string(seed >> 16 & 1023) + " ";
    }
    batch.push_back(Article("filler-" + std::to_string(i), "2024-03-08", "", text, "Filler"));
  }
  batch.push_back(Article("budget-copy", "2024-03-09", "Budget passed", Join(kBudget), "B"));
  Ingest(std::move(batch));
  EXPECT_EQ(Group("headline"), (std::vector<std::string>{"older", "original", "byline", "headline",
                                                         "cut", "edited", "reordered"}));
  EXPECT_EQ(Group("budget-copy"), (std::vector<std::string>{"budget", "budget-copy"}));
  EXPECT_EQ(Group("filler-7"), (std::vector<std::string>{"filler-7"}));
  ExpectSound();
}

// Indexed candidates are verified once the batch is analysed, grouped by
// indexed document: an article that many new documents copy is read from the
// store and tokenized once for all of them, whichever thread added them.
TEST_F(CopiesTest, AnIndexedArticleIsReadOnceForAllItsCopiesInABatch) {
  Ingest({Article("original", "2024-03-05", "Flood", Join(kFlood), "Wire"),
          Article("budget", "2024-03-05", "Budget", Join(kBudget), "Wire")});
  std::string seg;
  for (const auto& e : std::filesystem::directory_iterator(dir_.path())) {
    if (e.path().extension() == ".dls") seg = e.path().string();
  }
  std::unique_ptr<index::SegmentReader> r;
  ASSERT_TRUE(index::SegmentReader::Open(seg, &r).ok());
  const std::vector<uint64_t> deleted(1, 0);
  constexpr uint32_t kCopies = 6;
  constexpr unsigned kThreads = 2;
  index::CopyFinder finder({{r.get(), &deleted, nullptr}}, kCopies, kThreads);
  std::vector<index::Inverter> inv(kThreads);
  for (uint32_t k = 0; k < kCopies; ++k) {
    const unsigned t = k * kThreads / kCopies;  // each thread adds its documents in order
    const Document d = Article("copy-" + std::to_string(k), "2024-03-06", "Flood",
                               Join(kFlood) + "\n\nCopy " + std::to_string(k), "Wire");
    const index::DocColumns cols = inv[t].Add(d, k);
    finder.AddDocument(t, k, d, cols, inv[t].last_text_tokens());
  }
  index::Inverter links;
  finder.Link(&links);
  EXPECT_EQ(finder.stats().indexed_checked, kCopies);
  EXPECT_EQ(finder.stats().indexed_cached, kCopies - 1);  // one read of "original"
  EXPECT_EQ(finder.stats().linked, kCopies);
}

TEST_F(CopiesTest, CopiesAreFoundAcrossIngestsAndAnEarlierCopyBecomesTheRoot) {
  Ingest({Article("original", "2024-03-05", "Flood", Join(kFlood), "Wire")});
  Ingest({Article("later", "2024-03-09", "Flood", Join({kFlood[1], kFlood[0], kFlood[2]}), "B")});
  EXPECT_EQ(Group("later"), (std::vector<std::string>{"original", "later"}));
  Ingest({Article("earlier", "2024-03-04", "Flood", Join(kFlood) + "\n\nBy a staff writer.", "C")});
  EXPECT_EQ(Group("original"), (std::vector<std::string>{"earlier", "original", "later"}));
  ExpectSound();
}

// One writer, several commits: candidates in the segments it wrote are
// verified on the shingle sets it kept, with the same result as from the store.
TEST_F(CopiesTest, CopiesAreFoundAcrossCommitsOfOneWriter) {
  IndexOptions opt;
  opt.annotate = false;
  std::unique_ptr<IndexWriter> w;
  ASSERT_TRUE(IndexWriter::Open(dir_.path(), opt, &w).ok());
  auto add = [&w](Document d) {
    bool replaced;
    ASSERT_TRUE(w->Add(std::move(d), &replaced).ok());
    ASSERT_TRUE(w->Commit().ok());
  };
  add(Article("original", "2024-03-05", "Flood", Join(kFlood), "Wire"));
  add(Article("budget", "2024-03-05", "Budget passed", Join(kBudget), "Keller News"));
  add(Article("later", "2024-03-09", "Flood", Join({kFlood[1], kFlood[0], kFlood[2]}), "B"));
  add(Article("other", "2024-03-09", "Ashby Vale", Join(kFloodOther), "Courier"));
  add(Article("earlier", "2024-03-04", "Flood", Join(kFlood) + "\n\nBy a staff writer.", "C"));
  w.reset();
  EXPECT_EQ(Group("original"), (std::vector<std::string>{"earlier", "original", "later"}));
  EXPECT_EQ(Group("other"), std::vector<std::string>{"other"});
  EXPECT_EQ(Group("budget"), std::vector<std::string>{"budget"});
  ExpectSound();
}

TEST_F(CopiesTest, DeletingOrReplacingTheRootKeepsTheOtherCopiesTogether) {
  Ingest({Article("a", "2024-03-05", "Flood", Join(kFlood), "Wire")});
  Ingest({Article("b", "2024-03-06", "Flood", Join(kFlood), "B"),
          Article("c", "2024-03-07", "Flood", Join({kFlood[0], kFlood[1], kFlood[2]}), "C")});
  EXPECT_EQ(Group("c").size(), 3u);
  Delete("a");
  EXPECT_EQ(Group("b"), (std::vector<std::string>{"b", "c"}));
  // A new version of b with another text: c's link to b no longer holds.
  Ingest({Article("b", "2024-03-06", "Budget", Join(kBudget), "B")});
  EXPECT_EQ(Group("c"), std::vector<std::string>{"c"});
  EXPECT_EQ(Group("b"), std::vector<std::string>{"b"});
  ExpectSound();
}

TEST_F(CopiesTest, LinksSurviveMerges) {
  for (int i = 0; i < 12; ++i) {  // more than 10 segments: the writer merges
    Ingest({Article("copy" + std::to_string(i), "2024-03-0" + std::to_string(1 + i % 9), "Flood",
                    Join({kFlood[i % 4], kFlood[(i + 1) % 4], kFlood[(i + 2) % 4]}), "S")});
  }
  std::unique_ptr<IndexReader> r;
  ASSERT_TRUE(IndexReader::Open(dir_.path(), &r).ok());
  EXPECT_LE(r->segments().size(), 10u);
  EXPECT_EQ(Group("copy5").size(), 12u);
  ExpectSound();
}

TEST_F(CopiesTest, NoCopiesOptionLinksNothing) {
  IndexOptions opt;
  opt.find_copies = false;
  Ingest({Article("a", "2024-03-05", "Flood", Join(kFlood), "A"),
          Article("b", "2024-03-06", "Flood", Join(kFlood), "B")},
         opt);
  EXPECT_EQ(Group("b"), std::vector<std::string>{"b"});
}

TEST_F(CopiesTest, CollapseGivesOneHitPerGroupWithCountAndSources) {
  std::vector<Document> docs = AlteredCopies();
  docs.push_back(Article("original", "2024-03-05", "Flood in Ashby Vale", Join(kFlood), "Wire"));
  docs.push_back(
      Article("other", "2024-03-05", "Ashby Vale counts the cost", Join(kFloodOther), "Courier"));
  Ingest(std::move(docs));
  std::unique_ptr<IndexReader> r;
  ASSERT_TRUE(IndexReader::Open(dir_.path(), &r).ok());
  search::SearchOptions o;
  search::Results plain, collapsed;
  ASSERT_TRUE(search::Search(*r, "viaduct", o, &plain).ok());
  EXPECT_EQ(plain.total, 6u);  // "cut" dropped the paragraph with the word
  o.collapse_copies = true;
  ASSERT_TRUE(search::Search(*r, "viaduct", o, &collapsed).ok());
  EXPECT_EQ(collapsed.total, 2u);
  ASSERT_EQ(collapsed.hits.size(), 2u);
  for (const search::Hit& h : collapsed.hits) {
    if (h.id == "other") {
      EXPECT_EQ(h.copies, 1u);
      EXPECT_EQ(h.copy_of, "other");
      EXPECT_EQ(h.copy_sources, std::vector<std::string>{"Courier"});
      continue;
    }
    EXPECT_EQ(h.copies, 6u);  // the whole group, "cut" included
    EXPECT_EQ(h.copy_of, "original");
    EXPECT_EQ(h.copy_sources.size(), 6u);
    EXPECT_EQ(h.copy_sources[0], "Wire");
  }
  o.limit = 0;  // counting only
  ASSERT_TRUE(search::Search(*r, "viaduct", o, &collapsed).ok());
  EXPECT_EQ(collapsed.total, 2u);
}

TEST_F(CopiesTest, BadInputNeverCrashes) {
  std::string huge;
  for (int i = 0; huge.size() < (testutil::kSanitized ? 300000u : 3000000u); ++i) {
    huge += kFlood[i % 4] + " " + std::to_string(i) + "\n";
  }
  std::string invalid = Join(kFlood);
  invalid[40] = static_cast<char>(0xff);
  invalid[41] = static_cast<char>(0xc3);
  std::vector<Document> docs = {
      Article("empty", "2024-03-05", "", "", "A"),
      Article("empty2", "2024-03-05", "", "", "B"),
      Article("word", "2024-03-05", "Flood", "Flood", "C"),
      Article("word2", "2024-03-05", "Flood", "Flood", "D"),
      Article("huge", "2024-03-05", "Flood", huge, "E"),
      Article("huge2", "2024-03-06", "Flood", huge, "F"),
      Article("invalid", "2024-03-05", "Flood", invalid, "G"),
      Article("valid", "2024-03-06", "Flood", Join(kFlood), "H"),
  };
  Ingest(docs);
  Ingest(docs);  // again: every one replaces itself and meets its old version
  EXPECT_EQ(Group("empty"), std::vector<std::string>{"empty"});  // too short to tell
  EXPECT_EQ(Group("word2"), std::vector<std::string>{"word2"});
  EXPECT_EQ(Group("huge2").size(), 2u);
  EXPECT_EQ(Group("invalid").size(), 2u);
  ExpectSound();
}

// End to end through the command line.
namespace cli = testing::cli;

std::string JsonLine(const std::string& id, const std::string& date, const std::string& source,
                     const std::string& text) {
  std::string line = "{\"id\":\"" + id + "\",\"date\":\"" + date + "\",\"source\":\"" + source +
                     "\",\"lang\":\"en\",\"title\":\"Flood\",\"text\":\"";
  for (char c : text) line += c == '\n' ? std::string("\\n") : std::string(1, c);
  return line + "\"}\n";
}

TEST(CopiesCliTest, SearchCollapsesAndShowListsTheCopies) {
  cli::TempDir tmp;
  const std::string index = tmp / "ix";
  cli::WriteFile(tmp / "a.jsonl", JsonLine("w1", "2024-03-05", "Wire", Join(kFlood)) +
                                      JsonLine("p1", "2024-03-06", "Post", Join(kFlood)) +
                                      JsonLine("o1", "2024-03-05", "Courier", Join(kFloodOther)));
  cli::WriteFile(tmp / "b.jsonl",
                 JsonLine("s1", "2024-03-07", "Star", Join({kFlood[0], kFlood[2], kFlood[3]})));
  for (const char* f : {"a.jsonl", "b.jsonl"}) {
    auto r = cli::Dl({"ingest", "-q", "--no-extract", "--index", index, tmp / f});
    ASSERT_EQ(r.code, 0) << cli::Describe(r);
  }
  auto r = cli::Dl({"search", "--index", index, "--collapse", "copies", "--json", "viaduct"});
  ASSERT_EQ(r.code, 0) << cli::Describe(r);
  cli::Json j(r.out);
  ASSERT_TRUE(j.ok);
  EXPECT_EQ(cli::GetInt(j.root, "total"), 2);
  bool seen_group = false;
  for (auto h : j.root["hits"].get_array()) {
    if (cli::GetStr(h, "copy_of") != "w1") continue;
    seen_group = true;
    EXPECT_EQ(cli::GetInt(h, "copies"), 3);
    EXPECT_EQ(h["copy_sources"].get_array().size(), 3u);
  }
  EXPECT_TRUE(seen_group) << r.out;
  r = cli::Dl({"search", "--index", index, "--batch"}, "viaduct\t{\"collapse\":\"copies\"}\n");
  ASSERT_EQ(r.code, 0) << cli::Describe(r);
  EXPECT_NE(r.out.find("\"total\":2"), std::string::npos) << r.out;
  r = cli::Dl({"search", "--index", index, "--collapse", "stories", "viaduct"});
  EXPECT_EQ(r.code, 2) << cli::Describe(r);

  r = cli::Dl({"show", "--index", index, "--json", "s1"});
  ASSERT_EQ(r.code, 0) << cli::Describe(r);
  cli::Json s(r.out);
  ASSERT_TRUE(s.ok) << r.out;
  EXPECT_EQ(cli::GetStr(s.root, "copy_of"), "w1");
  ASSERT_EQ(s.root["copies"].get_array().size(), 2u);
  EXPECT_EQ(cli::GetStr(s.root["copies"].at(0), "id"), "w1");
  EXPECT_EQ(cli::GetStr(s.root["copies"].at(0), "source"), "Wire");
  EXPECT_EQ(cli::GetStr(s.root["copies"].at(0), "date"), "2024-03-05");
  r = cli::Dl({"show", "--index", index, "p1"});
  ASSERT_EQ(r.code, 0) << cli::Describe(r);
  EXPECT_NE(r.out.find("copy of:  w1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("s1  2024-03-07  Star"), std::string::npos) << r.out;
  r = cli::Dl({"check", "--index", index});
  EXPECT_EQ(r.code, 0) << cli::Describe(r);

  const std::string plain = tmp / "plain";
  r = cli::Dl({"ingest", "-q", "--no-extract", "--no-copies", "--index", plain, tmp / "a.jsonl"});
  ASSERT_EQ(r.code, 0) << cli::Describe(r);
  r = cli::Dl({"search", "--index", plain, "--collapse", "copies", "--json", "viaduct"});
  cli::Json p(r.out);
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(cli::GetInt(p.root, "total"), 3);
}

}  // namespace
}  // namespace dateline
