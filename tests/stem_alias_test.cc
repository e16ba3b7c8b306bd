// Stem terms that share word terms' posting lists (doc/index-format.md,
// "Terms"): a flush and a merge store one list when a stem's documents and
// frequencies are exactly those of one word, whether the stem is spelled like
// the word ("\x02tripoli" of "tripoli") or not ("\x02report" of "reported"
// alone), and never when a second word, or the same word in a language that
// stems it otherwise, reaches the stem. A flush stores no list at all for a
// stem of fewer than a block of documents that are exactly its words'
// ("\x02report" of "reported" and "reports"): the reader merges the words'
// lists (a union stem, version 13); a merge writes such a stem's list.
#include <algorithm>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "dateline/document.h"
#include "gtest/gtest.h"
#include "index/coding.h"
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

// The stem of two words is the union of their lists, frequencies summed.
TEST_F(StemAliasTest, TwoWordsOfOneStemMakeAUnion) {
  auto r = Build({Doc("a", "en", 1, "The ministry reported gains."),
                  Doc("b", "en", 2, "Reports of gains; it reported more."),
                  Doc("c", "en", 3, "Reports, reports and reports.")},
                 dir_.File("a.dls"));
  EXPECT_FALSE(Shares(*r, report_, "reported"));
  EXPECT_FALSE(Shares(*r, report_, "reports"));
  TermInfo info;
  ASSERT_TRUE(r->Find(report_, &info));
  EXPECT_EQ(info.nrefs, 2u);
  EXPECT_NE(info.refs, nullptr);
  EXPECT_EQ(info.df, 3u);
  const auto want = std::vector<std::pair<std::string, uint32_t>>{{"a", 1}, {"b", 2}, {"c", 3}};
  EXPECT_EQ(List(*r, report_), want);
  EXPECT_EQ(r->kept_union_bytes(), 0u);  // read once
  EXPECT_EQ(List(*r, report_), want);
  // Kept from the second read on, one block too: 3 documents, 3 frequencies.
  EXPECT_EQ(r->kept_union_bytes(), 4 * 6u);
  EXPECT_EQ(List(*r, report_), want);  // read from memory
  EXPECT_TRUE(r->CheckDeep().ok());
}

// A word of the stem that some document of another language stems
// otherwise: the union would count that document, so the stem keeps a list.
TEST_F(StemAliasTest, AStemWithAWordStemmedTwoWaysKeepsItsList) {
  auto r =
      Build({Doc("a", "en", 1, "The ministry reported gains."),
             Doc("b", "en", 2, "Reports of gains."), Doc("c", "sw", 3, "Habari reported jana.")},
            dir_.File("a.dls"));
  TermInfo info;
  ASSERT_TRUE(r->Find(report_, &info));
  EXPECT_EQ(info.refs, nullptr);
  EXPECT_EQ(List(*r, report_), (std::vector<std::pair<std::string, uint32_t>>{{"a", 1}, {"b", 1}}));
  EXPECT_TRUE(r->CheckDeep().ok());
}

// The block bounds a union stem's cursor gives: those a list of its own
// would have (EncodeBlockBounds of its postings and the document lengths).
void ExpectListBounds(const SegmentReader& r, const TermInfo& info) {
  PostingsCursor c, again;
  r.OpenCursor(info, &c);
  r.OpenCursor(info, &again);
  std::vector<uint32_t> lengths(r.doc_count());
  for (uint32_t d = 0; d < r.doc_count(); ++d) lengths[d] = r.all_columns()[d].length;
  const BoundNorms norms(lengths.data(), r.doc_count(), r.average_length());
  std::string want;
  ASSERT_TRUE(EncodeBlockBounds(&again, norms, &want));
  ASSERT_EQ(want.size(), BlockCount(info.df) * kBlockBoundBytes);
  for (uint32_t b = 0; b < BlockCount(info.df); ++b) {
    uint32_t max_freq = 0, min_norm = 0;
    c.BlockBound(b, &max_freq, &min_norm);
    EXPECT_EQ(max_freq | min_norm << 16, DecodeFixed32(want.data() + b * kBlockBoundBytes)) << b;
  }
}

// A union is read whole for every query: only stems of fewer than eight
// blocks of documents (counted once per word) are unions; those of several
// blocks read as a list of their own, block bounds included.
TEST_F(StemAliasTest, StemsOfSeveralBlocksOfDocumentsAreUnions) {
  std::vector<Document> docs;
  std::vector<std::pair<std::string, uint32_t>> want;
  for (int i = 0; i < 300; ++i) {
    const std::string id = "d" + std::to_string(1000 + i);
    docs.push_back(Doc(id, "en", 1 + i % 28,
                       i % 3 == 0   ? "Officials reported calm in the long and quiet night."
                       : i % 3 == 1 ? "Reports of calm."
                                    : "Reports said it reported calm."));
    want.emplace_back(id, i % 3 == 2 ? 2 : 1);
  }
  auto r = Build(docs, dir_.File("a.dls"));
  TermInfo info;
  ASSERT_TRUE(r->Find(report_, &info));
  EXPECT_NE(info.refs, nullptr);
  EXPECT_EQ(info.nrefs, 2u);
  EXPECT_EQ(info.df, 300u);
  auto got = List(*r, report_);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, want);
  EXPECT_EQ(r->kept_union_bytes(), 0u);  // read once
  ExpectListBounds(*r, info);            // twice: kept, and read from memory
  EXPECT_GT(r->kept_union_bytes(), 300 * 8u);
  got = List(*r, report_);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, want);
  EXPECT_TRUE(r->CheckDeep().ok());
  // A merge writes the list, with its bounds (checked by CheckDeep).
  auto m = Merge({dir_.File("a.dls")}, dir_.File("m.dls"));
  ASSERT_TRUE(m->Find(report_, &info));
  EXPECT_EQ(info.refs, nullptr);
  got = List(*m, report_);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, want);
}

TEST_F(StemAliasTest, StemsOfEightBlocksOfDocumentsKeepTheirList) {
  std::vector<Document> docs;
  for (uint32_t i = 0; i < MaxUnionDocs(kSegmentVersion); ++i) {
    docs.push_back(Doc("d" + std::to_string(10000 + i), "en", 1 + i % 28,
                       i % 2 ? "Officials reported calm." : "Reports of calm."));
  }
  auto r = Build(docs, dir_.File("a.dls"));
  TermInfo info;
  ASSERT_TRUE(r->Find(report_, &info));
  EXPECT_EQ(info.refs, nullptr);
  EXPECT_EQ(info.df, MaxUnionDocs(kSegmentVersion));
  EXPECT_EQ(List(*r, report_).size(), MaxUnionDocs(kSegmentVersion));
  EXPECT_TRUE(r->CheckDeep().ok());
}

// Documents analysed by several threads (inverters): a union only when every
// inverter holding one of the stem's words stems it so in all its documents.
TEST_F(StemAliasTest, UnionsAcrossInverters) {
  for (const bool swahili : {false, true}) {
    std::vector<Document> docs;
    std::vector<std::pair<std::string, uint32_t>> want;
    for (int i = 0; i < 60; ++i) {
      const std::string id = "d" + std::to_string(100 + i);
      docs.push_back(Doc(id, "en", 1 + i % 28, i < 30 ? "Reports of calm." : "It reported calm."));
      if (i % 3 == 0) docs.back().text = "Nothing new.";
      if (i % 3 != 0) want.emplace_back(id, 1);
    }
    if (swahili) docs.push_back(Doc("z", "sw", 28, "Habari reported jana."));
    auto r = Build(docs, dir_.File(swahili ? "sw.dls" : "en.dls"));
    TermInfo info;
    ASSERT_TRUE(r->Find(report_, &info));
    EXPECT_EQ(info.refs == nullptr, swahili);
    auto got = List(*r, report_);
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, want);
    EXPECT_TRUE(r->CheckDeep().ok());
  }
}

// A merge writes the list of a union stem of its inputs, whatever they hold.
TEST_F(StemAliasTest, AMergeWritesTheListsOfUnions) {
  const std::string a = dir_.File("a.dls"), b = dir_.File("b.dls"), c = dir_.File("c.dls");
  Build({Doc("a1", "en", 1, "Haftar reported gains; reports say more.")}, a);
  Build({Doc("b1", "en", 2, "Tripoli reported reported calm.")}, b);  // an alias
  Build({Doc("c1", "en", 3, "Reports of calm."), Doc("c2", "en", 4, "It reported calm.")}, c);
  auto m = Merge({a, b, c}, dir_.File("abc.dls"));
  TermInfo info;
  ASSERT_TRUE(m->Find(report_, &info));
  EXPECT_EQ(info.refs, nullptr);
  EXPECT_EQ(List(*m, report_), (std::vector<std::pair<std::string, uint32_t>>{
                                   {"a1", 2}, {"b1", 2}, {"c1", 1}, {"c2", 1}}));
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

// Adds to `w` the words "aaa" (documents 0 and 1) and "zzz" (document
// `zzz_doc`), with positions, and three English documents; finishes and opens
// the segment at `path` (null on failure).
std::unique_ptr<SegmentReader> FinishWithWords(SegmentWriter* w, const std::string& path,
                                               uint32_t zzz_doc) {
  const uint8_t langs[] = {0, 0, 0};
  const uint32_t docs_a[] = {0, 1}, freqs_a[] = {1, 2}, pos_a[] = {3, 1, 4};
  const uint32_t docs_z[] = {zzz_doc}, freqs_z[] = {1}, pos_z[] = {5};
  w->AddTerm("aaa", docs_a, freqs_a, 2, pos_a, langs);
  w->AddTerm("zzz", docs_z, freqs_z, 1, pos_z, langs);
  for (int i = 0; i < 3; ++i) {
    DocColumns cols{};
    cols.first_day = cols.last_day = 17000 + i;
    cols.length = 9;
    cols.precision = 3;
    w->AddDocument(Doc("d" + std::to_string(i), "en", 1 + i, "aaa zzz"), cols);
  }
  std::unique_ptr<SegmentReader> r;
  if (!w->Finish({"en"}).ok() || !SegmentReader::Open(path, &r).ok()) return nullptr;
  return r;
}

// The writer resolves aliases whatever the order of their words: here each
// stem's word sorts on the other side of the other stem's.
TEST(StemAliasWriterTest, AliasesWhoseWordsSortUnlikeTheirStems) {
  TempDir dir;
  for (const size_t spill : {size_t{512}, kSegmentSpillBytes}) {
    const std::string path = dir.File("w" + std::to_string(spill) + ".dls");
    SegmentWriter w(path, spill);
    w.AddAlias(std::string("\x02") + "aaa", "zzz");
    w.AddAlias(std::string("\x02") + "mmm", "nothere");  // no such word: dropped
    w.AddAlias(std::string("\x02") + "zzz", "aaa");
    std::unique_ptr<SegmentReader> r = FinishWithWords(&w, path, 2);
    ASSERT_NE(r, nullptr);
    EXPECT_TRUE(r->CheckDeep().ok());
    EXPECT_TRUE(Shares(*r, std::string("\x02") + "aaa", "zzz"));
    EXPECT_TRUE(Shares(*r, std::string("\x02") + "zzz", "aaa"));
    TermInfo none;
    EXPECT_FALSE(r->Find(std::string("\x02") + "mmm", &none));
  }
}

// The writer resolves a union's words whatever their order, drops those never
// added, and refers to the others by offset; a union whose document count
// disagrees with its words' is corrupt when read.
TEST(StemAliasWriterTest, UnionsAreResolvedAndChecked) {
  TempDir dir;
  for (const uint32_t df : {2u, 3u}) {  // 3: more documents than the words have
    const std::string path = dir.File("u" + std::to_string(df) + ".dls");
    SegmentWriter w(path, 512);
    TermInfo u;
    u.df = df;
    u.langs = 1;
    w.AddUnion(std::string("\x02") + "mmm", u, {"zzz", "nothere", "aaa"});
    std::unique_ptr<SegmentReader> r = FinishWithWords(&w, path, 1);
    ASSERT_NE(r, nullptr);
    TermInfo info;
    ASSERT_TRUE(r->Find(std::string("\x02") + "mmm", &info));
    EXPECT_EQ(info.nrefs, 2u);
    PostingsCursor c;
    r->OpenCursor(info, &c);
    std::vector<std::pair<uint32_t, uint32_t>> got;
    for (uint32_t d = c.doc(); d != kNoDoc; d = c.Next()) got.emplace_back(d, c.freq());
    if (df == 2) {
      EXPECT_FALSE(c.corrupt());
      EXPECT_EQ(got, (std::vector<std::pair<uint32_t, uint32_t>>{{0, 1}, {1, 3}}));
      EXPECT_TRUE(r->CheckDeep().ok());
    } else {
      EXPECT_TRUE(c.corrupt());
      EXPECT_TRUE(got.empty());
      EXPECT_TRUE(r->CheckDeep().IsCorruption());
    }
  }
}

// The stem term of "aaa" (octal: a hexadecimal escape would take the letters too).
constexpr std::string_view kStemAaa = "\002aaa";

// Terms as a flush's encoder gives them: the stem "\x02aaa", an alias of
// "zzz", the stem "\x02mmm", the union of "aaa" and "zzz", then those words
// ("aaa" in documents 0 and 1, "zzz" in 2). `keys`: the keys of the words
// the alias and the union name, in entry order (none: they are found by
// name); `aaa_key` and `zzz_key`, the words' own.
EncodedTerms StemsAndWords(const std::vector<uint64_t>& keys, uint64_t aaa_key, uint64_t zzz_key) {
  EncodedTerms e;
  const uint8_t langs[] = {0, 0, 0};
  e.aliases.emplace_back(e.terms.size(), "zzz");
  e.terms.emplace_back(kStemAaa, TermInfo());
  TermInfo u;
  u.df = 3;
  u.langs = 1;
  e.unions.emplace_back(e.terms.size(), std::vector<std::string_view>{"aaa", "zzz"});
  e.terms.emplace_back("\x02mmm", u);
  const uint32_t docs_a[] = {0, 1}, freqs_a[] = {1, 2}, pos_a[] = {3, 1, 4};
  const uint32_t docs_z[] = {2}, freqs_z[] = {1}, pos_z[] = {5};
  TermInfo a, z;
  EncodePostings(docs_a, freqs_a, 2, pos_a, &e.post, &e.pos, &a, langs);
  EncodePostings(docs_z, freqs_z, 1, pos_z, &e.post, &e.pos, &z, langs);
  e.terms.emplace_back("aaa", a);
  e.terms.emplace_back("zzz", z);
  e.word_keys = keys;
  if (!keys.empty()) e.keyed_words = {{2, aaa_key}, {3, zzz_key}};
  return e;
}

// A segment of StemsAndWords(keys, aaa_key, zzz_key) and three documents.
std::unique_ptr<SegmentReader> WriteStemsAndWords(const std::string& path,
                                                  const std::vector<uint64_t>& keys,
                                                  uint64_t aaa_key, uint64_t zzz_key) {
  SegmentWriter w(path);
  w.AddEncoded(StemsAndWords(keys, aaa_key, zzz_key));
  for (int i = 0; i < 3; ++i) {
    DocColumns cols{};
    cols.first_day = cols.last_day = 17000 + i;
    cols.length = 9;
    cols.precision = 3;
    w.AddDocument(Doc("d" + std::to_string(i), "en", 1 + i, "aaa zzz"), cols);
  }
  std::unique_ptr<SegmentReader> r;
  if (!w.Finish({"en"}).ok() || !SegmentReader::Open(path, &r).ok()) return nullptr;
  return r;
}

// Words named by key (a flush's encoders give them) resolve as by name: the
// same segment to the byte. The writer uses the keys when every name came
// with one and the words' keys ascend, and names otherwise.
TEST(StemAliasWriterTest, WordsNamedByKeyResolveAsByName) {
  TempDir dir;
  const std::string by_name = dir.File("name.dls"), by_key = dir.File("key.dls");
  std::unique_ptr<SegmentReader> r = WriteStemsAndWords(by_name, {}, 0, 0);
  ASSERT_NE(r, nullptr);
  EXPECT_TRUE(r->CheckDeep().ok());
  EXPECT_TRUE(Shares(*r, std::string(kStemAaa), "zzz"));
  TermInfo info;
  ASSERT_TRUE(r->Find("\x02mmm", &info));
  EXPECT_EQ(info.nrefs, 2u);
  r = WriteStemsAndWords(by_key, {20, 10, 20}, 10, 20);
  ASSERT_NE(r, nullptr);
  EXPECT_TRUE(r->CheckDeep().ok());
  EXPECT_EQ(testutil::ReadBytes(by_name), testutil::ReadBytes(by_key));
  // Keys that say otherwise than the names show which were used.
  r = WriteStemsAndWords(dir.File("k.dls"), {10, 10, 20}, 10, 20);
  ASSERT_NE(r, nullptr);
  EXPECT_TRUE(Shares(*r, std::string(kStemAaa), "aaa"));  // by key
  using Case = std::tuple<std::vector<uint64_t>, uint64_t, uint64_t>;
  const std::vector<Case> by_names = {{{10, 10, 20}, 20, 10},  // the words' keys descend
                                      {{10, 10}, 10, 20}};     // a name without its key
  for (const auto& [keys, aaa_key, zzz_key] : by_names) {
    r = WriteStemsAndWords(dir.File("n.dls"), keys, aaa_key, zzz_key);
    ASSERT_NE(r, nullptr);
    EXPECT_TRUE(Shares(*r, std::string(kStemAaa), "zzz"));  // by name
    EXPECT_TRUE(r->CheckDeep().ok());
  }
}

// A list of several blocks held in memory reads as a list: blocks, their
// last documents and bounds; a copy of the cursor keeps reading it after the
// original moves on to another list.
TEST(PostingsCursorTest, AListHeldInMemoryOfSeveralBlocks) {
  auto list = std::make_shared<PostingsCursor::OwnedList>();
  for (uint32_t i = 0; i < 300; ++i) {
    list->docs.push_back(3 * i + (i % 7));
    list->freqs.push_back(i % 5);  // minus one
  }
  for (uint32_t b = 0; b < 3; ++b) PutFixed32(&list->bounds, (b + 1) | (10 * b) << 16);
  list->MakeSkips();
  const std::vector<uint32_t> docs = list->docs;
  PostingsCursor c;
  c.InitOwned(list);
  EXPECT_EQ(c.df(), 300u);
  ASSERT_EQ(BlockCount(c.df()), 3u);
  EXPECT_EQ(c.BlockLast(0), docs[127]);
  EXPECT_EQ(c.BlockLast(2), docs[299]);
  EXPECT_EQ(c.ShallowBlock(docs[130]), 1u);
  uint32_t max_freq = 0, min_norm = 0;
  c.BlockBound(1, &max_freq, &min_norm);
  EXPECT_EQ(max_freq, 2u);
  EXPECT_EQ(min_norm, 10u);
  EXPECT_EQ(c.Advance(docs[200] - 1), docs[200]);
  EXPECT_EQ(c.freq(), 1 + 200 % 5);
  EXPECT_EQ(c.SeekBlock(1), docs[128]);
  EXPECT_EQ(c.Advance(docs[200]), docs[200]);
  PostingsCursor copy = c;
  list.reset();
  const uint32_t one[] = {7}, zeros[] = {0};  // frequencies minus one
  c.InitBlock(one, zeros, 1);
  EXPECT_EQ(c.doc(), 7u);
  std::vector<uint32_t> rest;
  for (uint32_t d = copy.doc(); d != kNoDoc; d = copy.Next()) rest.push_back(d);
  EXPECT_EQ(rest, std::vector<uint32_t>(docs.begin() + 200, docs.end()));
  EXPECT_FALSE(copy.corrupt());
}

TEST(PostingsCursorTest, AListGivenAsArraysReadsAsOneBlock) {
  const uint32_t docs[] = {3, 9, 40}, freqs[] = {0, 3, 1};  // minus one
  PostingsCursor c;
  c.InitBlock(docs, freqs, 3);
  EXPECT_EQ(c.df(), 3u);
  EXPECT_EQ(c.BlockLast(0), 40u);
  uint32_t max_freq = 0, min_norm = 1;
  c.BlockBound(0, &max_freq, &min_norm);
  EXPECT_EQ(max_freq, 4u);
  EXPECT_EQ(c.Advance(5), 9u);
  EXPECT_EQ(c.freq(), 4u);
  EXPECT_EQ(c.Next(), 40u);
  EXPECT_EQ(c.Next(), kNoDoc);
  EXPECT_FALSE(c.corrupt());
  c.InitBlock(docs, freqs, 0);
  EXPECT_EQ(c.doc(), kNoDoc);
  EXPECT_TRUE(c.corrupt());
}

}  // namespace
}  // namespace dateline::index
