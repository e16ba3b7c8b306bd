// Entity keys that are spellings of one name.
#include "search/key_variants.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <utility>

#include "extract/names/names.h"

namespace dateline::search {

// Keys one edit apart share a hash of the key or of the key with one byte
// deleted (a substitution: the same deletion of both; an insertion: the longer
// key with it deleted is the shorter key). The first byte after the tag is
// never edited (AreKeyVariants keeps it), so deleting it is not needed: an
// insertion of that byte is also one just after it. Keys with middle names
// added share a hash of their first and last words; keys that differ only in
// spaces a hash of their letters.
std::vector<std::vector<uint32_t>> KeyNeighbours(const std::vector<std::string>& keys,
                                                 size_t tag_size) {
  std::vector<std::pair<size_t, uint32_t>> h;  // hash, key number
  const std::hash<std::string_view> hash;
  std::string del;
  for (uint32_t k = 0; k < keys.size(); ++k) {
    const std::string& key = keys[k];
    if (key.size() <= tag_size) continue;
    h.emplace_back(hash(key), k);
    // Keys that differ only in spaces share their letters.
    del.clear();
    for (char c : key) {
      if (c != ' ') del.push_back(c);
    }
    h.emplace_back(hash(del.append("\x02")), k);
    // Keys with middle names added share their first and last words.
    const size_t first = key.find(' ', tag_size), last = key.rfind(' ');
    if (first != std::string::npos) {
      del.assign(key, 0, first).append(key, last, std::string::npos).push_back('\x01');
      h.emplace_back(hash(del), k);
    }
    for (size_t i = tag_size + 1; i < key.size(); ++i) {
      del.assign(key, 0, i).append(key, i + 1);
      h.emplace_back(hash(del), k);
    }
  }
  std::sort(h.begin(), h.end());
  h.erase(std::unique(h.begin(), h.end()), h.end());
  std::vector<std::vector<uint32_t>> out(keys.size());
  for (size_t i = 0, j; i < h.size(); i = j) {
    for (j = i + 1; j < h.size() && h[j].first == h[i].first; ++j) {
    }
    for (size_t a = i; a < j; ++a) {
      for (size_t b = a + 1; b < j; ++b) {
        const std::string_view x = keys[h[a].second], y = keys[h[b].second];
        if (x == y || x.substr(0, tag_size) != y.substr(0, tag_size)) continue;
        if (!AreKeyVariants(x.substr(tag_size), y.substr(tag_size))) continue;
        out[h[a].second].push_back(h[b].second);
        out[h[b].second].push_back(h[a].second);
      }
    }
  }
  for (std::vector<uint32_t>& n : out) {  // a pair may share more than one hash
    std::sort(n.begin(), n.end());
    n.erase(std::unique(n.begin(), n.end()), n.end());
  }
  return out;
}

std::vector<uint32_t> MergeKeyVariants(const std::vector<std::string>& keys,
                                       const std::vector<uint64_t>& documents, size_t tag_size) {
  std::vector<uint32_t> order(keys.size()), canon(keys.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = canon[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return documents[a] != documents[b] ? documents[a] > documents[b] : keys[a] < keys[b];
  });
  const std::vector<std::vector<uint32_t>> near = KeyNeighbours(keys, tag_size);
  std::vector<bool> taken(keys.size(), false);
  for (uint32_t k : order) {
    if (taken[k]) continue;
    taken[k] = true;
    for (uint32_t v : near[k]) {
      if (!taken[v]) taken[v] = true, canon[v] = k;
    }
  }
  return canon;
}

}  // namespace dateline::search
