// Inflected forms of the Dutch verbs of the hand-written trigger lists
// (round 7): present singular and plural, past singular and plural, the
// participle, the split and joined forms of separable verbs and their "te"
// infinitive, in the notation of events_lexicon.cc. The lexicon adds a form
// only when some other form of the same verb is listed there, and then with
// that form's type and mode (`AddVerbForms` in events_lexicon.cc).
//
// Regular (weak) forms follow the spelling rules: the stem drops -en, a
// doubled consonant is written once ("pakken": pak), an open syllable keeps
// its long vowel ("praten": praat), v and z become f and s ("leven": leef);
// the past takes -te(n) after a voiceless consonant ('t kofschip) and -de(n)
// otherwise; the participle is ge + stem + t/d, without ge after an
// unstressed prefix (be-, ver-, ont-, er-, her-, mis-, over-, onder-, door-,
// ge-). Strong and mixed verbs give their past and participle by hand.
#include <string>
#include <string_view>
#include <vector>

#include "extract/events_internal.h"

namespace dateline::events {

namespace {

// `particle|infinitive[=stem] [past-singular past-plural participle]`: the
// verbs of the Dutch trigger lists (kNlTriggers). Strong verbs give their
// past and participle (without the particle); a stem is given where the
// spelling rules above miss the stress ("uitleveren": lever, not leveer).
constexpr std::string_view kNlVerbs[] = {
    // ASSAULT
    "bombarderen",
    "beschieten beschoot beschoten beschoten",
    "dood|schieten schoot schoten geschoten",
    "neer|schieten schoot schoten geschoten",
    "ontploffen",
    "af|vuren",
    "op|blazen blies bliezen geblazen",
    "executeren=executeer",
    "belegeren=beleger",
    "aan|vallen viel vielen gevallen",
    "binnen|vallen viel vielen gevallen",
    "overvallen overviel overvielen overvallen",
    "vechten vocht vochten gevochten",
    "in|nemen nam namen genomen",
    "binnen|trekken trok trokken getrokken",
    "ontruimen",
    "dood|steken stak staken gestoken",
    "neer|steken stak staken gestoken",
    "om|brengen bracht brachten gebracht",
    "in|slaan sloeg sloegen geslagen",
    "lynchen",
    "mishandelen",
    "martelen",
    // MOBILIZE
    "op|rukken",
    "op|trekken trok trokken getrokken",
    "in|zetten",
    "samen|trekken trok trokken getrokken",
    // CONSULT
    "praten",
    "overleggen",
    "bijeen|komen=kom kwam kwamen gekomen",
    "bezoeken bezocht bezochten bezocht",
    "bellen",
    // AGREE
    "overeen|komen=kom kwam kwamen gekomen",
    "in|stemmen",
    "toe|zeggen zegde zegden gezegd",
    // SUPPORT
    "bedanken",
    "tekenen",
    "steunen",
    "prijzen prees prezen geprezen",
    "erkennen",
    "verdedigen",
    "toe|juichen",
    // COOPERATE
    "samen|werken",
    "uit|leveren=lever",
    // AID
    "schenken schonk schonken geschonken",
    "uit|delen=deel",
    // CONCEDE
    "op|heffen hief hieven geheven",
    "toe|geven gaf gaven gegeven",
    "toe|staan stond stonden gestaan",
    "aanvaarden aanvaardde aanvaardden aanvaard",
    // RETREAT
    "terug|trekken trok trokken getrokken",
    "over|geven gaf gaven gegeven",
    "af|treden trad traden getreden",
    "op|stappen",
    "weg|halen",
    "vrij|laten liet lieten gelaten",
    "vrij|komen=kom kwam kwamen gekomen",
    "uit|wisselen",
    // REQUEST
    "smeken",
    "uit|nodigen",
    "eisen",
    "op|roepen riep riepen geroepen",
    "vragen vroeg vroegen gevraagd",
    "aan|dringen drong drongen gedrongen",
    "ontbieden ontbood ontboden ontboden",
    "verlangen",
    "pleiten",
    // ACCUSE
    "veroordelen=veroordeel",
    "laken",
    "betreuren",
    "verwijten verweet verweten verweten",
    "betichten",
    "vervolgen",
    "aan|klagen",
    "onderzoeken onderzocht onderzochten onderzocht",
    "af|keuren",
    // REJECT
    "af|wijzen wees wezen gewezen",
    "verwerpen verwierp verwierpen verworpen",
    "af|slaan sloeg sloegen geslagen",
    "tegen|stemmen",
    "aan|vechten vocht vochten gevochten",
    // THREATEN
    "zweren zwoer zwoeren gezworen",
    // PROTEST
    "betogen",
    "staken",
    "neer|leggen legde legden gelegd",
    // SANCTION
    "verbreken verbrak verbraken verbroken",
    "op|schorten",
    "stop|zetten",
    "bevriezen bevroor bevroren bevroren",
    "terug|roepen riep riepen geroepen",
    "stoppen",
    "uit|zetten",
    "uit|wijzen wees wezen gewezen",
    // COERCE
    "aan|houden hield hielden gehouden",
    "op|pakken",
    "op|sluiten sloot sloten gesloten",
    "gevangen|nemen nam namen genomen",
    "doorzoeken doorzocht doorzochten doorzocht",
    "gevangen|zetten",
    "vast|zetten",
    "vast|houden hield hielden gehouden",
    "vast|nemen nam namen genomen",
    "bezetten",
    "verbieden verbood verboden verboden",
    "af|sluiten sloot sloten gesloten",
    "censureren",
    "terug|sturen",
};

// Generated forms that are common words outside the event (excluded): nouns
// ("tekenen" signs, "prijzen" prices, "laken" a sheet, "staken" stakes, "inzet"
// effort, "uitzet", "doden" the dead, "zweren" ulcers), other senses of the
// verb ("verdedigen" a town, "een weg ingeslagen" taken,
// "komt overeen" matches, "houdt aan" and "aanhield" persist, "houdt vast
// aan" sticks to, "zet zich in" commits, "neemt een standpunt in", "sluit af"
// and "afsloot" conclude, "slaat af" turns off, "opgetrokken" built), and a
// participle the lists leave out on purpose ("veroordeeld": a sentence, not a
// disapproval; "veroordeeld tot" is COERCE).
constexpr std::string_view kNlExcluded[] = {
    "tekenen",       "tekent",       "prijzen",     "laken",        "staken",        "inzet",
    "doden",         "komt+overeen", "overeenkomt", "overeenkomen", "houdt+aan",     "houden+aan",
    "aanhoudt",      "aanhouden",    "aanhield",    "aanhielden",   "aan_te_houden", "sluit+af",
    "sluiten+af",    "afsluit",      "afsluiten",   "afgesloten",   "afsloot",       "afsloten",
    "af_te_sluiten", "slaat+af",     "slaan+af",    "afslaan",      "afslaat",       "opgetrokken",
    "optrekken",     "veroordeeld",  "zweren",      "gezworen",     "houdt+vast",    "houden+vast",
    "vasthoudt",     "vasthouden",   "zet+in",      "inzetten",     "inzette",       "in_te_zetten",
    "neemt+in",      "nemen+in",     "innemen",     "inneemt",      "in_te_nemen",   "uitzet",
    "verdedigen",    "ingeslagen",
};

bool IsVowel(char c) { return std::string_view("aeiouy").find(c) != std::string_view::npos; }

bool Voiceless(char c) { return std::string_view("tkfschpx").find(c) != std::string_view::npos; }

// The stem of a weak infinitive ("pakken" -> pak, "praten" -> praat).
std::string Stem(std::string_view inf) {
  if (inf.ends_with("aan")) return std::string(inf.substr(0, inf.size() - 1));  // slaan: slaat
  std::string s(inf.substr(0, inf.size() - 2));
  const size_t n = s.size();
  if (n >= 2 && s[n - 1] == s[n - 2] && !IsVowel(s[n - 1])) {
    s.pop_back();
  } else if (n >= 3 && !IsVowel(s[n - 1]) && IsVowel(s[n - 2]) && s[n - 2] != 'i' &&
             !IsVowel(s[n - 3]) && !(s[n - 2] == 'e' && (s[n - 1] == 'l' || s[n - 1] == 'n'))) {
    s.insert(n - 1, 1, s[n - 2]);  // an open syllable: "praten" -> praat
  }
  if (s.back() == 'v') s.back() = 'f';
  if (s.back() == 'z') s.back() = 's';
  return s;
}

bool NoGe(std::string_view verb) {
  for (std::string_view p :
       {"be", "ver", "ont", "er", "her", "mis", "over", "onder", "door", "ge"}) {
    if (verb.starts_with(p) && verb.size() > p.size() + 4) return true;  // not "bellen"
  }
  return false;
}

std::string Ge(std::string_view rest) {
  if (rest.starts_with("e")) return "geë" + std::string(rest.substr(1));
  if (rest.starts_with("i")) return "geï" + std::string(rest.substr(1));
  return "ge" + std::string(rest);
}

struct Paradigm {
  std::string particle, inf, stem, past_sg, past_pl, participle;
};

Paradigm Parse(std::string_view line) {
  Paradigm p;
  std::vector<std::string_view> parts;
  for (size_t i = 0; i < line.size();) {
    size_t j = line.find(' ', i);
    if (j == std::string_view::npos) j = line.size();
    parts.push_back(line.substr(i, j - i));
    i = j + 1;
  }
  std::string_view head = parts[0];
  if (const size_t bar = head.find('|'); bar != std::string_view::npos) {
    p.particle = head.substr(0, bar);
    head.remove_prefix(bar + 1);
  }
  const size_t eq = head.find('=');
  p.inf = head.substr(0, eq);
  p.stem = eq == std::string_view::npos ? Stem(p.inf) : std::string(head.substr(eq + 1));
  if (parts.size() == 4) {
    p.past_sg = parts[1];
    p.past_pl = parts[2];
    p.participle = parts[3];
    return p;
  }
  // 't kofschip: the consonant before -en of the infinitive decides.
  const char c = p.inf[p.inf.size() - 3];
  const bool t = Voiceless(c) || p.inf.ends_with("chen");
  const bool ends_td = p.stem.back() == 't' || p.stem.back() == 'd';
  p.past_sg = p.stem + (t ? "te" : "de");
  p.past_pl = p.past_sg + "n";
  const std::string part = p.stem + (ends_td ? "" : t ? "t" : "d");
  p.participle = NoGe(p.inf) ? part : Ge(part);
  return p;
}

std::vector<std::string> Forms(const Paradigm& p) {
  const std::string third = p.stem + (p.stem.back() == 't' ? "" : "t");
  std::vector<std::string> finite = {third, p.inf, p.past_sg, p.past_pl};
  if (p.particle.empty()) {
    finite.push_back(p.participle);
    return finite;
  }
  std::vector<std::string> out;
  for (const std::string& f : finite) out.push_back(f + "+" + p.particle);  // split
  for (const std::string& f : finite) out.push_back(p.particle + f);        // joined
  out.push_back(p.particle + p.participle);
  out.push_back(p.particle + "_te_" + p.inf);
  return out;
}

}  // namespace

std::vector<std::vector<std::string>> DutchVerbForms() {
  std::vector<std::vector<std::string>> out;
  for (std::string_view line : kNlVerbs) out.push_back(Forms(Parse(line)));
  return out;
}

bool ExcludedVerbForm(std::string_view form) {
  for (std::string_view x : kNlExcluded) {
    if (x == form) return true;
  }
  return false;
}

bool ParticleEndsClause(const std::vector<Word>& w, size_t k, size_t end) {
  // After a separable particle: the clause ends, or a conjunction, an
  // infinitive or an extraposed prepositional phrase follows ("pakte twee
  // mannen op in Amsterdam"), not a noun phrase ("zet de hulp in Mali
  // voort": "in" is a preposition there).
  static const WordSet kAfter = {
      "en",     "maar",   "om",    "te",     "omdat",   "nadat",   "toen",  "die",   "dat",
      "waarna", "in",     "op",    "bij",    "na",      "naar",    "met",   "voor",  "uit",
      "tegen",  "door",   "aan",   "wegens", "vanwege", "tijdens", "sinds", "zei",   "zegt",
      "zeggen", "zeiden", "meldt", "meldde", "van",     "rond",    "nabij", "wegens"};
  if (k + 1 >= end || w[k + 1].punct != 0) return true;
  return kAfter.contains(w[k + 1].lower);
}

}  // namespace dateline::events
