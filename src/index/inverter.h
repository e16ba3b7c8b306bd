// Document analysis for indexing (language, tokens, stems) and in-memory inversion.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
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
  StemCache() = default;
  // Moves keep the map's nodes, hence last_; the source forgets it.
  StemCache(StemCache&& o) noexcept
      : langs_(std::move(o.langs_)), last_lang_(std::move(o.last_lang_)), last_(o.last_) {
    o.last_ = nullptr;
  }
  StemCache& operator=(StemCache&& o) noexcept {
    langs_ = std::move(o.langs_);
    last_lang_ = std::move(o.last_lang_);
    last_ = o.last_;
    o.last_ = nullptr;
    return *this;
  }
  /// Stem of `folded` in `lang` (identity for languages without a stemmer).
  const std::string& Stem(std::string_view lang, const std::string& folded);
  /// The same, without remembering it (for callers that memoise themselves).
  std::string StemUncached(std::string_view lang, std::string_view folded);

 private:
  struct PerLang {
    std::unique_ptr<text::Stemmer> stemmer;
    std::unordered_map<std::string, std::string> cache;
  };
  PerLang& Lang(std::string_view lang);
  std::unordered_map<std::string, PerLang> langs_;
  std::string last_lang_;    // the language Lang() returned last
  PerLang* last_ = nullptr;  // its entry
};

/// Bytes that grow at the end, the first 16 inside the object (most terms
/// of a segment occur once or twice: no heap block for them), appended a
/// few at a time without a call.
class ByteStream {
 public:
  ByteStream() = default;
  ByteStream(const ByteStream&) = delete;
  ByteStream& operator=(const ByteStream&) = delete;
  ByteStream(ByteStream&& o) noexcept { Take(&o); }
  ByteStream& operator=(ByteStream&& o) noexcept {
    if (this != &o) {
      Release();
      Take(&o);
    }
    return *this;
  }
  ~ByteStream() { Release(); }

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  char* data() { return cap_ > kLocal ? heap_ : local_; }
  const char* data() const { return cap_ > kLocal ? heap_ : local_; }
  std::string_view view() const { return {data(), size_}; }
  /// Appends the first n (at most 16) bytes of buf, which has 16 readable bytes.
  void Append16(const char* buf, size_t n) {
    if (cap_ - size_ < 16) Grow(size_ + 16);
    std::memcpy(data() + size_, buf, 16);
    size_ += static_cast<uint32_t>(n);
  }
  /// Replaces the byte at `at` with the n bytes of buf.
  void ReplaceByte(size_t at, const char* buf, size_t n);
  /// Frees the bytes: empty again.
  void Release();

 private:
  static constexpr uint32_t kLocal = 16;
  void Grow(size_t need);
  void Take(ByteStream* o);
  union {
    char* heap_;
    char local_[kLocal];
  };
  uint32_t size_ = 0;
  uint32_t cap_ = kLocal;
};

/// Postings of one term while a segment is being built: one byte stream
/// (EncodePending's coding: per document the document gap, the frequency
/// and, for word terms, the positions as varints), a few bytes a posting
/// rather than four per number (doc/index-format.md, "Writer memory").
/// The open document's frequency is a one-byte placeholder at `freq_at`
/// until Close() (or the next document) writes it.
struct PendingPostings {
  ByteStream data;
  uint32_t last_doc = ~0u;
  uint32_t freq = 0;     // occurrences in last_doc, while its frequency is unwritten
  uint32_t freq_at = 0;  // offset in data of that frequency's placeholder
  uint32_t last_pos = 0;
  uint32_t docs = 0;  // documents in data
  /// An occurrence in document `doc` (the last one added, or a later one) at
  /// `pos` (kept when `positional`, ascending within a document).
  void Add(uint32_t doc, uint32_t pos, bool positional) {
    // At most a document gap, the placeholder and a position: one append.
    char buf[16];
    char* w = buf;
    if (last_doc != doc) {
      Close();
      w = WritePendingVarint(w, doc - last_doc - 1);  // ~0u + 1 == 0: the first is doc itself
      last_doc = doc;
      freq_at = static_cast<uint32_t>(data.size() + static_cast<size_t>(w - buf));
      *w++ = 0;
      freq = 1;
      last_pos = 0;
      ++docs;
    } else {
      ++freq;
    }
    if (positional) {
      w = WritePendingVarint(w, pos - last_pos);
      last_pos = pos;
    }
    data.Append16(buf, static_cast<size_t>(w - buf));
  }
  /// Writes the open document's frequency: data is then a complete stream.
  void Close() {
    if (freq == 0) return;
    if (freq < 0x80) {
      data.data()[freq_at] = static_cast<char>(freq);
    } else {  // rare: the placeholder grows into a longer varint
      char v[5];
      data.ReplaceByte(freq_at, v, static_cast<size_t>(WritePendingVarint(v, freq) - v));
    }
    freq = 0;
  }
};

/// A vector that grows by chunks of 2^kShift elements: growing moves no
/// element and touches no page already used (a vector of pending postings
/// grown by half each time spent about 6% of the ingest's CPU at 10k
/// documents moving and zeroing them, perf, 2026-12-01).
template <typename T, unsigned kShift = 12>
class ChunkedVector {
 public:
  size_t size() const { return size_; }
  T& operator[](size_t i) { return chunks_[i >> kShift][i & kMask]; }
  const T& operator[](size_t i) const { return chunks_[i >> kShift][i & kMask]; }
  /// Grows to at least n elements (new ones value-initialized); never shrinks.
  void grow(size_t n) {
    while ((chunks_.size() << kShift) < n) chunks_.push_back(std::make_unique<T[]>(kMask + 1));
    size_ = std::max(size_, n);
  }

 private:
  static constexpr size_t kMask = (size_t{1} << kShift) - 1;
  std::vector<std::unique_ptr<T[]>> chunks_;
  size_t size_ = 0;
};

/// An open-addressing map from term bytes to dense ids.
class TermTable {
 public:
  /// Id of `term`, inserting it if new.
  uint32_t Intern(std::string_view term) { return Intern(term, Hash(term)); }
  /// The same, given `h` = Hash(term).
  uint32_t Intern(std::string_view term, uint64_t h);
  static uint64_t Hash(std::string_view term);
  /// Asks the CPU to load the first slot of hash `h` (a hint: no effect on results).
  void PrefetchSlot(uint64_t h) const { __builtin_prefetch(&slots_[Home(h)]); }
  /// The id in the first slot of hash `h` when its tag matches, else ~0u: a
  /// likely id of the term, for prefetching only (not compared).
  uint32_t Guess(uint64_t h) const {
    const uint64_t s = slots_[Home(h)];
    return s != 0 && (s >> 32) == (h >> 32) ? static_cast<uint32_t>(s) - 1 : ~0u;
  }
  /// Asks the CPU to load the string of term `id` (< size()).
  void PrefetchTerm(uint32_t id) const { __builtin_prefetch(&terms_[id]); }
  size_t size() const { return terms_.size(); }
  const std::string& term(uint32_t id) const { return terms_[id]; }

 private:
  void Grow();
  // The first slot of hash (or slot) `h`: taken from the high 32 bits, the
  // ones a slot keeps, so that Grow places slots without their terms.
  size_t Home(uint64_t h) const { return (h >> 32) & (slots_.size() - 1); }
  // Per slot: high 32 bits of the hash, low 32 bits id + 1 (0 = empty).
  std::vector<uint64_t> slots_ = std::vector<uint64_t>(1 << 12, 0);
  ChunkedVector<std::string> terms_;
};

/// Inverts documents numbered in ascending order into term -> postings.
class Inverter {
 public:
  Inverter() = default;
  /// Analyses `doc` (language must be resolved) as document number `docnum`
  /// (greater than any before) and returns its columns (lang index unset).
  /// `extra_terms` (annotation terms) are added without positions.
  DocColumns Add(const Document& doc, uint32_t docnum,
                 const std::vector<std::string>& extra_terms = {});
  /// Adds non-positional `terms` to document `docnum`: the last one added, or
  /// (once all are added) documents in ascending order.
  void AddTerms(uint32_t docnum, const std::vector<std::string>& terms);
  /// The tokens of the text (not the title) of the last document added.
  std::span<const text::Token> last_text_tokens() const {
    return std::span<const text::Token>(tokens_).subspan(text_begin_);
  }
  /// Takes the stemmers `from` made (created once per language, they are
  /// costly), so that several inverters fed in turn by one thread share them.
  void TakeStemmers(Inverter* from) { stems_ = std::move(from->stems_); }
  size_t term_count() const { return table_.size(); }
  const std::string& term(uint32_t id) const { return table_.term(id); }
  PendingPostings& postings(uint32_t id) { return postings_[id]; }

  // Stem terms get no occurrences while documents are added (a second
  // append per token cost about a tenth of the analysis, and their bytes an
  // eighth of the writer's memory): their postings are derived, once every
  // document is added, from those of the words stemmed to them.

  /// Records, per stem term, the words (and language keys) stemmed to it,
  /// and as its postings' `docs` their documents counted once per word.
  /// Call once, after the last Add and before the calls below.
  void PrepareStems();
  /// True when term `id` is a stem term of PrepareStems (postings derived).
  bool IsDerivedStem(uint32_t id) const {
    return id + 1 < stem_first_.size() && stem_first_[id] != stem_first_[id + 1];
  }
  /// Appends the documents (ascending) and frequencies of derived stem `id`:
  /// those of its words, summed where several occur in one document. The
  /// words' streams must be closed and not released.
  void DerivedStemPostings(uint32_t id, std::vector<uint32_t>* docs,
                           std::vector<uint32_t>* freqs) const;
  /// The word term whose postings derived stem `id` repeats (documents and
  /// frequencies): its only word, stemmed to it in every document of the
  /// word; else ~0u. (After PrepareStems.)
  uint32_t SoleWord(uint32_t id) const { return id < sole_word_.size() ? sole_word_[id] : ~0u; }
  /// When every word of derived stem `id` is stemmed to it in all of that
  /// word's documents (under every language key of the word), so that the
  /// stem's documents are exactly its words': true, and *words their ids
  /// (each once). Else false. (After PrepareStems.)
  bool ExclusiveWords(uint32_t id, std::vector<uint32_t>* words) const;

 private:
  void AddOccurrence(uint32_t id, uint32_t docnum, uint32_t pos, bool positional);
  void AddTokens(uint32_t docnum, uint32_t key_id, std::string_view key);
  void Prefetch(uint32_t id) const;
  void PrefetchPostings(uint32_t id, bool tail) const;
  uint32_t StemId(uint32_t word_id, uint32_t key_id, std::string_view key);

  TermTable table_;
  ChunkedVector<PendingPostings> postings_;
  // Per word id: the stem term id for the last language key seen with it.
  struct StemSlot {
    uint32_t key = ~0u, stem = 0;
  };
  std::vector<StemSlot> stem_of_;
  std::unordered_map<uint64_t, uint32_t> stem_other_;  // (word id, key id) -> stem term id
  std::vector<std::string> keys_;                      // language keys by id

  // A word of a stem, and the language key of the documents in which it is
  // stemmed so (~0u: all of them, the word having one key).
  struct StemSource {
    uint32_t word, key;
  };
  std::vector<uint32_t> stem_first_;      // by term id: its first entry in stem_sources_
  std::vector<StemSource> stem_sources_;  // grouped by stem term
  std::vector<uint32_t> sole_word_;       // by term id: SoleWord
  std::vector<bool> exclusive_;           // by term id: ExclusiveWords' condition
  uint32_t first_doc_ = 0;                // the document of doc_key_[0]
  std::vector<uint32_t> doc_key_;         // per document from first_doc_, its language key id
  PendingPostings& Postings(uint32_t id) {
    if (id >= postings_.size()) postings_.grow(id + 1);
    return postings_[id];
  }

  StemCache stems_;
  std::vector<text::Token> tokens_;
  std::vector<uint64_t> hashes_;   // of tokens_' terms
  std::vector<uint32_t> guesses_;  // their likely term ids (TermTable::Guess)
  size_t text_begin_ = 0;          // index in tokens_ of the first text token
};

}  // namespace dateline::index
