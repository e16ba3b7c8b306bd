// Stem terms that share a word term's posting list (doc/index-format.md,
// "Terms"): a flush and a merge store one list when a stem's documents and
// frequencies are exactly those of one word, whether the stem is spelled like
// the word ("\x02tripoli" of "tripoli") or not ("\x02report" of "reported"
// alone), and never when a second word, or the same word in a language that
// stems it otherwise, reaches the stem.
#include <memory>
#include <string>
#include <vector>

#include "dateline/document.h"
#include "gtest/gtest.h"
#include "index/inverter.h"
#include "index/merge.h"
#include "index/postings.h"
#include "index/segment.h"
#include "segment_file_util.h"
#include "test_util.h"

namespace dateline::index {
namespace {

using testutil::TempDir;

Document Doc(const std::string& id, const std::string& lang, int day, const std::string& text) {
  Document d;
  d.id = id;
  d.lang = lang;
  d.date.year = 2019;
  d.date.month = 4;
  d.date.day = static_cast<uint8_t>(day);
  d.date.precision = Date::Precision::kDay;
  d.title = "Wire " + id;
  d.text = text;
  return d;
}

std::unique_ptr<SegmentReader> Build(std::vector<Document> docs, const std::string& path) {
  EXPECT_TRUE(BuildSegment(&docs, 2, /*annotate=*/false, path).ok());
  std::unique_ptr<SegmentReader> r;
  EXPECT_TRUE(SegmentReader::Open(path, &r).ok()) << path;
  return r;
}

std::unique_ptr<SegmentReader> Merge(const std::vector<std::string>& paths,
                                     const std::string& out) {
  std::vector<SegmentView> inputs = testutil::OpenInputs(paths);
  uint32_t n = 0;
  EXPECT_TRUE(MergeSegments(inputs, out, &n).ok());
  std::unique_ptr<SegmentReader> r;
  EXPECT_TRUE(SegmentReader::Open(out, &r).ok()) << out;
  EXPECT_TRUE(r->CheckDeep().ok()) << out;
  return r;
}

// The documents (as ids) and frequencies of `term`'s list.
std::vector<std::pair<std::string, uint32_t>> List(const SegmentReader& r,
                                                   const std::string& term) {
  std::vector<std::pair<std::string, uint32_t>> out;
  TermInfo info;
  if (!r.Find(term, &info)) return out;
  PostingsCursor c;
  r.OpenCursor(info, &c);
  for (uint32_t d = c.doc(); d != kNoDoc; d = c.Next()) out.emplace_back(r.IdOf(d), c.freq());
  EXPECT_FALSE(c.corrupt()) << term;
  return out;
}

// True when stem term `stem` points at the posting list of word `word`.
bool Shares(const SegmentReader& r, const std::string& stem, const std::string& word) {
  TermInfo s, w;
  EXPECT_TRUE(r.Find(stem, &s)) << stem;
  EXPECT_TRUE(r.Find(word, &w)) << word;
  EXPECT_FALSE(s.positional);
  return s.postings == w.postings && s.df == w.df;
}

class StemAliasTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StemCache stems;
    report_ = StemTerm(stems.Stem("en", "reported"));
    ASSERT_EQ(report_, StemTerm(stems.Stem("en", "reports")));
    ASSERT_NE(report_, StemTerm("reported")) << "the stem must be spelled unlike the word";
    // Swahili has no stemmer: its words are their own stems.
    ASSERT_EQ(StemKey("sw"), "*");
  }
  std::string report_;
  TempDir dir_;
};

TEST_F(StemAliasTest, AFlushSharesTheListOfAStemsOnlyWord) {
  auto r = Build({Doc("a", "en", 1, "Haftar reported gains near Tripoli."),
                  Doc("b", "en", 2, "Tripoli reported reported calm.")},
                 dir_.File("a.dls"));
  EXPECT_TRUE(Shares(*r, report_, "reported"));
  EXPECT_TRUE(Shares(*r, StemTerm("tripoli"), "tripoli"));
  const auto want = std::vector<std::pair<std::string, uint32_t>>{{"a", 1}, {"b", 2}};
  EXPECT_EQ(List(*r, report_), want);
  EXPECT_TRUE(r->CheckDeep().ok());
}

TEST_F(StemAliasTest, TwoWordsOfOneStemKeepTheirOwnList) {
  auto r = Build({Doc("a", "en", 1, "The ministry reported gains."),
                  Doc("b", "en", 2, "Reports of gains; it reported more.")},
                 dir_.File("a.dls"));
  EXPECT_FALSE(Shares(*r, report_, "reported"));
  EXPECT_FALSE(Shares(*r, report_, "reports"));
  const auto want = std::vector<std::pair<std::string, uint32_t>>{{"a", 1}, {"b", 2}};
  EXPECT_EQ(List(*r, report_), want);
}

TEST_F(StemAliasTest, AWordStemmedTwoWaysSharesNoList) {
  auto r = Build({Doc("a", "en", 1, "The ministry reported gains."),
                  Doc("b", "sw", 2, "Habari reported jana.")},
                 dir_.File("a.dls"));
  EXPECT_FALSE(Shares(*r, report_, "reported"));
  EXPECT_FALSE(Shares(*r, StemTerm("reported"), "reported"));
  EXPECT_EQ(List(*r, report_), (std::vector<std::pair<std::string, uint32_t>>{{"a", 1}}));
  EXPECT_EQ(List(*r, StemTerm("reported")),
            (std::vector<std::pair<std::string, uint32_t>>{{"b", 1}}));
  EXPECT_TRUE(r->CheckDeep().ok());
}

// A merge keeps the sharing only when every input holding the stem or the
// word shares it the same way.
TEST_F(StemAliasTest, AMergeSharesOnlyWhatEveryInputShares) {
  const std::string a = dir_.File("a.dls"), b = dir_.File("b.dls"), c = dir_.File("c.dls"),
                    d = dir_.File("d.dls");
  Build({Doc("a1", "en", 1, "Haftar reported gains.")}, a);
  Build({Doc("b1", "en", 2, "Tripoli reported reported calm.")}, b);
  Build({Doc("c1", "en", 3, "Reports of calm in Misrata.")}, c);
  Build({Doc("d1", "sw", 4, "Habari reported jana.")}, d);
  using List_ = std::vector<std::pair<std::string, uint32_t>>;
  {
    auto m = Merge({a, b}, dir_.File("ab.dls"));
    EXPECT_TRUE(Shares(*m, report_, "reported"));
    EXPECT_EQ(List(*m, report_), (List_{{"a1", 1}, {"b1", 2}}));
  }
  {  // a second word of the stem in another input
    auto m = Merge({a, c}, dir_.File("ac.dls"));
    EXPECT_FALSE(Shares(*m, report_, "reported"));
    EXPECT_EQ(List(*m, report_), (List_{{"a1", 1}, {"c1", 1}}));
    EXPECT_EQ(List(*m, "reported"), (List_{{"a1", 1}}));
  }
  {  // the word in an input that stems it otherwise
    auto m = Merge({a, d}, dir_.File("ad.dls"));
    EXPECT_FALSE(Shares(*m, report_, "reported"));
    EXPECT_EQ(List(*m, report_), (List_{{"a1", 1}}));
    EXPECT_EQ(List(*m, "reported"), (List_{{"a1", 1}, {"d1", 1}}));
    EXPECT_EQ(List(*m, StemTerm("reported")), (List_{{"d1", 1}}));
  }
  {  // the merged segment merged again
    auto m = Merge({dir_.File("ab.dls"), c}, dir_.File("abc.dls"));
    EXPECT_FALSE(Shares(*m, report_, "reported"));
    EXPECT_EQ(List(*m, report_), (List_{{"a1", 1}, {"b1", 2}, {"c1", 1}}));
  }
}

// The writer resolves aliases whatever the order of their words: here each
// stem's word sorts on the other side of the other stem's.
TEST(StemAliasWriterTest, AliasesWhoseWordsSortUnlikeTheirStems) {
  TempDir dir;
  for (const size_t spill : {size_t{512}, kSegmentSpillBytes}) {
    const std::string path = dir.File("w" + std::to_string(spill) + ".dls");
    SegmentWriter w(path, spill);
    const uint8_t langs[] = {0, 0, 0};
    w.AddAlias(std::string("\x02") + "aaa", "zzz");
    w.AddAlias(std::string("\x02") + "mmm", "nothere");  // no such word: dropped
    w.AddAlias(std::string("\x02") + "zzz", "aaa");
    const uint32_t docs_a[] = {0, 1}, freqs_a[] = {1, 2}, pos_a[] = {3, 1, 4};
    const uint32_t docs_z[] = {2}, freqs_z[] = {1}, pos_z[] = {5};
    w.AddTerm("aaa", docs_a, freqs_a, 2, pos_a, langs);
    w.AddTerm("zzz", docs_z, freqs_z, 1, pos_z, langs);
    for (int i = 0; i < 3; ++i) {
      DocColumns cols{};
      cols.first_day = cols.last_day = 17000 + i;
      cols.length = 9;
      cols.precision = 3;
      w.AddDocument(Doc("d" + std::to_string(i), "en", 1 + i, "aaa zzz"), cols);
    }
    ASSERT_TRUE(w.Finish({"en"}).ok());
    std::unique_ptr<SegmentReader> r;
    ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
    EXPECT_TRUE(r->CheckDeep().ok());
    EXPECT_TRUE(Shares(*r, std::string("\x02") + "aaa", "zzz"));
    EXPECT_TRUE(Shares(*r, std::string("\x02") + "zzz", "aaa"));
    TermInfo none;
    EXPECT_FALSE(r->Find(std::string("\x02") + "mmm", &none));
  }
}

}  // namespace
}  // namespace dateline::index
