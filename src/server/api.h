// Internals of the HTTP API shared by server.cc and the handlers (api_*.cc).
#pragma once

#include <httplib.h>

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "dateline/index.h"
#include "dateline/query.h"
#include "dateline/search.h"
#include "dateline/status.h"
#include "server/server.h"

namespace dateline::server {

/// What a handler answers: an HTTP status and a JSON body.
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

/// `{"error":msg}` with `status`.
Reply Error(int status, std::string_view msg);
/// The reply for a failed Status: InvalidArgument 400, NotFound 404, Busy 503, else 500.
Reply FromStatus(const Status& s);

/// The reader of the index's latest commit. Readers are shared: a request keeps
/// its shared_ptr, so a reopen never disturbs the requests already running.
class ReaderCache {
 public:
  explicit ReaderCache(std::string dir) : dir_(std::move(dir)) {}
  /// The current reader, reopened when the committed generation changed.
  /// NotFound when the directory holds no index (yet).
  Status Get(std::shared_ptr<const IndexReader>* out);

 private:
  std::string dir_;
  std::mutex mu_;
  std::shared_ptr<const IndexReader> current_;
};

/// The state the handlers share.
struct Context {
  explicit Context(ServerOptions o) : options(std::move(o)), readers(options.index_dir) {}
  const ServerOptions options;
  ReaderCache readers;
  std::mutex write_mu;  // one API ingest at a time
};

/// Sets *r to the current reader; false (with *reply set: 503 when there is no index yet) if none.
bool OpenReader(Context* c, std::shared_ptr<const IndexReader>* r, Reply* reply);
/// Parses and checks `q` (length, clauses, depth); an absent q matches every document.
Status ParseQueryParam(const Context& c, const httplib::Request& req, search::QueryNode* query,
                       std::string* text);
/// Parses from, to and lang into `opt`.
Status ParseFilters(const httplib::Request& req, search::SearchOptions* opt);
/// Parses a non-negative integer parameter, `def` when absent; InvalidArgument above `max`.
Status ParseCount(const httplib::Request& req, const char* name, size_t def, size_t max,
                  size_t* out);
/// Parses `type` (comma-separated PER, ORG, LOC, MISC; repeatable) into `types`.
Status ParseTypes(const httplib::Request& req, std::vector<EntityType>* types);
/// All values of a parameter, repeated or comma-separated, joined with commas.
std::string ParamList(const httplib::Request& req, const char* name);

Reply HandleSearch(Context* c, const httplib::Request& req);    // GET /api/search
Reply HandleTimeline(Context* c, const httplib::Request& req);  // GET /api/timeline
Reply HandleStories(Context* c, const httplib::Request& req);   // GET /api/stories
Reply HandleStory(Context* c, const httplib::Request& req);     // GET /api/story/{id}
Reply HandlePlaces(Context* c, const httplib::Request& req);    // GET /api/places
Reply HandleEntities(Context* c, const httplib::Request& req);  // GET /api/entities
Reply HandleQuotes(Context* c, const httplib::Request& req);    // GET /api/quotes
Reply HandleEvents(Context* c, const httplib::Request& req);    // GET /api/events
Reply HandleDoc(Context* c, const httplib::Request& req);       // GET /api/doc/{id}
Reply HandleIngest(Context* c, const httplib::Request& req);    // POST /api/ingest
Reply HandleHealth(Context* c, const httplib::Request& req);    // GET /api/health
Reply HandleStats(Context* c, const httplib::Request& req);     // GET /api/stats

}  // namespace dateline::server
