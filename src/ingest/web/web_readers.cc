// The web readers of `dateline ingest`: WARC files (response records with HTML
// payloads) and single HTML pages. See doc/web-ingest.md.
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <optional>

#include "dateline/web.h"
#include "ingest/readers.h"
#include "ingest/source.h"
#include "ingest/utf8.h"
#include "ingest/web/encoding.h"
#include "util/json.h"

namespace dateline::ingest {
namespace {

constexpr size_t kMaxRecord = 64u << 20;      // larger WARC blocks / pages are rejected
constexpr size_t kMaxHeaderLine = 64u << 10;  // longer header lines: the record is bad
constexpr size_t kMaxInflated = 256u << 20;   // Content-Encoding bomb guard

// Buffered reading of a Source: lines and exact byte counts, with the offset.
class ByteReader {
 public:
  explicit ByteReader(Source* in) : in_(in) {}

  // Reads a line without its "\n" / "\r\n"; false at the end of input or on error.
  // *too_long is set when the line exceeded kMaxHeaderLine (the rest is consumed).
  bool Line(std::string* line, bool* too_long) {
    line->clear();
    *too_long = false;
    for (;;) {
      if (pos_ == buf_.size() && !Fill()) return !line->empty();
      const char* start = buf_.data() + pos_;
      const size_t avail = buf_.size() - pos_;
      const void* nl = std::memchr(start, '\n', avail);
      const size_t take = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : avail;
      if (line->size() + take <= kMaxHeaderLine) {
        line->append(start, take);
      } else {
        *too_long = true;
      }
      pos_ += take;
      offset_ += take;
      if (nl) {
        ++pos_;
        ++offset_;
        if (!line->empty() && line->back() == '\r') line->pop_back();
        return true;
      }
    }
  }

  // Reads exactly n bytes into *out (if `keep`) or discards them; returns the count read.
  size_t Bytes(size_t n, std::string* out, bool keep) {
    size_t done = 0;
    while (done < n) {
      if (pos_ == buf_.size() && !Fill()) break;
      const size_t take = std::min(n - done, buf_.size() - pos_);
      if (keep) out->append(buf_.data() + pos_, take);
      pos_ += take;
      offset_ += take;
      done += take;
    }
    return done;
  }

  // Reads everything up to `max` bytes; sets *over if there was more.
  void All(std::string* out, size_t max, bool* over) {
    *over = false;
    for (;;) {
      if (pos_ == buf_.size() && !Fill()) return;
      const size_t take = buf_.size() - pos_;
      if (out->size() + take > max) {
        *over = true;
        return;
      }
      out->append(buf_.data() + pos_, take);
      pos_ += take;
      offset_ += take;
    }
  }

  uint64_t offset() const { return offset_; }
  const Status& status() const { return status_; }

 private:
  bool Fill() {
    if (!status_.ok() || eof_) return false;
    buf_.resize(1 << 18);
    size_t got = 0;
    status_ = in_->Read(buf_.data(), buf_.size(), &got);
    buf_.resize(status_.ok() ? got : 0);
    pos_ = 0;
    if (got == 0) eof_ = true;
    return status_.ok() && got > 0;
  }

  Source* in_;
  std::string buf_;
  size_t pos_ = 0;
  uint64_t offset_ = 0;
  bool eof_ = false;
  Status status_;
};

std::string_view Trim(std::string_view s) { return TrimSpace(s); }

// Header lookup (case-insensitive name).
struct Headers {
  std::vector<std::pair<std::string, std::string>> items;  // (lower-case name, value)
  std::string Get(std::string_view name) const {
    for (const auto& [k, v] : items) {
      if (k == name) return v;
    }
    return "";
  }
  bool Has(std::string_view name) const {
    return std::any_of(items.begin(), items.end(),
                       [&](const auto& kv) { return kv.first == name; });
  }
  void Add(std::string_view line) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !items.empty()) {
      items.back().second += " " + std::string(Trim(line));
      return;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return;
    items.emplace_back(AsciiLower(Trim(line.substr(0, colon))),
                       std::string(Trim(line.substr(colon + 1))));
  }
};

void Skip(const InputFile& file, const std::string& reason) {
  if (auto* l = dynamic_cast<web::SkipListener*>(file.sink)) l->OnSkip(file.name, reason);
}

std::string OffsetOrigin(const InputFile& file, uint64_t offset) {
  return file.name + "@" + std::to_string(offset);
}

// Undoes "Transfer-Encoding: chunked"; returns "" or the reason it failed.
std::string Dechunk(std::string_view in, std::string* out) {
  out->clear();
  size_t p = 0;
  for (;;) {
    const size_t eol = in.find('\n', p);
    if (eol == std::string_view::npos) return "bad chunked encoding (no chunk size line)";
    std::string_view size_line = Trim(in.substr(p, eol - p));
    const size_t semi = size_line.find(';');
    if (semi != std::string_view::npos) size_line = Trim(size_line.substr(0, semi));
    size_t size = 0;
    if (size_line.empty() || size_line.size() > 12) return "bad chunked encoding (chunk size)";
    for (char c : size_line) {
      int v;
      if (c >= '0' && c <= '9')
        v = c - '0';
      else if (c >= 'a' && c <= 'f')
        v = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        v = c - 'A' + 10;
      else
        return "bad chunked encoding (chunk size)";
      size = size * 16 + static_cast<size_t>(v);
    }
    p = eol + 1;
    if (size == 0) return "";
    if (size > in.size() - p) {
      // A cut-off last chunk: keep what there is (crawlers truncate long payloads).
      out->append(in.substr(p));
      return "";
    }
    out->append(in.substr(p, size));
    p += size;
    if (p < in.size() && in[p] == '\r') ++p;
    if (p < in.size() && in[p] == '\n') ++p;
    if (p >= in.size()) return "";
  }
}

// Undoes gzip/deflate Content-Encoding; returns "" or the reason.
std::string Inflate(std::string_view in, std::string* out) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) return "zlib init failed";
  out->clear();
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  char buf[1 << 16];
  int rc = Z_OK;
  bool raw_tried = false;
  while (rc != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc == Z_DATA_ERROR && !raw_tried && out->empty() && z.total_out == 0) {
      // "deflate" is sometimes sent raw, without the zlib header.
      raw_tried = true;
      inflateEnd(&z);
      z = z_stream{};
      if (inflateInit2(&z, -15) != Z_OK) return "zlib init failed";
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
      z.avail_in = static_cast<uInt>(in.size());
      rc = Z_OK;
      continue;
    }
    out->append(buf, sizeof buf - z.avail_out);
    if (out->size() > kMaxInflated) {
      inflateEnd(&z);
      return "decoded payload larger than 256 MiB";
    }
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // truncated: keep what we have
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&z);
      return std::string("bad compressed payload (") + (z.msg ? z.msg : "zlib error") + ")";
    }
  }
  inflateEnd(&z);
  return "";
}

bool LooksLikeHtml(std::string_view body) {
  size_t i = 0;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < body.size() && IsAsciiSpace(body[i])) ++i;
  const std::string head = AsciiLower(body.substr(i, 64));
  return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0 ||
         head.rfind("<head", 0) == 0 ||
         (head.rfind("<!--", 0) == 0 &&
          AsciiLower(body.substr(0, 2048)).find("<html") != std::string::npos);
}

// Builds the document for an extracted page; returns "" or the reject reason.
std::string MakeDocument(const web::Article& a, const std::string& id, const std::string& url,
                         const std::string& warc_date, Document* doc) {
  if (a.text.empty()) return "no article text found";
  std::optional<Date> date;
  std::string date_source = a.date_source;
  std::string date_value = a.date;
  if (!a.date.empty()) date = Date::Parse(a.date);
  if (!date && !warc_date.empty()) {
    date = Date::Parse(warc_date);
    date_source = "warc-date";
    date_value = warc_date;
  }
  if (!date) return "no publication date found";
  doc->id = id;
  doc->date = *date;
  doc->title = a.title;
  doc->text = a.text;
  doc->url = url;
  doc->source = web::UrlHost(!url.empty() ? url : a.url);
  doc->lang = a.lang;
  std::string j = "{\"authors\":[";
  for (size_t i = 0; i < a.authors.size(); ++i) {
    if (i) j += ',';
    AppendJsonString(&j, a.authors[i]);
  }
  j += "],\"date_source\":";
  AppendJsonString(&j, date_source);
  j += ",\"published\":";
  AppendJsonString(&j, date_value);
  if (!a.url.empty()) {
    j += ",\"canonical_url\":";
    AppendJsonString(&j, a.url);
  }
  j += ",\"encoding\":";
  AppendJsonString(&j, a.encoding);
  j += "}";
  doc->extra_json = std::move(j);
  return "";
}

// The URI with control characters and bytes that are not valid UTF-8
// percent-encoded, so that it can serve as a document id (valid UTF-8 text).
std::string CleanUri(std::string_view uri) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < uri.size();) {
    const auto c = static_cast<unsigned char>(uri[i]);
    const size_t n = Utf8SequenceLength(uri, i);
    if (n > 0 && c >= 0x20 && c != 0x7F) {
      out.append(uri.substr(i, n));
      i += n;
      continue;
    }
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 15];
    ++i;
  }
  return out;
}

void Deliver(const InputFile& file, Document&& doc) {
  uint64_t repaired = RepairUtf8(&doc.title);
  repaired += RepairUtf8(&doc.text);
  file.sink->OnDocument(std::move(doc), repaired);
}

// Handles one complete WARC record.
void HandleRecord(const InputFile& file, const Headers& h, std::string_view block, uint64_t offset,
                  std::string_view raw_header) {
  std::string type = AsciiLower(h.Get("warc-type"));
  if (type.empty()) type = "untyped";
  if (type != "response") return Skip(file, type + " record");
  const std::string ctype = AsciiLower(h.Get("content-type"));
  if (ctype.find("application/http") == std::string::npos)
    return Skip(file,
                "response record not HTTP (" + (ctype.empty() ? "no Content-Type" : ctype) + ")");
  const std::string uri = CleanUri(Trim(h.Get("warc-target-uri")));
  auto reject = [&](std::string reason) {
    EmitReject(file, 0, offset, std::move(reason), raw_header);
  };
  // HTTP status line and headers.
  size_t p = 0;
  auto next_line = [&](std::string_view* line) {
    if (p >= block.size()) return false;
    size_t eol = block.find('\n', p);
    if (eol == std::string_view::npos) eol = block.size();
    *line = block.substr(p, eol - p);
    if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
    p = eol + 1;
    return true;
  };
  std::string_view status_line;
  if (!next_line(&status_line) || status_line.substr(0, 5) != "HTTP/")
    return reject("malformed HTTP response: no status line");
  const size_t sp = status_line.find(' ');
  int status = 0;
  if (sp != std::string_view::npos) {
    for (size_t i = sp + 1; i < status_line.size() && i < sp + 4; ++i) {
      if (status_line[i] < '0' || status_line[i] > '9') {
        status = -1;
        break;
      }
      status = status * 10 + (status_line[i] - '0');
    }
  }
  if (status < 100) return reject("malformed HTTP response: bad status line");
  Headers http;
  bool ended = false;
  std::string_view line;
  while (next_line(&line)) {
    if (line.empty()) {
      ended = true;
      break;
    }
    http.Add(line);
  }
  if (!ended) return reject("malformed HTTP response: headers do not end");
  if (status < 200 || status >= 300) return Skip(file, "HTTP status " + std::to_string(status));
  std::string_view payload = block.substr(std::min(p, block.size()));
  const std::string http_ctype = AsciiLower(http.Get("content-type"));
  std::string mime = http_ctype.substr(0, http_ctype.find(';'));
  mime = std::string(Trim(mime));
  std::string body_store;
  if (AsciiLower(http.Get("transfer-encoding")).find("chunked") != std::string::npos) {
    std::string out;
    if (std::string why = Dechunk(payload, &out); !why.empty()) return reject(why);
    body_store = std::move(out);
    payload = body_store;
  }
  const std::string cenc = AsciiLower(std::string(Trim(http.Get("content-encoding"))));
  if (!cenc.empty() && cenc != "identity") {
    if (cenc != "gzip" && cenc != "x-gzip" && cenc != "deflate")
      return reject("unsupported Content-Encoding \"" + cenc + "\"");
    std::string out;
    if (std::string why = Inflate(payload, &out); !why.empty()) return reject(why);
    body_store = std::move(out);
    payload = body_store;
  }
  const bool html = mime == "text/html" || mime == "application/xhtml+xml" ||
                    (mime.empty() && LooksLikeHtml(payload));
  if (!html) return Skip(file, "not HTML (" + (mime.empty() ? "no Content-Type" : mime) + ")");
  if (uri.empty()) return reject("missing WARC-Target-URI");
  web::Article a;
  Status s = web::ExtractArticle(payload, uri, web::CharsetFromContentType(http_ctype), &a);
  if (!s.ok()) return reject(s.message());
  Document doc;
  const std::string warc_date = std::string(Trim(h.Get("warc-date")));
  if (std::string why = MakeDocument(a, uri, uri, warc_date, &doc); !why.empty())
    return reject(why + " (" + uri + ")");
  doc.origin = OffsetOrigin(file, offset);
  Deliver(file, std::move(doc));
}

// A read/decompression error: one Reject for the unreadable rest, and the Status.
Status ReportStreamErrorRaw(const InputFile& file, const Status& s, uint64_t offset,
                            std::string_view partial) {
  EmitReject(file, 0, offset, s.message() + "; the rest of the file is unreadable", partial);
  const std::string msg = file.name + ": " + s.message();
  return s.IsCorruption() ? Status::Corruption(msg) : Status::IOError(msg);
}

}  // namespace

Status ReadWarc(Source* in, const InputFile& file) {
  ByteReader r(in);
  std::string line, block;
  bool too_long = false;
  for (;;) {
    // Find the next record's version line, skipping blank lines.
    uint64_t offset = r.offset();
    if (!r.Line(&line, &too_long)) break;
    if (TrimSpace(line).empty() && !too_long) continue;
    if (too_long || line.rfind("WARC/", 0) != 0) {
      // Not at a record: report once and resynchronise at the next "WARC/" line.
      std::string raw = line.substr(0, 200);
      EmitReject(file, 0, offset, "not a WARC record (expected a WARC/1.x version line)", raw);
      bool found = false;
      for (;;) {
        offset = r.offset();
        if (!r.Line(&line, &too_long)) break;
        if (!too_long && line.rfind("WARC/", 0) == 0) {
          found = true;
          break;
        }
      }
      if (!found) break;
    }
    std::string raw_header = line + "\r\n";
    Headers h;
    bool ended = false;
    while (r.Line(&line, &too_long)) {
      if (too_long) break;
      if (line.empty()) {
        ended = true;
        break;
      }
      AppendExcerpt(&raw_header, line + "\r\n");
      h.Add(line);
    }
    if (!ended) {
      if (!r.status().ok()) return ReportStreamErrorRaw(file, r.status(), offset, raw_header);
      EmitReject(file, 0, offset,
                 too_long ? "WARC header line longer than 64 KiB"
                          : "truncated WARC record: the file ends inside its header",
                 raw_header);
      if (too_long) continue;
      break;
    }
    const std::string len_s = std::string(Trim(h.Get("content-length")));
    uint64_t len = 0;
    bool len_ok = !len_s.empty() && len_s.size() <= 15;
    for (char c : len_s) {
      if (c < '0' || c > '9') {
        len_ok = false;
        break;
      }
      len = len * 10 + static_cast<uint64_t>(c - '0');
    }
    if (!len_ok) {
      EmitReject(file, 0, offset,
                 len_s.empty() ? "WARC record without Content-Length"
                               : "bad Content-Length \"" + len_s.substr(0, 40) + "\"",
                 raw_header);
      continue;  // resynchronise at the next version line
    }
    block.clear();
    const bool keep = len <= kMaxRecord;
    const size_t got = r.Bytes(len, &block, keep);
    if (got < len) {
      if (!r.status().ok()) return ReportStreamErrorRaw(file, r.status(), offset, raw_header);
      EmitReject(file, 0, offset,
                 "truncated WARC record: " + std::to_string(got) + " of " + std::to_string(len) +
                     " content bytes",
                 raw_header);
      break;
    }
    if (!keep) {
      EmitReject(file, 0, offset, "WARC record larger than 64 MiB", raw_header);
      continue;
    }
    HandleRecord(file, h, block, offset, raw_header);
  }
  if (!r.status().ok()) return ReportStreamErrorRaw(file, r.status(), r.offset(), "");
  return Status::OK();
}

Status ReadHtmlPage(Source* in, const InputFile& file) {
  ByteReader r(in);
  std::string page;
  bool over = false;
  r.All(&page, kMaxRecord, &over);
  if (!r.status().ok()) return ReportStreamErrorRaw(file, r.status(), 0, page.substr(0, 200));
  if (over) {
    EmitReject(file, 0, 0, "page larger than 64 MiB", page.substr(0, 200));
    return Status::OK();
  }
  web::Article a;
  Status s = web::ExtractArticle(page, "", "", &a);
  if (!s.ok()) {
    EmitReject(file, 0, 0, s.message(), page.substr(0, 200));
    return Status::OK();
  }
  Document doc;
  if (std::string why = MakeDocument(a, file.id_base, a.url, "", &doc); !why.empty()) {
    EmitReject(file, 0, 0, why, page.substr(0, 200));
    return Status::OK();
  }
  doc.origin = file.name;
  Deliver(file, std::move(doc));
  return Status::OK();
}

}  // namespace dateline::ingest
