#include "index/inverter.h"

#include <cassert>

namespace dateline::index {

namespace {

constexpr size_t kStemCacheMax = 1 << 16;
constexpr size_t kDetectBytes = 4096;  // language detection looks at the first 4 KiB

}  // namespace

std::string_view StemKey(std::string_view lang) {
  return text::HasStemmer(lang) ? lang : std::string_view("*");
}

void ResolveLanguage(Document* doc) {
  if (!doc->lang.empty()) {
    std::string code = text::NormalizeLanguageCode(doc->lang);
    if (!code.empty()) {
      doc->lang = code;
      doc->lang_confidence = 1.0f;
      return;
    }
  }
  std::string sample = doc->title;
  sample.push_back('\n');
  sample.append(doc->text, 0, std::min(doc->text.size(), kDetectBytes));
  text::LanguageGuess g = text::DetectLanguage(sample);
  doc->lang = g.lang.empty() ? "und" : g.lang;
  doc->lang_confidence = g.confidence;
}

const std::string& StemCache::Stem(std::string_view lang, const std::string& folded) {
  auto it = langs_.find(std::string(lang));
  if (it == langs_.end()) {
    it = langs_.emplace(std::string(lang), PerLang{text::MakeStemmer(lang), {}}).first;
  }
  PerLang& pl = it->second;
  auto c = pl.cache.find(folded);
  if (c != pl.cache.end()) return c->second;
  if (pl.cache.size() >= kStemCacheMax) pl.cache.clear();
  return pl.cache.emplace(folded, pl.stemmer->Stem(folded)).first->second;
}

void Inverter::AddOccurrence(const std::string& term, uint32_t docnum, uint32_t pos,
                             bool positional) {
  PendingPostings& p = terms_[term];
  if (p.docs.empty() || p.docs.back() != docnum) {
    p.docs.push_back(docnum);
    p.freqs.push_back(1);
  } else {
    ++p.freqs.back();
  }
  if (positional) p.positions.push_back(pos);
}

DocColumns Inverter::Add(const Document& doc, uint32_t docnum) {
  tokens_.clear();
  const uint32_t title_end = text::Tokenize(doc.title, &tokens_, 0);
  const size_t title_tokens = tokens_.size();
  const uint32_t text_start = title_end == 0 ? 0 : title_end + 1;
  const uint32_t end = text::Tokenize(doc.text, &tokens_, text_start);
  (void)title_tokens;
  const std::string key(StemKey(doc.lang));
  std::string stem_term;
  for (const text::Token& t : tokens_) {
    AddOccurrence(t.term, docnum, t.position, true);
    const std::string& stem = stems_.Stem(key == "*" ? std::string_view() : key, t.term);
    stem_term = StemTerm(key, stem);
    AddOccurrence(stem_term, docnum, t.position, false);
  }
  DocColumns c{};
  c.first_day = doc.date.FirstDay();
  c.last_day = doc.date.LastDay();
  c.length = end - (text_start - title_end);
  c.title_len = static_cast<uint16_t>(std::min<uint32_t>(title_end, 0xFFFF));
  c.precision = static_cast<uint8_t>(doc.date.precision);
  return c;
}

}  // namespace dateline::index
