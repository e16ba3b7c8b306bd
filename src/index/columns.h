// Section 4 of a segment (version 13): every document's columns, bit-packed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "index/segment.h"

namespace dateline::index {

/// Documents per block of the day column: each block stores its smallest first
/// day, and each document its first day's offset from it.
inline constexpr size_t kColumnDayBlock = 128;

/// Appends the columns of n documents in the version 13 layout
/// (doc/index-format.md, section 4). Each column takes the width of its
/// largest value; a document's last day must not precede its first.
void EncodeColumns(const DocColumns* cols, size_t n, std::string* out);

/// Decodes n documents' columns from `in` into out[0..n), which must be
/// exactly what EncodeColumns wrote for them. False when it is not: a width
/// beyond its column's type, a size that disagrees, or a day outside 32 bits
/// (out is then partly written).
bool DecodeColumns(std::string_view in, size_t n, DocColumns* out);

/// Uninitialised memory for n documents' columns. From 2 MiB on it is aligned
/// to 2 MiB and advised as transparent huge pages: touching 16 MiB for the
/// first time (1,000,000 documents) took 46-57 ms in plain heap memory and
/// 1.2-6.3 ms so advised, on a virtual machine whose page faults are slow.
/// (ColumnArray: segment.h.)
ColumnArray AllocateColumns(size_t n);

}  // namespace dateline::index
