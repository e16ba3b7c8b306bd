// `dateline entities` and `dateline places`: the most frequent entities and
// places of the documents matching a query; `dateline quotes`: their quotes.
#include <CLI/CLI.hpp>

#include "cli/common.h"
#include "dateline/index.h"
#include "dateline/search.h"
#include "util/json.h"

namespace dateline::cli {

namespace {

// Flags shared by both commands: index, query and filters.
struct FacetFlags {
  std::string index, from, to, langs;
  std::vector<std::string> words;
  size_t limit = 20;
  bool json = false;

  void Add(CLI::App* app) {
    app->add_option("--index", index, "Index directory");
    app->add_option("--from", from, "Earliest publication date (YYYY, YYYY-MM or YYYY-MM-DD)");
    app->add_option("--to", to, "Latest publication date");
    app->add_option("--lang", langs, "Languages, comma-separated (e.g. nl,de)");
    app->add_option("--limit", limit, "How many to list")->capture_default_str();
    app->add_flag("--json", json, "Print JSON");
    app->add_option("query", words, "Query (see doc/query-syntax.md); none: every document");
  }

  // Opens the index and parses the query and filters.
  Status Prepare(std::unique_ptr<IndexReader>* reader, search::QueryNode* query,
                 search::SearchOptions* opt) const {
    DL_RETURN_IF_ERROR(ParseDateFlag(from, "--from", &opt->from));
    DL_RETURN_IF_ERROR(ParseDateFlag(to, "--to", &opt->to));
    DL_RETURN_IF_ERROR(ParseLangs(langs, &opt->langs));
    std::string q;
    for (const auto& w : words) q += (q.empty() ? "" : " ") + w;
    DL_RETURN_IF_ERROR(search::ParseQuery(q, query));
    return IndexReader::Open(ResolveIndexDir(index), reader);
  }
};

void PrintEntities(const std::vector<search::FacetValue>& values, bool json) {
  if (json) {
    std::printf("%s\n", out::EntitiesJson(values).c_str());
    return;
  }
  std::printf("%9s  %-4s  %-32s  %s\n", "documents", "type", "name", "key");
  for (const auto& v : values) {
    std::printf("%9llu  %-4s  %-32s  %s\n", static_cast<unsigned long long>(v.documents),
                v.type.c_str(), v.display.c_str(), v.key.c_str());
  }
}

void PrintPlaces(const std::vector<search::FacetValue>& values, bool json, bool geojson) {
  if (geojson || json) {
    std::printf("%s\n", (geojson ? out::PlacesGeoJson(values) : out::PlacesJson(values)).c_str());
    return;
  }
  std::printf("%9s  %-28s  %-2s  %-24s  %9s %10s  %s\n", "documents", "place", "cc", "region",
              "lat", "lon", "geonames");
  for (const auto& v : values) {
    const Place& p = v.place;
    std::printf("%9llu  %-28s  %-2s  %-24s  %9.4f %10.4f  %lld\n",
                static_cast<unsigned long long>(v.documents), v.display.c_str(), p.country.c_str(),
                p.admin1.c_str(), p.lat, p.lon, static_cast<long long>(p.geonames_id));
  }
}

void PrintQuotes(const std::vector<search::QuoteHit>& hits, bool json) {
  if (json) {
    std::printf("%s\n", out::QuotesJson(hits).c_str());
    return;
  }
  for (const auto& h : hits) {
    const Quote& q = h.quote;
    const std::string who = q.speaker.empty() ? "-" : q.speaker;
    std::printf("%s  %s  %s [%s] (%s): %s\n", h.date.ToString().c_str(), h.id.c_str(), who.c_str(),
                q.speaker_key.c_str(), std::string(QuoteKindName(q.kind)).c_str(), q.text.c_str());
  }
}

}  // namespace

int RunEntities(int argc, char** argv) {
  CLI::App app{"The most frequent entities of the documents matching a query", "dateline entities"};
  FacetFlags flags;
  flags.Add(&app);
  std::vector<std::string> types;
  app.add_option("--type", types, "PER, ORG, LOC or MISC (repeatable; default all)");
  DL_PARSE_FLAGS(app, argc, argv);
  std::vector<EntityType> want;
  for (const auto& t : types) {
    EntityType et;
    if (!ParseEntityType(t, &et))
      return Fail(Status::InvalidArgument("--type: unknown '" + t + "'"));
    want.push_back(et);
  }
  std::unique_ptr<IndexReader> index;
  search::QueryNode query;
  search::SearchOptions opt;
  if (Status s = flags.Prepare(&index, &query, &opt); !s.ok()) return Fail(s);
  std::vector<search::FacetValue> values;
  if (Status s = search::EntityFacets(*index, query, opt, want, flags.limit, &values); !s.ok()) {
    return Fail(s);
  }
  PrintEntities(values, flags.json);
  return kExitOk;
}

int RunPlaces(int argc, char** argv) {
  CLI::App app{"The most frequent places of the documents matching a query", "dateline places"};
  FacetFlags flags;
  flags.Add(&app);
  bool geojson = false;
  app.add_flag("--geojson", geojson, "Print a GeoJSON FeatureCollection of points");
  DL_PARSE_FLAGS(app, argc, argv);
  std::unique_ptr<IndexReader> index;
  search::QueryNode query;
  search::SearchOptions opt;
  if (Status s = flags.Prepare(&index, &query, &opt); !s.ok()) return Fail(s);
  std::vector<search::FacetValue> values;
  if (Status s = search::PlaceFacets(*index, query, opt, flags.limit, &values); !s.ok()) {
    return Fail(s);
  }
  PrintPlaces(values, flags.json, geojson);
  return kExitOk;
}

int RunQuotes(int argc, char** argv) {
  CLI::App app{"The quotes of the documents matching a query, newest first", "dateline quotes"};
  FacetFlags flags;
  flags.Add(&app);
  std::string speaker;
  app.add_option("--speaker", speaker, "Only quotes whose speaker has this entity key");
  DL_PARSE_FLAGS(app, argc, argv);
  std::unique_ptr<IndexReader> index;
  search::QueryNode query;
  search::SearchOptions opt;
  if (Status s = flags.Prepare(&index, &query, &opt); !s.ok()) return Fail(s);
  std::vector<search::QuoteHit> hits;
  if (Status s = search::QuoteSearch(*index, query, opt, speaker, flags.limit, &hits); !s.ok()) {
    return Fail(s);
  }
  PrintQuotes(hits, flags.json);
  return kExitOk;
}

}  // namespace dateline::cli
