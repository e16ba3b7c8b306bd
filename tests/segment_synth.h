// Synthetic segments for the segment tests: documents, columns and terms
// drawn from a seed, written by SegmentWriter and checked term by term.
#pragma once

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "dateline/index.h"
#include "gtest/gtest.h"
#include "index/segment.h"

namespace dateline::index {

struct SynthTerm {
  std::string term;
  std::vector<uint32_t> docs, freqs, positions;
};

struct Synth {
  std::vector<SynthTerm> terms;  // sorted by term bytes
  std::vector<Document> docs;    // in doc-number order
  std::vector<DocColumns> cols;
  std::vector<std::string> langs;
};

inline constexpr const char* kWords[] = {
    "vrede",     "overleg",   "gezant",  "Libië",     "طرابلس",
    "talks",     "ceasefire", "Salamé",  "Gespräche", "paz",
    "accord",    "harbour",   "Misrata", "Ghadames",  "VN-Veiligheidsraad",
    "résolution"};

inline std::string Words(std::mt19937& rng, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    if (i) s += (rng() % 12 == 0) ? ". " : " ";
    s += kWords[rng() % std::size(kWords)];
  }
  return s;
}

// Builds a synthetic segment description: `ndocs` documents with dates of all
// precisions (ordered like the indexer orders them) and `nterms` terms, a third
// of them stem terms without positions.
inline Synth MakeSynth(uint32_t seed, uint32_t ndocs, uint32_t nterms, size_t text_words) {
  std::mt19937 rng(seed);
  Synth s;
  s.langs = {"ar", "de", "en", "nl", "und"};
  std::vector<Date> dates;
  for (uint32_t i = 0; i < ndocs; ++i) {
    Date d;
    d.year = 2015 + static_cast<int32_t>(rng() % 6);
    d.precision = static_cast<Date::Precision>(1 + rng() % 3);
    if (d.precision != Date::Precision::kYear) d.month = static_cast<uint8_t>(1 + rng() % 12);
    if (d.precision == Date::Precision::kDay) d.day = static_cast<uint8_t>(1 + rng() % 28);
    dates.push_back(d);
  }
  std::sort(dates.begin(), dates.end(), [](const Date& a, const Date& b) {
    return std::pair(a.FirstDay(), a.LastDay()) < std::pair(b.FirstDay(), b.LastDay());
  });
  for (uint32_t i = 0; i < ndocs; ++i) {
    Document doc;
    // Ids in an order unrelated to doc numbers.
    doc.id = "id-" + std::to_string((i * 7919u + 13u) % 100003u) + (i % 3 ? "-x" : "");
    doc.date = dates[i];
    doc.title = i % 5 == 0 ? "" : Words(rng, 1 + rng() % 6);
    doc.text = Words(rng, 1 + rng() % text_words);
    doc.url = i % 4 == 0 ? "" : "https://example.org/news/" + std::to_string(i) + "?q=a&b=ë";
    doc.source = i % 3 == 0 ? "" : "Agence " + std::to_string(i % 7);
    DocColumns c{};
    c.first_day = doc.date.FirstDay();
    c.last_day = doc.date.LastDay();
    c.length = static_cast<uint32_t>(1 + rng() % 500);
    c.title_len = static_cast<uint16_t>(rng() % 10);
    c.lang = static_cast<uint8_t>(rng() % s.langs.size());
    c.precision = static_cast<uint8_t>(doc.date.precision);
    doc.lang = s.langs[c.lang];
    doc.lang_confidence = static_cast<float>(rng() % 1001) / 1000.0f;
    doc.extra_json = i % 2 ? "" : "{\"n\":" + std::to_string(i) + ",\"tags\":[\"a\",\"ü\"]}";
    doc.origin = "feed-" + std::to_string(i % 3) + ".jsonl:" + std::to_string(i + 1);
    s.docs.push_back(std::move(doc));
    s.cols.push_back(c);
  }
  std::set<std::string> names;
  while (names.size() < nterms) {
    const uint32_t k = static_cast<uint32_t>(rng() % 100000);
    switch (rng() % 3) {
      case 0:
        names.insert(std::string(1, kStemPrefix) + "st" + std::to_string(k));
        break;
      case 1:
        names.insert("w" + std::to_string(k));
        break;
      default:
        names.insert("é" + std::to_string(k));
        break;
    }
  }
  for (const std::string& name : names) {
    SynthTerm t;
    t.term = name;
    const uint32_t mode = static_cast<uint32_t>(rng() % 4);
    for (uint32_t d = 0; d < ndocs; ++d) {
      const bool in = mode == 0 ? rng() % 2 == 0 : mode == 1 ? rng() % 20 == 0 : mode == 2;
      if (!in) continue;
      t.docs.push_back(d);
      const uint32_t f = 1 + static_cast<uint32_t>(rng() % 3);
      t.freqs.push_back(f);
      uint32_t p = static_cast<uint32_t>(rng() % 5);
      for (uint32_t k = 0; k < f; ++k) {
        t.positions.push_back(p);
        p += 1 + static_cast<uint32_t>(rng() % 30);
      }
    }
    if (t.docs.empty()) {
      t.docs.push_back(static_cast<uint32_t>(rng() % ndocs));
      t.freqs.push_back(1);
      t.positions.push_back(0);
    }
    s.terms.push_back(std::move(t));
  }
  return s;
}

inline bool IsStem(const std::string& term) { return !term.empty() && term[0] == kStemPrefix; }

// Each document's language id, as the writer's AddTerm takes them.
inline std::vector<uint8_t> DocLangs(const Synth& s) {
  std::vector<uint8_t> l;
  for (const DocColumns& c : s.cols) l.push_back(c.lang);
  return l;
}

inline Status WriteSynth(const Synth& s, const std::string& path, bool old_version = false) {
  SegmentWriter w(path);
  if (old_version) w.WriteOldVersion();
  const std::vector<uint8_t> langs = DocLangs(s);
  for (const SynthTerm& t : s.terms) {
    w.AddTerm(t.term, t.docs.data(), t.freqs.data(), t.docs.size(), t.positions.data(),
              langs.data());
  }
  for (size_t d = 0; d < s.docs.size(); ++d) w.AddDocument(s.docs[d], s.cols[d]);
  EXPECT_EQ(w.doc_count(), s.docs.size());
  return w.Finish(s.langs);
}

inline void ExpectSameDoc(const Document& got, const Document& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.date, want.date) << got.date.ToString() << " vs " << want.date.ToString();
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.text, want.text);
  EXPECT_EQ(got.url, want.url);
  EXPECT_EQ(got.source, want.source);
  EXPECT_EQ(got.lang, want.lang);
  EXPECT_NEAR(got.lang_confidence, want.lang_confidence, 0.0006f);
  EXPECT_EQ(got.extra_json, want.extra_json);
  EXPECT_EQ(got.origin, want.origin);
}

inline void ExpectPostings(const SegmentReader& r, const SynthTerm& t, const TermInfo& info) {
  ASSERT_EQ(info.df, t.docs.size()) << t.term;
  ASSERT_EQ(info.positional, !IsStem(t.term)) << t.term;
  PostingsCursor c;
  r.OpenCursor(info, &c);
  std::vector<uint32_t> pos;
  size_t i = 0, p = 0;
  for (uint32_t d = c.doc(); d != kNoDoc; d = c.Next(), ++i) {
    ASSERT_LT(i, t.docs.size());
    ASSERT_EQ(d, t.docs[i]);
    ASSERT_EQ(c.freq(), t.freqs[i]);
    if (info.positional) {
      c.Positions(&pos);
      ASSERT_EQ(
          pos, std::vector<uint32_t>(t.positions.begin() + static_cast<ptrdiff_t>(p),
                                     t.positions.begin() + static_cast<ptrdiff_t>(p + t.freqs[i])));
    }
    p += t.freqs[i];
  }
  EXPECT_EQ(i, t.docs.size());
  EXPECT_FALSE(c.corrupt());
}

inline void VerifyAll(const SegmentReader& r, const Synth& s) {
  ASSERT_EQ(r.doc_count(), s.docs.size());
  uint64_t total = 0;
  for (const auto& c : s.cols) total += c.length;
  EXPECT_EQ(r.total_length(), total);
  EXPECT_EQ(r.languages(), s.langs);
  // Columns.
  for (uint32_t d = 0; d < s.docs.size(); ++d) {
    const DocColumns& c = r.columns(d);
    EXPECT_EQ(std::memcmp(&c, &s.cols[d], sizeof c), 0) << "columns of doc " << d;
    EXPECT_EQ(&r.all_columns()[d], &c);
  }
  // Ids both ways.
  for (uint32_t d = 0; d < s.docs.size(); ++d) {
    EXPECT_EQ(r.FindId(s.docs[d].id), d) << s.docs[d].id;
    EXPECT_EQ(r.IdOf(d), s.docs[d].id);
  }
  EXPECT_EQ(r.FindId("no-such-id"), kNoDoc);
  EXPECT_EQ(r.FindId(""), kNoDoc);
  EXPECT_EQ(r.FindId("id-"), kNoDoc);
  EXPECT_EQ(r.FindId("zzzz"), kNoDoc);
  EXPECT_EQ(r.IdOf(static_cast<uint32_t>(s.docs.size())), "");
  // Stored documents: sequential with a cache, random without, and backwards with one.
  SegmentReader::StoreCache cache;
  Document doc;
  for (uint32_t d = 0; d < s.docs.size(); ++d) {
    ASSERT_TRUE(r.GetDocument(d, &doc, &cache).ok()) << d;
    ExpectSameDoc(doc, s.docs[d]);
  }
  SegmentReader::StoreCache back;
  for (uint32_t d = static_cast<uint32_t>(s.docs.size()); d-- > 0;) {
    ASSERT_TRUE(r.GetDocument(d, &doc, &back).ok()) << d;
    ASSERT_EQ(doc.id, s.docs[d].id);
    ASSERT_EQ(doc.text, s.docs[d].text);
  }
  std::mt19937 rng(5);
  for (int k = 0; k < 50; ++k) {
    const uint32_t d = static_cast<uint32_t>(rng() % s.docs.size());
    ASSERT_TRUE(r.GetDocument(d, &doc).ok());
    ExpectSameDoc(doc, s.docs[d]);
  }
  EXPECT_TRUE(r.GetDocument(static_cast<uint32_t>(s.docs.size()), &doc).IsInvalidArgument());
  // Terms.
  for (const SynthTerm& t : s.terms) {
    TermInfo info;
    ASSERT_TRUE(r.Find(t.term, &info)) << "missing term " << t.term;
    ExpectPostings(r, t, info);
  }
  std::vector<std::string> seen;
  ASSERT_TRUE(r.ForEachTerm([&](std::string_view term, const TermInfo& info) {
                 seen.emplace_back(term);
                 TermInfo found;
                 EXPECT_TRUE(r.Find(term, &found));
                 EXPECT_EQ(found.df, info.df);
                 EXPECT_EQ(found.postings, info.postings);
                 EXPECT_EQ(found.positions, info.positions);
                 return true;
               }).ok());
  ASSERT_EQ(seen.size(), s.terms.size());
  for (size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i], s.terms[i].term) << i;
  EXPECT_TRUE(r.CheckDeep().ok()) << r.CheckDeep().ToString();
}

// Writes `s` with a stem alias ("\x02" + word) for every third word term
// whose stem term is not in `s` (and one for a word that is never added),
// keeping `spill_bytes` of each section in memory. *words: the aliased words.
inline Status WriteSynthWithAliases(const Synth& s, const std::string& path, size_t spill_bytes,
                                    std::vector<std::string>* words) {
  SegmentWriter w(path, spill_bytes);
  const std::vector<uint8_t> langs = DocLangs(s);
  std::set<std::string> names;
  for (const SynthTerm& t : s.terms) names.insert(t.term);
  words->clear();
  for (size_t i = 0; i < s.terms.size(); i += 3) {
    const std::string& t = s.terms[i].term;
    if (!IsStem(t) && !names.count(StemTerm(t))) words->push_back(t);
  }
  std::sort(words->begin(), words->end());
  std::vector<std::string> aliased = *words;
  aliased.push_back("w999999x");              // no such word: the alias is dropped
  std::sort(aliased.begin(), aliased.end());  // in term order (words may sort after it)
  // Stems sort before every word: the aliases go among the stems, in order.
  size_t next = 0;
  for (const SynthTerm& t : s.terms) {
    while (next < aliased.size() && (!IsStem(t.term) || StemTerm(aliased[next]) < t.term)) {
      w.AddAlias(StemTerm(aliased[next]), aliased[next]);
      ++next;
    }
    w.AddTerm(t.term, t.docs.data(), t.freqs.data(), t.docs.size(), t.positions.data(),
              langs.data());
  }
  for (size_t d = 0; d < s.docs.size(); ++d) w.AddDocument(s.docs[d], s.cols[d]);
  return w.Finish(s.langs);
}

}  // namespace dateline::index
