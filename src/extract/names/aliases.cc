// The alias table (data/names/aliases.tsv, embedded): names of people,
// organisations and countries in many spellings and languages, each line
// mapping its names to one canonical key. Parsed once, on first use.
//
// Line format: TYPE <TAB> CANONICAL <TAB> ALIAS <TAB> ALIAS ...; TYPE is P
// (person), O (organisation) or L (place); lines starting with '#' are comments.
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/names/names.h"
#include "extract/names/names_internal.h"
#include "util/lines.h"

extern "C" const unsigned char dl_name_aliases[];
extern "C" const unsigned char dl_name_aliases_end[];

namespace dateline::names {
namespace {

// Maps a normalised form to the index of its canonical key; kAmbiguous when
// two entries claim it (then it is not used).
using FormMap = std::unordered_map<std::string, uint32_t>;
constexpr uint32_t kAmbiguous = 0xFFFFFFFFu;

struct Table {
  std::vector<std::string> keys;  // canonical keys
  std::unordered_map<std::string, uint32_t> key_index;
  FormMap person_forms, person_rules, other_forms, other_rules;
  CountryIndex countries;  // the places (countries) of the table
  size_t aliases = 0;
};

void Claim(FormMap* m, std::string form, uint32_t key) {
  auto [it, inserted] = m->emplace(std::move(form), key);
  if (!inserted && it->second != key) it->second = kAmbiguous;
}

EntityType TypeOf(char c) {
  return c == 'P' ? EntityType::kPer : (c == 'L' ? EntityType::kLoc : EntityType::kOrg);
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> f;
  size_t pos = 0;
  while (pos <= line.size()) {
    size_t tab = line.find('\t', pos);
    if (tab == std::string_view::npos) tab = line.size();
    f.push_back(line.substr(pos, tab - pos));
    pos = tab + 1;
  }
  return f;
}

void AddLine(std::string_view line, Table* t) {
  const std::vector<std::string_view> f = SplitTabs(line);
  if (f.size() < 3 || f[0].size() != 1) return;
  const EntityType type = TypeOf(f[0][0]);
  const bool person = type == EntityType::kPer;
  std::vector<Part> parts;
  SplitName(f[1], type, "", &parts);
  if (parts.empty()) return;
  const size_t canonical_parts = parts.size();
  // Entries with one canonical key (a country in two sources) share an index.
  auto [it, added] = t->key_index.emplace(JoinParts(parts), t->keys.size());
  if (added) t->keys.push_back(it->first);
  const uint32_t key = it->second;
  if (type == EntityType::kLoc) t->countries.Add(parts, key);
  for (size_t i = 1; i < f.size(); ++i) {
    SplitName(f[i], type, "", &parts);
    // A surname alone ("Gaddafi") is not an alias of one person: see LinkDocumentEntities.
    if (parts.empty() || (person && parts.size() == 1 && canonical_parts > 1)) continue;
    const bool acronym = UsesAcronymKey(f[i], type);
    if (type == EntityType::kLoc && !acronym) t->countries.Add(parts, key);
    Claim(person ? &t->person_forms : &t->other_forms, JoinParts(parts), key);
    Claim(person ? &t->person_rules : &t->other_rules,
          acronym ? JoinParts(parts) : PhoneticKey(parts), key);
    ++t->aliases;
  }
}

Table* BuildTable() {
  auto* t = new Table();
  const std::string_view data(reinterpret_cast<const char*>(dl_name_aliases),
                              static_cast<size_t>(dl_name_aliases_end - dl_name_aliases));
  ForEachDataLine(data, [t](std::string_view line) { AddLine(line, t); });
  return t;
}

const Table& GetTable() {
  static std::once_flag once;
  static const Table* table = nullptr;
  std::call_once(once, [] { table = BuildTable(); });
  return *table;
}

const std::string* Find(const FormMap& m, const std::vector<std::string>& keys,
                        std::string_view form) {
  auto it = m.find(std::string(form));
  if (it == m.end() || it->second == kAmbiguous) return nullptr;
  return &keys[it->second];
}

}  // namespace

const std::string* LookupAlias(std::string_view form, std::string_view rule_key, bool person) {
  const Table& t = GetTable();
  const FormMap& forms = person ? t.person_forms : t.other_forms;
  if (const std::string* k = Find(forms, t.keys, form)) return k;
  return Find(person ? t.person_rules : t.other_rules, t.keys, rule_key);
}

const std::string* LookupCountryVariant(std::string_view name, const std::vector<Part>& parts) {
  const Table& t = GetTable();
  const uint32_t k = t.countries.Find(name, parts);
  return k == kNoCountry ? nullptr : &t.keys[k];
}

}  // namespace dateline::names

namespace dateline {

size_t NameAliasCount() { return names::GetTable().aliases; }

}  // namespace dateline
