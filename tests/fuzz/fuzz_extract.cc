// Fuzz target: the extractors (entities, name keys, places, dates, quotes, events) on
// arbitrary text. Input: a language byte, two bytes of document date, then the
// text (repaired to valid UTF-8 first, as ingest does).
// Invariants: every span lies inside the text; dates come in text order with
// non-empty values; quotes come in text order without overlap, and a speaker
// key is the key of an entity of the text; events have a known type, spans
// inside their sentence's text, actor keys of the text's entities and a place
// among its places; the annotations survive encoding and decoding.
#include <algorithm>
#include <string>

#include "dateline/annotate.h"
#include "dateline/dates.h"
#include "dateline/ingest.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using dateline::fuzz::Require;
  dateline::fuzz::Input in(data, size);
  static const char* const kLangs[] = {"en", "nl", "de", "fr", "es", "it", "ar", "und"};
  const char* lang = kLangs[in.Byte() % 8];
  const int days = 15000 + in.Byte() * 40 + in.Byte();  // 2011 .. 2025
  const uint8_t precision = in.Byte() % 3;
  const dateline::Date date =
      dateline::Date::FromDays(days, precision == 0   ? dateline::Date::Precision::kDay
                                     : precision == 1 ? dateline::Date::Precision::kMonth
                                                      : dateline::Date::Precision::kYear);
  std::string text(in.Rest());
  dateline::ingest::RepairUtf8(&text);
  const dateline::Annotations a = dateline::AnnotateText(text, lang, date);
  for (const auto& e : a.text.entities) {
    Require(e.start < e.end && e.end <= text.size(), "entity span outside the text");
    Require(!e.key.empty(), "entity without key");
  }
  for (const auto& p : a.text.places)
    Require(p.start < p.end && p.end <= text.size(), "place span");
  uint32_t quote_end = 0;
  for (const auto& q : a.text.quotes) {
    Require(quote_end <= q.start && q.start < q.end && q.end <= text.size(), "quote span");
    Require(q.speaker_start <= q.speaker_end && q.speaker_end <= text.size(), "speaker span");
    bool known = q.speaker_key.empty();
    for (const auto& e : a.text.entities) known |= e.key == q.speaker_key;
    Require(known, "speaker key of no entity");
    quote_end = q.end;
  }
  const auto& types = dateline::EventTypes();
  for (const auto& ev : a.text.events) {
    Require(std::find(types.begin(), types.end(), ev.type) != types.end(), "unknown event type");
    Require(ev.start <= ev.trigger_start && ev.trigger_start < ev.trigger_end &&
                ev.trigger_end <= ev.end && ev.end <= text.size(),
            "event trigger outside its sentence");
    for (const auto* actors : {&ev.sources, &ev.targets}) {
      for (const auto& x : *actors) {
        Require(x.start < x.end && x.end <= text.size(), "actor span");
        bool known = x.key.empty();
        for (const auto& e : a.text.entities) known |= e.key == x.key;
        Require(known, "actor key of no entity");
      }
    }
    bool place_known = !ev.has_place;
    for (const auto& p : a.text.places)
      place_known |= p.start == ev.place.start && p.end == ev.place.end;
    Require(place_known, "event place of no place");
    Require(ev.date.start <= ev.date.end && ev.date.end <= text.size(), "event date span");
    Require(ev.number_start <= ev.number_end && ev.number_end <= text.size(), "number span");
  }
  dateline::Annotations back;
  Require(dateline::DecodeAnnotations(dateline::EncodeAnnotations(a), "", text, &back),
          "annotations do not decode");
  Require(back.text.entities.size() == a.text.entities.size(), "entities lost in encoding");
  Require(back.text.quotes.size() == a.text.quotes.size(), "quotes lost in encoding");
  for (size_t i = 0; i < a.text.quotes.size(); ++i) {
    Require(back.text.quotes[i].text == a.text.quotes[i].text &&
                back.text.quotes[i].speaker_key == a.text.quotes[i].speaker_key,
            "quote changed in encoding");
  }
  Require(back.text.events.size() == a.text.events.size(), "events lost in encoding");
  for (size_t i = 0; i < a.text.events.size(); ++i) {
    const auto& x = a.text.events[i];
    const auto& y = back.text.events[i];
    Require(x.type == y.type && x.mode == y.mode && x.sources.size() == y.sources.size() &&
                x.targets.size() == y.targets.size() && x.has_place == y.has_place &&
                x.date.value == y.date.value && x.modality == y.modality &&
                x.fatalities == y.fatalities && x.sentence == y.sentence,
            "event changed in encoding");
  }
  uint32_t last = 0;
  for (const auto& t : dateline::FindDates(text, lang, date)) {
    Require(t.start >= last && t.start < t.end && t.end <= text.size(), "date span");
    Require(t.text == text.substr(t.start, t.end - t.start), "date text");
    Require(!t.value.empty(), "date without value");
    last = t.end;
  }
  return 0;
}
