// Document and Date: the records that flow from ingest through analysis into the index.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dateline {

/// A calendar date with its precision: "2019" is a year, "2019-04" a month,
/// "2019-04-06" a day. A Date covers the span [FirstDay(), LastDay()].
struct Date {
  enum class Precision : uint8_t { kYear = 1, kMonth = 2, kDay = 3 };
  int32_t year = 0;
  uint8_t month = 0;  // 1..12, 0 when precision is kYear
  uint8_t day = 0;    // 1..31, 0 unless precision is kDay
  Precision precision = Precision::kDay;

  /// Parses "YYYY", "YYYY-MM", "YYYY-MM-DD", or an ISO 8601 date-time
  /// ("YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]", also with a space instead of T;
  /// the calendar date as written is kept, the time is dropped).
  /// Returns nullopt for anything else, including impossible dates (2019-02-30).
  static std::optional<Date> Parse(std::string_view s);
  /// Days since 1970-01-01 of the first day of the span.
  int32_t FirstDay() const;
  /// Days since 1970-01-01 of the last day of the span.
  int32_t LastDay() const;
  /// "2019", "2019-04" or "2019-04-06".
  std::string ToString() const;
  /// "year", "month" or "day".
  std::string_view PrecisionName() const;
  /// The date of precision `p` that contains day `days` (days since 1970-01-01).
  static Date FromDays(int32_t days, Precision p = Precision::kDay);
  bool operator==(const Date&) const = default;
};

/// Days since 1970-01-01 for a proleptic Gregorian date (no validation).
int32_t DaysFromCivil(int32_t y, unsigned m, unsigned d);
/// Inverse of DaysFromCivil.
void CivilFromDays(int32_t z, int32_t* y, unsigned* m, unsigned* d);

/// One article as read from an input record.
struct Document {
  std::string id;                // unique; a re-ingested id replaces the older version
  Date date;                     // publication date, with precision
  std::string title;             // may be empty
  std::string text;              // body; paragraphs separated by "\n\n"; never empty
  std::string url;               // optional
  std::string source;            // optional publisher / agency / collection name
  std::string lang;              // ISO 639-1 code as given by the record, or empty: detect
  float lang_confidence = 1.0f;  // 1 when given by the record, else detector's
  std::string extra_json;        // other fields of the record as a JSON object, or empty
  std::string origin;            // "file:line" or "file@offset" where it was read
  /// EncodeAnnotations() of the document (dateline/annotate.h), set at
  /// indexing and kept in the store; empty on input and when extraction is off.
  std::string annotations;
};

}  // namespace dateline
