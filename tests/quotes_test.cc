// The quote extractor (dateline/quotes.h): quote marks of every style, speaker
// attribution and resolution, indirect quotes, bad input, the stored form, and
// precision and recall on the gold articles of tests/data/quotes/.
#include "dateline/quotes.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "dateline/annotate.h"
#include "util/varint.h"

namespace dateline {
namespace {

// An entity for the first occurrence of `name` in `text` (after `from`).
Entity E(std::string_view text, std::string_view name, EntityType type, std::string key,
         size_t from = 0) {
  const size_t at = text.find(name, from);
  EXPECT_NE(at, std::string_view::npos) << name;
  Entity e;
  e.start = static_cast<uint32_t>(at);
  e.end = static_cast<uint32_t>(at + name.size());
  e.type = type;
  e.text = std::string(name);
  e.key = std::move(key);
  return e;
}

std::vector<Quote> Q(std::string_view text, std::string_view lang,
                     const std::vector<Entity>& ents = {}) {
  std::vector<Quote> q = FindQuotes(text, lang, ents);
  uint32_t last = 0;
  for (const Quote& x : q) {  // the contract, checked on every call
    EXPECT_LE(last, x.start);
    EXPECT_LT(x.start, x.end);
    EXPECT_LE(x.end, text.size());
    EXPECT_LE(x.speaker_start, x.speaker_end);
    EXPECT_LE(x.speaker_end, text.size());
    last = x.end;
  }
  return q;
}

// ---------------------------------------------------------------- marks

TEST(Quotes, EveryMarkStyle) {
  const std::pair<const char*, const char*> kStyles[] = {
      {"\"", "\""},           {"\u201C", "\u201D"}, {"\u201E", "\u201C"}, {"\u201E", "\u201D"},
      {"\u00AB ", " \u00BB"}, {"\u00AB", "\u00BB"}, {"\u00BB", "\u00AB"}, {"\u2039", "\u203A"},
      {"\u2018", "\u2019"},   {"'", "'"},           {"\u201A", "\u2018"}, {"\u201D", "\u201D"},
  };
  for (const auto& [open, close] : kStyles) {
    const std::string text = std::string("The mayor spoke. ") + open +
                             "We will rebuild every house in the valley" + close + ", he said.";
    const auto q = Q(text, "en");
    ASSERT_EQ(q.size(), 1u) << text;
    EXPECT_EQ(q[0].text, "We will rebuild every house in the valley") << text;
    EXPECT_EQ(q[0].speaker, "he") << text;
    EXPECT_EQ(q[0].kind, QuoteKind::kDirect);
  }
}

TEST(Quotes, NestedMarksStayInsideTheOuterQuote) {
  const std::string text =
      "\u201CThey called it \u2018a simple misunderstanding\u2019, which it was not,\u201D "
      "said Anna Berg.";
  const auto q = Q(text, "en", {E(text, "Anna Berg", EntityType::kPer, "anna berg")});
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "They called it \u2018a simple misunderstanding\u2019, which it was not");
  EXPECT_EQ(q[0].speaker_key, "anna berg");
}

TEST(Quotes, QuoteSpanningSentencesAndLines) {
  const std::string text =
      "\"The first sentence is here. The second one\nfollows on the next line,\" said Tom Lee.";
  const auto q = Q(text, "en", {E(text, "Tom Lee", EntityType::kPer, "tom lee")});
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "The first sentence is here. The second one follows on the next line");
  EXPECT_EQ(q[0].speaker_key, "tom lee");
}

TEST(Quotes, ApostrophesAreNotQuoteMarks) {
  const std::string text =
      "Het was 's avonds druk. Hij zei: 'Zo'n drukte heb ik nog nooit gezien in m'n leven.' "
      "The ministers' meeting didn't end.";
  const auto q = Q(text, "nl");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "Zo'n drukte heb ik nog nooit gezien in m'n leven.");
}

TEST(Quotes, ScareQuotesAndTitlesAreNotQuotes) {
  EXPECT_TRUE(Q("The so-called \"peace plan\" was never signed.", "en").empty());
  EXPECT_TRUE(Q("The film \u201CThe Long Road Home\u201D opened on Friday.", "en").empty());
  EXPECT_TRUE(Q("De oppositie spreekt van een \u201Esymbolische maatregel\u201D.", "nl").empty());
}

TEST(Quotes, QuoteWithoutSpeaker) {
  const auto q =
      Q("\"Nobody told us anything about the closure of the road,\" "
        "\n\nThe road was closed.",
        "en");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_TRUE(q[0].speaker.empty());
  EXPECT_TRUE(q[0].speaker_key.empty());
}

// ---------------------------------------------------------------- speakers

TEST(Quotes, SpeakerAfterAndBeforeInEachLanguage) {
  struct Case {
    const char* lang;
    const char* text;
    const char* name;
  };
  const Case kCases[] = {
      {"en", "\"The border stays closed,\" said Maria Costa.", "Maria Costa"},
      {"en", "\"The border stays closed,\" Maria Costa told reporters.", "Maria Costa"},
      {"en", "Maria Costa said: \"The border stays closed.\"", "Maria Costa"},
      {"en", "According to Maria Costa, \"the border stays closed\".", "Maria Costa"},
      {"nl", "'De grens blijft dicht', zei Maria Costa.", "Maria Costa"},
      {"nl", "\"De grens blijft dicht\", aldus Maria Costa.", "Maria Costa"},
      {"nl", "Maria Costa liet weten: \"De grens blijft dicht.\"", "Maria Costa"},
      {"de", "\u201EDie Grenze bleibt zu\u201C, sagte Maria Costa.", "Maria Costa"},
      {"de", "\u201EDie Grenze bleibt zu\u201C, so Maria Costa.", "Maria Costa"},
      {"de", "Maria Costa erkl\u00E4rte: \u201EDie Grenze bleibt zu.\u201C", "Maria Costa"},
      {"fr", "\u00AB La fronti\u00E8re reste ferm\u00E9e \u00BB, a d\u00E9clar\u00E9 Maria Costa.",
       "Maria Costa"},
      {"fr", "Selon Maria Costa, \u00AB la fronti\u00E8re reste ferm\u00E9e \u00BB.",
       "Maria Costa"},
      {"es", "\"La frontera sigue cerrada\", dijo Maria Costa.", "Maria Costa"},
      {"es", "\u00ABLa frontera sigue cerrada\u00BB, afirm\u00F3 Maria Costa.", "Maria Costa"},
      {"it", "\"Il confine resta chiuso\", ha detto Maria Costa.", "Maria Costa"},
      {"it", "Secondo Maria Costa, \"il confine resta chiuso\".", "Maria Costa"},
  };
  for (const Case& c : kCases) {
    const auto q = Q(c.text, c.lang, {E(c.text, c.name, EntityType::kPer, "maria costa")});
    ASSERT_EQ(q.size(), 1u) << c.text;
    EXPECT_EQ(q[0].kind, QuoteKind::kDirect) << c.text;
    EXPECT_EQ(q[0].speaker, c.name) << c.text;
    EXPECT_EQ(q[0].speaker_key, "maria costa") << c.text;
  }
}

TEST(Quotes, PronounResolvesOnlyWhenSafe) {
  const std::string one = "Jan de Wit opened the meeting. \"We need a new plan,\" he said.";
  auto q = Q(one, "en", {E(one, "Jan de Wit", EntityType::kPer, "jan de wit")});
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "he");
  EXPECT_EQ(q[0].speaker_key, "jan de wit");
  // Two people named before: "he" is not resolved.
  const std::string two = "Jan de Wit met Paul Smit. \"We need a new plan,\" he said.";
  q = Q(two, "en",
        {E(two, "Jan de Wit", EntityType::kPer, "jan de wit"),
         E(two, "Paul Smit", EntityType::kPer, "paul smit")});
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "he");
  EXPECT_EQ(q[0].speaker_key, "");
}

TEST(Quotes, PronounFollowsThePreviousSpeaker) {
  const std::string text =
      "Jan de Wit met Paul Smit. \"The talks went well,\" said Paul Smit. "
      "\"We meet again next week,\" he added.";
  const auto q = Q(text, "en",
                   {E(text, "Jan de Wit", EntityType::kPer, "jan de wit"),
                    E(text, "Paul Smit", EntityType::kPer, "paul smit"),
                    E(text, "Paul Smit", EntityType::kPer, "paul smit", 30)});
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[1].speaker_key, "paul smit");
}

TEST(Quotes, RoleNounResolvesToThePersonNamedWithThatRole) {
  const std::string text =
      "Foreign minister Anna Berg arrived in Oslo. Later, \"Nothing was agreed,\" the minister "
      "said. \"Talks go on,\" the spokesman said.";
  const auto q = Q(text, "en", {E(text, "Anna Berg", EntityType::kPer, "anna berg")});
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker, "the minister");
  EXPECT_EQ(q[0].speaker_key, "anna berg");
  EXPECT_EQ(q[1].speaker, "the spokesman");
  EXPECT_EQ(q[1].speaker_key, "");  // no spokesman was named
}

TEST(Quotes, ContinuationQuoteKeepsTheSpeaker) {
  const std::string text = "\"We won,\" said Li Wei. \"And we will win again next year.\"";
  const auto q = Q(text, "en", {E(text, "Li Wei", EntityType::kPer, "li wei")});
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[1].speaker_key, "li wei");
  // Someone else named in between: no continuation (and two words are no speech).
  const std::string other = "\"We won,\" said Li Wei. Then Ann Berg thanked \"loyal fans\".";
  EXPECT_EQ(Q(other, "en",
              {E(other, "Li Wei", EntityType::kPer, "li wei"),
               E(other, "Ann Berg", EntityType::kPer, "ann berg")})
                .size(),
            1u);
}

// ---------------------------------------------------------------- indirect quotes

TEST(Quotes, IndirectQuotes) {
  struct Case {
    const char* lang;
    const char* text;
    const char* clause;
  };
  const Case kCases[] = {
      {"en", "Maria Costa said that the border would stay closed.", "the border would stay closed"},
      {"en", "According to Maria Costa, the border will stay closed.",
       "the border will stay closed"},
      {"en", "The border will stay closed, according to Maria Costa.",
       "The border will stay closed"},
      {"nl", "Maria Costa zei dat de grens dicht blijft.", "de grens dicht blijft"},
      {"nl", "Volgens Maria Costa blijft de grens dicht.", "blijft de grens dicht"},
      {"de", "Maria Costa sagte, die Grenze bleibe geschlossen.", "die Grenze bleibe geschlossen"},
      {"de", "Maria Costa sagte, dass die Grenze geschlossen bleibt.",
       "die Grenze geschlossen bleibt"},
      {"fr", "Maria Costa a d\u00E9clar\u00E9 que la fronti\u00E8re resterait ferm\u00E9e.",
       "la fronti\u00E8re resterait ferm\u00E9e"},
      {"fr", "Maria Costa a dit qu'elle resterait ferm\u00E9e longtemps.",
       "elle resterait ferm\u00E9e longtemps"},
      {"es", "Maria Costa dijo que la frontera seguir\u00E1 cerrada.",
       "la frontera seguir\u00E1 cerrada"},
      {"es", "Seg\u00FAn Maria Costa, la frontera seguir\u00E1 cerrada.",
       "la frontera seguir\u00E1 cerrada"},
      {"it", "Maria Costa ha detto che il confine rester\u00E0 chiuso.",
       "il confine rester\u00E0 chiuso"},
  };
  for (const Case& c : kCases) {
    const auto q = Q(c.text, c.lang, {E(c.text, "Maria Costa", EntityType::kPer, "maria costa")});
    ASSERT_EQ(q.size(), 1u) << c.text;
    EXPECT_EQ(q[0].kind, QuoteKind::kIndirect) << c.text;
    EXPECT_EQ(q[0].text, c.clause) << c.text;
    EXPECT_EQ(q[0].speaker_key, "maria costa") << c.text;
  }
}

TEST(Quotes, NoIndirectQuoteWithoutASpeaker) {
  EXPECT_TRUE(Q("It is said that the border would stay closed.", "en").empty());
  EXPECT_TRUE(Q("The talks failed, according to.", "en").empty());
}

// ---------------------------------------------------------------- bad input

TEST(Quotes, BadInputNeverCrashes) {
  EXPECT_TRUE(Q("", "en").empty());
  EXPECT_TRUE(Q("\"", "en").empty());
  EXPECT_TRUE(Q("\"\"\"\"''''\u00AB\u00BB\u00BB\u00AB", "nl").empty());
  EXPECT_TRUE(Q("\xE2\x80", "en").empty());  // a cut mark
  EXPECT_TRUE(Q("\xFF\xFE\"\xC3\"\x80\x80 zei", "nl").size() <= 1);
  // Unbalanced: many openers, no closer.
  std::string open;
  for (int i = 0; i < 2000; ++i) open += "\u201C word \u00AB ";
  EXPECT_TRUE(Q(open, "fr").empty());
  // Unbalanced: closers only.
  std::string close;
  for (int i = 0; i < 2000; ++i) close += "word\u201D, said he. ";
  EXPECT_TRUE(Q(close, "en").empty());
  // Unknown language: direct quotes still found, without speakers.
  const auto q = Q("\"Bu s\u00F6z uzun bir al\u0131nt\u0131d\u0131r ve bitmez,\" dedi.", "tr");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_TRUE(q[0].speaker.empty());
}

TEST(Quotes, HugeQuotesAreCutOffAndLongTextsStayFast) {
  // An opening mark whose closer comes far too late pairs with nothing.
  std::string text = "\"" + std::string(20000, 'a') + " b\", said Ann.";
  EXPECT_TRUE(Q(text, "en").empty());
  // A long quote within the limit is one quote.
  std::string words;
  for (int i = 0; i < 500; ++i) words += "word ";
  words += "end";
  text = "\"" + words + ",\" said Ann.";
  const auto q = Q(text, "en");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, words);
  // Many quotes in a long text.
  std::string many;
  for (int i = 0; i < 5000; ++i) many += "\"We will rebuild the bridge,\" he said. ";
  EXPECT_EQ(Q(many, "en").size(), 5000u);
}

// ---------------------------------------------------------------- stored form

TEST(Quotes, AnnotationsRoundTripWithQuotes) {
  const std::string text = "\"We will rebuild every house,\" said Anna Berg in Oslo.";
  Annotations a;
  a.text.entities = {E(text, "Anna Berg", EntityType::kPer, "anna berg")};
  a.text.quotes = FindQuotes(text, "en", a.text.entities);
  ASSERT_EQ(a.text.quotes.size(), 1u);
  const std::string enc = EncodeAnnotations(a);
  EXPECT_EQ(enc[0], 2);
  Annotations back;
  ASSERT_TRUE(DecodeAnnotations(enc, "", text, &back));
  ASSERT_EQ(back.text.quotes.size(), 1u);
  const Quote& q = back.text.quotes[0];
  EXPECT_EQ(q.text, "We will rebuild every house");
  EXPECT_EQ(q.speaker, "Anna Berg");
  EXPECT_EQ(q.speaker_key, "anna berg");
  EXPECT_EQ(q.start, a.text.quotes[0].start);
  EXPECT_EQ(q.end, a.text.quotes[0].end);
  // Every cut of the encoding is rejected, never read past its end, except the
  // cut right before the quotes section (format 2 without sections is valid).
  size_t valid_cuts = 0;
  for (size_t n = 1; n < enc.size(); ++n) {
    Annotations cut;
    if (DecodeAnnotations(enc.substr(0, n), "", text, &cut)) {
      ++valid_cuts;
      EXPECT_TRUE(cut.text.quotes.empty()) << n;
      EXPECT_EQ(cut.text.entities.size(), 1u) << n;
    }
  }
  EXPECT_EQ(valid_cuts, 1u);
  // A quote span outside the field is rejected.
  EXPECT_FALSE(DecodeAnnotations(enc, "", text.substr(0, 10), &back));
}

TEST(Quotes, FormatOneStillDecodesAndUnknownSectionsAreSkipped) {
  // Format 1 as written by earlier versions: one entity, no places, in the text.
  const std::string text = "Anna Berg spoke.";
  // Format byte, title (no entities, no places), text: one entity (start 0,
  // length 9, PER, key), no places.
  std::string v1 = std::string("\x01\x00\x00\x01\x00\x09\x00", 7);
  util::PutLengthPrefixed(&v1, "anna berg");
  v1 += '\0';  // text: no places
  Annotations a;
  ASSERT_TRUE(DecodeAnnotations(v1, "", text, &a));
  ASSERT_EQ(a.text.entities.size(), 1u);
  EXPECT_EQ(a.text.entities[0].text, "Anna Berg");
  EXPECT_TRUE(a.text.quotes.empty());
  // Format 2 with a section of an unknown tag: skipped.
  std::string v2 = v1;
  v2[0] = 2;
  v2 += '\x7F';
  util::PutLengthPrefixed(&v2, "future data");
  ASSERT_TRUE(DecodeAnnotations(v2, "", text, &a));
  EXPECT_EQ(a.text.entities.size(), 1u);
  // Format 3 does not exist.
  v2[0] = 3;
  EXPECT_FALSE(DecodeAnnotations(v2, "", text, &a));
  // A quotes section with a bad kind byte is rejected.
  std::string bad = v1;
  bad[0] = 2;
  std::string sec = std::string("\x00\x01\x00\x04\x07\x00\x00", 7);
  util::PutLengthPrefixed(&sec, "");
  bad += '\x01';
  util::PutLengthPrefixed(&bad, sec);
  EXPECT_FALSE(DecodeAnnotations(bad, "", text, &a));
  bad[bad.size() - 4] = 1;  // kind: indirect
  EXPECT_TRUE(DecodeAnnotations(bad, "", text, &a));
  ASSERT_EQ(a.text.quotes.size(), 1u);
  EXPECT_EQ(a.text.quotes[0].text, "Anna");
}

// ---------------------------------------------------------------- gold articles

struct Gold {
  uint32_t start, end;
  QuoteKind kind;
  std::string key;  // "" when the speaker is absent or not a named entity
};

struct Article {
  std::string id, text;
  std::vector<Gold> gold;
};

// Parses one gold file (tests/data/quotes/README.md): articles with inline ⟦K|S|T⟧ marks.
std::vector<Article> ReadGold(const std::string& path, const std::string& lang) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::vector<Article> out;
  std::string line;
  const std::string open = "\u27E6", close = "\u27E7";
  while (std::getline(in, line)) {
    if (line.starts_with("#")) continue;
    if (line.starts_with("=== ")) {
      out.push_back({line.substr(4), "", {}});
      continue;
    }
    if (out.empty()) continue;
    Article& a = out.back();
    if (!a.text.empty()) a.text += "\n";
    for (size_t i = 0; i < line.size();) {
      if (line.compare(i, open.size(), open) != 0) {
        a.text += line[i++];
        continue;
      }
      const size_t bar1 = line.find('|', i);
      const size_t bar2 = line.find('|', bar1 + 1);
      const size_t end = line.find(close, bar2);
      EXPECT_TRUE(bar1 != std::string::npos && bar2 != std::string::npos &&
                  end != std::string::npos)
          << line;
      const std::string kind = line.substr(i + open.size(), bar1 - i - open.size());
      const std::string who = line.substr(bar1 + 1, bar2 - bar1 - 1);
      Gold g;
      g.kind = kind == "i" ? QuoteKind::kIndirect : QuoteKind::kDirect;
      if (!who.empty() && who != "-") {
        const size_t slash = who.rfind('/');
        EntityType t = EntityType::kPer;
        EXPECT_TRUE(ParseEntityType(who.substr(slash + 1), &t)) << who;
        g.key = EntityKey(who.substr(0, slash), t, lang);
      }
      g.start = static_cast<uint32_t>(a.text.size());
      a.text += line.substr(bar2 + 1, end - bar2 - 1);
      g.end = static_cast<uint32_t>(a.text.size());
      a.gold.push_back(g);
      i = end + close.size();
    }
  }
  return out;
}

struct Score {
  size_t gold = 0, pred = 0, matched = 0, exact = 0;
  size_t gold_keys = 0, pred_keys = 0, right_keys = 0;
  double P() const { return pred ? static_cast<double>(matched) / pred : 1; }
  double R() const { return gold ? static_cast<double>(matched) / gold : 1; }
  double SP() const { return pred_keys ? static_cast<double>(right_keys) / pred_keys : 1; }
  double SR() const { return gold_keys ? static_cast<double>(right_keys) / gold_keys : 1; }
  void Add(const Score& o) {
    gold += o.gold, pred += o.pred, matched += o.matched, exact += o.exact;
    gold_keys += o.gold_keys, pred_keys += o.pred_keys, right_keys += o.right_keys;
  }
};

// A predicted quote matches a gold one when their spans overlap by at least
// half of their union (one-to-one, greedily in text order).
void ScoreArticle(const Article& a, const std::vector<Quote>& pred, Score* s, bool verbose) {
  std::vector<bool> used(pred.size());
  s->gold += a.gold.size();
  s->pred += pred.size();
  for (const Quote& p : pred) s->pred_keys += !p.speaker_key.empty();
  for (const Gold& g : a.gold) {
    s->gold_keys += !g.key.empty();
    size_t best = pred.size();
    double best_iou = 0.5;
    for (size_t i = 0; i < pred.size(); ++i) {
      const uint32_t lo = std::max(g.start, pred[i].start), hi = std::min(g.end, pred[i].end);
      const uint32_t uni = std::max(g.end, pred[i].end) - std::min(g.start, pred[i].start);
      const double iou = hi > lo ? static_cast<double>(hi - lo) / uni : 0;
      if (!used[i] && iou >= best_iou) best = i, best_iou = iou;
    }
    if (best == pred.size()) {
      if (verbose)
        std::printf("  miss %s: %s\n", a.id.c_str(),
                    a.text.substr(g.start, g.end - g.start).c_str());
      continue;
    }
    used[best] = true;
    ++s->matched;
    s->exact += pred[best].start == g.start && pred[best].end == g.end;
    const bool right = !g.key.empty() && pred[best].speaker_key == g.key;
    s->right_keys += right;
    if (verbose && pred[best].speaker_key != g.key) {
      std::printf("  speaker %s: '%s' [%s], gold [%s]\n", a.id.c_str(), pred[best].speaker.c_str(),
                  pred[best].speaker_key.c_str(), g.key.c_str());
    }
  }
  for (size_t i = 0; i < pred.size(); ++i) {
    if (!used[i] && verbose) std::printf("  false %s: %s\n", a.id.c_str(), pred[i].text.c_str());
  }
}

// Scores every gold file of `dir` and prints one line per language and a total.
Score Evaluate(const std::string& dir, std::map<std::string, Score>* by_lang) {
  const bool verbose = std::getenv("DATELINE_QUOTES_VERBOSE") != nullptr;
  Score all;
  std::printf("%s\nlang  gold  pred  span-P  span-R  exact  speaker-P  speaker-R\n", dir.c_str());
  for (const char* lang : {"en", "nl", "de", "fr", "es", "it"}) {
    Score& s = (*by_lang)[lang];
    for (const Article& a : ReadGold(dir + "/" + lang + ".txt", lang)) {
      const Annotations ann = AnnotateText(a.text, lang, Date{2019, 4, 6, Date::Precision::kDay});
      ScoreArticle(a, ann.text.quotes, &s, verbose);
    }
    std::printf("%-4s  %4zu  %4zu  %6.2f  %6.2f  %5zu  %9.2f  %9.2f\n", lang, s.gold, s.pred, s.P(),
                s.R(), s.exact, s.SP(), s.SR());
    all.Add(s);
  }
  std::printf("all   %4zu  %4zu  %6.2f  %6.2f  %5zu  %9.2f  %9.2f\n", all.gold, all.pred, all.P(),
              all.R(), all.exact, all.SP(), all.SR());
  return all;
}

// The articles the extractor was developed on.
TEST(GoldQuotes, DevelopmentSet) {
  std::map<std::string, Score> by_lang;
  const Score all = Evaluate(std::string(DL_TEST_DATA) + "/quotes", &by_lang);
  EXPECT_GE(all.gold, 60u);
  for (const char* lang : {"en", "nl", "de", "fr", "es"})
    EXPECT_GE(by_lang[lang].gold, 10u) << lang;
  // Floors a little below what was reached when this test was written
  // (span P 1.00, R 0.93; speaker P 0.97, R 0.87).
  EXPECT_GE(all.P(), 0.95);
  EXPECT_GE(all.R(), 0.88);
  EXPECT_GE(all.SP(), 0.90);
  EXPECT_GE(all.SR(), 0.80);
}

// Articles written after the extractor was tuned, never tuned on.
TEST(GoldQuotes, HeldOutSet) {
  std::map<std::string, Score> by_lang;
  const Score all = Evaluate(std::string(DL_TEST_DATA) + "/quotes/heldout", &by_lang);
  EXPECT_GE(all.gold, 30u);
  // Reached when first scored: span P 1.00, R 0.90; speaker P 0.89, R 0.71.
  EXPECT_GE(all.P(), 0.95);
  EXPECT_GE(all.R(), 0.85);
  EXPECT_GE(all.SP(), 0.80);
  EXPECT_GE(all.SR(), 0.65);
}

}  // namespace
}  // namespace dateline
