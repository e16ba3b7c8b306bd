// Splits a byte Source into lines, in bounded memory, tracking line numbers and offsets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "dateline/status.h"
#include "ingest/source.h"

namespace dateline::ingest {

/// Longest line (and CSV record) the readers accept: 64 MiB.
inline constexpr size_t kMaxLineBytes = size_t{64} << 20;

class LineReader {
 public:
  /// `max_line`: longer lines are not buffered; they are returned as an excerpt with
  /// last_too_long() set.
  explicit LineReader(Source* source, size_t max_line = kMaxLineBytes);

  /// Sets *line to the next line without its "\n" (or "\r\n"). The view stays valid
  /// until the next call. Returns false at the end of the input or on a read error
  /// (then status() is not OK and pending() holds the incomplete last line).
  bool Next(std::string_view* line);

  /// True if the last line returned exceeded max_line; *line was only its beginning.
  bool last_too_long() const { return too_long_; }
  /// 1-based number of the last line returned.
  uint64_t line_number() const { return line_number_; }
  /// Byte offset of the start of the last line returned.
  uint64_t line_offset() const { return line_offset_; }
  /// Line number and byte offset where the next line starts.
  uint64_t next_line_number() const { return line_number_ + 1; }
  uint64_t next_offset() const { return base_ + pos_; }
  const Status& status() const { return status_; }
  /// After a read error: the bytes of the incomplete line that were read.
  std::string_view pending() const { return std::string_view(buf_).substr(pos_, end_ - pos_); }

  /// Up to `n` bytes at the current position, without consuming them (for sniffing).
  std::string_view Peek(size_t n);

 private:
  bool Fill();  // reads more data; false at the end or on error
  bool SkipLongLine(std::string_view* line);
  void Compact();

  Source* source_;
  size_t max_line_;
  std::string buf_;
  size_t pos_ = 0;     // start of unconsumed data
  size_t end_ = 0;     // end of valid data
  size_t scan_ = 0;    // no '\n' in [pos_, scan_)
  uint64_t base_ = 0;  // input offset of buf_[0]
  bool eof_ = false;
  bool too_long_ = false;
  std::string long_excerpt_;
  uint64_t line_number_ = 0;
  uint64_t line_offset_ = 0;
  Status status_;
};

}  // namespace dateline::ingest
