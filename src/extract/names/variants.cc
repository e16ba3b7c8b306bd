// Key variants: two keys of one type that differ by one edit are taken as
// spellings of one name (the JRC-Names check by edit distance within a type).
#include <algorithm>

#include "extract/names/names.h"

namespace dateline {

namespace {

constexpr size_t kMinVariantLength = 5;

size_t Words(std::string_view k) {
  return static_cast<size_t>(std::count(k.begin(), k.end(), ' ')) + 1;
}

// True when b is a with one byte inserted (sizes differ by exactly one).
bool OneInsertion(std::string_view a, std::string_view b) {
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  return a.substr(i) == b.substr(i + 1);
}

bool Eligible(std::string_view k) {
  return k.size() >= kMinVariantLength &&
         std::all_of(k.begin(), k.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == ' '; });
}

}  // namespace

bool AreKeyVariants(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (!Eligible(a) || !Eligible(b) || a[0] != b[0] || Words(a) != Words(b)) return false;
  if (a.size() == b.size()) {
    size_t diff = 0;
    for (size_t i = 0; i < a.size() && diff < 2; ++i) diff += a[i] != b[i];
    return diff == 1;
  }
  if (a.size() + 1 == b.size()) return OneInsertion(a, b);
  if (b.size() + 1 == a.size()) return OneInsertion(b, a);
  return false;
}

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
