#include "cli/common.h"

#include <cstdlib>

#include "dateline/dates.h"
#include "util/json.h"

namespace dateline::cli {

std::string ResolveIndexDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("DATELINE_INDEX");
  if (env != nullptr && *env != '\0') return env;
  return "dateline-index";
}

int Fail(const Status& s) {
  std::fprintf(stderr, "dateline: %s\n", s.ToString().c_str());
  return s.IsInvalidArgument() ? kExitUsage : kExitRuntime;
}

std::string SnippetHtml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case search::kMarkBegin:
        out += "<b>";
        break;
      case search::kMarkEnd:
        out += "</b>";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string SnippetForTerminal(const std::string& s, bool tty) {
  std::string out;
  for (char c : s) {
    if (c == search::kMarkBegin) {
      out += tty ? "\033[1m" : "[";
    } else if (c == search::kMarkEnd) {
      out += tty ? "\033[0m" : "]";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string HitJson(const search::Hit& h) {
  return JsonObject()
      .Str("id", h.id)
      .Str("date", h.date.ToString())
      .Str("date_precision", h.date.PrecisionName())
      .Str("lang", h.lang)
      .Str("title", h.title)
      .Str("source", h.source)
      .Str("url", h.url)
      .Num("score", h.score)
      .Num("matched", h.matched)
      .Str("snippet", SnippetHtml(h.snippet))
      .Finish();
}

std::string DatesJson(std::string_view text, std::string_view lang, const Date& date) {
  std::string o = "[";
  for (const TimeExpr& t : FindDates(text, lang, date)) {
    if (o.size() > 1) o += ",";
    o += JsonObject()
             .Num("start", t.start)
             .Num("end", t.end)
             .Str("text", t.text)
             .Str("type", t.type)
             .Str("value", t.value)
             .Str("value_end", t.value_end)
             .Str("precision", t.precision)
             .Str("anchor", t.anchor)
             .Str("rule", t.rule)
             .Finish();
  }
  return o + "]";
}

std::string DocumentJson(const Document& d) {
  return JsonObject()
      .Str("id", d.id)
      .Str("date", d.date.ToString())
      .Str("date_precision", d.date.PrecisionName())
      .Str("lang", d.lang)
      .Num("lang_confidence", d.lang_confidence)
      .Str("title", d.title)
      .Str("source", d.source)
      .Str("url", d.url)
      .Str("origin", d.origin)
      .Str("text", d.text)
      .Raw("extra", d.extra_json.empty() ? "{}" : d.extra_json)
      .Raw("dates", DatesJson(d.text, d.lang, d.date))
      .Finish();
}

}  // namespace dateline::cli
