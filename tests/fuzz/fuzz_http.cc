// Fuzz target: raw bytes sent to `dateline serve` over TCP (request line,
// headers, bodies, the API's parameter parsing, token checks, ingest). The
// server runs once per process on a loopback port, over the sample index of
// fuzz_index.h, with writes enabled (token "fuzz-token").
// Invariants: every answer is an HTTP/1.x status line; after each input the
// server still answers a health check (no crash, no wedged thread pool).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <thread>

#include "fuzz_index.h"
#include "fuzz_util.h"
#include "server/server.h"

namespace {

using dateline::fuzz::Require;

int Port() {
  static const int port = [] {
    const std::string dir = dateline::fuzz::ScratchPath("-http-index");
    dateline::fuzz::BuildSampleIndex(dir);
    dateline::server::ServerOptions o;
    o.index_dir = dir;
    o.port = 0;
    o.token = "fuzz-token";
    o.threads = 2;
    o.read_timeout_s = 1;
    o.write_timeout_s = 1;
    o.max_body_bytes = 1 << 20;
    o.log = false;
    auto* server = new dateline::server::Server(o);  // lives as long as the process
    Require(server->Bind().ok(), "bind");
    std::thread([server] { (void)server->Serve(); }).detach();
    return server->port();
  }();
  return port;
}

// Sends `request` and returns what comes back (up to 64 KiB): until the server
// closes, or, once an answer has started, until it pauses for 30 ms (the server
// keeps connections open), or after `first_byte_ms` of nothing (an incomplete
// request). The sending side is not half-closed: the server takes that for a
// gone client.
std::string Exchange(std::string_view request, int first_byte_ms) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  Require(fd >= 0, "socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(Port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  Require(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0, "connect");
  size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early (e.g. 413)
    sent += static_cast<size_t>(n);
  }
  std::string out;
  char buf[4096];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, out.empty() ? first_byte_ms : 30) <= 0) break;
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0 || out.size() > (64u << 10)) break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The blank line ends the headers of most inputs, so the server answers at once.
  std::string request(reinterpret_cast<const char*>(data), size);
  request += "\r\n\r\n";
  const std::string reply = Exchange(request, 1500);
  Require(reply.empty() || reply.rfind("HTTP/1.", 0) == 0, "reply is not an HTTP response");
  // A live server answers at once; 10 s leaves room for a loaded machine (a CI
  // run once saw 1.5 s pass without an answer from a server that then replayed
  // the same input without fault).
  const std::string health =
      Exchange("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 10000);
  Require(health.rfind("HTTP/1.1 200", 0) == 0, "server no longer answers /api/health");
  return 0;
}
