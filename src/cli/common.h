// Shared pieces of the command-line tool: exit codes, index path resolution, output helpers.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "dateline/annotate.h"
#include "dateline/document.h"
#include "dateline/search.h"
#include "dateline/status.h"
#include "server/json_out.h"
#include "util/json.h"

namespace dateline::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;
inline constexpr int kExitUsage = 2;

/// --index if given, else $DATELINE_INDEX, else ./dateline-index.
std::string ResolveIndexDir(const std::string& flag);

/// Prints "dateline: <status>" on stderr and returns kExitRuntime (kExitUsage for InvalidArgument).
int Fail(const Status& s);

/// Parses a --from/--to value into `out` (unset when `s` is empty).
Status ParseDateFlag(const std::string& s, const char* name, std::optional<Date>* out);
/// Parses comma-separated language names or codes into ISO 639-1 codes.
Status ParseLangs(const std::string& csv, std::vector<std::string>* out);

// The JSON builders shared with the HTTP API (server/json_out.h).
using out::AnnotationMembers;
using out::DatesJson;
using out::DocumentFieldsJson;
using out::DocumentJson;
using out::HitJson;
using out::PlaceJsonMembers;
using out::SnippetHtml;

/// Snippet for a terminal: marks as bold (ANSI) when `tty`, else as [word].
std::string SnippetForTerminal(const std::string& s, bool tty);

int RunIngest(int argc, char** argv);

}  // namespace dateline::cli

/// Parses a command's flags; on --help prints help and returns 0, on a usage
/// error prints CLI11's one-line message and returns kExitUsage (2).
#define DL_PARSE_FLAGS(app, argc, argv)                                        \
  do {                                                                         \
    try {                                                                      \
      (app).parse((argc), (argv));                                             \
    } catch (const CLI::ParseError& e) {                                       \
      const int rc = (app).exit(e);                                            \
      return rc == 0 ? ::dateline::cli::kExitOk : ::dateline::cli::kExitUsage; \
    }                                                                          \
  } while (0)

namespace dateline::cli {}  // namespace dateline::cli
