#include <algorithm>
#include <atomic>
#include <map>
#include <thread>
#include <unordered_set>

#include "dateline/index.h"
#include "index/manifest.h"
#include "index/segment.h"

namespace dateline {

namespace {

// A writer may replace the commit while we open it; retry a few times.
constexpr int kOpenAttempts = 8;

Status OpenSnapshot(const std::string& dir, const index::Manifest& m,
                    std::vector<SegmentView>* out) {
  out->clear();
  for (const auto& ms : m.segments) {
    std::unique_ptr<index::SegmentReader> r;
    DL_RETURN_IF_ERROR(index::SegmentReader::Open(dir + "/" + ms.file, &r));
    if (r->doc_count() != ms.doc_count) {
      return Status::Corruption(dir + "/" + ms.file + ": document count differs from manifest");
    }
    r->KeepUnionsFirstRead();  // queries read the same stems again
    SegmentView v;
    if (!ms.deletions.empty()) {
      auto bits = std::make_shared<std::vector<uint64_t>>();
      uint32_t count = 0;
      DL_RETURN_IF_ERROR(
          index::ReadDeletions(dir + "/" + ms.deletions, ms.doc_count, bits.get(), &count));
      if (count != ms.deleted_count) {
        return Status::Corruption(dir + "/" + ms.deletions + ": count differs from manifest");
      }
      v.deleted = std::move(bits);
      v.deleted_count = count;
    }
    v.reader = std::move(r);
    out->push_back(std::move(v));
  }
  return Status::OK();
}

}  // namespace

IndexReader::~IndexReader() = default;

Status IndexReader::Open(const std::string& dir, std::unique_ptr<IndexReader>* out) {
  Status s;
  for (int attempt = 0; attempt < kOpenAttempts; ++attempt) {
    index::Manifest m;
    std::string name;
    s = index::ReadCurrentManifest(dir, &m, &name);
    if (s.ok()) {
      std::unique_ptr<IndexReader> r(new IndexReader());
      s = OpenSnapshot(dir, m, &r->segments_);
      if (s.ok()) {
        static std::atomic<uint64_t> next_instance{1};
        r->instance_id_ = next_instance++;
        r->dir_ = dir;
        r->generation_ = m.generation;
        uint64_t len = 0, docs = 0;
        for (const auto& v : r->segments_) {
          r->live_ += v.reader->doc_count() - v.deleted_count;
          len += v.reader->total_length();
          docs += v.reader->doc_count();
        }
        r->avg_len_ = docs ? static_cast<double>(len) / static_cast<double>(docs) : 1.0;
        *out = std::move(r);
        return Status::OK();
      }
    }
    // A missing file right after reading CURRENT means a commit raced us.
    if (!s.IsNotFound() || !file::Exists(dir + "/CURRENT")) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(5 << attempt));
  }
  return s;
}

Status IndexReader::Get(std::string_view id, Document* doc) const {
  for (auto it = segments_.rbegin(); it != segments_.rend(); ++it) {
    const uint32_t d = it->reader->FindId(id);
    if (d != index::kNoDoc && !it->IsDeleted(d)) return it->reader->GetDocument(d, doc);
  }
  return Status::NotFound("no document with id '" + std::string(id) + "'");
}

Status IndexReader::Damage() const {
  for (const SegmentView& v : segments_) DL_RETURN_IF_ERROR(v.reader->Damage());
  return Status::OK();
}

IndexStats IndexReader::Stats() const {
  IndexStats st;
  st.segments = static_cast<uint32_t>(segments_.size());
  st.generation = generation_;
  st.bytes = file::DiskUsage(dir_);
  static const char* kNames[index::kNumSections] = {
      "postings",    "positions", "dictionary", "dictionary index", "columns",   "store",
      "store index", "ids",       "meta",       "block bounds",     "chunk sums"};
  for (uint32_t s = 0; s < index::kNumSections; ++s) st.sections.emplace_back(kNames[s], 0);
  for (const auto& v : segments_) {
    for (uint32_t s = 0; s < index::kNumSections; ++s) {
      st.sections[s].second += v.reader->section(static_cast<index::Section>(s)).size();
    }
    st.terms += v.reader->term_count();
  }
  std::map<std::string, uint64_t> langs;
  bool first = true;
  for (const auto& v : segments_) {
    const auto& r = *v.reader;
    st.deleted += v.deleted_count;
    for (uint32_t d = 0; d < r.doc_count(); ++d) {
      if (v.IsDeleted(d)) continue;
      const auto& c = r.columns(d);
      ++st.documents;
      ++langs[r.languages()[c.lang]];
      if (first || c.first_day < st.first_day) st.first_day = c.first_day;
      if (first || c.last_day > st.last_day) st.last_day = c.last_day;
      first = false;
    }
  }
  st.languages.assign(langs.begin(), langs.end());
  std::stable_sort(st.languages.begin(), st.languages.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return st;
}

Status IndexReader::Check() const {
  std::unordered_set<std::string> ids;
  Document doc;
  for (const auto& v : segments_) {
    const auto& r = *v.reader;
    DL_RETURN_IF_ERROR(r.CheckDeep());
    for (uint32_t d = 0; d < r.doc_count(); ++d) {
      if (v.IsDeleted(d)) continue;
      DL_RETURN_IF_ERROR(r.GetDocument(d, &doc));
      if (!ids.insert(doc.id).second) {
        return Status::Corruption(r.path() + ": id '" + doc.id + "' is live in two places");
      }
    }
  }
  if (ids.size() != live_) return Status::Corruption(dir_ + ": live document count mismatch");
  return Status::OK();
}

Status IndexReader::Copies(const CopyGroups** out) const {
  std::call_once(copies_once_, [this] { copies_status_ = CopyGroups::Build(segments_, &copies_); });
  *out = &copies_;
  return copies_status_;
}

Status IndexReader::Stories(const StoryGroups** out) const {
  std::call_once(stories_once_, [this] {
    const CopyGroups* copies;
    stories_status_ = Copies(&copies);
    if (stories_status_.ok()) stories_status_ = StoryGroups::Build(segments_, *copies, &stories_);
  });
  *out = &stories_;
  return stories_status_;
}

Status IndexReader::CopyGroup(std::string_view id, std::vector<std::string>* members) const {
  members->clear();
  for (size_t s = segments_.size(); s-- > 0;) {
    const SegmentView& v = segments_[s];
    const uint32_t d = v.reader->FindId(id);
    if (d == index::kNoDoc || v.IsDeleted(d)) continue;
    const CopyGroups* g;
    DL_RETURN_IF_ERROR(Copies(&g));
    const std::vector<uint32_t>* m = g->Members(g->Root(s, d));
    if (m == nullptr) {
      members->emplace_back(id);
      return Status::OK();
    }
    for (uint32_t x : *m) {
      const auto [ms, md] = g->Locate(x);
      members->emplace_back(segments_[ms].reader->IdOf(md));
    }
    return Status::OK();
  }
  return Status::NotFound("no document with id '" + std::string(id) + "'");
}

}  // namespace dateline
