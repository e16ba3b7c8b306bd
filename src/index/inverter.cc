#include "index/inverter.h"

#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <cstring>
#include <new>

namespace dateline::index {

namespace {

constexpr size_t kStemCacheMax = 1 << 16;
constexpr size_t kDetectBytes = 4096;  // language detection looks at the first 4 KiB

}  // namespace

namespace {

// Mixes eight bytes at a time, then finalises (murmur3's fmix64): terms are
// short, and byte-at-a-time hashing showed in profiles of indexing.
uint64_t HashBytes(std::string_view s) {
  constexpr uint64_t kMul = 0xff51afd7ed558ccdull;
  uint64_t h = 0x9e3779b97f4a7c15ull ^ (s.size() * 0xc4ceb9fe1a85ec53ull);
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  if (i < s.size()) {
    // The last 1 to 7 bytes, zero-padded, read without a call to memcpy:
    // two loads that may overlap (equal bytes at equal places) or three bytes.
    const auto* q = reinterpret_cast<const unsigned char*>(s.data()) + i;
    const size_t r = s.size() - i;
    uint64_t w;
    if (r >= 4) {
      uint32_t a, b;
      std::memcpy(&a, q, 4);
      std::memcpy(&b, q + r - 4, 4);
      w = a | (uint64_t{b} << (8 * (r - 4)));
    } else {
      w = q[0] | (uint64_t{q[r / 2]} << (8 * (r / 2))) | (uint64_t{q[r - 1]} << (8 * (r - 1)));
    }
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  h ^= h >> 33;
  h *= kMul;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

// a == b, inline (terms are short: a call to memcmp cost more than the compare).
inline bool SameBytes(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n >= 8) {
    uint64_t x, y;
    for (size_t i = 0; i + 8 < n; i += 8) {
      std::memcpy(&x, p + i, 8);
      std::memcpy(&y, q + i, 8);
      if (x != y) return false;
    }
    std::memcpy(&x, p + n - 8, 8);  // the last eight bytes (may overlap)
    std::memcpy(&y, q + n - 8, 8);
    return x == y;
  }
  if (n >= 4) {
    uint32_t x, y, u, v;
    std::memcpy(&x, p, 4);
    std::memcpy(&y, q, 4);
    std::memcpy(&u, p + n - 4, 4);
    std::memcpy(&v, q + n - 4, 4);
    return x == y && u == v;
  }
  for (size_t i = 0; i < n; ++i) {
    if (p[i] != q[i]) return false;
  }
  return true;
}

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

StemCache::PerLang& StemCache::Lang(std::string_view lang) {
  // Words come a document, a language, at a time: the last one first.
  if (last_ != nullptr && last_lang_ == lang) return *last_;
  auto it = langs_.find(std::string(lang));
  if (it == langs_.end()) {
    it = langs_.emplace(std::string(lang), PerLang{text::MakeStemmer(lang), {}}).first;
  }
  last_lang_.assign(lang);
  last_ = &it->second;  // unordered_map nodes stay put
  return it->second;
}

std::string StemCache::StemUncached(std::string_view lang, std::string_view folded) {
  return Lang(lang).stemmer->Stem(folded);
}

const std::string& StemCache::Stem(std::string_view lang, const std::string& folded) {
  PerLang& pl = Lang(lang);
  auto c = pl.cache.find(folded);
  if (c != pl.cache.end()) return c->second;
  if (pl.cache.size() >= kStemCacheMax) pl.cache.clear();
  return pl.cache.emplace(folded, pl.stemmer->Stem(folded)).first->second;
}

uint64_t TermTable::Hash(std::string_view term) { return HashBytes(term); }

uint32_t TermTable::Intern(std::string_view term, uint64_t h) {
  const uint64_t tag = h & 0xFFFFFFFF00000000ull;
  const size_t mask = slots_.size() - 1;
  for (size_t i = Home(h);; i = (i + 1) & mask) {
    const uint64_t s = slots_[i];
    if (s == 0) {
      const uint32_t id = static_cast<uint32_t>(terms_.size());
      terms_.grow(id + 1);
      terms_[id].assign(term);
      slots_[i] = tag | (id + 1);
      if (terms_.size() * 2 > slots_.size()) Grow();
      return id;
    }
    const uint32_t id = static_cast<uint32_t>(s) - 1;
    if ((s & 0xFFFFFFFF00000000ull) == tag && SameBytes(terms_[id], term)) return id;
  }
}

// Slots are placed by the hash bits they keep: no term is read or hashed
// again. Rehashing every term's bytes at each doubling took Grow 1.65% and
// HashBytes 1.76% of a 10k ingest's samples (perf), 0.29% and 1.34% since.
void TermTable::Grow() {
  std::vector<uint64_t> next(slots_.size() * 2, 0);
  slots_.swap(next);
  const size_t mask = slots_.size() - 1;
  for (uint64_t s : next) {
    if (s == 0) continue;
    size_t i = Home(s);
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void ByteStream::Grow(size_t need) {
  size_t cap = std::max<size_t>(need, 2 * size_t{cap_});
  char* p = static_cast<char*>(std::malloc(cap));
  if (p == nullptr) throw std::bad_alloc();
  const uint32_t size = size_;
  std::memcpy(p, data(), size);
  Release();
  heap_ = p;
  size_ = size;
  cap_ = static_cast<uint32_t>(cap);
}

void ByteStream::ReplaceByte(size_t at, const char* buf, size_t n) {
  assert(at < size_ && n >= 1);
  if (cap_ - size_ < n + 16) Grow(size_ + n + 16);
  char* d = data();
  std::memmove(d + at + n, d + at + 1, size_ - at - 1);
  std::memcpy(d + at, buf, n);
  size_ += static_cast<uint32_t>(n - 1);
}

void ByteStream::Release() {
  if (cap_ > kLocal) std::free(heap_);
  cap_ = kLocal;
  size_ = 0;
}

void ByteStream::Take(ByteStream* o) {
  std::memcpy(local_, o->local_, kLocal);  // the pointer, or the bytes themselves
  size_ = o->size_;
  cap_ = o->cap_;
  o->cap_ = kLocal;
  o->size_ = 0;
}

void Inverter::AddOccurrence(uint32_t id, uint32_t docnum, uint32_t pos, bool positional) {
  Postings(id).Add(docnum, pos, positional);
}

uint32_t Inverter::StemId(uint32_t word_id, uint32_t key_id, std::string_view key) {
  if (word_id >= stem_of_.size()) stem_of_.resize(word_id + 1);
  StemSlot& slot = stem_of_[word_id];
  if (slot.key == key_id) return slot.stem;
  const uint64_t k = (uint64_t{word_id} << 32) | key_id;
  if (slot.key != ~0u) {
    auto it = stem_other_.find(k);
    if (it != stem_other_.end()) return it->second;
  }
  // Stemmed once per word and language key in this inverter (stem_of_ and
  // stem_other_ remember it), so without StemCache's own cache.
  const std::string stem =
      stems_.StemUncached(key == "*" ? std::string_view() : key, table_.term(word_id));
  const uint32_t id = table_.Intern(StemTerm(stem));
  if (slot.key == ~0u) {
    slot = {key_id, id};
  } else {
    stem_other_.emplace(k, id);
  }
  return id;
}

void Inverter::Prefetch(uint32_t id) const {
  table_.PrefetchTerm(id);
  if (id < postings_.size()) __builtin_prefetch(&postings_[id]);
  if (id < stem_of_.size()) __builtin_prefetch(&stem_of_[id]);
}

// The postings of term `id` (when `tail`, where its next bytes go).
void Inverter::PrefetchPostings(uint32_t id, bool tail) const {
  if (id >= postings_.size()) return;
  const PendingPostings& p = postings_[id];
  __builtin_prefetch(tail ? p.data.data() + p.data.size() : reinterpret_cast<const char*>(&p));
}

// Most of indexing's time went to cache misses on a token's table slot, its
// term, its postings and its stem, one after the other. So the hashes are
// computed first, and the slots, then the terms and postings, of the tokens
// ahead are requested while a token is added: the misses overlap.
void Inverter::AddTokens(uint32_t docnum, uint32_t key_id, std::string_view key) {
  constexpr size_t kAhead = 8;  // tokens between a slot's request and its use
  const size_t n = tokens_.size();
  hashes_.resize(n);
  for (size_t i = 0; i < n; ++i) hashes_[i] = TermTable::Hash(tokens_[i].term);
  for (size_t i = 0; i < std::min(n, 2 * kAhead); ++i) table_.PrefetchSlot(hashes_[i]);
  guesses_.assign(n, ~0u);
  for (size_t i = 0; i < n; ++i) {
    if (i + 2 * kAhead < n) table_.PrefetchSlot(hashes_[i + 2 * kAhead]);
    if (i + kAhead < n) {
      const uint32_t guess = guesses_[i + kAhead] = table_.Guess(hashes_[i + kAhead]);
      if (guess != ~0u) Prefetch(guess);
    }
    if (i + kAhead / 2 < n) PrefetchPostings(guesses_[i + kAhead / 2], false);
    if (i + kAhead / 4 < n) PrefetchPostings(guesses_[i + kAhead / 4], true);
    const text::Token& t = tokens_[i];
    const uint32_t word = table_.Intern(t.term, hashes_[i]);
    StemId(word, key_id, key);  // the stem's postings are derived later
    AddOccurrence(word, docnum, t.position, true);
  }
}

void Inverter::AddTerms(uint32_t docnum, const std::vector<std::string>& terms) {
  for (const std::string& t : terms) AddOccurrence(table_.Intern(t), docnum, 0, false);
}

DocColumns Inverter::Add(const Document& doc, uint32_t docnum,
                         const std::vector<std::string>& extra_terms) {
  tokens_.clear();
  const uint32_t title_end = text::Tokenize(doc.title, &tokens_, 0);
  const uint32_t text_start = title_end == 0 ? 0 : title_end + 1;
  text_begin_ = tokens_.size();
  const uint32_t end = text::Tokenize(doc.text, &tokens_, text_start);
  const std::string_view key = StemKey(doc.lang);
  uint32_t key_id = 0;
  while (key_id < keys_.size() && keys_[key_id] != key) ++key_id;
  if (key_id == keys_.size()) keys_.emplace_back(key);
  // Documents ascend, maybe with gaps (numbers of other inverters).
  if (doc_key_.empty()) first_doc_ = docnum;
  doc_key_.resize(docnum - first_doc_ + 1, ~0u);
  doc_key_.back() = key_id;
  AddTokens(docnum, key_id, key);
  AddTerms(docnum, extra_terms);
  DocColumns c{};
  c.first_day = doc.date.FirstDay();
  c.last_day = doc.date.LastDay();
  c.length = end - (text_start - title_end);
  c.title_len = static_cast<uint16_t>(std::min<uint32_t>(title_end, 0xFFFF));
  c.precision = static_cast<uint8_t>(doc.date.precision);
  return c;
}

void Inverter::PrepareStems() {
  postings_.grow(table_.size());
  // Per word, its language keys: a word of several is stemmed per
  // document's key.
  std::vector<uint32_t> keys_of(stem_of_.size(), 1);
  for (const auto& [k, stem] : stem_other_) ++keys_of[k >> 32];
  // Grouped by stem with a counting sort: the sources of each stem term
  // are stem_sources_[stem_first_[id], stem_first_[id + 1]).
  stem_first_.assign(table_.size() + 1, 0);
  for (const StemSlot& slot : stem_of_) {
    if (slot.key != ~0u) ++stem_first_[slot.stem + 1];
  }
  for (const auto& [k, stem] : stem_other_) ++stem_first_[stem + 1];
  for (size_t i = 1; i < stem_first_.size(); ++i) stem_first_[i] += stem_first_[i - 1];
  stem_sources_.resize(stem_first_.back());
  std::vector<uint32_t> next(stem_first_.begin(), stem_first_.end() - 1);
  for (uint32_t w = 0; w < stem_of_.size(); ++w) {
    const StemSlot& slot = stem_of_[w];
    if (slot.key != ~0u) stem_sources_[next[slot.stem]++] = {w, keys_of[w] > 1 ? slot.key : ~0u};
  }
  for (const auto& [k, stem] : stem_other_) {
    stem_sources_[next[stem]++] = {static_cast<uint32_t>(k >> 32), static_cast<uint32_t>(k)};
  }
  // Per stem, its document count (once per word) and its sole word: the
  // stem repeats that word's postings when all its sources are that word
  // and they cover every key of the word.
  // Exclusive: each of its words has as many sources here as language keys.
  sole_word_.assign(table_.size(), ~0u);
  exclusive_.assign(table_.size(), false);
  std::vector<uint32_t> seen(stem_of_.size(), 0);  // sources of the stem, per word
  for (uint32_t id = 0; id + 1 < stem_first_.size(); ++id) {
    if (!IsDerivedStem(id)) continue;
    const uint32_t lo = stem_first_[id], hi = stem_first_[id + 1];
    const uint32_t word = stem_sources_[lo].word;
    bool sole = hi - lo == keys_of[word];
    uint32_t docs = 0;
    for (uint32_t i = lo; i < hi; ++i) {
      const uint32_t w = stem_sources_[i].word;
      sole = sole && w == word;
      // Once per word, not per language key: a count that does not depend
      // on how the documents are cut among inverters for the stems whose
      // words are theirs alone (the unions' limit), whatever the split.
      if (seen[w]++ == 0) docs += postings_[w].docs;
    }
    bool exclusive = true;
    for (uint32_t i = lo; i < hi; ++i)
      exclusive = exclusive && seen[stem_sources_[i].word] == keys_of[stem_sources_[i].word];
    for (uint32_t i = lo; i < hi; ++i) seen[stem_sources_[i].word] = 0;
    postings_[id].docs = docs;
    if (sole) sole_word_[id] = word;
    exclusive_[id] = exclusive;
  }
}

bool Inverter::ExclusiveWords(uint32_t id, std::vector<uint32_t>* words) const {
  words->clear();
  if (id >= exclusive_.size() || !exclusive_[id]) return false;
  for (uint32_t i = stem_first_[id]; i < stem_first_[id + 1]; ++i) {
    words->push_back(stem_sources_[i].word);
  }
  std::sort(words->begin(), words->end());
  words->erase(std::unique(words->begin(), words->end()), words->end());
  return true;
}

namespace {

inline uint32_t ReadPendingVarint(const char** p) {
  const auto* q = reinterpret_cast<const unsigned char*>(*p);
  uint32_t v = *q & 0x7F;
  for (int shift = 7; *q++ & 0x80; shift += 7) v |= uint32_t{*q & 0x7Fu} << shift;
  *p = reinterpret_cast<const char*>(q);
  return v;
}

// Moves p past `count` varints.
inline const char* SkipPendingVarints(const char* p, uint32_t count) {
  while (count > 0) count -= (static_cast<unsigned char>(*p++) & 0x80) == 0;
  return p;
}

}  // namespace

void Inverter::DerivedStemPostings(uint32_t id, std::vector<uint32_t>* docs,
                                   std::vector<uint32_t>* freqs) const {
  const uint32_t lo = stem_first_[id], hi = stem_first_[id + 1];
  const size_t start = docs->size();
  // Each word's documents (its positions skipped), of its key only when it
  // has several; several words: their postings merged by document, equal
  // documents summed.
  thread_local std::vector<uint64_t> pairs;
  pairs.clear();
  for (uint32_t i = lo; i < hi; ++i) {
    const size_t mid = pairs.size();
    const StemSource& src = stem_sources_[i];
    const std::string_view data = postings_[src.word].data.view();
    const char* p = data.data();
    const char* const end = p + data.size();
    uint32_t doc = ~0u;
    while (p < end) {
      doc += ReadPendingVarint(&p) + 1;
      const uint32_t freq = ReadPendingVarint(&p);
      p = SkipPendingVarints(p, freq);
      if (src.key != ~0u && doc_key_[doc - first_doc_] != src.key) continue;
      if (hi - lo == 1) {
        docs->push_back(doc);
        freqs->push_back(freq);
      } else {
        pairs.push_back(uint64_t{doc} << 32 | freq);
      }
    }
    std::inplace_merge(pairs.begin(), pairs.begin() + static_cast<ptrdiff_t>(mid), pairs.end());
  }
  if (hi - lo == 1) return;
  for (const uint64_t d : pairs) {
    const auto doc = static_cast<uint32_t>(d >> 32);
    const auto freq = static_cast<uint32_t>(d);
    if (docs->size() > start && docs->back() == doc) {
      freqs->back() += freq;
    } else {
      docs->push_back(doc);
      freqs->push_back(freq);
    }
  }
}

}  // namespace dateline::index
