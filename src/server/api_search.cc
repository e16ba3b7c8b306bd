// GET /api/search: hits with snippets, and the facets of all matching documents.
#include <algorithm>
#include <map>

#include "dateline/timeline.h"
#include "index/segment.h"
#include "server/api.h"
#include "server/json_out.h"
#include "util/json.h"

namespace dateline::server {

namespace {

constexpr size_t kMaxFacetLimit = 100;
constexpr size_t kSourceSample = 2000;  // matching documents read to count sources

// The snippet without marks, and the byte ranges [start, end) the marks enclosed.
std::string SnippetMarks(const std::string& snippet, std::string* plain) {
  std::string marks = "[";
  size_t start = 0;
  for (char ch : snippet) {
    if (ch == search::kMarkBegin) {
      start = plain->size();
    } else if (ch == search::kMarkEnd) {
      marks += (marks.size() > 1 ? ",[" : "[") + std::to_string(start) + "," +
               std::to_string(plain->size()) + "]";
    } else {
      plain->push_back(ch);
    }
  }
  return marks + "]";
}

// A hit as `dateline search --json` prints it, plus the snippet as plain text
// with the byte ranges of its matches.
std::string ApiHitJson(const search::Hit& h, bool collapse) {
  std::string plain;
  const std::string marks = SnippetMarks(h.snippet, &plain);
  std::string o = out::HitWithCopiesJson(h, collapse);
  o.pop_back();
  o += ",\"snippet_text\":";
  AppendJsonString(&o, plain);
  return o + ",\"snippet_marks\":" + marks + "}";
}

// {"by":unit,"undated":n,"periods":[{"period","first_date","last_date","documents"}...]}
Status DateFacet(const IndexReader& index, const search::QueryNode& q,
                 const search::SearchOptions& opt, std::string* out) {
  search::TimelineOptions t;
  t.from = opt.from, t.to = opt.to, t.langs = opt.langs, t.top = 0;
  search::Timeline tl;
  DL_RETURN_IF_ERROR(search::BuildTimeline(index, q, t, &tl));
  std::string periods = "[";
  for (const auto& p : tl.periods) {
    if (periods.size() > 1) periods += ",";
    periods += JsonObject()
                   .Str("period", p.label)
                   .Str("first_date", Date::FromDays(p.first_day).ToString())
                   .Str("last_date", Date::FromDays(p.last_day).ToString())
                   .Num("documents", static_cast<double>(p.documents))
                   .Finish();
  }
  *out = JsonObject()
             .Str("by", search::TimeUnitName(tl.by))
             .Num("undated", static_cast<double>(tl.undated))
             .Raw("periods", periods + "]")
             .Finish();
  return Status::OK();
}

// `[{"<name>":value,"documents":n}...]`, most documents first, at most `limit`.
std::string CountsJson(const std::map<std::string, uint64_t>& counts, const char* name,
                       size_t limit) {
  std::vector<std::pair<std::string, uint64_t>> v(counts.begin(), counts.end());
  std::stable_sort(v.begin(), v.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (v.size() > limit) v.resize(limit);
  std::string o = "[";
  for (const auto& [key, n] : v) {
    if (o.size() > 1) o += ",";
    o += JsonObject().Str(name, key).Num("documents", static_cast<double>(n)).Finish();
  }
  return o + "]";
}

// Languages of all matching documents; sources of the first kSourceSample of them.
Status LanguageSourceFacets(const IndexReader& index, const search::QueryNode& q,
                            const search::SearchOptions& opt, size_t limit, std::string* out) {
  std::vector<std::vector<uint64_t>> sets;
  DL_RETURN_IF_ERROR(search::MatchingDocs(index, q, opt, &sets));
  std::map<std::string, uint64_t> langs, sources;
  size_t sampled = 0;
  for (size_t s = 0; s < sets.size(); ++s) {
    const index::SegmentReader& seg = *index.segments()[s].reader;
    for (size_t w = 0; w < sets[s].size(); ++w) {
      for (uint64_t bits = sets[s][w]; bits; bits &= bits - 1) {
        const auto d = static_cast<uint32_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits)));
        const uint8_t l = seg.columns(d).lang;
        ++langs[l < seg.languages().size() ? seg.languages()[l] : "und"];
        if (sampled >= kSourceSample) continue;
        Document doc;
        DL_RETURN_IF_ERROR(seg.GetDocument(d, &doc));
        ++sampled;
        if (!doc.source.empty()) ++sources[doc.source];
      }
    }
  }
  *out = "\"languages\":" + CountsJson(langs, "lang", limit) +
         ",\"sources\":" + CountsJson(sources, "source", limit) +
         ",\"sources_counted\":" + std::to_string(sampled);
  return Status::OK();
}

// The "facets" object of a search.
Status FacetsJson(const IndexReader& index, const search::QueryNode& q,
                  const search::SearchOptions& opt, size_t limit, std::string* out) {
  std::string dates, langs;
  DL_RETURN_IF_ERROR(DateFacet(index, q, opt, &dates));
  DL_RETURN_IF_ERROR(LanguageSourceFacets(index, q, opt, limit, &langs));
  std::vector<search::FacetValue> people, orgs, places;
  DL_RETURN_IF_ERROR(search::EntityFacets(index, q, opt, {EntityType::kPer}, limit, &people));
  DL_RETURN_IF_ERROR(search::EntityFacets(index, q, opt, {EntityType::kOrg}, limit, &orgs));
  DL_RETURN_IF_ERROR(search::PlaceFacets(index, q, opt, limit, &places));
  *out = "{\"dates\":" + dates + "," + langs + ",\"people\":" + out::EntitiesJson(people) +
         ",\"organisations\":" + out::EntitiesJson(orgs) +
         ",\"places\":" + out::PlacesJson(places) + "}";
  return Status::OK();
}

// limit, offset (within the result window), sort, collapse.
Status ParsePaging(const Context& c, const httplib::Request& req, search::SearchOptions* opt) {
  DL_RETURN_IF_ERROR(ParseCount(req, "limit", 10, c.options.max_window, &opt->limit));
  DL_RETURN_IF_ERROR(ParseCount(req, "offset", 0, c.options.max_window, &opt->offset));
  if (opt->offset + opt->limit > c.options.max_window) {
    return Status::InvalidArgument("offset + limit: at most " +
                                   std::to_string(c.options.max_window) + " (the result window)");
  }
  const std::string sort = req.get_param_value("sort");
  if (sort != "" && sort != "score" && sort != "date") {
    return Status::InvalidArgument("sort: expected score or date, not '" + sort + "'");
  }
  opt->sort =
      sort == "date" ? search::SearchOptions::Sort::kDate : search::SearchOptions::Sort::kScore;
  const std::string collapse = req.get_param_value("collapse");
  if (collapse != "" && collapse != "none" && collapse != "copies") {
    return Status::InvalidArgument("collapse: expected copies or none, not '" + collapse + "'");
  }
  opt->collapse_copies = collapse == "copies";
  return Status::OK();
}

}  // namespace

Reply HandleSearch(Context* c, const httplib::Request& req) {
  search::QueryNode query;
  std::string text;
  search::SearchOptions opt;
  size_t facet_limit = 10;
  const std::string facets = req.get_param_value("facets");
  Status s = ParseQueryParam(*c, req, &query, &text);
  if (s.ok()) s = ParseFilters(req, &opt);
  if (s.ok()) s = ParsePaging(*c, req, &opt);
  if (s.ok()) s = ParseCount(req, "facet_limit", 10, kMaxFacetLimit, &facet_limit);
  if (s.ok() && facets != "" && facets != "true" && facets != "false") {
    s = Status::InvalidArgument("facets: expected true or false, not '" + facets + "'");
  }
  if (!s.ok()) return FromStatus(s);
  std::shared_ptr<const IndexReader> index;
  Reply reply;
  if (!OpenReader(c, &index, &reply)) return reply;
  search::Results res;
  if (s = search::Search(*index, query, opt, &res); !s.ok()) return FromStatus(s);
  std::string hits = "[";
  for (const auto& h : res.hits) {
    hits += (hits.size() > 1 ? "," : "") + ApiHitJson(h, opt.collapse_copies);
  }
  JsonObject o;
  o.Str("query", text)
      .Num("generation", static_cast<double>(index->generation()))
      .Num("total", static_cast<double>(res.total))
      .Num("offset", static_cast<double>(opt.offset))
      .Num("limit", static_cast<double>(opt.limit))
      .Raw("hits", hits + "]");
  if (facets != "false") {
    std::string f;
    if (s = FacetsJson(*index, query, opt, facet_limit, &f); !s.ok()) return FromStatus(s);
    o.Raw("facets", f);
  }
  return Reply{200, o.Finish() + "\n"};
}

}  // namespace dateline::server
