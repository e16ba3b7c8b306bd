// Text analysis: normalisation, tokenisation, stemming and language detection.
// Both the indexer and the query parser use these, so that a query word and a
// document word meet in the same form.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::text {

/// One word of a text.
struct Token {
  std::string term;   // folded form: NFC, case-folded, diacritics removed ("libië" -> "libie")
  uint32_t position;  // word position; tokens sharing a position are alternatives
  uint32_t begin;     // byte offset of the word's first byte in the original text
  uint32_t end;       // byte offset one past its last byte
};

/// Folds a string for matching: Unicode NFC, full case folding, removal of
/// diacritics (Latin, Greek, Cyrillic combining marks; Arabic harakat and tatweel).
std::string Fold(std::string_view utf8);

/// Splits text into folded tokens, appending to *out with positions starting at
/// `first_position`. Returns the next free position. Rules (see doc/analysis.md):
/// - Hyphenated compounds: "VN-Veiligheidsraad" yields "vn" (p), "veiligheidsraad" (p+1)
///   and the joined "vnveiligheidsraad" at p.
/// - Apostrophes: elisions "l'ONU" -> "onu"; English "don't" -> "don't"; possessive
///   "Haftar's" -> "haftar".
/// - Numbers keep internal . and , ("3.5", "1,000"); ISO dates stay one token ("2019-04-06").
/// - URLs and e-mail addresses are one token each.
/// - Any script: letters and digits of all scripts form words (Arabic included);
///   punctuation separates; CJK ideographs are one token each.
uint32_t Tokenize(std::string_view utf8, std::vector<Token>* out, uint32_t first_position = 0);

/// A stemmer for one language. Not thread-safe: use one per thread.
class Stemmer {
 public:
  virtual ~Stemmer() = default;
  /// Stems a folded token (as produced by Tokenize). Returns the token itself
  /// when the language has no stemmer.
  virtual std::string Stem(std::string_view folded) = 0;
  /// The language this stemmer is for ("nl"), or "" for the identity stemmer.
  virtual std::string_view lang() const = 0;
};

/// A stemmer for ISO 639-1 code `lang` (Snowball base plus dateline's fixes for
/// nl, de, fr, es, en); the identity stemmer for unknown languages. Never null.
std::unique_ptr<Stemmer> MakeStemmer(std::string_view lang);

/// True if MakeStemmer(lang) does real stemming.
bool HasStemmer(std::string_view lang);

/// Result of language detection.
struct LanguageGuess {
  std::string lang;      // ISO 639-1 ("nl", "ar"), or "und" when unknown
  float confidence = 0;  // 0..1
};

/// Detects the language of `utf8` (title and body together give the best result).
LanguageGuess DetectLanguage(std::string_view utf8);

/// Normalises a language code given by a record: "NL", "nl-BE", "nld", "dut",
/// "Dutch" -> "nl". Returns "" if it cannot be recognised.
std::string NormalizeLanguageCode(std::string_view code);

}  // namespace dateline::text
