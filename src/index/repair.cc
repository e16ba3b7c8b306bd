// dateline repair: keeps every segment that passes a deep check and drops the
// others from the commit (doc/index-format.md, "Damage and repair").
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dateline/index.h"
#include "index/manifest.h"
#include "index/segment.h"
#include "util/file.h"

namespace dateline {

namespace {

// The decimal number at `at` in a file name ("seg-000012.dls", "del-000015.seg-000012"), or 0.
uint64_t FileNumber(const std::string& name, size_t at) {
  uint64_t n = 0;
  size_t i = at;
  for (; i < name.size() && name[i] >= '0' && name[i] <= '9'; ++i) n = n * 10 + (name[i] - '0');
  return i > at ? n : 0;
}

// Checks one segment of the manifest: the file, then its deletions.
void CheckSegment(const std::string& dir, const index::ManifestSegment& ms, RepairReport* report,
                  index::ManifestSegment* kept, bool* keep) {
  const uint32_t live = ms.doc_count - ms.deleted_count;
  std::unique_ptr<index::SegmentReader> r;
  Status s = index::SegmentReader::Open(dir + "/" + ms.file, &r);
  if (s.ok() && r->doc_count() != ms.doc_count) {
    s = Status::Corruption(ms.file + ": document count differs from the manifest");
  }
  if (s.ok()) s = r->CheckDeep();
  *keep = s.ok();
  *kept = ms;
  if (!s.ok()) {
    report->damaged.push_back({ms.file, s.message(), live, 0});
    report->documents_lost += live;
    return;
  }
  report->documents_kept += live;
  if (ms.deletions.empty()) return;
  std::vector<uint64_t> bits;
  uint32_t count = 0;
  s = index::ReadDeletions(dir + "/" + ms.deletions, ms.doc_count, &bits, &count);
  if (s.ok() && count != ms.deleted_count) {
    s = Status::Corruption(ms.deletions + ": deleted count differs from the manifest");
  }
  if (s.ok()) return;
  // Without its deletions the segment's deleted documents come back.
  report->damaged.push_back({ms.deletions, s.message(), 0, ms.deleted_count});
  report->documents_kept += ms.deleted_count;
  kept->deletions.clear();
  kept->deleted_count = 0;
}

// Rebuilds a manifest from the segment and deletion files present, when the
// manifest cannot be read: every segment file that opens, with its newest
// readable deletion file.
Status RebuildManifest(const std::string& dir, index::Manifest* m) {
  std::vector<std::string> names;
  DL_RETURN_IF_ERROR(file::ListDir(dir, &names));
  std::map<uint64_t, std::string> segs;               // number -> file
  std::map<uint64_t, std::vector<std::string>> dels;  // segment number -> deletion files
  uint64_t top = 0;
  for (const auto& n : names) {
    if (n.rfind("del-", 0) == 0) {  // "del-000004.seg-000001"
      const size_t seg = n.find(".seg-");
      if (seg == std::string::npos || FileNumber(n, seg + 5) == 0) continue;
      top = std::max(top, FileNumber(n, 4));
      dels[FileNumber(n, seg + 5)].push_back(n);
    } else if (n.rfind("seg-", 0) == 0 && n.size() > 8 && n.compare(n.size() - 4, 4, ".dls") == 0 &&
               FileNumber(n, 4) > 0) {
      top = std::max(top, FileNumber(n, 4));
      segs[FileNumber(n, 4)] = n;
    }
  }
  m->segments.clear();
  for (const auto& [num, name] : segs) {
    std::unique_ptr<index::SegmentReader> r;
    if (!index::SegmentReader::Open(dir + "/" + name, &r).ok()) continue;
    index::ManifestSegment ms;
    ms.file = name;
    ms.doc_count = r->doc_count();
    auto& candidates = dels[num];
    std::sort(candidates.rbegin(), candidates.rend());
    for (const auto& d : candidates) {
      std::vector<uint64_t> bits;
      uint32_t count = 0;
      if (index::ReadDeletions(dir + "/" + d, ms.doc_count, &bits, &count).ok()) {
        ms.deletions = d;
        ms.deleted_count = count;
        break;
      }
    }
    m->segments.push_back(std::move(ms));
  }
  m->next_file = top + 1;
  return Status::OK();
}

// Moves `name` into dir/damaged/ (kept for inspection; the writer never removes it).
Status SetAside(const std::string& dir, const std::string& name) {
  const std::string from = dir + "/" + name, to = dir + "/damaged/" + name;
  if (!file::Exists(from)) return Status::OK();  // a missing file: nothing to keep
  DL_RETURN_IF_ERROR(file::MakeDirs(dir + "/damaged"));
  return file::Rename(from, to);
}

}  // namespace

Status RepairIndex(const std::string& dir, bool dry_run, RepairReport* out) {
  *out = RepairReport{};
  std::vector<std::string> present;
  if (!file::ListDir(dir, &present).ok()) return Status::NotFound(dir + ": no such directory");
  if (std::none_of(present.begin(), present.end(), [](const std::string& n) {
        return n == "CURRENT" || n.rfind("seg-", 0) == 0;
      })) {
    return Status::NotFound(dir + ": no dateline index here");
  }
  std::unique_ptr<file::FileLock> lock;
  DL_RETURN_IF_ERROR(file::FileLock::Acquire(dir + "/LOCK", &lock));
  index::Manifest m;
  std::string manifest_name;
  Status s = index::ReadCurrentManifest(dir, &m, &manifest_name);
  if (!s.ok()) {
    out->manifest_problem = s.message();
    DL_RETURN_IF_ERROR(RebuildManifest(dir, &m));
    if (m.segments.empty()) return Status::NotFound(dir + ": no readable segment to salvage");
    // A generation above any manifest file left in the directory.
    std::vector<std::string> names;
    DL_RETURN_IF_ERROR(file::ListDir(dir, &names));
    for (const auto& n : names) {
      if (n.rfind("MANIFEST-", 0) == 0) m.generation = std::max(m.generation, FileNumber(n, 9));
    }
  }
  index::Manifest next = m;
  next.segments.clear();
  for (const auto& ms : m.segments) {
    index::ManifestSegment kept;
    bool keep = false;
    CheckSegment(dir, ms, out, &kept, &keep);
    if (keep) next.segments.push_back(kept);
  }
  out->segments_kept = next.segments.size();
  if (!out->needed() || dry_run) return Status::OK();
  next.generation = m.generation + 1;
  DL_RETURN_IF_ERROR(index::WriteManifest(dir, next));
  for (const auto& d : out->damaged) DL_RETURN_IF_ERROR(SetAside(dir, d.file));
  out->repaired = true;
  return file::SyncDir(dir);
}

}  // namespace dateline
