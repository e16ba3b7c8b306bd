// SegmentWriter::FinishDocuments: preparing the documents' tables before
// Finish (as a merge does while its postings are still coming) writes the
// same file, byte for byte, as leaving them all to Finish.
#include <cstdio>
#include <string>
#include <vector>

#include "dateline/document.h"
#include "gtest/gtest.h"
#include "index/segment.h"
#include "test_util.h"

namespace dateline::index {
namespace {

using testutil::ReadBytes;
using testutil::TempDir;

// A segment of `n` documents with ids out of order and 50 terms, its postings
// spilling (4 KiB kept in memory). With `early`, FinishDocuments is called
// once the documents are in, before the terms.
void Write(const std::string& path, uint32_t n, bool early) {
  SegmentWriter w(path, 4096);
  w.ExpectDocuments(n);
  for (uint32_t i = 0; i < n; ++i) {
    Document d;
    d.id = "wire-" + std::to_string((i * 7919) % n);  // the id table sorts them
    d.date.year = 2019;
    d.date.month = 4;
    d.date.day = static_cast<uint8_t>(1 + i * 28 / n);
    d.date.precision = Date::Precision::kDay;
    d.title = "Ghadames talks, report " + std::to_string(i);
    d.text = "Delegates met on Thursday; the conference opens on the 14th. Item " +
             std::to_string(i * 31) + ".";
    d.lang = i % 3 == 0 ? "nl" : "en";
    DocColumns c{};
    c.first_day = c.last_day = d.date.FirstDay();
    c.length = 20 + i % 17;
    c.lang = i % 3 == 0 ? 1 : 0;
    c.precision = static_cast<uint8_t>(d.date.precision);
    w.AddDocument(d, c);
  }
  if (early) w.FinishDocuments();
  std::vector<uint32_t> docs, freqs, positions;
  for (uint32_t t = 0; t < 50; ++t) {
    docs.clear();
    freqs.clear();
    positions.clear();
    for (uint32_t i = t % 3; i < n; i += 1 + t % 4) {
      docs.push_back(i);
      freqs.push_back(1 + (i + t) % 3);
      for (uint32_t k = 0; k < freqs.back(); ++k) positions.push_back(k * 5 + t % 5);
    }
    if (docs.empty()) continue;  // a term is added only with postings
    char term[16];
    std::snprintf(term, sizeof term, "t%03u", t);
    w.AddTerm(term, docs.data(), freqs.data(), docs.size(), positions.data());
  }
  const Status s = w.Finish({"en", "nl"});
  ASSERT_TRUE(s.ok()) << s.ToString();
}

TEST(SegmentFinishTest, FinishingTheDocumentsEarlyWritesTheSameFile) {
  TempDir dir;
  for (const uint32_t n : {1u, 300u, 5000u}) {
    const std::string late = dir.File("late.dls"), early = dir.File("early.dls");
    ASSERT_NO_FATAL_FAILURE(Write(late, n, false));
    ASSERT_NO_FATAL_FAILURE(Write(early, n, true));
    const std::string a = ReadBytes(late), b = ReadBytes(early);
    EXPECT_GT(a.size(), 100u);
    EXPECT_TRUE(a == b) << n << " documents: " << a.size() << " and " << b.size() << " bytes";
    std::unique_ptr<SegmentReader> r;
    const Status open = SegmentReader::Open(early, &r);
    ASSERT_TRUE(open.ok()) << open.ToString();
    EXPECT_EQ(r->doc_count(), n);
    EXPECT_TRUE(r->CheckDeep().ok()) << r->CheckDeep().ToString();
  }
}

}  // namespace
}  // namespace dateline::index
