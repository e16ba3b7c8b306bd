// Temporal tagger, part 2: the hand-written patterns over tokens, with
// per-language word lists (see dates.cc for the pipeline); the matchers of a
// date's parts are in dates_parts.cc.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "dateline/dates.h"
#include "extract/dates_internal.h"
#include "extract/lexicon.h"

namespace dateline::dates_internal {

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
        if (f.starts_with(kWd[l][w]) && f.size() > std::strlen(kWd[l][w])) {
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
