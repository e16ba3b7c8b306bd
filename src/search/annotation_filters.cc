#include "search/annotation_filters.h"

#include <algorithm>
#include <climits>
#include <cmath>

#include "dateline/entities.h"
#include "dateline/places.h"
#include "extract/names/names.h"
#include "index/annotation_terms.h"

namespace dateline::search {

namespace {

using Kind = QueryNode::Kind;

constexpr double kKmPerDegree = 111.195;
constexpr size_t kMaxNearCells = 256;

bool SingleWord(std::string_view s) {
  s.remove_prefix(std::min(s.find_first_not_of(' '), s.size()));
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return !s.empty() && s.find(' ') == std::string_view::npos;
}

// Person keys that add middle names to a two-word key, or the key without
// its middle names (AreKeyVariants' middle-name rule).
void ShortFormTerms(const std::string& key, std::vector<std::string>* out) {
  const std::string shorter = ShortFormKey(key);
  if (!shorter.empty()) {
    out->push_back(index::EntityTerm(EntityType::kPer, shorter));
  } else if (IsShortForm(key)) {
    out->push_back(index::ShortFormTerm(key));
  }
}

void EntityTerms(const QueryNode& n, std::vector<std::string>* out) {
  static constexpr std::pair<char, EntityType> kTypes[] = {{'P', EntityType::kPer},
                                                           {'O', EntityType::kOrg},
                                                           {'L', EntityType::kLoc},
                                                           {'M', EntityType::kMisc}};
  for (const auto& [letter, type] : kTypes) {
    if (n.entity_type != 'A' && n.entity_type != letter) continue;
    const std::string key = EntityKey(n.text, type, "");
    if (key.empty()) continue;
    out->push_back(index::EntityTerm(type, key));
    for (const std::string& v : KeyVariants(key)) out->push_back(index::EntityTerm(type, v));
    if (type == EntityType::kPer) ShortFormTerms(key, out);
  }
  if ((n.entity_type == 'P' || n.entity_type == 'A') && SingleWord(n.text)) {
    const std::string s = SurnameKey(n.text, "");
    if (!s.empty()) out->push_back(index::SurnameTerm(s));
    for (const std::string& v : KeyVariants(s)) out->push_back(index::SurnameTerm(v));
  }
  if (n.entity_type == 'L' || n.entity_type == 'A') {
    // The gazetteer entry the name resolves to on its own finds other spellings.
    for (const Place& p : FindPlaces(n.text, "", {})) {
      if (p.geonames_id != 0) out->push_back(index::PlaceIdTerm(p.geonames_id));
    }
  }
}

// Grid cells of the finest level with at most kMaxNearCells cells over the
// circle's bounding box, keeping those whose nearest point lies within km.
void NearTerms(const QueryNode& n, std::vector<std::string>* out) {
  const double dlat = n.km / kKmPerDegree;
  const double coslat = std::max(0.01, std::cos(n.lat * M_PI / 180.0));
  const double dlon = std::min(180.0, dlat / coslat);
  for (int level = index::kGridLevels - 1; level >= 0; --level) {
    const double deg = index::kGridDegrees[level];
    const int32_t r0 = index::GridRow(level, std::max(-90.0, n.lat - dlat));
    const int32_t r1 = index::GridRow(level, std::min(89.999999, n.lat + dlat));
    const int32_t cols = static_cast<int32_t>(std::ceil(360.0 / deg));
    const int32_t span = std::min(cols, static_cast<int32_t>(std::ceil(2 * dlon / deg)) + 1);
    if (static_cast<size_t>(r1 - r0 + 1) * static_cast<size_t>(span) > kMaxNearCells && level > 0) {
      continue;
    }
    const int32_t c0 = index::GridCol(level, n.lon - dlon);
    for (int32_t r = r0; r <= r1; ++r) {
      for (int32_t k = 0; k < span; ++k) {
        const int32_t c = (c0 + k) % cols;
        // Nearest point of the cell to the centre.
        const double lat_lo = r * deg - 90.0, lon_lo = c * deg - 180.0;
        const double plat = std::clamp(n.lat, lat_lo, lat_lo + deg);
        double dl = std::remainder(n.lon - lon_lo, 360.0);
        const double plon = lon_lo + std::clamp(dl, 0.0, deg);
        if (DistanceKm(n.lat, n.lon, plat, plon) <= n.km) {
          out->push_back(index::GridCellTerm(level, r, c));
        }
      }
    }
    return;
  }
}

// Iterates a sorted list of documents; scores 0.
class DocListIter : public Iter {
 public:
  explicit DocListIter(std::vector<uint32_t> docs) : docs_(std::move(docs)) {
    doc_ = docs_.empty() ? kNoDoc : docs_[0];
  }
  uint32_t Next() override { return doc_ = ++i_ < docs_.size() ? docs_[i_] : kNoDoc; }
  uint32_t Advance(uint32_t target) override {
    i_ = static_cast<size_t>(
        std::lower_bound(docs_.begin() + static_cast<ptrdiff_t>(i_), docs_.end(), target) -
        docs_.begin());
    return doc_ = i_ < docs_.size() ? docs_[i_] : kNoDoc;
  }
  float Score() override { return 0; }
  uint64_t Cost() const override { return docs_.size(); }

 private:
  std::vector<uint32_t> docs_;
  size_t i_ = 0;
};

// Adds the documents of one posting list to a bitmap.
void MarkDocs(const index::SegmentReader& seg, const index::TermInfo& info,
              std::vector<uint64_t>* bits) {
  index::PostingsCursor c;
  seg.OpenCursor(info, &c);
  for (uint32_t d = c.doc(); d != kNoDoc; d = c.Next()) {
    if (d < seg.doc_count()) (*bits)[d >> 6] |= uint64_t{1} << (d & 63);
  }
}

IterPtr FromBitmap(const std::vector<uint64_t>& bits) {
  std::vector<uint32_t> docs;
  for (size_t w = 0; w < bits.size(); ++w) {
    for (uint64_t b = bits[w]; b != 0; b &= b - 1) {
      docs.push_back(static_cast<uint32_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(b))));
    }
  }
  if (docs.empty()) return nullptr;
  return std::make_unique<DocListIter>(std::move(docs));
}

Status CheckNode(const QueryNode& n) {
  if (n.kind == Kind::kCountry && CountryCode(n.text).empty()) {
    return Status::InvalidArgument("country: unknown country '" + n.text + "'");
  }
  for (const QueryNode& c : n.children) DL_RETURN_IF_ERROR(CheckNode(c));
  return Status::OK();
}

}  // namespace

Status AnnotationQueryTerms(const QueryNode& n, std::vector<std::string>* terms) {
  terms->clear();
  switch (n.kind) {
    case Kind::kEntity:
      EntityTerms(n, terms);
      break;
    case Kind::kCountry: {
      const std::string code = CountryCode(n.text);
      if (code.empty()) return Status::InvalidArgument("country: unknown country '" + n.text + "'");
      terms->push_back(index::CountryTerm(code));
      break;
    }
    case Kind::kNear:
      NearTerms(n, terms);
      break;
    case Kind::kSource:
      if (std::string t = index::SourceTerm(n.text); !t.empty()) terms->push_back(std::move(t));
      break;
    default:
      return Status::InvalidArgument("not an annotation filter");
  }
  std::sort(terms->begin(), terms->end());
  terms->erase(std::unique(terms->begin(), terms->end()), terms->end());
  return Status::OK();
}

IterPtr MakeTermsUnionIter(const index::SegmentReader& seg, const std::vector<std::string>& terms) {
  std::vector<uint64_t> bits((seg.doc_count() + 63) / 64, 0);
  for (const std::string& t : terms) {
    index::TermInfo info;
    if (seg.Find(t, &info)) MarkDocs(seg, info, &bits);
  }
  return FromBitmap(bits);
}

IterPtr MakeEventDateIter(const index::SegmentReader& seg, int32_t from, int32_t to) {
  std::vector<uint64_t> bits((seg.doc_count() + 63) / 64, 0);
  ForEachEventSpan(seg, from, to, [&](int32_t, int32_t, const index::TermInfo& info) {
    MarkDocs(seg, info, &bits);
  });
  return FromBitmap(bits);
}

bool MarkTermDocs(const index::SegmentReader& seg, const std::string& term,
                  std::vector<uint64_t>* bits) {
  index::TermInfo info;
  if (!seg.Find(term, &info)) return false;
  MarkDocs(seg, info, bits);
  return true;
}

Status ValidateAnnotationFilters(const QueryNode& root) { return CheckNode(root); }

}  // namespace dateline::search
