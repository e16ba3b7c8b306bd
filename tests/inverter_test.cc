// Stem postings derived from the word postings once a batch is inverted
// (Inverter::PrepareStems, DerivedStemPostings), checked against stems
// counted token by token, alone and through a segment built on several threads.
#include "index/inverter.h"

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "index/merge.h"
#include "index/postings.h"
#include "index/segment.h"
#include "test_util.h"

namespace dateline::index {
namespace {

using testutil::MakeDoc;
using testutil::TempDir;

// Document -> frequency.
using Postings = std::map<uint32_t, uint32_t>;
// Stem term -> document -> frequency, counted token by token.
using Counted = std::map<std::string, Postings>;

// Builds `docs` into a segment on `threads` threads, then hands each term of
// its dictionary, in the dictionary's order, to on_term(term, its postings).
template <typename Fn>
void ForEachSegmentTerm(const std::vector<Document>& docs, unsigned threads, Fn on_term) {
  TempDir dir;
  const std::string path = dir.path() + "/seg.dls";
  std::vector<Document> batch = docs;
  ASSERT_TRUE(BuildSegment(&batch, threads, /*annotate=*/false, path).ok());
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
  for (SegmentReader::DictCursor c(r.get()); c.valid(); c.Next()) {
    PostingsCursor p;
    r->OpenCursor(c.info(), &p);
    Postings list;
    for (uint32_t d = p.doc(); d != kNoDoc; d = p.Next()) list[d] = p.freq();
    ASSERT_FALSE(p.corrupt()) << c.term();
    on_term(std::string(c.term()), list);
  }
}

void CountStems(const Document& doc, uint32_t docnum, Counted* out) {
  std::vector<text::Token> tokens;
  const uint32_t end = text::Tokenize(doc.title, &tokens, 0);
  text::Tokenize(doc.text, &tokens, end + 1);
  const std::string_view key = StemKey(doc.lang);
  const auto stemmer = text::MakeStemmer(key == "*" ? std::string_view() : key);
  for (const text::Token& t : tokens) ++(*out)[StemTerm(stemmer->Stem(t.term))][docnum];
}

std::string Stem(std::string_view lang, const std::string& word) {
  return text::MakeStemmer(lang)->Stem(word);
}

TEST(InverterTest, DerivedStemsAreTheCountedStems) {
  // "huizen" is stemmed one way in English, another in Dutch: its stems take
  // its documents of their language only. "bank" and "banks" (English) share
  // a stem in one document: their frequencies add up.
  ASSERT_NE(Stem("en", "huizen"), Stem("nl", "huizen"));
  ASSERT_EQ(Stem("en", "banks"), Stem("en", "bank"));
  const std::vector<Document> docs = {
      MakeDoc("a", "2019-04-04", "Bank sells shares", "Banks selling shares; the bank sold.", "en"),
      MakeDoc("b", "2019-04-05", "Huizen", "De banken verkopen huizen en aandelen.", "nl"),
      MakeDoc("c", "2019-04-06", "", "huizen sells banks huizen", "en"),
      MakeDoc("d", "2019-04-07", "", "huizen huizen bank banken", "nl"),
      MakeDoc("e", "2019-04-08", "", "huizen xyzzy bank", "und"),
  };
  Inverter inv;
  Counted want;
  for (uint32_t d = 0; d < docs.size(); ++d) {
    inv.Add(docs[d], 10 + 3 * d);  // any ascending numbers, gaps too
    CountStems(docs[d], 10 + 3 * d, &want);
  }
  for (uint32_t id = 0; id < inv.term_count(); ++id) inv.postings(id).Close();
  inv.PrepareStems();
  Counted got;
  for (uint32_t id = 0; id < inv.term_count(); ++id) {
    const std::string& term = inv.term(id);
    ASSERT_EQ(inv.IsDerivedStem(id), term[0] == kStemPrefix) << term;
    if (!inv.IsDerivedStem(id)) continue;
    EXPECT_TRUE(inv.postings(id).data.empty()) << term;
    EXPECT_GE(inv.postings(id).docs, want[term].size()) << term;  // once per word
    std::vector<uint32_t> d, f;
    inv.DerivedStemPostings(id, &d, &f);
    ASSERT_EQ(d.size(), f.size());
    for (size_t i = 0; i < d.size(); ++i) {
      if (i > 0) {
        EXPECT_LT(d[i - 1], d[i]) << term;
      }
      got[term][d[i]] = f[i];
    }
  }
  EXPECT_EQ(got, want);
  // The checks above hold the cases they name.
  EXPECT_EQ(want[StemTerm(Stem("en", "huizen"))], (std::map<uint32_t, uint32_t>{{16, 2}, {22, 1}}));
  EXPECT_EQ(want[StemTerm(Stem("nl", "huizen"))], (std::map<uint32_t, uint32_t>{{13, 2}, {19, 2}}));
  EXPECT_EQ(want[StemTerm(Stem("en", "bank"))][10], 3u);
}

TEST(InverterTest, SegmentStemsAreTheCountedStemsOnEveryThreadCount) {
  // Words with inflections, in three languages and no language, over
  // documents analysed on several threads (each its inverter): every stem
  // term of the segment lists the documents and frequencies counted.
  const std::vector<std::string> words = {
      "bank",   "banks", "banking", "banken", "huizen",  "huis",   "sells",    "selling", "sold",
      "market", "markt", "markten", "walked", "walks",   "walker", "maison",   "maisons", "tripoli",
      "2019",   "libië", "libya",   "attack", "attacks", "aanval", "aanvallen"};
  const std::vector<std::string> langs = {"en", "nl", "fr", "und"};
  std::mt19937 rng(7);
  std::vector<Document> docs;
  Counted want;
  for (uint32_t d = 0; d < 400; ++d) {
    std::string text;
    const size_t n = 1 + rng() % 30;
    for (size_t k = 0; k < n; ++k) text += words[rng() % words.size()] + " ";
    // Distinct ascending dates: document numbers follow the input order.
    const Date date = Date::FromDays(Date::Parse("2018-01-01")->FirstDay() + d);
    docs.push_back(
        MakeDoc("id" + std::to_string(d), date.ToString(), "", text, langs[rng() % langs.size()]));
    Document resolved = docs.back();  // as the build will resolve it
    ResolveLanguage(&resolved);
    CountStems(resolved, d, &want);
  }
  for (unsigned threads : {1u, 2u, 3u}) {
    Counted got;
    ForEachSegmentTerm(docs, threads, [&](const std::string& term, const Postings& list) {
      if (term[0] == kStemPrefix) got[term] = list;
    });
    EXPECT_EQ(got, want) << threads << " threads";
  }
}

TEST(InverterTest, SegmentTermsSharingLongPrefixesAreSortedAndKeptApart) {
  // The build sorts and merges terms on their first sixteen bytes as two
  // numbers before their bytes: words that share 7, 8, 15, 16 or more bytes,
  // or are prefixes of one another (Latin and Arabic, whose letters take two
  // bytes each), must come out in byte order, each once, with its documents.
  const std::vector<std::string> words = {"internat",
                                          "interna",
                                          "internation",
                                          "international",
                                          "internationalise",
                                          "internationalised",
                                          "internationalisation",
                                          "internationalization",
                                          "internationalisations",
                                          "abcdefgh",
                                          "abcdefghi",
                                          "abcdefghijklmnop",
                                          "abcdefghijklmnopq",
                                          "abcdefghijklmnoq",
                                          "abcdefghaz",
                                          "abcdefghba",
                                          "abcdefghijklmnopaz",
                                          "abcdefghijklmnopba",
                                          "abcdefghijklmno",
                                          "المستشفيات",
                                          "المستشفى",
                                          "المستشار",
                                          "المستشارين",
                                          "والمستشفيات",
                                          "المست"};
  std::mt19937 rng(11);
  std::vector<Document> docs;
  Counted want;  // word -> document -> frequency
  for (uint32_t d = 0; d < 300; ++d) {
    std::string text;
    const size_t n = 1 + rng() % 12;
    for (size_t k = 0; k < n; ++k) text += words[rng() % words.size()] + " ";
    const Date date = Date::FromDays(Date::Parse("2018-01-01")->FirstDay() + d);
    docs.push_back(
        MakeDoc("id" + std::to_string(d), date.ToString(), "", text, d % 2 == 0 ? "en" : "ar"));
    std::vector<text::Token> tokens;
    text::Tokenize(docs.back().text, &tokens, 1);
    for (const text::Token& t : tokens) ++want[t.term][d];
  }
  ASSERT_GE(want.size(), words.size() - 2);  // folding may join a few
  for (unsigned threads : {1u, 2u, 3u}) {
    Counted got;
    std::vector<std::string> terms;
    ForEachSegmentTerm(docs, threads, [&](const std::string& term, const Postings& list) {
      terms.push_back(term);
      if (want.count(term) != 0) got[term] = list;
    });
    EXPECT_TRUE(std::is_sorted(terms.begin(), terms.end())) << threads << " threads";
    EXPECT_EQ(std::adjacent_find(terms.begin(), terms.end()), terms.end()) << threads << " threads";
    EXPECT_EQ(got, want) << threads << " threads";
  }
}

TEST(ChunkedVectorTest, GrowsWithoutMovingOrForgettingElements) {
  ChunkedVector<std::string, 4> v;  // chunks of 16
  EXPECT_EQ(v.size(), 0u);
  v.grow(1);
  v[0] = "first, long enough to live on the heap";
  const std::string* first = &v[0];
  v.grow(16 * 3 + 5);
  EXPECT_EQ(v.size(), 16u * 3 + 5);
  EXPECT_EQ(&v[0], first);  // no element moved
  for (size_t i = 1; i < v.size(); ++i) {
    EXPECT_TRUE(v[i].empty()) << i;  // new elements value-initialized
    v[i] = std::to_string(i);
  }
  v.grow(10);  // never shrinks
  EXPECT_EQ(v.size(), 16u * 3 + 5);
  EXPECT_EQ(v[0], "first, long enough to live on the heap");
  for (size_t i = 1; i < v.size(); ++i) EXPECT_EQ(v[i], std::to_string(i));
}

TEST(TermTableTest, IdsAndTermsSurviveGrowingPastManyChunks) {
  // 20,000 terms: the slots double several times and the terms fill five
  // chunks; every id keeps its term and every term its id.
  TermTable t;
  std::vector<std::string> terms;
  for (int i = 0; i < 20000; ++i) terms.push_back("term-" + std::to_string(i * 7919));
  for (size_t i = 0; i < terms.size(); ++i) ASSERT_EQ(t.Intern(terms[i]), i);
  EXPECT_EQ(t.size(), terms.size());
  for (size_t i = 0; i < terms.size(); ++i) {
    EXPECT_EQ(t.Intern(terms[i]), i);
    EXPECT_EQ(t.term(static_cast<uint32_t>(i)), terms[i]);
  }
}

}  // namespace
}  // namespace dateline::index
