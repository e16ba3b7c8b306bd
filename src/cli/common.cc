#include "cli/common.h"

#include <cstdlib>

#include "dateline/annotate.h"
#include "dateline/dates.h"
#include "dateline/text.h"
#include "util/json.h"

namespace dateline::cli {

std::string ResolveIndexDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("DATELINE_INDEX");
  if (env != nullptr && *env != '\0') return env;
  return "dateline-index";
}

Status ParseDateFlag(const std::string& s, const char* name, std::optional<Date>* out) {
  if (s.empty()) return Status::OK();
  auto d = Date::Parse(s);
  if (!d) return Status::InvalidArgument(std::string(name) + ": not a date: '" + s + "'");
  *out = d;
  return Status::OK();
}

Status ParseLangs(const std::string& csv, std::vector<std::string>* out) {
  size_t start = 0;
  while (start <= csv.size() && !csv.empty()) {
    size_t end = csv.find(',', start);
    if (end == std::string::npos) end = csv.size();
    std::string code = csv.substr(start, end - start);
    if (!code.empty()) {
      std::string norm = text::NormalizeLanguageCode(code);
      if (norm.empty()) return Status::InvalidArgument("--lang: unknown language '" + code + "'");
      out->push_back(norm);
    }
    start = end + 1;
  }
  return Status::OK();
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

namespace {

void AppendDates(std::string_view field, std::string_view text, std::string_view lang,
                 const Date& date, std::string* o) {
  for (const TimeExpr& t : FindDates(text, lang, date)) {
    if (o->size() > 1) *o += ",";
    *o += JsonObject()
              .Str("field", field)
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
}

void AppendEntities(std::string_view field, const FieldAnnotations& f, std::string* o) {
  for (const Entity& e : f.entities) {
    if (o->size() > 1) *o += ",";
    *o += JsonObject()
              .Str("field", field)
              .Str("text", e.text)
              .Str("type", EntityTypeName(e.type))
              .Num("start", e.start)
              .Num("end", e.end)
              .Str("key", e.key)
              .Finish();
  }
}

void AppendPlaces(std::string_view field, const FieldAnnotations& f, std::string* o) {
  for (const Place& p : f.places) {
    if (o->size() > 1) *o += ",";
    JsonObject j;
    j.Str("field", field).Str("text", p.text).Num("start", p.start).Num("end", p.end);
    *o += PlaceJsonMembers(p, &j).Finish();
  }
}

}  // namespace

JsonObject& PlaceJsonMembers(const Place& p, JsonObject* j) {
  return j->Num("geonames_id", static_cast<double>(p.geonames_id))
      .Str("name", p.name)
      .Str("country", p.country)
      .Str("admin1", p.admin1)
      .Str("feature", p.feature)
      .Num("lat", p.lat)
      .Num("lon", p.lon)
      .Str("precision", p.precision)
      .Num("radius_km", p.radius_km)
      .Str("why", p.why);
}

std::string DatesJson(std::string_view text, std::string_view lang, const Date& date) {
  std::string o = "[";
  AppendDates("text", text, lang, date, &o);
  return o + "]";
}

std::string AnnotationMembers(std::string_view title, std::string_view text, std::string_view lang,
                              const Date& date, const Annotations& a) {
  std::string ents = "[", places = "[", dates = "[";
  AppendEntities("title", a.title, &ents);
  AppendEntities("text", a.text, &ents);
  AppendPlaces("title", a.title, &places);
  AppendPlaces("text", a.text, &places);
  AppendDates("title", title, lang, date, &dates);
  AppendDates("text", text, lang, date, &dates);
  return "\"entities\":" + ents + "],\"places\":" + places + "],\"dates\":" + dates + "]";
}

std::string DocumentFieldsJson(const Document& d) {
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
      .Raw("annotated", d.annotations.empty() ? "false" : "true")
      .Finish();
}

std::string DocumentJson(const Document& d) {
  Annotations a;
  if (!DecodeAnnotations(d.annotations, d.title, d.text, &a)) a = Annotations();
  std::string o = DocumentFieldsJson(d);
  o.pop_back();
  return o + "," + AnnotationMembers(d.title, d.text, d.lang, d.date, a) + "}";
}

}  // namespace dateline::cli
