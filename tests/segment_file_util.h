// Helpers for tests of segment files: where a section lies, the checksums to
// write back after damaging it on purpose, and the inputs of a merge.
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "dateline/index.h"
#include "gtest/gtest.h"
#include "index/segment.h"
#include "util/crc32c.h"
#include "util/varint.h"

namespace dateline::testutil {

/// Offset in the file of section `s`, from the footer.
inline size_t SectionAt(const std::string& file, index::Section s) {
  const size_t footer = file.size() - (size_t{index::kNumSections} * 24 + 24);
  return util::DecodeFixed64(file.data() + footer + size_t{s} * 24);
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
