// Temporal tagger, part 2a: the matchers of the parts a date is made of (days,
// months, years, numeric dates, numbers with units, times of day, relative
// phrases, holidays), used by MatchCore in dates_match.cc.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "dateline/dates.h"
#include "extract/dates_internal.h"
#include "extract/lexicon.h"

namespace dateline::dates_internal {
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
    if (s.starts_with("jarig") || s.starts_with("jahrig") || s.starts_with("jaehrig")) return -1;
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

}  // namespace dateline::dates_internal
