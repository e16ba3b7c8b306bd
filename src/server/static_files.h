// The web UI's static files (web/dist, doc/api.md "The web UI"): which file a
// request path names, refusing anything outside the UI directory.
#pragma once

#include <string>
#include <string_view>

#include "dateline/status.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace dateline::server {

/// What a GET of a non-API path serves.
struct StaticFile {
  std::string path;          // the resolved file, inside the UI directory
  std::string content_type;  // from the file name's extension
  bool fallback = false;     // index.html served for an unknown page (SPA route)
};

/// Resolves `raw_target` (the request target as sent, before percent-decoding,
/// without the query string) and `path` (the decoded path) against `ui_dir`.
/// InvalidArgument (403) for "..", ".", encoded dots, slashes or backslashes,
/// NUL, or a resolved file (symlinks followed) outside `ui_dir`; NotFound (404)
/// for a missing file whose last segment has a dot; a missing page without a
/// dot resolves to index.html with `fallback` set. "/" is index.html.
Status ResolveStatic(const std::string& ui_dir, std::string_view raw_target, std::string_view path,
                     StaticFile* out);

/// The content type of a file name: text/html, text/javascript, text/css, ...;
/// application/octet-stream when the extension is unknown.
std::string ContentTypeOf(std::string_view name);

/// True when the UI directory holds an index.html.
bool UiBuilt(const std::string& ui_dir);

/// Answers a GET of a path outside the routed API: the UI's file, index.html
/// for a page, 403 for a refused path, 404 for a missing file or an unknown
/// /api/ endpoint, and an HTML page saying how to build the UI when `ui_dir`
/// holds none.
void ServeStatic(const std::string& ui_dir, const httplib::Request& req, httplib::Response* res);

}  // namespace dateline::server
