// UTF-8 repair and small string helpers shared by the ingest readers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dateline::ingest {

/// Largest excerpt of a raw record kept in a Reject.
inline constexpr size_t kMaxRecordExcerpt = 4096;

/// ASCII whitespace: space, tab, LF, CR, VT, FF.
inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/// `s` without leading and trailing ASCII whitespace.
std::string_view TrimSpace(std::string_view s);

/// True if `s` is empty or only ASCII whitespace.
bool IsBlank(std::string_view s);

/// True if `s` is well-formed UTF-8 (simdjson's validator).
bool IsValidUtf8(std::string_view s);

/// Length of the well-formed UTF-8 sequence starting at s[i] (i < s.size()), or 0.
size_t Utf8SequenceLength(std::string_view s, size_t i);

/// Cuts the valid UTF-8 string *s to at most `max` bytes without splitting a character.
void TruncateUtf8(std::string* s, size_t max);

/// The first kMaxRecordExcerpt bytes of `raw` as valid UTF-8 (repaired, cut at a
/// character boundary).
std::string RecordExcerpt(std::string_view raw);

/// Appends `piece` to *excerpt while it is shorter than the excerpt limit (used to
/// collect the raw text of multi-line records).
void AppendExcerpt(std::string* excerpt, std::string_view piece);

/// ASCII lower-casing.
std::string AsciiLower(std::string_view s);

}  // namespace dateline::ingest
