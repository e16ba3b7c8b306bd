// Routing, limits, errors and the reader cache of the HTTP API.
#include "server/server.h"

#include <cstdio>
#include <functional>
#include <utility>

#include "dateline/text.h"
#include "index/manifest.h"
#include "server/api.h"
#include "server/static_files.h"
#include "util/file.h"
#include "util/json.h"

namespace dateline::server {

Reply Error(int status, std::string_view msg) {
  return Reply{status, JsonObject().Str("error", msg).Finish() + "\n"};
}

Reply FromStatus(const Status& s) {
  if (s.IsInvalidArgument()) return Error(400, s.message());
  if (s.IsNotFound()) return Error(404, s.message());
  if (s.IsBusy()) return Error(503, s.message());
  return Error(500, s.ToString());
}

Status ReaderCache::Get(std::shared_ptr<const IndexReader>* out) {
  index::Manifest m;
  std::string name;
  Status s = index::ReadCurrentManifest(dir_, &m, &name);
  // A manifest missing while CURRENT exists means a commit replaced it between
  // the two reads: IndexReader::Open retries that race, so open afresh.
  const bool raced = s.IsNotFound() && file::Exists(dir_ + "/CURRENT");
  std::lock_guard<std::mutex> lock(mu_);
  if (!s.ok() && !raced) return s;
  if (raced || !current_ || current_->generation() != m.generation) {
    std::unique_ptr<IndexReader> r;
    DL_RETURN_IF_ERROR(IndexReader::Open(dir_, &r));
    current_ = std::move(r);
  }
  *out = current_;
  return Status::OK();
}

bool OpenReader(Context* c, std::shared_ptr<const IndexReader>* r, Reply* reply) {
  Status s = c->readers.Get(r);
  if (s.ok()) return true;
  *reply = s.IsNotFound()
               ? Error(503, "no index in " + c->options.index_dir + " yet: ingest documents first")
               : FromStatus(s);
  return false;
}

namespace {

// Words, phrases and filters of a query tree, and its depth.
void Measure(const search::QueryNode& n, size_t depth, size_t* clauses, size_t* max_depth) {
  if (depth > *max_depth) *max_depth = depth;
  if (n.kind != search::QueryNode::Kind::kBoolean) {
    ++*clauses;
    return;
  }
  for (const auto& child : n.children) Measure(child, depth + 1, clauses, max_depth);
}

}  // namespace

Status ParseQueryParam(const Context& c, const httplib::Request& req, search::QueryNode* query,
                       std::string* text) {
  *text = req.get_param_value("q");
  if (text->size() > c.options.max_query_bytes) {
    return Status::InvalidArgument("q: longer than " + std::to_string(c.options.max_query_bytes) +
                                   " bytes");
  }
  DL_RETURN_IF_ERROR(search::ParseQuery(*text, query));
  size_t clauses = 0, depth = 0;
  Measure(*query, 0, &clauses, &depth);
  if (clauses > c.options.max_clauses) {
    return Status::InvalidArgument("q: more than " + std::to_string(c.options.max_clauses) +
                                   " clauses");
  }
  if (depth > c.options.max_depth) {
    return Status::InvalidArgument("q: nested deeper than " + std::to_string(c.options.max_depth) +
                                   " levels");
  }
  return Status::OK();
}

std::string ParamList(const httplib::Request& req, const char* name) {
  std::string all;
  for (size_t i = 0; i < req.get_param_value_count(name); ++i) {
    const std::string v = req.get_param_value(name, i);
    if (!v.empty()) all += (all.empty() ? "" : ",") + v;
  }
  return all;
}

Status ParseFilters(const httplib::Request& req, search::SearchOptions* opt) {
  for (const char* name : {"from", "to"}) {
    const std::string v = req.get_param_value(name);
    if (v.empty()) continue;
    auto d = Date::Parse(v);
    if (!d) return Status::InvalidArgument(std::string(name) + ": not a date: '" + v + "'");
    (name[0] == 'f' ? opt->from : opt->to) = d;
  }
  const std::string langs = ParamList(req, "lang");
  size_t start = 0;
  while (start < langs.size()) {
    size_t end = langs.find(',', start);
    if (end == std::string::npos) end = langs.size();
    const std::string code = langs.substr(start, end - start);
    const std::string norm = text::NormalizeLanguageCode(code);
    if (norm.empty()) return Status::InvalidArgument("lang: unknown language '" + code + "'");
    opt->langs.push_back(norm);
    start = end + 1;
  }
  return Status::OK();
}

Status ParseCount(const httplib::Request& req, const char* name, size_t def, size_t max,
                  size_t* out) {
  *out = def;
  if (!req.has_param(name)) return Status::OK();
  const std::string v = req.get_param_value(name);
  size_t n = 0;
  bool ok = !v.empty() && v.size() <= 12;
  for (char ch : v) {
    if (ch < '0' || ch > '9') ok = false;
    n = n * 10 + static_cast<size_t>(ch - '0');
  }
  if (!ok) return Status::InvalidArgument(std::string(name) + ": not a count: '" + v + "'");
  if (n > max) {
    return Status::InvalidArgument(std::string(name) + ": at most " + std::to_string(max));
  }
  *out = n;
  return Status::OK();
}

Status ParseTypes(const httplib::Request& req, std::vector<EntityType>* types) {
  const std::string all = ParamList(req, "type");
  size_t start = 0;
  while (start < all.size()) {
    size_t end = all.find(',', start);
    if (end == std::string::npos) end = all.size();
    const std::string t = all.substr(start, end - start);
    EntityType et;
    if (!ParseEntityType(t, &et)) {
      return Status::InvalidArgument("type: expected PER, ORG, LOC or MISC, not '" + t + "'");
    }
    types->push_back(et);
    start = end + 1;
  }
  return Status::OK();
}

class Server::Impl {
 public:
  explicit Impl(ServerOptions o) : ctx_(std::move(o)) {}

  Status Bind() {
    Configure();
    const ServerOptions& o = ctx_.options;
    if (o.port == 0) {
      port_ = http_.bind_to_any_port(o.host);
    } else if (http_.bind_to_port(o.host, o.port)) {
      port_ = o.port;
    }
    if (port_ <= 0) {
      return Status::IOError("cannot listen on " + o.host + ":" + std::to_string(o.port));
    }
    return Status::OK();
  }
  int port() const { return port_; }
  Status Serve() {
    if (!http_.listen_after_bind()) return Status::IOError("listening failed");
    return Status::OK();
  }
  void Stop() { http_.stop(); }

 private:
  using Handler = Reply (*)(Context*, const httplib::Request&);

  void Configure();
  void Route(const std::string& pattern, bool post, Handler h);
  void Send(const Reply& r, httplib::Response* res) {
    res->status = r.status;
    res->set_content(r.body, r.content_type.c_str());
  }

  Context ctx_;
  httplib::Server http_;
  int port_ = 0;
};

// Registers `h` for GET (or POST) on `pattern`, and 405 for the other methods.
void Server::Impl::Route(const std::string& pattern, bool post, Handler h) {
  const httplib::Server::Handler run =
      [this, h](const httplib::Request& req, httplib::Response& res) { Send(h(&ctx_, req), &res); };
  const char* allowed = post ? "POST" : "GET";
  const httplib::Server::Handler refuse = [this, allowed](const httplib::Request& req,
                                                          httplib::Response& res) {
    Send(Error(405, req.method + " not allowed here; use " + allowed), &res);
    res.set_header("Allow", allowed);
  };
  if (post) {
    http_.Post(pattern, run);
    http_.Get(pattern, refuse);
  } else {
    http_.Get(pattern, run);
    http_.Post(pattern, refuse);
  }
  http_.Put(pattern, refuse);
  http_.Patch(pattern, refuse);
  http_.Delete(pattern, refuse);
}

void Server::Impl::Configure() {
  const ServerOptions& o = ctx_.options;
  const size_t threads = o.threads == 0 ? 1 : o.threads;
  http_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_.set_read_timeout(o.read_timeout_s, 0);
  http_.set_write_timeout(o.write_timeout_s, 0);
  http_.set_keep_alive_timeout(o.keep_alive_s);
  const size_t max_headers = o.max_headers;
  http_.set_pre_routing_handler([max_headers](const httplib::Request& req, httplib::Response& res) {
    if (req.headers.size() <= max_headers) return httplib::Server::HandlerResponse::Unhandled;
    res.status = 431;
    res.set_content(Error(431, "more than " + std::to_string(max_headers) + " header fields").body,
                    "application/json");
    return httplib::Server::HandlerResponse::Handled;
  });
  http_.set_payload_max_length(o.max_body_bytes);
  Route("/api/search", false, HandleSearch);
  Route("/api/timeline", false, HandleTimeline);
  Route("/api/stories", false, HandleStories);
  Route(R"(/api/story/(.+))", false, HandleStory);
  Route("/api/places", false, HandlePlaces);
  Route("/api/entities", false, HandleEntities);
  Route("/api/quotes", false, HandleQuotes);
  Route("/api/events", false, HandleEvents);
  Route(R"(/api/doc/(.+))", false, HandleDoc);
  Route("/api/ingest", true, HandleIngest);
  Route("/api/health", false, HandleHealth);
  Route("/api/stats", false, HandleStats);
  // Last: every other GET is a file of the web UI (or an unknown /api/ path: 404).
  http_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    ServeStatic(ctx_.options.ui_dir, req, &res);
  });
  const size_t max_body = o.max_body_bytes;
  http_.set_error_handler([max_body](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // a handler's own error
    std::string msg = "bad request";
    if (res.status == 404) msg = "no such endpoint: " + req.method + " " + req.path;
    if (res.status == 413) {
      msg = "request body larger than the limit of " + std::to_string(max_body) + " bytes";
    }
    if (res.status == 414) msg = "request line too long";
    res.set_content(Error(res.status, msg).body, "application/json");
  });
  http_.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what += std::string(": ") + e.what();
        } catch (...) {
        }
        res.status = 500;
        res.set_content(Error(500, what).body, "application/json");
      });
  if (o.log) {
    http_.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "%s %s %d\n", req.method.c_str(), req.path.c_str(), res.status);
    });
  }
}

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Server::~Server() = default;
Status Server::Bind() { return impl_->Bind(); }
int Server::port() const { return impl_->port(); }
Status Server::Serve() { return impl_->Serve(); }
void Server::Stop() { impl_->Stop(); }

}  // namespace dateline::server
