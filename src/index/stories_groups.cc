// StoryGroups: the connected components of the story and copy links of a snapshot.
#include <algorithm>
#include <limits>
#include <tuple>

#include "dateline/index.h"
#include "index/link_forest.h"
#include "index/segment.h"
#include "index/stories.h"

namespace dateline {

namespace {

using index::kNoDoc;

using Forest = index::LinkForest;
using index::FindLiveDocument;

// Unions every live document of segment `s` with the live target of each of its story links.
Status LinkSegment(const std::vector<SegmentView>& segs, size_t s, const StoryGroups& g,
                   Forest* forest, std::vector<bool>* touched) {
  const index::SegmentReader& r = *segs[s].reader;
  index::SegmentReader::DictCursor cur(&r);
  for (cur.Seek(index::kStoryLinkPrefix); cur.valid(); cur.Next()) {
    std::string_view id;
    if (!index::ParseStoryLinkTerm(cur.term(), &id)) break;
    const auto [ts, td] = FindLiveDocument(segs, id);
    if (td == kNoDoc) continue;  // the target was deleted
    const uint32_t target = g.Global(ts, td);
    index::PostingsCursor pc;
    r.OpenCursor(cur.info(), &pc);
    for (uint32_t d = pc.doc(); d != kNoDoc; d = pc.Next()) {
      if (segs[s].IsDeleted(d)) continue;
      forest->Union(g.Global(s, d), target);
      (*touched)[g.Global(s, d)] = true;
      (*touched)[target] = true;
    }
    if (pc.corrupt()) return Status::Corruption(r.path() + ": damaged story link postings");
  }
  if (cur.corrupt()) return Status::Corruption(r.path() + ": damaged dictionary");
  return Status::OK();
}

}  // namespace

Status StoryGroups::Build(const std::vector<SegmentView>& segs, const CopyGroups& copies,
                          StoryGroups* out) {
  StoryGroups& g = *out;
  g = StoryGroups();
  uint64_t total = 0;
  for (const SegmentView& v : segs) {
    g.base_.push_back(static_cast<uint32_t>(total));
    total += v.reader->doc_count();
  }
  if (total > std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidArgument("stories: more than 2^32 documents");
  }
  Forest forest(total);
  std::vector<bool> touched(total, false);
  for (size_t s = 0; s < segs.size(); ++s) {
    DL_RETURN_IF_ERROR(LinkSegment(segs, s, g, &forest, &touched));
    for (uint32_t d = 0; d < segs[s].reader->doc_count(); ++d) {
      const uint32_t x = g.Global(s, d), root = copies.Root(s, d);
      if (root == x || segs[s].IsDeleted(d)) continue;
      forest.Union(x, root);
      touched[x] = touched[root] = true;
    }
  }
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_rep;
  for (uint32_t x = 0; x < total; ++x) {
    if (touched[x]) by_rep[forest.Find(x)].push_back(x);
  }
  g.root_.resize(total);
  for (uint32_t x = 0; x < total; ++x) g.root_[x] = x;
  auto key = [&](uint32_t x) {
    const auto [s, d] = g.Locate(x);
    return std::make_tuple(segs[s].reader->columns(d).first_day, segs[s].reader->IdOf(d), x);
  };
  for (auto& [rep, members] : by_rep) {
    std::sort(members.begin(), members.end(),
              [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
    for (uint32_t m : members) g.root_[m] = members[0];
    g.members_.emplace(members[0], std::move(members));
  }
  return Status::OK();
}

std::pair<size_t, uint32_t> StoryGroups::Locate(uint32_t global) const {
  const size_t s =
      static_cast<size_t>(std::upper_bound(base_.begin(), base_.end(), global) - base_.begin()) - 1;
  return {s, global - base_[s]};
}

const std::vector<uint32_t>* StoryGroups::Members(uint32_t root) const {
  auto it = members_.find(root);
  return it == members_.end() ? nullptr : &it->second;
}

}  // namespace dateline
