// Evaluates dateline::FindDates on TimeML corpora (TempEval-3 .tml, MEANTIME
// CAT XML, dateline's own gold files in tests/data/dates) with the TempEval-3
// measures: strict / relaxed extraction P, R, F1; value accuracy (over relaxed
// matches) and value F1 (relaxed matches with the same value); type accuracy.
// Usage: eval_dates [-v] [-c] [-a] [--speed] [--cat-full-text] PATH...   (files or
// directories; -c adds the text around each wrong value, -a lists the right ones too; MEANTIME CAT
// files are scored on their annotated part, the title and first five sentences, unless
// --cat-full-text)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dateline/dates.h"

namespace fs = std::filesystem;
using dateline::Date;
using dateline::TimeExpr;

struct Gold {
  uint32_t start, end;
  std::string type, value;
};
struct Doc {
  std::string name, lang = "en", text;
  Date dct;
  std::vector<Gold> gold;
  // Expressions starting at or after this byte are not scored: MEANTIME annotates
  // time expressions only in the title and the first five sentences of a story.
  size_t scored_end = std::string::npos;
  // The span of the document date when it is part of the text (MEANTIME's date
  // line): like the DCT of a .tml file it is neither gold nor scored.
  uint32_t dct_start = 0, dct_end = 0;
};

// MEANTIME CAT files: sentence 0 is the title, 1 the date line; time expressions
// (and signals) are annotated in sentences 0-5 only, events and entities go on.
static int g_cat_sentences = 6;

static std::string Attr(const std::string& tag, const char* name) {
  std::string key = std::string(" ") + name + "=\"";
  size_t p = tag.find(key);
  if (p == std::string::npos) return "";
  p += key.size();
  size_t e = tag.find('"', p);
  return e == std::string::npos ? "" : tag.substr(p, e - p);
}

static void AppendEntity(const std::string& s, size_t* i, std::string* out) {
  static const struct {
    const char* e;
    const char* r;
  } kE[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
  for (auto& x : kE) {
    size_t n = std::strlen(x.e);
    if (s.compare(*i, n, x.e) == 0) {
      *out += x.r;
      *i += n;
      return;
    }
  }
  *out += '&';
  ++*i;
}

static Date DateOf(const std::string& v) {
  auto d = Date::Parse(v.substr(0, 10));
  if (!d) d = Date::Parse(v.substr(0, 7));
  if (!d) d = Date::Parse(v.substr(0, 4));
  return d ? *d : Date{};
}

// TimeML: DCT from the CREATION_TIME TIMEX3; text and inline TIMEX3 of <TEXT>.
static bool ReadTml(const std::string& s, Doc* d) {
  size_t p = s.find("functionInDocument=\"CREATION_TIME\"");
  if (p != std::string::npos) {
    size_t b = s.rfind('<', p);
    size_t e = s.find('>', p);
    d->dct = DateOf(Attr(s.substr(b, e - b), "value"));
  }
  size_t r = s.find("<TimeML");
  if (r != std::string::npos) {
    std::string lang = Attr(s.substr(r, s.find('>', r) - r), "lang");
    if (!lang.empty()) d->lang = lang;
  }
  size_t tb = s.find("<TEXT>"), te = s.find("</TEXT>");
  if (tb == std::string::npos || te == std::string::npos) return false;
  std::vector<Gold> open;
  for (size_t i = tb + 6; i < te;) {
    if (s[i] == '<') {
      size_t e = s.find('>', i);
      std::string tag = s.substr(i, e - i + 1);
      if (tag.compare(0, 7, "<TIMEX3") == 0) {
        Gold g{static_cast<uint32_t>(d->text.size()), 0, Attr(tag, "type"), Attr(tag, "value")};
        open.push_back(g);
      } else if (tag.compare(0, 9, "</TIMEX3>") == 0 && !open.empty()) {
        Gold g = open.back();
        open.pop_back();
        g.end = static_cast<uint32_t>(d->text.size());
        // trim spaces
        while (g.start < g.end && d->text[g.start] == ' ') ++g.start;
        while (g.end > g.start && d->text[g.end - 1] == ' ') --g.end;
        if (g.end > g.start) d->gold.push_back(g);
      }
      i = e + 1;
    } else if (s[i] == '&') {
      AppendEntity(s, &i, &d->text);
    } else {
      d->text += s[i++];
    }
  }
  return true;
}

// MEANTIME CAT XML: tokens joined by spaces (newline between sentences);
// TIMEX3 markables anchored on token ids; DCT = CREATION_TIME markable.
static bool ReadCat(const std::string& s, Doc* d) {
  std::vector<std::pair<uint32_t, uint32_t>> tokspan(1, {0, 0});
  std::vector<int> ids;
  std::string cur_sent;
  size_t p = 0;
  std::vector<std::pair<int, std::pair<uint32_t, uint32_t>>> idspan;
  std::string last_sent = "";
  while ((p = s.find("<token ", p)) != std::string::npos) {
    size_t e = s.find('>', p);
    std::string tag = s.substr(p, e - p + 1);
    size_t c = s.find("</token>", e);
    std::string raw = s.substr(e + 1, c - e - 1), w;
    for (size_t i = 0; i < raw.size();) {
      if (raw[i] == '&')
        AppendEntity(raw, &i, &w);
      else
        w += raw[i++];
    }
    std::string sent = Attr(tag, "sentence");
    if (g_cat_sentences > 0 && d->scored_end == std::string::npos &&
        std::atoi(sent.c_str()) >= g_cat_sentences)
      d->scored_end = d->text.size();
    if (!d->text.empty()) d->text += (sent != last_sent) ? "\n" : " ";
    last_sent = sent;
    uint32_t b = static_cast<uint32_t>(d->text.size());
    d->text += w;
    idspan.push_back(
        {std::atoi(Attr(tag, "t_id").c_str()), {b, static_cast<uint32_t>(d->text.size())}});
    p = c;
  }
  auto span_of = [&](int id, uint32_t* b, uint32_t* e) {
    for (auto& x : idspan)
      if (x.first == id) {
        *b = x.second.first, *e = x.second.second;
        return true;
      }
    return false;
  };
  p = 0;
  while ((p = s.find("<TIMEX3 ", p)) != std::string::npos) {
    size_t e = s.find('>', p);
    std::string tag = s.substr(p, e - p + 1);
    if (Attr(tag, "functionInDocument") == "CREATION_TIME") d->dct = DateOf(Attr(tag, "value"));
    if (tag[tag.size() - 2] == '/') {
      p = e;
      continue;
    }
    size_t c = s.find("</TIMEX3>", e);
    std::string body = s.substr(e, c - e);
    uint32_t lo = UINT32_MAX, hi = 0;
    size_t q = 0;
    while ((q = body.find("t_id=\"", q)) != std::string::npos) {
      uint32_t b, en;
      if (span_of(std::atoi(body.c_str() + q + 6), &b, &en))
        lo = std::min(lo, b), hi = std::max(hi, en);
      q += 6;
    }
    if (lo < hi && Attr(tag, "functionInDocument") == "CREATION_TIME")
      d->dct_start = lo, d->dct_end = hi;
    else if (lo < hi)
      d->gold.push_back({lo, hi, Attr(tag, "type"), Attr(tag, "value")});
    p = c;
  }
  return !d->text.empty();
}

struct Counts {
  int gold = 0, sys = 0, strict = 0, relaxed = 0, value = 0, type = 0;
  void Add(const Counts& o) {
    gold += o.gold, sys += o.sys, strict += o.strict, relaxed += o.relaxed, value += o.value,
        type += o.type;
  }
};

static void Print(const char* name, const Counts& c) {
  auto f1 = [](double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; };
  double sp = c.sys ? double(c.strict) / c.sys : 0, sr = c.gold ? double(c.strict) / c.gold : 0;
  double rp = c.sys ? double(c.relaxed) / c.sys : 0, rr = c.gold ? double(c.relaxed) / c.gold : 0;
  double vp = c.sys ? double(c.value) / c.sys : 0, vr = c.gold ? double(c.value) / c.gold : 0;
  std::printf(
      "%-28s gold %5d sys %5d | strict P %.3f R %.3f F1 %.3f | relaxed P %.3f R %.3f F1 %.3f | "
      "value acc %.3f F1 %.3f | type acc %.3f\n",
      name, c.gold, c.sys, sp, sr, f1(sp, sr), rp, rr, f1(rp, rr),
      c.relaxed ? double(c.value) / c.relaxed : 0, f1(vp, vr),
      c.relaxed ? double(c.type) / c.relaxed : 0);
}

// The text around [b, e) on one line, the expression in brackets.
static void PrintContext(const std::string& text, uint32_t b, uint32_t e) {
  size_t from = b > 160 ? b - 160 : 0, to = std::min<size_t>(text.size(), e + 100);
  std::string s =
      text.substr(from, b - from) + "[[" + text.substr(b, e - b) + "]]" + text.substr(e, to - e);
  for (char& ch : s)
    if (ch == '\n') ch = ' ';
  std::printf("     ... %s ...\n", s.c_str());
}

int main(int argc, char** argv) {
  bool verbose = false, speed = false, context = false, show_all = false;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "-v"))
      verbose = true;
    else if (!std::strcmp(argv[i], "-c"))
      verbose = context = true;
    else if (!std::strcmp(argv[i], "-a"))
      verbose = show_all = true;
    else if (!std::strcmp(argv[i], "--speed"))
      speed = true;
    else if (!std::strcmp(argv[i], "--cat-full-text"))
      g_cat_sentences = 0;
    else
      paths.push_back(argv[i]);
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: eval_dates [-v] [-c] [-a] [--speed] [--cat-full-text] PATH...\n");
    return 2;
  }
  std::vector<std::pair<std::string, std::vector<Doc>>> corpora;
  for (const std::string& p : paths) {
    std::vector<std::string> files;
    if (fs::is_directory(p)) {
      for (auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file() &&
            (e.path().extension() == ".tml" || e.path().extension() == ".xml"))
          files.push_back(e.path().string());
    } else {
      files.push_back(p);
    }
    std::sort(files.begin(), files.end());
    std::vector<Doc> docs;
    for (const std::string& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      std::string s = ss.str();
      Doc d;
      d.name = fs::path(f).filename().string();
      bool ok = s.find("<token ") != std::string::npos ? ReadCat(s, &d) : ReadTml(s, &d);
      if (ok) docs.push_back(std::move(d));
    }
    corpora.push_back({p, std::move(docs)});
  }
  Counts all;
  for (auto& [name, docs] : corpora) {
    Counts cc;
    std::vector<std::pair<std::string, Counts>> bylang;
    for (const Doc& d : docs) {
      std::vector<TimeExpr> sys = dateline::FindDates(d.text, d.lang, d.dct);
      std::erase_if(sys, [&](const TimeExpr& x) {
        return x.start >= d.scored_end || (x.start < d.dct_end && x.end > d.dct_start);
      });
      Counts c;
      c.gold = static_cast<int>(d.gold.size());
      c.sys = static_cast<int>(sys.size());
      std::vector<bool> used(sys.size(), false);
      for (const Gold& g : d.gold) {
        int best = -1;
        for (size_t k = 0; k < sys.size(); ++k) {
          if (used[k] || sys[k].end <= g.start || sys[k].start >= g.end) continue;
          if (best < 0 || (sys[k].start == g.start && sys[k].end == g.end))
            best = static_cast<int>(k);
        }
        if (best < 0) {
          if (verbose)
            std::printf("MISS %s [%s] %s %s\n", d.name.c_str(),
                        d.text.substr(g.start, g.end - g.start).c_str(), g.type.c_str(),
                        g.value.c_str());
          if (context) PrintContext(d.text, g.start, g.end);
          continue;
        }
        used[best] = true;
        const TimeExpr& x = sys[best];
        ++c.relaxed;
        if (x.start == g.start && x.end == g.end)
          ++c.strict;
        else if (verbose)
          std::printf("SPAN %s gold [%s] sys [%s]\n", d.name.c_str(),
                      d.text.substr(g.start, g.end - g.start).c_str(), x.text.c_str());
        if (x.value == g.value && show_all)
          std::printf("OK   %s [%s] %s %s | %s\n", d.name.c_str(), x.text.c_str(), x.type.c_str(),
                      x.value.c_str(), x.rule.c_str());
        if (x.value == g.value)
          ++c.value;
        else if (verbose)
          std::printf("VAL  %s [%s] gold %s %s sys %s %s dct %s | %s\n", d.name.c_str(),
                      x.text.c_str(), g.type.c_str(), g.value.c_str(), x.type.c_str(),
                      x.value.c_str(), d.dct.ToString().c_str(), x.rule.c_str());
        if (x.value != g.value && context) PrintContext(d.text, x.start, x.end);
        if (x.type == g.type) ++c.type;
      }
      if (verbose)
        for (size_t k = 0; k < sys.size(); ++k) {
          if (used[k]) continue;
          std::printf("FP   %s [%s] %s %s\n", d.name.c_str(), sys[k].text.c_str(),
                      sys[k].type.c_str(), sys[k].value.c_str());
          if (context) PrintContext(d.text, sys[k].start, sys[k].end);
        }
      cc.Add(c);
      if (d.lang != "en" || name.find("dates") != std::string::npos) {
        bool found = false;
        for (auto& [l, lc] : bylang)
          if (l == d.lang) lc.Add(c), found = true;
        if (!found) bylang.push_back({d.lang, c});
      }
    }
    for (auto& [l, lc] : bylang) Print(("  lang " + l).c_str(), lc);
    Print(fs::path(name).filename().string().c_str(), cc);
    all.Add(cc);
    if (speed) {
      size_t bytes = 0;
      for (const Doc& d : docs) bytes += d.text.size();
      size_t found = 0;
      auto t0 = std::chrono::steady_clock::now();
      int reps = 0;
      do {
        for (const Doc& d : docs) found += dateline::FindDates(d.text, d.lang, d.dct).size();
        ++reps;
      } while (std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::printf("  speed: %.1f MB/s (%zu bytes x %d runs, %.2f s, %zu expressions)\n",
                  bytes * reps / secs / 1e6, bytes, reps, secs, found);
    }
  }
  if (corpora.size() > 1) Print("ALL", all);
  return 0;
}
