// Status: the outcome of an operation that can fail for expected reasons
// (bad input, I/O error, corruption). Invariants are assertions, not Statuses.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace dateline {

class Status {
 public:
  enum class Code { kOk = 0, kNotFound, kCorruption, kInvalidArgument, kIOError, kBusy };

  Status() = default;
  static Status OK() { return Status(); }
  static Status NotFound(std::string_view msg) { return Status(Code::kNotFound, msg); }
  static Status Corruption(std::string_view msg) { return Status(Code::kCorruption, msg); }
  static Status InvalidArgument(std::string_view msg) {
    return Status(Code::kInvalidArgument, msg);
  }
  static Status IOError(std::string_view msg) { return Status(Code::kIOError, msg); }
  /// Another process holds a resource we need (e.g. the writer lock).
  static Status Busy(std::string_view msg) { return Status(Code::kBusy, msg); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsIOError() const { return code_ == Code::kIOError; }
  bool IsBusy() const { return code_ == Code::kBusy; }
  const std::string& message() const { return msg_; }

  /// A one-line description such as "corruption: seg-3.seg: bad checksum".
  std::string ToString() const;

 private:
  Status(Code c, std::string_view msg) : code_(c), msg_(msg) {}
  Code code_ = Code::kOk;
  std::string msg_;
};

}  // namespace dateline

/// Returns from the enclosing function when `expr` yields a non-OK Status.
#define DL_RETURN_IF_ERROR(expr)       \
  do {                                 \
    ::dateline::Status _dl_s = (expr); \
    if (!_dl_s.ok()) return _dl_s;     \
  } while (0)
