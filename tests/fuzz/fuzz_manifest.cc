// Fuzz target: a MANIFEST file. The first input byte chooses whether a valid
// checksum line is appended to the rest (reaching the parser behind the
// checksum) or the bytes are decoded as they are.
// Invariant: Decode returns a Status, never crashes; what it accepts names
// segment files only by plain file names.
#include <cstdio>
#include <string>

#include "fuzz_util.h"
#include "index/manifest.h"
#include "util/crc32c.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dateline::fuzz::Input in(data, size);
  const bool fix = in.Byte() & 1;
  std::string bytes(in.Rest());
  if (fix) {
    char crc[32];
    std::snprintf(crc, sizeof crc, "crc32c %08x\n", dateline::crc32c::Value(bytes));
    bytes += crc;
  }
  dateline::index::Manifest m;
  if (!dateline::index::Manifest::Decode(bytes, "MANIFEST-000001", &m).ok()) return 0;
  for (const auto& s : m.segments) {
    dateline::fuzz::Require(
        s.file.find('/') == std::string::npos && s.deletions.find('/') == std::string::npos,
        "manifest names a path outside the index directory");
  }
  return 0;
}
