// FindQuotes(): direct quotes between paired quote marks of every style, and
// indirect quotes, with the speaker found around a reporting verb and
// resolved to an entity key. See doc/quotes.md.
#include "dateline/quotes.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <memory>

#include "dateline/annotate.h"
#include "extract/quotes_internal.h"

namespace dateline {

std::string_view QuoteKindName(QuoteKind k) {
  return k == QuoteKind::kDirect ? "direct" : "indirect";
}

namespace {

using quotes::Cue;
using quotes::Lexicon;

constexpr uint32_t kMaxQuoteBytes = 6000;  // longer "quotes" are unpaired marks
constexpr size_t kMaxDepth = 8;            // nested open marks kept
constexpr uint32_t kAnaphorBytes = 600;    // how far back a pronoun may look
constexpr uint32_t kRoleBytes = 2000;      // how far back a role noun may look

// ---------------------------------------------------------------- characters

// Decodes the code point at text[i]; an ill-formed sequence decodes as U+FFFD.
char32_t Decode(std::string_view t, size_t i, uint32_t* len) {
  const auto b = static_cast<unsigned char>(t[i]);
  *len = 1;
  if (b < 0x80) return b;
  const auto n = static_cast<int32_t>(std::min<size_t>(t.size(), INT32_MAX));
  auto j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(t.data(), j, n, c);
  *len = static_cast<uint32_t>(j - static_cast<int32_t>(i));
  return c < 0 ? char32_t{0xFFFD} : static_cast<char32_t>(c);
}

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xA0 || c == 0x202F ||
         c == 0x2009 || c == 0x2007 || c == 0x200B;
}

bool IsMarkChar(char32_t c) {
  switch (c) {
    case '"':
    case '\'':
    case 0xAB:  // «
    case 0xBB:  // »
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2039:  // ‹
    case 0x203A:  // ›
      return true;
    default:
      return false;
  }
}

bool IsPunct(char32_t c) {
  if (c < 0x80) return c != '-' && c != '_' && !std::isalnum(static_cast<int>(c)) && c > ' ';
  return c == 0x2013 || c == 0x2014 || c == 0x2026 || c == 0xBF || c == 0xA1;
}

bool IsWordChar(char32_t c) { return !IsSpace(c) && !IsMarkChar(c) && !IsPunct(c); }

bool IsUpperStart(std::string_view s) {
  if (s.empty()) return false;
  const auto b = static_cast<unsigned char>(s[0]);
  if (b < 0x80) return std::isupper(b) || std::isdigit(b);
  uint32_t len;
  const char32_t c = Decode(s, 0, &len);
  return (c >= 0xC0 && c <= 0xDE) || (c >= 0x391 && c <= 0x42F);
}

// ---------------------------------------------------------------- tokens

enum class Kind : uint8_t { kWord, kPunct, kMark };

struct Tok {
  uint32_t start = 0, end = 0;
  Kind kind = Kind::kWord;
  bool nl_before = false;  // a line break lies between this token and the previous one
  char32_t cp = 0;         // for marks and one-character punctuation
  int32_t entity = -1;     // index of the entity covering the token
  Cue cue = Cue::kNone;    // the lexicon cue starting here (Finder::Lookup)
  uint8_t cue_len = 1;     // its length in tokens
  bool sent_end = false;   // a sentence ends with this token
  std::string_view low;    // a word in lower case (ASCII), ’ as ', in Finder::lows_
};

// The character before byte i (its first byte found by skipping continuation bytes).
char32_t Before(std::string_view t, size_t i) {
  if (i == 0) return ' ';
  size_t k = i - 1;
  while (k > 0 && (static_cast<unsigned char>(t[k]) & 0xC0) == 0x80 && i - k < 4) --k;
  uint32_t len;
  return Decode(t, k, &len);
}

// Apostrophe, not a quote mark: between letters (don't, l’homme), or a Dutch
// clitic at the start of a word ('s avonds, 't).
bool IsApostrophe(std::string_view t, size_t i, uint32_t len, char32_t c) {
  if (c != '\'' && c != 0x2019) return false;
  uint32_t l = 0;
  const bool after_word = i > 0 && IsWordChar(Before(t, i));
  const size_t j = i + len;
  const bool before_word = j < t.size() && IsWordChar(Decode(t, j, &l));
  if (after_word && before_word) return true;
  if (!after_word && j < t.size() && (t[j] == 's' || t[j] == 't' || t[j] == 'n') &&
      (j + 1 == t.size() || t[j + 1] == ' ')) {
    return true;
  }
  return false;
}

// Writes `s` in lower case (ASCII letters), with ’ as ', to `out` (room for
// s.size() bytes); returns the length written.
size_t LowerInto(std::string_view s, char* out) {
  char* o = out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (static_cast<unsigned char>(c - 'A') < 26) {
      c = static_cast<char>(c + 32);
    } else if (c == '\xE2' && s.substr(i, 3) == "\u2019") {
      c = '\'';
      i += 2;
    }
    *o++ = c;
  }
  return static_cast<size_t>(o - out);
}

std::string Lower(std::string_view s) {
  std::string out(s.size(), ' ');
  out.resize(LowerInto(s, out.data()));
  return out;
}

// ASCII byte classes for the tokenizer's fast path.
enum ByteClass : uint8_t { kWordByte, kSpaceByte, kPunctByte, kQuoteByte, kHighByte };

const std::array<uint8_t, 256> kByteClass = [] {
  std::array<uint8_t, 256> c{};
  for (int b = 0; b < 256; ++b) {
    if (b >= 0x80) {
      c[b] = kHighByte;
    } else if (b == '"' || b == '\'') {
      c[b] = kQuoteByte;
    } else if (IsSpace(static_cast<char32_t>(b))) {
      c[b] = kSpaceByte;
    } else if (IsPunct(static_cast<char32_t>(b))) {
      c[b] = kPunctByte;
    } else {
      c[b] = kWordByte;
    }
  }
  return c;
}();

bool DigitAround(std::string_view t, size_t i) {
  return i > 0 && i + 1 < t.size() && std::isdigit(static_cast<unsigned char>(t[i - 1])) &&
         std::isdigit(static_cast<unsigned char>(t[i + 1]));
}

// The end of the word starting at byte i (digits with a dot and apostrophes
// between letters stay inside).
size_t WordEnd(std::string_view t, size_t i) {
  while (i < t.size()) {
    const auto b = static_cast<unsigned char>(t[i]);
    const uint8_t cls = kByteClass[b];
    if (cls == kWordByte || (b == '.' && DigitAround(t, i)) ||
        (b == '\'' && IsApostrophe(t, i, 1, b))) {
      ++i;
      continue;
    }
    if (cls != kHighByte) break;
    uint32_t len;
    const char32_t d = Decode(t, i, &len);
    if (!(IsWordChar(d) || (IsMarkChar(d) && IsApostrophe(t, i, len, d)))) break;
    i += len;
  }
  return i;
}

// The tokens of `t`; their lower-case forms are written to `lows` (t.size() bytes).
std::vector<Tok> Tokenize(std::string_view t, char* lows) {
  std::vector<Tok> out;
  out.reserve(t.size() / 5);
  bool nl = false;
  size_t i = 0;
  while (i < t.size()) {
    const auto b = static_cast<unsigned char>(t[i]);
    uint32_t len = 1;
    const char32_t c = b < 0x80 ? b : Decode(t, i, &len);
    if (kByteClass[b] == kSpaceByte || (b >= 0x80 && IsSpace(c))) {
      nl |= c == '\n';
      i += len;
      continue;
    }
    Tok tok;
    tok.start = static_cast<uint32_t>(i);
    tok.nl_before = nl;
    nl = false;
    if (IsMarkChar(c) && !IsApostrophe(t, i, len, c)) {
      tok.kind = Kind::kMark;
      tok.cp = c;
      i += len;
    } else if (IsPunct(c) && !(c == '.' && DigitAround(t, i))) {
      tok.kind = Kind::kPunct;
      tok.cp = c;
      i += len;
    } else {
      i = WordEnd(t, i + len);
      char* low = lows + tok.start;  // never longer than the word
      tok.low = std::string_view(low, LowerInto(t.substr(tok.start, i - tok.start), low));
    }
    tok.end = static_cast<uint32_t>(i);
    out.push_back(std::move(tok));
  }
  return out;
}

bool IsAbbreviation(const Tok& w) {
  static const char* const kAbbr[] = {
      "mr", "mrs", "ms", "dr",  "st",  "gen", "col", "lt", "sgt", "prof", "mme", "dhr", "mevr",
      "hr", "fr",  "sr", "sra", "sig", "jr",  "no",  "nr", "vs",  "gov",  "rep", "sen", "capt"};
  if (w.kind != Kind::kWord) return false;
  if (w.end - w.start == 1) return true;  // an initial
  for (const char* a : kAbbr) {
    if (w.low == a) return true;
  }
  return false;
}

// True when a sentence ends with toks[i].
bool EndsSentence(const std::vector<Tok>& toks, size_t i, std::string_view t) {
  const Tok& k = toks[i];
  if (i + 1 < toks.size() && toks[i + 1].nl_before) return true;
  if (k.kind != Kind::kPunct) return false;
  if (k.cp != '.' && k.cp != '!' && k.cp != '?' && k.cp != 0x2026) return false;
  if (k.cp == '.' && i > 0 && IsAbbreviation(toks[i - 1])) return false;
  if (i + 1 == toks.size()) return true;
  const Tok& n = toks[i + 1];
  return n.kind == Kind::kMark || IsUpperStart(t.substr(n.start));
}

// ---------------------------------------------------------------- context

struct Speaker {
  uint32_t start = 0, end = 0;
  std::string key;
  bool found = false;
  bool words = false;  // named by words no rule knows ("a witness"): never resolved
};

class Finder {
 public:
  Finder(std::string_view text, std::string_view lang, const std::vector<Entity>& entities)
      : t_(text),
        lows_(new char[text.size()]),
        lex_(quotes::LexiconFor(lang)),
        german_(lang == "de"),
        english_(lang == "en"),
        verb_second_(lang == "nl" || lang == "de"),
        ents_(entities),
        toks_(Tokenize(text, lows_.get())) {
    MarkEntities();
    for (size_t i = 0; i < toks_.size(); ++i) {
      size_t n = 1;
      toks_[i].cue = Lookup(i, &n);
      toks_[i].cue_len = static_cast<uint8_t>(std::min<size_t>(n, 255));
    }
    for (size_t i = 0; i < toks_.size(); ++i) toks_[i].sent_end = EndsSentence(toks_, i, t_);
  }

  std::vector<Quote> Run() {
    if (lex_ != nullptr) FindIndirect();  // first, so that pronouns of direct quotes see them
    direct_begin_ = out_.size();
    FindDirect();
    std::sort(out_.begin(), out_.end(),
              [](const Quote& a, const Quote& b) { return a.start < b.start; });
    std::vector<Quote> kept;
    for (Quote& q : out_) {
      if (!kept.empty() && q.start < kept.back().end) continue;
      q.text = MentionText(t_, q.start, q.end);
      q.speaker = MentionText(t_, q.speaker_start, q.speaker_end);
      kept.push_back(std::move(q));
    }
    return kept;
  }

 private:
  // ------------------------------------------------------------ entities
  void MarkEntities() {
    std::vector<uint32_t>& order = by_start_;
    order.resize(ents_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return ents_[a].start < ents_[b].start; });
    size_t e = 0;
    for (Tok& k : toks_) {
      while (e < order.size() && ents_[order[e]].end <= k.start) ++e;
      if (e < order.size() && ents_[order[e]].start < k.end && k.kind == Kind::kWord) {
        k.entity = static_cast<int32_t>(order[e]);
      }
    }
  }

  // Calls f(entity) for the entities starting in [from, to), in text order.
  template <typename F>
  void ForEntities(uint32_t from, uint32_t to, F f) const {
    auto it = std::lower_bound(by_start_.begin(), by_start_.end(), from,
                               [&](uint32_t e, uint32_t at) { return ents_[e].start < at; });
    for (; it != by_start_.end() && ents_[*it].start < to; ++it) f(ents_[*it]);
  }

  // The last quote found so far ending at or before `at` (and after
  // `at - window`) for which pred(quote) holds; nullptr if none. Each of the
  // two runs of out_ (indirect quotes, then direct ones) is in text order.
  template <typename P>
  const Quote* LastBefore(uint32_t at, uint32_t window, P pred) const {
    const Quote* best = nullptr;
    const size_t runs[3] = {0, direct_begin_, out_.size()};
    for (int r = 0; r < 2; ++r) {
      auto first = out_.begin() + static_cast<ptrdiff_t>(runs[r]);
      auto it = std::upper_bound(first, out_.begin() + static_cast<ptrdiff_t>(runs[r + 1]), at,
                                 [](uint32_t x, const Quote& q) { return x < q.end; });
      while (it != first) {
        --it;
        if (at - it->end > window) break;
        if (!pred(*it)) continue;
        if (best == nullptr || it->end > best->end) best = &*it;
        break;
      }
    }
    return best;
  }

  bool Speaks(int32_t e) const {
    return e >= 0 && ents_[static_cast<size_t>(e)].type != EntityType::kMisc &&
           !ents_[static_cast<size_t>(e)].key.empty();
  }

  Speaker FromEntity(int32_t e) const {
    const Entity& x = ents_[static_cast<size_t>(e)];
    return {x.start, x.end, x.key, true};
  }

  // The cue starting at token i (and its length in tokens), kNone if none.
  Cue CueAt(size_t i, size_t* len) const {
    if (i >= toks_.size()) return *len = 1, Cue::kNone;
    *len = toks_[i].cue_len;
    return toks_[i].cue;
  }

  // CueAt, from the lexicon (once per token, in the constructor).
  Cue Lookup(size_t i, size_t* len) const {
    *len = 1;
    if (lex_ == nullptr || toks_[i].kind != Kind::kWord) return Cue::kNone;
    const std::string_view w = toks_[i].low;
    const std::vector<quotes::Entry>* found = lex_->Find(w);
    if (found == nullptr) {
      const bool elided = w.size() > 3 && w[2] == '\'' &&
                          ((w[0] == 'q' && w[1] == 'u') || (w[0] == 'c' && w[1] == 'h'));
      return elided ? Cue::kThat : Cue::kNone;  // qu'il, ch'è
    }
    Cue best = Cue::kNone;
    size_t best_len = 0;
    for (const quotes::Entry& en : *found) {
      size_t n = 1;
      std::string_view rest = en.rest;
      bool ok = true;
      while (!rest.empty()) {
        const size_t sp = rest.find(' ');
        const std::string_view word = rest.substr(0, sp);
        if (i + n >= toks_.size() || toks_[i + n].low != word) {
          ok = false;
          break;
        }
        ++n;
        rest = sp == std::string_view::npos ? "" : rest.substr(sp + 1);
      }
      if (ok && n > best_len) best = en.cue, best_len = n;
    }
    *len = std::max<size_t>(best_len, 1);
    return best;
  }

  Cue CueOf(size_t i) const {
    size_t n;
    return CueAt(i, &n);
  }

  bool IsClauseStop(const Tok& k) const {
    return k.kind == Kind::kMark ||
           (k.kind == Kind::kPunct && k.cp != ',' && k.cp != 0x2013 && k.cp != 0x2014);
  }

  // ------------------------------------------------------------ speakers

  // The role noun phrase ending with token r (determiner, adjectives,
  // possessor), resolved to the nearest earlier person named with that role.
  Speaker RoleSpeaker(size_t r, size_t lo) const {
    size_t s = r;
    while (s > lo && r - s < 4) {
      const Tok& p = toks_[s - 1];
      if (p.kind != Kind::kWord) break;
      const Cue c = CueOf(s - 1);
      if (c == Cue::kVerb || c == Cue::kPrep || c == Cue::kThat || c == Cue::kPronoun) break;
      if (p.entity < 0 && IsUpperStart(t_.substr(p.start)) && c != Cue::kDet) break;
      --s;
      if (c == Cue::kDet) break;
    }
    Speaker sp{toks_[s].start, toks_[r].end, "", true};
    // Apposition: "Lavrov, the foreign minister, said".
    if (s >= 2 && toks_[s - 1].cp == ',' && Speaks(toks_[s - 2].entity)) {
      return FromEntity(toks_[s - 2].entity);
    }
    sp.key = ResolveRole(toks_[r].low, sp.start);
    return sp;
  }

  std::string ResolveRole(std::string_view role, uint32_t before) const {
    const Entity* best = nullptr;
    ForEntities(before > kRoleBytes ? before - kRoleBytes : 0, before, [&](const Entity& e) {
      if (e.type != EntityType::kPer || e.end > before) return;
      const uint32_t a = e.start > 48 ? e.start - 48 : 0;
      const uint32_t b = std::min<uint32_t>(before, e.end + 48);
      if (Lower(t_.substr(a, b - a)).find(role) != std::string::npos) best = &e;
    });
    return best == nullptr ? "" : best->key;
  }

  // A pronoun (or a verb without subject) at byte `at`: the person it most
  // likely stands for, when that is safe: the speaker of the previous quote
  // with no other person named since, else the only person named just before.
  std::string ResolveAnaphor(uint32_t at, Speaker* mention) const {
    // The last quote before `at` with a speaker.
    const Quote* prev = LastBefore(at, kAnaphorBytes,
                                   [](const Quote& q) { return q.speaker_end > q.speaker_start; });
    if (prev != nullptr && prev->speaker_key.empty()) return "";
    const uint32_t from =
        prev != nullptr ? prev->speaker_end : (at > kAnaphorBytes ? at - kAnaphorBytes : 0);
    std::string only;
    bool many = false;
    ForEntities(from, at, [&](const Entity& e) {
      if (e.type != EntityType::kPer || e.end > at) return;
      if (prev != nullptr && e.key == prev->speaker_key) return;
      if (!only.empty() && only != e.key) many = true;
      only = e.key;
      if (mention != nullptr) *mention = {e.start, e.end, e.key, true};
    });
    if (prev != nullptr) {
      if (!only.empty()) return "";
      if (mention != nullptr) {
        *mention = {prev->speaker_start, prev->speaker_end, prev->speaker_key, true};
      }
      return prev->speaker_key;
    }
    return many ? "" : only;
  }

  Speaker PronounSpeaker(size_t k) const {
    Speaker sp{toks_[k].start, toks_[k].end, "", true};
    if (CueOf(k) == Cue::kPronoun) sp.key = ResolveAnaphor(toks_[k].start, nullptr);
    return sp;
  }

  bool IsConnector(size_t k) const {
    static const char* const kWords[] = {"of",  "for", "at",  "from",  "van",   "bij",  "voor",
                                         "der", "des", "von", "vom",   "de",    "du",   "della",
                                         "del", "di",  "dei", "degli", "delle", "dell'"};
    const std::string_view w = toks_[k].low;
    for (const char* c : kWords) {
      if (w == c) return true;
    }
    return false;
  }

  bool IsLowerWord(size_t k) const {
    return toks_[k].kind == Kind::kWord && !IsUpperStart(t_.substr(toks_[k].start)) &&
           toks_[k].entity < 0;
  }

  // Passive or impersonal: "it is said that", "er wordt gezegd".
  bool IsPassive(size_t v) const {
    static const char* const kAux[] = {"is",   "was",   "were", "been", "be", "wordt", "werd",
                                       "wird", "wurde", "est",  "fue",  "è",  "viene"};
    if (v == 0) return false;
    for (const char* a : kAux) {
      if (toks_[v - 1].low == a) return true;
    }
    return false;
  }

  // When the entity whose first token is f modifies a head noun before it
  // ("Ein Sprecher der Deutschen Bahn", "a spokesman for the LNA"): that noun
  // phrase, unresolved or resolved as a role; else nothing.
  Speaker HeadBefore(size_t f, size_t end_tok, size_t lo) const {
    size_t j = f;
    if (j > lo && !IsConnector(j - 1) && CueOf(j - 1) == Cue::kDet) --j;
    if (j < lo + 2 || !IsConnector(j - 1)) return {};
    const size_t head = j - 2;
    if (CueOf(head) == Cue::kRole) {
      Speaker r = RoleSpeaker(head, lo);
      if (r.key.empty()) r.end = toks_[end_tok].end;
      return r;
    }
    if (!IsLowerWord(head) || CueOf(head) != Cue::kNone) return {};
    size_t s = head;
    if (s > lo && CueOf(s - 1) == Cue::kDet) --s;
    return {toks_[s].start, toks_[end_tok].end, "", true, true};
  }

  // The subject before the verb at token v (not before token lo).
  Speaker SubjectBefore(size_t v, size_t lo) const {
    Speaker loc;
    if (IsPassive(v)) return {};
    for (size_t k = v; k > lo && v - k < 7;) {
      --k;
      const Tok& w = toks_[k];
      if (IsClauseStop(w)) break;
      if (w.kind != Kind::kWord) continue;
      if (Speaks(w.entity)) {
        size_t f = k;
        while (f > lo && toks_[f - 1].entity == w.entity) --f;
        if (Speaker h = HeadBefore(f, k, lo); h.found) return h;
        if (ents_[static_cast<size_t>(w.entity)].type != EntityType::kLoc) {
          return FromEntity(w.entity);
        }
        if (!loc.found && k + 1 == v) loc = FromEntity(w.entity);  // "Moscow said"
        k = f;
        continue;
      }
      const Cue c = CueOf(k);
      if (v - k <= 2 && (c == Cue::kPronoun || c == Cue::kOtherPronoun)) return PronounSpeaker(k);
      if (v - k <= 2 && c == Cue::kRole && !loc.found) return RoleSpeaker(k, lo);
    }
    return loc;
  }

  // The speaker after the verb or preposition ending before token v (until hi).
  Speaker SpeakerAfter(size_t v, size_t hi) const {
    Speaker per, org, loc, role;
    bool head = false;        // a noun before any name: "a spokesman", "una vecina"
    bool after_conn = false;  // ... followed by "of", "de", "van": names now modify it
    size_t k = v;
    for (; k < hi && k - v < 7; ++k) {
      const Tok& w = toks_[k];
      if (w.cp == ',' && !per.found && k + 1 < hi && Speaks(toks_[k + 1].entity) &&
          ents_[static_cast<size_t>(toks_[k + 1].entity)].type == EntityType::kPer) {
        return FromEntity(toks_[k + 1].entity);  // "dijo la portavoz de X, Inés Arrimadas"
      }
      if (IsClauseStop(w) || w.cp == ',') break;
      const Cue c = CueOf(k);
      if (k == v && (c == Cue::kPronoun || c == Cue::kOtherPronoun)) return PronounSpeaker(k);
      if (c == Cue::kRole) {
        if (!role.found) role = {toks_[v].start, w.end, ResolveRole(w.low, toks_[v].start), true};
        head = true;
        after_conn = false;
        continue;
      }
      if (Speaks(w.entity)) {
        const EntityType ty = ents_[static_cast<size_t>(w.entity)].type;
        const bool modifier = head && after_conn && (ty != EntityType::kPer || !per.found);
        Speaker* slot = ty == EntityType::kPer ? &per : ty == EntityType::kOrg ? &org : &loc;
        if (!modifier && !slot->found && (ty != EntityType::kLoc || k == v)) {
          *slot = FromEntity(w.entity);
        }
        while (k + 1 < hi && toks_[k + 1].entity == w.entity) ++k;
        after_conn = false;
        continue;
      }
      // Dutch and German put the verb right after the phrase ("volgens de
      // woordvoerder is ...", "zijn" both "his" and "are"): a second word not
      // after "van"/"der" ends it.
      if (verb_second_ && head && !after_conn && !IsConnector(k) && IsLowerWord(k)) break;
      if (IsConnector(k)) {
        after_conn = head;
      } else if (c != Cue::kDet && IsLowerWord(k)) {
        head = true;
        after_conn = false;
      }
    }
    for (const Speaker* s : {&per, &org, &role, &loc}) {
      if (s->found) return *s;
    }
    if (head)
      return {toks_[v].start, toks_[k - 1].end, "", true, true};  // "una vecina de Navalacruz"
    return {};
  }

  // The words after token v up to the clause's end (at most 6): a speaker
  // named in a way no rule knows ("una vecina de Navalacruz"), not resolved.
  Speaker Unknown(size_t v) const {
    size_t k = v;
    while (k < toks_.size() && k - v < 6 && toks_[k].kind == Kind::kWord &&
           (k == v || !toks_[k].nl_before)) {
      ++k;
    }
    if (k == v) return {};
    return {toks_[v].start, toks_[k - 1].end, "", true, true};
  }

  // A verb with no subject ("…", dijo): the person it most likely refers to.
  Speaker Implicit(size_t v) const {
    Speaker sp;
    const std::string key = ResolveAnaphor(toks_[v].start, &sp);
    if (key.empty()) return {};
    sp.key = key;
    return sp;
  }

  // French "ajoute-t-il": a verb with its subject pronoun.
  bool IsInvertedFrench(size_t k) const {
    const std::string_view w = toks_[k].low;
    for (std::string_view suf : {"-t-il", "-t-elle", "-il", "-elle"}) {
      if (w.size() > suf.size() && w.ends_with(suf)) {
        const auto* f = lex_->Find(w.substr(0, w.size() - suf.size()));
        if (f != nullptr && (*f)[0].cue == Cue::kVerb) return true;
      }
    }
    return false;
  }

  // Attribution after a closing mark: "…," said X / "…," X said / "…", so X.
  Speaker AfterQuote(size_t c) {
    size_t k = c + 1;
    while (k < toks_.size() && toks_[k].kind == Kind::kPunct &&
           (toks_[k].cp == ',' || toks_[k].cp == 0x2013 || toks_[k].cp == 0x2014)) {
      ++k;
    }
    if (k >= toks_.size() || toks_[k].nl_before || k > c + 2) return {};
    if (c + 1 < toks_.size() && toks_[c].sent_end) return {};
    const size_t lo = k;
    for (size_t v = k; v < toks_.size() && v - k < 8; ++v) {
      if (IsClauseStop(toks_[v]) || (v > k && toks_[v].nl_before)) break;
      size_t n;
      const Cue cue = CueAt(v, &n);
      if (cue == Cue::kSo && v != lo) continue;
      if (toks_[v].kind == Kind::kWord && lex_ != nullptr && IsInvertedFrench(v)) {
        return PronounSpeaker(v);
      }
      if (cue == Cue::kPost) return SubjectBefore(v, lo);
      if (cue != Cue::kVerb && cue != Cue::kPrep && cue != Cue::kSo) continue;
      Speaker s;
      if (v == lo || cue != Cue::kVerb) {
        s = SpeakerAfter(v + n, toks_.size());
        if (!s.found) s = Unknown(v + n);
      } else {
        s = SubjectBefore(v, lo);
        if (!s.found && v == lo + 1 && !english_)
          s = SpeakerAfter(v + n, toks_.size());                                // Dat zei X
        if (!s.found) s = {toks_[lo].start, toks_[v - 1].end, "", true, true};  // "a witness told"
      }
      if (!s.found) s = Implicit(v);
      s.found = true;
      return s;
    }
    return {};
  }

  // Attribution before an opening mark: X said: "…" / Selon X, « … ».
  Speaker BeforeQuote(size_t o, size_t lo, bool* any) {
    size_t begin = o;
    while (begin > lo && o - begin < 14 && !toks_[begin - 1].sent_end && !toks_[begin].nl_before &&
           toks_[begin - 1].kind != Kind::kMark) {
      --begin;
    }
    // Headline style: "Haftar: «…»".
    if (o >= begin + 2 && toks_[o - 1].cp == ':' && Speaks(toks_[o - 2].entity)) {
      const int32_t e = toks_[o - 2].entity;
      if (toks_[begin].entity == e) return *any = true, FromEntity(e);
    }
    for (size_t v = o; v > begin;) {
      --v;
      size_t n;
      const Cue cue = CueAt(v, &n);
      if (cue == Cue::kPrep) return *any = true, SpeakerAfter(v + n, o);
      if (cue == Cue::kPost) return *any = true, SubjectBefore(v, begin);
      if (cue != Cue::kVerb) continue;
      *any = true;
      Speaker s = SubjectBefore(v, begin);
      if (!s.found) s = Implicit(v);
      s.found = true;
      return s;
    }
    return {};
  }

  // ------------------------------------------------------------ direct quotes

  struct Open {
    size_t tok;
    char32_t cp;
  };

  static bool Closes(char32_t open, char32_t close) {
    switch (open) {
      case '"':
        return close == '"';
      case '\'':
        return close == '\'';
      case 0x201C:
        return close == 0x201D || close == 0x201C;
      case 0x201E:
        return close == 0x201C || close == 0x201D;
      case 0x201D:
      case 0x201F:
        return close == 0x201D;
      case 0xAB:
        return close == 0xBB;
      case 0xBB:
        return close == 0xAB;
      case 0x2039:
        return close == 0x203A;
      case 0x203A:
        return close == 0x2039;
      case 0x2018:
        return close == 0x2019 || close == 0x2018;
      case 0x201A:
        return close == 0x2018 || close == 0x2019;
      case 0x2019:
        return close == 0x2019;
      default:
        return false;
    }
  }

  static bool IsSingle(char32_t c) {
    return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x2039 || c == 0x203A;
  }

  // Whether the mark at token i may open or close a quote, by its neighbours.
  void Flanks(size_t i, bool* can_open, bool* can_close) const {
    const Tok& m = toks_[i];
    const char32_t prev = Before(t_, m.start);
    uint32_t len = 0;
    const char32_t next = m.end < t_.size() ? Decode(t_, m.end, &len) : ' ';
    const bool space_before = IsSpace(prev) || prev == '(' || prev == '[' || prev == 0x2014 ||
                              prev == 0x2013 || prev == '-' || prev == '/' || IsMarkChar(prev) ||
                              m.start == 0;
    const bool space_after =
        IsSpace(next) || m.end >= t_.size() || IsPunct(next) || IsMarkChar(next);
    if (m.cp == 0xAB || m.cp == 0x2039) {  // « ‹: open, unless clearly closing (German » … «)
      *can_open = !(space_after && !space_before);
      *can_close = true;
      return;
    }
    if (m.cp == 0xBB || m.cp == 0x203A) {
      *can_close = true;
      *can_open = space_before && !space_after;
      return;
    }
    *can_open = space_before && !IsSpace(next) && m.end < t_.size();
    *can_close = !IsSpace(prev) && m.start > 0 && space_after;
  }

  void FindDirect() {
    std::vector<Open> stack;
    size_t last_close = 0;  // tokens before this belong to an earlier quote
    for (size_t i = 0; i < toks_.size(); ++i) {
      const Tok& m = toks_[i];
      if (m.nl_before && !stack.empty()) {
        // A paragraph that opens with the same mark continues an unclosed quote.
        const bool continues = m.kind == Kind::kMark && m.cp == stack[0].cp;
        const bool all_single =
            std::all_of(stack.begin(), stack.end(), [](const Open& o) { return IsSingle(o.cp); });
        if (continues && stack.size() == 1 && i > stack[0].tok + 1) {
          AddDirect(stack[0].tok, i, /*open_paragraph=*/true, &last_close);
        }
        if (continues || all_single) stack.clear();
      }
      if (m.kind != Kind::kMark) continue;
      bool can_open, can_close;
      Flanks(i, &can_open, &can_close);
      if (can_close) {
        size_t d = stack.size();
        while (d > 0 && !Closes(stack[d - 1].cp, m.cp)) --d;
        if (d > 0 && m.start - toks_[stack[d - 1].tok].end > kMaxQuoteBytes) d = 0, stack.clear();
        if (d > 0) {
          const size_t open = stack[d - 1].tok;
          stack.resize(d - 1);
          if (stack.empty()) AddDirect(open, i, false, &last_close);
          continue;
        }
      }
      if (can_open) {
        if (!stack.empty() && m.start - toks_[stack[0].tok].end > kMaxQuoteBytes) stack.clear();
        if (stack.size() < kMaxDepth) stack.push_back({i, m.cp});
      }
    }
  }

  // A quote from the mark at token o to the mark at token c (or, when
  // `open_paragraph`, to the end of the paragraph before token c).
  void AddDirect(size_t o, size_t c, bool open_paragraph, size_t* last_close) {
    assert(o < c && c < toks_.size());
    const size_t lo = *last_close;
    *last_close = open_paragraph ? c : c + 1;
    size_t words = 0;
    for (size_t k = o + 1; k < c; ++k) words += toks_[k].kind == Kind::kWord;
    if (words == 0) return;
    Quote q;
    q.kind = QuoteKind::kDirect;
    q.start = toks_[o + 1].start;
    const bool comma = toks_[c - 1].cp == ',' && c - 1 > o + 1;  // "…," said X
    q.end = toks_[comma ? c - 2 : c - 1].end;
    Speaker s;
    bool any = false;
    if (lex_ != nullptr && !open_paragraph) s = AfterQuote(c);
    any = s.found;
    if (!s.found && lex_ != nullptr) {
      s = BeforeQuote(o, lo, &any);
      // A word or two quoted after a verb is mostly a name or a scare quote,
      // unless introduced by a colon (He said: "No.").
      if (any && words < 3 && toks_[o - 1].cp != ':') return;
    }
    if (!any) {  // a continuation of the previous quote (two words or more), or speech
      const bool continues = Continues(q.start, &s);
      if (!LooksLikeSpeech(q.end, words, comma) && !(continues && words >= 2)) return;
    }
    q.speaker_start = s.start;
    q.speaker_end = s.end;
    q.speaker_key = s.key;
    assert(q.speaker_start <= q.speaker_end && q.speaker_end <= t_.size());
    out_.push_back(std::move(q));
  }

  // An unattributed quote is kept when long enough to be speech rather than a
  // scare quote or a title: five words, or three ending like a sentence.
  bool LooksLikeSpeech(uint32_t end, size_t words, bool comma) const {
    const char last = t_[end - 1];
    const bool sentence = comma || last == '.' || last == '!' || last == '?';
    return words >= 5 || (sentence && words >= 3);
  }

  // A quote with no attribution right after another one in the same
  // paragraph, with no one named in between, is by the same speaker.
  bool Continues(uint32_t start, Speaker* s) const {
    const Quote* p = LastBefore(start, 300, [](const Quote&) { return true; });
    if (p == nullptr || p->kind != QuoteKind::kDirect) return false;
    if (p->speaker_end == p->speaker_start) return false;
    if (t_.substr(p->end, start - p->end).find('\n') != std::string_view::npos) return false;
    bool named = false;  // someone else named in between: not a continuation
    ForEntities(p->end, start, [&](const Entity& e) {
      named |= e.type != EntityType::kLoc && e.start != p->speaker_start && e.key != p->speaker_key;
    });
    if (named) return false;
    *s = {p->speaker_start, p->speaker_end, p->speaker_key, true};
    return true;
  }

  // ------------------------------------------------------------ indirect quotes

  void FindIndirect() {
    size_t s = 0;
    for (size_t i = 0; i < toks_.size(); ++i) {
      if (!toks_[i].sent_end && i + 1 < toks_.size()) continue;
      Sentence(s, i + 1);
      s = i + 1;
    }
  }

  bool HasMark(size_t a, size_t b) const {
    for (size_t k = a; k < b; ++k) {
      if (toks_[k].kind == Kind::kMark) return true;
    }
    return false;
  }

  void AddIndirect(size_t a, size_t b, const Speaker& sp) {
    while (b > a && toks_[b - 1].kind == Kind::kPunct) --b;
    while (a < b && toks_[a].kind == Kind::kPunct) ++a;
    size_t words = 0;
    for (size_t k = a; k < b; ++k) words += toks_[k].kind == Kind::kWord;
    if (words < 3 || HasMark(a, b) || !sp.found) return;
    Quote q;
    q.kind = QuoteKind::kIndirect;
    q.start = toks_[a].start;
    q.end = toks_[b - 1].end;
    q.speaker_start = sp.start;
    q.speaker_end = sp.end;
    q.speaker_key = sp.key;
    out_.push_back(std::move(q));
  }

  // The indirect quote of the sentence of tokens [s, e), if any.
  void Sentence(size_t s, size_t e) {
    if (e - s < 4) return;
    size_t n;
    // According to X, CLAUSE. / Volgens X CLAUSE.
    if (CueAt(s, &n) == Cue::kPrep && toks_[s].low != "aldus") {
      Speaker sp = SpeakerAfter(s + n, e);
      if (!sp.found) return;
      size_t c = s + n;
      while (c < e && toks_[c].start < sp.end) ++c;
      if (c < e && toks_[c].cp == ',') ++c;
      for (size_t k = s + n; k < std::min(e, s + n + 10); ++k) {
        if (toks_[k].cp == ',') {
          c = std::max(c, k + 1);
          break;
        }
      }
      return AddIndirect(c, e, sp);
    }
    for (size_t v = s; v < e; ++v) {
      const Cue cue = CueAt(v, &n);
      // CLAUSE, according to X. / CLAUSE, X said.
      if (v > s + 3 && toks_[v - 1].cp == ',' && e - v <= 9 && Tail(s, v, e, cue)) return;
      if (cue != Cue::kVerb) continue;
      // X said (on Monday) that CLAUSE. / X sagte, CLAUSE.
      Speaker sp = SubjectBefore(v, s);
      if (!sp.found && !IsPassive(v)) sp = SubjectPhrase(s, v);
      if (!sp.found) continue;
      for (size_t k = v + n; k < e && k < v + n + 5; ++k) {
        const Cue c = CueOf(k);
        if (c == Cue::kThat) {
          const size_t from = toks_[k].low.size() > 3 && toks_[k].low[2] == '\'' ? k : k + 1;
          if (from == k) return AddIndirectElided(k, e, sp);
          return AddIndirect(from, e, sp);
        }
        if (toks_[k].cp == ',' && k == v + n && german_) {
          return AddIndirect(k + 1 < e && CueOf(k + 1) == Cue::kThat ? k + 2 : k + 1, e, sp);
        }
        if (IsClauseStop(toks_[k])) break;
      }
      if (english_ && BareClause(v + n, e, toks_[v].low)) return AddIndirect(v + n, e, sp);
    }
  }

  // A sentence opening with a short noun phrase before the verb at v ("Le
  // rectorat a précisé que", "Een omwonende vertelde dat"): an unresolved speaker.
  Speaker SubjectPhrase(size_t s, size_t v) const {
    if (v == s || v - s > 4 || CueOf(s) != Cue::kDet) return {};
    for (size_t k = s; k < v; ++k) {
      if (toks_[k].kind != Kind::kWord) return {};
    }
    return {toks_[s].start, toks_[v - 1].end, "", true, true};
  }

  // English "X said the talks had failed": "said"/"says" followed directly by
  // a clause (not by a time, place or addressee).
  bool BareClause(size_t k, size_t e, std::string_view verb) const {
    static const char* const kNotClause[] = {
        "in",   "on",   "at",        "during",  "after", "before", "to",  "late", "earlier",
        "last", "this", "yesterday", "today",   "from",  "with",   "by",  "of",   "as",
        "for",  "it",   "so",        "nothing", "more",  "and",    "but", "was"};
    if ((verb != "said" && verb != "says") || k + 3 > e || toks_[k].kind != Kind::kWord) {
      return false;
    }
    for (const char* w : kNotClause) {
      if (toks_[k].low == w) return false;
    }
    return true;
  }

  // "qu'il ...": the clause starts inside the token, after the apostrophe.
  void AddIndirectElided(size_t k, size_t e, const Speaker& sp) {
    const size_t before = out_.size();
    AddIndirect(k, e, sp);
    if (out_.size() > before) out_.back().start = toks_[k].start + 3;
  }

  // ", according to X." / ", X said." ending the sentence [.., e) at token v.
  bool Tail(size_t s, size_t v, size_t e, Cue cue) {
    size_t n;
    Speaker sp;
    for (size_t k = v; k < e; ++k) {
      if (CueOf(k) == Cue::kThat) return false;  // "…, a dit que …": not a tail
    }
    if (cue == Cue::kPrep || cue == Cue::kVerb) {
      CueAt(v, &n);
      sp = SpeakerAfter(v + n, e);
    } else {
      for (size_t k = v; k < e && k < v + 5; ++k) {
        if (CueAt(k, &n) == Cue::kVerb || CueAt(k, &n) == Cue::kPost) {
          sp = SubjectBefore(k, v);
          break;
        }
      }
    }
    if (!sp.found || (sp.words && cue != Cue::kPrep)) return false;
    AddIndirect(s, v - 1, sp);
    return true;
  }

  std::string_view t_;
  std::unique_ptr<char[]> lows_;  // the words in lower case (Tok::low), at their text offsets
  const Lexicon* lex_;
  bool german_;       // "X sagte, CLAUSE": a comma opens the indirect quote
  bool english_;      // "X said CLAUSE": no "that" needed
  bool verb_second_;  // "volgens X VERB ...": no comma after the speaker
  const std::vector<Entity>& ents_;
  std::vector<Tok> toks_;
  std::vector<uint32_t> by_start_;  // entity indices by start
  std::vector<Quote> out_;          // indirect quotes, then direct ones, each in text order
  size_t direct_begin_ = 0;         // where the direct quotes begin in out_
};

}  // namespace

std::vector<Quote> FindQuotes(std::string_view text, std::string_view lang,
                              const std::vector<Entity>& entities) {
  if (text.empty() || text.size() > UINT32_MAX) return {};
  return Finder(text, lang, entities).Run();
}

}  // namespace dateline
