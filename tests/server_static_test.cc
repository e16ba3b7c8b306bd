// The web UI's static files (src/server/static_files.cc): only files inside the
// UI directory are served; "..", encoded dots and slashes, backslashes and
// symlinks leading out are refused; pages fall back to index.html; content
// types; the note shown when the UI is not built. Both the resolver and the
// running server (raw requests, so no client normalises the path) are tested.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "server/server.h"
#include "server/static_files.h"
#include "test_util.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;
using server::ResolveStatic;
using server::StaticFile;

constexpr char kIndex[] = "<!doctype html><title>dateline test UI</title>";
constexpr char kApp[] = "console.log('app');";
constexpr char kSecret[] = "the secret outside the UI directory";

// TMP/ui/{index.html, assets/app.js, assets/style.css, in-link.js -> assets/app.js,
// out-link.txt -> TMP/secret.txt, out-dir -> TMP/private/}; TMP/secret.txt; TMP/private/key.txt
class StaticTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(ui() + "/assets");
    fs::create_directories(dir_.File("private"));
    testutil::WriteBytes(ui() + "/index.html", kIndex);
    testutil::WriteBytes(ui() + "/assets/app.js", kApp);
    testutil::WriteBytes(ui() + "/assets/style.css", "body{}");
    testutil::WriteBytes(dir_.File("secret.txt"), kSecret);
    testutil::WriteBytes(dir_.File("private/key.txt"), kSecret);
    fs::create_symlink("assets/app.js", ui() + "/in-link.js");
    fs::create_symlink(dir_.File("secret.txt"), ui() + "/out-link.txt");
    fs::create_symlink(dir_.File("private"), ui() + "/out-dir");
  }
  std::string ui() const { return dir_.File("ui"); }
  // Resolves a path sent unencoded (target and decoded path alike).
  Status Resolve(const std::string& path, StaticFile* f) {
    return ResolveStatic(ui(), path, path, f);
  }

  testutil::TempDir dir_;
};

TEST_F(StaticTest, RootAndFilesResolveInsideTheUiDirectory) {
  StaticFile f;
  ASSERT_TRUE(Resolve("/", &f).ok());
  EXPECT_EQ(testutil::ReadBytes(f.path), kIndex);
  EXPECT_EQ(f.content_type, "text/html; charset=utf-8");
  EXPECT_FALSE(f.fallback);
  ASSERT_TRUE(Resolve("/assets/app.js", &f).ok());
  EXPECT_EQ(testutil::ReadBytes(f.path), kApp);
  EXPECT_EQ(f.content_type, "text/javascript; charset=utf-8");
  ASSERT_TRUE(Resolve("/assets//style.css", &f).ok());
  EXPECT_EQ(f.content_type, "text/css; charset=utf-8");
  ASSERT_TRUE(Resolve("/in-link.js", &f).ok()) << "a symlink staying inside is fine";
  EXPECT_EQ(testutil::ReadBytes(f.path), kApp);
}

TEST_F(StaticTest, DotDotAndDotSegmentsAreRefused) {
  StaticFile f;
  for (const char* p : {"/../secret.txt", "/assets/../../secret.txt", "/assets/../index.html",
                        "/./index.html", "/..", "/assets/.."}) {
    const Status s = Resolve(p, &f);
    EXPECT_TRUE(s.IsInvalidArgument()) << p << ": " << s.ToString();
  }
}

TEST_F(StaticTest, EncodedDotsSlashesAndBackslashesAreRefused) {
  StaticFile f;
  // The raw target as sent, and the path as the HTTP library decoded it.
  using std::string_view_literals::operator""sv;
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"/%2e%2e/secret.txt"sv, "/../secret.txt"sv},
      {"/%2E%2E/secret.txt"sv, "/../secret.txt"sv},
      {"/.%2e/secret.txt"sv, "/../secret.txt"sv},
      {"/assets%2fapp.js"sv, "/assets/app.js"sv},
      {"/assets%2Fapp.js"sv, "/assets/app.js"sv},
      {"/assets%5capp.js"sv, "/assets\\app.js"sv},
      {"/%252e%252e/secret.txt"sv, "/%2e%2e/secret.txt"sv},
      {"/index.html%00.js"sv, "/index.html\0.js"sv},
      {"/index.html\0.js"sv, "/index.html\0.js"sv},
      {"/..\\secret.txt"sv, "/..\\secret.txt"sv},
  };
  for (const auto& [raw, decoded] : cases) {
    const Status s = ResolveStatic(ui(), raw, decoded, &f);
    EXPECT_TRUE(s.IsInvalidArgument()) << raw << ": " << s.ToString();
  }
  // A decoded backslash is refused even when the target did not encode it.
  EXPECT_TRUE(ResolveStatic(ui(), "/a", "/assets\\app.js", &f).IsInvalidArgument());
}

TEST_F(StaticTest, RelativeAndAbsoluteFileSystemPathsAreRefused) {
  StaticFile f;
  EXPECT_TRUE(Resolve("index.html", &f).IsInvalidArgument());
  EXPECT_TRUE(Resolve("", &f).IsInvalidArgument());
  // "//etc/passwd" is a path under the UI directory, never the absolute file.
  const Status s = Resolve("//" + dir_.File("secret.txt"), &f);
  EXPECT_FALSE(s.ok() && testutil::ReadBytes(f.path) == kSecret) << f.path;
}

TEST_F(StaticTest, SymlinksLeadingOutsideAreRefused) {
  StaticFile f;
  Status s = Resolve("/out-link.txt", &f);
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString() << " " << f.path;
  s = Resolve("/out-dir/key.txt", &f);
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString() << " " << f.path;
}

TEST_F(StaticTest, PagesFallBackToIndexHtmlFilesDoNot) {
  StaticFile f;
  ASSERT_TRUE(Resolve("/search", &f).ok());
  EXPECT_TRUE(f.fallback);
  EXPECT_EQ(testutil::ReadBytes(f.path), kIndex);
  ASSERT_TRUE(Resolve("/story/nd-nl-0004", &f).ok());
  EXPECT_TRUE(f.fallback);
  ASSERT_TRUE(Resolve("/assets", &f).ok()) << "a directory is a page, not a listing";
  EXPECT_TRUE(f.fallback);
  EXPECT_TRUE(Resolve("/assets/missing.js", &f).IsNotFound());
  EXPECT_TRUE(Resolve("/favicon.ico", &f).IsNotFound());
}

TEST_F(StaticTest, AnEmptyUiDirectoryServesNothing) {
  // Not the working directory: an empty --ui-dir means no UI.
  StaticFile f;
  const fs::path cwd = fs::current_path();
  fs::current_path(ui());  // a working directory holding an index.html
  const Status root = ResolveStatic("", "/", "/", &f);
  const Status app = ResolveStatic("", "/assets/app.js", "/assets/app.js", &f);
  fs::current_path(cwd);
  EXPECT_TRUE(root.IsNotFound()) << root.ToString();
  EXPECT_TRUE(app.IsNotFound()) << app.ToString();
  EXPECT_TRUE(ResolveStatic(dir_.File("secret.txt"), "/", "/", &f).IsNotFound())
      << "a file is no UI directory";
}

TEST(StaticContentType, ByExtension) {
  EXPECT_EQ(server::ContentTypeOf("a/index.HTML"), "text/html; charset=utf-8");
  EXPECT_EQ(server::ContentTypeOf("x.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(server::ContentTypeOf("x.css"), "text/css; charset=utf-8");
  EXPECT_EQ(server::ContentTypeOf("x.svg"), "image/svg+xml");
  EXPECT_EQ(server::ContentTypeOf("x.json"), "application/json");
  EXPECT_EQ(server::ContentTypeOf("x.woff2"), "font/woff2");
  EXPECT_EQ(server::ContentTypeOf("x.exe"), "application/octet-stream");
  EXPECT_EQ(server::ContentTypeOf("Makefile"), "application/octet-stream");
}

// Sends `target` exactly as given and returns the whole answer (status line, headers, body).
std::string RawGet(int port, const std::string& target) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "";
  }
  const std::string req =
      "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  (void)!::write(fd, req.data(), req.size());
  std::string all;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) all.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return all;
}

class StaticServerTest : public StaticTest {
 protected:
  void StartWith(const std::string& ui_dir) {
    server::ServerOptions o;
    o.index_dir = dir_.File("index");
    o.port = 0;
    o.threads = 2;
    o.log = false;
    o.ui_dir = ui_dir;
    srv_ = std::make_unique<server::Server>(o);
    ASSERT_TRUE(srv_->Bind().ok());
    thread_ = std::thread([this] { srv_->Serve(); });
    httplib::Client client("127.0.0.1", srv_->port());
    ASSERT_TRUE(client.Get("/api/health"));
  }
  void TearDown() override {
    if (!srv_) return;
    srv_->Stop();
    thread_.join();
  }
  std::string Get(const std::string& target) { return RawGet(srv_->port(), target); }

  std::unique_ptr<server::Server> srv_;
  std::thread thread_;
};

bool Has(const std::string& s, const std::string& part) { return s.find(part) != s.npos; }

TEST_F(StaticServerTest, ServesTheUiWithTypesAndFallback) {
  StartWith(ui());
  std::string r = Get("/");
  EXPECT_TRUE(Has(r, "HTTP/1.1 200")) << r;
  EXPECT_TRUE(Has(r, "Content-Type: text/html; charset=utf-8")) << r;
  EXPECT_TRUE(Has(r, "Content-Security-Policy: default-src 'self'")) << r;
  EXPECT_TRUE(Has(r, kIndex)) << r;
  r = Get("/assets/app.js");
  EXPECT_TRUE(Has(r, "HTTP/1.1 200")) << r;
  EXPECT_TRUE(Has(r, "Content-Type: text/javascript")) << r;
  EXPECT_TRUE(Has(r, "X-Content-Type-Options: nosniff")) << r;
  EXPECT_TRUE(Has(r, kApp)) << r;
  r = Get("/?q=Tripoli&from=2019-04-01");
  EXPECT_TRUE(Has(r, "HTTP/1.1 200") && Has(r, kIndex)) << r;
  r = Get("/doc/some-id");
  EXPECT_TRUE(Has(r, "HTTP/1.1 200") && Has(r, kIndex)) << r;
  r = Get("/assets/missing.js");
  EXPECT_TRUE(Has(r, "HTTP/1.1 404")) << r;
}

TEST_F(StaticServerTest, RefusesEscapesOverHttp) {
  StartWith(ui());
  for (const char* t :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt", "/out-link.txt", "/out-dir/key.txt", "/assets/..%5c..%5csecret.txt"}) {
    const std::string r = Get(t);
    EXPECT_FALSE(Has(r, kSecret)) << t << ": " << r;
    EXPECT_TRUE(Has(r, "HTTP/1.1 403") || Has(r, "HTTP/1.1 400")) << t << ": " << r;
  }
}

TEST_F(StaticServerTest, ApiPathsStayJson) {
  StartWith(ui());
  std::string r = Get("/api/nope");
  EXPECT_TRUE(Has(r, "HTTP/1.1 404")) << r;
  EXPECT_TRUE(Has(r, "application/json") && Has(r, "no such endpoint")) << r;
  r = Get("/api/health");
  EXPECT_TRUE(Has(r, "HTTP/1.1 200") && Has(r, "\"status\":\"ok\"")) << r;
}

TEST_F(StaticServerTest, SaysHowToBuildWhenTheUiIsMissing) {
  StartWith(dir_.File("no-such-dist"));
  std::string r = Get("/");
  EXPECT_TRUE(Has(r, "HTTP/1.1 503")) << r;
  EXPECT_TRUE(Has(r, "not built") && Has(r, "npm run build")) << r;
  EXPECT_TRUE(Has(Get("/search"), "HTTP/1.1 503"));
  EXPECT_TRUE(Has(Get("/../secret.txt"), "HTTP/1.1 403"));
  r = Get("/api/health");
  EXPECT_TRUE(Has(r, "HTTP/1.1 200")) << r;
}

TEST_F(StaticServerTest, NoUiDirectoryNeverServesTheWorkingDirectory) {
  StartWith("");
  const std::string r = Get("/CMakeCache.txt");
  EXPECT_FALSE(Has(r, "HTTP/1.1 200")) << r;
  EXPECT_TRUE(Has(Get("/"), "not built"));
}

}  // namespace
}  // namespace dateline
