// dateline: command-line entry point. Each command parses its own flags.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string_view>

#include "cli/common.h"

namespace dateline::cli {
int RunSearch(int argc, char** argv);
int RunShow(int argc, char** argv);
int RunDelete(int argc, char** argv);
int RunStats(int argc, char** argv);
int RunCheck(int argc, char** argv);
int RunOptimize(int argc, char** argv);
int RunRepair(int argc, char** argv);
int RunExtract(int argc, char** argv);
int RunTrainNer(int argc, char** argv);
int RunEvalNer(int argc, char** argv);
int RunEntities(int argc, char** argv);
int RunPlaces(int argc, char** argv);
int RunQuotes(int argc, char** argv);
int RunEvents(int argc, char** argv);
int RunStories(int argc, char** argv);
int RunStory(int argc, char** argv);
int RunTimeline(int argc, char** argv);
int RunServe(int argc, char** argv);
}  // namespace dateline::cli

namespace {

constexpr char kUsage[] =
    "dateline: a search engine for news archives\n\n"
    "usage: dateline COMMAND [options]   (dateline COMMAND --help for its options)\n\n"
    "  ingest   PATH...   index files, directories (recursive) or - for stdin\n"
    "  search   QUERY     search (--from --to --lang --limit --offset --sort --json --batch)\n"
    "  show     ID        print a stored document with its analysis\n"
    "  delete   ID...     delete documents\n"
    "  stats              documents, languages, date span, segments, size\n"
    "  check              verify every checksum and invariant\n"
    "  repair             keep the undamaged segments, report what was lost\n"
    "  optimize           merge segments\n"
    "  entities [QUERY]   most frequent people, organisations, places (--type --json)\n"
    "  places   [QUERY]   most frequent resolved places (--json, --geojson)\n"
    "  quotes   [QUERY]   quotes with their speakers, newest first (--speaker KEY --json)\n"
    "  events   [QUERY]   who did what to whom, where, when, merged across reports\n"
    "                     (--type --country --actor --from --to --json --csv --geojson)\n"
    "  stories  [QUERY]   stories (one event, all languages) of matching documents (--json)\n"
    "  story    ID        the documents of a document's story, in time order (--json)\n"
    "  timeline [QUERY]   matching documents per day, week or month, with top stories\n"
    "                     and entities (--by --json --csv --svg FILE)\n"
    "  serve              HTTP JSON API (--listen --token-file; doc/api.md)\n"
    "  extract  FILE...   entities, places and dates of a text; the article of web pages\n"
    "  train-ner          train a named-entity model on CoNLL files\n"
    "  eval-ner FILE      score a named-entity model on a CoNLL file\n\n"
    "The index is --index DIR, else $DATELINE_INDEX, else ./dateline-index.\n"
    "Exit codes: 0 ok, 1 runtime error, 2 usage error.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace dateline::cli;
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kExitUsage;
  }
  const std::string_view cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  if (cmd == "--version") {
    std::printf("dateline 0.1.0\n");
    return kExitOk;
  }
  struct Command {
    const char* name;
    int (*run)(int, char**);
  };
  // One command per line (keeps additions from conflicting).
  // clang-format off
  static const Command kCommands[] = {
      {"ingest", RunIngest},
      {"search", RunSearch},
      {"show", RunShow},
      {"delete", RunDelete},
      {"stats", RunStats},
      {"check", RunCheck},
      {"optimize", RunOptimize},
      {"repair", RunRepair},
      {"extract", RunExtract},
      {"train-ner", RunTrainNer},
      {"eval-ner", RunEvalNer},
      {"entities", RunEntities},
      {"places", RunPlaces},
      {"quotes", RunQuotes},
      {"events", RunEvents},
      {"stories", RunStories},
      {"story", RunStory},
      {"timeline", RunTimeline},
      {"serve", RunServe},
  };
  // clang-format on
  for (const auto& c : kCommands) {
    if (cmd == c.name) {
      try {
        return c.run(argc - 1, argv + 1);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "dateline: %s\n", e.what());
        return kExitRuntime;
      }
    }
  }
  std::fprintf(stderr, "dateline: unknown command '%s'\n\n%s", argv[1], kUsage);
  return kExitUsage;
}
