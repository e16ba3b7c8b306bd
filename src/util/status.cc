#include "dateline/status.h"

namespace dateline {

std::string Status::ToString() const {
  const char* name = "ok";
  switch (code_) {
    case Code::kOk:
      return "ok";
    case Code::kNotFound:
      name = "not found";
      break;
    case Code::kCorruption:
      name = "corruption";
      break;
    case Code::kInvalidArgument:
      name = "invalid argument";
      break;
    case Code::kIOError:
      name = "I/O error";
      break;
    case Code::kBusy:
      name = "busy";
      break;
  }
  return std::string(name) + ": " + msg_;
}

}  // namespace dateline
