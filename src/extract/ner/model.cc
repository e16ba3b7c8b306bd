// Viterbi decoding, the tagger, and the model file format.
#include "extract/ner/model.h"

#include <zstd.h>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <deque>
#include <limits>
#include <memory>
#include <unordered_map>

#include "extract/ner/gazetteer.h"
#include "extract/ner/scores.h"
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

// Transition scores for decoding: t[y][p] from p to y, kNegInf where forbidden
// (never winning: every label has an allowed, finite predecessor, so the result
// is that of skipping them), and the raw table by [p][y] (row kNumLabels: start).
struct Transitions {
  int64_t t[kNumLabels][kNumLabels];
  int64_t raw[kNumLabels + 1][kNumLabels];

  template <typename T>
  void Init(const T (*trans)[kNumLabels]) {
    for (int p = 0; p <= kNumLabels; ++p)
      for (int y = 0; y < kNumLabels; ++y) raw[p][y] = trans[p][y];
    for (int p = 0; p < kNumLabels; ++p)
      for (int y = 0; y < kNumLabels; ++y) t[y][p] = Allowed(p, y) ? raw[p][y] : kNegInf;
  }
};

// The Viterbi forward pass over the positions of a sentence: em[i * L + y] are the
// emission scores of position i, back[i * L + y] the best predecessor of label y
// there. Starting at position b after label `prev` (kNumLabels: none, the sentence
// starts here), delta holds the best scores at the last position passed.
void ViterbiStart(const int64_t* em, size_t b, const Transitions& tr, int prev, int64_t* delta) {
  for (int y = 0; y < kNumLabels; ++y)
    delta[y] = IsInside(uint8_t(y)) ? kNegInf : tr.raw[prev][y] + em[b * kNumLabels + y];
}

// Extends the forward pass over positions [from, to).
void ViterbiForward(const int64_t* em, size_t from, size_t to, const Transitions& tr,
                    int64_t* delta, uint8_t* back) {
  constexpr int L = kNumLabels;
  const auto& t = tr.t;
  int64_t next[L];
  for (size_t i = from; i < to; ++i) {
    uint8_t* bk = &back[i * L];
#pragma GCC unroll 5
    for (int y = 0; y < L; y += y == 0 ? 1 : 2) {  // O and B- labels: any predecessor
      int arg = 0;
      int64_t best = delta[0] + t[y][0];
#pragma GCC unroll 8
      for (int p = 1; p < L; ++p) {
        const int64_t s = delta[p] + t[y][p];
        if (s > best) best = s, arg = p;
      }
      next[y] = best + em[i * L + y];
      bk[y] = static_cast<uint8_t>(arg);
    }
    for (int y = 2; y < L; y += 2) {  // I- labels: after B- or I- of the type
      const int64_t b = delta[y - 1] + t[y][y - 1], s = delta[y] + t[y][y];
      next[y] = (s > b ? s : b) + em[i * L + y];
      bk[y] = static_cast<uint8_t>(s > b ? y : y - 1);
    }
    std::copy(next, next + L, delta);
  }
}

// The best labels of positions [b, e), the forward pass having ended at e - 1.
void ViterbiBack(const int64_t* delta, const uint8_t* back, size_t b, size_t e, uint8_t* labels) {
  int y = static_cast<int>(std::max_element(delta, delta + kNumLabels) - delta);
  for (size_t i = e; i-- > b;) {
    labels[i] = static_cast<uint8_t>(y);
    if (i > b) y = back[i * kNumLabels + y];
  }
}

// Viterbi over n tokens whose previous label is `prev` (kNumLabels: none, the
// sentence starts here).
void ViterbiSpan(const int64_t* em, size_t n, const Transitions& tr, int prev, uint8_t* labels) {
  if (n == 0) return;
  thread_local std::vector<uint8_t> back;
  if (back.size() < n * kNumLabels) back.resize(n * kNumLabels);
  int64_t delta[kNumLabels];
  ViterbiStart(em, 0, tr, prev, delta);
  ViterbiForward(em, 1, n, tr, delta, back.data());
  ViterbiBack(delta, back.data(), 0, n, labels);
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
  labels->assign(n, kOutside);
  Transitions tr;
  tr.Init(trans);
  ViterbiSpan(em, n, tr, kNumLabels, labels->data());
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
  std::vector<std::vector<std::string_view>> doc(1);
  doc[0].assign(tokens.begin(), tokens.end());
  std::vector<std::vector<uint8_t>> out(1);
  TagDoc(doc, &out);
  *labels = std::move(out[0]);
}

namespace {

// What one word type (an exact token string) contributes to the emission scores,
// whatever its document and sentence: the features over its own keys (off[3]) and
// over it as the neighbour at -3..+3 of another token (off[3 + d]: to the token d
// places after it). Only the features over pairs of tokens, the gazetteer, the
// document and the sentence position are looked up per token.
struct TypeInfo {
  std::string token;
  std::string lower;
  uint64_t lower_fnv;  // FNV-1a state after `lower` (before HashBytes' finaliser)
  uint8_t gaz1 = 0;    // MatchNames() bits of the word as a name of one token
  FeatureExtractor::Keys keys;
  PackedScores off[7];
  PackedScores kind_first[2];  // Feat(27, kind, first token of the sentence)
  // Mix64(key + 7) (or + 13) of keys, the second and third parts of Feat(t, a, b, c).
  uint64_t lower7, shape7, shape13, kind7;

  void SetMixes() {
    lower7 = Mix64(keys.lower + 7);
    shape7 = Mix64(keys.shape + 7);
    shape13 = Mix64(keys.shape + 13);
    kind7 = Mix64(keys.kind + 7);
  }
};

constexpr uint64_t kFnvBasis = 0xCBF29CE484222325ULL;

uint64_t Fnv(uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = (h ^ c) * 0x100000001B3ULL;
  return h;
}

// GazetteerKey() of the lower-cased tokens joined by spaces, from their FNV state.
uint64_t GazetteerKeyOf(uint64_t fnv) {
  uint64_t h = Mix64(fnv);
  h = h == 0 ? 1 : h;
  return (h >> 32) + 1;
}

inline void AddRow(const Model& m, uint64_t f, LabelScores* e) {
  if (f == 0) return;
  const WeightRow* row = m.weights.Find(f);
  if (row != nullptr) e->Add(*row);
}

// Mix64(first + 7) and Mix64(first + 13) for the first token of a sentence (1) or not (0).
const uint64_t kFirst7[2] = {Mix64(0 + 7), Mix64(1 + 7)};
const uint64_t kFirst13[2] = {Mix64(0 + 13), Mix64(1 + 13)};

void FillOffsets(const Model& m, TypeInfo* t) {
  const FeatureExtractor::Keys& k = t->keys;
  LabelScores off[7];
  LabelScores* self = &off[3];
  AddRow(m, Feat(2, k.word), self);
  AddRow(m, Feat(3, k.lower), self);
  AddRow(m, Feat(4, k.shape), self);
  AddRow(m, Feat(5, k.kind), self);
  for (int i = 0; i < 4; ++i) AddRow(m, k.pre[i] ? Feat(6 + i, k.pre[i]) : 0, self);
  for (int i = 0; i < 4; ++i) AddRow(m, k.suf[i] ? Feat(10 + i, k.suf[i]) : 0, self);
  AddRow(m, k.coarse ? Feat(32, k.coarse) : 0, self);
  AddRow(m, k.fine ? Feat(33, k.fine) : 0, self);
  AddRow(m, Feat(38, k.fine, k.kind), self);
  LabelScores* next1 = &off[4];  // this word is p1 of the next token
  AddRow(m, Feat(14, k.lower), next1);
  AddRow(m, Feat(18, k.shape), next1);
  AddRow(m, Feat(34, k.coarse), next1);
  AddRow(m, Feat(36, k.fine), next1);
  AddRow(m, Feat(41, k.word), next1);
  AddRow(m, k.suf[2] ? Feat(48, k.suf[2]) : 0, next1);
  LabelScores* prev1 = &off[2];  // n1 of the previous token
  AddRow(m, Feat(15, k.lower), prev1);
  AddRow(m, Feat(19, k.shape), prev1);
  AddRow(m, Feat(35, k.coarse), prev1);
  AddRow(m, Feat(37, k.fine), prev1);
  AddRow(m, Feat(42, k.word), prev1);
  AddRow(m, k.suf[2] ? Feat(49, k.suf[2]) : 0, prev1);
  AddRow(m, Feat(16, k.lower), &off[5]);
  AddRow(m, Feat(20, k.shape), &off[5]);
  AddRow(m, Feat(39, k.fine), &off[5]);
  AddRow(m, Feat(17, k.lower), &off[1]);
  AddRow(m, Feat(21, k.shape), &off[1]);
  AddRow(m, Feat(40, k.fine), &off[1]);
  AddRow(m, Feat(46, k.lower), &off[6]);
  AddRow(m, Feat(47, k.lower), &off[0]);
  for (int d = 0; d < 7; ++d) off[d].Store(&t->off[d]);
  for (int first = 0; first < 2; ++first) {
    LabelScores row;
    AddRow(m, Feat(27, k.kind ^ kFirst7[first]), &row);
    row.Store(&t->kind_first[first]);
  }
}

// In an all-caps sentence, case says nothing: capitals get a neutral shape and
// kind, and the word is looked up capitalised (as FeatureExtractor::Extract).
void CapsKeys(FeatureExtractor::Keys* k) {
  static const uint64_t kCapsShape = HashBytes("<caps>");
  if (k->kind_id != 2 && k->kind_id != 3) return;
  if (k->title != 0) k->word = k->title;
  k->shape = kCapsShape;
  k->kind = 20;
}

// Word types by token: the TypeInfo of each, computed on first sight.
class TypeTable {
 public:
  TypeTable(size_t max_types, bool caps) : max_types_(max_types), caps_(caps) {}

  // Forgets every type (after max_types of them, or for another model).
  void Clear() {
    types_.clear();
    slots_.assign(slots_.size(), Slot());
  }
  void ClearIfFull() {
    if (types_.size() > max_types_) Clear();
  }

  const TypeInfo* Get(const Model& m, FeatureExtractor* fx, std::string_view token) {
    const uint64_t h = Fnv(kFnvBasis, token);
    if (2 * (types_.size() + 1) > slots_.size()) Grow();
    const size_t mask = slots_.size() - 1;
    size_t i = Mix64(h) & mask;
    for (; slots_[i].type != nullptr; i = (i + 1) & mask)
      if (slots_[i].hash == h && slots_[i].type->token == token) return slots_[i].type;
    TypeInfo& t = types_.emplace_back();
    Fill(m, fx, token, &t);
    slots_[i] = {h, &t};
    return &t;
  }

 private:
  struct Slot {
    uint64_t hash = 0;  // FNV-1a of the token
    const TypeInfo* type = nullptr;
  };

  void Fill(const Model& m, FeatureExtractor* fx, std::string_view token, TypeInfo* t) const {
    t->token.assign(token);
    fx->ComputeKeys(token, &t->keys);
    t->lower = fx->lower();
    t->lower_fnv = Fnv(kFnvBasis, t->lower);
    const uint8_t* g = m.gazetteer.Find(GazetteerKeyOf(t->lower_fnv));
    t->gaz1 = g == nullptr ? 0 : uint8_t(*g << 4 | *g);
    if (caps_) CapsKeys(&t->keys);
    t->SetMixes();
    FillOffsets(m, t);
    if (caps_) {  // the features of all-caps sentences
      LabelScores self;
      self.Load(t->off[3]);
      AddRow(m, Feat(28, t->keys.kind), &self);
      AddRow(m, Feat(29, t->keys.lower), &self);
      self.Store(&t->off[3]);
    }
  }

  void Grow() {
    std::vector<Slot> old(std::max<size_t>(1024, 2 * slots_.size()));
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.type == nullptr) continue;
      size_t i = Mix64(s.hash) & mask;
      while (slots_[i].type != nullptr) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  size_t max_types_;
  bool caps_;                   // types as words of all-caps sentences
  std::deque<TypeInfo> types_;  // stable addresses
  std::vector<Slot> slots_;     // open addressing
};

// Per-thread cache of word types for one model at a time.
struct TypeCache {
  static constexpr size_t kMaxModels = 8;
  std::weak_ptr<const Model> model;
  std::unique_ptr<FeatureExtractor> fx;
  TypeTable plain{1 << 15, false};
  TypeTable capitals{1 << 12, true};  // all-caps sentences are few
  TypeInfo pads[6];                   // left -1..-3, right n..n+2
  LabelScores bias;
  PackedScores gaz_rows[256];  // Feat(43, gazetteer bits)
  Transitions trans;
  // scratch
  std::vector<const TypeInfo*> all;
  DocWords words;
  std::vector<uint8_t> gaz;
  std::vector<int64_t> em;
  std::vector<uint8_t> back;  // Viterbi back pointers, by token of the sentence
  int64_t delta[kNumLabels];  // Viterbi scores at the end of the forward pass
  std::vector<std::pair<size_t, size_t>> stretches;
  std::vector<const TypeInfo*> caps;
  std::vector<const TypeInfo*> padded;   // a sentence's types with the padding (Emission)
  std::vector<uint8_t> matched, scored;  // per token of a sentence
  bool score_all = false;                // no Stretches() in this document

  void Reset(const std::shared_ptr<const Model>& m) {
    model = m;
    fx = std::make_unique<FeatureExtractor>(&m->clusters, &m->gazetteer);
    plain.Clear();
    capitals.Clear();
    for (int j = 0; j < 3; ++j) {
      pads[j].keys = fx->pad_left(j);
      pads[3 + j].keys = fx->pad_right(j);
    }
    for (TypeInfo& p : pads) p.SetMixes(), FillOffsets(*m, &p);
    bias = LabelScores();
    AddRow(*m, Feat(1, 0), &bias);
    for (int g = 0; g < 256; ++g) {
      LabelScores row;
      AddRow(*m, g ? Feat(43, g) : 0, &row);
      row.Store(&gaz_rows[g]);
    }
    trans.Init(m->trans);
  }
};

// Marks in cache.gaz the gazetteer names over the tokens of a sentence that start
// in [from, to), as MatchGazetteer(), hashing the joined names incrementally.
void MatchNames(TypeCache& cache, const Model& m, const TypeInfo* const* at, size_t n, size_t from,
                size_t to) {
  for (size_t i = from; i < to; ++i) {
    uint64_t h = at[i]->lower_fnv;
    cache.gaz[i] |= at[i]->gaz1;
    for (size_t len = 2; len <= kMaxGazetteerTokens && i + len <= n; ++len) {
      h = Fnv(Fnv(h, " "), at[i + len - 1]->lower);
      const uint8_t* t = m.gazetteer.Find(GazetteerKeyOf(h));
      if (t == nullptr) continue;
      cache.gaz[i] |= uint8_t(*t << 4);
      for (size_t j = i; j < i + len; ++j) cache.gaz[j] |= *t;
    }
  }
}

// The emission scores of token i of a sentence into cache.em; at[-3..n+2] are
// the types of its tokens and of the padding around them (cache.padded).
void Emission(TypeCache& cache, const Model& m, const TypeInfo* const* at, int i) {
  constexpr int L = kNumLabels;
  LabelScores e = cache.bias;
  for (int d = -3; d <= 3; ++d) e.Add(at[i - d]->off[3 + d]);
  // Feat(t, a, b[, c]) with the Mix64 parts of b and c read from the types.
  const TypeInfo& ct = *at[i];
  const TypeInfo& nt = *at[i + 1];
  const FeatureExtractor::Keys& c = ct.keys;
  const FeatureExtractor::Keys& p1 = at[i - 1]->keys;
  const int first = i == 0;
  AddRow(m, Feat(22, p1.lower ^ ct.lower7), &e);
  AddRow(m, Feat(23, c.lower ^ nt.lower7), &e);
  AddRow(m, Feat(24, p1.shape ^ ct.shape7), &e);
  AddRow(m, Feat(25, c.shape ^ nt.shape7), &e);
  AddRow(m, Feat(26, p1.shape ^ ct.shape7 ^ nt.shape13), &e);
  e.Add(ct.kind_first[first]);  // Feat(27, c.kind, first)
  AddRow(m, Feat(30, p1.lower ^ ct.kind7), &e);
  AddRow(m, Feat(31, c.kind ^ nt.kind7), &e);
  const uint64_t gaz = cache.gaz.empty() ? 0 : cache.gaz[i];
  if (gaz) {
    e.Add(cache.gaz_rows[gaz]);  // Feat(43, gaz)
    AddRow(m, Feat(44, gaz ^ ct.kind7), &e);
  }
  const uint8_t* dw = cache.words.Find(c.lower);
  if (dw != nullptr) AddRow(m, Feat(45, (uint64_t{*dw} + 1) ^ ct.kind7 ^ kFirst13[first]), &e);
  AddRow(m, Feat(50, p1.lower ^ nt.lower7), &e);
  e.Get(&cache.em[i * L]);
}

// A token that may be (or start) a name: capitalised, in capitals, mixed case,
// letters with digits, or of an uncased script. Lower-case words, numbers and
// punctuation are not.
bool MayBeName(const TypeInfo* t) {
  const uint8_t kind = t->keys.kind_id;
  return kind != 0 && kind != 5 && kind != 7;
}

// Tokens further than this from any MayBeName() token are labelled O without
// being scored, and the stretches in between are decoded each on its own, as
// short sentences. The model almost never labels such tokens other than O; where
// it would, a name goes on in lower case and the widening below catches most of
// them (doc/ner-model.md, "Tagging speed": dev F1 within 0.05 of the full decoding).
constexpr size_t kNameMargin = 3;

// A document with fewer than one capitalised (or all-caps, mixed-case) word per
// this many lower-case words is a lower-cased text (capitals only at sentence
// starts; news has one per 6-11): no stretches are left out.
constexpr size_t kLowerCaseText = 14;

// The stretches [begin, end) of a sentence that are scored: the tokens within
// kNameMargin of a MayBeName() token.
void Stretches(const TypeInfo* const* at, size_t n, std::vector<std::pair<size_t, size_t>>* out) {
  out->clear();
  for (size_t i = 0; i < n; ++i) {
    if (!MayBeName(at[i])) continue;
    const size_t b = i > kNameMargin ? i - kNameMargin : 0;
    const size_t e = std::min(n, i + kNameMargin + 1);
    if (!out->empty() && b <= out->back().second) {
      out->back().second = e;
    } else {
      out->emplace_back(b, e);
    }
  }
}

// Computes the emissions of tokens [b, e) of a sentence of n tokens that lack
// them, after matching the gazetteer names that may cover them.
void Score(TypeCache& cache, const Model& m, const TypeInfo* const* at, size_t n, size_t b,
           size_t e) {
  if (!cache.gaz.empty()) {
    for (size_t i = b >= kMaxGazetteerTokens ? b - kMaxGazetteerTokens : 0; i < e; ++i) {
      if (cache.matched[i]) continue;
      MatchNames(cache, m, at, n, i, i + 1);
      cache.matched[i] = 1;
    }
  }
  const TypeInfo* const* padded = cache.padded.data() + 3;
  for (size_t i = b; i < e; ++i) {
    if (cache.scored[i]) continue;
    Emission(cache, m, padded, int(i));
    cache.scored[i] = 1;
  }
}

// True if labels [b, e) hold a name.
bool AnyName(const uint8_t* labels, size_t b, size_t e) {
  return std::any_of(labels + b, labels + e, [](uint8_t y) { return y != kOutside; });
}

// Labels the stretches of a sentence of n tokens, the rest staying O. Names may
// go on in lower case ("Ligue nationale de handball", "le parc national de
// Timanfaya"): a stretch with a name near its end (or its start) is widened
// by kNameMargin tokens, joining the stretches it reaches, and decoded again.
void DecodeStretches(TypeCache& cache, const Model& m, const TypeInfo* const* at, size_t n,
                     uint8_t* labels) {
  cache.gaz.clear();
  if (m.gazetteer.size() > 0) cache.gaz.assign(n, 0);
  cache.matched.assign(n, 0);
  cache.scored.assign(n, 0);
  cache.em.resize(n * kNumLabels);
  if (cache.back.size() < n * kNumLabels) cache.back.resize(n * kNumLabels);
  cache.padded.resize(n + 6);
  for (size_t j = 0; j < 3; ++j) {
    cache.padded[2 - j] = &cache.pads[j];          // position -1 - j
    cache.padded[n + 3 + j] = &cache.pads[3 + j];  // position n + j
  }
  std::copy(at, at + n, cache.padded.begin() + 3);
  const auto& st = cache.stretches;
  size_t prev_b = 0, prev_e = 0;  // the stretch decoded last
  size_t fw_b = 0, fw_e = 0;      // the forward pass in cache.delta: over [fw_b, fw_e)
  for (size_t k = 0; k < st.size();) {
    size_t b = st[k].first;
    size_t e = st[k++].second;
    for (;;) {
      if (prev_e > 0 && b <= prev_e) b = prev_b;
      Score(cache, m, at, n, b, e);
      // A stretch widened to the right (or a stretch joined to the one decoded
      // last) keeps its start: its forward pass goes on from where it ended.
      const int64_t* em = cache.em.data();
      if (fw_b != b || fw_e > e || fw_e <= b) {
        ViterbiStart(em, b, cache.trans, b == 0 ? kNumLabels : kOutside, cache.delta);
        fw_b = b;
        fw_e = b + 1;
      }
      ViterbiForward(em, fw_e, e, cache.trans, cache.delta, cache.back.data());
      fw_e = e;
      ViterbiBack(cache.delta, cache.back.data(), b, e, labels);
      const bool left = b > 0 && AnyName(labels, b, std::min(e, b + kNameMargin - 1));
      const bool right = e < n && AnyName(labels, e - std::min(e - b, kNameMargin), e);
      if (!left && !right) break;
      if (left) b = b > kNameMargin ? b - kNameMargin : 0;
      if (right) e = std::min(n, e + kNameMargin);
      while (k < st.size() && st[k].first <= e) e = std::max(e, st[k++].second);
    }
    prev_b = b;
    prev_e = e;
  }
}

// Labels of one sentence whose word types are at[0..n).
void TagSentence(TypeCache& cache, const Model& m, const std::vector<std::string_view>& tokens,
                 const TypeInfo* const* at, std::vector<uint8_t>* labels) {
  const size_t n = tokens.size();
  int letters = 0, caps = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t kind = at[i]->keys.kind_id;
    letters += kind <= 4;
    caps += kind == 2 || kind == 3;
  }
  labels->assign(n, kOutside);
  if (letters >= 3 && caps * 10 >= letters * 8) {  // all-caps sentence: every token scored
    cache.caps.resize(n);
    for (size_t i = 0; i < n; ++i) cache.caps[i] = cache.capitals.Get(m, cache.fx.get(), tokens[i]);
    cache.stretches.assign(1, {0, n});
    DecodeStretches(cache, m, cache.caps.data(), n, labels->data());
    return;
  }
  if (cache.score_all) {
    cache.stretches.assign(1, {0, n});
  } else {
    Stretches(at, n, &cache.stretches);
  }
  if (!cache.stretches.empty()) DecodeStretches(cache, m, at, n, labels->data());
}

}  // namespace

void PerceptronTagger::TagDoc(const std::vector<std::vector<std::string_view>>& doc,
                              std::vector<std::vector<uint8_t>>* labels) const {
  // One cache per model (language) and thread, for the last few models used.
  thread_local std::vector<std::unique_ptr<TypeCache>> caches;
  auto same = [&](const TypeCache& c) {
    return !c.model.owner_before(model_) && !model_.owner_before(c.model);
  };
  auto found = std::find_if(caches.begin(), caches.end(), [&](const auto& c) { return same(*c); });
  if (found == caches.end()) {
    std::erase_if(caches, [](const auto& c) { return c->model.expired(); });
    if (caches.size() >= TypeCache::kMaxModels) caches.erase(caches.begin());
    caches.push_back(std::make_unique<TypeCache>());
    caches.back()->Reset(model_);
    found = caches.end() - 1;
  }
  TypeCache& cache = **found;
  const Model& m = *model_;
  cache.plain.ClearIfFull();
  cache.capitals.ClearIfFull();
  // The word types of the document, and its DocWords (as CollectDocWords()).
  size_t total = 0;
  for (const auto& tokens : doc) total += tokens.size();
  cache.all.resize(total);
  cache.words.Init(total);
  size_t k = 0, lower = 0, cased = 0;
  for (const auto& tokens : doc)
    for (size_t i = 0; i < tokens.size(); ++i, ++k) {
      const TypeInfo* t = cache.plain.Get(m, cache.fx.get(), tokens[i]);
      cache.all[k] = t;
      const uint8_t kind = t->keys.kind_id;
      lower += kind == 0;
      cased += kind >= 1 && kind <= 4;
      const uint8_t bit = kind == 0 ? 1 : (kind == 1 && i > 0 ? 2 : 0);
      if (bit == 0) continue;
      const uint8_t* old = cache.words.Find(t->keys.lower);
      cache.words.Put(t->keys.lower, uint8_t((old ? *old : 0) | bit));
    }
  // A text written in lower case ("jamaica has put a cap on...") has its names
  // in lower case too: every token is scored.
  cache.score_all = cased * kLowerCaseText < lower;
  labels->resize(doc.size());
  k = 0;
  for (size_t s = 0; s < doc.size(); ++s) {
    const size_t n = doc[s].size();
    TagSentence(cache, m, doc[s], cache.all.data() + k, &(*labels)[s]);
    k += n;
  }
}

void PerceptronTagger::TagSentences(const std::vector<std::vector<std::string_view>>& doc,
                                    std::vector<std::vector<uint8_t>>* labels) const {
  TagDoc(doc, labels);
  if (model_->harmonize) HarmonizeTypes(doc, labels);
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
  spans.reserve(text.size() / 4 + 16);  // news has a token per 5 or 6 bytes
  Tokenize(text, model_->lang, &spans, &ends);
  std::vector<std::vector<std::string_view>> doc(ends.size());
  uint32_t begin = 0;
  for (size_t s = 0; s < ends.size(); ++s) {
    doc[s].reserve(ends[s] - begin);
    for (uint32_t i = begin; i < ends[s]; ++i)
      doc[s].push_back(text.substr(spans[i].begin, spans[i].end - spans[i].begin));
    begin = ends[s];
  }
  std::vector<std::vector<uint8_t>> labels;
  TagSentences(doc, &labels);
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
