// GET /api/doc/{id}, POST /api/ingest, GET /api/health, GET /api/stats.
#include <chrono>
#include <cstring>

#include "dateline/ingest.h"
#include "ingest/line_reader.h"
#include "ingest/readers.h"
#include "ingest/source.h"
#include "server/api.h"
#include "server/json_out.h"
#include "util/json.h"

namespace dateline::server {

namespace {

// A request body as a byte Source for the ingest readers.
class BodySource : public ingest::Source {
 public:
  explicit BodySource(std::string_view body) : body_(body) {}
  Status Read(char* buf, size_t n, size_t* got) override {
    *got = std::min(n, body_.size() - pos_);
    std::memcpy(buf, body_.data() + pos_, *got);
    pos_ += *got;
    return Status::OK();
  }

 private:
  std::string_view body_;
  size_t pos_ = 0;
};

// Adds the records of a request to the index; keeps each reject's line and reason.
class ApiSink : public ingest::RecordSink {
 public:
  explicit ApiSink(IndexWriter* w) : w_(w) {}
  void OnDocument(Document&& doc, uint64_t repaired) override {
    ++c_.read;
    c_.repaired += repaired;
    if (!status_.ok()) return;
    bool replaced = false;
    status_ = w_->Add(std::move(doc), &replaced);
    ++c_.indexed;
    c_.replaced += replaced;
  }
  void OnReject(ingest::Reject&& r) override {
    ++c_.read;
    ++c_.rejected;
    if (rejects_.size() > 1) rejects_ += ",";
    rejects_ += JsonObject()
                    .Num("line", static_cast<double>(r.line))
                    .Num("offset", static_cast<double>(r.offset))
                    .Str("reason", r.reason)
                    .Finish();
  }
  const out::IngestCounts& counts() const { return c_; }
  const Status& status() const { return status_; }
  std::string rejects() const { return rejects_ + "]"; }

 private:
  IndexWriter* w_;
  out::IngestCounts c_;
  Status status_;
  std::string rejects_ = "[";
};

// 403 when writes are disabled, 401 when the bearer token is missing or wrong.
bool Authorized(const Context& c, const httplib::Request& req, Reply* reply) {
  if (c.options.token.empty()) {
    *reply = Error(403, "writes are disabled: start dateline serve with --token-file");
    return false;
  }
  const std::string auth = req.get_header_value("Authorization");
  const std::string want = "Bearer " + c.options.token;
  unsigned char diff = auth.size() == want.size() ? 0 : 1;
  for (size_t i = 0; i < auth.size() && i < want.size(); ++i) diff |= auth[i] ^ want[i];
  if (diff == 0) return true;
  *reply = Error(401, auth.empty() ? "missing Authorization: Bearer <token>" : "wrong token");
  return false;
}

}  // namespace

Reply HandleDoc(Context* c, const httplib::Request& req) {
  std::shared_ptr<const IndexReader> index;
  Reply reply;
  if (!OpenReader(c, &index, &reply)) return reply;
  std::string o;
  if (Status s = out::ShowJson(*index, req.matches[1], &o); !s.ok()) return FromStatus(s);
  return Reply{200, o + "\n"};
}

Reply HandleIngest(Context* c, const httplib::Request& req) {
  Reply reply;
  if (!Authorized(*c, req, &reply)) return reply;
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error(400, "empty body: expected JSON Lines, one article per line");
  }
  const auto start = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(c->write_mu);
  IndexOptions opt;
  opt.memory_budget_mb = c->options.ingest_memory_mb;
  std::unique_ptr<IndexWriter> w;
  if (Status s = IndexWriter::Open(c->options.index_dir, opt, &w); !s.ok()) {
    return s.IsBusy() ? Error(503, "another writer holds the index (" + s.message() +
                                       "); retry when it is done")
                      : FromStatus(s);
  }
  ApiSink sink(w.get());
  BodySource body(req.body);
  ingest::LineReader lines(&body);
  ingest::JsonlReader reader;
  ingest::InputFile file{"request", "", &sink};
  Status s = reader.Read(&lines, file);
  if (s.ok()) s = sink.status();
  if (s.ok()) s = w->Commit();
  if (!s.ok()) return FromStatus(s);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const out::IngestCounts& n = sink.counts();
  const int status = n.indexed == 0 && n.rejected > 0 ? 422 : 200;
  return Reply{status,
               out::IngestSummaryOpen(n, 0, secs) + ",\"rejects\":" + sink.rejects() + "}\n"};
}

Reply HandleHealth(Context* c, const httplib::Request&) {
  std::shared_ptr<const IndexReader> index;
  const Status s = c->readers.Get(&index);
  JsonObject o;
  o.Str("status", s.ok() || s.IsNotFound() ? "ok" : "error")
      .Raw("index", s.ok() ? "true" : "false")
      .Raw("writes", c->options.token.empty() ? "false" : "true");
  if (s.ok()) {
    o.Num("generation", static_cast<double>(index->generation()))
        .Num("documents", static_cast<double>(index->live_documents()));
  } else if (!s.IsNotFound()) {
    o.Str("error", s.ToString());
  }
  return Reply{s.ok() || s.IsNotFound() ? 200 : 500, o.Finish() + "\n"};
}

Reply HandleStats(Context* c, const httplib::Request&) {
  std::shared_ptr<const IndexReader> index;
  Reply reply;
  if (!OpenReader(c, &index, &reply)) return reply;
  return Reply{200, out::StatsJson(index->Stats()) + "\n"};
}

}  // namespace dateline::server
