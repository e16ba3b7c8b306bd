// What two changes to a segment's format would save, measured on a segment
// (`build/bin/pos_model SEGMENT.dls`), for bench/README.md:
// - positions (section 1, LEB128 now) packed in blocks of 32 or 128 values at
//   the best width with exceptions (section 0's coding), and the entropy of
//   the values' bit lengths plus their other bits (what a coder adapted to
//   the bit lengths could reach);
// - stem terms whose list is their own word's (same text, same postings):
//   entries the dictionary could leave out.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "index/postings.h"
#include "index/segment.h"

namespace {

using namespace dateline::index;

int Bits(uint32_t v) { return v == 0 ? 0 : 32 - __builtin_clz(v); }

size_t VarintLen(uint32_t v) {
  size_t n = 1;
  for (; v >= 128; v >>= 7) ++n;
  return n;
}

// Bytes of a block at its best width: a width byte, the packed values, and
// per exception its index and high bits (a count byte when there are any).
double PackedBytes(const std::vector<uint32_t>& v) {
  double best = 1e18;
  for (int w = 0; w <= 32; ++w) {
    double bytes = 1 + static_cast<double>((v.size() * static_cast<size_t>(w) + 7) / 8);
    size_t exceptions = 0;
    for (uint32_t x : v) {
      if (Bits(x) <= w) continue;
      ++exceptions;
      bytes += 1 + static_cast<double>(VarintLen(x >> w));
    }
    if (exceptions > 0) bytes += 1;
    best = std::min(best, bytes);
  }
  return best;
}

// One term's positions in blocks of `size` values, the remainder as LEB128.
struct Blocks {
  size_t size;
  double bytes = 0;
  std::vector<uint32_t> buf;
  void Add(uint32_t v) {
    buf.push_back(v);
    if (buf.size() == size) {
      bytes += PackedBytes(buf);
      buf.clear();
    }
  }
  void EndTerm() {
    for (uint32_t v : buf) bytes += static_cast<double>(VarintLen(v));
    buf.clear();
  }
};

double MiB(double b) { return b / 1048576.0; }

// Bits of the values of one block of documents as Exp-Golomb codes of the
// order (0-15, in 4 bits) that makes them shortest, padded to a byte; clears
// the values.
double ExpGolombBlock(std::vector<uint32_t>* v) {
  if (v->empty()) return 0;
  double best = 1e18;
  for (int k = 0; k < 16; ++k) {
    double bits = 4;
    for (uint32_t x : *v) {
      const int n = Bits(static_cast<uint32_t>(x + (1u << k)));
      bits += 2 * n - k - 1;
    }
    best = std::min(best, bits);
  }
  v->clear();
  return std::ceil(best / 8) * 8;
}

// Code lengths of a Huffman code for the counts (0 for a count of 0).
std::vector<int> HuffmanLengths(const std::vector<uint64_t>& counts) {
  struct Node {
    uint64_t weight;
    std::vector<size_t> symbols;
  };
  std::vector<Node> nodes;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] > 0) nodes.push_back({counts[i], {i}});
  }
  std::vector<int> len(counts.size(), 0);
  if (nodes.size() == 1) len[nodes[0].symbols[0]] = 1;
  while (nodes.size() > 1) {
    std::sort(nodes.begin(), nodes.end(),
              [](const Node& a, const Node& b) { return a.weight > b.weight; });
    Node a = std::move(nodes.back());
    nodes.pop_back();
    Node b = std::move(nodes.back());
    nodes.pop_back();
    for (size_t s : a.symbols) ++len[s];
    for (size_t s : b.symbols) ++len[s];
    a.symbols.insert(a.symbols.end(), b.symbols.begin(), b.symbols.end());
    nodes.push_back({a.weight + b.weight, std::move(a.symbols)});
  }
  return len;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: pos_model SEGMENT.dls\n");
    return 2;
  }
  std::unique_ptr<SegmentReader> r;
  if (const auto s = SegmentReader::Open(argv[1], &r); !s.ok()) {
    std::fprintf(stderr, "pos_model: %s\n", s.ToString().c_str());
    return 1;
  }
  double leb = 0;
  Blocks b32{32, 0, {}}, b128{128, 0, {}};
  // The same, started again at each block of 128 documents (where section
  // 0's skip table points into the positions), the rest of each as LEB128.
  Blocks aligned{128, 0, {}};
  std::vector<uint64_t> by_bits(33);
  uint64_t values = 0, doc_blocks = 0;
  double exp_golomb_bits = 0;
  std::vector<uint32_t> block_values;
  std::unordered_map<std::string, uint64_t> stem_lists;  // stem text -> its postings offset
  uint64_t stems = 0, own_word_stems = 0, own_word_bytes = 0;
  std::vector<uint32_t> pos;
  bool corrupt = false;
  const dateline::Status s = r->ForEachTerm([&](std::string_view term, const TermInfo& info) {
    if (!term.empty() && term[0] == kStemPrefix) {
      ++stems;
      stem_lists.emplace(term.substr(1), info.postings);
      return true;
    }
    if (!info.positional) return true;
    // Stems sort before words: a word's stem of the same text is known here.
    if (auto it = stem_lists.find(std::string(term));
        it != stem_lists.end() && it->second == info.postings) {
      ++own_word_stems;
      // Its entry: prefix and suffix lengths, about a third of the text,
      // document frequency, offset and language set (estimated, not decoded).
      own_word_bytes += 5 + std::max<size_t>(1, term.size() / 3);
    }
    PostingsCursor c;
    r->OpenCursor(info, &c);  // as the segment's version reads it
    uint32_t docs = 0;
    for (uint32_t d = c.doc(); d != kNoDoc; d = c.Next()) {
      if (docs++ % 128 == 0) {
        aligned.EndTerm();
        exp_golomb_bits += ExpGolombBlock(&block_values);
        ++doc_blocks;
        exp_golomb_bits += ExpGolombBlock(&block_values);
      }
      c.Positions(&pos);
      for (size_t i = 0; i < pos.size(); ++i) {
        const uint32_t v = i == 0 ? pos[0] : pos[i] - pos[i - 1];
        leb += static_cast<double>(VarintLen(v));
        ++by_bits[static_cast<size_t>(Bits(v))];
        ++values;
        b32.Add(v);
        b128.Add(v);
        aligned.Add(v);
        block_values.push_back(v);
      }
    }
    b32.EndTerm();
    b128.EndTerm();
    aligned.EndTerm();
    corrupt = corrupt || c.corrupt();
    return true;
  });
  if (!s.ok() || corrupt) {
    std::fprintf(stderr, "pos_model: the segment did not decode\n");
    return 1;
  }
  double entropy_bits = 0;
  for (size_t b = 0; b < by_bits.size(); ++b) {
    if (by_bits[b] == 0) continue;
    const double n = static_cast<double>(by_bits[b]);
    entropy_bits +=
        n * (-std::log2(n / static_cast<double>(values)) + static_cast<double>(b > 0 ? b - 1 : 0));
  }
  std::printf("positions: %llu values, section 1 %.2f MiB (LEB128 recomputed %.2f)\n",
              static_cast<unsigned long long>(values), MiB(r->section(kPositions).size()),
              MiB(leb));
  std::printf("  packed in blocks of 128: %.2f MiB, of 32: %.2f MiB\n", MiB(b128.bytes),
              MiB(b32.bytes));
  std::printf("  packed in blocks of 128 within each block of 128 documents: %.2f MiB\n",
              MiB(aligned.bytes));
  std::printf("  bit-length entropy + other bits: %.2f MiB\n", MiB(entropy_bits / 8));
  // A static Huffman code of the bit lengths (one table per segment), each
  // block of 128 documents starting on a byte: half a byte of padding each.
  const std::vector<int> code = HuffmanLengths(by_bits);
  double huffman_bits = 0;
  for (size_t b = 0; b < by_bits.size(); ++b) {
    huffman_bits +=
        static_cast<double>(by_bits[b]) * (code[b] + static_cast<double>(b > 0 ? b - 1 : 0));
  }
  std::printf(
      "  Huffman-coded bit lengths + other bits, byte-aligned per block of 128 documents: %.2f "
      "MiB\n",
      MiB(huffman_bits / 8 + 0.5 * static_cast<double>(doc_blocks)));
  std::printf("  Exp-Golomb codes of an order chosen per block of 128 documents: %.2f MiB\n",
              MiB(exp_golomb_bits / 8));
  std::printf(
      "stem terms: %llu, of them lists of their own word: %llu (about %.2f MiB of "
      "dictionary %.2f)\n",
      static_cast<unsigned long long>(stems), static_cast<unsigned long long>(own_word_stems),
      MiB(own_word_bytes), MiB(r->section(kDict).size()));
  return 0;
}
