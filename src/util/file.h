// File-system helpers with Status errors: whole-file reads, durable writes,
// read-only memory maps and an advisory writer lock.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/status.h"

// Every fsync, rename and remove of index files goes through this layer, so that
// the test-only fault hooks of doc/testing.md (crash at the N-th durable
// operation, EIO, disk full) can reach each of them.
namespace dateline::file {

/// Reads the whole file into *out.
Status ReadFile(const std::string& path, std::string* out);

/// Writes `data` to `path` durably: a temporary file is written and fsync'ed,
/// renamed over `path`, and the directory fsync'ed.
Status WriteFileAtomic(const std::string& path, std::string_view data);

/// fsyncs a directory so that renames and creations in it are durable.
Status SyncDir(const std::string& dir);

/// Creates the directory and its parents if missing.
Status MakeDirs(const std::string& dir);

/// Names (not paths) of the entries of `dir`, sorted.
Status ListDir(const std::string& dir, std::vector<std::string>* names);

bool Exists(const std::string& path);
Status RemoveFile(const std::string& path);
/// Renames `from` to `to` (atomically replacing `to`); not durable until SyncDir.
Status Rename(const std::string& from, const std::string& to);
/// Size in bytes of a file, or of all files under a directory.
uint64_t DiskUsage(const std::string& path);

/// A read-only memory map of a whole file. Empty files map to an empty view.
class MappedFile {
 public:
  static Status Open(const std::string& path, std::unique_ptr<MappedFile>* out);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view data() const { return {data_, size_}; }
  const std::string& path() const { return path_; }
  /// Drops the pages from this process's resident set (they stay in the page
  /// cache and come back on the next access). Keeps RSS bounded while large
  /// files are read once.
  void ReleasePages() const;

 private:
  MappedFile() = default;
  const char* data_ = nullptr;
  size_t size_ = 0;
  std::string path_;
};

/// An exclusive advisory lock (flock) on a file; released on destruction or process death.
class FileLock {
 public:
  /// Busy if another process holds the lock.
  static Status Acquire(const std::string& path, std::unique_ptr<FileLock>* out);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_;
};

/// Appends to a file, for logs such as the rejects file. Flush() makes it durable.
class AppendFile {
 public:
  /// Opens for appending; with `truncate`, an existing file is emptied first.
  static Status Open(const std::string& path, std::unique_ptr<AppendFile>* out,
                     bool truncate = false);
  ~AppendFile();
  /// Bytes appended through this object.
  uint64_t written() const { return written_; }
  Status Append(std::string_view data);
  /// Appends the first `size` bytes of the file at `src` (copied inside the
  /// kernel where it can). IOError naming the file that failed.
  Status AppendFileContents(const std::string& src, uint64_t size);
  /// From now on, starts writing data out to the disk every few MiB appended
  /// (without waiting), so that Flush() waits for the last of it only.
  void WriteBackEarly();
  Status Flush();  // write buffered data and fsync (nothing to do if nothing was appended since)
  /// Writes buffered data to the file without fsync (for a temporary file that
  /// is read back and removed: the data need not reach the disk).
  Status WriteOut();
  /// Drops the buffered data: the destructor then neither writes nor fsyncs
  /// (for a file about to be removed).
  void Discard() {
    buf_.clear();
    synced_ = true;
  }

 private:
  explicit AppendFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
  std::string buf_;
  Status WriteBuffered();  // buf_ to the file
  void MaybeStartWriteBack();
  uint64_t written_ = 0;
  uint64_t end_ = 0;        // bytes in the file (with write_back_early_)
  uint64_t scheduled_ = 0;  // the file's bytes whose writeback has started
  bool write_back_early_ = false;
  bool synced_ = false;  // nothing appended since the last successful Flush()
};

}  // namespace dateline::file
