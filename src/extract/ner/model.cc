// Viterbi decoding, the tagger, and the model file format.
#include "extract/ner/model.h"

#include <zstd.h>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>
#include <unordered_map>

#include "extract/ner/tokenize.h"
#include "util/crc32c.h"

namespace dateline::ner {
namespace {

constexpr char kMagic[8] = {'D', 'L', 'N', 'E', 'R', 'M', 'D', 'L'};
constexpr uint32_t kVersion = 1;
constexpr size_t kHeaderSize = 36;
constexpr uint64_t kMaxPayload = uint64_t{1} << 30;
constexpr int64_t kNegInf = std::numeric_limits<int64_t>::min() / 4;

bool Allowed(int prev, int y) {
  if (!IsInside(static_cast<uint8_t>(y))) return true;
  return prev == y || prev == y - 1;  // I-t after B-t or I-t
}

// ---- payload encoding ----

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ (v < 0 ? ~uint64_t{0} : 0); }
int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

void PutFixed(std::string* out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}

uint64_t GetFixed(std::string_view s, size_t at, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= uint64_t(static_cast<unsigned char>(s[at + i])) << (8 * i);
  return v;
}

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  bool Varint(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= s_.size()) return false;
      const auto b = static_cast<unsigned char>(s_[pos_++]);
      *v |= uint64_t(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return true;
    }
    return false;
  }
  bool Int16(int16_t* v) {
    uint64_t u = 0;
    if (!Varint(&u)) return false;
    const int64_t x = UnZigZag(u);
    if (x < INT16_MIN || x > INT16_MAX) return false;
    *v = static_cast<int16_t>(x);
    return true;
  }
  bool String(std::string* out) {
    uint64_t n = 0;
    if (!Varint(&n) || n > s_.size() - pos_) return false;
    out->assign(s_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  // Strictly increasing non-zero keys, delta coded.
  bool Keys(uint64_t n, std::vector<uint64_t>* keys) {
    if (n > s_.size() - pos_) return false;  // every key takes a byte at least
    keys->resize(n);
    uint64_t prev = 0;
    for (uint64_t i = 0; i < n; ++i) {
      uint64_t d = 0;
      if (!Varint(&d) || d == 0 || prev + d < prev) return false;
      prev += d;
      (*keys)[i] = prev;
    }
    return true;
  }
  bool done() const { return pos_ == s_.size(); }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

template <typename V>
std::vector<std::pair<uint64_t, V>> SortedEntries(const HashMap64<V>& m) {
  std::vector<std::pair<uint64_t, V>> e;
  e.reserve(m.size());
  for (const auto& s : m.slots())
    if (s.key != 0) e.emplace_back(s.key, s.value);
  std::sort(e.begin(), e.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return e;
}

template <typename V>
void PutKeys(std::string* out, const std::vector<std::pair<uint64_t, V>>& e) {
  PutVarint(out, e.size());
  uint64_t prev = 0;
  for (const auto& [k, v] : e) {
    PutVarint(out, k - prev);
    prev = k;
  }
}

std::string EncodePayload(const Model& m) {
  std::string p;
  PutVarint(&p, kNumLabels);
  p.push_back(static_cast<char>(kFeatsPerToken));
  PutVarint(&p, m.harmonize ? 1 : 0);  // option bits
  PutVarint(&p, m.lang.size());
  p += m.lang;
  for (const auto& row : m.trans)
    for (int16_t t : row) PutVarint(&p, ZigZag(t));
  const auto clusters = SortedEntries(m.clusters);
  PutKeys(&p, clusters);
  for (const auto& [k, c] : clusters) PutVarint(&p, c.coarse), PutVarint(&p, c.fine);
  const auto gaz = SortedEntries(m.gazetteer);
  PutKeys(&p, gaz);
  for (const auto& [k, g] : gaz) p.push_back(static_cast<char>(g));
  const auto weights = SortedEntries(m.weights);
  PutKeys(&p, weights);
  for (const auto& [k, row] : weights) {  // masks of the non-zero weights, then the weights
    uint64_t mask = 0;
    for (int y = 0; y < kNumLabels; ++y) mask |= uint64_t(row.w[y] != 0) << y;
    PutVarint(&p, mask);
  }
  for (const auto& [k, row] : weights)
    for (int y = 0; y < kNumLabels; ++y)
      if (row.w[y] != 0) PutVarint(&p, ZigZag(row.w[y]));
  return p;
}

bool DecodePayload(std::string_view payload, Model* m) {
  Reader r(payload);
  uint64_t labels = 0, feats = 0, options = 0, n = 0;
  if (!r.Varint(&labels) || labels != kNumLabels || !r.Varint(&feats) || feats != kFeatsPerToken ||
      !r.Varint(&options) || options > 1 || !r.String(&m->lang) || m->lang.size() > 16)
    return false;
  m->harmonize = options == 1;
  for (auto& row : m->trans)
    for (int16_t& t : row)
      if (!r.Int16(&t)) return false;
  std::vector<uint64_t> keys;
  if (!r.Varint(&n) || !r.Keys(n, &keys)) return false;
  m->clusters.Init(keys.size());
  for (uint64_t k : keys) {
    uint64_t coarse = 0, fine = 0;
    if (!r.Varint(&coarse) || !r.Varint(&fine) || coarse > 65534 || fine > 65534) return false;
    m->clusters.Put(k, {uint16_t(coarse), uint16_t(fine)});
  }
  if (!r.Varint(&n) || !r.Keys(n, &keys)) return false;
  m->gazetteer.Init(keys.size());
  for (uint64_t k : keys) {
    uint64_t g = 0;
    if (!r.Varint(&g) || g > 255) return false;
    m->gazetteer.Put(k, uint8_t(g));
  }
  if (!r.Varint(&n) || !r.Keys(n, &keys)) return false;
  std::vector<uint16_t> masks(keys.size());
  for (uint16_t& mask : masks) {
    uint64_t v = 0;
    if (!r.Varint(&v) || v >= (1u << kNumLabels)) return false;
    mask = static_cast<uint16_t>(v);
  }
  m->weights.Init(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    WeightRow row{};
    for (int y = 0; y < kNumLabels; ++y)
      if ((masks[i] >> y & 1) && !r.Int16(&row.w[y])) return false;
    m->weights.Put(keys[i], row);
  }
  return r.done();
}

}  // namespace

void Viterbi(const int64_t* em, size_t n, const int64_t (*trans)[kNumLabels],
             std::vector<uint8_t>* labels) {
  constexpr int L = kNumLabels;
  labels->assign(n, kOutside);
  if (n == 0) return;
  std::vector<uint8_t> back(n * L, 0);
  int64_t delta[L], next[L];
  for (int y = 0; y < L; ++y) delta[y] = IsInside(uint8_t(y)) ? kNegInf : trans[L][y] + em[y];
  for (size_t i = 1; i < n; ++i) {
    for (int y = 0; y < L; ++y) {
      int64_t best = kNegInf;
      int arg = 0;
      for (int p = 0; p < L; ++p) {
        if (!Allowed(p, y)) continue;
        const int64_t s = delta[p] + trans[p][y];
        if (s > best) best = s, arg = p;
      }
      next[y] = best + em[i * L + y];
      back[i * L + y] = static_cast<uint8_t>(arg);
    }
    std::copy(next, next + L, delta);
  }
  int y = static_cast<int>(std::max_element(delta, delta + L) - delta);
  for (size_t i = n; i-- > 0;) {
    (*labels)[i] = static_cast<uint8_t>(y);
    y = back[i * L + y];
  }
}

void HarmonizeTypes(const std::vector<std::vector<std::string_view>>& doc,
                    std::vector<std::vector<uint8_t>>* labels) {
  struct Votes {
    int count[4] = {0, 0, 0, 0};
    int first = -1;
  };
  std::unordered_map<std::string, Votes> votes;
  std::vector<std::vector<Chunk>> chunks(doc.size());
  auto name = [&](size_t s, const Chunk& c) {
    std::string n;
    for (uint32_t i = c.begin; i < c.end; ++i) n.append(doc[s][i]).push_back(' ');
    return n;
  };
  for (size_t s = 0; s < doc.size(); ++s) {
    Chunks((*labels)[s], &chunks[s]);
    for (const Chunk& c : chunks[s]) {
      Votes& v = votes[name(s, c)];
      ++v.count[int(c.type)];
      if (v.first < 0) v.first = int(c.type);
    }
  }
  for (size_t s = 0; s < doc.size(); ++s)
    for (const Chunk& c : chunks[s]) {
      const Votes& v = votes[name(s, c)];
      int best = v.first;
      for (int t = 0; t < 4; ++t)
        if (v.count[t] > v.count[best]) best = t;
      if (best == int(c.type)) continue;
      for (uint32_t i = c.begin; i < c.end; ++i)
        (*labels)[s][i] =
            i == c.begin ? BeginLabel(EntityType(best)) : InsideLabel(EntityType(best));
    }
}

void Model::Decode(const uint64_t* feats, size_t n, std::vector<uint8_t>* labels) const {
  constexpr int L = kNumLabels;
  std::vector<int64_t> em(n * L, 0);
  for (size_t i = 0; i < n; ++i) {
    int64_t* e = &em[i * L];
    const uint64_t* f = feats + i * kFeatsPerToken;
    for (int k = 0; k < kFeatsPerToken; ++k) {
      if (f[k] == 0) continue;
      const WeightRow* row = weights.Find(f[k]);
      if (row == nullptr) continue;
      for (int y = 0; y < L; ++y) e[y] += row->w[y];
    }
  }
  int64_t t[L + 1][L];
  for (int p = 0; p <= L; ++p)
    for (int y = 0; y < L; ++y) t[p][y] = trans[p][y];
  Viterbi(em.data(), n, t, labels);
}

std::string Model::Serialize() const {
  const std::string payload = EncodePayload(*this);
  std::string comp(ZSTD_compressBound(payload.size()), '\0');
  const size_t got = ZSTD_compress(comp.data(), comp.size(), payload.data(), payload.size(), 19);
  assert(!ZSTD_isError(got));
  comp.resize(got);
  std::string out(kMagic, sizeof kMagic);
  PutFixed(&out, kVersion, 4);
  PutFixed(&out, 0, 4);
  PutFixed(&out, payload.size(), 8);
  PutFixed(&out, comp.size(), 8);
  uint32_t crc = crc32c::Extend(0, out.data(), out.size());
  crc = crc32c::Extend(crc, comp.data(), comp.size());
  PutFixed(&out, crc, 4);
  return out + comp;
}

Status Model::Parse(std::string_view file, const std::string& name, Model* out) {
  auto bad = [&](std::string_view why) {
    return Status::Corruption(name + ": " + std::string(why));
  };
  if (file.size() < kHeaderSize) return bad("too short for a model file");
  if (std::memcmp(file.data(), kMagic, sizeof kMagic) != 0) return bad("not a dateline NER model");
  if (GetFixed(file, 8, 4) != kVersion)
    return bad("model format version " + std::to_string(GetFixed(file, 8, 4)) + ", expected " +
               std::to_string(kVersion));
  const uint64_t raw = GetFixed(file, 16, 8), comp = GetFixed(file, 24, 8);
  if (comp != file.size() - kHeaderSize) return bad("truncated or extended");
  uint32_t crc = crc32c::Extend(0, file.data(), 32);
  crc = crc32c::Extend(crc, file.data() + kHeaderSize, comp);
  if (crc != GetFixed(file, 32, 4) || GetFixed(file, 12, 4) != 0) return bad("bad checksum");
  if (raw > kMaxPayload) return bad("payload too large");
  std::string payload(raw, '\0');
  const size_t got = ZSTD_decompress(payload.data(), raw, file.data() + kHeaderSize, comp);
  if (ZSTD_isError(got) || got != raw) return bad("bad compressed payload");
  *out = Model();
  if (!DecodePayload(payload, out)) return bad("malformed payload");
  return Status::OK();
}

void PerceptronTagger::TagTokens(const std::vector<std::string>& tokens,
                                 std::vector<uint8_t>* labels) const {
  FeatureExtractor fx(&model_->clusters, &model_->gazetteer);
  std::vector<std::vector<std::string_view>> doc(1);
  doc[0].assign(tokens.begin(), tokens.end());
  DocWords words;
  CollectDocWords(doc, &words);
  fx.set_doc(&words);
  std::vector<uint64_t> feats;
  fx.Extract(doc[0], &feats);
  model_->Decode(feats.data(), tokens.size(), labels);
}

namespace {

constexpr size_t kMaxBlock = size_t{1} << 20;  // bytes tagged as one document

// The end of the next block of a long text: at a blank line, line break or space in
// the second half of kMaxBlock bytes if there is one, else at a character boundary.
size_t BlockEnd(std::string_view text, size_t begin) {
  if (text.size() - begin <= kMaxBlock) return text.size();
  const std::string_view window = text.substr(begin + kMaxBlock / 2, kMaxBlock / 2);
  for (std::string_view sep : {"\n\n", "\n", " "}) {
    const size_t at = window.rfind(sep);
    if (at != std::string_view::npos) return begin + kMaxBlock / 2 + at + sep.size();
  }
  size_t end = begin + kMaxBlock;
  while (end > begin + 1 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end;
}

}  // namespace

void PerceptronTagger::Tag(std::string_view text, std::vector<EntityMention>* out) const {
  // Texts are tagged in blocks of at most 1 MiB, each one document, so that memory
  // stays bounded; offsets stay 32-bit (text beyond 4 GiB is ignored).
  const size_t size = std::min<size_t>(text.size(), UINT32_MAX - 8);
  for (size_t begin = 0; begin < size;) {
    const size_t end = BlockEnd(text.substr(0, size), begin);
    TagBlock(text.substr(begin, end - begin), static_cast<uint32_t>(begin), out);
    begin = end;
  }
}

void PerceptronTagger::TagBlock(std::string_view text, uint32_t base,
                                std::vector<EntityMention>* out) const {
  std::vector<Span> spans;
  std::vector<uint32_t> ends;
  Tokenize(text, model_->lang, &spans, &ends);
  std::vector<std::vector<std::string_view>> doc(ends.size());
  uint32_t begin = 0;
  for (size_t s = 0; s < ends.size(); ++s) {
    for (uint32_t i = begin; i < ends[s]; ++i)
      doc[s].push_back(text.substr(spans[i].begin, spans[i].end - spans[i].begin));
    begin = ends[s];
  }
  DocWords words;
  CollectDocWords(doc, &words);
  FeatureExtractor fx(&model_->clusters, &model_->gazetteer);
  fx.set_doc(&words);
  std::vector<uint64_t> feats;
  std::vector<std::vector<uint8_t>> labels(ends.size());
  for (size_t s = 0; s < ends.size(); ++s) {
    fx.Extract(doc[s], &feats);
    model_->Decode(feats.data(), doc[s].size(), &labels[s]);
  }
  if (model_->harmonize) HarmonizeTypes(doc, &labels);
  std::vector<Chunk> chunks;
  begin = 0;
  for (size_t s = 0; s < ends.size(); ++s) {
    Chunks(labels[s], &chunks);
    for (const Chunk& c : chunks)
      out->push_back(
          {base + spans[begin + c.begin].begin, base + spans[begin + c.end - 1].end, c.type});
    begin = ends[s];
  }
}

}  // namespace dateline::ner
