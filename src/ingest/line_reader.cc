// LineReader: chunked reading with memchr line splitting.
#include "ingest/line_reader.h"

#include <algorithm>
#include <cstring>

#include "ingest/utf8.h"

namespace dateline::ingest {
namespace {
constexpr size_t kChunk = size_t{1} << 20;
}  // namespace

LineReader::LineReader(Source* source, size_t max_line)
    : source_(source), max_line_(max_line), buf_(kChunk, '\0') {}

void LineReader::Compact() {
  if (pos_ == 0) return;
  std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
  base_ += pos_;
  end_ -= pos_;
  scan_ -= pos_;
  pos_ = 0;
}

bool LineReader::Fill() {
  if (eof_ || !status_.ok()) return false;
  Compact();
  if (end_ == buf_.size()) buf_.resize(std::min(buf_.size() * 2, max_line_ + kChunk));
  if (end_ == buf_.size()) return false;  // cannot grow: caller handles the long line
  size_t got = 0;
  status_ = source_->Read(buf_.data() + end_, std::min(buf_.size() - end_, kChunk), &got);
  if (!status_.ok()) return false;
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

bool LineReader::Next(std::string_view* line) {
  too_long_ = false;
  for (;;) {
    const char* nl = static_cast<const char*>(std::memchr(buf_.data() + scan_, '\n', end_ - scan_));
    size_t line_end, next;
    if (nl != nullptr) {
      line_end = static_cast<size_t>(nl - buf_.data());
      if (line_end - pos_ > max_line_) return SkipLongLine(line);
      next = line_end + 1;
    } else {
      scan_ = end_;
      if (end_ - pos_ > max_line_) return SkipLongLine(line);
      if (Fill()) continue;
      if (!status_.ok() || pos_ == end_) return false;
      if (end_ - pos_ > max_line_) return SkipLongLine(line);
      line_end = next = end_;  // last line without a newline
    }
    if (line_end > pos_ && buf_[line_end - 1] == '\r') --line_end;
    *line = std::string_view(buf_).substr(pos_, line_end - pos_);
    ++line_number_;
    line_offset_ = base_ + pos_;
    pos_ = scan_ = next;
    return true;
  }
}

bool LineReader::SkipLongLine(std::string_view* line) {
  long_excerpt_.assign(buf_, pos_, kMaxRecordExcerpt + 4);
  ++line_number_;
  line_offset_ = base_ + pos_;
  for (;;) {
    const char* nl = static_cast<const char*>(std::memchr(buf_.data() + pos_, '\n', end_ - pos_));
    if (nl != nullptr) {
      pos_ = scan_ = static_cast<size_t>(nl - buf_.data()) + 1;
      break;
    }
    pos_ = scan_ = end_;
    if (!Fill()) break;
  }
  too_long_ = true;
  *line = long_excerpt_;
  return true;
}

std::string_view LineReader::Peek(size_t n) {
  while (end_ - pos_ < n && Fill()) {
  }
  return std::string_view(buf_).substr(pos_, std::min(n, end_ - pos_));
}

}  // namespace dateline::ingest
