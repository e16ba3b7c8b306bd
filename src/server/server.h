// `dateline serve`: the HTTP JSON API of one index (doc/api.md). Requests run on
// a thread pool; each uses the latest commit of the index, so searches go on
// while documents are ingested through the API or by another process.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "dateline/status.h"

namespace dateline::server {

struct ServerOptions {
  std::string index_dir;
  std::string host = "127.0.0.1";
  int port = 8080;                                // 0: any free port
  std::string token;                              // write endpoints need it; empty: writes disabled
  size_t threads = 8;                             // request threads
  size_t max_body_bytes = size_t{64} << 20;       // larger request bodies: 413
  size_t max_query_bytes = 4096;                  // longer q: 400
  size_t max_clauses = 64;                        // words, phrases and filters in q
  size_t max_depth = 8;                           // nesting of parentheses in q
  size_t max_window = 10000;                      // offset + limit of a search
  int read_timeout_s = 30, write_timeout_s = 30;  // per socket operation
  int keep_alive_s = 5;           // an idle kept-alive connection holds a thread this long, at most
  size_t max_headers = 100;       // requests with more header fields: 431
  size_t ingest_memory_mb = 256;  // IndexOptions::memory_budget_mb for POST /api/ingest
  bool log = true;                // one line per request on stderr
  std::string ui_dir;             // the built web UI (web/dist); empty or unbuilt: a note at /
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds host:port (port 0: any free one). IOError when the address cannot be bound.
  Status Bind();
  /// The bound port; valid after Bind().
  int port() const;
  /// Serves requests until Stop(); call after Bind(). IOError when listening fails.
  Status Serve();
  /// Makes Serve() return (from any thread); in-flight requests finish first.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dateline::server
