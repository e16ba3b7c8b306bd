#define ZDICT_STATIC_LINKING_ONLY  // ZDICT_trainFromBuffer_fastCover
#define ZSTD_STATIC_LINKING_ONLY   // ZSTD_c_forceAttachDict
#include <zdict.h>
#include <zstd.h>

#include <algorithm>
#include <cassert>
#include <thread>

#include "index/annotation_terms.h"
#include "index/coding.h"
#include "index/columns.h"
#include "index/segment.h"
#include "util/crc32c.h"

namespace dateline::index {

namespace {

constexpr uint32_t kDictBlock = 32;            // dictionary entries per block
constexpr size_t kStoreBlockBytes = 64 << 10;  // raw bytes per doc store block
constexpr int kZstdLevel = 3;
constexpr size_t kStoreBatch = 32;            // raw blocks compressed together, in parallel
constexpr uint64_t kReleaseBytes = 32 << 20;  // spilled bytes read between page releases
// Store dictionary (version 5): decided on the first records, as many as its
// training reads and at most kDictSampleBytes (SamplesWanted), when they are
// at least kMinDictSamples. Its size is a
// kDictStoreRatio-th of the records the segment is expected to hold, at least
// kMinStoreDict, at most kMaxStoreDict and a kDictSampleRatio-th of the
// samples; it is trained on the first kDictSampleRatio times its size of
// them. Whether it pays is judged on about kDictTrialBytes of the samples.
constexpr size_t kDictSampleBytes = 8 << 20;
constexpr size_t kMinDictSamples = 1 << 20;
constexpr size_t kMinStoreDict = 256 << 10;
constexpr size_t kMaxStoreDict = 1 << 20;
constexpr size_t kDictSampleRatio = 8;
constexpr size_t kDictStoreRatio = 128;
constexpr size_t kDictTrialBytes = 1 << 20;

}  // namespace

SpillBuffer::~SpillBuffer() {
  if (file_) {
    file_->Discard();  // a temporary file: never fsynced
    file_.reset();
    (void)file::RemoveFile(tmp_path_);
  }
}

Status SpillBuffer::MaybeSpill(size_t limit) {
  if (tail_.size() < limit) return Status::OK();
  if (!file_) DL_RETURN_IF_ERROR(file::AppendFile::Open(tmp_path_, &file_, /*truncate=*/true));
  spilled_crc_ = crc32c::Extend(spilled_crc_, tail_.data(), tail_.size());
  spilled_sums_.Add(tail_);
  DL_RETURN_IF_ERROR(file_->Append(tail_));
  base_ += tail_.size();
  tail_.clear();
  return Status::OK();
}

Status SpillBuffer::MapSpilled(std::unique_ptr<file::MappedFile>* m) {
  if (!file_) return Status::OK();
  DL_RETURN_IF_ERROR(file_->WriteOut());
  return file::MappedFile::Open(tmp_path_, m);
}

Status SpillBuffer::CopyTo(file::AppendFile* out, uint32_t* crc, ChunkSums* sums) {
  if (file_) {
    DL_RETURN_IF_ERROR(file_->WriteOut());
    DL_RETURN_IF_ERROR(out->AppendFileContents(tmp_path_, base_));
  }
  *sums = spilled_sums_;
  sums->Add(tail_);
  *crc = crc32c::Extend(spilled_crc_, tail_.data(), tail_.size());
  return out->Append(tail_);
}

std::string StemTerm(std::string_view stem) {
  std::string t;
  t.reserve(stem.size() + 1);
  t.push_back(kStemPrefix);
  t.append(stem);
  return t;
}

void EncodeStoredDoc(const Document& doc, std::string* out) {
  PutLengthPrefixed(out, doc.id);
  PutLengthPrefixed(out, doc.date.ToString());
  PutLengthPrefixed(out, doc.title);
  PutLengthPrefixed(out, doc.text);
  PutLengthPrefixed(out, doc.url);
  PutLengthPrefixed(out, doc.source);
  PutLengthPrefixed(out, doc.lang);
  PutVarint(out, static_cast<uint64_t>(std::clamp(doc.lang_confidence, 0.0f, 1.0f) * 1000 + 0.5));
  PutLengthPrefixed(out, doc.extra_json);
  PutLengthPrefixed(out, doc.origin);
  PutLengthPrefixed(out, doc.annotations);
}

bool DecodeStoredDoc(std::string_view in, Document* doc) {
  const char* p = in.data();
  const char* end = p + in.size();
  std::string_view f[6], extra, origin;
  for (auto& x : f) {
    if (!GetLengthPrefixed(&p, end, &x)) return false;
  }
  std::string_view lang;
  uint64_t conf;
  if (!GetLengthPrefixed(&p, end, &lang) || !GetVarint(&p, end, &conf) ||
      !GetLengthPrefixed(&p, end, &extra) || !GetLengthPrefixed(&p, end, &origin)) {
    return false;
  }
  auto date = Date::Parse(f[1]);
  if (!date) return false;
  doc->id = f[0];
  doc->date = *date;
  doc->title = f[2];
  doc->text = f[3];
  doc->url = f[4];
  doc->source = f[5];
  doc->lang = lang;
  doc->lang_confidence = static_cast<float>(conf) / 1000.0f;
  doc->extra_json = extra;
  doc->origin = origin;
  doc->annotations.clear();
  if (p < end) {  // version 2 records end with the annotations
    std::string_view annotations;
    if (!GetLengthPrefixed(&p, end, &annotations)) return false;
    doc->annotations = annotations;
  }
  return p == end;
}

bool IsCanonicalStoredDoc(std::string_view in, std::string_view* id) {
  const char* p = in.data();
  const char* end = p + in.size();
  std::string_view f[10];  // id, date, title, text, url, source, lang, extra, origin, annotations
  uint64_t conf = 0;
  for (int i = 0; i < 10; ++i) {
    const bool ok = i == 7 ? GetVarint(&p, end, &conf) && GetLengthPrefixed(&p, end, &f[i])
                           : GetLengthPrefixed(&p, end, &f[i]);
    if (!ok) return false;
  }
  const auto date = Date::Parse(f[1]);
  if (p != end || conf > 1000 || !date || date->ToString() != f[1]) return false;
  *id = f[0];
  return true;
}

void SegmentWriter::AddDictEntry(std::string_view term, const TermInfo& info,
                                 const std::vector<std::pair<uint64_t, uint32_t>>* refs) {
  if (dict_count_ % kDictBlock == 0) {
    PutFixed32(&dict_index_, static_cast<uint32_t>(dict_.size()));
    PutLengthPrefixed(&dict_index_, term);
    ++dict_blocks_;
    last_term_.clear();
    last_postings_ = last_positions_ = last_ref_ = 0;
  }
  size_t shared = 0;
  const size_t lim = std::min(last_term_.size(), term.size());
  while (shared < lim && last_term_[shared] == term[shared]) ++shared;
  // Version 15: the shared length's low bit says the word is also its stem.
  const bool also_stem = info.also_stem && !old_version_;
  assert(!also_stem || (!term.empty() && term[0] != kStemPrefix));
  PutVarint(&dict_, old_version_ ? shared : shared << 1 | (also_stem ? 1 : 0));
  PutLengthPrefixed(&dict_, term.substr(shared));
  if (refs != nullptr) {
    AddUnionFields(info, *refs);
  } else {
    AddListFields(info);
  }
  // Stem terms: their language set (version 6), 0 when not recorded; a word
  // that is also its stem: the stem's (version 15).
  if (!old_version_ && !term.empty() && term[0] == kStemPrefix) {
    PutVarint(&dict_, lang_count_ <= 64 ? info.langs : 0);
  }
  if (also_stem) PutVarint(&dict_, lang_count_ <= 64 ? info.stem_langs : 0);
  last_term_.assign(term);
  ++dict_count_;
}

// The fields of a union stem's entry (version 13): its document frequency
// with the positions bit set (a stem has no positions), its references.
void SegmentWriter::AddUnionFields(const TermInfo& info,
                                   const std::vector<std::pair<uint64_t, uint32_t>>& refs) {
  assert(!old_version_ && info.df < MaxUnionDocs(kSegmentVersion) && !refs.empty());
  PutVarint(&dict_, (uint64_t{info.df} << 1) | 1);
  PutVarint(&dict_, refs.size());
  for (const auto& [off, df] : refs) {
    PutVarint(&dict_, ZigZag(off - last_ref_));
    PutVarint(&dict_, df);
    last_ref_ = off;
  }
}

// The fields of an entry with a list: document frequency and positions bit,
// the list's offsets.
void SegmentWriter::AddListFields(const TermInfo& info) {
  PutVarint(&dict_, (uint64_t{info.df} << 1) | (info.positional ? 1 : 0));
  if (old_version_) {
    PutVarint(&dict_, info.postings);
    if (info.positional) PutVarint(&dict_, info.positions);
  } else {  // version 8: differences, zigzag-coded (a stem may share an earlier list)
    PutVarint(&dict_, ZigZag(info.postings - last_postings_));
    last_postings_ = info.postings;
    if (info.positional) {
      PutVarint(&dict_, ZigZag(info.positions - last_positions_));
      last_positions_ = info.positions;
    }
  }
}

// A dictionary entry as SegmentWriter keeps it until Finish: the term, then
// 0 and the term's info (df, postings, positions, positional, languages),
// 1 and the word whose postings an alias shares, or 2, a union's df and
// languages, its word count and words.
void SegmentWriter::AddEntry(std::string_view term, const TermInfo& info) {
#ifndef NDEBUG
  assert(term > std::string_view(last_entry_) || (last_entry_.empty() && !term.empty()));
  last_entry_.assign(term);
#endif
  std::string& out = terms_.tail();
  PutLengthPrefixed(&out, term);
  out.push_back(0);
  PutVarint(&out, info.df);
  PutVarint(&out, info.postings);
  PutVarint(&out, info.positions);
  out.push_back(info.positional ? 1 : 0);
  PutVarint(&out, info.langs);
  if (BlockCount(info.df) > 1) block_lists_.emplace_back(info.postings, info.df);
}

void SegmentWriter::AddAlias(std::string_view stem_term, std::string_view word) {
#ifndef NDEBUG
  assert(stem_term > std::string_view(last_entry_));
  last_entry_.assign(stem_term);
#endif
  std::string& out = terms_.tail();
  PutLengthPrefixed(&out, stem_term);
  out.push_back(1);
  PutLengthPrefixed(&out, word);
  ++named_words_;
}

void SegmentWriter::AddUnion(std::string_view stem_term, const TermInfo& info,
                             const std::vector<std::string_view>& words) {
#ifndef NDEBUG
  assert(stem_term > std::string_view(last_entry_) && !words.empty() &&
         info.df < MaxUnionDocs(kSegmentVersion));
  last_entry_.assign(stem_term);
#endif
  std::string& out = terms_.tail();
  PutLengthPrefixed(&out, stem_term);
  out.push_back(2);
  PutVarint(&out, info.df);
  PutVarint(&out, info.langs);
  PutVarint(&out, words.size());
  for (std::string_view w : words) PutLengthPrefixed(&out, w);
  named_words_ += words.size();
}

namespace {

// Reads the entries SegmentWriter::AddEntry, AddAlias and AddUnion encoded.
class EntryCursor {
 public:
  explicit EntryCursor(std::string_view data) : p_(data.data()), end_(p_ + data.size()) {}
  // Moves to the next entry; false at the end.
  bool Next() {
    if (p_ == end_) return false;
    bool ok = GetLengthPrefixed(&p_, end_, &term) && p_ < end_;
    const char kind = ok ? *p_++ : 0;
    alias = kind == 1;
    info = TermInfo();
    words.clear();
    if (ok && alias) {
      ok = GetLengthPrefixed(&p_, end_, &word);
    } else if (ok && kind == 2) {
      uint64_t df = 0, n = 0;
      ok = GetVarint(&p_, end_, &df) && GetVarint(&p_, end_, &info.langs) &&
           GetVarint(&p_, end_, &n);
      info.df = static_cast<uint32_t>(df);
      for (uint64_t i = 0; ok && i < n; ++i) {
        ok = GetLengthPrefixed(&p_, end_, &word);
        words.push_back(word);
      }
    } else if (ok) {
      uint64_t df = 0;
      ok = GetVarint(&p_, end_, &df) && GetVarint(&p_, end_, &info.postings) &&
           GetVarint(&p_, end_, &info.positions) && p_ < end_;
      info.df = static_cast<uint32_t>(df);
      info.positional = ok && *p_++ == 1;
      ok = ok && GetVarint(&p_, end_, &info.langs);
    }
    assert(ok);  // written by this process
    return ok;
  }
  size_t offset(std::string_view data) const { return static_cast<size_t>(p_ - data.data()); }

  std::string_view term, word;
  std::vector<std::string_view> words;  // of a union (else empty)
  TermInfo info;
  bool alias = false;

 private:
  const char* p_;
  const char* end_;
};

}  // namespace

// The list of the word of key `key` (EncodedTerms::word_keys), as
// WriteDictionary finds it by name; df 0 when the word was not added.
SegmentWriter::KeyedWord SegmentWriter::WordByKey(uint64_t key) const {
  const auto w = std::lower_bound(keyed_words_.begin(), keyed_words_.end(), key,
                                  [](const KeyedWord& a, uint64_t k) { return a.key < k; });
  return w != keyed_words_.end() && w->key == key ? *w : KeyedWord{};
}

// Resolves aliases and encodes the dictionary. An alias whose word was never
// added (a merge dropped all its documents) had no documents either: dropped.
// Words named by key (a flush) are looked up by key. Else the entries are
// read three times: the aliases' words are gathered, sorted and met in one
// pass over the words (a stem's word need not sort like the stem:
// "\x02report" may alias "reported"), then every entry is written.
Status SegmentWriter::WriteDictionary() {
  std::unique_ptr<file::MappedFile> spilled;
  std::string_view data = terms_.tail();
  if (terms_.base() > 0) {
    DL_RETURN_IF_ERROR(terms_.MaybeSpill(0));
    DL_RETURN_IF_ERROR(terms_.MapSpilled(&spilled));
    data = spilled->data();
  }
  // Reads every entry, releasing the spilled pages as it goes (read once).
  auto for_each = [&](auto&& fn) {
    EntryCursor at(data);
    size_t released = 0;
    while (at.Next()) {
      fn(at);
      if (spilled && at.offset(data) - released > kReleaseBytes) {
        spilled->ReleasePages();
        released = at.offset(data);
      }
    }
  };
  // Per word named by an alias or a union, in entry order, its list (df 0:
  // the word was not added): found by key when every name came with one
  // (looked up as the entries are written, so no copy of them is made).
  const bool by_key = keys_usable_ && word_keys_.size() == named_words_;
  std::vector<KeyedWord> by_name;
  if (!by_key) {
    // (word, reference number), in word order: the aliases spelled like their
    // word come so already (stems ascend), the others (and the words of
    // unions) are sorted and merged in.
    std::vector<std::pair<std::string_view, uint32_t>> words, others;
    for_each([&](const EntryCursor& at) {
      const auto k = static_cast<uint32_t>(words.size() + others.size());
      if (at.alias) (at.term.substr(1) == at.word ? words : others).emplace_back(at.word, k);
      for (size_t i = 0; i < at.words.size(); ++i) others.emplace_back(at.words[i], k + i);
    });
    std::sort(others.begin(), others.end());
    const auto self = static_cast<ptrdiff_t>(words.size());
    words.insert(words.end(), others.begin(), others.end());
    std::inplace_merge(words.begin(), words.begin() + self, words.end());
    by_name.resize(words.size());
    size_t next = 0;
    for_each([&](const EntryCursor& at) {
      while (next < words.size() && words[next].first < at.term) ++next;
      for (; next < words.size() && words[next].first == at.term && !at.alias; ++next) {
        by_name[words[next].second] = {0, at.info.postings, at.info.langs, at.info.df};
      }
    });
  }
  auto list_of = [&](uint32_t ref) { return by_key ? WordByKey(word_keys_[ref]) : by_name[ref]; };
  uint32_t ref = 0;
  std::vector<std::pair<uint64_t, uint32_t>> refs;
  // Version 15: the words whose stem, spelled like them, shares their list,
  // in order (length-prefixed): flagged when their entry is written.
  std::string also_stem;
  size_t also_at = 0;
  for_each([&](const EntryCursor& at) {
    if (!at.words.empty()) {  // a union: its words' lists (those added), by offset
      refs.clear();
      for (size_t i = 0; i < at.words.size(); ++i, ++ref) {
        const KeyedWord w = list_of(ref);
        if (w.df > 0) refs.emplace_back(w.postings, w.df);
      }
      std::sort(refs.begin(), refs.end());
      if (!refs.empty()) AddDictEntry(at.term, at.info, &refs);
      return;
    }
    TermInfo info = at.info;
    if (at.alias) {
      const KeyedWord w = list_of(ref++);
      info = TermInfo{};
      info.df = w.df;
      info.postings = w.postings;
      info.langs = w.langs;
    }
    if (info.df == 0) return;
    if (at.alias && !old_version_ && at.term.substr(1) == at.word) {
      PutLengthPrefixed(&also_stem, at.word);  // stems come before words
      return;
    }
    TermInfo word = info;
    const char* p = also_stem.data() + also_at;
    std::string_view next;
    if (!at.alias && GetLengthPrefixed(&p, also_stem.data() + also_stem.size(), &next) &&
        next == at.term) {
      word.also_stem = true;
      word.stem_langs = info.langs;  // the stem's documents are the word's
      also_at = static_cast<size_t>(p - also_stem.data());
    }
    AddDictEntry(at.term, word);
  });
  assert(also_at == also_stem.size());
  std::vector<uint64_t>().swap(word_keys_);
  std::vector<KeyedWord>().swap(keyed_words_);
  return Status::OK();
}

namespace {

// Lists out of order (or twice): their bounds are not in the section's order.
bool NotBefore(const std::pair<uint64_t, uint32_t>& a, const std::pair<uint64_t, uint32_t>& b) {
  return a.first >= b.first;
}

}  // namespace

// The block bounds section from the bounds the encoders computed for `lists`.
void SegmentWriter::KnownBlockBounds(const std::vector<std::pair<uint64_t, uint32_t>>& lists,
                                     std::string* out) {
  PutFixed32(out, static_cast<uint32_t>(lists.size()));
  uint32_t first = 0;
  for (const auto& [off, df] : lists) {
    PutFixed64(out, off);
    PutFixed32(out, first);
    first += BlockCount(df);
  }
  assert(known_bounds_.size() == size_t{first} * kBlockBoundBytes);
  *out += known_bounds_;
  std::string().swap(known_bounds_);
}

// The block bounds section (doc/index-format.md): the postings are decoded
// again, now that every document's length is known (unless the encoders
// knew them).
Status SegmentWriter::WriteBlockBounds(std::string* out) {
  std::vector<std::pair<uint64_t, uint32_t>> lists;  // (postings offset, df)
  lists.swap(block_lists_);
  if (known_lists_ == lists.size() &&
      std::adjacent_find(lists.begin(), lists.end(), NotBefore) == lists.end()) {
    KnownBlockBounds(lists, out);  // the encoders computed them all, in this order
    return Status::OK();
  }
  std::sort(lists.begin(), lists.end());
  lists.erase(std::unique(lists.begin(), lists.end()), lists.end());
  std::unique_ptr<file::MappedFile> spilled;
  DL_RETURN_IF_ERROR(post_.MapSpilled(&spilled));
  std::vector<uint32_t> lengths(columns_.size());
  for (size_t d = 0; d < columns_.size(); ++d) lengths[d] = columns_[d].length;
  // As SegmentReader::average_length() computes it from the meta section.
  const double avg_len =
      columns_.empty() ? 1.0
                       : static_cast<double>(total_length_) / static_cast<double>(columns_.size());
  const BoundNorms norms(lengths.data(), doc_count(), avg_len);
  std::string bounds;
  uint64_t read_since_release = 0;
  PutFixed32(out, static_cast<uint32_t>(lists.size()));
  for (const auto& [off, df] : lists) {
    PutFixed64(out, off);
    PutFixed32(out, static_cast<uint32_t>(bounds.size() / kBlockBoundBytes));
    // Spills happen between terms: a list lies wholly in the spilled part or in the tail.
    TermInfo info;
    info.df = df;
    info.postings = off;
    std::string_view section = post_.tail();
    if (off < post_.base()) {
      section = spilled->data();
    } else {
      info.postings -= post_.base();
    }
    PostingsCursor c;
    c.Init(section, {}, info, nullptr, nullptr, /*pfor=*/true, /*codes=*/true,
           /*packed_skips=*/!old_version_);
    const bool ok = EncodeBlockBounds(&c, norms, &bounds);
    assert(ok);
    (void)ok;
    // Read once: keep the resident set bounded (a list of df documents
    // takes at most about 5 bytes each).
    read_since_release += uint64_t{df} * 5;
    if (spilled && read_since_release > kReleaseBytes) {
      spilled->ReleasePages();
      read_since_release = 0;
    }
  }
  *out += bounds;
  return Status::OK();
}

void SegmentWriter::AddTerm(std::string_view term, const uint32_t* docs, const uint32_t* freqs,
                            size_t n, const uint32_t* positions, const uint8_t* doc_langs) {
  assert(n > 0);
  keys_usable_ = false;  // a word without a key: aliases find their words by name
  TermInfo info;
  // Stem terms never keep positions (phrases use word terms).
  EncodePostings(docs, freqs, n, IsWordTerm(term) ? positions : nullptr, &post_.tail(),
                 &pos_.tail(), &info, doc_langs, /*pfor=*/!old_version_, /*codes=*/!old_version_,
                 /*packed_skips=*/!old_version_);
  info.postings += post_.base();
  info.positions += pos_.base();
  AddEntry(term, info);
  if (postings_status_.ok()) postings_status_ = Spill();
}

void SegmentWriter::AddEncoded(const EncodedTerms& encoded) {
  const uint64_t post_base = post_.size(), pos_base = pos_.size();
  post_.tail() += encoded.post;
  pos_.tail() += encoded.pos;
  known_bounds_ += encoded.bounds;
  known_lists_ += encoded.bound_lists;
  size_t named = encoded.aliases.size();
  for (const auto& u : encoded.unions) named += u.second.size();
  if (encoded.word_keys.size() == named) {
    word_keys_.insert(word_keys_.end(), encoded.word_keys.begin(), encoded.word_keys.end());
  } else {
    keys_usable_ = false;
  }
  for (const auto& [i, key] : encoded.keyed_words) {
    const TermInfo& info = encoded.terms[i].second;
    if (!keyed_words_.empty() && keyed_words_.back().key >= key) keys_usable_ = false;
    keyed_words_.push_back({key, info.postings + post_base, info.langs, info.df});
  }
  size_t next_alias = 0, next_union = 0;
  for (size_t i = 0; i < encoded.terms.size(); ++i) {
    const auto& [term, info] = encoded.terms[i];
    if (next_alias < encoded.aliases.size() && encoded.aliases[next_alias].first == i) {
      AddAlias(term, encoded.aliases[next_alias++].second);
      continue;
    }
    if (next_union < encoded.unions.size() && encoded.unions[next_union].first == i) {
      AddUnion(term, info, encoded.unions[next_union++].second);
      continue;
    }
    TermInfo shifted = info;
    shifted.postings += post_base;
    shifted.positions += pos_base;
    AddEntry(term, shifted);
  }
  if (postings_status_.ok()) postings_status_ = Spill();
}

void SegmentWriter::CDictFree::operator()(ZSTD_CDict_s* d) const { ZSTD_freeCDict(d); }
void SegmentWriter::CCtxFree::operator()(ZSTD_CCtx_s* c) const { ZSTD_freeCCtx(c); }

SegmentWriter::~SegmentWriter() {
  if (compressed_.valid()) compressed_.wait();  // it uses the contexts and the batch
  if (!file_ || finished_) return;
  // Unfinished (a failure, or no Finish): the partial file goes.
  file_->Discard();
  file_.reset();
  (void)file::RemoveFile(path_);
}

void SegmentWriter::AddDocument(const Document& doc, const DocColumns& columns) {
  record_.clear();
  EncodeStoredDoc(doc, &record_);
  AddRecord(doc.id, record_, columns);
}

void SegmentWriter::AddRecord(std::string_view id, std::string_view record,
                              const DocColumns& columns) {
  assert(!copying_);
  const uint32_t n = doc_count();
  AddDocumentMeta(id, columns);
  if (store_dict_decided_) {
    AppendRecord(n, record);
    return;
  }
  // Kept until the dictionary is decided; room for all it may need, so that
  // the records are not copied into fresh memory as they grow.
  if (samples_.empty()) samples_.reserve(kDictSampleBytes + kStoreBlockBytes);
  PutLengthPrefixed(&samples_, record);
  sample_ends_.push_back(samples_.size());
  if (samples_.size() >= SamplesWanted()) DecideStoreDict();
}

// The store dictionary's size for the records the segment is expected to
// hold (by the mean size of those kept so far), before the samples' own limit.
size_t SegmentWriter::StoreDictSize() const {
  const double per_doc = static_cast<double>(samples_.size()) / sample_ends_.size();
  const double expected = per_doc * std::max<double>(sample_ends_.size(), expected_docs_);
  return std::clamp(static_cast<size_t>(expected / kDictStoreRatio), kMinStoreDict, kMaxStoreDict);
}

// The records the dictionary is decided on: what its training reads
// (kDictSampleRatio times its size), at most kDictSampleBytes.
size_t SegmentWriter::SamplesWanted() const {
  return std::min(kDictSampleBytes, StoreDictSize() * kDictSampleRatio);
}

void SegmentWriter::AddDocumentMeta(std::string_view id, const DocColumns& columns) {
  ids_.emplace_back(id, doc_count());
  columns_.push_back(columns);
  total_length_ += columns.length;
}

// Adds record number `record` to the block being filled.
void SegmentWriter::AppendRecord(uint32_t record, std::string_view bytes) {
  if (block_raw_.empty()) block_first_doc_ = record;
  PutLengthPrefixed(&block_raw_, bytes);
  if (block_raw_.size() >= kStoreBlockBytes) FlushStoreBlock();
}

void SegmentWriter::CopyStoreFrom(const std::vector<std::string_view>& dicts, int fresh) {
  assert(!store_dict_decided_ && columns_.empty() && !old_version_);
  store_dict_decided_ = true;
  copying_ = true;
  locator_.assign(expected_docs_, kNoDoc);
  for (std::string_view d : dicts) {
    store_dicts_.emplace_back(store_size_, static_cast<uint32_t>(d.size()));
    AppendStore(d);
  }
  if (fresh >= 0 && static_cast<size_t>(fresh) < dicts.size()) {
    cdict_.reset(ZSTD_createCDict(dicts[fresh].data(), dicts[fresh].size(), kZstdLevel));
    if (cdict_) fresh_dict_ = fresh;  // else (out of memory) none
  }
}

void SegmentWriter::CopyStoreBlock(std::string_view block, int dict,
                                   std::span<const uint32_t> docs) {
  assert(copying_);
  // The blocks compressed here so far go first: blocks ascend by record.
  FlushStoreBlock();
  CompressBlocks();
  AwaitCompressed();
  for (size_t i = 0; i < docs.size(); ++i) Locate(docs[i], records_ + static_cast<uint32_t>(i));
  AddBlockEntry(records_, dict);
  records_ += static_cast<uint32_t>(docs.size());
  AppendStore(block);
}

// The record of document `doc` (CopyStoreFrom's locator).
void SegmentWriter::Locate(uint32_t doc, uint32_t record) {
  if (locator_.size() <= doc) locator_.resize(size_t{doc} + 1, kNoDoc);
  locator_[doc] = record;
}

// The store index entry of the block about to be appended at store_size_.
void SegmentWriter::AddBlockEntry(uint32_t first, int dict) {
  PutFixed32(&store_index_, first);
  PutFixed64(&store_index_, store_size_);
  PutFixed32(&store_index_, dict < 0 ? 0xFFFFFFFF : static_cast<uint32_t>(dict));
}

void SegmentWriter::AddStoreRecord(uint32_t doc, std::string_view record) {
  assert(copying_);
  Locate(doc, records_);
  AppendRecord(records_++, record);
}

// Decides the store dictionary on the records kept so far: trains one when
// they are enough, and keeps it when it saves more than its own size, judged
// on some of their blocks (the trial) and scaled to the documents expected.
// Then stores them: trial blocks as compressed for the trial, the others
// compressed once, with the dictionary if kept.
void SegmentWriter::DecideStoreDict() {
  assert(!store_dict_decided_ && store_size_ == 0 && block_raw_.empty());
  store_dict_decided_ = true;
  // The records cut into blocks as AddDocument cuts them; the last, partial
  // block goes on with the next documents.
  std::vector<RawBlock> blocks;
  size_t begin = 0;
  uint32_t first = 0;
  for (size_t d = 0; d < sample_ends_.size(); ++d) {
    if (sample_ends_[d] - begin < kStoreBlockBytes) continue;
    blocks.push_back({first, std::string_view(samples_).substr(begin, sample_ends_[d] - begin)});
    begin = sample_ends_[d];
    first = static_cast<uint32_t>(d + 1);
  }
  std::string dict;
  if (samples_.size() >= kMinDictSamples && first > 0) dict = TrainStoreDict();
  std::vector<std::string> out;
  if (dict.empty()) {
    out = Compress(blocks, nullptr);
  } else {
    // The trial: about kDictTrialBytes of blocks, evenly spaced.
    const size_t n = std::clamp<size_t>(kDictTrialBytes / kStoreBlockBytes, 1, blocks.size());
    std::vector<bool> in_trial(blocks.size());
    for (size_t j = 0; j < n; ++j) in_trial[j * blocks.size() / n] = true;
    std::vector<RawBlock> trial, rest;
    uint32_t trial_docs = 0;
    for (size_t i = 0; i < blocks.size(); ++i) {
      if (!in_trial[i]) {
        rest.push_back(blocks[i]);
        continue;
      }
      trial.push_back(blocks[i]);
      trial_docs += (i + 1 < blocks.size() ? blocks[i + 1].first : first) - blocks[i].first;
    }
    std::vector<std::string> without = Compress(trial, nullptr);
    std::vector<std::string> with = Compress(trial, cdict_.get());
    const double docs = std::max<double>(first, expected_docs_);
    const double saved = (static_cast<double>(Bytes(without)) - Bytes(with)) * docs / trial_docs;
    const bool keep = saved > static_cast<double>(dict.size());
    if (keep) {
      store_dict_size_ = static_cast<uint32_t>(dict.size());
      store_dicts_.emplace_back(store_size_, store_dict_size_);
      fresh_dict_ = 0;
      AppendStore(dict);
    } else {
      cdict_.reset();
    }
    std::vector<std::string>& trial_out = keep ? with : without;
    std::vector<std::string> rest_out = Compress(rest, cdict_.get());
    out.reserve(blocks.size());
    for (size_t i = 0, t = 0, r = 0; i < blocks.size(); ++i) {
      out.push_back(std::move(in_trial[i] ? trial_out[t++] : rest_out[r++]));
    }
  }
  AppendCompressed(blocks, out);
  if (begin < samples_.size()) {
    block_first_doc_ = first;
    block_raw_.assign(samples_, begin);
  }
  std::string().swap(samples_);
  std::vector<size_t>().swap(sample_ends_);
}

uint64_t SegmentWriter::Bytes(const std::vector<std::string>& blocks) {
  uint64_t n = 0;
  for (const std::string& b : blocks) n += b.size();
  return n;
}

// A dictionary trained on the first of the kept records, with its
// compression tables in cdict_; empty when training fails (too little to
// learn from). fastCover's work grows with the dictionary's size (and with
// the samples beyond kDictSampleRatio times it), hence a smaller one for a
// smaller segment, which it pays for less anyway.
std::string SegmentWriter::TrainStoreDict() {
  const size_t size = std::min(StoreDictSize(), samples_.size() / kDictSampleRatio);
  const size_t count = std::max<size_t>(
      1, std::upper_bound(sample_ends_.begin(), sample_ends_.end(), size * kDictSampleRatio) -
             sample_ends_.begin());
  // A merge offers an input's dictionary: as large (within a quarter), it
  // compresses the same news about as well, without training again.
  if (offered_dict_.size() * 4 >= size * 3) {
    std::string dict = std::move(offered_dict_);
    cdict_.reset(ZSTD_createCDict(dict.data(), dict.size(), kZstdLevel));
    if (cdict_) return dict;
  }
  std::vector<size_t> sizes(count);
  for (size_t i = 0; i < count; ++i) {
    sizes[i] = sample_ends_[i] - (i == 0 ? 0 : sample_ends_[i - 1]);
  }
  std::string dict(size, '\0');
  ZDICT_fastCover_params_t params{};
  params.k = 1024;  // segment size: long enough for repeated sentences
  params.d = 8;
  params.f = 20;
  params.accel = 10;  // about as good on news as 4, and a sixth less work
  params.splitPoint = 1.0;
  params.zParams.compressionLevel = kZstdLevel;
  const size_t n =
      ZDICT_trainFromBuffer_fastCover(dict.data(), dict.size(), samples_.data(), sizes.data(),
                                      static_cast<unsigned>(sizes.size()), params);
  if (ZDICT_isError(n) || n == 0) return {};
  dict.resize(n);
  cdict_.reset(ZSTD_createCDict(dict.data(), dict.size(), kZstdLevel));
  if (!cdict_) return {};  // out of memory: no dictionary
  return dict;
}

void SegmentWriter::FlushStoreBlock() {
  if (block_raw_.empty()) return;
  raw_blocks_.push_back({block_first_doc_, std::move(block_raw_)});
  block_raw_.clear();
  if (raw_blocks_.size() >= kStoreBatch) CompressBlocks();
}

// Compresses blocks on two threads; each result is the block's raw size (u32)
// and its zstd frame. The dictionary is attached, not copied: zstd would copy
// its tables into the context for every block (blocks are larger than its
// cutoff for attaching), a quarter of the compression's work, for frames as
// small within a few bytes per segment. The contexts are kept for the next call.
std::vector<std::string> SegmentWriter::Compress(const std::vector<RawBlock>& blocks,
                                                 const ZSTD_CDict_s* cdict) {
  std::vector<std::string> out(blocks.size());
  auto work = [&](size_t first) {
    std::unique_ptr<ZSTD_CCtx_s, CCtxFree>& cctx = cctx_[first];
    if (!cctx) cctx.reset(ZSTD_createCCtx());
    ZSTD_CCtx_reset(cctx.get(), ZSTD_reset_session_and_parameters);
    if (cdict != nullptr) {
      ZSTD_CCtx_refCDict(cctx.get(), cdict);
      ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_forceAttachDict, ZSTD_dictForceAttach);
    } else {
      ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, kZstdLevel);
    }
    for (size_t i = first; i < blocks.size(); i += 2) {
      const std::string_view raw = blocks[i].raw;
      std::string& o = out[i];
      const size_t bound = ZSTD_compressBound(raw.size());
      o.resize(4 + bound);
      const size_t n = ZSTD_compress2(cctx.get(), &o[4], bound, raw.data(), raw.size());
      assert(!ZSTD_isError(n));
      const uint32_t raw_size = static_cast<uint32_t>(raw.size());
      std::memcpy(&o[0], &raw_size, 4);
      o.resize(4 + n);
    }
  };
  if (blocks.size() > 1) {
    std::thread helper(work, 1);
    work(0);
    helper.join();
  } else {
    work(0);
  }
  return out;
}

// Appends compressed blocks to the store, in order, with their index entries.
void SegmentWriter::AppendCompressed(const std::vector<RawBlock>& blocks,
                                     const std::vector<std::string>& out) {
  for (size_t i = 0; i < out.size(); ++i) {
    AddBlockEntry(blocks[i].first, fresh_dict_);
    AppendStore(out[i]);
  }
}

// Creates the file with its header: the store follows it (the version is
// known once the store dictionary is decided).
Status SegmentWriter::OpenFile() {
  assert(store_dict_decided_ && !file_);
  DL_RETURN_IF_ERROR(file::AppendFile::Open(path_, &file_, /*truncate=*/true));
  file_->WriteBackEarly();  // Finish's fsync then waits for the last sections only
  std::string header(kSegmentMagic, 8);
  PutFixed32(&header, version());
  PutFixed32(&header, 0);
  static_assert(kSegmentHeaderBytes % 8 == 0, "the store starts aligned");
  return file_->Append(header);
}

// Appends the next bytes of the store (section 5) to the file.
void SegmentWriter::AppendStore(std::string_view bytes) {
  if (!file_ && spill_status_.ok()) spill_status_ = OpenFile();
  store_size_ += bytes.size();
  if (!spill_status_.ok()) return;
  store_crc_ = crc32c::Extend(store_crc_, bytes.data(), bytes.size());
  store_sums_.Add(bytes);
  spill_status_ = file_->Append(bytes);
}

std::vector<SegmentWriter::RawBlock> SegmentWriter::Views(
    const std::vector<std::pair<uint32_t, std::string>>& blocks) {
  std::vector<RawBlock> views;
  views.reserve(blocks.size());
  for (const auto& [first, raw] : blocks) views.push_back({first, raw});
  return views;
}

// Appends the batch compressed before, then starts compressing this one on
// other threads (Compress's two) while the caller goes on filling the next:
// reading and compressing overlap, as they did not when a merge's documents
// were copied after its postings were done. One batch at a time uses the
// contexts; the result is appended by the next call or AwaitCompressed.
void SegmentWriter::CompressBlocks() {
  AwaitCompressed();
  if (raw_blocks_.empty()) return;
  compressing_.swap(raw_blocks_);
  compressed_ = std::async(std::launch::async,
                           [this] { return Compress(Views(compressing_), cdict_.get()); });
}

void SegmentWriter::AwaitCompressed() {
  if (!compressed_.valid()) return;
  const std::vector<std::string> out = compressed_.get();
  AppendCompressed(Views(compressing_), out);
  compressing_.clear();
}

Status SegmentWriter::Spill() {
  DL_RETURN_IF_ERROR(post_.MaybeSpill(spill_bytes_));
  DL_RETURN_IF_ERROR(terms_.MaybeSpill(spill_bytes_));
  return pos_.MaybeSpill(spill_bytes_);
}

namespace {

void PutSectionEntry(std::string* footer, uint64_t start, uint64_t size, uint32_t crc) {
  PutFixed64(footer, start);
  PutFixed64(footer, size);
  PutFixed32(footer, crc);
  PutFixed32(footer, 0);
}

// Appends section `s` to *f at the next multiple of 8 bytes, from `spilled`
// when not null, else `bytes`, with its footer entry and, for a lazy section,
// its chunk sums.
Status WriteSection(file::AppendFile* f, uint32_t s, std::string_view bytes, SpillBuffer* spilled,
                    std::string* footer, std::string* chunk_sums) {
  const uint64_t pad = (8 - f->written() % 8) % 8;
  if (pad) DL_RETURN_IF_ERROR(f->Append(std::string(pad, '\0')));
  const uint64_t start = f->written();
  ChunkSums sums;
  uint32_t crc;
  if (spilled != nullptr) {
    DL_RETURN_IF_ERROR(spilled->CopyTo(f, &crc, &sums));
  } else {
    crc = crc32c::Value(bytes);
    if (IsLazySection(s)) sums.Add(bytes);
    DL_RETURN_IF_ERROR(f->Append(bytes));
  }
  if (IsLazySection(s)) sums.Finish(chunk_sums);
  PutSectionEntry(footer, start, f->written() - start, crc);
  return Status::OK();
}

}  // namespace

// Stores the last documents (creating the file if no store bytes did), then
// writes the sections before the dictionary (postings, positions) after the
// store.
void SegmentWriter::FinishStore() {
  if (!store_dict_decided_) DecideStoreDict();
  FlushStoreBlock();
  CompressBlocks();
  AwaitCompressed();
}

void SegmentWriter::FinishDocuments() {
  assert(!documents_finished_);
  FinishStore();
  ids_table_ = IdTable();
  store_table_ = StoreIndex();
  if (!old_version_) EncodeColumns(columns_.data(), columns_.size(), &packed_columns_);
  documents_finished_ = true;
}

Status SegmentWriter::StartFile(std::string* footer, std::string* chunk_sums) {
  if (!documents_finished_) FinishStore();
  if (!file_ && spill_status_.ok()) spill_status_ = OpenFile();
  DL_RETURN_IF_ERROR(spill_status_);
  DL_RETURN_IF_ERROR(WriteSection(file_.get(), kPostings, {}, &post_, footer, chunk_sums));
  return WriteSection(file_.get(), kPositions, {}, &pos_, footer, chunk_sums);
}

// Id table (doc/index-format.md, section 7). Versions 1 to 8: entry offsets
// in id order, then in doc order, then the entries.
std::string SegmentWriter::IdTable() {
  std::sort(ids_.begin(), ids_.end());
  if (old_version_) return OldIdTable();
  const auto n = static_cast<uint32_t>(ids_.size());
  std::string out;
  out.reserve(4 + size_t{n} * 4 + (size_t{n} / kIdBlock + 1) * 4);
  PutFixed32(&out, n);
  std::vector<uint32_t> rank_of(n);
  for (uint32_t r = 0; r < n; ++r) rank_of[ids_[r].second] = r;
  PackBits(&out, rank_of.data(), n, n > 0 ? BitWidth(n - 1) : 0);  // version 12
  std::string entries;
  for (uint32_t r = 0; r < n; ++r) {
    const std::string& id = ids_[r].first;
    size_t shared = 0;
    if (r % kIdBlock == 0) {
      PutFixed32(&out, static_cast<uint32_t>(entries.size()));
    } else {
      const std::string& prev = ids_[r - 1].first;
      const size_t most = std::min(prev.size(), id.size());
      while (shared < most && prev[shared] == id[shared]) ++shared;
    }
    PutVarint(&entries, shared);
    PutLengthPrefixed(&entries, std::string_view(id).substr(shared));
    PutVarint(&entries, ids_[r].second);
  }
  out += entries;
  return out;
}

std::string SegmentWriter::OldIdTable() const {
  std::string ids;
  PutFixed32(&ids, static_cast<uint32_t>(ids_.size()));
  std::string entries;
  std::vector<uint32_t> by_doc(ids_.size());
  for (const auto& [id, doc] : ids_) {
    PutFixed32(&ids, static_cast<uint32_t>(entries.size()));
    by_doc[doc] = static_cast<uint32_t>(entries.size());
    PutLengthPrefixed(&entries, id);
    PutVarint(&entries, doc);
  }
  for (uint32_t off : by_doc) PutFixed32(&ids, off);
  ids += entries;
  return ids;
}

// Section 6 (doc/index-format.md). The entries of store_index_ are 16 bytes:
// first record, offset, dictionary.
std::string SegmentWriter::StoreIndex() const {
  const uint32_t nblocks = static_cast<uint32_t>(store_index_.size() / 16);
  std::string out;
  PutFixed32(&out, nblocks);
  if (old_version_) {  // versions 4 and 5: one dictionary at most, 12-byte entries
    if (version() >= 5) PutFixed32(&out, store_dict_size_);  // 0: no dictionary
    for (uint32_t b = 0; b < nblocks; ++b) out.append(store_index_, size_t{b} * 16, 12);
    return out;
  }
  bool identity = true;  // a locator that maps each document to itself is left out
  for (uint32_t d = 0; copying_ && identity && d < locator_.size(); ++d)
    identity = locator_[d] == d;
  PutFixed32(&out, static_cast<uint32_t>(store_dicts_.size()));
  PutFixed32(&out, identity ? 0 : doc_count());
  for (const auto& [offset, size] : store_dicts_) {
    PutFixed64(&out, offset);
    PutFixed32(&out, size);
  }
  out += store_index_;
  if (!identity) {
    for (uint32_t d = 0; d < doc_count(); ++d) PutFixed32(&out, locator_[d]);
  }
  return out;
}

Status SegmentWriter::Finish(const std::vector<std::string>& langs) {
  DL_RETURN_IF_ERROR(spill_status_);
  DL_RETURN_IF_ERROR(postings_status_);
  post_.tail().append(kPackPadding, '\0');  // lets readers unpack blocks with wide loads
  // The dictionary (from the term entries) is written on a second thread
  // while this one completes the block bounds (decoding the postings unless
  // their encoders gave them) and the store, and writes the sections before
  // the dictionary's: they share nothing.
  Status dict_status;
  lang_count_ = langs.size();
  std::thread dict_writer([this, &dict_status] { dict_status = WriteDictionary(); });
  std::string footer, chunk_sums, block_bounds, ids;
  Status head_status = WriteBlockBounds(&block_bounds);
  if (head_status.ok()) head_status = StartFile(&footer, &chunk_sums);
  if (head_status.ok()) ids = documents_finished_ ? std::move(ids_table_) : IdTable();
  dict_writer.join();
  DL_RETURN_IF_ERROR(head_status);
  DL_RETURN_IF_ERROR(dict_status);
  if (copying_ && (records_ != doc_count() || locator_.size() != doc_count() ||
                   std::find(locator_.begin(), locator_.end(), kNoDoc) != locator_.end())) {
    return Status::InvalidArgument(path_ + ": a document without its stored record");
  }
  const std::string store_index = documents_finished_ ? std::move(store_table_) : StoreIndex();
  std::string dict_index;
  PutFixed32(&dict_index, dict_blocks_);
  PutFixed32(&dict_index, dict_count_);
  dict_index += dict_index_;
  std::string meta;
  PutFixed32(&meta, static_cast<uint32_t>(columns_.size()));
  PutFixed64(&meta, total_length_);
  PutFixed32(&meta, static_cast<uint32_t>(langs.size()));
  for (const auto& l : langs) PutLengthPrefixed(&meta, l);
  std::string packed_cols = std::move(packed_columns_);
  if (!old_version_ && !documents_finished_) {
    EncodeColumns(columns_.data(), columns_.size(), &packed_cols);
  }
  const std::string_view cols =
      old_version_ ? std::string_view(reinterpret_cast<const char*>(columns_.data()),
                                      columns_.size() * sizeof(DocColumns))
                   : std::string_view(packed_cols);
  // Sections 0 and 1 may be partly in temporary files; section 5 is in the
  // file already, right after the header; section 10 (the chunk sums of 0,
  // 1, 2 and 5) is filled while they are written.
  const std::string_view parts[kNumSections] = {{},          {},  dict_, dict_index,   cols, {},
                                                store_index, ids, meta,  block_bounds, {}};
  for (uint32_t s = kDict; s < kNumSections; ++s) {
    if (s == kDocStore) {
      store_sums_.Finish(&chunk_sums);
      PutSectionEntry(&footer, kSegmentHeaderBytes, store_size_, store_crc_);
      continue;
    }
    DL_RETURN_IF_ERROR(WriteSection(file_.get(), s, s == kChunkSums ? chunk_sums : parts[s],
                                    nullptr, &footer, &chunk_sums));
  }
  PutFixed32(&footer, kNumSections);
  PutFixed32(&footer, version());
  PutFixed32(&footer, crc32c::Value(footer));
  PutFixed32(&footer, 0);
  footer.append(kSegmentMagic, 8);
  DL_RETURN_IF_ERROR(file_->Append(footer));
  DL_RETURN_IF_ERROR(file_->Flush());
  finished_ = true;
  file_.reset();
  return Status::OK();
}

}  // namespace dateline::index
