// Helpers shared by the readers for building Rejects.
#include "dateline/status.h"
#include "ingest/readers.h"
#include "ingest/utf8.h"
#include "util/json.h"

namespace dateline::ingest {

void EmitReject(const InputFile& file, uint64_t line, uint64_t offset, std::string reason,
                std::string_view raw) {
  Reject r;
  r.file = file.name;
  r.line = line;
  r.offset = offset;
  r.reason = std::move(reason);
  r.record = RecordExcerpt(raw);
  file.sink->OnReject(std::move(r));
}

Status ReportStreamError(const InputFile& file, const LineReader& in, uint64_t line,
                         uint64_t offset, std::string_view partial) {
  const Status& s = in.status();
  EmitReject(file, line, offset, s.message() + "; the rest of the file is unreadable", partial);
  const std::string msg = file.name + ": " + s.message();
  return s.IsCorruption() ? Status::Corruption(msg) : Status::IOError(msg);
}

std::string UnparsableDate(std::string_view value) {
  std::string v(value.substr(0, 64));
  RepairUtf8(&v);
  TruncateUtf8(&v, 60);
  if (v.size() < value.size()) v += "...";
  return "unparsable date " + JsonString(v);
}

std::string Origin(const InputFile& file, uint64_t line) {
  return file.name + ":" + std::to_string(line);
}

}  // namespace dateline::ingest
