// Ingest: reading input records (dateline text, JSON Lines, CSV; plain, .gz or .zst)
// into Documents, or into Rejects that say why a record could not be used.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dateline/document.h"
#include "dateline/status.h"

namespace dateline::ingest {

enum class Format { kAuto, kText, kJsonl, kCsv };

/// Parses "auto", "text"/"txt", "jsonl"/"ndjson", "csv". Returns false if unknown.
bool ParseFormat(std::string_view name, Format* out);

/// A record that could not be indexed, with where it was and why.
struct Reject {
  std::string file;     // path as given (or "-" for stdin)
  uint64_t line = 0;    // 1-based line of the record's start, 0 if not line-based
  uint64_t offset = 0;  // byte offset of the record's start in the (decompressed) input
  std::string reason;   // e.g. "missing id", "unparsable date \"2019-13-01\"", "invalid JSON: ..."
  std::string record;   // the raw record, truncated to 4 KiB
};

/// Receives what the readers find. Called from the reading thread, in input order.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  /// A good record. `repaired` counts invalid UTF-8 sequences replaced by U+FFFD in it.
  virtual void OnDocument(Document&& doc, uint64_t repaired) = 0;
  /// A record that cannot be indexed.
  virtual void OnReject(Reject&& reject) = 0;
  /// Progress: compressed/raw input bytes consumed so far in the current file.
  virtual void OnProgress(uint64_t /*bytes_done*/) {}
};

struct ReadOptions {
  Format format = Format::kAuto;  // kAuto: chosen per file by extension
                                  // (.txt .jsonl .ndjson .csv, optionally + .gz/.zst)
};

/// Reads one path: a file, a directory (recursively, files in sorted order,
/// hidden files skipped, files with unknown extensions skipped and reported via
/// `skipped` when non-null), or "-" for stdin (format must then be given or is
/// sniffed from content). For dateline text files the document id is the path
/// relative to `path` when `path` is a directory, else the file name.
/// Returns a non-OK Status only for failures that stop reading a whole file or
/// directory (cannot open, decompression error); record-level problems become Rejects.
/// A decompression error midway keeps the records already delivered and also
/// reports a Reject for the unreadable rest.
Status ReadPath(const std::string& path, const ReadOptions& options, RecordSink* sink,
                std::vector<std::string>* skipped = nullptr);

/// Total bytes of the files ReadPath would read for `path` (0 for stdin); for progress.
uint64_t InputSize(const std::string& path);

/// Replaces invalid UTF-8 in *s by U+FFFD; returns how many sequences were replaced.
uint64_t RepairUtf8(std::string* s);

}  // namespace dateline::ingest
