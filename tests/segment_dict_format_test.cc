// The dictionary (section 2) holds exactly the bytes doc/index-format.md
// describes: entries in blocks of 32, each with its shared prefix, suffix,
// document frequency and, since version 8, its list offsets as zigzag-coded
// differences from the previous entry of its block (a stem sharing a word's
// list may point back), then a stem term's language set. Since version 15 a
// stem spelled like its word and sharing its list has no entry: the low bit
// of the word's shared length says so, and the stem's language set follows
// the word's offsets.
#include <filesystem>
#include <memory>
#include <string>

#include "dateline/index.h"
#include "gtest/gtest.h"
#include "index/coding.h"
#include "index/segment.h"
#include "segment_file_util.h"
#include "test_util.h"

namespace dateline::index {
namespace {

using testutil::MakeDoc;
using testutil::TempDir;

// The dictionary encoded again from what the reader gives, by the format's
// rules; `first_stem_at`, if given, gets the offset of the first stem entry.
std::string Reencode(const SegmentReader& r, size_t* first_stem_at = nullptr) {
  std::string out, last;
  uint64_t last_post = 0, last_pos = 0;
  size_t n = 0;
  EXPECT_TRUE(r.ForEachTerm([&](std::string_view term, const TermInfo& info) {
                 TermInfo word;
                 if (term[0] == kStemPrefix && r.Find(term.substr(1), &word) && word.also_stem) {
                   return true;  // a flag on the word's entry
                 }
                 if (n++ % 32 == 0) {
                   last.clear();
                   last_post = last_pos = 0;
                 }
                 if (first_stem_at != nullptr && term[0] == kStemPrefix && *first_stem_at == 0) {
                   *first_stem_at = out.size();
                 }
                 size_t shared = 0;
                 while (shared < last.size() && shared < term.size() &&
                        last[shared] == term[shared]) {
                   ++shared;
                 }
                 PutVarint(&out, shared << 1 | (info.also_stem ? 1 : 0));
                 PutLengthPrefixed(&out, term.substr(shared));
                 PutVarint(&out, (uint64_t{info.df} << 1) | (info.positional ? 1 : 0));
                 PutVarint(&out, ZigZag(info.postings - last_post));
                 last_post = info.postings;
                 if (info.positional) {
                   PutVarint(&out, ZigZag(info.positions - last_pos));
                   last_pos = info.positions;
                 }
                 if (term[0] == kStemPrefix) PutVarint(&out, info.langs);
                 if (info.also_stem) PutVarint(&out, info.stem_langs);
                 last.assign(term);
                 return true;
               }).ok());
  return out;
}

// Writes a segment of words in two languages, with inflections (stems of
// several words, and stems equal to their word, which share its list), over
// many blocks; returns its path.
std::string WriteSegment(const TempDir& dir) {
  {
    std::unique_ptr<IndexWriter> w;
    if (!IndexWriter::Open(dir.path(), IndexOptions(), &w).ok()) return "";
    bool replaced;
    for (int d = 0; d < 40; ++d) {
      std::string en, nl;
      for (int i = 0; i < 30; ++i) {
        const std::string stem = "talk" + std::to_string((d * 31 + i) % 200);
        en += stem + (i % 3 == 0 ? "ing " : i % 3 == 1 ? "ed " : " ");
        nl += "gesprek" + std::to_string((d * 17 + i) % 150) + (i % 2 ? "ken " : " ");
      }
      EXPECT_TRUE(
          w->Add(MakeDoc("en" + std::to_string(d), "2019-04-04", "Talks", en, "en"), &replaced)
              .ok());
      EXPECT_TRUE(
          w->Add(MakeDoc("nl" + std::to_string(d), "2019-04-05", "Gesprekken", nl, "nl"), &replaced)
              .ok());
    }
    EXPECT_TRUE(w->Commit().ok());
  }
  std::string path;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    if (e.path().extension() == ".dls") path = e.path().string();
  }
  return path;
}

TEST(SegmentDictFormatTest, OffsetsAreDifferencesWithinEachBlock) {
  TempDir dir;
  const std::string path = WriteSegment(dir);
  ASSERT_FALSE(path.empty());
  std::unique_ptr<SegmentReader> r;
  ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
  ASSERT_EQ(r->version(), kSegmentVersion);
  const std::string again = Reencode(*r);
  ASSERT_GT(again.size(), 32u * 20) << "the test needs many blocks";
  EXPECT_EQ(again, std::string(r->section(kDict)));
  // Stems spelled like their word ("\x02gesprek0" of "gesprek0", alone in
  // its stem) are flags, found and walked as entries of their own.
  TermInfo word, stem;
  ASSERT_TRUE(r->Find("gesprek0", &word));
  EXPECT_TRUE(word.also_stem);
  ASSERT_TRUE(r->Find(std::string("\x02") + "gesprek0", &stem));
  EXPECT_EQ(stem.postings, word.postings);
  EXPECT_EQ(stem.df, word.df);
  EXPECT_FALSE(stem.positional);
  EXPECT_NE(stem.langs, 0u);
  size_t walked = 0, flags = 0;
  std::string last;
  ASSERT_TRUE(r->ForEachTerm([&](std::string_view term, const TermInfo& info) {
                 EXPECT_LT(last, term);
                 last.assign(term);
                 ++walked;
                 flags += info.also_stem;
                 return true;
               }).ok());
  EXPECT_GT(flags, 0u);
  EXPECT_EQ(walked, r->term_count() + flags);  // the index counts the entries written
  // A walk that starts among the stems, or before them, meets the flags in
  // their place; one that starts past them, none.
  const std::string stem0 = std::string("\x02") + "gesprek0";
  for (const std::string& from : {stem0, std::string("\x02"), std::string("\x01")}) {
    SegmentReader::DictCursor c(r.get());
    c.Seek(from);
    while (c.valid() && c.term() < stem0) c.Next();
    ASSERT_TRUE(c.valid()) << from;
    EXPECT_EQ(c.term(), stem0);
    EXPECT_EQ(c.info().postings, word.postings);
    c.Next();
    ASSERT_TRUE(c.valid());
    EXPECT_LT(stem0, c.term());
  }
  SegmentReader::DictCursor past(r.get());
  past.Seek("gesprek");
  for (; past.valid(); past.Next()) EXPECT_NE(past.term()[0], kStemPrefix) << past.term();
  EXPECT_FALSE(past.corrupt());
}

// A stem entry of its own cannot also carry the flag of a stem spelled like
// it: the reader takes such a block as corrupt instead of inventing a term.
// (The flag also makes the reader expect one more number, so the block fails
// to parse even without the check of the flag itself: this tests the outcome,
// not which check sees it.)
TEST(SegmentDictFormatTest, AFlagOnAStemEntryIsCorruption) {
  TempDir dir;
  const std::string path = WriteSegment(dir);
  ASSERT_FALSE(path.empty());
  std::string file = testutil::ReadBytes(path);
  size_t stem_at = 0;
  {
    std::unique_ptr<SegmentReader> r;
    ASSERT_TRUE(SegmentReader::Open(path, &r).ok());
    ASSERT_EQ(Reencode(*r, &stem_at), std::string(r->section(kDict)));
  }
  ASSERT_GT(stem_at, 0u) << "the test needs a stem entry";
  const size_t at = testutil::SectionSpan(file, kDict).first + stem_at;
  ASSERT_EQ(file[at] & 1, 0) << "a stem entry is not flagged";
  file[at] = static_cast<char>(file[at] | 1);  // same varint length: the low bit of its first byte
  testutil::Rechecksum(&file);
  testutil::WriteBytes(path, file);
  std::unique_ptr<SegmentReader> r;
  const Status open = SegmentReader::Open(path, &r);
  if (!open.ok()) {
    EXPECT_TRUE(open.IsCorruption()) << open.ToString();
    return;
  }
  const Status walk = r->ForEachTerm([](std::string_view, const TermInfo&) { return true; });
  EXPECT_TRUE(walk.IsCorruption()) << walk.ToString();
  EXPECT_NE(walk.message().find("dictionary"), std::string::npos) << walk.message();
}

}  // namespace
}  // namespace dateline::index
