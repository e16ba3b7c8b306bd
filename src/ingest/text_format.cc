// Dateline text files: "date YYYY[-MM[-DD]]" then the body; one file is one record.
#include <optional>

#include "ingest/normalize.h"
#include "ingest/readers.h"
#include "ingest/utf8.h"
#include "util/json.h"

namespace dateline::ingest {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsBlankChar(char c) { return c == ' ' || c == '\t'; }

std::string Quoted(std::string_view s, size_t max) {
  std::string v(s.substr(0, max + 4));
  TruncateUtf8(&v, max);
  if (v.size() < s.size()) v += "...";
  return JsonString(v);
}

// Parses the header line "date <date>[ <body...>]". On success sets *date and *rest
// (the text after the date) and returns ""; else returns the reject reason.
std::string ParseHeader(std::string_view line, std::optional<Date>* date, std::string_view* rest) {
  const std::string_view t = TrimSpace(line);
  if (t.substr(0, 4) != "date" || (t.size() > 4 && !IsBlankChar(t[4]))) {
    return "missing date header: the file starts with " + Quoted(t, 40);
  }
  size_t i = 4;
  while (i < t.size() && IsBlankChar(t[i])) ++i;
  size_t j = i;
  while (j < t.size() && !IsAsciiSpace(t[j])) ++j;
  if (i == j) return "date header without a date";
  const std::string_view token = t.substr(i, j - i);
  *date = Date::Parse(token);
  if (!date->has_value()) return UnparsableDate(token) + " in the date header";
  *rest = t.substr(j);
  return "";
}

// State of reading one text file.
struct TextState {
  std::string raw;  // excerpt of the raw file for Rejects
  uint64_t repaired = 0;
  bool header_seen = false;
  std::string header_error;
  std::optional<Date> date;
  uint64_t header_line = 0;
  uint64_t long_line = 0;  // number of a line longer than the limit, if any
  ParagraphBuilder body{" "};
};

// Consumes one line; returns false when reading can stop (bad header).
bool TakeLine(const LineReader& in, std::string_view line, std::string* buf, TextState* st) {
  if (in.last_too_long() && st->long_line == 0) st->long_line = in.line_number();
  buf->assign(line);
  st->repaired += RepairUtf8(buf);
  if (in.line_number() > 1) AppendExcerpt(&st->raw, "\n");
  AppendExcerpt(&st->raw, *buf);
  std::string_view l = *buf;
  if (in.line_number() == 1 && l.substr(0, kBom.size()) == kBom) l.remove_prefix(kBom.size());
  if (st->header_seen) {
    st->body.AddLine(l);
    return true;
  }
  if (IsBlank(l)) return true;
  std::string_view rest;
  st->header_error = ParseHeader(l, &st->date, &rest);
  st->header_seen = true;
  st->header_line = in.line_number();
  if (!st->header_error.empty()) return false;
  st->body.AddLine(rest);
  return true;
}

std::string FinalReason(const TextState& st) {
  if (!st.header_seen) return "missing date header: the file is empty";
  if (!st.header_error.empty()) return st.header_error;
  if (st.long_line != 0) return "line " + std::to_string(st.long_line) + " longer than 64 MiB";
  if (st.body.text().empty()) return "empty body";
  return "";
}

}  // namespace

Status ReadTextRecord(LineReader* in, const InputFile& file) {
  TextState st;
  std::string buf;
  std::string_view line;
  while (in->Next(&line)) {
    if (!TakeLine(*in, line, &buf, &st)) break;
  }
  if (!in->status().ok()) return ReportStreamError(file, *in, 1, 0, st.raw);
  std::string reason = FinalReason(st);
  if (!reason.empty()) {
    EmitReject(file, 1, 0, std::move(reason), st.raw);
    return Status::OK();
  }
  Document doc;
  doc.id = file.id_base;
  doc.date = *st.date;
  doc.text = st.body.Take();
  doc.origin = Origin(file, st.header_line);
  file.sink->OnDocument(std::move(doc), st.repaired);
  return Status::OK();
}

}  // namespace dateline::ingest
