// The gazetteer file (doc/places.md): header check, unpacking, entries and name index.
#include "extract/places/gazetteer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstring>
#include <mutex>

#include "text/fold_internal.h"
#include "util/crc32c.h"

extern "C" const unsigned char dl_gazetteer[];
extern "C" const unsigned char dl_gazetteer_end[];

namespace dateline::places {
namespace {

constexpr char kMagic[8] = {'D', 'L', 'G', 'A', 'Z', '\r', '\n', '\x1a'};
constexpr uint32_t kVersion = 2;
constexpr uint32_t kStored = 0;
constexpr uint32_t kZlib = 1;
constexpr size_t kHeaderSize = 64;
constexpr uint32_t kMaxPayload = 256u << 20;
constexpr size_t kEntrySize = 36;
constexpr size_t kCodeSize = 8;
constexpr size_t kKeySize = 12;
constexpr uint32_t kSlotIndexMask = 0xFFFFFF;

uint32_t ReadU32(const char* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

template <typename T>
T Load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

uint64_t HashKey(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

size_t Pad8(size_t n) { return (n + 7) & ~size_t{7}; }

bool PowerOfTwo(uint32_t n) { return n != 0 && (n & (n - 1)) == 0; }

// A key record: offset of the key in the key blob, its length, flags, number of
// postings and the first posting.
struct KeyRec {
  uint32_t offset;
  uint8_t length;
  uint8_t flags;
  uint16_t count;
  uint32_t first;
};

KeyRec ReadKey(const char* p) {
  return KeyRec{Load<uint32_t>(p), static_cast<uint8_t>(p[4]), static_cast<uint8_t>(p[5]),
                Load<uint16_t>(p + 6), Load<uint32_t>(p + 8)};
}

Status Inflate(std::string_view packed, uint32_t size, std::string* out) {
  out->resize(size);
  uLongf dest_len = size;
  const int rc = uncompress(reinterpret_cast<Bytef*>(out->data()), &dest_len,
                            reinterpret_cast<const Bytef*>(packed.data()), packed.size());
  if (rc != Z_OK || dest_len != size) return Status::Corruption("gazetteer: cannot unpack");
  return Status::OK();
}

bool IsArabicLetter(UChar32 c) { return c >= 0x0620 && c <= 0x06FF && u_isalpha(c); }

}  // namespace

// ASCII character classes: 0 separator, 1 lower-case letter or digit, 2 capital.
constexpr std::array<uint8_t, 128> kAsciiClass = [] {
  std::array<uint8_t, 128> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = 1;
  for (int c = '0'; c <= '9'; ++c) t[c] = 3;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = 2;
  return t;
}();

namespace {

// Classes of the characters of two-byte UTF-8 sequences (U+0080..U+07FF: Latin
// with accents, Greek, Cyrillic, Hebrew, Arabic), looked up once from ICU.
enum : uint8_t { kWordChar = 1, kUpperChar = 2, kLowerChar = 4, kArabicChar = 8 };

const std::array<uint8_t, 0x800>& TwoByteClasses() {
  static const std::array<uint8_t, 0x800> table = [] {
    std::array<uint8_t, 0x800> t{};
    for (UChar32 c = 0x80; c < 0x800; ++c) {
      uint8_t f = 0;
      if (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0) f |= kWordChar;
      if (u_isupper(c) || u_istitle(c)) f |= kUpperChar;
      if (u_islower(c)) f |= kLowerChar;
      if (IsArabicLetter(c)) f |= kArabicChar;
      t[static_cast<size_t>(c)] = f;
    }
    return t;
  }();
  return table;
}

// Class bits of the character at s[*i] (not ASCII); advances *i past it.
uint8_t NonAsciiClass(const uint8_t* s, int32_t* i, int32_t n) {
  if (s[*i] >= 0xC2 && s[*i] <= 0xDF && *i + 1 < n && (s[*i + 1] & 0xC0) == 0x80) {
    const UChar32 c = ((s[*i] & 0x1F) << 6) | (s[*i + 1] & 0x3F);
    *i += 2;
    return TwoByteClasses()[static_cast<size_t>(c)];
  }
  UChar32 c;
  U8_NEXT(s, *i, n, c);
  if (c < 0) return 0;
  uint8_t f = 0;
  if (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0) f |= kWordChar;
  if (u_isupper(c) || u_istitle(c)) f |= kUpperChar;
  if (u_islower(c)) f |= kLowerChar;
  return f;
}

}  // namespace

void SplitWords(std::string_view text, std::vector<Word>* out) {
  out->reserve(out->size() + text.size() / 6);
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(std::min<size_t>(text.size(), INT32_MAX));
  int32_t i = 0;
  Word w;
  bool in_word = false;
  bool lower_seen = false;
  while (i < n) {
    if (in_word) {  // the common case: a run of lower-case ASCII letters inside a word
      const int32_t from = i;
      while (i < n && s[i] < 0x80 && kAsciiClass[s[i]] == 1) ++i;
      lower_seen |= i > from;
      if (i == n) break;
    }
    const int32_t at = i;
    uint8_t f;
    if (s[i] < 0x80) {
      const uint8_t cls = kAsciiClass[s[i]];
      const uint8_t c = s[i++];
      if (cls != 0 && in_word) {
        lower_seen |= cls == 1;
        continue;  // the common case: a letter inside a word
      }
      f = cls == 0 ? 0 : kWordChar;
      if (c >= 'A' && c <= 'Z') f |= kUpperChar;
      if (c >= 'a' && c <= 'z') f |= kLowerChar;
    } else {
      f = NonAsciiClass(s, &i, n);
    }
    if ((f & kWordChar) == 0) {
      if (in_word) {
        w.end = static_cast<uint32_t>(at);
        w.all_caps = w.capital && !lower_seen;
        out->push_back(w);
        in_word = false;
      }
      continue;
    }
    if (!in_word) {
      in_word = true;
      w = Word{static_cast<uint32_t>(at), 0, (f & kUpperChar) != 0, (f & kArabicChar) != 0, false};
      lower_seen = false;
    }
    lower_seen |= (f & kLowerChar) != 0;
  }
  if (in_word) {
    w.end = static_cast<uint32_t>(n);
    w.all_caps = w.capital && !lower_seen;
    out->push_back(w);
  }
}

void AppendKeyWord(std::string_view word, std::string* key) {
  if (!key->empty()) key->push_back(' ');
  AppendWordFold(word, key);
}

void AppendWordFold(std::string_view word, std::string* key) {
  const size_t start = key->size();
  text::internal::AppendFolded(word, key);
  // Persian yeh and keheh, common in Arabic-script names, as their Arabic letters.
  for (size_t i = start; i + 1 < key->size(); ++i) {
    unsigned char a = static_cast<unsigned char>((*key)[i]);
    unsigned char b = static_cast<unsigned char>((*key)[i + 1]);
    if (a == 0xDB && b == 0x8C) {  // U+06CC -> U+064A
      (*key)[i] = static_cast<char>(0xD9);
      (*key)[i + 1] = static_cast<char>(0x8A);
    } else if (a == 0xDA && b == 0xA9) {  // U+06A9 -> U+0643
      (*key)[i] = static_cast<char>(0xD9);
      (*key)[i + 1] = static_cast<char>(0x83);
    }
  }
}

std::string NameKey(std::string_view name) {
  std::vector<Word> words;
  SplitWords(name, &words);
  std::string key;
  for (const Word& w : words) AppendKeyWord(name.substr(w.begin, w.end - w.begin), &key);
  return key;
}

// The sections of the payload, in file order, each padded to 8 bytes.
struct Gazetteer::Sections {
  size_t entries, codes, slots, keys, postings, bloom, key_blob, strings;
  size_t Total() const {
    return entries + codes + slots + keys + postings + bloom + key_blob + strings;
  }
};

Status Gazetteer::Parse(std::string_view bytes, std::unique_ptr<Gazetteer>* out) {
  return Open(bytes, true, out);
}

Status Gazetteer::View(std::string_view bytes, std::unique_ptr<Gazetteer>* out) {
  return Open(bytes, false, out);
}

Status Gazetteer::Open(std::string_view bytes, bool copy, std::unique_ptr<Gazetteer>* out) {
  if (bytes.size() < kHeaderSize || std::memcmp(bytes.data(), kMagic, 8) != 0) {
    return Status::Corruption("gazetteer: not a gazetteer file (bad magic)");
  }
  const char* h = bytes.data();
  if (ReadU32(h + 8) != kVersion) return Status::Corruption("gazetteer: unknown format version");
  const uint32_t compression = ReadU32(h + 12);
  if (compression != kStored && compression != kZlib) {
    return Status::Corruption("gazetteer: unknown compression");
  }
  const uint32_t size = ReadU32(h + 16);
  const uint32_t packed_size = ReadU32(h + 20);
  if (packed_size != bytes.size() - kHeaderSize || size > kMaxPayload ||
      (compression == kStored && size != packed_size)) {
    return Status::Corruption("gazetteer: truncated or bad sizes");
  }
  const std::string_view packed = bytes.substr(kHeaderSize);
  const uint32_t crc = crc32c::Value(packed);
  if (crc != ReadU32(h + 24)) return Status::Corruption("gazetteer: checksum mismatch");
  auto g = std::unique_ptr<Gazetteer>(new Gazetteer());
  std::string_view payload = packed;
  if (compression == kZlib) {
    DL_RETURN_IF_ERROR(Inflate(packed, size, &g->owned_));
    payload = g->owned_;
    if (crc32c::Value(payload) != ReadU32(h + 28)) {
      return Status::Corruption("gazetteer: payload checksum mismatch");
    }
  } else if (crc != ReadU32(h + 28)) {
    return Status::Corruption("gazetteer: payload checksum mismatch");
  } else if (copy || reinterpret_cast<uintptr_t>(payload.data()) % 8 != 0) {
    g->owned_.assign(payload);
    payload = g->owned_;
  }
  DL_RETURN_IF_ERROR(g->Map(payload, h));
  DL_RETURN_IF_ERROR(g->Validate());
  *out = std::move(g);
  return Status::OK();
}

// Points the sections into `payload` after checking that the counts of the
// header add up to its size.
Status Gazetteer::Map(std::string_view payload, const char* h) {
  n_entries_ = ReadU32(h + 32);
  n_keys_ = ReadU32(h + 36);
  n_slots_ = ReadU32(h + 40);
  n_postings_ = ReadU32(h + 44);
  n_codes_ = ReadU32(h + 48);
  strings_size_ = ReadU32(h + 52);
  keys_size_ = ReadU32(h + 56);
  bloom_bits_ = ReadU32(h + 60);
  if (n_entries_ >= kEntryMask || n_keys_ >= kSlotIndexMask || !PowerOfTwo(n_slots_) ||
      n_slots_ <= n_keys_ || !PowerOfTwo(bloom_bits_) || bloom_bits_ < 64) {
    return Status::Corruption("gazetteer: bad section counts");
  }
  const Sections s{Pad8(size_t{n_entries_} * kEntrySize),
                   Pad8(size_t{n_codes_} * kCodeSize),
                   Pad8(size_t{n_slots_} * 4),
                   Pad8(size_t{n_keys_} * kKeySize),
                   Pad8(size_t{n_postings_} * 4),
                   bloom_bits_ / 8,
                   Pad8(keys_size_),
                   Pad8(strings_size_)};
  if (s.Total() != payload.size()) return Status::Corruption("gazetteer: section sizes disagree");
  const char* p = payload.data();
  entries_ = p;
  codes_ = p += s.entries;
  slots_ = reinterpret_cast<const uint32_t*>(p += s.codes);
  key_table_ = p += s.slots;
  postings_ = reinterpret_cast<const uint32_t*>(p += s.keys);
  bloom_ = reinterpret_cast<const uint8_t*>(p += s.postings);
  keys_ = p += s.bloom;
  strings_ = p + s.key_blob;
  return Status::OK();
}

// Checks every offset and index once, so that lookups never leave the image.
Status Gazetteer::Validate() const {
  for (uint32_t i = 0; i < n_entries_; ++i) {
    const char* e = entries_ + size_t{i} * kEntrySize;
    const auto lat = Load<int32_t>(e + 4), lon = Load<int32_t>(e + 8);
    if (size_t{Load<uint32_t>(e + 16)} + static_cast<uint8_t>(e[24]) > strings_size_ ||
        size_t{Load<uint32_t>(e + 20)} + static_cast<uint8_t>(e[25]) > strings_size_ ||
        e[24] == 0 || static_cast<uint8_t>(e[33]) > 2 || std::abs(lat) > 9000000 ||
        std::abs(lon) > 18000000) {
      return Status::Corruption("gazetteer: bad entry " + std::to_string(i));
    }
  }
  for (uint32_t i = 0; i < n_codes_; ++i) {
    if (Load<uint32_t>(codes_ + size_t{i} * kCodeSize + 4) >= n_entries_) {
      return Status::Corruption("gazetteer: bad country code");
    }
  }
  for (uint32_t i = 0; i < n_keys_; ++i) {
    const KeyRec k = ReadKey(key_table_ + size_t{i} * kKeySize);
    if (size_t{k.offset} + k.length > keys_size_ || k.length == 0 ||
        size_t{k.first} + k.count > n_postings_) {
      return Status::Corruption("gazetteer: bad key " + std::to_string(i));
    }
  }
  for (uint32_t i = 0; i < n_postings_; ++i) {
    if ((postings_[i] & kEntryMask) >= n_entries_)
      return Status::Corruption("gazetteer: bad posting");
  }
  uint32_t empty = 0;
  for (uint32_t i = 0; i < n_slots_; ++i) {
    if ((slots_[i] & kSlotIndexMask) > n_keys_) return Status::Corruption("gazetteer: bad slot");
    empty += slots_[i] == 0;
  }
  if (empty == 0) return Status::Corruption("gazetteer: full hash table");
  return Status::OK();
}

GazEntry Gazetteer::entry(uint32_t i) const {
  assert(i < n_entries_);
  const char* r = entries_ + size_t{i} * kEntrySize;
  GazEntry e;
  e.id = Load<uint32_t>(r);
  e.lat = Load<int32_t>(r + 4) / 1e5;
  e.lon = Load<int32_t>(r + 8) / 1e5;
  e.population = Load<uint32_t>(r + 12);
  e.name = std::string_view(strings_ + Load<uint32_t>(r + 16), static_cast<uint8_t>(r[24]));
  e.admin1 = std::string_view(strings_ + Load<uint32_t>(r + 20), static_cast<uint8_t>(r[25]));
  e.cc[0] = r[26];
  e.cc[1] = r[27];
  e.feature = std::string_view(r + 28, strnlen(r + 28, 5));
  e.kind = static_cast<Kind>(r[33]);
  return e;
}

bool Gazetteer::Find(std::string_view key, Lookup* out) const {
  if (n_slots_ == 0) return false;
  const uint64_t h = HashKey(key);
  const uint32_t tag = static_cast<uint32_t>(h >> 56);
  const uint32_t mask = n_slots_ - 1;
  for (uint32_t s = static_cast<uint32_t>(h) & mask;; s = (s + 1) & mask) {
    const uint32_t v = slots_[s];
    if (v == 0) return false;
    if ((v >> 24) != tag) continue;
    const KeyRec k = ReadKey(key_table_ + size_t{(v & kSlotIndexMask) - 1} * kKeySize);
    if (std::string_view(keys_ + k.offset, k.length) != key) continue;
    out->flags = k.flags;
    out->postings = std::span<const uint32_t>(postings_ + k.first, k.count);
    return true;
  }
}

bool Gazetteer::MayStart(std::string_view first_word_key) const {
  if (bloom_bits_ == 0) return false;
  const uint64_t h = HashKey(first_word_key);
  const uint32_t mask = bloom_bits_ - 1;
  const uint32_t a = static_cast<uint32_t>(h) & mask, b = static_cast<uint32_t>(h >> 32) & mask;
  return (bloom_[a >> 3] >> (a & 7) & 1) != 0 && (bloom_[b >> 3] >> (b & 7) & 1) != 0;
}

int32_t Gazetteer::CountryByCode(std::string_view code) const {
  if (code.size() != 2 && code.size() != 3) return -1;
  char want[4] = {0, 0, 0, 0};
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    want[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  }
  uint32_t lo = 0, hi = n_codes_;
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    const int cmp = std::memcmp(codes_ + size_t{mid} * kCodeSize, want, 4);
    if (cmp == 0) return static_cast<int32_t>(Load<uint32_t>(codes_ + size_t{mid} * kCodeSize + 4));
    if (cmp < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return -1;
}

namespace {

struct EmbeddedState {
  std::once_flag once;
  std::unique_ptr<Gazetteer> gazetteer;
  Status status;
};

EmbeddedState& GetEmbedded() {
  static EmbeddedState state;
  std::call_once(state.once, [] {
    const auto* begin = reinterpret_cast<const char*>(dl_gazetteer);
    const auto size = static_cast<size_t>(dl_gazetteer_end - dl_gazetteer);
    state.status = Gazetteer::View(std::string_view(begin, size), &state.gazetteer);
  });
  return state;
}

}  // namespace

const Gazetteer* Gazetteer::Embedded() { return GetEmbedded().gazetteer.get(); }

Status Gazetteer::EmbeddedStatus() { return GetEmbedded().status; }

}  // namespace dateline::places
