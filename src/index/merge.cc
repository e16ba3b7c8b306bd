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

// A stem term stays an alias of the word spelled like it when it is one in
// every input that has either term (then the merged lists are equal too).
bool MergedAlias(const std::vector<SegmentView>& inputs, std::string_view stem) {
  if (stem.empty() || stem[0] != kStemPrefix) return false;
  const std::string_view word = stem.substr(1);
  for (const SegmentView& in : inputs) {
    TermInfo s, w;
    const bool hs = in.reader->Find(stem, &s), hw = in.reader->Find(word, &w);
    if (!hs && !hw) continue;
    if (!hs || !hw || s.postings != w.postings || s.df != w.df) return false;
  }
  return true;
}

// Input pages are released every this many postings bytes read.
constexpr uint64_t kReleaseEvery = 128 << 20;

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
      live.push_back({DateOrderKey(c.first_day, c.last_day), s, d});
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
  std::vector<std::string> input_langs;
  for (const auto& in : inputs) {
    for (const auto& l : in.reader->languages()) input_langs.push_back(l);
  }
  LanguageTable langs = LanguageTable::Of(input_langs);

  std::vector<SegmentReader::DictCursor> lists;
  lists.reserve(inputs.size());
  for (const auto& in : inputs) lists.emplace_back(in.reader.get());
  using Head = std::pair<std::string, uint32_t>;
  std::priority_queue<Head, std::vector<Head>, std::greater<Head>> heads;
  for (uint32_t s = 0; s < lists.size(); ++s) {
    if (lists[s].valid()) heads.emplace(lists[s].term(), s);
  }
  uint64_t read_since_release = 0;
  // Moves input s past its current term.
  auto advance = [&](uint32_t s) -> Status {
    lists[s].Next();
    if (lists[s].corrupt())
      return Status::Corruption(inputs[s].reader->path() + ": bad dictionary");
    if (lists[s].valid()) heads.emplace(lists[s].term(), s);
    return Status::OK();
  };
  SegmentWriter w(path);
  std::vector<Entry> entries;
  std::vector<uint32_t> pos_pool, positions, docs, freqs, tmp;
  while (!heads.empty()) {
    const std::string term(heads.top().first);
    if (MergedAlias(inputs, term)) {
      w.AddAlias(term, std::string_view(term).substr(1));
      while (!heads.empty() && heads.top().first == term) {
        const uint32_t s = heads.top().second;
        heads.pop();
        DL_RETURN_IF_ERROR(advance(s));
      }
      continue;
    }
    entries.clear();
    pos_pool.clear();
    bool positional = false;
    while (!heads.empty() && heads.top().first == term) {
      const uint32_t s = heads.top().second;
      heads.pop();
      const TermInfo info = lists[s].info();
      const size_t pos_before = pos_pool.size();
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
      // Bytes of input touched, roughly: 4 per posting, 2 per position.
      read_since_release += info.df * 4ull + (pos_pool.size() - pos_before) * 2ull;
      DL_RETURN_IF_ERROR(advance(s));
    }
    if (read_since_release > kReleaseEvery) {
      for (const auto& in : inputs) in.reader->ReleasePages();
      read_since_release = 0;
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
  for (size_t i = 0; i < live.size(); ++i) {
    const Live& l = live[i];
    if (i % 65536 == 65535) {
      for (const auto& in : inputs) in.reader->ReleasePages();
    }
    const SegmentReader& r = *inputs[l.seg].reader;
    DL_RETURN_IF_ERROR(r.GetDocument(l.doc, &doc, &caches[l.seg]));
    DocColumns c = r.columns(l.doc);
    c.lang = langs.ids[r.languages()[c.lang]];
    w.AddDocument(doc, c);
  }
  return w.Finish(langs.codes);
}

}  // namespace dateline::index
