// Temporal tagger, part 2: the hand-written patterns over tokens, with
// per-language word lists (see dates.cc for the pipeline).
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "dateline/dates.h"
#include "extract/dates_internal.h"
#include "extract/lexicon.h"

namespace dateline::dates_internal {
namespace {

bool StartsWith(std::string_view s, std::string_view pre) {
  return s.size() >= pre.size() && s.substr(0, pre.size()) == pre;
}

}  // namespace

// ----------------------------------------------------------------- matchers --

// English year before a singular noun after a determiner: "the 1987 crash", "the
// company's 1989 results" ("the 2000 people" / "the 1990 votes" are counts).
bool Tagger::YearModifier(int i, int e) const {
  if (lm_ != extract::kEN || e >= N() || tk_[e].fl < 3 || tk_[e].cap) return false;
  bool det = Is(i - 1, extract::kArticle) || W(i - 1, "that") || W(i - 1, "this") ||
             (W(i - 1, "s") && P(i - 2, '\''));
  // ... also with an adjective between: "his unsuccessful 1996 campaign" (a lower-case
  // word of no date category after a determiner or possessive)
  if (!det && i >= 2 && tk_[i - 1].fl >= 3 && !tk_[i - 1].cap && tk_[i - 1].cats == 0) {
    int k = i - 2;
    det = Is(k, extract::kArticle) || W(k, "that") || W(k, "this") ||
          (W(k, "s") && P(k - 1, '\'')) || W(k, "his") || W(k, "her") || W(k, "its") ||
          W(k, "their") || W(k, "our");
  }
  std::string_view n = F(e);
  bool plural = (n.back() == 's' && !(n.ends_with("ss") || n.ends_with("us") || n.ends_with("is")));
  bool counted = n == "people" || n == "men" || n == "women" || n == "children" || n == "police" ||
                 Is(e, extract::kUnit);
  return det && !plural && !counted;
}

// English and Dutch frequency words are adjectives too: "a quarterly dividend", "the
// annual meeting", "jaarlijks congres" are no sets (monthly and longer units only:
// TimeML annotates "daily newspaper" but not "annual report"). An adjective is followed by a
// lower-case word that is not a preposition, article or clause word.
bool Tagger::SetAdjective(int i) const {
  if (!(lm_ & (extract::kEN | extract::kNL)) || i + 1 >= N()) return false;
  const Tok& n = tk_[i + 1];
  if (n.fl == 0 || n.cap || n.nl) return false;
  constexpr uint64_t kFunction = (uint64_t{1} << extract::kPrep) |
                                 (uint64_t{1} << extract::kArticle) |
                                 (uint64_t{1} << extract::kClause);
  return !(n.cats & kFunction);
}

// "or" between two days of a month: "24 or 25 April", "24 of 25 april".
bool Tagger::Coordinator(int k) const {
  return W(k, "or") || (W(k, "of") && (lm_ & extract::kNL)) || W(k, "oder") || W(k, "ou") ||
         (W(k, "o") && (lm_ & (extract::kES | extract::kIT)));
}

// Day of month: "14", "14.", "14th", "1er", "1º".
int Tagger::MatchDay(int i, int* d) {
  if (!Num(i, 1, 31, d) || tk_[i].nd > 2) return -1;
  int j = i + 1;
  if (j < N() && Tight(j) && tk_[j].fl > 0) {
    std::string_view s = F(j);
    if (s == "st" || s == "nd" || s == "rd" || s == "th" || s == "er" || s == "e" || s == "de")
      return j + 1;
    if (s == "o" || s == "a") return j + 1;
  }
  if (j < N() && Tight(j) && (tk_[j].p == 1) && t_.substr(tk_[j].b, tk_[j].e - tk_[j].b) == "º")
    return j + 1;
  if ((lm_ & extract::kDE) && P(j, '.') && Tight(j)) return j + 1;
  return j;
}

// An English day of the month in words: "first" .. "thirty-first" (broadcast transcripts:
// "Sunday, March eighth").
int Tagger::OrdinalDay(int i, int* d) const {
  static const char* const kOrdinals[] = {"first",       "second",     "third",      "fourth",
                                          "fifth",       "sixth",      "seventh",    "eighth",
                                          "ninth",       "tenth",      "eleventh",   "twelfth",
                                          "thirteenth",  "fourteenth", "fifteenth",  "sixteenth",
                                          "seventeenth", "eighteenth", "nineteenth", "twentieth"};
  auto ordinal = [&](int k) {
    for (int n = 0; n < 20; ++n)
      if (W(k, kOrdinals[n])) return n + 1;
    return 0;
  };
  int tens = W(i, "twenty") ? 20 : W(i, "thirty") ? 30 : 0;
  if (tens && P(i + 1, '-') && Tight(i + 1) && Tight(i + 2)) {
    int o = ordinal(i + 2);
    if (o >= 1 && o <= 9 && tens + o <= 31) return *d = tens + o, i + 3;
  }
  if (W(i, "thirtieth")) return *d = 30, i + 1;
  if (W(i, "twenty-first")) return *d = 21, i + 1;  // one token in the lexicon
  int o = ordinal(i);
  return o ? (*d = o, i + 1) : -1;
}

int Tagger::MatchMonth(int i, int* m) {
  int v;
  if (!Is(i, extract::kMonth, &v)) return -1;
  bool abbrev = v > 100;
  *m = abbrev ? v - 100 : v;
  int j = i + 1;
  if (abbrev && tk_[i].fl <= 5 && !W(i, "may") && P(j, '.') && Tight(j)) ++j;
  if ((lm_ & extract::kEN) && !tk_[i].cap)
    return -1;  // English months are capitalised ("may", "march")
  return j;
}

int Tagger::MatchYear(int i, int* y, bool loose) {
  if (i < N() && tk_[i].nd == 4 && tk_[i].v >= (loose ? 1000 : 1800) && tk_[i].v <= 2199) {
    if (i + 1 < N() && Tight(i + 1) && (P(i + 1, ',') || P(i + 1, '.')) && i + 2 < N() &&
        tk_[i + 2].nd > 0 && Tight(i + 2))
      return -1;  // 2,000.5 / 1.999
    *y = static_cast<int>(tk_[i].v);
    return i + 1;
  }
  if (loose && W(i, "nineteen")) {  // "January nineteen ninety-seven"
    Cand spoken;
    int e = MatchSpokenYear(i, &spoken);
    if (e > 0) {
      *y = spoken.y;
      return e;
    }
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
      int a = static_cast<int>(tk_[i].v), b = static_cast<int>(tk_[i + 2].v),
          cc = static_cast<int>(tk_[i + 4].v);
      int y = -1, m = 0, d = 0;
      if (tk_[i].nd == 4 && tk_[i + 2].nd <= 2 && tk_[i + 4].nd <= 2) {
        y = a, m = b, d = cc;
      } else if (tk_[i].nd <= 2 && tk_[i + 2].nd <= 2 &&
                 (tk_[i + 4].nd == 4 || tk_[i + 4].nd == 2)) {
        y = tk_[i + 4].nd == 4 ? cc : (cc < 50 ? 2000 + cc : 1900 + cc);
        bool us = (lm_ == extract::kEN) && s1 == '/';
        if (us && a <= 12)
          m = a, d = b;
        else if (b <= 12)
          d = a, m = b;
        else if (a <= 12)
          m = a, d = b;
      }
      if (y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= MonthDays(y, m)) {
        // Not part of a longer number chain (1.2.3.4, version numbers).
        if (i + 6 < N() && Tight(i + 5) && tk_[i + 5].p == s1 && tk_[i + 6].nd && Tight(i + 6))
          return -1;
        c->kind = kAbs;
        c->y = y, c->m = m, c->d = d;
        c->rule = "numeric-date";
        return i + 5;
      }
    }
  }
  // 2019-04
  if (tk_[i].nd == 4 && i + 2 < N() && P(i + 1, '-') && Tight(i + 1) && Tight(i + 2) &&
      tk_[i + 2].nd == 2 && tk_[i + 2].v >= 1 && tk_[i + 2].v <= 12 && tk_[i].v >= 1800 &&
      tk_[i].v <= 2199 &&
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
    if (P(r, '-') || P(r, '/'))
      ++r, conn = true;
    else if (W(r, "tot") && W(r + 1, "en") && W(r + 2, "met"))
      r += 3, conn = true;
    else if (W(r, "t") && P(r + 1, '/') && W(r + 2, "m"))
      r += 3, conn = true;
    else if (Is(r, extract::kRangeTo))
      ++r, conn = true;
    int dd;
    int r2 = conn ? MatchDay(r, &dd) : -1;
    if (r2 > 0 && dd > d1) {
      int m;
      int a = r2;
      if (W(a, "de") || W(a, "of") || W(a, "di")) ++a;
      if (MatchMonth(a, &m) > 0) d2 = dd, k = r2;
    }
  }
  const int k0 = k;
  if (W(k, "de") || W(k, "of") || W(k, "di")) ++k;
  int m;
  int k2 = MatchMonth(k, &m);
  // "24 of 25 april", "24. oder 25. April", "le 24 ou 25 avril": two dates, the first
  // ending before "or" ("24 and 25 April" is a range, above)
  int coord = -1;
  if (k2 < 0 && !d2 && k0 < N() && tk_[k0].sp && Coordinator(k0)) {
    k = k0;
    int dd, a;
    int r2 = MatchDay(k + 1, &dd);
    if (r2 > 0 && dd > d1) {
      a = r2;
      if (W(a, "de") || W(a, "of") || W(a, "di")) ++a;
      if (MatchMonth(a, &m) > 0) coord = k, k2 = k;
    }
  }
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
  int b = coord < 0 ? MatchYear(a, &y, true) : -1;
  if (b > 0) c->y = y, e = b;
  c->rule = d2 ? "day-range-month" : coord >= 0 ? "day-or-day-month" : "day-month";
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
  if (k2 < 0 && (lm_ & extract::kEN)) k2 = OrdinalDay(k, &d);  // "March eighth"
  if (k2 > 0 && !(k2 < N() && tk_[k2].nd == 0 && Is(k2, extract::kUnit)) &&
      !((P(k2, ':') || P(k2, '.')) && k2 + 1 < N() && Tight(k2 + 1) && tk_[k2 + 1].nd)) {
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
    if ((Is(k, extract::kLast) && (off = -1)) || (Is(k, extract::kNext) && (off = 1)) ||
        Is(k, extract::kThis)) {
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
  // (105 is English "May", both the name and its abbreviation, allowed below after a
  // preposition, and Italian "magg".)
  if (v > 100 && v != 105) return -1;
  if (m == 5 && (lm_ & extract::kEN)) {  // "May" alone: only after a preposition
    if (!(W(j - 1, "in") || W(j - 1, "of") || W(j - 1, "since") || W(j - 1, "until") ||
          W(j - 1, "last") || W(j - 1, "next") || W(j - 1, "early") || W(j - 1, "late") ||
          W(j - 1, "mid") || W(j - 1, "by")))
      return -1;
  }
  if (lm_ == extract::kFR && m == 5 && false) return -1;
  c->rule = "month";
  return k;
}

// N UNIT / N-UNIT ("five-year"); *adj when hyphenated adjective.
// "three-quarters of its food", "two quarters of the vote": a fraction, not months
// ("the first three quarters of 1989", "of the year" stay durations).
bool Tagger::Fraction(int n, int unit, int e) const {
  if (unit != extract::kUQuarter || n < 1 || n > 3 || !W(e, "of")) return false;
  // "more than a quarter of the market"; not "a quarter of a century", "of the year"
  if (n == 1 && (W(e + 1, "the") || W(e + 1, "a") || W(e + 1, "its") || W(e + 1, "all")))
    return !Is(e + 2, extract::kUnit) && !Is(e + 2, extract::kFiscal);
  return !(e + 1 < N() && tk_[e + 1].nd == 4) && !W(e + 1, "the") && !W(e + 1, "this") &&
         !W(e + 1, "last") && !W(e + 1, "fiscal");
}

// A quantity before "a year", "a week": a rate ("$2 million a year", "700 seats a
// week", "5% a year"), not a duration.
bool Tagger::RateBefore(int i) const {
  int k = i - 1;
  if (k < 0) return false;
  if (tk_[k].nd || P(k, '%') || W(k, "million") || W(k, "billion") || W(k, "thousand") ||
      W(k, "hundred") || W(k, "percent"))
    return true;
  std::string_view f = F(k);
  return f.size() >= 4 && f.back() == 's' && (k > 0 && (tk_[k - 1].nd || Is(k - 1, extract::kNum)));
}

// "a second group", "a second time": the ordinal, not one second.
bool Tagger::Ordinal(int i, int unit, int e) const {
  if (!(lm_ & extract::kEN) || unit != extract::kUSecond || !W(i, "a") || !W(i + 1, "second"))
    return false;
  if (e >= N() || tk_[e].fl == 0 || tk_[e].p) return false;
  return !(Is(e, extract::kPrep) || Is(e, extract::kClause) || Is(e, extract::kAgo) || W(e, "of") ||
           W(e, "and") || W(e, "or") || W(e, "to") || W(e, "for") || W(e, "before") ||
           W(e, "after"));
}

// "24 hours a day", "seven days a week": a rate, not a duration.
bool Tagger::RateAfter(int e) const {
  if (!(lm_ & extract::kEN) || !(W(e, "a") || W(e, "per"))) return false;
  int u = 0;
  return Is(e + 1, extract::kUnit, &u) && !Is(e + 1, extract::kPlural) &&
         !(e + 2 < N() && (W(e + 2, "and") || W(e + 2, "half")));
}

int Tagger::MatchNumberUnit(int i, int* n, int* unit, bool* adj, bool* half) {
  int j = i;
  *adj = false;
  *half = false;
  int v;
  if (i < N() && tk_[i].nd > 0 && tk_[i].nd <= 4 &&
      !(i > 0 && Tight(i) && (P(i - 1, '.') || P(i - 1, ',')))) {
    if (Tight(i + 1) && (P(i + 1, '.') || P(i + 1, ',')) && i + 2 < N() && tk_[i + 2].nd &&
        Tight(i + 2)) {
      return -1;  // 1.5 years: skip decimals
    }
    *n = static_cast<int>(tk_[i].v);
    j = i + 1;
    if (Num(j, 1, 1, nullptr) && P(j + 1, '/') && Tight(j + 1) && Num(j + 2, 2, 2, nullptr) &&
        Tight(j + 2))
      *half = true, j += 3;  // "2 1/2 years"
  } else if (Is(i, extract::kTens, &v)) {
    *n = v;
    j = i + 1;
    int u;
    if ((P(j, '-') && Is(j + 1, extract::kNum, &u) && u < 10))
      *n += u, j += 2;
    else if (Is(j, extract::kNum, &u) && u < 10)
      *n += u, j += 1;
  } else if (Is(i, extract::kNum, &v)) {
    *n = v;
    j = i + 1;
    if (v == 1 && (W(i, "a") || W(i, "an")) && Is(j, extract::kFew)) {
      *n = W(j, "couple") && (lm_ & extract::kEN) ? 2 : -1;  // a few; a couple (of)
      ++j;
      if (*n == 2 && W(j, "of")) ++j;
    }
  } else if (Is(i, extract::kFew)) {
    *n = W(i, "couple") && (lm_ & extract::kEN) ? 2 : -1;  // "a couple of years": two
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
  bool and_a_half = (lm_ & extract::kEN) && *n > 0 && !*half;
  if (and_a_half && W(j, "and") && W(j + 1, "a") && W(j + 2, "half"))
    *half = true, j += 3;  // "one and a half years"
  // English words between the count and the unit: "two more weeks", "an additional
  // year", "three straight years", "eight trading days" (the duration of the count; the
  // unit in the plural after a count above one: not "its 87 business year")
  if ((lm_ & extract::kEN) && *n != 0 && !*half && j + 1 < N() && tk_[j].fl >= 4 &&
      Is(j + 1, extract::kUnit, unit) && (*n == 1) != Is(j + 1, extract::kPlural) &&
      !(P(j + 2, '-') && Tight(j + 2))) {
    bool workday = *unit == extract::kUDay || *unit == extract::kUWeek;
    if (W(j, "more") || W(j, "additional") || W(j, "further") || W(j, "extra") ||
        W(j, "straight") || W(j, "consecutive") ||
        (workday && (W(j, "trading") || W(j, "business") || W(j, "working"))))
      ++j;
  }
  if (!Is(j, extract::kUnit, unit)) return -1;
  // "a year-earlier loss": the adjective "year-earlier", not a duration
  if (P(j + 1, '-') && Tight(j + 1) && (W(j + 2, "earlier") || W(j + 2, "ago"))) return -1;
  // "a day-long strike": "day-long" (see MatchCore), not "a day"
  if ((W(i, "a") || W(i, "an")) && P(j + 1, '-') && Tight(j + 1) && W(j + 2, "long")) return -1;
  if (and_a_half && !*half && W(j + 1, "and") && W(j + 2, "a") && W(j + 3, "half")) {
    *half = true;  // "a year and a half"
    return j + 4;
  }
  return j + 1;
}

int Tagger::MatchTime(int i, int* hh, int* mi, bool* strong) {
  int h, m = 0;
  *strong = false;
  if (Is(i, extract::kNoon, &h)) {
    // midnight: 24 (the end of the day it comes with: "midnight Friday" is T24:00)
    *hh = h == 0 ? 24 : h, *mi = 0, *strong = true;
    return i + 1;
  }
  if (!Num(i, 0, 24, &h) || tk_[i].nd > 2) return -1;
  int j = i + 1;
  bool colon = false;
  if ((P(j, ':') || P(j, '.') || W(j, "h")) && Tight(j) && j + 1 < N() && tk_[j + 1].nd == 2 &&
      Tight(j + 1) && tk_[j + 1].v < 60) {
    if (P(j, '.') &&
        !(lm_ & (extract::kNL | extract::kDE | extract::kIT | extract::kFR | extract::kES)))
      return -1;
    m = static_cast<int>(tk_[j + 1].v);
    j += 2;
    colon = true;
  }
  int ap;
  if (Is(j, extract::kAmPm, &ap) || (W(j, "a") || W(j, "p"))) {
    bool pm = W(j, "pm") || W(j, "p");
    if (W(j, "a") || W(j, "p")) {
      if (!(P(j + 1, '.') && W(j + 2, "m")))
        return colon ? (*hh = h, *mi = m, *strong = false, j) : -1;
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
  // "that year"; not "so that day-to-day costs"
  if ((lm_ & extract::kEN) && W(j, "that") && Is(j + 1, extract::kUnit, &u) &&
      !Is(j + 1, extract::kPlural) && u >= extract::kUDay && u <= extract::kUYear &&
      !(P(j + 2, '-') && Tight(j + 2))) {
    c->kind = kRelUnit, c->unit = u, c->off = 0, c->anaphor = true;  // "that year"
    c->rule = "that-unit";
    if (W(j - 1, "later") || W(j - 1, "earlier")) c->i0 = j - 1;  // "later that year"
    return j + 2;
  }
  if ((lm_ & extract::kEN) && W(j, "the") && W(j + 1, "past") && Is(j + 2, extract::kUnit) &&
      !Is(j + 2, extract::kPlural))
    ++j;  // "the past year"
  if (Is(j, extract::kLast) || W(j, "past"))
    dir = -1;
  else if (Is(j, extract::kNext))
    dir = 1;
  else if (Is(j, extract::kThis))
    dir = 0;
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
      if ((W(j, "past") || (W(j - 1, "the") && W(j, "last"))) && !Is(k, extract::kPlural)) {
        // "the past year", "the last month": the calendar unit before this one; "the
        // past decade", "the last 24 hours" are stretches of time up to now
        bool date = u >= extract::kUWeek && u <= extract::kUYear;
        if (W(j, "last") && u == extract::kUDecade) return -1;
        c->kind = date ? kRelUnit : kDuration;
        c->n = 1, c->unit = u, c->off = -1;
        c->rule = "the-past-unit";
        return k + 1;
      }
      if (dir != 0 && Is(k, extract::kPlural)) {  // "the coming weeks": some weeks
        c->kind = kDuration, c->n = -1, c->unit = u;
        c->rule = "rel-units";
        return k + 1;
      }
      // "the following year", "the previous day": from the date last mentioned
      bool anaphor = (lm_ & extract::kEN) && W(j - 1, "the") &&
                     (W(j, "following") || W(j, "previous") || W(j, "preceding"));
      if (u == extract::kUDay && !anaphor) return -1;
      c->kind = kRelUnit, c->unit = u, c->off = dir, c->anaphor = anaphor;
      c->rule = anaphor ? "the-following-unit" : "rel-unit";
      return k + 1;
    }
    if (dir != 0 && MatchHoliday(k, c) > 0) {  // "last Christmas", "next Easter"
      c->dir = dir;
      return MatchHoliday(k, c);
    }
    int m;
    if (MatchMonth(k, &m) > 0 && !(v > 100)) {
      c->kind = kAbs, c->m = m, c->dir = dir == 0 ? 0 : dir;
      c->no_year_guess = dir == 0;
      c->rule = "rel-month";
      int e = MatchMonth(k, &m), d = 0;
      if (dir != 0 && MatchDay(e, &d) > 0 && d <= MonthDays(2000, m) && !Num(e + 1, 0, 99, nullptr))
        c->d = d, e = MatchDay(e, &d);  // "last Oct. 23"
      return e;
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
    if (dir == -1 && Is(k, extract::kPod, &p) && p >= 3) {  // last night, letzte Nacht
      c->kind = kRelDayK, c->off = -1, c->pod = p;
      c->rule = "last-night";
      return k + 1;
    }
  }
  // Postposed: "vendredi dernier", "la semaine prochaine", "el lunes pasado", "venerdì scorso",
  // "l'an dernier"
  if ((lm_ & (extract::kFR | extract::kES | extract::kIT | extract::kAR)) &&
      lm_ != extract::kAllLangs) {
    int k = j;
    if (Is(k, extract::kWeekday, &v) || Is(k, extract::kUnit, &u) || Is(k, extract::kSeason, &v) ||
        Is(k, extract::kPod, &v)) {
      int d2 = 0;
      int e = k + 1;
      int w2;
      if (Is(e, extract::kLast))
        d2 = -1;
      else if (Is(e, extract::kNext))
        d2 = 1;
      else if (W(e, "que") && W(e + 1, "viene"))
        d2 = 1, ++e;
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
        } else if (Is(k, extract::kPod, &w2) && w2 >= 3 && d2 == -1) {  // la nuit derniere
          c->kind = kRelDayK, c->off = -1, c->pod = w2;
          c->rule = "night-rel";
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

// "the year" of the document: "for the year ended Sept. 30" is a year-long DURATION;
// "later in the year.", "van het jaar.", "des Jahres.", "de l'année.", "del año.",
// "dell'anno." (after a preposition, or a genitive article, and before punctuation)
// is the year of the document date.
int Tagger::MatchTheYear(int i, Cand* c) {
  // A preposition fused with the article is left out of the span: "del año", "dell'anno".
  int f = P(i - 1, '\'') ? i - 2 : i - 1;
  bool fused = W(f, "del") || W(f, "dell") || W(f, "nell");
  int j = i;
  if (!fused) {
    if (!Is(i, extract::kArticle)) return -1;
    j = i + 1;
    if (P(j, '\'') && Tight(j)) ++j;
  }
  int u = 0;
  // "the full year", "the fiscal year": the year of the document (or, before "ended", a
  // fiscal year's duration)
  bool full = !fused && (lm_ & extract::kEN) && (W(j, "full") || Is(j, extract::kFiscal));
  if (full) ++j;
  if (!Is(j, extract::kUnit, &u) || u != extract::kUYear || Is(j, extract::kPlural)) return -1;
  if ((lm_ & extract::kEN) && (W(j + 1, "ended") || W(j + 1, "ending"))) {
    c->kind = kDuration, c->n = 1, c->unit = extract::kUYear;
    c->rule = "the-year-ended";
    return j + 1;
  }
  if (full && !(P(j + 1, '-') && Tight(j + 1)) && !(j + 1 < N() && tk_[j + 1].nd == 4)) {
    c->kind = kRelUnit, c->unit = extract::kUYear, c->off = 0;
    c->rule = "the-full-year";
    return j + 1;
  }
  bool end = P(j + 1, '.') || P(j + 1, ',') || P(j + 1, ';') || j + 1 >= N();
  // English "earlier in the year", "later in the year" whatever follows (as "earlier this
  // year"; the span is "the year", as before punctuation)
  bool rel = (lm_ & extract::kEN) && W(i, "the") && W(i - 1, "in") &&
             (W(i - 2, "earlier") || W(i - 2, "later")) && !W(j + 1, "of") &&
             !(P(j + 1, '-') && Tight(j + 1)) && !(j + 1 < N() && tk_[j + 1].nd);
  if (!rel && (!end || !(fused || W(i, "des") || Is(i - 1, extract::kPrep)))) return -1;
  c->kind = kRelUnit, c->unit = extract::kUYear, c->off = 0;
  c->rule = "the-year";
  return j + 1;
}

// Holidays: "Christmas (Day|Eve)", "Thanksgiving (Day)", "Easter (Sunday|Monday)",
// "Halloween", "New Year's Day|Eve", "Kerstmis", "Weihnachten", "Noël", "Pâques"...
// A kAbs candidate without a year; not "Christmas Island", "Easter Island".
int Tagger::MatchHoliday(int i, Cand* c) const {
  int v = 0, e = i + 1, off = 0;
  if (W(i, "new") && W(i + 1, "year") && P(i + 2, '\'') && W(i + 3, "s") &&
      (W(i + 4, "day") || W(i + 4, "eve"))) {
    v = W(i + 4, "day") ? 101 : 1231;
    e = i + 5;
  } else if (Is(i, extract::kHoliday, &v)) {
    if (W(e, "island") || W(e, "islands") || W(e, "rising")) return -1;
    if (v == 3 && !(tk_[i].cap && W(e, "day"))) return -1;  // "Election Day" only
    if (W(e, "day") || W(e, "sunday")) {
      ++e;
    } else if (W(e, "eve")) {
      off = -1, ++e;
    } else if (W(e, "monday") && v == 2) {
      off = 1, ++e;
    } else if (W(e, "week")) {
      c->unit = extract::kUWeek, ++e;  // "Easter week": the ISO week of the day
    }
  } else {
    return -1;
  }
  c->kind = kAbs, c->holiday = v, c->off = off;
  c->m = v > 100 ? v / 100 : v == 2 ? 4 : 11;
  c->d = v > 100 ? v % 100 : v == 1 ? 25 : v == 2 ? 10 : 5;  // near the day, to choose the year
  c->rule = "holiday";
  return e;
}

// English years said in words (broadcast transcripts): "nineteen ninety-six".
int Tagger::MatchSpokenYear(int i, Cand* c) {
  int tens = 0, unit = 0;
  if (!(lm_ & extract::kEN) || !W(i, "nineteen") || !Is(i + 1, extract::kTens, &tens)) return -1;
  int e = i + 2;
  if (P(e, '-') && Tight(e) && Is(e + 1, extract::kNum, &unit) && unit < 10)
    e += 2;
  else
    unit = 0;
  c->kind = kAbs, c->y = 1900 + tens + unit;
  c->rule = "spoken-year";
  return e;
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
  if (((tk_[i].cats >> extract::kHoliday) & 1) || W(i, "new")) {
    Cand x;
    int e = MatchHoliday(i, &x);
    if (e > 0) take(e, x);
  }
  // Weekday [pod] / nl-de compounds (donderdagavond, Donnerstagabend)
  if (Is(i, extract::kWeekday, &v)) {
    Cand x;
    x.kind = kWday, x.wd = v;
    x.rule = "weekday";
    int e = i + 1;
    int p;
    if (Is(e, extract::kPod, &p))
      x.pod = p, ++e;
    else if ((W(e, "por") || W(e, "in") || W(e, "au")) && W(e + 1, "la") &&
             Is(e + 2, extract::kPod, &p))
      x.pod = p, e += 3;
    // English plurals are sets: "on Mondays", "Tuesday nights", "Monday and Tuesday nights"
    auto plural = [&](int k) { return (lm_ & extract::kEN) && F(k).back() == 's'; };
    int pp = 0;
    if (plural(i) || (x.pod && plural(e - 1))) {
      x.kind = kSetK;
      x.rule = "weekdays";
    } else if (!x.pod && (lm_ & extract::kEN) && (W(e, "and") || W(e, "or")) &&
               Is(e + 1, extract::kWeekday) && Is(e + 2, extract::kPod, &pp) && plural(e + 2)) {
      x.kind = kSetK, x.pod = pp;
      x.rule = "weekdays";
    }
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
          if (rest == "ochtend" || rest == "morgen" || rest == "vormittag" || rest == "fruh")
            p = 1;
          else if (rest == "middag" || rest == "mittag" || rest == "nachmittag")
            p = 2;
          else if (rest == "avond" || rest == "abend")
            p = 3;
          else if (rest == "nacht")
            p = 4;
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
    // "morgen" in de = tomorrow only lower-case; nl "morgen" ok; es "mañana" after article =
    // morning
    if (W(i, "manana") && (W(i - 1, "la") || W(i - 1, "esta") || W(i - 1, "una"))) ok = false;
    if (W(i, "morgen") && (lm_ & extract::kDE) && tk_[i].cap && i > 0 && !tk_[i].nl &&
        !P(i - 1, '.'))
      ok = false;
    if (W(i, "hier") && (lm_ & extract::kNL)) ok = false;
    if (ok) {
      Cand x;
      x.kind = kRelDayK, x.off = v;
      x.rule = "relative-day";
      int e = i + 1;
      int p;
      if (Is(e, extract::kPod, &p) && !(W(e, "morgen") && v == 1))
        x.pod = p, ++e;
      else if ((W(e, "por") || W(e, "in")) && W(e + 1, "la") && Is(e + 2, extract::kPod, &p))
        x.pod = p, e += 3;
      else if ((W(e, "a") || W(e, "in") || W(e, "di") || W(e, "am")) &&
               Is(e + 1, extract::kPod, &p))
        x.pod = p, e += 2;
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
    if (Is(j, extract::kAgoPre))
      pre = -1, ++j;
    else if (W(j, "il") && W(j + 1, "y") && W(j + 2, "a"))
      pre = -1, j += 3;
    else if (Is(j, extract::kInPre) && !Is(j, extract::kPrep))
      pre = 1, ++j;
    if (pre == 1 && W(j, "de")) ++j;  // dentro de
    int n, unit;
    bool adj;
    bool half = false;
    int e = MatchNumberUnit(j, &n, &unit, &adj, &half);
    if (e > 0 && n >= 1000) e = -1;
    if (e > 0 && pre == 1 && lm_ == extract::kEN) {
      pre = 0;  // TimeML: "in two weeks" is the duration "two weeks"
      i = j;
    }
    if (e > 0) {
      int post = 0;
      if (!adj && Is(e, extract::kAgo, &v)) post = v;
      // "three days later", "a minute and a half earlier": measured from an event of the
      // story, not from the document date (TimeML: the duration)
      if (post && (lm_ & extract::kEN) && (W(e, "later") || W(e, "earlier")) &&
          unit <= extract::kUWeek)
        post = 0;
      Cand x;
      bool age =
          Is(e, extract::kAgeWord) || (W(e, "de") && W(e + 1, "edad")) ||
          (W(i - 1, "aged") || W(i - 1, "age")) || (W(i - 2, "age") && W(i - 1, "of")) ||
          (W(i - 2, "agee") && W(i - 1, "de")) || (W(i - 2, "age") && W(i - 1, "de")) ||
          (W(i - 1, "de") && (lm_ & (extract::kFR | extract::kES)) && lm_ != extract::kAllLangs &&
           unit == extract::kUYear && !W(i - 2, "plus") && !W(i - 2, "mas") && !W(i - 2, "moins") &&
           !W(i - 2, "menos") && !W(i - 2, "cerca")) ||
          (W(i - 1, "di") && unit == extract::kUYear && (lm_ == extract::kIT)) ||
          (W(i - 1, "mit") && unit == extract::kUYear && (lm_ == extract::kDE)) ||
          (W(i - 1, "van") && unit == extract::kUYear && (lm_ == extract::kNL) && !W(e, "geleden"));
      // "twice a week", "three times a year", "once a month": a frequency (SET)
      int freq = -1;
      if ((lm_ & extract::kEN) && pre == 0 && post == 0 && n == 1 && W(i, "a") && !half) {
        if (W(i - 1, "once") || W(i - 1, "twice") || W(i - 1, "thrice"))
          freq = i - 1;
        else if (W(i - 1, "times") && i >= 2 &&
                 (tk_[i - 2].nd || Is(i - 2, extract::kNum) || Is(i - 2, extract::kFew)))
          freq = i - 2;
      }
      if (freq >= 0) {
        x.kind = kSetK, x.unit = unit;
        x.rule = "times-a-unit";
        x.i0 = freq;
        take(e, x);
      } else if (age && pre == 0 && post == 0) {
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
      } else if (!age && !Fraction(n, unit, e) &&
                 !(W(i, "a") && !half && (lm_ & extract::kEN) && RateBefore(i)) &&
                 !Ordinal(i, unit, e) && !RateAfter(e)) {
        x.kind = kDuration, x.n = n, x.unit = unit, x.half = half;
        x.rule = adj ? "n-unit-adj" : "n-units";
        take(e, x);
      }
    }
  }
  // "a day-long strike", "a decades-long embargo": the duration of a unit (X for plurals)
  if ((lm_ & extract::kEN) && Is(i, extract::kUnit, &u) && u >= extract::kUHour &&
      u != extract::kUQuarter && P(i + 1, '-') && Tight(i + 1) && W(i + 2, "long") &&
      Tight(i + 2) && !(i > 0 && P(i - 1, '-') && Tight(i))) {
    Cand x;
    x.kind = kDuration, x.unit = u, x.n = Is(i, extract::kPlural) ? -1 : 1;
    x.rule = "unit-long";
    take(i + 3, x);
  }
  // "the near future", "the near term", "the short term", "a later date": ahead, no date
  if ((lm_ & extract::kEN) &&
      ((W(i, "the") && ((W(i + 1, "near") && (W(i + 2, "future") || W(i + 2, "term"))) ||
                        (W(i + 1, "short") && W(i + 2, "term")))) ||
       (W(i, "a") && W(i + 1, "later") && W(i + 2, "date")))) {
    Cand x;
    x.kind = kRefK, x.ref = 2;
    x.rule = "near-future";
    take(i + 3, x);
  }
  // "the weeks ahead", "the months ahead": as "the coming weeks" (PXW, PXM)
  if ((lm_ & extract::kEN) && W(i, "the") && Is(i + 1, extract::kPlural) &&
      Is(i + 1, extract::kUnit, &u) && W(i + 2, "ahead")) {
    Cand x;
    x.kind = kDuration, x.n = -1, x.unit = u;
    x.rule = "units-ahead";
    take(i + 3, x);
  }
  // A bare plural after for/within/in/over: "for weeks", "within weeks", "the first time in
  // years" are unspecified durations (PXW, PXY); not "in years of drought", "weeks ago".
  if ((lm_ & extract::kEN) && Is(i, extract::kPlural) && Is(i, extract::kUnit, &u) &&
      u >= extract::kUDay && u != extract::kUQuarter &&
      (W(i - 1, "for") || W(i - 1, "within") || W(i - 1, "in") || W(i - 1, "over")) &&
      !W(i + 1, "of") && !Is(i + 1, extract::kAgo) && !W(i + 1, "before") && !W(i + 1, "after") &&
      !(i + 1 < N() && (tk_[i + 1].nd || Is(i + 1, extract::kNum))) &&  // "in years one and two"
      !(i + 1 < N() && tk_[i + 1].fl && !tk_[i + 1].p && Is(i + 1, extract::kUnit))) {
    Cand x;
    x.kind = kDuration, x.n = -1, x.unit = u;
    x.rule = "bare-units";
    take(i + 1, x);
  }
  // "a year earlier" handled above via kAgo (earlier/later).
  // Seasons: [in] SEASON [YEAR]
  if (Is(i, extract::kSeason, &v)) {
    bool ok = true;
    if (lm_ & extract::kFR && v == 2)
      ok = W(i - 1, "l") || W(i - 1, "cet") || W(i - 1, "en") || W(i - 1, "d");
    if ((lm_ & extract::kEN) && v == 3 && W(i, "fall"))
      ok = W(i - 1, "the") || W(i - 1, "this") || W(i - 1, "last") || W(i - 1, "next");
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
  // Quarters: "third quarter", "third-quarter", "het eerste kwartaal", "Q3", "first half",
  // "the 1988 second quarter", "the 1988 quarter" (the quarter last mentioned)
  {
    int j = i;
    int q = 0, yq = -1;
    if (tk_[j].nd == 4 && tk_[j].v >= 1800 && tk_[j].v <= 2100 && (lm_ & extract::kEN)) {
      yq = static_cast<int>(tk_[j].v);
      ++j;
      if (W(j, "quarter") && W(i - 1, "the")) {
        Cand x;
        x.kind = kQuarterK, x.q = -2, x.y = yq;
        x.rule = "year-quarter";
        take(j + 1, x);
      }
    }
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
        if (a > e) e = OfRelativeYear(a, e, &x);
        if (yq > 0) x.y = yq;
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
        if (a > e) e = OfRelativeYear(a, e, &x);
        if (yq > 0) x.y = yq;
        take(e, x);
      }
    }
    if (tk_[i].fl == 1 && F(i) == "q" && tk_[i].cap && i + 1 < N() && Tight(i + 1) &&
        Num(i + 1, 1, 4, &q)) {
      Cand x;
      x.kind = kQuarterK, x.q = q;
      x.rule = "Qn";
      take(i + 2, x);
    }
    if ((W(i, "the") || W(i, "het")) &&
        (Is(i + 1, extract::kUnit, &u) && u == extract::kUQuarter && !W(i + 1, "quarters"))) {
      Cand x;
      x.kind = kQuarterK, x.q = -1;
      x.rule = "the-quarter";
      take(i + 2, x);
    }
    if (W(i, "the") && W(i + 1, "latest") && Is(i + 2, extract::kUnit, &u) &&
        u == extract::kUQuarter) {
      Cand x;
      x.kind = kQuarterK, x.q = -1;
      x.rule = "the-latest-quarter";
      take(i + 3, x);
    }
  }
  if (tk_[i].cats & ((uint64_t{1} << extract::kArticle) | (uint64_t{1} << extract::kUnit))) {
    Cand x;
    int e = MatchTheYear(i, &x);
    if (e > 0) take(e, x);
  }
  // "the year two thousand (and one)" (broadcast transcripts)
  if (W(i, "year") && W(i + 1, "two") && W(i + 2, "thousand") && (lm_ & extract::kEN)) {
    Cand x;
    x.kind = kAbs, x.y = 2000;
    x.rule = "spoken-year";
    int e = i + 3, n = 0;
    if (W(e, "and") && Is(e + 1, extract::kNum, &n) && n < 10)
      x.y += n, e += 2;
    else if (Is(e, extract::kNum, &n) && n < 10)
      x.y += n, ++e;
    if (W(i - 1, "the")) x.i0 = i - 1;
    take(e, x);
  }
  if (W(i, "nineteen")) {
    Cand x;
    int e = MatchSpokenYear(i, &x);
    if (e > 0) take(e, x);
  }
  // Decades: 1990s, '90s, the nineties, de jaren negentig, jaren '90, les années 90, los años
  // noventa, anni '90
  {
    int y;
    if (tk_[i].nd == 4 && tk_[i].v % 10 == 0 && tk_[i].v >= 1000 && tk_[i].v < 2200 &&
        Tight(i + 1) && W(i + 1, "s")) {
      Cand x;
      x.kind = kDecadeK, x.y = static_cast<int>(tk_[i].v);
      x.rule = "decade";
      take(i + 2, x);
    }
    if (P(i, '\'') && i + 2 < N() && tk_[i + 1].nd == 2 && tk_[i + 1].v % 10 == 0 && Tight(i + 1) &&
        W(i + 2, "s")) {
      Cand x;
      x.kind = kDecadeK, x.y = 1900 + static_cast<int>(tk_[i + 1].v);
      x.rule = "decade-short";
      take(i + 3, x);
    }
    if (Is(i, extract::kDecadeWord, &v) && v > 0 && W(i - 1, "the")) {
      Cand x;  // "the nineties" (not "in her forties": only after "the")
      x.kind = kDecadeK, x.y = 1900 + v;
      x.rule = "decade-word";
      take(i + 1, x);
    }
    if (Is(i, extract::kDecadeWord, &v) && v == 0) {
      int j = i + 1;
      if (P(j, '\'')) ++j;
      int dv = -1;
      if (j < N() && (tk_[j].nd == 2 || tk_[j].nd == 4) && tk_[j].v % 10 == 0)
        dv = static_cast<int>(tk_[j].v % 100);
      else if (Is(j, extract::kTens, &v))
        dv = v;
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
    if (Num(j, 1, 21, &n) && Tight(j + 1) &&
        (W(j + 1, "th") || W(j + 1, "st") || W(j + 1, "e") || W(j + 1, "eme") || W(j + 1, "ste")))
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
      bool before_ok = i == 0 || tk_[i - 1].p != 0 || Is(i - 1, extract::kPrep) ||
                       Is(i - 1, extract::kArticle) || Is(i - 1, extract::kUnit) ||
                       Is(i - 1, extract::kFiscal) || tk_[i].nl || Is(i - 1, extract::kSeason) ||
                       W(i - 1, "year") || W(i - 1, "jaar") || W(i - 1, "jahr") ||
                       W(i - 1, "annee") || W(i - 1, "ano") || W(i - 1, "anno") || W(i - 1, "el") ||
                       W(i - 1, "nel") || W(i - 1, "del") ||
                       ((lm_ & extract::kEN) && W(i - 1, "due"));  // "bonds due 1993"
      bool after_ok = e >= N() || tk_[e].p != 0 || tk_[e].cap || Is(e, extract::kPrep) ||
                      Is(e, extract::kArticle) || Is(e, extract::kRangeTo) || W(e, "was") ||
                      W(e, "is") || W(e, "werd") || W(e, "war") || W(e, "fue") || W(e, "fu") ||
                      W(e, "had") || W(e, "when") || W(e, "toen") || W(e, "als") || W(e, "quand") ||
                      W(e, "cuando") || W(e, "quando") || W(e, "that") || W(e, "dat");
      bool mod_hyphen =
          P(i - 1, '-') && (Is(i - 2, extract::kModStart) || Is(i - 2, extract::kModMid) ||
                            Is(i - 2, extract::kModEnd));
      // "post-1959", "pre-1990": the year, the prefix in the span
      bool pre_post =
          P(i - 1, '-') && Tight(i - 1) && Tight(i) && (W(i - 2, "pre") || W(i - 2, "post"));
      if (P(e, '%') || P(e, '$') || P(i - 1, '$') || P(i - 1, '#') ||
          (P(i - 1, '-') && Tight(i) && !mod_hyphen) ||
          (P(e, '-') && Tight(e) && tk_[e + 1 < N() ? e + 1 : e].nd))
        before_ok = false;
      if (W(i - 1, "page") || W(i - 1, "pagina") || W(i - 1, "seite") || W(i - 1, "p"))
        before_ok = false;
      bool det = W(i - 1, "a") || W(i - 1, "his") || W(i - 1, "her") || W(i - 1, "its") ||
                 W(i - 1, "their") || W(i - 1, "our") || W(i - 1, "een") || W(i - 1, "zijn") ||
                 W(i - 1, "haar") || W(i - 1, "hun");
      if (P(e, '%') || P(i - 1, '$') || (P(i - 1, '-') && Tight(i) && !mod_hyphen) ||
          W(i - 1, "page") || W(i - 1, "pagina") || W(i - 1, "seite") || W(i - 1, "p") ||
          W(i - 1, "nummer") || W(i - 1, "number") || W(i - 1, "no"))
        det = after_ok = false;
      if (pre_post && !P(e, '%') && !(P(e, '-') && Tight(e))) {
        Cand x;
        x.kind = kAbs, x.y = y;
        x.i0 = i - 2;
        x.rule = "year";
        take(e, x);
      } else if ((before_ok && after_ok) || (det && !P(e, '-')) || YearModifier(i, e) ||
                 (before_ok && !Is(i - 1, extract::kArticle) &&
                  tk_[i - 1 >= 0 ? i - 1 : 0].p == 0 && !(e < N() && tk_[e].nd))) {
        Cand x;
        x.kind = kAbs, x.y = y;
        x.fiscal = Is(i - 1, extract::kFiscal);
        if (x.fiscal) x.i0 = i - 1;  // "fiscal 1989" is one expression (TimeBank)
        x.rule = "year";
        take(e, x);
      }
    }
  }
  // References
  if (Is(i, extract::kRef, &v)) {
    bool ok = true;
    if (W(i, "current") && !(Is(i + 1, extract::kUnit) || W(i + 1, "period") ||
                             W(i + 1, "levels") || W(i + 1, "level")))
      ok = true;
    if (W(i, "future") || W(i, "futuro") || W(i, "toekomst") || W(i, "avenir") || W(i, "zukunft"))
      ok = (W(i - 1, "the") || W(i - 1, "de") || W(i - 1, "l") || W(i - 1, "el") ||
            W(i - 1, "il") || W(i - 1, "der")) &&
           !(i + 1 < N() && tk_[i + 1].fl > 0 && (W(i + 1, "of") && false));
    if (W(i, "recent") && Is(i + 1, extract::kUnit, &u)) {
      // "in recent years": an unspecified stretch of time up to now (PXY)
      Cand x;
      x.kind = kDuration, x.n = -1, x.unit = u;
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
  if ((W(i, "year") || (W(i, "the") && W(i + 1, "year")))) {
    int k = W(i, "year") ? i : i + 1;
    if (P(k + 1, '-') && Tight(k + 1) && (W(k + 2, "earlier") || W(k + 2, "ago"))) {
      Cand x;
      x.kind = kRelUnit, x.unit = extract::kUYear, x.off = -1;
      x.rule = "n-units-ago-adj";
      int e = k + 3;
      if (W(e, "quarter") || W(e, "period")) ++e;
      if (W(i, "the") && e == k + 3) {
        // "the year-earlier" without a noun: start at "year"
        x.i0 = k;
      }
      x.q = W(k + 3, "quarter") ? 1 : W(k + 3, "period") ? 2 : 0;  // the noun: a quarter, a period
      // "the year-ago third quarter": that quarter of the year before
      int oq = 0, qe = k + 4;
      if (Is(k + 3, extract::kOrd, &oq) && oq >= 1 && oq <= 4 && P(qe, '-') && Tight(qe)) ++qe;
      if (oq >= 1 && oq <= 4 && W(qe, "quarter")) {
        x.kind = kQuarterK, x.q = oq, x.yrel = true, x.off = -1;
        x.rule = "year-ago-quarter";
        e = qe + 1;
      }
      take(e, x);
    }
  }
  // "in the past"
  if (W(i, "the") && W(i + 1, "past") && !Is(i + 2, extract::kUnit) && !Is(i + 2, extract::kNum) &&
      !Is(i + 2, extract::kTens) && !Is(i + 2, extract::kFew) && !(i + 2 < N() && tk_[i + 2].nd)) {
    Cand x;
    x.kind = kRefK, x.ref = 1;
    x.rule = "the-past";
    take(i + 2, x);
  }
  // Sets
  // (not after a quantity: "rise 8.5% annually", "10,000 units annually" are rates, as
  // "$2 million a year")
  if (Is(i, extract::kSetAdv, &v) && !(v >= extract::kUMonth && SetAdjective(i)) &&
      !((lm_ & extract::kEN) && RateBefore(i))) {
    Cand x;
    x.kind = kSetK, x.unit = v;
    x.rule = "frequency-adverb";
    take(i + 1, x);
  }
  if (Is(i, extract::kEvery) && !W(i, "per")) {
    Cand x;
    x.kind = kSetK;
    if (Is(i + 1, extract::kUnit, &u))
      x.unit = u, take(i + 2, x);
    else if (Is(i + 1, extract::kWeekday, &v))
      x.wd = v, take(i + 2, x);
    else if (int m = 0, e = MatchMonth(i + 1, &m); e > 0 && !(lm_ & extract::kAR) &&
                                                   Is(i + 1, extract::kMonth, &v) &&
                                                   (v < 100 || v == 105))
      x.m = m, take(e, x);  // "each July", "chaque juillet" (not Arabic: "كل أب", every father)
    x.rule = "every-unit";
    if (best > 0) bc.rule = "every-unit";
  }
  // "tous les jours", "todos los días", "alle Tage"
  if ((W(i, "tous") || W(i, "todos") || W(i, "tutti")) &&
      (W(i + 1, "les") || W(i + 1, "los") || W(i + 1, "i")) && Is(i + 2, extract::kUnit, &u)) {
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

// "the second half of next year", "het eerste kwartaal van vorig jaar": a quarter or half
// of the year `a` (after "of") names relative to the anchor; returns the new end (e if
// none).
int Tagger::OfRelativeYear(int a, int e, Cand* x) const {
  int off, u = 0;
  if (Is(a, extract::kLast))
    off = -1;
  else if (Is(a, extract::kNext))
    off = 1;
  else if (Is(a, extract::kThis))
    off = 0;
  else
    return e;
  if (!Is(a + 1, extract::kUnit, &u) || u != extract::kUYear || Is(a + 1, extract::kPlural))
    return e;
  x->yrel = true, x->off = off;
  return a + 2;
}

// English names that contain date words, outside the headline: "ABC's "This Week"",
// "CBS's "60 Minutes"" (a word after the first capitalised, as date words are not),
// "the film "High Noon"", "VOA Today" (a lower-case date word capitalised after a
// capitalised word), "the March for Life", "the "Spring of Life" demonstrations" (a
// month or season followed by of/for and a capitalised word).
bool Tagger::InName(const Cand& c) const {
  // English only: in German (or an unknown language) nouns are capitalised ("nächste Woche")
  if (lm_ != extract::kEN || c.i0 < 0 || c.i1 > N()) return false;
  if (c.i0 < headline_end_ && headline_end_ <= 40) return false;  // a headline (see MatchAll)
  // capitalised, not all capitals ("EST", "VOA")
  auto title = [&](int k) {
    const Tok& t = tk_[k];
    return t.cap && t.fl > 1 && t.e - t.b > 1 && t_[t.b + 1] >= 'a' && t_[t.b + 1] <= 'z';
  };
  auto proper = [&](int k) {  // date words that are always capitalised
    return Is(k, extract::kMonth) || Is(k, extract::kWeekday) || Is(k, extract::kHoliday);
  };
  if (!c.holiday)
    for (int k = c.i0 + 1; k < c.i1; ++k)
      if (tk_[k].fl && title(k) && !proper(k)) return true;
  if (c.i1 != c.i0 + 1) return false;
  int k = c.i0;
  if (title(k) && !proper(k) && k > 0 && !tk_[k].nl && tk_[k - 1].fl && tk_[k - 1].cap)
    return true;  // "High Noon", "VOA Today"
  bool bare = (c.kind == kAbs && c.m && !c.d && c.y < 0) || (c.kind == kSeasonK && c.y < 0);
  if (bare && title(k) && (W(k + 1, "of") || W(k + 1, "for"))) {
    int j = W(k + 2, "the") ? k + 3 : k + 2;
    return j < N() && title(j) && !proper(j);
  }
  return false;
}

// "this year's third quarter", "last year's first half", "last year's quarter" (the one
// last mentioned): a quarter or half of the year x names; returns the new end.
int Tagger::YearsQuarter(int e, Cand* x) const {
  if (!(lm_ & extract::kEN) || !P(e, '\'') || !W(e + 1, "s") || !Tight(e + 1)) return e;
  int k = e + 2, q = 0, u = 0;
  if (Is(k, extract::kFiscal)) ++k;
  if (Is(k, extract::kOrd, &q) && q >= 1 && q <= 4) {
    ++k;
    if (P(k, '-') && Tight(k)) ++k;
  }
  bool quarter = Is(k, extract::kUnit, &u) && u == extract::kUQuarter && !W(k, "quarters");
  if (!quarter && !(W(k, "half") && q >= 1 && q <= 2)) return e;
  x->kind = kQuarterK, x->yrel = true;
  if (quarter)
    x->q = q ? q : -2;
  else
    x->h = q;
  x->rule = "years-quarter";
  return k + 1;
}

// After a clock time: a time-zone abbreviation ("5 p.m. EST") or a parenthetical
// other time ("10:35 a.m. (0735 GMT)"); returns the token after them.
int Tagger::SkipTimeZone(int j) const {
  static const char* const kZones[] = {"est", "edt", "cst", "cdt", "mst", "mdt", "pst",
                                       "pdt", "gmt", "utc", "bst", "cet", "cest"};
  auto zone = [&](int k) {
    if (k >= N() || !tk_[k].cap) return false;
    for (const char* z : kZones)
      if (W(k, z)) return true;
    return false;
  };
  if (zone(j)) return j + 1;
  if (P(j, '(')) {
    for (int k = j + 1; k < j + 6 && k < N(); ++k) {
      if (P(k, ')')) return zone(k - 1) ? k + 1 : j;
      if (tk_[k].p && !P(k, ':') && !P(k, '.')) break;
    }
  }
  return j;
}

int Tagger::Match(int i, Cand* c) {
  int v;
  // Modifiers: early/mid/late, begin/medio/eind, Anfang/Mitte/Ende, début/mi/fin,
  // principios/mediados/finales, inizio/metà/fine
  char mod = 0;
  if (Is(i, extract::kModStart))
    mod = 'S';
  else if (Is(i, extract::kModMid))
    mod = 'M';
  else if (Is(i, extract::kModEnd))
    mod = 'E';
  if (mod) {
    int j = i + 1;
    if (P(j, '-') && Tight(j)) ++j;
    if (W(j, "of") || W(j, "van") || W(j, "de") || W(j, "del") || W(j, "di") || W(j, "d") ||
        W(j, "des"))
      ++j;
    if (P(j, '\'')) ++j;
    if (W(j, "the") || W(j, "het") || W(j, "la") || W(j, "l")) ++j;
    Cand x;
    int e = MatchCore(j, &x);
    if (e > 0 &&
        (x.kind == kAbs || x.kind == kSeasonK || x.kind == kDecadeK || x.kind == kRelUnit ||
         x.kind == kQuarterK) &&
        !x.d) {
      x.mod = mod;
      x.i0 = i;
      if (W(i - 1, "a") && (lm_ & (extract::kES | extract::kIT))) x.i0 = i - 1;
      *c = x;
      c->i1 = e;
      return e;
    }
    // English "mid-afternoon yesterday", "late morning Tuesday": that day's part
    int p = 0, dv = 0;
    if ((lm_ & extract::kEN) && Is(j, extract::kPod, &p)) {
      int k = j + 1;
      Cand y;
      if (Is(k, extract::kWeekday, &dv) && !Is(k + 1, extract::kPod) && !Is(k, extract::kPlural))
        y.kind = kWday, y.wd = dv, y.rule = "mod-pod-weekday";
      else if (Is(k, extract::kRelDay, &dv))
        y.kind = kRelDayK, y.off = dv, y.rule = "mod-pod-relative-day";
      if (y.rule[0]) {
        y.pod = p, y.mod = mod;
        y.i0 = i, y.i1 = k + 1;
        *c = y;
        return k + 1;
      }
    }
    if (W(i + 1, "of") || W(i + 1, "van")) {
      // "end of the year" etc. via "the year" below
      int k = i + 2;
      if ((W(k, "the") || W(k, "het") || W(k, "dit") || W(k, "this")) &&
          Is(k + 1, extract::kUnit, &v) && v >= extract::kUMonth) {
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
    // "this year", "dit jaar", "dieses Jahr", "cette année", "este año", "quest'anno" handled in
    // MatchRelative. "the year", "the week" (English, TimeBank): DATE of the current unit when not
    // followed by "of".
    return -1;
  }
  if (x.kind == kRelUnit && x.unit == extract::kUYear && x.n != -2) e = YearsQuarter(e, &x);
  // "earlier this year", "later this month": the span includes earlier/later, as in "later
  // that year" (TimeBank marks it so more often than not)
  if (x.kind == kRelUnit && x.off == 0 && (lm_ & extract::kEN) && W(x.i0, "this") &&
      (W(x.i0 - 1, "earlier") || W(x.i0 - 1, "later")))
    --x.i0;
  // the end of a period that is over: "the fiscal year ended Jan. 31" (on or before the
  // anchor, however far)
  if (x.kind == kAbs && x.y < 0 && x.d && x.dir == 2 && (lm_ & extract::kEN) &&
      W(x.i0 - 1, "ended"))
    x.dir = -1;
  // Leading words of durations: "the past three months", "nearly forty years", "more than four
  // hours"
  bool rel_units = std::strcmp(x.rule, "rel-units") == 0;  // spans as rel-unit ("coming weeks")
  if (x.kind == kDuration && std::strcmp(x.rule, "n-unit-adj") != 0 && !rel_units) {
    int k = x.i0;
    // not before "the": "over the past decade" is "the past decade"
    for (int guard = 0; guard < 4 && !W(k, "the"); ++guard) {
      if (W(k - 1, "nearly") || W(k - 1, "almost") || W(k - 1, "about") || W(k - 1, "some") ||
          W(k - 1, "over") || W(k - 1, "another") || W(k - 1, "past") || W(k - 1, "last") ||
          W(k - 1, "next") || W(k - 1, "first") || W(k - 1, "coming") || W(k - 1, "roughly") ||
          W(k - 1, "around"))  // not "only", "just": focus words outside the span
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
    if (W(k - 1, "the") && k < x.i0)
      --k;
    else if (W(k - 1, "the") && tk_[x.i0].nd == 0 && !W(x.i0, "a"))
      --k;
    x.i0 = k;
  } else if ((x.kind == kQuarterK || x.kind == kDecadeK || x.kind == kCenturyK ||
              ((x.kind == kRelUnit || rel_units) &&
               (W(x.i0, "following") || W(x.i0, "next") || W(x.i0, "previous") ||
                W(x.i0, "last")) &&
               W(x.i0 - 1, "the")) ||
              x.mod) &&
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
    if (W(j, "at") || W(j, "om") || W(j, "um") || W(j, "a") || W(j, "alle") || W(j, "vers") ||
        P(j, ','))
      ++j;
    if (W(j, "las") || W(j, "la")) ++j;
    int hh, mi;
    bool strong;
    int e2 = MatchTime(j, &hh, &mi, &strong);
    if (e2 > 0 && strong) {
      x.hh = hh, x.mi = mi;
      e = e2;
    }
  } else if (x.kind == kTimeOnly) {
    int j = SkipTimeZone(e);
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

}  // namespace dateline::dates_internal
