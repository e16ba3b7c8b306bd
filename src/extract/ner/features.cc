// Token keys and feature templates of the tagger.
#include "extract/ner/features.h"

#include <algorithm>
#include <cassert>

#include "extract/ner/gazetteer.h"
#include "extract/ner/tokenize.h"
#include "util/utf8.h"

namespace dateline::ner {
namespace {

bool IsUpperCp(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  if (c >= 0x100 && c <= 0x137) return c % 2 == 0;
  if (c >= 0x139 && c <= 0x148) return c % 2 == 1;
  if (c >= 0x14A && c <= 0x177) return c % 2 == 0;
  if (c >= 0x391 && c <= 0x3AB) return true;
  return c >= 0x400 && c <= 0x42F;
}

bool IsLowerCp(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  if (c >= 0xDF && c <= 0xFF) return c != 0xF7;
  if (c >= 0x100 && c <= 0x177) return !IsUpperCp(c) && c != 0x138 && c != 0x149;
  if (c >= 0x3AC && c <= 0x3CE) return true;
  return c >= 0x430 && c <= 0x45F;
}

char32_t ToLowerCp(char32_t c) {
  if (!IsUpperCp(c)) return c;
  if (c < 0x80 || (c >= 0xC0 && c <= 0xDE)) return c + 0x20;
  if (c >= 0x100 && c <= 0x177) return c + 1;
  if (c >= 0x391 && c <= 0x3AB) return c + 0x20;
  if (c >= 0x410) return c + 0x20;
  return c + 0x50;  // Cyrillic 0x400-0x40F
}

char32_t ToUpperCp(char32_t c) {
  if (!IsLowerCp(c) || c == 0xDF || c == 0xFF || c == 0x3C2) return c;
  if (c < 0x80 || (c >= 0xE0 && c <= 0xFE)) return c - 0x20;
  if (c >= 0x100 && c <= 0x177) return c - 1;
  if (c >= 0x3B1 && c <= 0x3CB) return c - 0x20;
  if (c >= 0x430 && c <= 0x44F) return c - 0x20;
  if (c >= 0x450 && c <= 0x45F) return c - 0x50;
  return c;
}

template <typename F>
void MapUtf8(std::string_view s, std::string* out, F f) {
  out->clear();
  for (size_t i = 0; i < s.size();) {
    int len = 1;
    const char32_t c = DecodeUtf8(s, i, &len);
    if (c == 0xFFFD && len == 1) {
      out->push_back(s[i]);  // keep invalid bytes as they are
    } else {
      util::AppendUtf8(f(c), out);
    }
    i += len;
  }
}

char ShapeChar(char32_t c) {
  if (IsUpperCp(c)) return 'X';
  if (IsLowerCp(c)) return 'x';
  if (c >= '0' && c <= '9') return 'd';
  if (c < 0x80) return static_cast<char>(c);
  if (c >= 0x2000 && c <= 0x206F) return '*';
  return 'a';  // letters of uncased scripts
}

}  // namespace

uint64_t HashBytes(std::string_view s) {
  uint64_t h = kFnvOffset;
  for (unsigned char c : s) h = (h ^ c) * kFnvPrime;
  return FinishHash(h);
}

void LowerUtf8(std::string_view s, std::string* out) { MapUtf8(s, out, ToLowerCp); }
void UpperUtf8(std::string_view s, std::string* out) { MapUtf8(s, out, ToUpperCp); }

uint8_t TokenKind(std::string_view token) {
  int upper = 0, lower = 0, digit = 0, other = 0, n = 0;
  bool first_upper = false;
  for (size_t i = 0; i < token.size();) {
    int len = 1;
    const char32_t c = DecodeUtf8(token, i, &len);
    if (IsUpperCp(c)) {
      ++upper;
      if (n == 0) first_upper = true;
    } else if (IsLowerCp(c)) {
      ++lower;
    } else if (c >= '0' && c <= '9') {
      ++digit;
    } else if (c < 0x80 || (c >= 0x2000 && c <= 0x206F)) {
      ++other;
    }
    ++n;
    i += len;
  }
  if (upper + lower == 0) {
    if (digit > 0) return other == 0 ? 5 : 6;
    return other > 0 ? 7 : 8;
  }
  if (digit > 0) return 6;
  if (upper == 0) return 0;
  if (lower == 0) return upper == 1 ? 3 : 2;
  return first_upper && upper == 1 ? 1 : 4;
}

void CollectDocWords(const std::vector<std::vector<std::string_view>>& sentences, DocWords* out) {
  size_t n = 0;
  for (const auto& s : sentences) n += s.size();
  out->Init(n);
  std::string lower;
  for (const auto& s : sentences)
    for (size_t i = 0; i < s.size(); ++i) {
      const uint8_t kind = TokenKind(s[i]);
      const uint8_t bit = kind == 0 ? 1 : (kind == 1 && i > 0 ? 2 : 0);
      if (bit == 0) continue;
      LowerUtf8(s[i], &lower);
      const uint64_t key = HashBytes(lower);
      const uint8_t* old = out->Find(key);
      out->Put(key, uint8_t((old ? *old : 0) | bit));
    }
}

// The keys of an ASCII token as ComputeKeys() computes them for any token, in one
// pass: lower-cased form, shape, kind, and the prefix hashes taken from the running
// FNV-1a state of the lower-cased form.
void FeatureExtractor::AsciiKeys(std::string_view token, Keys* k) {
  const size_t n = token.size();
  lower_.resize(n);
  shape_.clear();
  int upper = 0, lower = 0, digit = 0, other = 0;
  uint64_t h = kFnvOffset;
  for (size_t i = 0; i < n; ++i) {
    const char c = token[i];
    char l = c, shape = c;
    if (c >= 'A' && c <= 'Z') {
      l = static_cast<char>(c + 32), shape = 'X', ++upper;
    } else if (c >= 'a' && c <= 'z') {
      shape = 'x', ++lower;
    } else if (c >= '0' && c <= '9') {
      shape = 'd', ++digit;
    } else {
      ++other;
    }
    lower_[i] = l;
    const size_t m = shape_.size();
    if ((m < 2 || shape_[m - 1] != shape || shape_[m - 2] != shape) && m < 12)
      shape_.push_back(shape);
    h = (h ^ static_cast<unsigned char>(l)) * kFnvPrime;
    if (i < 4) k->pre[i] = n > i + 1 ? FinishHash(h) : 0;
  }
  for (size_t i = n; i < 4; ++i) k->pre[i] = 0;
  k->word = HashBytes(token);
  k->lower = FinishHash(h);
  for (size_t p = 0; p < 4; ++p)
    k->suf[p] = n > p + 1 ? HashBytes(std::string_view(lower_).substr(n - p - 1)) : 0;
  k->shape = HashBytes(shape_);
  if (upper + lower == 0) {
    k->kind_id = digit > 0 ? (other == 0 ? 5 : 6) : (other > 0 ? 7 : 8);
  } else if (digit > 0) {
    k->kind_id = 6;
  } else if (upper == 0) {
    k->kind_id = 0;
  } else if (lower == 0) {
    k->kind_id = upper == 1 ? 3 : 2;
  } else {
    k->kind_id = upper == 1 && token[0] >= 'A' && token[0] <= 'Z' ? 1 : 4;
  }
  k->kind = k->kind_id + 1;
  k->title = 0;
  if (k->kind_id == 2) {  // all caps: also look the capitalised form up
    title_.assign(lower_);
    title_[0] = token[0];
    k->title = HashBytes(title_);
  }
}

void FeatureExtractor::ComputeKeys(std::string_view token, Keys* k) {
  if (std::all_of(token.begin(), token.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    AsciiKeys(token, k);
  } else {
    GeneralKeys(token, k);
  }
  k->coarse = k->fine = 0;
  if (clusters_ != nullptr) {
    const ClusterIds* c = clusters_->Find(k->word);
    if (c == nullptr && k->title != 0) c = clusters_->Find(k->title);
    if (c == nullptr) c = clusters_->Find(k->lower);
    if (c != nullptr) k->coarse = c->coarse + 1, k->fine = c->fine + 1;
  }
  k->gaz = 0;
  k->doc = 0;
  if (doc_ != nullptr) {
    const uint8_t* d = doc_->Find(k->lower);
    k->doc = d == nullptr ? 0 : *d + 1;
  }
}

void FeatureExtractor::GeneralKeys(std::string_view token, Keys* k) {
  LowerUtf8(token, &lower_);
  k->word = HashBytes(token);
  k->lower = HashBytes(lower_);
  shape_.clear();
  std::vector<uint32_t>& cut = cut_;  // byte offsets of the code points of lower_
  cut.clear();
  for (size_t i = 0; i < token.size();) {
    int len = 1;
    const char shape = ShapeChar(DecodeUtf8(token, i, &len));
    if (shape_.empty() || shape_.back() != shape || shape_.size() < 2 ||
        shape_[shape_.size() - 2] != shape)
      if (shape_.size() < 12) shape_.push_back(shape);
    i += len;
  }
  for (size_t i = 0; i < lower_.size();) {
    int len = 1;
    DecodeUtf8(lower_, i, &len);
    cut.push_back(i);
    i += len;
  }
  const size_t n = cut.size();
  for (size_t p = 0; p < 4; ++p) {
    const bool ok = n > p + 1;
    k->pre[p] = ok ? HashBytes(std::string_view(lower_).substr(0, cut[p + 1])) : 0;
    k->suf[p] = ok ? HashBytes(std::string_view(lower_).substr(cut[n - p - 1])) : 0;
  }
  k->shape = HashBytes(shape_);
  k->kind_id = TokenKind(token);
  k->kind = k->kind_id + 1;
  k->title = 0;
  if (k->kind_id == 2) {  // all caps: also look the capitalised form up
    int len = 1;
    DecodeUtf8(token, 0, &len);
    title_.assign(token.substr(0, len));
    title_.append(lower_, len, std::string::npos);
    k->title = HashBytes(title_);
  }
}

void FeatureExtractor::EnsurePads() {
  if (pads_ready_) return;
  ComputeKeys("<s1>", &pad_left_[0]);
  ComputeKeys("<s2>", &pad_left_[1]);
  ComputeKeys("</s1>", &pad_right_[0]);
  ComputeKeys("</s2>", &pad_right_[1]);
  ComputeKeys("<s3>", &pad_left_[2]);
  ComputeKeys("</s3>", &pad_right_[2]);
  pads_ready_ = true;
}

const FeatureExtractor::Keys& FeatureExtractor::At(int i) const {
  if (i < 0) return pad_left_[-i - 1];
  const int n = static_cast<int>(keys_.size());
  if (i >= n) return pad_right_[i - n];
  return keys_[i];
}

void FeatureExtractor::Extract(const std::vector<std::string_view>& tokens,
                               std::vector<uint64_t>* feats) {
  EnsurePads();
  keys_.resize(tokens.size());

  lowers_.resize(tokens.size());
  int letters = 0, caps = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    ComputeKeys(tokens[i], &keys_[i]);
    lowers_[i] = lower_;
    const uint8_t kind = keys_[i].kind_id;
    letters += kind <= 4;
    caps += kind == 2 || kind == 3;
  }
  if (gazetteer_ != nullptr && gazetteer_->size() > 0) {
    MatchGazetteer(*gazetteer_, lowers_, &gaz_bits_);
    for (size_t i = 0; i < tokens.size(); ++i) keys_[i].gaz = gaz_bits_[i];
  }
  const bool all_caps = letters >= 3 && caps * 10 >= letters * 8;
  if (all_caps) {
    // Case says nothing in an all-caps headline: capitals get a neutral shape and
    // kind, and the word is looked up capitalised ("TRIPOLI" as "Tripoli").
    static const uint64_t kCapsShape = HashBytes("<caps>");
    for (Keys& k : keys_) {
      if (k.kind_id != 2 && k.kind_id != 3) continue;
      if (k.title != 0) k.word = k.title;
      k.shape = kCapsShape;
      k.kind = 20;
    }
  }
  feats->resize(tokens.size() * kFeatsPerToken);
  for (size_t i = 0; i < tokens.size(); ++i)
    TokenFeatures(static_cast<int>(i), all_caps, feats->data() + i * kFeatsPerToken);
}

void FeatureExtractor::TokenFeatures(int i, bool all_caps, uint64_t* f) const {
  const Keys& c = At(i);
  const Keys& p1 = At(i - 1);
  const Keys& p2 = At(i - 2);
  const Keys& n1 = At(i + 1);
  const Keys& n2 = At(i + 2);
  int n = 0;
  f[n++] = Feat(1, 0);
  f[n++] = Feat(2, c.word);
  f[n++] = Feat(3, c.lower);
  f[n++] = Feat(4, c.shape);
  f[n++] = Feat(5, c.kind);
  for (int k = 0; k < 4; ++k) f[n++] = c.pre[k] ? Feat(6 + k, c.pre[k]) : 0;
  for (int k = 0; k < 4; ++k) f[n++] = c.suf[k] ? Feat(10 + k, c.suf[k]) : 0;
  f[n++] = Feat(14, p1.lower);
  f[n++] = Feat(15, n1.lower);
  f[n++] = Feat(16, p2.lower);
  f[n++] = Feat(17, n2.lower);
  f[n++] = Feat(18, p1.shape);
  f[n++] = Feat(19, n1.shape);
  f[n++] = Feat(20, p2.shape);
  f[n++] = Feat(21, n2.shape);
  f[n++] = Feat(22, p1.lower, c.lower);
  f[n++] = Feat(23, c.lower, n1.lower);
  f[n++] = Feat(24, p1.shape, c.shape);
  f[n++] = Feat(25, c.shape, n1.shape);
  f[n++] = Feat(26, p1.shape, c.shape, n1.shape);
  f[n++] = Feat(27, c.kind, i == 0);
  f[n++] = all_caps ? Feat(28, c.kind) : 0;
  f[n++] = all_caps ? Feat(29, c.lower) : 0;
  f[n++] = Feat(30, p1.lower, c.kind);
  f[n++] = Feat(31, c.kind, n1.kind);
  f[n++] = c.coarse ? Feat(32, c.coarse) : 0;
  f[n++] = c.fine ? Feat(33, c.fine) : 0;
  f[n++] = Feat(34, p1.coarse);
  f[n++] = Feat(35, n1.coarse);
  f[n++] = Feat(36, p1.fine);
  f[n++] = Feat(37, n1.fine);
  f[n++] = Feat(38, c.fine, c.kind);
  f[n++] = Feat(39, p2.fine);
  f[n++] = Feat(40, n2.fine);
  f[n++] = Feat(41, p1.word);
  f[n++] = Feat(42, n1.word);
  f[n++] = c.gaz ? Feat(43, c.gaz) : 0;
  f[n++] = c.gaz ? Feat(44, c.gaz, c.kind) : 0;
  f[n++] = c.doc ? Feat(45, c.doc, c.kind, i == 0) : 0;
  f[n++] = Feat(46, At(i - 3).lower);
  f[n++] = Feat(47, At(i + 3).lower);
  f[n++] = p1.suf[2] ? Feat(48, p1.suf[2]) : 0;
  f[n++] = n1.suf[2] ? Feat(49, n1.suf[2]) : 0;
  f[n++] = Feat(50, p1.lower, n1.lower);
  assert(n == kFeatsPerToken);
}

}  // namespace dateline::ner
