// Tests of how a SegmentWriter writes its file (index/segment.h): the document
// store goes straight into the segment file, right after the header, while the
// documents are added (no temporary file, no copy at Finish); a writer that
// fails or is dropped removes the partial file; flushes and merges whose store
// exceeds the spill budget read every document back.
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "dateline/index.h"
#include "gtest/gtest.h"
#include "index/merge.h"
#include "index/segment.h"
#include "segment_file_util.h"
#include "test_util.h"
#include "util/varint.h"

namespace dateline::index {
namespace {

namespace fs = std::filesystem;
using testutil::OpenInputs;
using testutil::ReadBytes;
using testutil::RechecksumSection;
using testutil::SectionAt;
using testutil::TempDir;
using testutil::WriteBytes;
using util::PutLengthPrefixed;
using util::PutVarint;

constexpr size_t kSpill = 4096;  // far below every section and the store
const char* const kTmp[] = {".post.tmp", ".pos.tmp", ".store.tmp", ".terms.tmp"};

struct Docs {
  std::vector<Document> docs;
  std::vector<DocColumns> cols;
};

// `n` documents of `words` (at least 20) random words each (`prefix` + number as ids),
// in date order: n = 1500, words = 1000 stores over 8 MiB of records, so the
// store dictionary is decided, and the store written, before Finish.
Docs MakeDocs(uint32_t seed, uint32_t n, size_t words, const std::string& prefix) {
  std::mt19937 rng(seed);
  std::vector<std::string> vocab(4000);
  for (std::string& w : vocab) {
    for (size_t i = 0, len = 3 + rng() % 8; i < len; ++i) w += static_cast<char>('a' + rng() % 26);
  }
  Docs d;
  for (uint32_t i = 0; i < n; ++i) {
    Document doc;
    doc.id = prefix + std::to_string(i);
    doc.date.year = 2020;
    doc.date.month = static_cast<uint8_t>(1 + i * 12 / n);
    doc.date.day = 1;
    doc.date.precision = Date::Precision::kDay;
    doc.title = "Title " + std::to_string(i);
    for (size_t w = 0; w < words; ++w) doc.text += vocab[rng() % vocab.size()] + " ";
    doc.url = "https://example.org/" + std::to_string(i);
    doc.source = "Agence " + std::to_string(i % 5);
    doc.lang = "en";
    doc.origin = "feed.jsonl:" + std::to_string(i + 1);
    DocColumns c{};
    c.first_day = c.last_day = doc.date.FirstDay();
    c.length = static_cast<uint32_t>(words);
    c.precision = static_cast<uint8_t>(doc.date.precision);
    d.docs.push_back(std::move(doc));
    d.cols.push_back(c);
  }
  return d;
}

// 100 terms ("t000" to "t099"), each in every one of `n` documents once, at
// one of its first 20 positions: postings far larger than kSpill.
void AddTerms(SegmentWriter* w, uint32_t n) {
  std::vector<uint32_t> docs(n), freqs(n, 1);
  for (uint32_t i = 0; i < n; ++i) docs[i] = i;
  for (uint32_t t = 0; t < 100; ++t) {
    std::vector<uint32_t> positions(n, t % 20);
    const std::string term = "t" + std::string(t < 10 ? "00" : "0") + std::to_string(t);
    w->AddTerm(term, docs.data(), freqs.data(), n, positions.data());
  }
}

void ExpectSameDocument(const Document& a, const Document& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.date.ToString(), b.date.ToString()) << a.id;
  EXPECT_EQ(a.title, b.title) << a.id;
  EXPECT_EQ(a.text, b.text) << a.id;
  EXPECT_EQ(a.url, b.url) << a.id;
  EXPECT_EQ(a.source, b.source) << a.id;
  EXPECT_EQ(a.lang, b.lang) << a.id;
  EXPECT_EQ(a.origin, b.origin) << a.id;
}

// Offset of section `s` in a segment file, from its footer entry.
uint64_t SectionOffset(const std::string& path, Section s) {
  const std::string bytes = ReadBytes(path);
  const size_t footer = bytes.size() - (kNumSections + 1) * 24;
  uint64_t off = 0;
  std::memcpy(&off, bytes.data() + footer + s * 24, 8);
  return off;
}

void ExpectNoTemporaryFiles(const std::string& path) {
  for (const char* tmp : kTmp) EXPECT_FALSE(fs::exists(path + tmp)) << path << tmp;
}

TEST(SegmentStreamTest, StoreIsWrittenRightAfterTheHeaderAsDocumentsArrive) {
  TempDir dir;
  const Docs d = MakeDocs(1, 1500, 1000, "d");
  const std::string path = dir.File("seg-000001.dls");
  {
    SegmentWriter w(path, kSpill);
    AddTerms(&w, static_cast<uint32_t>(d.docs.size()));
    for (size_t i = 0; i < d.docs.size(); ++i) w.AddDocument(d.docs[i], d.cols[i]);
    // The store is in the segment file already (the tail of its last blocks
    // still in memory): no temporary file holds it.
    ASSERT_TRUE(fs::exists(path));
    EXPECT_GT(fs::file_size(path), 1u << 20);
    EXPECT_FALSE(fs::exists(path + ".store.tmp"));
    ASSERT_TRUE(w.Finish({"en"}).ok());
  }
  ExpectNoTemporaryFiles(path);
  EXPECT_EQ(SectionOffset(path, kDocStore), kSegmentHeaderBytes);
  EXPECT_GT(SectionOffset(path, kPostings), SectionOffset(path, kDocStore));
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
  EXPECT_EQ(r->version(), kSegmentVersion);
  EXPECT_GT(r->store_dict_size(), 0u);
  EXPECT_GT(r->section(kDocStore).size(), 1u << 20);
  ASSERT_EQ(r->doc_count(), d.docs.size());
  for (uint32_t i = 0; i < r->doc_count(); ++i) {
    Document got;
    ASSERT_TRUE(r->GetDocument(i, &got).ok()) << i;
    ExpectSameDocument(got, d.docs[i]);
  }
  EXPECT_TRUE(r->CheckDeep().ok()) << r->CheckDeep().ToString();
}

TEST(SegmentStreamTest, SmallAndEmptySegmentsToo) {
  TempDir dir;
  for (const uint32_t n : {0u, 1u, 30u}) {
    const Docs d = MakeDocs(2, n, 20, "s");
    const std::string path = dir.File("seg-" + std::to_string(n) + ".dls");
    {
      SegmentWriter w(path, kSpill);
      if (n > 0) AddTerms(&w, n);
      for (size_t i = 0; i < n; ++i) w.AddDocument(d.docs[i], d.cols[i]);
      ASSERT_TRUE(w.Finish({"en"}).ok());
    }
    ExpectNoTemporaryFiles(path);
    EXPECT_EQ(SectionOffset(path, kDocStore), kSegmentHeaderBytes);
    std::unique_ptr<SegmentReader> r;
    ASSERT_TRUE(SegmentReader::Open(path, &r).ok()) << n;
    ASSERT_EQ(r->doc_count(), n);
    for (uint32_t i = 0; i < n; ++i) {
      Document got;
      ASSERT_TRUE(r->GetDocument(i, &got).ok());
      ExpectSameDocument(got, d.docs[i]);
    }
    EXPECT_TRUE(r->CheckDeep().ok()) << n;
  }
}

// The store was written into the file before the failure: the writer removes
// it, and its temporary files.
TEST(SegmentStreamTest, FailedOrDroppedWriterLeavesNoFile) {
  TempDir dir;
  const Docs d = MakeDocs(3, 1500, 1000, "f");
  const std::string path = dir.File("seg-000002.dls");
  fs::create_directory(path + ".post.tmp");  // the postings cannot spill: Finish fails
  {
    SegmentWriter w(path, kSpill);
    for (size_t i = 0; i < d.docs.size(); ++i) w.AddDocument(d.docs[i], d.cols[i]);
    AddTerms(&w, static_cast<uint32_t>(d.docs.size()));
    ASSERT_TRUE(fs::exists(path));
    EXPECT_FALSE(w.Finish({"en"}).ok());
  }
  EXPECT_FALSE(fs::exists(path));
  fs::remove(path + ".post.tmp");
  ExpectNoTemporaryFiles(path);
  {  // dropped before Finish
    SegmentWriter w(path, kSpill);
    for (size_t i = 0; i < d.docs.size(); ++i) w.AddDocument(d.docs[i], d.cols[i]);
    AddTerms(&w, static_cast<uint32_t>(d.docs.size()));
    ASSERT_TRUE(fs::exists(path));
  }
  EXPECT_FALSE(fs::exists(path));
  ExpectNoTemporaryFiles(path);
}

// Writes `d` as a segment at `path` (the default spill budget).
void WriteDocs(const Docs& d, const std::string& path) {
  SegmentWriter w(path);
  AddTerms(&w, static_cast<uint32_t>(d.docs.size()));
  for (size_t i = 0; i < d.docs.size(); ++i) w.AddDocument(d.docs[i], d.cols[i]);
  ASSERT_TRUE(w.Finish({"en"}).ok());
}

// A merge whose store is far larger than its spill budget reads back every
// live document, its store right after the header, no temporary file left.
TEST(SegmentStreamTest, MergeWritesEveryDocumentOnce) {
  TempDir dir;
  const Docs a = MakeDocs(4, 900, 1000, "a"), b = MakeDocs(5, 900, 1000, "b");
  const std::string pa = dir.File("a.dls"), pb = dir.File("b.dls"), out = dir.File("m.dls");
  WriteDocs(a, pa);
  WriteDocs(b, pb);
  std::vector<SegmentView> inputs = OpenInputs({pa, pb});
  auto deleted = std::make_shared<std::vector<uint64_t>>((a.docs.size() + 63) / 64);
  for (uint32_t i = 0; i < a.docs.size(); i += 5) {
    (*deleted)[i >> 6] |= uint64_t{1} << (i & 63);
    ++inputs[0].deleted_count;
  }
  inputs[0].deleted = deleted;
  uint32_t n = 0;
  ASSERT_TRUE(MergeSegments(inputs, out, &n, kSpill).ok());
  ASSERT_EQ(n, a.docs.size() + b.docs.size() - inputs[0].deleted_count);
  ExpectNoTemporaryFiles(out);
  EXPECT_EQ(SectionOffset(out, kDocStore), kSegmentHeaderBytes);
  std::unique_ptr<SegmentReader> m;
  ASSERT_TRUE(SegmentReader::Open(out, &m).ok());
  ASSERT_EQ(m->doc_count(), n);
  size_t found = 0;
  for (const Docs* d : {&a, &b}) {
    for (uint32_t i = 0; i < d->docs.size(); ++i) {
      const uint32_t doc = m->FindId(d->docs[i].id);
      if (d == &a && inputs[0].IsDeleted(i)) {
        EXPECT_EQ(doc, kNoDoc) << d->docs[i].id;
        continue;
      }
      ASSERT_NE(doc, kNoDoc) << d->docs[i].id;
      Document got;
      ASSERT_TRUE(m->GetDocument(doc, &got).ok());
      ExpectSameDocument(got, d->docs[i]);
      ++found;
    }
  }
  EXPECT_EQ(found, n);
  EXPECT_TRUE(m->CheckDeep().ok()) << m->CheckDeep().ToString();
}

// A merge copies a stored record as its bytes only when decoding and encoding
// it again would give the same bytes.
TEST(SegmentStreamTest, OnlyCanonicalRecordsAreCopiedAsTheirBytes) {
  const Docs d = MakeDocs(6, 3, 20, "c");
  Document doc = d.docs[0];
  doc.annotations = std::string("\x02\x00\x00", 3);
  std::string rec;
  EncodeStoredDoc(doc, &rec);
  std::string_view id;
  ASSERT_TRUE(IsCanonicalStoredDoc(rec, &id));
  EXPECT_EQ(id, doc.id);
  // Every proper prefix fails, and so do trailing bytes.
  for (size_t n = 0; n < rec.size(); ++n) {
    EXPECT_FALSE(IsCanonicalStoredDoc(std::string_view(rec).substr(0, n), &id)) << n;
  }
  EXPECT_FALSE(IsCanonicalStoredDoc(rec + "x", &id));
  // A record of before annotations (no such field) is read, but not copied.
  doc.annotations.clear();
  std::string legacy;
  EncodeStoredDoc(doc, &legacy);
  ASSERT_EQ(legacy.back(), '\0');  // the empty annotations' length
  legacy.pop_back();
  Document back;
  ASSERT_TRUE(DecodeStoredDoc(legacy, &back));
  EXPECT_FALSE(IsCanonicalStoredDoc(legacy, &id));
  // Nor one whose confidence would be clamped when written again.
  std::string loud;
  for (const std::string_view f :
       {std::string_view(doc.id), std::string_view("2020-01-01"), std::string_view(doc.title),
        std::string_view(doc.text), std::string_view(doc.url), std::string_view(doc.source),
        std::string_view(doc.lang)}) {
    PutLengthPrefixed(&loud, f);
  }
  const std::string tail = loud;
  PutVarint(&loud, 1000);
  for (int i = 0; i < 3; ++i) PutLengthPrefixed(&loud, "");
  EXPECT_TRUE(IsCanonicalStoredDoc(loud, &id));
  loud = tail;
  PutVarint(&loud, 1001);
  for (int i = 0; i < 3; ++i) PutLengthPrefixed(&loud, "");
  EXPECT_FALSE(IsCanonicalStoredDoc(loud, &id));
}

// Records that are not copied as their bytes (here, of before annotations,
// in a segment of an earlier version) are decoded and written again by a
// merge: the merged segment holds canonical records of the same documents.
TEST(SegmentStreamTest, MergeRewritesRecordsItCannotCopy) {
  TempDir dir;
  const Docs a = MakeDocs(7, 40, 30, "a");
  const std::string pa = dir.File("a.dls"), out = dir.File("m.dls");
  {
    SegmentWriter w(pa);
    w.WriteOldVersion();
    AddTerms(&w, static_cast<uint32_t>(a.docs.size()));
    for (size_t i = 0; i < a.docs.size(); ++i) {
      std::string rec;
      EncodeStoredDoc(a.docs[i], &rec);
      if (i % 2 == 0) rec.pop_back();  // no annotations field
      w.AddRecord(a.docs[i].id, rec, a.cols[i]);
    }
    ASSERT_TRUE(w.Finish({"en"}).ok());
  }
  std::vector<SegmentView> inputs = OpenInputs({pa});
  uint32_t n = 0;
  ASSERT_TRUE(MergeSegments(inputs, out, &n, kSpill).ok());
  ASSERT_EQ(n, a.docs.size());
  std::unique_ptr<SegmentReader> m;
  ASSERT_TRUE(SegmentReader::Open(out, &m).ok());
  SegmentReader::StoreCache cache;
  for (uint32_t i = 0; i < a.docs.size(); ++i) {
    const uint32_t doc = m->FindId(a.docs[i].id);
    ASSERT_NE(doc, kNoDoc);
    Document got;
    ASSERT_TRUE(m->GetDocument(doc, &got).ok());
    ExpectSameDocument(got, a.docs[i]);
    std::string_view rec, id;
    ASSERT_TRUE(m->GetRecord(doc, &rec, &cache).ok());
    EXPECT_TRUE(IsCanonicalStoredDoc(rec, &id)) << i;
    EXPECT_EQ(id, a.docs[i].id);
  }
  EXPECT_TRUE(m->CheckDeep().ok()) << m->CheckDeep().ToString();
}

// A merge that meets a damaged stored document fails, and leaves neither the
// partial segment (its store already in the file) nor temporary files.
TEST(SegmentStreamTest, FailedMergeLeavesNoFile) {
  TempDir dir;
  const Docs a = MakeDocs(6, 1500, 1000, "a"), b = MakeDocs(7, 100, 50, "b");
  const std::string pa = dir.File("a.dls"), pb = dir.File("b.dls"), out = dir.File("m.dls");
  WriteDocs(a, pa);
  WriteDocs(b, pb);
  {  // damage the last store bytes of a (its last documents, read last)
    std::unique_ptr<SegmentReader> r;
    ASSERT_TRUE(SegmentReader::Open(pa, &r).ok());
    const uint64_t end = SectionOffset(pa, kDocStore) + r->section(kDocStore).size();
    r.reset();
    std::string bytes = ReadBytes(pa);
    bytes[end - 10] ^= 0x40;
    WriteBytes(pa, bytes);
  }
  uint32_t n = 0;
  const Status s = MergeSegments(OpenInputs({pa, pb}), out, &n, kSpill);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_FALSE(fs::exists(out));
  ExpectNoTemporaryFiles(out);
}

// Deletes every `step`-th of the first `upto` documents of `in`.
void DeleteSome(SegmentView* in, uint32_t upto, uint32_t step) {
  auto deleted = std::make_shared<std::vector<uint64_t>>((in->reader->doc_count() + 63) / 64);
  for (uint32_t i = 0; i < upto; i += step) {
    (*deleted)[i >> 6] |= uint64_t{1} << (i & 63);
    ++in->deleted_count;
  }
  in->deleted = deleted;
}

// The live documents of `d` (the input `in` read as) are those of `m`, equal.
void ExpectLiveDocuments(const SegmentReader& m, const Docs& d, const SegmentView& in) {
  for (uint32_t i = 0; i < d.docs.size(); ++i) {
    const uint32_t doc = m.FindId(d.docs[i].id);
    if (in.IsDeleted(i)) {
      EXPECT_EQ(doc, kNoDoc) << d.docs[i].id;
      continue;
    }
    ASSERT_NE(doc, kNoDoc) << d.docs[i].id;
    Document got;
    ASSERT_TRUE(m.GetDocument(doc, &got).ok());
    ExpectSameDocument(got, d.docs[i]);
  }
}

// Version 11: a merge of segments of this version copies each input store
// block whose documents all stay, compressed, with its input's dictionary,
// and compresses again only the live records of the others; a locator maps
// each document to its record. Every live document reads back the same.
TEST(SegmentStreamTest, MergeCopiesWholeStoreBlocksWithTheirDictionaries) {
  TempDir dir;
  const Docs a = MakeDocs(8, 1500, 1000, "a"), b = MakeDocs(9, 1500, 1000, "b");
  const std::string pa = dir.File("a.dls"), pb = dir.File("b.dls"), out = dir.File("m.dls");
  WriteDocs(a, pa);
  WriteDocs(b, pb);
  std::vector<SegmentView> inputs = OpenInputs({pa, pb});
  ASSERT_EQ(inputs[0].reader->store_dict_count(), 1u);
  ASSERT_EQ(inputs[1].reader->store_dict_count(), 1u);
  DeleteSome(&inputs[0], 300, 5);  // a's first blocks lose documents, the others stay whole
  uint32_t n = 0;
  ASSERT_TRUE(MergeSegments(inputs, out, &n, kSpill).ok());
  ASSERT_EQ(n, a.docs.size() + b.docs.size() - inputs[0].deleted_count);
  std::unique_ptr<SegmentReader> m;
  ASSERT_TRUE(SegmentReader::Open(out, &m).ok());
  EXPECT_EQ(m->version(), kSegmentVersion);
  EXPECT_EQ(m->store_dict_count(), 2u);
  ExpectLiveDocuments(*m, a, inputs[0]);
  ExpectLiveDocuments(*m, b, inputs[1]);
  // The documents are in date order, the records in the inputs' order.
  uint32_t moved = 0;
  for (uint32_t d = 0; d < m->doc_count(); ++d) moved += m->RecordOf(d) != d;
  EXPECT_GT(moved, 0u);
  // Every block of b is in the merged store, byte for byte.
  auto blocks = [](const SegmentReader& r) {
    std::vector<std::string_view> out;
    for (size_t k = 0; k < r.store_block_count(); ++k) {
      std::string_view bytes;
      EXPECT_TRUE(r.StoreBlockBytes(k, &bytes).ok());
      out.push_back(bytes);
    }
    return out;
  };
  const std::vector<std::string_view> merged = blocks(*m);
  for (std::string_view block : blocks(*inputs[1].reader)) {
    EXPECT_NE(std::find(merged.begin(), merged.end(), block), merged.end());
  }
  EXPECT_TRUE(m->CheckDeep().ok()) << m->CheckDeep().ToString();

  // Merged again without any of b's documents: b's dictionary goes with its
  // blocks, the documents left read back the same.
  std::vector<SegmentView> again = OpenInputs({out});
  auto deleted = std::make_shared<std::vector<uint64_t>>((m->doc_count() + 63) / 64);
  for (const Document& doc : b.docs) {
    const uint32_t d = m->FindId(doc.id);
    (*deleted)[d >> 6] |= uint64_t{1} << (d & 63);
    ++again[0].deleted_count;
  }
  again[0].deleted = deleted;
  const std::string out2 = dir.File("m2.dls");
  ASSERT_TRUE(MergeSegments(again, out2, &n, kSpill).ok());
  ASSERT_EQ(n, a.docs.size() - inputs[0].deleted_count);
  std::unique_ptr<SegmentReader> m2;
  ASSERT_TRUE(SegmentReader::Open(out2, &m2).ok());
  EXPECT_EQ(m2->store_dict_count(), 1u);
  ExpectLiveDocuments(*m2, a, inputs[0]);
  EXPECT_TRUE(m2->CheckDeep().ok()) << m2->CheckDeep().ToString();
}

// A locator entry beyond the documents is corruption at open; two documents
// given one record are corruption for `check`; neither is read as data.
TEST(SegmentStreamTest, DamagedStoreLocatorIsCorruption) {
  TempDir dir;
  const Docs a = MakeDocs(10, 300, 200, "a"), b = MakeDocs(11, 300, 200, "b");
  const std::string pa = dir.File("a.dls"), pb = dir.File("b.dls"), out = dir.File("m.dls");
  WriteDocs(a, pa);
  WriteDocs(b, pb);
  std::vector<SegmentView> inputs = OpenInputs({pa, pb});
  uint32_t n = 0;
  ASSERT_TRUE(MergeSegments(inputs, out, &n, kSpill).ok());
  const std::string good = ReadBytes(out);
  std::unique_ptr<SegmentReader> m;
  ASSERT_TRUE(SegmentReader::Open(out, &m).ok());
  const std::string_view index = m->section(kDocStoreIndex);
  ASSERT_EQ(util::DecodeFixed32(index.data() + 8), n);  // a locator
  const size_t locator = SectionAt(good, kDocStoreIndex) + index.size() - size_t{n} * 4;
  const std::string p = dir.File("bad.dls");
  {
    std::string bad = good;
    const uint32_t beyond = n;
    std::memcpy(&bad[locator + 4], &beyond, 4);
    RechecksumSection(&bad, kDocStoreIndex);
    WriteBytes(p, bad);
    std::unique_ptr<SegmentReader> r;
    const Status s = SegmentReader::Open(p, &r);
    EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  }
  {
    std::string bad = good;
    std::memcpy(&bad[locator + 4], &bad[locator], 4);  // documents 0 and 1: one record
    RechecksumSection(&bad, kDocStoreIndex);
    WriteBytes(p, bad);
    std::unique_ptr<SegmentReader> r;
    ASSERT_TRUE(SegmentReader::Open(p, &r).ok());
    const Status s = r->CheckDeep();
    EXPECT_TRUE(s.IsCorruption()) << s.ToString();
    std::vector<SegmentView> merge_it;
    merge_it.emplace_back();
    merge_it.back().reader = std::move(r);
    EXPECT_TRUE(MergeSegments(merge_it, dir.File("m3.dls"), &n, kSpill).IsCorruption());
  }
}

}  // namespace
}  // namespace dateline::index
