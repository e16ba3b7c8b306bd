// Annotations: what the extractors find in a document (entities with their
// keys, places), computed once at indexing, stored with the document and
// turned into index terms for person:, org:, place:, country:, near: and
// event-date: queries and facets. See doc/entities.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/document.h"
#include "dateline/entities.h"
#include "dateline/events.h"
#include "dateline/places.h"
#include "dateline/quotes.h"

namespace dateline {

/// The annotations of one field (title or text) of a document; offsets are
/// bytes into that field.
struct FieldAnnotations {
  std::vector<Entity> entities;
  std::vector<Place> places;
  std::vector<Quote> quotes;  // direct and indirect quotes with their speakers (quotes.h)
  std::vector<Event> events;  // who did what to whom, where, when (events.h)
};

struct Annotations {
  FieldAnnotations title, text;
  /// Resolved dates mentioned in title or text with a calendar span, as
  /// (first day, last day) since 1970-01-01, distinct, ascending.
  std::vector<std::pair<int32_t, int32_t>> event_spans;
};

/// Runs the entity tagger (the bundled model of doc.lang; none for languages
/// without one), name keys with in-document linking, the place resolver, the
/// quote finder (speakers keyed by the field's entities), the date resolver (against doc.date)
/// and the event finder (on entities, places and dates)
/// on the title and text of `doc`, whose language must be resolved. Deterministic; thread-safe.
Annotations Annotate(const Document& doc);

/// Annotations of a bare text (no title) in `lang`, dated `date` (year 0 when unknown).
Annotations AnnotateText(std::string_view text, std::string_view lang, const Date& date);

/// Compact binary form stored in the document store (doc/index-format.md):
/// format 2 (format 1 plus tagged sections: quotes, events).
std::string EncodeAnnotations(const Annotations& a);
/// Decodes EncodeAnnotations' output, and format 1 (no quotes) as written by
/// earlier versions; entity, quote, speaker and event texts are filled from `title`
/// and `text`. False when the bytes are malformed or offsets fall outside the fields.
bool DecodeAnnotations(std::string_view in, std::string_view title, std::string_view text,
                       Annotations* out);

/// The text of a mention: bytes [start, end) of `field` with line breaks and
/// runs of spaces collapsed to one space.
std::string MentionText(std::string_view field, uint32_t start, uint32_t end);

}  // namespace dateline
