// Country names in other forms: official long forms ("Republic of Belarus"),
// "and" or a hyphen between parts ("Bosnia-Herzegovina"), singular or plural
// ("Cayman Island"), demonyms ("Algerian", "Taiwanese", "Colombianos") and
// one slip of spelling ("Austrlia", "Belguim") meet the country's key. See
// doc/entity-keys.md, "Countries".
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "extract/names/names_internal.h"
#include "extract/places/gazetteer.h"

namespace dateline::names {
namespace {

constexpr size_t kMinFuzzyLength = 5;  // shorter keys ("iran", "iraq") only match exactly

bool IsOfficialWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "republic",     "kingdom",   "state",        "states",       "federation", "federal",
      "principality", "sultanate", "emirate",      "commonwealth", "union",      "democratic",
      "people's",     "peoples",   "islamic",      "grand",        "duchy",      "socialist",
      "arab",         "united",    "plurinational"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

bool IsJoiner(std::string_view w) {
  return w == "and" || w == "&" || w == "und" || w == "et" || w == "y" || w == "e" || w == "en";
}

// The words that name the country: without a leading "the", an official
// prefix ending in "of" ("Republic of", "Kingdom of the") and joiners.
std::vector<std::string_view> CoreWords(const std::vector<Part>& parts) {
  std::vector<std::string_view> w;
  for (const Part& p : parts) w.push_back(p.text);
  auto drop_the = [&w] {
    if (w.size() > 1 && w.front() == "the") w.erase(w.begin());
  };
  drop_the();
  const auto of = std::find(w.begin(), w.end(), "of");
  if (of != w.end() && of != w.begin() && of + 1 != w.end() &&
      std::all_of(w.begin(), of, IsOfficialWord)) {
    w.erase(w.begin(), of + 1);
    drop_the();
  }
  if (w.size() > 2) {
    std::erase_if(w, [&w](std::string_view x) { return IsJoiner(x) && x != w.front(); });
  }
  return w;
}

std::string RuleKeyOfWords(const std::vector<std::string_view>& words) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out.push_back(' ');
    AppendPhonetic(w, &out);
  }
  return out;
}

// Names whose rule key is letters a-z and spaces only (other scripts are
// matched by the alias table alone).
bool IsPlain(std::string_view k) {
  return !k.empty() &&
         std::all_of(k.begin(), k.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == ' '; });
}

// Damerau distance at most one: equal, or one insertion, deletion,
// substitution or swap of neighbours.
bool WithinOneEdit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) {
    if (i == a.size()) return true;
    if (a.substr(i + 1) == b.substr(i + 1)) return true;  // substitution
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);  // swap
  }
  return a.substr(i) == b.substr(i + 1);  // insertion into a
}

// The last word's other possible country forms: singular or plural, and the stems of demonym
// endings with the usual country endings
// ("algerian" -> "algeria", "taiwanese" -> "taiwan", "italian" -> "italy").
std::vector<std::string> LastWordForms(std::string_view w) {
  static constexpr std::string_view kSuffixes[] = {
      "ianos", "ianas", "iano", "iana", "anos", "anas", "ians", "ienne", "iens",
      "ien",   "ian",   "eans", "ean",  "ans",  "an",   "ese",  "aise",  "ais",
      "ers",   "er",    "ie",   "is",   "in",   "es",   "i",    "s",     "n"};
  // Fuller forms first: "nigerian" is Nigeria, not Niger.
  static constexpr std::string_view kEndings[] = {"ia", "a", "y", "e", "o", ""};
  std::vector<std::string> out{std::string(w) + "s"};
  for (std::string_view s : kSuffixes) {
    if (w.size() < s.size() + 3 || !w.ends_with(s)) continue;
    const std::string_view stem = w.substr(0, w.size() - s.size());
    for (std::string_view e : kEndings) out.push_back(std::string(stem).append(e));
  }
  return out;
}

// True when the gazetteer knows the words as the whole name of a place that
// is not a country ("Tunis", "Almeria"): a place in its own right, not a
// demonym or a slip of spelling of a country's name.
bool IsOtherPlace(std::string_view name) {
  const places::Gazetteer* g = places::Gazetteer::Embedded();
  if (g == nullptr) return false;
  places::Lookup lk;
  if (!g->Find(places::NameKey(name), &lk) || (lk.flags & places::kIsName) == 0) return false;
  return std::none_of(lk.postings.begin(), lk.postings.end(), [g](uint32_t p) {
    return g->entry(p & places::kEntryMask).kind == places::Kind::kCountry;
  });
}

}  // namespace

void CountryIndex::Add(const std::vector<Part>& parts, uint32_t key) {
  const std::string rule = RuleKeyOfWords(CoreWords(parts));
  if (!IsPlain(rule)) return;
  auto [it, inserted] = exact_.emplace(rule, key);
  if (!inserted) {
    if (it->second != key) it->second = kNoCountry;
    return;
  }
  if (rule.size() < kMinFuzzyLength) return;
  const uint32_t id = static_cast<uint32_t>(rules_.size());
  rules_.emplace_back(rule, key);
  near_[rule].push_back(id);
  for (size_t i = 1; i < rule.size(); ++i) {
    near_[rule.substr(0, i) + rule.substr(i + 1)].push_back(id);
  }
}

uint32_t CountryIndex::Find(std::string_view name, const std::vector<Part>& parts) const {
  std::vector<std::string_view> words = CoreWords(parts);
  if (words.empty()) return kNoCountry;
  std::string prefix = RuleKeyOfWords({words.begin(), words.end() - 1});
  if (!prefix.empty()) prefix.push_back(' ');
  auto exact = [&](const std::string& rule) {
    auto it = exact_.find(rule);
    return it == exact_.end() ? kNoCountry : it->second;
  };
  std::string whole = prefix;
  AppendPhonetic(words.back(), &whole);
  if (const uint32_t k = exact(whole); k != kNoCountry) return k;
  if (IsOtherPlace(name)) return kNoCountry;
  for (const std::string& form : LastWordForms(words.back())) {
    std::string rule = prefix;
    AppendPhonetic(form, &rule);
    if (const uint32_t k = exact(rule); k != kNoCountry) return k;
  }
  return FindNear(whole);
}

// The one country whose rule key is one edit from `rule` (same first letter).
uint32_t CountryIndex::FindNear(const std::string& rule) const {
  if (rule.size() < kMinFuzzyLength || !IsPlain(rule)) return kNoCountry;
  uint32_t found = kNoCountry;
  auto consider = [&](const std::string& probe) {
    auto it = near_.find(probe);
    if (it == near_.end()) return true;
    for (uint32_t id : it->second) {
      const auto& [candidate, key] = rules_[id];
      if (candidate[0] != rule[0] || !WithinOneEdit(candidate, rule)) continue;
      if (found != kNoCountry && found != key) return false;  // two countries: neither
      found = key;
    }
    return true;
  };
  if (!consider(rule)) return kNoCountry;
  for (size_t i = 1; i < rule.size(); ++i) {
    if (!consider(rule.substr(0, i) + rule.substr(i + 1))) return kNoCountry;
  }
  return found;
}

}  // namespace dateline::names
