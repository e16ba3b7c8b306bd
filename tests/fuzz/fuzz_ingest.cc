// Fuzz target: one input file read by the ingest readers. Built once per file
// kind (FUZZ_SUFFIX: ".jsonl", ".csv", ".txt", ".warc", ".html", ".jsonl.gz",
// ".jsonl.zst"), so each target's corpus holds files of its kind.
// Invariants: no crash; every delivered document has an id and valid UTF-8 text
// fields; every reject has a reason; a reader error is a Status, not a crash.
#include <string>
#include <vector>

#include "dateline/document.h"
#include "dateline/ingest.h"
#include "fuzz_util.h"

#ifndef FUZZ_SUFFIX
#error "FUZZ_SUFFIX must name the file kind"
#endif

namespace {

using dateline::fuzz::Require;
using dateline::fuzz::ValidUtf8;

class CheckingSink : public dateline::ingest::RecordSink {
 public:
  void OnDocument(dateline::Document&& doc, uint64_t) override {
    Require(!doc.id.empty(), "document without id");
    Require(!doc.text.empty(), "document without text");
    Require(ValidUtf8(doc.id) && ValidUtf8(doc.title) && ValidUtf8(doc.text),
            "document fields are not valid UTF-8");
    ++documents;
  }
  void OnReject(dateline::ingest::Reject&& r) override {
    Require(!r.reason.empty(), "reject without reason");
    Require(r.record.size() <= 8192, "reject excerpt not bounded");
    ++rejects;
  }
  size_t documents = 0, rejects = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = dateline::fuzz::ScratchPath(FUZZ_SUFFIX);
  dateline::fuzz::WriteFile(path, std::string_view(reinterpret_cast<const char*>(data), size));
  CheckingSink sink;
  std::vector<std::string> skipped;
  (void)dateline::ingest::ReadPath(path, dateline::ingest::ReadOptions{}, &sink, &skipped);
  return 0;
}
