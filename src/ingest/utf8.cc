// UTF-8 validation and repair (invalid sequences become U+FFFD, one per maximal
// invalid subpart as in the Unicode standard's "substitution of maximal subparts").
#include "ingest/utf8.h"

#include <simdjson.h>

#include "dateline/ingest.h"

namespace dateline::ingest {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the valid sequence starting at s[i], or 0 if invalid; then *bad is the
// number of bytes (at least 1) that form the maximal invalid subpart.
size_t ValidSequence(std::string_view s, size_t i, size_t* bad) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    *bad = 1;
    return 0;
  }
  size_t k = 1;
  for (; k <= need && i + k < s.size(); ++k) {
    const auto d = static_cast<unsigned char>(s[i + k]);
    if (d < lo || d > hi) break;
    lo = 0x80;
    hi = 0xBF;
  }
  if (k > need) return need + 1;
  *bad = k;
  return 0;
}

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

bool IsValidUtf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

size_t Utf8SequenceLength(std::string_view s, size_t i) {
  size_t bad = 0;
  return ValidSequence(s, i, &bad);
}

uint64_t RepairUtf8(std::string* s) {
  if (IsValidUtf8(*s)) return 0;
  std::string out;
  out.reserve(s->size() + 16);
  uint64_t repaired = 0;
  const std::string_view in(*s);
  size_t i = 0;
  while (i < in.size()) {
    size_t bad = 0;
    const size_t n = ValidSequence(in, i, &bad);
    if (n > 0) {
      out.append(in.substr(i, n));
      i += n;
    } else {
      out.append(kReplacement);
      ++repaired;
      i += bad;
    }
  }
  s->swap(out);
  return repaired;
}

std::string_view TrimSpace(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsAsciiSpace(s[b])) ++b;
  while (e > b && IsAsciiSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

bool IsBlank(std::string_view s) { return TrimSpace(s).empty(); }

void TruncateUtf8(std::string* s, size_t max) {
  if (s->size() <= max) return;
  size_t cut = max;
  while (cut > 0 && IsContinuation((*s)[cut])) --cut;
  s->resize(cut);
}

std::string RecordExcerpt(std::string_view raw) {
  // Keep a few extra bytes so that a character crossing the limit can be repaired whole.
  std::string out(raw.substr(0, kMaxRecordExcerpt + 4));
  RepairUtf8(&out);
  TruncateUtf8(&out, kMaxRecordExcerpt);
  return out;
}

void AppendExcerpt(std::string* excerpt, std::string_view piece) {
  if (excerpt->size() >= kMaxRecordExcerpt + 4) return;
  excerpt->append(piece.substr(0, kMaxRecordExcerpt + 4 - excerpt->size()));
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace dateline::ingest
