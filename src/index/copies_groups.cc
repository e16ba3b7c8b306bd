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

// Appends the copy link terms of segment `s` to *links.
Status ReadLinks(const std::vector<SegmentView>& segs, size_t s,
                 std::vector<index::LinkEntry>* links) {
  const index::SegmentReader& r = *segs[s].reader;
  index::SegmentReader::DictCursor cur(&r);
  for (cur.Seek(index::kCopyLinkPrefix); cur.valid(); cur.Next()) {
    uint32_t len;
    std::string_view id;
    if (!index::ParseCopyLinkTerm(cur.term(), &len, &id)) break;
    links->push_back({std::string(id), len, s, cur.info()});
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
  std::vector<index::LinkEntry> links;
  for (size_t s = 0; s < segs.size(); ++s) DL_RETURN_IF_ERROR(ReadLinks(segs, s, &links));
  std::vector<std::pair<size_t, uint32_t>> targets;
  index::FindLiveTargets(segs, links, &targets);
  Forest forest(total);
  std::vector<bool> touched(total, false);
  for (size_t i = 0; i < links.size(); ++i) {
    const auto [ts, td] = targets[i];
    // A target deleted, or replaced by a different text, drops out.
    if (td == kNoDoc || index::TextLength(segs[ts].reader->columns(td)) != links[i].text_length) {
      continue;
    }
    auto global = [&g](size_t seg, uint32_t d) { return g.Global(seg, d); };
    if (!index::UnionLinked(segs, links[i], g.Global(ts, td), global, &forest, &touched)) {
      return Status::Corruption(segs[links[i].seg].reader->path() + ": damaged copy link postings");
    }
  }
  for (uint32_t x = 0; x < total; ++x) {
    if (touched[x]) g.members_[forest.Find(x)].push_back(x);
  }
  g.root_.swap(forest.parents());
  for (uint32_t x = 0; x < total; ++x) g.root_[x] = x;
  index::OrderGroups(
      segs, [&](uint32_t x) { return g.Locate(x); }, &g.members_, &g.root_);
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
