// Publication dates found in web pages: ISO 8601 values, RFC 822 dates, dates in
// URL paths and dates written in running text (several languages).
#pragma once

#include <string>
#include <string_view>

namespace dateline::web {

/// Normalises a machine-readable date value (ISO 8601 date or date-time,
/// "2019-04-06 10:30", "20190406", RFC 822 "Sat, 06 Apr 2019 10:30:00 GMT",
/// or a textual date) to a string Date::Parse accepts: the ISO date-time as
/// written when it is one ("2019-04-06T10:30:00+02:00"), else "YYYY-MM-DD".
/// Returns "" when no plausible date (years 1990..2100) is found.
std::string NormalizeDateValue(std::string_view value);

/// A date in a URL path: /2019/04/06/, /2019-04-06/, /20190406/ or /2019/04/ (month).
std::string DateFromUrl(std::string_view url);

/// The first date written in human text: "April 6, 2019", "6 April 2019",
/// "6. April 2019", "6 avril 2019", "6 de abril de 2019", "2019-04-06",
/// "06.04.2019", "06/04/2019" (day first, month first only when the day-first
/// reading is impossible). "" if none.
std::string DateFromText(std::string_view text);

}  // namespace dateline::web
