// Rules applied before and after Snowball for nl, de, fr, es and en. They only
// look at the word and the stem, so forms that Snowball already merged stay
// merged. Inputs are folded: lower case, no diacritics.
#include "text/stem_fixes.h"

#include <string>
#include <string_view>

namespace dateline::text::internal {
namespace {

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

template <size_t N>
bool IsOneOf(std::string_view s, const std::string_view (&list)[N]) {
  for (const std::string_view x : list) {
    if (s == x) return true;
  }
  return false;
}

// Replaces a whole word from a table of irregular forms.
struct Irregular {
  std::string_view from;
  std::string_view to;
};

template <size_t N>
void ReplaceIrregular(std::string* word, const Irregular (&table)[N]) {
  for (const Irregular& e : table) {
    if (*word == e.from) {
      *word = std::string(e.to);
      return;
    }
  }
}

// Removes the last of a doubled final consonant ("aanvall" -> "aanval").
void UndoubleFinal(std::string* s) {
  const size_t n = s->size();
  if (n >= 4 && (*s)[n - 1] == (*s)[n - 2] && !IsVowel((*s)[n - 1])) s->pop_back();
}

// ---------------------------------------------------------------- Dutch

constexpr Irregular kDutchIrregular[] = {
    {"steden", "stad"},   {"schepen", "schip"}, {"kinderen", "kind"}, {"volkeren", "volk"},
    {"liederen", "lied"}, {"eieren", "ei"},     {"gaat", "gaan"},     {"ging", "gaan"},
    {"gingen", "gaan"},   {"gegaan", "gaan"},   {"staat", "staat"},   {"zei", "zeggen"},
    {"zeiden", "zeggen"}, {"gezegd", "zeggen"}, {"zegt", "zeggen"},   {"deed", "doen"},
    {"deden", "doen"},    {"gedaan", "doen"},   {"doet", "doen"},     {"kwam", "komen"},
    {"kwamen", "komen"},  {"gekomen", "komen"}, {"nam", "nemen"},     {"namen", "nemen"},
    {"genomen", "nemen"}, {"vielen", "vallen"}, {"viel", "vallen"},   {"gevallen", "vallen"},
    {"werd", "worden"},   {"werden", "worden"}, {"wordt", "worden"},  {"geworden", "worden"},
};

// Nouns whose "ge-" is part of the word, not a participle prefix.
constexpr std::string_view kDutchGeNouns[] = {
    "gebruik", "gebeur",   "geloof", "geniet", "gemeent", "gebied", "gezicht", "gedrag", "gewicht",
    "gerecht", "gericht",  "gelijk", "gebed",  "gebit",   "gevoel", "gesprek", "geheim", "gezond",
    "gedacht", "geschied", "gewest", "gezant", "gezag",   "genood", "getuig",  "gevest", "geweld",
};

// Separable prefixes that take "ge" after them in participles ("aangevallen").
constexpr std::string_view kDutchSeparable[] = {
    "aan",  "af",   "op",    "uit",  "mee",  "toe",  "terug", "weg",
    "neer", "vast", "samen", "voor", "door", "over", "bij",   "in",
};

constexpr std::string_view kDutchInfixExceptions[] = {"ingenieur", "aangenam", "overgewicht",
                                                      "ingewikkeld", "opgewond"};

bool DutchStartsWithGeNoun(std::string_view s) {
  for (const std::string_view noun : kDutchGeNouns) {
    if (StartsWith(s, noun)) return true;
  }
  return false;
}

void DutchStripGe(std::string* s) {
  const bool dt = !s->empty() && (s->back() == 'd' || s->back() == 't');
  if (dt && s->size() >= 7 && StartsWith(*s, "ge") && !DutchStartsWithGeNoun(*s)) {
    s->erase(0, 2);
    return;
  }
  for (const std::string_view p : kDutchSeparable) {
    if (s->size() < p.size() + 2 + 4 || !StartsWith(*s, p)) continue;
    if (s->compare(p.size(), 2, "ge") != 0) continue;
    for (const std::string_view e : kDutchInfixExceptions) {
      if (StartsWith(*s, e)) return;
    }
    s->erase(p.size(), 2);
    return;
  }
}

// Diminutives: "huisjes" -> "huisj" -> "huis", "bommetj" -> "bomm".
void DutchStripDiminutive(std::string* s) {
  if (EndsWith(*s, "jes")) s->pop_back();
  if (EndsWith(*s, "je")) s->pop_back();
  const size_t n = s->size();
  if (n >= 6 && EndsWith(*s, "etj") && (*s)[n - 4] == (*s)[n - 5] && !IsVowel((*s)[n - 4])) {
    s->resize(n - 3);
  } else if (n >= 4 && s->back() == 'j' && !IsVowel((*s)[n - 2])) {
    s->pop_back();
  }
}

// A long vowel written double, or a diphthong, just before position `i`.
bool DutchLongVowelBefore(std::string_view s, size_t i) {
  if (i < 2) return false;
  const char a = s[i - 2];
  const char b = s[i - 1];
  return (IsVowel(a) && IsVowel(b)) || (a == 'i' && b == 'j');
}

// Nouns ending in -d/-t that look like verb forms.
constexpr std::string_view kDutchDtNouns[] = {"beeld", "paard", "maand", "kaart", "staart",
                                              "vaart", "aard",  "baard", "markt", "kust"};

// Final -d/-t of past tenses, participles and the present tense.
void DutchStripDt(std::string* s) {
  const size_t n = s->size();
  if (n < 4 || IsOneOf(*s, kDutchDtNouns)) return;
  const char last = (*s)[n - 1];
  const char prev = (*s)[n - 2];
  if (last != 'd' && last != 't') return;
  if (IsVowel(prev) || prev == 'd' || prev == 't' || prev == 's') return;
  const bool lnrm = prev == 'l' || prev == 'n' || prev == 'r' || prev == 'm';
  const bool aa = (*s)[n - 3] == 'a' && (*s)[n - 4] == 'a';
  if (lnrm && DutchLongVowelBefore(*s, n - 2)) {
    if (aa && prev != 'l') return;  // "paard", "maand": not verb forms
    s->pop_back();
    return;
  }
  const bool short_vowel = lnrm && IsVowel((*s)[n - 3]);
  if (last == 't') {
    const bool kofschip =
        prev == 'k' || prev == 'p' || prev == 'f' || (prev == 'h' && (*s)[n - 3] == 'c');
    const bool short_lm = short_vowel && (prev == 'l' || prev == 'm');
    const bool schwa = short_vowel && n >= 8 && (*s)[n - 3] == 'e';
    if (kofschip || short_lm || schwa) s->pop_back();
    return;
  }
  // last == 'd': keep "held", "kind", "land"; strip "handeld", "noemd", "bouwd".
  if (short_vowel && n < 7) return;
  if (lnrm && !short_vowel && !DutchLongVowelBefore(*s, n - 2) && n < 7) return;
  s->pop_back();
}

// "protesteer" -> "protester": a doubled vowel before one final consonant.
void DutchReduceVowel(std::string* s) {
  const size_t n = s->size();
  if (n < 4) return;
  const char c = (*s)[n - 1];
  const char v = (*s)[n - 2];
  if (IsVowel(c) || c == 'j' || v != (*s)[n - 3] || !IsVowel(v) || v == 'i') return;
  if (IsVowel((*s)[n - 4])) return;
  s->erase(n - 2, 1);
}

// Final devoicing in spelling: "huiz" (huizen) -> "huis", "briev" -> "brief".
void DutchFinalVoicing(std::string* s) {
  if (s->size() < 3) return;
  if (s->back() == 'z') s->back() = 's';
  if (s->back() == 'v') s->back() = 'f';
}

void DutchPre(std::string* word) { ReplaceIrregular(word, kDutchIrregular); }

void DutchPost(std::string_view /*word*/, std::string* s) {
  DutchStripGe(s);
  DutchStripDiminutive(s);
  DutchStripDt(s);
  UndoubleFinal(s);
  DutchReduceVowel(s);
  DutchFinalVoicing(s);
}

// ---------------------------------------------------------------- German

constexpr Irregular kGermanIrregular[] = {
    {"sagte", "sagen"},     {"sagten", "sagen"},   {"gesagt", "sagen"}, {"ging", "gehen"},
    {"gingen", "gehen"},    {"gegangen", "gehen"}, {"kam", "kommen"},   {"kamen", "kommen"},
    {"gekommen", "kommen"}, {"stadte", "stadt"},
};

constexpr std::string_view kGermanGeNouns[] = {
    "gebiet",     "gericht",      "gesicht",      "gewalt",   "geschicht",    "gedicht",
    "gewicht",    "gesetz",       "gestalt",      "gehalt",   "geburt",       "gelegenheit",
    "gesundheit", "gemeinschaft", "gesellschaft", "geschaft", "gewerkschaft", "gefecht",
    "gerucht",    "geheimnis",    "gefahr",       "geduld",
};

constexpr std::string_view kGermanSeparable[] = {
    "an",  "auf",  "aus", "ab",  "ein",  "mit", "vor", "zu",     "zuruck", "nach",
    "bei", "fest", "weg", "los", "fort", "her", "hin", "vorbei", "heraus", "zusammen",
};

bool GermanIsGeNoun(std::string_view s) {
  for (const std::string_view noun : kGermanGeNouns) {
    if (StartsWith(s, noun)) return true;
  }
  return false;
}

// Removes the "ge" of a participle ("gewahlt", "angegriffen"); true if it did.
bool GermanStripGe(std::string* s) {
  if (s->size() >= 7 && StartsWith(*s, "ge") && s->back() == 't' && !GermanIsGeNoun(*s)) {
    s->erase(0, 2);
    return true;
  }
  for (const std::string_view p : kGermanSeparable) {
    if (s->size() < p.size() + 2 + 4 || !StartsWith(*s, p)) continue;
    if (s->compare(p.size(), 2, "ge") != 0 || GermanIsGeNoun(s->substr(p.size()))) continue;
    s->erase(p.size(), 2);
    return true;
  }
  return false;
}

void GermanPre(std::string* word) { ReplaceIrregular(word, kGermanIrregular); }

// Verb endings Snowball leaves: "verhandelt", "verhandeln", "fordert", "meldet".
void GermanPost(std::string_view /*word*/, std::string* s) {
  const bool participle = GermanStripGe(s);
  const size_t n = s->size();
  if (n >= 6 && EndsWith(*s, "ert")) {
    s->resize(n - 3);
  } else if (n >= 6 && (EndsWith(*s, "elt") || EndsWith(*s, "eln"))) {
    s->pop_back();
  } else if (n >= 6 && EndsWith(*s, "et") && !IsVowel((*s)[n - 3])) {
    s->resize(n - 2);
  } else if (participle && n >= 4 && s->back() == 't') {
    s->pop_back();
  }
}

// ---------------------------------------------------------------- French

constexpr Irregular kFrenchIrregular[] = {
    {"yeux", "oeil"}, {"fait", "faire"}, {"faits", "faire"}, {"dit", "dire"}, {"dits", "dire"},
};

void FrenchPre(std::string* word) {
  ReplaceIrregular(word, kFrenchIrregular);
  // Folding removed the accents Snowball looks for: "-ee(s)" was "-ée(s)".
  if (word->size() > 5 && EndsWith(*word, "ees")) word->resize(word->size() - 2);
  if (word->size() > 4 && EndsWith(*word, "ee")) word->pop_back();
}

void FrenchPost(std::string_view /*word*/, std::string* s) {
  const size_t n = s->size();
  if (n > 4 && EndsWith(*s, "ier")) {
    s->pop_back();
    s->pop_back();
  } else if (n > 4 && s->back() == 'e') {
    s->pop_back();
  }
  UndoubleFinal(s);
}

// ---------------------------------------------------------------- Spanish

constexpr Irregular kSpanishIrregular[] = {
    {"dijo", "decir"}, {"dijeron", "decir"}, {"fue", "ser"},
    {"fueron", "ser"}, {"hizo", "hacer"},    {"hicieron", "hacer"},
};

// Plural "-es" after a consonant: "ciudades" -> "ciudad", "luces" -> "luz".
void SpanishSingular(std::string* w) {
  const size_t n = w->size();
  if (n < 5 || !EndsWith(*w, "es")) return;
  const char c = (*w)[n - 3];
  if (c == 'c') {
    w->resize(n - 3);
    w->push_back('z');
  } else if (c == 'd' || c == 'l' || c == 'n' || c == 'r' || c == 's' || c == 'j' || c == 'y') {
    w->resize(n - 2);
  }
}

void SpanishPre(std::string* word) {
  ReplaceIrregular(word, kSpanishIrregular);
  if (EndsWith(*word, "iernos")) word->pop_back();
  SpanishSingular(word);
  // Folding removed the accent of "-ción"/"-sión" that Snowball expects.
  if (word->size() > 5 && (EndsWith(*word, "cion") || EndsWith(*word, "sion"))) {
    word->resize(word->size() - 2);
    *word += "\xC3\xB3n";  // "ón"
  }
}

void SpanishPost(std::string_view /*word*/, std::string* s) {
  // Snowball keeps some accents; the index is accent-free.
  size_t pos;
  while ((pos = s->find("\xC3\xB3")) != std::string::npos) s->replace(pos, 2, "o");
}

// ---------------------------------------------------------------- English

constexpr Irregular kEnglishIrregular[] = {
    {"said", "say"},       {"told", "tell"},     {"took", "take"},     {"taken", "take"},
    {"held", "hold"},      {"fought", "fight"},  {"sent", "send"},     {"fled", "flee"},
    {"struck", "strike"},  {"shot", "shoot"},    {"began", "begin"},   {"begun", "begin"},
    {"came", "come"},      {"went", "go"},       {"gone", "go"},       {"spoke", "speak"},
    {"spoken", "speak"},   {"wrote", "write"},   {"written", "write"}, {"gave", "give"},
    {"given", "give"},     {"brought", "bring"}, {"thought", "think"}, {"found", "find"},
    {"built", "build"},    {"stood", "stand"},   {"men", "man"},       {"women", "woman"},
    {"children", "child"}, {"led", "lead"},      {"won", "win"},       {"lost", "lose"},
    {"caught", "catch"},   {"sought", "seek"},   {"bought", "buy"},    {"chose", "choose"},
    {"chosen", "choose"},  {"died", "die"},      {"dying", "die"},
};

// British spellings to American ones: "-isation", "-ise", "-our", "-tre".
void EnglishSpelling(std::string* w) {
  static constexpr Irregular kSuffixes[] = {
      {"isations", "izations"}, {"isation", "ization"}, {"ising", "izing"}, {"ised", "ized"},
      {"ises", "izes"},         {"ise", "ize"},         {"ours", "ors"},    {"oured", "ored"},
      {"ouring", "oring"},      {"our", "or"},          {"tres", "ters"},   {"tre", "ter"},
  };
  for (const Irregular& e : kSuffixes) {
    if (w->size() >= e.from.size() + 3 && EndsWith(*w, e.from)) {
      const size_t stem_len = w->size() - e.from.size();
      if (e.from[0] == 'i' && IsVowel((*w)[stem_len - 1])) return;  // "raise", "noise"
      w->resize(stem_len);
      *w += e.to;
      return;
    }
  }
}

void EnglishPre(std::string* word) {
  ReplaceIrregular(word, kEnglishIrregular);
  EnglishSpelling(word);
}

void EnglishPost(std::string_view word, std::string* s) {
  // Snowball over-stems these onto unrelated words ("organ", "universe").
  if (StartsWith(word, "organiz")) *s = "organiz";
  if (StartsWith(word, "universit")) *s = "universiti";
  if (StartsWith(word, "generat")) *s = "generat";
}

}  // namespace

StemFixes FixesFor(std::string_view lang) {
  if (lang == "nl") return {DutchPre, DutchPost};
  if (lang == "de") return {GermanPre, GermanPost};
  if (lang == "fr") return {FrenchPre, FrenchPost};
  if (lang == "es") return {SpanishPre, SpanishPost};
  if (lang == "en") return {EnglishPre, EnglishPost};
  return {};
}

}  // namespace dateline::text::internal
