// Static files of the web UI: path checks, symlink containment, content types.
#include "server/static_files.h"

#include <httplib.h>

#include <array>
#include <filesystem>
#include <system_error>
#include <utility>

#include "ingest/utf8.h"
#include "server/api.h"
#include "util/file.h"

namespace dateline::server {

namespace fs = std::filesystem;

namespace {

// Encoded '.', '/', '\' and '%' itself (double encoding) are never needed by
// the UI's file names, so a target holding one is refused before decoding.
bool HasEncodedSeparator(std::string_view raw_target) {
  const std::string t = ingest::AsciiLower(raw_target.substr(0, raw_target.find('?')));
  for (const char* bad : {"%2e", "%2f", "%5c", "%25", "%00"}) {
    if (t.find(bad) != std::string::npos) return true;
  }
  return false;
}

// Splits the decoded path into segments; false for "..", ".", a backslash, NUL
// or a path that is not absolute (every request path starts with '/').
bool SafeSegments(std::string_view path, std::string* relative) {
  if (path.empty() || path.front() != '/') return false;
  relative->clear();
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view seg = path.substr(start, end - start);
    if (seg == ".." || seg == ".") return false;
    if (seg.find('\\') != std::string_view::npos || seg.find('\0') != std::string_view::npos) {
      return false;
    }
    if (!seg.empty()) *relative += (relative->empty() ? "" : "/") + std::string(seg);
    start = end + 1;
  }
  return true;
}

// True when `p` lies inside `root` (both canonical).
bool Inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q) {
    if (q == p.end() || *r != *q) return false;
  }
  return true;
}

bool IsRegularFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

}  // namespace

std::string ContentTypeOf(std::string_view name) {
  static constexpr std::array<std::pair<const char*, const char*>, 14> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".jpg", "image/jpeg"},
  }};
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  const std::string ext = ingest::AsciiLower(name.substr(dot));
  for (const auto& [e, type] : kTypes) {
    if (ext == e) return type;
  }
  return "application/octet-stream";
}

bool UiBuilt(const std::string& ui_dir) {
  return !ui_dir.empty() && IsRegularFile(fs::path(ui_dir) / "index.html");
}

Status ResolveStatic(const std::string& ui_dir, std::string_view raw_target, std::string_view path,
                     StaticFile* out) {
  std::string relative;
  if (HasEncodedSeparator(raw_target) || !SafeSegments(path, &relative)) {
    return Status::InvalidArgument("refused path: " + std::string(path));
  }
  if (ui_dir.empty()) return Status::NotFound("no UI directory");  // never the working directory
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(fs::absolute(ui_dir, ec), ec);
  if (ec || !fs::is_directory(root, ec)) return Status::NotFound("no UI directory " + ui_dir);
  const bool page = relative.find('.', relative.rfind('/') + 1) == std::string::npos;
  fs::path file = relative.empty() ? root / "index.html" : root / relative;
  file = fs::weakly_canonical(file, ec);  // follows symlinks of existing parts
  if (ec || !Inside(root, file)) {
    return Status::InvalidArgument("refused path: " + std::string(path));
  }
  out->fallback = false;
  if (!IsRegularFile(file)) {
    if (!page) return Status::NotFound("no such file: " + std::string(path));
    file = fs::weakly_canonical(root / "index.html", ec);
    if (ec || !Inside(root, file) || !IsRegularFile(file)) {
      return Status::NotFound("no index.html in " + ui_dir);
    }
    out->fallback = true;
  }
  out->path = file.string();
  out->content_type = ContentTypeOf(out->path);
  return Status::OK();
}

namespace {

constexpr char kNotBuilt[] =
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<title>dateline</title></head><body><h1>The dateline web UI is not built</h1>"
    "<p>The JSON API answers under <a href=\"/api/health\">/api/</a>. To build the UI, run "
    "<code>make build</code> in the source tree (or <code>cd web &amp;&amp; npm ci &amp;&amp; "
    "npm run build</code>), or start <code>dateline serve</code> with <code>--ui-dir</code> "
    "naming a built <code>web/dist</code>.</p></body></html>\n";

void SendError(const Reply& r, httplib::Response* res) {
  res->status = r.status;
  res->set_content(r.body, r.content_type.c_str());
}

}  // namespace

void ServeStatic(const std::string& ui_dir, const httplib::Request& req, httplib::Response* res) {
  const std::string& path = req.path;
  if (path == "/api" || path.rfind("/api/", 0) == 0) {
    return SendError(Error(404, "no such endpoint: " + req.method + " " + path), res);
  }
  res->set_header("X-Content-Type-Options", "nosniff");
  StaticFile file;
  Status s = ResolveStatic(ui_dir, req.target, path, &file);
  if (s.IsNotFound() && !UiBuilt(ui_dir)) {
    res->status = 503;
    res->set_content(kNotBuilt, "text/html; charset=utf-8");
    return;
  }
  if (s.IsInvalidArgument()) return SendError(Error(403, s.message()), res);
  if (!s.ok()) return SendError(Error(404, s.message()), res);
  std::string body;
  if (!file::ReadFile(file.path, &body).ok()) {
    return SendError(Error(500, "cannot read " + path), res);
  }
  const bool hashed = path.rfind("/assets/", 0) == 0;  // Vite's content-hashed names
  res->set_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  if (file.content_type.rfind("text/html", 0) == 0) {
    res->set_header("Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  }
  res->status = 200;
  res->set_content(body, file.content_type.c_str());
}

}  // namespace dateline::server
