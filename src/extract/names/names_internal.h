// Internal pieces of the name keys (src/extract/names): splitting a name into
// normalised parts, the transliteration rules, and the alias table.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dateline/entities.h"

namespace dateline::names {

/// One part of a name while it is being normalised.
struct Part {
  std::string text;            // folded: lower case, no diacritics
  bool hyphen_before = false;  // joined to the previous part by a hyphen ("al-Sarraj")
};

/// Folds `name` and splits it into parts (words); strips a trailing
/// parenthetical, possessives, elisions, titles (PER), leading articles
/// (ORG/MISC) and the Arabic article; merges dotted initials ("U.N." -> "un").
/// Leaves *parts empty only when the name has no letter or digit.
void SplitName(std::string_view name, EntityType type, std::string_view lang,
               std::vector<Part>* parts);

/// True if `tok` (folded) is a title or honorific in `lang` ("" = any language).
bool IsTitle(std::string_view tok, std::string_view lang);
/// True if tokens a b together form a two-word title ("de heer").
bool IsTitlePair(std::string_view a, std::string_view b);
/// True if `tok` is a leading article dropped from ORG/MISC names.
bool IsArticle(std::string_view tok);

/// Appends the transliteration key of one folded part ("gheddafi" -> "kadafi").
/// Parts with non-ASCII letters (other scripts) are appended unchanged.
void AppendPhonetic(std::string_view part, std::string* out);

/// The parts joined by single spaces (the form looked up in the alias table).
std::string JoinParts(const std::vector<Part>& parts);
/// The parts' transliteration keys joined by single spaces.
std::string PhoneticKey(const std::vector<Part>& parts);

/// True for an all-capitals ORG/MISC acronym of 2-6 letters ("LNA", "U.N.").
bool IsAcronym(std::string_view name);

/// True if a name of `type` keeps its letters as its key instead of the
/// phonetic key: a non-person acronym (IsAcronym) that is dotted ("U.N."),
/// short (up to 3 letters, 4 if not a place: "UN", "ONU", "NATO") or has
/// vowels (A E I O U Y) for fewer than a third of its letters ("LNA", "UNHCR").
/// Other all-capitals words are names written in capitals ("MODENA", "CUBA")
/// and get the key of their mixed-case form.
bool UsesAcronymKey(std::string_view name, EntityType type);

constexpr uint32_t kNoCountry = 0xFFFFFFFFu;

/// Country names of the alias table, for finding a country named in another
/// form (countries.cc): an official long form, a singular or plural, a
/// demonym or one slip of spelling.
class CountryIndex {
 public:
  /// Registers the name `parts` of the country with key index `key`.
  void Add(const std::vector<Part>& parts, uint32_t key);
  /// The key index of the one country that `name` (split into `parts`) names
  /// in another form, or kNoCountry (none, more than one, or `name` is the
  /// gazetteer's name of another place).
  uint32_t Find(std::string_view name, const std::vector<Part>& parts) const;

 private:
  uint32_t FindNear(const std::string& rule) const;

  std::unordered_map<std::string, uint32_t> exact_;      // rule key -> key index (kNoCountry: two)
  std::vector<std::pair<std::string, uint32_t>> rules_;  // rule keys of 5+ bytes, key index
  std::unordered_map<std::string, std::vector<uint32_t>> near_;  // rule key, and with one
                                                                 // byte deleted -> rules_
};

/// The canonical key of the country that a place name (split into `parts`)
/// names in another form (CountryIndex::Find over the alias table's places), or nullptr.
const std::string* LookupCountryVariant(std::string_view name, const std::vector<Part>& parts);

/// The canonical key for a name whose normalised form is `form` and whose
/// rule key is `rule_key`, or nullptr when the alias table has neither.
/// `person` selects the person table, otherwise organisations and places.
const std::string* LookupAlias(std::string_view form, std::string_view rule_key, bool person);

}  // namespace dateline::names
