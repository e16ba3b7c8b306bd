// Facets over annotation terms: the entities and places of the matching documents.
#include <algorithm>
#include <map>

#include "dateline/annotate.h"
#include "dateline/search.h"
#include "index/annotation_terms.h"
#include "index/postings.h"
#include "index/segment.h"
#include "search/key_variants.h"

namespace dateline::search {

namespace {

using Sets = std::vector<std::vector<uint64_t>>;

bool InSet(const std::vector<uint64_t>& bits, uint32_t d) {
  return (d >> 6) < bits.size() && (bits[d >> 6] >> (d & 63) & 1);
}

// Documents in `bits` among the postings of `info`.
uint64_t CountIn(const index::SegmentReader& r, const index::TermInfo& info,
                 const std::vector<uint64_t>& bits) {
  index::PostingsCursor c;
  r.OpenCursor(info, &c);
  uint64_t n = 0;
  for (uint32_t d = c.doc(); d != index::kNoDoc; d = c.Next()) n += InSet(bits, d);
  return n;
}

// Matching-document counts of every term starting with `prefix`, by the rest of the term.
void CountPrefix(const IndexReader& index, const Sets& sets, const std::string& prefix,
                 std::map<std::string, uint64_t>* counts) {
  for (size_t s = 0; s < index.segments().size(); ++s) {
    const index::SegmentReader& r = *index.segments()[s].reader;
    if (std::none_of(sets[s].begin(), sets[s].end(), [](uint64_t w) { return w != 0; })) continue;
    index::SegmentReader::DictCursor cur(&r);
    for (cur.Seek(prefix); cur.valid() && cur.term().starts_with(prefix); cur.Next()) {
      const uint64_t n = CountIn(r, cur.info(), sets[s]);
      if (n > 0) (*counts)[cur.term().substr(prefix.size())] += n;
    }
  }
}

// Loads the annotations of one matching document that has `term`.
bool FindExample(const IndexReader& index, const Sets& sets, const std::string& term,
                 Annotations* out) {
  for (size_t s = 0; s < index.segments().size(); ++s) {
    const index::SegmentReader& r = *index.segments()[s].reader;
    index::TermInfo info;
    if (!r.Find(term, &info)) continue;
    index::PostingsCursor c;
    r.OpenCursor(info, &c);
    for (uint32_t d = c.doc(); d != index::kNoDoc; d = c.Next()) {
      if (!InSet(sets[s], d)) continue;
      Document doc;
      if (!r.GetDocument(d, &doc).ok()) return false;
      return DecodeAnnotations(doc.annotations, doc.title, doc.text, out);
    }
  }
  return false;
}

struct Ranked {
  std::string tag_and_key;  // type letter + key (the most frequent spelling's)
  uint64_t count;
  std::vector<std::string> variants;  // other keys merged into this one (AreKeyVariants)
};

// Matching documents having any of `terms` (each counted once).
uint64_t CountUnion(const IndexReader& index, const Sets& sets,
                    const std::vector<std::string>& terms) {
  uint64_t n = 0;
  for (size_t s = 0; s < index.segments().size(); ++s) {
    const index::SegmentReader& r = *index.segments()[s].reader;
    std::vector<uint64_t> hit(sets[s].size(), 0);
    for (const std::string& t : terms) {
      index::TermInfo info;
      if (!r.Find(t, &info)) continue;
      index::PostingsCursor c;
      r.OpenCursor(info, &c);
      for (uint32_t d = c.doc(); d != index::kNoDoc; d = c.Next()) {
        if (InSet(sets[s], d)) hit[d >> 6] |= uint64_t{1} << (d & 63);
      }
    }
    for (uint64_t w : hit) n += static_cast<uint64_t>(__builtin_popcountll(w));
  }
  return n;
}

// Groups the keys of one type that are spellings of one name (one edit apart,
// not chained), most frequent first; a group's count is an upper bound until
// recounted.
void GroupVariants(char letter, const std::map<std::string, uint64_t>& counts,
                   std::vector<Ranked>* out) {
  std::vector<std::string> keys;  // ascending
  std::vector<uint64_t> documents;
  keys.reserve(counts.size()), documents.reserve(counts.size());
  for (const auto& [key, n] : counts) keys.push_back(key), documents.push_back(n);
  const std::vector<uint32_t> canon = MergeKeyVariants(keys, documents, 0);
  std::vector<size_t> group(keys.size());
  for (uint32_t k = 0; k < keys.size(); ++k) {
    if (canon[k] != k) continue;
    group[k] = out->size();
    out->push_back({letter + keys[k], documents[k], {}});
  }
  for (uint32_t k = 0; k < keys.size(); ++k) {
    if (canon[k] == k) continue;
    Ranked& r = (*out)[group[canon[k]]];
    r.count += documents[k];
    r.variants.push_back(std::move(keys[k]));
  }
}

void SortAndCut(std::vector<Ranked>* v, size_t limit) {
  std::sort(v->begin(), v->end(), [](const Ranked& a, const Ranked& b) {
    return a.count != b.count ? a.count > b.count : a.tag_and_key < b.tag_and_key;
  });
  if (v->size() > limit) v->resize(limit);
}

char Letter(EntityType t) { return index::EntityTerm(t, "")[1]; }

}  // namespace

Status EntityFacets(const IndexReader& index, const QueryNode& query, const SearchOptions& options,
                    const std::vector<EntityType>& types, size_t limit,
                    std::vector<FacetValue>* out) {
  out->clear();
  Sets sets;
  DL_RETURN_IF_ERROR(MatchingDocs(index, query, options, &sets));
  std::vector<EntityType> want = types;
  if (want.empty())
    want = {EntityType::kPer, EntityType::kOrg, EntityType::kLoc, EntityType::kMisc};
  std::vector<Ranked> ranked;
  for (EntityType t : want) {
    std::map<std::string, uint64_t> counts;
    CountPrefix(index, sets, index::EntityTerm(t, ""), &counts);
    GroupVariants(Letter(t), counts, &ranked);
  }
  // Exact counts for the merged groups that may reach the list, then the final order.
  SortAndCut(&ranked, limit * 2 + 10);
  for (Ranked& r : ranked) {
    if (r.variants.empty()) continue;
    EntityType type = EntityType::kMisc;
    for (EntityType t : want) {
      if (Letter(t) == r.tag_and_key[0]) type = t;
    }
    std::vector<std::string> terms = {index::EntityTerm(type, r.tag_and_key.substr(1))};
    for (const auto& v : r.variants) terms.push_back(index::EntityTerm(type, v));
    r.count = CountUnion(index, sets, terms);
  }
  SortAndCut(&ranked, limit);
  for (const Ranked& r : ranked) {
    FacetValue v;
    EntityType type = EntityType::kMisc;
    for (EntityType t : want) {
      if (Letter(t) == r.tag_and_key[0]) type = t;
    }
    v.key = r.tag_and_key.substr(1);
    v.type = std::string(EntityTypeName(type));
    v.documents = r.count;
    v.display = v.key;
    Annotations a;
    if (FindExample(index, sets, index::EntityTerm(type, v.key), &a)) {
      for (const FieldAnnotations* f : {&a.title, &a.text}) {
        for (const Entity& e : f->entities) {
          if (e.type == type && e.key == v.key && v.display == v.key) v.display = e.text;
        }
      }
    }
    out->push_back(std::move(v));
  }
  return index.Damage();  // a damaged dictionary block read on the way
}

Status PlaceFacets(const IndexReader& index, const QueryNode& query, const SearchOptions& options,
                   size_t limit, std::vector<FacetValue>* out) {
  out->clear();
  Sets sets;
  DL_RETURN_IF_ERROR(MatchingDocs(index, query, options, &sets));
  std::map<std::string, uint64_t> counts;
  const std::string prefix = index::PlaceIdTerm(0).substr(0, 2);
  CountPrefix(index, sets, prefix, &counts);
  std::vector<Ranked> ranked;
  for (auto& [id, n] : counts) ranked.push_back({"G" + id, n, {}});
  SortAndCut(&ranked, limit);
  for (const Ranked& r : ranked) {
    FacetValue v;
    v.key = r.tag_and_key.substr(1);
    v.type = "place";
    v.documents = r.count;
    v.display = v.key;
    Annotations a;
    if (FindExample(index, sets, prefix + v.key, &a)) {
      for (const FieldAnnotations* f : {&a.title, &a.text}) {
        for (const Place& p : f->places) {
          if (std::to_string(p.geonames_id) == v.key && v.display == v.key) {
            v.place = p;
            v.display = p.name;
          }
        }
      }
    }
    out->push_back(std::move(v));
  }
  return index.Damage();  // a damaged dictionary block read on the way
}

}  // namespace dateline::search
