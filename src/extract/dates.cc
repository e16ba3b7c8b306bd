// Rule-based temporal tagger: tokenise, match hand-written patterns over
// tokens with per-language word lists, then resolve against the document date.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "dateline/dates.h"
#include "extract/lexicon.h"

namespace dateline {
namespace {

using extract::Cat;
using extract::LexInfo;

// ------------------------------------------------------------------ tokens --

struct Tok {
  uint32_t b = 0, e = 0;     // bytes in the text
  uint32_t fb = 0, fl = 0;   // folded form in the fold buffer
  const LexInfo* lex = nullptr;
  int64_t v = -1;            // value of a digit run
  uint8_t nd = 0;            // number of digits (0: not a number)
  char p = 0;                // punctuation character (ASCII), or 1 for other punctuation
  bool sp = false;           // whitespace before
  bool nl = false;           // line break before
  bool cap = false;          // starts with an upper-case ASCII letter / is capitalised
  uint16_t sent = 0;         // sentence number
  int8_t cue = 0;            // tense cue: -1 past, +1 future
};

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
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
         cp == 0x202F || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000;
}

bool IsPunctCp(uint32_t cp) {
  if (cp < 0x80) return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
  return (cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2010 && cp <= 0x206F) ||
         (cp >= 0x3000 && cp <= 0x303F) || cp == 0x60C || cp == 0x61B || cp == 0x61F || cp == 0x6D4 ||
         (cp >= 0xFE30 && cp <= 0xFE6F) || (cp >= 0xFF01 && cp <= 0xFF0F) || cp == 0xFFFD;
}

// --------------------------------------------------------------- calendar --

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int MonthDays(int y, int m) {
  static const int k[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : k[m - 1];
}
int Weekday(int32_t day) {  // ISO: 1 = Monday; 1970-01-01 was a Thursday
  int w = static_cast<int>((day % 7 + 7) % 7);
  return (w + 3) % 7 + 1;
}
void Ymd(int32_t day, int* y, int* m, int* d) {
  int32_t yy;
  unsigned mm, dd;
  CivilFromDays(day, &yy, &mm, &dd);
  *y = yy;
  *m = static_cast<int>(mm);
  *d = static_cast<int>(dd);
}
// ISO week: year and week number.
void IsoWeek(int32_t day, int* wy, int* wn) {
  int32_t thursday = day - (Weekday(day) - 1) + 3;
  int y, m, d;
  Ymd(thursday, &y, &m, &d);
  *wy = y;
  *wn = (thursday - DaysFromCivil(y, 1, 1)) / 7 + 1;
}
int32_t IsoWeekStart(int wy, int wn) {
  int32_t jan4 = DaysFromCivil(wy, 1, 4);
  return jan4 - (Weekday(jan4) - 1) + (wn - 1) * 7;
}

std::string Fmt(const char* f, int a, int b = 0, int c = 0) {
  char buf[48];
  std::snprintf(buf, sizeof buf, f, a, b, c);
  return buf;
}
std::string DayStr(int32_t day) {
  int y, m, d;
  Ymd(day, &y, &m, &d);
  return Fmt("%04d-%02d-%02d", y, m, d);
}

const char* kPod[] = {"", "MO", "AF", "EV", "NI"};
const char* kSeasonCode[] = {"", "SP", "SU", "FA", "WI"};

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
  const char* rule = "";
};

// --------------------------------------------------------------- tagger --

class Tagger {
 public:
  Tagger(std::string_view text, std::string_view lang, const Date& dct) : t_(text), dct_(dct) {
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
  void Sentences();
  void TenseCues();
  int Tense(int tok) const;

  // Token helpers.
  int N() const { return static_cast<int>(tk_.size()); }
  std::string_view F(int i) const { return std::string_view(fold_).substr(tk_[i].fb, tk_[i].fl); }
  bool Is(int i, Cat c, int* val = nullptr) const {
    if (i < 0 || i >= N() || !tk_[i].lex) return false;
    const LexInfo* x = tk_[i].lex;
    for (int k = 0; k < x->n; ++k)
      if (x->e[k].cat == c && (x->e[k].langs & lm_)) {
        if (val) *val = x->e[k].val;
        return true;
      }
    return false;
  }
  bool P(int i, char c) const { return i >= 0 && i < N() && tk_[i].p == c; }
  bool W(int i, std::string_view w) const { return i >= 0 && i < N() && tk_[i].nd == 0 && tk_[i].p == 0 && F(i) == w; }
  bool Num(int i, int lo, int hi, int* v) const {
    if (i < 0 || i >= N() || tk_[i].nd == 0 || tk_[i].v < lo || tk_[i].v > hi) return false;
    if (v) *v = static_cast<int>(tk_[i].v);
    return true;
  }
  bool Tight(int i) const { return i < N() && !tk_[i].sp; }  // no space before token i

  // Matchers. Each returns the end token (exclusive) or -1, filling *c.
  int MatchNumericDate(int i, Cand* c);
  int MatchDay(int i, int* d);
  int MatchMonth(int i, int* m);
  int MatchYear(int i, int* y, bool loose);
  int MatchDayMonth(int i, Cand* c);
  int MatchMonthDay(int i, Cand* c);
  int MatchRelative(int i, Cand* c);
  int MatchNumberUnit(int i, int* n, int* unit, bool* adj);
  int MatchCore(int i, Cand* c);
  int MatchTime(int i, int* hh, int* mi, bool* strong);
  int Match(int i, Cand* c);

  // Resolution.
  struct Res {
    std::string value, type, precision;
    bool span = false;
    int32_t first = 0, last = 0;
  };
  Res Resolve(const Cand& c, int32_t pub, bool pub_known) const;
  int YearFor(int m, int d, int dir, int32_t pub) const;

  std::string_view t_;
  Date dct_;
  uint8_t lm_;
  std::string lang_;
  std::string fold_;
  std::vector<Tok> tk_;
  int headline_end_ = 0;  // tokens before this are on the first line
  int last_quarter_ = 0, last_quarter_year_ = 0, last_quarter_tok_ = -1000;
};

void Tagger::Tokenize() {
  fold_.reserve(t_.size() + 16);
  tk_.reserve(t_.size() / 5 + 8);
  size_t i = 0;
  bool sp = true, nl = true;
  while (i < t_.size()) {
    int len;
    uint32_t cp = DecodeCp(t_, i, &len);
    if (IsSpaceCp(cp)) {
      sp = true;
      if (cp == '\n') nl = true;
      i += len;
      continue;
    }
    Tok t;
    t.b = static_cast<uint32_t>(i);
    t.sp = sp;
    t.nl = nl;
    sp = nl = false;
    if (t_[i] >= '0' && t_[i] <= '9') {
      size_t j = i;
      int64_t v = 0;
      int nd = 0;
      while (j < t_.size() && t_[j] >= '0' && t_[j] <= '9') {
        if (nd < 12) v = v * 10 + (t_[j] - '0');
        ++nd;
        ++j;
      }
      t.e = static_cast<uint32_t>(j);
      t.v = v;
      t.nd = static_cast<uint8_t>(std::min(nd, 255));
      i = j;
    } else if (cp >= 0x660 && cp <= 0x669) {  // Arabic-Indic digits
      size_t j = i;
      int64_t v = 0;
      int nd = 0;
      while (j < t_.size()) {
        int l2;
        uint32_t c2 = DecodeCp(t_, j, &l2);
        if (c2 < 0x660 || c2 > 0x669) break;
        if (nd < 12) v = v * 10 + (c2 - 0x660);
        ++nd;
        j += l2;
      }
      t.e = static_cast<uint32_t>(j);
      t.v = v;
      t.nd = static_cast<uint8_t>(std::min(nd, 255));
      i = j;
    } else if (IsPunctCp(cp)) {
      t.e = static_cast<uint32_t>(i + len);
      t.p = cp < 0x80 ? static_cast<char>(cp) : (cp == 0x2013 || cp == 0x2014 || cp == 0x2010 || cp == 0x2011) ? '-'
                                                : (cp == 0x2019 || cp == 0x2018)                                 ? '\''
                                                                                                                 : 1;
      i += len;
    } else {
      size_t j = i;
      while (j < t_.size()) {
        int l2;
        uint32_t c2 = DecodeCp(t_, j, &l2);
        if (IsSpaceCp(c2) || IsPunctCp(c2) || (c2 >= '0' && c2 <= '9') || (c2 >= 0x660 && c2 <= 0x669)) break;
        j += l2;
      }
      t.e = static_cast<uint32_t>(j);
      t.cap = (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE);
      t.fb = static_cast<uint32_t>(fold_.size());
      extract::FoldWord(t_.substr(i, j - i), &fold_);
      t.fl = static_cast<uint32_t>(fold_.size() - t.fb);
      i = j;
    }
    if (i <= t.b) {  // malformed input: always make progress
      i = t.b + len;
      t.e = static_cast<uint32_t>(i);
    }
    tk_.push_back(t);
  }
  // Lexicon lookup; join word-word / word'word pairs that are one lexicon word
  // (avant-hier, aujourd'hui, week-end, apres-midi).
  std::vector<Tok> out;
  out.reserve(tk_.size());
  for (size_t k = 0; k < tk_.size(); ++k) {
    Tok t = tk_[k];
    if (t.fl > 0) {
      if (k + 2 < tk_.size() && (tk_[k + 1].p == '-' || tk_[k + 1].p == '\'') && !tk_[k + 1].sp &&
          !tk_[k + 2].sp && tk_[k + 2].fl > 0) {
        std::string j(std::string_view(fold_).substr(t.fb, t.fl));
        j += tk_[k + 1].p;
        j.append(std::string_view(fold_).substr(tk_[k + 2].fb, tk_[k + 2].fl));
        if (const LexInfo* x = extract::Lookup(j)) {
          t.lex = x;
          t.fb = static_cast<uint32_t>(fold_.size());
          fold_ += j;
          t.fl = static_cast<uint32_t>(j.size());
          t.e = tk_[k + 2].e;
          out.push_back(t);
          k += 2;
          continue;
        }
      }
      t.lex = extract::Lookup(std::string_view(fold_).substr(t.fb, t.fl));
    }
    out.push_back(t);
  }
  tk_.swap(out);
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
        // Not after an abbreviation (Jan., Mr., single letters).
        bool abbrev = i >= 2 && tk_[i - 2].fl > 0 && (tk_[i - 2].fl <= 2 || Is(i - 2, extract::kMonth));
        if (!abbrev) ++s;
      }
    }
    t.sent = s;
  }
}

bool EndsWith(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}
bool StartsWith(std::string_view s, std::string_view pre) { return s.size() >= pre.size() && s.substr(0, pre.size()) == pre; }

void Tagger::TenseCues() {
  for (int i = 0; i < N(); ++i) {
    Tok& t = tk_[i];
    if (t.fl == 0) continue;
    std::string_view f = F(i);
    std::string_view raw = t_.substr(t.b, t.e - t.b);
    if (Is(i, extract::kFutAux)) {
      t.cue = 1;
      continue;
    }
    if (Is(i, extract::kPastAux)) {
      t.cue = -1;
      continue;
    }
    if (Is(i, extract::kPerfAux)) {
      // Perfect: auxiliary followed by a participle within a few words.
      for (int k = i + 1; k < std::min(N(), i + 8) && tk_[k].sent == t.sent; ++k) {
        if (tk_[k].fl == 0) continue;
        std::string_view g = F(k);
        std::string_view graw = t_.substr(tk_[k].b, tk_[k].e - tk_[k].b);
        bool part = false;
        if (lm_ & extract::kEN) part = g.size() >= 4 && (EndsWith(g, "ed") || EndsWith(g, "en") || Is(k, extract::kPastAux));
        if (lm_ & (extract::kNL | extract::kDE))
          part = part || (g.size() >= 5 && g.find("ge") != std::string_view::npos && g.find("ge") + 2 < g.size() &&
                          (EndsWith(g, "d") || EndsWith(g, "t") || EndsWith(g, "en")));
        if (lm_ & extract::kFR)
          part = part || (g.size() >= 3 && (EndsWith(graw, "é") || EndsWith(graw, "ée") || EndsWith(graw, "és") ||
                                            EndsWith(graw, "ées") || EndsWith(g, "it") || EndsWith(g, "is") || EndsWith(g, "u")));
        if (lm_ & (extract::kES | extract::kIT))
          part = part || (g.size() >= 4 && (EndsWith(g, "ado") || EndsWith(g, "ido") || EndsWith(g, "ato") ||
                                            EndsWith(g, "ito") || EndsWith(g, "uto") || EndsWith(g, "ata") || EndsWith(g, "ati")));
        if (part) {
          t.cue = -1;
          break;
        }
      }
      continue;
    }
    if (t.cap && i > 0 && tk_[i - 1].sent == t.sent && !(tk_[i - 1].p == '.' || tk_[i - 1].p == '"')) continue;
    if (lm_ & extract::kEN) {
      if (f.size() >= 5 && EndsWith(f, "ed") && !t.cap) t.cue = -1;
      if (f == "going" && i + 1 < N() && W(i + 1, "to")) t.cue = 1;
    }
    if ((lm_ & extract::kNL) && lm_ != extract::kAllLangs) {
      if (f.size() >= 5 && (EndsWith(f, "te") || EndsWith(f, "de") || EndsWith(f, "ten") || EndsWith(f, "den")) &&
          !EndsWith(f, "ende") && !EndsWith(f, "ste") && !EndsWith(f, "ijde") && !EndsWith(f, "heden") &&
          !EndsWith(f, "ente") && !EndsWith(f, "erde") && !EndsWith(f, "mde") && !t.cap) {
        char before = f[f.size() - (EndsWith(f, "n") ? 4 : 3)];
        if (!std::strchr("aeiouy", before) || EndsWith(f, "ette") || EndsWith(f, "dde") || EndsWith(f, "tte"))
          t.cue = -1;
      }
      if (f == "gaat" || f == "gaan") t.cue = 1;
    }
    if ((lm_ & extract::kDE) && lm_ != extract::kAllLangs) {
      if (!t.cap && f.size() >= 5 && (EndsWith(f, "te") || EndsWith(f, "ten")) && !EndsWith(f, "ste") &&
          !EndsWith(f, "sten") && !EndsWith(f, "ente"))
        t.cue = -1;
    }
    if ((lm_ & extract::kFR) && lm_ != extract::kAllLangs) {
      if (f.size() >= 6 && (EndsWith(f, "era") || EndsWith(f, "eront") || EndsWith(f, "ira") || EndsWith(f, "iront")))
        t.cue = 1;
    }
    if ((lm_ & extract::kES) && lm_ != extract::kAllLangs) {
      if (raw.size() >= 4 && EndsWith(raw, "ó")) t.cue = -1;
      if (f.size() >= 5 && (EndsWith(f, "aron") || EndsWith(f, "ieron") || EndsWith(f, "aba") || EndsWith(f, "aban")))
        t.cue = -1;
      if (raw.size() >= 4 && (EndsWith(raw, "rá") || EndsWith(raw, "rán"))) t.cue = 1;
      if ((f == "va" || f == "van") && W(i + 1, "a")) t.cue = 1;
    }
    if ((lm_ & extract::kIT) && lm_ != extract::kAllLangs) {
      if (raw.size() >= 4 && EndsWith(raw, "ò")) t.cue = -1;
      if (f.size() >= 5 && (EndsWith(f, "arono") || EndsWith(f, "irono") || EndsWith(f, "ava") || EndsWith(f, "avano")))
        t.cue = -1;
      if ((raw.size() >= 4 && EndsWith(raw, "rà")) || (f.size() >= 6 && EndsWith(f, "ranno"))) t.cue = 1;
    }
  }
}

// -1 past, +1 future, 0 unknown; nearest cue in the sentence wins.
int Tagger::Tense(int tok) const {
  int s = tk_[tok].sent;
  for (int dist = 1; dist < 40; ++dist) {
    int a = tok - dist, b = tok + dist;
    bool in_a = a >= 0 && tk_[a].sent == s, in_b = b < N() && tk_[b].sent == s;
    if (!in_a && !in_b) break;
    int ca = in_a ? tk_[a].cue : 0, cb = in_b ? tk_[b].cue : 0;
    if (ca == -1 || cb == -1) return (ca == 1 || cb == 1) ? ca + cb == 0 ? -1 : (ca ? ca : cb) : -1;
    if (ca == 1 || cb == 1) return 1;
  }
  return 0;
}

// ----------------------------------------------------------------- matchers --

// Day of month: "14", "14.", "14th", "1er", "1º".
int Tagger::MatchDay(int i, int* d) {
  if (!Num(i, 1, 31, d) || tk_[i].nd > 2) return -1;
  int j = i + 1;
  if (j < N() && Tight(j) && tk_[j].fl > 0) {
    std::string_view s = F(j);
    if (s == "st" || s == "nd" || s == "rd" || s == "th" || s == "er" || s == "e" || s == "de") return j + 1;
    if (s == "o" || s == "a") return j + 1;
  }
  if (j < N() && Tight(j) && (tk_[j].p == 1) && t_.substr(tk_[j].b, tk_[j].e - tk_[j].b) == "º") return j + 1;
  if ((lm_ & extract::kDE) && P(j, '.') && Tight(j)) return j + 1;
  return j;
}

int Tagger::MatchMonth(int i, int* m) {
  int v;
  if (!Is(i, extract::kMonth, &v)) return -1;
  bool abbrev = v > 100;
  *m = abbrev ? v - 100 : v;
  int j = i + 1;
  if (abbrev && tk_[i].fl <= 5 && !W(i, "may") && P(j, '.') && Tight(j)) ++j;
  if ((lm_ & extract::kEN) && !tk_[i].cap) return -1;  // English months are capitalised ("may", "march")
  return j;
}

int Tagger::MatchYear(int i, int* y, bool loose) {
  if (i < N() && tk_[i].nd == 4 && tk_[i].v >= (loose ? 1000 : 1800) && tk_[i].v <= 2199) {
    if (i + 1 < N() && Tight(i + 1) && (P(i + 1, ',') || P(i + 1, '.')) && i + 2 < N() && tk_[i + 2].nd > 0 &&
        Tight(i + 2))
      return -1;  // 2,000.5 / 1.999
    *y = static_cast<int>(tk_[i].v);
    return i + 1;
  }
  // '19 -> 2019 only in loose contexts
  if (loose && P(i, '\'') && i + 1 < N() && tk_[i + 1].nd == 2 && Tight(i + 1)) {
    int v = static_cast<int>(tk_[i + 1].v);
    *y = v < 50 ? 2000 + v : 1900 + v;
    return i + 2;
  }
  return -1;
}

// 2019-04-06, 06.04.2019, 6/4/2019, 04/06/19 (US order in English).
int Tagger::MatchNumericDate(int i, Cand* c) {
  if (i >= N() || tk_[i].nd == 0) return -1;
  if (i + 4 < N() && Tight(i + 1) && Tight(i + 2) && Tight(i + 3) && Tight(i + 4)) {
    char s1 = tk_[i + 1].p, s2 = tk_[i + 3].p;
    if (s1 && s1 == s2 && (s1 == '-' || s1 == '/' || s1 == '.') && tk_[i + 2].nd && tk_[i + 4].nd) {
      int a = static_cast<int>(tk_[i].v), b = static_cast<int>(tk_[i + 2].v), cc = static_cast<int>(tk_[i + 4].v);
      int y = -1, m = 0, d = 0;
      if (tk_[i].nd == 4 && tk_[i + 2].nd <= 2 && tk_[i + 4].nd <= 2) {
        y = a, m = b, d = cc;
      } else if (tk_[i].nd <= 2 && tk_[i + 2].nd <= 2 && (tk_[i + 4].nd == 4 || tk_[i + 4].nd == 2)) {
        y = tk_[i + 4].nd == 4 ? cc : (cc < 50 ? 2000 + cc : 1900 + cc);
        bool us = (lm_ == extract::kEN) && s1 == '/';
        if (us && a <= 12) m = a, d = b;
        else if (b <= 12) d = a, m = b;
        else if (a <= 12) m = a, d = b;
      }
      if (y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= MonthDays(y, m)) {
        // Not part of a longer number chain (1.2.3.4, version numbers).
        if (i + 6 < N() && Tight(i + 5) && tk_[i + 5].p == s1 && tk_[i + 6].nd && Tight(i + 6)) return -1;
        c->kind = kAbs;
        c->y = y, c->m = m, c->d = d;
        c->rule = "numeric-date";
        return i + 5;
      }
    }
  }
  // 2019-04
  if (tk_[i].nd == 4 && i + 2 < N() && P(i + 1, '-') && Tight(i + 1) && Tight(i + 2) && tk_[i + 2].nd == 2 &&
      tk_[i + 2].v >= 1 && tk_[i + 2].v <= 12 && tk_[i].v >= 1800 && tk_[i].v <= 2199 &&
      !(i + 3 < N() && Tight(i + 3) && (tk_[i + 3].nd || tk_[i + 3].p == '-'))) {
    c->kind = kAbs;
    c->y = static_cast<int>(tk_[i].v);
    c->m = static_cast<int>(tk_[i + 2].v);
    c->rule = "numeric-month";
    return i + 3;
  }
  return -1;
}

// [weekday[,]] D [tot en met|-|to|bis|au|al D] [de|of] MONTH [[de|,] YEAR]
int Tagger::MatchDayMonth(int i, Cand* c) {
  int j = i, wd = 0;
  if (Is(j, extract::kWeekday, &wd)) {
    ++j;
    if (P(j, ',')) ++j;
    if (W(j, "le") || W(j, "el") || W(j, "il") || W(j, "den") || W(j, "the")) ++j;
  }
  int d1;
  int k = MatchDay(j, &d1);
  if (k < 0) return -1;
  int d2 = 0;
  // range "14 tot en met 16", "14-16", "14 to 16", "14 au 16", "14 bis 16.", "14 y 16"
  {
    int r = k;
    bool conn = false;
    if (P(r, '-') || P(r, '/')) ++r, conn = true;
    else if (W(r, "tot") && W(r + 1, "en") && W(r + 2, "met")) r += 3, conn = true;
    else if (W(r, "t") && P(r + 1, '/') && W(r + 2, "m")) r += 3, conn = true;
    else if (Is(r, extract::kRangeTo)) ++r, conn = true;
    int dd;
    int r2 = conn ? MatchDay(r, &dd) : -1;
    if (r2 > 0 && dd > d1) {
      int m;
      int a = r2;
      if (W(a, "de") || W(a, "of") || W(a, "di")) ++a;
      if (MatchMonth(a, &m) > 0) d2 = dd, k = r2;
    }
  }
  if (W(k, "de") || W(k, "of") || W(k, "di")) ++k;
  int m;
  int k2 = MatchMonth(k, &m);
  if (k2 < 0) return -1;
  // "may" needs care even capitalised: "14 May" is fine.
  if (d1 > MonthDays(2000, m)) return -1;
  c->kind = kAbs;
  c->d = d1;
  c->m = m;
  c->d2 = d2;
  c->wd = wd;
  int e = k2;
  int a = e;
  if (P(a, ',')) ++a;
  if (W(a, "de") || W(a, "del")) ++a;
  int y;
  int b = MatchYear(a, &y, true);
  if (b > 0) c->y = y, e = b;
  c->rule = d2 ? "day-range-month" : "day-month";
  c->i0 = i;
  return e;
}

// [weekday[,]] MONTH D[st] [- D] [, YEAR]  |  MONTH YEAR  |  MONTH
int Tagger::MatchMonthDay(int i, Cand* c) {
  int j = i, wd = 0;
  if (Is(j, extract::kWeekday, &wd)) {
    ++j;
    if (P(j, ',')) ++j;
  }
  int m;
  int k = MatchMonth(j, &m);
  if (k < 0) return -1;
  c->kind = kAbs;
  c->m = m;
  c->wd = wd;
  int d;
  int k2 = (lm_ & (extract::kEN | extract::kAR)) ? MatchDay(k, &d) : -1;
  if (k2 > 0 && !(k2 < N() && tk_[k2].nd == 0 && Is(k2, extract::kUnit)) && !(P(k2, ':') || (P(k2, '.') && tk_[k2 + 1 < N() ? k2 + 1 : k2].nd))) {
    if (d > MonthDays(2000, m)) return -1;
    c->d = d;
    k = k2;
    // range "April 14-16"
    int dd;
    if ((P(k, '-') || W(k, "to") || W(k, "through")) && MatchDay(k + 1, &dd) > 0 && dd > d &&
        !(k + 2 < N() && P(k + 2, ':'))) {
      c->d2 = dd;
      k = MatchDay(k + 1, &dd);
    }
    int a = k;
    if (P(a, ',')) ++a;
    int y;
    int b = MatchYear(a, &y, true);
    if (b > 0) c->y = y, k = b;
    c->rule = c->d2 ? "month-day-range" : "month-day";
    return k;
  }
  if (wd) return -1;
  // MONTH last year / this year
  {
    int off = 0;
    int uu = 0;
    if ((Is(k, extract::kLast) && (off = -1)) || (Is(k, extract::kNext) && (off = 1)) || Is(k, extract::kThis)) {
      if (Is(k + 1, extract::kUnit, &uu) && uu == extract::kUYear) {
        c->unit = extract::kUYear;
        c->off = off;
        c->rule = "month-rel-year";
        return k + 2;
      }
    }
  }
  // MONTH [de|of|,] YEAR
  int a = k;
  if (W(a, "de") || W(a, "del") || W(a, "of") || P(a, ',')) ++a;
  int y;
  int b = MatchYear(a, &y, true);
  if (b > 0) {
    c->y = y;
    c->rule = "month-year";
    return b;
  }
  // Bare month: "may"/"mar"/"sept" abbreviations alone are too ambiguous.
  int v = 0;
  Is(j, extract::kMonth, &v);
  if (v > 100 && !(lm_ != extract::kEN && v == 105)) return -1;
  if (m == 5 && (lm_ & extract::kEN)) {  // "May" alone: only after a preposition
    if (!(W(j - 1, "in") || W(j - 1, "of") || W(j - 1, "since") || W(j - 1, "until") || W(j - 1, "last") ||
          W(j - 1, "next") || W(j - 1, "early") || W(j - 1, "late") || W(j - 1, "mid") || W(j - 1, "by")))
      return -1;
  }
  if (lm_ == extract::kFR && m == 5 && false) return -1;
  c->rule = "month";
  return k;
}

// N UNIT / N-UNIT ("five-year"); *adj when hyphenated adjective.
int Tagger::MatchNumberUnit(int i, int* n, int* unit, bool* adj) {
  int j = i;
  *adj = false;
  int v;
  if (i < N() && tk_[i].nd > 0 && tk_[i].nd <= 4 && !(i > 0 && Tight(i) && (P(i - 1, '.') || P(i - 1, ','))) ) {
    if (Tight(i + 1) && (P(i + 1, '.') || P(i + 1, ',')) && i + 2 < N() && tk_[i + 2].nd && Tight(i + 2)) {
      return -1;  // 1.5 years: skip decimals
    }
    *n = static_cast<int>(tk_[i].v);
    j = i + 1;
  } else if (Is(i, extract::kTens, &v)) {
    *n = v;
    j = i + 1;
    int u;
    if ((P(j, '-') && Is(j + 1, extract::kNum, &u) && u < 10)) *n += u, j += 2;
    else if (Is(j, extract::kNum, &u) && u < 10) *n += u, j += 1;
  } else if (Is(i, extract::kNum, &v)) {
    *n = v;
    j = i + 1;
    if (v == 1 && (W(i, "a") || W(i, "an")) && Is(j, extract::kFew)) ++j, *n = -1;  // a few
  } else if (Is(i, extract::kFew)) {
    *n = -1;
    j = i + 1;
    if (W(j, "of")) ++j;
  } else {
    return -1;
  }
  if (P(j, '-') && Tight(j) && Tight(j + 1)) {
    if (Is(j + 1, extract::kUnit, unit)) {
      *adj = true;
      // ages: "42-year-old", "42-jarige"
      if (P(j + 2, '-') && W(j + 3, "old")) return -1;
      return j + 2;
    }
    std::string_view s = j + 1 < N() ? F(j + 1) : std::string_view();
    if (StartsWith(s, "jarig") || StartsWith(s, "jahrig") || StartsWith(s, "jaehrig")) return -1;
    return -1;
  }
  if (!Is(j, extract::kUnit, unit)) return -1;
  return j + 1;
}

int Tagger::MatchTime(int i, int* hh, int* mi, bool* strong) {
  int h, m = 0;
  *strong = false;
  if (Is(i, extract::kNoon, &h)) {
    *hh = h, *mi = 0, *strong = true;
    return i + 1;
  }
  if (!Num(i, 0, 24, &h) || tk_[i].nd > 2) return -1;
  int j = i + 1;
  bool colon = false;
  if ((P(j, ':') || P(j, '.') || W(j, "h")) && Tight(j) && j + 1 < N() && tk_[j + 1].nd == 2 && Tight(j + 1) &&
      tk_[j + 1].v < 60) {
    if (P(j, '.') && !(lm_ & (extract::kNL | extract::kDE | extract::kIT | extract::kFR | extract::kES))) return -1;
    m = static_cast<int>(tk_[j + 1].v);
    j += 2;
    colon = true;
  }
  int ap;
  if (Is(j, extract::kAmPm, &ap) || (W(j, "a") || W(j, "p"))) {
    bool pm = W(j, "pm") || W(j, "p");
    if (W(j, "a") || W(j, "p")) {
      if (!(P(j + 1, '.') && W(j + 2, "m"))) return colon ? (*hh = h, *mi = m, *strong = false, j) : -1;
      j += 3;
      if (P(j, '.') && Tight(j)) ++j;
    } else {
      ++j;
    }
    if (h > 12) return -1;
    *hh = pm ? (h % 12) + 12 : h % 12;
    *mi = m;
    *strong = true;
    return j;
  }
  if (Is(j, extract::kHourWord)) {
    *hh = h, *mi = m, *strong = true;
    return j + 1;
  }
  if (W(j - 2, "h") && colon) {  // 15h30
    *hh = h, *mi = m, *strong = true;
    return j;
  }
  if (colon && P(j - 2, ':')) {
    *hh = h, *mi = m, *strong = false;
    return j;
  }
  return -1;
}

// Relative expressions with last/next/this, ago, in.
int Tagger::MatchRelative(int i, Cand* c) {
  int v = 0, u = 0;
  int j = i;
  // es: "el pasado lunes", "la próxima semana"
  int dir = 2;
  if (Is(j, extract::kLast)) dir = -1;
  else if (Is(j, extract::kNext)) dir = 1;
  else if (Is(j, extract::kThis)) dir = 0;
  if (dir != 2 && !(W(j, "de") && false)) {
    int k = j + 1;
    // nl "afgelopen" / en "last": weekday, unit, month, season
    if (Is(k, extract::kWeekday, &v)) {
      c->kind = kWday, c->wd = v, c->dir = dir == 0 ? 2 : dir;
      c->rule = "rel-weekday";
      int e = k + 1;
      int p;
      if (Is(e, extract::kPod, &p)) c->pod = p, ++e;
      return e;
    }
    if (Is(k, extract::kUnit, &u) && u >= extract::kUDay) {
      if (W(j, "past") || (W(j - 1, "the") && W(j, "last") && u != extract::kUDecade)) {
        c->kind = kDuration, c->n = 1, c->unit = u;
        c->rule = "the-past-unit";
        return k + 1;
      }
      if (u == extract::kUDay) return -1;
      c->kind = kRelUnit, c->unit = u, c->off = dir;
      c->rule = "rel-unit";
      return k + 1;
    }
    int m;
    if (MatchMonth(k, &m) > 0 && !(v > 100)) {
      c->kind = kAbs, c->m = m, c->dir = dir == 0 ? 0 : dir;
      c->no_year_guess = dir == 0;
      c->rule = "rel-month";
      return MatchMonth(k, &m);
    }
    if (Is(k, extract::kSeason, &v)) {
      c->kind = kSeasonK, c->season = v, c->dir = dir;
      c->rule = "rel-season";
      return k + 1;
    }
    int p;
    if (dir == 0 && Is(k, extract::kPod, &p)) {  // this morning, ce matin, esta noche
      c->kind = kRelDayK, c->off = 0, c->pod = p;
      c->rule = "this-pod";
      return k + 1;
    }
  }
  // Postposed: "vendredi dernier", "la semaine prochaine", "el lunes pasado", "venerdì scorso", "l'an dernier"
  if ((lm_ & (extract::kFR | extract::kES | extract::kIT | extract::kAR)) && lm_ != extract::kAllLangs) {
    int k = j;
    if (Is(k, extract::kWeekday, &v) || Is(k, extract::kUnit, &u) || Is(k, extract::kSeason, &v)) {
      int d2 = 0;
      int e = k + 1;
      int w2;
      if (Is(e, extract::kLast)) d2 = -1;
      else if (Is(e, extract::kNext)) d2 = 1;
      else if (W(e, "que") && W(e + 1, "viene")) d2 = 1, ++e;
      if (d2 != 0 && !(W(e, "a") && false)) {
        if (Is(k, extract::kWeekday, &w2)) {
          c->kind = kWday, c->wd = w2, c->dir = d2;
          c->rule = "weekday-rel";
        } else if (Is(k, extract::kUnit, &u) && u >= extract::kUWeek) {
          c->kind = kRelUnit, c->unit = u, c->off = d2;
          c->rule = "unit-rel";
        } else if (Is(k, extract::kSeason, &w2)) {
          c->kind = kSeasonK, c->season = w2, c->dir = d2;
          c->rule = "season-rel";
        } else {
          return -1;
        }
        return e + 1;
      }
      // "ce mois-ci", "cette semaine"
    }
  }
  return -1;
}

int Tagger::MatchCore(int i, Cand* c) {
  int best = -1;
  if (i < 0 || i >= N()) return -1;
  Cand bc;
  auto take = [&](int e, const Cand& x) {
    if (e > best) {
      best = e, bc = x;
      if (bc.i0 < 0) bc.i0 = i;
    }
  };
  int v = 0, u = 0;
  {
    Cand x;
    int e = MatchNumericDate(i, &x);
    if (e > 0) take(e, x);
  }
  {
    Cand x;
    int e = MatchDayMonth(i, &x);
    if (e > 0) take(e, x);
  }
  {
    Cand x;
    int e = MatchMonthDay(i, &x);
    if (e > 0) take(e, x);
  }
  {
    Cand x;
    int e = MatchRelative(i, &x);
    if (e > 0) take(e, x);
  }
  // Weekday [pod] / nl-de compounds (donderdagavond, Donnerstagabend)
  if (Is(i, extract::kWeekday, &v)) {
    Cand x;
    x.kind = kWday, x.wd = v;
    x.rule = "weekday";
    int e = i + 1;
    int p;
    if (Is(e, extract::kPod, &p)) x.pod = p, ++e;
    else if ((W(e, "por") || W(e, "in") || W(e, "au")) && W(e + 1, "la") && Is(e + 2, extract::kPod, &p)) x.pod = p, e += 3;
    take(e, x);
  } else if (tk_[i].fl > 6 && (lm_ & (extract::kNL | extract::kDE))) {
    std::string_view f = F(i);
    static const char* const kWd[2][7] = {
        {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"},
        {"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"}};
    for (int l = 0; l < 2 && best < 0; ++l) {
      if (!(lm_ & (l == 0 ? extract::kNL : extract::kDE))) continue;
      for (int w = 0; w < 7; ++w) {
        if (StartsWith(f, kWd[l][w]) && f.size() > std::strlen(kWd[l][w])) {
          std::string_view rest = f.substr(std::strlen(kWd[l][w]));
          int p = 0;
          if (rest == "ochtend" || rest == "morgen" || rest == "vormittag" || rest == "fruh") p = 1;
          else if (rest == "middag" || rest == "mittag" || rest == "nachmittag") p = 2;
          else if (rest == "avond" || rest == "abend") p = 3;
          else if (rest == "nacht") p = 4;
          if (p) {
            Cand x;
            x.kind = kWday, x.wd = w + 1, x.pod = p;
            x.rule = "weekday-compound";
            take(i + 1, x);
          }
          break;
        }
      }
    }
  }
  // Relative day [pod]
  if (Is(i, extract::kRelDay, &v)) {
    bool ok = true;
    // "morgen" in de = tomorrow only lower-case; nl "morgen" ok; es "mañana" after article = morning
    if (W(i, "manana") && (W(i - 1, "la") || W(i - 1, "esta") || W(i - 1, "una"))) ok = false;
    if (W(i, "morgen") && (lm_ & extract::kDE) && tk_[i].cap && i > 0 && !tk_[i].nl && !P(i - 1, '.')) ok = false;
    if (W(i, "hier") && (lm_ & extract::kNL)) ok = false;
    if (ok) {
      Cand x;
      x.kind = kRelDayK, x.off = v;
      x.rule = "relative-day";
      int e = i + 1;
      int p;
      if (Is(e, extract::kPod, &p) && !(W(e, "morgen") && v == 1)) x.pod = p, ++e;
      else if ((W(e, "por") || W(e, "in")) && W(e + 1, "la") && Is(e + 2, extract::kPod, &p)) x.pod = p, e += 3;
      else if ((W(e, "a") || W(e, "in") || W(e, "di") || W(e, "am")) && Is(e + 1, extract::kPod, &p)) x.pod = p, e += 2;
      take(e, x);
    }
  }
  if (Is(i, extract::kRelDayPod, &v)) {
    Cand x;
    x.kind = kRelDayK, x.off = v / 10 - 5, x.pod = v % 10;
    x.rule = "relative-day-pod";
    take(i + 1, x);
  }
  // Number + unit (+ ago) / preposed ago / in N units
  {
    int j = i;
    int pre = 0;
    if (Is(j, extract::kAgoPre)) pre = -1, ++j;
    else if (W(j, "il") && W(j + 1, "y") && W(j + 2, "a")) pre = -1, j += 3;
    else if (Is(j, extract::kInPre) && !Is(j, extract::kPrep)) pre = 1, ++j;
    if (pre == 1 && W(j, "de")) ++j;  // dentro de
    int n, unit;
    bool adj;
    int e = MatchNumberUnit(j, &n, &unit, &adj);
    if (e > 0 && n >= 1000) e = -1;
    if (e > 0 && pre == 1 && lm_ == extract::kEN) {
      pre = 0;  // TimeML: "in two weeks" is the duration "two weeks"
      i = j;
    }
    if (e > 0) {
      int post = 0;
      if (!adj && Is(e, extract::kAgo, &v)) post = v;
      Cand x;
      bool age = Is(e, extract::kAgeWord) || (W(e, "de") && W(e + 1, "edad")) ||
                 (W(i - 1, "aged") || W(i - 1, "age")) || (W(i - 2, "age") && W(i - 1, "of")) ||
                 (W(i - 2, "agee") && W(i - 1, "de")) || (W(i - 2, "age") && W(i - 1, "de")) ||
                 (W(i - 1, "de") && (lm_ & (extract::kFR | extract::kES)) && lm_ != extract::kAllLangs &&
                  unit == extract::kUYear && !W(i - 2, "plus") && !W(i - 2, "mas") && !W(i - 2, "moins") &&
                  !W(i - 2, "menos") && !W(i - 2, "cerca")) ||
                 (W(i - 1, "di") && unit == extract::kUYear && (lm_ == extract::kIT)) ||
                 (W(i - 1, "mit") && unit == extract::kUYear && (lm_ == extract::kDE)) ||
                 (W(i - 1, "van") && unit == extract::kUYear && (lm_ == extract::kNL) && !W(e, "geleden"));
      if (age && pre == 0 && post == 0) {
        // not a date: an age
      } else if (pre == -1 || post == -1 || (pre == 1 && pre != 0) || post == 1) {
        x.kind = kRelUnit, x.unit = unit, x.off = (pre ? pre : post) * (n < 0 ? 1 : n);
        if (n < 0) x.n = -1;
        x.rule = pre ? "prep-n-units" : "n-units-ago";
        int s = pre == 1 ? j : i;
        if (pre == 1) {
          // "in two weeks": the expression is "two weeks" (TimeML), but date value
          x.i0 = s;
        }
        if (n > 0 || post != 0 || pre == -1) take(post ? e + 1 : e, x);
      } else if (!age) {
        x.kind = kDuration, x.n = n, x.unit = unit;
        x.rule = adj ? "n-unit-adj" : "n-units";
        take(e, x);
      }
    }
  }
  // "a year earlier" handled above via kAgo (earlier/later).
  // Seasons: [in] SEASON [YEAR]
  if (Is(i, extract::kSeason, &v)) {
    bool ok = true;
    if (lm_ & extract::kFR && v == 2) ok = W(i - 1, "l") || W(i - 1, "cet") || W(i - 1, "en") || W(i - 1, "d");
    if ((lm_ & extract::kEN) && v == 3 && W(i, "fall")) ok = W(i - 1, "the") || W(i - 1, "this") || W(i - 1, "last") || W(i - 1, "next");
    if (ok) {
      Cand x;
      x.kind = kSeasonK, x.season = v;
      x.rule = "season";
      int e = i + 1;
      int y;
      int a = e;
      if (W(a, "of") || W(a, "de") || W(a, "del") || W(a, "di") || W(a, "van")) ++a;
      int b = MatchYear(a, &y, true);
      if (b > 0) x.y = y, e = b;
      take(e, x);
    }
  }
  // Quarters: "third quarter", "third-quarter", "het eerste kwartaal", "Q3", "first half"
  {
    int j = i;
    int q = 0;
    if (Is(j, extract::kFiscal)) ++j;
    if (Is(j, extract::kOrd, &q) && q >= 1 && q <= 4) {
      int k = j + 1;
      if (P(k, '-') && Tight(k)) ++k;
      if (Is(k, extract::kUnit, &u) && (u == extract::kUQuarter) && !W(k, "quarters")) {
        Cand x;
        x.kind = kQuarterK, x.q = q;
        x.rule = "ordinal-quarter";
        int e = k + 1;
        int a = e;
        if (W(a, "of") || W(a, "de") || W(a, "van") || W(a, "des") || W(a, "del")) ++a;
        int y;
        int b = MatchYear(a, &y, true);
        if (b > 0) x.y = y, e = b;
        take(e, x);
      } else if (W(k, "half") && q <= 2) {
        Cand x;
        x.kind = kQuarterK, x.h = q;
        x.rule = "ordinal-half";
        int e = k + 1;
        int a = e;
        if (W(a, "of")) ++a;
        int y;
        int b = MatchYear(a, &y, true);
        if (b > 0) x.y = y, e = b;
        take(e, x);
      }
    }
    if (tk_[i].fl == 1 && F(i) == "q" && tk_[i].cap && i + 1 < N() && Tight(i + 1) && Num(i + 1, 1, 4, &q)) {
      Cand x;
      x.kind = kQuarterK, x.q = q;
      x.rule = "Qn";
      take(i + 2, x);
    }
    if ((W(i, "the") || W(i, "het")) && (Is(i + 1, extract::kUnit, &u) && u == extract::kUQuarter && !W(i + 1, "quarters"))) {
      Cand x;
      x.kind = kQuarterK, x.q = -1;
      x.rule = "the-quarter";
      take(i + 2, x);
    }
    if (W(i, "the") && W(i + 1, "latest") && Is(i + 2, extract::kUnit, &u) && u == extract::kUQuarter) {
      Cand x;
      x.kind = kQuarterK, x.q = -1;
      x.rule = "the-latest-quarter";
      take(i + 3, x);
    }
  }
  // Decades: 1990s, '90s, the nineties, de jaren negentig, jaren '90, les années 90, los años noventa, anni '90
  {
    int y;
    if (tk_[i].nd == 4 && tk_[i].v % 10 == 0 && tk_[i].v >= 1000 && tk_[i].v < 2200 && Tight(i + 1) && W(i + 1, "s")) {
      Cand x;
      x.kind = kDecadeK, x.y = static_cast<int>(tk_[i].v);
      x.rule = "decade";
      take(i + 2, x);
    }
    if (P(i, '\'') && i + 2 < N() && tk_[i + 1].nd == 2 && tk_[i + 1].v % 10 == 0 && Tight(i + 1) && W(i + 2, "s")) {
      Cand x;
      x.kind = kDecadeK, x.y = 1900 + static_cast<int>(tk_[i + 1].v);
      x.rule = "decade-short";
      take(i + 3, x);
    }
    if (Is(i, extract::kDecadeWord)) {
      int j = i + 1;
      if (P(j, '\'')) ++j;
      int dv = -1;
      if (j < N() && (tk_[j].nd == 2 || tk_[j].nd == 4) && tk_[j].v % 10 == 0) dv = static_cast<int>(tk_[j].v % 100);
      else if (Is(j, extract::kTens, &v)) dv = v;
      if (dv >= 0) {
        y = tk_[j].nd == 4 ? static_cast<int>(tk_[j].v) : (dv <= 20 ? 2000 + dv : 1900 + dv);
        Cand x;
        x.kind = kDecadeK, x.y = y;
        x.rule = "decade-words";
        take(j + 1, x);
      }
    }
  }
  // Centuries: "the 20th century", "de 20e eeuw", "de twintigste eeuw"
  {
    int n = 0, j = i;
    if (Num(j, 1, 21, &n) && Tight(j + 1) && (W(j + 1, "th") || W(j + 1, "st") || W(j + 1, "e") || W(j + 1, "eme") || W(j + 1, "ste")))
      j += 2;
    else if (Num(j, 1, 21, &n) && P(j + 1, '.') && (lm_ & extract::kDE))
      j += 2;
    else if (Is(j, extract::kOrd, &n) && n >= 19)
      j += 1;
    else
      n = 0;
    if (n && Is(j, extract::kUnit, &u) && u == extract::kUCentury) {
      Cand x;
      x.kind = kCenturyK, x.y = n - 1;
      x.rule = "century";
      take(j + 1, x);
    }
  }
  // Years
  {
    int y;
    int e = MatchYear(i, &y, false);
    if (e > 0 && y >= 1800 && y <= 2100) {
      bool before_ok = i == 0 || tk_[i - 1].p != 0 || Is(i - 1, extract::kPrep) || Is(i - 1, extract::kArticle) ||
                       Is(i - 1, extract::kUnit) || Is(i - 1, extract::kFiscal) || tk_[i].nl || Is(i - 1, extract::kSeason) ||
                       W(i - 1, "year") || W(i - 1, "jaar") || W(i - 1, "jahr") || W(i - 1, "annee") || W(i - 1, "ano") ||
                       W(i - 1, "anno") || W(i - 1, "el") || W(i - 1, "nel") || W(i - 1, "del");
      bool after_ok = e >= N() || tk_[e].p != 0 || tk_[e].cap || Is(e, extract::kPrep) || Is(e, extract::kArticle) ||
                      Is(e, extract::kRangeTo) || W(e, "was") || W(e, "is") || W(e, "werd") || W(e, "war") ||
                      W(e, "fue") || W(e, "fu") || W(e, "had") || W(e, "when") || W(e, "toen") || W(e, "als") ||
                      W(e, "quand") || W(e, "cuando") || W(e, "quando") || W(e, "that") || W(e, "dat");
      if (P(e, '%') || P(e, '$') || P(i - 1, '$') || P(i - 1, '#') || (P(i - 1, '-') && Tight(i)) || (P(e, '-') && Tight(e) && tk_[e + 1 < N() ? e + 1 : e].nd))
        before_ok = false;
      if (W(i - 1, "page") || W(i - 1, "pagina") || W(i - 1, "seite") || W(i - 1, "p")) before_ok = false;
      bool det = W(i - 1, "a") || W(i - 1, "his") || W(i - 1, "her") || W(i - 1, "its") || W(i - 1, "their") ||
                 W(i - 1, "our") || W(i - 1, "een") || W(i - 1, "zijn") || W(i - 1, "haar") || W(i - 1, "hun");
      if (P(e, '%') || P(i - 1, '$') || (P(i - 1, '-') && Tight(i)) || W(i - 1, "page") || W(i - 1, "pagina") ||
          W(i - 1, "seite") || W(i - 1, "p") || W(i - 1, "nummer") || W(i - 1, "number") || W(i - 1, "no"))
        det = after_ok = false;
      if ((before_ok && after_ok) || (det && !P(e, '-')) || (before_ok && !Is(i - 1, extract::kArticle) && tk_[i - 1 >= 0 ? i - 1 : 0].p == 0 && !(e < N() && tk_[e].nd))) {
        Cand x;
        x.kind = kAbs, x.y = y;
        x.fiscal = Is(i - 1, extract::kFiscal);
        x.rule = "year";
        take(e, x);
      }
    }
  }
  // References
  if (Is(i, extract::kRef, &v)) {
    bool ok = true;
    if (W(i, "current") && !(Is(i + 1, extract::kUnit) || W(i + 1, "period") || W(i + 1, "levels") || W(i + 1, "level"))) ok = true;
    if (W(i, "future") || W(i, "futuro") || W(i, "toekomst") || W(i, "avenir") || W(i, "zukunft"))
      ok = (W(i - 1, "the") || W(i - 1, "de") || W(i - 1, "l") || W(i - 1, "el") || W(i - 1, "il") || W(i - 1, "der")) &&
           !(i + 1 < N() && tk_[i + 1].fl > 0 && (W(i + 1, "of") && false));
    if (W(i, "recent") && Is(i + 1, extract::kUnit)) {
      Cand x;
      x.kind = kRefK, x.ref = 1;
      x.rule = "recent-units";
      take(i + 2, x);
    }
    if (W(i, "nu") && (lm_ & extract::kNL) && lm_ != extract::kNL) ok = false;
    if (ok) {
      Cand x;
      x.kind = kRefK, x.ref = v;
      x.rule = "reference";
      int s = i;
      if (v == 2 && (W(i - 1, "the") || W(i - 1, "de") || W(i - 1, "der"))) s = i - 1;
      x.i0 = s;
      take(i + 1, x);
    }
  }
  // "the weekend": the last one in the past tense, else the coming one
  if (W(i, "the") && W(i + 1, "weekend")) {
    Cand x;
    x.kind = kRelUnit, x.unit = extract::kUWeekend, x.n = -2;
    x.rule = "the-weekend";
    take(i + 2, x);
  }
  // "year-earlier", "the year-ago quarter"
  if ((W(i, "year") || (W(i, "the") && W(i + 1, "year"))) ) {
    int k = W(i, "the") ? i + 1 : i;
    if (P(k + 1, '-') && Tight(k + 1) && (W(k + 2, "earlier") || W(k + 2, "ago"))) {
      Cand x;
      x.kind = kRelUnit, x.unit = extract::kUYear, x.off = -1;
      x.rule = "n-units-ago-adj";
      int e = k + 3;
      if (W(e, "quarter") || W(e, "period")) ++e;
      if (k == i + 1 && e == k + 3) {
        // "the year-earlier" without a noun: start at "year"
        x.i0 = k;
      }
      take(e, x);
    }
  }
  // "in the past"
  if (W(i, "the") && W(i + 1, "past") && !Is(i + 2, extract::kUnit) && !Is(i + 2, extract::kNum) && !Is(i + 2, extract::kFew) &&
      !(i + 2 < N() && tk_[i + 2].nd)) {
    Cand x;
    x.kind = kRefK, x.ref = 1;
    x.rule = "the-past";
    take(i + 2, x);
  }
  // Sets
  if (Is(i, extract::kSetAdv, &v)) {
    Cand x;
    x.kind = kSetK, x.unit = v;
    x.rule = "frequency-adverb";
    take(i + 1, x);
  }
  if (Is(i, extract::kEvery) && !W(i, "per")) {
    Cand x;
    x.kind = kSetK;
    if (Is(i + 1, extract::kUnit, &u)) x.unit = u, take(i + 2, x);
    else if (Is(i + 1, extract::kWeekday, &v)) x.wd = v, take(i + 2, x);
    x.rule = "every-unit";
    if (best > 0) bc.rule = "every-unit";
  }
  // "tous les jours", "todos los días", "alle Tage"
  if ((W(i, "tous") || W(i, "todos") || W(i, "tutti")) && (W(i + 1, "les") || W(i + 1, "los") || W(i + 1, "i")) &&
      Is(i + 2, extract::kUnit, &u)) {
    Cand x;
    x.kind = kSetK, x.unit = u;
    x.rule = "all-units";
    take(i + 3, x);
  }
  // Clock times (not in the headline unless a date comes with them)
  {
    int hh, mi;
    bool strong;
    int e = MatchTime(i, &hh, &mi, &strong);
    if (e > 0 && strong) {
      Cand x;
      x.kind = kTimeOnly, x.hh = hh, x.mi = mi;
      x.rule = "clock-time";
      take(e, x);
    }
  }
  if (best > 0) {
    if (bc.i0 < 0) bc.i0 = i;
    *c = bc;
    c->i1 = best;
  }
  return best;
}

int Tagger::Match(int i, Cand* c) {
  int v;
  // Modifiers: early/mid/late, begin/medio/eind, Anfang/Mitte/Ende, début/mi/fin, principios/mediados/finales, inizio/metà/fine
  char mod = 0;
  if (Is(i, extract::kModStart)) mod = 'S';
  else if (Is(i, extract::kModMid)) mod = 'M';
  else if (Is(i, extract::kModEnd)) mod = 'E';
  if (mod) {
    int j = i + 1;
    if (P(j, '-') && Tight(j)) ++j;
    if (W(j, "of") || W(j, "van") || W(j, "de") || W(j, "del") || W(j, "di") || W(j, "d") || W(j, "des")) ++j;
    if (P(j, '\'')) ++j;
    if (W(j, "the") || W(j, "het") || W(j, "la") || W(j, "l")) ++j;
    Cand x;
    int e = MatchCore(j, &x);
    if (e > 0 && (x.kind == kAbs || x.kind == kSeasonK || x.kind == kDecadeK || x.kind == kRelUnit || x.kind == kQuarterK) &&
        !x.d) {
      x.mod = mod;
      x.i0 = i;
      if (W(i - 1, "a") && (lm_ & (extract::kES | extract::kIT))) x.i0 = i - 1;
      *c = x;
      c->i1 = e;
      return e;
    }
    if (W(i + 1, "of") || W(i + 1, "van")) {
      // "end of the year" etc. via "the year" below
      int k = i + 2;
      if ((W(k, "the") || W(k, "het") || W(k, "dit") || W(k, "this")) && Is(k + 1, extract::kUnit, &v) && v >= extract::kUMonth) {
        Cand y;
        y.kind = kRelUnit, y.unit = v, y.off = 0, y.mod = mod;
        y.i0 = i, y.i1 = k + 2;
        y.rule = "mod-this-unit";
        *c = y;
        return k + 2;
      }
    }
  }
  Cand x;
  int e = MatchCore(i, &x);
  if (e < 0) {
    // "this year", "dit jaar", "dieses Jahr", "cette année", "este año", "quest'anno" handled in MatchRelative.
    // "the year", "the week" (English, TimeBank): DATE of the current unit when not followed by "of".
    return -1;
  }
  // Leading words of durations: "the past three months", "nearly forty years", "more than four hours"
  if (x.kind == kDuration && std::strcmp(x.rule, "n-unit-adj") != 0) {
    int k = x.i0;
    for (int guard = 0; guard < 4; ++guard) {
      if (W(k - 1, "nearly") || W(k - 1, "almost") || W(k - 1, "about") || W(k - 1, "some") || W(k - 1, "over") ||
          W(k - 1, "another") || W(k - 1, "past") || W(k - 1, "last") || W(k - 1, "next") || W(k - 1, "first") ||
          W(k - 1, "coming") || W(k - 1, "roughly") || W(k - 1, "around") || W(k - 1, "only") || W(k - 1, "just"))
        --k;
      else if (W(k - 1, "than") && (W(k - 2, "more") || W(k - 2, "less") || W(k - 2, "fewer")))
        k -= 2;
      else if (W(k - 1, "to") && W(k - 2, "up"))
        k -= 2;
      else if (W(k - 1, "least") && W(k - 2, "at"))
        k -= 2;
      else if (W(k - 1, "a") && W(k, "couple"))
        --k;
      else
        break;
    }
    if (W(k - 1, "the") && k < x.i0) --k;
    else if (W(k - 1, "the") && tk_[x.i0].nd == 0 && !W(x.i0, "a")) --k;
    x.i0 = k;
  } else if ((x.kind == kQuarterK || x.kind == kDecadeK || x.kind == kCenturyK ||
              (x.kind == kRelUnit && (W(x.i0, "following") || W(x.i0, "next") || W(x.i0, "previous") || W(x.i0, "last")) &&
               W(x.i0 - 1, "the")) || x.mod) &&
             W(x.i0 - 1, "the")) {
    --x.i0;
  }
  // "the past two months" / "the last three years" / "de afgelopen drie jaar": duration
  if (x.kind == kDuration) {
    int k = x.i0 - 1;
    if (W(x.i0, "the")) k = x.i0;
    (void)k;
  }
  // Time attached to a date: "Monday at 5 p.m.", "5 p.m. Monday", "zaterdag om 14.00 uur"
  if (x.kind == kWday || x.kind == kRelDayK || (x.kind == kAbs && x.d)) {
    int j = e;
    if (W(j, "at") || W(j, "om") || W(j, "um") || W(j, "a") || W(j, "alle") || W(j, "vers") || P(j, ',')) ++j;
    if (W(j, "las") || W(j, "la")) ++j;
    int hh, mi;
    bool strong;
    int e2 = MatchTime(j, &hh, &mi, &strong);
    if (e2 > 0 && strong) {
      x.hh = hh, x.mi = mi;
      e = e2;
    }
  } else if (x.kind == kTimeOnly) {
    int j = e;
    if (P(j, ',')) ++j;
    if (W(j, "on")) ++j;
    Cand y;
    int e2 = MatchCore(j, &y);
    if (e2 > 0 && (y.kind == kWday || y.kind == kRelDayK || (y.kind == kAbs && y.d))) {
      y.hh = x.hh, y.mi = x.mi;
      y.i0 = x.i0;
      y.rule = x.rule;
      x = y;
      e = e2;
    }
  }
  *c = x;
  c->i1 = e;
  return e;
}

// ---------------------------------------------------------------- resolve --

// The year of day/month m-d given the anchor and direction (nearest, or by tense).
int Tagger::YearFor(int m, int d, int dir, int32_t pub) const {
  int py, pm, pd;
  Ymd(pub, &py, &pm, &pd);
  if (d == 0) d = 15;
  int best = py;
  if (dir == -1) {
    // on or before the anchor (a month: the month itself counts)
    best = (m < pm || (m == pm)) ? py : py - 1;
  } else if (dir == 1) {
    best = (m > pm || (m == pm)) ? py : py + 1;
  } else {
    // nearest within half a year
    int32_t bestd = INT32_MAX;
    for (int y = py - 1; y <= py + 1; ++y) {
      int dd = std::min(d, MonthDays(y, m));
      int32_t diff = std::abs(DaysFromCivil(y, m, dd) - pub);
      if (diff < bestd) bestd = diff, best = y;
    }
  }
  return best;
}

Tagger::Res Tagger::Resolve(const Cand& c, int32_t pub, bool pub_known) const {
  Res r;
  r.type = "DATE";
  int py = 0, pm = 0, pd = 0;
  if (pub_known) Ymd(pub, &py, &pm, &pd);
  int tense = c.dir;
  if (tense == 2) {
    int t = Tense(c.i0);
    tense = t == 0 ? ((lm_ == extract::kEN || lm_ == extract::kAR) ? -1 : 1) : t;
  }
  auto day = [&](int32_t dd) {
    r.value = DayStr(dd);
    r.precision = "day";
    r.span = true;
    r.first = r.last = dd;
  };
  auto add_time = [&]() {
    if (c.hh >= 0) {
      r.value += Fmt("T%02d:%02d", c.hh, c.mi);
      r.type = "TIME";
      r.precision = "time";
    } else if (c.pod) {
      r.value += std::string("T") + kPod[c.pod];
      r.type = "TIME";
      r.precision = "time";
    }
  };
  switch (c.kind) {
    case kAbs: {
      int y = c.y;
      if (c.m && y < 0 && pub_known && !c.no_year_guess && c.unit != extract::kUYear) {
        int dir = c.dir == 2 ? 0 : c.dir;
        if (c.dir == 2 && !c.d) {
          dir = tense;
          // a bare month: the current year unless the tense says otherwise
          if (dir == -1 && c.m > pm + 1) y = py - 1;
          else if (dir == 1 && c.m < pm - 1) y = py + 1;
          else y = py;
        }
        if (y < 0 && c.d) {
          // nearest year; the tense moves a date more than a week on the wrong side
          y = YearFor(c.m, c.d, 0, pub);
          int32_t dd = DaysFromCivil(y, c.m, std::min(c.d, MonthDays(y, c.m)));
          if (c.dir == 2 && tense == -1 && dd > pub + 7) --y;
          else if (c.dir == 2 && tense == 1 && dd < pub - 7) ++y;
          else if (c.dir == -1 && dd > pub) --y;
          else if (c.dir == 1 && dd < pub) ++y;
        }
        if (y < 0) y = YearFor(c.m, 0, dir, pub);
      } else if (c.m && y < 0 && pub_known) {
        y = py;
      }
      if (c.unit == extract::kUYear && c.y < 0 && pub_known) y = py + c.off;
      if (c.d && c.m) {
        if (y < 0) {
          r.value = Fmt("XXXX-%02d-%02d", c.m, c.d);
          r.precision = "day";
        } else {
          int dd = std::min(c.d, MonthDays(y, c.m));
          day(DaysFromCivil(y, c.m, dd));
          if (c.d2) {
            int32_t e = DaysFromCivil(y, c.m, std::min(c.d2, MonthDays(y, c.m)));
            r.last = e;
          }
        }
        add_time();
      } else if (c.m) {
        if (y < 0) {
          r.value = Fmt("XXXX-%02d", c.m);
        } else {
          r.value = Fmt("%04d-%02d", y, c.m);
          r.span = true;
          r.first = DaysFromCivil(y, c.m, 1);
          r.last = DaysFromCivil(y, c.m, MonthDays(y, c.m));
        }
        r.precision = "month";
      } else if (y >= 0) {
        r.value = Fmt("%04d", y);
        r.precision = "year";
        r.span = true;
        r.first = DaysFromCivil(y, 1, 1);
        r.last = DaysFromCivil(y, 12, 31);
      }
      break;
    }
    case kWday: {
      if (!pub_known) {
        r.value = Fmt("XXXX-WXX-%d", c.wd);
        r.precision = "day";
        add_time();
        break;
      }
      int pw = Weekday(pub);
      int32_t dd;
      if (c.dir == -1 && (c.rule[0] != 'w' || true)) {
        int back = (pw - c.wd + 7) % 7;
        if (back == 0) back = 7;
        dd = pub - back;
      } else if (c.dir == 1) {
        int fwd = (c.wd - pw + 7) % 7;
        if (fwd == 0) fwd = 7;
        dd = pub + fwd;
      } else if (tense == 1) {
        dd = pub + (c.wd - pw + 7) % 7;
      } else {
        dd = pub - (pw - c.wd + 7) % 7;
      }
      day(dd);
      add_time();
      break;
    }
    case kRelDayK: {
      if (!pub_known) {
        r.value = c.off == 0 ? "PRESENT_REF" : "XXXX-XX-XX";
        break;
      }
      day(pub + c.off);
      add_time();
      break;
    }
    case kRelUnit: {
      if (c.n == -2) {  // the weekend
        if (!pub_known) {
          r.value = "XXXX-WXX-WE";
          break;
        }
        int pw = Weekday(pub);
        int off = (tense == -1 && pw < 6) ? -1 : 0;
        int wy, wn;
        IsoWeek(pub + 7 * off, &wy, &wn);
        r.value = Fmt("%04d-W%02d-WE", wy, wn);
        r.precision = "week";
        r.span = true;
        r.first = IsoWeekStart(wy, wn) + 5;
        r.last = r.first + 1;
        break;
      }
      if (c.n < 0) {  // "some years ago": PAST_REF
        r.value = c.off < 0 ? "PAST_REF" : "FUTURE_REF";
        break;
      }
      if (!pub_known) {
        r.value = "XXXX";
        break;
      }
      switch (c.unit) {
        case extract::kUDay:
          day(pub + c.off);
          break;
        case extract::kUWeek:
        case extract::kUWeekend: {
          int wy, wn;
          IsoWeek(pub + 7 * c.off, &wy, &wn);
          r.value = Fmt("%04d-W%02d", wy, wn);
          r.precision = "week";
          r.span = true;
          r.first = IsoWeekStart(wy, wn);
          r.last = r.first + 6;
          if (c.unit == extract::kUWeekend) r.value += "-WE", r.first += 5;
          break;
        }
        case extract::kUMonth: {
          int mm = py * 12 + (pm - 1) + c.off;
          int y = mm / 12, m = mm % 12 + 1;
          r.value = Fmt("%04d-%02d", y, m);
          r.precision = "month";
          r.span = true;
          r.first = DaysFromCivil(y, m, 1);
          r.last = DaysFromCivil(y, m, MonthDays(y, m));
          break;
        }
        case extract::kUQuarter: {
          int qq = py * 4 + (pm - 1) / 3 + c.off;
          int y = qq / 4, q = qq % 4 + 1;
          r.value = Fmt("%04d-Q%d", y, q);
          r.precision = "quarter";
          r.span = true;
          r.first = DaysFromCivil(y, q * 3 - 2, 1);
          r.last = DaysFromCivil(y, q * 3, MonthDays(y, q * 3));
          break;
        }
        case extract::kUYear: {
          int y = py + c.off;
          if (c.rule[0] == 'n' && std::abs(c.off) == 1 && last_quarter_ && c.i0 - last_quarter_tok_ < 60) {
            // "a year earlier" after a quarter: the same quarter a year before
            r.value = Fmt("%04d-Q%d", last_quarter_year_ + c.off, last_quarter_);
            r.precision = "quarter";
            break;
          }
          r.value = Fmt("%04d", y);
          r.precision = "year";
          r.span = true;
          r.first = DaysFromCivil(y, 1, 1);
          r.last = DaysFromCivil(y, 12, 31);
          break;
        }
        case extract::kUDecade:
          r.value = Fmt("%03d", (py + 10 * c.off) / 10);
          r.precision = "decade";
          break;
        case extract::kUCentury:
          r.value = Fmt("%02d", (py + 100 * c.off) / 100);
          r.precision = "century";
          break;
        case extract::kUHour:
        case extract::kUMinute:
        case extract::kUSecond:
          r.value = DayStr(pub);
          r.type = "TIME";
          r.precision = "time";
          break;
        default:
          r.value = "XXXX";
      }
      break;
    }
    case kSeasonK: {
      int y = c.y;
      if (y < 0 && pub_known) {
        int cur = pm <= 2 || pm == 12 ? 4 : (pm - 3) / 3 + 1;
        int dir = c.dir == 2 ? 0 : c.dir;
        if (pm <= 2) py -= 1;  // January/February belong to the winter that began the year before
        y = py;
        if (pm == 12 && c.season == 4 && dir == 0) y = py;
        if (dir == -1) y = c.season < cur ? py : py - 1;
        else if (dir == 1) y = c.season > cur ? py : py + 1;
        else if (c.dir == 2 && tense == -1 && c.season > cur) y = py - 1;
        else if (c.dir == 2 && tense == 1 && c.season < cur) y = py + 1;
      }
      if (y < 0) {
        r.value = std::string("XXXX-") + kSeasonCode[c.season];
      } else {
        r.value = Fmt("%04d-", y) + kSeasonCode[c.season];
        r.span = true;
        static const int sm[] = {0, 3, 6, 9, 12};
        r.first = DaysFromCivil(y, sm[c.season], c.season == 1 ? 20 : c.season == 2 ? 21 : c.season == 3 ? 22 : 21);
        r.last = c.season == 4 ? DaysFromCivil(y + 1, 3, 19) : DaysFromCivil(y, sm[c.season] + 3, 20);
      }
      r.precision = "season";
      break;
    }
    case kQuarterK: {
      int y = c.y;
      if (c.h) {
        if (y < 0 && pub_known) y = (c.h == 2 && pm <= 6) || (tense == -1 && c.h == 2 && pm <= 7) ? py - 1 : py;
        r.value = y < 0 ? Fmt("XXXX-H%d", c.h) : Fmt("%04d-H%d", y, c.h);
        r.precision = "half";
        if (y >= 0) {
          r.span = true;
          r.first = DaysFromCivil(y, c.h == 1 ? 1 : 7, 1);
          r.last = c.h == 1 ? DaysFromCivil(y, 6, 30) : DaysFromCivil(y, 12, 31);
        }
        break;
      }
      int q = c.q;
      int cq = (pm - 1) / 3 + 1;
      if (q < 0) {  // "the quarter": the last completed one
        if (!pub_known) {
          r.value = "XXXX-QX";
          break;
        }
        q = cq - 1, y = py;
        if (q == 0) q = 4, y = py - 1;
      } else if (y < 0 && pub_known) {
        y = q <= cq ? py : (tense == -1 ? py - 1 : py);
      }
      r.value = y < 0 ? Fmt("XXXX-Q%d", q) : Fmt("%04d-Q%d", y, q);
      r.precision = "quarter";
      if (y >= 0) {
        r.span = true;
        r.first = DaysFromCivil(y, q * 3 - 2, 1);
        r.last = DaysFromCivil(y, q * 3, MonthDays(y, q * 3));
      }
      break;
    }
    case kDecadeK:
      r.value = Fmt("%03d", c.y / 10);
      r.precision = "decade";
      r.span = true;
      r.first = DaysFromCivil(c.y / 10 * 10, 1, 1);
      r.last = DaysFromCivil(c.y / 10 * 10 + 9, 12, 31);
      break;
    case kCenturyK:
      r.value = Fmt("%02d", c.y);
      r.precision = "century";
      r.span = true;
      r.first = DaysFromCivil(c.y * 100, 1, 1);
      r.last = DaysFromCivil(c.y * 100 + 99, 12, 31);
      break;
    case kDuration: {
      r.type = "DURATION";
      std::string n = c.n < 0 ? "X" : std::to_string(c.n);
      static const char* const kUnitName[] = {"", "second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "century", "weekend", "half"};
      switch (c.unit) {
        case extract::kUSecond: r.value = "PT" + n + "S"; break;
        case extract::kUMinute: r.value = "PT" + n + "M"; break;
        case extract::kUHour: r.value = "PT" + n + "H"; break;
        case extract::kUDay: r.value = "P" + n + "D"; break;
        case extract::kUWeek: r.value = "P" + n + "W"; break;
        case extract::kUMonth: r.value = "P" + n + "M"; break;
        case extract::kUQuarter: r.value = c.n < 0 ? "PXQ" : "P" + std::to_string(3 * c.n) + "M"; break;
        case extract::kUYear: r.value = "P" + n + "Y"; break;
        case extract::kUDecade: r.value = c.n < 0 ? "PXDE" : "P" + std::to_string(10 * c.n) + "Y"; break;
        case extract::kUCentury: r.value = c.n < 0 ? "PXCE" : "P" + std::to_string(100 * c.n) + "Y"; break;
        case extract::kUWeekend: r.value = "P" + std::to_string(2 * std::max(c.n, 1)) + "D"; break;
        default: r.value = "PX";
      }
      r.precision = c.unit >= 1 && c.unit <= 12 ? kUnitName[c.unit] : "";
      break;
    }
    case kSetK: {
      r.type = "SET";
      if (c.wd) {
        r.value = Fmt("XXXX-WXX-%d", c.wd);
        r.precision = "day";
      } else {
        switch (c.unit) {
          case extract::kUHour: r.value = "PT1H"; break;
          case extract::kUDay: r.value = "P1D"; break;
          case extract::kUWeek: r.value = "P1W"; break;
          case extract::kUMonth: r.value = "P1M"; break;
          case extract::kUQuarter: r.value = "P3M"; break;
          case extract::kUYear: r.value = "P1Y"; break;
          default: r.value = "PX";
        }
      }
      break;
    }
    case kRefK:
      r.value = c.ref == 0 ? "PRESENT_REF" : c.ref == 1 ? "PAST_REF" : "FUTURE_REF";
      break;
    case kTimeOnly:
      if (!pub_known) {
        r.value = Fmt("XXXX-XX-XXT%02d:%02d", c.hh, c.mi);
      } else {
        r.value = DayStr(pub) + Fmt("T%02d:%02d", c.hh, c.mi);
        r.span = true;
        r.first = r.last = pub;
      }
      r.type = "TIME";
      r.precision = "time";
      break;
  }
  return r;
}

std::vector<TimeExpr> Tagger::Run() {
  std::vector<TimeExpr> out;
  if (t_.empty() || t_.size() >= UINT32_MAX) return out;
  Tokenize();
  Sentences();
  TenseCues();
  // 1. Match.
  std::vector<Cand> cands;
  for (int i = 0; i < N();) {
    if (tk_[i].fl == 0 && tk_[i].nd == 0 && tk_[i].p != '\'') {
      ++i;
      continue;
    }
    Cand c;
    int e = Match(i, &c);
    if (e > i) {
      if (c.i0 > i || c.i0 < 0) c.i0 = i;
      if (c.i0 < i && !cands.empty() && c.i0 < cands.back().i1) c.i0 = i;
      if (!cands.empty() && c.i0 < cands.back().i1) c.i0 = cands.back().i1;
      bool skip = false;
      if (c.kind == kTimeOnly && c.i0 < headline_end_) skip = true;  // a bare time in a headline
      if (!skip && c.i0 < e) cands.push_back(c);
      i = e;
    } else {
      ++i;
    }
  }
  // 2. Anchor: the publication day, or the range of days it may be.
  bool known = dct_.year > 0;
  int32_t lo = 0, hi = 0;
  if (known) {
    lo = dct_.FirstDay();
    hi = dct_.LastDay();
  }
  bool coarse = known && lo != hi;
  std::string anchor = known ? "dct:" + dct_.ToString() : "none";
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
      if (c.wd && Weekday(d) != c.wd) continue;  // a date that disagrees with its weekday says nothing
      int t = Tense(c.i0);
      if (t == -1) nlo = std::max(nlo, d), past_date = true;
      else if (t == 1) nhi = std::min(nhi, d);
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
  // 3. Resolve.
  out.reserve(cands.size());
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
    Res r = Resolve(c, lo, known);
    bool relative = c.kind == kWday || c.kind == kRelDayK || c.kind == kRelUnit || c.kind == kTimeOnly ||
                    (c.kind == kAbs && c.y < 0) || (c.kind == kSeasonK && c.y < 0) || (c.kind == kQuarterK && c.y < 0);
    std::string why = std::string(lang_) + "." + c.rule;
    if (c.kind == kWday || (c.kind == kAbs && c.y < 0 && c.m) || c.kind == kSeasonK) {
      int t = c.dir == 2 ? Tense(c.i0) : c.dir;
      why += t == -1 ? "; past -> before anchor" : t == 1 ? "; future -> after anchor" : c.dir == 2 ? "; no tense cue -> default" : "";
    }
    if (c.mod) why += c.mod == 'S' ? "; mod=START" : c.mod == 'M' ? "; mod=MID" : "; mod=END";
    if (coarse && relative) {
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
          if (dct_.precision == Date::Precision::kMonth && f <= dct_.LastDay() && l >= dct_.FirstDay()) {
            m.value = dct_.ToString();
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
    x.anchor = relative ? anchor : "none";
    x.rule = why;
    x.has_span = r.span;
    x.first_day = r.first;
    x.last_day = r.last;
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace

std::vector<TimeExpr> FindDates(std::string_view text, std::string_view lang, const Date& doc_date) {
  Tagger t(text, lang, doc_date);
  return t.Run();
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
    *first = DaysFromCivil(y, h1 ? 1 : 7, 1), *last = h1 ? DaysFromCivil(y, 6, 30) : DaysFromCivil(y, 12, 31);
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
