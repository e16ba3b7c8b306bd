// CoNLL reader, IOB conversion and the conlleval scorer.
#include "extract/ner/conll.h"

#include <cassert>

#include "util/file.h"

namespace dateline::ner {
namespace {

// Splits a line into fields on tabs when it has any, else on runs of spaces.
std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> f;
  const bool tabs = line.find('\t') != std::string_view::npos;
  size_t i = 0;
  while (i <= line.size()) {
    size_t j = line.find(tabs ? '\t' : ' ', i);
    if (j == std::string_view::npos) j = line.size();
    if (tabs || j > i) f.push_back(line.substr(i, j - i));
    i = j + 1;
  }
  return f;
}

// Parses "O", "B-PER", "I-ORG"... into a raw tag: *type = -1 for O.
bool ParseTag(std::string_view tag, bool* begin, int* type) {
  if (tag == "O") {
    *type = -1;
    *begin = false;
    return true;
  }
  if (tag.size() < 3 || tag[1] != '-' || (tag[0] != 'B' && tag[0] != 'I')) return false;
  EntityType t;
  const std::string_view name = tag.substr(2);
  if (name != "PER" && name != "ORG" && name != "LOC" && name != "MISC") return false;
  ParseEntityType(name, &t);
  *begin = tag[0] == 'B';
  *type = static_cast<int>(t);
  return true;
}

// Converts raw (begin flag, type) tags to IOB2 labels: an I- tag that does not
// continue an entity of its type begins one (this turns IOB1 into IOB2).
void ToIob2(const std::vector<std::pair<bool, int>>& raw, std::vector<uint8_t>* labels) {
  labels->clear();
  int prev = -1;
  for (const auto& [begin, type] : raw) {
    if (type < 0) {
      labels->push_back(kOutside);
    } else {
      const auto t = static_cast<EntityType>(type);
      labels->push_back(begin || prev != type ? BeginLabel(t) : InsideLabel(t));
    }
    prev = type;
  }
}

struct ParseState {
  std::vector<Sentence>* out;
  Sentence cur;
  std::vector<std::pair<bool, int>> raw;
  bool pending_doc = false;

  void Flush() {
    if (cur.tokens.empty()) return;
    ToIob2(raw, &cur.labels);
    cur.doc_start = pending_doc;
    pending_doc = false;
    out->push_back(std::move(cur));
    cur = Sentence();
    raw.clear();
  }
};

Status LineError(const std::string& name, size_t line, std::string_view why) {
  return Status::InvalidArgument(name + ":" + std::to_string(line) + ": " + std::string(why));
}

}  // namespace

std::string LabelName(uint8_t y) {
  if (y == kOutside) return "O";
  return std::string(IsBegin(y) ? "B-" : "I-") + std::string(EntityTypeName(LabelType(y)));
}

Status ParseConll(std::string_view data, const std::string& name, std::vector<Sentence>* out) {
  ParseState st{out, {}, {}, false};
  size_t pos = 0, line_no = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos) nl = data.size();
    std::string_view line = data.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      st.Flush();
      continue;
    }
    const std::vector<std::string_view> f = Fields(line);
    const bool tabs = line.find('\t') != std::string_view::npos;
    if (f.size() < 2 || (tabs && f.size() != 3))
      return LineError(name, line_no, "expected 2 or 3 fields");
    const std::string_view token = tabs ? f[1] : f[0];
    if (token == "-DOCSTART-") {
      st.Flush();
      st.pending_doc = true;
      continue;
    }
    if (token.empty()) return LineError(name, line_no, "empty token");
    bool begin = false;
    int type = -1;
    if (!ParseTag(f.back(), &begin, &type))
      return LineError(name, line_no, "bad tag '" + std::string(f.back()) + "'");
    st.cur.tokens.emplace_back(token);
    st.raw.emplace_back(begin, type);
  }
  st.Flush();
  return Status::OK();
}

Status ReadConll(const std::string& path, std::vector<Sentence>* out) {
  std::string data;
  DL_RETURN_IF_ERROR(file::ReadFile(path, &data));
  return ParseConll(data, path, out);
}

void Chunks(const std::vector<uint8_t>& labels, std::vector<Chunk>* out) {
  out->clear();
  for (uint32_t i = 0; i < labels.size(); ++i) {
    const uint8_t y = labels[i];
    if (y == kOutside) continue;
    const bool starts = IsBegin(y) || i == 0 || labels[i - 1] == kOutside ||
                        LabelType(labels[i - 1]) != LabelType(y);
    if (starts) {
      out->push_back({i, i + 1, LabelType(y)});
    } else {
      assert(!out->empty());
      out->back().end = i + 1;
    }
  }
}

void Scores::Add(const std::vector<uint8_t>& g, const std::vector<uint8_t>& p) {
  assert(g.size() == p.size());
  std::vector<Chunk> gc, pc;
  Chunks(g, &gc);
  Chunks(p, &pc);
  for (const Chunk& c : gc) ++gold[int(c.type)];
  for (const Chunk& c : pc) ++pred[int(c.type)];
  size_t j = 0;
  for (const Chunk& c : gc) {
    while (j < pc.size() && pc[j].begin < c.begin) ++j;
    if (j < pc.size() && pc[j] == c) ++correct[int(c.type)];
  }
  tokens += g.size();
  for (size_t i = 0; i < g.size(); ++i) correct_tokens += g[i] == p[i];
}

namespace {
uint64_t Sum(const uint64_t* v, int type) {
  if (type >= 0) return v[type];
  return v[0] + v[1] + v[2] + v[3];
}
}  // namespace

double Scores::Precision(int type) const {
  const uint64_t p = Sum(pred, type);
  return p == 0 ? 0.0 : 100.0 * double(Sum(correct, type)) / double(p);
}

double Scores::Recall(int type) const {
  const uint64_t g = Sum(gold, type);
  return g == 0 ? 0.0 : 100.0 * double(Sum(correct, type)) / double(g);
}

double Scores::F1(int type) const {
  const double p = Precision(type), r = Recall(type);
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

}  // namespace dateline::ner
