#include "search/snippet.h"

#include "dateline/search.h"
#include "dateline/text.h"

namespace dateline::search {

std::string MakeSnippet(std::string_view text, std::string_view lang, const Highlight& h,
                        index::StemCache* stems, size_t max_words) {
  std::vector<text::Token> toks;
  text::Tokenize(text, &toks);
  // Keep tokens that do not overlap an earlier one (drops joined forms of compounds).
  std::erase_if(toks, [end = 0u](const text::Token& t) mutable {
    if (t.begin < end) return true;
    end = t.end;
    return false;
  });
  if (toks.empty()) return std::string(text.substr(0, 200));
  const std::string_view key = index::StemKey(lang);
  const std::string_view stem_lang = key == "*" ? std::string_view() : key;
  std::unordered_set<std::string> want_stems;
  for (const auto& w : h.stemmed) want_stems.insert(stems->Stem(stem_lang, w));
  std::vector<char> hit(toks.size(), 0);
  for (size_t i = 0; i < toks.size(); ++i) {
    hit[i] = h.exact.count(toks[i].term) > 0 ||
             (!want_stems.empty() && want_stems.count(stems->Stem(stem_lang, toks[i].term)) > 0);
  }
  // The window of max_words tokens with the most hits; earliest wins ties.
  size_t best = 0, best_hits = 0, cur = 0;
  const size_t w = std::min(max_words, toks.size());
  for (size_t i = 0; i < toks.size(); ++i) {
    cur += hit[i];
    if (i >= w) cur -= hit[i - w];
    if (i + 1 >= w && cur > best_hits) {
      best_hits = cur;
      best = i + 1 - w;
    }
  }
  // Start a little before the first hit of the window, for context.
  while (best > 0 && best + w > toks.size()) --best;
  std::string out;
  if (best > 0) out += "… ";
  size_t last = toks[best].begin;
  for (size_t i = best; i < best + w; ++i) {
    out.append(text.substr(last, toks[i].begin - last));
    std::string_view word = text.substr(toks[i].begin, toks[i].end - toks[i].begin);
    if (hit[i]) {
      out.push_back(kMarkBegin);
      out.append(word);
      out.push_back(kMarkEnd);
    } else {
      out.append(word);
    }
    last = toks[i].end;
  }
  if (best + w < toks.size()) out += " …";
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

}  // namespace dateline::search
