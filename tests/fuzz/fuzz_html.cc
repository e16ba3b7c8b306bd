// Fuzz target: one web page through the article extractor (charset detection,
// HTML parsing, boilerplate removal, date and language finding). The first
// input byte picks the HTTP charset given with it.
// Invariant: a Status or an article whose text fields are valid UTF-8.
#include <string>

#include "dateline/web.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using dateline::fuzz::Require;
  dateline::fuzz::Input in(data, size);
  static const char* const kCharsets[] = {"",           "utf-8",        "windows-1252",
                                          "iso-8859-1", "windows-1256", "utf-16",
                                          "x-unknown",  "shift_jis"};
  const char* charset = kCharsets[in.Byte() % 8];
  dateline::web::Article a;
  if (!dateline::web::ExtractArticle(in.Rest(), "https://news.example/2019/04/06/item.html",
                                     charset, &a)
           .ok())
    return 0;
  Require(dateline::fuzz::ValidUtf8(a.title) && dateline::fuzz::ValidUtf8(a.text),
          "article text is not valid UTF-8");
  (void)dateline::web::ArticleJson(a);
  return 0;
}
