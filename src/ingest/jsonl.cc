// JSON Lines: one object per line, parsed with a reused simdjson DOM parser (the DOM
// API uses simdjson's runtime-dispatched SIMD kernels and validates the whole line).
#include <simdjson.h>

#include <array>

#include "ingest/normalize.h"
#include "ingest/readers.h"
#include "ingest/utf8.h"
#include "util/json.h"

namespace dateline::ingest {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

enum Field { kId, kDate, kText, kTitle, kUrl, kSource, kLang, kDatePrecision, kNumFields, kOther };

constexpr std::array<std::string_view, kNumFields> kFieldNames = {
    "id", "date", "text", "title", "url", "source", "lang", "date_precision"};

Field Lookup(std::string_view key) {
  for (int f = 0; f < kNumFields; ++f) {
    if (key == kFieldNames[f]) return static_cast<Field>(f);
  }
  return kOther;
}

std::string_view TypeName(element_type t) {
  switch (t) {
    case element_type::ARRAY:
      return "array";
    case element_type::OBJECT:
      return "object";
    case element_type::STRING:
      return "string";
    case element_type::BOOL:
      return "boolean";
    case element_type::NULL_VALUE:
      return "null";
    default:
      break;
  }
  return "number";
}

// The recognised fields of one record; views point into the parser's buffers.
struct Fields {
  std::array<std::string_view, kNumFields> value;
  std::array<bool, kNumFields> present{};
  std::string id_buf;  // decimal form of a numeric id
  std::string extra;   // JSON object of the other fields, without the closing brace
};

void AppendExtra(std::string_view key, element value, std::string* extra) {
  extra->push_back(extra->empty() ? '{' : ',');
  AppendJsonString(extra, key);
  extra->push_back(':');
  std::string_view s;
  if (value.get_string().get(s) == simdjson::SUCCESS) {
    AppendJsonString(extra, s);
  } else {
    extra->append(simdjson::to_string(value));
  }
}

// Stores one recognised field; returns a reject reason for a value of the wrong type.
std::string TakeField(Field f, element value, Fields* out) {
  const element_type t = value.type();
  if (t == element_type::NULL_VALUE) {  // null is the same as absent
    out->present[f] = false;
    return "";
  }
  if (t == element_type::STRING) {
    out->value[f] = value.get_string().value_unsafe();
    out->present[f] = true;
    return "";
  }
  if (f == kId && (t == element_type::INT64 || t == element_type::UINT64)) {
    out->id_buf = t == element_type::INT64 ? std::to_string(value.get_int64().value_unsafe())
                                           : std::to_string(value.get_uint64().value_unsafe());
    out->value[f] = out->id_buf;
    out->present[f] = true;
    return "";
  }
  const std::string expected = f == kId ? "a string or an integer" : "a string";
  return "\"" + std::string(kFieldNames[f]) + "\" is not " + expected + " (found " +
         std::string(TypeName(t)) + ")";
}

// Applies "date_precision" ("day", "month" or "year", any case): a date known
// only to the month or year is kept at that precision even when the record
// writes a full day (e.g. a placeholder "2005-01-01"). A coarser date than the
// precision stays as written. False for an unknown precision word.
bool ApplyPrecision(std::string_view word, Date* d) {
  const std::string w = AsciiLower(TrimSpace(word));
  if (w == "day") return true;
  if (w != "month" && w != "year") return false;
  if (w == "year" || d->precision == Date::Precision::kYear) {
    *d = Date{d->year, 0, 0, Date::Precision::kYear};
  } else if (d->precision == Date::Precision::kDay) {
    *d = Date{d->year, d->month, 0, Date::Precision::kMonth};
  }
  return true;
}

// Checks the required fields and fills *doc.
std::string BuildDocument(Fields* in, Document* doc) {
  if (!in->present[kId]) return "missing id";
  doc->id = std::string(TrimSpace(in->value[kId]));
  if (doc->id.empty()) return "empty id";
  if (!in->present[kDate]) return "missing date";
  const std::optional<Date> date = Date::Parse(TrimSpace(in->value[kDate]));
  if (!date) return UnparsableDate(in->value[kDate]);
  doc->date = *date;
  if (in->present[kDatePrecision] && !ApplyPrecision(in->value[kDatePrecision], &doc->date)) {
    return "unknown date_precision \"" + std::string(in->value[kDatePrecision].substr(0, 40)) +
           "\" (expected day, month or year)";
  }
  if (!in->present[kText]) return "missing text";
  doc->text = NormalizeBody(in->value[kText]);
  if (doc->text.empty()) return "empty text";
  if (in->present[kTitle]) doc->title = NormalizeLine(in->value[kTitle]);
  if (in->present[kUrl]) doc->url = std::string(TrimSpace(in->value[kUrl]));
  if (in->present[kSource]) doc->source = std::string(TrimSpace(in->value[kSource]));
  if (in->present[kLang]) doc->lang = std::string(TrimSpace(in->value[kLang]));
  if (!in->extra.empty()) {
    in->extra.push_back('}');
    doc->extra_json = std::move(in->extra);
  }
  return "";
}

constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

class JsonlReader::Impl {
 public:
  // Parses scratch_ (valid UTF-8, padded).
  std::string ParseScratch(Document* doc) {
    scratch_.reserve(scratch_.size() + simdjson::SIMDJSON_PADDING);
    element root;
    const auto err = parser_.parse(scratch_.data(), scratch_.size(), false).get(root);
    if (err) return std::string("invalid JSON: ") + simdjson::error_message(err);
    simdjson::dom::object obj;
    if (root.get_object().get(obj)) {
      return "not a JSON object (found " + std::string(TypeName(root.type())) + ")";
    }
    Fields fields;
    for (const auto& kv : obj) {
      const Field f = Lookup(kv.key);
      if (f == kOther) {
        AppendExtra(kv.key, kv.value, &fields.extra);
        continue;
      }
      std::string reason = TakeField(f, kv.value, &fields);
      if (!reason.empty()) return reason;
    }
    return BuildDocument(&fields, doc);
  }

  // Copies a line into the padded scratch buffer and repairs its UTF-8.
  uint64_t Load(std::string_view line) {
    scratch_.reserve(line.size() + simdjson::SIMDJSON_PADDING);
    scratch_.assign(line);
    return RepairUtf8(&scratch_);
  }

  const std::string& scratch() const { return scratch_; }

 private:
  simdjson::dom::parser parser_;
  std::string scratch_;
};

JsonlReader::JsonlReader() : impl_(std::make_unique<Impl>()) {}
JsonlReader::~JsonlReader() = default;

std::string JsonlReader::ParseRecord(std::string_view json, Document* doc) {
  impl_->Load(json);
  return impl_->ParseScratch(doc);
}

Status JsonlReader::Read(LineReader* in, const InputFile& file) {
  std::string_view line;
  while (in->Next(&line)) {
    const uint64_t n = in->line_number();
    if (in->last_too_long()) {
      EmitReject(file, n, in->line_offset(), "line longer than 64 MiB", line);
      continue;
    }
    if (n == 1 && line.substr(0, kBom.size()) == kBom) line.remove_prefix(kBom.size());
    if (IsBlank(line)) continue;
    const uint64_t repaired = impl_->Load(line);
    Document doc;
    std::string reason = impl_->ParseScratch(&doc);
    if (!reason.empty()) {
      EmitReject(file, n, in->line_offset(), std::move(reason), impl_->scratch());
      continue;
    }
    doc.origin = Origin(file, n);
    file.sink->OnDocument(std::move(doc), repaired);
  }
  if (in->status().ok()) return Status::OK();
  return ReportStreamError(file, *in, in->next_line_number(), in->next_offset(), in->pending());
}

}  // namespace dateline::ingest
