#include "index/annotation_terms.h"

#include <cmath>

#include "dateline/text.h"
#include "extract/names/names.h"

namespace dateline::index {

namespace {

char TypeLetter(EntityType t) {
  switch (t) {
    case EntityType::kPer:
      return 'P';
    case EntityType::kOrg:
      return 'O';
    case EntityType::kLoc:
      return 'L';
    case EntityType::kMisc:
      return 'M';
  }
  return 'M';
}

std::string Tagged(char tag, std::string_view value) {
  std::string t;
  t.reserve(value.size() + 2);
  t.push_back(kAnnotationPrefix);
  t.push_back(tag);
  t.append(value);
  return t;
}

void PutBigEndian(std::string* out, int32_t v) {
  const uint32_t u = static_cast<uint32_t>(v) ^ 0x80000000u;
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(u >> shift));
}

uint32_t GetBigEndian(const char* p) {
  uint32_t u = 0;
  for (int i = 0; i < 4; ++i) u = (u << 8) | static_cast<unsigned char>(p[i]);
  return u;
}

void FieldTerms(const FieldAnnotations& f, std::string_view lang, std::vector<std::string>* out) {
  for (const Entity& e : f.entities) {
    out->push_back(EntityTerm(e.type, e.key));
    if (e.type == EntityType::kPer) {
      const std::string s = SurnameKey(e.text, lang);
      if (!s.empty()) out->push_back(SurnameTerm(s));
      const std::string f = ShortFormKey(e.key);
      if (!f.empty()) out->push_back(ShortFormTerm(f));
    }
  }
  for (const Place& p : f.places) {
    if (!p.country.empty()) out->push_back(CountryTerm(p.country));
    if (p.geonames_id != 0) out->push_back(PlaceIdTerm(p.geonames_id));
    if (p.precision == "country") continue;  // a country's centre is not a place in it
    for (int l = 0; l < kGridLevels; ++l) out->push_back(GridTerm(l, p.lat, p.lon));
  }
}

}  // namespace

std::string EntityTerm(EntityType type, std::string_view key) {
  return Tagged(TypeLetter(type), key);
}
std::string SurnameTerm(std::string_view surname_key) { return Tagged('S', surname_key); }
std::string ShortFormTerm(std::string_view short_key) { return Tagged('F', short_key); }
std::string CountryTerm(std::string_view code) { return Tagged('C', code); }
std::string PlaceIdTerm(int64_t geonames_id) { return Tagged('G', std::to_string(geonames_id)); }

std::string SourceKey(std::string_view source) {
  const std::string folded = text::Fold(source);
  std::string key;
  bool space = false;
  for (char ch : folded) {
    const bool ws = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
    if (ws) {
      space = !key.empty();
      continue;
    }
    if (space) key.push_back(' ');
    space = false;
    key.push_back(ch);
  }
  return key;
}

std::string SourceTerm(std::string_view source) {
  const std::string key = SourceKey(source);
  return key.empty() ? std::string() : Tagged('s', key);
}

int32_t GridRow(int level, double lat) {
  return static_cast<int32_t>(std::floor((lat + 90.0) / kGridDegrees[level]));
}

int32_t GridCol(int level, double lon) {
  double x = std::fmod(lon + 180.0, 360.0);
  if (x < 0) x += 360.0;
  return static_cast<int32_t>(std::floor(x / kGridDegrees[level]));
}

std::string GridCellTerm(int level, int32_t row, int32_t col) {
  return Tagged('g', std::to_string(level) + ":" + std::to_string(row) + ":" + std::to_string(col));
}

std::string GridTerm(int level, double lat, double lon) {
  return GridCellTerm(level, GridRow(level, lat), GridCol(level, lon));
}

std::string EventSpanTerm(int32_t first_day, int32_t last_day) {
  std::string t = Tagged('D', {});
  PutBigEndian(&t, first_day);
  PutBigEndian(&t, last_day);
  return t;
}

bool ParseEventSpanTerm(std::string_view term, int32_t* first_day, int32_t* last_day) {
  if (term.size() != 10 || term[0] != kAnnotationPrefix || term[1] != 'D') return false;
  *first_day = static_cast<int32_t>(GetBigEndian(term.data() + 2) ^ 0x80000000u);
  *last_day = static_cast<int32_t>(GetBigEndian(term.data() + 6) ^ 0x80000000u);
  return true;
}

std::string EventTypeTerm(std::string_view type) { return Tagged('V', type); }

std::string CopyFeatureTerm(uint64_t shingle_hash) {
  std::string t = Tagged('#', {});
  const uint32_t bucket = static_cast<uint32_t>(shingle_hash >> 3) & 0xFFFF;
  t.push_back(static_cast<char>(bucket >> 8));
  t.push_back(static_cast<char>(bucket));
  return t;
}

std::string CopyLinkTerm(uint32_t target_text_length, std::string_view target_id) {
  std::string t = Tagged('>', {});
  for (int shift = 24; shift >= 0; shift -= 8)
    t.push_back(static_cast<char>(target_text_length >> shift));
  t.append(target_id);
  return t;
}

bool ParseCopyLinkTerm(std::string_view term, uint32_t* target_text_length,
                       std::string_view* target_id) {
  if (term.size() < 6 || !term.starts_with(kCopyLinkPrefix)) return false;
  *target_text_length = GetBigEndian(term.data() + 2);
  *target_id = term.substr(6);
  return true;
}

void AnnotationTerms(const Annotations& a, std::string_view lang, std::vector<std::string>* out) {
  out->clear();
  FieldTerms(a.title, lang, out);
  FieldTerms(a.text, lang, out);
  for (const auto& [first, last] : a.event_spans) out->push_back(EventSpanTerm(first, last));
  out->emplace_back(kEventsIndexedTerm);
  for (const FieldAnnotations* f : {&a.title, &a.text}) {
    for (const Event& e : f->events) out->push_back(EventTypeTerm(e.type));
  }
}

}  // namespace dateline::index
