// Smoke test of the extractors on real text in six languages: the sentences of
// the CoNLL and WikiNEuRal development files in ../shared/data, rebuilt into
// documents of 20 sentences, each annotated whole (entities, places, dates,
// quotes, events). Every span must lie inside its field and the annotations
// must survive encoding. Real news found a crash the fuzzer had not (an
// abbreviation's full stop inside a capitalised sentence opening); this runs
// thousands of real sentences on every build. Skipped when ../shared is absent.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "dateline/annotate.h"

namespace dateline {
namespace {

const std::string kShared = std::string(DL_SOURCE_DIR) + "/../shared/data";
constexpr size_t kSentencesPerDoc = 20;
constexpr size_t kDocsPerFile = 120;

// Appends a token to a sentence, with no space before closing punctuation.
void AppendToken(const std::string& tok, std::string* s) {
  const bool closing =
      tok.size() == 1 && std::string_view(",.;:!?)]%").find(tok[0]) != std::string_view::npos;
  if (!s->empty() && !closing && s->back() != '(') s->push_back(' ');
  s->append(tok);
}

// The sentences of a CoNLL-style file (one token per line, column `col`,
// blank lines between sentences), at most `max`.
std::vector<std::string> Sentences(const std::string& path, size_t col, size_t max) {
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line, cur;
  while (out.size() < max && std::getline(in, line)) {
    if (line.empty() || line == "\r") {
      if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
      continue;
    }
    std::vector<std::string> f;
    size_t b = 0;
    for (size_t i = 0; i <= line.size(); ++i) {
      if (i == line.size() || line[i] == '\t' || line[i] == ' ') {
        f.push_back(line.substr(b, i - b));
        b = i + 1;
      }
    }
    if (col < f.size() && f[0] != "-DOCSTART-") AppendToken(f[col], &cur);
  }
  if (!cur.empty() && out.size() < max) out.push_back(cur);
  return out;
}

void CheckSpans(const FieldAnnotations& f, size_t size, const std::string& where) {
  for (const Entity& e : f.entities) ASSERT_TRUE(e.start < e.end && e.end <= size) << where;
  for (const Place& p : f.places) ASSERT_TRUE(p.start < p.end && p.end <= size) << where;
  for (const Quote& q : f.quotes) {
    ASSERT_TRUE(q.start < q.end && q.end <= size) << where;
    ASSERT_TRUE(q.speaker_start <= q.speaker_end && q.speaker_end <= size) << where;
  }
  for (const Event& e : f.events) {
    ASSERT_TRUE(e.start <= e.trigger_start && e.trigger_end <= e.end && e.end <= size) << where;
    for (const auto* list : {&e.sources, &e.targets}) {
      for (const EventActor& a : *list) ASSERT_TRUE(a.start < a.end && a.end <= size) << where;
    }
  }
}

struct Source {
  const char* path;  // under ../shared/data
  const char* lang;
  size_t col;  // token column
};

TEST(RealText, ExtractorsKeepTheirSpansOnRealSentences) {
  if (!std::filesystem::exists(kShared)) GTEST_SKIP() << "../shared/data is absent";
  const Source sources[] = {
      {"conll2003/en/val.conllu", "en", 1},  {"conll2002/ned.testa", "nl", 0},
      {"conll2002/esp.testa", "es", 0},      {"wikineural/de/val.conllu", "de", 1},
      {"wikineural/fr/val.conllu", "fr", 1}, {"wikineural/it/val.conllu", "it", 1},
      {"wikineural/nl/val.conllu", "nl", 1},
  };
  size_t docs = 0, events = 0;
  for (const Source& src : sources) {
    const std::string path = kShared + "/" + src.path;
    if (!std::filesystem::exists(path)) continue;
    const std::vector<std::string> s = Sentences(path, src.col, kDocsPerFile * kSentencesPerDoc);
    for (size_t i = 0; i + 1 < s.size(); i += kSentencesPerDoc) {
      Document d;
      d.id = std::string(src.path) + "#" + std::to_string(i);
      d.lang = src.lang;
      d.date = *Date::Parse("2019-04-06");
      d.title = s[i];
      for (size_t k = i + 1; k < s.size() && k < i + kSentencesPerDoc; ++k) {
        d.text += s[k] + (k % 4 == 0 ? "\n" : " ");
      }
      const Annotations a = Annotate(d);
      CheckSpans(a.title, d.title.size(), d.id);
      CheckSpans(a.text, d.text.size(), d.id);
      Annotations back;
      ASSERT_TRUE(DecodeAnnotations(EncodeAnnotations(a), d.title, d.text, &back)) << d.id;
      EXPECT_EQ(back.text.events.size(), a.text.events.size()) << d.id;
      events += a.title.events.size() + a.text.events.size();
      ++docs;
    }
  }
  std::printf("%zu documents, %zu events\n", docs, events);
  if (docs == 0) GTEST_SKIP() << "no CoNLL or WikiNEuRal files under ../shared/data";
  EXPECT_GT(events, 0u) << docs << " documents without a single event";
}

}  // namespace
}  // namespace dateline
