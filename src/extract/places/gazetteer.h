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

class Gazetteer {
 public:
  /// Parses a gazetteer file. Corruption when the bytes are damaged, truncated
  /// or of another format version.
  static Status Parse(std::string_view bytes, std::unique_ptr<Gazetteer>* out);
  /// The gazetteer embedded in the binary, parsed once; nullptr if damaged.
  static const Gazetteer* Embedded();
  /// The status of parsing the embedded gazetteer.
  static Status EmbeddedStatus();

  /// Looks up a key made by AppendKeyWord; false when absent.
  bool Find(std::string_view key, Lookup* out) const;
  const GazEntry& entry(uint32_t i) const { return entries_[i]; }
  size_t size() const { return entries_.size(); }
  /// The country entry for an ISO alpha-2 or alpha-3 code (any case), or -1.
  int32_t CountryByCode(std::string_view code) const;

 private:
  struct Key {
    uint32_t offset = 0;  // into keys_
    uint32_t length = 0;
    uint32_t first = 0;  // into postings_
    uint32_t count = 0;
    uint8_t flags = 0;
  };
  struct RawName {
    std::string key;
    uint32_t posting;
  };
  Status ParsePayload();
  Status ParseEntry(std::string_view line, std::vector<RawName>* names);
  void AddNames(std::string_view list, uint32_t entry, bool primary, std::vector<RawName>* names);
  void BuildIndex(std::vector<RawName>* names, const std::vector<std::string>& common);
  void InsertKey(std::string_view key, uint32_t first, uint32_t count, uint8_t flags);
  int64_t Slot(std::string_view key) const;

  std::string payload_;  // the unpacked TSV: entries' strings point into it
  std::vector<GazEntry> entries_;
  std::vector<std::pair<std::string, uint32_t>> codes_;  // sorted upper-case code -> entry
  std::string keys_;
  std::vector<Key> key_table_;
  std::vector<uint32_t> postings_;
  std::vector<uint64_t> slots_;  // open addressing: hash tag << 32 | key index + 1; 0 empty
};

/// Appends the folded form of one word to a key ("" -> first word, else a space first).
void AppendKeyWord(std::string_view word, std::string* key);
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
