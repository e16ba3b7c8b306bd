// SplitName(): folding a name and cutting it into normalised parts.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <string>
#include <string_view>
#include <vector>

#include "extract/names/names_internal.h"
#include "text/fold_internal.h"

namespace dateline::names {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Latin letters that folding keeps but that have a plain ASCII reading.
const char* LatinReplacement(UChar32 c) {
  switch (c) {
    case 0x00F8:  // ø
      return "o";
    case 0x00E6:  // æ
      return "ae";
    case 0x0153:  // œ
      return "oe";
    case 0x0142:  // ł
      return "l";
    case 0x0111:  // đ
    case 0x00F0:  // ð
      return "d";
    case 0x00FE:  // þ
      return "th";
    case 0x0131:  // dotless i
      return "i";
    case 0x014B:  // ŋ
      return "n";
    default:
      return nullptr;
  }
}

// Transliteration marks for ayn and hamza: dropped like an inner apostrophe.
bool IsTranslitMark(UChar32 c) { return c == 0x02BE || c == 0x02BF || c == 0x02BB || c == 0x02BC; }

// French and Italian elided articles and prepositions before an apostrophe.
bool IsElision(std::string_view s) {
  return s == "l" || s == "d" || s == "dell" || s == "dall" || s == "nell" || s == "all" ||
         s == "sull" || s == "qu";
}

// Cuts folded text into raw parts. A hyphen marks the next part.
class Tokenizer {
 public:
  explicit Tokenizer(std::vector<Part>* out) : out_(out) {}

  void Run(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
      const char c = s[i];
      if (static_cast<unsigned char>(c) >= 0x80) {
        i = NonAscii(s, i);
        continue;
      }
      if (IsAsciiAlnum(c)) {
        cur_.push_back(c);
      } else if (c == '\'' || c == '`') {
        i = Apostrophe(s, i);
        continue;
      } else {
        End();
        if (c == '-') hyphen_ = true;
      }
      ++i;
    }
    End();
  }

 private:
  size_t NonAscii(std::string_view s, size_t i) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const int32_t n = static_cast<int32_t>(s.size());
    int32_t j = static_cast<int32_t>(i);
    const int32_t start = j;
    UChar32 c;
    U8_NEXT(p, j, n, c);
    if (c < 0) {
      End();
    } else if (const char* rep = LatinReplacement(c)) {
      cur_ += rep;
    } else if (IsTranslitMark(c)) {
      // dropped
    } else if (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0) {
      cur_.append(s.data() + start, static_cast<size_t>(j - start));
    } else {
      End();
      if (c == 0x2010 || c == 0x2011) hyphen_ = true;
    }
    return static_cast<size_t>(j);
  }

  // Elision (l'ONU), possessive (Haftar's, Haftars'), or an inner apostrophe
  // of a transliteration (Sa'id, O'Brien), which is dropped.
  size_t Apostrophe(std::string_view s, size_t i) {
    const bool letter_after = i + 1 < s.size() && IsAsciiAlpha(s[i + 1]);
    if (letter_after && IsElision(cur_)) {
      cur_.clear();
      return i + 1;
    }
    const bool s_end =
        i + 1 < s.size() && s[i + 1] == 's' && (i + 2 >= s.size() || !IsAsciiAlnum(s[i + 2]));
    if (s_end && i + 2 >= s.size()) return i + 2;  // final possessive 's
    return i + 1;
  }

  void End() {
    if (!cur_.empty()) {
      out_->push_back(Part{std::move(cur_), hyphen_});
      cur_.clear();
    }
    hyphen_ = false;
  }

  std::vector<Part>* out_;
  std::string cur_;
  bool hyphen_ = false;
};

bool IsSingleLetter(const Part& p) { return p.text.size() == 1 && IsAsciiAlpha(p.text[0]); }

// "u n" (from "U.N.") -> "un": runs of two or more single letters become one part.
void MergeInitials(std::vector<Part>* parts) {
  std::vector<Part>& v = *parts;
  size_t w = 0;
  for (size_t i = 0; i < v.size();) {
    size_t j = i;
    while (j < v.size() && IsSingleLetter(v[j])) ++j;
    if (j - i >= 2) {
      Part merged{std::string(), v[i].hyphen_before};
      for (size_t k = i; k < j; ++k) merged.text += v[k].text;
      v[w++] = std::move(merged);
      i = j;
    } else {
      if (w != i) v[w] = std::move(v[i]);
      ++w;
      ++i;
    }
  }
  v.resize(w);
}

void DropFront(std::vector<Part>* parts, size_t n) {
  parts->erase(parts->begin(), parts->begin() + static_cast<ptrdiff_t>(n));
  if (!parts->empty()) parts->front().hyphen_before = false;
}

// An organisation named before a title: "UN envoy", "VN-gezant", "EU-Kommissar".
bool IsTitleOwner(std::string_view a) {
  return a == "un" || a == "vn" || a == "onu" || a == "uno" || a == "eu" || a == "ue" ||
         a == "us" || a == "vs" || a == "uk" || a == "nato" || a == "navo" || a == "otan";
}

// Leading titles of a person ("President", "de heer", "Field Marshal",
// "le maréchal", "UN envoy").
void StripTitles(std::string_view lang, std::vector<Part>* parts) {
  while (parts->size() > 1) {
    const std::string& a = (*parts)[0].text;
    const bool pair = parts->size() > 2 &&
                      (IsTitlePair(a, (*parts)[1].text) ||
                       ((IsArticle(a) || IsTitleOwner(a)) && IsTitle((*parts)[1].text, lang)));
    if (pair) {
      DropFront(parts, 2);
    } else if (IsTitle(a, lang) || a == "the") {
      DropFront(parts, 1);
    } else {
      break;
    }
  }
}

void StripArticles(std::vector<Part>* parts) {
  while (parts->size() > 1 && IsArticle((*parts)[0].text)) DropFront(parts, 1);
}

// "ad", "as", "ash", "an", "ar", "at", "az", "ath", "adh" (also with e/u):
// the Arabic article assimilated to the next word's first consonant.
bool IsAssimilatedArticle(std::string_view a, std::string_view next) {
  if (a.size() < 2 || a.size() > 3) return false;
  if (a[0] != 'a' && a[0] != 'e' && a[0] != 'u') return false;
  const std::string_view cons = a.substr(1);
  static constexpr std::string_view kCons[] = {"d", "r", "s", "sh", "t", "th", "dh", "z", "n"};
  bool known = false;
  for (std::string_view k : kCons) known = known || cons == k;
  return known && next.size() > cons.size() && next.substr(0, cons.size()) == cons;
}

bool IsArabicArticleAt(const std::vector<Part>& v, size_t i, EntityType type) {
  if (i + 1 >= v.size()) return false;
  const std::string& a = v[i].text;
  const bool attached = v[i + 1].hyphen_before;
  // "Al Gore", "Al Pacino": a person's first word "Al" is a name unless hyphenated.
  const bool position_ok = attached || i > 0 || type != EntityType::kPer;
  if (a == "al" || a == "el") return position_ok;
  return (attached || i > 0) && IsAssimilatedArticle(a, v[i + 1].text);
}

// The Arabic article in Arabic script: a leading alef-lam on a longer word.
void StripArabicScriptArticle(Part* p) {
  static constexpr std::string_view kAl = "\xD8\xA7\xD9\x84";  // ال
  if (p->text.size() > kAl.size() + 4 && p->text.compare(0, kAl.size(), kAl) == 0) {
    p->text.erase(0, kAl.size());
  }
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// "abdel", "abdul", "abd al" -> "abd"; "abdelaziz", "abdurrahman" -> "abd" + "aziz",
// "rrahman" (doubles collapse later).
void SplitAbd(std::vector<Part>* parts) {
  static constexpr std::string_view kLinks[] = {"el", "ul", "al", "ol", "il", "er", "ur", "ar",
                                                "es", "us", "as", "en", "un", "an", "ed", "ud"};
  for (size_t i = 0; i < parts->size(); ++i) {
    std::string& t = (*parts)[i].text;
    if (!StartsWith(t, "abd") || t.size() < 5) continue;
    const std::string_view link = std::string_view(t).substr(3, 2);
    bool is_link = false;
    for (std::string_view l : kLinks) is_link = is_link || link == l;
    if (!is_link) continue;
    std::string rest = t.substr(link[1] == 'l' ? 5 : 4);
    t = "abd";
    if (rest.size() >= 3) {
      parts->insert(parts->begin() + static_cast<ptrdiff_t>(i) + 1, Part{std::move(rest), false});
    }
  }
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() + 2 && s.substr(s.size() - suffix.size()) == suffix;
}

// Russian patronymics ("Sergey Viktorovich Lavrov") are left out of names of
// three or more parts: news mostly writes "Sergey Lavrov".
bool IsPatronymic(std::string_view s) {
  static constexpr std::string_view kEnds[] = {"ovich",   "evich", "ovitch", "evitch", "ovitsj",
                                               "ovna",    "evna",  "itch",   "ichna",  "owitsch",
                                               "ewitsch", "ovic",  "ievich"};
  for (std::string_view e : kEnds) {
    if (EndsWith(s, e)) return true;
  }
  return false;
}

void DropPatronymics(EntityType type, std::vector<Part>* parts) {
  if (type != EntityType::kPer || parts->size() < 3) return;
  for (size_t i = parts->size() - 2; i >= 1; --i) {
    if (IsPatronymic((*parts)[i].text)) parts->erase(parts->begin() + static_cast<ptrdiff_t>(i));
  }
}

void NormaliseArabicNames(EntityType type, std::vector<Part>* parts) {
  std::vector<Part>& v = *parts;
  size_t w = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v.size() - (i - w) > 1 && IsArabicArticleAt(v, i, type)) continue;
    if (w != i) v[w] = std::move(v[i]);
    ++w;
  }
  v.resize(w);
  for (size_t i = 0; i < v.size(); ++i) {
    std::string& t = v[i].text;
    if (i > 0 && (t == "ben" || t == "ibn" || t == "bn")) t = "bin";
    StripArabicScriptArticle(&v[i]);
  }
  SplitAbd(parts);
}

// "Libyan National Army (LNA)" -> "Libyan National Army".
std::string_view CutParenthetical(std::string_view name) {
  size_t end = name.find_last_not_of(" \t\r\n");
  if (end == std::string_view::npos || name[end] != ')') return name;
  const size_t open = name.rfind('(', end);
  if (open == std::string_view::npos) return name;
  const std::string_view head = name.substr(0, open);
  for (char c : head) {
    if (IsAsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80) return head;
  }
  return name;
}

}  // namespace

void SplitName(std::string_view name, EntityType type, std::string_view lang,
               std::vector<Part>* parts) {
  parts->clear();
  thread_local std::string folded;
  folded.clear();
  text::internal::AppendFolded(CutParenthetical(name), &folded);
  Tokenizer(parts).Run(folded);
  MergeInitials(parts);
  if (type == EntityType::kPer) {
    StripTitles(lang, parts);
  } else if (type == EntityType::kOrg || type == EntityType::kMisc) {
    StripArticles(parts);
  }
  NormaliseArabicNames(type, parts);
  DropPatronymics(type, parts);
}

std::string JoinParts(const std::vector<Part>& parts) {
  std::string out;
  for (const Part& p : parts) {
    if (!out.empty()) out.push_back(' ');
    out += p.text;
  }
  return out;
}

std::string PhoneticKey(const std::vector<Part>& parts) {
  std::string out;
  for (const Part& p : parts) {
    if (!out.empty()) out.push_back(' ');
    AppendPhonetic(p.text, &out);
  }
  return out;
}

bool IsAcronym(std::string_view name) {
  size_t letters = 0;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') {
      ++letters;
    } else if (c != '.' && c != ' ') {
      return false;
    }
  }
  return letters >= 2 && letters <= 6;
}

bool UsesAcronymKey(std::string_view name, EntityType type) {
  if (type == EntityType::kPer || !IsAcronym(name)) return false;
  size_t letters = 0, vowels = 0;
  for (char c : name) {
    if (c == '.') return true;
    if (c == ' ') continue;
    ++letters;
    if (c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y') ++vowels;
  }
  const size_t short_max = type == EntityType::kLoc ? 3 : 4;
  return letters <= short_max || vowels * 3 < letters;
}

}  // namespace dateline::names
