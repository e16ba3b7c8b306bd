// Tokenizer and sentence splitter for the tagger.
#include "extract/ner/tokenize.h"

#include <algorithm>
#include <array>
#include <limits>
#include <string>

namespace dateline::ner {
namespace {

constexpr size_t kMaxSentence = 400;  // tokens; longer runs are cut

// ASCII classes: 1 space, 2 word character.
struct AsciiClasses {
  uint8_t c[128];
  constexpr AsciiClasses() : c() {
    for (int i = 0; i < 0x20; ++i) c[i] = 1;
    c[0x20] = c[0x7F] = 1;  // space, DEL
    for (int i = '0'; i <= '9'; ++i) c[i] = 2;
    for (int i = 'a'; i <= 'z'; ++i) c[i] = c[i - 32] = 2;
  }
};
constexpr AsciiClasses kAscii;

bool IsSpaceSlow(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF || c < 0x20 || c == 0x7F || c == 0x85;
}

inline bool IsSpace(char32_t c) { return c < 0x80 ? kAscii.c[c] == 1 : IsSpaceSlow(c); }

bool IsWordCharSlow(char32_t c) {
  if (c <= 0xBF) return c == 0xAA || c == 0xB5 || c == 0xBA;
  if (c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // general punctuation, symbols, arrows
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFE30 && c <= 0xFE6F) return false;
  if (c >= 0xFF00 && c <= 0xFF20) return false;  // full-width punctuation
  if (c == 0xFFFD || (c >= 0xD800 && c <= 0xDFFF)) return false;
  return true;
}

// Letters and digits of any script; everything else that is not a space is punctuation.
inline bool IsWordChar(char32_t c) { return c < 0x80 ? kAscii.c[c] == 2 : IsWordCharSlow(c); }

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
bool IsLowerAscii(char32_t c) { return c >= 'a' && c <= 'z'; }

// A code point with its byte range.
struct Cp {
  char32_t c;
  uint32_t b, e;
};

std::string LowerAscii(std::string_view s) {
  std::string r(s);
  for (char& ch : r)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
  return r;
}

bool IsAbbreviation(std::string_view lower) {
  static constexpr std::array<std::string_view, 48> kAbbr = {
      "mr",   "mrs", "ms",  "dr",  "prof", "st",   "jr",   "sr",   "gen", "col", "lt",   "sgt",
      "capt", "gov", "sen", "rep", "inc",  "corp", "ltd",  "co",   "vs",  "etc", "dhr",  "mevr",
      "drs",  "ir",  "mgr", "sra", "srta", "dña",  "mme",  "mlle", "mm",  "sig", "dott", "hr",
      "fr",   "nr",  "no",  "jan", "feb",  "aug",  "sept", "oct",  "nov", "dec", "bzw",  "ca"};
  return std::find(kAbbr.begin(), kAbbr.end(), lower) != kAbbr.end();
}

class Tokenizer {
 public:
  Tokenizer(std::string_view text, std::string_view lang, std::vector<Span>* tokens,
            std::vector<uint32_t>* ends)
      : text_(text), lang_(lang), tokens_(tokens), ends_(ends) {}

  void Run() {
    Decode();
    size_t i = 0;
    while (i < cps_.size()) {
      if (IsSpace(cps_[i].c)) {
        if (cps_[i].c == '\n') NoteNewline(i);
        ++i;
        continue;
      }
      blank_lines_ = 0;
      i = IsWordChar(cps_[i].c) ? Word(i) : Punct(i);
    }
    EndSentence();
  }

 private:
  void Decode() {
    const size_t n = std::min<size_t>(text_.size(), std::numeric_limits<uint32_t>::max() - 8);
    cps_.resize(n);  // at most one code point per byte
    Cp* out = cps_.data();
    for (size_t i = 0; i < n;) {
      const auto b = static_cast<unsigned char>(text_[i]);
      if (b < 0x80) {
        *out++ = {char32_t(b), uint32_t(i), uint32_t(i + 1)};
        ++i;
        continue;
      }
      int len = 1;
      char32_t c = DecodeUtf8(text_, i, &len);
      if (i + len > n) c = 0xFFFD, len = 1;
      *out++ = {c, uint32_t(i), uint32_t(i + len)};
      i += len;
    }
    cps_.resize(static_cast<size_t>(out - cps_.data()));
  }

  void NoteNewline(size_t) {
    if (++blank_lines_ >= 2) EndSentence();
  }

  char32_t At(size_t i) const { return i < cps_.size() ? cps_[i].c : 0; }

  // A word: word characters joined by '-', '.', ',' (between digits), '&' and
  // apostrophes as the language wants.
  size_t Word(size_t i) {
    const size_t start = i;
    while (i < cps_.size()) {
      while (i < cps_.size() && IsWordChar(cps_[i].c)) ++i;
      const char32_t c = At(i);
      const bool next_word = IsWordChar(At(i + 1));
      if ((c == '-' || c == '.' || c == '&') && next_word) {
        ++i;
        continue;
      }
      if (c == ',' && IsDigit(At(i - 1)) && IsDigit(At(i + 1))) {
        ++i;
        continue;
      }
      if (IsApostrophe(c) && next_word) {
        size_t next = 0;
        if (SplitApostrophe(start, i, &next)) return next;
        ++i;
        continue;
      }
      break;
    }
    // A trailing period stays on abbreviations: "U.S.", "Mr.", initials "J.".
    if (At(i) == '.' && IsAbbrevWord(start, i)) ++i;
    Emit(start, i);
    return i;
  }

  // Splits a word with an apostrophe at `apo` as the language wants: emits the
  // tokens up to *next and returns true, or returns false to keep it inside.
  bool SplitApostrophe(size_t start, size_t apo, size_t* next) {
    if (lang_ == "fr" || lang_ == "it") {
      Emit(start, apo + 1);  // "l'" + "ONU"
      *next = apo + 1;
      return true;
    }
    if (lang_ != "en") return false;
    size_t j = apo + 1;
    while (j < cps_.size() && IsWordChar(cps_[j].c)) ++j;
    if (j < cps_.size() && (cps_[j].c == '-' || IsApostrophe(cps_[j].c))) return false;
    const std::string rest = LowerAscii(Bytes(apo + 1, j));
    size_t split = apo;
    if (rest == "t" && apo > start + 1 && (cps_[apo - 1].c | 0x20) == 'n') {
      split = apo - 1;  // "do" + "n't"
    } else if (rest != "s" && rest != "re" && rest != "m" && rest != "ve" && rest != "ll" &&
               rest != "d") {
      return false;
    }
    Emit(start, split);
    Emit(split, j);
    *next = j;
    return true;
  }

  bool IsAbbrevWord(size_t b, size_t e) const {
    const std::string w = Bytes(b, e);
    if (w.find('.') != std::string::npos) {  // U.S, a.m
      for (size_t k = b; k < e; ++k)
        if (IsDigit(cps_[k].c) || (cps_[k].c != '.' && k + 1 < e && cps_[k + 1].c != '.'))
          return false;
      return true;
    }
    if (e == b + 1 && cps_[b].c >= 'A' && cps_[b].c <= 'Z') return true;  // initial
    return IsAbbreviation(LowerAscii(w));
  }

  std::string Bytes(size_t b, size_t e) const {
    if (b >= e) return {};
    return std::string(text_.substr(cps_[b].b, cps_[e - 1].e - cps_[b].b));
  }

  // Punctuation: one code point, or a run of the same one ("...", "--").
  size_t Punct(size_t i) {
    size_t j = i + 1;
    while (j < cps_.size() && cps_[j].c == cps_[i].c && cps_[i].c != 0xFFFD) ++j;
    const char32_t c = cps_[i].c;
    Emit(i, j);
    if (c == '.' || c == '!' || c == '?' || c == 0x2026) {
      size_t k = j;
      while (k < cps_.size() && IsCloser(cps_[k].c)) Emit(k, k + 1), ++k;
      if (SentenceBreakAfter(k)) EndSentence();
      return k;
    }
    return j;
  }

  static bool IsCloser(char32_t c) {
    return c == '"' || c == ')' || c == ']' || c == '\'' || c == 0x201D || c == 0x2019 || c == 0xBB;
  }

  // After terminal punctuation: a break when whitespace follows and the next
  // word does not start in lower case.
  bool SentenceBreakAfter(size_t k) const {
    if (k < cps_.size() && !IsSpace(cps_[k].c)) return false;
    while (k < cps_.size() && IsSpace(cps_[k].c)) ++k;
    if (k >= cps_.size()) return true;
    return !IsLowerAscii(cps_[k].c);
  }

  void Emit(size_t b, size_t e) {
    if (b >= e) return;
    tokens_->push_back({cps_[b].b, cps_[e - 1].e});
    if (tokens_->size() - sentence_start_ >= kMaxSentence) EndSentence();
  }

  void EndSentence() {
    if (tokens_->size() > sentence_start_) {
      ends_->push_back(uint32_t(tokens_->size()));
      sentence_start_ = tokens_->size();
    }
    blank_lines_ = 0;
  }

  std::string_view text_;
  std::string_view lang_;
  std::vector<Span>* tokens_;
  std::vector<uint32_t>* ends_;
  std::vector<Cp> cps_;
  size_t sentence_start_ = 0;
  int blank_lines_ = 0;
};

}  // namespace

char32_t DecodeUtf8(std::string_view s, size_t i, int* len) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  *len = 1;
  if (b0 < 0x80) return b0;
  int n = 0;
  char32_t c = 0, min = 0;
  if ((b0 & 0xE0) == 0xC0)
    n = 1, c = b0 & 0x1F, min = 0x80;
  else if ((b0 & 0xF0) == 0xE0)
    n = 2, c = b0 & 0x0F, min = 0x800;
  else if ((b0 & 0xF8) == 0xF0)
    n = 3, c = b0 & 0x07, min = 0x10000;
  else
    return 0xFFFD;
  if (i + n >= s.size()) return 0xFFFD;
  for (int k = 1; k <= n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0xFFFD;
    c = (c << 6) | (b & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0xFFFD;
  *len = n + 1;
  return c;
}

void Tokenize(std::string_view text, std::string_view lang, std::vector<Span>* tokens,
              std::vector<uint32_t>* sentence_ends) {
  Tokenizer(text, lang, tokens, sentence_ends).Run();
}

}  // namespace dateline::ner
