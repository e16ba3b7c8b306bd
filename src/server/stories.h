// Stories (documents about one real-world event, doc/stories.md) summarized for
// display: shared by `dateline stories|story` and the HTTP API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "dateline/annotate.h"
#include "dateline/document.h"
#include "dateline/index.h"
#include "dateline/query.h"
#include "dateline/search.h"
#include "dateline/status.h"

namespace dateline::out {

/// One member of a story, as read from the store.
struct StoryMember {
  std::string id, copy_of;
  Document doc;
  Annotations ann;
  int32_t first_day = 0, last_day = 0;
};

/// A counted value (entity or place) of a story.
struct StoryValue {
  std::string key, type, display;
  size_t documents = 0;
};

struct Story {
  std::string id;  // of its earliest document
  std::string title, title_id;
  int32_t first_day = 0, last_day = 0;
  size_t matching = 0, reports = 0;
  std::vector<std::pair<std::string, size_t>> languages;  // by count, descending
  std::vector<std::string> sources;                       // distinct, earliest first
  std::vector<StoryValue> entities, places;
  std::vector<StoryMember> members;  // earliest first
};

/// The stories of the documents matching `query` and `opt`, most matching
/// documents first, at most `limit`. Errors as search::Search().
Status ListStories(const IndexReader& index, const search::QueryNode& query,
                   const search::SearchOptions& opt, size_t limit, std::vector<Story>* out);
/// The story of live document `id`. NotFound when there is none.
Status FindStory(const IndexReader& index, const std::string& id, Story* st);
/// A story's summary as one JSON object (as `dateline stories --json` lists them).
std::string StoryJson(const Story& st);
/// A JSON array of StoryJson objects.
std::string StoriesJson(const std::vector<Story>& stories);
/// StoryJson plus "members" (as `dateline story --json` prints it).
std::string StoryWithMembersJson(const Story& st);

}  // namespace dateline::out
