// LinkDocumentEntities(): short person names and defined acronyms take the key
// of the full name they stand for within one document.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/names/names.h"
#include "extract/names/names_internal.h"

namespace dateline {
namespace {

// Distinct keys seen for one surname key (or acronym); more than one = ambiguous.
struct Candidates {
  std::string key;
  bool ambiguous = false;
  void Add(const std::string& k) {
    if (key.empty()) {
      key = k;
    } else if (key != k) {
      ambiguous = true;
    }
  }
};

// The number of parts of a person name after titles are stripped.
size_t PartCount(std::string_view text, std::string_view lang) {
  thread_local std::vector<names::Part> parts;
  names::SplitName(text, EntityType::kPer, lang, &parts);
  return parts.size();
}

void LinkPersons(std::string_view lang, std::vector<Entity>* ents) {
  std::unordered_map<std::string, Candidates> by_surname;
  std::vector<std::string> surnames(ents->size());
  std::vector<bool> is_short(ents->size(), false);
  for (size_t i = 0; i < ents->size(); ++i) {
    const Entity& e = (*ents)[i];
    if (e.type != EntityType::kPer) continue;
    surnames[i] = SurnameKey(e.text, lang);
    if (surnames[i].empty()) continue;
    is_short[i] = surnames[i] == NameRuleKey(e.text, EntityType::kPer, lang);
    if (!is_short[i] && PartCount(e.text, lang) > 1) by_surname[surnames[i]].Add(e.key);
  }
  for (size_t i = 0; i < ents->size(); ++i) {
    if (!is_short[i]) continue;
    auto it = by_surname.find(surnames[i]);
    if (it != by_surname.end() && !it->second.ambiguous) (*ents)[i].key = it->second.key;
  }
}

// The acronym in a trailing parenthesis: "Libyan National Army (LNA)" -> "LNA".
std::string_view TrailingAcronym(std::string_view text) {
  const size_t close = text.find_last_not_of(" \t");
  if (close == std::string_view::npos || text[close] != ')') return {};
  const size_t open = text.rfind('(', close);
  if (open == std::string_view::npos || open == 0) return {};
  const std::string_view inner = text.substr(open + 1, close - open - 1);
  return names::IsAcronym(inner) ? inner : std::string_view();
}

std::string AcronymId(std::string_view acronym) {
  std::string id;
  for (char c : acronym) {
    if (c >= 'A' && c <= 'Z') id.push_back(c);
  }
  return id;
}

bool IsOrg(const Entity& e) { return e.type == EntityType::kOrg; }

bool Adjacent(const Entity& a, const Entity& b) { return a.end <= b.start && b.start - a.end <= 3; }

// Acronyms defined in the document: long form followed (or preceded) by the
// acronym in parentheses, as one mention or two adjacent ones.
std::unordered_map<std::string, Candidates> FindDefinitions(const std::vector<Entity>& ents) {
  std::unordered_map<std::string, Candidates> defs;
  for (size_t i = 0; i < ents.size(); ++i) {
    const Entity& e = ents[i];
    if (!IsOrg(e)) continue;
    const std::string_view inner = TrailingAcronym(e.text);
    if (!inner.empty()) defs[AcronymId(inner)].Add(e.key);
    if (i + 1 >= ents.size() || !IsOrg(ents[i + 1])) continue;
    const Entity& n = ents[i + 1];
    const bool e_acr = names::IsAcronym(e.text), n_acr = names::IsAcronym(n.text);
    if (e_acr == n_acr || !Adjacent(e, n)) continue;
    const Entity& acr = e_acr ? e : n;
    const Entity& full = e_acr ? n : e;
    defs[AcronymId(acr.text)].Add(full.key);
  }
  return defs;
}

void LinkAcronyms(std::vector<Entity>* ents) {
  const auto defs = FindDefinitions(*ents);
  if (defs.empty()) return;
  for (Entity& e : *ents) {
    if (!IsOrg(e) || !names::IsAcronym(e.text)) continue;
    auto it = defs.find(AcronymId(e.text));
    if (it != defs.end() && !it->second.ambiguous) e.key = it->second.key;
  }
}

}  // namespace

void LinkDocumentEntities(std::string_view lang, std::vector<Entity>* ents) {
  if (ents == nullptr || ents->empty()) return;
  LinkPersons(lang, ents);
  LinkAcronyms(ents);
}

}  // namespace dateline
