// Helpers shared by the libFuzzer targets in tests/fuzz/ (doc/fuzzing.md).
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ingest/utf8.h"

namespace dateline::fuzz {

/// Fails the run (libFuzzer reports it as a crash with the input) when `ok` is false.
inline void Require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
    std::abort();
  }
}

/// A per-process scratch path under $TMPDIR (or /tmp) ending in `suffix`.
inline std::string ScratchPath(std::string_view suffix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string path = (tmp && *tmp) ? tmp : "/tmp";
  path += "/dateline-fuzz-" + std::to_string(getpid());
  path += suffix;
  return path;
}

/// Writes `bytes` to `path`, replacing it; aborts when it cannot (not an input problem).
inline void WriteFile(const std::string& path, std::string_view bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  Require(f != nullptr, "cannot create the scratch file");
  if (!bytes.empty()) {  // fwrite's buffer must not be null, even for 0 bytes
    Require(std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size(), "short write");
  }
  Require(std::fclose(f) == 0, "cannot close the scratch file");
}

/// Consumes input bytes from the front, for targets that split one input into parts.
class Input {
 public:
  Input(const uint8_t* data, size_t size) : rest_(reinterpret_cast<const char*>(data), size) {}
  /// The next byte (0 when none is left).
  uint8_t Byte() {
    if (rest_.empty()) return 0;
    const uint8_t b = static_cast<uint8_t>(rest_[0]);
    rest_.remove_prefix(1);
    return b;
  }
  /// The next `n` bytes (fewer at the end).
  std::string_view Take(size_t n) {
    const std::string_view out = rest_.substr(0, n);
    rest_.remove_prefix(out.size());
    return out;
  }
  /// Everything not consumed yet.
  std::string_view Rest() const { return rest_; }

 private:
  std::string_view rest_;
};

/// Structure-aware mutation of a valid file: each 5-byte group of `patches`
/// (u32 position, little-endian, then a byte) XORs that byte into the byte at
/// position % size of `*base`.
inline void ApplyPatches(std::string_view patches, std::string* base) {
  if (base->empty()) return;
  for (size_t i = 0; i + 5 <= patches.size(); i += 5) {
    uint32_t pos = 0;
    for (int k = 0; k < 4; ++k) pos |= uint32_t{static_cast<uint8_t>(patches[i + k])} << (8 * k);
    (*base)[pos % base->size()] ^= patches[i + 4];
  }
}

/// True if `s` is well-formed UTF-8.
inline bool ValidUtf8(std::string_view s) { return ingest::IsValidUtf8(s); }

}  // namespace dateline::fuzz
