// Quotes: direct quotes (between quote marks of any style) and indirect
// quotes ("X said that ...", "volgens X ..."), each with its speaker resolved
// to an entity key of the document where that is safe. See doc/quotes.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/entities.h"

namespace dateline {

enum class QuoteKind : uint8_t { kDirect = 0, kIndirect = 1 };

/// "direct" or "indirect".
std::string_view QuoteKindName(QuoteKind k);

/// One quote of a field. Offsets are bytes into that field.
struct Quote {
  uint32_t start = 0;  // first byte of the quoted words (a direct quote's marks excluded)
  uint32_t end = 0;    // one past their last byte
  QuoteKind kind = QuoteKind::kDirect;
  uint32_t speaker_start = 0;  // the speaker as written (a name, pronoun or role noun);
  uint32_t speaker_end = 0;    // an empty span when no speaker was found
  std::string text;            // MentionText of [start, end)
  std::string speaker;         // MentionText of the speaker span, "" when none
  std::string speaker_key;     // entity key of the speaker, "" when not resolved
};

/// The quotes of `text` (one field, UTF-8, any bytes and length) in language
/// `lang` (ISO 639-1; reporting verbs for en nl de fr es it, direct quotes in
/// any language), given the field's entities in text order (Annotate's).
/// In text order, never overlapping; a speaker key is always the key of one of
/// `entities`. Deterministic; thread-safe.
std::vector<Quote> FindQuotes(std::string_view text, std::string_view lang,
                              const std::vector<Entity>& entities);

}  // namespace dateline
