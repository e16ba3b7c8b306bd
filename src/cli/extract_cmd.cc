// `dateline extract`: the article of web pages (HTML, optionally gzipped) as text or JSON.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "cli/common.h"
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

}  // namespace

int RunExtract(int argc, char** argv) {
  CLI::App app{"Extract the article (title, text, date, authors, language, URL) of web pages",
               "dateline extract"};
  bool json = false, timing = false;
  std::string url, charset;
  std::vector<std::string> files;
  app.add_flag("--json", json,
               "Print one JSON object per page: {title,text,date,date_source,authors,lang,url}");
  app.add_option("--url", url, "The page's URL (resolves the canonical link; date fallback)");
  app.add_option("--charset", charset, "The charset of the HTTP Content-Type header, if known");
  app.add_flag("--timing", timing, "Print extraction speed (pages per second) on stderr");
  app.add_option("files", files, "HTML files (.html, .htm, optionally .gz) or - for stdin")
      ->required();
  DL_PARSE_FLAGS(app, argc, argv);
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
      const Date date = Date::Parse(a.date).value_or(Date{0, 0, 0, Date::Precision::kYear});
      o += ",\"dates\":" + DatesJson(a.text, a.lang, date) + "}";
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
