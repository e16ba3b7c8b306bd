// Word lists of the temporal tagger (internal to src/extract).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dateline::extract {

// Language bits.
enum : uint8_t {
  kEN = 1,
  kNL = 2,
  kDE = 4,
  kFR = 8,
  kES = 16,
  kIT = 32,
  kAR = 64,
  kAllLangs = 127
};

// Word categories. `val` meaning per category is given in the comment.
enum Cat : uint8_t {
  kMonth = 0,   // 1..12 (+100 for abbreviations that need care)
  kWeekday,     // ISO 1 (Monday) .. 7 (Sunday)
  kRelDay,      // day offset (today 0, yesterday -1)
  kRelDayPod,   // (offset + 5) * 10 + part of day (vanavond, gisteravond, stasera)
  kUnit,        // Unit
  kNum,         // cardinal number word
  kTens,        // tens word (twenty.. ninety) usable in decades
  kOrd,         // ordinal word
  kLast,        // previous (last, vorige, dernier, pasado, scorso, letzte)
  kNext,        // following (next, volgende, prochain, próximo, prossimo, nächste)
  kThis,        // this (this, deze/dit, ce/cette, este, questo, diese)
  kAgo,         // postposed "ago" (ago, geleden, fa)
  kAgoPre,      // preposed "ago" (vor, hace)
  kInPre,       // preposed "in" with future sense (in, over, dans, dentro, tra, fra, binnen)
  kSeason,      // 1 spring 2 summer 3 autumn 4 winter
  kModStart,    // early / begin / Anfang / début / principios / inizio
  kModMid,      // mid / medio / Mitte / mi / mediados / metà
  kModEnd,      // late / eind / Ende / fin / finales / fine
  kPod,         // 1 morning 2 afternoon 3 evening 4 night
  kRef,         // 0 PRESENT_REF 1 PAST_REF 2 FUTURE_REF
  kSetAdv,      // Unit of a frequency adverb (daily, wekelijks)
  kEvery,       // every, each, elke, jeden, chaque, cada, ogni
  kFutAux,      // future auxiliary / future form
  kPastAux,     // past auxiliary or frequent past form
  kPerfAux,     // perfect auxiliary (has, heeft, hat, a, ha) — past when a participle follows
  kRangeTo,     // to, until, tot, bis, au, al
  kRangeFrom,   // from, van, vom, du, del, dal
  kArticle,     // the, de, het, der, die, le, la, el, il
  kPrep,        // prepositions that may precede a year (in, since, sinds, seit, depuis, desde)
  kFew,         // several, few, enkele, einige, quelques, varios, alcuni (count X)
  kAgeWord,     // old, oud, alt (an age follows the number + unit)
  kDecadeWord,  // years/jaren/années/años/anni/Jahre in "the nineties" constructs
  kCentury,     // century words
  kAmPm,        // 0 am, 12 pm
  kHourWord,    // uur, Uhr, heures, h, horas, ore (clock-time marker)
  kNoon,        // hour value (noon 12, midnight 0)
  kFiscal,      // fiscal
  kPast,        // "past" (the past two years: duration)
  kNow,         // now-like adverbs (PRESENT_REF) handled as kRef; reserved
  kPlan,        // en verbs that point to the future before "to" (plans to, expected to)
  kBeAux,       // en forms of "be" and modals: an -ed word after one is a participle
  kClause,      // words that begin a clause (that, which, when, but; dat, dass, que, che)
  kPlural,      // plural unit words (weeks, weken, Wochen): "the coming weeks" is no one week
  kHoliday,     // month * 100 + day of a fixed holiday; 1 Thanksgiving (US), 2 Easter Sunday
  kPresent,     // en present tense of "be" and of verbs of schedules (meets, opens, begin):
                // with a date, an arrangement ahead ("the leaders meet Monday"; see Tense)
  kCatCount
};

enum Unit : int16_t {
  kUSecond = 1,
  kUMinute,
  kUHour,
  kUDay,
  kUWeek,
  kUMonth,
  kUQuarter,
  kUYear,
  kUDecade,
  kUCentury,
  kUWeekend,
  kUHalf
};

struct LexEntry {
  Cat cat;
  int16_t val;
  uint8_t langs;
};

// Up to 6 meanings of one folded word.
struct LexInfo {
  LexEntry e[6];
  uint8_t n = 0;
};

// Looks up a folded word; nullptr when unknown. The pointer stays valid for the
// life of the program.
// `readable8`: 8 bytes from folded.data() may be read (a faster path).
const LexInfo* Lookup(std::string_view folded, bool readable8 = false);

// The words of up to 8 bytes, each packed in one integer (its bytes from the lowest,
// zero-padded), in an open-addressing table that callers may probe inline.
struct PackedWords {
  const uint64_t* keys = nullptr;  // 0: an empty slot
  const LexInfo* const* infos = nullptr;
  uint32_t mask = 0;
  static uint32_t Slot(uint64_t x, uint32_t m) {
    return static_cast<uint32_t>((x * 0x9E3779B97F4A7C15ull) >> 40) & m;
  }
  // The meanings of a packed folded word of 1 to 8 bytes; nullptr when unknown (as
  // Lookup, without the packing).
  const LexInfo* Find(uint64_t x) const {
    for (uint32_t s = Slot(x, mask); keys[s]; s = (s + 1) & mask)
      if (keys[s] == x) return infos[s];
    return nullptr;
  }
};
const PackedWords& GetPackedWords();

// The length in bytes of the longest folded word of the lexicon.
size_t MaxWordLength();

// Folds one UTF-8 word: lower case, Latin diacritics removed, ß -> ss,
// Arabic alef/yeh variants unified. Appends to *out.
void FoldWord(std::string_view word, std::string* out);

}  // namespace dateline::extract
