#include "index/merge.h"

#include <algorithm>
#include <map>
#include <queue>

#include "index/segment.h"

namespace dateline::index {

namespace {

struct Live {
  int64_t key;  // first day << 32 | span
  uint32_t seg, doc;
};

struct TermList {
  std::vector<std::pair<std::string, TermInfo>> terms;
  size_t next = 0;
};

Status LoadTerms(const SegmentReader& r, TermList* out) {
  return r.ForEachTerm([out](std::string_view t, const TermInfo& info) {
    out->terms.emplace_back(std::string(t), info);
    return true;
  });
}

const TermInfo* FindIn(const TermList& tl, std::string_view term) {
  auto it = std::lower_bound(
      tl.terms.begin(), tl.terms.end(), term,
      [](const std::pair<std::string, TermInfo>& e, std::string_view t) { return e.first < t; });
  return it != tl.terms.end() && it->first == term ? &it->second : nullptr;
}

// A stem term stays an alias of the word spelled like it when it is one in
// every input that has either term (then the merged lists are equal too).
bool MergedAlias(const std::vector<TermList>& lists, std::string_view stem) {
  if (stem.empty() || stem[0] != kStemPrefix) return false;
  const std::string_view word = stem.substr(1);
  for (const TermList& tl : lists) {
    const TermInfo* s = FindIn(tl, stem);
    const TermInfo* w = FindIn(tl, word);
    if (!s && !w) continue;
    if (!s || !w || s->postings != w->postings || s->df != w->df) return false;
  }
  return true;
}

struct Entry {
  uint32_t doc, freq;
  size_t pos_at;
};

}  // namespace

Status MergeSegments(const std::vector<SegmentView>& inputs, const std::string& path,
                     uint32_t* doc_count) {
  // New numbering: live documents in date order, ties by (segment, doc).
  std::vector<Live> live;
  for (uint32_t s = 0; s < inputs.size(); ++s) {
    const auto& r = *inputs[s].reader;
    for (uint32_t d = 0; d < r.doc_count(); ++d) {
      if (inputs[s].IsDeleted(d)) continue;
      const auto& c = r.columns(d);
      live.push_back(
          {(int64_t{c.first_day} << 32) | static_cast<uint32_t>(c.last_day - c.first_day), s, d});
    }
  }
  *doc_count = static_cast<uint32_t>(live.size());
  if (live.empty()) return Status::OK();
  std::stable_sort(live.begin(), live.end(), [](const Live& a, const Live& b) {
    return std::tie(a.key, a.seg, a.doc) < std::tie(b.key, b.seg, b.doc);
  });
  std::vector<std::vector<uint32_t>> remap(inputs.size());
  for (uint32_t s = 0; s < inputs.size(); ++s) {
    remap[s].assign(inputs[s].reader->doc_count(), kNoDoc);
  }
  for (uint32_t i = 0; i < live.size(); ++i) remap[live[i].seg][live[i].doc] = i;

  // Language table: union of the inputs'.
  std::map<std::string, uint8_t> lang_ids;
  for (const auto& in : inputs) {
    for (const auto& l : in.reader->languages()) lang_ids.emplace(l, 0);
  }
  std::vector<std::string> langs;
  for (auto& [l, id] : lang_ids) {
    id = static_cast<uint8_t>(std::min<size_t>(langs.size(), 255));
    if (langs.size() < 256) langs.push_back(l);
  }

  std::vector<TermList> lists(inputs.size());
  for (size_t s = 0; s < inputs.size(); ++s)
    DL_RETURN_IF_ERROR(LoadTerms(*inputs[s].reader, &lists[s]));
  using Head = std::pair<std::string_view, uint32_t>;
  std::priority_queue<Head, std::vector<Head>, std::greater<Head>> heads;
  for (uint32_t s = 0; s < lists.size(); ++s) {
    if (!lists[s].terms.empty()) heads.emplace(lists[s].terms[0].first, s);
  }
  SegmentWriter w(path);
  std::vector<Entry> entries;
  std::vector<uint32_t> pos_pool, positions, docs, freqs, tmp;
  while (!heads.empty()) {
    const std::string term(heads.top().first);
    if (MergedAlias(lists, term)) {
      w.AddAlias(term, std::string_view(term).substr(1));
      while (!heads.empty() && heads.top().first == term) {
        const uint32_t s = heads.top().second;
        heads.pop();
        TermList& tl = lists[s];
        if (++tl.next < tl.terms.size()) heads.emplace(tl.terms[tl.next].first, s);
      }
      continue;
    }
    entries.clear();
    pos_pool.clear();
    bool positional = false;
    while (!heads.empty() && heads.top().first == term) {
      const uint32_t s = heads.top().second;
      heads.pop();
      TermList& tl = lists[s];
      const TermInfo& info = tl.terms[tl.next].second;
      positional |= info.positional;
      PostingsCursor c;
      inputs[s].reader->OpenCursor(info, &c);
      for (uint32_t d = c.doc(); d != kNoDoc; d = c.Next()) {
        if (remap[s][d] == kNoDoc) continue;
        entries.push_back({remap[s][d], c.freq(), pos_pool.size()});
        if (info.positional) {
          c.Positions(&tmp);
          pos_pool.insert(pos_pool.end(), tmp.begin(), tmp.end());
        }
      }
      if (c.corrupt()) return Status::Corruption(inputs[s].reader->path() + ": bad postings");
      if (++tl.next < tl.terms.size()) heads.emplace(tl.terms[tl.next].first, s);
    }
    if (entries.empty()) continue;
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.doc < b.doc; });
    docs.clear();
    freqs.clear();
    positions.clear();
    for (const Entry& e : entries) {
      docs.push_back(e.doc);
      freqs.push_back(e.freq);
      if (positional) {
        positions.insert(positions.end(), pos_pool.begin() + static_cast<ptrdiff_t>(e.pos_at),
                         pos_pool.begin() + static_cast<ptrdiff_t>(e.pos_at + e.freq));
      }
    }
    w.AddTerm(term, docs.data(), freqs.data(), docs.size(),
              positional ? positions.data() : nullptr);
  }
  std::vector<SegmentReader::StoreCache> caches(inputs.size());
  Document doc;
  for (const Live& l : live) {
    const SegmentReader& r = *inputs[l.seg].reader;
    DL_RETURN_IF_ERROR(r.GetDocument(l.doc, &doc, &caches[l.seg]));
    DocColumns c = r.columns(l.doc);
    c.lang = lang_ids[r.languages()[c.lang]];
    w.AddDocument(doc, c);
  }
  return w.Finish(langs);
}

}  // namespace dateline::index
