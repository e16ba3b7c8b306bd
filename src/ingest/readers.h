// The per-format record readers, all reading lines from a LineReader.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "dateline/ingest.h"
#include "ingest/line_reader.h"

namespace dateline::ingest {

/// What a reader needs to know about the file it reads.
struct InputFile {
  std::string name;     // Reject::file and the prefix of Document::origin
  std::string id_base;  // text: the document id; CSV without id column: id prefix
  RecordSink* sink = nullptr;
};

/// Sends a Reject for the record at (line, offset) with an excerpt of `raw`.
void EmitReject(const InputFile& file, uint64_t line, uint64_t offset, std::string reason,
                std::string_view raw);

/// Handles a read/decompression error of `in`: reports a Reject for the unreadable
/// rest (starting at the incomplete record at line/offset, whose raw bytes are
/// `partial`) and returns the error Status prefixed with the file name.
Status ReportStreamError(const InputFile& file, const LineReader& in, uint64_t line,
                         uint64_t offset, std::string_view partial);

/// `unparsable date "<value>"`, the value JSON-quoted and shortened.
std::string UnparsableDate(std::string_view value);

/// "<name>:<line>".
std::string Origin(const InputFile& file, uint64_t line);

/// Reads one dateline text file (one record).
Status ReadTextRecord(LineReader* in, const InputFile& file);

/// Reads a CSV file.
Status ReadCsv(LineReader* in, const InputFile& file);

class Source;

/// Reads a WARC file (already decompressed): one document per `response` record
/// with an HTML payload; other records are skipped (reported to a sink that is
/// also a web::SkipListener). See doc/web-ingest.md.
Status ReadWarc(Source* in, const InputFile& file);

/// Reads one HTML page (already decompressed); the document id is file.id_base.
Status ReadHtmlPage(Source* in, const InputFile& file);

/// Reads JSON Lines; keeps its simdjson parser between files. A file of more
/// than 256 KiB of lines is parsed on worker threads (one per core, at most
/// two; DATELINE_PARSE_THREADS sets their number), its records still reaching
/// the sink in line order, on the calling thread.
class JsonlReader {
 public:
  JsonlReader();
  ~JsonlReader();
  JsonlReader(const JsonlReader&) = delete;
  JsonlReader& operator=(const JsonlReader&) = delete;

  /// Reads every line of `in`: each record becomes a document or a reject.
  /// Not OK only when `in` fails (ReportStreamError).
  Status Read(LineReader* in, const InputFile& file);

  /// Parses one JSON object (already valid UTF-8) into *doc (id, date, text, title,
  /// url, source, lang, extra_json). Returns "" on success, else the reject reason.
  std::string ParseRecord(std::string_view json, Document* doc);

 private:
  class Impl;
  class Pool;
  struct Batch;
  static void Parse(Impl* parser, const InputFile& file, Batch* b);
  static void Deliver(const InputFile& file, Batch* b);
  static unsigned Workers();
  std::unique_ptr<Impl> impl_;
};

}  // namespace dateline::ingest
