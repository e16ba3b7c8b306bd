#include <cctype>
#include <cstdio>

#include "dateline/document.h"

namespace dateline {

// Howard Hinnant's days_from_civil algorithm (public domain description).
int32_t DaysFromCivil(int32_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int32_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

void CivilFromDays(int32_t z, int32_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int32_t>(yoe) + era * 400 + (*m <= 2);
}

namespace {

bool IsLeap(int32_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int32_t y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly n digits at s[*i]; advances *i.
bool Digits(std::string_view s, size_t* i, int n, int* out) {
  if (*i + n > s.size()) return false;
  int v = 0;
  for (int k = 0; k < n; ++k) {
    char c = s[*i + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *i += n;
  *out = v;
  return true;
}

// Accepts the time part of an ISO 8601 date-time after the date: [T| ]HH:MM[:SS[.f+]][Z|±HH[:MM]].
bool ValidTime(std::string_view s) {
  size_t i = 0;
  int h, m, sec;
  if (!Digits(s, &i, 2, &h) || h > 24 || i >= s.size() || s[i++] != ':') return false;
  if (!Digits(s, &i, 2, &m) || m > 59) return false;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!Digits(s, &i, 2, &sec) || sec > 60) return false;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      ++i;
      size_t start = i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      if (i == start) return false;
    }
  }
  if (i == s.size()) return true;
  if (s[i] == 'Z' || s[i] == 'z') return i + 1 == s.size();
  if (s[i] != '+' && s[i] != '-') return false;
  ++i;
  int oh, om;
  if (!Digits(s, &i, 2, &oh) || oh > 14) return false;
  if (i == s.size()) return true;
  if (s[i] == ':') ++i;
  return Digits(s, &i, 2, &om) && om <= 59 && i == s.size();
}

}  // namespace

std::optional<Date> Date::Parse(std::string_view s) {
  size_t i = 0;
  int y, m, d;
  if (!Digits(s, &i, 4, &y)) return std::nullopt;
  Date out;
  out.year = y;
  if (i == s.size()) {
    out.precision = Precision::kYear;
    return out;
  }
  if (s[i++] != '-' || !Digits(s, &i, 2, &m) || m < 1 || m > 12) return std::nullopt;
  out.month = static_cast<uint8_t>(m);
  if (i == s.size()) {
    out.precision = Precision::kMonth;
    return out;
  }
  if (s[i++] != '-' || !Digits(s, &i, 2, &d) || d < 1 ||
      static_cast<unsigned>(d) > DaysInMonth(y, m)) {
    return std::nullopt;
  }
  out.day = static_cast<uint8_t>(d);
  out.precision = Precision::kDay;
  if (i == s.size()) return out;
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
  if (!ValidTime(s.substr(i + 1))) return std::nullopt;
  return out;
}

int32_t Date::FirstDay() const {
  switch (precision) {
    case Precision::kYear:
      return DaysFromCivil(year, 1, 1);
    case Precision::kMonth:
      return DaysFromCivil(year, month, 1);
    case Precision::kDay:
      break;
  }
  return DaysFromCivil(year, month, day);
}

int32_t Date::LastDay() const {
  switch (precision) {
    case Precision::kYear:
      return DaysFromCivil(year, 12, 31);
    case Precision::kMonth:
      return DaysFromCivil(year, month, DaysInMonth(year, month));
    case Precision::kDay:
      break;
  }
  return DaysFromCivil(year, month, day);
}

Date Date::FromDays(int32_t days, Precision p) {
  Date d;
  unsigned m, day;
  CivilFromDays(days, &d.year, &m, &day);
  d.precision = p;
  d.month = p == Precision::kYear ? 0 : static_cast<uint8_t>(m);
  d.day = p == Precision::kDay ? static_cast<uint8_t>(day) : 0;
  return d;
}

std::string Date::ToString() const {
  char buf[32];
  switch (precision) {
    case Precision::kYear:
      std::snprintf(buf, sizeof buf, "%04d", year);
      break;
    case Precision::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02u", year, unsigned{month});
      break;
    case Precision::kDay:
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, unsigned{month}, unsigned{day});
      break;
  }
  return buf;
}

std::string_view Date::PrecisionName() const {
  switch (precision) {
    case Precision::kYear:
      return "year";
    case Precision::kMonth:
      return "month";
    case Precision::kDay:
      break;
  }
  return "day";
}

}  // namespace dateline
