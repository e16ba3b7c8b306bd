#include "util/file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace dateline::file {

namespace {

Status Errno(const std::string& what, const std::string& path) {
  return Status::IOError(path + ": " + what + ": " + std::strerror(errno));
}

// ---------------------------------------------------------------------------
// Test-only fault injection (doc/testing.md): crash at, or fail, the N-th
// durable operation, and run out of space after N bytes. Read once from the
// environment; when none of the variables is set each hook is one load.

struct Faults {
  bool active = false;
  int64_t crash_at = 0;  // DATELINE_CRASH_AT=N[:before|:after]
  bool crash_after = false;
  int64_t eio_at = 0;         // DATELINE_FAULT_EIO_AT=N
  int64_t enospc_after = -1;  // DATELINE_FAULT_ENOSPC_AFTER_BYTES=N
  std::string log;            // DATELINE_CRASH_COUNT=file: one line per boundary
  std::atomic<int64_t> boundaries{0};
  std::atomic<int64_t> written{0};
};

int64_t EnvInt(const char* name, int64_t none) {
  const char* v = std::getenv(name);
  return v == nullptr || *v == '\0' ? none : std::strtoll(v, nullptr, 10);
}

Faults& TheFaults() {
  static Faults* f = [] {
    auto* f = new Faults();  // never destroyed: used until the process ends
    f->crash_at = EnvInt("DATELINE_CRASH_AT", 0);
    const char* at = std::getenv("DATELINE_CRASH_AT");
    f->crash_after = at != nullptr && std::strstr(at, ":after") != nullptr;
    f->eio_at = EnvInt("DATELINE_FAULT_EIO_AT", 0);
    f->enospc_after = EnvInt("DATELINE_FAULT_ENOSPC_AFTER_BYTES", -1);
    if (const char* log = std::getenv("DATELINE_CRASH_COUNT")) f->log = log;
    f->active = f->crash_at > 0 || f->eio_at > 0 || f->enospc_after >= 0 || !f->log.empty();
    return f;
  }();
  return *f;
}

void Die() {
  ::kill(::getpid(), SIGKILL);
  ::_exit(137);  // not reached
}

void LogBoundary(const Faults& f, int64_t n, const char* op, const std::string& path) {
  const int fd = ::open(f.log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  const std::string line = std::to_string(n) + " " + op + " " +
                           std::to_string(f.written.load(std::memory_order_relaxed)) + " " + path +
                           "\n";
  (void)!::write(fd, line.data(), line.size());
  ::close(fd);
}

// A durable operation (fsync of a file or directory, rename, remove) is about
// to run. Returns false if it must fail with EIO (errno set).
bool BeginDurable(const char* op, const std::string& path, int64_t* number) {
  Faults& f = TheFaults();
  *number = 0;
  if (!f.active) return true;
  *number = f.boundaries.fetch_add(1, std::memory_order_relaxed) + 1;
  if (!f.log.empty()) LogBoundary(f, *number, op, path);
  if (*number == f.crash_at && !f.crash_after) Die();
  if (*number == f.eio_at) {
    errno = EIO;
    return false;
  }
  return true;
}

// The durable operation numbered `number` has completed.
void EndDurable(int64_t number) {
  if (number == 0) return;
  const Faults& f = TheFaults();
  if (number == f.crash_at && f.crash_after) Die();
}

// Runs `op` (returning 0 or -1 with errno) as durable operation `what` on `path`.
template <typename Op>
int Durable(const char* what, const std::string& path, Op op) {
  int64_t number;
  if (!BeginDurable(what, path, &number)) return -1;
  const int rc = op();
  const int saved = errno;
  EndDurable(number);
  errno = saved;
  return rc;
}

int Fsync(int fd, const std::string& path) {
  return Durable("fsync", path, [fd] { return ::fsync(fd); });
}

// How many of `want` bytes may be written before the simulated disk is full.
size_t WriteAllowance(size_t want) {
  Faults& f = TheFaults();
  if (!f.active || f.enospc_after < 0) return want;
  const int64_t before = f.written.fetch_add(static_cast<int64_t>(want));
  if (before + static_cast<int64_t>(want) <= f.enospc_after) return want;
  const int64_t room = std::max<int64_t>(0, f.enospc_after - before);
  f.written.fetch_sub(static_cast<int64_t>(want) - room);
  return static_cast<size_t>(room);
}

ssize_t Write(int fd, const char* data, size_t size) {
  Faults& f = TheFaults();
  if (!f.active) return ::write(fd, data, size);
  const size_t allowed = WriteAllowance(size);
  if (allowed == 0 && size > 0) {
    errno = ENOSPC;
    return -1;
  }
  const ssize_t n = ::write(fd, data, allowed);
  if (f.enospc_after < 0 && n > 0) f.written.fetch_add(n, std::memory_order_relaxed);
  return n;
}

Status WriteAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = Write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("write", path);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::OK();
}

}  // namespace

Status ReadFile(const std::string& path, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? Status::NotFound(path) : Errno("open", path);
  out->clear();
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = Errno("read", path);
      ::close(fd);
      return s;
    }
    if (n == 0) break;
    out->append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return Status::OK();
}

Status SyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("open directory", dir);
  int rc = Durable("fsync-dir", dir, [fd] { return ::fsync(fd); });
  const int saved = errno;
  ::close(fd);
  errno = saved;
  if (rc != 0) return Errno("fsync directory", dir);
  return Status::OK();
}

Status WriteFileAtomic(const std::string& path, std::string_view data) {
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("create", tmp);
  Status s = WriteAll(fd, data, tmp);
  if (s.ok() && Fsync(fd, tmp) != 0) s = Errno("fsync", tmp);
  ::close(fd);
  if (s.ok()) s = Rename(tmp, path);
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    return s;
  }
  std::string dir = std::filesystem::path(path).parent_path().string();
  return SyncDir(dir.empty() ? "." : dir);
}

Status MakeDirs(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IOError(dir + ": create directory: " + ec.message());
  return Status::OK();
}

Status ListDir(const std::string& dir, std::vector<std::string>* names) {
  names->clear();
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(dir, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    names->push_back(it->path().filename().string());
  }
  if (ec) return Status::IOError(dir + ": list directory: " + ec.message());
  std::sort(names->begin(), names->end());
  return Status::OK();
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

Status RemoveFile(const std::string& path) {
  const int rc = Durable("remove", path, [&path] { return ::unlink(path.c_str()); });
  if (rc != 0 && errno != ENOENT) return Errno("remove", path);
  return Status::OK();
}

Status Rename(const std::string& from, const std::string& to) {
  const int rc =
      Durable("rename", from, [&from, &to] { return ::rename(from.c_str(), to.c_str()); });
  if (rc != 0) return Errno("rename to " + to, from);
  return Status::OK();
}

uint64_t DiskUsage(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) return std::filesystem::file_size(path, ec);
  uint64_t total = 0;
  for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

Status MappedFile::Open(const std::string& path, std::unique_ptr<MappedFile>* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? Status::NotFound(path) : Errno("open", path);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    Status s = Errno("stat", path);
    ::close(fd);
    return s;
  }
  std::unique_ptr<MappedFile> m(new MappedFile());
  m->path_ = path;
  m->size_ = static_cast<size_t>(st.st_size);
  if (m->size_ > 0) {
    void* p = ::mmap(nullptr, m->size_, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
      Status s = Errno("mmap", path);
      ::close(fd);
      return s;
    }
    m->data_ = static_cast<const char*>(p);
  }
  ::close(fd);
  *out = std::move(m);
  return Status::OK();
}

void MappedFile::ReleasePages() const {
  if (data_ != nullptr) ::madvise(const_cast<char*>(data_), size_, MADV_DONTNEED);
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
}

Status FileLock::Acquire(const std::string& path, std::unique_ptr<FileLock>* out) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("open lock file", path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    bool busy = errno == EWOULDBLOCK;
    Status s = busy ? Status::Busy(path + ": another dateline process is writing to this index")
                    : Errno("lock", path);
    ::close(fd);
    return s;
  }
  out->reset(new FileLock(fd));
  return Status::OK();
}

FileLock::~FileLock() {
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

Status AppendFile::Open(const std::string& path, std::unique_ptr<AppendFile>* out, bool truncate) {
  int flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (truncate ? O_TRUNC : 0);
  int fd = ::open(path.c_str(), flags, 0644);
  if (fd < 0) return Errno("open", path);
  out->reset(new AppendFile(fd, path));
  return Status::OK();
}

AppendFile::~AppendFile() {
  (void)Flush();
  ::close(fd_);
}

Status AppendFile::Append(std::string_view data) {
  written_ += data.size();
  synced_ = false;
  if (data.size() >= (1 << 20)) {
    DL_RETURN_IF_ERROR(WriteBuffered());
    DL_RETURN_IF_ERROR(WriteAll(fd_, data, path_));
    end_ += data.size();
    MaybeStartWriteBack();
    return Status::OK();
  }
  buf_.append(data);
  return buf_.size() >= (1 << 16) ? WriteBuffered() : Status::OK();
}

Status AppendFile::WriteBuffered() {
  Status s = WriteAll(fd_, buf_, path_);
  end_ += buf_.size();
  buf_.clear();
  MaybeStartWriteBack();
  return s;
}

// Every 16 MiB: the kernel otherwise holds dirty pages until the fsync (up to
// a fifth of the memory here) and Flush() then waits for all of them. A hint:
// its failure is not an error (Flush reports the write's).
void AppendFile::MaybeStartWriteBack() {
  if (!write_back_early_ || end_ - scheduled_ < (16 << 20)) return;
  (void)::sync_file_range(fd_, static_cast<off_t>(scheduled_),
                          static_cast<off_t>(end_ - scheduled_), SYNC_FILE_RANGE_WRITE);
  scheduled_ = end_;
}

void AppendFile::WriteBackEarly() {
  const off_t end = ::lseek(fd_, 0, SEEK_END);
  if (end < 0) return;  // a hint only
  write_back_early_ = true;
  end_ = scheduled_ = static_cast<uint64_t>(end) + buf_.size();
}

Status AppendFile::AppendFileContents(const std::string& src, uint64_t size) {
  DL_RETURN_IF_ERROR(WriteBuffered());
  const int in = ::open(src.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return Errno("open", src);
  written_ += size;
  synced_ = false;
  Status s;
  // copy_file_range refuses an O_APPEND descriptor: a second one writes at
  // the end. Under the test fault hooks every byte goes through Write.
  const off_t end = ::lseek(fd_, 0, SEEK_END);
  const int out = TheFaults().active || end < 0 ? -1 : ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
  uint64_t done = 0;
  if (out >= 0) {
    loff_t at = end;
    while (done < size) {
      const ssize_t n = ::copy_file_range(in, nullptr, out, &at, size - done, 0);
      if (n <= 0) break;  // unsupported here, or an error: the loop below says which
      done += static_cast<uint64_t>(n);
    }
    ::close(out);
  }
  if (done > 0 && ::lseek(in, static_cast<off_t>(done), SEEK_SET) < 0) s = Errno("seek", src);
  std::string chunk;
  while (s.ok() && done < size) {
    chunk.resize(std::min<uint64_t>(size - done, 1 << 20));
    const ssize_t n = ::read(in, chunk.data(), chunk.size());
    if (n <= 0) {
      s = n < 0 ? Errno("read", src) : Status::IOError(src + ": shorter than expected");
      break;
    }
    chunk.resize(static_cast<size_t>(n));
    s = WriteAll(fd_, chunk, path_);
    done += static_cast<uint64_t>(n);
  }
  ::close(in);
  end_ += done;
  MaybeStartWriteBack();
  return s;
}

Status AppendFile::WriteOut() { return WriteBuffered(); }

Status AppendFile::Flush() {
  if (synced_) return Status::OK();
  Status s = WriteOut();
  if (s.ok() && Fsync(fd_, path_) != 0) s = Errno("fsync", path_);
  synced_ = s.ok();
  return s;
}

}  // namespace dateline::file
