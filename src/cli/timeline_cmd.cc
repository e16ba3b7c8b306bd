// `dateline timeline`: the documents matching a query per day, week or month,
// with independent reports, top stories and top entities (doc/timeline.md).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "cli/common.h"
#include "cli/timeline_svg.h"
#include "dateline/index.h"
#include "dateline/timeline.h"
#include "util/json.h"

namespace dateline::cli {

namespace {

constexpr size_t kBarWidth = 30;    // characters of the longest bar in the table
constexpr size_t kTitleBytes = 60;  // of a story title in the table

struct TimelineFlags {
  std::string index, from, to, langs, by = "auto", svg;
  std::vector<std::string> types, words;
  size_t limit = 3;
  bool json = false, csv = false, by_event_date = false;

  std::string Query() const {
    std::string q;
    for (const auto& w : words) q += (q.empty() ? "" : " ") + w;
    return q;
  }
};

Status RunTimelineQuery(const TimelineFlags& f, search::Timeline* t) {
  search::TimelineOptions opt;
  DL_RETURN_IF_ERROR(ParseDateFlag(f.from, "--from", &opt.from));
  DL_RETURN_IF_ERROR(ParseDateFlag(f.to, "--to", &opt.to));
  DL_RETURN_IF_ERROR(ParseLangs(f.langs, &opt.langs));
  const auto by = search::ParseTimeUnit(f.by);
  if (!by) {
    return Status::InvalidArgument("--by: expected day, week, month or auto, not '" + f.by + "'");
  }
  opt.by = *by;
  opt.top = f.limit;
  opt.by_event_date = f.by_event_date;
  for (const std::string& s : f.types) {
    EntityType type;
    if (!ParseEntityType(s, &type)) {
      return Status::InvalidArgument("--type: expected PER, ORG, LOC or MISC, not '" + s + "'");
    }
    opt.types.push_back(type);
  }
  search::QueryNode query;
  DL_RETURN_IF_ERROR(search::ParseQuery(f.Query(), &query));
  std::unique_ptr<IndexReader> index;
  DL_RETURN_IF_ERROR(IndexReader::Open(ResolveIndexDir(f.index), &index));
  return search::BuildTimeline(*index, query, opt, t);
}

std::string Day(int32_t d) { return Date::FromDays(d).ToString(); }

// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
std::string Csv(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

// "name; name" (with counts: "name (documents); ..."); a name shown for two
// entities (types, or keys) gets its type: "US/LOC; US/ORG".
std::string EntityList(const search::TimelinePeriod& p, bool counts) {
  std::string o;
  for (const search::FacetValue& v : p.entities) {
    const bool twice = std::count_if(p.entities.begin(), p.entities.end(),
                                     [&](const auto& w) { return w.display == v.display; }) > 1;
    o += (o.empty() ? "" : "; ") + v.display + (twice ? "/" + v.type : "");
    if (counts) o += " (" + std::to_string(v.documents) + ")";
  }
  return o;
}

void PrintCsv(const search::Timeline& t) {
  std::printf(
      "period,first_date,last_date,documents,reports,top_story_id,top_story_title,"
      "top_story_documents,top_entities\n");
  for (const search::TimelinePeriod& p : t.periods) {
    const search::TimelineStory none;
    const search::TimelineStory& st = p.stories.empty() ? none : p.stories[0];
    std::printf("%s,%s,%s,%llu,%llu,%s,%s,%llu,%s\n", p.label.c_str(), Day(p.first_day).c_str(),
                Day(p.last_day).c_str(), static_cast<unsigned long long>(p.documents),
                static_cast<unsigned long long>(p.reports), Csv(st.id).c_str(),
                Csv(st.title).c_str(), static_cast<unsigned long long>(st.documents),
                Csv(EntityList(p, true)).c_str());
  }
}

// "###++": # for independent reports, + for the other documents (copies), scaled to `max`.
std::string Bar(const search::TimelinePeriod& p, uint64_t max) {
  auto scale = [&](uint64_t v) {
    if (v == 0 || max == 0) return size_t{0};
    return std::max<size_t>(1, static_cast<size_t>((v * kBarWidth + max / 2) / max));
  };
  const size_t docs = scale(p.documents), reports = std::min(docs, scale(p.reports));
  return std::string(reports, '#') + std::string(docs - reports, '+');
}

void PrintTable(const search::Timeline& t, const std::string& query) {
  std::printf("%s by %s%s: %llu documents, %llu independent reports",
              query.empty() ? "every document" : ("\"" + query + "\"").c_str(),
              std::string(search::TimeUnitName(t.by)).c_str(),
              t.by_event_date ? " of the dates mentioned" : "",
              static_cast<unsigned long long>(t.documents),
              static_cast<unsigned long long>(t.reports));
  if (t.undated > 0) {
    std::printf("; %llu %s (in no period)", static_cast<unsigned long long>(t.undated),
                search::UndatedReason(t).c_str());
  }
  std::printf("\nbar: # independent reports, + their copies\n\n");
  uint64_t max = 0;
  for (const search::TimelinePeriod& p : t.periods) max = std::max(max, p.documents);
  std::printf("%-10s  %6s  %7s  %-*s  %s\n", "period", "docs", "reports", int{kBarWidth}, "",
              "top story [documents]; top entities");
  for (const search::TimelinePeriod& p : t.periods) {
    std::string top;
    if (!p.stories.empty()) {
      const search::TimelineStory& st = p.stories[0];
      top = Shorten(st.title.empty() ? st.id : st.title, kTitleBytes) + " [" +
            std::to_string(st.documents) + "]";
    }
    const std::string ents = EntityList(p, false);
    if (!ents.empty()) top += (top.empty() ? "" : "; ") + ents;
    std::printf("%-10s  %6llu  %7llu  %-*s  %s\n", p.label.c_str(),
                static_cast<unsigned long long>(p.documents),
                static_cast<unsigned long long>(p.reports), int{kBarWidth}, Bar(p, max).c_str(),
                top.c_str());
  }
}

Status WriteSvg(const std::string& path, const std::string& svg) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return Status::IOError("--svg " + path + ": " + std::strerror(errno));
  const bool written = std::fwrite(svg.data(), 1, svg.size(), f) == svg.size();
  const int saved = errno;
  if (std::fclose(f) != 0 || !written) {
    return Status::IOError("--svg " + path + ": " + std::strerror(written ? errno : saved));
  }
  return Status::OK();
}

}  // namespace

int RunTimeline(int argc, char** argv) {
  CLI::App app{"Matching documents per day, week or month, with their stories and entities",
               "dateline timeline"};
  TimelineFlags f;
  app.add_option("--index", f.index, "Index directory");
  app.add_option("--from", f.from,
                 "Earliest publication date (YYYY, YYYY-MM or YYYY-MM-DD); with "
                 "--by-event-date, earliest date mentioned");
  app.add_option("--to", f.to, "Latest publication date (or date mentioned)");
  app.add_flag("--by-event-date", f.by_event_date,
               "Place documents by the dates their texts mention (each in every period of "
               "one), not by publication date");
  app.add_option("--lang", f.langs, "Languages, comma-separated (e.g. nl,de)");
  app.add_option("--by", f.by, "Period: day, week (ISO), month, or auto (from the span)")
      ->capture_default_str();
  app.add_option("--limit", f.limit, "Top stories and entities per period")->capture_default_str();
  app.add_option("--type", f.types, "Entity types counted: PER, ORG, LOC, MISC (repeatable)");
  auto* json = app.add_flag("--json", f.json, "Print JSON");
  app.add_flag("--csv", f.csv, "Print CSV, one line per period")->excludes(json);
  app.add_option("--svg", f.svg, "Also write a bar chart to this SVG file");
  app.add_option("query", f.words, "Query (see doc/query-syntax.md); none: every document");
  DL_PARSE_FLAGS(app, argc, argv);
  search::Timeline t;
  if (Status s = RunTimelineQuery(f, &t); !s.ok()) return Fail(s);
  if (!f.svg.empty()) {
    if (Status s = WriteSvg(f.svg, TimelineSvg(t, f.Query())); !s.ok()) {
      return Fail(s);
    }
  }
  if (f.json) {
    std::printf("%s\n", out::TimelineJson(t, f.Query()).c_str());
  } else if (f.csv) {
    PrintCsv(t);
  } else {
    PrintTable(t, f.Query());
  }
  return kExitOk;
}

}  // namespace dateline::cli
