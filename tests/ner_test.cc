// The named-entity tagger: CoNLL reader, scorer, tokenizer, training, model
// files, robustness of Tag(), the bundled models and the train-ner/eval-ner commands.
#include <simdjson.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "cli_util.h"
#include "dateline/entities.h"
#include "extract/ner/conll.h"
#include "extract/ner/model.h"
#include "extract/ner/scores.h"
#include "extract/ner/tokenize.h"
#include "extract/ner/train.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace dateline {
namespace {

using ner::Sentence;
using testutil::TempDir;

const std::string kData = std::string(DL_TEST_DATA) + "/ner/";

std::vector<std::string> Names(const std::vector<uint8_t>& labels) {
  std::vector<std::string> r;
  for (uint8_t y : labels) r.push_back(ner::LabelName(y));
  return r;
}

std::vector<uint8_t> Labels(const std::vector<std::string>& names) {
  std::vector<uint8_t> r;
  for (const std::string& n : names) {
    uint8_t y = 0;
    while (y < ner::kNumLabels && ner::LabelName(y) != n) ++y;
    EXPECT_LT(y, ner::kNumLabels) << n;
    r.push_back(y);
  }
  return r;
}

// "text/TYPE" for each mention, in order.
std::vector<std::string> Mentions(const NerTagger& t, std::string_view text) {
  std::vector<EntityMention> m;
  t.Tag(text, &m);
  std::vector<std::string> r;
  for (const EntityMention& e : m)
    r.push_back(std::string(text.substr(e.start, e.end - e.start)) + "/" +
                std::string(EntityTypeName(e.type)));
  return r;
}

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// ---- reader ----

TEST(NerConll, ReadsTheThreeFormats) {
  std::vector<Sentence> s;
  ASSERT_TRUE(ner::ParseConll("-DOCSTART- -DOCSTART- O\n\nDe Art O\nVN N B-ORG\n\n"
                              "Juan B-PER\nPerez I-PER\n\n"
                              "0\t-DOCSTART-\tO\n\n0\tFayez\tB-PER\n1\tal-Sarraj\tI-PER\n",
                              "mem", &s)
                  .ok());
  ASSERT_EQ(s.size(), 3u);
  EXPECT_TRUE(s[0].doc_start);
  EXPECT_FALSE(s[1].doc_start);
  EXPECT_TRUE(s[2].doc_start);
  EXPECT_EQ(s[0].tokens, (std::vector<std::string>{"De", "VN"}));
  EXPECT_EQ(Names(s[0].labels), (std::vector<std::string>{"O", "B-ORG"}));
  EXPECT_EQ(Names(s[1].labels), (std::vector<std::string>{"B-PER", "I-PER"}));
  EXPECT_EQ(s[2].tokens[1], "al-Sarraj");
}

TEST(NerConll, ConvertsIob1) {
  std::vector<Sentence> s;
  ASSERT_TRUE(
      ner::ParseConll("a I-PER\nb I-PER\nc B-PER\nd O\ne I-LOC\nf I-ORG\n", "mem", &s).ok());
  EXPECT_EQ(Names(s[0].labels),
            (std::vector<std::string>{"B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-ORG"}));
}

TEST(NerConll, BadLinesNameFileAndLine) {
  std::vector<Sentence> s;
  Status st = ner::ReadConll(kData + "bad.conll", &s);
  EXPECT_TRUE(st.IsInvalidArgument());
  EXPECT_NE(st.message().find("bad.conll:4"), std::string::npos) << st.ToString();
  st = ner::ParseConll("a B-PER\nb X-PER\n", "f.conll", &s);
  EXPECT_NE(st.message().find("f.conll:2"), std::string::npos) << st.ToString();
  EXPECT_FALSE(ner::ParseConll("0\ta\tB-FOO\n", "f", &s).ok());
  EXPECT_FALSE(ner::ParseConll("0\ta\n", "f", &s).ok());
  EXPECT_TRUE(ner::ReadConll(kData + "missing.conll", &s).IsNotFound());
}

// ---- scorer ----

TEST(NerScores, ConllevalSemantics) {
  ner::Scores sc;
  // Gold: PER(0-2) LOC(3); predicted: PER(0-1) (partial: wrong), LOC(3) right, ORG(4) spurious.
  sc.Add(Labels({"B-PER", "I-PER", "O", "B-LOC", "O"}),
         Labels({"B-PER", "O", "O", "B-LOC", "B-ORG"}));
  EXPECT_EQ(sc.gold[0] + sc.gold[2], 2u);
  EXPECT_NEAR(sc.Precision(), 100.0 / 3, 1e-9);
  EXPECT_NEAR(sc.Recall(), 50.0, 1e-9);
  EXPECT_NEAR(sc.F1(), 40.0, 1e-9);
  EXPECT_NEAR(sc.F1(int(EntityType::kLoc)), 100.0, 1e-9);
  EXPECT_NEAR(sc.F1(int(EntityType::kPer)), 0.0, 1e-9);
  // A right span with the wrong type is wrong; a type change splits entities.
  ner::Scores t;
  t.Add(Labels({"B-PER", "I-PER"}), Labels({"B-ORG", "I-ORG"}));
  t.Add(Labels({"B-LOC", "B-LOC"}), Labels({"B-LOC", "I-LOC"}));
  EXPECT_EQ(t.correct[0] + t.correct[1] + t.correct[2] + t.correct[3], 0u);
  EXPECT_EQ(t.tokens, 4u);
  ner::Scores perfect;
  perfect.Add(Labels({"B-MISC", "I-MISC", "O"}), Labels({"B-MISC", "I-MISC", "O"}));
  EXPECT_NEAR(perfect.F1(), 100.0, 1e-9);
}

// ---- tokenizer ----

std::vector<std::string> Toks(std::string_view text, std::string_view lang,
                              std::vector<uint32_t>* ends = nullptr) {
  std::vector<ner::Span> spans;
  std::vector<uint32_t> e;
  ner::Tokenize(text, lang, &spans, &e);
  std::vector<std::string> r;
  for (const auto& s : spans) r.emplace_back(text.substr(s.begin, s.end - s.begin));
  if (ends != nullptr) *ends = e;
  return r;
}

TEST(NerTokenize, ConllLikeTokens) {
  EXPECT_EQ(Toks("Fayez al-Sarraj (GNA) zei: \"nee\".", "nl"),
            (std::vector<std::string>{"Fayez", "al-Sarraj", "(", "GNA", ")", "zei", ":", "\"",
                                      "nee", "\"", "."}));
  EXPECT_EQ(Toks("The U.S. paid $1,000.50 to Haftar's men, didn't it?", "en"),
            (std::vector<std::string>{"The", "U.S.", "paid", "$", "1,000.50", "to", "Haftar", "'s",
                                      "men", ",", "did", "n't", "it", "?"}));
  EXPECT_EQ(Toks("l'ONU et d'Haftar", "fr"),
            (std::vector<std::string>{"l'", "ONU", "et", "d'", "Haftar"}));
  EXPECT_EQ(Toks("zo'n programma's", "nl"), (std::vector<std::string>{"zo'n", "programma's"}));
  EXPECT_EQ(Toks("«Libië» – Tripoli…", "nl"),
            (std::vector<std::string>{"«", "Libië", "»", "–", "Tripoli", "…"}));
}

TEST(NerTokenize, Sentences) {
  std::vector<uint32_t> ends;
  Toks("Mr. Smith went to Washington. He left. then\n\nA new one", "en", &ends);
  EXPECT_EQ(ends, (std::vector<uint32_t>{6, 10, 13}));
}

// ---- training and model files ----

std::vector<Sentence> ReadData(const std::string& name) {
  std::vector<Sentence> s;
  EXPECT_TRUE(ner::ReadConll(kData + name, &s).ok());
  return s;
}

ner::Model TrainTiny() {
  ner::TrainOptions o;
  o.lang = "nl";
  o.epochs = 5;
  o.min_count = 1;
  o.prune = 0;
  ner::Model m;
  EXPECT_TRUE(
      ner::Train(ReadData("tiny.train.conll"), ReadData("tiny.dev.conllu"), {}, {}, o, nullptr, &m)
          .ok());
  return m;
}

TEST(NerTrain, LearnsATinyCorpus) {
  const ner::Model m = TrainTiny();
  EXPECT_NEAR(ner::Evaluate(m, ReadData("tiny.train.conll")).F1(), 100.0, 1e-9);
  ner::PerceptronTagger t(std::make_shared<ner::Model>(m));
  const auto got = Mentions(t, "Gisteren sprak Karim Haddad met de pers.");
  EXPECT_EQ(got, (std::vector<std::string>{"Karim Haddad/PER"}));
}

TEST(NerTrain, DeterministicAndRoundTrips) {
  const std::string a = TrainTiny().Serialize(), b = TrainTiny().Serialize();
  EXPECT_EQ(a, b);
  TempDir dir;
  testutil::WriteBytes(dir.File("m.dlner"), a);
  std::unique_ptr<NerTagger> loaded;
  ASSERT_TRUE(NerTagger::Load(dir.File("m.dlner"), &loaded).ok());
  EXPECT_EQ(loaded->lang(), "nl");
  ner::PerceptronTagger direct(std::make_shared<ner::Model>(TrainTiny()));
  for (const char* text : {"Anna Verbeek woont in Gent.", "Het Rode Kruis helpt in Tripoli.",
                           "Sofie Maes en Jan Peeters. Gisteren sprak VN."}) {
    std::vector<EntityMention> x, y;
    direct.Tag(text, &x);
    loaded->Tag(text, &y);
    ASSERT_EQ(x.size(), y.size()) << text;
    for (size_t i = 0; i < x.size(); ++i) {
      EXPECT_EQ(x[i].start, y[i].start);
      EXPECT_EQ(x[i].end, y[i].end);
      EXPECT_EQ(x[i].type, y[i].type);
    }
  }
}

TEST(NerModel, DamagedFilesAreCorruption) {
  const std::string good = TrainTiny().Serialize();
  TempDir dir;
  const std::string path = dir.File("m.dlner");
  std::unique_ptr<NerTagger> t;
  auto expect_corrupt = [&](const std::string& bytes, const std::string& what) {
    testutil::WriteBytes(path, bytes);
    Status s = NerTagger::Load(path, &t);
    EXPECT_TRUE(s.IsCorruption()) << what << ": " << s.ToString();
    EXPECT_NE(s.message().find(path), std::string::npos) << what;
  };
  for (size_t n : {size_t{0}, size_t{5}, size_t{35}, size_t{36}, good.size() / 2, good.size() - 1})
    expect_corrupt(good.substr(0, n), "truncated to " + std::to_string(n));
  expect_corrupt(good + "x", "extended");
  expect_corrupt(std::string(good.size(), '\0'), "zeroed");
  std::mt19937 rng(7);
  for (int i = 0; i < 200; ++i) {
    std::string bad = good;
    bad[rng() % bad.size()] ^= static_cast<char>(1 + rng() % 255);
    expect_corrupt(bad, "flipped byte " + std::to_string(i));
  }
  std::string garbage(4096, '\0');
  for (char& c : garbage) c = static_cast<char>(rng());
  expect_corrupt(garbage, "garbage");
  EXPECT_TRUE(NerTagger::Load(dir.File("none"), &t).IsNotFound());
}

// ---- robustness ----

void CheckMentions(std::string_view text, const std::vector<EntityMention>& m, bool utf8) {
  uint32_t prev_end = 0;
  for (const EntityMention& e : m) {
    ASSERT_LT(e.start, e.end);
    ASSERT_LE(e.end, text.size());
    ASSERT_GE(e.start, prev_end);
    prev_end = e.end;
    if (!utf8) continue;
    auto boundary = [&](uint32_t i) {
      return i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    };
    EXPECT_TRUE(boundary(e.start) && boundary(e.end));
  }
}

TEST(NerTag, FuzzRandomBytesAndStrings) {
  const NerTagger* t = NerTagger::Bundled("nl");
  ASSERT_NE(t, nullptr);
  std::mt19937 rng(42);
  const std::vector<std::string> pieces = {"Khalifa", " ", "Haftar", "al-",   "Sarraj", "\n",
                                           ".",       "'", "é",      "Libië", "€",      "中",
                                           "U.S.",    "-", "’s",     "\"",    "VN",     "  "};
  const int rounds = testutil::kSanitized ? 150 : 600;
  for (int r = 0; r < rounds; ++r) {
    std::string bytes(rng() % 300, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    std::vector<EntityMention> m;
    t->Tag(bytes, &m);
    CheckMentions(bytes, m, false);
    std::string s;
    for (size_t k = rng() % 60; k > 0; --k) s += pieces[rng() % pieces.size()];
    m.clear();
    t->Tag(s, &m);
    CheckMentions(s, m, true);
  }
}

TEST(NerTag, LongTextsInBlocks) {
  const NerTagger* t = NerTagger::Bundled("nl");
  ASSERT_NE(t, nullptr);
  const std::string sentence = "Donderdag sprak Fayez al-Sarraj in Tripoli met de pers. ";
  std::string text;
  size_t sentences = 0;
  const size_t target = testutil::kSanitized ? size_t{1} << 17 : size_t{3} << 19;  // 1.5 MiB
  for (; text.size() < target; ++sentences) text += sentence;
  text += std::string((size_t{3} << 19) / (testutil::kSanitized ? 8 : 1), 'x');  // one long word
  std::vector<EntityMention> m;
  t->Tag(text, &m);
  CheckMentions(text, m, true);
  size_t tripoli = 0;
  for (const EntityMention& e : m) tripoli += text.substr(e.start, e.end - e.start) == "Tripoli";
  EXPECT_LE(tripoli, sentences);
  EXPECT_GE(tripoli + 2, sentences);  // a sentence cut at a block boundary may lose it
}

// ---- bundled models ----

TEST(NerBundled, AllLanguagesLoad) {
  for (const char* lang : {"nl", "es", "en", "de", "fr", "it"}) {
    const NerTagger* t = NerTagger::Bundled(lang);
    ASSERT_NE(t, nullptr) << lang;
    EXPECT_EQ(t->lang(), lang);
    EXPECT_EQ(NerTagger::Bundled(lang), t);
  }
  EXPECT_EQ(NerTagger::Bundled("xx"), nullptr);
}

TEST(NerBundled, DutchNews) {
  ASSERT_NE(NerTagger::Bundled("nl"), nullptr);
  const NerTagger& t = *NerTagger::Bundled("nl");
  const auto m = Mentions(t, "Donderdag rukte het leger van Khalifa Haftar op naar Tripoli.");
  EXPECT_TRUE(Has(m, "Khalifa Haftar/PER")) << ::testing::PrintToString(m);
  EXPECT_TRUE(Has(m, "Tripoli/LOC")) << ::testing::PrintToString(m);
  const auto m2 = Mentions(t, "Premier Fayez al-Sarraj vroeg de Verenigde Naties om hulp.");
  EXPECT_TRUE(Has(m2, "Fayez al-Sarraj/PER")) << ::testing::PrintToString(m2);
  const auto m3 = Mentions(t, "Volgens minister Jan\nJambon is de situatie in Brussel rustig.");
  EXPECT_TRUE(Has(m3, "Jan\nJambon/PER")) << ::testing::PrintToString(m3);
  EXPECT_TRUE(Has(m3, "Brussel/LOC")) << ::testing::PrintToString(m3);
  const auto h = Mentions(t, "LEGER VAN HAFTAR RUKT OP NAAR TRIPOLI");
  EXPECT_TRUE(Has(h, "TRIPOLI/LOC")) << ::testing::PrintToString(h);
  for (const std::string& x : h) EXPECT_EQ(x.find("RUKT"), std::string::npos) << x;
  const auto q = Mentions(t, "\"We gaan niet weg\", zei Fayez al-Sarraj dinsdag in Tripoli.");
  EXPECT_TRUE(Has(q, "Fayez al-Sarraj/PER")) << ::testing::PrintToString(q);
}

TEST(NerBundled, EnglishNewsAndHeadline) {
  ASSERT_NE(NerTagger::Bundled("en"), nullptr);
  const NerTagger& t = *NerTagger::Bundled("en");
  const auto m = Mentions(t,
                          "Libyan commander Khalifa Haftar ordered an attack on Tripoli, "
                          "the United Nations said.");
  EXPECT_TRUE(Has(m, "Khalifa Haftar/PER")) << ::testing::PrintToString(m);
  EXPECT_TRUE(Has(m, "Tripoli/LOC")) << ::testing::PrintToString(m);
  EXPECT_TRUE(Has(m, "United Nations/ORG")) << ::testing::PrintToString(m);
  // All-caps headline: the names are found, the common words are not taken for names
  // (in CoNLL-2003 capitalised city names in headlines are mostly sports clubs: ORG).
  const auto h = Mentions(t, "HAFTAR FORCES SHELL TRIPOLI AIRPORT AS UN ENVOY CALLS FOR TRUCE");
  EXPECT_TRUE(Has(h, "TRIPOLI/LOC") || Has(h, "TRIPOLI/ORG")) << ::testing::PrintToString(h);
  for (const std::string& x : h) EXPECT_EQ(x.find("CALLS"), std::string::npos) << x;
  const auto q = Mentions(t, "\"We will not give up,\" said Fayez al-Sarraj in a statement.");
  EXPECT_TRUE(Has(q, "Fayez al-Sarraj/PER")) << ::testing::PrintToString(q);
}

// The tagger's cached word-type emissions give the labels of the plain features
// (also where it leaves lower-case stretches out).
TEST(NerBundled, CachedEmissionsMatchFeatures) {
  const std::vector<std::string> texts = {
      "Libyan commander Khalifa Haftar ordered an attack on Tripoli , the United Nations said .",
      "HAFTAR FORCES SHELL TRIPOLI AIRPORT AS UN ENVOY CALLS FOR TRUCE",
      "De Verenigde Naties en de Europese Unie vroegen Haftar om een bestand in Tripoli .",
      "Tripoli Tripoli tripoli TRIPOLI 3.5 1,000 U.S. al-Sarraj 's Haftar .", "x",
      // long lower-case stretches, left out by the tagging path
      "the company said on tuesday that its profits rose by 3.5 % in the third quarter of "
      "the year , well above what the analysts had expected , and that Haftar would stay .",
      "De voorzitter van de Koninklijke Nederlandse Voetbalbond zei dat het bestuur het "
      "besluit van de commissie in de komende weken zou bespreken ."};
  for (int round = 0; round < 2; ++round)  // the second round hits the cache of the first
    for (const char* lang : {"en", "nl", "en"}) {
      const auto* t = dynamic_cast<const ner::PerceptronTagger*>(NerTagger::Bundled(lang));
      ASSERT_NE(t, nullptr) << lang;
      const ner::Model& m = t->model();
      for (const std::string& text : texts) {
        std::vector<std::string> tokens;
        for (size_t b = 0, e; b < text.size(); b = e + 1) {
          e = std::min(text.find(' ', b), text.size());
          tokens.push_back(text.substr(b, e - b));
        }
        std::vector<std::vector<std::string_view>> doc(1);
        doc[0].assign(tokens.begin(), tokens.end());
        ner::DocWords words;
        ner::CollectDocWords(doc, &words);
        ner::FeatureExtractor fx(&m.clusters, &m.gazetteer);
        fx.set_doc(&words);
        std::vector<uint64_t> feats;
        fx.Extract(doc[0], &feats);
        std::vector<uint8_t> want, got;
        m.Decode(feats.data(), tokens.size(), &want);
        t->TagTokens(tokens, &got);
        EXPECT_EQ(Names(got), Names(want)) << lang << ": " << text;
      }
    }
}

// The emission scores are summed in vector lanes (extract/ner/scores.h): the
// sums must be those of a plain loop over the labels, for any weights.
TEST(NerEmission, ScoresSumLikeAPlainLoop) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> w16(INT16_MIN, INT16_MAX), pick(0, 3);
  for (int trial = 0; trial < 200; ++trial) {
    int64_t want[ner::kNumLabels] = {};
    ner::LabelScores s;
    for (int r = 0; r < 60; ++r) {
      ner::WeightRow row;
      for (int y = 0; y < ner::kNumLabels; ++y) {
        const int kind = pick(rng);  // extremes, zero and any value
        row.w[y] = static_cast<int16_t>(kind == 0   ? INT16_MIN
                                        : kind == 1 ? INT16_MAX
                                        : kind == 2 ? 0
                                                    : w16(rng));
        want[y] += row.w[y];
      }
      s.Add(row);
    }
    // Through the packed form (lanes: labels 0, 2, 4, 6, 1, 3, 5, 7, 8) and back.
    ner::PackedScores p;
    s.Store(&p);
    for (int k = 0; k < 4; ++k) {
      EXPECT_EQ(p.v[k], want[2 * k]);
      EXPECT_EQ(p.v[4 + k], want[2 * k + 1]);
    }
    EXPECT_EQ(p.v[8], want[8]);
    ner::LabelScores t;
    t.Load(p);
    t.Add(p);
    int64_t got[ner::kNumLabels];
    t.Get(got);
    for (int y = 0; y < ner::kNumLabels; ++y) EXPECT_EQ(got[y], 2 * want[y]) << y;
  }
}

// ComputeKeys() takes a fast path for ASCII tokens; its keys must be those of
// the general code.
TEST(NerEmission, AsciiKeysEqualGeneralKeys) {
  std::vector<std::string> tokens = {""};
  const std::string words =
      "a A ab Ab AB aB Haftar HAFTAR U.S. U.S 3.5 1,000 x1 X1 -- ... 's n't AT&T al-Sarraj "
      "McDonald iPhone A1B2 <s1> </s3> ! 2019 aaaaaaaaaaaaaaaaaaaa AAAAAAAAAAAAAAAAAAAAA Mr. J.";
  for (size_t b = 0, e; b < words.size(); b = e + 1) {
    e = std::min(words.find(' ', b), words.size());
    tokens.push_back(words.substr(b, e - b));
  }
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> len(0, 16), byte(0x20, 0x7E), low(0, 0x7F);
  for (int i = 0; i < 3000; ++i) {
    std::string t(static_cast<size_t>(len(rng)), ' ');
    for (char& c : t) c = static_cast<char>(i % 4 == 0 ? low(rng) : byte(rng));
    tokens.push_back(t);
  }
  ner::FeatureExtractor fx(nullptr, nullptr);
  for (const std::string& t : tokens) {
    ner::FeatureExtractor::Keys a{}, b{};
    fx.ComputeKeys(t, &a);
    const std::string lower_a = fx.lower();
    fx.GeneralKeys(t, &b);
    EXPECT_EQ(fx.lower(), lower_a) << t;
    EXPECT_EQ(a.word, b.word) << t;
    EXPECT_EQ(a.lower, b.lower) << t;
    EXPECT_EQ(a.shape, b.shape) << t;
    EXPECT_EQ(a.kind, b.kind) << t;
    EXPECT_EQ(a.kind_id, b.kind_id) << t;
    EXPECT_EQ(a.title, b.title) << t;
    for (int k = 0; k < 4; ++k) {
      EXPECT_EQ(a.pre[k], b.pre[k]) << t << " prefix " << k;
      EXPECT_EQ(a.suf[k], b.suf[k]) << t << " suffix " << k;
    }
  }
}

TEST(NerBundled, OtherLanguages) {
  for (const char* lang : {"es", "de", "fr", "it"}) ASSERT_NE(NerTagger::Bundled(lang), nullptr);
  const auto es = Mentions(*NerTagger::Bundled("es"),
                           "El mariscal Jalifa Haftar ordenó el ataque contra Trípoli.");
  EXPECT_TRUE(Has(es, "Trípoli/LOC")) << ::testing::PrintToString(es);
  const auto de = Mentions(*NerTagger::Bundled("de"),
                           "Der General Khalifa Haftar kündigte in Bengasi einen Angriff an.");
  EXPECT_TRUE(Has(de, "Khalifa Haftar/PER")) << ::testing::PrintToString(de);
  const auto fr = Mentions(*NerTagger::Bundled("fr"),
                           "Le maréchal Khalifa Haftar a lancé une offensive sur Tripoli.");
  EXPECT_TRUE(Has(fr, "Tripoli/LOC")) << ::testing::PrintToString(fr);
  const auto it =
      Mentions(*NerTagger::Bundled("it"), "Il generale Khalifa Haftar ha attaccato Tripoli.");
  EXPECT_TRUE(Has(it, "Tripoli/LOC")) << ::testing::PrintToString(it);
}

// ---- command line ----

using testing::cli::Dl;

TEST(NerCli, TrainAndEval) {
  TempDir dir;
  const std::string model = dir.File("tiny.dlner");
  auto r = Dl({"train-ner", "--lang", "nl", "--train", kData + "tiny.train.conll", "--dev",
               kData + "tiny.dev.conllu", "--out", model, "--epochs", "3", "--clusters", "0"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("epoch 3: dev F1"), std::string::npos) << r.out;
  const std::string first = testutil::ReadBytes(model);
  r = Dl({"train-ner", "--lang", "nl", "--train", kData + "tiny.train.conll", "--dev",
          kData + "tiny.dev.conllu", "--out", model, "--epochs", "3", "--clusters", "0"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(testutil::ReadBytes(model), first);  // bit for bit
  r = Dl({"eval-ner", "--lang", "nl", "--model", model, kData + "tiny.dev.conllu"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("FB1"), std::string::npos) << r.out;
  r = Dl({"eval-ner", "--lang", "nl", "--model", model, "--json", kData + "tiny.dev.conllu"});
  ASSERT_EQ(r.code, 0) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::element j;
  ASSERT_EQ(parser.parse(r.out).get(j), simdjson::SUCCESS) << r.out;
  double f1 = -1, tps = -1, per_f1 = -1;
  EXPECT_EQ(j["f1"].get(f1), simdjson::SUCCESS);
  EXPECT_EQ(j["tokens_per_second"].get(tps), simdjson::SUCCESS);
  EXPECT_EQ(j["per_type"]["PER"]["f1"].get(per_f1), simdjson::SUCCESS);
  EXPECT_GT(f1, 50);
  EXPECT_GT(tps, 0);
  EXPECT_GE(per_f1, 0);
  r = Dl({"eval-ner", "--lang", "nl", "--json", kData + "tiny.dev.conllu"});  // bundled
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST(NerCli, Errors) {
  TempDir dir;
  EXPECT_EQ(Dl({"train-ner", "--lang", "nl"}).code, 2);
  EXPECT_EQ(Dl({"eval-ner", "--lang", "nl"}).code, 2);
  auto r =
      Dl({"train-ner", "--lang", "nl", "--train", kData + "bad.conll", "--out", dir.File("m")});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad.conll:4"), std::string::npos) << r.err;
  testutil::WriteBytes(dir.File("broken.dlner"), "DLNERMDL garbage");
  r = Dl(
      {"eval-ner", "--lang", "nl", "--model", dir.File("broken.dlner"), kData + "tiny.dev.conllu"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("broken.dlner"), std::string::npos) << r.err;
  EXPECT_EQ(Dl({"eval-ner", "--lang", "xx", kData + "tiny.dev.conllu"}).code, 1);
  EXPECT_EQ(Dl({"train-ner", "--lang", "xx", "--train", kData + "tiny.train.conll", "--out",
                dir.File("m")})
                .code,
            2);
}

// ---- real dev data (skipped without ../shared) ----

TEST(NerShared, DutchDevScore) {
  const std::string dev = std::string(DL_SOURCE_DIR) + "/../shared/data/conll2002/ned.testa";
  if (!std::filesystem::exists(dev)) GTEST_SKIP() << "no " << dev;
  std::vector<Sentence> s;
  ASSERT_TRUE(ner::ReadConll(dev, &s).ok());
  const auto* t = dynamic_cast<const ner::PerceptronTagger*>(NerTagger::Bundled("nl"));
  ASSERT_NE(t, nullptr);
  EXPECT_GT(ner::Evaluate(t->model(), s).F1(), 70.0);
}

}  // namespace
}  // namespace dateline
