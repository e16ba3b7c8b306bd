#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <numeric>
#include <thread>

#include "index/inverter.h"
#include "index/merge.h"

namespace dateline::index {

namespace {

// Orders documents by (first day, last day, arrival).
std::vector<uint32_t> DateOrder(const std::vector<Document>& docs) {
  std::vector<std::pair<int64_t, uint32_t>> keys(docs.size());
  for (uint32_t i = 0; i < docs.size(); ++i) {
    const Date& d = docs[i].date;
    keys[i] = {(int64_t{d.FirstDay()} << 32) | static_cast<uint32_t>(d.LastDay() - d.FirstDay()),
               i};
  }
  std::sort(keys.begin(), keys.end());
  std::vector<uint32_t> order(docs.size());
  for (size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].second;
  return order;
}

// Runs fn(part) for parts [0, n) on up to `threads` threads.
template <typename Fn>
void Parallel(unsigned n, Fn&& fn) {
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < n; ++t) pool.emplace_back([&fn, t] { fn(t); });
  fn(0);
  for (auto& th : pool) th.join();
}

// Prints phase times to stderr when DATELINE_TIMING is set.
class Timer {
 public:
  Timer() : on_(std::getenv("DATELINE_TIMING") != nullptr) {}
  void Lap(const char* what) {
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr, "[timing] %s %.3f s\n", what,
                 std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }

 private:
  bool on_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace

Status BuildSegment(std::vector<Document>* docs, unsigned threads, const std::string& path) {
  const uint32_t n = static_cast<uint32_t>(docs->size());
  threads = std::max(1u, std::min(threads, n / 64 + 1));
  const std::vector<uint32_t> order = DateOrder(*docs);
  std::vector<DocColumns> cols(n);
  std::vector<Inverter> inv(threads);
  Timer timer;
  Parallel(threads, [&](unsigned t) {
    const uint32_t lo = static_cast<uint32_t>(uint64_t{n} * t / threads);
    const uint32_t hi = static_cast<uint32_t>(uint64_t{n} * (t + 1) / threads);
    for (uint32_t k = lo; k < hi; ++k) {
      Document& d = (*docs)[order[k]];
      ResolveLanguage(&d);
      cols[k] = inv[t].Add(d, k);
    }
  });
  // Language table.
  std::map<std::string, uint8_t> lang_ids;
  for (const auto& d : *docs) lang_ids.emplace(d.lang, 0);
  std::vector<std::string> langs;
  for (auto& [l, id] : lang_ids) {
    id = static_cast<uint8_t>(std::min<size_t>(langs.size(), 255));
    if (langs.size() < 256) langs.push_back(l);
  }
  for (uint32_t k = 0; k < n; ++k) cols[k].lang = lang_ids[(*docs)[order[k]].lang];

  // Terms in byte order; each thread's postings cover increasing doc ranges.
  std::vector<std::pair<std::string_view, PendingPostings*>> all;
  for (auto& i : inv) {
    for (uint32_t id = 0; id < i.term_count(); ++id) {
      PendingPostings& p = i.postings(id);
      if (!p.data.empty()) all.emplace_back(i.term(id), &p);
    }
  }
  timer.Lap("analyse");
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  timer.Lap("sort terms");
  SegmentWriter w(path);
  std::vector<uint32_t> tdocs, freqs, positions;
  for (size_t i = 0; i < all.size();) {
    size_t j = i + 1;
    PendingPostings* p = all[i].second;
    if (j < all.size() && all[j].first == all[i].first) {
      // Same term from several threads: concatenate in doc order.
      std::vector<PendingPostings*> parts;
      for (size_t k = i; k < all.size() && all[k].first == all[i].first; ++k, j = k) {
        parts.push_back(all[k].second);
      }
      std::sort(parts.begin(), parts.end(),
                [](auto* a, auto* b) { return a->first_doc() < b->first_doc(); });
      p = parts[0];
      for (size_t k = 1; k < parts.size(); ++k) {
        p->data.insert(p->data.end(), parts[k]->data.begin(), parts[k]->data.end());
      }
    }
    const bool positional = all[i].first[0] != kStemPrefix;
    UnpackPending(p->data, positional, &tdocs, &freqs, &positions);
    std::vector<uint32_t>().swap(p->data);  // release as we go
    w.AddTerm(all[i].first, tdocs.data(), freqs.data(), tdocs.size(),
              positional ? positions.data() : nullptr);
    i = j;
  }
  timer.Lap("postings");
  for (uint32_t k = 0; k < n; ++k) w.AddDocument((*docs)[order[k]], cols[k]);
  timer.Lap("store");
  Status s = w.Finish(langs);
  timer.Lap("write");
  return s;
}

}  // namespace dateline::index
