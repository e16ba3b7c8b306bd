// Fuzz target: the query parser and the executor. The input is a query string
// (after one option byte); it is parsed and, when valid, run on a small index of
// articles written for this target (entities, places and dates extracted).
// Invariants: no crash; a parsed query renders (DebugString); a search returns
// at most `limit` hits and a total of at least the hits returned.
#include <memory>
#include <string>
#include <vector>

#include "dateline/index.h"
#include "dateline/query.h"
#include "dateline/search.h"
#include "fuzz_index.h"
#include "fuzz_util.h"

namespace {

using dateline::fuzz::Require;

// The index every input searches; built once per process.
const dateline::IndexReader* Index() {
  static std::unique_ptr<dateline::IndexReader> reader = [] {
    const std::string dir = dateline::fuzz::ScratchPath("-query-index");
    dateline::fuzz::BuildSampleIndex(dir);
    std::unique_ptr<dateline::IndexReader> r;
    Require(dateline::IndexReader::Open(dir, &r).ok(), "open reader");
    return r;
  }();
  return reader.get();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dateline::fuzz::Input in(data, size);
  const uint8_t opts = in.Byte();
  const std::string_view q = in.Rest();
  dateline::search::QueryNode node;
  if (!dateline::search::ParseQuery(q, &node).ok()) return 0;
  (void)node.DebugString();
  dateline::search::SearchOptions o;
  o.limit = opts & 7;
  o.offset = (opts >> 3) & 1;
  o.sort = (opts & 16) ? dateline::search::SearchOptions::Sort::kDate
                       : dateline::search::SearchOptions::Sort::kScore;
  o.collapse_copies = opts & 32;
  o.snippets = opts & 64;
  o.date_overlap = opts & 128;
  dateline::search::Results res;
  if (dateline::search::Search(*Index(), node, o, &res).ok()) {
    Require(res.hits.size() <= o.limit, "more hits than the limit");
    Require(res.total >= res.hits.size(), "total below the hits returned");
  }
  return 0;
}
