// Temporal expressions: finding and normalising dates, times, durations and
// sets in news text (nl, en, de, fr, es, it; a little ar), resolved against the
// document date. Rule-based and deterministic: the same text, language and
// document date always give the same answer. See doc/dates.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/document.h"

namespace dateline {

/// One temporal expression found in a text.
struct TimeExpr {
  uint32_t start = 0;  // byte offset of the first byte of the expression
  uint32_t end = 0;    // byte offset one past its last byte
  std::string text;    // text.substr(start, end - start)
  std::string type;    // "DATE", "TIME", "DURATION" or "SET" (TimeML TIMEX3 types)
  /// TimeML value: "2019-04-04", "2019-W14", "2019-04", "2019-Q2", "2019-SP",
  /// "201" (decade), "20" (century), "2019-04-04T14:30", "2019-04-04TEV",
  /// "P3D", "PT2H", "PXY", "XXXX-WXX-4", "PRESENT_REF", "PAST_REF", "FUTURE_REF".
  /// Unresolvable parts are X's ("XXXX-04-14" when the year is unknown).
  /// For an explicit range ("14 tot en met 16 april") this is the first day.
  std::string value;
  /// The last element of an explicit range ("2019-04-16"), else empty. The
  /// range as an ISO 8601 interval is value + "/" + value_end.
  std::string value_end;
  /// Granularity of the value: "day", "week", "month", "quarter", "season",
  /// "half", "year", "decade", "century", "time"; for DURATION/SET/*_REF the
  /// unit of the value ("day", "year"...) or "" when none. When the document
  /// date is too coarse to fix a day, a relative expression keeps the
  /// coarser precision of what is known ("month") and first/last give the range.
  std::string precision;
  /// What the value was resolved against: "dct:2019-04-06" (document date),
  /// "dct:2019-04" (month-precision document date), "dct-inferred:2019-04-06"
  /// (publication day inferred from the text), "expr:<start>" (another
  /// expression of the text, e.g. the month of a preceding date), or "none"
  /// (absolute expressions, durations).
  std::string anchor;
  /// The rule that matched and the reasoning, e.g.
  /// "nl.weekday; tense=past -> on or before anchor".
  std::string rule;
  /// Calendar span covered, as days since 1970-01-01 (inclusive), when the
  /// value is a DATE/TIME resolvable to days; has_span is false otherwise.
  bool has_span = false;
  int32_t first_day = 0;
  int32_t last_day = 0;
};

/// Finds the temporal expressions of `text` written in language `lang`
/// (ISO 639-1: "nl", "en", "de", "fr", "es", "it", "ar"; any other code uses
/// the word lists of all languages) and resolves them against `doc_date`
/// (publication date; day, month or year precision; year 0 = unknown).
/// Expressions are returned in text order and never overlap.
std::vector<TimeExpr> FindDates(std::string_view text, std::string_view lang, const Date& doc_date);

/// The calendar span [first, last] (days since 1970-01-01) of a TimeML DATE
/// value such as "2019-04-04", "2019-W14", "2019-04", "2019-Q2", "2019-SP",
/// "2019-H1", "2019", "201", "20", "2019-04-04T14:30". False for durations,
/// sets, references and values with X's.
bool TimeValueSpan(std::string_view value, int32_t* first, int32_t* last);

}  // namespace dateline
