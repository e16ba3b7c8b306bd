// Segment tests of the stem terms' language sets (version 6 on).
#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "dateline/index.h"
#include "gtest/gtest.h"
#include "index/coding.h"
#include "index/merge.h"
#include "index/segment.h"
#include "segment_file_util.h"
#include "segment_synth.h"
#include "test_util.h"

namespace dateline::index {
namespace {

using testutil::ReadBytes;
using testutil::Rechecksum;
using testutil::SectionSpan;
using testutil::TempDir;
using testutil::WriteBytes;

// Language sets (version 6): the dictionary entry of each stem term holds the
// languages of its documents.

// Stem term -> its language set: as recorded, or recomputed from its postings
// and the columns.
std::map<std::string, uint64_t> StemLangs(const SegmentReader& r, bool recorded) {
  std::map<std::string, uint64_t> out;
  EXPECT_TRUE(r.ForEachTerm([&](std::string_view term, const TermInfo& info) {
                 if (term.empty() || term[0] != kStemPrefix) return true;
                 uint64_t m = info.langs;
                 if (!recorded) {
                   m = 0;
                   PostingsCursor c;
                   r.OpenCursor(info, &c);
                   for (uint32_t d = c.doc(); d != kNoDoc; d = c.Next()) {
                     m |= uint64_t{1} << r.columns(d).lang;
                   }
                 }
                 out.emplace(term, m);
                 return true;
               }).ok());
  return out;
}

uint64_t LangsOfDocs(const Synth& s, const std::vector<uint32_t>& docs) {
  uint64_t m = 0;
  for (uint32_t d : docs) m |= uint64_t{1} << s.cols[d].lang;
  return m;
}

TEST(SegmentLangSetsTest, EveryStemTermRecordsItsDocumentsLanguages) {
  TempDir dir;
  for (uint32_t seed = 1; seed <= 6; ++seed) {
    const Synth s = MakeSynth(seed, 40 + seed * 90, 60, 8);
    const std::string path = dir.File("s" + std::to_string(seed) + ".dls");
    std::vector<std::string> words;
    ASSERT_TRUE(WriteSynthWithAliases(s, path, kSegmentSpillBytes, &words).ok());
    std::unique_ptr<SegmentReader> r;
    ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
    ASSERT_EQ(r->version(), kSegmentVersion);
    std::set<uint64_t> distinct;
    for (const SynthTerm& t : s.terms) {
      TermInfo info;
      ASSERT_TRUE(r->Find(t.term, &info));
      // Word terms keep no set in the file.
      EXPECT_EQ(info.langs, IsStem(t.term) ? LangsOfDocs(s, t.docs) : 0) << t.term;
      distinct.insert(info.langs);
    }
    for (const std::string& w : words) {  // aliases: the word's documents
      TermInfo info;
      ASSERT_TRUE(r->Find(StemTerm(w), &info));
      const auto t = std::find_if(s.terms.begin(), s.terms.end(),
                                  [&](const SynthTerm& x) { return x.term == w; });
      EXPECT_EQ(info.langs, LangsOfDocs(s, t->docs)) << w;
    }
    EXPECT_GT(distinct.size(), 2u) << "premise: terms of different language sets";
    EXPECT_EQ(StemLangs(*r, true), StemLangs(*r, false));
    EXPECT_TRUE(r->CheckDeep().ok()) << r->CheckDeep().ToString();
  }
}

// A merge remaps language ids (the inputs' tables differ) and drops deleted
// documents: the sets are those of the merged documents.
TEST(SegmentLangSetsTest, MergedSetsAreThoseOfTheMergedDocuments) {
  TempDir dir;
  const Synth a = MakeSynth(31, 400, 80, 6);
  Synth b = MakeSynth(31, 400, 80, 6);       // the same terms and documents...
  b.langs = {"de", "es", "fr", "nl", "zh"};  // ...in other languages
  for (size_t d = 0; d < b.docs.size(); ++d) {
    b.docs[d].lang = b.langs[b.cols[d].lang];
    b.docs[d].id = "b-" + b.docs[d].id;
  }
  const std::string pa = dir.File("a.dls"), pb = dir.File("b.dls"), out = dir.File("m.dls");
  std::vector<std::string> words;  // stems sharing a word's postings, in both inputs
  ASSERT_TRUE(WriteSynthWithAliases(a, pa, kSegmentSpillBytes, &words).ok());
  ASSERT_TRUE(WriteSynthWithAliases(b, pb, kSegmentSpillBytes, &words).ok());
  ASSERT_FALSE(words.empty());
  std::vector<SegmentView> inputs(2);
  for (int i = 0; i < 2; ++i) {
    std::unique_ptr<SegmentReader> r;
    ASSERT_TRUE(SegmentReader::Open(i == 0 ? pa : pb, &r).ok());
    inputs[i].reader = std::move(r);
  }
  // Every "ar" document of a deleted (a language of a only), and a few others.
  auto deleted = std::make_shared<std::vector<uint64_t>>((a.docs.size() + 63) / 64);
  for (uint32_t d = 0; d < a.docs.size(); ++d) {
    if (a.docs[d].lang == "ar" || d % 7 == 0) {
      (*deleted)[d >> 6] |= uint64_t{1} << (d & 63);
      ++inputs[0].deleted_count;
    }
  }
  inputs[0].deleted = deleted;
  uint32_t n = 0;
  ASSERT_TRUE(MergeSegments(inputs, out, &n).ok());
  ASSERT_EQ(n, a.docs.size() + b.docs.size() - inputs[0].deleted_count);
  std::unique_ptr<SegmentReader> m;
  ASSERT_TRUE(SegmentReader::Open(out, &m).ok());
  ASSERT_EQ(m->languages(),
            (std::vector<std::string>{"ar", "de", "en", "es", "fr", "nl", "und", "zh"}));
  const auto recorded = StemLangs(*m, true);
  EXPECT_EQ(recorded, StemLangs(*m, false));
  size_t stems = 0;
  for (const auto& [term, langs] : recorded) {
    EXPECT_EQ(langs & 1, 0u) << "no live document is in Arabic";
    EXPECT_NE(langs, 0u) << term;
    ++stems;
  }
  EXPECT_GT(stems, 10u);
  for (const std::string& w : words) {  // still aliases, with their words' sets
    TermInfo stem, word;
    ASSERT_TRUE(m->Find(StemTerm(w), &stem)) << w;
    ASSERT_TRUE(m->Find(w, &word)) << w;
    EXPECT_EQ(stem.postings, word.postings) << w;
    EXPECT_NE(stem.langs, 0u) << w;
  }
  EXPECT_TRUE(m->CheckDeep().ok()) << m->CheckDeep().ToString();
}

// `check` recomputes the sets: a wrong one is corruption; none recorded (0:
// AddTerm without languages, or a version 5 file) is not.
TEST(SegmentLangSetsTest, WrongSetsAreCorruptionAndMissingOnesAreNot) {
  TempDir dir;
  const Synth s = MakeSynth(41, 300, 40, 8);
  std::vector<uint8_t> wrong = DocLangs(s);
  for (uint8_t& l : wrong) l = static_cast<uint8_t>((l + 1) % s.langs.size());
  struct Case {
    const char* name;
    const uint8_t* langs;
    bool old_version, corrupt;
  };
  const Case cases[] = {{"wrong", wrong.data(), false, true},
                        {"none", nullptr, false, false},
                        {"old", nullptr, true, false}};
  for (const Case& c : cases) {
    const std::string path = dir.File(std::string(c.name) + ".dls");
    SegmentWriter w(path);
    if (c.old_version) w.WriteOldVersion();
    for (const SynthTerm& t : s.terms) {
      w.AddTerm(t.term, t.docs.data(), t.freqs.data(), t.docs.size(), t.positions.data(), c.langs);
    }
    for (size_t d = 0; d < s.docs.size(); ++d) w.AddDocument(s.docs[d], s.cols[d]);
    ASSERT_TRUE(w.Finish(s.langs).ok());
    std::unique_ptr<SegmentReader> r;
    ASSERT_TRUE(SegmentReader::Open(path, &r).ok()) << c.name;
    EXPECT_EQ(r->version(), c.old_version ? 4u : kSegmentVersion);
    const Status st = r->CheckDeep();
    EXPECT_EQ(st.IsCorruption(), c.corrupt) << c.name << ": " << st.ToString();
    if (c.corrupt) {
      EXPECT_NE(st.message().find("language set"), std::string::npos) << st.message();
    } else {
      for (const auto& [term, langs] : StemLangs(*r, true)) EXPECT_EQ(langs, 0u) << c.name;
    }
  }
}

// A wrong set found by `check` in a file otherwise intact: one bit of one
// stem entry changed, the checksums made to match.
TEST(SegmentLangSetsTest, FlippedSetBitIsFoundByCheck) {
  TempDir dir;
  Synth s = MakeSynth(43, 50, 0, 5);
  SynthTerm t;  // one stem term, the first entry of the dictionary, in documents of language 1
  t.term = std::string(1, kStemPrefix) + "only";
  for (uint32_t d = 0; d < s.docs.size(); ++d) {
    if (s.cols[d].lang == 1) {
      t.docs.push_back(d);
      t.freqs.push_back(1);
    }
  }
  ASSERT_FALSE(t.docs.empty());
  s.terms = {t};
  const std::string path = dir.File("a.dls");
  ASSERT_TRUE(WriteSynth(s, path).ok());
  std::string bytes = ReadBytes(path);
  const uint64_t dict = SectionSpan(bytes, kDict).first;
  // Entry: shared 0, length, term, df * 2, postings offset 0, langs (0b10).
  const size_t at = dict + 1 + 1 + t.term.size() + 1 + 1;
  ASSERT_EQ(bytes[at], 0x02);
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
  ASSERT_TRUE(r->CheckDeep().ok());
  bytes[at] = 0x06;  // languages 1 and 2
  Rechecksum(&bytes);
  WriteBytes(path, bytes);
  ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
  TermInfo info;
  ASSERT_TRUE(r->Find(t.term, &info));
  EXPECT_EQ(info.langs, 6u);
  const Status st = r->CheckDeep();
  EXPECT_TRUE(st.IsCorruption()) << st.ToString();
}

}  // namespace
}  // namespace dateline::index
