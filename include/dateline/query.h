// Query syntax tree and parser. The grammar is written down in doc/query-syntax.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/document.h"
#include "dateline/status.h"

namespace dateline::search {

enum class Field : uint8_t { kAll = 0, kTitle = 1, kText = 2 };

/// One node of a parsed query. Leaves keep the raw text as typed; analysis
/// (folding, stemming, splitting "VN-Veiligheidsraad") happens at execution.
struct QueryNode {
  enum class Kind : uint8_t {
    kTerm,       // one word as typed: `text`
    kPhrase,     // a quoted phrase as typed, without the quotes: `text`
    kBoolean,    // `children`, each with its own `occur`
    kLang,       // filter: document language is `text` (ISO 639-1, lower case)
    kDateRange,  // filter: document date within [from, to]; a missing bound is open
    kMatchAll,   // every document (e.g. the empty query, or `*`)
    kEntity,     // filter: an entity whose key is that of `text`; entity_type P, O, L or A (any)
    kCountry,    // filter: a place resolved in country `text` (a code or name, as typed)
    kNear,       // filter: a resolved place within `km` of (`lat`, `lon`)
    kEventDate,  // filter: a resolved date mentioned in the text lies within [from, to]
    kSource,     // filter: the document's source is `text` (folded, whole name)
  };
  enum class Occur : uint8_t { kShould, kMust, kMustNot };

  Kind kind = Kind::kMatchAll;
  Occur occur = Occur::kShould;  // how this node joins its parent Boolean
  Field field = Field::kAll;     // for kTerm / kPhrase
  std::string text;
  std::optional<Date> from, to;     // for kDateRange and kEventDate
  char entity_type = 'A';           // for kEntity: 'P' person, 'O' org, 'L' place, 'A' any
  double lat = 0, lon = 0, km = 0;  // for kNear
  std::vector<QueryNode> children;

  /// True for kLang, kDateRange and the annotation filters (kEntity, kCountry,
  /// kNear, kEventDate, kSource), and for a kBoolean whose leaves are all filters.
  bool IsFilter() const;
  /// A compact, unambiguous rendering for tests and --explain, e.g.
  /// `(+title:"peace talks" haftar -lang:ar)`.
  std::string DebugString() const;
};

/// Parses a query string into a tree. Grammar in brief:
///   words and "quoted phrases"; AND, OR, NOT (upper case) and && || !; +must, -mustnot;
///   parentheses; field prefixes title: text: applying to a word, phrase or group;
///   lang:nl (also lang:nl,de), date:2019-04, date:[2019-04-01 TO 2019-04-30]
///   (either bound may be *), date:>=2019-04-01, date:<2019-05;
///   person:"Khalifa Haftar", org:UN, place:Tripoli, entity:NATO (any type),
///   country:LY (or a country name), near:32.9,13.2,50 (lat,lon,km),
///   event-date:[2019-04-01 TO 2019-04-07] (and the other date: forms),
///   source:"Harbour Herald" (the whole source name, case and diacritics ignored).
/// Juxtaposed clauses form one Boolean whose unprefixed clauses are kShould
/// (filters: kMust). `a AND b` binds tighter than `a OR b`.
/// Errors (InvalidArgument, with the 1-based character column): unbalanced
/// parentheses, a bad date, an operator with nothing to apply to. An unclosed
/// quote extends the phrase to the end of the query.
Status ParseQuery(std::string_view query, QueryNode* out);

}  // namespace dateline::search
