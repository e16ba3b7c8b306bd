// `dateline ingest`: reads inputs, indexes documents, writes rejects, prints a summary.
#include <malloc.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <thread>

#include "cli/common.h"
#include "dateline/index.h"
#include "dateline/ingest.h"
#include "dateline/web.h"
#include "util/file.h"
#include "util/json.h"

namespace dateline::cli {

namespace {

using Clock = std::chrono::steady_clock;

using Counts = out::IngestCounts;

class IndexingSink : public ingest::RecordSink, public web::SkipListener {
 public:
  IndexingSink(IndexWriter* w, std::string rejects_path, uint64_t total_bytes, bool progress)
      : w_(w), rejects_path_(std::move(rejects_path)), total_(total_bytes), progress_(progress) {}

  void OnDocument(Document&& doc, uint64_t repaired) override {
    ++c_.read;
    c_.repaired += repaired;
    if (!status_.ok()) return;
    bool replaced = false;
    bytes_docs_ += doc.text.size() + doc.title.size();
    status_ = w_->Add(std::move(doc), &replaced);
    ++c_.indexed;
    c_.replaced += replaced;
    MaybeProgress();
  }

  void OnReject(ingest::Reject&& r) override {
    ++c_.read;
    ++c_.rejected;
    if (!status_.ok()) return;
    if (!rejects_) {
      status_ = file::MakeDirs(rejects_path_.substr(0, rejects_path_.rfind('/')));
      if (status_.ok()) status_ = file::AppendFile::Open(rejects_path_, &rejects_);
      if (!status_.ok()) return;
    }
    std::string line = "{\"file\":";
    AppendJsonString(&line, r.file);
    line += ",\"line\":" + std::to_string(r.line) + ",\"offset\":" + std::to_string(r.offset);
    line += ",\"reason\":";
    AppendJsonString(&line, r.reason);
    line += ",\"record\":";
    AppendJsonString(&line, r.record);
    line += "}\n";
    status_ = rejects_->Append(line);
  }

  /// WARC records that are not articles (requests, metadata, non-HTML...).
  void OnSkip(const std::string& /*file*/, const std::string& reason) override {
    ++skipped_[reason];
  }
  const std::map<std::string, uint64_t>& skipped_records() const { return skipped_; }

  void OnProgress(uint64_t bytes_done) override {
    file_bytes_ = bytes_done;
    MaybeProgress();
  }
  void FileDone() {
    done_bytes_ += file_bytes_;
    file_bytes_ = 0;
  }

  Status Finish() {
    if (progress_) std::fprintf(stderr, "\r\033[K");
    if (rejects_ && status_.ok()) status_ = rejects_->Flush();
    return status_;
  }
  const Counts& counts() const { return c_; }
  bool wrote_rejects() const { return rejects_ != nullptr; }
  uint64_t doc_bytes() const { return bytes_docs_; }

 private:
  void MaybeProgress() {
    if (!progress_) return;
    const auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    const uint64_t done = done_bytes_ + file_bytes_;
    std::fprintf(stderr, "\r\033[K%llu docs, %.0f docs/s, %.1f MB/s",
                 static_cast<unsigned long long>(c_.read), c_.read / secs, done / secs / 1e6);
    if (total_ > 0) {
      const double pct = 100.0 * static_cast<double>(done < total_ ? done : total_) / total_;
      std::fprintf(stderr, ", %.0f%%", pct);
    }
    std::fflush(stderr);
  }

  IndexWriter* w_;
  std::string rejects_path_;
  std::unique_ptr<file::AppendFile> rejects_;
  uint64_t total_, done_bytes_ = 0, file_bytes_ = 0, bytes_docs_ = 0;
  bool progress_;
  Counts c_;
  std::map<std::string, uint64_t> skipped_;
  Status status_;
  Clock::time_point start_ = Clock::now(), last_ = Clock::now();
};

std::string Timestamp() {
  char buf[32];
  std::time_t t = std::time(nullptr);
  std::tm tm;
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return std::string(buf) + "-" + std::to_string(::getpid());
}

}  // namespace

int RunIngest(int argc, char** argv) {
  CLI::App app{"Index articles from files, directories or stdin (-)", "dateline ingest"};
  std::string index_flag, format_name = "auto";
  std::vector<std::string> paths;
  IndexOptions opt;
  // Larger than the library's default: fewer, larger segments to write and
  // merge; the peak stays well under 1 GB (doc/index-format.md, "Writer memory").
  opt.memory_budget_mb = 768;
  bool quiet = false, json = false;
  app.add_option("--index", index_flag,
                 "Index directory (default $DATELINE_INDEX or ./dateline-index)");
  app.add_option("--format", format_name, "Input format: auto, text, jsonl, csv")
      ->capture_default_str();
  app.add_option("--memory-mb", opt.memory_budget_mb,
                 "Memory budget of indexing (buffered documents, segment building, merges)")
      ->capture_default_str()
      ->check(CLI::Range(16, 1 << 20));
  app.add_option("--threads", opt.threads, "Analysis threads (0: one per core)")
      ->capture_default_str();
  bool no_annotate = false;
  app.add_flag("--no-extract", no_annotate,
               "Skip entity, place and date extraction (faster; no person:/place:/event-date:)");
  bool no_copies = false;
  app.add_flag("--no-copies", no_copies,
               "Skip copy (near-duplicate) detection; these documents are never found as copies");
  bool no_stories = false;
  app.add_flag("--no-stories", no_stories,
               "Skip story linking; these documents join stories only through later ones");
  app.add_flag("--quiet,-q", quiet, "No progress line");
  app.add_flag("--json", json, "Print the summary as JSON");
  app.add_option("paths", paths, "Files, directories (recursive) or - for stdin")->required();
  DL_PARSE_FLAGS(app, argc, argv);
  opt.annotate = !no_annotate;
  opt.find_copies = !no_copies;
  opt.find_stories = !no_stories;
  ingest::ReadOptions ropt;
  if (!ingest::ParseFormat(format_name, &ropt.format)) {
    std::fprintf(stderr, "dateline: unknown format '%s'\n", format_name.c_str());
    return kExitUsage;
  }
  // Blocks of a 32nd of the budget and more (at least 256 KiB, at most glibc's
  // 32 MiB) get mappings of their own, returned to the system when freed;
  // smaller ones stay in the heap for the next, which keeps free at its top
  // up to twice that, or a quarter of what the budget leaves beyond 160 MiB
  // when more (the buffers that do not grow with the budget), so that the
  // next batch reuses what a build freed instead of faulting it in again
  // (doc/index-format.md, "Writer memory": 256 KiB at every budget made
  // indexing slower; leaving them to glibc let a 32 MB budget grow by more
  // than twice; twice the threshold alone gave most of a build's memory
  // back between batches).
  const size_t mapped =
      std::clamp<size_t>(size_t{opt.memory_budget_mb} << 15, size_t{256} << 10, size_t{32} << 20);
  const size_t budget = size_t{opt.memory_budget_mb} << 20;
  const size_t fixed = size_t{160} << 20;  // as IndexWriter's share of the documents
  const size_t share = budget > fixed ? (budget - fixed) / 4 : 0;
  const size_t kept = std::min(std::max(2 * mapped, share), size_t{1} << 30);  // an int
  ::mallopt(M_MMAP_THRESHOLD, static_cast<int>(mapped));
  ::mallopt(M_TRIM_THRESHOLD, static_cast<int>(kept));
  // Few heaps, one more than the analysis threads, so that what one batch
  // frees is reused by the next from any thread instead of being returned
  // and faulted in again (glibc's default, eight per core, let each thread
  // keep its own; doc/index-format.md, "Writer memory").
  const unsigned threads = opt.threads != 0 ? opt.threads : std::thread::hardware_concurrency();
  ::mallopt(M_ARENA_MAX, static_cast<int>(std::max(threads, 1u) + 1));
  const std::string dir = ResolveIndexDir(index_flag);
  std::unique_ptr<IndexWriter> w;
  if (Status s = IndexWriter::Open(dir, opt, &w); !s.ok()) return Fail(s);
  uint64_t total = 0;
  for (const auto& p : paths) total += ingest::InputSize(p);
  const auto start = Clock::now();
  IndexingSink sink(w.get(), dir + "/rejects/" + Timestamp() + ".jsonl", total,
                    !quiet && ::isatty(2));
  std::vector<std::string> skipped;
  // A path that cannot be read (missing, damaged) does not stop the others: what
  // was read is committed, the summary printed, and the exit code is 1.
  Status read_error;
  for (const auto& p : paths) {
    Status s = ingest::ReadPath(p, ropt, &sink, &skipped);
    sink.FileDone();
    if (!s.ok() && read_error.ok()) read_error = s;
  }
  if (Status s = sink.Finish(); !s.ok()) return Fail(s);
  if (Status s = w->Commit(); !s.ok()) return Fail(s);
  const double secs = std::chrono::duration<double>(Clock::now() - start).count();
  const Counts& c = sink.counts();
  if (json) {
    std::printf("%s}\n", out::IngestSummaryOpen(c, skipped.size(), secs).c_str());
  } else {
    std::printf(
        "read %llu, indexed %llu (%llu replaced older versions), rejected %llu, repaired %llu"
        " invalid UTF-8 sequences\n",
        (unsigned long long)c.read, (unsigned long long)c.indexed, (unsigned long long)c.replaced,
        (unsigned long long)c.rejected, (unsigned long long)c.repaired);
    std::printf("%.2f s, %.0f docs/s, %.1f MB/s of text\n", secs, c.read / std::max(secs, 1e-9),
                sink.doc_bytes() / std::max(secs, 1e-9) / 1e6);
    for (const auto& f : skipped) std::printf("skipped (unknown extension): %s\n", f.c_str());
    for (const auto& [reason, n] : sink.skipped_records()) {
      std::printf("skipped %llu WARC records: %s\n", (unsigned long long)n, reason.c_str());
    }
    if (sink.wrote_rejects()) std::printf("rejected records listed in %s/rejects/\n", dir.c_str());
  }
  if (!read_error.ok()) return Fail(read_error);
  return kExitOk;
}

}  // namespace dateline::cli
