// Iterators over one segment, against plain iteration of the same postings.

#include "search/iterators.h"

#include <algorithm>
#include <bitset>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "dateline/index.h"
#include "gtest/gtest.h"
#include "index/segment.h"
#include "test_util.h"

namespace dateline::search {
namespace {

using testutil::MakeDoc;
using testutil::TempDir;

// One segment of 3,000 short articles in two languages; "otter" is in about
// a third of them (lists of many blocks), "heron" in about one in twenty.
class IteratorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::unique_ptr<IndexWriter> w;
    IndexOptions opt;
    opt.threads = 2;
    ASSERT_TRUE(IndexWriter::Open(dir_.path(), opt, &w).ok());
    std::mt19937 rng(7);
    for (int i = 0; i < 3000; ++i) {
      std::string text = "the river bank";
      if (rng() % 3 == 0) text += " an otter swam";
      if (rng() % 20 == 0) text += " a heron waited";
      if (rng() % 2 == 0) text += " otter otter";
      bool replaced;
      ASSERT_TRUE(w->Add(MakeDoc("d" + std::to_string(i), "2019-04-04", "River notes", text,
                                 rng() % 2 ? "en" : "nl"),
                         &replaced)
                      .ok());
    }
    ASSERT_TRUE(w->Commit().ok());
    OpenSegment(dir_.path());
  }
  // Opens the index in `dir` (one segment) and sets bm25_ from it.
  void OpenSegment(const std::string& dir) {
    ASSERT_TRUE(IndexReader::Open(dir, &reader_).ok());
    ASSERT_EQ(reader_->segments().size(), 1u);
    const index::SegmentReader& seg = *reader_->segments()[0].reader;
    bm25_.cols = seg.all_columns();
    bm25_.lengths = seg.short_lengths();
    bm25_.min_len = seg.min_length();
    bm25_.seg_avg_len = seg.average_length();
    bm25_.avg_len = static_cast<float>(seg.average_length());
  }
  const index::SegmentReader& seg() const { return *reader_->segments()[0].reader; }
  // A fresh iterator over `term`'s postings; with `lang`, its documents in that language only.
  IterPtr Open(const std::string& term, int lang = -1) {
    index::TermInfo info;
    EXPECT_TRUE(seg().Find(term, &info)) << term;
    if (lang < 0) return MakeTermIter(seg(), info, 1.0f, &bm25_, FieldSel::kAll);
    std::bitset<256> langs;
    langs.set(static_cast<size_t>(lang));
    return MakeStemIter(seg(), info, 1.0f, &bm25_, langs);
  }
  // Sets the bits of the documents `it` visits from where it stands, one Next() at a time.
  std::vector<uint64_t> Walk(Iter* it) const {
    std::vector<uint64_t> bits((seg().doc_count() + 63) / 64);
    for (uint32_t d = it->doc(); d != kNoDoc; d = it->Next())
      bits[d >> 6] |= uint64_t{1} << (d & 63);
    return bits;
  }
  std::vector<uint64_t> Fill(Iter* it) const {
    std::vector<uint64_t> bits((seg().doc_count() + 63) / 64);
    it->FillBits(bits.data(), seg().doc_count());
    EXPECT_EQ(it->doc(), kNoDoc);
    return bits;
  }

  TempDir dir_;
  std::unique_ptr<IndexReader> reader_;
  Bm25 bm25_;
};

TEST_F(IteratorsTest, FillBitsSetsWhatNextVisitsFromAnyPlace) {
  const uint8_t lang = seg().doc_langs()[0];
  for (const std::string term : {"otter", "heron"}) {
    for (const int l : {-1, int{lang}}) {
      // Unmoved, and moved into the middle of a block or to a block's start.
      for (const uint32_t target : {0u, 1u, 200u, 1000u, 1777u, 2990u, 5000u}) {
        IterPtr walked = Open(term, l), filled = Open(term, l);
        if (target > walked->doc()) walked->Advance(target);
        if (target > filled->doc()) filled->Advance(target);
        ASSERT_EQ(walked->doc(), filled->doc());
        const std::vector<uint64_t> want = Walk(walked.get());
        EXPECT_EQ(Fill(filled.get()), want) << term << " lang " << l << " from " << target;
      }
    }
  }
}

TEST_F(IteratorsTest, FillBitsKeepsTheBitsAlreadySet) {
  IterPtr otter = Open("otter"), heron = Open("heron");
  IterPtr otter2 = Open("otter"), heron2 = Open("heron");
  std::vector<uint64_t> want = Walk(otter2.get());
  const std::vector<uint64_t> h = Walk(heron2.get());
  for (size_t i = 0; i < want.size(); ++i) want[i] |= h[i];
  std::vector<uint64_t> bits((seg().doc_count() + 63) / 64);
  otter->FillBits(bits.data(), seg().doc_count());
  heron->FillBits(bits.data(), seg().doc_count());
  EXPECT_EQ(bits, want);
}

// A conjunction's bitsets come from the thread's spares: used ones must come
// back zeroed, at any size, however many queries took them before.
TEST_F(IteratorsTest, ConjunctionFillsTheSameBitsQueryAfterQuery) {
  IterPtr otter = Open("otter"), heron = Open("heron");
  std::vector<uint64_t> want = Walk(otter.get());
  const std::vector<uint64_t> h = Walk(heron.get());
  for (size_t i = 0; i < want.size(); ++i) want[i] &= h[i];
  ASSERT_NE(want, std::vector<uint64_t>(want.size(), 0));
  for (int round = 0; round < 3; ++round) {
    {  // spares left full of ones, of other sizes
      ScratchBits a(want.size() * 2), b(want.size() / 2), c(want.size());
      std::fill(a.data(), a.data() + a.size(), ~uint64_t{0});
      std::fill(b.data(), b.data() + b.size(), ~uint64_t{0});
      std::fill(c.data(), c.data() + c.size(), ~uint64_t{0});
    }
    std::vector<IterPtr> both;
    both.push_back(Open("otter"));
    both.push_back(Open("heron"));
    IterPtr all = MakeAndIter(std::move(both));
    std::vector<uint64_t> bits(want.size());
    all->FillBits(bits.data(), seg().doc_count());
    EXPECT_EQ(bits, want) << "round " << round;
    ScratchBits fresh(want.size());
    EXPECT_EQ(std::count(fresh.data(), fresh.data() + fresh.size(), 0u), fresh.size());
  }
}

// Articles of varied lengths where "otter" occurs 1 to 4 times and "heron"
// once, in two languages: scores that differ from block to block.
class VariedScoresTest : public IteratorsTest {
 protected:
  void SetUp() override {
    std::unique_ptr<IndexWriter> w;
    ASSERT_TRUE(IndexWriter::Open(varied_.path(), IndexOptions{}, &w).ok());
    std::mt19937 rng(11);
    for (int i = 0; i < 4000; ++i) {
      std::string text = "the river";
      for (uint32_t k = rng() % 40; k > 0; --k) text += " bank";
      if (rng() % 3 == 0) {
        for (uint32_t k = 1 + rng() % 4; k > 0; --k) text += " otter";
      }
      if (rng() % 4 == 0) text += " heron";
      bool replaced;
      ASSERT_TRUE(w->Add(MakeDoc("v" + std::to_string(i), "2019-04-04", "River notes", text,
                                 rng() % 2 ? "en" : "nl"),
                         &replaced)
                      .ok());
    }
    ASSERT_TRUE(w->Commit().ok());
    OpenSegment(varied_.path());
  }
  TempDir varied_;
};

// Walks iterators made by `open`, each told a score to beat (SetMinScore,
// which returns `skips_itself`) at the given quantiles of the matches'
// scores: each may pass over documents that cannot reach it, never over one
// that can, and what it visits are matches scored as without it. Sets
// *matches, and *passed_over to the matches passed over in all.
void ExpectKeepsEveryMatchReaching(const std::function<IterPtr()>& open, bool skips_itself,
                                   std::initializer_list<size_t> quantiles, size_t* matches,
                                   size_t* passed_over) {
  std::map<uint32_t, float> all;
  IterPtr walked = open();
  for (uint32_t d = walked->doc(); d != kNoDoc; d = walked->Next()) all[d] = walked->Score();
  *matches = all.size();
  *passed_over = 0;
  ASSERT_GT(all.size(), 100u);
  std::vector<float> scores;
  for (const auto& [d, x] : all) scores.push_back(x);
  std::sort(scores.begin(), scores.end());
  for (const size_t q : quantiles) {
    const float min = scores[(scores.size() - 1) * q / 100];
    IterPtr it = open();
    ASSERT_EQ(it->SetMinScore(min), skips_itself);
    std::set<uint32_t> seen;
    for (uint32_t d = it->doc(); d != kNoDoc; d = it->Next()) {
      ASSERT_EQ(all.count(d), 1u) << d << " is not a match";
      EXPECT_EQ(it->Score(), all[d]) << d;
      seen.insert(d);
    }
    for (const auto& [d, x] : all) {
      if (x >= min) {
        EXPECT_EQ(seen.count(d), 1u) << d << " scores " << x << " >= " << min;
      }
    }
    *passed_over += all.size() - seen.size();
  }
}

// A conjunction skips by itself. Its lead is the stem in one language (the
// shorter list), whose scored blocks mark the other language's documents.
TEST_F(VariedScoresTest, ConjunctionWithAScoreToBeatKeepsEveryMatchReachingIt) {
  const uint8_t lang = seg().doc_langs()[0];
  const auto open_and = [&] {
    std::vector<IterPtr> c;
    c.push_back(Open("otter"));
    c.push_back(Open("heron", lang));
    return MakeAndIter(std::move(c));
  };
  size_t matches = 0, passed_over = 0;
  ExpectKeepsEveryMatchReaching(open_and, true, {50, 90, 99}, &matches, &passed_over);
  if (HasFatalFailure()) return;
  EXPECT_GT(passed_over, matches) << "the test should exercise the skipping";
}

// A conjunction whose other term occurs 1 to 39 times in nearly every
// document ("bank"), so that its block bounds vary with its frequencies:
// the lead's documents are tested against them, none reaching the score
// passed over.
TEST_F(VariedScoresTest, ConjunctionWithAFrequentOtherTermKeepsEveryMatchReachingIt) {
  const auto open_and = [&] {
    std::vector<IterPtr> c;
    c.push_back(Open("bank"));
    c.push_back(Open("otter"));
    return MakeAndIter(std::move(c));
  };
  size_t matches = 0, passed_over = 0;
  ExpectKeepsEveryMatchReaching(open_and, true, {30, 60, 80, 95, 99}, &matches, &passed_over);
  if (HasFatalFailure()) return;
  EXPECT_GT(passed_over, matches) << "the test should exercise the skipping";
}

// A phrase passes over documents whose words occur too rarely there to reach
// the score (without reading their positions); it leaves skipping by block
// bounds to its caller.
TEST_F(VariedScoresTest, PhraseWithAScoreToBeatKeepsEveryMatchReachingIt) {
  const auto open_phrase = [&] {
    std::vector<index::TermInfo> infos(2);
    EXPECT_TRUE(seg().Find("bank", &infos[0]));
    EXPECT_TRUE(seg().Find("otter", &infos[1]));
    return MakePhraseIter(seg(), infos, {0, 1}, 1.0f, &bm25_, FieldSel::kAll);
  };
  size_t matches = 0, passed_over = 0;
  ExpectKeepsEveryMatchReaching(open_phrase, false, {10, 50, 90}, &matches, &passed_over);
  if (HasFatalFailure()) return;
  EXPECT_GT(passed_over, 0u) << "the test should exercise the skipping";
}

// NextScoring's contract, for a term alone, in one language, and for a union
// of two terms in disjoint languages (a word's stems), called three times in
// a row with one `rest` and a `min` that never falls, as a conjunction calls
// it: from where it stands, the first match up to `end` whose score with
// `rest` reaches `min`; else a match after `end`, none passed over reaching
// `min` (a term: the first match after `end`).
TEST_F(VariedScoresTest, NextScoringStopsWhereItsContractSays) {
  const uint8_t lang = seg().doc_langs()[0];
  const uint8_t other = lang == 0 ? 1 : 0;
  struct Opener {
    std::string name;
    bool exact_after_end;
    std::function<IterPtr()> open;
  };
  const std::vector<Opener> openers = {
      {"term", true, [&] { return Open("otter"); }},
      {"term in one language", true, [&] { return Open("otter", lang); }},
      {"union of stems", false, [&] {
         std::vector<IterPtr> c;
         c.push_back(Open("otter", lang));
         c.push_back(Open("heron", other));
         return IterPtr(MakeOrIter(std::move(c), /*exclusive=*/true));
       }}};
  for (const Opener& o : openers) {
    std::map<uint32_t, float> all;  // the matches and their scores
    IterPtr walked = o.open();
    for (uint32_t d = walked->doc(); d != kNoDoc; d = walked->Next()) all[d] = walked->Score();
    ASSERT_GT(all.size(), 300u) << o.name;
    std::vector<float> scores;
    for (const auto& [d, x] : all) scores.push_back(x);
    std::mt19937 rng(5);
    size_t after_end = 0;
    for (int round = 0; round < 200; ++round) {
      IterPtr it = o.open();
      if (const uint32_t from = rng() % seg().doc_count(); from > it->doc()) it->Advance(from);
      const float rest = 0.1f * static_cast<float>(rng() % 10);
      float min = 0;
      for (int call = 0; call < 3 && it->doc() != kNoDoc; ++call) {
        const uint32_t start = it->doc(), end = start + rng() % 600;
        min = std::max(min, scores[rng() % scores.size()] + rest);
        auto want = all.end();
        for (auto m = all.lower_bound(start); m != all.end() && m->first <= end; ++m) {
          if (m->second + rest >= min) {
            want = m;
            break;
          }
        }
        if (want == all.end() && o.exact_after_end) want = all.upper_bound(end);
        const uint32_t got = it->NextScoring(rest, min, end);
        ASSERT_EQ(it->doc(), got) << o.name;
        after_end += got > end;
        if (want != all.end() || o.exact_after_end) {
          ASSERT_EQ(got, want == all.end() ? kNoDoc : want->first)
              << o.name << " from " << start << " end " << end << " min " << min;
        } else {
          ASSERT_GT(got, end) << o.name;
          for (auto m = all.upper_bound(end); m != all.end() && m->first < got; ++m) {
            EXPECT_LT(m->second + rest, min) << o.name << ": passed over " << m->first;
          }
        }
        if (got == kNoDoc) break;
        ASSERT_EQ(all.count(got), 1u) << o.name << ": " << got << " is not a match";
        EXPECT_EQ(it->Score(), all[got]) << o.name << " at " << got;
        it->Next();
      }
    }
    EXPECT_GT(after_end, 0u) << o.name << ": the test should reach past `end`";
  }
}

}  // namespace
}  // namespace dateline::search
