// Fold(): NFC, full case folding, removal of diacritics (see doc/analysis.md).
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "dateline/text.h"
#include "text/fold_internal.h"

namespace dateline::text {
namespace internal {
namespace {

// The ICU normalisers are immutable singletons owned by ICU: fetch them once.
struct Normalizers {
  const UNormalizer2* nfd = nullptr;
  const UNormalizer2* nfc = nullptr;
};

const Normalizers& GetNormalizers() {
  static const Normalizers kNorms = [] {
    Normalizers n;
    UErrorCode err = U_ZERO_ERROR;
    n.nfd = unorm2_getNFDInstance(&err);
    err = U_ZERO_ERROR;
    n.nfc = unorm2_getNFCInstance(&err);
    return n;
  }();
  return kNorms;
}

// Scratch UTF-16 buffers reused by every Fold call of a thread.
struct Scratch {
  std::u16string a;
  std::u16string b;
};

Scratch& GetScratch() {
  thread_local Scratch scratch;
  return scratch;
}

// Makes room for at least `n` UTF-16 units without shrinking.
void Reserve(std::u16string* buf, size_t n) {
  if (buf->size() < n) buf->resize(n);
}

// Decodes UTF-8 into *dst; invalid bytes are dropped. Returns the length.
int32_t DecodeUtf8(std::string_view in, std::u16string* dst) {
  Reserve(dst, in.size() + 1);
  const auto* s = reinterpret_cast<const uint8_t*>(in.data());
  const int32_t n = static_cast<int32_t>(in.size());
  int32_t i = 0;
  int32_t len = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) continue;
    U16_APPEND_UNSAFE(dst->data(), len, c);
  }
  return len;
}

// Runs an ICU "preflighting" string function from src[0..len) into *dst.
template <typename Fn>
int32_t RunIcu(Fn fn, const std::u16string& src, int32_t len, std::u16string* dst) {
  Reserve(dst, static_cast<size_t>(len) * 2 + 8);
  UErrorCode err = U_ZERO_ERROR;
  int32_t out = fn(src.data(), len, dst->data(), static_cast<int32_t>(dst->size()), &err);
  if (err == U_BUFFER_OVERFLOW_ERROR) {
    Reserve(dst, static_cast<size_t>(out) + 1);
    err = U_ZERO_ERROR;
    out = fn(src.data(), len, dst->data(), static_cast<int32_t>(dst->size()), &err);
  }
  return U_FAILURE(err) ? 0 : out;
}

bool InRange(UChar32 c, UChar32 lo, UChar32 hi) { return c >= lo && c <= hi; }

// Combining diacritics used by Latin, Greek and Cyrillic (after NFD).
bool IsGenericDiacritic(UChar32 c) {
  return InRange(c, 0x0300, 0x036F) || InRange(c, 0x1AB0, 0x1AFF) || InRange(c, 0x1DC0, 0x1DFF) ||
         InRange(c, 0x20D0, 0x20FF) || InRange(c, 0xFE20, 0xFE2F);
}

// Arabic harakat, Quranic annotation marks and superscript alef; Hebrew points.
bool IsArabicOrHebrewMark(UChar32 c) {
  return InRange(c, 0x064B, 0x065F) || c == 0x0670 || InRange(c, 0x0610, 0x061A) ||
         InRange(c, 0x06D6, 0x06DC) || InRange(c, 0x06DF, 0x06E8) || InRange(c, 0x06EA, 0x06ED) ||
         InRange(c, 0x0591, 0x05BD) || c == 0x05BF || c == 0x05C1 || c == 0x05C2 || c == 0x05C4 ||
         c == 0x05C5 || c == 0x05C7;
}

// Invisible characters that never matter for matching (tatweel, soft hyphen,
// zero-width space/joiners, word joiner, BOM).
bool IsIgnorable(UChar32 c) {
  return c == 0x0640 || c == 0x00AD || InRange(c, 0x200B, 0x200D) || c == 0x2060 || c == 0xFEFF;
}

// Cyrillic й (и + breve) and Ukrainian ї (і + diaeresis) are letters of their
// own, not accented letters: their mark is kept.
bool KeepsMark(UChar32 mark, UChar32 prev) {
  return (mark == 0x0306 && prev == 0x0438) || (mark == 0x0308 && prev == 0x0456);
}

// Maps one code point after decomposition; returns -1 to drop it.
UChar32 MapCodePoint(UChar32 c, UChar32 prev) {
  if (c < 0x80) return c;
  if (IsGenericDiacritic(c)) return KeepsMark(c, prev) ? c : -1;
  if (IsArabicOrHebrewMark(c) || IsIgnorable(c)) return -1;
  switch (c) {
    case 0x0629:
      return 0x0647;  // ta marbuta -> ha
    case 0x0649:
      return 0x064A;  // alef maqsura -> ya
    case 0x0671:
      return 0x0627;  // alef wasla -> alef
    case 0x2018:
    case 0x2019:
    case 0x02BC:
      return '\'';  // typographic apostrophes
    default:
      break;
  }
  if (u_charType(c) == U_DECIMAL_DIGIT_NUMBER) {
    const int32_t d = u_charDigitValue(c);
    if (d >= 0 && d <= 9) return '0' + d;
  }
  return c;
}

// Filters src[0..len) into *dst with MapCodePoint. Returns the new length.
int32_t StripMarks(const std::u16string& src, int32_t len, std::u16string* dst) {
  Reserve(dst, static_cast<size_t>(len) + 1);
  int32_t i = 0;
  int32_t out = 0;
  UChar32 prev = 0;
  while (i < len) {
    UChar32 c;
    U16_NEXT_UNSAFE(src.data(), i, c);
    const UChar32 m = MapCodePoint(c, prev);
    if (m < 0) continue;
    U16_APPEND_UNSAFE(dst->data(), out, m);
    prev = m;
  }
  return out;
}

void EncodeUtf8(const std::u16string& src, int32_t len, std::string* out) {
  int32_t i = 0;
  while (i < len) {
    UChar32 c;
    U16_NEXT(src.data(), i, len, c);
    if (U_IS_SURROGATE(c)) continue;
    uint8_t bytes[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(bytes, n, c);
    out->append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(n));
  }
}

int32_t FoldCase(const UChar* src, int32_t len, UChar* dst, int32_t cap, UErrorCode* err) {
  return u_strFoldCase(dst, cap, src, len, U_FOLD_CASE_DEFAULT, err);
}

void AppendFoldedUnicode(std::string_view in, std::string* out) {
  const Normalizers& norms = GetNormalizers();
  Scratch& s = GetScratch();
  int32_t len = DecodeUtf8(in, &s.a);
  len = RunIcu(FoldCase, s.a, len, &s.b);
  auto nfd = [&norms](const UChar* src, int32_t n, UChar* dst, int32_t cap, UErrorCode* err) {
    return unorm2_normalize(norms.nfd, src, n, dst, cap, err);
  };
  len = RunIcu(nfd, s.b, len, &s.a);
  len = StripMarks(s.a, len, &s.b);
  UErrorCode err = U_ZERO_ERROR;
  if (unorm2_spanQuickCheckYes(norms.nfc, s.b.data(), len, &err) == len) {
    EncodeUtf8(s.b, len, out);
    return;
  }
  auto nfc = [&norms](const UChar* src, int32_t n, UChar* dst, int32_t cap, UErrorCode* e) {
    return unorm2_normalize(norms.nfc, src, n, dst, cap, e);
  };
  len = RunIcu(nfc, s.b, len, &s.a);
  EncodeUtf8(s.a, len, out);
}

// Folded forms of the non-ASCII words a thread met last: a word recurs, and
// ICU's case folding and normalisation cost far more than a lookup.
class FoldMemo {
 public:
  static constexpr size_t kMaxEntries = 1 << 16;
  static constexpr size_t kMaxKeyBytes = 64;  // longer strings are folded every time

  void Append(std::string_view in, std::string* out) {
    if (in.size() > kMaxKeyBytes) return AppendFoldedUnicode(in, out);
    auto it = map_.find(in);
    if (it == map_.end()) {
      if (map_.size() >= kMaxEntries) map_.clear();
      std::string folded;
      AppendFoldedUnicode(in, &folded);
      it = map_.emplace(std::string(in), std::move(folded)).first;
    }
    out->append(it->second);
  }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> map_;
};

// Folded forms of the two-byte UTF-8 characters (U+0080..U+07FF: Latin with
// accents, Greek, Cyrillic, Hebrew, Arabic), computed once with ICU. A character
// folds the same alone as inside a word unless it is a combining mark that is
// kept or composes with its neighbour; those are marked not local, and words
// with them take the ICU path.
class TwoByteFolds {
 public:
  TwoByteFolds() {
    for (UChar32 c = 0x80; c < 0x800; ++c) {
      Entry& e = entries_[static_cast<size_t>(c)];
      const bool mark = (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
      e.local = !mark || IsArabicOrHebrewMark(c) || IsIgnorable(c);
      if (!e.local) continue;
      char in[2] = {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
      std::string out;
      AppendFoldedUnicode(std::string_view(in, 2), &out);
      if (out.size() > sizeof(e.bytes)) {
        e.local = false;
        continue;
      }
      e.size = static_cast<uint8_t>(out.size());
      std::copy(out.begin(), out.end(), e.bytes);
    }
  }

  // Appends the fold of `s` if every character is ASCII or a local two-byte
  // one; otherwise leaves *out as it was and returns false.
  bool Append(std::string_view s, std::string* out) const {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const size_t n = s.size();
    // Folded into a buffer first (a two-byte character folds to at most 6
    // bytes): *out grows once, by the folded size, not by 3 * n.
    char stack[3 * 128];
    std::string heap;
    char* buf = stack;
    if (3 * n > sizeof stack) {
      heap.resize(3 * n);
      buf = heap.data();
    }
    char* dst = buf;
    for (size_t i = 0; i < n;) {
      const uint8_t b = p[i];
      if (b < 0x80) {
        *dst++ = static_cast<char>(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
        ++i;
        continue;
      }
      const bool two_byte = b >= 0xC2 && b <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80;
      const Entry* e = two_byte ? &entries_[(size_t{b} & 0x1F) << 6 | (p[i + 1] & 0x3F)] : nullptr;
      if (e == nullptr || !e->local) return false;
      std::memcpy(dst, e->bytes, sizeof e->bytes);  // fixed size: one move
      dst += e->size;
      i += 2;
    }
    out->append(buf, static_cast<size_t>(dst - buf));
    return true;
  }

 private:
  struct Entry {
    bool local = false;
    uint8_t size = 0;
    char bytes[6] = {};
  };
  std::array<Entry, 0x800> entries_{};
};

const TwoByteFolds& GetTwoByteFolds() {
  static const TwoByteFolds folds;
  return folds;
}

}  // namespace

void AppendFoldedIcu(std::string_view s, std::string* out) { AppendFoldedUnicode(s, out); }

bool IsAscii(std::string_view s) {
  for (const char ch : s) {
    if (static_cast<unsigned char>(ch) >= 0x80) return false;
  }
  return true;
}

void AppendAsciiLower(std::string_view s, std::string* out) {
  const size_t start = out->size();
  out->resize(start + s.size());
  char* dst = out->data() + start;
  for (size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    dst[i] = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + ('a' - 'A')) : ch;
  }
}

void AppendFolded(std::string_view s, std::string* out) {
  if (IsAscii(s)) {
    AppendAsciiLower(s, out);
  } else {
    if (GetTwoByteFolds().Append(s, out)) return;
    thread_local FoldMemo memo;
    memo.Append(s, out);
  }
}

}  // namespace internal

std::string Fold(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  internal::AppendFolded(utf8, &out);
  return out;
}

}  // namespace dateline::text
