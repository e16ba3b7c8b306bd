// AppendPhonetic(): the transliteration key of one name part. Spellings of one
// name across transliteration conventions (English, French, German, Dutch,
// Italian, Spanish renderings of Arabic, Persian, Russian...) are reduced to
// one form: vowels to a/i/u, consonant alternations to one letter each, doubled
// letters collapsed. See doc/entity-keys.md for the rules and their reasons.
#include <string>
#include <string_view>

#include "extract/names/names_internal.h"

namespace dateline::names {
namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool IsVowelOrY(char c) { return IsVowel(c) || c == 'y'; }

bool HasNonAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// French renderings add a silent final e: "Poutine", "Abderrahmane".
std::string_view DropSilentFinalE(std::string_view s) {
  const size_t n = s.size();
  if (n >= 5 && s[n - 1] == 'e' && s[n - 2] == 'n' && IsVowel(s[n - 3]) && s[n - 3] != 'e') {
    s.remove_suffix(1);
  }
  return s;
}

// Writes reduced letters, collapsing a letter equal to the previous one.
class Writer {
 public:
  explicit Writer(std::string* out) : out_(out), start_(out->size()) {}
  void Put(char c) {
    if (out_->size() > start_ && out_->back() == c) return;
    out_->push_back(c);
  }
  void Put(char a, char b) {
    Put(a);
    out_->push_back(b);
  }
  bool Empty() const { return out_->size() == start_; }
  char Last() const { return Empty() ? '\0' : out_->back(); }

 private:
  std::string* out_;
  size_t start_;
};

// One rule step: reads letters of s at i, writes their reduction, returns the
// number of letters read.
class Reducer {
 public:
  Reducer(std::string_view s, Writer* w) : s_(s), w_(w) {}

  void Run() {
    size_t i = 0;
    while (i < s_.size()) i += Step(i);
  }

 private:
  char At(size_t i) const { return i < s_.size() ? s_[i] : '\0'; }
  bool Is(size_t i, std::string_view p) const { return s_.substr(i, p.size()) == p; }

  size_t Step(size_t i) {
    const char c = s_[i];
    switch (c) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
        return Vowel(i);
      case 'y':
        return Glide(i);
      case 'c':
      case 'k':
      case 'g':
      case 'q':
        return Velar(i);
      case 'd':
      case 't':
      case 's':
      case 'z':
        return Dental(i);
      case 'j':
        if (i + 1 == s_.size() && i > 0 && (s_[i - 1] == 'i' || s_[i - 1] == 'y')) return 1;
        if (i + 1 == s_.size() && i > 0 && s_[i - 1] == 'e') {
          w_->Put('i');  // "Alexej" = "Alexei", "Sergej" = "Sergei"
          return 1;
        }
        if (i > 0 && IsVowel(At(i + 1)) && (s_[i - 1] == 'i' || !IsVowelOrY(s_[i - 1]))) {
          w_->Put('i');  // "Hanija" = "Haniya", "Netanjahu" = "Netanyahu"
          return 1;
        }
        w_->Put('j');
        return 1;
      case 'p':
        w_->Put(At(i + 1) == 'h' ? 'f' : 'p');
        return At(i + 1) == 'h' ? 2 : 1;
      case 'x':
        w_->Put('k', 's');
        return 1;
      case 'w':
        w_->Put('v');
        return 1;
      case 'h':
        return H(i);
      default:
        w_->Put(c);
        return 1;
    }
  }

  // y before a vowel is a consonant j at the start or after a/e/o/u ("Yemen" = "Jemen"),
  // and merges with i after i or a consonant ("Haniyeh" = "Haniyah" = "Hanija",
  // "Harutyunyan" = "Harutiunian"); elsewhere it is the vowel i.
  size_t Glide(size_t i) {
    if (!IsVowel(At(i + 1))) {
      w_->Put('i');
      return 1;
    }
    const char prev = i == 0 ? '\0' : s_[i - 1];
    w_->Put(prev == '\0' || (IsVowel(prev) && prev != 'i') ? 'j' : 'i');
    return 1;
  }

  // Vowels reduce to a, i, u: e -> a, o -> u; ou/oe/oo -> u; ie/ij/iy -> i;
  // ai/ay/ei/ey/ae -> ai.
  size_t Vowel(size_t i) {
    const char c = s_[i];
    const char d = At(i + 1);
    const bool diphthong = (d == 'i' || (d == 'y' && !IsVowelOrY(At(i + 2))));
    if ((c == 'a' || c == 'e') && (diphthong || (c == 'a' && d == 'e'))) {
      w_->Put('a', 'i');
      return 2;
    }
    if (c == 'i') {
      w_->Put('i');
      return (d == 'e' || d == 'j' || d == 'y') && !IsVowel(At(i + 2)) ? 2 : 1;
    }
    if (c == 'o' || c == 'u') {
      w_->Put('u');
      // "ow" before a consonant: "Rowhani" = "Rouhani".
      const bool ow = c == 'o' && d == 'w' && i + 2 < s_.size() && !IsVowelOrY(At(i + 2));
      return (c == 'o' && (d == 'u' || d == 'e' || d == 'o')) || ow ? 2 : 1;
    }
    w_->Put('a');
    return 1;
  }

  // k, q, c (hard), g, ck, kh, gh, ch and the affricates tch/tsch/tsj -> k;
  // c before e/i/y -> s; qu before a vowel -> k.
  size_t Velar(size_t i) {
    const char c = s_[i];
    const char d = At(i + 1);
    if (c == 'c' && (d == 'e' || d == 'i' || d == 'y')) {
      w_->Put('s');
      return 1;
    }
    w_->Put('k');
    if (d == 'h' || (c == 'c' && (d == 'k' || d == 'z'))) return 2;
    if (c == 'q' && d == 'u' && IsVowel(At(i + 2))) return 2;
    return 1;
  }

  // dsch/dzh/dj/zh -> j; dh -> d; th -> t; tsch/tsj/tch/tsh -> k;
  // sch/sj/sh/sz -> sh; z -> s.
  size_t Dental(size_t i) {
    const char c = s_[i];
    if (c == 'd') {
      if (Is(i, "dsch")) return Put1('j', 4);
      if (Is(i, "dzh")) return Put1('j', 3);
      if (Is(i, "dj")) return Put1('j', 2);
      return Put1('d', At(i + 1) == 'h' ? 2 : 1);
    }
    if (c == 't') {
      if (Is(i, "tsch")) return Put1('k', 4);
      if (Is(i, "tsj") || Is(i, "tch") || Is(i, "tsh")) return Put1('k', 3);
      return Put1('t', At(i + 1) == 'h' ? 2 : 1);
    }
    if (c == 'z') return At(i + 1) == 'h' ? Put1('j', 2) : Put1('s', 1);
    if (Is(i, "sch")) return PutSh(3);
    if (Is(i, "sj") || Is(i, "sh") || Is(i, "sz")) return PutSh(2);
    return Put1('s', 1);
  }

  // h after a consonant (not part of a digraph) and a final h after a vowel are silent.
  size_t H(size_t i) {
    const char last = w_->Last();
    const bool after_consonant = last != '\0' && !IsVowel(last) && last != 'h';
    if (after_consonant || (i + 1 == s_.size() && last != '\0')) return 1;
    w_->Put('h');
    return 1;
  }

  size_t Put1(char c, size_t n) {
    w_->Put(c);
    return n;
  }
  size_t PutSh(size_t n) {
    w_->Put('s', 'h');
    return n;
  }

  std::string_view s_;
  Writer* w_;
};

}  // namespace

void AppendPhonetic(std::string_view part, std::string* out) {
  if (HasNonAscii(part)) {
    out->append(part);
    return;
  }
  Writer w(out);
  Reducer(DropSilentFinalE(part), &w).Run();
}

}  // namespace dateline::names
