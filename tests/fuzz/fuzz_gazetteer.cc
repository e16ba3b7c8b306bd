// Fuzz target: a gazetteer image (doc/places.md). The first input byte chooses
// the image: the rest of the input, or the bundled gazetteer with the rest of
// the input applied as byte patches (fuzz_util.h); and whether the target then
// makes the header's sizes and checksums agree with the bytes (so mutations
// reach the structure checks behind them).
// Invariant: Open refuses or accepts, never crashes; an accepted gazetteer
// answers lookups and entry reads without reading outside its bytes.
#include <cstring>
#include <memory>
#include <string>

#include "extract/places/gazetteer.h"
#include "fuzz_util.h"
#include "util/crc32c.h"

extern "C" const unsigned char dl_gazetteer[];
extern "C" const unsigned char dl_gazetteer_end[];

namespace {

constexpr size_t kHeader = 64;  // doc/places.md: the fixed header

void Put32(std::string* s, size_t at, uint32_t v) { std::memcpy(s->data() + at, &v, 4); }

// Header fields: magic 8, version u32, compression u32 (0 = stored), payload size,
// packed size, crc32c of the packed bytes, crc32c of the payload, counts...
void FixHeader(std::string* g) {
  if (g->size() < kHeader) return;
  const std::string_view packed = std::string_view(*g).substr(kHeader);
  const auto n = static_cast<uint32_t>(packed.size());
  const uint32_t crc = dateline::crc32c::Value(packed);
  Put32(g, 12, 0);
  Put32(g, 16, n);
  Put32(g, 20, n);
  Put32(g, 24, crc);
  Put32(g, 28, crc);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dateline::fuzz::Input in(data, size);
  const uint8_t mode = in.Byte();
  const bool fix = mode & 1;
  std::string bytes;
  if (mode & 2) {
    bytes.assign(reinterpret_cast<const char*>(dl_gazetteer),
                 static_cast<size_t>(dl_gazetteer_end - dl_gazetteer));
    dateline::fuzz::ApplyPatches(in.Rest(), &bytes);
  } else {
    bytes.assign(in.Rest());
  }
  if (fix) FixHeader(&bytes);
  std::unique_ptr<dateline::places::Gazetteer> g;
  if (!dateline::places::Gazetteer::Parse(bytes, &g).ok()) return 0;
  for (uint32_t i = 0; i < g->size() && i < 4096; ++i) (void)g->entry(i);
  dateline::places::Lookup found;
  for (const char* key : {"tripoli", "misrata", "den haag", "libya", "a", ""}) {
    (void)g->MayStart(key);
    (void)g->Find(key, &found);
  }
  (void)g->CountryByCode("LY");
  return 0;
}
