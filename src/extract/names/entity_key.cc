// EntityKey(), NameRuleKey() and SurnameKey(): see doc/entity-keys.md.
#include <string>
#include <string_view>
#include <vector>

#include "dateline/entities.h"
#include "dateline/text.h"
#include "extract/names/names.h"
#include "extract/names/names_internal.h"

namespace dateline {
namespace {

using names::Part;

std::vector<Part>& Scratch() {
  thread_local std::vector<Part> parts;
  return parts;
}

std::string_view Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// The key of a name without letters or digits ("--", "?!"): its folded text,
// so that the key is never empty.
std::string FallbackKey(std::string_view name) {
  std::string k = text::Fold(Trim(name));
  return k.empty() ? std::string("_") : k;
}

bool UsesAcronymKey(std::string_view name, EntityType type) {
  return names::UsesAcronymKey(Trim(name), type);
}

std::string RuleKeyOf(std::string_view name, EntityType type, const std::vector<Part>& parts) {
  return UsesAcronymKey(name, type) ? names::JoinParts(parts) : names::PhoneticKey(parts);
}

bool IsParticle(std::string_view p) {
  static constexpr std::string_view kParticles[] = {
      "bin", "abu", "abou", "bou", "ould", "van",   "von", "de",  "der",
      "den", "da",  "di",   "du",  "del",  "della", "dos", "das", "la",
      "le",  "ten", "ter",  "te",  "mac",  "mc",    "st",  "zu",  "y"};
  for (std::string_view k : kParticles) {
    if (k == p) return true;
  }
  return false;
}

}  // namespace

std::string EntityKey(std::string_view name, EntityType type, std::string_view lang) {
  std::vector<Part>& parts = Scratch();
  names::SplitName(name, type, lang, &parts);
  if (parts.empty()) return name.empty() ? std::string() : FallbackKey(name);
  const std::string form = names::JoinParts(parts);
  const std::string rule = RuleKeyOf(name, type, parts);
  if (const std::string* k = names::LookupAlias(form, rule, type == EntityType::kPer)) return *k;
  if (type == EntityType::kLoc && !UsesAcronymKey(name, type)) {
    if (const std::string* k = names::LookupCountryVariant(name, parts)) return *k;
  }
  return rule;
}

std::string NameRuleKey(std::string_view name, EntityType type, std::string_view lang) {
  std::vector<Part>& parts = Scratch();
  names::SplitName(name, type, lang, &parts);
  if (parts.empty()) return name.empty() ? std::string() : FallbackKey(name);
  return RuleKeyOf(name, type, parts);
}

std::string SurnameKey(std::string_view name, std::string_view lang) {
  std::vector<Part>& parts = Scratch();
  names::SplitName(name, EntityType::kPer, lang, &parts);
  if (parts.empty()) return std::string();
  size_t first = parts.size() - 1;
  while (first > 0 && IsParticle(parts[first - 1].text)) --first;
  parts.erase(parts.begin(), parts.begin() + static_cast<ptrdiff_t>(first));
  return names::PhoneticKey(parts);
}

}  // namespace dateline
