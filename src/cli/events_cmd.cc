// `dateline events`: the events of the documents matching a query, merged
// across copies and independent reports, as a table, JSON, CSV or GeoJSON.
#include <CLI/CLI.hpp>

#include "cli/common.h"
#include "dateline/index.h"
#include "dateline/search.h"

namespace dateline::cli {

namespace {

constexpr size_t kSentenceBytes = 70;  // of the sentence in the table
constexpr size_t kCellBytes = 22;      // of an actor or place in the table

struct EventFlags {
  std::string index, from, to, langs, type, country, actor;
  std::vector<std::string> words;
  size_t limit = 20;
  bool json = false, csv = false, geojson = false;

  void Add(CLI::App* app) {
    app->add_option("--index", index, "Index directory");
    app->add_option("--from", from, "Earliest event date (YYYY, YYYY-MM or YYYY-MM-DD)");
    app->add_option("--to", to, "Latest event date");
    app->add_option("--lang", langs, "Languages of the documents, comma-separated (e.g. nl,de)");
    app->add_option("--type", type, "PLOVER event type (ASSAULT, PROTEST, ...)");
    app->add_option("--country", country, "Country of the event's place (name or ISO code)");
    app->add_option("--actor", actor, "Entity key or name of a source or target actor");
    app->add_option("--limit", limit, "How many events to list")->capture_default_str();
    auto* j = app->add_flag("--json", json, "Print JSON");
    auto* c = app->add_flag("--csv", csv, "Print CSV with ACLED-like columns")->excludes(j);
    app->add_flag("--geojson", geojson, "Print a GeoJSON FeatureCollection of points")
        ->excludes(j)
        ->excludes(c);
    app->add_option("query", words, "Query (see doc/query-syntax.md); none: every document");
  }

  // Parses the filters and the query, opens the index and runs the search.
  Status Run(std::vector<search::EventHit>* hits) const {
    search::EventFilter filter;
    DL_RETURN_IF_ERROR(ParseDateFlag(from, "--from", &filter.from));
    DL_RETURN_IF_ERROR(ParseDateFlag(to, "--to", &filter.to));
    DL_RETURN_IF_ERROR(search::MakeEventFilter(type, country, actor, "--", &filter));
    filter.limit = limit;
    search::SearchOptions opt;
    DL_RETURN_IF_ERROR(ParseLangs(langs, &opt.langs));
    std::string q;
    for (const auto& w : words) q += (q.empty() ? "" : " ") + w;
    search::QueryNode query;
    DL_RETURN_IF_ERROR(search::ParseQuery(q, &query));
    std::unique_ptr<IndexReader> reader;
    DL_RETURN_IF_ERROR(IndexReader::Open(ResolveIndexDir(index), &reader));
    return search::EventSearch(*reader, query, opt, filter, hits);
  }
};

// `s` cut to at most `max` bytes at a character boundary, "…" added when cut;
// line breaks become spaces.
std::string Shorten(std::string s, size_t max) {
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (s.size() <= max) return s;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n) + "\u2026";
}

void PrintTable(const std::vector<search::EventHit>& hits) {
  std::printf("%-10s  %-22s  %-22s  %-22s  %-22s  %7s  %s\n", "date", "type/mode", "actor1",
              "actor2", "place", "reports", "sentence");
  for (const search::EventHit& h : hits) {
    const std::vector<std::string> row = out::EventRow(h);
    // Columns: 0 event_date, 4 actor1, 5 actor2, 6 location, 11 notes, 12 plover_type, 13 mode.
    const std::string type = row[12] + (row[13].empty() ? "" : "/" + row[13]);
    std::printf("%-10s  %-22s  %-22s  %-22s  %-22s  %7u  %s\n", row[0].c_str(),
                Shorten(type, kCellBytes).c_str(), Shorten(row[4], kCellBytes).c_str(),
                Shorten(row[5], kCellBytes).c_str(), Shorten(row[6], kCellBytes).c_str(), h.reports,
                Shorten(row[11], kSentenceBytes).c_str());
  }
}

}  // namespace

int RunEvents(int argc, char** argv) {
  CLI::App app{"The events of the documents matching a query, merged across reports, newest first",
               "dateline events"};
  EventFlags flags;
  flags.Add(&app);
  DL_PARSE_FLAGS(app, argc, argv);
  std::vector<search::EventHit> hits;
  if (Status s = flags.Run(&hits); !s.ok()) return Fail(s);
  if (flags.json) {
    std::printf("%s\n", out::EventsJson(hits).c_str());
  } else if (flags.csv) {
    std::fputs(out::EventsCsv(hits).c_str(), stdout);
  } else if (flags.geojson) {
    std::printf("%s\n", out::EventsGeoJson(hits).c_str());
  } else {
    PrintTable(hits);
  }
  return kExitOk;
}

}  // namespace dateline::cli
