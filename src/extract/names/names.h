// Name keys (see doc/entity-keys.md): the identity key of a name shared by its
// spellings, the surname key of a person name, and the linking of short
// mentions to full names within one document. EntityKey() itself is declared
// in include/dateline/entities.h.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/entities.h"

namespace dateline {

/// Within one document: a one-part PER mention ("Haftar") whose surname key
/// equals the surname key of exactly one distinct multi-part PER name
/// ("Khalifa Haftar") takes that name's key; an ORG acronym defined next to
/// its long form ("Libyan National Army (LNA)") takes the long form's key in
/// every mention. Entities are changed in place (keys only).
void LinkDocumentEntities(std::string_view lang, std::vector<Entity>* ents);

/// The key of the last name part of a person name, titles stripped, with a
/// preceding particle kept ("Osama bin Laden" -> "bin ladan"). Rule-based only
/// (no alias table), so any spelling of a surname meets. "" when the name has
/// no letter or digit.
std::string SurnameKey(std::string_view name, std::string_view lang);

/// True when keys `a` and `b` (of one entity type) are taken as spellings of
/// one name: equal, or both at least 6 letters a-z with the same first letter
/// and either the same number of words and one edit (insertion, deletion,
/// substitution) apart, or one adding middle names of two letters or more to
/// the other (same first and last word, the other words in order).
/// Measured on bench/names/pairs.tsv: see doc/entity-keys.md.
bool AreKeyVariants(std::string_view a, std::string_view b);

/// The first and last word of a person key of three words or more that
/// AreKeyVariants can compare ("antuni nurman albanisa" -> "antuni albanisa"):
/// the key of the same name without middle names. "" for other keys.
std::string ShortFormKey(std::string_view key);

/// True for a two-word key that AreKeyVariants can compare: the keys that add
/// middle names to it (their ShortFormKey is this key) are its variants.
bool IsShortForm(std::string_view key);

/// Every string s != key one edit from key with AreKeyVariants(key, s), sorted
/// (for looking up the spellings of a key in an index; keys with middle names
/// added are not generated).
std::vector<std::string> KeyVariants(std::string_view key);

/// EntityKey() without the alias tables: the transliteration rules alone.
std::string NameRuleKey(std::string_view name, EntityType type, std::string_view lang);

/// The number of aliases in the embedded table (parsed on first use).
size_t NameAliasCount();

}  // namespace dateline
