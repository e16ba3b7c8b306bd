// Helpers shared by the temporal tagger tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dateline/dates.h"

namespace dateline::datetest {

inline Date D(const char* s) { return *Date::Parse(s); }

/// The expression whose text equals `text`, or nullptr.
inline const TimeExpr* Find(const std::vector<TimeExpr>& v, const std::string& text) {
  for (const TimeExpr& x : v)
    if (x.text == text) return &x;
  return nullptr;
}

/// The value of expression `expr` found in `text` (document date `dct`), or "<none>".
inline std::string Value(std::string_view text, const char* lang, const char* dct,
                         const std::string& expr) {
  auto v = FindDates(text, lang, D(dct));
  const TimeExpr* x = Find(v, expr);
  return x ? x->value : "<none>";
}

/// The TIMEX3 type of expression `expr` found in `text`, or "<none>".
inline std::string Type(std::string_view text, const char* lang, const char* dct,
                        const std::string& expr) {
  auto v = FindDates(text, lang, D(dct));
  const TimeExpr* x = Find(v, expr);
  return x ? x->type : "<none>";
}

}  // namespace dateline::datetest
