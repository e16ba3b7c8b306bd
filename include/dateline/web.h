// Web pages: article extraction from HTML (title, body, date, authors, language,
// canonical URL), as used by the WARC and HTML readers of `dateline ingest` and by
// `dateline extract`. See doc/web-ingest.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dateline/status.h"

namespace dateline::web {

/// What ExtractArticle finds in a page.
struct Article {
  std::string title;
  std::string text;         // body paragraphs separated by "\n\n"; may be empty
  std::string date;         // publication date as ISO 8601 ("2019-04-06" or
                            // "2019-04-06T10:30:00+02:00"), "" if none was found
  std::string date_source;  // where the date came from: "article:published_time",
                            // "meta", "json-ld", "time", "itemprop", "url", "byline", or ""
  std::vector<std::string> authors;
  std::string lang;             // ISO 639-1, or "" when unknown
  std::string lang_declared;    // the <html lang> (normalised), "" if absent
  std::string url;              // canonical URL (<link rel=canonical>, og:url), else the page URL
  std::string encoding;         // the charset the page was decoded from, e.g. "windows-1252"
  std::string encoding_source;  // "http", "meta", "bom", "utf-8" or "detected"
};

/// Decodes `html` (raw bytes; `http_charset` is the charset of the HTTP
/// Content-Type, or "") to UTF-8 and extracts the article. `url` is the page's
/// address ("" if unknown): it resolves a relative canonical link and is a
/// last-resort source of the date. Returns InvalidArgument with the reason when
/// the page cannot be decoded or parsed; an empty body is not an error here.
Status ExtractArticle(std::string_view html, std::string_view url, std::string_view http_charset,
                      Article* out);

/// The article as the JSON object printed by `dateline extract --json`:
/// {"title","text","date","date_source","authors","lang","url"}.
std::string ArticleJson(const Article& a);

/// The host of a URL ("https://www.example.org/a/b" -> "www.example.org"), or "".
std::string UrlHost(std::string_view url);

/// Optional interface for a RecordSink: the WARC reader calls OnSkip for every
/// record it deliberately skips (request, metadata, non-HTML payload, HTTP error
/// status...). A sink that does not implement it only sees documents and rejects.
class SkipListener {
 public:
  virtual ~SkipListener() = default;
  virtual void OnSkip(const std::string& file, const std::string& reason) = 0;
};

}  // namespace dateline::web
