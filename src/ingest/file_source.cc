// FileSource and PeekSource.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "ingest/source.h"

namespace dateline::ingest {
namespace {
constexpr uint64_t kProgressStep = uint64_t{1} << 20;
}  // namespace

Status FileSource::Open(const std::string& path, std::unique_ptr<FileSource>* out) {
  if (path == "-") {
    out->reset(new FileSource(STDIN_FILENO, false, path));
    return Status::OK();
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const std::string msg = path + ": cannot open: " + std::strerror(errno);
    return errno == ENOENT ? Status::NotFound(msg) : Status::IOError(msg);
  }
  out->reset(new FileSource(fd, true, path));
  return Status::OK();
}

FileSource::~FileSource() {
  if (owned_) ::close(fd_);
}

Status FileSource::Read(char* buf, size_t n, size_t* got) {
  *got = 0;
  ssize_t r;
  do {
    r = ::read(fd_, buf, n);
  } while (r < 0 && errno == EINTR);
  if (r < 0) return Status::IOError(path_ + ": read error: " + std::strerror(errno));
  *got = static_cast<size_t>(r);
  bytes_read_ += *got;
  if (progress_sink_ == nullptr) return Status::OK();
  if (r == 0 && !end_reported_) {
    end_reported_ = true;
    progress_sink_->OnProgress(bytes_read_);
  } else if (bytes_read_ >= next_progress_ && r > 0) {
    next_progress_ = bytes_read_ + kProgressStep;
    progress_sink_->OnProgress(bytes_read_);
  }
  return Status::OK();
}

Status PeekSource::Peek(size_t n, std::string_view* out) {
  char buf[4096];
  while (head_.size() - head_pos_ < n) {
    size_t got = 0;
    DL_RETURN_IF_ERROR(
        inner_->Read(buf, std::min(sizeof buf, n - (head_.size() - head_pos_)), &got));
    if (got == 0) break;
    head_.append(buf, got);
  }
  *out = std::string_view(head_).substr(head_pos_, n);
  return Status::OK();
}

Status PeekSource::Read(char* buf, size_t n, size_t* got) {
  if (head_pos_ < head_.size()) {
    *got = std::min(n, head_.size() - head_pos_);
    std::memcpy(buf, head_.data() + head_pos_, *got);
    head_pos_ += *got;
    return Status::OK();
  }
  return inner_->Read(buf, n, got);
}

}  // namespace dateline::ingest
