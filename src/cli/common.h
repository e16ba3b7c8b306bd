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

/// A hit as one JSON object (snippet marks become <b>...</b>, the rest HTML-escaped).
std::string HitJson(const search::Hit& h);
/// A stored document with its analysis (language, dates found in the text) as one JSON object.
std::string DocumentJson(const Document& d);
/// The stored fields of a document as one JSON object, without its analysis.
std::string DocumentFieldsJson(const Document& d);
/// `"entities":[...],"places":[...],"dates":[...]` (members, no braces) for a
/// title and text, each item with the field ("title" or "text") its offsets are in.
std::string AnnotationMembers(std::string_view title, std::string_view text, std::string_view lang,
                              const Date& date, const Annotations& a);
/// Adds the members of a resolved place (geonames_id ... why) to `j`.
JsonObject& PlaceJsonMembers(const Place& p, JsonObject* j);
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
