// Walking the lines of a text held in memory, such as the data tables
// embedded in the binary.
#pragma once

#include <string_view>

namespace dateline {

/// Calls fn(line) for every line of `data` (split at '\n', which is not part
/// of the line; a last line without one counts too), except empty lines and
/// lines starting with '#' (comments).
template <typename Fn>
void ForEachDataLine(std::string_view data, Fn&& fn) {
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos) nl = data.size();
    const std::string_view line = data.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line[0] != '#') fn(line);
  }
}

}  // namespace dateline
