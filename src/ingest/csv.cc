// CSV (RFC 4180): header row, quoted fields with "" escapes that may span lines,
// delimiter ',' or sniffed ';' / TAB.
#include <array>
#include <vector>

#include "ingest/normalize.h"
#include "ingest/readers.h"
#include "ingest/utf8.h"
#include "util/json.h"

namespace dateline::ingest {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

enum Field { kId, kDate, kText, kTitle, kUrl, kSource, kLang, kNumFields, kOther };

Field FieldForColumn(std::string_view lower) {
  if (lower == "id") return kId;
  if (lower == "date" || lower == "published" || lower == "publication_date" ||
      lower == "pubdate") {
    return kDate;
  }
  if (lower == "text" || lower == "body" || lower == "content") return kText;
  if (lower == "title" || lower == "headline") return kTitle;
  if (lower == "url") return kUrl;
  if (lower == "source") return kSource;
  if (lower == "lang" || lower == "language") return kLang;
  return kOther;
}

// Picks the delimiter that occurs most often (outside quotes) in the header line.
char SniffDelimiter(std::string_view head) {
  if (head.substr(0, kBom.size()) == kBom) head.remove_prefix(kBom.size());
  size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : head) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

struct CsvRecord {
  std::vector<std::string> fields;
  uint64_t line = 0;
  uint64_t offset = 0;
  std::string raw;  // excerpt of the raw record
  uint64_t repaired = 0;
  bool too_long = false;
  bool unterminated = false;
};

// Splits the line stream into CSV records.
class CsvParser {
 public:
  CsvParser(LineReader* in, char delim) : in_(in), delim_(delim) {}
  // Reads the next record; false at the end of the input or on a read error.
  bool Next(CsvRecord* rec);

 private:
  enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };
  bool NextNonEmptyLine(std::string_view* line);
  void Start(CsvRecord* rec);
  void TakeLine(std::string_view line, CsvRecord* rec);
  void Parse(std::string_view l, CsvRecord* rec);
  void Append(std::string_view s, CsvRecord* rec);

  LineReader* in_;
  char delim_;
  State state_ = State::kFieldStart;
  std::string buf_;
  size_t record_bytes_ = 0;
};

bool CsvParser::NextNonEmptyLine(std::string_view* line) {
  while (in_->Next(line)) {
    if (in_->line_number() == 1 && line->substr(0, kBom.size()) == kBom) {
      line->remove_prefix(kBom.size());
    }
    if (!line->empty() || in_->last_too_long()) return true;
  }
  return false;
}

void CsvParser::Start(CsvRecord* rec) {
  rec->fields.assign(1, std::string());
  rec->line = in_->line_number();
  rec->offset = in_->line_offset();
  rec->raw.clear();
  rec->repaired = 0;
  rec->too_long = false;
  rec->unterminated = false;
  state_ = State::kFieldStart;
  record_bytes_ = 0;
}

bool CsvParser::Next(CsvRecord* rec) {
  std::string_view line;
  if (!NextNonEmptyLine(&line)) return false;
  Start(rec);
  for (;;) {
    TakeLine(line, rec);
    if (state_ != State::kQuoted) return true;
    Append("\n", rec);
    if (!in_->Next(&line)) {
      rec->unterminated = true;
      return true;
    }
    AppendExcerpt(&rec->raw, "\n");
  }
}

void CsvParser::TakeLine(std::string_view line, CsvRecord* rec) {
  if (in_->last_too_long()) rec->too_long = true;
  buf_.assign(line);
  rec->repaired += RepairUtf8(&buf_);
  AppendExcerpt(&rec->raw, buf_);
  Parse(buf_, rec);
}

void CsvParser::Append(std::string_view s, CsvRecord* rec) {
  record_bytes_ += s.size();
  if (record_bytes_ > kMaxLineBytes && !rec->too_long) {
    rec->too_long = true;
    rec->fields.assign(1, std::string());  // free the memory; the record is rejected
  }
  if (!rec->too_long) rec->fields.back().append(s);
}

void CsvParser::Parse(std::string_view l, CsvRecord* rec) {
  size_t i = 0;
  while (i < l.size()) {
    switch (state_) {
      case State::kFieldStart:
        if (l[i] == '"') {
          state_ = State::kQuoted;
          ++i;
        } else {
          state_ = State::kUnquoted;
        }
        break;
      case State::kUnquoted: {
        const size_t j = std::min(l.find(delim_, i), l.size());
        Append(l.substr(i, j - i), rec);
        if (j < l.size()) {
          rec->fields.emplace_back();
          state_ = State::kFieldStart;
        }
        i = j + 1;
        break;
      }
      case State::kQuoted: {
        const size_t j = std::min(l.find('"', i), l.size());
        Append(l.substr(i, j - i), rec);
        if (j < l.size()) state_ = State::kQuoteInQuoted;
        i = j + 1;
        break;
      }
      case State::kQuoteInQuoted:
        if (l[i] == '"') {
          Append("\"", rec);
          state_ = State::kQuoted;
          ++i;
        } else if (l[i] == delim_) {
          rec->fields.emplace_back();
          state_ = State::kFieldStart;
          ++i;
        } else {
          state_ = State::kUnquoted;  // lenient: text after a closing quote is kept
        }
        break;
    }
  }
}

// The header: which column holds which field.
struct Columns {
  std::array<int, kNumFields> col;
  std::vector<std::string> names;  // as written (trimmed), for extra_json
  std::vector<Field> field;        // per column
};

Columns MapHeader(const std::vector<std::string>& header) {
  Columns c;
  c.col.fill(-1);
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string_view name = TrimSpace(header[i]);
    Field f = FieldForColumn(AsciiLower(name));
    if (f != kOther && c.col[f] >= 0) f = kOther;  // a second column for a field: extra
    if (f != kOther) c.col[f] = static_cast<int>(i);
    c.names.emplace_back(name);
    c.field.push_back(f);
  }
  return c;
}

std::string Cell(const Columns& c, const CsvRecord& rec, Field f) {
  return c.col[f] < 0 ? std::string() : std::string(TrimSpace(rec.fields[c.col[f]]));
}

std::string ExtraJson(const Columns& c, const CsvRecord& rec) {
  std::string out;
  for (size_t i = 0; i < c.field.size(); ++i) {
    if (c.field[i] != kOther) continue;
    out.push_back(out.empty() ? '{' : ',');
    AppendJsonString(&out, c.names[i]);
    out.push_back(':');
    AppendJsonString(&out, rec.fields[i]);
  }
  if (!out.empty()) out.push_back('}');
  return out;
}

// Fills *doc from a data record; returns the reject reason or "".
std::string BuildDocument(const Columns& c, const CsvRecord& rec, const std::string& id_prefix,
                          uint64_t row, Document* doc) {
  if (rec.unterminated) return "unterminated quoted field at end of file";
  if (rec.too_long) return "record longer than 64 MiB";
  if (rec.fields.size() != c.field.size()) {
    return "wrong number of fields: expected " + std::to_string(c.field.size()) + ", found " +
           std::to_string(rec.fields.size());
  }
  doc->id = c.col[kId] >= 0 ? Cell(c, rec, kId) : id_prefix + ":" + std::to_string(row);
  if (doc->id.empty()) return "missing id";
  const std::string date = Cell(c, rec, kDate);
  if (date.empty()) return "missing date";
  const std::optional<Date> d = Date::Parse(date);
  if (!d) return UnparsableDate(date);
  doc->date = *d;
  doc->text = NormalizeBody(rec.fields[c.col[kText]]);
  if (doc->text.empty()) return "empty text";
  if (c.col[kTitle] >= 0) doc->title = NormalizeLine(rec.fields[c.col[kTitle]]);
  doc->url = Cell(c, rec, kUrl);
  doc->source = Cell(c, rec, kSource);
  doc->lang = Cell(c, rec, kLang);
  doc->extra_json = ExtraJson(c, rec);
  return "";
}

// Checks the header; returns the reason that fails the whole file, or "".
std::string CheckHeader(const Columns& c) {
  if (c.col[kDate] < 0) return "CSV header lacks a date column";
  if (c.col[kText] < 0) return "CSV header lacks a text column";
  return "";
}

}  // namespace

Status ReadCsv(LineReader* in, const InputFile& file) {
  CsvParser parser(in, SniffDelimiter(in->Peek(64 * 1024)));
  CsvRecord rec;
  if (!parser.Next(&rec)) {
    if (in->status().ok()) return Status::OK();  // empty file
    return ReportStreamError(file, *in, in->next_line_number(), in->next_offset(), in->pending());
  }
  // A stream error is reported after the records read before it (the reader
  // reads ahead, so the error is known before those records are parsed).
  const Columns columns = MapHeader(rec.fields);
  std::string reason = CheckHeader(columns);
  if (rec.unterminated) reason = "unterminated quoted field in the CSV header";
  if (!reason.empty()) {
    EmitReject(file, rec.line, rec.offset, std::move(reason), rec.raw);
    if (in->status().ok()) return Status::OK();
    return ReportStreamError(file, *in, in->next_line_number(), in->next_offset(), in->pending());
  }
  for (uint64_t row = 1; parser.Next(&rec); ++row) {
    Document doc;
    reason = BuildDocument(columns, rec, file.id_base, row, &doc);
    if (!reason.empty()) {
      EmitReject(file, rec.line, rec.offset, std::move(reason), rec.raw);
      continue;
    }
    doc.origin = Origin(file, rec.line);
    file.sink->OnDocument(std::move(doc), rec.repaired);
  }
  if (in->status().ok()) return Status::OK();
  return ReportStreamError(file, *in, in->next_line_number(), in->next_offset(), in->pending());
}

}  // namespace dateline::ingest
