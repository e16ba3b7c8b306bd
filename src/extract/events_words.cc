// Words and sentences for the event finder: a byte-class word splitter that
// lowers the text once, sentence breaks, and the small closed word classes
// (articles, possessives, conjunctions...) the rules of events.cc ask about.
#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "extract/events_internal.h"

namespace dateline::events {

// Lower case for ASCII and the two-byte Latin-1 capitals (U+00C0..U+00DE).
std::string Lower(std::string_view w) {
  std::string out(w);
  for (size_t i = 0; i < out.size(); ++i) {
    auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      auto d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
  }
  return out;
}

namespace {

// Quote marks and apostrophes that are three-byte UTF-8: “ ” „ ‘ ’ ‚ « » (two bytes).
size_t QuoteMarkLength(std::string_view t, size_t i) {
  auto c = static_cast<unsigned char>(t[i]);
  if (c == '"') return 1;
  if (c == 0xC2 && i + 1 < t.size() &&
      (static_cast<unsigned char>(t[i + 1]) == 0xAB ||
       static_cast<unsigned char>(t[i + 1]) == 0xBB)) {
    return 2;
  }
  if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80) {
    const auto d = static_cast<unsigned char>(t[i + 2]);
    if (d >= 0x98 && d <= 0x9F) return 3;
  }
  return 0;
}

// Byte classes of the word splitter.
enum ByteClass : uint8_t { kOther, kWordByte, kLineBreak, kPunct, kMaybeQuote };

constexpr std::array<uint8_t, 256> MakeByteClasses() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
      t[c] = kWordByte;
    }
  }
  t['\n'] = t['\r'] = kLineBreak;
  for (char c : std::string_view(",;:.!?()")) t[static_cast<unsigned char>(c)] = kPunct;
  t['"'] = t['\''] = t[0xC2] = t[0xE2] = kMaybeQuote;  // " ' « » and “ ” „ ‘ ’ ‚
  return t;
}
constexpr std::array<uint8_t, 256> kByteClasses = MakeByteClasses();

Word MakeWord(uint32_t start, uint32_t end, char punct, bool* line) {
  Word w;
  w.start = start;
  w.end = end;
  w.punct = punct;
  w.line_before = std::exchange(*line, false);
  return w;
}

// The end of the word that starts at i: word bytes, and a hyphen or a dot
// between word bytes ("cease-fire", "U.S"); a quote mark ends it.
size_t WordEnd(std::string_view t, size_t i) {
  size_t j = i;
  while (j < t.size()) {
    const auto c = static_cast<unsigned char>(t[j]);
    const uint8_t cls = kByteClasses[c];
    if (cls == kWordByte || (cls == kMaybeQuote && c >= 0x80 && QuoteMarkLength(t, j) == 0)) {
      ++j;
    } else if ((c == '-' || c == '.') && j > i && j + 1 < t.size() &&
               kByteClasses[static_cast<unsigned char>(t[j + 1])] == kWordByte) {
      ++j;
    } else if (c == ',' && j > i && j + 1 < t.size() &&
               std::isdigit(static_cast<unsigned char>(t[j - 1])) &&
               std::isdigit(static_cast<unsigned char>(t[j + 1]))) {
      ++j;  // "30,000"
    } else {
      break;
    }
  }
  return j == i ? i + 1 : j;
}

}  // namespace

// `lowered` receives the text in lower case (same length); words view it.
std::vector<Word> SplitWords(std::string_view t, std::string* lowered) {
  *lowered = Lower(t);
  std::vector<Word> words;
  words.reserve(t.size() / 5);
  bool line = false;
  size_t i = 0;
  while (i < t.size()) {
    const auto c = static_cast<unsigned char>(t[i]);
    const uint8_t cls = kByteClasses[c];
    if (cls == kLineBreak) {
      line = true;
      ++i;
    } else if (cls == kMaybeQuote && (c == '\'' || QuoteMarkLength(t, i) > 0)) {
      // An apostrophe after a letter splits a word ("Haftar's", "l'armée"): the
      // mark itself is dropped; a quote mark is a punctuation token.
      const size_t q = std::max<size_t>(QuoteMarkLength(t, i), 1);
      const bool apostrophe = c == '\'' || (q == 3 && static_cast<unsigned char>(t[i + 2]) == 0x99);
      if (!(apostrophe && i > 0 &&
            kByteClasses[static_cast<unsigned char>(t[i - 1])] == kWordByte)) {
        words.push_back(
            MakeWord(static_cast<uint32_t>(i), static_cast<uint32_t>(i + q), '"', &line));
      }
      i += q;
    } else if (cls == kWordByte || cls == kMaybeQuote) {
      const size_t j = WordEnd(t, i);
      Word w = MakeWord(static_cast<uint32_t>(i), static_cast<uint32_t>(j), 0, &line);
      w.lower = std::string_view(*lowered).substr(i, j - i);
      w.upper = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                (c == 0xC3 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) < 0x9F);
      words.push_back(std::move(w));
      i = j;
    } else {
      if (cls == kPunct) {
        words.push_back(MakeWord(static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1),
                                 static_cast<char>(c), &line));
      }
      ++i;
    }
  }
  return words;
}

namespace {

const WordSet kAbbreviations{"mr",  "mrs", "ms",   "dr",   "st",   "gen", "col", "lt",   "sgt",
                             "gov", "sen", "rep",  "prof", "jr",   "sr",  "inc", "corp", "co",
                             "ltd", "no",  "vs",   "dhr",  "mevr", "mw",  "ir",  "drs",  "mgr",
                             "nr",  "blz", "bzw",  "ca",   "mme",  "m",   "sra", "sr",   "jan",
                             "feb", "aug", "sept", "sep",  "oct",  "okt", "nov", "dec"};

bool IsAbbreviation(const Word& w) {
  if (w.lower.find('.') != std::string_view::npos) return true;
  return w.lower.size() == 1 || kAbbreviations.contains(w.lower);  // or an initial
}

}  // namespace

// Sentences as [first word, end word) ranges: a break after . ! ? before an
// upper-case word, a quote mark or a line break; and at every line break.
std::vector<std::pair<size_t, size_t>> Sentences(const std::vector<Word>& w) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t begin = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    if (i > begin && w[i].line_before) {
      out.emplace_back(begin, i);
      begin = i;
    }
    const char p = w[i].punct;
    if (p != '.' && p != '!' && p != '?') continue;
    if (p == '.' && i > 0 && w[i - 1].punct == 0 && IsAbbreviation(w[i - 1])) continue;
    size_t next = i + 1;
    while (next < w.size() && w[next].punct == '"' && !w[next].line_before) ++next;
    if (next < w.size() && !w[next].line_before && !w[next].upper) continue;
    out.emplace_back(begin, next);
    begin = next;
    i = next - 1;
  }
  if (begin < w.size()) out.emplace_back(begin, w.size());
  return out;
}

bool IsConjunction(const Word& w) {
  static const WordSet kWords{"and", "en", "und", "et", "y", "e"};
  return kWords.contains(w.lower);
}

bool IsAdverb(const Word& w) {
  static const WordSet kWords{"also", "soon", "then", "still", "now", "again",
                              "ook",  "nu",   "snel", "bald",  "auch"};
  return kWords.contains(w.lower) || (w.lower.size() > 4 && w.lower.ends_with("ly"));
}

bool IsCallVerb(const Word& w) {
  static const WordSet kWords{"called",  "calls",  "noemde",   "noemt",
                              "noemden", "nannte", "qualifié", "calificó"};
  return kWords.contains(w.lower);
}

bool IsDefinite(const Word& w) {
  static const WordSet kWords{"the", "de", "het", "die", "der", "das", "dem", "den",
                              "des", "le", "la",  "les", "el",  "los", "las"};
  return kWords.contains(w.lower);
}

bool IsPossessive(const Word& w) {
  static const WordSet kWords{"its",  "their", "his",  "her",   "our",  "hun",   "zijn",
                              "haar", "ons",   "sein", "seine", "ihre", "ihren", "son",
                              "sa",   "ses",   "leur", "leurs", "su",   "sus"};
  return kWords.contains(w.lower);
}

bool IsDeterminer(const Word& w) {
  static const WordSet kWords{"the", "a",   "an",  "de",   "het", "een", "der",  "die", "das",
                              "den", "dem", "ein", "eine", "le",  "la",  "les",  "l",   "un",
                              "une", "des", "el",  "los",  "las", "una", "unos", "unas"};
  return kWords.contains(w.lower);
}

bool IsFunctionWord(const Word& w) {
  static const WordSet kWords{"to",   "te",  "om",    "zu",   "that", "dat",  "dass", "of",
                              "van",  "von", "which", "who",  "die",  "and",  "en",   "und",
                              "or",   "for", "voor",  "with", "met",  "from", "uit",  "als",
                              "when", "if",  "as",    "than", "dan",  "at",   "bij"};
  return kWords.contains(w.lower);
}

// ------------------------------------------------------------------ sending

bool IsSendVerb(const Word& w) {
  static const WordSet kWords{
      // en
      "send", "sends", "sent", "sending", "dispatch", "dispatched", "dispatches", "dispatching",
      "deliver", "delivers", "delivered", "delivering", "ship", "shipped", "ships", "supplied",
      "supplies", "supply", "supplying",
      // nl
      "stuur", "stuurt", "stuurde", "stuurden", "gestuurd", "sturen", "zond", "zonden", "zendt",
      "gezonden", "zenden", "bracht", "brachten", "brengt", "brengen", "gebracht", "levert",
      "leverde", "leverden", "geleverd", "leveren", "verstuurde", "verstuurt", "verstuurden",
      "verstuurd",
      // de
      "schickt", "schickte", "schickten", "geschickt", "schicken", "entsandt", "entsendet",
      "entsandte", "liefert", "lieferte", "lieferten", "geliefert", "liefern",
      // fr
      "envoie", "envoient", "envoyé", "envoyés", "envoyer", "dépêché", "livré", "livre", "livrent",
      // es
      "envió", "envía", "envían", "enviado", "enviar", "enviaron", "entregó", "entregado"};
  return kWords.contains(w.lower);
}

SentKind SentObject(const Word& w) {
  if (w.punct != 0) return SentKind::kNone;
  static const StemSet kPolice{"police",    "politie", "agenten", "polizei", "polizisten",
                               "policiers", "policía", "gendarm", "mobiele"};
  static const StemSet kTroops{
      "troop",      "soldier",    "forces",     "warship",       "frigate",     "fighter",
      "jets",       "tanks",      "reinforcem", "marines",       "paratroop",   "troepen",
      "militair",   "soldaten",   "strijders",  "oorlogssch",    "fregat",      "marinesch",
      "gevechtsvl", "straaljag",  "pantser",    "versterkin",    "mariniers",   "commando",
      "truppen",    "soldat",     "kriegssch",  "kampfjet",      "panzer",      "troupes",
      "soldats",    "militaires", "navire",     "tropas",        "soldados",    "militares",
      "buque",      "helikopter", "helicopter", "hélicoptère",   "helicóptero", "gunships",
      "carrier",    "bomber",     "destroyer",  "vliegdekschip", "bommenwerper"};
  static const StemSet kAid{"aid",        "food",      "supplies",     "medic",      "tents",
                            "water",      "vaccin",    "relief",       "doctors",    "blankets",
                            "fuel",       "weapons",   "arms",         "ammunition", "hulp",
                            "noodhulp",   "voedsel",   "medicijn",     "tenten",     "drinkwater",
                            "vaccins",    "artsen",    "dekens",       "brandstof",  "wapens",
                            "munitie",    "personeel", "hulpgoed",     "hilfe",      "lebensmittel",
                            "medikament", "zelte",     "waffen",       "aide",       "vivres",
                            "médicament", "armes",     "ayuda",        "alimentos",  "medicin",
                            "armas",      "pakketten", "voedselpakket"};
  if (kPolice.Prefixes(w.lower)) return SentKind::kPolice;
  if (kAid.Prefixes(w.lower)) return SentKind::kAid;
  if (kTroops.Prefixes(w.lower)) return SentKind::kTroops;
  return SentKind::kNone;
}

bool IsRejectedThing(const Word& w) {
  static const StemSet kStems{
      // en
      "demand", "proposal", "offer", "plan", "accusation", "allegation", "charge", "claim",
      "resolution", "bill", "motion", "request", "ultimatum", "criticism", "statement",
      // nl
      "eis", "voorstel", "aanbod", "beschuldiging", "aanklacht", "verwijt", "kritiek", "resolutie",
      "wetsvoorstel", "verzoek", "beweringen", "tekst", "uitspraak",
      // de
      "forderung", "vorschlag", "angebot", "vorwürf", "vorwurf", "anschuldigung", "kritik",
      // fr es
      "exigence", "proposition", "offre", "accusation", "demanda", "propuesta", "oferta",
      "acusacion", "acusación"};
  return w.punct == 0 && kStems.Prefixes(w.lower);
}

bool IsHazard(std::string_view actor) {
  static constexpr std::string_view kHazards[] = {
      "storm",    "hurricane", "cyclone", "typhoon", "tornado",    "earthquake",   "quake",
      "flood",    "wildfire",  "orkaan",  "cycloon", "aardbeving", "overstroming", "sturm",
      "erdbeben", "tempête",   "ouragan", "séisme",  "tormenta",   "huracán",      "terremoto"};
  const std::string lower = Lower(actor);
  for (std::string_view h : kHazards) {
    if (lower.find(h) != std::string::npos) return true;
  }
  return false;
}

bool IsAbstractNoun(const Word& w) {
  static const StemSet kStems{
      "violen",     "geweld", "gewalt", "klacht", "complaint", "decision", "besluit",
      "beslissing", "move",   "stap",   "step",   "situat",    "incident", "death",
      "dood",       "arrest", "zaak",   "case",   "affaire",   "caso",     "plan",
      "beleid",     "policy", "wet",    "law",    "ramp",      "disaster", "toestand"};
  return w.punct == 0 && kStems.Prefixes(w.lower);
}

bool IsInjuryWord(const Word& w) {
  static const WordSet kWords{"gewond",    "gewonden", "wounded", "injured", "verletzt",
                              "verwundet", "blessés",  "blessé",  "heridos", "herido"};
  return kWords.contains(w.lower);
}

bool IsPersonalPronoun(const Word& w) {
  static const WordSet kWords{"he", "she",  "they", "hij",   "zij", "ze",   "er",   "sie",
                              "il", "elle", "ils",  "elles", "él",  "ella", "ellos"};
  return kWords.contains(w.lower);
}

bool IsOpeningAdverb(const Word& w) {
  static const WordSet kWords{"ook",       "daar",       "toen",   "daarna",     "intussen",
                              "inmiddels", "vervolgens", "nu",     "later",      "eerder",
                              "auch",      "dann",       "danach", "inzwischen", "zudem",
                              "dort",      "jetzt",      "später"};
  return kWords.contains(w.lower);
}

bool EnglishParticiple(const Word& w) {
  const std::string_view s = w.lower;
  if (s.ends_with("ed") || s.ends_with("en") || s.ends_with("wn")) return true;
  for (std::string_view p : {"shot", "struck", "hit", "held", "met", "fought", "sought", "caught",
                             "hurt", "put", "set", "cut", "led", "sent", "kept", "left"}) {
    if (s == p) return true;
  }
  return false;
}

bool Participle(const Word& w) {
  const std::string_view s = w.lower;
  if (s.size() < 6) return false;
  const char last = s.back();
  if (last != 'd' && last != 't' && last != 'n') return false;
  // A past plural ("beschuldigden", "bekogelden", "ontvoerden"; German
  // "bestätigten"): stem, then -den or -ten after a consonant. Strong
  // participles put a vowel there ("verboden", "beschoten").
  if (s.ends_with("den") || s.ends_with("ten")) {
    const char before = s[s.size() - 4];
    if (std::string_view("aeioudt").find(before) == std::string_view::npos) return false;
  }
  const size_t ge = s.find("ge");
  if (ge != std::string::npos && ge <= 4) return true;
  for (std::string_view p : {"be", "ver", "ont", "er", "zer"}) {
    if (s.starts_with(p)) return true;
  }
  // A separable particle before "ge" ("teruggetrokken", "samengetrokken",
  // "binnengevallen", "zusammengezogen").
  if (ge != std::string::npos && ge <= 8) {
    for (std::string_view p : {"samen", "terug", "binnen", "tegen", "voorbij", "achter", "neer",
                               "zurück", "zusammen", "nieder", "vorbei"}) {
      if (s.starts_with(p) && s.substr(p.size()).starts_with("ge")) return true;
    }
  }
  return false;
}

}  // namespace dateline::events
