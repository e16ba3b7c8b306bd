// Document analysis for indexing (language, tokens, stems) and in-memory inversion.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "dateline/document.h"
#include "dateline/text.h"
#include "index/segment.h"

namespace dateline::index {

/// Language key under which a language's stems are indexed: the code itself
/// when dateline has a stemmer for it, else "*" (shared identity stems).
std::string_view StemKey(std::string_view lang);

/// Fills doc->lang / lang_confidence by detection when the record gave none,
/// and normalises a given code.
void ResolveLanguage(Document* doc);

/// Caches stemmers and recent stems, per thread.
class StemCache {
 public:
  /// Stem of `folded` in `lang` (identity for languages without a stemmer).
  const std::string& Stem(std::string_view lang, const std::string& folded);

 private:
  struct PerLang {
    std::unique_ptr<text::Stemmer> stemmer;
    std::unordered_map<std::string, std::string> cache;
  };
  std::unordered_map<std::string, PerLang> langs_;
};

/// Postings of one term while a segment is being built.
struct PendingPostings {
  std::vector<uint32_t> docs, freqs, positions;
};

/// Inverts documents numbered in ascending order into term -> postings.
class Inverter {
 public:
  /// Analyses `doc` (language must be resolved) as document number `docnum`
  /// (greater than any before) and returns its columns (lang index unset).
  DocColumns Add(const Document& doc, uint32_t docnum);
  std::unordered_map<std::string, PendingPostings>& terms() { return terms_; }

 private:
  void AddOccurrence(const std::string& term, uint32_t docnum, uint32_t pos, bool positional);

  std::unordered_map<std::string, PendingPostings> terms_;
  StemCache stems_;
  std::vector<text::Token> tokens_;
};

}  // namespace dateline::index
