// The gazetteer file (doc/places.md): header check, unpacking, entries and name index.
#include "extract/places/gazetteer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <zlib.h>

#include <algorithm>
#include <array>
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
constexpr uint32_t kVersion = 1;
constexpr uint32_t kZlib = 1;
constexpr size_t kHeaderSize = 32;
constexpr uint32_t kMaxPayload = 256u << 20;
constexpr size_t kColumns = 11;

uint32_t ReadU32(const char* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
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

// Splits `line` at `sep` into at most `max` fields.
std::vector<std::string_view> SplitFields(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t pos = line.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(line.substr(start));
      return out;
    }
    out.push_back(line.substr(start, pos - start));
    start = pos + 1;
  }
}

template <typename T>
bool ParseNumber(std::string_view s, T* out) {
  if (s.empty()) return false;
  const auto res = std::from_chars(s.data(), s.data() + s.size(), *out);
  return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

bool ParseDouble(std::string_view s, double* out) {
  // Fixed-point "-12.34567": parsed by hand (from_chars for double is fine too,
  // but this keeps the format strict).
  bool neg = !s.empty() && s[0] == '-';
  if (neg) s.remove_prefix(1);
  const size_t dot = s.find('.');
  int64_t whole = 0, frac = 0;
  if (dot == std::string_view::npos || !ParseNumber(s.substr(0, dot), &whole)) return false;
  const std::string_view f = s.substr(dot + 1);
  if (f.empty() || f.size() > 9 || !ParseNumber(f, &frac)) return false;
  double scale = 1;
  for (size_t i = 0; i < f.size(); ++i) scale *= 10;
  *out = (static_cast<double>(whole) + static_cast<double>(frac) / scale) * (neg ? -1 : 1);
  return true;
}

Kind KindOf(std::string_view feature) {
  if (feature == "PCLI") return Kind::kCountry;
  if (feature == "ADM1" || feature == "CONT") return Kind::kRegion;
  return Kind::kPlace;
}

// True if the name has capital letters and no lower-case letters ("UK", "U.S.").
bool IsAcronymName(std::string_view name) {
  bool upper = false;
  for (const char c : name) {
    if (c >= 'a' && c <= 'z') return false;
    if (static_cast<unsigned char>(c) >= 0x80) return false;
    upper |= c >= 'A' && c <= 'Z';
  }
  return upper;
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

void SplitWords(std::string_view text, std::vector<Word>* out) {
  out->reserve(out->size() + text.size() / 6);
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(std::min<size_t>(text.size(), INT32_MAX));
  int32_t i = 0;
  Word w;
  bool in_word = false;
  bool lower_seen = false;
  while (i < n) {
    const int32_t at = i;
    UChar32 c = s[i];
    bool word_char;
    if (c < 0x80) {
      ++i;
      const uint8_t cls = kAsciiClass[c];
      if (cls != 0 && in_word) {
        lower_seen |= cls == 1;
        continue;  // the common case: a letter inside a word
      }
      word_char = cls != 0;
    } else {
      U8_NEXT(s, i, n, c);
      word_char = c >= 0 && (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0);
    }
    if (!word_char) {
      if (in_word) {
        w.end = static_cast<uint32_t>(at);
        w.all_caps = w.capital && !lower_seen;
        out->push_back(w);
        in_word = false;
      }
      continue;
    }
    const bool upper = c < 0x80 ? (c >= 'A' && c <= 'Z') : (u_isupper(c) || u_istitle(c));
    if (!in_word) {
      in_word = true;
      w = Word{static_cast<uint32_t>(at), 0, upper, c >= 0x80 && IsArabicLetter(c), false};
      lower_seen = false;
    }
    lower_seen |= c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower(c) != 0;
  }
  if (in_word) {
    w.end = static_cast<uint32_t>(n);
    w.all_caps = w.capital && !lower_seen;
    out->push_back(w);
  }
}

void AppendKeyWord(std::string_view word, std::string* key) {
  if (!key->empty()) key->push_back(' ');
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

Status Gazetteer::Parse(std::string_view bytes, std::unique_ptr<Gazetteer>* out) {
  if (bytes.size() < kHeaderSize || std::memcmp(bytes.data(), kMagic, 8) != 0) {
    return Status::Corruption("gazetteer: not a gazetteer file (bad magic)");
  }
  const char* h = bytes.data();
  if (ReadU32(h + 8) != kVersion) return Status::Corruption("gazetteer: unknown format version");
  if (ReadU32(h + 12) != kZlib) return Status::Corruption("gazetteer: unknown compression");
  const uint32_t size = ReadU32(h + 16);
  const uint32_t packed_size = ReadU32(h + 20);
  if (packed_size != bytes.size() - kHeaderSize || size > kMaxPayload) {
    return Status::Corruption("gazetteer: truncated or bad sizes");
  }
  const std::string_view packed = bytes.substr(kHeaderSize);
  if (crc32c::Value(packed) != ReadU32(h + 24)) {
    return Status::Corruption("gazetteer: checksum mismatch");
  }
  auto g = std::unique_ptr<Gazetteer>(new Gazetteer());
  DL_RETURN_IF_ERROR(Inflate(packed, size, &g->payload_));
  if (crc32c::Value(g->payload_) != ReadU32(h + 28)) {
    return Status::Corruption("gazetteer: payload checksum mismatch");
  }
  DL_RETURN_IF_ERROR(g->ParsePayload());
  *out = std::move(g);
  return Status::OK();
}

Status Gazetteer::ParsePayload() {
  std::string_view rest = payload_;
  const size_t nl = rest.find('\n');
  if (nl == std::string_view::npos) return Status::Corruption("gazetteer: no header line");
  const auto head = SplitFields(rest.substr(0, nl), '\t');
  uint32_t version = 0, n_entries = 0, n_common = 0;
  if (head.size() != 4 || head[0] != "dateline-gazetteer" || !ParseNumber(head[1], &version) ||
      version != kVersion || !ParseNumber(head[2], &n_entries) ||
      !ParseNumber(head[3], &n_common) || n_entries >= kEntryMask) {
    return Status::Corruption("gazetteer: bad payload header");
  }
  rest.remove_prefix(nl + 1);
  std::vector<RawName> names;
  std::vector<std::string> common;
  entries_.reserve(n_entries);
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    if (end == std::string_view::npos) return Status::Corruption("gazetteer: unterminated line");
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    if (!line.empty() && line[0] == '~') {
      common.push_back(NameKey(line.substr(1)));
    } else {
      DL_RETURN_IF_ERROR(ParseEntry(line, &names));
    }
  }
  if (entries_.size() != n_entries || common.size() != n_common) {
    return Status::Corruption("gazetteer: entry count mismatch");
  }
  std::sort(codes_.begin(), codes_.end());
  BuildIndex(&names, common);
  return Status::OK();
}

Status Gazetteer::ParseEntry(std::string_view line, std::vector<RawName>* names) {
  const auto f = SplitFields(line, '\t');
  GazEntry e;
  if (f.size() != kColumns || !ParseNumber(f[0], &e.id) || f[1].empty() || f[2].size() > 2 ||
      !ParseDouble(f[3], &e.lat) || !ParseDouble(f[4], &e.lon) ||
      !ParseNumber(f[5], &e.population) || f[7].empty() || std::abs(e.lat) > 90 ||
      std::abs(e.lon) > 180) {
    return Status::Corruption("gazetteer: bad entry line " + std::to_string(entries_.size() + 1));
  }
  e.feature = f[1];
  std::memcpy(e.cc, f[2].data(), f[2].size());
  e.kind = KindOf(f[1]);
  e.admin1 = f[6];
  e.name = f[7];
  const auto index = static_cast<uint32_t>(entries_.size());
  entries_.push_back(e);
  if (!f[8].empty()) {
    for (const std::string_view code : SplitFields(f[8], '|')) codes_.emplace_back(code, index);
  }
  AddNames(f[9], index, true, names);
  AddNames(f[10], index, false, names);
  return Status::OK();
}

void Gazetteer::AddNames(std::string_view list, uint32_t entry, bool primary,
                         std::vector<RawName>* names) {
  if (list.empty()) return;
  for (const std::string_view name : SplitFields(list, '|')) {
    std::string key = NameKey(name);
    if (key.size() < 2) continue;
    uint32_t posting =
        entry | (primary ? kPrimaryBit : 0) | (IsAcronymName(name) ? kAcronymBit : 0);
    names->push_back(RawName{std::move(key), posting});
  }
}

void Gazetteer::BuildIndex(std::vector<RawName>* names, const std::vector<std::string>& common) {
  std::sort(names->begin(), names->end(), [](const RawName& a, const RawName& b) {
    if (a.key != b.key) return a.key < b.key;
    return (a.posting & kEntryMask) < (b.posting & kEntryMask);
  });
  std::vector<std::string> prefixes;
  size_t i = 0;
  while (i < names->size()) {
    const std::string& key = (*names)[i].key;
    const auto first = static_cast<uint32_t>(postings_.size());
    for (; i < names->size() && (*names)[i].key == key; ++i) {
      const uint32_t p = (*names)[i].posting;
      if (postings_.size() > first && (postings_.back() & kEntryMask) == (p & kEntryMask)) {
        uint32_t& last = postings_.back();
        last = (last | (p & kPrimaryBit)) & (p | ~kAcronymBit);
      } else {
        postings_.push_back(p);
      }
    }
    const bool is_common = std::binary_search(common.begin(), common.end(), key);
    InsertKey(key, first, static_cast<uint32_t>(postings_.size()) - first,
              kIsName | (is_common ? kIsCommon : 0));
    for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1)) {
      prefixes.push_back(key.substr(0, sp));
    }
  }
  names->clear();
  names->shrink_to_fit();
  for (const std::string& p : prefixes) InsertKey(p, 0, 0, kIsPrefix);
}

int64_t Gazetteer::Slot(std::string_view key) const {
  if (slots_.empty()) return -1;
  const size_t mask = slots_.size() - 1;
  const uint64_t h = HashKey(key);
  const uint64_t tag = h >> 32;
  for (size_t s = h & mask;; s = (s + 1) & mask) {
    const uint64_t v = slots_[s];
    if (v == 0) return -1 - static_cast<int64_t>(s);
    if ((v >> 32) != tag) continue;
    const Key& k = key_table_[(v & 0xFFFFFFFFu) - 1];
    if (std::string_view(keys_).substr(k.offset, k.length) == key) return static_cast<int64_t>(s);
  }
}

void Gazetteer::InsertKey(std::string_view key, uint32_t first, uint32_t count, uint8_t flags) {
  if (slots_.empty()) slots_.assign(1u << 21, 0);
  if ((key_table_.size() + 1) * 2 > slots_.size()) {
    std::vector<uint64_t> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, 0);
    for (const uint64_t v : old) {
      if (v == 0) continue;
      const Key& k = key_table_[(v & 0xFFFFFFFFu) - 1];
      const int64_t s = Slot(std::string_view(keys_).substr(k.offset, k.length));
      slots_[static_cast<size_t>(-1 - s)] = v;
    }
  }
  const int64_t s = Slot(key);
  if (s >= 0) {
    Key& k = key_table_[(slots_[static_cast<size_t>(s)] & 0xFFFFFFFFu) - 1];
    k.flags |= flags;
    if (count > 0) {
      k.first = first;
      k.count = count;
    }
    return;
  }
  Key k{static_cast<uint32_t>(keys_.size()), static_cast<uint32_t>(key.size()), first, count,
        flags};
  keys_.append(key);
  key_table_.push_back(k);
  slots_[static_cast<size_t>(-1 - s)] = (HashKey(key) >> 32 << 32) | key_table_.size();
}

bool Gazetteer::Find(std::string_view key, Lookup* out) const {
  const int64_t s = Slot(key);
  if (s < 0) return false;
  const Key& k = key_table_[(slots_[static_cast<size_t>(s)] & 0xFFFFFFFFu) - 1];
  out->flags = k.flags;
  out->postings = std::span<const uint32_t>(postings_.data() + k.first, k.count);
  return true;
}

int32_t Gazetteer::CountryByCode(std::string_view code) const {
  if (code.size() != 2 && code.size() != 3) return -1;
  std::string upper(code);
  for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  const auto it = std::lower_bound(codes_.begin(), codes_.end(), std::make_pair(upper, 0u));
  if (it == codes_.end() || it->first != upper) return -1;
  return static_cast<int32_t>(it->second);
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
    state.status = Gazetteer::Parse(std::string_view(begin, size), &state.gazetteer);
  });
  return state;
}

}  // namespace

const Gazetteer* Gazetteer::Embedded() { return GetEmbedded().gazetteer.get(); }

Status Gazetteer::EmbeddedStatus() { return GetEmbedded().status; }

}  // namespace dateline::places
