// QuoteSearch(): the stored quotes of the documents matching a query, newest first.
#include <algorithm>
#include <tuple>

#include "dateline/annotate.h"
#include "dateline/search.h"
#include "index/annotation_terms.h"
#include "index/postings.h"
#include "index/segment.h"
#include "search/matches.h"

namespace dateline::search {

namespace {

// Clears the bits of documents with no entity of key `speaker` (a quote's
// speaker key is always the key of one of its document's entities).
void KeepSpeakerDocs(const index::SegmentReader& r, std::string_view speaker,
                     std::vector<uint64_t>* bits) {
  std::vector<uint64_t> has(bits->size(), 0);
  for (EntityType t : {EntityType::kPer, EntityType::kOrg, EntityType::kLoc}) {
    index::TermInfo info;
    if (!r.Find(index::EntityTerm(t, speaker), &info)) continue;
    index::PostingsCursor c;
    r.OpenCursor(info, &c);
    for (uint32_t d = c.doc(); d != index::kNoDoc; d = c.Next()) {
      if ((d >> 6) < has.size()) has[d >> 6] |= uint64_t{1} << (d & 63);
    }
  }
  for (size_t w = 0; w < bits->size(); ++w) (*bits)[w] &= has[w];
}

// Appends the wanted quotes of one field of `doc`.
void AddQuotes(const Document& doc, const char* field, const std::vector<Quote>& quotes,
               std::string_view speaker, std::vector<QuoteHit>* out) {
  for (const Quote& q : quotes) {
    if (!speaker.empty() && q.speaker_key != speaker) continue;
    QuoteHit h;
    h.id = doc.id;
    h.date = doc.date;
    h.lang = doc.lang;
    h.title = doc.title;
    h.source = doc.source;
    h.field = field;
    h.quote = q;
    out->push_back(std::move(h));
  }
}

}  // namespace

Status QuoteSearch(const IndexReader& index, const QueryNode& query, const SearchOptions& options,
                   std::string_view speaker, size_t limit, std::vector<QuoteHit>* out) {
  out->clear();
  std::vector<std::vector<uint64_t>> sets;
  DL_RETURN_IF_ERROR(MatchingDocs(index, query, options, &sets));
  // (date order key, segment, document) of every candidate, newest first.
  std::vector<std::tuple<int64_t, uint32_t, uint32_t>> docs;
  if (!speaker.empty()) {
    for (size_t s = 0; s < sets.size(); ++s) {
      KeepSpeakerDocs(*index.segments()[s].reader, speaker, &sets[s]);
    }
  }
  ForEachMatch(sets, [&](size_t s, uint32_t d) {
    const index::SegmentReader& r = *index.segments()[s].reader;
    if (d >= r.doc_count()) return;
    const index::DocColumns& c = r.columns(d);
    docs.emplace_back(index::DateOrderKey(c.first_day, c.last_day), static_cast<uint32_t>(s), d);
  });
  DL_RETURN_IF_ERROR(index.Damage());  // a damaged speaker list read on the way
  std::sort(docs.begin(), docs.end(), std::greater<>());
  for (const auto& [key, s, d] : docs) {
    if (out->size() >= limit) break;
    Document doc;
    DL_RETURN_IF_ERROR(index.segments()[s].reader->GetDocument(d, &doc));
    Annotations a;
    if (doc.annotations.empty() || !DecodeAnnotations(doc.annotations, doc.title, doc.text, &a)) {
      continue;
    }
    AddQuotes(doc, "title", a.title.quotes, speaker, out);
    AddQuotes(doc, "text", a.text.quotes, speaker, out);
  }
  if (out->size() > limit) out->resize(limit);
  return Status::OK();
}

}  // namespace dateline::search
