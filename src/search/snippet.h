// Snippets: a short passage of a document around its best match, with the
// matched words marked.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "index/inverter.h"

namespace dateline::search {

/// The words a query looks for, for highlighting.
struct Highlight {
  std::unordered_set<std::string> exact;  // folded words (phrases, field terms)
  std::vector<std::string> stemmed;  // folded bare words, matched by stem in the doc's language
};

/// Builds a snippet of about `max_words` words from `text`, marking matches
/// with kMarkBegin/kMarkEnd; "…" marks cut ends.
std::string MakeSnippet(std::string_view text, std::string_view lang, const Highlight& h,
                        index::StemCache* stems, size_t max_words = 32);

}  // namespace dateline::search
