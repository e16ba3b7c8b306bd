// Clients that misbehave at the socket level: connections that stall halfway
// through a request, oversized request lines and headers, and connections
// dropped mid-body. The server must drop them within its read timeout, answer
// with a clear status where HTTP allows one, and keep serving everyone else.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "server/server.h"
#include "test_util.h"

namespace dateline {
namespace {

using Clock = std::chrono::steady_clock;

// A raw TCP connection to the server; closed on destruction.
class RawSocket {
 public:
  explicit RawSocket(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawSocket() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  bool connected() const { return connected_; }
  bool Send(const std::string& s) {
    return ::send(fd_, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size());
  }
  // Reads until the peer closes or `wait` passes; true when it closed (EOF or reset).
  bool ReadUntilClosed(std::chrono::milliseconds wait, std::string* got) {
    const auto deadline = Clock::now() + wait;
    char buf[4096];
    while (Clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (::poll(&p, 1, static_cast<int>(left.count()) + 1) <= 0) continue;
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return true;
      got->append(buf, static_cast<size_t>(n));
    }
    return false;
  }

 private:
  int fd_;
  bool connected_ = false;
};

class SlowClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server::ServerOptions o;
    o.index_dir = dir_.File("index");
    o.port = 0;
    o.threads = 2;  // fewer threads than stalled clients below
    o.read_timeout_s = 1;
    o.write_timeout_s = 1;
    o.keep_alive_s = 1;
    o.max_body_bytes = 1 << 20;
    o.log = false;
    srv_ = std::make_unique<server::Server>(o);
    ASSERT_TRUE(srv_->Bind().ok());
    thread_ = std::thread([this] { srv_->Serve(); });
  }
  void TearDown() override {
    srv_->Stop();
    thread_.join();
  }
  // GET /api/health with a client that waits up to `seconds`; the status, or -1.
  int Health(int seconds) {
    httplib::Client c("127.0.0.1", srv_->port());
    c.set_read_timeout(seconds, 0);
    c.set_connection_timeout(seconds, 0);
    auto r = c.Get("/api/health");
    return r ? r->status : -1;
  }

  testutil::TempDir dir_;
  std::unique_ptr<server::Server> srv_;
  std::thread thread_;
};

TEST_F(SlowClientTest, StalledRequestsAreDroppedAndOthersAreServed) {
  // Four connections (twice the thread count) stop in the middle of their headers.
  std::vector<std::unique_ptr<RawSocket>> stalled;
  for (int i = 0; i < 4; ++i) {
    stalled.push_back(std::make_unique<RawSocket>(srv_->port()));
    ASSERT_TRUE(stalled.back()->connected());
    ASSERT_TRUE(stalled.back()->Send("GET /api/health HTTP/1.1\r\nHost: dateline\r\nX-Slow: "));
  }
  // A well-behaved client is answered once the stalled ones time out: two rounds of a 1 s read
  // timeout and at most 1 s of keep-alive.
  const auto start = Clock::now();
  EXPECT_EQ(Health(10), 200);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(6));
  // Every stalled connection got a 400 and was closed by the server.
  for (auto& s : stalled) {
    std::string got;
    EXPECT_TRUE(s->ReadUntilClosed(std::chrono::seconds(5), &got));
    EXPECT_EQ(got.rfind("HTTP/1.1 400", 0), 0u) << got;
  }
}

TEST_F(SlowClientTest, BodyThatNeverArrivesIsDropped) {
  RawSocket s(srv_->port());
  ASSERT_TRUE(s.connected());
  ASSERT_TRUE(
      s.Send("POST /api/ingest HTTP/1.1\r\nHost: dateline\r\nContent-Length: 5000\r\n\r\n{\"id\""));
  std::string got;
  const auto start = Clock::now();
  EXPECT_TRUE(s.ReadUntilClosed(std::chrono::seconds(5), &got));
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(4));
  EXPECT_EQ(got.find("200 OK"), std::string::npos) << got;
  EXPECT_EQ(Health(5), 200);
}

TEST_F(SlowClientTest, OversizedRequestLineAndHeadersAreRefused) {
  {
    RawSocket s(srv_->port());
    ASSERT_TRUE(s.connected());
    s.Send("GET /api/search?q=" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: d\r\n\r\n");
    std::string got;
    EXPECT_TRUE(s.ReadUntilClosed(std::chrono::seconds(5), &got));
    EXPECT_EQ(got.rfind("HTTP/1.1 414", 0), 0u) << got.substr(0, 200);
    EXPECT_NE(got.find("request line too long"), std::string::npos) << got.substr(0, 300);
  }
  {
    RawSocket s(srv_->port());
    ASSERT_TRUE(s.connected());
    std::string headers;
    for (int i = 0; i < 2000; ++i) headers += "X-Filler-" + std::to_string(i) + ": abcdefgh\r\n";
    s.Send("GET /api/health HTTP/1.1\r\nHost: d\r\n" + headers + "\r\n");
    std::string got;
    EXPECT_TRUE(s.ReadUntilClosed(std::chrono::seconds(5), &got));
    EXPECT_EQ(got.rfind("HTTP/1.1 431", 0), 0u) << got.substr(0, 200);
    EXPECT_NE(got.find("more than 100 header fields"), std::string::npos) << got.substr(0, 300);
  }
  EXPECT_EQ(Health(5), 200);
}

TEST_F(SlowClientTest, ClientsThatVanishMidRequestLeaveTheServerHealthy) {
  for (int i = 0; i < 50; ++i) {
    RawSocket s(srv_->port());
    ASSERT_TRUE(s.connected());
    const std::string req =
        "POST /api/ingest HTTP/1.1\r\nHost: d\r\nContent-Length: 100000\r\n\r\n" +
        std::string(static_cast<size_t>(i) * 97, '{');
    s.Send(req.substr(0, req.size() - static_cast<size_t>(i % 7)));
  }  // each socket closes here, mid-request
  EXPECT_EQ(Health(5), 200);
}

}  // namespace
}  // namespace dateline
