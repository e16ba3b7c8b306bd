// The words that attribute quotes, per language: reporting verbs,
// prepositions ("according to", "volgens"), complementisers ("that", "dat"),
// subject pronouns, role nouns ("minister", "woordvoerder") and determiners.
#include <cassert>
#include <string>
#include <unordered_map>

#include "extract/quotes_internal.h"

namespace dateline::quotes {

namespace {

struct Row {
  Cue cue;
  const char* words;  // '|'-separated entries, each one word or several space-separated
};

const Row kEn[] = {
    {Cue::kVerb,
     "said|says|say|told|tells|added|adds|stated|declared|explained|warned|insisted|noted|"
     "argued|claimed|announced|replied|wrote|writes|continued|stressed|acknowledged|admitted|"
     "urged|recalled|asked|asks|adding|saying|has said|had said|have said"},
    {Cue::kPrep, "according to"},
    {Cue::kThat, "that"},
    {Cue::kPronoun, "he|she"},
    {Cue::kOtherPronoun, "it|they|we|i"},
    {Cue::kRole,
     "minister|spokesman|spokeswoman|spokesperson|president|official|officials|chancellor|"
     "mayor|general|commander|ambassador|secretary|envoy|chief|leader|director|governor|"
     "senator|premier|commissioner|prime minister|foreign minister"},
    {Cue::kDet, "the|a|an|his|her|its|their"},
};

const Row kNl[] = {
    {Cue::kVerb,
     "zei|zegt|zeiden|zeggen|verklaarde|verklaart|liet weten|laat weten|voegde toe|"
     "voegde eraan toe|stelde|stelt|benadrukte|waarschuwde|schreef|vertelde|vertelt|meldde|"
     "meldt|antwoordde|reageerde|gezegd|verklaard"},
    {Cue::kPrep, "volgens|aldus"},
    {Cue::kThat, "dat"},
    {Cue::kPronoun, "hij|zij|ze"},
    {Cue::kOtherPronoun, "wij|we|ik"},
    {Cue::kRole,
     "minister|woordvoerder|woordvoerster|premier|president|burgemeester|generaal|"
     "commandant|ambassadeur|gezant|leider|directeur|voorzitter|topman|bevelhebber"},
    {Cue::kDet, "de|het|een|zijn|haar"},
};

const Row kDe[] = {
    {Cue::kVerb,
     "sagte|sagt|sagten|erklärte|erklärt|betonte|betont|warnte|fügte hinzu|meinte|schrieb|"
     "teilte mit|berichtete|gesagt|kündigte an"},
    {Cue::kSo, "so"},
    {Cue::kPrep, "laut"},
    {Cue::kPost, "zufolge"},
    {Cue::kThat, "dass|daß"},
    {Cue::kPronoun, "er|sie"},
    {Cue::kOtherPronoun, "es|wir|ich"},
    {Cue::kRole,
     "minister|ministerin|sprecher|sprecherin|präsident|präsidentin|kanzler|kanzlerin|"
     "bürgermeister|bürgermeisterin|general|botschafter|gesandte|chef|chefin|vorsitzende"},
    {Cue::kDet, "der|die|das|ein|eine|sein|seine|ihr|ihre"},
};

const Row kFr[] = {
    {Cue::kVerb,
     "a déclaré|a dit|dit|déclare|a affirmé|affirme|a ajouté|ajoute|a expliqué|explique|"
     "a souligné|souligne|a estimé|estime|a indiqué|indique|a assuré|assure|a averti|"
     "a précisé|précise|a lancé|a confié|a poursuivi|déclaré|affirmé|ajouté|expliqué|"
     "souligné|estimé|indiqué|assuré|averti|précisé|lancé|confié|poursuivi"},
    {Cue::kPrep, "selon|d'après"},
    {Cue::kThat, "que|qu'"},
    {Cue::kPronoun, "il|elle|a-t-il|a-t-elle"},
    {Cue::kOtherPronoun, "ils|elles|nous|on"},
    {Cue::kRole,
     "ministre|porte-parole|président|présidente|maire|général|ambassadeur|émissaire|"
     "envoyé|chef|dirigeant|directeur|directrice|commissaire|premier ministre"},
    {Cue::kDet, "le|la|l'|les|un|une|son|sa"},
};

const Row kEs[] = {
    {Cue::kVerb,
     "dijo|dice|afirmó|afirma|señaló|señala|declaró|declara|explicó|añadió|agregó|aseguró|"
     "advirtió|indicó|manifestó|subrayó|insistió|sostuvo|apuntó|comentó|ha dicho|ha afirmado|"
     "ha declarado"},
    {Cue::kPrep, "según"},
    {Cue::kThat, "que"},
    {Cue::kPronoun, "él|ella"},
    {Cue::kOtherPronoun, "ellos|ellas|nosotros"},
    {Cue::kRole,
     "ministro|ministra|portavoz|presidente|presidenta|alcalde|alcaldesa|general|embajador|"
     "enviado|jefe|líder|director|directora"},
    {Cue::kDet, "el|la|los|las|un|una|su"},
};

const Row kIt[] = {
    {Cue::kVerb,
     "ha detto|detto|dice|ha dichiarato|dichiarato|dichiara|ha affermato|affermato|afferma|"
     "ha spiegato|spiegato|spiega|ha aggiunto|aggiunto|aggiunge|ha sottolineato|sottolineato|"
     "ha annunciato|ha avvertito|ha ribadito|ribadito|ha assicurato|assicurato"},
    {Cue::kPrep, "secondo"},
    {Cue::kThat, "che|ch'"},
    {Cue::kPronoun, "lui|lei"},
    {Cue::kOtherPronoun, "loro|noi"},
    {Cue::kRole,
     "ministro|ministra|portavoce|presidente|presidentessa|sindaco|generale|ambasciatore|"
     "inviato|capo|leader|direttore|direttrice"},
    {Cue::kDet, "il|lo|la|l'|i|gli|le|un|una|suo|sua"},
};

template <size_t N>
Lexicon Build(const Row (&rows)[N]) {
  Lexicon lex;
  for (const Row& r : rows) {
    std::string entry;
    for (const char* p = r.words;; ++p) {
      if (*p != '|' && *p != '\0') {
        entry.push_back(*p);
        continue;
      }
      const size_t space = entry.find(' ');
      const std::string first = entry.substr(0, space);
      const std::string rest = space == std::string::npos ? "" : entry.substr(space + 1);
      lex.Add(first, {r.cue, rest});
      entry.clear();
      if (*p == '\0') break;
    }
  }
  return lex;
}

}  // namespace

void Lexicon::Add(const std::string& first, Entry e) {
  assert(!first.empty());
  if (2 * (used_ + 1) > slots_.size()) Grow();
  heads_[Head(first)] = true;
  for (size_t i = Hash(first) & mask_;; i = (i + 1) & mask_) {
    Slot& s = slots_[i];
    if (s.key.empty()) s.key = first, ++used_;
    if (s.key != first) continue;
    s.entries.push_back(std::move(e));
    return;
  }
}

void Lexicon::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_ = std::vector<Slot>(old.size() * 2);
  mask_ = slots_.size() - 1;
  used_ = 0;
  for (Slot& s : old) {
    for (Entry& e : s.entries) Add(s.key, std::move(e));
  }
}

const Lexicon* LexiconFor(std::string_view lang) {
  static const std::unordered_map<std::string, Lexicon> kAll = {
      {"en", Build(kEn)}, {"nl", Build(kNl)}, {"de", Build(kDe)},
      {"fr", Build(kFr)}, {"es", Build(kEs)}, {"it", Build(kIt)},
  };
  auto it = kAll.find(std::string(lang));
  return it == kAll.end() ? nullptr : &it->second;
}

}  // namespace dateline::quotes
