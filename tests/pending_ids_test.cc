// The writer's table of buffered ids (index/pending_ids.h) against a map of
// strings, under random insertions, replacements and erasures, through growth.
#include "index/pending_ids.h"

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "gtest/gtest.h"

namespace dateline::index {
namespace {

struct Doc {
  std::string id;
};

TEST(PendingIdsTest, AgreesWithAMapOfStrings) {
  std::mt19937 rng(5);
  std::vector<Doc> docs;
  PendingIds<std::vector<Doc>> table(&docs);
  std::unordered_map<std::string, size_t> want;
  // Few distinct ids, so that finds hit, erasures empty runs of the probe
  // sequence, and ids come back after being erased.
  for (int step = 0; step < 60000; ++step) {
    const std::string id = "doc-" + std::to_string(rng() % 5000);
    const size_t got = table.Find(id);
    auto it = want.find(id);
    ASSERT_EQ(got, it == want.end() ? table.kNone : it->second) << "step " << step << " " << id;
    if (it == want.end()) {
      docs.push_back({id});
      table.Insert(docs.size() - 1);
      want.emplace(id, docs.size() - 1);
    } else if (rng() % 3 == 0) {
      table.Erase(it->second);
      docs[it->second].id.clear();  // as the writer leaves a tombstone
      want.erase(it);
    }
    ASSERT_EQ(table.size(), want.size());
  }
  for (const auto& [id, place] : want) EXPECT_EQ(table.Find(id), place) << id;
  EXPECT_EQ(table.Find("doc-absent"), table.kNone);
  table.Clear();
  EXPECT_EQ(table.size(), 0u);
  for (const auto& [id, place] : want) EXPECT_EQ(table.Find(id), table.kNone) << id;
}

}  // namespace
}  // namespace dateline::index
