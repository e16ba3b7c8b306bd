// Date recognition for web pages.
#include "ingest/web/dates.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <vector>

#include "dateline/document.h"

namespace dateline::web {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

std::string Ymd(int y, int m, int d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

bool Plausible(int y, int m, int d) {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  return Date::Parse(Ymd(y, m, d)).has_value();
}

// Reads `n` digits at s[i]; -1 if not digits.
int Digits(std::string_view s, size_t i, size_t n) {
  if (i + n > s.size()) return -1;
  int v = 0;
  for (size_t k = 0; k < n; ++k) {
    if (!IsDigit(s[i + k])) return -1;
    v = v * 10 + (s[i + k] - '0');
  }
  return v;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// Month names (lower case, UTF-8) in English, French, German, Dutch, Spanish,
// Italian, Portuguese, with common abbreviations. Index = month - 1.
struct MonthName {
  const char* name;
  int month;
};
const MonthName kMonths[] = {
    {"january", 1},    {"jan", 1},       {"janvier", 1},   {"januar", 1},     {"januari", 1},
    {"enero", 1},      {"gennaio", 1},   {"janeiro", 1},   {"jänner", 1},     {"february", 2},
    {"feb", 2},        {"février", 2},   {"fevrier", 2},   {"februar", 2},    {"februari", 2},
    {"febrero", 2},    {"febbraio", 2},  {"fevereiro", 2}, {"march", 3},      {"mar", 3},
    {"mars", 3},       {"märz", 3},      {"maart", 3},     {"marzo", 3},      {"março", 3},
    {"april", 4},      {"apr", 4},       {"avril", 4},     {"abril", 4},      {"aprile", 4},
    {"may", 5},        {"mai", 5},       {"mei", 5},       {"mayo", 5},       {"maggio", 5},
    {"maio", 5},       {"june", 6},      {"jun", 6},       {"juin", 6},       {"juni", 6},
    {"junio", 6},      {"giugno", 6},    {"junho", 6},     {"july", 7},       {"jul", 7},
    {"juillet", 7},    {"juli", 7},      {"julio", 7},     {"luglio", 7},     {"julho", 7},
    {"august", 8},     {"aug", 8},       {"août", 8},      {"aout", 8},       {"augustus", 8},
    {"agosto", 8},     {"september", 9}, {"sep", 9},       {"sept", 9},       {"septembre", 9},
    {"septiembre", 9}, {"settembre", 9}, {"setembro", 9},  {"october", 10},   {"oct", 10},
    {"octobre", 10},   {"oktober", 10},  {"octubre", 10},  {"ottobre", 10},   {"outubro", 10},
    {"november", 11},  {"nov", 11},      {"novembre", 11}, {"noviembre", 11}, {"novembro", 11},
    {"december", 12},  {"dec", 12},      {"décembre", 12}, {"decembre", 12},  {"dezember", 12},
    {"diciembre", 12}, {"dicembre", 12}, {"dezembro", 12},
};

int MonthFromWord(std::string_view w) {
  std::string l = Lower(w);
  if (!l.empty() && l.back() == '.') l.pop_back();
  for (const MonthName& m : kMonths) {
    if (l == m.name) return m.month;
  }
  return 0;
}

struct Tok {
  std::string_view text;
  bool number;
};

}  // namespace

std::string NormalizeDateValue(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\n' || v.front() == '\t'))
    v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\n' || v.back() == '\t'))
    v.remove_suffix(1);
  if (v.size() >= 10 && Digits(v, 0, 4) >= 0 && v[4] == '-' && v[7] == '-') {
    const int y = Digits(v, 0, 4), m = Digits(v, 5, 2), d = Digits(v, 8, 2);
    if (!Plausible(y, m, d)) return "";
    if (auto full = Date::Parse(v); full.has_value()) return std::string(v);
    // "2019-04-06T10:30:00.000000+0200" and other variants Date::Parse refuses: keep the day.
    return Ymd(y, m, d);
  }
  if (v.size() >= 8 && Digits(v, 0, 8) >= 0 && (v.size() == 8 || !IsDigit(v[8]))) {
    const int y = Digits(v, 0, 4), m = Digits(v, 4, 2), d = Digits(v, 6, 2);
    if (Plausible(y, m, d)) return Ymd(y, m, d);
    return "";
  }
  if (v.size() >= 7 && Digits(v, 0, 4) >= 0 && (v[4] == '/' || v[4] == '.') &&
      Digits(v, 5, 2) >= 0 && v.size() >= 10 && v[7] == v[4]) {
    const int y = Digits(v, 0, 4), m = Digits(v, 5, 2), d = Digits(v, 8, 2);
    if (Plausible(y, m, d)) return Ymd(y, m, d);
  }
  return DateFromText(v);
}

std::string DateFromUrl(std::string_view url) {
  // Skip scheme and host.
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : url.find('/', start + 3);
  if (start == std::string_view::npos) return "";
  const std::string_view path = url.substr(start);
  for (size_t i = 0; i + 5 <= path.size(); ++i) {
    if (path[i] != '/' && path[i] != '-' && path[i] != '_') continue;
    const size_t p = i + 1;
    const int y = Digits(path, p, 4);
    if (y < 1990 || y > 2100) continue;
    if (p + 4 < path.size() && IsDigit(path[p + 4])) {
      // /20190406/
      if (p + 8 <= path.size() && Digits(path, p, 8) >= 0 &&
          (p + 8 == path.size() || !IsDigit(path[p + 8]))) {
        const int m = Digits(path, p + 4, 2), d = Digits(path, p + 6, 2);
        if (Plausible(y, m, d)) return Ymd(y, m, d);
      }
      continue;
    }
    if (p + 4 >= path.size()) continue;
    const char sep = path[p + 4];
    if (sep != '/' && sep != '-' && sep != '_') continue;
    int m = Digits(path, p + 5, 2);
    size_t after_m = p + 7;
    if (m < 0) {
      m = Digits(path, p + 5, 1);
      after_m = p + 6;
      if (m < 0) continue;
    }
    if (m < 1 || m > 12) continue;
    if (after_m < path.size() && IsDigit(path[after_m])) continue;
    if (after_m < path.size() && path[after_m] == sep) {
      int d = Digits(path, after_m + 1, 2);
      size_t after_d = after_m + 3;
      if (d < 0) {
        d = Digits(path, after_m + 1, 1);
        after_d = after_m + 2;
      }
      if (d > 0 && (after_d >= path.size() || !IsDigit(path[after_d])) && Plausible(y, m, d)) {
        return Ymd(y, m, d);
      }
    }
    if (sep == '/') {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
      return buf;
    }
  }
  return "";
}

std::string DateFromText(std::string_view text) {
  // Tokenise into numbers and words (with a trailing '.' kept on words/numbers for
  // "6. April" and "Apr."), remembering separators for numeric dates.
  std::vector<Tok> toks;
  const size_t n = std::min<size_t>(text.size(), 4096);
  for (size_t i = 0; i < n;) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (IsDigit(static_cast<char>(c))) {
      // Numeric date forms first: 2019-04-06, 06.04.2019, 06/04/2019.
      const int y4 = Digits(text, i, 4);
      if (y4 >= 1990 && y4 <= 2100 && i + 10 <= n && (text[i + 4] == '-' || text[i + 4] == '/') &&
          text[i + 7] == text[i + 4] && (i == 0 || !IsDigit(text[i - 1]))) {
        const int m = Digits(text, i + 5, 2), d = Digits(text, i + 8, 2);
        if (m > 0 && d > 0 && Plausible(y4, m, d)) return Ymd(y4, m, d);
      }
      const int a = Digits(text, i, 2);
      if (a >= 0 && i + 10 <= n &&
          (text[i + 2] == '.' || text[i + 2] == '/' || text[i + 2] == '-') &&
          text[i + 5] == text[i + 2] && (i == 0 || !IsDigit(text[i - 1])) &&
          (i + 10 == n || !IsDigit(text[i + 10]))) {
        const int b = Digits(text, i + 3, 2), y = Digits(text, i + 6, 4);
        if (b >= 0 && y >= 0) {
          // Day first (as in most of the world) unless that is impossible.
          if (Plausible(y, b, a)) return Ymd(y, b, a);
          if (Plausible(y, a, b)) return Ymd(y, a, b);
        }
      }
      size_t j = i;
      while (j < n && IsDigit(text[j])) ++j;
      if (j < n && text[j] == '.') ++j;
      toks.push_back({text.substr(i, j - i), true});
      i = j;
    } else if (IsAlpha(c)) {
      size_t j = i;
      while (j < n && IsAlpha(static_cast<unsigned char>(text[j]))) ++j;
      if (j < n && text[j] == '.') ++j;
      toks.push_back({text.substr(i, j - i), false});
      i = j;
    } else {
      ++i;
    }
  }
  auto num = [](std::string_view t) {
    int v = 0;
    for (char c : t) {
      if (c == '.') break;
      v = v * 10 + (c - '0');
      if (v > 100000) return -1;
    }
    return v;
  };
  for (size_t k = 0; k < toks.size(); ++k) {
    if (toks[k].number) continue;
    const int m = MonthFromWord(toks[k].text);
    if (m == 0) continue;
    // "April 6, 2019" / "April 6th 2019"
    if (k + 1 < toks.size() && toks[k + 1].number) {
      const int d = num(toks[k + 1].text);
      size_t yk = k + 2;
      if (yk < toks.size() && !toks[yk].number &&
          (toks[yk].text == "th" || toks[yk].text == "st" || toks[yk].text == "nd" ||
           toks[yk].text == "rd"))
        ++yk;
      if (yk < toks.size() && toks[yk].number) {
        const int y = num(toks[yk].text);
        if (Plausible(y, m, d)) return Ymd(y, m, d);
      }
    }
    // "6 April 2019", "6. April 2019", "6 de abril de 2019"
    if (k >= 1) {
      size_t dk = k - 1;
      if (!toks[dk].number && toks[dk].text == "de" && dk >= 1) --dk;
      if (toks[dk].number) {
        const int d = num(toks[dk].text);
        size_t yk = k + 1;
        if (yk < toks.size() && !toks[yk].number && toks[yk].text == "de") ++yk;
        if (yk < toks.size() && toks[yk].number) {
          const int y = num(toks[yk].text);
          if (Plausible(y, m, d)) return Ymd(y, m, d);
        }
      }
    }
  }
  return "";
}

}  // namespace dateline::web
