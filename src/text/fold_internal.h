// Internal helpers shared by the text module's folding and tokenising code.
#pragma once

#include <string>
#include <string_view>

namespace dateline::text::internal {

/// True if every byte of `s` is below 0x80.
bool IsAscii(std::string_view s);

/// Appends the ASCII lower-case form of `s` (which must be ASCII) to *out.
void AppendAsciiLower(std::string_view s, std::string* out);

/// Appends Fold(s) to *out (fast paths for ASCII and for two-byte UTF-8
/// characters that fold alone, ICU for the rest).
void AppendFolded(std::string_view s, std::string* out);

/// Appends Fold(s) to *out computed by ICU alone (the reference the fast
/// paths of AppendFolded must agree with; for tests).
void AppendFoldedIcu(std::string_view s, std::string* out);

}  // namespace dateline::text::internal
