// AnalysisPieces: every document handed out once, ascending within each
// inverter; stealing only when asked; the inverters back in document order.
#include "index/analysis_pieces.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"

namespace dateline::index {
namespace {

using Taken = std::vector<std::pair<uint32_t, Inverter*>>;  // (document, inverter) in order

// Thread t's next document, or false.
bool Take(AnalysisPieces* p, unsigned t, Taken* out) {
  uint32_t k;
  Inverter* inv;
  if (!p->Next(t, &k, &inv)) return false;
  out->emplace_back(k, inv);
  return true;
}

// Every document of [0, n) taken exactly once; within each inverter ascending.
void ExpectPartition(const std::vector<Taken>& by_thread, uint32_t n) {
  std::vector<int> seen(n, 0);
  std::map<Inverter*, uint32_t> last;
  for (const Taken& taken : by_thread) {
    for (const auto& [k, inv] : taken) {
      ASSERT_LT(k, n);
      ++seen[k];
      if (last.count(inv)) {
        EXPECT_LT(last[inv], k) << "inverter documents must ascend";
      }
      last[inv] = k;
    }
  }
  for (uint32_t k = 0; k < n; ++k) EXPECT_EQ(seen[k], 1) << "document " << k;
}

TEST(AnalysisPiecesTest, WithoutStealingEachThreadKeepsItsRange) {
  AnalysisPieces p({0, 40, 100}, /*steal=*/false);
  std::vector<Taken> taken(2);
  while (Take(&p, 1, &taken[1])) {
  }
  ASSERT_EQ(taken[1].size(), 60u);  // its own range only, thread 0's untouched
  EXPECT_EQ(taken[1].front().first, 40u);
  while (Take(&p, 0, &taken[0])) {
  }
  ASSERT_EQ(taken[0].size(), 40u);
  EXPECT_EQ(p.size(), 2u);
  ExpectPartition(taken, 100);
}

TEST(AnalysisPiecesTest, AThreadDoneTakesTheLaterHalfOfWhatIsLeft) {
  AnalysisPieces p({0, 50, 100}, /*steal=*/true);
  std::vector<Taken> taken(2);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(Take(&p, 0, &taken[0]));  // thread 0 at document 10
  while (taken[1].size() < 50) ASSERT_TRUE(Take(&p, 1, &taken[1]));  // its own range, done
  // Thread 1 now takes [30, 50): the later half of the 40 left to thread 0.
  ASSERT_TRUE(Take(&p, 1, &taken[1]));
  EXPECT_EQ(taken[1].back().first, 30u);
  Inverter* stolen = taken[1].back().second;
  EXPECT_NE(stolen, taken[0].back().second);
  EXPECT_NE(stolen, taken[1].front().second);
  EXPECT_EQ(p.size(), 3u);
  while (Take(&p, 0, &taken[0])) {
  }
  while (Take(&p, 1, &taken[1])) {
  }
  ExpectPartition(taken, 100);
  // Thread 0 went on to document 29, took the later half of [31, 50), then
  // of [31, 41) (thread 1 had not moved on), and left [31, 36): fewer than 8.
  auto took = [&](uint32_t k) {
    return std::any_of(taken[0].begin(), taken[0].end(),
                       [k](const auto& e) { return e.first == k; });
  };
  EXPECT_TRUE(took(29));
  EXPECT_TRUE(took(41));
  EXPECT_TRUE(took(36));
  EXPECT_FALSE(took(35));
  EXPECT_EQ(p.size(), 5u);
}

TEST(AnalysisPiecesTest, FewDocumentsLeftAreNotSplit) {
  AnalysisPieces p({0, 10, 20}, /*steal=*/true);
  std::vector<Taken> taken(2);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Take(&p, 0, &taken[0]));  // 7 left to thread 0
  while (Take(&p, 1, &taken[1])) {
  }
  EXPECT_EQ(taken[1].size(), 10u);  // none taken from thread 0
  EXPECT_EQ(p.size(), 2u);
  while (Take(&p, 0, &taken[0])) {
  }
  ExpectPartition(taken, 20);
}

// Threads taking at random speeds: a partition, and the inverters given back
// in the order of their first documents.
TEST(AnalysisPiecesTest, ConcurrentThreadsPartitionTheDocuments) {
  constexpr uint32_t kDocs = 5000;
  for (const unsigned threads : {2u, 3u, 5u}) {
    std::vector<uint32_t> range;
    for (unsigned t = 0; t <= threads; ++t) range.push_back(kDocs * t / threads);
    AnalysisPieces p(range, /*steal=*/true);
    std::vector<Taken> taken(threads);
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        std::mt19937 rng(t);
        // Thread 0 slow, so that the others steal from it.
        while (Take(&p, t, &taken[t])) {
          if (t == 0 && rng() % 4 == 0) std::this_thread::yield();
        }
      });
    }
    for (std::thread& th : pool) th.join();
    ExpectPartition(taken, kDocs);
    // Each inverter gets its first document as a word; back in order, their
    // first words ascend with their documents.
    std::map<Inverter*, uint32_t> first;
    for (const Taken& tk : taken) {
      for (const auto& [k, inv] : tk) {
        if (!first.count(inv) || k < first[inv]) first[inv] = k;
      }
    }
    ASSERT_EQ(first.size(), p.size());
    for (const auto& [inv, k] : first) {
      Document d = testutil::MakeDoc("d", "2020-01-01", "", "w" + std::to_string(100000 + k), "en");
      inv->Add(d, k);
    }
    const std::vector<Inverter> ordered = p.TakeInOrder(2);
    ASSERT_EQ(ordered.size(), first.size() + 2);
    std::string prev;
    for (size_t i = 0; i < first.size(); ++i) {
      ASSERT_GT(ordered[i].term_count(), 0u);
      const std::string& word = ordered[i].term(0);
      EXPECT_LT(prev, word) << "inverter " << i;
      prev = word;
    }
    EXPECT_EQ(ordered[first.size()].term_count(), 0u);
    EXPECT_EQ(ordered[first.size() + 1].term_count(), 0u);
  }
}

}  // namespace
}  // namespace dateline::index
