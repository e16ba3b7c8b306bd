// ParagraphBuilder, NormalizeBody, NormalizeLine.
#include "ingest/normalize.h"

#include "ingest/utf8.h"

namespace dateline::ingest {

void ParagraphBuilder::AddLine(std::string_view line) {
  const std::string_view t = TrimSpace(line);
  if (t.empty()) {
    in_paragraph_ = false;
    return;
  }
  if (!out_.empty()) {
    if (in_paragraph_) {
      out_.append(joiner_);
    } else {
      out_.append("\n\n");
    }
  }
  out_.append(t);
  in_paragraph_ = true;
}

std::string NormalizeBody(std::string_view s) {
  if (s.find('\n') == std::string_view::npos) return std::string(TrimSpace(s));
  ParagraphBuilder b("\n");
  b.Reserve(s.size());  // the result is never longer
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) nl = s.size();
    b.AddLine(s.substr(start, nl - start));
    start = nl + 1;
  }
  return b.Take();
}

std::string NormalizeLine(std::string_view s) {
  const std::string_view t = TrimSpace(s);
  if (t.find_first_of("\r\n") == std::string_view::npos) return std::string(t);
  ParagraphBuilder b(" ");
  size_t start = 0;
  while (start <= t.size()) {
    size_t nl = t.find('\n', start);
    if (nl == std::string_view::npos) nl = t.size();
    b.AddLine(t.substr(start, nl - start));
    start = nl + 1;
  }
  std::string out = b.Take();
  // Paragraph breaks become single spaces too.
  std::string flat;
  flat.reserve(out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\n') {
      if (i + 1 < out.size() && out[i + 1] == '\n') ++i;
      flat.push_back(' ');
    } else {
      flat.push_back(out[i]);
    }
  }
  return flat;
}

}  // namespace dateline::ingest
