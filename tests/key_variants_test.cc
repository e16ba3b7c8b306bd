// Merging of entity keys one edit apart (search/key_variants.h), and a
// randomized comparison with generating every variant of every key.
#include "search/key_variants.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "extract/names/names.h"
#include "gtest/gtest.h"

namespace dateline::search {
namespace {

// Per key: the key each counts as, by name.
std::map<std::string, std::string> Merge(const std::vector<std::pair<std::string, uint64_t>>& in,
                                         size_t tag_size = 0) {
  std::vector<std::string> keys;
  std::vector<uint64_t> documents;
  for (const auto& [k, n] : in) keys.push_back(k), documents.push_back(n);
  const std::vector<uint32_t> canon = MergeKeyVariants(keys, documents, tag_size);
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < keys.size(); ++i) out[keys[i]] = keys[canon[i]];
  return out;
}

TEST(KeyVariantsTest, MergesIntoTheMostFrequentSpelling) {
  const auto m = Merge({{"barak obama", 3},
                        {"barack obama", 10},
                        {"barack obana", 2},
                        {"muammar gaddafi", 4},
                        {"muammar qaddafi", 7},
                        {"moammar gadhafi", 5}});
  EXPECT_EQ(m.at("barak obama"), "barack obama");   // deletion
  EXPECT_EQ(m.at("barack obana"), "barack obama");  // substitution
  EXPECT_EQ(m.at("barack obama"), "barack obama");
  EXPECT_EQ(m.at("muammar gaddafi"), "muammar qaddafi");
  EXPECT_EQ(m.at("moammar gadhafi"), "moammar gadhafi");  // more than one edit
}

TEST(KeyVariantsTest, DoesNotMerge) {
  const auto m = Merge({{"kohl", 5},  // too short
                        {"kohn", 1},
                        {"smith", 5},  // first letter differs
                        {"xmith", 1},
                        {"maria lopez", 5},  // a last word added
                        {"maria lopez garcia", 1},
                        {"muller", 5},  // not only a-z and spaces
                        {"mul1er", 1},
                        {"jones", 1}});
  for (const auto& [k, v] : m) EXPECT_EQ(k, v);
}

TEST(KeyVariantsTest, NotChained) {
  // "jonsen" is one edit from "jonson" only, which counts as "jonsson".
  const auto m = Merge({{"jonsson", 10}, {"jonson", 6}, {"jonsen", 3}});
  EXPECT_EQ(m.at("jonson"), "jonsson");
  EXPECT_EQ(m.at("jonsen"), "jonsen");  // its neighbour was taken by "jonsson"
}

TEST(KeyVariantsTest, TiesGoToTheSmallerKey) {
  const auto m = Merge({{"merkel", 4}, {"markel", 4}});
  EXPECT_EQ(m.at("merkel"), "markel");
  EXPECT_EQ(m.at("markel"), "markel");
}

TEST(KeyVariantsTest, TagsSeparate) {
  const auto m = Merge({{"Pbarack obama", 10}, {"Obarak obama", 3}, {"Pbarak obama", 2}}, 1);
  EXPECT_EQ(m.at("Obarak obama"), "Obarak obama");
  EXPECT_EQ(m.at("Pbarak obama"), "Pbarack obama");
}

size_t WordCount(const std::string& k) { return std::count(k.begin(), k.end(), ' ') + 1; }

// The greedy grouping by comparing every pair of keys (AreKeyVariants).
std::vector<uint32_t> ByAllPairs(const std::vector<std::string>& keys,
                                 const std::vector<uint64_t>& documents) {
  std::vector<uint32_t> order(keys.size()), canon(keys.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = canon[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return documents[a] != documents[b] ? documents[a] > documents[b] : keys[a] < keys[b];
  });
  std::set<uint32_t> taken;
  for (uint32_t k : order) {
    if (!taken.insert(k).second) continue;
    for (uint32_t j : order) {
      if (AreKeyVariants(keys[k], keys[j]) && taken.insert(j).second) canon[j] = k;
    }
  }
  return canon;
}

TEST(KeyVariantsTest, RandomizedAgainstKeyVariants) {
  std::mt19937 rng(7);
  const std::string alphabet = "abcab -";  // mostly letters; a space, sometimes a hyphen
  auto pick = [&] { return alphabet[rng() % alphabet.size()]; };
  size_t merged = 0;
  for (int round = 0; round < 200; ++round) {
    // Keys up to three random edits (the first byte too) from a few names.
    std::vector<std::string> names(1 + rng() % 4);
    for (std::string& n : names) {
      for (size_t len = 4 + rng() % 6; n.size() < len;) n += pick();
    }
    std::set<std::string> distinct;
    const size_t n = 5 + rng() % 60;
    for (size_t tries = 0; distinct.size() < n && tries < 10 * n; ++tries) {
      std::string k = names[rng() % names.size()];
      for (size_t edits = rng() % 4; edits > 0; --edits) {
        const size_t i = rng() % (k.size() + 1);
        switch (rng() % 3) {
          case 0:
            k.insert(k.begin() + static_cast<ptrdiff_t>(i), pick());
            break;
          case 1:
            if (i < k.size()) k.erase(i, 1);
            break;
          default:
            if (i < k.size()) k[i] = pick();
        }
      }
      distinct.insert(k);
    }
    std::vector<std::string> keys(distinct.begin(), distinct.end());
    std::shuffle(keys.begin(), keys.end(), rng);
    std::vector<uint64_t> documents;
    for (size_t i = 0; i < keys.size(); ++i) documents.push_back(1 + rng() % 4);
    const std::vector<std::vector<uint32_t>> near = KeyNeighbours(keys, 0);
    for (uint32_t i = 0; i < keys.size(); ++i) {
      std::vector<uint32_t> want;
      for (uint32_t j = 0; j < keys.size(); ++j) {
        if (j != i && AreKeyVariants(keys[i], keys[j])) want.push_back(j);
      }
      EXPECT_EQ(near[i], want) << keys[i];
      // KeyVariants generates exactly the variants with as many words.
      const std::vector<std::string> gen = KeyVariants(keys[i]);
      for (uint32_t j : want) {
        const bool generated = std::binary_search(gen.begin(), gen.end(), keys[j]);
        EXPECT_EQ(generated, WordCount(keys[i]) == WordCount(keys[j]))
            << keys[i] << " / " << keys[j];
      }
    }
    const std::vector<uint32_t> canon = MergeKeyVariants(keys, documents, 0);
    EXPECT_EQ(canon, ByAllPairs(keys, documents));
    for (uint32_t i = 0; i < canon.size(); ++i) merged += canon[i] != i;
  }
  EXPECT_GT(merged, 200u) << merged;  // the comparison is not a vacuous one
}

}  // namespace
}  // namespace dateline::search
