// The bundled gazetteer (internal to src/extract/places): entries built from
// GeoNames by scripts/build-gazetteer.py and an index from folded names to
// entries. Format: doc/places.md.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/status.h"

namespace dateline::places {

enum class Kind : uint8_t { kPlace = 0, kRegion = 1, kCountry = 2 };

// One entry, a view of its record in the gazetteer image (strings point into it).
struct GazEntry {
  int64_t id = 0;
  std::string_view name;     // main name
  std::string_view admin1;   // region name ("" for countries and regions)
  std::string_view feature;  // GeoNames feature code
  char cc[3] = {0, 0, 0};    // ISO alpha-2
  Kind kind = Kind::kPlace;
  double lat = 0, lon = 0;
  uint64_t population = 0;
};

// A posting: an entry index with flags.
constexpr uint32_t kPrimaryBit = 1u << 31;  // matched the entry's main/ascii/everyday name
constexpr uint32_t kAcronymBit = 1u << 30;  // the name is all capitals ("UK", "U.S.")
constexpr uint32_t kEntryMask = kAcronymBit - 1;

// Flags of an index key.
enum KeyFlags : uint8_t {
  kIsName = 1,    // the key is a complete name
  kIsPrefix = 2,  // the key is the first words of a longer name
  kIsCommon = 4,  // the name is also a common word: needs context to count as a place
};

struct Lookup {
  uint8_t flags = 0;
  std::span<const uint32_t> postings;
};

/// The gazetteer image of format version 2 (doc/places.md): fixed-size records,
/// a prebuilt hash table of folded names and a filter of first words, used in
/// place. Loading checks the checksum and every offset once; no per-entry work.
class Gazetteer {
 public:
  /// Checks a gazetteer file and copies it (unpacking it if compressed).
  /// Corruption when the bytes are damaged, truncated or of another version.
  static Status Parse(std::string_view bytes, std::unique_ptr<Gazetteer>* out);
  /// Like Parse, but an uncompressed, 8-byte aligned file is used in place:
  /// `bytes` must outlive the gazetteer (the embedded copy does).
  static Status View(std::string_view bytes, std::unique_ptr<Gazetteer>* out);
  /// The gazetteer embedded in the binary, checked once; nullptr if damaged.
  static const Gazetteer* Embedded();
  /// The status of checking the embedded gazetteer.
  static Status EmbeddedStatus();

  /// Looks up a key made by AppendKeyWord; false when absent.
  bool Find(std::string_view key, Lookup* out) const;
  /// False when no name or name prefix starts with this folded first word
  /// (a Bloom filter: true may be a false positive).
  bool MayStart(std::string_view first_word_key) const;
  GazEntry entry(uint32_t i) const;
  size_t size() const { return n_entries_; }
  /// The country entry for an ISO alpha-2 or alpha-3 code (any case), or -1.
  int32_t CountryByCode(std::string_view code) const;

 private:
  struct Sections;
  static Status Open(std::string_view bytes, bool copy, std::unique_ptr<Gazetteer>* out);
  Status Map(std::string_view payload, const char* header);
  Status Validate() const;

  std::string owned_;  // the payload when copied or unpacked
  const char* entries_ = nullptr;
  const char* codes_ = nullptr;
  const uint32_t* slots_ = nullptr;
  const char* key_table_ = nullptr;
  const uint32_t* postings_ = nullptr;
  const uint8_t* bloom_ = nullptr;
  const char* keys_ = nullptr;
  const char* strings_ = nullptr;
  uint32_t n_entries_ = 0, n_keys_ = 0, n_slots_ = 0, n_postings_ = 0, n_codes_ = 0;
  uint32_t strings_size_ = 0, keys_size_ = 0, bloom_bits_ = 0;
};

/// Appends the folded form of one word to a key ("" -> first word, else a space first).
void AppendKeyWord(std::string_view word, std::string* key);
/// Appends the folded form of one word to *out, with no separator.
void AppendWordFold(std::string_view word, std::string* out);
/// The key of a whole name: its words folded and joined by single spaces.
std::string NameKey(std::string_view name);

/// One word of a text: byte range and whether it starts with a capital letter
/// or an Arabic letter (a candidate to start a place name).
struct Word {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool capital = false;
  bool arabic = false;
  bool all_caps = false;
};
/// Splits text into words (letters and digits of any script; everything else separates).
void SplitWords(std::string_view text, std::vector<Word>* out);

}  // namespace dateline::places
