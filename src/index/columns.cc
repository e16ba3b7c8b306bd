#include "index/columns.h"

#include <sys/mman.h>

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <new>
#include <vector>

#include "index/coding.h"

namespace dateline::index {

namespace {

// The packed fields of a document, in their order on disk, and the widest
// each may be (its type in DocColumns).
enum Field { kDay, kSpan, kLength, kTitle, kLang, kPrecision, kFields };
constexpr uint32_t kMaxWidth[kFields] = {32, 32, 32, 16, 8, 8};

size_t DayBlocks(size_t n) { return (n + kColumnDayBlock - 1) / kColumnDayBlock; }

int32_t BlockBase(const DocColumns* cols, size_t n, size_t block) {
  const size_t lo = block * kColumnDayBlock, hi = std::min(n, lo + kColumnDayBlock);
  int32_t base = cols[lo].first_day;
  for (size_t d = lo + 1; d < hi; ++d) base = std::min(base, cols[d].first_day);
  return base;
}

}  // namespace

void EncodeColumns(const DocColumns* cols, size_t n, std::string* out) {
  std::vector<int32_t> bases(DayBlocks(n));
  for (size_t b = 0; b < bases.size(); ++b) bases[b] = BlockBase(cols, n, b);
  std::vector<uint32_t> rows(n * kFields);
  uint32_t widths[kFields] = {};
  for (size_t d = 0; d < n; ++d) {
    const DocColumns& c = cols[d];
    assert(c.last_day >= c.first_day);
    uint32_t* row = &rows[d * kFields];
    row[kDay] = static_cast<uint32_t>(int64_t{c.first_day} - bases[d / kColumnDayBlock]);
    row[kSpan] = static_cast<uint32_t>(int64_t{c.last_day} - c.first_day);
    row[kLength] = c.length;
    row[kTitle] = c.title_len;
    row[kLang] = c.lang;
    row[kPrecision] = c.precision;
    for (int f = 0; f < kFields; ++f) widths[f] = std::max(widths[f], BitWidth(row[f]));
  }
  for (const uint32_t w : widths) out->push_back(static_cast<char>(w));
  for (const int32_t base : bases) PutFixed32(out, static_cast<uint32_t>(base));
  PackRows(rows.data(), rows.size(), widths, kFields, out);
}

bool DecodeColumns(std::string_view in, size_t n, DocColumns* out) {
  if (in.size() < kFields) return false;
  uint32_t widths[kFields];
  uint64_t row_bits = 0;
  for (int f = 0; f < kFields; ++f) {
    widths[f] = static_cast<unsigned char>(in[f]);
    if (widths[f] > kMaxWidth[f]) return false;
    row_bits += widths[f];
  }
  const uint64_t blocks = DayBlocks(n);
  if (in.size() != kFields + blocks * 4 + (uint64_t{n} * row_bits + 7) / 8) return false;
  const char* base_at = in.data() + kFields;
  const char* packed = base_at + blocks * 4;
  const char* end = in.data() + in.size();
  uint32_t shift[kFields];
  uint64_t mask[kFields];
  for (int f = 0, at = 0; f < kFields; at += widths[f], ++f) {
    shift[f] = at;
    mask[f] = (uint64_t{1} << widths[f]) - 1;
  }
  const bool one_load = row_bits <= 57;  // a row then lies in the 8 bytes from its first
  uint64_t bit = 0;
  for (size_t d = 0; d < n; ++d, bit += row_bits) {
    uint32_t v[kFields];
    if (one_load) {
      const uint64_t row = GetBits64(packed, end, bit);
      for (int f = 0; f < kFields; ++f) v[f] = static_cast<uint32_t>((row >> shift[f]) & mask[f]);
    } else {
      for (int f = 0; f < kFields; ++f) v[f] = GetBits(packed, end, bit + shift[f], widths[f]);
    }
    const auto base = static_cast<int32_t>(DecodeFixed32(base_at + d / kColumnDayBlock * 4));
    const int64_t first = int64_t{base} + v[kDay], last = first + v[kSpan];
    if (last > std::numeric_limits<int32_t>::max()) return false;
    DocColumns& c = out[d];
    c.first_day = static_cast<int32_t>(first);
    c.last_day = static_cast<int32_t>(last);
    c.length = v[kLength];
    c.title_len = static_cast<uint16_t>(v[kTitle]);
    c.lang = static_cast<uint8_t>(v[kLang]);
    c.precision = static_cast<uint8_t>(v[kPrecision]);
  }
  return true;
}

void FreeColumns::operator()(DocColumns* p) const { std::free(p); }

ColumnArray AllocateColumns(size_t n) {
  constexpr size_t kHuge = size_t{2} << 20;
  const size_t bytes = std::max<size_t>(n, 1) * sizeof(DocColumns);
  void* p = nullptr;
  if (bytes >= kHuge) {
    p = std::aligned_alloc(kHuge, (bytes + kHuge - 1) / kHuge * kHuge);
    if (p != nullptr) madvise(p, bytes, MADV_HUGEPAGE);  // advice: no effect on results
  } else {
    p = std::malloc(bytes);
  }
  if (p == nullptr) throw std::bad_alloc();
  return ColumnArray(static_cast<DocColumns*>(p));
}

}  // namespace dateline::index
