// dateline's corrections around the Snowball stemmers (see doc/analysis.md).
#pragma once

#include <string>
#include <string_view>

namespace dateline::text::internal {

/// Language-specific rewriting of a folded word before and after Snowball.
struct StemFixes {
  /// Rewrites the folded word before stemming (spelling variants, irregular forms).
  void (*pre)(std::string* word) = nullptr;
  /// Adjusts Snowball's stem; `word` is the (pre-processed) word that was stemmed.
  void (*post)(std::string_view word, std::string* stem) = nullptr;
};

/// The fixes for ISO 639-1 `lang`, or all-null fixes.
StemFixes FixesFor(std::string_view lang);

}  // namespace dateline::text::internal
