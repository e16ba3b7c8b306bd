// ReadPath / InputSize: path walking, compression and format choice, dispatch.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "dateline/ingest.h"
#include "ingest/readers.h"
#include "ingest/source.h"
#include "ingest/utf8.h"

namespace dateline::ingest {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

enum class WebKind { kNone, kWarc, kHtml };

// One file to read.
struct Job {
  std::string path;               // as given / joined from the root directory
  std::string id_base;            // relative path or file name
  Format format = Format::kAuto;  // kAuto: sniff from the content
  Compression compression = Compression::kNone;
  bool sniff_compression = false;
  bool in_directory = false;
  WebKind web = WebKind::kNone;  // .warc / .html pages: read by the web readers
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Format and compression from a file name; format kAuto if the extension is unknown.
void KindFromName(const std::string& name, Format* format, Compression* compression,
                  WebKind* web = nullptr) {
  std::string lower = AsciiLower(name);
  *compression = Compression::kNone;
  if (EndsWith(lower, ".gz")) {
    *compression = Compression::kGzip;
    lower.resize(lower.size() - 3);
  } else if (EndsWith(lower, ".zst")) {
    *compression = Compression::kZstd;
    lower.resize(lower.size() - 4);
  }
  *format = Format::kAuto;
  if (EndsWith(lower, ".txt")) *format = Format::kText;
  if (EndsWith(lower, ".jsonl") || EndsWith(lower, ".ndjson")) *format = Format::kJsonl;
  if (EndsWith(lower, ".csv")) *format = Format::kCsv;
  if (web != nullptr) {
    *web = WebKind::kNone;
    if (EndsWith(lower, ".warc")) *web = WebKind::kWarc;
    if (EndsWith(lower, ".html") || EndsWith(lower, ".htm")) *web = WebKind::kHtml;
  }
}

// Builds the job for a file; returns false if its extension is unknown and no format
// was given (only matters inside directories).
bool MakeJob(const std::string& path, const std::string& id_base, Format forced, Job* job) {
  Format by_name;
  WebKind web;
  KindFromName(fs::path(path).filename().string(), &by_name, &job->compression, &web);
  job->path = path;
  job->id_base = id_base;
  job->format = forced != Format::kAuto ? forced : by_name;
  job->web = forced == Format::kAuto ? web : WebKind::kNone;
  job->sniff_compression = by_name == Format::kAuto && job->web == WebKind::kNone &&
                           job->compression == Compression::kNone;
  return by_name != Format::kAuto || forced != Format::kAuto || job->web != WebKind::kNone;
}

Format SniffFormat(std::string_view head) {
  if (head.substr(0, kBom.size()) == kBom) head.remove_prefix(kBom.size());
  size_t i = 0;
  while (i < head.size() && IsAsciiSpace(head[i])) ++i;
  head.remove_prefix(i);
  if (head.empty() || head[0] == '{') return Format::kJsonl;
  if (head.substr(0, 4) == "date" && head.size() > 4 && (head[4] == ' ' || head[4] == '\t')) {
    return Format::kText;
  }
  return Format::kCsv;
}

// Lists a directory tree in sorted order.
class Walker {
 public:
  Walker(Format forced, std::vector<std::string>* skipped) : forced_(forced), skipped_(skipped) {}
  Status Walk(const fs::path& dir, const std::string& rel);
  std::vector<Job>& jobs() { return jobs_; }
  // Subdirectories that could not be listed: (path, error).
  const std::vector<std::pair<std::string, std::string>>& errors() const { return errors_; }

 private:
  void Visit(const fs::path& path, const std::string& rel);
  void Skip(const fs::path& p) {
    if (skipped_ != nullptr) skipped_->push_back(p.string());
  }

  Format forced_;
  std::vector<std::string>* skipped_;
  std::vector<Job> jobs_;
  std::vector<std::pair<std::string, std::string>> errors_;
};

Status Walker::Walk(const fs::path& dir, const std::string& rel) {
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, fs::directory_options::none, ec), end; !ec && it != end;
       it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  if (ec) return Status::IOError(dir.string() + ": cannot read directory: " + ec.message());
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    if (name.empty() || name[0] == '.') continue;  // hidden
    Visit(dir / name, rel.empty() ? name : rel + "/" + name);
  }
  return Status::OK();
}

void Walker::Visit(const fs::path& path, const std::string& rel) {
  std::error_code ec;
  const fs::file_status own = fs::symlink_status(path, ec);
  const fs::file_status target = fs::status(path, ec);
  if (fs::is_directory(target)) {
    if (fs::is_symlink(own)) return Skip(path);  // never follow: avoids loops
    Status s = Walk(path, rel);
    if (!s.ok()) errors_.emplace_back(path.string(), s.message());
    return;
  }
  Job job;
  job.in_directory = true;
  if (!fs::is_regular_file(target) || !MakeJob(path.string(), rel, forced_, &job)) {
    return Skip(path);
  }
  job.sniff_compression = false;  // inside directories compression follows the extension
  jobs_.push_back(std::move(job));
}

// Reads files, keeping the JSON parser between them.
class PathReader {
 public:
  explicit PathReader(RecordSink* sink) : sink_(sink) {}
  Status ReadFile(const Job& job);

 private:
  Status Dispatch(const Job& job, const InputFile& file, std::unique_ptr<Source> raw);

  RecordSink* sink_;
  JsonlReader jsonl_;
};

Status PathReader::ReadFile(const Job& job) {
  const InputFile file{job.path, job.id_base, sink_};
  std::unique_ptr<FileSource> source;
  Status s = FileSource::Open(job.path, &source);
  if (!s.ok()) {
    if (job.in_directory) EmitReject(file, 0, 0, s.message(), "");
    return s;
  }
  source->set_progress_sink(sink_);
  return Dispatch(job, file, std::move(source));
}

Status PathReader::Dispatch(const Job& job, const InputFile& file, std::unique_ptr<Source> raw) {
  auto peek = std::make_unique<PeekSource>(std::move(raw));
  std::string_view head;
  Status s = peek->Peek(4, &head);
  if (!s.ok()) {
    EmitReject(file, 0, 0, s.message(), "");
    return s;
  }
  const Compression c = job.sniff_compression ? SniffCompression(head) : job.compression;
  if (!head.empty() && !HasMagic(c, head)) {
    const std::string reason = "not " + std::string(CompressionName(c)) + " data (bad magic bytes)";
    EmitReject(file, 0, 0, reason, "");
    return Status::Corruption(job.path + ": " + reason);
  }
  std::unique_ptr<Source> source = MakeDecompressor(c, std::move(peek));
  if (job.web == WebKind::kWarc) return ReadWarc(source.get(), file);
  if (job.web == WebKind::kHtml) return ReadHtmlPage(source.get(), file);
  LineReader lines(source.get());
  const Format format = job.format != Format::kAuto ? job.format : SniffFormat(lines.Peek(4096));
  switch (format) {
    case Format::kText:
      return ReadTextRecord(&lines, file);
    case Format::kCsv:
      return ReadCsv(&lines, file);
    case Format::kJsonl:
    case Format::kAuto:
      break;
  }
  return jsonl_.Read(&lines, file);
}

Status ReadDirectory(const std::string& path, const ReadOptions& options, RecordSink* sink,
                     std::vector<std::string>* skipped) {
  Walker walker(options.format, skipped);
  DL_RETURN_IF_ERROR(walker.Walk(path, ""));
  Status first_error;
  for (const auto& [dir, message] : walker.errors()) {
    EmitReject(InputFile{dir, "", sink}, 0, 0, message, "");
    if (first_error.ok()) first_error = Status::IOError(message);
  }
  PathReader reader(sink);
  for (const Job& job : walker.jobs()) {
    Status s = reader.ReadFile(job);
    if (!s.ok() && first_error.ok()) first_error = s;
  }
  return first_error;
}

}  // namespace

bool ParseFormat(std::string_view name, Format* out) {
  const std::string n = AsciiLower(name);
  if (n == "auto") {
    *out = Format::kAuto;
  } else if (n == "text" || n == "txt") {
    *out = Format::kText;
  } else if (n == "jsonl" || n == "ndjson") {
    *out = Format::kJsonl;
  } else if (n == "csv") {
    *out = Format::kCsv;
  } else {
    return false;
  }
  return true;
}

Status ReadPath(const std::string& path, const ReadOptions& options, RecordSink* sink,
                std::vector<std::string>* skipped) {
  PathReader reader(sink);
  if (path == "-") {
    Job job;
    job.path = "-";
    job.id_base = "stdin";
    job.format = options.format;
    job.sniff_compression = true;
    return reader.ReadFile(job);
  }
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return Status::NotFound(path + ": no such file or directory");
  if (fs::is_directory(st)) return ReadDirectory(path, options, sink, skipped);
  Job job;
  MakeJob(path, fs::path(path).filename().string(), options.format, &job);
  return reader.ReadFile(job);
}

uint64_t InputSize(const std::string& path) {
  if (path == "-") return 0;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec) return 0;
  if (!fs::is_directory(st)) {
    const uint64_t size = fs::file_size(path, ec);
    return ec ? 0 : size;
  }
  Walker walker(Format::kAuto, nullptr);
  if (!walker.Walk(path, "").ok()) return 0;
  uint64_t total = 0;
  for (const Job& job : walker.jobs()) {
    const uint64_t size = fs::file_size(job.path, ec);
    if (!ec) total += size;
  }
  return total;
}

}  // namespace dateline::ingest
