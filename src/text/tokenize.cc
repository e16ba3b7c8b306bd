// Tokenize(): splits text into folded words (rules in doc/analysis.md).
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/text.h"
#include "text/fold_internal.h"

namespace dateline::text {
namespace {

constexpr size_t kMaxTermBytes = 64;
constexpr size_t kMaxUrlBytes = 1024;

// Character classes seen by the tokenizer.
enum class Cls : uint8_t { kSep, kWord, kCont, kCjk, kHyphen, kApos, kDot, kComma };

constexpr std::array<Cls, 128> MakeAsciiTable() {
  std::array<Cls, 128> t{};
  for (int c = 0; c < 128; ++c) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    t[c] = alnum ? Cls::kWord : Cls::kSep;
  }
  t['-'] = Cls::kHyphen;
  t['\''] = Cls::kApos;
  t['.'] = Cls::kDot;
  t[','] = Cls::kComma;
  return t;
}

constexpr std::array<Cls, 128> kAsciiCls = MakeAsciiTable();

// Per byte: an ASCII letter or digit (the fast path's word bytes).
constexpr std::array<bool, 256> MakeAsciiWordTable() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 128; ++c) t[c] = kAsciiCls[c] == Cls::kWord;
  return t;
}

constexpr std::array<bool, 256> kAsciiWord = MakeAsciiWordTable();

bool IsCjk(UChar32 c) {
  UErrorCode err = U_ZERO_ERROR;
  const UScriptCode sc = uscript_getScript(c, &err);
  return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA;
}

Cls ClassifyNonAscii(UChar32 c) {
  switch (c) {
    case 0x2019:
      return Cls::kApos;
    case 0x2010:
    case 0x2011:
      return Cls::kHyphen;
    case 0x00AD:
    case 0x200C:
    case 0x200D:
      return Cls::kCont;
    default:
      break;
  }
  if (u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) {
    return (c >= 0x2E80 && IsCjk(c)) ? Cls::kCjk : Cls::kWord;
  }
  const int8_t type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK) {
    return Cls::kCont;
  }
  return Cls::kSep;
}

// Class of a non-ASCII character (low 3 bits) and whether it is a decimal
// digit (kDigitBit): ICU's answers, looked up in pages of 256 code points of
// the Basic Multilingual Plane, each filled on first use and then shared by
// all threads (ICU's property lookups dominated tokenising).
constexpr uint8_t kDigitBit = 8;
static_assert(static_cast<int>(Cls::kComma) < kDigitBit);

uint8_t ComputeInfo(UChar32 c) {
  return static_cast<uint8_t>(static_cast<uint8_t>(ClassifyNonAscii(c)) |
                              (u_isdigit(c) ? kDigitBit : 0));
}

struct InfoPage {
  std::array<uint8_t, 256> info;
};

std::array<std::atomic<const InfoPage*>, 256> g_info_pages{};

const InfoPage* FillPage(UChar32 page) {
  auto fresh = std::make_unique<InfoPage>();
  for (UChar32 k = 0; k < 256; ++k) fresh->info[k] = ComputeInfo((page << 8) | k);
  const InfoPage* expected = nullptr;
  // Another thread may have filled it meanwhile: keep the first, identical anyway.
  if (g_info_pages[page].compare_exchange_strong(expected, fresh.get(),
                                                 std::memory_order_acq_rel)) {
    return fresh.release();  // lives as long as the program, reachable from the table
  }
  return expected;
}

inline uint8_t NonAsciiInfo(UChar32 c) {
  if (c >= 0x10000) return ComputeInfo(c);
  const InfoPage* p = g_info_pages[c >> 8].load(std::memory_order_acquire);
  if (p == nullptr) p = FillPage(c >> 8);
  return p->info[c & 0xFF];
}

inline Cls Classify(UChar32 c) {
  if (c < 0) return Cls::kSep;  // invalid UTF-8
  if (c < 0x80) return kAsciiCls[c];
  return static_cast<Cls>(NonAsciiInfo(c) & 7);
}

// Decodes the code point at *i and advances; negative for invalid bytes.
inline UChar32 Next(const uint8_t* s, int32_t* i, int32_t n) {
  UChar32 c = s[*i];
  if (c < 0x80) {
    ++*i;
    return c;
  }
  U8_NEXT(s, *i, n, c);
  return c;
}

// A run of word characters (letters, digits, marks inside words).
struct Piece {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t chars = 0;
  bool ascii = true;
  bool digits = true;  // all characters are decimal digits
};

// A word after numbers, dates, acronyms and apostrophes were merged.
struct Unit {
  enum Kind : uint8_t { kWord, kNumber, kAcronym };
  std::string term;
  uint32_t begin = 0;
  uint32_t end = 0;
  Kind kind = kWord;
  bool letter = false;
};

struct Scratch {
  std::vector<Piece> pieces;
  std::string joins;  // joins[k] connects pieces[k] and pieces[k + 1]
  std::vector<Unit> units;
  std::string unit_joins;  // '-', '\'' or ' ' (hard break)
  std::vector<Unit> words;
  std::string word_joins;  // '-' or ' '
};

class Tokenizer {
 public:
  Tokenizer(std::string_view text, std::vector<Token>* out, uint32_t pos)
      : s_(reinterpret_cast<const uint8_t*>(text.data())),
        n_(static_cast<int32_t>(std::min<size_t>(text.size(), 0x7fffffff))),
        out_(out),
        pos_(pos) {}

  uint32_t Run();

 private:
  int32_t ScanPiece(int32_t i, Piece* p) const;
  int32_t ScanChunk(int32_t i);
  int32_t MatchUrl(int32_t i) const;
  int32_t MatchEmail(int32_t i) const;
  void EmitSpecial(int32_t begin, int32_t end, size_t max_bytes);
  void EmitChunk();
  void EmitAsciiWord(int32_t begin, int32_t end);
  void BuildUnits();
  void MergeApostrophes();
  void EmitGroups();
  void EmitGroup(size_t first, size_t last);
  bool Emit(std::string term, uint32_t position, uint32_t begin, uint32_t end);
  Unit MakeUnit(const Piece& p) const;
  void AppendPieceFolded(const Piece& p, std::string* out) const;
  std::string_view View(uint32_t b, uint32_t e) const {
    return {reinterpret_cast<const char*>(s_) + b, e - b};
  }

  const uint8_t* s_;
  int32_t n_;
  std::vector<Token>* out_;
  uint32_t pos_;
  Scratch sc_;
};

int32_t Tokenizer::ScanPiece(int32_t i, Piece* p) const {
  p->begin = static_cast<uint32_t>(i);
  while (i < n_) {
    int32_t j = i;
    const UChar32 c = Next(s_, &j, n_);
    Cls k;
    bool digit;
    if (c < 0) {
      break;  // invalid UTF-8 separates
    } else if (c < 0x80) {
      k = kAsciiCls[c];
      digit = c >= '0' && c <= '9';
    } else {
      const uint8_t info = NonAsciiInfo(c);
      k = static_cast<Cls>(info & 7);
      digit = (info & kDigitBit) != 0;
    }
    if (k != Cls::kWord && k != Cls::kCont) break;
    if (c >= 0x80) p->ascii = false;
    if (!digit && k == Cls::kWord) p->digits = false;
    if (k == Cls::kWord) ++p->chars;
    i = j;
  }
  p->end = static_cast<uint32_t>(i);
  return i;
}

char JoinChar(Cls k) {
  switch (k) {
    case Cls::kHyphen:
      return '-';
    case Cls::kApos:
      return '\'';
    case Cls::kDot:
      return '.';
    case Cls::kComma:
      return ',';
    default:
      return 0;
  }
}

// Reads pieces joined by single connectors; returns the end of the chunk.
int32_t Tokenizer::ScanChunk(int32_t i) {
  sc_.pieces.clear();
  sc_.joins.clear();
  for (;;) {
    Piece p;
    i = ScanPiece(i, &p);
    sc_.pieces.push_back(p);
    if (i >= n_) break;
    int32_t j = i;
    const char join = JoinChar(Classify(Next(s_, &j, n_)));
    if (join == 0 || j >= n_) break;
    int32_t m = j;
    if (Classify(Next(s_, &m, n_)) != Cls::kWord) break;
    sc_.joins.push_back(join);
    i = j;
  }
  return i;
}

bool StartsWithNoCase(const uint8_t* s, int32_t n, int32_t i, std::string_view prefix) {
  if (n - i < static_cast<int32_t>(prefix.size())) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    uint8_t c = s[i + static_cast<int32_t>(k)];
    if (c >= 'A' && c <= 'Z') c = static_cast<uint8_t>(c + 32);
    if (c != static_cast<uint8_t>(prefix[k])) return false;
  }
  return true;
}

bool IsUrlStop(uint8_t c) {
  return c <= 0x20 || c == '"' || c == '<' || c == '>' || c == '{' || c == '}' || c == '|' ||
         c == '\\' || c == '^' || c == '`' || c == 0x7f;
}

bool IsUrlTrail(uint8_t c) { return std::strchr(".,;:!?'\")]}", c) != nullptr && c != 0; }

// Returns the end of a URL starting at i, or 0.
int32_t Tokenizer::MatchUrl(int32_t i) const {
  int32_t start = 0;
  if (StartsWithNoCase(s_, n_, i, "http://")) start = i + 7;
  if (StartsWithNoCase(s_, n_, i, "https://")) start = i + 8;
  if (StartsWithNoCase(s_, n_, i, "www.")) start = i + 4;
  if (start == 0 || start >= n_ || kAsciiCls[s_[start] & 0x7f] != Cls::kWord) return 0;
  int32_t j = start;
  while (j < n_) {
    if (s_[j] < 0x80) {
      if (IsUrlStop(s_[j])) break;
      ++j;
      continue;
    }
    int32_t m = j;
    const Cls k = Classify(Next(s_, &m, n_));
    if (k != Cls::kWord && k != Cls::kCont) break;
    j = m;
  }
  while (j > start && IsUrlTrail(s_[j - 1])) --j;
  return j;
}

bool IsAsciiAlnum(uint8_t c) { return c < 0x80 && kAsciiCls[c] == Cls::kWord; }

bool IsEmailLocal(uint8_t c) {
  return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

// Returns the end of an e-mail address starting at i, or 0.
int32_t Tokenizer::MatchEmail(int32_t i) const {
  int32_t j = i;
  while (j < n_ && IsEmailLocal(s_[j])) ++j;
  if (j == i || j + 1 >= n_ || s_[j] != '@' || s_[j - 1] == '.') return 0;
  int32_t k = j + 1;
  while (k < n_ && (IsAsciiAlnum(s_[k]) || s_[k] == '-' || s_[k] == '.')) ++k;
  while (k > j + 1 && (s_[k - 1] == '.' || s_[k - 1] == '-')) --k;
  bool dot = false;
  for (int32_t m = j + 2; m + 1 < k; ++m) dot = dot || (s_[m] == '.' && s_[m - 1] != '.');
  return (dot && IsAsciiAlnum(s_[j + 1])) ? k : 0;
}

bool Tokenizer::Emit(std::string term, uint32_t position, uint32_t begin, uint32_t end) {
  if (term.empty() || term.size() > kMaxTermBytes) return false;
  out_->push_back(Token{std::move(term), position, begin, end});
  return true;
}

void Tokenizer::EmitSpecial(int32_t begin, int32_t end, size_t max_bytes) {
  std::string term;
  internal::AppendFolded(View(static_cast<uint32_t>(begin), static_cast<uint32_t>(end)), &term);
  if (term.empty() || term.size() > max_bytes) return;
  out_->push_back(
      Token{std::move(term), pos_++, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
}

void Tokenizer::AppendPieceFolded(const Piece& p, std::string* out) const {
  if (p.ascii) {
    internal::AppendAsciiLower(View(p.begin, p.end), out);
  } else {
    internal::AppendFolded(View(p.begin, p.end), out);
  }
}

Unit Tokenizer::MakeUnit(const Piece& p) const {
  Unit u;
  AppendPieceFolded(p, &u.term);
  u.begin = p.begin;
  u.end = p.end;
  u.kind = p.digits ? Unit::kNumber : (p.chars == 1 ? Unit::kAcronym : Unit::kWord);
  u.letter = !p.digits;
  return u;
}

bool IsIsoDate(const std::vector<Piece>& p, const std::string& joins, size_t k) {
  if (k + 2 >= p.size() || joins[k] != '-' || joins[k + 1] != '-') return false;
  auto digits = [&p](size_t i, uint32_t len) {
    return p[i].digits && p[i].ascii && p[i].end - p[i].begin == len;
  };
  return digits(k, 4) && digits(k + 1, 2) && digits(k + 2, 2);
}

// Merges numbers ("1,000.5"), ISO dates and dotted acronyms ("U.S.") into units.
void Tokenizer::BuildUnits() {
  const auto& pieces = sc_.pieces;
  auto& units = sc_.units;
  units.clear();
  sc_.unit_joins.clear();
  units.push_back(MakeUnit(pieces[0]));
  for (size_t k = 0; k < sc_.joins.size(); ++k) {
    const char j = sc_.joins[k];
    const Piece& next = pieces[k + 1];
    Unit& last = units.back();
    const bool fresh = last.begin == pieces[k].begin && last.end == pieces[k].end;
    if ((j == '.' || j == ',') && last.kind == Unit::kNumber && next.digits) {
      last.term.push_back(j);
      AppendPieceFolded(next, &last.term);
      last.end = next.end;
    } else if (j == '.' && last.kind == Unit::kAcronym && next.chars == 1 && !next.digits) {
      AppendPieceFolded(next, &last.term);
      last.end = next.end;
    } else if (fresh && IsIsoDate(pieces, sc_.joins, k)) {
      last.term.push_back('-');
      AppendPieceFolded(next, &last.term);
      last.term.push_back('-');
      AppendPieceFolded(pieces[k + 2], &last.term);
      last.end = pieces[k + 2].end;
      last.kind = Unit::kWord;
      ++k;
    } else {
      sc_.unit_joins.push_back((j == '-' || j == '\'') ? j : ' ');
      units.push_back(MakeUnit(next));
    }
  }
}

bool IsElision(std::string_view t) {
  static constexpr std::string_view kElisions[] = {
      "l",    "d",     "j",      "qu",     "n",      "s",     "c",    "m",
      "t",    "jusqu", "lorsqu", "puisqu", "quoiqu", "dell",  "dall", "nell",
      "sull", "all",   "coll",   "un",     "quest",  "quell", "gl"};
  for (const std::string_view e : kElisions) {
    if (t == e) return true;
  }
  return false;
}

// Applies elisions ("l'onu"), possessives ("haftar's") and keeps other
// apostrophe words whole ("don't").
void Tokenizer::MergeApostrophes() {
  auto& words = sc_.words;
  words.clear();
  sc_.word_joins.clear();
  words.push_back(std::move(sc_.units[0]));
  for (size_t k = 0; k < sc_.unit_joins.size(); ++k) {
    Unit& next = sc_.units[k + 1];
    const char j = sc_.unit_joins[k];
    Unit& last = words.back();
    if (j != '\'') {
      sc_.word_joins.push_back(j);
      words.push_back(std::move(next));
    } else if (last.kind != Unit::kNumber && IsElision(last.term)) {
      last = std::move(next);
    } else if (next.term == "s") {
      continue;
    } else {
      last.term.push_back('\'');
      last.term += next.term;
      last.end = next.end;
      last.letter = last.letter || next.letter;
      last.kind = Unit::kWord;
    }
  }
}

// Emits words[first..last): each part at its own position, and the joined
// compound (if two or more parts and one has a letter) at the first position.
void Tokenizer::EmitGroup(size_t first, size_t last) {
  auto& words = sc_.words;
  std::string joined;
  bool letter = false;
  if (last - first >= 2) {
    for (size_t i = first; i < last; ++i) {
      joined += words[i].term;
      letter = letter || words[i].letter;
    }
  }
  const bool want_joined = letter && joined.size() <= kMaxTermBytes;
  const uint32_t jb = words[first].begin;
  const uint32_t je = words[last - 1].end;
  bool joined_done = !want_joined;
  for (size_t i = first; i < last; ++i) {
    Unit& u = words[i];
    const uint32_t p = pos_;
    if (!Emit(std::move(u.term), p, u.begin, u.end)) continue;
    ++pos_;
    if (!joined_done) {
      Emit(std::move(joined), p, jb, je);
      joined_done = true;
    }
  }
}

void Tokenizer::EmitGroups() {
  size_t first = 0;
  for (size_t k = 0; k < sc_.word_joins.size(); ++k) {
    if (sc_.word_joins[k] == '-') continue;
    EmitGroup(first, k + 1);
    first = k + 1;
  }
  EmitGroup(first, sc_.words.size());
}

void Tokenizer::EmitChunk() {
  if (sc_.joins.empty()) {
    // One piece, the most common chunk: folded in place, into its token.
    const Piece& p = sc_.pieces[0];
    if (p.ascii && p.end - p.begin > kMaxTermBytes) return;  // folds to as many bytes
    Token& t = out_->emplace_back();
    AppendPieceFolded(p, &t.term);
    if (t.term.empty() || t.term.size() > kMaxTermBytes) {
      out_->pop_back();
      return;
    }
    t.position = pos_++;
    t.begin = p.begin;
    t.end = p.end;
    return;
  }
  BuildUnits();
  MergeApostrophes();
  EmitGroups();
}

// Emits the ASCII word [begin, end) lower-cased: the chunk that is one ASCII
// piece between separators, most of the words of most texts, taken without
// the pieces and units of the general path (same token).
inline void Tokenizer::EmitAsciiWord(int32_t begin, int32_t end) {
  const auto len = static_cast<size_t>(end - begin);
  if (len > kMaxTermBytes) return;
  Token& t = out_->emplace_back();
  t.term.resize(len);
  char* d = t.term.data();
  for (size_t k = 0; k < len; ++k) {
    const uint8_t ch = s_[begin + static_cast<int32_t>(k)];
    d[k] = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch);
  }
  t.position = pos_++;
  t.begin = static_cast<uint32_t>(begin);
  t.end = static_cast<uint32_t>(end);
}

uint32_t Tokenizer::Run() {
  int32_t i = 0;
  while (i < n_) {
    const uint8_t b0 = s_[i];
    if (kAsciiWord[b0]) {
      // Fast path: an ASCII word followed by a plain separator (no joiner, no
      // '@', no non-ASCII character) or the end, and no URL.
      int32_t e = i + 1;
      while (e < n_ && kAsciiWord[s_[e]]) ++e;
      const bool plain_end =
          e == n_ || (s_[e] < 0x80 && kAsciiCls[s_[e]] == Cls::kSep && s_[e] != '@');
      const uint8_t lb = b0 | 0x20;
      if (plain_end && !((lb == 'h' || lb == 'w') && MatchUrl(i) > i)) {
        EmitAsciiWord(i, e);
        i = e;
        continue;
      }
    }
    int32_t j = i;
    const UChar32 c = Next(s_, &j, n_);
    const Cls k = Classify(c);
    if (k == Cls::kCjk) {
      EmitSpecial(i, j, kMaxTermBytes);
    } else if (k == Cls::kWord) {
      const uint8_t b = s_[i] | 0x20;
      int32_t end = (b == 'h' || b == 'w') ? MatchUrl(i) : 0;
      if (end > i) {
        EmitSpecial(i, end, kMaxUrlBytes);
        i = end;
        continue;
      }
      end = ScanChunk(i);
      const int32_t mail = (end < n_ && s_[end] == '@') ? MatchEmail(i) : 0;
      if (mail > i) {
        EmitSpecial(i, mail, kMaxUrlBytes);
        i = mail;
        continue;
      }
      EmitChunk();
      i = end;
      continue;
    }
    i = j;
  }
  return pos_;
}

}  // namespace

uint32_t Tokenize(std::string_view utf8, std::vector<Token>* out, uint32_t first_position) {
  Tokenizer tokenizer(utf8, out, first_position);
  return tokenizer.Run();
}

}  // namespace dateline::text
