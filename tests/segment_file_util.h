// Helpers for tests of segment files: where a section lies, the checksums to
// write back after damaging it on purpose, and the inputs of a merge.
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dateline/index.h"
#include "gtest/gtest.h"
#include "index/chunk_check.h"
#include "index/segment.h"
#include "util/crc32c.h"
#include "util/varint.h"

namespace dateline::testutil {

/// Offset in the file of section `s`, from the footer.
inline size_t SectionAt(const std::string& file, index::Section s) {
  const size_t footer = file.size() - (size_t{index::kNumSections} * 24 + 24);
  return util::DecodeFixed64(file.data() + footer + size_t{s} * 24);
}

/// Bytes of a segment file's footer (section entries and tail).
inline constexpr size_t kSegmentFooter = size_t{index::kNumSections} * 24 + 24;

/// Byte offset and size of section `s` of a segment file's bytes.
inline std::pair<uint64_t, uint64_t> SectionSpan(const std::string& file, uint32_t s) {
  const char* e = file.data() + file.size() - kSegmentFooter + size_t{s} * 24;
  return {util::DecodeFixed64(e), util::DecodeFixed64(e + 8)};
}

/// Rewrites every section's checksum, the chunk sums and the footer's
/// checksum, so that a change made inside a section gets past the checksums:
/// only the structural checks remain.
inline void Rechecksum(std::string* file) {
  const size_t footer = file->size() - kSegmentFooter;
  std::string sums;
  for (index::Section s : index::kLazySections) {
    index::ChunkSums c;
    const auto [off, size] = SectionSpan(*file, s);
    c.Add(std::string_view(*file).substr(off, size));
    c.Finish(&sums);
  }
  const auto [sums_at, sums_size] = SectionSpan(*file, index::kChunkSums);
  ASSERT_EQ(sums.size(), sums_size);
  file->replace(sums_at, sums.size(), sums);
  for (uint32_t s = 0; s < index::kNumSections; ++s) {
    char* e = file->data() + footer + size_t{s} * 24;
    const uint32_t crc =
        crc32c::Value(file->data() + util::DecodeFixed64(e), util::DecodeFixed64(e + 8));
    std::memcpy(e + 16, &crc, 4);
  }
  const uint32_t crc = crc32c::Value(file->data() + footer, size_t{index::kNumSections} * 24 + 8);
  std::memcpy(file->data() + footer + size_t{index::kNumSections} * 24 + 8, &crc, 4);
}

/// The section's checksum and the footer's, after a change inside section `s`.
inline void RechecksumSection(std::string* file, index::Section s) {
  const size_t footer = file->size() - (size_t{index::kNumSections} * 24 + 24);
  char* e = file->data() + footer + size_t{s} * 24;
  const uint32_t crc =
      crc32c::Value(file->data() + util::DecodeFixed64(e), util::DecodeFixed64(e + 8));
  std::memcpy(e + 16, &crc, 4);
  const uint32_t fcrc = crc32c::Value(file->data() + footer, size_t{index::kNumSections} * 24 + 8);
  std::memcpy(file->data() + footer + size_t{index::kNumSections} * 24 + 8, &fcrc, 4);
}

/// Puts `bytes` in place of section `s`: the sections after it move by the
/// difference (each still at a multiple of 8), and the footer's entries and
/// checksums (of `s` and of the footer) follow. Sections 0, 1, 2 and 5 have
/// chunk sums too, which this does not rewrite.
inline void ReplaceSection(std::string* file, index::Section s, std::string_view bytes) {
  const size_t footer = file->size() - (size_t{index::kNumSections} * 24 + 24);
  char* e = file->data() + footer + size_t{s} * 24;
  const uint64_t off = util::DecodeFixed64(e), size = util::DecodeFixed64(e + 8);
  auto padded = [](uint64_t n) { return (n + 7) / 8 * 8; };
  const int64_t shift =
      static_cast<int64_t>(padded(bytes.size())) - static_cast<int64_t>(padded(size));
  std::string tail = file->substr(footer);
  std::string body = file->substr(0, footer);
  std::string replacement(bytes);
  replacement.resize(padded(bytes.size()), '\0');
  body.replace(off, padded(size), replacement);
  for (uint32_t i = 0; i < index::kNumSections; ++i) {
    char* t = tail.data() + size_t{i} * 24;
    const uint64_t o = util::DecodeFixed64(t);
    if (i == s) {
      const uint64_t n = bytes.size();
      std::memcpy(t + 8, &n, 8);
    } else if (o > off) {
      const uint64_t moved = o + shift;
      std::memcpy(t, &moved, 8);
    }
  }
  *file = body + tail;
  RechecksumSection(file, s);
}

/// The segments at `paths`, opened as the inputs of a merge (none deleted).
inline std::vector<SegmentView> OpenInputs(const std::vector<std::string>& paths) {
  std::vector<SegmentView> inputs;
  for (const std::string& p : paths) {
    std::unique_ptr<index::SegmentReader> r;
    EXPECT_TRUE(index::SegmentReader::Open(p, &r).ok()) << p;
    inputs.emplace_back();
    inputs.back().reader = std::move(r);
  }
  return inputs;
}

}  // namespace dateline::testutil
