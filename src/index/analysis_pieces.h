// How a segment's documents are shared out among the analysis threads.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <mutex>
#include <numeric>
#include <vector>

#include "index/inverter.h"

namespace dateline::index {

/// The documents of a segment's analysis in pieces: ranges of positions in
/// date order, each analysed by one thread, in ascending order, into an
/// inverter of its own; at first one piece per thread (BuildSegment cuts them
/// by bytes). With `steal`, a thread whose piece is done takes the later half
/// of what is left of the piece with the most documents left, as a new piece.
///
/// Why: with extraction, documents of equal bytes take very unequal times
/// (the named-entity tagger and the event finder have models for some
/// languages only): the real news corpus cut in two in date order took 17.3 s
/// on one thread and 5.1 s on the other. Without extraction the cost follows
/// the bytes (the two ranges ended within a millisecond of each other), and
/// a piece not split saves an inverter. The segment does not depend on the
/// pieces (the flush decides each stem across all inverters).
class AnalysisPieces {
 public:
  /// Piece t, first analysed by thread t, is [range[t], range[t + 1]).
  AnalysisPieces(const std::vector<uint32_t>& range, bool steal)
      : steal_(steal), current_(range.size() - 1) {
    for (unsigned t = 0; t + 1 < range.size(); ++t) {
      current_[t] = t;
      pieces_.push_back({range[t], range[t], range[t + 1]});
      inv_.emplace_back();
    }
  }

  /// The next document for thread t (< the number of first pieces) to
  /// analyse and the inverter it goes to; false when none is left for it.
  bool Next(unsigned t, uint32_t* k, Inverter** inv) {
    std::lock_guard<std::mutex> lock(mu_);
    if (pieces_[current_[t]].next == pieces_[current_[t]].end && !Steal(t)) return false;
    Piece& p = pieces_[current_[t]];
    *k = p.next++;
    *inv = &inv_[current_[t]];
    return true;
  }

  /// The number of pieces (of inverters), once the analysis is done.
  size_t size() const { return inv_.size(); }

  /// The inverters, moved out in the order of their pieces' documents, then
  /// `extra` empty ones. Once every thread's Next() has returned false.
  std::vector<Inverter> TakeInOrder(size_t extra) {
    std::vector<unsigned> by_begin(inv_.size());
    std::iota(by_begin.begin(), by_begin.end(), 0u);
    std::sort(by_begin.begin(), by_begin.end(),
              [this](unsigned a, unsigned b) { return pieces_[a].begin < pieces_[b].begin; });
    std::vector<Inverter> out;
    out.reserve(inv_.size() + extra);
    for (const unsigned i : by_begin) out.push_back(std::move(inv_[i]));
    for (size_t i = 0; i < extra; ++i) out.emplace_back();
    std::deque<Inverter>().swap(inv_);
    return out;
  }

 private:
  // Piece i's documents are [begin, end), those not yet taken [next, end);
  // its inverter is inv_[i].
  struct Piece {
    uint32_t begin, next, end;
  };

  // Gives thread t (its piece done) a new piece: the later half of the
  // documents left in the piece with the most, in a new inverter that takes
  // the stemmers of t's last one. False when no piece has kMinSteal left.
  bool Steal(unsigned t) {
    if (!steal_) return false;
    size_t m = 0;
    for (size_t i = 1; i < pieces_.size(); ++i) {
      if (pieces_[i].end - pieces_[i].next > pieces_[m].end - pieces_[m].next) m = i;
    }
    const uint32_t left = pieces_[m].end - pieces_[m].next;
    if (left < kMinSteal) return false;
    const uint32_t mid = pieces_[m].next + (left + 1) / 2;
    pieces_.push_back({mid, mid, pieces_[m].end});
    pieces_[m].end = mid;
    inv_.emplace_back().TakeStemmers(&inv_[current_[t]]);
    current_[t] = static_cast<unsigned>(pieces_.size() - 1);
    return true;
  }

  static constexpr uint32_t kMinSteal = 8;  // documents left; fewer are not split

  std::mutex mu_;
  const bool steal_;
  std::vector<Piece> pieces_;      // in the order made
  std::vector<unsigned> current_;  // per thread: the index of its piece
  std::deque<Inverter> inv_;       // per piece (stable addresses)
};

}  // namespace dateline::index
