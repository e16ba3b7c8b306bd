// Text normalisation for record bodies and single-line fields.
#pragma once

#include <string>
#include <string_view>

namespace dateline::ingest {

/// Builds a body from lines: each line is trimmed of ASCII whitespace; blank lines
/// separate paragraphs; paragraphs are joined with "\n\n" and the lines of one
/// paragraph with `line_joiner` (" " for dateline text, "\n" for JSON/CSV fields).
class ParagraphBuilder {
 public:
  explicit ParagraphBuilder(std::string_view line_joiner) : joiner_(line_joiner) {}
  void AddLine(std::string_view line);
  /// Makes room for `bytes` of text at once (the text then never grows by copying).
  void Reserve(size_t bytes) { out_.reserve(bytes); }
  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  std::string_view joiner_;
  std::string out_;
  bool in_paragraph_ = false;
};

/// Normalises a multi-line field value (JSON/CSV `text`): lines end at "\n" (a "\r"
/// before it is dropped), are trimmed, runs of blank lines become one paragraph break
/// "\n\n", single line breaks are kept, and the result has no outer whitespace.
std::string NormalizeBody(std::string_view s);

/// Normalises a single-line field (title): trimmed, each run of whitespace containing
/// a line break becomes one space.
std::string NormalizeLine(std::string_view s);

}  // namespace dateline::ingest
