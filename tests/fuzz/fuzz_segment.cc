// Fuzz target: a segment file (.dls) of arbitrary bytes. The first input byte
// chooses whether the target first rewrites the section and footer checksums
// (and the chunk sums of versions 4 to 6) to match the bytes (so mutations of a valid segment
// reach the decoders behind the checksums) or leaves them as they are. Opening must fail with a
// Status or succeed; an opened segment is read as a query would (every term's postings, verified
// chunk by chunk), checked deeply, and every stored document read. Invariant: no crash, no read
// outside the file.
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "dateline/document.h"
#include "fuzz_util.h"
#include "index/segment.h"
#include "util/crc32c.h"

namespace {

uint32_t Get32(const std::string& s, size_t at) {
  uint32_t v;
  std::memcpy(&v, s.data() + at, 4);
  return v;
}
uint64_t Get64(const std::string& s, size_t at) {
  uint64_t v;
  std::memcpy(&v, s.data() + at, 8);
  return v;
}
void Put32(std::string* s, size_t at, uint32_t v) { std::memcpy(s->data() + at, &v, 4); }

// Rewrites the chunk sums section (section 10 of versions 4 to 6) to match the
// chunks of the four large sections, when its size allows.
void FixChunkSums(std::string* f, size_t footer) {
  using dateline::index::kChunkSums;
  auto span = [&](uint32_t s) {
    return std::pair<uint64_t, uint64_t>(Get64(*f, footer + s * 24),
                                         Get64(*f, footer + s * 24 + 8));
  };
  std::string sums;
  for (auto s : dateline::index::kLazySections) {
    const auto [off, size] = span(s);
    if (off > footer || size > footer - off) return;
    dateline::index::ChunkSums c;
    c.Add(std::string_view(*f).substr(off, size));
    c.Finish(&sums);
  }
  const auto [off, size] = span(kChunkSums);
  if (off <= footer && size <= footer - off && size == sums.size()) f->replace(off, size, sums);
}

// Footer layout (doc/index-format.md): count x {offset u64, size u64, crc u32,
// zero u32}, count u32, version u32, crc u32 of the footer so far, zero u32, magic.
void FixChecksums(std::string* f) {
  if (f->size() < 32) return;
  const size_t n = f->size();
  const uint32_t count = Get32(*f, n - 24);
  if (count == 0 || count > 64 || uint64_t{count} * 24 + 24 + 16 > n) return;
  const size_t footer = n - 24 - size_t{count} * 24;
  if (count == dateline::index::kNumSections) FixChunkSums(f, footer);
  for (uint32_t i = 0; i < count; ++i) {
    const size_t e = footer + size_t{i} * 24;
    const uint64_t off = Get64(*f, e), size = Get64(*f, e + 8);
    if (off > footer || size > footer - off) continue;
    Put32(f, e + 16, dateline::crc32c::Value(f->data() + off, size));
  }
  Put32(f, n - 16, dateline::crc32c::Value(f->data() + footer, n - 16 - footer));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = dateline::fuzz::ScratchPath(".dls");
  dateline::fuzz::Input in(data, size);
  const bool fix = in.Byte() & 1;
  std::string bytes(in.Rest());
  if (fix) FixChecksums(&bytes);
  dateline::fuzz::WriteFile(path, bytes);
  std::unique_ptr<dateline::index::SegmentReader> seg;
  if (!dateline::index::SegmentReader::Open(path, &seg).ok()) return 0;
  (void)seg->ForEachTerm([&](std::string_view, const dateline::index::TermInfo& info) {
    dateline::index::PostingsCursor c;
    seg->OpenCursor(info, &c);
    std::vector<uint32_t> positions;
    for (uint32_t d = c.doc(); d != dateline::index::kNoDoc; d = c.Next()) c.Positions(&positions);
    return true;
  });
  if (!seg->CheckDeep().ok()) return 0;
  (void)seg->ForEachTerm([](std::string_view, const auto&) { return true; });
  for (uint32_t d = 0; d < seg->doc_count(); ++d) {
    dateline::Document doc;
    if (!seg->GetDocument(d, &doc).ok()) break;
  }
  return 0;
}
