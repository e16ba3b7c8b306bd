// The tagger's tokenizer: raw text (any bytes) to CoNLL-like tokens with byte
// offsets, grouped into sentences.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace dateline::ner {

struct Span {
  uint32_t begin = 0;  // byte offset of the first byte
  uint32_t end = 0;    // one past the last byte
};

/// Decodes one code point of `s` at `i`; invalid UTF-8 yields U+FFFD with length 1.
char32_t DecodeUtf8(std::string_view s, size_t i, int* len);

/// Tokenizes `text` (at most 4 GiB; the rest is ignored): punctuation is split
/// off, hyphenated words ("al-Sarraj"), numbers ("1,000.5") and abbreviations
/// ("U.S.", "Mr.") stay whole; apostrophes follow `lang` (English clitics "'s",
/// "n't" split off; French and Italian elisions "l'", "dell'" split after the
/// apostrophe; kept inside the word otherwise). Appends tokens to *tokens and
/// the index one past each sentence's last token to *sentence_ends. Offsets
/// are on code point boundaries (an invalid byte counts as one code point).
void Tokenize(std::string_view text, std::string_view lang, std::vector<Span>* tokens,
              std::vector<uint32_t>* sentence_ends);

}  // namespace dateline::ner
