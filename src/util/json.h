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

/// Appends a number: an integral value (below 2^53) in full, any other with up to
/// 6 significant digits and no trailing zeros.
void AppendJsonNumber(std::string* out, double v);

/// Builds one JSON object, member by member, in the order of the calls.
class JsonObject {
 public:
  JsonObject& Str(std::string_view key, std::string_view value) {
    Key(key);
    AppendJsonString(&out_, value);
    return *this;
  }
  JsonObject& Num(std::string_view key, double value) {
    Key(key);
    AppendJsonNumber(&out_, value);
    return *this;
  }
  /// `json` must be valid JSON (an object, array, number...).
  JsonObject& Raw(std::string_view key, std::string_view json) {
    Key(key);
    out_.append(json);
    return *this;
  }
  std::string Finish() { return out_ + "}"; }

 private:
  void Key(std::string_view key) {
    out_ += out_.size() == 1 ? "" : ",";
    AppendJsonString(&out_, key);
    out_ += ":";
  }
  std::string out_ = "{";
};

}  // namespace dateline
