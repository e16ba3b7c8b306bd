// Timelines: the documents matching a query counted per day, ISO week or
// month, with the independent reports, top stories and top entities of each
// period. Semantics (dates coarser than a period, cut periods): doc/timeline.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/document.h"
#include "dateline/entities.h"
#include "dateline/index.h"
#include "dateline/query.h"
#include "dateline/search.h"
#include "dateline/status.h"

namespace dateline::search {

/// The length of a period. kAuto picks one from the span (BuildTimeline).
enum class TimeUnit : uint8_t { kAuto, kDay, kWeek, kMonth };

/// Parses "day", "week", "month" or "auto"; nullopt for anything else.
std::optional<TimeUnit> ParseTimeUnit(std::string_view s);
/// "day", "week", "month" or "auto".
std::string_view TimeUnitName(TimeUnit u);
/// The first day of the period of `unit` (not kAuto) containing `day` (days since 1970-01-01);
/// weeks are ISO 8601 weeks, starting on Monday.
int32_t PeriodStart(int32_t day, TimeUnit unit);
/// The last day of the period of `unit` (not kAuto) containing `day`.
int32_t PeriodEnd(int32_t day, TimeUnit unit);
/// The name of the period containing `day`: "2019-04-06", "2019-W14" (ISO week-numbering year,
/// so 2020-12-31 is in "2020-W53" and 2021-01-03 too), "2019-04".
std::string PeriodLabel(int32_t day, TimeUnit unit);

struct TimelineOptions {
  std::optional<Date> from, to;  // date filter, as SearchOptions (documents inside the range)
  /// Place documents by the resolved dates their texts mention (doc/dates.md)
  /// instead of their publication date: a document counts in every period
  /// holding one of its dates, and from/to keep the documents that mention a
  /// date inside the range (whatever their publication date) and only those dates.
  bool by_event_date = false;
  std::vector<std::string> langs;  // language filter (any of), empty: all
  TimeUnit by = TimeUnit::kAuto;
  size_t top = 3;                 // stories and entities listed per period
  std::vector<EntityType> types;  // entity types counted; empty: all
  size_t max_periods = 10000;     // more periods than this: InvalidArgument
};

/// A story (doc/stories.md) as seen in one period.
struct TimelineStory {
  std::string id;          // the story's id: its earliest document
  std::string title;       // of its earliest matching document of the period that has one
  uint64_t documents = 0;  // its matching documents in the period
};

struct TimelinePeriod {
  std::string label;                    // PeriodLabel()
  int32_t first_day = 0, last_day = 0;  // the whole period (--from/--to may cut it)
  uint64_t documents = 0;               // matching documents dated in the period
  uint64_t reports = 0;                 // distinct copy groups among them (doc/copies.md)
  std::vector<TimelineStory> stories;   // most documents first, then earliest story
  std::vector<FacetValue> entities;     // in most documents first, then by key
};

struct Timeline {
  TimeUnit by = TimeUnit::kDay;         // the unit used (never kAuto)
  bool by_event_date = false;           // as TimelineOptions::by_event_date
  std::vector<TimelinePeriod> periods;  // consecutive, empty ones included
  uint64_t documents = 0;               // all matching documents, those in no period included
  uint64_t reports = 0;                 // distinct copy groups among them
  /// Matching documents whose publication date is coarser than the unit (a
  /// month-dated one by day or week, a year-dated one by any unit): in no period.
  /// By event date: those that mention no date as precise as the unit.
  uint64_t undated = 0;
};

/// Why the `undated` documents of `t` are in no period, for a sentence such as
/// "3 dated only to the month or year": by publication date "dated only to the
/// year" (by month) or "dated only to the month or year"; by event date
/// "mentioning no date within one day" (week, month).
std::string UndatedReason(const Timeline& t);

/// Counts the live documents matching `query` and the filters of `options`
/// per period, from the period of the first (or --from) to that of the last
/// (or --to). InvalidArgument for too many periods; other errors as Search().
Status BuildTimeline(const IndexReader& index, const QueryNode& query,
                     const TimelineOptions& options, Timeline* out);

}  // namespace dateline::search
