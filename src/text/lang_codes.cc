// NormalizeLanguageCode(): ISO 639-1/2/3 codes, BCP 47 tags and English names.
#include <algorithm>
#include <string>
#include <string_view>

#include "dateline/text.h"

namespace dateline::text {
namespace {

struct LangEntry {
  std::string_view iso1;   // ISO 639-1
  std::string_view iso3t;  // ISO 639-2/T (= ISO 639-3 for most)
  std::string_view iso3b;  // ISO 639-2/B, or "" when equal to T
  std::string_view name;   // English name, lower case
  std::string_view alt;    // another common name or code, or ""
};

constexpr LangEntry kLanguages[] = {
    {"af", "afr", "", "afrikaans", ""},
    {"am", "amh", "", "amharic", ""},
    {"ar", "ara", "", "arabic", ""},
    {"az", "aze", "", "azerbaijani", "azeri"},
    {"be", "bel", "", "belarusian", ""},
    {"bg", "bul", "", "bulgarian", ""},
    {"bn", "ben", "", "bengali", "bangla"},
    {"bs", "bos", "", "bosnian", ""},
    {"ca", "cat", "", "catalan", ""},
    {"cs", "ces", "cze", "czech", ""},
    {"cy", "cym", "wel", "welsh", ""},
    {"da", "dan", "", "danish", ""},
    {"de", "deu", "ger", "german", ""},
    {"el", "ell", "gre", "greek", ""},
    {"en", "eng", "", "english", ""},
    {"es", "spa", "", "spanish", "castilian"},
    {"et", "est", "", "estonian", ""},
    {"eu", "eus", "baq", "basque", ""},
    {"fa", "fas", "per", "persian", "farsi"},
    {"fi", "fin", "", "finnish", ""},
    {"fr", "fra", "fre", "french", ""},
    {"ga", "gle", "", "irish", ""},
    {"gl", "glg", "", "galician", ""},
    {"gu", "guj", "", "gujarati", ""},
    {"ha", "hau", "", "hausa", ""},
    {"he", "heb", "", "hebrew", "iw"},
    {"hi", "hin", "", "hindi", ""},
    {"hr", "hrv", "", "croatian", ""},
    {"hu", "hun", "", "hungarian", ""},
    {"hy", "hye", "arm", "armenian", ""},
    {"id", "ind", "", "indonesian", "in"},
    {"is", "isl", "ice", "icelandic", ""},
    {"it", "ita", "", "italian", ""},
    {"ja", "jpn", "", "japanese", ""},
    {"ka", "kat", "geo", "georgian", ""},
    {"kk", "kaz", "", "kazakh", ""},
    {"km", "khm", "", "khmer", ""},
    {"ko", "kor", "", "korean", ""},
    {"ku", "kur", "", "kurdish", ""},
    {"lb", "ltz", "", "luxembourgish", ""},
    {"lo", "lao", "", "lao", ""},
    {"lt", "lit", "", "lithuanian", ""},
    {"lv", "lav", "", "latvian", ""},
    {"mk", "mkd", "mac", "macedonian", ""},
    {"ml", "mal", "", "malayalam", ""},
    {"mn", "mon", "", "mongolian", ""},
    {"mr", "mar", "", "marathi", ""},
    {"ms", "msa", "may", "malay", "zsm"},
    {"mt", "mlt", "", "maltese", ""},
    {"my", "mya", "bur", "burmese", ""},
    {"ne", "nep", "", "nepali", ""},
    {"nl", "nld", "dut", "dutch", "flemish"},
    {"no", "nor", "", "norwegian", "nob"},
    {"pa", "pan", "", "punjabi", "panjabi"},
    {"pl", "pol", "", "polish", ""},
    {"ps", "pus", "", "pashto", "pushto"},
    {"pt", "por", "", "portuguese", ""},
    {"ro", "ron", "rum", "romanian", "moldavian"},
    {"ru", "rus", "", "russian", ""},
    {"sk", "slk", "slo", "slovak", ""},
    {"sl", "slv", "", "slovenian", "slovene"},
    {"so", "som", "", "somali", ""},
    {"sq", "sqi", "alb", "albanian", ""},
    {"sr", "srp", "", "serbian", ""},
    {"sv", "swe", "", "swedish", ""},
    {"sw", "swa", "", "swahili", "swh"},
    {"ta", "tam", "", "tamil", ""},
    {"te", "tel", "", "telugu", ""},
    {"th", "tha", "", "thai", ""},
    {"tl", "tgl", "fil", "tagalog", "filipino"},
    {"tr", "tur", "", "turkish", ""},
    {"uk", "ukr", "", "ukrainian", ""},
    {"ur", "urd", "", "urdu", ""},
    {"uz", "uzb", "", "uzbek", ""},
    {"vi", "vie", "", "vietnamese", ""},
    {"yi", "yid", "", "yiddish", "ji"},
    {"zh", "zho", "chi", "chinese", "mandarin"},
};

// Aliases that are not in the main table.
struct Alias {
  std::string_view from;
  std::string_view to;
};

constexpr Alias kAliases[] = {{"nb", "no"},
                              {"nn", "no"},
                              {"nno", "no"},
                              {"bokmal", "no"},
                              {"nynorsk", "no"},
                              {"farsi", "fa"},
                              {"cmn", "zh"},
                              {"yue", "zh"},
                              {"arb", "ar"},
                              {"pes", "fa"},
                              {"sh", "sr"},
                              {"mo", "ro"},
                              {"norwegian bokmal", "no"},
                              {"modern greek", "el"}};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lookup(std::string_view key) {
  for (const LangEntry& e : kLanguages) {
    if (key == e.iso1 || key == e.iso3t || key == e.name || (!e.iso3b.empty() && key == e.iso3b) ||
        (!e.alt.empty() && key == e.alt)) {
      return std::string(e.iso1);
    }
  }
  for (const Alias& a : kAliases) {
    if (key == a.from) return std::string(a.to);
  }
  return "";
}

}  // namespace

std::string NormalizeLanguageCode(std::string_view code) {
  const std::string lower = Lower(Trim(code));
  if (lower.empty()) return "";
  std::string found = Lookup(lower);
  if (!found.empty()) return found;
  // BCP 47 / POSIX style: "nl-BE", "pt_BR", "zh-Hant-TW", "en_US.UTF-8".
  const size_t cut = lower.find_first_of("-_.@");
  if (cut == std::string::npos || cut == 0) return "";
  const std::string_view primary = std::string_view(lower).substr(0, cut);
  if (primary.size() < 2 || primary.size() > 3) return "";
  return Lookup(primary);
}

}  // namespace dateline::text
