// GET /api/timeline, /api/stories, /api/story/{id}, /api/places, /api/entities,
// /api/quotes, /api/events: the parameters and JSON of the CLI commands of the same names.
#include "dateline/timeline.h"
#include "server/api.h"
#include "server/json_out.h"
#include "server/stories.h"

namespace dateline::server {

namespace {

constexpr size_t kMaxList = 1000;    // stories, entities, places or quotes listed
constexpr size_t kMaxSpeaker = 256;  // bytes of a speaker key, or of an event actor

// q, from, to and lang, as every exploring endpoint takes them.
Status ParseSelection(const Context& c, const httplib::Request& req, search::QueryNode* query,
                      std::string* text, search::SearchOptions* opt) {
  DL_RETURN_IF_ERROR(ParseQueryParam(c, req, query, text));
  return ParseFilters(req, opt);
}

}  // namespace

Reply HandleTimeline(Context* c, const httplib::Request& req) {
  search::QueryNode query;
  std::string text;
  search::SearchOptions sel;
  search::TimelineOptions opt;
  Status s = ParseSelection(*c, req, &query, &text, &sel);
  if (s.ok()) s = ParseCount(req, "limit", 3, kMaxList, &opt.top);
  if (s.ok()) s = ParseTypes(req, &opt.types);
  const std::string by = req.has_param("by") ? req.get_param_value("by") : "auto";
  const auto unit = search::ParseTimeUnit(by);
  if (s.ok() && !unit) {
    s = Status::InvalidArgument("by: expected day, week, month or auto, not '" + by + "'");
  }
  const std::string dates = req.has_param("dates") ? req.get_param_value("dates") : "publication";
  if (s.ok() && dates != "publication" && dates != "event") {
    s = Status::InvalidArgument("dates: expected publication or event, not '" + dates + "'");
  }
  if (!s.ok()) return FromStatus(s);
  opt.from = sel.from, opt.to = sel.to, opt.langs = sel.langs, opt.by = *unit;
  opt.by_event_date = dates == "event";
  std::shared_ptr<const IndexReader> index;
  Reply reply;
  if (!OpenReader(c, &index, &reply)) return reply;
  search::Timeline t;
  if (s = search::BuildTimeline(*index, query, opt, &t); !s.ok()) return FromStatus(s);
  return Reply{200, out::TimelineJson(t, text) + "\n"};
}

Reply HandleStories(Context* c, const httplib::Request& req) {
  search::QueryNode query;
  std::string text;
  search::SearchOptions opt;
  size_t limit = 0;
  Status s = ParseSelection(*c, req, &query, &text, &opt);
  if (s.ok()) s = ParseCount(req, "limit", 20, kMaxList, &limit);
  if (!s.ok()) return FromStatus(s);
  std::shared_ptr<const IndexReader> index;
  Reply reply;
  if (!OpenReader(c, &index, &reply)) return reply;
  std::vector<out::Story> stories;
  if (s = out::ListStories(*index, query, opt, limit, &stories); !s.ok()) return FromStatus(s);
  return Reply{200, out::StoriesJson(stories) + "\n"};
}

Reply HandleStory(Context* c, const httplib::Request& req) {
  std::shared_ptr<const IndexReader> index;
  Reply reply;
  if (!OpenReader(c, &index, &reply)) return reply;
  out::Story st;
  if (Status s = out::FindStory(*index, req.matches[1], &st); !s.ok()) return FromStatus(s);
  return Reply{200, out::StoryWithMembersJson(st) + "\n"};
}

Reply HandlePlaces(Context* c, const httplib::Request& req) {
  search::QueryNode query;
  std::string text;
  search::SearchOptions opt;
  size_t limit = 0;
  Status s = ParseSelection(*c, req, &query, &text, &opt);
  if (s.ok()) s = ParseCount(req, "limit", 20, kMaxList, &limit);
  const std::string format = req.get_param_value("format");
  if (s.ok() && format != "" && format != "json" && format != "geojson") {
    s = Status::InvalidArgument("format: expected json or geojson, not '" + format + "'");
  }
  if (!s.ok()) return FromStatus(s);
  std::shared_ptr<const IndexReader> index;
  Reply reply;
  if (!OpenReader(c, &index, &reply)) return reply;
  std::vector<search::FacetValue> values;
  if (s = search::PlaceFacets(*index, query, opt, limit, &values); !s.ok()) return FromStatus(s);
  if (format == "geojson") {
    return Reply{200, out::PlacesGeoJson(values) + "\n", "application/geo+json"};
  }
  return Reply{200, out::PlacesJson(values) + "\n"};
}

Reply HandleEntities(Context* c, const httplib::Request& req) {
  search::QueryNode query;
  std::string text;
  search::SearchOptions opt;
  size_t limit = 0;
  std::vector<EntityType> types;
  Status s = ParseSelection(*c, req, &query, &text, &opt);
  if (s.ok()) s = ParseCount(req, "limit", 20, kMaxList, &limit);
  if (s.ok()) s = ParseTypes(req, &types);
  if (!s.ok()) return FromStatus(s);
  std::shared_ptr<const IndexReader> index;
  Reply reply;
  if (!OpenReader(c, &index, &reply)) return reply;
  std::vector<search::FacetValue> values;
  if (s = search::EntityFacets(*index, query, opt, types, limit, &values); !s.ok()) {
    return FromStatus(s);
  }
  return Reply{200, out::EntitiesJson(values) + "\n"};
}

Reply HandleQuotes(Context* c, const httplib::Request& req) {
  search::QueryNode query;
  std::string text;
  search::SearchOptions opt;
  size_t limit = 0;
  Status s = ParseSelection(*c, req, &query, &text, &opt);
  if (s.ok()) s = ParseCount(req, "limit", 20, kMaxList, &limit);
  const std::string speaker = req.get_param_value("speaker");
  if (s.ok() && speaker.size() > kMaxSpeaker) {
    s = Status::InvalidArgument("speaker: an entity key of at most " + std::to_string(kMaxSpeaker) +
                                " bytes");
  }
  if (!s.ok()) return FromStatus(s);
  std::shared_ptr<const IndexReader> index;
  Reply reply;
  if (!OpenReader(c, &index, &reply)) return reply;
  std::vector<search::QuoteHit> hits;
  if (s = search::QuoteSearch(*index, query, opt, speaker, limit, &hits); !s.ok()) {
    return FromStatus(s);
  }
  return Reply{200, out::QuotesJson(hits) + "\n"};
}

}  // namespace dateline::server

namespace dateline::server {

namespace {

// type, country, actor, limit and format of /api/events; from and to are event dates.
Status ParseEventParams(const httplib::Request& req, search::SearchOptions* opt,
                        search::EventFilter* f, std::string* format) {
  f->from = opt->from;
  f->to = opt->to;
  opt->from.reset();
  opt->to.reset();
  DL_RETURN_IF_ERROR(ParseCount(req, "limit", 20, kMaxList, &f->limit));
  const std::string actor = req.get_param_value("actor");
  if (actor.size() > kMaxSpeaker) {
    return Status::InvalidArgument("actor: an entity key or name of at most " +
                                   std::to_string(kMaxSpeaker) + " bytes");
  }
  DL_RETURN_IF_ERROR(search::MakeEventFilter(req.get_param_value("type"),
                                             req.get_param_value("country"), actor, "", f));
  *format = req.get_param_value("format");
  if (*format != "" && *format != "json" && *format != "geojson" && *format != "csv") {
    return Status::InvalidArgument("format: expected json, geojson or csv, not '" + *format + "'");
  }
  return Status::OK();
}

}  // namespace

Reply HandleEvents(Context* c, const httplib::Request& req) {
  search::QueryNode query;
  std::string text, format;
  search::SearchOptions opt;
  search::EventFilter filter;
  Status s = ParseSelection(*c, req, &query, &text, &opt);
  if (s.ok()) s = ParseEventParams(req, &opt, &filter, &format);
  if (!s.ok()) return FromStatus(s);
  std::shared_ptr<const IndexReader> index;
  Reply reply;
  if (!OpenReader(c, &index, &reply)) return reply;
  std::vector<search::EventHit> hits;
  if (s = search::EventSearch(*index, query, opt, filter, &hits); !s.ok()) return FromStatus(s);
  if (format == "geojson") {
    return Reply{200, out::EventsGeoJson(hits) + "\n", "application/geo+json"};
  }
  if (format == "csv") return Reply{200, out::EventsCsv(hits), "text/csv; charset=utf-8"};
  return Reply{200, out::EventsJson(hits) + "\n"};
}

}  // namespace dateline::server
