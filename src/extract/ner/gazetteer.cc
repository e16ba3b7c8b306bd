// Gazetteer loading and matching.
#include "extract/ner/gazetteer.h"

#include <map>

#include "extract/ner/tokenize.h"
#include "util/file.h"

namespace dateline::ner {

uint64_t GazetteerKey(std::string_view joined) { return (HashBytes(joined) >> 32) + 1; }

Status LoadGazetteer(const std::string& path, const std::string& lang, Gazetteer* out) {
  std::string data;
  DL_RETURN_IF_ERROR(file::ReadFile(path, &data));
  std::map<uint64_t, uint8_t> entries;
  std::vector<Span> spans;
  std::vector<uint32_t> ends;
  std::string lower, joined;
  size_t pos = 0, line_no = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    const std::string_view line(data.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.empty()) continue;
    const size_t tab = line.find('\t');
    EntityType type;
    if (tab == std::string_view::npos || !ParseEntityType(line.substr(0, tab), &type))
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) +
                                     ": expected TYPE<TAB>name");
    const std::string_view name = line.substr(tab + 1);
    spans.clear();
    ends.clear();
    Tokenize(name, lang, &spans, &ends);
    if (spans.empty() || spans.size() > kMaxGazetteerTokens) continue;
    joined.clear();
    for (const Span& s : spans) {
      LowerUtf8(name.substr(s.begin, s.end - s.begin), &lower);
      joined += (joined.empty() ? "" : " ") + lower;
    }
    entries[GazetteerKey(joined)] |= uint8_t(1u << int(type));
  }
  out->Init(entries.size());
  for (const auto& [k, v] : entries) out->Put(k, v);
  return Status::OK();
}

void MatchGazetteer(const Gazetteer& gaz, const std::vector<std::string>& lower,
                    std::vector<uint8_t>* bits) {
  const size_t n = lower.size();
  bits->assign(n, 0);
  if (gaz.size() == 0) return;
  std::string joined;
  for (size_t i = 0; i < n; ++i) {
    joined = lower[i];
    for (size_t len = 1; len <= kMaxGazetteerTokens && i + len <= n; ++len) {
      if (len > 1) joined.append(" ").append(lower[i + len - 1]);
      const uint8_t* t = gaz.Find(GazetteerKey(joined));
      if (t == nullptr) continue;
      (*bits)[i] |= uint8_t(*t << 4);
      for (size_t k = i; k < i + len; ++k) (*bits)[k] |= *t;
    }
  }
}

}  // namespace dateline::ner
