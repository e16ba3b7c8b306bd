// A stem read as the union of its words' posting lists (MakeStemUnionIter)
// against the stem's own list in the same segment: the same documents,
// frequencies, scores and counts, and block bounds never below a score.
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "dateline/index.h"
#include "gtest/gtest.h"
#include "index/segment.h"
#include "search/iterators.h"
#include "test_util.h"

namespace dateline::search {
namespace {

using testutil::kSanitized;
using testutil::MakeDoc;
using testutil::TempDir;

// English forms the English stemmer maps to "report", and words around them.
const char* const kForms[] = {"report", "reports", "reported", "reporting"};
const char* const kOther[] = {"harbour", "council", "minister", "flood",  "river",  "vote",
                              "market",  "strike",  "talks",    "border", "budget", "court"};

std::string Sentence(std::mt19937& rng, int words, int form_every) {
  std::string s;
  for (int i = 0; i < words; ++i) {
    if (!s.empty()) s += ' ';
    s += rng() % form_every == 0 ? kForms[rng() % 4] : kOther[rng() % 12];
  }
  return s;
}

class StemUnionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937 rng(7);
    std::unique_ptr<IndexWriter> w;
    IndexOptions opt;
    opt.threads = 2;
    ASSERT_TRUE(IndexWriter::Open(dir_.path(), opt, &w).ok());
    // Several blocks of 128 for the stem and for its commonest words, with
    // documents of very different lengths and a few repeats of each form.
    const int docs = kSanitized ? 900 : 2000;
    for (int i = 0; i < docs; ++i) {
      const int len = rng() % 8 == 0 ? 150 + static_cast<int>(rng() % 300) : 3 + rng() % 30;
      const std::string lang = rng() % 4 == 0 ? "nl" : "en";
      Document d = MakeDoc("u" + std::to_string(i), "2020-01-0" + std::to_string(1 + rng() % 9),
                           Sentence(rng, 2, 6), Sentence(rng, len, 2 + rng() % 9), lang);
      bool replaced;
      ASSERT_TRUE(w->Add(d, &replaced).ok());
    }
    ASSERT_TRUE(w->Commit().ok());
    w.reset();
    for (const auto& e : std::filesystem::directory_iterator(dir_.path())) {
      if (e.path().extension() == ".dls") {
        ASSERT_TRUE(index::SegmentReader::Open(e.path().string(), &seg_).ok());
      }
    }
    ASSERT_NE(seg_, nullptr);
    ASSERT_TRUE(seg_->Find("\x02report", &stem_));
    ASSERT_GT(stem_.df, 3 * index::kBlockSize);
    const auto& langs = seg_->languages();
    for (size_t l = 0; l < langs.size(); ++l) en_[l] = langs[l] == "en";
    bm25_.cols = seg_->all_columns();
    bm25_.lengths = seg_->short_lengths();
    bm25_.min_len = seg_->min_length();
    bm25_.seg_avg_len = seg_->average_length();
    bm25_.avg_len = static_cast<float>(seg_->average_length() * 1.1);  // another segment's
  }

  // The forms as sources, counting only in English documents.
  std::vector<StemSource> EnglishSources() const {
    std::vector<StemSource> out;
    for (const char* f : kForms) {
      StemSource s;
      EXPECT_TRUE(seg_->Find(f, &s.word)) << f;
      s.check = true;
      s.langs = en_;
      out.push_back(s);
    }
    return out;
  }

  TempDir dir_;
  std::unique_ptr<index::SegmentReader> seg_;
  index::TermInfo stem_;
  std::bitset<256> en_;
  Bm25 bm25_;
};

TEST_F(StemUnionTest, SameDocumentsAndScoresAsTheStemsList) {
  // The English documents of the stem's list are those of its English forms.
  IterPtr want = MakeStemIter(*seg_, stem_, 2.5f, &bm25_, en_);
  IterPtr got = MakeStemUnionIter(*seg_, EnglishSources(), 2.5f, &bm25_, 0);
  uint32_t n = 0;
  for (; want->doc() != kNoDoc; want->Next(), got->Next(), ++n) {
    ASSERT_EQ(got->doc(), want->doc()) << "document " << n;
    ASSERT_EQ(got->Score(), want->Score()) << "document " << want->doc();
  }
  EXPECT_EQ(got->doc(), kNoDoc);
  EXPECT_GT(n, 2 * index::kBlockSize);
  EXPECT_LT(n, stem_.df) << "the Dutch documents should not count";
}

TEST_F(StemUnionTest, AdvanceLandsWhereTheStemsListDoes) {
  std::mt19937 rng(11);
  for (int round = 0; round < 20; ++round) {
    IterPtr want = MakeStemIter(*seg_, stem_, 1.0f, &bm25_, en_);
    IterPtr got = MakeStemUnionIter(*seg_, EnglishSources(), 1.0f, &bm25_, 0);
    uint32_t target = 0;
    while (want->doc() != kNoDoc) {
      target = want->doc() + 1 + static_cast<uint32_t>(rng() % (round + 2) * 7);
      ASSERT_EQ(got->Advance(target), want->Advance(target)) << "target " << target;
      if (want->doc() != kNoDoc) {
        ASSERT_EQ(got->Score(), want->Score());
      }
    }
  }
}

TEST_F(StemUnionTest, BlockBoundsAreNeverBelowAScore) {
  IterPtr it = MakeStemUnionIter(*seg_, EnglishSources(), 3.0f, &bm25_, 0);
  uint32_t target = 0, ranges = 0, below_top = 0;
  const float top = bm25_.BoundOf(index::kUnboundedFreq, 0, 3.0f);
  while (target != kNoDoc) {
    const uint32_t end = it->ShallowAdvance(target);
    const float bound = it->BlockMax();
    ASSERT_TRUE(end == kNoDoc || end >= target) << target;
    ++ranges;
    below_top += bound < top;
    for (uint32_t d = it->doc() < target ? it->Advance(target) : it->doc(); d != kNoDoc && d <= end;
         d = it->Next()) {
      ASSERT_LE(it->Score(), bound * (1 + 1e-6f))
          << "document " << d << " in [" << target << ", " << end << "]";
    }
    target = end == kNoDoc ? kNoDoc : end + 1;
  }
  EXPECT_GT(ranges, 4u);
  EXPECT_GT(below_top, 0u) << "some ranges should have a bound tighter than the largest";
}

TEST_F(StemUnionTest, CountsAsTheStemsList) {
  // Every document: no source checked, so the stem's frequency is the count.
  std::vector<StemSource> all = EnglishSources();
  for (auto& s : all) s.check = false;
  uint64_t n = 0;
  IterPtr unchecked = MakeStemUnionIter(*seg_, all, 1.0f, &bm25_, stem_.df);
  ASSERT_TRUE(unchecked->KnownCount(0, seg_->doc_count(), &n));
  EXPECT_EQ(n, stem_.df);
  IterPtr checked = MakeStemUnionIter(*seg_, EnglishSources(), 1.0f, &bm25_, stem_.df);
  EXPECT_FALSE(checked->KnownCount(0, seg_->doc_count(), &n));
  // Bits and counts of a range, with the language check.
  const uint32_t ndocs = seg_->doc_count();
  std::vector<uint64_t> want((ndocs + 63) / 64), got((ndocs + 63) / 64);
  MakeStemIter(*seg_, stem_, 1.0f, &bm25_, en_)->FillBits(want.data(), ndocs);
  checked->FillBits(got.data(), ndocs);
  EXPECT_EQ(got, want);
  const uint32_t lo = ndocs / 5, hi = ndocs - ndocs / 3;
  EXPECT_EQ(MakeStemUnionIter(*seg_, EnglishSources(), 1.0f, &bm25_, 0)->CountIn(lo, hi, nullptr),
            MakeStemIter(*seg_, stem_, 1.0f, &bm25_, en_)->CountIn(lo, hi, nullptr));
}

}  // namespace
}  // namespace dateline::search
