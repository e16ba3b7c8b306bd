// `dateline serve`: the HTTP JSON API (doc/api.md) until SIGINT or SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "cli/common.h"
#include "server/server.h"
#include "server/static_files.h"

#ifndef DL_DEFAULT_UI_DIR
#define DL_DEFAULT_UI_DIR ""
#endif

namespace dateline::cli {

namespace {

// Splits "host:port" (the host may be a bracketed IPv6 address).
Status ParseListen(const std::string& s, std::string* host, int* port) {
  const size_t colon = s.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == s.size()) {
    return Status::InvalidArgument("--listen: expected HOST:PORT, not '" + s + "'");
  }
  *host = s.substr(0, colon);
  if (host->front() == '[' && host->back() == ']') *host = host->substr(1, host->size() - 2);
  const std::string p = s.substr(colon + 1);
  if (p.find_first_not_of("0123456789") != std::string::npos || p.size() > 5 ||
      std::stoi(p) > 65535) {
    return Status::InvalidArgument("--listen: bad port '" + p + "'");
  }
  *port = std::stoi(p);
  return Status::OK();
}

// The token: the file's content without surrounding white space; must not be empty.
Status ReadToken(const std::string& path, std::string* token) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("--token-file " + path + ": " + std::strerror(errno));
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string all = ss.str();
  const size_t b = all.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return Status::InvalidArgument("--token-file " + path + ": empty");
  *token = all.substr(b, all.find_last_not_of(" \t\r\n") + 1 - b);
  if (token->find_first_of(" \t\r\n") != std::string::npos) {
    return Status::InvalidArgument("--token-file " + path + ": the token holds white space");
  }
  return Status::OK();
}

}  // namespace

int RunServe(int argc, char** argv) {
  CLI::App app{"Serve the HTTP JSON API (doc/api.md)", "dateline serve"};
  std::string index_flag, listen = "127.0.0.1:8080", token_file;
  server::ServerOptions opt;
  size_t max_body_mb = opt.max_body_bytes >> 20;
  bool quiet = false;
  app.add_option("--index", index_flag, "Index directory");
  app.add_option("--listen", listen, "Address and port (HOST:PORT; port 0: any free one)")
      ->capture_default_str();
  app.add_option("--token-file", token_file,
                 "File holding the bearer token of write endpoints (none: writes disabled)");
  app.add_option("--threads", opt.threads, "Request threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  app.add_option("--max-body-mb", max_body_mb, "Largest request body, MiB")
      ->capture_default_str()
      ->check(CLI::Range(1, 4096));
  opt.ui_dir = DL_DEFAULT_UI_DIR;
  app.add_option("--ui-dir", opt.ui_dir,
                 "Directory of the built web UI, served at / (empty: no UI)")
      ->capture_default_str();
  app.add_flag("--quiet,-q", quiet, "No request log on stderr");
  DL_PARSE_FLAGS(app, argc, argv);
  opt.index_dir = ResolveIndexDir(index_flag);
  opt.max_body_bytes = max_body_mb << 20;
  opt.log = !quiet;
  if (Status s = ParseListen(listen, &opt.host, &opt.port); !s.ok()) return Fail(s);
  if (!token_file.empty()) {
    if (Status s = ReadToken(token_file, &opt.token); !s.ok()) return Fail(s);
  }
  // SIGINT and SIGTERM go to a thread that stops the server; requests in flight finish.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  server::Server srv(opt);
  if (Status s = srv.Bind(); !s.ok()) return Fail(s);
  std::fprintf(stderr, "dateline: serving http://%s:%d/ (index %s, writes %s, UI %s)\n",
               opt.host.c_str(), srv.port(), opt.index_dir.c_str(),
               opt.token.empty() ? "disabled" : "enabled",
               server::UiBuilt(opt.ui_dir) ? opt.ui_dir.c_str() : "not built");
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    srv.Stop();
  });
  const Status s = srv.Serve();
  if (!s.ok()) {
    std::fprintf(stderr, "dateline: %s\n", s.ToString().c_str());
    pthread_kill(stopper.native_handle(), SIGTERM);
  }
  stopper.join();
  return s.ok() ? kExitOk : kExitRuntime;
}

}  // namespace dateline::cli
