// Internal to src/extract: the temporal tagger's shared types (tokens,
// candidates, the Tagger class) and calendar helpers. The tagger is split into
// dates.cc (tokenising, tense cues, the pipeline and the public API),
// dates_match.cc (the pattern matchers) and dates_resolve.cc (resolution
// against the document date).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/dates.h"
#include "extract/lexicon.h"

namespace dateline::dates_internal {

using extract::Cat;
using extract::LexInfo;

// ------------------------------------------------------------------ tokens --

struct Tok {
  uint32_t b = 0, e = 0;     // bytes in the text
  uint32_t fl = 0;           // length of the folded form (0: not a word)
  const char* fp = nullptr;  // folded form: in the fold buffer, or in the text itself
  const LexInfo* lex = nullptr;
  uint64_t cats = 0;    // bit c: the word has a lexicon meaning of category c in the language
  int64_t v = -1;       // value of a digit run
  uint8_t nd = 0;       // number of digits (0: not a number)
  char p = 0;           // punctuation character (ASCII), or 1 for other punctuation
  bool sp = false;      // whitespace before
  bool nl = false;      // line break before
  bool cap = false;     // starts with an upper-case ASCII letter / is capitalised
  bool ft = false;      // the folded form is the text itself (lower-case ASCII word)
  bool joined = false;  // made of word-word by TryJoin
  bool cued = false;    // tense cues of this token's sentence are computed
  uint16_t sent = 0;    // sentence number
  int8_t cue = 0;  // tense cue: -1 past, +1 future; en present: 2 schedule verb, 3 is/are (Tense)
};

// --------------------------------------------------------------- calendar --

inline bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
inline int MonthDays(int y, int m) {
  static const int k[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : k[m - 1];
}
inline int Weekday(int32_t day) {  // ISO: 1 = Monday; 1970-01-01 was a Thursday
  int w = static_cast<int>((day % 7 + 7) % 7);
  return (w + 3) % 7 + 1;
}
inline void Ymd(int32_t day, int* y, int* m, int* d) {
  int32_t yy;
  unsigned mm, dd;
  CivilFromDays(day, &yy, &mm, &dd);
  *y = yy;
  *m = static_cast<int>(mm);
  *d = static_cast<int>(dd);
}
// ISO week: year and week number.
inline void IsoWeek(int32_t day, int* wy, int* wn) {
  int32_t thursday = day - (Weekday(day) - 1) + 3;
  int y, m, d;
  Ymd(thursday, &y, &m, &d);
  *wy = y;
  *wn = (thursday - DaysFromCivil(y, 1, 1)) / 7 + 1;
}
inline int32_t IsoWeekStart(int wy, int wn) {
  int32_t jan4 = DaysFromCivil(wy, 1, 4);
  return jan4 - (Weekday(jan4) - 1) + (wn - 1) * 7;
}

// printf-style formatting of up to three ints for the formats of the tagger:
// literal text with %d, %02d, %03d, %04d (as snprintf, without its cost).
inline std::string Fmt(const char* f, int a, int b = 0, int c = 0) {
  const int args[3] = {a, b, c};
  int next = 0;
  std::string out;
  for (const char* p = f; *p; ++p) {
    if (*p != '%' || next == 3) {
      out.push_back(*p);
      continue;
    }
    int width = 0;
    if (p[1] == '0' && p[2] >= '1' && p[2] <= '9' && p[3] == 'd') width = p[2] - '0', p += 2;
    if (p[1] != 'd') {
      out.push_back(*p);
      continue;
    }
    ++p;
    int64_t v = args[next++];
    char digits[24];
    int n = 0;
    uint64_t u = v < 0 ? static_cast<uint64_t>(-v) : static_cast<uint64_t>(v);
    do digits[n++] = static_cast<char>('0' + u % 10), u /= 10;
    while (u);
    if (v < 0) out.push_back('-');
    for (int k = n + (v < 0); k < width; ++k) out.push_back('0');
    while (n) out.push_back(digits[--n]);
  }
  return out;
}
inline std::string DayStr(int32_t day) {
  int y, m, d;
  Ymd(day, &y, &m, &d);
  return Fmt("%04d-%02d-%02d", y, m, d);
}

// ------------------------------------------------------------- candidates --

enum Kind : uint8_t {
  kAbs,       // y/m/d (any may be missing: y = -1, m = 0, d = 0)
  kWday,      // weekday wd with dir
  kRelDayK,   // today + off
  kRelUnit,   // unit with offset off (last week: -1; three years ago: -3)
  kSeasonK,   // season, y or dir
  kQuarterK,  // quarter q / half h, y or dir
  kDecadeK,   // decade (y = first year), century (cent)
  kCenturyK,
  kDuration,  // n units (n = -1: X)
  kSetK,      // unit / weekday / month
  kRefK,      // ref
  kTimeOnly,  // clock time with the date of the document
};

struct Cand {
  int i0 = -1, i1 = 0;  // tokens [i0, i1)
  Kind kind = kAbs;
  int y = -1, m = 0, d = 0;
  int y2 = -1, m2 = 0, d2 = 0;  // range end (d2 > 0)
  int wd = 0;
  int off = 0;
  int dir = 2;  // -1 past, 0 this, 1 next, 2 by tense
  int unit = 0;
  int n = 0;
  int pod = 0;
  int hh = -1, mi = 0;
  int season = 0, q = 0, h = 0;
  int ref = -1;
  bool fiscal = false;
  bool no_year_guess = false;
  char mod = 0;
  // (these fill the padding before `rule`: Cand is copied often while matching)
  bool yrel = false;     // quarter/half of the year off years from the anchor ("last year's")
  bool half = false;     // a duration with "and a half" / "1/2"
  bool anaphor = false;  // relative to the date last mentioned ("the following year")
  int16_t holiday = 0;   // kHoliday value (the day is computed for the year)
  const char* rule = "";
};

// --------------------------------------------------------------- tagger --

// Buffers reused by the calls of one thread (FindDates allocates little per call).
struct Scratch {
  std::string fold;
  std::vector<Tok> tk;
  std::vector<Cand> cands;
  static Scratch& ForThisThread();
};

class Tagger {
 public:
  Tagger(std::string_view text, std::string_view lang, const Date& dct, Scratch* s)
      : t_(text),
        dct_(dct),
        fold_(s->fold),
        tk_(s->tk),
        cands_(s->cands),
        packed_(extract::GetPackedWords()) {
    lm_ = LangMask(lang);
    lang_ = lang.size() >= 2 ? std::string(lang.substr(0, 2)) : std::string("xx");
  }

  std::vector<TimeExpr> Run();

 private:
  static uint8_t LangMask(std::string_view l) {
    if (l.size() >= 2) {
      char a = static_cast<char>(l[0] | 0x20), b = static_cast<char>(l[1] | 0x20);
      if (a == 'e' && b == 'n') return extract::kEN;
      if (a == 'n' && b == 'l') return extract::kNL;
      if (a == 'd' && b == 'e') return extract::kDE;
      if (a == 'f' && b == 'r') return extract::kFR;
      if (a == 'e' && b == 's') return extract::kES;
      if (a == 'i' && b == 't') return extract::kIT;
      if (a == 'a' && b == 'r') return extract::kAR;
    }
    return extract::kAllLangs;
  }

  void Tokenize();
  size_t ScanToken(size_t i, Tok* t);
  void ScanWord(size_t i, uint32_t cp, Tok* t);
  bool ScanAsciiWord(size_t i, Tok* t);
  void LookupWord(Tok* t) const;
  void SetCats(Tok* t) const;
  void TryJoin();
  bool MayStart(int i) const;
  bool NumberMayStart(int i) const;
  // True only for tokens for which MayStart is false (the commonest, without its
  // call): punctuation other than the apostrophe, and words of no category that are
  // none of its literal words (up to five bytes, beginning with a, h, i, n, q, t or
  // y) nor, in Dutch or German, longer than six bytes (weekday compounds).
  bool SurelyNoStart(const Tok& t) const {
    if (t.nd > 0 || t.p == '\'') return false;
    if (t.fl == 0) return true;
    if (t.cats != 0) return false;
    if (t.fl > 6) return !(lm_ & (extract::kNL | extract::kDE));
    switch (t.fp[0]) {
      case 'a':
      case 'h':
      case 'i':
      case 'n':
      case 'q':
      case 't':
      case 'y':
        return t.fl == 6;
      default:
        return true;
    }
  }
  bool UnitSoon(int i) const;
  void Sentences();
  void MatchAll();
  int SecondDay(const Cand& c, int e);
  void TenseCues(int from, int to);
  void CueSentencesOfCandidates(bool coarse);
  static bool ReadsTense(const Cand& c, bool coarse);
  bool ClauseBreak(int i) const;
  int NearestCue(int tok, int a, int b, int present) const;
  int Tense(int tok) const;
  int PrepositionTense(int tok, int ca, int cb) const;
  std::string DctString() const;

  // Token helpers.
  int N() const { return static_cast<int>(tk_.size()); }
  std::string_view F(int i) const { return std::string_view(tk_[i].fp, tk_[i].fl); }
  bool Is(int i, Cat c, int* val = nullptr) const {
    if (i < 0 || i >= N() || !((tk_[i].cats >> c) & 1)) return false;
    if (!val) return true;
    const LexInfo* x = tk_[i].lex;
    for (int k = 0; k < x->n; ++k)
      if (x->e[k].cat == c && (x->e[k].langs & lm_)) {
        if (val) *val = x->e[k].val;
        return true;
      }
    return false;
  }
  bool P(int i, char c) const { return i >= 0 && i < N() && tk_[i].p == c; }
  // Word i is w (numbers and punctuation have no folded form: fl == 0).
  // (Inlined, and the first byte compared before memcmp: the matchers call it often.)
  [[gnu::always_inline]] bool W(int i, std::string_view w) const {
    if (i < 0 || i >= N()) return false;
    const Tok& t = tk_[i];
    return t.fl == w.size() && t.fp[0] == w[0] && std::memcmp(t.fp, w.data(), w.size()) == 0;
  }
  bool Num(int i, int lo, int hi, int* v) const {
    if (i < 0 || i >= N() || tk_[i].nd == 0 || tk_[i].v < lo || tk_[i].v > hi) return false;
    if (v) *v = static_cast<int>(tk_[i].v);
    return true;
  }
  bool Tight(int i) const { return i < N() && !tk_[i].sp; }  // no space before token i

  bool SetAdjective(int i) const;
  bool RateBefore(int i) const;
  bool RateAfter(int e) const;
  bool Ordinal(int i, int unit, int e) const;
  bool Fraction(int n, int unit, int e) const;
  bool YearModifier(int i, int e) const;
  bool Coordinator(int k) const;
  bool InName(const Cand& c) const;

  // Matchers. Each returns the end token (exclusive) or -1, filling *c.
  int MatchNumericDate(int i, Cand* c);
  int MatchDay(int i, int* d);
  int OrdinalDay(int i, int* d) const;
  int MatchMonth(int i, int* m);
  int MatchYear(int i, int* y, bool loose);
  int MatchDayMonth(int i, Cand* c);
  int MatchMonthDay(int i, Cand* c);
  int MatchRelative(int i, Cand* c);
  int MatchNumberUnit(int i, int* n, int* unit, bool* adj, bool* half);
  int MatchTheYear(int i, Cand* c);
  int MatchHoliday(int i, Cand* c) const;
  int MatchSpokenYear(int i, Cand* c);
  int MatchCore(int i, Cand* c);
  int MatchTime(int i, int* hh, int* mi, bool* strong);
  int Match(int i, Cand* c);
  int YearsQuarter(int e, Cand* x) const;
  int OfRelativeYear(int a, int e, Cand* x) const;
  int SkipTimeZone(int j) const;

  // Resolution.
  struct Res {
    std::string value, type, precision;
    bool span = false;
    int32_t first = 0, last = 0;
  };
  Res Resolve(const Cand& c, int32_t pub, bool pub_known) const;
  Res ResolveHoliday(const Cand& c, int32_t pub, bool pub_known) const;
  int YearFor(int m, int d, int dir, int32_t pub) const;

  std::string_view t_;
  Date dct_;
  uint8_t lm_;
  std::string lang_;
  std::string& fold_;
  std::vector<Tok>& tk_;
  std::vector<Cand>& cands_;
  const extract::PackedWords& packed_;
  int headline_end_ = 0;  // tokens before this are on the first line
  int last_quarter_ = 0, last_quarter_year_ = 0, last_quarter_tok_ = -1000;
};

}  // namespace dateline::dates_internal
