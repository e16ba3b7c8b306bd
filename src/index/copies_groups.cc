// CopyGroups: the connected components of the copy links of a snapshot.
#include <algorithm>
#include <limits>
#include <tuple>

#include "dateline/index.h"
#include "index/annotation_terms.h"
#include "index/copies.h"
#include "index/link_forest.h"
#include "index/segment.h"

namespace dateline {

namespace {

using index::kNoDoc;

using Forest = index::LinkForest;
using index::FindLiveDocument;

// Unions every live document of segment `s` with the live target of each of its link terms.
Status LinkSegment(const std::vector<SegmentView>& segs, size_t s, const CopyGroups& g,
                   Forest* forest, std::vector<bool>* touched) {
  const index::SegmentReader& r = *segs[s].reader;
  index::SegmentReader::DictCursor cur(&r);
  for (cur.Seek(index::kCopyLinkPrefix); cur.valid(); cur.Next()) {
    uint32_t len;
    std::string_view id;
    if (!index::ParseCopyLinkTerm(cur.term(), &len, &id)) break;
    const auto [ts, td] = FindLiveDocument(segs, id);
    // A target deleted, or replaced by a different text, drops out.
    if (td == kNoDoc || index::TextLength(segs[ts].reader->columns(td)) != len) continue;
    const uint32_t target = g.Global(ts, td);
    index::PostingsCursor pc;
    r.OpenCursor(cur.info(), &pc);
    for (uint32_t d = pc.doc(); d != kNoDoc; d = pc.Next()) {
      if (segs[s].IsDeleted(d)) continue;
      forest->Union(g.Global(s, d), target);
      (*touched)[g.Global(s, d)] = true;
      (*touched)[target] = true;
    }
    if (pc.corrupt()) return Status::Corruption(r.path() + ": damaged copy link postings");
  }
  if (cur.corrupt()) return Status::Corruption(r.path() + ": damaged dictionary");
  return Status::OK();
}

}  // namespace

Status CopyGroups::Build(const std::vector<SegmentView>& segs, CopyGroups* out) {
  CopyGroups& g = *out;
  g = CopyGroups();
  uint64_t total = 0;
  for (const SegmentView& v : segs) {
    g.base_.push_back(static_cast<uint32_t>(total));
    total += v.reader->doc_count();
  }
  if (total > std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidArgument("copy groups: more than 2^32 documents");
  }
  Forest forest(total);
  std::vector<bool> touched(total, false);
  for (size_t s = 0; s < segs.size(); ++s) {
    DL_RETURN_IF_ERROR(LinkSegment(segs, s, g, &forest, &touched));
  }
  for (uint32_t x = 0; x < total; ++x) {
    if (touched[x]) g.members_[forest.Find(x)].push_back(x);
  }
  g.root_.swap(forest.parents());
  for (uint32_t x = 0; x < total; ++x) g.root_[x] = x;
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_root;
  for (auto& [rep, members] : g.members_) {
    auto key = [&](uint32_t x) {
      const auto [s, d] = g.Locate(x);
      return std::make_tuple(segs[s].reader->columns(d).first_day, segs[s].reader->IdOf(d), x);
    };
    std::sort(members.begin(), members.end(),
              [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
    for (uint32_t m : members) g.root_[m] = members[0];
    by_root.emplace(members[0], std::move(members));
  }
  g.members_.swap(by_root);
  return Status::OK();
}

std::pair<size_t, uint32_t> CopyGroups::Locate(uint32_t global) const {
  const size_t s =
      static_cast<size_t>(std::upper_bound(base_.begin(), base_.end(), global) - base_.begin()) - 1;
  return {s, global - base_[s]};
}

const std::vector<uint32_t>* CopyGroups::Members(uint32_t root) const {
  auto it = members_.find(root);
  return it == members_.end() ? nullptr : &it->second;
}

}  // namespace dateline
