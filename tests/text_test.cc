// Tests of the text module: folding, tokenising, stemming, language detection.
#include "dateline/text.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "text/fold_internal.h"

namespace dateline::text {
namespace {

std::vector<std::string> Terms(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<std::string> terms;
  for (const Token& t : tokens) terms.push_back(t.term);
  return terms;
}

using Strings = std::vector<std::string>;

TEST(FoldTest, LatinDiacriticsAndCase) {
  EXPECT_EQ(Fold("Libië"), "libie");
  EXPECT_EQ(Fold("Salamé"), "salame");
  EXPECT_EQ(Fold("Straße"), "strasse");
  EXPECT_EQ(Fold("ÉCOLE Ça"), "ecole ca");
  EXPECT_EQ(Fold("HELLO World"), "hello world");
  EXPECT_EQ(Fold(""), "");
}

TEST(FoldTest, DecomposedInputIsComposedTheSame) {
  EXPECT_EQ(Fold("Libie\xCC\x88"), "libie");  // e + combining diaeresis
}

TEST(FoldTest, GreekAndCyrillic) {
  EXPECT_EQ(Fold("ΑΘΗΝΑ"), "αθηνα");
  EXPECT_EQ(Fold("Αθήνα"), "αθηνα");
  EXPECT_EQ(Fold("ΌΛΟΣ"), "ολοσ");
  EXPECT_EQ(Fold("Москва"), "москва");
  EXPECT_EQ(Fold("Ёлка"), "елка");
  EXPECT_EQ(Fold("Новый"), "новый");  // й is a letter, not an accented и
}

TEST(FoldTest, ArabicHarakatTatweelAndLetterVariants) {
  EXPECT_EQ(Fold("مُحَمَّد"), "محمد");
  EXPECT_EQ(Fold("كتـــاب"), "كتاب");
  EXPECT_EQ(Fold("أحمد"), "احمد");
  EXPECT_EQ(Fold("إسلام"), "اسلام");
  EXPECT_EQ(Fold("آمن"), "امن");
  EXPECT_EQ(Fold("مدرسة"), "مدرسه");
  EXPECT_EQ(Fold("مستشفى"), "مستشفي");
  EXPECT_EQ(Fold("٢٠١٩"), "2019");
}

TEST(FoldTest, IgnorablesAndApostrophes) {
  EXPECT_EQ(Fold("auto\xC2\xADmobiel"), "automobiel");  // soft hyphen
  EXPECT_EQ(Fold("d’Haftar"), "d'haftar");
}

// AppendFolded folds words of ASCII and two-byte UTF-8 characters from a table;
// it must give exactly what ICU gives: for every such character alone, in pairs,
// and in random words mixing them with ASCII, marks and invalid bytes.
TEST(FoldTest, TwoByteTableAgreesWithIcu) {
  std::vector<std::string> chars;
  for (uint32_t c = 0x80; c < 0x800; ++c) {
    chars.push_back({static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))});
  }
  for (const char* extra : {"a", "Z", "i", "\xE2\x80\x99", "\xFF", "\xE0\xA4\x95"}) {
    chars.push_back(extra);  // ASCII, a 3-byte character, an invalid byte, Devanagari
  }
  size_t mismatches = 0;
  auto check = [&mismatches](const std::string& s) {
    std::string fast = "x", icu = "x";  // appends after existing bytes
    internal::AppendFolded(s, &fast);
    internal::AppendFoldedIcu(s, &icu);
    if (fast != icu && ++mismatches <= 5) ADD_FAILURE() << "fold differs for '" << s << "'";
  };
  for (const std::string& c : chars) check(c);
  for (size_t a = 0; a < chars.size(); ++a) {
    for (size_t b = a % 13; b < chars.size(); b += 13) check(chars[a] + chars[b]);
  }
  std::mt19937 rng(7);
  for (int n = 0; n < 20000; ++n) {
    std::string w;
    for (size_t k = 1 + rng() % 8; k > 0; --k) w += chars[rng() % chars.size()];
    check(w);
  }
  EXPECT_EQ(mismatches, 0u);
  // The fast path covers the words it is for.
  EXPECT_EQ(Fold("\xD9\x88\xD8\xA3\xD9\x8E\xD9\x84"), "\xD9\x88\xD8\xA7\xD9\x84");  // وأَل
  EXPECT_EQ(Fold("Straße"), "strasse");
  EXPECT_EQ(Fold("Йорк"), "йорк");
}

TEST(TokenizeTest, HyphenatedCompound) {
  std::vector<Token> tokens;
  const uint32_t next = Tokenize("de VN-Veiligheidsraad zei", &tokens, 10);
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].term, "de");
  EXPECT_EQ(tokens[0].position, 10u);
  EXPECT_EQ(tokens[1].term, "vn");
  EXPECT_EQ(tokens[1].position, 11u);
  EXPECT_EQ(tokens[2].term, "vnveiligheidsraad");
  EXPECT_EQ(tokens[2].position, 11u);
  EXPECT_EQ(tokens[3].term, "veiligheidsraad");
  EXPECT_EQ(tokens[3].position, 12u);
  EXPECT_EQ(tokens[4].term, "zei");
  EXPECT_EQ(tokens[4].position, 13u);
  EXPECT_EQ(next, 14u);
  EXPECT_EQ(tokens[2].begin, 3u);
  EXPECT_EQ(tokens[2].end, 21u);
}

TEST(TokenizeTest, UnicodeHyphens) {
  EXPECT_EQ(Terms("Noord\u2010Korea"), (Strings{"noord", "noordkorea", "korea"}));
  EXPECT_EQ(Terms("Noord\u2011Korea"), (Strings{"noord", "noordkorea", "korea"}));
}

TEST(TokenizeTest, Apostrophes) {
  EXPECT_EQ(Terms("l'ONU"), (Strings{"onu"}));
  EXPECT_EQ(Terms("d’Haftar"), (Strings{"haftar"}));
  EXPECT_EQ(Terms("Haftar's forces"), (Strings{"haftar", "forces"}));
  EXPECT_EQ(Terms("Haftar’s"), (Strings{"haftar"}));
  EXPECT_EQ(Terms("don't"), (Strings{"don't"}));
  EXPECT_EQ(Terms("Don’t"), (Strings{"don't"}));
  EXPECT_EQ(Terms("jusqu'à lorsqu'il"), (Strings{"a", "il"}));
  EXPECT_EQ(Terms("Haftars"), (Strings{"haftars"}));
  EXPECT_EQ(Terms("foto's"), (Strings{"foto"}));
  EXPECT_EQ(Terms("'quoted'"), (Strings{"quoted"}));
}

TEST(TokenizeTest, ElisionOffsetsPointAtTheWord) {
  const std::string text = "selon l'ONU.";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "ONU");
  EXPECT_EQ(tokens[1].position, 1u);
}

TEST(TokenizeTest, Numbers) {
  EXPECT_EQ(Terms("3.5 procent"), (Strings{"3.5", "procent"}));
  EXPECT_EQ(Terms("1,000 people"), (Strings{"1,000", "people"}));
  EXPECT_EQ(Terms("on 2019-04-06."), (Strings{"on", "2019-04-06"}));
  EXPECT_EQ(Terms("in 2019, 12 died"), (Strings{"in", "2019", "12", "died"}));
  EXPECT_EQ(Terms("COVID-19"), (Strings{"covid", "covid19", "19"}));
  EXPECT_EQ(Terms("the U.S. army"), (Strings{"the", "us", "army"}));
}

TEST(TokenizeTest, UrlsAndEmails) {
  EXPECT_EQ(Terms("see https://www.Example.org/News?id=3."),
            (Strings{"see", "https://www.example.org/news?id=3"}));
  EXPECT_EQ(Terms("(www.nos.nl)"), (Strings{"www.nos.nl"}));
  EXPECT_EQ(Terms("mail Jan.de-Vries@Example.com now"),
            (Strings{"mail", "jan.de-vries@example.com", "now"}));
  const std::string text = "at http://a.b/c, ok";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "http://a.b/c");
}

TEST(TokenizeTest, OffsetsPointAtOriginalBytes) {
  const std::string text = "  Libië, Salamé’s plan!";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  ASSERT_EQ(tokens.size(), 3u);
  auto span = [&text](const Token& t) { return text.substr(t.begin, t.end - t.begin); };
  EXPECT_EQ(tokens[0].term, "libie");
  EXPECT_EQ(span(tokens[0]), "Libië");
  EXPECT_EQ(tokens[1].term, "salame");
  EXPECT_EQ(span(tokens[1]), "Salamé");
  EXPECT_EQ(span(tokens[2]), "plan");
  EXPECT_EQ(tokens[2].position, 2u);
}

TEST(TokenizeTest, ArabicSentence) {
  EXPECT_EQ(Terms("قالت الأمم المتحدة، إنّ المفاوضات ستُستأنف."),
            (Strings{"قالت", "الامم", "المتحده", "ان", "المفاوضات", "ستستانف"}));
}

TEST(TokenizeTest, OtherScripts) {
  EXPECT_EQ(Terms("Президент России"), (Strings{"президент", "россии"}));
  EXPECT_EQ(Terms("Η Αθήνα."), (Strings{"η", "αθηνα"}));
  EXPECT_EQ(Terms("שלום עולם"), (Strings{"שלום", "עולם"}));
  EXPECT_EQ(Terms("नई दिल्ली"), (Strings{"नई", "दिल्ली"}));
}

TEST(TokenizeTest, CjkOneTokenPerCharacter) {
  std::vector<Token> tokens;
  Tokenize("北京 東京タワー", &tokens);
  ASSERT_EQ(tokens.size(), 7u);  // 北 京 東 京 タ ワ ー
  EXPECT_EQ(tokens[0].term, "北");
  EXPECT_EQ(tokens[1].term, "京");
  EXPECT_EQ(tokens[6].term, "ー");
  for (size_t i = 0; i < tokens.size(); ++i) EXPECT_EQ(tokens[i].position, i);
}

TEST(TokenizeTest, EmptyPunctuationAndLongTokens) {
  EXPECT_TRUE(Terms("").empty());
  EXPECT_TRUE(Terms(" ...!?,;--'' “” — ").empty());
  EXPECT_TRUE(Terms(std::string(100, 'a')).empty());
  EXPECT_EQ(Terms(std::string(64, 'a') + " b"), (Strings{std::string(64, 'a'), "b"}));
}

TEST(TokenizeTest, InvalidUtf8IsASeparator) {
  EXPECT_EQ(Terms("abc\xFF"
                  "def\xC3"),
            (Strings{"abc", "def"}));
  EXPECT_EQ(Terms("\xE2\x82 x \xF0\x9F"), (Strings{"x"}));
}

// Checks the invariants every token list must satisfy.
void CheckInvariants(const std::string& text, const std::vector<Token>& tokens) {
  uint32_t last = 0;
  for (const Token& t : tokens) {
    ASSERT_LT(t.begin, t.end);
    ASSERT_LE(t.end, text.size());
    ASSERT_GE(t.position, last);
    ASSERT_FALSE(t.term.empty());
    last = t.position;
  }
}

TEST(TokenizeFuzzTest, RandomBytesAndRandomUnicode) {
  std::mt19937 rng(12345);
  const std::vector<std::string> pieces = {
      "a",      "Z",       "9",    "-",      "'",        "’",      ".",  ",",
      "@",      " ",       "é",    "ß",      "ى",        "ُ",       "北", "ー",
      "\u0301", "http://", "www.", "\u2010", "\xC2\xAD", "\u200D", "Й",  "\xF0\x9F\x98\x80"};
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int len = static_cast<int>(rng() % 40);
    for (int i = 0; i < len; ++i) {
      if (round % 2 == 0) {
        text.push_back(static_cast<char>(rng() & 0xFF));
      } else {
        text += pieces[rng() % pieces.size()];
      }
    }
    std::vector<Token> tokens;
    const uint32_t next = Tokenize(text, &tokens, 7);
    CheckInvariants(text, tokens);
    if (!tokens.empty()) {
      EXPECT_LT(tokens.back().position, next);
    }
    (void)Fold(text);
  }
}

std::vector<std::vector<std::string>> ReadPairs(const std::string& lang) {
  std::ifstream in(std::string(DL_TEST_DATA) + "/stem_pairs/" + lang + ".tsv");
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::istringstream ss(line);
    std::string f;
    while (std::getline(ss, f, '\t')) fields.push_back(f);
    if (fields.size() == 3) rows.push_back(fields);
  }
  return rows;
}

class StemPairsTest : public ::testing::TestWithParam<std::string> {};

TEST_P(StemPairsTest, AllPairsHold) {
  const std::string lang = GetParam();
  const auto rows = ReadPairs(lang);
  ASSERT_GE(rows.size(), lang == "nl" ? 40u : 25u);
  auto stemmer = MakeStemmer(lang);
  ASSERT_EQ(stemmer->lang(), lang);
  for (const auto& row : rows) {
    const std::string a = stemmer->Stem(Fold(row[0]));
    const std::string b = stemmer->Stem(Fold(row[1]));
    if (row[2] == "same") {
      EXPECT_EQ(a, b) << row[0] << " / " << row[1];
    } else {
      EXPECT_NE(a, b) << row[0] << " / " << row[1];
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Languages, StemPairsTest, ::testing::Values("nl", "de", "fr", "es", "en"));

TEST(StemmerTest, IdentityAndAvailability) {
  EXPECT_TRUE(HasStemmer("nl"));
  EXPECT_TRUE(HasStemmer("ar"));
  EXPECT_TRUE(HasStemmer("nl-BE"));
  EXPECT_FALSE(HasStemmer("zh"));
  EXPECT_FALSE(HasStemmer("xx"));
  auto identity = MakeStemmer("zh");
  ASSERT_NE(identity, nullptr);
  EXPECT_EQ(identity->lang(), "");
  EXPECT_EQ(identity->Stem("luchtaanvallen"), "luchtaanvallen");
  auto nl = MakeStemmer("dut");
  EXPECT_EQ(nl->lang(), "nl");
  EXPECT_EQ(nl->Stem("2019"), "2019");
  EXPECT_EQ(nl->Stem(""), "");
  auto ar = MakeStemmer("ar");
  EXPECT_FALSE(ar->Stem(Fold("المفاوضات")).empty());
}

TEST(DetectLanguageTest, NewsParagraphs) {
  const std::pair<std::string, std::string> cases[] = {
      {"nl",
       "De Verenigde Naties hebben woensdag opnieuw opgeroepen tot een staakt-het-vuren in "
       "Libië, nadat bij luchtaanvallen op de hoofdstad tientallen burgers om het leven kwamen."},
      {"en",
       "The United Nations on Wednesday renewed its call for a ceasefire in Libya after air "
       "strikes on the capital killed dozens of civilians, officials said."},
      {"fr",
       "Les Nations unies ont de nouveau appelé mercredi à un cessez-le-feu en Libye, après "
       "que des frappes aériennes sur la capitale ont tué des dizaines de civils."},
      {"de",
       "Die Vereinten Nationen haben am Mittwoch erneut eine Waffenruhe in Libyen gefordert, "
       "nachdem bei Luftangriffen auf die Hauptstadt Dutzende Zivilisten getötet wurden."},
      {"es",
       "Las Naciones Unidas pidieron el miércoles de nuevo un alto el fuego en Libia, después "
       "de que los ataques aéreos contra la capital mataran a decenas de civiles."},
      {"ar",
       "جددت الأمم المتحدة يوم الأربعاء دعوتها إلى وقف إطلاق النار في ليبيا بعد أن أسفرت "
       "غارات جوية على العاصمة عن مقتل عشرات المدنيين."},
  };
  for (const auto& [lang, text] : cases) {
    const LanguageGuess g = DetectLanguage(text);
    EXPECT_EQ(g.lang, lang) << text;
    EXPECT_GT(g.confidence, 0.5f) << text;
    EXPECT_LE(g.confidence, 1.0f);
  }
}

TEST(DetectLanguageTest, UnknownWhenTooShortOrEmpty) {
  EXPECT_EQ(DetectLanguage("").lang, "und");
  EXPECT_EQ(DetectLanguage("ok").lang, "und");
  EXPECT_EQ(DetectLanguage("12345 67890 !!!").lang, "und");
  EXPECT_EQ(DetectLanguage("\xFF\xFE\xFD").lang, "und");
}

TEST(LanguageCodeTest, Normalize) {
  EXPECT_EQ(NormalizeLanguageCode("NL"), "nl");
  EXPECT_EQ(NormalizeLanguageCode("nl-BE"), "nl");
  EXPECT_EQ(NormalizeLanguageCode("pt_BR"), "pt");
  EXPECT_EQ(NormalizeLanguageCode("zh-Hant-TW"), "zh");
  EXPECT_EQ(NormalizeLanguageCode("nld"), "nl");
  EXPECT_EQ(NormalizeLanguageCode("dut"), "nl");
  EXPECT_EQ(NormalizeLanguageCode("Dutch"), "nl");
  EXPECT_EQ(NormalizeLanguageCode("ger"), "de");
  EXPECT_EQ(NormalizeLanguageCode("deu"), "de");
  EXPECT_EQ(NormalizeLanguageCode("fre"), "fr");
  EXPECT_EQ(NormalizeLanguageCode(" Arabic "), "ar");
  EXPECT_EQ(NormalizeLanguageCode("iw"), "he");
  EXPECT_EQ(NormalizeLanguageCode("nb"), "no");
  EXPECT_EQ(NormalizeLanguageCode("Farsi"), "fa");
  EXPECT_EQ(NormalizeLanguageCode("chi"), "zh");
  EXPECT_EQ(NormalizeLanguageCode(""), "");
  EXPECT_EQ(NormalizeLanguageCode("xx"), "");
  EXPECT_EQ(NormalizeLanguageCode("klingon"), "");
}

// Digits of other scripts join across '.' and ',' as ASCII digits do; letters do not.
TEST(TokenizeTest, NonAsciiDigitsFormNumbers) {
  EXPECT_EQ(Terms("12.5 ab.cd").size(), 3u);
  EXPECT_EQ(Terms("\u0661\u0662.\u0665").size(), 1u);              // Arabic-Indic 12.5
  EXPECT_EQ(Terms("\u0967\u0968,\u0966\u0966\u0966").size(), 1u);  // Devanagari 12,000
  EXPECT_EQ(Terms("\u0627\u0628.\u062A\u062B").size(), 2u);        // Arabic letters
  // A combining mark continues its word; a CJK ideograph is a word of its own.
  EXPECT_EQ(Terms("Cafe\u0301 \u4E2D\u6587"), (Strings{"cafe", "\u4E2D", "\u6587"}));
}

// Character classes are looked up in tables filled on first use: threads that
// fill them at once still see the same classes.
TEST(TokenizeTest, SameTokensOnConcurrentThreads) {
  std::string text;
  for (char32_t page = 1; page < 0xD8; ++page) {  // a letter-ish character of each page
    const char32_t c = (page << 8) | 0x41;
    char buf[4];
    const size_t n = c < 0x800 ? 2 : 3;
    if (n == 2) {
      buf[0] = static_cast<char>(0xC0 | (c >> 6));
      buf[1] = static_cast<char>(0x80 | (c & 0x3F));
    } else {
      buf[0] = static_cast<char>(0xE0 | (c >> 12));
      buf[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      buf[2] = static_cast<char>(0x80 | (c & 0x3F));
    }
    text.append(buf, n);
    text += page % 3 == 0 ? " 42 " : "x ";
  }
  std::vector<Strings> got(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < got.size(); ++t) {
    threads.emplace_back([&got, &text, t] { got[t] = Terms(text); });
  }
  for (auto& th : threads) th.join();
  const Strings want = Terms(text);
  EXPECT_GT(want.size(), 100u);
  for (const Strings& g : got) EXPECT_EQ(g, want);
}

}  // namespace
}  // namespace dateline::text
