// The chart of `dateline timeline --svg`: a self-contained SVG bar chart of
// documents and independent reports per period.
#pragma once

#include <string>

#include "dateline/timeline.h"

namespace dateline::cli {

/// At most `max_bytes` of `s`, cut at a character boundary, with "…" when cut.
std::string Shorten(const std::string& s, size_t max_bytes);

/// The chart of `t` as an SVG document; `query` is shown in the title (empty: every document).
std::string TimelineSvg(const search::Timeline& t, const std::string& query);

}  // namespace dateline::cli
