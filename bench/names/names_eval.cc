// Evaluation of the name keys (doc/entity-keys.md): precision and recall of
// merging on bench/names/pairs.tsv, and names per second.
//
//   names_eval PAIRS.tsv            figures per source, rules only and with tables
//   names_eval --keys [TYPE]        reads names from stdin, prints name TAB key
//
// pairs.tsv: label (1 same entity, 0 different) TAB type (PER/ORG/LOC) TAB
// name A TAB name B TAB source TAB split; lines starting with '#' are comments.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "dateline/entities.h"
#include "extract/names/names.h"

namespace {

using dateline::EntityType;

struct Pair {
  bool same = false;
  EntityType type = EntityType::kMisc;
  std::string a, b, source, split;
};

EntityType ParseType(const std::string& s) {
  if (s == "PER") return EntityType::kPer;
  if (s == "ORG") return EntityType::kOrg;
  if (s == "LOC") return EntityType::kLoc;
  return EntityType::kMisc;
}

std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> f;
  size_t pos = 0;
  while (true) {
    const size_t tab = line.find('\t', pos);
    f.push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
    if (tab == std::string::npos) return f;
    pos = tab + 1;
  }
}

std::vector<Pair> ReadPairs(const char* path) {
  std::vector<Pair> pairs;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> f = Fields(line);
    if (f.size() < 6) continue;
    pairs.push_back(Pair{f[0] == "1", ParseType(f[1]), f[2], f[3], f[4], f[5]});
  }
  return pairs;
}

struct Counts {
  size_t pairs = 0, merged_pairs = 0, nonpairs = 0, merged_nonpairs = 0;
  void Add(bool same, bool merged) {
    (same ? pairs : nonpairs) += 1;
    if (merged) (same ? merged_pairs : merged_nonpairs) += 1;
  }
  double Precision() const {
    const size_t m = merged_pairs + merged_nonpairs;
    return m == 0 ? 1.0 : static_cast<double>(merged_pairs) / static_cast<double>(m);
  }
  double Recall() const {
    return pairs == 0 ? 1.0 : static_cast<double>(merged_pairs) / static_cast<double>(pairs);
  }
};

std::string Key(const Pair& p, const std::string& name, bool tables) {
  return tables ? dateline::EntityKey(name, p.type, "") : dateline::NameRuleKey(name, p.type, "");
}

void PrintRow(const std::string& label, const Counts& c) {
  std::printf("| %-28s | %6zu | %6zu | %9.4f | %6.4f |\n", label.c_str(), c.pairs, c.nonpairs,
              c.Precision(), c.Recall());
}

// Mode: 0 rules only, 1 rules + tables, 2 rules + tables + one-edit variants.
void Evaluate(const std::vector<Pair>& pairs, int mode, bool verbose) {
  const bool tables = mode >= 1;
  std::map<std::string, Counts> by;
  Counts all;
  for (const Pair& p : pairs) {
    const std::string ka = Key(p, p.a, tables), kb = Key(p, p.b, tables);
    const bool merged = mode == 2 ? dateline::AreKeyVariants(ka, kb) : ka == kb;
    by[p.source + "/" + p.split].Add(p.same, merged);
    all.Add(p.same, merged);
    if (verbose && merged != p.same) {
      std::fprintf(stderr, "%d\t%s\t%s\t%s\t%s\t%s\n", mode, merged ? "FALSE-MERGE" : "MISSED",
                   p.a.c_str(), Key(p, p.a, tables).c_str(), p.b.c_str(),
                   Key(p, p.b, tables).c_str());
    }
  }
  const char* title[] = {"Rules only (NameRuleKey)", "Rules + alias tables (EntityKey)",
                         "Rules + alias tables + one-edit variants (AreKeyVariants)"};
  std::printf("\n%s\n\n", title[mode]);
  std::printf("| %-28s | %6s | %6s | %9s | %6s |\n", "source/split", "pairs", "non", "precision",
              "recall");
  std::printf("|------------------------------|--------|--------|-----------|--------|\n");
  for (const auto& [label, c] : by) PrintRow(label, c);
  PrintRow("all", all);
}

// Names per second over every name of the pair list, repeated.
void Speed(const std::vector<Pair>& pairs, bool tables) {
  std::vector<std::pair<std::string, EntityType>> names;
  for (const Pair& p : pairs) {
    names.emplace_back(p.a, p.type);
    names.emplace_back(p.b, p.type);
  }
  size_t sink = 0, n = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (int rep = 0; rep < 20; ++rep) {
    for (const auto& [name, type] : names) {
      sink += tables ? dateline::EntityKey(name, type, "").size()
                     : dateline::NameRuleKey(name, type, "").size();
      ++n;
    }
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%s: %.2f M names/s (%zu names, checksum %zu)\n", tables ? "EntityKey" : "rules only",
              static_cast<double>(n) / s / 1e6, n, sink);
}

int Keys(const char* type) {
  const EntityType t = ParseType(type);
  std::string line;
  while (std::getline(std::cin, line)) {
    std::printf("%s\t%s\t%s\n", line.c_str(), dateline::EntityKey(line, t, "").c_str(),
                dateline::SurnameKey(line, "").c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "--keys") return Keys(argc >= 3 ? argv[2] : "PER");
  if (argc < 2) {
    std::fprintf(stderr, "usage: names_eval PAIRS.tsv [--verbose] | names_eval --keys [TYPE]\n");
    return 2;
  }
  const std::vector<Pair> pairs = ReadPairs(argv[1]);
  if (pairs.empty()) {
    std::fprintf(stderr, "names_eval: no pairs in %s\n", argv[1]);
    return 1;
  }
  const bool verbose = argc >= 3 && std::string(argv[2]) == "--verbose";
  std::printf("aliases in the embedded table: %zu\n", dateline::NameAliasCount());
  Evaluate(pairs, 0, verbose);
  Evaluate(pairs, 1, verbose);
  Evaluate(pairs, 2, verbose);
  std::printf("\n");
  Speed(pairs, false);
  Speed(pairs, true);
  return 0;
}
