// Shared helpers of the fault tests (crash_boundary_test, disk_full_test): a corpus in batches
// with one commit each, the expected documents after any sequence of batches, the documents an
// index holds (id -> title, duplicates found), the boundaries a run crosses (the test-only hook
// DATELINE_CRASH_COUNT of src/util/file.cc, doc/testing.md), and checks of a committed state.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_util.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace dateline::testing::fault {

namespace fs = std::filesystem;
using cli::Describe;
using cli::Dl;
using cli::Env;
using cli::Json;
using cli::RunResult;

constexpr bool kSanitized = dateline::testutil::kSanitized;

// Under sanitizers every step is several times slower: enumerate every `kStride`-th boundary.
constexpr int kStride = kSanitized ? 3 : 1;

// ---------------------------------------------------------------------------
// Corpus: batch b holds `per` new articles b<b>-<i> titled "v<b> ..."; every batch from
// kReviseFrom on also revises (replaces) the first kRevised articles of batch b - 3.

constexpr int kReviseFrom = 3;
constexpr int kRevised = 4;

using Docs = std::map<std::string, std::string>;  // id -> title

inline std::string DocId(int batch, int i) {
  return "b" + std::to_string(batch) + "-" + std::to_string(i);
}

inline std::string Article(const std::string& id, int version, int seed) {
  static const char* kWords[] = {"harbour", "ferry",  "council", "bridge", "storm",  "market",
                                 "vote",    "river",  "school",  "rail",   "museum", "festival",
                                 "budget",  "strike", "court",   "port",   "tower",  "garden"};
  uint32_t x = 2654435761u * static_cast<uint32_t>(seed + 1);
  std::string text;
  for (int w = 0; w < 60 + seed % 40; ++w) {
    x = x * 1664525u + 1013904223u;
    text += kWords[(x >> 16) % 18];
    text += w % 12 == 11 ? ". " : " ";
  }
  char head[200];
  std::snprintf(head, sizeof head,
                "{\"id\":\"%s\",\"date\":\"20%02d-%02d-%02d\",\"lang\":\"en\",\"title\":\"v%d %s\","
                "\"text\":\"",
                id.c_str(), 10 + seed % 12, seed % 12 + 1, seed % 28 + 1, version, id.c_str());
  return head + text + id + "\"}\n";
}

inline std::string Title(const std::string& id, int version) {
  return "v" + std::to_string(version) + " " + id;
}

// The records of batch `b` as JSON Lines, and what applying them does to `docs`.
inline std::string BatchJsonl(int b, int per) {
  std::string out;
  for (int i = 0; i < per; ++i) out += Article(DocId(b, i), b, b * 1000 + i);
  if (b >= kReviseFrom) {
    for (int i = 0; i < kRevised; ++i) out += Article(DocId(b - 3, i), b, b * 1000 + 500 + i);
  }
  return out;
}

inline void Apply(Docs* docs, int b, int per) {
  for (int i = 0; i < per; ++i) (*docs)[DocId(b, i)] = Title(DocId(b, i), b);
  if (b >= kReviseFrom) {
    for (int i = 0; i < kRevised; ++i) (*docs)[DocId(b - 3, i)] = Title(DocId(b - 3, i), b);
  }
}

inline Docs AfterBatches(int n, int per) {
  Docs d;
  for (int b = 0; b < n; ++b) Apply(&d, b, per);
  return d;
}

// ---------------------------------------------------------------------------
// Probing an index.

// What `check` says of a committed index: "ok: D documents in S segments, commit G".
struct Checked {
  bool ok = false;
  long long documents = -1, segments = -1;
  RunResult run;
};

inline Checked Check(const std::string& index) {
  Checked c;
  c.run = Dl({"check", "--index", index});
  unsigned long long g = 0;
  c.ok = c.run.code == 0 && !cli::LooksLikeCrash(c.run) &&
         std::sscanf(c.run.out.c_str(), "ok: %lld documents in %lld segments, commit %llu",
                     &c.documents, &c.segments, &g) == 3;
  return c;
}

// The documents of the index: every hit of "*" (id -> title). `error` explains a failure;
// a duplicate id, or a total that differs from the hits or from `documents`, is an error.
inline bool ReadDocs(const std::string& index, long long documents, Docs* docs,
                     std::string* error) {
  docs->clear();
  RunResult r = Dl({"search", "--json", "--limit", "1000000", "--index", index, "*"});
  Json j(r.out);
  simdjson::dom::array hits;
  if (r.code != 0 || !j.ok || j.root["hits"].get(hits) != simdjson::SUCCESS) {
    *error = "search failed: " + Describe(r);
    return false;
  }
  for (auto h : hits) {
    const std::string id = cli::GetStr(h, "id");
    if (!docs->emplace(id, cli::GetStr(h, "title")).second) {
      *error = "duplicate document " + id;
      return false;
    }
  }
  const int64_t total = cli::GetInt(j.root, "total");
  if (total != static_cast<int64_t>(docs->size()) || total != documents) {
    *error = "search total " + std::to_string(total) + ", hits " + std::to_string(docs->size()) +
             ", check's documents " + std::to_string(documents);
    return false;
  }
  return true;
}

inline std::string DescribeDiff(const Docs& got, const Docs& want) {
  std::string out;
  int shown = 0;
  for (const auto& [id, t] : want) {
    auto it = got.find(id);
    if (it == got.end()) {
      if (shown++ < 5) out += " missing " + id + ";";
    } else if (it->second != t) {
      if (shown++ < 5) out += " " + id + " is '" + it->second + "' not '" + t + "';";
    }
  }
  for (const auto& [id, t] : got) {
    if (!want.count(id) && shown++ < 5) out += " unexpected " + id + ";";
  }
  return std::to_string(got.size()) + " documents, expected " + std::to_string(want.size()) + ":" +
         out;
}

inline int64_t Segments(const std::string& index) {
  RunResult r = Dl({"stats", "--json", "--index", index});
  Json j(r.out);
  return r.code == 0 && j.ok ? cli::GetInt(j.root, "segments") : -1;
}

// Names in the index directory that a clean writer leaves nowhere: temporary files.
inline std::vector<std::string> TempFiles(const std::string& index) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(index, ec)) {
    const std::string n = e.path().filename().string();
    if (n.size() > 4 && n.substr(n.size() - 4) == ".tmp") out.push_back(n);
  }
  return out;
}

inline int64_t SegmentFiles(const std::string& index) {
  int64_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(index, ec)) {
    const std::string name = e.path().filename().string();
    n += name.rfind("seg-", 0) == 0 && name.find(".tmp") == std::string::npos;
  }
  return n;
}

// Which of `states` the index holds (its index in `states`), or -1 with `why` set. A state
// with no documents also matches an index directory without a commit yet, if readers say so
// cleanly. A committed index must pass `check`. `segments` (if set) receives its segment count.
inline int MatchState(const std::string& index, const std::vector<Docs>& states, std::string* why,
                      long long* segments = nullptr) {
  if (!fs::exists(index + "/CURRENT")) {
    RunResult st = Dl({"stats", "--index", index});
    if (st.code != 1 || st.err.find("no dateline index") == std::string::npos ||
        cli::LooksLikeCrash(st)) {
      *why = "no CURRENT, and stats does not say so cleanly: " + Describe(st);
      return -1;
    }
    for (size_t i = 0; i < states.size(); ++i) {
      if (states[i].empty()) return static_cast<int>(i);
    }
    *why = "no commit at all (CURRENT missing), but a committed state was expected";
    return -1;
  }
  const Checked c = Check(index);
  if (!c.ok) {
    *why = "check failed: " + Describe(c.run);
    return -1;
  }
  if (segments != nullptr) *segments = c.segments;
  Docs got;
  if (!ReadDocs(index, c.documents, &got, why)) return -1;
  for (size_t i = 0; i < states.size(); ++i) {
    if (got == states[i]) return static_cast<int>(i);
  }
  *why = "the documents are no committed state: " + DescribeDiff(got, states.back());
  return -1;
}

// A clean writer's directory: no temporary file, every segment file referenced (`segs`: the
// segment count, if known).
inline std::string Leftovers(const std::string& index, long long segs = -1) {
  std::string out;
  for (const auto& t : TempFiles(index)) out += " " + t;
  if (segs < 0) segs = Segments(index);
  const int64_t files = SegmentFiles(index);
  if (files != segs) {
    out += " " + std::to_string(files) + " segment files for " + std::to_string(segs) + " segments";
  }
  return out;
}

// ---------------------------------------------------------------------------
// Boundaries (DATELINE_CRASH_COUNT lines: "<n> <op> <bytes written so far> <path>").

struct Boundary {
  int64_t n = 0;
  std::string op, path;
  int64_t bytes = 0;
  std::string Name() const {
    return "#" + std::to_string(n) + " " + op + " " + fs::path(path).filename().string();
  }
};

inline std::vector<Boundary> ReadBoundaries(const std::string& log) {
  std::vector<Boundary> out;
  std::ifstream f(log);
  std::string line;
  while (std::getline(f, line)) {
    std::istringstream in(line);
    Boundary b;
    in >> b.n >> b.op >> b.bytes;
    std::getline(in, b.path);
    if (!b.path.empty() && b.path[0] == ' ') b.path.erase(0, 1);
    out.push_back(b);
  }
  return out;
}

// Index of the first completed rename of CURRENT.tmp: the commit point. -1 if none.
inline int CommitPoint(const std::vector<Boundary>& bs) {
  for (size_t i = 0; i < bs.size(); ++i) {
    if (bs[i].op == "rename" && fs::path(bs[i].path).filename() == "CURRENT.tmp") {
      return static_cast<int>(i);
    }
  }
  return -1;
}

inline void CopyIndex(const std::string& from, const std::string& to) {
  std::error_code ec;
  fs::remove_all(to, ec);
  if (fs::exists(from)) {
    fs::copy(from, to, fs::copy_options::recursive);
  } else {
    fs::create_directories(to);
  }
}

// Kills per kind, printed by each test.
struct KillCounter {
  std::map<std::string, int> by_kind;
  void Add(const std::string& kind) { ++by_kind[kind]; }
  int Total() const {
    int n = 0;
    for (const auto& [k, v] : by_kind) n += v;
    return n;
  }
  void Print(const char* test) const {
    std::printf("[ kills ] %s:", test);
    for (const auto& [k, v] : by_kind) std::printf(" %s %d,", k.c_str(), v);
    std::printf(" total %d\n", Total());
    std::fflush(stdout);
  }
};

}  // namespace dateline::testing::fault
