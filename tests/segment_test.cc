// Tests for segment files (index/segment.h): SegmentWriter + SegmentReader round
// trips of terms, postings, columns, ids and stored documents; and damaged files
// (LevelDB corruption_test style): flipped bytes, truncation, foreign files.
#include "index/segment.h"

#include <zstd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "dateline/index.h"
#include "gtest/gtest.h"
#include "index/coding.h"
#include "index/columns.h"
#include "index/merge.h"
#include "segment_file_util.h"
#include "segment_synth.h"
#include "test_util.h"
#include "util/crc32c.h"

namespace dateline::index {
namespace {

using testutil::kSanitized;
using testutil::ReadBytes;
using testutil::Rechecksum;
using testutil::SectionSpan;
using testutil::TempDir;
using testutil::WriteBytes;

constexpr size_t kHeader = 16;
constexpr size_t kFooter = kNumSections * 24 + 24;

TEST(SegmentTest, RoundTripEverything) {
  TempDir dir;
  const Synth s = MakeSynth(1, 400, 333, 300);
  const std::string path = dir.File("seg-000001.dls");
  ASSERT_TRUE(WriteSynth(s, path).ok());
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
  EXPECT_EQ(r->path(), path);
  EXPECT_EQ(r->file_size(), ReadBytes(path).size());
  // The texts are long enough for several doc store blocks.
  EXPECT_GT(r->section(kDocStoreIndex).size(), 4u + 12u * 3);
  VerifyAll(*r, s);
}

// Scoring reads lengths from a 2-byte copy; lengths that do not fit are
// 0xFFFF there and read from the columns.
TEST(SegmentTest, SearchCopiesMatchTheColumns) {
  TempDir dir;
  Synth s = MakeSynth(4, 200, 40, 50);
  for (uint32_t d = 0; d < 200; d += 9) s.cols[d].length = 0xFFFF + d * 1000;
  s.cols[1].length = 0xFFFE;
  const std::string path = dir.File("seg-000001.dls");
  ASSERT_TRUE(WriteSynth(s, path).ok());
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
  const uint16_t* len = r->short_lengths();
  ASSERT_EQ(len, r->short_lengths());  // made once
  for (uint32_t d = 0; d < 200; ++d) {
    const uint32_t want = r->columns(d).length;
    EXPECT_EQ(len[d], want >= 0xFFFF ? 0xFFFF : want) << d;
  }
  EXPECT_EQ(len[1], 0xFFFE);
  EXPECT_EQ(len[9], 0xFFFF);
  // Language checks read a byte-a-document copy of the languages.
  const uint8_t* langs = r->doc_langs();
  ASSERT_EQ(langs, r->doc_langs());
  std::set<uint8_t> seen;
  for (uint32_t d = 0; d < 200; ++d) {
    EXPECT_EQ(langs[d], r->columns(d).lang) << d;
    seen.insert(langs[d]);
  }
  EXPECT_GT(seen.size(), 1u);
}

// Reads without a caller's cache share a per-thread cache of recent blocks: it
// must never hand one reader's block to another, nor a closed reader's block to
// a new reader of a rewritten file at the same path (or the same address).
TEST(SegmentTest, UncachedReadsNeverMixReaders) {
  TempDir dir;
  const Synth a = MakeSynth(2, 300, 50, 300), b = MakeSynth(3, 300, 50, 300);
  ASSERT_TRUE(WriteSynth(a, dir.File("a.dls")).ok());
  ASSERT_TRUE(WriteSynth(b, dir.File("b.dls")).ok());
  std::unique_ptr<SegmentReader> ra, rb;
  ASSERT_TRUE(SegmentReader::Open(dir.File("a.dls"), &ra).ok());
  ASSERT_TRUE(SegmentReader::Open(dir.File("b.dls"), &rb).ok());
  EXPECT_NE(ra->uid(), rb->uid());
  Document doc;
  for (uint32_t d = 0; d < 300; d += 7) {  // interleaved, jumping between blocks
    ASSERT_TRUE(ra->GetDocument(d, &doc).ok());
    EXPECT_EQ(doc.text, a.docs[d].text);
    ASSERT_TRUE(rb->GetDocument(299 - d, &doc).ok());
    EXPECT_EQ(doc.text, b.docs[299 - d].text);
  }
  for (int round = 0; round < 3; ++round) {  // same path, new content, new reader
    const Synth& s = round % 2 == 0 ? b : a;
    ra.reset();
    ASSERT_TRUE(WriteSynth(s, dir.File("a.dls")).ok());
    ASSERT_TRUE(SegmentReader::Open(dir.File("a.dls"), &ra).ok());
    for (uint32_t d = 0; d < 300; d += 11) {
      ASSERT_TRUE(ra->GetDocument(d, &doc).ok());
      EXPECT_EQ(doc.text, s.docs[d].text);
    }
  }
}

TEST(SegmentTest, EveryPrecisionRoundTrips) {
  TempDir dir;
  Synth s = MakeSynth(2, 30, 40, 10);
  std::set<Date::Precision> precisions;
  for (const auto& d : s.docs) precisions.insert(d.date.precision);
  ASSERT_EQ(precisions.size(), 3u) << "the synthetic documents should use all precisions";
  ASSERT_TRUE(WriteSynth(s, dir.File("a.dls")).ok());
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(dir.File("a.dls"), &r).ok());
  Document doc;
  for (uint32_t d = 0; d < s.docs.size(); ++d) {
    ASSERT_TRUE(r->GetDocument(d, &doc).ok());
    EXPECT_EQ(doc.date.precision, s.docs[d].date.precision);
    EXPECT_EQ(doc.date.ToString(), s.docs[d].date.ToString());
    EXPECT_EQ(r->columns(d).precision, static_cast<uint8_t>(s.docs[d].date.precision));
  }
}

TEST(SegmentTest, FindAtDictionaryBlockBoundaries) {
  TempDir dir;
  const Synth s = MakeSynth(3, 50, 200, 5);
  ASSERT_TRUE(WriteSynth(s, dir.File("a.dls")).ok());
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(dir.File("a.dls"), &r).ok());
  std::set<std::string> present;
  for (const auto& t : s.terms) present.insert(t.term);
  // 1st, 31st, 32nd, 33rd, 64th, 65th, ... and the last term.
  for (size_t i :
       {size_t{0}, size_t{1}, size_t{30}, size_t{31}, size_t{32}, size_t{33}, size_t{63},
        size_t{64}, size_t{65}, size_t{95}, size_t{96}, s.terms.size() - 2, s.terms.size() - 1}) {
    SCOPED_TRACE("term index " + std::to_string(i));
    const std::string& t = s.terms[i].term;
    TermInfo info;
    ASSERT_TRUE(r->Find(t, &info));
    ExpectPostings(*r, s.terms[i], info);
    // Absent neighbours: a shorter prefix, a longer extension, and a byte before/after.
    std::vector<std::string> probes = {t.substr(0, t.size() - 1), t + "0", t + "\x01", t + "\xff"};
    std::string lower = t;
    lower.back() = static_cast<char>(lower.back() - 1);
    probes.push_back(lower);
    for (const auto& p : probes) {
      TermInfo pi;
      EXPECT_EQ(r->Find(p, &pi), present.count(p) > 0) << "probe '" << p << "'";
    }
  }
  TermInfo info;
  EXPECT_FALSE(r->Find("", &info));
  EXPECT_FALSE(r->Find("\x01", &info));      // before every term
  EXPECT_FALSE(r->Find("\xff\xff", &info));  // after every term
  EXPECT_FALSE(r->Find("nonexistent", &info));
}

TEST(SegmentTest, ForEachTermStopsEarly) {
  TempDir dir;
  const Synth s = MakeSynth(4, 20, 100, 5);
  ASSERT_TRUE(WriteSynth(s, dir.File("a.dls")).ok());
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(dir.File("a.dls"), &r).ok());
  for (int stop_after : {1, 31, 32, 33, 70}) {
    int calls = 0;
    ASSERT_TRUE(r->ForEachTerm([&](std::string_view, const TermInfo&) {
                   return ++calls < stop_after;
                 }).ok());
    EXPECT_EQ(calls, stop_after);
  }
}

// Spilling sections (and the dictionary entries) to temporary files changes
// nothing in the segment written, aliases included.
TEST(SegmentTest, SpilledSectionsWriteTheSameFile) {
  TempDir dir;
  const Synth s = MakeSynth(11, 300, 3000, 5);
  const std::string kept = dir.File("kept.dls"), spilled = dir.File("spilled.dls");
  std::vector<std::string> words;
  ASSERT_TRUE(WriteSynthWithAliases(s, kept, kSegmentSpillBytes, &words).ok());
  ASSERT_TRUE(WriteSynthWithAliases(s, spilled, 512, &words).ok());
  const std::string a = ReadBytes(kept), b = ReadBytes(spilled);
  ASSERT_GT(a.size(), 64u << 10) << "the sections must be larger than the spill size";
  EXPECT_TRUE(a == b) << "files differ: " << a.size() << " vs " << b.size() << " bytes";
  for (const char* tmp : {".post.tmp", ".pos.tmp", ".store.tmp", ".terms.tmp"}) {
    EXPECT_FALSE(std::filesystem::exists(spilled + tmp)) << tmp;
  }
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(spilled, &r).ok());
  ASSERT_TRUE(r->CheckDeep().ok());
  ASSERT_GT(words.size(), 100u);
  for (const std::string& word : words) {
    TermInfo w, st;
    ASSERT_TRUE(r->Find(word, &w)) << word;
    ASSERT_TRUE(r->Find(StemTerm(word), &st)) << word;
    EXPECT_EQ(st.postings, w.postings) << word;
    EXPECT_EQ(st.df, w.df) << word;
    EXPECT_FALSE(st.positional) << word;
  }
  TermInfo none;
  EXPECT_FALSE(r->Find(StemTerm("w999999x"), &none));
}

TEST(SegmentTest, EmptySegment) {
  TempDir dir;
  SegmentWriter w(dir.File("empty.dls"));
  ASSERT_TRUE(w.Finish({}).ok());
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(dir.File("empty.dls"), &r).ok());
  EXPECT_EQ(r->doc_count(), 0u);
  TermInfo info;
  EXPECT_FALSE(r->Find("a", &info));
  EXPECT_EQ(r->FindId("a"), kNoDoc);
  Document doc;
  EXPECT_FALSE(r->GetDocument(0, &doc).ok());
  int calls = 0;
  EXPECT_TRUE(r->ForEachTerm([&](std::string_view, const TermInfo&) { return ++calls > 0; }).ok());
  EXPECT_EQ(calls, 0);
  EXPECT_TRUE(r->CheckDeep().ok());
}

TEST(SegmentTest, MissingFileIsNotFound) {
  TempDir dir;
  std::unique_ptr<SegmentReader> r;
  EXPECT_TRUE(SegmentReader::Open(dir.File("nope.dls"), &r).IsNotFound());
}

// BUG: SegmentWriter::AddTerm (src/index/segment_writer.cc:95) documents that
// positions may be null for any term, and then writes a dictionary entry
// without the positions offset (AddDictEntry, line 85, `if (info.positional)`).
// But SegmentReader::ScanBlock (src/index/segment_reader.cc:180) decides
// whether an entry has a positions offset from the term's first byte alone
// (positional unless it starts with kStemPrefix). A plain term written without
// positions is therefore mis-parsed: its entry "lacks" a varint, the reader
// consumes the next entry's first byte, and the term (and the rest of its
// dictionary block) is lost or garbled.
TEST(SegmentTest, PlainTermWithoutPositionsIsReadBack) {
  TempDir dir;
  const std::string path = dir.File("a.dls");
  SegmentWriter w(path);
  const uint32_t docs[] = {0, 1, 2};
  const uint32_t freqs[] = {1, 2, 1};
  const uint32_t pos[] = {0, 1, 3, 2};
  w.AddTerm("alpha", docs, freqs, 3, nullptr);  // allowed: "positions ... or null"
  w.AddTerm("beta", docs, freqs, 3, pos);
  Document d = testutil::MakeDoc("x", "2019-04-06", "t", "alpha beta");
  for (uint32_t i = 0; i < 3; ++i) {
    d.id = "x" + std::to_string(i);
    DocColumns c{d.date.FirstDay(), d.date.LastDay(), 2, 0, 0, 3};
    w.AddDocument(d, c);
  }
  ASSERT_TRUE(w.Finish({"en"}).ok());
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
  TermInfo info;
  EXPECT_TRUE(r->Find("alpha", &info)) << "term written without positions is not found";
  EXPECT_TRUE(r->Find("beta", &info));
  EXPECT_EQ(info.df, 3u);
  EXPECT_TRUE(r->CheckDeep().ok()) << r->CheckDeep().ToString();
}

// ---------------------------------------------------------------------------
// Damaged files

// Bytes of a segment file that no checksum covers: the header's reserved word,
// the padding before each section and the footer's pad word. Flipping them may
// leave the file readable (with identical data).
std::set<size_t> UncheckedBytes(const std::string& file) {
  std::set<size_t> out;
  for (size_t i = 12; i < kHeader; ++i) out.insert(i);
  const size_t footer = file.size() - kFooter;
  std::vector<std::pair<uint64_t, uint64_t>> sections;  // (offset, size), in file order
  for (uint32_t s = 0; s < kNumSections; ++s) {
    sections.emplace_back(DecodeFixed64(file.data() + footer + s * 24),
                          DecodeFixed64(file.data() + footer + s * 24 + 8));
  }
  std::sort(sections.begin(), sections.end());
  size_t prev_end = kHeader;
  for (const auto& [off, size] : sections) {
    for (size_t i = prev_end; i < off; ++i) out.insert(i);
    prev_end = off + size;
  }
  for (size_t i = prev_end; i < footer; ++i) out.insert(i);
  const size_t tail = footer + kNumSections * 24;
  for (size_t i = tail + 12; i < tail + 16; ++i) out.insert(i);
  return out;
}

void ExpectSameSections(const SegmentReader& a, const SegmentReader& b) {
  for (uint32_t s = 0; s < kNumSections; ++s) {
    EXPECT_EQ(a.section(static_cast<Section>(s)), b.section(static_cast<Section>(s)))
        << "section " << s;
  }
}

// Reads everything a query, a merge or `show` could: every term's postings
// and positions and every stored document. The large sections of a segment
// are verified as they are read; returns what the reader then reports.
Status ReadEverything(const SegmentReader& r) {
  std::vector<uint32_t> positions;
  Status s = r.ForEachTerm([&](std::string_view, const TermInfo& info) {
    PostingsCursor c;
    r.OpenCursor(info, &c);
    for (uint32_t d = c.doc(); d != kNoDoc; d = c.Next()) c.Positions(&positions);
    return true;
  });
  Document doc;
  for (uint32_t d = 0; d < r.doc_count(); ++d) (void)r.GetDocument(d, &doc);
  DL_RETURN_IF_ERROR(r.Damage());
  return s;
}

class SegmentCorruptionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    synth_ = MakeSynth(9, 40, 70, 12);
    path_ = dir_.File("seg-000001.dls");
    ASSERT_TRUE(WriteSynth(synth_, path_).ok());
    original_ = ReadBytes(path_);
    ASSERT_TRUE(SegmentReader::Open(path_, &good_).ok());
  }

  // Opens `bytes` written to a scratch file.
  Status OpenBytes(const std::string& bytes, std::unique_ptr<SegmentReader>* r) {
    const std::string p = dir_.File("damaged.dls");
    WriteBytes(p, bytes);
    return SegmentReader::Open(p, r);
  }

  // Opens `bytes`, then reads everything (ReadEverything).
  Status OpenAndRead(const std::string& bytes, std::unique_ptr<SegmentReader>* r) {
    DL_RETURN_IF_ERROR(OpenBytes(bytes, r));
    return ReadEverything(**r);
  }

  size_t SectionOffset(Section s) const {
    return DecodeFixed64(original_.data() + original_.size() - kFooter + s * 24);
  }

  TempDir dir_;
  Synth synth_;
  std::string path_, original_;
  std::unique_ptr<SegmentReader> good_;
};

TEST_F(SegmentCorruptionTest, EveryFlippedByteIsDetectedOrHarmless) {
  const std::set<size_t> unchecked = UncheckedBytes(original_);
  size_t detected = 0, tested = 0, tested_unchecked = 0;
  const size_t step = kSanitized ? 3 : 1;
  for (size_t at = 0; at < original_.size(); at += step) {
    // One flip per byte, alternating the lowest and the highest bit.
    const unsigned char mask = at % 2 ? 0x80 : 0x01;
    std::string bad = original_;
    bad[at] = static_cast<char>(bad[at] ^ mask);
    std::unique_ptr<SegmentReader> r;
    const Status s = OpenAndRead(bad, &r);
    ++tested;
    tested_unchecked += unchecked.count(at);
    if (s.ok()) {
      // Only bytes outside every checksum may go unnoticed, and then the data is intact.
      EXPECT_TRUE(unchecked.count(at))
          << "flip at " << at << " (mask " << int{mask} << ") was not detected";
      ExpectSameSections(*r, *good_);
      EXPECT_TRUE(r->CheckDeep().ok());
    } else {
      EXPECT_TRUE(s.IsCorruption()) << "flip at " << at << ": " << s.ToString();
      ++detected;
    }
  }
  // Every flip outside the few unchecked padding bytes is caught.
  EXPECT_GE(detected, tested - tested_unchecked);
}

TEST_F(SegmentCorruptionTest, FlipsInEachSectionHeaderAndFooter) {
  // Explicit positions: the first, middle and last byte of every section, the
  // magic and version in the header, the footer's entries, count, version,
  // checksum and trailing magic.
  std::vector<size_t> positions = {0, 3, 7, 8, 9, 11};
  const size_t footer = original_.size() - kFooter;
  for (uint32_t s = 0; s < kNumSections; ++s) {
    const size_t off = SectionOffset(static_cast<Section>(s));
    const size_t size = DecodeFixed64(original_.data() + footer + s * 24 + 8);
    ASSERT_GT(size, 0u) << "section " << s << " is empty in the test segment";
    positions.insert(positions.end(), {off, off + size / 2, off + size - 1});
    for (size_t k = 0; k < 24; k += 4) positions.push_back(footer + s * 24 + k);
  }
  const size_t tail = footer + kNumSections * 24;
  for (size_t k : {0, 4, 8, 16, 20, 23}) positions.push_back(tail + k);
  for (size_t at : positions) {
    if (UncheckedBytes(original_).count(at)) continue;
    std::string bad = original_;
    bad[at] = static_cast<char>(bad[at] ^ 0x10);
    std::unique_ptr<SegmentReader> r;
    const Status s = OpenAndRead(bad, &r);
    EXPECT_TRUE(s.IsCorruption()) << "flip at " << at << ": " << s.ToString();
  }
  // Flipping the magic names the problem.
  std::string bad = original_;
  bad[2] ^= 0x20;
  std::unique_ptr<SegmentReader> r;
  const Status s = OpenBytes(bad, &r);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("magic"), std::string::npos) << s.message();
}

TEST_F(SegmentCorruptionTest, EveryTruncationIsCorruption) {
  // Every length near both ends (header, footer), every 5th (sanitizer: 11th) in between.
  const size_t step = kSanitized ? 11 : 5;
  for (size_t len = 0; len < original_.size();
       len += (len < 400 || len + 400 > original_.size()) ? 1 : step) {
    std::unique_ptr<SegmentReader> r;
    const Status s = OpenBytes(original_.substr(0, len), &r);
    EXPECT_TRUE(s.IsCorruption()) << "truncated to " << len << ": " << s.ToString();
  }
  // Extra bytes at the end move the footer: also corruption.
  std::unique_ptr<SegmentReader> r;
  EXPECT_TRUE(OpenBytes(original_ + "x", &r).IsCorruption());
}

TEST_F(SegmentCorruptionTest, EmptyAndForeignFiles) {
  std::unique_ptr<SegmentReader> r;
  EXPECT_TRUE(OpenBytes("", &r).IsCorruption());
  EXPECT_TRUE(OpenBytes("hello\n", &r).IsCorruption());
  std::string text;
  for (int i = 0; i < 100; ++i) text += "This is a plain text file, not an index segment.\n";
  const Status s = OpenBytes(text, &r);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("magic"), std::string::npos) << s.message();
  // Right magic at both ends, garbage in between.
  std::string fake(original_.size(), '\x33');
  std::memcpy(fake.data(), kSegmentMagic, 8);
  std::memcpy(fake.data() + fake.size() - 8, kSegmentMagic, 8);
  EXPECT_TRUE(OpenBytes(fake, &r).IsCorruption());
  // A segment of a future version.
  std::string future = original_;
  future[8] = static_cast<char>(kSegmentVersion + 1);
  const Status v = OpenBytes(future, &r);
  EXPECT_TRUE(v.IsCorruption());
  EXPECT_NE(v.message().find("version"), std::string::npos) << v.message();
}

TEST_F(SegmentCorruptionTest, RechecksummedStructuralDamageIsCorruption) {
  std::unique_ptr<SegmentReader> r;
  {
    std::string same = original_;
    Rechecksum(&same);
    ASSERT_EQ(same, original_) << "Rechecksum must reproduce the writer's checksums";
  }
  // Columns (bit-packed since version 13): decoded, damaged, packed again.
  auto with_columns = [&](const std::function<void(std::vector<DocColumns>*)>& damage) {
    const size_t footer = original_.size() - kFooter;
    const uint64_t size = DecodeFixed64(original_.data() + footer + kColumns * 24 + 8);
    std::vector<DocColumns> cols(good_->doc_count());
    EXPECT_TRUE(DecodeColumns(std::string_view(original_).substr(SectionOffset(kColumns), size),
                              cols.size(), cols.data()));
    damage(&cols);
    std::string packed, bad = original_;
    EncodeColumns(cols.data(), cols.size(), &packed);
    testutil::ReplaceSection(&bad, kColumns, packed);
    return bad;
  };
  {
    std::string same = with_columns([](std::vector<DocColumns>*) {});
    ASSERT_EQ(same, original_) << "columns packed again must be the writer's bytes";
  }
  // Columns out of date order.
  EXPECT_TRUE(OpenBytes(with_columns([](std::vector<DocColumns>* c) {
                          (*c)[0].first_day = (*c)[0].last_day = (*c)[1].first_day + 1000;
                        }),
                        &r)
                  .IsCorruption());
  // A language index past the language table.
  EXPECT_TRUE(OpenBytes(with_columns([](std::vector<DocColumns>* c) { (*c)[3].lang = 77; }), &r)
                  .IsCorruption());
  {  // A packed column wider than its type (the title's 16 bits): corruption, not a wrap.
    std::string bad = original_;
    bad[SectionOffset(kColumns) + 3] = 17;
    Rechecksum(&bad);
    EXPECT_TRUE(OpenBytes(bad, &r).IsCorruption());
  }
  {  // Id table: document count disagrees with meta.
    std::string bad = original_;
    bad[SectionOffset(kIds)] ^= 1;
    Rechecksum(&bad);
    EXPECT_TRUE(OpenBytes(bad, &r).IsCorruption());
  }
  {  // Id table: an entry offset past the entries.
    std::string bad = original_;
    const uint32_t huge = 0x00FFFFFF;
    std::memcpy(bad.data() + SectionOffset(kIds) + 4 + 4 * 3, &huge, 4);
    Rechecksum(&bad);
    EXPECT_TRUE(OpenBytes(bad, &r).IsCorruption());
  }
  {  // Doc store index: block count that does not match the section size.
    std::string bad = original_;
    bad[SectionOffset(kDocStoreIndex)] ^= 4;
    Rechecksum(&bad);
    EXPECT_TRUE(OpenBytes(bad, &r).IsCorruption());
  }
  {  // Meta: more languages than the table holds.
    std::string bad = original_;
    const uint32_t many = 1000;
    std::memcpy(bad.data() + SectionOffset(kMeta) + 12, &many, 4);
    Rechecksum(&bad);
    EXPECT_TRUE(OpenBytes(bad, &r).IsCorruption());
  }
  {  // A section that does not start at a multiple of 8 (sections are read in place).
    std::string bad = original_;
    const size_t e = bad.size() - kFooter + kColumns * 24;
    const uint64_t moved = DecodeFixed64(bad.data() + e) + 4;
    std::memcpy(bad.data() + e, &moved, 8);
    Rechecksum(&bad);
    const Status st = OpenBytes(bad, &r);
    EXPECT_TRUE(st.IsCorruption());
    EXPECT_NE(st.message().find("misaligned"), std::string::npos) << st.message();
  }
  {  // Dictionary index: first terms out of order.
    std::string bad = original_;
    const size_t di = SectionOffset(kDictIndex);
    // Entry 1's first term starts after: count u32, total u32, entry 0 (u32 offset + prefixed
    // term).
    const size_t e0_len = static_cast<unsigned char>(bad[di + 8 + 4]);
    const size_t e1_term = di + 8 + 4 + 1 + e0_len + 4 + 1;
    bad[e1_term] = '\x01';  // smaller than any term of block 0
    Rechecksum(&bad);
    EXPECT_TRUE(OpenBytes(bad, &r).IsCorruption());
  }
}

// BUG: SegmentReader::ParseDictIndex (src/index/segment_reader.cc:97-98) calls
// block_first_.reserve(n) / block_offset_.reserve(n) with the block count read
// from the file before checking it against the section size. A damaged (but
// checksum-consistent, e.g. crafted) dictionary index with a huge count makes
// Open throw std::bad_alloc (64 GiB for n = 0xFFFFFFFF) instead of returning
// Corruption. Fix: reject n > (section size - 8) / 5 before reserving.
TEST_F(SegmentCorruptionTest, HugeDictionaryBlockCountIsCorruptionNotBadAlloc) {
  std::string bad = original_;
  const uint32_t huge = 0xFFFFFFFFu;
  std::memcpy(bad.data() + SectionOffset(kDictIndex), &huge, 4);
  Rechecksum(&bad);
  std::unique_ptr<SegmentReader> r;
  Status s;
  bool threw = false;
  try {
    s = OpenBytes(bad, &r);
  } catch (const std::exception& e) {
    threw = true;
    ADD_FAILURE() << "SegmentReader::Open threw " << e.what();
  }
  if (!threw) {
    EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  }
}

// Postings, positions and dictionary bytes are only decoded on use. Flips there
// (with valid checksums) must never crash or hang the reader, CheckDeep or a
// full walk; CheckDeep should notice most of them.
TEST_F(SegmentCorruptionTest, RechecksummedPostingDamageNeverCrashes) {
  size_t flips = 0, caught = 0;
  for (Section sec : {kPostings, kPositions, kDict}) {
    const size_t off = SectionOffset(sec);
    const size_t size = good_->section(sec).size();
    const size_t step = kSanitized ? 5 : 1;
    for (size_t k = 0; k < size; k += step) {
      std::string bad = original_;
      bad[off + k] = static_cast<char>(bad[off + k] ^ 0x21);
      Rechecksum(&bad);
      std::unique_ptr<SegmentReader> r;
      const Status s = OpenBytes(bad, &r);
      ++flips;
      if (!s.ok()) {
        EXPECT_TRUE(s.IsCorruption());
        ++caught;
        continue;
      }
      if (!r->CheckDeep().ok()) ++caught;
      // Walk every term found, whatever it decodes to.
      std::vector<uint32_t> pos;
      (void)r->ForEachTerm([&](std::string_view, const TermInfo& info) {
        PostingsCursor c;
        r->OpenCursor(info, &c);
        for (uint32_t n = 0; c.doc() != kNoDoc && n < 100000; ++n) {
          c.Positions(&pos);
          c.Next();
        }
        return true;
      });
      for (const auto& t : synth_.terms) {
        TermInfo info;
        (void)r->Find(t.term, &info);
      }
    }
  }
  EXPECT_GT(caught, 0u) << caught << " of " << flips << " flips detected";
}

TEST_F(SegmentCorruptionTest, RechecksummedDocStoreDamageIsReported) {
  // The first store block claims one byte more than it decompresses to: reads
  // of that block fail with Corruption, and CheckDeep says so.
  std::string bad = original_;
  const size_t store = SectionOffset(kDocStore);
  const uint32_t raw = DecodeFixed32(bad.data() + store) + 1;
  std::memcpy(bad.data() + store, &raw, 4);
  Rechecksum(&bad);
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(OpenBytes(bad, &r).ok());
  Document doc;
  const Status s = r->GetDocument(0, &doc);
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_TRUE(r->CheckDeep().IsCorruption());
}

// ---------------------------------------------------------------------------
// Block bounds (version 3)

TEST(SegmentBlockBoundsTest, WrittenCheckedAndDamageDetected) {
  TempDir dir;
  const Synth s = MakeSynth(5, 700, 40, 12);
  const std::string path = dir.File("seg-000001.dls");
  ASSERT_TRUE(WriteSynth(s, path).ok());
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
  EXPECT_EQ(r->version(), kSegmentVersion);
  EXPECT_EQ(r->store_dict_size(), 0u);  // too few documents for a store dictionary
  EXPECT_TRUE(r->CheckDeep().ok());
  uint32_t min_len = UINT32_MAX;
  for (const auto& c : s.cols) min_len = std::min(min_len, c.length);
  EXPECT_EQ(r->min_length(), min_len);
  size_t multi = 0;
  for (const SynthTerm& t : s.terms) {
    TermInfo info;
    ASSERT_TRUE(r->Find(t.term, &info));
    PostingsCursor c;
    r->OpenCursor(info, &c);
    const uint32_t nblocks = BlockCount(info.df);
    multi += nblocks > 1;
    for (uint32_t b = 0; b < nblocks; ++b) {
      uint32_t max_freq = 0;
      uint32_t min_norm = 0xFFFF;
      const size_t lo = size_t{b} * kBlockSize, hi = std::min(t.docs.size(), lo + kBlockSize);
      for (size_t i = lo; i < hi; ++i) {
        max_freq = std::max(max_freq, t.freqs[i]);
        min_norm = std::min(
            min_norm, QuantizedNorm(s.cols[t.docs[i]].length, t.freqs[i], r->average_length()));
      }
      uint32_t got_freq, got_len;
      c.BlockBound(b, &got_freq, &got_len);
      EXPECT_EQ(c.BlockLast(b), t.docs[hi - 1]) << t.term << " block " << b;
      if (nblocks > 1) {
        EXPECT_EQ(got_freq, max_freq) << t.term << " block " << b;
        EXPECT_EQ(got_len, min_norm) << t.term << " block " << b;
      } else {  // one block: a frequency bound from the block, no length
        EXPECT_GE(got_freq, max_freq) << t.term;
        EXPECT_EQ(got_len, 0u) << t.term;
      }
    }
  }
  ASSERT_GT(multi, 3u) << "the test segment needs lists of several blocks";

  const std::string original = ReadBytes(path);
  const size_t footer = original.size() - kFooter;
  const uint64_t off = DecodeFixed64(original.data() + footer + kBlockBounds * 24);
  const uint64_t size = DecodeFixed64(original.data() + footer + kBlockBounds * 24 + 8);
  ASSERT_GT(size, 4u + 12u);
  const std::string bad_path = dir.File("seg-000002.dls");
  {  // A wrong bound passes the checksums (rewritten) but not `check`.
    std::string bad = original;
    bad[off + size - 2] ^= 0x01;  // the last block's norm
    Rechecksum(&bad);
    WriteBytes(bad_path, bad);
    ASSERT_TRUE(SegmentReader::Open(bad_path, &r).ok());
    EXPECT_TRUE(r->CheckDeep().IsCorruption());
  }
  {  // A list count larger than the section: corruption on open.
    std::string bad = original;
    bad[off + 3] ^= 0x40;
    Rechecksum(&bad);
    WriteBytes(bad_path, bad);
    EXPECT_TRUE(SegmentReader::Open(bad_path, &r).IsCorruption());
  }
  {  // Entries out of order: corruption on open.
    std::string bad = original;
    std::memset(bad.data() + off + 4 + 12, 0, 8);
    Rechecksum(&bad);
    WriteBytes(bad_path, bad);
    EXPECT_TRUE(SegmentReader::Open(bad_path, &r).IsCorruption());
  }
  {  // A list left out: `check` notices.
    std::string bad = original;
    const uint32_t n = DecodeFixed32(bad.data() + off) - 1;
    std::memcpy(bad.data() + off, &n, 4);
    // Keep the size consistent: the dropped entry's 12 bytes become 3 bounds.
    Rechecksum(&bad);
    WriteBytes(bad_path, bad);
    ASSERT_TRUE(SegmentReader::Open(bad_path, &r).ok());
    EXPECT_TRUE(r->CheckDeep().IsCorruption());
  }
}

}  // namespace
// ---------------------------------------------------------------------------
// Lazy verification (version 4): large sections are checked chunk by chunk.

TEST(SegmentLazyCheckTest, DamageIsFoundWhereItIsReadAndOnlyThere) {
  TempDir dir;
  const Synth synth = MakeSynth(5, 3000, 1500, 400);
  const std::string path = dir.File("big.dls");
  ASSERT_TRUE(WriteSynth(synth, path).ok());
  const std::string original = ReadBytes(path);
  std::unique_ptr<SegmentReader> good;
  ASSERT_TRUE(SegmentReader::Open(path, &good).ok());
  // Damage past the store's dictionary (if any): chunk 2 of the postings, and
  // of the store the second chunk after the one where its dictionary ends.
  const uint64_t store_chunk = (good->store_dict_size() >> kChunkShift) + 2;
  for (Section sec : {kPostings, kDocStore}) {
    const uint64_t chunk = sec == kPostings ? 2 : store_chunk;
    const auto [off, size] = SectionSpan(original, sec);
    ASSERT_GT(size, (chunk + 1) * kChunkBytes) << "section " << sec << " must span more chunks";
    std::string bad = original;
    bad[off + chunk * kChunkBytes + 100] ^= 0x04;  // inside that chunk
    const std::string p = dir.File("bad.dls");
    WriteBytes(p, bad);
    std::unique_ptr<SegmentReader> r;
    ASSERT_TRUE(SegmentReader::Open(p, &r).ok()) << "open reads no large section";
    ASSERT_TRUE(r->Damage().ok());
    // Reads before that chunk succeed, give the right data and report nothing.
    if (sec == kPostings) {
      TermInfo info;
      ASSERT_TRUE(r->Find(synth.terms[0].term, &info));
      ASSERT_LT(info.postings + 4096, kChunkBytes);
      ExpectPostings(*r, synth.terms[0], info);
    } else {
      Document doc;
      ASSERT_TRUE(r->GetDocument(0, &doc).ok());
      ExpectSameDoc(doc, synth.docs[0]);
    }
    EXPECT_TRUE(r->Damage().ok()) << r->Damage().ToString();
    // Reading everything meets that chunk: reported, naming section and chunk.
    const Status s = ReadEverything(*r);
    ASSERT_TRUE(s.IsCorruption()) << s.ToString();
    EXPECT_NE(
        s.message().find("section " + std::to_string(sec) + ", chunk " + std::to_string(chunk)),
        std::string::npos)
        << s.message();
    EXPECT_TRUE(r->CheckDeep().IsCorruption());
  }
}

TEST(SegmentLazyCheckTest, Version3FilesAreVerifiedWholeAtOpen) {
  // (A segment this small has no store dictionary: written as the previous
  // writer did, it is a version 4 file.) A version 3 file is a version 4 file
  // without the chunk sums section.
  TempDir dir;
  const std::string path = dir.File("v4.dls");
  ASSERT_TRUE(WriteSynth(MakeSynth(8, 30, 50, 20), path, /*old_version=*/true).ok());
  ASSERT_EQ(DecodeFixed32(ReadBytes(path).data() + 8), 4u);
  std::string v3 = ReadBytes(path);
  const uint64_t postings = SectionSpan(v3, kPostings).first;
  const size_t footer = v3.size() - kFooter;
  std::string tail = v3.substr(footer, (kNumSections - 1) * 24);
  PutFixed32(&tail, kNumSections - 1);
  PutFixed32(&tail, 3);
  PutFixed32(&tail, crc32c::Value(tail));
  PutFixed32(&tail, 0);
  tail.append(kSegmentMagic, 8);
  v3.replace(footer, std::string::npos, tail);
  v3[8] = 3;  // header version
  const std::string p3 = dir.File("v3.dls");
  WriteBytes(p3, v3);
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(p3, &r).ok());
  EXPECT_EQ(r->version(), 3u);
  EXPECT_TRUE(ReadEverything(*r).ok());
  // Damage in a large section of a version 3 file fails the open itself.
  v3[postings + 5] ^= 0x01;
  WriteBytes(p3, v3);
  const Status s = SegmentReader::Open(p3, &r);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find("section 0"), std::string::npos) << s.message();
}

TEST(ChunkSumsTest, SumsMatchChunksWhateverTheFeedSizes) {
  std::string data(3 * kChunkBytes + 777, '\0');
  std::mt19937 rng(3);
  for (char& c : data) c = static_cast<char>(rng());
  std::string want;
  for (size_t at = 0; at < data.size(); at += kChunkBytes) {
    PutFixed32(&want, crc32c::Value(std::string_view(data).substr(at, kChunkBytes)));
  }
  ASSERT_EQ(want.size(), ChunkCount(data.size()) * 4);
  for (size_t piece : {size_t{1} << 20, kChunkBytes, size_t{1000}, size_t{65537}}) {
    ChunkSums sums;
    for (size_t at = 0; at < data.size(); at += piece) {
      sums.Add(std::string_view(data).substr(at, piece));
    }
    std::string got;
    sums.Finish(&got);
    EXPECT_EQ(got, want) << "pieces of " << piece;
  }
  // Verification accepts intact ranges and catches a changed byte once read.
  ChunkCheck check;
  check.Init(data, want.data());
  EXPECT_TRUE(check.Verify(data.data() + 10, 100));
  data[kChunkBytes + 5] ^= 1;
  EXPECT_TRUE(check.Verify(data.data() + 10, 100));  // chunk 0: intact
  EXPECT_FALSE(check.Verify(data.data() + kChunkBytes - 10, 20));
  EXPECT_EQ(check.damaged(), 1);
}

}  // namespace dateline::index
