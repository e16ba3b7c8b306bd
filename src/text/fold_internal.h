// Internal helpers shared by the text module's folding and tokenising code.
#pragma once

#include <string>
#include <string_view>

namespace dateline::text::internal {

/// True if every byte of `s` is below 0x80.
bool IsAscii(std::string_view s);

/// Appends the ASCII lower-case form of `s` (which must be ASCII) to *out.
void AppendAsciiLower(std::string_view s, std::string* out);

/// Appends Fold(s) to *out (fast path for ASCII, ICU for the rest).
void AppendFolded(std::string_view s, std::string* out);

}  // namespace dateline::text::internal
