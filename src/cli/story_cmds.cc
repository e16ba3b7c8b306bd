// `dateline stories` and `dateline story`: the stories (documents about one
// real-world event, doc/stories.md) of the documents matching a query, and the
// documents of one story.
#include <CLI/CLI.hpp>

#include "cli/common.h"
#include "dateline/index.h"
#include "dateline/search.h"
#include "server/stories.h"

namespace dateline::cli {

namespace {

using out::Story;
using out::StoryMember;
using out::StoryValue;

std::string Day(int32_t d) { return Date::FromDays(d).ToString(); }

void PrintStoryLine(const Story& st) {
  std::string langs, ents;
  for (const auto& [l, n] : st.languages) langs += (langs.empty() ? "" : ",") + l;
  for (const StoryValue& v : st.entities) ents += (ents.empty() ? "" : "; ") + v.display;
  for (const StoryValue& v : st.places) ents += (ents.empty() ? "" : "; ") + v.display;
  std::printf("%-24s  %s..%s  docs %zu  reports %zu  sources %zu  [%s]\n  %s\n  %s\n",
              st.id.c_str(), Day(st.first_day).c_str(), Day(st.last_day).c_str(), st.members.size(),
              st.reports, st.sources.size(), langs.c_str(), st.title.c_str(), ents.c_str());
}

struct StoriesFlags {
  std::string index, from, to, langs;
  std::vector<std::string> words;
  size_t limit = 20;
  bool json = false;
};

Status RunStoriesQuery(const StoriesFlags& f, std::vector<Story>* out) {
  search::SearchOptions opt;
  DL_RETURN_IF_ERROR(ParseDateFlag(f.from, "--from", &opt.from));
  DL_RETURN_IF_ERROR(ParseDateFlag(f.to, "--to", &opt.to));
  DL_RETURN_IF_ERROR(ParseLangs(f.langs, &opt.langs));
  std::string q;
  for (const auto& w : f.words) q += (q.empty() ? "" : " ") + w;
  search::QueryNode query;
  DL_RETURN_IF_ERROR(search::ParseQuery(q, &query));
  std::unique_ptr<IndexReader> index;
  DL_RETURN_IF_ERROR(IndexReader::Open(ResolveIndexDir(f.index), &index));
  return out::ListStories(*index, query, opt, f.limit, out);
}

void PrintStory(const Story& st, bool json) {
  if (json) {
    std::printf("%s\n", out::StoryWithMembersJson(st).c_str());
    return;
  }
  PrintStoryLine(st);
  std::printf("\n%-10s  %-4s  %-24s  %-24s  %-24s  %s\n", "date", "lang", "id", "source", "copy of",
              "title");
  for (const StoryMember& m : st.members) {
    std::printf("%-10s  %-4s  %-24s  %-24s  %-24s  %s\n", m.doc.date.ToString().c_str(),
                m.doc.lang.c_str(), m.id.c_str(), m.doc.source.c_str(),
                m.copy_of == m.id ? "-" : m.copy_of.c_str(), m.doc.title.c_str());
  }
}

}  // namespace

int RunStories(int argc, char** argv) {
  CLI::App app{"The stories of the documents matching a query", "dateline stories"};
  StoriesFlags f;
  app.add_option("--index", f.index, "Index directory");
  app.add_option("--from", f.from, "Earliest publication date (YYYY, YYYY-MM or YYYY-MM-DD)");
  app.add_option("--to", f.to, "Latest publication date");
  app.add_option("--lang", f.langs, "Languages, comma-separated (e.g. nl,de)");
  app.add_option("--limit", f.limit, "How many stories to list")->capture_default_str();
  app.add_flag("--json", f.json, "Print JSON");
  app.add_option("query", f.words, "Query (see doc/query-syntax.md); none: every document");
  DL_PARSE_FLAGS(app, argc, argv);
  std::vector<Story> stories;
  if (Status s = RunStoriesQuery(f, &stories); !s.ok()) return Fail(s);
  if (f.json) {
    std::printf("%s\n", out::StoriesJson(stories).c_str());
    return kExitOk;
  }
  for (const Story& st : stories) PrintStoryLine(st);
  return kExitOk;
}

int RunStory(int argc, char** argv) {
  CLI::App app{"The documents of the story of a document, in time order", "dateline story"};
  std::string index_flag, id;
  bool json = false;
  app.add_option("--index", index_flag, "Index directory");
  app.add_flag("--json", json, "Print JSON");
  app.add_option("id", id, "Id of any document of the story")->required();
  DL_PARSE_FLAGS(app, argc, argv);
  std::unique_ptr<IndexReader> index;
  if (Status s = IndexReader::Open(ResolveIndexDir(index_flag), &index); !s.ok()) return Fail(s);
  Story st;
  if (Status s = out::FindStory(*index, id, &st); !s.ok()) return Fail(s);
  PrintStory(st, json);
  return kExitOk;
}

}  // namespace dateline::cli
