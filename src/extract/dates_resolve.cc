// Temporal tagger, part 3: resolution of matched candidates against the
// document date (see dates.cc for the pipeline).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "dateline/dates.h"
#include "extract/dates_internal.h"
#include "extract/lexicon.h"

namespace dateline::dates_internal {
namespace {

const char* kPod[] = {"", "MO", "AF", "EV", "NI"};
const char* kSeasonCode[] = {"", "SP", "SU", "FA", "WI"};

// Half of a unit in the next smaller one, appended to a duration ("2 1/2 years" ->
// P2Y6M, "an hour and a half" -> PT1H30M); empty where ISO 8601 has no such unit.
std::string HalfUnit(int unit) {
  switch (unit) {
    case extract::kUYear:
      return "6M";
    case extract::kUDay:
      return "T12H";
    case extract::kUHour:
      return "30M";
    case extract::kUMinute:
      return "30S";
    default:
      return "";
  }
}

}  // namespace

// ---------------------------------------------------------------- resolve --

// Whether resolving c reads the tense of its sentence (then its tense cues are
// computed, see CueSentencesOfCandidates); `coarse`: the publication day is a range.
bool Tagger::ReadsTense(const Cand& c, bool coarse) {
  switch (c.kind) {
    case kWday:
    case kSeasonK:
      return true;
    case kRelUnit:
      return c.n == -2;
    case kAbs:
      return c.y < 0 || (coarse && c.d && c.m);
    case kQuarterK:
      return c.y < 0;
    default:
      return false;
  }
}

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

// Easter Sunday of year y (anonymous Gregorian algorithm): month * 100 + day.
static int EasterDay(int y) {
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
  int g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  return ((h + l - 7 * m + 114) / 31) * 100 + ((h + l - 7 * m + 114) % 31) + 1;
}

// A holiday: the year as for a day and month near it, then its day in that year.
Tagger::Res Tagger::ResolveHoliday(const Cand& c, int32_t pub, bool pub_known) const {
  Cand h = c;
  h.holiday = 0;
  Res r = Resolve(h, pub, pub_known);
  int y = r.value[0] == 'X' ? -1 : std::atoi(r.value.c_str());
  if (y < 0) return r;
  int32_t day;
  if (c.holiday == 1) {  // fourth Thursday of November
    int32_t first = DaysFromCivil(y, 11, 1);
    day = first + (4 - Weekday(first) + 7) % 7 + 21;
  } else if (c.holiday == 3) {  // US Election Day: the Tuesday after the first Monday of November
    int32_t first = DaysFromCivil(y, 11, 1);
    day = first + (1 - Weekday(first) + 7) % 7 + 1;
  } else if (c.holiday == 2) {
    int md = EasterDay(y);
    day = DaysFromCivil(y, md / 100, md % 100);
  } else {
    day = DaysFromCivil(y, c.holiday / 100, c.holiday % 100);
  }
  if (c.unit == extract::kUWeek) {
    int wy, wn;
    IsoWeek(day, &wy, &wn);
    r.value = Fmt("%04d-W%02d", wy, wn);
    r.precision = "week";
    r.span = true;
    r.first = IsoWeekStart(wy, wn);
    r.last = r.first + 6;
    return r;
  }
  int mm, dd;
  Ymd(day + c.off, &y, &mm, &dd);
  h.y = y, h.m = mm, h.d = dd, h.off = 0;
  return Resolve(h, pub, pub_known);
}

Tagger::Res Tagger::Resolve(const Cand& c, int32_t pub, bool pub_known) const {
  if (c.holiday) return ResolveHoliday(c, pub, pub_known);
  Res r;
  r.type = "DATE";
  int py = 0, pm = 0, pd = 0;
  if (pub_known) Ymd(pub, &py, &pm, &pd);
  int tense = c.dir;
  if (tense == 2 && ReadsTense(c, false)) {
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
          if (dir == -1 && c.m > pm + 1)
            y = py - 1;
          else if (dir == 1 && c.m < pm - 1)
            y = py + 1;
          else
            y = py;
        }
        if (y < 0 && c.d) {
          // nearest year; the tense moves a date more than a week on the wrong side
          y = YearFor(c.m, c.d, 0, pub);
          int32_t dd = DaysFromCivil(y, c.m, std::min(c.d, MonthDays(y, c.m)));
          if (c.dir == 2 && tense == -1 && dd > pub + 120)
            --y;
          else if (c.dir == 2 && tense == 1 && dd < pub - 7)
            ++y;
          else if (c.dir == -1 && dd > pub)
            --y;
          else if (c.dir == 1 && dd < pub)
            ++y;
          // a weekday with it ("Sunday, March 10") picks, of this year and the ones next to
          // it, one in which the day falls on that weekday; not near the anchor, where a
          // wrong weekday is likelier a slip than another year
          if (c.wd && c.d <= MonthDays(y, c.m) && Weekday(DaysFromCivil(y, c.m, c.d)) != c.wd &&
              std::abs(DaysFromCivil(y, c.m, c.d) - pub) > 60) {
            for (int k : {y - 1, y + 1, py, py - 1, py + 1})
              if (c.d <= MonthDays(k, c.m) && Weekday(DaysFromCivil(k, c.m, c.d)) == c.wd &&
                  std::abs(k - py) <= 1) {
                y = k;
                break;
              }
          }
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
          // "a year earlier" after a quarter: the same quarter a year before; "the
          // year-earlier quarter/period" refers to the quarter last mentioned wherever it is,
          // else (a quarter) the last completed one.
          bool adj = std::strcmp(c.rule, "n-units-ago-adj") == 0;
          if (c.rule[0] == 'n' && std::abs(c.off) == 1 && last_quarter_ &&
              ((adj && c.q) || c.i0 - last_quarter_tok_ < 60)) {
            r.value = Fmt("%04d-Q%d", last_quarter_year_ + c.off, last_quarter_);
            r.precision = "quarter";
            break;
          }
          if (adj && c.q == 1) {
            int qq = py * 4 + (pm - 1) / 3 - 1 + 4 * c.off;
            r.value = Fmt("%04d-Q%d", qq / 4, qq % 4 + 1);
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
        if (dir == -1)
          y = c.season < cur ? py : py - 1;
        else if (dir == 1)
          y = c.season > cur ? py : py + 1;
        else if (c.dir == 2 && tense == -1 && c.season > cur)
          y = py - 1;
        else if (c.dir == 2 && tense == 1 && c.season < cur)
          y = py + 1;
      }
      if (y < 0) {
        r.value = std::string("XXXX-") + kSeasonCode[c.season];
      } else {
        r.value = Fmt("%04d-", y) + kSeasonCode[c.season];
        r.span = true;
        static const int sm[] = {0, 3, 6, 9, 12};
        r.first = DaysFromCivil(y, sm[c.season],
                                c.season == 1   ? 20
                                : c.season == 2 ? 21
                                : c.season == 3 ? 22
                                                : 21);
        r.last =
            c.season == 4 ? DaysFromCivil(y + 1, 3, 19) : DaysFromCivil(y, sm[c.season] + 3, 20);
      }
      r.precision = "season";
      break;
    }
    case kQuarterK: {
      int y = c.y;
      if (c.yrel) y = pub_known ? py + c.off : -1;
      if (c.h) {
        if (y < 0 && pub_known)
          y = (c.h == 2 && pm <= 6) || (tense == -1 && c.h == 2 && pm <= 7) ? py - 1 : py;
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
      if (c.yrel) y = pub_known ? py + c.off : -1;
      if (q == -2) {  // "the 1988 quarter", "last year's quarter": the quarter last mentioned
        r.value = y < 0 ? std::string("XXXX") : Fmt("%04d", y);
        r.value += last_quarter_ ? Fmt("-Q%d", last_quarter_) : std::string("-QX");
        r.precision = "quarter";
        break;
      }
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
      static const char* const kUnitName[] = {"",        "second",  "minute",  "hour", "day",
                                              "week",    "month",   "quarter", "year", "decade",
                                              "century", "weekend", "half"};
      switch (c.unit) {
        case extract::kUSecond:
          r.value = "PT" + n + "S";
          break;
        case extract::kUMinute:
          r.value = "PT" + n + "M";
          break;
        case extract::kUHour:
          r.value = "PT" + n + "H";
          break;
        case extract::kUDay:
          r.value = "P" + n + "D";
          break;
        case extract::kUWeek:
          r.value = "P" + n + "W";
          break;
        case extract::kUMonth:
          r.value = "P" + n + "M";
          break;
        case extract::kUQuarter:
          r.value = c.n < 0 ? "PXQ" : "P" + std::to_string(3 * c.n) + "M";
          break;
        case extract::kUYear:
          r.value = "P" + n + "Y";
          break;
        case extract::kUDecade:
          // in years, as counted decades are ("four decades" P40Y): "decades" PXY
          r.value = c.n < 0 ? "PXY" : "P" + std::to_string(10 * c.n) + "Y";
          break;
        case extract::kUCentury:
          r.value = c.n < 0 ? "PXCE" : "P" + std::to_string(100 * c.n) + "Y";
          break;
        case extract::kUWeekend:
          r.value = "P" + std::to_string(2 * std::max(c.n, 1)) + "D";
          break;
        default:
          r.value = "PX";
      }
      if (c.half && c.n > 0) r.value += HalfUnit(c.unit);
      r.precision = c.unit >= 1 && c.unit <= 12 ? kUnitName[c.unit] : "";
      break;
    }
    case kSetK: {
      r.type = "SET";
      if (c.m) {  // "each July", "elke juli", "jeden Juli": that month of every year
        r.value = Fmt("XXXX-%02d", c.m);
        r.precision = "month";
      } else if (c.wd) {
        r.value = Fmt("XXXX-WXX-%d", c.wd);
        if (c.pod) r.value += std::string("T") + kPod[c.pod];
        r.precision = "day";
      } else {
        switch (c.unit) {
          case extract::kUHour:
            r.value = "PT1H";
            break;
          case extract::kUDay:
            r.value = "P1D";
            break;
          case extract::kUWeek:
            r.value = "P1W";
            break;
          case extract::kUMonth:
            r.value = "P1M";
            break;
          case extract::kUQuarter:
            r.value = "P3M";
            break;
          case extract::kUYear:
            r.value = "P1Y";
            break;
          default:
            r.value = "PX";
        }
      }
      break;
    }
    case kRefK:
      r.value = c.ref == 0 ? "PRESENT_REF" : c.ref == 1 ? "PAST_REF" : "FUTURE_REF";
      break;
    case kTimeOnly:
      if (!pub_known) {
        r.value = Fmt("XXXX-XX-XXT%02d:%02d", c.hh % 24, c.mi);
      } else {
        // a time alone is of the document's day ("at midnight": its first moment)
        r.value = DayStr(pub) + Fmt("T%02d:%02d", c.hh % 24, c.mi);
        r.span = true;
        r.first = r.last = pub;
      }
      r.type = "TIME";
      r.precision = "time";
      break;
  }
  return r;
}

}  // namespace dateline::dates_internal
