// Stemmer: Snowball (libstemmer) plus dateline's per-language fixes.
#include <libstemmer.h>

#include <memory>
#include <string>
#include <string_view>

#include "dateline/text.h"
#include "text/stem_fixes.h"

namespace dateline::text {
namespace {

struct SnowballName {
  std::string_view lang;
  const char* algorithm;
};

constexpr SnowballName kSnowball[] = {
    {"ar", "arabic"},     {"hy", "armenian"},   {"eu", "basque"},    {"ca", "catalan"},
    {"da", "danish"},     {"nl", "dutch"},      {"en", "english"},   {"fi", "finnish"},
    {"fr", "french"},     {"de", "german"},     {"el", "greek"},     {"hi", "hindi"},
    {"hu", "hungarian"},  {"id", "indonesian"}, {"ga", "irish"},     {"it", "italian"},
    {"lt", "lithuanian"}, {"ne", "nepali"},     {"no", "norwegian"}, {"pt", "portuguese"},
    {"ro", "romanian"},   {"ru", "russian"},    {"sr", "serbian"},   {"es", "spanish"},
    {"sv", "swedish"},    {"ta", "tamil"},      {"tr", "turkish"},   {"yi", "yiddish"},
};

const char* AlgorithmFor(std::string_view iso) {
  for (const SnowballName& s : kSnowball) {
    if (s.lang == iso) return s.algorithm;
  }
  return nullptr;
}

class IdentityStemmer final : public Stemmer {
 public:
  std::string Stem(std::string_view folded) override { return std::string(folded); }
  std::string_view lang() const override { return ""; }
};

// Tokens that are numbers, URLs or addresses are not words to stem.
bool ShouldStem(std::string_view t) {
  if (t.size() < 3) return false;
  for (const char c : t) {
    if ((c >= '0' && c <= '9') || c == '.' || c == '@' || c == '/' || c == ':') return false;
  }
  return true;
}

class SnowballStemmer final : public Stemmer {
 public:
  SnowballStemmer(sb_stemmer* sb, std::string lang)
      : sb_(sb), lang_(std::move(lang)), fixes_(internal::FixesFor(lang_)) {}
  ~SnowballStemmer() override { sb_stemmer_delete(sb_); }
  SnowballStemmer(const SnowballStemmer&) = delete;
  SnowballStemmer& operator=(const SnowballStemmer&) = delete;

  std::string Stem(std::string_view folded) override {
    if (!ShouldStem(folded)) return std::string(folded);
    std::string word(folded);
    if (fixes_.pre != nullptr) fixes_.pre(&word);
    const sb_symbol* out = sb_stemmer_stem(sb_, reinterpret_cast<const sb_symbol*>(word.data()),
                                           static_cast<int>(word.size()));
    if (out == nullptr) return std::string(folded);
    std::string stem(reinterpret_cast<const char*>(out),
                     static_cast<size_t>(sb_stemmer_length(sb_)));
    if (fixes_.post != nullptr) fixes_.post(word, &stem);
    return stem.empty() ? std::string(folded) : stem;
  }
  std::string_view lang() const override { return lang_; }

 private:
  sb_stemmer* sb_;
  std::string lang_;
  internal::StemFixes fixes_;
};

}  // namespace

std::unique_ptr<Stemmer> MakeStemmer(std::string_view lang) {
  const std::string iso = NormalizeLanguageCode(lang);
  const char* algorithm = AlgorithmFor(iso);
  if (algorithm != nullptr) {
    sb_stemmer* sb = sb_stemmer_new(algorithm, "UTF_8");
    if (sb != nullptr) return std::make_unique<SnowballStemmer>(sb, iso);
  }
  return std::make_unique<IdentityStemmer>();
}

bool HasStemmer(std::string_view lang) {
  return AlgorithmFor(NormalizeLanguageCode(lang)) != nullptr;
}

}  // namespace dateline::text
