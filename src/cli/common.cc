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
  std::string o = "{\"id\":";
  AppendJsonString(&o, h.id);
  o += ",\"date\":";
  AppendJsonString(&o, h.date.ToString());
  o += ",\"date_precision\":";
  AppendJsonString(&o, h.date.PrecisionName());
  o += ",\"lang\":";
  AppendJsonString(&o, h.lang);
  o += ",\"title\":";
  AppendJsonString(&o, h.title);
  o += ",\"source\":";
  AppendJsonString(&o, h.source);
  o += ",\"url\":";
  AppendJsonString(&o, h.url);
  o += ",\"score\":";
  AppendJsonNumber(&o, h.score);
  o += ",\"matched\":" + std::to_string(h.matched);
  o += ",\"snippet\":";
  AppendJsonString(&o, SnippetHtml(h.snippet));
  o += "}";
  return o;
}

std::string DocumentJson(const Document& d) {
  std::string o = "{\"id\":";
  AppendJsonString(&o, d.id);
  o += ",\"date\":";
  AppendJsonString(&o, d.date.ToString());
  o += ",\"date_precision\":";
  AppendJsonString(&o, d.date.PrecisionName());
  o += ",\"lang\":";
  AppendJsonString(&o, d.lang);
  o += ",\"lang_confidence\":";
  AppendJsonNumber(&o, d.lang_confidence);
  o += ",\"title\":";
  AppendJsonString(&o, d.title);
  o += ",\"source\":";
  AppendJsonString(&o, d.source);
  o += ",\"url\":";
  AppendJsonString(&o, d.url);
  o += ",\"origin\":";
  AppendJsonString(&o, d.origin);
  o += ",\"text\":";
  AppendJsonString(&o, d.text);
  o += ",\"extra\":";
  o += d.extra_json.empty() ? "{}" : d.extra_json;
  o += ",\"dates\":[";
  bool first = true;
  for (const TimeExpr& t : FindDates(d.text, d.lang, d.date)) {
    o += first ? "{" : ",{";
    first = false;
    const std::pair<const char*, const std::string*> fields[] = {{"text", &t.text},
                                                                 {"type", &t.type},
                                                                 {"value", &t.value},
                                                                 {"value_end", &t.value_end},
                                                                 {"precision", &t.precision},
                                                                 {"anchor", &t.anchor},
                                                                 {"rule", &t.rule}};
    o += "\"start\":" + std::to_string(t.start) + ",\"end\":" + std::to_string(t.end);
    for (const auto& [key, val] : fields) {
      o += ",\"";
      o += key;
      o += "\":";
      AppendJsonString(&o, *val);
    }
    o += "}";
  }
  o += "]}";
  return o;
}

}  // namespace dateline::cli
