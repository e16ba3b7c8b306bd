// Throughput of dateline::FindDates on real news in JSON Lines (the bench corpus format:
// one object a line with "date", "date_precision", "lang", "title", "text"), run on title
// and text separately as ingest does. Also dumps every expression, to compare the output
// of two builds byte for byte.
// Usage: bench_dates [--lang en|--not-lang en] [--max-mb N] [--reps N] [--dump FILE] JSONL
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/dates.h"

namespace {

using dateline::Date;
using dateline::TimeExpr;

struct Doc {
  std::string lang, title, text;
  Date date;
};

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

uint32_t Hex4(std::string_view s, size_t i) {
  uint32_t v = 0;
  for (size_t k = i; k < i + 4 && k < s.size(); ++k) {
    char c = s[k];
    v = v * 16 + (c >= '0' && c <= '9'   ? c - '0'
                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                         : 0);
  }
  return v;
}

// The string value of "key" in a flat JSON object (enough for the bench corpus).
std::string Field(std::string_view line, const char* key) {
  std::string pat = std::string("\"") + key + "\": \"";
  size_t p = line.find(pat);
  if (p == std::string_view::npos) return "";
  std::string out;
  for (size_t i = p + pat.size(); i < line.size() && line[i] != '"'; ++i) {
    if (line[i] != '\\' || i + 1 >= line.size()) {
      out.push_back(line[i]);
      continue;
    }
    char e = line[++i];
    if (e == 'n')
      out.push_back('\n');
    else if (e == 't')
      out.push_back('\t');
    else if (e == 'r')
      out.push_back('\r');
    else if (e == 'b' || e == 'f')
      out.push_back(' ');
    else if (e != 'u')
      out.push_back(e);
    else {
      uint32_t cp = Hex4(line, i + 1);
      i += 4;
      if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < line.size() && line[i + 1] == '\\') {
        uint32_t lo = Hex4(line, i + 3);
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        i += 6;
      }
      AppendUtf8(cp, &out);
    }
  }
  return out;
}

Date DocDate(const std::string& d, const std::string& prec) {
  auto p = Date::Parse(d);
  if (!p) return Date{0, 0, 0, Date::Precision::kYear};
  Date x = *p;
  if (prec == "year") x = Date{x.year, 0, 0, Date::Precision::kYear};
  if (prec == "month") x = Date{x.year, x.month, 0, Date::Precision::kMonth};
  return x;
}

void Dump(FILE* f, const std::vector<TimeExpr>& v) {
  for (const TimeExpr& x : v)
    std::fprintf(f, "%u %u [%s] %s %s/%s %s %s | %s | %d %d %d\n", x.start, x.end, x.text.c_str(),
                 x.type.c_str(), x.value.c_str(), x.value_end.c_str(), x.precision.c_str(),
                 x.anchor.c_str(), x.rule.c_str(), x.has_span, x.first_day, x.last_day);
}

}  // namespace

int main(int argc, char** argv) {
  std::string lang, not_lang, dump, path;
  double max_mb = 1e9;
  int reps = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool more = i + 1 < argc;
    if (a == "--lang" && more)
      lang = argv[++i];
    else if (a == "--not-lang" && more)
      not_lang = argv[++i];
    else if (a == "--max-mb" && more)
      max_mb = std::atof(argv[++i]);
    else if (a == "--reps" && more)
      reps = std::atoi(argv[++i]);
    else if (a == "--dump" && more)
      dump = argv[++i];
    else
      path = a;
  }
  if (path.empty()) {
    std::fprintf(stderr,
                 "usage: bench_dates [--lang L|--not-lang L] [--max-mb N] [--reps N] "
                 "[--dump FILE] JSONL\n");
    return 2;
  }
  std::ifstream in(path, std::ios::binary);
  std::vector<Doc> docs;
  size_t bytes = 0;
  for (std::string line; std::getline(in, line) && bytes < max_mb * 1e6;) {
    Doc d;
    d.lang = Field(line, "lang");
    if ((!lang.empty() && d.lang != lang) || (!not_lang.empty() && d.lang == not_lang)) continue;
    d.title = Field(line, "title");
    d.text = Field(line, "text");
    d.date = DocDate(Field(line, "date"), Field(line, "date_precision"));
    bytes += d.title.size() + d.text.size();
    docs.push_back(std::move(d));
  }
  FILE* df = dump.empty() ? nullptr : std::fopen(dump.c_str(), "w");
  size_t found = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < reps; ++r) {
    for (const Doc& d : docs) {
      auto a = dateline::FindDates(d.title, d.lang, d.date);
      auto b = dateline::FindDates(d.text, d.lang, d.date);
      found += a.size() + b.size();
      if (df && r == 0) Dump(df, a), Dump(df, b);
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (df) std::fclose(df);
  std::printf("%zu docs, %zu bytes x %d, %.3f s, %.1f MB/s, %zu expressions\n", docs.size(), bytes,
              reps, secs, bytes * double(reps) / secs / 1e6, found);
  return 0;
}
