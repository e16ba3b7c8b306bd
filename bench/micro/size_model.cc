// What one segment would take if every word were indexed once, under its stem
// (with positions), instead of twice (the folded word with positions, and
// the stem without, when they differ): the "one family of lists" that
// bench/README.md names as the only way to the index-size target.
//
// For each word term of the segment it decodes the documents and positions,
// stems the word in each document's language (as the inverter does), and
// gathers every occurrence under its stem, tagged with the word it came from
// (its variant). Each stem's list is then encoded with the segment's own
// encoder (section 0 and section 1 bytes, LEB128 positions as now), and the
// variant tags are costed three ways. The other sections are taken as they
// are (the dictionary keeps an entry per word, mapping it to its stem and
// variant instead of to lists of its own). A model, not a format: nothing is
// written.
//
// Usage: size_model SEGMENT.dls   (an optimized index has one segment)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "index/annotation_terms.h"
#include "index/inverter.h"
#include "index/postings.h"
#include "index/segment.h"

namespace {

using dateline::index::EncodePostings;
using dateline::index::IsWordTerm;
using dateline::index::kDict;
using dateline::index::kNoDoc;
using dateline::index::kPositions;
using dateline::index::kPostings;
using dateline::index::kStemPrefix;
using dateline::index::PostingsCursor;
using dateline::index::SegmentReader;
using dateline::index::StemCache;
using dateline::index::StemKey;
using dateline::index::StemTerm;
using dateline::index::TermInfo;

double MiB(double bytes) { return bytes / (1 << 20); }

struct Occurrence {
  uint32_t stem, doc, pos, word;
  bool operator<(const Occurrence& o) const {
    if (stem != o.stem) return stem < o.stem;
    if (doc != o.doc) return doc < o.doc;
    return pos < o.pos;
  }
};

// Bytes of each list now, by kind: the distance to the next list's offset.
struct Now {
  double word_post = 0, stem_post = 0, other_post = 0, positions = 0;
};

Now ListBytes(const SegmentReader& r) {
  std::map<uint64_t, char> post_kind;  // offset -> 'w', 's' or 'o' (aliases count once)
  std::vector<uint64_t> pos_offsets;
  (void)r.ForEachTerm([&](std::string_view term, const TermInfo& info) {
    const char kind = IsWordTerm(term) ? 'w' : term[0] == kStemPrefix ? 's' : 'o';
    auto [it, fresh] = post_kind.emplace(info.postings, kind);
    if (!fresh && kind == 'w') it->second = 'w';  // a stem sharing its word's list
    if (info.positional) pos_offsets.push_back(info.positions);
    return true;
  });
  Now now;
  const uint64_t post_end = r.section(kPostings).size();
  for (auto it = post_kind.begin(); it != post_kind.end(); ++it) {
    const auto next = std::next(it);
    const double bytes =
        static_cast<double>((next == post_kind.end() ? post_end : next->first) - it->first);
    (it->second == 'w'   ? now.word_post
     : it->second == 's' ? now.stem_post
                         : now.other_post) += bytes;
  }
  now.positions = static_cast<double>(r.section(kPositions).size());
  return now;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: size_model SEGMENT.dls\n");
    return 2;
  }
  std::unique_ptr<SegmentReader> r;
  if (auto s = SegmentReader::Open(argv[1], &r); !s.ok()) {
    std::fprintf(stderr, "size_model: %s\n", s.ToString().c_str());
    return 1;
  }
  const Now now = ListBytes(*r);
  std::vector<std::string> keys;  // per language id, its stemming key
  for (const std::string& code : r->languages()) keys.emplace_back(StemKey(code));
  const uint8_t* langs = r->doc_langs();

  StemCache stemmer;
  std::unordered_map<std::string, uint32_t> stem_ids;
  std::vector<std::string> stems;
  std::vector<Occurrence> occ;
  std::vector<std::string> words;
  std::vector<uint32_t> positions;
  bool corrupt = false;
  (void)r->ForEachTerm([&](std::string_view term, const TermInfo& info) {
    if (!IsWordTerm(term) || !info.positional) return true;
    const auto word = static_cast<uint32_t>(words.size());
    words.emplace_back(term);
    std::vector<uint32_t> stem_of_key(keys.size(), ~0u);
    PostingsCursor c;
    r->OpenCursor(info, &c);  // as the segment's version reads it
    for (uint32_t d = c.doc(); d != kNoDoc; d = c.Next()) {
      const uint8_t l = langs[d];
      if (stem_of_key[l] == ~0u) {
        const std::string stem = stemmer.StemUncached(
            keys[l] == "*" ? std::string_view() : std::string_view(keys[l]), words.back());
        auto [it, fresh] = stem_ids.emplace(stem, static_cast<uint32_t>(stems.size()));
        if (fresh) stems.push_back(stem);
        stem_of_key[l] = it->second;
      }
      c.Positions(&positions);
      for (uint32_t p : positions) occ.push_back({stem_of_key[l], d, p, word});
    }
    corrupt = corrupt || c.corrupt();
    return true;
  });
  if (corrupt) {
    std::fprintf(stderr, "size_model: a list did not decode\n");
    return 1;
  }
  std::sort(occ.begin(), occ.end());

  // Per stem: its documents, frequencies and positions, encoded as now; the
  // variants of its occurrences costed.
  std::string post, pos;
  double tag_fixed = 0, tag_flagged = 0, tag_entropy = 0;
  uint64_t df_mismatch = 0, multi_variant_stems = 0, tagged_positions = 0, stem_docs = 0;
  uint64_t blocks_over_one = 0;
  std::vector<uint32_t> docs, freqs, pos_list;
  for (size_t i = 0; i < occ.size();) {
    size_t j = i;
    while (j < occ.size() && occ[j].stem == occ[i].stem) ++j;
    docs.clear();
    freqs.clear();
    pos_list.clear();
    std::unordered_map<uint32_t, uint64_t> variant_count;
    for (size_t k = i; k < j; ++k) {
      if (docs.empty() || docs.back() != occ[k].doc) {
        docs.push_back(occ[k].doc);
        freqs.push_back(0);
      }
      ++freqs.back();
      // Two words may share a position only if they are the same token: never.
      pos_list.push_back(occ[k].pos);
      ++variant_count[occ[k].word];
    }
    TermInfo info;
    EncodePostings(docs.data(), freqs.data(), docs.size(), pos_list.data(), &post, &pos, &info);
    stem_docs += docs.size();
    if (docs.size() > 128) blocks_over_one += (docs.size() + 127) / 128;
    TermInfo stored;
    if (!r->Find(StemTerm(stems[occ[i].stem]), &stored) || stored.df != docs.size()) {
      ++df_mismatch;
    }
    const size_t v = variant_count.size();
    if (v > 1) {
      ++multi_variant_stems;
      const double bits = std::ceil(std::log2(static_cast<double>(v)));
      const double n = static_cast<double>(j - i);
      tagged_positions += j - i;
      tag_fixed += n * bits;
      uint32_t top = 0;
      uint64_t top_count = 0;
      for (const auto& [w, cnt] : variant_count) {
        const double p = static_cast<double>(cnt) / n;
        tag_entropy -= static_cast<double>(cnt) * std::log2(p);
        if (cnt > top_count) top = w, top_count = cnt;
      }
      // One bit per (stem, document): "every position is the stem's most
      // frequent variant"; otherwise a fixed-width tag per position.
      for (size_t k = i; k < j;) {
        size_t e = k;
        bool all_top = true;
        for (; e < j && occ[e].doc == occ[k].doc; ++e) all_top = all_top && occ[e].word == top;
        tag_flagged += 1 + (all_top ? 0 : static_cast<double>(e - k) * bits);
        k = e;
      }
    }
    i = j;
  }

  const double dict = static_cast<double>(r->section(kDict).size());
  double rest = 0;  // every section but postings, positions, dictionary, store, store index
  for (uint32_t s = 0; s < dateline::index::kNumSections; ++s) {
    if (s != kPostings && s != kPositions && s != kDict && s != dateline::index::kDocStore &&
        s != dateline::index::kDocStoreIndex) {
      rest += static_cast<double>(r->section(static_cast<dateline::index::Section>(s)).size());
    }
  }
  const double total_now =
      now.word_post + now.stem_post + now.other_post + now.positions + dict + rest;
  std::printf("segment: %u documents, %zu word terms, %zu occurrences, %zu stems\n", r->doc_count(),
              words.size(), occ.size(), stems.size());
  std::printf("stems whose documents differ from the segment's stem term: %llu\n",
              static_cast<unsigned long long>(df_mismatch));
  std::printf("\nnow (MiB, without the store)\n");
  std::printf("  postings: words %.2f, stems' own lists %.2f, other terms %.2f\n",
              MiB(now.word_post), MiB(now.stem_post), MiB(now.other_post));
  std::printf("  positions %.2f, dictionary %.2f, the rest %.2f\n", MiB(now.positions), MiB(dict),
              MiB(rest));
  std::printf("  total %.2f\n", MiB(total_now));
  std::printf("\none family: stems with positions (MiB)\n");
  std::printf("  stem postings %.2f (%llu documents), positions %.2f\n", MiB(post.size()),
              static_cast<unsigned long long>(stem_docs), MiB(pos.size()));
  std::printf(
      "  variant tags, %llu stems of several words, %llu positions: fixed width %.2f,\n"
      "    flag per document + fixed width %.2f, entropy bound %.2f\n",
      static_cast<unsigned long long>(multi_variant_stems),
      static_cast<unsigned long long>(tagged_positions), MiB(tag_fixed / 8), MiB(tag_flagged / 8),
      MiB(tag_entropy / 8));
  std::printf("  lists of more than one block: %llu blocks\n",
              static_cast<unsigned long long>(blocks_over_one));
  const double base = static_cast<double>(post.size() + pos.size()) + now.other_post + dict + rest;
  std::printf("  total with the flagged tags, the dictionary and the rest as now: %.2f\n",
              MiB(base + tag_flagged / 8));
  return 0;
}
