// Shared pieces of the link groups (copies, stories): a union-find over global
// document numbers and the lookup of a link's live target.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dateline/index.h"
#include "index/postings.h"
#include "index/segment.h"

namespace dateline::index {

/// Union-find over global document numbers (path halving; the smaller number
/// becomes the parent, so a root is its component's smallest number).
class LinkForest {
 public:
  explicit LinkForest(size_t n) : parent_(n) {
    for (size_t i = 0; i < n; ++i) parent_[i] = static_cast<uint32_t>(i);
  }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Union(uint32_t a, uint32_t b) {
    a = Find(a), b = Find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }
  std::vector<uint32_t>& parents() { return parent_; }

 private:
  std::vector<uint32_t> parent_;
};

/// The live document with `id` (the newest segment's first), as (segment,
/// doc); {0, kNoDoc} when none.
inline std::pair<size_t, uint32_t> FindLiveDocument(const std::vector<SegmentView>& segs,
                                                    std::string_view id) {
  for (size_t s = segs.size(); s-- > 0;) {
    const uint32_t d = segs[s].reader->FindId(id);
    if (d != kNoDoc && !segs[s].IsDeleted(d)) return {s, d};
  }
  return {0, kNoDoc};
}

/// A link term of a segment: its target's id (and, for copy links, the
/// target's text length) and its postings, the documents linking there.
struct LinkEntry {
  std::string id;
  uint32_t text_length = 0;
  size_t seg = 0;
  TermInfo info;
};

/// FindLiveDocument of every entry's id, into (*out)[i]: each distinct id is
/// looked up once, and the ids of one segment together (sorted, so a segment
/// with many of them is walked once instead of searched for each).
inline void FindLiveTargets(const std::vector<SegmentView>& segs,
                            const std::vector<LinkEntry>& links,
                            std::vector<std::pair<size_t, uint32_t>>* out) {
  std::vector<uint32_t> order(links.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return links[a].id < links[b].id; });
  std::vector<std::string_view> pending;  // distinct ids not found yet, sorted
  std::vector<uint32_t> first;            // per pending id: its first entry in `order`
  for (uint32_t i = 0; i < order.size(); ++i) {
    if (pending.empty() || pending.back() != links[order[i]].id) {
      pending.push_back(links[order[i]].id);
      first.push_back(i);
    }
  }
  std::vector<std::pair<size_t, uint32_t>> found_at(pending.size(), {0, kNoDoc});
  std::vector<uint32_t> where(pending.size()), found;
  for (uint32_t i = 0; i < where.size(); ++i) where[i] = i;
  for (size_t s = segs.size(); s-- > 0 && !pending.empty();) {
    found.resize(pending.size());
    segs[s].reader->FindIds(pending, found.data());
    size_t keep = 0;
    for (size_t i = 0; i < pending.size(); ++i) {
      if (found[i] != kNoDoc && !segs[s].IsDeleted(found[i])) {
        found_at[where[i]] = {s, found[i]};
      } else {
        pending[keep] = pending[i];
        where[keep++] = where[i];
      }
    }
    pending.resize(keep);
    where.resize(keep);
  }
  out->assign(links.size(), {0, kNoDoc});
  for (size_t j = 0; j < first.size(); ++j) {
    const size_t end = j + 1 < first.size() ? first[j + 1] : order.size();
    for (size_t i = first[j]; i < end; ++i) (*out)[order[i]] = found_at[j];
  }
}

/// Sorts the members of each group earliest first (first day, then id, then
/// number), and sets root[x] of every member to the earliest one; `groups`
/// becomes a map from that root to its members.
inline void OrderGroups(const std::vector<SegmentView>& segs,
                        const std::function<std::pair<size_t, uint32_t>(uint32_t)>& locate,
                        std::unordered_map<uint32_t, std::vector<uint32_t>>* groups,
                        std::vector<uint32_t>* root) {
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_root;
  by_root.reserve(groups->size());
  std::vector<std::pair<int32_t, uint32_t>> keyed;
  for (auto& [rep, members] : *groups) {
    keyed.clear();
    for (uint32_t m : members) {
      const auto [s, d] = locate(m);
      keyed.emplace_back(segs[s].reader->columns(d).first_day, m);
    }
    // The id is only needed between members of one day.
    std::sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first < b.first;
      const auto [sa, da] = locate(a.second);
      const auto [sb, db] = locate(b.second);
      const std::string ia = segs[sa].reader->IdOf(da), ib = segs[sb].reader->IdOf(db);
      return ia != ib ? ia < ib : a.second < b.second;
    });
    for (size_t i = 0; i < keyed.size(); ++i) members[i] = keyed[i].second;
    for (uint32_t m : members) (*root)[m] = members[0];
    by_root.emplace(members[0], std::move(members));
  }
  groups->swap(by_root);
}

/// Joins every live document of link `l`'s postings with `target` (a global
/// number; `global(seg, doc)` numbers the others) and marks both as touched.
/// False when the postings are damaged.
template <typename Global>
bool UnionLinked(const std::vector<SegmentView>& segs, const LinkEntry& l, uint32_t target,
                 Global global, LinkForest* forest, std::vector<bool>* touched) {
  PostingsCursor pc;
  segs[l.seg].reader->OpenCursor(l.info, &pc);
  for (uint32_t d = pc.doc(); d != kNoDoc; d = pc.Next()) {
    if (segs[l.seg].IsDeleted(d)) continue;
    forest->Union(global(l.seg, d), target);
    (*touched)[global(l.seg, d)] = true;
    (*touched)[target] = true;
  }
  return !pc.corrupt();
}

}  // namespace dateline::index
