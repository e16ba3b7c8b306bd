// Shared pieces of the command-line tool: exit codes, index path resolution, output helpers.
#pragma once

#include <cstdio>
#include <string>

#include "dateline/document.h"
#include "dateline/search.h"
#include "dateline/status.h"

namespace dateline::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;
inline constexpr int kExitUsage = 2;

/// --index if given, else $DATELINE_INDEX, else ./dateline-index.
std::string ResolveIndexDir(const std::string& flag);

/// Prints "dateline: <status>" on stderr and returns kExitRuntime (kExitUsage for InvalidArgument).
int Fail(const Status& s);

/// A hit as one JSON object (snippet marks become <b>...</b>, the rest HTML-escaped).
std::string HitJson(const search::Hit& h);
/// A stored document with its analysis (language, dates found in the text) as one JSON object.
std::string DocumentJson(const Document& d);
/// The temporal expressions of `text` resolved against `date`, as a JSON array
/// (see doc/dates.md).
std::string DatesJson(std::string_view text, std::string_view lang, const Date& date);
/// Snippet for a terminal: marks as bold (ANSI) when `tty`, else as [word].
std::string SnippetForTerminal(const std::string& s, bool tty);
/// Snippet as HTML: escaped text, marks as <b>...</b>.
std::string SnippetHtml(const std::string& s);

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
