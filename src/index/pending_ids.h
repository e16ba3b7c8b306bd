// The ids of a writer's buffered documents, mapped to their places in the
// buffer: an open-addressing table of 8-byte slots (hash tag, place) whose
// ids stay in the documents themselves. A map of strings took a node and a
// copy of the id per document, and about an eighth of the reading time before
// a 100,000-document build (perf, 2026-12-02).
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace dateline::index {

/// `Docs` is a random-access container of documents with a string `id`.
template <typename Docs>
class PendingIds {
 public:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  explicit PendingIds(const Docs* docs) : docs_(docs) {}
  size_t size() const { return size_; }
  /// The place of the document with this id, or kNone.
  size_t Find(std::string_view id) const {
    const uint64_t h = Hash(id);
    for (size_t i = h & mask(); slots_[i] != 0; i = (i + 1) & mask()) {
      if (Tag(slots_[i]) == (h >> 32) && (*docs_)[Place(slots_[i])].id == id) {
        return Place(slots_[i]);
      }
    }
    return kNone;
  }
  /// Records the document at `place` (below 2^32 - 1), whose id is not in the table.
  void Insert(size_t place) {
    assert(place < UINT32_MAX && Find((*docs_)[place].id) == kNone);
    if (2 * (size_ + 1) > slots_.size()) Grow();
    Put(Hash((*docs_)[place].id), place);
    ++size_;
  }
  /// Forgets the document at `place` (recorded, its id unchanged since).
  void Erase(size_t place) {
    size_t i = Hash((*docs_)[place].id) & mask();
    while (Place(slots_[i]) != place) i = (i + 1) & mask();
    // Backward shift: later slots of the run that may live at i move there.
    for (size_t j = (i + 1) & mask(); slots_[j] != 0; j = (j + 1) & mask()) {
      const size_t home = Hash((*docs_)[Place(slots_[j])].id) & mask();
      if (((j - home) & mask()) >= ((j - i) & mask())) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i] = 0;
    --size_;
  }
  /// Forgets every document; keeps the slots.
  void Clear() {
    std::fill(slots_.begin(), slots_.end(), 0);
    size_ = 0;
  }

 private:
  static uint64_t Hash(std::string_view id) { return std::hash<std::string_view>()(id); }
  static uint64_t Tag(uint64_t slot) { return slot >> 32; }
  static size_t Place(uint64_t slot) { return static_cast<uint32_t>(slot) - size_t{1}; }
  size_t mask() const { return slots_.size() - 1; }
  void Put(uint64_t h, size_t place) {
    size_t i = h & mask();
    while (slots_[i] != 0) i = (i + 1) & mask();
    slots_[i] = (h & 0xFFFFFFFF00000000ull) | (place + 1);
  }
  void Grow() {
    std::vector<uint64_t> old(slots_.size() * 2, 0);
    old.swap(slots_);
    for (uint64_t s : old) {
      if (s != 0) Put(Hash((*docs_)[Place(s)].id), Place(s));
    }
  }

  const Docs* docs_;
  std::vector<uint64_t> slots_ = std::vector<uint64_t>(1 << 10, 0);
  size_t size_ = 0;
};

}  // namespace dateline::index
