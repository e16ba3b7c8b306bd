// Byte sources for the ingest readers: files (or stdin), a peeking wrapper used for
// sniffing, and streaming gzip / zstd decompressors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dateline/ingest.h"
#include "dateline/status.h"

namespace dateline::ingest {

/// A stream of bytes read in chunks.
class Source {
 public:
  virtual ~Source() = default;
  /// Reads up to `n` bytes into `buf`; *got == 0 means the end of the stream.
  /// A non-OK Status is final: later calls return it again.
  virtual Status Read(char* buf, size_t n, size_t* got) = 0;
};

/// Reads a file ("-" is standard input). Reports progress to a sink every MiB.
class FileSource : public Source {
 public:
  static Status Open(const std::string& path, std::unique_ptr<FileSource>* out);
  ~FileSource() override;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  Status Read(char* buf, size_t n, size_t* got) override;
  /// Calls sink->OnProgress(bytes read) about every MiB and once at the end.
  void set_progress_sink(RecordSink* sink) { progress_sink_ = sink; }
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  FileSource(int fd, bool owned, std::string path) : fd_(fd), owned_(owned), path_(path) {}
  int fd_;
  bool owned_;
  std::string path_;
  RecordSink* progress_sink_ = nullptr;
  uint64_t bytes_read_ = 0;
  uint64_t next_progress_ = 0;
  bool end_reported_ = false;
};

/// Buffers the beginning of another source so that it can be inspected first.
class PeekSource : public Source {
 public:
  explicit PeekSource(std::unique_ptr<Source> inner) : inner_(std::move(inner)) {}
  /// The first up-to-`n` bytes of the stream (fewer at its end), without consuming them.
  Status Peek(size_t n, std::string_view* out);
  Status Read(char* buf, size_t n, size_t* got) override;

 private:
  std::unique_ptr<Source> inner_;
  std::string head_;
  size_t head_pos_ = 0;
};

enum class Compression { kNone, kGzip, kZstd };

/// "gzip" or "zstd" (or "none").
std::string_view CompressionName(Compression c);

/// True if `head` starts with the magic bytes of `c` (always true for kNone).
bool HasMagic(Compression c, std::string_view head);

/// The compression whose magic bytes start `head`, or kNone.
Compression SniffCompression(std::string_view head);

/// Wraps `inner` in a streaming decompressor for `c` (returns `inner` for kNone).
/// Decompression errors are Corruption statuses naming the compressed byte offset.
std::unique_ptr<Source> MakeDecompressor(Compression c, std::unique_ptr<Source> inner);

}  // namespace dateline::ingest
