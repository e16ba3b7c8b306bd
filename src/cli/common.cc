#include "cli/common.h"

#include <cstdlib>

#include "dateline/text.h"
#include "util/json.h"

namespace dateline::cli {

std::string ResolveIndexDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("DATELINE_INDEX");
  if (env != nullptr && *env != '\0') return env;
  return "dateline-index";
}

Status ParseDateFlag(const std::string& s, const char* name, std::optional<Date>* out) {
  if (s.empty()) return Status::OK();
  auto d = Date::Parse(s);
  if (!d) return Status::InvalidArgument(std::string(name) + ": not a date: '" + s + "'");
  *out = d;
  return Status::OK();
}

Status ParseLangs(const std::string& csv, std::vector<std::string>* out) {
  size_t start = 0;
  while (start <= csv.size() && !csv.empty()) {
    size_t end = csv.find(',', start);
    if (end == std::string::npos) end = csv.size();
    std::string code = csv.substr(start, end - start);
    if (!code.empty()) {
      std::string norm = text::NormalizeLanguageCode(code);
      if (norm.empty()) return Status::InvalidArgument("--lang: unknown language '" + code + "'");
      out->push_back(norm);
    }
    start = end + 1;
  }
  return Status::OK();
}

int Fail(const Status& s) {
  std::fprintf(stderr, "dateline: %s\n", s.ToString().c_str());
  return s.IsInvalidArgument() ? kExitUsage : kExitRuntime;
}

std::string SnippetForTerminal(const std::string& s, bool tty) {
  std::string out;
  for (char c : s) {
    if (c == search::kMarkBegin) {
      out += tty ? "\033[1m" : "[";
    } else if (c == search::kMarkEnd) {
      out += tty ? "\033[0m" : "]";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace dateline::cli
