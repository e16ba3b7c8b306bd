// Minimal JSON output helpers (parsing uses simdjson).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dateline {

/// Appends `s` as a JSON string literal (with quotes), escaping as RFC 8259 requires.
/// Invalid UTF-8 bytes are written as U+FFFD.
void AppendJsonString(std::string* out, std::string_view s);

/// Returns `s` as a JSON string literal.
std::string JsonString(std::string_view s);

/// Appends a number with up to 6 significant decimals and no trailing zeros.
void AppendJsonNumber(std::string* out, double v);

}  // namespace dateline
