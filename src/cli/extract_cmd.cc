// `dateline extract`: the article of web pages (HTML, optionally gzipped) as text or JSON.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "cli/common.h"
#include "dateline/annotate.h"
#include "dateline/dates.h"
#include "dateline/text.h"
#include "dateline/web.h"
#include "ingest/source.h"
#include "util/json.h"

namespace dateline::cli {
namespace {

Status ReadAll(const std::string& path, std::string* out) {
  std::unique_ptr<ingest::FileSource> file;
  DL_RETURN_IF_ERROR(ingest::FileSource::Open(path, &file));
  auto peek = std::make_unique<ingest::PeekSource>(std::move(file));
  std::string_view head;
  DL_RETURN_IF_ERROR(peek->Peek(4, &head));
  const ingest::Compression c = ingest::SniffCompression(head);
  std::unique_ptr<ingest::Source> src = ingest::MakeDecompressor(c, std::move(peek));
  out->clear();
  char buf[1 << 16];
  for (;;) {
    size_t got = 0;
    Status s = src->Read(buf, sizeof buf, &got);
    if (!s.ok())
      return Status(s.IsCorruption() ? Status::Corruption(path + ": " + s.message())
                                     : Status::IOError(path + ": " + s.message()));
    if (got == 0) break;
    out->append(buf, got);
  }
  return Status::OK();
}

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// True when the bytes look like an HTML page rather than plain text.
bool LooksLikeHtml(std::string_view s, const std::string& path) {
  if (path.ends_with(".html") || path.ends_with(".htm") || path.ends_with(".html.gz") ||
      path.ends_with(".htm.gz")) {
    return true;
  }
  std::string head;
  for (char c : s.substr(0, 1024)) head.push_back(static_cast<char>(std::tolower(c)));
  return head.find("<html") != std::string::npos ||
         head.find("<!doctype html") != std::string::npos ||
         head.find("<body") != std::string::npos || head.find("<head") != std::string::npos;
}

// Entities, places and dates of a title and text, as JSON members or as lines.
std::string AnalysisJson(const std::string& title, const std::string& text, std::string lang,
                         const Date& date) {
  Document d;
  d.title = title;
  d.text = text;
  d.lang = lang;
  d.date = date;
  if (d.lang.empty()) {
    const text::LanguageGuess g = text::DetectLanguage(title + "\n" + text.substr(0, 4096));
    d.lang = g.lang;
  }
  const Annotations a = Annotate(d);
  return AnnotationMembers(title, text, d.lang, date, a);
}

void PrintAnalysis(const std::string& title, const std::string& text, const std::string& lang,
                   const Date& date) {
  Document d;
  d.title = title;
  d.text = text;
  d.lang = lang.empty() ? text::DetectLanguage(title + "\n" + text.substr(0, 4096)).lang : lang;
  d.date = date;
  const Annotations a = Annotate(d);
  std::printf("lang:    %s\n", d.lang.c_str());
  for (const FieldAnnotations* f : {&a.title, &a.text}) {
    for (const Entity& e : f->entities) {
      std::printf("%-6s %-36s key=%s\n", std::string(EntityTypeName(e.type)).c_str(),
                  e.text.c_str(), e.key.c_str());
    }
    for (const Place& p : f->places) {
      std::printf("PLACE  %-36s %s, %s (%.4f, %.4f) %s: %s\n", p.text.c_str(), p.name.c_str(),
                  p.country.c_str(), p.lat, p.lon, p.precision.c_str(), p.why.c_str());
    }
    for (const Quote& q : f->quotes) {
      std::printf("QUOTE  %-36s key=%s %s: %s\n", q.speaker.empty() ? "-" : q.speaker.c_str(),
                  q.speaker_key.c_str(), std::string(QuoteKindName(q.kind)).c_str(),
                  q.text.c_str());
    }
  }
  for (const std::string* field : {&title, &text}) {
    for (const TimeExpr& t : FindDates(*field, d.lang, date)) {
      std::printf("DATE   %-36s %s (%s) %s\n", t.text.c_str(), t.value.c_str(), t.precision.c_str(),
                  t.rule.c_str());
    }
  }
}

}  // namespace

int RunExtract(int argc, char** argv) {
  CLI::App app{
      "Find the entities, places and dates of a text; of a web page (HTML), first extract the "
      "article (title, text, date, authors, language, URL)",
      "dateline extract"};
  bool json = false, timing = false, force_text = false;
  std::string url, charset, lang, date_flag;
  app.add_option("--lang", lang, "Language of plain text (default: detected)");
  app.add_option("--date", date_flag, "Document date that relative dates resolve against");
  app.add_flag("--text", force_text, "Treat the input as plain text even if it looks like HTML");
  std::vector<std::string> files;
  app.add_flag("--json", json,
               "Print one JSON object per page: {title,text,date,date_source,authors,lang,url}");
  app.add_option("--url", url, "The page's URL (resolves the canonical link; date fallback)");
  app.add_option("--charset", charset, "The charset of the HTTP Content-Type header, if known");
  app.add_flag("--timing", timing, "Print extraction speed (pages per second) on stderr");
  app.add_option("files", files, "Text or HTML files (optionally .gz/.zst), or - for stdin")
      ->required();
  DL_PARSE_FLAGS(app, argc, argv);
  std::optional<Date> given_date;
  if (Status s = ParseDateFlag(date_flag, "--date", &given_date); !s.ok()) return Fail(s);
  if (!lang.empty()) {
    std::vector<std::string> codes;
    if (Status s = ParseLangs(lang, &codes); !s.ok()) return Fail(s);
    lang = codes.empty() ? "" : codes[0];
  }
  const Date no_date{0, 0, 0, Date::Precision::kYear};
  int rc = kExitOk;
  double seconds = 0, cpu_seconds = 0;
  uint64_t bytes = 0;
  size_t pages = 0;
  for (const std::string& path : files) {
    std::string html;
    if (Status s = ReadAll(path, &html); !s.ok()) {
      rc = Fail(s);
      if (json) std::printf("{\"error\":%s}\n", JsonString(s.message()).c_str());
      continue;
    }
    if (force_text || !LooksLikeHtml(html, path)) {
      const Date date = given_date.value_or(no_date);
      if (json) {
        std::printf("{\"file\":%s,%s}\n", JsonString(path).c_str(),
                    AnalysisJson("", html, lang, date).c_str());
      } else {
        if (files.size() > 1) std::printf("==> %s <==\n", path.c_str());
        PrintAnalysis("", html, lang, date);
      }
      continue;
    }
    web::Article a;
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = ThreadCpuSeconds();
    Status s = web::ExtractArticle(html, url, charset, &a);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    cpu_seconds += ThreadCpuSeconds() - c0;
    bytes += html.size();
    ++pages;
    if (!s.ok()) {
      std::fprintf(stderr, "dateline: %s: %s\n", path.c_str(), s.message().c_str());
      if (json) std::printf("{\"error\":%s}\n", JsonString(s.message()).c_str());
      rc = kExitRuntime;
      continue;
    }
    if (json) {
      // The article, plus what the other extractors find in it.
      std::string o = web::ArticleJson(a);
      o.pop_back();  // the closing brace
      const Date date = given_date ? *given_date : Date::Parse(a.date).value_or(no_date);
      o += "," + AnalysisJson(a.title, a.text, lang.empty() ? a.lang : lang, date) + "}";
      std::printf("%s\n", o.c_str());
      continue;
    }
    if (files.size() > 1) std::printf("==> %s <==\n", path.c_str());
    std::printf("title:   %s\ndate:    %s (%s)\nauthors: ", a.title.c_str(),
                a.date.empty() ? "-" : a.date.c_str(),
                a.date_source.empty() ? "none" : a.date_source.c_str());
    for (size_t i = 0; i < a.authors.size(); ++i)
      std::printf("%s%s", i ? "; " : "", a.authors[i].c_str());
    std::printf("\nlang:    %s\nurl:     %s\nencoding: %s (%s)\n\n%s\n", a.lang.c_str(),
                a.url.c_str(), a.encoding.c_str(), a.encoding_source.c_str(), a.text.c_str());
  }
  if (timing && pages > 0) {
    std::fprintf(stderr,
                 "extracted %zu pages (%.1f MB) in %.3f s: %.0f pages/s, %.1f MB/s; "
                 "CPU time %.3f s: %.0f pages/s per core\n",
                 pages, bytes / 1e6, seconds, pages / seconds, bytes / 1e6 / seconds, cpu_seconds,
                 pages / cpu_seconds);
  }
  return rc;
}

}  // namespace dateline::cli
