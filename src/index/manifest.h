// The manifest: which segment and deletion files make up one commit.
// Format: doc/index-format.md, section "Manifest".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dateline/status.h"

namespace dateline::index {

struct ManifestSegment {
  std::string file;  // "seg-000001.dls"
  uint32_t doc_count = 0;
  std::string deletions;  // "del-000004.seg-000001", or empty
  uint32_t deleted_count = 0;
};

struct Manifest {
  uint64_t generation = 0;
  uint64_t next_file = 1;  // number for the next segment or deletion file
  std::vector<ManifestSegment> segments;

  std::string Encode() const;
  /// Parses and verifies the checksum; Corruption on any defect.
  static Status Decode(std::string_view data, const std::string& name, Manifest* out);
};

/// Reads CURRENT and the manifest it names. NotFound when there is no CURRENT.
Status ReadCurrentManifest(const std::string& dir, Manifest* out, std::string* manifest_name);

/// Writes MANIFEST-<generation> durably, then atomically points CURRENT at it.
Status WriteManifest(const std::string& dir, const Manifest& m);

std::string ManifestFileName(uint64_t generation);

/// Deletion bitmap files: magic, doc count, bitmap words, checksum.
Status WriteDeletions(const std::string& path, const std::vector<uint64_t>& bits, uint32_t docs);
Status ReadDeletions(const std::string& path, uint32_t docs, std::vector<uint64_t>* bits,
                     uint32_t* count);

}  // namespace dateline::index
