// Rule-based temporal tagger: tokenise, match hand-written patterns over
// tokens with per-language word lists, then resolve against the document date.
// The matchers are in dates_match.cc, resolution in dates_resolve.cc.
#include "dateline/dates.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "extract/dates_internal.h"
#include "extract/lexicon.h"

namespace dateline {
namespace dates_internal {
namespace {

uint32_t DecodeCp(std::string_view s, size_t i, int* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  int n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  if (i + n > s.size()) n = 1;
  uint32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : n == 4 ? (c & 0x07) : c;
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *len = n;
  return cp;
}

bool IsSpaceCp(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x202F || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000;
}

bool IsPunctCp(uint32_t cp) {
  if (cp < 0x80)
    return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
  return (cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2010 && cp <= 0x206F) ||
         (cp >= 0x3000 && cp <= 0x303F) || cp == 0x60C || cp == 0x61B || cp == 0x61F ||
         cp == 0x6D4 || (cp >= 0xFE30 && cp <= 0xFE6F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
         cp == 0xFFFD;
}

bool EndsWith(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

// Byte classes of ASCII (bytes >= 0x80 are decoded).
enum ByteClass : uint8_t { kBPunct, kBSpace, kBDigit, kBLower, kBUpper, kBHigh };

struct ByteClasses {
  uint8_t c[256];
  constexpr ByteClasses() : c() {
    for (int b = 0; b < 256; ++b) {
      c[b] = b >= 0x80                                                                   ? kBHigh
             : b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v' ? kBSpace
             : b >= '0' && b <= '9'                                                      ? kBDigit
             : b >= 'a' && b <= 'z'                                                      ? kBLower
             : b >= 'A' && b <= 'Z'                                                      ? kBUpper
                                                                                         : kBPunct;
    }
  }
};
constexpr ByteClasses kByteClass;

inline uint8_t ClassOf(char ch) { return kByteClass.c[static_cast<unsigned char>(ch)]; }

// How fine a unit or precision is: the date mentioned last anchors "the following
// month" if it is at least as fine as a month.
int UnitRank(int unit) {
  return unit <= extract::kUDay       ? 4
         : unit == extract::kUWeek    ? 3
         : unit <= extract::kUQuarter ? 2
                                      : 1;
}
int PrecisionRank(std::string_view p) {
  return p == "day" || p == "time"        ? 4
         : p == "week"                    ? 3
         : p == "month" || p == "quarter" ? 2
         : p == "year"                    ? 1
                                          : 0;
}

// Categories that may begin a pattern (see Tagger::MayStart).
constexpr uint64_t Bit(Cat c) { return uint64_t{1} << c; }
constexpr uint64_t kStartCats =
    Bit(extract::kMonth) | Bit(extract::kWeekday) | Bit(extract::kRelDay) |
    Bit(extract::kRelDayPod) | Bit(extract::kUnit) | Bit(extract::kNum) | Bit(extract::kTens) |
    Bit(extract::kOrd) | Bit(extract::kLast) | Bit(extract::kNext) | Bit(extract::kThis) |
    Bit(extract::kAgoPre) | Bit(extract::kInPre) | Bit(extract::kSeason) | Bit(extract::kModStart) |
    Bit(extract::kModMid) | Bit(extract::kModEnd) | Bit(extract::kRef) | Bit(extract::kSetAdv) |
    Bit(extract::kEvery) | Bit(extract::kFew) | Bit(extract::kFiscal) | Bit(extract::kDecadeWord) |
    Bit(extract::kNoon) | Bit(extract::kHoliday);
static_assert(extract::kCatCount <= 64, "category bits must fit Tok::cats");

}  // namespace

Scratch& Scratch::ForThisThread() {
  thread_local Scratch s;
  return s;
}

// A two-byte code point that belongs to a word (the common case in Arabic,
// Cyrillic, Greek, Hebrew text): not space, punctuation or an Arabic-Indic digit.
inline bool WordCp2(uint32_t cp) {
  return !(cp == 0xA0 || (cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || cp == 0x60C ||
           cp == 0x61B || cp == 0x61F || cp == 0x6D4 || (cp >= 0x660 && cp <= 0x669));
}

// A two-byte code point that FoldWord changes (Latin-1 letters, oe, Arabic alef and
// yeh variants, harakat, tatweel).
inline bool Folds2(uint32_t cp) {
  return (cp >= 0xC0 && cp <= 0xFF) || cp == 0x152 || cp == 0x153 || cp == 0x622 || cp == 0x623 ||
         cp == 0x625 || cp == 0x649 || cp == 0x640 || (cp >= 0x64B && cp <= 0x652);
}

// A word: a run of code points that are not space, punctuation or digits. Its
// folded form points into the text when folding would not change it (lower-case
// ASCII, most Arabic words), else into the fold buffer (reserved so that it never
// moves, see Tokenize).
void Tagger::ScanWord(size_t i, uint32_t cp, Tok* t) {
  size_t j = i;
  const size_t n = t_.size();
  bool upper = false, fold = false;
  for (;;) {
    while (j < n && ClassOf(t_[j]) == kBLower) ++j;
    if (j >= n) break;
    uint8_t k = ClassOf(t_[j]);
    if (k == kBUpper) {
      upper = true;
      ++j;
      continue;
    }
    if (k != kBHigh) break;
    unsigned char c = static_cast<unsigned char>(t_[j]);
    if (c >= 0xC2 && c <= 0xDF && j + 2 <= n) {  // as DecodeCp, without the call
      uint32_t c2 = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(t_[j + 1]) & 0x3Fu);
      if (!WordCp2(c2)) break;
      fold |= Folds2(c2);
      j += 2;
      continue;
    }
    int l2;
    uint32_t c2 = DecodeCp(t_, j, &l2);
    if (IsSpaceCp(c2) || IsPunctCp(c2) || (c2 >= 0x660 && c2 <= 0x669)) break;
    fold = true;
    j += l2;
  }
  t->e = static_cast<uint32_t>(j);
  t->cap = (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE);
  t->fl = static_cast<uint32_t>(j - i);
  if (!fold && !upper) {
    t->fp = t_.data() + i;
  } else if (!fold) {  // ASCII with capitals: lower-case copy
    size_t fb = fold_.size();
    fold_.append(t_.data() + i, j - i);
    char* p = fold_.data() + fb;
    for (size_t k = 0; k < j - i; ++k)
      p[k] = static_cast<char>(p[k] | (ClassOf(p[k]) == kBUpper ? 0x20 : 0));
    t->fp = p;
  } else {
    size_t fb = fold_.size();
    extract::FoldWord(t_.substr(i, j - i), &fold_);
    t->fp = fold_.data() + fb;
    t->fl = static_cast<uint32_t>(fold_.size() - fb);
  }
  LookupWord(t);
}

[[gnu::always_inline]] inline void Tagger::SetCats(Tok* t) const {
  t->cats = 0;
  if (t->lex)
    for (int n = 0; n < t->lex->n; ++n)
      if (t->lex->e[n].langs & lm_) t->cats |= Bit(t->lex->e[n].cat);
}

// The common case of ScanWord, eight bytes at a time: a word of ASCII letters followed
// by an ASCII byte, with eight bytes readable from each step. Words of up to eight
// letters are lower-cased and looked up as one integer. Returns false, leaving *t
// as it was, for anything else (ScanWord then scans the word as usual).
[[gnu::always_inline]] inline bool Tagger::ScanAsciiWord(size_t i, Tok* t) {
  if constexpr (std::endian::native != std::endian::little) return false;
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  const char* s = t_.data();
  const size_t n = t_.size();
  size_t j = i;
  uint64_t upper = 0, first = 0;
  for (bool at_first = true;; at_first = false) {
    if (j + 8 > n) return false;
    uint64_t x;
    std::memcpy(&x, s + j, 8);
    uint64_t y = x | (0x20 * kOnes);  // letters lower-cased
    uint64_t v = y & (0x7F * kOnes);
    // high bit of each byte: 'a' <= v <= 'z' and the byte is ASCII (no carries: v < 0x80)
    uint64_t letter = (v + 0x1F * kOnes) & ~(v + 0x05 * kOnes) & ~x & kHigh;
    uint64_t up = (letter >> 2) & ~x & (0x20 * kOnes);  // upper-case letters (0x20 clear)
    if (at_first) first = y;
    uint64_t other = ~letter & kHigh;
    if (!other) {
      upper |= up;
      j += 8;
      continue;
    }
    int k = std::countr_zero(other) / 8;  // letters before the first other byte
    if (static_cast<unsigned char>(s[j + k]) >= 0x80) return false;
    if (k > 0) upper |= up & (~uint64_t{0} >> (64 - 8 * k));
    j += static_cast<size_t>(k);
    break;
  }
  const size_t len = j - i;
  t->e = static_cast<uint32_t>(j);
  t->cap = ClassOf(s[i]) == kBUpper;
  t->fl = static_cast<uint32_t>(len);
  uint64_t key = len < 8 ? first & ((uint64_t{1} << (8 * len)) - 1) : first;
  if (!upper) {
    t->fp = s + i;
  } else {
    size_t fb = fold_.size();
    if (len <= 8) {
      char buf[8];
      std::memcpy(buf, &key, 8);
      fold_.append(buf, len);
    } else {
      fold_.append(s + i, len);
      char* p = fold_.data() + fb;
      for (size_t k = 0; k < len; ++k)
        p[k] = static_cast<char>(p[k] | (ClassOf(p[k]) == kBUpper ? 0x20 : 0));
    }
    t->fp = fold_.data() + fb;
  }
  t->lex = len <= 8 ? packed_.Find(key) : extract::Lookup(std::string_view(t->fp, len));
  SetCats(t);
  return true;
}

void Tagger::LookupWord(Tok* t) const {
  bool in_text = t->fp >= t_.data() && t->fp + 8 <= t_.data() + t_.size();
  t->lex = extract::Lookup(std::string_view(t->fp, t->fl), in_text);
  SetCats(t);
}

// Scans the token that begins at i (not a space); returns the position after it.
size_t Tagger::ScanToken(size_t i, Tok* t) {
  int len = 1;
  uint32_t cp = static_cast<unsigned char>(t_[i]);
  uint8_t cls = ClassOf(t_[i]);
  if (cls == kBHigh) cp = DecodeCp(t_, i, &len);
  if (cls == kBDigit || (cp >= 0x660 && cp <= 0x669)) {
    size_t j = i;
    int64_t v = 0;
    int nd = 0;
    while (j < t_.size()) {
      int l2 = 1;
      uint32_t c2 = static_cast<unsigned char>(t_[j]);
      if (cls == kBDigit) {
        if (c2 < '0' || c2 > '9') break;
        c2 -= '0';
      } else {
        c2 = DecodeCp(t_, j, &l2);
        if (c2 < 0x660 || c2 > 0x669) break;
        c2 -= 0x660;
      }
      if (nd < 12) v = v * 10 + c2;
      ++nd;
      j += l2;
    }
    t->e = static_cast<uint32_t>(j);
    t->v = v;
    t->nd = static_cast<uint8_t>(std::min(nd, 255));
  } else if (cls == kBPunct || (cls == kBHigh && IsPunctCp(cp))) {
    t->e = static_cast<uint32_t>(i + len);
    t->p = cp < 0x80                                                        ? static_cast<char>(cp)
           : (cp == 0x2013 || cp == 0x2014 || cp == 0x2010 || cp == 0x2011) ? '-'
           : (cp == 0x2019 || cp == 0x2018)                                 ? '\''
                                                                            : 1;
  } else {
    ScanWord(i, cp, t);
  }
  if (t->e <= i) t->e = static_cast<uint32_t>(i + len);  // malformed input: always make progress
  return t->e;
}

void Tagger::Tokenize() {
  fold_.clear();
  tk_.clear();
  // Folded words are never longer than the text they come from, and a joined word
  // (week-end) is never longer than its parts: twice the text never reallocates, so
  // Tok::fp stays valid.
  fold_.reserve(2 * t_.size() + 16);
  const char* fold0 = fold_.data();
  tk_.reserve(t_.size() / 5 + 8);
  size_t i = 0;
  bool sp = true, nl = true;
  while (i < t_.size()) {
    uint8_t cls = ClassOf(t_[i]);
    if (cls == kBSpace) {
      sp = true;
      nl |= t_[i] == '\n';
      ++i;
      continue;
    }
    if (cls == kBHigh) {
      int len;
      if (IsSpaceCp(DecodeCp(t_, i, &len))) {
        sp = true;
        i += len;
        continue;
      }
    }
    Tok& t = tk_.emplace_back();
    t.b = static_cast<uint32_t>(i);
    t.sp = sp;
    t.nl = nl;
    sp = nl = false;
    if ((cls == kBLower || cls == kBUpper) && ScanAsciiWord(i, &t)) {
      i = t.e;
    } else if (cls == kBPunct) {  // as ScanToken
      t.e = static_cast<uint32_t>(i + 1);
      t.p = t_[i];
      ++i;
    } else {
      i = ScanToken(i, &t);
    }
    if (t.fl > 0 && tk_.size() >= 3 && tk_[tk_.size() - 2].p != 0) TryJoin();
  }
  assert(fold_.data() == fold0);  // Tok::fp point into it
  (void)fold0;
}

// Joins the last three tokens, word-word or word'word, when they are one lexicon
// word (avant-hier, aujourd'hui, week-end, apres-midi). Called as each word is
// scanned, so pairs are joined left to right and a joined word is not joined again.
void Tagger::TryJoin() {
  constexpr size_t kMaxJoin = 64;
  size_t n = tk_.size();
  Tok& a = tk_[n - 3];
  const Tok& h = tk_[n - 2];
  const Tok& b = tk_[n - 1];
  if (a.fl == 0 || a.joined || h.sp || b.sp || (h.p != '-' && h.p != '\'')) return;
  if (a.fl + 1 + b.fl > std::min(extract::MaxWordLength(), kMaxJoin)) return;
  char buf[kMaxJoin];
  std::memcpy(buf, a.fp, a.fl);
  buf[a.fl] = h.p;
  std::memcpy(buf + a.fl + 1, b.fp, b.fl);
  std::string_view j(buf, a.fl + 1 + b.fl);
  if (!extract::Lookup(j)) return;
  a.fp = fold_.data() + fold_.size();
  fold_.append(j);
  a.fl = static_cast<uint32_t>(j.size());
  a.e = b.e;
  a.joined = true;
  LookupWord(&a);
  tk_.resize(n - 2);
}

// A unit word among the next four tokens (numbers and number words need one).
bool Tagger::UnitSoon(int i) const {
  for (int k = i + 1; k <= i + 4 && k < N(); ++k)
    if (tk_[k].cats & Bit(extract::kUnit)) return true;
  return false;
}

// A word of up to three bytes as an integer, first byte lowest.
constexpr uint32_t Key3(const char* w) {
  uint32_t k = 0;
  for (int b = 0; w[b]; ++b) k |= uint32_t{static_cast<unsigned char>(w[b])} << (8 * b);
  return k;
}

// Whether Match(i) may find a pattern that begins at number i (see MayStart). What
// can: a year, decade, year's quarter or numeric date (four digits); a number and
// a unit up to four tokens on (any number of up to four digits, MatchNumberUnit);
// and, from a number of one or two digits up to 31, a numeric date, day and
// month, century or clock time, which all need at token i + 1 punctuation
// (tight, or a range's '-' or '/'), a word of some category (month, range
// connector, am/pm, hour word...) or one of the words those matchers test
// literally (day suffixes, "de"/"of"/"di", "tot", "t/m", "h", "a.m."/"p.m.", "or").
// Longer digit runs begin nothing. Reuters-style text is full of amounts ("11.1
// pct", "437,425 shares") that this turns away before MatchCore.
bool Tagger::NumberMayStart(int i) const {
  const Tok& t = tk_[i];
  if (t.nd == 4) return true;
  if (t.nd > 4) return false;
  if (t.nd == 3 || t.v > 31 || i + 1 >= N()) return UnitSoon(i);
  const Tok& n = tk_[i + 1];
  if (n.p == '.' || n.p == ',') {
    // A decimal or thousands separator ("11.1", "5,000"), tight on both sides, is no
    // number unit (MatchNumberUnit skips decimals), no day (no month after it) and
    // no English time: only a numeric date 06.04.2019 or, with '.', a time 14.30 in
    // the other languages.
    if (!n.sp && i + 2 < N() && tk_[i + 2].nd > 0 && !tk_[i + 2].sp)
      return n.p == '.' && ((lm_ & ~extract::kEN & ~extract::kAR) ||
                            (P(i + 3, '.') && Tight(i + 3) && i + 4 < N() && tk_[i + 4].nd > 0));
    return !n.sp || UnitSoon(i);
  }
  if (n.p) return !n.sp || n.p == '-' || n.p == '/' || UnitSoon(i);
  if (n.cats != 0) return true;
  if (n.fl == 0) return n.nd == 0 || UnitSoon(i);  // another number: "2 1/2 years"
  if (n.fl <= 3) {  // the literal words, as 24-bit keys (first byte lowest)
    static constexpr uint32_t kLiteral[] = {
        Key3("st"), Key3("nd"), Key3("rd"), Key3("th"),  Key3("er"), Key3("e"),
        Key3("de"), Key3("o"),  Key3("a"),  Key3("of"),  Key3("di"), Key3("tot"),
        Key3("t"),  Key3("h"),  Key3("p"),  Key3("eme"), Key3("ste")};
    uint32_t k = 0;
    for (uint32_t b = 0; b < n.fl; ++b)
      k |= uint32_t{static_cast<unsigned char>(n.fp[b])} << (8 * b);
    for (uint32_t w : kLiteral)
      if (k == w) return true;
  }
  if (n.fp[0] == 'o' && Coordinator(i + 1)) return true;  // "24 or 25 April" (MatchDayMonth)
  return UnitSoon(i);
}

// Whether Match(i) may find a pattern that begins at token i: a number, an
// apostrophe ('90s), a word of a starting category (a number word only with a
// unit after it, "in" only where it is not also a preposition of years), one of
// the few words the matchers test literally, or a Dutch/German weekday compound.
// A token for which this is false never starts a match (the output is the same).
bool Tagger::MayStart(int i) const {
  const Tok& t = tk_[i];
  if (t.nd > 0) return NumberMayStart(i);
  // An apostrophe begins only a decade ('90s; "l'annee" begins at the article).
  if (t.p == '\'') return i + 1 < N() && tk_[i + 1].nd == 2;
  if (t.fl == 0 || (t.cats == 0 && t.fl > 5 && !(lm_ & (extract::kNL | extract::kDE))))
    return false;
  constexpr uint64_t kNumberWords = Bit(extract::kNum) | Bit(extract::kTens) | Bit(extract::kFew);
  uint64_t c = t.cats;
  if ((c & Bit(extract::kInPre)) && (c & Bit(extract::kPrep))) c &= ~Bit(extract::kInPre);
  if ((c & Bit(extract::kNum)) && Is(i + 1, extract::kTens)) return true;  // nineteen ninety
  if ((c & kNumberWords) && !(c & kStartCats & ~kNumberWords) && !UnitSoon(i)) c = 0;
  if (c & kStartCats) return true;
  if ((c & Bit(extract::kPod)) && Is(i + 1, extract::kLast)) return true;  // la nuit derniere
  if ((c & Bit(extract::kArticle)) && (Is(i + 1, extract::kUnit) || P(i + 1, '\'')))
    return true;  // des Jahres, l'annee (MatchTheYear)
  std::string_view f = F(i);
  switch (t.fl) {
    case 1:
      return f == "q" || (f == "a" && W(i + 1, "later") && W(i + 2, "date"));
    case 2:
      return f == "il";
    case 3:
      if (f == "new") return W(i + 1, "year");  // New Year's Day
      if (f == "the" || f == "het") {
        int u = 0;
        return (Is(i + 1, extract::kUnit, &u) && u == extract::kUQuarter) || W(i + 1, "latest") ||
               W(i + 1, "weekend") || W(i + 1, "year") || W(i + 1, "past") ||
               ((W(i + 1, "full") || W(i + 1, "fiscal")) && W(i + 2, "year")) || W(i + 1, "near") ||
               (W(i + 1, "short") && W(i + 2, "term")) ||
               (Is(i + 1, extract::kPlural) && W(i + 2, "ahead"));
      }
      return false;
    case 4:
      return f == "year" || f == "tous" || (f == "that" && Is(i + 1, extract::kUnit));
    case 5:
      return f == "todos" || f == "tutti";
    default:
      break;
  }
  if (t.fl <= 6 || !(lm_ & (extract::kNL | extract::kDE))) return false;
  static const char* const kWd[] = {"maandag",    "dinsdag", "woensdag", "donderdag", "vrijdag",
                                    "zaterdag",   "zondag",  "montag",   "dienstag",  "mittwoch",
                                    "donnerstag", "freitag", "samstag",  "sonntag"};
  for (const char* w : kWd)
    if (f.size() > std::strlen(w) && f.substr(0, std::strlen(w)) == w) return true;
  return false;
}

void Tagger::Sentences() {
  uint16_t s = 0;
  headline_end_ = N();
  bool first_line = true;
  for (int i = 0; i < N(); ++i) {
    Tok& t = tk_[i];
    if (i > 0 && t.nl) {
      if (first_line) headline_end_ = i;
      first_line = false;
      // A line break ends a sentence when the line before ended with punctuation
      // or the text has a blank line here.
      size_t gap_b = tk_[i - 1].e, gap_e = t.b;
      int nls = 0;
      for (size_t k = gap_b; k < gap_e; ++k) nls += t_[k] == '\n';
      if (nls >= 2 || tk_[i - 1].p != 0 || i == headline_end_) ++s;
    } else if (i > 0) {
      const Tok& pr = tk_[i - 1];
      if ((pr.p == '.' || pr.p == '!' || pr.p == '?') && t.sp && (t.cap || t.p == '"')) {
        // Not after an abbreviation (Jan., Mr., single letters); a full month name
        // ("in December.") ends a sentence.
        int m = 0;
        bool abbrev =
            i >= 2 && tk_[i - 2].fl > 0 &&
            (tk_[i - 2].fl <= 2 || (Is(i - 2, extract::kMonth, &m) && m > 100 && !W(i - 2, "may")));
        if (!abbrev) ++s;
      } else if ((pr.p == '"' || pr.p == '\'' || pr.p == 1) && !pr.sp && t.sp && t.cap) {
        // a closing quote after the full stop: "... inaccurate.'' White House said"
        int k = i - 1;
        while (k > 0 && (tk_[k].p == '"' || tk_[k].p == '\'' || tk_[k].p == 1) && !tk_[k].sp) --k;
        if (k < i - 1 && (tk_[k].p == '.' || tk_[k].p == '!' || tk_[k].p == '?')) ++s;
      }
    }
    t.sent = s;
  }
}

// Tense cues of tokens [from, to).
void Tagger::TenseCues(int from, int to) {
  for (int i = from; i < to; ++i) {
    Tok& t = tk_[i];
    if (t.fl == 0) continue;
    std::string_view f = F(i);
    std::string_view raw = t_.substr(t.b, t.e - t.b);
    if (Is(i, extract::kFutAux) || (Is(i, extract::kPlan) && W(i + 1, "to"))) {
      // "will", "would", "plans to", "was expected to", "is to"; a plan in the past
      // perfect did not happen as planned ("had been scheduled to expire Friday").
      bool pluperfect = W(i - 1, "had") || (W(i - 1, "been") && W(i - 2, "had"));
      // "would have", "might have": a past that did or did not happen
      bool past_modal = (lm_ & extract::kEN) && W(i + 1, "have") && !W(i, "will");
      t.cue = pluperfect || past_modal ? -1 : 1;
      continue;
    }
    if (Is(i, extract::kPastAux)) {
      // not the participle of a passive or infinitive ("will be held", "to be sent")
      if (!(Is(i - 1, extract::kBeAux) && (lm_ & extract::kEN))) t.cue = -1;
      continue;
    }
    if (Is(i, extract::kPerfAux)) {
      // Perfect: auxiliary followed by a participle within a few words.
      for (int k = i + 1; k < std::min(N(), i + 8) && tk_[k].sent == t.sent; ++k) {
        if (tk_[k].fl == 0) continue;
        std::string_view g = F(k);
        std::string_view graw = t_.substr(tk_[k].b, tk_[k].e - tk_[k].b);
        bool part = false;
        if (lm_ & extract::kEN)
          part =
              g.size() >= 4 && (EndsWith(g, "ed") || EndsWith(g, "en") || Is(k, extract::kPastAux));
        if (lm_ & (extract::kNL | extract::kDE))
          part = part || (g.size() >= 5 && g.find("ge") != std::string_view::npos &&
                          g.find("ge") + 2 < g.size() &&
                          (EndsWith(g, "d") || EndsWith(g, "t") || EndsWith(g, "en")));
        if (lm_ & extract::kFR)
          part = part ||
                 (g.size() >= 3 && (EndsWith(graw, "é") || EndsWith(graw, "ée") ||
                                    EndsWith(graw, "és") || EndsWith(graw, "ées") ||
                                    EndsWith(g, "it") || EndsWith(g, "is") || EndsWith(g, "u")));
        if (lm_ & (extract::kES | extract::kIT))
          part = part || (g.size() >= 4 &&
                          (EndsWith(g, "ado") || EndsWith(g, "ido") || EndsWith(g, "ato") ||
                           EndsWith(g, "ito") || EndsWith(g, "uto") || EndsWith(g, "ata") ||
                           EndsWith(g, "ati")));
        if (part) {
          t.cue = -1;
          break;
        }
      }
      continue;
    }
    if (t.cap && i > 0 && tk_[i - 1].sent == t.sent &&
        !(tk_[i - 1].p == '.' || tk_[i - 1].p == '"'))
      continue;
    if (lm_ & extract::kEN) {
      // An -ed word after "be", a modal or "to" is a participle ("will be named").
      // Nor an adjective: after an article or possessive ("the expected rise", "its
      // revised offer") or negated with un- ("an undisclosed sum", "unspecified").
      if (f.size() >= 5 && EndsWith(f, "ed") && !t.cap && !Is(i - 1, extract::kBeAux)) {
        bool adjective = W(i - 1, "a") || W(i - 1, "an") || W(i - 1, "the") || W(i - 1, "its") ||
                         W(i - 1, "their") || W(i - 1, "his") || W(i - 1, "her") ||
                         W(i - 1, "still") || f.substr(0, 2) == "un";
        if (!adjective) t.cue = -1;
      }
      if (f == "going" && i + 1 < N() && W(i + 1, "to")) t.cue = 1;
      // the present of "be" or of a verb of schedules, not a noun after a determiner ("the
      // vote", "its visits"): an arrangement ahead, weaker than a past or future form
      if (Is(i, extract::kPresent) && !t.cue && !Is(i - 1, extract::kArticle) && !W(i - 1, "a") &&
          !W(i - 1, "an") && !W(i - 1, "its") && !W(i - 1, "their") && !W(i - 1, "his") &&
          !W(i - 1, "her") && !W(i - 1, "this") && !W(i - 1, "that") && !W(i - 1, "to") &&
          !Is(i - 1, extract::kPrep))
        t.cue = W(i, "is") || W(i, "are") ? 3 : 2;
      if (f == "may" && !t.cap) t.cue = W(i + 1, "have") ? -1 : 1;  // the modal, not the month
    }
    if ((lm_ & extract::kNL) && lm_ != extract::kAllLangs) {
      if (f.size() >= 5 &&
          (EndsWith(f, "te") || EndsWith(f, "de") || EndsWith(f, "ten") || EndsWith(f, "den")) &&
          !EndsWith(f, "ende") && !EndsWith(f, "ste") && !EndsWith(f, "ijde") &&
          !EndsWith(f, "heden") && !EndsWith(f, "ente") && !EndsWith(f, "erde") &&
          !EndsWith(f, "mde") && !t.cap) {
        char before = f[f.size() - (EndsWith(f, "n") ? 4 : 3)];
        if (!std::strchr("aeiouy", before) || EndsWith(f, "ette") || EndsWith(f, "dde") ||
            EndsWith(f, "tte"))
          t.cue = -1;
      }
      if (f == "gaat" || f == "gaan") t.cue = 1;
    }
    if ((lm_ & extract::kDE) && lm_ != extract::kAllLangs) {
      if (!t.cap && f.size() >= 5 && (EndsWith(f, "te") || EndsWith(f, "ten")) &&
          !EndsWith(f, "ste") && !EndsWith(f, "sten") && !EndsWith(f, "ente"))
        t.cue = -1;
    }
    if ((lm_ & extract::kFR) && lm_ != extract::kAllLangs) {
      if (f.size() >= 6 && (EndsWith(f, "era") || EndsWith(f, "eront") || EndsWith(f, "ira") ||
                            EndsWith(f, "iront")))
        t.cue = 1;
    }
    if ((lm_ & extract::kES) && lm_ != extract::kAllLangs) {
      if (raw.size() >= 4 && EndsWith(raw, "ó")) t.cue = -1;
      if (f.size() >= 5 && (EndsWith(f, "aron") || EndsWith(f, "ieron") || EndsWith(f, "aba") ||
                            EndsWith(f, "aban")))
        t.cue = -1;
      if (raw.size() >= 4 && (EndsWith(raw, "rá") || EndsWith(raw, "rán"))) t.cue = 1;
      if ((f == "va" || f == "van") && W(i + 1, "a")) t.cue = 1;
    }
    if ((lm_ & extract::kIT) && lm_ != extract::kAllLangs) {
      if (raw.size() >= 4 && EndsWith(raw, "ò")) t.cue = -1;
      if (f.size() >= 5 && (EndsWith(f, "arono") || EndsWith(f, "irono") || EndsWith(f, "ava") ||
                            EndsWith(f, "avano")))
        t.cue = -1;
      if ((raw.size() >= 4 && EndsWith(raw, "rà")) || (f.size() >= 6 && EndsWith(f, "ranno")))
        t.cue = 1;
    }
  }
}

// -1 past, +1 future, 0 unknown; nearest cue in the sentence wins.
// The document date as Date::ToString writes it.
std::string Tagger::DctString() const {
  switch (dct_.precision) {
    case Date::Precision::kYear:
      return Fmt("%04d", dct_.year);
    case Date::Precision::kMonth:
      return Fmt("%04d-%02d", dct_.year, dct_.month);
    case Date::Precision::kDay:
      break;
  }
  return Fmt("%04d-%02d-%02d", dct_.year, dct_.month, dct_.day);
}

// A token that ends a clause: punctuation (not the apostrophe or a hyphen within a
// word) or a word that begins a subordinate or coordinate clause.
bool Tagger::ClauseBreak(int i) const {
  const Tok& t = tk_[i];
  if (t.p) return t.p != '\'' && t.p != '.' && !(t.p == '-' && !t.sp);
  return (t.cats >> extract::kClause) & 1;
}

// The nearest tense cue to token tok among tokens [a, b) of its sentence: -1 past,
// +1 future, 0 none; at equal distance past wins over future.
int Tagger::NearestCue(int tok, int a, int b, int present) const {
  for (int dist = 1; dist < 40; ++dist) {
    int l = tok - dist, r = tok + dist;
    bool in_l = l >= a, in_r = r < b;
    if (!in_l && !in_r) break;
    int cl = in_l ? tk_[l].cue : 0, cr = in_r ? tk_[r].cue : 0;
    if (cl == -1 || cr == -1) return -1;
    if (cl == 1 || cr == 1) return 1;
    if ((present >= 1 && (cl == 2 || cr == 2)) || (present >= 2 && (cl == 3 || cr == 3))) return 1;
  }
  return 0;
}

// A preposition before the expression that fixes its direction whatever the verb:
// a deadline ("until Tuesday", "by Friday", "as soon as Monday", "bis Freitag",
// "hasta el lunes") lies ahead, a starting point ("since Tuesday", "seit Montag",
// "depuis lundi", "desde el lunes", "sinds maandag") behind.
// A deadline followed by a past perfect in its clause or sentence was past ("had filed
// reports by Wednesday", "until Thursday, they had not called him").
int Tagger::PrepositionTense(int tok, int ca, int cb) const {
  int k = tok - 1;
  if (lm_ & (extract::kES | extract::kIT | extract::kFR)) {
    if (W(k, "el") || W(k, "il") || W(k, "le") || W(k, "al")) --k;
  }
  if (k < 0 || tk_[k].fl == 0) return 0;
  if (W(k, "since") || W(k, "sinds") || W(k, "seit") || W(k, "depuis") || W(k, "desde")) return -1;
  if ((lm_ & extract::kEN) && (W(k, "until") || W(k, "till") || W(k, "by") ||
                               (W(k, "as") && W(k - 1, "soon") && W(k - 2, "as")))) {
    for (int i = ca; i < cb; ++i)
      if (W(i, "had")) return 0;
    return 1;
  }
  if (((lm_ & extract::kDE) && W(k, "bis")) || ((lm_ & extract::kES) && W(k, "hasta"))) {
    for (int i = ca; i < cb; ++i)
      if (W(i, "hatte") || W(i, "hatten") || W(i, "habia") || W(i, "habian")) return 0;
    return 1;
  }
  return 0;
}

// The tense of token tok: the nearest cue of its own clause (the verb that governs
// it: "said Tuesday that they will meet Monday"), else of its sentence.
int Tagger::Tense(int tok) const {
  assert(tk_[tok].cued);
  // English possessive of a weekday names an event already reported ("Tuesday's vote").
  if ((lm_ & extract::kEN) && Is(tok, extract::kWeekday) && P(tok + 1, '\'') && Tight(tok + 1) &&
      W(tok + 2, "s") && Tight(tok + 2))
    return -1;
  int s = tk_[tok].sent;
  int a = tok, b = tok + 1;  // the sentence, as far as NearestCue looks
  while (a > 0 && a > tok - 40 && tk_[a - 1].sent == s) --a;
  while (b < N() && b < tok + 40 && tk_[b].sent == s) ++b;
  int ca = tok, cb = tok + 1;
  while (ca > a && !ClauseBreak(ca - 1)) --ca;
  while (cb < b && !ClauseBreak(cb)) ++cb;
  if (int t = PrepositionTense(tok, ca, b)) return t;
  // In the clause a present form of a verb of schedules counts as a future cue ("officials
  // said the talks resume Monday", "the contract expires in June"); "is"/"are" only for a
  // weekday ("the vote is Thursday"; not "the December accord is in force"). From another
  // clause only past and future forms count.
  int present = Is(tok, extract::kWeekday) ? 2 : 1;
  int t = NearestCue(tok, ca, tok, present);
  if (!t) t = NearestCue(tok, ca, cb, present);
  return t ? t : NearestCue(tok, a, b, 0);
}

// Tense cues are needed only in the sentences of candidates whose resolution reads
// the tense (Tense() reads the candidate's own sentence); a cue depends on its
// neighbouring tokens only, not on other cues.
void Tagger::CueSentencesOfCandidates(bool coarse) {
  for (const Cand& c : cands_) {
    if (tk_[c.i0].cued || !ReadsTense(c, coarse)) continue;
    int a = c.i0, b = c.i0 + 1;
    while (a > 0 && tk_[a - 1].sent == tk_[c.i0].sent) --a;
    while (b < N() && tk_[b].sent == tk_[c.i0].sent) ++b;
    TenseCues(a, b);
    for (int k = a; k < b; ++k) tk_[k].cued = true;
  }
}

void Tagger::MatchAll() {
  std::vector<Cand>& cands = cands_;
  cands.clear();
  for (int i = 0; i < N();) {
    if (SurelyNoStart(tk_[i]) || !MayStart(i)) {
      ++i;
      continue;
    }
    Cand c;
    int e = Match(i, &c);
    if (e > i) {
      // (a matcher may start the span after token i: "within a week" is "a week")
      if (c.i0 >= e || c.i0 < 0) c.i0 = i;
      if (c.i0 < i && !cands.empty() && c.i0 < cands.back().i1) c.i0 = i;
      if (!cands.empty() && c.i0 < cands.back().i1) c.i0 = cands.back().i1;
      bool skip = false;
      // a bare time in a headline (a first line of at most 40 tokens; a longer one is a
      // paragraph of the story)
      if (c.kind == kTimeOnly && c.i0 < headline_end_ && headline_end_ <= 40) skip = true;
      if (!skip && InName(c)) skip = true;  // "This Week", "High Noon", "March for Life"
      if (!skip && c.i0 < e) {
        cands.push_back(c);
        e = SecondDay(c, e);
      }
      i = e;
    } else {
      ++i;
    }
  }
}

// "April 24 and 25", "on May 3 or 4": after a month and day (month first, English),
// "and"/"or" and a later day of that month, with nothing that makes it a count after
// it, is a second date ("between Feb 13 and 24" a range, as "Feb 13-24"). Returns the
// end of what was taken (e if nothing).
int Tagger::SecondDay(const Cand& c, int e) {
  if (!(lm_ & extract::kEN) || c.kind != kAbs || !c.d || c.d2 || !c.m || c.holiday || c.hh >= 0 ||
      !(W(e, "and") || W(e, "or")))
    return e;
  int d = 0;
  if (!Num(e + 1, c.d + 1, MonthDays(2000, c.m), &d) || tk_[e + 1].nd > 2) return e;
  int k = e + 2;
  bool end = k >= N() ||
             (tk_[k].p && tk_[k].p != '-' && tk_[k].p != '/' && tk_[k].p != ':' &&
              !(tk_[k].p == '.' && Tight(k) && k + 1 < N() && tk_[k + 1].nd)) ||
             Is(k, extract::kPrep) || Is(k, extract::kArticle) || Is(k, extract::kClause) ||
             Is(k, extract::kFutAux) || Is(k, extract::kPastAux) || W(k, "at") || W(k, "on") ||
             W(k, "and") || W(k, "or");
  if (!end || Is(k, extract::kUnit) || Is(k, extract::kMonth)) return e;
  if (W(c.i0 - 1, "between") && W(e, "and")) {  // "between Feb 13 and 24": a range
    Cand& r = cands_.back();
    r.d2 = d, r.i1 = e + 2;
    r.rule = "month-day-range";
    return e + 2;
  }
  Cand c2 = c;
  c2.d = d, c2.wd = 0;
  c2.i0 = e + 1, c2.i1 = e + 2;
  c2.rule = "month-day-and-day";
  cands_.push_back(c2);
  return e + 2;
}

std::vector<TimeExpr> Tagger::Run() {
  std::vector<TimeExpr> out;
  if (t_.empty() || t_.size() >= UINT32_MAX) return out;
  Tokenize();
  Sentences();
  MatchAll();
  if (cands_.empty()) return out;
  const std::vector<Cand>& cands = cands_;
  // 2. Anchor: the publication day, or the range of days it may be.
  bool known = dct_.year > 0;
  int32_t lo = 0, hi = 0;
  if (known) {
    lo = dct_.FirstDay();
    hi = dct_.LastDay();
  }
  bool coarse = known && lo != hi;
  CueSentencesOfCandidates(coarse);
  std::string anchor = known ? "dct:" + DctString() : "none";
  if (coarse) {
    // Explicit dates in the document's span narrow the publication day: past-tense
    // events happened on or before it, future ones on or after. Weekdays that
    // name a date ("donderdag 4 april") are checked against the calendar.
    int32_t nlo = lo, nhi = hi;
    int pub_wd = 0;
    bool past_date = false;
    for (const Cand& c : cands) {
      if (c.kind != kAbs || !c.d || !c.m) continue;
      int y = c.y > 0 ? c.y : dct_.year;
      if (c.d > MonthDays(y, c.m)) continue;
      int32_t d = DaysFromCivil(y, c.m, c.d);
      if (d < lo || d > hi) continue;
      if (c.wd && Weekday(d) != c.wd)
        continue;  // a date that disagrees with its weekday says nothing
      int t = Tense(c.i0);
      if (t == -1)
        nlo = std::max(nlo, d), past_date = true;
      else if (t == 1)
        nhi = std::min(nhi, d);
    }
    // Bare weekday mentions in the past tense: the publication day is within 6
    // days after some occurrence — no constraint alone. "vandaag"/"today" next to
    // a weekday names the publication weekday.
    for (size_t k = 0; k < cands.size(); ++k) {
      const Cand& c = cands[k];
      if (c.kind == kRelDayK && c.off == 0 && k + 1 < cands.size() && cands[k + 1].kind == kWday &&
          cands[k + 1].i0 <= c.i1 + 1) {
        pub_wd = cands[k + 1].wd;
      }
    }
    if (pub_wd) {
      // The text names the publication weekday: keep the days with that weekday;
      // after a past-tense date, the first such day (news reports recent events).
      int32_t a = nlo, b = nhi;
      while (a <= b && Weekday(a) != pub_wd) ++a;
      while (b >= a && Weekday(b) != pub_wd) --b;
      if (a <= b) {
        nlo = a, nhi = b;
        if (past_date) nhi = a;
      }
    }
    if (nlo <= nhi) lo = nlo, hi = nhi;
    if (lo == hi) {
      anchor = "dct-inferred:" + DayStr(lo);
      coarse = false;
    }
  }
  // 3. Resolve. "the following year", "that day" count from the first day of the date
  // mentioned last (else from the document date).
  out.reserve(cands.size());
  int32_t mentioned = 0;
  int mentioned_rank = -1;  // precision of the date mentioned last, see UnitRank
  uint32_t mentioned_start = 0;
  for (const Cand& c : cands) {
    if (c.kind == kQuarterK && c.q > 0) {
      Res r = Resolve(c, lo, known);
      if (r.value.size() >= 7 && r.value[0] != 'X') {
        last_quarter_ = c.q;
        last_quarter_year_ = std::atoi(r.value.c_str());
        last_quarter_tok_ = c.i0;
      }
    } else if (c.kind == kQuarterK && c.q < 0 && known) {
      last_quarter_ = ((Resolve(c, lo, known).value.back()) - '0');
      last_quarter_year_ = std::atoi(Resolve(c, lo, known).value.c_str());
      last_quarter_tok_ = c.i0;
    }
    TimeExpr x;
    x.start = tk_[c.i0].b;
    x.end = tk_[c.i1 - 1].e;
    x.text = std::string(t_.substr(x.start, x.end - x.start));
    bool mention = c.anaphor && known && mentioned_rank >= UnitRank(c.unit);
    if (c.anaphor && !mention && std::strcmp(c.rule, "that-unit") == 0)
      continue;  // "that day" without a day mentioned before it
    uint32_t mentioned_before = mentioned_start;
    Res r = Resolve(c, mention ? mentioned : lo, known);
    if (!c.anaphor && r.span && r.type == "DATE" && c.kind != kDuration)
      mentioned = r.first, mentioned_rank = PrecisionRank(r.precision), mentioned_start = x.start;
    bool relative = c.kind == kWday || c.kind == kRelDayK || c.kind == kRelUnit ||
                    c.kind == kTimeOnly || (c.kind == kAbs && c.y < 0) ||
                    (c.kind == kSeasonK && c.y < 0) || (c.kind == kQuarterK && c.y < 0);
    std::string why = std::string(lang_) + "." + c.rule;
    if (c.kind == kWday || (c.kind == kAbs && c.y < 0 && c.m) || c.kind == kSeasonK) {
      int t = c.dir == 2 ? Tense(c.i0) : c.dir;
      why += t == -1      ? "; past -> before anchor"
             : t == 1     ? "; future -> after anchor"
             : c.dir == 2 ? "; no tense cue -> default"
                          : "";
    }
    if (c.mod) why += c.mod == 'S' ? "; mod=START" : c.mod == 'M' ? "; mod=MID" : "; mod=END";
    if (mention) why += "; from the date last mentioned";
    if (coarse && relative && !mention) {
      Res r2 = Resolve(c, hi, known);
      if (r2.value != r.value) {
        // The publication day is not known: keep the range of possible values.
        Res m;
        m.type = r.type;
        int32_t f = std::min(r.first, r2.first), l = std::max(r.last, r2.last);
        int y1, m1, d1, y2, m2, d2;
        Ymd(f, &y1, &m1, &d1);
        Ymd(l, &y2, &m2, &d2);
        if (r.span && r2.span) {
          if (dct_.precision == Date::Precision::kMonth && f <= dct_.LastDay() &&
              l >= dct_.FirstDay()) {
            m.value = DctString();
            m.precision = "month";
          } else if (y1 == y2 && m1 == m2) {
            m.value = Fmt("%04d-%02d", y1, m1);
            m.precision = "month";
          } else if (y1 == y2) {
            m.value = Fmt("%04d", y1);
            m.precision = "year";
          } else {
            m.value = "XXXX";
            m.precision = "";
          }
          m.span = true;
          m.first = f, m.last = l;
          why += "; publication day unknown: range " + DayStr(f) + "/" + DayStr(l);
        } else {
          m.value = r.value;
          m.precision = r.precision;
        }
        r = m;
      }
    }
    x.type = r.type;
    x.value = r.value;
    x.precision = r.precision;
    if (c.d2 && r.span && r.last != r.first && r.precision == "day") x.value_end = DayStr(r.last);
    x.anchor = mention ? "expr:" + std::to_string(mentioned_before) : relative ? anchor : "none";
    x.rule = why;
    x.has_span = r.span;
    x.first_day = r.first;
    x.last_day = r.last;
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace dates_internal

using dates_internal::IsoWeekStart;
using dates_internal::MonthDays;

std::vector<TimeExpr> FindDates(std::string_view text, std::string_view lang,
                                const Date& doc_date) {
  dates_internal::Scratch& s = dates_internal::Scratch::ForThisThread();
  dates_internal::Tagger t(text, lang, doc_date, &s);
  std::vector<TimeExpr> out = t.Run();
  if (s.tk.capacity() > (1u << 20) || s.fold.capacity() > (16u << 20))
    s = dates_internal::Scratch();  // after a huge text: give the memory back
  return out;
}

bool TimeValueSpan(std::string_view v, int32_t* first, int32_t* last) {
  auto digits = [&](size_t pos, size_t n, int* out) {
    if (pos + n > v.size()) return false;
    int x = 0;
    for (size_t k = 0; k < n; ++k) {
      char ch = v[pos + k];
      if (ch < '0' || ch > '9') return false;
      x = x * 10 + (ch - '0');
    }
    *out = x;
    return true;
  };
  int y, m, d;
  if (v.size() == 2 && digits(0, 2, &y)) {
    *first = DaysFromCivil(y * 100, 1, 1), *last = DaysFromCivil(y * 100 + 99, 12, 31);
    return true;
  }
  if (v.size() == 3 && digits(0, 3, &y)) {
    *first = DaysFromCivil(y * 10, 1, 1), *last = DaysFromCivil(y * 10 + 9, 12, 31);
    return true;
  }
  if (!digits(0, 4, &y)) return false;
  if (v.size() == 4) {
    *first = DaysFromCivil(y, 1, 1), *last = DaysFromCivil(y, 12, 31);
    return true;
  }
  if (v[4] != '-') return false;
  std::string_view rest = v.substr(5);
  if (rest.size() >= 2 && rest[0] == 'W' && digits(6, 2, &m) && m >= 1 && m <= 53) {
    *first = IsoWeekStart(y, m), *last = *first + 6;
    if (rest.size() >= 6 && rest.substr(3) == "-WE") *first += 5;
    return true;
  }
  if (rest.size() == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4') {
    int q = rest[1] - '0';
    *first = DaysFromCivil(y, q * 3 - 2, 1), *last = DaysFromCivil(y, q * 3, MonthDays(y, q * 3));
    return true;
  }
  if (rest.size() == 2 && rest[0] == 'H' && (rest[1] == '1' || rest[1] == '2')) {
    bool h1 = rest[1] == '1';
    *first = DaysFromCivil(y, h1 ? 1 : 7, 1),
    *last = h1 ? DaysFromCivil(y, 6, 30) : DaysFromCivil(y, 12, 31);
    return true;
  }
  static const char* const kS[] = {"SP", "SU", "FA", "WI"};
  for (int s = 0; s < 4; ++s) {
    if (rest == kS[s]) {
      static const int sm[] = {3, 6, 9, 12};
      static const int sd[] = {20, 21, 22, 21};
      *first = DaysFromCivil(y, sm[s], sd[s]);
      *last = s == 3 ? DaysFromCivil(y + 1, 3, 19) : DaysFromCivil(y, sm[s] + 3, 20);
      return true;
    }
  }
  if (!digits(5, 2, &m) || m < 1 || m > 12) return false;
  if (v.size() == 7) {
    *first = DaysFromCivil(y, m, 1), *last = DaysFromCivil(y, m, MonthDays(y, m));
    return true;
  }
  if (v[7] != '-' || !digits(8, 2, &d) || d < 1 || d > MonthDays(y, m)) return false;
  if (v.size() != 10 && v[10] != 'T') return false;
  *first = *last = DaysFromCivil(y, m, d);
  return true;
}

}  // namespace dateline
