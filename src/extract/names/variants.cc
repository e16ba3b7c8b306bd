// Key variants: two keys of one type that differ by one edit are taken as
// spellings of one name (the JRC-Names check by edit distance within a type),
// as are two keys of which one adds middle names to the other.
#include <algorithm>

#include "extract/names/names.h"

namespace dateline {

namespace {

constexpr size_t kMinVariantLength = 6;

size_t Words(std::string_view k) {
  return static_cast<size_t>(std::count(k.begin(), k.end(), ' ')) + 1;
}

// True when b is a with one byte inserted (sizes differ by exactly one).
bool OneInsertion(std::string_view a, std::string_view b) {
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  return a.substr(i) == b.substr(i + 1);
}

// True when `longer` is `shorter` with middle names added: the same first and
// last word, the shorter key's words in order ("antuni albanisa" / "antuni
// nurman albanisa"). An added initial counts only when the shorter key has
// no middle name ("kulin puval" / "kulin l puval", but not "george w bush" /
// "george h w bush").
bool MiddleNamesAdded(std::string_view shorter, std::string_view longer) {
  const size_t sf = shorter.find(' '), lf = longer.find(' ');
  if (sf == std::string_view::npos || lf == std::string_view::npos) return false;
  if (shorter.substr(0, sf) != longer.substr(0, lf)) return false;
  const size_t sl = shorter.rfind(' '), ll = longer.rfind(' ');
  if (shorter.substr(sl) != longer.substr(ll)) return false;
  // Middle words of the shorter key, matched in order among the longer's.
  std::string_view rest = longer.substr(lf + 1, ll - lf - 1);
  std::string_view want = sf == sl ? std::string_view() : shorter.substr(sf + 1, sl - sf - 1);
  while (!rest.empty()) {
    const size_t e = std::min(rest.find(' '), rest.size());
    const std::string_view w = rest.substr(0, e);
    rest.remove_prefix(std::min(e + 1, rest.size()));
    const size_t we = std::min(want.find(' '), want.size());
    if (!want.empty() && want.substr(0, we) == w) {
      want.remove_prefix(std::min(we + 1, want.size()));
    } else if (w.size() < 2 && sf != sl) {
      return false;
    }
  }
  return want.empty();
}

// True when the keys differ only in their spaces ("kalkut mataskalakala" /
// "kalkut matas kalakala": a name written as one word or two).
bool SameLetters(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  for (;; ++i, ++j) {
    while (i < a.size() && a[i] == ' ') ++i;
    while (j < b.size() && b[j] == ' ') ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (a[i] != b[j]) return false;
  }
}

bool Eligible(std::string_view k) {
  return k.size() >= kMinVariantLength &&
         std::all_of(k.begin(), k.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == ' '; });
}

}  // namespace

bool AreKeyVariants(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (!Eligible(a) || !Eligible(b) || a[0] != b[0]) return false;
  if (Words(a) != Words(b)) {
    if (SameLetters(a, b)) return true;
    return Words(a) < Words(b) ? MiddleNamesAdded(a, b) : MiddleNamesAdded(b, a);
  }
  if (a.size() == b.size()) {
    size_t diff = 0;
    for (size_t i = 0; i < a.size() && diff < 2; ++i) diff += a[i] != b[i];
    return diff == 1;
  }
  if (a.size() + 1 == b.size()) return OneInsertion(a, b);
  if (b.size() + 1 == a.size()) return OneInsertion(b, a);
  return false;
}

std::string ShortFormKey(std::string_view key) {
  if (!Eligible(key) || Words(key) < 3) return {};
  return std::string(key.substr(0, key.find(' '))).append(key.substr(key.rfind(' ')));
}

bool IsShortForm(std::string_view key) { return Eligible(key) && Words(key) == 2; }

std::vector<std::string> KeyVariants(std::string_view key) {
  std::vector<std::string> out;
  if (!Eligible(key)) return out;
  auto add = [&](std::string s) {
    if (s != key && AreKeyVariants(key, s)) out.push_back(std::move(s));
  };
  const std::string k(key);
  for (size_t i = 1; i <= k.size(); ++i) {
    if (i < k.size() && k[i] != ' ') add(k.substr(0, i) + k.substr(i + 1));  // deletion
    for (char c = 'a'; c <= 'z'; ++c) {
      if (i < k.size() && k[i] != ' ' && c != k[i]) {
        std::string s = k;
        s[i] = c;
        add(std::move(s));  // substitution
      }
      add(k.substr(0, i) + c + k.substr(i));  // insertion
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace dateline
